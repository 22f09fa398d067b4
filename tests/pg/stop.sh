#!/usr/bin/env bash
# Stops and removes the cluster tests/pg/start.sh made (CTest fixture
# cleanup, which runs also when tests failed).
set -u
state=${1:?usage: stop.sh STATE_DIR}
[ -f "$state/env" ] || exit 0
. "$state/env"
as=()
[ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
"${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_BASE/data" -m immediate -w -s stop >/dev/null 2>&1
case $PG_BASE in
/tmp/styr-pg.*) rm -rf "$PG_BASE" ;;
esac
rm -f "$state/env"
