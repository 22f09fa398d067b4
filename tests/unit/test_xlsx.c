/*
 * Tests for src/import/xlsx.c's reading of numeric cells: a number's text
 * under its number format (General, decimals, percentages) and dates from
 * serials in both date systems, with Excel's phantom 1900-02-29.  One
 * table; a new case is one row.  Whole workbooks are tested from the CLI
 * (tests/cli/t_xlsx.sh).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "import/xlsx_int.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *v;    /* the cell's <v> */
	int id;           /* numFmtId */
	const char *code; /* formatCode, NULL for a built-in format */
	bool date1904;
	const char *want; /* NULL: refused */
} cases[] = {
    /* General: as many decimals as the number has, a decimal comma */
    {"93.8", 0, NULL, false, "93,8"},
    {"-190241", 0, NULL, false, "-190241"},
    {"2024", 0, NULL, false, "2024"},
    {"93.799999999999997", 0, NULL, false, "93,8"},
    {"0.1", 164, "General", false, "0,1"},
    {"-0", 0, NULL, false, "0"},
    {"1E-7", 0, NULL, false, "0,0000001"},
    {"1E+20", 0, NULL, false, "100000000000000000000"},
    /* a format's decimals */
    {"9", 164, "0.0", false, "9,0"},
    {"9", 2, NULL, false, "9,00"},
    {"1234.5", 4, NULL, false, "1234,50"},
    {"12", 164, "#,##0\\ [$kr-41D]", false, "12"},
    {"-0.04", 164, "0.0", false, "0,0"},
    /* percentages: the percent shown */
    {"0.938", 164, "0.0%", false, "93,8%"},
    {"0.5", 9, NULL, false, "50%"},
    {"0.5", 10, NULL, false, "50,00%"},
    {"0.5", 164, "0.00%", false, "50,00%"},
    {"0.25", 164, "0.00\" %\"", false, "0,25"}, /* a quoted % is text */
    /* dates */
    {"45292", 14, NULL, false, "2024-01-01"},
    {"45352", 164, "yyyy-mm-dd", false, "2024-03-01"},
    {"45352", 164, "YYYY-MM-DD", false, "2024-03-01"},
    {"45352", 164, "[$-41D]d\\ mmmm\\ yyyy", false, "2024-03-01"},
    {"45352", 164, "yyyy-mm", false, "2024-03"},
    {"45352", 17, NULL, false, "2024-03"},
    {"45352", 164, "yyyy", false, "2024"},
    {"45352.5", 22, NULL, false, "2024-03-01 12:00"},
    {"45352", 22, NULL, false, "2024-03-01"},
    {"43830", 14, NULL, true, "2024-01-01"},
    {"0", 14, NULL, true, "0"}, /* no date: the number */
    {"1", 14, NULL, false, "1900-01-01"},
    {"59", 14, NULL, false, "1900-02-28"},
    {"61", 14, NULL, false, "1900-03-01"},
    {"2958465", 14, NULL, false, "9999-12-31"},
    {"2958466", 14, NULL, false, "2958466"},
    /* a time of day is no figure: the number */
    {"0.5", 164, "hh:mm", false, "0,5"},
    /* not a number */
    {"", 0, NULL, false, NULL},
    {"abc", 0, NULL, false, NULL},
    {"1,5", 0, NULL, false, NULL},
    {"inf", 0, NULL, false, NULL},
};

static void test_number_text(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		char out[64] = "";
		int rc = xlsx_number_text(cases[i].v, cases[i].id, cases[i].code, cases[i].date1904,
		                          out, sizeof(out));

		if (!cases[i].want) {
			if (rc != -1)
				fail_msg("\"%s\": expected a refusal, got \"%s\"", cases[i].v, out);
		} else if (rc || strcmp(out, cases[i].want)) {
			fail_msg("\"%s\" (%d, %s): expected \"%s\", got \"%s\" (%d)", cases[i].v,
			         cases[i].id, cases[i].code ? cases[i].code : "built-in",
			         cases[i].want, out, rc);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_number_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
