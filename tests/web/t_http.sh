# HTTP against a real server: login and sessions, pages with the seed 002
# figures for Landskrona, the value form's validation, the report
# workflow and period lock, the JSON API's answers to good and bad
# requests (and that a bad one changes nothing), CSRF, and the audit chain.
. "$SRCDIR/tests/web/lib.sh"
demo_db
add_user anna unit-manager LKR
add_user karl controller
add_user ada admin
add_user rut reader LKR-IM
start_server
NBSP=$(printf '\302\240')
# Pages speak Swedish (issue 17 item 8): the library's English messages
# (the API's and the CLI's) must not reach a page.
expect_swedish() {
	checks=$((checks + 1))
	case "$2" in
	*expected* | *" is locked"* | *cannot* | *unknown* | *"does not exist"* | *" is not "*)
		fail "$1: English on a page: $(printf '%s' "$2" | grep -oE '[^>]*(expected|is locked|cannot|unknown|does not exist| is not )[^<]*' | head -1)" ;;
	esac
}

# --- login, cookie, pages
http GET /enhet/LKR
expect_eq "anonymous page redirects to login" 303 "$status"
http POST /login --data 'namn=anna&losenord=anna-losen'
expect_eq "login without its CSRF token" 400 "$status"
login_post anna fel
expect_eq "wrong password" 401 "$status"
expect_contains "wrong password message" "Fel användarnamn eller lösenord" "$body"
login_post anna anna-losen -D "$T/h"
expect_eq "login" 303 "$status"
cookie=$(grep -i '^set-cookie: styr_session' "$T/h")
expect_contains "cookie HttpOnly" "HttpOnly" "$cookie"
expect_contains "cookie SameSite" "SameSite=Strict" "$cookie"
case "$cookie" in *Secure*) fail "cookie Secure without TLS" ;; esac
# A client's header does not decide Secure; styr serve --tls does
# (tests/web/t_headers.sh).
login_post rut rut-losen -D "$T/h" -H 'X-Forwarded-Proto: https'
case "$(grep -i '^set-cookie: styr_session' "$T/h")" in *Secure*) fail "a client header made the cookie Secure" ;; esac
login anna
http GET /enhet/LKR -b "$T/anna.jar"
expect_eq "dashboard" 200 "$status"
expect_contains "dashboard: ID0069 last value" "83,8${NBSP}%" "$body"
expect_contains "dashboard: ID0069 target" "&gt;95 %" "$body"
expect_contains "dashboard: status" "Ej uppfyllt" "$body"
http GET /enhet/LKR/indikator/ID0069 -b "$T/anna.jar"
expect_contains "indicator chart" "<svg" "$body"
expect_contains "indicator chart target line" "Mål 95,0" "$body"
expect_contains "indicator history 2022" "80,2${NBSP}%" "$body"
expect_contains "indicator links its goal" '<a href="/mal/LKR-G02">Följsamhet till vårdgarantin</a>' "$body"
http GET /mal/LKR-G02 -b "$T/anna.jar"
expect_contains "goal page indicators" "ID0069" "$body"
http GET /enhet/LKR/indikatorrapport -b "$T/anna.jar"
expect_eq "report download" 200 "$status"
expect_contains "report download: 2024 tables" "83,8" "$body"
http GET "/enhet/LKR/indikatorrapport?ar=tjugo" -b "$T/anna.jar"
expect_eq "report download, bad year" 400 "$status"
expect_contains "bad year in Swedish" "Året ”tjugo” går inte att läsa" "$body"
expect_swedish "bad year" "$body"
http GET "/enhet/LKR/rapport?period=tjugo" -b "$T/anna.jar"
expect_eq "report page, bad period" 400 "$status"
expect_contains "bad period in Swedish" "Perioden ”tjugo” går inte att läsa. Skriv till exempel 2025" "$body"
expect_swedish "bad period" "$body"
http GET "/enhet/NOPE/rapport" -b "$T/anna.jar"
expect_eq "unknown unit" 404 "$status"
expect_contains "unknown unit in Swedish" "Det finns ingen enhet ”NOPE”." "$body"
expect_swedish "unknown unit" "$body"
http GET "/enhet/LKR/kalender?datum=igar" -b "$T/anna.jar"
expect_contains "bad date in Swedish" "Datumet ”igar” går inte att läsa" "$body"
http GET "/enhet/LKR/ekonomi?ar=x" -b "$T/anna.jar"
expect_contains "bad economy year in Swedish" "Året ”x” går inte att läsa" "$body"
http GET "/api/v1/units/LKR/ledger?year=x" -H "Authorization: Bearer $("$STYR" --db "$DB" user token anna)"
expect_contains "the API stays English" 'year \"x\": expected a year such as 2024' "$body"
http GET /org -b "$T/anna.jar"
expect_contains "org tree" "Lasarettet i Landskrona" "$body"
http GET /enhet/SUS -b "$T/anna.jar"
expect_eq "another unit's dashboard" 403 "$status"
http GET /finns/inte -b "$T/anna.jar"
expect_eq "unknown path" 404 "$status"
http DELETE /enhet/LKR -b "$T/anna.jar"
expect_eq "known path, other method" 405 "$status"
status=$(curl -s -o /dev/null -w '%{http_code}' -I -b "$T/anna.jar" "$BASE/enhet/LKR")
expect_eq "HEAD of a page" 200 "$status"

