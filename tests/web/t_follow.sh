# HTTP against a real server for the follow-up pages: the dashboard's
# economy summary (seed 002's resultaträkning for Landskrona 2024), the
# follow-up calendar (what `styr due` lists), and the report documents
# as HTML, PDF and XLSX downloads.
. "$SRCDIR/tests/web/lib.sh"
demo_db_all
add_user anna unit-manager LKR
add_user rut reader LKR
add_user sol reader LKR-IM-MLD
start_server
NBSP=$(printf '\302\240')
MINUS=$(printf '\342\210\222')
login rut
login sol

# --- economy summary on the dashboard
http GET /enhet/LKR -b "$T/rut.jar"
expect_eq "dashboard" 200 "$status"
expect_contains "economy: year" "Resultaträkning 2024 (tkr)" "$body"
# one figure everywhere: the derived avvikelse, the printed one as a note
expect_contains "economy: printed avvikelse as a note" "Avvikelse Lönekostnader: tryckt i underlaget: " "$body"
expect_contains "economy: summa intäkter utfall, budget, avvikelse, prognos" \
	"SUMMA INTÄKTER</strong></th><td class=\"num\">448${NBSP}659</td><td class=\"num\">434${NBSP}475</td><td class=\"num\">14${NBSP}184</td><td class=\"num\">449${NBSP}763</td>" "$body"
expect_contains "economy: resultat" \
	"RESULTAT</strong></th><td class=\"num\">${MINUS}22${NBSP}629</td>" "$body"
expect_contains "economy: bar chart" 'aria-labelledby="ekonomi-diagram"' "$body"
expect_contains "economy: chart bar" "Utfall 448${NBSP}659" "$body"
expect_contains "dashboard links the calendar" 'href="/enhet/LKR/kalender"' "$body"
http GET /enhet/LKR-IM-MLD -b "$T/sol.jar"
expect_contains "economy: none" "Inga ekonomiska uppgifter" "$body"

# --- follow-up calendar
"$STYR" --db "$DB" due --unit LKR-S --date 2025-03-01 --days 90 >"$T/due.txt"
expect_contains "cli agrees: late delårsrapport" "2024-11-03 försenad" "$(cat "$T/due.txt")"
http GET "/enhet/LKR/kalender?datum=2025-03-01" -b "$T/rut.jar"
expect_eq "calendar" 200 "$status"
expect_contains "calendar: board" "Sjukhusstyrelse Landskrona (LKR-S)" "$body"
expect_contains "calendar: late item" \
	'<tr class="notmet"><td>2024-11-03</td><td><strong>försenad</strong></td><td>delårsrapport jan–aug 2024 (beslutsärende)</td></tr>' "$body"
expect_contains "calendar: due item" "<td>2025-03-31</td><td>att göra</td><td>årsredovisning 2024 (beslutsärende)</td>" "$body"
expect_contains "calendar: uppdrag links its goal" '<a href="/mal/RS-HS03">återrapportering av uppdrag RS-HS03</a>' "$body"
http GET "/enhet/LKR/kalender?datum=1.3.2025" -b "$T/rut.jar"
expect_eq "calendar: bad date" 400 "$status"
http GET "/enhet/LKR/kalender?dagar=-3" -b "$T/rut.jar"
expect_eq "calendar: bad horizon" 400 "$status"
http GET /enhet/LKR/kalender -b "$T/sol.jar"
expect_eq "calendar: another unit" 403 "$status"

# --- documents: readers may download
for f in html pdf xlsx; do
	status=$(curl -s -o "$T/doc.$f" -D "$T/doc.h" -w '%{http_code}' -b "$T/rut.jar" \
		"$BASE/enhet/LKR/dokument?typ=arsredovisning&format=$f&period=2024")
	expect_eq "årsredovisning $f" 200 "$status"
	expect_contains "årsredovisning $f filename" \
		"Content-Disposition: attachment; filename=\"arsredovisning-LKR-2024.$f\"" "$(cat "$T/doc.h")"
done
expect_contains "html content type" "Content-Type: text/html; charset=utf-8" \
	"$(curl -s -D - -o /dev/null -b "$T/rut.jar" "$BASE/enhet/LKR/dokument?typ=arsredovisning&format=html&period=2024")"
