/* Tests of the analysis texts: src/model/analysis.c (states) and the
 * store's analysis operations through the public functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "styr/analysis.h"
#include "testdb.h"

static void test_state_names(void **state)
{
	static const struct {
		const char *text;
		int rc;
		enum styr_analysis_state want;
	} rows[] = {
	    {"utkast", STYR_OK, STYR_ANALYSIS_DRAFT},
	    {"inlämnad", STYR_OK, STYR_ANALYSIS_SUBMITTED},
	    {"godkänd", STYR_OK, STYR_ANALYSIS_APPROVED},
	    {"", STYR_OK, STYR_ANALYSIS_DRAFT}, /* empty: a new text is a draft */
	    {"klar", STYR_EINPUT, STYR_ANALYSIS_DRAFT},
	    {"Godkänd", STYR_EINPUT, STYR_ANALYSIS_DRAFT},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct styr_err err;
		enum styr_analysis_state s;

		styr_err_init(&err);
		assert_int_equal(styr_analysis_state_parse(rows[i].text, &s, &err), rows[i].rc);
		assert_int_equal(s, rows[i].want);
		if (rows[i].rc == STYR_OK && rows[i].text[0])
			assert_string_equal(styr_analysis_state_name(s), rows[i].text);
	}
	{
		struct styr_err err;
		enum styr_analysis_state s;

		styr_err_init(&err);
		styr_analysis_state_parse("klar", &s, &err);
		assert_string_equal(err.msg,
		                    "state \"klar\": expected utkast, inlämnad or godkänd");
	}
}

static int setup(void **state)
{
	struct testdb *f;
	struct styr_org_unit u;
	struct styr_err err;

	testdb_setup(state);
	f = *state;
	styr_err_init(&err);
	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "LKR");
	snprintf(u.name, sizeof(u.name), "Lasarettet i Landskrona");
	u.kind = STYR_ORG_FORVALTNING;
	assert_int_equal(styr_org_put(f->db, &u, &err), STYR_OK);
	*state = f;
	return 0;
}

static struct styr_analysis *make(const char *period, const char *subject, const char *title,
                                  const char *what)
{
	struct styr_analysis *a = calloc(1, sizeof(*a));
	struct styr_err err;

	styr_err_init(&err);
	snprintf(a->unit, sizeof(a->unit), "LKR");
	assert_int_equal(styr_period_parse(period, &a->period, &err), STYR_OK);
	snprintf(a->subject, sizeof(a->subject), "%s", subject);
	snprintf(a->title, sizeof(a->title), "%s", title);
	snprintf(a->what, sizeof(a->what), "%s", what);
	a->state = STYR_ANALYSIS_APPROVED;
	return a;
}

struct seen {
	char lines[8][STYR_TEXT_MAX * 2];
	size_t n;
};

static int collect(void *ctx, const struct styr_analysis *a)
{
	struct seen *s = ctx;
	char period[STYR_PERIOD_TEXT_MAX];

	styr_period_format(&a->period, period, sizeof(period));
	snprintf(s->lines[s->n++], sizeof(s->lines[0]), "%s %s %s %s: %s (%s)", a->unit, period,
	         a->subject, a->title, a->what, styr_analysis_state_name(a->state));
	return 0;
}

static void test_put_each_replace_filter(void **state)
{
	struct testdb *f = *state;
	struct styr_analysis *a[4] = {
	    make("2024", "RS-OM4", "Attraktiv arbetsplats", "Fler medarbetare per chef."),
	    make("2024", "RS-OM4", "Stöd medarbetarutveckling", "Semesteruttaget har ökat."),
	    make("jan–aug 2024", "ekonomi", "", "Underskottet minskar."),
	    make("2024", "RS-OM4", "Attraktiv arbetsplats", "I snitt 28 medarbetare per chef."),
	};
	struct styr_analysis_filter only_year = {"LKR", 2024, "RS-OM4"};
	struct styr_err err;
	struct seen s;
	size_t i;

	styr_err_init(&err);
	for (i = 0; i < 4; i++)
		assert_int_equal(styr_analysis_put(f->db, a[i], &err), STYR_OK);
	memset(&s, 0, sizeof(s));
	assert_int_equal(styr_analysis_each(f->db, NULL, collect, &s, &err), STYR_OK);
	/* The fourth replaced the first: same unit, period, subject and title. */
	assert_int_equal(s.n, 3);
	assert_string_equal(s.lines[0],
	                    "LKR 2024-01..08 ekonomi : Underskottet minskar. (godkänd)");
	assert_string_equal(
	    s.lines[1],
	    "LKR 2024 RS-OM4 Attraktiv arbetsplats: I snitt 28 medarbetare per chef. (godkänd)");
	memset(&s, 0, sizeof(s));
	assert_int_equal(styr_analysis_each(f->db, &only_year, collect, &s, &err), STYR_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.lines[1],
	                    "LKR 2024 RS-OM4 Stöd medarbetarutveckling: Semesteruttaget har ökat. "
	                    "(godkänd)");
	for (i = 0; i < 4; i++)
		free(a[i]);
}

static void test_unknown_unit(void **state)
{
	struct testdb *f = *state;
	struct styr_analysis *a = make("2024", "ekonomi", "", "Text.");
	struct styr_analysis_filter other = {"XYZ", 0, NULL};
	struct styr_err err;
	struct seen s;

	snprintf(a->unit, sizeof(a->unit), "XYZ");
	styr_err_init(&err);
	assert_int_equal(styr_analysis_put(f->db, a, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"XYZ\" does not exist");
	styr_err_init(&err);
	memset(&s, 0, sizeof(s));
	assert_int_equal(styr_analysis_each(f->db, &other, collect, &s, &err), STYR_ENOTFOUND);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_state_names),
	    cmocka_unit_test_setup_teardown(test_put_each_replace_filter, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_unit, setup, testdb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
