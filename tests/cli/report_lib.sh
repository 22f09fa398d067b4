# Shared by the report tests: a database with the demo data of Lasarettet i
# Landskrona (seed 002), named file by file so that data added for other
# parts of styr does not move the reports' pages.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
db=$(newdb demo)
"$STYR" --db "$db" init >/dev/null
"$STYR" --db "$db" import csv "$DEMO/org_units.csv" "$DEMO/goals.csv" "$DEMO/indicators.csv" \
	"$DEMO/targets.csv" "$DEMO/values.csv" "$DEMO/analyses.csv" >/dev/null ||
	fail "importing the demo data"
NBSP=$(printf '\302\240')
