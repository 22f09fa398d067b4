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

enum stmt_id {
	S_ORG_ID,
	S_ORG_ALIAS_ID,
	S_ORG_PUT,
	S_ORG_ALIAS_PUT,
	S_ORG_GET,
	S_ORG_EACH,
	S_ORG_ALIAS_EACH,
	S_GOAL_ID,
	S_GOAL_PUT,
	S_GOAL_GET,
	S_GOAL_EACH,
	S_GOAL_OWNER_PUT,
	S_GOAL_OWNER_EACH,
	S_IND_ID,
	S_IND_PUT,
	S_IND_GET,
	S_IND_EACH,
	S_GOAL_IND_PUT,
	S_GOAL_IND_EACH,
	S_TARGET_PUT,
	S_TARGET_GET,
	S_TARGET_EACH,
	S_VALUE_PUT,
	S_VALUE_GET,
	S_VALUE_EACH,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
    [S_ORG_ID] = "SELECT id FROM org_unit WHERE code = ?1",
    [S_ORG_ALIAS_ID] = "SELECT unit_id FROM org_alias WHERE alias = ?1",
    [S_ORG_PUT] = "INSERT INTO org_unit(code, name, kind, parent_id, valid_from, valid_to) "
                  "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET "
                  "name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id, "
                  "valid_from = excluded.valid_from, valid_to = excluded.valid_to",
    [S_ORG_ALIAS_PUT] = "INSERT INTO org_alias(alias, unit_id) VALUES(?1, ?2) "
                        "ON CONFLICT(alias) DO UPDATE SET unit_id = excluded.unit_id",
    [S_ORG_GET] = "SELECT u.code, u.name, u.kind, IFNULL(p.code, ''), IFNULL(u.valid_from, ''), "
                  "IFNULL(u.valid_to, '') FROM org_unit u LEFT JOIN org_unit p ON p.id = "
                  "u.parent_id WHERE u.id = ?1",
    [S_ORG_EACH] = "SELECT u.code, u.name, u.kind, IFNULL(p.code, ''), IFNULL(u.valid_from, ''), "
                   "IFNULL(u.valid_to, '') FROM org_unit u LEFT JOIN org_unit p ON p.id = "
                   "u.parent_id ORDER BY u.id",
    [S_ORG_ALIAS_EACH] = "SELECT a.alias, u.code FROM org_alias a JOIN org_unit u ON u.id = "
                         "a.unit_id ORDER BY u.id, a.rowid",
    [S_GOAL_ID] = "SELECT id FROM goal WHERE code = ?1",
    [S_GOAL_PUT] = "INSERT INTO goal(code, parent_id, level, title, text, valid_from, valid_to) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE SET "
                   "parent_id = excluded.parent_id, level = excluded.level, title = "
                   "excluded.title, text = excluded.text, valid_from = excluded.valid_from, "
                   "valid_to = excluded.valid_to",
    [S_GOAL_GET] = "SELECT g.code, IFNULL(p.code, ''), g.level, g.title, g.text, "
                   "IFNULL(g.valid_from, 0), IFNULL(g.valid_to, 0) FROM goal g LEFT JOIN goal p "
                   "ON p.id = g.parent_id WHERE g.id = ?1",
    [S_GOAL_EACH] = "SELECT g.code, IFNULL(p.code, ''), g.level, g.title, g.text, "
                    "IFNULL(g.valid_from, 0), IFNULL(g.valid_to, 0) FROM goal g LEFT JOIN goal "
                    "p ON p.id = g.parent_id ORDER BY g.id",
    [S_GOAL_OWNER_PUT] = "INSERT INTO goal_owner(goal_id, unit_id, role) VALUES(?1, ?2, ?3) "
                         "ON CONFLICT(goal_id, unit_id) DO UPDATE SET role = excluded.role",
    [S_GOAL_OWNER_EACH] = "SELECT g.code, u.code, o.role FROM goal_owner o JOIN goal g ON g.id "
                          "= o.goal_id JOIN org_unit u ON u.id = o.unit_id ORDER BY g.id, "
                          "o.rowid",
    [S_IND_ID] = "SELECT id FROM indicator WHERE code = ?1",
    [S_IND_PUT] = "INSERT INTO indicator(code, name, definition, unit, direction, frequency, "
                  "source, tolerance, category) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                  "ON CONFLICT(code) DO UPDATE SET name = excluded.name, definition = "
                  "excluded.definition, unit = excluded.unit, direction = excluded.direction, "
                  "frequency = excluded.frequency, source = excluded.source, tolerance = "
                  "excluded.tolerance, category = excluded.category",
    [S_IND_GET] = "SELECT code, name, definition, unit, direction, frequency, source, tolerance, "
                  "category "
                  "FROM indicator WHERE id = ?1",
    [S_IND_EACH] = "SELECT code, name, definition, unit, direction, frequency, source, tolerance, "
                   "category "
                   "FROM indicator ORDER BY code",
    [S_GOAL_IND_PUT] = "INSERT OR IGNORE INTO goal_indicator(goal_id, indicator_id) "
                       "VALUES(?1, ?2)",
    [S_GOAL_IND_EACH] = "SELECT g.code, i.code FROM goal_indicator gi JOIN goal g ON g.id = "
                        "gi.goal_id JOIN indicator i ON i.id = gi.indicator_id ORDER BY i.code, "
                        "g.id",
    [S_TARGET_PUT] = "INSERT INTO target(indicator_id, unit_id, year, expr) VALUES(?1, ?2, ?3, "
                     "?4) ON CONFLICT(indicator_id, unit_id, year) DO UPDATE SET expr = "
                     "excluded.expr",
    [S_TARGET_GET] = "SELECT expr, unit_id, year FROM target WHERE indicator_id = ?1 AND "
                     "year <= ?3 AND unit_id IN (?2, 0) ORDER BY year DESC, unit_id DESC "
                     "LIMIT 1",
    [S_TARGET_EACH] = "SELECT i.code, IFNULL(u.code, ''), t.year, t.expr FROM target t JOIN "
                      "indicator i ON i.id = t.indicator_id LEFT JOIN org_unit u ON u.id = "
                      "t.unit_id ORDER BY i.code, t.unit_id, t.year",
    [S_VALUE_PUT] = "INSERT INTO value(indicator_id, unit_id, year, first_month, last_month, "
                    "kind, value, decimals, percent, numerator, denominator, missing_reason, "
                    "source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                    "ON CONFLICT(indicator_id, unit_id, year, first_month, last_month) DO UPDATE "
                    "SET kind = excluded.kind, value = excluded.value, decimals = "
                    "excluded.decimals, percent = excluded.percent, numerator = "
                    "excluded.numerator, denominator = excluded.denominator, missing_reason = "
                    "excluded.missing_reason, source = excluded.source",
    [S_VALUE_GET] = "SELECT i.code, u.code, v.year, v.first_month, v.last_month, v.kind, "
                    "v.value, v.decimals, v.percent, v.numerator, v.denominator, "
                    "v.missing_reason, v.source FROM value v JOIN indicator i ON i.id = "
                    "v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE v.indicator_id = "
                    "?1 AND v.unit_id = ?2 AND v.year = ?3 AND v.first_month = ?4 AND "
                    "v.last_month = ?5",
    [S_VALUE_EACH] = "SELECT i.code, u.code, v.year, v.first_month, v.last_month, v.kind, "
                     "v.value, v.decimals, v.percent, v.numerator, v.denominator, "
                     "v.missing_reason, v.source FROM value v JOIN indicator i ON i.id = "
                     "v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE (?1 IS NULL OR "
                     "i.code = ?1) AND (?2 = 0 OR v.unit_id = ?2) AND (?3 = 0 OR v.year = ?3) "
                     "ORDER BY i.code, u.code, v.year, v.first_month, v.last_month",
};

