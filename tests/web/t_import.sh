# Importing a workbook from the browser (POST /import, multipart): admins
# only, with the session's CSRF token; the import and its audit entry are
# one transaction; a bad workbook is a 400 naming sheet, cell and column,
# and stores nothing.
. "$SRCDIR/tests/web/lib.sh"
: "${XLSXGEN:?XLSXGEN must point at tests/tools/xlsxgen}"
X=$SRCDIR/tests/cli/data/xlsx
demo_db
add_user ada admin
add_user anna unit-manager LKR
start_server
login ada
login anna
count() {
	dbsql "SELECT COUNT(*) FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285' AND v.year = 2024"
}
audits() {
	dbsql "SELECT COUNT(*) FROM audit WHERE action = 'import.xlsx'"
}
values_before=$(count)

http GET /import -b "$T/ada.jar"
expect_eq "form" 200 "$status"
expect_contains "form: a file field" 'enctype="multipart/form-data"' "$body"
http GET /import -b "$T/anna.jar"
expect_eq "form: not for a unit manager" 403 "$status"
http POST /import -b "$T/anna.jar" -F "csrf=$CSRF_anna" -F "fil=@$X/lo/extra_values.xlsx"
expect_eq "upload: not for a unit manager" 403 "$status"
http POST /import -b "$T/ada.jar" -F "fil=@$X/lo/extra_values.xlsx"
expect_eq "upload without the CSRF token" 403 "$status"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada"
expect_eq "upload without a file" 400 "$status"
expect_contains "upload without a file: says so" "Välj en arbetsbok" "$body"
expect_eq "refused uploads store nothing" "$values_before|0" "$(count)|$(audits)"

# a bad workbook: the good sheet before the bad one is rolled back too
H='indicator;unit;period;value;numerator;denominator;missing_reason;source'
mkdir -p "$T/b"
printf '%s\n%s\n%s\n' "$H" "ID0285;LKR;2024-06;90,1;;;;" "ID0285;LKR;2024-07;9#,3;;;;" >"$T/b/values.csv"
"$XLSXGEN" "$T/bad.xlsx" "$T/b/values.csv" || fail "xlsxgen"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/bad.xlsx"
expect_eq "bad workbook" 400 "$status"
expect_contains "bad workbook: sheet, cell and column, in Swedish" \
	'bad.xlsx: blad &quot;values&quot;, cell D3 (kolumn &quot;value&quot;): värde &quot;9#,3&quot;: förväntade ett tal som 83,8' "$body"
expect_contains "bad workbook: nothing stored, in Swedish" "Ingenting sparades" "$body"
# the message comes from the store's key lookup: Swedish too
printf '%s\n%s\n' "$H" "ID0285;XYZ;2024-06;90,1;;;;" >"$T/b/values.csv"
"$XLSXGEN" "$T/bad3.xlsx" "$T/b/values.csv" || fail "xlsxgen"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/bad3.xlsx"
expect_eq "unknown unit" 404 "$status"
expect_contains "unknown unit: in Swedish" \
	'bad3.xlsx: blad &quot;values&quot;, cell B2 (kolumn &quot;unit&quot;): enheten &quot;XYZ&quot; finns inte' "$body"
printf 'not a zip\n' >"$T/bad2.xlsx"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/bad2.xlsx"
expect_eq "not a workbook" 400 "$status"
expect_eq "bad workbooks store nothing" "$values_before|0" "$(count)|$(audits)"

http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$X/lo/extra_values.xlsx"
expect_eq "upload" 200 "$status"
expect_contains "upload: what was imported, in Swedish" "extra_values.xlsx: 5 värden." "$body"
expect_eq "upload: the values are stored" "$((values_before + 5))" "$(count)"
expect_eq "upload: audited" "ada|extra_values.xlsx|5 values" \
	"$(dbsql "SELECT a.\"user\", entity, after FROM audit a WHERE action = 'import.xlsx'")"
expect_eq "upload: 93,80 %" "93.8|1" \
	"$(dbsql "SELECT v.value, v.percent FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285' AND v.year = 2024 AND v.first_month = 3 AND v.last_month = 3")"
# the same workbook again: every value unchanged, nothing written, no entry
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$X/lo/extra_values.xlsx"
expect_eq "upload again" 200 "$status"
expect_eq "upload again: no new values, no audit entry" "$((values_before + 5))|1" "$(count)|$(audits)"

# a script with an admin's token (no CSRF token with a Bearer token)
tok=$("$STYR" --db "$DB" user token ada)
http POST /import -H "Authorization: Bearer $tok" -F "fil=@$X/lo/budget.xlsx"
expect_eq "upload with a token" 200 "$status"
expect_eq "upload with a token: the budget" "26" \
	"$(dbsql "SELECT COUNT(*) FROM ledger WHERE kind = 'budget' AND year = 2025 AND source <> 'Σ av raderna (styr)'")"
# and its sums, computed from the rows as for SIE: three a month
expect_eq "upload with a token: the budget's sums" "36" \
	"$(dbsql "SELECT COUNT(*) FROM ledger WHERE kind = 'budget' AND year = 2025 AND source = 'Σ av raderna (styr)'")"
stop_server
finish
