/*
 * Writing the economy's interchange files: ledger amounts, validation
 * rules, action plans, the bridge and budget profiles, in the columns of interchange_specs so that
 * styr import csv reads the output back to the same rows.  Amounts are tkr written without
 * thousands separators (a machine file, not a report); a ledger amount is exact, with the
 * decimals its öre need and the column enhet "tkr".  Their JSON lines are the same cells with
 * the column names as keys, so CSV and JSON never differ; export.c's table says which cells are
 * numbers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "export/export_int.h"
#include "import/interchange.h"
#include "styr/ledger.h"

static int plan_row(void *run, const struct styr_ledger_row *r)
{
	return export_row(run, r);
}

/* The row plan in printed order: rows before the sums they add into,
 * which the importer takes (it sets a parent that comes later). */
int export_ledger_row_walk(struct export_run *run)
{
	return styr_ledger_row_each(run->db, plan_row, run, run->err);
}

int export_ledger_row_csv(struct export_run *run, const void *row)
{
	const struct styr_ledger_row *r = row;
	char position[16];
	const char *cells[5];

	snprintf(position, sizeof(position), "%d", r->position);
	cells[0] = r->code;
	cells[1] = r->label;
	cells[2] = r->parent;
	cells[3] = position;
	cells[4] = r->sign;
	return run->put_cells(run, cells, 5);
}

/* A ledger amount, or (object set) a kostnadsställe's amount of the
 * unit's row: the ledger's column kostnadsstalle, which imports back as
 * ledger detail (issue 15 item 4). */
struct ledger_out {
	struct styr_ledger_entry e;
	char object[STYR_CODE_MAX];
};

static int entry_row(void *run, const struct styr_ledger_entry *e)
{
	struct ledger_out o;

	o.e = *e;
	o.object[0] = '\0';
	return export_row(run, &o);
}

static int detail_row(void *run, const struct styr_ledger_detail *d)
{
	struct ledger_out o;

	memset(&o, 0, sizeof(o));
	snprintf(o.e.unit, sizeof(o.e.unit), "%s", d->unit);
	o.e.year = d->year;
	o.e.month = d->month;
	snprintf(o.e.row, sizeof(o.e.row), "%s", d->row);
	snprintf(o.e.kind, sizeof(o.e.kind), "%s", d->kind);
	o.e.amount_ore = d->amount_ore;
	snprintf(o.e.source, sizeof(o.e.source), "%s", d->source);
	snprintf(o.object, sizeof(o.object), "%s", d->object);
	return export_row(run, &o);
}

static int stop_at_one(void *found, const struct styr_ledger_detail *d)
{
	(void)d;
	*(bool *)found = true;
	return 1;
}

bool export_ledger_has_detail(struct export_run *run)
{
	const struct styr_value_filter *f = run->f;
	struct styr_err quiet;
	bool found = false;

	styr_err_init(&quiet);
	styr_ledger_detail_each(run->db, f ? f->unit : NULL, f ? f->year : 0, 1, NULL, stop_at_one,
	                        &found, &quiet);
	return found;
}

int export_ledger_walk(struct export_run *run)
{
	const struct styr_value_filter *f = run->f;
	struct styr_ledger_filter lf = {f ? f->unit : NULL, NULL, f ? f->year : 0, 0};
	int rc = styr_ledger_each(run->db, &lf, entry_row, run, run->err);

	/* kostnadsställen (dimension 1) only: the CSV ledger's column */
	return rc ? rc
	          : styr_ledger_detail_each(run->db, lf.unit, lf.year, 1, NULL, detail_row, run,
	                                    run->err);
}

int export_ledger_csv(struct export_run *run, const void *row)
{
	const struct ledger_out *o = row;
	const struct styr_ledger_entry *e = &o->e;
	char year[16], month[16], amount[32];
	const char *cells[10];

	snprintf(year, sizeof(year), "%d", e->year);
	snprintf(month, sizeof(month), "%d", e->month);
	/* exact: tkr with the decimals the öre need */
	styr_ore_tkr_text(amount, sizeof(amount), e->amount_ore);
	cells[0] = e->unit;
	cells[1] = e->tab;
	cells[2] = year;
	cells[3] = e->month ? month : "";
	cells[4] = e->row;
	cells[5] = e->kind;
	cells[6] = amount;
	cells[7] = e->source;
	cells[8] = "tkr";
	cells[9] = o->object;
	return run->put_cells(run, cells, run->ncolumns < 10 ? run->ncolumns : 10);
}

static int rule_row(void *run, const struct styr_rule *r)
{
	return export_row(run, r);
}

