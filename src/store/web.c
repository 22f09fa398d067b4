/*
 * The web front-end's tables: users, grants, sessions, API tokens, the
 * audit log and report workflow states (see migrations/0004_web.sql and
 * styr/access.h).  The data version and read transactions the web server
 * also uses differ by nature between the databases and are the drivers'
 * (sqlite.c, pg.c).  The login throttle's counters and the servers'
 * shared secrets are migration 0013's.
 */
#include <limits.h>
#include <string.h>

#include "store/driver.h"

/* Step q (bound to a key) to its one row: STYR_OK with the row (the caller
 * reads it and ends q), or STYR_ENOTFOUND saying what "key" does not
 * exist. */
static int find_one(struct query *q, const char *what, const char *key, struct styr_err *err)
{
	int got = q_step(q, err);

	if (got == 1)
		return STYR_OK;
	if (got == 0)
		return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, key);
	return -got;
}

int styr_user_put(struct styr_db *db, const struct styr_user *u, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_USER_PUT, "storing a user", err))
		return STYR_ESTORE;
	q_text(&q, u->name);
	q_text(&q, u->password);
	return q_exec(&q, NULL, err);
}

static void user_from_row(struct query *q, struct styr_user *u)
{
	memset(u, 0, sizeof(*u));
	q_col_copy(q, 0, u->name, sizeof(u->name));
	q_col_copy(q, 1, u->password, sizeof(u->password));
}

int styr_user_find(struct styr_db *db, const char *name, struct styr_user *out,
                   struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_USER_GET, "user", err))
		return STYR_ESTORE;
	q_text(&q, name);
	if ((rc = find_one(&q, "user", name, err)))
		return rc;
	user_from_row(&q, out);
	q_end(&q);
	return STYR_OK;
}

int styr_user_each(struct styr_db *db, int (*cb)(void *, const struct styr_user *), void *ctx,
                   struct styr_err *err)
{
	struct styr_user u;
	struct query q;

	if (q_start(&q, db, Q_USER_EACH, "reading users", err))
		return STYR_ESTORE;
	Q_WALK(&q, &u, user_from_row, cb, ctx, err);
}

/* Run a DELETE of one user's rows; *changed (if not NULL) tells how many
 * went. */
static int delete_of(struct styr_db *db, enum sql_id id, const char *user, const char *what,
                     long long *changed, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, id, what, err))
		return STYR_ESTORE;
	q_text(&q, user);
	return q_exec(&q, changed, err);
}

int styr_user_logout(struct styr_db *db, const char *user, struct styr_err *err)
{
	int rc = delete_of(db, Q_USER_SESSIONS_DELETE, user, "ending a user's sessions", NULL, err);

	return rc ? rc
	          : delete_of(db, Q_USER_TOKENS_DELETE, user, "revoking a user's API tokens", NULL,
	                      err);
}

int styr_user_delete(struct styr_db *db, const char *user, struct styr_err *err)
{
	long long changed = 0;
	int rc = delete_of(db, Q_USER_DELETE, user, "removing a user", &changed, err);

	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", user);
	return rc;
}

int styr_grant_put(struct styr_db *db, const struct styr_grant *g, struct styr_err *err)
{
	struct query q;
	long long unit = 0, changed = 0;
	int rc;

	if (g->unit[0] && (rc = store_org_id(db, g->unit, &unit, err)))
		return rc;
	if (q_start(&q, db, Q_GRANT_PUT, "storing a grant", err))
		return STYR_ESTORE;
	q_text(&q, g->user);
	q_key(&q, unit); /* none: the whole organisation */
	q_int(&q, (int)g->role);
	rc = q_exec(&q, &changed, err);
	if (!rc && changed == 0)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", g->user);
	return rc;
}

static void grant_from_row(struct query *q, struct styr_grant *g)
{
	memset(g, 0, sizeof(*g));
	q_col_copy(q, 0, g->user, sizeof(g->user));
	q_col_copy(q, 1, g->unit, sizeof(g->unit));
	g->role = (enum styr_access_role)q_col_int(q, 2);
}

int styr_grant_each(struct styr_db *db, const char *user,
                    int (*cb)(void *, const struct styr_grant *), void *ctx, struct styr_err *err)
{
	struct styr_grant g;
	struct query q;

	if (q_start(&q, db, Q_GRANT_EACH, "reading grants", err))
		return STYR_ESTORE;
	q_text(&q, user);
	Q_WALK(&q, &g, grant_from_row, cb, ctx, err);
}

/* unit NULL: every grant of the user; "": the grant on the whole
 * organisation. */
