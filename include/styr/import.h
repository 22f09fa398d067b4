/*
 * Getting data into styr.  Every import is one transaction: either every
 * row of every file named is stored, or (on the first error) nothing is,
 * and the error names the file, the line, the column and what was expected.
 *
 * Ownership: paths are borrowed; result structs are the caller's, and
 * styr_report_text_result_release frees what an import listed in one.
 */
#ifndef STYR_IMPORT_H
#define STYR_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

/* The kinds of interchange CSV file, in the order they must be stored. */
enum styr_entity {
	STYR_ENTITY_ORG = 0,
	STYR_ENTITY_GOAL,
	STYR_ENTITY_INDICATOR,
	STYR_ENTITY_TARGET,
	STYR_ENTITY_VALUE,
	STYR_ENTITY_ANALYSIS, /* reports: analysis texts */
	/* Goals area (issue 7) */
	STYR_ENTITY_UPPDRAG,
	STYR_ENTITY_UPPDRAG_REPORT,
	STYR_ENTITY_ESCALATION,
	STYR_ENTITY_FOLLOWUP,
	STYR_ENTITY_INTERNAL_CONTROL,
	STYR_ENTITY_INDEX_WEIGHT,
	/* economy */
	STYR_ENTITY_LEDGER_ROW, /* the row plan, before the amounts that name its rows */
	STYR_ENTITY_LEDGER,
	STYR_ENTITY_RULE,
	STYR_ENTITY_ACTION,
	STYR_ENTITY_BRIDGE,
	STYR_ENTITY_PROFILE,      /* budget profiles (periodiseringsprofiler) */
	STYR_ENTITY_OPEN_DATA,    /* open data: publications, Kolada ids, official codes */
	STYR_ENTITY_GENDER_VALUE, /* values for women and men beside the total */
	STYR_ENTITY_COUNT
};

const char *styr_entity_name(enum styr_entity e); /* "org", "goals", ... */
int styr_entity_parse(const char *text, enum styr_entity *out, struct styr_err *err);

/* rows: every row read of a kind.  For the kinds whose stored row the
 * importer compares (styr_import_compares), rows = added + changed +
 * unchanged, and an unchanged row is not written again. */
struct styr_import_hook;
struct styr_import_stats {
	size_t rows[STYR_ENTITY_COUNT];
	size_t added[STYR_ENTITY_COUNT];
	size_t changed[STYR_ENTITY_COUNT];
	size_t unchanged[STYR_ENTITY_COUNT];
};
/* Whether an import tells added, changed and unchanged rows of a kind
 * apart (org, indicators, targets, values, ledger); the other kinds are
 * stored again as they come, which leaves equal rows as they were. */
bool styr_import_compares(enum styr_entity e);
/* One stored field an import changes (or, in a dry run, would change). */
struct styr_import_change {
	enum styr_entity kind;
	const char *where; /* the row in the input: "a.csv:3" or "a.xlsx: blad ..., rad 3" */
	const char *key;   /* the row's key as read: "ID0069 LKR 2024" */
	const char *field; /* "value", "target", "amount", "name", ... */
	const char *old_text, *new_text;
	const char *unit;                 /* the row's unit, "" none */
	const struct styr_period *period; /* values: the period, else NULL */
};

/* Import interchange CSV files (docs/formats.md), recognising each file's
 * kind from its header and storing them in dependency order. */
int styr_import_csv(struct styr_db *db, const char *const *paths, size_t npaths,
                    struct styr_import_stats *stats, struct styr_err *err);
/* The same for one file already in memory; name stands for its path in
 * messages. */
/* The same with a hook (NULL: none), e.g. for a dry run. */
int styr_import_csv_hook(struct styr_db *db, const char *const *paths, size_t npaths,
                         const struct styr_import_hook *hook, struct styr_import_stats *stats,
                         struct styr_err *err);
int styr_import_csv_text(struct styr_db *db, const char *name, const char *text, size_t len,
                         struct styr_import_stats *stats, struct styr_err *err);

/* Called inside an import's transaction once every row is stored, before
 * the commit (the web audits an upload there, so that the import and its
 * audit entry are one transaction): non-zero rolls all of it back. */
struct styr_import_hook {
	int (*before_commit)(void *ctx, struct styr_db *db, const struct styr_import_stats *stats,
	                     struct styr_err *err);
	void *ctx;
	/* Rehearse: everything as in an import, then rolled back, so that
	 * stats and on_change tell what the import would do. */
	bool dry_run;
	/* Called (NULL: not) for every field of a stored row that changes. */
	void (*on_change)(void *ctx, const struct styr_import_change *c);
	/* The most data rows one import may hold, all files together; 0:
	 * STYR_IMPORT_ROWS_MAX.  The row after the last one allowed is
	 * refused, naming its file and line, and nothing is stored. */
	size_t max_rows;
};
/* A region's three years of monthly values (1 000 units, 100 indicators)
 * are 3,6 million rows; an import ten times that is a mistake. */
#define STYR_IMPORT_ROWS_MAX ((size_t)5000000)

/* Import XLSX workbooks (docs/formats.md, "XLSX"): a sheet per
 * interchange kind, recognised by its header row as a CSV file is, and a
 * sheet named "budget" with the months as columns; all sheets of all
 * workbooks in one transaction, errors naming file, sheet, cell and
 * column. */
int styr_import_xlsx(struct styr_db *db, const char *const *paths, size_t npaths,
                     struct styr_import_stats *stats, struct styr_err *err);
int styr_import_xlsx_hook(struct styr_db *db, const char *const *paths, size_t npaths,
                          const struct styr_import_hook *hook, struct styr_import_stats *stats,
                          struct styr_err *err);
/* The same for one workbook in memory (an upload); name stands for its
 * path in messages, data and hook (NULL: none) are borrowed. */
int styr_import_xlsx_data(struct styr_db *db, const char *name, const void *data, size_t len,
                          const struct styr_import_hook *hook, struct styr_import_stats *stats,
                          struct styr_err *err);

/* Install the generic validation rules (data/rules/generic.csv, carried by
 * the binary) when the database has no rules; *installed tells how many. */
int styr_rules_install_generic(struct styr_db *db, size_t *installed, struct styr_err *err);

/* One table row of a report that could not be imported, and why. */
struct styr_skipped_row {
	int line;
	char reason[256];
};

struct styr_report_text_result {
	size_t indicators; /* indicators created or updated */
	size_t targets;
	size_t values;
	struct styr_skipped_row *skipped; /* rows that were not imported */
	size_t nskipped;
	size_t ledger_amounts; /* economy: resultaträkning amounts stored */
};

/* Import the indicator tables ("Indikator ID-nr. Mål 2024 2023 2022") of
 * a report's text extract for one unit.  year is the report's year: the
 * "Mål" column is stored as that year's target.  Rows that cannot be read
 * are listed in out->skipped, never dropped silently. */
int styr_import_report_text(struct styr_db *db, const char *path, const char *unit, int year,
                            struct styr_report_text_result *out, struct styr_err *err);
void styr_report_text_result_release(struct styr_report_text_result *r);

/* Read a whole file into memory, refusing text that is not UTF-8 (naming
 * the line) and files over max bytes.  A UTF-8 byte-order mark is dropped.
 * The caller frees *out. */
int styr_file_read_text(const char *path, size_t max, char **out, size_t *len,
                        struct styr_err *err);

#endif
