/*
 * The PostgreSQL driver (server mode), through libpq: one of the store's
 * two drivers (driver.h); the operations are written once, over the
 * driver, in the area files, so one test suite runs against both.
 *
 * One connection per handle.  Every statement of the catalogue is
 * rewritten into PostgreSQL's dialect (pg_dialect) and prepared once per
 * connection, all in one round trip when it opens, and run with its
 * parameters as text; doubles are bound with "%.17g" into float8 columns
 * and read back with strtod, which round-trips every double exactly.
 * Walks fetch the whole result before calling back, so a callback may use
 * the store (the exporter looks up targets while it walks values).
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
 * trip per lookup that misses the cache rather than one per row (the bulk
path the driver interface asks for).  The price
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
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/driver.h"

extern char **environ;

/* The driver's own statement (pg_data_version), prepared with the
 * catalogue's. */
#define DATA_VERSION_SQL "SELECT n FROM styr_data_version"

#define PIPELINE_MAX 256

struct store {
	PGconn *conn;
	char *where;    /* the location for messages, any password masked */
	char *location; /* as given: pg_dump connects with it */
	bool in_tx;
	bool pipeline;                          /* in pipeline mode (see the top of the file) */
	int pending;                            /* commands sent whose answers are not read yet */
	const char *pending_what[PIPELINE_MAX]; /* what each was, for messages */
	char failed[256]; /* the first pipelined write that failed, for commit */
};

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

	if (PQsendPrepare(st->conn, "data_version", DATA_VERSION_SQL, 0, NULL) != 1)
		rc = db_error(st, NULL, err, "preparing a statement");
	else
		st->pending_what[st->pending++] = "preparing a statement";
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

/* Run prepared statement name with n text parameters v (NULL is SQL
 * NULL); the result, which the caller clears, or NULL after setting err.
 * In a pipeline the writes sent before are answered first. */
