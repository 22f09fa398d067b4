#!/usr/bin/env bash
# Corrections (issue 14 item 2): styr delete removes exactly the record
# named, with one audit entry keeping it as it was; in an approved period
# it is refused and the database is unchanged; an unknown key and a unit
# or indicator that others refer to are refused naming what; --cascade
# deletes a unit, indicator or goal with what is below it.  styr set
# stores one value.  On SQLite and PostgreSQL.
. "$(dirname "$0")/lib.sh"

d=$SRCDIR/data/demo
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null 2>&1 || fail "init"
"$STYR" --db "$db" import csv $(demo_economy) "$d/indicators.csv" "$d/targets.csv" \
	"$d/values.csv" "$d/analyses.csv" >/dev/null 2>&1 || fail "import demo"
"$STYR" --db "$db" import csv "$SRCDIR/tests/cli/data/goals/goals.csv" \
	"$SRCDIR/tests/cli/data/goals/org.csv" "$SRCDIR/tests/cli/data/goals/uppdrag.csv" \
	"$SRCDIR/tests/cli/data/goals/reports.csv" >/dev/null 2>&1 || fail "import uppdrag"

# Rows of every table a delete may touch, one line each: a delete must
# change exactly its own table's count (by one) and the audit's (by one).
TABLES="org_unit org_alias goal goal_owner goal_indicator indicator target value value_gender
analysis action ledger budget_profile uppdrag uppdrag_report uppdrag_escalation report_state
app_grant index_weight open_indicator audit"
counts() {
	local t
	for t in $TABLES; do
		printf '%s=%s\n' "$t" "$(sql "$1" "SELECT count(*) FROM $t")"
	done
}
# expect_removed WHAT TABLE BEFORE AFTER: TABLE lost one row, audit got
# one, nothing else changed.
expect_removed() {
	local t want="" n
	for t in $TABLES; do
		n=$(printf '%s\n' "$3" | sed -n "s/^$t=//p")
		if [ "$t" = "$2" ]; then
			n=$((n - 1))
		elif [ "$t" = audit ]; then
			n=$((n + 1))
		fi
		want="$want$t=$n"$'\n'
	done
	expect_eq "$1: exactly one row gone, one audit entry" "${want%$'\n'}" "$4"
}
last_audit() {
	sql "$db" "SELECT \"user\" || '|' || action || '|' || entity || '|' || before || '|' || after FROM audit ORDER BY id DESC LIMIT 1"
}

# One case per kind: styr delete's arguments, the table, the audit line.
check_delete() {
	local what=$1 table=$2 audit=$3
	shift 3
	local b
	b=$(counts "$db")
	run --db "$db" delete "$@" --as anna
	expect_eq "$what: exit" 0 "$rc"
	expect_eq "$what: says so" "deleted $*" "$out"
	expect_removed "$what" "$table" "$b" "$(counts "$db")"
	expect_eq "$what: audit entry" "$audit" "$(last_audit)"
}

check_delete "value" value "anna|value.delete|value ID0069 LKR 2024|83,8|" \
	value ID0069 LKR 2024
expect_eq "value gone" "" "$(sql "$db" "SELECT v.year FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0069' AND v.year = 2024")"
expect_eq "the other years stay" 2 "$(sql "$db" "SELECT count(*) FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0069'")"
check_delete "target" target "anna|target.delete|target ID0069 LKR 2024|>95 %|" \
	target ID0069 LKR 2024
check_delete "analysis" analysis \
	"anna|analysis.delete|analysis LKR 2024 RS-OM4|Stöd medarbetarutveckling: Semesteruttag under 2024 har ökat, där 63,6 % av den tillgängliga semestern har tagits ut och alla medarbetare har fått minst fyra veckors semester. Persona|" \
	analysis LKR 2024 RS-OM4 "Stöd medarbetarutveckling"
check_delete "action" action \
	"anna|action.delete|action LKR LKR-HP2024 Beslutad handlingsplan 2024, totalt värde|Beslutad handlingsplan 2024, totalt värde; ; 7800/0 tkr|" \
	action LKR LKR-HP2024 "Beslutad handlingsplan 2024, totalt värde"
check_delete "ledger" ledger "anna|ledger.delete|ledger LKR - 2024-00 regionbidrag utfall|281300 tkr|" \
	ledger LKR - 2024 0 regionbidrag utfall
