/*
 * Assessing a value against its target and its own history.  The rules
 * themselves live in model/target.c; this file only gathers the inputs from
 * the store: which target applies, and which value is "previous".
 */
#include <string.h>

#include "styr/calc.h"

int styr_value_assess_with(const struct styr_indicator *ind, const struct styr_value *v,
                           const struct styr_indicator_target *target,
                           const struct styr_value *previous, struct styr_assessment *out,
                           struct styr_err *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (target) {
		out->has_target = true;
		out->target = *target;
		rc = styr_target_parse(out->target.text, &out->parsed, err);
		if (rc) {
			styr_err_prefix(err, "target of %s for %s in %d: ", v->indicator,
			                out->target.unit[0] ? out->target.unit : "all units",
			                v->period.year);
			return rc;
		}
	}
	if (previous) {
		out->has_previous = true;
		out->previous = *previous;
	}
	out->direction = ind->has_direction ? ind->direction
	                 : out->has_target  ? styr_target_direction(&out->parsed)
	                                    : STYR_DIR_NONE;
	out->status =
	    out->has_target
	        ? styr_target_status(&out->parsed, &v->num,
	                             out->has_previous ? &out->previous.num : NULL, ind->tolerance)
	        : STYR_STATUS_NO_TARGET;
	out->trend =
	    styr_trend(out->direction, &v->num, out->has_previous ? &out->previous.num : NULL);
	return STYR_OK;
}

int styr_value_assess(struct styr_db *db, const struct styr_indicator *ind,
                      const struct styr_value *v, struct styr_assessment *out, struct styr_err *err)
{
	struct styr_period prev = styr_period_prev_year(&v->period);
	struct styr_indicator_target target;
	struct styr_value previous;
	struct styr_err local;
	bool has_target = false, has_previous = false;
	int rc;

	styr_err_init(&local);
	rc = styr_target_find(db, v->indicator, v->unit, v->period.year, &target, &local);
	if (rc == STYR_OK)
		has_target = true;
	else if (rc != STYR_ENOTFOUND)
		return styr_error(err, local.code, "%s", local.msg);
	styr_err_init(&local);
	rc = styr_value_find(db, v->indicator, v->unit, &prev, &previous, &local);
	if (rc == STYR_OK)
		has_previous = true;
	else if (rc != STYR_ENOTFOUND)
		return styr_error(err, local.code, "%s", local.msg);
	return styr_value_assess_with(ind, v, has_target ? &target : NULL,
	                              has_previous ? &previous : NULL, out, err);
}
