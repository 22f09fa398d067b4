/*
 * SIE 4, the Swedish standard export of an accounting system: the chart of
 * accounts (#KONTO), opening and closing balances (#IB/#UB), the year's
 * result per account (#RES), period balances and budgets per month
 * (#PSALDO/#PBUDGET) and every voucher (#VER { #TRANS ... }).  Loading it
 * lets a real ledger into styr without retyping.
 *
 * The file is PC8 (code page 437) by the standard, so it is decoded to
 * UTF-8 first; bytes that make no sense in Swedish PC8 text (box drawing,
 * Greek) mean the file was saved as Latin-1/Windows-1252 or UTF-8, and it
 * is refused rather than imported with garbled names.
 *
 * The whole file is read before anything is stored, into dense arrays by
 * account (four-digit BAS accounts, 0..9999) and month, so that the checks
 * a producer's file satisfies can be made first: every voucher balances,
 * #RES = Σ #TRANS for every result account, #UB = #IB + Σ #TRANS for
 * every balance account and Σ #PSALDO (no objects) = #RES.  A file that
 * fails any of them is refused, naming file, line and voucher.  Then, in
 * one transaction, the balances are stored in öre, and the result
 * accounts (classes 3–8) are mapped to resultaträkning rows and stored as
 * utfall (from the vouchers, per month; #RES -1 as last year's) and budget
 * (#PBUDGET per month), in öre, exactly as the file's accounts sum, with
 * the sign the resultaträkning uses (income positive, costs negative; SIE
 * books income as credit, negative).  Nothing is rounded here: a report
 * rounds the year's sum once (docs/ekonomi.md).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/import.h"
#include "styr/ledger.h"
#include "styr/period.h"

#define SIE_FILE_MAX ((size_t)256 << 20)
#define ACCOUNTS     10000
#define MAX_FIELDS   16
#define FIELD_MAX    512

/* Code page 437, 0x80..0xFF, as Unicode. */
static const unsigned short cp437[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

/* PC8 bytes Swedish accounting text uses: the letters 0x80..0xAF and a
 * few signs (ß µ ° ²).  Box drawing and Greek are what Latin-1 åäö and
 * UTF-8 lead bytes turn into when read as PC8. */
static bool plausible(unsigned char c)
{
	return c < 0xB0 || c == 0xE1 || c == 0xE6 || c == 0xF8 || c == 0xFD || c == 0xFF;
}

static size_t put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* A valid UTF-8 sequence of two or more bytes starts at p? */
static bool utf8_seq(const unsigned char *p, size_t left)
{
	if (left >= 2 && p[0] >= 0xC2 && p[0] <= 0xDF && (p[1] & 0xC0) == 0x80)
		return true;
	return left >= 3 && p[0] >= 0xE0 && p[0] <= 0xEF && (p[1] & 0xC0) == 0x80 &&
	       (p[2] & 0xC0) == 0x80;
}

static int decode(const char *path, const unsigned char *in, size_t len, char **out,
                  struct styr_err *err)
{
	char *o = malloc(len * 3 + 1);
	size_t i, n = 0;
	int line = 1;

	if (!o)
		return styr_error(err, STYR_ENOMEM, "out of memory reading %s", path);
	for (i = 0; i < len; i++) {
		unsigned char c = in[i];

		if (c == '\n')
			line++;
		if (c == 0) {
			free(o);
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: a NUL byte: expected SIE text in PC8 (CP437)",
			                  path, line);
		}
		if (c < 0x80) {
			o[n++] = (char)c;
			continue;
		}
		if (!plausible(c)) {
			char shown[4];

			shown[put_utf8(shown, cp437[c - 0x80])] = '\0';
			free(o);
			if (utf8_seq(in + i, len - i))
				return styr_error(
				    err, STYR_EINPUT,
				    "%s:%d: the file is UTF-8: expected PC8 (CP437) as "
				    "SIE 4 prescribes (#FORMAT PC8); convert it with "
				    "iconv -f UTF-8 -t CP437",
				    path, line);
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: byte 0x%02X is \"%s\" in PC8 (CP437), which "
			                  "Swedish text does not use: the file looks like Latin-1 "
			                  "or Windows-1252; expected PC8 as SIE 4 prescribes "
			                  "(iconv -f WINDOWS-1252 -t CP437 converts it)",
			                  path, line, c, shown);
		}
		n += put_utf8(o + n, cp437[c - 0x80]);
	}
	o[n] = '\0';
	*out = o;
	return STYR_OK;
}

/* One record's fields: the label, then words, "quoted strings" and
 * {object lists} (kept with their braces). */
struct record {
	char f[MAX_FIELDS][FIELD_MAX];
	int n;
};

static int tokenize(const char *s, struct record *r)
{
	r->n = 0;
	while (*s) {
		size_t k = 0;
		char *d;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (r->n == MAX_FIELDS)
			return -1;
		d = r->f[r->n];
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				if (k + 1 < FIELD_MAX)
					d[k++] = *s;
			}
			if (*s != '"')
				return -1;
			s++;
		} else if (*s == '{') {
			bool quoted = false;

			for (; *s && (quoted || *s != '}'); s++) {
				if (*s == '"')
					quoted = !quoted;
				if (k + 1 < FIELD_MAX)
					d[k++] = *s;
			}
			if (*s != '}')
				return -1;
			d[k++] = *s++;
		} else {
			while (*s && *s != ' ' && *s != '\t' && k + 1 < FIELD_MAX)
				d[k++] = *s++;
		}
		d[k] = '\0';
		r->n++;
	}
	return 0;
}

/* The dimension whose objects (kostnadsställen) map to org units. */
#define DIM_UNITS 1

struct dimension {
	int dim;
	char name[STYR_NAME_MAX];
};

struct object {
	int dim;
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
	int line;          /* where an amount first named it; 0 none */
	const char *label; /* that record's label */
	int unit;          /* index of its unit when storing; -1 none */
};

/* One object's amounts on one account, per month; [0] unused. */
struct obj_amount {
	int obj, acct;
	int64_t trans[13], budget[13], psaldo[13];
	bool has_trans, has_budget, has_psaldo;
};

/* Open addressing over indexes into an array; -1 an empty slot. */
struct index {
	int *slot;
	size_t cap;
};

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	return h;
}

static uint64_t text_hash(int dim, const char *t)
{
	uint64_t h = (uint64_t)dim * UINT64_C(1099511628211);

	for (; *t; t++)
		h = (h ^ (unsigned char)*t) * UINT64_C(1099511628211);
	return mix(h);
}

/* Doubles the table when half full; n is the count after the insert. */
static bool index_room(struct index *x, size_t n, uint64_t (*hash)(const void *, int),
                       const void *items)
{
	size_t cap, i;
	int *slot;

	if (x->cap && n * 2 <= x->cap)
		return true;
	cap = x->cap ? x->cap * 2 : 1024;
	if (!(slot = malloc(cap * sizeof(*slot))))
		return false;
	for (i = 0; i < cap; i++)
		slot[i] = -1;
	for (i = 0; i < x->cap; i++) {
		size_t h;

		if (x->slot[i] < 0)
			continue;
		h = hash(items, x->slot[i]) & (cap - 1);
		while (slot[h] >= 0)
			h = (h + 1) & (cap - 1);
		slot[h] = x->slot[i];
	}
	free(x->slot);
	x->slot = slot;
	x->cap = cap;
	return true;
}

