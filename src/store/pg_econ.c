/*
 * The economy's tables in the PostgreSQL backend: the PostgreSQL dialect
 * of sqlite_econ.c, operation for operation and message for message (the
 * resultaträkning plan, ledger amounts, validation rules, the SIE account
 * mapping, names and balances, the regionbidrag bridge and action plans).
 *
 * The statements are prepared with pg.c's when a connection opens and run
 * through its pipeline (pg_int.h), parameters as text.  Amounts are BIGINT,
 * so tkr and öre stay exact; they are bound with "%lld" and read back with
 * strtoll.  Walks order as sqlite_econ.c's do: codes are COLLATE "C"
 * (SQLite's BINARY) and seq stands for SQLite's rowid.
 *
 * One difference forced by the pipeline: a write inside a transaction is
 * answered later, so a constraint it breaks is not known when it returns.
 * Where the caller must know at once (a ledger amount whose row is not in
 * the plan, which SQLite reports as the foreign key failing), the row is
 * looked up first; codes known to exist are kept in a small cache, so a
 * bulk import costs a lookup per distinct row, not per amount.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "store/store.h"

enum econ_stmt {
	E_ROW_PUT,
	E_ROW_FIND,
	E_ROW_EACH,
	E_ROW_EXISTS,
	E_LEDGER_PUT,
	E_LEDGER_EACH,
	E_RULE_PUT,
	E_RULE_EACH,
	E_MAP_FIND,
	E_MAP_PUT,
	E_MAP_CLEAR,
	E_BRIDGE_PUT,
	E_BRIDGE_EACH,
	E_ACTION_PUT,
	E_ACTION_EACH,
	E_ACCOUNT_PUT,
	E_BALANCE_PUT,
	E_BALANCE_EACH,
	E_PROFILE_PUT,
	E_PROFILE_EACH,
	E_COUNT
};

/* ASCII case folding, as SQLite's NOCASE does (and org aliases in pg.c). */
#define FOLD(x) "translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"

