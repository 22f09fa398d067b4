#!/usr/bin/env bash
# Indicator categories (migration 0007): kvalitet, followed up against a
# target, and produktion, counted and shown only in the reports' Produktion
# section.  The indicators file's category column is optional (files from
# before it import as kvalitet), a bad value is refused naming file, line
# and column, the export writes it so that a round trip gives the same
# bytes, and the indicator report leaves production figures out of its
# tables and counts.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data
DEMO=$SRCDIR/data/demo
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null

# A file from before the column imports unchanged, as kvalitet.
run --db "$db" import csv "$D/org.csv" "$D/goals.csv" "$D/indicators.csv" "$D/targets.csv" "$D/values.csv"
expect_eq "old file exit" 0 "$rc"
expect_eq "old file stored as kvalitet" "ID0049|kvalitet
ID0069|kvalitet" "$(sql "$db" "SELECT code, category FROM indicator ORDER BY code")"

# The column in any place, each value, and empty meaning kvalitet; a
# production figure linked to a goal stays out of the goal's table.
cat >"$T/cat.csv" <<'EOF'
category;code;name;unit;direction;frequency;source;tolerance;goals;definition
produktion;PROD-SV-VTF;Vårdtillfällen;antal;none;år;;;RS-OM1;
kvalitet;ID0049;Bredspektrumantibiotika vid urinvägsinfektion;%;down;år;;;;
;X-1;Utan kategori;antal;;;;;;
EOF
printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nPROD-SV-VTF;LKR;2024;3793;;;;\nX-1;LKR;2024;7;;;;\n' >"$T/cat_values.csv"
run --db "$db" import csv "$T/cat.csv" "$T/cat_values.csv"
expect_eq "category file exit" 0 "$rc"
expect_eq "categories stored" "ID0049|kvalitet
ID0069|kvalitet
PROD-SV-VTF|produktion
X-1|kvalitet" "$(sql "$db" "SELECT code, category FROM indicator ORDER BY code")"
run --db "$db" export indicators
expect_eq "export header" "code;name;definition;unit;direction;frequency;source;tolerance;goals;category" \
	"$(printf '%s\n' "$out" | head -1)"
expect_contains "export produktion" "PROD-SV-VTF;Vårdtillfällen;;antal;none;år;;;RS-OM1;produktion" "$out"
expect_contains "export kvalitet" "ID0069;Väntande inom 90 dagar - första besök;;%;;månad;Väntetidsdatabasen;2,5;RS-OM1;kvalitet" "$out"

run --db "$db" report indicators --unit LKR --year 2024 -o "$T/ind.html"
expect_eq "indicator report exit" 0 "$rc"
html=$(cat "$T/ind.html")
expect_contains "indicator report counts" "3 indikatorer 2024: 0 uppfyllda, 0 nära målet, 2 ej uppfyllda, 0 saknar värde, 1 utan mål." "$html"
case "$html" in *PROD-*) fail "a production figure is in the indicator report" ;; esac
expect_contains "unlinked quality indicator" "X-1" "$html"

