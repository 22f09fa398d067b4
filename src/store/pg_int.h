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

/* Ledger row codes known to exist (see pg_econ.c, pg_ledger_put). */
#define PG_ECON_ROWS 32
struct pg_econ_rows {
	char code[PG_ECON_ROWS][STYR_CODE_MAX];
	int n;
};

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
struct pg_econ_rows *store_pg_econ_rows(struct store *st);

/* economy (pg_econ.c) */
int pg_ledger_row_put(struct store *st, const struct styr_ledger_row *r, struct styr_err *err);
int pg_ledger_row_find(struct store *st, const char *code, struct styr_ledger_row *out,
                       struct styr_err *err);
int pg_ledger_row_each(struct store *st, int (*cb)(void *, const struct styr_ledger_row *),
                       void *ctx, struct styr_err *err);
int pg_ledger_put(struct store *st, const struct styr_ledger_entry *e, struct styr_err *err);
int pg_ledger_each(struct store *st, const struct styr_ledger_filter *f,
                   int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
                   struct styr_err *err);
int pg_rule_put(struct store *st, const struct styr_rule *r, struct styr_err *err);
int pg_rule_each(struct store *st, int (*cb)(void *, const struct styr_rule *), void *ctx,
                 struct styr_err *err);
int pg_account_map_find(struct store *st, int account, char *row, size_t n, struct styr_err *err);
int pg_account_map_put(struct store *st, int first, int last, const char *row,
                       struct styr_err *err);
int pg_account_map_clear(struct store *st, struct styr_err *err);
int pg_bridge_put(struct store *st, const struct styr_bridge_line *b, struct styr_err *err);
int pg_bridge_each(struct store *st, int year, int (*cb)(void *, const struct styr_bridge_line *),
                   void *ctx, struct styr_err *err);
int pg_action_put(struct store *st, const struct styr_action *a, struct styr_err *err);
int pg_action_each(struct store *st, const char *plan,
                   int (*cb)(void *, const struct styr_action *), void *ctx, struct styr_err *err);
int pg_account_name_put(struct store *st, const char *unit, int account, const char *name,
                        struct styr_err *err);
int pg_account_balance_put(struct store *st, const struct styr_account_balance *b,
                           struct styr_err *err);
int pg_account_balance_each(struct store *st, const char *unit,
                            int (*cb)(void *, const struct styr_account_balance *), void *ctx,
                            struct styr_err *err);
int pg_budget_profile_put(struct store *st, const struct styr_budget_profile *p,
                          struct styr_err *err);
int pg_budget_profile_each(struct store *st, const char *unit,
                           int (*cb)(void *, const struct styr_budget_profile *), void *ctx,
                           struct styr_err *err);

#endif
