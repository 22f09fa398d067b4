/*
 * The accessibility keys cairo 1.16 cannot write, added to a finished PDF
 * as an incremental update (pdf_ua.c).
 *
 * Ownership: out is the caller's buffer holding the PDF from start on;
 * the update is appended to it.  lang, title and alts are borrowed.
 */
#ifndef STYR_REPORT_PDF_UA_H
#define STYR_REPORT_PDF_UA_H

#include <stddef.h>

#include "styr/err.h"

struct styr_buf;

/* Add /Lang lang and /DisplayDocTitle to the catalog, XMP metadata with
 * title and language, and /Alt alts[i] to the i-th Figure structure
 * element (nalts of them: one per chart drawn, in order). */
int pdf_ua_update(struct styr_buf *out, size_t start, const char *lang, const char *title,
                  const char *const *alts, size_t nalts, struct styr_err *err);

#endif
