/*
 * Reading event files into columns.  A file is read in blocks (through
 * zlib, so a .gz export loads as it is and a plain file passes through),
 * split into lines and fields in place, and every row is checked before it
 * is appended: a time that does not parse, a unit the org tree lacks, a
 * code outside the code list, a discharge before its admission or any
 * other negative duration makes a bad row, reported with file, line,
 * field and reason.  Good rows become one int32 or int64 per field.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "events/events_int.h"
#include "styr/buf.h"
#include "styr/db.h"
#include "styr/err.h"

#define MAX_COLS 256

/* --- units ------------------------------------------------------------ */

static uint32_t code_hash(const char *s, size_t n)
{
	return (uint32_t)ev_hash(s, n);
}

static int units_add(struct ev_units *u, const char *code, size_t len, int32_t parent, int32_t *out,
                     struct styr_err *err)
{
	size_t i, h;

	if (len >= sizeof(u->code[0]))
		return styr_error(err, STYR_EINPUT, "unit \"%.*s\" is too long", (int)len, code);
	if (u->n + 1 > u->nslot / 2) {
		size_t ns = u->nslot ? u->nslot * 2 : 64;
		uint32_t *slot = calloc(ns, sizeof(*slot));

		if (!slot)
			return styr_error(err, STYR_ENOMEM, "out of memory");
		for (i = 0; i < u->n; i++) {
			h = code_hash(u->code[i], strlen(u->code[i])) & (ns - 1);
			while (slot[h])
				h = (h + 1) & (ns - 1);
			slot[h] = (uint32_t)i + 1;
		}
		free(u->slot);
		u->slot = slot;
		u->nslot = ns;
	}
	if (styr_array_grow((void **)&u->code, &u->cap, u->n, sizeof(*u->code), err) ||
	    styr_array_grow((void **)&u->parent, &u->pcap, u->n, sizeof(*u->parent), err))
		return err->code;
	memcpy(u->code[u->n], code, len);
	u->code[u->n][len] = '\0';
	u->parent[u->n] = parent;
	h = code_hash(code, len) & (u->nslot - 1);
	while (u->slot[h])
		h = (h + 1) & (u->nslot - 1);
	u->slot[h] = (uint32_t)u->n + 1;
	*out = (int32_t)u->n++;
	return STYR_OK;
}

static int32_t units_lookup(const struct ev_units *u, const char *code, size_t len)
{
	size_t h;

	if (!u->nslot)
		return -1;
	h = code_hash(code, len) & (u->nslot - 1);
	while (u->slot[h]) {
		int32_t i = (int32_t)u->slot[h] - 1;

		if (!strncmp(u->code[i], code, len) && !u->code[i][len])
			return u->parent[i] <= EV_ALIAS ? EV_ALIAS - u->parent[i] : i;
		h = (h + 1) & (u->nslot - 1);
	}
	return -1;
}

/* -1 in *out: no such unit (not an error of the call). */
int ev_units_find(struct ev_units *u, const char *code, size_t len, int32_t *out,
                  struct styr_err *err)
{
	struct styr_org_unit ou;
	struct styr_err local;
	char buf[64];
	int32_t i = units_lookup(u, code, len);

	*out = i;
	if (i >= 0)
		return STYR_OK;
	if (!u->db)
		return units_add(u, code, len, 0, out, err);
	/* an alias of a unit the database knows: remember it under the alias */
	if (len >= sizeof(buf))
		return STYR_OK;
	memcpy(buf, code, len);
	buf[len] = '\0';
	styr_err_init(&local);
	if (styr_org_find(u->db, buf, &ou, &local) != STYR_OK)
		return STYR_OK;
	i = units_lookup(u, ou.code, strlen(ou.code));
	if (i < 0)
		return STYR_OK;
	/* remembered as an alias: later lookups give the unit it names */
	{
		int32_t alias;
		int rc = units_add(u, code, len, EV_ALIAS - i, &alias, err);

		*out = rc ? -1 : i;
		return rc;
	}
}

struct org_walk {
	struct ev_units *u;
	struct styr_err *err;
};

