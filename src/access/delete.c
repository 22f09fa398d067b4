/*
 * Corrections by deletion (issue 14 item 2): a value, target, analysis,
 * action, ledger amount, budget profile or uppdrag report that should
 * never have been stored goes again, and the audit log keeps what it was.
 *
 * Each removal has the shape of workflow.c's write_locked, so that the
 * write gate can take both alike: one transaction that reads the record
 * (its before image; STYR_ENOTFOUND naming the key when there is none),
 * refuses a locked period (styr_period_check_open, STYR_ELOCKED), deletes
 * it and appends one audit entry ("value.delete" ..., the put's entity,
 * before the record, after "").
 *
 * A unit, an indicator or a goal is what others refer to.  Deleting one
 * that anything refers to is STYR_ECONFLICT naming what, counted, unless
 * cascade is asked: then everything below it goes in the same
 * transaction (units below a unit, goals below a goal, deepest first),
 * refused as a whole when one of its values or analyses lies in a locked
 * period.  The audit log gets one entry per unit, indicator or goal
 * deleted, its before image saying how many rows of each kind went with
 * it; the rows themselves are not logged one by one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/access.h"
#include "styr/analysis.h"
#include "styr/buf.h"
#include "styr/goals.h"
#include "styr/ledger.h"
#include "import/ledger_sums.h"

struct removal {
	const char *unit;                 /* whose lock applies */
	const struct styr_period *period; /* NULL: the record lies in no period */
	const char *action, *entity;
	/* The record as the audit log keeps it; STYR_ENOTFOUND when none. */
	int (*before)(struct styr_db *db, const void *key, char *buf, size_t size,
	              struct styr_err *err);
	int (*del)(struct styr_db *db, const void *key, struct styr_err *err);
	const void *key;
};

static int remove_locked(struct styr_db *db, const char *user, const struct removal *r,
                         struct styr_err *err)
{
	char before[STYR_AUDIT_TEXT] = "", who[STYR_USER_MAX];
	int rc;

	/* the gate audits as the handle's actor: the user, for this delete */
	snprintf(who, sizeof(who), "%s", styr_db_who(db));
	if ((rc = styr_db_actor(db, user && *user ? user : who, NULL, err)))
		return rc;
	if ((rc = styr_db_begin(db, err)))
		goto out;
	rc = r->before(db, r->key, before, sizeof(before), err);
	if (!rc)
		rc = styr_gate_remove(db, r->action, r->unit, r->period, r->entity, before, r->del,
		                      r->key, err);
	if (rc)
		styr_db_rollback(db);
	else
		rc = styr_db_commit(db, err);
out:
	styr_db_actor(db, who, NULL, NULL);
	return rc;
}

static struct styr_period year_period(int year)
{
	struct styr_period p = {year, 1, 12};

	return p;
}

/* ---------------------------------------------------------------- value */

struct value_key {
	const char *indicator, *unit;
	const struct styr_period *p;
};

static int value_before(struct styr_db *db, const void *key, char *buf, size_t size,
                        struct styr_err *err)
{
	const struct value_key *k = key;
	struct styr_value v;
	struct styr_err local;
	char num[64], period[STYR_PERIOD_TEXT_MAX];
	int rc;

	styr_err_init(&local);
	rc = styr_value_find(db, k->indicator, k->unit, k->p, &v, &local);
	if (rc == STYR_ENOTFOUND) {
		styr_period_format(k->p, period, sizeof(period));
		return styr_error(err, rc, "no value of %s for %s in %s", k->indicator, k->unit,
		                  period);
	}
	if (rc)
		return styr_error(err, rc, "%s", local.msg);
	/* as styr_values_write describes a value */
	styr_value_format(&v, NULL, num, sizeof(num));
	if (v.comment[0])
		snprintf(buf, size, "%s; kommentar: %s", num, v.comment);
	else
		snprintf(buf, size, "%s", num);
	return STYR_OK;
}

static int value_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct value_key *k = key;

	return styr_value_delete(db, k->indicator, k->unit, k->p, err);
}

