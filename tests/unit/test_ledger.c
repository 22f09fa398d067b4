/*
 * Tests for src/calc/ledger.c and src/calc/check.c: rounding, periodised
 * budgets, percentage change and the derived helårsprognos, each checked
 * by hand calculation; then the rules engine over seed 002's
 * resultaträkning stored in an in-memory database, where every published
 * sum is reproduced from its rows or reported as a rounding note.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "styr/styr.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_div_round(void **state)
{
	static const struct {
		int64_t a, b, q;
	} rows[] = {
	    {7, 2, 4}, {-7, 2, -4},  {5, 3, 2},    {-5, 3, -2}, {1, 3, 0},
	    {6, 4, 2}, {10, -4, -3}, {-10, -4, 3}, {0, 5, 0},   {281300 * 8, 12, 187533},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++)
		assert_int_equal(styr_div_round(rows[i].a, rows[i].b), rows[i].q);
}

/* The one rounding for people (half away from zero) and the exact text
 * of export; a periodised budget and a percentage of amounts in öre that
 * would overflow 64 bits in between. */
static void test_ore(void **state)
{
	static const int big[12] = {10000000, 10000000, 10000000, 10000000, 10000000, 10000000,
	                            10000000, 10000000, 10000000, 10000000, 10000000, 10000000};
	char buf[32];
	int64_t pct;

	(void)state;
	assert_int_equal(styr_ore_round(50000, STYR_ORE_PER_TKR), 1);
	assert_int_equal(styr_ore_round(49999, STYR_ORE_PER_TKR), 0);
	assert_int_equal(styr_ore_round(-50000, STYR_ORE_PER_TKR), -1);
	assert_int_equal(styr_ore_round(-71878123, STYR_ORE_PER_TKR), -719);
	assert_int_equal(styr_ore_round(27779846, STYR_ORE_PER_TKR), 278);
	assert_int_equal(styr_ore_round(-150000000, STYR_ORE_PER_MKR), -2);
	/* 3 333,33 kr a month: 40 tkr a year, not 12 × 3 */
	assert_int_equal(styr_ore_round(12 * 333333, STYR_ORE_PER_TKR), 40);
	styr_ore_tkr_text(buf, sizeof(buf), -40049999);
	assert_string_equal(buf, "-400,49999");
	styr_ore_tkr_text(buf, sizeof(buf), 1250000);
	assert_string_equal(buf, "12,5");
	styr_ore_tkr_text(buf, sizeof(buf), -138900000);
	assert_string_equal(buf, "-1389");
	styr_ore_tkr_text(buf, sizeof(buf), INT64_MIN);
	assert_string_equal(buf, "-92233720368547,75808");
	/* 20 Mdkr by twelve weights of 10^7: jan–aug is two thirds */
	assert_true(styr_budget_period(INT64_C(2000000000000000), big, 1, 8) ==
	            INT64_C(1333333333333333));
	assert_true(styr_change_pct100(INT64_C(3000000000000000), INT64_C(2000000000000000), &pct));
	assert_int_equal(pct, 5000);
}

static const int profile[12] = {8, 8, 9, 9, 9, 7, 4, 7, 9, 9, 10, 11}; /* Σ 100 */

