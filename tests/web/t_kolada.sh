# Open data in Kolada's shape (issue 19): request/response pairs after the
# examples of Kolada's API documentation (v2: github.com/Hypergene/kolada,
# v3: api.kolada.se) run against the demo data — comma lists, unknown ids
# skipped, paging with small pages, from_date, the metadata — and that
# what is not decided open stays closed: an indicator not published or
# published from a later date, a year whose report is not approved, and
# every route of the table that needs a login, asked without one.
. "$SRCDIR/tests/web/lib.sh"
demo_db
add_user karl controller
add_user ada admin
# Region Skåne is the "municipality" (its official code), Landskrona an ou
# below it; a value of the region itself so the municipality paths answer.
# A value of a unit below Landskrona: its year is approved by Landskrona's
# report (the rule that locks it).
printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nID0069;RS;2024;88,5;;;;test\nID0069;LKR-IM;2024;70,5;;;;test\n' >"$T/rs.csv"
"$STYR" --db "$DB" import csv "$T/rs.csv" >/dev/null || fail "import of the region's value"
run --db "$DB" opendata code RS 1200
expect_eq "official code" 0 "$rc"
run --db "$DB" opendata code RS "12 00"
expect_eq "official code with a space refused" 2 "$rc"
expect_contains "official code message" 'official code "12 00"' "$errout"
run --db "$DB" opendata publish ID0069 ID0285 ID0286 ID0410 ID0010 --date 2025-03-01
expect_eq "publish" 0 "$rc"
run --db "$DB" opendata publish ID0070 --date 2999-01-01
expect_eq "publish from a later date" 0 "$rc"
run --db "$DB" opendata publish ID0139 --date 2025-13-01
expect_eq "bad date refused" 2 "$rc"
run --db "$DB" opendata publish NOPE --date 2025-03-01
expect_eq "unknown indicator refused" 2 "$rc"
run --db "$DB" opendata kolada-id ID0286 TEST0286
expect_eq "kolada id" 0 "$rc"
run --db "$DB" opendata show
expect_contains "show" "indikator ID0286	TEST0286	2025-03-01" "$out"
expect_contains "show unit" "enhet RS	1200" "$out"
# 2024 approved for Landskrona and the region; 2023 is not.
for u in LKR RS; do
	for a in submit approve; do
		run --db "$DB" workflow $u 2024 $a --as karl
		expect_eq "workflow $u $a" 0 "$rc"
	done
done

# The decisions travel in the interchange CSV (open_data.csv) and come
# back the same from an empty database.
run --db "$DB" export open_data
expect_contains "export open_data" "subject;code;open_id;published
indicator;ID0010;;2025-03-01" "$out"
expect_contains "export kolada id" "indicator;ID0286;TEST0286;2025-03-01" "$out"
expect_contains "export official code" "unit;RS;1200;" "$out"
printf '%s\n' "$out" >"$T/open_data.csv"
rt=$(newdb roundtrip)
"$STYR" --db "$rt" init >/dev/null
"$STYR" --db "$rt" import csv "$SRCDIR/data/demo/org_units.csv" "$SRCDIR"/data/demo/indicators*.csv \
	"$SRCDIR"/data/demo/goals*.csv >/dev/null
run --db "$rt" import csv "$T/open_data.csv"
expect_eq "import open_data" "styr: imported 7 open_data" "$out"
run --db "$rt" export open_data
expect_eq "open_data round trip" "$(cat "$T/open_data.csv")" "$out"
# A whole group at once: a goal's indicators (LKR-G01: the seven NPE ones).
run --db "$rt" opendata publish --goal LKR-G01 --date 2026-01-01
expect_eq "publish a goal's indicators" 0 "$rc"
expect_eq "the goal's seven" 7 "$("$STYR" --db "$rt" opendata show | grep -c '2026-01-01')"
run --db "$rt" opendata publish --goal RS-VISION --date 2026-01-01
expect_eq "a goal without indicators refused" 2 "$rc"
run --db "$rt" opendata unpublish --goal LKR-G01
expect_eq "the goal's indicators withdrawn" 0 "$("$STYR" --db "$rt" opendata show | grep -c '2026-01-01')"
printf 'subject;code;open_id;published\nunit;RS;;\n' >"$T/bad.csv"
run --db "$rt" import csv "$T/bad.csv"
expect_eq "a unit without its code refused" 2 "$rc"
expect_contains "named" 'open_id' "$errout"

