/*
 * Tests for src/base/num.c: every spelling of a number found in the seed
 * documents, the errors for what is not a number, exact amounts, and the
 * sv-SE formatter's rounding and separators.  Each behaviour is one table;
 * a new case is one row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "styr/num.h"

#define NBSP    "\xc2\xa0"
#define NNBSP   "\xe2\x80\xaf"
#define THIN    "\xe2\x80\x89"
#define MINUS   "\xe2\x88\x92"
#define EN_DASH "\xe2\x80\x93"
#define N(a)    (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *in;
	enum styr_num_kind kind;
	double value;
	int decimals;
	bool percent;
} parse_ok[] = {
    /* Plain and grouped integers, as in the Vårdval and production tables. */
    {"0", STYR_NUM_VALUE, 0, 0, false},
    {"311", STYR_NUM_VALUE, 311, 0, false},
    {"8752", STYR_NUM_VALUE, 8752, 0, false},
    {"13 742", STYR_NUM_VALUE, 13742, 0, false},
    {"13" NBSP "742", STYR_NUM_VALUE, 13742, 0, false},
    {"13" NNBSP "742", STYR_NUM_VALUE, 13742, 0, false},
    {"13" THIN "742", STYR_NUM_VALUE, 13742, 0, false},
    {"1 234 567", STYR_NUM_VALUE, 1234567, 0, false},
    {"42 065", STYR_NUM_VALUE, 42065, 0, false},
    /* Decimals as printed, comma or point. */
    {"60,0", STYR_NUM_VALUE, 60.0, 1, false},
    {"83,8", STYR_NUM_VALUE, 83.8, 1, false},
    {"0,5", STYR_NUM_VALUE, 0.5, 1, false},
    {"553,8", STYR_NUM_VALUE, 553.8, 1, false},
    {"41.1%", STYR_NUM_VALUE, 41.1, 1, true},
    {"1.234", STYR_NUM_VALUE, 1.234, 3, false},
    {"1 389,125", STYR_NUM_VALUE, 1389.125, 3, false},
    /* Percentages, with and without a space before the sign. */
    {"0,00%", STYR_NUM_VALUE, 0, 2, true},
    {"92,2%", STYR_NUM_VALUE, 92.2, 1, true},
    {"95%", STYR_NUM_VALUE, 95, 0, true},
    {"71,8 %", STYR_NUM_VALUE, 71.8, 1, true},
    {"71,8" NBSP "%", STYR_NUM_VALUE, 71.8, 1, true},
    {"100%", STYR_NUM_VALUE, 100, 0, true},
    /* Every minus sign, with a space after it as in "- 6,6%". */
    {"-1 389,1", STYR_NUM_VALUE, -1389.1, 1, false},
    {EN_DASH "1 389,1", STYR_NUM_VALUE, -1389.1, 1, false},
    {MINUS "1" NBSP "389,1", STYR_NUM_VALUE, -1389.1, 1, false},
    {EN_DASH "35,6", STYR_NUM_VALUE, -35.6, 1, false},
    {"- 6,6%", STYR_NUM_VALUE, -6.6, 1, true},
    {EN_DASH " 21", STYR_NUM_VALUE, -21, 0, false},
    {"-186 732", STYR_NUM_VALUE, -186732, 0, false},
    {"+4,4%", STYR_NUM_VALUE, 4.4, 1, true},
    {"-0,0", STYR_NUM_VALUE, 0, 1, false},
    /* White space around, including a cell split across lines. */
    {"  83,8  ", STYR_NUM_VALUE, 83.8, 1, false},
    {"\n10,5%\n", STYR_NUM_VALUE, 10.5, 1, true},
    {NBSP "4,4%" NBSP, STYR_NUM_VALUE, 4.4, 1, true},
    {"\t12\r\n", STYR_NUM_VALUE, 12, 0, false},
    /* The largest mantissa kept exactly, and many decimals. */
    {"18446744073709551615", STYR_NUM_VALUE, 18446744073709551615.0, 0, false},
    {"0,0000000001", STYR_NUM_VALUE, 1e-10, 10, false},
    /* Missing and suppressed. */
    {"", STYR_NUM_MISSING, 0, 0, false},
    {"   ", STYR_NUM_MISSING, 0, 0, false},
    {"-", STYR_NUM_MISSING, 0, 0, false},
    {" - ", STYR_NUM_MISSING, 0, 0, false},
    {EN_DASH, STYR_NUM_MISSING, 0, 0, false},
    {MINUS, STYR_NUM_MISSING, 0, 0, false},
    {"x", STYR_NUM_SUPPRESSED, 0, 0, false},
    {"X", STYR_NUM_SUPPRESSED, 0, 0, false},
    {" x\n", STYR_NUM_SUPPRESSED, 0, 0, false},
};

