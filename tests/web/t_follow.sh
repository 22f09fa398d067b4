# HTTP against a real server for the follow-up pages: the dashboard's
# economy summary (seed 002's resultaträkning for Landskrona 2024), the
# follow-up calendar (what `styr due` lists), and the report documents
# as HTML, PDF and XLSX downloads.
. "$SRCDIR/tests/web/lib.sh"
demo_db
add_user anna unit-manager LKR
add_user rut reader LKR
add_user sol reader LKR-IM-MLD
start_server
NBSP=$(printf '\302\240')
MINUS=$(printf '\342\210\222')
login rut
login sol

# --- economy summary on the dashboard
http GET /enhet/LKR -b "$T/rut.jar"
expect_eq "dashboard" 200 "$status"
expect_contains "economy: year" "Resultaträkning 2024 (tkr)" "$body"
expect_contains "economy: summa intäkter utfall, budget, avvikelse, prognos" \
	"SUMMA INTÄKTER</strong></th><td class=\"num\">448${NBSP}659</td><td class=\"num\">434${NBSP}475</td><td class=\"num\">14${NBSP}184</td><td class=\"num\">449${NBSP}763</td>" "$body"
expect_contains "economy: resultat" \
	"RESULTAT</strong></th><td class=\"num\">${MINUS}22${NBSP}629</td>" "$body"
expect_contains "economy: bar chart" 'aria-labelledby="ekonomi-diagram"' "$body"
expect_contains "economy: chart bar" "Utfall 448${NBSP}659" "$body"
expect_contains "dashboard links the calendar" 'href="/enhet/LKR/kalender"' "$body"
http GET /enhet/LKR-IM-MLD -b "$T/sol.jar"
expect_contains "economy: none" "Inga ekonomiska uppgifter" "$body"

# --- follow-up calendar
"$STYR" --db "$DB" due --unit LKR-S --date 2025-03-01 --days 90 >"$T/due.txt"
expect_contains "cli agrees: late delårsrapport" "2024-11-03 försenad" "$(cat "$T/due.txt")"
http GET "/enhet/LKR/kalender?datum=2025-03-01" -b "$T/rut.jar"
expect_eq "calendar" 200 "$status"
expect_contains "calendar: board" "Sjukhusstyrelse Landskrona (LKR-S)" "$body"
expect_contains "calendar: late item" \
	'<tr class="notmet"><td>2024-11-03</td><td><strong>försenad</strong></td><td>delårsrapport jan–aug 2024 (beslutsärende)</td></tr>' "$body"
expect_contains "calendar: due item" "<td>2025-03-31</td><td>att göra</td><td>årsredovisning 2024 (beslutsärende)</td>" "$body"
expect_contains "calendar: uppdrag links its goal" '<a href="/mal/RS-HS03">återrapportering av uppdrag RS-HS03</a>' "$body"
http GET "/enhet/LKR/kalender?datum=1.3.2025" -b "$T/rut.jar"
expect_eq "calendar: bad date" 400 "$status"
http GET "/enhet/LKR/kalender?dagar=-3" -b "$T/rut.jar"
expect_eq "calendar: bad horizon" 400 "$status"
http GET /enhet/LKR/kalender -b "$T/sol.jar"
expect_eq "calendar: another unit" 403 "$status"

# --- documents: readers may download
for f in html pdf xlsx; do
	status=$(curl -s -o "$T/doc.$f" -D "$T/doc.h" -w '%{http_code}' -b "$T/rut.jar" \
		"$BASE/enhet/LKR/dokument?typ=arsredovisning&format=$f&period=2024")
	expect_eq "årsredovisning $f" 200 "$status"
	expect_contains "årsredovisning $f filename" \
		"Content-Disposition: attachment; filename=\"arsredovisning-LKR-2024.$f\"" "$(cat "$T/doc.h")"
done
expect_contains "html content type" "Content-Type: text/html; charset=utf-8" \
	"$(curl -s -D - -o /dev/null -b "$T/rut.jar" "$BASE/enhet/LKR/dokument?typ=arsredovisning&format=html&period=2024")"
expect_contains "html report is LKR's 2024" "<h1>Årsredovisning 2024</h1>" "$(cat "$T/doc.html")"
expect_contains "html report names the unit" "Lasarettet i Landskrona" "$(cat "$T/doc.html")"
expect_eq "pdf magic" "%PDF" "$(head -c 4 "$T/doc.pdf")"
expect_eq "xlsx is a zip" "PK" "$(head -c 2 "$T/doc.xlsx")"
status=$(curl -s -o "$T/doc.pdf" -D "$T/doc.h" -w '%{http_code}' -b "$T/rut.jar" \
	"$BASE/enhet/LKR/dokument?typ=delarsrapport&format=pdf&period=jan-aug%202024")
expect_eq "delårsrapport pdf" 200 "$status"
expect_contains "pdf content type" "Content-Type: application/pdf" "$(cat "$T/doc.h")"
expect_contains "delårsrapport filename is ASCII" 'filename="delarsrapport-LKR-' "$(cat "$T/doc.h")"
status=$(curl -s -o /dev/null -D "$T/doc.h" -w '%{http_code}' -b "$T/rut.jar" \
	"$BASE/enhet/LKR/dokument?typ=verksamhetsplan&format=xlsx&period=2024")
expect_eq "verksamhetsplan xlsx" 200 "$status"
expect_contains "xlsx content type" \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "$(cat "$T/doc.h")"
http GET "/enhet/LKR/dokument?typ=bokslut" -b "$T/rut.jar"
expect_eq "document: unknown type" 400 "$status"
http GET "/enhet/LKR/dokument?typ=arsredovisning&format=docx" -b "$T/rut.jar"
expect_eq "document: unknown format" 400 "$status"
http GET "/enhet/LKR/dokument?typ=arsredovisning&period=2024T2" -b "$T/rut.jar"
expect_eq "document: period that does not fit the type" 400 "$status"
http GET "/enhet/LKR/dokument?typ=arsredovisning" -b "$T/sol.jar"
expect_eq "document: another unit" 403 "$status"
finish
