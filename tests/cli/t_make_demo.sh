#!/usr/bin/env bash
# The README's `make demo` after its build step: scripts/demo loads the
# demo data shipped in data/demo into a fresh embedded SQLite database,
# writes the reports, adds the two demo logins it prints and serves the
# web UI.  Run here in a scratch directory (so out/ is not the source
# tree's) on a port the kernel picks; the test logs in with the printed
# password and stops the server, which must exit cleanly.
. "$SRCDIR/tests/web/lib.sh"
mkdir -p "$T/demo"
ln -s "$SRCDIR/data" "$T/demo/data"
(cd "$T/demo" && STYR_PORT=0 exec "$SRCDIR/scripts/demo" "$STYR" out/demo.db \
	>"$T/serve.out" 2>"$T/serve.err") &
SERVER_PID=$!
i=0
while ! grep -q '^listening on ' "$T/serve.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 1200 ] && fail "demo did not start serving: $(tail -5 "$T/serve.err")" && finish
	kill -0 "$SERVER_PID" 2>/dev/null || { fail "demo stopped: $(tail -5 "$T/serve.err")"; SERVER_PID=; finish; }
	sleep 0.1
done
BASE=$(sed -n 's/^listening on //p' "$T/serve.out")
out=$(cat "$T/serve.out")

# what it prints: where the reports are, how to log in
expect_contains "reports named" "årsredovisning 2024: out/arsredovisning-2024.html, .pdf and .xlsx" "$out"
expect_contains "login printed" "log in as demo / demo-losen-2024 (admin), or enhetschef / styrenhet-2024" "$out"
# the reports it wrote: HTML with Landskrona's figures, a PDF, a workbook
expect_contains "indicator report" "Lasarettet i Landskrona" "$(cat "$T/demo/out/indikatorer.html")"
expect_contains "årsredovisning: RESULTAT" '<th scope="row">RESULTAT</th>' \
	"$(cat "$T/demo/out/arsredovisning-2024.html")"
expect_eq "pdf" "%PDF-" "$(head -c 5 "$T/demo/out/arsredovisning-2024.pdf")"
expect_eq "xlsx (a zip)" "PK" "$(head -c 2 "$T/demo/out/arsredovisning-2024.xlsx")"
# the economy reports: the delårsrapport's budget periodised by the
# stored profile, the plan's X-matris with Hässleholm's actions
expect_contains "delårsrapport profile" "Periodisering av årsbudgeten: budgetprofilen för LKR" \
	"$(cat "$T/demo/out/delarsrapport-2024-08.html")"
expect_contains "plan actions" "Samordning; Mobilt team; Läkemedel" \
	"$(cat "$T/demo/out/verksamhetsplan-hhm-2024.html")"
expect_contains "economy commands suggested" "bridge --year 2024 --upprakning 2,9:3,2" "$out"
# events (issue 18): the generated hospital's production table computed
# from its events
expect_contains "events report named" "the generated hospital GEN, computed from events" "$out"
expect_contains "GEN production from events" "Vårdtillfällen (avslutade sjukhusvårdtf)" \
	"$(cat "$T/demo/out/arsredovisning-gen-2024.html")"
expect_contains "events computed" "written, 0 unchanged" "$(cat "$T/serve.out")"
# every demo file went in (the import counts each kind)
expect_contains "everything imported" "429 bridge, 2 profiles" "$(cat "$T/serve.err" "$T/serve.out")"

# the printed logins work: the admin's start page, the unit manager's unit
login_post demo demo-losen-2024
expect_eq "admin login" 303 "$status"
http GET /enhet/LKR -b "$T/demo.jar"
expect_eq "admin sees LKR" 200 "$status"
expect_contains "LKR page" "Lasarettet i Landskrona" "$body"
login_post enhetschef styrenhet-2024
expect_eq "unit manager login" 303 "$status"
http GET /enhet/LKR -b "$T/enhetschef.jar"
expect_eq "unit manager sees LKR" 200 "$status"
# open data: the published indicators of the approved årsredovisning 2024,
# without a login
http GET /v2/oudata/kpi/ID0069/ou/LKR/year/2024
expect_eq "open data" '{"count":1,"values":[{"kpi":"ID0069","ou":"LKR","period":2024,"values":[{"count":1,"gender":"T","status":"","value":83.8}]}]}' "$body"
http GET /v2/municipality
expect_contains "Region Skåne is 1200" '{"id":"1200","title":"Region Skåne","type":"L"}' "$body"
expect_contains "open data URL printed" "/v2/oudata/kpi/ID0069,ID0285/ou/LKR/year/2024" "$out"
login_post demo wrong-password
expect_eq "wrong password refused" 401 "$status"
stop_server
finish