int styr_value_remove(struct styr_db *db, const char *user, const char *indicator, const char *unit,
                      const struct styr_period *p, struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_indicator ind;
	char entity[160], period[STYR_PERIOD_TEXT_MAX];
	struct value_key k;
	struct removal r;
	int rc;

	/* codes as stored, so that an alias deletes and audits the unit's */
	if ((rc = styr_indicator_find(db, indicator, &ind, err)) ||
	    (rc = styr_org_find(db, unit, &u, err)))
		return rc;
	styr_period_format(p, period, sizeof(period));
	snprintf(entity, sizeof(entity), "value %s %s %s", ind.code, u.code, period);
	k = (struct value_key){ind.code, u.code, p};
	r = (struct removal){u.code, p, "value.delete", entity, value_before, value_del, &k};
	return remove_locked(db, user, &r, err);
}

/* --------------------------------------------------------------- target */

struct target_key {
	const char *indicator, *unit;
	int year;
	char *found; /* the target's text, for the before image */
	size_t size;
	bool hit;
};

static int target_cb(void *ctx, const struct styr_indicator_target *t)
{
	struct target_key *k = ctx;

	if (!strcmp(t->indicator, k->indicator) && !strcmp(t->unit, k->unit) &&
	    t->year == k->year) {
		snprintf(k->found, k->size, "%s", t->text);
		k->hit = true;
		return 1;
	}
	return 0;
}

static int target_before(struct styr_db *db, const void *key, char *buf, size_t size,
                         struct styr_err *err)
{
	struct target_key k = *(const struct target_key *)key;
	int rc;

	k.found = buf;
	k.size = size;
	rc = styr_target_each(db, target_cb, &k, err);
	if (rc && !k.hit)
		return rc;
	if (!k.hit)
		return styr_error(err, STYR_ENOTFOUND, "no target of %s for %s set for %d",
		                  k.indicator, k.unit[0] ? k.unit : "all units", k.year);
	return STYR_OK;
}

static int target_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct target_key *k = key;

	return styr_target_delete(db, k->indicator, k->unit, k->year, err);
}

int styr_target_remove(struct styr_db *db, const char *user, const char *indicator,
                       const char *unit, int year, struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_indicator ind;
	struct styr_period p = year_period(year);
	char entity[160];
	struct target_key k;
	struct removal r;
	int rc;

	memset(&u, 0, sizeof(u));
	if ((rc = styr_indicator_find(db, indicator, &ind, err)) ||
	    (unit[0] && (rc = styr_org_find(db, unit, &u, err))))
		return rc;
	snprintf(entity, sizeof(entity), "target %s %s %d", ind.code, u.code[0] ? u.code : "-",
	         year);
	memset(&k, 0, sizeof(k));
	k.indicator = ind.code;
	k.unit = u.code;
	k.year = year;
	/* a target for all units lies in no unit's period */
	r = (struct removal){
	    u.code, u.code[0] ? &p : NULL, "target.delete", entity, target_before, target_del, &k};
	return remove_locked(db, user, &r, err);
}

/* ------------------------------------------------------------- analysis */

struct analysis_key {
	const char *unit, *subject, *title;
	const struct styr_period *p;
	char *found;
	size_t size;
	bool hit;
};

static int analysis_cb(void *ctx, const struct styr_analysis *a)
{
	struct analysis_key *k = ctx;

	if (!styr_period_cmp(&a->period, k->p) && !strcmp(a->title, k->title)) {
		/* as styr_analysis_write describes one */
		snprintf(k->found, k->size, "%.80s: %.160s", a->title, a->what);
		k->hit = true;
		return 1;
	}
	return 0;
}

static int analysis_before(struct styr_db *db, const void *key, char *buf, size_t size,
                           struct styr_err *err)
{
	struct analysis_key k = *(const struct analysis_key *)key;
	struct styr_analysis_filter f = {k.unit, k.p->year, k.subject};
	char period[STYR_PERIOD_TEXT_MAX];
	int rc;

	k.found = buf;
	k.size = size;
	rc = styr_analysis_each(db, &f, analysis_cb, &k, err);
	if (rc && !k.hit)
		return rc;
	if (!k.hit) {
		styr_period_format(k.p, period, sizeof(period));
		return styr_error(err, STYR_ENOTFOUND,
		                  "no analysis of %s for %s on %s titled \"%s\"", k.unit, period,
		                  k.subject, k.title);
	}
	return STYR_OK;
}

static int analysis_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct analysis_key *k = key;

	return styr_analysis_delete(db, k->unit, k->p, k->subject, k->title, err);
}

