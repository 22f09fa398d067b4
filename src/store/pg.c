/*
 * The PostgreSQL backend (server mode), through libpq.  It keeps the
 * behaviour of store/sqlite.c operation for operation, message for
 * message, so that one test suite runs against both: the same upserts, the
 * same code → key lookups with a one-entry cache per kind, the same alias
 * fallback (ASCII case folded, as SQLite's NOCASE does), the same target
 * fallback to unit 0 (all units) and the same order in every walk.
 *
 * One connection per handle.  Every statement is prepared once per
 * connection, all in one round trip when it opens, and run with its
 * parameters as text; doubles are bound with "%.17g" into float8 columns
 * and read back with strtod, which round-trips every double exactly.  Walks fetch the whole
 * result before calling back, so a callback may use the store (the
 * exporter looks up targets while it walks values).
 *
 * The schema comes from migrations-pg/, the PostgreSQL dialect of
 * migrations/; styr_migration lists the numbers applied (as in sqlite.c)
 * and styr_schema(version) counts them.  The
 * database itself must exist (createdb); STYR_DB_CREATE creates the styr
 * schema in it, and without that flag a database that has none is
 * STYR_ENOTFOUND, as a missing file is for SQLite.
 *
 * Writes inside a transaction are pipelined (libpq's pipeline mode): sent
 * without waiting for their answers, which are read before the next read,
 * after PIPELINE_MAX writes and at commit.  A bulk import then costs a round
 * trip per lookup that misses the cache rather than one per row.  The price
 * is that a write that fails inside a transaction is reported by the call
 * that reads its answer; the transaction fails as a whole either way.
 *
 * Unlike SQLite, PostgreSQL refuses every statement after a failed one
 * until the transaction is rolled back.  styr rolls back after any failure,
 * and a code that does not exist is a lookup finding no row, not a failed
 * statement, so callers see no difference.
 */
#include <assert.h>
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "store/pg_int.h"

enum stmt_id { S_ORG_ID, S_ORG_ALIAS_ID, S_IND_ID, S_COUNT };

/* The key lookups that the areas not yet written over the driver reach
 * through org_id and ind_id (pg_int.h, the web block): sqlite.c's, in
 * PostgreSQL's dialect. */
static const char *const stmt_sql[S_COUNT] = {
    [S_ORG_ID] = "SELECT id FROM org_unit WHERE code = $1",
    [S_ORG_ALIAS_ID] = "SELECT unit_id FROM org_alias WHERE alias_key = translate($1::text, "
                       "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
    [S_IND_ID] = "SELECT id FROM indicator WHERE code = $1",
};

/* A code → key cache of one entry (see sqlite.c). */
struct id_cache {
	char code[STYR_CODE_MAX];
	long long id;
};

#define PIPELINE_MAX 256
_Static_assert(S_COUNT <= PIPELINE_MAX, "the statements are prepared in one pipeline");

struct store {
	PGconn *conn;
	char *where; /* the location for messages, any password masked */
	struct id_cache org, ind;
	bool in_tx;
	bool pipeline;                          /* in pipeline mode (see the top of the file) */
	int pending;                            /* commands sent whose answers are not read yet */
	const char *pending_what[PIPELINE_MAX]; /* what each was, for messages */
	struct pg_econ_rows econ_rows;          /* pg_econ.c's cache */
	char failed[256]; /* the first pipelined write that failed, for commit */
};

/* Parameters of one statement, as text; NULL is SQL NULL.  Numbers are
 * formatted into the slot's own buffer. */
#define MAX_PARAMS QUERY_MAX_PARAMS
struct params {
	const char *v[MAX_PARAMS];
	char buf[MAX_PARAMS][32];
	int n;
};

static void p_text(struct params *p, const char *text)
{
	assert(p->n < MAX_PARAMS); /* a statement with more: raise the limit */
	p->v[p->n++] = text;
}

static void p_null(struct params *p)
{
	assert(p->n < MAX_PARAMS);
	p->v[p->n++] = NULL;
}

