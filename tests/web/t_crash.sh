#!/usr/bin/env bash
# Crash safety (issue 16 item 4): `styr import csv` of a large file and
# `styr serve` under API value writes are killed with SIGKILL at random
# moments, many times.  After each kill the database opens, is whole
# (SQLite: PRAGMA integrity_check; PostgreSQL: it answers, and amcheck
# finds every index consistent at the end), `styr audit verify` passes,
# each import is there whole or not at all (its values, told apart by
# their source, number 0 or all of them), and every web write the server
# acknowledged (2xx) is there with its value.
. "$SRCDIR/tests/web/lib.sh"
demo_db
add_user anna unit-manager LKR
ITER=${CRASH_ITERATIONS:-10}
d=$SRCDIR/data/demo
inds=$(tail -n +2 "$d/indicators.csv" | cut -d';' -f1 | tr '\n' ' ')
units=$(tail -n +2 "$d/org_units.csv" | cut -d';' -f1 | tr '\n' ' ')

# sound WHAT: the database opens, is whole, and its audit chain holds
sound() {
	if [ "$BACKEND" = pg ]; then
		expect_eq "$1: the database answers" 1 "$(dbsql "SELECT 1" 2>&1)"
	else
		expect_eq "$1: integrity_check" ok "$(sqlite3 "$DB" "PRAGMA integrity_check" 2>&1)"
	fi
	run --db "$DB" audit verify
	expect_eq "$1: audit verify ($errout)" 0 "$rc"
}

# --- imports: a month of every indicator for every unit, the months of
# one year per import (the year tells the imports apart, its source too);
# twelve months on SQLite (19 152 values), three on PostgreSQL, where a
# value costs a round trip and twelve would take seconds an import.
MONTHS=12
[ "$BACKEND" = pg ] && MONTHS=3
bigfile() { # SOURCE YEAR
	awk -v src="$1" -v y="$2" -v inds="$inds" -v units="$units" -v months=$MONTHS 'BEGIN {
		print "indicator;unit;period;value;numerator;denominator;missing_reason;source"
		ni = split(inds, I, " "); nu = split(units, U, " ")
		for (m = 1; m <= months; m++)
			for (i = 1; i <= ni; i++)
				for (u = 1; u <= nu; u++)
					printf "%s;%s;%d-%02d;%d;;;;%s\n", I[i], U[u], y, m, (i * 31 + u * 7 + m) % 100, src
	}'
}
bigfile crash-0 1991 >"$T/big0.csv"
N=$(($(wc -l <"$T/big0.csv") - 1))
t0=$(date +%s%N)
run --db "$DB" import csv "$T/big0.csv"
took=$((($(date +%s%N) - t0) / 1000000))
expect_eq "a whole import first ($errout)" 0 "$rc"
echo "an import of $N values takes $took ms"
count() { dbsql "SELECT count(*) FROM value WHERE source = '$1'"; }
expect_eq "the whole import's values" "$N" "$(count crash-0)"
whole=0
none=0
for k in $(seq 1 "$ITER"); do
	bigfile "crash-$k" $((1991 + k)) >"$T/big.csv"
	"$STYR" --db "$DB" import csv "$T/big.csv" >/dev/null 2>&1 &
	pid=$!
	# somewhere in the import, start-up and commit included
	ms=$((RANDOM % (took * 15 / 10 + 1)))
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	c=$(count "crash-$k")
	case $c in
	0) none=$((none + 1)) ;;
	"$N") whole=$((whole + 1)) ;;
	*) fail "import $k killed after $ms ms left $c of $N values" ;;
	esac
	sound "import $k killed after $ms ms"
done
echo "imports killed: $none left nothing, $whole were whole"
expect_eq "every import before the kills is whole" "$N" "$(count crash-0)"

# --- the server, killed while clients write values through the API
tok=$("$STYR" --db "$DB" user token anna)
read -r -a IND <<<"$inds"
NI=${#IND[@]}
: >"$T/acked"
# writer FIRST STEP: writes n = FIRST, FIRST+STEP, ... (indicator n % NI,
# month n / NI % 12 + 1 of year 2003 + n / NI / 12 (years the imports and
# the demo leave alone, inside the plausible window), value n % 100 (a
# percentage fits) until the
# server is gone; the 2xx answers go to $T/acked as "n indicator year month".
writer() {
	local n=$1 code
	while :; do
		local ind=${IND[$((n % NI))]} year=$((2003 + n / NI / 12)) month=$((n / NI % 12 + 1))
		code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 -X PUT -H "Authorization: Bearer $tok" \
			--data "{\"value\":$((n % 100))}" "$BASE/api/v1/units/LKR/values/$ind/$year-$(printf %02d $month)")
		case $code in
		2??) echo "$n $ind $year $month" >>"$T/acked.$1" ;;
		000) return ;;
		*) echo "write $n: $code" >>"$T/refused" ;;
		esac
		n=$((n + $2))
	done
}
next=0
for k in $(seq 1 "$ITER"); do
	start_server
	rm -f "$T"/acked.*
	pids=
	for c in 0 1; do
		writer $((next + c)) 2 &
		pids="$pids $!"
	done
	ms=$((200 + RANDOM % 800))
	sleep "$(printf '0.%03d' $((ms % 1000)))"
	[ $ms -ge 1000 ] && sleep 1
	kill -KILL "$SERVER_PID"
	wait "$SERVER_PID" 2>/dev/null
	SERVER_PID=
	wait $pids
	cat "$T"/acked.* >>"$T/acked" 2>/dev/null
	# the next round writes new keys
	last=$(cat "$T"/acked.* 2>/dev/null | sort -n | tail -1 | cut -d' ' -f1)
	next=$(((${last:-$next} + 10) / 2 * 2))
	sound "server $k killed after $ms ms"
done
expect_eq "no write refused" "" "$(cat "$T/refused" 2>/dev/null)"
acked=$(wc -l <"$T/acked")
echo "server killed $ITER times; $acked writes acknowledged"
expect_eq "writes were acknowledged" yes "$([ "$acked" -ge "$ITER" ] && echo yes || echo "no: $acked")"
# Every acknowledged write is there with its value.
while read -r n ind year month; do
	echo "($n, '$ind', $year, $month)"
done <"$T/acked" | paste -sd, >"$T/rows"
missing=$(dbsql "WITH a(n, ind, y, m) AS (VALUES $(cat "$T/rows"))
	SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM value v
		JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id
		WHERE i.code = a.ind AND u.code = 'LKR' AND v.year = a.y AND v.first_month = a.m
			AND v.last_month = a.m AND v.value = a.n % 100)")
expect_eq "every acknowledged write is stored with its value" 0 "$missing"
if [ "$BACKEND" = pg ]; then
	# amcheck (PostgreSQL's contrib, in Debian's server package): every
	# B-tree index of the database consistent with its table.
	bad=$(dbsql "CREATE EXTENSION IF NOT EXISTS amcheck;
		SELECT count(*) FROM (SELECT bt_index_check(c.oid, true) FROM pg_index i
			JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
			JOIN pg_namespace s ON s.oid = c.relnamespace
			WHERE a.amname = 'btree' AND s.nspname = 'public') x" 2>&1 | tail -1)
	expect_eq "amcheck: every index checked" yes "$(case $bad in '' | *[!0-9]*) echo "no: $bad" ;; *) [ "$bad" -gt 0 ] && echo yes ;; esac)"
fi
finish