/* A code → key cache of one entry (see the top of the file). */
struct id_cache {
	char code[STYR_CODE_MAX];
	sqlite3_int64 id;
};

/* The read transaction's statements (sq_read_begin, sq_read_end). */
enum read_stmt { R_BEGIN, R_SNAPSHOT, R_END, READ_STMTS };

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_COUNT];
	struct id_cache org, ind;
	bool in_tx;
	sqlite3_stmt *read_stmt[READ_STMTS]; /* sq_read_begin's and sq_read_end's */
	sqlite3_stmt *q_stmt[Q_COUNT];       /* the catalogue's, prepared on first use */
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

/* Run a statement expected to finish without rows. */
static int step_done(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return db_error(st, err, what);
	return STYR_OK;
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

static int goal_id(struct store *st, const char *code, sqlite3_int64 *out, struct styr_err *err)
{
	return lookup_id(st, S_GOAL_ID, NULL, code, "goal", out, err);
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

/* Reports: analysis texts.  Few rows, read per report, so the statements
 * are prepared per call rather than kept in the table above. */
static int sq_analysis_put(struct store *st, const struct styr_analysis *a, struct styr_err *err)
{
	static const char sql[] =
	    "INSERT INTO analysis(unit_id, year, first_month, last_month, subject, title, "
	    "vad_har_hant, varfor, vad_hander, state, author, source) VALUES(?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT(unit_id, year, first_month, last_month, "
	    "subject, title) DO UPDATE SET vad_har_hant = excluded.vad_har_hant, "
	    "varfor = excluded.varfor, vad_hander = excluded.vad_hander, state = excluded.state, "
	    "author = excluded.author, source = excluded.source";
	sqlite3_int64 uid;
	sqlite3_stmt *s;
	int rc = org_id(st, a->unit, &uid, err);

	if (rc)
		return rc;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "preparing to store an analysis");
	sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int(s, 2, a->period.year);
	sqlite3_bind_int(s, 3, a->period.first_month);
	sqlite3_bind_int(s, 4, a->period.last_month);
	bind_text(s, 5, a->subject);
	bind_text(s, 6, a->title);
	bind_text(s, 7, a->what);
	bind_text(s, 8, a->why);
	bind_text(s, 9, a->next);
	bind_text(s, 10, styr_analysis_state_name(a->state));
	bind_text(s, 11, a->author);
	bind_text(s, 12, a->source);
	rc = step_done(st, s, err, "storing an analysis");
	sqlite3_finalize(s);
	return rc;
}

static int sq_analysis_each(struct store *st, const struct styr_analysis_filter *f,
                            int (*cb)(void *, const struct styr_analysis *), void *ctx,
                            struct styr_err *err)
{
	static const char sql[] =
	    "SELECT u.code, a.year, a.first_month, a.last_month, a.subject, a.title, "
	    "a.vad_har_hant, a.varfor, a.vad_hander, a.state, a.author, a.source FROM analysis a "
	    "JOIN org_unit u ON u.id = a.unit_id WHERE (?1 = 0 OR a.unit_id = ?1) AND (?2 = 0 OR "
	    "a.year = ?2) AND (?3 IS NULL OR a.subject = ?3) ORDER BY u.id, a.year, "
	    "a.first_month, a.last_month, a.rowid";
	struct styr_analysis *a;
	sqlite3_int64 uid = 0;
	sqlite3_stmt *s;
	int rc = STYR_OK, step = SQLITE_DONE;

	if (f && f->unit && (rc = org_id(st, f->unit, &uid, err)))
		return rc;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err, "preparing to read analyses");
	a = malloc(sizeof(*a));
	if (!a) {
		sqlite3_finalize(s);
		return styr_error(err, STYR_ENOMEM, "out of memory reading analyses");
	}
	sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int(s, 2, f ? f->year : 0);
	if (f && f->subject)
		bind_text(s, 3, f->subject);
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		char state[32];

		memset(a, 0, sizeof(*a));
		col_copy(s, 0, a->unit, sizeof(a->unit));
		a->period.year = sqlite3_column_int(s, 1);
		a->period.first_month = sqlite3_column_int(s, 2);
		a->period.last_month = sqlite3_column_int(s, 3);
		col_copy(s, 4, a->subject, sizeof(a->subject));
		col_copy(s, 5, a->title, sizeof(a->title));
		col_copy(s, 6, a->what, sizeof(a->what));
		col_copy(s, 7, a->why, sizeof(a->why));
		col_copy(s, 8, a->next, sizeof(a->next));
		col_copy(s, 9, state, sizeof(state));
		styr_analysis_state_parse(state, &a->state, NULL);
		col_copy(s, 10, a->author, sizeof(a->author));
		col_copy(s, 11, a->source, sizeof(a->source));
		rc = cb(ctx, a);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_error(st, err, "reading analyses");
	sqlite3_finalize(s);
	free(a);
	return rc;
}

