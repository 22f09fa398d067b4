/*
 * Private to the SQLite backend: what the area files (sqlite_econ.c) need
 * of a handle, so that each area keeps its statements in its own file and
 * sqlite.c only lists its operations in the table.
 */
#ifndef STYR_STORE_SQLITE_INT_H
#define STYR_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "styr/events.h"
#include "styr/frozen.h"
#include "styr/ledger.h"
#include "styr/opendata.h"

struct store;

#define STORE_ECON_STMTS 32

sqlite3 *store_sqlite_db(struct store *st);
const char *store_sqlite_path(struct store *st);
sqlite3_stmt **store_sqlite_econ_stmts(struct store *st);
int store_sqlite_org_id(struct store *st, const char *code, sqlite3_int64 *out,
                        struct styr_err *err);
int store_sqlite_ind_id(struct store *st, const char *code, sqlite3_int64 *out,
                        struct styr_err *err);
/* sqlite.c's binders and readers: empty text binds as NULL; a text
 * column (NULL as "") into a fixed field, cut to fit. */
void store_sqlite_bind_text_or_null(sqlite3_stmt *s, int i, const char *text);
void store_sqlite_col_copy(sqlite3_stmt *s, int i, char *dst, size_t n);

/* open data (sqlite_open.c) */
int sq_open_indicator_put(struct store *st, const struct styr_open_indicator *o,
                          struct styr_err *err);
int sq_open_indicator_each(struct store *st, int (*cb)(void *, const struct styr_open_indicator *),
                           void *ctx, struct styr_err *err);
int sq_open_unit_put(struct store *st, const struct styr_open_unit *u, struct styr_err *err);
int sq_open_unit_each(struct store *st, int (*cb)(void *, const struct styr_open_unit *), void *ctx,
                      struct styr_err *err);
int sq_open_value_each(struct store *st, const char *today,
                       int (*cb)(void *, const struct styr_open_value *), void *ctx,
                       struct styr_err *err);
int sq_gender_value_put(struct store *st, const struct styr_gender_value *v, struct styr_err *err);
int sq_gender_value_each(struct store *st, int (*cb)(void *, const struct styr_gender_value *),
                         void *ctx, struct styr_err *err);
int sq_open_withdrawn_put(struct store *st, const struct styr_open_value *v, struct styr_err *err);
int sq_open_withdrawn_each(struct store *st, int (*cb)(void *, const struct styr_open_value *),
                           void *ctx, struct styr_err *err);
/* events (issue 18) */
int sq_event_file_put(struct store *st, const struct styr_event_file *f, struct styr_err *err);
int sq_event_file_each(struct store *st, int (*cb)(void *, const struct styr_event_file *),
                       void *ctx, struct styr_err *err);
int sq_event_run_put(struct store *st, const struct styr_event_run *r, struct styr_err *err);

/* approved reports (issue 17 item 3) */
int sq_frozen_clear(struct store *st, const char *unit, const char *period, struct styr_err *err);
int sq_frozen_report_put(struct store *st, const struct styr_frozen_report *f, const void *content,
                         size_t len, struct styr_err *err);
int sq_frozen_report_find(struct store *st, const char *unit, const char *period, const char *type,
                          const char *format, struct styr_frozen_report *out,
                          struct styr_buf *content, struct styr_err *err);
int sq_frozen_line_put(struct store *st, const struct styr_frozen_line *l, struct styr_err *err);
int sq_frozen_line_each(struct store *st, const char *unit, const char *period,
                        int (*cb)(void *, const struct styr_frozen_line *), void *ctx,
                        struct styr_err *err);

#endif