static void test_parse_ok(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(parse_ok); i++) {
		struct styr_num n;
		struct styr_err err;

		styr_err_init(&err);
		if (styr_num_parse(parse_ok[i].in, &n, &err) != STYR_OK)
			fail_msg("row %zu \"%s\": %s", i, parse_ok[i].in, err.msg);
		assert_int_equal(n.kind, parse_ok[i].kind);
		/* Exact: the parser divides an exact mantissa once, which gives
		 * the same double as the compiler's reading of the literal. */
		if (n.value != parse_ok[i].value)
			fail_msg("row %zu \"%s\": %.17g, want %.17g", i, parse_ok[i].in, n.value,
			         parse_ok[i].value);
		assert_int_equal(n.decimals, parse_ok[i].decimals);
		assert_int_equal(n.percent, parse_ok[i].percent);
		/* "-0,0" must not become a negative zero that prints "−0". */
		if (n.value == 0)
			assert_false(signbit(n.value));
	}
}

static const struct {
	const char *in;
	const char *msg;
} parse_bad[] = {
    {"8#,3", "value \"8#,3\": expected a number such as 83,8"},
    {"12,3,4", "value \"12,3,4\": expected a number such as 83,8"},
    {"1e5", "value \"1e5\": expected a number such as 83,8"},
    {"abc", "value \"abc\": expected a number such as 83,8"},
    {"0x10", "value \"0x10\": expected a number such as 83,8"},
    {"inf", "value \"inf\": expected a number such as 83,8"},
    {"nan", "value \"nan\": expected a number such as 83,8"},
    {"xx", "value \"xx\": expected a number such as 83,8"},
    {"--5", "value \"--5\": expected a number such as 83,8"},
    {"- -", "value \"- -\": expected a number such as 83,8"},
    {"12,", "value \"12,\": expected a number such as 83,8"},
    {",5", "value \",5\": expected a number such as 83,8"},
    {"12.", "value \"12.\": expected a number such as 83,8"},
    {"%", "value \"%\": expected a number such as 83,8"},
    {"12%%", "value \"12%%\": expected a number such as 83,8"},
    {"12 %x", "value \"12 %x\": expected a number such as 83,8"},
    /* Two cells run together by the extraction are not one number. */
    {"4445 1869", "value \"4445 1869\": expected a number such as 83,8"},
    {"1 23", "value \"1 23\": expected a number such as 83,8"},
    {"1 2", "value \"1 2\": expected a number such as 83,8"},
    {"1 2345", "value \"1 2345\": expected a number such as 83,8"},
    {"1234 567", "value \"1234 567\": expected a number such as 83,8"},
    {"13  742", "value \"13  742\": expected a number such as 83,8"},
    {"13\n742", "value \"13 742\": expected a number such as 83,8"},
    {"Vi har inga", "value \"Vi har inga\": expected a number such as 83,8"},
    {"+", "value \"+\": expected a number such as 83,8"},
    /* The message quotes the trimmed text. */
    {"  ca 95 ", "value \"ca 95\": expected a number such as 83,8"},
    /* Long garbage is cut short, on a character boundary. */
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa5\xc3\xa5",
     "value \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xe2\x80\xa6\": "
     "expected a number such as 83,8"},
    {"1234567890123456789012345678901234567890123456789012345678901234567890123456789012345"
     "678901234567890123456789012345678901234567890",
     "value \"123456789012345678901234567890123456789012345678901234567890\xe2\x80\xa6\": "
     "expected a number such as 83,8"},
    /* Bytes that are not even UTF-8 are cut without splitting anything. */
    {"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
     "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
     "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80"
     "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80",
     "value \"\xe2\x80\xa6\": expected a number such as 83,8"},
    /* Too many digits to hold exactly. */
    {"18446744073709551616",
     "value \"18446744073709551616\": too many digits, expected a number such as 83,8"},
    {"0,00000000000000000000001",
     "value \"0,00000000000000000000001\": too many digits, expected a number such as 83,8"},
};