# Values for women and men beside the total (gender_values.csv).
printf 'indicator;unit;period;gender;value;missing_reason;source\nID0286;LKR;2024;K;95,5;;test\nID0286;LKR;2024;M;92,1;;test\nID0286;LKR;2023;K;x;;test\n' >"$T/g.csv"
# 2024 is approved: the write gate refuses them, unless an admin says why
run --db "$DB" import csv "$T/g.csv"
expect_eq "gender values into the approved 2024 refused" 2 "$rc"
expect_contains "refusal named" "gender ID0286 LKR 2024 K: period 2024 is locked" "$errout"
run --db "$DB" --as ada import csv --unlock-reason "könsuppdelade värden efter fastställelsen" "$T/g.csv"
expect_eq "import gender values" "styr: imported 3 gender_values" "$out"
run --db "$DB" export gender_values
expect_eq "export gender values" "indicator;unit;period;gender;value;missing_reason;source
ID0286;LKR;2023;K;x;;test
ID0286;LKR;2024;K;95,5;;test
ID0286;LKR;2024;M;92,1;;test" "$out"
printf 'indicator;unit;period;gender;value;missing_reason;source\nID0286;LKR;2024;T;95,5;;test\n' >"$T/bad.csv"
run --db "$DB" import csv "$T/bad.csv"
expect_eq "gender T refused in gender_values" 2 "$rc"
expect_contains "gender named" 'gender "T": expected K (women) or M (men)' "$errout"

# --- without --open-data the prefixes do not exist
start_server
http GET /v2/kpi
expect_eq "closed without --open-data" 404 "$status"
expect_contains "404 is JSON" '"code":"not_found"' "$body"
http GET /v3/data?kpi_id=ID0069
expect_eq "v3 closed without --open-data" 404 "$status"
stop_server

start_server --open-data

# --- v2 data: all three segments, comma lists, unknown ids skipped
http GET /v2/oudata/kpi/ID0069,ID0285/ou/LKR/year/2024
expect_eq "v2 oudata" 200 "$status"
expect_eq "v2 oudata body" '{"count":2,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8}]},{"kpi":"ID0285","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":93.8}]}]}' "$body"
http GET /v2/oudata/kpi/ID0069,N00945/ou/LKR,V15E144001301/year/2024,2023,tjugo
expect_eq "unknown ids skipped" 200 "$status"
expect_eq "unknown ids skipped, 2023 not approved" '{"count":1,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8}]}]}' "$body"
http GET /v2/oudata/kpi/N00945/ou/V15E144001301
expect_eq "only unknown ids" '{"count":0,"values":[]}' "$body"
http GET /v2/data/kpi/ID0069/municipality/1200/year/2024
expect_eq "v2 data by official code" '{"count":1,"values":[{"kpi":"ID0069","municipality":"1200","period":2024,"values":[{"count":1,"gender":"T","status":"","value":88.5}]}]}' "$body"
http GET /v2/data/kpi/ID0069/municipality/RS/year/2024
expect_contains "v2 data by styr's code" '"municipality":"1200","period":2024' "$body"
http GET /v2/data/kpi/ID0069/municipality/1200
expect_contains "v2 data without year" '"value":88.5' "$body"
http GET /v2/data/municipality/1200/year/2024
expect_contains "v2 data municipality and year" '"kpi":"ID0069","municipality":"1200"' "$body"
http GET /v2/data/kpi/ID0069/year/2024
expect_eq "v2 data kpi and year: the municipality only" 1 "$(echo "$body" | grep -o '"kpi"' | wc -l)"
http GET /v2/oudata/kpi/ID0069/year/2024
expect_eq "v2 oudata kpi and year, a unit below an approved one" '{"count":2,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8}]},{"kpi":"ID0069","ou":"LKR-IM","period":2024,"values":[{"count":1,"gender":"T","status":"","value":70.5}]}]}' "$body"
http GET /v2/oudata/ou/LKR/year/2023
expect_eq "a year not approved" '{"count":0,"values":[]}' "$body"
# a missing value: null, with its count
http GET /v2/oudata/kpi/ID0410/ou/LKR/year/2024
expect_eq "missing value" '{"count":1,"values":[{"kpi":"ID0410","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"Missing","value":null}]}]}' "$body"
# the Kolada id answers, and is the id given back
http GET /v2/oudata/kpi/TEST0286/ou/LKR/year/2024
expect_eq "by Kolada id, with women and men" '{"count":1,"values":[{"kpi":"TEST0286","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":94.0},{"count":1,"gender":"K","status":"","value":95.5},{"count":1,"gender":"M","status":"","value":92.1}]}]}' "$body"
http GET /v2/oudata/kpi/ID0286/ou/LKR/year/2024
expect_contains "by styr's code, Kolada id given back" '"kpi":"TEST0286"' "$body"
# unknown query parameters are ignored; bad paging is a 400 naming it
http GET "/v2/oudata/ou/LKR/year/2024?colour=blue"
expect_eq "unknown parameter ignored" 200 "$status"
http GET "/v2/oudata/ou/LKR/year/2024?per_page=0"
expect_eq "per_page 0" 400 "$status"
expect_contains "per_page named" 'per_page \"0\"' "$body"
http GET "/v2/oudata/ou/LKR/year/2024?per_page=5001"
expect_eq "per_page over 5000" 400 "$status"
http GET "/v2/oudata/ou/LKR/year/2024?from_date=igår"
expect_eq "bad from_date" 400 "$status"
expect_contains "from_date named" 'from_date' "$body"

