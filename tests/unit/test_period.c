/*
 * Tests for src/base/period.c: the canonical forms and the ways people
 * write periods, the kind computed from the months, canonical text and
 * Swedish labels, and ordering.  One table per behaviour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "styr/period.h"

#define EN_DASH "\xe2\x80\x93"
#define EM_DASH "\xe2\x80\x94"
#define NBSP    "\xc2\xa0"
#define N(a)    (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *in;
	int year, first, last;
} parse_ok[] = {
    /* Canonical forms. */
    {"2024", 2024, 1, 12},
    {"2024-03", 2024, 3, 3},
    {"2024-3", 2024, 3, 3},
    {"2024-12", 2024, 12, 12},
    {"2024T1", 2024, 1, 4},
    {"2024T2", 2024, 5, 8},
    {"2024T3", 2024, 9, 12},
    {"2024t2", 2024, 5, 8},
    {"2024-01..08", 2024, 1, 8},
    {"2024-03..05", 2024, 3, 5},
    {"2024-01..12", 2024, 1, 12},
    {"1900", 1900, 1, 12},
    {"2999-12", 2999, 12, 12},
    /* As people write them: months first or year first, any dash. */
    {"jan" EN_DASH "aug 2024", 2024, 1, 8},
    {"jan-aug 2024", 2024, 1, 8},
    {"jan - aug 2024", 2024, 1, 8},
    {"jan" EM_DASH "aug 2024", 2024, 1, 8},
    {"jan-dec 2024", 2024, 1, 12},
    {"2024 jan-aug", 2024, 1, 8},
    {"2024 jan" EN_DASH "aug", 2024, 1, 8},
    {"januari" EN_DASH "augusti 2024", 2024, 1, 8},
    {"januari-december 2024", 2024, 1, 12},
    {"Jan" EN_DASH "Aug 2024", 2024, 1, 8},
    {"JAN-AUG 2024", 2024, 1, 8},
    {"jan." EN_DASH "aug. 2024", 2024, 1, 8},
    {"sept-dec 2024", 2024, 9, 12},
    {"maj-aug 2024", 2024, 5, 8},
    /* Single months, full names and abbreviations. */
    {"mars 2024", 2024, 3, 3},
    {"Mars 2024", 2024, 3, 3},
    {"mar 2024", 2024, 3, 3},
    {"2024 mars", 2024, 3, 3},
    {"januari 2024", 2024, 1, 1},
    {"februari 2024", 2024, 2, 2},
    {"feb 2024", 2024, 2, 2},
    {"april 2024", 2024, 4, 4},
    {"maj 2024", 2024, 5, 5},
    {"juni 2024", 2024, 6, 6},
    {"jun 2024", 2024, 6, 6},
    {"juli 2024", 2024, 7, 7},
    {"jul 2024", 2024, 7, 7},
    {"augusti 2024", 2024, 8, 8},
    {"september 2024", 2024, 9, 9},
    {"okt 2024", 2024, 10, 10},
    {"oktober 2024", 2024, 10, 10},
    {"nov 2024", 2024, 11, 11},
    {"november 2024", 2024, 11, 11},
    {"dec 2024", 2024, 12, 12},
    {"december 2024", 2024, 12, 12},
    /* Tertials. */
    {"T1 2024", 2024, 1, 4},
    {"t3 2024", 2024, 9, 12},
    {"2024 T2", 2024, 5, 8},
    {"tertial 2 2024", 2024, 5, 8},
    {"Tertial 1 2024", 2024, 1, 4},
    {"2024 tertial 3", 2024, 9, 12},
    /* White space of every kind around and between. */
    {"  2024  ", 2024, 1, 12},
    {"jan" EN_DASH "aug" NBSP "2024", 2024, 1, 8},
    {"jan-aug\n2024", 2024, 1, 8},
    /* A month run that is a tertial or a year is one. */
    {"jan-apr 2024", 2024, 1, 4},
    {"mars-mars 2024", 2024, 3, 3},
};

