#!/usr/bin/env bash
# The report types in HTML and XLSX: the workbook read back (numbers are
# numbers with number formats, one sheet per table, frozen headers), the
# HTML valid and accessible, the types' periods and their errors, and the
# roll-up of a unit's children.
. "$(dirname "$0")/report_lib.sh"

# XLSX: unzip and read the XML.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format xlsx -o "$T/ar.xlsx"
expect_eq "xlsx exit" 0 "$rc"
wb=$(unzip -p "$T/ar.xlsx" xl/workbook.xml)
expect_contains "front sheet" '<sheet name="Rapport"' "$wb"
# Sheet names keep whole words within Excel's 31 characters (issue 17).
expect_contains "a sheet per table" '<sheet name="3 Följsamhet till vårdgarantin"' "$wb"
expect_contains "cut after a whole word" '<sheet name="2 Befolkningens uppfattning"' "$wb"
sheet=$(unzip -p "$T/ar.xlsx" xl/worksheets/sheet4.xml)
# ID0069: 83,8 % for 2024 is the number 83.8 (no t="s": not a shared
# string) with a number format; the header rows are frozen.
expect_contains "number cell" '<c r="D3" s="' "$sheet"
cell=$(printf '%s' "$sheet" | grep -o '<c r="D3"[^/]*</v></c>')
expect_eq "83,8 % is a number" '<v>83.8</v>' "$(printf '%s' "$cell" | grep -o '<v>.*</v>')"
case "$cell" in *'t="s"'*) fail "D3 is a shared string: $cell" ;; esac
expect_contains "frozen header" '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>' "$sheet"
styles=$(unzip -p "$T/ar.xlsx" xl/styles.xml)
# Format codes are stored in the invariant notation Excel shows with the
# reader's locale: "#,##0.0" is 83,8 and 13 742,0 in sv-SE.
expect_contains "one-decimal percent format" 'formatCode="#,##0.0&quot; %&quot;"' "$styles"
expect_contains "integer format" 'formatCode="#,##0"' "$styles"
sheet=$(unzip -p "$T/ar.xlsx" xl/worksheets/sheet14.xml)
expect_contains "ID0663 13 742 as a number" '<v>13742</v>' "$sheet"
core=$(unzip -p "$T/ar.xlsx" docProps/core.xml)
expect_contains "xlsx title" "<dc:title>Årsredovisning 2024</dc:title>" "$core"
run --db "$db" report arsredovisning --unit LKR --period 2024 --format xlsx -o "$T/nodir/ar.xlsx"
expect_eq "unwritable xlsx" 3 "$rc"
expect_eq "unwritable xlsx message" "styr: $T/nodir/ar.xlsx: cannot write: No such file or directory" "$errout"
run --db "$db" report arsredovisning --unit LKR --period 2024 --format xlsx
expect_eq "xlsx to stdout refused" 2 "$rc"
expect_eq "xlsx needs a file" "styr: --format xlsx needs -o FILE: a workbook cannot go to standard output" "$errout"

