#!/usr/bin/env bash
# The ledger's year sums (migration 0025): ledger_year must equal a GROUP
# BY over ledger, computed here in SQL, after every way the ledger is
# written: CSV and SIE imports, a re-import with changed amounts, a month
# deleted, a unit's ledger deleted with --cascade, and rows moved by SQL.
# The roll-up (styr ledger --unit RS, which reads the year sums for a
# whole year) prints the figures that SQL over ledger itself gives: the
# region's and its children's, exact öre rounded once; and a year whose
# utfall lacks December everywhere (the monthly reads, like with like)
# compares jan–nov of utfall, budget and the year before.
. "$(dirname "$0")/lib.sh"
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
q() { sql "$db" "$1"; }
cat >"$T/org.csv" <<'CSV'
code;name;kind;parent;valid_from;valid_to;aliases
RS;Region;region;;;;
SJH;Sjukhuset;förvaltning;RS;;;
V01;Vo 1;verksamhetsområde;SJH;;;
V02;Vo 2;verksamhetsområde;SJH;;;
V03;Vo 3;verksamhetsområde;SJH;;;
PV;Primärvården;förvaltning;RS;;;
CSV
run --db "$db" import csv "$T/org.csv"
expect_eq "org exit" 0 "$rc"

# Amounts in kr with öre, 2023 and 2024, utfall and budget a month, for
# V01–V03 and PV; PV also a printed year figure (month 0) of utfall 2022
# (kept apart in the year sums; outside the years the roll-up reads).
gen() { # $1: a number that changes every amount
	awk -v k="$1" 'BEGIN {
		print "unit;table;year;month;row;kind;amount;source;enhet"
		split("V01 V02 V03 PV", units, " ")
		split("regionbidrag lonekostnader ovriga_kostnader", rows, " ")
		for (u = 1; u <= 4; u++)
			for (y = 2023; y <= 2024; y++)
				for (m = 1; m <= 12; m++)
					for (r = 1; r <= 3; r++)
						for (b = 0; b <= 1; b++) {
							a = 100 * (1000 * ((u * 31 + r * 17 + m * 7 + y + b * 5 + k) % 900 + 10) + 333) + (u * r * m + k) % 100
							if (r > 1) a = -a
							printf "%s;;%d;%d;%s;%s;%d,%02d;gen;kr\n", units[u], y, m, rows[r],
							       b ? "budget" : "utfall", a / 100, (a < 0 ? -a : a) % 100
						}
		print "PV;;2022;;regionbidrag;utfall;123456,78;gen;kr"
	}'
}
gen 0 >"$T/ledger.csv"
run --db "$db" import csv "$T/ledger.csv"
expect_eq "ledger exit" 0 "$rc"