/* Goals area (issue 7): uppdrag, återrapportering, escalation and the
 * follow-up plan.  These tables see a few hundred rows, so their
 * statements are prepared per call rather than kept in the table above,
 * which keeps this block apart from the bulk paths. */

static sqlite3_stmt *prep(struct store *st, const char *sql, struct styr_err *err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		db_error(st, err, "preparing a statement");
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

static int run_done(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : db_error(st, err, what);
}

static int uppdrag_key(struct store *st, const char *goal, sqlite3_int64 *out, struct styr_err *err)
{
	sqlite3_stmt *s;
	int rc = goal_id(st, goal, out, err);

	if (rc)
		return rc;
	s = prep(st, "SELECT 1 FROM uppdrag WHERE goal_id = ?1", err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, *out);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return STYR_OK;
	if (rc != SQLITE_DONE)
		return db_error(st, err, "looking up an uppdrag");
	return styr_error(err, STYR_ENOTFOUND, "goal \"%s\" is not an uppdrag", goal);
}

static void join_dates(const struct styr_uppdrag *u, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < u->nreport_dates && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "|" : "",
		                        u->report_dates[i]);
}

static int sq_uppdrag_put(struct store *st, const struct styr_uppdrag *u, struct styr_err *err)
{
	char dates[STYR_UPPDRAG_DATES_MAX * STYR_DATE_MAX];
	sqlite3_int64 gid;
	sqlite3_stmt *s;
	int rc = goal_id(st, u->goal, &gid, err);

	if (rc)
		return rc;
	s = prep(st,
	         "INSERT INTO uppdrag(goal_id, deadline, report_dates) VALUES(?1, ?2, ?3) "
	         "ON CONFLICT(goal_id) DO UPDATE SET deadline = excluded.deadline, "
	         "report_dates = excluded.report_dates",
	         err);
	if (!s)
		return STYR_ESTORE;
	join_dates(u, dates, sizeof(dates));
	sqlite3_bind_int64(s, 1, gid);
	bind_text_or_null(s, 2, u->deadline);
	bind_text(s, 3, dates);
	return run_done(st, s, err, "storing an uppdrag");
}

