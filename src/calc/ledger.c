/*
 * What a controller derives from a resultaträkning every month: the
 * avvikelse (utfall − budget for the period), the förändring against the
 * same period of the year before in tkr and percent, the budget of a
 * period (a year budget spread over the months, flat or by a profile) and
 * the helårsprognos (the one given, else utfall to date plus the budget of
 * the months left).
 *
 * Everything is int64_t öre, exact.  Where a division is unavoidable (a
 * periodised budget, a percentage) the result is rounded half away from
 * zero once, and a periodised budget is rounded cumulatively (to the öre)
 * so that the months always add up to the year.  A table's figures are
 * rounded to tkr last, each once (styr_ore_round).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/ledger.h"
#include "styr/num.h"
#include "styr/rollup.h"

#define KIND_NONE -1

int64_t styr_div_round(int64_t a, int64_t b)
{
	int64_t q, r;

	if (b < 0) {
		a = -a;
		b = -b;
	}
	q = a / b;
	r = a % b;
	if (r < 0 ? -r * 2 >= b : r * 2 >= b)
		q += a < 0 ? -1 : 1;
	return q;
}

/* a × b / c rounded half away from zero, c > 0, exact in 128 bits: an
 * amount in öre (a region's row can be 10^12) times a profile's weights
 * (up to 1,2 × 10^8 in all) does not fit in 64; the result does. */
static int64_t muldiv_round(int64_t a, int64_t b, int64_t c)
{
	__int128 p = (__int128)a * b, q = p / c, r = p % c;

	if (r < 0 ? -r * 2 >= c : r * 2 >= c)
		q += p < 0 ? -1 : 1;
	return (int64_t)q;
}

int64_t styr_ore_round(int64_t ore, int64_t per_unit)
{
	return styr_div_round(ore, per_unit);
}

void styr_ore_tkr_text(char *buf, size_t size, int64_t ore)
{
	uint64_t mag = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
	uint64_t whole = mag / 100000u, frac = mag % 100000u;
	char dec[8];
	int n;

	if (!frac) {
		snprintf(buf, size, "%s%llu", ore < 0 ? "-" : "", (unsigned long long)whole);
		return;
	}
	snprintf(dec, sizeof(dec), "%05llu", (unsigned long long)frac);
	for (n = 5; n > 0 && dec[n - 1] == '0'; n--)
		dec[n - 1] = '\0';
	snprintf(buf, size, "%s%llu,%s", ore < 0 ? "-" : "", (unsigned long long)whole, dec);
}

/* Cumulative budget of months 1..m. */
static int64_t cumulative(int64_t year_budget, const int *weights, int m)
{
	int64_t total = 0, upto = 0;
	int i;

	if (m <= 0)
		return 0;
	if (m >= 12)
		return year_budget;
	if (!weights)
		return muldiv_round(year_budget, m, 12);
	for (i = 0; i < 12; i++) {
		total += weights[i];
		if (i < m)
			upto += weights[i];
	}
	if (total <= 0)
		return muldiv_round(year_budget, m, 12);
	return muldiv_round(year_budget, upto, total);
}

int64_t styr_budget_period(int64_t year_budget, const int *weights, int first, int last)
{
	if (first < 1)
		first = 1;
	if (last > 12)
		last = 12;
	if (last < first)
		return 0;
	return cumulative(year_budget, weights, last) - cumulative(year_budget, weights, first - 1);
}

bool styr_change_pct100(int64_t cur, int64_t prev, int64_t *out)
{
	if (prev == 0)
		return false;
	*out = muldiv_round(cur - prev, 10000, prev < 0 ? -prev : prev);
	return true;
}

int64_t styr_forecast_year(int64_t utfall_to_date, int64_t year_budget, const int *weights,
                           int done)
{
	return utfall_to_date + styr_budget_period(year_budget, weights, done + 1, 12);
}

/* Months as bits: bit m (1..12) for month m, bit 0 for a figure of the
 * whole year. */
#define MONTHS_ALL     0x1ffeu
#define MONTHS_UPTO(m) ((1u << ((m) + 1)) - 2u)

/* The figures of one row gathered from the store before deriving, per
 * month ([0] the year figure): added up, since a roll-up gives one entry
 * per unit for the same key.  Which months are compared is known only
 * when every entry has been seen. */
