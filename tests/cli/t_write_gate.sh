#!/usr/bin/env bash
# The write gate (issue 14 item 1): every write path against an approved
# period is refused (exit 2, unit and period named) and leaves the whole
# database, audit log included, as it was; the same writes into an open
# period leave one audit entry per changed record, with who, before,
# after and where from.  Locks cover periods: an approved year locks its
# months and tertials, an approved month the year around it.  An action
# stays with its unit; values are checked against their indicator and
# years against a plausible window; --unlock-reason lets an admin through,
# audited.
. "$(dirname "$0")/lib.sh"
: "${XLSXGEN:?XLSXGEN must point at tests/tools/xlsxgen}"
DEMO=$SRCDIR/data/demo
db=$(newdb gate)
"$STYR" --db "$db" init >/dev/null
"$STYR" --db "$db" import csv "$DEMO/org_units.csv" "$DEMO"/goals*.csv "$DEMO"/indicators*.csv \
	"$DEMO/targets.csv" "$DEMO/values.csv" "$DEMO/ledger.csv" "$DEMO/actions.csv" \
	"$DEMO/analyses.csv" "$DEMO/profile.csv" >/dev/null || fail "demo import"
echo "adm-losen-1" | "$STYR" --db "$db" user add adm --role admin >/dev/null
"$STYR" --db "$db" workflow LKR 2024 submit --as adm >/dev/null
"$STYR" --db "$db" workflow LKR 2024 approve --as adm >/dev/null
audit_count() { sql "$db" "SELECT count(*) FROM audit"; }

# the files: one changed record each, all in LKR's approved 2024
VH='indicator;unit;period;value;numerator;denominator;missing_reason;source'
printf '%s\nID0069;LKR;2024;12,0;;;;\n' "$VH" >"$T/value.csv"
printf '%s\nID0069;LKR;2024-03;50,0;;;;\n' "$VH" >"$T/month.csv"
printf '%s\nID0069;LKR;2024T1;50,0;;;;\n' "$VH" >"$T/tertial.csv"
printf '%s\nID0069;LKR-IM;2024;50,0;;;;\n' "$VH" >"$T/below.csv"
printf 'indicator;unit;year;target\nID0069;LKR;2024;≥ 99 %%\n' >"$T/target.csv"
printf 'unit;table;year;month;row;kind;amount;source\nLKR;;2024;;regionbidrag;utfall;1;\n' >"$T/ledger.csv"
printf 'plan;unit;insatsomrade;title;owner;due;state;expected;achieved;goal\nLKR-HP2024;LKR;;Ny åtgärd;;2024-06-30;planerad;1;;RS-OM5\n' >"$T/action.csv"
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nLKR;2024;RS-OM4;Attraktiv arbetsplats;Ändrat;;;utkast;;\n' >"$T/analysis.csv"
printf 'unit;row;year;jan;feb;mar;apr;maj;jun;jul;aug;sep;okt;nov;dec\nLKR;;2024;1;1;1;1;1;1;1;1;1;1;1;1\n' >"$T/profile.csv"
"$XLSXGEN" "$T/book.xlsx" "$T/value.csv" || fail "xlsxgen"
{
	printf '#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#RAR 0 20240101 20241231\r\n'
	printf '#KONTO 1910 Kassa\r\n#KONTO 3010 "F\x94rs\x84ljning"\r\n'
	printf '#VER A 1 20240115 "Int\x84kt"\r\n{\r\n\t#TRANS 1910 {} 1500000.00\r\n'
	printf '\t#TRANS 3010 {} -1500000.00\r\n}\r\n#RES 0 3010 -1500000.00\r\n'
} >"$T/small.se"

# --- refused, nothing changed, not even the audit log ----------------------
locked=$(dbdump "$db")
refused() { # NAME MESSAGE CMD...
	local name=$1 msg=$2
	shift 2
	run --db "$db" "$@"
	expect_eq "$name: exit 2" 2 "$rc"
	expect_contains "$name: names what, unit and period" "$msg" "$errout"
	expect_eq "$name: database and audit unchanged" "$locked" "$(dbdump "$db")"
}
approved="is locked: the report of LKR for 2024 was approved by adm"
refused "csv value" "value ID0069 LKR 2024: period 2024 $approved" import csv "$T/value.csv"
refused "a month of the year" "value ID0069 LKR 2024-03: period mars 2024 $approved" \
	import csv "$T/month.csv"
