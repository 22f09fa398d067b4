/*
 * The subtotal rows of a ledger read from CSV (or a workbook's budget
 * sheet), computed as the SIE importer computes them: every row of the
 * plan that has rows under it (SUMMA INTÄKTER, SUMMA KOSTNADER, RESULTAT)
 * is the exact sum, in öre, of the figures its rows have, per unit, year,
 * month and kind (utfall, budget, prognos) of the resultaträkning itself
 * (table "").  A subtotal the file gives itself is kept as given (so
 * styr check still compares a printed sum with its rows); so is one stored
 * from elsewhere; one computed by an earlier import is computed again.
 *
 * Ownership: struct ledger_sums owns its arrays; release with
 * ledger_sums_release.
 */
#ifndef STYR_IMPORT_LEDGER_SUMS_H
#define STYR_IMPORT_LEDGER_SUMS_H

#include <stddef.h>
#include <stdint.h>

#include "styr/ledger.h"

/* The source of a computed subtotal. */
#define LEDGER_SUMS_SOURCE "Σ av raderna (styr)"

struct ledger_sums_group;

struct ledger_sums {
	struct styr_ledger_row *plan;
	size_t nplan, capplan;
	bool plan_loaded;
	struct ledger_sums_group *g;
	size_t n, cap, last;
};

/* Note an amount the import stored (or found unchanged). */
int ledger_sums_note(struct styr_db *db, struct ledger_sums *s, const struct styr_ledger_entry *e,
                     struct styr_err *err);
/* Compute and store the subtotals of every group noted; *written counts
 * them.  Inside the import's transaction. */
int ledger_sums_write(struct styr_db *db, struct ledger_sums *s, size_t *written,
                      struct styr_err *err);
void ledger_sums_release(struct ledger_sums *s);

#endif
