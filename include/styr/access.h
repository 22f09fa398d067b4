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
 * not at all.  Callers must not have a transaction open.  Writes of
 * period-bound figures (values, analyses, actions, ...) pass the store's
 * write gate (db.h, store/gate.c), which checks the lock and appends the
 * audit entry whoever writes: the functions below make their user the
 * handle's actor for their writes.
 *
 * Ownership: all structs are plain caller memory; tokens are written to
 * caller buffers of STYR_TOKEN_MAX bytes.
 */
#ifndef STYR_ACCESS_H
#define STYR_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "db.h"
#include "model_access.h"

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
/* The user's role on unit: the highest grant on the unit or any unit
 * above it.  unit NULL: the highest grant anywhere.  STYR_ACCESS_NONE when
 * there is none.  anywhere (may be NULL) gets the highest grant on any
 * unit, from the same walk. */
int styr_access_role_for(struct styr_db *db, const char *user, const char *unit,
                         enum styr_access_role *out, enum styr_access_role *anywhere,
                         struct styr_err *err);

/* --- sessions and tokens --- */
/*
 * Login throttling (issue 16): every password check from a client (a
 * login, the current password of a password change) first passes three
 * counters kept in the database (so that every server on it counts
 * together), before anything is hashed:
 *
 *  - the client address: at most address_failures failed checks in a
 *    window of address_window seconds;
 *  - the name at that address: STYR_LOGIN_MAX_FAILURES failures within
 *    STYR_LOGIN_LOCK_SECONDS lock that name out from that address (and
 *    only there: a stranger elsewhere cannot lock a user out) until the
 *    window ends;
 *  - every address together: at most checks_per_second checks a second
 *    (argon2 is expensive; this bounds the CPU a flood from many
 *    addresses can take).
 *
 * The counters are keyed by the name as typed, whether or not it exists,
 * so a refusal tells nothing about which names exist.  A check is
 * counted before it is made and given back when it succeeds.
 */
#define STYR_LOGIN_MAX_FAILURES      5
#define STYR_LOGIN_LOCK_SECONDS      60
#define STYR_LOGIN_ADDRESS_FAILURES  30
#define STYR_LOGIN_ADDRESS_WINDOW    300
#define STYR_LOGIN_CHECKS_PER_SECOND 10
#define STYR_ADDRESS_MAX             64

struct styr_login_limits {
	int address_failures;   /* per address and window; 0: STYR_LOGIN_ADDRESS_FAILURES */
	int64_t address_window; /* seconds; 0: STYR_LOGIN_ADDRESS_WINDOW */
	int checks_per_second;  /* all addresses together; 0: STYR_LOGIN_CHECKS_PER_SECOND */
};

/* Who tries a password, from where, when. */
struct styr_login_attempt {
	const char *name;
	const char *password;
	const char *address; /* the client's address; "" or NULL when unknown */
	int64_t now;
	const struct styr_login_limits *limits; /* NULL: the defaults */
};

/* Why a check was refused before it was made (styr_login's *throttled). */
enum styr_throttle_reason {
	STYR_THROTTLE_NONE = 0,
	STYR_THROTTLE_ADDRESS, /* the address's failures */
	STYR_THROTTLE_NAME,    /* the name at the address is locked out */
	STYR_THROTTLE_GLOBAL   /* every address's checks this second */
};

/* Check the attempt's name and password; on success create a session
 * valid for ttl seconds and write its token.  A wrong name or password
 * gives STYR_EPERM ("wrong user name or password"); a refusal by the
 * throttle gives STYR_EPERM with *throttled saying why and *retry_after
 * the seconds until a new attempt may pass (at least 1), and no password
 * is hashed. */
int styr_login(struct styr_db *db, const struct styr_login_attempt *a, int64_t ttl,
               struct styr_session *out, char *token, enum styr_throttle_reason *throttled,
               int64_t *retry_after, struct styr_err *err);
/* The same throttled check of a logged-in user's password (a password
 * change): STYR_OK, STYR_EPERM when wrong or refused (*throttled,
 * *retry_after as for styr_login).  Makes no session. */
int styr_password_check(struct styr_db *db, const struct styr_login_attempt *a,
                        enum styr_throttle_reason *throttled, int64_t *retry_after,
                        struct styr_err *err);
