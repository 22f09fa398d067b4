# History and the scoped audit log (issue 14 item 3): a value changed
# three times lists three versions with who and the value before, in
# `styr history` and on the value's page; a controller of LKR sees LKR's
# entries and not HHM's on /logg and /api/v1/audit; failed logins of an
# unknown and a known name are audited alike; a 403, a 423 and a CSRF
# refusal are audited; approve and unlock are; an action's entry has its
# before image; `styr audit verify` still passes.
. "$SRCDIR/tests/web/lib.sh"
demo_db_all
add_user anna unit-manager LKR
add_user lena unit-manager HHM
add_user kim controller LKR
add_user ada admin
start_server
login anna
login lena
login kim
login ada

# --- a value changed three times
for v in 81,0 82,5 83,9; do
	http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=$v"
	[ "$status" = 303 ] || fail "value $v: $status"
done
run --db "$DB" history value ID0069 LKR 2025
expect_eq "history exit" 0 "$rc"
expect_eq "three versions" 3 "$(printf '%s\n' "$out" | grep -c ' anna value.put value ID0069 LKR 2025: ')"
expect_eq "the versions, oldest first, with the value before" \
	"anna value.put value ID0069 LKR 2025: (none) -> 81,0
anna value.put value ID0069 LKR 2025: 81,0 -> 82,5
anna value.put value ID0069 LKR 2025: 82,5 -> 83,9" "$(printf '%s\n' "$out" | cut -d' ' -f2-)"
# an alias of the unit and another spelling of the period name the same value
run --db "$DB" history value ID0069 LiL 2025
expect_eq "by the unit's alias" 3 "$(printf '%s\n' "$out" | grep -c 'value.put')"
run --db "$DB" history value ID0069 LKR
expect_contains "fewer keys: every period" "value ID0069 LKR 2025: 82,5 -> 83,9" "$out"
run --db "$DB" history value ID0069 NOPE 2025
expect_eq "unknown unit" 2 "$rc"
expect_contains "unknown unit named" "NOPE" "$errout"
run --db "$DB" history value ID0069 LKR tjugo
expect_eq "bad period" 2 "$rc"
expect_contains "bad period named" "value period" "$errout"
run --db "$DB" history planet X
expect_eq "unknown kind" 2 "$rc"
expect_contains "unknown kind named, the kinds listed" 'kind "planet": expected value, target' "$errout"
run --db "$DB" history value ID0069 LKR 2025 extra
expect_eq "too many keys" 2 "$rc"

http GET "/enhet/LKR/varde?indikator=ID0069&period=2025" -b "$T/anna.jar"
expect_eq "value page" 200 "$status"
expect_contains "value page: Historik" '<h2 id="historik">Historik</h2>' "$body"
hist=$(printf '%s' "$body" | sed -n 's/.*<table class="historik">\(.*\)<\/table>.*/\1/p')
expect_eq "value page: three versions" 3 "$(printf '%s' "$hist" | grep -o '<tr><td><time' | wc -l)"
expect_contains "value page: who, what, before, after" "<td>anna</td><td>–</td><td>Ändrad</td><td>82,5</td><td>83,9</td>" "$hist"
expect_contains "value page: the first is new" "<td>anna</td><td>–</td><td>Ny</td><td>–</td><td>81,0</td>" "$hist"
# a Swedish date: day, month's name, year, "kl." and the local time
today=$(date -u +%Y-%m-%d)
expect_contains "Swedish date" "<time datetime=\"${today}T" "$hist"
expect_eq "Swedish date format" 1 "$(printf '%s' "$hist" | grep -cE '>[0-9]{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) [0-9]{4} kl\. [0-9]{2}\.[0-9]{2}</time>')"
http GET /enhet/LKR/indikator/ID0069 -b "$T/anna.jar"
expect_contains "indicator page: Historik of every period" "<td>ID0069 LKR 2025</td><td>82,5</td><td>83,9</td>" "$body"
http GET /enhet/LKR -b "$T/anna.jar"
case "$body" in *"82,5"*) fail "the dashboard shows an earlier version" ;; esac
checks=$((checks + 1))

# --- an action: its entry has the stored action as its before image
act() {
	http POST /enhet/LKR/atgard -b "$T/anna.jar" --data "csrf=$CSRF_anna&plan=LKR-HP2026&titel=Samordning+av+vårdplatser&ansvarig=Anna&klart=2026-06-30&forvantad=$1"
	[ "$status" = 303 ] || fail "action $1: $status $(printf '%s' "$body" | head -c 300)"
}
act 1,5
act 2,0
expect_eq "action: the second entry's before is the first's after" \
	"|Samordning av vårdplatser; 2026-06-30; planerad; 1500/0 tkr; ansvarig Anna; ; mål -
