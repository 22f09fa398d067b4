#!/usr/bin/env bash
# The årsredovisning as PDF: figures in Swedish format in the extracted
# text, a stable page count, page numbers "N (M)", a table of contents,
# embedded fonts, metadata, a page that looks like the reference image,
# and a long table that breaks across pages with its header repeated.
. "$(dirname "$0")/report_lib.sh"

run --db "$db" report arsredovisning --unit LKR --period 2024 --format pdf -o "$T/ar.pdf"
expect_eq "pdf exit" 0 "$rc"
expect_eq "pdf wrote" "styr: wrote $T/ar.pdf" "$out"
info=$(pdfinfo "$T/ar.pdf")
expect_contains "page count" "Pages:           9" "$info"
expect_contains "A4" "595.276 x 841.89 pts (A4)" "$info"
expect_contains "title" "Title:           Årsredovisning 2024" "$info"
expect_contains "author" "Author:          Lasarettet i Landskrona" "$info"
expect_contains "subject" "Subject:         Årsredovisning 2024 för Lasarettet i Landskrona" "$info"
fonts=$(pdffonts "$T/ar.pdf" | tail -n +3)
expect_contains "DejaVu used" "DejaVuSans" "$fonts"
expect_eq "every font embedded" "" "$(printf '%s\n' "$fonts" | awk '$(NF-4) != "yes"')"

text=$(pdftotext -layout "$T/ar.pdf" -)
# Seed 002: ID0069 83,8 % (2024), 82,5 % (2023); ID0663 13 742 with a
# no-break space; ID0285 93,8.
expect_contains "ID0069 row" "✗ 83,8 % ✗ 82,5 % ✗ 80,2 % ✗ Ej uppfyllt" "$(printf '%s' "$text" | tr -s ' ')"
# pdftotext gives the no-break space as a space; the HTML test checks it.
expect_contains "thousands separated" "13 742" "$text"
expect_contains "NPE" "93,8" "$text"
expect_contains "summary" "38 indikatorer 2024: 10 uppfyllda, 0 nära målet, 13 ej uppfyllda, 4 saknar värde, 11 utan mål." "$text"
expect_contains "page numbers" "1 (9)" "$text"
expect_contains "last page number" "9 (9)" "$text"
expect_contains "table of contents" "Innehåll" "$text"
toc=$(pdftotext -f 2 -l 2 -layout "$T/ar.pdf" - | tr -s ' ')
expect_contains "toc entry with its page" "Övergripande mål: Tillgänglighet och kvalitet 3" "$toc"
expect_contains "running header" "Årsredovisning 2024 Lasarettet i Landskrona" "$(pdftotext -f 3 -l 3 -layout "$T/ar.pdf" - | tr -s ' ')"
expect_contains "analysis text" "Personalrörligheten har minskat över tid." "$text"
expect_contains "empty economy section" "Inga ekonomiska uppgifter finns ännu för Lasarettet i Landskrona 2024." "$text"
expect_contains "empty actions section" "Inga åtgärder är registrerade för Lasarettet i Landskrona 2024." "$text"
expect_contains "chart target label" "Mål >95 %" "$text"

# Page 3 (summary and traffic lights, the NPE table; after the cover and the
# table of contents) against its reference
# at 20 dpi.  Regenerate with: pdftoppm -r 20 -f 3 -l 3 -png ar.pdf ref
pdftoppm -r 20 -f 3 -l 3 -png "$T/ar.pdf" "$T/page"
run_diff=$("$PNGDIFF" "$T"/page-*3.png "$SRCDIR/tests/cli/data/ref/arsredovisning-2024-p3.png" 1.5 3)
expect_eq "page 3 looks like the reference ($run_diff)" 0 "$?"

# A long table: 70 indicators under one goal break across pages, and every
# page the table continues on starts with the header row again.
big=$(newdb big)
"$STYR" --db "$big" init >/dev/null
{
	echo "code;name;kind;parent;valid_from;valid_to;aliases"
	echo "H;Sjukhus;förvaltning;;;;"
} >"$T/org.csv"
{
	echo "code;parent;level;title;text;valid_from;valid_to;owners"
	echo "OM;;övergripande mål;Tillgänglighet och kvalitet;;;;"
	echo "G;OM;delmål;Kortare väntetider;;;;"
} >"$T/goals.csv"
{
	echo "code;name;definition;unit;direction;frequency;source;tolerance;goals"
	for i in $(seq 10 79); do echo "X00$i;Indikator nummer $i med ett namn som tar plats;;%;up;år;;;G"; done
} >"$T/ind.csv"
{
	echo "indicator;unit;period;value;numerator;denominator;missing_reason;source"
	for i in $(seq 10 79); do echo "X00$i;H;2024;$i,5;;;;"; done
} >"$T/val.csv"
run --db "$big" import csv "$T/org.csv" "$T/goals.csv" "$T/ind.csv" "$T/val.csv"
expect_eq "big import" 0 "$rc"
run --db "$big" report arsredovisning --unit H --period 2024 --format pdf -o "$T/big.pdf"
expect_eq "big pdf exit" 0 "$rc"
pages=$(pdfinfo "$T/big.pdf" | awk '/^Pages:/ {print $2}')
table_pages=0
for p in $(seq 2 "$pages"); do
	pt=$(pdftotext -f "$p" -l "$p" -layout "$T/big.pdf" -)
	case "$pt" in
	*X00[1-7][0-9]*)
		table_pages=$((table_pages + 1))
		expect_contains "header row repeated on page $p" "Indikator" "$(printf '%s\n' "$pt" | grep -m1 'ID-nr')"
		;;
	esac
done
checks=$((checks + 1))
[ "$table_pages" -ge 2 ] || fail "the 70-row table should span at least 2 pages, spans $table_pages"
expect_contains "last row" "X0079" "$(pdftotext "$T/big.pdf" -)"
finish
