/*
 * What an accessible PDF needs beyond what cairo 1.16 writes.  cairo
 * builds the structure tree (H1..H6, P, Table, TR, TH, TD, Figure, Link)
 * from cairo_tag_begin/cairo_tag_end and marks the file as tagged, but it
 * has no way to give the document a language (/Lang in the catalog), to
 * ask viewers to show the title rather than the file name
 * (/ViewerPreferences /DisplayDocTitle), to carry XMP metadata, or to give
 * a Figure its alternative text (/Alt on the structure element), or to
 * say that a header cell heads its column (/Scope in a Table attribute).  (It
 * marks the file as tagged, /MarkInfo /Marked true, only when the tree's
 * root is a Document element; the mark is added here should it be
 * missing.)
 *
 * So the finished file gets an incremental update, the mechanism PDF has
 * for changing a file without rewriting it (ISO 32000-1, 7.5.6): new
 * versions of the catalog and of each Figure and TH element, with the keys added,
 * a new XMP metadata stream, and a cross-reference section for just those
 * objects pointing back to cairo's.  cairo writes these dictionaries as
 * plain text (only content streams are compressed), in a layout that is
 * the same in every file, so they are found by their text; anything not
 * found as expected is an error rather than a silently untagged file.
 * The Figure elements are written in the order of the tree, which is the
 * order the renderer drew the charts in, so the n-th Figure gets the n-th
 * chart's text.
 */
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "report/pdf_ua.h"
#include "styr/buf.h"

#define TH_ELEM     "<< /Type /StructElem\n   /S /TH\n"
#define PAGE_OBJ    "<< /Type /Page % "
#define FIGURE_ELEM "<< /Type /StructElem\n   /S /Figure\n"
#define LINK_ANNOT  "<< /Type /Annot\n   /Subtype /Link\n"

