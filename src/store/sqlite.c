/*
 * The embedded SQLite backend.  One connection per handle, WAL journal so
 * that readers (the web server) never block the writer, foreign keys on,
 * and the schema brought up to date by the numbered migrations on open:
 * styr_migration lists the numbers applied, so one that reaches main after
 * a higher number is still applied, and PRAGMA user_version counts them.
 *
 * It is one of the store's two drivers (driver.h): the catalogue's
 * statements are prepared on first use and kept, because bulk imports put
 * a million rows through the same few; the operations themselves are
 * written once, over the driver, in the area files.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/driver.h"

/* The read transaction's statements (sq_read_begin, sq_read_end). */
enum read_stmt { R_BEGIN, R_SNAPSHOT, R_END, READ_STMTS };

struct store {
	sqlite3 *db;
	char *path;
	bool in_tx;
	sqlite3_stmt *read_stmt[READ_STMTS]; /* sq_read_begin's and sq_read_end's */
	sqlite3_stmt *q_stmt[Q_COUNT];       /* the catalogue's, prepared on first use */
};

static int db_error(struct store *st, struct styr_err *err, const char *what)
{
	return styr_error(err, STYR_ESTORE, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

/* Run a statement expected to finish without rows. */
static int step_done(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, err, what);
	return STYR_OK;
}

/* Run SQL text; SQLite's own message says what failed. */
static int exec(struct store *st, const char *sql, const char *what, struct styr_err *err)
{
	char *msg = NULL;

	(void)what;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		styr_error(err, STYR_ESTORE, "%s: %s", st->path, msg ? msg : "failed");
		sqlite3_free(msg);
		return STYR_ESTORE;
	}
	return STYR_OK;
}

static int query_int(struct store *st, const char *sql, const char *what, long long *out,
                     struct styr_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, what);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL
	           ? sqlite3_column_int64(s, 0)
	           : -1;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STYR_OK : db_error(st, err, what);
}

