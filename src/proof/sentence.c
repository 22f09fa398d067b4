/*
 * Running text against itself and against the tables beside it.  A
 * sentence is the text between two full stops, joined over the PDF's line
 * breaks (and blank lines, which some extractions put between every line);
 * a table row ends a sentence.  Every byte keeps its line, so a finding
 * names the line its figure stands on.
 *
 * What a sentence claims is read from a few forms a report uses:
 *   a change   "ökade med 3,6 procent", "en minskning med -3,4 procent",
 *              between two figures given as "från A till B", "till B
 *              gentemot A", "(2023: A, 2024: B)", "A (2024) till B (2023)",
 *              "B (2023: A)"; or between the two columns of a table row
 *              whose difference the sentence quotes ("(878)", "med 47");
 *   a figure   "från 9,6 till 8,6" where the table row above holds 9,6
 *              under one year: the next year's cell should be 8,6;
 *   an amount  "-45,2 Mkr" in a sentence that names a row of a table in
 *              tkr: the row's cell rounds to it, or it is a finding.
 * The verb gives the direction; the years, not the order of the words,
 * give which figure is the earlier.  A form the reader does not recognise
 * is not checked: a missed contradiction is better than an invented one.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proof_int.h"

#define SENT_MAX 700

/* The direction a sentence's verb gives: +1, −1, 0 when none. */
static int verb_sign(const char *s, size_t *at)
{
	static const struct {
		const char *word;
		int sign;
	} verbs[] = {
	    {"ökat", 1},        {"ökade", 1},        {"ökning", 1},        {"ökar", 1},
	    {"\xc3\x96kat", 1}, {"\xc3\x96kade", 1}, {"\xc3\x96kning", 1}, {"steg", 1},
	    {"minskat", -1},    {"minskade", -1},    {"minskning", -1},    {"minskar", -1},
	    {"sjönk", -1},      {"sjunkit", -1},
	};
	const char *best = NULL;
	int sign = 0;
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		const char *p = s;

		while ((p = proof_find(p, verbs[i].word)) != NULL) {
			/* a whole word start: "kostnadsökningar" is a noun, not a claim */
			if (p == s || !isalpha((unsigned char)p[-1]))
				break;
			p++;
		}
		if (p && (!best || p < best)) {
			best = p;
			sign = verbs[i].sign;
		}
	}
	if (at)
		*at = best ? (size_t)(best - s) : 0;
	return sign;
}

/* Only spaces, '(', ':', ';', ',' and the word "totalt" between a and b. */
static bool only_glue(const char *a, const char *b)
{
	while (a < b) {
		if (*a == ' ' || *a == '(' || *a == ':' || *a == ';' || *a == ',')
			a++;
		else if (b - a >= 6 && !strncmp(a, "totalt", 6))
			a += 6;
		else if ((unsigned char)a[0] == 0xc2 && (unsigned char)a[1] == 0xa0)
			a += 2;
		else
			return false;
	}
	return true;
}

