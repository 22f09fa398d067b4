/*
 * A unit's plan against the region's plan and budget.  A hospital's
 * verksamhetsplan quotes the region's decisions: its regionbidrag, how
 * much it grew, the percent of the general uppräkning.  The region's
 * document is the source, so where the two differ the unit's plan is the
 * side that is wrong.
 *
 * Two claims are compared:
 *   uppräkning  the percent that follows the word "uppräkning" (without a
 *               list between them) must be one the region's document
 *               gives for an uppräkning;
 *   regionbidrag "regionbidraget ... uppgår till A mkr" and "ökat med D
 *               mkr": the region's table row that holds A must give D as
 *               the step from the column before.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof_int.h"

/* The percent of the uppräkning a sentence speaks of, if it names one. */
static const struct ptok *upprakning_pct(const struct psent *s, const struct ptok *t, size_t n,
                                         bool strict)
{
	const char *u = proof_find(s->text, "uppräkning");
	size_t i;

	if (!u)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s->text + t[i].off < u || t[i].year)
			continue;
		if (!t[i].pct) {
			/* "med 76 Mkr (2,9 %)": the amount, then its percent */
			if (i + 1 < n && t[i + 1].pct && t[i + 1].off - t[i].end < 12)
				continue;
			return NULL;
		}
		if (strict && memchr(u, ',', (size_t)(s->text + t[i].off - u)))
			return NULL;
		if (s->text + t[i].off - u > 200)
			return NULL;
		return &t[i];
	}
	return NULL;
}

int proof_collect_upprakning(void *arg, const struct psent *s)
{
	struct proof_pcts *seen = arg;
	struct ptok t[PROOF_MAX_TOK];
	size_t n = proof_tokens(s->text, t, PROOF_MAX_TOK);
	const struct ptok *p = upprakning_pct(s, t, n, false);

	if (p && seen->n < PROOF_MAX_PCT && !proof_find(s->text, "internränt")) {
		seen->v[seen->n] = p->v;
		seen->dec[seen->n] = p->dec;
		seen->line[seen->n] = s->line[p->off];
		seen->general[seen->n] =
		    proof_find(s->text, "generell uppräkning") && proof_find(s->text, "sjukvård");
		seen->n++;
	}
	return STYR_OK;
}

struct unit_ctx {
	struct proof_ctx *c;
	struct proof_pcts *region;
};

static const struct prow *against_row_with(struct prow *rows, size_t nrows, const struct ptok *a,
                                           int *k)
{
	size_t r;
	int i;

	for (r = 0; r < nrows; r++)
		for (i = 1; i < rows[r].ncell; i++)
			if (!rows[r].cell[i].missing && rows[r].cell[i].dec == a->dec &&
			    fabs(rows[r].cell[i].v - a->v) < 1e-9 && !rows[r].cell[i - 1].missing) {
				*k = i;
				return &rows[r];
			}
	return NULL;
}

struct bidrag_ctx {
	struct proof_ctx *c;
	struct prow *rows;
	size_t nrows;
	double step; /* the region's row: this year − last year */
	int row_line;
	bool have;
};

static int check_unit(void *arg, const struct psent *s)
{
	struct unit_ctx *u = arg;
	struct proof_ctx *c = u->c;
	struct ptok t[PROOF_MAX_TOK];
	size_t n = proof_tokens(s->text, t, PROOF_MAX_TOK), i;
	const struct ptok *p = upprakning_pct(s, t, n, true);
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT], a[48];
	size_t best = 0;

	if (!p || !u->region->n || proof_find(s->text, "internränt"))
		return STYR_OK;
	for (i = 0; i < u->region->n; i++)
		if (fabs(u->region->v[i] - p->v) < 1e-9)
			return STYR_OK;
	/* name the region's general figure for health care, else the first */
	for (i = 0; i < u->region->n; i++)
		if (u->region->general[i]) {
			best = i;
			break;
		}
	proof_fmt(a, sizeof(a), p->v, p->dec, true);
	snprintf(says, sizeof(says), "uppräkning %s", a);
	proof_fmt(a, sizeof(a), u->region->v[best], u->region->dec[best], true);
	snprintf(other, sizeof(other), "uppräkning %s", a);
	snprintf(should, sizeof(should), "%s", a);
	return proof_add(c, s->line[p->off], -u->region->line[best], STYR_PROOF_FEL,
	                 "mot annat dokument", says, other, should);
}

/* "regionbidraget ... uppgår till A mkr" and "ökat med D mkr" */
static int check_bidrag(void *arg, const struct psent *s)
{
	struct bidrag_ctx *b = arg;
	struct ptok t[PROOF_MAX_TOK];
	size_t n = proof_tokens(s->text, t, PROOF_MAX_TOK), i;
	const char *rb = proof_find(s->text, "regionbidrag");
	const char *upp = proof_find(s->text, "uppgår till ");
	const char *okat = proof_find(s->text, "ökat med ");
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT], x[48], y[48];

	if (!rb)
		return STYR_OK;
	for (i = 0; i < n; i++) {
		const struct prow *row;
		int k = 0;

		if (upp && !b->have && s->text + t[i].off == upp + strlen("uppgår till ") &&
		    t[i].dec == 1) {
			row = against_row_with(b->rows, b->nrows, &t[i], &k);
			if (!row)
				continue;
			b->have = true;
			b->row_line = row->line;
			b->step = row->cell[k].v - row->cell[k - 1].v;
		}
		if (okat && b->have && s->text + t[i].off == okat + strlen("ökat med ") &&
		    t[i].dec == 1 && fabs(proof_round(b->step, 1) - t[i].v) > 1e-9) {
			proof_fmt(x, sizeof(x), t[i].v, 1, false);
			snprintf(says, sizeof(says), "regionbidraget har ökat med %s mkr", x);
			proof_fmt(y, sizeof(y), b->step, 1, false);
			snprintf(other, sizeof(other), "regionbidraget ökar med %s", y);
			snprintf(should, sizeof(should), "%s", y);
			return proof_add(b->c, s->line[t[i].off], -b->row_line, STYR_PROOF_FEL,
			                 "mot annat dokument", says, other, should);
		}
	}
	return STYR_OK;
}

int proof_across_check(struct proof_ctx *c)
{
	struct proof_pcts region = {0};
	struct unit_ctx u = {c, &region};
	struct bidrag_ctx b = {.c = c};
	size_t cap = 0;
	int rc;

	rc = proof_sentences_each(c->against, proof_collect_upprakning, &region, c->err);
	if (!rc)
		rc = proof_sentences_each(c->doc, check_unit, &u, c->err);
	if (!rc)
		rc = proof_rows_read(c, c->against, &b.rows, &b.nrows, &cap);
	if (!rc)
		rc = proof_sentences_each(c->doc, check_bidrag, &b, c->err);
	free(b.rows);
	return rc;
}
