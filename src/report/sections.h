/*
 * Report sections whose figures come from other areas of styr (the
 * ledgers, the action plans, the uppdrag and the X-matris), kept apart
 * from reports.c so that the report builder stays about the indicators.
 *
 * Each function adds its tables, charts and lists to the document and
 * sets *any when it found figures; the caller then says in words that
 * there are none when it did not, and adds the analyses of the section.
 *
 * Ownership: everything in struct section is borrowed from the caller.
 */
#ifndef STYR_REPORT_SECTIONS_H
#define STYR_REPORT_SECTIONS_H

#include <stdbool.h>

#include "report/doc.h"
#include "styr/db.h"

struct section {
	struct styr_db *db;
	struct doc *doc;
	const struct styr_org_unit *unit;
	int year;
	int months;        /* 1..12: the report covers January..months */
	const char *label; /* the period as printed: "2024", "jan–apr 2024" */
	const char *prev;  /* the same months a year earlier */
	bool forecast;     /* the report carries a helårsprognos */
	struct styr_err *err;
};

/* The resultaträkning, budget against utfall, resultatutveckling and
 * what styr check finds in the figures. */
int section_economy_figures(const struct section *s, bool *any);
/* A child unit's resultaträkning alone (the report's --children): the
 * library's table of the unit, rolled up along the tree, captioned with
 * its name. */
int section_economy_child(const struct section *s, bool *any);
/* Bilaga: the resultat per kostnadsställe from the unit's ledger detail,
 * one line per object and their sum; nothing when there is no detail. */
int section_dims_figures(const struct section *s, bool *any);
/* The production table (indicators of category produktion, placed by their
 * codes PROD-<group>-<row>) with its avvikelser, and the medelvårdtid and
 * beläggning derived from it. */
int section_production_figures(const struct section *s, bool *any);
/* The unit's staff figures (the indicators report_staff_indicator picks)
 * for the period and the same months a year earlier, and the ledger's
 * partial tables (personnel costs). */
int section_personnel_figures(const struct section *s, bool *any);
/* Whether an indicator is a staff figure rather than a quality indicator:
 * its name starts with anställda, sjukfrånvaro, övertid, hyrpersonal or
 * inhyrd personal (any case).  The Medarbetare section shows these. */
bool report_staff_indicator(const struct styr_indicator *ind);
/* The unit's action plans with their genomförandegrad. */
int section_actions_figures(const struct section *s, bool *any);
/* Verksamhetsplan: the budget of the year. */
int section_budget_figures(const struct section *s, bool *any);
/* Verksamhetsplan: the uppdrag the unit's board has and the X-matris. */
int section_uppdrag_figures(const struct section *s, bool *any);

#endif