int styr_analysis_remove(struct styr_db *db, const char *user, const char *unit,
                         const struct styr_period *p, const char *subject, const char *title,
                         struct styr_err *err)
{
	struct styr_org_unit u;
	char entity[160], period[STYR_PERIOD_TEXT_MAX];
	struct analysis_key k;
	struct removal r;
	int rc;

	if ((rc = styr_org_find(db, unit, &u, err)))
		return rc;
	styr_period_format(p, period, sizeof(period));
	snprintf(entity, sizeof(entity), "analysis %s %s %s", u.code, period, subject);
	memset(&k, 0, sizeof(k));
	k.unit = u.code;
	k.subject = subject;
	k.title = title ? title : "";
	k.p = p;
	r = (struct removal){u.code,       p, "analysis.delete", entity, analysis_before,
	                     analysis_del, &k};
	return remove_locked(db, user, &r, err);
}

/* --------------------------------------------------------------- action */

struct action_key {
	const char *unit, *plan, *title;
	struct styr_action found;
	bool hit;
};

static int action_cb(void *ctx, const struct styr_action *a)
{
	struct action_key *k = ctx;

	if (!strcmp(a->title, k->title) && !strcmp(a->unit, k->unit)) {
		k->found = *a;
		k->hit = true;
		return 1;
	}
	return 0;
}

static void action_image(const struct styr_action *a, char *buf, size_t size)
{
	/* as styr_action_write describes one */
	snprintf(buf, size, "%.100s; %s; %lld/%lld tkr", a->title, a->due, (long long)a->expected,
	         (long long)a->achieved);
}

static int action_before(struct styr_db *db, const void *key, char *buf, size_t size,
                         struct styr_err *err)
{
	const struct action_key *k = key;

	(void)db;
	(void)err;
	action_image(&k->found, buf, size);
	return STYR_OK;
}

static int action_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct action_key *k = key;

	return styr_action_delete(db, k->unit, k->plan, k->title, err);
}

int styr_action_remove(struct styr_db *db, const char *user, const char *unit, const char *plan,
                       const char *title, struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_err ignore;
	char entity[200], year[8];
	struct action_key k;
	struct removal r;
	bool dated;
	int rc;

	if ((rc = styr_org_find(db, unit, &u, err)))
		return rc;
	memset(&k, 0, sizeof(k));
	k.unit = u.code;
	k.plan = plan;
	k.title = title ? title : "";
	/* Read before the transaction only to learn the year the lock is of;
	 * the delete itself matches plan, title and unit again inside it. */
	rc = styr_action_each(db, plan, action_cb, &k, err);
	if (rc && !k.hit)
		return rc;
	if (!k.hit)
		return styr_error(err, STYR_ENOTFOUND, "no action \"%s\" in plan %s of %s", k.title,
		                  plan, u.code);
	snprintf(year, sizeof(year), "%.4s", k.found.due);
	styr_err_init(&ignore);
	/* an action belongs to the year it is due in; one without a date
	 * lies in no period */
	dated = !styr_period_parse(year, &p, &ignore);
	snprintf(entity, sizeof(entity), "action %s %s %.100s", u.code, plan, k.title);
	r = (struct removal){
	    u.code, dated ? &p : NULL, "action.delete", entity, action_before, action_del, &k};
	return remove_locked(db, user, &r, err);
}

/* --------------------------------------------------------------- ledger */

struct ledger_key {
	const struct styr_ledger_entry *e;
	char *found;
	size_t size;
	bool hit;
};

static int ledger_cb(void *ctx, const struct styr_ledger_entry *e)
{
	struct ledger_key *k = ctx;

	if (e->month == k->e->month && !strcmp(e->row, k->e->row) && !strcmp(e->kind, k->e->kind)) {
		char tkr[48];

		styr_ore_tkr_text(tkr, sizeof(tkr), e->amount_ore);
		snprintf(k->found, k->size, "%s tkr", tkr);
		k->hit = true;
		return 1;
	}
	return 0;
}

static int ledger_before(struct styr_db *db, const void *key, char *buf, size_t size,
                         struct styr_err *err)
{
	struct ledger_key k = *(const struct ledger_key *)key;
	struct styr_ledger_filter f;
	int rc;

	memset(&f, 0, sizeof(f));
	f.unit = k.e->unit;
	f.tab = k.e->tab;
	f.year = k.e->year;
	k.found = buf;
	k.size = size;
	rc = styr_ledger_each(db, &f, ledger_cb, &k, err);
	if (rc && !k.hit)
		return rc;
	if (!k.hit)
		return styr_error(err, STYR_ENOTFOUND,
		                  "no %s amount of %s on row %s for %d month %d%s%s", k.e->kind,
		                  k.e->unit, k.e->row, k.e->year, k.e->month,
		                  k.e->tab[0] ? " in table " : "", k.e->tab);
	return STYR_OK;
}

