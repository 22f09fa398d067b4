/*
 * Tests for src/calc/profile.c: which stored budget profile periodises a
 * unit's row (the unit's own for the row, its own for all rows, then the
 * same up the org tree, else flat; at each step a profile for the table's
 * year before one for every year), the checks on the weights, and the
 * resultaträkning built with stored profiles, each figure computed by
 * hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "styr/styr.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Summer lower: Σ 9 975 hundredths, jan–aug 6 575. */
static const int summer[12] = {850, 850, 850, 850, 850, 850, 650, 825, 850, 850, 850, 850};
/* Lönekostnader with semesterlöneskuld: Σ 1 200, jul 50. */
static const int salary[12] = {100, 100, 100, 100, 100, 150, 50, 100, 100, 100, 100, 100};

static struct styr_budget_profile mky(const char *unit, const char *row, int year, const int *w)
{
	struct styr_budget_profile p;

	memset(&p, 0, sizeof(p));
	snprintf(p.unit, sizeof(p.unit), "%s", unit);
	snprintf(p.row, sizeof(p.row), "%s", row);
	p.year = year;
	memcpy(p.weight, w, sizeof(p.weight));
	return p;
}

static struct styr_budget_profile mk(const char *unit, const char *row, const int *w)
{
	return mky(unit, row, 0, w);
}

static void test_find(void **state)
{
	struct styr_budget_profile stored[] = {
	    mk("RS", "", summer),
	    mk("LKR-S", "lonekostnader", salary),
	    mk("LKR", "", summer),
	    mk("LKR-IM", "lakemedel", salary),
	};
	static const struct {
		const char *chain[4];
		const char *row;
		const char *unit, *prow; /* expected; unit NULL: none (flat) */
	} rows[] = {
	    /* the unit's own profile for the row */
	    {{"LKR-IM", "LKR", "LKR-S", "RS"}, "lakemedel", "LKR-IM", "lakemedel"},
	    /* LKR-IM has none for the row nor for all rows: its parent's */
	    {{"LKR-IM", "LKR", "LKR-S", "RS"}, "regionbidrag", "LKR", ""},
	    /* the nearer unit's all-rows profile wins over a row profile above */
	    {{"LKR-IM", "LKR", "LKR-S", "RS"}, "lonekostnader", "LKR", ""},
	    {{"LKR", "LKR-S", "RS", NULL}, "lonekostnader", "LKR", ""},
	    /* the board's own row profile, else the region's default */
	    {{"LKR-S", "RS", NULL, NULL}, "lonekostnader", "LKR-S", "lonekostnader"},
	    {{"LKR-S", "RS", NULL, NULL}, "regionbidrag", "RS", ""},
	    /* a subtotal row takes the all-rows profile like any row */
	    {{"LKR-S", "RS", NULL, NULL}, "summa_kostnader", "RS", ""},
	    /* outside the tree that has profiles: flat */
	    {{"HBG", NULL, NULL, NULL}, "regionbidrag", NULL, NULL},
	};
	struct styr_profile_lookup l;
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		const struct styr_budget_profile *p;

		memset(&l, 0, sizeof(l));
		for (c = 0; c < 4 && rows[i].chain[c]; c++)
			snprintf(l.chain[l.nchain++], STYR_CODE_MAX, "%s", rows[i].chain[c]);
		l.profiles = stored;
		l.n = N(stored);
		p = styr_profile_lookup_find(&l, rows[i].row);
		if (!rows[i].unit) {
			assert_null(p);
			continue;
		}
		assert_non_null(p);
		assert_string_equal(p->unit, rows[i].unit);
		assert_string_equal(p->row, rows[i].prow);
	}
}

/* Profiles for one year (migration 0008): at the same unit and row the
 * table's year wins over every year (0), whichever is stored first; the
 * rest of the order is as in test_find, and other years are never used. */
