/*
 * The accessibility keys cairo 1.16 cannot write, added to a finished PDF
 * as an incremental update (pdf_ua.c).
 *
 * Ownership: out is the caller's buffer holding the PDF from start on;
 * the update is appended to it.  lang, title and texts are borrowed.
 */
#ifndef STYR_REPORT_PDF_UA_H
#define STYR_REPORT_PDF_UA_H

#include <stdbool.h>
#include <stddef.h>

#include "styr/err.h"

struct styr_buf;

/* Add /Lang lang and /DisplayDocTitle to the catalog, XMP metadata with
 * title and language, /Alt figures[i] to the i-th Figure structure
 * element, /Contents links[i] to the i-th link annotation, /Scope /Column
 * or /Row to each TH, and each page's content again with what no element holds
 * marked as an artifact. */
struct pdf_ua_texts {
	const char **figures; /* each chart's text, in the order drawn */
	size_t nfigures;
	const char **links; /* each link's text, in the order drawn */
	size_t nlinks;
	const char *th_scopes; /* each TH, in the order drawn: 'C' column, 'R' row */
	size_t nth;
};

int pdf_ua_update(struct styr_buf *out, size_t start, const char *lang, const char *title,
                  const struct pdf_ua_texts *texts, struct styr_err *err);

/* A page's content stream (uncompressed) with each text object and path
 * drawn outside every marked-content sequence wrapped in /Artifact BMC ...
 * EMC, appended to out.  *skip is set, and out left incomplete, when the
 * content has an inline image or does not balance. */
int pdf_ua_mark_artifacts(const char *in, size_t len, struct styr_buf *out, bool *skip,
                          struct styr_err *err);

#endif