static const char *find_last(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (!memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

static const char *find(const char *hay, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay + n <= end; hay++)
		if (!memcmp(hay, needle, n))
			return hay;
	return NULL;
}

/* A text as a PDF text string: UTF-16BE with its byte order mark, in hex,
 * so that å, ä, ö, "−" and "≥" survive any reader. */
static int put_text_string(struct styr_buf *b, const char *text, struct styr_err *err)
{
	glong n, i;
	gunichar2 *u = g_utf8_to_utf16(text ? text : "", -1, NULL, &n, NULL);
	int rc;

	if (!u)
		return styr_error(err, STYR_EINPUT, "pdf: text is not UTF-8: %.40s", text);
	rc = styr_buf_puts(b, "<FEFF", err);
	for (i = 0; i < n && !rc; i++)
		rc = styr_buf_printf(b, err, "%04X", (unsigned)u[i]);
	if (!rc)
		rc = styr_buf_puts(b, ">", err);
	g_free(u);
	return rc;
}

/* The object numbered num: where its dictionary starts ("<<") and where
 * its last ">>" is, before "endobj". */
static int object_dict(const char *pdf, size_t len, int num, const char **open, const char **close)
{
	char head[32];
	const char *obj, *endobj;

	snprintf(head, sizeof(head), "\n%d 0 obj\n", num);
	obj = find(pdf, pdf + len, head);
	endobj = obj ? find(obj, pdf + len, "endobj") : NULL;
	if (!endobj)
		return -1;
	*open = find(obj, endobj, "<<");
	*close = find_last(obj, (size_t)(endobj - obj), ">>");
	return *open && *close && *close > *open ? 0 : -1;
}

/* The object number of the object that contains position at. */
static int object_number(const char *pdf, const char *at)
{
	const char *p = at;

	while (p > pdf && memcmp(p, " 0 obj\n", 7))
		p--;
	while (p > pdf && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return p > pdf ? atoi(p) : -1;
}

/* An object of the update and where it starts in the file. */
struct new_object {
	int num;
	size_t at;
};

/* Start the new version of object num: its number and its old dictionary
 * without the closing ">>", for the caller to add keys to and close. */
static int reopen(struct styr_buf *out, size_t start, struct new_object *o, int num,
                  const char *open, const char *close, struct styr_err *err)
{
	int rc;

	o->num = num;
	o->at = out->len - start;
	rc = styr_buf_printf(out, err, "%d 0 obj\n", num);
	return rc ? rc : styr_buf_add(out, open, (size_t)(close - open), err);
}

/* --- artifacts --- */

/* Whether the token at p (len n) is the operator op. */
static bool is_op(const char *p, size_t n, const char *op)
{
	return n == strlen(op) && !memcmp(p, op, n);
}

static bool is_delim(char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* The end of the token that starts at p (not at white space). */
static const char *token_end(const char *p, const char *end)
{
	int depth = 0;

	if (*p == '(') { /* a string: nested parentheses, backslash escapes */
		for (; p < end; p++) {
			if (*p == '\\')
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				return p + 1;
		}
		return end;
	}
	if (p + 1 < end && (p[0] == '<' || p[0] == '>') && p[1] == p[0])
		return p + 2; /* << and >> */
	if (*p == '<') {      /* a hex string */
		const char *q = memchr(p, '>', (size_t)(end - p));

		return q ? q + 1 : end;
	}
	if (*p == '[' || *p == ']' || *p == '{' || *p == '}')
		return p + 1;
	if (*p == '%') { /* a comment */
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		return p;
	}
	if (*p == '/')
		p++;
	while (p < end && !is_space(*p) && !is_delim(*p))
		p++;
	return p;
}

/* A page's content with what is drawn outside every structure element
 * (the running header and footer, drawn with only Document open) marked
 * as /Artifact: each text object (BT ... ET) and each path (from its first
 * operand to the operator that paints it) at marked-content depth 0, so
 * that nothing on the page is neither tagged nor an artifact.  Sets *skip
 * for content it does not know (inline images) or that does not balance:
 * better unmarked than broken. */
int pdf_ua_mark_artifacts(const char *in, size_t len, struct styr_buf *out, bool *skip,
                          struct styr_err *err)
{
	static const char *const paints[] = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"};
	/* operands: where the current operator's operands start */
	const char *p = in, *end = in + len, *copied = in, *operands = NULL;
	int depth = 0, rc = STYR_OK;
	bool text = false, path = false;
	size_t i;

	*skip = false;
	while (p < end && !rc) {
		const char *e;
		size_t n;

		if (is_space(*p)) {
			p++;
			continue;
		}
		e = token_end(p, end);
		n = (size_t)(e - p);
		if (!operands)
			operands = p;
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '\'' ||
		    *p == '"') {
			/* an operator (names start with '/', numbers with digits) */
			const char *open_at = NULL, *close_at = NULL;

			if (is_op(p, n, "BI")) {
				*skip = true;
				return STYR_OK;
			}
			if (is_op(p, n, "BDC") || is_op(p, n, "BMC"))
				depth++;
			else if (is_op(p, n, "EMC"))
				depth--;
			else if (depth == 0 && !text && !path && is_op(p, n, "BT")) {
				open_at = p;
				text = true;
			} else if (text && is_op(p, n, "ET")) {
				close_at = e;
				text = false;
			} else if (depth == 0 && !text && !path &&
			           (is_op(p, n, "m") || is_op(p, n, "re"))) {
				open_at = operands;
				path = true;
			} else if (depth == 0 && !text && !path &&
			           (is_op(p, n, "Do") || is_op(p, n, "sh"))) {
				open_at = operands;
				close_at = e;
			}
			for (i = 0; path && i < sizeof(paints) / sizeof(paints[0]); i++)
				if (is_op(p, n, paints[i])) {
					close_at = e;
					path = false;
				}
			if (open_at) {
				rc = styr_buf_add(out, copied, (size_t)(open_at - copied), err);
				if (!rc)
					rc = styr_buf_puts(out, "/Artifact BMC\n", err);
				copied = open_at;
			}
			if (close_at && !rc) {
				rc = styr_buf_add(out, copied, (size_t)(close_at - copied), err);
				if (!rc)
					rc = styr_buf_puts(out, "\nEMC", err);
				copied = close_at;
			}
			operands = NULL;
		}
		p = e;
	}
	*skip = text || path || depth;
	return rc || *skip ? rc : styr_buf_add(out, copied, (size_t)(end - copied), err);
}

/* The stream of object num: its data (after "stream" and its line end)
 * and length, which cairo writes directly or as an object of its own. */
static int object_stream(const char *pdf, size_t len, int num, const char **data, size_t *n)
{
	char head[32];
	const char *obj, *dict_end, *l;
	long length;
	int k = 0;

	snprintf(head, sizeof(head), "\n%d 0 obj\n", num);
	if (!(obj = find(pdf, pdf + len, head)) ||
	    !(dict_end = find(obj, pdf + len, ">>\nstream\n")) ||
	    !(l = find(obj, dict_end, "/Length ")))
		return -1;
	if (sscanf(l, "/Length %ld%n", &length, &k) != 1)
		return -1;
	if (!strncmp(l + k, " 0 R", 4)) { /* an object of its own */
		snprintf(head, sizeof(head), "\n%ld 0 obj\n", length);
		if (!(l = find(pdf, pdf + len, head)) ||
		    sscanf(l + strlen(head), "%ld", &length) != 1)
			return -1;
	}
	*data = dict_end + strlen(">>\nstream\n");
	*n = (size_t)length;
	return *data + *n <= pdf + len ? 0 : -1;
}

/* Each page's content again, with its artifacts marked (pdf_ua_mark_artifacts),
 * compressed as cairo compressed it. */
static int page_artifacts(struct styr_buf *out, size_t start, const char *pdf, size_t len, int num,
                          struct new_object *o, bool *done, struct styr_err *err)
{
	struct styr_buf plain, marked;
	bool skip = false;
	const char *data;
	size_t n;
	uLongf zlen;
	Bytef *z = NULL;
	int rc;

	*done = false;
	if (object_stream(pdf, len, num, &data, &n))
		return styr_error(err, STYR_EIO, "pdf: the content of %d 0 obj is not as expected",
		                  num);
	styr_buf_init(&plain, out->max);
	styr_buf_init(&marked, out->max);
	/* inflate: the content is at most a few hundred kilobytes */
	{
		z_stream zs;
		unsigned char chunk[16384];
		int zr;

		memset(&zs, 0, sizeof(zs));
		rc = inflateInit(&zs) == Z_OK ? STYR_OK : STYR_ENOMEM;
		zs.next_in = (Bytef *)data;
		zs.avail_in = (uInt)n;
		do {
			zs.next_out = chunk;
			zs.avail_out = sizeof(chunk);
			zr = rc ? Z_DATA_ERROR : inflate(&zs, Z_NO_FLUSH);
			if (zr == Z_OK || zr == Z_STREAM_END)
				rc = styr_buf_add(&plain, chunk, sizeof(chunk) - zs.avail_out, err);
		} while (!rc && zr == Z_OK);
		inflateEnd(&zs);
		if (!rc && zr != Z_STREAM_END)
			rc = styr_error(err, STYR_EIO,
			                "pdf: the content of %d 0 obj does not inflate", num);
	}
	if (!rc)
		rc = pdf_ua_mark_artifacts(plain.data, plain.len, &marked, &skip, err);
	if (!rc && skip)
		goto out; /* the page stays as cairo wrote it */
	zlen = compressBound((uLong)marked.len);
	if (!rc && !(z = malloc(zlen)))
		rc = styr_error(err, STYR_ENOMEM, "out of memory writing a PDF");
	if (!rc && compress2(z, &zlen, (const Bytef *)marked.data, (uLong)marked.len,
	                     Z_DEFAULT_COMPRESSION) != Z_OK)
		rc = styr_error(err, STYR_EIO, "pdf: compressing a page's content failed");
	if (!rc) {
		o->num = num;
		o->at = out->len - start;
		rc = styr_buf_printf(
		    out, err, "%d 0 obj\n<< /Length %lu\n   /Filter /FlateDecode\n>>\nstream\n",
		    num, (unsigned long)zlen);
	}
	if (!rc)
		rc = styr_buf_add(out, z, zlen, err);
	if (!rc)
		rc = styr_buf_puts(out, "\nendstream\nendobj\n", err);
	*done = !rc;
out:
	free(z);
	styr_buf_release(&plain);
	styr_buf_release(&marked);
	return rc;
}

static int by_number(const void *a, const void *b)
{
	const struct new_object *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

static int xml_text(struct styr_buf *b, const char *s, struct styr_err *err)
{
	return styr_buf_html(b, s, err);
}

/* Each element or annotation that starts with pattern gets key followed
 * by the text texts[i] (n of them, in the order of the file, which is the
 * order they were drawn in); what is not one to one is an error. */
static int add_texts(struct styr_buf *out, size_t start, const char *pdf, size_t len,
                     const char *pattern, const char *key, const char **texts, size_t n,
                     struct new_object *objs, size_t *nobj, struct styr_err *err)
{
	const char *p, *open, *close;
	size_t i;
	int rc = STYR_OK;

	for (p = pdf, i = 0; !rc && (p = find(p, pdf + len, pattern)); p++, i++) {
		int num = object_number(pdf, p);

		if (i >= n || num < 0 || object_dict(pdf, len, num, &open, &close))
			return styr_error(err, STYR_EIO, "pdf: more %s than texts for them (%zu)",
			                  key, n);
		rc = reopen(out, start, &objs[(*nobj)++], num, open, close, err);
		if (!rc)
			rc = styr_buf_printf(out, err, "\n   %s ", key);
		if (!rc)
			rc = put_text_string(out, texts[i], err);
		if (!rc)
			rc = styr_buf_puts(out, "\n>>\nendobj\n", err);
	}
	if (!rc && i != n)
		rc = styr_error(err, STYR_EIO, "pdf: %zu texts for %s but %zu in the file", n, key,
		                i);
	return rc;
}

int pdf_ua_update(struct styr_buf *out, size_t start, const char *lang, const char *title,
                  const struct pdf_ua_texts *texts, struct styr_err *err)
{
	const char *pdf = (const char *)out->data + start, *t, *p, *open, *close;
	size_t len = out->len - start, nth = 0, npages = 0, nobj = 0, i;
	int size, root, info, meta, rc = STYR_OK;
	long prev;
	struct new_object *objs;
	struct styr_buf xmp;
	char *copy;

	t = find_last(pdf, len, "trailer");
	p = find_last(pdf, len, "startxref");
	if (!t || !p || sscanf(p, "startxref %ld", &prev) != 1 || !(p = strstr(t, "/Size ")) ||
	    sscanf(p, "/Size %d", &size) != 1 || !(p = strstr(t, "/Root ")) ||
	    sscanf(p, "/Root %d", &root) != 1 || !(p = strstr(t, "/Info ")) ||
	    sscanf(p, "/Info %d", &info) != 1)
		return styr_error(err, STYR_EIO, "pdf: cairo's trailer is not as expected");
	/* The file is appended to while it is read: work on a copy. */
	copy = malloc(len + 1);
	for (p = pdf; (p = find(p, pdf + len, TH_ELEM)); p++)
		nth++;
	for (p = pdf; (p = find(p, pdf + len, PAGE_OBJ)); p++)
		npages++;
	objs = calloc(texts->nfigures + texts->nlinks + nth + npages + 2, sizeof(*objs));
	if (!copy || !objs) {
		free(copy);
		free(objs);
		return styr_error(err, STYR_ENOMEM, "out of memory writing a PDF");
	}
	memcpy(copy, pdf, len);
	copy[len] = '\0';
	pdf = copy;
	meta = size++;

	/* The catalog: language, title shown, metadata. */
	if (object_dict(pdf, len, root, &open, &close)) {
		rc =
		    styr_error(err, STYR_EIO, "pdf: the catalog %d 0 obj is not as expected", root);
		goto done;
	}
	rc = reopen(out, start, &objs[nobj++], root, open, close, err);
	if (!rc)
		rc = styr_buf_printf(
		    out, err,
		    "%s   /Lang (%s)\n   /ViewerPreferences << /DisplayDocTitle "
		    "true >>\n   /Metadata %d 0 R\n>>\nendobj\n",
		    find(open, close, "/MarkInfo") ? "" : "   /MarkInfo << /Marked true >>\n", lang,
		    meta);

	/* Each Figure: its alternative text; each link: what it leads to. */
	if (!rc)
		rc = add_texts(out, start, pdf, len, FIGURE_ELEM, "/Alt", texts->figures,
		               texts->nfigures, objs, &nobj, err);
	if (!rc)
		rc = add_texts(out, start, pdf, len, LINK_ANNOT, "/Contents", texts->links,
		               texts->nlinks, objs, &nobj, err);

	/* Each header cell: the column or the row it heads. */
	if (!rc && nth != texts->nth)
		rc = styr_error(err, STYR_EIO, "pdf: %zu header cells drawn but %zu in the file",
		                texts->nth, nth);
	for (p = pdf, i = 0; !rc && i < nth && (p = find(p, pdf + len, TH_ELEM)); p++, i++) {
		int num = object_number(pdf, p);

		if (num < 0 || object_dict(pdf, len, num, &open, &close)) {
			rc = styr_error(err, STYR_EIO, "pdf: a TH element is not as expected");
			break;
		}
		rc = reopen(out, start, &objs[nobj++], num, open, close, err);
		if (!rc)
			rc = styr_buf_printf(out, err,
			                     "   /A << /O /Table /Scope /%s >>\n>>\nendobj\n",
			                     texts->th_scopes[i] == 'R' ? "Row" : "Column");
	}

	/* Each page: what no element holds is an artifact. */
	for (p = pdf, i = 0; !rc && i < npages && (p = find(p, pdf + len, PAGE_OBJ)); p++, i++) {
		const char *c = find(p, pdf + len, "/Contents ");
		bool done;
		int num;

		if (!c || sscanf(c, "/Contents %d 0 R", &num) != 1) {
			rc = styr_error(err, STYR_EIO, "pdf: page %zu has no content", i + 1);
			break;
		}
		rc = page_artifacts(out, start, pdf, len, num, &objs[nobj], &done, err);
		nobj += done;
	}

	/* XMP metadata: the title and the language again, as PDF/UA asks. */
	styr_buf_init(&xmp, 1 << 16);
	if (!rc)
		rc = styr_buf_puts(
		    &xmp,
		    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		    "<rdf:Description rdf:about=\"\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
		    err);
	if (!rc)
		rc = xml_text(&xmp, title, err);
	if (!rc)
		rc = styr_buf_printf(
		    &xmp, err,
		    "</rdf:li></rdf:Alt></dc:title>\n"
		    "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n"
		    "<dc:format>application/pdf</dc:format>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
		    "<?xpacket end=\"r\"?>",
		    lang);
	if (!rc) {
		objs[nobj].num = meta;
		objs[nobj++].at = out->len - start;
		rc = styr_buf_printf(
		    out, err,
		    "%d 0 obj\n<< /Type /Metadata\n   /Subtype /XML\n   /Length %zu\n"
		    ">>\nstream\n",
		    meta, xmp.len);
	}
	if (!rc)
		rc = styr_buf_add(out, xmp.data, xmp.len, err);
	if (!rc)
		rc = styr_buf_puts(out, "\nendstream\nendobj\n", err);
	styr_buf_release(&xmp);

	/* The cross-reference section of the update: one subsection per
	 * object, since their numbers are far apart. */
	if (!rc) {
		size_t xref = out->len - start;

		qsort(objs, nobj, sizeof(*objs), by_number);
		rc = styr_buf_puts(out, "xref\n", err);
		for (i = 0; i < nobj && !rc; i++)
			rc = styr_buf_printf(out, err, "%d 1\n%010zu 00000 n \n", objs[i].num,
			                     objs[i].at);
		if (!rc)
			rc = styr_buf_printf(
			    out, err,
			    "trailer\n<< /Size %d\n   /Root %d 0 R\n   /Info %d 0 R\n"
			    "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n",
			    size, root, info, prev, xref);
	}
done:
	free(objs);
	free(copy);
	return rc;
}
