/*
 * Periods of follow-up.  Every period is a year and a run of months within
 * it: a year is months 1–12, a month is one month, a tertial four months
 * (T1 jan–apr, T2 maj–aug, T3 sep–dec), and a delår any run from January
 * (jan–aug).  Reports are cumulative from January, so "jan–aug 2024" is the
 * usual delårsrapport period.
 *
 * Canonical text (in files, the API and the store), parsed and formatted:
 *   "2024"            the year
 *   "2024-03"         March 2024
 *   "2024T2"          tertial 2, May–August
 *   "2024-01..08"     January to August 2024 (any other run of months)
 * Also parsed, as people write them: "jan–aug 2024", "jan-dec 2024",
 * "2024 jan-aug", "januari–augusti 2024", "mars 2024", "T1 2024".
 * Swedish labels for display: "2024", "mars 2024", "tertial 2 2024",
 * "jan–aug 2024".
 *
 * Ownership: plain values; output to caller buffers.
 */
#ifndef STYR_PERIOD_H
#define STYR_PERIOD_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <time.h>

#include "err.h"

struct styr_period {
	int year;        /* 1900..2999 */
	int first_month; /* 1..12 */
	int last_month;  /* first_month..12 */
};

enum styr_period_kind {
	STYR_PERIOD_YEAR,
	STYR_PERIOD_MONTH,
	STYR_PERIOD_TERTIAL,
	STYR_PERIOD_RANGE
};

#define STYR_PERIOD_TEXT_MAX 32

int styr_period_parse(const char *text, struct styr_period *out, struct styr_err *err);
enum styr_period_kind styr_period_kind(const struct styr_period *p);
/* Canonical text, as above.  Both writers return the bytes written (the
 * output is NUL-terminated, truncated to size on a character boundary) and
 * write "" for an invalid period.  The kind follows from the months, so
 * "2024-05..08" is written "2024T2". */
size_t styr_period_format(const struct styr_period *p, char *buf, size_t size);
/* Swedish label for people. */
size_t styr_period_label(const struct styr_period *p, char *buf, size_t size);
/* The same months one year earlier: the comparison period of a report. */
struct styr_period styr_period_prev_year(const struct styr_period *p);
/* Order by year, then first month, then last month; <0, 0 or >0. */
int styr_period_cmp(const struct styr_period *a, const struct styr_period *b);
bool styr_period_valid(const struct styr_period *p);

/* The civil calendar (Howard Hinnant's algorithms): days since 1970-01-01
 * and back, and the days of a month, for any year of the Gregorian
 * calendar. */
int64_t styr_days_from_civil(int y, int m, int d);
void styr_civil_from_days(int64_t z, int *y, int *m, int *d);
int styr_month_days(int y, int m);

/* A moment as stored times are written: ISO 8601 UTC,
 * "2025-03-31T12:00:00Z". */
#define STYR_TIME_MAX 32
void styr_time_iso(time_t t, char out[STYR_TIME_MAX]);

#endif