# --- the value form
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=8%23,3"
expect_eq "typo refused" 422 "$status"
expect_contains "error next to the field" 'id="varde-fel"' "$body"
expect_contains "typed value kept" 'value="8#,3"' "$body"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "indikator=ID0069&period=2025&varde=84,1"
expect_eq "no CSRF token" 403 "$status"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=84,1" \
	--data-urlencode "kommentar=$(head -c 600 /dev/zero | tr '\0' k)"
expect_eq "comment too long" 422 "$status"
expect_contains "comment too long, next to its field" '<p class="error" id="kommentar-fel">Kommentaren är för lång (högst 511 tecken).</p>' "$body"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=84,1" \
	--data-urlencode "kommentar=Nytt journalsystem från mars"
expect_eq "value saved" 303 "$status"
run --db "$DB" show values --unit LKR --year 2025
expect_contains "stored value" "84,1" "$out"
expect_eq "stored comment" "Nytt journalsystem från mars" \
	"$(sql "$DB" "SELECT v.comment FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0069' AND v.year = 2025")"
http GET /enhet/LKR/indikator/ID0069 -b "$T/anna.jar"
expect_contains "indicator page: a comment column" '<th scope="col">Kommentar</th>' "$body"
expect_contains "indicator page: the comment beside its value" '<td class="kommentar">Nytt journalsystem från mars</td>' "$body"
http GET /enhet/LKR -b "$T/anna.jar"
expect_contains "cached dashboard follows a write through the server" "84,1${NBSP}%" "$body"
printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nID0070;LKR;2025;61,5;;;;test\n' >"$T/v.csv"
run --db "$DB" import csv "$T/v.csv"
http GET /enhet/LKR -b "$T/anna.jar"
expect_contains "cached dashboard follows a write by another process" "61,5${NBSP}%" "$body"

# --- workflow and lock
login karl
http POST /enhet/LKR/rapport/godkann -b "$T/karl.jar" --data "csrf=$CSRF_karl&period=2025"
expect_eq "approve a draft" 409 "$status"
expect_contains "approve a draft: in Swedish" "Rapporten kan inte godkännas nu: den är utkast." "$body"
expect_swedish "approve a draft" "$body"
http POST /enhet/LKR/rapport/skicka -b "$T/anna.jar" --data "csrf=$CSRF_anna&period=2025"
expect_eq "submit" 303 "$status"
http POST /enhet/LKR/rapport/godkann -b "$T/anna.jar" --data "csrf=$CSRF_anna&period=2025"
expect_eq "unit manager cannot approve" 403 "$status"
http POST /enhet/LKR/rapport/returnera -b "$T/karl.jar" --data "csrf=$CSRF_karl&period=2025"
expect_eq "return without a comment" 422 "$status"
expect_contains "return without a comment: in Swedish" "Skriv i kommentaren varför rapporten returneras." "$body"
# The decision of the approval: each field checked, in Swedish, and a
# refused approval stores nothing.
before=$(snapshot "$DB")
http POST /enhet/LKR/rapport/godkann -b "$T/karl.jar" --data "csrf=$CSRF_karl&period=2025" \
	--data-urlencode "diarienummer=RS 2025/12#" --data-urlencode "beslutsdatum=2026-02-30"