struct gather {
	int64_t prev[13], cur[13], budget[13];     /* utfall year−1, utfall, budget */
	unsigned prev_have, cur_have, budget_have; /* bit m: month m given */
	int64_t prognos, avvikelse;
	bool has_prognos, has_avvikelse;
};

struct build {
	const struct styr_row_plan *plan;
	size_t last; /* the row of the previous entry: entries come by row */
	struct gather *g;
	const char *tab;
	int year, months;
	unsigned utfall_mask; /* the months of the year with any utfall */
	struct styr_err *err;
};

static int plan_add(void *ctx, const struct styr_ledger_row *r)
{
	struct styr_row_plan *p = ctx;

	if (styr_array_grow((void **)&p->rows, &p->cap, p->n, sizeof(*p->rows), NULL))
		return STYR_ENOMEM;
	p->rows[p->n++] = *r;
	return 0;
}

static int row_ptr_cmp(const void *a, const void *b)
{
	const struct styr_ledger_row *const *x = a, *const *y = b;

	return strcmp((*x)->code, (*y)->code);
}

int styr_row_plan_load(struct styr_db *db, struct styr_row_plan *p, struct styr_err *err)
{
	const struct styr_ledger_row **by = NULL;
	size_t i;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = styr_ledger_row_each(db, plan_add, p, err)))
		return rc == STYR_ENOMEM ? styr_error(err, rc, "out of memory") : rc;
	if (!(by = malloc((p->n ? p->n : 1) * sizeof(*by))) ||
	    !(p->next = malloc((p->n ? p->n : 1) * sizeof(*p->next)))) {
		free(by);
		return styr_error(err, STYR_ENOMEM, "out of memory");
	}
	for (i = 0; i < p->n; i++)
		by[i] = &p->rows[i];
	qsort(by, p->n, sizeof(*by), row_ptr_cmp);
	p->first = p->n ? (size_t)(by[0] - p->rows) : 0;
	for (i = 0; i < p->n; i++)
		p->next[by[i] - p->rows] = i + 1 < p->n ? (size_t)(by[i + 1] - p->rows) : p->n;
	free(by);
	return STYR_OK;
}

size_t styr_row_plan_find(const struct styr_row_plan *p, size_t before, const char *code)
{
	size_t i = before < p->n ? p->next[before] : p->first;

	if (i < p->n && !strcmp(p->rows[i].code, code))
		return i;
	if (p->first < p->n && !strcmp(p->rows[p->first].code, code))
		return p->first;
	for (i = 0; i < p->n; i++)
		if (!strcmp(p->rows[i].code, code))
			return i;
	return p->n;
}

void styr_row_plan_release(struct styr_row_plan *p)
{
	free(p->rows);
	free(p->next);
	memset(p, 0, sizeof(*p));
}

static size_t row_index(struct build *b, const char *code)
{
	const struct styr_row_plan *p = b->plan;
	size_t i;

	if (b->last < p->n && !strcmp(p->rows[b->last].code, code))
		return b->last;
	if ((i = styr_row_plan_find(p, b->last, code)) == p->n)
		return (size_t)-1;
	return b->last = i;
}

static int add_entry(void *ctx, const struct styr_ledger_entry *e)
{
	struct build *b = ctx;
	size_t i;
	struct gather *g;
	unsigned bit;

	if (e->month < 0 || e->month > 12 || strcmp(e->tab, b->tab) ||
	    (i = row_index(b, e->row)) == (size_t)-1)
		return 0;
	g = &b->g[i];
	/* a year sum is filed under its first month: summed over all twelve
	 * (the only way it is read, table_build) it counts the same */
	bit = e->months ? e->months : 1u << e->month;
	if (!strcmp(e->kind, "utfall")) {
		if (e->year == b->year - 1) {
			g->prev[e->month] += e->amount_ore;
			g->prev_have |= bit;
		} else if (e->year == b->year) {
			g->cur[e->month] += e->amount_ore;
			g->cur_have |= bit;
			b->utfall_mask |= bit;
		}
	} else if (e->year != b->year) {
		return 0;
	} else if (!strcmp(e->kind, "budget")) {
		g->budget[e->month] += e->amount_ore;
		g->budget_have |= bit;
	} else if (!strcmp(e->kind, "prognos") && e->month == 0) {
		g->prognos += e->amount_ore;
		g->has_prognos = true;
	} else if (!strcmp(e->kind, "avvikelse") && e->month == 0 && b->months == 12) {
		g->avvikelse += e->amount_ore;
		g->has_avvikelse = true;
	}
	return 0;
}

