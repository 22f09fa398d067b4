/*
 * Event files and runs and approved reports in the PostgreSQL backend: the
 * PostgreSQL dialect of sqlite_econ.c, operation for operation and message
 * for message (the economy itself is written once, in econ.c).
 *
 * The statements are prepared with pg.c's when a connection opens and run
 * through its pipeline (pg_int.h), parameters as text.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "store/store.h"

enum econ_stmt {
	E_EVFILE_PUT,
	E_EVFILE_EACH,
	E_EVRUN_PUT,
	E_FROZEN_CLEAR_REPORT,
	E_FROZEN_CLEAR_LINE,
	E_FROZEN_PUT,
	E_FROZEN_FIND,
	E_FROZEN_LINE_PUT,
	E_FROZEN_LINE_EACH,
	E_COUNT
};

const char *const store_pg_econ_sql[E_COUNT] = {
    [E_EVFILE_PUT] = "INSERT INTO event_file(kind, path, sha256, mapping, mapping_sha256, rows, "
                     "skipped, skip_bad, loaded_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                     "ON CONFLICT(kind, path) DO UPDATE SET sha256 = excluded.sha256, mapping = "
                     "excluded.mapping, mapping_sha256 = excluded.mapping_sha256, rows = "
                     "excluded.rows, skipped = excluded.skipped, skip_bad = excluded.skip_bad, "
                     "loaded_at = excluded.loaded_at",
    [E_EVFILE_EACH] = "SELECT kind, path, sha256, mapping, mapping_sha256, rows, skipped, "
                      "skip_bad, loaded_at FROM event_file ORDER BY kind, path",
    [E_EVRUN_PUT] = "INSERT INTO event_run(id, rule, files, computed_at) VALUES($1, $2, $3, $4) "
                    "ON CONFLICT(id) DO NOTHING",
    /* The content goes as hex text both ways: parameters are text. */
    [E_FROZEN_CLEAR_REPORT] = "DELETE FROM frozen_report WHERE unit = $1 AND period = $2",
    [E_FROZEN_CLEAR_LINE] = "DELETE FROM frozen_line WHERE unit = $1 AND period = $2",
    [E_FROZEN_PUT] = "INSERT INTO frozen_report(unit, period, type, format, content, hash, "
                     "approver, approved) VALUES($1, $2, $3, $4, decode($5, 'hex'), $6, $7, $8) "
                     "ON CONFLICT(unit, period, type, format) DO UPDATE SET content = "
                     "excluded.content, hash = excluded.hash, approver = excluded.approver, "
                     "approved = excluded.approved",
    [E_FROZEN_FIND] = "SELECT unit, period, type, format, hash, approver, approved, "
                      "encode(content, 'hex') FROM frozen_report WHERE unit = $1 AND period = "
                      "$2 AND type = $3 AND format = $4",
    [E_FROZEN_LINE_PUT] = "INSERT INTO frozen_line(unit, period, figure, value) VALUES($1, $2, "
                          "$3, $4) ON CONFLICT(unit, period, figure) DO UPDATE SET value = "
                          "excluded.value",
    [E_FROZEN_LINE_EACH] = "SELECT unit, period, figure, value FROM frozen_line WHERE unit = $1 "
                           "AND period = $2 ORDER BY figure",
};
const int store_pg_econ_count = E_COUNT;

/* Parameters as text; NULL is SQL NULL.  Numbers go into their slot's own
 * buffer. */
#define ECON_PARAMS 15 /* an event file has nine, an approved report eight */
struct params {
	const char *v[ECON_PARAMS];
	char buf[ECON_PARAMS][24];
	int n;
};

static void p_text(struct params *p, const char *t)
{
	assert(p->n < ECON_PARAMS); /* a statement with more: raise the limit */
	p->v[p->n++] = t;
}