static void test_parse_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(parse_bad); i++) {
		struct styr_num n;
		struct styr_err err;

		styr_err_init(&err);
		if (styr_num_parse(parse_bad[i].in, &n, &err) != STYR_EINPUT)
			fail_msg("row %zu \"%s\" was accepted", i, parse_bad[i].in);
		assert_int_equal(err.code, STYR_EINPUT);
		assert_string_equal(err.msg, parse_bad[i].msg);
	}
}

static void test_parse_null(void **state)
{
	struct styr_num n;

	(void)state;
	assert_int_equal(styr_num_parse(NULL, &n, NULL), STYR_OK);
	assert_int_equal(n.kind, STYR_NUM_MISSING);
	/* A NULL err is allowed: the code still says what happened. */
	assert_int_equal(styr_num_parse("abc", &n, NULL), STYR_EINPUT);
}

static void test_parse_prefix(void **state)
{
	struct styr_num n;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_num_parse("8#,3", &n, &err), STYR_EINPUT);
	styr_err_prefix(&err, "bad.txt:2: ");
	assert_string_equal(err.msg, "bad.txt:2: value \"8#,3\": expected a number such as 83,8");
}

static const struct {
	const char *in;
	int64_t want;
} amount_ok[] = {
    {"0", 0},
    {"1389", 1389},
    {"-1 389", -1389},
    {EN_DASH "1 389", -1389},
    {MINUS "1" NBSP "389", -1389},
    {"- 853", -853},
    {"42 065", 42065},
    {"-186 732", -186732},
    {"+245", 245},
    {"-0", 0},
    {" 1 950 ", 1950},
    {"9 223 372 036 854 775 807", INT64_MAX},
    {"-9223372036854775808", INT64_MIN},
};

static void test_amount_ok(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(amount_ok); i++) {
		int64_t v;
		struct styr_err err;

		styr_err_init(&err);
		if (styr_amount_parse(amount_ok[i].in, &v, &err) != STYR_OK)
			fail_msg("row %zu \"%s\": %s", i, amount_ok[i].in, err.msg);
		assert_true(v == amount_ok[i].want);
	}
}

static const struct {
	const char *in;
	const char *msg;
} amount_bad[] = {
    {"12,5", "amount \"12,5\": expected a whole number without decimals, such as -1 389"},
    {"1 389,0", "amount \"1 389,0\": expected a whole number without decimals, such as -1 389"},
    {"41.1", "amount \"41.1\": expected a whole number without decimals, such as -1 389"},
    {"12%", "amount \"12%\": expected an amount such as -1 389, not a percentage"},
    {"abc", "amount \"abc\": expected an amount such as -1 389"},
    {"-", "amount \"-\": expected an amount such as -1 389"},
    {"x", "amount \"x\": expected an amount such as -1 389"},
    {"", "amount \"\": expected an amount such as -1 389"},
    {"1e5", "amount \"1e5\": expected an amount such as -1 389"},
    {"9223372036854775808",
     "amount \"9223372036854775808\": too large, the limit is 9 223 372 036 854 775 807"},
    {"-9223372036854775809",
     "amount \"-9223372036854775809\": too large, the limit is 9 223 372 036 854 775 807"},
    {"99999999999999999999999",
     "amount \"99999999999999999999999\": too large, the limit is 9 223 372 036 854 775 807"},
};

