/*
 * Users, grants and logins.  A password is kept only as its argon2id
 * encoding (the salt and cost travel inside it, so the cost can be raised
 * later without a migration); a session or API token is 32 random bytes
 * from libsodium, handed to the client as hex, and stored only as its
 * sha256, so a copy of the database does not let anyone log in.
 *
 * A grant gives a role on an org unit and everything below it; the role a
 * user has on a unit is the highest grant found walking from the unit up
 * to the top.
 *
 * A password check from a client passes the login throttle first (see
 * styr/access.h): counters in the database, per client address, per name
 * at an address, and for every address together, read and then counted
 * before the expensive hash, so that a flood is refused at the price of a
 * read.  The lock-out is per name and address: a stranger elsewhere can
 * make a user's name useless from the stranger's own address only.
 */
#include <argon2.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "styr/access.h"

/* Interactive-login cost: about 20–40 ms on one core. */
#define ARGON2_T_COST 2
#define ARGON2_M_COST (19 * 1024)
#define ARGON2_LANES  1

static const char *const role_names[] = {"none", "reader", "unit-manager", "controller", "admin"};
static const char *const role_labels[] = {"ingen", "läsare", "enhetschef", "controller",
                                          "administratör"};

const char *styr_access_role_name(enum styr_access_role r)
{
	return (unsigned)r <= STYR_ACCESS_ADMIN ? role_names[r] : "?";
}

const char *styr_access_role_label(enum styr_access_role r)
{
	return (unsigned)r <= STYR_ACCESS_ADMIN ? role_labels[r] : "?";
}

int styr_access_role_parse(const char *text, enum styr_access_role *out, struct styr_err *err)
{
	int i;

	for (i = STYR_ACCESS_READER; i <= STYR_ACCESS_ADMIN; i++) {
		if (!strcasecmp(text, role_names[i])) {
			*out = (enum styr_access_role)i;
			return STYR_OK;
		}
	}
	if (!strcasecmp(text, "enhetschef") || !strcasecmp(text, "verksamhetschef")) {
		*out = STYR_ACCESS_UNIT_MANAGER;
		return STYR_OK;
	}
	return styr_error(err, STYR_EINPUT,
	                  "role \"%s\": expected reader, unit-manager, controller or admin", text);
}

static const char *const state_names[] = {"draft", "submitted", "approved", "returned"};
static const char *const state_labels[] = {"utkast", "inskickad", "godkänd", "återsänd"};

const char *styr_report_state_name(enum styr_report_state_kind s)
{
	return (unsigned)s <= STYR_REPORT_RETURNED ? state_names[s] : "?";
}

const char *styr_report_state_label(enum styr_report_state_kind s)
{
	return (unsigned)s <= STYR_REPORT_RETURNED ? state_labels[s] : "?";
}

void styr_sha256_hex(const char *text, size_t len, char out[STYR_HASH_MAX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)text, len);
	sodium_bin2hex(out, STYR_HASH_MAX, h, sizeof(h));
}

int styr_token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb || la == 0)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

static void new_token(char token[STYR_TOKEN_MAX]);

void styr_token_new(char token[STYR_TOKEN_MAX])
{
	if (sodium_init() < 0)
		abort(); /* no randomness: nothing safe to hand out */
	new_token(token);
}

static void new_token(char token[STYR_TOKEN_MAX])
{
	unsigned char r[32];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(token, STYR_TOKEN_MAX, r, sizeof(r));
}

static int sodium_ready(struct styr_err *err)
{
	if (sodium_init() < 0)
		return styr_error(err, STYR_EIO, "libsodium could not be initialised");
	return STYR_OK;
}

/* An argon2id encoding of password with a fresh salt, refusing one that
 * is too short. */