static void p_int(struct params *p, long long x)
{
	assert(p->n < MAX_PARAMS);
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%lld", x);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

/* libpq's messages end in a newline; styr's are one line without. */
static const char *pg_message(struct store *st, const PGresult *res, char *buf, size_t n)
{
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t r, w;

	if (!m || !*m)
		m = PQerrorMessage(st->conn);
	snprintf(buf, n, "%s", m && *m ? m : "failed");
	/* One line: connection errors come as several, with tabs. */
	for (r = w = 0; buf[r]; r++) {
		char c = buf[r] == '\n' || buf[r] == '\t' ? ' ' : buf[r];

		if (c != ' ' || (w && buf[w - 1] != ' '))
			buf[w++] = c;
	}
	while (w && buf[w - 1] == ' ')
		w--;
	buf[w] = '\0';
	return buf;
}

static int db_error(struct store *st, const PGresult *res, struct styr_err *err, const char *what)
{
	char msg[512];

	return styr_error(err, STYR_ESTORE, "%s: %s: %s", st->where, what,
	                  pg_message(st, res, msg, sizeof(msg)));
}

/* Run a statement without parameters (transaction control, migrations). */
static int exec(struct store *st, const char *sql, const char *what, struct styr_err *err)
{
	PGresult *res = PQexec(st->conn, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = STYR_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = db_error(st, res, err, what);
	PQclear(res);
	return rc;
}

static const char *stmt_name(int id, char *buf, size_t n)
{
	snprintf(buf, n, "styr_%d", id);
	return buf;
}

/* Read the answer to one pipelined command: its result, then the NULL that
 * ends every command's results. */
static int read_answer(struct store *st, const char *what, struct styr_err *err)
{
	PGresult *res = PQgetResult(st->conn);
	ExecStatusType s = PQresultStatus(res);
	int rc = STYR_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		rc = db_error(st, s == PGRES_PIPELINE_ABORTED ? NULL : res, err, what);
		/* A caller may have read the answer with a lookup whose failure
		 * it takes for "not found"; commit still says what failed. */
		if (!st->failed[0] && s != PGRES_PIPELINE_ABORTED) {
			char msg[200];

			snprintf(st->failed, sizeof(st->failed), "%s: %s", what,
			         pg_message(st, res, msg, sizeof(msg)));
		}
	}
	if (res) {
		PQclear(res);
		PQclear(PQgetResult(st->conn));
	}
	return rc;
}

/* Read the answers to the pending commands; the first failure is the
 * error.  The server must have been asked to send them (flush or sync). */
static int read_pending(struct store *st, struct styr_err *err)
{
	int i, rc = STYR_OK;

	for (i = 0; i < st->pending; i++) {
		int r = read_answer(st, st->pending_what[i], err);

		if (!rc)
			rc = r;
	}
	st->pending = 0;
	return rc;
}

/* Ask the server for the answers sent so far and read the pending ones. */
static int flush_pending(struct store *st, struct styr_err *err)
{
	int rc = STYR_OK;

	if (PQsendFlushRequest(st->conn) != 1 || PQflush(st->conn) != 0)
		rc = db_error(st, NULL, err, "sending");
	if (!rc)
		rc = read_pending(st, err);
	return rc;
}

static int enter_pipeline(struct store *st, struct styr_err *err)
{
	if (PQenterPipelineMode(st->conn) != 1)
		return db_error(st, NULL, err, "entering pipeline mode");
	st->pipeline = true;
	st->pending = 0;
	return STYR_OK;
}

/* Sync, read every answer and leave pipeline mode; err may be NULL. */
static int leave_pipeline(struct store *st, struct styr_err *err)
{
	PGresult *res;
	int rc = STYR_OK;

	if (!st->pipeline)
		return STYR_OK;
	if (PQpipelineSync(st->conn) != 1)
		rc = db_error(st, NULL, err, "sending");
	else {
		rc = read_pending(st, err);
		res = PQgetResult(st->conn);
		if (PQresultStatus(res) != PGRES_PIPELINE_SYNC && !rc)
			rc = db_error(st, res, err, "finishing a pipeline");
		PQclear(res);
	}
	if (PQexitPipelineMode(st->conn) != 1 && !rc)
		rc = db_error(st, NULL, err, "leaving pipeline mode");
	st->pipeline = false;
	st->pending = 0;
	return rc;
}

/* The catalogue's SQLite text in PostgreSQL's dialect (catalogue.def):
 * ?N becomes $N and the word rowid becomes seq.  NULL when out of memory;
 * the caller frees the text. */
static char *pg_dialect(const char *sql)
{
	size_t len = strlen(sql);
	char *out = malloc(len + 1), *w = out;
	const char *r;

	if (!out)
		return NULL;
	for (r = sql; *r; r++) {
		bool word_start = r == sql || !(isalnum((unsigned char)r[-1]) || r[-1] == '_');

		if (*r == '?' && isdigit((unsigned char)r[1])) {
			*w++ = '$';
		} else if (word_start && !strncmp(r, "rowid", 5) &&
		           !(isalnum((unsigned char)r[5]) || r[5] == '_')) {
			memcpy(w, "seq", 3);
			w += 3;
			r += 4;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return out;
}

/* Prepare every statement: one pipeline, so one round trip. */
static int prepare_all(struct store *st, struct styr_err *err)
{
	char name[24];
	int i, rc = enter_pipeline(st, err);

	/* then the areas' statements (pg_int.h) */
	for (i = 0; !rc && i < S_COUNT + store_pg_econ_count + store_pg_open_count; i++) {
		const char *sql = i < S_COUNT ? stmt_sql[i]
		                  : i < S_COUNT + store_pg_econ_count
		                      ? store_pg_econ_sql[i - S_COUNT]
		                      : store_pg_open_sql[i - S_COUNT - store_pg_econ_count];

		if (st->pending == PIPELINE_MAX)
			rc = flush_pending(st, err);
		if (rc)
			break;
		if (PQsendPrepare(st->conn, stmt_name(i, name, sizeof(name)), sql, 0, NULL) != 1)
			rc = db_error(st, NULL, err, "preparing a statement");
		else
			st->pending_what[st->pending++] = "preparing a statement";
	}
	/* then the catalogue's (driver.h), named q<id> */
	for (i = 0; !rc && i < Q_COUNT; i++) {
		char *sql = store_sql_pg[i] ? NULL : pg_dialect(store_sql[i]);

		if (!store_sql_pg[i] && !sql) {
			rc = styr_error(err, STYR_ENOMEM, "out of memory preparing statements");
			break;
		}
		if (st->pending == PIPELINE_MAX)
			rc = flush_pending(st, err);
		snprintf(name, sizeof(name), "q%d", i);
		if (!rc && PQsendPrepare(st->conn, name, sql ? sql : store_sql_pg[i], 0, NULL) != 1)
			rc = db_error(st, NULL, err, "preparing a statement");
		else if (!rc)
			st->pending_what[st->pending++] = "preparing a statement";
		free(sql);
	}
	if (st->pipeline) {
		int r = leave_pipeline(st, err);

		if (!rc)
			rc = r;
	}
	return rc;
}

/* Run prepared statement id with p; the result, which the caller clears,
 * or NULL after setting err.  In a pipeline the writes sent before are
 * answered first. */
static PGresult *run_named(struct store *st, int id, const char *prefix, const struct params *p,
                           const char *what, struct styr_err *err)
{
	char name[24];
	PGresult *res;
	ExecStatusType s;
	int rc = STYR_OK;

	if (*prefix)
		snprintf(name, sizeof(name), "%s%d", prefix, id);
	else
		stmt_name(id, name, sizeof(name));
	if (!st->pipeline) {
		res = PQexecPrepared(st->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL, 0);
	} else {
		if (PQsendQueryPrepared(st->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL,
		                        0) != 1) {
			db_error(st, NULL, err, what);
			return NULL;
		}
		rc = flush_pending(st, err);
		res = PQgetResult(st->conn);
		if (res)
			PQclear(PQgetResult(st->conn));
	}
	s = PQresultStatus(res);
	if (rc || (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)) {
		if (!rc)
			db_error(st, s == PGRES_PIPELINE_ABORTED ? NULL : res, err, what);
		PQclear(res);
		return NULL;
	}
	return res;
}

static PGresult *run(struct store *st, enum stmt_id id, const struct params *p, const char *what,
                     struct styr_err *err)
{
	return run_named(st, (int)id, "", p, what, err);
}

/* Run a statement expected to return no rows; in a pipeline, only send
 * it. */
static int run_done(struct store *st, enum stmt_id id, const struct params *p, const char *what,
                    struct styr_err *err)
{
	PGresult *res;
	char name[24];

	if (st->pipeline) {
		if (PQsendQueryPrepared(st->conn, stmt_name(id, name, sizeof(name)), p->n, p->v,
		                        NULL, NULL, 0) != 1)
			return db_error(st, NULL, err, what);
		st->pending_what[st->pending++] = what;
		if (st->pending == PIPELINE_MAX)
			return flush_pending(st, err);
		return STYR_OK;
	}
	res = run(st, id, p, what, err);
	if (!res)
		return STYR_ESTORE;
	PQclear(res);
	return STYR_OK;
}

static void col_copy(const PGresult *res, int row, int col, char *dst, size_t n)
{
	snprintf(dst, n, "%s", PQgetvalue(res, row, col));
}

static bool col_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) != 0;
}

static long long col_int(const PGresult *res, int row, int col)
{
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

/* Look up the integer key of a code; what names the kind for messages. */
static int lookup_id(struct store *st, enum stmt_id id_stmt, struct id_cache *cache,
                     const char *code, const char *what, long long *out, struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;

	if (cache && cache->id && !strcmp(cache->code, code)) {
		*out = cache->id;
		return STYR_OK;
	}
	p_text(&p, code);
	res = run(st, id_stmt, &p, "looking up a code", err);
	if (!res)
		return STYR_ESTORE;
	if (PQntuples(res) > 0) {
		*out = col_int(res, 0, 0);
		PQclear(res);
		if (cache) {
			snprintf(cache->code, sizeof(cache->code), "%s", code);
			cache->id = *out;
		}
		return STYR_OK;
	}
	PQclear(res);
	if (id_stmt == S_ORG_ID)
		return lookup_id(st, S_ORG_ALIAS_ID, NULL, code, what, out, err);
	return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, code);
}

static int org_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return lookup_id(st, S_ORG_ID, &st->org, code, "org unit", out, err);
}

