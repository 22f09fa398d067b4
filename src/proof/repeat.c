/*
 * The same figure said twice, and the sign and direction a sentence gives
 * a figure of a table:
 *   repeated  a row printed again in another table of the document under
 *             a label that shares a word ("Avskrivningar" and "Justering
 *             för av- och nedskrivningar"): when at least three of its
 *             years agree (equal or all of opposite sign, under the same
 *             basis, "Budget", "Plan", "Prognos", in the header) the
 *             figures are the same, and a year that differs is a fel;
 *   sign      "resultatet … till 4 417 miljoner kronor 2024" where the
 *             document's Årets resultat for 2024 is −4 417 and the
 *             sentence has no word for a deficit; "resultatet för
 *             2024–2026 uppgår genomsnittligt till 1,6 procent" where the
 *             mean of Årets resultat over those years is negative;
 *   bidrag    "Regionstyrelsens regionbidrag minskar med 36,5 miljoner"
 *             against the row labelled with the name (the genitive's s
 *             dropped), from its first column to its second;
 *   level     "en omslutning som är 119,4 mkr högre än 2023 (+14,7
 *             procent)" after "en budgetomslutning för 2024 på totalt
 *             934,7 mkr": the percent over 934,7 − 119,4, judged at the
 *             printed precision (119,45 / 815,2 = 14,65 %: a rounding);
 * and, in binding.c, "antalet operationer har ökat mer än …": no figure,
 * only a verb, against the one row the word names whose columns hold a
 * change.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proof_int.h"

#define MAX_HEAD      12
#define REPEAT_WINDOW 400

/* The header of years over a row, right-aligned with its cells, and the
 * word under each year ("Budget"), or "" when there is none. */
struct head {
	int line; /* first line of the header, 0 when none was found */
	int n;
	int year[MAX_HEAD];
	char basis[MAX_HEAD][12];
};

static const char *const basis_words[] = {"Budget", "Plan", "Prognos", "Bokslut", "Utfall", NULL};