static void p_int(struct params *p, long long x)
{
	assert(p->n < ECON_PARAMS);
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%lld", x);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

static PGresult *run(struct store *st, enum econ_stmt id, const struct params *p, const char *what,
                     struct styr_err *err)
{
	return store_pg_run(st, (int)id, p ? p->n : 0, p ? p->v : NULL, what, err);
}

static int run_done(struct store *st, enum econ_stmt id, const struct params *p, const char *what,
                    struct styr_err *err)
{
	return store_pg_run_done(st, (int)id, p ? p->n : 0, p ? p->v : NULL, what, err);
}

/* A text column into a fixed field (cut to fit; the writers refuse what
 * does not fit, so nothing stored is longer).  NULL reads as "". */
static void copy(const PGresult *res, int r, int c, char *dst, size_t n)
{
	const char *t = PQgetvalue(res, r, c);
	size_t len = (size_t)PQgetlength(res, r, c);

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, t, len);
	dst[len] = '\0';
}

static long long num(const PGresult *res, int r, int c)
{
	return strtoll(PQgetvalue(res, r, c), NULL, 10);
}

/* Walk the rows of statement id run with p, converting each with fill
 * into *row and calling cb until it says stop.  The whole result is
 * fetched first, so cb may use the store. */
#define WALK_ROWS(st, id, p, row, fill, cb, ctx, err)                                              \
	do {                                                                                       \
		PGresult *res_ = run(st, id, p, "reading", err);                                   \
		int i_, n_, stop_ = 0;                                                             \
		if (!res_)                                                                         \
			return STYR_ESTORE;                                                        \
		n_ = PQntuples(res_);                                                              \
		for (i_ = 0; i_ < n_ && !stop_; i_++) {                                            \
			fill(res_, i_, row);                                                       \
			stop_ = cb(ctx, row);                                                      \
		}                                                                                  \
		PQclear(res_);                                                                     \
		return stop_;                                                                      \
	} while (0)

/* Event files and runs (issue 18, migration 0010), as sqlite_econ.c's. */
int pg_event_file_put(struct store *st, const struct styr_event_file *f, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, f->kind);
	p_text(&p, f->path);
	p_text(&p, f->sha256);
	p_text(&p, f->mapping);
	p_text(&p, f->mapping_sha256);
	p_int(&p, f->rows);
	p_int(&p, f->skipped);
	p_int(&p, f->skip_bad);
	p_text(&p, f->loaded_at);
	return run_done(st, E_EVFILE_PUT, &p, "storing an event file", err);
}

static void event_file_fill(const PGresult *res, int i, struct styr_event_file *f)
{
	copy(res, i, 0, f->kind, sizeof(f->kind));
	copy(res, i, 1, f->path, sizeof(f->path));
	copy(res, i, 2, f->sha256, sizeof(f->sha256));
	copy(res, i, 3, f->mapping, sizeof(f->mapping));
	copy(res, i, 4, f->mapping_sha256, sizeof(f->mapping_sha256));
	f->rows = num(res, i, 5);
	f->skipped = num(res, i, 6);
	f->skip_bad = num(res, i, 7) != 0;
	copy(res, i, 8, f->loaded_at, sizeof(f->loaded_at));
}

int pg_event_file_each(struct store *st, int (*cb)(void *, const struct styr_event_file *),
                       void *ctx, struct styr_err *err)
{
	struct styr_event_file f;

	WALK_ROWS(st, E_EVFILE_EACH, NULL, &f, event_file_fill, cb, ctx, err);
}

int pg_event_run_put(struct store *st, const struct styr_event_run *r, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, r->id);
	p_text(&p, r->rule);
	p_text(&p, r->files);
	p_text(&p, r->computed_at);
	return run_done(st, E_EVRUN_PUT, &p, "storing an event run", err);
}

/* Approved reports and their snapshots (issue 17 item 3, migration 0011),
 * as sqlite_econ.c's; the content travels as hex text. */
int pg_frozen_clear(struct store *st, const char *unit, const char *period, struct styr_err *err)
{
	struct params p = {0};
	int rc;

	p_text(&p, unit);
	p_text(&p, period);
	rc = run_done(st, E_FROZEN_CLEAR_REPORT, &p, "clearing an approved report", err);
	return rc ? rc : run_done(st, E_FROZEN_CLEAR_LINE, &p, "clearing an approved report", err);
}