void proof_excerpt(char *dst, size_t size, const char *s, size_t from, size_t to)
{
	size_t n;

	while (from > 0 && ((unsigned char)s[from] & 0xc0) == 0x80)
		from--;
	n = to - from;
	if (n >= size)
		n = size - 4;
	while (n > 0 && ((unsigned char)s[from + n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, s + from, n);
	dst[n] = '\0';
	if (from + n < to)
		strcat(dst, "…");
}

/* The two figures a change is between, by the forms above. */
static bool find_pair(const char *s, const struct ptok *t, size_t n, struct pair *p)
{
	size_t i, k, ny = 0;
	const struct ptok *v[2] = {0};
	int y[2] = {0};
	const char *f, *tl;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < n && ny < 3; i++) {
		if (!t[i].year)
			continue;
		/* "2023: 5192", "2023 (totalt: 21 008" */
		if (i + 1 < n && !t[i + 1].year && !t[i + 1].pct && !t[i + 1].missing &&
		    only_glue(s + t[i].end, s + t[i + 1].off) && t[i + 1].off > t[i].end &&
		    memchr(s + t[i].end, ':', t[i + 1].off - t[i].end)) {
			if (ny < 2) {
				v[ny] = &t[i + 1];
				y[ny] = (int)t[i].v;
			}
			ny++;
			continue;
		}
		if (i + 1 < n && !t[i + 1].year && !t[i + 1].pct && !t[i + 1].missing &&
		    only_glue(s + t[i].end, s + t[i + 1].off) &&
		    proof_find(s + t[i].end, "totalt") &&
		    proof_find(s + t[i].end, "totalt") < s + t[i + 1].off) {
			if (ny < 2) {
				v[ny] = &t[i + 1];
				y[ny] = (int)t[i].v;
			}
			ny++;
			continue;
		}
		/* "392 (2024)" */
		if (i > 0 && !t[i - 1].year && !t[i - 1].pct && !t[i - 1].missing &&
		    t[i].off >= 1 && s[t[i].off - 1] == '(' && s[t[i].end] == ')' &&
		    only_glue(s + t[i - 1].end, s + t[i].off)) {
			if (ny < 2) {
				v[ny] = &t[i - 1];
				y[ny] = (int)t[i].v;
			}
			ny++;
		}
	}
	if (ny == 2 && y[0] != y[1]) {
		k = y[0] < y[1] ? 0 : 1;
		p->old = v[k];
		p->nw = v[1 - k];
		p->yold = y[k];
		p->ynew = y[1 - k];
		p->reversed = k == 1;
		return true;
	}
	/* "196 patienter (2023: 471)": the untagged figure is the later */
	if (ny == 1) {
		for (i = 0; i + 1 < n; i++)
			if (&t[i + 1] == v[0] && i > 0 && t[i].year && !t[i - 1].year &&
			    !t[i - 1].pct && !t[i - 1].missing && t[i].off > t[i - 1].end &&
			    t[i].off - t[i - 1].end < 24 && s[t[i].off - 1] == '(') {
				p->old = v[0];
				p->nw = &t[i - 1];
				p->yold = y[0];
				p->ynew = y[0] + 1;
				return true;
			}
	}
	/* "från A till B" */
	if ((f = proof_find(s, "från ")) != NULL && (tl = proof_find(f, " till ")) != NULL) {
		const struct ptok *a = NULL, *b = NULL;

		for (i = 0; i < n; i++) {
			if (!a && s + t[i].off >= f + 5 && s + t[i].off <= f + 6 && !t[i].year)
				a = &t[i];
			if (!b && s + t[i].off >= tl + 6 && s + t[i].off <= tl + 7 && !t[i].year)
				b = &t[i];
		}
		if (a && b && !a->missing && !b->missing && a->pct == b->pct) {
			p->old = a;
			p->nw = b;
			return true;
		}
	}
	/* "till B gentemot A", "till B jämfört med A" */
	if ((tl = proof_find(s, " till ")) != NULL) {
		const char *g = proof_find(tl, " gentemot ");
		const struct ptok *a = NULL, *b = NULL;

		for (i = 0; i < n; i++) {
			if (!b && s + t[i].off == tl + 6)
				b = &t[i];
			if (g && !a && s + t[i].off == g + 10)
				a = &t[i];
		}
		if (a && b && !a->pct && !b->pct && !a->year && !b->year) {
			p->old = a;
			p->nw = b;
			return true;
		}
	}
	return false;
}

/* The percent a verb at byte vat speaks of: the first after it, within
 * a few words, that is not one of the pair's figures. */
static const struct ptok *first_pct(const struct ptok *t, size_t n, const struct pair *p,
                                    size_t vat)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].pct && &t[i] != p->old && &t[i] != p->nw && t[i].off >= vat &&
		    t[i].off - vat < 80)
			return &t[i];
	return NULL;
}

/* Judge a printed change (its magnitude; the verb gives its sign)
 * against the change from old to new. */
