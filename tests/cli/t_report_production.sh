#!/usr/bin/env bash
# The reports' Produktion section from the production figures of
# data/demo (seed 002's table "PRODUKTION ÅRSREDOVISNING", somatik, lines
# 1490–1519, as PROD- indicators): every row with its printed figures,
# the avvikelser computed from the rows and equal to the printed ones, the
# medelvårdtid and beläggning derived from the rows, and the places where
# the document's own text does not follow from its table.
. "$(dirname "$0")/report_lib.sh"
MINUS=$(printf '\342\210\222')

# Before the production figures: the summary counts the goals' indicators.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format html -o "$T/before.html"
expect_eq "report before exit" 0 "$rc"
summary_before=$(grep -o '[0-9]* indikatorer 2024: [^<]*' "$T/before.html")

run --db "$db" import csv "$DEMO/production_indicators.csv" "$DEMO/production_values.csv"
expect_eq "production import exit" 0 "$rc"
expect_contains "production values" "25 values" "$out"

run --db "$db" report arsredovisning --unit LKR --period 2024 --format pdf -o "$T/ar.pdf"
expect_eq "pdf exit" 0 "$rc"
# pdftotext -layout sets the no-break space before "%" only now and then:
# compare without it.
text=$(pdftotext -layout "$T/ar.pdf" - | sed "s/$NBSP/ /g" | tr -s ' ' | sed 's/^ //; s/ %/%/g')
seed=$(sed -n 1490,1600p "$SEED002" | tr '\n' ' ' | tr -s ' ')
case "$text" in *"Inga produktionsuppgifter"*) fail "the production section still says it is empty" ;; esac
expect_contains "columns" "Somatik Period 2023 Period 2024 Avvikelse antal 24–23 Avvikelse% 24/23" "$text"

# name | jan-dec 2023 | jan-dec 2024 | printed avvikelse antal | printed
# avvikelse %, as seed 002 prints them (line 1519's 4,5% has a decimal).
rows='Vårdtillfällen (avslutade sjukhusvårdtf)|3 840|3 793|-47|-1%
Vårddagar (periodiserade)|18 054|18 228|174|1%
Unika individer|3 163|3 127|-36|-1%
Kvalificerade distanskontakter|8 051|8 065|14|0%
Besök|48 828|49 895|1 067|2%
varav läkarbesök|22 719|23 597|878|4%
varav övriga vårdgivare|26 109|26 298|189|1%
Unika individer|18 157|19 148|991|5%
Totalt antal operationer|7 163|6 891|-272|-4%
Slutenvårdsoperationer|1 089|1 100|11|1%
Öppenvårdsoperationer|6 074|5 791|-283|-5%
Unika individer|21 320|22 275|955|4,5%'
for g in "Sluten vård (antal)" "Öppen vård (antal)" "Operationer (antal)" "Total somatisk vård (antal)"; do
	expect_contains "group $g" "$g" "$text"
done
not_following=""
while IFS='|' read -r name a b dev pct; do
	# the row is in the seed as transcribed here
	expect_contains "seed row $name" "$a $b $dev $pct" "$seed"
	x=${a// /} y=${b// /}
	d=$((y - x))
	# the printed deviations at the precision they are printed with
	decimals=0
	case "$pct" in *,*) decimals=1 ;; esac
	p=$(awk -v d="$d" -v x="$x" -v n="$decimals" 'BEGIN {
		v = d / x * 100; s = sprintf("%." n "f", v + (v < 0 ? -1e-9 : 1e-9));
		if (s + 0 == 0) s = sprintf("%." n "f", 0); sub(/\./, ",", s); print s "%" }')
	[ "$d" = "${dev// /}" ] || not_following="$not_following $name:antal($dev≠$d)"
	[ "$p" = "$pct" ] || not_following="$not_following $name:%($pct≠$p)"
	# the report: the printed figures, the computed avvikelse in whole
	# percent, styr's minus sign
	whole=$(awk -v d="$d" -v x="$x" 'BEGIN { v = d / x * 100; r = (v < 0) ? -int(-v + 0.5) : int(v + 0.5); print r }')
	sd=$(printf '%s' "$d" | sed -E ":a;s/([0-9])([0-9]{3})($| )/\1 \2\3/;ta;s/^-/$MINUS/")
	sp=$(printf '%s' "$whole" | sed "s/^-/$MINUS/")
	expect_contains "report row $name $a" "$name $a $b $sd $sp%" "$text"
