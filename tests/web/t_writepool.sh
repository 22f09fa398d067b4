#!/usr/bin/env bash
# The write pool (issue 16 item 1): a write through the API or a form runs
# on a thread of its own, not on the HTTP worker that took its connection,
# so while another process holds the database's write lock and the writes
# wait for it, reads on other connections are answered at once.  The
# writes complete when the lock is let go, each stored once; one that
# finds the pool's queue full is answered 503 at once with Retry-After and
# the request id, and stores nothing.  The lock: SQLite's write lock (4 s,
# below its busy wait of 5 s) or, on PostgreSQL, the audit chain's lock
# that every write transaction takes at BEGIN (pg_begin).
. "$(dirname "$0")/lib.sh"
demo_db
add_user anna unit-manager LKR
# Two HTTP workers; a queue of two writes (--slow-queue is both pools').
start_server --threads 2 --slow-queue 2
tok=$("$STYR" --db "$DB" user token anna)
H="Authorization: Bearer $tok"
login anna
audit_before=$(dbsql "SELECT count(*) FROM audit")
stored() { # the count and the sum of LKR's ID0069 values for the months of 2026
	dbsql "SELECT count(*) || ' ' || coalesce(sum(v.value), 0) FROM value v
		JOIN org_unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id
		WHERE u.code = 'LKR' AND i.code = 'ID0069' AND v.year = 2026
		AND v.first_month = v.last_month"
}
expect_eq "no value for 2026's months yet" "0 0" "$(stored)"

if [ "$BACKEND" = pg ]; then hold_lock 6 "SELECT pg_advisory_xact_lock(7270)"; else hold_lock 4; fi

# Three writes, each on a connection of its own (two by the API, one by the
# value form): one on the write pool's thread waiting for the lock, two
# queued.  Before the write pool each held up the HTTP worker that took it.
put() { # MONTH VALUE: an API write; prints the status and the time taken
	curl -s -o "$T/put.$1" -w '%{http_code} %{time_total}\n' -H "$H" -X PUT \
		--data "{\"value\":$2}" "$BASE/api/v1/units/LKR/values/ID0069/2026-$1"
}
put 01 11.5 >"$T/w.1" &
w1=$!
sleep 0.2
put 02 22.25 >"$T/w.2" &
w2=$!
sleep 0.2
curl -s -o /dev/null -w '%{http_code}\n' -b "$T/anna.jar" \
	--data "csrf=$CSRF_anna&indikator=ID0069&period=2026-03&varde=33,0" \
	"$BASE/enhet/LKR/varde" >"$T/w.3" &
w3=$!
sleep 0.3

# Reads on other connections, while the writes wait: a page with the
# session cookie and the API's dashboard, each well under the lock's time.
slow=0
for i in 1 2 3; do
	for url in /enhet/LKR /api/v1/units/LKR/dashboard; do
		read -r code secs <<<"$(curl -s -o /dev/null -w '%{http_code} %{time_total}' \
			-b "$T/anna.jar" -H "$H" "$BASE$url")"
		expect_eq "a read of $url while the writes wait" 200 "$code"
		awk -v s="$secs" 'BEGIN { exit !(s >= 1) }' && slow=$((slow + 1)) &&
			echo "slow read: $url $secs s" >&2
	done
done
expect_eq "every read answered in under 1 s" 0 "$slow"
# ... and they were answered while the lock was held and the writes waited.
kill -0 "$locker" 2>/dev/null || fail "the lock was let go before the reads were done"
expect_eq "no write answered before the lock is let go" "" "$(cat "$T"/w.[123])"

# The queue is full: a fourth write is refused at once, undone.
curl -s -D "$T/head.4" -o "$T/body.4" -w '%{http_code} %{time_total}\n' -H "$H" -X PUT \
	--data '{"value":44}' "$BASE/api/v1/units/LKR/values/ID0069/2026-04" >"$T/w.4"
read -r code secs <"$T/w.4"
expect_eq "a write that finds the queue full: 503" 503 "$code"
expect_eq "... at once" 1 "$(awk -v s="$secs" 'BEGIN { print (s < 1) }')"
expect_eq "... with Retry-After" 5 "$(sed -n 's/^Retry-After: *\([0-9]*\).*/\1/ip' "$T/head.4")"
rid=$(sed -n 's/^X-Request-Id: *\([0-9]*\).*/\1/ip' "$T/head.4")
expect_contains "... with the request id" "request id $rid" "$(cat "$T/body.4")"
# A write without a cookie or a token is refused at once, not queued.
read -r code secs <<<"$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X PUT \
	--data '{"value":45}' "$BASE/api/v1/units/LKR/values/ID0069/2026-04")"
expect_eq "a write without a login while the queue is full: 401" 401 "$code"
expect_eq "... at once" 1 "$(awk -v s="$secs" 'BEGIN { print (s < 1) }')"

wait $w1 $w2 $w3 $locker
expect_eq "the first API write stored" 201 "$(cut -d' ' -f1 "$T/w.1" | sed 's/^200$/201/')"
expect_eq "the second API write stored" 201 "$(cut -d' ' -f1 "$T/w.2" | sed 's/^200$/201/')"
expect_eq "the form's write stored (303 to the unit)" 303 "$(cat "$T/w.3")"
# Three values stored, the refused one not: count and sum from the values
# sent (11,5 + 22,25 + 33,0).
expect_eq "three values stored, each once" "3 $(awk 'BEGIN { print 11.5 + 22.25 + 33.0 }')" "$(stored)"
expect_eq "one audit entry a stored write" "$((audit_before + 3))" "$(dbsql "SELECT count(*) FROM audit")"
run --db "$DB" audit verify
expect_eq "the audit chain is whole" 0 "$rc"
http GET /metrics
expect_contains "the refusal in /metrics" "styr_write_refused_total 1" "$body"
expect_contains "... not counted as the slow pool's" "styr_slow_refused_total 0" "$body"

# With the lock gone a write is answered at once.
read -r code secs <<<"$(put 05 55)"
expect_eq "a write after the lock: stored" 1 "$(awk -v c="$code" 'BEGIN { print (c == 200 || c == 201) }')"
stop_server
finish
