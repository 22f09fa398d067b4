/*
 * Roll-up along the org tree: a hospital's figures are its own and those
 * of the units below it, as the tree stood in the period asked about (a
 * unit counts for a year when its validity dates overlap that year).  One
 * function per kind, which every page, report and command calls, so no
 * front-end adds up on its own:
 *
 * - styr_ledger_rollup_each: a unit's ledger rolled up, entry by entry,
 *   exact in öre.  The rule against double counting: for each kind
 *   (utfall, budget, prognos, avvikelse) and year, a unit that has figures
 *   of its own holds its whole figure (a hospital's own SIE file or printed
 *   table already contains its units), and the units below it are added
 *   only for the kinds and years it has none of.  The same holds at every
 *   level, so a figure is never counted twice, and a hospital whose
 *   figures sit on its verksamhetsområden gets their exact sum.  A subtotal
 *   row (SUMMA INTÄKTER, RESULTAT) is each counted unit's exact subtotal
 *   (computed from its rows when imported), so the rolled-up subtotal is
 *   the exact subtotal of the rolled-up rows; it is rounded once when
 *   shown, never summed from rounded figures.
 * - styr_value_rollup: a unit's indicator value, its own when one is
 *   stored (the figure measured for the whole unit), else computed from
 *   the units below: counts summed, ratios from Σ täljare / Σ nämnare (never
 *   an average of percentages), anything else not at all — the values are
 *   then shown per unit, and the answer says why.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "styr/buf.h"
#include "styr/ledger.h"
#include "styr/rollup.h"

#define YEARS_MAX 16 /* years one walk may cover: 4 kinds × 16 bits of a mask */
#define DEPTH_MAX 32

/* ---- the tree ---- */

struct tree {
	struct styr_org_unit *u;
	size_t n, cap;
	struct styr_err *err;
	/* u's indices by parent, siblings in tree order (styr_org_tree_load):
	 * a roll-up of 10 000 units finds a unit's children without a scan
	 * of the whole tree per unit */
	struct kid *kids;
};

struct kid {
	const char *parent; /* into u, which no longer grows */
	size_t i;
};

struct styr_org_tree {
	struct tree t;
};

static int tree_add(void *ctx, const struct styr_org_unit *u)
{
	struct tree *t = ctx;

	if (styr_array_grow((void **)&t->u, &t->cap, t->n, sizeof(*t->u), t->err))
		return STYR_ENOMEM;
	t->u[t->n++] = *u;
	return 0;
}

static int tree_load(struct styr_db *db, struct tree *t, struct styr_err *err)
{
	memset(t, 0, sizeof(*t));
	t->err = err;
	return styr_org_each(db, tree_add, t, err);
}

