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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"

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
	int rc;

	if (db->rehearse) {
		styr_db_rollback(db);
		return STYR_OK;
	}
	if (!db->ops->commit)
		return unsupported(db, "commit", err);
	rc = db->ops->commit(db->st, err);
	if (rc)
		store_forget_keys(db);
	return rc;
}

void styr_db_rehearse(struct styr_db *db, bool on)
{
	db->rehearse = on;
}

void styr_db_rollback(struct styr_db *db)
{
	if (db->ops->rollback)
		db->ops->rollback(db->st);
	store_forget_keys(db);
}

int q_start(struct query *q, struct styr_db *db, enum sql_id id, const char *what,
            struct styr_err *err)
{
	q->db = db;
	q->id = id;
	q->what = what;
	q->n = 0;
	q->stmt = q->res = NULL;
	q->row = q->rows = 0;
	return db->ops->q_start(db->st, q, err);
}

void q_text(struct query *q, const char *text)
{
	q->db->ops->q_text(q, text);
}

void q_text_or_null(struct query *q, const char *text)
{
	if (text && *text)
		q->db->ops->q_text(q, text);
	else
		q->db->ops->q_null(q);
}

void q_int(struct query *q, long long x)
{
	q->db->ops->q_int(q, x);
}

void q_double(struct query *q, double x)
{
	q->db->ops->q_double(q, x);
}

void q_null(struct query *q)
{
	q->db->ops->q_null(q);
}

void q_key(struct query *q, long long key)
{
	if (key)
		q->db->ops->q_int(q, key);
	else
		q->db->ops->q_null(q);
}

int q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	return q->db->ops->q_exec(q, changes, err);
}

int q_step(struct query *q, struct styr_err *err)
{
	return q->db->ops->q_step(q, err);
}

void q_end(struct query *q)
{
	q->db->ops->q_end(q);
}

const char *q_col_text(struct query *q, int col)
{
	return q->db->ops->q_col_text(q, col);
}

long long q_col_int(struct query *q, int col)
{
	return q->db->ops->q_col_int(q, col);
}

double q_col_double(struct query *q, int col)
{
	return q->db->ops->q_col_double(q, col);
}

bool q_col_null(struct query *q, int col)
{
	return q->db->ops->q_col_null(q, col);
}

void q_col_copy(struct query *q, int col, char *dst, size_t n)
{
	snprintf(dst, n, "%s", q->db->ops->q_col_text(q, col));
}

/* Look up the key of code with statement id; what names the kind. */
static int lookup_key(struct styr_db *db, enum sql_id id, struct store_key_cache *cache,
                      const char *code, const char *what, long long *out, struct styr_err *err)
{
	struct query q;
	int rc;

	if (cache && cache->id && !strcmp(cache->code, code)) {
		*out = cache->id;
		return STYR_OK;
	}
	if (q_start(&q, db, id, "looking up a code", err))
		return STYR_ESTORE;
	q_text(&q, code);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc == 1) {
		*out = q_col_int(&q, 0);
		q_end(&q);
		if (cache) {
			snprintf(cache->code, sizeof(cache->code), "%s", code);
			cache->id = *out;
		}
		return STYR_OK;
	}
	if (id == Q_ORG_ID)
		return lookup_key(db, Q_ORG_ALIAS_ID, NULL, code, what, out, err);
	return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, code);
}

int store_org_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err)
{
	return lookup_key(db, Q_ORG_ID, &db->org, code, "org unit", out, err);
}

int store_ind_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err)
{
	return lookup_key(db, Q_IND_ID, &db->ind, code, "indicator", out, err);
}

int store_goal_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err)
{
	return lookup_key(db, Q_GOAL_ID, NULL, code, "goal", out, err);
}

void store_forget_keys(struct styr_db *db)
{
	memset(&db->org, 0, sizeof(db->org));
	memset(&db->ind, 0, sizeof(db->ind));
}

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
