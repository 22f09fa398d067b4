/*
 * The economy's tables in the SQLite backend: the resultaträkning plan,
 * ledger amounts, validation rules and SIE account balances.  Kept apart
 * from sqlite.c so that the economy's statements live next to each other;
 * they are prepared once per handle and kept (SIE imports and the bench
 * put many rows through the same statement).
 *
 * Amounts are stored as SQLite INTEGERs (64-bit), so tkr and öre stay
 * exact end to end.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store.h"

enum econ_stmt {
	E_ROW_PUT,
	E_ROW_FIND,
	E_ROW_EACH,
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

_Static_assert(E_COUNT <= STORE_ECON_STMTS, "raise STORE_ECON_STMTS");

static const char *const econ_sql[E_COUNT] = {
    [E_ROW_PUT] = "INSERT INTO ledger_row(code, label, parent, position) VALUES(?1, ?2, ?3, ?4) "
                  "ON CONFLICT(code) DO UPDATE SET label = excluded.label, parent = "
                  "excluded.parent, position = excluded.position",
    [E_ROW_FIND] = "SELECT code, label, IFNULL(parent, ''), position FROM ledger_row WHERE code "
                   "= ?1 OR label = ?1 COLLATE NOCASE OR code = (SELECT row_code FROM "
                   "ledger_label WHERE label = ?1) LIMIT 1",
    [E_ROW_EACH] = "SELECT code, label, IFNULL(parent, ''), position FROM ledger_row ORDER BY "
                   "position, code",
    [E_LEDGER_PUT] = "INSERT INTO ledger(unit_id, tab, year, month, row_code, kind, amount, "
                     "source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(unit_id, tab, "
                     "year, month, row_code, kind) DO UPDATE SET amount = excluded.amount, "
                     "source = excluded.source",
    [E_LEDGER_EACH] = "SELECT u.code, l.tab, l.year, l.month, l.row_code, l.kind, l.amount, "
                      "l.source FROM ledger l JOIN org_unit u ON u.id = l.unit_id WHERE (?1 = 0 OR "
                      "l.unit_id = ?1) AND (?2 IS NULL OR l.tab = ?2) AND (?3 = 0 OR l.year = "
                      "?3) ORDER BY l.unit_id, l.tab, l.year, l.month, l.row_code, l.kind",
    [E_RULE_PUT] = "INSERT INTO rule(code, name, check_kind, subject, expr, tolerance, tab) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE SET name = "
                   "excluded.name, check_kind = excluded.check_kind, subject = "
                   "excluded.subject, expr = excluded.expr, tolerance = excluded.tolerance, "
                   "tab = excluded.tab",
    [E_RULE_EACH] = "SELECT code, name, check_kind, subject, expr, tolerance, tab FROM rule "
                    "ORDER BY code",
    [E_MAP_FIND] = "SELECT row_code FROM account_map WHERE ?1 BETWEEN first AND last ORDER BY "
                   "last - first LIMIT 1",
    [E_MAP_PUT] = "INSERT INTO account_map(first, last, row_code) VALUES(?1, ?2, ?3) ON "
                  "CONFLICT(first, last) DO UPDATE SET row_code = excluded.row_code",
    [E_MAP_CLEAR] = "DELETE FROM account_map",
    [E_BRIDGE_PUT] = "INSERT INTO bridge(year, unit, step, label, amount, source) VALUES(?1, ?2, "
                     "?3, ?4, ?5, ?6) ON CONFLICT(year, unit, step, label) DO UPDATE SET amount "
                     "= excluded.amount, source = excluded.source",
    [E_BRIDGE_EACH] = "SELECT year, unit, step, label, amount, source FROM bridge WHERE (?1 = 0 "
                      "OR year = ?1) ORDER BY year, rowid",
    [E_ACTION_PUT] = "INSERT INTO action(plan, unit_id, insatsomrade, title, owner, due, state, "
                     "expected, achieved, goal, position) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                     "?9, ?10, (SELECT IFNULL(max(position), 0) + 1 FROM action)) ON "
                     "CONFLICT(plan, title) DO UPDATE SET unit_id = excluded.unit_id, "
                     "insatsomrade = excluded.insatsomrade, owner = excluded.owner, due = "
                     "excluded.due, state = excluded.state, expected = excluded.expected, "
                     "achieved = excluded.achieved, goal = excluded.goal",
    [E_ACTION_EACH] =
        "SELECT a.plan, u.code, a.insatsomrade, a.title, a.owner, a.due, a.state, "
        "a.expected, a.achieved, a.goal FROM action a JOIN org_unit u ON u.id = a.unit_id "
        "WHERE (?1 IS NULL OR a.plan = ?1) ORDER BY (SELECT min(position) FROM "
        "action b WHERE b.plan = a.plan), a.position",
    [E_ACCOUNT_PUT] = "INSERT INTO account(unit_id, account, name) VALUES(?1, ?2, ?3) ON "
                      "CONFLICT(unit_id, account) DO UPDATE SET name = excluded.name",
    [E_BALANCE_PUT] = "INSERT INTO account_balance(unit_id, year, month, account, kind, "
                      "amount_ore) VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(unit_id, year, "
                      "month, account, kind) DO UPDATE SET amount_ore = excluded.amount_ore",
    [E_BALANCE_EACH] = "SELECT u.code, b.year, b.month, b.account, b.kind, b.amount_ore FROM "
                       "account_balance b JOIN org_unit u ON u.id = b.unit_id WHERE (?1 = 0 OR "
                       "b.unit_id = ?1) ORDER BY u.id, b.year, b.account, b.kind, b.month",
    [E_PROFILE_PUT] = "INSERT INTO budget_profile(unit_id, row_code, year, w1, w2, w3, w4, w5, w6, "
                      "w7, w8, w9, w10, w11, w12) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                      "?11, ?12, ?13, ?14, ?15) "
                      "ON CONFLICT(unit_id, row_code, year) DO UPDATE SET w1 = "
                      "excluded.w1, w2 = excluded.w2, w3 = excluded.w3, w4 = excluded.w4, w5 = "
                      "excluded.w5, w6 = excluded.w6, w7 = excluded.w7, w8 = excluded.w8, w9 = "
                      "excluded.w9, w10 = excluded.w10, w11 = excluded.w11, w12 = excluded.w12",
    [E_PROFILE_EACH] =
        "SELECT u.code, p.row_code, p.year, p.w1, p.w2, p.w3, p.w4, p.w5, p.w6, "
        "p.w7, p.w8, p.w9, p.w10, p.w11, p.w12 FROM budget_profile p JOIN org_unit u "
        "ON u.id = p.unit_id WHERE (?1 = 0 OR p.unit_id = ?1) ORDER BY "
        "u.code, p.row_code, p.year",
};

static int econ_error(struct store *st, struct styr_err *err, const char *what)
{
	return styr_error(err, STYR_ESTORE, "%s: %s: %s", store_sqlite_path(st), what,
	                  sqlite3_errmsg(store_sqlite_db(st)));
}

static sqlite3_stmt *econ_stmt(struct store *st, enum econ_stmt id, struct styr_err *err)
{
	sqlite3_stmt **cache = store_sqlite_econ_stmts(st);

	if (!cache[id] &&
	    sqlite3_prepare_v3(store_sqlite_db(st), econ_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
	                       &cache[id], NULL) != SQLITE_OK) {
		econ_error(st, err, "preparing a statement");
		return NULL;
	}
	sqlite3_reset(cache[id]);
	sqlite3_clear_bindings(cache[id]);
	return cache[id];
}

static void text(sqlite3_stmt *s, int i, const char *t)
{
	sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
}

/* A text column into a fixed field (cut to fit; the writers refuse what
 * does not fit, so nothing stored is longer).  memcpy, not snprintf: the
 * ledger walk copies millions of these. */
