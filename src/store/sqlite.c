/*
 * The embedded SQLite backend.  One connection per handle, WAL journal so
 * that readers (the web server) never block the writer, foreign keys on,
 * and the schema brought up to date by the numbered migrations on open:
 * styr_migration lists the numbers applied, so one that reaches main after
 * a higher number is still applied, and PRAGMA user_version counts them.
 *
 * Every statement is prepared once and kept in a table indexed by an enum,
 * because bulk imports put a million rows through the same few statements.
 * Codes are turned into integer keys with a one-entry cache per kind:
 * imported values come grouped by indicator and unit, so the cache hits
 * almost always and the lookup query runs once per group.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/driver.h"
#include "store/sqlite_int.h"
#include "store/sqlite_web.h"

/* The key lookups that the areas not yet written over the driver reach
 * through store_sqlite_org_id and store_sqlite_ind_id (sqlite_int.h). */
enum stmt_id { S_ORG_ID, S_ORG_ALIAS_ID, S_IND_ID, S_COUNT };

static const char *const stmt_sql[S_COUNT] = {
    [S_ORG_ID] = "SELECT id FROM org_unit WHERE code = ?1",
    [S_ORG_ALIAS_ID] = "SELECT unit_id FROM org_alias WHERE alias = ?1",
    [S_IND_ID] = "SELECT id FROM indicator WHERE code = ?1",
};

/* A code → key cache of one entry (see the top of the file). */
struct id_cache {
	char code[STYR_CODE_MAX];
	sqlite3_int64 id;
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_COUNT];
	struct id_cache org, ind;
	bool in_tx;
	sqlite3_stmt *web_stmt[SQW_STMT_MAX]; /* web (issue 6): sqlite_web.c's */
	/* economy (sqlite_econ.c): its own prepared statements */
	sqlite3_stmt *econ_stmt[STORE_ECON_STMTS];
	sqlite3_stmt *q_stmt[Q_COUNT]; /* the catalogue's, prepared on first use */
};

static int db_error(struct store *st, struct styr_err *err, const char *what)
{
	return styr_error(err, STYR_ESTORE, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static sqlite3_stmt *stmt(struct store *st, enum stmt_id id, struct styr_err *err)
{
	sqlite3_stmt *s = st->stmt[id];

	if (!s) {
		if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
		                       &st->stmt[id], NULL) != SQLITE_OK) {
			db_error(st, err, "preparing a statement");
			return NULL;
		}
		s = st->stmt[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *text)
{
	sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

/* Empty text is stored as NULL where the column means "not given". */
static void bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
	if (text && *text)
		bind_text(s, i, text);
	else
		sqlite3_bind_null(s, i);
}

static void col_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static int exec(struct store *st, const char *sql, struct styr_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		styr_error(err, STYR_ESTORE, "%s: %s", st->path, msg ? msg : "failed");
		sqlite3_free(msg);
		return STYR_ESTORE;
	}
	return STYR_OK;
}

/* Look up the integer key of a code; what names the kind for messages. */
static int lookup_id(struct store *st, enum stmt_id id_stmt, struct id_cache *cache,
                     const char *code, const char *what, sqlite3_int64 *out, struct styr_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (cache && cache->id && !strcmp(cache->code, code)) {
		*out = cache->id;
		return STYR_OK;
	}
	s = stmt(st, id_stmt, err);
	if (!s)
		return STYR_ESTORE;
	bind_text(s, 1, code);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (cache) {
			snprintf(cache->code, sizeof(cache->code), "%s", code);
			cache->id = *out;
		}
		return STYR_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, err, "looking up a code");
	if (id_stmt == S_ORG_ID)
		return lookup_id(st, S_ORG_ALIAS_ID, NULL, code, what, out, err);
	return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, code);
}

static int org_id(struct store *st, const char *code, sqlite3_int64 *out, struct styr_err *err)
{
	return lookup_id(st, S_ORG_ID, &st->org, code, "org unit", out, err);
}