static int hash_password(const char *password, char *out, size_t size, struct styr_err *err)
{
	unsigned char salt[16];
	int rc;

	if ((rc = sodium_ready(err)))
		return rc;
	if (strlen(password) < 8)
		return styr_error(err, STYR_EINPUT, "password: expected at least 8 characters");
	randombytes_buf(salt, sizeof(salt));
	if (argon2id_hash_encoded(ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES, password,
	                          strlen(password), salt, sizeof(salt), 32, out, size) != ARGON2_OK)
		return styr_error(err, STYR_EIO, "hashing the password failed");
	return STYR_OK;
}

/* Run step in one transaction with an audit entry; step fills after. */
static int user_change(struct styr_db *db, const char *by, const char *action, const char *name,
                       const char *before, char *after, size_t after_size,
                       int (*step)(struct styr_db *, const void *, char *, size_t,
                                   struct styr_err *),
                       const void *arg, struct styr_err *err)
{
	int rc;

	if ((rc = styr_db_begin(db, err)))
		return rc;
	if (!(rc = step(db, arg, after, after_size, err)))
		rc = styr_audit_append(db, by, action, name, before, after, err);
	if (!rc)
		return styr_db_commit(db, err);
	styr_db_rollback(db);
	return rc;
}

struct user_arg {
	struct styr_user user;
	struct styr_grant grant;
};

static int add_step(struct styr_db *db, const void *arg, char *after, size_t size,
                    struct styr_err *err)
{
	const struct user_arg *a = arg;
	struct styr_user old;
	struct styr_err local;
	int rc;

	styr_err_init(&local);
	if (!styr_user_find(db, a->user.name, &old, &local))
		return styr_error(
		    err, STYR_ECONFLICT,
		    "user \"%s\" exists already: change the role with styr user grant, "
		    "the password with styr user passwd",
		    a->user.name);
	if ((rc = styr_user_put(db, &a->user, err)) || (rc = styr_grant_put(db, &a->grant, err)))
		return rc;
	snprintf(after, size, "role=%s unit=%s", styr_access_role_name(a->grant.role),
	         a->grant.unit[0] ? a->grant.unit : "*");
	return STYR_OK;
}

int styr_user_add(struct styr_db *db, const char *by, const char *name, const char *password,
                  enum styr_access_role role, const char *unit, struct styr_err *err)
{
	struct user_arg a;
	char after[256];
	int rc;

	if (!name[0] || strlen(name) >= STYR_USER_MAX)
		return styr_error(err, STYR_EINPUT, "user name: expected 1 to %d bytes",
		                  STYR_USER_MAX - 1);
	if (role < STYR_ACCESS_READER || role > STYR_ACCESS_ADMIN)
		return styr_error(err, STYR_EINPUT, "role: expected reader to admin");
	memset(&a, 0, sizeof(a));
	snprintf(a.user.name, sizeof(a.user.name), "%s", name);
	if ((rc = hash_password(password, a.user.password, sizeof(a.user.password), err)))
		return rc;
	snprintf(a.grant.user, sizeof(a.grant.user), "%s", name);
	if (unit && unit[0] &&
	    (rc = styr_field_copy(a.grant.unit, sizeof(a.grant.unit), unit, "unit", err)))
		return rc;
	a.grant.role = role;
	return user_change(db, by, "user.add", name, "", after, sizeof(after), add_step, &a, err);
}

static int passwd_step(struct styr_db *db, const void *arg, char *after, size_t size,
                       struct styr_err *err)
{
	const struct user_arg *a = arg;
	struct styr_user old;
	int rc;

	if ((rc = styr_user_find(db, a->user.name, &old, err)) ||
	    (rc = styr_user_put(db, &a->user, err)) ||
	    (rc = styr_user_logout(db, a->user.name, err)))
		return rc;
	snprintf(after, size, "password changed; sessions and tokens ended");
	return STYR_OK;
}

int styr_user_passwd(struct styr_db *db, const char *by, const char *name, const char *password,
                     struct styr_err *err)
{
	struct user_arg a;
	char after[128];
	int rc;

