#!/usr/bin/env bash
# Seed 003's uppdrag tables (Uppföljningsplan 2024, "Mål och insatsområde |
# Delmål och uppdrag | Ansvarig nämnd/styrelse") read by styr import
# report-text, checked against the document as read by a person: counts
# per level, named goals, their boards and who has huvudansvar, and the
# two places where the document itself is wrong or incomplete.
. "$(dirname "$0")/lib.sh"
SEED003=$SHARED/seeds/003_48572fec71d686f8.txt
db=$(newdb a)
run --db "$db" init
# Only the organisation: the vision and the övergripande mål come from the
# text too (lines 131-161), and the tables hang under them.
run --db "$db" import csv "$SRCDIR/data/demo/org_units.csv"
expect_eq "fixture" "styr: imported 42 org" "${out%%$'\n'*}"

run --db "$db" import report-text "$SEED003" --year 2024
expect_eq "findings exit" 1 "$rc"
# Read by hand: one vision and five övergripande mål (lines 131-161); table
# by table (lines 4616-5061 and 5206-5262) 20 insatsområden, 29 delmål and
# 31 rows marked "Nytt uppdrag", 22 of them 2024.
expect_contains "summary" "styr: imported 1 vision, 5 övergripande mål, 20 insatsområden, 29 delmål, 31 uppdrag (22 nya 2024)," "$out"
# The table page at line 4670 has no heading in the extract, yet seed 003's
# own text (lines 416-455, 949-955) puts Säker vård under Tillgänglighet
# och kvalitet; styr keeps the rows under the heading before and says so.
expect_contains "headless page" "$SEED003:4670: note: a table page without a heading: its rows are kept under \"Bättre liv och hälsa för fler\", the heading before it; check the printed document" "$out"
# Line 5039 misspells the board: "sjukhussstyrelse Sus".
expect_eq "misspelt board in the document" "Primärvårdsnämnden (huvudansvar), sjukhussstyrelse " "$(sed -n 5039p "$SEED003")"
expect_contains "misspelt board" "$SEED003:5039: note: board \"sjukhussstyrelse Sus\": not a nämnd or styrelse of the organisation; the row at line 5033 is stored without it" "$out"
expect_eq "two findings" 2 "$(printf '%s\n' "$out" | grep -c ': note: ')"

run --db "$db" export goals
goals=$out
level_count() { printf '%s\n' "$goals" | awk -F';' -v l="$1" '$3 == l' | wc -l; }
expect_eq "vision" "RS-VISION;;vision;Framtidstro och livskvalitet" "$(printf '%s\n' "$goals" | grep '^RS-VISION;' | cut -d';' -f1-4)"
# The five bullets "• Title: Ett mål …" of lines 142-161, in order.
expect_eq "övergripande mål" "$(sed -n 142,161p "$SEED003" | grep -o '^• [^:]*' | sed 's/^• //' | paste -sd'|')" \
	"$(printf '%s\n' "$goals" | awk -F';' '$3 == "övergripande mål" {print $4}' | paste -sd'|')"
expect_eq "all under the vision" 5 "$(printf '%s\n' "$goals" | awk -F';' '$3 == "övergripande mål" && $2 == "RS-VISION"' | wc -l)"
expect_eq "insatsområden" 20 "$(level_count insatsområde)"
expect_eq "delmål" 29 "$(level_count delmål)"
expect_eq "uppdrag" 31 "$(level_count uppdrag)"
expect_eq "uppdrag new 2024" 22 "$(printf '%s\n' "$goals" | awk -F';' '$3 == "uppdrag" && $6 == "2024"' | wc -l)"
expect_eq "uppdrag new 2023" 4 "$(printf '%s\n' "$goals" | awk -F';' '$3 == "uppdrag" && $6 == "2023"' | wc -l)"
expect_eq "uppdrag new 2022" 5 "$(printf '%s\n' "$goals" | awk -F';' '$3 == "uppdrag" && $6 == "2022"' | wc -l)"
io_under() { printf '%s\n' "$goals" | awk -F';' -v p="$1" '$3 == "insatsområde" && $2 == p' | wc -l; }
expect_eq "insatsområden under Bättre liv (2 + the 4 of the headless page)" 6 "$(io_under RS-OM1)"
expect_eq "insatsområden under Tillgänglighet och kvalitet" 7 "$(io_under RS-OM2)"
expect_eq "insatsområden under Hållbar utveckling" 3 "$(io_under RS-OM3)"
expect_eq "insatsområden under Attraktiv arbetsgivare" 4 "$(io_under RS-OM4)"
expect_eq "insatsområden under Långsiktigt stark ekonomi" 0 "$(io_under RS-OM5)"
# Eleven rows name one board "(huvudansvar)" or "är huvudansvarig".
expect_eq "rows with one board marked huvudansvar" 11 "$(printf '%s\n' "$goals" | grep -c ':medansvar')"

