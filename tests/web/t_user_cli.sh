# styr user and styr audit from the command line: passwords from standard
# input or generated, refusals that name what was expected, and the audit
# entries the commands leave.
. "$SRCDIR/tests/web/lib.sh"
demo_db
# the demo's import is audited already (the write gate): count from there
run --db "$DB" audit verify
n0=$(printf %s "$out" | grep -o '[0-9]* entries' | cut -d' ' -f1)
run --db "$DB" user add gen --role reader </dev/null
expect_eq "generated password: ok" 0 "$rc"
expect_contains "generated password printed" "password: " "$out"
echo "kort" >"$T/pw"
run --db "$DB" user add short --role reader <"$T/pw"
expect_eq "short password refused" 2 "$rc"
expect_contains "short password message" "password: expected at least 8 characters" "$errout"
echo "langt-nog-1" >"$T/pw"
run --db "$DB" user add boss --role chef <"$T/pw"
expect_eq "unknown role" 2 "$rc"
expect_contains "unknown role message" 'role "chef": expected reader, unit-manager, controller or admin' "$errout"
run --db "$DB" user add anna --role enhetschef --unit NOPE <"$T/pw"
expect_eq "unknown unit" 2 "$rc"
expect_contains "unknown unit message" 'org unit "NOPE" does not exist' "$errout"
run --db "$DB" user add anna --role enhetschef --unit LKR <"$T/pw"
expect_eq "unit manager of LKR" 0 "$rc"
expect_contains "says the grant" "anna is unit-manager of LKR" "$out"
run --db "$DB" user token nobody
expect_eq "token for an unknown user" 2 "$rc"
run --db "$DB" user token anna
expect_eq "token" 0 "$rc"
expect_eq "token is 64 hex digits" 64 "$(printf %s "$out" | tr -cd 0-9a-f | wc -c)"
run --db "$DB" audit verify
expect_eq "audit intact" 0 "$rc"
expect_contains "audit counts user.add ×2 and token.add" "intact, $((n0 + 3)) entries" "$out"
run --db "$DB" audit frobnicate
expect_eq "audit usage" 2 "$rc"

# --- issue 14: an existing name is refused, not silently changed.
before=$(snapshot "$DB")
run --db "$DB" user add anna --role admin <"$T/pw"
expect_eq "user add of an existing name" 2 "$rc"
expect_eq "says what to do" 'styr: user "anna" exists already: change the role with styr user grant, the password with styr user passwd' "$errout"
expect_eq "nothing changed" "$before" "$(snapshot "$DB")"

# list, grant, revoke, passwd, remove; each audited as the OS user.
me="cli:$(id -un)"
run --db "$DB" user grant anna --role reader --unit HHM
expect_eq "grant" "styr: user anna is reader of HHM" "$out"
run --db "$DB" user list
expect_eq "list" "anna unit-manager@LKR reader@HHM
gen reader@*" "$out"
run --db "$DB" user grant nobody --role reader
expect_eq "grant to an unknown user" 2 "$rc"
expect_contains "names the user" 'user "nobody" does not exist' "$errout"

# A session and a token of anna's end when a grant goes.
start_server
login_post anna langt-nog-1
tok=$("$STYR" --db "$DB" user token anna)
http GET /enhet/HHM -b "$T/anna.jar"
expect_eq "anna reads HHM" 200 "$status"
run --db "$DB" user revoke anna --unit HHM
expect_eq "revoke" "styr: anna has no role on HHM any more; their sessions and API tokens are ended" "$out"
http GET /enhet/HHM -b "$T/anna.jar"
expect_eq "the session ended with the grant" "303" "$status"
http GET /api/v1/units -H "Authorization: Bearer $tok"
expect_eq "the token ended with the grant" 401 "$status"
run --db "$DB" user revoke anna --unit HHM
expect_eq "revoking a grant that is not there" 2 "$rc"
expect_contains "says so" 'user "anna" has no grant on HHM' "$errout"

# API tokens expire, are listed without their secret and can be revoked
# one by one (issue 14 item 5).
run --db "$DB" user token anna --days 0
expect_eq "--days 0 refused" 2 "$rc"
expect_contains "names --days" "--days: expected 1 to 3650" "$errout"
run --db "$DB" user token anna --days 30
expect_eq "token for 30 days" 0 "$rc"
tok30=$out
expect_contains "says until when" "valid until $(date -u -d '+30 days' +%Y-%m-%d)" "$errout"
run --db "$DB" user tokens anna
id30=$(printf %s "$tok30" | sha256sum | cut -c1-12)
expect_contains "listed by id" "$id30  anna" "$out"
case "$out" in *"$tok30"*) fail "the list shows the secret" ;; esac
http GET /api/v1/units -H "Authorization: Bearer $tok30"
expect_eq "a valid token" 200 "$status"
tokx=$("$STYR" --db "$DB" user token anna 2>/dev/null)
idx=$(printf %s "$tokx" | sha256sum | cut -c1-64)
dbsql "UPDATE api_token SET expires = '2020-01-01T00:00:00Z' WHERE token_hash = '$idx'" >/dev/null
http GET /api/v1/units -H "Authorization: Bearer $tokx"
expect_eq "an expired token" 401 "$status"
run --db "$DB" user tokens
expect_contains "the list says expired" "2020-01-01T00:00:00Z (expired)" "$out"
run --db "$DB" user revoke-token "$id30"
expect_eq "revoke-token" "styr: API token $id30 revoked" "$out"
http GET /api/v1/units -H "Authorization: Bearer $tok30"
expect_eq "a revoked token" 401 "$status"
run --db "$DB" user revoke-token "$id30"
expect_eq "revoking it again" 2 "$rc"
expect_contains "says it is gone" "API token $id30 does not exist" "$errout"
run --db "$DB" user revoke-token abc
expect_eq "a short id refused" 2 "$rc"
expect_eq "revocation audited" 1 \
	"$(dbsql "SELECT count(*) FROM audit WHERE action = 'token.revoke' AND entity = 'anna'")"