	memset(&a, 0, sizeof(a));
	snprintf(a.user.name, sizeof(a.user.name), "%s", name);
	if ((rc = hash_password(password, a.user.password, sizeof(a.user.password), err)))
		return rc;
	return user_change(db, by, "user.passwd", name, "", after, sizeof(after), passwd_step, &a,
	                   err);
}

static int grant_step(struct styr_db *db, const void *arg, char *after, size_t size,
                      struct styr_err *err)
{
	const struct user_arg *a = arg;
	int rc = styr_grant_put(db, &a->grant, err);

	if (!rc)
		snprintf(after, size, "role=%s unit=%s", styr_access_role_name(a->grant.role),
		         a->grant.unit[0] ? a->grant.unit : "*");
	return rc;
}

int styr_user_grant(struct styr_db *db, const char *by, const char *name,
                    enum styr_access_role role, const char *unit, struct styr_err *err)
{
	struct user_arg a;
	char after[256];
	int rc;

	if (role < STYR_ACCESS_READER || role > STYR_ACCESS_ADMIN)
		return styr_error(err, STYR_EINPUT, "role: expected reader to admin");
	memset(&a, 0, sizeof(a));
	snprintf(a.grant.user, sizeof(a.grant.user), "%s", name);
	if (unit && unit[0] &&
	    (rc = styr_field_copy(a.grant.unit, sizeof(a.grant.unit), unit, "unit", err)))
		return rc;
	a.grant.role = role;
	return user_change(db, by, "user.grant", name, "", after, sizeof(after), grant_step, &a,
	                   err);
}

/* A removed grant ends the user's sessions and tokens at once: a session
 * must not keep a role its user no longer has. */
static int revoke_step(struct styr_db *db, const void *arg, char *after, size_t size,
                       struct styr_err *err)
{
	const struct user_arg *a = arg;
	int rc;

	if ((rc = styr_grant_delete(db, a->grant.user, a->grant.unit, err)) ||
	    (rc = styr_user_logout(db, a->grant.user, err)))
		return rc;
	snprintf(after, size, "grant on %s removed; sessions and tokens ended",
	         a->grant.unit[0] ? a->grant.unit : "*");
	return STYR_OK;
}

int styr_user_revoke(struct styr_db *db, const char *by, const char *name, const char *unit,
                     struct styr_err *err)
{
	struct user_arg a;
	char after[256];
	int rc;

	memset(&a, 0, sizeof(a));
	snprintf(a.grant.user, sizeof(a.grant.user), "%s", name);
	if (unit && unit[0] &&
	    (rc = styr_field_copy(a.grant.unit, sizeof(a.grant.unit), unit, "unit", err)))
		return rc;
	return user_change(db, by, "user.revoke", name, "", after, sizeof(after), revoke_step, &a,
	                   err);
}

static int remove_step(struct styr_db *db, const void *arg, char *after, size_t size,
                       struct styr_err *err)
{
	const struct user_arg *a = arg;
	struct styr_user old;
	int rc;

	if ((rc = styr_user_find(db, a->user.name, &old, err)) ||
	    (rc = styr_user_logout(db, a->user.name, err)) ||
	    (rc = styr_grant_delete(db, a->user.name, NULL, err)) ||
	    (rc = styr_user_delete(db, a->user.name, err)))
		return rc;
	snprintf(after, size, "removed");
	return STYR_OK;
}

int styr_user_remove(struct styr_db *db, const char *by, const char *name, struct styr_err *err)
{
	struct user_arg a;
	char after[32];

	memset(&a, 0, sizeof(a));
	snprintf(a.user.name, sizeof(a.user.name), "%s", name);
	return user_change(db, by, "user.remove", name, "", after, sizeof(after), remove_step, &a,
	                   err);
}

struct role_walk {
	const char *unit; /* NULL: any */
	const char *chain[64];
	size_t n;
	enum styr_access_role best, anywhere;
};

