#!/usr/bin/env bash
# Uppdrag, återrapportering and escalation (seed 004 Tabell 3): legal steps
# are recorded with date, reason and decision maker; illegal ones are
# refused with a message and leave the database as it was.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data/goals
db=$(newdb a)
SEED004=$SHARED/seeds/004_e502015ea6e97162.txt

run --db "$db" init
run --db "$db" import csv "$D"/*.csv
expect_eq "import exit" 0 "$rc"
expect_eq "import summary" "styr: imported 4 org, 5 goals, 2 uppdrag, 1 uppdrag_reports, 2 escalations" "${out%%$'\n'*}"

# The step names and actions are Tabell 3's (seed 004 lines 1905-1931).
for step in "1 Påpekande Tidigarelagd ny mätning" "2 Varning 1 Extra verksamhetsdialog"; do
	expect_contains "tabell 3 has [$step]" "$step" "$(cat "$SEED004")"
done
run --db "$db" uppdrag show RS-U2
expect_contains "imported steps" "eskalering: varning 1 (Extra verksamhetsdialog)" "$out"
expect_contains "step 1 recorded" "1. 2024-09-15  ingen → påpekande  beslut: Hälso- och sjukvårdsnämnden  skäl: Ingen återrapportering per 2024-08-31" "$out"
expect_contains "step 2 recorded" "2. 2024-10-20  påpekande → varning 1" "$out"

# Illegal: skipping a step.
before=$(snapshot "$db")
run --db "$db" uppdrag escalate RS-U2 --to "förlust av uppdrag" --date 2024-11-01 --reason "x" --by "HSN"
expect_eq "skip exit" 2 "$rc"
expect_eq "skip message" 'styr: uppdrag RS-U2: cannot go from "varning 1" to "förlust av uppdrag": escalation (seed 004 tabell 3) moves one step at a time; expected "ingen" or "varning 2"' "$errout"
expect_eq "skip changed nothing" "$before" "$(snapshot "$db")"
# Illegal: a date before the last step.
run --db "$db" uppdrag escalate RS-U2 --to "varning 2" --date 2024-10-01 --reason "x" --by "HSN"
expect_eq "backdated exit" 2 "$rc"
expect_eq "backdated message" 'styr: date "2024-10-01": uppdrag RS-U2 was last escalated on 2024-10-20; expected that date or later' "$errout"
# Illegal: an unknown step, and one without reason.
run --db "$db" uppdrag escalate RS-U2 --to "varning 3" --date 2024-11-01 --reason "x" --by "HSN"
expect_eq "unknown step" 'styr: step "varning 3": expected "ingen", "påpekande", "varning 1", "varning 2" or "förlust av uppdrag"' "$errout"
run --db "$db" uppdrag escalate RS-U2 --to "varning 2" --date 2024-11-01 --reason "" --by "HSN"
expect_eq "no reason" 'styr: reason is empty: every escalation step needs a reason' "$errout"
expect_eq "refusals changed nothing" "$before" "$(snapshot "$db")"

# Legal: up to varning 2 and förlust av uppdrag, then nothing more.
run --db "$db" uppdrag escalate RS-U2 --to "varning 2" --date 2024-11-01 --reason "Ingen förbättring" --by "HSN"
expect_eq "varning 2 exit" 0 "$rc"
expect_eq "varning 2 message" "styr: RS-U2 är nu på steg 3, varning 2: Medicinsk revision med krav på åtgärd och där det i vissa fall är tillämpbart med viten" "$out"
run --db "$db" uppdrag escalate RS-U2 --to "förlust av uppdrag" --date 2024-12-01 --reason "Revisionen utan resultat" --by "Regionstyrelsen"
expect_eq "förlust message" "styr: RS-U2 är nu på steg 4, förlust av uppdrag: Uppdraget flyttas till annan producent" "$out"
run --db "$db" uppdrag escalate RS-U2 --to "ingen" --date 2024-12-02 --reason "x" --by "HSN"
expect_eq "after förlust exit" 2 "$rc"
expect_eq "after förlust message" 'styr: uppdrag RS-U2: cannot go from "förlust av uppdrag" to "ingen": the uppdrag is lost, no step follows "förlust av uppdrag"' "$errout"

# Lifting an escalation, then starting over from påpekande only.
run --db "$db" uppdrag escalate RS-U1 --to "påpekande" --date 2024-09-10 --reason "Sen återrapport" --by "HSN"
run --db "$db" uppdrag escalate RS-U1 --to "ingen" --date 2024-09-30 --reason "Återrapport inkommen" --by "HSN"
expect_eq "lift exit" 0 "$rc"
run --db "$db" uppdrag escalate RS-U1 --to "varning 1" --date 2024-10-01 --reason "x" --by "HSN"
expect_contains "after lift" 'cannot go from "ingen" to "varning 1"' "$errout"

# Återrapportering: only a responsible board may report.
run --db "$db" uppdrag report RS-U1 --unit PV --date 2024-12-15 --status genomfört --text "Strategin är beslutad."
expect_eq "report by alias exit" 0 "$rc"
expect_eq "report message" "styr: PV rapporterade RS-U1: genomfört" "$out"
run --db "$db" uppdrag report RS-U1 --unit LKR-S --date 2024-12-15 --status genomfört
expect_eq "not owner exit" 2 "$rc"
expect_eq "not owner message" 'styr: unit "LKR-S" is not responsible for uppdrag RS-U1: expected one of its owners' "$errout"
run --db "$db" uppdrag report RS-U1 --unit HSN --date 2024-02-30 --status pågår
expect_eq "bad date" 'styr: date "2024-02-30": expected a date such as 2024-03-31' "$errout"
run --db "$db" uppdrag report RS-V --unit HSN --date 2024-02-01 --status pågår
expect_eq "not an uppdrag" 'styr: goal "RS-V" is not an uppdrag' "$errout"

run --db "$db" uppdrag list --unit PVN
expect_contains "list header" "uppdrag    slutdatum  eskalering         titel" "$out"
expect_contains "list row" "RS-U1      2024-12-31 ingen              Ta fram en strategi för omställningen till Nära vård" "$out"
expect_contains "owners" "ansvariga: HSN (huvudansvar), PVN" "$out"
expect_contains "latest report" "senaste rapport: 2024-12-15 PVN genomfört" "$out"
expect_contains "count" "1 uppdrag" "$out"

# Export and the round trip through an empty database.
run --db "$db" export escalations
expect_eq "escalations csv" "goal;date;step;reason;decided_by
RS-U1;2024-09-10;påpekande;Sen återrapport;HSN
RS-U1;2024-09-30;ingen;Återrapport inkommen;HSN
RS-U2;2024-09-15;påpekande;Ingen återrapportering per 2024-08-31;Hälso- och sjukvårdsnämnden
RS-U2;2024-10-20;varning 1;Fortfarande ingen återrapportering;Hälso- och sjukvårdsnämnden
RS-U2;2024-11-01;varning 2;Ingen förbättring;HSN
RS-U2;2024-12-01;förlust av uppdrag;Revisionen utan resultat;Regionstyrelsen" "$out"
run --db "$db" export uppdrag
expect_eq "uppdrag csv" "goal;deadline;report_dates
RS-U1;2024-12-31;2024-08-31|2024-12-31
RS-U2;;2024-08-31" "$out"
run --db "$db" export all --dir "$T/first"
db2=$(newdb b)
run --db "$db2" init
run --db "$db2" import csv "$T/first"/*.csv
expect_eq "reimport exit" 0 "$rc"
run --db "$db2" export all --dir "$T/second"
for f in goals uppdrag uppdrag_reports escalations followup; do
	expect_eq "round trip $f.csv" "$(cat "$T/first/$f.csv")" "$(cat "$T/second/$f.csv")"
done
# Importing the same steps again is idempotent.
before=$(snapshot "$db2")
run --db "$db2" import csv "$T/first"/*.csv
expect_eq "same again exit" 0 "$rc"
expect_eq "same again" "$before" "$(snapshot "$db2")"

# A file with an illegal step is refused whole, naming file, line, column.
printf '%s\n' "goal;date;step;reason;decided_by" \
	"RS-U1;2025-01-10;påpekande;Ny försening;HSN" \
	"RS-U1;2025-01-20;varning 2;Hoppar;HSN" >"$T/bad.csv"
run --db "$db2" import csv "$T/bad.csv"
expect_eq "bad file exit" 2 "$rc"
expect_eq "bad file message" "styr: $T/bad.csv:3: column \"step\": uppdrag RS-U1: cannot go from \"påpekande\" to \"varning 2\": escalation (seed 004 tabell 3) moves one step at a time; expected \"ingen\" or \"varning 1\"" "$errout"
expect_eq "bad file changed nothing" "$before" "$(snapshot "$db2")"
printf '%s\n' "goal;deadline;report_dates" "RS-U1;2024-12-31;2024-12-31|2024-08-31" >"$T/bad2.csv"
run --db "$db2" import csv "$T/bad2.csv"
expect_eq "dates order" "styr: $T/bad2.csv:2: column \"report_dates\": report date \"2024-08-31\": expected dates in increasing order" "$errout"
printf '%s\n' "goal;unit;date;status;text;source" "RS-U1;HSN;2024-08-20;klar;;" >"$T/bad3.csv"
run --db "$db2" import csv "$T/bad3.csv"
expect_eq "bad status" "styr: $T/bad3.csv:2: column \"status\": status \"klar\": expected \"ej påbörjat\", \"pågår\", \"genomfört\", \"försenat\" or \"ej genomfört\"" "$errout"
expect_eq "bad files changed nothing" "$before" "$(snapshot "$db2")"
finish