static uint64_t obj_hash(const void *items, int i)
{
	const struct object *o = (const struct object *)items + i;

	return text_hash(o->dim, o->code);
}

static uint64_t amt_hash(const void *items, int i)
{
	const struct obj_amount *a = (const struct obj_amount *)items + i;

	return mix(((uint64_t)a->obj << 16) ^ (uint64_t)a->acct);
}

struct sie {
	const char *path;
	struct styr_err *err;
	int line;
	int year; /* #RAR 0 */
	bool has_rar;
	/* by account; [13]: month 1..12 at [m], index 0 unused */
	int64_t (*trans)[13], (*psaldo)[13], (*pbudget)[13];
	int64_t *res, *res_prev, *ib, *ub;
	unsigned char *flags;
	char (*name)[STYR_NAME_MAX];
	/* where each account was first used by a record with an amount:
	 * the line, and the record's label and field ("#TRANS field 1") */
	int *use_line;
	const char **use_field;
	size_t accounts, vouchers, transactions;
	/* the open voucher */
	bool in_ver, ver_pending;
	char ver_id[64];
	int ver_line, ver_date;
	int64_t ver_sum;
	/* dimensions (#DIM), objects (#OBJEKT and object lists) and the
	 * amounts per object and account */
	struct dimension *dims;
	size_t ndims, dims_cap;
	struct object *objs;
	size_t nobjs, objs_cap;
	struct index obj_index;
	struct obj_amount *amts;
	size_t namts, amts_cap;
	struct index amt_index;
};

enum {
	F_KONTO = 1,
	F_RES = 2,
	F_RES_PREV = 4,
	F_IB = 8,
	F_UB = 16,
	F_PSALDO = 32,
	F_PBUDGET = 64,
	F_TRANS = 128
};

/* Öre as kronor for a message, "−12 771,00" (display only). */
static void kr(char *buf, size_t n, int64_t ore)
{
	styr_num_format(buf, n, (double)ore / 100.0, 2);
}

static int bad(struct sie *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct sie *s, const char *fmt, ...)
{
	char msg[STYR_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return styr_error(s->err, STYR_EINPUT, "%s:%d: %s", s->path, s->line, msg);
}

/* "-12899.00" → öre */
static int ore(struct sie *s, const char *label, const char *t, int64_t *out)
{
	const char *p = t;
	int64_t v = 0;
	int dec = -1, digits = 0;
	bool neg = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p; p++) {
		if (*p == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p) || (dec >= 0 && ++dec > 2) || ++digits > 17)
			return bad(s,
			           "%s: amount \"%s\": expected kronor with at most two decimals "
			           "after a point, such as -128.00",
			           label, t);
		v = v * 10 + (*p - '0');
	}
	if (!digits)
		return bad(s, "%s: amount \"%s\": expected kronor such as -128.00", label, t);
	while (dec < 2) {
		v *= 10;
		dec = dec < 0 ? 1 : dec + 1;
	}
	*out = neg ? -v : v;
	return STYR_OK;
}

static int account(struct sie *s, const char *label, const char *t, int *out)
{
	char *end;
	long a = strtol(t, &end, 10);

	if (*end || end == t || a < 0 || a >= ACCOUNTS)
		return bad(s,
		           "%s: account \"%s\": expected a four-digit account number such as 3010",
		           label, t);
	*out = (int)a;
	return STYR_OK;
}

/* "0" or "-1" */
static int year_index(struct sie *s, const char *label, const char *t, int *out)
{
	if (!strcmp(t, "0") || !strcmp(t, "-1")) {
		*out = atoi(t);
		return STYR_OK;
	}
	return bad(s, "%s: year \"%s\": expected 0 (this year) or -1 (last year)", label, t);
}

/* Remember the first record that uses acct, for the chart's message. */
static void used(struct sie *s, int acct, const char *field)
{
	if (!s->use_line[acct]) {
		s->use_line[acct] = s->line;
		s->use_field[acct] = field;
	}
}

static int need(struct sie *s, const struct record *r, int n, const char *form)
{
	if (r->n < n)
		return bad(s, "%s: expected %s", r->f[0], form);
	return STYR_OK;
}

static bool empty_objects(const char *t)
{
	for (t++; *t && *t != '}'; t++)
		if (*t != ' ' && *t != '\t')
			return false;
	return true;
}

/* "YYYYMMDD" → that number, 0 when malformed or not a day of the
 * calendar.  The month indexes the arrays by month: "20244199" as a
 * #TRANS date wrote past them (found by fuzz/sie.c). */
static int date(const char *t)
{
	size_t i;
	int d, month, day;

	if (strlen(t) != 8)
		return 0;
	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)t[i]))
			return 0;
	d = atoi(t);
	month = d / 100 % 100;
	day = d % 100;
	if (month < 1 || month > 12 || day < 1 || day > styr_month_days(d / 10000, month))
		return 0;
	return d;
}

/* The object (dim, code), added when new; -1 out of memory. */
static int object_of(struct sie *s, int dim, const char *code)
{
	size_t h, mask;
	struct object *o;

	if (!index_room(&s->obj_index, s->nobjs + 1, obj_hash, s->objs))
		return -1;
	mask = s->obj_index.cap - 1;
	for (h = text_hash(dim, code) & mask; s->obj_index.slot[h] >= 0; h = (h + 1) & mask) {
		o = &s->objs[s->obj_index.slot[h]];
		if (o->dim == dim && !strcmp(o->code, code))
			return s->obj_index.slot[h];
	}
	if (styr_array_grow((void **)&s->objs, &s->objs_cap, s->nobjs, sizeof(*s->objs), NULL))
		return -1;
	o = &s->objs[s->nobjs];
	memset(o, 0, sizeof(*o));
	o->dim = dim;
	snprintf(o->code, sizeof(o->code), "%s", code);
	o->unit = -1;
	s->obj_index.slot[h] = (int)s->nobjs;
	return (int)s->nobjs++;
}

static struct obj_amount *amount_of(struct sie *s, int obj, int acct)
{
	struct obj_amount key = {.obj = obj, .acct = acct};
	size_t h, mask;
	struct obj_amount *a;

	if (!index_room(&s->amt_index, s->namts + 1, amt_hash, s->amts))
		return NULL;
	mask = s->amt_index.cap - 1;
	for (h = amt_hash(&key, 0) & mask; s->amt_index.slot[h] >= 0; h = (h + 1) & mask) {
		a = &s->amts[s->amt_index.slot[h]];
		if (a->obj == obj && a->acct == acct)
			return a;
	}
	if (styr_array_grow((void **)&s->amts, &s->amts_cap, s->namts, sizeof(*s->amts), NULL))
		return NULL;
	a = &s->amts[s->namts];
	memset(a, 0, sizeof(*a));
	a->obj = obj;
	a->acct = acct;
	s->amt_index.slot[h] = (int)s->namts++;
	return a;
}

/* Next word or "quoted string" of an object list into out; the rest. */
static const char *list_word(const char *p, char *out, size_t n, bool *ok)
{
	size_t k = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++)
			if (k + 1 < n)
				out[k++] = *p;
			else
				*ok = false;
		if (*p != '"')
			*ok = false;
		else
			p++;
	} else {
		for (; *p && *p != ' ' && *p != '\t' && *p != '}'; p++)
			if (k + 1 < n)
				out[k++] = *p;
			else
				*ok = false;
	}
	out[k] = '\0';
	return p;
}