static int ind_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return lookup_id(st, S_IND_ID, &st->ind, code, "indicator", out, err);
}

/* The first value of the first row of sql, or -1 when there is no row. */
static int query_int(struct store *st, const char *sql, const char *what, long long *out,
                     struct styr_err *err)
{
	PGresult *res = PQexec(st->conn, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error(st, res, err, what);
		PQclear(res);
		return STYR_ESTORE;
	}
	*out = PQntuples(res) > 0 && !col_null(res, 0, 0) ? col_int(res, 0, 0) : -1;
	PQclear(res);
	return STYR_OK;
}

/* The position of migration number n in store_pg_migrations, or -1. */
static int migration_index(long long n)
{
	size_t i;

	for (i = 0; i < store_pg_migration_count; i++)
		if (store_pg_migration_numbers[i] == n)
			return (int)i;
	return -1;
}

/* Mark in have[] the migrations the database has: the numbers listed in
 * styr_migration, which must exist.  A database from before that table
 * lists none; it has the first version ones, since until then migrations
 * were only ever appended to the list (*legacy says so). */
static int migrations_applied(struct store *st, long long version, unsigned char *have,
                              bool *legacy, struct styr_err *err)
{
	PGresult *res = PQexec(st->conn, "SELECT number FROM styr_migration");
	int i, n;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error(st, res, err, "reading the migrations applied");
		PQclear(res);
		return STYR_ESTORE;
	}
	memset(have, 0, store_pg_migration_count + 1);
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		long long number = col_int(res, i, 0);
		int k = migration_index(number);

		if (k < 0) {
			PQclear(res);
			return styr_error(err, STYR_ESTORE,
			                  "%s: the database has migration %04lld, which this styr "
			                  "does not know",
			                  st->where, number);
		}
		have[k] = 1;
	}
	PQclear(res);
	*legacy = n == 0 && version > 0;
	if (*legacy)
		memset(have, 1, (size_t)version);
	return STYR_OK;
}

/* One migration per transaction, each under an advisory lock so that two
 * processes opening a fresh database do not both create the schema: the
 * first that the database lacks, in number order, with its number in
 * styr_migration and the version (their count) one up. */
static int migrate_one(struct store *st, unsigned char *have, bool *done, struct styr_err *err)
{
	long long version;
	bool legacy = false;
	char sql[96];
	size_t i;
	int rc;

	*done = false;
	rc = exec(st, "BEGIN", "starting a migration", err);
	if (!rc)
		rc = exec(st, "SELECT pg_advisory_xact_lock(7429637)", "locking the schema", err);
	if (!rc)
		rc = exec(st, "CREATE TABLE IF NOT EXISTS styr_schema(version integer NOT NULL)",
		          "creating styr_schema", err);
	if (!rc)
		rc = exec(st,
		          "CREATE TABLE IF NOT EXISTS styr_migration(number integer PRIMARY KEY)",
		          "creating styr_migration", err);
	if (!rc)
		rc = query_int(st, "SELECT version FROM styr_schema", "reading the schema version",
		               &version, err);
	if (!rc && version < 0) {
		rc = exec(st, "INSERT INTO styr_schema(version) VALUES(0)",
		          "writing the schema version", err);
		version = 0;
	}
	if (!rc && version > (long long)store_pg_migration_count)
		rc = styr_error(err, STYR_ESTORE,
		                "%s: schema version %lld is newer than this styr knows (%zu)",
		                st->where, version, store_pg_migration_count);
	if (!rc)
		rc = migrations_applied(st, version, have, &legacy, err);
	/* A database from before styr_migration: list what it has. */
	for (i = 0; !rc && legacy && i < (size_t)version; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO styr_migration VALUES(%d)",
		         store_pg_migration_numbers[i]);
		rc = exec(st, sql, "recording the migrations applied", err);
	}
	for (i = 0; !rc && i < store_pg_migration_count && have[i]; i++)
		;
	if (!rc && i == store_pg_migration_count) {
		*done = true;
		return exec(st, "COMMIT", "finishing the migrations", err);
	}
	if (!rc) {
		rc = exec(st, store_pg_migrations[i], "migrating", err);
		snprintf(sql, sizeof(sql), "INSERT INTO styr_migration VALUES(%d)",
		         store_pg_migration_numbers[i]);
		if (!rc)
			rc = exec(st, sql, "recording the migration", err);
		snprintf(sql, sizeof(sql), "UPDATE styr_schema SET version = %lld", version + 1);
		if (!rc)
			rc = exec(st, sql, "writing the schema version", err);
		if (!rc)
			rc = exec(st, "COMMIT", "committing a migration", err);
		if (rc)
			styr_err_prefix(err, "migration %04d: ", store_pg_migration_numbers[i]);
	}
	if (rc)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	return rc;
}

static int migrate(struct store *st, int flags, struct styr_err *err)
{
	long long exists, version;
	unsigned char *have;
	bool done = false, legacy = false;
	size_t i;
	int rc;

	rc = query_int(st, "SELECT 1 WHERE to_regclass('styr_schema') IS NOT NULL",
	               "reading the schema version", &exists, err);
	if (rc)
		return rc;
	if (exists < 0 && !(flags & STYR_DB_CREATE))
		return styr_error(
		    err, STYR_ENOTFOUND,
		    "database %s has no styr schema (create it with: styr init --db %s)", st->where,
		    st->where);
	have = calloc(store_pg_migration_count + 1, 1);
	if (!have)
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", st->where);
	/* Usually the schema is up to date: read it without the lock. */
	if (exists > 0)
		rc =
		    query_int(st,
		              "SELECT version FROM styr_schema WHERE to_regclass('styr_migration') "
		              "IS NOT NULL",
		              "reading the schema version", &version, err);
	if (!rc && exists > 0 && version == (long long)store_pg_migration_count) {
		rc = migrations_applied(st, version, have, &legacy, err);
		for (i = 0; !rc && !legacy && i < store_pg_migration_count && have[i]; i++)
			;
		done = !rc && !legacy && i == store_pg_migration_count;
	}
	while (!rc && !done)
		rc = migrate_one(st, have, &done, err);
	free(have);
	return rc;
}