static int role_cb(void *ctx, const struct styr_grant *g)
{
	struct role_walk *w = ctx;
	size_t i;
	int applies = !w->unit || !g->unit[0];

	for (i = 0; !applies && i < w->n; i++)
		applies = !strcmp(w->chain[i], g->unit);
	if (applies && g->role > w->best)
		w->best = g->role;
	if (g->role > w->anywhere)
		w->anywhere = g->role;
	return 0;
}

int styr_access_role_for(struct styr_db *db, const char *user, const char *unit,
                         enum styr_access_role *out, enum styr_access_role *anywhere,
                         struct styr_err *err)
{
	struct styr_org_unit chain[64];
	struct role_walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	*out = STYR_ACCESS_NONE;
	w.unit = unit;
	if (unit) {
		/* The unit and its ancestors, by canonical code (aliases resolve). */
		rc = styr_org_find(db, unit, &chain[0], err);
		if (rc)
			return rc;
		w.chain[w.n++] = chain[0].code;
		while (chain[w.n - 1].parent[0] && w.n < 64) {
			rc = styr_org_find(db, chain[w.n - 1].parent, &chain[w.n], err);
			if (rc)
				return rc;
			w.chain[w.n] = chain[w.n].code;
			w.n++;
		}
	}
	rc = styr_grant_each(db, user, role_cb, &w, err);
	if (!rc)
		*out = w.best;
	if (!rc && anywhere)
		*anywhere = w.anywhere;
	return rc;
}

static int new_session(struct styr_db *db, const char *name, int64_t now, int64_t ttl,
                       struct styr_session *out, char *token, struct styr_err *err)
{
	memset(out, 0, sizeof(*out));
	new_token(token);
	styr_sha256_hex(token, strlen(token), out->token_hash);
	new_token(out->csrf);
	snprintf(out->user, sizeof(out->user), "%s", name);
	out->expires = now + ttl;
	return styr_session_put(db, out, err);
}

/* The throttle's three counters for one check (see styr/access.h). */
struct gate {
	struct styr_login_limits lim;
	char address[STYR_ADDRESS_MAX];
	char name[STYR_USER_MAX];
	int64_t now, address_since, name_since;
	int name_n; /* failures of the name at the address, this one included */
};

static void gate_init(struct gate *g, const struct styr_login_attempt *a)
{
	const struct styr_login_limits *l = a->limits;

	memset(g, 0, sizeof(*g));
	g->lim.address_failures =
	    l && l->address_failures > 0 ? l->address_failures : STYR_LOGIN_ADDRESS_FAILURES;
	g->lim.address_window =
	    l && l->address_window > 0 ? l->address_window : STYR_LOGIN_ADDRESS_WINDOW;
	g->lim.checks_per_second =
	    l && l->checks_per_second > 0 ? l->checks_per_second : STYR_LOGIN_CHECKS_PER_SECOND;
	/* "" is the every-address counter's key: an unknown address is "-" */
	snprintf(g->address, sizeof(g->address), "%s",
	         a->address && a->address[0] ? a->address : "-");
	/* A longer name than a user can have is no user's: its first bytes
	 * are key enough. */
	snprintf(g->name, sizeof(g->name), "%s", a->name);
	g->now = a->now;
}

/* Take back a count made before a later counter refused (a failure here
 * only leaves the count a little high until its window ends). */
static void give_back(struct styr_db *db, const char *address, const char *name, int64_t since)
{
	struct styr_err ignored;

	styr_err_init(&ignored);
	styr_throttle_refund(db, address, name, since, &ignored);
}

static int refuse(enum styr_throttle_reason why, int64_t retry,
                  enum styr_throttle_reason *throttled, int64_t *retry_after, struct styr_err *err)
{
	*throttled = why;
	*retry_after = retry > 0 ? retry : 1;
	return styr_error(err, STYR_EPERM, "too many login attempts; try again in %lld seconds",
	                  (long long)*retry_after);
}

