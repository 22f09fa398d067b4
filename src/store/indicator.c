/*
 * The Indikatorbibliotek: indicators, their targets per unit and year (a
 * unit without its own target has the region's, unit 0, and a year
 * without one the latest before it), and their values per unit and
 * period.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/driver.h"

int styr_indicator_put(struct styr_db *db, const struct styr_indicator *ind, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_IND_PUT, "storing an indicator", err))
		return STYR_ESTORE;
	q_text(&q, ind->code);
	q_text(&q, ind->name);
	q_text(&q, ind->definition);
	q_text(&q, ind->unit);
	q_text(&q, ind->has_direction ? styr_direction_name(ind->direction) : NULL);
	q_text(&q, ind->frequency);
	q_text(&q, ind->source);
	if (ind->tolerance >= 0)
		q_double(&q, ind->tolerance);
	else
		q_null(&q);
	q_text(&q, styr_indicator_category_name(ind->category));
	return q_exec(&q, NULL, err);
}

static void ind_from_row(struct query *q, struct styr_indicator *ind)
{
	memset(ind, 0, sizeof(*ind));
	q_col_copy(q, 0, ind->code, sizeof(ind->code));
	q_col_copy(q, 1, ind->name, sizeof(ind->name));
	q_col_copy(q, 2, ind->definition, sizeof(ind->definition));
	q_col_copy(q, 3, ind->unit, sizeof(ind->unit));
	if (!q_col_null(q, 4)) {
		ind->has_direction = true;
		styr_direction_parse(q_col_text(q, 4), &ind->direction, NULL);
	}
	q_col_copy(q, 5, ind->frequency, sizeof(ind->frequency));
	q_col_copy(q, 6, ind->source, sizeof(ind->source));
	ind->tolerance = q_col_null(q, 7) ? -1 : q_col_double(q, 7);
	/* The column's CHECK admits only names the parser knows. */
	styr_indicator_category_parse(q_col_text(q, 8), &ind->category, NULL);
}

int styr_indicator_find(struct styr_db *db, const char *code, struct styr_indicator *out,
                        struct styr_err *err)
{
	struct query q;
	long long id;
	int rc = store_ind_id(db, code, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_IND_GET, "reading a row", err))
		return STYR_ESTORE;
	q_int(&q, id);
	Q_FIND(&q, out, ind_from_row, err);
}

static int ind_walk(struct styr_db *db, struct styr_indicator *ind,
                    int (*cb)(void *, const struct styr_indicator *), void *ctx,
                    struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_IND_EACH, "reading rows", err))
		return STYR_ESTORE;
	Q_WALK(&q, ind, ind_from_row, cb, ctx, err);
}

int styr_indicator_each(struct styr_db *db, int (*cb)(void *, const struct styr_indicator *),
                        void *ctx, struct styr_err *err)
{
	struct styr_indicator *ind = malloc(sizeof(*ind));
	int rc;

	if (!ind)
		return styr_error(err, STYR_ENOMEM, "out of memory reading indicators");
	rc = ind_walk(db, ind, cb, ctx, err);
	free(ind);
	return rc;
}

static int target_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_indicator_target *t = row;
	struct query q;
	long long iid, uid = 0;
	int rc = store_ind_id(db, t->indicator, &iid, err);

	if (!rc && t->unit[0])
		rc = store_org_id(db, t->unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_TARGET_PUT, "storing a target", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid); /* 0: all units */
	q_int(&q, t->year);
	q_text(&q, t->text);
	return q_exec(&q, NULL, err);
}

int styr_target_find(struct styr_db *db, const char *indicator, const char *unit, int year,
                     struct styr_indicator_target *out, struct styr_err *err)
{
	struct query q;
	long long iid, uid = 0;
	int rc = store_ind_id(db, indicator, &iid, err);

