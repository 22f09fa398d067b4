#!/usr/bin/env bash
# The event engine on a small hand-made event set (tests/cli/data/events/
# hand) whose values are worked out here by hand: events across midnight,
# month and year, missing timestamps, exact limits (60 min is not < 1 h,
# 4 h is ≤ 4 h), a time with a zone, an alias for a unit, and readmissions.
# Then: computing again writes nothing; bad rows are listed with file, line
# and field and nothing is loaded (or, with --skip-bad, the rest is); a
# changed file is refused; an approved period refuses new values.
. "$(dirname "$0")/lib.sh"
D=$SRCDIR/tests/cli/data/events
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
"$STYR" --db "$db" import csv "$D/org_units.csv" >/dev/null
cp -r "$D/hand" "$T/hand"

run --db "$db" events load "$T/hand"
expect_eq "load exit" 0 "$rc"
expect_eq "load summary" "styr: loaded 27 events" "$out"
expect_eq "recorded files" "census|3 drg|2 ed|5 inpatient|6 operations|3 visits|4 waitlist|4" \
	"$(sql "$db" "SELECT kind, rows FROM event_file ORDER BY kind" | tr '\n' ' ' | sed 's/ $//')"

run --db "$db" events compute --year 2024
expect_eq "compute exit" 0 "$rc"
expect_contains "compute summary" "written, 0 unchanged" "$out"

# val IND UNIT FIRST LAST: value, numerator and denominator in thousandths
val() {
	sql "$db" "SELECT CAST(round(v.value * 1000) AS INTEGER) || ';' ||
		COALESCE(CAST(round(v.numerator * 1000) AS INTEGER), -1) || ';' ||
		COALESCE(CAST(round(v.denominator * 1000) AS INTEGER), -1)
		FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id
		WHERE i.code = '$1' AND u.code = '$2' AND v.year = 2024 AND v.first_month = $3
		AND v.last_month = $4"
}

# --- emergency department (H-AKM) -----------------------------------------
# January: E1 arrives 31 Jan 23:30 (counted in January although everything
# else happens on 1 February): doctor after 50 min (< 1 h), ward 90 min
# after the decision (< 2 h), 3 h in all (≤ 4 h).  E2: doctor after exactly
# 60 min (not < 1 h), ward after exactly 2 h (not < 2 h), 4 h in all (≤ 4 h).
# E3 has no doctor, decision or ward time: only in the 4-hour share, 5 h.
# E4 arrived 31 Dec 2023: not 2024.  E5 (10:00+01:00, February) has a
# doctor after 10 min and no departure.
expect_eq "ID0210 january 1/2" "50000;1000;2000" "$(val ID0210 H-AKM 1 1)"
expect_eq "ID0210 february 1/1" "100000;1000;1000" "$(val ID0210 H-AKM 2 2)"
expect_eq "ID0210 year 2/3" "66700;2000;3000" "$(val ID0210 H-AKM 1 12)"
expect_eq "ID0340 january 1/2" "50000;1000;2000" "$(val ID0340 H-AKM 1 1)"
expect_eq "4 h january 2/3" "66700;2000;3000" "$(val EV-AKUT4H H-AKM 1 1)"
expect_eq "4 h february: no departure, no value" "" "$(val EV-AKUT4H H-AKM 2 2)"
# rolled up to the hospital unchanged
expect_eq "ID0210 year at H" "66700;2000;3000" "$(val ID0210 H 1 12)"

# --- inpatient episodes (H-A; I4 and I6 name it by its alias "Klinik A") --
# I1 30 Dec 2023 → 2 Jan 2024: discharged in January, 3 days; vårddagar 2
# in 2023, 1 (the night to 2 Jan) in January.  I2 20 → 25 Jan (5), I3 25 →
# 26 Jan (1), I4 31 Jan → 3 Feb (3: 1 night in January, 2 in February), I5
# 5 Feb the same day (0), I6 5 → 6 Mar (1).
expect_eq "vårdtillfällen january" "3000;-1;-1" "$(val PROD-SV-VTF H-A 1 1)"
expect_eq "vårdtillfällen year" "6000;-1;-1" "$(val PROD-SV-VTF H-A 1 12)"
expect_eq "medelvårdtid january 9/3" "3000;9000;3000" "$(val EV-MVT H-A 1 1)"
expect_eq "medelvårdtid february 3/2" "1500;3000;2000" "$(val EV-MVT H-A 2 2)"
expect_eq "medelvårdtid year 13/6 = 2,17" "2200;13000;6000" "$(val EV-MVT H-A 1 12)"
expect_eq "vårddagar january 1+5+1+1" "8000;-1;-1" "$(val PROD-SV-VD H-A 1 1)"
expect_eq "vårddagar february" "2000;-1;-1" "$(val PROD-SV-VD H-A 2 2)"
expect_eq "vårddagar year" "11000;-1;-1" "$(val PROD-SV-VD H-A 1 12)"
# DRG D1 0,500, D2 1,25; I5 has none: (0,5+1,25+0,5+1,25+0,5)/5
expect_eq "case mix year 4/5" "800;4000;5000" "$(val EV-CMI H-A 1 12)"
expect_eq "case mix january 2,25/3" "750;2250;3000" "$(val EV-CMI H-A 1 1)"
# ID0091, 65 and older (I5 is 40): I1 (discharged 2 Jan) is followed by I2
# 18 days later; I2 by I3 the same day (0 days: not 1-30) and nothing else;
# I4 (3 Feb) by I6 31 days later (not within 30).
expect_eq "ID0091 january 1/3" "33300;1000;3000" "$(val ID0091 H-A 1 1)"
expect_eq "ID0091 february 0/1" "0;0;1000" "$(val ID0091 H-A 2 2)"
expect_eq "ID0091 year 1/5" "20000;1000;5000" "$(val ID0091 H-A 1 12)"
expect_eq "no change without a previous year" "" "$(val EV-ID0091-F H-A 1 12)"

