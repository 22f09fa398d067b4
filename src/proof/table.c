/*
 * Tables as a PDF's text leaves them: each row a label and a run of
 * figures at the end of its line, headers and page numbers between the
 * rows, a table broken over pages, its header repeated.  A table region is
 * a stretch of rows with only short lines (sub-headings, repeated headers,
 * page numbers) between them; a line of running text ends it.  Most rows
 * of a region have the same number of cells; a row with another number
 * has lost or gained cells in the extraction and is irregular.
 *
 * Two kinds of check read a region:
 *   sums      a row labelled Summa, Totalt, Total or S:a is the sum of the
 *             rows above it back to the previous sum or sub-heading (or of
 *             the list-marked rows after it, "-Slutenvårdsoperationer");
 *             Resultat and Totalsumma are the sum of the sums.  A sum over
 *             an irregular row is not guessed: its lines are listed as not
 *             read.
 *   columns   a column that is the difference of two others (Avvikelse =
 *             Utfall − Budget) or the percent change between two others is
 *             recognised from the rows where it holds exactly, and the
 *             rows where it does not are findings.  Nothing is assumed
 *             from a header's words, which the extraction often scatters.
 * Each printed figure is compared at its printed precision (judge.c): a
 * sum of n rounded amounts may differ by n halves of its last digit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proof_int.h"

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || !strncmp(s, "\xc2\xa0", 2))
		s += *s == ' ' || *s == '\t' ? 1 : 2;
	return s;
}

static bool starts(const char *s, const char *word)
{
	return !strncasecmp(s, word, strlen(word));
}

bool proof_row_parse(const char *line, int lineno, struct prow *row)
{
	struct ptok t[PROOF_MAX_TOK];
	size_t n = proof_tokens(line, t, PROOF_MAX_TOK), k, i;
	const char *p, *label;

	if (n < 2)
		return false;
	for (p = line + t[n - 1].end; *p; p++)
		if (*p != ' ' && *p != '*' && *p != '\t' && *p != '\r')
			return false;
	k = n - 1;
	while (k > 0) {
		for (p = line + t[k - 1].end; p < line + t[k].off; p++)
			if (*p != ' ' && *p != '\t' && *p != '*')
				break;
		if (p < line + t[k].off)
			break;
		k--;
	}
	if (n - k < 2)
		return false;
	memset(row, 0, sizeof(*row));
	row->line = lineno;
	row->ncell = (int)(n - k);
	row->all_years = true;
	for (i = k; i < n; i++) {
		row->cell[i - k] = t[i];
		if (!t[i].year)
			row->all_years = false;
	}
	row->label_len = t[k].off;
	label = skip_ws(line);
	row->part = label[0] == '-' || !strncmp(label, "\xe2\x80\x93", 3);
	/* the kassaflödesanalys names its sums "Medel från …" and their sum
	 * "Årets kassaflöde"; a resultaträkning "Verksamhetens nettokostnader" */
	row->grand = starts(label, "resultat") || starts(label, "totalsumma") ||
	             starts(label, "summa totalt") || starts(label, "årets kassaflöde") ||
	             starts(label, "Årets kassaflöde") || starts(label, "ÅRETS KASSAFLÖDE");
	row->sum = row->grand || starts(label, "summa") || starts(label, "totalt") ||
	           starts(label, "total ") || starts(label, "s:a") || starts(label, "medel från") ||
	           starts(label, "verksamhetens nettokostnader");
	return true;
}

int proof_rows_read(struct proof_ctx *c, const struct styr_proof_doc *doc, struct prow **rows,
                    size_t *nrows, size_t *cap)
{
	size_t i;

	*nrows = 0;
	for (i = 0; i < doc->nlines; i++) {
		if (styr_array_grow((void **)rows, cap, *nrows, sizeof(**rows), c->err))
			return c->err->code;
		if (proof_row_parse(doc->lines[i], (int)i + 1, &(*rows)[*nrows]))
			(*nrows)++;
	}
	return STYR_OK;
}

/* A line between rows that does not end the table: empty, a page number
 * ("65 (82)"), a heading or a repeated header.  Running text ends it. */