/* The location as messages show it: a password in a URL
 * (postgresql://user:secret@host/db, ...?password=secret) or in a conninfo
 * (password=secret) becomes "***". */
static char *masked(const char *location)
{
	/* Each of the two replacements grows the text by 3 at most. */
	size_t n = strlen(location), size = n + 7;
	char *out = malloc(size);
	const char *scheme = strstr(location, "://");
	const char *p;

	if (!out)
		return NULL;
	memcpy(out, location, n + 1);
	if (scheme) {
		const char *user = scheme + 3;
		const char *at = strchr(user, '@');
		const char *slash = strchr(user, '/');
		const char *colon = strchr(user, ':');

		if (at && (!slash || at < slash) && colon && colon < at)
			snprintf(out, size, "%.*s***%s", (int)(colon + 1 - location), location, at);
	}
	if ((p = strstr(out, "password=")) != NULL) {
		char *val = (char *)p + 9;
		size_t len = strcspn(val, " &");

		memmove(val + 3, val + len, strlen(val + len) + 1);
		memcpy(val, "***", 3);
	}
	return out;
}

/* Notices ("relation already exists, skipping") are not for the user. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_web_prepare(struct store *st, struct styr_err *err); /* the web block, below */

static void pg_close(struct store *st)
{
	if (!st)
		return;
	PQfinish(st->conn);
	free(st->where);
	free(st);
}

static int pg_open(const char *location, int flags, struct store **out, struct styr_err *err)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st || !(st->where = masked(location))) {
		free(st);
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	}
	st->conn = PQconnectdb(location);
	if (!st->conn) {
		pg_close(st);
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	}
	if (PQstatus(st->conn) != CONNECTION_OK) {
		rc = db_error(st, NULL, err, "cannot connect");
		pg_close(st);
		return rc;
	}
	PQsetNoticeProcessor(st->conn, quiet, NULL);
	if (PQsetClientEncoding(st->conn, "UTF8") != 0)
		rc = db_error(st, NULL, err, "setting the client encoding to UTF8");
	else
		rc = migrate(st, flags, err);
	if (!rc)
		rc = prepare_all(st, err);
	if (!rc)
		rc = pg_web_prepare(st, err);
	if (rc) {
		pg_close(st);
		return rc;
	}
	*out = st;
	return STYR_OK;
}

static void forget_keys(struct store *st)
{
	memset(&st->org, 0, sizeof(st->org));
	memset(&st->ind, 0, sizeof(st->ind));
	memset(&st->econ_rows, 0, sizeof(st->econ_rows));
}

static int pg_begin(struct store *st, struct styr_err *err)
{
	int rc;

	if (st->in_tx)
		return styr_error(err, STYR_ESTORE, "a transaction is already open");
	st->failed[0] = '\0';
	rc = exec(st, "BEGIN", "starting a transaction", err);
	if (!rc)
		rc = enter_pipeline(st, err);
	if (!rc)
		st->in_tx = true;
	else
		PQclear(PQexec(st->conn, "ROLLBACK"));
	return rc;
}

static int pg_commit(struct store *st, struct styr_err *err)
{
	int rc = leave_pipeline(st, err);

	/* COMMIT of a transaction that already failed quietly rolls back;
	 * say so rather than report success. */
	if (rc)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	else if (PQtransactionStatus(st->conn) == PQTRANS_INERROR) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		rc = styr_error(err, STYR_ESTORE,
		                "%s: the transaction failed earlier and was rolled back%s%s",
		                st->where, st->failed[0] ? ": " : "", st->failed);
	} else {
		rc = exec(st, "COMMIT", "committing", err);
		if (rc)
			PQclear(PQexec(st->conn, "ROLLBACK"));
	}
	if (rc)
		forget_keys(st);
	st->in_tx = false;
	return rc;
}

static void pg_rollback(struct store *st)
{
	leave_pipeline(st, NULL);
	if (st->in_tx)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->in_tx = false;
	/* Keys cached inside the transaction may be gone now. */
	forget_keys(st);
}

/* The loop every _each function runs: fill row from each result row and
 * hand it to cb until cb says stop.  A macro, as in sqlite.c, so that row
 * and cb keep their own types. */
#define WALK(st, id, p, row, from_row, cb, ctx, err)                                               \
	do {                                                                                       \
		PGresult *res_ = run(st, id, p, "reading rows", err);                              \
		int i_, n_, stop_ = 0;                                                             \
		if (!res_)                                                                         \
			return STYR_ESTORE;                                                        \
		n_ = PQntuples(res_);                                                              \
		for (i_ = 0; i_ < n_ && !stop_; i_++) {                                            \
			from_row(res_, i_, row);                                                   \
			stop_ = cb(ctx, row);                                                      \
		}                                                                                  \
		PQclear(res_);                                                                     \
		return stop_;                                                                      \
	} while (0)

/* What the area files reach of a handle (pg_int.h). */
static struct params area_params(int n, const char *const *v)
{
	struct params p = {0};

	for (p.n = 0; p.n < n && p.n < MAX_PARAMS; p.n++)
		p.v[p.n] = v[p.n];
	return p;
}

PGresult *store_pg_run(struct store *st, int id, int n, const char *const *v, const char *what,
                       struct styr_err *err)
{
	struct params p = area_params(n, v);

	return run(st, (enum stmt_id)(S_COUNT + id), &p, what, err);
}

int store_pg_run_done(struct store *st, int id, int n, const char *const *v, const char *what,
                      struct styr_err *err)
{
	struct params p = area_params(n, v);

	return run_done(st, (enum stmt_id)(S_COUNT + id), &p, what, err);
}

PGresult *store_pg_open_run(struct store *st, int id, int n, const char *const *v, const char *what,
                            struct styr_err *err)
{
	return store_pg_run(st, store_pg_econ_count + id, n, v, what, err);
}

int store_pg_open_run_done(struct store *st, int id, int n, const char *const *v, const char *what,
                           struct styr_err *err)
{
	return store_pg_run_done(st, store_pg_econ_count + id, n, v, what, err);
}

int store_pg_org_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return org_id(st, code, out, err);
}

int store_pg_ind_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return ind_id(st, code, out, err);
}

