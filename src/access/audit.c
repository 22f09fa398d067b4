/*
 * The audit log: every write appends an entry (who, what, which thing,
 * before and after) inside the write's own transaction.  Entries are
 * hash-chained: each stores the sha256 of the previous entry's hash and
 * its own fields, so changing or deleting an old entry breaks every link
 * after it, and styr_audit_verify finds the first break.  The store's
 * triggers refuse UPDATE and DELETE; the chain catches whoever removes
 * them.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "styr/access.h"
#include "styr/buf.h"

static const char GENESIS[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* The hashed text: fields separated by newlines, with the length of each
 * field first so that moving text between fields changes the hash. */
static int entry_hash(const struct styr_audit_entry *a, char out[STYR_HASH_MAX],
                      struct styr_err *err)
{
	const char *f[] = {a->prev_hash, a->time,   a->user, a->action,
	                   a->entity,    a->before, a->after};
	struct styr_buf b;
	size_t i;
	int rc = STYR_OK;

	styr_buf_init(&b, 16 * 1024);
	for (i = 0; i < sizeof(f) / sizeof(f[0]) && !rc; i++)
		rc = styr_buf_printf(&b, err, "%zu:%s\n", strlen(f[i]), f[i]);
	if (!rc)
		styr_sha256_hex(b.data, b.len, out);
	styr_buf_release(&b);
	return rc;
}

int styr_audit_append(struct styr_db *db, const char *user, const char *action, const char *entity,
                      const char *before, const char *after, struct styr_err *err)
{
	static const struct styr_audit_entry zero;
	struct styr_audit_entry a = zero, last;
	struct styr_err local;
	struct timespec ts;
	struct tm tm;
	int rc;

	styr_err_init(&local);
	rc = styr_audit_last(db, &last, &local);
	if (rc == STYR_ENOTFOUND)
		snprintf(a.prev_hash, sizeof(a.prev_hash), "%s", GENESIS);
	else if (rc)
		return styr_error(err, local.code, "%s", local.msg);
	else
		snprintf(a.prev_hash, sizeof(a.prev_hash), "%s", last.hash);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(a.time, sizeof(a.time), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(a.user, sizeof(a.user), "%s", user && *user ? user : "(system)");
	snprintf(a.action, sizeof(a.action), "%s", action);
	snprintf(a.entity, sizeof(a.entity), "%s", entity);
	snprintf(a.before, sizeof(a.before), "%s", before);
	snprintf(a.after, sizeof(a.after), "%s", after);
	if ((rc = entry_hash(&a, a.hash, err)))
		return rc;
	return styr_audit_put(db, &a, err);
}

struct verify {
	char prev[STYR_HASH_MAX];
	int64_t broken, count;
	struct styr_err *err;
};

static int verify_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct verify *v = ctx;
	char h[STYR_HASH_MAX];
	int rc = entry_hash(a, h, v->err);

	if (rc)
		return rc;
	v->count++;
	if (strcmp(a->prev_hash, v->prev) || strcmp(h, a->hash)) {
		v->broken = a->id;
		return -1;
	}
	snprintf(v->prev, sizeof(v->prev), "%s", a->hash);
	return 0;
}

int styr_audit_verify(struct styr_db *db, int64_t *broken, int64_t *count, struct styr_err *err)
{
	struct verify v;
	int rc;

	memset(&v, 0, sizeof(v));
	snprintf(v.prev, sizeof(v.prev), "%s", GENESIS);
	v.err = err;
	rc = styr_audit_each(db, 0, 0, verify_cb, &v, err);
	*broken = v.broken;
	*count = v.count;
	return rc == -1 ? STYR_OK : rc;
}