	if (!rc && unit && unit[0])
		rc = store_org_id(db, unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_TARGET_GET, "reading a target", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid);
	q_int(&q, year);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND, "indicator %s has no target for %d",
		                  indicator, year);
	memset(out, 0, sizeof(*out));
	snprintf(out->indicator, sizeof(out->indicator), "%s", indicator);
	if (q_col_int(&q, 1))
		snprintf(out->unit, sizeof(out->unit), "%s", unit);
	out->year = (int)q_col_int(&q, 2);
	q_col_copy(&q, 0, out->text, sizeof(out->text));
	q_end(&q);
	return STYR_OK;
}

static void target_from_row(struct query *q, struct styr_indicator_target *t)
{
	memset(t, 0, sizeof(*t));
	q_col_copy(q, 0, t->indicator, sizeof(t->indicator));
	q_col_copy(q, 1, t->unit, sizeof(t->unit));
	t->year = (int)q_col_int(q, 2);
	q_col_copy(q, 3, t->text, sizeof(t->text));
}

int styr_target_each(struct styr_db *db, int (*cb)(void *, const struct styr_indicator_target *),
                     void *ctx, struct styr_err *err)
{
	struct styr_indicator_target t;
	struct query q;

	if (q_start(&q, db, Q_TARGET_EACH, "reading rows", err))
		return STYR_ESTORE;
	Q_WALK(&q, &t, target_from_row, cb, ctx, err);
}

int styr_target_each_unit(struct styr_db *db, const char *unit,
                          int (*cb)(void *, const struct styr_indicator_target *), void *ctx,
                          struct styr_err *err)
{
	struct styr_indicator_target t;
	struct query q;
	long long uid;
	int rc = store_org_id(db, unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_TARGET_EACH_UNIT, "reading a unit's targets", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	q_text(&q, unit);
	Q_WALK(&q, &t, target_from_row, cb, ctx, err);
}

static int value_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_value *v = row;
	struct query q;
	long long iid, uid;
	int rc = store_ind_id(db, v->indicator, &iid, err);

	if (!rc)
		rc = store_org_id(db, v->unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_VALUE_PUT, "storing a value", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid);
	q_int(&q, v->period.year);
	q_int(&q, v->period.first_month);
	q_int(&q, v->period.last_month);
	q_int(&q, (int)v->num.kind);
	if (v->num.kind == STYR_NUM_VALUE)
		q_double(&q, v->num.value);
	else
		q_null(&q);
	q_int(&q, v->num.decimals);
	q_int(&q, v->num.percent);
	if (v->has_numerator)
		q_double(&q, v->numerator);
	else
		q_null(&q);
	if (v->has_denominator)
		q_double(&q, v->denominator);
	else
		q_null(&q);
	q_text(&q, v->missing_reason);
	q_text(&q, v->source);
	if (v->has_comment)
		q_text(&q, v->comment);
	else
		q_null(&q);
	return q_exec(&q, NULL, err);
}

static void value_from_row(struct query *q, struct styr_value *v)
{
	memset(v, 0, sizeof(*v));
	q_col_copy(q, 0, v->indicator, sizeof(v->indicator));
	q_col_copy(q, 1, v->unit, sizeof(v->unit));
	v->period.year = (int)q_col_int(q, 2);
	v->period.first_month = (int)q_col_int(q, 3);
	v->period.last_month = (int)q_col_int(q, 4);
	v->num.kind = (enum styr_num_kind)q_col_int(q, 5);
	v->num.value = q_col_double(q, 6);
	v->num.decimals = (int)q_col_int(q, 7);
	v->num.percent = q_col_int(q, 8) != 0;
	v->has_numerator = !q_col_null(q, 9);
	v->numerator = q_col_double(q, 9);
	v->has_denominator = !q_col_null(q, 10);
	v->denominator = q_col_double(q, 10);
	q_col_copy(q, 11, v->missing_reason, sizeof(v->missing_reason));
	q_col_copy(q, 12, v->source, sizeof(v->source));
	v->has_comment = true;
	q_col_copy(q, 13, v->comment, sizeof(v->comment));
}