/* The rest of the deleted amount's month and kind, to redo its sums. */
struct ledger_rest {
	const struct styr_ledger_entry *e;
	struct styr_ledger_entry *v;
	size_t n, cap;
	bool given; /* an amount that is not a computed sum */
};

static int rest_cb(void *ctx, const struct styr_ledger_entry *x)
{
	struct ledger_rest *r = ctx;

	if (x->tab[0] || x->month != r->e->month || strcmp(x->kind, r->e->kind))
		return 0;
	if (styr_array_grow((void **)&r->v, &r->cap, r->n, sizeof(*r->v), NULL))
		return STYR_ENOMEM;
	r->v[r->n++] = *x;
	r->given |= strcmp(x->source, LEDGER_SUMS_SOURCE) != 0;
	return 0;
}

/* Delete the amount; in the resultaträkning the subtotals computed from
 * its rows (SUMMA INTÄKTER …, as an import computes them) follow: redone
 * from the rows that are left, or deleted with the last of them, so that
 * a mistaken row leaves no year or month of sums behind. */
static int ledger_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct ledger_key *k = key;
	struct styr_ledger_filter f = {k->e->unit, "", k->e->year, 0};
	struct ledger_rest r = {k->e, NULL, 0, 0, false};
	struct ledger_sums sums = {0};
	size_t i, written;
	int rc = styr_ledger_delete(db, k->e, err);

	if (rc || k->e->tab[0])
		return rc;
	rc = styr_ledger_each(db, &f, rest_cb, &r, err);
	if (rc == STYR_ENOMEM && !err->code)
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; !rc && i < r.n; i++) {
		if (!r.given)
			rc = styr_ledger_delete(db, &r.v[i], err);
		else if (strcmp(r.v[i].source, LEDGER_SUMS_SOURCE))
			rc = ledger_sums_note(db, &sums, &r.v[i], err);
	}
	if (!rc && r.given)
		rc = ledger_sums_write(db, &sums, &written, err);
	ledger_sums_release(&sums);
	free(r.v);
	return rc;
}

int styr_ledger_remove(struct styr_db *db, const char *user, const struct styr_ledger_entry *key,
                       struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_ledger_entry e = *key;
	struct styr_period p = year_period(key->year);
	char entity[200];
	struct ledger_key k;
	struct removal r;
	int rc;

	if (key->month < 0 || key->month > 12)
		return styr_error(err, STYR_EINPUT, "month %d: expected 0 (the whole year) to 12",
		                  key->month);
	if ((rc = styr_org_find(db, key->unit, &u, err)))
		return rc;
	snprintf(e.unit, sizeof(e.unit), "%s", u.code);
	/* month 0 is the whole year; a month is its own period */
	if (e.month)
		p.first_month = p.last_month = e.month;
	snprintf(entity, sizeof(entity), "ledger %s %s %d-%02d %s %s", e.unit,
	         e.tab[0] ? e.tab : "-", e.year, e.month, e.row, e.kind);
	memset(&k, 0, sizeof(k));
	k.e = &e;
	r = (struct removal){e.unit, &p, "ledger.delete", entity, ledger_before, ledger_del, &k};
	return remove_locked(db, user, &r, err);
}

/* -------------------------------------------------------- budget profile */

struct profile_key {
	const char *unit, *row;
	int year;
	char *found;
	size_t size;
	bool hit;
};

static int profile_cb(void *ctx, const struct styr_budget_profile *p)
{
	struct profile_key *k = ctx;
	size_t n = 0;
	int i;

	if (strcmp(p->row, k->row) || p->year != k->year)
		return 0;
	for (i = 0; i < 12 && n < k->size; i++)
		n +=
		    (size_t)snprintf(k->found + n, k->size - n, "%s%d", i ? " " : "", p->weight[i]);
	k->hit = true;
	return 1;
}

static int profile_before(struct styr_db *db, const void *key, char *buf, size_t size,
                          struct styr_err *err)
{
	struct profile_key k = *(const struct profile_key *)key;
	int rc;

