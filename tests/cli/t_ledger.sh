#!/usr/bin/env bash
# The ledger end to end: the demo data (seed 002's resultaträkning tables
# transcribed by hand into data/demo/ledger.csv) loads with the demo's other
# economy files; report-text reads the same 240 amounts from the seed itself;
# styr ledger derives avvikelse, förändring and prognos; styr check
# reproduces every published sum or reports where the document does not
# add up; bad ledger files are refused and change nothing.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
db=$(newdb demo)
"$STYR" --db "$db" init >/dev/null

# the demo's economy files, as make demo imports them (with the rest)
mapfile -t economy < <(demo_economy)
run --db "$db" import csv "${economy[@]}"
expect_eq "demo import exit" 0 "$rc"
expect_contains "demo import counts" "240 ledger, 26 rules, 16 actions, 429 bridge" "$out"

# --- styr ledger: the document's own figures and what is derived
run --db "$db" ledger --unit LKR --year 2024
expect_eq "ledger exit" 0 "$rc"
line() { printf '%s\n' "$out" | grep "^$1" | tr -s ' \302\240' ' ' | sed 's/−/-/g'; }
# Rad | utfall 2023 | utfall 2024 | budget | avvikelse | förändring tkr | % | prognos
expect_eq "regionbidrag" "Regionbidrag 242 100 281 300 281 300 0 39 200 16,2 % 281 300" \
	"$(line Regionbidrag)"
# "Intäkterna har ökat 8,6 %" (seed 002 line 2667)
expect_eq "summa intäkter" "SUMMA INTÄKTER 413 139 448 659 434 475 14 184 35 520 8,6 % 449 763" \
	"$(line 'SUMMA INTÄKTER')"
# the derived avvikelse is −20 466; the document prints −20 467
expect_eq "lönekostnader" \
	"Lönekostnader -186 732 -190 241 -169 775 -20 466 -3 509 -1,9 % -187 046" \
	"$(line Lönekostnader)"
expect_eq "resultat" "RESULTAT -45 261 -22 629 0 -22 629 22 632 50,0 % -21 000" \
	"$(line RESULTAT)"

# jan–aug: budget periodised flat (281 300 × 8 / 12 = 187 533,3)
run --db "$db" ledger --unit LKR --year 2024 --months 8
expect_contains "periodised budget" "187 533" "$(line Regionbidrag)"
expect_contains "header" "jan–aug 2024" "$out"
# by a profile: 61 of 100 by august → 281 300 × 61 / 100 = 171 593
run --db "$db" ledger --unit LKR --year 2024 --months 8 --profile 8,8,9,9,9,7,4,7,9,9,10,11
expect_contains "profiled budget" "171 593" "$(line Regionbidrag)"
run --db "$db" ledger --unit LKR --year 2024 --profile 1,2,3
expect_eq "bad profile exit" 2 "$rc"
expect_contains "bad profile message" "expected 12 whole numbers" "$errout"

# a partial table: the personnel costs (seed 002 lines 2723–2729)
run --db "$db" ledger --unit LKR --year 2024 --table lonekostnader-landskrona
expect_contains "personal summa" "-274 706 -280 206 -251 008 -29 198" "$(line "SUMMA KOSTNADER")"

# --- styr init installs the generic rules: check checks from the first
# import, and a check that found nothing to check says so and exits 1.
rrdb=$(newdb rr)
run --db "$rrdb" init
expect_contains "init installs the generic rules" \
	"styr: installed 26 generic validation rules (data/rules/generic.csv)" "$out"
run --db "$rrdb" init
case "$out" in *installed*) fail "a second init installed the rules again" ;; esac
run --db "$rrdb" check
expect_eq "check with nothing to check exit" 1 "$rc"
expect_contains "nothing checked summary" "styr: 26 regler, 0 kontroller, 0 fel" "$out"
expect_eq "nothing checked message" "styr: inga kontroller kördes: reglerna hittade inga siffror att kontrollera (importera en resultaträkning eller en regionbidragsbrygga)" "$errout"

# --- styr check: seed 002's tables hold within ±1 tkr rounding only
"$STYR" --db "$rrdb" import csv "$DEMO/org_units.csv" "$DEMO/ledger.csv" >/dev/null ||
	fail "rr import"
