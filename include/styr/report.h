/*
 * Reports.  A report is built from the store as a document tree (sections,
 * paragraphs, tables whose cells may carry a status) and then rendered; the
 * tree is the one thing every output format is made from.
 *
 * Ownership: out is the caller's buffer; the bytes appended are theirs.
 */
#ifndef STYR_REPORT_H
#define STYR_REPORT_H

#include "buf.h"
#include "db.h"

/* The indicator tables of a unit for a year, grouped by goal as in an
 * annual report, with the year and the two before it, each value with its
 * status as text and symbol as well as colour.  Self-contained HTML. */
int styr_report_indicators_html(struct styr_db *db, const char *unit, int year,
                                struct styr_buf *out, struct styr_err *err);

#endif