static void test_budget_period(void **state)
{
	static const struct {
		int64_t year;
		bool use_profile;
		int first, last;
		int64_t expected;
	} rows[] = {
	    /* flat: 281 300 / 12 = 23 441,67 per month */
	    {281300, false, 1, 12, 281300},
	    {281300, false, 1, 1, 23442},
	    {281300, false, 1, 8, 187533},  /* 281 300 × 8 / 12 = 187 533,3 */
	    {281300, false, 9, 12, 93767},  /* the rest, so the year adds up */
	    {-169775, false, 1, 6, -84888}, /* −84 887,5 rounds away from zero */
	    {-169775, false, 7, 12, -84887},
	    {12, false, 3, 3, 1},
	    {0, false, 1, 12, 0},
	    /* by profile: jan–aug = 61 of 100 */
	    {1000, true, 1, 8, 610},
	    {1000, true, 7, 7, 40},
	    {1000, true, 9, 12, 390},
	    /* out of range months are clamped */
	    {1200, false, 0, 13, 1200},
	    {1200, false, 5, 4, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++)
		assert_int_equal(styr_budget_period(rows[i].year,
		                                    rows[i].use_profile ? profile : NULL,
		                                    rows[i].first, rows[i].last),
		                 rows[i].expected);
	/* the twelve months always add up to the year */
	for (i = 0; i < 3; i++) {
		int64_t year = i == 0 ? 281300 : i == 1 ? -434475 : 7;
		int64_t sum = 0;
		int m;

		for (m = 1; m <= 12; m++)
			sum += styr_budget_period(year, i == 2 ? profile : NULL, m, m);
		assert_int_equal(sum, year);
	}
}

static void test_change_pct(void **state)
{
	/* seed 002: intäkter +8,6 % (line 2667), regionbidrag +16,2 % (line
	 * 3157), and the "% jämförelse 23/24" column of the personnel table
	 * exkl. reg. op-teamet (lines 2758–2761): costs are negative, so more
	 * cost is a negative change. */
	static const struct {
		int64_t cur, prev, pct100;
	} rows[] = {
	    {448659, 413139, 860},
	    {281300, 242100, 1619},
	    {-188281, -170975, -1012},
	    {-86999, -78994, -1013},
	    {-277516, -252498, -991},
	    {-2236, -2529, 1159},
	    {5, 5, 0},
	};
	int64_t out;
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		assert_true(styr_change_pct100(rows[i].cur, rows[i].prev, &out));
		assert_int_equal(out, rows[i].pct100);
	}
	assert_false(styr_change_pct100(10, 0, &out));
}

static void test_forecast(void **state)
{
	static const struct {
		int64_t utfall, budget;
		int done;
		int64_t expected;
	} rows[] = {
	    /* jan–aug utfall 190 000 + sep–dec budget (281 300 − 187 533) */
	    {190000, 281300, 8, 283767},
	    {-100000, -169775, 6, -184887},
	    {500, 1200, 12, 500},
	    {0, 1200, 0, 1200},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++)
		assert_int_equal(
		    styr_forecast_year(rows[i].utfall, rows[i].budget, NULL, rows[i].done),
		    rows[i].expected);
}

static void test_completion(void **state)
{
	static const struct {
		int64_t achieved, expected, permille;
	} rows[] = {
	    {5800, 7800, 744}, /* seed 002: 74 % */
	    {0, 52500, 0},     {7800, 7800, 1000}, {-5200, 7800, -667}, {1, 3, 333},
	};
	int64_t out;
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		assert_true(styr_completion_permille(rows[i].achieved, rows[i].expected, &out));
		assert_int_equal(out, rows[i].permille);
	}
	assert_false(styr_completion_permille(5, 0, &out));
}

/* Two hospital boards and a finansiering column, worked by hand (tkr):
 * A: 1 000 000 + 0 + 29 000 (2,9 %), effect +1 000; B: 500 000 + 0 +
 * 14 500, effect −1 000; pool 1 543 500; shares 1 030 000 / 1 543 500 =
 * 667 314,5 → 667 315 ppm and 513 500 / 1 543 500 = 332 685,4 → 332 685
 * ppm.  At 3,2 %: bases 1 032 000 and 516 000, pool 1 548 000; A gets
 * 667 315 × 1,548 = 1 033 003,6 → 1 033 004, effect 1 004; B gets
 * 332 685 × 1,548 = 514 996,4 → 514 996, effect −1 004. */
