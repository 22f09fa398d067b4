/*
 * Indicator tables in the text extracts of hospital annual reports: the
 * "Indikator ID-nr. Mål 2024 2023 2022" tables of an årsredovisning, as a
 * PDF-to-text extraction leaves them (cells split over lines, page numbers
 * in between).  rt_parse() turns such a text into one struct rt_row per
 * indicator row; it knows nothing about the store.  Rows it cannot read are
 * listed as problems with their line and reason, never silently dropped.
 *
 * Ownership: rt_parse() borrows text and filename; it fills *out, whose
 * arrays are owned by the caller and freed with rt_result_release().  On
 * failure *out is left empty (nothing to release, releasing is harmless).
 */
#ifndef STYR_IMPORT_REPORT_TEXT_H
#define STYR_IMPORT_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "styr/err.h"
#include "styr/num.h"

struct rt_cell {
	char text[256];           /* the cell as printed, lines joined with one space */
	struct styr_num num;      /* parsed; kind MISSING when the cell is text/empty */
	char missing_reason[128]; /* "Vi har inga <18 år", "-", "x", "not printed"...
	                             empty when num is a value */
	bool has_numerator;
	double numerator; /* "Antal: 311" */
};

struct rt_row {
	int line;          /* 1-based line of the ID-nr */
	char code[16];     /* "ID0069" */
	char name[256];    /* indicator name, lines joined, trimmed */
	char target[64];   /* Mål as printed, lines joined: ">95 %" or ">95%"; "-" when none */
	char heading[256]; /* the heading above the table */
	int ncols;         /* number of year columns, usually 3 */
	int year[4];       /* from the header: 2024, 2023, 2022 */
	struct rt_cell cell[4]; /* cell[i] belongs to year[i] */
};

struct rt_problem {
	int line;
	char reason[256];
};

struct rt_result {
	struct rt_row *rows;
	size_t nrows;
	struct rt_problem *problems;
	size_t nproblems;
};

/* Parse text (UTF-8; refuse invalid UTF-8 with STYR_EINPUT naming file:line)
 * and collect every table row.  Rows it cannot read become problems with
 * line and reason.  Errors (only for unusable input: not UTF-8, no table at
 * all; or STYR_ENOMEM) go to err prefixed "FILE:LINE: ". */
int rt_parse(const char *text, size_t len, const char *filename, struct rt_result *out,
             struct styr_err *err);

void rt_result_release(struct rt_result *r);

#endif
