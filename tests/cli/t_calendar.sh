#!/usr/bin/env bash
# The follow-up calendar: 2024's, generated from data/demo/followup.csv, is
# compared with seed 003 Bilaga 6 as read from the document itself; then
# styr due lists what a board has due and what is late.
. "$(dirname "$0")/lib.sh"
SEED003=$SHARED/seeds/003_48572fec71d686f8.txt
db=$(newdb a)
run --db "$db" init
run --db "$db" import csv "$SRCDIR/data/demo/org_units.csv" "$SRCDIR/data/demo/followup.csv"
expect_eq "import" "styr: imported 42 org, 4 followup" "${out%%$'\n'*}"
run --db "$db" due calendar --year 2024
expect_eq "calendar exit" 0 "$rc"
cal=$out

# Bilaga 6 as one line of text, so that sentences wrapped across lines read whole.
doc=$(tr '\n' ' ' <"$SEED003" | tr -s ' ')
# "Månadsuppföljningarna görs efter april, juli, september och november."
info=$(printf '%s' "$doc" | grep -o 'Månadsuppföljningarna görs efter [a-zåäö, ]*och [a-zåäö]*' |
	sed 's/.*efter //; s/ och /, /; s/, /\n/g')
expect_eq "document: information months" "april juli september november" "$(echo $info)"
# "med analys och prognos görs vid fyra tillfällen: mars, maj, augusti (…) och oktober."
analys=$(printf '%s' "$doc" | grep -o 'med analys och prognos görs vid fyra tillfällen: [^.]*' |
	sed 's/.*tillfällen: //; s/ ([^)]*)//; s/ och /, /; s/, /\n/g')
expect_eq "document: analysis months" "mars maj augusti oktober" "$(echo $analys)"
expect_eq "document: four analyses" 4 "$(printf '%s\n' $analys | wc -l)"

lines_of() { printf '%s\n' "$cal" | grep "^$1 " | awk '{print $(NF-3)}'; }
expect_eq "calendar: informationsrapport months" "$(echo $info)" "$(echo $(lines_of informationsrapport))"
expect_eq "calendar: analys med prognos months" "$(echo $analys)" "$(echo $(printf '%s\n' "$cal" | grep '^analys med prognos' | awk '{print $4}'))"
for m in $info; do
	expect_contains "information $m is an informationsärende" "$(printf '%-21s%-17s%-11s' informationsrapport "$m 2024" -)informationsärende" "$cal"
done
for m in $analys; do
	expect_contains "analysis $m is a beslutsärende" "$(printf '%-21s%-17s%-11s' 'analys med prognos' "$m 2024" -)beslutsärende" "$cal"
done

# "delårsrapport för perioden januari–augusti 2024 behandlas av fullmäktige
# vid sammanträdet den 4 november 2024. Samtliga nämnder ska innan dess besluta"
expect_contains "document: delår period and meeting" "delårsrapport för perioden januari–augusti 2024 behandlas av fullmäktige vid sam manträdet den 4 november 2024. Samtliga nämnder ska innan dess besluta" "$doc"
expect_eq "calendar: delårsrapport" "delårsrapport        jan–aug 2024     $(date -d '2024-11-04 -1 day' +%F) beslutsärende" "$(printf '%s\n' "$cal" | grep '^delårsrapport')"
# "årsredovisning 2024 behandlas av fullmäktige vid sammanträde i april 2025.
# Samtliga nämnder ska inför detta besluta"
expect_contains "document: årsredovisning meeting" "årsredovisning 2024 behandlas av fullmäktige vid sammanträde i april 2025. Samtliga nämnder ska inför detta besluta" "$doc"
expect_eq "calendar: årsredovisning" "årsredovisning       2024             $(date -d '2025-04-01 -1 day' +%F) beslutsärende" "$(printf '%s\n' "$cal" | grep '^årsredovisning')"
expect_eq "calendar: 10 entries and a header" 11 "$(printf '%s\n' "$cal" | wc -l)"
# Ordered by the end of the period followed up.
expect_eq "calendar: in month order" "mars 2024|april 2024|maj 2024|juli 2024|augusti 2024|jan–aug 2024|september 2024|oktober 2024|november 2024|2024" \
	"$(printf '%s\n' "$cal" | tail -n +2 | sed -E 's/^(analys med prognos|informationsrapport|delårsrapport|årsredovisning) +//; s/  .*//' | paste -sd'|')"

