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

/* economy */
FORWARD(ledger_row_put,
        (struct styr_db * db, const struct styr_ledger_row *r, struct styr_err *err),
        (db->st, r, err))
FORWARD(ledger_row_find,
        (struct styr_db * db, const char *code, struct styr_ledger_row *out, struct styr_err *err),
        (db->st, code, out, err))
FORWARD(ledger_row_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_ledger_row *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(ledger_put, (struct styr_db * db, const struct styr_ledger_entry *e, struct styr_err *err),
        (db->st, e, err))
FORWARD(ledger_each,
        (struct styr_db * db, const struct styr_ledger_filter *f,
         int (*cb)(void *, const struct styr_ledger_entry *), void *ctx, struct styr_err *err),
        (db->st, f, cb, ctx, err))
FORWARD(rule_put, (struct styr_db * db, const struct styr_rule *r, struct styr_err *err),
        (db->st, r, err))
FORWARD(rule_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_rule *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(account_map_find,
        (struct styr_db * db, int account, char *row, size_t n, struct styr_err *err),
        (db->st, account, row, n, err))
FORWARD(account_map_put,
        (struct styr_db * db, int first, int last, const char *row, struct styr_err *err),
        (db->st, first, last, row, err))
FORWARD(bridge_put, (struct styr_db * db, const struct styr_bridge_line *b, struct styr_err *err),
        (db->st, b, err))
FORWARD(bridge_each,
        (struct styr_db * db, int year, int (*cb)(void *, const struct styr_bridge_line *),
         void *ctx, struct styr_err *err),
        (db->st, year, cb, ctx, err))
FORWARD(action_put, (struct styr_db * db, const struct styr_action *a, struct styr_err *err),
        (db->st, a, err))
FORWARD(action_each,
        (struct styr_db * db, const char *plan, int (*cb)(void *, const struct styr_action *),
         void *ctx, struct styr_err *err),
        (db->st, plan, cb, ctx, err))
FORWARD(account_map_clear, (struct styr_db * db, struct styr_err *err), (db->st, err))
FORWARD(account_name_put,
        (struct styr_db * db, const char *unit, int account, const char *name,
         struct styr_err *err),
        (db->st, unit, account, name, err))
FORWARD(account_balance_put,
        (struct styr_db * db, const struct styr_account_balance *b, struct styr_err *err),
        (db->st, b, err))
FORWARD(account_balance_each,
        (struct styr_db * db, const char *unit,
         int (*cb)(void *, const struct styr_account_balance *), void *ctx, struct styr_err *err),
        (db->st, unit, cb, ctx, err))