# HTML: valid, lang="sv", header cells with scope, charts with a text.
run --db "$db" report arsredovisning --unit LKR --period 2024 --format html -o "$T/ar.html"
expect_eq "html exit" 0 "$rc"
html=$(cat "$T/ar.html")
tidy_out=$(tidy -e -q "$T/ar.html" 2>&1)
expect_eq "tidy finds nothing" "" "$tidy_out"
expect_contains "lang" '<html lang="sv">' "$html"
expect_contains "column headers" '<th scope="col">Indikator</th>' "$html"
expect_contains "row headers" '<th scope="row">Väntande inom 90 dagar - första besök</th>' "$html"
expect_contains "status as text and symbol" '<span class="sym" aria-hidden="true">✗</span>83,8' "$html"
expect_contains "no-break space in thousands" "13${NBSP}742" "$html"
expect_contains "chart is an image with a text" '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Trafikljus för 38 indikatorer: 10 uppfyllda (grön)' "$html"
expect_contains "history chart says its figures" 'aria-label="Linjediagram över Väntande inom 90 dagar - första besök: 2022 80,2 %, 2023 82,5 %, 2024 83,8 %; mål &gt;95 %"' "$(printf '%s' "$html" | sed "s/$NBSP/ /g")"
expect_eq "every svg has a label" "$(grep -c '<svg' "$T/ar.html")" "$(grep -c '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="' "$T/ar.html")"
expect_eq "ids unique" "" "$(grep -o ' id="[^"]*"' "$T/ar.html" | sort | uniq -d | head -3)"
expect_contains "chart labels are text" '>Mål &gt;95 %</text>' "$html"
# The analyses stand directly under their övergripande mål (h2): titles
# h3, questions h4, so that no heading level is skipped (issue 17, axe).
expect_contains "analysis question" "<h4>Varför har det hänt?</h4>" "$html"
expect_contains "table of contents" '<nav class="toc" aria-labelledby="toc">' "$html"
toc_target=$(printf '%s' "$html" | grep -o '<li><a href="#h[0-9]*">Övergripande mål: Tillgänglighet och kvalitet</a></li>' | sed 's/.*href="#\(h[0-9]*\)".*/\1/')
expect_contains "toc links to its heading" "<h2 id=\"$toc_target\">Övergripande mål: Tillgänglighet och kvalitet</h2>" "$html"

# The types and their periods.
run --db "$db" report delarsrapport --unit LKR --period "jan–aug 2024" -o "$T/d.html"
expect_eq "delårsrapport exit" 0 "$rc"
expect_contains "delårsrapport title" "<h1>Delårsrapport jan–aug 2024</h1>" "$(cat "$T/d.html")"
expect_contains "forecast section" "Helårsprognos: ingen prognos kan visas utan ekonomiska uppgifter." "$(cat "$T/d.html")"
run --db "$db" report delarsrapport --unit LKR --period 2024-06
expect_eq "delår june refused" 2 "$rc"
expect_eq "delår message" 'styr: --period "juni 2024": a delårsrapport covers jan–apr or jan–aug, such as "jan–aug 2024"' "$errout"
run --db "$db" report manadsrapport --unit LKR --period 2024-08 -o "$T/m8.html"
expect_contains "analysis month" "<h1>Månadsrapport augusti 2024 med analys och prognos (beslutsärende)</h1>" "$(cat "$T/m8.html")"
# A month report reads January to the month, else the month alone.
printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nID0069;LKR;2024-01..04;84,1;;;;\nID0069;LKR;2023-04;81,0;;;;\n' >"$T/month.csv"
run --db "$db" import csv "$T/month.csv"
run --db "$db" report manadsrapport --unit LKR --period 2024-04 -o "$T/m4.html"
expect_contains "cumulative columns" '<th scope="col">jan–apr 2024</th><th scope="col">jan–apr 2023</th>' "$(cat "$T/m4.html")"
expect_contains "month values" "84,1${NBSP}%</td><td class=\"num s-not_met\"><span class=\"sym\" aria-hidden=\"true\">✗</span>81,0${NBSP}%" "$(cat "$T/m4.html")"
expect_contains "information month" "<h1>Månadsrapport april 2024 (informationsärende)</h1>" "$(cat "$T/m4.html")"
case "$(cat "$T/m4.html")" in *Helårsprognos*) fail "an information month has no forecast" ;; esac
run --db "$db" report manadsrapport --unit LKR --period 2024-12
expect_eq "december refused" 2 "$rc"
expect_contains "month message" "månadsrapporter are made after mars, april, maj, juli, augusti, september, oktober and november" "$errout"
run --db "$db" report verksamhetsplan --unit LKR --period 2024 -o "$T/vp.html"
vp=$(cat "$T/vp.html")
expect_contains "plan target level" '<th scope="col">Målnivå 2024</th>' "$vp"
expect_contains "plan row" "<td>&gt;95 %</td><td class=\"num\">82,5${NBSP}%</td><td class=\"num\">80,2${NBSP}%</td><td>Högre är bättre</td>" "$vp"
expect_contains "plan budget empty" "Ingen budget finns ännu för Lasarettet i Landskrona 2024." "$vp"
run --db "$db" report arsredovisning --unit LKR --period 2024-01..08
expect_eq "årsredovisning needs a year" 'styr: --period "jan–aug 2024": a årsredovisning covers a whole year, such as 2024' "$errout"
run --db "$db" report arsredovisning --unit NOPE --period 2024
expect_eq "unknown unit" 2 "$rc"
expect_contains "unknown unit message" 'org unit "NOPE" does not exist' "$errout"
run --db "$db" report bokslut --unit LKR --period 2024
expect_eq "unknown type" 2 "$rc"
expect_contains "unknown type message" 'report "bokslut": expected arsredovisning, delarsrapport, manadsrapport, verksamhetsplan or indicators' "$errout"
run --db "$db" report arsredovisning --unit LKR --period 2024 --format docx
expect_contains "unknown format" '--format "docx": expected html, pdf or xlsx' "$errout"
run --db "$db" report arsredovisning --unit LKR --period 2024-13
expect_eq "bad period" 2 "$rc"