static void sq_close(struct store *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < READ_STMTS; i++)
		sqlite3_finalize(st->read_stmt[i]);
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(st->q_stmt[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

static int sq_open(const char *location, int flags, struct store **out, struct styr_err *err)
{
	struct store *st;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	*out = NULL;
	if (!(flags & STYR_DB_CREATE) && access(location, F_OK) != 0)
		return styr_error(err, STYR_ENOTFOUND,
		                  "database %s does not exist (create it with: styr init --db %s)",
		                  location, location);
	if (flags & STYR_DB_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	st = calloc(1, sizeof(*st));
	if (!st || !(st->path = strdup(location))) {
		free(st);
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	}
	if (sqlite3_open_v2(location, &st->db, oflags, NULL) != SQLITE_OK) {
		rc = db_error(st, err, "cannot open");
		sq_close(st);
		return rc;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* synchronous=NORMAL is durable enough in WAL mode: a crash can lose
	 * the last commit but never corrupt the database. */
	/* Reads through a memory map of the file (up to SQLite's usual
	 * ceiling, 2 GB): a page already in the OS cache costs no pread and no
	 * copy into this handle's own small cache.  A region's database is
	 * over a gigabyte; reading a dashboard's pages by pread took a third
	 * of the server's CPU (bench/load). */
	rc = exec(st,
	          "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
	          "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 2147418112",
	          "setting the journal", err);
	if (!rc)
		rc = store_schema_update(&store_sqlite_driver, st, st->path, err);
	if (rc) {
		sq_close(st);
		return rc;
	}
	*out = st;
	return STYR_OK;
}

static int sq_begin(struct store *st, struct styr_err *err)
{
	int rc = exec(st, "BEGIN IMMEDIATE", "starting a transaction", err);

	st->in_tx = rc == STYR_OK;
	return rc;
}

static int sq_commit(struct store *st, struct styr_err *err)
{
	int rc = exec(st, "COMMIT", "committing", err);

	if (rc)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
	return rc;
}

static void sq_rollback(struct store *st)
{
	if (st->in_tx)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = false;
}

/* The driver (store/driver.h).  Statements are prepared on first use and
 * kept: bulk imports put a million rows through the same few. */
static int sq_q_start(struct store *st, struct query *q, struct styr_err *err)
{
	sqlite3_stmt **s = &st->q_stmt[q->id];

	if (!*s && sqlite3_prepare_v3(st->db, store_sql[q->id], -1, SQLITE_PREPARE_PERSISTENT, s,
	                              NULL) != SQLITE_OK)
		return db_error(st, err, "preparing a statement");
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	q->stmt = *s;
	return STYR_OK;
}

static void sq_q_text(struct query *q, const char *text)
{
	sqlite3_bind_text(q->stmt, ++q->n, text, -1, SQLITE_STATIC);
}

static void sq_q_int(struct query *q, long long x)
{
	sqlite3_bind_int64(q->stmt, ++q->n, x);
}

static void sq_q_double(struct query *q, double x)
{
	sqlite3_bind_double(q->stmt, ++q->n, x);
}

static void sq_q_null(struct query *q)
{
	sqlite3_bind_null(q->stmt, ++q->n);
}

/* Empty bytes bind as a zero-length blob, not as the NULL that a NULL
 * pointer would bind. */
static void sq_q_blob(struct query *q, const void *data, size_t len)
{
	sqlite3_bind_blob64(q->stmt, ++q->n, len ? data : "", len, SQLITE_STATIC);
}

static int sq_q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	int rc = sqlite3_step(q->stmt);

	sqlite3_reset(q->stmt);
	if (rc != SQLITE_DONE)
		return db_error(q->db->st, err, q->what);
	if (changes)
		*changes = sqlite3_changes64(q->db->st->db);
	return STYR_OK;
}

static int sq_q_step(struct query *q, struct styr_err *err)
{
	int rc = sqlite3_step(q->stmt);

	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(q->stmt);
	if (rc == SQLITE_DONE)
		return 0;
	return -db_error(q->db->st, err, q->what);
}

static void sq_q_end(struct query *q)
{
	sqlite3_reset(q->stmt);
}

static const char *sq_q_col_text(struct query *q, int col)
{
	const unsigned char *t = sqlite3_column_text(q->stmt, col);

	return t ? (const char *)t : "";
}

static long long sq_q_col_int(struct query *q, int col)
{
	return sqlite3_column_int64(q->stmt, col);
}

static double sq_q_col_double(struct query *q, int col)
{
	return sqlite3_column_double(q->stmt, col);
}

static bool sq_q_col_null(struct query *q, int col)
{
	return sqlite3_column_type(q->stmt, col) == SQLITE_NULL;
}

/* SQLite gives NULL for a zero-length blob, and when out of memory. */
static const void *sq_q_col_blob(struct query *q, int col, size_t *len)
{
	const void *b = sqlite3_column_blob(q->stmt, col);

	*len = (size_t)sqlite3_column_bytes(q->stmt, col);
	if (b || *len)
		return b;
	return sqlite3_errcode(q->db->st->db) == SQLITE_NOMEM ? NULL : "";
}

/* The pager's data version changes with every commit, this connection's
 * and other processes' alike (seen at the next read), without a query:
 * cheap enough to check on every request. */
static int sq_data_version(struct store *st, long long *out, struct styr_err *err)
{
	unsigned int v = 0;

	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK)
		return db_error(st, err, "reading the data version");
	*out = (long long)v;
	return STYR_OK;
}

/* A read transaction's statements, prepared on first use and kept (one
 * read per web request). */
static sqlite3_stmt *reading(struct store *st, enum read_stmt id, struct styr_err *err)
{
	static const char *const sql[READ_STMTS] = {
	    [R_BEGIN] = "BEGIN DEFERRED",
	    [R_SNAPSHOT] = "SELECT 1 FROM sqlite_schema LIMIT 1",
	    [R_END] = "COMMIT",
	};
	sqlite3_stmt **s = &st->read_stmt[id];

	if (!*s && sqlite3_prepare_v3(st->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT, s, NULL) !=
	               SQLITE_OK) {
		db_error(st, err, "preparing a statement");
		*s = NULL;
		return NULL;
	}
	sqlite3_reset(*s);
	return *s;
}

/* A read transaction around everything one web request reads: one
 * snapshot, and the file locks taken once instead of per statement. */
static int sq_read_begin(struct store *st, struct styr_err *err)
{
	sqlite3_stmt *s = reading(st, R_BEGIN, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	if ((rc = step_done(st, s, err, "beginning a read")))
		return rc;
	/* A deferred transaction takes its snapshot at its first read, and
	 * the data version is only brought up to date by one: read now, so a
	 * request that asks for the version first (an open-data answer's
	 * ETag) sees the commits of other processes. */
	s = reading(st, R_SNAPSHOT, err);
	if (!s)
		return STYR_ESTORE;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STYR_OK
	                                             : db_error(st, err, "beginning a read");
}

static void sq_read_end(struct store *st)
{
	sqlite3_stmt *s = reading(st, R_END, NULL);

	if (s && sqlite3_step(s) != SQLITE_DONE)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	if (s)
		sqlite3_reset(s);
}

/* Copy every page of from into a new file at path, in one step: one read
 * transaction, so the copy is the database as of one commit while other
 * connections go on writing (a step at a time would restart whenever they
 * did). */
static int copy_database(sqlite3 *from, const char *path, const char *what, struct styr_err *err)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

	if (rc == SQLITE_OK && (b = sqlite3_backup_init(to, "main", from, "main"))) {
		while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
		sqlite3_backup_finish(b);
	}
	if (rc != SQLITE_DONE)
		styr_error(err, STYR_ESTORE, "%s: %s: %s", path, what,
		           sqlite3_errmsg(to ? to : from));
	sqlite3_close(to);
	return rc == SQLITE_DONE ? STYR_OK : STYR_ESTORE;
}

static int sq_backup(struct store *st, const char *path, struct styr_err *err)
{
	return copy_database(st->db, path, "backing up", err);
}

/* A backup must be a whole SQLite database that passes its integrity
 * check before anything is written. */
static int sq_restore(const char *backup, const char *location, struct styr_err *err)
{
	char magic[16] = "";
	sqlite3 *from = NULL;
	sqlite3_stmt *s = NULL;
	FILE *f = fopen(backup, "rb");
	int rc;

	if (!f)
		return styr_error(err, STYR_EINPUT, "%s: cannot read the backup: %s", backup,
		                  strerror(errno));
	if (fread(magic, 1, 16, f) != 16 || memcmp(magic, "SQLite format 3", 16)) {
		fclose(f);
		return styr_error(err, STYR_EINPUT,
		                  "%s is not a backup of a SQLite database; a PostgreSQL backup "
		                  "restores into a postgresql:// database",
		                  backup);
	}
	fclose(f);
	rc = sqlite3_open_v2(backup, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(from, "PRAGMA integrity_check", -1, &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
	    strcmp((const char *)sqlite3_column_text(s, 0), "ok"))
		rc = styr_error(err, STYR_EINPUT, "%s is damaged: %s", backup,
		                (const char *)sqlite3_column_text(s, 0));
	else if (rc != SQLITE_OK)
		rc = styr_error(err, STYR_EINPUT, "%s: cannot read the backup: %s", backup,
		                sqlite3_errmsg(from));
	sqlite3_finalize(s);
	if (!rc)
		rc = copy_database(from, location, "restoring", err);
	sqlite3_close(from);
	return rc;
}

const struct store_driver store_sqlite_driver = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .exec = exec,
    .query_int = query_int,
    .backup = sq_backup,
    .restore = sq_restore,
    .q_start = sq_q_start,
    .q_text = sq_q_text,
    .q_int = sq_q_int,
    .q_double = sq_q_double,
    .q_null = sq_q_null,
    .q_blob = sq_q_blob,
    .q_exec = sq_q_exec,
    .q_step = sq_q_step,
    .q_end = sq_q_end,
    .q_col_text = sq_q_col_text,
    .q_col_int = sq_q_col_int,
    .q_col_double = sq_q_col_double,
    .q_col_null = sq_q_col_null,
    .q_col_blob = sq_q_col_blob,
    /* the web server's */
    .db_data_version = sq_data_version,
    .db_read_begin = sq_read_begin,
    .db_read_end = sq_read_end,
};