static PGresult *run(struct store *st, const char *name, int n, const char *const *v,
                     const char *what, struct styr_err *err)
{
	PGresult *res;
	ExecStatusType s;
	int rc = STYR_OK;

	if (!st->pipeline) {
		res = PQexecPrepared(st->conn, name, n, v, NULL, NULL, 0);
	} else {
		if (PQsendQueryPrepared(st->conn, name, n, v, NULL, NULL, 0) != 1) {
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

static bool col_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) != 0;
}

static long long col_int(const PGresult *res, int row, int col)
{
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
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

/* A database without the styr schema is refused unless asked to create
 * it, as a missing file is for SQLite. */
static int migrate(struct store *st, int flags, struct styr_err *err)
{
	long long exists;
	int rc = query_int(st, "SELECT 1 WHERE to_regclass('styr_schema') IS NOT NULL",
	                   "reading the schema version", &exists, err);

	if (rc)
		return rc;
	if (exists < 0 && !(flags & STYR_DB_CREATE))
		return styr_error(
		    err, STYR_ENOTFOUND,
		    "database %s has no styr schema (create it with: styr init --db %s)", st->where,
		    st->where);
	return store_schema_update(&store_pg_driver, st, st->where, err);
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

static void pg_close(struct store *st)
{
	if (!st)
		return;
	PQfinish(st->conn);
	free(st->where);
	free(st->location);
	free(st);
}

static int pg_open(const char *location, int flags, struct store **out, struct styr_err *err)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st || !(st->where = masked(location)) || !(st->location = strdup(location))) {
		if (st)
			free(st->where);
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
	if (rc) {
		pg_close(st);
		return rc;
	}
	*out = st;
	return STYR_OK;
}

static int pg_begin(struct store *st, struct styr_err *err)
{
	int rc;

	st->failed[0] = '\0';
	/* One lock order for every writer: the audit chain's lock (AUDIT_LOCK,
	 * catalogue.def) first, then rows.  Taken only at the audit append, a
	 * failed login (chain, then the data-version row its audit INSERT's
	 * trigger bumps) and a value write (that row, then the chain) deadlocked.
	 * It costs no parallelism: every writing transaction bumps that one
	 * row and so waits for the others anyway.  One round trip for both. */
	rc = exec(st, "BEGIN; SELECT pg_advisory_xact_lock(7270)", "starting a transaction", err);
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
	st->in_tx = false;
	return rc;
}

static void pg_rollback(struct store *st)
{
	leave_pipeline(st, NULL);
	if (st->in_tx)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->in_tx = false;
}

/* The count of writing transactions that migrations-pg/0004_web.sql keeps
 * (see there why a counter row and not the WAL position): read inside the
 * web's read transaction it belongs to the same snapshot as the page. */
static int pg_data_version(struct store *st, long long *out, struct styr_err *err)
{
	PGresult *res = run(st, "data_version", 0, NULL, "data version", err);

	if (!res)
		return STYR_ESTORE;
	if (PQntuples(res) < 1) {
		PQclear(res);
		return styr_error(err, STYR_ENOTFOUND,
		                  "data version \"styr_data_version\" does not exist");
	}
	*out = col_int(res, 0, 0);
	PQclear(res);
	return STYR_OK;
}

/* A read-only REPEATABLE READ transaction: one snapshot for everything a
 * request reads, as SQLite's read transaction gives. */
static int pg_read_begin(struct store *st, struct styr_err *err)
{
	int rc =
	    exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "beginning a read", err);

	st->in_tx = rc == STYR_OK;
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

/* Bytes go as bytea's hex text, "\\x" and two digits a byte, in a buffer
 * the query owns until it has been sent (one blob a statement). */
static void pg_q_blob(struct query *q, const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = data;
	size_t i;

	assert(q->n < QUERY_MAX_PARAMS);
	assert(!q->blob);
	q->blob = len < ((size_t)-1 - 3) / 2 ? malloc(2 * len + 3) : NULL;
	if (!q->blob) {
		q->nomem = true;
		q->v[q->n++] = NULL;
		return;
	}
	q->blob[0] = '\\';
	q->blob[1] = 'x';
	for (i = 0; i < len; i++) {
		q->blob[2 + 2 * i] = digits[b[i] >> 4];
		q->blob[3 + 2 * i] = digits[b[i] & 15];
	}
	q->blob[2 + 2 * len] = '\0';
	q->v[q->n++] = q->blob;
}

/* Free what the query owns: the bound blob once sent, the blob read. */
static void q_free_blobs(struct query *q)
{
	free(q->blob);
	q->blob = NULL;
	PQfreemem(q->col_blob);
	q->col_blob = NULL;
}

/* Run q now: its result, or NULL after setting err (see run).  The
 * parameters are sent, so the blob bound goes. */
static PGresult *q_run(struct query *q, struct styr_err *err)
{
	char name[24];
	PGresult *res;

	if (q->nomem) {
		q_free_blobs(q);
		styr_error(err, STYR_ENOMEM, "out of memory %s", q->what);
		return NULL;
	}
	snprintf(name, sizeof(name), "q%d", q->id);
	res = run(q->db->st, name, q->n, q->v, q->what, err);
	q_free_blobs(q);
	return res;
}

/* In a transaction a write is only sent (libpq copies its parameters) and
 * answered later; asking for changes waits for the answer. */
static int pg_q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	struct store *st = q->db->st;
	PGresult *res;
	char name[24];

	if (st->pipeline && !changes && !q->nomem) {
		int sent;

		snprintf(name, sizeof(name), "q%d", q->id);
		sent = PQsendQueryPrepared(st->conn, name, q->n, q->v, NULL, NULL, 0);
		q_free_blobs(q);
		if (sent != 1)
			return db_error(st, NULL, err, q->what);
		st->pending_what[st->pending++] = q->what;
		if (st->pending == PIPELINE_MAX)
			return flush_pending(st, err);
		return STYR_OK;
	}
	res = q_run(q, err);
	if (!res)
		return q->nomem ? STYR_ENOMEM : STYR_ESTORE;
	if (changes)
		*changes = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return STYR_OK;
}

static int pg_q_step(struct query *q, struct styr_err *err)
{
	PQfreemem(q->col_blob);
	q->col_blob = NULL;
	if (!q->res) {
		if (q->rows < 0)
			return 0;
		q->res = q_run(q, err);
		if (!q->res) {
			q->rows = -1;
			return q->nomem ? -STYR_ENOMEM : -STYR_ESTORE;
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
	q_free_blobs(q);
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

/* A bytea column comes as text ("\\x" and hex): decoded into a buffer the
 * query owns until the next step. */
static const void *pg_q_col_blob(struct query *q, int col, size_t *len)
{
	PQfreemem(q->col_blob);
	q->col_blob = PQunescapeBytea((const unsigned char *)PQgetvalue(q->res, q->row, col), len);
	if (!q->col_blob)
		*len = 0;
	return q->col_blob;
}

/* Run a PostgreSQL client program (pg_dump, pg_restore) with argv; its
 * first line on stderr is the message when it fails.  The location is
 * on its command line: a password in it is visible to local users while
 * the program runs (use ~/.pgpass or PGPASSWORD instead). */
static int run_tool(char *const argv[], const char *what, struct styr_err *err)
{
	char path[] = "/tmp/styr-pgtool-XXXXXX", line[300] = "";
	posix_spawn_file_actions_t fa;
	int fd = mkstemp(path), status = 0;
	pid_t pid;
	FILE *f;

	if (fd < 0)
		return styr_error(err, STYR_ESTORE, "%s: cannot make a temporary file", what);
	unlink(path);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd);
		return styr_error(err, STYR_ESTORE,
		                  "%s: cannot run %s (apt-get install postgresql-client)", what,
		                  argv[0]);
	}
	posix_spawn_file_actions_destroy(&fa);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		close(fd);
		return STYR_OK;
	}
	lseek(fd, 0, SEEK_SET);
	if ((f = fdopen(fd, "r"))) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	} else {
		close(fd);
	}
	line[strcspn(line, "\n")] = '\0';
	return styr_error(err, STYR_ESTORE, "%s: %s failed: %s", what, argv[0],
	                  *line ? line : "no message");
}