struct pg_econ_rows *store_pg_econ_rows(struct store *st)
{
	return &st->econ_rows;
}

/* ---- web (issue 6): users, grants, sessions, API tokens, audit, report
 * workflow, the data version and read transactions; the PostgreSQL half of
 * sqlite_web.c, with its statements, order and messages.  The statements
 * are prepared when the connection opens (pg_web_prepare), after the core
 * ones, under ids from W_BASE on so that the two tables can grow apart. */

#define W_BASE 1000
enum web_stmt_id {
	W_USER_PUT = W_BASE,
	W_USER_FIND,
	W_GRANT_PUT,
	W_GRANT_EACH,
	W_SESSION_PUT,
	W_SESSION_FIND,
	W_SESSION_DELETE,
	W_TOKEN_PUT,
	W_TOKEN_FIND,
	W_AUDIT_PUT,
	W_AUDIT_LAST,
	W_AUDIT_EACH_OLD,
	W_AUDIT_EACH_NEW,
	W_REPORT_PUT,
	W_REPORT_FIND,
	W_DATA_VERSION,
	W_SESSION_PURGE,
	W_USER_EACH,
	W_USER_SESSIONS_DELETE,
	W_USER_TOKENS_DELETE,
	W_GRANT_DELETE,
	W_GRANTS_DELETE,
	W_USER_DELETE,
	W_AUDIT_LOCK,
	W_END
};

#define W_AUDIT_COLS                                                                               \
	"SELECT id, time, \"user\", action, entity, before, after, prev_hash, hash FROM audit"

static const char *const web_sql[W_END - W_BASE] = {
    [W_USER_PUT - W_BASE] = "INSERT INTO app_user(name, password, failed, locked_until) "
                            "VALUES($1, $2, $3, $4) ON CONFLICT(name) DO UPDATE SET password = "
                            "excluded.password, failed = excluded.failed, locked_until = "
                            "excluded.locked_until",
    [W_USER_FIND - W_BASE] =
        "SELECT name, password, failed, locked_until FROM app_user WHERE name = $1",
    [W_GRANT_PUT - W_BASE] =
        "INSERT INTO app_grant(user_id, unit_id, role) SELECT id, $2::bigint, $3::integer FROM "
        "app_user WHERE name = $1 ON CONFLICT(user_id, (COALESCE(unit_id, 0))) DO UPDATE SET "
        "role = excluded.role",
    [W_GRANT_EACH - W_BASE] = "SELECT a.name, COALESCE(o.code, ''), g.role FROM app_grant g "
                              "JOIN app_user a ON a.id = g.user_id LEFT JOIN org_unit o ON o.id "
                              "= g.unit_id WHERE a.name = $1 ORDER BY g.seq",
    [W_SESSION_PUT - W_BASE] =
        "INSERT INTO app_session(token_hash, user_id, csrf, expires) SELECT $1::text, id, "
        "$3::text, $4::bigint FROM app_user WHERE name = $2 ON CONFLICT(token_hash) DO UPDATE "
        "SET user_id = excluded.user_id, csrf = excluded.csrf, expires = excluded.expires",
    [W_SESSION_FIND - W_BASE] = "SELECT s.token_hash, a.name, s.csrf, s.expires FROM "
                                "app_session s JOIN app_user a ON a.id = s.user_id WHERE "
                                "s.token_hash = $1",
    [W_SESSION_DELETE - W_BASE] = "DELETE FROM app_session WHERE token_hash = $1",
    [W_TOKEN_PUT - W_BASE] = "INSERT INTO api_token(token_hash, user_id, created) SELECT "
                             "$1::text, id, $3::text FROM app_user WHERE name = $2",
    [W_TOKEN_FIND - W_BASE] = "SELECT a.name FROM api_token t JOIN app_user a ON a.id = "
                              "t.user_id WHERE t.token_hash = $1",
    [W_AUDIT_PUT - W_BASE] = "INSERT INTO audit(time, \"user\", action, entity, before, after, "
                             "prev_hash, hash) VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
    [W_AUDIT_LAST - W_BASE] = W_AUDIT_COLS " ORDER BY id DESC LIMIT 1",
    [W_AUDIT_EACH_OLD - W_BASE] = W_AUDIT_COLS " ORDER BY id LIMIT $1::bigint",
    [W_AUDIT_EACH_NEW - W_BASE] = W_AUDIT_COLS " ORDER BY id DESC LIMIT $1::bigint",
    [W_REPORT_PUT - W_BASE] =
        "INSERT INTO report_state(unit_id, year, first_month, last_month, state, comment, "
        "by_user, time) VALUES($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT(unit_id, year, "
        "first_month, last_month) DO UPDATE SET state = excluded.state, comment = "
        "excluded.comment, by_user = excluded.by_user, time = excluded.time",
    [W_REPORT_FIND - W_BASE] =
        "SELECT u.code, r.state, r.comment, r.by_user, r.time FROM report_state r JOIN "
        "org_unit u ON u.id = r.unit_id WHERE r.unit_id = $1 AND r.year = $2 AND "
        "r.first_month = $3 AND r.last_month = $4",
    [W_DATA_VERSION - W_BASE] = "SELECT n FROM styr_data_version",
    [W_SESSION_PURGE - W_BASE] = "DELETE FROM app_session WHERE expires <= $1",
    [W_USER_EACH - W_BASE] =
        "SELECT name, password, failed, locked_until FROM app_user ORDER BY name",
    [W_USER_SESSIONS_DELETE - W_BASE] =
        "DELETE FROM app_session WHERE user_id = (SELECT id FROM app_user WHERE name = $1)",
    [W_USER_TOKENS_DELETE - W_BASE] =
        "DELETE FROM api_token WHERE user_id = (SELECT id FROM app_user WHERE name = $1)",
    [W_GRANT_DELETE - W_BASE] = "DELETE FROM app_grant WHERE user_id = (SELECT id FROM app_user "
                                "WHERE name = $1) AND COALESCE(unit_id, 0) = $2::bigint",
    [W_GRANTS_DELETE - W_BASE] =
        "DELETE FROM app_grant WHERE user_id = (SELECT id FROM app_user WHERE name = $1)",
    [W_USER_DELETE - W_BASE] = "DELETE FROM app_user WHERE name = $1",
    /* See pg_audit_last. */
    [W_AUDIT_LOCK - W_BASE] = "SELECT pg_advisory_xact_lock(7270)",
};

_Static_assert(W_END - W_BASE <= PIPELINE_MAX, "the web statements are prepared in one pipeline");
_Static_assert(S_COUNT < W_BASE, "the web statements' ids follow the core ones");

/* run() names a statement by its number only, so the web ids pass through
 * it as they are. */
