/*
 * The handle: pick a driver by the location string, transactions, the
 * query functions every operation runs on (driver.h) and the keys of
 * codes.  Nothing here knows SQL but the lookups' statement ids.
 *
 * A location is PostgreSQL when it is a libpq URL ("postgresql://...",
 * "postgres://...") or a libpq conninfo string that starts with "host=" or
 * "dbname="; anything else is the path of a SQLite file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/driver.h"

/* The time spent in the driver, for the web's /metrics (styr_db_time_ns):
 * what a request waited for its database, locks included.  Exact for
 * every statement's execution and first row; of the rows after it one in
 * STEP_SAMPLE is timed and counts for STEP_SAMPLE, since two clock reads
 * a row were a tenth of a walk over millions of amounts (bench/ledger). */
#define STEP_SAMPLE 16u

static long long clock_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

#define TIMED(db, call)                                                                            \
	do {                                                                                       \
		long long t0_ = clock_ns();                                                        \
		call;                                                                              \
		(db)->busy_ns += clock_ns() - t0_;                                                 \
	} while (0)

long long styr_db_time_ns(const struct styr_db *db)
{
	return db->busy_ns;
}

void styr_db_time_limit(struct styr_db *db, long long ns)
{
	db->deadline_ns = ns > 0 ? clock_ns() + ns : 0;
	db->deadline_hit = false;
}

bool styr_db_time_limit_hit(const struct styr_db *db)
{
	return db->deadline_hit;
}

/* Checked before each statement, write transaction and timed row (one in
 * STEP_SAMPLE): a report over a whole region or a long import stops
 * within STEP_SAMPLE rows of its limit; a statement already running
 * finishes. */
static int past_deadline_at(struct styr_db *db, long long now, struct styr_err *err)
{
	if (!db->deadline_ns || now < db->deadline_ns)
		return STYR_OK;
	db->deadline_hit = true;
	return styr_error(err, STYR_ESTORE, "the request's time limit was reached");
}

static int past_deadline(struct styr_db *db, struct styr_err *err)
{
	return db->deadline_ns ? past_deadline_at(db, clock_ns(), err) : STYR_OK;
}

static const struct store_driver *driver_of(const char *location)
{
	static const char *const pg_prefixes[] = {"postgresql://", "postgres://",
	                                          "host=", "dbname="};
	size_t i;

	for (i = 0; i < sizeof(pg_prefixes) / sizeof(pg_prefixes[0]); i++)
		if (!strncmp(location, pg_prefixes[i], strlen(pg_prefixes[i])))
			return &store_pg_driver;
	return &store_sqlite_driver;
}

int styr_db_open(const char *location, int flags, struct styr_db **out, struct styr_err *err)
{
	const struct store_driver *drv = driver_of(location);
	struct styr_db *db;
	int rc;

	*out = NULL;
	db = calloc(1, sizeof(*db));
	if (!db)
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	db->drv = drv;
	rc = drv->open(location, flags, &db->st, err);
	if (rc) {
		free(db);
		return rc;
	}
	*out = db;
	return STYR_OK;
}

void styr_db_close(struct styr_db *db)
{
	if (!db)
		return;
	db->drv->close(db->st);
	free(db->gate.locks);
	free(db->org_copy.u);
	free(db);
}

/* A new file at path, never over one: a backup or a restored SQLite
 * database (st NULL: drv restores backup) goes to path.part and is renamed
 * when whole, so a failed or interrupted copy leaves no file that looks
 * like one.  exists says what to do when path is there. */
static int write_new(const struct store_driver *drv, struct store *st, const char *backup,
                     const char *path, const char *exists, struct styr_err *err)
{
	char part[4096];
	int rc;

	if (access(path, F_OK) == 0)
		return styr_error(err, STYR_EINPUT, "%s exists: %s", path, exists);
	if (strlen(path) + sizeof(".part") > sizeof(part))
		return styr_error(err, STYR_EINPUT, "the path is too long: %zu bytes, at most %zu",
		                  strlen(path), sizeof(part) - sizeof(".part"));
	snprintf(part, sizeof(part), "%s.part", path);
	unlink(part);
	rc = st ? drv->backup(st, part, err) : drv->restore(backup, part, err);
	if (!rc && rename(part, path) != 0)
		rc = styr_error(err, STYR_ESTORE, "%s: cannot rename %s: %s", path, part,
		                strerror(errno));
	if (rc)
		unlink(part);
	return rc;
}

int styr_db_backup(struct styr_db *db, const char *path, struct styr_err *err)
{
	return write_new(db->drv, db->st, NULL, path, "a backup goes to a new file", err);
}

int styr_db_restore(const char *backup, const char *location, struct styr_err *err)
{
	const struct store_driver *drv = driver_of(location);
	struct styr_db *db;
	int rc = drv == &store_pg_driver
	             ? drv->restore(backup, location, err)
	             : write_new(drv, NULL, backup, location,
	                         "restore into a new file (a database is never overwritten)", err);

	/* A backup from an older styr gets the migrations it lacks. */
	if (!rc && !(rc = styr_db_open(location, 0, &db, err)))
		styr_db_close(db);
	return rc;
}