static const char *skip_sp(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int basis_of(const char *l)
{
	int b;

	l = skip_sp(l);
	for (b = 0; basis_words[b]; b++)
		if (!strncasecmp(l, basis_words[b], strlen(basis_words[b])))
			return b;
	return -1;
}

static bool bare_year(const char *line, int *year)
{
	struct ptok t[2];
	const char *p;

	if (proof_tokens(line, t, 2) != 1 || !t[0].year)
		return false;
	for (p = line; *p; p++)
		if ((p < line + t[0].off || p >= line + t[0].end) && *p != ' ' && *p != '\t' &&
		    *p != '\r')
			return false;
	*year = (int)t[0].v;
	return true;
}

/* Scan up from the row at line: over the table's rows and short lines to
 * a block of years one a line (a basis word may follow each) or a row of
 * years.  Running text before a header ends the search. */
static void head_of(const struct proof_ctx *c, int line, struct head *h)
{
	int l, y, top = 0, bottom = 0;

	memset(h, 0, sizeof(*h));
	for (l = line - 1; l >= 1 && l > line - 80; l--) {
		const char *s = c->doc->lines[l - 1];
		struct prow row;

		if (bare_year(s, &y)) {
			if (!bottom)
				bottom = l;
			top = l;
			continue;
		}
		if (bottom) {
			if (*skip_sp(s) == '\0' || basis_of(s) >= 0)
				continue;
			break;
		}
		if (proof_row_parse(s, l, &row)) {
			if (row.all_years) {
				int k;

				h->line = l;
				for (k = 0; k < row.ncell && k < MAX_HEAD; k++)
					h->year[h->n++] = (int)row.cell[k].v;
				return;
			}
			continue;
		}
		if (strlen(s) > 60)
			return;
	}
	if (!bottom)
		return;
	h->line = top;
	for (l = top; l <= bottom + 3 && l < line && h->n < MAX_HEAD; l++) {
		const char *s = c->doc->lines[l - 1];
		int b;

		if (bare_year(s, &y)) {
			if (l > bottom)
				break;
			h->year[h->n] = y;
			h->basis[h->n][0] = '\0';
			h->n++;
		} else if (h->n && (b = basis_of(s)) >= 0 && !h->basis[h->n - 1][0]) {
			snprintf(h->basis[h->n - 1], sizeof(h->basis[0]), "%s", basis_words[b]);
		}
	}
}

/* The header column of cell k of row w, or −1. */
static int head_col(const struct head *h, const struct prow *w, int k)
{
	int off = k - (w->ncell - h->n);

	return h->n && off >= 0 && off < h->n ? off : -1;
}

static void label_copy(const struct proof_ctx *c, const struct prow *w, char *buf, size_t size)
{
	const char *l = skip_sp(c->doc->lines[w->line - 1]);
	size_t len = w->label_len - (size_t)(l - c->doc->lines[w->line - 1]);

	if (w->label_len < (size_t)(l - c->doc->lines[w->line - 1]))
		len = 0;
	if (len >= size)
		len = size - 1;
	memcpy(buf, l, len);
	while (len && buf[len - 1] == ' ')
		len--;
	buf[len] = '\0';
}

/* Two labels share a word ending of eight letters or more
 * ("nedskrivningar" and "Avskrivningar": "skrivningar"), ASCII case
 * ignored. */
static bool labels_share(const char *a, const char *b)
{
	const char *p, *q;

	for (p = a; *p;) {
		const char *pe = p;

		while (*pe && (isalpha((unsigned char)*pe) || ((unsigned char)*pe & 0x80)))
			pe++;
		if (pe - p >= 8) {
			for (q = b; *q;) {
				const char *qe = q;
				size_t m = 0;

				while (*qe &&
				       (isalpha((unsigned char)*qe) || ((unsigned char)*qe & 0x80)))
					qe++;
				while (m < (size_t)(pe - p) && m < (size_t)(qe - q) &&
				       tolower((unsigned char)pe[-1 - (long)m]) ==
				           tolower((unsigned char)qe[-1 - (long)m]))
					m++;
				if (m >= 8)
					return true;
				q = *qe ? qe + 1 : qe;
			}
		}
		p = *pe ? pe + 1 : pe;
	}
	return false;
}

static int check_pair(struct proof_ctx *c, const struct prow *a, const struct head *ha,
                      const struct prow *b, const struct head *hb)
{
	int k, m, agree = 0, differ = 0, sgn = 0, dk = -1, dm = -1;
	char la[128], lb[128], says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], x[48], e[48];
	double unit;

	for (k = 0; k < b->ncell; k++) {
		int cb = head_col(hb, b, k);
		const struct ptok *q = &b->cell[k];

		if (cb < 0 || q->missing || q->pct || q->year)
			continue;
		for (m = 0; m < a->ncell; m++) {
			int ca = head_col(ha, a, m);
			const struct ptok *p = &a->cell[m];

			if (ca < 0 || ha->year[ca] != hb->year[cb] ||
			    strcmp(ha->basis[ca], hb->basis[cb]) || p->missing || p->pct ||
			    p->dec != q->dec)
				continue;
			if (fabs(fabs(p->v) - fabs(q->v)) < 1e-9 && fabs(p->v) >= 10) {
				int s = (p->v < 0) == (q->v < 0) ? 1 : -1;

				if (sgn && s != sgn)
					return STYR_OK;
				sgn = s;
				agree++;
			} else {
				differ++;
				dk = k;
				dm = m;
			}
		}
	}
	if (agree < 3 || differ != 1)
		return STYR_OK;
	label_copy(c, a, la, sizeof(la));
	label_copy(c, b, lb, sizeof(lb));
	if (!labels_share(la, lb))
		return STYR_OK;
	unit = pow(10, -b->cell[dk].dec);
	proof_fmt(x, sizeof(x), b->cell[dk].v, b->cell[dk].dec, false);
	snprintf(says, sizeof(says), "%.100s, %d: %.24s", lb, hb->year[head_col(hb, b, dk)], x);
	proof_fmt(x, sizeof(x), a->cell[dm].v, a->cell[dm].dec, false);
	snprintf(other, sizeof(other), "%.80s, %d: %.24s (samma tal, %d år av %d lika)", la,
	         ha->year[head_col(ha, a, dm)], x, agree, agree + 1);
	proof_fmt(e, sizeof(e), sgn * a->cell[dm].v, a->cell[dm].dec, false);
	return proof_add(c, b->line, a->line,
	                 fabs(fabs(a->cell[dm].v) - fabs(b->cell[dk].v)) <= unit + 1e-9
	                     ? STYR_PROOF_AVRUNDNING
	                     : STYR_PROOF_FEL,
	                 "samma tal", says, other, e);
}

