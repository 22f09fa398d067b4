/*
 * The SQLite backend's operations for the web front-end's tables (see
 * migrations/0004_web.sql), kept in their own file so that sqlite.c stays
 * about the core model.  SQLITE_WEB_OPS fills them into store_sqlite_ops.
 */
#ifndef STYR_STORE_SQLITE_WEB_H
#define STYR_STORE_SQLITE_WEB_H

#include "store/store.h"

/* Statements sqlite_web.c keeps prepared, in the backend's state. */
#define SQW_STMT_MAX 32
struct sqlite3_stmt **store_sqlite_web_stmts(struct store *st);

int sqw_user_put(struct store *st, const struct styr_user *u, struct styr_err *err);
int sqw_user_find(struct store *st, const char *name, struct styr_user *out, struct styr_err *err);
int sqw_grant_put(struct store *st, const struct styr_grant *g, struct styr_err *err);
int sqw_grant_each(struct store *st, const char *user, int (*cb)(void *, const struct styr_grant *),
                   void *ctx, struct styr_err *err);
int sqw_session_put(struct store *st, const struct styr_session *s, struct styr_err *err);
int sqw_session_find(struct store *st, const char *token_hash, struct styr_session *out,
                     struct styr_err *err);
int sqw_session_delete(struct store *st, const char *token_hash, struct styr_err *err);
int sqw_api_token_put(struct store *st, const char *token_hash, const char *user,
                      const char *created, struct styr_err *err);
int sqw_api_token_find(struct store *st, const char *token_hash, char *user, size_t size,
                       struct styr_err *err);
int sqw_audit_put(struct store *st, const struct styr_audit_entry *a, struct styr_err *err);
int sqw_audit_last(struct store *st, struct styr_audit_entry *out, struct styr_err *err);
int sqw_audit_each(struct store *st, int newest_first, int limit,
                   int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
                   struct styr_err *err);
int sqw_report_state_put(struct store *st, const struct styr_report_state *r, struct styr_err *err);
int sqw_report_state_find(struct store *st, const char *unit, const struct styr_period *p,
                          struct styr_report_state *out, struct styr_err *err);

int sqw_data_version(struct store *st, long long *out, struct styr_err *err);
int sqw_read_begin(struct store *st, struct styr_err *err);
void sqw_read_end(struct store *st);
int sqw_session_purge(struct store *st, int64_t now, struct styr_err *err);
int sqw_user_each(struct store *st, int (*cb)(void *, const struct styr_user *), void *ctx,
                  struct styr_err *err);
int sqw_user_logout(struct store *st, const char *user, struct styr_err *err);
int sqw_grant_delete(struct store *st, const char *user, const char *unit, struct styr_err *err);
int sqw_user_delete(struct store *st, const char *user, struct styr_err *err);

#define SQLITE_WEB_OPS                                                                             \
	.user_put = sqw_user_put, .user_find = sqw_user_find, .grant_put = sqw_grant_put,          \
	.grant_each = sqw_grant_each, .session_put = sqw_session_put,                              \
	.session_find = sqw_session_find, .session_delete = sqw_session_delete,                    \
	.api_token_put = sqw_api_token_put, .api_token_find = sqw_api_token_find,                  \
	.audit_put = sqw_audit_put, .audit_last = sqw_audit_last, .audit_each = sqw_audit_each,    \
	.report_state_put = sqw_report_state_put, .report_state_find = sqw_report_state_find,      \
	.db_data_version = sqw_data_version, .db_read_begin = sqw_read_begin,                      \
	.db_read_end = sqw_read_end, .session_purge = sqw_session_purge,                           \
	.user_each = sqw_user_each, .user_logout = sqw_user_logout,                                \
	.grant_delete = sqw_grant_delete, .user_delete = sqw_user_delete

#endif