# Round trip: export all → empty database → export all, byte for byte.
run --db "$db" export all --dir "$T/first"
expect_eq "export all exit" 0 "$rc"
b=$(newdb b)
"$STYR" --db "$b" init >/dev/null
run --db "$b" import csv "$T/first"/*.csv
expect_eq "reimport exit" 0 "$rc"
run --db "$b" export all --dir "$T/second"
for f in "$T"/first/*.csv; do
	expect_eq "round trip $(basename "$f")" "$(cat "$f")" "$(cat "$T/second/$(basename "$f")")"
done

# A bad value: exit 2, file, line, column and the choices; nothing stored.
before=$(dbdump "$db")
printf 'code;name;definition;unit;direction;frequency;source;tolerance;goals;category
ID0050;Ny;;;;;;;;kvalitet
ID0051;Trasig;;;;;;;;production
' >"$T/bad.csv"
run --db "$db" import csv "$T/bad.csv"
expect_eq "bad category exit" 2 "$rc"
expect_contains "bad category message" \
	"$T/bad.csv:3: column \"category\": category \"production\": expected \"kvalitet\" or \"produktion\"" "$errout"
expect_eq "bad category changed nothing" "$before" "$(dbdump "$db")"

# The store refuses a category it does not know, whoever writes it.
if sql "$db" "UPDATE indicator SET category = 'annat' WHERE code = 'X-1'" >/dev/null 2>&1; then
	fail "the store took category 'annat'"
fi

# The demo: Lasarettet i Landskrona 2024.  Its production figures marked
# produktion leave the indicator report's counts as they were without them;
# the same file without the category column (the PROD- prefix alone, as
# before the category) would add its 13 figures as quality indicators
# "utan mål".
d=$(newdb demo)
"$STYR" --db "$d" init >/dev/null
"$STYR" --db "$d" import csv "$DEMO/org_units.csv" "$DEMO/goals.csv" "$DEMO/indicators.csv" \
	"$DEMO/targets.csv" "$DEMO/values.csv" >/dev/null || fail "importing the demo"
summary() {
	"$STYR" --db "$1" report indicators --unit LKR --year 2024 -o "$T/s.html" >/dev/null ||
		fail "indicator report of $1"
	grep -o '[0-9]* indikatorer 2024: [^<]*' "$T/s.html"
}
counts="38 indikatorer 2024: 10 uppfyllda, 0 nära målet, 13 ej uppfyllda, 4 saknar värde, 11 utan mål."
expect_eq "demo counts without production" "$counts" "$(summary "$d")"
run --db "$d" import csv "$DEMO/production_indicators.csv" "$DEMO/production_values.csv"
expect_eq "demo production import" 0 "$rc"
expect_eq "demo production marked" 13 "$(sql "$d" "SELECT count(*) FROM indicator WHERE category = 'produktion'")"
expect_eq "demo counts with production" "$counts" "$(summary "$d")"
case "$(cat "$T/s.html")" in *PROD-*) fail "a PROD- code is in the demo's indicator report" ;; esac
# The Produktion section of the årsredovisning still has them; its
# summary counts stay those of the quality indicators even when a
# production figure is linked to a goal (LKR-G02, beside ID0069).
run --db "$d" report arsredovisning --unit LKR --period 2024 -o "$T/ar.html"
expect_eq "årsredovisning exit" 0 "$rc"
expect_contains "production table" "<caption>Produktion 2024</caption>" "$(cat "$T/ar.html")"
ar_counts=$(grep -o '[0-9]* indikatorer 2024: [^<]*' "$T/ar.html")
expect_eq "årsredovisning counts" "$counts" "$ar_counts"
printf 'code;name;definition;unit;direction;frequency;source;tolerance;goals;category
PROD-SV-VTF;Vårdtillfällen (avslutade sjukhusvårdtf);;antal;none;år;;;LKR-G02;produktion
' >"$T/linked.csv"
run --db "$d" import csv "$T/linked.csv"
expect_eq "link a production figure to a goal" 0 "$rc"
"$STYR" --db "$d" report arsredovisning --unit LKR --period 2024 -o "$T/ar2.html" >/dev/null ||
	fail "årsredovisning with a linked production figure"
expect_eq "årsredovisning counts, production linked to a goal" "$ar_counts" \
	"$(grep -o '[0-9]* indikatorer 2024: [^<]*' "$T/ar2.html")"
case "$(cat "$T/ar2.html")" in *PROD-SV-VTF*) fail "a production figure is in a goal's indicator table" ;; esac

# (the last column is category; a quoted cell earlier holds a ';')
sed 's/;[^;]*$//' "$DEMO/production_indicators.csv" >"$T/old_production.csv"
run --db "$d" import csv "$T/old_production.csv"
expect_eq "old production file exit" 0 "$rc"
expect_eq "demo counts, production as kvalitet" \
	"51 indikatorer 2024: 10 uppfyllda, 0 nära målet, 13 ej uppfyllda, 4 saknar värde, 24 utan mål." \
	"$(summary "$d")"
finish
