#!/usr/bin/env bash
# styr import xlsx: a workbook written by libxlsxwriter (tests/tools/xlsxgen)
# and workbooks saved by LibreOffice from the same CSV files
# (data/xlsx/lo, made by data/xlsx/make-lo-fixtures.sh) import to the
# database the CSV files import to; the budget sheet becomes monthly
# ledger budget rows; bad workbooks exit 2 naming sheet, cell and column
# and store nothing.
. "$(dirname "$0")/lib.sh"
: "${XLSXGEN:?XLSXGEN must point at tests/tools/xlsxgen}"
X=$SRCDIR/tests/cli/data/xlsx
demo_files=$(sed "s#^#$SRCDIR/data/demo/#; s#\$#.csv#" "$X/demo-files")
extra="$X/extra_values.csv"

# export DB: the whole database as the interchange files, with the
# sources styr made up (FILE:LINE, FILE:SHEET:ROW) reduced to the file's
# or sheet's name and the row, which are the same in all three.
export_norm() {
	rm -rf "$T/exp"
	"$STYR" --db "$1" export all --dir "$T/exp" >/dev/null 2>&1 || echo "export failed"
	cat "$T/exp"/*.csv | sed -E 's#[^;"]*\.xlsx:([a-z_0-9]+):([0-9]+)#\1:\2#g;
		s#[^;"]*/([a-z_0-9]+)\.csv:([0-9]+)#\1:\2#g'
}
# A number's trailing zero decimals: LibreOffice keeps the number typed
# as 9,0 as 9 (General) and 50% as 50,00% (its percentage format shows
# two decimals), so its workbook imports the same values with other
# decimals shown.
no_zero_decimals() {
	sed -E 's#(^|;)(-?[0-9]+),0+(%?)(;|$)#\1\2\3\4#g; s#(^|;)(-?[0-9]+,[0-9]*[1-9])0+(%?)(;|$)#\1\2\3\4#g' |
		sed -E 's#(^|;)(-?[0-9]+),0+(%?)(;|$)#\1\2\3\4#g; s#(^|;)(-?[0-9]+,[0-9]*[1-9])0+(%?)(;|$)#\1\2\3\4#g'
}

# --- the CSV files themselves
csvdb=$(newdb csv)
"$STYR" --db "$csvdb" init >/dev/null
# shellcheck disable=SC2086
run --db "$csvdb" import csv $demo_files "$extra" "$X/budget_ledger.csv"
expect_eq "csv import" 0 "$rc"
want=$(export_norm "$csvdb")

# --- libxlsxwriter: one workbook, a sheet per file
# shellcheck disable=SC2086
"$XLSXGEN" "$T/demo.xlsx" $demo_files "$extra" "$X/budget.csv" || fail "xlsxgen"
xdb=$(newdb xlsxwriter)
"$STYR" --db "$xdb" init >/dev/null
# a dry run first: the same counts, nothing stored
empty=$(dbdump "$xdb")
run --db "$xdb" import xlsx --dry-run "$T/demo.xlsx"
expect_eq "xlsxwriter: dry run: exit code" 0 "$rc"
expect_eq "xlsxwriter: dry run: nothing stored" "$empty" "$(dbdump "$xdb")"
dry=$out
run --db "$xdb" import xlsx "$T/demo.xlsx"
expect_eq "xlsxwriter: exit code" 0 "$rc"
expect_eq "xlsxwriter: the dry run's counts" "${dry#styr: dry run, nothing stored: would import}" \
	"${out#styr: imported}"
expect_eq "xlsxwriter: summary" "styr: imported 42 org, 57 goals, 84 indicators, 106 targets, 144 values, 3 analyses, 6 uppdrag, 4 followup, 9 index_weights, 266 ledger, 16 actions, 363 bridge, 2 profiles" "${out%%$'\n'*}"
expect_contains "xlsxwriter: ledger added" "ledger: 266 tillagda, 0 ändrade, 0 oförändrade" "$out"
got_x=$(export_norm "$xdb")
expect_eq "xlsxwriter: the database the CSV files make" "$want" "$got_x"

