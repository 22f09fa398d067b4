/*
 * The economy: the resultaträkning plan, ledger amounts, validation rules,
 * the SIE account mapping, account names and balances, the regionbidrag
 * bridge, action plans and budget profiles.
 *
 * Amounts are 64-bit integers in both databases, so tkr and öre stay exact
 * end to end.
 *
 * A ledger amount whose row is not in the plan is refused at once with a
 * message naming the row.  PostgreSQL pipelines writes, so a foreign key
 * failing would only show later: the row is looked up first, and the codes
 * found are kept in the handle (struct styr_db's rows), so a bulk import
 * costs a lookup per distinct row, not per amount.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"
#include "styr/ledger.h"

int styr_ledger_row_put(struct styr_db *db, const struct styr_ledger_row *r, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_LEDGER_ROW_PUT, "storing a ledger row", err))
		return STYR_ESTORE;
	q_text(&q, r->code);
	q_text(&q, r->label);
	q_text_or_null(&q, r->parent);
	q_int(&q, r->position);
	q_text(&q, r->sign);
	return q_exec(&q, NULL, err);
}

static void row_from_row(struct query *q, struct styr_ledger_row *r)
{
	q_col_copy(q, 0, r->code, sizeof(r->code));
	q_col_copy(q, 1, r->label, sizeof(r->label));
	q_col_copy(q, 2, r->parent, sizeof(r->parent));
	r->position = (int)q_col_int(q, 3);
	q_col_copy(q, 4, r->sign, sizeof(r->sign));
}

int styr_ledger_row_find(struct styr_db *db, const char *code, struct styr_ledger_row *out,
                         struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_LEDGER_ROW_FIND, "finding a ledger row", err))
		return STYR_ESTORE;
	q_text(&q, code);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc == 1) {
		row_from_row(&q, out);
		q_end(&q);
		return STYR_OK;
	}
	return styr_error(err, STYR_ENOTFOUND,
	                  "row \"%s\" is not in the resultaträkning plan: expected a row code "
	                  "such as lonekostnader or a label such as \"SUMMA INTÄKTER\"",
	                  code);
}

int styr_ledger_row_each(struct styr_db *db, int (*cb)(void *, const struct styr_ledger_row *),
                         void *ctx, struct styr_err *err)
{
	struct styr_ledger_row r;
	struct query q;

	if (q_start(&q, db, Q_LEDGER_ROW_EACH, "reading", err))
		return STYR_ESTORE;
	Q_WALK(&q, &r, row_from_row, cb, ctx, err);
}

/* Whether row code is in the plan: 1 yes, 0 no, or an error code below 0
 * after setting err.  Rows are never removed, so a code seen once stays
 * known until a rollback (store_forget_keys forgets them then); when the
 * cache is full, the codes it has stay. */
static int row_known(struct styr_db *db, const char *code, struct styr_err *err)
{
	struct store_row_cache *known = &db->rows;
	struct query q;
	int i, rc;

	for (i = 0; i < known->n; i++)
		if (!strcmp(known->code[i], code))
			return 1;
	if (q_start(&q, db, Q_LEDGER_ROW_EXISTS, "finding a ledger row", err))
		return -STYR_ESTORE;
	q_text(&q, code);
	rc = q_step(&q, err);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		q_end(&q);
		if (known->n < STORE_ROW_CACHE && strlen(code) < sizeof(known->code[0]))
			memcpy(known->code[known->n++], code, strlen(code) + 1);
	}
	return rc;
}

static int ledger_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_ledger_entry *e = row;
	struct query q;
	long long unit;
	int rc = store_org_id(db, e->unit, &unit, err);

	if (rc)
		return rc;
	/* the unit is resolved above, so a foreign key failing is the row */
	rc = row_known(db, e->row, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND,
		                  "row \"%s\" is not in the resultaträkning plan: expected a row "
		                  "code such as lonekostnader",
		                  e->row);
	if (q_start(&q, db, Q_LEDGER_PUT, "storing a ledger amount", err))
		return STYR_ESTORE;
	q_int(&q, unit);
	q_text(&q, e->tab);
	q_int(&q, e->year);
	q_int(&q, e->month);
	q_text(&q, e->row);
	q_text(&q, e->kind);
	q_int(&q, e->amount_ore);
	q_text(&q, e->source);
	return q_exec(&q, NULL, err);
}