# --- waiting list: snapshots at the end of each month ---------------------
# 31 Jan: W1 (listed 1 Oct 2023) has waited 122 days, W2 16 days; W3
# (operation, 15 Nov) 77 days.  29 Feb: W1 151, W4 28; W2 done 10 Feb; W3
# done 29 Feb, on the snapshot day, so no longer waiting.  March to
# December: W1 alone, over 90 days.
expect_eq "ID0069 january 1/2" "50000;1000;2000" "$(val ID0069 H-A 1 1)"
expect_eq "ID0069 february 1/2" "50000;1000;2000" "$(val ID0069 H-A 2 2)"
expect_eq "ID0069 march 0/1" "0;0;1000" "$(val ID0069 H-A 3 3)"
expect_eq "ID0069 year: mean of the months (50+50)/12" "8300;-1;-1" "$(val ID0069 H-A 1 12)"
expect_eq "ID0070 january 1/1" "100000;1000;1000" "$(val ID0070 H-A 1 1)"
expect_eq "ID0070 year: the one month" "100000;-1;-1" "$(val ID0070 H-A 1 12)"

# --- visits and operations ------------------------------------------------
# V2 on its target date, V3 a day late, V1 a first visit, V4 no target
expect_eq "ID0139 january 1/2" "50000;1000;2000" "$(val ID0139 H-A 1 1)"
expect_eq "besök year" "4000;-1;-1" "$(val PROD-OV-BES H-A 1 12)"
expect_eq "läkarbesök year" "2000;-1;-1" "$(val PROD-OV-LAK H-A 1 12)"
expect_eq "övriga year" "2000;-1;-1" "$(val PROD-OV-OVR H-A 1 12)"
expect_eq "operationer year" "3000;-1;-1" "$(val PROD-OP-TOT H-A 1 12)"
expect_eq "öppenvårdsoperationer year" "2000;-1;-1" "$(val PROD-OP-OV H-A 1 12)"

# --- bed census -----------------------------------------------------------
# January 40 staffed bed-days, 2 överbeläggningar, 1 utlokaliserad, 41
# occupied; February 10, 1, 0, 10.
expect_eq "ID0128 january 2/40" "5000;2000;40000" "$(val ID0128 H-A 1 1)"
expect_eq "ID0128 year 3/50" "6000;3000;50000" "$(val ID0128 H-A 1 12)"
expect_eq "ID0010 january 1/40" "2500;1000;40000" "$(val ID0010 H-A 1 1)"
expect_eq "beläggning january 41/40" "102500;41000;40000" "$(val EV-BEL H-A 1 1)"
expect_eq "vårdplatser january 40/31 days" "1300;40000;31000" "$(val PROD-VPL H-A 1 1)"
expect_eq "vårdplatser year 50/366 days" "100;50000;366000" "$(val PROD-VPL H-A 1 12)"

# --- provenance -----------------------------------------------------------
src=$(sql "$db" "SELECT DISTINCT v.source FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0210'")
expect_contains "source names the run and the rule" "händelser " "$src"
expect_contains "source names the rule" "händelseregler 1" "$src"
runid=$(printf '%s' "$src" | sed 's/händelser \([0-9a-f]*\).*/\1/')
expect_contains "the run lists the files and hashes" "ed $T/hand/ed.csv" \
	"$(sql "$db" "SELECT files FROM event_run WHERE id = '$runid'")"
expect_eq "computed indicators registered" "produktion" \
	"$(sql "$db" "SELECT category FROM indicator WHERE code = 'EV-MVT'")"

