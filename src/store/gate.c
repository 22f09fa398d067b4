/*
 * The write gate (issue 14 item 1): the one place every write of a
 * period-bound figure passes, whichever front-end or importer makes it.
 *
 * It lives in the store, inside the very operations that write such
 * records (styr_value_put, styr_target_put, styr_ledger_put,
 * styr_account_balance_put, styr_analysis_put, styr_action_put,
 * styr_uppdrag_report_put, styr_budget_profile_put, styr_gender_value_put
 * and the store's half of styr_internal_control_put): there is no other
 * way to write those tables, so a new importer cannot forget the gate.
 * Each operation describes its write (unit, period, entity, the stored
 * record before and the record after) and hands its own half to
 * gate_pass, which in one transaction:
 *
 *  - refuses when the handle has no actor (styr_db_actor: who writes and
 *    from where), so that no figure is written without a name;
 *  - refuses a year outside 1990 .. this year + 10;
 *  - refuses a write into an approved period, naming unit and period:
 *    a lock covers periods, not strings (an approved year locks its
 *    months, tertials and jan–X runs; an approved month locks the year
 *    around it), for the record's unit and every unit above it, and for
 *    the unit the record is stored under when that is another;
 *  - unless the actor gave an unlock reason (styr_db_unlock_reason, CLI
 *    --unlock-reason): then the write passes, audited as "unlock-write"
 *    with the reason in its source;
 *  - leaves a record alone whose after image equals its before image
 *    (re-importing a file changes nothing, not even the audit log);
 *  - stores it and appends the audit entry (who, action, entity, before,
 *    after, source) to the hash chain.
 *
 * The approvals and the chain's last hash are read once per transaction,
 * so an import of many rows pays one insert and one sha256 per row for
 * its audit entries.
 */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/driver.h"

static const char GENESIS[] = "0000000000000000000000000000000000000000000000000000000000000000";

int styr_db_actor(struct styr_db *db, const char *who, const char *source, struct styr_err *err)
{
	if (who && strlen(who) >= sizeof(db->gate.who))
		return styr_error(err, STYR_EINPUT, "user \"%.40s...\": expected at most %zu bytes",
		                  who, sizeof(db->gate.who) - 1);
	snprintf(db->gate.who, sizeof(db->gate.who), "%s", who ? who : "");
	if (source)
		styr_db_source(db, source);
	return STYR_OK;
}

void styr_db_source(struct styr_db *db, const char *source)
{
	snprintf(db->gate.source, sizeof(db->gate.source), "%s", source ? source : "");
}

const char *styr_db_who(const struct styr_db *db)
{
	return db->gate.who;
}

const char *styr_db_source_text(const struct styr_db *db)
{
	return db->gate.source;
}

int styr_db_unlock_reason(struct styr_db *db, const char *reason, struct styr_err *err)
{
	if (reason && !reason[0])
		return styr_error(err, STYR_EINPUT,
		                  "--unlock-reason: expected a text saying why the locked period "
		                  "is written");
	if (reason && strlen(reason) >= sizeof(db->gate.unlock_reason) - 32)
		return styr_error(err, STYR_EINPUT, "--unlock-reason: expected at most %zu bytes",
		                  sizeof(db->gate.unlock_reason) - 33);
	snprintf(db->gate.unlock_reason, sizeof(db->gate.unlock_reason), "%s",
	         reason ? reason : "");
	return STYR_OK;
}

void gate_forget(struct styr_db *db)
{
	db->gate.chained = false;
	db->gate.locks_read = false;
	db->gate.nlocks = 0;
}

/* --- the audit chain --- */

static void hash_field(crypto_hash_sha256_state *st, const char *f)
{
	char len[32];
	int n = snprintf(len, sizeof(len), "%zu:", strlen(f));

	crypto_hash_sha256_update(st, (const unsigned char *)len, (unsigned long long)n);
	crypto_hash_sha256_update(st, (const unsigned char *)f, strlen(f));
	crypto_hash_sha256_update(st, (const unsigned char *)"\n", 1);
}

