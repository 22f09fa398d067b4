/*
 * Who may do what, and the record of what was done: users with
 * argon2id-hashed passwords, grants of a role on an org unit (inherited by
 * every unit below it), login sessions and API tokens (random tokens of
 * which only the sha256 is stored), the hash-chained audit log, and the
 * workflow of a unit's report for a period (draft → submitted → approved,
 * or returned with a comment).  An approved report locks the unit's period
 * for itself and every unit below it: value writes are refused with
 * STYR_ELOCKED until an admin unlocks it.
 *
 * Every write here runs in one transaction of its own and appends to the
 * audit log inside it, so a write and its audit entry exist together or
 * not at all.  Callers must not have a transaction open.
 *
 * Ownership: all structs are plain caller memory; tokens are written to
 * caller buffers of STYR_TOKEN_MAX bytes.
 */
#ifndef STYR_ACCESS_H
#define STYR_ACCESS_H

#include <stdint.h>

#include "db.h"

#define STYR_USER_MAX    64
#define STYR_HASH_MAX    65 /* sha256 as hex, NUL-terminated */
#define STYR_TOKEN_MAX   65 /* 32 random bytes as hex */
#define STYR_PWHASH_MAX  128
#define STYR_AUDIT_TEXT  1024
#define STYR_COMMENT_MAX 1024

/* Ordered: a higher role may do everything a lower one may. */
enum styr_access_role {
	STYR_ACCESS_NONE = 0, /* not logged in; only public routes */
	STYR_ACCESS_READER = 1,
	STYR_ACCESS_UNIT_MANAGER = 2, /* enhetschef, verksamhetschef */
	STYR_ACCESS_CONTROLLER = 3,
	STYR_ACCESS_ADMIN = 4
};

struct styr_user {
	char name[STYR_USER_MAX];
	char password[STYR_PWHASH_MAX]; /* argon2id encoding */
	int failed;                     /* failed logins in a row */
	int64_t locked_until;           /* unix time; logins refused before it */
};

struct styr_grant {
	char user[STYR_USER_MAX];
	char unit[STYR_CODE_MAX]; /* "" for the whole organisation */
	enum styr_access_role role;
};

struct styr_session {
	char token_hash[STYR_HASH_MAX];
	char user[STYR_USER_MAX];
	char csrf[STYR_TOKEN_MAX];
	int64_t expires; /* unix time */
};

struct styr_audit_entry {
	int64_t id;
	char time[32]; /* ISO 8601 UTC */
	char user[STYR_USER_MAX];
	char action[32];
	char entity[256];
	char before[STYR_AUDIT_TEXT];
	char after[STYR_AUDIT_TEXT];
	char prev_hash[STYR_HASH_MAX];
	char hash[STYR_HASH_MAX];
};

enum styr_report_state_kind {
	STYR_REPORT_DRAFT = 0,
	STYR_REPORT_SUBMITTED,
	STYR_REPORT_APPROVED,
	STYR_REPORT_RETURNED
};

struct styr_report_state {
	char unit[STYR_CODE_MAX];
	struct styr_period period;
	enum styr_report_state_kind state;
	char comment[STYR_COMMENT_MAX];
	char by[STYR_USER_MAX];
	char time[32];
};

enum styr_report_action {
	STYR_REPORT_SUBMIT = 0,
	STYR_REPORT_APPROVE,
	STYR_REPORT_RETURN,
	STYR_REPORT_UNLOCK
};

/* "reader", "unit-manager", "controller", "admin"; parse also takes
 * "enhetschef" and "verksamhetschef" for unit-manager. */
const char *styr_access_role_name(enum styr_access_role r);
const char *styr_access_role_label(enum styr_access_role r); /* Swedish */
int styr_access_role_parse(const char *text, enum styr_access_role *out, struct styr_err *err);
const char *styr_report_state_label(enum styr_report_state_kind s); /* Swedish */
const char *styr_report_state_name(enum styr_report_state_kind s);

/* --- store operations (raw rows; prefer the functions further down) --- */
int styr_user_put(struct styr_db *db, const struct styr_user *u, struct styr_err *err);
int styr_user_find(struct styr_db *db, const char *name, struct styr_user *out,
                   struct styr_err *err);