int styr_value_find(struct styr_db *db, const char *indicator, const char *unit,
                    const struct styr_period *p, struct styr_value *out, struct styr_err *err)
{
	struct query q;
	long long iid, uid;
	int rc = store_ind_id(db, indicator, &iid, err);

	if (!rc)
		rc = store_org_id(db, unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_VALUE_GET, "reading a value", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid);
	q_int(&q, p->year);
	q_int(&q, p->first_month);
	q_int(&q, p->last_month);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND, "no value of %s for %s", indicator, unit);
	value_from_row(&q, out);
	q_end(&q);
	return STYR_OK;
}

int styr_value_each(struct styr_db *db, const struct styr_value_filter *f,
                    int (*cb)(void *, const struct styr_value *), void *ctx, struct styr_err *err)
{
	struct styr_value v;
	struct query q;
	long long uid = 0;
	int rc = f && f->unit ? store_org_id(db, f->unit, &uid, err) : STYR_OK;

	if (rc)
		return rc;
	if (q_start(&q, db, uid ? Q_VALUE_EACH_UNIT : Q_VALUE_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_text(&q, f ? f->indicator : NULL);
	q_int(&q, uid);
	q_int(&q, f ? f->year : 0);
	Q_WALK(&q, &v, value_from_row, cb, ctx, err);
}

int styr_value_latest_each(struct styr_db *db, const char *unit,
                           int (*cb)(void *, const struct styr_value *), void *ctx,
                           struct styr_err *err)
{
	struct styr_value v;
	struct query q;
	long long uid;
	int rc = store_org_id(db, unit, &uid, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_VALUE_LATEST_UNIT, "reading the latest values", err))
		return STYR_ESTORE;
	q_int(&q, uid);
	Q_WALK(&q, &v, value_from_row, cb, ctx, err);
}

/* A value with its gender breakdown (catalogue.def says why). */
int styr_value_delete(struct styr_db *db, const char *indicator, const char *unit,
                      const struct styr_period *p, struct styr_err *err)
{
	static const enum sql_id del[] = {Q_VALUE_GENDER_DELETE, Q_VALUE_DELETE};
	struct query q;
	long long iid, uid, changed = 0;
	int rc = store_ind_id(db, indicator, &iid, err);
	size_t i;

	if (!rc)
		rc = store_org_id(db, unit, &uid, err);
	for (i = 0; !rc && i < 2; i++) {
		if (q_start(&q, db, del[i], "deleting a value", err))
			return STYR_ESTORE;
		q_int(&q, iid);
		q_int(&q, uid);
		q_int(&q, p->year);
		q_int(&q, p->first_month);
		q_int(&q, p->last_month);
		rc = q_exec(&q, &changed, err);
	}
	if (!rc && !changed) {
		char period[STYR_PERIOD_TEXT_MAX];

		styr_period_format(p, period, sizeof(period));
		return styr_error(err, STYR_ENOTFOUND, "no value of %s for %s in %s", indicator,
		                  unit, period);
	}
	return rc;
}

int styr_target_delete(struct styr_db *db, const char *indicator, const char *unit, int year,
                       struct styr_err *err)
{
	struct query q;
	long long iid, uid = 0, changed = 0;
	int rc = store_ind_id(db, indicator, &iid, err);

	if (!rc && unit[0])
		rc = store_org_id(db, unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_TARGET_DELETE, "deleting a target", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid); /* 0: all units */
	q_int(&q, year);
	rc = q_exec(&q, &changed, err);
	if (!rc && !changed)
		return styr_error(err, STYR_ENOTFOUND, "no target of %s for %s set for %d",
		                  indicator, unit[0] ? unit : "all units", year);
	return rc;
}

/* IND_REFS's kinds, in its order, which is also that of the deletions;
 * the indicator itself last, named by the closing NULL. */
static const char *const ind_what[] = {"values",
                                       "gender values",
                                       "targets",
                                       "goal links",
                                       "index weights",
                                       "open-data entries",
                                       "withdrawn open values",
                                       NULL};
static const enum sql_id ind_del[] = {Q_IND_DEL_VALUE,     Q_IND_DEL_GENDER, Q_IND_DEL_TARGET,
                                      Q_IND_DEL_GOAL,      Q_IND_DEL_WEIGHT, Q_IND_DEL_OPEN,
                                      Q_IND_DEL_WITHDRAWN, Q_IND_DELETE};
_Static_assert(sizeof(ind_del) / sizeof(ind_del[0]) == sizeof(ind_what) / sizeof(ind_what[0]),
               "each deletion has its name in ind_what");

int styr_indicator_refs(struct styr_db *db, const char *code, struct styr_refs *out,
                        struct styr_err *err)
{
	long long id;
	int rc = store_ind_id(db, code, &id, err);

	return rc ? rc
	          : store_refs(db, Q_IND_REFS, id, NULL, ind_what,
	                       sizeof(ind_what) / sizeof(ind_what[0]) - 1, out, err);
}

int styr_indicator_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                          struct styr_err *err)
{
	long long id;
	int rc = store_ind_id(db, code, &id, err);

	if (deleted)
		memset(deleted, 0, sizeof(*deleted));
	if (!rc)
		rc = store_delete_all(db, ind_del, NULL, ind_what,
		                      sizeof(ind_del) / sizeof(ind_del[0]), id, NULL, deleted, err);
	store_forget_keys(db);
	return rc;
}

