/*
 * The store is a table of operations (as curl's vtls and Redis's
 * ConnectionType): one struct store_ops per backend, filled by
 * store/sqlite.c and store/pg.c.  The public styr_db functions in
 * store/store.c only forward to it, so callers never see which backend
 * runs or any SQL.  version lets the table grow without breaking a
 * backend written against an older one, and an operation a backend leaves
 * NULL (it was written before the operation existed) makes the call fail
 * with STYR_ESTORE naming the backend and the operation, never crash.
 *
 * Ownership: open returns a backend state that close frees; everything
 * else borrows its arguments.
 */
#ifndef STYR_STORE_H
#define STYR_STORE_H

#include "styr/analysis.h"
#include "styr/access.h"
#include "styr/db.h"
#include "styr/events.h"
#include "styr/frozen.h"
#include "styr/goals.h"
#include "styr/ledger.h"
#include "styr/opendata.h"

struct store;
struct query;

#define STORE_OPS_VERSION 1

struct store_ops {
	int version;
	const char *name;
	int (*open)(const char *location, int flags, struct store **out, struct styr_err *err);
	void (*close)(struct store *st);
	int (*begin)(struct store *st, struct styr_err *err);
	int (*commit)(struct store *st, struct styr_err *err);
	void (*rollback)(struct store *st);
	/* The driver's primitives (store/driver.h): q_start finds the
	 * prepared statement of q->id; the binders take the next parameter. */
	int (*q_start)(struct store *st, struct query *q, struct styr_err *err);
	void (*q_text)(struct query *q, const char *text);
	void (*q_int)(struct query *q, long long x);
	void (*q_double)(struct query *q, double x);
	void (*q_null)(struct query *q);
	int (*q_exec)(struct query *q, long long *changes, struct styr_err *err);
	int (*q_step)(struct query *q, struct styr_err *err);
	void (*q_end)(struct query *q);
	const char *(*q_col_text)(struct query *q, int col);
	long long (*q_col_int)(struct query *q, int col);
	double (*q_col_double)(struct query *q, int col);
	bool (*q_col_null)(struct query *q, int col);

