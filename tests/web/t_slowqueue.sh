#!/usr/bin/env bash
# The slow pool's queue (issue 16): password checks wait for one of its two
# threads in a queue of --slow-queue requests; a request that finds it full
# is answered 503 at once with Retry-After, one that waited longer than
# --slow-wait is answered 503 undone, and a login from an address the
# throttle already refuses is answered 429 at once, never queued.  The
# pool is held up by another process's lock on what a login writes
# (SQLite's write lock; PostgreSQL's login_throttle table).
. "$(dirname "$0")/lib.sh"
demo_db
add_user anna unit-manager LKR
# Every client's address from X-Forwarded-For (the proxy is this machine),
# three failures an address.
start_server --threads 2 --proxy 127.0.0.1 --login-limit 3/300 --login-rate 1000 \
	--slow-queue 2 --slow-wait 3

# The pool's two threads run at nice 10, the HTTP workers at the server's
# own (docs/deploy.md): field 19 of each thread's stat.
# Run at nice 10 or more already, every thread stays there.
own=$(awk '{ print $19 }' "/proc/$SERVER_PID/stat")
if [ "$own" -lt 10 ]; then
	expect_eq "two threads of the server at nice 10" 2 "$(cat /proc/"$SERVER_PID"/task/*/stat | awk '$19 == 10' | wc -l)"
fi

# xlogin ADDRESS NAME: a wrong password from ADDRESS; prints the status,
# the time taken and the Retry-After header, and keeps the body in
# $T/body.ADDRESS.
xlogin() {
	local jar=$T/x$1.jar lt
	curl -s -c "$jar" -o "$T/form.$1" -H "X-Forwarded-For: $1" "$BASE/login"
	lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/form.$1" | head -1)
	curl -s -D "$T/head.$1" -o "$T/body.$1" -w '%{http_code} %{time_total}' -b "$jar" \
		-H "X-Forwarded-For: $1" --data-urlencode "csrf=$lt" --data "namn=$2&losenord=fel" \
		"$BASE/login"
	printf ' %s\n' "$(sed -n 's/^Retry-After: *\([0-9]*\).*/\1/ip' "$T/head.$1")"
}

# 10.9.9.9 uses its three checks and is refused once (the refusal's audit
# entry is written now, not while the lock below is held).
for i in 1 2 3; do xlogin 10.9.9.9 ingen >/dev/null; done
expect_eq "a fourth login from a full address is refused" 429 "$(xlogin 10.9.9.9 ingen | cut -d' ' -f1)"

# Hold what a login writes: 4 s on SQLite (below its busy timeout of 5 s);
# on PostgreSQL, which waits as long as it takes, 8 s, as psql may be slow
# to start (the sleep begins before it has connected).
if [ "$BACKEND" = pg ]; then hold_lock 8 "LOCK TABLE login_throttle IN EXCLUSIVE MODE"; else hold_lock 4; fi

# Four logins: two on the pool's threads, waiting for the lock, two queued.
pids=
for a in 1 2 3 4; do
	xlogin "10.0.0.$a" "ingen$a" >"$T/code.$a" &
	pids="$pids $!"
	sleep 0.2
done
sleep 0.3
# The queue is full: the next one is refused at once.
read -r code secs retry <<<"$(xlogin 10.0.0.5 ingen5)"
expect_eq "a login that finds the queue full: 503" 503 "$code"
expect_eq "... with Retry-After" 5 "$retry"
expect_eq "... at once" 1 "$(awk -v s="$secs" 'BEGIN { print (s < 2) }')"
expect_contains "... saying so in Swedish" "Servern är upptagen" "$(cat "$T/body.10.0.0.5")"
rid=$(sed -n 's/^X-Request-Id: *\([0-9]*\).*/\1/ip' "$T/head.10.0.0.5")
expect_contains "... with the request id" "begäran nr $rid " "$(cat "$T/body.10.0.0.5")"
# A throttled address is answered by the throttle, not the queue.
read -r code secs retry <<<"$(xlogin 10.9.9.9 ingen)"
expect_eq "a throttled address while the queue is full: 429" 429 "$code"
expect_eq "... at once" 1 "$(awk -v s="$secs" 'BEGIN { print (s < 2) }')"

wait $pids
wait $locker
# The two on the threads were checked (wrong password); the two queued
# waited longer than 3 s and were answered 503, unchecked.
expect_eq "two checked" 2 "$(cat "$T"/code.[1-4] | grep -c '^401 ')"
expect_eq "two waited too long: 503" 2 "$(cat "$T"/code.[1-4] | grep -c '^503 ')"
expect_eq "... each with Retry-After" 2 "$(cat "$T"/code.[1-4] | grep -c '^503 [0-9.]* 5$')"
# Checked: a count each at its address; unchecked: none.
checked=$(dbsql "SELECT count(*) FROM login_throttle WHERE address LIKE '10.0.0.%' AND name = ''")
expect_eq "only the checked logins were counted" 2 "$checked"
http GET /metrics
expect_contains "the refusals in /metrics" "styr_slow_refused_total 3" "$body"

# A stale request is answered by the next one to queue too; and the queue
# empties: a login now is checked again.
expect_eq "a login after the flood is checked" 401 "$(xlogin 10.0.0.6 ingen6 | cut -d' ' -f1)"
stop_server
finish
