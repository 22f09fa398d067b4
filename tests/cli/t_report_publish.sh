#!/usr/bin/env bash
# Reports a region can publish (issue 17): a comment per value, from the
# interchange CSV to the reports' notes and back out again; reports whose
# date is the data's last change, so that the same database gives the
# same bytes without SOURCE_DATE_EPOCH; and the decision an approval
# records (diarienummer, beslutsdatum) on the approved report's cover.
. "$(dirname "$0")/report_lib.sh"
unset SOURCE_DATE_EPOCH
H='indicator;unit;period;value;numerator;denominator;missing_reason;source'
comment_of() {
	sql "$db" "SELECT v.comment FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE i.code = '$1' AND u.code = 'LKR' AND v.year = $2 AND v.first_month = 1 AND v.last_month = 12"
}
last_change() {
	sql "$db" "SELECT at FROM styr_last_change"
}
# pdfinfo's way of printing a time (UTC): an ISO 8601 text or @seconds
pdf_date() {
	date -u -d "$1" '+%a %b %e %H:%M:%S %Y UTC'
}

# --- a comment per value in the interchange CSV
printf '%s;comment\n%s\n' "$H" "ID0069;LKR;2024;83,8;;;;seed 002 line 557;Nytt journalsystem från mars" >"$T/c.csv"
run --db "$db" import csv --dry-run "$T/c.csv"
expect_contains "dry run lists the comment" \
	"ändras: values ID0069 LKR 2024 ($T/c.csv:2): comment \"\" → \"Nytt journalsystem från mars\"" "$out"
expect_eq "dry run stores no comment" "" "$(comment_of ID0069 2024)"
run --db "$db" import csv "$T/c.csv"
expect_eq "import with a comment" 0 "$rc"
expect_eq "the comment stored" "Nytt journalsystem från mars" "$(comment_of ID0069 2024)"
# A file without the column leaves comments alone; with it, an empty cell
# clears.
printf '%s\n%s\n' "$H" "ID0069;LKR;2024;83,8;;;;seed 002 line 557" >"$T/old.csv"
run --db "$db" import csv "$T/old.csv"
expect_eq "a file without the column keeps the comment" "Nytt journalsystem från mars" "$(comment_of ID0069 2024)"
printf '%s;comment\n%s\n' "$H" "ID0070;LKR;2024;55,0;;;;x;$(head -c 600 /dev/zero | tr '\0' k)" >"$T/long.csv"
before=$(snapshot "$db")
run --db "$db" import csv "$T/long.csv"
expect_eq "a comment too long: exit" 2 "$rc"
expect_contains "a comment too long: says where" "$T/long.csv:2: column \"comment\"" "$errout"
expect_eq "a comment too long: nothing stored" "$before" "$(snapshot "$db")"
# Export writes the column; the export imports back unchanged.
run --db "$db" export values --unit LKR --year 2024
expect_contains "export header" "$H;comment" "$out"
expect_contains "export row" "ID0069;LKR;2024;83,8;;;;seed 002 line 557;Nytt journalsystem från mars" "$out"
printf '%s\n' "$out" >"$T/exported.csv"
run --db "$db" import csv --dry-run "$T/exported.csv"
expect_contains "the export imports back unchanged" "values: 0 tillagda, 0 ändrade," "$out"
run --db "$db" export values --unit LKR --year 2024 --format json
expect_contains "JSON lines carry the comment" '"source":"seed 002 line 557","comment":"Nytt journalsystem från mars"}' "$out"

# --- the comment as a note under the report's indicator table, every format
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/n.html"
note="Kommentar till Väntande inom 90 dagar - första besök, 2024: Nytt journalsystem från mars"
expect_contains "HTML note" "<p>$note</p>" "$(cat "$T/n.html")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/n.pdf"
expect_contains "PDF note" "$note" "$(pdftotext "$T/n.pdf" - | tr '\n' ' ' | sed 's/  */ /g')"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/n.xlsx"
expect_contains "XLSX note" "$note" "$(unzip -p "$T/n.xlsx" xl/sharedStrings.xml)"
run --db "$db" report indicators --unit LKR --year 2024 -o "$T/i.html"
expect_contains "indicator report note" "<p>$note</p>" "$(cat "$T/i.html")"