static void copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t len = t ? (size_t)sqlite3_column_bytes(s, i) : 0;

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, t, len);
	dst[len] = '\0';
}

static int done(struct store *st, sqlite3_stmt *s, const char *what, struct styr_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT)
		return styr_error(err, STYR_EINPUT, "%s: %s", what,
		                  sqlite3_errmsg(store_sqlite_db(st)));
	return rc == SQLITE_DONE ? STYR_OK : econ_error(st, err, what);
}

/* Walk the rows of s, converting each with fill into *row and calling cb. */
#define WALK_ROWS(st, s, row, fill, cb, ctx, err)                                                  \
	do {                                                                                       \
		int step_, cbrc_;                                                                  \
		while ((step_ = sqlite3_step(s)) == SQLITE_ROW) {                                  \
			fill(s, row);                                                              \
			cbrc_ = cb(ctx, row);                                                      \
			if (cbrc_) {                                                               \
				sqlite3_reset(s);                                                  \
				return cbrc_;                                                      \
			}                                                                          \
		}                                                                                  \
		sqlite3_reset(s);                                                                  \
		return step_ == SQLITE_DONE ? STYR_OK : econ_error(st, err, "reading");            \
	} while (0)

int sq_ledger_row_put(struct store *st, const struct styr_ledger_row *r, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_ROW_PUT, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, r->code);
	text(s, 2, r->label);
	if (r->parent[0])
		text(s, 3, r->parent);
	sqlite3_bind_int(s, 4, r->position);
	return done(st, s, "storing a ledger row", err);
}

