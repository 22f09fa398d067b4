#!/usr/bin/env bash
# The delårsrapport of a hospital with 400 kostnadsställen (issue 15 item
# 4): one SIE file (bench/dims-gen) with the object lists imported; the
# report ends with "Bilaga: resultat per kostnadsställe", one line per
# kostnadsställe (utfall, budget, avvikelse jan–aug, tkr), whose figures
# equal awk's own sums over the file's #TRANS and #PBUDGET per object
# rounded once, and the PDF stays a few pages (before: 72).
. "$(dirname "$0")/lib.sh"
N=400
"$SRCDIR/bench/dims-gen" $N 2024 >"$T/h.se" || fail "generator"
db=$(newdb a)
"$STYR" --db "$db" init >/dev/null
printf 'code;name;kind;parent;valid_from;valid_to;aliases\nSJH;Sjukhuset;förvaltning;;;;\n' >"$T/org.csv"
"$STYR" --db "$db" import csv "$T/org.csv" >/dev/null || fail "org"
run --db "$db" import sie "$T/h.se" --unit SJH
expect_eq "import exit" 0 "$rc"

# awk: per object, jan–aug, utfall = −Σ #TRANS and budget = −Σ #PBUDGET
# (income is credit in SIE), avvikelse from the exact difference; tkr
# rounded once, half away from zero; the Summa line of the exact sums.
want=$(iconv -f CP437 -t UTF-8 "$T/h.se" | awk '
	function ore(s,   neg, p) { neg = s ~ /^-/; sub(/^-/, "", s); p = index(s, ".")
		return (neg ? -1 : 1) * (substr(s, 1, p - 1) * 100 + substr(s, p + 1)) }
	function tkr(x) { return x < 0 ? -int((-x + 50000) / 100000) : int((x + 50000) / 100000) }
	$1 == "#VER" { month = substr($4, 5, 2) + 0 }
	$1 == "#TRANS" && $2 >= 3000 && month <= 8 { o = substr($4, 2, 5); u[o] -= ore($5); seen[o] = 1 }
	$1 == "#PBUDGET" && $5 != "{}" && substr($3, 5, 2) + 0 <= 8 { o = substr($6, 2, 5)
		b[o] -= ore($7) }
	END { for (o in seen) { printf "%s|%d|%d|%d\n", o, tkr(u[o]), tkr(b[o]), tkr(u[o] - b[o])
		tu += u[o]; tb += b[o] }
		printf "Summa|%d|%d|%d\n", tkr(tu), tkr(tb), tkr(tu - tb) }' | sort)
expect_eq "awk found every kostnadsställe" $((N + 1)) "$(echo "$want" | wc -l)"

run --db "$db" report delarsrapport --unit SJH --period "jan–aug 2024" -o "$T/d.html"
expect_eq "html exit" 0 "$rc"
html=$(cat "$T/d.html")
expect_contains "the appendix" "Bilaga: resultat per kostnadsställe" "$html"
got=$(sed 's/<tr>/\n<tr>/g' "$T/d.html" | sed -n 's/^<tr><th scope="row">\(K[0-9]*\|Summa\)<\/th><td>[^<]*<\/td><td class="num">\([^<]*\)<\/td><td class="num">\([^<]*\)<\/td><td class="num">\([^<]*\)<\/td><\/tr>.*/\1|\2|\3|\4/p' |
	sed 's/\xc2\xa0//g; s/ //g; s/−/-/g' | sort)
expect_eq "appendix = awk's sums per kostnadsställe, rounded once" "$want" "$got"

run --db "$db" report delarsrapport --unit SJH --period "jan–aug 2024" -o "$T/d.pdf"
expect_eq "pdf exit" 0 "$rc"
pages=$(pdfinfo "$T/d.pdf" | awk '/^Pages:/ { print $2 }')
checks=$((checks + 1))
[ "${pages:-99}" -le 20 ] || fail "the PDF has ${pages:-?} pages: expected at most 20 for $N kostnadsställen"
pdftotext "$T/d.pdf" - | grep -q "Bilaga: resultat per kostnadsställe" ||
	fail "the PDF has no appendix"
checks=$((checks + 1))

# a unit without detail gets no appendix
printf 'code;name;kind;parent;valid_from;valid_to;aliases\nVC;Vårdcentral;enhet;;;;\n' >"$T/vc.csv"
"$STYR" --db "$db" import csv "$T/vc.csv" >/dev/null
run --db "$db" report delarsrapport --unit VC --period "jan–aug 2024" -o "$T/vc.html"
checks=$((checks + 1))
grep -q "Bilaga: resultat per kostnadsställe" "$T/vc.html" && fail "an appendix without detail"
finish
