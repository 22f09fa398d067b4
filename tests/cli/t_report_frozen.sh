#!/usr/bin/env bash
# Approved means frozen (issue 17 item 3): approving a period stores its
# reports; a later correction (refused by the write gate, then made with
# --unlock-reason)
# leaves the approved version what `styr report` gives, --current gives
# today's data, and `styr report diff` lists exactly the correction.  A
# period that is not approved says "Utkast" on every page.
. "$(dirname "$0")/report_lib.sh"

echo karl-losen | "$STYR" --db "$db" user add karl --role controller >/dev/null ||
	fail "adding karl"

# Not approved: Utkast in the HTML banner, on every PDF page, in the workbook.
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/draft.html"
expect_eq "draft exit" 0 "$rc"
expect_contains "draft banner" '<p class="stampel" id="stampel" role="note">Utkast</p>' "$(cat "$T/draft.html")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/draft.pdf"
pages=$(pdfinfo "$T/draft.pdf" | sed -n 's/^Pages: *//p')
marked=$(for i in $(seq 1 "$pages"); do pdftotext -f "$i" -l "$i" "$T/draft.pdf" - | grep -c '^Utkast$'; done | grep -c '^1$')
expect_eq "Utkast on every PDF page" "$pages" "$marked"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/draft.xlsx"
expect_contains "Utkast in the workbook" ">Utkast<" "$(unzip -p "$T/draft.xlsx" xl/sharedStrings.xml)"
run --db "$db" report diff --unit LKR --period 2024
expect_eq "diff before approval" 2 "$rc"
expect_contains "diff before approval says why" "has no approved version" "$errout"

# Approve: the three formats of the årsredovisning are stored.
run --db "$db" workflow LKR 2024 submit --as karl
run --db "$db" workflow LKR 2024 approve --as karl
expect_eq "approve" 0 "$rc"
expect_eq "stored formats" "html pdf xlsx" \
	"$(sql "$db" "SELECT format FROM frozen_report WHERE unit = 'LKR' AND period = '2024' AND type = 'arsredovisning' ORDER BY format" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "snapshot has the value" "83,8" \
	"$(sql "$db" "SELECT value FROM frozen_line WHERE unit = 'LKR' AND period = '2024' AND figure = 'value ID0069 LKR 2024'")"
run --db "$db" report diff --unit LKR --period 2024
expect_eq "no differences at approval" 0 "$rc"
expect_eq "no differences said" "Inga ändringar sedan fastställelsen." "$out"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a1.pdf"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a1.html"
expect_eq "stored PDF is what is given" \
	"$(sql "$db" "SELECT length(content) FROM frozen_report WHERE unit = 'LKR' AND period = '2024' AND type = 'arsredovisning' AND format = 'pdf'")" \
	"$(stat -c %s "$T/a1.pdf")"
today=$(date -u +%Y-%m-%d)
expect_contains "approved HTML marked" "Fastställd $today av karl" "$(cat "$T/a1.html")"
expect_contains "approved PDF marked" "Fastställd $today av karl" "$(pdftotext -f 2 -l 2 "$T/a1.pdf" -)"

# A correction into the locked period: ID0069 83,8 → 85,0.  The write
# gate refuses it (nothing changes, not even the audit log) ...
printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nID0069;LKR;2024;85,0;;;;rättelse\n' >"$T/fix.csv"
locked=$(dbdump "$db")
run --db "$db" import csv "$T/fix.csv"
expect_eq "correction refused" 2 "$rc"
expect_contains "refusal names value, period and approver" \
	"value ID0069 LKR 2024: period 2024 is locked: the report of LKR for 2024 was approved by karl" "$errout"
expect_eq "refused: database unchanged" "$locked" "$(dbdump "$db")"
# ... unless an admin gives the reason, which the audit log keeps.
echo ada-losen | "$STYR" --db "$db" user add ada --role admin >/dev/null
run --db "$db" import csv --as ada --unlock-reason "rättelse efter revisionen" "$T/fix.csv"
expect_eq "correction imported with a reason" 0 "$rc"
expect_eq "audited as unlock-write with the reason and the line" \
	"ada|unlock-write|value ID0069 LKR 2024|83,8|85,0|$T/fix.csv:2; unlock-reason: rättelse efter revisionen" \
	"$(sql "$db" "SELECT \"user\", action, entity, before, after, source FROM audit ORDER BY id DESC LIMIT 1")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a2.pdf"
cmp -s "$T/a1.pdf" "$T/a2.pdf" || fail "PDF after the correction is not the approved one"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a2.html"
cmp -s "$T/a1.html" "$T/a2.html" || fail "HTML after the correction is not the approved one"
expect_contains "approved HTML keeps the old figure" "83,8" "$(cat "$T/a2.html")"
run --db "$db" report arsredovisning --unit LKR --period 2024 --current -o "$T/c.html"
cmp -s "$T/a1.html" "$T/c.html" && fail "--current gave the approved HTML"
expect_contains "--current not the approved version" "Utkast: dagens uppgifter" "$(cat "$T/c.html")"
expect_contains "--current has the new figure" "85,0" "$(cat "$T/c.html")"
run --db "$db" report diff --unit LKR --period 2024 --type arsredovisning
expect_eq "diff exit with a difference" 1 "$rc"
expect_contains "diff lists exactly the correction, and who" "ID0069 LKR 2024: 83,8 → 85,0 (ada, " "$out"
expect_eq "diff: one line" 1 "$(printf '%s\n' "$out" | wc -l)"
run --db "$db" report diff --unit LKR --period 2024 --type manadsrapport
expect_eq "diff type must fit the period" 2 "$rc"

