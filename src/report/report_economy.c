/*
 * The economy of a unit in its reports: the resultaträkning as seed 002
 * prints it (utfall the year before, utfall, budget, avvikelse and
 * helårsprognos in tkr), budget against utfall (per sum row, and per
 * month when the ledger has months) and the resultatutveckling
 * as charts, what the validation rules find in the figures, the partial
 * tables of personnel costs, and the action plans with their
 * genomförandegrad.
 *
 * Everything is read through the ledger and action interfaces
 * (styr/ledger.h) and derived by src/calc: this file only lays the
 * figures out.  The avvikelse is the derived one (utfall − budget), as on
 * the economy page, in the API and in styr ledger: one figure everywhere.
 * Where the source document printed another, a note under the table says
 * so with styr_ledger_avvikelse_note's words, and the rules' findings
 * say whether it is a rounding.
 */
#include <glib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/sections.h"
#include "styr/buf.h"
#include "styr/db.h"
#include "styr/ledger.h"
#include "styr/num.h"

#define YEARS_MAX 12 /* resultatutveckling: the years before the report's */

static int cell_tkr(struct doc *d, bool has, int64_t v, struct styr_err *err)
{
	char text[48];

	if (!has)
		return doc_cell_text(d, "–", err);
	styr_num_format(text, sizeof(text), (double)v, 0);
	return doc_cell_number(d, text, (double)v, err);
}

/* Mkr with one decimal, from tkr. */
static int cell_mkr(struct doc *d, bool has, int64_t tkr, struct styr_err *err)
{
	char text[48];

	if (!has)
		return doc_cell_text(d, "–", err);
	styr_num_format(text, sizeof(text), (double)tkr / 1000.0, 1);
	return doc_cell_number(d, text, (double)tkr / 1000.0, err);
}

static bool any_prognos(const struct styr_ledger_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->lines[i].has_prognos)
			return true;
	return false;
}

/* The months t compares as printed: the report's period, or where the
 * ledger lacks utfall for some of its months, those that have it ("jan–aug
 * 2024"), so that a column never says 2024 over eight months. */
static void compared_label(const struct section *s, const struct styr_ledger_table *t, int year,
                           char *buf, size_t size)
{
	char months[96];

	if (!t->missing || t->compared & t->missing) {
		snprintf(buf, size, "%s", year == s->year ? s->label : s->prev);
		return;
	}
	styr_month_mask_text(months, sizeof(months), t->compared);
	snprintf(buf, size, "%s %d", months, year);
}

/* Under a table: which months lack utfall and what is compared instead
 * (styr_ledger_missing_text); nothing when none is missing. */
static int missing_text(const struct section *s, const struct styr_ledger_table *t)
{
	struct styr_buf b;
	int rc;

	styr_buf_init(&b, 1 << 12);
	rc = styr_ledger_missing_text(t, s->year, &b, s->err);
	if (!rc && b.len)
		rc = doc_paragraph(s->doc, b.data, s->err);
	styr_buf_release(&b);
	return rc;
}

/* One ledger table with the columns of seed 002's resultaträkning. */
static int ledger_table(const struct section *s, const struct styr_ledger_table *t,
                        const char *caption)
{
	char h[5][160], cur[128], prev[128];
	const char *head[6] = {"Rad", h[0], h[1], h[2], h[3], h[4]};
	bool prognos = any_prognos(t);
	struct styr_buf notes;
	size_t i;
	int rc;

	compared_label(s, t, s->year, cur, sizeof(cur));
	compared_label(s, t, s->year - 1, prev, sizeof(prev));
	snprintf(h[0], sizeof(h[0]), "Utfall %s", prev);
	snprintf(h[1], sizeof(h[1]), "Utfall %s", cur);
	snprintf(h[2], sizeof(h[2]), "Budget %s", cur);
	snprintf(h[3], sizeof(h[3]), "Avvikelse");
	snprintf(h[4], sizeof(h[4]), "Prognos helår %d", s->year);
	if ((rc = doc_table(s->doc, caption, head, prognos ? 6 : 5, s->err)))
		return rc;
	for (i = 0; i < t->n && !rc; i++) {
		const struct styr_ledger_line *l = &t->lines[i];

		rc = doc_cell_text(s->doc, l->row.label, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l->has_prev, l->prev_utfall, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l->has_utfall, l->utfall, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l->has_budget, l->budget, s->err);
		/* only a printed figure with nothing to derive it from stands
		 * as printed */
		if (!rc && l->has_utfall && l->has_budget)
			rc = cell_tkr(s->doc, true, l->avvikelse, s->err);
		else if (!rc)
			rc = cell_tkr(s->doc, l->has_printed_avvikelse, l->printed_avvikelse,
			              s->err);
		if (!rc && prognos)
			rc = cell_tkr(s->doc, l->has_prognos, l->prognos, s->err);
	}
	styr_buf_init(&notes, 1 << 16);
	for (i = 0; i < t->n && !rc; i++) {
		char note[128];

		if (!styr_ledger_avvikelse_note(&t->lines[i], note, sizeof(note)))
			continue;
		rc = styr_buf_printf(&notes, s->err, "%s%s: %s", notes.len ? "; " : "",
		                     t->lines[i].row.label, note);
	}
	if (!rc && notes.len && !(rc = styr_buf_add(&notes, "", 1, s->err))) {
		char *text = malloc(notes.len + 96);

		if (!text)
			rc = styr_error(s->err, STYR_ENOMEM, "out of memory building a report");
		else {
			snprintf(text, notes.len + 96, "Avvikelse är utfall − budget. %s.",
			         (const char *)notes.data);
			rc = doc_paragraph(s->doc, text, s->err);
			free(text);
		}
	}
	styr_buf_release(&notes);
	return rc;
}

