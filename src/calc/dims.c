/*
 * A unit's ledger broken down by a dimension (issue 15 item 4): one line
 * per kostnadsställe (or projekt, …) with the period's utfall, budget and
 * avvikelse, summed exactly in öre from the ledger detail and rounded
 * once.  The CLI's `styr ledger --by`, the economy page and the reports'
 * appendix all print this table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/ledger.h"

void styr_ledger_detail_of(struct styr_ledger_detail *d, const struct styr_ledger_entry *e, int dim,
                           const char *object)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->unit, sizeof(d->unit), "%s", e->unit);
	d->year = e->year;
	d->month = e->month;
	snprintf(d->row, sizeof(d->row), "%s", e->row);
	snprintf(d->kind, sizeof(d->kind), "%s", e->kind);
	d->dim = dim;
	snprintf(d->object, sizeof(d->object), "%s", object);
	d->amount_ore = e->amount_ore;
	snprintf(d->source, sizeof(d->source), "%s", e->source);
}

struct find_dim {
	const char *want;
	struct styr_ledger_dim *out;
	bool found;
};

static int dim_match(void *ctx, const struct styr_ledger_dim *d)
{
	struct find_dim *f = ctx;
	char num[16];

	snprintf(num, sizeof(num), "%d", d->dim);
	if (!strcmp(f->want, d->code) || !strcmp(f->want, num)) {
		*f->out = *d;
		f->found = true;
	}
	return 0;
}

struct gather {
	struct styr_dim_table *t;
	size_t cap;
	struct styr_err *err;
};

static int add_detail(void *ctx, const struct styr_ledger_detail *d)
{
	struct gather *g = ctx;
	struct styr_dim_table *t = g->t;
	struct styr_dim_line *l;
	bool utfall = !strcmp(d->kind, "utfall");

	if (!utfall && strcmp(d->kind, "budget"))
		return 0;
	if (d->month > t->months || (d->month == 0 && t->months != 12))
		return 0;
	/* the walk is ordered by object */
	if (!t->n || strcmp(t->lines[t->n - 1].object, d->object)) {
		if (styr_array_grow((void **)&t->lines, &g->cap, t->n, sizeof(*t->lines), g->err))
			return STYR_ENOMEM;
		l = &t->lines[t->n++];
		memset(l, 0, sizeof(*l));
		snprintf(l->object, sizeof(l->object), "%s", d->object);
	}
	l = &t->lines[t->n - 1];
	if (utfall) {
		l->utfall_ore += d->amount_ore;
		l->has_utfall = true;
	} else {
		l->budget_ore += d->amount_ore;
		l->has_budget = true;
	}
	return 0;
}

static int name_object(void *ctx, const struct styr_ledger_object *o)
{
	struct styr_dim_table *t = ctx;
	size_t lo = 0, hi = t->n;

	/* lines are in the store's order of object codes, as the walk is */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(t->lines[mid].object, o->code);

		if (!c) {
			snprintf(t->lines[mid].name, sizeof(t->lines[mid].name), "%s", o->name);
			snprintf(t->lines[mid].unit, sizeof(t->lines[mid].unit), "%s", o->unit);
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void shown(struct styr_dim_line *l)
{
	l->utfall = styr_ore_round(l->utfall_ore, STYR_ORE_PER_TKR);
	l->budget = styr_ore_round(l->budget_ore, STYR_ORE_PER_TKR);
	l->avvikelse = styr_ore_round(l->utfall_ore - l->budget_ore, STYR_ORE_PER_TKR);
}

int styr_ledger_breakdown(struct styr_db *db, const char *unit, int year, int months,
                          const char *dim, const char *row, struct styr_dim_table *out,
                          struct styr_err *err)
{
	struct find_dim f = {dim, &out->dim, false};
	struct gather g = {out, 0, err};
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	out->year = year;
	out->months = months;
	if ((rc = styr_ledger_dim_each(db, dim_match, &f, err)))
		return rc;
	if (!f.found)
		return styr_error(err, STYR_EINPUT,
		                  "dimension \"%s\": expected kostnadsstalle, kostnadsbarare, "
		                  "projekt, anstalld, verksamhet or a dimension number",
		                  dim);
	if ((rc = styr_ledger_row_find(db, row ? row : "resultat", &out->row, err)))
		return rc;
	rc = styr_ledger_detail_each(db, unit, year, out->dim.dim, out->row.code, add_detail, &g,
	                             err);
	if (!rc)
		rc = styr_ledger_object_each(db, out->dim.dim, name_object, out, err);
	if (rc) {
		styr_dim_table_release(out);
		return rc;
	}
	for (i = 0; i < out->n; i++) {
		struct styr_dim_line *l = &out->lines[i];

		shown(l);
		out->total.utfall_ore += l->utfall_ore;
		out->total.budget_ore += l->budget_ore;
		out->total.has_utfall |= l->has_utfall;
		out->total.has_budget |= l->has_budget;
	}
	snprintf(out->total.name, sizeof(out->total.name), "Summa");
	shown(&out->total);
	return STYR_OK;
}

void styr_dim_table_release(struct styr_dim_table *t)
{
	free(t->lines);
	t->lines = NULL;
	t->n = 0;
}
