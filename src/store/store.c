/*
 * The public database functions: pick a backend by the location string and
 * forward every call to its operation table.  Nothing here knows SQL.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int styr_db_open(const char *location, int flags, struct styr_db **out, struct styr_err *err)
{
	const struct store_ops *ops = &store_sqlite_ops;
	struct styr_db *db;
	int rc;

	*out = NULL;
	if (!strncmp(location, "postgresql:", 11) || !strncmp(location, "postgres:", 9))
		return styr_error(err, STYR_EUSAGE,
		                  "%s: the PostgreSQL backend is not built yet; use a file path",
		                  location);
	db = calloc(1, sizeof(*db));
	if (!db)
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	db->ops = ops;
	rc = ops->open(location, flags, &db->st, err);
	if (rc) {
		free(db);
		return rc;
	}
	*out = db;
	return STYR_OK;
}

void styr_db_close(struct styr_db *db)
{
	if (!db)
		return;
	db->ops->close(db->st);
	free(db);
}

int styr_db_begin(struct styr_db *db, struct styr_err *err)
{
	return db->ops->begin(db->st, err);
}

int styr_db_commit(struct styr_db *db, struct styr_err *err)
{
	return db->ops->commit(db->st, err);
}

void styr_db_rollback(struct styr_db *db)
{
	db->ops->rollback(db->st);
}

#define FORWARD(name, params, args)                                                                \
	int styr_##name params                                                                     \
	{                                                                                          \
		return db->ops->name args;                                                         \
	}

FORWARD(org_put, (struct styr_db * db, const struct styr_org_unit *u, struct styr_err *err),
        (db->st, u, err))
FORWARD(org_alias_put,
        (struct styr_db * db, const char *alias, const char *unit, struct styr_err *err),
        (db->st, alias, unit, err))
FORWARD(org_find,
        (struct styr_db * db, const char *code, struct styr_org_unit *out, struct styr_err *err),
        (db->st, code, out, err))
FORWARD(org_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_org_unit *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(org_alias_each,
        (struct styr_db * db, int (*cb)(void *, const char *, const char *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(goal_put, (struct styr_db * db, const struct styr_goal *g, struct styr_err *err),
        (db->st, g, err))
FORWARD(goal_find,
        (struct styr_db * db, const char *code, struct styr_goal *out, struct styr_err *err),
        (db->st, code, out, err))
FORWARD(goal_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_goal *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(goal_owner_put,
        (struct styr_db * db, const struct styr_goal_owner *o, struct styr_err *err),
        (db->st, o, err))
FORWARD(goal_owner_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_goal_owner *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(indicator_put,
        (struct styr_db * db, const struct styr_indicator *ind, struct styr_err *err),
        (db->st, ind, err))
FORWARD(indicator_find,
        (struct styr_db * db, const char *code, struct styr_indicator *out, struct styr_err *err),
        (db->st, code, out, err))
FORWARD(indicator_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_indicator *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(goal_indicator_put,
        (struct styr_db * db, const char *goal, const char *indicator, struct styr_err *err),
        (db->st, goal, indicator, err))
FORWARD(goal_indicator_each,
        (struct styr_db * db, int (*cb)(void *, const char *, const char *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(target_put,
        (struct styr_db * db, const struct styr_indicator_target *t, struct styr_err *err),
        (db->st, t, err))
FORWARD(target_find,
        (struct styr_db * db, const char *indicator, const char *unit, int year,
         struct styr_indicator_target *out, struct styr_err *err),
        (db->st, indicator, unit, year, out, err))
FORWARD(target_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_indicator_target *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(value_put, (struct styr_db * db, const struct styr_value *v, struct styr_err *err),
        (db->st, v, err))
FORWARD(value_find,
        (struct styr_db * db, const char *indicator, const char *unit,
         const struct styr_period *period, struct styr_value *out, struct styr_err *err),
        (db->st, indicator, unit, period, out, err))
FORWARD(value_each,
        (struct styr_db * db, const struct styr_value_filter *f,
         int (*cb)(void *, const struct styr_value *), void *ctx, struct styr_err *err),
        (db->st, f, cb, ctx, err))

/* web (issue 6): users, grants, sessions, API tokens, audit, report workflow */
FORWARD(user_put, (struct styr_db * db, const struct styr_user *u, struct styr_err *err),
        (db->st, u, err))
FORWARD(user_find,
        (struct styr_db * db, const char *name, struct styr_user *out, struct styr_err *err),
        (db->st, name, out, err))
FORWARD(grant_put, (struct styr_db * db, const struct styr_grant *g, struct styr_err *err),
        (db->st, g, err))
FORWARD(grant_each,
        (struct styr_db * db, const char *user, int (*cb)(void *, const struct styr_grant *),
         void *ctx, struct styr_err *err),
        (db->st, user, cb, ctx, err))
FORWARD(session_put, (struct styr_db * db, const struct styr_session *s, struct styr_err *err),
        (db->st, s, err))
FORWARD(session_find,
        (struct styr_db * db, const char *token_hash, struct styr_session *out,
         struct styr_err *err),
        (db->st, token_hash, out, err))
FORWARD(session_delete, (struct styr_db * db, const char *token_hash, struct styr_err *err),
        (db->st, token_hash, err))
FORWARD(api_token_put,
        (struct styr_db * db, const char *token_hash, const char *user, const char *created,
         struct styr_err *err),
        (db->st, token_hash, user, created, err))
FORWARD(api_token_find,
        (struct styr_db * db, const char *token_hash, char *user, size_t size,
         struct styr_err *err),
        (db->st, token_hash, user, size, err))
FORWARD(audit_put, (struct styr_db * db, const struct styr_audit_entry *a, struct styr_err *err),
        (db->st, a, err))
FORWARD(audit_last, (struct styr_db * db, struct styr_audit_entry *out, struct styr_err *err),
        (db->st, out, err))
FORWARD(audit_each,
        (struct styr_db * db, int newest_first, int limit,
         int (*cb)(void *, const struct styr_audit_entry *), void *ctx, struct styr_err *err),
        (db->st, newest_first, limit, cb, ctx, err))
FORWARD(report_state_put,
        (struct styr_db * db, const struct styr_report_state *r, struct styr_err *err),
        (db->st, r, err))
FORWARD(report_state_find,
        (struct styr_db * db, const char *unit, const struct styr_period *p,
         struct styr_report_state *out, struct styr_err *err),
        (db->st, unit, p, out, err))
FORWARD(db_data_version, (struct styr_db * db, long long *out, struct styr_err *err),
        (db->st, out, err))
FORWARD(db_read_begin, (struct styr_db * db, struct styr_err *err), (db->st, err))

void styr_db_read_end(struct styr_db *db)
{
	db->ops->db_read_end(db->st);
}
FORWARD(session_purge, (struct styr_db * db, int64_t now, struct styr_err *err), (db->st, now, err))