/* Before the hash: refuse when a counter is full (a read, so that a flood
 * costs no writes), else count this check in all three; a count that
 * went over (another request or server counted meanwhile) refuses too and
 * gives back what was counted before it. */
static int gate_enter(struct styr_db *db, struct gate *g, enum styr_throttle_reason *throttled,
                      int64_t *retry_after, struct styr_err *err)
{
	const int64_t aw = g->lim.address_window, lw = STYR_LOGIN_LOCK_SECONDS;
	int64_t since, gsince;
	int n, gn, rc;

	if ((rc = styr_throttle_get(db, g->address, "", &since, &n, err)))
		return rc;
	if (n >= g->lim.address_failures && since + aw > g->now)
		return refuse(STYR_THROTTLE_ADDRESS, since + aw - g->now, throttled, retry_after,
		              err);
	if ((rc = styr_throttle_get(db, g->address, g->name, &since, &n, err)))
		return rc;
	if (n >= STYR_LOGIN_MAX_FAILURES && since + lw > g->now)
		return refuse(STYR_THROTTLE_NAME, since + lw - g->now, throttled, retry_after, err);
	if ((rc = styr_throttle_get(db, "", "", &since, &n, err)))
		return rc;
	if (n >= g->lim.checks_per_second && since + 1 > g->now)
		return refuse(STYR_THROTTLE_GLOBAL, 1, throttled, retry_after, err);

	/* Every address's counter first: under a flood from many addresses
	 * it is the one that is full, and then a refusal costs one write. */
	if ((rc = styr_throttle_charge(db, "", "", g->now, 1, &gsince, &gn, err)))
		return rc;
	if (gn > g->lim.checks_per_second)
		return refuse(STYR_THROTTLE_GLOBAL, 1, throttled, retry_after, err);
	if ((rc = styr_throttle_charge(db, g->address, "", g->now, aw, &g->address_since, &n, err)))
		return rc;
	if (n > g->lim.address_failures) {
		give_back(db, "", "", gsince);
		return refuse(STYR_THROTTLE_ADDRESS, g->address_since + aw - g->now, throttled,
		              retry_after, err);
	}
	if ((rc = styr_throttle_charge(db, g->address, g->name, g->now, lw, &g->name_since,
	                               &g->name_n, err)))
		return rc;
	if (g->name_n > STYR_LOGIN_MAX_FAILURES) {
		give_back(db, "", "", gsince);
		give_back(db, g->address, "", g->address_since);
		return refuse(STYR_THROTTLE_NAME, g->name_since + lw - g->now, throttled,
		              retry_after, err);
	}
	/* The first check of a second sweeps out the counters whose windows
	 * have passed (any server's), so that the table holds only live ones. */
	if (gn == 1)
		return styr_throttle_purge(db, g->now - (aw > lw ? aw : lw), err);
	return STYR_OK;
}

int styr_login_throttled(struct styr_db *db, const struct styr_login_attempt *a,
                         enum styr_throttle_reason *throttled, int64_t *retry_after,
                         struct styr_err *err)
{
	struct gate g;
	int64_t since;
	int n, rc;

	*throttled = STYR_THROTTLE_NONE;
	*retry_after = 0;
	gate_init(&g, a);
	if ((rc = styr_throttle_get(db, g.address, "", &since, &n, err)))
		return rc;
	if (n >= g.lim.address_failures && since + g.lim.address_window > g.now) {
		*throttled = STYR_THROTTLE_ADDRESS;
		*retry_after = since + g.lim.address_window - g.now;
		return STYR_OK;
	}
	if ((rc = styr_throttle_get(db, "", "", &since, &n, err)))
		return rc;
	if (n >= g.lim.checks_per_second && since + 1 > g.now) {
		*throttled = STYR_THROTTLE_GLOBAL;
		*retry_after = 1;
	}
	return STYR_OK;
}

