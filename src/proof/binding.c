/*
 * Figures of the running text bound to the table rows they speak of, where
 * the sentence itself does not print both sides:
 *   by name    "Antalet operationer har ökat med 8,5 procent": the one row
 *              whose label holds the word after "antalet" ("Totalt antal
 *              operationer") and whose columns hold a change; a word that
 *              names several rows ("unika" individer in three groups)
 *              binds nothing;
 *   by parts   "Av det totala antalet ärenden är 13 742 … och 13 620 …":
 *              the parts of the total the text gave just before;
 *   by total   "2023 (totalt: 21 008) och 2024 (totalt 29 023)" under a
 *              table whose two rows add up to 29 023 in the 2024 column
 *              exactly: their 2023 column must add up to 21 008;
 *   parallel   "28 066 (december 2024: 2828) … 19 423 (december 2024:
 *              1722) … Av de 8643 (december 2024: 606)": the main figures
 *              say 8 643 = 28 066 − 19 423 exactly, so the figures in
 *              parentheses with the same label must say 606 = 2 828 −
 *              1 722, which they do not.
 * A binding needs one candidate and, for totals, one year where it holds
 * exactly, so that a coincidence does not become a finding.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof_int.h"

static bool whole_word_in(const char *hay, const char *word, size_t wlen)
{
	const char *p = hay;

	while ((p = proof_find(p, word)) != NULL) {
		bool before = p == hay || !isalpha((unsigned char)p[-1]);
		bool after = !isalpha((unsigned char)p[wlen]) && (unsigned char)p[wlen] < 0x80;

		if (before && after)
			return true;
		p++;
	}
	return false;
}

/* cells i < j < k with k = j − i: the row holds a change from i to j */
static bool row_change(const struct prow *w, int *oi, int *nj)
{
	int i, j, k;

	for (k = 2; k < w->ncell; k++)
		for (i = 0; i < k; i++)
			for (j = i + 1; j < k; j++)
				if (!w->cell[i].missing && !w->cell[j].missing &&
				    !w->cell[k].missing && !w->cell[i].pct && !w->cell[j].pct &&
				    fabs(w->cell[j].v - w->cell[i].v - w->cell[k].v) < 1e-9) {
					*oi = i;
					*nj = j;
					return true;
				}
	return false;
}

/* The one row whose label holds the word after "antalet" and whose
 * columns hold a change; *word_end: where the word ends in s->text.
 * verb: when not 0, the verb must stand at that byte, after " har ". */
static const struct prow *named_row(const struct proof_ctx *c, const struct psent *s, int *fi,
                                    int *fj, size_t *word_end, size_t verb)
{
	const struct prow *found = NULL;
	const char *a = proof_find(s->text, "antalet ");
	char word[64];
	size_t i, len = 0;
	int oi = 0, nj = 0, matches = 0;

	if (!a || (a != s->text && isalpha((unsigned char)a[-1])))
		return NULL;
	a += 8;
	while (a[len] && a[len] != ' ' && a[len] != ',' && len + 1 < sizeof(word))
		len++;
	if (len < 5)
		return NULL;
	memcpy(word, a, len);
	word[len] = '\0';
	*word_end = (size_t)(a - s->text) + len;
	if (verb && (strncmp(a + len, " har ", 5) || *word_end + 5 != verb))
		return NULL;
	for (i = 0; i < c->nrows; i++) {
		const struct prow *w = &c->rows[i];
		char label[256];
		size_t ll = w->label_len < sizeof(label) - 1 ? w->label_len : sizeof(label) - 1;

		memcpy(label, c->doc->lines[w->line - 1], ll);
		label[ll] = '\0';
		if (!whole_word_in(label, word, len) || !row_change(w, &oi, &nj))
			continue;
		matches++;
		found = w;
		*fi = oi;
		*fj = nj;
	}
	return matches == 1 ? found : NULL;
}

int proof_check_named_row(struct proof_ctx *c, const struct psent *s, const struct ptok *t,
                          size_t n, const struct ptok *pc, int sign, size_t vat)
{
	const struct prow *found;
	size_t i, values = 0, we = 0;
	int fi = 0, fj = 0;

	for (i = 0; i < n; i++)
		values += !t[i].year;
	if (!sign || values != 1 || !(found = named_row(c, s, &fi, &fj, &we, 0)))
		return STYR_OK;
	return proof_judge_change(c, s, pc, sign, &found->cell[fi], &found->cell[fj], found->line,
	                          vat);
}

/* "antalet operationer har ökat mer än DRG-poängen": no figure, the verb
 * right after the subject, against the direction of the row it names. */
