/*
 * What a unit is expected to report: its own indicators (those it has ever
 * reported a value for, so a hospital is not asked for the region's 84)
 * and, for each, the latest period of the indicator's frequency that has
 * ended on a given day (a month's figure is due once the month is over, a
 * tertial's once the tertial is, a year's once the year is).  Min sida and
 * the entry grid ask this, so they agree on what is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "styr/buf.h"
#include "styr/calc.h"

struct styr_period styr_period_last_ended(const char *frequency, int year, int month)
{
	struct styr_period p;

	if (frequency && !strcasecmp(frequency, "månad")) {
		p.year = month > 1 ? year : year - 1;
		p.first_month = p.last_month = month > 1 ? month - 1 : 12;
	} else if (frequency && !strcasecmp(frequency, "tertial")) {
		int t = (month - 1) / 4; /* tertials ended this year */

		p.year = t ? year : year - 1;
		p.first_month = t ? 4 * (t - 1) + 1 : 9;
		p.last_month = p.first_month + 3;
	} else {
		p.year = year - 1;
		p.first_month = 1;
		p.last_month = 12;
	}
	return p;
}

struct own {
	char (*codes)[STYR_CODE_MAX];
	size_t n, cap;
	struct styr_err *err;
};

/* Values come ordered by indicator: a new code starts a run. */
static int own_cb(void *ctx, const struct styr_value *v)
{
	struct own *o = ctx;

	if (o->n && !strcmp(o->codes[o->n - 1], v->indicator))
		return 0;
	if (styr_array_grow((void **)&o->codes, &o->cap, o->n, sizeof(*o->codes), o->err))
		return -1;
	snprintf(o->codes[o->n++], STYR_CODE_MAX, "%s", v->indicator);
	return 0;
}

int styr_expected_each(struct styr_db *db, const char *unit, int year, int month,
                       int (*cb)(void *ctx, const struct styr_expected *e), void *ctx,
                       struct styr_err *err)
{
	struct styr_value_filter f = {NULL, unit, 0};
	struct own o = {NULL, 0, 0, err};
	struct styr_expected e;
	struct styr_err local;
	size_t i;
	int rc;

	if ((rc = styr_value_each(db, &f, own_cb, &o, err))) {
		free(o.codes);
		return rc < 0 && !err->code ? styr_error(err, STYR_ENOMEM, "out of memory") : rc;
	}
	for (i = 0; i < o.n && !rc; i++) {
		memset(&e, 0, sizeof(e));
		if ((rc = styr_indicator_find(db, o.codes[i], &e.indicator, err)))
			break;
		e.period = styr_period_last_ended(e.indicator.frequency, year, month);
		styr_err_init(&local);
		rc = styr_value_find(db, e.indicator.code, unit, &e.period, &e.value, &local);
		if (rc == STYR_OK)
			e.has_value = true;
		else if (rc != STYR_ENOTFOUND) {
			styr_error(err, local.code, "%s", local.msg);
			break;
		}
		rc = cb(ctx, &e);
	}
	free(o.codes);
	return rc;
}