row() { printf '%s\n' "$goals" | awk -F';' -v t="$1" '$4 == t'; }
expect_eq "Insatsområde split from its delmål on line 4673" "RS-OM1-I3;RS-OM1;insatsområde;God tillgänglighet;$SEED003:4673;;;" "$(row 'God tillgänglighet')"
expect_eq "digital booking (lines 5024-5031)" "RS-OM3-I2-2;RS-OM3-I2;uppdrag;Alla verksamheter inom respektive sjukhusstyrelse och sjukvårdsnämnd ska där det är tillämpligt möjliggöra för invånarna att digitalt boka, omboka och avboka tid;Nytt uppdrag 2024. $SEED003:5024;2024;;HSN:huvudansvar|SUS:medansvar|LKR-S:medansvar|HBG:medansvar|AHM:medansvar|CSK:medansvar|HHM:medansvar|YSD:medansvar|TBG:medansvar|PVN:medansvar|PHH:medansvar|NORV:medansvar" "$(row 'Alla verksamheter inom respektive sjukhusstyrelse och sjukvårdsnämnd ska där det är tillämpligt möjliggöra för invånarna att digitalt boka, omboka och avboka tid')"
owners() { row "$1" | awk -F';' '{print $8}'; }
expect_eq "Nära vård: HSN (huvudansvar), PVN" "HSN:huvudansvar|PVN:medansvar" "$(owners 'Ta fram en strategi för omställningen till Nära vård')"
expect_eq "Personalnämnden är huvudansvarig" "PeN:huvudansvar|RUN:medansvar" "$(owners 'Utreda hur Region Skåne kan öka antalet utbildningsplatser inom den egna organisationens bristyrken genom exempelvis större delfinansiering av yrkeshögskoleplatser, huvudmannaskap över egna utbildningsplatser eller andra åtgärder')"
expect_eq "sjukhusstyrelserna Sus, Landskrona, … (SVF)" "HSN:huvudansvar|SUS:huvudansvar|LKR-S:huvudansvar|TBG:huvudansvar|YSD:huvudansvar|HBG:huvudansvar|CSK:huvudansvar|PVN:huvudansvar|NORV:huvudansvar" "$(owners 'Fortsatt utveckling av standardiserade vårdförlopp (SVF)')"
expect_eq "regionstyrelsen (PDV) and samtliga sjukhusstyrelser" "HSN:huvudansvar|SUS:huvudansvar|LKR-S:huvudansvar|HBG:huvudansvar|AHM:huvudansvar|CSK:huvudansvar|HHM:huvudansvar|YSD:huvudansvar|TBG:huvudansvar|PVN:huvudansvar|PHH:huvudansvar|PDV:huvudansvar" "$(owners 'Befolkningens uppfattning och patienternas upplevelse av hälso- och sjukvård ska förbättras')"
expect_eq "Sjukhusstyrelse Sus, regionstyrelsen" "SUS:huvudansvar|RST:huvudansvar" "$(owners 'Region Skåne ska vara ledande i nationell högspecialiserad vård')"
expect_eq "samtliga styrelser och nämnder" 19 "$(owners 'En genomtänkt strategisk kompetensförsörjning är en förutsättning för att klara framtidens uppdrag' | tr '|' '\n' | wc -l)"
expect_eq "the misspelt board is left out" "PVN:huvudansvar|NORV:medansvar" "$(owners 'Genomföra projekt för att utveckla ett nytt arbetssätt med digital specialistkonsultation i samverkan med berörda parter. Projektet ska skapa och utvärdera en modell som är möjlig att använda över hela Skåne vid lyckat utfall')"
expect_eq "insatsområde continued as \"forts.\"" 9 "$(printf '%s\n' "$goals" | awk -F';' '$2 == "RS-OM2-I2"' | wc -l)"

# Every row can be reported on: the uppdrag list has all 60.
run --db "$db" uppdrag list
expect_contains "uppdrag list" "60 uppdrag" "$out"

# The same text again replaces the same goals.
before=$(snapshot "$db")
run --db "$db" import report-text "$SEED003" --year 2024
expect_eq "again" "$before" "$(snapshot "$db")"

# A text without the table, and a database without övergripande mål.
run --db "$db" import report-text "$SHARED/seeds/004_e502015ea6e97162.txt" --year 2017
expect_eq "no table exit" 2 "$rc"
expect_eq "no table" "styr: $SHARED/seeds/004_e502015ea6e97162.txt: no uppdrag table: expected a header \"Mål och insatsområde Delmål och uppdrag Ansvarig nämnd/styrelse\"" "$errout"
expect_eq "no table changed nothing" "$before" "$(snapshot "$db")"
db2=$(newdb b)
run --db "$db2" init
run --db "$db2" import report-text "$SEED003" --year 2024
expect_eq "no region" "styr: $SEED003:131: the text states a vision, but the organisation has no unit of kind region to own it" "$errout"
expect_eq "no region exit" 2 "$rc"
finish