static int kid_cmp(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;
	int c = strcmp(x->parent, y->parent);

	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

int styr_org_tree_load(struct styr_db *db, struct styr_org_tree **out, struct styr_err *err)
{
	struct styr_org_tree *t = calloc(1, sizeof(*t));
	size_t i;
	int rc;

	*out = NULL;
	if (!t)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	if ((rc = tree_load(db, &t->t, err)) == STYR_OK &&
	    !(t->t.kids = malloc((t->t.n ? t->t.n : 1) * sizeof(*t->t.kids))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	if (rc) {
		styr_org_tree_free(t);
		return rc;
	}
	for (i = 0; i < t->t.n; i++) {
		t->t.kids[i].parent = t->t.u[i].parent;
		t->t.kids[i].i = i;
	}
	qsort(t->t.kids, t->t.n, sizeof(*t->t.kids), kid_cmp);
	*out = t;
	return STYR_OK;
}

void styr_org_tree_free(struct styr_org_tree *t)
{
	if (!t)
		return;
	free(t->t.u);
	free(t->t.kids);
	free(t);
}

/* The children of parent: kids[*first .. *first + return). */
static size_t tree_kids(const struct tree *t, const char *parent, size_t *first)
{
	size_t lo = 0, hi = t->n, n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(t->kids[mid].parent, parent) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (n = 0; lo + n < t->n && !strcmp(t->kids[lo + n].parent, parent); n++)
		;
	return n;
}

bool styr_org_valid_in(const struct styr_org_unit *u, int year)
{
	char first[16], last[16];

	snprintf(first, sizeof(first), "%04d-01-01", year);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	return (!u->valid_from[0] || strcmp(u->valid_from, last) <= 0) &&
	       (!u->valid_to[0] || strcmp(u->valid_to, first) >= 0);
}

struct below {
	const char *parent;
	int year;
	struct styr_org_unit *u;
	size_t n, cap;
	struct styr_err *err;
};

static int add_below(void *ctx, const struct styr_org_unit *u)
{
	struct below *b = ctx;

	if (strcmp(u->parent, b->parent) || !strcmp(u->code, b->parent) ||
	    !styr_org_valid_in(u, b->year))
		return 0;
	if (styr_array_grow((void **)&b->u, &b->cap, b->n, sizeof(*b->u), b->err))
		return STYR_ENOMEM;
	b->u[b->n++] = *u;
	return 0;
}

int styr_org_below_in(struct styr_db *db, const char *parent, int year,
                      struct styr_org_unit **units, size_t *n, struct styr_err *err)
{
	struct below b = {parent, year, NULL, 0, 0, err};
	int rc = styr_org_each(db, add_below, &b, err);

	if (rc) {
		free(b.u);
		b.u = NULL;
		b.n = 0;
	}
	*units = b.u;
	*n = b.n;
	return rc;
}

/* ---- the ledger ---- */

static int kind_index(const char *kind)
{
	static const char *const kinds[] = {"utfall", "budget", "prognos", "avvikelse"};
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(kind, kinds[i]))
			return i;
	return -1;
}

struct lwalk {
	struct styr_db *db;
	const struct tree *tree;
	const char *tab;
	int first, last; /* years */
	bool year_sums;
	int (*cb)(void *, const struct styr_ledger_entry *);
	void *ctx;
	struct styr_ledger_entry *buf; /* one unit's entries */
	size_t n, cap;
	struct styr_ledger_rollup *info;
	struct styr_err *err;
};

static uint64_t entry_bit(const struct lwalk *w, const struct styr_ledger_entry *e)
{
	int k = kind_index(e->kind);

	if (k < 0 || e->year < w->first || e->year > w->last)
		return 0;
	return UINT64_C(1) << (k * YEARS_MAX + (e->year - w->first));
}

static int buffer_entry(void *ctx, const struct styr_ledger_entry *e)
{
	struct lwalk *w = ctx;

	if (w->tab && strcmp(e->tab, w->tab))
		return 0;
	if (styr_array_grow((void **)&w->buf, &w->cap, w->n, sizeof(*w->buf), w->err))
		return STYR_ENOMEM;
	w->buf[w->n++] = *e;
	return 0;
}

/* The years of [first, last] in which u existed, as a mask over kinds. */
static uint64_t valid_mask(const struct lwalk *w, const struct styr_org_unit *u)
{
	uint64_t m = 0;
	int y, k;

	for (y = w->first; y <= w->last; y++)
		if (styr_org_valid_in(u, y))
			for (k = 0; k < 4; k++)
				m |= UINT64_C(1) << (k * YEARS_MAX + (y - w->first));
	return m;
}

/* Give what u holds of need (kinds × years not covered above it), then
 * the rest of need from the units below it. */
static int ledger_visit(struct lwalk *w, const struct styr_org_unit *u, uint64_t need, int depth)
{
	/* only the years asked about: a table reads two of a ledger's many */
	struct styr_ledger_filter f = {u->code, w->tab, w->first, w->last};
	uint64_t own = 0;
	size_t i;
	bool gave = false;
	int rc;

	if (!need || depth > DEPTH_MAX)
		return STYR_OK;
	w->n = 0;
	if ((rc = (w->year_sums ? styr_ledger_year_each : styr_ledger_each)(w->db, &f, buffer_entry,
	                                                                    w, w->err)))
		return rc;
	for (i = 0; i < w->n; i++)
		own |= entry_bit(w, &w->buf[i]);
	own &= need;
	for (i = 0; i < w->n && !rc; i++)
		if (entry_bit(w, &w->buf[i]) & own) {
			rc = w->cb(w->ctx, &w->buf[i]);
			gave |= w->buf[i].year == w->last;
		}
	if (rc)
		return rc;
	if (gave) {
		w->info->units++;
		if (depth > 0)
			w->info->below++;
	}
	need &= ~own;
	if (w->tree->kids) {
		size_t first, n = tree_kids(w->tree, u->code, &first);

		for (i = first; i < first + n && need && !rc; i++) {
			const struct styr_org_unit *c = &w->tree->u[w->tree->kids[i].i];

			if (strcmp(c->code, u->code))
				rc = ledger_visit(w, c, need & valid_mask(w, c), depth + 1);
		}
		return rc;
	}
	for (i = 0; i < w->tree->n && need && !rc; i++) {
		const struct styr_org_unit *c = &w->tree->u[i];

		if (!strcmp(c->parent, u->code) && strcmp(c->code, u->code))
			rc = ledger_visit(w, c, need & valid_mask(w, c), depth + 1);
	}
	return rc;
}

int styr_ledger_rollup_each(struct styr_db *db, const char *unit, const char *tab, int first,
                            int last, int (*cb)(void *ctx, const struct styr_ledger_entry *e),
                            void *ctx, struct styr_ledger_rollup *info, struct styr_err *err)
{
	return styr_ledger_rollup_each_tree(db, NULL, false, unit, tab, first, last, cb, ctx, info,
	                                    err);
}

int styr_ledger_rollup_each_tree(struct styr_db *db, const struct styr_org_tree *loaded,
                                 bool year_sums, const char *unit, const char *tab, int first,
                                 int last, int (*cb)(void *ctx, const struct styr_ledger_entry *e),
                                 void *ctx, struct styr_ledger_rollup *info, struct styr_err *err)
{
	struct styr_ledger_rollup local;
	struct styr_org_unit top;
	struct tree tree;
	struct lwalk w;
	int rc;

	if (!info)
		info = &local;
	memset(info, 0, sizeof(*info));
	if (last < first || last - first >= YEARS_MAX)
		return styr_error(err, STYR_EINPUT, "ledger roll-up: years %d–%d: at most %d years",
		                  first, last, YEARS_MAX);
	if ((rc = styr_org_find(db, unit, &top, err)))
		return rc;
	if (loaded)
		tree = loaded->t;
	else if ((rc = tree_load(db, &tree, err))) {
		free(tree.u);
		return rc;
	}
	memset(&w, 0, sizeof(w));
	w.db = db;
	w.tree = &tree;
	w.tab = tab;
	w.first = first;
	w.last = last;
	w.year_sums = year_sums;
	w.cb = cb;
	w.ctx = ctx;
	w.info = info;
	w.err = err;
	/* The unit asked about counts in every year asked about. */
	rc = ledger_visit(&w, &top, ~UINT64_C(0), 0);
	free(w.buf);
	if (!loaded)
		free(tree.u);
	return rc;
}

/* ---- indicator values ---- */

enum vkind { V_SUM, V_RATIO, V_NONE };

/* The scale of a ratio: 100 for "%", N for "per N …", else 1. */
static double ratio_scale(const struct styr_indicator *ind, const struct styr_value *v)
{
	double n;

	if (!strcmp(ind->unit, "%") || v->num.percent)
		return 100;
	if (!strncasecmp(ind->unit, "per ", 4) && (n = strtod(ind->unit + 4, NULL)) > 0)
		return n;
	return 1;
}

static bool is_count(const struct styr_indicator *ind)
{
	return !strcasecmp(ind->unit, "antal") || !strcasecmp(ind->unit, "st") ||
	       (ind->category == STYR_IND_PRODUKTION && strcmp(ind->unit, "%") &&
	        strncasecmp(ind->unit, "per ", 4));
}

struct vwalk {
	struct styr_db *db;
	const struct tree *tree;
	const struct styr_indicator *ind;
	const struct styr_period *period;
	struct styr_err *err;
};

static int value_visit(struct vwalk *w, const struct styr_org_unit *u,
                       struct styr_value_rollup *out, int depth)
{
	struct styr_value_rollup *c = NULL;
	struct styr_err local;
	double sum = 0, num = 0, den = 0, scale = 1;
	size_t i, with = 0;
	int decimals = 0, rc;
	bool ratio = true, percent = false;
	const char *lacking = NULL;

	memset(out, 0, sizeof(*out));
	styr_err_init(&local);
	rc = styr_value_find(w->db, w->ind->code, u->code, w->period, &out->value, &local);
	if (rc == STYR_OK) {
		out->how = STYR_ROLLUP_OWN;
		out->has = true;
		out->units = 1;
		return STYR_OK;
	}
	if (rc != STYR_ENOTFOUND)
		return styr_error(w->err, local.code, "%s", local.msg);
	rc = STYR_OK;
	if (depth > DEPTH_MAX || !(c = malloc(sizeof(*c))))
		return depth > DEPTH_MAX ? STYR_OK
		                         : styr_error(w->err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < w->tree->n && !rc; i++) {
		const struct styr_org_unit *k = &w->tree->u[i];

		if (strcmp(k->parent, u->code) || !strcmp(k->code, u->code) ||
		    !styr_org_valid_in(k, w->period->year))
			continue;
		if ((rc = value_visit(w, k, c, depth + 1)) || c->how == STYR_ROLLUP_NONE)
			continue;
		if (out->nparts < STYR_ROLLUP_PARTS_MAX) {
			out->parts[out->nparts] = c->value;
			/* a part's own code, even when it is a roll-up */
			snprintf(out->parts[out->nparts].unit, sizeof(out->parts[0].unit), "%s",
			         k->code);
			out->nparts++;
		}
		if (c->how == STYR_ROLLUP_PER_UNIT) {
			/* what cannot be rolled up below cannot be here */
			if (out->how != STYR_ROLLUP_PER_UNIT)
				snprintf(out->why, sizeof(out->why), "%s", c->why);
			out->how = STYR_ROLLUP_PER_UNIT;
			continue;
		}
		if (c->value.num.kind != STYR_NUM_VALUE) {
			out->missing++;
			continue;
		}
		with++;
		out->units += c->units;
		out->missing += c->missing;
		sum += c->value.num.value;
		if (c->value.num.decimals > decimals)
			decimals = c->value.num.decimals;
		percent |= c->value.num.percent;
		if (!c->value.has_numerator || !c->value.has_denominator) {
			ratio = false;
			if (!lacking)
				lacking = k->code;
		} else {
			num += c->value.numerator;
			den += c->value.denominator;
			scale = ratio_scale(w->ind, &c->value);
			/* täljare and nämnare must give the value shown */
			if (c->value.denominator > 0 &&
			    fabs(c->value.numerator / c->value.denominator * scale -
			         c->value.num.value) > 0.5 * pow(10, -c->value.num.decimals) +
			                                   fabs(c->value.num.value) * 0.001) {
				ratio = false;
				lacking = k->code;
			}
		}
	}
	free(c);
	if (rc || out->how == STYR_ROLLUP_PER_UNIT || (!with && !out->missing))
		goto done;
	out->value.num.kind = STYR_NUM_MISSING;
	snprintf(out->value.indicator, sizeof(out->value.indicator), "%s", w->ind->code);
	snprintf(out->value.unit, sizeof(out->value.unit), "%s", u->code);
	out->value.period = *w->period;
	out->value.has_comment = true;
	if (!with) {
		/* every unit below withheld or lacks it: so does the sum */
		out->how = is_count(w->ind) ? STYR_ROLLUP_SUM : STYR_ROLLUP_RATIO;
		snprintf(out->value.missing_reason, sizeof(out->value.missing_reason),
		         "saknas för alla %zu enheter", out->missing);
	} else if (is_count(w->ind)) {
		out->how = STYR_ROLLUP_SUM;
		out->has = true;
		out->value.num.kind = STYR_NUM_VALUE;
		out->value.num.value = sum;
		out->value.num.decimals = decimals;
	} else if (ratio && den > 0) {
		out->how = STYR_ROLLUP_RATIO;
		out->has = true;
		out->value.num.kind = STYR_NUM_VALUE;
		out->value.num.value = num / den * scale;
		out->value.num.decimals = decimals ? decimals : 1;
		out->value.num.percent = percent;
		out->value.has_numerator = out->value.has_denominator = true;
		out->value.numerator = num;
		out->value.denominator = den;
	} else {
		out->how = STYR_ROLLUP_PER_UNIT;
		if (lacking)
			snprintf(out->why, sizeof(out->why),
			         "värdet för %s saknar täljare och nämnare som ger värdet",
			         lacking);
		else
			snprintf(out->why, sizeof(out->why), "nämnarna summerar till 0");
	}
done:
	if (out->how == STYR_ROLLUP_PER_UNIT) {
		out->has = false;
		memset(&out->value, 0, sizeof(out->value));
		snprintf(out->value.indicator, sizeof(out->value.indicator), "%s", w->ind->code);
		snprintf(out->value.unit, sizeof(out->value.unit), "%s", u->code);
		out->value.period = *w->period;
		out->value.num.kind = STYR_NUM_MISSING;
		snprintf(out->value.missing_reason, sizeof(out->value.missing_reason),
		         "kan inte summeras");
		out->value.has_comment = true;
		snprintf(out->how_text, sizeof(out->how_text),
		         "kan inte summeras: visas per enhet");
	} else if (out->how == STYR_ROLLUP_SUM && out->has) {
		snprintf(out->how_text, sizeof(out->how_text), "summa av %zu %s", out->units,
		         out->units == 1 ? "enhet" : "enheter");
	} else if (out->how == STYR_ROLLUP_RATIO && out->has) {
		snprintf(out->how_text, sizeof(out->how_text),
		         "beräknad ur täljare och nämnare för %zu %s", out->units,
		         out->units == 1 ? "enhet" : "enheter");
	}
	if (out->how_text[0] && out->missing)
		snprintf(out->how_text + strlen(out->how_text),
		         sizeof(out->how_text) - strlen(out->how_text), " (%zu saknar värde)",
		         out->missing);
	return rc;
}

int styr_value_rollup(struct styr_db *db, const struct styr_indicator *ind, const char *unit,
                      const struct styr_period *period, struct styr_value_rollup *out,
                      struct styr_err *err)
{
	struct styr_org_unit top;
	struct tree tree;
	struct vwalk w = {db, &tree, ind, period, err};
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = styr_org_find(db, unit, &top, err)))
		return rc;
	if ((rc = tree_load(db, &tree, err))) {
		free(tree.u);
		return rc;
	}
	rc = value_visit(&w, &top, out, 0);
	free(tree.u);
	return rc;
}