static void test_bridge_whatif(void **state)
{
	struct styr_bridge_board b[3];
	struct styr_bridge_model m = {2024, b, 3, 0};

	(void)state;
	memset(b, 0, sizeof(b));
	snprintf(b[0].unit, sizeof(b[0].unit), "A");
	b[0].ingaende = 1000000;
	b[0].upprakning = 29000;
	b[0].effekt = b[0].riktad = 1000;
	snprintf(b[1].unit, sizeof(b[1].unit), "B");
	b[1].ingaende = 500000;
	b[1].upprakning = 14500;
	b[1].effekt = b[1].riktad = -1000;
	b[0].pct = b[1].pct = 2900;
	b[0].has_pct = b[1].has_pct = b[0].has_andel = b[1].has_andel = true;
	snprintf(b[2].unit, sizeof(b[2].unit), "FINANS");
	b[2].ingaende = -1500000;
	b[2].upprakning = -43500;
	b[0].share_ppm = styr_div_round(1030000 * 1000000LL, 1543500);
	b[1].share_ppm = styr_div_round(513500 * 1000000LL, 1543500);
	m.pool = 1543500;
	assert_int_equal(b[0].share_ppm, 667315);
	assert_int_equal(b[1].share_ppm, 332685);
	styr_bridge_whatif(&m, 2900, 3200);
	assert_int_equal(b[0].upprakning, 32000);
	assert_int_equal(b[1].upprakning, 16000);
	assert_int_equal(m.pool, 1548000);
	assert_int_equal(b[0].effekt, 1004);
	assert_int_equal(b[1].effekt, -1004);
	assert_int_equal(b[0].utgaende, 1000000 + 32000 + 1004);
	assert_int_equal(b[1].utgaende, 500000 + 16000 - 1004);
	/* the counterpart keeps the rows zero-sum */
	assert_int_equal(b[2].upprakning, -48000);
	assert_int_equal(b[0].utgaende + b[1].utgaende + b[2].utgaende, 0);
}

static void test_rule_check(void **state)
{
	static const struct {
		const char *check, *subject, *expr;
		int code;
	} rows[] = {
	    {"rows", "resultat", "summa_intakter+summa_kostnader", STYR_OK},
	    {"rows", "summa_intakter", "children", STYR_OK},
	    {"kinds", "avvikelse", "utfall-budget", STYR_OK},
	    {"kinds", "avvikelse", "utfall - budget", STYR_OK},
	    {"kinds", "avvikelse", "utfall-bugdet", STYR_EINPUT},
	    {"kinds", "avvikelse", "", STYR_EINPUT},
	    {"kinds", "saldo", "utfall", STYR_EINPUT},
	    {"sums", "resultat", "children", STYR_EINPUT},
	};
	struct styr_rule r;
	struct styr_err err;
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		memset(&r, 0, sizeof(r));
		snprintf(r.code, sizeof(r.code), "R%zu", i);
		snprintf(r.check, sizeof(r.check), "%s", rows[i].check);
		snprintf(r.subject, sizeof(r.subject), "%s", rows[i].subject);
		snprintf(r.expr, sizeof(r.expr), "%s", rows[i].expr);
		styr_err_init(&err);
		assert_int_equal(styr_rule_check(&r, &err), rows[i].code);
	}
}

/* Seed 002, lines 2563–2599: the resultaträkning of Lasarettet i
 * Landskrona, utfall 2023 and 2024, budget, avvikelse and prognos 2024. */
