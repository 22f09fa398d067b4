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
#include "styr/buf.h"

#define XLSX_PART_MAX  ((size_t)512 << 20) /* one uncompressed XML part */
#define XLSX_CELL_MAX  8192                /* as a CSV field */
#define XLSX_TEXT_MAX  ((size_t)2 << 30)   /* a sheet's CSV text */
#define XLSX_NAME_MAX  256
#define XLSX_COL_LIMIT 16384 /* XFD, the last column Excel has */
#define XLSX_ROW_LIMIT 1048576

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
	if (!s)
		return STYR_OK;
	rc = styr_buf_puts(b, (const char *)s, x->wb->err);
	xmlFree(s);
	return rc;
}

/* ---- relationships ---- */

struct rel {
	char id[64], type[XLSX_NAME_MAX], target[XLSX_NAME_MAX];
};

/* The relationships of part (in "DIR/_rels/NAME.rels"), each passed to fn
 * until it returns non-zero. */
static int rels_each(struct workbook *wb, const char *part,
                     int (*fn)(struct workbook *wb, const struct rel *r, void *ctx), void *ctx)
{
	char relpart[XLSX_NAME_MAX * 2], dir[XLSX_NAME_MAX];
	const char *slash = strrchr(part, '/');
	struct xml x;
	struct rel r;
	char *buf;
	size_t len;
	int rc, more;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - part + 1) : 0, part);
	snprintf(relpart, sizeof(relpart), "%s_rels/%s.rels", dir, slash ? slash + 1 : part);
	if ((rc = part_read(wb, relpart, &buf, &len)))
		return rc;
	if ((rc = xml_open(&x, wb, relpart, buf, len))) {
		free(buf);
		return rc;
	}
	while (!rc && (more = xmlTextReaderRead(x.rd)) == 1) {
		if (xmlTextReaderNodeType(x.rd) != XML_READER_TYPE_ELEMENT ||
		    strcmp(xml_name(&x), "Relationship"))
			continue;
		xml_attr(&x, "Id", r.id, sizeof(r.id));
		xml_attr(&x, "Type", r.type, sizeof(r.type));
		xml_attr(&x, "Target", r.target, sizeof(r.target));
		rc = fn(wb, &r, ctx);
	}
	if (!rc && more < 0)
		rc = xml_fail(&x);
	xmlFreeTextReader(x.rd);
	free(buf);
	return rc > 0 ? rc : STYR_OK;
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
	return -1; /* found: stop */
}

/* ---- shared strings and styles ---- */

static int load_strings(struct workbook *wb, const char *part)
{
	struct styr_buf b;
	struct xml x;
	char *buf;
	size_t len;
	int rc, more, in_si = 0, in_rph = 0;

	if ((rc = part_read(wb, part, &buf, &len)))
		return rc;
	styr_buf_init(&b, XLSX_CELL_MAX * 4);
	if ((rc = xml_open(&x, wb, part, buf, len)))
		goto out;
	while (!rc && (more = xmlTextReaderRead(x.rd)) == 1) {
		int type = xmlTextReaderNodeType(x.rd);
		const char *nm = xml_name(&x);
		bool empty = xmlTextReaderIsEmptyElement(x.rd);
		bool si_end = false;

		if (type == XML_READER_TYPE_ELEMENT && !strcmp(nm, "si")) {
			styr_buf_reset(&b);
			in_si = !empty;
			si_end = empty;
		} else if (type == XML_READER_TYPE_ELEMENT && !strcmp(nm, "rPh")) {
			in_rph = !empty; /* phonetic hints are not the text */
		} else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(nm, "rPh")) {
			in_rph = 0;
		} else if (type == XML_READER_TYPE_ELEMENT && !strcmp(nm, "t") && in_si &&
		           !in_rph) {
			rc = xml_text(&x, &b);
		} else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(nm, "si")) {
			si_end = true;
			in_si = 0;
		}
		if (!rc && si_end) {
			char *s = strdup(b.data ? b.data : "");

			if (!s || (rc = grow((void **)&wb->strings, &wb->capstrings,
			                     wb->nstrings + 1, sizeof(char *), wb->err))) {
				free(s);
				rc = rc ? rc : oom(wb->err);
			} else {
				wb->strings[wb->nstrings++] = s;
			}
		}
	}
	if (!rc && more < 0)
		rc = xml_fail(&x);
	xmlFreeTextReader(x.rd);
out:
	styr_buf_release(&b);
	free(buf);
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
	if (l.look == LOOK_NUMBER || l.look == LOOK_PERCENT)
		l.decimals = (signed char)(decimals > 15 ? 15 : decimals);
	return l;
}