struct latest {
	int *year;
	const char *tab;
};

static int latest_visit(struct styr_db *db, const struct tree *t, const char *unit,
                        struct latest *l, int depth, struct styr_err *err)
{
	size_t i;
	int own, rc = styr_ledger_latest_year(db, unit, l->tab, &own, err);

	if (!rc && own > *l->year)
		*l->year = own;

	for (i = 0; i < t->n && !rc && depth < DEPTH_MAX; i++)
		if (!strcmp(t->u[i].parent, unit) && strcmp(t->u[i].code, unit))
			rc = latest_visit(db, t, t->u[i].code, l, depth + 1, err);
	return rc;
}

int styr_ledger_rollup_latest_year(struct styr_db *db, const char *unit, const char *tab, int *year,
                                   struct styr_err *err)
{
	struct latest l = {year, tab ? tab : ""};
	struct tree tree;
	int rc;

	*year = 0;
	if ((rc = tree_load(db, &tree, err)) == STYR_OK)
		rc = latest_visit(db, &tree, unit, &l, 0, err);
	free(tree.u);
	return rc;
}

/* ---- every value of a unit, rolled up ---- */

struct pair {
	char indicator[STYR_CODE_MAX];
	struct styr_period period;
};

struct pairs {
	const struct tree *tree;
	const char *unit;
	struct pair *p;
	size_t n, cap;
	struct styr_err *err;
};

