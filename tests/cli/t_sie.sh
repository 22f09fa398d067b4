#!/usr/bin/env bash
# styr import sie on the real SIE 4 files of ../shared/testdata/sie: every
# property testdata/README.md lists is checked in the stored balances with
# SQL written here (not styr's code): vouchers balance, #RES = Σ #TRANS,
# #UB = #IB + Σ #TRANS, Σ #PSALDO months = #RES; the bad-balance file is
# refused naming file, line 3905 and voucher B 1, and changes nothing;
# wrong encodings, bad records and unknown accounts are refused too.
. "$(dirname "$0")/lib.sh"
DEMO=$SRCDIR/data/demo
S=$SHARED/testdata/sie
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null # with the generic rules
"$STYR" --db "$db" import csv "$DEMO/org_units.csv" >/dev/null || fail "org"
q() { sql "$db" "$1"; }
dump() { dbdump "$db"; }

run --db "$db" import sie "$S/transaktioner_ovnbolag.se" --unit LKR-VVO
expect_eq "ovnbolag exit" 0 "$rc"
expect_contains "ovnbolag summary" \
	"year 2011, 567 accounts, 163 vouchers with 671 transactions (all balance)" "$out"

# PC8 decoded: the names as iconv reads them
name7690=$(grep -a '^#KONTO 7690 ' "$S/transaktioner_ovnbolag.se" | iconv -f CP437 -t UTF-8 |
	sed 's/^#KONTO 7690 "\(.*\)"\r*$/\1/')
expect_eq "CP437 name" "$name7690" "$(q "SELECT name FROM account WHERE account = 7690")"
expect_contains "CP437 Ö" "Övr" "$name7690"
expect_eq "unquoted name" "Patent" "$(q "SELECT name FROM account WHERE account = 1030")"

props() { # unit year → the README's properties as counts of violations
	local u="(SELECT id FROM org_unit WHERE code = '$1')"
	local b="account_balance WHERE unit_id = $u AND year = $2"
	expect_eq "$1 $2: #RES = Σ #TRANS" 0 "$(q "SELECT count(*) FROM $b AND kind = 'res' AND month = 0
		AND amount_ore <> (SELECT COALESCE(sum(t.amount_ore), 0) FROM account_balance t
		WHERE t.unit_id = $u AND t.year = $2 AND t.kind = 'trans'
		AND t.account = account_balance.account)")"
	expect_eq "$1 $2: #UB = #IB + Σ #TRANS" 0 "$(q "SELECT count(*) FROM $b AND kind = 'ub'
		AND amount_ore <> COALESCE((SELECT i.amount_ore FROM account_balance i WHERE
		i.unit_id = $u AND i.year = $2 AND i.kind = 'ib' AND i.account = account_balance.account), 0)
		+ (SELECT COALESCE(sum(t.amount_ore), 0) FROM account_balance t
		WHERE t.unit_id = $u AND t.year = $2 AND t.kind = 'trans'
		AND t.account = account_balance.account)")"
	expect_eq "$1 $2: Σ #PSALDO = #RES" 0 "$(q "SELECT count(*) FROM $b AND kind = 'res'
		AND account IN (SELECT account FROM $b AND kind = 'psaldo')
		AND amount_ore <> (SELECT sum(p.amount_ore) FROM account_balance p
		WHERE p.unit_id = $u AND p.year = $2 AND p.kind = 'psaldo'
		AND p.account = account_balance.account)")"
}
props LKR-VVO 2011
expect_eq "#RES 0 and -1 count" "49 55" \
	"$(q "SELECT count(*) FROM account_balance WHERE kind = 'res' AND year = 2011") $(q "SELECT count(*) FROM account_balance WHERE kind = 'res' AND year = 2010")"
# one figure by hand from the file: #RES 0 3010 and its vouchers
res3010=$(grep -a '^#RES 0 3010 ' "$S/transaktioner_ovnbolag.se" | awk '{print $4}' | tr -d '\r.')
expect_eq "#RES 0 3010 in öre" "$res3010" \
	"$(q "SELECT amount_ore FROM account_balance WHERE account = 3010 AND kind = 'res' AND year = 2011")"

# the resultaträkning from it adds up exactly (subtotals of rounded rows)
run --db "$db" check --unit LKR-VVO
expect_eq "check after sie" 0 "$rc"
expect_contains "check after sie: no findings" "0 fel, 0 avrundningar" "$out"

run --db "$db" import sie "$S/Test4.SE" --unit LKR-VVH
expect_eq "Test4 exit" 0 "$rc"
expect_contains "Test4 summary" "year 2008, 81 accounts, 167 vouchers with 1464 transactions" "$out"
props LKR-VVH 2008

