#!/usr/bin/env bash
# Ledger dimensions (issue 15 item 4).  The SIE files' object lists (#TRANS
# {1 "Nord" 6 "0001"}, #PBUDGET {1 "11"}) are kept per object: the
# breakdown `styr ledger --by` prints equals awk's own sums over the file's
# lines per object (accounts 3000–8899, the BAS map's result rows, sign
# turned as the resultaträkning shows it), rounded once to tkr, and the
# stored öre equal awk's öre.  With kostnadsställen mapped to units
# (--objects), each unit's ledger is exactly its kostnadsställe's amounts
# and the file's unit keeps the file's total.  A kostnadsställe with no
# unit, and an objects file naming an unknown unit, are refused naming
# file, line and field, exit 2, nothing stored.  Deleting a unit takes its
# detail along.
. "$(dirname "$0")/lib.sh"
S=$SHARED/testdata/sie
OV=$S/transaktioner_ovnbolag.se

# objsum FILE LABEL DIM → "object|öre" for every object of dimension DIM in
# the object lists of LABEL (#TRANS or #PBUDGET 0) on accounts 3000–8899,
# with the resultaträkning's sign (SIE books income negative).
objsum() {
	tr -d '\r' <"$1" | awk -v label="$2" -v dim="$3" '
	function ore(s,   neg, p, w, f) {
		neg = s ~ /^-/; sub(/^[-+]/, "", s)
		p = index(s, ".")
		if (p) { w = substr(s, 1, p - 1); f = substr(s, p + 1) } else { w = s; f = "" }
		f = substr(f "00", 1, 2)
		return (neg ? -1 : 1) * (w * 100 + f)
	}
	{ sub(/^[ \t]+/, "") }
	$1 == label && (label == "#TRANS" || $2 == 0) {
		acct = label == "#TRANS" ? $2 : $4
		if (acct < 3000 || acct > 8899) next
		if (!match($0, /\{[^}]*\}/)) next
		list = substr($0, RSTART + 1, RLENGTH - 2)
		rest = substr($0, RSTART + RLENGTH); split(rest, r, " ")
		gsub(/"/, "", list); n = split(list, f, " ")
		for (i = 1; i + 1 <= n; i += 2)
			if (f[i] == dim) { s[f[i + 1]] -= ore(r[1]); seen[f[i + 1]] = 1 }
	}
	END { for (o in seen) printf "%s|%d\n", o, s[o] }' | sort
}
tkr() { awk -F'|' '{ x = $2; t = x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000); print $1 "|" t }'; }
# by UNIT YEAR DIM COLUMN → "object|figure" from `styr ledger --by`
# (COLUMN 3 utfall, 2 budget, counted from the right: utfall budget avvikelse)
by() {
	"$STYR" --db "$db" ledger --unit "$1" --year "$2" --by "$3" |
		sed 's/\xc2\xa0//g; s/−/-/g' | awk -v c="$4" 'NR > 2 && $1 != "Summa" && NF >= 4 {
		print $1 "|" $(NF - c + 1) }' | grep -v '^(' | sort
}

db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
cat >"$T/org.csv" <<'ORG'
code;name;kind;parent;valid_from;valid_to;aliases
SJH;Sjukhuset;förvaltning;;;;
NORD;Kontor Nord;enhet;SJH;;;
SYD;Kontor Syd;enhet;SJH;;;
ORG
run --db "$db" import csv "$T/org.csv"
expect_eq "org exit" 0 "$rc"

# 1. without a mapping: everything on SJH, the detail kept per object
run --db "$db" import sie "$OV" --unit SJH
expect_eq "import exit" 0 "$rc"
expect_contains "import counts objects" "objects with amounts" "$out"
want=$(objsum "$OV" "#TRANS" 1)
expect_eq "two kostnadsställen in the file" 2 "$(echo "$want" | wc -l)"
expect_eq "kostnadsställe öre = awk's Σ #TRANS per object" "$want" "$(sql "$db" "SELECT d.object
	|| '|' || sum(d.amount_ore) FROM ledger_detail d WHERE d.dim = 1 AND d.kind = 'utfall'
	AND d.row_code = 'resultat' AND d.year = 2011 GROUP BY d.object ORDER BY d.object")"