/* Is code unit or below it? */
static bool in_subtree(const struct tree *t, const char *unit, const char *code)
{
	int depth;
	size_t i;

	for (depth = 0; depth <= DEPTH_MAX; depth++) {
		if (!strcmp(code, unit))
			return true;
		for (i = 0; i < t->n && strcmp(t->u[i].code, code); i++)
			;
		if (i == t->n || !t->u[i].parent[0])
			return false;
		code = t->u[i].parent;
	}
	return false;
}

static int add_pair(void *ctx, const struct styr_value *v)
{
	struct pairs *ps = ctx;
	size_t i;

	if (!in_subtree(ps->tree, ps->unit, v->unit))
		return 0;
	for (i = ps->n; i > 0; i--)
		if (!strcmp(ps->p[i - 1].indicator, v->indicator) &&
		    !styr_period_cmp(&ps->p[i - 1].period, &v->period))
			return 0;
	if (styr_array_grow((void **)&ps->p, &ps->cap, ps->n, sizeof(*ps->p), ps->err))
		return STYR_ENOMEM;
	snprintf(ps->p[ps->n].indicator, sizeof(ps->p[0].indicator), "%s", v->indicator);
	ps->p[ps->n++].period = v->period;
	return 0;
}

/* The order of a unit's own values: indicator, then period. */
static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->indicator, y->indicator);

	return c ? c : styr_period_cmp(&x->period, &y->period);
}