run --db "$rrdb" check
expect_eq "check exit (rounding notes only)" 0 "$rc"
expect_contains "summary" "26 regler, 70 kontroller, 0 fel, 16 avrundningar" "$out"
checkline() { printf '%s\n' "$out" | grep -F "$1" | sed 's/−/-/g; s/\xc2\xa0/ /g'; }
expect_eq "resultat 2024 note" \
	"avrundning RR-RES LKR 2024 utfall: RESULTAT = intäkter + kostnader: RESULTAT = -22 629 tkr, summa_intakter+summa_kostnader = -22 628 tkr, skillnad -1 tkr; i de inlästa uppgifterna (seed 002 line 2599)" \
	"$(checkline 'RR-RES LKR 2024 utfall')"
expect_eq "kostnader 2023 note" \
	"avrundning RR-KOST LKR 2023 utfall: SUMMA KOSTNADER = Σ kostnadsrader: SUMMA KOSTNADER = -458 400 tkr, children = -458 399 tkr, skillnad -1 tkr; i de inlästa uppgifterna (seed 002 line 2597)" \
	"$(checkline 'RR-KOST LKR 2023 utfall')"
expect_contains "vårdval HUD" "avrundning RR-KOST LKR-VVH 2024 utfall" "$out"

# an error beyond the tolerance: a typo in one amount
db2=$(newdb typo)
"$STYR" --db "$db2" init >/dev/null
sed 's/^LKR;;2024;;lakemedel;utfall;-19951;/LKR;;2024;;lakemedel;utfall;-19851;/' \
	"$DEMO/ledger.csv" >"$T/ledger-typo.csv"
"$STYR" --db "$db2" import csv "$DEMO/org_units.csv" "$T/ledger-typo.csv" \
	>/dev/null || fail "typo import"
run --db "$db2" check --unit LKR --year 2024
expect_eq "check exit with an error" 1 "$rc"
expect_contains "error line" "fel RR-KOST LKR 2024 utfall" "$out"
expect_contains "error avvikelse" "fel RR-AVV LKR 2024 Läkemedel" "$out"
expect_contains "summary with errors" "2 fel" "$out"
# a finding names the data it is about in the user's terms: the demo's
# ledger gives a source of its own; a file without one, its file and line
expect_contains "error: the data" "; i de inlästa uppgifterna (seed 002 line" "$(printf '%s\n' "$out" | grep 'fel RR-KOST LKR 2024 utfall')"
db6=$(newdb nosrc)
"$STYR" --db "$db6" init >/dev/null
sed '2,$s/;[^;]*$/;/' "$T/ledger-typo.csv" >"$T/ledger-nosrc.csv"
"$STYR" --db "$db6" import csv "$DEMO/org_units.csv" "$T/ledger-nosrc.csv" >/dev/null ||
	fail "import without sources"
run --db "$db6" check --unit LKR --year 2024
kl=$(grep -n '^LKR;;2024;;summa_kostnader;utfall;' "$T/ledger-nosrc.csv" | cut -d: -f1)
expect_contains "error: the file and line" "fel RR-KOST LKR 2024 utfall: SUMMA KOSTNADER = Σ kostnadsrader: SUMMA KOSTNADER = " "$out"
expect_contains "error: the file and line" "; i de inlästa uppgifterna ($T/ledger-nosrc.csv:$kl)" "$(printf '%s\n' "$out" | grep 'fel RR-KOST LKR 2024 utfall')"

# --- report-text learns the same tables from the seed itself
db3=$(newdb rt)
"$STYR" --db "$db3" init >/dev/null
"$STYR" --db "$db3" import csv "$DEMO/org_units.csv" >/dev/null
run --db "$db3" import report-text "$SEED002" --unit LKR --year 2024
expect_contains "report-text ledger amounts" "240 ledger amounts" "$out"
"$STYR" --db "$db3" export ledger | cut -d';' -f1-7 | sort >"$T/from-text"
cut -d';' -f1-7 "$DEMO/ledger.csv" | sort >"$T/from-csv"
expect_eq "report-text = hand transcription" "" "$(diff "$T/from-text" "$T/from-csv")"
# the source of an amount is the line it was printed on
expect_contains "source line" "LKR;;2024;;resultat;utfall;-22629;$SEED002:2599 (rapporttext)" \
	"$("$STYR" --db "$db3" export ledger)"
