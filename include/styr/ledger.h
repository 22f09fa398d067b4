/*
 * The economy of a unit: its resultaträkning (ledger) per year and month
 * with utfall, budget and prognos; the row plan that makes the rows a tree
 * (SUMMA INTÄKTER is the sum of the income rows, RESULTAT of the two
 * sums); the validation rules that check the figures against each other;
 * and SIE4 account balances.
 *
 * Stored amounts are whole öre in int64_t (STYR_ORE_PER_TKR a tkr): sums,
 * deviations and forecasts are exact, never floating point; a figure is
 * rounded to tkr or Mkr once, when it is shown (styr_ore_round), so that a
 * table line holds tkr each rounded once from its exact öre.
 *
 * Ownership: structs own no heap memory; callbacks get borrowed rows.
 */
#ifndef STYR_LEDGER_H
#define STYR_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "model_ledger.h"
#include "rollup.h"

struct styr_buf;

int styr_ledger_kind_check(const char *kind, struct styr_err *err);

/* ---- calculations (src/calc/ledger.c) ---- */

/* a / b rounded half away from zero; b != 0. */
int64_t styr_div_round(int64_t a, int64_t b);

/* The one rounding of money for people and reports: ore in units of
 * per_unit öre (STYR_ORE_PER_TKR, STYR_ORE_PER_MKR), half away from zero
 * (50 000 öre = 0,5 tkr gives 1; −150 000 öre gives −2).  Everything
 * before it is exact; nothing rounded by it is added up again. */
int64_t styr_ore_round(int64_t ore, int64_t per_unit);

/* Exact öre as tkr for interchange files: decimal comma, the decimals
 * needed and no more, ASCII minus ("-718,78123", "12,5", "-1389"), which
 * styr_amount_parse_ore(…, 5, …) reads back to the same öre. */
void styr_ore_tkr_text(char *buf, size_t size, int64_t ore);

/* The part of a year budget that falls in months first..last (1..12),
 * periodised by weights (12 non-negative weights, NULL: flat).  The
 * cumulative budget is rounded, so the twelve months add up to the year
 * exactly. */
int64_t styr_budget_period(int64_t year_budget, const int *weights, int first, int last);

/* Change from prev to cur in hundredths of a percent of |prev|, rounded
 * half away from zero (448 659 vs 413 139 gives 860 = 8,60 %).  Returns
 * false when prev is 0 (no percentage exists). */
bool styr_change_pct100(int64_t cur, int64_t prev, int64_t *out);

/* Helårsprognos when none is given: utfall to date (months 1..done) plus
 * the budget of the months left. */
int64_t styr_forecast_year(int64_t utfall_to_date, int64_t year_budget, const int *weights,
                           int done);

/* One row of a unit's resultaträkning for a period, with what is derived
 * from it.  has_* say which figures exist.  The figures are tkr as shown:
 * each is derived exactly in öre and then rounded once (styr_ore_round),
 * so a line's avvikelse is utfall − budget rounded, not the difference of
 * two rounded figures, and the percent is that of the exact amounts. */
struct styr_ledger_line {
	struct styr_ledger_row row;
	bool has_prev, has_utfall, has_budget, has_prognos, has_printed_avvikelse, has_pct;
	int64_t prev_utfall;       /* same period of the year before */
	int64_t utfall;            /* the period */
	int64_t budget;            /* the period's budget (periodised) */
	int64_t avvikelse;         /* utfall − budget */
	int64_t printed_avvikelse; /* as a document printed it */
	int64_t forandring;        /* utfall − prev_utfall */
	int64_t forandring_pct100; /* in hundredths of a percent */
	int64_t prognos;           /* helårsprognos: given, or derived */
	bool prognos_derived;
	/* How the year budget was spread over the months (budget or derived
	 * prognos of part of a year from a year figure): periodised says it
	 * was; profile_unit/profile_row/profile_year name the stored profile
	 * used ("" and "": flat, or the caller's weights); profile_row "" is
	 * the unit's profile for every row, profile_year 0 its profile for
	 * every year. */
	bool periodised;
	char profile_unit[STYR_CODE_MAX];
	char profile_row[STYR_CODE_MAX];
	int profile_year;
	/* A sum row (SUMMA INTÄKTER, RESULTAT) whose periodised budget is
	 * the sum of its rows' periodised budgets, so that the table adds up
	 * whatever profiles its rows have. */
	bool budget_summed;
};

/* The row plan as read once for a walk over amounts: the store gives
 * amounts in row code order, the plan lists rows in its own, so next[i]
 * is the row whose code follows row i's (n after the last) and first the
 * lowest code's; finding the next amount's row is then one comparison
 * (the tables, styr check). */