expect_eq "--by kostnadsstalle utfall = awk's, rounded once" "$(echo "$want" | tkr)" \
	"$(by SJH 2011 kostnadsstalle 3)"
want6=$(objsum "$OV" "#TRANS" 6)
[ -n "$want6" ] || fail "no projekt in the file"
expect_eq "--by projekt utfall = awk's" "$(echo "$want6" | tkr)" "$(by SJH 2011 projekt 3)"
expect_eq "--by 6 is projekt" "$(by SJH 2011 projekt 3)" "$(by SJH 2011 6 3)"
expect_eq "#OBJEKT names kept" "Kontor Nord" "$(sql "$db" "SELECT name FROM ledger_object
	WHERE dim = 1 AND code = 'Nord'")"
expect_eq "no unit filled but SJH" 0 "$(sql "$db" "SELECT count(*) FROM ledger l JOIN org_unit u
	ON u.id = l.unit_id WHERE u.code IN ('NORD', 'SYD')")"
total=$(sql "$db" "SELECT sum(amount_ore) FROM ledger l JOIN org_unit u ON u.id = l.unit_id
	WHERE u.code = 'SJH' AND l.year = 2011 AND l.row_code = 'resultat' AND l.kind = 'utfall'")

# 2. a kostnadsställe with no unit while a mapping is in use: refused
printf 'dim;object;name;unit\n1;Nord;Kontor Nord;NORD\n' >"$T/half.csv"
before=$(dbdump "$db")
run --db "$db" import sie "$OV" --unit SJH --objects "$T/half.csv"
expect_eq "unmapped kostnadsställe: exit" 2 "$rc"
line=$(tr -d '\r' <"$OV" | awk '/#TRANS/ && /"1" "Syd"/ { print NR; exit }')
expect_contains "unmapped: file, line and field" \
	"$OV:$line: #TRANS: field \"objects\": kostnadsställe \"Syd\" has no org unit" "$errout"
expect_eq "unmapped: nothing stored" "$before" "$(dbdump "$db")"
printf 'dim;object;name;unit\n1;Nord;Kontor Nord;NORD\n1;Syd;Kontor Syd;NOSUCH\n' >"$T/bad.csv"
run --db "$db" import sie "$OV" --unit SJH --objects "$T/bad.csv"
expect_eq "unknown unit: exit" 2 "$rc"
expect_contains "unknown unit: file, line, column" "$T/bad.csv:3: column \"unit\"" "$errout"
expect_eq "unknown unit: nothing stored" "$before" "$(dbdump "$db")"
# the objects file's own form: header, four columns, a dimension number
printf 'dim;object;unit\n1;Nord;NORD\n' >"$T/hdr.csv"
run --db "$db" import sie "$OV" --unit SJH --objects "$T/hdr.csv"
expect_eq "bad header: exit" 2 "$rc"
expect_contains "bad header: file, line, expected" \
	"$T/hdr.csv:1: header \"dim;object;unit\": expected dim;object;name;unit" "$errout"
expect_eq "bad header: nothing stored" "$before" "$(dbdump "$db")"
printf 'dim;object;name;unit\n1;Nord;NORD\n' >"$T/cols.csv"
run --db "$db" import sie "$OV" --unit SJH --objects "$T/cols.csv"
expect_eq "three columns: exit" 2 "$rc"
expect_contains "three columns: file, line, expected" \
	"$T/cols.csv:2: expected four columns, dim;object;name;unit" "$errout"
expect_eq "three columns: nothing stored" "$before" "$(dbdump "$db")"
printf 'dim;object;name;unit\nett;Nord;Kontor Nord;NORD\n' >"$T/dim.csv"
run --db "$db" import sie "$OV" --unit SJH --objects "$T/dim.csv"
expect_eq "bad dimension: exit" 2 "$rc"
expect_contains "bad dimension: file, line, column" \
	"$T/dim.csv:2: column \"dim\": \"ett\": expected a dimension number" "$errout"
expect_eq "bad dimension: nothing stored" "$before" "$(dbdump "$db")"

# 3. mapped: each unit's ledger is its kostnadsställe's amounts, exactly
printf 'dim;object;name;unit\n1;Nord;Kontor Nord;NORD\nkostnadsstalle;Syd;Kontor Syd;SYD\n' >"$T/objects.csv"
run --db "$db" import sie "$OV" --unit SJH --objects "$T/objects.csv"
expect_eq "mapped import exit" 0 "$rc"
unit_ore() {
	sql "$db" "SELECT sum(amount_ore) FROM ledger l JOIN org_unit u ON u.id = l.unit_id
		WHERE u.code = '$1' AND l.year = 2011 AND l.row_code = '$2' AND l.kind = 'utfall'"
}
expect_eq "NORD RESULTAT = awk's Σ Nord" "$(echo "$want" | awk -F'|' '$1 == "Nord" { print $2 }')" \
	"$(unit_ore NORD resultat)"
expect_eq "SYD RESULTAT = awk's Σ Syd" "$(echo "$want" | awk -F'|' '$1 == "Syd" { print $2 }')" \
	"$(unit_ore SYD resultat)"
expect_eq "SJH keeps the file's total" "$total" "$(unit_ore SJH resultat)"
# every mapped row: the units' rows sum to the objects' detail exactly
expect_eq "units' rows = Σ detail per row" "$(sql "$db" "SELECT d.row_code || '|' ||
	sum(d.amount_ore) FROM ledger_detail d WHERE d.dim = 1 AND d.kind = 'utfall' AND
	d.year = 2011 GROUP BY d.row_code ORDER BY d.row_code")" "$(sql "$db" "SELECT l.row_code ||
	'|' || sum(l.amount_ore) FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE u.code IN
	('NORD', 'SYD') AND l.kind = 'utfall' AND l.year = 2011 GROUP BY l.row_code
	ORDER BY l.row_code")"
expect_eq "mapping stored" "Nord|NORD
Syd|SYD" "$(sql "$db" "SELECT o.code || '|' || u.code FROM ledger_object o JOIN org_unit u ON
	u.id = o.unit_id ORDER BY o.code")"
run --db "$db" ledger --unit SJH --year 2011 --by kostnadsstalle
expect_contains "breakdown names the objects" "Kontor Syd" "$out"
run --db "$db" ledger --unit SJH --year 2011 --by nosuch
expect_eq "unknown dimension: exit" 2 "$rc"
expect_contains "unknown dimension: says what is expected" "expected kostnadsstalle" "$errout"

dba=$db

# 4. Test4.SE: its vouchers carry no objects, its #PSALDO rows do ({1 "11"}):
# utfall per kostnadsställe from those, budget from #PBUDGET {1 "0"}
db=$(newdb b)
"$STYR" --db "$db" init >/dev/null
"$STYR" --db "$db" import csv "$T/org.csv" >/dev/null
run --db "$db" import sie "$S/Test4.SE" --unit SJH
expect_eq "Test4 exit" 0 "$rc"
wantu=$(objsum "$S/Test4.SE" "#PSALDO" 1)
wantb=$(objsum "$S/Test4.SE" "#PBUDGET" 1)
expect_eq "Test4: four kostnadsställen" 4 "$(echo "$wantu" | wc -l)"
expect_eq "Test4 --by 1 utfall = awk's Σ #PSALDO per object" "$(echo "$wantu" | tkr)" \
	"$(by SJH 2008 1 3)"
expect_eq "Test4 budget öre = awk's Σ #PBUDGET per object" "$wantb" "$(sql "$db" "SELECT
	object || '|' || sum(amount_ore) FROM ledger_detail WHERE dim = 1 AND kind = 'budget' AND
	row_code = 'resultat' GROUP BY object ORDER BY object")"

# 5. export → import round-trips the detail (the ledger's kostnadsstalle
# column), and the SIE file's totals stay as given
db=$dba
rm -rf "$T/ex" "$T/ex2"
"$STYR" --db "$db" export all --dir "$T/ex" >/dev/null || fail "export"
expect_contains "export header" "enhet;kostnadsstalle" "$(head -1 "$T/ex/ledger.csv")"
dbr=$(newdb r)
"$STYR" --db "$dbr" init >/dev/null
run --db "$dbr" import csv "$T/ex/org.csv" "$T/ex/ledger.csv"
expect_eq "re-import exit" 0 "$rc"
"$STYR" --db "$dbr" export all --dir "$T/ex2" >/dev/null || fail "export 2"
expect_eq "ledger with detail round-trips" "$(sort "$T/ex/ledger.csv")" "$(sort "$T/ex2/ledger.csv")"

# 6. the CSV ledger's kostnadsstalle column: the unit's row is the exact
# sum of its kostnadsställen, each kostnadsställe's RESULTAT the sum of
# its rows; in kr with öre
dbc=$(newdb c)
"$STYR" --db "$dbc" init >/dev/null
"$STYR" --db "$dbc" import csv "$T/org.csv" >/dev/null
awk 'BEGIN { print "unit;table;year;month;row;kind;amount;source;enhet;kostnadsstalle"
	for (k = 1; k <= 30; k++) for (m = 1; m <= 12; m++) {
		printf "NORD;;2024;%d;forsaljning_verksamhet;utfall;%d,%02d;;kr;KS%02d\n", m, 1000 * k + m, k, k
		printf "NORD;;2024;%d;lonekostnader;utfall;-%d,%02d;;kr;KS%02d\n", m, 700 * k + m, (k * 7) % 100, k
	} }' >"$T/kst.csv"
run --db "$dbc" import csv "$T/kst.csv"
expect_eq "csv kostnadsstalle exit" 0 "$rc"
csv_ore() { # ROW → Σ öre over the file's rows of ROW (all of them for resultat)
	awk -F';' -v r="$1" 'NR > 1 && (r == "resultat" || $5 == r) { a = $7; neg = a ~ /^-/
		sub(/^-/, "", a); split(a, p, ","); s += (neg ? -1 : 1) * (p[1] * 100 + p[2]) }
		END { print s }' "$T/kst.csv"
}
for r in forsaljning_verksamhet lonekostnader resultat; do
	expect_eq "NORD $r = Σ its kostnadsställen" "$(csv_ore $r)" "$(sql "$dbc" "SELECT
		sum(amount_ore) FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE u.code =
		'NORD' AND l.year = 2024 AND l.row_code = '$r' AND l.kind = 'utfall'")"
