/*
 * The public database functions: pick a backend by the location string and
 * forward every call to its operation table.  Nothing here knows SQL.
 *
 * A location is PostgreSQL when it is a libpq URL ("postgresql://...",
 * "postgres://...") or a libpq conninfo string that starts with "host=" or
 * "dbname="; anything else is the path of a SQLite file.  Branches add
 * store operations faster than every backend implements them, so a NULL
 * operation is an error naming it rather than a crash.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static const struct store_ops *backend_of(const char *location)
{
	static const char *const pg_prefixes[] = {"postgresql://", "postgres://",
	                                          "host=", "dbname="};
	size_t i;

	for (i = 0; i < sizeof(pg_prefixes) / sizeof(pg_prefixes[0]); i++)
		if (!strncmp(location, pg_prefixes[i], strlen(pg_prefixes[i])))
			return &store_pg_ops;
	return &store_sqlite_ops;
}

static int unsupported(const struct styr_db *db, const char *op, struct styr_err *err)
{
	return styr_error(err, STYR_ESTORE, "the %s backend does not support %s yet", db->ops->name,
	                  op);
}

int styr_db_open(const char *location, int flags, struct styr_db **out, struct styr_err *err)
{
	const struct store_ops *ops = backend_of(location);
	struct styr_db *db;
	int rc;

	*out = NULL;
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

#define FORWARD(op, params, args)                                                                  \
	int styr_##op params                                                                       \
	{                                                                                          \
		if (!db->ops->op)                                                                  \
			return unsupported(db, #op, err);                                          \
		return db->ops->op args;                                                           \
	}

int styr_db_begin(struct styr_db *db, struct styr_err *err)
{
	if (!db->ops->begin)
		return unsupported(db, "begin", err);
	return db->ops->begin(db->st, err);
}

int styr_db_commit(struct styr_db *db, struct styr_err *err)
{
	if (db->rehearse) {
		styr_db_rollback(db);
		return STYR_OK;
	}
	if (!db->ops->commit)
		return unsupported(db, "commit", err);
	return db->ops->commit(db->st, err);
}

void styr_db_rehearse(struct styr_db *db, bool on)
{
	db->rehearse = on;
}

void styr_db_rollback(struct styr_db *db)
{
	if (db->ops->rollback)
		db->ops->rollback(db->st);
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

/* Reports: analysis texts. */
FORWARD(analysis_put, (struct styr_db * db, const struct styr_analysis *a, struct styr_err *err),
        (db->st, a, err))
FORWARD(analysis_each,
        (struct styr_db * db, const struct styr_analysis_filter *f,
         int (*cb)(void *, const struct styr_analysis *), void *ctx, struct styr_err *err),
        (db->st, f, cb, ctx, err))
/* Goals area (issue 7). */
FORWARD(uppdrag_put, (struct styr_db * db, const struct styr_uppdrag *u, struct styr_err *err),
        (db->st, u, err))
FORWARD(uppdrag_find,
        (struct styr_db * db, const char *goal, struct styr_uppdrag *out, struct styr_err *err),
        (db->st, goal, out, err))
