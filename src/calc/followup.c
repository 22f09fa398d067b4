/*
 * The follow-up cycle on stored data: moving an uppdrag along the
 * escalation steps, the calendar of a year, and what a unit has due.
 *
 * Escalation is checked here, not in the store, because the rule (one
 * step at a time, seed 004 Tabell 3, see model/goals.c) is the domain's and
 * must hold for every backend; the store only records the checked step.
 *
 * "Due" joins two sources of obligations: the year's calendar (every
 * nämnd and styrelse reports on it; seed 003 Bilaga 6 says the directives
 * "gäller samtliga nämnder") and the uppdrag the unit owns (their reporting
 * dates and deadline).  Both are gathered into one list and sorted by
 * deadline, so that the late come first, as a person reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/checked.h"
#include "styr/buf.h"
#include "styr/goals.h"

struct last_step {
	char date[STYR_DATE_MAX];
};

static int remember_last(void *ctx, const struct styr_escalation_step *s)
{
	struct last_step *l = ctx;

	snprintf(l->date, sizeof(l->date), "%s", s->date);
	return 0;
}

int styr_uppdrag_escalate(struct styr_db *db, const struct styr_escalation_step *step,
                          struct styr_err *err)
{
	struct styr_escalation_step s = *step;
	struct styr_uppdrag u;
	struct last_step last = {""};
	int rc;

	if (!s.reason[0])
		return styr_error(err, STYR_EINPUT,
		                  "reason is empty: every escalation step needs a reason");
	if (!s.decided_by[0])
		return styr_error(
		    err, STYR_EINPUT,
		    "decided_by is empty: every escalation step needs a decision maker");
	rc = styr_date_check(s.date, err);
	if (!rc)
		rc = styr_uppdrag_find(db, s.goal, &u, err);
	if (!rc)
		rc = styr_escalation_each(db, s.goal, remember_last, &last, err);
	if (rc)
		return rc;
	s.from = u.level;
	rc = styr_escalation_check(s.from, s.to, err);
	if (rc) {
		styr_err_prefix(err, "uppdrag %s: ", s.goal);
		return rc;
	}
	if (last.date[0] && strcmp(s.date, last.date) < 0)
		return styr_error(err, STYR_EINPUT,
		                  "date \"%s\": uppdrag %s was last escalated on %s; expected that "
		                  "date or later",
		                  s.date, s.goal, last.date);
	return store_escalation_add(db, &s, err);
}

/* Entries gathered before sorting. */
struct entries {
	struct styr_calendar_entry *v;
	size_t n, cap;
	struct styr_err *err;
};

static int entry_add(void *ctx, const struct styr_calendar_entry *e)
{
	struct entries *l = ctx;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), l->err))
		return STYR_ENOMEM;
	l->v[l->n++] = *e;
	return 0;
}

static int expand_rule(void *ctx, const struct styr_followup_rule *r)
{
	struct entries *l = ctx;
	int rc = styr_calendar_expand(r, entry_add, l, l->err);

	if (rc && rc != STYR_ENOMEM)
		styr_err_prefix(l->err, "follow-up rule %s %d: ", styr_report_kind_name(r->kind),
		                r->year);
	return rc;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct styr_calendar_entry *x = a, *y = b;

	if (x->period.year != y->period.year)
		return x->period.year - y->period.year;
	if (x->period.last_month != y->period.last_month)
		return x->period.last_month - y->period.last_month;
	return (int)x->kind - (int)y->kind;
}

static int calendar_gather(struct styr_db *db, int year, struct entries *l, struct styr_err *err)
{
	int rc;

	l->err = err;
	rc = styr_followup_rule_each(db, year, expand_rule, l, err);
	if (!rc && l->n)
		qsort(l->v, l->n, sizeof(*l->v), entry_cmp);
	return rc;
}

int styr_calendar_each(struct styr_db *db, int year,
                       int (*cb)(void *ctx, const struct styr_calendar_entry *e), void *ctx,
                       struct styr_err *err)
{
	struct entries l = {NULL, 0, 0, NULL};
	size_t i;
	int rc = calendar_gather(db, year, &l, err);

	for (i = 0; !rc && i < l.n; i++)
		rc = cb(ctx, &l.v[i]);
	free(l.v);
	return rc;
}

