/*
 * Test databases on SQLite or PostgreSQL (testdb.h).  The one copy of what
 * test_store, test_goal_import and test_import_csv each carried: the
 * server's admin statement, the run's database, and a schema or a file per
 * test database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"

const char *testdb_pg_url;
char testdb_pg_db[64];

const char *testdb_pg_env(void)
{
	const char *url = getenv("STYR_TEST_PG_URL");

	return url && *url ? url : NULL;
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int testdb_pg_admin(const char *dbname, const char *sql)
{
	char conninfo[512];
	PGconn *c;
	PGresult *r;
	int rc;

	snprintf(conninfo, sizeof(conninfo), "%s dbname=%s", testdb_pg_url, dbname);
	c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("%s: %s", conninfo, PQerrorMessage(c));
	PQsetNoticeProcessor(c, quiet, NULL);
	r = PQexec(c, sql);
	rc = PQresultStatus(r) != PGRES_COMMAND_OK;
	if (rc)
		fprintf(stderr, "testdb_pg_admin: %s: %s\n", sql, PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
	return rc;
}

int testdb_pg_begin(const char *url, const char *prefix)
{
	char sql[200];

	testdb_pg_url = url;
	snprintf(testdb_pg_db, sizeof(testdb_pg_db), "%s_%ld", prefix, (long)getpid());
	snprintf(sql, sizeof(sql),
	         "CREATE DATABASE %s TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'sv-SE' "
	         "STRATEGY FILE_COPY",
	         testdb_pg_db);
	if (!testdb_pg_admin("postgres", sql))
		return 0;
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", testdb_pg_db);
	if (!testdb_pg_admin("postgres", sql))
		return 0;
	testdb_pg_url = NULL;
	return -1;
}

void testdb_pg_end(void)
{
	char sql[100];

	snprintf(sql, sizeof(sql), "DROP DATABASE %s", testdb_pg_db);
	testdb_pg_admin("postgres", sql);
	testdb_pg_url = NULL;
	testdb_pg_db[0] = '\0';
}

void testdb_location(struct testdb *t)
{
	static int n;

	memset(t, 0, sizeof(*t));
	if (testdb_pg_url) {
		char sql[128];

		snprintf(t->pg_schema, sizeof(t->pg_schema), "c%d", ++n);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA %s", t->pg_schema);
		if (testdb_pg_admin(testdb_pg_db, sql))
			fail_msg("%s failed", sql);
		snprintf(t->location, sizeof(t->location), "%s dbname=%s options=-csearch_path=%s",
		         testdb_pg_url, testdb_pg_db, t->pg_schema);
	} else {
		int fd;

		snprintf(t->location, sizeof(t->location), "/tmp/styr-test-XXXXXX");
		fd = mkstemp(t->location);
		if (fd < 0)
			fail_msg("mkstemp %s failed", t->location);
		close(fd);
		unlink(t->location);
	}
}

struct styr_db *testdb_open(struct testdb *t)
{
	struct styr_err err;

	testdb_location(t);
	styr_err_init(&err);
	if (styr_db_open(t->location, STYR_DB_CREATE, &t->db, &err) != STYR_OK)
		fail_msg("opening %s: %s", t->location, err.msg);
	/* the write gate audits every figure's write with who and where */
	styr_db_actor(t->db, "test", "unit test", &err);
	return t->db;
}

void testdb_drop(struct testdb *t)
{
	char p[600];

	if (t->db)
		styr_db_close(t->db);
	t->db = NULL;
	if (t->pg_schema[0]) {
		snprintf(p, sizeof(p), "DROP SCHEMA %s CASCADE", t->pg_schema);
		if (testdb_pg_admin(testdb_pg_db, p))
			fail_msg("%s failed", p);
		return;
	}
	unlink(t->location);
	snprintf(p, sizeof(p), "%s-wal", t->location);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", t->location);
	unlink(p);
}

int testdb_setup(void **state)
{
	struct testdb *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	testdb_open(t);
	*state = t;
	return 0;
}

int testdb_teardown(void **state)
{
	testdb_drop(*state);
	free(*state);
	return 0;
}