struct styr_row_plan {
	struct styr_ledger_row *rows;
	size_t n, cap;
	size_t *next, first;
};
int styr_row_plan_load(struct styr_db *db, struct styr_row_plan *p, struct styr_err *err);
/* The row of code: tried first the one after row before (n: none), then
 * the lowest code's, then every row; n when the plan has none. */
size_t styr_row_plan_find(const struct styr_row_plan *p, size_t before, const char *code);
void styr_row_plan_release(struct styr_row_plan *p);

struct styr_ledger_table {
	struct styr_ledger_line *lines; /* in printed order, only rows with figures */
	size_t n;
	/* The units whose figures it holds: the unit's own, and for each kind
	 * and year it has none of, the units' below it (styr_ledger_rollup_each,
	 * rollup.h); from.below > 0 makes it a roll-up. */
	struct styr_ledger_rollup from;
	/* Like with like: months is the period asked (January..months);
	 * compared has bit m (1..12) set for each month whose utfall and
	 * budget the lines hold, the period less missing, the months of it
	 * without utfall when the year has monthly utfall and no year figure
	 * (month 0, which covers the whole year).  An årsredovisning of a
	 * year with utfall for jan–aug compares jan–aug with the budget of
	 * jan–aug, never with the year's; the helårsprognos stays the whole
	 * year's.  missing is 0 when nothing is missing (and for a year
	 * without utfall, a budget year). */
	int months;
	unsigned compared, missing;
};

/* The months of mask (bit m for month m, 1..12) as runs: "jan–aug",
 * "jan–mar, maj–aug", "dec"; "" when none. */
void styr_month_mask_text(char *buf, size_t size, unsigned mask);

/* Build the table for unit, tab ("" = the resultaträkning), year and the
 * months 1..months (12: the whole year).  weights: a budget profile for
 * every row (--profile); NULL: each row's stored profile as
 * styr_profile_lookup_find picks it, flat where none is stored.  The
 * figures are the unit's rolled up along the org tree (rollup.h): a
 * hospital without a ledger of its own shows the exact sum of its units'.
 * A year budget of units added up is periodised by the profile of unit
 * (its own or its parents'), not each unit's.  Release with
 * styr_ledger_table_release. */
/* How far the year's utfall reaches for unit and tab: *months is the last
 * month with an utfall figure (12 when a whole-year figure exists, 0 when
 * there is none), *missing has bit m set for each month before it without
 * one, so that a page compares jan–aug with jan–aug and names a gap
 * instead of comparing it with a budget. */
int styr_ledger_utfall_months(struct styr_db *db, const char *unit, const char *tab, int year,
                              int *months, unsigned *missing, struct styr_err *err);

int styr_ledger_table_build(struct styr_db *db, const char *unit, const char *tab, int year,
                            int months, const int *weights, struct styr_ledger_table *out,
                            struct styr_err *err);
/* The whole year's budget beside the utfall of the year before, as a
 * verksamhetsplan shows it: the table of months 12 without the
 * like-with-like cut (a plan year with some months of utfall still shows
 * its whole budget); no avvikelse is meant to be read from it. */
int styr_ledger_budget_table_build(struct styr_db *db, const char *unit, const char *tab, int year,
                                   struct styr_ledger_table *out, struct styr_err *err);
/* The table of each unit directly below unit that existed in year (in
 * the tree's order), as styr_ledger_table_build builds it, the org tree
 * read once for all of them: cb gets the unit and its table, both
 * borrowed, and returns 0 to go on.  For a region of 10 000 units. */
int styr_ledger_tables_below(struct styr_db *db, const char *unit, const char *tab, int year,
                             int months, const int *weights,
                             int (*cb)(void *ctx, const struct styr_org_unit *u,
                                       const struct styr_ledger_table *t),
                             void *ctx, struct styr_err *err);
void styr_ledger_table_release(struct styr_ledger_table *t);
/* One figure everywhere: every page, export and report shows a line's
 * avvikelse as derived (utfall − budget); where a document printed another
 * figure, this writes the note that goes with it, "tryckt i underlaget:
 * −20 467 (skillnad 1)", into buf and returns true.  Returns false, with
 * buf "", when nothing was printed or the printed figure agrees. */
bool styr_ledger_avvikelse_note(const struct styr_ledger_line *l, char *buf, size_t size);
/* Append the sentence that says how t's year budgets were spread over its
 * months: each stored profile used (with its rows, when it did not spread
 * them all), flat, and that the sum rows are the sums of their rows.
 * Appends nothing when no budget was periodised (a whole year, or the
 * caller's --profile weights). */