/* The code of the unit whose key is id. */
static int org_code(struct styr_db *db, long long id, char *code, size_t size, struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_ORG_CODE, "reading", err))
		return STYR_ESTORE;
	q_int(&q, id);
	if ((rc = q_step(&q, err)) < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ESTORE, "ledger: no org unit with key %lld", id);
	q_col_copy(&q, 0, code, size);
	q_end(&q);
	return STYR_OK;
}

/* Column 0, the unit's key, is the caller's: e->unit is its code. */
static void entry_from_row(struct query *q, struct styr_ledger_entry *e)
{
	q_col_copy(q, 1, e->tab, sizeof(e->tab));
	e->year = (int)q_col_int(q, 2);
	e->month = (int)q_col_int(q, 3);
	q_col_copy(q, 4, e->row, sizeof(e->row));
	q_col_copy(q, 5, e->kind, sizeof(e->kind));
	e->amount_ore = q_col_int(q, 6);
	q_col_copy(q, 7, e->source, sizeof(e->source));
	e->months = 0;
}

int styr_ledger_each(struct styr_db *db, const struct styr_ledger_filter *f,
                     int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
                     struct styr_err *err)
{
	struct styr_ledger_entry e;
	struct query q;
	long long unit = 0;
	int more, rc = STYR_OK;

	if (f && f->unit && (rc = store_org_id(db, f->unit, &unit, err)))
		return rc;
	if (q_start(&q, db, unit ? Q_LEDGER_EACH_UNIT : Q_LEDGER_EACH, "reading", err))
		return STYR_ESTORE;
	if (unit)
		q_int(&q, unit);
	q_text(&q, f ? f->tab : NULL);
	q_int(&q, f ? f->year : 0);
	/* a range of years (a roll-up reads the year and the one before) */
	q_int(&q, f && f->year_last > f->year ? f->year_last : f ? f->year : 0);
	/* the amounts come by unit: a unit's code is looked up once */
	unit = 0;
	while ((more = q_step(&q, err)) == 1) {
		long long id = q_col_int(&q, 0);

		if (id != unit && (rc = org_code(db, unit = id, e.unit, sizeof(e.unit), err)))
			break;
		entry_from_row(&q, &e);
		if ((rc = cb(ctx, &e)))
			break;
	}
	if (more == 1) {
		q_end(&q);
		return rc;
	}
	return -more;
}

int styr_ledger_year_each(struct styr_db *db, const struct styr_ledger_filter *f,
                          int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
                          struct styr_err *err)
{
	struct styr_ledger_entry e;
	struct query q;
	long long unit = 0;
	unsigned months;
	int more, rc = STYR_OK;

	if ((rc = store_org_id(db, f->unit, &unit, err)))
		return rc;
	if (q_start(&q, db, Q_LEDGER_YEAR_EACH_UNIT, "reading", err))
		return STYR_ESTORE;
	q_int(&q, unit);
	q_text(&q, f->tab);
	q_int(&q, f->year);
	q_int(&q, f->year_last > f->year ? f->year_last : f->year);
	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "%s", f->unit);
	while (!rc && (more = q_step(&q, err)) == 1) {
		q_col_copy(&q, 0, e.tab, sizeof(e.tab));
		e.year = (int)q_col_int(&q, 1);
		q_col_copy(&q, 2, e.row, sizeof(e.row));
		q_col_copy(&q, 3, e.kind, sizeof(e.kind));
		months = (unsigned)q_col_int(&q, 4);
		if (months & 1u) {
			e.month = 0;
			e.months = 0;
			e.amount_ore = q_col_int(&q, 6);
			rc = cb(ctx, &e);
		}
		if (!rc && months & 0x1ffeu) {
			e.months = months & 0x1ffeu;
			for (e.month = 1; !(e.months & 1u << e.month); e.month++)
				;
			e.amount_ore = q_col_int(&q, 5);
			rc = cb(ctx, &e);
		}
	}
	if (rc) {
		q_end(&q);
		return rc;
	}
	return -more;
}

int styr_ledger_latest_year(struct styr_db *db, const char *unit, const char *tab, int *year,
                            struct styr_err *err)
{
	struct query q;
	long long id;
	int rc;

	*year = 0;
	if ((rc = store_org_id(db, unit, &id, err)))
		return rc;
	if (q_start(&q, db, Q_LEDGER_LATEST_YEAR, "reading the latest year", err))
		return STYR_ESTORE;
	q_int(&q, id);
	q_text(&q, tab ? tab : "");
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc) { /* max() of none is NULL: 0 */
		*year = (int)q_col_int(&q, 0);
		q_end(&q);
	}
	return STYR_OK;
}

