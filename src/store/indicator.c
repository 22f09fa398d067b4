/*
 * The Indikatorbibliotek: indicators, their targets per unit and year (a
 * unit without its own target has the region's, unit 0, and a year
 * without one the latest before it), and their values per unit and
 * period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int styr_target_put(struct styr_db *db, const struct styr_indicator_target *t, struct styr_err *err)
{
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

int styr_value_put(struct styr_db *db, const struct styr_value *v, struct styr_err *err)
{
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
	if (q_start(&q, db, Q_VALUE_EACH, "reading rows", err))
		return STYR_ESTORE;
	q_text(&q, f ? f->indicator : NULL);
	q_int(&q, uid);
	q_int(&q, f ? f->year : 0);
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

/* IND_REFS's kinds, in its order; the deletions, the indicator last. */
static const char *const ind_ref_what[] = {"values",
                                           "gender values",
                                           "targets",
                                           "goal links",
                                           "index weights",
                                           "open-data entries",
                                           "withdrawn open values"};
static const enum sql_id ind_del[] = {Q_IND_DEL_VALUE,     Q_IND_DEL_GENDER, Q_IND_DEL_TARGET,
                                      Q_IND_DEL_GOAL,      Q_IND_DEL_WEIGHT, Q_IND_DEL_OPEN,
                                      Q_IND_DEL_WITHDRAWN, Q_IND_DELETE};
static const char *const ind_del_what[] = {"values",
                                           "gender values",
                                           "targets",
                                           "goal links",
                                           "index weights",
                                           "open-data entries",
                                           "withdrawn open values",
                                           NULL};

int styr_indicator_refs(struct styr_db *db, const char *code, struct styr_refs *out,
                        struct styr_err *err)
{
	long long id;
	int rc = store_ind_id(db, code, &id, err);

	return rc ? rc
	          : store_refs(db, Q_IND_REFS, id, NULL, ind_ref_what,
	                       sizeof(ind_ref_what) / sizeof(ind_ref_what[0]), out, err);
}

int styr_indicator_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                          struct styr_err *err)
{
	long long id;
	int rc = store_ind_id(db, code, &id, err);

	if (deleted)
		memset(deleted, 0, sizeof(*deleted));
	if (!rc)
		rc = store_delete_all(db, ind_del, NULL, ind_del_what,
		                      sizeof(ind_del) / sizeof(ind_del[0]), id, NULL, deleted, err);
	store_forget_keys(db);
	return rc;
}
