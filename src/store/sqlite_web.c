/*
 * SQLite operations for the web front-end's tables: users, grants,
 * sessions, API tokens, the audit log and report workflow states (see
 * migrations/0004_web.sql and styr/access.h).  Every request looks up its
 * session and grants, so the statements are prepared once and kept in the
 * backend's state (indexed by enum wstmt), as the core file does with its
 * own; after use a statement is reset, never finalized.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/sqlite_web.h"

static int fail(struct store *st, struct styr_err *err, const char *what)
{
	return styr_error(err, STYR_ESTORE, "%s: %s: %s", store_sqlite_path(st), what,
	                  sqlite3_errmsg(store_sqlite_db(st)));
}

enum wstmt {
	W_USER_PUT,
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
	W_READ_BEGIN,
	W_READ_END,
	W_SESSION_PURGE,
	W_USER_EACH,
	W_USER_SESSIONS_DELETE,
	W_USER_TOKENS_DELETE,
	W_GRANT_DELETE,
	W_GRANTS_DELETE,
	W_USER_DELETE,
	W_READ_SNAPSHOT,
	W_COUNT
};

_Static_assert(W_COUNT <= SQW_STMT_MAX, "SQW_STMT_MAX is too small");

static sqlite3_stmt *prep(struct store *st, enum wstmt id, const char *sql, struct styr_err *err)
{
	sqlite3_stmt **s = &store_sqlite_web_stmts(st)[id];

	if (!*s && sqlite3_prepare_v3(store_sqlite_db(st), sql, -1, SQLITE_PREPARE_PERSISTENT, s,
	                              NULL) != SQLITE_OK) {
		fail(st, err, "preparing a statement");
		*s = NULL;
		return NULL;
	}
	sqlite3_reset(*s);
	sqlite3_clear_bindings(*s);
	return *s;
}

static void text(sqlite3_stmt *s, int i, const char *t)
{
	sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
}

static void col(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static int done(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fail(st, err, what);
	return STYR_OK;
}

/* Step once: STYR_OK with a row (the caller finalizes), STYR_ENOTFOUND
 * (finalized) naming what, or a store error (finalized). */
static int one(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what,
               const char *key)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return STYR_OK;
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, key);
	return fail(st, err, what);
}

int sqw_user_put(struct store *st, const struct styr_user *u, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_USER_PUT,
	                       "INSERT INTO app_user(name, password, failed, locked_until) "
	                       "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(name) DO UPDATE SET password = "
	                       "excluded.password, failed = excluded.failed, locked_until = "
	                       "excluded.locked_until",
	                       err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, u->name);
	text(s, 2, u->password);
	sqlite3_bind_int(s, 3, u->failed);
	sqlite3_bind_int64(s, 4, u->locked_until);
	return done(st, s, err, "storing a user");
}

int sqw_user_find(struct store *st, const char *name, struct styr_user *out, struct styr_err *err)
{
	sqlite3_stmt *s =
	    prep(st, W_USER_FIND,
	         "SELECT name, password, failed, locked_until FROM app_user WHERE name = ?1", err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, name);
	rc = one(st, s, err, "user", name);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	col(s, 0, out->name, sizeof(out->name));
	col(s, 1, out->password, sizeof(out->password));
	out->failed = sqlite3_column_int(s, 2);
	out->locked_until = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	return STYR_OK;
}

int sqw_grant_put(struct store *st, const struct styr_grant *g, struct styr_err *err)
{
	sqlite3_int64 unit = 0;
	sqlite3_stmt *s;
	int rc;

	if (g->unit[0] && (rc = store_sqlite_org_id(st, g->unit, &unit, err)))
		return rc;
	s = prep(st, W_GRANT_PUT,
	         "INSERT INTO app_grant(user_id, unit_id, role) SELECT id, ?2, ?3 FROM app_user "
	         "WHERE name = ?1 ON CONFLICT(user_id, IFNULL(unit_id, 0)) DO UPDATE SET role = "
	         "excluded.role",
	         err);
	if (!s)
		return STYR_ESTORE;
	text(s, 1, g->user);
	if (unit)
		sqlite3_bind_int64(s, 2, unit);
	sqlite3_bind_int(s, 3, (int)g->role);
	rc = done(st, s, err, "storing a grant");
	if (!rc && sqlite3_changes(store_sqlite_db(st)) == 0)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", g->user);
	return rc;
}