static void test_find_year(void **state)
{
	struct styr_budget_profile stored[] = {
	    mky("RS", "", 0, summer),
	    mky("RS", "", 2025, salary),
	    mky("LKR", "", 0, summer),
	    mky("LKR", "lonekostnader", 2025, salary), /* before its year 0 */
	    mky("LKR", "lonekostnader", 0, summer),
	    mky("LKR", "", 2026, salary),
	    mky("LKR-S", "regionbidrag", 2025, salary),
	};
	static const struct {
		int year;
		const char *chain[3];
		const char *row;
		const char *unit, *prow; /* expected */
		int pyear;
	} rows[] = {
	    /* the unit's row profile for 2025 beats its year-0 one */
	    {2025, {"LKR", "LKR-S", "RS"}, "lonekostnader", "LKR", "lonekostnader", 2025},
	    /* for 2024 the 2025 profile does not exist: the year-0 one */
	    {2024, {"LKR", "LKR-S", "RS"}, "lonekostnader", "LKR", "lonekostnader", 0},
	    /* the unit's year-0 all-rows profile still beats the parent's
	     * row profile for 2025 (the nearest unit wins) */
	    {2025, {"LKR", "LKR-S", "RS"}, "regionbidrag", "LKR", "", 0},
	    /* the board's own 2025 row profile */
	    {2025, {"LKR-S", "RS", NULL}, "regionbidrag", "LKR-S", "regionbidrag", 2025},
	    /* the region's 2025 all-rows profile beats its year-0 one … */
	    {2025, {"LKR-S", "RS", NULL}, "lakemedel", "RS", "", 2025},
	    /* … which is the default for any other year */
	    {2024, {"LKR-S", "RS", NULL}, "regionbidrag", "RS", "", 0},
	    {2026, {"LKR-S", "RS", NULL}, "lakemedel", "RS", "", 0},
	    /* a row's year-0 profile beats the unit's 2026 all-rows profile
	     * (the row is more specific) … */
	    {2026, {"LKR", "LKR-S", "RS"}, "lonekostnader", "LKR", "lonekostnader", 0},
	    /* … which beats LKR's year-0 all-rows profile for other rows */
	    {2026, {"LKR", "LKR-S", "RS"}, "lakemedel", "LKR", "", 2026},
	};
	struct styr_profile_lookup l;
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		const struct styr_budget_profile *p;

		memset(&l, 0, sizeof(l));
		for (c = 0; c < 3 && rows[i].chain[c]; c++)
			snprintf(l.chain[l.nchain++], STYR_CODE_MAX, "%s", rows[i].chain[c]);
		l.year = rows[i].year;
		l.profiles = stored;
		l.n = N(stored);
		p = styr_profile_lookup_find(&l, rows[i].row);
		assert_non_null(p);
		assert_string_equal(p->unit, rows[i].unit);
		assert_string_equal(p->row, rows[i].prow);
		assert_int_equal(p->year, rows[i].pyear);
	}
}

static void test_check(void **state)
{
	static const struct {
		int month, weight; /* one month changed from summer */
		bool all_zero;
		int code;
	} rows[] = {
	    {0, 850, false, STYR_OK},
	    {6, 0, false, STYR_OK}, /* one month without budget is fine */
	    {6, -1, false, STYR_EINPUT},
	    {0, 0, true, STYR_EINPUT},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(rows); i++) {
		struct styr_budget_profile p = mk("LKR", "", summer);
		struct styr_err err;

		styr_err_init(&err);
		if (rows[i].all_zero)
			memset(p.weight, 0, sizeof(p.weight));
		else
			p.weight[rows[i].month] = rows[i].weight;
		assert_int_equal(styr_budget_profile_check(&p, &err), rows[i].code);
	}
}

/* Cumulative rounding: each month rounded on its own would not add up;
 * the months of a profile always add up to the year exactly. */
static void test_months_add_up(void **state)
{
	static const int64_t years[] = {281300, -190241, 1, 7, -169775, 99999, 0};
	size_t i;
	int m;

	(void)state;
	for (i = 0; i < N(years); i++) {
		int64_t sum = 0, sum_salary = 0;

		for (m = 1; m <= 12; m++) {
			sum += styr_budget_period(years[i], summer, m, m);
			sum_salary += styr_budget_period(years[i], salary, m, m);
		}
		assert_int_equal(sum, years[i]);
		assert_int_equal(sum_salary, years[i]);
	}
	/* 1 000 by summer: january 1 000 × 850 / 9 975 = 85,2 → 85; july
	 * cumulative 1 000 × 5 750 / 9 975 = 576,4 → 576 less jan–jun
	 * 1 000 × 5 100 / 9 975 = 511,3 → 511: 65 */
	assert_int_equal(styr_budget_period(1000, summer, 1, 1), 85);
	assert_int_equal(styr_budget_period(1000, summer, 7, 7), 65);
}

