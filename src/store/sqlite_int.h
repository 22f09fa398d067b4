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

/* economy (sqlite_econ.c) */
int sq_ledger_row_put(struct store *st, const struct styr_ledger_row *r, struct styr_err *err);
int sq_ledger_row_find(struct store *st, const char *code, struct styr_ledger_row *out,
                       struct styr_err *err);
int sq_ledger_row_each(struct store *st, int (*cb)(void *, const struct styr_ledger_row *),
                       void *ctx, struct styr_err *err);
int sq_ledger_put(struct store *st, const struct styr_ledger_entry *e, struct styr_err *err);
int sq_ledger_each(struct store *st, const struct styr_ledger_filter *f,
                   int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
                   struct styr_err *err);
int sq_rule_put(struct store *st, const struct styr_rule *r, struct styr_err *err);
int sq_rule_each(struct store *st, int (*cb)(void *, const struct styr_rule *), void *ctx,
                 struct styr_err *err);
int sq_account_map_find(struct store *st, int account, char *row, size_t n, struct styr_err *err);
int sq_account_map_put(struct store *st, int first, int last, const char *row,
                       struct styr_err *err);
int sq_bridge_put(struct store *st, const struct styr_bridge_line *b, struct styr_err *err);
int sq_bridge_each(struct store *st, int year, int (*cb)(void *, const struct styr_bridge_line *),
                   void *ctx, struct styr_err *err);
int sq_action_put(struct store *st, const struct styr_action *a, struct styr_err *err);
int sq_action_each(struct store *st, const char *plan,
                   int (*cb)(void *, const struct styr_action *), void *ctx, struct styr_err *err);
int sq_account_map_clear(struct store *st, struct styr_err *err);
int sq_account_name_put(struct store *st, const char *unit, int account, const char *name,
                        struct styr_err *err);
int sq_account_balance_put(struct store *st, const struct styr_account_balance *b,
                           struct styr_err *err);
int sq_account_balance_each(struct store *st, const char *unit,
                            int (*cb)(void *, const struct styr_account_balance *), void *ctx,
                            struct styr_err *err);
int sq_budget_profile_put(struct store *st, const struct styr_budget_profile *p,
                          struct styr_err *err);
int sq_budget_profile_each(struct store *st, const char *unit,
                           int (*cb)(void *, const struct styr_budget_profile *), void *ctx,
                           struct styr_err *err);

#endif
