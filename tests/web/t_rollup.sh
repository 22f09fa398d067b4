# The dashboard and the economy page of a hospital whose figures sit on
# its units (tests/cli/rollup_data.sh, issue 15 item 2): the rolled-up
# resultaträkning (RESULTAT = the exact Σ of the counted units' amounts in
# öre, rounded once, computed here by awk), a sentence saying from how
# many units, a RESULTAT per unit directly below, and the JSON's count.
. "$SRCDIR/tests/web/lib.sh"
. "$SRCDIR/tests/cli/rollup_data.sh"
"$STYR" --db "$DB" init >/dev/null
rollup_files "$T"
"$STYR" --db "$DB" import csv "$T/org.csv" "$T/ledger.csv" "$T/goals.csv" "$T/indicators.csv" \
	"$T/targets.csv" "$T/values.csv" >/dev/null || fail "import"
add_user rut reader EXS
start_server
login rut
NBSP=$(printf '\302\240')
MINUS=$(printf '\342\210\222')

# tkr as a page shows them: Unicode minus, no-break space between thousands
tkr_text() {
	awk -v x="$1" -v nb="$NBSP" -v mi="$MINUS" 'BEGIN {
		s = x < 0 ? mi : ""; x = x < 0 ? -x : x; t = sprintf("%d", x); o = ""
		while (length(t) > 3) { o = nb substr(t, length(t) - 2) o; t = substr(t, 1, length(t) - 3) }
		print s t o }'
}
# Σ öre of utfall 2024, months FIRST..LAST, of UNITS, rounded once to tkr
sum_tkr() {
	awk -F';' -v units=" $3 " -v first="$1" -v last="$2" '
	function ore(s,   neg, w) { neg = s ~ /^-/; sub(/^-/, "", s); split(s, w, ","); return (neg ? -1 : 1) * (w[1] * 100 + w[2]) }
	NR > 1 && $3 == 2024 && $6 == "utfall" && $4 >= first && $4 <= last && index(units, " " $1 " ") { t += ore($7) }
	END { x = t; print x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000) }' "$T/ledger.csv"
}
res=$(sum_tkr 1 12 "$ROLLUP_COUNTED_2024")
res_v02=$(sum_tkr 1 12 V02)
res_v01=$(sum_tkr 1 12 E011)

http GET /enhet/EXS -b "$T/rut.jar"
expect_eq "dashboard" 200 "$status"
expect_contains "dashboard: RESULTAT rolled up ($res tkr)" \
	"<tr><th scope=\"row\"><strong>RESULTAT</strong></th><td class=\"num\">$(tkr_text "$res")</td>" "$body"
expect_contains "dashboard: from how many units" \
	"<p id=\"summering\">Resultaträkningen är summan av 5 enheters belopp inom EXS" "$body"
expect_contains "dashboard: a row per unit below (V02: its own)" \
	"<tr><th scope=\"row\">Verksamhetsområde 2</th><td class=\"num\">$(tkr_text "$res_v02")</td>" "$body"
expect_contains "dashboard: V01 is E011's" \
	"<tr><th scope=\"row\">Verksamhetsområde 1</th><td class=\"num\">$(tkr_text "$res_v01")</td>" "$body"
units_table=$(printf '%s' "$body" | sed -n 's/.*\(<table id="enheter-ekonomi">.*\)/\1/p' | sed 's,</table>.*,,')
expect_contains "dashboard: the units' table" "Verksamhetsområde 5" "$units_table"
case "$units_table" in *"Verksamhetsområde 6"*) fail "dashboard: V06 closed in 2023 is no unit of 2024" ;; esac
checks=$((checks + 1))

http GET /enhet/EXS/ekonomi -b "$T/rut.jar"
expect_eq "economy page" 200 "$status"
expect_contains "economy page: rolled up" "Resultaträkningen är summan av 5 enheters belopp inom EXS" "$body"
expect_contains "economy page: per unit" "<table id=\"enheter-ekonomi\">" "$body"

http GET /api/v1/units/EXS/ledger -b "$T/rut.jar"
expect_eq "api" 200 "$status"
expect_contains "api: units" '"units": 5' "$(printf '%s' "$body" | sed 's/"units":5/"units": 5/')"

# a unit with a ledger of its own is no roll-up
http GET /enhet/V03 -b "$T/rut.jar"
case "$body" in *'id="summering"'*) fail "V03 is no roll-up" ;; esac
checks=$((checks + 1))

stop_server
finish
