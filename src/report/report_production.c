/*
 * The production of a unit in its reports: the table "PRODUKTION" of
 * seed 002 (somatik: sluten vård, öppen vård, operationer and the unique
 * patients of the whole), the period beside the same months a year
 * earlier, with the avvikelse in number and in percent, and the key
 * figures of the sluten vård derived from its rows (medelvårdtid,
 * beläggning).
 *
 * Production figures are indicators of category produktion, so they need
 * no table of their own and are imported, exported and shown like any
 * indicator; being counted rather than målsatt, they stay out of the
 * quality tables, the status counts and the X-matris (the category, not
 * the code, says so).  Their local codes PROD-<group>-<row> ("PROD-SV-VTF":
 * sluten vård, vårdtillfällen) say only where a row stands: the groups and
 * the printed order of their rows are the table below; a row the table
 * does not know comes last in its group, a group it does not know (or a
 * code without the prefix) under "Övrigt".  PROD-VPL (fastställda
 * vårdplatser) is no row: it is the denominator of the beläggning.
 *
 * Nothing derived is stored: the avvikelser, the medelvårdtid and the
 * beläggning are computed here each time, so they always agree with the
 * rows they come from (and a document's own figure that does not is
 * visible beside them).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/sections.h"
#include "styr/buf.h"
#include "styr/num.h"

#define PREFIX   "PROD-"
#define NBSP     "\302\240"
#define YEARS    2 /* the period, and the same months a year earlier */
#define ROWS_MAX 8

/* Seed 002's table "PRODUKTION ÅRSREDOVISNING", Somatik. */
static const struct prod_group {
	const char *code, *title;
	const char *rows[ROWS_MAX]; /* in printed order */
} groups[] = {
    {"SV", "Sluten vård (antal)", {"VTF", "VD", "UI"}},
    {"OV", "Öppen vård (antal)", {"DIST", "BES", "LAK", "OVR", "UI"}},
    {"OP", "Operationer (antal)", {"TOT", "SV", "OV"}},
    {"TOT", "Total somatisk vård (antal)", {"UI"}},
    {NULL, "Övrigt (antal)", {NULL}},
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

struct prod_row {
	struct styr_indicator ind;
	size_t group;
	int rank;
	struct styr_value v[YEARS]; /* [0] the period, [1] a year earlier */
	bool has[YEARS];
};

struct prod {
	const struct section *s;
	struct prod_row *rows;
	size_t n, cap;
	struct styr_value vpl[YEARS];
	bool has_vpl[YEARS];
	int rc;
};

/* The group and the place in it of a code PROD-<group>-<row>; any other
 * code is last under "Övrigt". */
static void place(const char *code, size_t *group, int *rank)
{
	const char *g, *row;
	size_t i, len;
	int k;

	*group = NGROUPS - 1;
	*rank = ROWS_MAX;
	if (strncmp(code, PREFIX, strlen(PREFIX)))
		return;
	g = code + strlen(PREFIX);
	row = strchr(g, '-');
	len = row ? (size_t)(row - g) : strlen(g);
	for (i = 0; i + 1 < NGROUPS; i++)
		if (strlen(groups[i].code) == len && !strncmp(groups[i].code, g, len))
			break;
	*group = i;
	*rank = ROWS_MAX;
	for (k = 0; row && k < ROWS_MAX && groups[i].rows[k]; k++)
		if (!strcmp(groups[i].rows[k], row + 1))
			*rank = k;
}

static int find(struct prod *p, const char *code, int y, struct styr_value *v, bool *has)
{
	const struct section *s = p->s;
	struct styr_period period = {s->year - y, 1, s->months};
	struct styr_err local;
	int rc;

	styr_err_init(&local);
	rc = styr_value_find(s->db, code, s->unit->code, &period, v, &local);
	*has = rc == STYR_OK && v->num.kind == STYR_NUM_VALUE;
	if (rc && rc != STYR_ENOTFOUND)
		return styr_error(s->err, local.code, "%s", local.msg);
	return STYR_OK;
}

static int take(void *ctx, const struct styr_indicator *ind)
{
	struct prod *p = ctx;
	struct prod_row *r;
	int y, rc;

	if (ind->category != STYR_IND_PRODUKTION)
		return 0;
	if (!strcmp(ind->code, PREFIX "VPL")) {
		for (y = 0; y < YEARS; y++)
			if ((rc = find(p, ind->code, y, &p->vpl[y], &p->has_vpl[y])))
				return p->rc = rc;
		return 0;
	}
	if (styr_array_grow((void **)&p->rows, &p->cap, p->n, sizeof(*r), p->s->err))
		return p->rc = STYR_ENOMEM;
	r = &p->rows[p->n];
	memset(r, 0, sizeof(*r));
	r->ind = *ind;
	place(ind->code, &r->group, &r->rank);
	for (y = 0; y < YEARS; y++)
		if ((rc = find(p, ind->code, y, &r->v[y], &r->has[y])))
			return p->rc = rc;
	if (r->has[0] || r->has[1])
		p->n++;
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct prod_row *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->ind.code, y->ind.code);
}

