#!/usr/bin/env bash
# Exact amounts (issue 15 item 1) on a generated hospital: 10
# verksamhetsområden × 40 rows × 12 months of amounts in kr with öre (the
# CSV ledger's column enhet = kr), and the hospital's own ledger, each
# month the exact sum of its units'.  Every row's and RESULTAT's year
# figure that `styr ledger` shows equals the exact sum of the amounts
# rounded once to tkr, computed here by awk from the generated file; the
# design before (every month rounded to tkr, then added) would have drifted
# by hundreds of tkr, and that drift is shown gone.  Amounts with more
# decimals than öre, or an unknown enhet, are refused naming file, line and
# column, with nothing stored.
. "$(dirname "$0")/lib.sh"
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null

awk 'BEGIN {
	print "code;name;kind;parent;valid_from;valid_to;aliases"
	print "RS;Region;region;;;;"
	print "SJH;Sjukhuset;förvaltning;RS;;;"
	for (u = 1; u <= 10; u++) printf "V%02d;Verksamhetsområde %d;verksamhetsområde;SJH;;;\n", u, u
}' >"$T/org.csv"
run --db "$db" import csv "$T/org.csv"
expect_eq "org exit" 0 "$rc"
# rows added to the plan's (17 since migration 0024's köpt vård) up to 40
# a unit, the first 8 income, the others costs
base=$(sql "$db" "SELECT count(*) FROM ledger_row WHERE parent IN
	('summa_intakter', 'summa_kostnader')")
for i in $(seq 1 $((40 - base))); do
	parent=summa_kostnader
	[ "$i" -le 8 ] && parent=summa_intakter
	sql "$db" "INSERT INTO ledger_row(code, label, parent, position)
		VALUES ('extra$i', 'Extra $i', '$parent', $((40 + i)))" || fail "row extra$i"
done
sql "$db" "SELECT code || ' ' || parent FROM ledger_row WHERE parent IN
	('summa_intakter', 'summa_kostnader') ORDER BY position, code" >"$T/rows.txt"
expect_eq "40 rows" 40 "$(wc -l <"$T/rows.txt")"

# The generator: amount a unit, row and month = K tkr + 333 kr + a few öre
# (333,33 kr is a 4 000 kr a year depreciation, 3 333,33 kr is 40 000),
# income positive, costs negative.  The units' files give no sums: styr
# computes SUMMA INTÄKTER, SUMMA KOSTNADER and RESULTAT from their rows, as
# for SIE.  SJH's months are the exact sums of its units', its sums and
# RESULTAT given.  Written in kr with öre.
awk -v rows="$T/rows.txt" 'BEGIN {
	while ((getline line < rows) > 0) { split(line, f, " "); n++; code[n] = f[1]; sub_of[n] = f[2] }
	print "unit;table;year;month;row;kind;amount;source;enhet"
	for (u = 1; u <= 10; u++)
		for (m = 1; m <= 12; m++) {
			delete s
			for (r = 1; r <= n; r++) {
				a = 100 * (1000 * ((u * 31 + r * 17 + m * 7) % 900 + 10) + 333) + (u * r * m) % 100
				if (sub_of[r] == "summa_kostnader") a = -a
				put(sprintf("V%02d", u), m, code[r], a)
				s[sub_of[r]] += a; h[m, code[r]] += a
			}
			h[m, "summa_intakter"] += s["summa_intakter"]
			h[m, "summa_kostnader"] += s["summa_kostnader"]
			h[m, "resultat"] += s["summa_intakter"] + s["summa_kostnader"]
		}
	code[n + 1] = "summa_intakter"; code[n + 2] = "summa_kostnader"; code[n + 3] = "resultat"
	for (m = 1; m <= 12; m++)
		for (r = 1; r <= n + 3; r++)
			put("SJH", m, code[r], h[m, code[r]])
}
function put(unit, m, row, ore,   neg) {
	neg = ore < 0; if (neg) ore = -ore
	printf "%s;;2024;%d;%s;utfall;%s%d,%02d;generated;kr\n", unit, m, row, neg ? "-" : "", int(ore / 100), ore % 100
}' >"$T/ledger.csv"
expect_eq "generated amounts" $(((10 * 40 + 43) * 12 + 1)) "$(wc -l <"$T/ledger.csv")"
run --db "$db" import csv "$T/ledger.csv"
expect_eq "import exit" 0 "$rc"
expect_contains "import summary" "5316 ledger" "$out"
expect_eq "the units' sums computed" 360 "$(sql "$db" "SELECT count(*) FROM ledger
	WHERE source = 'Σ av raderna (styr)'")"