expect_eq "bad decision refused" 422 "$status"
expect_contains "bad diarienummer next to its field" '<p class="error" id="diarienummer-fel">Diarienumret ”RS 2025/12#” går inte att använda.' "$body"
expect_contains "bad beslutsdatum next to its field" '<p class="error" id="beslutsdatum-fel">Beslutsdatumet ”2026-02-30” går inte att använda.' "$body"
expect_contains "typed decision kept" 'name="diarienummer" autocomplete="off" value="RS 2025/12#"' "$body"
expect_swedish "bad decision" "$body"
http POST /enhet/LKR/rapport/godkann -b "$T/karl.jar" --data "csrf=$CSRF_karl&period=2025" \
	--data-urlencode "beslutsdatum=2024-12-31"
expect_eq "decision before the period refused" 422 "$status"
expect_eq "refused approvals store nothing" "$before" "$(snapshot "$DB")"
http POST /enhet/LKR/rapport/godkann -b "$T/karl.jar" --data "csrf=$CSRF_karl&period=2025" \
	--data-urlencode "diarienummer=RS 2025/123" --data-urlencode "beslutsdatum=2026-02-14"
expect_eq "controller approves" 303 "$status"
http GET /enhet/LKR/rapport?period=2025 -b "$T/karl.jar"
expect_contains "the decision on the report page" '<p id="beslut">Diarienummer: RS 2025/123 · Beslutsdatum: 2026-02-14</p>' "$body"
expect_contains "the comment on the report page" '<td class="kommentar">Nytt journalsystem från mars</td>' "$body"
expect_eq "the decision stored" "RS 2025/123|2026-02-14" \
	"$(sql "$DB" "SELECT r.diarienummer, r.decided FROM report_state r JOIN org_unit u ON u.id = r.unit_id WHERE u.code = 'LKR' AND r.year = 2025")"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=90"
expect_eq "locked period refuses" 423 "$status"
expect_contains "locked message" "Perioden 2025 är låst: rapporten för Lasarettet i Landskrona godkändes av karl den $(date -u +%Y-%m-%d). Inget sparades." "$body"
expect_swedish "locked message" "$body"
http POST /enhet/LKR-IM/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=90"
expect_eq "lock covers units below" 423 "$status"
run --db "$DB" show values --unit LKR --year 2025
expect_contains "value unchanged after refusal" "84,1" "$out"
# Approved means frozen: the download is the approved version.
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=html&period=2025" -b "$T/anna.jar"
expect_eq "approved download" 200 "$status"
expect_contains "approved download marked" "Fastställd $(date -u +%Y-%m-%d) av karl" "$body"
expect_contains "approved download: the decision on the cover" "<br>Diarienummer: RS 2025/123<br>Beslutsdatum: 2026-02-14</p>" "$body"
expect_contains "approved download: the comment as a note" "<p>Kommentar till Väntande inom 90 dagar - första besök, 2025: Nytt journalsystem från mars</p>" "$body"
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=html&period=2024" -b "$T/anna.jar"
expect_contains "unapproved download marked" '>Utkast</p>' "$body"
http GET /enhet/LKR/rapport?period=2025 -b "$T/anna.jar"
expect_contains "no changes since approval" "Inga ändringar sedan fastställelsen" "$body"
http POST /enhet/LKR/rapport/las-upp -b "$T/karl.jar" --data "csrf=$CSRF_karl&period=2025"
expect_eq "controller cannot unlock" 403 "$status"
login ada
http POST /enhet/LKR/rapport/las-upp -b "$T/ada.jar" --data "csrf=$CSRF_ada&period=2025"
expect_eq "admin unlocks" 303 "$status"
http GET /enhet/LKR/rapport?period=2025 -b "$T/ada.jar"
expect_contains "unlocked is draft" "utkast" "$body"
# A correction after the unlock shows as a difference with its author.
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=90"
expect_eq "correction after unlock" 303 "$status"
http GET /enhet/LKR/rapport?period=2025 -b "$T/ada.jar"
expect_contains "changes since approval" "<th scope=\"row\">ID0069 LKR 2025</th><td>84,1</td><td>90" "$body"
expect_contains "who changed it" "</td><td>anna</td>" "$body"
run --db "$DB" report diff --unit LKR --period 2025
expect_eq "report diff finds the correction" 1 "$rc"
expect_contains "report diff names anna" "ID0069 LKR 2025: 84,1 → 90" "$out"
expect_contains "report diff names anna" "(anna, " "$out"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=84,1"

