/*
 * Importing workbooks (XLSX, Office Open XML spreadsheets).  People keep
 * their figures in Excel or LibreOffice; a workbook holds the same kinds
 * as the interchange CSV files, one sheet per kind with a header row
 * naming the columns, plus a sheet named "budget" with the months as
 * columns (docs/formats.md, "XLSX").
 *
 * A workbook is a zip archive (libzip) of XML parts (libxml2's streaming
 * reader): the package's relationships name the workbook part, whose
 * relationships name the sheets, the shared strings and the styles.  Each
 * sheet is read into rows of cells, its cells turned into text the way the
 * CSV files write them (numbers with a decimal comma, integers without
 * ",0", dates as ISO dates), and the sheet into interchange CSV text in
 * memory.  All sheets of all workbooks then go through the CSV importer's
 * one path (interchange_import): the same checks, the same dependency
 * order, one transaction.  Each CSV line carries the sheet row it came
 * from, and each field its sheet column, so that a message names the
 * sheet, the cell and the column: `bok.xlsx: blad "values", cell D7
 * (column "value"): ...`.
 *
 * The budget sheet is the one place where a sheet is not a CSV kind: each
 * of its rows becomes one ledger row of kind budget per month that has an
 * amount, the line remembering the month's column for messages.
 */
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "import/interchange.h"
#include "import/xlsx_int.h"
#include "styr/buf.h"

#define XLSX_PART_MAX   ((size_t)512 << 20) /* one uncompressed XML part */
#define XLSX_CELL_MAX   8192                /* as a CSV field */
#define XLSX_TEXT_MAX   ((size_t)2 << 30)   /* a sheet's CSV text */
#define XLSX_NAME_MAX   256
#define XLSX_COL_LIMIT  16384 /* XFD, the last column Excel has */
#define XLSX_ROW_LIMIT  1048576
#define XLSX_HEADER_MAX 64 /* columns a header may name (a kind has at most 15) */

/* How a cell's number is shown, from its style's number format. */
enum num_look { LOOK_NUMBER, LOOK_PERCENT, LOOK_DATE, LOOK_MONTH, LOOK_YEAR, LOOK_DATETIME };

/* A style's number format: what it shows, and how many decimals (-1:
 * "General", as many as the number needs). */
struct look {
	unsigned char look; /* enum num_look */
	signed char decimals;
};

struct cell {
	int col;
	char *text; /* never NULL */
};

struct row {
	int row;
	struct cell *cells;
	size_t n, cap;
};

/* One sheet as read: rows in order, cells in each row in order. */
struct grid {
	struct row *rows;
	size_t n, cap;
};

struct workbook {
	const char *name; /* for messages */
	zip_t *zip;
	char **strings; /* shared strings */
	size_t nstrings, capstrings;
	struct look *looks; /* per cellXfs index */
	size_t nlooks;
	bool date1904;
	char base[XLSX_NAME_MAX]; /* directory of the workbook part, "xl/" */
	struct styr_err *err;
};

/* One sheet turned into interchange CSV text, and where each line came
 * from. */
struct sheet_text {
	char name[XLSX_NAME_MAX];
	struct styr_buf csv;
	int *row, *col_at;
	size_t nlines, cap;
	struct interchange_origin origin;
	/* the sheet's header names by column, for messages */
	char **col_names;
	int ncol_names;
};

/* Every sheet of every workbook of one import. */
struct xlsx_import {
	struct sheet_text **sheets;
	size_t n, cap;
};

static int oom(struct styr_err *err)
{
	return styr_error(err, STYR_ENOMEM, "out of memory");
}

static int grow(void **p, size_t *cap, size_t need, size_t size, struct styr_err *err)
{
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return STYR_OK;
	while (ncap < need)
		ncap *= 2;
	if (!(np = realloc(*p, ncap * size)))
		return oom(err);
	*p = np;
	*cap = ncap;
	return STYR_OK;
}

/* ---- the zip package ---- */

