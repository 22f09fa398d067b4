#!/usr/bin/env bash
# Budget profiles (periodiseringsprofiler) as data: the demo's profile for
# Landskrona (data/demo/profile.csv: every row 9 8 9 8 9 8 5 7 9 9 9 10,
# Σ 100, jan–aug 63; regionbidrag flat) periodises styr ledger's budget
# when no --profile is given, a unit without one takes its parent's, bad
# files are refused naming file, line and column with nothing stored, and
# export → import gives the same bytes.  A profile for one year (migration
# 0008) periodises that year's tables only, and a database from before
# 0008 keeps its profiles as profiles for every year.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
run --db "$db" import csv "$DEMO/profile.csv" "$DEMO/ledger.csv" "$DEMO/org_units.csv"
expect_eq "import exit" 0 "$rc"
expect_eq "import summary" "styr: imported 42 org, 240 ledger, 2 profiles" "${out%%$'\n'*}"
expect_contains "import: ledger added" "ledger: 240 tillagda, 0 ändrade, 0 oförändrade" "$out"
expect_eq "stored rows" "2" "$(sql "$db" "SELECT count(*) FROM budget_profile")"
expect_eq "stored weights in hundredths" "900|500|1000" \
	"$(sql "$db" "SELECT w1, w7, w12 FROM budget_profile WHERE row_code = ''")"

# a table line with plain spaces and hyphens for the minus sign and "–"
line() { printf '%s\n' "$out" | grep "^$1" | tr -s ' \302\240' ' ' | sed 's/−/-/g; s/–/-/g'; }

# --- styr ledger jan–aug with the stored profile
run --db "$db" ledger --unit LKR --year 2024 --months 8
expect_eq "ledger exit" 0 "$rc"
# regionbidrag has a row profile of its own, flat: 281 300 × 8 / 12 = 187 533,3
expect_eq "regionbidrag, its own row profile" "Regionbidrag - - 187 533 - - - 281 300" "$(line Regionbidrag)"
# patientavgifter by LKR's profile for all rows: 7 753 × 63 / 100 = 4 884,39
expect_eq "patientavgifter, the unit's profile" "Patient/trafikantavgifter - - 4 884 - - - 8 053" \
	"$(line Patient)"
# lönekostnader: −169 775 × 63 / 100 = −106 958,25 → −106 958
expect_eq "lönekostnader" "Lönekostnader - - -106 958 - - - -187 046" "$(line Lönekostnader)"
# SUMMA INTÄKTER is the sum of its rows for the period, exact, rounded
# once (issue 15): 187 533,33 + 4 884,39 + 29 912,4 (47 480 × 0,63) +
# 10 022,67 (15 909 × 0,63) + 284,76 (452 × 0,63) + 51 396,03 (81 581 ×
# 0,63) = 284 033,58 → 284 034, not 434 475 × 0,63 = 273 719 (the year's
# income is not all spread by the profile); the rows as shown add up to
# 284 033, one tkr of rounding
expect_eq "summa intäkter adds up" "SUMMA INTÄKTER - - 284 034 - - - 449 763" "$(line 'SUMMA INTÄKTER')"
# SUMMA KOSTNADER: the ten cost rows × 0,63 exactly, −434 475 × 0,63 =
# −273 719,25 → −273 719 (the rows rounded each would add up to −273 718)
expect_eq "summa kostnader" "SUMMA KOSTNADER - - -273 719 - - - -470 763" "$(line 'SUMMA KOSTNADER')"
# RESULTAT 284 033,58 − 273 719,25 = 10 314,33 → 10 314: income spread
# flat, summer costs low
expect_eq "resultat" "RESULTAT - - 10 314 - - - -21 000" "$(line RESULTAT)"
expect_contains "which profiles, and that the sums add up" \
	"Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag; budgetprofilen för LKR (övriga rader); summaraderna är summan av sina rader." "$out"
case "$out" in *"Regionbidrag: "*) fail "regionbidrag's profile listed rows" ;; esac

