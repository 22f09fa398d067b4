#!/usr/bin/env bash
# Roll-up along the org tree (issue 15 item 2) on a generated hospital
# (tests/cli/rollup_data.sh): EXS has no ledger and no values of its own.
# - Its ledger year figures equal the exact sum, in öre, of the amounts of
#   the units that count (computed here by awk), rounded once; a unit with
#   figures of its own is not added to again from below it (V02 / E021);
#   a unit closed in 2023 counts for 2023 and not 2024.
# - A ratio rolls up from täljare and nämnare (86,0 %, not the 71,7 % of
#   averaging the percentages), a count is summed, an indicator without
#   täljare and nämnare is shown per unit saying why.
# - The delårsrapport of EXS has the economy and no longer says that all
#   indicators reach their targets when the hospital has no values;
#   --children includes each unit's economy.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rollup_data.sh"
NBSP=$(printf '\302\240')
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
rollup_files "$T"
run --db "$db" import csv "$T/org.csv" "$T/ledger.csv" "$T/goals.csv" "$T/indicators.csv" "$T/targets.csv"
expect_eq "import exit" 0 "$rc"

# A report before any values: no claim that all goals are met.
run --db "$db" report delarsrapport --unit EXS --period "jan–aug 2024" --format html -o "$T/empty.html"
expect_eq "empty report exit" 0 "$rc"
html=$(cat "$T/empty.html")
expect_not_contains() {
	checks=$((checks + 1))
	case "$3" in *"$2"*) fail "$1: did not expect [$2]" ;; esac
}
expect_not_contains "no values: no claim" "Alla indikatorer med mål når sina mål" "$html"
expect_contains "no values: says so" \
	"Inga indikatorer med mål har värden för Exempelsjukhuset för jan–aug 2024." "$html"

run --db "$db" import csv "$T/values.csv"
expect_eq "values exit" 0 "$rc"

# --- the ledger: expected YEAR UNITS… → "row|figure" (Σ öre, rounded once)
expected() {
	local year=$1
	shift
	awk -F';' -v year="$year" -v units=" $* " '
	function ore(s,   neg, w) { neg = s ~ /^-/; sub(/^-/, "", s); split(s, w, ","); return (neg ? -1 : 1) * (w[1] * 100 + w[2]) }
	function tkr(x) { return x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000) }
	NR > 1 && $3 == year && $6 == "utfall" && index(units, " " $1 " ") {
		a = ore($7); t[$5] += a; t["resultat"] += a
		t[a > 0 ? "summa_intakter" : "summa_kostnader"] += a
	}
	END { for (r in t) printf "%s|%d\n", r, tkr(t[r]) }' "$T/ledger.csv" | sort
}
labels() { sql "$db" "SELECT code || '|' || label FROM ledger_row" | sort; }
labels >"$T/labels.txt"
# shown UNIT COLUMN → "label|figure" of the unit's own table (the first);
# COLUMN 6 from the right is Utfall 2024, 7 Utfall 2023
shown() {
	"$STYR" --db "$db" ledger --unit "$1" --year 2024 | awk 'NF == 0 { exit } { print }' |
		sed 's/\xc2\xa0//g; s/−/-/g; s/ %/%/; s/\*$//' | awk -v c="$2" 'NR > 3 && NF >= 8 && $NF ~ /^-?[0-9]/ {
		lab = $1; for (i = 2; i <= NF - 7; i++) lab = lab " " $i
		print lab "|" $(NF - c + 1)
	}' | sort
}
by_label() {
	awk -F'|' -v lab="$T/labels.txt" 'BEGIN { while ((getline l < lab) > 0) { split(l, f, "|"); name[f[1]] = f[2] } }
		{ print name[$1] "|" $2 }' | sort
}
# shellcheck disable=SC2086
want=$(expected 2024 $ROLLUP_COUNTED_2024 | by_label)
got=$(shown EXS 6)
expect_eq "EXS: 12 rows" 12 "$(printf '%s\n' "$got" | wc -l)"
expect_eq "EXS utfall 2024 = Σ of E011 V02 V03 V04 V05 in öre, rounded once" "$want" "$got"
# shellcheck disable=SC2086
want=$(expected 2023 $ROLLUP_COUNTED_2023 | by_label)
expect_eq "EXS utfall 2023 also counts V06 (closed 2023-12-31)" "$want" "$(shown EXS 7)"
# not double counted: with E021 (below V02, which has its own) it would differ
# shellcheck disable=SC2086
wrong=$(expected 2024 $ROLLUP_COUNTED_2024 E021 | by_label)
[ "$wrong" != "$(shown EXS 6)" ] || fail "E021 must not change EXS"
expect_eq "V02 is its own figures" "$(expected 2024 V02 | by_label)" "$(shown V02 6)"
expect_eq "V01 is E011's" "$(expected 2024 E011 | by_label)" "$(shown V01 6)"
# RESULTAT: exact, against adding each unit's rounded RESULTAT
exact=$(expected 2024 $ROLLUP_COUNTED_2024 | grep '^resultat|' | cut -d'|' -f2)
added=0
for u in $ROLLUP_COUNTED_2024; do
	added=$((added + $(expected 2024 "$u" | grep '^resultat|' | cut -d'|' -f2)))