#define UPPDRAG_COLS                                                                               \
	"SELECT g.code, IFNULL(u.deadline, ''), u.report_dates, u.level FROM uppdrag u JOIN goal " \
	"g ON g.id = u.goal_id "

static void uppdrag_from_row(sqlite3_stmt *s, struct styr_uppdrag *u)
{
	const char *d;

	memset(u, 0, sizeof(*u));
	col_copy(s, 0, u->goal, sizeof(u->goal));
	col_copy(s, 1, u->deadline, sizeof(u->deadline));
	d = (const char *)sqlite3_column_text(s, 2);
	while (d && *d && u->nreport_dates < STYR_UPPDRAG_DATES_MAX) {
		size_t n = strcspn(d, "|");

		snprintf(u->report_dates[u->nreport_dates++], STYR_DATE_MAX, "%.*s", (int)n, d);
		d += n + (d[n] == '|');
	}
	u->level = (enum styr_escalation)sqlite3_column_int(s, 3);
}

static int sq_uppdrag_find(struct store *st, const char *goal, struct styr_uppdrag *out,
                           struct styr_err *err)
{
	sqlite3_int64 gid;
	sqlite3_stmt *s;
	int rc = uppdrag_key(st, goal, &gid, err);

	if (rc)
		return rc;
	s = prep(st, UPPDRAG_COLS "WHERE u.goal_id = ?1", err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, gid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		uppdrag_from_row(s, out);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? STYR_OK : db_error(st, err, "reading an uppdrag");
}

/* The walk of a statement prepared per call: finalize on every way out. */
#define WALK_ONCE(st, s, row, from_row, cb, ctx, err)                                              \
	do {                                                                                       \
		int rc_;                                                                           \
		while ((rc_ = sqlite3_step(s)) == SQLITE_ROW) {                                    \
			int stop_;                                                                 \
			from_row(s, row);                                                          \
			stop_ = cb(ctx, row);                                                      \
			if (stop_) {                                                               \
				sqlite3_finalize(s);                                               \
				return stop_;                                                      \
			}                                                                          \
		}                                                                                  \
		sqlite3_finalize(s);                                                               \
		return rc_ == SQLITE_DONE ? STYR_OK : db_error(st, err, "reading rows");           \
	} while (0)

static int sq_uppdrag_each(struct store *st, int (*cb)(void *, const struct styr_uppdrag *),
                           void *ctx, struct styr_err *err)
{
	struct styr_uppdrag u;
	sqlite3_stmt *s = prep(st, UPPDRAG_COLS "ORDER BY g.id", err);

	if (!s)
		return STYR_ESTORE;
	WALK_ONCE(st, s, &u, uppdrag_from_row, cb, ctx, err);
}

static int sq_uppdrag_report_put(struct store *st, const struct styr_uppdrag_report *r,
                                 struct styr_err *err)
{
	sqlite3_int64 gid, uid;
	sqlite3_stmt *s;
	int rc = uppdrag_key(st, r->goal, &gid, err);

