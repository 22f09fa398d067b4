# styr user and styr audit from the command line: passwords from standard
# input or generated, refusals that name what was expected, and the audit
# entries the commands leave.
. "$SRCDIR/tests/web/lib.sh"
demo_db
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
expect_contains "audit counts user.add ×2 and token.add" "intact, 3 entries" "$out"
run --db "$DB" audit frobnicate
expect_eq "audit usage" 2 "$rc"
finish
