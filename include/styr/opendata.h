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

#include "model.h"

struct styr_db;

/* An indicator's publication: published is "YYYY-MM-DD" from which it is
 * public, "" when it is not; kolada_id "" when it has none. */
struct styr_open_indicator {
	char indicator[STYR_CODE_MAX];
	char kolada_id[STYR_CODE_MAX];
	char published[STYR_DATE_MAX];
};

/* An org unit's official municipality or region code ("1200"). */
struct styr_open_unit {
	char unit[STYR_CODE_MAX];
	char official_code[STYR_CODE_MAX];
};

/* A value for women ("K") or men ("M") beside the total that struct
 * styr_value holds (Kolada's gender "T"); numerator and denominator are
 * not kept for them. */
struct styr_gender_value {
	struct styr_value value;
	char gender[2];
};

/* An open value: a yearly value as styr_value_each gives it, its gender
 * ("T" the total, "K", "M"), and when it last changed
 * ("YYYY-MM-DDTHH:MM:SSZ"). */
struct styr_open_value {
	struct styr_value value;
	char gender[2];
	char changed[24];
};

/* --- store operations --- */
/* Store o; a row with neither a date nor a Kolada id is removed. */
int styr_open_indicator_put(struct styr_db *db, const struct styr_open_indicator *o,
                            struct styr_err *err);
int styr_open_indicator_each(struct styr_db *db,
                             int (*cb)(void *ctx, const struct styr_open_indicator *o), void *ctx,
                             struct styr_err *err);
/* Store u; official_code "" removes the unit's code. */
int styr_open_unit_put(struct styr_db *db, const struct styr_open_unit *u, struct styr_err *err);
int styr_open_unit_each(struct styr_db *db, int (*cb)(void *ctx, const struct styr_open_unit *u),
                        void *ctx, struct styr_err *err);
/* Store a gender value (gender "K" or "M", else STYR_EINPUT). */
int styr_gender_value_put(struct styr_db *db, const struct styr_gender_value *v,
                          struct styr_err *err);
/* Every gender value, by indicator, unit, period and gender. */
int styr_gender_value_each(struct styr_db *db,
                           int (*cb)(void *ctx, const struct styr_gender_value *v), void *ctx,
                           struct styr_err *err);
/* The open values on date today ("YYYY-MM-DD"): whole years of
 * indicators published on or before today, for units whose year is
 * approved (their own report or one above them); ordered by indicator,
 * unit, year and gender (T, K, M). */
int styr_open_value_each(struct styr_db *db, const char *today,
                         int (*cb)(void *ctx, const struct styr_open_value *v), void *ctx,
                         struct styr_err *err);

/* A withdrawn open value (its indicator unpublished): value.indicator,
 * value.unit, value.period.year and gender say which, changed when. */
int styr_open_withdrawn_put(struct styr_db *db, const struct styr_open_value *v,
                            struct styr_err *err);
/* Every withdrawal, by indicator, unit, year and gender. */
int styr_open_withdrawn_each(struct styr_db *db,
                             int (*cb)(void *ctx, const struct styr_open_value *v), void *ctx,
                             struct styr_err *err);

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