# --- JSON API
tok=$("$STYR" --db "$DB" user token anna)
H="Authorization: Bearer $tok"
http GET "/api/v1/units/LKR/values?indicator=ID0069&per_page=2&page=1" -H "$H"
expect_eq "values GET" 200 "$status"
expect_contains "API values carry their comment" '"source":"seed 002 line 557","comment":""}' "$body"
expect_contains "pagination" '"page":1,"per_page":2,"total":4' "$body"
expect_contains "first value" '"period":"2022","value":80.2' "$body"
http GET /api/v1/units/LKR/dashboard -H "$H"
expect_contains "API dashboard row" '"indicator":"ID0069","unit":"LKR","period":"2025","value":84.1' "$body"
# No 2025 target is stored: 2024's holds until a newer one is set.
expect_contains "API dashboard: 2024's target carries over" '"target":">95 %","target_year":2024,"status":"not_met","trend":"better"' "$body"
expect_contains "API dashboard: seed 002 row assessed" '"indicator":"ID0015","unit":"LKR","period":"2024","value":9.0,' "$body"
expect_contains "API dashboard: status and trend" '"target":">50%","target_year":2024,"status":"not_met","trend":"better"' "$body"
http GET /enhet/LKR -b "$T/ada.jar"
expect_contains "dashboard: carried-over target says so" "&gt;95 % <span class=\"hint\">(mål från 2024)</span>" "$body"
http GET /enhet/LKR/indikator/ID0069 -b "$T/ada.jar"
expect_contains "indicator page: carried-over target" "&gt;95 % (mål från 2024)" "$body"
http GET "/api/v1/units/LKR/values?per_page=0" -H "$H"
expect_eq "bad per_page" 400 "$status"
expect_contains "bad per_page names it" '"code":"invalid_parameter"' "$body"
http GET /api/v1/kolada/data/kpi/ID0069/municipality/LKR -H "$H"
expect_contains "kolada shape" '{"kpi":"ID0069","municipality":"LKR","period":2024,"values":[{"gender":"T","count":1,"status":"","value":83.8}]}' "$body"
http GET "/api/v1/goals?per_page=100" -H "$H"
expect_contains "goals with their indicators" '"code":"LKR-G02","parent":"RS-OM2"' "$body"
expect_contains "goal LKR-G02 indicators" '"indicators":["ID0069","ID0070"]' "$body"
http GET /api/v1/audit -H "$H"
expect_eq "audit API needs a controller" 403 "$status"
ktok=$("$STYR" --db "$DB" user token karl)
# The log is scoped (issue 14 item 3): a controller, even of the whole
# region, sees the entries about units; logins, users and tokens are an
# admin's.
http GET "/api/v1/audit?per_page=1" -H "Authorization: Bearer $ktok"
expect_contains "audit API, a controller: the newest about a unit" '"action":"value.put"' "$body"
atok=$("$STYR" --db "$DB" user token ada)
http GET "/api/v1/audit?per_page=1" -H "Authorization: Bearer $atok"
expect_contains "audit API newest first, an admin: every entry" '"action":"token.add"' "$body"
expect_contains "audit API chain" '"chain_intact":true' "$body"
http GET /api/v1/openapi.json
expect_contains "openapi" '"openapi":"3.0.3"' "$body"
expect_contains "openapi lists values" '/api/v1/units/{unit}/values' "$body"
before=$(snapshot "$DB")
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026",'
expect_eq "malformed JSON" 400 "$status"
expect_contains "malformed JSON code" '"code":"malformed_json"' "$body"
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026","value":1,"colour":"red"}'
expect_contains "unknown field" '"code":"unknown_field","message":"field \"colour\" is not known' "$body"
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026","value":"84,1"}'
expect_contains "wrong type" '"message":"value: expected a number or null, got a string"' "$body"
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID9999","period":"2026","value":1}'
expect_contains "unknown indicator" '"code":"unknown_indicator"' "$body"
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026-13","value":1}'
expect_contains "bad period" '"code":"invalid_period"' "$body"
head -c 70000 /dev/zero | tr '\0' ' ' >"$T/big"
http POST /api/v1/units/LKR/values -H "$H" --data-binary @"$T/big"
expect_eq "oversized body" 413 "$status"
http POST /api/v1/units/SUS/values -H "$H" --data '{"indicator":"ID0069","period":"2026","value":1}'
expect_eq "another unit's data" 403 "$status"
http POST /api/v1/units/LKR/values -b "$T/anna.jar" --data '{"indicator":"ID0069","period":"2026","value":1}'
expect_eq "cookie API write without CSRF" 403 "$status"
http GET /api/v1/units -H "Authorization: Bearer 0000"
expect_eq "bad token" 401 "$status"
expect_eq "bad requests changed nothing" "$before" "$(snapshot "$DB")"
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026","value":86.5}'
expect_eq "API write" 201 "$status"
http PUT /api/v1/units/LKR/values/ID0069/2026 -H "$H" --data '{"value":87,"comment":"Preliminärt"}'
expect_eq "API put (an overwrite)" 200 "$status"
expect_contains "API put value" '"value":87' "$body"
expect_contains "API put comment" '"comment":"Preliminärt"' "$body"
http PUT /api/v1/units/LKR/values/ID0069/2026 -H "$H" --data '{"value":87,"comment":7}'
expect_eq "API comment of the wrong type" 400 "$status"
expect_contains "API comment names the field" '"message":"comment: expected a string, got a number"' "$body"
http PUT /api/v1/units/LKR/values/ID0069/2026 -H "$H" --data '{"value":87}'
expect_eq "API put without a comment keeps it" "Preliminärt" \
	"$(sql "$DB" "SELECT v.comment FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0069' AND v.year = 2026")"
