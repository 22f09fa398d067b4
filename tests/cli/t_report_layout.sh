#!/usr/bin/env bash
# Report layout (issue 17): indicators no goal links to get a section of
# their own (and count), a year with no value is no column, the Medarbetare
# section is filled from the staff figures, charts of amounts start at zero
# and few bars carry their values, and a cover names unit and period.
. "$(dirname "$0")/lib.sh"
MINUS=$(printf '\342\210\222')
NBSP=$(printf '\302\240')
db=$(newdb layout)
"$STYR" --db "$db" init >/dev/null
{
	echo "code;name;kind;parent;valid_from;valid_to;aliases"
	echo "U;Enheten;förvaltning;;;;"
} >"$T/org.csv"
{
	echo "code;parent;level;title;text;valid_from;valid_to;owners"
	echo "OM;;övergripande mål;Tillgänglighet;;;;"
	echo "G;OM;delmål;Kortare väntetider;;;;"
	echo "X;;delmål;Ett mål utan övergripande mål;;;;"
} >"$T/goals.csv"
{
	echo "code;name;definition;unit;direction;frequency;source;tolerance;goals"
	echo "L1;Väntetid inom 90 dagar;;%;up;år;;;G"
	echo "F1;Fristående indikator;;%;up;år;;;"
	echo "F2;Annan fristående indikator;;antal;down;år;;;"
	echo "F3;Indikator under ett mål utanför rapporten;;antal;down;år;;;X"
	echo "P1;Anställda;;antal;;år;;;"
	echo "P2;Sjukfrånvaro;;%;down;år;;;"
	echo "P3;Övertid;;timmar;down;år;;;"
} >"$T/ind.csv"
{
	echo "indicator;unit;year;target"
	echo "L1;U;2024;>90 %"
	echo "F1;U;2024;>80 %"
} >"$T/targets.csv"
{
	echo "indicator;unit;period;value;numerator;denominator;missing_reason;source"
	echo "L1;U;2024;85,5;;;;"
	echo "L1;U;2023;84,0;;;;"
	echo "F1;U;2024;82,0;;;;"
	echo "F1;U;2023;79,0;;;;"
	echo "F2;U;2024;12;;;;"
	echo "F3;U;2024;7;;;;"
	echo "P1;U;2023;1 204;;;;"
	echo "P1;U;2024;1 187;;;;"
	echo "P2;U;2024;7,9;;;;"
	echo "P2;U;2023;8,4;;;;"
} >"$T/val.csv"
run --db "$db" import csv "$T/org.csv" "$T/goals.csv" "$T/ind.csv" "$T/targets.csv" "$T/val.csv"
expect_eq "import" 0 "$rc"

run --db "$db" report arsredovisning --unit U --period 2024 -o "$T/u.html"
expect_eq "html exit" 0 "$rc"
html=$(sed "s/$NBSP/ /g" "$T/u.html")
# The unlinked indicators stand in their own section and count: 4
# indicators, not "inga indikatorvärden"; so does one whose goal stands
# under no övergripande mål, which no goal table of the report shows.
expect_contains "unlinked section" ">Indikatorer utan koppling till mål</h2>" "$html"
expect_contains "unlinked row" '<th scope="row">Fristående indikator</th><td>F1</td><td>&gt;80 %</td><td class="num s-met"><span class="sym" aria-hidden="true">✓</span>82,0 %</td>' "$html"
expect_contains "unlinked without target" '<th scope="row">Annan fristående indikator</th><td>F2</td>' "$html"
expect_contains "linked outside the report" '<th scope="row">Indikator under ett mål utanför rapporten</th><td>F3</td>' "$html"
expect_contains "summary counts them" "4 indikatorer 2024: 1 uppfyllda, 1 nära målet, 0 ej uppfyllda, 0 saknar värde, 2 utan mål." "$html"
case "$html" in *"har inga indikatorvärden"*) fail "the summary says there are no values" ;; esac
# No value for 2022 anywhere: no 2022 column; 2023 stays.
case "$html" in *'<th scope="col">2022</th>'*) fail "an empty 2022 column" ;; esac
expect_contains "2023 column kept" '<th scope="col">2023</th>' "$html"
# Staff figures fill Medarbetare and are not unlinked indicators; Övertid
# has no value and no row.
expect_contains "Medarbetare section" ">Medarbetare</h2>" "$html"
expect_contains "staff table" '<caption>Personalnyckeltal 2024</caption>' "$html"
expect_contains "anställda" '<th scope="row">Anställda</th><td class="num">1 204</td><td class="num">1 187</td>' "$html"
expect_contains "sjukfrånvaro" '<th scope="row">Sjukfrånvaro</th><td class="num">8,4 %</td><td class="num">7,9 %</td>' "$html"
case "$html" in *'<th scope="row">Övertid</th>'*) fail "a staff figure without values has a row" ;; esac
expect_eq "staff not among the unlinked" "" "$(printf '%s' "$html" | grep -o '<td>P[123]</td>')"
expect_contains "cover period" "Period: 2024" "$html"

# Without staff figures or personnel costs there is no Medarbetare section.
run --db "$db" report delarsrapport --unit U --period "jan–aug 2024" -o "$T/d.html"
expect_eq "delårsrapport exit" 0 "$rc"
case "$(cat "$T/d.html")" in *"Medarbetare</h2>"*) fail "an empty Medarbetare section" ;; esac

# Charts: the result per year as bars from zero with their values, the
# PDF's axis starting at 0.
cat >"$T/ledger.csv" <<'CSV'
unit;table;year;month;row;kind;amount;source
U;;2022;;resultat;utfall;-30000;test
U;;2023;;resultat;utfall;-45261;test
U;;2024;;resultat;utfall;-22629;test
U;;2024;;resultat;budget;0;test
CSV
run --db "$db" import csv "$T/ledger.csv"
expect_eq "ledger import" 0 "$rc"
run --db "$db" report arsredovisning --unit U --period 2024 -o "$T/e.html"
html=$(sed "s/$NBSP/ /g" "$T/e.html")
expect_contains "result chart as bars" 'aria-label="Stapeldiagram över resultatet per år, tkr: 2022 −30 000; 2023 −45 261; 2024 −22 629;"' "$html"
svg=$(printf '%s' "$html" | tr '\n' ' ' | grep -o '<svg[^>]*aria-label="Stapeldiagram över resultatet[^"]*".*' | sed 's|</svg>.*||')
expect_contains "value axis reaches zero" '>0</text>' "$svg"
expect_contains "bars carry their values" '>−45 261</text>' "$svg"
run --db "$db" report arsredovisning --unit U --period 2024 -o "$T/e.pdf"
expect_eq "pdf exit" 0 "$rc"
expect_contains "pdf bar labels" "${MINUS}22 629" "$(pdftotext "$T/e.pdf" - | sed "s/$NBSP/ /g")"
finish