static int cell_value(struct doc *d, const struct prod_row *r, int y, struct styr_err *err)
{
	char text[STYR_REASON_MAX];

	if (!r->has[y])
		return doc_cell_text(d, "–", err);
	styr_value_format(&r->v[y], &r->ind, text, sizeof(text));
	return doc_cell_number(d, text, r->v[y].num.value, err);
}

/* Avvikelse antal and %, the period against the year before; whole
 * percent, as the table prints it. */
static int cells_deviation(struct doc *d, const struct prod_row *r, struct styr_err *err)
{
	char text[48];
	double diff, pct, shown;
	int rc;

	if (!r->has[0] || !r->has[1]) {
		rc = doc_cell_text(d, "–", err);
		return rc ? rc : doc_cell_text(d, "–", err);
	}
	diff = r->v[0].num.value - r->v[1].num.value;
	styr_num_format(text, sizeof(text), diff, 0);
	if ((rc = doc_cell_number(d, text, diff, err)))
		return rc;
	if (r->v[1].num.value == 0)
		return doc_cell_text(d, "–", err);
	pct = diff / r->v[1].num.value * 100.0;
	shown = round(pct);
	styr_num_format(text, sizeof(text), shown == 0 ? 0.0 : shown, 0); /* no "−0" */
	strcat(text, NBSP "%");
	return doc_cell_number(d, text, pct, err);
}

static int empty_cells(struct doc *d, size_t n, struct styr_err *err)
{
	int rc = STYR_OK;

	while (n-- && !rc)
		rc = doc_cell_text(d, "", err);
	return rc;
}

static int production_table(const struct prod *p)
{
	const struct section *s = p->s;
	char h[4][64], caption[128];
	const char *head[5] = {"Somatik", h[0], h[1], h[2], h[3]};
	size_t i;
	int rc;

	snprintf(h[0], sizeof(h[0]), "Period %s", s->prev);
	snprintf(h[1], sizeof(h[1]), "Period %s", s->label);
	snprintf(h[2], sizeof(h[2]), "Avvikelse antal %02d–%02d", s->year % 100,
	         (s->year - 1) % 100);
	snprintf(h[3], sizeof(h[3]), "Avvikelse %% %02d/%02d", s->year % 100, (s->year - 1) % 100);
	snprintf(caption, sizeof(caption), "Produktion %s", s->label);
	rc = doc_table(s->doc, caption, head, 5, s->err);
	for (i = 0; i < p->n && !rc; i++) {
		const struct prod_row *r = &p->rows[i];

		if (!i || r->group != p->rows[i - 1].group) {
			rc = doc_cell_text(s->doc, groups[r->group].title, s->err);
			if (!rc)
				rc = empty_cells(s->doc, 4, s->err);
		}
		if (!rc)
			rc = doc_cell_text(s->doc, r->ind.name, s->err);
		if (!rc)
			rc = cell_value(s->doc, r, 1, s->err);
		if (!rc)
			rc = cell_value(s->doc, r, 0, s->err);
		if (!rc)
			rc = cells_deviation(s->doc, r, s->err);
	}
	return rc;
}

static const struct prod_row *row_of(const struct prod *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->rows[i].ind.code, code))
			return &p->rows[i];
	return NULL;
}

/* The days of January..months of year: the beds' capacity in days. */
static int period_days(int year, int months)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int m, n = 0;

	for (m = 0; m < months; m++)
		n += days[m] + (m == 1 && leap);
	return n;
}

struct key_figures {
	bool has_alos[YEARS], has_occ[YEARS];
	double alos[YEARS], occ[YEARS]; /* medelvårdtid in days, beläggning in % */
	int days[YEARS];
};

static int cell_figure(struct doc *d, bool has, double v, const char *suffix, struct styr_err *err)
{
	char text[48];

	if (!has)
		return doc_cell_text(d, "–", err);
	styr_num_format(text, sizeof(text), v, 1);
	strcat(text, suffix);
	return doc_cell_number(d, text, v, err);
}

/* Medelvårdtid = vårddagar / vårdtillfällen; beläggning = vårddagar /
 * (vårdplatser × the period's days), for the years that have the rows. */