static int org_cb(void *ctx, const struct styr_org_unit *ou)
{
	struct org_walk *w = ctx;
	int32_t parent = -1, idx;

	if (ou->parent[0])
		parent = units_lookup(w->u, ou->parent, strlen(ou->parent));
	return units_add(w->u, ou->code, strlen(ou->code), parent, &idx, w->err);
}

int ev_data_init(struct ev_data *d, struct styr_db *db, struct styr_err *err)
{
	int32_t idx;

	memset(d, 0, sizeof(*d));
	d->units.db = db;
	if (!db)
		return units_add(&d->units, "ALL", 3, -1, &idx, err);
	struct org_walk w = {&d->units, err};

	return styr_org_each(db, org_cb, &w, err);
}

void ev_data_release(struct ev_data *d)
{
	int k, f;

	for (k = 0; k < STYR_EV_KINDS; k++)
		for (f = 0; f < EV_MAX_FIELDS; f++)
			free(d->t[k].col[f]);
	free(d->units.code);
	free(d->units.parent);
	free(d->units.slot);
	free(d->drg.code);
	free(d->drg.weight);
	memset(d, 0, sizeof(*d));
}

/* --- DRG codes -------------------------------------------------------- */

static int drg_intern(struct ev_drg *g, const char *code, size_t len, int32_t *out,
                      struct styr_err *err)
{
	size_t i;

	if (len >= sizeof(g->code[0]))
		return styr_error(err, STYR_EINPUT, "drg \"%.*s\" is too long", (int)len, code);
	/* few distinct codes (hundreds): a linear scan from the last hit */
	for (i = 0; i < g->n; i++)
		if (!strncmp(g->code[i], code, len) && !g->code[i][len]) {
			*out = (int32_t)i;
			return STYR_OK;
		}
	if (styr_array_grow((void **)&g->code, &g->cap, g->n, sizeof(*g->code), err) ||
	    styr_array_grow((void **)&g->weight, &g->wcap, g->n, sizeof(*g->weight), err))
		return err->code;
	memcpy(g->code[g->n], code, len);
	g->code[g->n][len] = '\0';
	g->weight[g->n] = EV_NONE32;
	*out = (int32_t)g->n++;
	return STYR_OK;
}

/* --- rows ------------------------------------------------------------- */

static int table_grow(struct ev_table *t, int kind, struct styr_err *err)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	int f;

	for (f = 0; f < ev_kinds[kind].nfields; f++) {
		size_t w = ev_wide(ev_kinds[kind].fields[f].type) ? 8 : 4;
		void *p = realloc(t->col[f], cap * w);

		if (!p)
			return styr_error(err, STYR_ENOMEM, "out of memory reading events");
		t->col[f] = p;
	}
	t->cap = cap;
	return STYR_OK;
}

struct file_ctx {
	const char *path;
	const struct ev_map_section *s;
	int kind;
	int src[EV_MAX_FIELDS];   /* column index, -1 for a constant, -2 absent */
	int minus[EV_MAX_FIELDS]; /* column subtracted, or -1 */
	int require;
	long line;
	struct ev_data *d;
	struct ev_read *r;
};

static const char *const word_alias[][2] = {
    {"besök", "besok"}, {"återbesök", "ater"},
    {"nybesök", "ny"},  {"läkare", "lakare"},
    {"övrig", "ovrig"}, {"öppen", "oppen"},
    {"F", "K"},         {"kvinna", "K"},
    {"man", "M"},       {"operation/åtgärd", "operation"},
};

static int enum_word(const struct ev_field *f, const char *v)
{
	size_t i;
	int w;

	/* the canonical word as written first: it is what every row of a
	 * large file holds */
	for (w = 0; f->words[w]; w++)
		if (!strcmp(f->words[w], v))
			return w;
	for (i = 0; i < sizeof(word_alias) / sizeof(word_alias[0]); i++)
		if (!strcmp(v, word_alias[i][0])) {
			v = word_alias[i][1];
			break;
		}
	for (w = 0; f->words[w]; w++)
		if (!strcasecmp(f->words[w], v))
			return w;
	return -1;
}