int sqw_grant_each(struct store *st, const char *user, int (*cb)(void *, const struct styr_grant *),
                   void *ctx, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_GRANT_EACH,
	                       "SELECT a.name, IFNULL(o.code, ''), g.role FROM app_grant g JOIN "
	                       "app_user a ON a.id = g.user_id LEFT JOIN org_unit o ON o.id = "
	                       "g.unit_id WHERE a.name = ?1 ORDER BY g.rowid",
	                       err);
	struct styr_grant g;
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, user);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&g, 0, sizeof(g));
		col(s, 0, g.user, sizeof(g.user));
		col(s, 1, g.unit, sizeof(g.unit));
		g.role = (enum styr_access_role)sqlite3_column_int(s, 2);
		if ((rc = cb(ctx, &g))) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STYR_OK : fail(st, err, "reading grants");
}

int sqw_session_put(struct store *st, const struct styr_session *se, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_SESSION_PUT,
	                       "INSERT OR REPLACE INTO app_session(token_hash, user_id, csrf, "
	                       "expires) SELECT ?1, id, ?3, ?4 FROM app_user WHERE name = ?2",
	                       err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, se->token_hash);
	text(s, 2, se->user);
	text(s, 3, se->csrf);
	sqlite3_bind_int64(s, 4, se->expires);
	return done(st, s, err, "storing a session");
}

int sqw_session_find(struct store *st, const char *token_hash, struct styr_session *out,
                     struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_SESSION_FIND,
	                       "SELECT s.token_hash, a.name, s.csrf, s.expires FROM app_session s "
	                       "JOIN app_user a ON a.id = s.user_id WHERE s.token_hash = ?1",
	                       err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, token_hash);
	rc = one(st, s, err, "session", "(token)");
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	col(s, 0, out->token_hash, sizeof(out->token_hash));
	col(s, 1, out->user, sizeof(out->user));
	col(s, 2, out->csrf, sizeof(out->csrf));
	out->expires = sqlite3_column_int64(s, 3);
	sqlite3_reset(s);
	return STYR_OK;
}

int sqw_session_delete(struct store *st, const char *token_hash, struct styr_err *err)
{
	sqlite3_stmt *s =
	    prep(st, W_SESSION_DELETE, "DELETE FROM app_session WHERE token_hash = ?1", err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, token_hash);
	return done(st, s, err, "ending a session");
}

int sqw_api_token_put(struct store *st, const char *token_hash, const char *user,
                      const char *created, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_TOKEN_PUT,
	                       "INSERT INTO api_token(token_hash, user_id, created) SELECT ?1, id, "
	                       "?3 FROM app_user WHERE name = ?2",
	                       err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, token_hash);
	text(s, 2, user);
	text(s, 3, created);
	rc = done(st, s, err, "storing an API token");
	if (!rc && sqlite3_changes(store_sqlite_db(st)) == 0)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", user);
	return rc;
}

int sqw_api_token_find(struct store *st, const char *token_hash, char *user, size_t size,
                       struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_TOKEN_FIND,
	                       "SELECT a.name FROM api_token t JOIN app_user a ON a.id = t.user_id "
	                       "WHERE t.token_hash = ?1",
	                       err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, token_hash);
	rc = one(st, s, err, "API token", "(token)");
	if (rc)
		return rc;
	col(s, 0, user, size);
	sqlite3_reset(s);
	return STYR_OK;
}

int sqw_audit_put(struct store *st, const struct styr_audit_entry *a, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_AUDIT_PUT,
	                       "INSERT INTO audit(time, user, action, entity, before, after, "
	                       "prev_hash, hash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                       err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, a->time);
	text(s, 2, a->user);
	text(s, 3, a->action);
	text(s, 4, a->entity);
	text(s, 5, a->before);
	text(s, 6, a->after);
	text(s, 7, a->prev_hash);
	text(s, 8, a->hash);
	return done(st, s, err, "appending to the audit log");
}

static void audit_from_row(sqlite3_stmt *s, struct styr_audit_entry *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	col(s, 1, a->time, sizeof(a->time));
	col(s, 2, a->user, sizeof(a->user));
	col(s, 3, a->action, sizeof(a->action));
	col(s, 4, a->entity, sizeof(a->entity));
	col(s, 5, a->before, sizeof(a->before));
	col(s, 6, a->after, sizeof(a->after));
	col(s, 7, a->prev_hash, sizeof(a->prev_hash));
	col(s, 8, a->hash, sizeof(a->hash));
}