/* Due items gathered before sorting. */
struct due_list {
	struct styr_due_item *v;
	size_t n, cap;
	struct styr_db *db;
	const char *unit;
	const char *date;
	int horizon;
	struct styr_err *err;
	/* the uppdrag the unit owns */
	char (*goals)[STYR_CODE_MAX];
	size_t ngoals, goals_cap;
};

static int due_add(struct due_list *l, const struct styr_due_item *it)
{
	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), l->err))
		return STYR_ENOMEM;
	l->v[l->n++] = *it;
	return 0;
}

/* Where an item with deadline d (or, undated, its period ending on end)
 * stands on the day asked about; -1 when it is not listed. */
static int classify(const struct due_list *l, bool done, const char *deadline, const char *end)
{
	const char *when = deadline[0] ? deadline : end;
	long ahead = styr_date_diff(l->date, when);

	if (done)
		return ahead >= -l->horizon ? STYR_DUE_DONE : -1;
	if (!deadline[0])
		return ahead < 0 && ahead >= -l->horizon ? STYR_DUE_UNDATED : -1;
	if (ahead < 0)
		return STYR_DUE_LATE;
	return ahead <= l->horizon ? STYR_DUE_OPEN : -1;
}

static int due_calendar(struct due_list *l, int year)
{
	struct entries e = {NULL, 0, 0, NULL};
	size_t i;
	int rc = calendar_gather(l->db, year, &e, l->err);

	for (i = 0; !rc && i < e.n; i++) {
		const struct styr_calendar_entry *c = &e.v[i];
		struct styr_followup_done done;
		struct styr_due_item it;
		struct styr_err probe;
		char end[STYR_DATE_MAX], label[64];
		int state;

		styr_period_end_date(&c->period, end, sizeof(end));
		/* A report on a period is written after the period ends. */
		if (strcmp(end, l->date) >= 0)
			continue;
		styr_err_init(&probe);
		rc = styr_followup_done_find(l->db, l->unit, c->kind, &c->period, &done, &probe);
		if (rc && rc != STYR_ENOTFOUND) {
			styr_error(l->err, probe.code, "%s", probe.msg);
			break;
		}
		state = classify(l, rc == STYR_OK, c->deadline, end);
		rc = STYR_OK;
		if (state < 0)
			continue;
		memset(&it, 0, sizeof(it));
		it.state = (enum styr_due_state)state;
		snprintf(it.deadline, sizeof(it.deadline), "%s", c->deadline);
		styr_period_label(&c->period, label, sizeof(label));
		snprintf(it.what, sizeof(it.what), "%s %s (%s)", styr_report_kind_name(c->kind),
		         label, c->decision ? "beslutsärende" : "informationsärende");
		snprintf(it.source, sizeof(it.source), "%s", c->source);
		rc = due_add(l, &it);
	}
	free(e.v);
	return rc;
}

static int owned_goal(void *ctx, const struct styr_goal_owner *o)
{
	struct due_list *l = ctx;

	if (strcmp(o->unit, l->unit))
		return 0;
	if (styr_array_grow((void **)&l->goals, &l->goals_cap, l->ngoals, sizeof(*l->goals),
	                    l->err))
		return STYR_ENOMEM;
	snprintf(l->goals[l->ngoals++], STYR_CODE_MAX, "%s", o->goal);
	return 0;
}

/* What the unit has reported on one uppdrag: the report dates, in order,
 * and whether it reported the uppdrag done. */
struct reported {
	const char *unit;
	char dates[64][STYR_DATE_MAX];
	int n;
	char done_on[STYR_DATE_MAX];
};

static int note_report(void *ctx, const struct styr_uppdrag_report *r)
{
	struct reported *rep = ctx;

	if (strcmp(r->unit, rep->unit))
		return 0;
	if (rep->n < 64)
		snprintf(rep->dates[rep->n++], STYR_DATE_MAX, "%s", r->date);
	if (r->status == STYR_UPPDRAG_GENOMFORT && !rep->done_on[0])
		snprintf(rep->done_on, sizeof(rep->done_on), "%s", r->date);
	return 0;
}

/* A reporting date is met by a report dated after the previous reporting
 * date and no later than this one. */