/* An object list "{1 "4711" 6 "P12"}" of a #TRANS (kind 0), #PBUDGET
 * (kind 1) or #PSALDO (kind 2): the amount goes to each object named, once
 * per dimension. */
static int objects_add(struct sie *s, const char *label, const char *list, int acct, int kind,
                       int month, int64_t amount)
{
	int seen[MAX_FIELDS], nseen = 0, i;
	const char *p = list + 1;

	for (;;) {
		char dim_t[16], code[STYR_CODE_MAX];
		bool ok = true;
		char *end;
		long dim;
		int obj;
		struct obj_amount *a;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '}' || !*p)
			break;
		p = list_word(p, dim_t, sizeof(dim_t), &ok);
		p = list_word(p, code, sizeof(code), &ok);
		dim = strtol(dim_t, &end, 10);
		if (!ok || *end || end == dim_t || dim < 1 || dim > 9999 || !code[0])
			return bad(s,
			           "%s: field \"objects\" %.80s: expected pairs of a dimension and "
			           "an object of at most %d bytes, such as {1 \"4711\" 6 \"P12\"}",
			           label, list, STYR_CODE_MAX - 1);
		for (i = 0; i < nseen; i++)
			if (seen[i] == dim)
				return bad(
				    s,
				    "%s: field \"objects\" %.80s: dimension %ld twice: expected "
				    "one object per dimension",
				    label, list, dim);
		if (nseen == MAX_FIELDS)
			return bad(s, "%s: field \"objects\" %.80s: more than %d dimensions", label,
			           list, MAX_FIELDS);
		seen[nseen++] = (int)dim;
		if ((obj = object_of(s, (int)dim, code)) < 0 || !(a = amount_of(s, obj, acct)))
			return styr_error(s->err, STYR_ENOMEM, "out of memory");
		if (!s->objs[obj].line) {
			s->objs[obj].line = s->line;
			s->objs[obj].label = label;
		}
		if (kind == 2) {
			a->psaldo[month] += amount;
			a->has_psaldo = true;
		} else if (kind) {
			a->budget[month] += amount;
			a->has_budget = true;
		} else {
			a->trans[month] += amount;
			a->has_trans = true;
		}
	}
	return STYR_OK;
}

static int trans(struct sie *s, const struct record *r)
{
	int acct = 0, d, rc;
	int64_t amount;

	if (!s->in_ver)
		return bad(s, "#TRANS outside a voucher: expected it between { and } after #VER");
	if ((rc = need(s, r, 4, "#TRANS account {objects} amount")) ||
	    (rc = account(s, "#TRANS", r->f[1], &acct)))
		return rc;
	if (r->f[2][0] != '{')
		return bad(s,
		           "#TRANS: \"%s\": expected an object list such as {} after the account",
		           r->f[2]);
	if ((rc = ore(s, "#TRANS", r->f[3], &amount)))
		return rc;
	if (!(s->flags[acct] & F_KONTO))
		return bad(s,
		           "#TRANS: account %d is not in the file's chart of accounts (#KONTO) "
		           "(voucher %s)",
		           acct, s->ver_id);
	s->ver_sum += amount;
	s->transactions++;
	used(s, acct, "#TRANS field 1 (account)");
	d = r->n > 4 && date(r->f[4]) ? date(r->f[4]) : s->ver_date;
	if (d / 10000 == s->year) {
		s->trans[acct][(d / 100) % 100] += amount;
		s->flags[acct] |= F_TRANS;
		if (!empty_objects(r->f[2]))
			return objects_add(s, "#TRANS", r->f[2], acct, 0, (d / 100) % 100, amount);
	}
	return STYR_OK;
}

static int close_voucher(struct sie *s)
{
	if (s->ver_sum != 0) {
		char sum[48];

		kr(sum, sizeof(sum), s->ver_sum);
		s->line = s->ver_line;
		return bad(s, "voucher %s does not balance: its #TRANS sum to %s kr, expected 0",
		           s->ver_id, sum);
	}
	s->in_ver = false;
	s->vouchers++;
	return STYR_OK;
}

static int period(struct sie *s, const char *label, const char *t, int *month)
{
	int p = date(t) ? 0 : atoi(t);

	if (strlen(t) != 6 || p / 100 < 1900 || p % 100 < 1 || p % 100 > 12)
		return bad(s, "%s: period \"%s\": expected YYYYMM such as 201102", label, t);
	*month = p % 100;
	return STYR_OK;
}

