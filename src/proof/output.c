/*
 * What a proof-reading tells a person: one line per finding for the
 * terminal, one JSON object per line for other programs, and an HTML page
 * that shows the document itself with each finding beside the line it is
 * about (a controller reads the report, not a list).  Every piece of the
 * document that goes into the page is escaped.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof_int.h"

static const char *other_name(const struct styr_proof_doc *doc,
                              const struct styr_proof_doc *against,
                              const struct styr_proof_finding *f)
{
	return f->other_doc && against ? against->name : doc->name;
}

/* "5 fel, 17 avrundning, 0 oklart, 2 tabeller inte lästa" */
static int counts(const struct styr_proof_doc *against, const struct styr_proof_result *res,
                  struct styr_buf *out, struct styr_err *err)
{
	int rc = styr_buf_printf(out, err,
	                         "%zu fel, %zu avrundning, %zu oklart, %zu tabeller inte lästa",
	                         res->count[STYR_PROOF_FEL], res->count[STYR_PROOF_AVRUNDNING],
	                         res->count[STYR_PROOF_OKLART], res->nunread);

	/* ", 12 citat ur OTHER (3 tal jämförda)" */
	if (!rc && against)
		rc = styr_buf_printf(out, err, ", %zu citat ur %s (%zu tal jämförda)", res->quoted,
		                     against->name, res->quoted_figures);
	return rc;
}

int styr_proof_write_text(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                          const struct styr_proof_result *res, struct styr_buf *out,
                          struct styr_err *err)
{
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < res->n && !rc; i++) {
		const struct styr_proof_finding *f = &res->v[i];

		rc = styr_buf_printf(out, err, "%s:%d: %s: %s: %s", doc->name, f->line,
		                     styr_proof_class_name(f->cls), f->kind, f->says);
		if (!rc && f->other_line)
			rc = styr_buf_printf(out, err, "; %s:%d: %s", other_name(doc, against, f),
			                     f->other_line, f->other);
		if (!rc && f->should[0])
			rc = styr_buf_printf(out, err, "; borde vara %s", f->should);
		if (!rc)
			rc = styr_buf_puts(out, "\n", err);
	}
	for (i = 0; i < res->nunread && !rc; i++)
		rc = styr_buf_printf(out, err, "%s:%d-%d: inte läst: %s\n", doc->name,
		                     res->unread[i].first, res->unread[i].last, res->unread[i].why);
	if (!rc)
		rc = counts(against, res, out, err);
	return rc ? rc : styr_buf_puts(out, "\n", err);
}

static int put_json(json_t *o, struct styr_buf *out, struct styr_err *err)
{
	char *s;
	int rc;

	if (!o)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!s)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	rc = styr_buf_puts(out, s, err);
	free(s);
	return rc ? rc : styr_buf_puts(out, "\n", err);
}

int styr_proof_write_jsonl(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                           const struct styr_proof_result *res, struct styr_buf *out,
                           struct styr_err *err)
{
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < res->n && !rc; i++) {
		const struct styr_proof_finding *f = &res->v[i];
		json_t *o =
		    json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s}", "file", doc->name, "class",
		              styr_proof_class_name(f->cls), "line", f->line, "kind", f->kind,
		              "says", f->says, "other", f->other, "should", f->should);

		if (o && f->other_line) {
			json_object_set_new(o, "other_file",
			                    json_string(other_name(doc, against, f)));
			json_object_set_new(o, "other_line", json_integer(f->other_line));
		}
		rc = put_json(o, out, err);
	}
	for (i = 0; i < res->nunread && !rc; i++)
		rc = put_json(json_pack("{s:s, s:s, s:i, s:i, s:s}", "file", doc->name, "class",
		                        "inte läst", "line", res->unread[i].first, "last",
		                        res->unread[i].last, "why", res->unread[i].why),
		              out, err);
	return rc;
}

static int html_finding(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                        const struct styr_proof_finding *f, struct styr_buf *out,
                        struct styr_err *err)
{
	char ref[300];
	int rc;

	rc = styr_buf_printf(out, err,
	                     "<div class=\"f %s\"><b>%s</b> %s: ", styr_proof_class_name(f->cls),
	                     styr_proof_class_name(f->cls), f->kind);
	if (!rc)
		rc = styr_buf_html(out, f->says, err);
	if (!rc && f->other_line) {
		if (f->other_doc && against)
			snprintf(ref, sizeof(ref), " — %.200s rad %d: ", against->name,
			         f->other_line);
		else
			snprintf(ref, sizeof(ref), " — rad %d: ", f->other_line);
		rc = styr_buf_html(out, ref, err);
		if (!rc)
			rc = styr_buf_html(out, f->other, err);
	}
	if (!rc && f->should[0]) {
		rc = styr_buf_puts(out, " — borde vara ", err);
		if (!rc)
			rc = styr_buf_html(out, f->should, err);
	}
	(void)doc;
	return rc ? rc : styr_buf_puts(out, "</div>", err);
}

int styr_proof_write_html(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                          const struct styr_proof_result *res, struct styr_buf *out,
                          struct styr_err *err)
{
	size_t i, f = 0, u = 0;
	int rc;

	rc = styr_buf_puts(out,
	                   "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
	                   "<title>Korrektur: ",
	                   err);
	if (!rc)
		rc = styr_buf_html(out, doc->name, err);
	if (!rc)
		rc = styr_buf_puts(
		    out,
		    "</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
		    "td{vertical-align:top;padding:0 .5em}td.n{color:#888;text-align:right}"
		    "td.t{font-family:monospace;white-space:pre-wrap}"
		    "tr.x td.t{background:#fff3c4}.f{font-size:90%;margin:.1em 0}"
		    ".fel{color:#a00}.avrundning{color:#666}.oklart{color:#a60}"
		    ".u{color:#06c}</style></head><body>\n<h1>Korrektur: ",
		    err);
	if (!rc)
		rc = styr_buf_html(out, doc->name, err);
	if (!rc)
		rc = styr_buf_puts(out, "</h1>\n<p>", err);
	if (!rc)
		rc = counts(against, res, out, err);
	if (!rc)
		rc = styr_buf_puts(out, "</p>\n<table>\n", err);
	for (i = 0; i < doc->nlines && !rc; i++) {
		int line = (int)i + 1;
		bool marked = (f < res->n && res->v[f].line == line) ||
		              (u < res->nunread && res->unread[u].first == line);

		rc = styr_buf_printf(out, err,
		                     "<tr id=\"r%d\"%s><td class=\"n\">%d</td><td class=\"t\">",
		                     line, marked ? " class=\"x\"" : "", line);
		if (!rc)
			rc = styr_buf_html(out, doc->lines[i], err);
		if (!rc)
			rc = styr_buf_puts(out, "</td><td>", err);
		for (; !rc && f < res->n && res->v[f].line == line; f++)
			rc = html_finding(doc, against, &res->v[f], out, err);
		for (; !rc && u < res->nunread && res->unread[u].first == line; u++) {
			rc = styr_buf_printf(out, err,
			                     "<div class=\"f u\"><b>inte läst</b> rad %d–%d: ",
			                     res->unread[u].first, res->unread[u].last);
			if (!rc)
				rc = styr_buf_html(out, res->unread[u].why, err);
			if (!rc)
				rc = styr_buf_puts(out, "</div>", err);
		}
		if (!rc)
			rc = styr_buf_puts(out, "</td></tr>\n", err);
	}
	return rc ? rc : styr_buf_puts(out, "</table>\n</body></html>\n", err);
}
