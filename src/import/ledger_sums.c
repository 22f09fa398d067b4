/*
 * The subtotals of a CSV ledger, computed like the SIE importer's (see
 * ledger_sums.h).  Each unit and year the import touched is read back
 * once, after all its files, and every subtotal of a month and kind the
 * import wrote is the exact sum of its rows in öre, bottom-up through the
 * plan (RESULTAT after the sums it adds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/ledger_sums.h"
#include "styr/buf.h"

#define KINDS 3 /* utfall, budget, prognos */
#define BITS  (13 * KINDS)

static const char *const kinds[KINDS] = {"utfall", "budget", "prognos"};

struct ledger_sums_group {
	char unit[STYR_CODE_MAX];
	int year;
	uint64_t touched; /* bit month × KINDS + kind */
	uint64_t *given;  /* per plan row: the bits the import gave itself */
};

static int kind_index(const char *kind)
{
	int k;

	for (k = 0; k < KINDS; k++)
		if (!strcmp(kind, kinds[k]))
			return k;
	return -1;
}

static int add_plan_row(void *ctx, const struct styr_ledger_row *r)
{
	struct ledger_sums *s = ctx;

	if (styr_array_grow((void **)&s->plan, &s->capplan, s->nplan, sizeof(*s->plan), NULL))
		return STYR_ENOMEM;
	s->plan[s->nplan++] = *r;
	return 0;
}

static size_t plan_index(const struct ledger_sums *s, const char *code)
{
	size_t i;

	for (i = 0; i < s->nplan; i++)
		if (!strcmp(s->plan[i].code, code))
			return i;
	return (size_t)-1;
}

int ledger_sums_note(struct styr_db *db, struct ledger_sums *s, const struct styr_ledger_entry *e,
                     struct styr_err *err)
{
	struct ledger_sums_group *g = NULL;
	struct styr_ledger_row row;
	size_t i;
	int k = kind_index(e->kind), rc;

	if (e->tab[0] || k < 0 || e->month < 0 || e->month > 12)
		return STYR_OK;
	if (!s->plan_loaded) {
		if ((rc = styr_ledger_row_each(db, add_plan_row, s, err)))
			return rc == STYR_ENOMEM ? styr_error(err, rc, "out of memory") : rc;
		s->plan_loaded = true;
	}
	if (s->last < s->n && s->g[s->last].year == e->year && !strcmp(s->g[s->last].unit, e->unit))
		g = &s->g[s->last];
	for (i = 0; !g && i < s->n; i++)
		if (s->g[i].year == e->year && !strcmp(s->g[i].unit, e->unit)) {
			g = &s->g[i];
			s->last = i;
		}
	if (!g) {
		if (styr_array_grow((void **)&s->g, &s->cap, s->n, sizeof(*s->g), err))
			return STYR_ENOMEM;
		g = &s->g[s->n];
		memset(g, 0, sizeof(*g));
		snprintf(g->unit, sizeof(g->unit), "%s", e->unit);
		g->year = e->year;
		if (!(g->given = calloc(s->nplan ? s->nplan : 1, sizeof(*g->given))))
			return styr_error(err, STYR_ENOMEM, "out of memory");
		s->last = s->n++;
	}
	g->touched |= UINT64_C(1) << (e->month * KINDS + k);
	/* a row named by its label: its code */
	i = plan_index(s, e->row);
	if (i == (size_t)-1) {
		if ((rc = styr_ledger_row_find(db, e->row, &row, err)))
			return rc;
		i = plan_index(s, row.code);
	}
	if (i != (size_t)-1)
		g->given[i] |= UINT64_C(1) << (e->month * KINDS + k);
	return STYR_OK;
}

/* What is stored for one group, and the plan as a tree. */
struct stored {
	const struct ledger_sums *s;
	int64_t *amount; /* [plan row × BITS + bit] */
	uint64_t *has, *mine;
	size_t *kids, *first; /* row i's rows: kids[first[i] .. first[i + 1]) */
};

static int take(void *ctx, const struct styr_ledger_entry *e)
{
	struct stored *st = ctx;
	size_t i;
	int k = kind_index(e->kind), bit;

	if (e->tab[0] || k < 0 || e->month < 0 || e->month > 12)
		return 0;
	if ((i = plan_index(st->s, e->row)) == (size_t)-1)
		return 0;
	bit = e->month * KINDS + k;
	st->amount[i * BITS + (size_t)bit] = e->amount_ore;
	st->has[i] |= UINT64_C(1) << bit;
	if (!strcmp(e->source, LEDGER_SUMS_SOURCE))
		st->mine[i] |= UINT64_C(1) << bit;
	return 0;
}