static int64_t sum_months(const int64_t *a, unsigned mask)
{
	int64_t s = 0;
	int m;

	for (m = 1; m <= 12; m++)
		if (mask & (1u << m))
			s += a[m];
	return s;
}

/* The part of a year budget that falls in the months of mask, a run of
 * months at a time, so that it is exact whatever the gaps. */
static int64_t budget_of(int64_t year_budget, const int *weights, unsigned mask)
{
	int64_t s = 0;
	int m = 1, first;

	while (m <= 12) {
		if (!(mask & (1u << m))) {
			m++;
			continue;
		}
		for (first = m; m <= 12 && mask & (1u << m); m++)
			;
		s += styr_budget_period(year_budget, weights, first, m - 1);
	}
	return s;
}

/* Derive one line from what was gathered for the months compared (the
 * period asked, less the months without utfall); false when the row has
 * no figures at all for this period. */
static bool derive(const struct gather *g, int months, unsigned compared, const int *weights,
                   struct styr_ledger_line *l)
{
	bool whole = months == 12, full = compared == MONTHS_ALL;

	memset(&l->has_prev, 0, sizeof(*l) - offsetof(struct styr_ledger_line, has_prev));
	/* Monthly figures win over a year figure for part of a year; for the
	 * whole year a printed year total wins over the months. */
	if (g->cur_have & 1u && (whole || !(g->cur_have & compared))) {
		l->utfall = g->cur[0];
		l->has_utfall = whole;
	}
	if (g->cur_have & compared && !(whole && g->cur_have & 1u)) {
		l->utfall = sum_months(g->cur, compared);
		l->has_utfall = true;
	}
	/* The year before over the same months: its year figure only when
	 * the whole year is compared. */
	if (g->prev_have & 1u && full) {
		l->prev_utfall = g->prev[0];
		l->has_prev = true;
	} else if (g->prev_have & compared) {
		l->prev_utfall = sum_months(g->prev, compared);
		l->has_prev = true;
	}
	if (g->budget_have & MONTHS_ALL) {
		l->budget = sum_months(g->budget, compared);
		l->has_budget = true;
	} else if (g->budget_have & 1u) {
		l->budget = budget_of(g->budget[0], weights, compared);
		l->has_budget = true;
		l->periodised = !full;
	}
	if (l->has_utfall && l->has_budget)
		l->avvikelse = l->utfall - l->budget;
	if (g->has_avvikelse && full) {
		l->printed_avvikelse = g->avvikelse;
		l->has_printed_avvikelse = true;
	}
	if (l->has_utfall && l->has_prev) {
		l->forandring = l->utfall - l->prev_utfall;
		l->has_pct = styr_change_pct100(l->utfall, l->prev_utfall, &l->forandring_pct100);
	}
	/* The helårsprognos is always the whole year's: utfall of the months
	 * compared plus the budget of every other month. */
	if (g->has_prognos) {
		l->prognos = g->prognos;
		l->has_prognos = true;
	} else if (l->has_utfall && g->budget_have & (1u | MONTHS_ALL)) {
		/* Monthly budgets give the rest of the year as they are;
		 * a year budget is periodised. */
		if (full)
			l->prognos = l->utfall;
		else if (g->budget_have & MONTHS_ALL)
			l->prognos = l->utfall + sum_months(g->budget, MONTHS_ALL & ~compared);
		else {
			l->prognos =
			    l->utfall + g->budget[0] - budget_of(g->budget[0], weights, compared);
			l->periodised = true;
		}
		l->has_prognos = l->prognos_derived = true;
	}
	return l->has_utfall || l->has_prev || l->has_budget || l->has_prognos;
}

