/*
 * Labels against the figures under them.
 *
 *   years     a table's header of years, one a line as a PDF's text leaves
 *             it ("2023", "Budget", "2024", "Budget", "2024", "Plan",
 *             "2026", "Plan") or on one line ("Mål 2024 2023 2022"), runs
 *             by one year a column; a year printed twice where the run
 *             needs another is a label on the wrong column.
 *   swapped   a header that names Utfall and Budget and then Avvikelse,
 *             over rows whose deviation column is Budget − Utfall where
 *             the words say Utfall − Budget (or the other way): the two
 *             labels are swapped, or the deviation has the wrong sign.
 *             Only said when every row with all three figures agrees.
 *   notes     a row that refers to its not ("… poster (not)") against the
 *             not's Summa: the same figures printed twice.
 * A header the reader cannot place (no run, two years out of place) is
 * not a finding.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "proof_int.h"

#define MAX_YEARS 12

struct yhead {
	int year[MAX_YEARS];
	int line[MAX_YEARS];
	int n;
};

/* One year printed where the run of the others needs another. */
static int check_run(struct proof_ctx *c, const struct yhead *h)
{
	int step, k, bad = -1;
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[32];

	if (h->n < 4)
		return STYR_OK;
	/* the step is the one most pairs agree on: +1 or −1 */
	for (step = -1; step <= 1; step += 2) {
		int off = 0;

		bad = -1;
		for (k = 1; k < h->n; k++)
			if (h->year[k] != h->year[0] + k * step) {
				off++;
				if (bad < 0)
					bad = k;
			}
		if (off == 1 && h->year[bad] == h->year[bad - 1])
			break;
		bad = -1;
	}
	if (bad < 0)
		return STYR_OK;
	snprintf(says, sizeof(says), "rubriken har %d två gånger", h->year[bad]);
	snprintf(other, sizeof(other), "kolumnerna går %s ett år i taget: %d, %d, …",
	         step > 0 ? "framåt" : "bakåt", h->year[0], h->year[0] + step);
	snprintf(should, sizeof(should), "%d", h->year[0] + bad * step);
	return proof_add(c, h->line[bad], h->line[bad - 1], STYR_PROOF_FEL, "rubrik", says, other,
	                 should);
}

/* A line that is only a year ("2024", "2024 "). */
static bool bare_year(const char *line, int *year)
{
	struct ptok t[2];

	if (proof_tokens(line, t, 2) != 1 || !t[0].year)
		return false;
	for (const char *p = line; *p; p++)
		if (p < line + t[0].off || p >= line + t[0].end)
			if (*p != ' ' && *p != '\t')
				return false;
	*year = (int)t[0].v;
	return true;
}

/* Headers of years, one a line: the years between two rows or running
 * text; a word ("Budget", "Plan") may stand between them. */
static int check_year_headers(struct proof_ctx *c)
{
	struct yhead h = {0};
	size_t i;
	int rc;

	for (i = 0; i < c->doc->nlines; i++) {
		const char *l = c->doc->lines[i];
		struct prow row;
		int y;

		if (bare_year(l, &y)) {
			if (h.n < MAX_YEARS) {
				h.year[h.n] = y;
				h.line[h.n] = (int)i + 1;
				h.n++;
			}
			continue;
		}
		if (proof_row_parse(l, (int)i + 1, &row)) {
			if (row.all_years && !h.n) {
				int k;

				for (k = 0; k < row.ncell && h.n < MAX_YEARS; k++) {
					h.year[h.n] = (int)row.cell[k].v;
					h.line[h.n] = (int)i + 1;
					h.n++;
				}
			}
			if ((rc = check_run(c, &h)))
				return rc;
			h.n = 0;
			continue;
		}
		/* words of a header ("Budget", "Utfall jan-dec") keep the run;
		 * running text ends it */
		if (strlen(l) > 40) {
			h.n = 0;
			continue;
		}
	}
	return STYR_OK;
}

/* Word w in the header lines from..to (1-based, inclusive), ignoring case
 * of ASCII letters; the first line it is on, or 0. */
static int header_word(const struct proof_ctx *c, int from, int to, const char *w)
{
	int l;

	for (l = from; l <= to; l++)
		if (proof_find(c->doc->lines[l - 1], w))
			return l;
	return 0;
}

/* "Utfall", "Budget", "Avvikelse" in a table's header in that order of
 * columns: the deviation column's sign tells which label is right. */