# Unlock keeps the stored version for the diff; the report is a draft again.
run --db "$db" workflow LKR 2024 unlock --as ada
expect_eq "unlock" 0 "$rc"
run --db "$db" report diff --unit LKR --period 2024
expect_eq "diff after unlock" 1 "$rc"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/u.html"
expect_contains "unlocked is a draft" '>Utkast</p>' "$(cat "$T/u.html")"
# Approving again replaces the stored version.
run --db "$db" workflow LKR 2024 submit --as karl
run --db "$db" workflow LKR 2024 approve --as karl
run --db "$db" report diff --unit LKR --period 2024
expect_eq "approved again: no differences" 0 "$rc"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/b.html"
expect_contains "new approved version has the correction" "85,0" "$(cat "$T/b.html")"

# A comment is part of what was approved: a changed comment is a
# difference, the unchanged figure is not; a long comment changed at its
# end is one too (its beginning and a digest of the whole).
H='indicator;unit;period;value;numerator;denominator;missing_reason;source;comment'
long=$(printf 'Lång kommentar om mätningen %.0s' 1 2 3 4 5 6 7 8)
printf '%s\nID0069;LKR;2024;85,0;;;;rättelse;Ny mätmetod från mars\nID0285;LKR;2024;;;;ej inrapporterat;;%s slut\n' "$H" "$long" >"$T/c1.csv"
run --db "$db" workflow LKR 2024 unlock --as ada
run --db "$db" import csv "$T/c1.csv"
expect_eq "comments imported" 0 "$rc"
run --db "$db" workflow LKR 2024 submit --as karl
run --db "$db" workflow LKR 2024 approve --as karl
printf '%s\nID0069;LKR;2024;85,0;;;;rättelse;Ny mätmetod från april\nID0285;LKR;2024;;;;ej inrapporterat;;%s fin\n' "$H" "$long" >"$T/c2.csv"
run --db "$db" --as ada --unlock-reason "rättelse efter beslut" import csv "$T/c2.csv"
run --db "$db" report diff --unit LKR --period 2024
expect_eq "diff with changed comments" 1 "$rc"
expect_eq "diff: two comments, no figure" "2|2" "$(printf '%s\n' "$out" | grep -c ', kommentar: ')|$(printf '%s\n' "$out" | wc -l)"
expect_contains "diff: the short comment" \
	"ID0069 LKR 2024, kommentar: Ny mätmetod från mars → Ny mätmetod från april (ada, " "$out"
expect_contains "diff: the long comment by its digest" \
	"… #$(printf '%s slut' "$long" | sha256sum | cut -c1-8) → Lång kommentar om mätningen" "$out"
expect_contains "diff: the long comment's new digest" \
	"… #$(printf '%s fin' "$long" | sha256sum | cut -c1-8) (ada, " "$out"

# The economy and the analyses are part of the approved report too: a
# ledger amount and an analysis changed afterwards are differences.
run --db "$db" workflow LKR 2024 unlock --as ada
printf 'unit;table;year;month;row;kind;amount;source\nLKR;;2024;;regionbidrag;utfall;281300;seed 002 line 2563\n' >"$T/l0.csv"
run --db "$db" import csv "$T/l0.csv"
run --db "$db" workflow LKR 2024 submit --as karl
run --db "$db" workflow LKR 2024 approve --as karl
run --db "$db" report diff --unit LKR --period 2024
expect_eq "approved with comments: no differences" 0 "$rc"
printf 'unit;table;year;month;row;kind;amount;source\nLKR;;2024;;regionbidrag;utfall;281400;rättelse\n' >"$T/l.csv"
run --db "$db" --as ada --unlock-reason "rättelse efter beslut" import csv "$T/l.csv"
expect_eq "ledger correction imported" 0 "$rc"
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nLKR;2024;RS-OM4;Attraktiv arbetsplats;Omskriven text.;;;godkänd;LKR;rättelse\n' >"$T/a.csv"
run --db "$db" --as ada --unlock-reason "rättelse efter beslut" import csv "$T/a.csv"
expect_eq "analysis correction imported" 0 "$rc"
run --db "$db" report diff --unit LKR --period 2024
expect_eq "diff with ledger and analysis" 1 "$rc"
expect_contains "diff: the ledger amount" \
	"resultaträkning LKR 2024 regionbidrag utfall: 281${NBSP}300 tkr → 281${NBSP}400 tkr (ada, " "$out"
expect_contains "diff: the analysis, its new text" \
	"analys LKR 2024 RS-OM4: Attraktiv arbetsplats: godkänd, Antalet medarbetare per chef" "$out"
expect_contains "diff: the analysis, its new text" "→ godkänd, Omskriven text. #" "$out"
expect_contains "diff: the sums computed from the row follow it" \
	"resultaträkning LKR 2024 summa_intakter utfall: 281${NBSP}300 tkr → 281${NBSP}400 tkr" "$out"
expect_eq "diff: the amount, its two sums and the analysis" 4 "$(printf '%s\n' "$out" | wc -l)"
finish
