#!/usr/bin/env bash
# styr import report-text on seed 002 (Lasarettet i Landskrona,
# årsredovisning 2024): every indicator the issue names, with the 2024,
# 2023 and 2022 values and the target exactly as printed in the document.
# The expected table below was transcribed by reading the document.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
"$STYR" --db "$db" import csv "$D/org.csv" >/dev/null || fail "org import"

run --db "$db" import report-text "$SEED002" --unit LKR --year 2024
# Rows without an ID-nr ("*") are listed, so the exit code says findings.
expect_eq "import exit (findings listed)" 1 "$rc"
expect_contains "summary" "styr: imported" "$out"
expect_contains "rows without ID-nr are listed" "not imported:" "$out"
import_out=$out

# indicator;period;value;numerator;missing_reason as export prints them
expected='ID0010;2022;0;;
ID0010;2023;0;;
ID0010;2024;0;;
ID0015;2022;6,6%;;
ID0015;2023;7,3%;;
ID0015;2024;9,0%;;
ID0049;2022;34,3%;;
ID0049;2023;47,5%;;
ID0049;2024;41,1%;;
ID0050;2022;100%;;
ID0050;2023;50%;;
ID0050;2024;0,00%;;
ID0069;2022;80,2;;
ID0069;2023;82,5;;
ID0069;2024;83,8;;
ID0070;2022;46,1;;
ID0070;2023;50,9;;
ID0070;2024;60,0;;
ID0091;2022;11,3%;319;
ID0091;2023;10,2%;298;
ID0091;2024;10,5%;311;
ID0128;2022;3,6;;
ID0128;2023;9,6;;
ID0128;2024;8,9;;
ID0139;2022;71,8%;;
ID0139;2023;71,4%;;
ID0139;2024;69,2%;;
ID0210;2022;81,2%;;
ID0210;2023;82,9%;;
ID0210;2024;85,3%;;
ID0242;2022;82%;;
ID0242;2023;93%;;
ID0242;2024;95%;;
ID0285;2022;92,0;;
ID0285;2023;94,3;;
ID0285;2024;93,8;;
ID0286;2022;90,9;;
ID0286;2023;95,5;;
ID0286;2024;94,0;;
ID0287;2022;91,5;;
ID0287;2023;92,2;;
ID0287;2024;93,2;;
ID0288;2022;77,7;;
ID0288;2023;82,7;;
ID0288;2024;80,9;;
ID0289;2022;83,6;;
ID0289;2023;87,9;;
ID0289;2024;89,1;;
ID0290;2022;87,2;;
ID0290;2023;90,5;;
ID0290;2024;89,9;;
ID0291;2022;85,5;;
ID0291;2023;89,0;;
ID0291;2024;88,4;;
ID0306;2022;55,9%;;
ID0306;2023;58,2%;;
ID0306;2024;60,2%;;
ID0337;2022;59,6%;;
ID0337;2023;61,1%;;
ID0337;2024;63,4%;;
ID0338;2022;83,1%;;
ID0338;2023;85,6%;;
ID0338;2024;88,5%;;
ID0340;2022;86,3%;;
ID0340;2023;88,5%;;
ID0340;2024;92,2%;;
ID0341;2022;47%;;
ID0341;2023;38%;;
ID0341;2024;27%;;
ID0342;2022;74%;;
ID0342;2023;75%;;
ID0342;2024;73%;;
ID0343;2022;16%;;
ID0343;2023;13%;;
ID0343;2024;3%;;
ID0410;2022;-;;Vi har inga <18 år
ID0410;2023;-;;Vi har inga <18 år
ID0410;2024;-;;Vi har inga <18 år
ID0661;2022;69%;;
ID0661;2023;100%;;
ID0661;2024;100%;;
ID0662;2022;1750;;
ID0662;2023;1869;;
ID0662;2024;4445;;
ID0663;2022;8752;;
ID0663;2023;11856;;
ID0663;2024;13742;;
ID0664;2022;3432;;
ID0664;2023;9157;;
ID0664;2024;15281;;'
run --db "$db" export values --unit LKR
ids='^(ID0010|ID0015|ID0049|ID0050|ID0069|ID0070|ID0091|ID0128|ID0139|ID0210|ID0242|ID028[5-9]|ID0290|ID0291|ID0306|ID0337|ID0338|ID0340|ID034[123]|ID0410|ID066[1-4]);'
actual=$(printf '%s\n' "$out" | grep -E "$ids" | cut -d';' -f1,3,4,5,7)
expect_eq "values as printed" "$expected" "$actual"