/* Budget against utfall for the sums of the plan (the rows at its top
 * two levels: the intäkter, the kostnader and the resultat). */
static int budget_chart(const struct section *s, const struct styr_ledger_table *t)
{
	const char *cats[8];
	double budget[8], utfall[8];
	char alt[1024], title[192], a[48], b[48], period[128];
	size_t i, n = 0, len;
	int rc;

	compared_label(s, t, s->year, period, sizeof(period));
	len = (size_t)snprintf(alt, sizeof(alt),
	                       "Stapeldiagram över budget och utfall %s, tkr:", period);
	for (i = 0; i < t->n && n < 8; i++) {
		const struct styr_ledger_line *l = &t->lines[i];

		if (!l->has_budget || !l->has_utfall)
			continue;
		if (l->row.parent[0] && strcmp(l->row.parent, "resultat"))
			continue;
		cats[n] = l->row.label;
		budget[n] = (double)l->budget;
		utfall[n] = (double)l->utfall;
		styr_num_format(a, sizeof(a), budget[n], 0);
		styr_num_format(b, sizeof(b), utfall[n], 0);
		if (len < sizeof(alt))
			len += (size_t)snprintf(alt + len, sizeof(alt) - len,
			                        " %s budget %s, utfall %s;", cats[n], a, b);
		n++;
	}
	if (!n)
		return STYR_OK;
	snprintf(title, sizeof(title), "Budget och utfall %s (tkr)", period);
	rc = doc_chart(s->doc, DOC_CHART_BARS, title, alt, cats, n, s->err);
	if (!rc)
		rc = doc_chart_series(s->doc, "Budget", budget, s->err);
	if (!rc)
		rc = doc_chart_series(s->doc, "Utfall", utfall, s->err);
	if (!rc)
		doc_chart_format(s->doc, 0, false);
	return rc;
}

/* Budget against utfall per month of the report's year, for RESULTAT
 * (or SUMMA KOSTNADER when the months have no result): the monthly
 * utfall as stored, the budget as stored per month or else the year
 * budget periodised by the row's profile, as the resultaträkning does. */
struct month_rows {
	int months;
	int64_t utfall[2][13], budget[2][13]; /* öre; [0] resultat, [1] summa_kostnader */
	bool has_utfall[2][13], has_budget[2][13];
};

static int add_month(void *ctx, const struct styr_ledger_entry *e)
{
	struct month_rows *m = ctx;
	int r = !strcmp(e->row, "resultat") ? 0 : !strcmp(e->row, "summa_kostnader") ? 1 : -1;

	if (r < 0 || e->tab[0] || e->month < 0 || e->month > 12)
		return 0;
	if (!strcmp(e->kind, "utfall")) {
		m->utfall[r][e->month] += e->amount_ore;
		m->has_utfall[r][e->month] = true;
	} else if (!strcmp(e->kind, "budget")) {
		m->budget[r][e->month] += e->amount_ore;
		m->has_budget[r][e->month] = true;
	}
	return 0;
}

static const char *row_label(const struct styr_ledger_table *t, const char *code,
                             const char *fallback)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->lines[i].row.code, code))
			return t->lines[i].row.label;
	return fallback;
}