done <<<"$rows"
# Every deviation printed in the table follows from its row.
expect_eq "printed avvikelser that do not follow from their rows" "" "$not_following"

# Medelvårdtid = vårddagar / vårdtillfällen.  The document says "Medel-
# vårdtiden ligger på samma nivå som 2023 och är 4,7 dagar"; its own rows
# give 4,7 for 2023 (18 054 / 3 840 = 4,70) but 4,8 for 2024 (18 228 /
# 3 793 = 4,81).  The report shows the computed figures.
expect_contains "seed medelvårdtid" "Medelvårdtiden ligger på samma nivå som 2023 och är 4,7 dagar" "$seed"
expect_contains "medelvårdtid computed" "Medelvårdtid 2024: 18 228 vårddagar / 3 793 vårdtillfällen = 4,8 dagar (2023: 4,7 dagar)." "$text"
expect_contains "medelvårdtid row" "Medelvårdtid (dagar) 4,7 4,8" "$text"
alos=$(awk 'BEGIN { printf "%.1f", 18228 / 3793 }' | tr . ,)
expect_eq "the document's 4,7 dagar does not follow from its 2024 rows" "4,8" "$alos"
# Beläggning from the 60 fastställda vårdplatser of the text (2024, a
# leap year): 18 228 / (60 × 366) = 83,0 %.  No vårdplatser for 2023.
expect_contains "seed vårdplatser" "Fastställda vårdplatser är 60 (42 stycken inom VO Internmedicin; 18 stycken inom VO Planerade operationer)" "$seed"
expect_contains "beläggning" "Beläggning 2024: 18 228 vårddagar / (60 vårdplatser × 366 dagar) = 83,0%." "$text"
expect_contains "beläggning row" "Beläggning – 83,0%" "$text"

# The running text below the table gives some changes with one decimal
# that its own rows do not give (checked here so that a change of the
# transcription is noticed; the report shows the computed figures):
#   vårdtillfällen "-1,0 procent"   rows: −47 / 3 840   = −1,2 %
#   läkarbesök     "4,0 procent"    rows: 878 / 22 719  =  3,9 %
#   unika (öppen)  "5,0 procent"    rows: 991 / 18 157  =  5,5 %
#   övriga         "1,0 procent"    rows: 189 / 26 109  =  0,7 %
#   operationer    "-4,0 procent"   rows: −272 / 7 163  = −3,8 %
#   akutmottagningen "minskning … -3,4 procent (2023:5192, 2024: 5377)":
#                  an increase of 185 = +3,6 % (not in the table)
# The others follow: vårddagar 1,0 (0,96), distanskontakter 0,2 (0,17),
# slutenvårdsoperationer 1,0 (1,01).
pct1() { awk -v d="$1" -v x="$2" 'BEGIN { printf "%.1f", d / x * 100 }' | tr . ,; }
while IFS='|' read -r claim d x computed; do
	expect_contains "seed text: $claim" "$claim" "$seed"
	expect_eq "computed for: $claim" "$computed" "$(pct1 "$d" "$x")"
done <<'ROWS'
en minskning med 47 vårdtillfälle som motsvarar -1,0 procent|-47|3840|-1,2
ökade mellan åren med 4,0 procent (878)|878|22719|3,9
Antalet unika patienter ökade med 5,0 procent|991|18157|5,5
har ökat mellan åren med 1,0 procent (189)|189|26109|0,7
minskning med -4,0 procent (-272)|-272|7163|-3,8
minskning av totalt antal besök med -3,4 procent (2023:5192, 2024: 5377)|185|5192|3,6
Antalet vårddagar har ökat med 174 dagar (1,0 procent)|174|18054|1,0
distanskontakter med 0,2 procent för året|14|8051|0,2
ROWS

