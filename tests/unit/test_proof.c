/*
 * Tests for src/proof: the figures of a line of report text as printed
 * (token.c) and the judgement of a printed figure at its precision
 * (judge.c).  Each behaviour is one table; a new case is one row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "proof/proof_int.h"

#define MINUS   "\xe2\x88\x92"
#define EN_DASH "\xe2\x80\x93"
#define NBSP    "\xc2\xa0"
#define N(a)    (sizeof(a) / sizeof((a)[0]))

/* A line and its figures, "|"-separated, "p" after a percent, "y" after a
 * year, "–" for an empty cell. */
static const struct {
	const char *line;
	const char *want;
} tokens[] = {
    {"Vårdtillfällen 3 840 3 793 -47 -1%", "3840|3793|-47|-1p"},
    {"Regionbidrag 242 100 281 300 281 300 0 281 300", "242100|281300|281300|0|281300"},
    {"Eget kapital " EN_DASH "17 279 " MINUS "24 809 -24 156", "-17279|-24809|-24156"},
    {"– därav årets resultat –839 –4 417 652 1 144", "–|-839|-4417|652|1144"}, /* a list mark */
    {"Indikator ID-nr. Mål 2024 2023 2022", "2024y|2023y|2022y"},
    {"ID0661 100%* 100% 69%", "100p|100p|69p"},
    {"kategori 2–4 ska vara ≤4 procent", "2|4|4p"},
    {"11-timmars dygnsvila, 1177.se", "1177"},
    {"med  -3,4 procent (2023:5192, 2024: 5377)", "-3.4p|2023y|5192|2024y|5377"},
    {"Spec 907 1 415 452 963 1 152", "907|1415|452963|1152"},
    {"a " EN_DASH " 5", "–|5"},
    {"13" NBSP "742 av 29 023", "13742|29023"},
};

static void test_tokens(void **state)
{
	size_t i, k, n;

	(void)state;
	for (i = 0; i < N(tokens); i++) {
		struct ptok t[PROOF_MAX_TOK];
		char got[256] = "";

		n = proof_tokens(tokens[i].line, t, PROOF_MAX_TOK);
		for (k = 0; k < n; k++) {
			char one[48];

			if (t[k].missing)
				snprintf(one, sizeof(one), "–");
			else
				snprintf(one, sizeof(one), "%.*f%s%s", t[k].dec, t[k].v,
				         t[k].pct ? "p" : "", t[k].year ? "y" : "");
			if (k)
				strcat(got, "|");
			strcat(got, one);
		}
		if (strcmp(got, tokens[i].want))
			fail_msg("%s: expected %s, got %s", tokens[i].line, tokens[i].want, got);
	}
}

/* A printed change against the change between two printed figures. */
static const struct {
	double printed;
	int dec;
	double old, nw;
	int odec;
	enum proof_verdict want;
} changes[] = {
    {0.2, 1, 8051, 8065, 0, PROOF_OK},         /* 0,17 → 0,2 */
    {3.6, 1, 5192, 5377, 0, PROOF_OK},         /* akutbesök */
    {46.5, 1, 13.9, 7.5, 1, PROOF_ROUNDING},   /* 7,45 / 13,95 gives 46,6 */
    {58.6, 1, 471, 196, 0, PROOF_WRONG},       /* 58,4 at most 58,5 */
    {4.0, 1, 22719, 23597, 0, PROOF_ROUNDING}, /* 3,9: a whole 4 % with ",0" */
    {8.5, 1, 7163, 6891, 0, PROOF_WRONG},      /* magnitude 3,8 */
};

static void test_judge(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < N(changes); i++) {
		struct ptok p = {.v = changes[i].printed, .dec = changes[i].dec, .pct = true};
		struct ptok o = {.v = changes[i].old, .dec = changes[i].odec};
		struct ptok w = {.v = changes[i].nw, .dec = changes[i].odec};
		struct pint r, mag;
		double exact;

		assert_true(proof_int_change(proof_int_of(&o), proof_int_of(&w), &r));
		exact = fabs(100 * (w.v - o.v) / o.v);
		mag.lo = r.lo > 0 ? r.lo : -r.hi;
		mag.hi = fmax(fabs(r.lo), fabs(r.hi));
		if (proof_judge(&p, exact, mag) != changes[i].want)
			fail_msg("row %zu: %.1f from %g to %g: expected %d", i, changes[i].printed,
			         changes[i].old, changes[i].nw, changes[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_judge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