static void test_amount_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(amount_bad); i++) {
		int64_t v = 42;
		struct styr_err err;

		styr_err_init(&err);
		if (styr_amount_parse(amount_bad[i].in, &v, &err) != STYR_EINPUT)
			fail_msg("row %zu \"%s\" was accepted", i, amount_bad[i].in);
		assert_string_equal(err.msg, amount_bad[i].msg);
		assert_true(v == 0);
	}
	{
		int64_t v;

		assert_int_equal(styr_amount_parse(NULL, &v, NULL), STYR_EINPUT);
	}
}

/* Exact öre: kr with two decimals, tkr with five; more is refused. */
static void test_amount_ore(void **state)
{
	static const struct {
		const char *in;
		int decimals;
		int64_t ore;
		const char *msg; /* NULL: accepted */
	} rows[] = {
	    {"-1 389,25", 2, -138925, NULL},
	    {"3333,33", 2, 333333, NULL},
	    {"12", 2, 1200, NULL},
	    {"\xe2\x88\x92"
	     "0,5",
	     2, -50, NULL},
	    {"-1 389", 5, -138900000, NULL},
	    {"12,34567", 5, 1234567, NULL},
	    {"1,5", 5, 150000, NULL},
	    {"92233720368547758,07", 2, INT64_MAX, NULL},
	    {"-100,005", 2, 0,
	     "amount \"-100,005\": more decimals than öre: at most 2 decimals in kr"},
	    {"0,123456", 5, 0,
	     "amount \"0,123456\": more decimals than öre: at most 5 decimals in tkr"},
	    {"92233720368547758,08", 2, 0,
	     "amount \"92233720368547758,08\": too large, the limit is 92 233 720 368 547 758,07 "
	     "kr"},
	    {"100000000000000000", 5, 0,
	     "amount \"100000000000000000\": too large, the limit is 92 233 720 368 547 758,07 kr"},
	    {"12 %", 2, 0,
	     "amount \"12 %\": expected an amount such as -1 389,25, not a percentage"},
	    {"x", 2, 0, "amount \"x\": expected an amount such as -1 389,25"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		int64_t v = 42;
		struct styr_err err;
		int rc;

		styr_err_init(&err);
		rc = styr_amount_parse_ore(rows[i].in, rows[i].decimals, &v, &err);
		if (!rows[i].msg) {
			if (rc != STYR_OK)
				fail_msg("row %zu \"%s\": %s", i, rows[i].in, err.msg);
			assert_true(v == rows[i].ore);
		} else {
			if (rc != STYR_EINPUT)
				fail_msg("row %zu \"%s\" was accepted", i, rows[i].in);
			assert_string_equal(err.msg, rows[i].msg);
			assert_true(v == 0);
		}
	}
}

static const struct {
	double value;
	int decimals;
	const char *people; /* styr_num_format */
	const char *plain;  /* styr_num_format_plain */
} formats[] = {
    {0, 0, "0", "0"},
    {0, 1, "0,0", "0,0"},
    {7, 0, "7", "7"},
    {999, 0, "999", "999"},
    /* Swedish practice: four-digit numbers are grouped too. */
    {1385, 0, "1" NBSP "385", "1385"},
    {13742, 0, "13" NBSP "742", "13742"},
    {186732, 0, "186" NBSP "732", "186732"},
    {1234567, 0, "1" NBSP "234" NBSP "567", "1234567"},
    {1234567.891, 2, "1" NBSP "234" NBSP "567,89", "1234567,89"},
    {60, 1, "60,0", "60,0"},
    {83.8, 1, "83,8", "83,8"},
    {41.1, 1, "41,1", "41,1"},
    {-1389.1, 1, MINUS "1" NBSP "389,1", "-1389,1"},
    {-35.6, 1, MINUS "35,6", "-35,6"},
    {-999.95, 1, MINUS "1" NBSP "000,0", "-1000,0"},
    /* Half away from zero on the decimal digits as printed, though the
     * nearest doubles lie just below 2,675 and 1,005. */
    {2.675, 2, "2,68", "2,68"},
    {1.005, 2, "1,01", "1,01"},
    {83.85, 1, "83,9", "83,9"},
    {0.125, 2, "0,13", "0,13"},
    {-0.125, 2, MINUS "0,13", "-0,13"},
    {0.5, 0, "1", "1"},
    {1.5, 0, "2", "2"},
    {2.5, 0, "3", "3"},
    {-2.5, 0, MINUS "3", "-3"},
    {0.05, 1, "0,1", "0,1"},
    {0.05, 3, "0,050", "0,050"},
    {0.0004, 2, "0,00", "0,00"},
    {99.96, 1, "100,0", "100,0"},
    {9999.5, 0, "10" NBSP "000", "10000"},
    {0.1 + 0.2, 2, "0,30", "0,30"},
    {74.358974, 0, "74", "74"},
    {1e-300, 2, "0,00", "0,00"},
    /* No "−0": a negative that rounds to zero has no sign. */
    {-0.0, 1, "0,0", "0,0"},
    {-0.04, 1, "0,0", "0,0"},
    {-0.4, 0, "0", "0"},
    /* Decimals out of range are clamped. */
    {12.345, -1, "12", "12"},
    {0.5, 25, "0,50000000000000000000", "0,50000000000000000000"},
    /* Large values keep every integer digit. */
    {1e18, 0, "1" NBSP "000" NBSP "000" NBSP "000" NBSP "000" NBSP "000" NBSP "000",
     "1000000000000000000"},
    /* Not a number: "–" for people, an empty cell for files. */
    {NAN, 1, EN_DASH, ""},
    {INFINITY, 0, EN_DASH, ""},
    {-INFINITY, 0, EN_DASH, ""},
};

static void test_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(formats); i++) {
		char buf[128];
		size_t n;

		n = styr_num_format(buf, sizeof(buf), formats[i].value, formats[i].decimals);
		if (strcmp(buf, formats[i].people) != 0)
			fail_msg("row %zu: \"%s\", want \"%s\"", i, buf, formats[i].people);
		assert_int_equal(n, strlen(formats[i].people));
		n = styr_num_format_plain(buf, sizeof(buf), formats[i].value, formats[i].decimals);
		if (strcmp(buf, formats[i].plain) != 0)
			fail_msg("row %zu plain: \"%s\", want \"%s\"", i, buf, formats[i].plain);
		assert_int_equal(n, strlen(formats[i].plain));
	}
}