static const struct {
	const char *row;
	int64_t u23, u24, b24, a24, p24;
} seed002[] = {
    {"regionbidrag", 242100, 281300, 281300, 0, 281300},
    {"patientavgifter", 7744, 8387, 7753, 634, 8053},
    {"forsaljning_verksamhet", 42065, 45445, 47480, -2035, 45080},
    {"forsaljning_varor", 19229, 23706, 15909, 7797, 22963},
    {"riktade_statsbidrag", 907, 1415, 452, 963, 1152},
    {"ovriga_intakter", 101094, 88406, 81581, 6825, 91215},
    {"summa_intakter", 413139, 448659, 434475, 14184, 449763},
    {"lonekostnader", -186732, -190241, -169775, -20467, -187046},
    {"arbetsgivaravgifter", -85345, -87705, -79826, -7879, -87924},
    {"ovriga_personalkostnader", -2629, -2260, -1407, -853, -1469},
    {"inhyrd_personal", -16163, -14774, -11040, -3734, -15440},
    {"material_tjanster", -70959, -69828, -65905, -3923, -71239},
    {"lakemedel", -17886, -19951, -18912, -1039, -20172},
    {"fastighetskostnader", -47340, -48142, -48387, 245, -48187},
    {"ovriga_kostnader", -27067, -32847, -34797, 1950, -34859},
    {"avskrivningar", -4096, -5055, -4094, -961, -4094},
    {"finansiella", -182, -484, -332, -152, -332},
    {"summa_kostnader", -458400, -471287, -434475, -36812, -470763},
    {"resultat", -45261, -22629, 0, -22629, -21000},
};

static void put(struct styr_db *db, const char *row, int year, const char *kind, int64_t amount)
{
	struct styr_ledger_entry e;
	struct styr_err err;

	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "LKR");
	e.year = year;
	snprintf(e.row, sizeof(e.row), "%s", row);
	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	e.amount_ore = amount * STYR_ORE_PER_TKR; /* the test's figures are tkr */
	styr_err_init(&err);
	assert_int_equal(styr_ledger_put(db, &e, &err), STYR_OK);
}

static struct styr_db *seed_db(void)
{
	static const char *const rules[][5] = {
	    {"RR-INT", "rows", "summa_intakter", "children", "1"},
	    {"RR-KOST", "rows", "summa_kostnader", "children", "1"},
	    {"RR-RES", "rows", "resultat", "summa_intakter+summa_kostnader", "1"},
	    {"RR-AVV", "kinds", "avvikelse", "utfall-budget", "1"},
	};
	struct styr_org_unit u;
	struct styr_db *db;
	struct styr_err err;
	size_t i;

	styr_err_init(&err);
	assert_int_equal(styr_db_open(":memory:", STYR_DB_CREATE, &db, &err), STYR_OK);
	assert_int_equal(styr_db_actor(db, "test", "unit test", &err), STYR_OK);
	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "LKR");
	snprintf(u.name, sizeof(u.name), "Lasarettet i Landskrona");
	u.kind = STYR_ORG_FORVALTNING;
	assert_int_equal(styr_org_put(db, &u, &err), STYR_OK);
	for (i = 0; i < N(seed002); i++) {
		put(db, seed002[i].row, 2023, "utfall", seed002[i].u23);
		put(db, seed002[i].row, 2024, "utfall", seed002[i].u24);
		put(db, seed002[i].row, 2024, "budget", seed002[i].b24);
		put(db, seed002[i].row, 2024, "avvikelse", seed002[i].a24);
		put(db, seed002[i].row, 2024, "prognos", seed002[i].p24);
	}
	for (i = 0; i < N(rules); i++) {
		struct styr_rule r;

		memset(&r, 0, sizeof(r));
		snprintf(r.code, sizeof(r.code), "%s", rules[i][0]);
		snprintf(r.name, sizeof(r.name), "%s", rules[i][0]);
		snprintf(r.check, sizeof(r.check), "%s", rules[i][1]);
		snprintf(r.subject, sizeof(r.subject), "%s", rules[i][2]);
		snprintf(r.expr, sizeof(r.expr), "%s", rules[i][3]);
		r.tolerance = rules[i][4][0] - '0';
		snprintf(r.tab, sizeof(r.tab), "*");
		assert_int_equal(styr_rule_put(db, &r, &err), STYR_OK);
	}
	return db;
}

struct collected {
	char lines[16][640];
	size_t n;
};

static int collect(void *ctx, const struct styr_finding *f)
{
	struct collected *c = ctx;

	if (c->n < 16)
		snprintf(c->lines[c->n++], sizeof(c->lines[0]), "%s %s %d %s %lld %lld %lld%s",
		         f->rule->code, f->unit, f->year, f->where, (long long)f->left,
		         (long long)f->right, (long long)f->diff, f->rounding ? " note" : "");
	return 0;
}