static void row_fill(sqlite3_stmt *s, struct styr_ledger_row *r)
{
	copy(s, 0, r->code, sizeof(r->code));
	copy(s, 1, r->label, sizeof(r->label));
	copy(s, 2, r->parent, sizeof(r->parent));
	r->position = sqlite3_column_int(s, 3);
}

int sq_ledger_row_find(struct store *st, const char *code, struct styr_ledger_row *out,
                       struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_ROW_FIND, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, code);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row_fill(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return STYR_OK;
	if (rc != SQLITE_DONE)
		return econ_error(st, err, "finding a ledger row");
	return styr_error(err, STYR_ENOTFOUND,
	                  "row \"%s\" is not in the resultaträkning plan: expected a row code "
	                  "such as lonekostnader or a label such as \"SUMMA INTÄKTER\"",
	                  code);
}

int sq_ledger_row_each(struct store *st, int (*cb)(void *, const struct styr_ledger_row *),
                       void *ctx, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_ROW_EACH, err);
	struct styr_ledger_row r;

	if (!s)
		return STYR_ESTORE;
	WALK_ROWS(st, s, &r, row_fill, cb, ctx, err);
}

int sq_ledger_put(struct store *st, const struct styr_ledger_entry *e, struct styr_err *err)
{
	sqlite3_int64 unit;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, e->unit, &unit, err);

	if (rc)
		return rc;
	s = econ_stmt(st, E_LEDGER_PUT, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, unit);
	text(s, 2, e->tab);
	sqlite3_bind_int(s, 3, e->year);
	sqlite3_bind_int(s, 4, e->month);
	text(s, 5, e->row);
	text(s, 6, e->kind);
	sqlite3_bind_int64(s, 7, e->amount);
	text(s, 8, e->source);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	/* the unit is resolved above, so a foreign key failing is the row */
	if (rc == SQLITE_CONSTRAINT &&
	    sqlite3_extended_errcode(store_sqlite_db(st)) == SQLITE_CONSTRAINT_FOREIGNKEY)
		return styr_error(err, STYR_ENOTFOUND,
		                  "row \"%s\" is not in the resultaträkning plan: expected a row "
		                  "code such as lonekostnader",
		                  e->row);
	return rc == SQLITE_DONE ? STYR_OK : econ_error(st, err, "storing a ledger amount");
}

static void entry_fill(sqlite3_stmt *s, struct styr_ledger_entry *e)
{
	copy(s, 0, e->unit, sizeof(e->unit));
	copy(s, 1, e->tab, sizeof(e->tab));
	e->year = sqlite3_column_int(s, 2);
	e->month = sqlite3_column_int(s, 3);
	copy(s, 4, e->row, sizeof(e->row));
	copy(s, 5, e->kind, sizeof(e->kind));
	e->amount = sqlite3_column_int64(s, 6);
	copy(s, 7, e->source, sizeof(e->source));
}

int sq_ledger_each(struct store *st, const struct styr_ledger_filter *f,
                   int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
                   struct styr_err *err)
{
	struct styr_ledger_entry e;
	sqlite3_int64 unit = 0;
	sqlite3_stmt *s;
	int rc;

	if (f && f->unit && (rc = store_sqlite_org_id(st, f->unit, &unit, err)))
		return rc;
	s = econ_stmt(st, E_LEDGER_EACH, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, unit);
	if (f && f->tab)
		text(s, 2, f->tab);
	sqlite3_bind_int(s, 3, f ? f->year : 0);
	WALK_ROWS(st, s, &e, entry_fill, cb, ctx, err);
}

int sq_rule_put(struct store *st, const struct styr_rule *r, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_RULE_PUT, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, r->code);
	text(s, 2, r->name);
	text(s, 3, r->check);
	text(s, 4, r->subject);
	text(s, 5, r->expr);
	sqlite3_bind_int64(s, 6, r->tolerance);
	text(s, 7, r->tab);
	return done(st, s, "storing a rule", err);
}