static int month_chart(const struct section *s, const struct styr_ledger_table *t)
{
	static const char *const names[12] = {"jan", "feb", "mar", "apr", "maj", "jun",
	                                      "jul", "aug", "sep", "okt", "nov", "dec"};
	struct month_rows m;
	const char *cats[12], *label;
	double budget[12], utfall[12];
	char alt[2048], title[STYR_NAME_MAX + 64], a[48], b[48];
	bool monthly[2] = {false, false}, any_budget = false;
	struct styr_profile_lookup profiles;
	int weights[12], *profile = NULL;
	size_t len;
	int i, r, rc;

	memset(&m, 0, sizeof(m));
	if ((rc = styr_ledger_rollup_each(s->db, s->unit->code, "", s->year, s->year, add_month, &m,
	                                  NULL, s->err)))
		return rc;
	for (r = 0; r < 2; r++)
		for (i = 1; i <= s->months; i++)
			monthly[r] |= m.has_utfall[r][i];
	if (!monthly[0] && !monthly[1])
		return STYR_OK;
	r = monthly[0] ? 0 : 1;
	label = r ? row_label(t, "summa_kostnader", "SUMMA KOSTNADER")
	          : row_label(t, "resultat", "RESULTAT");
	for (i = 1; i <= 12; i++)
		any_budget |= m.has_budget[r][i];
	/* A year budget is spread as the resultaträkning spreads it: by the
	 * row's stored profile (src/calc/profile.c), flat where none. */
	if (!any_budget && m.has_budget[r][0]) {
		const struct styr_budget_profile *p;

		if ((rc = styr_profile_lookup_init(s->db, s->unit->code, s->year, &profiles,
		                                   s->err)))
			return rc;
		p = styr_profile_lookup_find(&profiles, r ? "summa_kostnader" : "resultat");
		if (p) {
			memcpy(weights, p->weight, sizeof(weights));
			profile = weights;
		}
		styr_profile_lookup_release(&profiles);
	}
	len = (size_t)snprintf(
	    alt, sizeof(alt),
	    "Stapeldiagram över budget och utfall per månad %d, %s, tkr:", s->year, label);
	for (i = 0; i < s->months; i++) {
		cats[i] = names[i];
		utfall[i] = m.has_utfall[r][i + 1]
		                ? (double)styr_ore_round(m.utfall[r][i + 1], STYR_ORE_PER_TKR)
		                : NAN;
		if (any_budget)
			budget[i] =
			    m.has_budget[r][i + 1]
			        ? (double)styr_ore_round(m.budget[r][i + 1], STYR_ORE_PER_TKR)
			        : NAN;
		else if (m.has_budget[r][0])
			budget[i] = (double)styr_ore_round(
			    styr_budget_period(m.budget[r][0], profile, i + 1, i + 1),
			    STYR_ORE_PER_TKR);
		else
			budget[i] = NAN;
		if (isnan(budget[i]))
			snprintf(a, sizeof(a), "–");
		else
			styr_num_format(a, sizeof(a), budget[i], 0);
		if (isnan(utfall[i]))
			snprintf(b, sizeof(b), "–");
		else
			styr_num_format(b, sizeof(b), utfall[i], 0);
		if (len < sizeof(alt))
			len += (size_t)snprintf(alt + len, sizeof(alt) - len,
			                        " %s budget %s, utfall %s;", names[i], a, b);
	}
	snprintf(title, sizeof(title), "Budget och utfall per månad %d: %s (tkr)", s->year, label);
	rc = doc_chart(s->doc, DOC_CHART_BARS, title, alt, cats, (size_t)s->months, s->err);
	if (!rc)
		rc = doc_chart_series(s->doc, "Budget", budget, s->err);
	if (!rc)
		rc = doc_chart_series(s->doc, "Utfall", utfall, s->err);
	if (!rc)
		doc_chart_format(s->doc, 0, false);
	return rc;
}

/* The RESULTAT row's utfall per year: the printed year figure for a
 * whole year, else (and when none was printed) the sum of the months. */
struct years {
	int64_t printed[YEARS_MAX], months_sum[YEARS_MAX]; /* öre */
	bool has_printed[YEARS_MAX], has_months[YEARS_MAX];
	unsigned mask[YEARS_MAX]; /* the months summed */
	int first, last;          /* the window: last is the report's year */
	int months;
};

static int add_result(void *ctx, const struct styr_ledger_entry *e)
{
	struct years *y = ctx;
	int i = e->year - y->first;

	if (i < 0 || e->year > y->last || strcmp(e->row, "resultat") || strcmp(e->kind, "utfall"))
		return 0;
	if (e->month == 0 && y->months == 12) {
		y->printed[i] += e->amount_ore;
		y->has_printed[i] = true;
	} else if (e->month > 0 && e->month <= y->months) {
		y->months_sum[i] += e->amount_ore;
		y->has_months[i] = true;
		y->mask[i] |= 1u << e->month;
	}
	return 0;
}

