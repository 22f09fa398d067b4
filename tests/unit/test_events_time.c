/*
 * Tests for src/events/time.c: times and dates as event files print them,
 * with and without a zone (moved to Swedish wall-clock time by the EU
 * summer-time rule), by pattern (mapping key time_format), and what is
 * refused.  One table per behaviour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "events/events_int.h"
#include "styr/period.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* wall-clock seconds of y-m-d h:mi:s */
static int64_t wall(int y, int m, int d, int h, int mi, int s)
{
	return styr_days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 + s;
}

static const struct {
	const char *in, *fmt;
	int y, m, d, h, mi, s;
} time_ok[] = {
    {"2024-03-31 23:15", NULL, 2024, 3, 31, 23, 15, 0},
    {"2024-03-31 23:15:59", NULL, 2024, 3, 31, 23, 15, 59},
    {"2024-03-31T23:15:59", NULL, 2024, 3, 31, 23, 15, 59},
    {"2024-03-31T23:15:59.250", NULL, 2024, 3, 31, 23, 15, 59},
    {"2024-02-29 00:00", NULL, 2024, 2, 29, 0, 0, 0},
    {"2024-01-15", NULL, 2024, 1, 15, 0, 0, 0},
    /* winter: UTC+1 */
    {"2024-01-15T09:00:00Z", NULL, 2024, 1, 15, 10, 0, 0},
    {"2024-01-15T10:00:00+01:00", NULL, 2024, 1, 15, 10, 0, 0},
    {"2024-01-15T04:00:00-05:00", NULL, 2024, 1, 15, 10, 0, 0},
    /* summer: UTC+2, from 01:00 UTC on the last Sunday of March (31 March
     * 2024) to 01:00 UTC on the last Sunday of October (27 October) */
    {"2024-07-01T10:00:00Z", NULL, 2024, 7, 1, 12, 0, 0},
    {"2024-03-31T00:59:00Z", NULL, 2024, 3, 31, 1, 59, 0},
    {"2024-03-31T01:00:00Z", NULL, 2024, 3, 31, 3, 0, 0},
    {"2024-10-27T00:59:00Z", NULL, 2024, 10, 27, 2, 59, 0},
    {"2024-10-27T01:00:00Z", NULL, 2024, 10, 27, 2, 0, 0},
    /* a zone moves the time across midnight and the year */
    {"2024-12-31T23:30:00Z", NULL, 2025, 1, 1, 0, 30, 0},
    /* by pattern */
    {"31/12/2024 23.59", "%d/%m/%Y %H.%M", 2024, 12, 31, 23, 59, 0},
    {"20240131 0805", "%Y%m%d %H%M", 2024, 1, 31, 8, 5, 0},
    {"2024-06-01 12:00 +0200", "%Y-%m-%d %H:%M %z", 2024, 6, 1, 12, 0, 0},
};

static void test_time_ok(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(time_ok); i++) {
		int64_t t = 0;

		if (ev_parse_time(time_ok[i].in, time_ok[i].fmt, &t))
			fail_msg("%s: refused", time_ok[i].in);
		assert_int_equal(t, wall(time_ok[i].y, time_ok[i].m, time_ok[i].d, time_ok[i].h,
		                         time_ok[i].mi, time_ok[i].s));
	}
}

static const struct {
	const char *in, *fmt;
} time_bad[] = {
    {"", NULL},
    {"2024-13-01 10:00", NULL},
    {"2024-02-30 10:00", NULL},
    {"2023-02-29 10:00", NULL},
    {"2024-01-01 24:00", NULL},
    {"2024-01-01 10:60", NULL},
    {"2024-01-01 10", NULL},
    {"2024-01-01 10:00 extra", NULL},
    {"1.1.2024 10:00", NULL},
    {"2024-01-01 10:00+1", NULL},
    {"31/12/2024", "%d/%m/%Y %H.%M"},
    {"2024-01-01", "%Y-%m-%d %Q"},
};

static void test_time_bad(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(time_bad); i++) {
		int64_t t;

		if (!ev_parse_time(time_bad[i].in, time_bad[i].fmt, &t))
			fail_msg("%s: taken", time_bad[i].in);
	}
}

static const struct {
	const char *in, *fmt;
	int y, m, d;
} date_ok[] = {
    {"2024-01-31", NULL, 2024, 1, 31}, {"2000-02-29", NULL, 2000, 2, 29},
    {"1970-01-01", NULL, 1970, 1, 1},  {"1969-12-31", NULL, 1969, 12, 31},
    {"2201-07-04", NULL, 2201, 7, 4},  {"04.07.2201", "%d.%m.%Y", 2201, 7, 4},
};

static void test_date(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(date_ok); i++) {
		int32_t d = 0;
		int y, m, dd;

		assert_int_equal(ev_parse_date(date_ok[i].in, date_ok[i].fmt, &d), 0);
		assert_int_equal(d, styr_days_from_civil(date_ok[i].y, date_ok[i].m, date_ok[i].d));
		styr_civil_from_days(d, &y, &m, &dd);
		assert_int_equal(y, date_ok[i].y);
		assert_int_equal(m, date_ok[i].m);
		assert_int_equal(dd, date_ok[i].d);
	}
	assert_int_equal(styr_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(styr_days_from_civil(2024, 3, 1) - styr_days_from_civil(2024, 2, 1), 29);
	assert_int_not_equal(ev_parse_date("2100-02-29", NULL, &(int32_t){0}), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_time_ok),
	    cmocka_unit_test(test_time_bad),
	    cmocka_unit_test(test_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