# --- paging: five values, two a page
pp=/v2/oudata/ou/LKR/year/2024
http GET "$pp?per_page=2" -H "Host: styr.example"
expect_eq "page 1 count" '"count":2' "$(echo "$body" | grep -o '"count":2' | head -1)"
expect_contains "page 1 next_page" "\"next_page\":\"http://styr.example$pp?per_page=2&page=2\"" "$body"
case "$body" in *previous_page*) fail "page 1 has no previous_page" ;; esac
first=$(echo "$body" | grep -o '"kpi":"[A-Z0-9]*"' | tr '\n' ' ')
expect_eq "page 1 slice" '"kpi":"ID0010" "kpi":"ID0069" ' "$first"
http GET "$pp?per_page=2&page=2" -H "Host: styr.example"
expect_contains "page 2 next_page" "\"next_page\":\"http://styr.example$pp?per_page=2&page=3\"" "$body"
expect_contains "page 2 previous_page" "\"previous_page\":\"http://styr.example$pp?per_page=2&page=1\"" "$body"
page2=$body
http GET "$pp?page=2&per_page=2" -H "Host: styr.example"
expect_eq "page 2 again, the same slice" "$(echo "$page2" | grep -o '"kpi":"[A-Z0-9]*"')" "$(echo "$body" | grep -o '"kpi":"[A-Z0-9]*"')"
http GET "$pp?per_page=2&page=3" -H "Host: styr.example"
expect_eq "page 3 count" 1 "$(echo "$body" | grep -o '"kpi"' | wc -l)"
case "$body" in *next_page*) fail "the last page has no next_page" ;; esac
expect_contains "page 3 previous_page" '"previous_page":' "$body"
http GET "$pp?per_page=2&page=9"
expect_eq "a page past the end" 200 "$status"
expect_contains "a page past the end is empty" '"count":0,"values":[]' "$body"

# --- from_date: only what changed since, with is_deleted
dbsql "UPDATE value SET changed = '2020-01-01T00:00:00Z' WHERE unit_id = (SELECT id FROM org_unit WHERE code = 'LKR') AND indicator_id = (SELECT id FROM indicator WHERE code = 'ID0285')" >/dev/null ||
	fail "cannot age a value"
http GET "/v2/oudata/kpi/ID0069,ID0285/ou/LKR/year/2024?from_date=2024-01-01"
expect_eq "from_date" '{"count":1,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8,"is_deleted":false}]}]}' "$body"
http GET "/v2/oudata/kpi/ID0069,ID0285/ou/LKR/year/2024?from_date=2019-12-31"
expect_eq "from_date before every change" 2 "$(echo "$body" | grep -o '"is_deleted":false' | wc -l)"