int styr_ledger_periodisation_text(const struct styr_ledger_table *t, struct styr_buf *out,
                                   struct styr_err *err);
/* Append, when t's period has months without utfall, the sentence that
 * says so and what is compared instead: "Utfall saknas för sep–dec 2024:
 * utfall och budget jämförs för jan–aug 2024, de månader som har utfall."
 * year is t's.  Appends nothing when no month is missing. */
int styr_ledger_missing_text(const struct styr_ledger_table *t, int year, struct styr_buf *out,
                             struct styr_err *err);

/* ---- budget profiles (periodiseringsprofiler, src/calc/profile.c) ---- */

/* Refuse weights styr cannot periodise by (negative, all zero). */
int styr_budget_profile_check(const struct styr_budget_profile *p, struct styr_err *err);

#define STYR_PROFILE_CHAIN_MAX 16

/* The profiles that may periodise one unit's budget of one year: the
 * unit's own and its parents' up to the top, for that year or for every
 * year, read once so that a table of twenty rows costs one walk.  Owns
 * profiles; release with styr_profile_lookup_release. */
struct styr_profile_lookup {
	char chain[STYR_PROFILE_CHAIN_MAX][STYR_CODE_MAX]; /* the unit, its parent, … */
	int nchain;
	int year; /* the budget year asked about */
	struct styr_budget_profile *profiles;
	size_t n, cap;
};

/* year: the budget year of the table to periodise (0: profiles for every
 * year only). */
int styr_profile_lookup_init(struct styr_db *db, const char *unit, int year,
                             struct styr_profile_lookup *l, struct styr_err *err);
/* The profile for row of l's year: the nearest unit of the chain that has
 * one for the row itself, else for every row ("") — a unit's own profile
 * for all rows wins over a parent's for the row.  At each of these steps a
 * profile for l's year wins over one for every year (year 0).  NULL: none
 * (flat).  Borrowed from l. */
const struct styr_budget_profile *styr_profile_lookup_find(const struct styr_profile_lookup *l,
                                                           const char *row);
void styr_profile_lookup_release(struct styr_profile_lookup *l);

/* ---- validation rules (src/calc/check.c) ---- */

/* Refuse a rule whose check or expression styr cannot run. */
int styr_rule_check(const struct styr_rule *r, struct styr_err *err);

struct styr_finding {
	const struct styr_rule *rule;
	char unit[STYR_CODE_MAX];
	char tab[STYR_CODE_MAX];
	int year, month;
	char where[STYR_NAME_MAX]; /* the row or kind the rule checked: "utfall", "RESULTAT" */
	char left_label[STYR_NAME_MAX];
	char right_label[STYR_NAME_MAX]; /* what the left side should equal: "utfall-budget" */
	int64_t left, right, diff;       /* diff = left − right */
	bool rounding;                   /* |diff| within the rule's tolerance */
	/* the data cannot settle it (an uppräkning of 0 where the rule
	 * expects one: is the unit raised at all?); neither fel nor
	 * avrundning, as styr proof's oklart */
	bool unclear;
	/* where the checked figure (the left side) came from, as stored:
	 * "FILE:LINE" (a CSV file), "FILE:LINE (rapporttext)", "FILE (SIE)",
	 * "USER at TIME" (typed in the web), "" when unknown */
	char source[STYR_SOURCE_MAX];
};

struct styr_check_stats {
	size_t rules, checked, errors, notes, unclear;
};

/* The data a finding is about in the user's words, from its source:
 * "i de inlästa uppgifterna (fil.csv:12)", "i rapporttexten (r.txt:40)",
 * "i bokföringen (fil.se, SIE)", "inmatat av anna (2024-05-01T…)"; ""
 * when the source is empty. */
void styr_finding_source_text(const char *source, char *buf, size_t size);

/* Run every stored rule over the ledger (filtered by f), calling cb for
 * each violation.  cb returns 0 to go on. */
int styr_check_run(struct styr_db *db, const struct styr_ledger_filter *f,
                   int (*cb)(void *ctx, const struct styr_finding *fd), void *ctx,
                   struct styr_check_stats *stats, struct styr_err *err);

/* ---- action plans ---- */

int styr_action_state_check(const char *state, struct styr_err *err);

/* Genomförandegrad = achieved / expected in tenths of a percent, rounded
 * (5 800 of 7 800 gives 744 = 74,4 %); false when expected is 0. */
bool styr_completion_permille(int64_t achieved, int64_t expected, int64_t *out);