int styr_rule_put(struct styr_db *db, const struct styr_rule *r, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_RULE_PUT, "storing a rule", err))
		return STYR_ESTORE;
	q_text(&q, r->code);
	q_text(&q, r->name);
	q_text(&q, r->check);
	q_text(&q, r->subject);
	q_text(&q, r->expr);
	q_int(&q, r->tolerance);
	q_text(&q, r->tab);
	return q_exec(&q, NULL, err);
}

static void rule_from_row(struct query *q, struct styr_rule *r)
{
	q_col_copy(q, 0, r->code, sizeof(r->code));
	q_col_copy(q, 1, r->name, sizeof(r->name));
	q_col_copy(q, 2, r->check, sizeof(r->check));
	q_col_copy(q, 3, r->subject, sizeof(r->subject));
	q_col_copy(q, 4, r->expr, sizeof(r->expr));
	r->tolerance = q_col_int(q, 5);
	q_col_copy(q, 6, r->tab, sizeof(r->tab));
}

int styr_rule_each(struct styr_db *db, int (*cb)(void *, const struct styr_rule *), void *ctx,
                   struct styr_err *err)
{
	struct styr_rule r;
	struct query q;

	if (q_start(&q, db, Q_RULE_EACH, "reading", err))
		return STYR_ESTORE;
	Q_WALK(&q, &r, rule_from_row, cb, ctx, err);
}

int styr_account_map_find(struct styr_db *db, int account, char *row, size_t n,
                          struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_ACCOUNT_MAP_FIND, "mapping an account", err))
		return STYR_ESTORE;
	q_int(&q, account);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc == 1) {
		q_col_copy(&q, 0, row, n);
		q_end(&q);
		return STYR_OK;
	}
	return styr_error(err, STYR_ENOTFOUND,
	                  "account %d maps to no resultaträkning row: expected it in the "
	                  "mapping (--mapping FILE)",
	                  account);
}

int styr_account_map_put(struct styr_db *db, int first, int last, const char *row,
                         struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_ACCOUNT_MAP_PUT, "storing an account mapping", err))
		return STYR_ESTORE;
	q_int(&q, first);
	q_int(&q, last);
	q_text_or_null(&q, row); /* "" keeps the accounts out of the resultaträkning */
	return q_exec(&q, NULL, err);
}

static void map_from_row(struct query *q, struct styr_account_range *r)
{
	r->first = (int)q_col_int(q, 0);
	r->last = (int)q_col_int(q, 1);
	q_col_copy(q, 2, r->row, sizeof(r->row));
}

int styr_account_map_each(struct styr_db *db,
                          int (*cb)(void *ctx, const struct styr_account_range *r), void *ctx,
                          struct styr_err *err)
{
	struct styr_account_range r;
	struct query q;

	if (q_start(&q, db, Q_ACCOUNT_MAP_EACH, "reading the account mapping", err))
		return STYR_ESTORE;
	Q_WALK(&q, &r, map_from_row, cb, ctx, err);
}

int styr_account_map_clear(struct styr_db *db, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_ACCOUNT_MAP_CLEAR, "clearing the account mapping", err))
		return STYR_ESTORE;
	return q_exec(&q, NULL, err);
}

int styr_bridge_put(struct styr_db *db, const struct styr_bridge_line *b, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_BRIDGE_PUT, "storing a bridge line", err))
		return STYR_ESTORE;
	q_int(&q, b->year);
	q_text(&q, b->unit);
	q_text(&q, b->step);
	q_text(&q, b->label);
	q_int(&q, b->amount);
	q_text(&q, b->source);
	return q_exec(&q, NULL, err);
}

static void bridge_from_row(struct query *q, struct styr_bridge_line *b)
{
	b->year = (int)q_col_int(q, 0);
	q_col_copy(q, 1, b->unit, sizeof(b->unit));
	q_col_copy(q, 2, b->step, sizeof(b->step));
	q_col_copy(q, 3, b->label, sizeof(b->label));
	b->amount = q_col_int(q, 4);
	q_col_copy(q, 5, b->source, sizeof(b->source));
}

int styr_bridge_each(struct styr_db *db, int year,
                     int (*cb)(void *, const struct styr_bridge_line *), void *ctx,
                     struct styr_err *err)
{
	struct styr_bridge_line b;
	struct query q;