static bool short_line(const char *line)
{
	int words = 0;
	const char *p = skip_ws(line);

	while (*p) {
		words++;
		while (*p && *p != ' ')
			p++;
		p = skip_ws(p);
	}
	return words <= 6 && strlen(line) <= 70;
}

static double unit_of(int dec)
{
	return pow(10, -dec);
}

/* "varav …", "– därav …": a part of the row above, not a term of a sum */
static bool is_varav(const struct styr_proof_doc *doc, const struct prow *r)
{
	const char *l = skip_ws(doc->lines[r->line - 1]);

	if (r->part)
		l = skip_ws(l + (l[0] == '-' ? 1 : 3));
	return starts(l, "varav") || starts(l, "därav");
}

/* Split cell k of r ("452 963") into its two figures, 452 and 963. */
static void split_cell(struct prow *r, int k)
{
	struct ptok *t = &r->cell[k];
	double a = fabs(t->v);

	memmove(&r->cell[k + 2], &r->cell[k + 1], (size_t)(r->ncell - k - 1) * sizeof(*t));
	r->cell[k + 1] = *t;
	r->cell[k + 1].v = fmod(a, 1000);
	r->cell[k + 1].groups = 0;
	r->cell[k + 1].lead = 3;
	r->cell[k + 1].off = t->end - 3;
	t->v = (t->v < 0 ? -1 : 1) * floor(a / 1000);
	t->groups = 0;
	t->end -= 4;
	r->ncell++;
}

/* How far a row's figures are from the usual size of their columns
 * (med: the median number of digits of each column, < 0 when unknown). */
static double magnitude_score(const struct prow *r, const double *med)
{
	double score = 0;
	int k;

	for (k = 0; k < r->ncell; k++)
		if (med[k] >= 0 && !r->cell[k].missing && !r->cell[k].pct)
			score += fabs(log10(fabs(r->cell[k].v) + 1) - med[k]);
	return score;
}

/* A row short of cells: "907 1 415 452 963 1 152" where the region's
 * rows have five is 907, 1 415, 452, 963, 1 152; "30 159 1 050 –542"
 * where they have four is 30, 159, 1 050, −542.  Each way of splitting
 * as many grouped figures as are missing is tried; a split that leaves a
 * figure with a leading zero ("1 050" as 1 and 050) is not a reading.
 * Of the readings left, the one whose figures fit the sizes of their
 * columns best is taken, and only when no other fits as well; otherwise
 * the row stays irregular. */
static void split_row(struct prow *r, int mode, const double *med)
{
	int cand[16], nc = 0, want = mode - r->ncell, k, best = -1, combos = 0;
	unsigned mask, bestmask = 0;
	double bestscore = 0;
	bool tie = false;

	if (want <= 0 || want > 3 || mode > PROOF_MAX_TOK)
		return;
	for (k = 0; k < r->ncell && nc < 16; k++)
		if (r->cell[k].groups == 1 && !r->cell[k].dec && !r->cell[k].pct &&
		    fmod(fabs(r->cell[k].v), 1000) >= 100)
			cand[nc++] = k;
	for (mask = 0; mask < (1u << nc); mask++) {
		struct prow t;
		double score;
		int bits = 0;

		for (k = 0; k < nc; k++)
			bits += (mask >> k) & 1;
		if (bits != want)
			continue;
		t = *r;
		for (k = nc - 1; k >= 0; k--)
			if ((mask >> k) & 1)
				split_cell(&t, cand[k]);
		score = magnitude_score(&t, med);
		combos++;
		if (best < 0 || score < bestscore - 1e-9) {
			best = 1;
			bestscore = score;
			bestmask = mask;
			tie = false;
		} else if (fabs(score - bestscore) <= 1e-9) {
			tie = true;
		}
	}
	if (best < 0 || (tie && combos > 1))
		return;
	for (k = nc - 1; k >= 0; k--)
		if ((bestmask >> k) & 1)
			split_cell(r, cand[k]);
}

/* Row indices into c->rows for one region, and where its groups start. */
struct region {
	size_t *idx;
	/* 1: a sub-heading stands before this row; 2: a table's header of
	 * years ("2023", "Budget", "2024" …) */
	char *group_start;
	size_t n, cap, cap_start;
	int mode; /* the usual number of cells */
};