/* One figure everywhere: the note that goes with a derived avvikelse
 * when the document printed another. */
static void test_avvikelse_note(void **state)
{
	static const struct {
		bool has_printed, has_utfall, has_budget;
		int64_t printed, avvikelse;
		const char *note;
	} cases[] = {
	    {true, true, true, -20467, -20466,
	     "tryckt i underlaget: −20\xc2\xa0"
	     "467 (skillnad 1)"},
	    {true, true, true, -36812, -36813,
	     "tryckt i underlaget: −36\xc2\xa0"
	     "812 (skillnad 1)"},
	    {true, true, true, -2035, -2035, ""}, /* agrees */
	    {false, true, true, 0, -20466, ""},   /* nothing printed */
	    {true, false, true, -853, 0, ""},     /* nothing to derive from */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct styr_ledger_line l;
		char buf[128];

		memset(&l, 0, sizeof(l));
		l.has_printed_avvikelse = cases[i].has_printed;
		l.has_utfall = cases[i].has_utfall;
		l.has_budget = cases[i].has_budget;
		l.printed_avvikelse = cases[i].printed;
		l.avvikelse = cases[i].avvikelse;
		assert_int_equal(styr_ledger_avvikelse_note(&l, buf, sizeof(buf)),
		                 cases[i].note[0] != '\0');
		assert_string_equal(buf, cases[i].note);
	}
}

static void test_check_seed002(void **state)
{
	/* Worked out by hand from the table: the costs of 2023 add up to
	 * −458 399 (printed −458 400); Lönekostnader's avvikelse −190 241 +
	 * 169 775 = −20 466 (printed −20 467); RESULTAT 2024 448 659 −
	 * 471 287 = −22 628 (printed −22 629); and so on.  All within 1 tkr. */
	static const char *const expected[] = {
	    "RR-KOST LKR 2023 utfall -458400 -458399 -1 note",
	    "RR-AVV LKR 2024 Lönekostnader -20467 -20466 -1 note",
	    "RR-KOST LKR 2024 prognos -470763 -470762 -1 note",
	    "RR-KOST LKR 2024 avvikelse -36812 -36813 1 note",
	    "RR-RES LKR 2024 utfall -22629 -22628 -1 note",
	    "RR-RES LKR 2024 avvikelse -22629 -22628 -1 note",
	};
	struct styr_db *db = seed_db();
	struct styr_check_stats stats;
	struct collected c;
	struct styr_err err;
	size_t i;

	(void)state;
	memset(&c, 0, sizeof(c));
	styr_err_init(&err);
	assert_int_equal(styr_check_run(db, NULL, collect, &c, &stats, &err), STYR_OK);
	assert_int_equal(stats.rules, 4);
	assert_int_equal(stats.errors, 0);
	assert_int_equal(stats.notes, N(expected));
	/* 2 years: RR-INT/KOST/RES for 4 kinds of 2024 and utfall 2023 = 15,
	 * RR-AVV for 19 rows = 19 */
	assert_int_equal(stats.checked, 15 + 19);
	assert_int_equal(c.n, N(expected));
	for (i = 0; i < N(expected); i++)
		assert_string_equal(c.lines[i], expected[i]);
	styr_db_close(db);
}

static bool has_line(const struct collected *c, const char *line)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->lines[i], line))
			return true;
	return false;
}

static void test_check_error(void **state)
{
	struct styr_db *db = seed_db();
	struct styr_check_stats stats;
	struct collected c;
	struct styr_err err;

	(void)state;
	/* A typo in one row (45 445 typed as 45 455) shows up as an error in
	 * SUMMA INTÄKTER and in the avvikelse. */
	put(db, "forsaljning_verksamhet", 2024, "utfall", 45455);
	memset(&c, 0, sizeof(c));
	styr_err_init(&err);
	assert_int_equal(styr_check_run(db, NULL, collect, &c, &stats, &err), STYR_OK);
	assert_int_equal(stats.errors, 2);
	assert_true(has_line(&c, "RR-INT LKR 2024 utfall 448659 448669 -10"));
	assert_true(has_line(&c, "RR-AVV LKR 2024 Försäljning av verksamhet -2035 -2025 -10"));
	styr_db_close(db);
}

