/* Tests of src/report/doc.c: dropping a table's empty year columns, and
 * the content hash every report prints (doc_seal). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "report/doc.h"

/* A table of rows × 4 columns from cells given row by row ("" empty). */
static void table(struct doc *d, const char *const *cells, size_t rows)
{
	static const char *const head[] = {"Indikator", "2024", "2023", "2022"};
	struct styr_err err;
	size_t i;

	styr_err_init(&err);
	assert_int_equal(doc_init(d, "Rapport", "Enhet", &err), STYR_OK);
	assert_int_equal(doc_table(d, "Tabell", head, 4, &err), STYR_OK);
	for (i = 0; i < rows * 4; i++)
		assert_int_equal(doc_cell_text(d, cells[i], &err), STYR_OK);
}

static void test_drop_empty(void **state)
{
	static const struct {
		const char *cells[8]; /* two rows */
		const char *heads;    /* the columns left, joined with | */
		const char *row2;
	} cases[] = {
	    /* 2022 empty in every row: dropped */
	    {{"A", "1", "2", "", "B", "3", "", ""}, "Indikator|2024|2023", "B|3|"},
	    /* 2023 empty in the middle: dropped, 2022 kept */
	    {{"A", "1", "", "5", "B", "3", "", ""}, "Indikator|2024|2022", "B|3|"},
	    /* nothing empty */
	    {{"A", "1", "2", "5", "B", "3", "4", "6"}, "Indikator|2024|2023|2022", "B|3|4|6"},
	    /* every year empty: only the titles stay */
	    {{"A", "", "", "", "B", "", "", ""}, "Indikator", "B"},
	};
	size_t i, c;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct doc_table *t;
		char heads[128] = "", row2[128] = "";
		struct doc d;

		table(&d, cases[i].cells, 2);
		doc_table_drop_empty(&d, 0, 1, 3);
		t = &d.blocks[0].table;
		assert_int_equal(t->nrows, 2);
		assert_int_equal(t->ncells, t->nrows * t->ncols);
		for (c = 0; c < t->ncols; c++) {
			strcat(heads, c ? "|" : "");
			strcat(heads, t->head[c]);
			strcat(row2, c ? "|" : "");
			strcat(row2, t->cells[t->ncols + c].text);
		}
		assert_string_equal(heads, cases[i].heads);
		assert_string_equal(row2, cases[i].row2);
		doc_release(&d);
	}
}

/* The hash of a one-paragraph document. */
static void hash_of(const char *title, const char *const *paragraphs, size_t n, char *out)
{
	struct styr_err err;
	struct doc d;
	size_t i;

	styr_err_init(&err);
	assert_int_equal(doc_init(&d, title, "Enhet", &err), STYR_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(doc_paragraph(&d, paragraphs[i], &err), STYR_OK);
	assert_int_equal(doc_seal(&d, &err), STYR_OK);
	memcpy(out, d.hash, sizeof(d.hash));
	doc_release(&d);
}

static void test_seal(void **state)
{
	static const char *const a[] = {"83,8 %"}, *const b[] = {"83,9 %"};
	static const char *const ab_c[] = {"ab", "c"}, *const a_bc[] = {"a", "bc"};
	char h1[65], h2[65], h3[65], h4[65], h5[65];
	struct styr_err err;
	struct doc d;
	char label[96];

	(void)state;
	hash_of("Rapport", a, 1, h1);
	hash_of("Rapport", a, 1, h2);
	hash_of("Rapport", b, 1, h3);
	assert_int_equal(strlen(h1), 64);
	assert_string_equal(h1, h2);     /* same data, same hash */
	assert_string_not_equal(h1, h3); /* a changed figure, another */
	/* texts are length-prefixed: no boundary can move unnoticed */
	hash_of("Rapport", ab_c, 2, h4);
	hash_of("Rapport", a_bc, 2, h5);
	assert_string_not_equal(h4, h5);
	/* the creation date is no part of the data */
	styr_err_init(&err);
	assert_int_equal(doc_init(&d, "Rapport", "Enhet", &err), STYR_OK);
	d.created = 1735689600;
	assert_int_equal(doc_paragraph(&d, "83,8 %", &err), STYR_OK);
	assert_int_equal(doc_seal(&d, &err), STYR_OK);
	assert_string_equal(d.hash, h1);
	doc_hash_label(&d, label, sizeof(label));
	assert_int_equal(strncmp(label, "Dataunderlag: sha256 ", 21), 0);
	assert_int_equal(strlen(label), 21 + 16);
	doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_drop_empty),
	                                   cmocka_unit_test(test_seal)};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