int proof_judge_change(struct proof_ctx *c, const struct psent *s, const struct ptok *pc, int sign,
                       const struct ptok *old, const struct ptok *nw, int other_line, size_t from)
{
	struct pint range, mag;
	struct ptok printed;
	double exact;
	int claimed, actual;
	enum proof_verdict v;
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT], a[48], b[48],
	    e[48];

	if (!old->v || !proof_int_change(proof_int_of(old), proof_int_of(nw), &range))
		return STYR_OK;
	exact = 100 * (nw->v - old->v) / old->v;
	claimed = pc->v < 0 ? -1 : sign ? sign : 0;
	actual = range.lo > 0 ? 1 : range.hi < 0 ? -1 : 0;
	printed = *pc;
	printed.v = fabs(pc->v);
	mag.lo = range.lo > 0 ? range.lo : range.hi < 0 ? -range.hi : 0;
	mag.hi = fmax(fabs(range.lo), fabs(range.hi));
	v = proof_judge(&printed, fabs(exact), mag);
	if (claimed && actual && claimed != actual)
		v = PROOF_WRONG;
	if (v == PROOF_OK)
		return STYR_OK;
	proof_excerpt(says, sizeof(says), s->text, from, pc->end);
	proof_fmt(a, sizeof(a), old->v, old->dec, false);
	proof_fmt(b, sizeof(b), nw->v, nw->dec, false);
	snprintf(other, sizeof(other), "från %s till %s", a, b);
	proof_fmt(e, sizeof(e), fabs(exact), pc->dec, true);
	snprintf(should, sizeof(should), "%s med %s", exact < 0 ? "minskning" : "ökning", e);
	if (claimed && actual && claimed != actual) {
		double back = 100 * (old->v - nw->v) / nw->v;

		if (fabs(proof_round(fabs(back), pc->dec) - fabs(pc->v)) < 0.5 * pow(10, -pc->dec))
			snprintf(other + strlen(other), sizeof(other) - strlen(other),
			         " (talet stämmer med åren omkastade)");
	}
	return proof_add(c, s->line[pc->off], other_line ? other_line : s->line[old->off],
	                 v == PROOF_ROUNDING ? STYR_PROOF_AVRUNDNING : STYR_PROOF_FEL, "förändring",
	                 says, other, should);
}

/* A row near line whose cells i < j differ by |d| (d a printed difference,
 * "(878)", "med 47"): its earlier and later figure. */
static const struct prow *row_with_diff(const struct proof_ctx *c, int line, const struct ptok *d,
                                        int *oi, int *nj)
{
	const struct prow *best = NULL;
	size_t r;
	int i, j, k;

	for (r = 0; r < c->nrows; r++) {
		const struct prow *w = &c->rows[r];

		if (abs(w->line - line) > 150 ||
		    (best && abs(w->line - line) >= abs(best->line - line)))
			continue;
		for (k = 0; k < w->ncell; k++) {
			if (w->cell[k].missing || w->cell[k].pct || w->cell[k].dec != d->dec ||
			    fabs(fabs(w->cell[k].v) - fabs(d->v)) > 1e-9)
				continue;
			for (i = 0; i < k; i++)
				for (j = i + 1; j < k; j++)
					if (!w->cell[i].missing && !w->cell[j].missing &&
					    fabs(w->cell[j].v - w->cell[i].v - w->cell[k].v) <
					        1e-9) {
						best = w;
						*oi = i;
						*nj = j;
					}
		}
	}
	return best;
}

/* "ökar med 2,6 miljarder kronor eller med 5,1 procent": the one row
 * within 150 lines, with two cells side by side, whose step is the
 * sentence's amount at its precision, read in the row's own unit or a
 * thousand times it (a row in miljoner, a text in miljarder).  NULL when
 * no row or more than one fits. */
