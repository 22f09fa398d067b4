#!/usr/bin/env bash
# Hostile clients at the login (issue 16 items 2 and 7): the throttle
# refuses before any password is hashed — per client address, per name at
# an address, and for every address together — with 429, Retry-After and
# the same words for a name that exists and one that does not; a stranger
# elsewhere cannot lock a user out; the client address comes from
# X-Forwarded-For only behind --proxy; the login form's CSRF token is an
# HMAC under the database's key (a made-up or expired pair is refused, a
# form from one server is taken by another, whose throttle counts with
# the first's); and /metrics, in Prometheus's text format, moves with the
# requests and answers this machine or an admin.
. "$(dirname "$0")/lib.sh"
demo_db
add_user anna unit-manager LKR
add_user ada admin
SERVER2_PID=
trap 'kill $SERVER2_PID 2>/dev/null; stop_server; rm -rf "$T"; [ "$failures" -eq 0 ] || exit 1' EXIT
hdr() { grep -i "^$1:" "$T/h" | tr -d '\r' | sed 's/^[^:]*: //'; }

# Eight failures an address in a minute; this machine is the proxy, so
# X-Forwarded-For names the clients.
start_server --login-limit 8/60 --proxy 127.0.0.1 --login-rate 1000
# from ADDRESS NAME PASSWORD [curl args]: a login from that address
from() {
	local a=$1
	shift
	login_post "$@" -H "X-Forwarded-For: 198.51.100.9, $a" -D "$T/h"
}

# --- a stranger cannot lock anna out, and learns nothing of names
for i in 1 2 3 4 5; do
	from 192.0.2.66 anna "fel-$i"
	[ "$status" = 401 ] || fail "failure $i of anna from the stranger: $status"
	from 192.0.2.67 ingen "fel-$i"
	[ "$status" = 401 ] || fail "failure $i of an unknown name: $status"
done
from 192.0.2.66 anna anna-losen
expect_eq "anna locked out from the stranger's address" 429 "$status"
# the words, the seconds left aside (the two windows began apart)
words() { sed -n 's/.*id="login-fel">\([^<]*\)<.*/\1/p' "$T/body" | tr -d 0-9; }
locked_anna=$(words)
retry=$(hdr Retry-After)
expect_eq "Retry-After within the minute" yes "$([ "$retry" -ge 1 ] && [ "$retry" -le 60 ] && echo yes || echo "no: $retry")"
from 192.0.2.67 ingen whatever
expect_eq "an unknown name is locked out the same way" 429 "$status"
expect_eq "the same words for both" "$locked_anna" "$(words)"
expect_eq "the words" "För många inloggningsförsök. Vänta  sekunder och försök igen." "$locked_anna"
from 192.0.2.1 anna anna-losen
expect_eq "anna logs in from her own address meanwhile" 303 "$status"
run --db "$DB" user list
expect_contains "user list names the lock-out" "anna unit-manager@LKR (spärrad från 1 adress efter misslyckade inloggningar)" "$out"
expect_eq "the locking failure audited as login.throttled, with the address" "192.0.2.66" \
	"$(dbsql "SELECT after FROM audit WHERE action = 'login.throttled' AND entity = 'anna'")"
# an unknown name is audited alike (issue 14 item 3)
expect_eq "the unknown name's locking failure audited alike" "192.0.2.67" \
	"$(dbsql "SELECT after FROM audit WHERE action = 'login.throttled' AND entity = 'ingen'")"
expect_eq "its failures before it too" 4 \
	"$(dbsql "SELECT count(*) FROM audit WHERE action = 'login.failed' AND entity = 'ingen'")"

# --- the address's failures: any names, then even the right password
for n in x1 x2 x3 x4 x5 x6 x7 x8; do from 203.0.113.5 "$n" fel; done
expect_eq "eight failures from one address" 401 "$status"
from 203.0.113.5 anna anna-losen
expect_eq "the address is refused" 429 "$status"
expect_eq "Retry-After of the address's window" yes "$(r=$(hdr Retry-After); [ "$r" -ge 1 ] && [ "$r" -le 60 ] && echo yes || echo "no: $r")"
# Refused before the hash: a refusal is a few database reads, not argon2.
t0=$(date +%s%N)
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s -o /dev/null -b "$T/anna.jar" -H "X-Forwarded-For: 203.0.113.5" \
		--data-urlencode "csrf=$lt" --data "namn=anna&losenord=x" "$BASE/login"
