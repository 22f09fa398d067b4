#!/usr/bin/env bash
# Corrections through the web (issue 14 item 2): the API's DELETE on
# values, analyses and actions (204; 404 unknown, 423 locked, 403 for a
# reader), PUT and POST answering 200 for an overwrite and 201 only for a
# create; the pages' "Ta bort" with its confirmation step (a GET page,
# then a POST that needs the CSRF token); and the dashboard's default
# document year following a deleted mistaken ledger row.
. "$SRCDIR/tests/web/lib.sh"
demo_db_all
add_user anna unit-manager LKR
add_user karl controller LKR
add_user rut reader LKR
start_server
TOKEN=$("$STYR" --db "$DB" user token anna)
RTOKEN=$("$STYR" --db "$DB" user token rut)
H="Authorization: Bearer $TOKEN"
value_of() {
	dbsql "SELECT COUNT(*) FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE i.code = '$1' AND u.code = '$2' AND v.year = $3 AND v.first_month = 1 AND v.last_month = 12"
}
last_audit() {
	dbsql "SELECT \"user\" || '|' || action || '|' || entity || '|' || before || '|' || after FROM audit ORDER BY id DESC LIMIT 1"
}

# --- API: values
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026","value":86.5}'
expect_eq "POST of a new value" 201 "$status"
http POST /api/v1/units/LKR/values -H "$H" --data '{"indicator":"ID0069","period":"2026","value":86.7}'
expect_eq "POST over it" 200 "$status"
http PUT /api/v1/units/LKR/values/ID0069/2026 -H "$H" --data '{"value":87}'
expect_eq "PUT over it" 200 "$status"
http PUT /api/v1/units/LKR/values/ID0069/2027 -H "$H" --data '{"value":88}'
expect_eq "PUT of a new value" 201 "$status"
http DELETE /api/v1/units/LKR/values/ID0069/2026 -H "Authorization: Bearer $RTOKEN"
expect_eq "a reader may not delete" 403 "$status"
expect_eq "still there" 1 "$(value_of ID0069 LKR 2026)"
http DELETE /api/v1/units/LKR/values/ID0069/2026 -H "$H"
expect_eq "DELETE" 204 "$status"
expect_eq "DELETE has no body" "" "$body"
expect_eq "value gone" 0 "$(value_of ID0069 LKR 2026)"
expect_eq "DELETE audited with the value" "anna|value.delete|value ID0069 LKR 2026|87,0|" "$(last_audit)"
http DELETE /api/v1/units/LKR/values/ID0069/2026 -H "$H"
expect_eq "DELETE again" 404 "$status"
expect_contains "names the key" '"message":"no value of ID0069 for LKR in 2026"' "$body"
http DELETE /api/v1/units/LKR/values/NOPE/2026 -H "$H"
expect_eq "unknown indicator" 404 "$status"
http DELETE /api/v1/units/LKR/values/ID0069/20x6 -H "$H"
expect_eq "bad period" 400 "$status"
http DELETE /api/v1/units/LKR/values/ID0069/2027 -b "$T/anna.jar"
expect_eq "cookie DELETE without a session is unauthorised" 401 "$status"

http GET /api/v1/openapi.json
expect_contains "openapi: the DELETE of a value" '"delete":{"summary":"/api/v1/units/{unit}/values/{ind}/{period}"' "$body"
expect_contains "openapi: 204" '"204":{"description":"deleted"}' "$body"

# --- API: analyses and actions
A='{"period":"2026","subject":"produktion","title":"Väntetider","what":"Kortare köer."}'
http POST /api/v1/units/LKR/analyses -H "$H" --data "$A"
expect_eq "analysis created" 201 "$status"
http POST /api/v1/units/LKR/analyses -H "$H" --data "$A"
expect_eq "analysis overwritten" 200 "$status"
http DELETE "/api/v1/units/LKR/analyses/2026/produktion?title=V%C3%A4ntetider" -H "$H"
expect_eq "analysis deleted" 204 "$status"
expect_eq "analysis audited" "anna|analysis.delete|analysis LKR 2026 produktion|Väntetider: Kortare köer.|" "$(last_audit)"
http DELETE "/api/v1/units/LKR/analyses/2026/produktion?title=V%C3%A4ntetider" -H "$H"
expect_eq "analysis deleted twice" 404 "$status"
C='{"plan":"LKR-HP2026","title":"Färre hyrläkare","owner":"Chef","due":"2026-09-30","expected_mkr":1.5}'
http POST /api/v1/units/LKR/actions -H "$H" --data "$C"
expect_eq "action created" 201 "$status"
http POST /api/v1/units/LKR/actions -H "$H" --data "$C"
expect_eq "action overwritten" 200 "$status"
http DELETE "/api/v1/units/LKR/actions/LKR-HP2026" -H "$H"
expect_eq "action without title" 400 "$status"
http DELETE "/api/v1/units/SUS/actions/LKR-HP2026?title=F%C3%A4rre%20hyrl%C3%A4kare" -H "$H"
expect_eq "another unit's action: no grant there" 403 "$status"
http DELETE "/api/v1/units/LKR/actions/LKR-HP2026?title=F%C3%A4rre%20hyrl%C3%A4kare" -H "$H"
expect_eq "action deleted" 204 "$status"
expect_eq "action audited" "anna|action.delete|action LKR LKR-HP2026 Färre hyrläkare|Färre hyrläkare; 2026-09-30; 1500/0 tkr|" "$(last_audit)"