int pg_frozen_report_put(struct store *st, const struct styr_frozen_report *f, const void *content,
                         size_t len, struct styr_err *err)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = content;
	struct params p = {0};
	char *hex = malloc(2 * len + 1);
	size_t i;
	int rc;

	if (!hex)
		return styr_error(err, STYR_ENOMEM, "out of memory storing an approved report");
	for (i = 0; i < len; i++) {
		hex[2 * i] = digits[b[i] >> 4];
		hex[2 * i + 1] = digits[b[i] & 15];
	}
	hex[2 * len] = '\0';
	p_text(&p, f->unit);
	p_text(&p, f->period);
	p_text(&p, f->type);
	p_text(&p, f->format);
	p_text(&p, hex);
	p_text(&p, f->hash);
	p_text(&p, f->approver);
	p_text(&p, f->approved);
	/* not pipelined away: the hex text must live until it is sent, which
	 * run (unlike run_done in a transaction) waits for */
	{
		PGresult *res = run(st, E_FROZEN_PUT, &p, "storing an approved report", err);

		rc = res ? STYR_OK : STYR_ESTORE;
		PQclear(res);
	}
	free(hex);
	return rc;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int pg_frozen_report_find(struct store *st, const char *unit, const char *period, const char *type,
                          const char *format, struct styr_frozen_report *out,
                          struct styr_buf *content, struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int rc = STYR_OK;

	p_text(&p, unit);
	p_text(&p, period);
	p_text(&p, type);
	p_text(&p, format);
	if (!(res = run(st, E_FROZEN_FIND, &p, "reading an approved report", err)))
		return STYR_ESTORE;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return styr_error(err, STYR_ENOTFOUND, "no approved %s of %s for %s is stored",
		                  type, unit, period);
	}
	memset(out, 0, sizeof(*out));
	copy(res, 0, 0, out->unit, sizeof(out->unit));
	copy(res, 0, 1, out->period, sizeof(out->period));
	copy(res, 0, 2, out->type, sizeof(out->type));
	copy(res, 0, 3, out->format, sizeof(out->format));
	copy(res, 0, 4, out->hash, sizeof(out->hash));
	copy(res, 0, 5, out->approver, sizeof(out->approver));
	copy(res, 0, 6, out->approved, sizeof(out->approved));
	if (content) {
		const char *h = PQgetvalue(res, 0, 7);
		size_t i, n = (size_t)PQgetlength(res, 0, 7) / 2;
		unsigned char chunk[4096];
		size_t k = 0;

		for (i = 0; i < n && !rc; i++) {
			chunk[k++] =
			    (unsigned char)(hex_value(h[2 * i]) << 4 | hex_value(h[2 * i + 1]));
			if (k == sizeof(chunk) || i + 1 == n) {
				rc = styr_buf_add(content, chunk, k, err);
				k = 0;
			}
		}
	}
	PQclear(res);
	return rc;
}

int pg_frozen_line_put(struct store *st, const struct styr_frozen_line *l, struct styr_err *err)
{
	struct params p = {0};

	p_text(&p, l->unit);
	p_text(&p, l->period);
	p_text(&p, l->figure);
	p_text(&p, l->value);
	return run_done(st, E_FROZEN_LINE_PUT, &p, "storing an approved figure", err);
}

static void frozen_line_fill(const PGresult *res, int i, struct styr_frozen_line *l)
{
	copy(res, i, 0, l->unit, sizeof(l->unit));
	copy(res, i, 1, l->period, sizeof(l->period));
	copy(res, i, 2, l->figure, sizeof(l->figure));
	copy(res, i, 3, l->value, sizeof(l->value));
}

int pg_frozen_line_each(struct store *st, const char *unit, const char *period,
                        int (*cb)(void *, const struct styr_frozen_line *), void *ctx,
                        struct styr_err *err)
{
	struct styr_frozen_line l;
	struct params p = {0};

	p_text(&p, unit);
	p_text(&p, period);
	WALK_ROWS(st, E_FROZEN_LINE_EACH, &p, &l, frozen_line_fill, cb, ctx, err);
}