static int record(struct sie *s, const struct record *r)
{
	const char *l = r->f[0];
	int acct = 0, yi = 0, m = 0, rc;
	int64_t amount;

	if (!strcmp(l, "#FORMAT")) {
		if (r->n < 2 || strcmp(r->f[1], "PC8"))
			return bad(s, "#FORMAT %s: expected PC8, the only format of SIE 4",
			           r->n < 2 ? "" : r->f[1]);
	} else if (!strcmp(l, "#RAR")) {
		if ((rc = need(s, r, 4, "#RAR yearno start end")))
			return rc;
		if (!strcmp(r->f[1], "0")) {
			if (!date(r->f[2]))
				return bad(s, "#RAR: start \"%s\": expected a date YYYYMMDD",
				           r->f[2]);
			s->year = date(r->f[2]) / 10000;
			s->has_rar = true;
		}
	} else if (!strcmp(l, "#KONTO")) {
		if ((rc = need(s, r, 3, "#KONTO account name")) ||
		    (rc = account(s, l, r->f[1], &acct)))
			return rc;
		if (strlen(r->f[2]) >= STYR_NAME_MAX)
			return bad(s, "#KONTO %d: name longer than %d bytes", acct,
			           STYR_NAME_MAX - 1);
		memcpy(s->name[acct], r->f[2], strlen(r->f[2]) + 1);
		if (!(s->flags[acct] & F_KONTO))
			s->accounts++;
		s->flags[acct] |= F_KONTO;
	} else if (!strcmp(l, "#IB") || !strcmp(l, "#UB") || !strcmp(l, "#RES")) {
		if ((rc = need(s, r, 4, "yearno account amount")) ||
		    (rc = year_index(s, l, r->f[1], &yi)) || (rc = account(s, l, r->f[2], &acct)) ||
		    (rc = ore(s, l, r->f[3], &amount)))
			return rc;
		if (l[1] == 'R')
			used(s, acct, "#RES field 2 (account)");
		if (!strcmp(l, "#RES") && yi == -1) {
			s->res_prev[acct] = amount;
			s->flags[acct] |= F_RES_PREV;
		} else if (yi == 0) {
			int flag = l[1] == 'I' ? F_IB : l[1] == 'U' ? F_UB : F_RES;
			int64_t *v = flag == F_IB ? s->ib : flag == F_UB ? s->ub : s->res;

			v[acct] = amount;
			s->flags[acct] |= flag;
		}
	} else if (!strcmp(l, "#PSALDO") || !strcmp(l, "#PBUDGET")) {
		if ((rc = need(s, r, 6, "yearno period account {objects} amount")) ||
		    (rc = year_index(s, l, r->f[1], &yi)) || (rc = period(s, l, r->f[2], &m)) ||
		    (rc = account(s, l, r->f[3], &acct)) || (rc = ore(s, l, r->f[5], &amount)))
			return rc;
		if (r->f[4][0] != '{')
			return bad(s, "%s: \"%s\": expected an object list such as {}", l, r->f[4]);
		used(s, acct,
		     l[2] == 'S' ? "#PSALDO field 3 (account)" : "#PBUDGET field 3 (account)");
		/* Rows per object (kostnadsställe) break the total down; the
		 * total is the row without objects. */
		if (yi == 0 && !empty_objects(r->f[4]))
			return objects_add(s, l[2] == 'B' ? "#PBUDGET" : "#PSALDO", r->f[4], acct,
			                   l[2] == 'B' ? 1 : 2, m, amount);
		if (yi == 0 && empty_objects(r->f[4])) {
			if (l[2] == 'S') {
				s->psaldo[acct][m] += amount;
				s->flags[acct] |= F_PSALDO;
			} else {
				s->pbudget[acct][m] += amount;
				s->flags[acct] |= F_PBUDGET;
			}
		}
	} else if (!strcmp(l, "#DIM") || !strcmp(l, "#UNDERDIM")) {
		char *end;
		long dim;

		if ((rc = need(s, r, 3, "dimension number name")))
			return rc;
		dim = strtol(r->f[1], &end, 10);
		if (*end || end == r->f[1] || dim < 1 || dim > 9999)
			return bad(s, "%s: dimension \"%s\": expected a number such as 1", l,
			           r->f[1]);
		if (styr_array_grow((void **)&s->dims, &s->dims_cap, s->ndims, sizeof(*s->dims),
		                    NULL))
			return styr_error(s->err, STYR_ENOMEM, "out of memory");
		s->dims[s->ndims].dim = (int)dim;
		snprintf(s->dims[s->ndims++].name, STYR_NAME_MAX, "%.255s", r->f[2]);
	} else if (!strcmp(l, "#OBJEKT")) {
		char *end;
		long dim;
		int obj;

		if ((rc = need(s, r, 4, "dimension object name")))
			return rc;
		dim = strtol(r->f[1], &end, 10);
		if (*end || end == r->f[1] || dim < 1 || dim > 9999)
			return bad(s, "#OBJEKT: dimension \"%s\": expected a number such as 1",
			           r->f[1]);
		if (!r->f[2][0] || strlen(r->f[2]) >= STYR_CODE_MAX)
			return bad(s, "#OBJEKT: object \"%s\": expected a code of 1 to %d bytes",
			           r->f[2], STYR_CODE_MAX - 1);
		if ((obj = object_of(s, (int)dim, r->f[2])) < 0)
			return styr_error(s->err, STYR_ENOMEM, "out of memory");
		snprintf(s->objs[obj].name, STYR_NAME_MAX, "%.255s", r->f[3]);
	} else if (!strcmp(l, "#VER")) {
		if (s->in_ver || s->ver_pending)
			return bad(s, "#VER inside voucher %s: expected } first", s->ver_id);
		if ((rc = need(s, r, 4, "#VER series number date")))
			return rc;
		if (!date(r->f[3]))
			return bad(s, "#VER: date \"%s\": expected YYYYMMDD", r->f[3]);
		snprintf(s->ver_id, sizeof(s->ver_id), "%.20s %.20s (%.8s)", r->f[1], r->f[2],
		         r->f[3]);
		s->ver_date = date(r->f[3]);
		s->ver_line = s->line;
		s->ver_sum = 0;
		s->ver_pending = true;
	} else if (!strcmp(l, "#TRANS")) {
		return trans(s, r);
	}
	/* #RTRANS/#BTRANS record changes to a voucher (an #RTRANS is
	 * followed by the #TRANS it added); other labels are information
	 * styr does not keep.  The standard tells readers to skip unknown
	 * labels. */
	return STYR_OK;
}

static int parse(struct sie *s, char *text)
{
	char *line = text;
	struct record *r = malloc(sizeof(*r));
	int rc = STYR_OK;

	if (!r)
		return styr_error(s->err, STYR_ENOMEM, "out of memory");
	s->line = 0;
	while (line && !rc) {
		char *nl = strchr(line, '\n');
		char *p = line;
		size_t n;

		if (nl)
			*nl = '\0';
		s->line++;
		while (*p == ' ' || *p == '\t')
			p++;
		n = strlen(p);
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			p[--n] = '\0';
		if (!strcmp(p, "{")) {
			if (!s->ver_pending)
				rc = bad(s, "{ without #VER before it");
			s->ver_pending = false;
			s->in_ver = true;
		} else if (!strcmp(p, "}")) {
			rc = s->in_ver ? close_voucher(s) : bad(s, "} without an open voucher");
		} else if (*p == '#') {
			if (s->ver_pending)
				rc = bad(s, "voucher %s: expected { after #VER", s->ver_id);
			else if (tokenize(p, r))
				rc = bad(
				    s,
				    "%.40s: unterminated \"...\" or {...}, or more than %d fields",
				    p, MAX_FIELDS);
			else
				rc = record(s, r);
		} else if (*p) {
			rc = bad(s, "\"%.40s\": expected a record starting with #", p);
		}
		line = nl ? nl + 1 : NULL;
	}
	if (!rc && (s->in_ver || s->ver_pending)) {
		s->line = s->ver_line;
		rc = bad(s, "voucher %s is not closed: expected } before the end of the file",
		         s->ver_id);
	}
	if (!rc && !s->has_rar)
		rc = styr_error(s->err, STYR_EINPUT,
		                "%s: no #RAR 0: expected the financial year, such as #RAR 0 "
		                "20110101 20111231",
		                s->path);
	free(r);
	return rc;
}

/* What the producer's file promises (testdata/README.md). */
static int consistent(struct sie *s)
{
	char a[40], b[40];
	int acct, m;

	for (acct = 0; acct < ACCOUNTS; acct++) {
		unsigned f = s->flags[acct];
		int64_t sum = 0, ps = 0;

		for (m = 1; m <= 12; m++) {
			sum += s->trans[acct][m];
			ps += s->psaldo[acct][m];
		}
		if (f & F_RES && s->vouchers && s->res[acct] != sum) {
			kr(a, sizeof(a), s->res[acct]);
			kr(b, sizeof(b), sum);
			return styr_error(
			    s->err, STYR_EINPUT,
			    "%s: #RES 0 %d is %s kr but the year's #TRANS on it sum to "
			    "%s kr",
			    s->path, acct, a, b);
		}
		if (f & (F_IB | F_UB) && s->vouchers && s->ub[acct] != s->ib[acct] + sum) {
			kr(a, sizeof(a), s->ub[acct]);
			kr(b, sizeof(b), s->ib[acct] + sum);
			return styr_error(s->err, STYR_EINPUT,
			                  "%s: #UB 0 %d is %s kr but #IB + Σ #TRANS = %s kr",
			                  s->path, acct, a, b);
		}
		if (f & F_PSALDO && f & F_RES && ps != s->res[acct]) {
			kr(a, sizeof(a), ps);
			kr(b, sizeof(b), s->res[acct]);
			return styr_error(s->err, STYR_EINPUT,
			                  "%s: the twelve #PSALDO 0 of account %d sum to %s kr but "
			                  "#RES 0 is %s kr",
			                  s->path, acct, a, b);
		}
	}
	return STYR_OK;
}