static void test_table(void **state)
{
	struct styr_db *db = seed_db();
	struct styr_ledger_table t;
	struct styr_err err;
	size_t i;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2024, 12, NULL, &t, &err), STYR_OK);
	assert_int_equal(t.n, N(seed002));
	for (i = 0; i < t.n; i++) {
		const struct styr_ledger_line *l = &t.lines[i];

		assert_string_equal(l->row.code, seed002[i].row);
		assert_int_equal(l->prev_utfall, seed002[i].u23);
		assert_int_equal(l->utfall, seed002[i].u24);
		assert_int_equal(l->budget, seed002[i].b24);
		assert_int_equal(l->avvikelse, seed002[i].u24 - seed002[i].b24);
		assert_int_equal(l->forandring, seed002[i].u24 - seed002[i].u23);
		assert_int_equal(l->prognos, seed002[i].p24);
		assert_false(l->prognos_derived);
	}
	/* SUMMA INTÄKTER +8,6 % (seed 002 line 2667) */
	assert_int_equal(t.lines[6].forandring_pct100, 860);
	styr_ledger_table_release(&t);

	/* jan–aug: only year figures exist, so no utfall for part of a year;
	 * the budget is periodised flat: 281 300 × 8 / 12. */
	assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2024, 8, NULL, &t, &err), STYR_OK);
	assert_int_equal(t.lines[0].budget, 187533);
	assert_false(t.lines[0].has_utfall);
	styr_ledger_table_release(&t);
	styr_db_close(db);
}

static struct styr_action act(const char *plan, const char *unit, const char *e, const char *a)
{
	struct styr_action x;

	memset(&x, 0, sizeof(x));
	snprintf(x.plan, sizeof(x.plan), "%s", plan);
	snprintf(x.unit, sizeof(x.unit), "%s", unit);
	snprintf(x.title, sizeof(x.title), "%s %s %s", plan, e ? e : "-", a ? a : "-");
	snprintf(x.state, sizeof(x.state), "pågår");
	x.has_expected = e != NULL;
	x.expected = e ? strtoll(e, NULL, 10) : 0;
	x.has_achieved = a != NULL;
	x.achieved = a ? strtoll(a, NULL, 10) : 0;
	return x;
}

struct plans {
	char lines[8][160];
	size_t n;
};

static int collect_plan(void *ctx, const struct styr_action_plan *p)
{
	struct plans *c = ctx;

	if (c->n < 8)
		snprintf(c->lines[c->n++], sizeof(c->lines[0]), "%s %s %zu %s%lld %s%lld %s%lld",
		         p->plan, p->unit, p->actions, p->has_expected ? "" : "!",
		         (long long)p->expected, p->has_achieved ? "" : "!", (long long)p->achieved,
		         p->has_completion ? "" : "!", (long long)p->completion_permille);
	return 0;
}

/* A plan's totals: seed 002's plan (7,8 Mkr expected on one row, the
 * achieved effect per insatsområde on others: 7,1 + 3,9 − 5,2 + 0 = 5,8,
 * 744 ‰), a plan without achieved figures (no genomförandegrad), and
 * another unit's action in the same plan, which is its own total. */