static const struct prow *row_with_scaled_step(const struct proof_ctx *c, int line,
                                               const struct ptok *d, int *oi)
{
	const struct prow *found = NULL;
	double half = 0.5 * pow(10, -d->dec);
	size_t r;
	int i, nfound = 0, sc;

	for (r = 0; r < c->nrows; r++) {
		const struct prow *w = &c->rows[r];

		if (abs(w->line - line) > 150 || w->all_years)
			continue;
		for (i = 0; i + 1 < w->ncell; i++) {
			const struct ptok *a = &w->cell[i], *b = &w->cell[i + 1];

			if (a->missing || b->missing || a->pct || b->pct || a->year || b->year)
				continue;
			for (sc = 0; sc < 2; sc++) {
				double step = (b->v - a->v) / (sc ? 1000 : 1);

				if (fabs(step - d->v) <= half + 1e-9 && fabs(step) > 2 * half) {
					if (found != w || *oi != i)
						nfound++;
					found = w;
					*oi = i;
				}
			}
		}
	}
	return nfound == 1 ? found : NULL;
}

/* The header of years that stands over row w, right-aligned with its
 * cells: the year of cell k, or 0. */
int proof_year_of_cell(const struct proof_ctx *c, const struct prow *w, int k)
{
	size_t r;

	for (r = c->nrows; r-- > 0;) {
		const struct prow *h = &c->rows[r];
		int off;

		if (h->line >= w->line || !h->all_years)
			continue;
		if (w->line - h->line > 60)
			return 0;
		off = k - (w->ncell - h->ncell);
		return off >= 0 && off < h->ncell ? (int)h->cell[off].v : 0;
	}
	return 0;
}

/* "från 9,6 till 8,6" under a row that holds 9,6 for one year: the
 * row's next year should be 8,6. */
static int check_from_row(struct proof_ctx *c, const struct psent *s, const struct pair *p)
{
	size_t r;
	int k, m, yk;
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], label[48], e[48];

	if (p->yold)
		return STYR_OK;
	for (r = c->nrows; r-- > 0;) {
		const struct prow *w = &c->rows[r];
		int line = s->line[p->old->off];

		if (w->line > line || line - w->line > 25 || w->all_years)
			continue;
		for (k = 0; k < w->ncell; k++) {
			if (w->cell[k].missing || w->cell[k].pct != p->old->pct ||
			    w->cell[k].dec != p->old->dec || fabs(w->cell[k].v - p->old->v) > 1e-9)
				continue;
			if (!(yk = proof_year_of_cell(c, w, k)))
				return STYR_OK;
			for (m = 0; m < w->ncell; m++)
				if (proof_year_of_cell(c, w, m) == yk + 1)
					break;
			if (m == w->ncell || w->cell[m].missing ||
			    fabs(w->cell[m].v - p->nw->v) < 1e-9)
				return STYR_OK;
			proof_excerpt(says, sizeof(says), s->text,
			              p->old->off > 5 ? p->old->off - 5 : 0, p->nw->end);
			proof_fmt(e, sizeof(e), w->cell[m].v, w->cell[m].dec, w->cell[m].pct);
			proof_fmt(label, sizeof(label), p->old->v, p->old->dec, p->old->pct);
			snprintf(other, sizeof(other), "tabellens rad: %d %s, %d %s", yk, label,
			         yk + 1, e);
			return proof_add(c, s->line[p->nw->off], w->line, STYR_PROOF_FEL,
			                 "text mot tabell", says, other, e);
		}
		return STYR_OK;
	}
	return STYR_OK;
}

/* "-45,2 Mkr" in a sentence that names a row printed in tkr ("resultat"):
 * the row's cell that comes closest should round to it. */
