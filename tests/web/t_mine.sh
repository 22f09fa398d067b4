#!/usr/bin/env bash
# Min sida, the deep link through the login, the entry grid and the
# dashboard's summary (issue 17): a unit manager of Landskrona on
# 2026-03-10, when 2025's figures are due.
. "$(dirname "$0")/lib.sh"
demo_db
add_user chef unit-manager LKR
add_user ctrl controller LKR
start_server --today 2026-03-10

# A link from an e-mail survives the login.
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/enhet/LKR/indikator/ID0069?ar=2024&x=a%20b")
expect_eq "deep link sends to the login with its target" \
	"303 $BASE/login?till=/enhet/LKR/indikator/ID0069%3Far%3D2024%26x%3Da%2520b" "$status"
curl -s -c "$T/chef.jar" -o "$T/loginform" "$BASE/login?till=/enhet/LKR/indikator/ID0069%3Far%3D2024"
expect_contains "login form carries the target" \
	'<input type="hidden" name="till" value="/enhet/LKR/indikator/ID0069?ar=2024">' "$(cat "$T/loginform")"
lt=$(sed -n 's/.*name="csrf" value="\([0-9a-f.]*\)".*/\1/p' "$T/loginform" | head -1)
out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$T/chef.jar" -c "$T/chef.jar" \
	--data-urlencode "csrf=$lt" --data-urlencode "namn=chef" --data-urlencode "losenord=chef-losen" \
	--data-urlencode "till=/enhet/LKR/indikator/ID0069?ar=2024" "$BASE/login")
expect_eq "login leads back to the page" "303 $BASE/enhet/LKR/indikator/ID0069?ar=2024" "$out"
# Never to another site.
for bad in //evil.example/x '/\evil.example' https://evil.example/ 'javascript:alert(1)'; do
	login_post chef chef-losen --data-urlencode "till=$bad" -D "$T/h"
	expect_eq "no open redirect to $bad" "location: /min-sida" \
		"$(grep -i '^location:' "$T/h" | tr -d '\r' | tr 'A-Z' 'a-z')"
done
login chef

# Min sida: 2025 is over, none of LKR's yearly indicators has a 2025 value.
http GET /min-sida -b "$T/chef.jar"
expect_eq "min sida" 200 "$status"
expect_contains "missing values link to the grid" \
	'<a href="/enhet/LKR/varden?period=2025">37 av enhetens 38 indikatorer saknar värde för 2025</a>' "$body"
http GET / -b "$T/chef.jar" -D "$T/h"
expect_eq "the root leads a logged-in user to Min sida" "location: /min-sida" \
	"$(grep -i '^location:' "$T/h" | tr -d '\r' | tr 'A-Z' 'a-z')"
http GET /min-sida/kalender.ics -b "$T/chef.jar"
expect_contains "iCalendar feed" "BEGIN:VCALENDAR" "$body"

# The dashboard before: traffic lights with counts, the period flagged as
# not the latest ended.
http GET /enhet/LKR -b "$T/chef.jar"
expect_contains "summary before" '<li class="met">✔ 10 uppfyllda</li><li class="near">◐ 0 nära målet</li><li class="notmet">✖ 13 ej uppfyllda</li><li>○ 15 utan mål eller värde</li>' "$body"
expect_contains "an old period is flagged" '<p class="flagga">De senaste värdena är från 2024. Det finns inga värden för 2025 ännu.</p>' "$body"
expect_contains "status not by colour alone" '<td class="notmet">✖ Ej uppfyllt' "$body"
expect_contains "children drill-down" "<caption>Enheterna under: indikatorernas status</caption>" "$body"

# The grid: the unit's own yearly indicators, last year's value beside.
http GET "/enhet/LKR/varden?period=2025" -b "$T/chef.jar"
expect_eq "grid" 200 "$status"
expect_contains "grid row with last year's value" 'ID0069 Väntande inom 90 dagar - första besök (%)</label></th><td class="num">83,8' "$body"
rows=$(printf '%s' "$body" | grep -o '<input id="v-' | wc -l)
expect_eq "only the unit's own yearly indicators" 37 "$rows"
before=$(snapshot "$DB")
# One bad field: nothing is stored.
http POST /enhet/LKR/varden -b "$T/chef.jar" --data "csrf=$CSRF_chef&period=2025" \
	--data-urlencode "v-ID0069=85,1" --data-urlencode "v-ID0070=120" --data-urlencode "v-ID0010=0,3"
expect_eq "a percentage over 100 is refused" 422 "$status"
expect_contains "the field says why" "En andel ligger mellan 0 och 100 %." "$body"
expect_contains "typed values are kept" 'name="v-ID0069" inputmode="decimal" size="8" value="85,1"' "$body"
expect_eq "nothing stored" "$before" "$(snapshot "$DB")"
# Three values at once.
http POST /enhet/LKR/varden -b "$T/chef.jar" --data "csrf=$CSRF_chef&period=2025" \
	--data-urlencode "v-ID0069=85,1" --data-urlencode "v-ID0070=62" --data-urlencode "v-ID0010=4,5" \
	--data-urlencode "k-ID0015=Mäts inte längre"
