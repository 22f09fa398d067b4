/*
 * The organisation: units with their parent and validity, and the aliases
 * (old names, other systems' codes) that find a unit too.
 */
#include <string.h>

#include "store/driver.h"
#include "styr/buf.h"

int styr_org_put(struct styr_db *db, const struct styr_org_unit *u, struct styr_err *err)
{
	struct query q;
	long long parent = 0;
	int rc = u->parent[0] ? store_org_id(db, u->parent, &parent, err) : STYR_OK;

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ORG_PUT, "storing an org unit", err))
		return STYR_ESTORE;
	q_text(&q, u->code);
	q_text(&q, u->name);
	q_text(&q, styr_org_kind_name(u->kind));
	q_key(&q, parent);
	q_text_or_null(&q, u->valid_from);
	q_text_or_null(&q, u->valid_to);
	return q_exec(&q, NULL, err);
}

int styr_org_alias_put(struct styr_db *db, const char *alias, const char *unit,
                       struct styr_err *err)
{
	struct query q;
	long long id;
	int rc = store_org_id(db, unit, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ORG_ALIAS_PUT, "storing an alias", err))
		return STYR_ESTORE;
	q_text(&q, alias);
	q_int(&q, id);
	return q_exec(&q, NULL, err);
}

static void org_from_row(struct query *q, struct styr_org_unit *u)
{
	memset(u, 0, sizeof(*u));
	q_col_copy(q, 0, u->code, sizeof(u->code));
	q_col_copy(q, 1, u->name, sizeof(u->name));
	styr_org_kind_parse(q_col_text(q, 2), &u->kind, NULL);
	q_col_copy(q, 3, u->parent, sizeof(u->parent));
	q_col_copy(q, 4, u->valid_from, sizeof(u->valid_from));
	q_col_copy(q, 5, u->valid_to, sizeof(u->valid_to));
}

int styr_org_find(struct styr_db *db, const char *code, struct styr_org_unit *out,
                  struct styr_err *err)
{
	struct query q;
	long long id;
	int rc = store_org_id(db, code, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ORG_GET, "reading a row", err))
		return STYR_ESTORE;
	q_int(&q, id);
	Q_FIND(&q, out, org_from_row, err);
}

static int org_walk(struct styr_db *db, int (*cb)(void *, const struct styr_org_unit *), void *ctx,
                    struct styr_err *err)
{
	struct styr_org_unit u;
	struct query q;

	if (q_start(&q, db, Q_ORG_EACH, "reading rows", err))
		return STYR_ESTORE;
	Q_WALK(&q, &u, org_from_row, cb, ctx, err);
}

static int org_copy_add(void *ctx, const struct styr_org_unit *u)
{
	struct store_org_copy *c = ctx;

	if (styr_array_grow((void **)&c->u, &c->cap, c->n, sizeof(*c->u), NULL))
		return STYR_ENOMEM;
	c->u[c->n++] = *u;
	return 0;
}

/* In a read (a web page: its tree, its roll-ups, each walk the whole org)
 * the units are read once per data version and kept with the handle,
 * which one thread uses at a time.  Outside a read SQLite's version is
 * only as fresh as the connection's last transaction, and a write's own
 * changes need not count in it: those walks read the table. */
int styr_org_each(struct styr_db *db, int (*cb)(void *, const struct styr_org_unit *), void *ctx,
                  struct styr_err *err)
{
	struct store_org_copy *c = &db->org_copy;
	long long version;
	size_t i;
	int rc;

	if (!db->reading)
		return org_walk(db, cb, ctx, err);
	if ((rc = styr_db_data_version(db, &version, err)))
		return rc;
	if (!c->valid || c->version != version) {
		c->valid = false;
		c->n = 0;
		if ((rc = org_walk(db, org_copy_add, c, err)))
			return rc == STYR_ENOMEM ? styr_error(err, rc, "out of memory") : rc;
		c->version = version;
		c->valid = true;
	}
	for (i = 0; i < c->n; i++)
		if ((rc = cb(ctx, &c->u[i])))
			return rc;
	return STYR_OK;
}