static int check_mkr(struct proof_ctx *c, const struct psent *s, const struct ptok *t, size_t n)
{
	static const char *const names[] = {"resultat", "regionbidrag", NULL};
	size_t i, r, k;

	for (i = 0; i < n; i++) {
		const char *after = s->text + t[i].end;
		const struct prow *best = NULL;
		double bestd = 1e9, bestv = 0;
		bool exact = false;
		int nm;

		while (*after == ' ')
			after++;
		if (t[i].dec != 1 || t[i].year || t[i].pct || strncasecmp(after, "mkr", 3))
			continue;
		for (nm = 0; names[nm]; nm++)
			if (proof_find(s->text, names[nm]))
				break;
		if (!names[nm])
			continue;
		for (r = 0; r < c->nrows && !exact; r++) {
			const struct prow *w = &c->rows[r];
			const char *l = c->doc->lines[w->line - 1];

			if (abs(w->line - s->line[t[i].off]) > 300)
				continue;
			while (*l == ' ')
				l++;
			if (strncasecmp(l, names[nm], strlen(names[nm])))
				continue;
			for (k = 0; k < (size_t)w->ncell; k++) {
				double d;

				if (w->cell[k].missing || w->cell[k].dec ||
				    fabs(w->cell[k].v) < 1000)
					continue;
				d = fabs(w->cell[k].v / 1000 - t[i].v);
				if (d < 0.05 + 1e-9 &&
				    fabs(proof_round(w->cell[k].v / 1000, 1) - t[i].v) < 1e-9) {
					exact = true;
					break;
				}
				if (d < bestd) {
					bestd = d;
					best = w;
					bestv = w->cell[k].v;
				}
			}
		}
		if (!exact && best && bestd < 0.15) {
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[48], e[48];

			proof_excerpt(says, sizeof(says), s->text, t[i].off, t[i].end + 4);
			proof_fmt(a, sizeof(a), bestv, 0, false);
			proof_fmt(e, sizeof(e), proof_round(bestv / 1000, 1), 1, false);
			snprintf(other, sizeof(other), "tabellen: %s tkr", a);
			strcat(e, " Mkr");
			if (proof_add(c, s->line[t[i].off], best->line, STYR_PROOF_FEL,
			              "text mot tabell", says, other, e))
				return c->err->code;
		}
	}
	return STYR_OK;
}

static int check_sentence(void *arg, const struct psent *s)
{
	struct proof_ctx *c = arg;
	struct ptok t[PROOF_MAX_TOK];
	size_t n = proof_tokens(s->text, t, PROOF_MAX_TOK), vat = 0, i;
	struct pair p;
	const struct ptok *pc;
	int sign = verb_sign(s->text, &vat), rc;

	if ((rc = check_mkr(c, s, t, n)) || (rc = proof_check_parts(c, s, t, n)) ||
	    (rc = proof_check_parallel(c, s, t, n)))
		return rc;
	if (!n)
		return proof_check_named_direction(c, s, sign, vat);
	if (find_pair(s->text, t, n, &p)) {
		c->prev_old = *p.old;
		c->prev_new = *p.nw;
		c->prev_line = s->line[p.nw->off];
		if ((rc = check_from_row(c, s, &p)) || (rc = proof_check_total_rows(c, s, &p)))
			return rc;
		pc = first_pct(t, n, &p, vat);
		/* a change between two percents is in points: not checked */
		if (sign && pc && !p.old->pct)
			return proof_judge_change(c, s, pc, sign, p.old, p.nw, 0, vat);
		/* "sjönk från 392 (2024) till 391 (2023)": the years, not the
		 * words, say which came first */
		if (sign && p.reversed && (p.nw->v - p.old->v) * sign < 0) {
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT],
			    a[48], b[48];

			proof_excerpt(says, sizeof(says), s->text, vat, p.old->end + 8);
			proof_fmt(a, sizeof(a), p.old->v, p.old->dec, false);
			proof_fmt(b, sizeof(b), p.nw->v, p.nw->dec, false);
			snprintf(other, sizeof(other), "%d: %s, %d: %s", p.yold, a, p.ynew, b);
			snprintf(should, sizeof(should), "%s från %s (%d) till %s (%d)",
			         sign < 0 ? "ökade" : "minskade", a, p.yold, b, p.ynew);
			return proof_add(c, s->line[p.nw->off], s->line[p.old->off], STYR_PROOF_FEL,
			                 "årsordning", says, other, should);
		}
		return STYR_OK;
	}
	/* "ökade med 4,0 procent (878)": the difference names the row */
	if (!sign && !proof_find(s->text, "motsvarar"))
		return STYR_OK;
	pc = first_pct(t, n, &p, sign ? vat : 0);
	if (!pc)
		return STYR_OK;
	/* no figures of its own: the pair of the sentence just before */
	if (sign && c->prev_line && s->line[0] - c->prev_line <= 2 && n == 1 && !pc->year &&
	    !c->prev_old.pct)
		return proof_judge_change(c, s, pc, sign, &c->prev_old, &c->prev_new, c->prev_line,
		                          vat);
	for (i = 0; i < n; i++) {
		const struct prow *w;
		int oi = 0, nj = 0;

		if (t[i].pct || t[i].year || t[i].missing || t[i].dec || fabs(t[i].v) < 10)
			continue;
		if (labs((long)t[i].off - (long)pc->off) > 80)
			continue;
		w = row_with_diff(c, s->line[t[i].off], &t[i], &oi, &nj);
		if (w)
			return proof_judge_change(c, s, pc, sign, &w->cell[oi], &w->cell[nj],
			                          w->line, vat < pc->off ? vat : pc->off);
	}
	/* "ökar med 2,6 miljarder kronor eller med 5,1 procent": the row
	 * whose step is the amount */
	for (i = 0; sign && i < n; i++) {
		const char *after = s->text + t[i].end;
		const struct prow *w;
		int oi = 0;

		while (*after == ' ')
			after++;
		if (t[i].pct || t[i].year || t[i].missing || &t[i] == pc ||
		    labs((long)t[i].off - (long)pc->off) > 80 ||
		    (strncmp(after, "miljarder", 9) && strncmp(after, "miljoner", 8)))
			continue;
		w = row_with_scaled_step(c, s->line[t[i].off], &t[i], &oi);
		if (w)
			return proof_judge_change(c, s, pc, sign, &w->cell[oi], &w->cell[oi + 1],
			                          w->line, vat < pc->off ? vat : pc->off);
	}
	/* "Antalet operationer har ökat med 8,5 procent": the row it names */
	return proof_check_named_row(c, s, t, n, pc, sign, vat);
}

