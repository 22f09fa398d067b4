# The economy page (/enhet/{unit}/ekonomi) and its JSON
# (/api/v1/units/{unit}/ledger): seed 002's resultaträkning for Landskrona
# 2024 as the document prints it, the budget for jan–aug periodised by the
# stored profiles (tests/cli/t_profile.sh computes the figures by hand), a
# derived helårsprognos (Vårdval Ögon has none given), the action plan's
# genomförandegrad (5,8 of 7,8 Mkr = 74 %), the unit scope, the 400s and a
# unit without figures.  Every figure is also what `styr ledger` prints.
. "$SRCDIR/tests/web/lib.sh"
demo_db_all
add_user anna unit-manager LKR
add_user rut reader LKR
start_server
NBSP=$(printf '\302\240')
MINUS=$(printf '\342\210\222')
NEG="<span aria-hidden=\"true\">▼</span><span class=\"sr\"> (negativ avvikelse)</span>"
login anna
login rut

# expect_not_contains WHAT NEEDLE HAYSTACK
expect_not_contains() {
	checks=$((checks + 1))
	case "$3" in *"$2"*) fail "$1: did not expect [$2]" ;; esac
}

# cells: the <td>s of a row, as the page lays them out
cells() {
	out=
	for v in "$@"; do out="$out<td class=\"num\">$v</td>"; done
	printf '%s' "$out"
}

# --- the dashboard links the page
http GET /enhet/LKR -b "$T/rut.jar"
expect_contains "dashboard links the economy page" 'href="/enhet/LKR/ekonomi"' "$body"

# --- LKR 2024, the whole year (the default: the latest year with figures)
http GET /enhet/LKR/ekonomi -b "$T/rut.jar"
expect_eq "economy page" 200 "$status"
expect_contains "lang sv" '<html lang="sv">' "$body"
expect_contains "caption: unit and period" \
	"<caption>Resultaträkning LKR, jan–dec 2024 (tkr)</caption>" "$body"
expect_contains "column headers with scope" \
	'<th scope="col">Rad</th><th scope="col">Utfall 2023</th><th scope="col">Utfall 2024</th><th scope="col">Budget 2024</th><th scope="col">Avvikelse</th><th scope="col">Förändring tkr</th><th scope="col">Förändring %</th><th scope="col">Prognos helår</th>' \
	"$body"
expect_contains "regionbidrag" \
	"<tr><th scope=\"row\">Regionbidrag</th>$(cells "242${NBSP}100" "281${NBSP}300" "281${NBSP}300" 0 "39${NBSP}200" "16,2${NBSP}%" "281${NBSP}300")</tr>" \
	"$body"
# seed 002: SUMMA INTÄKTER 413 139, 448 659, budget 434 475, +14 184, +35 520 (8,6 %), prognos 449 763
expect_contains "summa intäkter, emphasised" \
	"<tr class=\"sum\"><th scope=\"row\"><strong>SUMMA INTÄKTER</strong></th>$(cells "413${NBSP}139" "448${NBSP}659" "434${NBSP}475" "14${NBSP}184" "35${NBSP}520" "8,6${NBSP}%" "449${NBSP}763")</tr>" \
	"$body"
# a negative avvikelse is marked by a symbol and words, not colour alone
expect_contains "lönekostnader: negative avvikelse marked" \
	"<th scope=\"row\">Lönekostnader</th>$(cells "${MINUS}186${NBSP}732" "${MINUS}190${NBSP}241" "${MINUS}169${NBSP}775")<td class=\"num neg\">${MINUS}20${NBSP}466 $NEG</td>" \
	"$body"
expect_contains "summa kostnader" \
	"<tr class=\"sum\"><th scope=\"row\"><strong>SUMMA KOSTNADER</strong></th>$(cells "${MINUS}458${NBSP}400" "${MINUS}471${NBSP}287" "${MINUS}434${NBSP}475")<td class=\"num neg\">${MINUS}36${NBSP}812 $NEG</td>" \
	"$body"