static void label_of(const struct proof_ctx *c, const struct prow *r, char *buf, size_t size)
{
	const char *l = skip_ws(c->doc->lines[r->line - 1]);
	size_t len = r->label_len - (size_t)(l - c->doc->lines[r->line - 1]);

	while (len && (l[len - 1] == ' ' || l[len - 1] == '\t'))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(buf, l, len);
	buf[len] = '\0';
}

/* Sum column col over rows from..to-1 of the region (not sums, not
 * varav, not headers); false when a row is irregular or the cell is a
 * percent. */
static bool sum_terms(const struct proof_ctx *c, const struct region *g, size_t from, size_t to,
                      int col, int ncell, double *sum, int *nterms, int *dec, bool *irregular)
{
	size_t i;

	*sum = 0;
	*nterms = 0;
	for (i = from; i < to; i++) {
		const struct prow *r = &c->rows[g->idx[i]];

		if (r->all_years || r->sum || is_varav(c->doc, r))
			continue;
		if (r->ncell != ncell) {
			*irregular = true;
			return false;
		}
		if (r->cell[col].pct)
			return false;
		if (r->cell[col].missing)
			continue;
		*sum += r->cell[col].v;
		if (r->cell[col].dec > *dec)
			*dec = r->cell[col].dec;
		(*nterms)++;
	}
	return true;
}

/* Where a sum row's terms may start: the previous sum row (or the end of
 * a row's "därav" parts), the last sub-heading after it, the table's
 * header. */
struct sum_scope {
	size_t at, from_sum, from_group, from_table, nsums;
};

/* One way to read a sum: its value, terms, decimals and first line.
 * pref: the reading the table's structure gives (the rows back to the
 * sub-heading, for a Resultat the sums above), shown when no reading
 * gives the printed figure. */
struct sum_cand {
	double v;
	int n, d, first;
	bool pref;
};

#define SUM_MAX_CAND 48

/* Where the terms of the sum at region index i start: after the previous
 * sum or "därav" row, or at the last sub-heading before it, not before
 * from. */
static size_t scope_start(const struct proof_ctx *c, const struct region *g, size_t i, size_t from)
{
	size_t k = i;

	while (k > from) {
		const struct prow *r = &c->rows[g->idx[k - 1]];

		if (r->sum || is_varav(c->doc, r))
			break;
		k--;
		if (g->group_start[k])
			break;
	}
	return k;
}

/* The sums between from and at with the rows no sum covers: "SUMMA EGET
 * KAPITAL, AVSÄTTNINGAR OCH SKULDER" = Eget kapital + Summa avsättningar
 * + Summa långfristiga + Summa kortfristiga skulder. */
static bool sums_and_rest(const struct proof_ctx *c, const struct region *g, size_t from, size_t at,
                          int col, int ncell, double *sum, int *nterms, int *dec)
{
	size_t i = at;

	*sum = 0;
	*nterms = 0;
	while (i > from) {
		const struct prow *r = &c->rows[g->idx[--i]];

		if (r->all_years || is_varav(c->doc, r))
			continue;
		if (r->ncell != ncell || r->cell[col].pct)
			return false;
		if (!r->cell[col].missing) {
			*sum += r->cell[col].v;
			*dec = r->cell[col].dec > *dec ? r->cell[col].dec : *dec;
			(*nterms)++;
		}
		if (r->sum)
			i = scope_start(c, g, i, from);
	}
	return true;
}

static void cand_add(struct sum_cand *v, size_t *n, double sum, int nterms, int dec, int first,
                     bool pref)
{
	if (*n < SUM_MAX_CAND && nterms >= 2)
		v[(*n)++] = (struct sum_cand){sum, nterms, dec, first, pref};
}

/* The candidate sums for column col: the group, the rows back to the
 * previous sum, the list-marked rows after the sum, for Resultat the sums
 * above, and totals over sums from each earlier sum and sub-heading.  The
 * one nearest to the printed figure is taken; when none gives it within
 * the rounding, the structural one (pref) is.  False when none has two
 * terms. */
