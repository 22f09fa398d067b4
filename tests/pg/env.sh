#!/usr/bin/env bash
# Runs a command with the cluster of tests/pg/start.sh in its environment:
# PGHOST, PGPORT and STYR_TEST_PG_URL, a libpq conninfo without dbname that
# tests/unit/test_store.c extends with the databases it creates.
set -eu
state=${1:?usage: env.sh STATE_DIR COMMAND...}
shift
unset PGUSER PGDATABASE PGSERVICE PGOPTIONS PGPASSWORD PGSSLMODE
. "$state/env"
export PGHOST PGPORT
export STYR_TEST_PG_URL="host=$PGHOST port=$PGPORT"
exec "$@"
