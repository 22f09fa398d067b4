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
#include <ctype.h>
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

/* Words of amounts and time that any label may have ("Skatteintäkter
 * (miljoner kronor)"): they do not name a row. */
static bool unit_word(const char *w, size_t len)
{
	static const char *const words[] = {"miljoner", "miljarder", "kronor", "procent", "under"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == len && !strncmp(w, words[i], len))
			return true;
	return false;
}

/* The words of a row's label (letters only, five bytes or more) that the
 * sentence has, and how many words it has. */
static void label_words_in(const char *line, size_t len, const char *s, int *have, int *words)
{
	size_t i = 0;

	*have = *words = 0;
	while (i < len) {
		size_t w = 0;
		char word[64];

		while (i < len && !isalpha((unsigned char)line[i]) &&
		       !((unsigned char)line[i] & 0x80))
			i++;
		while (i + w < len &&
		       (isalpha((unsigned char)line[i + w]) || ((unsigned char)line[i + w] & 0x80)))
			w++;
		if (w >= 5 && w < sizeof(word) && !unit_word(line + i, w)) {
			/* from the second letter: "Åtgärder" and "åtgärder" */
			size_t skip = ((unsigned char)line[i] & 0x80) ? 2 : 1;

			memcpy(word, line + i + skip, w - skip);
			word[w - skip] = '\0';
			(*words)++;
			*have += proof_find(s, word) != NULL;
		}
		i += w;
	}
}

struct invest_ctx {
	struct proof_ctx *c;
	struct prow *rows;
	size_t nrows;
};

/* "satsa 763 miljoner kronor i bygginvesteringar och 82 miljoner kronor i
 * utrustningsinvesteringar på befintligt sjukhus i Helsingborg": the
 * region's rows whose label the sentence names (two thirds of its words)
 * and the amounts it gives (miljoner kronor, mkr).  An amount found in a
 * named row is quoted right; one amount left over with one named row left
 * over is a figure quoted wrong, and the row's last figure (its total) is
 * what the region's plan says. */
static int check_invest(void *arg, const struct psent *s)
{
	struct invest_ctx *v = arg;
	struct ptok t[PROOF_MAX_TOK];
	size_t n, i, r, namedn = 0, amountn = 0;
	size_t named[8], amount[8];
	bool row_used[8] = {0}, amount_used[8] = {0};
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[48], a[48];
	int k, free_row = -1, free_amount = -1, nfree_row = 0, nfree_amount = 0;

	if (!proof_find(s->text, "investering"))
		return STYR_OK;
	n = proof_tokens(s->text, t, PROOF_MAX_TOK);
	for (i = 0; i < n && amountn < 8; i++) {
		const char *after = s->text + t[i].end;

		while (*after == ' ')
			after++;
		if (!t[i].pct && !t[i].year && !t[i].missing &&
		    (!strncmp(after, "miljoner", 8) || !strncmp(after, "mkr", 3) ||
		     !strncmp(after, "Mkr", 3)))
			amount[amountn++] = i;
	}
	if (!amountn)
		return STYR_OK;
	for (r = 0; r < v->nrows && namedn < 8; r++) {
		const char *line = v->c->against->lines[v->rows[r].line - 1];
		int have, words;

		label_words_in(line, v->rows[r].label_len, s->text, &have, &words);
		if (words >= 2 && have * 3 >= words * 2)
			named[namedn++] = r;
	}
	for (r = 0; r < namedn; r++)
		for (i = 0; i < amountn; i++)
			for (k = 0; k < v->rows[named[r]].ncell; k++) {
				const struct ptok *cell = &v->rows[named[r]].cell[k];

				if (!cell->missing && fabs(cell->v - t[amount[i]].v) < 1e-9) {
					row_used[r] = true;
					amount_used[i] = true;
				}
			}
	for (r = 0; r < namedn; r++)
		if (!row_used[r]) {
			free_row = (int)r;
			nfree_row++;
		}
	for (i = 0; i < amountn; i++)
		if (!amount_used[i]) {
			free_amount = (int)i;
			nfree_amount++;
		}
	/* only a pairing the sentence leaves no doubt about */
	if (nfree_row != 1 || nfree_amount != 1 || namedn < 2)
		return STYR_OK;
	{
		const struct prow *row = &v->rows[named[free_row]];
		const struct ptok *q = &t[amount[free_amount]];
		char label[80];
		size_t len =
		    row->label_len < sizeof(label) - 1 ? row->label_len : sizeof(label) - 1;

		memcpy(label, v->c->against->lines[row->line - 1], len);
		label[len] = '\0';
		while (len && label[len - 1] == ' ')
			label[--len] = '\0';
		proof_fmt(a, sizeof(a), q->v, q->dec, false);
		snprintf(says, sizeof(says), "%s miljoner kronor", a);
		/* the row's figures as printed: a PDF's text joins "842 842"
		 * (a prognos and a total) into what reads as one amount */
		snprintf(other, sizeof(other), "%s: %s", label,
		         v->c->against->lines[row->line - 1] + row->cell[0].off);
		snprintf(should, sizeof(should), "ett belopp ur raden");
		return proof_add(v->c, s->line[q->off], -row->line, STYR_PROOF_FEL,
		                 "mot annat dokument", says, other, should);
	}
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
	if (!rc) {
		struct invest_ctx v = {c, b.rows, b.nrows};

		rc = proof_sentences_each(c->doc, check_invest, &v, c->err);
	}
	free(b.rows);
	return rc;
}