static bool best_sum(const struct proof_ctx *c, const struct region *g, const struct sum_scope *sc,
                     int col, double *best, int *bestn, int *bestd, int *first, bool *irregular)
{
	const struct prow *s = &c->rows[g->idx[sc->at]];
	struct sum_cand cand[SUM_MAX_CAND];
	size_t i, nc = 0, k, pick = 0;
	int pass;
	bool have_pref = false;

	for (pass = 0; pass < 5; pass++) {
		size_t a = pass == 0 ? sc->from_group : pass == 4 ? 0 : sc->from_sum, b = sc->at;
		double v = 0;
		int n = 0, d = s->cell[col].dec;

		if ((pass == 0 && sc->from_group == sc->from_sum) || (pass == 4 && !sc->from_sum))
			continue;
		if (pass == 2) {
			for (b = sc->at + 1; b < g->n && c->rows[g->idx[b]].part; b++)
				;
			a = sc->at + 1;
			if (b - a < 2)
				continue;
		}
		if (pass == 3) {
			if (!s->grand || sc->nsums < 2)
				continue;
			for (i = sc->from_table; i < sc->at; i++) {
				const struct prow *r = &c->rows[g->idx[i]];

				if (!r->sum || r->ncell != s->ncell || r->cell[col].missing)
					continue;
				v += r->cell[col].v;
				d = r->cell[col].dec > d ? r->cell[col].dec : d;
				n++;
			}
			a = sc->from_table;
		} else if (!sum_terms(c, g, a, b, col, s->ncell, &v, &n, &d, irregular)) {
			continue;
		}
		cand_add(cand, &nc, v, n, d, c->rows[g->idx[a]].line,
		         s->grand ? pass == 3
		                  : pass == 0 || (pass == 1 && sc->from_group == sc->from_sum));
	}
	/* totals over sums ("SUMMA TILLGÅNGAR" = Summa anläggningstillgångar
	 * + the rows after it): from each earlier sum and sub-heading */
	for (i = sc->from_table; i < sc->at; i++) {
		const struct prow *e = &c->rows[g->idx[i]];
		size_t a = e->sum ? i + 1 : i;
		double v = 0;
		int n = 0, d = s->cell[col].dec;
		bool irr = false;

		if (!e->sum && !g->group_start[i] && i != sc->from_table)
			continue;
		if (sum_terms(c, g, a, sc->at, col, s->ncell, &v, &n, &d, &irr))
			cand_add(cand, &nc, v, n, d, c->rows[g->idx[a]].line, false);
		v = 0;
		n = 0;
		d = s->cell[col].dec;
		if (sums_and_rest(c, g, a, sc->at, col, s->ncell, &v, &n, &d))
			cand_add(cand, &nc, v, n, d, c->rows[g->idx[a]].line,
			         s->grand && i == sc->from_table && sc->nsums < 2);
	}
	if (!nc)
		return false;
	for (k = 1; k < nc; k++)
		if (fabs(cand[k].v - s->cell[col].v) < fabs(cand[pick].v - s->cell[col].v))
			pick = k;
	/* no reading gives the printed figure: show the table's own */
	if (fabs(proof_round(cand[pick].v, cand[pick].d) - s->cell[col].v) >
	    (cand[pick].n + 1) * unit_of(cand[pick].d) / 2 + 1e-9)
		for (k = 0; k < nc && !have_pref; k++)
			if (cand[k].pref) {
				pick = k;
				have_pref = true;
			}
	*best = cand[pick].v;
	*bestn = cand[pick].n;
	*bestd = cand[pick].d;
	*first = cand[pick].first;
	return true;
}