expect_eq "grid saved" 303 "$status"
expect_eq "three values and one reason stored (tenths)" \
	"ID0010|45|
ID0015||Mäts inte längre
ID0069|851|
ID0070|620|" \
	"$(sql "$DB" "SELECT i.code, CAST(ROUND(v.value * 10) AS INTEGER), v.missing_reason FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE u.code = 'LKR' AND v.year = 2025 AND v.first_month = 1 AND v.last_month = 12 ORDER BY i.code")"
expect_eq "each audited" 4 "$(sql "$DB" "SELECT count(*) FROM audit WHERE action = 'value.put' AND entity LIKE 'value % LKR 2025'")"
http GET "/enhet/LKR/varden?period=2025&sparat=4" -b "$T/chef.jar"
expect_contains "saved notice" "Sparade 4 värden." "$body"
expect_contains "a large change is flagged" '4,5 <span class="varning">stor ändring mot förra perioden: kontrollera</span>' "$body"
# A comment per value: beside a new figure, or alone on a stored one
# (then the figure and where it came from stay); a changed comment is a
# change, audited, and shown in the grid's field.
src=$(sql "$DB" "SELECT v.source FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE u.code = 'LKR' AND i.code = 'ID0069' AND v.year = 2025")
http POST /enhet/LKR/varden -b "$T/chef.jar" --data "csrf=$CSRF_chef&period=2025" \
	--data-urlencode "k-ID0069=Nytt journalsystem från mars" --data-urlencode "v-ID0070=63" \
	--data-urlencode "k-ID0070=Två salar stängda i juli"
expect_eq "comments saved" 303 "$status"
expect_eq "a comment alone keeps the figure and its source; a figure takes its comment" \
	"ID0069|851||$src|Nytt journalsystem från mars
ID0070|630|||Två salar stängda i juli" \
	"$(sql "$DB" "SELECT i.code, CAST(ROUND(v.value * 10) AS INTEGER), v.missing_reason, CASE WHEN i.code = 'ID0069' THEN v.source ELSE '' END, v.comment FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE u.code = 'LKR' AND v.year = 2025 AND i.code IN ('ID0069', 'ID0070') ORDER BY i.code")"
expect_eq "a comment alone is audited as value.comment" "value.comment|85,1; kommentar: Nytt journalsystem från mars" \
	"$(sql "$DB" "SELECT action, after FROM audit WHERE entity = 'value ID0069 LKR 2025' ORDER BY id DESC LIMIT 1")"
http GET "/enhet/LKR/varden?period=2025" -b "$T/chef.jar"
expect_contains "the grid shows the stored comment" 'name="k-ID0069" size="24" value="Nytt journalsystem från mars"' "$body"
expect_contains "the grid's comment column" '<th scope="col">Kommentar</th>' "$body"
before=$(snapshot "$DB")
http POST /enhet/LKR/varden -b "$T/chef.jar" --data "csrf=$CSRF_chef&period=2025" \
	--data-urlencode "k-ID0069=Nytt journalsystem från mars"
expect_eq "an unchanged comment is nothing to save" 422 "$status"
expect_contains "says so" "Inget att spara" "$body"
http POST /enhet/LKR/varden -b "$T/chef.jar" --data "csrf=$CSRF_chef&period=2025" \
	--data-urlencode "v-ID0010=5" --data-urlencode "k-ID0069=$(head -c 600 /dev/zero | tr '\0' k)"
expect_eq "a comment too long" 422 "$status"
expect_contains "the field says why" "Kommentaren är för lång (högst 511 tecken)." "$body"
expect_eq "nothing stored" "$before" "$(snapshot "$DB")"

# The dashboard after: ID0010 at 4,5 misses <0,5/100 vpl (was met), ID0015
# is now missing (was not met), the period is 2025 and not flagged.
http GET /enhet/LKR -b "$T/chef.jar"
expect_contains "summary after" '<li class="met">✔ 9 uppfyllda</li><li class="near">◐ 0 nära målet</li><li class="notmet">✖ 13 ej uppfyllda</li><li>○ 16 utan mål eller värde</li>' "$body"
expect_contains "the period is current" '<p>De senaste värdena är från 2025.</p>' "$body"

# Swedish on pages, English on the API.
login ctrl
http GET /enhet/LKR/varden -b "$T/ctrl.jar"
expect_eq "controller may not enter (only unit managers do)" 200 "$status"
add_user reader reader LKR-VVH
login reader
http GET /enhet/LKR/varden -b "$T/reader.jar"
expect_eq "reader refused" 403 "$status"
expect_contains "refusal in Swedish" "Sidan kräver rollen enhetschef på enheten LKR. Din roll där är ingen." "$body"
http GET /finns-inte -b "$T/reader.jar"
expect_contains "404 in Swedish" "Det finns ingen sida /finns-inte." "$body"
finish