	if (q_start(&q, db, Q_BRIDGE_EACH, "reading", err))
		return STYR_ESTORE;
	q_int(&q, year);
	Q_WALK(&q, &b, bridge_from_row, cb, ctx, err);
}

static int action_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_action *a = row;
	struct query q;
	long long unit;
	int rc = store_org_id(db, a->unit, &unit, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ACTION_PUT, "storing an action", err))
		return STYR_ESTORE;
	q_text(&q, a->plan);
	q_int(&q, unit);
	q_text(&q, a->insatsomrade);
	q_text(&q, a->title);
	q_text(&q, a->owner);
	q_text(&q, a->due);
	q_text(&q, a->state);
	if (a->has_expected)
		q_int(&q, a->expected);
	else
		q_null(&q);
	if (a->has_achieved)
		q_int(&q, a->achieved);
	else
		q_null(&q);
	q_text(&q, a->goal);
	return q_exec(&q, NULL, err);
}

static void action_from_row(struct query *q, struct styr_action *a)
{
	q_col_copy(q, 0, a->plan, sizeof(a->plan));
	q_col_copy(q, 1, a->unit, sizeof(a->unit));
	q_col_copy(q, 2, a->insatsomrade, sizeof(a->insatsomrade));
	q_col_copy(q, 3, a->title, sizeof(a->title));
	q_col_copy(q, 4, a->owner, sizeof(a->owner));
	q_col_copy(q, 5, a->due, sizeof(a->due));
	q_col_copy(q, 6, a->state, sizeof(a->state));
	a->has_expected = !q_col_null(q, 7);
	a->expected = q_col_int(q, 7);
	a->has_achieved = !q_col_null(q, 8);
	a->achieved = q_col_int(q, 8);
	q_col_copy(q, 9, a->goal, sizeof(a->goal));
}

int styr_action_each(struct styr_db *db, const char *plan,
                     int (*cb)(void *, const struct styr_action *), void *ctx, struct styr_err *err)
{
	struct styr_action a;
	struct query q;

	if (q_start(&q, db, Q_ACTION_EACH, "reading", err))
		return STYR_ESTORE;
	q_text(&q, plan);
	Q_WALK(&q, &a, action_from_row, cb, ctx, err);
}

int styr_account_name_put(struct styr_db *db, const char *unit, int account, const char *name,
                          struct styr_err *err)
{
	struct query q;
	long long id;
	int rc = store_org_id(db, unit, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ACCOUNT_NAME_PUT, "storing an account", err))
		return STYR_ESTORE;
	q_int(&q, id);
	q_int(&q, account);
	q_text(&q, name);
	return q_exec(&q, NULL, err);
}

static int balance_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_account_balance *b = row;
	struct query q;
	long long id;
	int rc = store_org_id(db, b->unit, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ACCOUNT_BALANCE_PUT, "storing an account balance", err))
		return STYR_ESTORE;
	q_int(&q, id);
	q_int(&q, b->year);
	q_int(&q, b->month);
	q_int(&q, b->account);
	q_text(&q, b->kind);
	q_int(&q, b->amount_ore);
	return q_exec(&q, NULL, err);
}

static void balance_from_row(struct query *q, struct styr_account_balance *b)
{
	q_col_copy(q, 0, b->unit, sizeof(b->unit));
	b->year = (int)q_col_int(q, 1);
	b->month = (int)q_col_int(q, 2);
	b->account = (int)q_col_int(q, 3);
	q_col_copy(q, 4, b->kind, sizeof(b->kind));
	b->amount_ore = q_col_int(q, 5);
}

int styr_account_balance_each(struct styr_db *db, const char *unit,
                              int (*cb)(void *, const struct styr_account_balance *), void *ctx,
                              struct styr_err *err)
{
	struct styr_account_balance b;
	struct query q;
	long long id = 0;
	int rc;

	if (unit && (rc = store_org_id(db, unit, &id, err)))
		return rc;
	if (q_start(&q, db, Q_ACCOUNT_BALANCE_EACH, "reading", err))
		return STYR_ESTORE;
	q_int(&q, id);
	Q_WALK(&q, &b, balance_from_row, cb, ctx, err);
}

/* Budget profiles (migrations 0006, 0008).  The row is checked by the
 * caller (the importer resolves labels to codes); "" is every row; year 0
 * every year. */
