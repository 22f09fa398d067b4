#!/usr/bin/env bash
# Period-correct comparisons (issue 15 item 3): a year whose ledger holds
# monthly utfall for jan–aug only is compared month for month — utfall
# jan–aug against the budget of jan–aug (periodised by the stored profile,
# else evenly) — in styr ledger, the årsredovisning and the delårsrapport,
# and the missing months are named; never the part year against the whole
# year's budget.  The issue's case: regionbidrag 847 710 against 1 272 000
# (avvikelse −424 290).  Every expected figure is computed here with awk.
. "$(dirname "$0")/lib.sh"
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
cat >"$T/org.csv" <<'CSV'
code;name;kind;parent;valid_from;valid_to;aliases
RS;Region;region;;;;
NB;Nämnd B;nämnd;RS;;;
NC;Nämnd C;nämnd;RS;;;
NY;Nämnd Y;nämnd;RS;;;
CSV
# NB: year budgets, utfall jan–aug (regionbidrag 7 × 105 000 + 112 710 =
# 847 710; lönekostnader 7 × −71 000,5 − 69 000).  NC: utfall jan–mar and
# maj–aug (april missing).  NY: a printed year figure (month 0): a whole
# year.
{
	echo 'unit;table;year;month;row;kind;amount;source'
	echo 'NB;;2024;;regionbidrag;budget;1272000;t'
	echo 'NB;;2024;;lonekostnader;budget;-900000;t'
	for m in 1 2 3 4 5 6 7; do
		echo "NB;;2024;$m;regionbidrag;utfall;105000;t"
		echo "NB;;2024;$m;lonekostnader;utfall;-71000,5;t"
	done
	echo 'NB;;2024;8;regionbidrag;utfall;112710;t'
	echo 'NB;;2024;8;lonekostnader;utfall;-69000;t'
	echo 'NC;;2024;;regionbidrag;budget;120000;t'
	for m in 1 2 3 5 6 7 8; do echo "NC;;2024;$m;regionbidrag;utfall;10100;t"; done
	echo 'NY;;2024;;regionbidrag;budget;360000;t'
	echo 'NY;;2024;;regionbidrag;utfall;350000;t'
} >"$T/ledger.csv"
run --db "$db" import csv "$T/org.csv" "$T/ledger.csv"
expect_eq "import" 0 "$rc"

# a table line with plain spaces and hyphens for the minus sign and "–"
line() { printf '%s\n' "$out" | grep "^$1" | tr -s ' \302\240' ' ' | sed 's/−/-/g; s/–/-/g'; }
# tkr as styr prints them: rounded half away from zero, space thousands
tkr() { awk -v x="$1" 'BEGIN { r = x < 0 ? -int(-x + 0.5) : int(x + 0.5); s = sprintf("%d", r < 0 ? -r : r)
	while (match(s, /[0-9][0-9][0-9][0-9]$/) || length(s) > 3 && match(s, /[0-9][0-9][0-9][0-9] /)) {
		i = RSTART; s = substr(s, 1, i) " " substr(s, i + 1) }
	printf "%s%s", r < 0 ? "-" : "", s }'; }

rb_u=$(awk 'BEGIN { print 7 * 105000 + 112710 }')
rb_b=$(awk 'BEGIN { print 1272000 * 8 / 12 }')
rb_p=$(awk -v u="$rb_u" 'BEGIN { print u + 1272000 * 4 / 12 }')
lk_u=$(awk 'BEGIN { printf "%.2f", 7 * -71000.5 - 69000 }')
lk_b=$(awk 'BEGIN { printf "%.2f", -900000 * 8 / 12 }')
expect_eq "the issue's utfall" 847710 "$rb_u"

# --- styr ledger for the year: jan–aug against jan–aug
run --db "$db" ledger --unit NB --year 2024
expect_eq "ledger exit" 0 "$rc"
expect_eq "regionbidrag jan–aug against jan–aug" \
	"Regionbidrag - $(tkr $rb_u) $(tkr $rb_b) $(tkr $((rb_u - rb_b))) - - $(tkr $rb_p)*" "$(line Regionbidrag)"
expect_eq "lönekostnader: avvikelse of the exact öre, rounded once" \
	"Lönekostnader - $(tkr $lk_u) $(tkr $lk_b) $(tkr "$(awk -v u=$lk_u -v b=$lk_b 'BEGIN { printf "%.2f", u - b }')") - - $(tkr "$(awk -v u=$lk_u 'BEGIN { printf "%.2f", u - 900000 * 4 / 12 }')")*" \
	"$(line Lönekostnader)"
case "$out" in *"424 290"* | *"424${NBSP:- }290"*) fail "ledger: the whole year's budget against jan–aug" ;; esac
expect_contains "ledger names the missing months" "Utfall saknas för sep–dec 2024: utfall och budget jämförs för jan–aug 2024, de månader som har utfall." "$out"
expect_contains "ledger heads the columns" "Utfall och budget för jan–aug 2024, de månader som har utfall" "$out"
expect_contains "ledger says how the budget was spread" "Periodisering av årsbudgeten: jämnt, 1/12 per månad" "$out"