static int check_repeated(struct proof_ctx *c)
{
	struct head *heads;
	size_t i, j;
	int rc = STYR_OK;

	if (!c->nrows)
		return STYR_OK;
	heads = calloc(c->nrows, sizeof(*heads));
	if (!heads)
		return styr_error(c->err, STYR_ENOMEM, "out of memory");
	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].ncell >= 3 && !c->rows[i].all_years)
			head_of(c, c->rows[i].line, &heads[i]);
	for (j = 0; j < c->nrows && !rc; j++) {
		if (!heads[j].line)
			continue;
		for (i = j; i-- > 0 && !rc;) {
			if (c->rows[j].line - c->rows[i].line > REPEAT_WINDOW)
				break;
			if (!heads[i].line || heads[i].line == heads[j].line)
				continue;
			rc = check_pair(c, &c->rows[i], &heads[i], &c->rows[j], &heads[j]);
		}
	}
	free(heads);
	return rc;
}

/* "Årets resultat", "ÅRETS RESULTAT" */
static bool result_row(const struct proof_ctx *c, const struct prow *w)
{
	const char *l = skip_sp(c->doc->lines[w->line - 1]);

	return !strncmp(l, "\xc3\x85rets resultat", 15) || !strncmp(l, "\xc3\x85RETS RESULTAT", 15);
}

static bool deficit_word(const char *s)
{
	static const char *const words[] = {"underskott", "negativ", "minus",   "förlust",
	                                    "Underskott", "Negativ", "Förlust", NULL};
	int i;

	for (i = 0; words[i]; i++)
		if (proof_find(s, words[i]))
			return true;
	return false;
}

/* The result rows' cell of year y: *neg, *pos when one of them is −v, v. */
static const struct prow *result_cell(struct proof_ctx *c, int y, const struct ptok *t, bool *pos,
                                      int *col)
{
	const struct prow *found = NULL;
	size_t r;
	int k;

	*pos = false;
	for (r = 0; r < c->nrows; r++) {
		const struct prow *w = &c->rows[r];
		struct head h;

		if (!result_row(c, w))
			continue;
		head_of(c, w->line, &h);
		for (k = 0; k < w->ncell; k++) {
			int hc = head_col(&h, w, k);

			if (hc < 0 || h.year[hc] != y || w->cell[k].dec != t->dec ||
			    fabs(fabs(w->cell[k].v) - t->v) > 1e-9)
				continue;
			if (w->cell[k].v > 0)
				*pos = true;
			else if (!found) {
				found = w;
				*col = k;
			}
		}
	}
	return found;
}

static int check_sign(struct proof_ctx *c, const struct psent *s, const struct ptok *t, size_t n)
{
	size_t i, j;

	if (!proof_find(s->text, "resultat") || deficit_word(s->text))
		return STYR_OK;
	for (i = 0; i + 1 < n; i++) {
		const char *after = skip_sp(s->text + t[i].end);
		const struct prow *w;
		bool pos;
		int k = 0;

		if (t[i].year || t[i].pct || t[i].v <= 0 ||
		    (strncmp(after, "miljoner", 8) && strncasecmp(after, "mkr", 3)))
			continue;
		for (j = i + 1; j < n && !t[j].year; j++)
			;
		if (j == n || j != i + 1 || t[j].off - t[i].end > 30)
			continue;
		w = result_cell(c, (int)t[j].v, &t[i], &pos, &k);
		if (w && !pos) {
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], e[48];

			proof_excerpt(says, sizeof(says), s->text, t[i].off, t[j].end);
			proof_fmt(e, sizeof(e), w->cell[k].v, w->cell[k].dec, false);
			snprintf(other, sizeof(other), "årets resultat %d: %s, ett underskott",
			         (int)t[j].v, e);
			if (proof_add(c, s->line[t[i].off], w->line, STYR_PROOF_FEL, "tecken", says,
			              other, e))
				return c->err->code;
		}
	}
	return STYR_OK;
}