sums_equal() { # $1: what was done
	local a b
	a=$(q "SELECT unit_id, tab, year, row_code, kind, months, amount_ore, year_ore
		FROM ledger_year ORDER BY unit_id, tab, year, row_code, kind")
	b=$(q "SELECT unit_id, tab, year, row_code, kind, sum(1 << month),
		sum(CASE WHEN month > 0 THEN amount_ore ELSE 0 END),
		sum(CASE WHEN month = 0 THEN amount_ore ELSE 0 END)
		FROM ledger GROUP BY unit_id, tab, year, row_code, kind
		ORDER BY unit_id, tab, year, row_code, kind")
	[ -n "$b" ] || fail "$1: an empty ledger proves nothing"
	expect_eq "$1: ledger_year = GROUP BY over ledger" "$b" "$a"
}
sums_equal "CSV import"
expect_eq "CSV import: one year-sum row a unit, year, row and kind (and the sums)" \
	"$(q "SELECT count(*) FROM (SELECT DISTINCT unit_id, year, row_code, kind FROM ledger) d")" \
	"$(q "SELECT count(*) FROM ledger_year")"

# styr ledger's figures as "unit|row|utfall year−1|utfall|budget|avvikelse"
# lines (as bench/ledger reads them)
styr_lines() { # $@: styr ledger's arguments
	"$STYR" --db "$db" ledger "$@" >"$T/table.txt" || fail "styr ledger $*"
	sed 's/\xc2\xa0//g; s/\xe2\x88\x92/-/g; s/ %/%/' "$T/table.txt" | awk '
	/^Resultaträkning / { unit = $2; next }
	unit != "" && NF >= 8 && $(NF - 3) ~ /^-?[0-9]+$/ {
		label = $1
		for (i = 2; i <= NF - 7; i++) label = label " " $i
		print unit "|" label "|" $(NF - 6) "|" $(NF - 5) "|" $(NF - 4) "|" $(NF - 3)
	}' | LC_ALL=C sort
}
# The same from SQL over ledger (not the year sums): RS's table and its
# children's, SJH's the sum of its units' and PV's its own (neither RS
# nor SJH holds figures of its own here), months 1 to $1.
sql_lines() { # $1: last month compared
	q "WITH f AS (
	  SELECT u.code AS unit, l.row_code,
	         CAST(sum(CASE WHEN l.year = 2023 AND l.kind = 'utfall' AND l.month BETWEEN 1 AND $1
	                  THEN l.amount_ore END) AS BIGINT) AS p,
	         CAST(sum(CASE WHEN l.year = 2024 AND l.kind = 'utfall' AND l.month BETWEEN 1 AND $1
	                  THEN l.amount_ore END) AS BIGINT) AS u,
	         CAST(sum(CASE WHEN l.year = 2024 AND l.kind = 'budget' AND l.month BETWEEN 1 AND $1
	                  THEN l.amount_ore END) AS BIGINT) AS b
	  FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE l.tab = '' AND l.year IN (2023, 2024)
	  GROUP BY u.code, l.row_code),
	g AS (
	  SELECT unit, row_code, p, u, b FROM f WHERE unit = 'PV'
	  UNION ALL
	  SELECT 'SJH', row_code, CAST(sum(p) AS BIGINT), CAST(sum(u) AS BIGINT),
	         CAST(sum(b) AS BIGINT) FROM f WHERE unit <> 'PV' GROUP BY row_code
	  UNION ALL
	  SELECT 'RS', row_code, CAST(sum(p) AS BIGINT), CAST(sum(u) AS BIGINT),
	         CAST(sum(b) AS BIGINT) FROM f GROUP BY row_code)
	SELECT g.unit || '|' || r.label || '|' ||
	       ((g.p + CASE WHEN g.p < 0 THEN -50000 ELSE 50000 END) / 100000) || '|' ||
	       ((g.u + CASE WHEN g.u < 0 THEN -50000 ELSE 50000 END) / 100000) || '|' ||
	       ((g.b + CASE WHEN g.b < 0 THEN -50000 ELSE 50000 END) / 100000) || '|' ||
	       ((g.u - g.b + CASE WHEN g.u - g.b < 0 THEN -50000 ELSE 50000 END) / 100000)
	FROM g JOIN ledger_row r ON r.code = g.row_code" | LC_ALL=C sort
}
rollup_same() { # $1: what was done, $2: last month compared
	local want
	want=$(sql_lines "$2")
	[ -n "$want" ] || fail "$1: no lines from SQL"
	expect_eq "$1: the roll-up of RS and its units = SQL over ledger" \
		"$want" "$(styr_lines --unit RS --year 2024)"
}
rollup_same "CSV import" 12

# re-import with every amount changed: the sums move by the difference
gen 7 >"$T/ledger2.csv"
run --db "$db" import csv "$T/ledger2.csv"
expect_eq "re-import exit" 0 "$rc"
sums_equal "re-import with changed amounts"
rollup_same "re-import" 12

# one month of one unit deleted: its bit goes, the sum drops by it
run --db "$db" delete ledger V02 - 2024 12 regionbidrag utfall
expect_eq "delete a month exit" 0 "$rc"
sums_equal "a month deleted"
expect_eq "a month deleted: V02's regionbidrag 2024 lacks december" "$(((1 << 13) - 2 - (1 << 12)))" \
	"$(q "SELECT y.months FROM ledger_year y JOIN org_unit u ON u.id = y.unit_id WHERE
	u.code = 'V02' AND y.year = 2024 AND y.row_code = 'regionbidrag' AND y.kind = 'utfall'")"
rollup_same "one unit's december deleted (other units have it: all twelve compared)" 12

# December's utfall gone everywhere: like with like, jan–nov compared
q "DELETE FROM ledger WHERE year = 2024 AND month = 12 AND kind = 'utfall'" >/dev/null
sums_equal "december's utfall deleted by SQL"
rollup_same "no utfall for december (the months read, jan–nov)" 11
expect_contains "no december: named" "Utfall saknas för dec 2024" "$(cat "$T/table.txt")"

# rows moved to another month and unit by SQL (the update of a key)
q "UPDATE ledger SET month = 12 WHERE year = 2024 AND month = 11 AND kind = 'utfall'
	AND unit_id = (SELECT id FROM org_unit WHERE code = 'V03')" >/dev/null
sums_equal "months moved by an UPDATE of the key"
q "UPDATE ledger SET amount_ore = amount_ore + 1 WHERE year = 2023 AND month = 3" >/dev/null
sums_equal "amounts changed by an UPDATE"

# SIE: a real file's months into SJH's ledger
run --db "$db" import sie "$SHARED/testdata/sie/transaktioner_ovnbolag.se" --unit V03
expect_eq "SIE exit" 0 "$rc"
[ "$(q "SELECT count(*) FROM ledger WHERE year = 2011")" -gt 0 ] || fail "SIE: no ledger rows"
sums_equal "SIE import"

# a unit deleted with everything it has
run --db "$db" delete unit V03 --cascade
expect_eq "delete --cascade exit" 0 "$rc"
sums_equal "unit deleted with --cascade"
expect_eq "no year sums of a deleted unit" 0 \
	"$(q "SELECT count(*) FROM ledger_year WHERE unit_id NOT IN (SELECT id FROM org_unit)")"
rollup_same "after the deletion" 11

# everything deleted: no year sum is left behind
q "DELETE FROM ledger" >/dev/null
expect_eq "empty ledger, empty year sums" 0 "$(q "SELECT count(*) FROM ledger_year")"
finish
