#!/usr/bin/env bash
# Internkontroll (risk value = probability × consequence, ordered by it)
# and the goal attainment index of seed 004 with its weights as data, each
# indicator's contribution shown; then the JSON lines of the goals area.
# The risks and the index figures are test data: no seed prints a risk
# register or index weights (seed 001 lines 749-751 only require the plan).
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data/goals/control
db=$(newdb a)
run --db "$db" init
run --db "$db" import csv "$D"/*.csv
expect_eq "import" "styr: imported 2 org, 3 indicators, 3 targets, 3 values, 3 internal_control, 3 index_weights" "${out%%$'\n'*}"
expect_contains "import: values added" "values: 3 tillagda, 0 ändrade, 0 oförändrade" "$out"

run --db "$db" show internkontroll --unit HHM --year 2024
expect_eq "exit" 0 "$rc"
# 3 × 3 = 9 first, then 2 × 4 = 8, then 1 × 2 = 2.
expect_eq "ordered by risk value" "9 8 2" "$(echo $(printf '%s\n' "$out" | grep -o 'riskvärde [0-9]*' | cut -d' ' -f2))"
expect_contains "first risk" "HHM 2024  riskvärde 9 (sannolikhet 3 × konsekvens 3)  Inköp sker utan avtal" "$out"
expect_contains "control and responsible" "    kontrollmoment: Stickprov på 20 fakturor per tertial mot avtalsdatabasen
    ansvarig: Ekonomichef, frekvens: tertial
    resultat: 4 av 20 fakturor saknade avtal
    åtgärder: Utbildning i inköpspolicyn för beställare" "$out"
expect_contains "count" "3 risker" "$out"

# Index: T-A 95 > 90 met (100 × 2), T-B 80 not met (0 × 1), T-C missing:
# (2 × 100 + 1 × 0) / 3 = 66,7; T-A contributes 2 × 100 / 3 = 66,7.
run --db "$db" show index "Säker hälso- och sjukvård" --unit HHM --year 2024
expect_eq "index" "index Säker hälso- och sjukvård, HHM 2024
indikator vikt   status       poäng   bidrag
T-A       2,0    Uppfyllt        100     66,7
T-B       1,0    Ej uppfyllt       0      0,0
T-C       1,0    Saknas          – räknas ej
index: 66,7 av 100 (2 av 3 indikatorer räknade)" "$out"
run --db "$db" show index "Cancer" --unit HHM --year 2024
expect_eq "unknown index" 'styr: index "Cancer" has no indicators' "$errout"
run --db "$db" show index "Säker hälso- och sjukvård" --unit HHM
expect_eq "index usage" "styr: show index needs NAME, --unit and --year" "$errout"

# Bad rows: a scale outside 1-4, a weight of 0.
before=$(snapshot "$db")
printf '%s\n' "unit;year;risk;probability;consequence;control;responsible;frequency;result;actions" \
	"HHM;2024;Risk;5;1;Kontroll;Chef;år;;" >"$T/bad.csv"
run --db "$db" import csv "$T/bad.csv"
expect_eq "bad scale" "styr: $T/bad.csv:2: column \"probability\": probability \"5\": expected a whole number 1 to 4" "$errout"
printf '%s\n' "index;indicator;weight" "Säker hälso- och sjukvård;T-A;0" >"$T/bad2.csv"
run --db "$db" import csv "$T/bad2.csv"
expect_eq "bad weight" "styr: $T/bad2.csv:2: column \"weight\": weight \"0\": expected a number above 0" "$errout"
expect_eq "bad rows changed nothing" "$before" "$(snapshot "$db")"

# JSON lines with what styr derives.
run --db "$db" export internal_control --format json
expect_eq "json lines" 3 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "json risk value" '"probability":3,"consequence":3,"risk_value":9,' "$out"
run --db "$db" export index_weights --format json
expect_contains "json weight" '{"index":"Säker hälso- och sjukvård","indicator":"T-A","weight":2.0}' "$out"
G=$SRCDIR/tests/cli/data/goals
db2=$(newdb b)
run --db "$db2" init
run --db "$db2" import csv "$G"/*.csv "$SRCDIR/data/demo/followup.csv"
run --db "$db2" export uppdrag --format json
expect_contains "json uppdrag" '{"goal":"RS-U2","deadline":null,"report_dates":["2024-08-31"],"escalation_step":2,"escalation":"varning 1","escalation_action":"Extra verksamhetsdialog"}' "$out"
run --db "$db2" export escalations --format json
expect_contains "json step" '{"goal":"RS-U2","seq":2,"date":"2024-10-20","from":"påpekande","step":"varning 1","reason":"Fortfarande ingen återrapportering","decided_by":"Hälso- och sjukvårdsnämnden"}' "$out"
run --db "$db2" export followup --format json
expect_contains "json rule" '"report":"analys med prognos","months":[3,5,8,10],"deadline":null,"handling":"beslut"' "$out"
run --db "$db2" export uppdrag_reports --format json
expect_contains "json report" '"status":"pågår","text":"Arbetet med strategin har startat."' "$out"
run --db "$db2" export goals --format json
expect_eq "json not for goals" 2 "$rc"
finish