/* "resultatet för 2024–2026 uppgår genomsnittligt till 1,6 procent" */
static int check_mean_sign(struct proof_ctx *c, const struct psent *s, const struct ptok *t,
                           size_t n)
{
	const struct ptok *pc = NULL;
	int y0 = 0, y1 = 0;
	size_t i, r;

	if (!proof_find(s->text, "resultat") || !proof_find(s->text, "genomsnitt") ||
	    deficit_word(s->text))
		return STYR_OK;
	for (i = 0; i < n; i++) {
		if (t[i].pct && !pc)
			pc = &t[i];
		else if (t[i].year && !y0)
			y0 = (int)t[i].v;
		else if (t[i].year && !y1)
			y1 = (int)fabs(t[i].v);
		else if (!t[i].pct && !t[i].year && fabs(t[i].v) >= 1990 && fabs(t[i].v) <= 2039 &&
		         y0 && !y1 && !t[i].dec)
			y1 = (int)fabs(t[i].v); /* "2024–2026": the second read as −2026 */
	}
	if (!pc || pc->v <= 0 || !y0 || y1 <= y0 || y1 - y0 > 10)
		return STYR_OK;
	for (r = 0; r < c->nrows; r++) {
		const struct prow *w = &c->rows[r];
		struct head h;
		double sum = 0;
		int k, got = 0;
		char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], e[48], m[48];

		if (!result_row(c, w))
			continue;
		head_of(c, w->line, &h);
		for (k = 0; k < w->ncell; k++) {
			int hc = head_col(&h, w, k);

			if (hc >= 0 && h.year[hc] >= y0 && h.year[hc] <= y1 &&
			    !w->cell[k].missing) {
				sum += w->cell[k].v;
				got++;
			}
		}
		if (got != y1 - y0 + 1)
			continue;
		if (sum >= 0)
			return STYR_OK;
		proof_excerpt(says, sizeof(says), s->text, 0, pc->end);
		proof_fmt(m, sizeof(m), sum / got, 0, false);
		snprintf(other, sizeof(other),
		         "årets resultat %d–%d är i genomsnitt %s, ett underskott", y0, y1, m);
		proof_fmt(e, sizeof(e), -pc->v, pc->dec, true);
		return proof_add(c, s->line[pc->off], w->line, STYR_PROOF_FEL, "tecken", says,
		                 other, e);
	}
	return STYR_OK;
}

/* "Regionstyrelsens regionbidrag minskar med 36,5 miljoner" */
static int check_bidrag(struct proof_ctx *c, const struct psent *s, const struct ptok *t, size_t n)
{
	const char *p = proof_find(s->text, " regionbidrag ");
	const char *v, *name;
	char nm[64];
	size_t len, i, r;
	int sign;

	if (!p || p == s->text)
		return STYR_OK;
	v = p + 14;
	if (!strncmp(v, "ökar med ", 10))
		sign = 1, v += 10;
	else if (!strncmp(v, "minskar med ", 12))
		sign = -1, v += 12;
	else
		return STYR_OK;
	name = p;
	while (name > s->text && name[-1] != ' ')
		name--;
	len = (size_t)(p - name);
	if (len < 5 || len >= sizeof(nm) || name[len - 1] != 's' || !isupper((unsigned char)*name))
		return STYR_OK;
	memcpy(nm, name, len - 1 - (name[len - 2] == ':'));
	nm[len - 1 - (name[len - 2] == ':')] = '\0';
	for (i = 0; i < n && s->text + t[i].off != v; i++)
		;
	if (i == n || t[i].pct || t[i].year)
		return STYR_OK;
	for (r = 0; r < c->nrows; r++) {
		const struct prow *w = &c->rows[r];
		char label[128], says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[48], b[48], e[48];
		double d, said = sign * t[i].v, half;

		label_copy(c, w, label, sizeof(label));
		if (strcasecmp(label, nm) || w->ncell < 2 || w->cell[0].missing ||
		    w->cell[1].missing || w->cell[0].dec != t[i].dec || w->cell[1].dec != t[i].dec)
			continue;
		d = w->cell[1].v - w->cell[0].v;
		half = 1.5 * pow(10, -t[i].dec);
		if (fabs(d - said) <= half + 1e-9)
			return STYR_OK;
		proof_excerpt(says, sizeof(says), s->text, (size_t)(name - s->text), t[i].end);
		proof_fmt(a, sizeof(a), w->cell[0].v, w->cell[0].dec, false);
		proof_fmt(b, sizeof(b), w->cell[1].v, w->cell[1].dec, false);
		snprintf(other, sizeof(other), "%.80s: från %.24s till %.24s", label, a, b);
		proof_fmt(a, sizeof(a), fabs(d), t[i].dec, false);
		snprintf(e, sizeof(e), "%s med %.24s", d < 0 ? "minskar" : "ökar", a);
		return proof_add(c, s->line[t[i].off], w->line, STYR_PROOF_FEL, "förändring", says,
		                 other, e);
	}
	return STYR_OK;
}

/* The last word of eight bytes or more in s[from, to): the noun nearest
 * before the figure. */
static size_t last_long_word(const char *s, size_t from, size_t to, size_t *len)
{
	size_t i = from, best = 0;

	*len = 0;
	while (i < to) {
		size_t w = 0;

		while (i + w < to &&
		       (isalpha((unsigned char)s[i + w]) || ((unsigned char)s[i + w] & 0x80)))
			w++;
		if (w >= 8) {
			*len = w;
			best = i;
		}
		i += w ? w : 1;
	}
	return best;
}

/* "en omslutning som är 119,4 mkr högre än 2023 (+14,7 procent)" after
 * "en budgetomslutning för 2024 på totalt 934,7 mkr" (up to 150 lines
 * before): the percent is the step over the level the step started from,
 * 934,7 − 119,4. */