static int check_sum_row(struct proof_ctx *c, const struct region *g, size_t at)
{
	const struct prow *s = &c->rows[g->idx[at]];
	struct sum_scope sc = {.at = at};
	size_t i;
	int col, bad = 0, checked = 0, report;
	double sdiff[PROOF_MAX_TOK] = {0};
	bool has[PROOF_MAX_TOK] = {0};
	char label[80];

	/* a row with "därav" parts is a total of its own: the terms of a sum
	 * below it start after its parts */
	for (i = at; i > 0; i--)
		if (c->rows[g->idx[i - 1]].sum || is_varav(c->doc, &c->rows[g->idx[i - 1]])) {
			sc.from_sum = i;
			break;
		}
	sc.from_group = sc.from_sum;
	for (i = at; i > sc.from_sum; i--)
		if (g->group_start[i]) {
			sc.from_group = i;
			break;
		}
	for (i = at; i > 0; i--)
		if (g->group_start[i] == 2)
			break;
	sc.from_table = i;
	for (i = sc.from_table; s->grand && i < at; i++)
		sc.nsums += c->rows[g->idx[i]].sum && c->rows[g->idx[i]].ncell == s->ncell;
	label_of(c, s, label, sizeof(label));
	/* first count, then report: a sum that fails in most columns was
	 * read wrong, not printed wrong */
	for (report = 0; report < 2; report++) {
		for (col = 0; col < s->ncell; col++) {
			const struct ptok *p = &s->cell[col];
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[48], b[48];
			double best = 0, diff, half;
			int n = 0, d = 0, first = 0;
			bool irregular = false;

			if (p->missing || p->pct)
				continue;
			if (!best_sum(c, g, &sc, col, &best, &n, &d, &first, &irregular)) {
				if (irregular && !report)
					return proof_unread(
					    c, c->rows[g->idx[sc.from_sum]].line, s->line,
					    "raderna ovanför summan har inte lika många "
					    "kolumner: summan kontrolleras inte");
				continue;
			}
			diff = fabs(proof_round(best, d) - p->v);
			half = unit_of(d) / 2;
			if (!report) {
				sdiff[col] = p->v - proof_round(best, d);
				has[col] = !d;
				checked++;
				bad += diff > (n + 1) * half + 1e-9;
				continue;
			}
			if (diff < half)
				continue;
			proof_fmt(a, sizeof(a), p->v, p->dec, false);
			proof_fmt(b, sizeof(b), best, d, false);
			snprintf(says, sizeof(says), "%s, kolumn %d: %s", label, col + 1, a);
			snprintf(other, sizeof(other), "summan av %d rader från rad %d: %s", n,
			         first, b);
			if (proof_add(c, s->line, first,
			              diff <= (n + 1) * half + 1e-9 ? STYR_PROOF_AVRUNDNING
			                                            : STYR_PROOF_FEL,
			              "summa", says, other, b))
				return c->err->code;
		}
		/* a difference of 1 000 here and −1 there: an amount of millions
		 * read as two cells, "14 740 105" as 14 740 and 105 */
		for (col = 1; !report && col < s->ncell; col++)
			if (has[col] && has[col - 1] && sdiff[col] &&
			    fabs(fmod(sdiff[col], 1000)) < 1e-9 &&
			    fabs(sdiff[col - 1] + sdiff[col] / 1000) < 1e-9)
				return proof_unread(c, c->rows[g->idx[sc.from_sum]].line, s->line,
				                    "belopp i miljoner går inte att skilja från "
				                    "kolumnerna: summan kontrolleras inte");
		if (!report && checked >= 2 && bad >= 2 && bad * 2 > checked)
			return proof_unread(c, c->rows[g->idx[sc.from_sum]].line, s->line,
			                    "summaraden stämmer inte i de flesta kolumner: raderna "
			                    "kan ha tappat sina kolumner");
	}
	return STYR_OK;
}

/* Cells i, j, k of a row as plain values (not percent, not missing). */
static bool values3(const struct prow *r, int i, int j, int k)
{
	return !r->cell[i].missing && !r->cell[j].missing && !r->cell[k].missing &&
	       !r->cell[i].pct && !r->cell[j].pct;
}

static int maxdec(const struct prow *r, int i, int j, int k)
{
	int d = r->cell[i].dec;

	if (r->cell[j].dec > d)
		d = r->cell[j].dec;
	return r->cell[k].dec > d ? r->cell[k].dec : d;
}

/* The relation "cell k = cell i − cell j" (pct false) or "cell k = the
 * percent change from j to i" (pct true) on row r. */
