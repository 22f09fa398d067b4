#!/usr/bin/env bash
# Every web and API write against an approved period (issue 14 item 1):
# each form and each API route that writes a figure, as a user who may
# write it, is refused with 423; afterwards the data is exactly as
# before (a full dump without the audit log) and the audit log has
# gained only the refusals themselves, one "refused" entry a request.
. "$SRCDIR/tests/web/lib.sh"
: "${XLSXGEN:?XLSXGEN must point at tests/tools/xlsxgen}"
demo_db_all
add_user ada admin
add_user anna unit-manager LKR
add_user karl controller LKR
start_server
login anna
login ada
H="Authorization: Bearer $("$STYR" --db "$DB" user token anna)"
audits() { dbsql "SELECT COUNT(*) FROM audit WHERE action <> 'refused'"; }
refusals() { dbsql "SELECT COUNT(*) FROM audit WHERE action = 'refused'"; }

# LKR 2024 approved by its controller
http POST /api/v1/units/LKR/reports/2024/submit -H "$H" -d '{}'
expect_eq "submitted" 200 "$status"
http POST /api/v1/units/LKR/reports/2024/approve \
	-H "Authorization: Bearer $("$STYR" --db "$DB" user token karl)" -d '{}'
expect_eq "approved" 200 "$status"

before=$(dbdump_data "$DB")
n_audit=$(audits)
n_refused=$(refusals)
n=0
refused() { # NAME: the last request was refused as locked
	expect_eq "$1: refused" 423 "$status"
	n=$((n + 1))
}

# --- the forms (a month and a tertial inside the approved year, too)
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2024&varde=12,0"
refused "value form"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2024-03&varde=12,0"
refused "value form, a month of the year"
http POST /enhet/LKR/varden -b "$T/anna.jar" --data "csrf=$CSRF_anna&period=2024&v-ID0285=50,0"
refused "the grid"
http POST /enhet/LKR/analys -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "period=2024" --data-urlencode "amne=ekonomi" --data-urlencode "vad=Omskrivet"
refused "analysis form"
http POST /enhet/LKR/atgard -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" \
	--data-urlencode "plan=LKR-HP2024" --data-urlencode "titel=Ny åtgärd" \
	--data-urlencode "ansvarig=Anna" --data-urlencode "klart=2024-10-01" --data-urlencode "forvantad=1,5"
refused "action form"
http POST /enhet/LKR/ta-bort -b "$T/anna.jar" --data "csrf=$CSRF_anna&typ=varde&indikator=ID0069&period=2024"
refused "delete form"
mkdir -p "$T/x"
printf '%s\n%s\n' 'indicator;unit;period;value;numerator;denominator;missing_reason;source' \
	'ID0069;LKR;2024;12,0;;;;' >"$T/x/values.csv"
"$XLSXGEN" "$T/locked.xlsx" "$T/x/values.csv" || fail "xlsxgen"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/locked.xlsx"
refused "workbook upload"
expect_contains "workbook upload: says which, in Swedish" "är låst" "$body"

# --- the API
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2024","value":12}'
refused "API POST value"
http PUT /api/v1/units/LKR/values/ID0069/2024-06 -H "$H" --data '{"value":12}'
refused "API PUT value, a month"
http PUT /api/v1/units/LKR/values/ID0069/2024T2 -H "$H" --data '{"value":12}'
refused "API PUT value, a tertial"
http DELETE /api/v1/units/LKR/values/ID0069/2024 -H "$H"
refused "API DELETE value"
http POST /api/v1/units/LKR/analyses -H "$H" \
	--data '{"period":"2024","subject":"ekonomi","title":"Ny","what":"Omskrivet."}'
refused "API POST analysis"
http DELETE "/api/v1/units/LKR/analyses/2024/RS-OM4?title=Attraktiv%20arbetsplats" -H "$H"
refused "API DELETE analysis"
http POST /api/v1/units/LKR/actions -H "$H" \
	--data '{"plan":"LKR-HP2024","title":"Ny","owner":"Anna","due":"2024-10-01","expected_mkr":1.5}'
refused "API POST action"

expect_eq "locked: the data as before" "$before" "$(dbdump_data "$DB")"
expect_eq "locked: no audit entry but the refusals" "$n_audit" "$(audits)"
expect_eq "locked: each refusal audited" "$((n_refused + n))" "$(refusals)"
"$STYR" --db "$DB" audit verify >/dev/null || fail "audit verify after the refusals"
checks=$((checks + 1))

# The same value form on an open year: stored, one audit entry with the
# before and after image and the form as its source.
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=84,1"
expect_eq "open year: stored" 303 "$status"
expect_eq "open year: one audit entry, before, after, source" \
	"$((n_audit + 1))|anna|value.put||84,1|form POST /enhet/LKR/varde" \
	"$(audits)|$(dbsql "SELECT \"user\" || '|' || action || '|' || before || '|' || after || '|' || source FROM audit WHERE action <> 'refused' ORDER BY id DESC LIMIT 1")"
stop_server
finish