/* One transaction (or read) at a time per handle, whichever driver. */
static int one_at_a_time(struct styr_db *db, int (*begin)(struct store *, struct styr_err *),
                         struct styr_err *err)
{
	int rc;

	if (db->in_tx)
		return styr_error(err, STYR_ESTORE, "a transaction is already open");
	rc = begin(db->st, err);
	db->in_tx = rc == STYR_OK;
	return rc;
}

int styr_db_begin(struct styr_db *db, struct styr_err *err)
{
	int rc;

	if (past_deadline(db, err))
		return STYR_ESTORE;
	/* Another connection may have given a code to another key since this
	 * handle's last transaction (a web worker's handle lives for the
	 * server's life): the keys are known afresh in each. */
	store_forget_keys(db);
	TIMED(db, rc = one_at_a_time(db, db->drv->begin, err));
	gate_forget(db);
	return rc;
}

int styr_db_commit(struct styr_db *db, struct styr_err *err)
{
	int rc;

	if (db->rehearse) {
		styr_db_rollback(db);
		return STYR_OK;
	}
	TIMED(db, rc = db->drv->commit(db->st, err));
	db->in_tx = false;
	gate_forget(db);
	if (rc)
		store_forget_keys(db);
	return rc;
}

void styr_db_rehearse(struct styr_db *db, bool on)
{
	db->rehearse = on;
}

void styr_db_rollback(struct styr_db *db)
{
	db->drv->rollback(db->st);
	db->in_tx = false;
	gate_forget(db);
	store_forget_keys(db);
}

int q_start(struct query *q, struct styr_db *db, enum sql_id id, const char *what,
            struct styr_err *err)
{
	q->db = db;
	q->id = id;
	q->what = what;
	q->n = 0;
	q->steps = 0;
	q->stmt = q->res = NULL;
	q->row = q->rows = 0;
	q->blob = NULL;
	q->col_blob = NULL;
	q->nomem = false;
	return db->drv->q_start(db->st, q, err);
}

void q_text(struct query *q, const char *text)
{
	q->db->drv->q_text(q, text);
}

void q_text_or_null(struct query *q, const char *text)
{
	if (text && *text)
		q->db->drv->q_text(q, text);
	else
		q->db->drv->q_null(q);
}

void q_int(struct query *q, long long x)
{
	q->db->drv->q_int(q, x);
}

void q_double(struct query *q, double x)
{
	q->db->drv->q_double(q, x);
}

void q_null(struct query *q)
{
	q->db->drv->q_null(q);
}

void q_key(struct query *q, long long key)
{
	if (key)
		q->db->drv->q_int(q, key);
	else
		q->db->drv->q_null(q);
}

void q_blob(struct query *q, const void *data, size_t len)
{
	q->db->drv->q_blob(q, data, len);
}

int q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	int rc;

	if (past_deadline(q->db, err)) {
		q->db->drv->q_end(q);
		return STYR_ESTORE;
	}
	TIMED(q->db, rc = q->db->drv->q_exec(q, changes, err));
	return rc;
}

/* A row.  The first step runs the statement and is timed exactly; the
 * rows after it are sampled, one in STEP_SAMPLE, and their clock read is
 * also the one the deadline check compares (a page walks thousands of
 * rows, a check millions). */
int q_step(struct query *q, struct styr_err *err)
{
	struct styr_db *db = q->db;
	long long t0;
	int rc;

	if (q->steps++ && (q->steps - 1) % STEP_SAMPLE)
		return db->drv->q_step(q, err);
	t0 = clock_ns();
	if (past_deadline_at(db, t0, err)) {
		db->drv->q_end(q);
		return -STYR_ESTORE;
	}
	rc = db->drv->q_step(q, err);
	db->busy_ns += (clock_ns() - t0) * (q->steps > 1 ? STEP_SAMPLE : 1);
	return rc;
}

void q_end(struct query *q)
{
	q->db->drv->q_end(q);
}

const char *q_col_text(struct query *q, int col)
{
	return q->db->drv->q_col_text(q, col);
}

long long q_col_int(struct query *q, int col)
{
	return q->db->drv->q_col_int(q, col);
}

double q_col_double(struct query *q, int col)
{
	return q->db->drv->q_col_double(q, col);
}

bool q_col_null(struct query *q, int col)
{
	return q->db->drv->q_col_null(q, col);
}

/* Cut to fit; memcpy, not snprintf: the ledger walk copies millions of
 * these (the writers refuse what does not fit, so nothing stored is
 * longer). */
void q_col_copy(struct query *q, int col, char *dst, size_t n)
{
	const char *t = q->db->drv->q_col_text(q, col);
	size_t len = strnlen(t, n - 1);

	memcpy(dst, t, len);
	dst[len] = '\0';
}

const void *q_col_blob(struct query *q, int col, size_t *len)
{
	return q->db->drv->q_col_blob(q, col, len);
}

/* Look up the key of code with statement id (a unit, an indicator or a
 * goal, whose message names the kind). */