static int part_read(struct workbook *wb, const char *part, char **out, size_t *len)
{
	zip_stat_t st;
	zip_file_t *zf;
	zip_int64_t got;
	char *buf;

	zip_stat_init(&st);
	if (zip_stat(wb->zip, part, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return styr_error(wb->err, STYR_EINPUT,
		                  "%s: part \"%s\" is missing: expected a workbook", wb->name,
		                  part);
	if (st.size > XLSX_PART_MAX)
		return styr_error(wb->err, STYR_ETOOBIG,
		                  "%s: part \"%s\" unpacks to %llu bytes: at most %zu", wb->name,
		                  part, (unsigned long long)st.size, XLSX_PART_MAX);
	if (!(buf = malloc((size_t)st.size + 1)))
		return oom(wb->err);
	if (!(zf = zip_fopen(wb->zip, part, 0))) {
		free(buf);
		return styr_error(wb->err, STYR_EINPUT, "%s: part \"%s\": %s", wb->name, part,
		                  zip_strerror(wb->zip));
	}
	got = zip_fread(zf, buf, st.size);
	zip_fclose(zf);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		return styr_error(wb->err, STYR_EINPUT, "%s: part \"%s\" cannot be unpacked",
		                  wb->name, part);
	}
	buf[st.size] = '\0';
	*out = buf;
	*len = (size_t)st.size;
	return STYR_OK;
}

/* The part a relationship's target names: relative to dir, or from the
 * package root when it starts with '/'; "../" climbs. */
static void part_resolve(const char *dir, const char *target, char *out, size_t n)
{
	char tmp[XLSX_NAME_MAX * 2];
	char *slash;

	if (target[0] == '/') {
		snprintf(out, n, "%s", target + 1);
		return;
	}
	snprintf(tmp, sizeof(tmp), "%s", dir);
	while (!strncmp(target, "../", 3)) {
		size_t l = strlen(tmp);

		if (l && tmp[l - 1] == '/')
			tmp[--l] = '\0';
		slash = strrchr(tmp, '/');
		if (slash)
			slash[1] = '\0';
		else
			tmp[0] = '\0';
		target += 3;
	}
	snprintf(out, n, "%s%s", tmp, target);
}

/* ---- XML ---- */

struct xml {
	xmlTextReaderPtr rd;
	struct workbook *wb;
	const char *part;
	char msg[256]; /* libxml2's first complaint */
};

static void xml_error(void *arg, const char *msg, xmlParserSeverities sev,
                      xmlTextReaderLocatorPtr loc)
{
	struct xml *x = arg;
	size_t n;

	(void)loc;
	if (x->msg[0] ||
	    (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	snprintf(x->msg, sizeof(x->msg), "%s", msg);
	n = strlen(x->msg);
	while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
}

static int xml_open(struct xml *x, struct workbook *wb, const char *part, const char *buf,
                    size_t len)
{
	memset(x, 0, sizeof(*x));
	x->wb = wb;
	x->part = part;
	/* No network, no external entities, no DTD loading: a workbook is
	 * data, not a fetcher. */
	x->rd = xmlReaderForMemory(buf, (int)len, part, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (!x->rd)
		return oom(wb->err);
	xmlTextReaderSetErrorHandler(x->rd, xml_error, x);
	return STYR_OK;
}

static int xml_fail(struct xml *x)
{
	return styr_error(x->wb->err, STYR_EINPUT, "%s: part \"%s\" is not well-formed XML%s%s",
	                  x->wb->name, x->part, x->msg[0] ? ": " : "", x->msg);
}

static const char *xml_name(struct xml *x)
{
	const xmlChar *n = xmlTextReaderConstLocalName(x->rd);

	return n ? (const char *)n : "";
}

/* Attribute name of the current element into out ("" when absent). */
static void xml_attr(struct xml *x, const char *name, char *out, size_t n)
{
	xmlChar *v = xmlTextReaderGetAttribute(x->rd, (const xmlChar *)name);

	snprintf(out, n, "%s", v ? (const char *)v : "");
	xmlFree(v);
}

/* The r:id of a <sheet>, whatever the prefix of the relationships
 * namespace (transitional or strict). */
static void xml_rel_id(struct xml *x, char *out, size_t n)
{
	out[0] = '\0';
	if (xmlTextReaderMoveToFirstAttribute(x->rd) != 1)
		return;
	do {
		const xmlChar *ns = xmlTextReaderConstNamespaceUri(x->rd);
		const xmlChar *ln = xmlTextReaderConstLocalName(x->rd);
		const xmlChar *v = xmlTextReaderConstValue(x->rd);

		if (ns && ln && v && !strcmp((const char *)ln, "id") &&
		    strstr((const char *)ns, "relationships"))
			snprintf(out, n, "%s", (const char *)v);
	} while (xmlTextReaderMoveToNextAttribute(x->rd) == 1);
	xmlTextReaderMoveToElement(x->rd);
}

/* The text inside the current element, appended to b. */
static int xml_text(struct xml *x, struct styr_buf *b)
{
	xmlChar *s;
	int rc;

	if (xmlTextReaderIsEmptyElement(x->rd))
		return STYR_OK;
	s = xmlTextReaderReadString(x->rd);
	if (!s) /* nothing, or the part breaks off while read ahead */
		return x->msg[0] ? xml_fail(x) : STYR_OK;
	rc = styr_buf_puts(b, (const char *)s, x->wb->err);
	xmlFree(s);
	return rc;
}

#define XML_STOP (-1) /* from an xml_each callback: done, no error */

/* Read part and call fn with each node (its type and local name) until fn
 * returns non-zero: an error code, or XML_STOP. */
static int xml_each(struct workbook *wb, const char *part,
                    int (*fn)(struct xml *x, int type, const char *name, void *ctx), void *ctx)
{
	struct xml x;
	char *buf = NULL;
	size_t len = 0;
	int rc, more = 1;

	if ((rc = part_read(wb, part, &buf, &len)))
		return rc;
	if ((rc = xml_open(&x, wb, part, buf, len))) {
		free(buf);
		return rc;
	}
	while (!rc && (more = xmlTextReaderRead(x.rd)) == 1)
		rc = fn(&x, xmlTextReaderNodeType(x.rd), xml_name(&x), ctx);
	if (!rc && more < 0)
		rc = xml_fail(&x);
	xmlFreeTextReader(x.rd);
	free(buf);
	return rc == XML_STOP ? STYR_OK : rc;
}

/* ---- relationships ---- */

struct rel {
	char id[64], type[XLSX_NAME_MAX], target[XLSX_NAME_MAX];
};

/* The relationships of part (in "DIR/_rels/NAME.rels"), each passed to fn
 * until it returns non-zero (XML_STOP: found). */
struct rels_walk {
	int (*fn)(struct workbook *wb, const struct rel *r, void *ctx);
	void *ctx;
};

static int rel_node(struct xml *x, int type, const char *name, void *ctx)
{
	const struct rels_walk *w = ctx;
	struct rel r;

	if (type != XML_READER_TYPE_ELEMENT || strcmp(name, "Relationship"))
		return 0;
	xml_attr(x, "Id", r.id, sizeof(r.id));
	xml_attr(x, "Type", r.type, sizeof(r.type));
	xml_attr(x, "Target", r.target, sizeof(r.target));
	return w->fn(x->wb, &r, w->ctx);
}

static int rels_each(struct workbook *wb, const char *part,
                     int (*fn)(struct workbook *wb, const struct rel *r, void *ctx), void *ctx)
{
	char relpart[XLSX_NAME_MAX * 2], dir[XLSX_NAME_MAX];
	const char *slash = strrchr(part, '/');
	struct rels_walk w = {fn, ctx};

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - part + 1) : 0, part);
	snprintf(relpart, sizeof(relpart), "%s_rels/%s.rels", dir, slash ? slash + 1 : part);
	return xml_each(wb, relpart, rel_node, &w);
}

static bool rel_is(const struct rel *r, const char *kind)
{
	const char *slash = strrchr(r->type, '/');

	return slash && !strcmp(slash + 1, kind);
}

/* The workbook part, from the package's relationships. */
static int find_office_document(struct workbook *wb, const struct rel *r, void *out)
{
	(void)wb;
	if (!rel_is(r, "officeDocument"))
		return 0;
	part_resolve("", r->target, out, XLSX_NAME_MAX);
	return XML_STOP;
}

/* ---- shared strings and styles ---- */

struct strings_read {
	struct styr_buf b;
	bool in_si, in_rph;
};

static int string_node(struct xml *x, int type, const char *name, void *ctx)
{
	struct strings_read *sr = ctx;
	struct workbook *wb = x->wb;
	bool start = type == XML_READER_TYPE_ELEMENT, end = type == XML_READER_TYPE_END_ELEMENT;
	bool empty = start && xmlTextReaderIsEmptyElement(x->rd);
	char *s;
	int rc;

	if (start && !strcmp(name, "si")) {
		styr_buf_reset(&sr->b);
		sr->in_si = !empty;
		if (!empty)
			return 0;
	} else if (start && !strcmp(name, "rPh")) {
		sr->in_rph = !empty; /* phonetic hints are not the text */
		return 0;
	} else if (end && !strcmp(name, "rPh")) {
		sr->in_rph = false;
		return 0;
	} else if (start && !strcmp(name, "t") && sr->in_si && !sr->in_rph) {
		return xml_text(x, &sr->b);
	} else if (end && !strcmp(name, "si")) {
		sr->in_si = false;
	} else {
		return 0;
	}
	/* the end of an <si>: one string more */
	if ((rc = grow((void **)&wb->strings, &wb->capstrings, wb->nstrings + 1, sizeof(char *),
	               wb->err)))
		return rc;
	if (!(s = strdup(sr->b.data ? sr->b.data : "")))
		return oom(wb->err);
	wb->strings[wb->nstrings++] = s;
	return 0;
}

static int load_strings(struct workbook *wb, const char *part)
{
	struct strings_read sr = {0};
	int rc;

	styr_buf_init(&sr.b, XLSX_CELL_MAX * 4);
	rc = xml_each(wb, part, string_node, &sr);
	styr_buf_release(&sr.b);
	return rc;
}

/* The built-in number formats that are not "General" (ECMA-376 part 1,
 * 18.8.30), as far as they concern a figure's text. */
static const char *builtin_format(int id)
{
	static const struct {
		int id;
		const char *code;
	} builtin[] = {
	    {1, "0"},
	    {2, "0.00"},
	    {3, "#,##0"},
	    {4, "#,##0.00"},
	    {9, "0%"},
	    {10, "0.00%"},
	    {14, "yyyy-mm-dd"},
	    {15, "d-mmm-yy"},
	    {16, "d-mmm"},
	    {17, "mmm-yy"},
	    {22, "yyyy-mm-dd h:mm"},
	    {37, "#,##0"},
	    {38, "#,##0"},
	    {39, "#,##0.00"},
	    {40, "#,##0.00"},
	};
	size_t i;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (builtin[i].id == id)
			return builtin[i].code;
	return NULL;
}

/* What a number format shows: a date (with or without the day), a
 * percentage, or the number with so many decimals.  Quoted text, escaped
 * characters and [colour]/[$-locale] sections say nothing about it; only
 * the first section (positive numbers) counts. */
static struct look format_look(int id, const char *code)
{
	bool y = false, m = false, d = false, h = false, pct = false, point = false;
	struct look l = {LOOK_NUMBER, -1};
	int decimals = 0;
	const char *p;

	if (!code || !*code)
		code = builtin_format(id);
	if (!code || !strcasecmp(code, "General"))
		return l;
	for (p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"':
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
			break;
		case '\\':
			if (p[1])
				p++;
			break;
		case '[':
			while (p[1] && p[1] != ']')
				p++;
			break;
		case 'y':
		case 'Y':
		case 'e':
			y = true;
			break;
		case 'm':
		case 'M':
			m = true;
			break;
		case 'd':
		case 'D':
			d = true;
			break;
		case 'h':
		case 'H':
			h = true;
			break;
		case '%':
			pct = true;
			break;
		case '.':
			point = true;
			break;
		case '0':
		case '#':
		case '?':
			decimals += point;
			break;
		default:
			break;
		}
	}
	l.look = d && h   ? LOOK_DATETIME
	         : d      ? LOOK_DATE
	         : y && m ? LOOK_MONTH
	         : y      ? LOOK_YEAR
	         : pct    ? LOOK_PERCENT
	                  : LOOK_NUMBER; /* a time of day or a plain number */
	/* a time of day is no figure of styr's: the number as it is */
	if ((l.look == LOOK_NUMBER && !h) || l.look == LOOK_PERCENT)
		l.decimals = (signed char)(decimals > 15 ? 15 : decimals);
	return l;
}

struct numfmt {
	int id;
	char *code;
};

struct styles_read {
	struct numfmt *fmts;
	size_t nfmts, capfmts, caplooks;
	bool in_xfs;
};

static int style_node(struct xml *x, int type, const char *name, void *ctx)
{
	struct styles_read *sr = ctx;
	struct workbook *wb = x->wb;
	char attr[XLSX_NAME_MAX];
	const char *code = NULL;
	size_t i;
	int rc, id;

	if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(name, "cellXfs"))
		sr->in_xfs = false;
	if (type != XML_READER_TYPE_ELEMENT)
		return 0;
	if (!strcmp(name, "cellXfs")) {
		sr->in_xfs = !xmlTextReaderIsEmptyElement(x->rd);
	} else if (!strcmp(name, "numFmt")) {
		if ((rc = grow((void **)&sr->fmts, &sr->capfmts, sr->nfmts + 1, sizeof(*sr->fmts),
		               wb->err)))
			return rc;
		xml_attr(x, "numFmtId", attr, sizeof(attr));
		sr->fmts[sr->nfmts].id = atoi(attr);
		xml_attr(x, "formatCode", attr, sizeof(attr));
		if (!(sr->fmts[sr->nfmts].code = strdup(attr)))
			return oom(wb->err);
		sr->nfmts++;
	} else if (!strcmp(name, "xf") && sr->in_xfs) {
		if ((rc = grow((void **)&wb->looks, &sr->caplooks, wb->nlooks + 1,
		               sizeof(*wb->looks), wb->err)))
			return rc;
		xml_attr(x, "numFmtId", attr, sizeof(attr));
		id = atoi(attr);
		for (i = 0; i < sr->nfmts; i++)
			if (sr->fmts[i].id == id)
				code = sr->fmts[i].code;
		wb->looks[wb->nlooks++] = format_look(id, code);
	}
	return 0;
}