int styr_value_rollup_each(struct styr_db *db, const char *unit, int year,
                           int (*cb)(void *ctx, const struct styr_indicator *ind,
                                     const struct styr_value_rollup *r),
                           void *ctx, struct styr_err *err)
{
	struct styr_value_filter f = {NULL, NULL, year};
	struct styr_org_unit top;
	struct styr_indicator ind;
	struct styr_value_rollup *r = NULL;
	struct tree tree;
	struct pairs ps;
	size_t i;
	int rc;

	memset(&ps, 0, sizeof(ps));
	memset(&ind, 0, sizeof(ind));
	if ((rc = styr_org_find(db, unit, &top, err)))
		return rc;
	if ((rc = tree_load(db, &tree, err)) == STYR_OK) {
		ps.tree = &tree;
		ps.unit = top.code;
		ps.err = err;
		rc = styr_value_each(db, &f, add_pair, &ps, err);
	}
	if (!rc && !(r = malloc(sizeof(*r))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	if (!rc)
		qsort(ps.p, ps.n, sizeof(*ps.p), pair_cmp);
	for (i = 0; i < ps.n && !rc; i++) {
		struct vwalk w = {db, &tree, &ind, &ps.p[i].period, err};

		if (strcmp(ind.code, ps.p[i].indicator) &&
		    (rc = styr_indicator_find(db, ps.p[i].indicator, &ind, err)))
			break;
		if (!(rc = value_visit(&w, &top, r, 0)) && r->how != STYR_ROLLUP_NONE)
			rc = cb(ctx, &ind, r);
	}
	free(r);
	free(ps.p);
	free(tree.u);
	return rc;
}
