/*
 * Roll-up along the org tree (src/calc/rollup.c): a unit's figures are its
 * own plus those of the units below it, as the tree stood in the period.
 * One function per kind, which every page, report and command calls:
 * styr_ledger_rollup_each for the ledger (styr_ledger_table_build and
 * styr_ledger_utfall_months use it), styr_value_rollup for an indicator
 * value.
 *
 * The rule against double counting: a figure stored for a unit is that
 * unit's whole figure (a hospital's own ledger or published value already
 * holds its units); the units below are added only where the unit has
 * none — for the ledger per kind and year, for a value per period.
 *
 * Ownership: the results are the caller's plain memory.
 */
#ifndef STYR_ROLLUP_H
#define STYR_ROLLUP_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "model_ledger.h"

/* Did u exist during some part of year (its validity dates overlap it;
 * an open date is open)?  The tree of a period is the units valid in it. */
bool styr_org_valid_in(const struct styr_org_unit *u, int year);

/* The units directly below parent that existed in year, in the tree's
 * order: *units (malloc'd, the caller frees it; NULL when none) and *n. */
int styr_org_below_in(struct styr_db *db, const char *parent, int year,
                      struct styr_org_unit **units, size_t *n, struct styr_err *err);

/* Which units a rolled-up ledger walk drew figures from. */
struct styr_ledger_rollup {
	size_t units; /* units whose own entries of the last year asked about
	               * were given (the unit included) */
	size_t below; /* of these, units below the unit asked about */
};

/* Call cb with every ledger entry of tab (NULL: every table) for the
 * years first..last (at most 16) that counts towards unit: for each kind
 * and year, the unit's own entries when it has any, else those of the
 * units below it that existed that year, by the same rule one level down.
 * Amounts are exact öre, as stored.  info (may be NULL) says from which
 * units. */
int styr_ledger_rollup_each(struct styr_db *db, const char *unit, const char *tab, int first,
                            int last, int (*cb)(void *ctx, const struct styr_ledger_entry *e),
                            void *ctx, struct styr_ledger_rollup *info, struct styr_err *err);

/* The org tree read once, for many roll-ups in a row (a region's table
 * and then each unit's): styr_ledger_rollup_each reads the whole tree per
 * call, which for 10 000 units a table each is 10^8 rows.  Owned; free
 * with styr_org_tree_free. */
struct styr_org_tree;
int styr_org_tree_load(struct styr_db *db, struct styr_org_tree **out, struct styr_err *err);
void styr_org_tree_free(struct styr_org_tree *t);
/* styr_ledger_rollup_each over a tree already loaded (NULL: reads it);
 * the tree must be the database's as it stands.  year_sums: each unit's
 * year sums (styr_ledger_year_each: before last, utfall only, all a
 * table compares with) instead of its months, by the same rule against
 * double counting (a unit has a kind and year or not either way). */
int styr_ledger_rollup_each_tree(struct styr_db *db, const struct styr_org_tree *tree,
                                 bool year_sums, const char *unit, const char *tab, int first,
                                 int last, int (*cb)(void *ctx, const struct styr_ledger_entry *e),
                                 void *ctx, struct styr_ledger_rollup *info, struct styr_err *err);

/* The latest year with figures in tab ("" the resultaträkning) of unit or
 * any unit below it; 0 when none. */
int styr_ledger_rollup_latest_year(struct styr_db *db, const char *unit, const char *tab, int *year,
                                   struct styr_err *err);

/* How a unit's indicator value came about. */
enum styr_rollup_how {
	STYR_ROLLUP_NONE = 0, /* no value, neither the unit's nor below it */
	STYR_ROLLUP_OWN,      /* stored for the unit itself */
	STYR_ROLLUP_SUM,      /* a count: the sum of the units below */
	STYR_ROLLUP_RATIO,    /* Σ täljare / Σ nämnare of the units below */
	STYR_ROLLUP_PER_UNIT  /* cannot be rolled up: shown per unit (why says why) */
};

#define STYR_ROLLUP_PARTS_MAX 64

struct styr_value_rollup {
	enum styr_rollup_how how;
	bool has; /* value holds a figure (OWN, SUM, RATIO) */
	struct styr_value value;
	size_t units;   /* units whose stored values went into it */
	size_t missing; /* units below with a value that is missing or withheld */
	/* "summa av 5 enheter", "beräknad ur täljare och nämnare för 5
	 * enheter", "kan inte summeras: visas per enhet"; "" for OWN. */
	char how_text[STYR_NAME_MAX];
	char why[STYR_NAME_MAX]; /* PER_UNIT: the reason, in Swedish */
	/* PER_UNIT: the values of the units directly below, each its own or
	 * rolled up (first STYR_ROLLUP_PARTS_MAX). */
	struct styr_value parts[STYR_ROLLUP_PARTS_MAX];
	size_t nparts;
};

/* The value of indicator ind for unit and period: the unit's own when
 * stored, else rolled up from the units below that existed in the
 * period's year — a count (indicator unit "antal", or a production
 * figure that is no ratio) as the sum, a ratio ("%", "per 1000 …", any
 * value given with täljare and nämnare) as Σ täljare / Σ nämnare times
 * the indicator's scale (100 for "%", 1000 for "per 1000 …"), never an
 * average of percentages.  Anything else, or a ratio whose units lack
 * täljare or nämnare, is PER_UNIT with why.  Fills *out; never
 * STYR_ENOTFOUND (how NONE instead). */
int styr_value_rollup(struct styr_db *db, const struct styr_indicator *ind, const char *unit,
                      const struct styr_period *period, struct styr_value_rollup *out,
                      struct styr_err *err);

/* Every value of unit for year (0: every year): for each indicator and
 * period that unit or a unit below it has a value for, in the order of
 * the unit's own values (indicator, then period), styr_value_rollup's
 * answer.  cb gets borrowed structs and returns 0 to go on. */
int styr_value_rollup_each(struct styr_db *db, const char *unit, int year,
                           int (*cb)(void *ctx, const struct styr_indicator *ind,
                                     const struct styr_value_rollup *r),
                           void *ctx, struct styr_err *err);

#endif
