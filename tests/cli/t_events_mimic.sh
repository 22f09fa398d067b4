#!/usr/bin/env bash
# Real event data: the MIMIC-IV demo (../shared/testdata/events, 100
# patients, read gzipped as published) loads through the column mapping
# data/events/mimic-iv.map with no code change, and its length of stay
# (medelvårdtid), share of ED visits of at most 4 hours and readmissions
# within 1-30 days for patients 65 and older agree, year by year, with the
# same computation written in SQL over the same CSV files and run by
# sqlite3.
. "$(dirname "$0")/lib.sh"
M=$SHARED/testdata/events/mimic-iv-demo-2.2/hosp
MAP=$SRCDIR/data/events/mimic-iv.map
mkdir "$T/csv"
for f in admissions patients; do
	gzip -dc "$M/$f.csv.gz" >"$T/csv/$f.csv"
done
sqlite3 "$T/mimic.db" ".import --csv $T/csv/admissions.csv admissions" \
	".import --csv $T/csv/patients.csv patients"

# The rules of docs/indicators.md, by hand, over MIMIC's own columns.
sqlite3 "$T/mimic.db" >"$T/sql.txt" <<'SQL'
.mode list
.separator ;
CREATE TEMP TABLE a AS
SELECT subject_id, admittime, dischtime, NULLIF(edregtime, '') AS edreg,
       NULLIF(edouttime, '') AS edout
FROM admissions;
-- counts per year; values rounded half away from zero on the integers:
-- (2n + d) / (2d) in integer division
CREATE TEMP TABLE r(rule, year, num, den);
-- medelvårdtid: days between the dates of admission and discharge, by the
-- year of discharge
INSERT INTO r SELECT 'EV-MVT', substr(dischtime, 1, 4),
       CAST(SUM(julianday(date(dischtime)) - julianday(date(admittime))) AS INTEGER), COUNT(*)
FROM a GROUP BY 2;
-- time in the emergency department at most 4 hours, by the year of arrival
INSERT INTO r SELECT 'EV-AKUT4H', substr(edreg, 1, 4),
       SUM(unixepoch(edout) - unixepoch(edreg) <= 14400), COUNT(*)
FROM a WHERE edreg IS NOT NULL AND edout IS NOT NULL GROUP BY 2;
-- readmitted 1-30 days after discharge, patients 65 or older at admission
-- (anchor_age is the age in anchor_year)
INSERT INTO r SELECT 'ID0091', substr(i.dischtime, 1, 4),
       SUM(EXISTS (SELECT 1 FROM a j WHERE j.subject_id = i.subject_id
                   AND date(j.admittime) BETWEEN date(i.dischtime, '+1 day')
                                             AND date(i.dischtime, '+30 days'))),
       COUNT(*)
FROM a i JOIN patients p ON p.subject_id = i.subject_id
WHERE CAST(substr(i.admittime, 1, 4) AS INTEGER) - (p.anchor_year - p.anchor_age) >= 65
GROUP BY 2;
SELECT rule, 'ALL', year, num, den,
       printf('%.1f', CASE rule WHEN 'EV-MVT' THEN ((20 * num + den) / (2 * den)) / 10.0
                      ELSE ((2000 * num + den) / (2 * den)) / 10.0 END)
FROM r;
SELECT 'PROD-SV-VTF', 'ALL', year, '', '', den FROM r WHERE rule = 'EV-MVT';
SQL
sort -o "$T/sql.txt" "$T/sql.txt"
expect_eq "sql: 92 years of discharges" 1 "$(grep -c '^PROD-SV-VTF;ALL;2110;' "$T/sql.txt")"
expect_eq "sql: 275 admissions" 275 "$(grep '^PROD-SV-VTF' "$T/sql.txt" | cut -d';' -f6 | paste -sd+ | bc)"
expect_eq "sql: 182 ED visits" 182 "$(grep '^EV-AKUT4H' "$T/sql.txt" | cut -d';' -f5 | paste -sd+ | bc)"

# styr, year by year, straight from the gzipped files
: >"$T/styr.txt"
for y in $(cut -d';' -f3 "$T/sql.txt" | sort -u); do
	"$STYR" events compute-files --mapping "$MAP" --year "$y" "$M" 2>>"$T/styr-err.txt" |
		grep -E "^(EV-MVT|PROD-SV-VTF|EV-AKUT4H|ID0091);ALL;$y;" >>"$T/styr.txt"
done
sort -o "$T/styr.txt" "$T/styr.txt"
checks=$((checks + 1))
if ! diff "$T/sql.txt" "$T/styr.txt" >"$T/diff"; then
	fail "styr and sqlite3 differ on MIMIC: $(head -20 "$T/diff")"
fi
expect_eq "styr read no bad rows" "" "$(grep -v '^events ' "$T/styr-err.txt")"

# and through a database: load with the mapping, compute one year
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
# MIMIC-IV's years are shifted into the 22nd century: widen the write
# gate's window of plausible years
"$STYR" --db "$db" config years 1990-2300 >/dev/null
"$STYR" --db "$db" import csv "$SRCDIR/data/events/mimic-iv-org_units.csv" >/dev/null
run --db "$db" events load --mapping "$MAP" "$M"
expect_eq "load exit" 0 "$rc"
# 100 patients, 275 admissions, 182 of them through the ED
expect_eq "load summary" "styr: loaded 557 events" "$out"
expect_eq "recorded" "ed|182 inpatient|275 patients|100" \
	"$(sql "$db" "SELECT kind, rows FROM event_file ORDER BY kind" | tr '\n' ' ' | sed 's/ $//')"
y=$(grep '^EV-MVT' "$T/sql.txt" | sort -t';' -k5,5n | tail -1 | cut -d';' -f3)
run --db "$db" events compute --year "$y"
expect_eq "compute exit" 0 "$rc"
expect_eq "medelvårdtid $y in the database" \
	"$(grep "^EV-MVT;ALL;$y;" "$T/sql.txt" | cut -d';' -f6)" \
	"$(sql "$db" "SELECT CAST(v.value AS TEXT) FROM value v JOIN indicator i ON i.id = v.indicator_id
		JOIN org_unit u ON u.id = v.unit_id WHERE i.code = 'EV-MVT' AND u.code = 'MIMIC'
		AND v.year = $y AND v.first_month = 1 AND v.last_month = 12" | sed 's/^\([0-9]*\)$/\1.0/')"
# the code list: an admission type the mapping does not list is a bad row
sed 's/^code unit URGENT = MIMIC-MED$//' "$MAP" >"$T/short.map"
run --db "$db" events load --mapping "$T/short.map" "$M"
expect_eq "unlisted code exit" 2 "$rc"
expect_contains "unlisted code named" "admissions.csv.gz:3: unit: \"URGENT\" is outside the code list of the mapping" "$errout"
finish