int proof_check_named_direction(struct proof_ctx *c, const struct psent *s, int sign, size_t vat)
{
	const struct prow *w;
	size_t we = 0;
	int fi = 0, fj = 0;
	double d;
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[48], b[48];

	if (!sign || !vat || !(w = named_row(c, s, &fi, &fj, &we, vat)))
		return STYR_OK;
	d = w->cell[fj].v - w->cell[fi].v;
	if (d * sign >= 0)
		return STYR_OK;
	proof_excerpt(says, sizeof(says), s->text, we > 40 ? we - 40 : 0, vat + 12);
	proof_fmt(a, sizeof(a), w->cell[fi].v, w->cell[fi].dec, false);
	proof_fmt(b, sizeof(b), w->cell[fj].v, w->cell[fj].dec, false);
	snprintf(other, sizeof(other), "från %s till %s", a, b);
	return proof_add(c, s->line[vat], w->line, STYR_PROOF_FEL, "förändring", says, other,
	                 d < 0 ? "minskat" : "ökat");
}

int proof_check_parts(struct proof_ctx *c, const struct psent *s, const struct ptok *t, size_t n)
{
	const char *tot = proof_find(s->text, "totalt");
	const struct ptok *v[3];
	size_t i, nv = 0;

	/* remember the last "totalt N" */
	for (; tot; tot = proof_find(tot + 6, "totalt"))
		for (i = 0; i < n; i++)
			if (!t[i].year && !t[i].pct && !t[i].missing && s->text + t[i].off > tot &&
			    s->text + t[i].off - tot < 12) {
				c->last_total = t[i];
				c->last_total_line = s->line[t[i].off];
				break;
			}
	if (!proof_find(s->text, "av det totala antalet") && !proof_find(s->text, "av totalen"))
		return STYR_OK;
	for (i = 0; i < n; i++) {
		if (t[i].year)
			return STYR_OK; /* "196 patienter (2023: 471)": not parts */
		if (t[i].pct || t[i].missing || t[i].dec)
			continue;
		if (nv == 3)
			return STYR_OK;
		v[nv++] = &t[i];
	}
	if (nv != 2 || !c->last_total_line || s->line[0] - c->last_total_line > 15)
		return STYR_OK;
	if (fabs(v[0]->v + v[1]->v - c->last_total.v) < 1e-9)
		return STYR_OK;
	{
		char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT], a[48],
		    b[48], x[48], y[48];

		proof_fmt(a, sizeof(a), v[0]->v, 0, false);
		proof_fmt(b, sizeof(b), v[1]->v, 0, false);
		proof_fmt(x, sizeof(x), v[0]->v + v[1]->v, 0, false);
		proof_fmt(y, sizeof(y), c->last_total.v, 0, false);
		snprintf(says, sizeof(says), "delarna %s + %s = %s", a, b, x);
		snprintf(other, sizeof(other), "totalt %s", y);
		proof_fmt(x, sizeof(x), c->last_total.v - v[0]->v, 0, false);
		snprintf(should, sizeof(should), "%s och %s", a, x);
		return proof_add(c, s->line[v[1]->off], c->last_total_line, STYR_PROOF_FEL,
		                 "delar av totalen", says, other, should);
	}
}

/* The cell of row w under year y, or -1. */
static int cell_of_year(const struct proof_ctx *c, const struct prow *w, int y)
{
	int k;

	for (k = 0; k < w->ncell; k++)
		if (proof_year_of_cell(c, w, k) == y && !w->cell[k].missing && !w->cell[k].pct)
			return k;
	return -1;
}

