/* Tests of src/report/chart.c and the chart blocks of src/report/doc.c:
 * charts as inline SVG (ids prefixed, labelled, sized in CSS pixels), as
 * PNG, and the heights the renderers lay them out with. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "report/doc.h"
#include "styr/buf.h"
#include "styr/report.h"

/* Budget against utfall per month, as the economy section will draw it. */
static void bars(struct doc *d)
{
	static const char *const months[] = {"jan", "feb", "mar"};
	static const double budget[] = {23100, 23100, 23400}, utfall[] = {24050, NAN, 22980};
	struct styr_err err;

	styr_err_init(&err);
	assert_int_equal(doc_init(d, "Rapport", "Enhet", &err), STYR_OK);
	assert_int_equal(doc_chart(d, DOC_CHART_BARS, "Budget och utfall", "Stapeldiagram <tkr>",
	                           months, 3, &err),
	                 STYR_OK);
	assert_int_equal(doc_chart_series(d, "Budget", budget, &err), STYR_OK);
	assert_int_equal(doc_chart_series(d, "Utfall", utfall, &err), STYR_OK);
	doc_chart_format(d, 0, false);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

static void test_svg_inline(void **state)
{
	struct doc d;
	struct styr_buf a;
	struct styr_err err;

	(void)state;
	bars(&d);
	styr_err_init(&err);
	styr_buf_init(&a, 1 << 24);
	assert_int_equal(chart_svg(&d.blocks[0].chart, d.blocks[0].text, 480, 200, &a, &err),
	                 STYR_OK);
	/* No XML prologue, the label escaped, CSS pixels, no ids to collide
	 * when several charts share a page. */
	assert_memory_equal(a.data,
	                    "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	                    "aria-label=\"Stapeldiagram &lt;tkr&gt;\" width=\"480\" height=\"200\"",
	                    111);
	assert_null(strstr(a.data, "<?xml"));
	assert_null(strstr(a.data, " id=\""));
	/* Labels are text: the title, the legend and Swedish axis numbers
	 * (20 000 with a no-break space). */
	assert_non_null(
	    strstr(a.data, "font-weight=\"bold\" fill=\"#1a1a1a\">Budget och utfall</text>"));
	assert_non_null(strstr(a.data, ">Utfall</text>"));
	assert_non_null(strstr(a.data, ">20\u00a0000</text>"));
	/* Two series of three months, one value missing: five bars, and the
	 * legend's two swatches. */
	assert_int_equal(count(a.data, "<rect "), 5 + 2);
	assert_int_equal(count(a.data, "</svg>"), 1);
	styr_buf_release(&a);
	doc_release(&d);
}

static void test_png(void **state)
{
	struct doc d;
	struct styr_buf out;
	struct styr_err err;

	(void)state;
	bars(&d);
	styr_err_init(&err);
	styr_buf_init(&out, 1 << 24);
	assert_int_equal(chart_png(&d.blocks[0].chart, d.blocks[0].text, 300, 150, &out, &err),
	                 STYR_OK);
	assert_true(out.len > 100);
	assert_memory_equal(out.data, "\x89PNG\r\n\x1a\n", 8);
	styr_buf_release(&out);
	doc_release(&d);
}

static void test_heights_and_limits(void **state)
{
	static const char *const cats[] = {"a", "b", "c", "d", "e"};
	static const enum styr_status st[] = {STYR_STATUS_MET, STYR_STATUS_NEAR,
	                                      STYR_STATUS_NOT_MET, STYR_STATUS_MISSING,
	                                      STYR_STATUS_NO_TARGET};
	static const double v[] = {1, 2, 3, 4, 5};
	struct doc d;
	struct styr_err err;
	int i;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(doc_init(&d, "R", "E", &err), STYR_OK);
	assert_int_equal(doc_chart(&d, DOC_CHART_STATUS, "Trafikljus", "alt", cats, 5, &err),
	                 STYR_OK);
	assert_int_equal(doc_chart_status(&d, st, &err), STYR_OK);
	/* Two columns of lamps: three rows of 15 points under the title. */
	assert_true(fabs(chart_height(&d.blocks[0].chart, 480) - (22 + 3 * 15)) < 1e-9);
	assert_int_equal(doc_chart(&d, DOC_CHART_LINE, "Linje", "alt", cats, 5, &err), STYR_OK);
	assert_true(fabs(chart_height(&d.blocks[1].chart, 480) - 201) < 1e-9);
	for (i = 0; i < DOC_CHART_SERIES_MAX; i++)
		assert_int_equal(doc_chart_series(&d, "s", v, &err), STYR_OK);
	assert_int_equal(doc_chart_series(&d, "s", v, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "a chart holds at most 4 series");
	doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_svg_inline),
	    cmocka_unit_test(test_png),
	    cmocka_unit_test(test_heights_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
