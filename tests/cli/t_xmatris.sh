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

# Actions towards goals (the action store's hook): Hässleholm's nine
# åtgärder for a budget in balance (seed 001 lines 286–302) serve HHM-M53,
# as data/demo/actions.csv links them; LKR's plan serves RS-OM5, which LKR
# does not own, so LKR's X-matris shows none.
hhm_actions=$(awk -F';' '$2 == "HHM" && $10 == "HHM-M53" {print $4}' "$DEMO/actions.csv" | paste -sd';' | sed 's/;/; /g')
expect_eq "HHM actions linked in the demo" 9 "$(awk -F';' '$10 == "HHM-M53"' "$DEMO/actions.csv" | wc -l)"
run --db "$db" show xmatris --unit HHM
expect_contains "HHM-M53's actions" "HHM-M53  [målsättning]" "$out"
expect_eq "listed under HHM-M53" "       åtgärder: $hhm_actions" \
	"$(printf '%s\n' "$out" | sed -n '/HHM-M53  \[/,/åtgärder:/p' | tail -1)"
expect_contains "first and last" "åtgärder: Samordning; Mobilt team;" "$out"
expect_eq "one goal has actions" 1 "$(printf '%s\n' "$out" | grep 'åtgärder:' | grep -vc 'inga åtgärder')"
# A plan without a goal column still imports; its insatsområde naming a
# goal (by code or title) links the action, and an owner is shown; a
# goal of another unit's plan is not this unit's action.
cat >"$T/old-plan.csv" <<'CSV'
plan;unit;insatsomrade;title;owner;due;state;expected;achieved
HHM-X;HHM;HHM-M11;Enkät i väntrummet;Vårdenhetschef;;planerad;;
HHM-X;HHM;Patientnöjdhet;Återkoppling till patienter;;;pågår;;
HHM-X;LKR;HHM-M11;Landskronas egen åtgärd;;;planerad;;
CSV
run --db "$db" import csv "$T/old-plan.csv"
expect_eq "old plan imports" "styr: imported 3 actions" "$out"
expect_eq "goal stored empty" "3" "$(sql "$db" "SELECT count(*) FROM action WHERE plan = 'HHM-X' AND goal = ''")"
run --db "$db" show xmatris --unit HHM
expect_eq "by insatsområde" "       åtgärder: Enkät i väntrummet (Vårdenhetschef); Återkoppling till patienter" \
	"$(printf '%s\n' "$out" | sed -n '/HHM-M11  \[/,/åtgärder:/p' | tail -1)"
# an unknown goal is refused with its line and column, nothing stored
before=$(dbdump "$db")
printf 'plan;unit;insatsomrade;title;owner;due;state;expected;achieved;goal\nP;HHM;;A;;;planerad;;;HHM-M53\nP;HHM;;B;;;planerad;;;HHM-M99\n' >"$T/badgoal.csv"
run --db "$db" import csv "$T/badgoal.csv"
expect_eq "unknown goal exit" 2 "$rc"
expect_eq "unknown goal message" "styr: $T/badgoal.csv:3: column \"goal\": goal \"HHM-M99\" does not exist" "$errout"
expect_eq "unknown goal: unchanged" "$before" "$(dbdump "$db")"

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
