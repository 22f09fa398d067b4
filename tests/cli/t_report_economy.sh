#!/usr/bin/env bash
# The reports' economy, personnel, action and plan sections filled from the
# store: Landskrona's resultaträkning 2024 as seed 002 prints it (lines
# 2563–2599), the rounding notes styr check finds in it, the personnel
# cost tables, the action plan's genomförandegrad (5,8 of 7,8 Mkr = 74 %),
# the verksamhetsplan's budget, uppdrag and X-matris; the same figures as
# numbers in the workbook; valid HTML; and a unit without a ledger still
# has the sections, saying there is nothing.
. "$(dirname "$0")/report_lib.sh"
"$STYR" --db "$db" import csv "$DEMO/ledger.csv" "$SRCDIR/data/rules/generic.csv" "$DEMO/actions.csv" \
	"$DEMO/uppdrag.csv" "$DEMO/goals_hhm2024.csv" >/dev/null || fail "importing the economy demo data"
MINUS=$(printf '\342\210\222')

run --db "$db" report arsredovisning --unit LKR --period 2024 --format pdf -o "$T/ar.pdf"
expect_eq "pdf exit" 0 "$rc"
text=$(pdftotext -layout "$T/ar.pdf" - | sed "s/$NBSP/ /g" | tr -s ' ')
# Seed 002 line 2577 ff., with styr's minus sign.
expect_contains "SUMMA INTÄKTER row" "SUMMA INTÄKTER 413 139 448 659 434 475 14 184 449 763" "$text"
expect_contains "SUMMA KOSTNADER row" "SUMMA KOSTNADER ${MINUS}458 400 ${MINUS}471 287 ${MINUS}434 475 ${MINUS}36 812 ${MINUS}470 763" "$text"
expect_contains "RESULTAT row" "RESULTAT ${MINUS}45 261 ${MINUS}22 629 0 ${MINUS}22 629 ${MINUS}21 000" "$text"
expect_contains "printed avvikelse kept" "Försäljning av verksamhet 42 065 45 445 47 480 ${MINUS}2 035 45 080" "$text"
# One figure everywhere (issue 17): seed 002 prints Lönekostnader's
# avvikelse as −20 467; utfall − budget is −20 466, which the economy page,
# the API and styr ledger show.  The report shows it too, and says what
# the document printed.
expect_contains "derived avvikelse" "Lönekostnader ${MINUS}186 732 ${MINUS}190 241 ${MINUS}169 775 ${MINUS}20 466 ${MINUS}187 046" "$text"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar.html"
expect_contains "printed figure as a note" "Avvikelse är utfall − budget. Lönekostnader: tryckt i underlaget: ${MINUS}20${NBSP}467 (skillnad 1)." "$(cat "$T/ar.html")"
expect_contains "columns" "Rad Utfall 2023 Utfall 2024 Budget 2024 Avvikelse Prognos helår 2024" "$text"
expect_contains "bar chart" "Budget och utfall 2024 (tkr)" "$text"
expect_contains "result chart" "Resultatutveckling (tkr)" "$text"
# Seed 002's own ±1 tkr differences are rounding notes, not errors.
expect_contains "check summary" "Kontroll av siffrorna: 0 fel och 12 avrundningsdifferenser." "$text"
expect_contains "rounding note RESULTAT" "Avrundning RESULTAT = intäkter + Resultaträkning 2024 utfall ${MINUS}22 629 ${MINUS}22 628 ${MINUS}1" "$text"
expect_contains "personnel table" "Personalkostnader 2024: lonekostnader-landskrona (tkr)" "$text"
expect_contains "personnel sum" "SUMMA KOSTNADER ${MINUS}274 706 ${MINUS}280 206 ${MINUS}251 008 ${MINUS}29 198 ${MINUS}276 439" "$text"
expect_contains "action plan total" "Totalt 7,8 5,8 74 %" "$text"
expect_contains "genomförandegrad" "Genomförandegrad LKR-HP2024: 5,8 av 7,8 Mkr = 74 %" "$text"
expect_contains "achieved per insatsområde" "Inköp och materialförsörjning – ${MINUS}5,2 –" "$text"
case "$text" in *"Inga ekonomiska uppgifter"*) fail "the economy section still says it is empty" ;; esac