static int result_chart(const struct section *s)
{
	struct years *y = calloc(1, sizeof(*y));
	char labels[YEARS_MAX][112], alt[1024], num[48];
	const char *cats[YEARS_MAX];
	double vals[YEARS_MAX];
	size_t n = 0, len;
	int i, rc;

	if (!y)
		return styr_error(s->err, STYR_ENOMEM, "out of memory building a report");
	y->last = s->year;
	y->first = s->year - YEARS_MAX + 1;
	y->months = s->months;
	rc = styr_ledger_rollup_each(s->db, s->unit->code, "", y->first, y->last, add_result, y,
	                             NULL, s->err);
	len = (size_t)snprintf(alt, sizeof(alt), "Stapeldiagram över resultatet per år, tkr:");
	for (i = 0; i < YEARS_MAX && !rc; i++) {
		if (!y->has_printed[i] && !y->has_months[i])
			continue;
		snprintf(labels[n], sizeof(labels[n]), "%d", y->first + i);
		/* a year of fewer months than the others says which, so that
		 * jan–aug never stands as a year's result */
		if (!y->has_printed[i] && y->mask[i] != ((1u << (y->months + 1)) - 2u)) {
			char m[96];

			styr_month_mask_text(m, sizeof(m), y->mask[i]);
			snprintf(labels[n], sizeof(labels[n]), "%d (%s)", y->first + i, m);
		}
		cats[n] = labels[n];
		vals[n] = (double)styr_ore_round(
		    y->has_printed[i] ? y->printed[i] : y->months_sum[i], STYR_ORE_PER_TKR);
		styr_num_format(num, sizeof(num), vals[n], 0);
		if (len < sizeof(alt))
			len += (size_t)snprintf(alt + len, sizeof(alt) - len, " %s %s;", labels[n],
			                        num);
		n++;
	}
	free(y);
	if (rc || n < 2) /* one year is no development */
		return rc;
	/* Bars from zero: a line zoomed in on −45 261 and −22 629 would make
	 * the change look larger than it is. */
	rc = doc_chart(s->doc, DOC_CHART_BARS, "Resultatutveckling (tkr)", alt, cats, n, s->err);
	if (!rc)
		rc = doc_chart_series(s->doc, "Resultat", vals, s->err);
	if (!rc)
		doc_chart_format(s->doc, 0, false);
	return rc;
}

/* What the validation rules find in the figures the report shows: the
 * period's year and the year before (its utfall stands in the table). */
struct findings {
	const struct section *s;
	size_t errors, notes;
	int rc;
};

static bool finding_shown(const struct section *s, const struct styr_finding *f)
{
	/* the rules over the ledger's rows and kinds; the bridge's rules
	 * concern the region's budget, not this unit's resultaträkning */
	if (strcmp(f->rule->check, "rows") && strcmp(f->rule->check, "kinds"))
		return false;
	if (f->year != s->year && f->year != s->year - 1)
		return false;
	if (f->month == 0)
		return s->months == 12;
	return f->month <= s->months;
}

static int count_finding(void *ctx, const struct styr_finding *f)
{
	struct findings *x = ctx;

	if (finding_shown(x->s, f))
		(*(f->unclear || f->rounding ? &x->notes : &x->errors))++;
	return 0;
}

static int add_finding(void *ctx, const struct styr_finding *f)
{
	struct findings *x = ctx;
	const struct section *s = x->s;
	char period[16];
	int rc;

	if (!finding_shown(s, f))
		return 0;
	if (f->month)
		snprintf(period, sizeof(period), "%d-%02d", f->year, f->month);
	else
		snprintf(period, sizeof(period), "%d", f->year);
	rc = doc_cell_text(s->doc,
	                   f->unclear    ? "Oklart"
	                   : f->rounding ? "Avrundning"
	                                 : "Fel",
	                   s->err);
	if (!rc)
		rc = doc_cell_text(s->doc, f->rule->name, s->err);
	if (!rc)
		rc = doc_cell_text(s->doc, f->tab[0] ? f->tab : "Resultaträkning", s->err);
	if (!rc)
		rc = doc_cell_text(s->doc, period, s->err);
	if (!rc)
		rc = doc_cell_text(s->doc, f->where, s->err);
	if (!rc)
		rc = cell_tkr(s->doc, true, f->left, s->err);
	if (!rc)
		rc = cell_tkr(s->doc, true, f->right, s->err);
	if (!rc)
		rc = cell_tkr(s->doc, true, f->diff, s->err);
	x->rc = rc;
	return rc;
}

static int check_findings(const struct section *s)
{
	static const char *const head[] = {"Typ av fynd",    "Kontroll",   "Tabell",   "Period",
	                                   "Rad eller slag", "Som tryckt", "Beräknat", "Skillnad"};
	struct styr_ledger_filter f = {s->unit->code, NULL, 0, 0};
	struct styr_check_stats stats;
	struct findings x = {s, 0, 0, 0};
	char text[512];
	int rc;

	if ((rc = styr_check_run(s->db, &f, count_finding, &x, &stats, s->err)))
		return rc;
	if (!stats.rules)
		return STYR_OK; /* no rules: nothing was checked, so say nothing */
	if (!x.errors && !x.notes) {
		snprintf(
		    text, sizeof(text),
		    "Kontroll av siffrorna: inga fel och inga avrundningsdifferenser för %s och "
		    "%d.",
		    s->label, s->year - 1);
		return doc_paragraph(s->doc, text, s->err);
	}
	snprintf(text, sizeof(text),
	         "Kontroll av siffrorna: %zu fel och %zu avrundningsdifferenser. En "
	         "avrundningsdifferens är en skillnad inom regelns tolerans och beror på att "
	         "beloppen är avrundade till tkr; ett fel är större än så.",
	         x.errors, x.notes);
	if ((rc = doc_paragraph(s->doc, text, s->err)) ||
	    (rc = doc_table(s->doc, "Kontroller av resultaträkningen", head, 8, s->err)))
		return rc;
	rc = styr_check_run(s->db, &f, add_finding, &x, &stats, s->err);
	return rc ? rc : x.rc;
}