int proof_check_total_rows(struct proof_ctx *c, const struct psent *s, const struct pair *p)
{
	const struct prow *r1 = NULL, *r2 = NULL;
	int line = s->line[p->old->off], matches = 0;
	size_t i, j;

	if (!p->yold || !proof_find(s->text, "totalt") || p->old->pct || p->old->dec)
		return STYR_OK;
	for (i = 0; i < c->nrows; i++) {
		const struct prow *a = &c->rows[i];
		int ka;

		if (a->line > line || line - a->line > 40 || a->all_years ||
		    (ka = cell_of_year(c, a, p->ynew)) < 0)
			continue;
		for (j = i + 1; j < c->nrows; j++) {
			const struct prow *b = &c->rows[j];
			int kb;

			if (b->line > line || b->all_years ||
			    (kb = cell_of_year(c, b, p->ynew)) < 0)
				continue;
			if (fabs(a->cell[ka].v + b->cell[kb].v - p->nw->v) < 1e-9) {
				matches++;
				r1 = a;
				r2 = b;
			}
		}
	}
	if (matches != 1) {
		return STYR_OK;
	} else {
		int k1 = cell_of_year(c, r1, p->yold), k2 = cell_of_year(c, r2, p->yold);
		char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[32], b[32], x[32], y[32];
		double sum;

		if (k1 < 0 || k2 < 0)
			return STYR_OK;
		sum = r1->cell[k1].v + r2->cell[k2].v;
		if (fabs(sum - p->old->v) < 1e-9)
			return STYR_OK;
		proof_fmt(a, sizeof(a), p->old->v, 0, false);
		snprintf(says, sizeof(says), "totalt %d: %s", p->yold, a);
		proof_fmt(a, sizeof(a), r1->cell[k1].v, 0, false);
		proof_fmt(b, sizeof(b), r2->cell[k2].v, 0, false);
		proof_fmt(x, sizeof(x), sum, 0, false);
		proof_fmt(y, sizeof(y), p->nw->v, 0, false);
		snprintf(other, sizeof(other),
		         "raderna %d och %d: %.24s + %.24s = %.24s (%d: %.24s stämmer)", r1->line,
		         r2->line, a, b, x, p->ynew, y);
		return proof_add(c, line, r1->line, STYR_PROOF_FEL, "text mot tabell", says, other,
		                 x);
	}
}

static void paren_label(char *dst, size_t size, const char *a, const char *b)
{
	size_t n;

	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	n = (size_t)(b - a) < size - 1 ? (size_t)(b - a) : size - 1;
	memcpy(dst, a, n);
	dst[n] = '\0';
}

/* Compare a new parallel pair with two earlier ones: a difference or a
 * sum that holds exactly for the main figures must hold for the figures
 * in parentheses. */
static int parallel_against(struct proof_ctx *c, const struct proof_paren *k)
{
	size_t i, j;

	for (i = 0; i < c->nparen; i++)
		for (j = 0; j < c->nparen; j++) {
			const struct proof_paren *a = &c->paren[i], *b = &c->paren[j];
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], x[32], y[32], z[32];
			double want;

			if (i == j || strcmp(a->label, k->label) || strcmp(b->label, k->label) ||
			    k->line - a->line > 6 || k->line - b->line > 6)
				continue;
			if (fabs(a->v - b->v - k->v) < 1e-9)
				want = a->w - b->w;
			else if (i < j && fabs(a->v + b->v - k->v) < 1e-9)
				want = a->w + b->w;
			else
				continue;
			if (fabs(want - k->w) < 1e-9)
				return STYR_OK;
			proof_fmt(x, sizeof(x), k->w, 0, false);
			snprintf(says, sizeof(says), "(%.28s: %s)", k->label, x);
			proof_fmt(x, sizeof(x), a->w, 0, false);
			proof_fmt(y, sizeof(y), b->w, 0, false);
			proof_fmt(z, sizeof(z), k->v, 0, false);
			snprintf(other, sizeof(other), "%s %s %s, som %s för hela perioden", x,
			         want < a->w ? "−" : "+", y, z);
			proof_fmt(x, sizeof(x), want, 0, false);
			return proof_add(c, k->line, a->line, STYR_PROOF_FEL, "parallella tal",
			                 says, other, x);
		}
	return STYR_OK;
}

int proof_check_parallel(struct proof_ctx *c, const struct psent *s, const struct ptok *t, size_t n)
{
	const char *p = s->text;
	int rc;

	while ((p = strchr(p, '(')) != NULL) {
		const char *close = strchr(p, ')'), *colon = strchr(p, ':');
		const struct ptok *v = NULL, *w = NULL;
		struct proof_paren k;
		size_t i;

		p++;
		if (!close || !colon || colon > close)
			continue;
		for (i = 0; i < n; i++) {
			const char *at = s->text + t[i].off;

			if (t[i].year || t[i].pct || t[i].missing || t[i].dec)
				continue;
			if (at < p - 1 && p - 1 - (s->text + t[i].end) < 30)
				v = &t[i];
			if (!w && at > colon && at < close)
				w = &t[i];
		}
		if (!v || !w || memchr(s->text + v->end, ')', (size_t)(p - 1 - (s->text + v->end))))
			continue;
		k.v = v->v;
		k.w = w->v;
		k.line = s->line[w->off];
		paren_label(k.label, sizeof(k.label), p, colon);
		if ((rc = parallel_against(c, &k)))
			return rc;
		if (c->nparen == sizeof(c->paren) / sizeof(c->paren[0])) {
			memmove(&c->paren[0], &c->paren[1], sizeof(c->paren) - sizeof(c->paren[0]));
			c->nparen--;
		}
		c->paren[c->nparen++] = k;
	}
	return STYR_OK;
}
