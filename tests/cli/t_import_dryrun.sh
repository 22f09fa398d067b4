#!/usr/bin/env bash
# Imports you can rehearse (issue 14 item 4): --dry-run reports per kind
# what an import would add, change and leave unchanged, lists the changed
# values old → new and stores nothing; the real import then does exactly
# that; importing the same files again changes nothing; a key that occurs
# twice in one import is refused naming both rows.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
db=$(newdb dryrun)

# The database's content: every row of every table (dbdump), in sorted
# order, since PostgreSQL moves a row that an upsert wrote again with the
# same values to the end of its table; and without the PostgreSQL data
# version (the web's cache counter) and the time of the data's last change
# (migration 0012), checked on their own: last_change shows that a dry run
# and a second import of the same files, which store nothing, leave that
# time (the date the reports print) alone.
content() {
	dbdump "$1" | awk '/^COPY public.styr_(data_version|last_change) /{skip=1; next} skip&&/^\\\./{skip=0} !skip' |
		grep -v '^INSERT INTO styr_last_change ' | sort
}
last_change() {
	sql "$1" "SELECT at FROM styr_last_change"
}
"$STYR" --db "$db" init >/dev/null

# --- the demo into an empty database: the dry run's counts are the import's
empty=$(content "$db")
sql "$db" "UPDATE styr_last_change SET at = 1577836800" >/dev/null
run --db "$db" import csv --dry-run "$DEMO"/*.csv
expect_eq "dry run: exit" 0 "$rc"
dry=$out
expect_eq "dry run: database unchanged" "$empty" "$(content "$db")"
expect_eq "dry run: the data's last change unmoved" 1577836800 "$(last_change "$db")"
expect_contains "dry run: says so" "styr: dry run, nothing stored: would import 42 org, 160 goals," "$dry"
expect_contains "dry run: values" "values: 139 tillagda, 0 ändrade, 0 oförändrade" "$dry"
expect_contains "dry run: ledger" "ledger: 240 tillagda, 0 ändrade, 0 oförändrade" "$dry"
run --db "$db" import csv "$DEMO"/*.csv
expect_eq "import: exit" 0 "$rc"
expect_eq "import: the dry run's summary" "${dry#styr: dry run, nothing stored: would import}" \
	"${out#styr: imported}"
expect_eq "import: breakdown" "org: 42 tillagda, 0 ändrade, 0 oförändrade
indicators: 84 tillagda, 0 ändrade, 0 oförändrade
targets: 106 tillagda, 0 ändrade, 0 oförändrade
values: 139 tillagda, 0 ändrade, 0 oförändrade
ledger: 240 tillagda, 0 ändrade, 0 oförändrade" "$(printf '%s\n' "$out" | tail -n +2)"

# --- the same files again: nothing added, nothing changed, nothing written
# (no audit entry either: the dump holds the audit table), and the data's
# last change unmoved, every kind included (an upsert of an unchanged row
# updates nothing)
once=$(content "$db")
sql "$db" "UPDATE styr_last_change SET at = 1577836800" >/dev/null
run --db "$db" import csv "$DEMO"/*.csv
expect_eq "again: exit" 0 "$rc"
expect_eq "again: breakdown" "org: 0 tillagda, 0 ändrade, 42 oförändrade
indicators: 0 tillagda, 0 ändrade, 84 oförändrade
targets: 0 tillagda, 0 ändrade, 106 oförändrade
values: 0 tillagda, 0 ändrade, 139 oförändrade
ledger: 0 tillagda, 0 ändrade, 240 oförändrade" "$(printf '%s\n' "$out" | tail -n +2)"
expect_eq "again: database unchanged" "$once" "$(content "$db")"
expect_eq "again: the data's last change unmoved" 1577836800 "$(last_change "$db")"

# --- one value, one target and one ledger amount changed
sed 's/^ID0285;LKR;2024;93,8;/ID0285;LKR;2024;95,1;/' "$DEMO/values.csv" >"$T/values.csv"
sed 's/^ID0285;LKR;2024;-$/ID0285;LKR;2024;≥ 95/' "$DEMO/targets.csv" >"$T/targets.csv"
sed 's/^LKR;;2024;;regionbidrag;utfall;281300;/LKR;;2024;;regionbidrag;utfall;281400;/' \
	"$DEMO/ledger.csv" >"$T/ledger.csv"
vline=$(grep -n '^ID0285;LKR;2024;' "$T/values.csv" | cut -d: -f1)
tline=$(grep -n '^ID0285;LKR;2024;' "$T/targets.csv" | cut -d: -f1)
lline=$(grep -n '^LKR;;2024;;regionbidrag;utfall;' "$T/ledger.csv" | cut -d: -f1)
changes="ändras: targets ID0285 LKR 2024 ($T/targets.csv:$tline): target \"-\" → \"≥ 95\"
ändras: values ID0285 LKR 2024 ($T/values.csv:$vline): value \"93,8\" → \"95,1\"
ändras: ledger LKR 2024 regionbidrag utfall ($T/ledger.csv:$lline): amount \"281300\" → \"281400\""
run --db "$db" import csv --dry-run "$T/values.csv" "$T/targets.csv" "$T/ledger.csv"
expect_eq "changed, dry run: exit" 0 "$rc"
dry=$out
expect_eq "changed, dry run: report" "styr: dry run, nothing stored: would import 106 targets, 114 values, 240 ledger
targets: 0 tillagda, 1 ändrade, 105 oförändrade
values: 0 tillagda, 1 ändrade, 113 oförändrade
ledger: 0 tillagda, 1 ändrade, 239 oförändrade
$changes" "$dry"
expect_eq "changed, dry run: database unchanged" "$once" "$(content "$db")"
run --db "$db" import csv "$T/values.csv" "$T/targets.csv" "$T/ledger.csv"
expect_eq "changed: exit" 0 "$rc"
expect_eq "changed: the dry run's report" "${dry#styr: dry run, nothing stored: would import}" \
	"${out#styr: imported}"
after=$(content "$db")
# exactly three rows differ, and the ledger amount's year sum (migration
# 0025): each one line out, one line in; and three audit entries (the
# write gate's) are new
expect_eq "changed: rows that differ" 11 \
	"$(diff <(printf '%s\n' "$once") <(printf '%s\n' "$after") | grep -c '^[<>]')"
run --db "$db" export values --unit LKR --year 2024
expect_contains "changed: the new value stored" "ID0285;LKR;2024;95,1;" "$out"
expect_eq "changed: audited with before, after and the line" \
	"value.put|value ID0285 LKR 2024|93,8|95,1|$T/values.csv:$vline" \
	"$(sql "$db" "SELECT action, entity, before, after, source FROM audit WHERE entity = 'value ID0285 LKR 2024' ORDER BY id DESC LIMIT 1")"

# --- a key twice in one file, and in two files: exit 2, both rows named
VH='indicator;unit;period;value;numerator;denominator;missing_reason;source'
printf '%s\n' "$VH" 'ID0285;LKR;2021;90,0;;;;' 'ID0286;LKR;2021;91,0;;;;' \
	'ID0285;LKR;2021;90,5;;;;' >"$T/dup.csv"
run --db "$db" import csv --dry-run "$T/dup.csv"
expect_eq "duplicate, dry run: exit" 2 "$rc"
expect_eq "duplicate: message" \
	"styr: $T/dup.csv:4: duplicate key ID0285 LKR 2021: the same as $T/dup.csv:2" "$errout"
run --db "$db" import csv "$T/dup.csv"
expect_eq "duplicate: exit" 2 "$rc"
expect_eq "duplicate: message" \
	"styr: $T/dup.csv:4: duplicate key ID0285 LKR 2021: the same as $T/dup.csv:2" "$errout"
expect_eq "duplicate: nothing stored" "$after" "$(content "$db")"
printf '%s\n' "$VH" 'ID0285;LKR;2021;90,0;;;;' >"$T/a.csv"
printf '%s\n' "$VH" 'ID0286;LKR;2021;91,0;;;;' 'ID0285;LKR;2021;90,5;;;;' >"$T/b.csv"
run --db "$db" import csv "$T/a.csv" "$T/b.csv"
expect_eq "duplicate across files: exit" 2 "$rc"
expect_eq "duplicate across files: message" \
	"styr: $T/b.csv:3: duplicate key ID0285 LKR 2021: the same as $T/a.csv:2" "$errout"
expect_eq "duplicate across files: nothing stored" "$after" "$(content "$db")"
# a ledger key (unit, table, year, month, row, kind) twice
LH='unit;table;year;month;row;kind;amount;source'
printf '%s\n' "$LH" 'LKR;;2030;3;regionbidrag;utfall;1;' 'LKR;;2030;3;regionbidrag;budget;1;' \
	'LKR;;2030;3;regionbidrag;utfall;2;' >"$T/ldup.csv"
run --db "$db" import csv "$T/ldup.csv"
expect_eq "ledger duplicate: exit" 2 "$rc"
expect_eq "ledger duplicate: message" \
	"styr: $T/ldup.csv:4: duplicate key LKR 2030 3 regionbidrag utfall: the same as $T/ldup.csv:2" \
	"$errout"
expect_eq "ledger duplicate: nothing stored" "$after" "$(content "$db")"

# --- a change in an approved period is marked (the import, an
# administrator's, is not refused: the dry run shows what it would touch)
echo "adm-losen" | "$STYR" --db "$db" user add adm --role admin >/dev/null
"$STYR" --db "$db" workflow LKR 2024 submit --as adm >/dev/null
"$STYR" --db "$db" workflow LKR 2024 approve --as adm >/dev/null
locked=$(content "$db")
run --db "$db" import csv --dry-run "$DEMO/values.csv"
expect_eq "locked: exit" 0 "$rc"
expect_eq "locked: report" "styr: dry run, nothing stored: would import 114 values
values: 0 tillagda, 1 ändrade, 113 oförändrade
ändras: values ID0285 LKR 2024 ($DEMO/values.csv:2): value \"95,1\" → \"93,8\" (låst period)" "$out"
expect_eq "locked: database unchanged" "$locked" "$(content "$db")"

# --- import sie, import report-text and events load: --dry-run runs the
# import, prints its counts and rolls it back; the import then prints the same
# counts and stores.
# rehearse WHAT ORGS CMD SUB ARGS...: on a fresh database with the org
# units ORGS, styr CMD SUB --dry-run ARGS, then styr CMD SUB ARGS
rehearse() {
	local what=$1 orgs=$2 cmd=$3 sub=$4 rdb before dry_rc dry_out
	shift 4
	rdb=$(newdb "r_$what")
	"$STYR" --db "$rdb" init >/dev/null
	"$STYR" --db "$rdb" import csv "$orgs" >/dev/null
	before=$(content "$rdb")
	run --db "$rdb" "$cmd" "$sub" --dry-run "$@"
	dry_rc=$rc
	dry_out=$out
	expect_eq "$what dry run: database unchanged" "$before" "$(content "$rdb")"
	expect_contains "$what dry run: says so" "styr: dry run, nothing stored: would" "$dry_out"
	run --db "$rdb" "$cmd" "$sub" "$@"
	expect_eq "$what: exit as in the dry run" "$rc" "$dry_rc"
	expect_eq "$what: the dry run's counts" \
		"$(printf '%s\n' "$dry_out" | sed -E 's/^styr: dry run, nothing stored: would (import|load)//')" \
		"$(printf '%s\n' "$out" | sed -E 's/^styr: (imported|loaded)//')"
	expect_eq "$what: the import stored" 1 "$([ "$before" != "$(content "$rdb")" ] && echo 1)"
}
rehearse sie "$DEMO/org_units.csv" import sie "$SHARED/testdata/sie/transaktioner_ovnbolag.se" \
	--unit LKR-VVO
rehearse report-text "$DEMO/org_units.csv" import report-text "$SEED002" --unit LKR --year 2024
rehearse events "$SRCDIR/tests/cli/data/events/org_units.csv" events load \
	"$SRCDIR/tests/cli/data/events/hand"

# --- --help names the option
run import --help
expect_contains "help" "styr import csv [--dry-run] [--max-rows N] FILE..." "$out"
finish