static int check_level_step(struct proof_ctx *c, const struct psent *s, const struct ptok *t,
                            size_t n)
{
	size_t i, k;

	for (i = 0; i + 2 < n; i++) {
		const char *after = skip_sp(s->text + t[i].end);
		const struct ptok *pc = &t[i + 2];
		int up, y0, l, first = s->line[t[i].off];
		size_t wat, wlen;
		char word[64];

		if (t[i].year || t[i].pct || t[i].v <= 0 || !t[i + 1].year || !pc->pct ||
		    pc->off - t[i + 1].end > 8)
			continue;
		if (!strncmp(after, "mkr högre än ", strlen("mkr högre än ")))
			up = 1;
		else if (!strncmp(after, "mkr lägre än ", strlen("mkr lägre än ")))
			up = -1;
		else
			continue;
		if (s->text + t[i + 1].off != after + strlen("mkr högre än "))
			continue;
		y0 = (int)t[i + 1].v;
		wat = last_long_word(s->text, t[i].off > 60 ? t[i].off - 60 : 0, t[i].off, &wlen);
		if (!wlen || wlen >= sizeof(word))
			continue;
		memcpy(word, s->text + wat, wlen);
		word[wlen] = '\0';
		for (l = first - 1; l >= 1 && l >= first - 150; l--) {
			const char *line = c->doc->lines[l - 1], *w = proof_find(line, word);
			struct ptok u[PROOF_MAX_TOK];
			size_t m;

			if (!w || l == s->line[0])
				continue;
			m = proof_tokens(w, u, PROOF_MAX_TOK);
			for (k = 0; k + 1 < m; k++) {
				const char *ua = skip_sp(w + u[k + 1].end);
				struct ptok lev = u[k + 1];
				struct pint d = proof_int_of(&t[i]), v = proof_int_of(&lev), range;
				double exact;
				char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], e[48], a[48];
				enum proof_verdict vd;

				if (!u[k].year || (int)u[k].v != y0 + 1 || lev.year || lev.pct ||
				    strncmp(ua, "mkr", 3) || v.lo - d.hi <= 0)
					continue;
				exact = 100 * up * t[i].v / (lev.v - up * t[i].v);
				range.lo = 100 * d.lo / (v.hi - up * d.lo);
				range.hi = 100 * d.hi / (v.lo - up * d.hi);
				if (up < 0) {
					range.lo = 100 * d.lo / (v.lo + d.lo);
					range.hi = 100 * d.hi / (v.hi + d.hi);
				}
				{
					struct ptok printed = *pc;

					printed.v = fabs(pc->v);
					vd = proof_judge(&printed, fabs(exact), range);
				}
				if (pc->v * up < 0)
					vd = PROOF_WRONG;
				if (vd == PROOF_OK)
					return STYR_OK;
				proof_excerpt(says, sizeof(says), s->text, wat, pc->end);
				proof_fmt(a, sizeof(a), lev.v, lev.dec, false);
				proof_fmt(e, sizeof(e), lev.v - up * t[i].v, lev.dec, false);
				snprintf(other, sizeof(other),
				         "%.60s %d: %.24s mkr, alltså %d: %.24s mkr", word, y0 + 1,
				         a, y0, e);
				proof_fmt(e, sizeof(e), exact, pc->dec, true);
				return proof_add(c, s->line[pc->off], l,
				                 vd == PROOF_ROUNDING ? STYR_PROOF_AVRUNDNING
				                                      : STYR_PROOF_FEL,
				                 "förändring", says, other, e);
			}
		}
	}
	return STYR_OK;
}

static int check_sentence(void *arg, const struct psent *s)
{
	struct proof_ctx *c = arg;
	struct ptok t[PROOF_MAX_TOK];
	size_t n;
	int rc;

	/* the words every check here needs, found fast */
	if (!strstr(s->text, "esultat") && !strstr(s->text, "ESULTAT") &&
	    !strstr(s->text, " regionbidrag ") && !strstr(s->text, "mkr "))
		return STYR_OK;
	n = proof_tokens(s->text, t, PROOF_MAX_TOK);

	if ((rc = check_sign(c, s, t, n)) || (rc = check_mean_sign(c, s, t, n)) ||
	    (rc = check_level_step(c, s, t, n)))
		return rc;
	return check_bidrag(c, s, t, n);
}

int proof_repeat_check(struct proof_ctx *c)
{
	int rc = check_repeated(c);

	return rc ? rc : proof_sentences_each(c->doc, check_sentence, c, c->err);
}