# check says the figure is the report's, with its line; styr proof reading
# the same report finds the same rounding on the same line (issue 20
# point 4: the two do not contradict each other)
run --db "$db3" check --unit LKR --year 2024
expect_contains "check: a figure of the report text" "avrundning RR-RES LKR 2024 utfall: RESULTAT = intäkter + kostnader: RESULTAT = " "$out"
expect_contains "check: the report's line" "; i rapporttexten ($SEED002:2599)" "$(printf '%s\n' "$out" | grep 'RR-RES LKR 2024 utfall')"
expect_contains "proof: the same line, a rounding too" ":2599: avrundning: summa" "$("$STYR" proof "$SEED002")"

# a store failing half-way through the ledger tables rolls back the
# indicator values of the same import too (one transaction)
db5=$(newdb fault)
"$STYR" --db "$db5" init >/dev/null
"$STYR" --db "$db5" import csv "$DEMO/org_units.csv" >/dev/null
inject_failure "$db5" ledger 50
before=$(dbdump "$db5")
run --db "$db5" import report-text "$SEED002" --unit LKR --year 2024
expect_contains "fault: message" "injected failure" "$errout"
expect_eq "fault: nothing stored" "$before" "$(dbdump "$db5")"

# --- export and import again give the same bytes
"$STYR" --db "$db" export ledger >"$T/l1.csv"
"$STYR" --db "$db" export rules >"$T/r1.csv"
db4=$(newdb round)
"$STYR" --db "$db4" init >/dev/null
"$STYR" --db "$db4" import csv "$DEMO/org_units.csv" "$T/l1.csv" "$T/r1.csv" >/dev/null ||
	fail "round trip import"
expect_eq "ledger round trip" "$(cat "$T/l1.csv")" "$("$STYR" --db "$db4" export ledger)"
expect_eq "rules round trip" "$(cat "$T/r1.csv")" "$("$STYR" --db "$db4" export rules)"

# --- bad ledger and rule files: exit 2, file:line:column, nothing stored
before=$(dbdump "$db")
LH='unit;table;year;month;row;kind;amount;source'
bad() {
	printf '%s\n' "$2" >"$T/$1"
	run --db "$db" import csv "$DEMO/ledger.csv" "$T/$1"
	expect_eq "$1: exit" 2 "$rc"
	expect_eq "$1: message" "styr: $T/$1:$3" "$errout"
	expect_eq "$1: database unchanged" "$before" "$(dbdump "$db")"
}
bad row.csv "$LH
LKR;;2030;;lonekostnader;utfall;-1;
LKR;;2024;;lönekostnad;utfall;-1;" \
	'3: column "row": row "lönekostnad" is not in the resultaträkning plan: expected a row code such as lonekostnader'
bad kind.csv "$LH
LKR;;2024;;lonekostnader;utfal;-1;" \
	'2: column "kind": ledger kind "utfal": expected utfall, budget, prognos or avvikelse'
bad amount.csv "$LH
LKR;;2024;;lonekostnader;utfall;-1,123456;" \
	'2: column "amount": amount "-1,123456": more decimals than öre: at most 5 decimals in tkr'
bad month.csv "$LH
LKR;;2024;13;lonekostnader;utfall;-1;" \
	'2: column "month": month "13": expected 1 to 12, or 0 or empty for the whole year'
bad unit.csv "$LH
XYZ;;2024;;lonekostnader;utfall;-1;" \
	'2: column "unit": org unit "XYZ" does not exist'
RH='rule;name;check;subject;expr;tolerance;table'
bad rule.csv "$RH
R1;x;sums;resultat;children;1;" \
	'2: column "check": check "sums": expected rows or kinds'
bad expr.csv "$RH
R1;x;kinds;avvikelse;utfall-bugdet;1;" \
	'2: column "expr": expr "utfall-bugdet": "bugdet" is not a ledger kind'

# JSON lines with the CSV's columns
run --db "$db" export ledger --format json --unit LKR --year 2024
expect_contains "json ledger" '{"unit":"LKR","table":"","year":2024,"month":null,"row":"resultat","kind":"utfall","amount":-22629,"source":"seed 002 line 2599","enhet":"tkr"}' "$out"
expect_eq "json ledger lines (19 rows × 4 kinds + 2 × 4 × 4)" 108 "$(printf '%s\n' "$out" | python3 -c 'import sys,json; print(sum(1 for l in sys.stdin if json.loads(l)))')"

# --help of the new commands
run ledger --help
expect_contains "ledger help" "avvikelse = utfall − budget" "$out"
run check --help
expect_contains "check help" "rounding note" "$out"
finish
