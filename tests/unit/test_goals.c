/* Tests of model/goals.c: the escalation model of seed 004 Tabell 3, the
 * names, dates and the expansion of follow-up rules into calendar entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "styr/goals.h"

/* Every pair of steps: which moves Tabell 3 allows (one step up at a time;
 * lifting back to none from any step short of förlust av uppdrag). */
static void test_escalation_table(void **state)
{
	static const struct {
		enum styr_escalation from, to;
		bool ok;
	} cases[] = {
	    {STYR_ESC_NONE, STYR_ESC_NONE, false},
	    {STYR_ESC_NONE, STYR_ESC_PAPEKANDE, true},
	    {STYR_ESC_NONE, STYR_ESC_VARNING1, false},
	    {STYR_ESC_NONE, STYR_ESC_VARNING2, false},
	    {STYR_ESC_NONE, STYR_ESC_FORLUST, false},
	    {STYR_ESC_PAPEKANDE, STYR_ESC_NONE, true},
	    {STYR_ESC_PAPEKANDE, STYR_ESC_PAPEKANDE, false},
	    {STYR_ESC_PAPEKANDE, STYR_ESC_VARNING1, true},
	    {STYR_ESC_PAPEKANDE, STYR_ESC_VARNING2, false},
	    {STYR_ESC_PAPEKANDE, STYR_ESC_FORLUST, false},
	    {STYR_ESC_VARNING1, STYR_ESC_NONE, true},
	    {STYR_ESC_VARNING1, STYR_ESC_PAPEKANDE, false},
	    {STYR_ESC_VARNING1, STYR_ESC_VARNING1, false},
	    {STYR_ESC_VARNING1, STYR_ESC_VARNING2, true},
	    {STYR_ESC_VARNING1, STYR_ESC_FORLUST, false},
	    {STYR_ESC_VARNING2, STYR_ESC_NONE, true},
	    {STYR_ESC_VARNING2, STYR_ESC_PAPEKANDE, false},
	    {STYR_ESC_VARNING2, STYR_ESC_VARNING1, false},
	    {STYR_ESC_VARNING2, STYR_ESC_VARNING2, false},
	    {STYR_ESC_VARNING2, STYR_ESC_FORLUST, true},
	    {STYR_ESC_FORLUST, STYR_ESC_NONE, false},
	    {STYR_ESC_FORLUST, STYR_ESC_PAPEKANDE, false},
	    {STYR_ESC_FORLUST, STYR_ESC_VARNING1, false},
	    {STYR_ESC_FORLUST, STYR_ESC_VARNING2, false},
	    {STYR_ESC_FORLUST, STYR_ESC_FORLUST, false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct styr_err err;
		int rc;

		styr_err_init(&err);
		rc = styr_escalation_check(cases[i].from, cases[i].to, &err);
		if ((rc == STYR_OK) != cases[i].ok)
			fail_msg("%s → %s: expected %s", styr_escalation_name(cases[i].from),
			         styr_escalation_name(cases[i].to), cases[i].ok ? "ok" : "refused");
		if (!cases[i].ok)
			assert_non_null(strstr(err.msg, "cannot go from"));
	}
}

static void test_escalation_names(void **state)
{
	static const struct {
		const char *text;
		enum styr_escalation step;
		const char *action;
	} cases[] = {
	    {"ingen", STYR_ESC_NONE, ""},
	    {"påpekande", STYR_ESC_PAPEKANDE, "Tidigarelagd ny mätning"},
	    {"varning 1", STYR_ESC_VARNING1, "Extra verksamhetsdialog"},
	    {"Varning 2", STYR_ESC_VARNING2,
	     "Medicinsk revision med krav på åtgärd och där det i vissa fall är tillämpbart med "
	     "viten"},
	    {"förlust av uppdrag", STYR_ESC_FORLUST, "Uppdraget flyttas till annan producent"},
	};
	struct styr_err err;
	enum styr_escalation e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		styr_err_init(&err);
		assert_int_equal(styr_escalation_parse(cases[i].text, &e, &err), STYR_OK);
		assert_int_equal(e, cases[i].step);
		assert_string_equal(styr_escalation_action(e), cases[i].action);
	}
	styr_err_init(&err);
	assert_int_equal(styr_escalation_parse("varning", &e, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "step \"varning\": expected \"ingen\", \"påpekande\", "
	                             "\"varning 1\", \"varning 2\" or \"förlust av uppdrag\"");
}

static void test_dates(void **state)
{
	static const struct {
		const char *text;
		bool ok;
	} cases[] = {
	    {"2024-02-29", true},  {"2023-02-29", false}, {"2024-04-31", false},
	    {"2024-12-31", true},  {"2024-1-01", false},  {"2024-01-01x", false},
	    {"24-01-01", false},   {"", false},           {"2000-02-29", true},
	    {"1900-02-29", false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct styr_err err;

		styr_err_init(&err);
		if ((styr_date_check(cases[i].text, &err) == STYR_OK) != cases[i].ok)
			fail_msg("%s: expected %s", cases[i].text, cases[i].ok ? "ok" : "refused");
	}
	assert_int_equal(styr_date_diff("2024-11-03", "2024-11-10"), 7);
	assert_int_equal(styr_date_diff("2024-12-31", "2025-01-01"), 1);
	assert_int_equal(styr_date_diff("2024-03-01", "2024-02-28"), -2);
}

struct seen {
	char text[12][64];
	int n;
};

static int collect(void *ctx, const struct styr_calendar_entry *e)
{
	struct seen *s = ctx;
	char period[STYR_PERIOD_TEXT_MAX];

	styr_period_format(&e->period, period, sizeof(period));
	snprintf(s->text[s->n++], 64, "%s %s", period, e->deadline[0] ? e->deadline : "-");
	return 0;
}

static void test_expand(void **state)
{
	static const struct {
		enum styr_report_kind kind;
		unsigned months;
		const char *deadline;
		const char *expected; /* entries joined by ", " */
	} cases[] = {
	    {STYR_FOLLOWUP_INFORMATION, (1u << 3) | (1u << 10), "", "2024-04 -, 2024-11 -"},
	    {STYR_FOLLOWUP_ANALYS, (1u << 1) | (1u << 11), "+15",
	     "2024-02 2024-03-15, 2024-12 2025-01-15"},
	    {STYR_FOLLOWUP_DELAR, 1u << 7, "2024-11-03", "2024-01..08 2024-11-03"},
	    {STYR_FOLLOWUP_DELAR, 1u << 3, "+0", "2024T1 2024-04-30"},
	    {STYR_FOLLOWUP_ARSREDOVISNING, 1u << 11, "+90", "2024 2025-03-31"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct styr_followup_rule r;
		struct styr_err err;
		struct seen s;
		char joined[512] = "";
		int k;

		memset(&r, 0, sizeof(r));
		memset(&s, 0, sizeof(s));
		r.year = 2024;
		r.kind = cases[i].kind;
		r.months = cases[i].months;
		snprintf(r.deadline, sizeof(r.deadline), "%s", cases[i].deadline);
		styr_err_init(&err);
		assert_int_equal(styr_calendar_expand(&r, collect, &s, &err), STYR_OK);
		for (k = 0; k < s.n; k++)
			snprintf(joined + strlen(joined), sizeof(joined) - strlen(joined), "%s%s",
			         k ? ", " : "", s.text[k]);
		assert_string_equal(joined, cases[i].expected);
	}
}

static void test_expand_refuses(void **state)
{
	struct styr_followup_rule r;
	struct styr_err err;
	struct seen s;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&s, 0, sizeof(s));
	r.year = 2024;
	r.kind = STYR_FOLLOWUP_ANALYS;
	r.months = 1;
	snprintf(r.deadline, sizeof(r.deadline), "+x");
	styr_err_init(&err);
	assert_int_equal(styr_calendar_expand(&r, collect, &s, &err), STYR_EINPUT);
	assert_int_equal(s.n, 0);
	r.months = 0;
	styr_err_init(&err);
	assert_int_equal(styr_calendar_expand(&r, collect, &s, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "analys med prognos 2024: expected months between 1 and 12");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escalation_table),
	    cmocka_unit_test(test_escalation_names),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_expand),
	    cmocka_unit_test(test_expand_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