static int load_styles(struct workbook *wb, const char *part)
{
	struct styles_read sr = {0};
	size_t i;
	int rc = xml_each(wb, part, style_node, &sr);

	for (i = 0; i < sr.nfmts; i++)
		free(sr.fmts[i].code);
	free(sr.fmts);
	return rc;
}

/* ---- cells ---- */

/* "C12" into column 3, row 12; false when it is no cell reference. */
static bool cell_ref(const char *ref, int *col, int *row)
{
	long c = 0, r = 0;
	const char *p = ref;

	while (*p >= 'A' && *p <= 'Z' && c <= XLSX_COL_LIMIT)
		c = c * 26 + (*p++ - 'A' + 1);
	if (p == ref || c > XLSX_COL_LIMIT)
		return false;
	if (*p < '1' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9' && r <= XLSX_ROW_LIMIT)
		r = r * 10 + (*p++ - '0');
	if (*p || r > XLSX_ROW_LIMIT)
		return false;
	*col = (int)c;
	*row = (int)r;
	return true;
}

/* A date serial into y, m, d and seconds of the day.  Serial 1 is
 * 1900-01-01 (or 1904-01-02 in the 1904 system); Excel's 1900-02-29, serial
 * 60, does not exist, so serials from 61 count from 1899-12-30. */
static void serial_date(double serial, bool date1904, int *y, int *m, int *d, long *secs)
{
	long days = (long)floor(serial);
	long z, era, doe, yoe, doy, mp;

	*secs = lround((serial - (double)days) * 86400.0);
	if (*secs >= 86400) {
		days++;
		*secs -= 86400;
	}
	if (date1904)
		days += 1462;
	else if (days < 61)
		days += 1; /* before the phantom leap day */
	/* days since 1899-12-30 into a civil date (Howard Hinnant's algorithm,
	 * from 1970-01-01 = serial 25569) */
	z = days - 25569 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A number as the CSV files write it: "93,8", "-190241" (no ",0"), or
 * with the decimals its format shows ("9,0" in a "0.0" cell). */
static void number_text(double x, int decimals, char *out, size_t n)
{
	char *p;

	if (decimals >= 0 && fabs(x) < 1e15)
		snprintf(out, n, "%.*f", decimals, x);
	else if (fabs(x) < 1e15 && x == floor(x))
		snprintf(out, n, "%.0f", x);
	else
		snprintf(out, n, "%.15g", x);
	if (strchr(out, 'e')) {
		size_t l;

		snprintf(out, n, "%.15f", x);
		l = strlen(out);
		while (l > 1 && out[l - 1] == '0')
			out[--l] = '\0';
		if (out[l - 1] == '.')
			out[--l] = '\0';
	}
	if ((p = strchr(out, '.')))
		*p = ',';
	if (out[0] == '-' && strspn(out + 1, "0,") == strlen(out + 1))
		memmove(out, out + 1, strlen(out)); /* no "-0" */
}

/* The text of the number v in look: 0, or -1 when v is no number. */
static int look_text(struct look l, bool date1904, const char *v, char *out, size_t n)
{
	enum num_look look = (enum num_look)l.look;
	char *end;
	double x = strtod(v, &end);
	int y, m, d;
	long s;

	if (!*v || *end || !isfinite(x))
		return -1;
	if (look != LOOK_NUMBER && look != LOOK_PERCENT && (x < 1 || x > 2958465))
		look = LOOK_NUMBER; /* no date Excel can show */
	switch (look) {
	case LOOK_PERCENT:
		number_text(x * 100.0, l.decimals, out, n - 1);
		strcat(out, "%");
		return 0;
	case LOOK_NUMBER:
		number_text(x, l.decimals, out, n);
		return 0;
	default:
		break;
	}
	serial_date(x, date1904, &y, &m, &d, &s);
	if (look == LOOK_YEAR)
		snprintf(out, n, "%04d", y);
	else if (look == LOOK_MONTH)
		snprintf(out, n, "%04d-%02d", y, m);
	else if (look == LOOK_DATETIME && s)
		snprintf(out, n, "%04d-%02d-%02d %02ld:%02ld", y, m, d, s / 3600, s / 60 % 60);
	else
		snprintf(out, n, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int xlsx_number_text(const char *v, int id, const char *code, bool date1904, char *out, size_t n)
{
	return look_text(format_look(id, code), date1904, v, out, n);
}

/* The text of a numeric cell, as its style shows it. */
static int number_cell(struct workbook *wb, const char *v, int style, char *out, size_t n,
                       const char *where)
{
	struct look l = style >= 0 && (size_t)style < wb->nlooks ? wb->looks[style]
	                                                         : (struct look){LOOK_NUMBER, -1};

	if (look_text(l, wb->date1904, v, out, n))
		return styr_error(wb->err, STYR_EINPUT,
		                  "%s: number \"%s\" in the file: expected a number", where, v);
	return STYR_OK;
}

/* ---- a sheet ---- */

static int grid_put(struct grid *g, int row, int col, char *text, struct styr_err *err)
{
	struct row *r;
	int rc;

	if (!g->n || g->rows[g->n - 1].row != row) {
		if ((rc = grow((void **)&g->rows, &g->cap, g->n + 1, sizeof(*g->rows), err)))
			return rc;
		memset(&g->rows[g->n], 0, sizeof(*g->rows));
		g->rows[g->n++].row = row;
	}
	r = &g->rows[g->n - 1];
	if ((rc = grow((void **)&r->cells, &r->cap, r->n + 1, sizeof(*r->cells), err)))
		return rc;
	r->cells[r->n].col = col;
	r->cells[r->n++].text = text;
	return STYR_OK;
}

static void grid_release(struct grid *g)
{
	size_t i, j;

	for (i = 0; i < g->n; i++) {
		for (j = 0; j < g->rows[i].n; j++)
			free(g->rows[i].cells[j].text);
		free(g->rows[i].cells);
	}
	free(g->rows);
	memset(g, 0, sizeof(*g));
}

/* What a <c> element holds once read. */
struct cell_read {
	int row, col, style;
	char type[16];
	struct styr_buf v;  /* <v> */
	struct styr_buf is; /* <is><t>, an inline string */
};

static int cell_finish(struct workbook *wb, const char *sheet, struct cell_read *c, struct grid *g)
{
	char where[XLSX_NAME_MAX + 64], cell[8], num[64];
	const char *v = c->v.data ? c->v.data : "";
	const char *text = NULL;
	char *copy;
	int rc;

	interchange_column_name(c->col, cell);
	snprintf(where, sizeof(where), "%s: blad \"%s\", cell %s%d", wb->name, sheet, cell, c->row);
	if (!strcmp(c->type, "s")) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);

		if (!*v || *end || i >= wb->nstrings)
			return styr_error(
			    wb->err, STYR_EINPUT,
			    "%s: shared string \"%s\" does not exist: the file is damaged", where,
			    v);
		text = wb->strings[i];
	} else if (!strcmp(c->type, "inlineStr")) {
		text = c->is.data ? c->is.data : "";
	} else if (!strcmp(c->type, "str")) {
		text = v; /* a formula's text */
	} else if (!strcmp(c->type, "d")) {
		/* an ISO 8601 date: the day alone when it is midnight */
		snprintf(num, sizeof(num), "%.*s",
		         strncmp(v + strcspn(v, "T"), "T00:00:00", 9) ? 63 : (int)strcspn(v, "T"),
		         v);
		text = num;
	} else if (!strcmp(c->type, "b")) {
		text = strcmp(v, "1") ? "0" : "1";
	} else if (!strcmp(c->type, "e")) {
		return styr_error(wb->err, STYR_EINPUT,
		                  "%s: the formula gives %s: expected a value", where, v);
	} else if (!c->type[0] || !strcmp(c->type, "n")) {
		if (!*v)
			return STYR_OK; /* a formatted cell without a value */
		if ((rc = number_cell(wb, v, c->style, num, sizeof(num), where)))
			return rc;
		text = num;
	} else {
		return styr_error(wb->err, STYR_EINPUT,
		                  "%s: cell type \"%s\": expected s, inlineStr, str, n, b, d or e",
		                  where, c->type);
	}
	if (strlen(text) >= XLSX_CELL_MAX)
		return styr_error(wb->err, STYR_ETOOBIG, "%s: text longer than %d bytes", where,
		                  XLSX_CELL_MAX - 1);
	if (!(copy = strdup(text)))
		return oom(wb->err);
	if ((rc = grid_put(g, c->row, c->col, copy, wb->err)))
		free(copy);
	return rc;
}

/* The state of reading a sheet part into g. */
struct sheet_read {
	const char *sheet;
	struct grid *g;
	struct cell_read c;
	int row, col;
	bool in_data, in_cell, in_is, in_rph;
};

/* A <c>: where it is (rows and cells may leave out r: then they follow
 * on), its type and style. */
static int cell_start(struct xml *x, struct sheet_read *sr)
{
	struct workbook *wb = x->wb;
	char attr[64];

	xml_attr(x, "r", attr, sizeof(attr));
	if (attr[0] && !cell_ref(attr, &sr->col, &sr->row))
		return styr_error(
		    wb->err, STYR_EINPUT,
		    "%s: blad \"%s\": cell reference \"%s\": expected a reference such "
		    "as C12",
		    wb->name, sr->sheet, attr);
	if (!attr[0] && ++sr->col > XLSX_COL_LIMIT)
		return styr_error(wb->err, STYR_EINPUT,
		                  "%s: blad \"%s\", rad %d: more than %d columns", wb->name,
		                  sr->sheet, sr->row, XLSX_COL_LIMIT);
	sr->c.row = sr->row;
	sr->c.col = sr->col;
	xml_attr(x, "t", sr->c.type, sizeof(sr->c.type));
	xml_attr(x, "s", attr, sizeof(attr));
	sr->c.style = attr[0] ? atoi(attr) : 0;
	styr_buf_reset(&sr->c.v);
	styr_buf_reset(&sr->c.is);
	sr->in_cell = !xmlTextReaderIsEmptyElement(x->rd);
	return 0;
}

/* A cell's text into b, or the cell named when it is too long. */
static int cell_text_add(struct xml *x, struct sheet_read *sr, struct styr_buf *b)
{
	int rc = xml_text(x, b);
	char cell[8];

	if (rc == STYR_ETOOBIG) {
		interchange_column_name(sr->c.col, cell);
		styr_err_prefix(x->wb->err, "%s: blad \"%s\", cell %s%d: ", x->wb->name, sr->sheet,
		                cell, sr->c.row);
	}
	return rc;
}

static int sheet_node(struct xml *x, int type, const char *name, void *ctx)
{
	struct sheet_read *sr = ctx;
	struct workbook *wb = x->wb;
	bool empty;
	char attr[64];

	if (type == XML_READER_TYPE_END_ELEMENT) {
		if (!strcmp(name, "sheetData"))
			sr->in_data = false;
		else if (!strcmp(name, "rPh"))
			sr->in_rph = false;
		else if (!strcmp(name, "is"))
			sr->in_is = false;
		else if (!strcmp(name, "c") && sr->in_cell) {
			sr->in_cell = false;
			return cell_finish(wb, sr->sheet, &sr->c, sr->g);
		}
		return 0;
	}
	if (type != XML_READER_TYPE_ELEMENT)
		return 0;
	empty = xmlTextReaderIsEmptyElement(x->rd);
	if (!strcmp(name, "sheetData")) {
		sr->in_data = !empty;
	} else if (!sr->in_data) {
		return 0;
	} else if (!strcmp(name, "row")) {
		xml_attr(x, "r", attr, sizeof(attr));
		sr->row = attr[0] ? atoi(attr) : sr->row + 1;
		sr->col = 0;
		if (sr->row < 1 || sr->row > XLSX_ROW_LIMIT)
			return styr_error(wb->err, STYR_EINPUT,
			                  "%s: blad \"%s\": row number \"%s\": expected 1 to %d",
			                  wb->name, sr->sheet, attr, XLSX_ROW_LIMIT);
	} else if (!strcmp(name, "c")) {
		return cell_start(x, sr);
	} else if (sr->in_cell && !strcmp(name, "v")) {
		return cell_text_add(x, sr, &sr->c.v);
	} else if (sr->in_cell && !strcmp(name, "is")) {
		sr->in_is = !empty;
	} else if (sr->in_is && !strcmp(name, "rPh")) {
		sr->in_rph = !empty;
	} else if (sr->in_is && !sr->in_rph && !strcmp(name, "t")) {
		return cell_text_add(x, sr, &sr->c.is);
	}
	return 0;
}

/* Read the cells of a sheet part into g. */
static int load_sheet(struct workbook *wb, const char *sheet, const char *part, struct grid *g)
{
	struct sheet_read sr;
	int rc;

	memset(&sr, 0, sizeof(sr));
	sr.sheet = sheet;
	sr.g = g;
	styr_buf_init(&sr.c.v, XLSX_CELL_MAX);
	styr_buf_init(&sr.c.is, XLSX_CELL_MAX);
	rc = xml_each(wb, part, sheet_node, &sr);
	styr_buf_release(&sr.c.v);
	styr_buf_release(&sr.c.is);
	return rc;
}

/* ---- a sheet as interchange CSV text ---- */

static int sheet_line(struct sheet_text *t, int row, int col, struct styr_err *err)
{
	int rc;

	if ((rc = grow((void **)&t->row, &t->cap, t->nlines + 1, sizeof(int), err)))
		return rc;
	/* col_at grows with row: same capacity */
	{
		int *np = realloc(t->col_at, t->cap * sizeof(int));

		if (!np)
			return oom(err);
		t->col_at = np;
	}
	t->row[t->nlines] = row;
	t->col_at[t->nlines++] = col;
	return STYR_OK;
}

/* Append one field, quoted when it must be, and count the lines it
 * spans (a line break inside a cell), which map to the same row. */
static int put_field(struct sheet_text *t, bool first, const char *s, int *breaks,
                     struct styr_err *err)
{
	int rc = first ? STYR_OK : styr_buf_add(&t->csv, ";", 1, err);

	if (!rc && !strpbrk(s, ";\"\r\n"))
		return styr_buf_puts(&t->csv, s, err);
	if (!rc)
		rc = styr_buf_add(&t->csv, "\"", 1, err);
	for (; !rc && *s; s++) {
		if (*s == '\n')
			(*breaks)++;
		rc = styr_buf_add(&t->csv, s, 1, err);
		if (!rc && *s == '"')
			rc = styr_buf_add(&t->csv, "\"", 1, err);
	}
	if (!rc)
		rc = styr_buf_add(&t->csv, "\"", 1, err);
	return rc;
}

static int end_record(struct sheet_text *t, int row, int col, int breaks, struct styr_err *err)
{
	int rc = styr_buf_add(&t->csv, "\n", 1, err);

	while (!rc && breaks-- >= 0)
		rc = sheet_line(t, row, col, err);
	return rc;
}

static const char *cell_text(const struct row *r, int col)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->cells[i].col == col)
			return r->cells[i].text;
	return "";
}