static PGresult *wrun(struct store *st, enum web_stmt_id id, const struct params *p,
                      const char *what, struct styr_err *err)
{
	return run(st, (enum stmt_id)id, p, what, err);
}

static int wrun_done(struct store *st, enum web_stmt_id id, const struct params *p,
                     const char *what, struct styr_err *err)
{
	return run_done(st, (enum stmt_id)id, p, what, err);
}

/* Run a write whose answer counts: the number of rows it changed. */
static int wrun_count(struct store *st, enum web_stmt_id id, const struct params *p,
                      const char *what, long long *changed, struct styr_err *err)
{
	PGresult *res = wrun(st, id, p, what, err);

	if (!res)
		return STYR_ESTORE;
	*changed = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return STYR_OK;
}

/* A read of at most one row: STYR_OK with *out (the caller clears it), or
 * STYR_ENOTFOUND naming what and key, as sqlite_web.c's one() says it. */
static int wrun_one(struct store *st, enum web_stmt_id id, const struct params *p, const char *what,
                    const char *key, PGresult **out, struct styr_err *err)
{
	*out = wrun(st, id, p, what, err);
	if (!*out)
		return STYR_ESTORE;
	if (PQntuples(*out) < 1) {
		PQclear(*out);
		*out = NULL;
		return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, key);
	}
	return STYR_OK;
}

static int pg_web_prepare(struct store *st, struct styr_err *err)
{
	char name[16];
	int i, rc = enter_pipeline(st, err);

	for (i = W_BASE; !rc && i < W_END; i++) {
		if (PQsendPrepare(st->conn, stmt_name(i, name, sizeof(name)), web_sql[i - W_BASE],
		                  0, NULL) != 1)
			rc = db_error(st, NULL, err, "preparing a statement");
		else
			st->pending_what[st->pending++] = "preparing a statement";
	}
	if (st->pipeline) {
		int r = leave_pipeline(st, err);

		if (!rc)
			rc = r;
	}
	return rc;
}

static int pg_user_put(struct store *st, const struct styr_user *u, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, u->name);
	p_text(&p, u->password);
	p_int(&p, u->failed);
	p_int(&p, u->locked_until);
	return wrun_done(st, W_USER_PUT, &p, "storing a user", err);
}

static int pg_user_find(struct store *st, const char *name, struct styr_user *out,
                        struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int rc;

	p_text(&p, name);
	rc = wrun_one(st, W_USER_FIND, &p, "user", name, &res, err);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	col_copy(res, 0, 0, out->name, sizeof(out->name));
	col_copy(res, 0, 1, out->password, sizeof(out->password));
	out->failed = (int)col_int(res, 0, 2);
	out->locked_until = col_int(res, 0, 3);
	PQclear(res);
	return STYR_OK;
}

static int pg_grant_put(struct store *st, const struct styr_grant *g, struct styr_err *err)
{
	struct params p = {0};
	long long unit = 0, changed;
	int rc;

	if (g->unit[0] && (rc = org_id(st, g->unit, &unit, err)))
		return rc;
	p_text(&p, g->user);
	if (unit)
		p_int(&p, unit);
	else
		p_null(&p);
	p_int(&p, (int)g->role);
	rc = wrun_count(st, W_GRANT_PUT, &p, "storing a grant", &changed, err);
	if (!rc && changed == 0)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", g->user);
	return rc;
}

static void grant_from_row(const PGresult *res, int r, struct styr_grant *g)
{
	memset(g, 0, sizeof(*g));
	col_copy(res, r, 0, g->user, sizeof(g->user));
	col_copy(res, r, 1, g->unit, sizeof(g->unit));
	g->role = (enum styr_access_role)col_int(res, r, 2);
}

static int pg_grant_each(struct store *st, const char *user,
                         int (*cb)(void *, const struct styr_grant *), void *ctx,
                         struct styr_err *err)
{
	struct params p = {0};
	struct styr_grant g;

	p_text(&p, user);
	WALK(st, (enum stmt_id)W_GRANT_EACH, &p, &g, grant_from_row, cb, ctx, err);
}

static int pg_session_put(struct store *st, const struct styr_session *se, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, se->token_hash);
	p_text(&p, se->user);
	p_text(&p, se->csrf);
	p_int(&p, se->expires);
	return wrun_done(st, W_SESSION_PUT, &p, "storing a session", err);
}

static int pg_session_find(struct store *st, const char *token_hash, struct styr_session *out,
                           struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int rc;

	p_text(&p, token_hash);
	rc = wrun_one(st, W_SESSION_FIND, &p, "session", "(token)", &res, err);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	col_copy(res, 0, 0, out->token_hash, sizeof(out->token_hash));
	col_copy(res, 0, 1, out->user, sizeof(out->user));
	col_copy(res, 0, 2, out->csrf, sizeof(out->csrf));
	out->expires = col_int(res, 0, 3);
	PQclear(res);
	return STYR_OK;
}

static int pg_session_delete(struct store *st, const char *token_hash, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, token_hash);
	return wrun_done(st, W_SESSION_DELETE, &p, "ending a session", err);
}

static int pg_api_token_put(struct store *st, const char *token_hash, const char *user,
                            const char *created, struct styr_err *err)
{
	struct params p = {0};
	long long changed;
	int rc;

	p_text(&p, token_hash);
	p_text(&p, user);
	p_text(&p, created);
	rc = wrun_count(st, W_TOKEN_PUT, &p, "storing an API token", &changed, err);
	if (!rc && changed == 0)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", user);
	return rc;
}

static int pg_api_token_find(struct store *st, const char *token_hash, char *user, size_t size,
                             struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int rc;

	p_text(&p, token_hash);
	rc = wrun_one(st, W_TOKEN_FIND, &p, "API token", "(token)", &res, err);
	if (rc)
		return rc;
	col_copy(res, 0, 0, user, size);
	PQclear(res);
	return STYR_OK;
}

static int pg_audit_put(struct store *st, const struct styr_audit_entry *a, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, a->time);
	p_text(&p, a->user);
	p_text(&p, a->action);
	p_text(&p, a->entity);
	p_text(&p, a->before);
	p_text(&p, a->after);
	p_text(&p, a->prev_hash);
	p_text(&p, a->hash);
	return wrun_done(st, W_AUDIT_PUT, &p, "appending to the audit log", err);
}

static void audit_from_row(const PGresult *res, int r, struct styr_audit_entry *a)
{
	memset(a, 0, sizeof(*a));
	a->id = col_int(res, r, 0);
	col_copy(res, r, 1, a->time, sizeof(a->time));
	col_copy(res, r, 2, a->user, sizeof(a->user));
	col_copy(res, r, 3, a->action, sizeof(a->action));
	col_copy(res, r, 4, a->entity, sizeof(a->entity));
	col_copy(res, r, 5, a->before, sizeof(a->before));
	col_copy(res, r, 6, a->after, sizeof(a->after));
	col_copy(res, r, 7, a->prev_hash, sizeof(a->prev_hash));
	col_copy(res, r, 8, a->hash, sizeof(a->hash));
}