static void bad(struct file_ctx *c, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void bad(struct file_ctx *c, const char *field, const char *fmt, ...)
{
	char reason[512];
	va_list ap;
	struct styr_event_bad b;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (!c->r->bad)
		snprintf(c->r->first_bad, sizeof(c->r->first_bad), "%s:%ld: %s: %s", c->path,
		         c->line, field, reason);
	c->r->bad++;
	b.file = c->path;
	b.line = c->line;
	b.field = field;
	b.reason = reason;
	if (c->r->o && c->r->o->bad)
		c->r->o->bad(c->r->o->ctx, &b);
}

static int parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!*s)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* "1,234" or "1.234" or "2" → thousandths */
static int parse_milli(const char *s, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int n = 0;
	const char *p = s;

	if (!*p)
		return -1;
	while (*p >= '0' && *p <= '9')
		whole = whole * 10 + (*p++ - '0');
	if (*p == ',' || *p == '.') {
		p++;
		while (*p >= '0' && *p <= '9' && n < 3) {
			frac = frac * 10 + (*p++ - '0');
			n++;
		}
		while (*p == '0')
			p++;
	}
	if (*p || p == s)
		return -1;
	while (n++ < 3)
		frac *= 10;
	*out = whole * 1000 + frac;
	return 0;
}

static int where_add(struct ev_read *r, int kind, struct styr_err *err);

