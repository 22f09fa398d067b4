#!/usr/bin/env bash
# Seed 004 (Hälso- och sjukvårdsnämnden, Region Skånes uppdrag för hälso-
# och sjukvård 2017) as transcribed in data/demo/goals_hsn2017.csv: the
# imported tree checked against the document, level by level.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
SEED004=$SHARED/seeds/004_e502015ea6e97162.txt
db=$(newdb hsn)
"$STYR" --db "$db" init >/dev/null
run --db "$db" import csv "$DEMO/org_units.csv" "$DEMO/goals_hsn2017.csv"
expect_eq "import exit" 0 "$rc"
expect_contains "import summary" "63 goals" "$out"

# Counts per level, as read from the document: the top (line 180), the four
# strategiska mål (182–186), seven kvalitetsdimensioner (190), the five
# prioriterade områden and the headings under S2 (4) and S3 (1) as
# insatsområden, 1 + 14 + 9 övergripande mål, 10 utvecklingsuppdrag and
# fullmäktige's eight digital uppdrag (1654–1682).
levels=$(sql "$db" "SELECT level || '=' || count(*) FROM goal WHERE code LIKE 'HSN17-%' GROUP BY level ORDER BY level")
expect_eq "counts per level" "$(printf '%s\n' 'insatsområde=10' 'kvalitetsdimension=7' 'strategiskt mål=4' 'uppdrag=18' 'övergripande mål=24' | LC_ALL=C sort)" \
	"$(printf '%s\n' "$levels" | LC_ALL=C sort)"

# parent and level of a goal: "PARENT level"
at() {
	sql "$db" "SELECT COALESCE(p.code, '-') || ' ' || g.level FROM goal g LEFT JOIN goal p ON p.id = g.parent_id WHERE g.code = '$1'"
}
title() { sql "$db" "SELECT title FROM goal WHERE code = '$1'"; }
expect_eq "top" "- övergripande mål" "$(at HSN17-OM)"
expect_eq "top title" "Nöjda medborgare ska vara vägledande" "$(title HSN17-OM)"
expect_eq "top owner" "HSN|huvudansvar" "$(sql "$db" "SELECT u.code, o.role FROM goal_owner o JOIN goal g ON g.id = o.goal_id JOIN org_unit u ON u.id = o.unit_id WHERE g.code = 'HSN17-OM'" | tr -d ' ')"
expect_eq "S2" "HSN17-OM strategiskt mål" "$(at HSN17-S2)"
expect_eq "S4 title" "Långsiktigt stark ekonomi" "$(title HSN17-S4)"
expect_eq "dimensions under S1" "HSN17-S1 kvalitetsdimension" "$(at HSN17-K7)"
expect_eq "the seven dimensions" "Effektiv hälso- och sjukvård|Hälsoinriktad hälso- och sjukvård|Jämlik hälso- och sjukvård|Kunskapsbaserad vård|Personcentrerad vård|Säker hälso- och sjukvård|Tillgänglig hälso- och sjukvård" \
	"$(sql "$db" "SELECT title FROM goal WHERE level = 'kvalitetsdimension' AND code LIKE 'HSN17-%'" | LC_ALL=C sort | paste -sd'|')"