/* A plan's totals over its actions of one unit: expected and achieved
 * effect in tkr (an action without a figure adds nothing; has_* say
 * whether any action had one), and the genomförandegrad in tenths of a
 * percent when both exist and expected is not 0 (has_completion). */
struct styr_action_plan {
	char plan[STYR_CODE_MAX];
	char unit[STYR_CODE_MAX];
	size_t actions;
	bool has_expected, has_achieved, has_completion;
	int64_t expected, achieved; /* tkr */
	int64_t completion_permille;
};

/* The plans with actions of unit (NULL: every unit, a plan's actions of
 * different units each their own total), in plan order: the totals
 * `styr actions`, the reports and the web show.  cb gets a borrowed
 * struct and returns 0 to go on. */
int styr_action_plan_each(struct styr_db *db, const char *unit,
                          int (*cb)(void *ctx, const struct styr_action_plan *p), void *ctx,
                          struct styr_err *err);

/* ---- regionbidrag bridge and allocation model (src/calc/bridge.c) ---- */

/* "ingaende", "summa_teknisk", "upprakning", ... (docs/formats.md). */
int styr_bridge_step_check(const char *step, struct styr_err *err);

/* One board's bridge, and the allocation model for the boards with an
 * andel (the hospital boards). */
struct styr_bridge_board {
	char unit[STYR_CODE_MAX];
	int64_t ingaende, teknisk, upprakning, riktad, forandring, utgaende; /* tkr */
	int64_t pct;       /* uppräkning percent × 1000; has_pct */
	int64_t andel;     /* printed share × 1000 (60,6 % = 60600); has_andel */
	int64_t effekt;    /* omfördelningseffekt (a riktad row), tkr */
	int64_t share_ppm; /* the share the effect implies, of the pool, in ppm */
	bool has_pct, has_andel;
};

struct styr_bridge_model {
	int year;
	struct styr_bridge_board *boards;
	size_t n;
	int64_t pool; /* Σ (ingående + tekniska + uppräkning) of the andel boards */
};

#define STYR_OMFORDELNING_LABEL "Omfördelningseffekt ny ersättningsmodell"
/* The region's own financial figures (årets resultat, balanskrav,
 * nettoskuld) are bridge lines of this unit. */
#define STYR_FINANCE_UNIT "RS"

/* The financial goals of a year (seed 003: resultatmål ≥ 2 % of skatt,
 * utjämning och generella statsbidrag over a rolling five years,
 * balanskrav, skuldsättning ≤ 25 %).  Amounts tkr; percents in
 * hundredths (2,00 % = 200). */
struct styr_finance_year {
	int year;
	bool has_resultat, has_sub, has_bkr, has_skuld, has_rolling;
	int64_t resultat, sub, balanskravsresultat, synnerliga_skal, nettoskuld;
	int64_t resultat_pct100; /* resultat / sub */
	int64_t rolling_pct100;  /* Σ resultat / Σ sub over year−4..year */
	int64_t skuld_pct100;    /* debt (−nettoskuld, printed negative) / sub */
};

/* Fill out[0..n) for the years first..first+n−1 from the finance lines. */
int styr_finance_years(struct styr_db *db, int first, size_t n, struct styr_finance_year *out,
                       struct styr_err *err);

/* Load year's bridge into a model (boards in stored order). */
int styr_bridge_model_load(struct styr_db *db, int year, struct styr_bridge_model *m,
                           struct styr_err *err);
void styr_bridge_model_release(struct styr_bridge_model *m);

/* What if the uppräkning percent old_pct were new_pct (both × 1000)?
 * Every board with that percent gets uppräkning = (ingående + tekniska) ×
 * new_pct; the allocation boards then share the new pool in the
 * proportions the document's effects imply, which gives each a new
 * omfördelningseffekt; riktade and regionbidrag follow.  Changes m in
 * place. */
void styr_bridge_whatif(struct styr_bridge_model *m, int64_t old_pct, int64_t new_pct);

/* ---- Dimensions (src/calc/dims.c, issue 15 item 4) ---- */

/* One object's line of a breakdown: utfall and budget of the period in
 * öre, exact, and as shown in tkr, each rounded once (avvikelse from the
 * exact difference). */
