#!/usr/bin/env bash
# Starts the throwaway PostgreSQL cluster the pg/* tests run against (the
# CTest fixture "pg"): a fresh data directory (initdb once, then a copy of
# its result) in a new temporary directory, a Unix socket only (no TCP
# port), fsync off because nothing here must survive a crash.  Writes STATE/env with PGHOST and PGPORT for tests/cli/lib.sh and
# tests/pg/env.sh; tests/pg/stop.sh reads it to stop and remove the cluster.
#
# postgres refuses to run as root, so as root (CI) the server runs as the
# postgres user; as anyone else it runs as that user.
set -eu
state=${1:?usage: start.sh STATE_DIR}
here=$(dirname "$0")
mkdir -p "$state"
# A cluster left by an interrupted run is stopped first.
[ -f "$state/env" ] && bash "$here/stop.sh" "$state" || true

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "start.sh: no /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; exit 1; }
as=()
if [ "$(id -u)" = 0 ]; then
	as=(runuser -u postgres --)
fi

base=$(mktemp -d /tmp/styr-pg.XXXXXX)
# Until the env file is written, a failure removes what was made here.
cleanup() {
	[ -f "$state/env" ] && return
	"${as[@]}" "$bin/pg_ctl" -D "$base/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$base"
}
trap cleanup EXIT
chmod 755 "$base"
mkdir "$base/data" "$base/sock" "$base/log"
[ "$(id -u)" = 0 ] && chown postgres: "$base/data" "$base/sock" "$base/log"
port=5432
# initdb is most of the start-up time, so its result is kept in the build
# directory and copied; it is made again when the server version changes.
template=$state/template
if [ "$(cat "$template/PG_VERSION" 2>/dev/null)" != "$("$bin/postgres" -V | sed -E 's/.* ([0-9]+).*/\1/')" ] ||
	[ "$(cat "$state/template.user" 2>/dev/null)" != "$(id -un)" ]; then
	rm -rf "$template" "$base/data"
	mkdir "$base/data"
	[ "$(id -u)" = 0 ] && chown postgres: "$base/data"
	"${as[@]}" "$bin/initdb" -D "$base/data" -U "$(id -un)" -A trust -E UTF8 --locale=C \
		--no-sync >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; exit 1; }
	cp -a "$base/data" "$template"
	id -un >"$state/template.user"
else
	rm -rf "$base/data"
	cp -a "$template" "$base/data"
fi
"${as[@]}" "$bin/pg_ctl" -D "$base/data" -l "$base/log/server.log" -w -s \
	-o "-k $base/sock -c listen_addresses='' -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
	start || { cat "$base/log/server.log" >&2; exit 1; }
cat >"$state/env" <<EOT
PG_BIN=$bin
PG_BASE=$base
PGHOST=$base/sock
PGPORT=$port
EOT
echo "postgres running in $base"