/* The helårsprognos of the result, in words, for the reports that carry
 * one; a derived prognos says how it was made. */
static int forecast_text(const struct section *s, const struct styr_ledger_table *t)
{
	char text[256], num[48];
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct styr_ledger_line *l = &t->lines[i];

		if (strcmp(l->row.code, "resultat") || !l->has_prognos)
			continue;
		styr_num_format(num, sizeof(num), (double)l->prognos, 0);
		snprintf(text, sizeof(text), "Helårsprognos %d: resultat %s tkr%s.", s->year, num,
		         l->prognos_derived ? " (utfall hittills och budget för resten av året)"
		                            : "");
		return doc_paragraph(s->doc, text, s->err);
	}
	return doc_paragraph(s->doc, "Helårsprognos: ingen prognos för resultatet finns.", s->err);
}

/* Which profiles spread the year budgets over the report's months (the
 * choice of src/calc/profile.c, in the words styr ledger prints). */
static int periodisation_text(const struct section *s, const struct styr_ledger_table *t)
{
	struct styr_buf b;
	int rc;

	styr_buf_init(&b, 1 << 16);
	rc = styr_ledger_periodisation_text(t, &b, s->err);
	if (!rc && b.len && !(rc = styr_buf_add(&b, "", 1, s->err)))
		rc = doc_paragraph(s->doc, b.data, s->err);
	styr_buf_release(&b);
	return rc;
}

/* Under a rolled-up resultaträkning: the RESULTAT of each unit directly
 * below, each the library's table of that unit (itself rolled up). */
static int children_table(const struct section *s)
{
	static const char *const head[] = {"Enhet", "Utfall", "Budget", "Avvikelse",
	                                   "Prognos helår"};
	struct {
		struct styr_org_unit *u;
		size_t n;
	} b;
	char caption[STYR_NAME_MAX + 96];
	struct styr_buf gaps; /* the units whose rows cover fewer months */
	size_t i, k;
	int rc = styr_org_below_in(s->db, s->unit->code, s->year, &b.u, &b.n, s->err);

	styr_buf_init(&gaps, 1 << 16);

	snprintf(caption, sizeof(caption), "Resultat per enhet inom %s %s (tkr)", s->unit->name,
	         s->label);
	if (!rc && b.n)
		rc = doc_table(s->doc, caption, head, 5, s->err);
	for (i = 0; i < b.n && !rc; i++) {
		struct styr_ledger_table t;
		const struct styr_ledger_line *l = NULL;

		if ((rc = styr_ledger_table_build(s->db, b.u[i].code, "", s->year, s->months, NULL,
		                                  &t, s->err)))
			break;
		for (k = 0; k < t.n; k++)
			if (!strcmp(t.lines[k].row.code, "resultat"))
				l = &t.lines[k];
		rc = doc_cell_text(s->doc, b.u[i].name, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l && l->has_utfall, l ? l->utfall : 0, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l && l->has_budget, l ? l->budget : 0, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l && l->has_utfall && l->has_budget,
			              l ? l->avvikelse : 0, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l && l->has_prognos, l ? l->prognos : 0, s->err);
		if (!rc && t.missing) {
			char m[96];

			styr_month_mask_text(m, sizeof(m), t.missing);
			rc = styr_buf_printf(&gaps, s->err, "%s%s (%s)", gaps.len ? ", " : "",
			                     b.u[i].name, m);
		}
		styr_ledger_table_release(&t);
	}
	if (!rc && gaps.len) {
		char *text = malloc(gaps.len + 256);

		if (!text)
			rc = styr_error(s->err, STYR_ENOMEM, "out of memory building a report");
		else {
			snprintf(text, gaps.len + 256,
			         "Utfall saknas för några månader %d för %s: enhetens utfall och "
			         "budget jämförs för de månader som har utfall.",
			         s->year, (const char *)gaps.data);
			rc = doc_paragraph(s->doc, text, s->err);
			free(text);
		}
	}
	styr_buf_release(&gaps);
	free(b.u);
	return rc;
}

int section_economy_child(const struct section *s, bool *any)
{
	struct styr_ledger_table t;
	char caption[STYR_NAME_MAX + 96];
	int rc =
	    styr_ledger_table_build(s->db, s->unit->code, "", s->year, s->months, NULL, &t, s->err);

	*any = false;
	if (!rc && t.n) {
		*any = true;
		snprintf(caption, sizeof(caption), "Resultaträkning %s %s (tkr)", s->unit->name,
		         s->label);
		rc = ledger_table(s, &t, caption);
		if (!rc)
			rc = missing_text(s, &t);
	}
	styr_ledger_table_release(&t);
	return rc;
}

