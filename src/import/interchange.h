/*
 * The interchange CSV format (docs/formats.md), shared by the importer and
 * the exporter so that the columns are written down once.  Each kind of
 * file has a fixed list of columns; the exporter writes them in this order
 * and the importer accepts them in any order.
 */
#ifndef STYR_INTERCHANGE_H
#define STYR_INTERCHANGE_H

#include "styr/analysis.h"
#include "styr/import.h"

#define INTERCHANGE_MAX_COLUMNS 15

/* Column positions in each spec, so that code names a column without
 * comparing strings for every cell of a million-row file. */
enum { ORG_CODE, ORG_NAME, ORG_KIND, ORG_PARENT, ORG_VALID_FROM, ORG_VALID_TO, ORG_ALIASES };
enum {
	GOAL_CODE,
	GOAL_PARENT,
	GOAL_LEVEL,
	GOAL_TITLE,
	GOAL_TEXT,
	GOAL_VALID_FROM,
	GOAL_VALID_TO,
	GOAL_OWNERS
};
enum {
	IND_CODE,
	IND_NAME,
	IND_DEFINITION,
	IND_UNIT,
	IND_DIRECTION,
	IND_FREQUENCY,
	IND_SOURCE,
	IND_TOLERANCE,
	IND_GOALS,
	IND_CATEGORY
};
enum { TGT_INDICATOR, TGT_UNIT, TGT_YEAR, TGT_TARGET };
enum {
	VAL_INDICATOR,
	VAL_UNIT,
	VAL_PERIOD,
	VAL_VALUE,
	VAL_NUMERATOR,
	VAL_DENOMINATOR,
	VAL_MISSING_REASON,
	VAL_SOURCE,
	VAL_COMMENT /* optional (migration 0012): a file without it keeps stored comments */
};

/* Reports: analysis texts. */
enum {
	ANA_UNIT,
	ANA_PERIOD,
	ANA_SUBJECT,
	ANA_TITLE,
	ANA_WHAT,
	ANA_WHY,
	ANA_NEXT,
	ANA_STATE,
	ANA_AUTHOR,
	ANA_SOURCE
};
/* Goals area (issue 7). */
enum { UPP_GOAL, UPP_DEADLINE, UPP_REPORT_DATES };
enum { URP_GOAL, URP_UNIT, URP_DATE, URP_STATUS, URP_TEXT, URP_SOURCE };
enum { ESC_GOAL, ESC_DATE, ESC_STEP, ESC_REASON, ESC_DECIDED_BY };
enum { FUP_YEAR, FUP_REPORT, FUP_MONTHS, FUP_DEADLINE, FUP_HANDLING, FUP_SOURCE };
enum {
	IKP_UNIT,
	IKP_YEAR,
	IKP_RISK,
	IKP_PROBABILITY,
	IKP_CONSEQUENCE,
	IKP_CONTROL,
	IKP_RESPONSIBLE,
	IKP_FREQUENCY,
	IKP_RESULT,
	IKP_ACTIONS
};
enum { IXW_INDEX, IXW_INDICATOR, IXW_WEIGHT };
/* economy */
/* ledger_rows: the row plan (migration 0024's sign optional) */
enum { LROW_CODE, LROW_LABEL, LROW_PARENT, LROW_POSITION, LROW_SIGN };
/* ledger: enhet, the unit of amount ("tkr" or "kr", empty tkr; optional,
 * migration 0018: files from before it lack it and are tkr) */
enum {
	LED_UNIT,
	LED_TABLE,
	LED_YEAR,
	LED_MONTH,
	LED_ROW,
	LED_KIND,
	LED_AMOUNT,
	LED_SOURCE,
	LED_ENHET,
	LED_KOST
};
enum {
	ACT_PLAN,
	ACT_UNIT,
	ACT_AREA,
	ACT_TITLE,
	ACT_OWNER,
	ACT_DUE,
	ACT_STATE,
	ACT_EXPECTED,
	ACT_ACHIEVED,
	ACT_GOAL /* optional (migration 0006): files from before it lack it */
};
enum { BR_YEAR, BR_UNIT, BR_STEP, BR_LABEL, BR_AMOUNT, BR_SOURCE };
/* budget profiles: the unit, the row ("" all), the year ("" every year;
 * optional, migration 0008: files from before it lack it) and the twelve
 * months */
enum { PRO_UNIT, PRO_ROW, PRO_YEAR, PRO_JAN };
/* open data (issue 19): an indicator's publication and Kolada id, or a
 * unit's official code */
enum { OPEN_SUBJECT, OPEN_CODE, OPEN_ID, OPEN_PUBLISHED };
/* values for women (K) and men (M) beside the total of values.csv */
enum { GV_INDICATOR, GV_UNIT, GV_PERIOD, GV_GENDER, GV_VALUE, GV_MISSING_REASON, GV_SOURCE };
enum { RULE_CODE, RULE_NAME, RULE_CHECK, RULE_SUBJECT, RULE_EXPR, RULE_TOLERANCE, RULE_TABLE };

#define COLUMN_BIT(c) (1u << (c))

struct interchange_spec {
	enum styr_entity kind;
	size_t ncolumns;
	const char *columns[INTERCHANGE_MAX_COLUMNS];
	unsigned required; /* COLUMN_BIT of each column that may not be empty */
	/* COLUMN_BIT of each column a header may leave out (added after files
	 * were written without it); a left-out column reads as empty. */
	unsigned optional;
	/* A column the header must have for a file to be taken as this kind
	 * (NULL: none), so that a kind whose columns are another's plus one
	 * (gender values and values) never takes that other's files. */
	const char *marker;
};

extern const struct interchange_spec interchange_specs[STYR_ENTITY_COUNT];

/* Where an interchange text came from when it is not a CSV file of its
 * own: a workbook's sheet that import/xlsx.c turned into CSV text.  Then
 * messages name the sheet, the cell and the column instead of a line, and
 * a row's default source is "FILE:SHEET:ROW". */
struct interchange_origin {
	const char *sheet;
	/* row[line]: the sheet row that CSV line `line` (from 1) came from;
	 * col_at[line]: the sheet column of the fields in `override` (a
	 * budget sheet's month, one CSV line per month), or NULL */
	const int *row, *col_at;
	size_t nlines; /* entries in row and col_at */
	/* field_col[i]: the sheet column (1 = A) of CSV field i, 0 none */
	int field_col[INTERCHANGE_MAX_COLUMNS];
	unsigned override; /* bit i: field i's column is col_at[line] */
	/* col_names[c]: the sheet's header over column c, for messages */
	const char *const *col_names;
	int ncol_names;
};

/* One interchange text in memory: a CSV file read already, or a sheet. */
struct interchange_text {
	const char *name; /* the file, for messages */
	const char *text; /* borrowed, len bytes, UTF-8 */
	size_t len;
	const struct interchange_origin *origin; /* NULL: a CSV file */
};

/* Recognise each text's kind from its header and store all of them in
 * dependency order in one transaction: the one path that both the CSV and
 * the XLSX importer validate and store through. */
int interchange_import(struct styr_db *db, const struct interchange_text *texts, size_t n,
                       const struct styr_import_hook *hook, struct styr_import_stats *stats,
                       struct styr_err *err);

/* "D" for column 4, "AA" for 27: out holds at least 8 bytes. */
void interchange_column_name(int col, char *out);

#endif