/* Whether the attempt's address, or every address together, has used
 * its checks (the counters styr_login refuses on first), without
 * counting: the server asks before queueing a password check, so that a
 * flood is refused at once rather than waiting for a hash thread.  Reads
 * only; *throttled is STYR_THROTTLE_NONE when a check may go on (the
 * name's own lock-out is styr_login's to find). */
int styr_login_throttled(struct styr_db *db, const struct styr_login_attempt *a,
                         enum styr_throttle_reason *throttled, int64_t *retry_after,
                         struct styr_err *err);
/* The client addresses name is locked out from now (an admin's view). */
int styr_login_locks(struct styr_db *db, const char *name, int64_t now, int *count,
                     struct styr_err *err);
/* The session of token, STYR_EPERM when unknown or expired. */
int styr_session_check(struct styr_db *db, const char *token, int64_t now, struct styr_session *out,
                       struct styr_err *err);
int styr_logout(struct styr_db *db, const char *token, struct styr_err *err);
/* A new API token for user valid for days (1..3650) from now: the secret
 * into token (shown once; only its sha256 is kept), the record into out
 * (may be NULL).  Audited as by. */
int styr_api_token_create(struct styr_db *db, const char *by, const char *user, int days,
                          char *token, struct styr_api_token *out, struct styr_err *err);
/* Revoke the token whose id (the first characters of its sha256, at least
 * 8, as styr user tokens lists them) is id; audited as by. */
int styr_api_token_revoke(struct styr_db *db, const char *by, const char *id, struct styr_err *err);
/* Whether t is refused at now: from its expiry on (a token without one
 * never expires). */
bool styr_api_token_expired(const struct styr_api_token *t, time_t now);
/* The user of an API token, STYR_EPERM when unknown or expired. */
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
/* The unit an entry is about, from its entity ("value ID0069 LKR 2024":
 * LKR), into unit; false for an entry about no unit (a login, a user, a
 * refused request, a kind whose key holds no unit). */
bool styr_audit_unit(const struct styr_audit_entry *a, char *unit, size_t size);
/* Where the entry's write came from (file:line, form, API call); "" when
 * the entry does not say.  Borrowed from a. */
const char *styr_audit_source(const struct styr_audit_entry *a);
/* Who sees which entries: user NULL everything (the CLI); a user holding
 * admin anywhere everything; any other user the entries about the units
 * where the user holds min_role (a grant covers the units below it), and
 * none about no unit.  unit (NULL or ""): only entries about that unit and
 * the units below it; action (NULL or ""): only actions beginning with it
 * ("value" takes value.put, value.delete).  All borrowed. */
struct styr_audit_scope {
	const char *user;
	enum styr_access_role min_role;
	const char *unit;
	const char *action;
};
/* The entries scope lets its user see, newest first, at most limit (0:
 * all).  cb returning non-zero stops the walk and is returned. */
int styr_audit_scoped_each(struct styr_db *db, const struct styr_audit_scope *scope, int limit,
                           int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                           struct styr_err *err);
/* Record a refused request (403, 423, a CSRF refusal) in a transaction of
 * its own, after the refused one has rolled back: action "refused",
 * entity what ("POST /api/v1/units/LKR/values"), after the reason. */
int styr_audit_refused(struct styr_db *db, const char *user, const char *what, const char *reason,
                       struct styr_err *err);

/* --- history --- */
/* The entity text of kind and its first n keys, as entries are written:
 * value IND UNIT PERIOD, target IND UNIT YEAR, analysis UNIT PERIOD
 * SUBJECT, action UNIT PLAN, report UNIT PERIOD, ledger UNIT ..., budget
 * UNIT ...; fewer keys than the kind has name every thing beginning with
 * them.  The unit is found (an alias gives its unit's code), the period
 * parsed and written as stored.  STYR_EINPUT naming the kind or key. */
int styr_history_entity(struct styr_db *db, const char *kind, const char *const *keys, int n,
                        char *entity, size_t size, struct styr_err *err);
/* Every version of the thing (or things) kind and keys name, oldest
 * first, from the audit log: each write (a put, a comment, a deletion
 * "KIND.delete") is one entry with who, when, before and after. */
int styr_history_each(struct styr_db *db, const char *kind, const char *const *keys, int n,
                      int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                      struct styr_err *err);

/* --- report workflow and locking --- */
int styr_report_state_get(struct styr_db *db, const char *unit, const struct styr_period *p,
                          struct styr_report_state *out, struct styr_err *err);
/* The decision an approval records when the report was decided as an
 * ärende: its diarienummer ("RS 2024/123") and the decision date
 * (beslutsdatum, YYYY-MM-DD); NULL or "" for either that was not given.
 * Borrowed. */
