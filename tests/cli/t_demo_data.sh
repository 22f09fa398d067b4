#!/usr/bin/env bash
# The demo data set (data/demo, transcribed by hand from the seeds) loads,
# and its Landskrona values agree with what the report-text importer reads
# from seed 002 itself: two independent readings of the same document.
. "$(dirname "$0")/lib.sh"
demo=$(newdb demo)
parsed=$(newdb parsed)
"$STYR" --db "$demo" init >/dev/null
run --db "$demo" import csv "$SRCDIR"/data/demo/*.csv
expect_eq "demo import exit" 0 "$rc"
expect_contains "demo import summary" "styr: imported" "$out"
expect_contains "demo actions and profiles" "16 actions, 429 bridge, 2 profiles" "$out"

"$STYR" --db "$parsed" init >/dev/null
"$STYR" --db "$parsed" import csv "$SRCDIR/data/demo/org_units.csv" >/dev/null
"$STYR" --db "$parsed" import report-text "$SEED002" --unit LKR --year 2024 >/dev/null

# indicator, period and numeric value (null when missing) of every value
# with an ID-nr, from JSON lines.
values() {
	"$STYR" --db "$1" export values --unit LKR --format json |
		grep '"indicator":"ID' |
		sed -E 's/.*"indicator":"([^"]+)".*"period":"([^"]+)","value":([^,]+),.*/\1 \2 \3/' |
		sort
}
demo_values=$(values "$demo")
parsed_values=$(values "$parsed")
expect_eq "demo values = values read from seed 002" "$parsed_values" "$demo_values"
expect_eq "number of values compared" 102 "$(printf '%s\n' "$demo_values" | wc -l)"

# The indicator report of the demo: every goal heading that has values, and
# the status counts in its summary line.
run --db "$demo" report indicators --unit LKR --year 2024 -o "$T/r.html"
expect_eq "report exit" 0 "$rc"
html=$(cat "$T/r.html")
expect_contains "report language" '<html lang="sv">' "$html"
expect_contains "report heading" "Följsamhet till vårdgarantin" "$html"
expect_contains "report value in Swedish format" $'13\xc2\xa0742' "$html"
expect_contains "report status as text" "Ej uppfyllt" "$html"
expect_contains "report table headers" '<th scope="col">ID-nr</th>' "$html"

# On PostgreSQL, the same files in a SQLite file give the same bytes out:
# every export, the JSON with assessments, and the report.
if [ "$BACKEND" = pg ]; then
	lite=$T/lite.db
	"$STYR" --db "$lite" init >/dev/null
	"$STYR" --db "$lite" import csv "$SRCDIR"/data/demo/*.csv >/dev/null
	"$STYR" --db "$lite" import report-text "$SEED002" --unit LKR --year 2024 >/dev/null
	"$STYR" --db "$demo" import report-text "$SEED002" --unit LKR --year 2024 >/dev/null
	for db in "$demo" "$lite"; do
		d=$T/out-$([ "$db" = "$lite" ] && echo lite || echo pg)
		"$STYR" --db "$db" export all --dir "$d" >/dev/null
		"$STYR" --db "$db" export values --format json >"$d/values.json"
		"$STYR" --db "$db" report indicators --unit LKR --year 2024 -o "$d/r.html" >/dev/null
	done
	for f in org goals indicators targets values actions profiles; do
		expect_eq "pg = sqlite: $f.csv" "$(cat "$T/out-lite/$f.csv")" "$(cat "$T/out-pg/$f.csv")"
	done
	expect_eq "pg = sqlite: values.json" "$(cat "$T/out-lite/values.json")" "$(cat "$T/out-pg/values.json")"
	expect_eq "pg = sqlite: report" "$(cat "$T/out-lite/r.html")" "$(cat "$T/out-pg/r.html")"
fi
finish
