/*
 * A styr database: open it, change it inside transactions, read it back.
 * The backend (embedded SQLite, or PostgreSQL in server mode) is chosen
 * by the location string and hidden behind this interface; front-ends and
 * the rest of the library never see SQL.  Every operation of the store is
 * declared here, grouped by area; the records they read and write are in
 * the type-only model headers (model.h, model_*.h, analysis.h), so that
 * the store depends on the model alone and the library's modules (access,
 * calc, events, report) depend on the store, never the other way round.
 *
 * Writes refer to other things by code; a code that does not exist gives
 * STYR_ENOTFOUND with a message naming it.  A put of something that exists
 * replaces it (so re-importing a file is idempotent).
 *
 * Iteration calls cb once per row in a stable order (units and goals in the
 * order they were first stored, so parents come before children; indicators
 * by code; values by indicator, unit and period).  cb returns 0 to go on;
 * anything else stops the walk and is returned.
 *
 * Ownership: styr_db_open returns a handle that styr_db_close frees.  Rows
 * passed to callbacks are borrowed for the duration of the call.
 */
#ifndef STYR_DB_H
#define STYR_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "analysis.h"
#include "model.h"
#include "model_access.h"
#include "model_events.h"
#include "model_frozen.h"
#include "model_goals.h"
#include "model_ledger.h"
#include "model_open.h"

struct styr_db;
struct styr_buf;

enum styr_db_flags {
	STYR_DB_CREATE = 1 /* create the database if it does not exist */
};

int styr_db_open(const char *location, int flags, struct styr_db **out, struct styr_err *err);
void styr_db_close(struct styr_db *db);

/* One transaction at a time; rollback after any failure. */
int styr_db_begin(struct styr_db *db, struct styr_err *err);
int styr_db_commit(struct styr_db *db, struct styr_err *err);
void styr_db_rollback(struct styr_db *db);
/*
 * The write gate (gate.c, issue 14 item 1).  Every operation below that
 * writes a period-bound figure (styr_value_put, styr_target_put,
 * styr_ledger_put, styr_account_balance_put, styr_analysis_put,
 * styr_action_put, styr_uppdrag_report_put, styr_budget_profile_put,
 * styr_gender_value_put, styr_internal_control_put) passes it, in the
 * caller's transaction or one of its own: it refuses without an actor
 * (STYR_EPERM), a year outside STYR_GATE_FIRST_YEAR .. this year +
 * STYR_GATE_YEARS_AHEAD (STYR_EINPUT), and a write into an approved
 * period of the record's unit or a unit above it, or of the unit the
 * record is stored under (STYR_ELOCKED naming unit, period and approver);
 * a lock covers the periods inside or around it.  A record equal to the
 * stored one is left alone; any other write appends an audit entry with
 * who, what, the record before and after, and the source.
 *
 * styr_db_actor names who writes ("anna", "cli:karl") and from where
 * ("API PUT /api/v1/...", "form POST /...", "cli: styr import csv");
 * styr_db_source changes the source alone (an importer sets "file:line"
 * per row).  styr_db_unlock_reason (NULL clears it) lets the writes that
 * follow into locked periods, each audited as "unlock-write" with the
 * reason: an admin's CLI only.  Strings are copied.
 */
/* A deletion through the gate: the checks of a write of the record
 * (actor, year window, the lock of unit's period p, NULL: none, and the
 * unlock reason) and its audit entry (action "value.delete", entity as the
 * record's put names it, before the record, after ""); del deletes it,
 * in the caller's transaction or one of its own. */
int styr_gate_remove(struct styr_db *db, const char *action, const char *unit,
                     const struct styr_period *p, const char *entity, const char *before,
                     int (*del)(struct styr_db *db, const void *key, struct styr_err *err),
                     const void *key, struct styr_err *err);
#define STYR_GATE_FIRST_YEAR  1990
#define STYR_GATE_YEARS_AHEAD 10
int styr_db_actor(struct styr_db *db, const char *who, const char *source, struct styr_err *err);
void styr_db_source(struct styr_db *db, const char *source);
int styr_db_unlock_reason(struct styr_db *db, const char *reason, struct styr_err *err);
const char *styr_db_who(const struct styr_db *db);
const char *styr_db_source_text(const struct styr_db *db);
/* Whether an approved report locks p for unit: its own or one above it,
 * for a period that overlaps p (same year, months in common); *by the
 * approving report. */
