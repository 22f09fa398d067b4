/*
 * What import/xlsx.c offers its unit test: the text of a numeric cell as
 * its number format shows it (decimals, percentage, dates from serials),
 * the one rule every number of a workbook is read by.
 */
#ifndef STYR_IMPORT_XLSX_INT_H
#define STYR_IMPORT_XLSX_INT_H

#include <stdbool.h>
#include <stddef.h>

/* v: the cell's <v> text ("93.8", "45352"); id and code: its style's
 * numFmtId and formatCode (code NULL for a built-in format); date1904:
 * the workbook's date system.  0, or -1 when v is no number.  out holds at
 * least 64 bytes. */
int xlsx_number_text(const char *v, int id, const char *code, bool date1904, char *out, size_t n);

#endif