static bool row_blank(const struct row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strspn(r->cells[i].text, " \t") != strlen(r->cells[i].text))
			return false;
	return true;
}

/* The header: its non-empty cells, by column. */
struct header {
	int col[XLSX_HEADER_MAX];
	const char *name[XLSX_HEADER_MAX];
	int n;
	int row;
};

static int read_header(struct workbook *wb, struct sheet_text *t, const struct row *r,
                       struct header *h)
{
	char cell[8];
	size_t i;

	memset(h, 0, sizeof(*h));
	h->row = r->row;
	for (i = 0; i < r->n; i++) {
		const char *s = r->cells[i].text;

		if (!*s)
			continue;
		interchange_column_name(r->cells[i].col, cell);
		if (h->n == XLSX_HEADER_MAX || strpbrk(s, ";\"\r\n"))
			return styr_error(
			    wb->err, STYR_EINPUT,
			    "%s: blad \"%s\", cell %s%d: column \"%s\": expected a column "
			    "name of docs/formats.md",
			    wb->name, t->name, cell, r->row, s);
		h->col[h->n] = r->cells[i].col;
		h->name[h->n++] = s;
	}
	/* names by column for messages */
	t->ncol_names = h->n ? h->col[h->n - 1] + 1 : 0;
	if (!(t->col_names = calloc((size_t)t->ncol_names + 1, sizeof(char *))))
		return oom(wb->err);
	for (i = 0; i < (size_t)h->n; i++)
		if (!(t->col_names[h->col[i]] = strdup(h->name[i])))
			return oom(wb->err);
	return STYR_OK;
}