# expected UNIT → "row|year figure": the sum of the unit's amounts of the
# row in öre, a sum row's the sum of its rows' amounts, rounded once
expected() {
	awk -F';' -v unit="$1" -v rows="$T/rows.txt" '
	function ore(s,   neg, w) { neg = s ~ /^-/; sub(/^-/, "", s); split(s, w, ","); return (neg ? -1 : 1) * (w[1] * 100 + w[2]) }
	function tkr(x) { return x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000) }
	BEGIN { while ((getline l < rows) > 0) { split(l, f, " "); sub_of[f[1]] = f[2] } }
	NR > 1 && $1 == unit && ($5 in sub_of) {
		a = ore($7); year[$5] += a; year[sub_of[$5]] += a; year["resultat"] += a
	}
	END { for (r in year) printf "%s|%d\n", r, tkr(year[r]) }' "$T/ledger.csv" | sort
}
# shown UNIT → "row|utfall" from styr ledger (rows by their labels)
shown() {
	"$STYR" --db "$db" ledger --unit "$1" --year 2024 |
		sed 's/\xc2\xa0//g; s/−/-/g; s/ %/%/; s/\*$//' | awk 'NR > 3 && NF >= 8 {
		lab = $1; for (i = 2; i <= NF - 7; i++) lab = lab " " $i
		print lab "|" $(NF - 5)
	}'
}
labels() { # row code → label, as the plan prints it
	sql "$db" "SELECT code || '|' || label FROM ledger_row" | sort
}
labels >"$T/labels.txt"
for u in V01 V02 V03 V04 V05 V06 V07 V08 V09 V10 SJH; do
	want=$(expected $u | awk -F'|' -v lab="$T/labels.txt" '
		BEGIN { while ((getline l < lab) > 0) { split(l, f, "|"); name[f[1]] = f[2] } }
		{ print name[$1] "|" $2 }' | sort)
	got=$(shown $u | sort)
	expect_eq "$u: 43 rows" 43 "$(printf '%s\n' "$got" | wc -l)"
	expect_eq "$u: every year figure = Σ of its amounts in öre, rounded once" "$want" "$got"
done

# the hospital: exact, and what rounding every month first gave (every
# unit's rows' months rounded and added up, as SIE rows were before: the
# drift the issue saw)
exact=$(expected SJH | grep '^resultat|' | cut -d'|' -f2)
rows_old=$(awk -F';' 'function tkr(x) { return x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000) }
	function ore(s,   neg, w) { neg = s ~ /^-/; sub(/^-/, "", s); split(s, w, ","); return (neg ? -1 : 1) * (w[1] * 100 + w[2]) }
	NR > 1 && $1 ~ /^V/ && $5 !~ /^(summa_|resultat)/ { t += tkr(ore($7)) } END { print t }' "$T/ledger.csv")
echo "SJH RESULTAT 2024: exact $exact tkr; every unit's rows' months rounded first and added $rows_old"
expect_eq "SJH RESULTAT shown = exact" "$exact" "$(shown SJH | grep '^RESULTAT|' | cut -d'|' -f2)"
[ $((rows_old - exact)) -ge 400 ] || fail "the old design's drift should be hundreds of tkr: $rows_old against $exact"
# exactly stored: the hospital's RESULTAT in öre is the generator's
expect_eq "SJH RESULTAT in öre" "$(awk -F';' '$1 == "SJH" && $5 == "resultat" { sub(/,/, "", $7); t += $7 } END { printf "%.0f", t }' "$T/ledger.csv")" \
	"$(sql "$db" "SELECT sum(l.amount_ore) FROM ledger l JOIN org_unit u ON u.id = l.unit_id
		WHERE u.code = 'SJH' AND l.row_code = 'resultat'")"
# the check finds nothing: the sums given and computed are exact
run --db "$db" check --unit SJH
expect_contains "check SJH" " 0 fel, 0 avrundningar" "$out"
run --db "$db" check --unit V07
expect_contains "check V07" " 0 fel, 0 avrundningar" "$out"
# a unit's leaf changed by one öre: its computed sums follow on import
grep '^V07;;2024;3;lakemedel;' "$T/ledger.csv" | awk -F';' -v OFS=';' '{ sub(/,/, "", $7); v = $7 - 1; $7 = sprintf("-%d,%02d", int(-v / 100), -v % 100); print }' >"$T/v07.body"
{ head -1 "$T/ledger.csv"; cat "$T/v07.body"; } >"$T/v07.csv"
before_res=$(sql "$db" "SELECT l.amount_ore FROM ledger l JOIN org_unit u ON u.id = l.unit_id
	WHERE u.code = 'V07' AND l.month = 3 AND l.row_code = 'resultat'")
run --db "$db" import csv "$T/v07.csv"
expect_eq "one öre: exit" 0 "$rc"
expect_eq "one öre: RESULTAT follows" "$((before_res - 1))" "$(sql "$db" "SELECT l.amount_ore FROM ledger l
	JOIN org_unit u ON u.id = l.unit_id WHERE u.code = 'V07' AND l.month = 3 AND l.row_code = 'resultat'")"

# export writes tkr with the decimals the öre need; import reads it back
"$STYR" --db "$db" export ledger --unit V01 >"$T/v01.csv"
expect_contains "export: exact tkr" "V01;;2024;1;regionbidrag;utfall;$(grep '^V01;;2024;1;regionbidrag;' "$T/ledger.csv" | cut -d';' -f7 | awk '{ sub(/,/, ""); printf "%d,%05d", int($1 / 100000), $1 % 100000 }' | sed 's/0*$//');generated;tkr" "$(cat "$T/v01.csv")"
db2=$(newdb b)
"$STYR" --db "$db2" init >/dev/null
"$STYR" --db "$db2" import csv "$T/org.csv" >/dev/null
for i in $(seq 1 $((40 - base))); do
	parent=summa_kostnader
	[ "$i" -le 8 ] && parent=summa_intakter
	sql "$db2" "INSERT INTO ledger_row(code, label, parent, position)
		VALUES ('extra$i', 'Extra $i', '$parent', $((40 + i)))"
done
"$STYR" --db "$db2" import csv "$T/v01.csv" >/dev/null || fail "import the export"
expect_eq "export → import: the same öre" "$(cat "$T/v01.csv")" "$("$STYR" --db "$db2" export ledger --unit V01)"

# tkr is the default and may have up to five decimals: 1,5 tkr = 1 500 kr
LH='unit;table;year;month;row;kind;amount;source'
printf '%s\nV01;;2023;;lonekostnader;utfall;-1,5;\n' "$LH" >"$T/tkr.csv"
run --db "$db" import csv "$T/tkr.csv"
expect_eq "tkr with decimals: exit" 0 "$rc"
expect_eq "1,5 tkr in öre" "-150000" "$(sql "$db" "SELECT l.amount_ore FROM ledger l JOIN org_unit u
	ON u.id = l.unit_id WHERE u.code = 'V01' AND l.year = 2023 AND l.row_code = 'lonekostnader'")"

# --- a database from before 0018 (amounts in whole tkr) converts to öre
DEMO=$SRCDIR/data/demo
dbo=$(newdb old)
"$STYR" --db "$dbo" init >/dev/null
"$STYR" --db "$dbo" import csv "$DEMO/org_units.csv" "$DEMO/ledger.csv" >/dev/null || fail "old: demo"
"$STYR" --db "$dbo" ledger --unit LKR --year 2024 >"$T/old-before.txt"
if [ "$BACKEND" = pg ]; then
	# 0025's year sums stay as they are: their trigger reads amount_ore,
	# which a database from before 0018 has not (SQLite renames it in
	# the trigger); the amounts come back to the same öre below
	sql "$dbo" "ALTER TABLE ledger DISABLE TRIGGER ledger_year_u;
		ALTER TABLE ledger RENAME COLUMN amount_ore TO amount;
		UPDATE ledger SET amount = amount / 100000;
		DELETE FROM styr_migration WHERE number = 18;
		UPDATE styr_schema SET version = version - 1" >/dev/null
else
	v=$(sql "$dbo" "PRAGMA user_version")
	sql "$dbo" "ALTER TABLE ledger RENAME COLUMN amount_ore TO amount;
		UPDATE ledger SET amount = amount / 100000;
		DELETE FROM styr_migration WHERE number = 18;
		PRAGMA user_version = $((v - 1))"
fi
expect_eq "old: tkr before" "-22629" "$(sql "$dbo" "SELECT l.amount FROM ledger l JOIN org_unit u
	ON u.id = l.unit_id WHERE u.code = 'LKR' AND l.year = 2024 AND l.month = 0
	AND l.row_code = 'resultat' AND l.kind = 'utfall'")"
"$STYR" --db "$dbo" ledger --unit LKR --year 2024 >"$T/old-after.txt" || fail "old: open"
[ "$BACKEND" != pg ] || sql "$dbo" "ALTER TABLE ledger ENABLE TRIGGER ledger_year_u" >/dev/null
expect_eq "old: öre after" "-2262900000" "$(sql "$dbo" "SELECT l.amount_ore FROM ledger l JOIN
	org_unit u ON u.id = l.unit_id WHERE u.code = 'LKR' AND l.year = 2024 AND l.month = 0
	AND l.row_code = 'resultat' AND l.kind = 'utfall'")"
expect_eq "old: the same table" "$(cat "$T/old-before.txt")" "$(cat "$T/old-after.txt")"
run --db "$dbo" check --unit LKR --year 2024
expect_contains "old: the same rounding notes" "0 fel, 11 avrundningar" "$out"

# bad amounts: exit 2, file:line:column, nothing stored
before=$(dbdump "$db")
bad() {
	printf '%s\n' "$2" >"$T/$1"
	run --db "$db" import csv "$T/$1"
	expect_eq "$1: exit" 2 "$rc"
	expect_eq "$1: message" "styr: $T/$1:$3" "$errout"
	expect_eq "$1: database unchanged" "$before" "$(dbdump "$db")"
}
bad kr.csv "$LH;enhet
V01;;2022;1;lonekostnader;utfall;-100,00;;kr
V01;;2022;2;lonekostnader;utfall;-100,005;;kr" \
	'3: column "amount": amount "-100,005": more decimals than öre: at most 2 decimals in kr'
bad tkr6.csv "$LH
V01;;2022;1;lonekostnader;utfall;-0,123456;" \
	'2: column "amount": amount "-0,123456": more decimals than öre: at most 5 decimals in tkr'
bad enhet.csv "$LH;enhet
V01;;2022;1;lonekostnader;utfall;-100;;Mkr" \
	'2: column "enhet": enhet "Mkr": expected kr or tkr'
finish
