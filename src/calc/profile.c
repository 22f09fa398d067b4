/*
 * Budget profiles (periodiseringsprofiler): how a year budget is spread
 * over the months.  A controller knows that July costs less than March
 * (semester) and says so once, as data: a unit's profile for every row of
 * its resultaträkning, and where a row runs differently (lönekostnader
 * with semesterlöneskuld, say) a profile for that row alone.
 *
 * Which profile periodises a unit's row is decided here and nowhere else
 * (styr ledger, the reports and the month charts all ask this file): the
 * unit's own profile for the row, else the unit's profile for every row,
 * else the same one level up the org tree, up to the region, whose
 * profile is thereby the organisation-wide default.  The nearest unit
 * wins over a more specific row further up, because a unit that states a
 * profile of its own means it for its whole budget.  No profile anywhere:
 * flat, 1/12 a month.
 *
 * A profile holds for one budget year or, year 0, for every year
 * (migration 0008), so that a controller can set next year's profile
 * without changing this year's reports.  The year refines each step of the
 * order above and changes nothing else: at the same unit and row, the
 * profile for the table's year wins over the one for every year.  So the
 * steps are the unit's row profile for the year, for every year, the
 * unit's all-rows profile for the year, for every year, then the same at
 * the parent; a unit's year-0 profile still wins over its parent's profile
 * for the year (the nearest unit wins, as above), and a row's year-0
 * profile over the unit's all-rows profile for the year (the row is more
 * specific).  Profiles for other years are never used.
 *
 * The arithmetic (cumulative rounding, so the months add up to the year)
 * is styr_budget_period's in ledger.c.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/ledger.h"

/* Weights are hundredths; above this a sum over twelve months times a
 * year budget could overflow int64_t tkr in styr_budget_period. */
#define WEIGHT_MAX 10000000

int styr_budget_profile_check(const struct styr_budget_profile *p, struct styr_err *err)
{
	static const char *const months[12] = {"jan", "feb", "mar", "apr", "maj", "jun",
	                                       "jul", "aug", "sep", "okt", "nov", "dec"};
	int i, sum = 0;

	for (i = 0; i < 12; i++) {
		if (p->weight[i] < 0 || p->weight[i] > WEIGHT_MAX)
			return styr_error(err, STYR_EINPUT,
			                  "the weight of %s, %d hundredths: expected 0 to %d",
			                  months[i], p->weight[i], WEIGHT_MAX);
		sum += p->weight[i];
	}
	if (sum == 0)
		return styr_error(err, STYR_EINPUT,
		                  "the twelve weights are all 0: expected at least one above 0");
	return STYR_OK;
}

struct collect {
	struct styr_profile_lookup *l;
	struct styr_err *err;
};

static int in_chain(const struct styr_profile_lookup *l, const char *unit)
{
	int i;

	for (i = 0; i < l->nchain; i++)
		if (!strcmp(l->chain[i], unit))
			return i;
	return -1;
}

static int take(void *ctx, const struct styr_budget_profile *p)
{
	struct collect *c = ctx;
	struct styr_profile_lookup *l = c->l;

	if (in_chain(l, p->unit) < 0 || (p->year && p->year != l->year))
		return 0;
	if (styr_array_grow((void **)&l->profiles, &l->cap, l->n, sizeof(*l->profiles), c->err))
		return STYR_ENOMEM;
	l->profiles[l->n++] = *p;
	return 0;
}

int styr_profile_lookup_init(struct styr_db *db, const char *unit, int year,
                             struct styr_profile_lookup *l, struct styr_err *err)
{
	struct styr_org_unit u;
	struct collect c = {l, err};
	const char *code = unit;
	int rc;

	memset(l, 0, sizeof(*l));
	l->year = year;
	/* The chain of parents; a cycle in the org tree stops at the limit
	 * rather than looping. */
	while (code && *code && l->nchain < STYR_PROFILE_CHAIN_MAX) {
		if ((rc = styr_org_find(db, code, &u, err)))
			return rc;
		if (in_chain(l, u.code) >= 0)
			break;
		snprintf(l->chain[l->nchain++], STYR_CODE_MAX, "%s", u.code);
		code = u.parent;
	}
	rc = styr_budget_profile_each(db, NULL, take, &c, err);
	if (rc)
		styr_profile_lookup_release(l);
	return rc;
}