# --- v3: keys repeated or comma-separated, next_url/previous_url, isdeleted
http GET "/v3/oudata?kpi_id=ID0069&kpi_id=ID0285,N00945&ou_id=LKR&year=2024"
expect_eq "v3 oudata" '{"count":2,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8,"isdeleted":false}]},{"kpi":"ID0285","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":93.8,"isdeleted":false}]}],"next_url":null,"previous_url":null}' "$body"
http GET "/v3/data?kpi_id=ID0069&municipality_id=1200,0180&year=2024,2023"
expect_eq "v3 data" '{"count":1,"values":[{"kpi":"ID0069","municipality":"1200","period":2024,"values":[{"count":1,"gender":"T","status":"","value":88.5,"isdeleted":false}]}],"next_url":null,"previous_url":null}' "$body"
http GET "/v3/oudata?ou_id=LKR&year=2024&per_page=2&page=2" -H "Host: styr.example"
expect_contains "v3 next_url" '"next_url":"http://styr.example/v3/oudata?ou_id=LKR&year=2024&per_page=2&page=3"' "$body"
expect_contains "v3 previous_url" '"previous_url":"http://styr.example/v3/oudata?ou_id=LKR&year=2024&per_page=2&page=1"' "$body"

# --- metadata
http GET /v2/kpi/ID0069,N00945
expect_eq "v2 kpi" '{"count":1,"values":[{"id":"ID0069","title":"Väntande inom 90 dagar - första besök","description":"","operating_area":"kvalitet","municipality_type":"L","perspective":"","publication_date":"2025-03-01","ou_publication_date":"2025-03-01","has_ou_data":true,"auspice":"","is_divided_by_gender":0}]}' "$body"
http GET /v3/kpi/TEST0286
expect_contains "v3 kpi types" '"has_ou_data":true,"auspices":"","is_divided_by_gender":true' "$body"
http GET /v2/kpi/TEST0286,ID0069
expect_contains "v2 is_divided_by_gender" '"id":"TEST0286"' "$body"
expect_eq "v2 is_divided_by_gender is an integer" '"is_divided_by_gender":0 "is_divided_by_gender":1 ' "$(echo "$body" | grep -o '"is_divided_by_gender":[0-9a-z]*' | tr '\n' ' ')"
expect_contains "v3 kpi by Kolada id" '"id":"TEST0286"' "$body"
http GET "/v2/kpi?title=npe"
expect_eq "kpi title filter" '"id":"ID0285" "id":"TEST0286" ' "$(echo "$body" | grep -o '"id":"[A-Z0-9]*"' | tr '\n' ' ')"
http GET "/v3/kpi?operating_area=produktion"
expect_eq "kpi operating_area filter" '{"count":0,"values":[],"next_url":null,"previous_url":null}' "$body"
http GET /v2/municipality
expect_eq "v2 municipality" '{"count":1,"values":[{"id":"1200","title":"Region Skåne","type":"L"}]}' "$body"
http GET "/v2/municipality?type=K"
expect_eq "municipality type filter" '{"count":0,"values":[]}' "$body"
http GET /v3/municipality/1200,0180
expect_contains "v3 municipality by id" '"id":"1200"' "$body"
http GET "/v2/ou?municipality=1200"
expect_eq "v2 ou" '{"count":2,"values":[{"id":"LKR","municipality":"1200","title":"Lasarettet i Landskrona"},{"id":"LKR-IM","municipality":"1200","title":"VO Internmedicin"}]}' "$body"
http GET "/v2/ou?municipality=0180"
expect_eq "ou of another municipality" '{"count":0,"values":[]}' "$body"
http GET /v3/ou/LKR,SUS
expect_contains "v3 ou: units without open values are not listed" '"count":1' "$body"
http GET /v2/kpi_groups/LKR-G02,N00000
expect_eq "kpi groups: a goal and its published indicators" '{"count":1,"values":[{"id":"LKR-G02","title":"Följsamhet till vårdgarantin","members":[{"member_id":"ID0069","member_title":"Väntande inom 90 dagar - första besök"}]}]}' "$body"
http GET "/v3/kpi_groups?title=nöjd"
expect_contains "kpi groups by title" '"next_url":null' "$body"
http GET /v3/municipality_groups
expect_eq "municipality groups" '{"count":0,"values":[],"next_url":null,"previous_url":null}' "$body"

# --- closed: not published, published from a later day, not approved
http GET /v2/kpi/ID0139,ID0070
expect_eq "unpublished and future kpis not listed" '{"count":0,"values":[]}' "$body"
http GET /v2/oudata/kpi/ID0139,ID0070/ou/LKR
expect_eq "unpublished and future kpis' values closed" '{"count":0,"values":[]}' "$body"
http GET /v2/oudata/kpi/ID0069/ou/LKR
expect_eq "2022 and 2023 not approved" 1 "$(echo "$body" | grep -o '"period"' | wc -l)"