/* ---- storing ---- */

static int put_balance(struct styr_db *db, const char *unit, int year, int month, int acct,
                       const char *kind, int64_t amount, struct styr_sie_stats *st,
                       struct styr_err *err)
{
	struct styr_account_balance b;

	memset(&b, 0, sizeof(b));
	snprintf(b.unit, sizeof(b.unit), "%s", unit);
	b.year = year;
	b.month = month;
	b.account = acct;
	snprintf(b.kind, sizeof(b.kind), "%s", kind);
	b.amount_ore = amount;
	st->balances++;
	return styr_account_balance_put(db, &b, err);
}

/* Sums per row of the plan, in öre: what the accounts mapped to the row
 * gave (own) and, once added up, the row with everything below it. */
struct row_sum {
	int64_t utfall[13], budget[13], prev; /* [0] unused for months */
	bool has_utfall, has_budget, has_prev;
};

/* The row plan in printed order, read once per import. */
struct plan {
	struct styr_ledger_row *row;
	size_t n, cap;
};

struct sums {
	const struct plan *plan;
	struct row_sum *own, *total; /* by plan row */
};

static int plan_row(void *ctx, const struct styr_ledger_row *r)
{
	struct plan *p = ctx;

	if (styr_array_grow((void **)&p->row, &p->cap, p->n, sizeof(*p->row), NULL))
		return STYR_ENOMEM;
	p->row[p->n++] = *r;
	return 0;
}

static size_t plan_index(const struct plan *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->row[i].code, code))
			return i;
	return (size_t)-1;
}

static int sums_init(struct sums *ss, const struct plan *p)
{
	ss->plan = p;
	ss->own = calloc(p->n + 1, sizeof(*ss->own));
	ss->total = calloc(p->n + 1, sizeof(*ss->total));
	return ss->own && ss->total ? STYR_OK : STYR_ENOMEM;
}

static void sums_release(struct sums *ss)
{
	free(ss->own);
	free(ss->total);
}

/* The sum of row, which the chart took from the plan. */
static struct row_sum *sum_for(struct sums *ss, const struct styr_ledger_row *row)
{
	size_t i = plan_index(ss->plan, row->code);

	return i == (size_t)-1 ? NULL : &ss->own[i];
}

static void sum_add(struct row_sum *to, const struct row_sum *from)
{
	int m;

	for (m = 1; m <= 12; m++) {
		to->utfall[m] += from->utfall[m];
		to->budget[m] += from->budget[m];
	}
	to->prev += from->prev;
	to->has_utfall |= from->has_utfall;
	to->has_budget |= from->has_budget;
	to->has_prev |= from->has_prev;
}

/* Where put_rows writes: a unit's ledger (dim 0) or the detail of one
 * object under a unit. */
struct writer {
	struct styr_db *db;
	const char *unit, *path;
	int dim;
	const char *object;
	struct styr_sie_stats *st;
};

static int put_ore(struct writer *w, int year, int month, const char *row, const char *kind,
                   int64_t ore, struct styr_err *err)
{
	struct styr_ledger_entry e;

	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "%s", w->unit);
	e.year = year;
	e.month = month;
	snprintf(e.row, sizeof(e.row), "%s", row);
	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	e.amount_ore = ore;
	snprintf(e.source, sizeof(e.source), "%.200s (SIE)", w->path);
	if (w->dim) {
		struct styr_ledger_detail d;

		styr_ledger_detail_of(&d, &e, w->dim, w->object);
		w->st->detail_amounts++;
		return styr_ledger_detail_put(w->db, &d, err);
	}
	w->st->ledger_amounts++;
	return styr_ledger_put(w->db, &e, err);
}

/* Write the rows and the sums above them, their exact sums, in öre.  The
 * plan says which sums a row is in: its parent, the parent's parent, up
 * to the top, so that a row a region added (köpt vård under SUMMA
 * KOSTNADER) is in SUMMA KOSTNADER and RESULTAT as the others are.  A
 * cycle in the plan is refused when the plan is imported; the walk up is
 * bounded by the plan's size all the same. */
static int put_rows(struct writer *w, int year, struct sums *ss, struct styr_err *err)
{
	const struct plan *p = ss->plan;
	size_t i, up, depth;
	int m, rc = STYR_OK;

	memcpy(ss->total, ss->own, p->n * sizeof(*ss->total));
	for (i = 0; i < p->n; i++) {
		const struct row_sum *r = &ss->own[i];

		if (!r->has_utfall && !r->has_budget && !r->has_prev)
			continue;
		up = plan_index(p, p->row[i].parent);
		for (depth = 0; up != (size_t)-1 && depth < p->n; depth++) {
			sum_add(&ss->total[up], r);
			up = plan_index(p, p->row[up].parent);
		}
	}
	for (i = 0; i < p->n && !rc; i++) {
		const struct row_sum *r = &ss->total[i];
		const char *row = p->row[i].code;

		for (m = 1; m <= 12 && !rc; m++) {
			if (r->has_utfall)
				rc = put_ore(w, year, m, row, "utfall", r->utfall[m], err);
			if (!rc && r->has_budget)
				rc = put_ore(w, year, m, row, "budget", r->budget[m], err);
		}
		if (!rc && r->has_prev)
			rc = put_ore(w, year - 1, 0, row, "utfall", r->prev, err);
	}
	return rc;
}

/* The next line of a text read whole, its "\n" or "\r\n" cut off; NULL
 * after the last. */
static char *line_next(char **rest)
{
	char *line = *rest, *nl;
	size_t n;

	if (!line)
		return NULL;
	nl = strchr(line, '\n');
	*rest = nl ? nl + 1 : NULL;
	if (nl)
		*nl = '\0';
	n = strlen(line);
	if (n && line[n - 1] == '\r')
		line[n - 1] = '\0';
	return line;
}

/* A mapping file: "accounts;row" with accounts "3000-3799" or "7010";
 * row "" or "-" keeps the accounts out of the resultaträkning.  It
 * replaces the stored map, so that a file says the whole mapping. */