Samordning av vårdplatser; 2026-06-30; planerad; 1500/0 tkr; ansvarig Anna; ; mål -|Samordning av vårdplatser; 2026-06-30; planerad; 2000/0 tkr; ansvarig Anna; ; mål -" \
	"$(dbsql "SELECT before || '|' || after FROM audit WHERE action = 'action.put' AND entity = 'action LKR LKR-HP2026 Samordning av vårdplatser' ORDER BY id")"
http GET "/enhet/LKR/atgard?plan=LKR-HP2026" -b "$T/anna.jar"
expect_contains "action page: Historik" '<h2 id="historik">Historik</h2>' "$body"
expect_contains "action page: the previous version" "<td>Samordning av vårdplatser; 2026-06-30; planerad; 1500/0 tkr; ansvarig Anna; ; mål -</td><td>Samordning av vårdplatser; 2026-06-30; planerad; 2000/0 tkr; ansvarig Anna; ; mål -</td>" "$body"
run --db "$DB" history action LKR LKR-HP2026
expect_eq "action history in the CLI" 2 "$(printf '%s\n' "$out" | grep -c 'anna action.put')"

# --- an analysis
ana() {
	http POST /enhet/LKR/analys -b "$T/anna.jar" --data "csrf=$CSRF_anna&period=2026&amne=ekonomi&rubrik=Budget&vad=$1"
	[ "$status" = 303 ] || fail "analysis $1: $status"
}
ana "Underskott"
ana "Balans"
http GET "/enhet/LKR/analys?period=2026&amne=ekonomi" -b "$T/anna.jar"
expect_contains "analysis page: the previous version" "<td>Budget: Underskott</td><td>Budget: Balans</td>" "$body"
run --db "$DB" history analysis LKR 2026 ekonomi
expect_eq "analysis history in the CLI" 2 "$(printf '%s\n' "$out" | grep -c 'anna analysis.put')"

# --- HHM's value, then the scope of the log
http POST /enhet/HHM/varde -b "$T/lena.jar" --data "csrf=$CSRF_lena&indikator=ID0069&period=2025&varde=77,7"
expect_eq "HHM's value" 303 "$status"
http GET /logg -b "$T/kim.jar"
expect_eq "/logg for a controller of LKR" 200 "$status"
expect_contains "/logg: LKR's value" "value ID0069 LKR 2025" "$body"
case "$body" in *HHM*) fail "/logg shows a controller of LKR an entry about HHM" ;; esac
case "$body" in *"<td>login</td>"*) fail "/logg shows a controller of LKR the logins" ;; esac
checks=$((checks + 2))
ktok=$("$STYR" --db "$DB" user token kim)
http GET "/api/v1/audit?per_page=100" -H "Authorization: Bearer $ktok"
expect_eq "/api/v1/audit for a controller of LKR" 200 "$status"
expect_contains "API: LKR's value" '"entity":"value ID0069 LKR 2025"' "$body"
expect_contains "API: LKR's action" '"entity":"action LKR LKR-HP2026 Samordning av vårdplatser"' "$body"
case "$body" in *HHM*) fail "/api/v1/audit shows a controller of LKR an entry about HHM" ;; esac
case "$body" in *'"action":"login'*) fail "/api/v1/audit shows a controller of LKR the logins" ;; esac
checks=$((checks + 2))
http GET "/logg?enhet=HHM" -b "$T/kim.jar"
case "$body" in *"value ID0069 HHM"*) fail "/logg?enhet=HHM widened a controller's scope" ;; esac
checks=$((checks + 1))
http GET /logg -b "$T/ada.jar"
expect_contains "/logg for an admin: HHM too" "value ID0069 HHM 2025" "$body"
expect_contains "/logg for an admin: logins too" "<td>login</td>" "$body"
http GET "/logg?enhet=HHM" -b "$T/ada.jar"
expect_contains "/logg filtered by unit" "value ID0069 HHM 2025" "$body"
case "$body" in *"value ID0069 LKR"*) fail "/logg?enhet=HHM shows LKR" ;; esac
checks=$((checks + 1))
http GET "/logg?handelse=analysis" -b "$T/ada.jar"
expect_contains "/logg filtered by action" "analysis LKR 2026 ekonomi" "$body"
case "$body" in *"value ID0069"*) fail "/logg?handelse=analysis shows values" ;; esac
checks=$((checks + 1))
atok=$("$STYR" --db "$DB" user token ada)
http GET "/api/v1/audit?per_page=100&unit=LKR&action=value" -H "Authorization: Bearer $atok"
expect_eq "API filtered by unit and action: LKR's three from anna" 3 "$(printf '%s' "$body" | grep -o '"user":"anna","action":"value.put"' | wc -l)"