int export_rule_walk(struct export_run *run)
{
	return styr_rule_each(run->db, rule_row, run, run->err);
}

int export_rule_csv(struct export_run *run, const void *row)
{
	const struct styr_rule *r = row;
	char tolerance[32];
	const char *cells[7];

	snprintf(tolerance, sizeof(tolerance), "%" PRId64, r->tolerance);
	cells[0] = r->code;
	cells[1] = r->name;
	cells[2] = r->check;
	cells[3] = r->subject;
	cells[4] = r->expr;
	cells[5] = tolerance;
	/* "*" (every table) is the default an empty cell gives; "-" is the
	 * resultaträkning itself. */
	cells[6] = !strcmp(r->tab, "*") ? "" : r->tab[0] ? r->tab : "-";
	return run->put_cells(run, cells, 7);
}

/* Whole tkr as Mkr with the decimals needed ("7,8", "1,5", "15"). */
static void mkr(char *buf, size_t n, int64_t tkr)
{
	int64_t a = tkr < 0 ? -tkr : tkr, frac = a % 1000;
	const char *sign = tkr < 0 ? "-" : "";

	if (frac == 0)
		snprintf(buf, n, "%s%" PRId64, sign, a / 1000);
	else if (frac % 100 == 0)
		snprintf(buf, n, "%s%" PRId64 ",%01" PRId64, sign, a / 1000, frac / 100);
	else if (frac % 10 == 0)
		snprintf(buf, n, "%s%" PRId64 ",%02" PRId64, sign, a / 1000, frac / 10);
	else
		snprintf(buf, n, "%s%" PRId64 ",%03" PRId64, sign, a / 1000, frac);
}

static int action_row(void *run, const struct styr_action *a)
{
	return export_row(run, a);
}

int export_action_walk(struct export_run *run)
{
	return styr_action_each(run->db, NULL, action_row, run, run->err);
}

int export_action_csv(struct export_run *run, const void *row)
{
	const struct styr_action *a = row;
	char e[32] = "", b[32] = "";
	const char *cells[10];

	if (a->has_expected)
		mkr(e, sizeof(e), a->expected);
	if (a->has_achieved)
		mkr(b, sizeof(b), a->achieved);
	cells[0] = a->plan;
	cells[1] = a->unit;
	cells[2] = a->insatsomrade;
	cells[3] = a->title;
	cells[4] = a->owner;
	cells[5] = a->due;
	cells[6] = a->state;
	cells[7] = e;
	cells[8] = b;
	cells[9] = a->goal;
	return run->put_cells(run, cells, 10);
}

static int bridge_row(void *run, const struct styr_bridge_line *b)
{
	return export_row(run, b);
}

int export_bridge_walk(struct export_run *run)
{
	return styr_bridge_each(run->db, run->f ? run->f->year : 0, bridge_row, run, run->err);
}

int export_bridge_csv(struct export_run *run, const void *row)
{
	const struct styr_bridge_line *b = row;
	char year[16], amount[32];
	const char *cells[6];

	snprintf(year, sizeof(year), "%d", b->year);
	mkr(amount, sizeof(amount), b->amount);
	cells[0] = year;
	cells[1] = b->unit;
	cells[2] = b->step;
	cells[3] = b->label;
	cells[4] = amount;
	cells[5] = b->source;
	return run->put_cells(run, cells, 6);
}

static int profile_row(void *run, const struct styr_budget_profile *p)
{
	return export_row(run, p);
}

int export_profile_walk(struct export_run *run)
{
	return styr_budget_profile_each(run->db, run->f ? run->f->unit : NULL, profile_row, run,
	                                run->err);
}

/* A weight in hundredths with the decimals needed ("8", "8,5", "8,25"). */
int export_profile_csv(struct export_run *run, const void *row)
{
	const struct styr_budget_profile *p = row;
	char weights[12][32], year[16] = "";
	const char *cells[15];
	int i;

	cells[0] = p->unit;
	cells[1] = p->row;
	/* year 0, every year, is the empty cell the importer reads as such */
	if (p->year)
		snprintf(year, sizeof(year), "%d", p->year);
	cells[2] = year;
	for (i = 0; i < 12; i++) {
		int v = p->weight[i];

		if (v % 100 == 0)
			snprintf(weights[i], sizeof(weights[i]), "%d", v / 100);
		else if (v % 10 == 0)
			snprintf(weights[i], sizeof(weights[i]), "%d,%d", v / 100, v % 100 / 10);
		else
			snprintf(weights[i], sizeof(weights[i]), "%d,%02d", v / 100, v % 100);
		cells[3 + i] = weights[i];
	}
	return run->put_cells(run, cells, 15);
}