expect_contains "html report is LKR's 2024" "<h1>Årsredovisning 2024</h1>" "$(cat "$T/doc.html")"
expect_contains "html report names the unit" "Lasarettet i Landskrona" "$(cat "$T/doc.html")"
expect_eq "pdf magic" "%PDF" "$(head -c 4 "$T/doc.pdf")"
expect_eq "xlsx is a zip" "PK" "$(head -c 2 "$T/doc.xlsx")"
status=$(curl -s -o "$T/doc.pdf" -D "$T/doc.h" -w '%{http_code}' -b "$T/rut.jar" \
	"$BASE/enhet/LKR/dokument?typ=delarsrapport&format=pdf&period=jan-aug%202024")
expect_eq "delårsrapport pdf" 200 "$status"
expect_contains "pdf content type" "Content-Type: application/pdf" "$(cat "$T/doc.h")"
expect_contains "delårsrapport filename is ASCII" 'filename="delarsrapport-LKR-' "$(cat "$T/doc.h")"
status=$(curl -s -o /dev/null -D "$T/doc.h" -w '%{http_code}' -b "$T/rut.jar" \
	"$BASE/enhet/LKR/dokument?typ=verksamhetsplan&format=xlsx&period=2024")
expect_eq "verksamhetsplan xlsx" 200 "$status"
expect_contains "xlsx content type" \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "$(cat "$T/doc.h")"
http GET "/enhet/LKR/dokument?typ=bokslut" -b "$T/rut.jar"
expect_eq "document: unknown type" 400 "$status"
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=docx" -b "$T/rut.jar"
expect_eq "document: unknown format" 400 "$status"
http GET "/enhet/LKR/dokument?typ=arsredovisning&period=2024T2" -b "$T/rut.jar"
expect_eq "document: period that does not fit the type" 400 "$status"
http GET "/enhet/LKR/dokument?typ=arsredovisning" -b "$T/sol.jar"
expect_eq "document: another unit" 403 "$status"

# --- analysis form: per-field errors keep what was typed; CSRF; audit
login anna
http GET /enhet/LKR -b "$T/anna.jar"
expect_contains "dashboard links the analysis form" 'href="/enhet/LKR/analys"' "$body"
http GET /enhet/LKR/analys -b "$T/rut.jar"
expect_eq "analysis form: reader" 403 "$status"
http GET /enhet/LKR/analys -b "$T/anna.jar"
expect_eq "analysis form" 200 "$status"
expect_contains "analysis form starts from this year" "value=\"$(date -u +%Y)\"" "$body"
http GET /enhet/LKR/atgard -b "$T/anna.jar"
expect_contains "action form starts from this year's plan" "value=\"LKR-HP$(date -u +%Y)\"" "$body"
http POST /enhet/LKR/analys -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "period=tjugo" --data-urlencode "amne=ekonomi" --data-urlencode "vad=" \
	--data-urlencode "varfor=Fler vårddagar än planerat"
expect_eq "analysis: bad period and empty what" 422 "$status"
expect_contains "analysis: period error next to its field" 'id="period-fel"' "$body"
expect_contains "analysis: period error names what was typed" "”tjugo” är ingen period" "$body"
expect_contains "analysis: what is required" 'id="vad-fel"' "$body"
expect_contains "analysis: typed period kept" 'value="tjugo"' "$body"
expect_contains "analysis: typed why kept" ">Fler vårddagar än planerat</textarea>" "$body"
expect_contains "analysis: summary links the field" '<a href="#vad">Vad har hänt?</a>' "$body"
http POST /enhet/LKR/analys -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "period=2025" --data-urlencode "amne=ekonmi" --data-urlencode "vad=Text"
expect_eq "analysis: unknown subject" 422 "$status"
expect_contains "analysis: subject error" "”ekonmi” är varken ett måls kod eller ett avsnitt" "$body"
expect_contains "analysis: subject kept" 'value="ekonmi"' "$body"
http POST /enhet/LKR/analys -b "$T/anna.jar" --data "period=2025&amne=ekonomi&vad=x"
expect_eq "analysis: no CSRF token" 403 "$status"
http POST /enhet/LKR/analys -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "period=2025" --data-urlencode "amne=ekonomi" \
	--data-urlencode "rubrik=Underskott" --data-urlencode "vad=Underskott mot budget" \
	--data-urlencode "varfor=Inhyrd personal" --data-urlencode "framat=Åtgärdsplan"
