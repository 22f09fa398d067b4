#!/usr/bin/env bash
# The server under concurrent clients (issue 16): eight clients writing
# values through the API at once lose nothing and leave the audit chain
# whole; a read is answered while another process holds the database's
# write lock; a login flood does not stop other requests.  Functional
# checks with generous time limits, not measurements (bench/web measures).
. "$(dirname "$0")/lib.sh"
demo_db
add_user anna unit-manager LKR
start_server --threads 4
tok=$("$STYR" --db "$DB" user token anna)
H="Authorization: Bearer $tok"
audit_before=$(dbsql "SELECT count(*) FROM audit")

# Eight writers, twelve months each, all at once (months of years within
# the write gate's window; a share within 0..100).  (wait names the
# writers: the server is a background job too.)
pids=
for c in 1 2 3 4 5 6 7 8; do
	(
		for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
			code=$(curl -s -o /dev/null -w '%{http_code}' -H "$H" -X POST \
				--data "{\"indicator\":\"ID0069\",\"period\":\"202$c-$m\",\"value\":$c.$m}" \
				"$BASE/api/v1/units/LKR/values")
			echo "$code" >>"$T/codes.$c"
		done
	) &
	pids="$pids $!"
done
wait $pids
expect_eq "every write answered 201" "96" "$(cat "$T"/codes.* | grep -c '^201$')"
expect_eq "96 values stored" 96 "$(dbsql "SELECT count(*) FROM value v JOIN org_unit u ON u.id = v.unit_id WHERE u.code = 'LKR' AND v.year BETWEEN 2021 AND 2028 AND v.first_month = v.last_month")"
expect_eq "96 audit entries" "$((audit_before + 96))" "$(dbsql "SELECT count(*) FROM audit")"
run --db "$DB" audit verify
expect_eq "the audit chain is whole after concurrent writes" 0 "$rc"

# Another process holds the write lock: reads are still answered.  On
# PostgreSQL the locks a writing styr holds: the audit chain's (pg_begin)
# and the value table's for writing.  (Not a table lock in EXCLUSIVE mode,
# which no styr takes: a worker's first request prepares its statements,
# and preparing an INSERT into value waits for that lock.  The writes
# above opened every worker's handle until they ran on the write pool.)
if [ "$BACKEND" = pg ]; then
	"$PG_BIN/psql" -X -q -d "$DB" -c "BEGIN; SELECT pg_advisory_xact_lock(7270); UPDATE value SET value = value WHERE false; SELECT pg_sleep(4); COMMIT;" >/dev/null &
else
	sqlite3 "$DB" "BEGIN IMMEDIATE; UPDATE value SET value = value WHERE 0; SELECT 1 FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) FROM c); COMMIT;" >/dev/null &
fi
locker=$!
sleep 0.5
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H "$H" "$BASE/api/v1/units/LKR/dashboard")
expect_eq "a read while another process writes" 200 "$code"
wait $locker

# A login flood (each attempt costs an argon2 hash) leaves room for others.
pids=
for i in $(seq 1 12); do
	(curl -s -o /dev/null -c "$T/f$i" "$BASE/login" &&
		curl -s -o /dev/null -b "$T/f$i" --data "namn=ingen$i&losenord=fel-losen-$i" "$BASE/login") &
	pids="$pids $!"
done
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/stil.css")
expect_eq "the style sheet during a login flood" 200 "$code"
wait $pids
stop_server

# A password check runs on the slow pool, not on the HTTP worker: with one
# worker, a login stuck behind another process's write lock (SQLite's,
# held by sqlite3; its throttle counter waits) leaves the worker free for
# the style sheet (without the pool this fails: 000 after 1,5 s).  On
# PostgreSQL a login did not wait for the table locks tried here
# (login_throttle, app_session, in EXCLUSIVE mode): not understood yet, so
# not asserted there.
if [ "$BACKEND" = sqlite ]; then
	start_server --threads 1
	sqlite3 "$DB" "BEGIN IMMEDIATE; UPDATE value SET value = value WHERE 0; SELECT 1 FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000) SELECT count(*) FROM c); COMMIT;" >/dev/null &
	locker=$!
	# until the lock is held (sqlite3 may take a while on a busy machine)
	for i in $(seq 100); do
		sqlite3 -cmd ".timeout 0" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null || break
		sleep 0.05
	done
	curl -s -o /dev/null -c "$T/slow.jar" "$BASE/login"
	lt=$(curl -s -b "$T/slow.jar" -c "$T/slow.jar" "$BASE/login" | sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -w '%{http_code} after %{time_total} s' -b "$T/slow.jar" --data-urlencode "csrf=$lt" \
		--data "namn=anna&losenord=anna-losen" "$BASE/login" >"$T/slow.code" &
	login_pid=$!
	sleep 0.3
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1.5 "$BASE/stil.css")
	expect_eq "the style sheet while the only worker's login waits for a lock" 200 "$code"
	wait $locker $login_pid
	echo "the waiting login answered $(cat "$T/slow.code")"
	stop_server
fi
finish
