/*
 * Private to the exporters.  One table in export.c lists every kind of
 * export: the walk that reads its rows from the store, the writer of its
 * CSV rows and the writer of its JSON lines.  An area's walks and writers
 * live in its file (export_econ.c, export_goals.c) and are declared here.
 *
 * A walk gives each row to export_row, which hands it to the writer the
 * run chose, as the kind's struct (struct styr_org_unit for org, ...).
 * The store's walkers are typed per kind, so each kind has a small
 * adapter that forwards its rows to export_row.  A CSV writer gives its
 * cells to run->put_cells: a CSV line, or, for a kind whose JSON lines are
 * its CSV columns (the economy's), a JSON object.
 */
#ifndef STYR_EXPORT_INT_H
#define STYR_EXPORT_INT_H

#include <jansson.h>
#include <stdio.h>

#include "styr/import.h"

struct pairs;

/* One export under way.  Everything it points to is borrowed. */
struct export_run {
	struct styr_db *db;
	const struct styr_value_filter *f; /* NULL: everything */
	FILE *out;
	struct styr_err *err;
	/* the kind's CSV or JSON writer; row is the kind's struct */
	int (*write)(struct export_run *run, const void *row);
	/* a CSV writer's cells, as a CSV line or as a JSON object */
	int (*put_cells)(struct export_run *run, const char *const *cells, size_t n);
	const char *const *columns; /* the interchange columns: JSON keys */
	size_t ncolumns;            /* how many of them this export writes */
	unsigned numbers;           /* COLUMN_BIT of the cells that are JSON numbers */
	struct pairs *pairs;        /* export.c: each row's aliases, owners or goals */
	struct styr_indicator ind;  /* values' JSON: the indicator of the run of values */
};

/* The walkers' callback: hands row to run->write. */
int export_row(void *run, const void *row);

/* Write o as one JSON line and release it. */
int export_json_line(struct export_run *run, json_t *o);

/* economy (export_econ.c): walks and CSV writers; their JSON is the CSV's
 * cells. */
int export_ledger_row_walk(struct export_run *run);
int export_ledger_row_csv(struct export_run *run, const void *row);
int export_ledger_walk(struct export_run *run);
int export_ledger_csv(struct export_run *run, const void *row);
/* Whether the export's ledger has kostnadsställe detail: only then does
 * it carry the column kostnadsstalle, so other exports stay as they were. */
bool export_ledger_has_detail(struct export_run *run);
int export_rule_walk(struct export_run *run);
int export_rule_csv(struct export_run *run, const void *row);
int export_action_walk(struct export_run *run);
int export_action_csv(struct export_run *run, const void *row);
int export_bridge_walk(struct export_run *run);
int export_bridge_csv(struct export_run *run, const void *row);
int export_profile_walk(struct export_run *run);
int export_profile_csv(struct export_run *run, const void *row);

/* Goals area (export_goals.c): JSON lines. */
int export_uppdrag_json(struct export_run *run, const void *row);
int export_uppdrag_report_json(struct export_run *run, const void *row);
int export_escalation_json(struct export_run *run, const void *row);
int export_followup_json(struct export_run *run, const void *row);
int export_internal_control_json(struct export_run *run, const void *row);
int export_index_weight_json(struct export_run *run, const void *row);

#endif
