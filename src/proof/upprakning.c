/*
 * The uppräkning of a regionbidrag: the region raises each board's
 * regionbidrag by a general percent (seed 003: 2,9 procent for hälso- och
 * sjukvård, 2,3 for the other boards) of last year's regionbidrag with
 * the year's tekniska justeringar.  A table like Bilaga 4B prints the
 * three rows: "Regionbidrag 2023", the justeringar's "Summa" and
 * "Uppräkning 2024", one column per board.  Each uppräkning must follow
 * from one of the percents the text gives, at the printed precision of
 * the amounts and of the percent (2,9 stands for 2,85–2,95).
 *
 * A board with an uppräkning of 0,0 is not judged: the text does not say
 * whether the board is raised at all (oklart).  A negative base (the
 * FINANS column, the counterpart of every row) is passed over.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "proof_int.h"

static bool label_starts(const struct proof_ctx *c, const struct prow *r, const char *word)
{
	const char *l = c->doc->lines[r->line - 1];

	while (*l == ' ')
		l++;
	return !strncasecmp(l, word, strlen(word));
}

/* Judge the uppräkning u on base b against every percent: the best. */
static enum proof_verdict judge_one(const struct proof_pcts *p, const struct ptok *u, double b,
                                    double bhalf, size_t *which)
{
	enum proof_verdict best = PROOF_WRONG, v;
	double nearest = 1e300;
	size_t i;

	*which = 0;
	for (i = 0; i < p->n; i++) {
		double h = 0.5 * pow(10, -p->dec[i]), exact = b * p->v[i] / 100;
		struct pint range = {(b - bhalf) * (p->v[i] - h) / 100,
		                     (b + bhalf) * (p->v[i] + h) / 100};

		v = proof_judge(u, exact, range);
		if (v < best || (v == best && fabs(exact - u->v) < nearest)) {
			best = v;
			nearest = fabs(exact - u->v);
			*which = i;
		}
	}
	return best;
}

/* Cells after a year that belongs to the label ("Uppräkning 2024 8,1"). */
static int first_value(const struct prow *r)
{
	int k = 0;

	while (k < r->ncell && r->cell[k].year)
		k++;
	return k;
}

static int values(const struct prow *r)
{
	return r->ncell - first_value(r);
}

static int check_row(struct proof_ctx *c, const struct proof_pcts *p, const struct prow *u,
                     const struct prow *r, const struct prow *s)
{
	int m, n = values(u);

	for (m = 0; m < n; m++) {
		const struct ptok *t = &u->cell[first_value(u) + m];
		const struct ptok *rb = &r->cell[first_value(r) + m];
		const struct ptok *sb = s ? &s->cell[first_value(s) + m] : NULL;
		char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT], a[32],
		    b[32], e[32];
		double base, half;
		enum proof_verdict v;
		size_t which;

		if (t->missing || rb->missing || rb->v <= 0 || t->pct)
			continue;
		base = rb->v;
		half = 0.5 * pow(10, -rb->dec);
		if (sb && !sb->missing) {
			base += sb->v;
			half += 0.5 * pow(10, -sb->dec);
		}
		proof_fmt(a, sizeof(a), t->v, t->dec, false);
		proof_fmt(b, sizeof(b), base, rb->dec, false);
		snprintf(says, sizeof(says), "Uppräkning, kolumn %d: %s", m + 1, a);
		if (!t->v) {
			snprintf(other, sizeof(other), "underlaget %s", b);
			if (proof_add(c, u->line, r->line, STYR_PROOF_OKLART, "uppräkning", says,
			              other, ""))
				return c->err->code;
			continue;
		}
		v = judge_one(p, t, base, half, &which);
		if (v == PROOF_OK)
			continue;
		proof_fmt(e, sizeof(e), p->v[which], p->dec[which], true);
		snprintf(other, sizeof(other), "(regionbidrag + summa) %s × %s (rad %d)", b, e,
		         p->line[which]);
		proof_fmt(e, sizeof(e), base * p->v[which] / 100, t->dec, false);
		snprintf(should, sizeof(should), "%s", e);
		if (proof_add(c, u->line, r->line,
		              v == PROOF_ROUNDING ? STYR_PROOF_AVRUNDNING : STYR_PROOF_FEL,
		              "uppräkning", says, other, should))
			return c->err->code;
	}
	return STYR_OK;
}

int proof_upprakning_check(struct proof_ctx *c)
{
	struct proof_pcts p = {0};
	size_t i, j;
	int rc;

	for (i = 0; i < c->nrows; i++)
		if (label_starts(c, &c->rows[i], "uppräkning"))
			break;
	if (i == c->nrows)
		return STYR_OK;
	rc = proof_sentences_each(c->doc, proof_collect_upprakning, &p, c->err);
	if (rc || !p.n)
		return rc;
	for (i = 0; i < c->nrows; i++) {
		const struct prow *u = &c->rows[i], *r = NULL, *s = NULL;

		if (!label_starts(c, u, "uppräkning"))
			continue;
		for (j = i; j-- > 0 && u->line - c->rows[j].line < 80;) {
			const struct prow *w = &c->rows[j];

			if (values(w) != values(u))
				continue;
			if (!s && label_starts(c, w, "summa"))
				s = w;
			if (label_starts(c, w, "regionbidrag")) {
				r = w;
				break;
			}
		}
		if (r && (rc = check_row(c, &p, u, r, s)))
			return rc;
	}
	return STYR_OK;
}
