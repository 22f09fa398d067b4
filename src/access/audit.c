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
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "styr/access.h"
#include "styr/buf.h"

static const char GENESIS[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* The chain itself is the store's (gate.c: styr_audit_add, which every
 * gated write uses too); the entry's source is where the handle's actor
 * says the write came from. */
int styr_audit_append(struct styr_db *db, const char *user, const char *action, const char *entity,
                      const char *before, const char *after, struct styr_err *err)
{
	struct styr_audit_entry *a = calloc(1, sizeof(*a));
	int rc;

	if (!a)
		return styr_error(err, STYR_ENOMEM, "out of memory writing the audit log");
	snprintf(a->user, sizeof(a->user), "%s", user && *user ? user : "(system)");
	snprintf(a->action, sizeof(a->action), "%s", action);
	snprintf(a->entity, sizeof(a->entity), "%s", entity);
	snprintf(a->before, sizeof(a->before), "%s", before);
	snprintf(a->after, sizeof(a->after), "%s", after);
	snprintf(a->source, sizeof(a->source), "%s", styr_db_source_text(db));
	rc = styr_audit_add(db, a, err);
	free(a);
	return rc;
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

	styr_audit_hash(a, h);
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