/* A cell beyond the header's columns would be lost: refuse it. */
static int stray_cells(struct workbook *wb, const struct sheet_text *t, const struct row *r,
                       const struct header *h)
{
	char cell[8];
	size_t i;
	int j;

	for (i = 0; i < r->n; i++) {
		if (!*r->cells[i].text)
			continue;
		for (j = 0; j < h->n && h->col[j] != r->cells[i].col; j++)
			;
		if (j < h->n)
			continue;
		interchange_column_name(r->cells[i].col, cell);
		return styr_error(
		    wb->err, STYR_EINPUT,
		    "%s: blad \"%s\", cell %s%d: \"%s\" in a column without a name in "
		    "row %d: expected nothing, or a column name above it",
		    wb->name, t->name, cell, r->row, r->cells[i].text, h->row);
	}
	return STYR_OK;
}

/* One CSV record of n fields from sheet row `row`; col is the column of
 * the origin's override fields (a budget month), or 0. */
static int put_record(struct sheet_text *t, const char *const *f, int n, int row, int col,
                      struct styr_err *err)
{
	int j, rc = STYR_OK, breaks = 0;

	for (j = 0; j < n && !rc; j++)
		rc = put_field(t, j == 0, f[j], &breaks, err);
	return rc ? rc : end_record(t, row, col, breaks, err);
}