uid=$(dbsql "SELECT id FROM app_user WHERE name = 'anna'")
for h in deadbeef01 deadbeef02; do
	dbsql "INSERT INTO api_token(token_hash, user_id, created, expires) VALUES('$h', $uid, '2025-01-01T00:00:00Z', '2099-01-01T00:00:00Z')" >/dev/null
done
run --db "$DB" user revoke-token deadbeef
expect_eq "an id that fits two tokens refused" 2 "$rc"
expect_contains "says how many" "token id deadbeef fits 2 tokens: give more digits" "$errout"
expect_eq "both still there" 2 "$(dbsql "SELECT count(*) FROM api_token WHERE token_hash LIKE 'deadbeef%'")"
run --db "$DB" user revoke-token deadbeef02
expect_eq "more digits pick one" 0 "$rc"
expect_eq "only that one gone" deadbeef01 "$(dbsql "SELECT token_hash FROM api_token WHERE token_hash LIKE 'deadbeef%'")"

# A new password ends the sessions too, and the old one no longer works.
login_post anna langt-nog-1
echo "ett-nytt-losen-2" >"$T/pw2"
run --db "$DB" user passwd anna <"$T/pw2"
expect_eq "passwd" "styr: new password for anna; their sessions and API tokens are ended" "$out"
http GET /enhet/LKR -b "$T/anna.jar"
expect_eq "the session ended with the password" "303" "$status"
login_post anna langt-nog-1
expect_eq "old password refused" 401 "$status"
login_post anna ett-nytt-losen-2
expect_eq "new password works" 303 "$status"

# On the web: a user changes their own password; an admin lists the users.
acsrf=$(curl -s -b "$T/anna.jar" "$BASE/konto/losenord" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
http POST /konto/losenord -b "$T/anna.jar" --data "csrf=$acsrf" --data-urlencode "nuvarande=fel-losen-1" \
	--data-urlencode "nytt=tredje-losen-3" --data-urlencode "igen=tredje-losen-3"
expect_eq "wrong current password" 403 "$status"
expect_contains "says so" "Det nuvarande lösenordet stämmer inte." "$body"
http POST /konto/losenord -b "$T/anna.jar" --data "csrf=$acsrf" --data-urlencode "nuvarande=ett-nytt-losen-2" \
	--data-urlencode "nytt=tredje-losen-3" --data-urlencode "igen=tredje-losen-4"
expect_eq "the two new passwords differ" 422 "$status"
http POST /konto/losenord -b "$T/anna.jar" --data "csrf=$acsrf" --data-urlencode "nuvarande=ett-nytt-losen-2" \
	--data-urlencode "nytt=tredje-losen-3" --data-urlencode "igen=tredje-losen-3" -D "$T/h"
expect_eq "password changed" "location: /login?fel=bytt" "$(grep -i '^location:' "$T/h" | tr -d '\r' | tr 'A-Z' 'a-z')"
http GET /enhet/LKR -b "$T/anna.jar"
expect_eq "and the session ended" 303 "$status"
login_post anna tredje-losen-3
expect_eq "the new password works" 303 "$status"
add_user ada admin
login ada
tada=$("$STYR" --db "$DB" user token ada --days 7 2>/dev/null)
http GET /admin/anvandare -b "$T/ada.jar"
expect_eq "admin page" 200 "$status"
expect_contains "lists ada's token by id, not its secret" \
	"<tr><td><code>$(printf %s "$tada" | sha256sum | cut -c1-12)</code></td><td>ada</td>" "$body"
case "$body" in *"$tada"*) fail "the admin page shows a token's secret" ;; esac
expect_contains "lists anna's grant" '<th scope="row">anna</th><td><ul><li>enhetschef på <a href="/enhet/LKR">LKR</a></li></ul>' "$body"
http GET /admin/anvandare -b "$T/anna.jar"
expect_eq "not for a unit manager" 403 "$status"
stop_server

run --db "$DB" user remove gen
expect_eq "remove" "styr: user gen is removed" "$out"
run --db "$DB" user remove gen
expect_eq "remove again" 2 "$rc"
expect_contains "unknown user" 'user "gen" does not exist' "$errout"
expect_eq "the audit names each change and who made it" \
	"$me|user.grant|anna
$me|user.revoke|anna
$me|user.passwd|anna
anna|user.passwd|anna
$me|user.remove|gen" \
	"$(dbsql "SELECT \"user\", action, entity FROM audit WHERE action IN ('user.grant', 'user.revoke', 'user.passwd', 'user.remove') ORDER BY id")"
expect_eq "ada was added" 1 "$(dbsql "SELECT count(*) FROM audit WHERE action = 'user.add' AND entity = 'ada'")"
run --db "$DB" audit verify
expect_eq "audit still intact" 0 "$rc"
finish
