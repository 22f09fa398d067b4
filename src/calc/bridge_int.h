/*
 * Private to src/calc: the bridge lines of the store in memory, and the
 * validation rules over them (run by styr_check_run in check.c).
 */
#ifndef STYR_CALC_BRIDGE_INT_H
#define STYR_CALC_BRIDGE_INT_H

#include <stdio.h>

#include "styr/ledger.h"

struct bridge_lines {
	struct styr_bridge_line *v;
	size_t n, cap;
};

int bridge_lines_load(struct styr_db *db, int year, struct bridge_lines *l, struct styr_err *err);
void bridge_lines_release(struct bridge_lines *l);

/* Is r a rule over the bridge (check "bridge…")? */
bool bridge_rule(const struct styr_rule *r);
int bridge_rule_check(const struct styr_rule *r, struct styr_err *err);

/* left and right in tkr (or percent × 1000); returns non-zero to stop. */
/* source: the checked line's (NULL for a sum over units); unclear: the
 * lines cannot settle it (an uppräkning of 0 against a percent). */
typedef int (*bridge_report_fn)(void *ctx, const struct styr_rule *r, const char *unit, int year,
                                const char *where, int64_t left, int64_t right, const char *source,
                                bool unclear);

/* Run rule r over the lines (unit NULL / year 0: all). */
int bridge_check_run(const struct bridge_lines *l, const struct styr_rule *r, const char *unit,
                     int year, bridge_report_fn report, void *ctx);

#endif
