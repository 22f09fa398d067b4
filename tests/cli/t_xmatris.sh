#!/usr/bin/env bash
# The X-matris is derived from the goals a unit owns, their links to
# indicators and their owners: checked against the demo files it is read
# from, and the goal tree's cascade from LKR's goals up to the region's.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
db=$(newdb a)
run --db "$db" init
run --db "$db" import csv "$DEMO"/*.csv
expect_eq "demo loads" 0 "$rc"

run --db "$db" show xmatris --unit LKR
expect_eq "exit" 0 "$rc"
xm=$out
owned=$(awk -F';' '$8 ~ /(^|\|)LKR:/' "$DEMO/goals.csv" | wc -l)
expect_eq "goals LKR owns (demo goals.csv)" 13 "$owned"
expect_contains "one row per goal" "$owned mål" "$xm"
expect_contains "cascade of LKR-G01" "mål 1  LKR-G01  [delmål]" "$xm"
expect_contains "chain up to the vision" "under: RS-HS01 › RS-IO01 › RS-OM1 › RS-VISION" "$xm"
expect_contains "digital booking under the region's uppdrag" "under: RS-HS42 › RS-IO21 › RS-OM3 › RS-VISION" "$xm"
# The indicators of LKR-G01 are those whose goals column (the last; text
# columns before it may hold quoted ';') names it.
ind=$(grep -E ';([^;]*\|)?LKR-G01(\|[^;]*)?$' "$DEMO/indicators.csv" | cut -d';' -f1 | paste -sd, | sed 's/,/, /g')
expect_contains "indicators of LKR-G01" "indikatorer: $ind" "$xm"
expect_contains "no actions yet" "åtgärder: – (inga åtgärder registrerade)" "$xm"
# One X per goal–indicator link of an LKR goal.
links=$(tail -n +2 "$DEMO/indicators.csv" | sed 's/.*;//' | tr '|' '\n' | grep -c '^LKR-G')
expect_eq "X marks" "$links" "$(printf '%s\n' "$xm" | grep -o ' X' | wc -l)"

run --db "$db" show xmatris
expect_eq "needs a unit" "styr: show xmatris needs --unit CODE" "$errout"
expect_eq "needs a unit exit" 2 "$rc"
run --db "$db" show xmatris --unit NOPE
expect_eq "unknown unit" 'styr: org unit "NOPE" does not exist' "$errout"

run --db "$db" show goals
expect_contains "tree" "  RS-OM1  [övergripande mål]  Bättre liv och hälsa för fler" "$out"
expect_contains "seed 004 dimensions" "    HSN17-K4  [kvalitetsdimension]  Säker hälso- och sjukvård" "$out"
expect_contains "huvudansvar shown" "ansvariga: KTN (huvudansvar), HSN, SUS" "$out"
expect_contains "count" "$(cat "$DEMO"/goals*.csv | grep -vc '^code;') mål" "$out"

# Seed 001's MÅL and INDIKATORER: HHM's own målsättningar under the
# region's övergripande mål, beside the region goals HHM shares as one of
# "samtliga sjukhusstyrelser".
run --db "$db" show xmatris --unit HHM
expect_contains "HHM goal under the region" "HHM-M21  [målsättning]  Uppnå vårdgarantin inom 3 månader" "$out"
expect_contains "its chain" "under: RS-OM2 › RS-VISION" "$out"
expect_contains "HHM shares the region's delmål" "RS-HS01  [delmål]" "$out"
expect_eq "HHM's MÅL in the demo" 22 "$(grep -c '^HHM-M' "$DEMO/goals_hhm2024.csv")"
expect_eq "HHM's goals in the X-matris" "$(cat "$DEMO"/goals*.csv | grep -c "[;|]HHM:")" "$(printf '%s\n' "$out" | grep -c '^mål ')"
finish