# RESULTAT −22 629 as printed, against a budget of 0; förändring +22 632 (50,0 %)
expect_contains "resultat" \
	"<tr class=\"sum\"><th scope=\"row\"><strong>RESULTAT</strong></th>$(cells "${MINUS}45${NBSP}261" "${MINUS}22${NBSP}629" 0)<td class=\"num neg\">${MINUS}22${NBSP}629 $NEG</td>$(cells "22${NBSP}632" "50,0${NBSP}%" "${MINUS}21${NBSP}000")</tr>" \
	"$body"
expect_contains "a positive avvikelse is not marked" \
	"<th scope=\"row\">Fastighetskostnader</th>$(cells "${MINUS}47${NBSP}340" "${MINUS}48${NBSP}142" "${MINUS}48${NBSP}387" 245)" "$body"
expect_contains "the marker is explained" "▼ negativ avvikelse: utfallet är sämre än budgeten" "$body"
expect_not_contains "whole year: no periodisation sentence" 'id="periodisering"' "$body"
expect_not_contains "given prognos: no derived mark" 'id="harledd"' "$body"
expect_contains "form: year" '<input id="ar" name="ar" inputmode="numeric" size="6" value="2024">' "$body"
expect_contains "form: months, december chosen" '<option value="12" selected>december</option>' "$body"
expect_contains "form: labelled" '<label for="man">' "$body"
# the action plan: 7,1 + 3,9 − 5,2 = 5,8 of 7,8 Mkr = 74 %, as styr actions prints it
expect_contains "action plan genomförandegrad" \
	"<tr><th scope=\"row\">LKR-HP2024</th>$(cells 7 "7,8" "5,8" "74${NBSP}%")</tr>" "$body"
expect_contains "cli agrees: 74 %" "5,8 / 7,8 Mkr = 74 %" "$("$STYR" --db "$DB" actions --unit LKR)"
http GET "/enhet/LKR/ekonomi?ar=2024&man=12" -b "$T/rut.jar"
expect_contains "explicit year and months" "448${NBSP}659" "$body"

# --- jan–aug: the budget periodised by LKR's stored profiles
http GET "/enhet/LKR/ekonomi?ar=2024&man=8" -b "$T/anna.jar"
expect_eq "jan–aug" 200 "$status"
expect_contains "caption jan–aug" "<caption>Resultaträkning LKR, jan–aug 2024 (tkr)</caption>" "$body"
# regionbidrag's own (flat) profile: 281 300 × 8 / 12 = 187 533
expect_contains "regionbidrag periodised" \
	"<tr><th scope=\"row\">Regionbidrag</th>$(cells – – "187${NBSP}533" – – – "281${NBSP}300")</tr>" "$body"
expect_contains "lönekostnader periodised" \
	"<th scope=\"row\">Lönekostnader</th>$(cells – – "${MINUS}106${NBSP}958")" "$body"
# RESULTAT 284 033,58 − 273 719,25 = 10 314,33, rounded once (cli/t_profile)
expect_contains "resultat periodised" \
	"<strong>RESULTAT</strong></th>$(cells – – "10${NBSP}314" – – – "${MINUS}21${NBSP}000")</tr>" "$body"
expect_contains "periodisation sentence" \
	'<p id="periodisering">Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag; budgetprofilen för LKR (övriga rader); summaraderna är summan av sina rader.</p>' \
	"$body"
expect_contains "cli agrees: the same sentence" \
	"Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag" \
	"$("$STYR" --db "$DB" ledger --unit LKR --year 2024 --months 8)"
expect_contains "form: months, augusti chosen" '<option value="8" selected>augusti</option>' "$body"

# --- a derived helårsprognos (no prognos given): marked and explained
http GET "/enhet/LKR-VVO/ekonomi?ar=2024" -b "$T/rut.jar"
expect_eq "vårdval ögon" 200 "$status"
expect_contains "derived prognos marked" \
	"<th scope=\"row\">Patient/trafikantavgifter</th>$(cells "1${NBSP}691" "1${NBSP}610" "1${NBSP}680")<td class=\"num neg\">${MINUS}70 $NEG</td>$(cells "${MINUS}81" "${MINUS}4,8${NBSP}%")<td class=\"num\">1${NBSP}610<a href=\"#harledd\" title=\"beräknad prognos\">*</a></td></tr>" \
	"$body"