/* Compute row i (after the sums among its rows), depth-first; a plan is
 * a tree (its parents are rows), depth bounds a damaged one. */
static int compute(struct styr_db *db, const struct ledger_sums_group *g, struct stored *st,
                   size_t i, unsigned char *done, int depth, size_t *written, struct styr_err *err)
{
	const struct ledger_sums *s = st->s;
	uint64_t todo;
	size_t k;
	int rc = STYR_OK;

	if (done[i] || depth > 32)
		return STYR_OK;
	done[i] = 1;
	if (st->first[i] == st->first[i + 1])
		return STYR_OK; /* a row, no sum */
	for (k = st->first[i]; k < st->first[i + 1] && !rc; k++)
		rc = compute(db, g, st, st->kids[k], done, depth + 1, written, err);
	/* the months and kinds written, less those given or stored from
	 * elsewhere */
	todo = g->touched & ~g->given[i] & ~(st->has[i] & ~st->mine[i]);
	while (todo && !rc) {
		int bit = __builtin_ctzll(todo);
		uint64_t b = UINT64_C(1) << bit;
		struct styr_ledger_entry e;
		int64_t sum = 0;
		bool any = false;

		todo &= ~b;
		for (k = st->first[i]; k < st->first[i + 1]; k++)
			if (st->has[st->kids[k]] & b) {
				sum += st->amount[st->kids[k] * BITS + (size_t)bit];
				any = true;
			}
		/* nothing to write: no rows, or the stored sum is right */
		if (!any || (st->has[i] & b && st->amount[i * BITS + (size_t)bit] == sum))
			continue;
		memset(&e, 0, sizeof(e));
		snprintf(e.unit, sizeof(e.unit), "%s", g->unit);
		e.year = g->year;
		e.month = bit / KINDS;
		snprintf(e.row, sizeof(e.row), "%s", s->plan[i].code);
		snprintf(e.kind, sizeof(e.kind), "%s", kinds[bit % KINDS]);
		e.amount_ore = sum;
		snprintf(e.source, sizeof(e.source), "%s", LEDGER_SUMS_SOURCE);
		if ((rc = styr_ledger_put(db, &e, err)))
			break;
		st->amount[i * BITS + (size_t)bit] = sum;
		st->has[i] |= b;
		(*written)++;
	}
	return rc;
}

/* The plan's rows under each row, once for the whole import. */
static int tree(const struct ledger_sums *s, struct stored *st, struct styr_err *err)
{
	size_t i, c, n = 0;

	st->kids = calloc(s->nplan ? s->nplan : 1, sizeof(*st->kids));
	st->first = calloc(s->nplan + 1, sizeof(*st->first));
	if (!st->kids || !st->first)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < s->nplan; i++) {
		st->first[i] = n;
		for (c = 0; c < s->nplan; c++)
			if (c != i && !strcmp(s->plan[c].parent, s->plan[i].code))
				st->kids[n++] = c;
	}
	st->first[s->nplan] = n;
	return STYR_OK;
}

int ledger_sums_write(struct styr_db *db, struct ledger_sums *s, size_t *written,
                      struct styr_err *err)
{
	struct stored st;
	unsigned char *done;
	size_t gi, i;
	int rc = STYR_OK;

	*written = 0;
	if (!s->n || !s->nplan)
		return STYR_OK;
	memset(&st, 0, sizeof(st));
	st.s = s;
	st.amount = calloc(s->nplan * BITS, sizeof(*st.amount));
	st.has = calloc(s->nplan, sizeof(*st.has));
	st.mine = calloc(s->nplan, sizeof(*st.mine));
	done = calloc(s->nplan, 1);
	if (!st.amount || !st.has || !st.mine || !done)
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	if (!rc)
		rc = tree(s, &st, err);
	for (gi = 0; !rc && gi < s->n; gi++) {
		const struct ledger_sums_group *g = &s->g[gi];
		struct styr_ledger_filter f = {g->unit, "", g->year, 0};

		memset(st.has, 0, s->nplan * sizeof(*st.has));
		memset(st.mine, 0, s->nplan * sizeof(*st.mine));
		memset(done, 0, s->nplan);
		if ((rc = styr_ledger_each(db, &f, take, &st, err)))
			break;
		for (i = 0; !rc && i < s->nplan; i++)
			rc = compute(db, g, &st, i, done, 0, written, err);
	}
	free(st.amount);
	free(st.has);
	free(st.mine);
	free(st.kids);
	free(st.first);
	free(done);
	return rc;
}

void ledger_sums_release(struct ledger_sums *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->g[i].given);
	free(s->g);
	free(s->plan);
	memset(s, 0, sizeof(*s));
}
