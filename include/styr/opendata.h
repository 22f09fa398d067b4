/*
 * Open data: the indicators a region publishes, in the shape of Kolada
 * (the national KPI database), for anyone to read without a login.
 * Publishing is a decision per indicator with the date it holds from; an
 * indicator may carry its Kolada KPI id (N79010) and an org unit its
 * official municipality or region code (1200), so Kolada's clients can ask
 * by the ids they know.  Only yearly values of published indicators whose
 * unit's report for that year is approved are open.
 *
 * Ownership: the structs own no heap memory; every function borrows its
 * arguments.
 */
#ifndef STYR_OPENDATA_H
#define STYR_OPENDATA_H

#include "model_open.h"

struct styr_db;

/* --- decisions, each one transaction --- */
/* Publish indicator from date ("YYYY-MM-DD"), or withdraw it (date NULL
 * or ""); its Kolada id stays.  Withdrawing records the values that were
 * open (styr_open_withdrawn_put), for Kolada's is_deleted. */
int styr_publish(struct styr_db *db, const char *indicator, const char *date, struct styr_err *err);
/* Publish (or withdraw) every indicator linked to goal, a group of
 * indicators as Kolada's kpi_groups are; STYR_EINPUT when it has none. */
int styr_publish_goal(struct styr_db *db, const char *goal, const char *date, struct styr_err *err);
/* Set (or with "" clear) the Kolada KPI id of indicator. */
int styr_kolada_id_set(struct styr_db *db, const char *indicator, const char *kolada_id,
                       struct styr_err *err);
/* Set (or with "" clear) the official code of unit. */
int styr_official_code_set(struct styr_db *db, const char *unit, const char *code,
                           struct styr_err *err);

#endif