struct numfmt {
	int id;
	char *code;
};

static int load_styles(struct workbook *wb, const char *part)
{
	struct numfmt *fmts = NULL;
	size_t nfmts = 0, capfmts = 0, capl = 0, i;
	struct xml x;
	char *buf, attr[XLSX_NAME_MAX];
	size_t len;
	int rc, more, in_xfs = 0;

	if ((rc = part_read(wb, part, &buf, &len)))
		return rc;
	if ((rc = xml_open(&x, wb, part, buf, len))) {
		free(buf);
		return rc;
	}
	while (!rc && (more = xmlTextReaderRead(x.rd)) == 1) {
		int type = xmlTextReaderNodeType(x.rd);
		const char *nm = xml_name(&x);

		if (type == XML_READER_TYPE_ELEMENT && !strcmp(nm, "numFmt")) {
			if ((rc =
			         grow((void **)&fmts, &capfmts, nfmts + 1, sizeof(*fmts), wb->err)))
				break;
			xml_attr(&x, "numFmtId", attr, sizeof(attr));
			fmts[nfmts].id = atoi(attr);
			xml_attr(&x, "formatCode", attr, sizeof(attr));
			if (!(fmts[nfmts].code = strdup(attr))) {
				rc = oom(wb->err);
				break;
			}
			nfmts++;
		} else if (type == XML_READER_TYPE_ELEMENT && !strcmp(nm, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(x.rd);
		} else if (type == XML_READER_TYPE_END_ELEMENT && !strcmp(nm, "cellXfs")) {
			in_xfs = 0;
		} else if (type == XML_READER_TYPE_ELEMENT && !strcmp(nm, "xf") && in_xfs) {
			const char *code = NULL;
			int id;

			if ((rc = grow((void **)&wb->looks, &capl, wb->nlooks + 1,
			               sizeof(*wb->looks), wb->err)))
				break;
			xml_attr(&x, "numFmtId", attr, sizeof(attr));
			id = atoi(attr);
			for (i = 0; i < nfmts; i++)
				if (fmts[i].id == id)
					code = fmts[i].code;
			wb->looks[wb->nlooks++] = format_look(id, code);
		}
	}
	if (!rc && more < 0)
		rc = xml_fail(&x);
	xmlFreeTextReader(x.rd);
	for (i = 0; i < nfmts; i++)
		free(fmts[i].code);
	free(fmts);
	free(buf);
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
	}
	if ((p = strchr(out, '.')))
		*p = ',';
	if (out[0] == '-' && strspn(out + 1, "0,") == strlen(out + 1))
		memmove(out, out + 1, strlen(out)); /* no "-0" */
}