int styr_grant_delete(struct styr_db *db, const char *user, const char *unit, struct styr_err *err)
{
	struct query q;
	long long unit_id = 0, changed = 0;
	int rc;

	if (!unit)
		return delete_of(db, Q_GRANTS_DELETE, user, "removing grants", NULL, err);
	if (unit[0] && (rc = store_org_id(db, unit, &unit_id, err)))
		return rc;
	if (q_start(&q, db, Q_GRANT_DELETE, "removing a grant", err))
		return STYR_ESTORE;
	q_text(&q, user);
	q_int(&q, unit_id);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" has no grant on %s", user,
		                  unit[0] ? unit : "the whole organisation");
	return rc;
}

int styr_session_put(struct styr_db *db, const struct styr_session *s, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_SESSION_PUT, "storing a session", err))
		return STYR_ESTORE;
	q_text(&q, s->token_hash);
	q_text(&q, s->user);
	q_text(&q, s->csrf);
	q_int(&q, s->expires);
	return q_exec(&q, NULL, err);
}

int styr_session_find(struct styr_db *db, const char *token_hash, struct styr_session *out,
                      struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_SESSION_GET, "session", err))
		return STYR_ESTORE;
	q_text(&q, token_hash);
	if ((rc = find_one(&q, "session", "(token)", err)))
		return rc;
	memset(out, 0, sizeof(*out));
	q_col_copy(&q, 0, out->token_hash, sizeof(out->token_hash));
	q_col_copy(&q, 1, out->user, sizeof(out->user));
	q_col_copy(&q, 2, out->csrf, sizeof(out->csrf));
	out->expires = q_col_int(&q, 3);
	q_end(&q);
	return STYR_OK;
}

int styr_session_delete(struct styr_db *db, const char *token_hash, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_SESSION_DELETE, "ending a session", err))
		return STYR_ESTORE;
	q_text(&q, token_hash);
	return q_exec(&q, NULL, err);
}

int styr_session_purge(struct styr_db *db, int64_t now, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_SESSION_PURGE, "removing expired sessions", err))
		return STYR_ESTORE;
	q_int(&q, now);
	return q_exec(&q, NULL, err);
}

int styr_api_token_put(struct styr_db *db, const struct styr_api_token *t, struct styr_err *err)
{
	struct query q;
	long long changed = 0;
	int rc;

	if (q_start(&q, db, Q_API_TOKEN_PUT, "storing an API token", err))
		return STYR_ESTORE;
	q_text(&q, t->hash);
	q_text(&q, t->user);
	q_text(&q, t->created);
	q_text(&q, t->expires);
	rc = q_exec(&q, &changed, err);
	if (!rc && changed == 0)
		return styr_error(err, STYR_ENOTFOUND, "user \"%s\" does not exist", t->user);
	return rc;
}

static void token_from_row(struct query *q, struct styr_api_token *t)
{
	q_col_copy(q, 0, t->hash, sizeof(t->hash));
	q_col_copy(q, 1, t->user, sizeof(t->user));
	q_col_copy(q, 2, t->created, sizeof(t->created));
	q_col_copy(q, 3, t->expires, sizeof(t->expires));
}

int styr_api_token_find(struct styr_db *db, const char *token_hash, struct styr_api_token *out,
                        struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_API_TOKEN_GET, "API token", err))
		return STYR_ESTORE;
	q_text(&q, token_hash);
	if ((rc = find_one(&q, "API token", "(token)", err)))
		return rc;
	token_from_row(&q, out);
	q_end(&q);
	return STYR_OK;
}

int styr_api_token_each(struct styr_db *db, const char *user,
                        int (*cb)(void *, const struct styr_api_token *), void *ctx,
                        struct styr_err *err)
{
	struct styr_api_token t;
	struct query q;

	if (q_start(&q, db, Q_API_TOKEN_EACH, "reading API tokens", err))
		return STYR_ESTORE;
	q_text(&q, user);
	Q_WALK(&q, &t, token_from_row, cb, ctx, err);
}

int styr_api_token_delete(struct styr_db *db, const char *token_hash, struct styr_err *err)
{
	struct query q;
	long long changed = 0;
	int rc;

	if (q_start(&q, db, Q_API_TOKEN_DELETE, "revoking an API token", err))
		return STYR_ESTORE;
	q_text(&q, token_hash);
	rc = q_exec(&q, &changed, err);
	if (!rc && changed == 0)
		return styr_error(err, STYR_ENOTFOUND, "API token \"(token)\" does not exist");
	return rc;
}

int styr_audit_put(struct styr_db *db, const struct styr_audit_entry *a, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_AUDIT_PUT, "appending to the audit log", err))
		return STYR_ESTORE;
	q_text(&q, a->time);
	q_text(&q, a->user);
	q_text(&q, a->action);
	q_text(&q, a->entity);
	q_text(&q, a->before);
	q_text(&q, a->after);
	q_text(&q, a->prev_hash);
	q_text(&q, a->hash);
	q_text(&q, a->source);
	return q_exec(&q, NULL, err);
}