static void rule_fill(sqlite3_stmt *s, struct styr_rule *r)
{
	copy(s, 0, r->code, sizeof(r->code));
	copy(s, 1, r->name, sizeof(r->name));
	copy(s, 2, r->check, sizeof(r->check));
	copy(s, 3, r->subject, sizeof(r->subject));
	copy(s, 4, r->expr, sizeof(r->expr));
	r->tolerance = sqlite3_column_int64(s, 5);
	copy(s, 6, r->tab, sizeof(r->tab));
}

int sq_rule_each(struct store *st, int (*cb)(void *, const struct styr_rule *), void *ctx,
                 struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_RULE_EACH, err);
	struct styr_rule r;

	if (!s)
		return STYR_ESTORE;
	WALK_ROWS(st, s, &r, rule_fill, cb, ctx, err);
}

int sq_account_map_find(struct store *st, int account, char *row, size_t n, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_MAP_FIND, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, account);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		copy(s, 0, row, n);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return STYR_OK;
	if (rc != SQLITE_DONE)
		return econ_error(st, err, "mapping an account");
	return styr_error(err, STYR_ENOTFOUND,
	                  "account %d maps to no resultaträkning row: expected it in the "
	                  "mapping (--mapping FILE)",
	                  account);
}

int sq_account_map_put(struct store *st, int first, int last, const char *row, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_MAP_PUT, err);

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, first);
	sqlite3_bind_int(s, 2, last);
	if (row[0]) /* "" keeps the accounts out of the resultaträkning */
		text(s, 3, row);
	return done(st, s, "storing an account mapping", err);
}

int sq_bridge_put(struct store *st, const struct styr_bridge_line *b, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_BRIDGE_PUT, err);

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, b->year);
	text(s, 2, b->unit);
	text(s, 3, b->step);
	text(s, 4, b->label);
	sqlite3_bind_int64(s, 5, b->amount);
	text(s, 6, b->source);
	return done(st, s, "storing a bridge line", err);
}

static void bridge_fill(sqlite3_stmt *s, struct styr_bridge_line *b)
{
	b->year = sqlite3_column_int(s, 0);
	copy(s, 1, b->unit, sizeof(b->unit));
	copy(s, 2, b->step, sizeof(b->step));
	copy(s, 3, b->label, sizeof(b->label));
	b->amount = sqlite3_column_int64(s, 4);
	copy(s, 5, b->source, sizeof(b->source));
}

int sq_bridge_each(struct store *st, int year, int (*cb)(void *, const struct styr_bridge_line *),
                   void *ctx, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_BRIDGE_EACH, err);
	struct styr_bridge_line b;

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int(s, 1, year);
	WALK_ROWS(st, s, &b, bridge_fill, cb, ctx, err);
}

int sq_action_put(struct store *st, const struct styr_action *a, struct styr_err *err)
{
	sqlite3_int64 unit;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, a->unit, &unit, err);

	if (rc)
		return rc;
	s = econ_stmt(st, E_ACTION_PUT, err);
	if (!s)
		return STYR_ESTORE;
	text(s, 1, a->plan);
	sqlite3_bind_int64(s, 2, unit);
	text(s, 3, a->insatsomrade);
	text(s, 4, a->title);
	text(s, 5, a->owner);
	text(s, 6, a->due);
	text(s, 7, a->state);
	if (a->has_expected)
		sqlite3_bind_int64(s, 8, a->expected);
	if (a->has_achieved)
		sqlite3_bind_int64(s, 9, a->achieved);
	text(s, 10, a->goal);
	return done(st, s, "storing an action", err);
}

static void action_fill(sqlite3_stmt *s, struct styr_action *a)
{
	copy(s, 0, a->plan, sizeof(a->plan));
	copy(s, 1, a->unit, sizeof(a->unit));
	copy(s, 2, a->insatsomrade, sizeof(a->insatsomrade));
	copy(s, 3, a->title, sizeof(a->title));
	copy(s, 4, a->owner, sizeof(a->owner));
	copy(s, 5, a->due, sizeof(a->due));
	copy(s, 6, a->state, sizeof(a->state));
	a->has_expected = sqlite3_column_type(s, 7) != SQLITE_NULL;
	a->expected = sqlite3_column_int64(s, 7);
	a->has_achieved = sqlite3_column_type(s, 8) != SQLITE_NULL;
	a->achieved = sqlite3_column_int64(s, 8);
	copy(s, 9, a->goal, sizeof(a->goal));
}