int styr_period_locked(struct styr_db *db, const char *unit, const struct styr_period *p,
                       bool *locked, struct styr_report_state *by, struct styr_err *err);
/* Append a to the audit chain: fills time, prev_hash and hash (user ""
 * becomes "(system)"); the caller has a transaction open. */
int styr_audit_add(struct styr_db *db, struct styr_audit_entry *a, struct styr_err *err);
/* The sha256 of an entry's fields (source only when not empty). */
void styr_audit_hash(const struct styr_audit_entry *a, char out[STYR_HASH_MAX]);
/* The distinct users of the audit entries whose entity is LIKE pattern. */
int styr_audit_users(struct styr_db *db, const char *pattern,
                     int (*cb)(void *ctx, const char *user), void *ctx, struct styr_err *err);
/* Settings of the database (migration 0015): "" when not set. */
int styr_setting_get(struct styr_db *db, const char *name, char *out, size_t size,
                     struct styr_err *err);
int styr_setting_put(struct styr_db *db, const char *name, const char *value, struct styr_err *err);

/* Rehearse (on): from now on styr_db_commit rolls the transaction back
 * and returns STYR_OK, so that an import run through this handle checks
 * and counts everything and stores nothing (--dry-run of import sie,
 * import report-text and events load). */
void styr_db_rehearse(struct styr_db *db, bool on);

/* A consistent copy of the whole database (every table: users, grants,
 * tokens, the audit log, approvals, ledgers, mappings) into the new file
 * path, taken while others read and write: SQLite's online backup, or
 * pg_dump's custom format for PostgreSQL.  path must not exist. */
int styr_db_backup(struct styr_db *db, const char *path, struct styr_err *err);
/* Restore a backup into location: a SQLite file that does not exist, or
 * an existing PostgreSQL database without a styr schema (createdb); then
 * the migrations it lacks.  A damaged or foreign file is refused before
 * anything is written. */
int styr_db_restore(const char *backup, const char *location, struct styr_err *err);

/* A number that changes whenever the database changes (by this handle or
 * another process), for caches of rendered data. */
int styr_db_data_version(struct styr_db *db, long long *out, struct styr_err *err);
/* A read-only transaction: one snapshot for everything a request reads.
 * Nothing may write inside it. */
int styr_db_read_begin(struct styr_db *db, struct styr_err *err);
void styr_db_read_end(struct styr_db *db);
/* When the data a report is made from last changed (any table but users,
 * sessions, the audit log and the approved reports; migration 0012), by
 * whatever program wrote it: the creation date of a report made without
 * SOURCE_DATE_EPOCH, so that the same database gives the same bytes. */
int styr_db_last_change(struct styr_db *db, time_t *out, struct styr_err *err);

/* Nanoseconds this handle has spent in its database (statements,
 * transactions, waits for locks) since it was opened: a web request's
 * database time is the difference across it.  The rows of a statement
 * after its first are sampled (one in 16 timed, counted 16 times). */
long long styr_db_time_ns(const struct styr_db *db);

/* A time limit for what the handle does next (a web request's, styr serve
 * --request-time): once ns nanoseconds from now have passed, every
 * statement, row and write transaction asked for fails (STYR_ESTORE), so
 * the caller's error path rolls back.  ns 0 lifts the limit and forgets
 * that it was hit; styr_db_time_limit_hit says whether it was. */
void styr_db_time_limit(struct styr_db *db, long long ns);
bool styr_db_time_limit_hit(const struct styr_db *db);

int styr_org_put(struct styr_db *db, const struct styr_org_unit *u, struct styr_err *err);
int styr_org_alias_put(struct styr_db *db, const char *alias, const char *unit,
                       struct styr_err *err);
/* Find by code or alias. */
int styr_org_find(struct styr_db *db, const char *code, struct styr_org_unit *out,
                  struct styr_err *err);
int styr_org_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_org_unit *u),
                  void *ctx, struct styr_err *err);
int styr_org_alias_each(struct styr_db *db,
                        int (*cb)(void *ctx, const char *alias, const char *unit), void *ctx,
                        struct styr_err *err);