static void test_parse_ok(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(parse_ok); i++) {
		struct styr_period p;
		struct styr_err err;

		styr_err_init(&err);
		if (styr_period_parse(parse_ok[i].in, &p, &err) != STYR_OK)
			fail_msg("row %zu \"%s\": %s", i, parse_ok[i].in, err.msg);
		if (p.year != parse_ok[i].year || p.first_month != parse_ok[i].first ||
		    p.last_month != parse_ok[i].last)
			fail_msg("row %zu \"%s\": %d %d..%d", i, parse_ok[i].in, p.year,
			         p.first_month, p.last_month);
	}
}

#define EXPECTED ": expected a period such as 2024, 2024-03, 2024T2 or jan" EN_DASH "aug 2024"

static const char *const parse_bad[] = {
    "2024-13",
    "2024-00",
    "2024-123",
    "1899",
    "3000",
    "24",
    "20245",
    "2024T4",
    "2024T0",
    "2024T12",
    "T 2024",
    "2024-08..01",
    "2024-01..13",
    "2024-01..",
    "2024-01.08",
    "2024-01-08",
    "aug-jan 2024",
    "ja 2024",
    "foo 2024",
    "marsch 2024",
    "jan-aug",
    "jan aug 2024",
    "jan-aug-dec 2024",
    "2024 2025",
    "mars 2024 2025",
    "",
    "   ",
    "2024/03",
    "Q1 2024",
    "2024-",
    "-2024",
    "jan-",
    "1 2 3 4 5 6 7 8 9",
    "tertial 2024",
    "2024 tertial",
    "2024 T",
    "2024 jan-",
    "2024 - mars",
    "h\xc3\xb6st 2024",
    "2024~",
    "2024-01..aug",
    "jan-foo 2024",
    "foo-aug 2024",
    "jan x aug 2024",
    "jan..aug 2024",
    "T 22 2024",
};

static void test_parse_bad(void **state)
{
	char want[256];

	(void)state;
	for (size_t i = 0; i < N(parse_bad); i++) {
		struct styr_period p = {1, 1, 1};
		struct styr_err err;

		styr_err_init(&err);
		if (styr_period_parse(parse_bad[i], &p, &err) != STYR_EINPUT)
			fail_msg("row %zu \"%s\" was accepted as %d %d..%d", i, parse_bad[i],
			         p.year, p.first_month, p.last_month);
		snprintf(want, sizeof(want), "period \"%s\"" EXPECTED, parse_bad[i]);
		assert_string_equal(err.msg, want);
		assert_int_equal(p.year, 0);
	}
}

