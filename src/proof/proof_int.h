/*
 * What the files of the proof-reader share: a line's figures as printed
 * (token.c), the judgement of a printed figure against what its inputs
 * give at their printed precision (judge.c), the rows of the document's
 * tables (table.c), its sentences (sentence.c) and the comparison with a
 * second document (across.c).  Private to src/proof.
 */
#ifndef STYR_PROOF_INT_H
#define STYR_PROOF_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "styr/proof.h"

/* A figure as printed: its value, its decimals (the printed precision),
 * where it stands in its line.  year: four digits 1990–2039 with nothing
 * around them that makes them an amount.  missing: a lone dash in a table
 * ("–" for nothing). */
struct ptok {
	double v;
	int dec;
	bool pct;
	bool year;
	bool missing;
	int groups;      /* thousands groups read: 1 for "13 742" */
	int lead;        /* digits before the first group: 2 for "13 742" */
	size_t off, end; /* byte offsets in the line */
};

#define PROOF_MAX_TOK 48

/* Scan a line for figures; returns how many were stored (at most max). */
size_t proof_tokens(const char *line, struct ptok *out, size_t max);
/* Format a figure as a person reads it, "−3,4 %" for a percent. */
void proof_fmt(char *buf, size_t size, double v, int dec, bool pct);
/* strstr that ignores the case of ASCII letters ("Ökning" and "ökning"
 * differ: callers list both). */
const char *proof_find(const char *hay, const char *needle);

/* An interval of values that round to what was printed. */
struct pint {
	double lo, hi;
};
struct pint proof_int_of(const struct ptok *t);
/* 100 × (new − old) / old over every value of the two intervals. */
bool proof_int_change(struct pint old, struct pint nw, struct pint *out);
/* Round v to dec decimals, half away from zero. */
double proof_round(double v, int dec);

/* How a printed figure stands against what its inputs give: NONE when the
 * printed figure follows from the inputs as printed; AVRUNDNING when some
 * values inside the inputs' rounding intervals give it (or the printed
 * figure is a whole number with a ",0" added); FEL otherwise. */
enum proof_verdict { PROOF_OK = 0, PROOF_ROUNDING, PROOF_WRONG };
enum proof_verdict proof_judge(const struct ptok *printed, double exact, struct pint range);

/* A table row: a label and the figures that end a line. */
struct prow {
	int line;
	int ncell;
	struct ptok cell[PROOF_MAX_TOK];
	size_t label_len;
	bool sum;       /* label says Summa, Totalt, Total, S:a */
	bool grand;     /* Resultat, Totalsumma: the sum of the sums */
	bool part;      /* label starts with a list mark: a part of the row above */
	bool all_years; /* a header: every figure is a year */
};

struct proof_ctx {
	const struct styr_proof_doc *doc;
	const struct styr_proof_doc *against;
	struct styr_proof_result *res;
	struct prow *rows; /* every row of doc, in line order */
	size_t nrows, caprows;
	struct styr_err *err;
	/* the figures the last sentence was about, for "Eftersom X minskat
	 * med 58,6 procent" in the sentence after them */
	struct ptok prev_old, prev_new;
	int prev_line;
	/* the last "totalt N" of the text, for "Av det totala antalet …" */
	struct ptok last_total;
	int last_total_line;
	/* "28 066 (december 2024: 2828)": the last figures given with a
	 * parallel figure in parentheses (binding.c) */
	struct proof_paren {
		double v, w;
		char label[32];
		int line;
	} paren[6];
	size_t nparen;
};

int proof_add(struct proof_ctx *c, int line, int other_line, enum styr_proof_class cls,
              const char *kind, const char *says, const char *other, const char *should);
int proof_unread(struct proof_ctx *c, int first, int last, const char *why);

/* Read doc's rows into c->rows (a line is a row when it ends in two or
 * more figures with nothing but spaces between them). */
int proof_rows_read(struct proof_ctx *c, const struct styr_proof_doc *doc, struct prow **rows,
                    size_t *nrows, size_t *cap);
bool proof_row_parse(const char *line, int lineno, struct prow *row);

int proof_tables_check(struct proof_ctx *c);
int proof_sentences_check(struct proof_ctx *c);
int proof_across_check(struct proof_ctx *c);
/* quote.c: goals and uppdrag quoted from the document against */
int proof_quotes_check(struct proof_ctx *c);
/* label.c: headers of years, Utfall and Budget swapped */
int proof_labels_check(struct proof_ctx *c);
/* repeat.c: the same figure in two tables, a sign dropped in the text, a
 * regionbidrag's change, a verb against the row it names */
int proof_repeat_check(struct proof_ctx *c);
/* verdict.c: "når målen", "ökat" against the indicator tables */
int proof_verdicts_check(struct proof_ctx *c);

/* Sentences: text joined over lines, with the line of every byte. */
struct psent {
	char *text;
	int *line; /* line of each byte */
	size_t len;
};
/* sentence.c's helpers for binding.c */
struct pair {
	const struct ptok *old, *nw;
	int yold, ynew;
	bool reversed; /* the text names the later year first */
};
void proof_excerpt(char *dst, size_t size, const char *s, size_t from, size_t to);
int proof_judge_change(struct proof_ctx *c, const struct psent *s, const struct ptok *pc, int sign,
                       const struct ptok *old, const struct ptok *nw, int other_line, size_t from);
int proof_year_of_cell(const struct proof_ctx *c, const struct prow *w, int k);
/* binding.c: sentence figures bound to table rows */
int proof_check_named_row(struct proof_ctx *c, const struct psent *s, const struct ptok *t,
                          size_t n, const struct ptok *pc, int sign, size_t vat);
int proof_check_named_direction(struct proof_ctx *c, const struct psent *s, int sign, size_t vat);
int proof_check_parts(struct proof_ctx *c, const struct psent *s, const struct ptok *t, size_t n);
int proof_check_parallel(struct proof_ctx *c, const struct psent *s, const struct ptok *t,
                         size_t n);
int proof_check_total_rows(struct proof_ctx *c, const struct psent *s, const struct pair *p);

/* The percents a document gives for an uppräkning (across.c). */
#define PROOF_MAX_PCT 32
struct proof_pcts {
	double v[PROOF_MAX_PCT];
	int dec[PROOF_MAX_PCT];
	int line[PROOF_MAX_PCT];
	bool general[PROOF_MAX_PCT]; /* "generell uppräkning ... hälso och sjukvård" */
	size_t n;
};
/* A sentence callback that adds to the struct proof_pcts at arg. */
int proof_collect_upprakning(void *arg, const struct psent *s);
/* upprakning.c: an Uppräkning row against the percent the text gives */
int proof_upprakning_check(struct proof_ctx *c);

/* Call fn for each sentence of doc (rows of tables end a sentence). */
int proof_sentences_each(const struct styr_proof_doc *doc,
                         int (*fn)(void *arg, const struct psent *s), void *arg,
                         struct styr_err *err);

#endif