# Targets as printed (spaces aside: the extract splits ">95" and "%").
expected_targets='ID0010;<0,5/100vpl.
ID0015;>50%
ID0049;<10%
ID0050;>75%
ID0069;>95%
ID0070;>95%
ID0091;≥10%minskning/år
ID0128;<1/100vpl.
ID0139;>88%
ID0210;>80%
ID0242;>80%
ID0285;-
ID0306;≥70%
ID0337;≥80%
ID0338;≥95%
ID0340;≥80%
ID0341;≥80%
ID0342;≥70%
ID0343;≥80%
ID0410;≥80%
ID0661;100%*
ID0662;Ökning
ID0663;Ökning
ID0664;Ökning'
run --db "$db" export targets
actual=$(printf '%s\n' "$out" | grep -E "$ids" | grep -v -E '^ID(0286|0287|0288|0289|0290|0291);' | awk -F';' '$3 == 2024 {print $1 ";" $4}' | tr -d ' ')
expect_eq "targets as printed" "$expected_targets" "$actual"

# Every value carries file:line of the row's ID-nr.
run --db "$db" export values --unit LKR --year 2024
expect_contains "source of ID0049" "ID0049;LKR;2024;41,1%;;;;$SEED002:1031" "$out"
expect_contains "source of ID0069" "ID0069;LKR;2024;83,8;;;;$SEED002:554" "$out"

# Status and trend against the printed targets.
run --db "$db" export values --format json --unit LKR --year 2024
st() { printf '%s\n' "$out" | grep "\"$1\"" | sed -E 's/.*"status":"([a-z_]+)","trend":("?[a-z]*"?).*/\1 \2/'; }
expect_eq "ID0069 83,8 vs >95" 'not_met "better"' "$(st ID0069)"
expect_eq "ID0340 92,2 vs ≥80" 'met "better"' "$(st ID0340)"
expect_eq "ID0049 41,1 vs <10, lower is better" 'not_met "better"' "$(st ID0049)"
expect_eq "ID0010 0 vs <0,5/100 vpl" 'met "same"' "$(st ID0010)"
expect_eq "ID0128 8,9 vs <1/100 vpl" 'not_met "better"' "$(st ID0128)"
expect_eq "ID0662 Ökning 4445 vs 1869" 'met "better"' "$(st ID0662)"
expect_eq "ID0661 100% vs 100%*" 'met "same"' "$(st ID0661)"
expect_eq "ID0091 +2,9 % vs ≥10 % minskning" 'not_met "worse"' "$(st ID0091)"
expect_eq "ID0285 no target" 'no_target "changed"' "$(st ID0285)"
expect_eq "ID0410 no value" 'missing null' "$(st ID0410)"
# The report prints one Mål column, stored as 2024's target; with the same
# target for 2023, 2023's -9,7 % is within the default band of -10 %.
printf 'indicator;unit;year;target\nID0091;LKR;2023;≥ 10 %% minskning/år\n' >"$T/t2023.csv"
"$STYR" --db "$db" import csv "$T/t2023.csv" >/dev/null || fail "2023 target"
run --db "$db" export values --format json --unit LKR --year 2023
expect_eq "ID0091 2023: -9,7 % is near -10 %" 'near "better"' "$(st ID0091)"
expect_eq "ID0069 2023: no target of its own year, so no direction" 'no_target "changed"' "$(st ID0069)"

# The counts behind ID0091's printed "Förändring av antalet": 311 vs 298
# is +4,4 %, 298 vs 319 is -6,6 %.
n24=$(printf '%s\n' "$expected" | awk -F';' '$1=="ID0091" && $2=="2024" {print $4}')
n23=$(printf '%s\n' "$expected" | awk -F';' '$1=="ID0091" && $2=="2023" {print $4}')
n22=$(printf '%s\n' "$expected" | awk -F';' '$1=="ID0091" && $2=="2022" {print $4}')
expect_eq "ID0091 change 2024" "4,4" "$(awk -v a="$n24" -v b="$n23" 'BEGIN{printf "%.1f", (a-b)/b*100}' | tr . ,)"
expect_eq "ID0091 change 2023" "-6,6" "$(awk -v a="$n23" -v b="$n22" 'BEGIN{printf "%.1f", (a-b)/b*100}' | tr . ,)"

# Importing the same report again is idempotent.
"$STYR" --db "$db" import report-text "$SEED002" --unit LKR --year 2024 >/dev/null
before=$(snapshot "$db")
"$STYR" --db "$db" import report-text "$SEED002" --unit LKR --year 2024 >/dev/null
expect_eq "reimport changes nothing" "$before" "$(snapshot "$db")"

# A report with nothing to import is an error naming the file.
printf 'Årsredovisning\n\nIngen tabell här.\n' >"$T/empty.txt"
run --db "$db" import report-text "$T/empty.txt" --unit LKR --year 2024
expect_eq "no table: exit" 2 "$rc"
expect_contains "no table: message" "$T/empty.txt" "$errout"
printf '%s\n' "$import_out" | sed 's/^/  /'
finish