/* Rows periodised by different profiles would leave a periodised sum
 * (SUMMA INTÄKTER, RESULTAT) that is not the sum of its periodised rows.
 * A sum row whose year budget was periodised therefore takes the sum of
 * its rows' budgets for the period, so the table adds up across as the
 * months add up down; the avvikelse and a derived prognos (the year
 * budget's rest) follow.  Rows print before their sum (the plan's
 * positions), so nested sums are final when their parent adds them. */
static void add_up_sums(struct styr_ledger_table *t, const struct gather *g,
                        const struct styr_ledger_row *rows, size_t nrows)
{
	size_t i, j, r;

	for (i = 0; i < t->n; i++) {
		struct styr_ledger_line *l = &t->lines[i];
		int64_t sum = 0, year = 0, n = 0;

		for (r = 0; r < nrows && strcmp(rows[r].code, l->row.code); r++)
			;
		if (r == nrows || !l->has_budget || g[r].budget_have & MONTHS_ALL ||
		    !(g[r].budget_have & 1u))
			continue;
		for (j = 0; j < i; j++) {
			const struct styr_ledger_line *c = &t->lines[j];
			size_t k;

			if (!c->has_budget || strcmp(c->row.parent, l->row.code))
				continue;
			for (k = 0; k < nrows && strcmp(rows[k].code, c->row.code); k++)
				;
			sum += c->budget;
			year += g[k].budget_have & MONTHS_ALL ? sum_months(g[k].budget, MONTHS_ALL)
			                                      : g[k].budget[0];
			n++;
		}
		/* Only where the rows make up the sum's year budget (up to a
		 * printed rounding of 1 tkr a row): with rows missing, what the
		 * others add up to is no budget for the sum. */
		if (!n || year - g[r].budget[0] > n * STYR_ORE_PER_TKR ||
		    g[r].budget[0] - year > n * STYR_ORE_PER_TKR)
			continue;
		l->budget = sum;
		l->budget_summed = true;
		l->profile_unit[0] = l->profile_row[0] = '\0';
		l->profile_year = 0;
		if (l->has_utfall)
			l->avvikelse = l->utfall - l->budget;
		if (l->prognos_derived)
			l->prognos = l->utfall + g[r].budget[0] - l->budget;
	}
}

/* The figures as shown: tkr, each rounded once from its exact öre. */
static void show_tkr(struct styr_ledger_line *l)
{
	l->prev_utfall = styr_ore_round(l->prev_utfall, STYR_ORE_PER_TKR);
	l->utfall = styr_ore_round(l->utfall, STYR_ORE_PER_TKR);
	l->budget = styr_ore_round(l->budget, STYR_ORE_PER_TKR);
	l->avvikelse = styr_ore_round(l->avvikelse, STYR_ORE_PER_TKR);
	l->printed_avvikelse = styr_ore_round(l->printed_avvikelse, STYR_ORE_PER_TKR);
	l->forandring = styr_ore_round(l->forandring, STYR_ORE_PER_TKR);
	l->prognos = styr_ore_round(l->prognos, STYR_ORE_PER_TKR);
}

/* plan: the row plan read once for many tables (NULL: read it). */
static int table_build(struct styr_db *db, const struct styr_org_tree *tree,
                       const struct styr_row_plan *plan, const char *unit, const char *tab,
                       int year, int months, const int *weights, bool like,
                       struct styr_ledger_table *out, struct styr_err *err)
{
	struct build b;
	struct styr_row_plan own;
	struct styr_profile_lookup profiles;
	unsigned period = 0;
	size_t i, nrows;
	bool sums;
	int rc = STYR_OK;

