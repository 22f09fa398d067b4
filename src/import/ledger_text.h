/*
 * The resultaträkning tables of a report's text extract ("Uppföljning |
 * Utfall jan-dec 2023 | Utfall jan-dec 2024 | Budget helår 2024 |
 * Avvikelse jan-dec | Prognos helår 2024"), read into ledger amounts.
 * Called by styr_import_report_text inside its transaction.
 *
 * Ownership: text and path are borrowed; rows that cannot be read are
 * appended to out->skipped (owned by out).
 */
#ifndef STYR_IMPORT_LEDGER_TEXT_H
#define STYR_IMPORT_LEDGER_TEXT_H

#include <stddef.h>

#include "styr/import.h"

int ledger_text_import(struct styr_db *db, const char *text, size_t len, const char *path,
                       const char *unit, struct styr_report_text_result *out, struct styr_err *err);

#endif
