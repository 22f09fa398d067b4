/*
 * Calculations on stored data.  An assessment is what a report row or an
 * API answer says about one value: its target for the year (the unit's own
 * or the one for all units), the value of the same months a year earlier,
 * and from these the status and the trend.
 *
 * Ownership: the assessment is the caller's plain memory.
 */
#ifndef STYR_CALC_H
#define STYR_CALC_H

#include "db.h"

struct styr_assessment {
	bool has_target;
	struct styr_indicator_target target; /* the row that applied */
	struct styr_target parsed;
	bool has_previous;
	struct styr_value previous;    /* same months, a year earlier */
	enum styr_direction direction; /* the indicator's, else the target's */
	enum styr_status status;
	enum styr_trend trend;
};

/* Assess v, a value of indicator ind (the caller has it at hand, as it
 * walks values by indicator).  A stored target text that no longer parses
 * is reported as STYR_EINPUT naming indicator, unit and year. */
int styr_value_assess(struct styr_db *db, const struct styr_indicator *ind,
                      const struct styr_value *v, struct styr_assessment *out,
                      struct styr_err *err);
/* The same with what it reads given: target (NULL: none) is the one
 * styr_target_find gives for v's indicator, unit and year, previous (NULL:
 * none) the value of the same period a year before.  Reads nothing. */
int styr_value_assess_with(const struct styr_indicator *ind, const struct styr_value *v,
                           const struct styr_indicator_target *target,
                           const struct styr_value *previous, struct styr_assessment *out,
                           struct styr_err *err);

/* The latest period of an indicator's frequency ("månad", "tertial", else
 * a year) that has ended before the month (year, month) began. */
struct styr_period styr_period_last_ended(const char *frequency, int year, int month);

/* One of a unit's own indicators (one it has reported a value for) with
 * the period due on a day and the value stored for it, if any. */
struct styr_expected {
	struct styr_indicator indicator;
	struct styr_period period; /* the latest period ended by that day */
	bool has_value;
	struct styr_value value;
};

/* Each of unit's own indicators, in code order, with what is due in the
 * month (year, month).  cb returns 0 to go on. */
int styr_expected_each(struct styr_db *db, const char *unit, int year, int month,
                       int (*cb)(void *ctx, const struct styr_expected *e), void *ctx,
                       struct styr_err *err);

#endif