static int profile_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_budget_profile *p = row;
	struct query q;
	long long id;
	int i, rc = store_org_id(db, p->unit, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_BUDGET_PROFILE_PUT, "storing a budget profile", err))
		return STYR_ESTORE;
	q_int(&q, id);
	q_text(&q, p->row);
	q_int(&q, p->year);
	for (i = 0; i < 12; i++)
		q_int(&q, p->weight[i]);
	return q_exec(&q, NULL, err);
}

static void profile_from_row(struct query *q, struct styr_budget_profile *p)
{
	int i;

	q_col_copy(q, 0, p->unit, sizeof(p->unit));
	q_col_copy(q, 1, p->row, sizeof(p->row));
	p->year = (int)q_col_int(q, 2);
	for (i = 0; i < 12; i++)
		p->weight[i] = (int)q_col_int(q, 3 + i);
}

int styr_budget_profile_each(struct styr_db *db, const char *unit,
                             int (*cb)(void *, const struct styr_budget_profile *), void *ctx,
                             struct styr_err *err)
{
	struct styr_budget_profile p;
	struct query q;
	long long id = 0;
	int rc;

	if (unit && (rc = store_org_id(db, unit, &id, err)))
		return rc;
	if (q_start(&q, db, Q_BUDGET_PROFILE_EACH, "reading", err))
		return STYR_ESTORE;
	q_int(&q, id);
	Q_WALK(&q, &p, profile_from_row, cb, ctx, err);
}

/* The action of plan titled title, if it belongs to unit: a delete never
 * reaches another unit's record. */
int styr_action_delete(struct styr_db *db, const char *unit, const char *plan, const char *title,
                       struct styr_err *err)
{
	struct query q;
	long long uid, changed = 0;
	int rc = store_org_id(db, unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ACTION_DELETE, "deleting an action", err))
		return STYR_ESTORE;
	q_text(&q, plan);
	q_text(&q, title);
	q_int(&q, uid);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "no action \"%s\" in plan %s of %s", title,
		                  plan, unit);
	return rc;
}

/* The amount keyed by e's unit, tab, year, month, row and kind. */
int styr_ledger_delete(struct styr_db *db, const struct styr_ledger_entry *e, struct styr_err *err)
{
	struct query q;
	long long uid, changed = 0;
	int rc = store_org_id(db, e->unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_LEDGER_DELETE, "deleting a ledger amount", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_text(&q, e->tab);
	q_int(&q, e->year);
	q_int(&q, e->month);
	q_text(&q, e->row);
	q_text(&q, e->kind);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND,
		                  "no %s amount of %s on row %s for %d month %d%s%s", e->kind,
		                  e->unit, e->row, e->year, e->month, e->tab[0] ? " in table " : "",
		                  e->tab);
	return rc;
}

int styr_budget_profile_delete(struct styr_db *db, const char *unit, const char *row, int year,
                               struct styr_err *err)
{
	struct query q;
	long long uid, changed = 0;
	int rc = store_org_id(db, unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_BUDGET_PROFILE_DELETE, "deleting a budget profile", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_text(&q, row);
	q_int(&q, year);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(
		    err, STYR_ENOTFOUND,
		    "no budget profile of %s for row \"%s\" and year %d (0: every year)", unit, row,
		    year);
	return rc;
}

/* --- through the write gate (gate.c) --- */

static struct styr_period year_month(int year, int month)
{
	struct styr_period p = {year, 1, 12};

