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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf_ua.h"
#include "styr/buf.h"

#define TH_ELEM "<< /Type /StructElem\n   /S /TH\n"

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

static int by_number(const void *a, const void *b)
{
	const struct new_object *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

static int xml_text(struct styr_buf *b, const char *s, struct styr_err *err)
{
	return styr_buf_html(b, s, err);
}

int pdf_ua_update(struct styr_buf *out, size_t start, const char *lang, const char *title,
                  const char *const *alts, size_t nalts, struct styr_err *err)
{
	const char *pdf = (const char *)out->data + start, *t, *p, *open, *close;
	size_t len = out->len - start, nfig = 0, nth = 0, nobj = 0, i;
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
	objs = calloc(nalts + nth + 2, sizeof(*objs));
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

	/* Each Figure: its alternative text. */
	for (p = pdf; !rc && (p = find(p, pdf + len, "<< /Type /StructElem\n   /S /Figure\n"));
	     p++, nfig++) {
		int num = object_number(pdf, p);

		if (nfig >= nalts || num < 0 || object_dict(pdf, len, num, &open, &close)) {
			rc = styr_error(err, STYR_EIO,
			                "pdf: figure %zu of the structure tree has no chart",
			                nfig + 1);
			break;
		}
		rc = reopen(out, start, &objs[nobj++], num, open, close, err);
		if (!rc)
			rc = styr_buf_puts(out, "   /Alt ", err);
		if (!rc)
			rc = put_text_string(out, alts[nfig], err);
		if (!rc)
			rc = styr_buf_puts(out, "\n>>\nendobj\n", err);
	}
	if (!rc && nfig != nalts)
		rc = styr_error(err, STYR_EIO,
		                "pdf: %zu charts but %zu figures in the structure tree", nalts,
		                nfig);

	/* Each header cell: it heads its column (the renderer tags only the
	 * header rows' cells as TH). */
	for (p = pdf, i = 0; !rc && i < nth && (p = find(p, pdf + len, TH_ELEM)); p++, i++) {
		int num = object_number(pdf, p);

		if (num < 0 || object_dict(pdf, len, num, &open, &close)) {
			rc = styr_error(err, STYR_EIO, "pdf: a TH element is not as expected");
			break;
		}
		rc = reopen(out, start, &objs[nobj++], num, open, close, err);
		if (!rc)
			rc = styr_buf_puts(
			    out, "   /A << /O /Table /Scope /Column >>\n>>\nendobj\n", err);
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