# What is due.  On 2024-11-10 HSN has not decided on its delårsrapport.
run --db "$db" due --unit HSN --date 2024-11-10
expect_eq "due late exit" 1 "$rc"
expect_eq "due late" "2024-11-03 försenad       delårsrapport jan–aug 2024 (beslutsärende)
-          utan tidsfrist analys med prognos oktober 2024 (beslutsärende)
2 poster per 2024-11-10, 1 försenade" "$out"
run --db "$db" due done --unit HSN --report delårsrapport --period "jan–aug 2024" --date 2024-10-29
expect_eq "done exit" 0 "$rc"
run --db "$db" due --unit HSN --date 2024-11-10
expect_eq "due after done exit" 0 "$rc"
expect_contains "handed in" "2024-11-03 inlämnad       delårsrapport jan–aug 2024 (beslutsärende)" "$out"
run --db "$db" due --unit HSN --date 2025-03-20 --days 30
expect_contains "årsredovisning open" "2025-03-31 att göra       årsredovisning 2024 (beslutsärende)" "$out"
run --db "$db" due --date 2024-11-10
expect_eq "every board exit" 1 "$rc"
expect_contains "every board" "SUS      2024-11-03 försenad       delårsrapport" "$out"
# Every nämnd and styrelse of the demo has the two; HSN handed in its delår.
boards=$(grep -c ';nämnd;\|;styrelse;' "$SRCDIR/data/demo/org_units.csv")
expect_eq "boards in the demo" 19 "$boards"
expect_contains "every board count" "$((2 * boards)) poster per 2024-11-10, $((boards - 1)) försenade" "$out"

# Uppdrag deadlines and reporting dates come with the calendar's.
D=$SRCDIR/tests/cli/data/goals
db2=$(newdb b)
run --db "$db2" init
run --db "$db2" import csv "$D"/*.csv
run --db "$db2" due --unit LKR-S --date 2024-09-10
expect_eq "uppdrag late" "2024-08-31 försenad       återrapportering av uppdrag RS-U2
1 poster per 2024-09-10, 1 försenade" "$out"
run --db "$db2" due --unit HSN --date 2024-12-20 --days 15
expect_eq "uppdrag open" "2024-12-31 att göra       uppdrag RS-U1 ska vara genomfört
2024-12-31 att göra       återrapportering av uppdrag RS-U1
2 poster per 2024-12-20, 0 försenade" "$out"
run --db "$db2" due --unit HSN --date 2024-09-05 --days 10
expect_eq "reported in time" "2024-08-31 inlämnad       återrapportering av uppdrag RS-U1
1 poster per 2024-09-05, 0 försenade" "$out"

run --db "$db" due --unit NOPE --date 2024-11-10
expect_eq "unknown unit" 'styr: org unit "NOPE" does not exist' "$errout"
run --db "$db" due --unit HSN --date 2024-11-31
expect_eq "bad date" 'styr: date "2024-11-31": expected a date such as 2024-03-31' "$errout"
expect_eq "bad date exit" 2 "$rc"
printf '%s\n' "year;report;months;deadline;handling;source" "2024;analys med prognos;3|13;;beslut;" >"$T/bad.csv"
run --db "$db" import csv "$T/bad.csv"
expect_eq "bad month" "styr: $T/bad.csv:2: column \"months\": months \"13\": expected month numbers 1–12 such as 3|5|8|10" "$errout"
printf '%s\n' "year;report;months;deadline;handling;source" "2024;analys med prognos;3;+x;beslut;" >"$T/bad.csv"
run --db "$db" import csv "$T/bad.csv"
expect_eq "bad deadline" "styr: $T/bad.csv:2: column \"deadline\": deadline \"+x\": expected a date such as 2024-11-04 or +N days after the period such as +15" "$errout"
finish