int styr_grant_put(struct styr_db *db, const struct styr_grant *g, struct styr_err *err);
int styr_grant_each(struct styr_db *db, const char *user,
                    int (*cb)(void *ctx, const struct styr_grant *g), void *ctx,
                    struct styr_err *err);
/* Every user, by name. */
int styr_user_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_user *u), void *ctx,
                   struct styr_err *err);
/* End every session and API token of user. */
int styr_user_logout(struct styr_db *db, const char *user, struct styr_err *err);
/* The user's grant on unit ("" the whole organisation; NULL every grant);
 * STYR_ENOTFOUND when there was none. */
int styr_grant_delete(struct styr_db *db, const char *user, const char *unit, struct styr_err *err);
/* The user row; its grants, sessions and tokens must be gone first. */
int styr_user_delete(struct styr_db *db, const char *user, struct styr_err *err);
int styr_session_put(struct styr_db *db, const struct styr_session *s, struct styr_err *err);
int styr_session_find(struct styr_db *db, const char *token_hash, struct styr_session *out,
                      struct styr_err *err);
int styr_session_delete(struct styr_db *db, const char *token_hash, struct styr_err *err);
/* Remove the sessions that expired at or before now. */
int styr_session_purge(struct styr_db *db, int64_t now, struct styr_err *err);
int styr_api_token_put(struct styr_db *db, const char *token_hash, const char *user,
                       const char *created, struct styr_err *err);
int styr_api_token_find(struct styr_db *db, const char *token_hash, char *user, size_t size,
                        struct styr_err *err);
int styr_audit_put(struct styr_db *db, const struct styr_audit_entry *a, struct styr_err *err);
int styr_audit_last(struct styr_db *db, struct styr_audit_entry *out, struct styr_err *err);
/* Oldest first; newest_first walks the other way; limit 0 is all. */
int styr_audit_each(struct styr_db *db, int newest_first, int limit,
                    int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                    struct styr_err *err);
int styr_report_state_put(struct styr_db *db, const struct styr_report_state *r,
                          struct styr_err *err);
int styr_report_state_find(struct styr_db *db, const char *unit, const struct styr_period *p,
                           struct styr_report_state *out, struct styr_err *err);

/* A number that changes whenever the database changes (by this handle or
 * another process), for caches of rendered data. */
int styr_db_data_version(struct styr_db *db, long long *out, struct styr_err *err);
/* A read-only transaction: one snapshot for everything a request reads.
 * Nothing may write inside it. */
int styr_db_read_begin(struct styr_db *db, struct styr_err *err);
void styr_db_read_end(struct styr_db *db);

/* --- users and permissions --- */
/* Create user name with password (argon2id) and grant role on unit (""
 * or NULL: the whole organisation); audited as by.  An existing name is
 * STYR_ECONFLICT: a role changes with styr_user_grant. */
int styr_user_add(struct styr_db *db, const char *by, const char *name, const char *password,
                  enum styr_access_role role, const char *unit, struct styr_err *err);
/* The other changes of a user, each audited (by: who did it) in one
 * transaction.  passwd and revoke end the user's sessions and API tokens
 * at once; remove takes the user with grants, sessions and tokens (the
 * audit log keeps the name). */
int styr_user_passwd(struct styr_db *db, const char *by, const char *name, const char *password,
                     struct styr_err *err);
int styr_user_grant(struct styr_db *db, const char *by, const char *name,
                    enum styr_access_role role, const char *unit, struct styr_err *err);
int styr_user_revoke(struct styr_db *db, const char *by, const char *name, const char *unit,
                     struct styr_err *err);
int styr_user_remove(struct styr_db *db, const char *by, const char *name, struct styr_err *err);
/* STYR_OK when password is the user's, else STYR_EPERM (no counting of
 * failures: the caller is logged in already). */
int styr_user_check_password(struct styr_db *db, const char *name, const char *password,
                             struct styr_err *err);
/* The user's role on unit: the highest grant on the unit or any unit
 * above it.  unit NULL: the highest grant anywhere.  STYR_ACCESS_NONE when
 * there is none.  anywhere (may be NULL) gets the highest grant on any
 * unit, from the same walk. */
int styr_access_role_for(struct styr_db *db, const char *user, const char *unit,
                         enum styr_access_role *out, enum styr_access_role *anywhere,
                         struct styr_err *err);

