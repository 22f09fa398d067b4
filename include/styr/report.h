/*
 * Reports.  A report is built from the store as a document tree (sections,
 * paragraphs, tables whose cells may carry a status, charts) and then
 * rendered as HTML, PDF or XLSX; the tree is the one thing every output
 * format is made from.
 *
 * The report types follow Region Skåne's follow-up plan: the
 * verksamhetsplan (goals and indicators with target levels), the
 * månadsrapport (after april, juli, september and november as
 * information; after mars, maj, augusti and oktober with analysis and
 * forecast, for decision), the delårsrapport (jan–apr or jan–aug) and the
 * årsredovisning.  An empty section says so instead of disappearing.
 *
 * Ownership: out is the caller's buffer; the bytes appended are theirs.
 * Paths and codes are borrowed.
 */
#ifndef STYR_REPORT_H
#define STYR_REPORT_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "db.h"

/* The indicator tables of a unit for a year, grouped by goal as in an
 * annual report, with the year and the two before it, each value with its
 * status as text and symbol as well as colour.  Self-contained HTML. */
int styr_report_indicators_html(struct styr_db *db, const char *unit, int year,
                                struct styr_buf *out, struct styr_err *err);

enum styr_report_type {
	STYR_REPORT_ARSREDOVISNING = 0,
	STYR_REPORT_DELARSRAPPORT,
	STYR_REPORT_MANADSRAPPORT,
	STYR_REPORT_VERKSAMHETSPLAN
};

enum styr_report_format { STYR_FORMAT_HTML = 0, STYR_FORMAT_PDF, STYR_FORMAT_XLSX };

/* "arsredovisning" (or "årsredovisning"), "delarsrapport", "manadsrapport",
 * "verksamhetsplan"; "html", "pdf", "xlsx".  Unknown text gives
 * STYR_EUSAGE naming the choices. */
int styr_report_type_parse(const char *text, enum styr_report_type *out, struct styr_err *err);
int styr_report_format_parse(const char *text, enum styr_report_format *out, struct styr_err *err);
/* The format an output file's name asks for: ".html"/".htm", ".pdf",
 * ".xlsx" (any case).  Returns false, leaving *out alone, for any other
 * name, so that a caller keeps its default. */
bool styr_report_format_of_path(const char *path, enum styr_report_format *out);

struct styr_report_request {
	enum styr_report_type type;
	enum styr_report_format format;
	const char *unit;          /* code or alias */
	struct styr_period period; /* checked against the type */
	bool children;             /* add a section per child unit (roll-up) */
	const char *png_dir;       /* also write each chart as DIR/diagram-N.png */
	/* PDF/XLSX creation date; 0: when the data last changed
	 * (styr_db_last_change), so the same database gives the same bytes. */
	time_t created;
	/* The standing printed on every page ("Utkast", "Fastställd <date>
	 * av <user>"); NULL: none.  styr_report_get (frozen.h) decides it. */
	const char *mark;
	/* The decision an approval recorded, printed on the cover
	 * (diarienummer "RS 2024/123", decided "2025-02-14"); NULL or "":
	 * none.  styr_report_get and styr_report_freeze give them. */
	const char *diarienummer, *decided;
};

/* Build the report and write it to path (NULL: standard output, which
 * XLSX refuses).  A period that does not fit the type is STYR_EINPUT
 * naming what the type expects. */
int styr_report_write(struct styr_db *db, const struct styr_report_request *req, const char *path,
                      struct styr_err *err);

/* Build the report and render it into out (XLSX too); hash (may be NULL)
 * gets the content hash (doc_seal). */
int styr_report_render(struct styr_db *db, const struct styr_report_request *req,
                       struct styr_buf *out, char hash[65], struct styr_err *err);
/* Whether period p is one type is made for (the check styr_report_write
 * makes), and the type's name as styr_report_type_parse takes it. */
bool styr_report_type_fits(enum styr_report_type type, const struct styr_period *p);
const char *styr_report_type_name(enum styr_report_type type);

#endif