done
ms=$((($(date +%s%N) - t0) / 1000000))
echo "ten refused attempts: $ms ms"
# Refusals unchecked are audited once per address and window (issue 14
# item 3): eleven here, one entry, naming the first name and the counter.
expect_eq "eleven refusals from one address, one audit entry" "anna; address" \
	"$(dbsql "SELECT after FROM audit WHERE action = 'login.refused' AND entity = 'address 203.0.113.5'")"
# A header from a client that is not the proxy decides nothing.
stop_server
start_server --login-limit 3/60 --login-rate 1000
for n in 1 2 3; do login_post "y$n" fel -H "X-Forwarded-For: 198.51.100.$n"; done
login_post y4 fel -H "X-Forwarded-For: 198.51.100.77"
expect_eq "X-Forwarded-For of a client that is not the proxy is not believed" 429 "$status"
stop_server

# --- every address together: one check a second.  Six clients from six
# addresses at once: each is counted before its hash, so however slow the
# machine, at most one a second passes.
start_server --login-rate 1 --proxy 127.0.0.1
curl -s -c "$T/g.jar" -o "$T/form" "$BASE/login"
lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/form")
pids=
for i in 1 2 3 4 5 6; do
	curl -s -o /dev/null -D "$T/g$i" -b "$T/g.jar" -H "X-Forwarded-For: 192.0.2.$((100 + i))" \
		--data-urlencode "csrf=$lt" --data "namn=z$i&losenord=fel" "$BASE/login" &
	pids="$pids $!"
done
wait $pids
refused=$(cat "$T"/g[1-6] | grep -c '^HTTP/1.1 429')
expect_eq "at most one a second passes" yes "$([ "$refused" -ge 3 ] && echo yes || echo "no: $refused refused")"
expect_eq "the refused are told to wait a second" "$refused" "$(cat "$T"/g[1-6] | tr -d '\r' | grep -c '^Retry-After: 1$')"
stop_server
start_server --login-rate 1000

# --- the login form's CSRF token
http POST /login -b "styr_login=$(printf 'a%.0s' $(seq 64))" \
	--data "csrf=$(printf 'a%.0s' $(seq 64))&namn=anna&losenord=anna-losen"
expect_eq "a double-submit pair the client made up" 400 "$status"
expect_contains "refusal in Swedish" "saknade sin kontrollkod" "$body"
nonce=$(printf '%064d' 7)
now=$(date +%s)
http POST /login -b "styr_login=$nonce" --data "csrf=$now.$(printf 'b%.0s' $(seq 64))&namn=anna&losenord=anna-losen"
expect_eq "a token not made with the key" 400 "$status"
key=$(dbsql "SELECT value FROM web_secret WHERE name = 'login'")
expect_eq "the key is stored once, 32 bytes" 64 "${#key}"
mac() { printf 'login|%s|%s' "$1" "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" | sed 's/.* //'; }
old=$((now - 7200))
http POST /login -b "styr_login=$nonce" --data "csrf=$old.$(mac "$nonce" "$old")&namn=anna&losenord=anna-losen"
expect_eq "a token of the key two hours old" 400 "$status"
http POST /login -b "styr_login=$nonce" --data "csrf=$now.$(mac "$nonce" "$now")&namn=anna&losenord=anna-losen"
expect_eq "a fresh token of the key" 303 "$status"
other=$(printf '%064d' 8)
http POST /login -b "styr_login=$other" --data "csrf=$now.$(mac "$nonce" "$now")&namn=anna&losenord=anna-losen"
expect_eq "a token of another cookie's nonce" 400 "$status"
login_post anna anna-losen -H "Sec-Fetch-Site: cross-site"
expect_eq "a form posted from another site" 400 "$status"
login_post anna anna-losen -H "Sec-Fetch-Site: same-origin"
expect_eq "a form of this site" 303 "$status"