/* Each row below the header that is not blank, refused when it has a
 * value outside the header's columns, passed to fn. */
static int data_rows(struct workbook *wb, struct sheet_text *t, const struct grid *g, size_t first,
                     const struct header *h,
                     int (*fn)(struct workbook *wb, struct sheet_text *t, const struct row *r,
                               const void *ctx),
                     const void *ctx)
{
	size_t i;
	int rc = STYR_OK;

	for (i = first + 1; i < g->n && !rc; i++)
		if (!row_blank(&g->rows[i]) && !(rc = stray_cells(wb, t, &g->rows[i], h)))
			rc = fn(wb, t, &g->rows[i], ctx);
	return rc;
}

static int plain_row(struct workbook *wb, struct sheet_text *t, const struct row *r,
                     const void *ctx)
{
	const struct header *h = ctx;
	const char *f[XLSX_HEADER_MAX];
	int j;

	for (j = 0; j < h->n; j++)
		f[j] = cell_text(r, h->col[j]);
	return put_record(t, f, h->n, r->row, 0, wb->err);
}

/* An ordinary sheet: its header and rows as they are. */
static int sheet_csv(struct workbook *wb, struct sheet_text *t, const struct grid *g, size_t first,
                     const struct header *h)
{
	int j, rc;

	for (j = 0; j < h->n; j++)
		t->origin.field_col[j] = h->col[j];
	rc = put_record(t, h->name, h->n, h->row, 0, wb->err);
	return rc ? rc : data_rows(wb, t, g, first, h, plain_row, h);
}

/* A month column of the budget sheet: "jan" … "dec", "januari" …
 * "december" (any case), or 1 … 12.  0 when it is none. */
static int budget_month(const char *name)
{
	static const char *const months[12] = {"januari",   "februari", "mars",     "april",
	                                       "maj",       "juni",     "juli",     "augusti",
	                                       "september", "oktober",  "november", "december"};
	static const char *const abbr[12] = {"jan", "feb", "mar", "apr", "maj", "jun",
	                                     "jul", "aug", "sep", "okt", "nov", "dec"};
	char *end;
	long m = strtol(name, &end, 10);
	int i;

	if (end != name && !*end)
		return m >= 1 && m <= 12 ? (int)m : 0;
	for (i = 0; i < 12; i++)
		if (!strcasecmp(name, months[i]) || !strcasecmp(name, abbr[i]))
			return i + 1;
	return 0;
}

/* Where a budget sheet has what a ledger row needs. */
struct budget_cols {
	int col[INTERCHANGE_MAX_COLUMNS]; /* by LED_ field, 0 none */
	int month_col[13];
};

/* A budget sheet's row: a ledger row of kind budget per month with an
 * amount (a month left empty stores nothing). */
static int budget_row(struct workbook *wb, struct sheet_text *t, const struct row *r,
                      const void *ctx)
{
	const struct budget_cols *b = ctx;
	const char *f[LED_ENHET + 1];
	char num[8];
	int k, rc = STYR_OK;

	f[LED_UNIT] = cell_text(r, b->col[LED_UNIT]);
	f[LED_TABLE] = cell_text(r, b->col[LED_TABLE]);
	f[LED_YEAR] = cell_text(r, b->col[LED_YEAR]);
	f[LED_MONTH] = num;
	f[LED_ROW] = cell_text(r, b->col[LED_ROW]);
	f[LED_KIND] = "budget";
	f[LED_SOURCE] = cell_text(r, b->col[LED_SOURCE]);
	f[LED_ENHET] = ""; /* a budget sheet is tkr */
	for (k = 1; k <= 12 && !rc; k++) {
		f[LED_AMOUNT] = cell_text(r, b->month_col[k]);
		if (!*f[LED_AMOUNT])
			continue;
		snprintf(num, sizeof(num), "%d", k);
		rc = put_record(t, f, LED_ENHET + 1, r->row, b->month_col[k], wb->err);
	}
	return rc;
}

/* The budget sheet: unit, year, row (table, source) and twelve months
 * into ledger rows of kind budget, one a month with an amount. */
