/*
 * Private to the exporters: the economy's kinds of interchange file,
 * written by export_econ.c for styr_export_csv.
 */
#ifndef STYR_EXPORT_INT_H
#define STYR_EXPORT_INT_H

#include <stdio.h>

#include "styr/import.h"

/* Rows of a ledger or rules file (the header is written by the caller). */
int export_econ_csv(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                    FILE *out, struct styr_err *err);

/* One cell of interchange CSV: quoted when it holds ';', '"' or a line
 * break. */
void export_cell(FILE *out, const char *text, int last);

#endif