	if (month >= 1 && month <= 12)
		p.first_month = p.last_month = month;
	return p;
}

int styr_ledger_put(struct styr_db *db, const struct styr_ledger_entry *e, struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct query q;
	long long unit;
	char tkr[48];
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing a ledger amount");
	w->action = "ledger.put";
	w->unit = e->unit;
	w->period = year_month(e->year, e->month);
	snprintf(w->entity, sizeof(w->entity), "ledger %s %s %d-%02d %s %s", e->unit,
	         e->tab[0] ? e->tab : "-", e->year, e->month, e->row, e->kind);
	styr_ore_tkr_text(tkr, sizeof(tkr), e->amount_ore);
	snprintf(w->after, sizeof(w->after), "%s tkr", tkr);
	rc = store_org_id(db, e->unit, &unit, err);
	if (!rc && q_start(&q, db, Q_LEDGER_GET, "reading a ledger amount", err))
		rc = STYR_ESTORE;
	if (!rc) {
		q_int(&q, unit);
		q_text(&q, e->tab);
		q_int(&q, e->year);
		q_int(&q, e->month);
		q_text(&q, e->row);
		q_text(&q, e->kind);
		rc = q_step(&q, err);
		if (rc == 1) {
			styr_ore_tkr_text(tkr, sizeof(tkr), q_col_int(&q, 0));
			snprintf(w->before, sizeof(w->before), "%s tkr", tkr);
			/* the source is part of the row: a new file is a change */
			if (strcmp(q_col_text(&q, 1), e->source))
				snprintf(w->after + strlen(w->after),
				         sizeof(w->after) - strlen(w->after), "; källa %s",
				         e->source);
			q_end(&q);
		}
		rc = rc < 0 ? -rc : STYR_OK;
	}
	if (!rc)
		rc = gate_pass(db, w, ledger_store, e, err);
	free(w);
	return rc;
}

/* --- ledger dimensions (migration 0023) --- */

int styr_ledger_dim_put(struct styr_db *db, const struct styr_ledger_dim *d, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_LEDGER_DIM_PUT, "storing a ledger dimension", err))
		return STYR_ESTORE;
	q_int(&q, d->dim);
	q_text(&q, d->code);
	q_text(&q, d->name);
	return q_exec(&q, NULL, err);
}

static void dim_from_row(struct query *q, struct styr_ledger_dim *d)
{
	d->dim = (int)q_col_int(q, 0);
	q_col_copy(q, 1, d->code, sizeof(d->code));
	q_col_copy(q, 2, d->name, sizeof(d->name));
}

int styr_ledger_dim_each(struct styr_db *db, int (*cb)(void *, const struct styr_ledger_dim *),
                         void *ctx, struct styr_err *err)
{
	struct styr_ledger_dim d;
	struct query q;

	if (q_start(&q, db, Q_LEDGER_DIM_EACH, "reading", err))
		return STYR_ESTORE;
	Q_WALK(&q, &d, dim_from_row, cb, ctx, err);
}

int styr_ledger_object_name_put(struct styr_db *db, int dim, const char *code, const char *name,
                                struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_LEDGER_OBJECT_NAME_PUT, "storing a ledger object", err))
		return STYR_ESTORE;
	q_int(&q, dim);
	q_text(&q, code);
	q_text(&q, name);
	return q_exec(&q, NULL, err);
}

int styr_ledger_object_put(struct styr_db *db, const struct styr_ledger_object *o,
                           struct styr_err *err)
{
	struct query q;
	long long unit = 0;
	int rc = o->unit[0] ? store_org_id(db, o->unit, &unit, err) : STYR_OK;

	if (rc)
		return rc;
	if (q_start(&q, db, Q_LEDGER_OBJECT_PUT, "storing a ledger object", err))
		return STYR_ESTORE;
	q_int(&q, o->dim);
	q_text(&q, o->code);
	q_text(&q, o->name);
	q_key(&q, unit);
	return q_exec(&q, NULL, err);
}

static void object_from_row(struct query *q, struct styr_ledger_object *o)
{
	o->dim = (int)q_col_int(q, 0);
	q_col_copy(q, 1, o->code, sizeof(o->code));
	q_col_copy(q, 2, o->name, sizeof(o->name));
	q_col_copy(q, 3, o->unit, sizeof(o->unit));
}

int styr_ledger_object_each(struct styr_db *db, int dim,
                            int (*cb)(void *, const struct styr_ledger_object *), void *ctx,
                            struct styr_err *err)
{
	struct styr_ledger_object o;
	struct query q;

	if (q_start(&q, db, Q_LEDGER_OBJECT_EACH, "reading", err))
		return STYR_ESTORE;
	q_int(&q, dim);
	Q_WALK(&q, &o, object_from_row, cb, ctx, err);
}

static int detail_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_ledger_detail *d = row;
	struct query q;
	long long unit;
	int rc = store_org_id(db, d->unit, &unit, err);

	if (rc)
		return rc;
	rc = row_known(db, d->row, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND,
		                  "row \"%s\" is not in the resultaträkning plan: expected a row "
		                  "code such as lonekostnader",
		                  d->row);
	if (q_start(&q, db, Q_LEDGER_DETAIL_PUT, "storing a ledger detail amount", err))
		return STYR_ESTORE;
	q_int(&q, unit);
	q_int(&q, d->year);
	q_int(&q, d->month);
	q_text(&q, d->row);
	q_text(&q, d->kind);
	q_int(&q, d->dim);
	q_text(&q, d->object);
	q_int(&q, d->amount_ore);
	q_text(&q, d->source);
	return q_exec(&q, NULL, err);
}