int section_economy_figures(const struct section *s, bool *any)
{
	struct styr_ledger_table t;
	char caption[128];
	int rc;

	*any = false;
	rc =
	    styr_ledger_table_build(s->db, s->unit->code, "", s->year, s->months, NULL, &t, s->err);
	if (rc)
		return rc;
	if (t.n) {
		*any = true;
		snprintf(caption, sizeof(caption), "Resultaträkning %s (tkr)", s->label);
		rc = ledger_table(s, &t, caption);
		if (!rc)
			rc = missing_text(s, &t);
		if (!rc && t.from.below) {
			char text[STYR_NAME_MAX + 256];

			snprintf(
			    text, sizeof(text),
			    "Resultaträkningen för %s är summan av %zu %s belopp, exakt i "
			    "öre och avrundad en gång till tkr. En enhet med egna belopp räknas "
			    "med dem; enheterna under den läggs till bara där den saknar belopp.",
			    s->unit->name, t.from.units, t.from.units == 1 ? "enhets" : "enheters");
			rc = doc_paragraph(s->doc, text, s->err);
			if (!rc)
				rc = children_table(s);
		}
		if (!rc)
			rc = periodisation_text(s, &t);
		if (!rc)
			rc = budget_chart(s, &t);
		if (!rc)
			rc = month_chart(s, &t);
		if (!rc)
			rc = result_chart(s);
		if (!rc && s->forecast)
			rc = forecast_text(s, &t);
		if (!rc)
			rc = check_findings(s);
	}
	styr_ledger_table_release(&t);
	return rc;
}

/* Bilaga: the resultat per kostnadsställe, one line each, from the unit's
 * ledger detail (issue 15 item 4): an appendix table, not a section per
 * object, so 400 kostnadsställen are a few pages. */
int section_dims_figures(const struct section *s, bool *any)
{
	static const char *const head[] = {"Kostnadsställe", "Namn", "Utfall", "Budget",
	                                   "Avvikelse"};
	struct styr_dim_table t;
	char caption[160], text[512];
	size_t i;
	int rc = styr_ledger_breakdown(s->db, s->unit->code, s->year, s->months, "kostnadsstalle",
	                               NULL, &t, s->err);

	*any = false;
	if (rc || !t.n) {
		styr_dim_table_release(&t);
		return rc;
	}
	*any = true;
	snprintf(text, sizeof(text),
	         "Resultatet för %s %s per kostnadsställe (%zu st), ur bokföringens "
	         "objekt. Varje belopp är summan i öre, avrundad en gång till tkr; "
	         "summaraden är kostnadsställenas exakta summa.",
	         s->unit->name, s->label, t.n);
	rc = doc_paragraph(s->doc, text, s->err);
	snprintf(caption, sizeof(caption), "Resultat per kostnadsställe %s (tkr)", s->label);
	if (!rc)
		rc = doc_table(s->doc, caption, head, 5, s->err);
	for (i = 0; i <= t.n && !rc; i++) {
		const struct styr_dim_line *l = i < t.n ? &t.lines[i] : &t.total;

		rc = doc_cell_text(s->doc, i < t.n ? l->object : "Summa", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, i < t.n ? l->name : "", s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l->has_utfall, l->utfall, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l->has_budget, l->budget, s->err);
		if (!rc)
			rc = cell_tkr(s->doc, l->has_utfall && l->has_budget, l->avvikelse, s->err);
	}
	styr_dim_table_release(&t);
	return rc;
}

/* The unit's partial tables, in key order; every one that is not the
 * resultaträkning itself is one of personnel costs today. */
struct tabs {
	char (*names)[STYR_CODE_MAX];
	size_t n, cap;
	int year;
	struct styr_err *err;
};

static int add_tab(void *ctx, const struct styr_ledger_entry *e)
{
	struct tabs *t = ctx;

	if (!e->tab[0] || (e->year != t->year && e->year != t->year - 1))
		return 0;
	if (t->n && !strcmp(t->names[t->n - 1], e->tab))
		return 0;
	if (styr_array_grow((void **)&t->names, &t->cap, t->n, sizeof(*t->names), t->err))
		return STYR_ENOMEM;
	snprintf(t->names[t->n++], sizeof(*t->names), "%s", e->tab);
	return 0;
}

bool report_staff_indicator(const struct styr_indicator *ind)
{
	static const char *const starts[] = {"anställda", "antal anställda", "sjukfrånvaro",
	                                     "övertid",   "hyrpersonal",     "inhyrd personal"};
	gchar *name = g_utf8_casefold(ind->name, -1);
	bool staff = false;
	size_t i;

	for (i = 0; name && i < sizeof(starts) / sizeof(starts[0]) && !staff; i++)
		staff = !strncmp(name, starts[i], strlen(starts[i]));
	g_free(name);
	return staff;
}

struct staff {
	struct styr_indicator *inds;
	size_t n, cap;
	struct styr_err *err;
};

static int add_staff(void *ctx, const struct styr_indicator *ind)
{
	struct staff *st = ctx;

	if (!report_staff_indicator(ind))
		return 0;
	if (styr_array_grow((void **)&st->inds, &st->cap, st->n, sizeof(*st->inds), st->err))
		return STYR_ENOMEM;
	st->inds[st->n++] = *ind;
	return 0;
}