FORWARD(uppdrag_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_uppdrag *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(uppdrag_report_put,
        (struct styr_db * db, const struct styr_uppdrag_report *r, struct styr_err *err),
        (db->st, r, err))
FORWARD(uppdrag_report_each,
        (struct styr_db * db, const char *goal,
         int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx, struct styr_err *err),
        (db->st, goal, cb, ctx, err))
FORWARD(escalation_each,
        (struct styr_db * db, const char *goal,
         int (*cb)(void *, const struct styr_escalation_step *), void *ctx, struct styr_err *err),
        (db->st, goal, cb, ctx, err))
FORWARD(followup_rule_put,
        (struct styr_db * db, const struct styr_followup_rule *r, struct styr_err *err),
        (db->st, r, err))
FORWARD(followup_rule_each,
        (struct styr_db * db, int year, int (*cb)(void *, const struct styr_followup_rule *),
         void *ctx, struct styr_err *err),
        (db->st, year, cb, ctx, err))
FORWARD(followup_done_put,
        (struct styr_db * db, const struct styr_followup_done *d, struct styr_err *err),
        (db->st, d, err))
FORWARD(followup_done_find,
        (struct styr_db * db, const char *unit, enum styr_report_kind kind,
         const struct styr_period *period, struct styr_followup_done *out, struct styr_err *err),
        (db->st, unit, kind, period, out, err))

/* Not a plain forward: the step is checked against Tabell 3 first (see
 * calc/followup.c), so this is the store's half only. */
int store_escalation_add(struct styr_db *db, const struct styr_escalation_step *s,
                         struct styr_err *err)
{
	if (!db->ops->escalation_add)
		return unsupported(db, "escalation_add", err);
	return db->ops->escalation_add(db->st, s, err);
}

int store_internal_control_put(struct styr_db *db, const struct styr_internal_control *c,
                               struct styr_err *err)
{
	if (!db->ops->internal_control_put)
		return unsupported(db, "internal_control_put", err);
	return db->ops->internal_control_put(db->st, c, err);
}

FORWARD(internal_control_each,
        (struct styr_db * db, const char *unit, int year,
         int (*cb)(void *, const struct styr_internal_control *), void *ctx, struct styr_err *err),
        (db->st, unit, year, cb, ctx, err))
FORWARD(index_weight_put,
        (struct styr_db * db, const struct styr_index_weight *w, struct styr_err *err),
        (db->st, w, err))
FORWARD(index_weight_each,
        (struct styr_db * db, const char *index,
         int (*cb)(void *, const struct styr_index_weight *), void *ctx, struct styr_err *err),
        (db->st, index, cb, ctx, err))
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

/* Nothing to report: a backend without read transactions began none. */
void styr_db_read_end(struct styr_db *db)
{
	if (db->ops->db_read_end)
		db->ops->db_read_end(db->st);
}
FORWARD(session_purge, (struct styr_db * db, int64_t now, struct styr_err *err), (db->st, now, err))
FORWARD(user_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_user *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(user_logout, (struct styr_db * db, const char *user, struct styr_err *err),
        (db->st, user, err))
FORWARD(grant_delete,
        (struct styr_db * db, const char *user, const char *unit, struct styr_err *err),
        (db->st, user, unit, err))
FORWARD(user_delete, (struct styr_db * db, const char *user, struct styr_err *err),
        (db->st, user, err))
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
FORWARD(budget_profile_put,
        (struct styr_db * db, const struct styr_budget_profile *p, struct styr_err *err),
        (db->st, p, err))
FORWARD(budget_profile_each,
        (struct styr_db * db, const char *unit,
         int (*cb)(void *, const struct styr_budget_profile *), void *ctx, struct styr_err *err),
        (db->st, unit, cb, ctx, err))
/* open data */
FORWARD(open_indicator_put,
        (struct styr_db * db, const struct styr_open_indicator *o, struct styr_err *err),
        (db->st, o, err))
FORWARD(open_indicator_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_open_indicator *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(open_unit_put, (struct styr_db * db, const struct styr_open_unit *u, struct styr_err *err),
        (db->st, u, err))
FORWARD(open_unit_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_open_unit *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(open_value_each,
        (struct styr_db * db, const char *today, int (*cb)(void *, const struct styr_open_value *),
         void *ctx, struct styr_err *err),
        (db->st, today, cb, ctx, err))
FORWARD(gender_value_put,
        (struct styr_db * db, const struct styr_gender_value *v, struct styr_err *err),
        (db->st, v, err))
FORWARD(gender_value_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_gender_value *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(open_withdrawn_put,
        (struct styr_db * db, const struct styr_open_value *v, struct styr_err *err),
        (db->st, v, err))
FORWARD(open_withdrawn_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_open_value *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(event_file_put,
        (struct styr_db * db, const struct styr_event_file *f, struct styr_err *err),
        (db->st, f, err))
FORWARD(event_file_each,
        (struct styr_db * db, int (*cb)(void *, const struct styr_event_file *), void *ctx,
         struct styr_err *err),
        (db->st, cb, ctx, err))
FORWARD(event_run_put, (struct styr_db * db, const struct styr_event_run *r, struct styr_err *err),
        (db->st, r, err))
FORWARD(frozen_clear,
        (struct styr_db * db, const char *unit, const char *period, struct styr_err *err),
        (db->st, unit, period, err))
FORWARD(frozen_report_put,
        (struct styr_db * db, const struct styr_frozen_report *f, const void *content, size_t len,
         struct styr_err *err),
        (db->st, f, content, len, err))
FORWARD(frozen_report_find,
        (struct styr_db * db, const char *unit, const char *period, const char *type,
         const char *format, struct styr_frozen_report *out, struct styr_buf *content,
         struct styr_err *err),
        (db->st, unit, period, type, format, out, content, err))
FORWARD(frozen_line_put,
        (struct styr_db * db, const struct styr_frozen_line *l, struct styr_err *err),
        (db->st, l, err))
FORWARD(frozen_line_each,
        (struct styr_db * db, const char *unit, const char *period,
         int (*cb)(void *, const struct styr_frozen_line *), void *ctx, struct styr_err *err),
        (db->st, unit, period, cb, ctx, err))