# --- reproducible without SOURCE_DATE_EPOCH: the date is the data's last
# change (styr_last_change, seconds since 1970, set by the triggers of
# migration 0012)
sql "$db" "UPDATE styr_last_change SET at = $(date -u -d 2025-02-14T09:30:00Z +%s)" >/dev/null
for i in 1 2; do
	for f in pdf xlsx html; do
		run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/d$i.$f"
		expect_eq "render $i $f" 0 "$rc"
	done
	sleep 1
done
for f in pdf xlsx html; do
	cmp -s "$T/d1.$f" "$T/d2.$f" || fail "two $f renders of the same database differ"
done
expect_contains "PDF date: the data's last change" "CreationDate:    $(pdf_date 2025-02-14T09:30:00Z)" \
	"$(TZ=UTC pdfinfo "$T/d1.pdf")"
expect_contains "XLSX date: the data's last change" \
	'<dcterms:created xsi:type="dcterms:W3CDTF">2025-02-14T09:30:00Z</dcterms:created>' \
	"$(unzip -p "$T/d1.xlsx" docProps/core.xml)"
# Reading, logging in and the audit log move nothing; a write does.
echo karl-losen | "$STYR" --db "$db" user add karl --role controller >/dev/null || fail "adding karl"
expect_eq "a user added is no data change" "$(date -u -d 2025-02-14T09:30:00Z +%s)" "$(last_change)"
printf '%s;comment\n%s\n' "$H" "ID0070;LKR;2024;55,0;;;;x;" >"$T/w.csv"
run --db "$db" import csv "$T/w.csv"
now=$(last_change)
expect_eq "a write moves the data's last change" later \
	"$([ "$now" -gt "$(date -u -d 2025-02-14T09:30:00Z +%s)" ] && echo later)"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/d3.pdf"
expect_contains "after a write the PDF has the write's date" "CreationDate:    $(pdf_date "@$now")" \
	"$(TZ=UTC pdfinfo "$T/d3.pdf")"
# SOURCE_DATE_EPOCH still wins.
SOURCE_DATE_EPOCH=1735689600 run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/s.pdf"
expect_contains "SOURCE_DATE_EPOCH wins" "CreationDate:    Wed Jan  1 00:00:00 2025 UTC" "$(TZ=UTC pdfinfo "$T/s.pdf")"

# --- the decision of an approval: checked field by field, stored with
# the state, printed on the approved report's cover
run --db "$db" workflow LKR 2024 submit --as karl
expect_eq "submit" 0 "$rc"
before=$(snapshot "$db")
run --db "$db" workflow LKR 2024 approve --as karl --diarienummer "RS 2025/12#"
expect_eq "bad diarienummer: exit" 2 "$rc"
expect_eq "bad diarienummer: names the field" 'styr: diarienummer "RS 2025/12#": expected a case number such as "RS 2024/123" (letters, digits, single spaces and - / . : _, with a digit, at most 47 bytes)' "$errout"
run --db "$db" workflow LKR 2024 approve --as karl --diarienummer "RS  2025/12"
expect_eq "two spaces refused" 2 "$rc"
run --db "$db" workflow LKR 2024 approve --as karl --diarienummer "Dnr"
expect_eq "no digit refused" 2 "$rc"
run --db "$db" workflow LKR 2024 approve --as karl --beslutsdatum 2025-02-30
expect_eq "no such day: exit" 2 "$rc"
expect_eq "no such day: names the field" 'styr: beslutsdatum "2025-02-30": expected a date such as 2025-02-14' "$errout"
run --db "$db" workflow LKR 2024 approve --as karl --beslutsdatum 2023-12-31
expect_eq "before the period: exit" 2 "$rc"
expect_contains "before the period: says so" 'beslutsdatum "2023-12-31": expected a date on or after 2024-01-01' "$errout"
run --db "$db" workflow LKR 2024 return --as karl --comment "Saknar analys" --diarienummer "RS 2025/12"
expect_eq "a decision only with approve" 2 "$rc"
expect_contains "a decision only with approve: says so" "diarienummer: expected only with approve" "$errout"
expect_eq "refused moves store nothing" "$before" "$(snapshot "$db")"
# A draft names no decision.
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/draft.html"
case "$(cat "$T/draft.html")" in *Diarienummer*) fail "a draft names a diarienummer" ;; esac
run --db "$db" workflow LKR 2024 approve --as karl --diarienummer "RS 2025/123" --beslutsdatum 2025-02-14
expect_eq "approve with the decision" 0 "$rc"
expect_eq "the decision stored" "RS 2025/123|2025-02-14" \
	"$(sql "$db" "SELECT r.diarienummer, r.decided FROM report_state r JOIN org_unit u ON u.id = r.unit_id WHERE u.code = 'LKR' AND r.year = 2024")"