/* The audit log is a hash chain: two writers that read the same last entry
 * would both chain to it.  SQLite's writers are serialised by BEGIN
 * IMMEDIATE; here a transaction-scoped advisory lock makes the next
 * writer wait until this one has committed its entry, and then read it. */
static int pg_audit_last(struct store *st, struct styr_audit_entry *out, struct styr_err *err)
{
	PGresult *res;
	PGresult *lock = wrun(st, W_AUDIT_LOCK, NULL, "ordering the audit log", err);
	int rc = lock ? STYR_OK : STYR_ESTORE;

	PQclear(lock);
	if (!rc)
		rc = wrun_one(st, W_AUDIT_LAST, NULL, "audit entry", "last", &res, err);
	if (rc)
		return rc;
	audit_from_row(res, 0, out);
	PQclear(res);
	return STYR_OK;
}

static int pg_audit_each(struct store *st, int newest_first, int limit,
                         int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
                         struct styr_err *err)
{
	struct params p = {0};
	struct styr_audit_entry a;

	/* LIMIT NULL is no limit, as SQLite's LIMIT -1. */
	if (limit > 0)
		p_int(&p, limit);
	else
		p_null(&p);
	WALK(st, (enum stmt_id)(newest_first ? W_AUDIT_EACH_NEW : W_AUDIT_EACH_OLD), &p, &a,
	     audit_from_row, cb, ctx, err);
}

static int pg_report_state_put(struct store *st, const struct styr_report_state *r,
                               struct styr_err *err)
{
	struct params p = {0};
	long long unit;
	int rc = org_id(st, r->unit, &unit, err);

	if (rc)
		return rc;
	p_int(&p, unit);
	p_int(&p, r->period.year);
	p_int(&p, r->period.first_month);
	p_int(&p, r->period.last_month);
	p_int(&p, (int)r->state);
	p_text(&p, r->comment);
	p_text(&p, r->by);
	p_text(&p, r->time);
	return wrun_done(st, W_REPORT_PUT, &p, "storing a report state", err);
}

static int pg_report_state_find(struct store *st, const char *unit, const struct styr_period *pd,
                                struct styr_report_state *out, struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	long long id;
	int rc = org_id(st, unit, &id, err);

	if (rc)
		return rc;
	p_int(&p, id);
	p_int(&p, pd->year);
	p_int(&p, pd->first_month);
	p_int(&p, pd->last_month);
	rc = wrun_one(st, W_REPORT_FIND, &p, "report of unit", unit, &res, err);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	col_copy(res, 0, 0, out->unit, sizeof(out->unit));
	out->period = *pd;
	out->state = (enum styr_report_state_kind)col_int(res, 0, 1);
	col_copy(res, 0, 2, out->comment, sizeof(out->comment));
	col_copy(res, 0, 3, out->by, sizeof(out->by));
	col_copy(res, 0, 4, out->time, sizeof(out->time));
	PQclear(res);
	return STYR_OK;
}

/* The count of writing transactions that migrations-pg/0004_web.sql keeps
 * (see there why a counter row and not the WAL position): read inside the
 * web's read transaction it belongs to the same snapshot as the page. */
static int pg_data_version(struct store *st, long long *out, struct styr_err *err)
{
	PGresult *res;
	int rc = wrun_one(st, W_DATA_VERSION, NULL, "data version", "styr_data_version", &res, err);

	if (rc)
		return rc;
	*out = col_int(res, 0, 0);
	PQclear(res);
	return STYR_OK;
}

/* A read-only REPEATABLE READ transaction: one snapshot for everything a
 * request reads, as SQLite's read transaction gives. */
static int pg_read_begin(struct store *st, struct styr_err *err)
{
	int rc;

	if (st->in_tx)
		return styr_error(err, STYR_ESTORE, "a transaction is already open");
	rc = exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "beginning a read", err);
	if (!rc)
		st->in_tx = true;
	return rc;
}

static void pg_read_end(struct store *st)
{
	if (!st->in_tx)
		return;
	if (exec(st, "COMMIT", "ending a read", NULL))
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->in_tx = false;
}

static int pg_session_purge(struct store *st, int64_t now, struct styr_err *err)
{
	struct params p = {0};

	p_int(&p, now);
	return wrun_done(st, W_SESSION_PURGE, &p, "removing expired sessions", err);
}

/* ---- users (issue 14) */

static void user_from_row(const PGresult *res, int r, struct styr_user *u)
{
	memset(u, 0, sizeof(*u));
	col_copy(res, r, 0, u->name, sizeof(u->name));
	col_copy(res, r, 1, u->password, sizeof(u->password));
	u->failed = (int)col_int(res, r, 2);
	u->locked_until = col_int(res, r, 3);
}

static int pg_user_each(struct store *st, int (*cb)(void *, const struct styr_user *), void *ctx,
                        struct styr_err *err)
{
	struct params p = {0};
	struct styr_user u;

	WALK(st, (enum stmt_id)W_USER_EACH, &p, &u, user_from_row, cb, ctx, err);
}

static int pg_user_logout(struct store *st, const char *user, struct styr_err *err)
{
	struct params p = {0};
	int rc;

	p_text(&p, user);
	rc = wrun_done(st, W_USER_SESSIONS_DELETE, &p, "ending a user's sessions", err);
	return rc ? rc
	          : wrun_done(st, W_USER_TOKENS_DELETE, &p, "revoking a user's API tokens", err);
}

static int pg_grant_delete(struct store *st, const char *user, const char *unit,
                           struct styr_err *err)
{
	struct params p = {0};
	long long unit_id = 0, changed;
	int rc;

	p_text(&p, user);
	if (!unit)
		return wrun_done(st, W_GRANTS_DELETE, &p, "removing grants", err);
	if (unit[0] && (rc = org_id(st, unit, &unit_id, err)))
		return rc;
	p_int(&p, unit_id);
	rc = wrun_count(st, W_GRANT_DELETE, &p, "removing a grant", &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" has no grant on %s", user,
		                  unit[0] ? unit : "the whole organisation");
	return rc;
}

