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

	/* Reports: analysis texts (migration 0005). */
	int (*analysis_put)(struct store *st, const struct styr_analysis *a, struct styr_err *err);
	int (*analysis_each)(struct store *st, const struct styr_analysis_filter *f,
	                     int (*cb)(void *, const struct styr_analysis *), void *ctx,
	                     struct styr_err *err);
	/* Goals area (issue 7): uppdrag, återrapportering, escalation and the
	 * follow-up plan.  escalation_add stores a step that the library has
	 * checked and moves the uppdrag's level with it. */
	int (*uppdrag_put)(struct store *st, const struct styr_uppdrag *u, struct styr_err *err);
	int (*uppdrag_find)(struct store *st, const char *goal, struct styr_uppdrag *out,
	                    struct styr_err *err);
	int (*uppdrag_each)(struct store *st, int (*cb)(void *, const struct styr_uppdrag *),
	                    void *ctx, struct styr_err *err);
	int (*uppdrag_report_put)(struct store *st, const struct styr_uppdrag_report *r,
	                          struct styr_err *err);
	int (*uppdrag_report_each)(struct store *st, const char *goal,
	                           int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx,
	                           struct styr_err *err);
	int (*escalation_add)(struct store *st, const struct styr_escalation_step *s,
	                      struct styr_err *err);
	int (*escalation_each)(struct store *st, const char *goal,
	                       int (*cb)(void *, const struct styr_escalation_step *), void *ctx,
	                       struct styr_err *err);
	int (*followup_rule_put)(struct store *st, const struct styr_followup_rule *r,
	                         struct styr_err *err);
	int (*followup_rule_each)(struct store *st, int year,
	                          int (*cb)(void *, const struct styr_followup_rule *), void *ctx,
	                          struct styr_err *err);
	int (*followup_done_put)(struct store *st, const struct styr_followup_done *d,
	                         struct styr_err *err);
	int (*followup_done_find)(struct store *st, const char *unit, enum styr_report_kind kind,
	                          const struct styr_period *p, struct styr_followup_done *out,
	                          struct styr_err *err);
	int (*internal_control_put)(struct store *st, const struct styr_internal_control *c,
	                            struct styr_err *err);
	int (*internal_control_each)(struct store *st, const char *unit, int year,
	                             int (*cb)(void *, const struct styr_internal_control *),
	                             void *ctx, struct styr_err *err);
	int (*index_weight_put)(struct store *st, const struct styr_index_weight *w,
	                        struct styr_err *err);
	int (*index_weight_each)(struct store *st, const char *index,
	                         int (*cb)(void *, const struct styr_index_weight *), void *ctx,
	                         struct styr_err *err);
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

/* Ledger row codes known to exist (econ.c, styr_ledger_put). */
#define STORE_ROW_CACHE 64
struct store_row_cache {
	char code[STORE_ROW_CACHE][STYR_CODE_MAX];
	int n;
};

struct styr_db {
	const struct store_ops *ops;
	struct store *st;
	bool rehearse; /* styr_db_rehearse: commit rolls back */
	struct store_key_cache org, ind;
	struct store_row_cache rows;
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/* Store a checked escalation step (goals area; the public entry point is
 * styr_uppdrag_escalate). */
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