int styr_goal_put(struct styr_db *db, const struct styr_goal *g, struct styr_err *err);
int styr_goal_find(struct styr_db *db, const char *code, struct styr_goal *out,
                   struct styr_err *err);
int styr_goal_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_goal *g), void *ctx,
                   struct styr_err *err);
int styr_goal_owner_put(struct styr_db *db, const struct styr_goal_owner *o, struct styr_err *err);
int styr_goal_owner_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_goal_owner *o),
                         void *ctx, struct styr_err *err);

int styr_indicator_put(struct styr_db *db, const struct styr_indicator *ind, struct styr_err *err);
int styr_indicator_find(struct styr_db *db, const char *code, struct styr_indicator *out,
                        struct styr_err *err);
int styr_indicator_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_indicator *ind),
                        void *ctx, struct styr_err *err);
int styr_goal_indicator_put(struct styr_db *db, const char *goal, const char *indicator,
                            struct styr_err *err);
int styr_goal_indicator_each(struct styr_db *db,
                             int (*cb)(void *ctx, const char *goal, const char *indicator),
                             void *ctx, struct styr_err *err);

int styr_target_put(struct styr_db *db, const struct styr_indicator_target *t,
                    struct styr_err *err);
/* The target that applies in a year: a target holds from its year until a
 * newer one is set, so the latest year up to the one asked for wins, and
 * within that year the unit's own before the one for all units.  out->year
 * is the year the target was set ("mål från 2024").  STYR_ENOTFOUND when
 * none exists. */
int styr_target_find(struct styr_db *db, const char *indicator, const char *unit, int year,
                     struct styr_indicator_target *out, struct styr_err *err);
int styr_target_each(struct styr_db *db,
                     int (*cb)(void *ctx, const struct styr_indicator_target *t), void *ctx,
                     struct styr_err *err);
/* The targets styr_target_find chooses among for unit: the unit's own and
 * the all-units ones (unit ""), by indicator, year, all-units first. */
int styr_target_each_unit(struct styr_db *db, const char *unit,
                          int (*cb)(void *ctx, const struct styr_indicator_target *t), void *ctx,
                          struct styr_err *err);

struct styr_value_filter {
	const char *indicator; /* NULL: all */
	const char *unit;      /* NULL: all */
	int year;              /* 0: all */
};

int styr_value_put(struct styr_db *db, const struct styr_value *v, struct styr_err *err);
int styr_value_find(struct styr_db *db, const char *indicator, const char *unit,
                    const struct styr_period *period, struct styr_value *out, struct styr_err *err);
int styr_value_each(struct styr_db *db, const struct styr_value_filter *f,
                    int (*cb)(void *ctx, const struct styr_value *v), void *ctx,
                    struct styr_err *err);
/* A dashboard's values: of each indicator of unit its latest value and
 * the one of the same period a year before it, if any (its trend's), by
 * indicator and period as styr_value_each gives them. */
int styr_value_latest_each(struct styr_db *db, const char *unit,
                           int (*cb)(void *ctx, const struct styr_value *v), void *ctx,
                           struct styr_err *err);

/* Analysis texts (analysis.h). */
/* Store (replacing the one for the same unit, period, subject and title). */
int styr_analysis_put(struct styr_db *db, const struct styr_analysis *a, struct styr_err *err);
/* Walk analyses by unit, period and subject, in the order stored. */
int styr_analysis_each(struct styr_db *db, const struct styr_analysis_filter *f,
                       int (*cb)(void *ctx, const struct styr_analysis *a), void *ctx,
                       struct styr_err *err);

/* The follow-up cycle (goals.h): uppdrag, återrapportering, escalation,
 * the calendar's rules, internal control and index weights.  Raw rows:
 * escalation steps and internal control are written through the checks of
 * styr_uppdrag_escalate and styr_internal_control_put. */
int styr_uppdrag_put(struct styr_db *db, const struct styr_uppdrag *u, struct styr_err *err);
int styr_uppdrag_find(struct styr_db *db, const char *goal, struct styr_uppdrag *out,
                      struct styr_err *err);
int styr_uppdrag_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_uppdrag *u),
                      void *ctx, struct styr_err *err);