const char *const store_pg_econ_sql[E_COUNT] = {
    [E_ROW_PUT] = "INSERT INTO ledger_row(code, label, parent, position) VALUES($1, $2, $3, $4) "
                  "ON CONFLICT(code) DO UPDATE SET label = excluded.label, parent = "
                  "excluded.parent, position = excluded.position",
    /* no ORDER BY in SQLite: its scan (the label term has no index) is
     * in rowid order, which seq keeps */
    [E_ROW_FIND] = "SELECT code, label, COALESCE(parent, ''), position FROM ledger_row WHERE "
                   "code = $1::text OR " FOLD("label") " = " FOLD(
                       "$1::text") " OR code = "
                                   "(SELECT row_code FROM ledger_label WHERE label_key = " FOLD(
                                       "$1::text") ") ORDER BY seq LIMIT 1",
    [E_ROW_EACH] = "SELECT code, label, COALESCE(parent, ''), position FROM ledger_row ORDER BY "
                   "position, code",
    [E_ROW_EXISTS] = "SELECT 1 FROM ledger_row WHERE code = $1",
    [E_LEDGER_PUT] = "INSERT INTO ledger(unit_id, tab, year, month, row_code, kind, amount, "
                     "source) VALUES($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT(unit_id, tab, "
                     "year, month, row_code, kind) DO UPDATE SET amount = excluded.amount, "
                     "source = excluded.source",
    [E_LEDGER_EACH] = "SELECT u.code, l.tab, l.year, l.month, l.row_code, l.kind, l.amount, "
                      "l.source FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE "
                      "($1::bigint = 0 OR l.unit_id = $1::bigint) AND ($2::text IS NULL OR "
                      "l.tab = $2::text) AND ($3::integer = 0 OR l.year = $3::integer) ORDER BY "
                      "l.unit_id, l.tab, l.year, l.month, l.row_code, l.kind",
    [E_RULE_PUT] = "INSERT INTO rule(code, name, check_kind, subject, expr, tolerance, tab) "
                   "VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(code) DO UPDATE SET name = "
                   "excluded.name, check_kind = excluded.check_kind, subject = "
                   "excluded.subject, expr = excluded.expr, tolerance = excluded.tolerance, "
                   "tab = excluded.tab",
    [E_RULE_EACH] = "SELECT code, name, check_kind, subject, expr, tolerance, tab FROM rule "
                    "ORDER BY code",
    [E_MAP_FIND] = "SELECT COALESCE(row_code, '') FROM account_map WHERE $1::integer BETWEEN "
                   "first AND last ORDER BY last - first, first LIMIT 1",
    [E_MAP_PUT] = "INSERT INTO account_map(first, last, row_code) VALUES($1, $2, $3) ON "
                  "CONFLICT(first, last) DO UPDATE SET row_code = excluded.row_code",
    [E_MAP_CLEAR] = "DELETE FROM account_map",
    [E_BRIDGE_PUT] = "INSERT INTO bridge(year, unit, step, label, amount, source) VALUES($1, $2, "
                     "$3, $4, $5, $6) ON CONFLICT(year, unit, step, label) DO UPDATE SET amount "
                     "= excluded.amount, source = excluded.source",
    [E_BRIDGE_EACH] = "SELECT year, unit, step, label, amount, source FROM bridge WHERE "
                      "($1::integer = 0 OR year = $1::integer) ORDER BY year, seq",
    [E_ACTION_PUT] = "INSERT INTO action(plan, unit_id, insatsomrade, title, owner, due, state, "
                     "expected, achieved, goal, position) VALUES($1, $2, $3, $4, $5, $6, $7, $8, "
                     "$9, $10, (SELECT COALESCE(max(position), 0) + 1 FROM action)) ON "
                     "CONFLICT(plan, title) DO UPDATE SET unit_id = excluded.unit_id, "
                     "insatsomrade = excluded.insatsomrade, owner = excluded.owner, due = "
                     "excluded.due, state = excluded.state, expected = excluded.expected, "
                     "achieved = excluded.achieved, goal = excluded.goal",
    [E_ACTION_EACH] =
        "SELECT a.plan, u.code, a.insatsomrade, a.title, a.owner, a.due, a.state, "
        "a.expected, a.achieved, a.goal FROM action a JOIN org_unit u ON u.id = a.unit_id "
        "WHERE ($1::text IS NULL OR a.plan = $1::text) ORDER BY (SELECT "
        "min(position) FROM action b WHERE b.plan = a.plan), a.position",
    [E_ACCOUNT_PUT] = "INSERT INTO account(unit_id, account, name) VALUES($1, $2, $3) ON "
                      "CONFLICT(unit_id, account) DO UPDATE SET name = excluded.name",
    [E_BALANCE_PUT] = "INSERT INTO account_balance(unit_id, year, month, account, kind, "
                      "amount_ore) VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT(unit_id, year, "
                      "month, account, kind) DO UPDATE SET amount_ore = excluded.amount_ore",
    [E_BALANCE_EACH] = "SELECT u.code, b.year, b.month, b.account, b.kind, b.amount_ore FROM "
                       "account_balance b JOIN org_unit u ON u.id = b.unit_id WHERE ($1::bigint "
                       "= 0 OR b.unit_id = $1::bigint) ORDER BY u.id, b.year, b.account, "
                       "b.kind, b.month",
    [E_PROFILE_PUT] = "INSERT INTO budget_profile(unit_id, row_code, year, w1, w2, w3, w4, w5, w6, "
                      "w7, w8, w9, w10, w11, w12) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                      "$11, $12, $13, $14, $15) "
                      "ON CONFLICT(unit_id, row_code, year) DO UPDATE SET w1 = "
                      "excluded.w1, w2 = excluded.w2, w3 = excluded.w3, w4 = excluded.w4, w5 = "
                      "excluded.w5, w6 = excluded.w6, w7 = excluded.w7, w8 = excluded.w8, w9 = "
                      "excluded.w9, w10 = excluded.w10, w11 = excluded.w11, w12 = excluded.w12",
    [E_PROFILE_EACH] =
        "SELECT u.code, p.row_code, p.year, p.w1, p.w2, p.w3, p.w4, p.w5, p.w6, "
        "p.w7, p.w8, p.w9, p.w10, p.w11, p.w12 FROM budget_profile p JOIN org_unit u "
        "ON u.id = p.unit_id WHERE ($1::bigint = 0 OR p.unit_id = $1::bigint) ORDER BY "
        "u.code, p.row_code, p.year",
};
const int store_pg_econ_count = E_COUNT;

