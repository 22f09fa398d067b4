#!/usr/bin/env bash
# Limits (issue 16 item 6), each with a message that says which was hit
# and nothing stored: a request body (--max-body) and an upload
# (--max-upload) answer 413; the rows of an import (styr import
# --max-rows, styr serve --max-import-rows) are refused naming the file
# and line; a report download over --max-report answers 422; a request
# running longer than --request-time answers 503 with its request id.
. "$(dirname "$0")/lib.sh"
: "${XLSXGEN:?XLSXGEN must point at tests/tools/xlsxgen}"
demo_db
add_user anna unit-manager LKR
add_user ada admin
hdr() { grep -i "^$1:" "$T/h" | tr -d '\r' | sed 's/^[^:]*: //'; }
count() { dbsql "SELECT count(*) FROM value"; }
before=$(count)

# --- rows per import, on the command line
H='indicator;unit;period;value;numerator;denominator;missing_reason;source'
mkdir -p "$T/five"
{
	echo "$H"
	for m in 01 02 03 04 05; do echo "ID0285;LKR;2030-$m;9$m;;;;test"; done
} >"$T/five/values.csv"
run --db "$DB" import csv --max-rows 4 "$T/five/values.csv"
expect_eq "five rows over --max-rows 4" 2 "$rc"
expect_eq "the message names file and line" \
	"styr: $T/five/values.csv:6: more than 4 rows in one import: split the file, or raise the limit (--max-rows)" "$errout"
expect_eq "nothing stored" "$before" "$(count)"
run --db "$DB" import csv --max-rows 4 "$T/five/values.csv" "$SRCDIR/data/demo/org_units.csv"
expect_eq "rows of all files count together" 2 "$rc"
run --db "$DB" import csv --max-rows 0 "$T/five/values.csv"
expect_eq "a limit of 0 is a usage error" 2 "$rc"
expect_contains "saying what is expected" '--max-rows "0": expected a number of rows' "$errout"
run --db "$DB" import csv --max-rows 5 "$T/five/values.csv"
expect_eq "five rows at --max-rows 5" 0 "$rc"
expect_eq "stored" $((before + 5)) "$(count)"
before=$(count)

# --- bad options of styr serve say which
run --db "$DB" serve --max-body 12q
expect_eq "a bad size" 2 "$rc"
expect_contains "a bad size named" '--max-body "12q": expected a size in bytes such as 65536, 64k or 32M' "$errout"
run --db "$DB" serve --request-time 0
expect_contains "a bad time named" '--request-time "0": expected seconds' "$errout"

start_server --max-body 2k --max-upload 6k --max-import-rows 4 --max-report 1k
login ada
login anna

# --- the body of a form or an API request
big=$(head -c 3000 /dev/zero | tr '\0' x)
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=90&x=$big"
expect_eq "a form over --max-body" 413 "$status"
expect_contains "said in Swedish with the limit" "Det som skickades är större än 2048 byte." "$body"
tok=$("$STYR" --db "$DB" user token anna)
http PUT /api/v1/units/LKR/values/ID0069/2025 -H "Authorization: Bearer $tok" \
	--data "{\"value\":90,\"comment\":\"$big\"}"
expect_eq "an API body over --max-body" 413 "$status"
expect_contains "said in the API's words" '"message":"the request body is larger than 2048 bytes"' "$body"
http PUT /api/v1/units/LKR/values/ID0069/2025 -H "Authorization: Bearer $tok" --data '{"value":90}'
expect_eq "a body under it" 201 "$status"
before=$(count)

# --- an upload
head -c 8000 /dev/urandom >"$T/big.xlsx"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/big.xlsx"
expect_eq "an upload over --max-upload" 413 "$status"
expect_contains "said with the limit" "större än 6144 byte" "$body"
# rows of an uploaded import
"$XLSXGEN" "$T/five.xlsx" "$T/five/values.csv" || fail "xlsxgen"
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/five.xlsx"
expect_eq "an upload over --max-import-rows" 413 "$status"
expect_contains "the sheet and row named" 'five.xlsx: blad &quot;values&quot;, rad 6: fler än 4 rader i en import: dela filen, eller höj gränsen (--max-rows)' "$body"
expect_eq "nothing stored" "$before" "$(count)"

# --- a report download
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=pdf&period=2024" -b "$T/anna.jar" -D "$T/h"
expect_eq "a PDF over --max-report" 422 "$status"
expect_contains "said with the limit" "Rapporten blir större än serverns gräns på 1 kB och skickas inte." "$body"
expect_eq "as a page, not a download" "" "$(hdr Content-Disposition)"
http GET "/enhet/LKR/indikatorrapport" -b "$T/anna.jar"
expect_eq "the HTML indicator report over --max-report" 422 "$status"
expect_contains "said the same way" "Rapporten blir större än serverns gräns på 1 kB" "$body"
stop_server
start_server
login anna
login ada
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=pdf&period=2024" -b "$T/anna.jar"
expect_eq "the same PDF under the default" 200 "$status"
http GET "/enhet/LKR/indikatorrapport" -b "$T/anna.jar"
expect_eq "the same HTML report under the default" 200 "$status"
echo "HTML indicator report: ${#body} bytes"
stop_server

# --- a request over its time: the PDF above (many statements) with a
# millisecond to run; the session is the one made above (a login would
# be over the time too)
start_server --request-time 0.001
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=pdf&period=2024" -b "$T/anna.jar" -D "$T/h"
expect_eq "a report over --request-time" 503 "$status"
id=$(hdr X-Request-Id)
expect_contains "said with the request id" "Begäran tog längre än 1 sekunder och avbröts. Inget sparades." "$body"
expect_contains "the id to quote" "Ange begäran nr $id om" "$body"
expect_eq "as a page, not a download" "" "$(hdr Content-Disposition)"
http GET "/api/v1/units/LKR/values" -H "Authorization: Bearer $tok" -D "$T/h"
if [ "$status" = 503 ]; then
	expect_contains "the API says it in JSON" "\"code\":\"timeout\",\"message\":\"the request took longer than 1 s and was stopped; nothing was stored; request id $(hdr X-Request-Id)\"" "$body"
fi
# An uploaded import of 2 000 values over its time: rolled back whole.
mkdir -p "$T/many"
{
	echo "$H"
	for y in 2031 2032 2033 2034 2035; do
		for ind in $(tail -n +2 "$SRCDIR/data/demo/indicators.csv" | cut -d';' -f1 | head -20); do
			for m in 01 02 03 04 05 06 07 08 09 10 11 12 ; do echo "$ind;LKR;$y-$m;1;;;;test"; done
		done
	done | head -2000
} >"$T/many/values.csv"
"$XLSXGEN" "$T/many.xlsx" "$T/many/values.csv" || fail "xlsxgen"
before=$(count)
http POST /import -b "$T/ada.jar" -F "csrf=$CSRF_ada" -F "fil=@$T/many.xlsx"
expect_eq "an upload over --request-time" 503 "$status"
expect_eq "nothing of it stored" "$before" "$(count)"
expect_contains "the operator's log names it" "over the time limit (--request-time)" "$(cat "$T/serve.err")"
stop_server
finish