/* After the hash: a success gives its address count back and ends the
 * name's failures there; a failure stays counted. */
static int gate_leave(struct styr_db *db, const struct gate *g, bool ok, struct styr_err *err)
{
	int rc;

	if (!ok)
		return STYR_OK;
	if ((rc = styr_throttle_refund(db, g->address, "", g->address_since, err)))
		return rc;
	return styr_throttle_clear(db, g->address, g->name, err);
}

/* Spent on a name that does not exist, so that the time does not tell. */
static void hash_nothing(const char *password)
{
	argon2id_verify("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
	                "ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U",
	                password, strlen(password));
}

/* The throttled check shared by login and password change: STYR_OK when
 * the password is the name's; *known says whether the name exists. */
static int check_password(struct styr_db *db, const struct styr_login_attempt *a, struct gate *g,
                          bool *known, enum styr_throttle_reason *throttled, int64_t *retry_after,
                          struct styr_err *err)
{
	struct styr_user u;
	struct styr_err local;
	bool ok;
	int rc;

	*throttled = STYR_THROTTLE_NONE;
	*retry_after = 0;
	*known = false;
	if ((rc = sodium_ready(err)))
		return rc;
	gate_init(g, a);
	if ((rc = gate_enter(db, g, throttled, retry_after, err)))
		return rc;
	styr_err_init(&local);
	rc = styr_user_find(db, a->name, &u, &local);
	if (rc && rc != STYR_ENOTFOUND)
		return styr_error(err, local.code, "%s", local.msg);
	*known = rc == STYR_OK;
	if (*known)
		ok = argon2id_verify(u.password, a->password, strlen(a->password)) == ARGON2_OK;
	else {
		hash_nothing(a->password);
		ok = false;
	}
	if ((rc = gate_leave(db, g, ok, err)))
		return rc;
	return ok ? STYR_OK : STYR_EPERM;
}

/* An attempt the throttle refused unchecked: recorded as login.refused,
 * entity "address ADDR", after the name as typed and the counter that was
 * full, at most once per address and address window, so that a flood
 * from one address adds one entry a window (a read of the index on entity
 * for each refusal, no hash).  The first refusal in a window is the one
 * recorded; the rest are counted in /metrics only. */
static void throttled_audit(struct styr_db *db, const struct styr_login_attempt *a,
                            const struct gate *g, enum styr_throttle_reason why,
                            struct styr_err *err)
{
	static const char *const reasons[] = {"", "address", "name", "global"};
	char entity[STYR_ADDRESS_MAX + 16], since[32], after[STYR_USER_MAX + 32];
	time_t t = (time_t)(g->now - g->lim.address_window);
	struct tm tm;
	int n = 0;

	snprintf(entity, sizeof(entity), "address %s", g->address);
	gmtime_r(&t, &tm);
	strftime(since, sizeof(since), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (styr_audit_count_since(db, entity, "login.refused", since, &n, err) || n > 0)
		return;
	snprintf(after, sizeof(after), "%s; %s", g->name, (unsigned)why < 4 ? reasons[why] : "?");
	if (styr_db_begin(db, err))
		return;
	if (styr_audit_append(db, a->name, "login.refused", entity, "", after, err))
		styr_db_rollback(db);
	else
		styr_db_commit(db, err);
}

int styr_password_check(struct styr_db *db, const struct styr_login_attempt *a,
                        enum styr_throttle_reason *throttled, int64_t *retry_after,
                        struct styr_err *err)
{
	struct gate g;
	bool known;
	int rc = check_password(db, a, &g, &known, throttled, retry_after, err);