#define AUDIT_COLS                                                                                 \
	"SELECT id, time, user, action, entity, before, after, prev_hash, hash FROM audit"

int sqw_audit_last(struct store *st, struct styr_audit_entry *out, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_AUDIT_LAST, AUDIT_COLS " ORDER BY id DESC LIMIT 1", err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	rc = one(st, s, err, "audit entry", "last");
	if (rc)
		return rc;
	audit_from_row(s, out);
	sqlite3_reset(s);
	return STYR_OK;
}

int sqw_audit_each(struct store *st, int newest_first, int limit,
                   int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
                   struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, newest_first ? W_AUDIT_EACH_NEW : W_AUDIT_EACH_OLD,
	                       newest_first ? AUDIT_COLS " ORDER BY id DESC LIMIT ?1"
	                                    : AUDIT_COLS " ORDER BY id LIMIT ?1",
	                       err);
	struct styr_audit_entry a;
	int rc;

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, limit > 0 ? limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		audit_from_row(s, &a);
		if ((rc = cb(ctx, &a))) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STYR_OK : fail(st, err, "reading the audit log");
}

int sqw_report_state_put(struct store *st, const struct styr_report_state *r, struct styr_err *err)
{
	sqlite3_int64 unit;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, r->unit, &unit, err);

	if (rc)
		return rc;
	s = prep(st, W_REPORT_PUT,
	         "INSERT OR REPLACE INTO report_state(unit_id, year, first_month, last_month, "
	         "state, comment, by_user, time) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, unit);
	sqlite3_bind_int(s, 2, r->period.year);
	sqlite3_bind_int(s, 3, r->period.first_month);
	sqlite3_bind_int(s, 4, r->period.last_month);
	sqlite3_bind_int(s, 5, (int)r->state);
	text(s, 6, r->comment);
	text(s, 7, r->by);
	text(s, 8, r->time);
	return done(st, s, err, "storing a report state");
}

int sqw_report_state_find(struct store *st, const char *unit, const struct styr_period *p,
                          struct styr_report_state *out, struct styr_err *err)
{
	sqlite3_int64 id;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, unit, &id, err);

	if (rc)
		return rc;
	s = prep(st, W_REPORT_FIND,
	         "SELECT u.code, r.state, r.comment, r.by_user, r.time FROM report_state r JOIN "
	         "org_unit u ON u.id = r.unit_id WHERE r.unit_id = ?1 AND r.year = ?2 AND "
	         "r.first_month = ?3 AND r.last_month = ?4",
	         err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, p->year);
	sqlite3_bind_int(s, 3, p->first_month);
	sqlite3_bind_int(s, 4, p->last_month);
	rc = one(st, s, err, "report of unit", unit);
	if (rc)
		return rc;
	memset(out, 0, sizeof(*out));
	col(s, 0, out->unit, sizeof(out->unit));
	out->period = *p;
	out->state = (enum styr_report_state_kind)sqlite3_column_int(s, 1);
	col(s, 2, out->comment, sizeof(out->comment));
	col(s, 3, out->by, sizeof(out->by));
	col(s, 4, out->time, sizeof(out->time));
	sqlite3_reset(s);
	return STYR_OK;
}

/* The pager's data version changes with every commit, this connection's
 * and other processes' alike (seen at the next read), without a query:
 * cheap enough to check on every request. */
int sqw_data_version(struct store *st, long long *out, struct styr_err *err)
{
	unsigned int v = 0;

	if (sqlite3_file_control(store_sqlite_db(st), "main", SQLITE_FCNTL_DATA_VERSION, &v) !=
	    SQLITE_OK)
		return fail(st, err, "reading the data version");
	*out = (long long)v;
	return STYR_OK;
}

/* A read transaction around everything one web request reads: one
 * snapshot, and the file locks taken once instead of per statement. */
