/*
 * The follow-up cycle around the goal hierarchy: uppdrag given to boards
 * and reported back on, the escalation of uppdrag that are not met
 * (seed 004 Tabell 3: påpekande → varning 1 → varning 2 → förlust av
 * uppdrag), and the follow-up calendar of a year (seed 003 Bilaga 6: which
 * months get an informationsrapport and which an analys med prognos that
 * the board decides on, the delårsrapport and the årsredovisning).
 *
 * An uppdrag is a goal (level uppdrag, or a delmål that boards report on)
 * whose responsible boards are its goal owners; struct styr_uppdrag adds
 * what only uppdrag have: a deadline, the dates it is reported on, and the
 * escalation step it has reached.  The step is changed only through
 * styr_uppdrag_escalate, which refuses transitions Tabell 3 does not allow
 * and records every step with its date, reason and decision maker.
 *
 * The calendar is generated from follow-up rules (one per year and kind of
 * report), so that a new year's plan is data, not code.
 *
 * Ownership: the structs own no heap memory; callbacks borrow their rows
 * for the duration of the call.
 */
#ifndef STYR_GOALS_H
#define STYR_GOALS_H

#include <stdio.h>

#include "model_goals.h"

struct styr_db;
struct styr_skipped_row;

/* "2024-03-31": checks the form and that the day exists. */
int styr_date_check(const char *text, struct styr_err *err);
/* Days from a to b (b - a) for two checked dates. */
long styr_date_diff(const char *a, const char *b);
/* The last day of the period, "2024-08-31". */
void styr_period_end_date(const struct styr_period *p, char *out, size_t size);

/* Move the uppdrag to step->to, refusing what Tabell 3 does not allow, a
 * date before the previous step's, or an empty reason or decision maker;
 * step->from is taken from the store.  Call inside a transaction. */
int styr_uppdrag_escalate(struct styr_db *db, const struct styr_escalation_step *step,
                          struct styr_err *err);
/* Expand one rule into calendar entries, in month order.  Monthly reports
 * cover the month; a delårsrapport covers January to the month (it is
 * cumulative); an årsredovisning the year. */
int styr_calendar_expand(const struct styr_followup_rule *r,
                         int (*cb)(void *ctx, const struct styr_calendar_entry *e), void *ctx,
                         struct styr_err *err);
/* The year's calendar from the stored rules, ordered by the end of the
 * period followed up, then by kind. */
int styr_calendar_each(struct styr_db *db, int year,
                       int (*cb)(void *ctx, const struct styr_calendar_entry *e), void *ctx,
                       struct styr_err *err);

/* What is due for a unit on a date: calendar entries of the date's year
 * and the year before, and the deadlines and reporting dates of the
 * uppdrag the unit owns. */
enum styr_due_state {
	STYR_DUE_DONE = 0, /* handed in */
	STYR_DUE_OPEN,     /* deadline today or later, within the horizon */
	STYR_DUE_LATE,     /* deadline passed, not handed in */
	STYR_DUE_UNDATED   /* the period has ended; the plan sets no deadline */
};

struct styr_due_item {
	enum styr_due_state state;
	char deadline[STYR_DATE_MAX];
	char what[STYR_NAME_MAX]; /* Swedish, for people */
	char goal[STYR_CODE_MAX]; /* "" for calendar entries */
	char source[STYR_SOURCE_MAX];
};

/* horizon_days: how far ahead an open item is listed. Items come in
 * deadline order. */
int styr_due_each(struct styr_db *db, const char *unit, const char *date, int horizon_days,
                  int (*cb)(void *ctx, const struct styr_due_item *it), void *ctx,
                  struct styr_err *err);
const char *styr_due_state_label(enum styr_due_state s);

/* probability × consequence, 0 when either is out of range. */
int styr_risk_value(const struct styr_internal_control *c);
/* Checks the scales (STYR_EINPUT naming the field) and stores. */
int styr_internal_control_put(struct styr_db *db, const struct styr_internal_control *c,
                              struct styr_err *err);