/* Parameters as text; NULL is SQL NULL.  Numbers go into their slot's own
 * buffer. */
#define ECON_PARAMS 15 /* a budget profile: unit, row, year, twelve weights */
struct params {
	const char *v[ECON_PARAMS];
	char buf[ECON_PARAMS][24];
	int n;
};

static void p_text(struct params *p, const char *t)
{
	assert(p->n < ECON_PARAMS); /* a statement with more: raise the limit */
	p->v[p->n++] = t;
}

static void p_int(struct params *p, long long x)
{
	assert(p->n < ECON_PARAMS);
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%lld", x);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

static PGresult *run(struct store *st, enum econ_stmt id, const struct params *p, const char *what,
                     struct styr_err *err)
{
	return store_pg_run(st, (int)id, p ? p->n : 0, p ? p->v : NULL, what, err);
}

static int run_done(struct store *st, enum econ_stmt id, const struct params *p, const char *what,
                    struct styr_err *err)
{
	return store_pg_run_done(st, (int)id, p ? p->n : 0, p ? p->v : NULL, what, err);
}

/* A text column into a fixed field (cut to fit; the writers refuse what
 * does not fit, so nothing stored is longer).  NULL reads as "". */
static void copy(const PGresult *res, int r, int c, char *dst, size_t n)
{
	const char *t = PQgetvalue(res, r, c);
	size_t len = (size_t)PQgetlength(res, r, c);

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, t, len);
	dst[len] = '\0';
}

static long long num(const PGresult *res, int r, int c)
{
	return strtoll(PQgetvalue(res, r, c), NULL, 10);
}

/* Walk the rows of statement id run with p, converting each with fill
 * into *row and calling cb until it says stop.  The whole result is
 * fetched first, so cb may use the store. */
#define WALK_ROWS(st, id, p, row, fill, cb, ctx, err)                                              \
	do {                                                                                       \
		PGresult *res_ = run(st, id, p, "reading", err);                                   \
		int i_, n_, stop_ = 0;                                                             \
		if (!res_)                                                                         \
			return STYR_ESTORE;                                                        \
		n_ = PQntuples(res_);                                                              \
		for (i_ = 0; i_ < n_ && !stop_; i_++) {                                            \
			fill(res_, i_, row);                                                       \
			stop_ = cb(ctx, row);                                                      \
		}                                                                                  \
		PQclear(res_);                                                                     \
		return stop_;                                                                      \
	} while (0)

int pg_ledger_row_put(struct store *st, const struct styr_ledger_row *r, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, r->code);
	p_text(&p, r->label);
	p_text(&p, r->parent[0] ? r->parent : NULL);
	p_int(&p, r->position);
	return run_done(st, E_ROW_PUT, &p, "storing a ledger row", err);
}

static void row_fill(const PGresult *res, int i, struct styr_ledger_row *r)
{
	copy(res, i, 0, r->code, sizeof(r->code));
	copy(res, i, 1, r->label, sizeof(r->label));
	copy(res, i, 2, r->parent, sizeof(r->parent));
	r->position = (int)num(res, i, 3);
}

int pg_ledger_row_find(struct store *st, const char *code, struct styr_ledger_row *out,
                       struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int found;

	p_text(&p, code);
	res = run(st, E_ROW_FIND, &p, "finding a ledger row", err);
	if (!res)
		return STYR_ESTORE;
	found = PQntuples(res) > 0;
	if (found)
		row_fill(res, 0, out);
	PQclear(res);
	if (found)
		return STYR_OK;
	return styr_error(err, STYR_ENOTFOUND,
	                  "row \"%s\" is not in the resultaträkning plan: expected a row code "
	                  "such as lonekostnader or a label such as \"SUMMA INTÄKTER\"",
	                  code);
}