static enum proof_verdict relation(const struct prow *r, int i, int j, int k, bool pct,
                                   double *exact)
{
	if (!pct) {
		int d = maxdec(r, i, j, k);
		double u = unit_of(d), diff;

		*exact = r->cell[i].v - r->cell[j].v;
		diff = fabs(*exact - r->cell[k].v);
		if (diff < u / 2)
			return PROOF_OK;
		return diff <= 1.5 * u + 1e-9 ? PROOF_ROUNDING : PROOF_WRONG;
	} else {
		struct pint range;

		if (!r->cell[j].v ||
		    !proof_int_change(proof_int_of(&r->cell[j]), proof_int_of(&r->cell[i]), &range))
			return PROOF_WRONG;
		*exact = 100 * (r->cell[i].v - r->cell[j].v) / r->cell[j].v;
		return proof_judge(&r->cell[k], *exact, range);
	}
}

static int check_columns(struct proof_ctx *c, const struct region *g)
{
	int m = g->mode, i, j, k, pct, bi = -1, bj = -1, bk = -1, bpct = 0;
	size_t best = 0, bestvalid = 0, x;

	if (m < 3 || g->n < 3)
		return STYR_OK;
	for (pct = 0; pct < 2; pct++)
		for (k = 0; k < m; k++)
			for (i = 0; i < m; i++)
				for (j = 0; j < m; j++) {
					size_t ok = 0, valid = 0;

					if (i == j || i == k || j == k)
						continue;
					for (x = 0; x < g->n; x++) {
						const struct prow *r = &c->rows[g->idx[x]];
						double e;

						if (r->ncell != m || r->all_years ||
						    !values3(r, i, j, k) || r->cell[k].pct != pct ||
						    !r->cell[k].v)
							continue;
						valid++;
						ok += relation(r, i, j, k, pct, &e) == PROOF_OK;
					}
					if (ok >= 3 && ok * 10 >= valid * 7 && ok > best) {
						best = ok;
						bestvalid = valid;
						bi = i;
						bj = j;
						bk = k;
						bpct = pct;
					}
				}
	if (bi < 0 || best == bestvalid)
		return STYR_OK;
	for (x = 0; x < g->n; x++) {
		const struct prow *r = &c->rows[g->idx[x]];
		char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[STYR_PROOF_TEXT],
		    label[80], a[48], b[48], e1[48];
		enum proof_verdict v;
		double e;

		if (r->ncell != m || r->all_years || !values3(r, bi, bj, bk) ||
		    r->cell[bk].pct != bpct)
			continue;
		v = relation(r, bi, bj, bk, bpct, &e);
		if (v == PROOF_OK)
			continue;
		label_of(c, r, label, sizeof(label));
		proof_fmt(a, sizeof(a), r->cell[bi].v, r->cell[bi].dec, false);
		proof_fmt(b, sizeof(b), r->cell[bj].v, r->cell[bj].dec, false);
		proof_fmt(e1, sizeof(e1), r->cell[bk].v, r->cell[bk].dec, bpct);
		snprintf(says, sizeof(says), "%s, kolumn %d: %s", label, bk + 1, e1);
		snprintf(other, sizeof(other),
		         bpct ? "förändringen från %2$s till %1$s"
		              : "kolumn %3$d − kolumn %4$d: %1$s − %2$s",
		         a, b, bi + 1, bj + 1);
		proof_fmt(e1, sizeof(e1), e, bpct ? r->cell[bk].dec : maxdec(r, bi, bj, bk), bpct);
		snprintf(should, sizeof(should), "%s", e1);
		if (proof_add(c, r->line, r->line,
		              v == PROOF_ROUNDING ? STYR_PROOF_AVRUNDNING : STYR_PROOF_FEL,
		              bpct ? "procentkolumn" : "differenskolumn", says, other, should))
			return c->err->code;
	}
	return STYR_OK;
}

/* Cell k of row a as a share of cell k of row b: 100 × a / b, over the
 * values inside both figures' rounding. */