	k.found = buf;
	k.size = size;
	rc = styr_budget_profile_each(db, k.unit, profile_cb, &k, err);
	if (rc && !k.hit)
		return rc;
	if (!k.hit)
		return styr_error(
		    err, STYR_ENOTFOUND,
		    "no budget profile of %s for row \"%s\" and year %d (0: every year)", k.unit,
		    k.row, k.year);
	return STYR_OK;
}

static int profile_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct profile_key *k = key;

	return styr_budget_profile_delete(db, k->unit, k->row, k->year, err);
}

int styr_budget_profile_remove(struct styr_db *db, const char *user, const char *unit,
                               const char *row, int year, struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_period p = year_period(year);
	char entity[160];
	struct profile_key k;
	struct removal r;
	int rc;

	if ((rc = styr_org_find(db, unit, &u, err)))
		return rc;
	snprintf(entity, sizeof(entity), "profile %s %s %d", u.code, row[0] ? row : "-", year);
	memset(&k, 0, sizeof(k));
	k.unit = u.code;
	k.row = row;
	k.year = year;
	/* the profile for every year (0) lies in no period */
	r = (struct removal){
	    u.code, year ? &p : NULL, "profile.delete", entity, profile_before, profile_del, &k};
	return remove_locked(db, user, &r, err);
}

/* -------------------------------------------------------- uppdrag report */

struct report_key {
	const char *goal, *unit, *date;
	char *found;
	size_t size;
	bool hit;
};

static int report_cb(void *ctx, const struct styr_uppdrag_report *x)
{
	struct report_key *k = ctx;

	if (strcmp(x->unit, k->unit) || strcmp(x->date, k->date))
		return 0;
	snprintf(k->found, k->size, "%s: %.400s", styr_uppdrag_status_name(x->status), x->text);
	k->hit = true;
	return 1;
}

static int report_before(struct styr_db *db, const void *key, char *buf, size_t size,
                         struct styr_err *err)
{
	struct report_key k = *(const struct report_key *)key;
	int rc;

	k.found = buf;
	k.size = size;
	rc = styr_uppdrag_report_each(db, k.goal, report_cb, &k, err);
	if (rc && !k.hit)
		return rc;
	if (!k.hit)
		return styr_error(err, STYR_ENOTFOUND, "no report of %s on uppdrag %s dated %s",
		                  k.unit, k.goal, k.date);
	return STYR_OK;
}

static int report_del(struct styr_db *db, const void *key, struct styr_err *err)
{
	const struct report_key *k = key;

	return styr_uppdrag_report_delete(db, k->goal, k->unit, k->date, err);
}

int styr_uppdrag_report_remove(struct styr_db *db, const char *user, const char *goal,
                               const char *unit, const char *date, struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_goal g;
	struct styr_period p;
	char entity[200];
	struct report_key k;
	struct removal r;
	int rc;

	if ((rc = styr_date_check(date, err)))
		return rc;
	if ((rc = styr_goal_find(db, goal, &g, err)) || (rc = styr_org_find(db, unit, &u, err)))
		return rc;
	p = year_period(atoi(date));
	snprintf(entity, sizeof(entity), "uppdrag %s %s %s", g.code, u.code, date);
	memset(&k, 0, sizeof(k));
	k.goal = g.code;
	k.unit = u.code;
	k.date = date;
	r = (struct removal){u.code, &p, "uppdrag.delete", entity, report_before, report_del, &k};
	return remove_locked(db, user, &r, err);
}

/* ------------------------------------------- units, indicators and goals */

/* "102 values, 3 analyses, 2 units below it" */
static void refs_text(const struct styr_refs *refs, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < refs->n && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%lld %s", i ? ", " : "",
		                      refs->kind[i].count, refs->kind[i].what);
}

static int refused(const char *kind, const char *code, const struct styr_refs *refs,
                   struct styr_err *err)
{
	char text[600];

	refs_text(refs, text, sizeof(text));
	return styr_error(err, STYR_ECONFLICT,
	                  "%s %s: %s refer to it; delete those first, or delete with cascade to "
	                  "take them along",
	                  kind, code, text);
}

/* The (unit, period) pairs a cascade would delete figures or texts of,
 * each checked once against the lock. */
struct lockset {
	struct styr_db *db;
	struct styr_err *err;
	struct {
		char unit[STYR_CODE_MAX];
		struct styr_period p;
	} seen[256];
	size_t n;
	int rc;
};