done
echo "EXS RESULTAT 2024: exact $exact tkr; Σ of the units' rounded RESULTAT $added"
expect_eq "EXS RESULTAT = exact" "$exact" "$(shown EXS 6 | grep '^RESULTAT|' | cut -d'|' -f2)"
run --db "$db" ledger --unit EXS --year 2024
expect_contains "ledger: says it is a roll-up" "Summa av 5 enheter inom EXS" "$out"
expect_contains "ledger: a table per unit below" "Resultaträkning V05 Verksamhetsområde 5, jan–dec 2024" "$out"
expect_not_contains "ledger: not the closed unit" "Resultaträkning V06" "$out"
run --db "$db" ledger --unit V03 --year 2024
expect_not_contains "a unit's own ledger is no roll-up" "Summa av" "$out"

# --- values
run --db "$db" show values --unit EXS
expect_eq "show values exit" 0 "$rc"
# 180 + 5 + 30 = 215 of 200 + 10 + 40 = 250: 86,0 % (the mean of 90, 50, 75 is 71,7)
expect_contains "ratio from täljare and nämnare" \
	"RU-PCT	EXS	jan–aug 2024	86,0${NBSP}%	>95 %	Ej uppfyllt		beräknad ur täljare och nämnare för 3 enheter" "$out"
expect_not_contains "not the mean of the percentages" "71,7" "$out"
# 120 (E011 for V01) + 30 (V02, not E021's 7) + 50 + 0 = 200
expect_contains "count summed" "RU-ANT	EXS	jan–aug 2024	200	>=150	Uppfyllt		summa av 4 enheter" "$out"
expect_contains "no täljare/nämnare: per unit, why" \
	"RU-DGR	EXS	jan–aug 2024	kan inte summeras	<5	Saknas		kan inte summeras: visas per enhet (värdet för V02 saknar täljare och nämnare som ger värdet)" "$out"
expect_contains "per unit: V03" "	  V03	jan–aug 2024	5,1" "$out"
run --db "$db" show values --unit V02
expect_contains "V02's own value stays" "RU-PCT	V02	jan–aug 2024	50,0${NBSP}%	>95 %	Ej uppfyllt	" "$out"

# --- the delårsrapport of EXS, with --children
run --db "$db" report delarsrapport --unit EXS --period "jan–aug 2024" --children --format html -o "$T/d.html"
expect_eq "report exit" 0 "$rc"
html=$(sed 's/\xc2\xa0/ /g' "$T/d.html")
expect_contains "report: economy rolled up" \
	"Resultaträkningen för Exempelsjukhuset är summan av 5 enheters belopp" "$html"
expect_not_contains "report: economy not missing" "Inga ekonomiska uppgifter finns ännu för Exempelsjukhuset" "$html"
expect_contains "report: result per unit" "Resultat per enhet inom Exempelsjukhuset jan–aug 2024 (tkr)" "$html"
expect_contains "report --children: each unit's economy" "Resultaträkning Verksamhetsområde 3 jan–aug 2024 (tkr)" "$html"
expect_contains "report: the ratio" "86,0 %" "$html"
expect_contains "report: how the ratio was made" \
	"Andel besök inom 90 dagar, jan–aug 2024: beräknad ur täljare och nämnare för 3 enheter." "$html"
expect_contains "report: per unit with why" \
	"Medelvårdtid, jan–aug 2024: kan inte summeras: visas per enhet (värdet för V02 saknar täljare och nämnare som ger värdet): V02 4,2; V03 5,1." "$html"
expect_not_contains "report: no false claim" "Alla indikatorer med mål når sina mål" "$html"
# the economy of jan–aug in the report: RESULTAT utfall = exact Σ of months 1–8
res8=$(awk -F';' -v units=" $ROLLUP_COUNTED_2024 " '
	function ore(s,   neg, w) { neg = s ~ /^-/; sub(/^-/, "", s); split(s, w, ","); return (neg ? -1 : 1) * (w[1] * 100 + w[2]) }
	NR > 1 && $3 == 2024 && $6 == "utfall" && $4 >= 1 && $4 <= 8 && index(units, " " $1 " ") { t += ore($7) }
	END { x = t; print x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000) }' "$T/ledger.csv")
"$STYR" --db "$db" ledger --unit EXS --year 2024 --months 8 | awk 'NF == 0 { exit } { print }' |
	sed 's/\xc2\xa0//g; s/−/-/g' | grep '^RESULTAT' >"$T/res8.txt"
expect_eq "jan–aug RESULTAT = Σ months 1–8, rounded once" "$res8" "$(awk '{ print $3 }' "$T/res8.txt")"

finish