static int key_figures(const struct prod *p)
{
	const struct section *s = p->s;
	const struct prod_row *vd = row_of(p, PREFIX "SV-VD"), *vtf = row_of(p, PREFIX "SV-VTF");
	const char *h[4] = {"Nyckeltal", s->prev, s->label, "Beräkning"};
	struct key_figures k;
	char text[512], a[48], b[48], c[48], prev[128];
	int y, rc;

	memset(&k, 0, sizeof(k));
	if (!vd)
		return STYR_OK;
	for (y = 0; y < YEARS; y++) {
		k.days[y] = period_days(s->year - y, s->months);
		k.has_alos[y] = vtf && vd->has[y] && vtf->has[y] && vtf->v[y].num.value != 0;
		if (k.has_alos[y])
			k.alos[y] = vd->v[y].num.value / vtf->v[y].num.value;
		k.has_occ[y] = vd->has[y] && p->has_vpl[y] && p->vpl[y].num.value > 0;
		if (k.has_occ[y])
			k.occ[y] = vd->v[y].num.value / (p->vpl[y].num.value * k.days[y]) * 100.0;
	}
	if (!k.has_alos[0] && !k.has_alos[1] && !k.has_occ[0] && !k.has_occ[1])
		return STYR_OK;
	rc = doc_table(s->doc, "Nyckeltal slutenvård", h, 4, s->err);
	if (!rc && (k.has_alos[0] || k.has_alos[1])) {
		rc = doc_cell_text(s->doc, "Medelvårdtid (dagar)", s->err);
		for (y = YEARS - 1; y >= 0 && !rc; y--)
			rc = cell_figure(s->doc, k.has_alos[y], k.alos[y], "", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, "Vårddagar / vårdtillfällen", s->err);
	}
	if (!rc && (p->has_vpl[0] || p->has_vpl[1])) {
		rc = doc_cell_text(s->doc, "Fastställda vårdplatser", s->err);
		for (y = YEARS - 1; y >= 0 && !rc; y--) {
			styr_num_format(a, sizeof(a), p->vpl[y].num.value, p->vpl[y].num.decimals);
			rc = p->has_vpl[y] ? doc_cell_number(s->doc, a, p->vpl[y].num.value, s->err)
			                   : doc_cell_text(s->doc, "–", s->err);
		}
		if (!rc)
			rc = doc_cell_text(s->doc, "", s->err);
	}
	if (!rc && (k.has_occ[0] || k.has_occ[1])) {
		rc = doc_cell_text(s->doc, "Beläggning", s->err);
		for (y = YEARS - 1; y >= 0 && !rc; y--)
			rc = cell_figure(s->doc, k.has_occ[y], k.occ[y], NBSP "%", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, "Vårddagar / (vårdplatser × dagar i perioden)",
			                   s->err);
	}
	/* The computation in words, so a reader can check it against the
	 * figures of the table. */
	if (!rc && k.has_alos[0]) {
		styr_num_format(a, sizeof(a), vd->v[0].num.value, 0);
		styr_num_format(b, sizeof(b), vtf->v[0].num.value, 0);
		styr_num_format(c, sizeof(c), k.alos[0], 1);
		prev[0] = '\0';
		if (k.has_alos[1]) {
			char n[48];

			styr_num_format(n, sizeof(n), k.alos[1], 1);
			snprintf(prev, sizeof(prev), " (%s: %s dagar)", s->prev, n);
		}
		snprintf(text, sizeof(text),
		         "Medelvårdtid %s: %s vårddagar / %s vårdtillfällen = %s dagar%s.",
		         s->label, a, b, c, prev);
		rc = doc_paragraph(s->doc, text, s->err);
	}
	if (!rc && k.has_occ[0]) {
		styr_num_format(a, sizeof(a), vd->v[0].num.value, 0);
		styr_num_format(b, sizeof(b), p->vpl[0].num.value, p->vpl[0].num.decimals);
		styr_num_format(c, sizeof(c), k.occ[0], 1);
		snprintf(text, sizeof(text),
		         "Beläggning %s: %s vårddagar / (%s vårdplatser × %d dagar) = %s" NBSP
		         "%%.",
		         s->label, a, b, k.days[0], c);
		rc = doc_paragraph(s->doc, text, s->err);
	}
	return rc;
}

int section_production_figures(const struct section *s, bool *any)
{
	struct prod p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.s = s;
	*any = false;
	rc = styr_indicator_each(s->db, take, &p, s->err);
	if (p.rc)
		rc = p.rc;
	if (!rc && p.n) {
		*any = true;
		qsort(p.rows, p.n, sizeof(*p.rows), row_cmp);
		rc = production_table(&p);
		if (!rc)
			rc = key_figures(&p);
	}
	free(p.rows);
	return rc;
}