/* A value as the audit log keeps it: the figure, and its comment. */
static void value_describe(const struct styr_value *v, char *buf, size_t size)
{
	char num[64];
	size_t n;

	styr_value_format(v, NULL, num, sizeof(num));
	n = (size_t)snprintf(buf, size, "%s", num);
	if (v->has_numerator && n < size)
		n += (size_t)snprintf(buf + n, size - n, "; täljare %g", v->numerator);
	if (v->has_denominator && n < size)
		n += (size_t)snprintf(buf + n, size - n, "; nämnare %g", v->denominator);
	if (v->comment[0] && n < size)
		snprintf(buf + n, size - n, "; kommentar: %s", v->comment);
}

static bool same_figure(const struct styr_value *a, const struct styr_value *b)
{
	return a->num.kind == b->num.kind && a->num.value == b->num.value &&
	       a->num.decimals == b->num.decimals && a->has_numerator == b->has_numerator &&
	       a->has_denominator == b->has_denominator &&
	       (!a->has_numerator || a->numerator == b->numerator) &&
	       (!a->has_denominator || a->denominator == b->denominator) &&
	       !strcmp(a->missing_reason, b->missing_reason);
}

/* A value against its indicator, the same on every path: a finite
 * number; a percentage within 0..100; a count whole and not negative. */
static int value_check(struct styr_db *db, const struct styr_value *v, struct styr_err *err)
{
	struct store_gate *g = &db->gate;
	double x = v->num.value;

	if (v->num.kind != STYR_NUM_VALUE)
		return STYR_OK;
	if (!isfinite(x) || (v->has_numerator && !isfinite(v->numerator)) ||
	    (v->has_denominator && !isfinite(v->denominator)))
		return styr_error(err, STYR_EINPUT, "value: expected a finite number");
	if (strcmp(g->ind_code, v->indicator)) {
		struct styr_indicator *ind = malloc(sizeof(*ind));
		int rc;

		if (!ind)
			return styr_error(err, STYR_ENOMEM, "out of memory checking a value");
		rc = styr_indicator_find(db, v->indicator, ind, err);
		if (!rc) {
			snprintf(g->ind_code, sizeof(g->ind_code), "%s", ind->code);
			snprintf(g->ind_unit, sizeof(g->ind_unit), "%s", ind->unit);
		}
		free(ind);
		if (rc)
			return rc;
	}
	/* A share lies within 0..100.  A figure computed from a numerator and
	 * a denominator (the event engine's bed occupancy of 102,5 %, a change
	 * of -8,1 %) says how it was reached, and is taken as it is. */
	if ((v->num.percent || !strcmp(g->ind_unit, "%")) && (x < 0 || x > 100) &&
	    !(v->has_numerator && v->has_denominator))
		return styr_error(
		    err, STYR_EINPUT,
		    "value %g: expected a percentage from 0 to 100 (indicator %s is in "
		    "%%; other figures only with the numerator and denominator that "
		    "give them)",
		    x, v->indicator);
	/* a count is whole and not negative, unless computed (a mean, a
	 * change: numerator and denominator) */
	if (!strcasecmp(g->ind_unit, "antal") && (x < 0 || x != floor(x)) &&
	    !(v->has_numerator && v->has_denominator))
		return styr_error(
		    err, STYR_EINPUT,
		    "value %g: expected a whole number, 0 or more (indicator %s counts)", x,
		    v->indicator);
	return STYR_OK;
}