/* As styr_ledger_put: locks, the year window and the audit are the
 * gate's; an unchanged amount is left alone. */
int styr_ledger_detail_put(struct styr_db *db, const struct styr_ledger_detail *d,
                           struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct query q;
	long long unit;
	char tkr[48];
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing a ledger amount");
	w->action = "ledger_detail.put";
	w->unit = d->unit;
	w->period = year_month(d->year, d->month);
	snprintf(w->entity, sizeof(w->entity), "ledger_detail %s %d-%02d %s %s dim %d %.60s",
	         d->unit, d->year, d->month, d->row, d->kind, d->dim, d->object);
	styr_ore_tkr_text(tkr, sizeof(tkr), d->amount_ore);
	snprintf(w->after, sizeof(w->after), "%s tkr", tkr);
	rc = store_org_id(db, d->unit, &unit, err);
	if (!rc && q_start(&q, db, Q_LEDGER_DETAIL_GET, "reading a ledger detail amount", err))
		rc = STYR_ESTORE;
	if (!rc) {
		q_int(&q, unit);
		q_int(&q, d->year);
		q_int(&q, d->dim);
		q_text(&q, d->object);
		q_int(&q, d->month);
		q_text(&q, d->row);
		q_text(&q, d->kind);
		rc = q_step(&q, err);
		if (rc == 1) {
			styr_ore_tkr_text(tkr, sizeof(tkr), q_col_int(&q, 0));
			snprintf(w->before, sizeof(w->before), "%s tkr", tkr);
			if (strcmp(q_col_text(&q, 1), d->source))
				snprintf(w->after + strlen(w->after),
				         sizeof(w->after) - strlen(w->after), "; källa %s",
				         d->source);
			q_end(&q);
		}
		rc = rc < 0 ? -rc : STYR_OK;
	}
	if (!rc)
		rc = gate_pass(db, w, detail_store, d, err);
	free(w);
	return rc;
}

static void detail_from_row(struct query *q, struct styr_ledger_detail *d)
{
	q_col_copy(q, 0, d->unit, sizeof(d->unit));
	d->year = (int)q_col_int(q, 1);
	d->month = (int)q_col_int(q, 2);
	q_col_copy(q, 3, d->row, sizeof(d->row));
	q_col_copy(q, 4, d->kind, sizeof(d->kind));
	d->dim = (int)q_col_int(q, 5);
	q_col_copy(q, 6, d->object, sizeof(d->object));
	d->amount_ore = q_col_int(q, 7);
	q_col_copy(q, 8, d->source, sizeof(d->source));
}