/* A very large value needs more room than a table row shows. */
static void test_format_huge(void **state)
{
	char buf[1024];
	size_t n;

	(void)state;
	n = styr_num_format_plain(buf, sizeof(buf), -1.7976931348623157e308, 2);
	assert_int_equal(n, 1 + 309 + 3);
	assert_memory_equal(buf, "-179769313486232", 16);
	assert_string_equal(buf + n - 3, ",00");
	n = styr_num_format(buf, sizeof(buf), 1.7976931348623157e308, 0);
	assert_int_equal(n, 309 + 102 * 2);
}

static const struct {
	struct styr_num num;
	const char *want;
} format_nums[] = {
    {{STYR_NUM_VALUE, 83.8, 1, true}, "83,8" NBSP "%"},
    {{STYR_NUM_VALUE, 0, 2, true}, "0,00" NBSP "%"},
    {{STYR_NUM_VALUE, -6.6, 1, true}, MINUS "6,6" NBSP "%"},
    {{STYR_NUM_VALUE, 13742, 0, false}, "13" NBSP "742"},
    {{STYR_NUM_VALUE, 60, 1, false}, "60,0"},
    {{STYR_NUM_VALUE, NAN, 1, true}, EN_DASH},
    {{STYR_NUM_SUPPRESSED, 0, 0, false}, "x"},
    {{STYR_NUM_SUPPRESSED, 12, 1, true}, "x"},
    {{STYR_NUM_MISSING, 0, 0, false}, EN_DASH},
    {{STYR_NUM_MISSING, 5, 1, true}, EN_DASH},
};