static int lock_check(struct lockset *s, const char *unit, const struct styr_period *p)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!styr_period_cmp(&s->seen[i].p, p) && !strcmp(s->seen[i].unit, unit))
			return 0;
	if (s->n < sizeof(s->seen) / sizeof(s->seen[0])) {
		snprintf(s->seen[s->n].unit, sizeof(s->seen[s->n].unit), "%s", unit);
		s->seen[s->n].p = *p;
		s->n++;
	}
	s->rc = styr_period_check_open(s->db, unit, p, s->err);
	return s->rc;
}

static int lock_value_cb(void *ctx, const struct styr_value *v)
{
	return lock_check(ctx, v->unit, &v->period);
}

static int lock_analysis_cb(void *ctx, const struct styr_analysis *a)
{
	return lock_check(ctx, a->unit, &a->period);
}

static int walk_done(struct lockset *s, int rc)
{
	return s->rc ? s->rc : rc;
}

static int audit_deleted(struct styr_db *db, const char *user, const char *action,
                         const char *entity, const char *name, const struct styr_refs *deleted,
                         struct styr_err *err)
{
	char before[STYR_AUDIT_TEXT], text[600];

	refs_text(deleted, text, sizeof(text));
	snprintf(before, sizeof(before), "%.200s%s%s", name, text[0] ? "; with " : "", text);
	return styr_audit_append(db, user, action, entity, before, "", err);
}

struct unit_tree {
	struct styr_org_unit *u;
	size_t n, cap;
	bool oom;
};

static int tree_cb(void *ctx, const struct styr_org_unit *u)
{
	struct unit_tree *t = ctx;

	if (styr_array_grow((void **)&t->u, &t->cap, t->n, sizeof(*t->u), NULL)) {
		t->oom = true;
		return 1;
	}
	t->u[t->n++] = *u;
	return 0;
}

/* Delete the unit at index i of every unit after those below it. */
static int unit_delete_tree(struct styr_db *db, const char *user, const struct unit_tree *t,
                            size_t i, int depth, struct styr_err *err)
{
	struct styr_value_filter vf;
	struct styr_analysis_filter af;
	struct styr_refs deleted;
	struct lockset *s;
	char entity[80];
	size_t j;
	int rc = STYR_OK;

	if (depth > 64)
		return styr_error(err, STYR_ESTORE, "unit %s: the units below it form a cycle",
		                  t->u[i].code);
	for (j = 0; j < t->n && !rc; j++)
		if (!strcmp(t->u[j].parent, t->u[i].code))
			rc = unit_delete_tree(db, user, t, j, depth + 1, err);
	if (rc)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return styr_error(err, STYR_ENOMEM, "out of memory");
	s->db = db;
	s->err = err;
	memset(&vf, 0, sizeof(vf));
	vf.unit = t->u[i].code;
	memset(&af, 0, sizeof(af));
	af.unit = t->u[i].code;
	rc = walk_done(s, styr_value_each(db, &vf, lock_value_cb, s, err));
	if (!rc)
		rc = walk_done(s, styr_analysis_each(db, &af, lock_analysis_cb, s, err));
	free(s);
	if (!rc)
		rc = styr_org_delete(db, t->u[i].code, &deleted, err);
	snprintf(entity, sizeof(entity), "unit %s", t->u[i].code);
	if (!rc)
		rc = audit_deleted(db, user, "unit.delete", entity, t->u[i].name, &deleted, err);
	return rc;
}

int styr_org_remove(struct styr_db *db, const char *user, const char *code, bool cascade,
                    struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_refs refs;
	struct unit_tree t;
	size_t i;
	int rc;

	if ((rc = styr_db_begin(db, err)))
		return rc;
	memset(&t, 0, sizeof(t));
	rc = styr_org_find(db, code, &u, err);
	if (!rc)
		rc = styr_org_refs(db, u.code, &refs, err);
	if (!rc && refs.n && !cascade)
		rc = refused("unit", u.code, &refs, err);
	if (!rc) {
		rc = styr_org_each(db, tree_cb, &t, err);
		if (t.oom)
			rc = styr_error(err, STYR_ENOMEM, "out of memory");
	}
	for (i = 0; !rc && i < t.n && strcmp(t.u[i].code, u.code); i++)
		;
	if (!rc && i == t.n)
		rc = styr_error(err, STYR_ENOTFOUND, "unit %s vanished while deleting it", u.code);
	if (!rc)
		rc = unit_delete_tree(db, user, &t, i, 0, err);
	free(t.u);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	return styr_db_commit(db, err);
}

