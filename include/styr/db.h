/*
 * A styr database: open it, change it inside transactions, read it back.
 * The backend (embedded SQLite now, PostgreSQL later) is chosen by the
 * location string and hidden behind this interface; front-ends and the
 * rest of the library never see SQL.
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

#include "model.h"

struct styr_db;

enum styr_db_flags {
	STYR_DB_CREATE = 1 /* create the database if it does not exist */
};

int styr_db_open(const char *location, int flags, struct styr_db **out, struct styr_err *err);
void styr_db_close(struct styr_db *db);

/* One transaction at a time; rollback after any failure. */
int styr_db_begin(struct styr_db *db, struct styr_err *err);
int styr_db_commit(struct styr_db *db, struct styr_err *err);
void styr_db_rollback(struct styr_db *db);
/* Rehearse (on): from now on styr_db_commit rolls the transaction back
 * and returns STYR_OK, so that an import run through this handle checks
 * and counts everything and stores nothing (--dry-run of import sie,
 * import report-text and events load). */
void styr_db_rehearse(struct styr_db *db, bool on);

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

#endif
