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

#include "styr/db.h"

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
	void (*q_blob)(struct query *q, const void *data, size_t len);
	int (*q_exec)(struct query *q, long long *changes, struct styr_err *err);
	int (*q_step)(struct query *q, struct styr_err *err);
	void (*q_end)(struct query *q);
	const char *(*q_col_text)(struct query *q, int col);
	long long (*q_col_int)(struct query *q, int col);
	double (*q_col_double)(struct query *q, int col);
	bool (*q_col_null)(struct query *q, int col);
	const void *(*q_col_blob)(struct query *q, int col, size_t *len);
	/* The web server's (styr/access.h), primitives too because they
	 * differ by nature: a number that changes with every commit, and a
	 * read transaction (SQLite's pager version and BEGIN DEFERRED,
	 * PostgreSQL's counter row and REPEATABLE READ snapshot). */
	int (*db_data_version)(struct store *st, long long *out, struct styr_err *err);
	int (*db_read_begin)(struct store *st, struct styr_err *err);
	void (*db_read_end)(struct store *st);
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
