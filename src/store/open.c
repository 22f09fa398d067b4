/*
 * Open data (issue 19, migration 0009): the publication of indicators
 * with their Kolada ids, the official codes of org units, values for
 * women and men beside the totals, withdrawn open values, and the walk of
 * the values anyone may read (the rule of what is open is its statement,
 * OPEN_VALUE_EACH in catalogue.def).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"

/* Publishing with neither a Kolada id nor a date removes the row. */
int styr_open_indicator_put(struct styr_db *db, const struct styr_open_indicator *o,
                            struct styr_err *err)
{
	struct query q;
	long long id;
	bool drop = !o->kolada_id[0] && !o->published[0];
	int rc = store_ind_id(db, o->indicator, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, drop ? Q_OPEN_IND_DELETE : Q_OPEN_IND_PUT,
	            "storing an indicator's publication", err))
		return STYR_ESTORE;
	q_int(&q, id);
	if (!drop) {
		q_text_or_null(&q, o->kolada_id);
		q_text_or_null(&q, o->published);
	}
	return q_exec(&q, NULL, err);
}

static void open_indicator_from_row(struct query *q, struct styr_open_indicator *o)
{
	memset(o, 0, sizeof(*o));
	q_col_copy(q, 0, o->indicator, sizeof(o->indicator));
	q_col_copy(q, 1, o->kolada_id, sizeof(o->kolada_id));
	q_col_copy(q, 2, o->published, sizeof(o->published));
}

int styr_open_indicator_each(struct styr_db *db,
                             int (*cb)(void *, const struct styr_open_indicator *), void *ctx,
                             struct styr_err *err)
{
	struct styr_open_indicator o;
	struct query q;

	if (q_start(&q, db, Q_OPEN_IND_EACH, "reading publications", err))
		return STYR_ESTORE;
	Q_WALK(&q, &o, open_indicator_from_row, cb, ctx, err);
}

/* A unit without an official code has no row. */
int styr_open_unit_put(struct styr_db *db, const struct styr_open_unit *u, struct styr_err *err)
{
	struct query q;
	long long id;
	bool drop = !u->official_code[0];
	int rc = store_org_id(db, u->unit, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, drop ? Q_OPEN_UNIT_DELETE : Q_OPEN_UNIT_PUT, "storing an official code",
	            err))
		return STYR_ESTORE;
	q_int(&q, id);
	if (!drop)
		q_text(&q, u->official_code);
	return q_exec(&q, NULL, err);
}

static void open_unit_from_row(struct query *q, struct styr_open_unit *u)
{
	memset(u, 0, sizeof(*u));
	q_col_copy(q, 0, u->unit, sizeof(u->unit));
	q_col_copy(q, 1, u->official_code, sizeof(u->official_code));
}

int styr_open_unit_each(struct styr_db *db, int (*cb)(void *, const struct styr_open_unit *),
                        void *ctx, struct styr_err *err)
{
	struct styr_open_unit u;
	struct query q;

	if (q_start(&q, db, Q_OPEN_UNIT_EACH, "reading official codes", err))
		return STYR_ESTORE;
	Q_WALK(&q, &u, open_unit_from_row, cb, ctx, err);
}

/* A value's number and missing reason from five columns from c on:
 * kind, value, decimals, percent, missing_reason. */
static void number_from_row(struct query *q, int c, struct styr_value *v)
{
	v->num.kind = (enum styr_num_kind)q_col_int(q, c);
	v->num.value = q_col_double(q, c + 1);
	v->num.decimals = (int)q_col_int(q, c + 2);
	v->num.percent = q_col_int(q, c + 3) != 0;
	q_col_copy(q, c + 4, v->missing_reason, sizeof(v->missing_reason));
}

static void open_value_from_row(struct query *q, struct styr_open_value *o)
{
	struct styr_value *v = &o->value;

	memset(o, 0, sizeof(*o));
	q_col_copy(q, 0, v->indicator, sizeof(v->indicator));
	q_col_copy(q, 1, v->unit, sizeof(v->unit));
	v->period.year = (int)q_col_int(q, 2);
	v->period.first_month = 1;
	v->period.last_month = 12;
	number_from_row(q, 3, v);
	q_col_copy(q, 8, o->changed, sizeof(o->changed));
	q_col_copy(q, 9, o->gender, sizeof(o->gender));
}

int styr_open_value_each(struct styr_db *db, const char *today,
                         int (*cb)(void *, const struct styr_open_value *), void *ctx,
                         struct styr_err *err)
{
	struct styr_open_value o;
	struct query q;

	if (q_start(&q, db, Q_OPEN_VALUE_EACH, "reading open values", err))
		return STYR_ESTORE;
	q_text(&q, today);
	Q_WALK(&q, &o, open_value_from_row, cb, ctx, err);
}

