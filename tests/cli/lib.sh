# Shared by the CLI tests: a scratch directory, the styr binary under test
# ($STYR, set by CTest) and assertions that say what differed.
set -u
: "${STYR:?STYR must point at the styr binary}"
: "${SRCDIR:?SRCDIR must point at the source tree}"
SHARED=${SHARED:-$SRCDIR/../shared}
# The seed documents and real test data live beside the checkout (CI clones
# it next to them); without them every comparison would read empty text.
[ -d "$SHARED/seeds" ] && [ -d "$SHARED/testdata" ] || {
	echo "$(basename "$0"): $SHARED/seeds and $SHARED/testdata not found: clone styr next to the shared folder or set SHARED" >&2
	exit 1
}
SEED002=$SHARED/seeds/002_23ab211d04b68d9f.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
checks=0

# Every CLI test runs twice: on SQLite files and (as pg/cli/...) on the
# PostgreSQL cluster that the CTest fixture "pg" started, whose socket
# directory and port are in $STYR_TEST_PG_ENV (see tests/pg/start.sh).
BACKEND=${STYR_TEST_BACKEND:-sqlite}
if [ "$BACKEND" = pg ]; then
	: "${STYR_TEST_PG_ENV:?STYR_TEST_PG_ENV must name the env file of tests/pg/start.sh}"
	# A developer's own libpq settings must not point the tests elsewhere.
	unset PGUSER PGDATABASE PGSERVICE PGOPTIONS PGPASSWORD PGSSLMODE
	. "$STYR_TEST_PG_ENV"
fi

# The demo's economy: its org units and the files of the economy area
# (make demo imports them with the rest; t_demo_data checks all of it),
# and the goals the actions work towards.
demo_economy() {
	local d=$SRCDIR/data/demo
	printf '%s\n' "$d/org_units.csv" "$d/goals.csv" "$d/goals_hhm2024.csv" "$d/ledger.csv" \
		"$SRCDIR/data/rules/generic.csv" "$d/actions.csv" "$d/bridge.csv" "$d/finance.csv" "$d/profile.csv"
}

# newdb NAME: the location of a new, empty database for this test: a file
# path under $T, or the URL of a database created on the test cluster
# (unique per test run, so tests may run in parallel).
newdb() {
	if [ "$BACKEND" = pg ]; then
		local name
		name=$(printf 't_%s_%s_%s' "$(basename "$0" .sh)" "$$" "$1" | tr -c 'a-zA-Z0-9_' _ |
			tr 'A-Z' 'a-z' | cut -c1-63)
		"$PG_BIN/createdb" -h "$PGHOST" -p "$PGPORT" "$name" >&2 ||
			echo "newdb: createdb $name failed" >&2
		printf 'postgresql:///%s?host=%s&port=%s\n' "$name" "$PGHOST" "$PGPORT"
	else
		printf '%s\n' "$T/$1.db"
	fi
}

# sql DB QUERY: the answer of a query, one row a line, columns separated
# by |: sqlite3 on a SQLite file, psql -At on a pg test database.  The
# query must mean the same in both dialects (COALESCE, not IFNULL).
sql() {
	if [ "$BACKEND" = pg ]; then
		"$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"
	else
		sqlite3 "$1" "$2"
	fi
}

# dbdump DB: the whole database, schema and rows, as text, to prove that a
# refused import changed nothing (finer than snapshot: every table).  On
# PostgreSQL the identity sequences' positions are left out: a rolled-back
# insert still uses up a number, as nothing in SQLite's .dump does; and
# so are pg_dump's \\restrict lines, whose key is new every time.
dbdump() {
	if [ "$BACKEND" = pg ]; then
		"$PG_BIN/pg_dump" --no-owner -d "$1" | grep -Ev '^(SELECT pg_catalog.setval\(|\\(un)?restrict )'
	else
		sqlite3 "$1" .dump
	fi
}

# dbdump_data DB: the same without the audit log's entries, for a refusal,
# which changes nothing but is itself audited (the log's own checks count
# its entries); on PostgreSQL without the data version its entry bumps.
dbdump_data() {
	if [ "$BACKEND" = pg ]; then
		"$PG_BIN/pg_dump" --no-owner --exclude-table-data=audit \
			--exclude-table-data=styr_data_version -d "$1" |
			grep -Ev '^(SELECT pg_catalog.setval\(|\\(un)?restrict )'
	else
		sqlite3 "$1" .dump | grep -Ev "^INSERT INTO (audit|sqlite_sequence) VALUES\\('?audit'?,|^INSERT INTO audit VALUES"
	fi
}

# inject_failure DB TABLE N: a trigger that makes every insert into TABLE
# fail with "injected failure" once it holds more than N rows, to prove
# that a store failing half-way leaves nothing behind (a PL/pgSQL function
# on PostgreSQL, RAISE(ABORT) on SQLite).
inject_failure() {
	if [ "$BACKEND" = pg ]; then
		sql "$1" "CREATE FUNCTION injected() RETURNS trigger LANGUAGE plpgsql AS \$\$
			BEGIN IF (SELECT count(*) FROM $2) > $3 THEN
			RAISE EXCEPTION 'injected failure'; END IF; RETURN NULL; END \$\$;
			CREATE TRIGGER injected AFTER INSERT ON $2 FOR EACH ROW EXECUTE FUNCTION injected();" >/dev/null
	else
		sqlite3 "$1" "CREATE TRIGGER injected AFTER INSERT ON $2 WHEN (SELECT count(*) FROM $2) > $3
			BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
	fi
}

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	checks=$((checks + 1))
	[ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

# expect_contains WHAT NEEDLE HAYSTACK
expect_contains() {
	checks=$((checks + 1))
	case "$3" in
	*"$2"*) ;;
	*) fail "$1: expected to contain [$2], got [$3]" ;;
	esac
}

# run CMD...: runs styr with the arguments, keeping stdout, stderr and rc
run() {
	"$STYR" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	errout=$(cat "$T/err")
}

# A database's whole content as text, to prove an import changed nothing.
snapshot() {
	rm -rf "$T/snap"
	"$STYR" --db "$1" export all --dir "$T/snap" >/dev/null 2>&1 || echo "export failed"
	cat "$T/snap"/*.csv 2>/dev/null
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
}