int styr_indicator_remove(struct styr_db *db, const char *user, const char *code, bool cascade,
                          struct styr_err *err)
{
	struct styr_indicator ind;
	struct styr_value_filter vf;
	struct styr_refs refs, deleted;
	struct lockset *s = NULL;
	char entity[80];
	int rc;

	if ((rc = styr_db_begin(db, err)))
		return rc;
	rc = styr_indicator_find(db, code, &ind, err);
	if (!rc)
		rc = styr_indicator_refs(db, ind.code, &refs, err);
	if (!rc && refs.n && !cascade)
		rc = refused("indicator", ind.code, &refs, err);
	if (!rc && !(s = calloc(1, sizeof(*s))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	if (!rc) {
		s->db = db;
		s->err = err;
		memset(&vf, 0, sizeof(vf));
		vf.indicator = ind.code;
		rc = walk_done(s, styr_value_each(db, &vf, lock_value_cb, s, err));
	}
	free(s);
	if (!rc)
		rc = styr_indicator_delete(db, ind.code, &deleted, err);
	snprintf(entity, sizeof(entity), "indicator %s", rc ? code : ind.code);
	if (!rc)
		rc = audit_deleted(db, user, "indicator.delete", entity, ind.name, &deleted, err);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	return styr_db_commit(db, err);
}

struct goal_tree {
	struct styr_goal *g;
	size_t n, cap;
	bool oom;
};

static int goal_tree_cb(void *ctx, const struct styr_goal *g)
{
	struct goal_tree *t = ctx;

	if (styr_array_grow((void **)&t->g, &t->cap, t->n, sizeof(*t->g), NULL)) {
		t->oom = true;
		return 1;
	}
	t->g[t->n++] = *g;
	return 0;
}

static int goal_delete_tree(struct styr_db *db, const char *user, const struct goal_tree *t,
                            size_t i, int depth, struct styr_err *err)
{
	struct styr_analysis_filter af;
	struct styr_refs deleted;
	struct lockset *s;
	char entity[80];
	size_t j;
	int rc = STYR_OK;

	if (depth > 64)
		return styr_error(err, STYR_ESTORE, "goal %s: the goals below it form a cycle",
		                  t->g[i].code);
	for (j = 0; j < t->n && !rc; j++)
		if (!strcmp(t->g[j].parent, t->g[i].code))
			rc = goal_delete_tree(db, user, t, j, depth + 1, err);
	if (rc)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return styr_error(err, STYR_ENOMEM, "out of memory");
	s->db = db;
	s->err = err;
	memset(&af, 0, sizeof(af));
	af.subject = t->g[i].code;
	rc = walk_done(s, styr_analysis_each(db, &af, lock_analysis_cb, s, err));
	free(s);
	if (!rc)
		rc = styr_goal_delete(db, t->g[i].code, &deleted, err);
	snprintf(entity, sizeof(entity), "goal %s", t->g[i].code);
	if (!rc)
		rc = audit_deleted(db, user, "goal.delete", entity, t->g[i].title, &deleted, err);
	return rc;
}

int styr_goal_remove(struct styr_db *db, const char *user, const char *code, bool cascade,
                     struct styr_err *err)
{
	struct styr_goal g;
	struct styr_refs refs;
	struct goal_tree t;
	size_t i;
	int rc;

	if ((rc = styr_db_begin(db, err)))
		return rc;
	memset(&t, 0, sizeof(t));
	rc = styr_goal_find(db, code, &g, err);
	if (!rc)
		rc = styr_goal_refs(db, g.code, &refs, err);
	if (!rc && refs.n && !cascade)
		rc = refused("goal", g.code, &refs, err);
	if (!rc) {
		rc = styr_goal_each(db, goal_tree_cb, &t, err);
		if (t.oom)
			rc = styr_error(err, STYR_ENOMEM, "out of memory");
	}
	for (i = 0; !rc && i < t.n && strcmp(t.g[i].code, g.code); i++)
		;
	if (!rc && i == t.n)
		rc = styr_error(err, STYR_ENOTFOUND, "goal %s vanished while deleting it", g.code);
	if (!rc)
		rc = goal_delete_tree(db, user, &t, i, 0, err);
	free(t.g);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	return styr_db_commit(db, err);
}
