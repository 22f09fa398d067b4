#!/usr/bin/env bash
# Bad input: every case gets exit code 2, a message naming file, line and
# column with what was expected, and leaves the database exactly as it was.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
"$STYR" --db "$db" import csv "$D"/*.csv >/dev/null || fail "fixture import"
before=$(snapshot "$db")
H='indicator;unit;period;value;numerator;denominator;missing_reason;source'

# bad_csv NAME CONTENT EXPECTED-MESSAGE: the file is the last of a set, so
# the good rows before it must be rolled back too.
bad_csv() {
	printf '%s' "$2" >"$T/$1"
	printf '%s\n%s\n' "$H" "ID0069;LKR;2022;80,2;;;;" >"$T/good.csv"
	run --db "$db" import csv "$T/good.csv" "$T/$1"
	expect_eq "$1: exit code" 2 "$rc"
	expect_eq "$1: message" "styr: $T/$1:$3" "$errout"
	expect_eq "$1: database unchanged" "$before" "$(snapshot "$db")"
}

bad_csv number.csv "$H
ID0069;LKR;2021;79,0;;;;
ID0069;LKR;2020;8#,3;;;;
" '3: column "value": value "8#,3": expected a number such as 83,8'

bad_csv unknown_indicator.csv "$H
ID9999;LKR;2024;1;;;;
" '2: column "indicator": indicator "ID9999" does not exist'

bad_csv unknown_unit.csv "$H
ID0069;MALMÖ;2024;1;;;;
" '2: column "unit": org unit "MALMÖ" does not exist'

bad_csv bad_period.csv "$H
ID0069;LKR;2024-13;1;;;;
" '2: column "period": period "2024-13": expected a period such as 2024, 2024-03, 2024T2 or jan–aug 2024'

bad_csv empty_value.csv "$H
ID0069;LKR;2024;;;;;
" '2: column "value": value is empty: expected a number, "-", "x" or a missing_reason'

bad_csv missing_column.csv 'indicator;unit;value
ID0069;LKR;1
' '1: missing column "period": a values file needs the columns of docs/formats.md'

bad_csv unknown_column.csv 'indicator;unit;perod;period;value;numerator;denominator;missing_reason;source
' '1: unknown column "perod" in a values file: expected the columns of docs/formats.md'

bad_csv short_row.csv "$H
ID0069;LKR;2024;1
" '2: 4 fields: expected 8 as in the header'

bad_csv truncated.csv "$H
ID0069;LKR;2024;1;;;\"Vi har inga" '2: the file ends inside a quoted field: expected a closing "'

bad_csv required.csv "$H
;LKR;2024;1;;;;
" '2: column "indicator" is empty: a value is required'

bad_csv bad_target.csv 'indicator;unit;year;target
ID0069;LKR;2024;ca 95
' '2: column "target": target "ca 95": expected a target such as ">95%", "≥ 10 % minskning/år", "Ökning" or "-"'

bad_csv bad_kind.csv 'code;name;kind;parent;valid_from;valid_to;aliases
X;Ett sjukhus;sjukhus;RS;;;
' '2: column "kind": kind "sjukhus": expected "region", "nämnd", "styrelse", "förvaltning", "verksamhetsområde" or "enhet"'

bad_csv unknown_parent.csv 'code;name;kind;parent;valid_from;valid_to;aliases
X;Ett sjukhus;förvaltning;NOPE;;;
' '2: column "parent": org unit "NOPE" does not exist'

# Latin-1 instead of UTF-8: "Hässleholm" with ä as 0xE4 on line 3.
printf '%s\nID0069;LKR;2024;1;;;;\nID0069;LKR;2023;1;;;H\344ssleholm;\n' "$H" >"$T/latin1.csv"
run --db "$db" import csv "$T/latin1.csv"
expect_eq "latin1: exit code" 2 "$rc"
expect_eq "latin1: message" "styr: $T/latin1.csv:3: byte 0xE4 is not UTF-8: expected UTF-8 text (save the file as UTF-8; SIE files use the sie importer)" "$errout"
expect_eq "latin1: database unchanged" "$before" "$(snapshot "$db")"

run --db "$db" import csv "$T/does-not-exist.csv"
expect_eq "missing file: exit code" 2 "$rc"
expect_eq "missing file: message" "styr: $T/does-not-exist.csv: No such file or directory" "$errout"

# A database that does not exist is not created by accident: no SQLite
# file appears; a PostgreSQL database (which must exist) gets no schema.
if [ "$BACKEND" = pg ]; then
	nope=$(newdb nope)
	run --db "$nope" import csv "$D/org.csv"
	expect_eq "no database: exit code" 2 "$rc"
	expect_eq "no database: message" "styr: database $nope has no styr schema (create it with: styr init --db $nope)" "$errout"
	expect_eq "no database: no tables made" 0 "$(sql "$nope" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
else
	run --db "$T/nope.db" import csv "$D/org.csv"
	expect_eq "no database: exit code" 2 "$rc"
	expect_contains "no database: message" "does not exist (create it with: styr init" "$errout"
	[ ! -e "$T/nope.db" ] || fail "import created a database"
fi

# report-text with a unit that does not exist
run --db "$db" import report-text "$SEED002" --unit NOPE --year 2024
expect_eq "report-text unknown unit: exit" 2 "$rc"
expect_eq "report-text unknown unit: message" 'styr: --unit: org unit "NOPE" does not exist' "$errout"
expect_eq "report-text unknown unit: unchanged" "$before" "$(snapshot "$db")"
finish