	memset(out, 0, sizeof(*out));
	memset(&b, 0, sizeof(b));
	memset(&own, 0, sizeof(own));
	memset(&profiles, 0, sizeof(profiles));
	if (!plan) {
		rc = styr_row_plan_load(db, &own, err);
		plan = &own;
	}
	nrows = plan->n;
	b.plan = plan;
	b.last = nrows;
	b.tab = tab;
	b.year = year;
	b.months = months < 1 ? 12 : months > 12 ? 12 : months;
	b.err = err;
	if (!rc && !(b.g = calloc(nrows ? nrows : 1, sizeof(*b.g))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	/* The whole year compared month for month needs only each row's sum
	 * of the months: the year sums (migration 0025), a twelfth of the
	 * rows.  Which months are compared is known after the walk; when it
	 * is not all twelve (utfall missing for some), the months are read. */
	for (sums = b.months == 12; !rc; sums = false) {
		rc = styr_ledger_rollup_each_tree(db, tree, sums, unit, tab, year - 1, year,
		                                  add_entry, &b, &out->from, err);
		/* Like with like: the months of the period that have utfall.
		 * A year figure (month 0) covers the whole year; a year
		 * without utfall (a budget year) shows the period's budget. */
		period = MONTHS_UPTO(b.months);
		out->months = b.months;
		out->compared = period;
		out->missing = 0;
		if (like && b.utfall_mask & MONTHS_ALL && !(b.utfall_mask & 1u)) {
			out->missing = period & ~b.utfall_mask;
			if (period & b.utfall_mask)
				out->compared = period & b.utfall_mask;
		}
		if (rc || !sums || out->compared == MONTHS_ALL)
			break;
		memset(b.g, 0, nrows * sizeof(*b.g));
		b.utfall_mask = 0;
	}
	if (!rc && !(out->lines = calloc(nrows ? nrows : 1, sizeof(*out->lines))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	/* The caller's weights hold for every row; else each row's stored
	 * profile (src/calc/profile.c), flat where there is none.  The
	 * whole year compared spreads no budget: no profile to look up. */
	if (!rc && !weights && out->compared != MONTHS_ALL)
		rc = styr_profile_lookup_init(db, unit, year, &profiles, err);
	for (i = 0; !rc && i < nrows; i++) {
		struct styr_ledger_line *l = &out->lines[out->n];
		const struct styr_budget_profile *p =
		    weights ? NULL : styr_profile_lookup_find(&profiles, plan->rows[i].code);
		const struct gather *g = &b.g[i];

		l->row = plan->rows[i];
		if ((g->prev_have | g->cur_have | g->budget_have || g->has_prognos ||
		     g->has_avvikelse) &&
		    derive(g, b.months, out->compared, p ? p->weight : weights, l)) {
			if (p && l->periodised) {
				memcpy(l->profile_unit, p->unit, sizeof(l->profile_unit));
				memcpy(l->profile_row, p->row, sizeof(l->profile_row));
				l->profile_year = p->year;
			}
			out->n++;
		}
	}
	styr_profile_lookup_release(&profiles);
	if (!rc && out->compared != MONTHS_ALL)
		add_up_sums(out, b.g, plan->rows, nrows);
	for (i = 0; !rc && i < out->n; i++)
		show_tkr(&out->lines[i]);
	styr_row_plan_release(&own);
	free(b.g);
	if (rc)
		styr_ledger_table_release(out);
	return rc;
}

int styr_ledger_table_build(struct styr_db *db, const char *unit, const char *tab, int year,
                            int months, const int *weights, struct styr_ledger_table *out,
                            struct styr_err *err)
{
	return table_build(db, NULL, NULL, unit, tab, year, months, weights, true, out, err);
}

int styr_ledger_tables_below(struct styr_db *db, const char *unit, const char *tab, int year,
                             int months, const int *weights,
                             int (*cb)(void *ctx, const struct styr_org_unit *u,
                                       const struct styr_ledger_table *t),
                             void *ctx, struct styr_err *err)
{
	struct styr_org_tree *tree = NULL;
	struct styr_org_unit *below = NULL;
	struct styr_row_plan plan;
	size_t i, n = 0;
	int rc = styr_org_below_in(db, unit, year, &below, &n, err);

	/* the tree and the row plan once for all the tables */
	memset(&plan, 0, sizeof(plan));
	if (!rc && n)
		rc = styr_org_tree_load(db, &tree, err);
	if (!rc && n)
		rc = styr_row_plan_load(db, &plan, err);
	for (i = 0; !rc && i < n; i++) {
		struct styr_ledger_table t;

		if ((rc = table_build(db, tree, &plan, below[i].code, tab, year, months, weights,
		                      true, &t, err)))
			break;
		rc = cb(ctx, &below[i], &t);
		styr_ledger_table_release(&t);
	}
	styr_org_tree_free(tree);
	styr_row_plan_release(&plan);
	free(below);
	return rc;
}

int styr_ledger_budget_table_build(struct styr_db *db, const char *unit, const char *tab, int year,
                                   struct styr_ledger_table *out, struct styr_err *err)
{
	return table_build(db, NULL, NULL, unit, tab, year, 12, NULL, false, out, err);
}

void styr_ledger_table_release(struct styr_ledger_table *t)
{
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

bool styr_ledger_avvikelse_note(const struct styr_ledger_line *l, char *buf, size_t size)
{
	char printed[48], diff[48];

	if (size)
		buf[0] = '\0';
	if (!l->has_printed_avvikelse || !l->has_utfall || !l->has_budget ||
	    l->printed_avvikelse == l->avvikelse)
		return false;
	styr_num_format(printed, sizeof(printed), (double)l->printed_avvikelse, 0);
	styr_num_format(diff, sizeof(diff), (double)llabs(l->printed_avvikelse - l->avvikelse), 0);
	snprintf(buf, size, "tryckt i underlaget: %s (skillnad %s)", printed, diff);
	return true;
}

int styr_ledger_kind_check(const char *kind, struct styr_err *err)
{
	static const char *const kinds[] = {"utfall", "budget", "prognos", "avvikelse"};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i]))
			return STYR_OK;
	return styr_error(err, STYR_EINPUT,
	                  "ledger kind \"%s\": expected utfall, budget, prognos or avvikelse",
	                  kind);
}

struct months_walk {
	const char *tab;
	int year;
	unsigned mask;
};

static int utfall_month(void *ctx, const struct styr_ledger_entry *e)
{
	struct months_walk *w = ctx;

	if (e->year == w->year && !strcmp(e->tab, w->tab) && !strcmp(e->kind, "utfall") &&
	    e->month >= 0 && e->month <= 12)
		w->mask |= 1u << e->month;
	return 0;
}

int styr_ledger_utfall_months(struct styr_db *db, const char *unit, const char *tab, int year,
                              int *months, unsigned *missing, struct styr_err *err)
{
	struct months_walk w = {tab, year, 0};
	int m, rc = styr_ledger_rollup_each(db, unit, tab, year, year, utfall_month, &w, NULL, err);

	*months = 0;
	*missing = 0;
	if (rc || !w.mask)
		return rc;
	/* A figure for the whole year covers every month. */
	if (w.mask & 1u) {
		*months = 12;
		return STYR_OK;
	}
	for (m = 12; m >= 1 && !(w.mask & (1u << m)); m--)
		;
	*months = m;
	for (; m >= 1; m--)
		if (!(w.mask & (1u << m)))
			*missing |= 1u << m;
	return STYR_OK;
}

void styr_month_mask_text(char *buf, size_t size, unsigned mask)
{
	static const char *const names[12] = {"jan", "feb", "mar", "apr", "maj", "jun",
	                                      "jul", "aug", "sep", "okt", "nov", "dec"};
	size_t len = 0;
	int m = 1, first;

	if (size)
		buf[0] = '\0';
	while (m <= 12 && len < size) {
		if (!(mask & (1u << m))) {
			m++;
			continue;
		}
		for (first = m; m <= 12 && mask & (1u << m); m++)
			;
		if (first == m - 1)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
			                        names[first - 1]);
		else
			len += (size_t)snprintf(buf + len, size - len, "%s%s–%s", len ? ", " : "",
			                        names[first - 1], names[m - 2]);
	}
}

int styr_ledger_missing_text(const struct styr_ledger_table *t, int year, struct styr_buf *out,
                             struct styr_err *err)
{
	char missing[96], compared[96];

	if (!t->missing)
		return STYR_OK;
	styr_month_mask_text(missing, sizeof(missing), t->missing);
	styr_month_mask_text(compared, sizeof(compared), t->compared);
	if (t->compared & t->missing)
		return styr_buf_printf(out, err, "Utfall saknas för %s %d.", missing, year);
	return styr_buf_printf(out, err,
	                       "Utfall saknas för %s %d: utfall och budget jämförs för %s %d, "
	                       "de månader som har utfall.",
	                       missing, year, compared, year);
}