# --- the pages: a value's "Ta bort" and its confirmation
login anna
login rut
http GET /enhet/LKR/indikator/ID0069 -b "$T/anna.jar"
expect_contains "the value's delete link" 'href="/enhet/LKR/ta-bort?typ=varde&amp;indikator=ID0069&amp;period=2023"' "$body"
expect_contains "the value's edit link" 'href="/enhet/LKR/varde?indikator=ID0069&amp;period=2023"' "$body"
http GET /enhet/LKR/indikator/ID0069 -b "$T/rut.jar"
case "$body" in *ta-bort*) fail "a reader sees a delete link" ;; esac
http GET "/enhet/LKR/ta-bort?typ=varde&indikator=ID0069&period=2023" -b "$T/anna.jar"
expect_eq "confirmation page" 200 "$status"
expect_contains "confirmation asks" "? Detta går inte att ångra, men ändringen sparas i loggen." "$body"
expect_contains "confirmation names the value" "Ta bort värdet 82,5" "$body"
expect_contains "confirmation posts with the CSRF token" "name=\"csrf\" value=\"$CSRF_anna\"" "$body"
expect_eq "the GET deleted nothing" 1 "$(value_of ID0069 LKR 2023)"
http POST /enhet/LKR/ta-bort -b "$T/anna.jar" --data "typ=varde&indikator=ID0069&period=2023"
expect_eq "POST without the CSRF token" 403 "$status"
http POST /enhet/LKR/ta-bort -b "$T/anna.jar" --data "csrf=0000&typ=varde&indikator=ID0069&period=2023"
expect_eq "POST with a wrong CSRF token" 403 "$status"
expect_eq "refused: still there" 1 "$(value_of ID0069 LKR 2023)"
http POST /enhet/LKR/ta-bort -b "$T/rut.jar" --data "csrf=$CSRF_rut&typ=varde&indikator=ID0069&period=2023"
expect_eq "a reader's POST" 403 "$status"
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$T/anna.jar" \
	--data "csrf=$CSRF_anna&typ=varde&indikator=ID0069&period=2023" "$BASE/enhet/LKR/ta-bort")
expect_eq "deleted, back to the indicator" "303 $BASE/enhet/LKR/indikator/ID0069?borttaget=1" "$status"
expect_eq "value gone" 0 "$(value_of ID0069 LKR 2023)"
expect_eq "the page's delete audited" "anna|value.delete|value ID0069 LKR 2023|82,5|" "$(last_audit)"
http GET "/enhet/LKR/indikator/ID0069?borttaget=1" -b "$T/anna.jar"
expect_contains "says it is gone" "Borttaget. Ändringen finns i loggen." "$body"
http GET "/enhet/LKR/ta-bort?typ=varde&indikator=ID0069&period=2023" -b "$T/anna.jar"
expect_eq "confirmation of what is gone" 404 "$status"

# An analysis and an action: listed under their forms, edit and delete.
http POST /api/v1/units/LKR/analyses -H "$H" --data "$A"
http GET /enhet/LKR/analys -b "$T/anna.jar"
expect_contains "analysis listed" 'href="/enhet/LKR/ta-bort?typ=analys&amp;period=2026&amp;amne=produktion&amp;rubrik=V%C3%A4ntetider"' "$body"
http GET "/enhet/LKR/analys?period=2026&amne=produktion&rubrik=V%C3%A4ntetider" -b "$T/anna.jar"
expect_contains "edit form filled" ">Kortare köer.</textarea>" "$body"
http GET "/enhet/LKR/ta-bort?typ=analys&period=2026&amne=produktion&rubrik=V%C3%A4ntetider" -b "$T/anna.jar"
expect_contains "analysis confirmation" "Ta bort analysen ”Väntetider” om produktion, 2026, för Lasarettet i Landskrona? Detta går inte att ångra, men ändringen sparas i loggen." "$body"
http POST /enhet/LKR/ta-bort -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" --data-urlencode "typ=analys" \
	--data-urlencode "period=2026" --data-urlencode "amne=produktion" --data-urlencode "rubrik=Väntetider"