static void audit_from_row(struct query *q, struct styr_audit_entry *a)
{
	memset(a, 0, sizeof(*a));
	a->id = q_col_int(q, 0);
	q_col_copy(q, 1, a->time, sizeof(a->time));
	q_col_copy(q, 2, a->user, sizeof(a->user));
	q_col_copy(q, 3, a->action, sizeof(a->action));
	q_col_copy(q, 4, a->entity, sizeof(a->entity));
	q_col_copy(q, 5, a->before, sizeof(a->before));
	q_col_copy(q, 6, a->after, sizeof(a->after));
	q_col_copy(q, 7, a->prev_hash, sizeof(a->prev_hash));
	q_col_copy(q, 8, a->hash, sizeof(a->hash));
	q_col_copy(q, 9, a->source, sizeof(a->source));
}

/* The entry the next one chains to.  AUDIT_LOCK first: see catalogue.def
 * (PostgreSQL's writers wait there for each other; SQLite's are
 * serialised already). */
int styr_audit_last(struct styr_db *db, struct styr_audit_entry *out, struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_AUDIT_LOCK, "ordering the audit log", err))
		return STYR_ESTORE;
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	q_end(&q);
	if (q_start(&q, db, Q_AUDIT_LAST, "audit entry", err))
		return STYR_ESTORE;
	if ((rc = find_one(&q, "audit entry", "last", err)))
		return rc;
	audit_from_row(&q, out);
	q_end(&q);
	return STYR_OK;
}

/* limit 0 or less: every entry. */
int styr_audit_each(struct styr_db *db, int newest_first, int limit,
                    int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
                    struct styr_err *err)
{
	struct styr_audit_entry a;
	struct query q;

	if (q_start(&q, db, newest_first ? Q_AUDIT_EACH_NEWEST : Q_AUDIT_EACH,
	            "reading the audit log", err))
		return STYR_ESTORE;
	/* The dialects share no "no limit" (SQLite's -1, PostgreSQL's NULL):
	 * the largest count is one. */
	q_int(&q, limit > 0 ? limit : LLONG_MAX);
	Q_WALK(&q, &a, audit_from_row, cb, ctx, err);
}

int styr_report_state_put(struct styr_db *db, const struct styr_report_state *r,
                          struct styr_err *err)
{
	struct query q;
	long long unit;
	int rc = store_org_id(db, r->unit, &unit, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_REPORT_STATE_PUT, "storing a report state", err))
		return STYR_ESTORE;
	q_int(&q, unit);
	q_int(&q, r->period.year);
	q_int(&q, r->period.first_month);
	q_int(&q, r->period.last_month);
	q_int(&q, (int)r->state);
	q_text(&q, r->comment);
	q_text(&q, r->by);
	q_text(&q, r->time);
	q_text(&q, r->diarienummer);
	q_text(&q, r->decided);
	db->gate.locks_read = false; /* the gate reads the approvals again */
	return q_exec(&q, NULL, err);
}

int styr_report_state_find(struct styr_db *db, const char *unit, const struct styr_period *p,
                           struct styr_report_state *out, struct styr_err *err)
{
	struct query q;
	long long id;
	int rc = store_org_id(db, unit, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_REPORT_STATE_GET, "report of unit", err))
		return STYR_ESTORE;
	q_int(&q, id);
	q_int(&q, p->year);
	q_int(&q, p->first_month);
	q_int(&q, p->last_month);
	if ((rc = find_one(&q, "report of unit", unit, err)))
		return rc;
	memset(out, 0, sizeof(*out));
	q_col_copy(&q, 0, out->unit, sizeof(out->unit));
	out->period = *p;
	out->state = (enum styr_report_state_kind)q_col_int(&q, 1);
	q_col_copy(&q, 2, out->comment, sizeof(out->comment));
	q_col_copy(&q, 3, out->by, sizeof(out->by));
	q_col_copy(&q, 4, out->time, sizeof(out->time));
	q_col_copy(&q, 5, out->diarienummer, sizeof(out->diarienummer));
	q_col_copy(&q, 6, out->decided, sizeof(out->decided));
	q_end(&q);
	return STYR_OK;
}

int styr_throttle_charge(struct styr_db *db, const char *address, const char *name, int64_t now,
                         int64_t window, int64_t *since, int *n, struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_THROTTLE_CHARGE, "counting a login attempt", err))
		return STYR_ESTORE;
	q_text(&q, address);
	q_text(&q, name);
	q_int(&q, now);
	q_int(&q, window);
	if ((rc = find_one(&q, "login counter", address, err)))
		return rc;
	*since = q_col_int(&q, 0);
	*n = (int)q_col_int(&q, 1);
	q_end(&q);
	return STYR_OK;
}

