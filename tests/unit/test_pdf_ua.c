/* Tests of src/report/pdf_ua.c: marking what a page draws outside every
 * structure element as an artifact, one row per case: cairo's content as
 * it writes it, and what must come out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "report/pdf_ua.h"
#include "styr/buf.h"

static void test_mark_artifacts(void **state)
{
	static const struct {
		const char *in, *out; /* out NULL: left as it is (skip) */
	} cases[] = {
	    /* the running header: a text object outside any element */
	    {"q\n0.3 g BT\n/f-0-0 1 Tf\n[(3)]TJ\nET\nQ\n",
	     "q\n0.3 g /Artifact BMC\nBT\n/f-0-0 1 Tf\n[(3)]TJ\nET\nEMC\nQ\n"},
	    /* its rule: a path from its first operand to the paint */
	    {"0.5 w\n10 M 56.699 54 m 538.574 54 l S\n",
	     "0.5 w\n10 M /Artifact BMC\n56.699 54 m 538.574 54 l S\nEMC\n"},
	    /* tagged content stays as it is, paths inside it included */
	    {"/P << /MCID 1 >> BDC\nBT\n[(a)]TJ\nET\n1 2 3 4 re f\nEMC\n",
	     "/P << /MCID 1 >> BDC\nBT\n[(a)]TJ\nET\n1 2 3 4 re f\nEMC\n"},
	    /* a string with parentheses and an "ET" in it is one token */
	    {"BT\n[(a \\) ET \\( (b) ET)]TJ\nET\n",
	     "/Artifact BMC\nBT\n[(a \\) ET \\( (b) ET)]TJ\nET\nEMC\n"},
	    /* a marked sequence inside an unmarked text object (cairo's
	     * ActualText spans) */
	    {"BT\n/Span << /ActualText <feff0020> >> BDC\nEMC\n[(x)]TJ\nET\n",
	     "/Artifact BMC\nBT\n/Span << /ActualText <feff0020> >> BDC\nEMC\n[(x)]TJ\nET\nEMC\n"},
	    /* a form or image drawn outside */
	    {"q /x5 Do Q\n", "q /Artifact BMC\n/x5 Do\nEMC Q\n"},
	    /* an inline image: not understood, left alone */
	    {"BI /W 1 /H 1 ID x EI\n", NULL},
	    /* unbalanced: left alone */
	    {"BT\n[(x)]TJ\n", NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct styr_buf out;
		struct styr_err err;
		bool skip;

		styr_err_init(&err);
		styr_buf_init(&out, 1 << 16);
		assert_int_equal(
		    pdf_ua_mark_artifacts(cases[i].in, strlen(cases[i].in), &out, &skip, &err),
		    STYR_OK);
		assert_int_equal(skip, cases[i].out == NULL);
		if (cases[i].out) {
			assert_int_equal(styr_buf_add(&out, "", 1, &err), STYR_OK);
			assert_string_equal(out.data, cases[i].out);
		}
		styr_buf_release(&out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_mark_artifacts)};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