	if (rc == STYR_EPERM && !*throttled)
		return styr_error(err, STYR_EPERM, "wrong password");
	return rc;
}

int styr_login(struct styr_db *db, const struct styr_login_attempt *a, int64_t ttl,
               struct styr_session *out, char *token, enum styr_throttle_reason *throttled,
               int64_t *retry_after, struct styr_err *err)
{
	struct gate g;
	bool known, ok;
	int rc = check_password(db, a, &g, &known, throttled, retry_after, err);

	if (rc == STYR_EPERM && *throttled) {
		/* err holds the refusal; a failure to record it is the log's */
		struct styr_err ignored;

		styr_err_init(&ignored);
		throttled_audit(db, a, &g, *throttled, &ignored);
		return rc;
	}
	if ((rc != STYR_OK && rc != STYR_EPERM) || *throttled)
		return rc;
	/* An unknown name is audited as a known one is (the name as typed,
	 * login.failed), so that the log shows guessing at names too; which
	 * names exist the log says to admins only, who know it anyway. */
	ok = rc == STYR_OK && known;
	if ((rc = styr_db_begin(db, err)))
		return rc;
	/* Expired sessions are removed as new ones are made, so the table
	 * holds only live sessions. */
	if (ok && !(rc = styr_session_purge(db, a->now, err)))
		rc = new_session(db, a->name, a->now, ttl, out, token, err);
	/* Logins are security events: each attempt is kept, with the
	 * client's address; the failure that locks the name out from that
	 * address is login.throttled.  The throttle bounds how fast these
	 * grow: at most its checks a second, from all addresses together. */
	if (!rc)
		rc = styr_audit_append(db, a->name,
		                       ok                                    ? "login"
		                       : g.name_n >= STYR_LOGIN_MAX_FAILURES ? "login.throttled"
		                                                             : "login.failed",
		                       a->name, "", g.address, err);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	if ((rc = styr_db_commit(db, err)))
		return rc;
	return ok ? STYR_OK : styr_error(err, STYR_EPERM, "wrong user name or password");
}

int styr_login_locks(struct styr_db *db, const char *name, int64_t now, int *count,
                     struct styr_err *err)
{
	return styr_throttle_locks(db, name, now - STYR_LOGIN_LOCK_SECONDS, STYR_LOGIN_MAX_FAILURES,
	                           count, err);
}

int styr_session_check(struct styr_db *db, const char *token, int64_t now, struct styr_session *out,
                       struct styr_err *err)
{
	char hash[STYR_HASH_MAX];
	struct styr_err local;
	int rc;