static void test_parse_messages(void **state)
{
	struct styr_period p;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_period_parse("2024-13", &p, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "period \"2024-13\": expected a period such as 2024, "
	                             "2024-03, 2024T2 or jan" EN_DASH "aug 2024");
	/* A NULL text is an empty one; a NULL err only loses the message. */
	styr_err_init(&err);
	assert_int_equal(styr_period_parse(NULL, &p, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "period \"\"" EXPECTED);
	assert_int_equal(styr_period_parse("x", &p, NULL), STYR_EINPUT);
	/* A newline in the text does not break the message's line. */
	styr_err_init(&err);
	assert_int_equal(styr_period_parse("jan\nfoo", &p, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "period \"jan foo\"" EXPECTED);
	/* Long text is cut short, with an ellipsis. */
	styr_err_init(&err);
	assert_int_equal(styr_period_parse("jan-aug 2024 jan-aug 2024 jan-aug 2024 jan-aug 2024 "
	                                   "jan-aug 2024",
	                                   &p, &err),
	                 STYR_EINPUT);
	assert_string_equal(err.msg, "period \"jan-aug 2024 jan-aug 2024 jan-aug 2024 jan-aug 2024 "
	                             "jan-aug \xe2\x80\xa6\"" EXPECTED);
	/* Bytes that are not UTF-8 are cut without splitting anything. */
	styr_err_init(&err);
	assert_int_equal(
	    styr_period_parse(
	        "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
	        "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
	        "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
	        "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80",
	        &p, &err),
	    STYR_EINPUT);
	assert_string_equal(err.msg, "period \"\xe2\x80\xa6\"" EXPECTED);
}

static const struct {
	struct styr_period p;
	enum styr_period_kind kind;
	const char *canonical;
	const char *label;
} forms[] = {
    {{2024, 1, 12}, STYR_PERIOD_YEAR, "2024", "2024"},
    {{2024, 1, 1}, STYR_PERIOD_MONTH, "2024-01", "januari 2024"},
    {{2024, 3, 3}, STYR_PERIOD_MONTH, "2024-03", "mars 2024"},
    {{2024, 12, 12}, STYR_PERIOD_MONTH, "2024-12", "december 2024"},
    {{2024, 1, 4}, STYR_PERIOD_TERTIAL, "2024T1", "tertial 1 2024"},
    {{2024, 5, 8}, STYR_PERIOD_TERTIAL, "2024T2", "tertial 2 2024"},
    {{2024, 9, 12}, STYR_PERIOD_TERTIAL, "2024T3", "tertial 3 2024"},
    {{2024, 1, 8}, STYR_PERIOD_RANGE, "2024-01..08", "jan" EN_DASH "aug 2024"},
    {{2024, 1, 2}, STYR_PERIOD_RANGE, "2024-01..02", "jan" EN_DASH "feb 2024"},
    {{2024, 1, 11}, STYR_PERIOD_RANGE, "2024-01..11", "jan" EN_DASH "nov 2024"},
    {{2024, 3, 5}, STYR_PERIOD_RANGE, "2024-03..05", "mar" EN_DASH "maj 2024"},
    {{2024, 2, 5}, STYR_PERIOD_RANGE, "2024-02..05", "feb" EN_DASH "maj 2024"},
    {{2024, 10, 12}, STYR_PERIOD_RANGE, "2024-10..12", "okt" EN_DASH "dec 2024"},
    {{1900, 6, 7}, STYR_PERIOD_RANGE, "1900-06..07", "jun" EN_DASH "jul 1900"},
};

static void test_kind_format_label(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(forms); i++) {
		char buf[STYR_PERIOD_TEXT_MAX];
		struct styr_period back;
		size_t n;

		assert_int_equal(styr_period_kind(&forms[i].p), forms[i].kind);
		n = styr_period_format(&forms[i].p, buf, sizeof(buf));
		assert_string_equal(buf, forms[i].canonical);
		assert_int_equal(n, strlen(buf));
		/* The canonical text and the label both read back. */
		assert_int_equal(styr_period_parse(buf, &back, NULL), STYR_OK);
		assert_int_equal(styr_period_cmp(&back, &forms[i].p), 0);
		n = styr_period_label(&forms[i].p, buf, sizeof(buf));
		assert_string_equal(buf, forms[i].label);
		assert_int_equal(n, strlen(buf));
		assert_int_equal(styr_period_parse(buf, &back, NULL), STYR_OK);
		assert_int_equal(styr_period_cmp(&back, &forms[i].p), 0);
	}
}

/* Truncated output keeps whole characters and reports what it wrote. */
static const struct {
	struct styr_period p;
	size_t size;
	const char *canonical;
	const char *label;
} truncations[] = {
    {{2024, 1, 8}, 5, "2024", "jan"}, /* the en dash is three bytes */
    {{2024, 1, 8}, 6, "2024-", "jan"}, {{2024, 1, 8}, 7, "2024-0", "jan" EN_DASH},
    {{2024, 3, 3}, 1, "", ""},         {{2024, 3, 3}, 3, "20", "ma"},
};

static void test_truncated(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(truncations); i++) {
		char buf[16];
		size_t n;

		memset(buf, '#', sizeof(buf));
		n = styr_period_format(&truncations[i].p, buf, truncations[i].size);
		assert_string_equal(buf, truncations[i].canonical);
		assert_int_equal(n, strlen(buf));
		assert_int_equal(buf[truncations[i].size], '#');
		memset(buf, '#', sizeof(buf));
		n = styr_period_label(&truncations[i].p, buf, truncations[i].size);
		assert_string_equal(buf, truncations[i].label);
		assert_int_equal(n, strlen(buf));
		assert_int_equal(buf[truncations[i].size], '#');
	}
	{
		char buf[2] = "#";
		const struct styr_period p = {2024, 1, 12};

		assert_int_equal(styr_period_format(&p, buf, 0), 0);
		assert_int_equal(styr_period_label(&p, buf, 0), 0);
		assert_int_equal(buf[0], '#');
	}
}