# The resultaträkning's computed sums follow a deleted row: redone from the
# rows left, deleted with the last of them.
printf 'unit;table;year;month;row;kind;amount;source\nLKR;;2031;3;regionbidrag;budget;1000;x\nLKR;;2031;3;ovriga_intakter;budget;200;x\n' >"$T/l31.csv"
run --db "$db" import csv "$T/l31.csv"
sum31() { sql "$db" "SELECT l.amount_ore / 100000 FROM ledger l JOIN org_unit o ON o.id = l.unit_id WHERE o.code = 'LKR' AND l.year = 2031 AND l.row_code = 'summa_intakter'"; }
expect_eq "computed sum" 1200 "$(sum31)"
run --db "$db" delete ledger LKR - 2031 3 ovriga_intakter budget
expect_eq "computed sum redone" 1000 "$(sum31)"
run --db "$db" delete ledger LKR - 2031 3 regionbidrag budget
expect_eq "the last row takes its sums along" 0 \
	"$(sql "$db" "SELECT count(*) FROM ledger l JOIN org_unit o ON o.id = l.unit_id WHERE o.code = 'LKR' AND l.year = 2031")"
check_delete "profile" budget_profile \
	"anna|profile.delete|profile LKR regionbidrag 0|100 100 100 100 100 100 100 100 100 100 100 100|" \
	profile LKR regionbidrag 0
check_delete "uppdrag report" uppdrag_report \
	"anna|uppdrag.delete|uppdrag RS-U1 HSN 2024-08-20|pågår: Arbetet med strategin har startat.|" \
	uppdrag-report RS-U1 HSN 2024-08-20

# Without --as the operating-system user is named.
run --db "$db" delete value ID0069 LKR 2023
expect_eq "cli user exit" 0 "$rc"
expect_eq "audited as the OS user" "cli:$(id -un)|value.delete" "$(last_audit | cut -d'|' -f1-2)"

# Unknown keys: exit 2, the key named, nothing changed.
before=$(dbdump "$db")
run --db "$db" delete value ID0069 LKR 2024
expect_eq "deleted twice" 2 "$rc"
expect_eq "deleted twice message" "styr: no value of ID0069 for LKR in 2024" "$errout"
run --db "$db" delete value NOPE LKR 2024
expect_eq "unknown indicator" 'styr: indicator "NOPE" does not exist' "$errout"
run --db "$db" delete action HHM LKR-HP2024 "Uppnådd effekt 2024: övergripande styrnings- och strukturfrågor"
expect_eq "another unit's action" 2 "$rc"
expect_eq "another unit's action message" 'styr: no action "Uppnådd effekt 2024: övergripande styrnings- och strukturfrågor" in plan LKR-HP2024 of HHM' "$errout"
run --db "$db" delete ledger LKR - 2024 13 regionbidrag utfall
expect_eq "bad month" 'styr: month "13": expected 0 (the whole year) to 12' "$errout"
run --db "$db" delete target ID0069 LKR 20x4
expect_eq "bad year" 'styr: year "20x4": expected a year such as 2024' "$errout"
run --db "$db" delete
expect_eq "no kind" 2 "$rc"
expect_contains "no kind usage" "usage: styr delete KIND KEY..." "$errout"
run --db "$db" delete thing X
expect_eq "unknown kind" 2 "$rc"
expect_contains "unknown kind named" 'unknown kind "thing"' "$errout"
run --db "$db" delete value ID0069 LKR
expect_eq "too few keys" 2 "$rc"
expect_contains "too few keys usage" "styr delete value IND UNIT PERIOD" "$errout"
run --db "$db" delete value ID0069 LKR 2022 --cascade
expect_eq "--cascade only for units, indicators, goals" 2 "$rc"
expect_eq "refusals changed nothing" "$before" "$(dbdump "$db")"

# What others refer to is refused, naming what.
run --db "$db" delete unit LKR-IM
expect_eq "referenced unit" 2 "$rc"
expect_eq "referenced unit message" "styr: unit LKR-IM: 1 units below it, 1 aliases refer to it; delete those first, or delete with cascade to take them along" "$errout"
run --db "$db" delete indicator ID0285
expect_eq "referenced indicator" 2 "$rc"
expect_eq "referenced indicator message" "styr: indicator ID0285: 3 values, 3 targets, 1 goal links refer to it; delete those first, or delete with cascade to take them along" "$errout"
run --db "$db" delete goal RS-OM4
expect_eq "referenced goal" 2 "$rc"
expect_contains "referenced goal message" "styr: goal RS-OM4: 5 goals below it" "$errout"
expect_eq "refused deletes changed nothing" "$before" "$(dbdump "$db")"

