#!/usr/bin/env bash
# Action plans: seed 002's achieved 5,8 of expected 7,8 Mkr = 74 % with the
# six insatsområden (0 + 7,1 + 3,9 − 5,2 + 0 + 0 = 5,8), and seed 001's
# Hässleholm list for a budget in balance with its total (15 + 1,5 + 8 +
# 3,3 + 3 + 3,9 + 4,8 + 3 + 10 = 52,5 Mkr, against an ingångsläge of
# −55 Mkr: the document itself says the list is not enough).
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
mapfile -t economy < <(demo_economy)
"$STYR" --db "$db" import csv "${economy[@]}" >/dev/null || fail "demo import"
norm() { sed 's/−/-/g; s/\xc2\xa0/ /g' | tr -s ' '; }

run --db "$db" actions --plan LKR-HP2024
expect_eq "exit" 0 "$rc"
expect_contains "genomförandegrad" "Genomförandegrad (uppnådd / förväntad effekt): 5,8 / 7,8 Mkr = 74 %" "$out"
expect_eq "summa" "Summa 7,8 5,8" "$(printf '%s\n' "$out" | grep '^  Summa' | norm | sed 's/^ //')"
expect_eq "inköp" "Inköp och materialförsörjning – -5,2" \
	"$(printf '%s\n' "$out" | grep '^    Inköp' | norm | sed 's/^ //')"
expect_eq "insatsområden" 6 "$(printf '%s\n' "$out" | grep -c '^    ')"

run --db "$db" actions --unit HHM
expect_contains "hässleholm plan" "Handlingsplan HHM-BB2024 (HHM)" "$out"
expect_eq "hässleholm total" "Summa 52,5 –" "$(printf '%s\n' "$out" | grep '^  Summa' | norm | sed 's/^ //')"
expect_eq "hässleholm rows" 9 "$(printf '%s\n' "$out" | grep -c 'planerad')"
expect_contains "no achieved yet" "ingen uppnådd effekt rapporterad" "$out"
expect_contains "ryggblockader" "Ryggblockader i egen regi" "$out"

# export → import gives the same file
"$STYR" --db "$db" export actions >"$T/a1.csv"
expect_contains "export mkr" "HHM-BB2024;HHM;;Mobilt team;;;planerad;1,5;" "$(cat "$T/a1.csv")"
expect_contains "export negative" ";-5,2" "$(cat "$T/a1.csv")"
db2=$(newdb b)
"$STYR" --db "$db2" init >/dev/null
"$STYR" --db "$db2" import csv "$DEMO/org_units.csv" "$DEMO/goals.csv" "$DEMO/goals_hhm2024.csv" \
	"$T/a1.csv" >/dev/null || fail "reimport"
expect_eq "round trip" "$(cat "$T/a1.csv")" "$("$STYR" --db "$db2" export actions)"

# bad rows: exit 2, file:line:column, nothing stored
before=$(dbdump "$db")
AH='plan;unit;insatsomrade;title;owner;due;state;expected;achieved'
bad() {
	printf '%s\n' "$2" >"$T/$1"
	run --db "$db" import csv "$T/$1"
	expect_eq "$1: exit" 2 "$rc"
	expect_eq "$1: message" "styr: $T/$1:$3" "$errout"
	expect_eq "$1: unchanged" "$before" "$(dbdump "$db")"
}
bad state.csv "$AH
P;LKR;;A;;;klar;1;" '2: column "state": action state "klar": expected planerad, pågår, genomförd or avbruten'
bad effect.csv "$AH
P;LKR;;A;;;planerad;7,8 %;" '2: column "expected": "7,8 %": expected Mkr with at most three decimals, such as 7,8'
bad due.csv "$AH
P;LKR;;A;;2024-13-01;planerad;1;" '2: date "2024-13-01": expected a date such as 2024-01-01'
run --db "$db" export actions --format json
expect_contains "json actions" '"title":"Beslutad handlingsplan 2024, totalt värde","owner":"","due":"","state":"pågår","expected":7.8,"achieved":null,"goal":"RS-OM5"}' "$out"
expect_contains "json achieved" '"achieved":-5.2,"goal":"RS-OM5"}' "$out"
# A quoted cell may hold a line break: its row is still one object.
printf '%s\n' "$AH" 'NL;LKR;;"två' 'rader";;;planerad;1;' >"$T/nl.csv"
"$STYR" --db "$db" import csv "$T/nl.csv" >/dev/null || fail "import nl.csv"
run --db "$db" export actions --format json
expect_contains "json line break" '{"plan":"NL","unit":"LKR","insatsomrade":"","title":"två\nrader","owner":"","due":"","state":"planerad","expected":1,"achieved":null,"goal":""}' "$out"
run actions --help
expect_contains "help" "genomförandegrad = achieved / expected" "$out"
finish