struct styr_index_part {
	char indicator[STYR_CODE_MAX];
	double weight;
	bool counted; /* has a value and a target */
	enum styr_status status;
	double attainment;   /* 0, 50 or 100 */
	double contribution; /* weight × attainment / Σ counted weights */
};

struct styr_index_result {
	char index[STYR_NAME_MAX];
	double value; /* 0-100; meaningful when counted > 0 */
	size_t counted, parts;
};

/* Compute an index for a unit and a year (values of the whole year);
 * part_cb is called per indicator, then the result is returned. */
int styr_index_compute(struct styr_db *db, const char *index, const char *unit, int year,
                       int (*part_cb)(void *ctx, const struct styr_index_part *p), void *ctx,
                       struct styr_index_result *out, struct styr_err *err);

/* The X-matris of a unit (seed 000's plan: goals × indicators × actions ×
 * owners), derived, never stored: one row per goal the unit owns, with the
 * chain of goals above it, its owners and the indicators that follow it
 * up.  Actions are not kept by this area; whoever keeps them (the economy
 * area's action plans) passes an actions hook, and without one the column
 * stays empty. */
#define STYR_XMATRIS_MAX 32

struct styr_xmatris_actions {
	/* Call cb once per action towards goal; return its non-zero to stop. */
	int (*each)(void *ctx, const char *goal,
	            int (*cb)(void *cb_ctx, const char *action, const char *owner), void *cb_ctx,
	            struct styr_err *err);
	void *ctx;
};

/* The hook filled from the action store (src/calc/action.c): the actions
 * of unit (NULL: every unit) whose goal column names the goal, or whose
 * insatsområde names it by code or title (plans that give no goal).
 * hook->ctx points at h, which the caller keeps while hook is in use. */
struct styr_action_hook {
	struct styr_db *db;
	const char *unit;
};
void styr_action_xmatris_hook(struct styr_action_hook *h, struct styr_db *db, const char *unit,
                              struct styr_xmatris_actions *hook);

struct styr_xmatris_row {
	struct styr_goal goal;
	char chain[STYR_XMATRIS_MAX][STYR_CODE_MAX]; /* parent, grandparent, … */
	int nchain;
	struct styr_goal_owner owners[STYR_XMATRIS_MAX];
	int nowners;
	char indicators[STYR_XMATRIS_MAX][STYR_CODE_MAX];
	int nindicators;
	char actions[STYR_XMATRIS_MAX][STYR_NAME_MAX];
	int nactions;
};

int styr_xmatris_each(struct styr_db *db, const char *unit,
                      const struct styr_xmatris_actions *actions,
                      int (*cb)(void *ctx, const struct styr_xmatris_row *row), void *ctx,
                      struct styr_err *err);

/* Import the uppdrag tables ("Mål och insatsområde | Delmål och uppdrag |
 * Ansvarig nämnd/styrelse") of a verksamhetsplan's text extract, and the
 * vision and övergripande mål the text states before them (as goals
 * REGION-VISION and REGION-OM1… of the organisation's region unit).  Each
 * table row becomes a delmål or uppdrag (with its "Nytt uppdrag YYYY" as valid_from)
 * under its insatsområde, under the övergripande mål already stored whose
 * title heads its table, with its boards as owners.  year counts the rows
 * new that year.  Rows and boards that cannot be read are listed in
 * out->skipped; the rest is stored in one transaction. */
struct styr_goal_text_result {
	size_t visions, overgripande; /* stated before the tables */
	size_t insatsomraden, delmal, uppdrag;
	size_t new_this_year;       /* uppdrag marked "Nytt uppdrag <year>" */
	size_t owners, huvudansvar; /* owner rows, of which huvudansvar */
	size_t marked_huvudansvar;  /* rows where one board is marked so */
	struct styr_skipped_row *skipped;
	size_t nskipped;
};
int styr_import_goal_text(struct styr_db *db, const char *path, int year,
                          struct styr_goal_text_result *out, struct styr_err *err);
void styr_goal_text_result_release(struct styr_goal_text_result *r);

#endif
