#!/usr/bin/env bash
# Indicator categories on the web: Landskrona's dashboard lists its quality
# indicators in the indicator table and its production figures (category
# produktion, data/demo/production_indicators.csv) in a table of their own
# without target or status; a production figure's page does not call it
# "Ej målsatt" nor gives it target, status and trend columns; the
# downloaded indicator report counts only the quality indicators; the API
# says each indicator's category.
. "$SRCDIR/tests/web/lib.sh"
demo_db_all
add_user rut reader LKR
start_server
NBSP=$(printf '\302\240')
login rut

http GET /enhet/LKR -b "$T/rut.jar"
expect_eq "dashboard" 200 "$status"
quality=$(printf '%s' "$body" | sed -n 's/.*<caption>Indikatorer, senaste värde<\/caption>\(.*\)/\1/p' | sed 's/<\/table>.*//')
production=$(printf '%s' "$body" | sed -n 's/.*<caption>Produktion, senaste värde<\/caption>\(.*\)/\1/p' | sed 's/<\/table>.*//')
expect_contains "quality table: ID0069" "ID0069" "$quality"
case "$quality" in *PROD-*) fail "a PROD- code is in the quality indicator table" ;; esac
expect_eq "quality table rows with a status" 23 "$(printf '%s' "$quality" | grep -o '<td class="\(met\|near\|notmet\)">' | wc -l)"
expect_eq "no production figure is Ej målsatt" 0 "$(printf '%s' "$production" | grep -c 'Ej målsatt')"
expect_eq "production table rows" 13 "$(printf '%s' "$production" | grep -o '<tr><th scope="row">' | wc -l)"
expect_contains "production table: vårdtillfällen 2024" \
	"PROD-SV-VTF</a> Vårdtillfällen (avslutade sjukhusvårdtf)</th><td>2024</td><td class=\"num\">3${NBSP}793</td></tr>" \
	"$production"
expect_contains "production table head" '<th scope="col">Produktionstal</th><th scope="col">Period</th><th scope="col">Värde</th></tr>' "$production"

# A unit without production figures has no production table.
http GET /enhet/LKR-IM -b "$T/rut.jar"
expect_eq "unit without production" 200 "$status"
case "$body" in *"Produktion, senaste värde"*) fail "an empty production table on LKR-IM" ;; esac

http GET /enhet/LKR/indikator/PROD-SV-VTF -b "$T/rut.jar"
expect_eq "production figure page" 200 "$status"
expect_contains "production figure: category" "<dt>Kategori</dt><dd>Produktion (räknas, målsätts inte)</dd>" "$body"
case "$body" in *"<dt>Mål</dt>"*) fail "a production figure's page has a Mål" ;; esac
expect_eq "production figure: no Ej målsatt" 0 "$(printf '%s' "$body" | grep -c 'Ej målsatt')"
expect_contains "production figure: values without target and status" \
	"<thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Värde</th><th scope=\"col\">Kommentar</th></tr></thead><tbody><tr><td>2024</td><td class=\"num\">3${NBSP}793</td><td class=\"kommentar\"></td></tr><tr><td>2023</td><td class=\"num\">3${NBSP}840</td><td class=\"kommentar\"></td></tr></tbody>" \
	"$body"
expect_contains "production figure: units below, two columns" '<td colspan="2">Inget värde</td>' "$body"
http GET /enhet/LKR/indikator/ID0069 -b "$T/rut.jar"
expect_contains "quality indicator keeps its Mål" "<dt>Mål</dt><dd>&gt;95 %</dd>" "$body"

http GET "/enhet/LKR/indikatorrapport?ar=2024" -b "$T/rut.jar"
expect_eq "indicator report" 200 "$status"
expect_contains "indicator report counts" \
	"38 indikatorer 2024: 10 uppfyllda, 0 nära målet, 13 ej uppfyllda, 4 saknar värde, 11 utan mål." "$body"
case "$body" in *PROD-*) fail "a PROD- code is in the indicator report" ;; esac

tok=$("$STYR" --db "$DB" user token rut)
H="Authorization: Bearer $tok"
http GET "/api/v1/indicators?per_page=200" -H "$H"
expect_contains "API indicator category: produktion" '"code":"PROD-SV-VTF","name":"Vårdtillfällen (avslutade sjukhusvårdtf)"' "$body"
expect_eq "API production indicators" 13 "$(printf '%s' "$body" | grep -o '"category":"produktion"' | wc -l)"
expect_contains "API indicator category: kvalitet" '"code":"ID0069","name":"Väntande inom 90 dagar - första besök","definition":"","unit":"%","source":"","category":"kvalitet"' "$body"
expect_eq "API quality indicators" 71 "$(printf '%s' "$body" | grep -o '"category":"kvalitet"' | wc -l)"
http GET /api/v1/units/LKR/dashboard -H "$H"
expect_contains "API dashboard row category" '"name":"Vårdtillfällen (avslutade sjukhusvårdtf)","category":"produktion"' "$body"
finish