int pg_ledger_row_each(struct store *st, int (*cb)(void *, const struct styr_ledger_row *),
                       void *ctx, struct styr_err *err)
{
	struct styr_ledger_row r;

	WALK_ROWS(st, E_ROW_EACH, NULL, &r, row_fill, cb, ctx, err);
}

/* Whether row code is in the plan: 1 yes, 0 no, or an error code below 0
 * after setting err.  Rows are never removed, so a code seen once stays
 * known until a rollback (pg.c forgets the cache then). */
static int row_known(struct store *st, const char *code, struct styr_err *err)
{
	struct pg_econ_rows *known = store_pg_econ_rows(st);
	struct params p = {0};
	PGresult *res;
	int i, n;

	for (i = 0; i < known->n && i < PG_ECON_ROWS; i++)
		if (!strcmp(known->code[i], code))
			return 1;
	p_text(&p, code);
	res = run(st, E_ROW_EXISTS, &p, "finding a ledger row", err);
	if (!res)
		return -STYR_ESTORE;
	n = PQntuples(res);
	PQclear(res);
	if (n > 0 && strlen(code) < sizeof(known->code[0])) {
		snprintf(known->code[known->n % PG_ECON_ROWS], sizeof(known->code[0]), "%s", code);
		known->n++;
		if (known->n == 2 * PG_ECON_ROWS)
			known->n = PG_ECON_ROWS; /* full: keep replacing, never overflow */
	}
	return n > 0;
}

int pg_ledger_put(struct store *st, const struct styr_ledger_entry *e, struct styr_err *err)
{
	struct params p = {0};
	long long unit;
	int rc = store_pg_org_id(st, e->unit, &unit, err);

	if (rc)
		return rc;
	/* the unit is resolved above, so a foreign key failing is the row */
	rc = row_known(st, e->row, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND,
		                  "row \"%s\" is not in the resultaträkning plan: expected a row "
		                  "code such as lonekostnader",
		                  e->row);
	p_int(&p, unit);
	p_text(&p, e->tab);
	p_int(&p, e->year);
	p_int(&p, e->month);
	p_text(&p, e->row);
	p_text(&p, e->kind);
	p_int(&p, e->amount);
	p_text(&p, e->source);
	return run_done(st, E_LEDGER_PUT, &p, "storing a ledger amount", err);
}

static void entry_fill(const PGresult *res, int i, struct styr_ledger_entry *e)
{
	copy(res, i, 0, e->unit, sizeof(e->unit));
	copy(res, i, 1, e->tab, sizeof(e->tab));
	e->year = (int)num(res, i, 2);
	e->month = (int)num(res, i, 3);
	copy(res, i, 4, e->row, sizeof(e->row));
	copy(res, i, 5, e->kind, sizeof(e->kind));
	e->amount = num(res, i, 6);
	copy(res, i, 7, e->source, sizeof(e->source));
}

int pg_ledger_each(struct store *st, const struct styr_ledger_filter *f,
                   int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
                   struct styr_err *err)
{
	struct styr_ledger_entry e;
	struct params p = {0};
	long long unit = 0;
	int rc;

	if (f && f->unit && (rc = store_pg_org_id(st, f->unit, &unit, err)))
		return rc;
	p_int(&p, unit);
	p_text(&p, f ? f->tab : NULL);
	p_int(&p, f ? f->year : 0);
	WALK_ROWS(st, E_LEDGER_EACH, &p, &e, entry_fill, cb, ctx, err);
}

int pg_rule_put(struct store *st, const struct styr_rule *r, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, r->code);
	p_text(&p, r->name);
	p_text(&p, r->check);
	p_text(&p, r->subject);
	p_text(&p, r->expr);
	p_int(&p, r->tolerance);
	p_text(&p, r->tab);
	return run_done(st, E_RULE_PUT, &p, "storing a rule", err);
}

static void rule_fill(const PGresult *res, int i, struct styr_rule *r)
{
	copy(res, i, 0, r->code, sizeof(r->code));
	copy(res, i, 1, r->name, sizeof(r->name));
	copy(res, i, 2, r->check, sizeof(r->check));
	copy(res, i, 3, r->subject, sizeof(r->subject));
	copy(res, i, 4, r->expr, sizeof(r->expr));
	r->tolerance = num(res, i, 5);
	copy(res, i, 6, r->tab, sizeof(r->tab));
}