static int budget_csv(struct workbook *wb, struct sheet_text *t, const struct grid *g, size_t first,
                      const struct header *h)
{
	static const char *const named[] = {"unit", "table", "year", "row", "source"};
	static const int led[] = {LED_UNIT, LED_TABLE, LED_YEAR, LED_ROW, LED_SOURCE};
	struct budget_cols b = {{0}, {0}};
	int colof[5] = {0}, month_col[13] = {0};
	char cell[8];
	int j, k, rc;

	for (j = 0; j < h->n; j++) {
		int m = budget_month(h->name[j]);

		for (k = 0; k < 5 && strcmp(h->name[j], named[k]); k++)
			;
		if (m)
			month_col[m] = h->col[j];
		else if (k < 5)
			colof[k] = h->col[j];
		else {
			interchange_column_name(h->col[j], cell);
			return styr_error(
			    wb->err, STYR_EINPUT,
			    "%s: blad \"%s\", cell %s%d: unknown column \"%s\" in a budget "
			    "sheet: expected unit, table, year, row, jan … dec or source",
			    wb->name, t->name, cell, h->row, h->name[j]);
		}
	}
	for (k = 0; k < 5; k++)
		if (!colof[k] && (led[k] == LED_UNIT || led[k] == LED_YEAR || led[k] == LED_ROW))
			return styr_error(
			    wb->err, STYR_EINPUT,
			    "%s: blad \"%s\", rad %d: missing column \"%s\": a budget sheet "
			    "needs unit, year, row and jan … dec",
			    wb->name, t->name, h->row, named[k]);
	for (k = 1; k <= 12; k++)
		if (!month_col[k])
			return styr_error(
			    wb->err, STYR_EINPUT,
			    "%s: blad \"%s\", rad %d: missing the column of month %d: a "
			    "budget sheet needs unit, year, row and jan … dec",
			    wb->name, t->name, h->row, k);
	/* the ledger kind's header, its fields where the sheet has them */
	for (k = 0; k < 5; k++)
		b.col[led[k]] = colof[k];
	memcpy(t->origin.field_col, b.col, sizeof(b.col));
	t->origin.override = COLUMN_BIT(LED_MONTH) | COLUMN_BIT(LED_AMOUNT);
	memcpy(b.month_col, month_col, sizeof(month_col));
	/* up to enhet: a budget sheet has no kostnadsställen */
	rc = put_record(t, interchange_specs[STYR_ENTITY_LEDGER].columns, LED_ENHET + 1, h->row, 0,
	                wb->err);
	return rc ? rc : data_rows(wb, t, g, first, h, budget_row, &b);
}

static void sheet_text_free(struct sheet_text *t)
{
	int c;

	if (!t)
		return;
	for (c = 0; t->col_names && c < t->ncol_names; c++)
		free(t->col_names[c]);
	styr_buf_release(&t->csv);
	free(t->row);
	free(t->col_at);
	free(t->col_names);
	free(t);
}

/* One sheet of wb into the import's list (nothing for an empty sheet). */
static int add_sheet(struct workbook *wb, const char *sheet, const char *part,
                     struct xlsx_import *im)
{
	struct grid g = {0};
	struct sheet_text *t = calloc(1, sizeof(*t));
	struct header h;
	size_t first;
	int rc;

	if (!t)
		return oom(wb->err);
	snprintf(t->name, sizeof(t->name), "%s", sheet);
	styr_buf_init(&t->csv, XLSX_TEXT_MAX);
	rc = load_sheet(wb, sheet, part, &g);
	for (first = 0; !rc && first < g.n && row_blank(&g.rows[first]); first++)
		;
	if (rc || first == g.n)
		goto out; /* an empty sheet says nothing */
	/* line 0 does not exist: CSV lines count from 1 */
	if ((rc = sheet_line(t, 0, 0, wb->err)) || (rc = read_header(wb, t, &g.rows[first], &h)))
		goto out;
	if (!strcasecmp(sheet, "budget"))
		rc = budget_csv(wb, t, &g, first, &h);
	else
		rc = sheet_csv(wb, t, &g, first, &h);
	if (!rc)
		rc = grow((void **)&im->sheets, &im->cap, im->n + 1, sizeof(*im->sheets), wb->err);
	if (!rc) {
		t->origin.sheet = t->name;
		t->origin.row = t->row;
		t->origin.col_at = t->col_at;
		t->origin.nlines = t->nlines;
		t->origin.col_names = (const char *const *)t->col_names;
		t->origin.ncol_names = t->ncol_names;
		im->sheets[im->n++] = t;
		t = NULL;
	}
out:
	sheet_text_free(t);
	grid_release(&g);
	return rc;
}

/* ---- the workbook ---- */

struct sheet_ref {
	char name[XLSX_NAME_MAX], rid[64];
};

struct workbook_parts {
	struct sheet_ref *sheets;
	size_t n, cap;
	char strings[XLSX_NAME_MAX * 2], styles[XLSX_NAME_MAX * 2];
};

static int find_parts(struct workbook *wb, const struct rel *r, void *ctx)
{
	struct workbook_parts *wp = ctx;

	if (rel_is(r, "sharedStrings"))
		part_resolve(wb->base, r->target, wp->strings, sizeof(wp->strings));
	else if (rel_is(r, "styles"))
		part_resolve(wb->base, r->target, wp->styles, sizeof(wp->styles));
	return 0;
}

struct sheet_find {
	const char *rid;
	char part[XLSX_NAME_MAX * 2];
};

static int find_sheet(struct workbook *wb, const struct rel *r, void *ctx)
{
	struct sheet_find *sf = ctx;

	if (strcmp(r->id, sf->rid))
		return 0;
	part_resolve(wb->base, r->target, sf->part, sizeof(sf->part));
	return XML_STOP;
}

/* The workbook part's sheets in order, with their names and r:ids. */
static int workbook_node(struct xml *x, int type, const char *name, void *ctx)
{
	struct workbook_parts *wp = ctx;
	struct workbook *wb = x->wb;
	char attr[16];
	int rc;

	if (type != XML_READER_TYPE_ELEMENT)
		return 0;
	if (!strcmp(name, "workbookPr")) {
		xml_attr(x, "date1904", attr, sizeof(attr));
		wb->date1904 = !strcmp(attr, "1") || !strcmp(attr, "true");
	} else if (!strcmp(name, "sheet")) {
		if ((rc = grow((void **)&wp->sheets, &wp->cap, wp->n + 1, sizeof(*wp->sheets),
		               wb->err)))
			return rc;
		xml_attr(x, "name", wp->sheets[wp->n].name, sizeof(wp->sheets[wp->n].name));
		xml_rel_id(x, wp->sheets[wp->n].rid, sizeof(wp->sheets[wp->n].rid));
		wp->n++;
	}
	return 0;
}

static int read_workbook(struct workbook *wb, const char *part, struct workbook_parts *wp)
{
	return xml_each(wb, part, workbook_node, wp);
}

