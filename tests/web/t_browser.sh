# The browser test (browser.mjs) against a served demo database.  node
# modules come from package-lock.json: installed once with npm ci, and
# nothing is fetched when they are there already.
. "$SRCDIR/tests/web/lib.sh"
if [ ! -d "$SRCDIR/node_modules/playwright-core" ] || [ ! -d "$SRCDIR/node_modules/axe-core" ]; then
	(cd "$SRCDIR" && npm ci --no-audit --no-fund >/dev/null) || { echo "npm ci failed" >&2; exit 1; }
fi
[ -x /usr/bin/chromium ] || { echo "chromium is missing (scripts/install-deps)" >&2; exit 1; }
demo_db_all
add_user anna unit-manager LKR
add_user karl controller
start_server
BASE=$BASE ARTEFACTS=${ARTEFACTS:-$T/artefacts} NODE_PATH="$SRCDIR/node_modules" \
	timeout 120 node "$SRCDIR/tests/web/browser.mjs" || fail "browser test"
stop_server
finish