struct styr_dim_line {
	char object[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
	char unit[STYR_CODE_MAX]; /* the unit it maps to; "" none */
	bool has_utfall, has_budget;
	int64_t utfall_ore, budget_ore;
	int64_t utfall, budget, avvikelse; /* tkr */
};

/* A unit's ledger row (default RESULTAT) broken down by the objects of a
 * dimension for jan..months of year, from the unit's ledger detail (not
 * rolled up: the detail is kept under the unit an SIE file or CSV ledger
 * was imported for).  total is the objects' exact sum, rounded once. */
struct styr_dim_table {
	struct styr_ledger_dim dim;
	struct styr_ledger_row row;
	int year, months;
	struct styr_dim_line *lines;
	size_t n;
	struct styr_dim_line total;
};

/* dim: a dimension's code (kostnadsstalle, projekt) or number ("1");
 * row NULL: resultat.  A month-0 (year) amount counts when months is 12. */
int styr_ledger_breakdown(struct styr_db *db, const char *unit, int year, int months,
                          const char *dim, const char *row, struct styr_dim_table *out,
                          struct styr_err *err);
void styr_dim_table_release(struct styr_dim_table *t);
/* The detail record of e's amount for one object of a dimension (an
 * importer reads an amount as a ledger entry, then files it under its
 * object). */
void styr_ledger_detail_of(struct styr_ledger_detail *d, const struct styr_ledger_entry *e, int dim,
                           const char *object);

/* ---- SIE 4 (src/import/sie.c) ---- */

struct styr_sie_stats {
	int year;        /* of #RAR 0 */
	size_t accounts; /* #KONTO */
	size_t vouchers, transactions;
	size_t balances;       /* account balances stored */
	size_t ledger_amounts; /* resultaträkning amounts stored */
	size_t objects;        /* objects (kostnadsställen, projekt, …) with amounts */
	size_t units;          /* units whose ledger the file filled */
	size_t detail_amounts; /* ledger detail amounts stored */
};

/* How an SIE file's accounts and objects are read; NULL fields the
 * defaults. */
struct styr_sie_options {
	/* a shipped chart of accounts (styr_chart_load: "bas", "region-bas",
	 * "kommun-bas"); NULL: the database's setting "chart", else the
	 * stored map */
	const char *chart;
	/* a file "accounts;row" that replaces the stored map and is used */
	const char *mapping;
	/* a file "dim;object;name;unit" stored first, mapping kostnadsställen
	 * to units (docs/ekonomi.md "Dimensioner") */
	const char *objects;
};

/* Import an SIE 4 file for unit: PC8 (CP437) decoded, every voucher
 * checked to balance, #RES = Σ #TRANS, #UB = #IB + Σ #TRANS and Σ #PSALDO
 * = #RES checked, account balances stored per month, and the result
 * accounts (3000–8999) mapped by the chart to resultaträkning rows as
 * utfall and budget in öre, each subtotal of the plan the exact sum of its
 * rows.  A result account with figures that the chart does not cover is
 * refused, naming the line and field of its first use.  The file's #DIM,
 * #OBJEKT and the object lists of #TRANS and #PBUDGET are kept as ledger
 * detail under unit; when any kostnadsställe (dimension 1) of the
 * database has a unit, the amounts of each kostnadsställe go to its
 * unit's ledger as well (unit keeps the whole file, as a hospital's own
 * figures contain its units'), and a kostnadsställe of the file with no
 * unit is refused naming file, line and field.  One transaction; any
 * error names file, line (and voucher) and leaves the database
 * unchanged.  opt NULL: the defaults. */
int styr_import_sie(struct styr_db *db, const char *path, const char *unit,
                    const struct styr_sie_options *opt, struct styr_sie_stats *stats,
                    struct styr_err *err);

/* A chart of accounts: account ranges to rows of the plan (src/import/chart.c,
 * docs/ekonomi.md "Kontoplaner"). */
struct styr_chart {
	char name[32]; /* "bas", "region-bas", "kommun-bas", or "stored" */
	struct styr_account_range *r;
	size_t n, cap;
};

/* The i-th chart styr ships, NULL after the last. */
const char *styr_chart_name(size_t i);
/* STYR_EINPUT naming the choices unless name is a shipped chart. */
int styr_chart_name_check(const char *name, struct styr_err *err);
/* Read a shipped chart (its rows checked against the plan), "stored" the
 * stored map, or with name NULL the database's choice: the setting
 * "chart", else the stored map. */
int styr_chart_load(struct styr_db *db, const char *name, struct styr_chart *out,
                    struct styr_err *err);
/* A shipped chart's file as text (data/charts/NAME.csv). */
int styr_chart_text(const char *name, const char **text, size_t *len);
/* Whether the chart covers account; *row the row ("" = kept out). */
bool styr_chart_lookup(const struct styr_chart *c, int account, const char **row);
void styr_chart_release(struct styr_chart *c);

#endif
