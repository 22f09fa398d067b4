/*
 * The store's private header.  The two databases are drivers (as curl's
 * vtls and Redis's ConnectionType):
 * the few primitives that SQLite and PostgreSQL share, so that every store
 * operation is written once, over them, in the area files (org.c,
 * indicator.c, goal.c, econ.c, web.c, open.c, ...).  sqlite.c and pg.c are
 * the drivers and nothing else.
 *
 * A statement is named by its id in the catalogue (catalogue.def) and run
 * as a query on the caller's stack: start it, bind its parameters in
 * order, then either exec it (a write) or step through its rows.
 *
 *     struct query q;
 *     if (q_start(&q, db, Q_VALUE_PUT, "storing a value", err))
 *             return STYR_ESTORE;
 *     q_int(&q, indicator_id);
 *     ...
 *     return q_exec(&q, NULL, err);
 *
 * q_step gives 1 for a row, 0 at the end and a negative styr error code on
 * failure; after 0 or an error the query is finished, and a caller that
 * stops early calls q_end.  A walk's callback may use the store (the
 * exporter looks up targets while it walks values): PostgreSQL fetches the
 * whole result before the first row; SQLite steps its statement, so a
 * callback must not start the statement it is called from.
 *
 * Writes inside a transaction may be pipelined (PostgreSQL): q_exec then
 * only sends, and a failure is reported by a later call or by commit; the
 * transaction fails as a whole either way.  Asking for the number of rows
 * changed (changes not NULL) waits for the answer.
 *
 * Ownership: text and bytes bound to a query are borrowed until q_exec,
 * the first q_step or q_end; column text and bytes are valid until the
 * next q_step or q_end.
 */
#ifndef STYR_STORE_DRIVER_H
#define STYR_STORE_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "styr/db.h"

struct store; /* a driver's connection */

/* Statement ids: Q_<NAME> for every entry of catalogue.def. */
enum sql_id {
#define SQL(id, text)             Q_##id,
#define SQL_PG(id, text, pg_text) Q_##id,
#include "store/catalogue.def"
#undef SQL
#undef SQL_PG
	Q_COUNT
};

/* The catalogue's texts in SQLite's dialect, and in PostgreSQL's where a
 * statement has its own (NULL: rewrite the SQLite text, see pg.c). */
extern const char *const store_sql[Q_COUNT];
extern const char *const store_sql_pg[Q_COUNT];

#define QUERY_MAX_PARAMS 16 /* a budget profile: unit, row, year, twelve weights */

struct query {
	struct styr_db *db;
	enum sql_id id;
	const char *what; /* for messages: "storing a value" */
	int n;            /* parameters bound so far */
	unsigned steps;   /* q_step's calls: the rows after the first are timed in samples */
	/* the driver's: */
	void *stmt; /* SQLite's prepared statement */
	void *res;  /* PostgreSQL's result */
	int row, rows;
	const char *v[QUERY_MAX_PARAMS];
	char buf[QUERY_MAX_PARAMS][32];
	char *blob;     /* PostgreSQL's: the bound blob as bytea text */
	void *col_blob; /* PostgreSQL's: the blob column last read, decoded */
	bool nomem;     /* a binder ran out of memory: exec and step fail */
};

/* A driver: sqlite.c's and pg.c's.  open returns the connection that
 * close frees.  data_version and the read transaction are primitives
 * too because they differ by nature (below). */