static void org(struct styr_db *db, const char *code, const char *parent, enum styr_org_kind kind)
{
	struct styr_org_unit u;
	struct styr_err err;

	styr_err_init(&err);
	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "%s", code);
	snprintf(u.parent, sizeof(u.parent), "%s", parent);
	u.kind = kind;
	assert_int_equal(styr_org_put(db, &u, &err), STYR_OK);
}

static void budget_year(struct styr_db *db, const char *unit, const char *row, int year,
                        int64_t amount)
{
	struct styr_ledger_entry e;
	struct styr_err err;

	styr_err_init(&err);
	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "%s", unit);
	snprintf(e.row, sizeof(e.row), "%s", row);
	snprintf(e.kind, sizeof(e.kind), "budget");
	e.year = year;
	e.amount_ore = amount * STYR_ORE_PER_TKR; /* the test's figures are tkr */
	assert_int_equal(styr_ledger_put(db, &e, &err), STYR_OK);
}

static void budget(struct styr_db *db, const char *unit, const char *row, int64_t amount)
{
	budget_year(db, unit, row, 2024, amount);
}

static const struct styr_ledger_line *line(const struct styr_ledger_table *t, const char *row)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->lines[i].row.code, row))
			return &t->lines[i];
	fail_msg("no line %s", row);
	return NULL;
}

