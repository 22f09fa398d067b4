#!/usr/bin/env bash
# The reports' HTML has no axe-core violation (WCAG 2 A/AA and best
# practice), with the cover lines, the data's hash in its footer, the
# economy's charts and notes, and a section of unlinked indicators.
. "$(dirname "$0")/report_lib.sh"
if [ ! -d "$SRCDIR/node_modules/playwright-core" ] || [ ! -d "$SRCDIR/node_modules/axe-core" ]; then
	(cd "$SRCDIR" && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci failed" >&2; exit 1; }
fi
[ -x /usr/bin/chromium ] || { echo "chromium is missing (scripts/install-deps)" >&2; exit 1; }
"$STYR" --db "$db" import csv "$DEMO/ledger.csv" "$SRCDIR/data/rules/generic.csv" "$DEMO/actions.csv" \
	"$DEMO/uppdrag.csv" "$DEMO/goals_hhm2024.csv" >/dev/null || fail "importing the economy demo data"
run --db "$db" report arsredovisning --unit LKR --period 2024 -o "$T/ar.html"
expect_eq "årsredovisning" 0 "$rc"
run --db "$db" report delarsrapport --unit LKR --period "jan–aug 2024" -o "$T/d.html"
expect_eq "delårsrapport" 0 "$rc"
run --db "$db" report verksamhetsplan --unit LKR --period 2024 -o "$T/vp.html"
expect_eq "verksamhetsplan" 0 "$rc"
out=$(NODE_PATH="$SRCDIR/node_modules" timeout 120 node "$SRCDIR/tests/cli/report_axe.mjs" \
	"$T/ar.html" "$T/d.html" "$T/vp.html" 2>&1)
expect_eq "axe finds nothing ($out)" 0 "$?"
finish
