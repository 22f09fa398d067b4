/*
 * What units write and weigh beside their figures: analysis texts (the
 * three questions of a report, per unit, period and subject), the plan for
 * internal control (one risk per row, walked highest risk value first),
 * and the weights of the goal attainment indices.
 *
 * Analyses and controls are large rows; their walks get the row from the
 * heap, as goal.c's does.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/checked.h"
#include "store/driver.h"

static int analysis_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_analysis *a = row;
	struct query q;
	long long uid;
	int rc = store_org_id(db, a->unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ANALYSIS_PUT, "storing an analysis", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_int(&q, a->period.year);
	q_int(&q, a->period.first_month);
	q_int(&q, a->period.last_month);
	q_text(&q, a->subject);
	q_text(&q, a->title);
	q_text(&q, a->what);
	q_text(&q, a->why);
	q_text(&q, a->next);
	q_text(&q, styr_analysis_state_name(a->state));
	q_text(&q, a->author);
	q_text(&q, a->source);
	return q_exec(&q, NULL, err);
}

static void analysis_from_row(struct query *q, struct styr_analysis *a)
{
	memset(a, 0, sizeof(*a));
	q_col_copy(q, 0, a->unit, sizeof(a->unit));
	a->period.year = (int)q_col_int(q, 1);
	a->period.first_month = (int)q_col_int(q, 2);
	a->period.last_month = (int)q_col_int(q, 3);
	q_col_copy(q, 4, a->subject, sizeof(a->subject));
	q_col_copy(q, 5, a->title, sizeof(a->title));
	q_col_copy(q, 6, a->what, sizeof(a->what));
	q_col_copy(q, 7, a->why, sizeof(a->why));
	q_col_copy(q, 8, a->next, sizeof(a->next));
	styr_analysis_state_parse(q_col_text(q, 9), &a->state, NULL);
	q_col_copy(q, 10, a->author, sizeof(a->author));
	q_col_copy(q, 11, a->source, sizeof(a->source));
}

static int analysis_walk(struct styr_db *db, const struct styr_analysis_filter *f, long long uid,
                         struct styr_analysis *a, int (*cb)(void *, const struct styr_analysis *),
                         void *ctx, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_ANALYSIS_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_int(&q, f ? f->year : 0);
	q_text(&q, f ? f->subject : NULL);
	Q_WALK(&q, a, analysis_from_row, cb, ctx, err);
}

int styr_analysis_each(struct styr_db *db, const struct styr_analysis_filter *f,
                       int (*cb)(void *, const struct styr_analysis *), void *ctx,
                       struct styr_err *err)
{
	struct styr_analysis *a;
	long long uid = 0;
	int rc = f && f->unit ? store_org_id(db, f->unit, &uid, err) : STYR_OK;

	if (rc)
		return rc;
	a = malloc(sizeof(*a));
	if (!a)
		return styr_error(err, STYR_ENOMEM, "out of memory reading analyses");
	rc = analysis_walk(db, f, uid, a, cb, ctx, err);
	free(a);
	return rc;
}

/* The store's half of styr_internal_control_put (calc/control.c checks
 * the scales first). */
static int control_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_internal_control *c = row;
	struct query q;
	long long uid;
	int rc = store_org_id(db, c->unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_INTERNAL_CONTROL_PUT, "storing an internal control", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_int(&q, c->year);
	q_text(&q, c->risk);
	q_int(&q, c->probability);
	q_int(&q, c->consequence);
	q_text(&q, c->control);
	q_text(&q, c->responsible);
	q_text(&q, c->frequency);
	q_text(&q, c->result);
	q_text(&q, c->actions);
	return q_exec(&q, NULL, err);
}

static void control_from_row(struct query *q, struct styr_internal_control *c)
{
	memset(c, 0, sizeof(*c));
	q_col_copy(q, 0, c->unit, sizeof(c->unit));
	c->year = (int)q_col_int(q, 1);
	q_col_copy(q, 2, c->risk, sizeof(c->risk));
	c->probability = (int)q_col_int(q, 3);
	c->consequence = (int)q_col_int(q, 4);
	q_col_copy(q, 5, c->control, sizeof(c->control));
	q_col_copy(q, 6, c->responsible, sizeof(c->responsible));
	q_col_copy(q, 7, c->frequency, sizeof(c->frequency));
	q_col_copy(q, 8, c->result, sizeof(c->result));
	q_col_copy(q, 9, c->actions, sizeof(c->actions));
}

static int control_walk(struct styr_db *db, long long uid, int year,
                        struct styr_internal_control *c,
                        int (*cb)(void *, const struct styr_internal_control *), void *ctx,
                        struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_INTERNAL_CONTROL_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_int(&q, year);
	Q_WALK(&q, c, control_from_row, cb, ctx, err);
}

int styr_internal_control_each(struct styr_db *db, const char *unit, int year,
                               int (*cb)(void *, const struct styr_internal_control *), void *ctx,
                               struct styr_err *err)
{
	struct styr_internal_control *c;
	long long uid = 0;
	int rc = unit ? store_org_id(db, unit, &uid, err) : STYR_OK;

	if (rc)
		return rc;
	c = malloc(sizeof(*c));
	if (!c)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	rc = control_walk(db, uid, year, c, cb, ctx, err);
	free(c);
	return rc;
}