# XLSX: the resultaträkning is a sheet of its own with numbers as numbers.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format xlsx -o "$T/ar.xlsx"
expect_eq "xlsx exit" 0 "$rc"
wb=$(unzip -p "$T/ar.xlsx" xl/workbook.xml)
expect_contains "resultaträkning sheet" '<sheet name="' "$(printf '%s' "$wb" | grep -o '<sheet name="[0-9]* Resultaträkning 2024[^"]*"')"
n=$(printf '%s' "$wb" | grep -o '<sheet name="[^"]*"' | grep -n 'Resultaträkning 2024' | head -1 | cut -d: -f1)
sheet=$(unzip -p "$T/ar.xlsx" "xl/worksheets/sheet$n.xml")
expect_contains "SUMMA INTÄKTER 2024 is a number" '<v>448659</v>' "$sheet"
expect_contains "RESULTAT 2024 is a negative number" '<v>-22629</v>' "$sheet"
cell=$(printf '%s' "$sheet" | grep -o '<c r="C3"[^/]*</v></c>')
case "$cell" in *'t="s"'*) fail "C3 is a shared string: $cell" ;; '') fail "no C3 in the resultaträkning sheet" ;; esac
n=$(printf '%s' "$wb" | grep -o '<sheet name="[^"]*"' | grep -n 'Handlingsplan LKR-HP2024' | head -1 | cut -d: -f1)
expect_contains "genomförandegrad as a percent number" '><v>74.4' "$(unzip -p "$T/ar.xlsx" "xl/worksheets/sheet$n.xml")"

# HTML: valid and accessible with the new tables.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format html -o "$T/ar.html"
expect_eq "html exit" 0 "$rc"
html=$(cat "$T/ar.html")
expect_eq "tidy finds nothing" "" "$(tidy -e -q "$T/ar.html" 2>&1)"
expect_contains "lang" '<html lang="sv">' "$html"
expect_contains "column header" '<th scope="col">Prognos helår 2024</th>' "$html"
expect_contains "row header" '<th scope="row">SUMMA INTÄKTER</th>' "$html"
expect_contains "genomförandegrad" "74${NBSP}%" "$html"
expect_eq "every svg has a label" "$(grep -c '<svg' "$T/ar.html")" "$(grep -c '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="' "$T/ar.html")"

# Verksamhetsplan: the budget, the uppdrag the board has, the X-matris.
run --db "$db" report verksamhetsplan --unit LKR --period 2024 --format html -o "$T/vp.html"
expect_eq "plan exit" 0 "$rc"
vp=$(cat "$T/vp.html")
expect_eq "plan tidy" "" "$(tidy -e -q "$T/vp.html" 2>&1)"
expect_contains "budget table" "Budget 2024 (tkr)" "$vp"
expect_contains "budget figure" "<td class=\"num\">434${NBSP}475</td>" "$vp"
expect_contains "uppdrag table" "Uppdrag till styrelsen" "$vp"
expect_contains "board's uppdrag" "Kartlägga befintligt utbud av hälsofrämjande insatser" "$vp"
expect_contains "board's role" "<td>medansvar</td>" "$vp"
expect_contains "x-matris" "X-matris: mål, indikatorer, åtgärder och ägare" "$vp"
expect_contains "x-matris row" "<td>ID0069, ID0070</td>" "$vp"
case "$vp" in *"Ingen budget finns ännu"*) fail "the plan's budget is still empty" ;; esac
# Hässleholm's plan: the X-matris names the actions towards each goal
# (the nine åtgärder for a budget in balance serve HHM-M53, seed 001
# lines 286–302), as styr show xmatris does
run --db "$db" report verksamhetsplan --unit HHM --period 2024 --format html -o "$T/vp-hhm.html"
expect_eq "HHM plan exit" 0 "$rc"
expect_eq "HHM plan tidy" "" "$(tidy -e -q "$T/vp-hhm.html" 2>&1)"
hhm_actions=$(awk -F';' '$2 == "HHM" && $10 == "HHM-M53" {print $4}' "$DEMO/actions.csv" | paste -sd';' | sed 's/;/; /g')
expect_contains "x-matris actions" "<td>RS-OM5</td><td>–</td><td>$hhm_actions</td><td>HHM (huvudansvar)</td>" "$(cat "$T/vp-hhm.html")"

