#!/usr/bin/env bash
# On generated events the full indicator set computed in SQL by sqlite3
# (bench/events/sqlite.sql over the same CSV files) agrees with styr
# exactly: every indicator, unit, month and year, numerator, denominator
# and value.  Once without a database (styr events compute-files, units
# under ALL) and once through load and compute into a database, where the
# hospital GEN is the roll-up of its units and must equal SQL's ALL.  The
# generator is deterministic: the same seed gives the same bytes.
. "$(dirname "$0")/lib.sh"
G=$T/gen
run events generate --units 4 --years 2 --first-year 2023 --seed 7 --events 40000 --out "$G"
expect_eq "generate exit" 0 "$rc"
expect_contains "generate summary" "styr: generated" "$out"
"$STYR" events generate --units 4 --years 2 --first-year 2023 --seed 7 --events 40000 --out "$T/again" >/dev/null
expect_eq "deterministic" "$(cat "$G"/*.csv | sha256sum)" "$(cat "$T/again"/*.csv | sha256sum)"
"$STYR" events generate --units 4 --years 2 --first-year 2023 --seed 8 --events 40000 --out "$T/other" >/dev/null
checks=$((checks + 1))
[ "$(cat "$G"/*.csv | sha256sum)" != "$(cat "$T/other"/*.csv | sha256sum)" ] || fail "another seed gives other events"

sh "$SRCDIR/bench/events/sqlite-load.sh" "$G" "$T/ref.db"
for y in 2023 2024; do
	{ echo "CREATE TEMP TABLE param AS SELECT $y AS y;"; cat "$SRCDIR/bench/events/sqlite.sql"; } |
		sqlite3 "$T/ref.db" | sort >"$T/sql-$y.txt"
	"$STYR" events compute-files --year $y "$G" 2>/dev/null | sort >"$T/styr-$y.txt"
	checks=$((checks + 1))
	if ! diff "$T/sql-$y.txt" "$T/styr-$y.txt" >"$T/diff"; then
		fail "$y: styr and sqlite3 differ: $(head -20 "$T/diff")"
	fi
	n=$(wc -l <"$T/sql-$y.txt")
	checks=$((checks + 1))
	[ "$n" -gt 600 ] || fail "$y: only $n values"
done
# all 22 indicators are there in 2024 (the change needs 2023)
expect_eq "indicators computed" 22 "$(cut -d';' -f1 "$T/styr-2024.txt" | sort -u | wc -l | tr -d ' ')"

# through a database: the org tree rolls the clinics up into GEN
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
run --db "$db" import csv "$G/org_units.csv"
expect_eq "org import" 0 "$rc"
run --db "$db" events load "$G"
expect_eq "load exit" 0 "$rc"
run --db "$db" events compute --year 2024
expect_eq "compute exit" 0 "$rc"
# the same lines, from the database, for GEN: numerator and denominator
# as whole numbers (case mix in thousandths), the value as stored
sql "$db" "SELECT i.code, v.first_month, v.last_month,
	COALESCE(CAST(round(v.numerator * 1000) AS INTEGER), -1),
	COALESCE(CAST(round(v.denominator) AS INTEGER), -1), CAST(round(v.value * 1000) AS INTEGER)
	FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id
	WHERE u.code = 'GEN' AND v.year = 2024" | sort >"$T/db.txt"
# SQL's ALL lines in the same shape
awk -F';' '{
	p = $3; fm = 1; lm = 12
	if (length(p) == 7) { fm = substr(p, 6, 2) + 0; lm = fm }
	num = ($4 == "") ? -1 : sprintf("%.0f", $4 * 1000)
	den = ($5 == "") ? -1 : $5
	printf "%s|%d|%d|%s|%s|%.0f\n", $1, fm, lm, num, den, $6 * 1000
}' <(grep ';ALL;' "$T/sql-2024.txt") | sort >"$T/sqlall.txt"
checks=$((checks + 1))
if ! diff "$T/sqlall.txt" "$T/db.txt" >"$T/diff2"; then
	fail "database GEN and sqlite3 ALL differ: $(head -20 "$T/diff2")"
fi
expect_eq "values at GEN" "$(wc -l <"$T/sqlall.txt")" "$(wc -l <"$T/db.txt")"
checks=$((checks + 1))
[ "$(wc -l <"$T/db.txt")" -gt 200 ] || fail "too few values at GEN: $(wc -l <"$T/db.txt")"
finish