struct styr_decision {
	const char *diarienummer;
	const char *date;
};
/* STYR_EINPUT naming the field ("diarienummer \"x\": expected ...") for
 * a diarienummer no registry writes (no digit, other punctuation than
 * - / . : _, stray spaces, STYR_DNR_MAX bytes or more), and for a
 * beslutsdatum that is no real date or lies before period p starts.  The
 * web asks them first, to word its own message for each field. */
int styr_diarienummer_check(const char *text, struct styr_err *err);
int styr_decision_date_check(const char *date, const struct styr_period *p, struct styr_err *err);
/* Move the report: submit (draft or returned → submitted), approve
 * (submitted → approved), return (submitted → returned, comment
 * required), unlock (approved → draft).  A move the state does not allow
 * gives STYR_ECONFLICT naming the state.  decision (may be NULL) is for
 * approve only: checked as above, stored with the state (and printed on
 * the approved report's cover); an approval without one clears the
 * previous approval's, the other moves keep it. */
int styr_report_move(struct styr_db *db, const char *user, const char *unit,
                     const struct styr_period *p, enum styr_report_action action,
                     const char *comment, const struct styr_decision *decision,
                     struct styr_err *err);
/* Whether the unit's period is locked: *locked, and in *by the approved
 * report state that locks it (the unit's own or that of a unit above, for
 * a period that overlaps p: the write gate's own lookup). */
int styr_period_lock(struct styr_db *db, const char *unit, const struct styr_period *p,
                     bool *locked, struct styr_report_state *by, struct styr_err *err);
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
 * equal to the stored one (number, numerator, denominator, missing reason
 * and, when it has one, comment; not the source) is left alone and not
 * audited.  A value without has_comment keeps the stored comment; a
 * changed comment alone is audited as "value.comment", any other change
 * as "value.put".  before, when not NULL,
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

/* Delete one record as user (delete.c): refused with STYR_ELOCKED when
 * its period is locked (an action's: the year it is due; a ledger
 * amount's: its month, or its year for month 0; an uppdrag report's: the
 * year of its date; a target or budget profile for all units or every
 * year lies in none), STYR_ENOTFOUND naming the key when there is none;
 * audited as "<kind>.delete" with the record as the before image; one
 * transaction.  A target's unit "" is the one for all units, a profile's
 * year 0 the one for every year, title NULL is "". */
struct styr_ledger_entry;
int styr_value_remove(struct styr_db *db, const char *user, const char *indicator, const char *unit,
                      const struct styr_period *p, struct styr_err *err);
int styr_target_remove(struct styr_db *db, const char *user, const char *indicator,
                       const char *unit, int year, struct styr_err *err);
int styr_analysis_remove(struct styr_db *db, const char *user, const char *unit,
                         const struct styr_period *p, const char *subject, const char *title,
                         struct styr_err *err);
/* Only an action of unit: another unit's action of the same plan and
 * title is not found. */
int styr_action_remove(struct styr_db *db, const char *user, const char *unit, const char *plan,
                       const char *title, struct styr_err *err);
/* key's unit, tab, year, month, row and kind say which amount. */
int styr_ledger_remove(struct styr_db *db, const char *user, const struct styr_ledger_entry *key,
                       struct styr_err *err);
int styr_budget_profile_remove(struct styr_db *db, const char *user, const char *unit,
                               const char *row, int year, struct styr_err *err);
int styr_uppdrag_report_remove(struct styr_db *db, const char *user, const char *goal,
                               const char *unit, const char *date, struct styr_err *err);
/* Delete a unit, indicator or goal.  Anything referring to it is
 * STYR_ECONFLICT naming what ("unit EXS: 102 values, 3 analyses, 2 units
 * below it refer to it; ..."), unless cascade: then it goes with
 * everything below it in one transaction, refused as a whole (STYR_ELOCKED)
 * when a value or analysis among them lies in a locked period; one audit
 * entry per unit, indicator or goal deleted, counting what went with it. */
int styr_org_remove(struct styr_db *db, const char *user, const char *code, bool cascade,
                    struct styr_err *err);
int styr_indicator_remove(struct styr_db *db, const char *user, const char *code, bool cascade,
                          struct styr_err *err);
int styr_goal_remove(struct styr_db *db, const char *user, const char *code, bool cascade,
                     struct styr_err *err);

#endif