static int ind_id(struct store *st, const char *code, sqlite3_int64 *out, struct styr_err *err)
{
	return lookup_id(st, S_IND_ID, &st->ind, code, "indicator", out, err);
}

/* The position of migration number n in store_migrations, or -1. */
static int migration_index(int n)
{
	size_t i;

	for (i = 0; i < store_migration_count; i++)
		if (store_migration_numbers[i] == n)
			return (int)i;
	return -1;
}

/* Mark in have[] the migrations the database has: the numbers listed in
 * styr_migration (*listed: the table exists).  A database from before that
 * table has none listed; it has the first version ones, since until then
 * migrations were only ever appended to the list. */
static int migrations_applied(struct store *st, int version, unsigned char *have, bool *listed,
                              struct styr_err *err)
{
	sqlite3_stmt *s;
	int rc;

	*listed = false;
	if (sqlite3_prepare_v2(st->db,
	                       "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
	                       "'styr_migration'",
	                       -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "reading the migrations applied");
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, err, "reading the migrations applied");
	if (rc == SQLITE_DONE) {
		memset(have, 1, (size_t)version);
		return STYR_OK;
	}
	*listed = true;
	if (sqlite3_prepare_v2(st->db, "SELECT number FROM styr_migration", -1, &s, NULL) !=
	    SQLITE_OK)
		return db_error(st, err, "reading the migrations applied");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int n = sqlite3_column_int(s, 0), i = migration_index(n);

		if (i < 0) {
			sqlite3_finalize(s);
			return styr_error(
			    err, STYR_ESTORE,
			    "%s: the database has migration %04d, which this styr does "
			    "not know",
			    st->path, n);
		}
		have[i] = 1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : db_error(st, err, "reading the migrations applied");
}

/* Apply every migration the database lacks, in number order, each in its
 * own transaction with its number and the version; record the ones a
 * database from before styr_migration has. */
static int migrate(struct store *st, struct styr_err *err)
{
	unsigned char *have;
	sqlite3_stmt *s;
	int version, rc;
	bool listed;
	size_t i;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "reading the schema version");
	version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (version > (int)store_migration_count)
		return styr_error(err, STYR_ESTORE,
		                  "%s: schema version %d is newer than this styr knows (%zu)",
		                  st->path, version, store_migration_count);
	have = calloc(store_migration_count + 1, 1);
	if (!have)
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", st->path);
	rc = migrations_applied(st, version, have, &listed, err);
	for (i = 0; !rc && i < store_migration_count; i++) {
		char sql[96];

		if (have[i] && listed)
			continue;
		rc = exec(st, "BEGIN IMMEDIATE", err);
		if (!rc)
			rc = exec(
			    st,
			    "CREATE TABLE IF NOT EXISTS styr_migration(number INTEGER PRIMARY KEY)",
			    err);
		if (!rc && !have[i]) {
			rc = exec(st, store_migrations[i], err);
			snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", ++version);
			if (!rc)
				rc = exec(st, sql, err);
		}
		snprintf(sql, sizeof(sql), "INSERT OR IGNORE INTO styr_migration VALUES(%d)",
		         store_migration_numbers[i]);
		if (!rc)
			rc = exec(st, sql, err);
		if (!rc)
			rc = exec(st, "COMMIT", err);
		if (rc) {
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			styr_err_prefix(err, "migration %04d: ", store_migration_numbers[i]);
		}
	}
	free(have);
	return rc;
}

static void sq_close(struct store *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (i = 0; i < SQW_STMT_MAX; i++)
		sqlite3_finalize(st->web_stmt[i]);
	for (i = 0; i < STORE_ECON_STMTS; i++)
		sqlite3_finalize(st->econ_stmt[i]);
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
	rc = exec(st,
	          "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
	          "PRAGMA foreign_keys = ON",
	          err);
	if (!rc)
		rc = migrate(st, err);
	if (rc) {
		sq_close(st);
		return rc;
	}
	*out = st;
	return STYR_OK;
}