	if (!rc)
		rc = org_id(st, r->unit, &uid, err);
	if (rc)
		return rc;
	s = prep(st, "SELECT 1 FROM goal_owner WHERE goal_id = ?1 AND unit_id = ?2", err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, gid);
	sqlite3_bind_int64(s, 2, uid);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return styr_error(err, STYR_EINPUT,
		                  "unit \"%s\" is not responsible for uppdrag %s: expected one of "
		                  "its owners",
		                  r->unit, r->goal);
	if (rc != SQLITE_ROW)
		return db_error(st, err, "looking up an owner");
	s = prep(st,
	         "INSERT INTO uppdrag_report(goal_id, unit_id, date, status, text, source) "
	         "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(goal_id, unit_id, date) DO UPDATE "
	         "SET status = excluded.status, text = excluded.text, source = excluded.source",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, gid);
	sqlite3_bind_int64(s, 2, uid);
	bind_text(s, 3, r->date);
	bind_text(s, 4, styr_uppdrag_status_name(r->status));
	bind_text(s, 5, r->text);
	bind_text(s, 6, r->source);
	return run_done(st, s, err, "storing an uppdrag report");
}

static void report_from_row(sqlite3_stmt *s, struct styr_uppdrag_report *r)
{
	memset(r, 0, sizeof(*r));
	col_copy(s, 0, r->goal, sizeof(r->goal));
	col_copy(s, 1, r->unit, sizeof(r->unit));
	col_copy(s, 2, r->date, sizeof(r->date));
	styr_uppdrag_status_parse((const char *)sqlite3_column_text(s, 3), &r->status, NULL);
	col_copy(s, 4, r->text, sizeof(r->text));
	col_copy(s, 5, r->source, sizeof(r->source));
}

static int sq_uppdrag_report_each(struct store *st, const char *goal,
                                  int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx,
                                  struct styr_err *err)
{
	struct styr_uppdrag_report *r;
	sqlite3_stmt *s = prep(st,
	                       "SELECT g.code, o.code, r.date, r.status, r.text, r.source FROM "
	                       "uppdrag_report r JOIN goal g ON g.id = r.goal_id JOIN org_unit o "
	                       "ON o.id = r.unit_id WHERE ?1 IS NULL OR g.code = ?1 ORDER BY "
	                       "g.id, r.date, o.code",
	                       err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	if (goal)
		bind_text(s, 1, goal);
	r = malloc(sizeof(*r));
	if (!r) {
		sqlite3_finalize(s);
		return styr_error(err, STYR_ENOMEM, "out of memory reading reports");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int stop;

		report_from_row(s, r);
		stop = cb(ctx, r);
		if (stop) {
			sqlite3_finalize(s);
			free(r);
			return stop;
		}
	}
	sqlite3_finalize(s);
	free(r);
	return rc == SQLITE_DONE ? STYR_OK : db_error(st, err, "reading reports");
}

static int sq_escalation_add(struct store *st, const struct styr_escalation_step *e,
                             struct styr_err *err)
{
	sqlite3_int64 gid;
	sqlite3_stmt *s;
	int rc = uppdrag_key(st, e->goal, &gid, err);