/* One row; fields are NUL-terminated in place. */
static int row(struct file_ctx *c, char **fv, int nf)
{
	const struct ev_kind_def *k = &ev_kinds[c->kind];
	int64_t val[EV_MAX_FIELDS];
	struct ev_table *t = &c->d->t[c->kind];
	struct styr_err *err = c->r->err;
	int f, rc;
	size_t i;

	if (c->require >= 0 && (c->require >= nf || !*fv[c->require])) {
		c->r->filtered++;
		return STYR_OK;
	}
	for (f = 0; f < k->nfields; f++) {
		const struct ev_field *fd = &k->fields[f];
		const char *v;
		const char *mapped;
		bool has_list;

		if (c->src[f] == -2) {
			val[f] = ev_wide(fd->type) ? EV_NONE64 : EV_NONE32;
			continue;
		}
		if (c->src[f] == -1) {
			for (i = 0; i < (size_t)c->s->ncols; i++)
				if (!strcmp(c->s->cols[i].field, fd->name))
					break;
			v = c->s->cols[i].konst;
		} else if (c->src[f] < nf) {
			v = fv[c->src[f]];
		} else {
			bad(c, fd->name, "the row has %d fields, the header more", nf);
			return STYR_OK;
		}
		if (fd->type == EV_T_UNIT || fd->type == EV_T_ENUM || fd->type == EV_T_CODE) {
			mapped = ev_map_code(c->s, fd->name, v, &has_list);
			if (mapped)
				v = mapped;
			else if (has_list && *v) {
				bad(c, fd->name, "\"%s\" is outside the code list of the mapping",
				    v);
				return STYR_OK;
			}
		}
		if (!*v) {
			if (fd->required) {
				bad(c, fd->name, "missing: expected a value");
				return STYR_OK;
			}
			val[f] = ev_wide(fd->type) ? EV_NONE64 : EV_NONE32;
			continue;
		}
		switch (fd->type) {
		case EV_T_ID:
		case EV_T_PATIENT:
			val[f] = (int64_t)ev_hash(v, strlen(v));
			break;
		case EV_T_UNIT: {
			int32_t u = -1;

			if ((rc = ev_units_find(&c->d->units, v, strlen(v), &u, err)))
				return rc;
			if (u < 0) {
				bad(c, fd->name,
				    "unknown unit \"%s\": expected a code of the org tree", v);
				return STYR_OK;
			}
			val[f] = u;
			break;
		}
		case EV_T_TIME:
			if (ev_parse_time(v, c->s->time_format, &val[f])) {
				bad(c, fd->name, "\"%s\": expected a time such as %s", v,
				    c->s->time_format[0] ? c->s->time_format : "2024-03-31 23:15");
				return STYR_OK;
			}
			break;
		case EV_T_DATE: {
			int32_t dd;

			if (ev_parse_date(v, c->s->date_format, &dd)) {
				bad(c, fd->name, "\"%s\": expected a date such as %s", v,
				    c->s->date_format[0] ? c->s->date_format : "2024-03-31");
				return STYR_OK;
			}
			val[f] = dd;
			break;
		}
		case EV_T_INT: {
			int64_t x;
			int minus_col = c->minus[f];

			if (c->kind == STYR_EV_DRG ? parse_milli(v, &x) : parse_int(v, &x)) {
				bad(c, fd->name, "\"%s\": expected a whole number%s", v,
				    c->kind == STYR_EV_DRG ? " or a weight such as 1,234" : "");
				return STYR_OK;
			}
			if (minus_col >= 0) {
				int64_t y;

				if (minus_col >= nf || parse_int(fv[minus_col], &y)) {
					bad(c, fd->name,
					    "\"%s\": expected a whole number to subtract",
					    minus_col < nf ? fv[minus_col] : "");
					return STYR_OK;
				}
				x -= y;
			}
			if (x < 0 || x > INT32_MAX) {
				bad(c, fd->name, "%lld: expected a number from 0 up", (long long)x);
				return STYR_OK;
			}
			val[f] = x;
			break;
		}
		case EV_T_ENUM: {
			int w = enum_word(fd, v);

			if (w < 0) {
				bad(c, fd->name,
				    "\"%s\" is outside the code list (expected %s%s%s%s%s)", v,
				    fd->words[0], fd->words[1] ? ", " : "",
				    fd->words[1] ? fd->words[1] : "",
				    fd->words[1] && fd->words[2] ? ", " : "",
				    fd->words[1] && fd->words[2] ? fd->words[2] : "");
				return STYR_OK;
			}
			val[f] = w;
			break;
		}
		case EV_T_CODE: {
			int32_t g = 0;

			if ((rc = drg_intern(&c->d->drg, v, strlen(v), &g, err)))
				return rc;
			val[f] = g;
			break;
		}
		}
	}
	/* what holds between the fields of a row */
	switch (c->kind) {
	case STYR_EV_ED: {
		static const char *const after[] = {"doctor", "decision", "ward", "departure"};

		for (f = 4; f <= 7; f++)
			if (val[f] != EV_NONE64 && val[f] < val[3]) {
				bad(c, after[f - 4], "before the arrival: a negative duration");
				return STYR_OK;
			}
		if (val[6] != EV_NONE64 && val[5] != EV_NONE64 && val[6] < val[5]) {
			bad(c, "ward", "before the admission decision: a negative duration");
			return STYR_OK;
		}
		break;
	}
	case STYR_EV_INPATIENT:
		if (val[6] < val[5]) {
			bad(c, "discharge", "discharge before admission: a negative duration");
			return STYR_OK;
		}
		break;
	case STYR_EV_WAITLIST:
		if (val[5] != EV_NONE32 && val[5] < val[4]) {
			bad(c, "done", "before the listed date: a negative waiting time");
			return STYR_OK;
		}
		break;
	case STYR_EV_CENSUS:
		if (val[3] > val[2] + val[4]) {
			bad(c, "occupied",
			    "more occupied beds than staffed beds and överbeläggningar");
			return STYR_OK;
		}
		break;
	case STYR_EV_DRG:
		c->d->drg.weight[val[0]] = (int32_t)val[1];
		break;
	default:
		break;
	}
	if (t->n == t->cap && (rc = table_grow(t, c->kind, err)))
		return rc;
	for (f = 0; f < k->nfields; f++) {
		if (ev_wide(k->fields[f].type))
			((int64_t *)t->col[f])[t->n] = val[f];
		else
			((int32_t *)t->col[f])[t->n] = (int32_t)val[f];
	}
	if (c->r->track) {
		c->r->line = c->line;
		if ((rc = where_add(c->r, c->kind, err)))
			return rc;
	}
	t->n++;
	c->r->rows++;
	c->d->rows++;
	return STYR_OK;
}

