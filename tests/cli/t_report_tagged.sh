#!/usr/bin/env bash
# The PDF is accessible (issue 17): tagged, with a structure tree in
# reading order (the title as H1, headings, paragraphs, tables with header
# cells, figures with alternative text from the chart's figures), in
# Swedish, showing its title; and every format carries the hash of the
# data it was made from, the same for the same data and another when a
# figure changes.
. "$(dirname "$0")/report_lib.sh"

export SOURCE_DATE_EPOCH=1735689600
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar.pdf"
expect_eq "pdf exit" 0 "$rc"
info=$(pdfinfo "$T/ar.pdf" 2>&1)
expect_contains "tagged" "Tagged:          yes" "$info"
expect_contains "XMP metadata" "Metadata Stream: yes" "$info"
struct=$(pdfinfo -struct-text "$T/ar.pdf" 2>&1)
expect_eq "poppler finds nothing wrong in the tree" "" "$(printf '%s\n' "$struct" | grep -i 'warning\|error')"
# One Document root; the cover's title is the H1, then unit and period.
expect_eq "document root" "Document" "$(printf '%s\n' "$struct" | head -1)"
expect_eq "reading order of the cover" \
	'H1 (block)|"Årsredovisning 2024"|P (block)|"Lasarettet i Landskrona"|P (block)|"Period: 2024"' \
	"$(printf '%s\n' "$struct" | sed -n 2,7p | sed 's/^ *//' | paste -sd'|')"
# The headings in order: the table of contents, then the summary.
expect_eq "first headings" 'H2 "Innehåll"|H2 "Sammanfattning"|H2 "Övergripande mål: Bättre liv och hälsa för fler"' \
	"$(printf '%s\n' "$struct" | grep -A1 '^  H[1-6] ' | grep -v '^--' | sed 's/^ *//; s/ (block)//' | paste -d' ' - - | sed -n 2,4p | paste -sd'|')"
expect_contains "a table of contents" "  TOC" "$struct"
# Tables: a header row of TH cells, each heading its column (/Scope, added
# by pdf_ua.c), each row's title a TH heading its row, data in TD cells.
expect_contains "table with header cells" "$(printf '  Table (block)\n    TR\n      TH:\n         /Scope /Column\n        "Indikator"\n      TH:\n         /Scope /Column\n        "ID-nr"')" "$struct"
expect_contains "data cells" "$(printf '      TD\n        "✗ 83,8 %%"')" "$(printf '%s' "$struct" | sed "s/$NBSP/ /g")"
expect_contains "row header cells" "$(printf '    TR\n      TH:\n         /Scope /Row\n        "Helhetsintryck (NPE)"')" "$struct"
ntables=$(printf '%s\n' "$struct" | grep -c '^  Table')
checks=$((checks + 1))
[ "$ntables" -ge 10 ] || fail "expected at least 10 tagged tables, got $ntables"
# Charts are figures; each has its chart's figures as /Alt (UTF-16BE hex).
nfig=$(printf '%s\n' "$struct" | grep -c '^  Figure')
checks=$((checks + 1))
[ "$nfig" -ge 2 ] || fail "expected at least 2 tagged figures, got $nfig"
hex() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n' | tr a-f A-F; }
raw=$(tr -d '\n' <"$T/ar.pdf" | grep -ao '/Alt <FEFF[0-9A-F]*>' | sed 's/^\/Alt <FEFF//; s/>$//')
expect_eq "every figure has an /Alt" "$nfig" "$(printf '%s\n' "$raw" | grep -c .)"
# in the order drawn: the traffic lights first
expect_contains "traffic lights said in words" "$(hex 'Trafikljus för 38 indikatorer: 10 uppfyllda (grön)')" "$(printf '%s\n' "$raw" | head -1)"
expect_contains "history chart's figures" "$(hex 'Linjediagram över Väntande inom 90 dagar - första besök: 2022 80,2')" "$raw"
# The table of contents links to its headings by name, and each link says
# where it leads (/Contents).
dests=$(pdfinfo -dests "$T/ar.pdf")
expect_contains "summary's destination on page 3" '"h0"' "$(printf '%s\n' "$dests" | grep '^ *3 ')"
expect_contains "a link leads there" "/Dest (h0)" "$(cat "$T/ar.pdf" | tr -d '\0')"
expect_contains "the link says where" "/Contents <FEFF$(hex 'Sammanfattning')>" "$(tr -d '\n' <"$T/ar.pdf")"
# Swedish, and the title shown rather than the file name.
catalog=$(grep -a -A8 '/Type /Catalog' "$T/ar.pdf" | tail -8)
expect_contains "document language" "/Lang (sv-SE)" "$catalog"
expect_contains "title shown" "/DisplayDocTitle true" "$catalog"
expect_contains "marked" "/MarkInfo << /Marked true >>" "$(grep -a -A8 '/Type /Catalog' "$T/ar.pdf")"
expect_contains "XMP title" '<rdf:li xml:lang="x-default">Årsredovisning 2024</rdf:li>' "$(cat "$T/ar.pdf" | tr -d '\0')"
# The running header and footer are not part of the tree.
expect_eq "page header outside the tree" "" "$(printf '%s\n' "$struct" | grep -F '"Årsredovisning 2024Lasarettet')"
# The standing ("Utkast": 2024 is not approved) is drawn at the top of
# every page, outside the tree like the running header.
expect_eq "mark outside the tree" "" "$(printf '%s\n' "$struct" | grep -F 'Utkast')"
# pdftotext reads the mark, the cover, then the table of contents.
text=$(pdftotext "$T/ar.pdf" -)
expect_eq "text order" "Utkast|Årsredovisning 2024|Lasarettet i Landskrona|Period: 2024" "$(printf '%s\n' "$text" | grep -v '^$' | head -4 | paste -sd'|')"