static int pg_user_delete(struct store *st, const char *user, struct styr_err *err)
{
	struct params p = {0};
	long long changed;
	int rc;

	p_text(&p, user);
	rc = wrun_count(st, W_USER_DELETE, &p, "removing a user", &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", user);
	return rc;
}

/* ---- end of the web block */

/* The driver (store/driver.h).  Parameters go as text; a walk's whole
 * result is fetched by its first q_step. */
static int pg_q_start(struct store *st, struct query *q, struct styr_err *err)
{
	(void)st;
	(void)q;
	(void)err;
	return STYR_OK;
}

static void pg_q_text(struct query *q, const char *text)
{
	assert(q->n < QUERY_MAX_PARAMS); /* a statement with more: raise the limit */
	q->v[q->n++] = text;
}

static void pg_q_int(struct query *q, long long x)
{
	assert(q->n < QUERY_MAX_PARAMS);
	snprintf(q->buf[q->n], sizeof(q->buf[0]), "%lld", x);
	q->v[q->n] = q->buf[q->n];
	q->n++;
}

/* 17 significant digits identify every double. */
static void pg_q_double(struct query *q, double x)
{
	assert(q->n < QUERY_MAX_PARAMS);
	snprintf(q->buf[q->n], sizeof(q->buf[0]), "%.17g", x);
	q->v[q->n] = q->buf[q->n];
	q->n++;
}

static void pg_q_null(struct query *q)
{
	assert(q->n < QUERY_MAX_PARAMS);
	q->v[q->n++] = NULL;
}

/* Run q now: its result, or NULL after setting err (see run). */
static PGresult *q_run(struct query *q, struct styr_err *err)
{
	struct params p;

	p.n = q->n;
	memcpy(p.v, q->v, sizeof(q->v[0]) * (size_t)q->n);
	return run_named(q->db->st, q->id, "q", &p, q->what, err);
}

static int pg_q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	struct store *st = q->db->st;
	PGresult *res;
	char name[24];

	if (st->pipeline && !changes) {
		snprintf(name, sizeof(name), "q%d", q->id);
		if (PQsendQueryPrepared(st->conn, name, q->n, q->v, NULL, NULL, 0) != 1)
			return db_error(st, NULL, err, q->what);
		st->pending_what[st->pending++] = q->what;
		if (st->pending == PIPELINE_MAX)
			return flush_pending(st, err);
		return STYR_OK;
	}
	res = q_run(q, err);
	if (!res)
		return STYR_ESTORE;
	if (changes)
		*changes = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return STYR_OK;
}

static int pg_q_step(struct query *q, struct styr_err *err)
{
	if (!q->res) {
		if (q->rows < 0)
			return 0;
		q->res = q_run(q, err);
		if (!q->res) {
			q->rows = -1;
			return -STYR_ESTORE;
		}
		q->rows = PQntuples(q->res);
		q->row = -1;
	}
	if (++q->row < q->rows)
		return 1;
	PQclear(q->res);
	q->res = NULL;
	q->rows = -1;
	return 0;
}

static void pg_q_end(struct query *q)
{
	PQclear(q->res);
	q->res = NULL;
	q->rows = -1;
}

static const char *pg_q_col_text(struct query *q, int col)
{
	return PQgetvalue(q->res, q->row, col);
}

static long long pg_q_col_int(struct query *q, int col)
{
	return strtoll(PQgetvalue(q->res, q->row, col), NULL, 10);
}

static double pg_q_col_double(struct query *q, int col)
{
	return PQgetisnull(q->res, q->row, col) ? 0 : strtod(PQgetvalue(q->res, q->row, col), NULL);
}

static bool pg_q_col_null(struct query *q, int col)
{
	return PQgetisnull(q->res, q->row, col) != 0;
}

const struct store_ops store_pg_ops = {
    .version = STORE_OPS_VERSION,
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .q_start = pg_q_start,
    .q_text = pg_q_text,
    .q_int = pg_q_int,
    .q_double = pg_q_double,
    .q_null = pg_q_null,
    .q_exec = pg_q_exec,
    .q_step = pg_q_step,
    .q_end = pg_q_end,
    .q_col_text = pg_q_col_text,
    .q_col_int = pg_q_col_int,
    .q_col_double = pg_q_col_double,
    .q_col_null = pg_q_col_null,
    /* economy (pg_econ.c) */
    .ledger_row_put = pg_ledger_row_put,
    .ledger_row_find = pg_ledger_row_find,
    .ledger_row_each = pg_ledger_row_each,
    .ledger_put = pg_ledger_put,
    .ledger_each = pg_ledger_each,
    .rule_put = pg_rule_put,
    .rule_each = pg_rule_each,
    .account_map_find = pg_account_map_find,
    .account_map_put = pg_account_map_put,
    .account_map_clear = pg_account_map_clear,
    .bridge_put = pg_bridge_put,
    .bridge_each = pg_bridge_each,
    .action_put = pg_action_put,
    .action_each = pg_action_each,
    .account_name_put = pg_account_name_put,
    .account_balance_put = pg_account_balance_put,
    .account_balance_each = pg_account_balance_each,
    .budget_profile_put = pg_budget_profile_put,
    .event_file_put = pg_event_file_put,
    .event_file_each = pg_event_file_each,
    .event_run_put = pg_event_run_put,
    .frozen_clear = pg_frozen_clear,
    .frozen_report_put = pg_frozen_report_put,
    .frozen_report_find = pg_frozen_report_find,
    .frozen_line_put = pg_frozen_line_put,
    .frozen_line_each = pg_frozen_line_each,
    .budget_profile_each = pg_budget_profile_each,
    .open_indicator_put = pg_open_indicator_put,
    .open_indicator_each = pg_open_indicator_each,
    .open_unit_put = pg_open_unit_put,
    .open_unit_each = pg_open_unit_each,
    .open_value_each = pg_open_value_each,
    .gender_value_put = pg_gender_value_put,
    .gender_value_each = pg_gender_value_each,
    .open_withdrawn_put = pg_open_withdrawn_put,
    .open_withdrawn_each = pg_open_withdrawn_each,
    /* web (issue 6) */
    .user_put = pg_user_put,
    .user_find = pg_user_find,
    .grant_put = pg_grant_put,
    .grant_each = pg_grant_each,
    .session_put = pg_session_put,
    .session_find = pg_session_find,
    .session_delete = pg_session_delete,
    .api_token_put = pg_api_token_put,
    .api_token_find = pg_api_token_find,
    .audit_put = pg_audit_put,
    .audit_last = pg_audit_last,
    .audit_each = pg_audit_each,
    .report_state_put = pg_report_state_put,
    .report_state_find = pg_report_state_find,
    .db_data_version = pg_data_version,
    .db_read_begin = pg_read_begin,
    .db_read_end = pg_read_end,
    .session_purge = pg_session_purge,
    .user_each = pg_user_each,
    .user_logout = pg_user_logout,
    .grant_delete = pg_grant_delete,
    .user_delete = pg_user_delete,
};