/* The unit must be one of the uppdrag's owners. */
int styr_uppdrag_report_put(struct styr_db *db, const struct styr_uppdrag_report *r,
                            struct styr_err *err);
/* goal NULL: every uppdrag's reports; by goal, then date. */
int styr_uppdrag_report_each(struct styr_db *db, const char *goal,
                             int (*cb)(void *ctx, const struct styr_uppdrag_report *r), void *ctx,
                             struct styr_err *err);

int styr_escalation_each(struct styr_db *db, const char *goal,
                         int (*cb)(void *ctx, const struct styr_escalation_step *s), void *ctx,
                         struct styr_err *err);

int styr_followup_rule_put(struct styr_db *db, const struct styr_followup_rule *r,
                           struct styr_err *err);
/* year 0: every year. */
int styr_followup_rule_each(struct styr_db *db, int year,
                            int (*cb)(void *ctx, const struct styr_followup_rule *r), void *ctx,
                            struct styr_err *err);
int styr_followup_done_put(struct styr_db *db, const struct styr_followup_done *d,
                           struct styr_err *err);
int styr_followup_done_find(struct styr_db *db, const char *unit, enum styr_report_kind kind,
                            const struct styr_period *period, struct styr_followup_done *out,
                            struct styr_err *err);

/* unit NULL: all; year 0: all.  Ordered by unit, year, then risk value
 * (highest first). */
int styr_internal_control_each(struct styr_db *db, const char *unit, int year,
                               int (*cb)(void *ctx, const struct styr_internal_control *c),
                               void *ctx, struct styr_err *err);
int styr_index_weight_put(struct styr_db *db, const struct styr_index_weight *w,
                          struct styr_err *err);
/* index NULL: all; by index name, then indicator. */
int styr_index_weight_each(struct styr_db *db, const char *index,
                           int (*cb)(void *ctx, const struct styr_index_weight *w), void *ctx,
                           struct styr_err *err);

/* Access (access.h): users, grants, sessions, API tokens, the audit log
 * and the report workflow.  Raw rows: prefer access.h's functions, which
 * check, audit and run in a transaction of their own. */
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
int styr_api_token_put(struct styr_db *db, const struct styr_api_token *t, struct styr_err *err);
int styr_api_token_find(struct styr_db *db, const char *token_hash, struct styr_api_token *out,
                        struct styr_err *err);
/* user NULL: every user's; by user, then creation. */
int styr_api_token_each(struct styr_db *db, const char *user,
                        int (*cb)(void *ctx, const struct styr_api_token *t), void *ctx,
                        struct styr_err *err);
/* STYR_ENOTFOUND when there is no such token. */
int styr_api_token_delete(struct styr_db *db, const char *token_hash, struct styr_err *err);
int styr_audit_put(struct styr_db *db, const struct styr_audit_entry *a, struct styr_err *err);
int styr_audit_last(struct styr_db *db, struct styr_audit_entry *out, struct styr_err *err);
/* Oldest first; newest_first walks the other way; limit 0 is all. */
int styr_audit_each(struct styr_db *db, int newest_first, int limit,
                    int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                    struct styr_err *err);
/* The entries about one thing, oldest first: those whose entity is entity
 * or begins with it and a space ("value ID0069 LKR" takes every period of
 * the value), through an index (migration 0017), not a walk of the log. */
int styr_audit_entity_each(struct styr_db *db, const char *entity,
                           int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                           struct styr_err *err);
/* At most limit entries (0: all) with an id below below (0: from the
 * newest), newest first: the log read a page at a time. */
int styr_audit_page(struct styr_db *db, int64_t below, int limit,
                    int (*cb)(void *ctx, const struct styr_audit_entry *a), void *ctx,
                    struct styr_err *err);
/* How many entries of action on entity there are from since (ISO 8601
 * UTC, as the entries' time) on. */
int styr_audit_count_since(struct styr_db *db, const char *entity, const char *action,
                           const char *since, int *count, struct styr_err *err);
/* Login throttling's counters (migration 0013): one per (address, name),
 * counting in fixed windows.  charge counts one under the key in a window
 * of window seconds (a new one when the last began window or more seconds
 * before now) and gives the window's start and its count with this one;
 * get reads them (0 and 0 when there is no row); refund takes one back
 * from the window that began at since; clear removes the key, purge every
 * key whose window began before before.  locks counts the addresses
 * whose counter for name began after after and reached min. */
