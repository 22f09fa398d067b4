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

/* ------------------------------------------------------------ history */

/*
 * An entry's entity names the thing written as its kind and its key
 * ("value ID0069 LKR 2024", "analysis LKR 2024 EKO", "action LKR P1",
 * "report LKR 2024"), and the action's first word is that kind
 * ("value.put", "value.delete").  Where the kind's key holds a unit the
 * entry belongs to that unit; the kinds of the table below are those whose
 * key's place of the unit is known.  Every other entry (logins, users,
 * tokens, refused requests, an import of a file, a kind added later and
 * not listed here) belongs to no unit, and only an admin sees it: a kind
 * that is not listed is hidden rather than shown to the wrong people.
 */
struct kind {
	const char *name;
	int keys;   /* the key's words; a history may give fewer */
	int unit;   /* the word that is the unit, -1: none */
	int period; /* the word that is a period, -1: none */
};

static const struct kind kinds[] = {
    {"value", 3, 1, 2},    /* IND UNIT PERIOD */
    {"target", 3, 1, 2},   /* IND UNIT YEAR */
    {"analysis", 3, 0, 1}, /* UNIT PERIOD SUBJECT */
    {"action", 2, 0, -1},  /* UNIT PLAN */
    {"report", 2, 0, 1},   /* UNIT PERIOD */
    {"ledger", 5, 0, -1},  /* UNIT TABLE YEAR-MM ROW KIND */
    {"profile", 3, 0, -1}, /* UNIT ROW YEAR */
    {"uppdrag", 3, 1, -1}, /* GOAL UNIT DATE */
    {"balance", 4, 0, -1}, /* UNIT YEAR-MM ACCOUNT KIND */
    {"control", 2, 0, -1}, /* UNIT YEAR RISK */
};

static const struct kind *kind_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].name) == len && !strncmp(kinds[i].name, name, len))
			return &kinds[i];
	return NULL;
}

bool styr_audit_unit(const struct styr_audit_entry *a, char *unit, size_t size)
{
	const char *p = a->entity, *dot = strchr(a->action, '.');
	size_t klen = strcspn(p, " ");
	const struct kind *k = kind_find(p, klen);
	int word;

	unit[0] = '\0';
	/* "value.put" on "value ...": a user named "value x LKR" is not */
	if (!k || !dot || (size_t)(dot - a->action) != klen || strncmp(a->action, p, klen))
		return false;
	p += klen;
	for (word = 0; *p == ' '; word++) {
		size_t n = strcspn(++p, " ");

		if (word == k->unit) {
			if (!n || n >= size)
				return false;
			memcpy(unit, p, n);
			unit[n] = '\0';
			return true;
		}
		p += n;
	}
	return false;
}

const char *styr_audit_source(const struct styr_audit_entry *a)
{
	/* GATE: the entry's source (file:line, form, API call) arrives with
	 * the gate's migration 0015 as a field of the entry; return it here
	 * then.  Until it does an entry has none. */
	(void)a;
	return "";
}

int styr_history_entity(struct styr_db *db, const char *kind, const char *const *keys, int n,
                        char *entity, size_t size, struct styr_err *err)
{
	const struct kind *k = kind_find(kind, strlen(kind));
	size_t used;
	int i, rc;

	if (!k)
		return styr_error(err, STYR_EINPUT,
		                  "kind \"%s\": expected value, target, analysis, action, report, "
		                  "ledger or budget",
		                  kind);
	if (n < 1 || n > k->keys)
		return styr_error(err, STYR_EINPUT, "%s: expected 1 to %d keys, got %d", kind,
		                  k->keys, n);
	used = (size_t)snprintf(entity, size, "%s", kind);
	for (i = 0; i < n; i++) {
		char word[STYR_ERR_MAX];

		if (!keys[i][0] || strchr(keys[i], ' '))
			return styr_error(err, STYR_EINPUT,
			                  "%s key %d \"%s\": expected a code without spaces", kind,
			                  i + 1, keys[i]);
		snprintf(word, sizeof(word), "%s", keys[i]);
		/* The forms the entries were written in: a unit's code (not an
		 * alias), a period as styr_period_format writes it. */
		if (i == k->unit) {
			struct styr_org_unit u;

			if ((rc = styr_org_find(db, keys[i], &u, err)))
				return rc;
			snprintf(word, sizeof(word), "%s", u.code);
		} else if (i == k->period) {
			struct styr_period p;

			if ((rc = styr_period_parse(keys[i], &p, err))) {
				styr_err_prefix(err, "%s period: ", kind);
				return rc;
			}
			styr_period_format(&p, word, sizeof(word));
		}
		used += (size_t)snprintf(entity + used, used < size ? size - used : 0, " %s", word);
	}
	if (used >= size)
		return styr_error(err, STYR_EINPUT, "%s: the key is too long", kind);
	return STYR_OK;
}