/* A staff figure of the unit for the months 1..s->months of year. */
static int staff_value(const struct section *s, const struct styr_indicator *ind, int year,
                       struct styr_value *v, bool *has)
{
	struct styr_period p = {year, 1, s->months};
	struct styr_err local;
	int rc;

	styr_err_init(&local);
	rc = styr_value_find(s->db, ind->code, s->unit->code, &p, v, &local);
	*has = rc == STYR_OK;
	if (rc && rc != STYR_ENOTFOUND)
		return styr_error(s->err, local.code, "%s", local.msg);
	return STYR_OK;
}

static int staff_cell(const struct section *s, const struct styr_indicator *ind,
                      const struct styr_value *v, bool has)
{
	char text[STYR_REASON_MAX];

	if (!has)
		return doc_cell_text(s->doc, "–", s->err);
	styr_value_format(v, ind, text, sizeof(text));
	return v->num.kind == STYR_NUM_VALUE ? doc_cell_number(s->doc, text, v->num.value, s->err)
	                                     : doc_cell_text(s->doc, text, s->err);
}

/* The staff figures: anställda, sjukfrånvaro, övertid, hyrpersonal; a
 * figure the unit has no value for is no row, and no rows no table. */
static int staff_table(const struct section *s, bool *any)
{
	struct staff st = {NULL, 0, 0, s->err};
	const char *head[3] = {"Nyckeltal", s->prev, s->label};
	bool table = false;
	char caption[128];
	size_t i;
	int rc = styr_indicator_each(s->db, add_staff, &st, s->err);

	snprintf(caption, sizeof(caption), "Personalnyckeltal %s", s->label);
	for (i = 0; i < st.n && !rc; i++) {
		struct styr_value v[2];
		bool has[2];

		rc = staff_value(s, &st.inds[i], s->year - 1, &v[0], &has[0]);
		if (!rc)
			rc = staff_value(s, &st.inds[i], s->year, &v[1], &has[1]);
		if (rc || (!has[0] && !has[1]))
			continue;
		if (!table && !(rc = doc_table(s->doc, caption, head, 3, s->err)))
			table = *any = true;
		if (!rc)
			rc = doc_cell_text(s->doc, st.inds[i].name, s->err);
		if (!rc)
			rc = staff_cell(s, &st.inds[i], &v[0], has[0]);
		if (!rc)
			rc = staff_cell(s, &st.inds[i], &v[1], has[1]);
	}
	free(st.inds);
	return rc;
}

int section_personnel_figures(const struct section *s, bool *any)
{
	struct styr_ledger_filter f = {s->unit->code, NULL, 0, 0};
	struct tabs tabs = {NULL, 0, 0, s->year, s->err};
	size_t i;
	int rc;

	*any = false;
	rc = staff_table(s, any);
	if (!rc)
		rc = styr_ledger_each(s->db, &f, add_tab, &tabs, s->err);
	for (i = 0; i < tabs.n && !rc; i++) {
		struct styr_ledger_table t;
		char caption[STYR_CODE_MAX + 64];

		rc = styr_ledger_table_build(s->db, s->unit->code, tabs.names[i], s->year,
		                             s->months, NULL, &t, s->err);
		if (!rc && t.n) {
			*any = true;
			snprintf(caption, sizeof(caption), "Personalkostnader %s: %s (tkr)",
			         s->label, tabs.names[i]);
			rc = ledger_table(s, &t, caption);
			if (!rc)
				rc = missing_text(s, &t);
		}
		styr_ledger_table_release(&t);
	}
	free(tabs.names);
	return rc;
}

/* The action plans of the unit, summed per insatsområde (an åtgärd
 * without one stands on its own line) and per plan. */
struct action_line {
	char plan[STYR_CODE_MAX];
	char label[STYR_NAME_MAX];
	bool area;
	bool has_expected, has_achieved;
	int64_t expected, achieved;
};

struct actions {
	const char *unit;
	struct action_line *lines;
	size_t n, cap;
	struct styr_err *err;
};

static int add_action(void *ctx, const struct styr_action *a)
{
	struct actions *x = ctx;
	struct action_line *l = NULL;
	size_t i;

	if (strcmp(a->unit, x->unit))
		return 0;
	if (a->insatsomrade[0])
		for (i = 0; i < x->n && !l; i++)
			if (x->lines[i].area && !strcmp(x->lines[i].plan, a->plan) &&
			    !strcmp(x->lines[i].label, a->insatsomrade))
				l = &x->lines[i];
	if (!l) {
		if (styr_array_grow((void **)&x->lines, &x->cap, x->n, sizeof(*l), x->err))
			return STYR_ENOMEM;
		l = &x->lines[x->n++];
		memset(l, 0, sizeof(*l));
		snprintf(l->plan, sizeof(l->plan), "%s", a->plan);
		snprintf(l->label, sizeof(l->label), "%s",
		         a->insatsomrade[0] ? a->insatsomrade : a->title);
		l->area = a->insatsomrade[0] != '\0';
	}
	l->expected += a->has_expected ? a->expected : 0;
	l->achieved += a->has_achieved ? a->achieved : 0;
	l->has_expected |= a->has_expected;
	l->has_achieved |= a->has_achieved;
	return 0;
}

