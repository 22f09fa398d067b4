#!/usr/bin/env bash
# The interchange CSV: import, export in both formats, and the round trip
# export → import into an empty database → export giving the same bytes.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data
db=$(newdb a)

run --db "$db" init
expect_eq "init exit" 0 "$rc"
# Named in the wrong order on purpose: the importer orders by kind.
run --db "$db" import csv "$D/values.csv" "$D/targets.csv" "$D/indicators.csv" "$D/goals.csv" "$D/org.csv"
expect_eq "import exit" 0 "$rc"
expect_eq "import summary" "styr: imported 3 org, 2 goals, 2 indicators, 2 targets, 5 values" "${out%%$'\n'*}"
expect_contains "import: values added" "values: 5 tillagda, 0 ändrade, 0 oförändrade" "$out"

run --db "$db" export values
expect_eq "export values exit" 0 "$rc"
expect_eq "values csv" "indicator;unit;period;value;numerator;denominator;missing_reason;source;comment
ID0049;LKR;2023;-;;;Vi har inga <18 år;seed 002 line 1031;
ID0049;LKR;2024-01..08;x;;;för få fall;$D/values.csv:5;
ID0049;LKR;2024;41,1%;37;90;;$D/values.csv:4;
ID0069;LKR;2023;82,5;;;;$D/values.csv:3;
ID0069;LKR;2024;83,8;;;;$D/values.csv:2;" "$out"

run --db "$db" export goals
expect_eq "goals csv keeps quotes and line breaks" 'code;parent;level;title;text;valid_from;valid_to;owners
RS-V;;vision;Ett friskare Skåne;;2024;;RS:huvudansvar
RS-OM1;RS-V;övergripande mål;Tillgänglig vård;"Text med; semikolon,
ny rad och ""citat""";2024;2026;LKR:medansvar|RS:huvudansvar' "$out"

run --db "$db" export org
expect_eq "org csv" "code;name;kind;parent;valid_from;valid_to;aliases
RS;Region Skåne;region;;;;
LKR-S;Sjukhusstyrelse Landskrona;styrelse;RS;;;Sjukhusstyrelse Landskrona
LKR;Lasarettet i Landskrona;förvaltning;LKR-S;2020-01-01;;Landskrona lasarett|Lasarettet Landskrona" "$out"

run --db "$db" export indicators
expect_contains "indicator tolerance and goals" "ID0069;Väntande inom 90 dagar - första besök;;%;;månad;Väntetidsdatabasen;2,5;RS-OM1" "$out"

# JSON lines: one object per value with its assessment.
run --db "$db" export values --format json --year 2024
expect_eq "json exit" 0 "$rc"
expect_eq "json line count" 3 "$(printf '%s\n' "$out" | wc -l)"
line=$(printf '%s\n' "$out" | grep '"ID0069"')
expect_eq "json ID0069 2024" '{"indicator":"ID0069","unit":"LKR","period":"2024","value":83.8,"numerator":null,"denominator":null,"target":">95%","status":"not_met","trend":"better","missing_reason":null,"source":"'"$D"'/values.csv:2","comment":""}' "$line"
line=$(printf '%s\n' "$out" | grep '"period":"2024"' | grep ID0049)
expect_contains "json ID0049 status" '"target":"<10%","status":"not_met","trend":null' "$line"
line=$(printf '%s\n' "$out" | grep '2024-01..08')
expect_contains "json suppressed" '"value":null' "$line"
expect_contains "json suppressed reason" '"missing_reason":"för få fall"' "$line"

# Budget profiles: weights with decimals, a row by its label, stored as
# its code (export order: unit code, then row); a file without the year
# column holds for every year, exported as an empty year.
run --db "$db" import csv "$D/profile.csv"
expect_eq "profile import" "styr: imported 2 profiles" "$out"
run --db "$db" export profiles
expect_eq "profiles csv" "unit;row;year;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec
LKR;lonekostnader;;1;1;1;1;1;1;0,5;1;1;1;1;1
RS;;;8,5;8,5;8,5;8,5;8,5;8,5;6,5;8,25;8,5;8,5;8,5;8,75" "$out"

# Round trip through an empty database.
run --db "$db" export all --dir "$T/first"
expect_eq "export all exit" 0 "$rc"
b=$(newdb b)
run --db "$b" init
run --db "$b" import csv "$T/first"/*.csv
expect_eq "reimport exit" 0 "$rc"
run --db "$b" export all --dir "$T/second"
for f in org goals indicators targets values profiles; do
	expect_eq "round trip $f.csv" "$(cat "$T/first/$f.csv")" "$(cat "$T/second/$f.csv")"
done

# Importing the same files again changes nothing (puts replace).
before=$(snapshot "$db")
run --db "$db" import csv "$D/org.csv" "$D/goals.csv" "$D/indicators.csv" "$D/targets.csv" "$D/values.csv" "$D/profile.csv"
expect_eq "reimport same" "$before" "$(snapshot "$db")"

# STYR_DB picks the database when --db is not given.
STYR_DB=$db run show units
expect_contains "STYR_DB" "Lasarettet i Landskrona" "$out"
finish