# --- two servers on one database: one's form logs in through the other,
# and their throttle counts together
FIRST=$BASE
"$STYR" --db "$DB" serve --port 0 --quiet --login-limit 3/60 --proxy 127.0.0.1 --login-rate 1000 >"$T/serve2.out" 2>"$T/serve2.err" &
SERVER2_PID=$!
i=0
while ! grep -q listening "$T/serve2.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "second server did not start" >&2; exit 1; }
	sleep 0.05
done
SECOND=$(sed -n 's/^listening on //p' "$T/serve2.out")
curl -s -c "$T/two.jar" -o "$T/form" "$FIRST/login"
lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/form")
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/two.jar" -c "$T/two.jar" -H "X-Forwarded-For: 192.0.2.140" \
	--data-urlencode "csrf=$lt" --data "namn=anna&losenord=anna-losen" "$SECOND/login")
expect_eq "a form from the first server, posted to the second" 303 "$status"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/two.jar" "$FIRST/min-sida")
expect_eq "the session made by the second is good on the first" 200 "$status"
# Failures counted by the second ...
curl -s -c "$T/three.jar" -o "$T/form" "$FIRST/login"
lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/form")
codes=
for i in 1 2 3; do
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -b "$T/three.jar" -H "X-Forwarded-For: 192.0.2.150" \
		--data-urlencode "csrf=$lt" --data "namn=w$i&losenord=fel" "$SECOND/login")"
done
expect_eq "three failures through the second" " 401 401 401" "$codes"
# ... refuse on the first, started again with the same limit.
stop_server
start_server --login-limit 3/60 --proxy 127.0.0.1 --login-rate 1000
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/three.jar" -H "X-Forwarded-For: 192.0.2.150" \
	--data-urlencode "csrf=$lt" --data "namn=anna&losenord=anna-losen" "$BASE/login")
expect_eq "failures counted by one server refuse on the other" 429 "$status"
kill "$SERVER2_PID"
wait "$SERVER2_PID" 2>/dev/null
expect_eq "the second server stops cleanly (under ASan: no leak)" 0 "$?"
SERVER2_PID=