# --- LibreOffice: a workbook per CSV file, all in one transaction
lodb=$(newdb libreoffice)
"$STYR" --db "$lodb" init >/dev/null
run --db "$lodb" import xlsx "$X"/lo/*.xlsx
expect_eq "libreoffice: exit code" 0 "$rc"
expect_eq "libreoffice: summary" "${out%%$'\n'*}" "styr: imported 42 org, 57 goals, 84 indicators, 106 targets, 144 values, 3 analyses, 6 uppdrag, 4 followup, 9 index_weights, 266 ledger, 16 actions, 363 bridge, 2 profiles"
got_lo=$(export_norm "$lodb")
expect_eq "libreoffice: the database the CSV files make (but for decimals shown)" \
	"$(no_zero_decimals <<<"$want")" "$(no_zero_decimals <<<"$got_lo")"
expect_eq "libreoffice and libxlsxwriter import alike" \
	"$(no_zero_decimals <<<"$got_x")" "$(no_zero_decimals <<<"$got_lo")"
# what differs is only what LibreOffice shows: typed 9,0 it is 9
Q9="SELECT v.value, v.decimals FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0015' AND v.year = 2024"
expect_eq "csv: 9,0" "9|1" "$(sql "$csvdb" "$Q9" | sed 's/9\.0|/9|/')"
expect_eq "libreoffice: 9" "9|0" "$(sql "$lodb" "$Q9" | sed 's/9\.0|/9|/')"

# --- real values from the sheets
expect_eq "budget: twelve months of regionbidrag" "12|289000" \
	"$(sql "$xdb" "SELECT COUNT(*), SUM(amount_ore / 100000) FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE u.code='LKR' AND l.year=2025 AND l.kind='budget' AND row_code='regionbidrag'")"
expect_eq "budget: an empty month stores nothing" "2|-3000" \
	"$(sql "$lodb" "SELECT COUNT(*), SUM(amount_ore / 100000) FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE u.code='LKR' AND l.year=2025 AND l.kind='budget' AND row_code='lakemedel'")"
expect_eq "budget: december's lönekostnader" "-10400|budget 2025" \
	"$(sql "$lodb" "SELECT amount_ore / 100000, source FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE u.code='LKR' AND l.year=2025 AND l.month=12 AND l.kind='budget' AND row_code='lonekostnader'")"
expect_contains "a percentage cell is the percent it shows" "ID0285;LKR;2024-03;93,8%" "$got_x"
expect_contains "a yyyy-mm date cell is the month" "ID0285;LKR;2024-04;95%" "$got_x"
expect_contains "quotes and semicolons in a cell" '"med ""citat""; och semikolon"' "$got_lo"
expect_contains "a line break in a cell" '"inga patienter
i juni"' "$got_lo"

# --- bad workbooks: exit 2, sheet, cell and column named, nothing stored
before=$(dbdump "$xdb")
H='indicator;unit;period;value;numerator;denominator;missing_reason;source'
# bad_book NAME EXPECTED-MESSAGE CSV...: a workbook of the CSV files (the
# good values sheet first, so that its rows must be rolled back too)
bad_book() {
	local name=$1 msg=$2
	shift 2
	printf '%s\n%s\n' "$H" "ID0069;LKR;2019;80,2;;;;" >"$T/good.csv"
	"$XLSXGEN" "$T/$name.xlsx" "$T/good.csv" "$@" || fail "$name: xlsxgen"
	run --db "$xdb" import xlsx "$T/$name.xlsx"
	expect_eq "$name: exit code" 2 "$rc"
	expect_eq "$name: message" "styr: $T/$name.xlsx: $msg" "$errout"
	expect_eq "$name: database unchanged" "$before" "$(dbdump "$xdb")"
}
mkdir -p "$T/b"
printf '%s\n%s\n%s\n' "$H" "ID0069;LKR;2018;79,0;;;;" "ID0069;LKR;2017;8#,3;;;;" >"$T/b/values.csv"
bad_book number 'blad "values", cell D3 (column "value"): value "8#,3": expected a number such as 83,8' "$T/b/values.csv"
printf '%s\n%s\n%s\n' "$H" "ID0069;LKR;2018;79,0;;;;" "ID0069;LKR;2018;79,5;;;;" >"$T/b/values.csv"
bad_book duplicate_key 'blad "values", rad 3: duplicate key ID0069 LKR 2018: the same as '"$T/duplicate_key.xlsx"': blad "values", rad 2' "$T/b/values.csv"
printf 'indicator;unit;value\nID0069;LKR;1\n' >"$T/b/values.csv"
bad_book missing_column 'blad "values", rad 1: missing column "period": a values sheet needs the columns of docs/formats.md' "$T/b/values.csv"
printf 'Anteckning;Datum\nKom ihåg;2024-01-01\n' >"$T/b/notes.csv"
bad_book unknown_kind 'blad "notes", cell A1: unknown column "Anteckning" in a org sheet: expected the columns of docs/formats.md' "$T/b/notes.csv"
printf '%s\n%s\n%s\n' "$H" 'ID0069;LKR;2016;1;;;"två\nrader";' "ID0069;LKR;2015;x1;;;;" >"$T/b/values.csv"
bad_book after_line_break 'blad "values", cell D3 (column "value"): value "x1": expected a number such as 83,8' "$T/b/values.csv"
printf '%s\n%s\n' "$H" "ID0069;;2024;1;;;;" >"$T/b/values.csv"
bad_book empty_required 'blad "values", cell B2 (column "unit"): empty: a value is required' "$T/b/values.csv"
printf '%s\n%s\n' "$H" "ID0069;LKR;2024;1;;;;;stray" >"$T/b/values.csv"
bad_book stray_cell 'blad "values", cell I2: "stray" in a column without a name in row 1: expected nothing, or a column name above it' "$T/b/values.csv"
head -1 "$X/budget.csv" >"$T/b/budget.csv"
echo "LKR;2025;regionbidrag;1;2;12,123456;4;5;6;7;8;9;10;11;12;" >>"$T/b/budget.csv"
bad_book budget_amount 'blad "budget", cell F2 (column "mar"): amount "12,123456": more decimals than öre: at most 5 decimals in tkr' "$T/b/budget.csv"
echo 'unit;year;row;jan;feb;mar' >"$T/b/budget.csv"
bad_book budget_months 'blad "budget", rad 1: missing the column of month 4: a budget sheet needs unit, year, row and jan … dec' "$T/b/budget.csv"
printf 'not a zip\n' >"$T/bad.xlsx"
run --db "$xdb" import xlsx "$T/bad.xlsx"
expect_eq "not a workbook: exit code" 2 "$rc"
expect_eq "not a workbook: message" "styr: $T/bad.xlsx: Not a zip archive: expected an XLSX workbook" "$errout"
expect_eq "not a workbook: database unchanged" "$before" "$(dbdump "$xdb")"

# damaged workbooks (made by data/xlsx/make-damaged.py): refused, naming the part
# or the cell; an external entity is not read (the cell stays empty)
damaged() {
	run --db "$xdb" import xlsx "$X/damaged/$1.xlsx"
	expect_eq "$1: exit code" 2 "$rc"
	if [ "${3:-}" = prefix ]; then # libxml2's own words follow
		expect_contains "$1: message" "styr: $X/damaged/$1.xlsx: $2" "$errout"
	else
		expect_eq "$1: message" "styr: $X/damaged/$1.xlsx: $2" "$errout"
	fi
	expect_eq "$1: database unchanged" "$before" "$(dbdump "$xdb")"
}
damaged formula_error 'blad "extra_values", cell D5: the formula gives #DIV/0!: expected a value'
damaged shared_string 'blad "extra_values", cell A2: shared string "999" does not exist: the file is damaged'
damaged truncated_xml 'part "xl/worksheets/sheet1.xml" is not well-formed XML: ' prefix
damaged external_entity 'blad "extra_values", cell A2 (column "indicator"): empty: a value is required'

# LibreOffice at hand (not in CI): the committed workbooks are still what
# it saves from the CSV files.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo"
	profile=$T/lo-profile
	# shellcheck disable=SC2086
	(cd "$T/lo" && soffice --headless "-env:UserInstallation=file://$profile" \
		--infilter="CSV:59,34,76,1,,1053" --convert-to xlsx $demo_files "$X/budget.csv" "$extra" \
		>/dev/null 2>&1)
	fresh=$(newdb fresh)
	"$STYR" --db "$fresh" init >/dev/null
	run --db "$fresh" import xlsx "$T"/lo/*.xlsx
	expect_eq "libreoffice now: exit code" 0 "$rc"
	expect_eq "libreoffice now: the same as the committed workbooks" "$got_lo" "$(export_norm "$fresh")"
fi
finish