/* The hashed text: fields separated by newlines, each with its length
 * first so that moving text between fields changes the hash; the source
 * only when there is one, so that entries older than it still verify. */
void styr_audit_hash(const struct styr_audit_entry *a, char out[STYR_HASH_MAX])
{
	const char *f[] = {a->prev_hash, a->time,   a->user, a->action,
	                   a->entity,    a->before, a->after};
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	size_t i;

	crypto_hash_sha256_init(&st);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		hash_field(&st, f[i]);
	if (a->source[0])
		hash_field(&st, a->source);
	crypto_hash_sha256_final(&st, h);
	for (i = 0; i < sizeof(h); i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
}

int styr_audit_add(struct styr_db *db, struct styr_audit_entry *a, struct styr_err *err)
{
	struct styr_audit_entry last;
	struct styr_err local;
	struct timespec ts;
	struct tm tm;
	int rc;

	if (db->in_tx && db->gate.chained) {
		snprintf(a->prev_hash, sizeof(a->prev_hash), "%s", db->gate.chain);
	} else {
		styr_err_init(&local);
		rc = styr_audit_last(db, &last, &local);
		if (rc == STYR_ENOTFOUND)
			snprintf(a->prev_hash, sizeof(a->prev_hash), "%s", GENESIS);
		else if (rc)
			return styr_error(err, local.code, "%s", local.msg);
		else
			snprintf(a->prev_hash, sizeof(a->prev_hash), "%s", last.hash);
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(a->time, sizeof(a->time), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!a->user[0])
		snprintf(a->user, sizeof(a->user), "%s", "(system)");
	styr_audit_hash(a, a->hash);
	if ((rc = styr_audit_put(db, a, err)))
		return rc;
	if (db->in_tx) {
		snprintf(db->gate.chain, sizeof(db->gate.chain), "%s", a->hash);
		db->gate.chained = true;
	}
	return STYR_OK;
}

/* --- locks --- */

static int lock_from_row(struct styr_db *db, struct query *q, struct styr_err *err)
{
	struct gate_lock *l;

	if (db->gate.nlocks == db->gate.cap) {
		size_t cap = db->gate.cap ? 2 * db->gate.cap : 16;
		struct gate_lock *more = realloc(db->gate.locks, cap * sizeof(*more));

		if (!more)
			return styr_error(err, STYR_ENOMEM, "out of memory reading the approvals");
		db->gate.locks = more;
		db->gate.cap = cap;
	}
	l = &db->gate.locks[db->gate.nlocks++];
	q_col_copy(q, 0, l->unit, sizeof(l->unit));
	l->period.year = (int)q_col_int(q, 1);
	l->period.first_month = (int)q_col_int(q, 2);
	l->period.last_month = (int)q_col_int(q, 3);
	q_col_copy(q, 4, l->by, sizeof(l->by));
	return STYR_OK;
}

static int locks_read(struct styr_db *db, struct styr_err *err)
{
	struct query q;
	int rc;

	char years[32];
	time_t now = time(NULL);
	struct tm tm;

	if (db->gate.locks_read && db->in_tx)
		return STYR_OK;
	db->gate.nlocks = 0;
	/* the window of plausible years: the setting "years" (FIRST-LAST,
	 * `styr config years`), else STYR_GATE_FIRST_YEAR .. this year +
	 * STYR_GATE_YEARS_AHEAD */
	gmtime_r(&now, &tm);
	db->gate.first_year = STYR_GATE_FIRST_YEAR;
	db->gate.last_year = tm.tm_year + 1900 + STYR_GATE_YEARS_AHEAD;
	if ((rc = styr_setting_get(db, "years", years, sizeof(years), err)))
		return rc;
	if (years[0] && sscanf(years, "%d-%d", &db->gate.first_year, &db->gate.last_year) != 2)
		return styr_error(err, STYR_EINPUT,
		                  "setting years \"%s\": expected FIRST-LAST such as 1990-2036",
		                  years);
	if (q_start(&q, db, Q_REPORT_STATE_APPROVED, "reading the approved reports", err))
		return STYR_ESTORE;
	q_int(&q, STYR_REPORT_APPROVED);
	while ((rc = q_step(&q, err)) == 1)
		if ((rc = lock_from_row(db, &q, err))) {
			q_end(&q);
			return rc;
		}
	if (rc < 0)
		return -rc;
	db->gate.locks_read = true;
	return STYR_OK;
}

static bool overlap(const struct styr_period *a, const struct styr_period *b)
{
	return a->year == b->year && a->first_month <= b->last_month &&
	       b->first_month <= a->last_month;
}

/* The approval that locks p for unit (its own or one above it), or NULL. */
static int lock_find(struct styr_db *db, const char *unit, const struct styr_period *p,
                     const struct gate_lock **out, struct styr_err *err)
{
	struct styr_org_unit u;
	size_t i;
	int depth, rc;

	*out = NULL;
	if ((rc = locks_read(db, err)))
		return rc;
	for (i = 0; i < db->gate.nlocks && !overlap(&db->gate.locks[i].period, p); i++)
		;
	if (i == db->gate.nlocks)
		return STYR_OK; /* nothing approved in or around p anywhere */
	if ((rc = styr_org_find(db, unit, &u, err)))
		return rc;
	for (depth = 0; depth < 64; depth++) {
		for (i = 0; i < db->gate.nlocks; i++) {
			const struct gate_lock *l = &db->gate.locks[i];

			if (!strcmp(l->unit, u.code) && overlap(&l->period, p)) {
				*out = l;
				return STYR_OK;
			}
		}
		if (!u.parent[0])
			break;
		if ((rc = styr_org_find(db, u.parent, &u, err)))
			return rc;
	}
	return STYR_OK;
}

int styr_period_locked(struct styr_db *db, const char *unit, const struct styr_period *p,
                       bool *locked, struct styr_report_state *by, struct styr_err *err)
{
	const struct gate_lock *l;
	int rc = lock_find(db, unit, p, &l, err);

	*locked = l != NULL;
	if (rc || !l)
		return rc;
	return styr_report_state_find(db, l->unit, &l->period, by, err);
}

static int refuse_locked(const struct gate_write *w, const struct gate_lock *l,
                         struct styr_err *err)
{
	char label[64], lock_label[64];

	styr_period_label(&w->period, label, sizeof(label));
	styr_period_label(&l->period, lock_label, sizeof(lock_label));
	return styr_error(err, STYR_ELOCKED,
	                  "%s: period %s is locked: the report of %s for %s was approved by %s; "
	                  "an admin can unlock it, or write with --unlock-reason",
	                  w->entity, label, l->unit, lock_label, l->by);
}

/* --- the gate --- */

static int gate_check(struct styr_db *db, struct gate_write *w, bool *unlocked, bool *same,
                      struct styr_err *err)
{
	const struct gate_lock *l;
	const char *units[2] = {w->unit, w->old_unit};
	int i, rc;

	*unlocked = false;
	if (!db->gate.who[0])
		return styr_error(err, STYR_EPERM,
		                  "%s: no one to audit the write as: the caller names who writes "
		                  "and from where first (styr_db_actor)",
		                  w->entity);
	if ((rc = locks_read(db, err)))
		return rc;
	if (w->period.year &&
	    (w->period.year < db->gate.first_year || w->period.year > db->gate.last_year))
		return styr_error(err, STYR_EINPUT,
		                  "%s: year %d: expected a year from %d to %d (styr config years "
		                  "FIRST-LAST widens it)",
		                  w->entity, w->period.year, db->gate.first_year,
		                  db->gate.last_year);
	/* unchanged: neither stored nor audited, locked or not */
	*same = w->before[0] && !strcmp(w->before, w->after);
	if (!w->period.year || *same)
		return STYR_OK;
	for (i = 0; i < 2; i++) {
		if (!units[i] || !units[i][0] || (i && !strcmp(units[0], units[1])))
			continue;
		if ((rc = lock_find(db, units[i], &w->period, &l, err)))
			return rc;
		/* a rehearsal (a dry run) keeps nothing: it goes on, to list
		 * every locked period the import would hit */
		if (l && !db->gate.unlock_reason[0] && !db->rehearse)
			return refuse_locked(w, l, err);
		*unlocked |= l != NULL;
	}
	return STYR_OK;
}

int gate_pass(struct styr_db *db, struct gate_write *w,
              int (*store)(struct styr_db *db, const void *row, struct styr_err *err),
              const void *row, struct styr_err *err)
{
	static const struct styr_audit_entry zero;
	struct styr_audit_entry *a;
	bool own = !db->in_tx, unlocked, same = false;
	int rc;

	if (own && (rc = styr_db_begin(db, err)))
		return rc;
	rc = gate_check(db, w, &unlocked, &same, err);
	if (!rc && same)
		goto done;
	if (!rc)
		rc = store(db, row, err);
	if (!rc && !(a = malloc(sizeof(*a))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory writing the audit log");
	if (!rc) {
		*a = zero;
		snprintf(a->user, sizeof(a->user), "%s", db->gate.who);
		snprintf(a->action, sizeof(a->action), "%s", unlocked ? "unlock-write" : w->action);
		snprintf(a->entity, sizeof(a->entity), "%s", w->entity);
		snprintf(a->before, sizeof(a->before), "%s", w->before);
		snprintf(a->after, sizeof(a->after), "%s", w->after);
		if (unlocked)
			snprintf(a->source, sizeof(a->source), "%.200s; unlock-reason: %.280s",
			         db->gate.source, db->gate.unlock_reason);
		else
			snprintf(a->source, sizeof(a->source), "%s", db->gate.source);
		rc = styr_audit_add(db, a, err);
		free(a);
	}
done:
	if (own) {
		if (rc)
			styr_db_rollback(db);
		else
			rc = styr_db_commit(db, err);
	}
	return rc;
}

int styr_gate_remove(struct styr_db *db, const char *action, const char *unit,
                     const struct styr_period *p, const char *entity, const char *before,
                     int (*del)(struct styr_db *db, const void *key, struct styr_err *err),
                     const void *key, struct styr_err *err)
{
	struct gate_write *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory deleting");
	w->action = action;
	w->unit = unit;
	if (p)
		w->period = *p;
	snprintf(w->entity, sizeof(w->entity), "%s", entity);
	snprintf(w->before, sizeof(w->before), "%s", before);
	rc = gate_pass(db, w, del, key, err);
	free(w);
	return rc;
}

/* --- settings --- */

int styr_setting_get(struct styr_db *db, const char *name, char *out, size_t size,
                     struct styr_err *err)
{
	struct query q;
	int rc;

	out[0] = '\0';
	if (q_start(&q, db, Q_SETTING_GET, "reading a setting", err))
		return STYR_ESTORE;
	q_text(&q, name);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (rc) {
		q_col_copy(&q, 0, out, size);
		q_end(&q);
	}
	return STYR_OK;
}

int styr_setting_put(struct styr_db *db, const char *name, const char *value, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_SETTING_PUT, "storing a setting", err))
		return STYR_ESTORE;
	q_text(&q, name);
	q_text(&q, value);
	return q_exec(&q, NULL, err);
}

int styr_audit_users(struct styr_db *db, const char *entity_like,
                     int (*cb)(void *ctx, const char *user), void *ctx, struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_AUDIT_USERS_LIKE, "reading the audit log", err))
		return STYR_ESTORE;
	q_text(&q, entity_like);
	while ((rc = q_step(&q, err)) == 1)
		if ((rc = cb(ctx, q_col_text(&q, 0)))) {
			q_end(&q);
			return rc;
		}
	return rc < 0 ? -rc : STYR_OK;
}