	if (rc)
		return rc;
	s = prep(st,
	         "INSERT INTO uppdrag_escalation(goal_id, seq, date, from_level, to_level, reason, "
	         "decided_by) VALUES(?1, (SELECT IFNULL(MAX(seq), 0) + 1 FROM uppdrag_escalation "
	         "WHERE goal_id = ?1), ?2, ?3, ?4, ?5, ?6)",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, gid);
	bind_text(s, 2, e->date);
	sqlite3_bind_int(s, 3, (int)e->from);
	sqlite3_bind_int(s, 4, (int)e->to);
	bind_text(s, 5, e->reason);
	bind_text(s, 6, e->decided_by);
	rc = run_done(st, s, err, "storing an escalation step");
	if (rc)
		return rc;
	s = prep(st, "UPDATE uppdrag SET level = ?2 WHERE goal_id = ?1", err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, gid);
	sqlite3_bind_int(s, 2, (int)e->to);
	return run_done(st, s, err, "moving an uppdrag's escalation");
}

static void step_from_row(sqlite3_stmt *s, struct styr_escalation_step *e)
{
	memset(e, 0, sizeof(*e));
	col_copy(s, 0, e->goal, sizeof(e->goal));
	e->seq = sqlite3_column_int(s, 1);
	col_copy(s, 2, e->date, sizeof(e->date));
	e->from = (enum styr_escalation)sqlite3_column_int(s, 3);
	e->to = (enum styr_escalation)sqlite3_column_int(s, 4);
	col_copy(s, 5, e->reason, sizeof(e->reason));
	col_copy(s, 6, e->decided_by, sizeof(e->decided_by));
}

static int sq_escalation_each(struct store *st, const char *goal,
                              int (*cb)(void *, const struct styr_escalation_step *), void *ctx,
                              struct styr_err *err)
{
	struct styr_escalation_step e;
	sqlite3_stmt *s = prep(st,
	                       "SELECT g.code, e.seq, e.date, e.from_level, e.to_level, e.reason, "
	                       "e.decided_by FROM uppdrag_escalation e JOIN goal g ON g.id = "
	                       "e.goal_id WHERE ?1 IS NULL OR g.code = ?1 ORDER BY g.id, e.seq",
	                       err);

	if (!s)
		return STYR_ESTORE;
	if (goal)
		bind_text(s, 1, goal);
	WALK_ONCE(st, s, &e, step_from_row, cb, ctx, err);
}

static int sq_followup_rule_put(struct store *st, const struct styr_followup_rule *r,
                                struct styr_err *err)
{
	sqlite3_stmt *s = prep(st,
	                       "INSERT INTO followup_rule(year, kind, months, deadline, decision, "
	                       "source) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(year, kind) DO "
	                       "UPDATE SET months = excluded.months, deadline = excluded.deadline, "
	                       "decision = excluded.decision, source = excluded.source",
	                       err);

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, r->year);
	bind_text(s, 2, styr_report_kind_name(r->kind));
	sqlite3_bind_int(s, 3, (int)r->months);
	bind_text(s, 4, r->deadline);
	sqlite3_bind_int(s, 5, r->decision);
	bind_text(s, 6, r->source);
	return run_done(st, s, err, "storing a follow-up rule");
}

static void rule_from_row(sqlite3_stmt *s, struct styr_followup_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->year = sqlite3_column_int(s, 0);
	styr_report_kind_parse((const char *)sqlite3_column_text(s, 1), &r->kind, NULL);
	r->months = (unsigned)sqlite3_column_int(s, 2);
	col_copy(s, 3, r->deadline, sizeof(r->deadline));
	r->decision = sqlite3_column_int(s, 4) != 0;
	col_copy(s, 5, r->source, sizeof(r->source));
}

static int sq_followup_rule_each(struct store *st, int year,
                                 int (*cb)(void *, const struct styr_followup_rule *), void *ctx,
                                 struct styr_err *err)
{
	struct styr_followup_rule r;
	sqlite3_stmt *s = prep(st,
	                       "SELECT year, kind, months, deadline, decision, source FROM "
	                       "followup_rule WHERE ?1 = 0 OR year = ?1 ORDER BY year, rowid",
	                       err);

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, year);
	WALK_ONCE(st, s, &r, rule_from_row, cb, ctx, err);
}