# --months 8 gives the same figures and nothing missing
ledger_year=$out
run --db "$db" ledger --unit NB --year 2024 --months 8
expect_eq "jan–aug: the same regionbidrag" "$(printf '%s\n' "$ledger_year" | grep '^Regionbidrag')" \
	"$(printf '%s\n' "$out" | grep '^Regionbidrag')"
case "$out" in *"Utfall saknas"*) fail "jan–aug: nothing is missing" ;; esac

# --- a gap: NC has no April; april is named and left out of both
nc_b=$(awk 'BEGIN { printf "%.2f", 120000 * 7 / 12 }')
run --db "$db" ledger --unit NC --year 2024
expect_eq "NC: seven months against seven" \
	"Regionbidrag - $(tkr $((7 * 10100))) $(tkr $nc_b) $(tkr "$(awk -v b=$nc_b 'BEGIN { printf "%.2f", 70700 - b }')") - - $(tkr $((7 * 10100 + 50000)))*" \
	"$(line Regionbidrag)"
expect_contains "NC: april and sep–dec named" "Utfall saknas för apr, sep–dec 2024: utfall och budget jämförs för jan–mar, maj–aug 2024" "$out"

# --- a printed year figure is a whole year: the year's budget, nothing missing
run --db "$db" ledger --unit NY --year 2024
expect_eq "NY: the whole year" "Regionbidrag - 350 000 360 000 -10 000 - - 350 000*" "$(line Regionbidrag)"
case "$out" in *"Utfall saknas"*) fail "NY: a year figure misses nothing" ;; esac

# --- the årsredovisning: the issue's case
run --db "$db" report arsredovisning --unit NB --period 2024 --format html -o "$T/ar.html"
expect_eq "årsredovisning exit" 0 "$rc"
html=$(sed 's/\xc2\xa0/ /g; s/−/-/g' "$T/ar.html")
case "$html" in *"424 290"*) fail "årsredovisning: avvikelse −424 290 (the whole year's budget)" ;; esac
expect_contains "årsredovisning: regionbidrag against jan–aug" \
	"<th scope=\"row\">Regionbidrag</th><td>–</td><td class=\"num\">$(tkr $rb_u)</td><td class=\"num\">$(tkr $rb_b)</td><td class=\"num\">$(tkr $((rb_u - rb_b)))</td><td class=\"num\">$(tkr $rb_p)</td>" "$html"
expect_contains "årsredovisning: columns say jan–aug" "Budget jan–aug 2024" "$html"
expect_contains "årsredovisning: missing months" "<p>Utfall saknas för sep–dec 2024: utfall och budget jämförs för jan–aug 2024, de månader som har utfall.</p>" "$html"
expect_contains "årsredovisning: how the budget was spread" "Periodisering av årsbudgeten: jämnt, 1/12 per månad" "$html"
expect_contains "årsredovisning: the prognos column is the whole year's" "Prognos helår 2024" "$html"

# --- the delårsrapport jan–aug: the same comparison, nothing missing
run --db "$db" report delarsrapport --unit NB --period "jan–aug 2024" --format html -o "$T/d.html"
expect_eq "delårsrapport exit" 0 "$rc"
html=$(sed 's/\xc2\xa0/ /g; s/−/-/g' "$T/d.html")
expect_contains "delårsrapport: regionbidrag against jan–aug" \
	"<th scope=\"row\">Regionbidrag</th><td>–</td><td class=\"num\">$(tkr $rb_u)</td><td class=\"num\">$(tkr $rb_b)</td><td class=\"num\">$(tkr $((rb_u - rb_b)))</td>" "$html"
case "$html" in *"Utfall saknas"*) fail "delårsrapport jan–aug: nothing is missing" ;; esac

# --- with a stored profile the budget is the profile's share of jan–aug
printf 'unit;row;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\nNB;;9;8;9;8;9;8;5;7;9;9;9;10\n' >"$T/profile.csv"
run --db "$db" import csv "$T/profile.csv"
expect_eq "profile import" 0 "$rc"
pb=$(awk 'BEGIN { printf "%.2f", 1272000 * 63 / 100 }')
run --db "$db" report arsredovisning --unit NB --period 2024 --format html -o "$T/ar2.html"
html=$(sed 's/\xc2\xa0/ /g; s/−/-/g' "$T/ar2.html")
expect_contains "årsredovisning: the profile's share of jan–aug" \
	"<th scope=\"row\">Regionbidrag</th><td>–</td><td class=\"num\">$(tkr $rb_u)</td><td class=\"num\">$(tkr $pb)</td><td class=\"num\">$(tkr "$(awk -v u=$rb_u -v b=$pb 'BEGIN { printf "%.2f", u - b }')")</td>" "$html"
expect_contains "årsredovisning: names the profile" "budgetprofilen för NB" "$html"

# --- the region rolled up: NB jan–aug and NC's seven months with NY's
# whole year: a year figure below makes the roll-up a whole year (the
# known limit: the table's months are the rolled-up ledger's), and each
# unit with gaps is named under the units' table
run --db "$db" report arsredovisning --unit RS --period 2024 --format html -o "$T/rs.html"
expect_eq "region report exit" 0 "$rc"
html=$(sed 's/\xc2\xa0/ /g; s/−/-/g' "$T/rs.html")
expect_contains "region: units with gaps named" "Utfall saknas för några månader 2024 för Nämnd B (sep–dec), Nämnd C (apr, sep–dec)" "$html"
finish