# --cascade: the unit and those below it, one audit entry each.
b=$(sql "$db" "SELECT count(*) FROM audit")
run --db "$db" delete unit LKR-IM --cascade --as anna
expect_eq "cascade exit" 0 "$rc"
expect_eq "units gone" "" "$(sql "$db" "SELECT code FROM org_unit WHERE code LIKE 'LKR-IM%'")"
expect_eq "one entry per unit" "$((b + 2))" "$(sql "$db" "SELECT count(*) FROM audit")"
expect_eq "the unit's entry counts what went" "anna|unit.delete|unit LKR-IM|VO Internmedicin; with 1 aliases|" "$(last_audit)"
run --db "$db" delete indicator ID0285 --cascade
expect_eq "indicator cascade" 0 "$rc"
expect_eq "its values gone" 0 "$(sql "$db" "SELECT count(*) FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285'")"
expect_eq "indicator entry" "indicator.delete|indicator ID0285|Helhetsintryck (NPE); with 3 values, 3 targets, 1 goal links" \
	"$(last_audit | cut -d'|' -f2-4)"
run --db "$db" delete unit HHM
expect_eq "a unit with values refused" 2 "$rc"

# styr set: one value, audited before and after.
run --db "$db" set value ID0069 LKR 2024 81,5 --as anna
expect_eq "set exit" 0 "$rc"
expect_eq "set says" "ID0069 LKR 2024: 81,5$(printf '\302\240')%" "$out"
expect_eq "set audited" "anna|value.put|value ID0069 LKR 2024||81,5" "$(last_audit)"
run --db "$db" set value ID0069 LKR 2024 82 --as anna
expect_eq "set again audited" "anna|value.put|value ID0069 LKR 2024|81,5|82" "$(last_audit)"
run --db "$db" set value ID0069 LKR 2024 8#,3
expect_eq "bad number" 2 "$rc"
expect_eq "bad number message" 'styr: value "8#,3": expected a number such as 83,8' "$errout"
run --db "$db" set thing
expect_eq "set unknown kind" 2 "$rc"

# An approved year: every delete and set is refused, nothing changes.
printf 'plan;unit;insatsomrade;title;owner;due;state;expected;achieved;goal\nLKR-HP2024;LKR;;Färre hyrläkare;Ola;2024-06-30;pågår;1,5;;\n' >"$T/action.csv"
"$STYR" --db "$db" import csv "$T/action.csv" >/dev/null 2>&1 || fail "import an action due in 2024"
echo karl-losen | "$STYR" --db "$db" user add karl --role controller >/dev/null 2>&1 || fail "karl"
"$STYR" --db "$db" workflow LKR 2024 submit --as karl >/dev/null 2>&1 || fail "submit"
"$STYR" --db "$db" workflow LKR 2024 approve --as karl >/dev/null 2>&1 || fail "approve"
before=$(dbdump "$db")
run --db "$db" delete value ID0069 LKR 2024
expect_eq "locked value" 2 "$rc"
expect_contains "locked value message" "period 2024 is locked: the report of LKR for 2024 was approved by karl" "$errout"
run --db "$db" delete analysis LKR 2024 RS-OM4 "Attraktiv arbetsplats"
expect_eq "locked analysis" 2 "$rc"
run --db "$db" delete action LKR LKR-HP2024 "Färre hyrläkare"
expect_eq "locked action (due 2024)" 2 "$rc"
expect_contains "locked action message" "is locked" "$errout"
run --db "$db" delete ledger LKR - 2024 0 lonekostnader utfall
expect_eq "locked ledger" 2 "$rc"
expect_contains "locked ledger message" "is locked" "$errout"
run --db "$db" delete target ID0286 LKR 2024
expect_eq "locked target" 2 "$rc"
run --db "$db" set value ID0069 LKR 2024 1
expect_eq "locked set" 2 "$rc"
run --db "$db" delete unit LKR --cascade
expect_eq "locked cascade" 2 "$rc"
expect_contains "locked cascade message" "is locked" "$errout"
expect_eq "locked: nothing changed" "$before" "$(dbdump "$db")"
run --db "$db" audit verify
expect_eq "audit chain holds" 0 "$rc"
finish