static void test_plan_totals(void **state)
{
	struct styr_action rows[] = {
	    act("LKR-HP2024", "LKR", "7800", NULL), act("LKR-HP2024", "LKR", NULL, "0"),
	    act("LKR-HP2024", "LKR", NULL, "7100"), act("LKR-HP2024", "HHM", "1000", "250"),
	    act("LKR-HP2024", "LKR", NULL, "3900"), act("LKR-HP2024", "LKR", NULL, "-5200"),
	    act("LKR-HP2025", "LKR", "2500", NULL),
	};
	static const char *const want_lkr[] = {
	    "LKR-HP2024 LKR 5 7800 5800 744",
	    "LKR-HP2025 LKR 1 2500 !0 !0",
	};
	static const char *const want_all[] = {
	    "LKR-HP2024 LKR 5 7800 5800 744",
	    "LKR-HP2024 HHM 1 1000 250 250",
	    "LKR-HP2025 LKR 1 2500 !0 !0",
	};
	struct styr_db *db = seed_db();
	struct styr_org_unit u;
	struct styr_err err;
	struct plans c;
	size_t i;

	(void)state;
	styr_err_init(&err);
	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "HHM");
	snprintf(u.name, sizeof(u.name), "Hässleholms sjukhusorganisation");
	u.kind = STYR_ORG_FORVALTNING;
	assert_int_equal(styr_org_put(db, &u, &err), STYR_OK);
	for (i = 0; i < N(rows); i++)
		assert_int_equal(styr_action_put(db, &rows[i], &err), STYR_OK);

	memset(&c, 0, sizeof(c));
	assert_int_equal(styr_action_plan_each(db, "LKR", collect_plan, &c, &err), STYR_OK);
	assert_int_equal(c.n, N(want_lkr));
	for (i = 0; i < c.n; i++)
		assert_string_equal(c.lines[i], want_lkr[i]);

	memset(&c, 0, sizeof(c));
	assert_int_equal(styr_action_plan_each(db, NULL, collect_plan, &c, &err), STYR_OK);
	assert_int_equal(c.n, N(want_all));
	for (i = 0; i < c.n; i++)
		assert_string_equal(c.lines[i], want_all[i]);

	/* a unit without actions: no plans */
	memset(&c, 0, sizeof(c));
	assert_int_equal(styr_action_plan_each(db, "XYZ", collect_plan, &c, &err), STYR_OK);
	assert_int_equal(c.n, 0);
	styr_db_close(db);
}

/* A finding names the data it is about in the user's words. */
static void test_finding_source_text(void **state)
{
	char b[STYR_SOURCE_MAX + 64];

	(void)state;
	styr_finding_source_text("ledger.csv:12", b, sizeof(b));
	assert_string_equal(b, "i de inlästa uppgifterna (ledger.csv:12)");
	styr_finding_source_text("seed 002 line 2599", b, sizeof(b));
	assert_string_equal(b, "i de inlästa uppgifterna (seed 002 line 2599)");
	styr_finding_source_text("rr.txt:2599 (rapporttext)", b, sizeof(b));
	assert_string_equal(b, "i rapporttexten (rr.txt:2599)");
	styr_finding_source_text("bok.se (SIE)", b, sizeof(b));
	assert_string_equal(b, "i bokföringen (bok.se, SIE)");
	styr_finding_source_text("anna at 2024-05-01T10:00:00Z", b, sizeof(b));
	assert_string_equal(b, "inmatat av anna (2024-05-01T10:00:00Z)");
	styr_finding_source_text("Σ av raderna (styr)", b, sizeof(b));
	assert_string_equal(b, "summan av de inlästa raderna (räknad av styr)");
	styr_finding_source_text("", b, sizeof(b));
	assert_string_equal(b, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_div_round),
	    cmocka_unit_test(test_budget_period),
	    cmocka_unit_test(test_ore),
	    cmocka_unit_test(test_change_pct),
	    cmocka_unit_test(test_forecast),
	    cmocka_unit_test(test_rule_check),
	    cmocka_unit_test(test_bridge_whatif),
	    cmocka_unit_test(test_completion),
	    cmocka_unit_test(test_check_seed002),
	    cmocka_unit_test(test_check_error),
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_plan_totals),
	    cmocka_unit_test(test_avvikelse_note),
	    cmocka_unit_test(test_finding_source_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