static int lookup_key(struct styr_db *db, enum sql_id id, struct store_key_cache *cache,
                      const char *code, long long *out, struct styr_err *err)
{
	struct query q;
	int rc;

	/* Kept only inside a transaction (forgotten when one begins): outside
	 * one, another connection may give the code to another key between
	 * two look-ups. */
	if (!db->in_tx)
		cache = NULL;
	if (cache && cache->id && !strcmp(cache->code, code)) {
		*out = cache->id;
		return STYR_OK;
	}
	if (q_start(&q, db, id, "looking up a code", err))
		return STYR_ESTORE;
	q_text(&q, code);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc == 1) {
		*out = q_col_int(&q, 0);
		q_end(&q);
		if (cache) {
			snprintf(cache->code, sizeof(cache->code), "%s", code);
			cache->id = *out;
		}
		return STYR_OK;
	}
	if (id == Q_ORG_ID)
		return lookup_key(db, Q_ORG_ALIAS_ID, NULL, code, out, err);
	if (id == Q_IND_ID)
		return styr_error(err, STYR_ENOTFOUND, "indicator \"%s\" does not exist", code);
	if (id == Q_GOAL_ID)
		return styr_error(err, STYR_ENOTFOUND, "goal \"%s\" does not exist", code);
	return styr_error(err, STYR_ENOTFOUND, "org unit \"%s\" does not exist", code);
}

int store_org_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err)
{
	return lookup_key(db, Q_ORG_ID, &db->org, code, out, err);
}

int store_ind_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err)
{
	return lookup_key(db, Q_IND_ID, &db->ind, code, out, err);
}

int store_goal_id(struct styr_db *db, const char *code, long long *out, struct styr_err *err)
{
	return lookup_key(db, Q_GOAL_ID, NULL, code, out, err);
}

void store_forget_keys(struct styr_db *db)
{
	memset(&db->org, 0, sizeof(db->org));
	memset(&db->ind, 0, sizeof(db->ind));
	db->rows.n = 0;
}

/* The web server's data version and read transactions: driver primitives
 * (sqlite.c, pg.c).  The web's tables are web.c's. */
int styr_db_data_version(struct styr_db *db, long long *out, struct styr_err *err)
{
	int rc;

	TIMED(db, rc = db->drv->db_data_version(db->st, out, err));
	return rc;
}

int styr_db_read_begin(struct styr_db *db, struct styr_err *err)
{
	int rc;

	store_forget_keys(db); /* as in styr_db_begin */
	TIMED(db, rc = one_at_a_time(db, db->drv->db_read_begin, err));
	db->reading = rc == STYR_OK;
	return rc;
}

void styr_db_read_end(struct styr_db *db)
{
	TIMED(db, db->drv->db_read_end(db->st));
	db->in_tx = false;
	db->reading = false;
}

int styr_db_last_change(struct styr_db *db, time_t *out, struct styr_err *err)
{
	struct query q;
	long long at = 0;
	int rc;

	if (q_start(&q, db, Q_LAST_CHANGE, "reading when the data last changed", err))
		return STYR_ESTORE;
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc) {
		at = q_col_int(&q, 0);
		q_end(&q);
	}
	/* The triggers write only seconds since 1970; anything else is
	 * damage, not a date to print. */
	if (at <= 0)
		return styr_error(err, STYR_ESTORE,
		                  "styr_last_change: expected one time in seconds since 1970");
	*out = (time_t)at;
	return STYR_OK;
}

int store_refs(struct styr_db *db, enum sql_id id, long long key, const char *code,
               const char *const *what, size_t n, struct styr_refs *out, struct styr_err *err)
{
	struct query q;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q_start(&q, db, id, "counting what refers to it", err))
		return STYR_ESTORE;
	q_int(&q, key);
	if (code)
		q_text(&q, code);
	while ((rc = q_step(&q, err)) == 1) {
		long long kind = q_col_int(&q, 0), count = q_col_int(&q, 1);

		if (count > 0 && kind >= 0 && (size_t)kind < n && out->n < STYR_REFS_MAX) {
			out->kind[out->n].what = what[kind];
			out->kind[out->n].count = count;
			out->n++;
		}
	}
	return -rc;
}

int store_delete_all(struct styr_db *db, const enum sql_id *del, const bool *by_code,
                     const char *const *what, size_t n, long long key, const char *code,
                     struct styr_refs *out, struct styr_err *err)
{
	size_t i, k;
	int rc;

	for (i = 0; i < n; i++) {
		struct query q;
		long long changed = 0;

		if (q_start(&q, db, del[i], "deleting what refers to it", err))
			return STYR_ESTORE;
		if (by_code && by_code[i])
			q_text(&q, code);
		else
			q_int(&q, key);
		if ((rc = q_exec(&q, &changed, err)))
			return rc;
		if (!out || !changed || !what[i])
			continue;
		for (k = 0; k < out->n && strcmp(out->kind[k].what, what[i]); k++)
			;
		if (k == out->n && out->n < STYR_REFS_MAX) {
			out->kind[k].what = what[i];
			out->kind[k].count = 0;
			out->n++;
		}
		if (k < out->n)
			out->kind[k].count += changed;
	}
	return STYR_OK;
}
