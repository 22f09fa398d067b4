#!/usr/bin/env bash
# Analysis texts: import, export, round trip, and bad rows refused with the
# file, line and column named and nothing stored.
. "$(dirname "$0")/report_lib.sh"

run --db "$db" export analyses
expect_eq "export exit" 0 "$rc"
expect_eq "three analyses" 4 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "header" "unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source" "$out"
expect_contains "row" "LKR;2024;RS-OM4;Attraktiv arbetsplats;Antalet medarbetare per chef" "$out"
printf '%s\n' "$out" >"$T/a.csv"
db2=$(newdb b)
run --db "$db2" init
run --db "$db2" import csv "$DEMO/org_units.csv" "$T/a.csv"
expect_eq "reimport" "styr: imported 42 org, 3 analyses" "${out%%$'\n'*}"
run --db "$db2" export analyses
expect_eq "round trip" "$(cat "$T/a.csv")" "$out"

before=$(snapshot "$db")
cat >"$T/bad.csv" <<'CSV'
unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source
LKR;2024-08;ekonomi;Prognos;Underskottet minskar.;;;utkast;;
LKR;2024-08;ekonomi;Tom;;;;;;
CSV
run --db "$db" import csv "$T/bad.csv"
expect_eq "no texts refused" 2 "$rc"
expect_eq "no texts message" "styr: $T/bad.csv:3: vad_har_hant, varfor and vad_kommer_att_handa are all empty: expected the text of at least one" "$errout"
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nLKR;2024;ekonomi;;Text;;;klar;;\n' >"$T/bad2.csv"
run --db "$db" import csv "$T/bad2.csv"
expect_eq "bad state message" "styr: $T/bad2.csv:2: column \"state\": state \"klar\": expected utkast, inlämnad or godkänd" "$errout"
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nXYZ;2024;ekonomi;;Text;;;;;\n' >"$T/bad3.csv"
run --db "$db" import csv "$T/bad3.csv"
expect_eq "unknown unit message" "styr: $T/bad3.csv:2: column \"unit\": org unit \"XYZ\" does not exist" "$errout"
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nLKR;;ekonomi;;Text;;;;;\n' >"$T/bad4.csv"
run --db "$db" import csv "$T/bad4.csv"
expect_eq "period required" "styr: $T/bad4.csv:2: column \"period\" is empty: a value is required" "$errout"
expect_eq "nothing stored" "$before" "$(snapshot "$db")"

# An analysis for the economy section of a delårsrapport, not yet approved.
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nLKR;jan–aug 2024;ekonomi;Resultat;Underskottet är mindre än väntat.;Färre inhyrda.;Balans 2025.;inlämnad;;\n' >"$T/eko.csv"
run --db "$db" import csv "$T/eko.csv"
expect_eq "economy analysis" "styr: imported 1 analyses" "$out"
run --db "$db" report delarsrapport --unit LKR --period 2024T2
expect_eq "tertial 2 is not a delår" 2 "$rc"
run --db "$db" report delarsrapport --unit LKR --period "jan-aug 2024" --format pdf -o "$T/d.pdf"
t=$(pdftotext "$T/d.pdf" -)
expect_contains "economy analysis placed" "Analys: Resultat (inlämnad, ej godkänd)" "$t"
expect_contains "economy analysis text" "Underskottet är mindre än väntat." "$t"

# A draft is the writer's own: it stays out of every report until handed in.
printf 'unit;period;subject;title;vad_har_hant;varfor;vad_kommer_att_handa;state;author;source\nLKR;jan–aug 2024;RS-OM4;Personal;Ett första utkast om personalen.;;;utkast;;\n' >"$T/draft.csv"
run --db "$db" import csv "$T/draft.csv"
expect_eq "draft imported" "styr: imported 1 analyses" "$out"
run --db "$db" report delarsrapport --unit LKR --period "jan-aug 2024" --format pdf -o "$T/d2.pdf"
t=$(pdftotext "$T/d2.pdf" -)
expect_contains "handed-in analysis still there" "Analys: Resultat (inlämnad, ej godkänd)" "$t"
case "$t" in *"Ett första utkast"* | *"Personal (utkast)"*) fail "a draft analysis is in the report" ;; esac
run --db "$db" report delarsrapport --unit LKR --period "jan-aug 2024" -o "$T/d2.html"
case "$(cat "$T/d2.html")" in *"Ett första utkast"*) fail "a draft analysis is in the HTML" ;; esac
finish
