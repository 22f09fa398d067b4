/*
 * Databases for the unit tests, on SQLite or PostgreSQL: a test asks for a
 * new empty database and drops it afterwards, and the same test runs on
 * either backend.  On PostgreSQL (testdb_pg_begin, when STYR_TEST_PG_URL
 * names a server, as tests/pg/env.sh sets it) a run makes one database of
 * its own and each test database is a schema in it (search_path in the
 * location): much faster than a database each.  On SQLite it is a file
 * under /tmp.
 *
 * Ownership: struct testdb is the caller's; testdb_open fills it and opens
 * db, testdb_drop closes db and removes what testdb_open made.  Failures
 * fail the running cmocka test.
 */
#ifndef STYR_TESTDB_H
#define STYR_TESTDB_H

#include "styr/db.h"

struct testdb {
	char location[512];
	char pg_schema[64]; /* the schema made for it, on PostgreSQL */
	struct styr_db *db;
};

/* The PostgreSQL server's conninfo (without dbname) while the tests run on
 * PostgreSQL, else NULL; and the database made for the run. */
extern const char *testdb_pg_url;
extern char testdb_pg_db[64];

/* STYR_TEST_PG_URL, or NULL when it is unset or empty. */
const char *testdb_pg_env(void);

/* Run one statement on database dbname of the server; 0 if it worked (the
 * server's message goes to stderr if not). */
int testdb_pg_admin(const char *dbname, const char *sql);

/* From now on, test databases are schemas of a new database named
 * prefix_PID on the server at url: sorting text the Swedish way (ICU
 * sv-SE) where the server can, so that the tests see the backend order by
 * bytes anyway.  0 if it worked.  testdb_pg_end drops the database and
 * goes back to SQLite.  Both fit cmocka's group setup and teardown. */
int testdb_pg_begin(const char *url, const char *prefix);
void testdb_pg_end(void);

/* A location for a new empty database, not yet created (t->db NULL). */
void testdb_location(struct testdb *t);
/* A new empty database with the styr schema, open in t->db. */
struct styr_db *testdb_open(struct testdb *t);
/* Close t->db (if open) and remove the database. */
void testdb_drop(struct testdb *t);

/* cmocka's setup and teardown of a case: *state becomes a new struct
 * testdb with its database open; teardown drops and frees it.  A fixture
 * that needs rows in it calls testdb_setup first. */
int testdb_setup(void **state);
int testdb_teardown(void **state);

#endif
