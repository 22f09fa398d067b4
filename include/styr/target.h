/*
 * Target expressions: the "Mål" column of an indicator table is a small
 * language, and this module parses it into a typed value and evaluates a
 * value against it.  The original text is always kept for display; this is
 * only its meaning.
 *
 *   "-" or empty            no target (ej målsatt)
 *   ">95" ">95 %" "≥80%" "≥ 70%" "<10%" "100%*"
 *                           comparison; '*' marks a footnote; a bare number
 *                           ("100%") means at least that (≥)
 *   "<0,5/100 vpl" "<1/100 vpl."
 *                           a rate per 100 vårdplatser
 *   "≥ 10 % minskning/år"   relative change against the previous year
 *   "Ökning" "Minskning"    direction against the previous year
 *
 * Status of a value: uppfyllt (met), nära (near: not met, but within the
 * indicator's tolerance of the threshold), ej uppfyllt (not met), saknas
 * (missing: no value, or no previous value for a relative target) and ej
 * målsatt (no target).  Trend compares with the previous period, taking the
 * indicator's direction into account (for "<10%", lower is better).
 *
 * Ownership: plain values; nothing allocates.
 */
#ifndef STYR_TARGET_H
#define STYR_TARGET_H

#include <stdbool.h>

#include "err.h"
#include "num.h"

enum styr_target_op {
	STYR_TARGET_NONE = 0,
	STYR_TARGET_GT,       /* value >  threshold */
	STYR_TARGET_GE,       /* value >= threshold */
	STYR_TARGET_LT,       /* value <  threshold */
	STYR_TARGET_LE,       /* value <= threshold */
	STYR_TARGET_EQ,       /* value == threshold */
	STYR_TARGET_CHANGE,   /* (value-prev)/prev*100 compared by change_op */
	STYR_TARGET_INCREASE, /* value > previous */
	STYR_TARGET_DECREASE  /* value < previous */
};

enum styr_direction {
	STYR_DIR_NONE = 0, /* neither higher nor lower is better */
	STYR_DIR_UP,       /* higher is better */
	STYR_DIR_DOWN      /* lower is better */
};

struct styr_target {
	enum styr_target_op op;
	/* For GT..EQ: the threshold in the value's unit (95 for ">95%").
	 * For CHANGE: the required change in percent, negative for a decrease
	 * ("≥ 10 % minskning/år" gives -10 with change_op LE: the change must
	 * be -10 % or less). */
	double threshold;
	enum styr_target_op change_op;
	bool percent;      /* the threshold was written with '%' */
	int per;           /* 100 for "/100 vpl", else 0 */
	char per_unit[16]; /* "vpl" */
	bool footnote;     /* a '*' was attached */
};

enum styr_status {
	STYR_STATUS_NO_TARGET = 0,
	STYR_STATUS_MET,
	STYR_STATUS_NEAR,
	STYR_STATUS_NOT_MET,
	STYR_STATUS_MISSING
};

enum styr_trend {
	STYR_TREND_NONE = 0, /* nothing to compare with */
	STYR_TREND_BETTER,
	STYR_TREND_SAME,
	STYR_TREND_WORSE,
	STYR_TREND_CHANGED /* changed, but the indicator has no direction */
};

/* Parse a "Mål" cell.  Unknown text gives STYR_EINPUT with a message
 * such as: target "ca 95": expected a target such as ">95%", "≥ 10 %
 * minskning/år", "Ökning" or "-". */
int styr_target_parse(const char *text, struct styr_target *out, struct styr_err *err);

/* The direction a target implies: ">" up, "<" down, "minskning" down... */
enum styr_direction styr_target_direction(const struct styr_target *t);

/* Status of value against t.  previous is the value of the period one year
 * earlier (may be NULL).  tolerance is the indicator's "near" band in the
 * value's unit (percentage points for a percent); a negative tolerance means
 * the default: 5 % of the threshold, which gives a threshold of 0 no band.
 * For INCREASE and DECREASE the threshold is the previous value; for CHANGE
 * the band applies to the change in percent.  Differences below 1e-9 of the
 * threshold count as equal (rounding noise of computed values). */
enum styr_status styr_target_status(const struct styr_target *t, const struct styr_num *value,
                                    const struct styr_num *previous, double tolerance);

/* SAME when both print alike at the larger of their decimals; otherwise
 * BETTER or WORSE by dir, CHANGED for STYR_DIR_NONE; NONE when either is
 * NULL or not a value. */
enum styr_trend styr_trend(enum styr_direction dir, const struct styr_num *value,
                           const struct styr_num *previous);

/* Stable English names for files and the API: "met", "near", "not_met",
 * "missing", "no_target"; "better", "same", "worse", "changed", "". */
const char *styr_status_name(enum styr_status s);
const char *styr_trend_name(enum styr_trend t);
/* Swedish labels for people: "Uppfyllt", "Nära", "Ej uppfyllt", "Saknas",
 * "Ej målsatt"; "Bättre", "Oförändrad", "Sämre", "Förändrad", "". */
const char *styr_status_label(enum styr_status s);
const char *styr_trend_label(enum styr_trend t);
/* "up", "down", "none" and back (case-insensitive); unknown text gives
 * STYR_EINPUT. */
const char *styr_direction_name(enum styr_direction d);
int styr_direction_parse(const char *text, enum styr_direction *out, struct styr_err *err);

#endif