expect_eq "the decision audited" "approved; diarienummer RS 2025/123; beslutsdatum 2025-02-14" \
	"$(sql "$db" "SELECT after FROM audit WHERE action = 'report.approve' ORDER BY id DESC LIMIT 1")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a.pdf"
cover=$(pdftotext -f 1 -l 1 "$T/a.pdf" -)
expect_contains "PDF cover: period, diarienummer, date in order" "Period: 2024
Diarienummer: RS 2025/123
Beslutsdatum: 2025-02-14" "$cover"
expect_contains "PDF cover: tagged paragraphs" "Diarienummer: RS 2025/123" "$(pdfinfo -struct-text "$T/a.pdf" | grep -A1 '^  P' | head -40)"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a.html"
expect_contains "HTML front" "<br>Period: 2024<br>Diarienummer: RS 2025/123<br>Beslutsdatum: 2025-02-14</p>" "$(cat "$T/a.html")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/a.xlsx"
strings=$(unzip -p "$T/a.xlsx" xl/sharedStrings.xml)
expect_contains "XLSX front: diarienummer" "<t>Diarienummer: RS 2025/123</t>" "$strings"
expect_contains "XLSX front: beslutsdatum" "<t>Beslutsdatum: 2025-02-14</t>" "$strings"
# The decision is no part of the data: the hash is the draft's.
expect_eq "same content hash as the draft" \
	"$(grep -o 'sha256:[0-9a-f]*' "$T/draft.html" | head -1)" "$(grep -o 'sha256:[0-9a-f]*' "$T/a.html" | head -1)"
run --db "$db" report arsredovisning --unit LKR --period 2024 --current -o "$T/cur.html"
expect_contains "--current of the approved period names the decision" "Diarienummer: RS 2025/123" "$(cat "$T/cur.html")"
# An unlock keeps it (drafts name none); approving again without one clears it.
echo ada-losen | "$STYR" --db "$db" user add ada --role admin >/dev/null
run --db "$db" workflow LKR 2024 unlock --as ada
expect_eq "kept through the unlock" "RS 2025/123|2025-02-14" \
	"$(sql "$db" "SELECT r.diarienummer, r.decided FROM report_state r JOIN org_unit u ON u.id = r.unit_id WHERE u.code = 'LKR' AND r.year = 2024")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/u.html"
case "$(cat "$T/u.html")" in *Diarienummer*) fail "an unlocked period's draft names a diarienummer" ;; esac
run --db "$db" workflow LKR 2024 submit --as karl
run --db "$db" workflow LKR 2024 approve --as karl
expect_eq "approved again without a decision" "|" \
	"$(sql "$db" "SELECT r.diarienummer, r.decided FROM report_state r JOIN org_unit u ON u.id = r.unit_id WHERE u.code = 'LKR' AND r.year = 2024")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/b.html"
case "$(cat "$T/b.html")" in *Diarienummer*) fail "an approval without a decision names one" ;; esac
finish