static enum proof_verdict share_of(const struct prow *p, const struct prow *a, const struct prow *b,
                                   int k, double *exact)
{
	struct pint x = proof_int_of(&a->cell[k]), y = proof_int_of(&b->cell[k]);

	if (a->cell[k].missing || b->cell[k].missing || p->cell[k].missing || y.lo <= 0 ||
	    a->cell[k].pct || b->cell[k].pct)
		return PROOF_OK;
	*exact = 100 * a->cell[k].v / b->cell[k].v;
	return proof_judge(&p->cell[k], *exact,
	                   (struct pint){100 * x.lo / y.hi, 100 * x.hi / y.lo});
}

/* "Andel STBH 11% 18% 13%" under the rows of STBH (34 55 45) and VGM
 * (312 346 346): a row of percents labelled Andel is the share of one
 * row above in another, recognised from the columns where it holds (all
 * but one, at least two); the column where it does not is a finding. */
static int check_share_rows(struct proof_ctx *c, const struct region *g)
{
	size_t x, i, j;

	for (x = 0; x < g->n; x++) {
		const struct prow *p = &c->rows[g->idx[x]];
		const char *l = skip_ws(c->doc->lines[p->line - 1]);
		int k, bi = -1, bj = -1, best = 0, nbest = 0;
		bool allpct = p->ncell >= 3;

		for (k = 0; k < p->ncell; k++)
			allpct = allpct && p->cell[k].pct;
		if (!allpct || !starts(l, "andel"))
			continue;
		for (i = 0; i < x; i++)
			for (j = 0; j < x; j++) {
				const struct prow *a = &c->rows[g->idx[i]],
				                  *b = &c->rows[g->idx[j]];
				int ok = 0, n = 0;
				double e;

				if (i == j || a->ncell != p->ncell || b->ncell != p->ncell)
					continue;
				for (k = 0; k < p->ncell; k++) {
					if (a->cell[k].missing || b->cell[k].missing ||
					    a->cell[k].pct || b->cell[k].pct || b->cell[k].v <= 0)
						continue;
					n++;
					ok += share_of(p, a, b, k, &e) == PROOF_OK;
				}
				if (n < 3 || ok < 2 || ok < n - 1)
					continue;
				if (ok > best) {
					best = ok;
					nbest = 1;
					bi = (int)i;
					bj = (int)j;
				} else if (ok == best) {
					nbest++;
				}
			}
		if (bi < 0 || nbest != 1)
			continue;
		for (k = 0; k < p->ncell; k++) {
			const struct prow *a = &c->rows[g->idx[bi]], *b = &c->rows[g->idx[bj]];
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[48], v1[48],
			    v2[48], label[80];
			double e = 0;
			enum proof_verdict v = share_of(p, a, b, k, &e);

			if (v == PROOF_OK)
				continue;
			label_of(c, p, label, sizeof(label));
			proof_fmt(v1, sizeof(v1), p->cell[k].v, p->cell[k].dec, true);
			snprintf(says, sizeof(says), "%s, kolumn %d: %s", label, k + 1, v1);
			proof_fmt(v1, sizeof(v1), a->cell[k].v, a->cell[k].dec, false);
			proof_fmt(v2, sizeof(v2), b->cell[k].v, b->cell[k].dec, false);
			snprintf(other, sizeof(other),
			         "rad %d / rad %d: %s / %s (som i de andra kolumnerna)", a->line,
			         b->line, v1, v2);
			proof_fmt(should, sizeof(should), e, p->cell[k].dec, true);
			if (proof_add(c, p->line, a->line,
			              v == PROOF_ROUNDING ? STYR_PROOF_AVRUNDNING : STYR_PROOF_FEL,
			              "andelar", says, other, should))
				return c->err->code;
		}
	}
	return STYR_OK;
}

