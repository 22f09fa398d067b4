/*
 * Two ways a region sums up how things stand: the internal control plan
 * (internkontroll) that ranks a unit's risks by probability × consequence,
 * and the goal attainment index of seed 004 (lines 1857-1870: "Index
 * beskriver ett sammanvägt värde av måluppfyllelsen för flera indikatorer"
 * in areas such as säker vård, cancer and akutsjukvård).
 *
 * Seed 004 names the index areas but not the weights or the indicators in
 * them (those are in the Indikatorbibliotek, which the seed does not
 * print), so both are data (index_weight rows) and only the rule is code:
 * each indicator's status against its target is worth 100 (uppfyllt), 50
 * (nära) or 0 (ej uppfyllt); the index is the weighted mean over the
 * indicators that have a value and a target; every indicator's share of
 * the index is reported, so a reader sees what moved it.  The 100/50/0
 * scale is one table below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/checked.h"
#include "styr/buf.h"
#include "styr/calc.h"
#include "styr/goals.h"

int styr_risk_value(const struct styr_internal_control *c)
{
	if (c->probability < 1 || c->probability > STYR_RISK_SCALE_MAX || c->consequence < 1 ||
	    c->consequence > STYR_RISK_SCALE_MAX)
		return 0;
	return c->probability * c->consequence;
}

int styr_internal_control_put(struct styr_db *db, const struct styr_internal_control *c,
                              struct styr_err *err)
{
	if (c->probability < 1 || c->probability > STYR_RISK_SCALE_MAX)
		return styr_error(err, STYR_EINPUT, "probability %d: expected 1 to %d",
		                  c->probability, STYR_RISK_SCALE_MAX);
	if (c->consequence < 1 || c->consequence > STYR_RISK_SCALE_MAX)
		return styr_error(err, STYR_EINPUT, "consequence %d: expected 1 to %d",
		                  c->consequence, STYR_RISK_SCALE_MAX);
	if (!c->risk[0] || !c->control[0] || !c->responsible[0])
		return styr_error(
		    err, STYR_EINPUT,
		    "risk, control and responsible are required for internal control");
	return store_internal_control_put(db, c, err);
}

/* What a status is worth in the index. */
static const struct {
	enum styr_status status;
	double attainment;
} attainment[] = {
    {STYR_STATUS_MET, 100.0},
    {STYR_STATUS_NEAR, 50.0},
    {STYR_STATUS_NOT_MET, 0.0},
};

struct weights {
	struct styr_index_weight *v;
	size_t n, cap;
	struct styr_err *err;
};

static int take_weight(void *ctx, const struct styr_index_weight *w)
{
	struct weights *l = ctx;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), l->err))
		return STYR_ENOMEM;
	l->v[l->n++] = *w;
	return 0;
}

int styr_index_compute(struct styr_db *db, const char *index, const char *unit, int year,
                       int (*part_cb)(void *ctx, const struct styr_index_part *p), void *ctx,
                       struct styr_index_result *out, struct styr_err *err)
{
	struct weights w = {NULL, 0, 0, err};
	struct styr_index_part *parts = NULL;
	struct styr_indicator *ind = malloc(sizeof(*ind));
	struct styr_value *v = malloc(sizeof(*v));
	struct styr_assessment *a = malloc(sizeof(*a));
	struct styr_org_unit u;
	struct styr_period whole = {year, 1, 12};
	double total = 0, sum = 0;
	size_t i, k;
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(out->index, sizeof(out->index), "%s", index);
	if (!ind || !v || !a) {
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
		goto done;
	}
	rc = styr_org_find(db, unit, &u, err);
	if (!rc)
		rc = styr_index_weight_each(db, index, take_weight, &w, err);
	if (!rc && !w.n)
		rc = styr_error(err, STYR_ENOTFOUND, "index \"%s\" has no indicators", index);
	if (!rc && !(parts = calloc(w.n, sizeof(*parts))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; !rc && i < w.n; i++) {
		struct styr_err probe;

		snprintf(parts[i].indicator, sizeof(parts[i].indicator), "%s", w.v[i].indicator);
		parts[i].weight = w.v[i].weight;
		parts[i].status = STYR_STATUS_MISSING;
		rc = styr_indicator_find(db, w.v[i].indicator, ind, err);
		if (rc)
			break;
		styr_err_init(&probe);
		if (styr_value_find(db, ind->code, u.code, &whole, v, &probe) != STYR_OK)
			continue; /* no value for the year: listed, not counted */
		rc = styr_value_assess(db, ind, v, a, err);
		if (rc)
			break;
		parts[i].status = a->status;
		for (k = 0; k < sizeof(attainment) / sizeof(attainment[0]); k++)
			if (attainment[k].status == a->status) {
				parts[i].counted = true;
				parts[i].attainment = attainment[k].attainment;
			}
		if (parts[i].counted) {
			total += parts[i].weight;
			sum += parts[i].weight * parts[i].attainment;
			out->counted++;
		}
	}
	out->parts = w.n;
	if (!rc && total > 0)
		out->value = sum / total;
	for (i = 0; !rc && i < w.n; i++) {
		if (parts[i].counted && total > 0)
			parts[i].contribution = parts[i].weight * parts[i].attainment / total;
		if (part_cb)
			rc = part_cb(ctx, &parts[i]);
	}
done:
	free(w.v);
	free(parts);
	free(ind);
	free(v);
	free(a);
	return rc;
}
