#!/usr/bin/env bash
# Logins and value writes at once (issue 16): every writing transaction
# appends to the audit log's hash chain, and on PostgreSQL also bumps the
# one data-version row (a trigger).  A failed login's transaction took the
# chain's lock first and the row second, a value write the row first and
# the chain second: "deadlock detected" now and then.  Now every write
# transaction takes the chain's lock first (pg_begin): all answers are the
# expected ones, the server logs no error and the chain is whole.  On
# SQLite writers are serialised by BEGIN IMMEDIATE: the same checks.
. "$(dirname "$0")/lib.sh"
demo_db
add_user anna unit-manager LKR
start_server --threads 4 --proxy 127.0.0.1 --login-limit 1000/300 --login-rate 1000
tok=$("$STYR" --db "$DB" user token anna)
H="Authorization: Bearer $tok"
audit_before=$(dbsql "SELECT count(*) FROM audit")
N=${DEADLOCK_ROUNDS:-15}

pids=
for c in 1 2 3 4; do
	# a writer: N values, each its own month
	(
		for m in $(seq 1 "$N"); do
			y=$((2021 + (m - 1) / 12))
			mm=$(printf '%02d' $(((m - 1) % 12 + 1)))
			curl -s -o /dev/null -w '%{http_code}\n' -H "$H" -X POST \
				--data "{\"indicator\":\"ID0069\",\"period\":\"$y-$mm\",\"value\":$c.$m}" \
				"$BASE/api/v1/units/LKR/values" >>"$T/w.$c"
			# the four writers write the same months: the last one stays
		done
	) &
	pids="$pids $!"
	# a guesser: N failed logins from an address of its own
	(
		for i in $(seq 1 "$N"); do
			curl -s -c "$T/g$c.jar" -o "$T/gform.$c" -H "X-Forwarded-For: 10.1.0.$c" "$BASE/login"
			lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/gform.$c" | head -1)
			curl -s -o /dev/null -w '%{http_code}\n' -b "$T/g$c.jar" -H "X-Forwarded-For: 10.1.0.$c" \
				--data-urlencode "csrf=$lt" --data "namn=ingen$c-$i&losenord=fel$i" "$BASE/login" >>"$T/l.$c"
		done
	) &
	pids="$pids $!"
done
wait $pids
writes=$(cat "$T"/w.* | grep -c '^20[01]$')
expect_eq "every write answered 200/201" "$((4 * N))" "$writes"
# (a name of its own each time: none is locked out)
expect_eq "every login answered 401" "$((4 * N))" "$(cat "$T"/l.* | grep -c '^401$')"
expect_eq "no error in the server's log" "" "$(grep -i 'deadlock\|error' "$T/serve.err")"
logins=$(cat "$T"/l.* | grep -c '^401$')
entries=$(dbsql "SELECT count(*) FROM audit WHERE action = 'login.failed'")
expect_eq "one audit entry per checked login" "$logins" "$entries"
run --db "$DB" audit verify
expect_eq "the audit chain is whole" 0 "$rc"
stop_server
finish