refused "a tertial of the year" "value ID0069 LKR 2024T1: period" import csv "$T/tertial.csv"
refused "a unit below" "value ID0069 LKR-IM 2024: period 2024 $approved" import csv "$T/below.csv"
refused "csv target" "target ID0069 LKR 2024: period 2024 $approved" import csv "$T/target.csv"
refused "csv ledger" "ledger LKR - 2024-00 regionbidrag utfall: period 2024 $approved" \
	import csv "$T/ledger.csv"
refused "csv action" "action LKR LKR-HP2024 Ny åtgärd: period 2024 $approved" \
	import csv "$T/action.csv"
refused "csv analysis" "analysis LKR 2024 RS-OM4: period 2024 $approved" import csv "$T/analysis.csv"
refused "csv profile" "profile LKR - 2024: period 2024 $approved" import csv "$T/profile.csv"
refused "xlsx" "value ID0069 LKR 2024: period 2024 $approved" import xlsx "$T/book.xlsx"
refused "report-text" "period 2024 $approved" import report-text "$SEED002" --unit LKR --year 2024
refused "sie" "period januari 2024 $approved" import sie "$T/small.se" --unit LKR

# --- an approved month locks the year around it (HHM approves March) ------
"$STYR" --db "$db" workflow HHM 2025-03 submit --as adm >/dev/null
"$STYR" --db "$db" workflow HHM 2025-03 approve --as adm >/dev/null
locked=$(dbdump "$db")
printf '%s\nID0069;HHM;2025;50,0;;;;\n' "$VH" >"$T/year.csv"
refused "the year around an approved month" \
	"value ID0069 HHM 2025: period 2025 is locked: the report of HHM for mars 2025 was approved by adm" \
	import csv "$T/year.csv"

# --- values against their indicator, years against the window -------------
printf '%s\nID0069;LKR;2023;150;;;;\n' "$VH" >"$T/big.csv"
refused "a percentage above 100" "expected a percentage from 0 to 100" import csv "$T/big.csv"
printf '%s\nID0069;LKR;2999;50,0;;;;\n' "$VH" >"$T/far.csv"
refused "year 2999" "value ID0069 LKR 2999: year 2999: expected a year from 1990 to" \
	import csv "$T/far.csv"

# --- an action stays with its unit ------------------------------------------
printf 'plan;unit;insatsomrade;title;owner;due;state;expected;achieved;goal\nHHM-BB2024;LKR;;Samordning;;;planerad;0,001;;HHM-M53\n' >"$T/steal.csv"
refused "another unit's action" 'action "Samordning" of plan HHM-BB2024 belongs to HHM' \
	import csv "$T/steal.csv"

# --- the same writes into an open period: one entry each, with the source -
n0=$(audit_count)
sed 's/;2024;/;2023;/' "$T/value.csv" >"$T/value23.csv"
sed 's/;2024;/;2023;/' "$T/ledger.csv" >"$T/ledger23.csv"
run --db "$db" --as "Eva Ek" import csv "$T/value23.csv" "$T/ledger23.csv"
expect_eq "open: exit" 0 "$rc"
expect_eq "open: two entries" "$((n0 + 2))" "$(audit_count)"
expect_eq "open: the value entry" \
	"Eva Ek|value.put|value ID0069 LKR 2023|12,0|$T/value23.csv:2" \
	"$(sql "$db" "SELECT \"user\", action, entity, after, source FROM audit WHERE entity = 'value ID0069 LKR 2023' ORDER BY id DESC LIMIT 1")"
expect_eq "open: the value entry's before image is the old figure" "82,5" \
	"$(sql "$db" "SELECT before FROM audit WHERE entity = 'value ID0069 LKR 2023' ORDER BY id DESC LIMIT 1")"
expect_eq "open: the ledger entry" "ledger.put|1 tkr; källa $T/ledger23.csv:2|$T/ledger23.csv:2" \
	"$(sql "$db" "SELECT action, after, source FROM audit WHERE entity = 'ledger LKR - 2023-00 regionbidrag utfall' ORDER BY id DESC LIMIT 1")"
run --db "$db" --as "Eva Ek" import csv "$T/value23.csv" "$T/ledger23.csv"
expect_eq "again: no new entry" "$((n0 + 2))" "$(audit_count)"
run --db "$db" audit show 1
expect_contains "audit show names the source" "$T/ledger23.csv:2" "$out"
run --db "$db" audit verify
expect_eq "the chain holds" 0 "$rc"