static int sq_followup_done_put(struct store *st, const struct styr_followup_done *d,
                                struct styr_err *err)
{
	sqlite3_int64 uid;
	sqlite3_stmt *s;
	int rc = org_id(st, d->unit, &uid, err);

	if (rc)
		return rc;
	s = prep(st,
	         "INSERT INTO followup_done(unit_id, kind, year, first_month, last_month, date) "
	         "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(unit_id, kind, year, first_month, "
	         "last_month) DO UPDATE SET date = excluded.date",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, uid);
	bind_text(s, 2, styr_report_kind_name(d->kind));
	sqlite3_bind_int(s, 3, d->period.year);
	sqlite3_bind_int(s, 4, d->period.first_month);
	sqlite3_bind_int(s, 5, d->period.last_month);
	bind_text(s, 6, d->date);
	return run_done(st, s, err, "storing a handed-in report");
}

static int sq_followup_done_find(struct store *st, const char *unit, enum styr_report_kind kind,
                                 const struct styr_period *p, struct styr_followup_done *out,
                                 struct styr_err *err)
{
	sqlite3_int64 uid;
	sqlite3_stmt *s;
	int rc = org_id(st, unit, &uid, err);

	if (rc)
		return rc;
	s = prep(st,
	         "SELECT date FROM followup_done WHERE unit_id = ?1 AND kind = ?2 AND year = ?3 "
	         "AND first_month = ?4 AND last_month = ?5",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, uid);
	bind_text(s, 2, styr_report_kind_name(kind));
	sqlite3_bind_int(s, 3, p->year);
	sqlite3_bind_int(s, 4, p->first_month);
	sqlite3_bind_int(s, 5, p->last_month);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		snprintf(out->unit, sizeof(out->unit), "%s", unit);
		out->kind = kind;
		out->period = *p;
		col_copy(s, 0, out->date, sizeof(out->date));
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return STYR_OK;
	if (rc != SQLITE_DONE)
		return db_error(st, err, "reading a handed-in report");
	return styr_error(err, STYR_ENOTFOUND, "%s has not handed in that report", unit);
}

static int sq_internal_control_put(struct store *st, const struct styr_internal_control *c,
                                   struct styr_err *err)
{
	sqlite3_int64 uid;
	sqlite3_stmt *s;
	int rc = org_id(st, c->unit, &uid, err);

