/*
 * The records of the follow-up cycle: uppdrag with their reports and
 * escalation steps, the follow-up calendar's rules, internal control and
 * the weights of goal attainment indices (see goals.h).
 *
 * Type-only: the store reads and writes these records (db.h), the
 * library computes with them; neither depends on the other through here.
 */
#ifndef STYR_MODEL_GOALS_H
#define STYR_MODEL_GOALS_H

#include <stdbool.h>

#include "model.h"

#define STYR_UPPDRAG_DATES_MAX 12

/* Escalation steps of seed 004 Tabell 3, in order; the number is the
 * "STEG" column. */
enum styr_escalation {
	STYR_ESC_NONE = 0,
	STYR_ESC_PAPEKANDE = 1, /* påpekande: tidigarelagd ny mätning */
	STYR_ESC_VARNING1 = 2,  /* varning 1: extra verksamhetsdialog */
	STYR_ESC_VARNING2 = 3,  /* varning 2: medicinsk revision */
	STYR_ESC_FORLUST = 4    /* förlust av uppdrag: flyttas till annan producent */
};
#define STYR_ESC_COUNT 5

struct styr_uppdrag {
	char goal[STYR_CODE_MAX];
	char deadline[STYR_DATE_MAX]; /* "" when none is given */
	char report_dates[STYR_UPPDRAG_DATES_MAX][STYR_DATE_MAX];
	int nreport_dates;
	enum styr_escalation level; /* read only: set by styr_uppdrag_escalate */
};

/* What a board reports on an uppdrag. */
enum styr_uppdrag_status {
	STYR_UPPDRAG_EJ_PABORJAT = 0,
	STYR_UPPDRAG_PAGAR,
	STYR_UPPDRAG_GENOMFORT,
	STYR_UPPDRAG_FORSENAT,
	STYR_UPPDRAG_EJ_GENOMFORT
};

struct styr_uppdrag_report {
	char goal[STYR_CODE_MAX];
	char unit[STYR_CODE_MAX];
	char date[STYR_DATE_MAX];
	enum styr_uppdrag_status status;
	char text[STYR_TEXT_MAX / 4];
	char source[STYR_SOURCE_MAX];
};

struct styr_escalation_step {
	char goal[STYR_CODE_MAX];
	int seq; /* 1, 2, ... per uppdrag; set by the store */
	char date[STYR_DATE_MAX];
	enum styr_escalation from, to;
	char reason[STYR_NAME_MAX];
	char decided_by[STYR_NAME_MAX];
};

/* Kinds of report in the follow-up calendar (seed 003 Bilaga 6). */
enum styr_report_kind {
	STYR_FOLLOWUP_INFORMATION = 0, /* månadsuppföljning, informationsärende */
	STYR_FOLLOWUP_ANALYS,          /* med analys och prognos, beslutsärende */
	STYR_FOLLOWUP_DELAR,           /* delårsrapport */
	STYR_FOLLOWUP_ARSREDOVISNING,  /* årsredovisning */
	STYR_FOLLOWUP_KVARTAL          /* kvartalsrapport to the regionstyrelse */
};

/* One rule of a year's follow-up plan: kind of report, the months it
 * follows up (bit m-1 for month m), and its deadline: a date, "+N" for N
 * days after the end of the month followed up, or "" when the plan gives
 * none.  decision: the board decides on it (beslutsärende) rather than
 * only taking note (informationsärende). */
struct styr_followup_rule {
	int year;
	enum styr_report_kind kind;
	unsigned months;
	char deadline[16];
	bool decision;
	char source[STYR_SOURCE_MAX];
};

/* One generated entry: the report for period, due by deadline ("" none). */
struct styr_calendar_entry {
	enum styr_report_kind kind;
	struct styr_period period;
	char deadline[STYR_DATE_MAX];
	bool decision;
	char source[STYR_SOURCE_MAX];
};

/* That unit handed in the report on a calendar entry. */
struct styr_followup_done {
	char unit[STYR_CODE_MAX];
	enum styr_report_kind kind;
	struct styr_period period;
	char date[STYR_DATE_MAX];
};

const char *styr_escalation_name(enum styr_escalation e); /* "påpekande" */
int styr_escalation_parse(const char *text, enum styr_escalation *out, struct styr_err *err);
/* What the step means in Tabell 3's ÅTGÄRD column. */
const char *styr_escalation_action(enum styr_escalation e);
/* STYR_OK when Tabell 3 allows going from one step to the other, else
 * STYR_EINPUT with a message saying which steps are allowed. */
int styr_escalation_check(enum styr_escalation from, enum styr_escalation to, struct styr_err *err);
const char *styr_uppdrag_status_name(enum styr_uppdrag_status s);
int styr_uppdrag_status_parse(const char *text, enum styr_uppdrag_status *out,
                              struct styr_err *err);
const char *styr_report_kind_name(enum styr_report_kind k);
int styr_report_kind_parse(const char *text, enum styr_report_kind *out, struct styr_err *err);

/* Internkontroll: one risk of a unit's plan for internal control for a
 * year (seed 001 lines 749-751 require the plan; its rows are the usual
 * risk analysis).  Probability and consequence are 1-4; the risk value
 * is their product, 1-16. */
#define STYR_RISK_SCALE_MAX 4

struct styr_internal_control {
	char unit[STYR_CODE_MAX];
	int year;
	char risk[STYR_NAME_MAX];
	int probability, consequence;
	char control[STYR_NAME_MAX]; /* kontrollmoment */
	char responsible[STYR_NAME_MAX];
	char frequency[STYR_CODE_MAX];   /* "månad", "tertial", "delår och år" */
	char result[STYR_TEXT_MAX / 4];  /* what the control found */
	char actions[STYR_TEXT_MAX / 4]; /* follow-up actions */
};

/* The goal attainment index of seed 004: an index is a weighted sum of
 * its indicators' goal attainment, the weights being data.  An
 * indicator's attainment is 100 when its value meets the target, 50 when
 * near (nära), 0 when not met; indicators without a value or target are
 * listed but left out of the sum, so that a missing figure does not count
 * as failure. */
struct styr_index_weight {
	char index[STYR_NAME_MAX];
	char indicator[STYR_CODE_MAX];
	double weight;
};

#endif
