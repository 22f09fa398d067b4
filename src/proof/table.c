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
	row->grand = starts(label, "resultat") || starts(label, "totalsumma") ||
	             starts(label, "summa totalt");
	row->sum = row->grand || starts(label, "summa") || starts(label, "totalt") ||
	           starts(label, "total ") || starts(label, "s:a");
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

/* A row short of cells: "907 1 415 452 963 1 152" where the region's
 * rows have five is 907, 1 415, 452, 963, 1 152.  Grouped figures with a
 * lead of three digits are split first, any grouped figure only when
 * exactly as many are needed; otherwise the row stays irregular. */
static void split_row(struct prow *r, int mode)
{
	int k, n3 = 0, n = 0, want = mode - r->ncell, lead;

	for (k = 0; k < r->ncell; k++) {
		n3 += r->cell[k].groups == 1 && r->cell[k].lead == 3 && !r->cell[k].dec;
		n += r->cell[k].groups == 1 && !r->cell[k].dec;
	}
	if (want <= 0 || mode > PROOF_MAX_TOK)
		return;
	if (n3 == want)
		lead = 3;
	else if (n == want)
		lead = 0;
	else
		return;
	for (k = r->ncell - 1; k >= 0; k--) {
		struct ptok *t = &r->cell[k];
		double a = fabs(t->v);

		if (t->groups != 1 || t->dec || (lead && t->lead != lead))
			continue;
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
}

/* Row indices into c->rows for one region, and where its groups start. */
struct region {
	size_t *idx;
	bool *group_start; /* a sub-heading stands before this row */
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

/* Where a sum row's terms may start: the previous sum row, and the last
 * sub-heading after it. */
struct sum_scope {
	size_t at, from_sum, from_group, nsums;
};

/* The candidate sum for column col nearest to the printed one: the group,
 * the rows back to the previous sum, the list-marked rows after the sum,
 * and for Resultat the sums above.  False when none has two terms. */
static bool best_sum(const struct proof_ctx *c, const struct region *g, const struct sum_scope *sc,
                     int col, double *best, int *bestn, int *bestd, int *first, bool *irregular)
{
	const struct prow *s = &c->rows[g->idx[sc->at]];
	bool found = false;
	size_t i;
	int pass;

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
			for (i = 0; i < sc->at; i++) {
				const struct prow *r = &c->rows[g->idx[i]];

				if (!r->sum || r->ncell != s->ncell || r->cell[col].missing)
					continue;
				v += r->cell[col].v;
				d = r->cell[col].dec > d ? r->cell[col].dec : d;
				n++;
			}
			a = 0;
		} else if (!sum_terms(c, g, a, b, col, s->ncell, &v, &n, &d, irregular)) {
			continue;
		}
		if (n < 2)
			continue;
		if (!found || fabs(v - s->cell[col].v) < fabs(*best - s->cell[col].v)) {
			*best = v;
			*bestn = n;
			*bestd = d;
			*first = c->rows[g->idx[a]].line;
			found = true;
		}
	}
	return found;
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

	for (i = at; i > 0; i--)
		if (c->rows[g->idx[i - 1]].sum) {
			sc.from_sum = i;
			break;
		}
	sc.from_group = sc.from_sum;
	for (i = at; i > sc.from_sum; i--)
		if (g->group_start[i]) {
			sc.from_group = i;
			break;
		}
	for (i = 0; s->grand && i < at; i++)
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
		if (!report && checked >= 2 && bad >= 2 && bad * 2 >= checked)
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

static int check_region(struct proof_ctx *c, struct region *g)
{
	int counts[PROOF_MAX_TOK + 1] = {0}, rc;
	size_t i;

	if (!g->n)
		return STYR_OK;
	g->mode = 0;
	for (i = 0; i < g->n; i++) {
		const struct prow *r = &c->rows[g->idx[i]];

		if (!r->all_years && ++counts[r->ncell] > counts[g->mode])
			g->mode = r->ncell;
	}
	for (i = 0; i < g->n; i++)
		if (c->rows[g->idx[i]].ncell < g->mode)
			split_row(&c->rows[g->idx[i]], g->mode);
	for (i = 0; i < g->n; i++)
		if (c->rows[g->idx[i]].sum && (rc = check_sum_row(c, g, i)))
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
	bool pending_group = false;
	int rc = STYR_OK;

	for (line = 1; line <= c->doc->nlines && !rc; line++) {
		const char *text = c->doc->lines[line - 1];

		if (r < c->nrows && c->rows[r].line == (int)line) {
			if (c->rows[r].all_years) {
				pending_group = true;
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
			pending_group = false;
			r++;
			continue;
		}
		if (*skip_ws(text) == '\0')
			continue;
		if (short_line(text)) {
			pending_group = true;
			continue;
		}
		rc = check_region(c, &g);
		pending_group = false;
	}
	if (!rc && !c->err->code)
		rc = check_region(c, &g);
	for (r = 0; !rc && r < c->nrows; r++)
		rc = check_shares(c, &c->rows[r]);
	free(g.idx);
	free(g.group_start);
	return rc ? rc : (int)c->err->code;
}
