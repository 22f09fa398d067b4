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
#include <time.h>

#include "styr/err.h"
#include "styr/target.h"

enum doc_block_kind { DOC_HEADING, DOC_PARAGRAPH, DOC_TABLE, DOC_CHART };

/* Charts are data, not pictures: each renderer draws them in its own
 * medium (vector in PDF, inline SVG in HTML, numbers in XLSX) from the
 * same categories and series. */
enum doc_chart_kind {
	DOC_CHART_LINE,  /* history: one line per series over the categories */
	DOC_CHART_BARS,  /* grouped bars: e.g. budget and utfall per month */
	DOC_CHART_STATUS /* traffic lights: one labelled lamp per category */
};

#define DOC_CHART_SERIES_MAX 4

struct doc_series {
	char *name;
	double *values; /* ncats values; NaN where there is none */
};

struct doc_chart {
	enum doc_chart_kind kind;
	char *alt; /* the chart said in words, for screen readers */
	size_t ncats;
	char **cats;              /* category labels ("2022", "jan", indicator names) */
	enum styr_status *status; /* DOC_CHART_STATUS: one per category */
	size_t nseries;
	struct doc_series series[DOC_CHART_SERIES_MAX];
	bool has_ref; /* a reference line, e.g. the target level */
	double ref;
	char *ref_label;
	int decimals; /* for axis and value labels */
	bool percent;
};

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
	struct doc_chart chart; /* DOC_CHART; text is its title */
};

struct doc {
	char *title;
	char *subtitle;
	char *author; /* PDF and XLSX metadata */
	char *subject;
	char *period; /* as the cover prints it: "2024", "jan–aug 2024"; NULL: none */
	/* The document's standing, on every page: "Utkast" or "Fastställd
	 * <date> av <user>" (issue 17 item 3); NULL: none.  Not part of the
	 * sealed content: the same data has the same hash, approved or not. */
	char *mark;
	/* The decision an approval recorded, on the cover: the diarienummer
	 * ("RS 2024/123") and the decision date ("2025-02-14"); NULL: none.
	 * Not sealed either, as mark. */
	char *diarienummer;
	char *decided;
	/* PDF and XLSX creation date; 0 means now.  A fixed date makes the
	 * same data give byte-identical files: the builders give the data's
	 * last change when the request has none. */
	time_t created;
	bool toc; /* HTML: a table of contents (PDF always has one) */
	/* The SHA-256 (hex) of the document's content, set by doc_seal once
	 * the tree is built; "" before. */
	char hash[65];
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

/* Move the blocks from index from to the end so that they start at index
 * to (to <= from): a summary written last can stand first. */
int doc_move_tail(struct doc *d, size_t from, size_t to, struct styr_err *err);

/* Drop the columns first..last of the table in block i whose cells are
 * all empty (a year without any value). */
void doc_table_drop_empty(struct doc *d, size_t i, size_t first, size_t last);

/* Notes under a table: gathered while its rows are added (the table may
 * yet be dropped when it stays empty), then written after it as
 * paragraphs, or dropped with it.  A value's comment is such a note. */
struct doc_notes {
	char **v;
	size_t n, cap;
};
/* "Kommentar till <indicator>, <period>: <comment>", worded once for
 * every report. */
int doc_note_comment(struct doc_notes *n, const char *indicator, const char *period,
                     const char *comment, struct styr_err *err);
/* Write the notes as paragraphs when keep, else drop them; n is empty
 * after either. */
/* A note of its own words (a copy of text), such as how a roll-up was
 * computed. */
int doc_note_text(struct doc_notes *n, const char *text, struct styr_err *err);
int doc_notes_flush(struct doc *d, struct doc_notes *n, bool keep, struct styr_err *err);
void doc_notes_release(struct doc_notes *n);

/* Seal the finished tree: d->hash becomes the SHA-256 of a canonical
 * serialisation of everything the reader sees (title, unit, headings,
 * texts, every cell and chart value), the creation date excepted, so the
 * same data always gives the same hash and a changed figure another. */
int doc_seal(struct doc *d, struct styr_err *err);
/* The hash as printed in footers: "Dataunderlag: sha256 " and its first
 * 16 hex digits; "" when the document is not sealed. */
void doc_hash_label(const struct doc *d, char *buf, size_t size);

/* Metadata for the formats that carry it (PDF, XLSX). */
int doc_meta(struct doc *d, const char *author, const char *subject, struct styr_err *err);
/* The standing printed on every page (NULL or "": none). */
int doc_mark(struct doc *d, const char *mark, struct styr_err *err);
/* The period the cover page names. */
int doc_period(struct doc *d, const char *period, struct styr_err *err);
/* The decision the cover names (NULL or "": none). */
int doc_decision(struct doc *d, const char *diarienummer, const char *decided,
                 struct styr_err *err);
/* The cover's lines under the unit, as every renderer prints them:
 * "Period: 2024", "Diarienummer: RS 2024/123", "Beslutsdatum: 2025-02-14",
 * each only when set; returns their number. */
#define DOC_COVER_LINES    3
#define DOC_COVER_LINE_MAX 192
size_t doc_cover_lines(const struct doc *d, char lines[DOC_COVER_LINES][DOC_COVER_LINE_MAX]);

/* Start a chart titled title; categories and series are then added.
 * Values are copied. */
int doc_chart(struct doc *d, enum doc_chart_kind kind, const char *title, const char *alt,
              const char *const *cats, size_t ncats, struct styr_err *err);
int doc_chart_series(struct doc *d, const char *name, const double *values, struct styr_err *err);
/* DOC_CHART_STATUS: the status of each category (ncats of them). */
int doc_chart_status(struct doc *d, const enum styr_status *status, struct styr_err *err);
void doc_chart_ref(struct doc *d, double ref, const char *label);
void doc_chart_format(struct doc *d, int decimals, bool percent);

/* Symbols that go with each status and trend, so that no report relies
 * on colour alone. */
const char *doc_status_symbol(enum styr_status s);
const char *doc_trend_symbol(enum styr_trend t);

/* Colour of a status (RGB 0..1), the same in every format. */
void doc_status_rgb(enum styr_status s, double rgb[3]);

/* Renderers.  HTML and PDF append to out; XLSX writes the file at path
 * (libxlsxwriter writes files only). */
struct styr_buf;
int doc_render_html(const struct doc *d, struct styr_buf *out, struct styr_err *err);
int doc_render_pdf(const struct doc *d, struct styr_buf *out, struct styr_err *err);
int doc_render_xlsx(const struct doc *d, const char *path, struct styr_err *err);

/* Charts (chart.c), drawn with cairo.  chart_draw paints into a box of a
 * cairo context (the PDF renderer's page); the others make a whole image
 * of w × h points. */
typedef struct _cairo cairo_t;
void chart_draw(cairo_t *cr, const struct doc_chart *c, const char *title, double x, double y,
                double w, double h);
/* The height a chart wants at width w (status charts grow with their
 * categories; the others keep a fixed aspect). */
double chart_height(const struct doc_chart *c, double w);
/* An <svg> element for inlining in HTML: no XML prologue, no ids (so
 * any number of charts can share a page), labels as <text>, and the
 * chart's alt text as its aria-label. */
int chart_svg(const struct doc_chart *c, const char *title, double w, double h,
              struct styr_buf *out, struct styr_err *err);
int chart_png(const struct doc_chart *c, const char *title, double w, double h,
              struct styr_buf *out, struct styr_err *err);

#endif