expect_eq "the figure and its comment audited" "value.put|86,5|87,0; kommentar: Preliminärt" \
	"$(sql "$DB" "SELECT action, before, after FROM audit WHERE entity = 'value ID0069 LKR 2026' ORDER BY id DESC LIMIT 1")"
http PUT /api/v1/units/LKR/values/ID0069/2026 -H "$H" --data '{"value":87,"comment":"Slutligt"}'
expect_eq "a comment alone is audited as value.comment" "value.comment|87,0; kommentar: Preliminärt|87,0; kommentar: Slutligt" \
	"$(sql "$DB" "SELECT action, before, after FROM audit WHERE entity = 'value ID0069 LKR 2026' ORDER BY id DESC LIMIT 1")"
http POST /api/v1/units/LKR/reports/2026/submit -H "$H"
expect_contains "API submit" '"state":"submitted","locked":false' "$body"
http POST /api/v1/units/LKR/reports/2026/approve -H "$H"
expect_eq "API approve as unit manager" 403 "$status"
expect_contains "API 403 is JSON" '"code":"forbidden"' "$body"
http POST /api/v1/units/LKR/reports/2026/return -H "Authorization: Bearer $ktok" --data '{}'
expect_eq "API return without a comment" 400 "$status"
expect_contains "API return names the field" '"message":"comment: expected a text' "$body"
http POST /api/v1/units/LKR/reports/2026/approve -H "Authorization: Bearer $ktok" \
	--data '{"diarienummer":"RS 2026/9!"}'
expect_eq "API approve, a diarienummer with no case number" 400 "$status"
expect_contains "API names the field, in English" '"message":"diarienummer \"RS 2026/9!\": expected a case number' "$body"
http POST /api/v1/units/LKR/reports/2026/approve -H "Authorization: Bearer $ktok" \
	--data '{"diarienummer":"RS 2026/9","beslutsdatum":"2027-02-14"}'
