/*
 * Proof-reading a report's own text (issue 20): every place where a
 * document's figures disagree with each other, found in the text of the
 * document itself (a PDF's text, as in the seeds), without a database.
 *
 * A finding names the line of the figure that looks wrong and, where there
 * is one, the line of the other side; it says what each side says and what
 * the first should say if the other is right, and it has a class:
 *   fel         a real contradiction at the printed precision,
 *   avrundning  a difference within the rounding the document prints,
 *   oklart      the document does not settle it.
 * A table that cannot be read safely is listed as not read, with its lines,
 * instead of being guessed at.
 *
 * Ownership: styr_proof_doc_load copies the file into the doc, which owns
 * it until styr_proof_doc_release.  A result owns its findings until
 * styr_proof_result_release.  Writers append to a caller's styr_buf and
 * borrow everything else.
 */
#ifndef STYR_PROOF_H
#define STYR_PROOF_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

enum styr_proof_class { STYR_PROOF_FEL = 0, STYR_PROOF_AVRUNDNING = 1, STYR_PROOF_OKLART = 2 };

#define STYR_PROOF_TEXT 200

struct styr_proof_finding {
	int line;       /* 1-based line of the figure found wrong */
	int other_line; /* the other side's line, 0 when there is none */
	int other_doc;  /* 1 when other_line is in the --against document */
	enum styr_proof_class cls;
	const char *kind; /* static: "summa", "kolumn", "förändring", ... */
	char says[STYR_PROOF_TEXT];
	char other[STYR_PROOF_TEXT];
	char should[STYR_PROOF_TEXT];
};

/* A table or block the reader saw but could not read safely. */
struct styr_proof_unread {
	int first, last;
	char why[STYR_PROOF_TEXT];
};

struct styr_proof_doc {
	char name[256];
	char *text;   /* the whole file, lines NUL-terminated in place */
	char **lines; /* lines[0] is line 1 */
	/* the year the document reports on (styr proof --year): verdicts are
	 * judged on that year's column of an indicator table; 0: the latest
	 * year each table prints */
	int year;
	size_t nlines;
};

struct styr_proof_result {
	struct styr_proof_finding *v;
	size_t n, cap;
	struct styr_proof_unread *unread;
	size_t nunread, capunread;
	size_t count[3]; /* findings per class */
	/* with a document against: the passages of doc that quote it word
	 * for word (goals, uppdrag) and the figures in them compared */
	size_t quoted, quoted_figures;
};

int styr_proof_doc_load(struct styr_proof_doc *doc, const char *path, struct styr_err *err);
/* The same from memory (the web's upload); text is copied. */
int styr_proof_doc_from_text(struct styr_proof_doc *doc, const char *name, const char *text,
                             size_t len, struct styr_err *err);
void styr_proof_doc_release(struct styr_proof_doc *doc);

void styr_proof_result_init(struct styr_proof_result *res);
void styr_proof_result_release(struct styr_proof_result *res);

/* Proof-read doc; against (may be NULL) is another document whose figures
 * doc quotes (a unit's plan against the region's plan and budget).
 * Findings are sorted by line. */
int styr_proof_run(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                   struct styr_proof_result *res, struct styr_err *err);

const char *styr_proof_class_name(enum styr_proof_class cls);

/* One finding a line: "FILE:LINE: fel: kind: ...". */
int styr_proof_write_text(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                          const struct styr_proof_result *res, struct styr_buf *out,
                          struct styr_err *err);
/* One JSON object a line, findings then the blocks not read. */
int styr_proof_write_jsonl(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                           const struct styr_proof_result *res, struct styr_buf *out,
                           struct styr_err *err);
/* A whole HTML page: the document's lines, each finding beside its line. */
int styr_proof_write_html(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                          const struct styr_proof_result *res, struct styr_buf *out,
                          struct styr_err *err);

#endif