# the delårsrapport periodises the same way (one path): the same figures
# and the same profiles named under its resultaträkning
run --db "$db" report delarsrapport --unit LKR --period "jan–aug 2024" --format html -o "$T/d.html"
expect_eq "report exit" 0 "$rc"
html=$(sed 's/\xc2\xa0/ /g; s/−/-/g' "$T/d.html")
expect_contains "report regionbidrag" '<th scope="row">Regionbidrag</th><td>–</td><td>–</td><td class="num">187 533</td>' "$html"
expect_contains "report summa intäkter" '<th scope="row">SUMMA INTÄKTER</th><td>–</td><td>–</td><td class="num">284 034</td>' "$html"
expect_contains "report resultat" '<th scope="row">RESULTAT</th><td>–</td><td>–</td><td class="num">10 314</td>' "$html"
expect_contains "report names the profiles" "<p>Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag; budgetprofilen för LKR (övriga rader); summaraderna är summan av sina rader.</p>" "$html"

# --profile still wins: 281 300 × 61 / 100 = 171 593
run --db "$db" ledger --unit LKR --year 2024 --months 8 --profile 8,8,9,9,9,7,4,7,9,9,10,11
expect_contains "--profile wins" "171 593" "$(line Regionbidrag)"
expect_contains "--profile named" "Periodisering: --profile 8,8,9,9,9,7,4,7,9,9,10,11" "$out"
# a whole year is not periodised: no note
run --db "$db" ledger --unit LKR --year 2024
expect_eq "whole year: no note" "" "$(printf '%s\n' "$out" | grep Periodisering)"

# --- a unit without a profile takes its parent's: LKR-PO under LKR
{
	echo 'unit;table;year;month;row;kind;amount;source'
	echo 'LKR-PO;;2024;;lakemedel;budget;-1000;'
	echo 'LKR-PO-KUA;;2024;;lakemedel;budget;-1000;'
	echo 'HBG;;2024;;lakemedel;budget;-1200;'
} >"$T/po.csv"
"$STYR" --db "$db" import csv "$T/po.csv" >/dev/null || fail "importing LKR-PO"
run --db "$db" ledger --unit LKR-PO --year 2024 --months 7
# jan–jul 9+8+9+8+9+8+5 = 56: −1 000 × 56 / 100 = −560
expect_eq "parent's profile" "Läkemedel - - -560 - - - -" "$(line Läkemedel)"
expect_contains "parent's profile named" "Periodisering av årsbudgeten: budgetprofilen för LKR (alla rader)" "$out"
# two levels down, the same
run --db "$db" ledger --unit LKR-PO-KUA --year 2024 --months 7
expect_eq "grandparent's profile" "Läkemedel - - -560 - - - -" "$(line Läkemedel)"
# HBG has none above it either: flat, −1 200 × 7 / 12 = −700
run --db "$db" ledger --unit HBG --year 2024 --months 7
expect_eq "flat" "Läkemedel - - -700 - - - -" "$(line Läkemedel)"
expect_contains "flat named" "Periodisering av årsbudgeten: jämnt, 1/12 per månad (ingen lagrad profil)" "$out"
# an organisation-wide default on the region (July 0) reaches HBG
printf 'unit;row;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\nRS;;1;1;1;1;1;1;0;1;1;1;1;1\n' >"$T/rs.csv"
"$STYR" --db "$db" import csv "$T/rs.csv" >/dev/null || fail "importing the region's profile"
run --db "$db" ledger --unit HBG --year 2024 --months 7
# Σ 11, jan–jul 6: −1 200 × 6 / 11 = −654,5 → −655
expect_eq "region default" "Läkemedel - - -655 - - - -" "$(line Läkemedel)"
expect_contains "region default named" "Periodisering av årsbudgeten: budgetprofilen för RS (alla rader)" "$out"
# and LKR's own still wins below LKR
run --db "$db" ledger --unit LKR-PO --year 2024 --months 7
expect_eq "nearest unit wins" "Läkemedel - - -560 - - - -" "$(line Läkemedel)"