# --- the password change checks the current password under the throttle
stop_server
start_server --proxy 127.0.0.1 --login-rate 1000
login_post anna anna-losen -H "X-Forwarded-For: 192.0.2.200"
acsrf=$(curl -s -b "$T/anna.jar" -H "X-Forwarded-For: 192.0.2.200" "$BASE/konto/losenord" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
for i in 1 2 3 4 5; do
	http POST /konto/losenord -b "$T/anna.jar" -H "X-Forwarded-For: 192.0.2.200" \
		--data "csrf=$acsrf&nuvarande=fel-$i&nytt=nytt-losen-1&igen=nytt-losen-1"
done
expect_eq "five wrong current passwords" 403 "$status"
http POST /konto/losenord -b "$T/anna.jar" -H "X-Forwarded-For: 192.0.2.200" -D "$T/h" \
	--data "csrf=$acsrf&nuvarande=anna-losen&nytt=nytt-losen-1&igen=nytt-losen-1"
expect_eq "then the password change is refused too" 429 "$status"
expect_eq "with Retry-After" yes "$([ -n "$(hdr Retry-After)" ] && echo yes || echo no)"

# --- /metrics
for i in 1 2 3; do curl -s -o /dev/null "$BASE/stil.css"; done
login ada
# (the cache is kept per worker: eight requests over four workers hit)
for i in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null -b "$T/ada.jar" "$BASE/enhet/LKR"; done
curl -s -o "$T/m1" -D "$T/h" "$BASE/metrics"
expect_contains "text format" "text/plain; version=0.0.4" "$(hdr Content-Type)"
metric() { awk -v k="$1" 'index($0, k " ") == 1 { print $NF }' "$2"; }
css='styr_http_requests_total{route="/stil.css",method="GET",status="200"}'
expect_eq "style sheet requests counted by route" 3 "$(metric "$css" "$T/m1")"
expect_eq "a 429 counted under its route" yes "$(grep -q '^styr_http_requests_total{route="/konto/losenord",method="POST",status="429"} 1$' "$T/m1" && echo yes || echo no)"
expect_eq "the throttle's refusals counted" 1 "$(metric 'styr_login_throttled_total{reason="name"}' "$T/m1")"
hits=$(metric 'styr_page_cache_requests_total{result="hit"}' "$T/m1")
miss=$(metric 'styr_page_cache_requests_total{result="miss"}' "$T/m1")
expect_eq "the dashboard eight times: misses, then hits" yes "$([ "$hits" -ge 1 ] && [ "$miss" -ge 1 ] && echo yes || echo "no: $hits hits, $miss misses")"
for i in 1 2; do curl -s -o /dev/null "$BASE/stil.css"; done
curl -s -o "$T/m2" "$BASE/metrics"
expect_eq "the counter moves" 5 "$(metric "$css" "$T/m2")"
expect_eq "the route's latency histogram counts the same" 5 "$(metric 'styr_http_request_duration_seconds_count{route="/stil.css",method="GET"}' "$T/m2")"
expect_eq "the route's +Inf bucket too" 5 "$(metric 'styr_http_request_duration_seconds_bucket{route="/stil.css",method="GET",le="+Inf"}' "$T/m2")"
dbn=$(metric 'styr_db_request_seconds_count' "$T/m2")
expect_eq "database time counted for every request" yes "$([ "$dbn" -ge 15 ] && echo yes || echo "no: $dbn")"
# The format: every line a comment (HELP, TYPE) or name{labels} value;
# every series of a TYPE'd family; buckets never fall; +Inf equals count.
awk '
/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* / { next }
/^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$/ { type[$3] = $4; next }
/^#/ { print "bad comment: " $0; bad = 1; next }
{
	if ($0 !~ /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*\})? [0-9.e+-]+$/) {
		print "bad sample: " $0; bad = 1; next
	}
	name = $0; sub(/[{ ].*/, "", name)
	family = name; sub(/_(bucket|sum|count)$/, "", family)
	if (!(name in type) && !(family in type)) { print "no TYPE for " name; bad = 1 }
	if (name ~ /_bucket$/) {
		series = $0; sub(/,?le="[^"]*"/, "", series); sub(/ .*/, "", series)
		if (series in last && $NF + 0 < last[series]) { print "falling bucket: " $0; bad = 1 }
		last[series] = $NF + 0
		if ($0 ~ /le="\+Inf"/) inf[series] = $NF + 0
	}
	if (name ~ /_count$/) {
		series = $0; sub(/_count/, "_bucket", series); sub(/ .*/, "", series)
		sub(/\{\}$/, "", series)
		count[series] = $NF + 0
	}
}
END {
	for (s in count) {
		k = s; if (k !~ /\{/) k = k "{}"
		if (!((k in inf) || (s in inf))) { print "no +Inf bucket for " s; bad = 1 }
		else if (((k in inf) ? inf[k] : inf[s]) != count[s]) { print "+Inf differs from count: " s; bad = 1 }
	}
	exit bad
}' "$T/m2" >"$T/format" 2>&1
expect_eq "Prometheus text format" "" "$(cat "$T/format")"
# Not from elsewhere without an admin.
http GET /metrics -H "X-Forwarded-For: 192.0.2.9"
expect_eq "/metrics through the proxy without a login" 401 "$status"
tok=$("$STYR" --db "$DB" user token ada)
http GET /metrics -H "X-Forwarded-For: 192.0.2.9" -H "Authorization: Bearer $tok"
expect_eq "/metrics through the proxy with an admin's token" 200 "$status"
atok=$("$STYR" --db "$DB" user token anna)
http GET /metrics -H "X-Forwarded-For: 192.0.2.9" -H "Authorization: Bearer $atok"
expect_eq "/metrics with a unit manager's token" 403 "$status"
stop_server
finish