# Roll-up: a section per child unit; a child without values says so.
run --db "$db" report arsredovisning --unit LKR --period 2024 --children -o "$T/c.html"
c=$(cat "$T/c.html")
expect_contains "children section" ">Enheter inom Lasarettet i Landskrona</h2>" "$c"
expect_contains "child heading" ">VO Internmedicin</h3>" "$c"
expect_contains "child without values" "Inga indikatorvärden för VO Internmedicin för 2024." "$c"

# The board rolls up its hospital: the hospital's statuses counted.
run --db "$db" report arsredovisning --unit LKR-S --period 2024 --children -o "$T/s.html"
s=$(cat "$T/s.html")
expect_contains "roll-up table" "<caption>Måluppfyllelse per enhet 2024</caption>" "$s"
expect_contains "roll-up row" '<tr><th scope="row">Lasarettet i Landskrona</th><td class="num">38</td><td class="num s-met"><span class="sym" aria-hidden="true">✓</span>10</td><td class="num">0</td><td class="num s-not_met"><span class="sym" aria-hidden="true">✗</span>13</td>' "$s"
expect_contains "roll-up total" '<tr><th scope="row">Totalt</th><td class="num">38</td>' "$s"

# Charts as PNG on request.
run --db "$db" report arsredovisning --unit LKR --period 2024 --png-dir "$T/png" -o "$T/p.html"
expect_eq "png exit" 0 "$rc"
expect_eq "one png per chart" "$(grep -c '<svg' "$T/p.html")" "$(ls "$T/png" | grep -c '^diagram-[0-9]*\.png$')"
expect_eq "png signature" "89504e470d0a1a0a" "$(head -c 8 "$T/png/diagram-1.png" | od -An -tx1 | tr -d ' \n')"

# Without --format the output file's extension decides; --format wins.
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ext.pdf"
expect_eq "pdf by extension exit" 0 "$rc"
expect_eq "pdf by extension" "%PDF-" "$(head -c 5 "$T/ext.pdf")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ext.XLSX"
expect_contains "xlsx by extension" "<sheet name=\"Rapport\"" "$(unzip -p "$T/ext.XLSX" xl/workbook.xml)"
run --db "$db" report arsredovisning --unit LKR --period 2024 --format html -o "$T/forced.pdf"
expect_contains "--format wins over the extension" "<!DOCTYPE html>" "$(head -c 200 "$T/forced.pdf")"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ext.txt"
expect_contains "other extensions are HTML" "<!DOCTYPE html>" "$(head -c 200 "$T/ext.txt")"

# Reproducible: with SOURCE_DATE_EPOCH two renders of the same data are the
# same bytes, and the PDF says that date.
for i in 1 2; do
	SOURCE_DATE_EPOCH=1735689600 run --db "$db" report arsredovisning --unit LKR --period 2024 \
		-o "$T/r$i.pdf"
	SOURCE_DATE_EPOCH=1735689600 run --db "$db" report arsredovisning --unit LKR --period 2024 \
		-o "$T/r$i.xlsx"
	sleep 1
done
cmp -s "$T/r1.pdf" "$T/r2.pdf" || fail "two PDF renders differ"
cmp -s "$T/r1.xlsx" "$T/r2.xlsx" || fail "two XLSX renders differ"
expect_contains "pdf creation date" "CreationDate:    Wed Jan  1 00:00:00 2025 UTC" \
	"$(TZ=UTC pdfinfo "$T/r1.pdf")"
SOURCE_DATE_EPOCH=yesterday run --db "$db" report arsredovisning --unit LKR --period 2024 \
	-o "$T/bad.pdf"
expect_eq "bad SOURCE_DATE_EPOCH exit" 2 "$rc"
expect_contains "bad SOURCE_DATE_EPOCH message" \
	'SOURCE_DATE_EPOCH "yesterday": expected seconds since 1970' "$errout"

# The indicator report keeps working.
run --db "$db" report indicators --unit LKR --year 2024 -o "$T/i.html"
expect_eq "indicators exit" 0 "$rc"
expect_contains "indicators report" "Måluppfyllelse – indikatorer" "$(cat "$T/i.html")"
finish