int sq_action_each(struct store *st, const char *plan,
                   int (*cb)(void *, const struct styr_action *), void *ctx, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_ACTION_EACH, err);
	struct styr_action a;

	if (!s)
		return STYR_ESTORE;
	if (plan)
		text(s, 1, plan);
	WALK_ROWS(st, s, &a, action_fill, cb, ctx, err);
}

int sq_account_map_clear(struct store *st, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_MAP_CLEAR, err);

	return s ? done(st, s, "clearing the account mapping", err) : STYR_ESTORE;
}

int sq_account_name_put(struct store *st, const char *unit, int account, const char *name,
                        struct styr_err *err)
{
	sqlite3_int64 id;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, unit, &id, err);

	if (rc)
		return rc;
	s = econ_stmt(st, E_ACCOUNT_PUT, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, account);
	text(s, 3, name);
	return done(st, s, "storing an account", err);
}

int sq_account_balance_put(struct store *st, const struct styr_account_balance *b,
                           struct styr_err *err)
{
	sqlite3_int64 id;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, b->unit, &id, err);

	if (rc)
		return rc;
	s = econ_stmt(st, E_BALANCE_PUT, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, b->year);
	sqlite3_bind_int(s, 3, b->month);
	sqlite3_bind_int(s, 4, b->account);
	text(s, 5, b->kind);
	sqlite3_bind_int64(s, 6, b->amount_ore);
	return done(st, s, "storing an account balance", err);
}

static void balance_fill(sqlite3_stmt *s, struct styr_account_balance *b)
{
	copy(s, 0, b->unit, sizeof(b->unit));
	b->year = sqlite3_column_int(s, 1);
	b->month = sqlite3_column_int(s, 2);
	b->account = sqlite3_column_int(s, 3);
	copy(s, 4, b->kind, sizeof(b->kind));
	b->amount_ore = sqlite3_column_int64(s, 5);
}

int sq_account_balance_each(struct store *st, const char *unit,
                            int (*cb)(void *, const struct styr_account_balance *), void *ctx,
                            struct styr_err *err)
{
	struct styr_account_balance b;
	sqlite3_int64 id = 0;
	sqlite3_stmt *s;
	int rc;

	if (unit && (rc = store_sqlite_org_id(st, unit, &id, err)))
		return rc;
	s = econ_stmt(st, E_BALANCE_EACH, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	WALK_ROWS(st, s, &b, balance_fill, cb, ctx, err);
}

/* Budget profiles (migrations 0006, 0008).  The row is checked by the
 * caller (the importer resolves labels to codes); "" is every row; year 0
 * every year. */
int sq_budget_profile_put(struct store *st, const struct styr_budget_profile *p,
                          struct styr_err *err)
{
	sqlite3_int64 id;
	sqlite3_stmt *s;
	int i, rc = store_sqlite_org_id(st, p->unit, &id, err);

	if (rc)
		return rc;
	s = econ_stmt(st, E_PROFILE_PUT, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	text(s, 2, p->row);
	sqlite3_bind_int(s, 3, p->year);
	for (i = 0; i < 12; i++)
		sqlite3_bind_int(s, 4 + i, p->weight[i]);
	return done(st, s, "storing a budget profile", err);
}

static void profile_fill(sqlite3_stmt *s, struct styr_budget_profile *p)
{
	int i;

	copy(s, 0, p->unit, sizeof(p->unit));
	copy(s, 1, p->row, sizeof(p->row));
	p->year = sqlite3_column_int(s, 2);
	for (i = 0; i < 12; i++)
		p->weight[i] = sqlite3_column_int(s, 3 + i);
}

int sq_budget_profile_each(struct store *st, const char *unit,
                           int (*cb)(void *, const struct styr_budget_profile *), void *ctx,
                           struct styr_err *err)
{
	struct styr_budget_profile p;
	sqlite3_int64 id = 0;
	sqlite3_stmt *s;
	int rc;

	if (unit && (rc = store_sqlite_org_id(st, unit, &id, err)))
		return rc;
	s = econ_stmt(st, E_PROFILE_EACH, err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	WALK_ROWS(st, s, &p, profile_fill, cb, ctx, err);
}