/* Split line (NUL-terminated, no newline) at sep, honouring "quotes". */
static int split(char *line, char sep, char **fv)
{
	int n = 0;
	char *p = line;

	for (;;) {
		if (n == MAX_COLS)
			return n;
		if (*p == '"') {
			char *w = ++p;

			fv[n++] = w;
			for (;;) {
				if (!*p)
					break;
				if (*p == '"') {
					if (p[1] == '"') {
						*w++ = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				*w++ = *p++;
			}
			while (*p && *p != sep)
				p++;
			*w = '\0';
		} else {
			fv[n++] = p;
			while (*p && *p != sep)
				p++;
		}
		if (!*p)
			return n;
		*p++ = '\0';
	}
}

static int header(struct file_ctx *c, char **fv, int nf)
{
	const struct ev_kind_def *k = &ev_kinds[c->kind];
	int f, i, j;

	for (f = 0; f < k->nfields; f++) {
		c->src[f] = -2;
		c->minus[f] = -1;
		for (i = 0; i < c->s->ncols; i++) {
			const struct ev_map_col *mc = &c->s->cols[i];

			if (strcmp(mc->field, k->fields[f].name))
				continue;
			if (mc->is_const) {
				c->src[f] = -1;
				break;
			}
			for (j = 0; j < nf; j++)
				if (!strcmp(fv[j], mc->src))
					break;
			if (j == nf) {
				if (!k->fields[f].required && strcmp(mc->src, mc->field) == 0)
					break; /* a canonical optional column may be left out */
				return styr_error(
				    c->r->err, STYR_EINPUT,
				    "%s:1: no column \"%s\" (for %s): the header has %d columns",
				    c->path, mc->src, k->fields[f].name, nf);
			}
			c->src[f] = j;
			if (mc->minus[0]) {
				for (j = 0; j < nf; j++)
					if (!strcmp(fv[j], mc->minus))
						break;
				if (j == nf)
					return styr_error(c->r->err, STYR_EINPUT,
					                  "%s:1: no column \"%s\" (for %s)",
					                  c->path, mc->minus, k->fields[f].name);
				c->minus[f] = j;
			}
			break;
		}
		if (c->src[f] == -2 && k->fields[f].required)
			return styr_error(c->r->err, STYR_EINPUT, "%s:1: no column for %s", c->path,
			                  k->fields[f].name);
	}
	c->require = -1;
	if (c->s->require[0]) {
		for (j = 0; j < nf; j++)
			if (!strcmp(fv[j], c->s->require))
				break;
		if (j == nf)
			return styr_error(c->r->err, STYR_EINPUT,
			                  "%s:1: no column \"%s\" (require)", c->path,
			                  c->s->require);
		c->require = j;
	}
	return STYR_OK;
}

int ev_read_file(struct ev_data *d, const char *path, const struct ev_map_section *s,
                 struct ev_read *r)
{
	struct file_ctx c;
	gzFile gz = gzopen(path, "rb");
	size_t cap = 1 << 20, len = 0;
	char *buf, *fv[MAX_COLS];
	int rc = STYR_OK, got, nf;
	bool eof = false;

	if (!gz)
		return styr_error(r->err, STYR_EIO, "%s: cannot be read", path);
	gzbuffer(gz, 1 << 17);
	buf = malloc(cap + 1);
	if (!buf) {
		gzclose(gz);
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	}
	memset(&c, 0, sizeof(c));
	c.path = path;
	c.s = s;
	c.kind = s->kind;
	c.d = d;
	c.r = r;
	while (!rc) {
		char *p = buf, *nl;

		if (!eof && len < cap) {
			got = gzread(gz, buf + len, (unsigned)(cap - len));
			if (got < 0) {
				rc = styr_error(r->err, STYR_EIO, "%s: read error", path);
				break;
			}
			if (got == 0)
				eof = true;
			len += (size_t)got;
		}
		buf[len] = '\0';
		while (!rc) {
			nl = memchr(p, '\n', len - (size_t)(p - buf));
			if (!nl) {
				if (!eof)
					break;
				if (p == buf + len)
					break;
				nl = buf + len; /* the last line without a newline */
			}
			*nl = '\0';
			if (nl > p && nl[-1] == '\r')
				nl[-1] = '\0';
			c.line++;
			if (*p) {
				nf = split(p, s->sep, fv);
				rc = c.line == 1 ? header(&c, fv, nf) : row(&c, fv, nf);
			}
			p = nl + 1;
			if (nl == buf + len)
				break;
		}
		if (rc)
			break;
		if (p >= buf + len && eof)
			break;
		/* keep the unfinished line; grow when a line fills the buffer */
		len -= (size_t)(p - buf);
		memmove(buf, p, len);
		if (len == cap) {
			char *nb = realloc(buf, cap * 2 + 1);

			if (!nb) {
				rc = styr_error(r->err, STYR_ENOMEM, "out of memory");
				break;
			}
			buf = nb;
			cap *= 2;
		}
		if (eof && !len)
			break;
	}
	free(buf);
	gzclose(gz);
	if (!rc && c.line == 0)
		rc = styr_error(r->err, STYR_EINPUT, "%s: empty: expected a header line", path);
	return rc;
}

/* --- duplicate ids ---------------------------------------------------- */

static int where_add(struct ev_read *r, int kind, struct styr_err *err)
{
	if (styr_array_grow((void **)&r->where[kind], &r->wcap[kind], r->nwhere[kind],
	                    sizeof(*r->where[kind]), err))
		return err->code;
	r->where[kind][r->nwhere[kind]++] = ((int64_t)r->file_no << 40) | r->line;
	return STYR_OK;
}

static int by_id(const void *a, const void *b, void *ctx)
{
	const int64_t *ids = ctx;
	int64_t x = ids[*(const size_t *)a], y = ids[*(const size_t *)b];

	if (x != y)
		return x < y ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Keep the first row of each id (in reading order) and drop the others,
 * reporting them as bad rows when r tracks where rows came from. */
int ev_check_duplicates(struct ev_data *d, struct ev_read *r)
{
	int k, f;

	for (k = 0; k < STYR_EV_KINDS; k++) {
		struct ev_table *t = &d->t[k];
		const int64_t *ids;
		size_t *ix, i, n;
		uint8_t *drop;

		if (ev_kinds[k].fields[0].type != EV_T_ID || t->n < 2)
			continue;
		ids = t->col[0];
		ix = malloc(t->n * sizeof(*ix));
		drop = calloc(t->n, 1);
		if (!ix || !drop) {
			free(ix);
			free(drop);
			return styr_error(r->err, STYR_ENOMEM, "out of memory");
		}
		for (i = 0; i < t->n; i++)
			ix[i] = i;
		qsort_r(ix, t->n, sizeof(*ix), by_id, (void *)ids);
		for (i = 1; i < t->n; i++) {
			if (ids[ix[i]] != ids[ix[i - 1]])
				continue;
			drop[ix[i]] = 1;
			if (r->track) {
				int64_t w = r->where[k][ix[i]], w0 = r->where[k][ix[i - 1]];
				struct file_ctx c = {0};

				c.path = r->files[w >> 40];
				c.line = (long)(w & ((1LL << 40) - 1));
				c.r = r;
				bad(&c, "id", "duplicate id: also on %s:%lld", r->files[w0 >> 40],
				    (long long)(w0 & ((1LL << 40) - 1)));
			}
		}
		free(ix);
		for (i = 0, n = 0; i < t->n; i++) {
			if (drop[i])
				continue;
			for (f = 0; f < ev_kinds[k].nfields; f++) {
				if (ev_wide(ev_kinds[k].fields[f].type))
					((int64_t *)t->col[f])[n] = ((int64_t *)t->col[f])[i];
				else
					((int32_t *)t->col[f])[n] = ((int32_t *)t->col[f])[i];
			}
			if (r->track)
				r->where[k][n] = r->where[k][i];
			n++;
		}
		r->rows -= (int64_t)(t->n - n);
		d->rows -= (int64_t)(t->n - n);
		t->n = n;
		if (r->track)
			r->nwhere[k] = n;
		free(drop);
	}
	return STYR_OK;
}

void ev_read_release(struct ev_read *r)
{
	int k;

	for (k = 0; k < STYR_EV_KINDS; k++)
		free(r->where[k]);
}
