#!/usr/bin/env bash
# Seed 000 (Helsingborgs lasarett, verksamhetsplan 2024) as transcribed in
# data/demo/goals_hbg2024.csv: each heading with a "Målsättningar:" list is
# an insatsområde of HBG under the region goal it serves, each bullet a
# målsättning under it.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
SEED000=$SHARED/seeds/000_f010f480aab7ec49.txt
db=$(newdb hbg)
"$STYR" --db "$db" init >/dev/null
run --db "$db" import csv "$DEMO/org_units.csv" "$DEMO/goals.csv" "$DEMO/goals_hbg2024.csv"
expect_eq "import exit" 0 "$rc"

# Counts per level: five headings (lines 262, 305, 402, 429, 605) and their
# bullets, 8 + 7 + 4 + 8 + 8 (the empty bullets on lines 338 and 427 left out).
levels=$(sql "$db" "SELECT level || '=' || count(*) FROM goal WHERE code LIKE 'HBG-%' GROUP BY level ORDER BY level")
expect_eq "counts per level" "$(printf '%s\n' 'insatsområde=5' 'målsättning=35' | LC_ALL=C sort)" \
	"$(printf '%s\n' "$levels" | LC_ALL=C sort)"
if [ -r "$SEED000" ]; then
	expect_eq "Målsättningar lists in seed 000" 5 "$(grep -c '^Målsättningar: *$' "$SEED000")"
else
	echo "skipped: $SEED000 not readable"
fi

# parent and level of a goal: "PARENT level"
at() {
	sql "$db" "SELECT COALESCE(p.code, '-') || ' ' || g.level FROM goal g LEFT JOIN goal p ON p.id = g.parent_id WHERE g.code = '$1'"
}
title() { sql "$db" "SELECT title FROM goal WHERE code = '$1'"; }
expect_eq "tillgänglig sjukvård under RS-OM2" "RS-OM2 insatsområde" "$(at HBG-IO1)"
expect_eq "akutsjukvård under RS-OM2" "RS-OM2 insatsområde" "$(at HBG-IO2)"
expect_eq "digitalisering under RS-IO21" "RS-IO21 insatsområde" "$(at HBG-IO3)"
expect_eq "forskning under RS-IO20" "RS-IO20 insatsområde" "$(at HBG-IO4)"
expect_eq "använd kompetensen rätt under RS-OM4" "RS-OM4 insatsområde" "$(at HBG-IO5)"
expect_eq "beläggningsgrad" "HBG-IO2 målsättning" "$(at HBG-M22)"
expect_eq "beläggningsgrad title" "Minska dagens höga beläggningsgrad i slutenvården" "$(title HBG-M22)"
expect_eq "eLab" "HBG-IO3 målsättning" "$(at HBG-M34)"
expect_eq "eLab title" "Alla lab remisser ska skickas digitalt (eLab)" "$(title HBG-M34)"
expect_eq "AT/BT/ST title (joined over lines 450–452)" "Helsingborgs lasarett skall fortsatt utbilda läkare inom AT-, BT- och ST-utbildningen utifrån rådande riktlinjer." "$(title HBG-M45)"
expect_eq "HME" "HBG-IO5 målsättning" "$(at HBG-M57)"
expect_eq "HME title" "Förbättrat resultat HME" "$(title HBG-M57)"
expect_eq "every row cites seed 000" 0 "$(sql "$db" "SELECT count(*) FROM goal WHERE code LIKE 'HBG-%' AND text NOT LIKE 'Seed 000 line%'")"
expect_eq "every row owned by HBG (huvudansvar)" 40 "$(sql "$db" "SELECT count(*) FROM goal_owner o JOIN goal g ON g.id = o.goal_id JOIN org_unit u ON u.id = o.unit_id WHERE g.code LIKE 'HBG-%' AND u.code = 'HBG' AND o.role = 'huvudansvar'")"

# The X-matris of the board lists them, each with its chain up to the vision.
run --db "$db" show xmatris --unit HBG
expect_eq "xmatris exit" 0 "$rc"
expect_eq "every HBG goal in the X-matris" 40 "$(printf '%s\n' "$out" | grep -c '^mål [0-9]*  HBG-')"
expect_contains "heading" "HBG-IO3  [insatsområde]  Digitalisering" "$out"
expect_contains "målsättning" "HBG-M22  [målsättning]  Minska dagens höga beläggningsgrad i slutenvården" "$out"
expect_contains "chain of a målsättning" "under: HBG-IO3 › RS-IO21 › RS-OM3 › RS-VISION" "$out"
expect_contains "chain under RS-OM4" "under: HBG-IO5 › RS-OM4 › RS-VISION" "$out"

# With every demo file: the codes clash with no other file's.
all=$(newdb all)
"$STYR" --db "$all" init >/dev/null
run --db "$all" import csv "$DEMO"/*.csv
expect_eq "whole demo loads" 0 "$rc"
expect_eq "HBG goals in the whole demo" 40 "$(sql "$all" "SELECT count(*) FROM goal WHERE code LIKE 'HBG-%'")"
run --db "$all" show xmatris --unit HBG
expect_eq "HBG's goals in the whole demo's X-matris" "$(cat "$DEMO"/goals*.csv | grep -c "[;|]HBG:")" "$(printf '%s\n' "$out" | grep -c '^mål ')"
finish