static int cell_grade(struct doc *d, const struct action_line *l, struct styr_err *err)
{
	char text[48];
	int64_t pm;

	if (!l->has_expected || !l->has_achieved ||
	    !styr_completion_permille(l->achieved, l->expected, &pm))
		return doc_cell_text(d, "–", err);
	/* whole percent, as the reports print it: 744 ‰ is "74 %" */
	styr_num_format(text, sizeof(text), (double)pm / 10.0, 0);
	strcat(text, "\302\240%");
	/* in percent, as every percent cell: the workbook shows 74 %, holds 74,4 */
	return doc_cell_number(d, text, (double)pm / 10.0, err);
}

static int action_row(const struct section *s, const struct action_line *l, const char *label)
{
	int rc = doc_cell_text(s->doc, label, s->err);

	if (!rc)
		rc = cell_mkr(s->doc, l->has_expected, l->expected, s->err);
	if (!rc)
		rc = cell_mkr(s->doc, l->has_achieved, l->achieved, s->err);
	if (!rc)
		rc = cell_grade(s->doc, l, s->err);
	return rc;
}

int section_actions_figures(const struct section *s, bool *any)
{
	static const char *const head[] = {"Insatsområde eller åtgärd", "Förväntad effekt (Mkr)",
	                                   "Uppnådd effekt (Mkr)", "Genomförandegrad"};
	struct actions x = {s->unit->code, NULL, 0, 0, s->err};
	size_t i, j;
	int rc;

	*any = false;
	rc = styr_action_each(s->db, NULL, add_action, &x, s->err);
	for (i = 0; i < x.n && !rc; i = j) {
		struct action_line total;
		char caption[STYR_CODE_MAX + 64], text[512], e[48], a[48], g[48];
		int64_t pm;

		memset(&total, 0, sizeof(total));
		snprintf(caption, sizeof(caption), "Handlingsplan %s", x.lines[i].plan);
		rc = doc_table(s->doc, caption, head, 4, s->err);
		for (j = i; j < x.n && !rc && !strcmp(x.lines[j].plan, x.lines[i].plan); j++) {
			rc = action_row(s, &x.lines[j], x.lines[j].label);
			total.expected += x.lines[j].expected;
			total.achieved += x.lines[j].achieved;
			total.has_expected |= x.lines[j].has_expected;
			total.has_achieved |= x.lines[j].has_achieved;
		}
		if (!rc)
			rc = action_row(s, &total, "Totalt");
		if (rc)
			break;
		*any = true;
		if (!total.has_expected || !total.has_achieved ||
		    !styr_completion_permille(total.achieved, total.expected, &pm))
			continue;
		styr_num_format(a, sizeof(a), (double)total.achieved / 1000.0, 1);
		styr_num_format(e, sizeof(e), (double)total.expected / 1000.0, 1);
		styr_num_format(g, sizeof(g), (double)pm / 10.0, 0);
		snprintf(text, sizeof(text),
		         "Genomförandegrad %s: %s av %s Mkr = %s\302\240%% av handlingsplanens "
		         "förväntade effekt.",
		         x.lines[i].plan, a, e, g);
		rc = doc_paragraph(s->doc, text, s->err);
	}
	free(x.lines);
	return rc;
}

/* Verksamhetsplan: the year's budget beside the utfall of the year
 * before, row by row of the resultaträkning. */
int section_budget_figures(const struct section *s, bool *any)
{
	struct styr_ledger_table t;
	char h[2][64], caption[128];
	const char *head[3] = {"Rad", h[0], h[1]};
	size_t i;
	int rc;

	*any = false;
	rc = styr_ledger_budget_table_build(s->db, s->unit->code, "", s->year, &t, s->err);
	for (i = 0; i < t.n && !rc && !*any; i++)
		*any = t.lines[i].has_budget;
	if (!rc && *any) {
		snprintf(h[0], sizeof(h[0]), "Utfall %d", s->year - 1);
		snprintf(h[1], sizeof(h[1]), "Budget %d", s->year);
		snprintf(caption, sizeof(caption), "Budget %d (tkr)", s->year);
		rc = doc_table(s->doc, caption, head, 3, s->err);
		for (i = 0; i < t.n && !rc; i++) {
			const struct styr_ledger_line *l = &t.lines[i];

			if (!l->has_budget && !l->has_prev)
				continue;
			rc = doc_cell_text(s->doc, l->row.label, s->err);
			if (!rc)
				rc = cell_tkr(s->doc, l->has_prev, l->prev_utfall, s->err);
			if (!rc)
				rc = cell_tkr(s->doc, l->has_budget, l->budget, s->err);
		}
	}
	styr_ledger_table_release(&t);
	return rc;
}