static int sq_begin(struct store *st, struct styr_err *err)
{
	int rc;

	if (st->in_tx)
		return styr_error(err, STYR_ESTORE, "a transaction is already open");
	rc = exec(st, "BEGIN IMMEDIATE", err);
	if (!rc)
		st->in_tx = true;
	return rc;
}

static int sq_commit(struct store *st, struct styr_err *err)
{
	int rc = exec(st, "COMMIT", err);

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
	/* Keys cached inside the transaction may be gone now. */
	memset(&st->org, 0, sizeof(st->org));
	memset(&st->ind, 0, sizeof(st->ind));
}

/* What the area files (sqlite_econ.c, sqlite_web.c) need of a handle;
 * see sqlite_int.h. */
sqlite3 *store_sqlite_db(struct store *st)
{
	return st->db;
}

const char *store_sqlite_path(struct store *st)
{
	return st->path;
}

sqlite3_stmt **store_sqlite_econ_stmts(struct store *st)
{
	return st->econ_stmt;
}

int store_sqlite_org_id(struct store *st, const char *code, sqlite3_int64 *out,
                        struct styr_err *err)
{
	return org_id(st, code, out, err);
}

int store_sqlite_ind_id(struct store *st, const char *code, sqlite3_int64 *out,
                        struct styr_err *err)
{
	return ind_id(st, code, out, err);
}

void store_sqlite_bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
	bind_text_or_null(s, i, text);
}

void store_sqlite_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	col_copy(s, i, dst, n);
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

const struct store_ops store_sqlite_ops = {
    .version = STORE_OPS_VERSION,
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .q_start = sq_q_start,
    .q_text = sq_q_text,
    .q_int = sq_q_int,
    .q_double = sq_q_double,
    .q_null = sq_q_null,
    .q_exec = sq_q_exec,
    .q_step = sq_q_step,
    .q_end = sq_q_end,
    .q_col_text = sq_q_col_text,
    .q_col_int = sq_q_col_int,
    .q_col_double = sq_q_col_double,
    .q_col_null = sq_q_col_null,
    SQLITE_WEB_OPS,
    /* economy */
    .ledger_row_put = sq_ledger_row_put,
    .ledger_row_find = sq_ledger_row_find,
    .ledger_row_each = sq_ledger_row_each,
    .ledger_put = sq_ledger_put,
    .ledger_each = sq_ledger_each,
    .rule_put = sq_rule_put,
    .rule_each = sq_rule_each,
    .account_map_find = sq_account_map_find,
    .account_map_put = sq_account_map_put,
    .account_map_clear = sq_account_map_clear,
    .bridge_put = sq_bridge_put,
    .bridge_each = sq_bridge_each,
    .action_put = sq_action_put,
    .action_each = sq_action_each,
    .account_name_put = sq_account_name_put,
    .account_balance_put = sq_account_balance_put,
    .account_balance_each = sq_account_balance_each,
    .budget_profile_put = sq_budget_profile_put,
    .event_file_put = sq_event_file_put,
    .event_file_each = sq_event_file_each,
    .event_run_put = sq_event_run_put,
    .frozen_clear = sq_frozen_clear,
    .frozen_report_put = sq_frozen_report_put,
    .frozen_report_find = sq_frozen_report_find,
    .frozen_line_put = sq_frozen_line_put,
    .frozen_line_each = sq_frozen_line_each,
    .budget_profile_each = sq_budget_profile_each,
    .open_indicator_put = sq_open_indicator_put,
    .open_indicator_each = sq_open_indicator_each,
    .open_unit_put = sq_open_unit_put,
    .open_unit_each = sq_open_unit_each,
    .open_value_each = sq_open_value_each,
    .gender_value_put = sq_gender_value_put,
    .gender_value_each = sq_gender_value_each,
    .open_withdrawn_put = sq_open_withdrawn_put,
    .open_withdrawn_each = sq_open_withdrawn_each,
};

/* web (issue 6): its prepared statements */
sqlite3_stmt **store_sqlite_web_stmts(struct store *st)
{
	return st->web_stmt;
}