# --- refused requests: 403, CSRF, 423
http GET /enhet/HHM -b "$T/anna.jar"
expect_eq "another unit's page" 403 "$status"
expect_eq "the 403 audited" "anna|GET /enhet/HHM|403 forbidden: Sidan kräver rollen läsare på enheten HHM. Din roll där är ingen." \
	"$(dbsql "SELECT \"user\" || '|' || entity || '|' || after FROM audit WHERE action = 'refused' ORDER BY id DESC LIMIT 1")"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "indikator=ID0069&period=2025&varde=1"
expect_eq "no CSRF token" 403 "$status"
expect_contains "the CSRF refusal audited" "anna|POST /enhet/LKR/varde|403 csrf: " \
	"$(dbsql "SELECT \"user\" || '|' || entity || '|' || after FROM audit WHERE action = 'refused' ORDER BY id DESC LIMIT 1")"
http POST /enhet/LKR/rapport/skicka -b "$T/anna.jar" --data "csrf=$CSRF_anna&period=2025"
http POST /enhet/LKR/rapport/godkann -b "$T/kim.jar" --data "csrf=$CSRF_kim&period=2025"
expect_eq "approved" 303 "$status"
http POST /enhet/LKR/varde -b "$T/anna.jar" --data "csrf=$CSRF_anna&indikator=ID0069&period=2025&varde=1"
expect_eq "locked" 423 "$status"
expect_eq "the 423 audited" "anna|POST /enhet/LKR/varde|423 locked" \
	"$(dbsql "SELECT \"user\" || '|' || entity || '|' || after FROM audit WHERE action = 'refused' ORDER BY id DESC LIMIT 1")"
tok=$("$STYR" --db "$DB" user token anna)
http PUT /api/v1/units/LKR/values/ID0069/2025 -H "Authorization: Bearer $tok" --data '{"value":1}'
expect_eq "locked, API" 423 "$status"
expect_contains "the API's 423 audited with its reason" "anna|PUT /api/v1/units/LKR/values/ID0069/2025|423 period_locked: period 2025 is locked: the report of LKR was approved by kim" \
	"$(dbsql "SELECT \"user\" || '|' || entity || '|' || after FROM audit WHERE action = 'refused' ORDER BY id DESC LIMIT 1")"
expect_eq "nothing written by the refused" "83,9" "$("$STYR" --db "$DB" history value ID0069 LKR 2025 | tail -1 | sed 's/.* -> //')"
http POST /enhet/LKR/rapport/las-upp -b "$T/ada.jar" --data "csrf=$CSRF_ada&period=2025"
expect_eq "unlocked" 303 "$status"
run --db "$DB" history report LKR 2025
expect_eq "lock changes in the report's history" "kim report.approve report LKR 2025: submitted -> approved
ada report.unlock report LKR 2025: approved -> draft" "$(printf '%s\n' "$out" | grep -E 'approve|unlock' | cut -d' ' -f2-)"
# refusals and logins are an admin's: not in a controller's log
http GET /logg -b "$T/kim.jar"
case "$body" in *refused*) fail "a controller of LKR sees refused requests" ;; esac
checks=$((checks + 1))

# --- failed logins: an unknown name and a known one, alike
login_post nobody fel
s1=$status
b1=$(printf '%s' "$body" | sed -n 's/.*id="login-fel">\([^<]*\)<.*/\1/p')
login_post anna fel
expect_eq "the same answer for both" "$s1 $b1" "$status $(printf '%s' "$body" | sed -n 's/.*id="login-fel">\([^<]*\)<.*/\1/p')"
expect_eq "both audited alike: user, action, entity, address" \
	"nobody|login.failed|nobody||127.0.0.1
anna|login.failed|anna||127.0.0.1" \
	"$(dbsql "SELECT \"user\" || '|' || action || '|' || entity || '|' || before || '|' || after FROM audit WHERE action = 'login.failed' ORDER BY id")"

stop_server
run --db "$DB" audit verify
expect_eq "audit verify" 0 "$rc"
expect_contains "audit intact" "intact" "$out"
finish
