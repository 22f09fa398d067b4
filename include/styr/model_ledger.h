/*
 * The records of the economy: the resultaträkning's rows, amounts, rules,
 * SIE account balances, budget profiles, action plans and the
 * regionbidrag bridge (see ledger.h for the calculations).
 *
 * Type-only: the store reads and writes these records (db.h), the
 * library computes with them; neither depends on the other through here.
 */
#ifndef STYR_MODEL_LEDGER_H
#define STYR_MODEL_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

#define STYR_LEDGER_KIND_MAX 16

/* A row of the resultaträkning plan. */
struct styr_ledger_row {
	char code[STYR_CODE_MAX];   /* "summa_intakter" */
	char label[STYR_NAME_MAX];  /* "SUMMA INTÄKTER", as reports print it */
	char parent[STYR_CODE_MAX]; /* the subtotal it adds into; "" at the top */
	int position;               /* printed order */
	char sign[4];               /* "+" income, "-" cost, "" either (migration 0024) */
};

/* Accounts first..last (inclusive) of a chart map to row ("" keeps them
 * out of the resultaträkning). */
struct styr_account_range {
	int first, last;
	char row[STYR_CODE_MAX];
};

/* Money is stored exactly, in whole öre (migration 0018), and rounded to
 * tkr or Mkr once, when shown (styr_ore_round, ledger.h). */
#define STYR_ORE_PER_KR  INT64_C(100)
#define STYR_ORE_PER_TKR INT64_C(100000)
#define STYR_ORE_PER_MKR INT64_C(100000000)

/* One amount.  month 0 = the whole year; kind "utfall", "budget",
 * "prognos" or "avvikelse" (as a document printed it). */
struct styr_ledger_entry {
	char unit[STYR_CODE_MAX];
	char tab[STYR_CODE_MAX]; /* "" = the resultaträkning; else a partial table */
	int year;
	int month;
	char row[STYR_CODE_MAX];
	char kind[STYR_LEDGER_KIND_MAX];
	int64_t amount_ore; /* exact: an SIE month, a CSV amount as given; a
	                     * printed table's tkr × 100 000 */
	char source[STYR_SOURCE_MAX];
	/* 0: the amount of month.  Else a year sum (styr_ledger_year_each):
	 * amount_ore is the sum of these months (bit m for month m, 1..12),
	 * month the first of them. */
	unsigned months;
};

struct styr_ledger_filter {
	const char *unit; /* NULL: all */
	const char *tab;  /* NULL: all */
	int year;         /* 0: all */
	int year_last;    /* with year: the years year..year_last (0: year alone) */
};

/* A dimension of the ledger (migration 0023): SIE's #DIM number (1
 * kostnadsställe, 2 kostnadsbärare, 6 projekt, 7 anställd; styr's 20
 * verksamhet), a code for --by and a name. */
struct styr_ledger_dim {
	int dim;
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
};

/* An object of a dimension (SIE's #OBJEKT): a kostnadsställe "4711" and
 * the org unit whose ledger its amounts go to ("" none). */
struct styr_ledger_object {
	int dim;
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
	char unit[STYR_CODE_MAX];
};

/* An amount of one object under a unit's ledger row: the detail the
 * unit's row (or, for an SIE file mapped to units, the file's total)
 * breaks down into, exactly, in öre. */
struct styr_ledger_detail {
	char unit[STYR_CODE_MAX];
	int year;
	int month;
	char row[STYR_CODE_MAX];
	char kind[STYR_LEDGER_KIND_MAX];
	int dim;
	char object[STYR_CODE_MAX];
	int64_t amount_ore;
	char source[STYR_SOURCE_MAX];
};

/* A validation rule (docs/formats.md, "Rules").  check is "rows" (subject
 * row = Σ expr rows, or "children" of the subject in the plan) or "kinds"
 * (subject kind = expr over kinds, "utfall-budget"). */
struct styr_rule {
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
	char check[STYR_CODE_MAX];
	char subject[STYR_CODE_MAX];
	char expr[STYR_NAME_MAX];
	int64_t tolerance;       /* a difference up to this is a rounding note */
	char tab[STYR_CODE_MAX]; /* "*" = every table; "" = the resultaträkning */
};

/* An account balance from an SIE file, in öre. kind: "res", "ib", "ub",
 * "psaldo", "pbudget", "trans". month 0 for year figures. */
struct styr_account_balance {
	char unit[STYR_CODE_MAX];
	int year;
	int month;
	int account;
	char kind[8];
	int64_t amount_ore;
};

/* How a unit spreads a year budget over the months: twelve weights in
 * hundredths (8,5 is 850), each ≥ 0 and not all 0; only the proportions
 * matter.  row "" holds for every row of the unit without its own; year 0
 * for every budget year, any other year for that year's budget alone
 * (migration 0008), where it wins over the unit's year-0 profile for the
 * same row. */
struct styr_budget_profile {
	char unit[STYR_CODE_MAX];
	char row[STYR_CODE_MAX];
	int year;
	int weight[12];
};

/* An åtgärd of a plan (handlingsplan), with its economic effect in tkr. */
struct styr_action {
	char plan[STYR_CODE_MAX];
	char unit[STYR_CODE_MAX];
	char insatsomrade[STYR_NAME_MAX];
	char title[STYR_NAME_MAX];
	char owner[STYR_NAME_MAX];
	char due[STYR_DATE_MAX];
	char state[STYR_CODE_MAX]; /* planerad, pågår, genomförd, avbruten */
	bool has_expected, has_achieved;
	int64_t expected, achieved; /* tkr */
	char goal[STYR_CODE_MAX];   /* the goal it works towards; "" not given */
};

/* One figure of Bilaga 4A/4B.  amount: Mkr × 1000 (= tkr), or a percent
 * × 1000 for the steps upprakning_pct and andel. */
struct styr_bridge_line {
	int year;
	char unit[STYR_CODE_MAX];
	char step[STYR_CODE_MAX];
	char label[STYR_NAME_MAX];
	int64_t amount;
	char source[STYR_SOURCE_MAX];
};

#endif
