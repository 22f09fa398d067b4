/* Tests of import/goal_text.c: the shapes in which a text extract prints
 * the rows of an uppdrag table, each as a small text and what the parser
 * must read from it.  Boards are a fixed list here, as the organisation
 * would answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "import/goal_text.h"

static const char *const boards[] = {
    "Hälso- och sjukvårdsnämnden",
    "Primärvårdsnämnden",
    "samtliga sjukhusstyrelser",
    "Sjukhusstyrelse Sus",
    NULL,
};

static size_t board_at(void *ctx, const char *s)
{
	size_t i;

	(void)ctx;
	for (i = 0; boards[i]; i++) {
		size_t n = strlen(boards[i]);

		if (!gt_casecmp(boards[i], s, n) && strlen(s) >= n)
			return n;
	}
	return 0;
}

static const char *const headings[] = {"Bättre liv och hälsa för fler",
                                       "Tillgänglighet och kvalitet"};

#define HEADER                                                                                      \
	"BÄTTRE LIV OCH HÄLSA FÖR FLER\n\nMål och\ninsatsområde Delmål och uppdrag Ansvarig " \
	"nämnd/styrelse\n\n"

static const struct {
	const char *name;
	const char *text;
	int nitems;
	const char *io, *item, *owners; /* of the last item */
	bool uppdrag;
	int year;
	int nproblems;
} cases[] = {
    {"three paragraphs",
     HEADER "Högt förtroende för god\noch jämlik vård.\n\nBefolkningens "
            "upp-\nlevelse ska förbättras.\n\nHälso- och "
            "sjukvårdsnämnden, samtliga\nsjukhusstyrelser\n",
     1, "Högt förtroende för god och jämlik vård.", "Befolkningens upplevelse ska förbättras.",
     "Hälso- och sjukvårdsnämnden, samtliga sjukhusstyrelser", false, 0, 0},
    {"all three cells on one line",
     HEADER "God tillgänglighet Följsamhet till vårdgarantin. Hälso- och sjukvårdsnämnden, "
            "samtliga\nsjukhusstyrelser\n",
     1, "God tillgänglighet", "Följsamhet till vårdgarantin.",
     "Hälso- och sjukvårdsnämnden, samtliga sjukhusstyrelser", false, 0, 0},
    {"insatsområde with a full stop",
     HEADER "Klinisk forskning. Den kliniska forskningen ska "
            "öka. Primärvårdsnämnden\n",
     1, "Klinisk forskning.", "Den kliniska forskningen ska öka.", "Primärvårdsnämnden", false, 0,
     0},
    {"new uppdrag in front, huvudansvar",
     HEADER "Digitalisering\n\nNytt uppdrag 2024: Ta fram en strategi.5\n\nHälso- och "
            "sjukvårdsnämnden (huvudansvar)\nPrimärvårdsnämnden\n",
     1, "Digitalisering", "Ta fram en strategi.",
     "Hälso- och sjukvårdsnämnden (huvudansvar) Primärvårdsnämnden", true, 2024, 0},
    {"new uppdrag in brackets, Läs mer",
     HEADER "Digitalisering\n\nRiktade hälsosamtal ska införas. (Nytt uppdrag 2022.)\nLäs "
            "mer30\n\nPrimärvårdsnämnden\n30. Riktade hälsosamtal i Skåne\n",
     1, "Digitalisering", "Riktade hälsosamtal ska införas.", "Primärvårdsnämnden", true, 2022, 0},
    {"a board's name inside the text is not a board",
     HEADER "Nivåstrukturering\n\nNytt uppdrag 2024: Sjukhusstyrelse Sus uppdrag "
            "överförs.\n\nPrimärvårdsnämnden\n",
     1, "Nivåstrukturering", "Sjukhusstyrelse Sus uppdrag överförs.", "Primärvårdsnämnden", true,
     2024, 0},
    {"region name starts a delmål, not an insatsområde",
     HEADER "Nivåstrukturering\n\nFörsta delmålet. Primärvårdsnämnden\n\nRegion Skåne ska vara "
            "ledande.\n\nSjukhusstyrelse Sus\n",
     2, "Nivåstrukturering", "Region Skåne ska vara ledande.", "Sjukhusstyrelse Sus", false, 0, 0},
    {"forts. continues the insatsområde",
     HEADER "Psykisk hälsa\n\nEtt. Primärvårdsnämnden\n\nForts.\nUPPFÖLJNINGSPLAN 2024\n\n"
            "TILLGÄNGLIGHET OCH KVALITET\n\nMål och\ninsatsområde Delmål och uppdrag Ansvarig "
            "nämnd/styrelse\n\nPsykisk hälsa forts. Nytt uppdrag 2024: Två.\n\n"
            "Primärvårdsnämnden\n",
     2, "Psykisk hälsa", "Två.", "Primärvårdsnämnden", true, 2024, 0},
    {"text that never gets a board is a problem",
     HEADER "Digitalisering\n\nEtt. Primärvårdsnämnden\n\nEn rad utan nämnd.\n\nSLUT PÅ "
            "TABELLEN\n",
     1, "Digitalisering", "Ett.", "Primärvårdsnämnden", false, 0, 1},
};