int store_walk_pairs(struct styr_db *db, enum sql_id id,
                     int (*cb)(void *, const char *, const char *), void *ctx, struct styr_err *err)
{
	struct query q;
	int more;

	if (q_start(&q, db, id, "reading rows", err))
		return STYR_ESTORE;
	while ((more = q_step(&q, err)) == 1) {
		int stop = cb(ctx, q_col_text(&q, 0), q_col_text(&q, 1));

		if (stop) {
			q_end(&q);
			return stop;
		}
	}
	return -more;
}

int styr_org_alias_each(struct styr_db *db, int (*cb)(void *, const char *, const char *),
                        void *ctx, struct styr_err *err)
{
	return store_walk_pairs(db, Q_ORG_ALIAS_EACH, cb, ctx, err);
}

/* ORG_REFS's kinds, in its order.  The deletions run in an order the
 * foreign keys allow, each kind's name at the same place of org_what + 1
 * (the units below are deleted one by one before, by the caller), the
 * unit itself last, named by the closing NULL. */
static const char *const org_what[] = {"units below it",
                                       "values",
                                       "gender values",
                                       "targets",
                                       "analyses",
                                       "actions",
                                       "ledger amounts",
                                       "budget profiles",
                                       "account balances",
                                       "accounts",
                                       "goal ownerships",
                                       "uppdrag reports",
                                       "follow-up dates",
                                       "internal control risks",
                                       "report states",
                                       "grants",
                                       "aliases",
                                       "open-data codes",
                                       "withdrawn open values",
                                       "ledger detail amounts",
                                       "ledger objects mapped to it",
                                       NULL};
static const enum sql_id org_del[] = {
    Q_ORG_DEL_VALUE,   Q_ORG_DEL_GENDER,    Q_ORG_DEL_TARGET,         Q_ORG_DEL_ANALYSIS,
    Q_ORG_DEL_ACTION,  Q_ORG_DEL_LEDGER,    Q_ORG_DEL_PROFILE,        Q_ORG_DEL_BALANCE,
    Q_ORG_DEL_ACCOUNT, Q_ORG_DEL_OWNER,     Q_ORG_DEL_UPPDRAG_REPORT, Q_ORG_DEL_DONE,
    Q_ORG_DEL_CONTROL, Q_ORG_DEL_STATE,     Q_ORG_DEL_GRANT,          Q_ORG_DEL_ALIAS,
    Q_ORG_DEL_OPEN,    Q_ORG_DEL_WITHDRAWN, Q_ORG_DEL_DETAIL,         Q_ORG_DEL_OBJECT_UNIT,
    Q_ORG_DELETE};
_Static_assert(sizeof(org_del) / sizeof(org_del[0]) == sizeof(org_what) / sizeof(org_what[0]) - 1,
               "each deletion has its name in org_what + 1");

int styr_org_refs(struct styr_db *db, const char *code, struct styr_refs *out, struct styr_err *err)
{
	long long id;
	int rc = store_org_id(db, code, &id, err);

	return rc ? rc
	          : store_refs(db, Q_ORG_REFS, id, NULL, org_what,
	                       sizeof(org_what) / sizeof(org_what[0]) - 1, out, err);
}

int styr_org_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                    struct styr_err *err)
{
	struct styr_refs refs;
	long long id;
	int rc = store_org_id(db, code, &id, err);

	if (!rc)
		rc = store_refs(db, Q_ORG_REFS, id, NULL, org_what, 1, &refs, err);
	if (!rc && refs.n)
		return styr_error(err, STYR_ECONFLICT,
		                  "unit %s: %lld units below it: delete them first", code,
		                  refs.kind[0].count);
	if (deleted)
		memset(deleted, 0, sizeof(*deleted));
	if (!rc)
		rc = store_delete_all(db, org_del, NULL, org_what + 1,
		                      sizeof(org_del) / sizeof(org_del[0]), id, NULL, deleted, err);
	/* the one-entry cache may hold the key just deleted */
	store_forget_keys(db);
	return rc;
}