# --- refused files change nothing
before=$(dump)
refuse() { # WHAT FILE EXPECTED-MESSAGE [args]
	local what=$1 file=$2 msg=$3
	shift 3
	run --db "$db" import sie "$file" --unit LKR "$@"
	expect_eq "$what: exit" 2 "$rc"
	expect_eq "$what: message" "styr: $msg" "$(printf '%s' "$errout" | sed 's/\xc2\xa0/ /g')"
	expect_eq "$what: database unchanged" "$before" "$(dump)"
}
bb=$S/transaktioner_ovnbolag-bad-balance.se
refuse "bad balance" "$bb" \
	"$bb:3905: voucher B 1 (20110107) does not balance: its #TRANS sum to −12 771,00 kr, expected 0"

iconv -f CP437 -t UTF-8 "$S/transaktioner_ovnbolag.se" >"$T/utf8.se"
line=$(grep -n -m1 -P '[^\x00-\x7f]' "$T/utf8.se" | cut -d: -f1)
refuse "UTF-8" "$T/utf8.se" \
	"$T/utf8.se:$line: the file is UTF-8: expected PC8 (CP437) as SIE 4 prescribes (#FORMAT PC8); convert it with iconv -f UTF-8 -t CP437"
iconv -f CP437 -t LATIN1 "$S/transaktioner_ovnbolag.se" >"$T/latin1.se"
refuse "Latin-1" "$T/latin1.se" \
	"$T/latin1.se:$line: byte 0xD6 is \"╓\" in PC8 (CP437), which Swedish text does not use: the file looks like Latin-1 or Windows-1252; expected PC8 as SIE 4 prescribes (iconv -f WINDOWS-1252 -t CP437 converts it)"

# A small file whose figures are checked by hand.
small() { # extra lines appended to a good file
	printf '#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#RAR 0 20240101 20241231\r\n'
	printf '#KONTO 1910 Kassa\r\n#KONTO 3010 "F\x94rs\x84ljning"\r\n#KONTO 7010 "L\x94ner"\r\n'
	printf '#VER A 1 20240115 "Int\x84kt"\r\n{\r\n\t#TRANS 1910 {} 1500000.00\r\n'
	printf '\t#TRANS 3010 {} -1500000.00\r\n}\r\n'
	printf '#VER A 2 20240220 "L\x94n"\r\n{\r\n\t#TRANS 7010 {} 400499.99\r\n'
	printf '\t#TRANS 1910 {} -400499.99\r\n}\r\n'
	printf '#RES 0 3010 -1500000.00\r\n#RES 0 7010 400499.99\r\n'
	printf '#PBUDGET 0 202401 3010 {} -1200000.00\r\n#PBUDGET 0 202401 3010 {1 "7"} -5.00\r\n'
	printf '%b' "$1"
}
small "" >"$T/small.se"
small '#FORMAT PC9\r\n' >"$T/fmt.se"
refuse "format" "$T/fmt.se" "$T/fmt.se:22: #FORMAT PC9: expected PC8, the only format of SIE 4"
small '#VER A 3 20240301\r\n{\r\n\t#TRANS 1910 {} 12,50\r\n\t#TRANS 3010 {} -12.50\r\n}\r\n' >"$T/amount.se"
refuse "amount" "$T/amount.se" \
	"$T/amount.se:24: #TRANS: amount \"12,50\": expected kronor with at most two decimals after a point, such as -128.00"
small '#VER A 3 20240301\r\n{\r\n\t#TRANS 4010 {} 12.50\r\n\t#TRANS 1910 {} -12.50\r\n}\r\n' >"$T/unknown.se"
refuse "unknown account" "$T/unknown.se" \
	"$T/unknown.se:24: #TRANS: account 4010 is not in the file's chart of accounts (#KONTO) (voucher A 3 (20240301))"
# a month that is none (fuzz/corpus/sie/crash-ver-month-41: it indexed
# past the arrays by month)
small '#VER A 3 20244115\r\n{\r\n\t#TRANS 1910 {} 1.00\r\n\t#TRANS 3010 {} -1.00\r\n}\r\n' >"$T/month.se"
refuse "month 41" "$T/month.se" "$T/month.se:22: #VER: date \"20244115\": expected YYYYMMDD"
small '#VER A 3 20240230\r\n{\r\n\t#TRANS 1910 {} 1.00\r\n\t#TRANS 3010 {} -1.00\r\n}\r\n' >"$T/day.se"
refuse "30 February" "$T/day.se" "$T/day.se:22: #VER: date \"20240230\": expected YYYYMMDD"
small '#VER A 3 20240301\r\n{\r\n\t#TRANS 1910 {} 1.00\r\n' >"$T/open.se"
refuse "open voucher" "$T/open.se" \
	"$T/open.se:22: voucher A 3 (20240301) is not closed: expected } before the end of the file"