# Monthly figures: a delårsrapport sums the months of the period, derives
# the helårsprognos from the year budget, and draws the result of both
# years' months.
{
	echo "unit;table;year;month;row;kind;amount;source"
	for m in 1 2 3 4 5; do
		echo "LKR-PO;;2024;$m;regionbidrag;utfall;100;test"
		echo "LKR-PO;;2024;$m;summa_intakter;utfall;100;test"
		echo "LKR-PO;;2024;$m;resultat;utfall;100;test"
		echo "LKR-PO;;2023;$m;resultat;utfall;50;test"
	done
	echo "LKR-PO;;2024;;regionbidrag;budget;1200;test"
	echo "LKR-PO;;2024;;resultat;budget;1200;test"
} >"$T/months.csv"
"$STYR" --db "$db" import csv "$T/months.csv" >/dev/null || fail "importing monthly figures"
run --db "$db" report delarsrapport --unit LKR-PO --period 2024T1 --format html -o "$T/po.html"
expect_eq "monthly exit" 0 "$rc"
po=$(sed "s/$NBSP/ /g" "$T/po.html")
expect_contains "months summed, budget periodised" '<tr><th scope="row">RESULTAT</th><td class="num">200</td><td class="num">400</td><td class="num">400</td><td class="num">0</td><td class="num">1 200</td></tr>' "$po"
expect_contains "derived forecast" "Helårsprognos 2024: resultat 1 200 tkr (utfall hittills och budget för resten av året)." "$po"
expect_contains "result chart from months" "2023 200; 2024 400;" "$po"
expect_contains "nothing found" "inga fel och inga avrundningsdifferenser för tertial 1 2024 och 2023." "$po"
# Budget against utfall per month: the months of the period, the year
# budget periodised (1 200 / 12), said in words, drawn in the PDF, as
# numbers in the workbook.
expect_contains "month chart label" 'aria-label="Stapeldiagram över budget och utfall per månad 2024, RESULTAT, tkr: jan budget 100, utfall 100; feb budget 100, utfall 100; mar budget 100, utfall 100; apr budget 100, utfall 100;"' "$po"
case "$po" in *"maj budget"*) fail "the month chart goes beyond the period" ;; esac
run --db "$db" report delarsrapport --unit LKR-PO --period 2024T1 --format pdf -o "$T/po.pdf"
expect_eq "monthly pdf exit" 0 "$rc"
expect_contains "month chart caption" "Budget och utfall per månad 2024: RESULTAT (tkr)" "$(pdftotext -layout "$T/po.pdf" - | tr -s ' ')"
run --db "$db" report delarsrapport --unit LKR-PO --period 2024T1 --format xlsx -o "$T/po.xlsx"
expect_eq "monthly xlsx exit" 0 "$rc"
wb=$(unzip -p "$T/po.xlsx" xl/workbook.xml)
n=$(printf '%s' "$wb" | grep -o '<sheet name="[^"]*"' | grep -n 'Budget och utfall per m' | head -1 | cut -d: -f1)
[ -n "$n" ] || fail "no month chart sheet in: $wb"
cells=$(unzip -p "$T/po.xlsx" "xl/worksheets/sheet$n.xml" | grep -o '<c r="[BC][0-9]*"[^>]*><v>[^<]*</v>' | grep -v 't="s"' | sed 's/ s="[0-9]*"//')
expect_eq "month budget and utfall as numbers, jan to apr (not strings)" \
	"$(for r in 3 4 5 6; do printf '<c r="B%s"><v>100</v><c r="C%s"><v>100</v>' "$r" "$r"; done)" \
	"$(printf '%s' "$cells" | tr -d '\n')"

# A difference beyond a rule's tolerance is an error, not a rounding note.
{
	echo "unit;table;year;month;row;kind;amount;source"
	echo "LKR-PO-KUA;;2024;;regionbidrag;utfall;900;test"
	echo "LKR-PO-KUA;;2024;;patientavgifter;utfall;50;test"
	echo "LKR-PO-KUA;;2024;;summa_intakter;utfall;1000;test"
} >"$T/wrong.csv"
"$STYR" --db "$db" import csv "$T/wrong.csv" >/dev/null || fail "importing a wrong sum"
run --db "$db" report arsredovisning --unit LKR-PO-KUA --period 2024 --format html -o "$T/kua.html"
expect_eq "wrong sum exit" 0 "$rc"
kua=$(sed "s/$NBSP/ /g" "$T/kua.html")
expect_contains "error counted" "Kontroll av siffrorna: 1 fel och 0 avrundningsdifferenser." "$kua"
expect_contains "error row" '<tr><th scope="row">Fel</th><td>SUMMA INTÄKTER = Σ intäktsrader</td><td>Resultaträkning</td><td>2024</td><td>utfall</td><td class="num">1 000</td><td class="num">950</td><td class="num">50</td></tr>' "$kua"

# A unit without a ledger or action plans keeps the sections and says so;
# Medarbetare, with no staff figures, personnel costs or analyses, is left
# out (issue 17: it printed an empty section).
run --db "$db" report arsredovisning --unit LKR-IM --period 2024 --format html -o "$T/im.html"
expect_eq "no-ledger exit" 0 "$rc"
im=$(cat "$T/im.html")
expect_contains "empty economy" "Inga ekonomiska uppgifter finns ännu för VO Internmedicin 2024." "$im"
case "$im" in *"<h2"*"Medarbetare</h2>"*) fail "an empty Medarbetare section is printed" ;; esac
expect_contains "empty actions" "Inga åtgärder är registrerade för VO Internmedicin 2024." "$im"

finish
