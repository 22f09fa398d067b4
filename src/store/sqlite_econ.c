/*
 * Event files and runs and approved reports in the SQLite backend (the
 * economy itself is written once, in econ.c).  The statements are
 * prepared once per handle and kept.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"
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

_Static_assert(E_COUNT <= STORE_ECON_STMTS, "raise STORE_ECON_STMTS");

static const char *const econ_sql[E_COUNT] = {
    [E_EVFILE_PUT] = "INSERT INTO event_file(kind, path, sha256, mapping, mapping_sha256, rows, "
                     "skipped, skip_bad, loaded_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                     "ON CONFLICT(kind, path) DO UPDATE SET sha256 = excluded.sha256, mapping = "
                     "excluded.mapping, mapping_sha256 = excluded.mapping_sha256, rows = "
                     "excluded.rows, skipped = excluded.skipped, skip_bad = excluded.skip_bad, "
                     "loaded_at = excluded.loaded_at",
    [E_EVFILE_EACH] = "SELECT kind, path, sha256, mapping, mapping_sha256, rows, skipped, "
                      "skip_bad, loaded_at FROM event_file ORDER BY kind, path",
    [E_EVRUN_PUT] = "INSERT INTO event_run(id, rule, files, computed_at) VALUES(?1, ?2, ?3, ?4) "
                    "ON CONFLICT(id) DO NOTHING",
    [E_FROZEN_CLEAR_REPORT] = "DELETE FROM frozen_report WHERE unit = ?1 AND period = ?2",
    [E_FROZEN_CLEAR_LINE] = "DELETE FROM frozen_line WHERE unit = ?1 AND period = ?2",
    [E_FROZEN_PUT] = "INSERT INTO frozen_report(unit, period, type, format, content, hash, "
                     "approver, approved) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON "
                     "CONFLICT(unit, period, type, format) DO UPDATE SET content = "
                     "excluded.content, hash = excluded.hash, approver = excluded.approver, "
                     "approved = excluded.approved",
    [E_FROZEN_FIND] = "SELECT unit, period, type, format, hash, approver, approved, content "
                      "FROM frozen_report WHERE unit = ?1 AND period = ?2 AND type = ?3 AND "
                      "format = ?4",
    [E_FROZEN_LINE_PUT] = "INSERT INTO frozen_line(unit, period, figure, value) VALUES(?1, ?2, "
                          "?3, ?4) ON CONFLICT(unit, period, figure) DO UPDATE SET value = "
                          "excluded.value",
    [E_FROZEN_LINE_EACH] = "SELECT unit, period, figure, value FROM frozen_line WHERE unit = ?1 "
                           "AND period = ?2 ORDER BY figure",
};

static int econ_error(struct store *st, struct styr_err *err, const char *what)
{
	return styr_error(err, STYR_ESTORE, "%s: %s: %s", store_sqlite_path(st), what,
	                  sqlite3_errmsg(store_sqlite_db(st)));
}

static sqlite3_stmt *econ_stmt(struct store *st, enum econ_stmt id, struct styr_err *err)
{
	sqlite3_stmt **cache = store_sqlite_econ_stmts(st);

	if (!cache[id] &&
	    sqlite3_prepare_v3(store_sqlite_db(st), econ_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
	                       &cache[id], NULL) != SQLITE_OK) {
		econ_error(st, err, "preparing a statement");
		return NULL;
	}
	sqlite3_reset(cache[id]);
	sqlite3_clear_bindings(cache[id]);
	return cache[id];
}

static void text(sqlite3_stmt *s, int i, const char *t)
{
	sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
}

/* A text column into a fixed field (cut to fit; the writers refuse what
 * does not fit, so nothing stored is longer).  memcpy, not snprintf: the
 * ledger walk copies millions of these. */
static void copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t len = t ? (size_t)sqlite3_column_bytes(s, i) : 0;

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(dst, t, len);
	dst[len] = '\0';
}

static int done(struct store *st, sqlite3_stmt *s, const char *what, struct styr_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT)
		return styr_error(err, STYR_EINPUT, "%s: %s", what,
		                  sqlite3_errmsg(store_sqlite_db(st)));
	return rc == SQLITE_DONE ? STYR_OK : econ_error(st, err, what);
}

/* Walk the rows of s, converting each with fill into *row and calling cb. */
#define WALK_ROWS(st, s, row, fill, cb, ctx, err)                                                  \
	do {                                                                                       \
		int step_, cbrc_;                                                                  \
		while ((step_ = sqlite3_step(s)) == SQLITE_ROW) {                                  \
			fill(s, row);                                                              \
			cbrc_ = cb(ctx, row);                                                      \
			if (cbrc_) {                                                               \
				sqlite3_reset(s);                                                  \
				return cbrc_;                                                      \
			}                                                                          \
		}                                                                                  \
		sqlite3_reset(s);                                                                  \
		return step_ == SQLITE_DONE ? STYR_OK : econ_error(st, err, "reading");            \
	} while (0)

/* Event files and runs (issue 18, migration 0010). */
int sq_event_file_put(struct store *st, const struct styr_event_file *f, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_EVFILE_PUT, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, f->kind);
	text(s, 2, f->path);
	text(s, 3, f->sha256);
	text(s, 4, f->mapping);
	text(s, 5, f->mapping_sha256);
	sqlite3_bind_int64(s, 6, f->rows);
	sqlite3_bind_int64(s, 7, f->skipped);
	sqlite3_bind_int(s, 8, f->skip_bad);
	text(s, 9, f->loaded_at);
	return done(st, s, "storing an event file", err);
}