int styr_throttle_charge(struct styr_db *db, const char *address, const char *name, int64_t now,
                         int64_t window, int64_t *since, int *n, struct styr_err *err);
int styr_throttle_get(struct styr_db *db, const char *address, const char *name, int64_t *since,
                      int *n, struct styr_err *err);
int styr_throttle_refund(struct styr_db *db, const char *address, const char *name, int64_t since,
                         struct styr_err *err);
int styr_throttle_clear(struct styr_db *db, const char *address, const char *name,
                        struct styr_err *err);
int styr_throttle_purge(struct styr_db *db, int64_t before, struct styr_err *err);
int styr_throttle_locks(struct styr_db *db, const char *name, int64_t after, int min, int *count,
                        struct styr_err *err);
/* The shared secret called name: the stored one, or fresh (stored now)
 * when there is none yet; whichever server stores first, every server
 * gets the same.  Copied into out. */
int styr_web_secret(struct styr_db *db, const char *name, const char *fresh, char *out, size_t size,
                    struct styr_err *err);
int styr_report_state_put(struct styr_db *db, const struct styr_report_state *r,
                          struct styr_err *err);
int styr_report_state_find(struct styr_db *db, const char *unit, const struct styr_period *p,
                           struct styr_report_state *out, struct styr_err *err);

/* The economy (ledger.h). */
int styr_ledger_row_put(struct styr_db *db, const struct styr_ledger_row *r, struct styr_err *err);
/* By code or any printed label (case-insensitive); STYR_ENOTFOUND if none. */
int styr_ledger_row_find(struct styr_db *db, const char *code_or_label, struct styr_ledger_row *out,
                         struct styr_err *err);
/* In printed order. */
int styr_ledger_row_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_ledger_row *r),
                         void *ctx, struct styr_err *err);

int styr_ledger_put(struct styr_db *db, const struct styr_ledger_entry *e, struct styr_err *err);
/* Ordered by unit, tab, year, month, row code, kind: the table's key
 * order, so that a walk over millions of amounts needs no sort. */
int styr_ledger_each(struct styr_db *db, const struct styr_ledger_filter *f,
                     int (*cb)(void *ctx, const struct styr_ledger_entry *e), void *ctx,
                     struct styr_err *err);
/* One unit's table (f->unit and f->tab required) as its year sums (migration
 * 0025): per tab, year, row and kind, the year figure (month 0) as an
 * entry of its own and the months 1–12 as one entry whose months says
 * which; ordered by tab, year, row code, kind.  No source.  The years
 * before f->year_last give utfall only: what a table compares with. */
int styr_ledger_year_each(struct styr_db *db, const struct styr_ledger_filter *f,
                          int (*cb)(void *ctx, const struct styr_ledger_entry *e), void *ctx,
                          struct styr_err *err);
/* The latest year of unit's own amounts in tab ("" the main one); 0 when
 * it has none. */
int styr_ledger_latest_year(struct styr_db *db, const char *unit, const char *tab, int *year,
                            struct styr_err *err);
/* Ledger dimensions (migration 0023).  dim_put adds a dimension an SIE
 * file names (#DIM) and leaves a known one alone; object_name_put adds an
 * object (#OBJEKT) or renames it and keeps its unit; object_put sets name
 * and unit (unit "" maps it to none).  detail_put writes through the
 * write gate as styr_ledger_put does.  Walks: dim 0, unit NULL, year 0
 * mean all. */
int styr_ledger_dim_put(struct styr_db *db, const struct styr_ledger_dim *d, struct styr_err *err);
int styr_ledger_dim_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_ledger_dim *d),
                         void *ctx, struct styr_err *err);
int styr_ledger_object_name_put(struct styr_db *db, int dim, const char *code, const char *name,
                                struct styr_err *err);
int styr_ledger_object_put(struct styr_db *db, const struct styr_ledger_object *o,
                           struct styr_err *err);
int styr_ledger_object_each(struct styr_db *db, int dim,
                            int (*cb)(void *ctx, const struct styr_ledger_object *o), void *ctx,
                            struct styr_err *err);