	/* web (issue 6): users, grants, sessions, API tokens, audit, report
	 * workflow; implemented in sqlite_web.c and in pg.c's web block, see
	 * styr/access.h */
	int (*user_put)(struct store *st, const struct styr_user *u, struct styr_err *err);
	int (*user_find)(struct store *st, const char *name, struct styr_user *out,
	                 struct styr_err *err);
	int (*grant_put)(struct store *st, const struct styr_grant *g, struct styr_err *err);
	int (*grant_each)(struct store *st, const char *user,
	                  int (*cb)(void *, const struct styr_grant *), void *ctx,
	                  struct styr_err *err);
	int (*session_put)(struct store *st, const struct styr_session *s, struct styr_err *err);
	int (*session_find)(struct store *st, const char *token_hash, struct styr_session *out,
	                    struct styr_err *err);
	int (*session_delete)(struct store *st, const char *token_hash, struct styr_err *err);
	int (*api_token_put)(struct store *st, const char *token_hash, const char *user,
	                     const char *created, struct styr_err *err);
	int (*api_token_find)(struct store *st, const char *token_hash, char *user, size_t size,
	                      struct styr_err *err);
	int (*audit_put)(struct store *st, const struct styr_audit_entry *a, struct styr_err *err);
	int (*audit_last)(struct store *st, struct styr_audit_entry *out, struct styr_err *err);
	int (*audit_each)(struct store *st, int newest_first, int limit,
	                  int (*cb)(void *, const struct styr_audit_entry *), void *ctx,
	                  struct styr_err *err);
	int (*report_state_put)(struct store *st, const struct styr_report_state *r,
	                        struct styr_err *err);
	int (*report_state_find)(struct store *st, const char *unit, const struct styr_period *p,
	                         struct styr_report_state *out, struct styr_err *err);
	int (*db_data_version)(struct store *st, long long *out, struct styr_err *err);
	int (*db_read_begin)(struct store *st, struct styr_err *err);
	void (*db_read_end)(struct store *st);
	int (*session_purge)(struct store *st, int64_t now, struct styr_err *err);
	/* users (issue 14): listing, and taking access away */
	int (*user_each)(struct store *st, int (*cb)(void *, const struct styr_user *), void *ctx,
	                 struct styr_err *err);
	int (*user_logout)(struct store *st, const char *user, struct styr_err *err);
	int (*grant_delete)(struct store *st, const char *user, const char *unit,
	                    struct styr_err *err);
	int (*user_delete)(struct store *st, const char *user, struct styr_err *err);
	/* economy: ledger, row plan, rules, SIE accounts */
	int (*ledger_row_put)(struct store *st, const struct styr_ledger_row *r,
	                      struct styr_err *err);
	int (*ledger_row_find)(struct store *st, const char *code_or_label,
	                       struct styr_ledger_row *out, struct styr_err *err);
	int (*ledger_row_each)(struct store *st, int (*cb)(void *, const struct styr_ledger_row *),
	                       void *ctx, struct styr_err *err);
	int (*ledger_put)(struct store *st, const struct styr_ledger_entry *e,
	                  struct styr_err *err);
	int (*ledger_each)(struct store *st, const struct styr_ledger_filter *f,
	                   int (*cb)(void *, const struct styr_ledger_entry *), void *ctx,
	                   struct styr_err *err);
	int (*rule_put)(struct store *st, const struct styr_rule *r, struct styr_err *err);
	int (*rule_each)(struct store *st, int (*cb)(void *, const struct styr_rule *), void *ctx,
	                 struct styr_err *err);
	int (*account_map_find)(struct store *st, int account, char *row, size_t n,
	                        struct styr_err *err);
	int (*account_map_put)(struct store *st, int first, int last, const char *row,
	                       struct styr_err *err);
	int (*account_map_clear)(struct store *st, struct styr_err *err);
	int (*bridge_put)(struct store *st, const struct styr_bridge_line *b, struct styr_err *err);
	int (*bridge_each)(struct store *st, int year,
	                   int (*cb)(void *, const struct styr_bridge_line *), void *ctx,
	                   struct styr_err *err);
	int (*action_put)(struct store *st, const struct styr_action *a, struct styr_err *err);
	int (*action_each)(struct store *st, const char *plan,
	                   int (*cb)(void *, const struct styr_action *), void *ctx,
	                   struct styr_err *err);
	int (*account_name_put)(struct store *st, const char *unit, int account, const char *name,
	                        struct styr_err *err);
	int (*account_balance_put)(struct store *st, const struct styr_account_balance *b,
	                           struct styr_err *err);
	int (*account_balance_each)(struct store *st, const char *unit,
	                            int (*cb)(void *, const struct styr_account_balance *),
	                            void *ctx, struct styr_err *err);
	/* economy: budget profiles (migration 0006) */
	int (*budget_profile_put)(struct store *st, const struct styr_budget_profile *p,
	                          struct styr_err *err);
	int (*budget_profile_each)(struct store *st, const char *unit,
	                           int (*cb)(void *, const struct styr_budget_profile *), void *ctx,
	                           struct styr_err *err);
	/* open data (issue 19, migration 0009; sqlite_open.c, pg_open.c) */
	int (*open_indicator_put)(struct store *st, const struct styr_open_indicator *o,
	                          struct styr_err *err);
	int (*open_indicator_each)(struct store *st,
	                           int (*cb)(void *, const struct styr_open_indicator *), void *ctx,
	                           struct styr_err *err);
	int (*open_unit_put)(struct store *st, const struct styr_open_unit *u,
	                     struct styr_err *err);
	int (*open_unit_each)(struct store *st, int (*cb)(void *, const struct styr_open_unit *),
	                      void *ctx, struct styr_err *err);
	int (*open_value_each)(struct store *st, const char *today,
	                       int (*cb)(void *, const struct styr_open_value *), void *ctx,
	                       struct styr_err *err);
	int (*gender_value_put)(struct store *st, const struct styr_gender_value *v,
	                        struct styr_err *err);
	int (*gender_value_each)(struct store *st,
	                         int (*cb)(void *, const struct styr_gender_value *), void *ctx,
	                         struct styr_err *err);
	int (*open_withdrawn_put)(struct store *st, const struct styr_open_value *v,
	                          struct styr_err *err);
	int (*open_withdrawn_each)(struct store *st,
	                           int (*cb)(void *, const struct styr_open_value *), void *ctx,
	                           struct styr_err *err);
	/* events (issue 18, migration 0010) */
	int (*event_file_put)(struct store *st, const struct styr_event_file *f,
	                      struct styr_err *err);
	int (*event_file_each)(struct store *st, int (*cb)(void *, const struct styr_event_file *),
	                       void *ctx, struct styr_err *err);
	int (*event_run_put)(struct store *st, const struct styr_event_run *r,
	                     struct styr_err *err);
	/* approved reports (issue 17 item 3, migration 0011) */
	int (*frozen_clear)(struct store *st, const char *unit, const char *period,
	                    struct styr_err *err);
	int (*frozen_report_put)(struct store *st, const struct styr_frozen_report *f,
	                         const void *content, size_t len, struct styr_err *err);
	int (*frozen_report_find)(struct store *st, const char *unit, const char *period,
	                          const char *type, const char *format,
	                          struct styr_frozen_report *out, struct styr_buf *content,
	                          struct styr_err *err);
	int (*frozen_line_put)(struct store *st, const struct styr_frozen_line *l,
	                       struct styr_err *err);
	int (*frozen_line_each)(struct store *st, const char *unit, const char *period,
	                        int (*cb)(void *, const struct styr_frozen_line *), void *ctx,
	                        struct styr_err *err);
};

/* A code → key cache of one entry (see driver.h). */
struct store_key_cache {
	char code[STYR_CODE_MAX];
	long long id;
};

struct styr_db {
	const struct store_ops *ops;
	struct store *st;
	bool rehearse; /* styr_db_rehearse: commit rolls back */
	struct store_key_cache org, ind;
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/* The store's halves of checked writes (store/analysis.c, store/followup.c):
 * an internal control whose scales styr_internal_control_put has checked,
 * and an escalation step that styr_uppdrag_escalate has checked against
 * Tabell 3, which also moves the uppdrag's level. */
int store_internal_control_put(struct styr_db *db, const struct styr_internal_control *c,
                               struct styr_err *err);
int store_escalation_add(struct styr_db *db, const struct styr_escalation_step *s,
                         struct styr_err *err);

/* The schema, one SQL text per migration in file-name order, generated
 * from migrations/ (SQLite) and migrations-pg/ (PostgreSQL), which hold the
 * same files (CMake checks); _numbers gives each one's NNNN.  A database
 * records the numbers it has (table styr_migration), so a migration that
 * arrives with a number below one already applied is still applied; the
 * version (user_version, styr_schema) counts them.  See docs/hacking.md. */
extern const char *const store_migrations[];
extern const size_t store_migration_count;
extern const int store_migration_numbers[];
extern const char *const store_pg_migrations[];
extern const size_t store_pg_migration_count;
extern const int store_pg_migration_numbers[];

#endif