static int check_region(struct proof_ctx *c, struct region *g)
{
	int counts[PROOF_MAX_TOK + 1] = {0}, rc, k;
	double med[PROOF_MAX_TOK];
	size_t i;

	if (!g->n)
		return STYR_OK;
	g->mode = 0;
	for (i = 0; i < g->n; i++) {
		const struct prow *r = &c->rows[g->idx[i]];

		if (!r->all_years && ++counts[r->ncell] > counts[g->mode])
			g->mode = r->ncell;
	}
	/* the usual size of each column's figures, for reading short rows */
	for (k = 0; k < g->mode; k++) {
		double v[64];
		size_t nv = 0, a, b;

		for (i = 0; i < g->n && nv < 64; i++) {
			const struct prow *r = &c->rows[g->idx[i]];

			if (r->ncell == g->mode && !r->all_years && !r->cell[k].missing &&
			    !r->cell[k].pct)
				v[nv++] = log10(fabs(r->cell[k].v) + 1);
		}
		for (a = 1; a < nv; a++)
			for (b = a; b > 0 && v[b - 1] > v[b]; b--) {
				double x = v[b];

				v[b] = v[b - 1];
				v[b - 1] = x;
			}
		med[k] = nv ? v[nv / 2] : -1;
	}
	for (i = 0; i < g->n; i++)
		if (c->rows[g->idx[i]].ncell < g->mode)
			split_row(&c->rows[g->idx[i]], g->mode, med);
	for (i = 0; i < g->n; i++)
		if (c->rows[g->idx[i]].sum && (rc = check_sum_row(c, g, i)))
			return rc;
	if ((rc = check_share_rows(c, g)))
		return rc;
	/* the column relations: one per set of rows with the usual width */
	rc = check_columns(c, g);
	g->n = 0;
	return rc;
}

/* A row of shares only ("60,6 % 1,5 % 14,1 % …"): they should make 100 %.
 * Only a sum that is off by no more than the rounding of its terms is
 * taken for shares, so this never says fel. */
static int check_shares(struct proof_ctx *c, const struct prow *r)
{
	char says[STYR_PROOF_TEXT], a[32];
	double sum = 0, diff;
	int k, dec = 0;

	if (r->ncell < 3)
		return STYR_OK;
	for (k = 0; k < r->ncell; k++) {
		if (!r->cell[k].pct || r->cell[k].missing)
			return STYR_OK;
		sum += r->cell[k].v;
		dec = r->cell[k].dec > dec ? r->cell[k].dec : dec;
	}
	diff = fabs(proof_round(sum, dec) - 100);
	if (diff < unit_of(dec) / 2 || diff > r->ncell * unit_of(dec) / 2 + 1e-9)
		return STYR_OK;
	proof_fmt(a, sizeof(a), sum, dec, true);
	snprintf(says, sizeof(says), "%d andelar summerar till %s", r->ncell, a);
	return proof_add(c, r->line, 0, STYR_PROOF_AVRUNDNING, "andelar", says, "", "100\xc2\xa0%");
}

int proof_tables_check(struct proof_ctx *c)
{
	struct region g = {0};
	size_t r = 0, line;
	char pending_group = 0;
	int rc = STYR_OK;

	for (line = 1; line <= c->doc->nlines && !rc; line++) {
		const char *text = c->doc->lines[line - 1];

		if (r < c->nrows && c->rows[r].line == (int)line) {
			if (c->rows[r].all_years) {
				pending_group = 2;
				r++;
				continue;
			}
			if (styr_array_grow((void **)&g.idx, &g.cap, g.n, sizeof(*g.idx), c->err))
				break;
			if (styr_array_grow((void **)&g.group_start, &g.cap_start, g.n,
			                    sizeof(*g.group_start), c->err))
				break;
			g.idx[g.n] = r;
			g.group_start[g.n] = pending_group;
			g.n++;
			pending_group = 0;
			r++;
			continue;
		}
		if (*skip_ws(text) == '\0')
			continue;
		if (short_line(text)) {
			struct ptok y[2];

			/* a header of years, one a line: a new table */
			if (proof_tokens(text, y, 2) == 1 && y[0].year)
				pending_group = 2;
			else if (!pending_group)
				pending_group = 1;
			continue;
		}
		rc = check_region(c, &g);
		pending_group = 0;
	}
	if (!rc && !c->err->code)
		rc = check_region(c, &g);
	for (r = 0; !rc && r < c->nrows; r++)
		rc = check_shares(c, &c->rows[r]);
	free(g.idx);
	free(g.group_start);
	return rc ? rc : (int)c->err->code;
}