int proof_sentences_check(struct proof_ctx *c)
{
	return proof_sentences_each(c->doc, check_sentence, c, c->err);
}

int proof_sentences_each(const struct styr_proof_doc *doc,
                         int (*fn)(void *arg, const struct psent *s), void *arg,
                         struct styr_err *err)
{
	struct psent s = {0};
	size_t i, j;
	int rc = STYR_OK;
	struct prow row;

	s.text = malloc(SENT_MAX + 8);
	s.line = malloc((SENT_MAX + 8) * sizeof(*s.line));
	if (!s.text || !s.line) {
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < doc->nlines && !rc; i++) {
		const char *l = doc->lines[i];
		bool is_row = proof_row_parse(l, (int)i + 1, &row) && row.ncell >= 3;

		if (is_row) {
			if (s.len) {
				s.text[s.len] = '\0';
				rc = fn(arg, &s);
			}
			s.len = 0;
			continue;
		}
		for (j = 0; l[j] && !rc; j++) {
			bool end;

			if (l[j] == '\r')
				continue;
			if (s.len == 0 && l[j] == ' ')
				continue;
			s.text[s.len] = l[j];
			s.line[s.len] = (int)i + 1;
			s.len++;
			end = (l[j] == '.' || l[j] == '!' || l[j] == '?') &&
			      (l[j + 1] == '\0' || l[j + 1] == ' ') &&
			      !(l[j + 1] == ' ' && islower((unsigned char)l[j + 2]));
			if (end || s.len >= SENT_MAX) {
				s.text[s.len] = '\0';
				rc = fn(arg, &s);
				s.len = 0;
			}
		}
		if (s.len && s.text[s.len - 1] != ' ') {
			s.text[s.len] = ' ';
			s.line[s.len] = (int)i + 1;
			s.len++;
		}
	}
	if (!rc && s.len) {
		s.text[s.len] = '\0';
		rc = fn(arg, &s);
	}
out:
	free(s.text);
	free(s.line);
	return rc;
}