int styr_history_each(struct styr_db *db, const char *kind, const char *const *keys, int n,
                      int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                      struct styr_err *err)
{
	struct styr_audit_entry probe;
	int rc = styr_history_entity(db, kind, keys, n, probe.entity, sizeof(probe.entity), err);

	return rc ? rc : styr_audit_entity_each(db, probe.entity, cb, ctx, err);
}

/* ------------------------------------------------------------ scoped log */

#define SCOPE_CACHE 64
#define SCOPE_PAGE  500

struct scoped {
	struct styr_db *db;
	const struct styr_audit_scope *scope;
	bool all; /* an admin, or no user: every unit */
	int limit, shown;
	int64_t last_id;
	int seen;
	struct {
		char unit[STYR_CODE_MAX];
		bool visible;
	} cache[SCOPE_CACHE];
	int cached, next;
	bool stopped;
	int (*cb)(void *, const struct styr_audit_entry *);
	void *ctx;
	struct styr_err *err;
	int rc;
};

/* Whether unit is the filter's unit or below it. */
static bool under(struct styr_db *db, const char *unit, const char *top)
{
	struct styr_org_unit u;
	struct styr_err local;
	char code[STYR_CODE_MAX];
	int depth;

	styr_err_init(&local);
	if (styr_org_find(db, top, &u, &local))
		return false;
	snprintf(code, sizeof(code), "%s", u.code);
	top = code;
	if (styr_org_find(db, unit, &u, &local))
		return false;
	for (depth = 0; depth < 64; depth++) {
		if (!strcmp(u.code, top))
			return true;
		if (!u.parent[0] || styr_org_find(db, u.parent, &u, &local))
			return false;
	}
	return false;
}

static bool unit_visible(struct scoped *s, const char *unit)
{
	enum styr_access_role role = STYR_ACCESS_NONE;
	struct styr_err local;
	bool visible;
	int i;

	for (i = 0; i < s->cached; i++)
		if (!strcmp(s->cache[i].unit, unit))
			return s->cache[i].visible;
	styr_err_init(&local);
	visible =
	    s->all || (!styr_access_role_for(s->db, s->scope->user, unit, &role, NULL, &local) &&
	               role >= s->scope->min_role);
	if (visible && s->scope->unit && s->scope->unit[0])
		visible = under(s->db, unit, s->scope->unit);
	/* a small round-robin cache: a page names few units */
	i = s->cached < SCOPE_CACHE ? s->cached++ : s->next++ % SCOPE_CACHE;
	snprintf(s->cache[i].unit, sizeof(s->cache[i].unit), "%s", unit);
	s->cache[i].visible = visible;
	return visible;
}

static int scoped_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct scoped *s = ctx;
	const struct styr_audit_scope *sc = s->scope;
	char unit[STYR_CODE_MAX];
	bool has_unit = styr_audit_unit(a, unit, sizeof(unit));
	int rc;

	s->last_id = a->id;
	s->seen++;
	if (sc->action && sc->action[0] && strncmp(a->action, sc->action, strlen(sc->action)))
		return 0;
	if (has_unit ? !unit_visible(s, unit) : !s->all || (sc->unit && sc->unit[0]))
		return 0;
	if ((rc = s->cb(s->ctx, a))) {
		s->rc = rc;
		s->stopped = true;
		return -1;
	}
	if (s->limit > 0 && ++s->shown >= s->limit) {
		s->stopped = true;
		return -1;
	}
	return 0;
}

int styr_audit_scoped_each(struct styr_db *db, const struct styr_audit_scope *scope, int limit,
                           int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                           struct styr_err *err)
{
	struct scoped *s = calloc(1, sizeof(*s));
	enum styr_access_role anywhere = STYR_ACCESS_NONE, role;
	int rc = STYR_OK;

	if (!s)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	s->db = db;
	s->scope = scope;
	s->limit = limit;
	s->cb = cb;
	s->ctx = ctx;
	s->err = err;
	if (!scope->user)
		s->all = true;
	else if (!(rc = styr_access_role_for(db, scope->user, NULL, &role, &anywhere, err)))
		s->all = anywhere >= STYR_ACCESS_ADMIN;
	/* A page at a time, so that a scope that matches little does not
	 * hold the whole log in memory (PostgreSQL fetches a result whole). */
	while (!rc) {
		s->seen = 0;
		rc = styr_audit_page(db, s->last_id, SCOPE_PAGE, scoped_cb, s, err);
		if (s->stopped) {
			rc = s->rc;
			break;
		}
		if (rc || s->seen < SCOPE_PAGE)
			break;
	}
	free(s);
	return rc;
}

int styr_audit_refused(struct styr_db *db, const char *user, const char *what, const char *reason,
                       struct styr_err *err)
{
	int rc;

	if ((rc = styr_db_begin(db, err)))
		return rc;
	if (!(rc = styr_audit_append(db, user, "refused", what, "", reason, err)))
		return styr_db_commit(db, err);
	styr_db_rollback(db);
	return rc;
}
