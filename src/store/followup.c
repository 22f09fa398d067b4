/*
 * The follow-up cycle around the goals: uppdrag (a goal with a deadline,
 * the dates it is reported on and the escalation step it has reached),
 * what its responsible boards report on it, the steps of its escalation
 * (seed 004 Tabell 3), and the year's follow-up plan with the reports
 * handed in against it (seed 003 Bilaga 6).
 *
 * An uppdrag's report dates are one column, "YYYY-MM-DD|YYYY-MM-DD": they
 * are only ever read and written together.  The checks that need the
 * domain (which escalation steps Tabell 3 allows) are calc/followup.c's;
 * the store only refuses what its keys make impossible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/checked.h"
#include "store/driver.h"

/* The key of goal, which must be an uppdrag. */
static int uppdrag_key(struct styr_db *db, const char *goal, long long *out, struct styr_err *err)
{
	struct query q;
	int rc = store_goal_id(db, goal, out, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_UPPDRAG_KEY, "looking up an uppdrag", err))
		return STYR_ESTORE;
	q_int(&q, *out);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc == 0)
		return styr_error(err, STYR_ENOTFOUND, "goal \"%s\" is not an uppdrag", goal);
	q_end(&q);
	return STYR_OK;
}

int styr_uppdrag_put(struct styr_db *db, const struct styr_uppdrag *u, struct styr_err *err)
{
	char dates[STYR_UPPDRAG_DATES_MAX * STYR_DATE_MAX];
	struct query q;
	size_t len = 0;
	long long gid;
	int i, rc = store_goal_id(db, u->goal, &gid, err);

	if (rc)
		return rc;
	dates[0] = '\0';
	for (i = 0; i < u->nreport_dates && len < sizeof(dates); i++)
		len += (size_t)snprintf(dates + len, sizeof(dates) - len, "%s%s", i ? "|" : "",
		                        u->report_dates[i]);
	if (q_start(&q, db, Q_UPPDRAG_PUT, "storing an uppdrag", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_text_or_null(&q, u->deadline);
	q_text(&q, dates);
	return q_exec(&q, NULL, err);
}

static void uppdrag_from_row(struct query *q, struct styr_uppdrag *u)
{
	const char *d = q_col_text(q, 2);

	memset(u, 0, sizeof(*u));
	q_col_copy(q, 0, u->goal, sizeof(u->goal));
	q_col_copy(q, 1, u->deadline, sizeof(u->deadline));
	while (*d && u->nreport_dates < STYR_UPPDRAG_DATES_MAX) {
		size_t n = strcspn(d, "|");

		snprintf(u->report_dates[u->nreport_dates++], STYR_DATE_MAX, "%.*s", (int)n, d);
		d += n + (d[n] == '|');
	}
	u->level = (enum styr_escalation)q_col_int(q, 3);
}

int styr_uppdrag_find(struct styr_db *db, const char *goal, struct styr_uppdrag *out,
                      struct styr_err *err)
{
	struct query q;
	long long gid;
	int rc = uppdrag_key(db, goal, &gid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_UPPDRAG_GET, "reading a row", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	Q_FIND(&q, out, uppdrag_from_row, err);
}

int styr_uppdrag_each(struct styr_db *db, int (*cb)(void *, const struct styr_uppdrag *), void *ctx,
                      struct styr_err *err)
{
	struct styr_uppdrag u;
	struct query q;

	if (q_start(&q, db, Q_UPPDRAG_EACH, "reading rows", err))
		return STYR_ESTORE;
	Q_WALK(&q, &u, uppdrag_from_row, cb, ctx, err);
}

/* Only a unit responsible for the uppdrag (one of its goal owners)
 * reports on it. */
static int report_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_uppdrag_report *r = row;
	struct query q;
	long long gid, uid;
	int rc = uppdrag_key(db, r->goal, &gid, err);

	if (!rc)
		rc = store_org_id(db, r->unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_GOAL_OWNER_IS, "looking up an owner", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_int(&q, uid);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc == 0)
		return styr_error(err, STYR_EINPUT,
		                  "unit \"%s\" is not responsible for uppdrag %s: expected one of "
		                  "its owners",
		                  r->unit, r->goal);
	q_end(&q);
	if (q_start(&q, db, Q_UPPDRAG_REPORT_PUT, "storing an uppdrag report", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_int(&q, uid);
	q_text(&q, r->date);
	q_text(&q, styr_uppdrag_status_name(r->status));
	q_text(&q, r->text);
	q_text(&q, r->source);
	return q_exec(&q, NULL, err);
}

static void report_from_row(struct query *q, struct styr_uppdrag_report *r)
{
	memset(r, 0, sizeof(*r));
	q_col_copy(q, 0, r->goal, sizeof(r->goal));
	q_col_copy(q, 1, r->unit, sizeof(r->unit));
	q_col_copy(q, 2, r->date, sizeof(r->date));
	styr_uppdrag_status_parse(q_col_text(q, 3), &r->status, NULL);
	q_col_copy(q, 4, r->text, sizeof(r->text));
	q_col_copy(q, 5, r->source, sizeof(r->source));
}

/* Reports are large; the walk gets its row from the caller's heap. */
static int report_walk(struct styr_db *db, const char *goal, struct styr_uppdrag_report *r,
                       int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx,
                       struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_UPPDRAG_REPORT_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_text(&q, goal);
	Q_WALK(&q, r, report_from_row, cb, ctx, err);
}

int styr_uppdrag_report_each(struct styr_db *db, const char *goal,
                             int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx,
                             struct styr_err *err)
{
	struct styr_uppdrag_report *r = malloc(sizeof(*r));
	int rc;

	if (!r)
		return styr_error(err, STYR_ENOMEM, "out of memory reading reports");
	rc = report_walk(db, goal, r, cb, ctx, err);
	free(r);
	return rc;
}

/* The step gets the next number of its uppdrag, and the uppdrag its
 * level, in the caller's transaction. */
int store_escalation_add(struct styr_db *db, const struct styr_escalation_step *s,
                         struct styr_err *err)
{
	struct query q;
	long long gid;
	int rc = uppdrag_key(db, s->goal, &gid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ESCALATION_ADD, "storing an escalation step", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_text(&q, s->date);
	q_int(&q, (int)s->from);
	q_int(&q, (int)s->to);
	q_text(&q, s->reason);
	q_text(&q, s->decided_by);
	rc = q_exec(&q, NULL, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_ESCALATION_LEVEL, "moving an uppdrag's escalation", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_int(&q, (int)s->to);
	return q_exec(&q, NULL, err);
}

static void step_from_row(struct query *q, struct styr_escalation_step *s)
{
	memset(s, 0, sizeof(*s));
	q_col_copy(q, 0, s->goal, sizeof(s->goal));
	s->seq = (int)q_col_int(q, 1);
	q_col_copy(q, 2, s->date, sizeof(s->date));
	s->from = (enum styr_escalation)q_col_int(q, 3);
	s->to = (enum styr_escalation)q_col_int(q, 4);
	q_col_copy(q, 5, s->reason, sizeof(s->reason));
	q_col_copy(q, 6, s->decided_by, sizeof(s->decided_by));
}

int styr_escalation_each(struct styr_db *db, const char *goal,
                         int (*cb)(void *, const struct styr_escalation_step *), void *ctx,
                         struct styr_err *err)
{
	struct styr_escalation_step s;
	struct query q;

	if (q_start(&q, db, Q_ESCALATION_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_text(&q, goal);
	Q_WALK(&q, &s, step_from_row, cb, ctx, err);
}

int styr_followup_rule_put(struct styr_db *db, const struct styr_followup_rule *r,
                           struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_FOLLOWUP_RULE_PUT, "storing a follow-up rule", err))
		return STYR_ESTORE;
	q_int(&q, r->year);
	q_text(&q, styr_report_kind_name(r->kind));
	q_int(&q, (int)r->months);
	q_text(&q, r->deadline);
	q_int(&q, r->decision);
	q_text(&q, r->source);
	return q_exec(&q, NULL, err);
}

static void rule_from_row(struct query *q, struct styr_followup_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->year = (int)q_col_int(q, 0);
	styr_report_kind_parse(q_col_text(q, 1), &r->kind, NULL);
	r->months = (unsigned)q_col_int(q, 2);
	q_col_copy(q, 3, r->deadline, sizeof(r->deadline));
	r->decision = q_col_int(q, 4) != 0;
	q_col_copy(q, 5, r->source, sizeof(r->source));
}

int styr_followup_rule_each(struct styr_db *db, int year,
                            int (*cb)(void *, const struct styr_followup_rule *), void *ctx,
                            struct styr_err *err)
{
	struct styr_followup_rule r;
	struct query q;

	if (q_start(&q, db, Q_FOLLOWUP_RULE_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_int(&q, year);
	Q_WALK(&q, &r, rule_from_row, cb, ctx, err);
}

int styr_followup_done_put(struct styr_db *db, const struct styr_followup_done *d,
                           struct styr_err *err)
{
	struct query q;
	long long uid;
	int rc = store_org_id(db, d->unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_FOLLOWUP_DONE_PUT, "storing a handed-in report", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_text(&q, styr_report_kind_name(d->kind));
	q_int(&q, d->period.year);
	q_int(&q, d->period.first_month);
	q_int(&q, d->period.last_month);
	q_text(&q, d->date);
	return q_exec(&q, NULL, err);
}

int styr_followup_done_find(struct styr_db *db, const char *unit, enum styr_report_kind kind,
                            const struct styr_period *p, struct styr_followup_done *out,
                            struct styr_err *err)
{
	struct query q;
	long long uid;
	int rc = store_org_id(db, unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_FOLLOWUP_DONE_GET, "reading a handed-in report", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_text(&q, styr_report_kind_name(kind));
	q_int(&q, p->year);
	q_int(&q, p->first_month);
	q_int(&q, p->last_month);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND, "%s has not handed in that report", unit);
	memset(out, 0, sizeof(*out));
	snprintf(out->unit, sizeof(out->unit), "%s", unit);
	out->kind = kind;
	out->period = *p;
	q_col_copy(&q, 0, out->date, sizeof(out->date));
	q_end(&q);
	return STYR_OK;
}

int styr_uppdrag_report_delete(struct styr_db *db, const char *goal, const char *unit,
                               const char *date, struct styr_err *err)
{
	struct query q;
	long long gid, uid, changed = 0;
	int rc = store_goal_id(db, goal, &gid, err);

	if (!rc)
		rc = store_org_id(db, unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_UPPDRAG_REPORT_DELETE, "deleting an uppdrag report", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_int(&q, uid);
	q_text(&q, date);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "no report of %s on uppdrag %s dated %s",
		                  unit, goal, date);
	return rc;
}

struct report_old {
	const struct styr_uppdrag_report *r;
	char *before;
	size_t size;
};

static int report_old_cb(void *ctx, const struct styr_uppdrag_report *x)
{
	struct report_old *o = ctx;

	if (!strcmp(x->unit, o->r->unit) && !strcmp(x->date, o->r->date))
		snprintf(o->before, o->size, "%s; %.900s", styr_uppdrag_status_name(x->status),
		         x->text);
	return 0;
}

int styr_uppdrag_report_put(struct styr_db *db, const struct styr_uppdrag_report *r,
                            struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct report_old o;
	int rc, month = 0;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing an uppdrag report");
	w->action = "uppdrag.report";
	w->unit = r->unit;
	if (strlen(r->date) >= 7 && r->date[0] >= '1' && r->date[0] <= '9') {
		w->period.year = atoi(r->date);
		month = atoi(r->date + 5);
		w->period.first_month = month >= 1 && month <= 12 ? month : 1;
		w->period.last_month = month >= 1 && month <= 12 ? month : 12;
	}
	snprintf(w->entity, sizeof(w->entity), "uppdrag %s %s %s", r->goal, r->unit, r->date);
	snprintf(w->after, sizeof(w->after), "%s; %.900s", styr_uppdrag_status_name(r->status),
	         r->text);
	/* the stored report of the day, so that an identical re-import is
	 * left alone */
	o.r = r;
	o.before = w->before;
	o.size = sizeof(w->before);
	rc = styr_uppdrag_report_each(db, r->goal, report_old_cb, &o, err);
	if (!rc)
		rc = gate_pass(db, w, report_store, r, err);
	free(w);
	return rc;
}
