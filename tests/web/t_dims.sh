# Ledger dimensions on the web (issue 15 item 4): the economy page's "Per
# kostnadsställe" table and the ledger API's ?by= for a unit whose SIE file
# carried kostnadsställen; the figures equal what `styr ledger --by` prints
# (cli/t_sie_dims checks those against awk), in öre equal to the stored
# detail's sums; an unknown dimension is a 400 naming it.
. "$SRCDIR/tests/web/lib.sh"
"$STYR" --db "$DB" init >/dev/null
printf 'code;name;kind;parent;valid_from;valid_to;aliases\nSJH;Sjukhuset;förvaltning;;;;\n' >"$T/org.csv"
"$STYR" --db "$DB" import csv "$T/org.csv" >/dev/null || fail "org"
"$STYR" --db "$DB" import sie "$SHARED/testdata/sie/transaktioner_ovnbolag.se" --unit SJH >/dev/null ||
	fail "sie"
add_user rut reader SJH
start_server
login rut

http GET "/enhet/SJH/ekonomi?ar=2011" -b "$T/rut.jar"
expect_eq "page" 200 "$status"
expect_contains "per kostnadsställe" '<h2 id="per-kostnadsstalle">Per kostnadsställe</h2>' "$body"
cli=$("$STYR" --db "$DB" ledger --unit SJH --year 2011 --by kostnadsstalle | sed 's/\xc2\xa0/ /g')
syd=$(echo "$cli" | awk '$1 == "Syd" { print $(NF - 2) }')
expect_contains "Syd's utfall as the CLI prints it" \
	"<th scope=\"row\">Syd</th><td>Kontor Syd</td><td class=\"num\">$(echo "$syd" | sed 's/ /\xc2\xa0/g')</td>" "$body"

# Every dimension the detail has gets its table (the file carries
# kostnadsställen, projekt and anställda): each object's utfall as the CLI
# prints it for that dimension.
for dim in projekt anstalld; do
	expect_contains "a table for $dim" "<h2 id=\"per-$dim\">" "$body"
	"$STYR" --db "$DB" ledger --unit SJH --year 2011 --by $dim | sed 's/\xc2\xa0/ /g' |
		awk 'NR > 2 && $1 != "Summa" { print $1 "\t" $(NF - 2) }' >"$T/$dim.lines"
	[ -s "$T/$dim.lines" ] || fail "$dim: the CLI printed no objects"
	while IFS="$(printf '\t')" read -r obj utfall; do
		expect_contains "$dim $obj: utfall as the CLI prints it" \
			"<th scope=\"row\">$obj</th><td>" "$body"
		section=$(echo "$body" | sed -n "s/.*<table id=\"dim-$dim\">\(.*\)/\1/p" |
			sed 's#</table>.*##')
		expect_contains "$dim $obj: its utfall in its table" \
			"<th scope=\"row\">$obj</th><td>$(echo "$section" |
				sed -n "s#.*<th scope=\"row\">$obj</th><td>\([^<]*\)</td>.*#\1#p")</td><td class=\"num\">$(echo "$utfall" | sed 's/ /\xc2\xa0/g')</td>" "$section"
	done <"$T/$dim.lines"
done
expect_eq "no table for a dimension without detail" "" \
	"$(echo "$body" | grep -o '<h2 id="per-kostnadsbarare">')"

http GET "/api/v1/units/SJH/ledger?year=2011&by=kostnadsstalle" -b "$T/rut.jar"
expect_eq "api" 200 "$status"
want=$(dbsql "SELECT sum(amount_ore) FROM ledger_detail WHERE dim = 1 AND object = 'Syd'
	AND kind = 'utfall' AND row_code = 'resultat' AND year = 2011")
expect_eq "api: Syd in öre = the stored detail's sum" "$want" \
	"$(echo "$body" | jq '.by.objects[] | select(.object == "Syd") | .utfall_ore')"
expect_eq "api: the dimension" "kostnadsstalle" "$(echo "$body" | jq -r '.by.code')"

http GET "/api/v1/units/SJH/ledger?year=2011&by=nosuch" -b "$T/rut.jar"
expect_eq "unknown dimension: 400" 400 "$status"
expect_contains "names it" 'dimension \"nosuch\"' "$body"
finish