expect_eq "analysis saved" 303 "$status"
run --db "$DB" audit verify
expect_eq "audit chain whole after analysis" 0 "$rc"
add_user karl controller
login karl
http GET "/api/v1/audit?per_page=500" -b "$T/karl.jar"
expect_contains "analysis audited" '"action":"analysis.put"' "$body"
expect_contains "analysis audit names it" '"entity":"analysis LKR 2025 ekonomi"' "$body"
http POST /enhet/LKR/analys -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "period=2025" --data-urlencode "amne=ekonomi" \
	--data-urlencode "rubrik=Underskott" --data-urlencode "vad=Underskott mot budget, reviderat"
expect_eq "analysis replaced" 303 "$status"
http GET "/api/v1/audit?per_page=500" -b "$T/karl.jar"
expect_contains "replaced analysis audited with what it replaced" \
	'"before":"Underskott: Underskott mot budget","after":"Underskott: Underskott mot budget, reviderat"' "$body"
http GET "/api/v1/units/LKR/analyses?year=2025&subject=ekonomi" -b "$T/rut.jar"
expect_eq "api: analyses list" 200 "$status"
expect_contains "api: stored analysis" '"what":"Underskott mot budget, reviderat"' "$body"
expect_contains "api: author" '"author":"anna"' "$body"
http GET "/api/v1/units/LKR/analyses?year=2024&subject=RS-OM4" -b "$T/rut.jar"
expect_contains "api: demo analysis" '"title":"Attraktiv arbetsplats"' "$body"

# --- action form and API
http POST /enhet/LKR/atgard -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "plan=LKR-HP2025" --data-urlencode "titel=Minska inhyrd personal" \
	--data-urlencode "ansvarig=" --data-urlencode "klart=2025-13-01" \
	--data-urlencode "forvantad=sju" --data-urlencode "uppnadd="
expect_eq "action: bad fields" 422 "$status"
expect_contains "action: owner required" 'id="ansvarig-fel"' "$body"
expect_contains "action: bad date" "”2025-13-01” är inget datum" "$body"
expect_contains "action: bad amount" "”sju” är inget belopp i Mkr" "$body"
expect_contains "action: typed title kept" 'value="Minska inhyrd personal"' "$body"
expect_contains "action: typed amount kept" 'value="sju"' "$body"
http POST /enhet/LKR/atgard -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "plan=LKR-HP2025" --data-urlencode "titel=Minska inhyrd personal" \
	--data-urlencode "ansvarig=Verksamhetschef" --data-urlencode "klart=2025-06-30" \
	--data-urlencode "forvantad=2,5" --data-urlencode "uppnadd=1,2"
expect_eq "action saved" 303 "$status"
http GET "/api/v1/units/LKR/actions?plan=LKR-HP2025" -b "$T/rut.jar"
expect_contains "api: stored action" '"title":"Minska inhyrd personal"' "$body"
expect_contains "api: expected in tkr" '"expected_tkr":2500' "$body"
expect_contains "api: genomförandegrad" '"completion_pct":48' "$body"
http GET "/api/v1/units/LKR/actions?plan=LKR-HP2024" -b "$T/rut.jar"
expect_contains "api: demo plan" '"title":"Beslutad handlingsplan 2024, totalt värde"' "$body"
expect_contains "api: demo plan 7,8 Mkr" '"expected_tkr":7800' "$body"
TOKEN=$("$STYR" --db "$DB" user token anna)
RTOKEN=$("$STYR" --db "$DB" user token rut)
http POST /api/v1/units/LKR/actions -H "Authorization: Bearer $TOKEN" \
	-d '{"plan":"LKR-HP2025","title":"Färre överbeläggningar","owner":"Chef","due":"2025-09-30","expected_mkr":1.5}'
expect_eq "api: action created" 201 "$status"
expect_contains "api: action answer" '"expected_tkr":1500' "$body"
http POST /api/v1/units/LKR/actions -H "Authorization: Bearer $TOKEN" \
	-d '{"plan":"LKR-HP2025","title":"X","owner":"Chef","due":"30/9","expected_mkr":1.5}'
expect_eq "api: bad due date" 400 "$status"
expect_contains "api: names the field" '"message":"due:' "$body"
http POST /api/v1/units/LKR/actions -H "Authorization: Bearer $TOKEN" -d '{"colour":"red"}'
expect_eq "api: unknown field" 400 "$status"
expect_contains "api: unknown field code" '"code":"unknown_field"' "$body"
http POST /api/v1/units/LKR/analyses -H "Authorization: Bearer $RTOKEN" \
	-d '{"period":"2025","subject":"ekonomi","what":"x"}'