# --- computing again from the same files changes nothing ------------------
before=$(dbdump "$db")
run --db "$db" events compute --year 2024
expect_eq "recompute exit" 0 "$rc"
expect_contains "recompute writes nothing" ": 0 written," "$out"
expect_eq "recompute leaves the database as it was" "$before" "$(dbdump "$db")"

# --- one indicator, one unit ----------------------------------------------
run --db "$db" events compute --year 2024 --unit H-AKM --indicator ID0210
# January, February and the year
expect_contains "one indicator, one unit: 3 values" "computed 3 values" "$out"
run --db "$db" events compute --year 2024 --indicator ID9999
expect_eq "unknown indicator exit" 2 "$rc"
expect_contains "unknown indicator" "indicator ID9999: not computed from events" "$errout"

# --- a file changed after loading is refused ------------------------------
echo "E9,P9,H-AKM,2024-03-01 10:00,2024-03-01 10:20,,,2024-03-01 11:00" >>"$T/hand/ed.csv"
run --db "$db" events compute --year 2024
expect_eq "changed file exit" 2 "$rc"
expect_contains "changed file named" "$T/hand/ed.csv changed since it was loaded" "$errout"
expect_eq "changed file: nothing written" "$before" "$(dbdump "$db")"

# --- an approved period refuses new values --------------------------------
run --db "$db" events load "$T/hand/ed.csv"
expect_eq "reload exit" 0 "$rc"
sql "$db" "INSERT INTO report_state(unit_id, year, first_month, last_month, state, by_user, time)
	SELECT id, 2024, 3, 3, 2, 'chefen', '2024-04-10T10:00:00Z' FROM org_unit WHERE code = 'H'" >/dev/null
locked=$(dbdump "$db")
run --db "$db" events compute --year 2024
expect_eq "locked period exit" 2 "$rc"
expect_contains "locked period named with indicator and unit" "ID0210 H 2024-03: period mars 2024 is locked" "$errout"
expect_eq "locked: nothing written" "$locked" "$(dbdump "$db")"
# the unchanged figures of the other months are no obstacle once the lock goes
sql "$db" "DELETE FROM report_state" >/dev/null
run --db "$db" events compute --year 2024
expect_eq "after unlock exit" 0 "$rc"
expect_eq "March now has E9 (20 min)" "100000;1000;1000" "$(val ID0210 H-AKM 3 3)"

# --- bad rows -------------------------------------------------------------
db2=$(newdb b)
"$STYR" --db "$db2" init >/dev/null
"$STYR" --db "$db2" import csv "$D/org_units.csv" >/dev/null
empty=$(dbdump "$db2")
run --db "$db2" events load "$D/bad"
expect_eq "bad rows exit" 2 "$rc"
expect_contains "unparseable time" "bad/ed.csv:2: arrival: \"2024-13-01 10:00\": expected a time such as 2024-03-31 23:15" "$errout"
expect_contains "unknown unit" "bad/ed.csv:3: unit: unknown unit \"H-XX\"" "$errout"
expect_contains "negative duration" "bad/ed.csv:4: ward: before the admission decision: a negative duration" "$errout"
expect_contains "duplicate id" "bad/ed.csv:6: id: duplicate id: also on $D/bad/ed.csv:5" "$errout"
expect_contains "code outside the list" "bad/inpatient.csv:2: sex: \"X\" is outside the code list" "$errout"
expect_contains "discharge before admission" "bad/inpatient.csv:3: discharge: discharge before admission" "$errout"
expect_contains "summary" "(6 bad rows in all; nothing was loaded, --skip-bad loads the rest)" "$errout"
expect_eq "bad rows: nothing loaded" "$empty" "$(dbdump "$db2")"
run --db "$db2" events load --skip-bad "$D/bad"
expect_eq "skip-bad exit" 1 "$rc"
expect_eq "skip-bad summary" "styr: loaded 2 events, skipped 6 bad rows (listed above)" "$out"
# the second E4 is the duplicate: one E4 stays
expect_eq "skipped rows recorded" "ed|1|4 inpatient|1|2" \
	"$(sql "$db2" "SELECT kind, rows, skipped FROM event_file ORDER BY kind" | tr '\n' ' ' | sed 's/ $//')"
run --db "$db2" events compute --year 2024
expect_eq "compute after skip-bad exit" 0 "$rc"
db=$db2
expect_eq "the one good ED row (the first E4, 2 h) makes January's 4-hour share" \
	"100000;1000;1000" "$(val EV-AKUT4H H-AKM 1 1)"

# --- usage ----------------------------------------------------------------
run --db "$db" events load "$D/org_units.csv"
expect_eq "not an event file exit" 2 "$rc"
expect_contains "not an event file" "not an event file" "$errout"
run --db "$db" events compute
expect_eq "compute without year" 2 "$rc"
finish