	if (strlen(token) != STYR_TOKEN_MAX - 1)
		return styr_error(err, STYR_EPERM, "not logged in");
	styr_sha256_hex(token, strlen(token), hash);
	styr_err_init(&local);
	rc = styr_session_find(db, hash, out, &local);
	if (rc == STYR_ENOTFOUND || (!rc && !styr_token_equal(hash, out->token_hash)))
		return styr_error(err, STYR_EPERM, "not logged in");
	if (rc)
		return styr_error(err, local.code, "%s", local.msg);
	if (out->expires <= now)
		return styr_error(err, STYR_EPERM, "the session has expired; log in again");
	return STYR_OK;
}

int styr_logout(struct styr_db *db, const char *token, struct styr_err *err)
{
	char hash[STYR_HASH_MAX];
	struct styr_session se;
	struct styr_err local;
	int rc;

	styr_sha256_hex(token, strlen(token), hash);
	styr_err_init(&local);
	if (styr_session_find(db, hash, &se, &local))
		return STYR_OK; /* no such session: nothing to end */
	if ((rc = styr_db_begin(db, err)))
		return rc;
	if (!(rc = styr_session_delete(db, hash, err)))
		rc = styr_audit_append(db, se.user, "logout", se.user, "", "", err);
	if (!rc)
		return styr_db_commit(db, err);
	styr_db_rollback(db);
	return rc;
}

int styr_api_token_create(struct styr_db *db, const char *by, const char *user, int days,
                          char *token, struct styr_api_token *out, struct styr_err *err)
{
	struct styr_api_token t;
	time_t now = time(NULL);
	char after[96];
	int rc;

	if (days < 1 || days > 3650)
		return styr_error(err, STYR_EINPUT, "days: expected 1 to 3650, got %d", days);
	if ((rc = sodium_ready(err)))
		return rc;
	memset(&t, 0, sizeof(t));
	new_token(token);
	styr_sha256_hex(token, strlen(token), t.hash);
	snprintf(t.user, sizeof(t.user), "%s", user);
	styr_time_iso(now, t.created);
	styr_time_iso(now + (time_t)days * 86400, t.expires);
	snprintf(after, sizeof(after), "%.12s expires %s", t.hash, t.expires);
	if ((rc = styr_db_begin(db, err)))
		return rc;
	if (!(rc = styr_api_token_put(db, &t, err)))
		rc = styr_audit_append(db, by, "token.add", user, "", after, err);
	if (!rc && !(rc = styr_db_commit(db, err)) && out)
		*out = t;
	if (rc)
		styr_db_rollback(db);
	return rc;
}

struct token_match {
	const char *id;
	struct styr_api_token found;
	int n;
};

static int match_token(void *ctx, const struct styr_api_token *t)
{
	struct token_match *m = ctx;

	if (!strncmp(t->hash, m->id, strlen(m->id)) && m->n++ == 0)
		m->found = *t;
	return 0;
}

int styr_api_token_revoke(struct styr_db *db, const char *by, const char *id, struct styr_err *err)
{
	struct token_match m;
	char before[96];
	int rc;

	memset(&m, 0, sizeof(m));
	m.id = id;
	if (strlen(id) < 8 || strspn(id, "0123456789abcdef") != strlen(id))
		return styr_error(
		    err, STYR_EINPUT,
		    "token id \"%s\": expected at least 8 of the hex digits that styr "
		    "user tokens lists",
		    id);
	if ((rc = styr_db_begin(db, err)))
		return rc;
	rc = styr_api_token_each(db, NULL, match_token, &m, err);
	if (!rc && m.n == 0)
		rc = styr_error(err, STYR_ENOTFOUND, "API token %s does not exist", id);
	else if (!rc && m.n > 1)
		rc = styr_error(err, STYR_EINPUT, "token id %s fits %d tokens: give more digits",
		                id, m.n);
	snprintf(before, sizeof(before), "%.12s expires %s", m.found.hash, m.found.expires);
	if (!rc && !(rc = styr_api_token_delete(db, m.found.hash, err)))
		rc = styr_audit_append(db, by, "token.revoke", m.found.user, before, "", err);
	if (!rc)
		return styr_db_commit(db, err);
	styr_db_rollback(db);
	return rc;
}

bool styr_api_token_expired(const struct styr_api_token *t, time_t now)
{
	char at[STYR_TIME_MAX];

	styr_time_iso(now, at);
	return t->expires[0] && strcmp(at, t->expires) >= 0;
}

int styr_api_token_check(struct styr_db *db, const char *token, char *user, size_t size,
                         struct styr_err *err)
{
	struct styr_api_token t;
	char hash[STYR_HASH_MAX];
	struct styr_err local;
	int rc;

	if (strlen(token) != STYR_TOKEN_MAX - 1)
		return styr_error(err, STYR_EPERM, "unknown API token");
	styr_sha256_hex(token, strlen(token), hash);
	styr_err_init(&local);
	rc = styr_api_token_find(db, hash, &t, &local);
	if (rc == STYR_ENOTFOUND)
		return styr_error(err, STYR_EPERM, "unknown API token");
	if (rc)
		return styr_error(err, local.code, "%s", local.msg);
	if (styr_api_token_expired(&t, time(NULL)))
		return styr_error(err, STYR_EPERM, "API token expired on %s", t.expires);
	snprintf(user, size, "%s", t.user);
	return STYR_OK;
}