# --- export and import again give the same bytes
# (the demo's file has no year column: every year, an empty year)
run --db "$db" export profiles
expect_eq "export" "unit;row;year;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec
LKR;;;9;8;9;8;9;8;5;7;9;9;9;10
LKR;regionbidrag;;1;1;1;1;1;1;1;1;1;1;1;1
RS;;;1;1;1;1;1;1;0;1;1;1;1;1" "$out"
"$STYR" --db "$db" export all --dir "$T/first" >/dev/null || fail "export all"
db2=$(newdb b)
"$STYR" --db "$db2" init >/dev/null
run --db "$db2" import csv "$T/first"/*.csv
expect_eq "reimport exit" 0 "$rc"
"$STYR" --db "$db2" export all --dir "$T/second" >/dev/null
expect_eq "round trip profiles.csv" "$(cat "$T/first/profiles.csv")" "$(cat "$T/second/profiles.csv")"
# decimals survive: 8,5 and 8,25 are 850 and 825 hundredths
printf 'unit;row;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\nLKR-S;Lönekostnader;8,5;8,5;8,5;8,5;8,5;8,5;6,5;8,25;8,5;8,5;8,5;8,5\n' >"$T/dec.csv"
"$STYR" --db "$db2" import csv "$T/dec.csv" >/dev/null || fail "importing decimals"
expect_contains "decimals and the row's code" "LKR-S;lonekostnader;;8,5;8,5;8,5;8,5;8,5;8,5;6,5;8,25;8,5;8,5;8,5;8,5" \
	"$("$STYR" --db "$db2" export profiles)"
run --db "$db2" export profiles --format json
expect_contains "json" '{"unit":"LKR","row":"","year":null,"jan":9,"feb":8,"mar":9,"apr":8,"maj":9,"jun":8,"jul":5,"aug":7,"sep":9,"okt":9,"nov":9,"dec":10}' "$out"
# importing the same file again replaces, changing nothing (the export;
# a PostgreSQL dump would show the data version move)
before=$("$STYR" --db "$db2" export profiles)
"$STYR" --db "$db2" import csv "$DEMO/profile.csv" >/dev/null || fail "reimport same"
expect_eq "reimport same" "$before" "$("$STYR" --db "$db2" export profiles)"
expect_eq "reimport same: rows (LKR ×2, RS, LKR-S)" 4 "$(sql "$db2" "SELECT count(*) FROM budget_profile")"

# --- bad files: exit 2, file:line:column, nothing stored
before=$(dbdump "$db")
PH='unit;row;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec'
bad() {
	printf '%s\n' "$2" >"$T/$1"
	run --db "$db" import csv "$DEMO/profile.csv" "$T/$1"
	expect_eq "$1: exit" 2 "$rc"
	expect_eq "$1: message" "styr: $T/$1:$3" "$errout"
	expect_eq "$1: database unchanged" "$before" "$(dbdump "$db")"
}
bad negative.csv "$PH
LKR-S;;9;8;9;8;9;8;5;7;9;9;9;10
LKR;;9;8;9;8;9;8;-5;7;9;9;9;10" \
	'3: column "jul": weight "-5": expected 0 or more (a month cannot weigh less than nothing)'
bad nan.csv "$PH
LKR;;9;8;9;8;9;8;fem;7;9;9;9;10" \
	'2: column "jul": weight "fem": expected a number such as 8 or 8,5 (at most two decimals)'
bad percent.csv "$PH
LKR;;9;8;9;8;9;8;5 %;7;9;9;9;10" \
	'2: column "jul": weight "5 %": expected a number such as 8 or 8,5 (at most two decimals)'
bad zero.csv "$PH
LKR;;0;0;0;0;0;0;0;0;0;0;0;0" \
	'2: columns "jan"–"dec": the twelve weights are all 0: expected at least one above 0'
bad gap.csv "$PH
LKR;;9;8;9;8;9;8;;7;9;9;9;10" \
	'2: column "jul" is empty: a value is required'
bad short.csv "$PH
LKR;;9;8;9;8;9;8;5;7;9;9;9" \
	'2: 13 fields: expected 14 as in the header'
bad nomonth.csv 'unit;row;jan;feb;mar;apr;maj;jun;aug;sep;okt;nov;dec
LKR;;9;8;9;8;9;8;7;9;9;9;10' \
	'1: missing column "jul": a profiles file needs the columns of docs/formats.md'
bad unit.csv "$PH
LKX;;9;8;9;8;9;8;5;7;9;9;9;10" \
	'2: column "unit": org unit "LKX" does not exist'
bad row.csv "$PH
LKR;lönekostnad;9;8;9;8;9;8;5;7;9;9;9;10" \
	'2: column "row": row "lönekostnad" is not in the resultaträkning plan: expected a row code such as lonekostnader or a label such as "SUMMA INTÄKTER"'

# a store failing half-way rolls the whole import back
db3=$(newdb fault)
"$STYR" --db "$db3" init >/dev/null
"$STYR" --db "$db3" import csv "$DEMO/org_units.csv" >/dev/null
inject_failure "$db3" budget_profile 1
before=$(dbdump "$db3")
run --db "$db3" import csv "$DEMO/profile.csv" "$DEMO/ledger.csv"
expect_contains "fault: message" "injected failure" "$errout"
expect_eq "fault: nothing stored" "$before" "$(dbdump "$db3")"
# --- a profile for one year: next year's profile beside the demo's
dby=$(newdb year)
"$STYR" --db "$dby" init >/dev/null
"$STYR" --db "$dby" import csv "$DEMO/profile.csv" "$DEMO/ledger.csv" "$DEMO/org_units.csv" >/dev/null ||
	fail "importing the demo into the year database"
# the year column may stand anywhere; LKR's 2025 profile for all rows:
# 10 a month, July 0, August 5, December 15: Σ 110, jan–aug 65
{
	echo 'unit;year;row;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec'
	echo 'LKR;2025;;10;10;10;10;10;10;0;5;10;10;10;15'
} >"$T/y2025.csv"
# and a 2025 budget for LKR of its own
{
	echo 'unit;table;year;month;row;kind;amount;source'
	echo 'LKR;;2025;;lakemedel;budget;-1200;'
	echo 'LKR;;2025;;regionbidrag;budget;120000;'
} >"$T/b2025.csv"
run --db "$dby" import csv "$T/y2025.csv" "$T/b2025.csv"
expect_eq "year import exit" 0 "$rc"
expect_eq "year import summary" "styr: imported 2 ledger, 1 profiles" "${out%%$'\n'*}"
expect_eq "stored years (the demo's are 0)" "0|900
0|100
2025|1000" "$(sql "$dby" "SELECT year, w1 FROM budget_profile ORDER BY year, row_code")"
# 2024 is as before: the same figures and the same sentence
run --db "$dby" ledger --unit LKR --year 2024 --months 8
expect_eq "2024: regionbidrag" "Regionbidrag - - 187 533 - - - 281 300" "$(line Regionbidrag)"
expect_eq "2024: patientavgifter" "Patient/trafikantavgifter - - 4 884 - - - 8 053" "$(line Patient)"
expect_eq "2024: lönekostnader" "Lönekostnader - - -106 958 - - - -187 046" "$(line Lönekostnader)"
expect_eq "2024: resultat" "RESULTAT - - 10 314 - - - -21 000" "$(line RESULTAT)"
expect_contains "2024: the profiles for every year" \
	"Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag; budgetprofilen för LKR (övriga rader); summaraderna är summan av sina rader." "$out"
# 2025: läkemedel by the 2025 profile, −1 200 × 65 / 110 = −709,09 → −709;
# regionbidrag by LKR's row profile for every year (the row's own wins
# over the unit's all-rows one, whatever its year): flat,
# 120 000 × 8 / 12 = 80 000
run --db "$dby" ledger --unit LKR --year 2025 --months 8
expect_eq "2025 exit" 0 "$rc"
expect_eq "2025: läkemedel by the 2025 profile" "Läkemedel - - -709 - - - -" "$(line Läkemedel)"
expect_eq "2025: regionbidrag by its row profile" "Regionbidrag - - 80 000 - - - -" "$(line Regionbidrag)"
expect_contains "2025: the year is named" \
	"Periodisering av årsbudgeten: budgetprofilen för LKR för raden Regionbidrag; budgetprofilen 2025 för LKR (övriga rader); summaraderna är summan av sina rader." "$out"
# the file gave no sums: they are computed from its rows, as SIE's are
expect_eq "2025: RESULTAT from the rows" "RESULTAT - - 79 291 - - - -" "$(line RESULTAT)"
# a unit below LKR takes LKR's 2025 profile for its 2025 budget
printf 'unit;table;year;month;row;kind;amount;source\nLKR-PO;;2025;;lakemedel;budget;-1100;\n' >"$T/po2025.csv"
"$STYR" --db "$dby" import csv "$T/po2025.csv" >/dev/null || fail "importing LKR-PO 2025"
run --db "$dby" ledger --unit LKR-PO --year 2025 --months 8
# −1 100 × 65 / 110 = −650
expect_eq "2025: the parent's 2025 profile" "Läkemedel - - -650 - - - -" "$(line Läkemedel)"
expect_contains "2025: the parent's 2025 profile named" \
	"Periodisering av årsbudgeten: budgetprofilen 2025 för LKR (alla rader); summaraderna är summan av sina rader." "$out"
# the export writes the year; a reimport gives the same bytes
run --db "$dby" export profiles
expect_contains "export: the year" "LKR;;2025;10;10;10;10;10;10;0;5;10;10;10;15" "$out"
"$STYR" --db "$dby" export profiles >"$T/yexp.csv"
dby2=$(newdb year2)
"$STYR" --db "$dby2" init >/dev/null
"$STYR" --db "$dby2" import csv "$DEMO/org_units.csv" "$T/yexp.csv" >/dev/null || fail "reimporting years"
expect_eq "round trip with a year" "$(cat "$T/yexp.csv")" "$("$STYR" --db "$dby2" export profiles)"

# a bad year: exit 2, file:line:column, nothing stored
before=$(dbdump "$dby")
for y in 25 tjugo 2025,5 -2025; do
	printf 'unit;row;year;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\nLKR;;2026;1;1;1;1;1;1;1;1;1;1;1;1\nLKR;;%s;1;1;1;1;1;1;1;1;1;1;1;1\n' "$y" >"$T/badyear.csv"
	run --db "$dby" import csv "$T/badyear.csv"
	expect_eq "bad year $y: exit" 2 "$rc"
	expect_eq "bad year $y: message" "styr: $T/badyear.csv:3: column \"year\": year \"$y\": expected a year such as 2025, or empty for every year" "$errout"
	expect_eq "bad year $y: database unchanged" "$before" "$(dbdump "$dby")"
done

# --- a database from before 0008 keeps its profiles, for every year
dbo=$(newdb old)
"$STYR" --db "$dbo" init >/dev/null
"$STYR" --db "$dbo" import csv "$DEMO/profile.csv" "$DEMO/ledger.csv" "$DEMO/org_units.csv" >/dev/null ||
	fail "importing the demo into the old database"
# back to budget_profile as 0006 made it, without 0008 in the list
if [ "$BACKEND" = pg ]; then
	sql "$dbo" "ALTER TABLE budget_profile DROP CONSTRAINT budget_profile_pkey;
		ALTER TABLE budget_profile DROP COLUMN year;
		ALTER TABLE budget_profile ADD PRIMARY KEY (unit_id, row_code);
		DELETE FROM styr_migration WHERE number = 8;
		UPDATE styr_schema SET version = version - 1" >/dev/null
else
	v=$(sql "$dbo" "PRAGMA user_version")
	sql "$dbo" "$(sed -n '/^CREATE TABLE budget_profile/,/WITHOUT ROWID;/p' \
		"$SRCDIR/src/store/migrations/0006_profile.sql" | sed 's/budget_profile/old_profile/')
		INSERT INTO old_profile SELECT unit_id, row_code, w1, w2, w3, w4, w5, w6, w7, w8, w9,
			w10, w11, w12 FROM budget_profile;
		DROP TABLE budget_profile;
		ALTER TABLE old_profile RENAME TO budget_profile;
		DELETE FROM styr_migration WHERE number = 8;
		PRAGMA user_version = $((v - 1))"
fi
expect_eq "old: no year column" "" \
	"$(sql "$dbo" "SELECT count(*) FROM budget_profile WHERE year = 0" 2>/dev/null)"
run --db "$dbo" ledger --unit LKR --year 2024 --months 8
expect_eq "old: ledger exit" 0 "$rc"
expect_eq "old: regionbidrag" "Regionbidrag - - 187 533 - - - 281 300" "$(line Regionbidrag)"
expect_eq "old: resultat" "RESULTAT - - 10 314 - - - -21 000" "$(line RESULTAT)"
expect_eq "old: the profiles are for every year" "|900
regionbidrag|100" "$(sql "$dbo" "SELECT row_code, w1 FROM budget_profile WHERE year = 0 ORDER BY row_code")"
expect_eq "old: 0008 listed" "1" "$(sql "$dbo" "SELECT count(*) FROM styr_migration WHERE number = 8")"
finish