expect_eq "trycksår under säker vård" "HSN17-K4 övergripande mål" "$(at HSN17-K4-M2)"
expect_eq "trycksår title" "Inga trycksår ska uppkomma under vårdtiden" "$(title HSN17-K4-M2)"
expect_eq "självmord under psykisk hälsa" "HSN17-P5 övergripande mål" "$(at HSN17-P5-M3)"
expect_eq "kontaktsjuksköterska under cancervården" "HSN17-P3 övergripande mål" "$(at HSN17-P3-M2)"
expect_eq "akutsjukvård under S1" "HSN17-S1 insatsområde" "$(at HSN17-P2)"
expect_eq "klinisk forskning under S2" "HSN17-S2 insatsområde" "$(at HSN17-S2-I2)"
expect_eq "kompetensförsörjning under S3" "HSN17-S3 insatsområde" "$(at HSN17-S3-I1)"
expect_eq "remisshantering" "HSN17-K5 uppdrag" "$(at HSN17-K5-U1)"
expect_eq "transportresurs" "HSN17-P2 uppdrag" "$(at HSN17-P2-U1)"
expect_eq "digital självincheckning" "HSN17-S2-I1 uppdrag" "$(at HSN17-S2-I1-U5)"
expect_eq "kunskapsbaserad vård has nothing below it" 0 "$(sql "$db" "SELECT count(*) FROM goal g JOIN goal p ON p.id = g.parent_id WHERE p.code = 'HSN17-K6'")"
expect_eq "every row cites seed 004" 0 "$(sql "$db" "SELECT count(*) FROM goal WHERE code LIKE 'HSN17-%' AND text NOT LIKE '%Seed 004 line%'")"

# Against the document itself: one goal with övergripande mål below it per
# "Övergripande mål" box, one with utvecklingsuppdrag per "Utvecklingsuppdrag"
# heading (the boxes after line 180; none before it).
if [ -r "$SEED004" ]; then
	boxes=$(grep -c '^ *Övergripande mål *$' "$SEED004")
	expect_eq "övergripande mål boxes in seed 004" 9 "$boxes"
	expect_eq "goals with övergripande mål below them" "$boxes" \
		"$(sql "$db" "SELECT count(DISTINCT g.parent_id) FROM goal g WHERE g.level = 'övergripande mål' AND g.code LIKE 'HSN17-%' AND g.parent_id IS NOT NULL")"
	heads=$(grep -c '^ *Utvecklingsuppdrag *$' "$SEED004")
	expect_eq "utvecklingsuppdrag headings in seed 004" 7 "$heads"
	expect_eq "goals with utvecklingsuppdrag below them" "$heads" \
		"$(sql "$db" "SELECT count(DISTINCT parent_id) FROM goal WHERE level = 'uppdrag' AND code LIKE 'HSN17-%' AND text LIKE 'Utvecklingsuppdrag.%'")"
	expect_eq "utvecklingsuppdrag" 10 \
		"$(sql "$db" "SELECT count(*) FROM goal WHERE level = 'uppdrag' AND code LIKE 'HSN17-%' AND text LIKE 'Utvecklingsuppdrag.%'")"
else
	echo "skipped: $SEED004 not readable"
fi

# styr show goals prints the tree.
run --db "$db" show goals
expect_eq "show goals exit" 0 "$rc"
expect_contains "tree top" "HSN17-OM  [övergripande mål]  Nöjda medborgare ska vara vägledande" "$out"
expect_contains "tree owner" "  ansvariga: HSN (huvudansvar)" "$out"
expect_contains "tree strategic goal" "  HSN17-S1  [strategiskt mål]  En serviceinriktad verksamhet med hög kvalitet" "$out"
expect_contains "tree dimension" "    HSN17-K1  [kvalitetsdimension]  Jämlik hälso- och sjukvård" "$out"
expect_contains "tree goal" "      HSN17-P5-M3  [övergripande mål]  Antal självmord ska minska, nollvision ska råda" "$out"
expect_contains "tree uppdrag" "      HSN17-S2-I1-U7  [uppdrag, från 2017]  Möjlighet till digitala läkarkontakter ska införas på bred front under 2017" "$out"
expect_contains "tree count" "63 mål" "$out"

# With every demo file: the codes clash with no other file's.
all=$(newdb all)
"$STYR" --db "$all" init >/dev/null
run --db "$all" import csv "$DEMO"/*.csv
expect_eq "whole demo loads" 0 "$rc"
expect_eq "HSN17 goals in the whole demo" 63 "$(sql "$all" "SELECT count(*) FROM goal WHERE code LIKE 'HSN17-%'")"
finish