/* pg_dump's custom format: one consistent snapshot, while others write. */
static int pg_backup(struct store *st, const char *path, struct styr_err *err)
{
	char file[4096 + 8], db[4096 + 10];
	char *argv[] = {"pg_dump", "--format=custom", "--no-owner", file, db, NULL};

	snprintf(file, sizeof(file), "--file=%s", path);
	snprintf(db, sizeof(db), "--dbname=%s", st->location);
	return run_tool(argv, "backing up", err);
}

/* Into an existing database without a styr schema, in one transaction. */
static int pg_restore(const char *backup, const char *location, struct styr_err *err)
{
	char magic[5] = "", db[4096 + 10];
	char *argv[] = {"pg_restore",
	                "--exit-on-error",
	                "--single-transaction",
	                "--no-owner",
	                db,
	                (char *)backup,
	                NULL};
	FILE *f = fopen(backup, "rb");
	struct store *st;
	long long exists;
	int rc;

	if (!f)
		return styr_error(err, STYR_EINPUT, "%s: cannot read the backup: %s", backup,
		                  strerror(errno));
	if (fread(magic, 1, 5, f) != 5 || memcmp(magic, "PGDMP", 5)) {
		fclose(f);
		return styr_error(err, STYR_EINPUT,
		                  "%s is not a backup of a PostgreSQL database (pg_dump's custom "
		                  "format); a SQLite backup restores into a SQLite file",
		                  backup);
	}
	fclose(f);
	if (!(st = calloc(1, sizeof(*st))) || !(st->where = masked(location))) {
		free(st);
		return styr_error(err, STYR_ENOMEM, "out of memory restoring %s", backup);
	}
	st->conn = PQconnectdb(location);
	if (PQstatus(st->conn) != CONNECTION_OK)
		rc = db_error(st, NULL, err, "cannot connect");
	else
		rc = query_int(st, "SELECT 1 WHERE to_regclass('styr_schema') IS NOT NULL",
		               "reading the schema version", &exists, err);
	if (!rc && exists > 0)
		rc = styr_error(err, STYR_EINPUT,
		                "database %s has a styr schema already: restore into a new, empty "
		                "database (createdb)",
		                st->where);
	pg_close(st);
	if (rc)
		return rc;
	snprintf(db, sizeof(db), "--dbname=%s", location);
	return run_tool(argv, "restoring", err);
}

const struct store_driver store_pg_driver = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .exec = exec,
    .query_int = query_int,
    .backup = pg_backup,
    .restore = pg_restore,
    .q_start = pg_q_start,
    .q_text = pg_q_text,
    .q_int = pg_q_int,
    .q_double = pg_q_double,
    .q_null = pg_q_null,
    .q_blob = pg_q_blob,
    .q_exec = pg_q_exec,
    .q_step = pg_q_step,
    .q_end = pg_q_end,
    .q_col_text = pg_q_col_text,
    .q_col_int = pg_q_col_int,
    .q_col_double = pg_q_col_double,
    .q_col_null = pg_q_col_null,
    .q_col_blob = pg_q_col_blob,
    /* the web server's (driver primitives) */
    .db_data_version = pg_data_version,
    .db_read_begin = pg_read_begin,
    .db_read_end = pg_read_end,
};