static void test_store_and_table(void **state)
{
	struct styr_budget_profile p;
	struct styr_profile_lookup l;
	struct styr_ledger_table t;
	const struct styr_ledger_line *li;
	struct styr_db *db;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_db_open(":memory:", STYR_DB_CREATE, &db, &err), STYR_OK);
	assert_int_equal(styr_db_actor(db, "test", "unit test", &err), STYR_OK);
	org(db, "RS", "", STYR_ORG_REGION);
	org(db, "LKR-S", "RS", STYR_ORG_STYRELSE);
	org(db, "LKR", "LKR-S", STYR_ORG_FORVALTNING);
	org(db, "LKR-IM", "LKR", STYR_ORG_VERKSAMHETSOMRADE);
	p = mk("RS", "", summer);
	assert_int_equal(styr_budget_profile_put(db, &p, &err), STYR_OK);
	p = mk("LKR", "lonekostnader", salary);
	assert_int_equal(styr_budget_profile_put(db, &p, &err), STYR_OK);
	/* a put replaces */
	p.weight[6] = 60;
	assert_int_equal(styr_budget_profile_put(db, &p, &err), STYR_OK);

	assert_int_equal(styr_profile_lookup_init(db, "LKR-IM", 2024, &l, &err), STYR_OK);
	assert_int_equal(l.nchain, 4);
	assert_string_equal(l.chain[3], "RS");
	assert_int_equal(l.n, 2);
	assert_string_equal(styr_profile_lookup_find(&l, "lonekostnader")->unit, "LKR");
	assert_int_equal(styr_profile_lookup_find(&l, "lonekostnader")->weight[6], 60);
	assert_string_equal(styr_profile_lookup_find(&l, "regionbidrag")->unit, "RS");
	styr_profile_lookup_release(&l);
	assert_int_equal(styr_profile_lookup_init(db, "NOPE", 2024, &l, &err), STYR_ENOTFOUND);

	/* LKR jan–aug: regionbidrag by the region's summer profile:
	 * 281 300 × 6 575 / 9 975 = 185 418,3 → 185 418; lönekostnader by
	 * LKR's own (Σ 1 210, jan–aug 100×5 + 150 + 60 + 100 = 810):
	 * −190 241 × 810 / 1 210 = −127 351,4 → −127 351. */
	budget(db, "LKR", "regionbidrag", 281300);
	budget(db, "LKR", "lonekostnader", -190241);
	budget(db, "LKR", "summa_kostnader", -190241);
	budget(db, "LKR", "summa_intakter", 434475);
	assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2024, 8, NULL, &t, &err), STYR_OK);
	li = line(&t, "regionbidrag");
	assert_int_equal(li->budget, 185418);
	assert_true(li->periodised);
	assert_string_equal(li->profile_unit, "RS");
	assert_string_equal(li->profile_row, "");
	li = line(&t, "lonekostnader");
	assert_int_equal(li->budget, -127351);
	assert_string_equal(li->profile_unit, "LKR");
	assert_string_equal(li->profile_row, "lonekostnader");
	/* SUMMA KOSTNADER's only row makes up its year budget: the sum of
	 * the rows for the period, whatever their profiles */
	li = line(&t, "summa_kostnader");
	assert_int_equal(li->budget, -127351);
	assert_true(li->budget_summed);
	/* SUMMA INTÄKTER's rows (281 300) do not make up its 434 475: it is
	 * periodised by its own profile, 434 475 × 6 575 / 9 975 = 286 383,3 */
	li = line(&t, "summa_intakter");
	assert_int_equal(li->budget, 286383);
	assert_false(li->budget_summed);
	assert_string_equal(li->profile_unit, "RS");
	styr_ledger_table_release(&t);

	/* the caller's weights win over the stored profiles (--profile):
	 * flat-ish 1 each → 281 300 × 8 / 12 = 187 533,3 → 187 533 */
	{
		static const int ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

		assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2024, 8, ones, &t, &err),
		                 STYR_OK);
		li = line(&t, "regionbidrag");
		assert_int_equal(li->budget, 187533);
		assert_true(li->periodised);
		assert_string_equal(li->profile_unit, "");
		styr_ledger_table_release(&t);
	}
	/* a whole year is not periodised: the budget as given */
	assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2024, 12, NULL, &t, &err), STYR_OK);
	li = line(&t, "regionbidrag");
	assert_int_equal(li->budget, 281300);
	assert_false(li->periodised);
	assert_string_equal(li->profile_unit, "");
	styr_ledger_table_release(&t);

	/* A profile for 2025 alone (migration 0008): LKR's for every row,
	 * July 0: Σ 1 100, jan–aug 700. */
	{
		static const int no_july[12] = {100, 100, 100, 100, 100, 100,
		                                0,   100, 100, 100, 100, 100};
		struct styr_buf text;

		p = mky("LKR", "", 2025, no_july);
		assert_int_equal(styr_budget_profile_put(db, &p, &err), STYR_OK);
		/* the lookup for 2024 does not read it, the one for 2025 does */
		assert_int_equal(styr_profile_lookup_init(db, "LKR", 2024, &l, &err), STYR_OK);
		assert_int_equal(l.n, 2);
		assert_string_equal(styr_profile_lookup_find(&l, "regionbidrag")->unit, "RS");
		styr_profile_lookup_release(&l);
		assert_int_equal(styr_profile_lookup_init(db, "LKR", 2025, &l, &err), STYR_OK);
		assert_int_equal(l.n, 3);
		assert_int_equal(styr_profile_lookup_find(&l, "regionbidrag")->year, 2025);
		styr_profile_lookup_release(&l);

		/* 2024 unchanged: 185 418 by the region's profile, as above */
		assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2024, 8, NULL, &t, &err),
		                 STYR_OK);
		li = line(&t, "regionbidrag");
		assert_int_equal(li->budget, 185418);
		assert_string_equal(li->profile_unit, "RS");
		assert_int_equal(li->profile_year, 0);
		styr_ledger_table_release(&t);

		/* 2025: regionbidrag by LKR's 2025 profile, 120 000 × 700 /
		 * 1 100 = 76 363,6 → 76 364; lönekostnader by LKR's row profile
		 * for every year (a row's own beats the unit's all-rows one),
		 * −110 000 × 810 / 1 210 = −73 636,4 → −73 636 */
		budget_year(db, "LKR", "regionbidrag", 2025, 120000);
		budget_year(db, "LKR", "lonekostnader", 2025, -110000);
		assert_int_equal(styr_ledger_table_build(db, "LKR", "", 2025, 8, NULL, &t, &err),
		                 STYR_OK);
		li = line(&t, "regionbidrag");
		assert_int_equal(li->budget, 76364);
		assert_string_equal(li->profile_unit, "LKR");
		assert_string_equal(li->profile_row, "");
		assert_int_equal(li->profile_year, 2025);
		li = line(&t, "lonekostnader");
		assert_int_equal(li->budget, -73636);
		assert_string_equal(li->profile_row, "lonekostnader");
		assert_int_equal(li->profile_year, 0);
		/* the sentence names the year of a year's own profile only */
		styr_buf_init(&text, 4096);
		assert_int_equal(styr_ledger_periodisation_text(&t, &text, &err), STYR_OK);
		assert_string_equal(
		    text.data, "Periodisering av årsbudgeten: budgetprofilen 2025 för LKR (övriga "
		               "rader); budgetprofilen för LKR för raden Lönekostnader.");
		styr_buf_release(&text);
		styr_ledger_table_release(&t);
	}

	styr_db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_find_year),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_months_add_up),
	    cmocka_unit_test(test_store_and_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