small '#RES 0 7010 1.00\r\n' >"$T/res.se"
refuse "res disagrees" "$T/res.se" \
	"$T/res.se: #RES 0 7010 is 1,00 kr but the year's #TRANS on it sum to 400 499,99 kr"
printf 'accounts;row\n7000-7999;lonekostnader\n' >"$T/map.csv"
refuse "unmapped account" "$T/small.se" \
	"$T/small.se:$(grep -n '#TRANS 3010' "$T/small.se" | head -1 | cut -d: -f1): #TRANS field 1 (account): account 3010 is not in the chart of accounts \"from --mapping\": expected an account the chart maps to a row of the resultaträkning, or another chart (--chart bas, region-bas, kommun-bas) or a --mapping file that covers it" \
	--mapping "$T/map.csv"
printf 'accounts;row\n3000-3999;intäkter\n' >"$T/badmap.csv"
refuse "bad mapping" "$T/small.se" \
	"$T/badmap.csv:2: column \"row\": row \"intäkter\" is not in the resultaträkning plan: expected a row code such as lonekostnader or a label such as \"SUMMA INTÄKTER\"" \
	--mapping "$T/badmap.csv"
run --db "$db" import sie "$T/small.se"
expect_eq "no --unit" 2 "$rc"

# --- a store that fails half-way (a trigger refuses the 101st ledger
# amount, after all account balances are written): nothing is left behind
db3=$(newdb fault)
"$STYR" --db "$db3" init >/dev/null
"$STYR" --db "$db3" import csv "$DEMO/org_units.csv" >/dev/null
inject_failure "$db3" ledger 100
before=$(dbdump "$db3")
run --db "$db3" import sie "$S/transaktioner_ovnbolag.se" --unit LKR
expect_eq "fault: exit" 3 "$rc"
expect_contains "fault: message" "injected failure" "$errout"
expect_eq "fault: database unchanged" "$before" "$(dbdump "$db3")"

# --- the small file by hand: 1 500 000,00 kr income in january, 400 499,99
# kr salaries in february → 1 500 and −400,49999 tkr, stored exactly (öre)
# and exported with the decimals they need; budget 1 200 tkr in january
# (the {1 "7"} object row is a breakdown, not added)
db2=$(newdb b)
"$STYR" --db "$db2" init >/dev/null
"$STYR" --db "$db2" import csv "$DEMO/org_units.csv" >/dev/null
run --db "$db2" import sie "$T/small.se" --unit LKR
expect_eq "small exit" 0 "$rc"
expect_eq "small ledger" "LKR;;2024;1;forsaljning_verksamhet;budget;1200
LKR;;2024;1;forsaljning_verksamhet;utfall;1500
LKR;;2024;1;lonekostnader;utfall;0
LKR;;2024;1;resultat;budget;1200
LKR;;2024;1;resultat;utfall;1500
LKR;;2024;1;summa_intakter;budget;1200
LKR;;2024;1;summa_intakter;utfall;1500
LKR;;2024;1;summa_kostnader;utfall;0
LKR;;2024;2;forsaljning_verksamhet;budget;0
LKR;;2024;2;forsaljning_verksamhet;utfall;0
LKR;;2024;2;lonekostnader;utfall;-400,49999
LKR;;2024;2;resultat;budget;0
LKR;;2024;2;resultat;utfall;-400,49999
LKR;;2024;2;summa_intakter;budget;0
LKR;;2024;2;summa_intakter;utfall;0
LKR;;2024;2;summa_kostnader;utfall;-400,49999" \
	"$("$STYR" --db "$db2" export ledger | awk -F';' '$10 == ""' | cut -d';' -f1-7 |
		grep ';2024;[12];' | sort)"
expect_eq "small name decoded" "Försäljning" \
	"$(sql "$db2" "SELECT name FROM account WHERE account = 3010")"
# with a mapping file, the accounts go where it says
printf 'accounts;row\n3000-3999;ovriga_intakter\n7000-7999;lonekostnader\n' >"$T/map2.csv"
run --db "$db2" import sie "$T/small.se" --unit LKR --mapping "$T/map2.csv"
expect_eq "mapped exit" 0 "$rc"
expect_contains "mapped row" "LKR;;2024;1;ovriga_intakter;utfall;1500" \
	"$("$STYR" --db "$db2" export ledger)"
finish