expect_eq "api: reader may not write" 403 "$status"
http POST /api/v1/units/LKR/analyses -H "Authorization: Bearer $TOKEN" \
	-d '{"period":"2025","subject":"NOPE","what":"x"}'
expect_eq "api: unknown subject" 400 "$status"
expect_contains "api: subject named" '"message":"subject:' "$body"
http POST /api/v1/units/LKR/analyses -H "Authorization: Bearer $TOKEN" \
	-d '{"period":"2025","subject":"produktion","what":"Fler besök","why":"Nya lokaler"}'
expect_eq "api: analysis created" 201 "$status"
expect_contains "api: analysis answer" '"subject":"produktion"' "$body"
http GET /api/v1/openapi.json
expect_contains "openapi: analyses" '"/api/v1/units/{unit}/analyses"' "$body"
expect_contains "openapi: actions" '"/api/v1/units/{unit}/actions"' "$body"
expect_contains "openapi: action body schema" '"required":["plan","title","owner","due","expected_mkr"]' "$body"

# --- the period lock holds for analyses and actions
http POST /api/v1/units/LKR/reports/2025/submit -H "Authorization: Bearer $TOKEN" -d '{}'
expect_eq "submit 2025" 200 "$status"
KTOKEN=$("$STYR" --db "$DB" user token karl)
http POST /api/v1/units/LKR/reports/2025/approve -H "Authorization: Bearer $KTOKEN" -d '{}'
expect_eq "approve 2025" 200 "$status"
before=$(snapshot "$DB")
http POST /enhet/LKR/analys -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "period=2025" --data-urlencode "amne=ekonomi" --data-urlencode "vad=Ändrad"
expect_eq "analysis: locked period" 423 "$status"
expect_contains "analysis: locked message, who approved it" "Perioden 2025 är låst: rapporten för Lasarettet i Landskrona godkändes av karl" "$body"
expect_contains "analysis: locked keeps text" ">Ändrad</textarea>" "$body"
http POST /api/v1/units/LKR/actions -H "Authorization: Bearer $TOKEN" \
	-d '{"plan":"LKR-HP2025","title":"Sent","owner":"Chef","due":"2025-12-31","expected_mkr":"0,5"}'
expect_eq "api: action in a locked year" 423 "$status"
expect_eq "a refused write changes nothing" "$before" "$(snapshot "$DB")"

# --- goal page: the X-matris row and an uppdrag's escalation history
http POST /api/v1/units/LKR/actions -H "Authorization: Bearer $TOKEN" \
	-d '{"plan":"LKR-HP2026","title":"Fler mottagningstider","owner":"VO-chef","due":"2026-06-30","expected_mkr":0.4,"insatsomrade":"LKR-G02"}'
expect_eq "api: action towards a goal" 201 "$status"
http GET /mal/LKR-G02 -b "$T/rut.jar"
expect_eq "goal page" 200 "$status"
expect_contains "xmatris: chain" '<a href="/mal/RS-VISION">RS-VISION</a> → <a href="/mal/RS-OM2">RS-OM2</a>' "$body"
expect_contains "xmatris: owner" '<a href="/enhet/LKR">LKR</a> (huvudansvar)' "$body"
expect_contains "xmatris: indicators" '<a href="/enhet/LKR/indikator/ID0069">ID0069</a>, <a href="/enhet/LKR/indikator/ID0070">ID0070</a>' "$body"
expect_contains "xmatris: the unit's action" "<li>Fler mottagningstider (VO-chef)</li>" "$body"
http GET /mal/RS-HS03 -b "$T/rut.jar"
expect_contains "uppdrag: not escalated" "Inte eskalerat." "$body"
run --db "$DB" uppdrag escalate RS-HS03 --to påpekande --date 2025-04-10 --reason "Ingen återrapportering" --by HSN
http GET /mal/RS-HS03 -b "$T/rut.jar"
expect_contains "uppdrag: level" '<dd id="eskaleringsniva">påpekande' "$body"
expect_contains "uppdrag: history" "<td>1</td><td>2025-04-10</td><td>ingen → påpekande</td><td>HSN</td><td>Ingen återrapportering</td>" "$body"
expect_contains "uppdrag: report date" "<dd>2025-03-31</dd>" "$body"
finish