static void workbook_release(struct workbook *wb)
{
	size_t i;

	for (i = 0; i < wb->nstrings; i++)
		free(wb->strings[i]);
	free(wb->strings);
	free(wb->looks);
	if (wb->zip)
		zip_discard(wb->zip);
}

/* Every sheet of the workbook in zip (taken) into im. */
static int read_workbook_sheets(const char *name, zip_t *zip, struct xlsx_import *im,
                                struct styr_err *err)
{
	struct workbook wb;
	struct workbook_parts wp;
	char part[XLSX_NAME_MAX] = "", *slash;
	size_t i;
	int rc;

	memset(&wb, 0, sizeof(wb));
	memset(&wp, 0, sizeof(wp));
	wb.name = name;
	wb.zip = zip;
	wb.err = err;
	rc = rels_each(&wb, "", find_office_document, part);
	if (!rc && !part[0])
		rc = styr_error(err, STYR_EINPUT,
		                "%s: no workbook in the package: expected an XLSX file", name);
	if (!rc) {
		slash = strrchr(part, '/');
		snprintf(wb.base, sizeof(wb.base), "%.*s", slash ? (int)(slash - part + 1) : 0,
		         part);
		rc = read_workbook(&wb, part, &wp);
	}
	if (!rc)
		rc = rels_each(&wb, part, find_parts, &wp);
	if (!rc && wp.strings[0])
		rc = load_strings(&wb, wp.strings);
	if (!rc && wp.styles[0])
		rc = load_styles(&wb, wp.styles);
	for (i = 0; i < wp.n && !rc; i++) {
		struct sheet_find sf = {wp.sheets[i].rid, ""};

		rc = rels_each(&wb, part, find_sheet, &sf);
		if (!rc && !sf.part[0])
			rc = styr_error(
			    err, STYR_EINPUT,
			    "%s: blad \"%s\" has no part (relationship \"%s\"): the file "
			    "is damaged",
			    name, wp.sheets[i].name, wp.sheets[i].rid);
		if (!rc)
			rc = add_sheet(&wb, wp.sheets[i].name, sf.part, im);
	}
	free(wp.sheets);
	workbook_release(&wb);
	return rc;
}

static int open_error(const char *name, zip_error_t *ze, struct styr_err *err)
{
	int code = zip_error_code_zip(ze);
	/* a file that cannot be read, or one that is no workbook */
	bool io = code == ZIP_ER_NOENT || code == ZIP_ER_OPEN || code == ZIP_ER_READ;
	int rc = styr_error(err,
	                    code == ZIP_ER_NOENT ? STYR_ENOTFOUND
	                    : io                 ? STYR_EIO
	                                         : STYR_EINPUT,
	                    "%s: %s%s", name, zip_error_strerror(ze),
	                    io ? "" : ": expected an XLSX workbook");

	zip_error_fini(ze);
	return rc;
}

/* Every sheet of every workbook through the interchange importer, in one
 * transaction. */
static int import_sheets(struct styr_db *db, const char *const *names, struct xlsx_import *im,
                         const size_t *owner, const struct styr_import_hook *hook,
                         struct styr_import_stats *stats, struct styr_err *err)
{
	struct interchange_text *texts = calloc(im->n ? im->n : 1, sizeof(*texts));
	size_t i;
	int rc;

	if (!texts)
		return oom(err);
	for (i = 0; i < im->n; i++) {
		struct sheet_text *t = im->sheets[i];

		texts[i].name = names[owner[i]];
		texts[i].text = t->csv.data ? t->csv.data : "";
		texts[i].len = t->csv.len;
		texts[i].origin = &t->origin;
	}
	rc = interchange_import(db, texts, im->n, hook, stats, err);
	free(texts);
	return rc;
}

static void import_release(struct xlsx_import *im)
{
	size_t i;

	for (i = 0; i < im->n; i++)
		sheet_text_free(im->sheets[i]);
	free(im->sheets);
}

/* zips[i] (taken) named names[i]: read, then store. */
static int import_zips(struct styr_db *db, const char *const *names, zip_t **zips, size_t n,
                       const struct styr_import_hook *hook, struct styr_import_stats *stats,
                       struct styr_err *err)
{
	struct xlsx_import im = {0};
	size_t *owner = NULL, cap = 0, done = 0, i;
	int rc = STYR_OK;

	for (i = 0; i < n; i++) {
		if (!rc)
			rc = read_workbook_sheets(names[i], zips[i], &im, err);
		else
			zip_discard(zips[i]);
		/* which workbook each sheet came from */
		if (!rc &&
		    !(rc = grow((void **)&owner, &cap, im.n ? im.n : 1, sizeof(*owner), err)))
			for (; done < im.n; done++)
				owner[done] = i;
	}
	if (!rc)
		rc = import_sheets(db, names, &im, owner, hook, stats, err);
	else if (stats)
		memset(stats, 0, sizeof(*stats));
	free(owner);
	import_release(&im);
	return rc;
}

int styr_import_xlsx(struct styr_db *db, const char *const *paths, size_t npaths,
                     struct styr_import_stats *stats, struct styr_err *err)
{
	return styr_import_xlsx_hook(db, paths, npaths, NULL, stats, err);
}

int styr_import_xlsx_hook(struct styr_db *db, const char *const *paths, size_t npaths,
                          const struct styr_import_hook *hook, struct styr_import_stats *stats,
                          struct styr_err *err)
{
	zip_t **zips = calloc(npaths ? npaths : 1, sizeof(*zips));
	size_t i;
	int rc = STYR_OK, ze;

	if (!zips)
		return oom(err);
	for (i = 0; i < npaths && !rc; i++) {
		zip_error_t zerr;

		if (!(zips[i] = zip_open(paths[i], ZIP_RDONLY, &ze))) {
			zip_error_init_with_code(&zerr, ze);
			rc = open_error(paths[i], &zerr, err);
		}
	}
	if (rc) {
		for (i = 0; i < npaths; i++)
			if (zips[i])
				zip_discard(zips[i]);
		if (stats)
			memset(stats, 0, sizeof(*stats));
	} else {
		rc = import_zips(db, paths, zips, npaths, hook, stats, err);
	}
	free(zips);
	return rc;
}

int styr_import_xlsx_data(struct styr_db *db, const char *name, const void *data, size_t len,
                          const struct styr_import_hook *hook, struct styr_import_stats *stats,
                          struct styr_err *err)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *zip;

	zip_error_init(&zerr);
	if (!(src = zip_source_buffer_create(data, len, 0, &zerr)))
		return open_error(name, &zerr, err);
	if (!(zip = zip_open_from_source(src, ZIP_RDONLY, &zerr))) {
		zip_source_free(src);
		return open_error(name, &zerr, err);
	}
	zip_error_fini(&zerr);
	return import_zips(db, &name, &zip, 1, hook, stats, err);
}