# --- an admin's unlock-reason lets the write through, audited -------------
echo "kim-losen-1" | "$STYR" --db "$db" user add kim --role controller >/dev/null
n0=$(audit_count)
run --db "$db" import csv --unlock-reason "rättelse enligt revisionen" "$T/value.csv"
expect_eq "unlock-reason without --as" 2 "$rc"
expect_contains "unlock-reason without --as: says who may" "only an admin may write" "$errout"
run --db "$db" --as kim import csv --unlock-reason "rättelse enligt revisionen" "$T/value.csv"
expect_eq "unlock-reason as a controller" 2 "$rc"
expect_contains "unlock-reason as a controller: named" "kim is not an admin" "$errout"
expect_eq "refused unlocks write nothing" "$n0" "$(audit_count)"
run --db "$db" --as adm import csv --unlock-reason "rättelse enligt revisionen" "$T/value.csv"
expect_eq "unlock-reason: exit" 0 "$rc"
expect_eq "unlock-reason: audited" "adm|unlock-write|value ID0069 LKR 2024|83,8|12,0|$T/value.csv:2; unlock-reason: rättelse enligt revisionen" \
	"$(sql "$db" "SELECT \"user\", action, entity, before, after, source FROM audit WHERE id = (SELECT max(id) FROM audit)")"
expect_eq "unlock-reason: one entry" "$((n0 + 1))" "$(audit_count)"
run --db "$db" --as adm import csv --unlock-reason "" "$T/value.csv"
expect_eq "an empty reason refused" 2 "$rc"

# --- an identical re-import writes and audits nothing, for every gated kind
# that the gate compares by its before image: gender values, internal
# control, an SIE file's ledger and balances
printf 'indicator;unit;period;gender;value;missing_reason;source\nID0069;HHM;2023;K;70,5;;t\n' >"$T/g.csv"
printf 'unit;year;risk;probability;consequence;control;responsible;frequency;result;actions\nHHM;2024;Risk A;2;3;Kontroll;Chef;årlig;;\n' >"$T/ic.csv"
run --db "$db" import csv "$T/g.csv" "$T/ic.csv"
expect_eq "gender value and control: imported" 0 "$rc"
run --db "$db" import sie "$T/small.se" --unit HHM
expect_eq "SIE for an open unit: imported" 0 "$rc"
n1=$(audit_count)
run --db "$db" import csv "$T/g.csv" "$T/ic.csv"
run --db "$db" import sie "$T/small.se" --unit HHM
expect_eq "identical re-imports: no audit entry" "$n1" "$(audit_count)"
printf 'indicator;unit;period;gender;value;missing_reason;source\nID0069;HHM;2023;K;71,0;;t\n' >"$T/g.csv"
run --db "$db" import csv "$T/g.csv"
expect_eq "a changed gender value: one entry with its before" "$((n1 + 1))|70,5|71,0" \
	"$(audit_count)|$(sql "$db" "SELECT before || '|' || after FROM audit WHERE id = (SELECT max(id) FROM audit)")"

# --- four eyes: the approver neither submitted nor entered the figures ---
echo "eva-losen-1" | "$STYR" --db "$db" user add eva --role admin >/dev/null
echo "olle-losen-1" | "$STYR" --db "$db" user add olle --role admin >/dev/null
printf '%s\nID0069;HHM;2023;70,0;;;;\n' "$VH" >"$T/hhm.csv"
run --db "$db" --as eva import csv "$T/hhm.csv"
expect_eq "eva enters a figure" 0 "$rc"
run --db "$db" config four-eyes on
expect_eq "four-eyes on" 0 "$rc"
"$STYR" --db "$db" workflow HHM 2023 submit --as olle >/dev/null
run --db "$db" workflow HHM 2023 approve --as olle
expect_eq "four eyes: the submitter may not approve" 2 "$rc"
expect_contains "four eyes: says why" "four eyes: olle submitted the report of HHM for 2023" "$errout"
run --db "$db" workflow HHM 2023 approve --as eva
expect_eq "four eyes: who entered figures may not approve" 2 "$rc"
expect_contains "four eyes: names it" "four eyes: eva entered figures of the report of HHM for 2023" "$errout"
run --db "$db" workflow HHM 2023 approve --as adm
expect_eq "four eyes: a third approves" 0 "$rc"

# --- the year window is a setting ------------------------------------------
run --db "$db" config years 1990-2999
expect_eq "config years" 0 "$rc"
run --db "$db" import csv "$T/far.csv"
expect_eq "2999 within the widened window" 0 "$rc"
run --db "$db" config years 2030-2020
expect_eq "config years backwards refused" 2 "$rc"

finish
