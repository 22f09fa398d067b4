# Shared by the web tests: a demo database, users, and a styr server the
# test starts on a free loopback port (the kernel picks it: --port 0, and
# the server prints where it listens) and stops on exit.  Like the CLI
# tests they run on SQLite (web/...) and on the PostgreSQL test cluster
# (pg/web/..., STYR_TEST_BACKEND=pg): the database comes from newdb.
. "$SRCDIR/tests/cli/lib.sh"
# stop_server may find a leak (ASan) after finish() decided the test's
# status: the trap then fails the test itself.
trap 'stop_server; rm -rf "$T"; [ "$failures" -eq 0 ] || exit 1' EXIT

DB=$(newdb web)
SERVER_PID=

# The demo data the pages and the API show: org, goals, indicators,
# targets and values.  The goals area's files (uppdrag, follow-up plan,
# index weights) and the analyses are left out: no page reads them, and
# the web tests should not depend on those areas' store operations.
demo_db() {
	local d=$SRCDIR/data/demo
	"$STYR" --db "$DB" init >/dev/null &&
		"$STYR" --db "$DB" import csv "$d/org_units.csv" "$d"/goals*.csv \
			"$d"/indicators*.csv "$d/targets.csv" "$d/values.csv" >/dev/null ||
		{ echo "cannot build the demo database" >&2; exit 1; }
}

# demo_db_all: the whole demo data set, with the ledgers, action plans,
# analyses, follow-up calendar and uppdrag the follow-up pages show.
demo_db_all() {
	"$STYR" --db "$DB" init >/dev/null &&
		"$STYR" --db "$DB" import csv "$SRCDIR"/data/demo/*.csv >/dev/null ||
		{ echo "cannot build the demo database" >&2; exit 1; }
}

# dbsql QUERY: the answer of an SQL query on the test's database, by the
# backend's own client (sqlite3 or psql), bypassing styr; fails (non-zero)
# when the statement fails.
dbsql() {
	if [ "$BACKEND" = pg ]; then
		"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
	else
		sqlite3 "$DB" "$1"
	fi
}

# add_user NAME ROLE [UNIT]: password is NAME-losen
# hold_lock SECONDS PG_STATEMENT: another process holds what a write needs
# for SECONDS (SQLite: BEGIN IMMEDIATE; PostgreSQL: PG_STATEMENT inside a
# transaction, e.g. the audit chain's advisory lock or a LOCK TABLE);
# returns once it is held, its pid in $locker.  The seconds count from
# when the statements are written, before psql may have connected.
hold_lock() {
	if [ "$BACKEND" = pg ]; then
		(echo "BEGIN; $2; SELECT 'locked';"; sleep "$1"; echo "COMMIT;") |
			"$PG_BIN/psql" -X -q -A -t -d "$DB" >"$T/lock.out" &
	else
		(echo "BEGIN IMMEDIATE; SELECT 'locked';"; sleep "$1"; echo "COMMIT;") |
			sqlite3 "$DB" >"$T/lock.out" &
	fi
	locker=$!
	for _ in $(seq 100); do
		grep -q locked "$T/lock.out" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "the lock was not taken"
}

add_user() {
	echo "$1-losen" | "$STYR" --db "$DB" user add "$1" --role "$2" ${3:+--unit "$3"} >/dev/null ||
		{ echo "cannot add user $1" >&2; exit 1; }
}

# start_server [OPTIONS]: sets BASE
start_server() {
	rm -f "$T/serve.out"
	"$STYR" --db "$DB" serve --port 0 --quiet "$@" >"$T/serve.out" 2>"$T/serve.err" &
	SERVER_PID=$!
	i=0
	while ! grep -q listening "$T/serve.out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "server did not start: $(cat "$T/serve.err")" >&2; exit 1; }
		sleep 0.05
	done
	BASE=$(sed -n 's/^listening on //p' "$T/serve.out")
}

# The server must stop cleanly on SIGTERM: under ASan a leak or an error
# shows here as a non-zero exit.
stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
		src=$?
		SERVER_PID=
		[ "$src" -eq 0 ] || fail "server exited with $src: $(head -c 3000 "$T/serve.err")"
	fi
}

# login_post NAME PASSWORD [curl args]: the login form as a browser sends
# it (its CSRF token and cookie first); sets status and body, keeps the
# session in $T/NAME.jar
login_post() {
	curl -s -c "$T/$1.jar" -o "$T/loginform" "$BASE/login"
	lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/loginform" | head -1)
	u=$1
	pw=$2
	shift 2
	status=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/$u.jar" -c "$T/$u.jar" \
		--data-urlencode "csrf=$lt" --data-urlencode "namn=$u" --data-urlencode "losenord=$pw" \
		"$@" "$BASE/login")
	body=$(cat "$T/body")
}

# login NAME: a cookie jar in $T/NAME.jar; CSRF_NAME holds the form token
login() {
	login_post "$1" "$1-losen"
	eval "CSRF_$1=\$(curl -s -b \"\$T/\$1.jar\" \"\$BASE/org\" | sed -n 's/.*name=\"csrf\" value=\"\([0-9a-f]*\)\".*/\1/p' | head -1)"
}

# http METHOD PATH [curl args...]: sets status and body
http() {
	m=$1
	p=$2
	shift 2
	status=$(curl -s -o "$T/body" -w '%{http_code}' -X "$m" "$@" "$BASE$p")
	body=$(cat "$T/body")
}
