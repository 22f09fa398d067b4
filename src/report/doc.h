/*
 * The document tree every report is built as, before any format exists:
 * a flat list of blocks (headings, paragraphs, tables) in reading order.
 * Flat, because reports read top to bottom and the table of contents is
 * just the headings; the renderers (html.c, and pdf.c and xlsx.c to come)
 * each walk the same list.
 *
 * Table cells carry their text already formatted in Swedish, plus what a
 * renderer needs to present them: whether they are numbers (right-aligned,
 * and written as numbers in a spreadsheet), and an optional status.
 *
 * Ownership: a struct doc owns every string and table added to it; the
 * add functions copy their arguments.  doc_release frees it all.
 */
#ifndef STYR_REPORT_DOC_H
#define STYR_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "styr/err.h"
#include "styr/target.h"

enum doc_block_kind { DOC_HEADING, DOC_PARAGRAPH, DOC_TABLE };

struct doc_cell {
	char *text;
	bool numeric;
	double number; /* the value, when numeric */
	bool has_status;
	enum styr_status status;
	bool has_trend;
	enum styr_trend trend;
};

struct doc_table {
	char *caption;
	size_t ncols;
	char **head;            /* ncols column titles */
	struct doc_cell *cells; /* row by row */
	size_t ncells, cap;
	size_t nrows; /* whole rows: ncells / ncols */
};

struct doc_block {
	enum doc_block_kind kind;
	int level;  /* headings: 1 = title, 2, 3 */
	char *text; /* heading or paragraph */
	struct doc_table table;
};

struct doc {
	char *title;
	char *subtitle;
	struct doc_block *blocks;
	size_t nblocks, cap;
};

int doc_init(struct doc *d, const char *title, const char *subtitle, struct styr_err *err);
void doc_release(struct doc *d);
/* Drop the blocks from index nblocks on (a section that stayed empty). */
void doc_truncate(struct doc *d, size_t nblocks);
int doc_heading(struct doc *d, int level, const char *text, struct styr_err *err);
int doc_paragraph(struct doc *d, const char *text, struct styr_err *err);
/* Start a table; cells are then added row by row with doc_cell_*. */
int doc_table(struct doc *d, const char *caption, const char *const *head, size_t ncols,
              struct styr_err *err);
/* Append one cell to the last table (text is copied). */
int doc_cell_text(struct doc *d, const char *text, struct styr_err *err);
int doc_cell_number(struct doc *d, const char *text, double number, struct styr_err *err);
/* The last cell added gets a status or a trend. */
void doc_cell_status(struct doc *d, enum styr_status s);
void doc_cell_trend(struct doc *d, enum styr_trend t);

/* Symbols that go with each status and trend, so that no report relies
 * on colour alone. */
const char *doc_status_symbol(enum styr_status s);
const char *doc_trend_symbol(enum styr_trend t);

/* Renderers. */
struct styr_buf;
int doc_render_html(const struct doc *d, struct styr_buf *out, struct styr_err *err);

#endif