static int check_swapped(struct proof_ctx *c)
{
	size_t r = 0;

	while (r < c->nrows) {
		const struct prow *first = &c->rows[r];
		int hfrom = first->line - 12 > 1 ? first->line - 12 : 1, lu, lb, la, k;
		int iu = -1, agree = 0, against = 0, m = first->ncell, row_at = 0;
		size_t e = r, x;

		/* the rows of this table: the same width, short lines between */
		while (e + 1 < c->nrows && c->rows[e + 1].ncell == m &&
		       c->rows[e + 1].line - c->rows[e].line <= 3)
			e++;
		lu = header_word(c, hfrom, first->line - 1, "Utfall");
		lb = header_word(c, hfrom, first->line - 1, "Budget");
		la = header_word(c, hfrom, first->line - 1, "Avvikelse");
		if (!lu || !lb || !la || e - r < 2 || m < 3 || lu > lb || lb > la) {
			r = e + 1;
			continue;
		}
		/* the header's order is the columns' order: Utfall, Budget,
		 * Avvikelse among the first columns, a year's Utfall before
		 * them when the header names two */
		if (header_word(c, lu + 1, lb - 1, "Utfall"))
			lu = header_word(c, lu + 1, lb - 1, "Utfall");
		for (k = 0; k + 2 < m && iu < 0; k++) {
			/* the column where Utfall − Budget or Budget − Utfall
			 * gives the next-but-one */
			int ok1 = 0, ok2 = 0, n = 0;

			for (x = r; x <= e; x++) {
				const struct prow *w = &c->rows[x];
				double u = w->cell[k].v, b = w->cell[k + 1].v, a = w->cell[k + 2].v,
				       tol;
				int d = w->cell[k].dec;

				d = w->cell[k + 1].dec > d ? w->cell[k + 1].dec : d;
				d = w->cell[k + 2].dec > d ? w->cell[k + 2].dec : d;
				tol = 1.5 * pow(10, -d);

				if (w->cell[k].missing || w->cell[k + 1].missing ||
				    w->cell[k + 2].missing || w->cell[k].pct || w->cell[k + 2].pct)
					continue;
				n++;
				ok1 += fabs(u - b - a) < tol;
				ok2 += fabs(b - u - a) < tol && fabs(a) >= tol;
			}
			if (n >= 3 && (ok1 == n || ok2 == n) && ok1 + ok2 > 0) {
				iu = k;
				agree = ok1;
				against = ok2;
				row_at = c->rows[r].line;
			}
		}
		if (iu >= 0 && against > 0 && agree == 0) {
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT];

			snprintf(says, sizeof(says),
			         "rubriken Utfall, Budget, Avvikelse (rad %d, %d, %d)", lu, lb, la);
			snprintf(
			    other, sizeof(other),
			    "avvikelsen är kolumn %d − kolumn %d i alla %d rader: Budget − Utfall",
			    iu + 2, iu + 1, against);
			if (proof_add(c, lu, row_at, STYR_PROOF_FEL, "rubrik", says, other,
			              "Budget och Utfall i omvänd ordning, eller avvikelsen med "
			              "omvänt tecken"))
				return c->err->code;
		}
		r = e + 1;
	}
	return STYR_OK;
}

/* Words of five bytes or more of text[0..len) found in hay; *words: how
 * many there are.  From the second letter on, so that a capital outside
 * ASCII does not matter. */
static int words_found(const char *text, size_t len, const char *hay, int *words)
{
	size_t i = 0;
	int have = 0;

	*words = 0;
	while (i < len) {
		size_t w = 0;
		char word[64];

		while (i < len && !isalpha((unsigned char)text[i]) &&
		       !((unsigned char)text[i] & 0x80))
			i++;
		while (i + w < len &&
		       (isalpha((unsigned char)text[i + w]) || ((unsigned char)text[i + w] & 0x80)))
			w++;
		if (w >= 5 && w < sizeof(word)) {
			size_t skip = ((unsigned char)text[i] & 0x80) ? 2 : 1;

			memcpy(word, text + i + skip, w - skip);
			word[w - skip] = '\0';
			(*words)++;
			have += proof_find(hay, word) != NULL;
		}
		i += w;
	}
	return have;
}

/* "Justering för ej likviditetspåverkande poster (not) 7 380 8 381 …"
 * and the not "Not Specifikation av ej likviditetspåverkande poster" whose
 * Summa is "7 343 8 381 …": the same figures printed twice.  The not is
 * the first heading "Not …" within 200 lines after the row whose words
 * (two thirds of them) the row's label has; its first Summa row of the
 * same width is compared cell by cell. */
static int check_notes(struct proof_ctx *c)
{
	size_t r, x;

	for (r = 0; r < c->nrows; r++) {
		const struct prow *w = &c->rows[r];
		const char *line = c->doc->lines[w->line - 1];
		char label[160];
		size_t len = w->label_len < sizeof(label) - 1 ? w->label_len : sizeof(label) - 1;
		int l, heading = 0, k;

		if (!strstr(line, "(not"))
			continue;
		memcpy(label, line, len);
		while (len && label[len - 1] == ' ')
			len--;
		label[len] = '\0';
		for (l = w->line + 1; l <= w->line + 200 && l <= (int)c->doc->nlines; l++) {
			const char *h = c->doc->lines[l - 1];
			int have, words;

			while (*h == ' ')
				h++;
			if (strncmp(h, "Not ", 4))
				continue;
			have = words_found(h + 4, strlen(h + 4), label, &words);
			if (words >= 2 && have * 3 >= words * 2) {
				heading = l;
				break;
			}
		}
		if (!heading)
			continue;
		for (x = r + 1; x < c->nrows; x++) {
			const struct prow *sum = &c->rows[x];
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[48], b[48];

			if (sum->line <= heading)
				continue;
			if (sum->line > heading + 40)
				break;
			if (!sum->sum || sum->ncell != w->ncell)
				continue;
			for (k = 0; k < w->ncell; k++) {
				const struct ptok *p = &w->cell[k], *q = &sum->cell[k];

				if (p->missing || q->missing || p->pct || q->pct ||
				    p->dec != q->dec || fabs(p->v - q->v) < 0.5 * pow(10, -p->dec))
					continue;
				proof_fmt(a, sizeof(a), p->v, p->dec, false);
				proof_fmt(b, sizeof(b), q->v, q->dec, false);
				snprintf(says, sizeof(says), "%.100s, kolumn %d: %s", label, k + 1,
				         a);
				snprintf(other, sizeof(other),
				         "notens summa (rad %d), kolumn %d: %s", heading, k + 1, b);
				if (proof_add(c, w->line, sum->line, STYR_PROOF_FEL, "not", says,
				              other, b))
					return c->err->code;
			}
			break;
		}
	}
	return STYR_OK;
}

int proof_labels_check(struct proof_ctx *c)
{
	int rc = check_year_headers(c);

	if (!rc)
		rc = check_swapped(c);
	return rc ? rc : check_notes(c);
}