static const struct {
	struct styr_period p;
	bool valid;
} validity[] = {
    {{2024, 1, 12}, true},   {{1900, 1, 1}, true},   {{2999, 12, 12}, true}, {{1899, 1, 12}, false},
    {{3000, 1, 12}, false},  {{2024, 0, 12}, false}, {{2024, 1, 13}, false}, {{2024, 5, 4}, false},
    {{2024, 13, 13}, false}, {{0, 0, 0}, false},     {{2024, -1, 3}, false},
};

static void test_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(validity); i++) {
		char buf[STYR_PERIOD_TEXT_MAX];

		assert_int_equal(styr_period_valid(&validity[i].p), validity[i].valid);
		/* An invalid period has no text. */
		if (!validity[i].valid) {
			memset(buf, '#', sizeof(buf));
			assert_int_equal(styr_period_format(&validity[i].p, buf, sizeof(buf)), 0);
			assert_string_equal(buf, "");
			memset(buf, '#', sizeof(buf));
			assert_int_equal(styr_period_label(&validity[i].p, buf, sizeof(buf)), 0);
			assert_string_equal(buf, "");
			/* Nor does it touch a buffer of no size. */
			buf[0] = '#';
			assert_int_equal(styr_period_format(&validity[i].p, buf, 0), 0);
			assert_int_equal(styr_period_label(&validity[i].p, buf, 0), 0);
			assert_int_equal(buf[0], '#');
		}
	}
}

static const struct {
	struct styr_period p, prev;
} prev_years[] = {
    {{2024, 1, 8}, {2023, 1, 8}},
    {{2024, 3, 3}, {2023, 3, 3}},
    {{2024, 1, 12}, {2023, 1, 12}},
    {{2000, 5, 8}, {1999, 5, 8}},
};

static void test_prev_year(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(prev_years); i++) {
		struct styr_period prev = styr_period_prev_year(&prev_years[i].p);

		assert_int_equal(styr_period_cmp(&prev, &prev_years[i].prev), 0);
	}
}

static const struct {
	struct styr_period a, b;
	int sign;
} orders[] = {
    {{2024, 1, 8}, {2024, 1, 8}, 0},   {{2023, 1, 12}, {2024, 1, 1}, -1},
    {{2025, 1, 1}, {2024, 12, 12}, 1}, {{2024, 1, 12}, {2024, 2, 2}, -1},
    {{2024, 3, 3}, {2024, 1, 12}, 1},  {{2024, 1, 8}, {2024, 1, 12}, -1},
    {{2024, 1, 12}, {2024, 1, 8}, 1},
};

static void test_cmp(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(orders); i++) {
		int c = styr_period_cmp(&orders[i].a, &orders[i].b);

		assert_int_equal((c > 0) - (c < 0), orders[i].sign);
		c = styr_period_cmp(&orders[i].b, &orders[i].a);
		assert_int_equal((c > 0) - (c < 0), -orders[i].sign);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_ok),       cmocka_unit_test(test_parse_bad),
	    cmocka_unit_test(test_parse_messages), cmocka_unit_test(test_kind_format_label),
	    cmocka_unit_test(test_truncated),      cmocka_unit_test(test_valid),
	    cmocka_unit_test(test_prev_year),      cmocka_unit_test(test_cmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
