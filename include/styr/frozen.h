/*
 * Approved means frozen (issue 17 item 3): approving a unit's report for a
 * period stores the rendered report in every format that fits the period
 * and the figures it was made from.  Downloads of an approved period give
 * the stored bytes, marked "Fastställd <date> av <user>"; a report of a
 * period that is not approved is marked "Utkast".  A later correction (an
 * admin unlocks, a value changes) shows as the differences between the
 * stored figures and today's, each with who changed it from the audit log.
 *
 * Keys are text: the unit's code, the period as styr_period_format writes
 * it, the report type's name and the format's extension.
 */
#ifndef STYR_FROZEN_H
#define STYR_FROZEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "access.h"
#include "buf.h"
#include "db.h"
#include "model_frozen.h"
#include "period.h"
#include "report.h"

/* Render the report types that fit period p (årsredovisning for a year,
 * delårsrapport for jan–apr or jan–aug, månadsrapport for a month) in
 * html, pdf and xlsx, marked "Fastställd <date> av <user>", and store them
 * with the snapshot of the unit's values for the period, replacing what an
 * earlier approval stored.  Runs inside the caller's transaction
 * (styr_report_move calls it when approving). */
int styr_report_freeze(struct styr_db *db, const char *user, const char *unit,
                       const struct styr_period *p, time_t when, struct styr_err *err);

/* The report for a download: the stored approved version when the
 * period is approved and one is stored (and current is false), else
 * today's data, marked "Utkast" unless approved.  As styr_report_write. */
int styr_report_get(struct styr_db *db, const struct styr_report_request *req, bool current,
                    const char *path, struct styr_err *err);

/* One difference between the approved snapshot and today's data: figure
 * is "value IND UNIT PERIOD" (a value's figures), "comment IND UNIT
 * PERIOD" (its comment; a long one as its beginning and a digest),
 * "ledger UNIT[/TAB] 2024-03 ROW KIND" (a ledger amount of the period,
 * "2024" for a year's) or "analysis UNIT PERIOD SUBJECT: TITLE" (an
 * analysis the reports print: its state, beginning and digest); old or
 * new is "" when the figure was added or removed since; who and when are
 * those of the latest audit entry of the figure ("" when none). */
struct styr_report_change {
	char figure[STYR_FIGURE_MAX];
	char old[STYR_FIGURE_TEXT];
	char now[STYR_FIGURE_TEXT];
	char who[STYR_USER_MAX];
	char when[32];
};

/* The figure of c as people read it: "ID0069 LKR 2024", "ID0069 LKR
 * 2024, kommentar", "resultaträkning LKR 2024-03 lonekostnader utfall",
 * "analys LKR 2024 ID0069: Title". */
void styr_report_change_label(const struct styr_report_change *c, char *buf, size_t size);

/* Calls cb for each difference in figure order; *n (may be NULL) gets
 * their count.  STYR_ENOTFOUND when the period has no approved snapshot. */
int styr_report_diff(struct styr_db *db, const char *unit, const struct styr_period *p,
                     int (*cb)(void *ctx, const struct styr_report_change *c), void *ctx, size_t *n,
                     struct styr_err *err);

#endif