static int load_mapping(struct styr_db *db, const char *path, struct styr_err *err)
{
	char *text = NULL, *line, *rest;
	size_t len;
	int lineno = 0, rc;

	rc = styr_file_read_text(path, (size_t)16 << 20, &text, &len, err);
	if (!rc)
		rc = styr_account_map_clear(db, err);
	for (rest = text; !rc && (line = line_next(&rest));) {
		char accounts[64], row[STYR_CODE_MAX];
		struct styr_ledger_row found;
		int first, last;
		char *semi;

		lineno++;
		if (!*line)
			continue;
		if (lineno == 1) {
			if (strcmp(line, "accounts;row"))
				rc = styr_error(err, STYR_EINPUT,
				                "%s:1: header \"%s\": expected accounts;row", path,
				                line);
			continue;
		}
		semi = strchr(line, ';');
		if (!semi || (size_t)(semi - line) >= sizeof(accounts) ||
		    strlen(semi + 1) >= sizeof(row)) {
			rc = styr_error(err, STYR_EINPUT,
			                "%s:%d: expected two columns, accounts;row, such as "
			                "7000-7399;lonekostnader",
			                path, lineno);
			break;
		}
		memcpy(accounts, line, (size_t)(semi - line));
		accounts[semi - line] = '\0';
		snprintf(row, sizeof(row), "%s", semi + 1);
		if (sscanf(accounts, "%d-%d", &first, &last) == 2 ||
		    (sscanf(accounts, "%d", &first) == 1 && (last = first, 1))) {
			if (first < 0 || last >= ACCOUNTS || last < first)
				first = -1;
		} else {
			first = -1;
		}
		if (first < 0) {
			rc = styr_error(err, STYR_EINPUT,
			                "%s:%d: column \"accounts\": \"%s\": expected an account "
			                "such as 7010 or a range such as 7000-7399",
			                path, lineno, accounts);
			break;
		}
		if (!strcmp(row, "-"))
			row[0] = '\0';
		if (row[0] && (rc = styr_ledger_row_find(db, row, &found, err))) {
			styr_err_prefix(err, "%s:%d: column \"row\": ", path, lineno);
			break;
		}
		rc = styr_account_map_put(db, first, last, row[0] ? found.code : "", err);
	}
	free(text);
	return rc;
}

/* A result account with figures the chart does not cover: where the
 * file first used it. */
static int uncovered(const struct sie *s, const struct styr_chart *chart, int acct,
                     struct styr_err *err)
{
	return styr_error(err, STYR_EINPUT,
	                  "%s:%d: %s: account %d is not in the chart of accounts \"%s\": expected "
	                  "an account the chart maps to a row of the resultaträkning, or "
	                  "another chart (--chart bas, region-bas, kommun-bas) or a --mapping "
	                  "file that covers it",
	                  s->path, s->use_line[acct],
	                  s->use_field[acct] ? s->use_field[acct] : "#RES", acct, chart->name);
}

/* An objects file, "dim;object;name;unit": dim a number or a dimension's
 * code (kostnadsstalle), unit an org unit's code or "" for none.  Each line
 * is stored as it says; objects the file does not name keep theirs. */
static int load_objects(struct styr_db *db, const char *path, struct styr_err *err)
{
	char *text = NULL, *line, *rest;
	size_t len;
	int lineno = 0, rc;

	rc = styr_file_read_text(path, (size_t)16 << 20, &text, &len, err);
	for (rest = text; !rc && (line = line_next(&rest));) {
		static const char *const col[] = {"dim", "object", "name", "unit"};
		struct styr_ledger_object o;
		struct styr_org_unit u;
		char *f[4], *p, *end;
		int n = 0;
		long dim;

		lineno++;
		if (!*line)
			continue;
		if (lineno == 1) {
			if (strcmp(line, "dim;object;name;unit"))
				rc = styr_error(
				    err, STYR_EINPUT,
				    "%s:1: header \"%.80s\": expected dim;object;name;unit", path,
				    line);
			continue;
		}
		for (p = line, f[n++] = p; n < 4 && (p = strchr(p, ';')); f[n++] = ++p)
			*p = '\0';
		if (n < 4 || strchr(f[3], ';')) {
			rc = styr_error(
			    err, STYR_EINPUT,
			    "%s:%d: expected four columns, dim;object;name;unit, such as "
			    "1;4711;Akutmottagning;AKUT",
			    path, lineno);
			break;
		}
		memset(&o, 0, sizeof(o));
		dim = strtol(f[0], &end, 10);
		if (!strcmp(f[0], "kostnadsstalle"))
			dim = DIM_UNITS;
		else if (*end || end == f[0] || dim < 1 || dim > 9999)
			dim = 0;
		if (!dim) {
			rc = styr_error(
			    err, STYR_EINPUT,
			    "%s:%d: column \"%s\": \"%.40s\": expected a dimension number "
			    "such as 1 (kostnadsställe)",
			    path, lineno, col[0], f[0]);
			break;
		}
		o.dim = (int)dim;
		if (!f[1][0] || strlen(f[1]) >= sizeof(o.code) || strlen(f[2]) >= sizeof(o.name)) {
			int c = !f[1][0] || strlen(f[1]) >= sizeof(o.code) ? 1 : 2;

			rc = styr_error(
			    err, STYR_EINPUT, "%s:%d: column \"%s\": expected 1 to %zu bytes", path,
			    lineno, col[c], c == 1 ? sizeof(o.code) - 1 : sizeof(o.name) - 1);
			break;
		}
		snprintf(o.code, sizeof(o.code), "%s", f[1]);
		snprintf(o.name, sizeof(o.name), "%s", f[2]);
		if (f[3][0] && (rc = styr_org_find(db, f[3], &u, err))) {
			styr_err_prefix(err, "%s:%d: column \"unit\": ", path, lineno);
			break;
		}
		if (f[3][0])
			snprintf(o.unit, sizeof(o.unit), "%s", u.code);
		if (o.dim != DIM_UNITS) {
			struct styr_ledger_dim d = {.dim = o.dim};

			snprintf(d.code, sizeof(d.code), "dim%d", o.dim);
			snprintf(d.name, sizeof(d.name), "Dimension %d", o.dim);
			rc = styr_ledger_dim_put(db, &d, err);
		}
		if (!rc)
			rc = styr_ledger_object_put(db, &o, err);
	}
	free(text);
	return rc;
}

/* The units a file fills: [0] the file's own (--unit), then the units
 * kostnadsställen map to; each with its rows' sums. */
struct target {
	char unit[STYR_CODE_MAX];
	struct sums ss;
};

struct targets {
	struct target *v;
	size_t n, cap;
	bool mapped; /* some kostnadsställe of the database has a unit */
	struct sie *s;
	const struct plan *plan;
	const struct styr_chart *chart;
};

static int target_of(struct targets *t, const char *unit)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].unit, unit))
			return (int)i;
	if (styr_array_grow((void **)&t->v, &t->cap, t->n, sizeof(*t->v), NULL))
		return -1;
	memset(&t->v[t->n], 0, sizeof(t->v[0]));
	snprintf(t->v[t->n].unit, sizeof(t->v[0].unit), "%s", unit);
	if (sums_init(&t->v[t->n].ss, t->plan)) {
		sums_release(&t->v[t->n].ss);
		return -1;
	}
	return (int)t->n++;
}

/* A stored kostnadsställe: the file's object of that code gets its unit. */
static int stored_object(void *ctx, const struct styr_ledger_object *o)
{
	struct targets *t = ctx;
	struct sie *s = t->s;
	size_t i;

	if (!o->unit[0])
		return 0;
	t->mapped = true;
	for (i = 0; i < s->nobjs; i++)
		if (s->objs[i].dim == o->dim && !strcmp(s->objs[i].code, o->code)) {
			if ((s->objs[i].unit = target_of(t, o->unit)) < 0)
				return -1;
			break;
		}
	return 0;
}

/* The row an account's amounts go to; NULL when the chart keeps it out
 * (or, *rc set, does not cover it). */
static const struct styr_ledger_row *account_row(const struct targets *t, int acct, int *rc,
                                                 struct styr_err *err)
{
	const char *code = NULL;
	size_t i;

