# Shared by the CLI tests: a scratch directory, the styr binary under test
# ($STYR, set by CTest) and assertions that say what differed.
set -u
: "${STYR:?STYR must point at the styr binary}"
: "${SRCDIR:?SRCDIR must point at the source tree}"
SHARED=${SHARED:-$SRCDIR/../shared}
SEED002=$SHARED/seeds/002_23ab211d04b68d9f.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failures=0
checks=0

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
