/*
 * The proof-reading of one document: load its text as lines, read its
 * tables' rows once, then let each kind of check (tables, sentences, the
 * other document) add findings.  The result is sorted by line, so the text
 * and the marked-up page read in the document's order.
 *
 * A finding is kept once per line, kind and what it says: the same
 * contradiction seen from two checks is one finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof_int.h"
#include "styr/buf.h"

#define PROOF_MAX_BYTES (64u << 20)

const char *styr_proof_class_name(enum styr_proof_class cls)
{
	static const char *const names[] = {"fel", "avrundning", "oklart"};

	return (unsigned)cls < 3 ? names[cls] : "?";
}

static int split_lines(struct styr_proof_doc *doc, struct styr_err *err)
{
	size_t cap = 0, i, n = 0;
	char *p = doc->text;

	for (;;) {
		char *nl = strchr(p, '\n');

		if (styr_array_grow((void **)&doc->lines, &cap, n, sizeof(*doc->lines), err))
			return err->code;
		doc->lines[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	/* a final newline does not start a line */
	if (n > 1 && doc->lines[n - 1][0] == '\0')
		n--;
	for (i = 0; i < n; i++) {
		size_t len = strlen(doc->lines[i]);

		if (len && doc->lines[i][len - 1] == '\r')
			doc->lines[i][len - 1] = '\0';
	}
	doc->nlines = n;
	return STYR_OK;
}

int styr_proof_doc_from_text(struct styr_proof_doc *doc, const char *name, const char *text,
                             size_t len, struct styr_err *err)
{
	memset(doc, 0, sizeof(*doc));
	snprintf(doc->name, sizeof(doc->name), "%s", name);
	if (len > PROOF_MAX_BYTES)
		return styr_error(err, STYR_ETOOBIG, "%s: larger than %u MiB", name,
		                  PROOF_MAX_BYTES >> 20);
	if (memchr(text, '\0', len))
		return styr_error(err, STYR_EINPUT, "%s: expected text, found a NUL byte", name);
	doc->text = malloc(len + 1);
	if (!doc->text)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	memcpy(doc->text, text, len);
	doc->text[len] = '\0';
	return split_lines(doc, err);
}

int styr_proof_doc_load(struct styr_proof_doc *doc, const char *path, struct styr_err *err)
{
	struct styr_buf b;
	char chunk[65536];
	size_t n;
	FILE *f;
	int rc = STYR_OK;

	memset(doc, 0, sizeof(*doc));
	f = fopen(path, "rb");
	if (!f)
		return styr_error(err, STYR_EINPUT, "%s: cannot be read", path);
	styr_buf_init(&b, PROOF_MAX_BYTES);
	while (rc == STYR_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = styr_buf_add(&b, chunk, n, err);
	if (rc == STYR_OK && ferror(f))
		rc = styr_error(err, STYR_EIO, "%s: read failed", path);
	fclose(f);
	if (rc == STYR_OK)
		rc = styr_proof_doc_from_text(doc, path, b.data ? b.data : "", b.len, err);
	styr_buf_release(&b);
	return rc;
}

void styr_proof_doc_release(struct styr_proof_doc *doc)
{
	free(doc->text);
	free(doc->lines);
	memset(doc, 0, sizeof(*doc));
}

void styr_proof_result_init(struct styr_proof_result *res)
{
	memset(res, 0, sizeof(*res));
}

void styr_proof_result_release(struct styr_proof_result *res)
{
	free(res->v);
	free(res->unread);
	memset(res, 0, sizeof(*res));
}

int proof_add(struct proof_ctx *c, int line, int other_line, enum styr_proof_class cls,
              const char *kind, const char *says, const char *other, const char *should)
{
	struct styr_proof_result *r = c->res;
	struct styr_proof_finding *f;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].line == line && !strcmp(r->v[i].kind, kind) &&
		    !strncmp(r->v[i].says, says, STYR_PROOF_TEXT - 1))
			return STYR_OK;
	if (styr_array_grow((void **)&r->v, &r->cap, r->n, sizeof(*r->v), c->err))
		return c->err->code;
	f = &r->v[r->n++];
	memset(f, 0, sizeof(*f));
	f->line = line;
	f->other_line = other_line < 0 ? -other_line : other_line;
	f->other_doc = other_line < 0;
	f->cls = cls;
	f->kind = kind;
	snprintf(f->says, sizeof(f->says), "%s", says);
	snprintf(f->other, sizeof(f->other), "%s", other ? other : "");
	snprintf(f->should, sizeof(f->should), "%s", should ? should : "");
	r->count[cls]++;
	return STYR_OK;
}

int proof_unread(struct proof_ctx *c, int first, int last, const char *why)
{
	struct styr_proof_result *r = c->res;
	struct styr_proof_unread *u;

	if (r->nunread && r->unread[r->nunread - 1].first == first)
		return STYR_OK;
	if (styr_array_grow((void **)&r->unread, &r->capunread, r->nunread, sizeof(*r->unread),
	                    c->err))
		return c->err->code;
	u = &r->unread[r->nunread++];
	u->first = first;
	u->last = last;
	snprintf(u->why, sizeof(u->why), "%s", why);
	return STYR_OK;
}

static int by_line(const void *a, const void *b)
{
	const struct styr_proof_finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->other_line < y->other_line ? -1 : x->other_line > y->other_line;
}

int styr_proof_run(const struct styr_proof_doc *doc, const struct styr_proof_doc *against,
                   struct styr_proof_result *res, struct styr_err *err)
{
	struct proof_ctx c = {.doc = doc, .against = against, .res = res, .err = err};
	int rc;

	rc = proof_rows_read(&c, doc, &c.rows, &c.nrows, &c.caprows);
	if (!rc)
		rc = proof_tables_check(&c);
	if (!rc)
		rc = proof_sentences_check(&c);
	if (!rc)
		rc = proof_upprakning_check(&c);
	if (!rc)
		rc = proof_labels_check(&c);
	if (!rc)
		rc = proof_verdicts_check(&c);
	if (!rc)
		rc = proof_repeat_check(&c);
	if (!rc && against)
		rc = proof_across_check(&c);
	if (!rc && against)
		rc = proof_quotes_check(&c);
	free(c.rows);
	if (!rc && res->n)
		qsort(res->v, res->n, sizeof(*res->v), by_line);
	return rc;
}
