#!/usr/bin/env bash
# What every answer carries, and what a server error does not tell
# (issue 16): security headers, caching, request ids, TLS decided by
# configuration, a bad token on a public page, /healthz, the access log
# and a generic 5xx whose detail goes to the log only.
. "$(dirname "$0")/lib.sh"
demo_db
add_user anna unit-manager LKR
# Bad serve options are refused before anything listens.
run --db "$DB" serve --port 0 --today 2025-13-01
expect_eq "bad --today exit" 2 "$rc"
expect_contains "bad --today message" '--today "2025-13-01": expected a date such as 2025-09-01' "$errout"
run --db "$DB" serve --port 0 --threads 0
expect_eq "bad --threads exit" 2 "$rc"
expect_contains "bad --threads message" '--threads "0": expected a number 1 to 256' "$errout"
"$STYR" --db "$DB" serve --port 0 --tls >"$T/serve.out" 2>"$T/serve.err" &
SERVER_PID=$!
i=0
while ! grep -q listening "$T/serve.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "server did not start" >&2; exit 1; }
	sleep 0.05
done
BASE=$(sed -n 's/^listening on //p' "$T/serve.out")
hdr() { grep -i "^$1:" "$T/h" | tr -d '\r' | sed 's/^[^:]*: //'; }

http GET /login -D "$T/h"
expect_eq "CSP" "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'" "$(hdr Content-Security-Policy)"
expect_eq "page not stored" "no-store" "$(hdr Cache-Control)"
expect_eq "HSTS under --tls" "max-age=31536000" "$(hdr Strict-Transport-Security)"
id1=$(hdr X-Request-Id)
http GET /stil.css -D "$T/h"
expect_eq "the style sheet may be kept" "public, max-age=3600" "$(hdr Cache-Control)"
expect_eq "request ids count" "$((id1 + 1))" "$(hdr X-Request-Id)"
login_post anna anna-losen -D "$T/h"
expect_contains "cookie Secure under --tls" "Secure" "$(hdr Set-Cookie)"
tok=$("$STYR" --db "$DB" user token anna)
http GET /api/v1/units -H "Authorization: Bearer $tok" -D "$T/h"
expect_eq "API not stored" "no-store" "$(hdr Cache-Control)"

# A malformed or stale token does not break a public page.
http GET /login -H "Authorization: Bearer nonsense"
expect_eq "public page with a bad token" 200 "$status"
http GET /api/v1/units -H "Authorization: Bearer nonsense"
expect_eq "API with a bad token" 401 "$status"
http GET /healthz
expect_eq "healthz" "200 ok" "$status $body"

# The access log: time, address, user, method, path, status, bytes, ms, id.
line=$(grep ' /api/v1/units 200 ' "$T/serve.err" | head -1)
expect_eq "access log line" "yes" \
	"$(printf '%s\n' "$line" | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\.0\.0\.1 anna GET /api/v1/units 200 [0-9]+ [0-9]+ms id=[0-9]+$' && echo yes || echo "no: $line")"

# A server error: the client gets the request id, the log the detail.
dbsql "ALTER TABLE value RENAME TO value_gone" || fail "rename"
http GET /api/v1/units/LKR/values -H "Authorization: Bearer $tok" -D "$T/h"
expect_eq "server error" 500 "$status"
id=$(hdr X-Request-Id)
expect_eq "generic 5xx body" "{\"error\":{\"code\":\"store_error\",\"message\":\"internal error; quote request id $id to the administrator\"}}" "$body"
case "$body" in *value*|*"$DB"*|*.db*) fail "the 5xx body tells the detail: $body" ;; esac
expect_contains "the detail is in the log" "styr serve: request $id: GET /api/v1/units/LKR/values:" "$(cat "$T/serve.err")"
http GET /enhet/LKR -b "$T/anna.jar"
expect_contains "a page's 5xx in Swedish" "Ett fel uppstod på servern. Ange begäran nr" "$body"
dbsql "ALTER TABLE value_gone RENAME TO value" || fail "rename back"
stop_server
finish