int pg_rule_each(struct store *st, int (*cb)(void *, const struct styr_rule *), void *ctx,
                 struct styr_err *err)
{
	struct styr_rule r;

	WALK_ROWS(st, E_RULE_EACH, NULL, &r, rule_fill, cb, ctx, err);
}

int pg_account_map_find(struct store *st, int account, char *row, size_t n, struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int found;

	p_int(&p, account);
	res = run(st, E_MAP_FIND, &p, "mapping an account", err);
	if (!res)
		return STYR_ESTORE;
	found = PQntuples(res) > 0;
	if (found)
		copy(res, 0, 0, row, n);
	PQclear(res);
	if (found)
		return STYR_OK;
	return styr_error(err, STYR_ENOTFOUND,
	                  "account %d maps to no resultaträkning row: expected it in the "
	                  "mapping (--mapping FILE)",
	                  account);
}

int pg_account_map_put(struct store *st, int first, int last, const char *row, struct styr_err *err)
{
	struct params p = {0};

	p_int(&p, first);
	p_int(&p, last);
	/* "" keeps the accounts out of the resultaträkning */
	p_text(&p, row[0] ? row : NULL);
	return run_done(st, E_MAP_PUT, &p, "storing an account mapping", err);
}

int pg_account_map_clear(struct store *st, struct styr_err *err)
{
	struct params p = {0};

	return run_done(st, E_MAP_CLEAR, &p, "clearing the account mapping", err);
}

int pg_bridge_put(struct store *st, const struct styr_bridge_line *b, struct styr_err *err)
{
	struct params p = {0};

	p_int(&p, b->year);
	p_text(&p, b->unit);
	p_text(&p, b->step);
	p_text(&p, b->label);
	p_int(&p, b->amount);
	p_text(&p, b->source);
	return run_done(st, E_BRIDGE_PUT, &p, "storing a bridge line", err);
}

static void bridge_fill(const PGresult *res, int i, struct styr_bridge_line *b)
{
	b->year = (int)num(res, i, 0);
	copy(res, i, 1, b->unit, sizeof(b->unit));
	copy(res, i, 2, b->step, sizeof(b->step));
	copy(res, i, 3, b->label, sizeof(b->label));
	b->amount = num(res, i, 4);
	copy(res, i, 5, b->source, sizeof(b->source));
}

int pg_bridge_each(struct store *st, int year, int (*cb)(void *, const struct styr_bridge_line *),
                   void *ctx, struct styr_err *err)
{
	struct styr_bridge_line b;
	struct params p = {0};

	p_int(&p, year);
	WALK_ROWS(st, E_BRIDGE_EACH, &p, &b, bridge_fill, cb, ctx, err);
}

int pg_action_put(struct store *st, const struct styr_action *a, struct styr_err *err)
{
	struct params p = {0};
	long long unit;
	int rc = store_pg_org_id(st, a->unit, &unit, err);

	if (rc)
		return rc;
	p_text(&p, a->plan);
	p_int(&p, unit);
	p_text(&p, a->insatsomrade);
	p_text(&p, a->title);
	p_text(&p, a->owner);
	p_text(&p, a->due);
	p_text(&p, a->state);
	if (a->has_expected)
		p_int(&p, a->expected);
	else
		p_text(&p, NULL);
	if (a->has_achieved)
		p_int(&p, a->achieved);
	else
		p_text(&p, NULL);
	p_text(&p, a->goal);
	return run_done(st, E_ACTION_PUT, &p, "storing an action", err);
}

static void action_fill(const PGresult *res, int i, struct styr_action *a)
{
	copy(res, i, 0, a->plan, sizeof(a->plan));
	copy(res, i, 1, a->unit, sizeof(a->unit));
	copy(res, i, 2, a->insatsomrade, sizeof(a->insatsomrade));
	copy(res, i, 3, a->title, sizeof(a->title));
	copy(res, i, 4, a->owner, sizeof(a->owner));
	copy(res, i, 5, a->due, sizeof(a->due));
	copy(res, i, 6, a->state, sizeof(a->state));
	a->has_expected = !PQgetisnull(res, i, 7);
	a->expected = num(res, i, 7);
	a->has_achieved = !PQgetisnull(res, i, 8);
	a->achieved = num(res, i, 8);
	copy(res, i, 9, a->goal, sizeof(a->goal));
}