static bool reported_between(const struct reported *rep, const char *after, const char *by)
{
	int i;

	for (i = 0; i < rep->n; i++)
		if (strcmp(rep->dates[i], by) <= 0 && (!after || strcmp(rep->dates[i], after) > 0))
			return true;
	return false;
}

static int due_uppdrag(struct due_list *l, const char *goal)
{
	struct styr_uppdrag u;
	struct styr_err probe;
	struct reported *rep;
	struct styr_due_item it;
	const char *prev = NULL;
	int i, state, rc;

	styr_err_init(&probe);
	rc = styr_uppdrag_find(l->db, goal, &u, &probe);
	if (rc == STYR_ENOTFOUND)
		return STYR_OK; /* a goal the unit owns that is no uppdrag */
	if (rc)
		return styr_error(l->err, probe.code, "%s", probe.msg);
	rep = calloc(1, sizeof(*rep));
	if (!rep)
		return styr_error(l->err, STYR_ENOMEM, "out of memory");
	rep->unit = l->unit;
	rc = styr_uppdrag_report_each(l->db, goal, note_report, rep, l->err);
	for (i = 0; !rc && i < u.nreport_dates; i++) {
		const char *d = u.report_dates[i];

		state = classify(l, reported_between(rep, prev, d), d, d);
		prev = d;
		if (state < 0)
			continue;
		memset(&it, 0, sizeof(it));
		it.state = (enum styr_due_state)state;
		snprintf(it.deadline, sizeof(it.deadline), "%s", d);
		snprintf(it.what, sizeof(it.what), "återrapportering av uppdrag %s", goal);
		snprintf(it.goal, sizeof(it.goal), "%s", goal);
		rc = due_add(l, &it);
	}
	if (!rc && u.deadline[0]) {
		state = classify(l, rep->done_on[0] != '\0', u.deadline, u.deadline);
		if (state >= 0) {
			memset(&it, 0, sizeof(it));
			it.state = (enum styr_due_state)state;
			snprintf(it.deadline, sizeof(it.deadline), "%s", u.deadline);
			snprintf(it.what, sizeof(it.what), "uppdrag %s ska vara genomfört", goal);
			snprintf(it.goal, sizeof(it.goal), "%s", goal);
			rc = due_add(l, &it);
		}
	}
	free(rep);
	return rc;
}

static int due_cmp(const void *a, const void *b)
{
	const struct styr_due_item *x = a, *y = b;
	int c =
	    strcmp(x->deadline[0] ? x->deadline : "9999", y->deadline[0] ? y->deadline : "9999");

	return c ? c : strcmp(x->what, y->what);
}

int styr_due_each(struct styr_db *db, const char *unit, const char *date, int horizon_days,
                  int (*cb)(void *ctx, const struct styr_due_item *it), void *ctx,
                  struct styr_err *err)
{
	struct due_list l;
	struct styr_org_unit u;
	size_t i;
	int year, rc;

	memset(&l, 0, sizeof(l));
	l.db = db;
	l.date = date;
	l.horizon = horizon_days;
	l.err = err;
	rc = styr_date_check(date, err);
	if (!rc)
		rc = styr_org_find(db, unit, &u, err);
	if (rc)
		return rc;
	l.unit = u.code; /* an alias resolves to the unit's code */
	year = atoi(date);
	rc = due_calendar(&l, year - 1);
	if (!rc)
		rc = due_calendar(&l, year);
	if (!rc)
		rc = styr_goal_owner_each(db, owned_goal, &l, err);
	for (i = 0; !rc && i < l.ngoals; i++)
		rc = due_uppdrag(&l, l.goals[i]);
	if (!rc && l.n)
		qsort(l.v, l.n, sizeof(*l.v), due_cmp);
	for (i = 0; !rc && i < l.n; i++)
		rc = cb(ctx, &l.v[i]);
	free(l.v);
	free(l.goals);
	return rc;
}

const char *styr_due_state_label(enum styr_due_state s)
{
	static const char *const labels[] = {
	    [STYR_DUE_DONE] = "inlämnad",
	    [STYR_DUE_OPEN] = "att göra",
	    [STYR_DUE_LATE] = "försenad",
	    [STYR_DUE_UNDATED] = "utan tidsfrist",
	};

	return (unsigned)s < sizeof(labels) / sizeof(labels[0]) ? labels[s] : "?";
}