/* Gender values: K and M beside the total in value. */
static int gender_store(struct styr_db *db, const void *row, struct styr_err *err)
{
	const struct styr_gender_value *g = row;
	const struct styr_value *v = &g->value;
	struct query q;
	long long iid, uid;
	int rc;

	if (strcmp(g->gender, "K") && strcmp(g->gender, "M"))
		return styr_error(err, STYR_EINPUT, "gender \"%s\": expected K or M", g->gender);
	if ((rc = store_ind_id(db, v->indicator, &iid, err)) ||
	    (rc = store_org_id(db, v->unit, &uid, err)))
		return rc;
	if (q_start(&q, db, Q_GENDER_PUT, "storing a gender value", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid);
	q_int(&q, v->period.year);
	q_int(&q, v->period.first_month);
	q_int(&q, v->period.last_month);
	q_text(&q, g->gender);
	q_int(&q, (int)v->num.kind);
	if (v->num.kind == STYR_NUM_VALUE)
		q_double(&q, v->num.value);
	else
		q_null(&q);
	q_int(&q, v->num.decimals);
	q_int(&q, v->num.percent);
	q_text(&q, v->missing_reason);
	q_text(&q, v->source);
	return q_exec(&q, NULL, err);
}

static void gender_value_from_row(struct query *q, struct styr_gender_value *g)
{
	struct styr_value *v = &g->value;

	memset(g, 0, sizeof(*g));
	q_col_copy(q, 0, v->indicator, sizeof(v->indicator));
	q_col_copy(q, 1, v->unit, sizeof(v->unit));
	v->period.year = (int)q_col_int(q, 2);
	v->period.first_month = (int)q_col_int(q, 3);
	v->period.last_month = (int)q_col_int(q, 4);
	q_col_copy(q, 5, g->gender, sizeof(g->gender));
	number_from_row(q, 6, v);
	q_col_copy(q, 11, v->source, sizeof(v->source));
}

int styr_gender_value_each(struct styr_db *db, int (*cb)(void *, const struct styr_gender_value *),
                           void *ctx, struct styr_err *err)
{
	struct styr_gender_value g;
	struct query q;

	if (q_start(&q, db, Q_GENDER_EACH, "reading gender values", err))
		return STYR_ESTORE;
	Q_WALK(&q, &g, gender_value_from_row, cb, ctx, err);
}

/* Withdrawn open values (Kolada's is_deleted). */
int styr_open_withdrawn_put(struct styr_db *db, const struct styr_open_value *o,
                            struct styr_err *err)
{
	struct query q;
	long long iid, uid;
	int rc;

	if ((rc = store_ind_id(db, o->value.indicator, &iid, err)) ||
	    (rc = store_org_id(db, o->value.unit, &uid, err)))
		return rc;
	if (q_start(&q, db, Q_WITHDRAWN_PUT, "storing a withdrawal", err))
		return STYR_ESTORE;
	q_int(&q, iid);
	q_int(&q, uid);
	q_int(&q, o->value.period.year);
	q_text(&q, o->gender);
	q_text(&q, o->changed);
	return q_exec(&q, NULL, err);
}

static void withdrawn_from_row(struct query *q, struct styr_open_value *o)
{
	memset(o, 0, sizeof(*o));
	q_col_copy(q, 0, o->value.indicator, sizeof(o->value.indicator));
	q_col_copy(q, 1, o->value.unit, sizeof(o->value.unit));
	o->value.period.year = (int)q_col_int(q, 2);
	o->value.period.first_month = 1;
	o->value.period.last_month = 12;
	q_col_copy(q, 3, o->gender, sizeof(o->gender));
	q_col_copy(q, 4, o->changed, sizeof(o->changed));
}

int styr_open_withdrawn_each(struct styr_db *db, int (*cb)(void *, const struct styr_open_value *),
                             void *ctx, struct styr_err *err)
{
	struct styr_open_value o;
	struct query q;

	if (q_start(&q, db, Q_WITHDRAWN_EACH, "reading withdrawals", err))
		return STYR_ESTORE;
	Q_WALK(&q, &o, withdrawn_from_row, cb, ctx, err);
}

struct gender_old {
	const struct styr_gender_value *g;
	char *before;
	size_t size;
};

static int gender_old_cb(void *ctx, const struct styr_gender_value *x)
{
	struct gender_old *o = ctx;

	if (!strcmp(x->gender, o->g->gender) &&
	    !strcmp(x->value.indicator, o->g->value.indicator) &&
	    !strcmp(x->value.unit, o->g->value.unit) &&
	    !styr_period_cmp(&x->value.period, &o->g->value.period))
		styr_value_format(&x->value, NULL, o->before, o->size);
	return 0;
}

int styr_gender_value_put(struct styr_db *db, const struct styr_gender_value *g,
                          struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	struct gender_old o;
	char period[STYR_PERIOD_TEXT_MAX], num[64];
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory storing a gender value");
	w->action = "gender.put";
	w->unit = g->value.unit;
	w->period = g->value.period;
	styr_period_format(&g->value.period, period, sizeof(period));
	snprintf(w->entity, sizeof(w->entity), "gender %s %s %s %s", g->value.indicator,
	         g->value.unit, period, g->gender);
	styr_value_format(&g->value, NULL, num, sizeof(num));
	snprintf(w->after, sizeof(w->after), "%s", num);
	/* the stored figure, so that an identical re-import is left alone */
	o.g = g;
	o.before = w->before;
	o.size = sizeof(w->before);
	rc = styr_gender_value_each(db, gender_old_cb, &o, err);
	if (!rc)
		rc = gate_pass(db, w, gender_store, g, err);
	free(w);
	return rc;
}