expect_contains "derived prognos explained" '<p class="hint" id="harledd">* Ingen prognos är angiven' "$body"
expect_contains "cli agrees: derived" "1${NBSP}610*" "$("$STYR" --db "$DB" ledger --unit LKR-VVO --year 2024)"

# --- a unit without figures, and a year without figures
http GET /enhet/LKR-IM/ekonomi -b "$T/rut.jar"
expect_eq "no figures: still a page" 200 "$status"
expect_contains "no figures: a sentence" "Det finns inga ekonomiska uppgifter (resultaträkning) för enheten." "$body"
expect_not_contains "no figures: no table" 'id="resultatrakning"' "$body"
expect_contains "no plans: a sentence" "Enheten har inga handlingsplaner." "$body"
http GET "/enhet/LKR/ekonomi?ar=2019" -b "$T/rut.jar"
expect_eq "a year without figures" 200 "$status"
expect_contains "a year without figures: a sentence" "Det finns inga belopp i resultaträkningen för 2019." "$body"
http GET "/enhet/LKR-IM/ekonomi?ar=&man=12" -b "$T/rut.jar"
expect_eq "empty year from the form: the default" 200 "$status"

# --- bad queries: 400 naming the field and what was expected, in Swedish
for q in "ar=20x4:Året ”20x4”" "ar=1800:Året ”1800”" "man=13:Månaden ”13”" "man=0:Månaden ”0”" \
	"man=aug:Månaden ”aug”"; do
	http GET "/enhet/LKR/ekonomi?${q%%:*}" -b "$T/rut.jar"
	expect_eq "bad ${q%%:*}" 400 "$status"
	expect_contains "bad ${q%%:*} names it" "${q#*:}" "$body"
done
expect_contains "bad man says what is expected" "välj 1 till 12 (januari till och med den månaden)" "$body"

# --- unit scope: a unit manager of LKR reads LKR and below, not HHM
http GET /enhet/HHM/ekonomi -b "$T/anna.jar"
expect_eq "another unit's economy" 403 "$status"
http GET /enhet/LKR-VVO/ekonomi -b "$T/anna.jar"
expect_eq "a unit below the grant" 200 "$status"
http GET /enhet/LKR/ekonomi
expect_eq "not logged in: to the login" 303 "$status"

# --- the JSON API: the same integers
tok=$("$STYR" --db "$DB" user token anna)
H="Authorization: Bearer $tok"
http GET /api/v1/units/LKR/ledger -H "$H"
expect_eq "ledger API" 200 "$status"
expect_contains "API: unit, period" '"unit":"LKR","name":"Lasarettet i Landskrona","months":12,"year":2024,"profile":null' "$body"
expect_contains "API: summa intäkter" \
	'{"row":"summa_intakter","label":"SUMMA INTÄKTER","sum":true,"prev_utfall":413139,"utfall":448659,"budget":434475,"avvikelse":14184,"forandring":35520,"forandring_pct":8.6,"prognos":449763,"prognos_derived":false,"periodised":false}' \
	"$body"
expect_contains "API: resultat" \
	'"row":"resultat","label":"RESULTAT","sum":true,"prev_utfall":-45261,"utfall":-22629,"budget":0,"avvikelse":-22629,"forandring":22632,"forandring_pct":50.0,"prognos":-21000,"prognos_derived":false' \
	"$body"
expect_contains "API: a plain row" '"row":"regionbidrag","label":"Regionbidrag","sum":false,' "$body"
http GET "/api/v1/units/LKR/ledger?year=2024&months=8" -H "$H"
expect_eq "ledger API jan–aug" 200 "$status"
expect_contains "API: periodised regionbidrag, nulls where missing" \
	'{"row":"regionbidrag","label":"Regionbidrag","sum":false,"prev_utfall":null,"utfall":null,"budget":187533,"avvikelse":null,"forandring":null,"forandring_pct":null,"prognos":281300,"prognos_derived":false,"periodised":true}' \
	"$body"
expect_contains "API: periodised resultat" '"row":"resultat","label":"RESULTAT","sum":true,"prev_utfall":null,"utfall":null,"budget":10314,' "$body"
expect_contains "API: profile sentence" \
	'"profile":"Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag; budgetprofilen för LKR (övriga rader); summaraderna är summan av sina rader."' \
	"$body"