int sqw_read_begin(struct store *st, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_READ_BEGIN, "BEGIN DEFERRED", err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	if ((rc = done(st, s, err, "beginning a read")))
		return rc;
	/* A deferred transaction takes its snapshot at its first read, and
	 * the data version is only brought up to date by one: read now, so a
	 * request that asks for the version first (an open-data answer's
	 * ETag) sees the commits of other processes. */
	s = prep(st, W_READ_SNAPSHOT, "SELECT 1 FROM sqlite_schema LIMIT 1", err);
	if (!s)
		return STYR_ESTORE;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? STYR_OK : fail(st, err, "beginning a read");
}

void sqw_read_end(struct store *st)
{
	sqlite3_stmt *s = prep(st, W_READ_END, "COMMIT", NULL);

	if (s && sqlite3_step(s) != SQLITE_DONE)
		sqlite3_exec(store_sqlite_db(st), "ROLLBACK", NULL, NULL, NULL);
	if (s)
		sqlite3_reset(s);
}

int sqw_session_purge(struct store *st, int64_t now, struct styr_err *err)
{
	sqlite3_stmt *s =
	    prep(st, W_SESSION_PURGE, "DELETE FROM app_session WHERE expires <= ?1", err);

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, now);
	return done(st, s, err, "removing expired sessions");
}

/* ---- users (issue 14) */

int sqw_user_each(struct store *st, int (*cb)(void *, const struct styr_user *), void *ctx,
                  struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, W_USER_EACH,
	                       "SELECT name, password, failed, locked_until FROM app_user "
	                       "ORDER BY name",
	                       err);
	struct styr_user u;
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&u, 0, sizeof(u));
		col(s, 0, u.name, sizeof(u.name));
		col(s, 1, u.password, sizeof(u.password));
		u.failed = sqlite3_column_int(s, 2);
		u.locked_until = sqlite3_column_int64(s, 3);
		if ((rc = cb(ctx, &u))) {
			sqlite3_reset(s);
			return rc;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? STYR_OK : fail(st, err, "reading users");
}

/* Run a DELETE of one user's rows; *changed tells how many went. */
static int delete_of(struct store *st, enum wstmt id, const char *sql, const char *user,
                     const char *what, int *changed, struct styr_err *err)
{
	sqlite3_stmt *s = prep(st, id, sql, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, user);
	rc = done(st, s, err, what);
	if (changed)
		*changed = sqlite3_changes(store_sqlite_db(st));
	return rc;
}

int sqw_user_logout(struct store *st, const char *user, struct styr_err *err)
{
	int rc = delete_of(st, W_USER_SESSIONS_DELETE,
	                   "DELETE FROM app_session WHERE user_id = (SELECT id FROM app_user WHERE "
	                   "name = ?1)",
	                   user, "ending a user's sessions", NULL, err);

	return rc ? rc
	          : delete_of(st, W_USER_TOKENS_DELETE,
	                      "DELETE FROM api_token WHERE user_id = (SELECT id FROM app_user "
	                      "WHERE name = ?1)",
	                      user, "revoking a user's API tokens", NULL, err);
}

int sqw_grant_delete(struct store *st, const char *user, const char *unit, struct styr_err *err)
{
	sqlite3_int64 unit_id = 0;
	sqlite3_stmt *s;
	int rc, changed;

	if (!unit)
		return delete_of(st, W_GRANTS_DELETE,
		                 "DELETE FROM app_grant WHERE user_id = (SELECT id FROM app_user "
		                 "WHERE name = ?1)",
		                 user, "removing grants", NULL, err);
	if (unit[0] && (rc = store_sqlite_org_id(st, unit, &unit_id, err)))
		return rc;
	s = prep(st, W_GRANT_DELETE,
	         "DELETE FROM app_grant WHERE user_id = (SELECT id FROM app_user WHERE name = ?1) "
	         "AND IFNULL(unit_id, 0) = ?2",
	         err);
	if (!s)
		return STYR_ESTORE;
	text(s, 1, user);
	sqlite3_bind_int64(s, 2, unit_id);
	rc = done(st, s, err, "removing a grant");
	changed = sqlite3_changes(store_sqlite_db(st));
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" has no grant on %s", user,
		                  unit[0] ? unit : "the whole organisation");
	return rc;
}

int sqw_user_delete(struct store *st, const char *user, struct styr_err *err)
{
	int changed = 0;
	int rc = delete_of(st, W_USER_DELETE, "DELETE FROM app_user WHERE name = ?1", user,
	                   "removing a user", &changed, err);

	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", user);
	return rc;
}