const struct styr_budget_profile *styr_profile_lookup_find(const struct styr_profile_lookup *l,
                                                           const char *row)
{
	int level;
	size_t i;

	for (level = 0; level < l->nchain; level++) {
		/* [0]: the row's, [1]: every row's; each for the year if any,
		 * else for every year; other years never */
		const struct styr_budget_profile *found[2] = {NULL, NULL};

		for (i = 0; i < l->n; i++) {
			const struct styr_budget_profile *p = &l->profiles[i];
			int k;

			if (strcmp(p->unit, l->chain[level]) || (p->year && p->year != l->year))
				continue;
			if (row && *row && !strcmp(p->row, row))
				k = 0;
			else if (!p->row[0])
				k = 1;
			else
				continue;
			if (!found[k] || (p->year && !found[k]->year))
				found[k] = p;
		}
		if (found[0])
			return found[0];
		if (found[1])
			return found[1];
	}
	return NULL;
}

void styr_profile_lookup_release(struct styr_profile_lookup *l)
{
	free(l->profiles);
	memset(l, 0, sizeof(*l));
}

/* Lines periodised by a profile of their own (not sum rows). */
static bool spread(const struct styr_ledger_line *l)
{
	return l->periodised && !l->budget_summed;
}

static bool same_profile(const struct styr_ledger_line *a, const struct styr_ledger_line *b)
{
	return !strcmp(a->profile_unit, b->profile_unit) &&
	       !strcmp(a->profile_row, b->profile_row) && a->profile_year == b->profile_year;
}

int styr_ledger_periodisation_text(const struct styr_ledger_table *t, struct styr_buf *out,
                                   struct styr_err *err)
{
	size_t i, j, n = 0;
	bool summed = false;
	int rc = 0;

	for (i = 0; i < t->n; i++)
		summed |= t->lines[i].budget_summed;
	for (i = 0; !rc && i < t->n; i++) {
		const struct styr_ledger_line *l = &t->lines[i];
		bool all = true, first = true;
		char year[16] = "";

		if (!spread(l))
			continue;
		for (j = 0; j < i && !(spread(&t->lines[j]) && same_profile(&t->lines[j], l)); j++)
			;
		if (j < i)
			continue; /* named at its first row */
		for (j = 0; j < t->n; j++)
			all &= !spread(&t->lines[j]) || same_profile(&t->lines[j], l);
		/* a year's own profile names its year; one for every year
		 * does not ("budgetprofilen 2025 för LKR") */
		if (l->profile_year)
			snprintf(year, sizeof(year), "%d ", l->profile_year);
		rc = styr_buf_puts(out, n++ ? "; " : "Periodisering av årsbudgeten: ", err);
		if (rc)
			break;
		if (!l->profile_unit[0])
			rc = styr_buf_puts(out,
			                   all ? "jämnt, 1/12 per månad (ingen lagrad profil)"
			                       : "jämnt, 1/12 per månad",
			                   err);
		else if (!l->profile_row[0])
			rc = styr_buf_printf(out, err, "budgetprofilen %sför %s (%s rader)", year,
			                     l->profile_unit, all ? "alla" : "övriga");
		else
			rc = styr_buf_printf(out, err, "budgetprofilen %sför %s för raden %s", year,
			                     l->profile_unit, l->row.label);
		/* flat next to profiles: name its rows, they are the exception */
		for (j = i; !rc && !all && !l->profile_unit[0] && j < t->n; j++)
			if (spread(&t->lines[j]) && same_profile(&t->lines[j], l)) {
				rc = styr_buf_printf(out, err, "%s %s", first ? ":" : ",",
				                     t->lines[j].row.label);
				first = false;
			}
	}
	if (!rc && n)
		rc = styr_buf_puts(out, summed ? "; summaraderna är summan av sina rader." : ".",
		                   err);
	return rc;
}
