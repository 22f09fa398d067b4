/*
 * Private to the PostgreSQL backend: what the area files (pg_econ.c) need
 * of a handle, as sqlite_int.h is for the SQLite backend.  An area keeps
 * its statements in its own file; pg.c prepares them with its own when a
 * connection opens (area statement i is prepared after pg.c's) and runs
 * them through the same pipeline.
 *
 * Ownership: values passed to store_pg_run and store_pg_run_done are
 * borrowed for the call; a result from store_pg_run is the caller's to
 * PQclear.
 */
#ifndef STYR_STORE_PG_INT_H
#define STYR_STORE_PG_INT_H

#include <libpq-fe.h>

#include "styr/events.h"
#include "styr/frozen.h"
#include "styr/ledger.h"
#include "styr/opendata.h"

struct store;

/* The economy's statements (pg_econ.c). */
extern const char *const store_pg_econ_sql[];
extern const int store_pg_econ_count;

/* Run economy statement id (an index into store_pg_econ_sql) with n text
 * parameters (NULL is SQL NULL): the result, or NULL after setting err. */
PGresult *store_pg_run(struct store *st, int id, int n, const char *const *v, const char *what,
                       struct styr_err *err);
/* Run a write; in a transaction it is pipelined and a failure is reported
 * by a later call (see pg.c).  what must be a string that lives on. */
int store_pg_run_done(struct store *st, int id, int n, const char *const *v, const char *what,
                      struct styr_err *err);
int store_pg_org_id(struct store *st, const char *code, long long *out, struct styr_err *err);
int store_pg_ind_id(struct store *st, const char *code, long long *out, struct styr_err *err);

/* open data (pg_open.c): its statements are prepared after the economy's
 * and run as store_pg_run does, by their index in store_pg_open_sql. */
extern const char *const store_pg_open_sql[];
extern const int store_pg_open_count;
PGresult *store_pg_open_run(struct store *st, int id, int n, const char *const *v, const char *what,
                            struct styr_err *err);
int store_pg_open_run_done(struct store *st, int id, int n, const char *const *v, const char *what,
                           struct styr_err *err);
int pg_open_indicator_put(struct store *st, const struct styr_open_indicator *o,
                          struct styr_err *err);
int pg_open_indicator_each(struct store *st, int (*cb)(void *, const struct styr_open_indicator *),
                           void *ctx, struct styr_err *err);
int pg_open_unit_put(struct store *st, const struct styr_open_unit *u, struct styr_err *err);
int pg_open_unit_each(struct store *st, int (*cb)(void *, const struct styr_open_unit *), void *ctx,
                      struct styr_err *err);
int pg_open_value_each(struct store *st, const char *today,
                       int (*cb)(void *, const struct styr_open_value *), void *ctx,
                       struct styr_err *err);
int pg_gender_value_put(struct store *st, const struct styr_gender_value *v, struct styr_err *err);
int pg_gender_value_each(struct store *st, int (*cb)(void *, const struct styr_gender_value *),
                         void *ctx, struct styr_err *err);
int pg_open_withdrawn_put(struct store *st, const struct styr_open_value *v, struct styr_err *err);
int pg_open_withdrawn_each(struct store *st, int (*cb)(void *, const struct styr_open_value *),
                           void *ctx, struct styr_err *err);
/* events (issue 18) */
int pg_event_file_put(struct store *st, const struct styr_event_file *f, struct styr_err *err);
int pg_event_file_each(struct store *st, int (*cb)(void *, const struct styr_event_file *),
                       void *ctx, struct styr_err *err);
int pg_event_run_put(struct store *st, const struct styr_event_run *r, struct styr_err *err);

/* approved reports (issue 17 item 3) */
int pg_frozen_clear(struct store *st, const char *unit, const char *period, struct styr_err *err);
int pg_frozen_report_put(struct store *st, const struct styr_frozen_report *f, const void *content,
                         size_t len, struct styr_err *err);
int pg_frozen_report_find(struct store *st, const char *unit, const char *period, const char *type,
                          const char *format, struct styr_frozen_report *out,
                          struct styr_buf *content, struct styr_err *err);
int pg_frozen_line_put(struct store *st, const struct styr_frozen_line *l, struct styr_err *err);
int pg_frozen_line_each(struct store *st, const char *unit, const char *period,
                        int (*cb)(void *, const struct styr_frozen_line *), void *ctx,
                        struct styr_err *err);

#endif