	*rc = STYR_OK;
	if (!styr_chart_lookup(t->chart, acct, &code)) {
		*rc = uncovered(t->s, t->chart, acct, err);
		return NULL;
	}
	if (!code[0])
		return NULL;
	if ((i = plan_index(t->plan, code)) == (size_t)-1) {
		*rc = styr_error(err, STYR_ENOTFOUND, "row \"%s\" is not in the plan", code);
		return NULL;
	}
	return &t->plan->row[i];
}

static int amt_by_obj(const void *a, const void *b)
{
	const struct obj_amount *x = a, *y = b;

	return x->obj != y->obj ? (x->obj > y->obj) - (x->obj < y->obj)
	                        : (x->acct > y->acct) - (x->acct < y->acct);
}

/* The dimensions, objects and, with kostnadsställen mapped to units, their
 * amounts in their units' sums (t->v[0], the file's unit, holds the whole
 * file).  Then the detail of every object. */
static int store_dims(struct styr_db *db, struct sie *s, struct targets *t,
                      struct styr_sie_stats *st, struct styr_err *err)
{
	bool *dim_trans = calloc(10000, sizeof(*dim_trans));
	size_t i, j;
	int m, rc = STYR_OK;

	if (!dim_trans)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	/* A dimension the vouchers carry has its utfall from them; one only
	 * #PSALDO rows carry (Test4.SE) has it from those. */
	for (i = 0; i < s->namts; i++)
		dim_trans[s->objs[s->amts[i].obj].dim] |= s->amts[i].has_trans;
	for (i = 0; i < s->namts; i++) {
		struct obj_amount *a = &s->amts[i];

		if (!dim_trans[s->objs[a->obj].dim] && a->has_psaldo) {
			memcpy(a->trans, a->psaldo, sizeof(a->trans));
			a->has_trans = true;
		}
	}
	free(dim_trans);
	for (i = 0; i < s->ndims && !rc; i++) {
		struct styr_ledger_dim d = {.dim = s->dims[i].dim};

		snprintf(d.code, sizeof(d.code), "dim%d", d.dim);
		snprintf(d.name, sizeof(d.name), "%s", s->dims[i].name);
		rc = styr_ledger_dim_put(db, &d, err);
	}
	for (i = 0; i < s->nobjs && !rc; i++) {
		struct styr_ledger_dim d = {.dim = s->objs[i].dim};

		snprintf(d.code, sizeof(d.code), "dim%d", d.dim);
		snprintf(d.name, sizeof(d.name), "Dimension %d", d.dim);
		rc = styr_ledger_dim_put(db, &d, err);
		if (!rc)
			rc = styr_ledger_object_name_put(db, s->objs[i].dim, s->objs[i].code,
			                                 s->objs[i].name, err);
	}
	if (!rc && styr_ledger_object_each(db, DIM_UNITS, stored_object, t, err))
		rc = err->code ? err->code : STYR_ENOMEM;
	for (i = 0; i < s->nobjs && !rc; i++) {
		const struct object *o = &s->objs[i];

		if (o->line)
			st->objects++;
		if (t->mapped && o->dim == DIM_UNITS && o->line && o->unit < 0)
			rc =
			    styr_error(err, STYR_EINPUT,
			               "%s:%d: %s: field \"objects\": kostnadsställe \"%s\" has no "
			               "org unit: expected every kostnadsställe of the file mapped "
			               "to a unit (styr import sie --objects FILE, "
			               "\"dim;object;name;unit\") once any is",
			               s->path, o->line, o->label, o->code);
	}
	/* A kostnadsställe's amounts go to its unit's ledger too: the file's
	 * unit keeps the whole file (roll-up counts a unit's own figures as
	 * its whole, so the units below are not added to it again). */
	for (i = 0; i < s->namts && !rc; i++) {
		const struct obj_amount *a = &s->amts[i];
		const struct object *o = &s->objs[a->obj];
		const struct styr_ledger_row *row;
		struct row_sum *to;

		if (o->dim != DIM_UNITS || o->unit <= 0 || a->acct < 3000 || a->acct > 8999)
			continue;
		if (!(row = account_row(t, a->acct, &rc, err)))
			continue;
		to = sum_for(&t->v[o->unit].ss, row);
		for (m = 1; m <= 12; m++) {
			to->utfall[m] -= a->trans[m];
			to->budget[m] -= a->budget[m];
		}
		to->has_utfall |= a->has_trans;
		to->has_budget |= a->has_budget;
	}
	/* the detail: each object's rows, under the file's unit */
	if (!rc && s->namts)
		qsort(s->amts, s->namts, sizeof(*s->amts), amt_by_obj);
	for (i = 0; i < s->namts && !rc; i = j) {
		struct sums ss;
		struct writer w = {db,
		                   t->v[0].unit,
		                   s->path,
		                   s->objs[s->amts[i].obj].dim,
		                   s->objs[s->amts[i].obj].code,
		                   st};

		if (sums_init(&ss, t->plan)) {
			sums_release(&ss);
			rc = styr_error(err, STYR_ENOMEM, "out of memory");
			break;
		}
		for (j = i; j < s->namts && s->amts[j].obj == s->amts[i].obj && !rc; j++) {
			const struct obj_amount *a = &s->amts[j];
			const struct styr_ledger_row *row;
			struct row_sum *r;

			if (a->acct < 3000 || a->acct > 8999 ||
			    !(row = account_row(t, a->acct, &rc, err)))
				continue;
			r = sum_for(&ss, row);
			for (m = 1; m <= 12; m++) {
				r->utfall[m] -= a->trans[m];
				r->budget[m] -= a->budget[m];
			}
			r->has_utfall |= a->has_trans;
			r->has_budget |= a->has_budget;
		}
		while (j < s->namts && s->amts[j].obj == s->amts[i].obj)
			j++;
		if (!rc)
			rc = put_rows(&w, s->year, &ss, err);
		sums_release(&ss);
	}
	return rc;
}