int styr_throttle_get(struct styr_db *db, const char *address, const char *name, int64_t *since,
                      int *n, struct styr_err *err)
{
	struct query q;
	int got;

	*since = 0;
	*n = 0;
	if (q_start(&q, db, Q_THROTTLE_GET, "reading a login counter", err))
		return STYR_ESTORE;
	q_text(&q, address);
	q_text(&q, name);
	got = q_step(&q, err);
	if (got < 0)
		return -got;
	if (got == 1) {
		*since = q_col_int(&q, 0);
		*n = (int)q_col_int(&q, 1);
		q_end(&q);
	}
	return STYR_OK;
}

int styr_throttle_refund(struct styr_db *db, const char *address, const char *name, int64_t since,
                         struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_THROTTLE_REFUND, "giving back a login attempt", err))
		return STYR_ESTORE;
	q_text(&q, address);
	q_text(&q, name);
	q_int(&q, since);
	return q_exec(&q, NULL, err);
}

int styr_throttle_clear(struct styr_db *db, const char *address, const char *name,
                        struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_THROTTLE_CLEAR, "clearing a login counter", err))
		return STYR_ESTORE;
	q_text(&q, address);
	q_text(&q, name);
	return q_exec(&q, NULL, err);
}

int styr_throttle_purge(struct styr_db *db, int64_t before, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_THROTTLE_PURGE, "removing old login counters", err))
		return STYR_ESTORE;
	q_int(&q, before);
	return q_exec(&q, NULL, err);
}

int styr_throttle_locks(struct styr_db *db, const char *name, int64_t after, int min, int *count,
                        struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_THROTTLE_LOCKS, "reading login lock-outs", err))
		return STYR_ESTORE;
	q_text(&q, name);
	q_int(&q, after);
	q_int(&q, min);
	if ((rc = find_one(&q, "count", name, err)))
		return rc;
	*count = (int)q_col_int(&q, 0);
	q_end(&q);
	return STYR_OK;
}

int styr_web_secret(struct styr_db *db, const char *name, const char *fresh, char *out, size_t size,
                    struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_SECRET_ADD, "storing a secret", err))
		return STYR_ESTORE;
	q_text(&q, name);
	q_text(&q, fresh);
	if ((rc = q_exec(&q, NULL, err)))
		return rc;
	if (q_start(&q, db, Q_SECRET_GET, "secret", err))
		return STYR_ESTORE;
	q_text(&q, name);
	if ((rc = find_one(&q, "secret", name, err)))
		return rc;
	q_col_copy(&q, 0, out, size);
	q_end(&q);
	return STYR_OK;
}

/* History (issue 14 item 3): the entries of one thing, oldest first, by
 * the audit_entity index (migration 0017). */
int styr_audit_entity_each(struct styr_db *db, const char *entity,
                           int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
                           struct styr_err *err)
{
	struct styr_audit_entry a;
	struct query q;
	char end[sizeof(a.entity) + 2];
	size_t n = strlen(entity);

	if (n >= sizeof(a.entity))
		return styr_error(err, STYR_EINPUT, "history: the key is too long");
	/* see AUDIT_ENTITY_EACH: the entity and those beginning with it and
	 * a space */
	memcpy(end, entity, n);
	memcpy(end + n, "!", 2);
	if (q_start(&q, db, Q_AUDIT_ENTITY_EACH, "reading the history", err))
		return STYR_ESTORE;
	q_text(&q, entity);
	q_text(&q, end);
	Q_WALK(&q, &a, audit_from_row, cb, ctx, err);
}

int styr_audit_page(struct styr_db *db, int64_t below, int limit,
                    int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
                    struct styr_err *err)
{
	struct styr_audit_entry a;
	struct query q;

	if (q_start(&q, db, Q_AUDIT_PAGE, "reading the audit log", err))
		return STYR_ESTORE;
	q_int(&q, below > 0 ? below : LLONG_MAX);
	q_int(&q, limit > 0 ? limit : LLONG_MAX);
	Q_WALK(&q, &a, audit_from_row, cb, ctx, err);
}

int styr_audit_count_since(struct styr_db *db, const char *entity, const char *action,
                           const char *since, int *count, struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_AUDIT_SINCE, "reading the audit log", err))
		return STYR_ESTORE;
	q_text(&q, entity);
	q_text(&q, action);
	q_text(&q, since);
	if ((rc = find_one(&q, "count", entity, err)))
		return rc;
	*count = (int)q_col_int(&q, 0);
	q_end(&q);
	return STYR_OK;
}