	if (rc)
		return rc;
	s = prep(st,
	         "INSERT INTO internal_control(unit_id, year, risk, probability, consequence, "
	         "control, responsible, frequency, result, actions) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "
	         "?7, ?8, ?9, ?10) ON CONFLICT(unit_id, year, risk) DO UPDATE SET probability = "
	         "excluded.probability, consequence = excluded.consequence, control = "
	         "excluded.control, responsible = excluded.responsible, frequency = "
	         "excluded.frequency, result = excluded.result, actions = excluded.actions",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int(s, 2, c->year);
	bind_text(s, 3, c->risk);
	sqlite3_bind_int(s, 4, c->probability);
	sqlite3_bind_int(s, 5, c->consequence);
	bind_text(s, 6, c->control);
	bind_text(s, 7, c->responsible);
	bind_text(s, 8, c->frequency);
	bind_text(s, 9, c->result);
	bind_text(s, 10, c->actions);
	return run_done(st, s, err, "storing an internal control");
}

static void control_from_row(sqlite3_stmt *s, struct styr_internal_control *c)
{
	memset(c, 0, sizeof(*c));
	col_copy(s, 0, c->unit, sizeof(c->unit));
	c->year = sqlite3_column_int(s, 1);
	col_copy(s, 2, c->risk, sizeof(c->risk));
	c->probability = sqlite3_column_int(s, 3);
	c->consequence = sqlite3_column_int(s, 4);
	col_copy(s, 5, c->control, sizeof(c->control));
	col_copy(s, 6, c->responsible, sizeof(c->responsible));
	col_copy(s, 7, c->frequency, sizeof(c->frequency));
	col_copy(s, 8, c->result, sizeof(c->result));
	col_copy(s, 9, c->actions, sizeof(c->actions));
}

static int sq_internal_control_each(struct store *st, const char *unit, int year,
                                    int (*cb)(void *, const struct styr_internal_control *),
                                    void *ctx, struct styr_err *err)
{
	struct styr_internal_control *c;
	sqlite3_int64 uid = 0;
	sqlite3_stmt *s;
	int rc;

	if (unit && (rc = org_id(st, unit, &uid, err)))
		return rc;
	s = prep(st,
	         "SELECT u.code, c.year, c.risk, c.probability, c.consequence, c.control, "
	         "c.responsible, c.frequency, c.result, c.actions FROM internal_control c JOIN "
	         "org_unit u ON u.id = c.unit_id WHERE (?1 = 0 OR c.unit_id = ?1) AND (?2 = 0 OR "
	         "c.year = ?2) ORDER BY u.id, c.year, c.probability * c.consequence DESC, c.risk",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int(s, 2, year);
	c = malloc(sizeof(*c));
	if (!c) {
		sqlite3_finalize(s);
		return styr_error(err, STYR_ENOMEM, "out of memory");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int stop;

		control_from_row(s, c);
		stop = cb(ctx, c);
		if (stop) {
			sqlite3_finalize(s);
			free(c);
			return stop;
		}
	}
	sqlite3_finalize(s);
	free(c);
	return rc == SQLITE_DONE ? STYR_OK : db_error(st, err, "reading internal controls");
}

static int sq_index_weight_put(struct store *st, const struct styr_index_weight *w,
                               struct styr_err *err)
{
	sqlite3_int64 iid;
	sqlite3_stmt *s;
	int rc = ind_id(st, w->indicator, &iid, err);

	if (rc)
		return rc;
	s = prep(st,
	         "INSERT INTO index_weight(name, indicator_id, weight) VALUES(?1, ?2, ?3) ON "
	         "CONFLICT(name, indicator_id) DO UPDATE SET weight = excluded.weight",
	         err);
	if (!s)
		return STYR_ESTORE;
	bind_text(s, 1, w->index);
	sqlite3_bind_int64(s, 2, iid);
	sqlite3_bind_double(s, 3, w->weight);
	return run_done(st, s, err, "storing an index weight");
}

static void weight_from_row(sqlite3_stmt *s, struct styr_index_weight *w)
{
	memset(w, 0, sizeof(*w));
	col_copy(s, 0, w->index, sizeof(w->index));
	col_copy(s, 1, w->indicator, sizeof(w->indicator));
	w->weight = sqlite3_column_double(s, 2);
}

static int sq_index_weight_each(struct store *st, const char *index,
                                int (*cb)(void *, const struct styr_index_weight *), void *ctx,
                                struct styr_err *err)
{
	struct styr_index_weight w;
	sqlite3_stmt *s =
	    prep(st,
	         "SELECT w.name, i.code, w.weight FROM index_weight w JOIN indicator i "
	         "ON i.id = w.indicator_id WHERE ?1 IS NULL OR w.name = ?1 ORDER BY "
	         "w.name, i.code",
	         err);

	if (!s)
		return STYR_ESTORE;
	if (index)
		bind_text(s, 1, index);
	WALK_ONCE(st, s, &w, weight_from_row, cb, ctx, err);
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
    /* Reports */
    .analysis_put = sq_analysis_put,
    .analysis_each = sq_analysis_each,
    /* Goals area (issue 7). */
    .uppdrag_put = sq_uppdrag_put,
    .uppdrag_find = sq_uppdrag_find,
    .uppdrag_each = sq_uppdrag_each,
    .uppdrag_report_put = sq_uppdrag_report_put,
    .uppdrag_report_each = sq_uppdrag_report_each,
    .escalation_add = sq_escalation_add,
    .escalation_each = sq_escalation_each,
    .followup_rule_put = sq_followup_rule_put,
    .followup_rule_each = sq_followup_rule_each,
    .followup_done_put = sq_followup_done_put,
    .followup_done_find = sq_followup_done_find,
    .internal_control_put = sq_internal_control_put,
    .internal_control_each = sq_internal_control_each,
    .index_weight_put = sq_index_weight_put,
    .index_weight_each = sq_index_weight_each,
};