int styr_ledger_detail_put(struct styr_db *db, const struct styr_ledger_detail *d,
                           struct styr_err *err);
int styr_ledger_detail_each(struct styr_db *db, const char *unit, int year, int dim,
                            const char *row,
                            int (*cb)(void *ctx, const struct styr_ledger_detail *d), void *ctx,
                            struct styr_err *err);

int styr_rule_put(struct styr_db *db, const struct styr_rule *r, struct styr_err *err);
int styr_rule_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_rule *r), void *ctx,
                   struct styr_err *err);

/* The row an account maps to (the narrowest range holding it); "" when
 * the mapping keeps it out of the resultaträkning; STYR_ENOTFOUND when no
 * range holds it.  account_map_put with row "" stores such a range. */
int styr_account_map_find(struct styr_db *db, int account, char *row, size_t n,
                          struct styr_err *err);
int styr_account_map_put(struct styr_db *db, int first, int last, const char *row,
                         struct styr_err *err);
/* Forget every range (a mapping file replaces the map). */
int styr_account_map_clear(struct styr_db *db, struct styr_err *err);
/* The stored mapping's ranges, by first account. */
int styr_account_map_each(struct styr_db *db,
                          int (*cb)(void *ctx, const struct styr_account_range *r), void *ctx,
                          struct styr_err *err);
int styr_account_name_put(struct styr_db *db, const char *unit, int account, const char *name,
                          struct styr_err *err);
int styr_account_balance_put(struct styr_db *db, const struct styr_account_balance *b,
                             struct styr_err *err);
int styr_account_balance_each(struct styr_db *db, const char *unit,
                              int (*cb)(void *ctx, const struct styr_account_balance *b), void *ctx,
                              struct styr_err *err);

/* Store (replace) the profile of p->unit, p->row and p->year. */
int styr_budget_profile_put(struct styr_db *db, const struct styr_budget_profile *p,
                            struct styr_err *err);
/* unit NULL: all; ordered by unit code, then row ("" first), then year (0
 * first). */
int styr_budget_profile_each(struct styr_db *db, const char *unit,
                             int (*cb)(void *ctx, const struct styr_budget_profile *p), void *ctx,
                             struct styr_err *err);
int styr_action_put(struct styr_db *db, const struct styr_action *a, struct styr_err *err);
/* plan NULL: all; in plan order, then as stored. */
int styr_action_each(struct styr_db *db, const char *plan,
                     int (*cb)(void *ctx, const struct styr_action *a), void *ctx,
                     struct styr_err *err);
int styr_bridge_put(struct styr_db *db, const struct styr_bridge_line *b, struct styr_err *err);
/* year 0: all; in year order, then as stored. */
int styr_bridge_each(struct styr_db *db, int year,
                     int (*cb)(void *ctx, const struct styr_bridge_line *b), void *ctx,
                     struct styr_err *err);

/* Open data (opendata.h). */
/* Store o; a row with neither a date nor a Kolada id is removed. */
int styr_open_indicator_put(struct styr_db *db, const struct styr_open_indicator *o,
                            struct styr_err *err);
int styr_open_indicator_each(struct styr_db *db,
                             int (*cb)(void *ctx, const struct styr_open_indicator *o), void *ctx,
                             struct styr_err *err);
/* Store u; official_code "" removes the unit's code. */
int styr_open_unit_put(struct styr_db *db, const struct styr_open_unit *u, struct styr_err *err);
int styr_open_unit_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_open_unit *u),
                        void *ctx, struct styr_err *err);
/* Store a gender value (gender "K" or "M", else STYR_EINPUT). */
int styr_gender_value_put(struct styr_db *db, const struct styr_gender_value *v,
                          struct styr_err *err);
/* Every gender value, by indicator, unit, period and gender. */
int styr_gender_value_each(struct styr_db *db,
                           int (*cb)(void *ctx, const struct styr_gender_value *v), void *ctx,
                           struct styr_err *err);
/* The open values on date today ("YYYY-MM-DD"): whole years of
 * indicators published on or before today, for units whose year is
 * approved (their own report or one above them); ordered by indicator,
 * unit, year and gender (T, K, M). */
int styr_open_value_each(struct styr_db *db, const char *today,
                         int (*cb)(void *ctx, const struct styr_open_value *v), void *ctx,
                         struct styr_err *err);