int pg_action_each(struct store *st, const char *plan,
                   int (*cb)(void *, const struct styr_action *), void *ctx, struct styr_err *err)
{
	struct styr_action a;
	struct params p = {0};

	p_text(&p, plan);
	WALK_ROWS(st, E_ACTION_EACH, &p, &a, action_fill, cb, ctx, err);
}

int pg_account_name_put(struct store *st, const char *unit, int account, const char *name,
                        struct styr_err *err)
{
	struct params p = {0};
	long long id;
	int rc = store_pg_org_id(st, unit, &id, err);

	if (rc)
		return rc;
	p_int(&p, id);
	p_int(&p, account);
	p_text(&p, name);
	return run_done(st, E_ACCOUNT_PUT, &p, "storing an account", err);
}

int pg_account_balance_put(struct store *st, const struct styr_account_balance *b,
                           struct styr_err *err)
{
	struct params p = {0};
	long long id;
	int rc = store_pg_org_id(st, b->unit, &id, err);

	if (rc)
		return rc;
	p_int(&p, id);
	p_int(&p, b->year);
	p_int(&p, b->month);
	p_int(&p, b->account);
	p_text(&p, b->kind);
	p_int(&p, b->amount_ore);
	return run_done(st, E_BALANCE_PUT, &p, "storing an account balance", err);
}

static void balance_fill(const PGresult *res, int i, struct styr_account_balance *b)
{
	copy(res, i, 0, b->unit, sizeof(b->unit));
	b->year = (int)num(res, i, 1);
	b->month = (int)num(res, i, 2);
	b->account = (int)num(res, i, 3);
	copy(res, i, 4, b->kind, sizeof(b->kind));
	b->amount_ore = num(res, i, 5);
}

int pg_account_balance_each(struct store *st, const char *unit,
                            int (*cb)(void *, const struct styr_account_balance *), void *ctx,
                            struct styr_err *err)
{
	struct styr_account_balance b;
	struct params p = {0};
	long long id = 0;
	int rc;

	if (unit && (rc = store_pg_org_id(st, unit, &id, err)))
		return rc;
	p_int(&p, id);
	WALK_ROWS(st, E_BALANCE_EACH, &p, &b, balance_fill, cb, ctx, err);
}

/* Budget profiles (migrations 0006, 0008), as sqlite_econ.c's. */
int pg_budget_profile_put(struct store *st, const struct styr_budget_profile *pr,
                          struct styr_err *err)
{
	struct params p = {0};
	long long id;
	int i, rc = store_pg_org_id(st, pr->unit, &id, err);

	if (rc)
		return rc;
	p_int(&p, id);
	p_text(&p, pr->row);
	p_int(&p, pr->year);
	for (i = 0; i < 12; i++)
		p_int(&p, pr->weight[i]);
	return run_done(st, E_PROFILE_PUT, &p, "storing a budget profile", err);
}

static void profile_fill(const PGresult *res, int i, struct styr_budget_profile *p)
{
	int m;

	copy(res, i, 0, p->unit, sizeof(p->unit));
	copy(res, i, 1, p->row, sizeof(p->row));
	p->year = (int)num(res, i, 2);
	for (m = 0; m < 12; m++)
		p->weight[m] = (int)num(res, i, 3 + m);
}

int pg_budget_profile_each(struct store *st, const char *unit,
                           int (*cb)(void *, const struct styr_budget_profile *), void *ctx,
                           struct styr_err *err)
{
	struct styr_budget_profile pr;
	struct params p = {0};
	long long id = 0;
	int rc;

	if (unit && (rc = store_pg_org_id(st, unit, &id, err)))
		return rc;
	p_int(&p, id);
	WALK_ROWS(st, E_PROFILE_EACH, &p, &pr, profile_fill, cb, ctx, err);
}