static void test_format_num(void **state)
{
	char buf[64];

	(void)state;
	for (size_t i = 0; i < N(format_nums); i++) {
		size_t n = styr_num_format_num(buf, sizeof(buf), &format_nums[i].num);

		if (strcmp(buf, format_nums[i].want) != 0)
			fail_msg("row %zu: \"%s\", want \"%s\"", i, buf, format_nums[i].want);
		assert_int_equal(n, strlen(buf));
	}
	styr_num_format_num(buf, sizeof(buf), NULL);
	assert_string_equal(buf, EN_DASH);
}

/* Truncation keeps whole characters: "1 385" needs 6 bytes for "1", the
 * two-byte no-break space and "385". */
static const struct {
	double value;
	int decimals;
	size_t size;
	const char *want;
} truncations[] = {
    {1385, 0, 7, "1" NBSP "385"},
    {1385, 0, 6, "1" NBSP "38"},
    {1385, 0, 3, "1"},
    {1385, 0, 2, "1"},
    {-5, 0, 3, ""}, /* the minus sign is three bytes */
    {-5, 0, 4, MINUS},
    {-5, 0, 5, MINUS "5"},
    {5, 0, 1, ""},
};

static void test_format_truncated(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(truncations); i++) {
		char buf[16];
		size_t n;

		memset(buf, '#', sizeof(buf));
		n = styr_num_format(buf, truncations[i].size, truncations[i].value,
		                    truncations[i].decimals);
		assert_string_equal(buf, truncations[i].want);
		assert_int_equal(n, strlen(truncations[i].want));
		/* Nothing written past size. */
		assert_int_equal(buf[truncations[i].size], '#');
	}
	{
		char buf[4] = "###";
		struct styr_num pct = {STYR_NUM_VALUE, 83.8, 1, true};

		assert_int_equal(styr_num_format(buf, 0, 1, 0), 0);
		assert_int_equal(buf[0], '#');
		assert_int_equal(styr_num_format_num(buf, sizeof(buf), &pct), 3);
		assert_string_equal(buf, "83,");
		assert_int_equal(styr_num_format_num(buf, 2, NULL), 0);
		assert_string_equal(buf, "");
	}
}

/* What styr writes, styr reads back: people's and plain forms alike. */
static const struct styr_num round_trips[] = {
    {STYR_NUM_VALUE, -1389.1, 1, false}, {STYR_NUM_VALUE, 13742, 0, false},
    {STYR_NUM_VALUE, 83.8, 1, true},     {STYR_NUM_VALUE, 0, 2, true},
    {STYR_NUM_VALUE, -6.6, 1, true},     {STYR_NUM_VALUE, 1234567.25, 2, false},
    {STYR_NUM_SUPPRESSED, 0, 0, false},  {STYR_NUM_MISSING, 0, 0, false},
};

static void test_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(round_trips); i++) {
		const struct styr_num *want = &round_trips[i];
		struct styr_num got;
		char buf[64];

		styr_num_format_num(buf, sizeof(buf), want);
		assert_int_equal(styr_num_parse(buf, &got, NULL), STYR_OK);
		assert_int_equal(got.kind, want->kind);
		if (want->kind != STYR_NUM_VALUE)
			continue;
		assert_true(got.value == want->value);
		assert_int_equal(got.decimals, want->decimals);
		assert_int_equal(got.percent, want->percent);
		styr_num_format_plain(buf, sizeof(buf), want->value, want->decimals);
		assert_int_equal(styr_num_parse(buf, &got, NULL), STYR_OK);
		assert_true(got.value == want->value);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_ok),         cmocka_unit_test(test_parse_bad),
	    cmocka_unit_test(test_parse_null),       cmocka_unit_test(test_parse_prefix),
	    cmocka_unit_test(test_amount_ok),        cmocka_unit_test(test_amount_bad),
	    cmocka_unit_test(test_amount_ore),       cmocka_unit_test(test_format),
	    cmocka_unit_test(test_format_huge),      cmocka_unit_test(test_format_num),
	    cmocka_unit_test(test_format_truncated), cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