static void event_file_fill(sqlite3_stmt *s, struct styr_event_file *f)
{
	copy(s, 0, f->kind, sizeof(f->kind));
	copy(s, 1, f->path, sizeof(f->path));
	copy(s, 2, f->sha256, sizeof(f->sha256));
	copy(s, 3, f->mapping, sizeof(f->mapping));
	copy(s, 4, f->mapping_sha256, sizeof(f->mapping_sha256));
	f->rows = sqlite3_column_int64(s, 5);
	f->skipped = sqlite3_column_int64(s, 6);
	f->skip_bad = sqlite3_column_int(s, 7) != 0;
	copy(s, 8, f->loaded_at, sizeof(f->loaded_at));
}

int sq_event_file_each(struct store *st, int (*cb)(void *, const struct styr_event_file *),
                       void *ctx, struct styr_err *err)
{
	struct styr_event_file f;
	sqlite3_stmt *s = econ_stmt(st, E_EVFILE_EACH, err);

	if (!s)
		return STYR_ESTORE;
	WALK_ROWS(st, s, &f, event_file_fill, cb, ctx, err);
}

int sq_event_run_put(struct store *st, const struct styr_event_run *r, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_EVRUN_PUT, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, r->id);
	text(s, 2, r->rule);
	text(s, 3, r->files);
	text(s, 4, r->computed_at);
	return done(st, s, "storing an event run", err);
}

/* Approved reports and their snapshots (issue 17 item 3, migration 0011). */
int sq_frozen_clear(struct store *st, const char *unit, const char *period, struct styr_err *err)
{
	static const enum econ_stmt ids[] = {E_FROZEN_CLEAR_REPORT, E_FROZEN_CLEAR_LINE};
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < 2 && !rc; i++) {
		sqlite3_stmt *s = econ_stmt(st, ids[i], err);

		if (!s)
			return STYR_ESTORE;
		text(s, 1, unit);
		text(s, 2, period);
		rc = done(st, s, "clearing an approved report", err);
	}
	return rc;
}

int sq_frozen_report_put(struct store *st, const struct styr_frozen_report *f, const void *content,
                         size_t len, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_FROZEN_PUT, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, f->unit);
	text(s, 2, f->period);
	text(s, 3, f->type);
	text(s, 4, f->format);
	sqlite3_bind_blob64(s, 5, len ? content : "", len, SQLITE_STATIC);
	text(s, 6, f->hash);
	text(s, 7, f->approver);
	text(s, 8, f->approved);
	return done(st, s, "storing an approved report", err);
}

int sq_frozen_report_find(struct store *st, const char *unit, const char *period, const char *type,
                          const char *format, struct styr_frozen_report *out,
                          struct styr_buf *content, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_FROZEN_FIND, err);
	int step, rc = STYR_OK;

	if (!s)
		return STYR_ESTORE;
	text(s, 1, unit);
	text(s, 2, period);
	text(s, 3, type);
	text(s, 4, format);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		copy(s, 0, out->unit, sizeof(out->unit));
		copy(s, 1, out->period, sizeof(out->period));
		copy(s, 2, out->type, sizeof(out->type));
		copy(s, 3, out->format, sizeof(out->format));
		copy(s, 4, out->hash, sizeof(out->hash));
		copy(s, 5, out->approver, sizeof(out->approver));
		copy(s, 6, out->approved, sizeof(out->approved));
		if (content)
			rc = styr_buf_add(content, sqlite3_column_blob(s, 7),
			                  (size_t)sqlite3_column_bytes(s, 7), err);
	} else if (step == SQLITE_DONE) {
		rc = styr_error(err, STYR_ENOTFOUND, "no approved %s of %s for %s is stored", type,
		                unit, period);
	} else {
		rc = econ_error(st, err, "reading an approved report");
	}
	sqlite3_reset(s);
	return rc;
}

int sq_frozen_line_put(struct store *st, const struct styr_frozen_line *l, struct styr_err *err)
{
	sqlite3_stmt *s = econ_stmt(st, E_FROZEN_LINE_PUT, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, l->unit);
	text(s, 2, l->period);
	text(s, 3, l->figure);
	text(s, 4, l->value);
	return done(st, s, "storing an approved figure", err);
}

static void frozen_line_fill(sqlite3_stmt *s, struct styr_frozen_line *l)
{
	copy(s, 0, l->unit, sizeof(l->unit));
	copy(s, 1, l->period, sizeof(l->period));
	copy(s, 2, l->figure, sizeof(l->figure));
	copy(s, 3, l->value, sizeof(l->value));
}

int sq_frozen_line_each(struct store *st, const char *unit, const char *period,
                        int (*cb)(void *, const struct styr_frozen_line *), void *ctx,
                        struct styr_err *err)
{
	struct styr_frozen_line l;
	sqlite3_stmt *s = econ_stmt(st, E_FROZEN_LINE_EACH, err);

	if (!s)
		return STYR_ESTORE;
	text(s, 1, unit);
	text(s, 2, period);
	WALK_ROWS(st, s, &l, frozen_line_fill, cb, ctx, err);
}