expect_contains "API approve" '"state":"approved","locked":true' "$body"
expect_contains "API approve: the decision" '"diarienummer":"RS 2026/9","beslutsdatum":"2027-02-14"' "$body"
http PUT /api/v1/units/LKR/values/ID0069/2026 -H "$H" --data '{"value":88}'
expect_eq "API write to a locked period" 423 "$status"
expect_contains "API locked code" '"code":"period_locked"' "$body"
http POST /api/v1/units/LKR/reports/2026/submit -H "$H"
expect_eq "API submit an approved report" 409 "$status"

# --- expiry (a server whose sessions last three seconds), throttling
stop_server
start_server --session-ttl 3
login anna
# The cookie is sent by hand: curl itself drops it from the jar when its
# Max-Age has passed, and this is about the server refusing it.
sess="Cookie: styr_session=$(awk '$6 == "styr_session" { print $7 }' "$T/anna.jar")"
http GET /enhet/LKR -H "$sess"
expect_eq "fresh session" 200 "$status"
sleep 3.2
http GET /enhet/LKR -H "$sess"
expect_eq "expired session" 303 "$status"
expect_contains "expired: to the login, saying why" "fel=utgangen" "$(curl -s -o /dev/null -w '%{redirect_url}' -H "$sess" "$BASE/enhet/LKR")"
http GET /api/v1/units -H "$sess"
expect_eq "expired session, API" 401 "$status"
expect_contains "expired session, API message" "expired" "$body"
for i in 1 2 3 4 5; do login_post rut fel; done
login_post rut rut-losen
expect_eq "throttled after five failures" 429 "$status"

# --- audit
http GET /logg -b "$T/ada.jar"
run --db "$DB" audit verify
expect_eq "audit intact" 0 "$rc"
expect_contains "audit verify" "intact" "$out"
stop_server
n=$(dbsql "SELECT count(*) FROM audit WHERE action = 'value.put' AND \"user\" NOT LIKE 'cli:%'")
expect_eq "value writes audited (form, the correction after unlock and its undo, POST, PUT)" 5 "$n"
# each with where it came from: a form or an API call, method and path
expect_eq "the sources of the web's value writes" "API 2
form 3" "$(dbsql "SELECT CASE WHEN source LIKE 'API %' THEN 'API' WHEN source LIKE 'form %' THEN 'form' ELSE source END AS s, count(*) FROM audit WHERE action = 'value.put' AND \"user\" NOT LIKE 'cli:%' GROUP BY 1 ORDER BY 1" | tr '|' ' ')"
expect_eq "every API write names method and path" 0 "$(dbsql "SELECT count(*) FROM audit WHERE source LIKE 'API %' AND source NOT LIKE 'API P% /api/v1/%'")"
expect_eq "failed logins audited (anna once, rut five times)" 6 "$(dbsql "SELECT count(*) FROM audit WHERE action IN ('login.failed', 'login.throttled')")"
expect_eq "workflow moves audited (submit, approve, unlock; API submit, approve)" 5 "$(dbsql "SELECT count(*) FROM audit WHERE action LIKE 'report.%'")"
msg=$(dbsql "UPDATE audit SET after = '99' WHERE id = 3" 2>&1) && fail "audit row updated despite the trigger"
expect_contains "update refused by the trigger" "the audit log is append-only" "$msg"
msg=$(dbsql "DELETE FROM audit WHERE id = 3" 2>&1) && fail "audit row deleted despite the trigger"
expect_contains "delete refused by the trigger" "the audit log is append-only" "$msg"
# Tampering as someone who may drop the trigger: the chain shows it.
# (DROP TRIGGER names its table on PostgreSQL only.)
on=
[ "$BACKEND" = pg ] && on=" ON audit"
dbsql "DROP TRIGGER audit_no_update$on; UPDATE audit SET after = '99' WHERE action = 'value.put' AND id = (SELECT min(id) FROM audit WHERE action = 'value.put')" >/dev/null ||
	fail "tampering with the audit log failed"
run --db "$DB" audit verify
expect_eq "tampered audit found" 1 "$rc"
expect_contains "names the entry" "broken at entry" "$out"
finish