# No heading stands alone at the foot of a page: the last line of text on
# each page (footer aside) is never a heading.
headings=$(printf '%s\n' "$struct" | grep -A1 '^  H[2-6] ' | grep '^    "' | sed 's/^ *"//; s/"$//')
pages=$(pdfinfo "$T/ar.pdf" | awk '/^Pages:/ {print $2}')
for p in $(seq 3 "$pages"); do
	last=$(pdftotext -f "$p" -l "$p" "$T/ar.pdf" - | grep -v '^[[:space:]]*$' | grep -v 'Dataunderlag: sha256' |
		grep -v '^[0-9]* ([0-9]*)$' | tail -1)
	checks=$((checks + 1))
	if printf '%s\n' "$headings" | grep -qxF -- "$last"; then
		fail "page $p ends with the heading \"$last\""
	fi
done

# The content hash: in the metadata, on the cover and in every footer, in
# the workbook's properties and in the HTML.
hash=$(pdfinfo "$T/ar.pdf" | sed -n 's/^Keywords: *Dataunderlag sha256:\([0-9a-f]*\)$/\1/p')
expect_eq "hash is a sha256" 64 "${#hash}"
short=${hash:0:16}
expect_contains "hash on the cover" "Dataunderlag: sha256 $short" "$(pdftotext -f 1 -l 1 "$T/ar.pdf" -)"
expect_contains "hash in a footer" "Dataunderlag: sha256 $short" "$(pdftotext -f 4 -l 4 "$T/ar.pdf" -)"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar.xlsx"
expect_contains "hash in the workbook" "sha256:$hash" "$(unzip -p "$T/ar.xlsx" docProps/core.xml)"
expect_contains "hash on the front sheet" "Dataunderlag: sha256 $short" "$(unzip -p "$T/ar.xlsx" xl/sharedStrings.xml)"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar.html"
html=$(cat "$T/ar.html")
expect_contains "hash in the html head" "<meta name=\"styr-dataunderlag\" content=\"sha256:$hash\">" "$html"
expect_contains "hash in the html footer" "Dataunderlag: sha256 $short" "$html"
# Another day, the same data: the same hash.
SOURCE_DATE_EPOCH=1767225600 run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar2.pdf"
expect_eq "same data, same hash" "$hash" "$(pdfinfo "$T/ar2.pdf" | sed -n 's/^Keywords: *Dataunderlag sha256://p')"
# One figure changed (ID0069 2024: 83,8 → 83,9): another hash.
printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nID0069;LKR;2024;83,9;;;;test\n' >"$T/v.csv"
run --db "$db" import csv "$T/v.csv"
expect_eq "changed value imported" 0 "$rc"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar3.pdf"
changed=$(pdfinfo "$T/ar3.pdf" | sed -n 's/^Keywords: *Dataunderlag sha256://p')
expect_eq "changed hash is a sha256" 64 "${#changed}"
checks=$((checks + 1))
[ "$changed" != "$hash" ] || fail "a changed value should change the hash"
finish