done
want=$(awk -F';' 'NR > 1 { a = $7; neg = a ~ /^-/; sub(/^-/, "", a); split(a, p, ",")
	s[$10] += (neg ? -1 : 1) * (p[1] * 100 + p[2]) }
	END { for (k in s) printf "%s|%d\n", k, s[k] }' "$T/kst.csv" | sort)
db=$dbc
expect_eq "--by kostnadsstalle = awk's per kostnadsställe" "$(echo "$want" | tkr)" \
	"$(by NORD 2024 kostnadsstalle 3)"
printf 'unit;table;year;month;row;kind;amount;source;enhet;kostnadsstalle\nNORD;personal;2024;1;lonekostnader;utfall;-1;;kr;KS01\n' >"$T/kst-bad.csv"
before=$(dbdump "$dbc")
run --db "$dbc" import csv "$T/kst-bad.csv"
expect_eq "kostnadsstalle in a partial table: exit" 2 "$rc"
expect_contains "names file, line, field" "kst-bad.csv:2" "$errout"
expect_contains "says what is expected" "expected it empty" "$errout"
expect_eq "nothing stored" "$before" "$(dbdump "$dbc")"

# 7. deleting a unit takes its detail and unmaps its objects
db=$dba
run --db "$db" delete unit SYD --cascade
expect_eq "delete unit exit" 0 "$rc"
expect_eq "SYD unmapped" 0 "$(sql "$db" "SELECT count(*) FROM ledger_object WHERE code = 'Syd'
	AND unit_id IS NOT NULL")"
finish