/* The text of a numeric cell, as its style shows it. */
static int number_cell(struct workbook *wb, const char *v, int style, char *out, size_t n,
                       const char *where)
{
	struct look l = style >= 0 && (size_t)style < wb->nlooks ? wb->looks[style]
	                                                         : (struct look){LOOK_NUMBER, -1};
	enum num_look look = (enum num_look)l.look;
	char *end;
	double x = strtod(v, &end);
	int y, m, d;
	long s;

	if (!*v || *end || !isfinite(x))
		return styr_error(wb->err, STYR_EINPUT,
		                  "%s: number \"%s\" in the file: expected a number", where, v);
	if (look != LOOK_NUMBER && look != LOOK_PERCENT && (x < 1 || x > 2958465))
		look = LOOK_NUMBER; /* no date Excel can show */
	switch (look) {
	case LOOK_PERCENT:
		number_text(x * 100.0, l.decimals, out, n - 1);
		strcat(out, "%");
		return STYR_OK;
	case LOOK_NUMBER:
		number_text(x, l.decimals, out, n);
		return STYR_OK;
	default:
		break;
	}
	serial_date(x, wb->date1904, &y, &m, &d, &s);
	if (look == LOOK_YEAR)
		snprintf(out, n, "%04d", y);
	else if (look == LOOK_MONTH)
		snprintf(out, n, "%04d-%02d", y, m);
	else if (look == LOOK_DATETIME && s)
		snprintf(out, n, "%04d-%02d-%02d %02ld:%02ld", y, m, d, s / 3600, s / 60 % 60);
	else
		snprintf(out, n, "%04d-%02d-%02d", y, m, d);
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
	} else if (!strcmp(c->type, "str") || !strcmp(c->type, "d")) {
		text = v; /* a formula's text, or an ISO 8601 date */
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

/* Read the cells of a sheet part into g. */
static int load_sheet(struct workbook *wb, const char *sheet, const char *part, struct grid *g)
{
	struct cell_read c;
	struct xml x;
	char *buf, attr[64];
	size_t len;
	int rc, more, row = 0, col = 0, in_data = 0, in_cell = 0, in_is = 0, in_rph = 0;

	if ((rc = part_read(wb, part, &buf, &len)))
		return rc;
	if ((rc = xml_open(&x, wb, part, buf, len))) {
		free(buf);
		return rc;
	}
	memset(&c, 0, sizeof(c));
	styr_buf_init(&c.v, XLSX_CELL_MAX);
	styr_buf_init(&c.is, XLSX_CELL_MAX);
	while (!rc && (more = xmlTextReaderRead(x.rd)) == 1) {
		int type = xmlTextReaderNodeType(x.rd);
		const char *nm = xml_name(&x);
		bool empty = xmlTextReaderIsEmptyElement(x.rd);

		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (!strcmp(nm, "sheetData"))
				in_data = 0;
			else if (!strcmp(nm, "rPh"))
				in_rph = 0;
			else if (!strcmp(nm, "is"))
				in_is = 0;
			else if (!strcmp(nm, "c") && in_cell) {
				in_cell = 0;
				rc = cell_finish(wb, sheet, &c, g);
			}
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(nm, "sheetData")) {
			in_data = !empty;
		} else if (!in_data) {
			continue;
		} else if (!strcmp(nm, "row")) {
			xml_attr(&x, "r", attr, sizeof(attr));
			/* rows and cells may leave out r: then they follow on */
			row = attr[0] ? atoi(attr) : row + 1;
			col = 0;
			if (row < 1 || row > XLSX_ROW_LIMIT)
				rc = styr_error(
				    wb->err, STYR_EINPUT,
				    "%s: blad \"%s\": row number \"%s\": expected 1 to %d",
				    wb->name, sheet, attr, XLSX_ROW_LIMIT);
		} else if (!strcmp(nm, "c")) {
			xml_attr(&x, "r", attr, sizeof(attr));
			if (attr[0] && !cell_ref(attr, &col, &row)) {
				rc =
				    styr_error(wb->err, STYR_EINPUT,
				               "%s: blad \"%s\": cell reference \"%s\": expected a "
				               "reference such as C12",
				               wb->name, sheet, attr);
				break;
			}
			if (!attr[0] && ++col > XLSX_COL_LIMIT) {
				rc = styr_error(wb->err, STYR_EINPUT,
				                "%s: blad \"%s\", rad %d: more than %d columns",
				                wb->name, sheet, row, XLSX_COL_LIMIT);
				break;
			}
			c.row = row;
			c.col = col;
			xml_attr(&x, "t", c.type, sizeof(c.type));
			xml_attr(&x, "s", attr, sizeof(attr));
			c.style = attr[0] ? atoi(attr) : 0;
			styr_buf_reset(&c.v);
			styr_buf_reset(&c.is);
			in_cell = !empty;
		} else if (in_cell && !strcmp(nm, "v")) {
			rc = xml_text(&x, &c.v);
		} else if (in_cell && !strcmp(nm, "is")) {
			in_is = !empty;
		} else if (in_is && !strcmp(nm, "rPh")) {
			in_rph = !empty;
		} else if (in_is && !in_rph && !strcmp(nm, "t")) {
			rc = xml_text(&x, &c.is);
		}
		if (rc && c.row && wb->err->msg[0] && strstr(wb->err->msg, "longer than")) {
			char cell[8];

			interchange_column_name(c.col, cell);
			styr_err_prefix(wb->err, "%s: blad \"%s\", cell %s%d: ", wb->name, sheet,
			                cell, c.row);
		}
	}
	if (!rc && more < 0)
		rc = xml_fail(&x);
	xmlFreeTextReader(x.rd);
	styr_buf_release(&c.v);
	styr_buf_release(&c.is);
	free(buf);
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
	int col[XLSX_COL_LIMIT > 64 ? 64 : XLSX_COL_LIMIT];
	const char *name[64];
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
		if (h->n == 64 || strpbrk(s, ";\"\r\n"))
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

/* An ordinary sheet: its header and rows as they are. */
static int sheet_csv(struct workbook *wb, struct sheet_text *t, const struct grid *g, size_t first,
                     const struct header *h)
{
	size_t i;
	int j, rc = STYR_OK, breaks = 0;

	for (j = 0; j < h->n && !rc; j++) {
		rc = put_field(t, j == 0, h->name[j], &breaks, wb->err);
		t->origin.field_col[j] = h->col[j];
	}
	if (!rc)
		rc = end_record(t, h->row, 0, 0, wb->err);
	for (i = first + 1; i < g->n && !rc; i++) {
		const struct row *r = &g->rows[i];

		if (row_blank(r))
			continue;
		if ((rc = stray_cells(wb, t, r, h)))
			break;
		breaks = 0;
		for (j = 0; j < h->n && !rc; j++)
			rc = put_field(t, j == 0, cell_text(r, h->col[j]), &breaks, wb->err);
		if (!rc)
			rc = end_record(t, r->row, 0, breaks, wb->err);
	}
	return rc;
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

/* The budget sheet: unit, year, row (table, source) and twelve months
 * into ledger rows of kind budget, one a month with an amount. */
static int budget_csv(struct workbook *wb, struct sheet_text *t, const struct grid *g, size_t first,
                      const struct header *h)
{
	static const char *const named[] = {"unit", "table", "year", "row", "source"};
	static const int led[] = {LED_UNIT, LED_TABLE, LED_YEAR, LED_ROW, LED_SOURCE};
	int colof[5] = {0}, month_col[13] = {0};
	char cell[8], num[8];
	size_t i;
	int j, k, rc = STYR_OK, breaks = 0;

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
	for (j = 0; j < (int)interchange_specs[STYR_ENTITY_LEDGER].ncolumns && !rc; j++)
		rc = put_field(t, j == 0, interchange_specs[STYR_ENTITY_LEDGER].columns[j], &breaks,
		               wb->err);
	for (k = 0; k < 5; k++)
		t->origin.field_col[led[k]] = colof[k];
	t->origin.override = COLUMN_BIT(LED_MONTH) | COLUMN_BIT(LED_AMOUNT);
	if (!rc)
		rc = end_record(t, h->row, 0, 0, wb->err);
	for (i = first + 1; i < g->n && !rc; i++) {
		const struct row *r = &g->rows[i];

		if (row_blank(r))
			continue;
		if ((rc = stray_cells(wb, t, r, h)))
			break;
		for (k = 1; k <= 12 && !rc; k++) {
			const char *amount = cell_text(r, month_col[k]);
			const char *f[8];

			if (!*amount)
				continue; /* a month left empty stores nothing */
			snprintf(num, sizeof(num), "%d", k);
			f[LED_UNIT] = cell_text(r, colof[0]);
			f[LED_TABLE] = cell_text(r, colof[1]);
			f[LED_YEAR] = cell_text(r, colof[2]);
			f[LED_MONTH] = num;
			f[LED_ROW] = cell_text(r, colof[3]);
			f[LED_KIND] = "budget";
			f[LED_AMOUNT] = amount;
			f[LED_SOURCE] = cell_text(r, colof[4]);
			breaks = 0;
			for (j = 0; j < 8 && !rc; j++)
				rc = put_field(t, j == 0, f[j], &breaks, wb->err);
			if (!rc)
				rc = end_record(t, r->row, month_col[k], breaks, wb->err);
		}
	}
	return rc;
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
	return -1;
}

/* The workbook part's sheets in order, with their names and r:ids. */
static int read_workbook(struct workbook *wb, const char *part, struct workbook_parts *wp)
{
	char *buf, attr[16];
	struct xml x;
	size_t len;
	int rc, more;

	if ((rc = part_read(wb, part, &buf, &len)))
		return rc;
	if ((rc = xml_open(&x, wb, part, buf, len))) {
		free(buf);
		return rc;
	}
	while (!rc && (more = xmlTextReaderRead(x.rd)) == 1) {
		const char *nm = xml_name(&x);

		if (xmlTextReaderNodeType(x.rd) != XML_READER_TYPE_ELEMENT)
			continue;
		if (!strcmp(nm, "workbookPr")) {
			xml_attr(&x, "date1904", attr, sizeof(attr));
			wb->date1904 = !strcmp(attr, "1") || !strcmp(attr, "true");
		} else if (!strcmp(nm, "sheet")) {
			if ((rc = grow((void **)&wp->sheets, &wp->cap, wp->n + 1,
			               sizeof(*wp->sheets), wb->err)))
				break;
			xml_attr(&x, "name", wp->sheets[wp->n].name,
			         sizeof(wp->sheets[wp->n].name));
			xml_rel_id(&x, wp->sheets[wp->n].rid, sizeof(wp->sheets[wp->n].rid));
			wp->n++;
		}
	}
	if (!rc && more < 0)
		rc = xml_fail(&x);
	xmlFreeTextReader(x.rd);
	free(buf);
	return rc;
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
	int rc = styr_error(err, zip_error_code_zip(ze) == ZIP_ER_OPEN ? STYR_EIO : STYR_EINPUT,
	                    "%s: %s: expected an XLSX workbook", name, zip_error_strerror(ze));

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
		rc = import_zips(db, paths, zips, npaths, NULL, stats, err);
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
