/*
 * Getting data out of styr: the interchange CSV (docs/formats.md) that
 * styr_import_csv reads back unchanged, and JSON lines for scripts.
 * Exported CSV imported into an empty database and exported again gives
 * the same bytes.
 *
 * Ownership: out is borrowed; write errors on it are reported.
 */
#ifndef STYR_EXPORT_H
#define STYR_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "import.h"

/* Write one kind of file.  f filters values (NULL: all); other kinds are
 * always written whole. */
int styr_export_csv(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                    FILE *out, struct styr_err *err);

/* JSON lines: one object per line and row.  values: with its assessment,
 * keys indicator, unit, period, value, numerator, denominator, target,
 * status, trend, missing_reason, source, comment.  The goals area's kinds: the
 * CSV columns as keys, plus an uppdrag's escalation_step, escalation and
 * escalation_action and a risk's risk_value.  ledger, rules, actions, bridge, profiles: the
 * interchange columns as keys, amounts as numbers (ledger: tkr; actions
 * and bridge: Mkr as in the CSV).  f filters as for styr_export_csv.
 * Other kinds have no JSON lines (STYR_EUSAGE). */
int styr_export_json(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                     FILE *out, struct styr_err *err);

/* Whether styr_export_json writes kind. */
bool styr_export_has_json(enum styr_entity kind);

/* Write every kind into dir as org.csv, goals.csv, indicators.csv,
 * targets.csv and values.csv. */
int styr_export_dir(struct styr_db *db, const char *dir, struct styr_err *err);

#endif