/* Through the gate (gate.c).  A value without a comment of its own
 * (has_comment false) keeps the stored one; a changed comment alone is
 * audited as value.comment, so that `styr report diff` still names who
 * changed the figure. */
int styr_value_put(struct styr_db *db, const struct styr_value *v, struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct styr_value *old = malloc(sizeof(*old)), *nv = malloc(sizeof(*nv));
	char period[STYR_PERIOD_TEXT_MAX];
	struct styr_err local;
	int rc;

	if (!w || !old || !nv) {
		rc = styr_error(err, STYR_ENOMEM, "out of memory storing a value");
		goto out;
	}
	*nv = *v;
	if (!nv->has_comment)
		nv->comment[0] = '\0';
	styr_period_format(&v->period, period, sizeof(period));
	snprintf(w->entity, sizeof(w->entity), "value %s %s %s", v->indicator, v->unit, period);
	/* unknown codes first, as the store names them */
	if ((rc = store_ind_id(db, v->indicator, &(long long){0}, err)) ||
	    (rc = store_org_id(db, v->unit, &(long long){0}, err)))
		goto out;
	if ((rc = value_check(db, v, err))) {
		styr_err_prefix(err, "%s: ", w->entity);
		goto out;
	}
	w->action = "value.put";
	w->unit = v->unit;
	w->period = v->period;
	styr_err_init(&local);
	rc = styr_value_find(db, v->indicator, v->unit, &v->period, old, &local);
	if (rc == STYR_OK) {
		if (!nv->has_comment)
			snprintf(nv->comment, sizeof(nv->comment), "%s", old->comment);
		if (same_figure(old, nv) && strcmp(old->comment, nv->comment))
			w->action = "value.comment";
		value_describe(old, w->before, sizeof(w->before));
		/* equal figures and comment: the gate leaves it alone */
		if (!same_figure(old, nv) || strcmp(old->comment, nv->comment))
			value_describe(nv, w->after, sizeof(w->after));
		else
			snprintf(w->after, sizeof(w->after), "%s", w->before);
	} else if (rc == STYR_ENOTFOUND) {
		value_describe(nv, w->after, sizeof(w->after));
	} else {
		rc = styr_error(err, local.code, "%s", local.msg);
		goto out;
	}
	rc = gate_pass(db, w, value_store, v, err);
out:
	free(w);
	free(old);
	free(nv);
	return rc;
}

/* A target for one unit is that unit's, locked with its year; the
 * region's (unit "") is bound to no unit's report. */
int styr_target_put(struct styr_db *db, const struct styr_indicator_target *t, struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct styr_indicator_target old;
	struct styr_err local;
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing a target");
	w->action = "target.put";
	w->unit = t->unit;
	w->period.year = t->year;
	w->period.first_month = 1;
	w->period.last_month = 12;
	snprintf(w->entity, sizeof(w->entity), "target %s %s %d", t->indicator,
	         t->unit[0] ? t->unit : "-", t->year);
	snprintf(w->after, sizeof(w->after), "%s", t->text);
	styr_err_init(&local);
	rc = styr_target_find(db, t->indicator, t->unit, t->year, &old, &local);
	if (rc == STYR_OK && old.year == t->year && !strcmp(old.unit, t->unit))
		snprintf(w->before, sizeof(w->before), "%s", old.text);
	if (rc == STYR_OK || rc == STYR_ENOTFOUND)
		rc = gate_pass(db, w, target_store, t, err);
	else
		rc = styr_error(err, local.code, "%s", local.msg);
	free(w);
	return rc;
}