struct store_driver {
	const char *name;
	int (*open)(const char *location, int flags, struct store **out, struct styr_err *err);
	void (*close)(struct store *st);
	int (*begin)(struct store *st, struct styr_err *err);
	int (*commit)(struct store *st, struct styr_err *err);
	void (*rollback)(struct store *st);
	/* Run SQL text without parameters (one or more statements), and read
	 * the first column of the first row as a number (-1: no row, or
	 * NULL): what the schema's bookkeeping needs (schema.c). */
	int (*exec)(struct store *st, const char *sql, const char *what, struct styr_err *err);
	int (*query_int)(struct store *st, const char *sql, const char *what, long long *out,
	                 struct styr_err *err);
	/* A consistent copy of the database into the new file path while
	 * others write; restore one into location (a new SQLite file, an
	 * empty PostgreSQL database).  See styr_db_backup. */
	int (*backup)(struct store *st, const char *path, struct styr_err *err);
	int (*restore)(const char *backup, const char *location, struct styr_err *err);
	/* q_start finds the prepared statement of q->id; the binders take
	 * the next parameter (see the q_ functions below). */
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

extern const struct store_driver store_sqlite_driver;
extern const struct store_driver store_pg_driver;

/* A code → key cache of one entry (see store_org_id). */
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

/* An approved report as the gate keeps it (gate.c). */
struct gate_lock {
	char unit[STYR_CODE_MAX];
	struct styr_period period;
	char by[STYR_USER_MAX];
};

/* The write gate's state on a handle (gate.c): who writes and from where
 * (styr_db_actor), and, for the current transaction only, the approvals
 * and the audit chain's last hash, read once. */
struct store_gate {
	char who[STYR_USER_MAX];
	char source[STYR_SOURCE_TEXT];
	char unlock_reason[STYR_SOURCE_TEXT];
	bool chained; /* chain holds the last hash of this transaction */
	char chain[STYR_HASH_MAX];
	bool locks_read;           /* locks and the year window below are this transaction's */
	int first_year, last_year; /* the setting "years", or the default window */
	struct gate_lock *locks;
	size_t nlocks, cap;
	char ind_code[STYR_CODE_MAX]; /* the last indicator checked, and its unit */
	char ind_unit[STYR_CODE_MAX];
};

/* The org units as of a data version (org.c, styr_org_each in a read). */
struct store_org_copy {
	struct styr_org_unit *u;
	size_t n, cap;
	long long version;
	bool valid;
};

struct styr_db {
	const struct store_driver *drv;
	struct store *st;
	bool rehearse; /* styr_db_rehearse: commit rolls back */
	bool in_tx;    /* a transaction or a read is open */
	bool reading;  /* the open one is a read (styr_db_read_begin) */
	struct store_org_copy org_copy;
	struct store_key_cache org, ind;
	struct store_row_cache rows;
	long long busy_ns; /* time spent in the driver (styr_db_time_ns) */
	/* styr_db_time_limit: the monotonic time no statement may start
	 * after (0: none), and whether one was refused for it */
	long long deadline_ns;
	bool deadline_hit;
	struct store_gate gate;
};

/*
 * The write gate (gate.c, issue 14 item 1).  Every store operation that
 * writes a period-bound figure (values, targets, ledger amounts, account
 * balances, analyses, actions, uppdrag reports, budget profiles, gender
 * values, internal control) describes its write and hands the store's own
 * half (store) to gate_pass, which, in one transaction (the caller's, or
 * its own when none is open): refuses without an actor; refuses a year
 * outside the plausible window; refuses a write into an approved period
 * of the record's unit (and of its stored unit, old_unit) unless the
 * actor gave an unlock reason; leaves a record whose after image equals
 * its before image alone; and otherwise stores it and appends the audit
 * entry with who, the images and the source.
 */
struct gate_write {
	const char *action;        /* "value.put" */
	const char *unit;          /* the record's unit; "" none */
	const char *old_unit;      /* the stored record's unit when another; NULL */
	struct styr_period period; /* year 0: bound to no period */
	char entity[256];
	char before[STYR_AUDIT_TEXT]; /* "" a new record */
	char after[STYR_AUDIT_TEXT];
};
int gate_pass(struct styr_db *db, struct gate_write *w,
              int (*store)(struct styr_db *db, const void *row, struct styr_err *err),
              const void *row, struct styr_err *err);
/* The transaction ended: forget the approvals and the chain's hash. */
void gate_forget(struct styr_db *db);

int q_start(struct query *q, struct styr_db *db, enum sql_id id, const char *what,
            struct styr_err *err);
void q_text(struct query *q, const char *text);
/* Empty text is stored as NULL where the column means "not given". */
void q_text_or_null(struct query *q, const char *text);
void q_int(struct query *q, long long x);
void q_double(struct query *q, double x);
void q_null(struct query *q);
/* A key: 0 means none and binds NULL. */
void q_key(struct query *q, long long key);
/* Bytes (a BLOB in SQLite, a BYTEA in PostgreSQL), borrowed as text is. */
void q_blob(struct query *q, const void *data, size_t len);
int q_exec(struct query *q, long long *changes, struct styr_err *err);
int q_step(struct query *q, struct styr_err *err);
void q_end(struct query *q);

const char *q_col_text(struct query *q, int col); /* NULL as "" */
long long q_col_int(struct query *q, int col);
double q_col_double(struct query *q, int col);
bool q_col_null(struct query *q, int col);
void q_col_copy(struct query *q, int col, char *dst, size_t n);
/* A blob column's bytes and their number in *len, valid until the next
 * q_step or q_end; never NULL for empty bytes, NULL when out of memory. */
const void *q_col_blob(struct query *q, int col, size_t *len);

/*
 * The loop every _each operation runs: fill row from each result row and
 * hand it to cb until cb says stop; returns from the calling function.  A
 * macro so that row and cb keep their own types.
 */
#define Q_WALK(q, row, from_row, cb, ctx, err)                                                     \
	do {                                                                                       \
		int more_, stop_ = 0;                                                              \
		while ((more_ = q_step(q, err)) == 1) {                                            \
			from_row(q, row);                                                          \
			stop_ = cb(ctx, row);                                                      \
			if (stop_) {                                                               \
				q_end(q);                                                          \
				return stop_;                                                      \
			}                                                                          \
		}                                                                                  \
		return -more_;                                                                     \
	} while (0)

/* Read the one row that q (bound to a key) gives into *out; returns from
 * the calling function.  No row: the key's row went while we looked. */
#define Q_FIND(q, out, from_row, err)                                                              \
	do {                                                                                       \
		int got_ = q_step(q, err);                                                         \
		if (got_ == 1) {                                                                   \
			from_row(q, out);                                                          \
			q_end(q);                                                                  \
			return STYR_OK;                                                            \
		}                                                                                  \
		if (got_ == 0)                                                                     \
			return styr_error(err, STYR_ENOTFOUND, "row vanished");                    \
		return -got_;                                                                      \
	} while (0)

/* Rows of two codes (alias and unit, goal and indicator) to cb. */
int store_walk_pairs(struct styr_db *db, enum sql_id id,
                     int (*cb)(void *, const char *, const char *), void *ctx,
                     struct styr_err *err);

/* Integer keys of codes, with a one-entry cache for org units and
 * indicators (imported values come grouped by indicator and unit, so the
 * cache hits almost always).  An org unit is found by its code or, failing
 * that, by an alias.  STYR_ENOTFOUND says "<what> "<code>" does not exist". */
int store_org_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err);
int store_ind_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err);
int store_goal_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err);
/* Forget the cached keys: a rollback may have removed them. */
void store_forget_keys(struct styr_db *db);

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

/* Apply the migrations the database lacks (schema.c); the drivers call
 * it when they open a database, before anything else runs on it. */
int store_schema_update(const struct store_driver *drv, struct store *st, const char *where,
                        struct styr_err *err);

/* Deletions that take what refers to a thing with it (org.c,
 * indicator.c, goal.c).  refs runs the REFS statement id (bound to key,
 * and to code as ?2 when code is not NULL), whose rows are (kind, count)
 * with kind an index into what[n], into out (kinds without rows left
 * out).  delete_all runs del[0..n) bound to key (or to code where
 * by_code[i]), adding what each deleted to out (may be NULL). */
int store_refs(struct styr_db *db, enum sql_id id, long long key, const char *code,
               const char *const *what, size_t n, struct styr_refs *out, struct styr_err *err);
int store_delete_all(struct styr_db *db, const enum sql_id *del, const bool *by_code,
                     const char *const *what, size_t n, long long key, const char *code,
                     struct styr_refs *out, struct styr_err *err);

#endif