http GET "/api/v1/units/LKR-VVO/ledger?year=2024" -H "$H"
expect_contains "API: derived prognos" '"row":"patientavgifter","label":"Patient/trafikantavgifter","sum":false,"prev_utfall":1691,"utfall":1610,"budget":1680,"avvikelse":-70,"forandring":-81,"forandring_pct":-4.79,"prognos":1610,"prognos_derived":true' "$body"
http GET /api/v1/units/LKR-IM/ledger -H "$H"
expect_eq "API: no figures" 200 "$status"
expect_contains "API: no figures, no year, no lines" '"unit":"LKR-IM","name":' "$body"
expect_contains "API: no figures, empty" '"months":12,"year":null,"profile":null,"lines":[]' "$body"
for q in "year=20x4:year" "year=3000:year" "months=13:months" "months=0:months" "months=x:months"; do
	http GET "/api/v1/units/LKR/ledger?${q%:*}" -H "$H"
	expect_eq "API: bad ${q%:*}" 400 "$status"
	expect_contains "API: bad ${q%:*} names ${q#*:}" "{\"error\":{\"code\":\"invalid_parameter\",\"message\":\"${q#*:} \\\"" "$body"
done
http GET /api/v1/units/HHM/ledger -H "$H"
expect_eq "API: another unit" 403 "$status"
http GET /api/v1/openapi.json
expect_contains "openapi lists the ledger" '/api/v1/units/{unit}/ledger' "$body"
"$STYR" --db "$DB" serve --print-routes >"$T/routes"
expect_contains "route table: page" "GET /enhet/{unit}/ekonomi reader unit" "$(cat "$T/routes")"
expect_contains "route table: API" "GET /api/v1/units/{unit}/ledger reader unit" "$(cat "$T/routes")"

# Utfall for part of a year: the dashboard compares it with the budget for
# the same months and names the month that is missing (issue 15).
{
	echo "unit;table;year;month;row;kind;amount;source"
	for m in 1 2 3 4 5 7 8; do echo "LKR;;2025;$m;regionbidrag;utfall;100;test"; done
	echo "LKR;;2025;;regionbidrag;budget;1200;test"
} >"$T/ledger-2025.csv"
"$STYR" --db "$DB" import csv "$T/ledger-2025.csv" >/dev/null || fail "ledger 2025"
http GET /enhet/LKR -b "$T/rut.jar"
expect_contains "the months with utfall are named" \
	'<p id="utfallsperiod">Utfallet finns för jan–aug 2025; budgeten i tabellen gäller samma månader. Utfall saknas för juni 2025, som inte räknas med i utfall eller budget.</p>' "$body"
expect_contains "caption says jan–aug" "<caption>Resultaträkning jan–aug 2025 (tkr)</caption>" "$body"
# like with like: the seven months with utfall against their budget (flat,
# 1 200 × 7 / 12), June's budget only in the prognos (utfall + the budget
# of the five months without utfall)
rb=$(awk 'BEGIN { u = 7 * 100; b = 1200 * 7 / 12; printf "%d %d %d %d", u, b, u - b, u + 1200 * 5 / 12 }')
set -- $rb
expect_contains "regionbidrag: seven months against seven" \
	"<tr><th scope=\"row\">Regionbidrag</th><td class=\"num\">$1</td><td class=\"num\">$2</td><td class=\"num\">$3</td><td class=\"num\">${4:0:1}${NBSP}${4:1}</td></tr>" "$body"
# the API says the same: the months compared and those without utfall
http GET "/api/v1/units/LKR/ledger?year=2025" -H "$H"
expect_eq "API: part year" 200 "$status"
expect_contains "API: months compared" '"compared_months":[1,2,3,4,5,7,8],"missing_months":[6,9,10,11,12]' "$body"
expect_contains "API: the sentence" '"missing":"Utfall saknas för jun, sep–dec 2025: utfall och budget jämförs för jan–maj, jul–aug 2025, de månader som har utfall."' "$body"

stop_server
finish
