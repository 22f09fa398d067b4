/*
 * Tests for src/import/ledger_text.c: resultaträkning tables as a PDF
 * extraction leaves them.  Each case is a small text and the amounts (or
 * the skipped rows) it must give; the digits of a row are split into the
 * header's columns, preferring avvikelse = utfall − budget and amounts of
 * one size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "import/ledger_text.h"
#include "styr/styr.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define HEADER5                                                                                    \
	"Uppföljning\nUtfall \n\njan-dec 2023\n\nUtfall   jan-\n\ndec 2024\n\nBudget helår   "   \
	"\n\n2024\n\n"                                                                             \
	"Avvikelse \n\njan-dec\n\nPrognos \n\nhelår 2024\n\n"

static const struct {
	const char *name;
	const char *text;
	const char *expected; /* "unit/table/year/row/kind=amount;..." sorted as exported */
	size_t skipped;
} cases[] = {
    {"grouped digits split by the avvikelse",
     HEADER5 " Regionbidrag 242 100 281 300 281 300 0 281 300\n",
     "LKR//2023/regionbidrag/utfall=242100;LKR//2024/regionbidrag/avvikelse=0;"
     "LKR//2024/regionbidrag/budget=281300;LKR//2024/regionbidrag/prognos=281300;"
     "LKR//2024/regionbidrag/utfall=281300;",
     0},
    {"small and grouped amounts in one row",
     HEADER5 " Spec destinerade statsbidrag 907 1 415 452 963 1 152\n",
     "LKR//2023/riktade_statsbidrag/utfall=907;LKR//2024/riktade_statsbidrag/avvikelse=963;"
     "LKR//2024/riktade_statsbidrag/budget=452;LKR//2024/riktade_statsbidrag/prognos=1152;"
     "LKR//2024/riktade_statsbidrag/utfall=1415;",
     0},
    {"negative amounts and en dash minus",
     HEADER5 " Lönekostnader –186 732 -190 241 -169 775 -20 467 -187 046\n",
     "LKR//2023/lonekostnader/utfall=-186732;LKR//2024/lonekostnader/avvikelse=-20467;"
     "LKR//2024/lonekostnader/budget=-169775;LKR//2024/lonekostnader/prognos=-187046;"
     "LKR//2024/lonekostnader/utfall=-190241;",
     0},
    {"a unit named above the table",
     "Vårdval HUD \n\nUppföljning Utfall  \njan-dec 2023 \n\nUtfall   jan-\ndec 2024 \n\n"
     "Budget jan-\ndec 2024 \n\n Läkemedel -167 -127 -88 \n\n",
     "LKR-VVH//2023/lakemedel/utfall=-167;LKR-VVH//2024/lakemedel/budget=-88;"
     "LKR-VVH//2024/lakemedel/utfall=-127;",
     0},
    {"a partial table with a title of its own",
     "Lönekostnader Landskrona \n\nLasarett \n\nUtfall \n\njan-dec 2023\n\nUtfall   jan-dec \n\n"
     "2024\n\nBudget  jan-\n\ndec 2024\n SUMMA KOSTNADER -274 706 -280 206 -251 008\n",
     "LKR/lonekostnader-landskrona/2023/summa_kostnader/utfall=-274706;"
     "LKR/lonekostnader-landskrona/2024/summa_kostnader/budget=-251008;"
     "LKR/lonekostnader-landskrona/2024/summa_kostnader/utfall=-280206;",
     0},
    {"a percent column is read and not stored",
     "Lönekostnader exkl reg.op \n\nteamet\n\nUtfall \n\njan-dec 2023\n\nUtfall   jan-dec \n\n"
     "2024\n\n% jämförelse \n\n23/24\n\nBudget  jan-\n\ndec 2024\n"
     " Övriga personalkostnader -2 529 -2 236 11,60% -1 394\n",
     "LKR/lonekostnader-exkl-reg-op/2023/ovriga_personalkostnader/utfall=-2529;"
     "LKR/lonekostnader-exkl-reg-op/2024/ovriga_personalkostnader/budget=-1394;"
     "LKR/lonekostnader-exkl-reg-op/2024/ovriga_personalkostnader/utfall=-2236;",
     0},
    {"too few amounts: listed, not guessed", HEADER5 " Läkemedel -17 886 -19 951\n", "", 1},
    {"printed again with other figures: the first is kept, the second listed",
     HEADER5 " Läkemedel -1 -2 -3 1 -2\n\n" HEADER5 " Läkemedel -1 -2 -4 2 -2\n",
     "LKR//2023/lakemedel/utfall=-1;LKR//2024/lakemedel/avvikelse=1;"
     "LKR//2024/lakemedel/budget=-3;LKR//2024/lakemedel/prognos=-2;"
     "LKR//2024/lakemedel/utfall=-2;",
     2},
};

static int add(void *ctx, const struct styr_ledger_entry *e)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 4096 - n, "%s/%s/%d/%s/%s=%lld;", e->unit, e->tab, e->year, e->row,
	         e->kind, (long long)(e->amount_ore / STYR_ORE_PER_TKR));
	return 0;
}

static void put_unit(struct styr_db *db, const char *code, const char *name)
{
	struct styr_org_unit u;
	struct styr_err err;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "%s", name);
	u.kind = STYR_ORG_ENHET;
	styr_err_init(&err);
	assert_int_equal(styr_org_put(db, &u, &err), STYR_OK);
}

static void test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		struct styr_report_text_result res;
		struct styr_db *db;
		struct styr_err err;
		char got[4096] = "";

		styr_err_init(&err);
		assert_int_equal(styr_db_open(":memory:", STYR_DB_CREATE, &db, &err), STYR_OK);
		assert_int_equal(styr_db_actor(db, "test", "unit test", &err), STYR_OK);
		put_unit(db, "LKR", "Lasarettet i Landskrona");
		put_unit(db, "LKR-VVH", "Vårdval HUD");
		memset(&res, 0, sizeof(res));
		assert_int_equal(ledger_text_import(db, cases[i].text, strlen(cases[i].text),
		                                    "t.txt", "LKR", &res, &err),
		                 STYR_OK);
		assert_int_equal(styr_ledger_each(db, NULL, add, got, &err), STYR_OK);
		if (strcmp(got, cases[i].expected) || res.nskipped != cases[i].skipped)
			fail_msg("%s:\n got      %s (%zu skipped)\n expected %s (%zu skipped)",
			         cases[i].name, got, res.nskipped, cases[i].expected,
			         cases[i].skipped);
		styr_report_text_result_release(&res);
		styr_db_close(db);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_cases)};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