int styr_ledger_detail_each(struct styr_db *db, const char *unit, int year, int dim,
                            const char *row, int (*cb)(void *, const struct styr_ledger_detail *),
                            void *ctx, struct styr_err *err)
{
	struct styr_ledger_detail d;
	struct query q;
	long long uid = 0;
	int rc;

	if (unit && (rc = store_org_id(db, unit, &uid, err)))
		return rc;
	if (q_start(&q, db, Q_LEDGER_DETAIL_EACH, "reading", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_int(&q, year);
	q_int(&q, dim);
	q_text(&q, row);
	Q_WALK(&q, &d, detail_from_row, cb, ctx, err);
}

static void action_describe(const char *title, const char *due, const char *state,
                            long long expected, long long achieved, const char *owner,
                            const char *area, const char *goal, char *buf, size_t size)
{
	snprintf(buf, size, "%.100s; %s; %s; %lld/%lld tkr; ansvarig %.80s; %.80s; mål %s", title,
	         due, state, expected, achieved, owner, area, goal[0] ? goal : "-");
}

/* An action belongs to one unit: the one that stored it first.  A write
 * under another unit's code (an upsert by plan and title) is refused, and
 * the lock is checked on the stored unit as on the new.  It belongs to
 * the year it is due in. */
int styr_action_put(struct styr_db *db, const struct styr_action *a, struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	char old_unit[STYR_CODE_MAX] = "";
	struct query q;
	int rc = STYR_OK;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing an action");
	w->action = "action.put";
	w->unit = a->unit;
	snprintf(w->entity, sizeof(w->entity), "action %s %s %.100s", a->unit, a->plan, a->title);
	action_describe(a->title, a->due, a->state, a->has_expected ? (long long)a->expected : 0,
	                a->has_achieved ? (long long)a->achieved : 0, a->owner, a->insatsomrade,
	                a->goal, w->after, sizeof(w->after));
	if (strlen(a->due) >= 4 && a->due[0] >= '1' && a->due[0] <= '9') {
		w->period.year = atoi(a->due);
		w->period.first_month = 1;
		w->period.last_month = 12;
	}
	if (q_start(&q, db, Q_ACTION_GET, "reading an action", err))
		rc = STYR_ESTORE;
	if (!rc) {
		q_text(&q, a->plan);
		q_text(&q, a->title);
		rc = q_step(&q, err);
		if (rc == 1) {
			q_col_copy(&q, 0, old_unit, sizeof(old_unit));
			action_describe(a->title, q_col_text(&q, 1), q_col_text(&q, 2),
			                q_col_int(&q, 3), q_col_int(&q, 4), q_col_text(&q, 5),
			                q_col_text(&q, 6), q_col_text(&q, 7), w->before,
			                sizeof(w->before));
			q_end(&q);
		}
		rc = rc < 0 ? -rc : STYR_OK;
	}
	if (!rc && old_unit[0] && strcmp(old_unit, a->unit))
		rc = styr_error(err, STYR_ECONFLICT,
		                "action \"%s\" of plan %s belongs to %s: it cannot be written as "
		                "%s's",
		                a->title, a->plan, old_unit, a->unit);
	w->old_unit = old_unit[0] ? old_unit : NULL;
	if (!rc)
		rc = gate_pass(db, w, action_store, a, err);
	free(w);
	return rc;
}

int styr_account_balance_put(struct styr_db *db, const struct styr_account_balance *b,
                             struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct query q;
	long long unit;
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing an account balance");
	w->action = "balance.put";
	w->unit = b->unit;
	w->period = year_month(b->year, b->month);
	snprintf(w->entity, sizeof(w->entity), "balance %s %d-%02d %d %s", b->unit, b->year,
	         b->month, b->account, b->kind);
	snprintf(w->after, sizeof(w->after), "%lld öre", (long long)b->amount_ore);
	/* the stored amount, so that an identical re-import is left alone */
	rc = store_org_id(db, b->unit, &unit, err);
	if (!rc && q_start(&q, db, Q_ACCOUNT_BALANCE_GET, "reading an account balance", err))
		rc = STYR_ESTORE;
	if (!rc) {
		q_int(&q, unit);
		q_int(&q, b->year);
		q_int(&q, b->month);
		q_int(&q, b->account);
		q_text(&q, b->kind);
		rc = q_step(&q, err);
		if (rc == 1) {
			snprintf(w->before, sizeof(w->before), "%lld öre", q_col_int(&q, 0));
			q_end(&q);
		}
		rc = rc < 0 ? -rc : STYR_OK;
	}
	if (!rc)
		rc = gate_pass(db, w, balance_store, b, err);
	free(w);
	return rc;
}

static void profile_describe(const struct styr_budget_profile *p, char *buf, size_t size)
{
	size_t n;
	int i;

	for (i = 0, n = 0; i < 12 && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%d", i ? " " : "", p->weight[i]);
}

struct profile_old {
	const struct styr_budget_profile *p;
	char *before;
	size_t size;
};

static int profile_old_cb(void *ctx, const struct styr_budget_profile *x)
{
	struct profile_old *o = ctx;

	if (!strcmp(x->row, o->p->row) && x->year == o->p->year)
		profile_describe(x, o->before, o->size);
	return 0;
}

int styr_budget_profile_put(struct styr_db *db, const struct styr_budget_profile *p,
                            struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct profile_old o;
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing a budget profile");
	w->action = "profile.put";
	w->unit = p->unit;
	if (p->year)
		w->period = year_month(p->year, 0);
	snprintf(w->entity, sizeof(w->entity), "profile %s %s %d", p->unit,
	         p->row[0] ? p->row : "-", p->year);
	profile_describe(p, w->after, sizeof(w->after));
	o.p = p;
	o.before = w->before;
	o.size = sizeof(w->before);
	rc = styr_budget_profile_each(db, p->unit, profile_old_cb, &o, err);
	if (!rc)
		rc = gate_pass(db, w, profile_store, p, err);
	free(w);
	return rc;
}