/* --- sessions and tokens --- */
#define STYR_LOGIN_MAX_FAILURES 5
#define STYR_LOGIN_LOCK_SECONDS 60
/* Check name and password; on success create a session valid for ttl
 * seconds and write its token.  A wrong name or password gives STYR_EPERM
 * ("wrong user name or password"); after STYR_LOGIN_MAX_FAILURES failures
 * in a row the user is refused for STYR_LOGIN_LOCK_SECONDS, with
 * *throttled set. */
int styr_login(struct styr_db *db, const char *name, const char *password, int64_t now, int64_t ttl,
               struct styr_session *out, char *token, int *throttled, struct styr_err *err);
/* The session of token, STYR_EPERM when unknown or expired. */
int styr_session_check(struct styr_db *db, const char *token, int64_t now, struct styr_session *out,
                       struct styr_err *err);
int styr_logout(struct styr_db *db, const char *token, struct styr_err *err);
int styr_api_token_create(struct styr_db *db, const char *user, char *token, struct styr_err *err);
/* The user of an API token, STYR_EPERM when unknown. */
int styr_api_token_check(struct styr_db *db, const char *token, char *user, size_t size,
                         struct styr_err *err);
/* A fresh random token (32 bytes from libsodium, as hex). */
void styr_token_new(char token[STYR_TOKEN_MAX]);
/* Constant-time comparison of two NUL-terminated tokens. */
int styr_token_equal(const char *a, const char *b);
/* sha256 of text as lowercase hex. */
void styr_sha256_hex(const char *text, size_t len, char out[STYR_HASH_MAX]);

/* --- audit --- */
/* Append to the chain; the caller has a transaction open. */
int styr_audit_append(struct styr_db *db, const char *user, const char *action, const char *entity,
                      const char *before, const char *after, struct styr_err *err);
/* Walk the chain; *broken is the id of the first entry whose hash or link
 * does not hold, 0 when the chain is whole; *count the entries checked. */
int styr_audit_verify(struct styr_db *db, int64_t *broken, int64_t *count, struct styr_err *err);

/* --- report workflow and locking --- */
int styr_report_state_get(struct styr_db *db, const char *unit, const struct styr_period *p,
                          struct styr_report_state *out, struct styr_err *err);
/* Move the report: submit (draft or returned → submitted), approve
 * (submitted → approved), return (submitted → returned, comment
 * required), unlock (approved → draft).  A move the state does not allow
 * gives STYR_ECONFLICT naming the state. */
int styr_report_move(struct styr_db *db, const char *user, const char *unit,
                     const struct styr_period *p, enum styr_report_action action,
                     const char *comment, struct styr_err *err);
/* STYR_ELOCKED (with a message for people) when the unit's report for
 * the period, or that of a unit above it, is approved. */
int styr_period_check_open(struct styr_db *db, const char *unit, const struct styr_period *p,
                           struct styr_err *err);
/* Store a value as user: refused when locked; audited with the value
 * before and after; one transaction. */
int styr_value_write(struct styr_db *db, const char *user, const struct styr_value *v,
                     struct styr_err *err);
/* Store many values as user in one transaction, as styr_value_write does
 * one: every value's period must be open (STYR_ELOCKED names the value's
 * indicator, unit and period otherwise, and nothing is written); a value
 * equal to the stored one (number, numerator, denominator, missing reason;
 * not the source) is left alone and not audited.  before, when not NULL,
 * runs inside the transaction before the first value is stored (not at
 * all when none is).  *written counts the values stored. */
int styr_values_write(struct styr_db *db, const char *user, const struct styr_value *v, size_t n,
                      int (*before)(void *ctx, struct styr_db *db, struct styr_err *err), void *ctx,
                      size_t *written, struct styr_err *err);

/* Store an analysis text or an action as user, as styr_value_write does
 * a value: refused with STYR_ELOCKED when the period (for an action: the
 * year it is due) is locked; audited; one transaction. */
struct styr_analysis;
struct styr_action;
int styr_analysis_write(struct styr_db *db, const char *user, const struct styr_analysis *a,
                        struct styr_err *err);
int styr_action_write(struct styr_db *db, const char *user, const struct styr_action *a,
                      struct styr_err *err);

#endif