# The production indicators follow up no goal: the summary counts the same.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format html -o "$T/ar.html"
expect_eq "html exit" 0 "$rc"
expect_eq "summary unchanged" "$summary_before" "$(grep -o '[0-9]* indikatorer 2024: [^<]*' "$T/ar.html")"
expect_eq "tidy finds nothing" "" "$(tidy -e -q "$T/ar.html" 2>&1)"
html=$(sed "s/$NBSP/ /g" "$T/ar.html")
expect_contains "html row" '<tr><th scope="row">Besök</th><td class="num">48 828</td><td class="num">49 895</td><td class="num">1 067</td><td class="num">2 %</td></tr>' "$html"

# XLSX: the production table is a sheet with numbers as numbers.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format xlsx -o "$T/ar.xlsx"
expect_eq "xlsx exit" 0 "$rc"
wb=$(unzip -p "$T/ar.xlsx" xl/workbook.xml)
n=$(printf '%s' "$wb" | grep -o '<sheet name="[^"]*"' | grep -n 'Produktion 2024' | head -1 | cut -d: -f1)
[ -n "$n" ] || fail "no Produktion 2024 sheet"
sheet=$(unzip -p "$T/ar.xlsx" "xl/worksheets/sheet$n.xml")
expect_contains "vårdtillfällen 2024 is a number" '<v>3793</v>' "$sheet"
expect_contains "avvikelse is a negative number" '<v>-47</v>' "$sheet"

# A delårsrapport has no production figures for jan–aug (the demo has the
# years only), and a unit without any says so.
run --db "$db" report delarsrapport --unit LKR --period "jan–aug 2024" --format html -o "$T/d.html"
expect_eq "delårsrapport exit" 0 "$rc"
expect_contains "no months" "Inga produktionsuppgifter finns ännu för Lasarettet i Landskrona jan–aug 2024." "$(cat "$T/d.html")"
run --db "$db" report arsredovisning --unit LKR-IM --period 2024 --format html -o "$T/im.html"
expect_eq "no-production exit" 0 "$rc"
expect_contains "empty production" "Inga produktionsuppgifter finns ännu för VO Internmedicin 2024." "$(cat "$T/im.html")"

# Figures for the months: a delårsrapport compares jan–aug with jan–aug,
# and the beläggning counts the period's days (244 in 2024).
{
	echo "indicator;unit;period;value;numerator;denominator;missing_reason;source"
	echo "PROD-SV-VTF;LKR;2023-01..08;2500;;;;test"
	echo "PROD-SV-VTF;LKR;2024-01..08;2600;;;;test"
	echo "PROD-SV-VD;LKR;2024-01..08;12000;;;;test"
	echo "PROD-VPL;LKR;2024-01..08;60;;;;test"
} >"$T/months.csv"
"$STYR" --db "$db" import csv "$T/months.csv" >/dev/null || fail "importing monthly production"
run --db "$db" report delarsrapport --unit LKR --period "jan–aug 2024" --format html -o "$T/d2.html"
expect_eq "monthly exit" 0 "$rc"
d2=$(sed "s/$NBSP/ /g" "$T/d2.html")
expect_contains "monthly row" '<tr><th scope="row">Vårdtillfällen (avslutade sjukhusvårdtf)</th><td class="num">2 500</td><td class="num">2 600</td><td class="num">100</td><td class="num">4 %</td></tr>' "$d2"
expect_contains "monthly beläggning" "12 000 vårddagar / (60 vårdplatser × 244 dagar) = 82,0 %." "$d2"
expect_contains "monthly medelvårdtid (12 000 / 2 600)" '<td class="num">4,6</td>' "$d2"
finish