static int store(struct styr_db *db, struct sie *s, const char *unit,
                 const struct styr_sie_options *o, struct styr_sie_stats *st, struct styr_err *err)
{
	struct plan plan = {NULL, 0, 0};
	struct styr_chart chart;
	struct targets t = {NULL, 0, 0, false, s, &plan, &chart};
	const struct styr_ledger_row *row;
	size_t i;
	int acct, m, rc = STYR_OK;

	memset(&chart, 0, sizeof(chart));
	/* a mapping file replaces the stored map, which is then the chart */
	if (o->mapping)
		rc = load_mapping(db, o->mapping, err);
	if (!rc)
		rc = styr_chart_load(db, o->mapping ? "stored" : o->chart, &chart, err);
	if (!rc && o->mapping)
		snprintf(chart.name, sizeof(chart.name), "from --mapping");
	if (!rc && o->objects)
		rc = load_objects(db, o->objects, err);
	if (!rc && (rc = styr_ledger_row_each(db, plan_row, &plan, err)) == STYR_ENOMEM)
		rc = styr_error(err, rc, "out of memory");
	if (!rc && target_of(&t, unit) < 0)
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	for (acct = 0; acct < ACCOUNTS && !rc; acct++) {
		unsigned f = s->flags[acct];
		struct row_sum *r;

		if (!f)
			continue;
		if (f & F_KONTO)
			rc = styr_account_name_put(db, unit, acct, s->name[acct], err);
		if (!rc && f & F_RES)
			rc = put_balance(db, unit, s->year, 0, acct, "res", s->res[acct], st, err);
		if (!rc && f & F_RES_PREV)
			rc = put_balance(db, unit, s->year - 1, 0, acct, "res", s->res_prev[acct],
			                 st, err);
		if (!rc && f & F_IB)
			rc = put_balance(db, unit, s->year, 0, acct, "ib", s->ib[acct], st, err);
		if (!rc && f & F_UB)
			rc = put_balance(db, unit, s->year, 0, acct, "ub", s->ub[acct], st, err);
		for (m = 1; m <= 12 && !rc; m++) {
			if (f & F_TRANS && s->trans[acct][m])
				rc = put_balance(db, unit, s->year, m, acct, "trans",
				                 s->trans[acct][m], st, err);
			if (!rc && f & F_PSALDO && s->psaldo[acct][m])
				rc = put_balance(db, unit, s->year, m, acct, "psaldo",
				                 s->psaldo[acct][m], st, err);
			if (!rc && f & F_PBUDGET && s->pbudget[acct][m])
				rc = put_balance(db, unit, s->year, m, acct, "pbudget",
				                 s->pbudget[acct][m], st, err);
		}
		/* The resultaträkning: result accounts (classes 3–8) with
		 * figures; class 9 (internal accounts) is not in it. */
		if (rc || acct < 3000 || acct > 8999 ||
		    !(f & (F_TRANS | F_RES | F_RES_PREV | F_PBUDGET)))
			continue;
		if (!(row = account_row(&t, acct, &rc, err)))
			continue;
		r = sum_for(&t.v[0].ss, row);
		/* SIE books income as credit (negative); the resultaträkning
		 * shows income positive and costs negative. */
		for (m = 1; m <= 12; m++) {
			r->utfall[m] -= s->trans[acct][m];
			r->budget[m] -= s->pbudget[acct][m];
		}
		r->has_utfall |= (f & (F_TRANS | F_RES)) != 0;
		r->has_budget |= (f & F_PBUDGET) != 0;
		if (f & F_RES_PREV) {
			r->prev -= s->res_prev[acct];
			r->has_prev = true;
		}
	}
	if (!rc)
		rc = store_dims(db, s, &t, st, err);
	for (i = 0; i < t.n && !rc; i++) {
		struct writer w = {db, t.v[i].unit, s->path, 0, NULL, st};

		rc = put_rows(&w, s->year, &t.v[i].ss, err);
	}
	st->units = t.n;
	for (i = 0; i < t.n; i++)
		sums_release(&t.v[i].ss);
	free(t.v);
	free(plan.row);
	styr_chart_release(&chart);
	return rc;
}

/* The whole file (a pipe too) in *raw, up to SIE_FILE_MAX bytes.  It
 * grows as it reads: a buffer of SIE_FILE_MAX for every file, as this
 * was, cost each import 256 MB of address space, and under ASan the
 * poisoning of it made one small file take 90 ms (fuzz/sie.c). */
static int read_file(const char *path, char **raw, size_t *len, struct styr_err *err)
{
	struct styr_buf b;
	struct styr_err local;
	char chunk[65536];
	size_t n;
	int rc = STYR_OK;
	FILE *f = fopen(path, "rb");

	if (!f)
		return styr_error(err, STYR_EIO, "%s: cannot open: %s", path, strerror(errno));
	styr_buf_init(&b, SIE_FILE_MAX);
	styr_err_init(&local);
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (styr_buf_add(&b, chunk, n, &local))
			rc = local.code == STYR_ETOOBIG
			         ? styr_error(err, STYR_ETOOBIG, "%s: larger than %zu bytes", path,
			                      SIE_FILE_MAX)
			         : styr_error(err, STYR_ENOMEM, "out of memory reading %s", path);
	if (!rc && ferror(f))
		rc = styr_error(err, STYR_EIO, "%s: read error", path);
	fclose(f);
	if (rc) {
		styr_buf_release(&b);
		return rc;
	}
	*raw = styr_buf_detach(&b, len);
	return STYR_OK;
}

int styr_import_sie(struct styr_db *db, const char *path, const char *unit,
                    const struct styr_sie_options *opt, struct styr_sie_stats *stats,
                    struct styr_err *err)
{
	static const struct styr_sie_options none = {NULL, NULL, NULL};
	struct styr_sie_stats local;
	struct styr_org_unit u;
	struct sie s;
	char *raw = NULL, *text = NULL;
	size_t len = 0;
	int rc;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	memset(&s, 0, sizeof(s));
	s.path = path;
	s.err = err;
	if ((rc = styr_org_find(db, unit, &u, err))) {
		styr_err_prefix(err, "--unit: ");
		return rc;
	}
	if ((rc = read_file(path, &raw, &len, err)))
		return rc;
	rc = decode(path, (const unsigned char *)raw, len, &text, err);
	free(raw);
	if (rc)
		return rc;
	s.trans = calloc(ACCOUNTS, sizeof(*s.trans));
	s.psaldo = calloc(ACCOUNTS, sizeof(*s.psaldo));
	s.pbudget = calloc(ACCOUNTS, sizeof(*s.pbudget));
	s.res = calloc(ACCOUNTS, sizeof(*s.res));
	s.res_prev = calloc(ACCOUNTS, sizeof(*s.res_prev));
	s.ib = calloc(ACCOUNTS, sizeof(*s.ib));
	s.ub = calloc(ACCOUNTS, sizeof(*s.ub));
	s.flags = calloc(ACCOUNTS, 1);
	s.name = calloc(ACCOUNTS, sizeof(*s.name));
	s.use_line = calloc(ACCOUNTS, sizeof(*s.use_line));
	s.use_field = calloc(ACCOUNTS, sizeof(*s.use_field));
	if (!s.use_line || !s.use_field || !s.trans || !s.psaldo || !s.pbudget || !s.res ||
	    !s.res_prev || !s.ib || !s.ub || !s.flags || !s.name)
		rc = styr_error(err, STYR_ENOMEM, "out of memory reading %s", path);
	if (!rc)
		rc = parse(&s, text);
	if (!rc)
		rc = consistent(&s);
	if (!rc)
		rc = styr_db_begin(db, err);
	if (!rc) {
		char base[STYR_SOURCE_TEXT], here[STYR_SOURCE_TEXT];

		/* the amounts are sums of the file's vouchers: the file is where */
		snprintf(base, sizeof(base), "%s", styr_db_source_text(db));
		snprintf(here, sizeof(here), "%.400s (SIE)", path);
		styr_db_source(db, here);
		rc = store(db, &s, u.code, opt ? opt : &none, stats, err);
		styr_db_source(db, base);
		if (rc)
			styr_db_rollback(db);
		else
			rc = styr_db_commit(db, err);
	}
	stats->year = s.year;
	stats->accounts = s.accounts;
	stats->vouchers = s.vouchers;
	stats->transactions = s.transactions;
	if (rc)
		memset(stats, 0, sizeof(*stats));
	free(text);
	free(s.trans);
	free(s.psaldo);
	free(s.pbudget);
	free(s.res);
	free(s.res_prev);
	free(s.ib);
	free(s.ub);
	free(s.flags);
	free(s.name);
	free(s.use_line);
	free(s.use_field);
	free(s.dims);
	free(s.objs);
	free(s.obj_index.slot);
	free(s.amts);
	free(s.amt_index.slot);
	return rc;
}