static void test_shapes(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gt_result res;
		struct styr_err err;
		const struct gt_item *it;

		styr_err_init(&err);
		if (gt_parse(cases[i].text, strlen(cases[i].text), headings, 2, board_at, NULL,
		             &res, &err))
			fail_msg("%s: %s", cases[i].name, err.msg);
		if ((int)res.nitems != cases[i].nitems || (int)res.nproblems != cases[i].nproblems)
			fail_msg("%s: %zu items, %zu problems", cases[i].name, res.nitems,
			         res.nproblems);
		it = &res.items[res.nitems - 1];
		if (strcmp(it->io, cases[i].io) || strcmp(it->text, cases[i].item) ||
		    strcmp(it->owners, cases[i].owners) || it->uppdrag != cases[i].uppdrag ||
		    it->new_year != cases[i].year)
			fail_msg("%s: read [%s] [%s] [%s] %d %d", cases[i].name, it->io, it->text,
			         it->owners, it->uppdrag, it->new_year);
		gt_result_release(&res);
	}
}

static void test_headless_page(void **state)
{
	static const char text[] = HEADER "A\n\nEtt. Primärvårdsnämnden\n\nMål och\ninsatsområde "
	                                  "Delmål och uppdrag Ansvarig nämnd/styrelse\n\nB\n\nTvå. "
	                                  "Primärvårdsnämnden\n";
	struct gt_result res;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(gt_parse(text, strlen(text), headings, 2, board_at, NULL, &res, &err),
	                 STYR_OK);
	assert_int_equal(res.nitems, 2);
	assert_int_equal(res.items[1].heading, 0);
	assert_int_equal(res.nproblems, 1);
	assert_non_null(strstr(res.problems[0].reason, "a table page without a heading"));
	gt_result_release(&res);
}

static void test_no_table(void **state)
{
	static const char text[] = "Bara löptext.\n";
	struct gt_result res;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(gt_parse(text, strlen(text), headings, 2, board_at, NULL, &res, &err),
	                 STYR_EINPUT);
	assert_int_equal(res.nitems, 0);
}

static void test_casecmp(void **state)
{
	(void)state;
	assert_int_equal(
	    gt_casecmp("Hållbar utveckling i hela Skåne", "HÅLLBAR UTVECKLING I HELA SKÅNE", 33),
	    0);
	assert_int_equal(gt_casecmp("Bättre liv", "BÄTTRE LIV", 11), 0);
	assert_true(gt_casecmp("Bättre", "Battre", 6) != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_headless_page),
	    cmocka_unit_test(test_no_table),
	    cmocka_unit_test(test_casecmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