expect_eq "analysis deleted by the form" 303 "$status"
expect_eq "analysis gone" 0 "$(dbsql "SELECT count(*) FROM analysis WHERE title = 'Väntetider'")"
http POST /api/v1/units/LKR/actions -H "$H" --data "$C"
http GET /enhet/LKR/atgard -b "$T/anna.jar"
expect_contains "action listed" 'href="/enhet/LKR/ta-bort?typ=atgard&amp;plan=LKR-HP2026&amp;rubrik=F%C3%A4rre%20hyrl%C3%A4kare"' "$body"
http GET "/enhet/LKR/atgard?plan=LKR-HP2026&titel=F%C3%A4rre%20hyrl%C3%A4kare" -b "$T/anna.jar"
expect_contains "action edit form filled" 'value="1,5"' "$body"
http GET "/enhet/LKR/ta-bort?typ=atgard&plan=LKR-HP2026&rubrik=F%C3%A4rre%20hyrl%C3%A4kare" -b "$T/anna.jar"
expect_contains "action confirmation" "Ta bort åtgärden ”Färre hyrläkare” i handlingsplanen LKR-HP2026 för Lasarettet i Landskrona? Detta går inte att ångra" "$body"
http POST /enhet/LKR/ta-bort -b "$T/anna.jar" --data-urlencode "csrf=$CSRF_anna" --data-urlencode "typ=atgard" \
	--data-urlencode "plan=LKR-HP2026" --data-urlencode "rubrik=Färre hyrläkare"
expect_eq "action deleted by the form" 303 "$status"
expect_eq "action gone" 0 "$(dbsql "SELECT count(*) FROM action WHERE title = 'Färre hyrläkare'")"

# --- an approved year: every delete refused, nothing changed
http POST /api/v1/units/LKR/reports/2024/submit -H "$H" -d '{}'
http POST /api/v1/units/LKR/reports/2024/approve -H "Authorization: Bearer $("$STYR" --db "$DB" user token karl)" -d '{}'
expect_eq "approved" 200 "$status"
before=$(dbdump_data "$DB")
refused=$(dbsql "SELECT COUNT(*) FROM audit WHERE action = 'refused'")
http DELETE /api/v1/units/LKR/values/ID0069/2024 -H "$H"
expect_eq "locked value" 423 "$status"
expect_contains "locked names who" "approved by karl" "$body"
http DELETE "/api/v1/units/LKR/analyses/2024/RS-OM4?title=Attraktiv%20arbetsplats" -H "$H"
expect_eq "locked analysis" 423 "$status"
http POST /enhet/LKR/ta-bort -b "$T/anna.jar" --data "csrf=$CSRF_anna&typ=varde&indikator=ID0069&period=2024"
expect_eq "locked page delete" 423 "$status"
expect_contains "locked page says who" "godkändes av karl" "$body"
expect_eq "locked: nothing changed" "$before" "$(dbdump_data "$DB")"
expect_eq "locked: the three refusals are audited" "$((refused + 3))" \
	"$(dbsql "SELECT COUNT(*) FROM audit WHERE action = 'refused'")"

# --- the dashboard's default document follows the stored data
printf 'unit;table;year;month;row;kind;amount;source\nLKR;;2030;;regionbidrag;budget;1;av misstag\n' >"$T/oops.csv"
"$STYR" --db "$DB" import csv "$T/oops.csv" >/dev/null 2>&1 || fail "importing the mistaken row"
disposition() {
	curl -s -o /dev/null -D - -b "$T/anna.jar" "$BASE/enhet/LKR/dokument?typ=arsredovisning&format=html" |
		tr -d '\r' | sed -n 's/^Content-Disposition: //p'
}
expect_eq "the mistaken year is the default" 'attachment; filename="arsredovisning-LKR-2030.html"' "$(disposition)"
run --db "$DB" delete ledger LKR - 2030 0 regionbidrag budget --as anna
expect_eq "mistaken row deleted" 0 "$rc"
expect_eq "the default follows" 'attachment; filename="arsredovisning-LKR-2024.html"' "$(disposition)"
finish