/* A withdrawn open value (its indicator unpublished): value.indicator,
 * value.unit, value.period.year and gender say which, changed when. */
int styr_open_withdrawn_put(struct styr_db *db, const struct styr_open_value *v,
                            struct styr_err *err);
/* Every withdrawal, by indicator, unit, year and gender. */
int styr_open_withdrawn_each(struct styr_db *db,
                             int (*cb)(void *ctx, const struct styr_open_value *v), void *ctx,
                             struct styr_err *err);

/* The event engine's files and runs (events.h). */
int styr_event_file_put(struct styr_db *db, const struct styr_event_file *f, struct styr_err *err);
int styr_event_file_each(struct styr_db *db, int (*cb)(void *, const struct styr_event_file *),
                         void *ctx, struct styr_err *err);
/* Store a run unless one with its id exists (then nothing changes). */
int styr_event_run_put(struct styr_db *db, const struct styr_event_run *r, struct styr_err *err);

/* Approved reports (frozen.h, migration 0011). */
int styr_frozen_clear(struct styr_db *db, const char *unit, const char *period,
                      struct styr_err *err);
int styr_frozen_report_put(struct styr_db *db, const struct styr_frozen_report *f,
                           const void *content, size_t len, struct styr_err *err);
/* STYR_ENOTFOUND when nothing is stored; content (may be NULL) gets the
 * bytes appended. */
int styr_frozen_report_find(struct styr_db *db, const char *unit, const char *period,
                            const char *type, const char *format, struct styr_frozen_report *out,
                            struct styr_buf *content, struct styr_err *err);
int styr_frozen_line_put(struct styr_db *db, const struct styr_frozen_line *l,
                         struct styr_err *err);
/* In figure order. */
int styr_frozen_line_each(struct styr_db *db, const char *unit, const char *period,
                          int (*cb)(void *ctx, const struct styr_frozen_line *l), void *ctx,
                          struct styr_err *err);

/* Deletions (issue 14 item 2): the raw rows, one by key; STYR_ENOTFOUND
 * naming the key when there is none.  Prefer access.h's styr_*_remove,
 * which check the period lock and audit in one transaction.  A value goes
 * with its gender breakdown; an action only when it belongs to unit; a
 * target's unit "" is the one for all units; a budget profile's year 0
 * the one for every year. */
int styr_value_delete(struct styr_db *db, const char *indicator, const char *unit,
                      const struct styr_period *p, struct styr_err *err);
int styr_target_delete(struct styr_db *db, const char *indicator, const char *unit, int year,
                       struct styr_err *err);
int styr_analysis_delete(struct styr_db *db, const char *unit, const struct styr_period *p,
                         const char *subject, const char *title, struct styr_err *err);
int styr_action_delete(struct styr_db *db, const char *unit, const char *plan, const char *title,
                       struct styr_err *err);
/* The amount keyed by e's unit, tab, year, month, row and kind. */
int styr_ledger_delete(struct styr_db *db, const struct styr_ledger_entry *e, struct styr_err *err);
int styr_budget_profile_delete(struct styr_db *db, const char *unit, const char *row, int year,
                               struct styr_err *err);
int styr_uppdrag_report_delete(struct styr_db *db, const char *goal, const char *unit,
                               const char *date, struct styr_err *err);
/* What refers to a unit (units below it, values, analyses ...), an
 * indicator (values, targets, goal links ...) or a goal (goals below it,
 * links, owners, uppdrag, analyses on it, actions towards it). */
int styr_org_refs(struct styr_db *db, const char *code, struct styr_refs *out,
                  struct styr_err *err);
int styr_indicator_refs(struct styr_db *db, const char *code, struct styr_refs *out,
                        struct styr_err *err);
int styr_goal_refs(struct styr_db *db, const char *code, struct styr_refs *out,
                   struct styr_err *err);
/* Delete the unit, indicator or goal and every row that refers to it,
 * counting them into deleted (may be NULL).  A unit or goal with others
 * below it is STYR_ECONFLICT: delete those first.  A goal's actions stay,
 * unlinked. */
int styr_org_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                    struct styr_err *err);
int styr_indicator_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                          struct styr_err *err);
int styr_goal_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                     struct styr_err *err);

#endif