# --- ETag / If-None-Match, and the answer follows a change
status=$(curl -s -D "$T/h" -o /dev/null -w '%{http_code}' "$BASE/v2/kpi")
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/Ip' "$T/h")
[ -n "$etag" ] || fail "no ETag"
expect_contains "CORS for browser clients" "Access-Control-Allow-Origin: *" "$(cat "$T/h")"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/v2/kpi")
expect_eq "If-None-Match" 304 "$status"
run --db "$DB" opendata unpublish ID0010
expect_eq "unpublish" 0 "$rc"
status=$(curl -s -o "$T/body" -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/v2/kpi")
expect_eq "If-None-Match after a change" 200 "$status"
case "$(cat "$T/body")" in *'"ID0010"'*) fail "unpublished indicator still listed" ;; esac
http GET /v2/oudata/kpi/ID0010/ou/LKR
expect_eq "unpublished indicator's values closed" '{"count":0,"values":[]}' "$body"
# from_date answers the withdrawal: the value is deleted, without its figure
http GET "/v2/oudata/kpi/ID0010,ID0069/ou/LKR/year/2024?from_date=2000-01-01"
expect_eq "withdrawn value, is_deleted" '{"count":2,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8,"is_deleted":false}]},{"kpi":"ID0010","ou":"LKR","period":2024,"values":[{"count":0,"gender":"T","status":"","value":null,"is_deleted":true}]}]}' "$body"
http GET "/v3/oudata?kpi_id=ID0010&from_date=2000-01-01"
expect_contains "withdrawn value, v3 isdeleted" '"values":[{"count":0,"gender":"T","status":"","value":null,"isdeleted":true}]' "$body"
http GET "/v2/oudata/kpi/ID0010/ou/LKR?from_date=2999-01-01"
expect_eq "withdrawn before from_date" '{"count":0,"values":[]}' "$body"
run --db "$DB" opendata publish ID0010 --date 2025-03-01
http GET "/v2/oudata/kpi/ID0010/ou/LKR/year/2024?from_date=2000-01-01"
expect_eq "published again: open, not deleted" '{"count":1,"values":[{"kpi":"ID0010","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":0.0,"is_deleted":false}]}]}' "$body"

# --- a stale session or a wrong token changes nothing on the open routes
http GET /v2/kpi/ID0069 -H "Authorization: Bearer fel" -b "styr_session=fel"
expect_eq "open route ignores credentials" 200 "$status"

# --- everything else stays closed without a login: every route of the
# table that needs a role, asked with no session and no token, is 401 (the
# API) or a redirect to the login (pages); the open ones answer.
"$STYR" serve --print-routes >"$T/routes"
closed=0
opened=0
while read -r method pattern minimum scope; do
	path=$(echo "$pattern" | sed -e 's/{unit}/LKR/' -e 's/{ind}/ID0069/' -e 's/{goal}/LKR-G02/' \
		-e 's/{period}/2024/' -e 's/{kpi}/ID0069/' -e 's/{municipality}/1200/' -e 's/{ou}/LKR/' \
		-e 's/{year}/2024/' -e 's/{id}/ID0069/')
	# A route for this machine's monitoring (role local) asked as from
	# elsewhere, through a proxy.
	fwd=
	[ "$minimum" = local ] && fwd="X-Forwarded-For: 192.0.2.1"
	got=$(curl -s -g -o "$T/b" -w '%{http_code} %{redirect_url}' -X "$method" ${fwd:+-H "$fwd"} "$BASE$path")
	case "$minimum" in
	none) continue ;;
	open)
		expect_eq "$method $path open without login" "200 " "$got"
		opened=$((opened + 1))
		;;
	*)
		case "$got" in
		"401 " | "303 $BASE/login" | "303 $BASE/login?till="*) ;;
		*) fail "$method $path without login: $got $(head -c 200 "$T/b")" ;;
		esac
		checks=$((checks + 1))
		closed=$((closed + 1))
		;;
	esac
done <"$T/routes"
[ "$closed" -gt 30 ] || fail "expected every closed route, walked $closed"
[ "$opened" -eq 30 ] || fail "expected 30 open routes, walked $opened"
echo "$closed closed routes, $opened open ones"
stop_server
finish