int styr_index_weight_put(struct styr_db *db, const struct styr_index_weight *w,
                          struct styr_err *err)
{
	struct query q;
	long long iid;
	int rc = store_ind_id(db, w->indicator, &iid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_INDEX_WEIGHT_PUT, "storing an index weight", err))
		return STYR_ESTORE;
	q_text(&q, w->index);
	q_int(&q, iid);
	q_double(&q, w->weight);
	return q_exec(&q, NULL, err);
}

static void weight_from_row(struct query *q, struct styr_index_weight *w)
{
	memset(w, 0, sizeof(*w));
	q_col_copy(q, 0, w->index, sizeof(w->index));
	q_col_copy(q, 1, w->indicator, sizeof(w->indicator));
	w->weight = q_col_double(q, 2);
}

int styr_index_weight_each(struct styr_db *db, const char *index,
                           int (*cb)(void *, const struct styr_index_weight *), void *ctx,
                           struct styr_err *err)
{
	struct styr_index_weight w;
	struct query q;

	if (q_start(&q, db, Q_INDEX_WEIGHT_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_text(&q, index);
	Q_WALK(&q, &w, weight_from_row, cb, ctx, err);
}

int styr_analysis_delete(struct styr_db *db, const char *unit, const struct styr_period *p,
                         const char *subject, const char *title, struct styr_err *err)
{
	struct query q;
	long long uid, changed = 0;
	int rc = store_org_id(db, unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_ANALYSIS_DELETE, "deleting an analysis", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_int(&q, p->year);
	q_int(&q, p->first_month);
	q_int(&q, p->last_month);
	q_text(&q, subject);
	q_text(&q, title);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "no analysis of %s on %s titled \"%s\"",
		                  unit, subject, title);
	return rc;
}

/* --- through the write gate (gate.c) --- */

struct analysis_old {
	const struct styr_analysis *a;
	char *before;
	size_t size;
	bool other; /* a field beside title and text changed */
};

static int analysis_old_cb(void *ctx, const struct styr_analysis *x)
{
	struct analysis_old *o = ctx;

	if (!styr_period_cmp(&x->period, &o->a->period) && !strcmp(x->subject, o->a->subject) &&
	    !strcmp(x->title, o->a->title)) {
		snprintf(o->before, o->size, "%.80s: %.160s", x->title, x->what);
		o->other = strcmp(x->why, o->a->why) || strcmp(x->next, o->a->next) ||
		           x->state != o->a->state || strcmp(x->author, o->a->author);
	}
	return 0;
}

int styr_analysis_put(struct styr_db *db, const struct styr_analysis *a, struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct styr_analysis_filter f = {a->unit, a->period.year, a->subject};
	char period[STYR_PERIOD_TEXT_MAX];
	struct analysis_old o;
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing an analysis");
	w->action = "analysis.put";
	w->unit = a->unit;
	w->period = a->period;
	styr_period_format(&a->period, period, sizeof(period));
	snprintf(w->entity, sizeof(w->entity), "analysis %s %s %s", a->unit, period, a->subject);
	/* as the audit log has always kept it: title and text */
	snprintf(w->after, sizeof(w->after), "%.80s: %.160s", a->title, a->what);
	o.a = a;
	o.before = w->before;
	o.size = sizeof(w->before);
	o.other = false;
	rc = store_org_id(db, a->unit, &(long long){0}, err);
	if (!rc)
		rc = styr_analysis_each(db, &f, analysis_old_cb, &o, err);
	if (!rc && o.other && !strcmp(w->before, w->after))
		snprintf(w->after + strlen(w->after), sizeof(w->after) - strlen(w->after),
		         " (varför, vad händer eller status ändrade)");
	if (!rc)
		rc = gate_pass(db, w, analysis_store, a, err);
	free(w);
	return rc;
}

static void control_describe(const struct styr_internal_control *c, char *buf, size_t size)
{
	snprintf(buf, size, "%d×%d; %.200s; %.100s; %.100s; %.200s; %.200s", c->probability,
	         c->consequence, c->control, c->responsible, c->frequency, c->result, c->actions);
}

struct control_old {
	const struct styr_internal_control *c;
	char *before;
	size_t size;
};

static int control_old_cb(void *ctx, const struct styr_internal_control *x)
{
	struct control_old *o = ctx;

	if (x->year == o->c->year && !strcmp(x->risk, o->c->risk))
		control_describe(x, o->before, o->size);
	return 0;
}

int store_internal_control_put(struct styr_db *db, const struct styr_internal_control *c,
                               struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct control_old o;
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing an internal control");
	w->action = "control.put";
	w->unit = c->unit;
	if (c->year) {
		w->period.year = c->year;
		w->period.first_month = 1;
		w->period.last_month = 12;
	}
	snprintf(w->entity, sizeof(w->entity), "control %s %d %.150s", c->unit, c->year, c->risk);
	control_describe(c, w->after, sizeof(w->after));
	/* the stored control of the risk, so that an identical re-import is
	 * left alone */
	o.c = c;
	o.before = w->before;
	o.size = sizeof(w->before);
	rc = styr_internal_control_each(db, c->unit, c->year, control_old_cb, &o, err);
	if (!rc)
		rc = gate_pass(db, w, control_store, c, err);
	free(w);
	return rc;
}
