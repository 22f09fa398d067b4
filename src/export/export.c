/*
 * Writing the interchange CSV and JSON lines.  The CSV is written so that
 * Excel in sv-SE opens it as it is (semicolons, decimal comma) and so that
 * styr_import_csv reads it back to the same rows: numbers keep the number
 * of decimals they were given with, missing values are "-" with their
 * reason, and list cells join with '|' in the order the store keeps.
 *
 * One table (kinds[], at the end) says for every kind how its rows are
 * read from the store and how one row is written as CSV and as JSON, so
 * both formats take the same path and a new kind is a row and its
 * writers.  The core and goals-area CSV writers are here, the goals
 * area's JSON in export_goals.c, the economy's kinds in export_econ.c.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import/interchange.h"
#include "styr/buf.h"
#include "styr/calc.h"
#include "styr/export.h"
#include "styr/goals.h"
#include "styr/opendata.h"
#include "export/export_int.h"

struct pair {
	char a[STYR_CODE_MAX];
	char b[STYR_NAME_MAX];
};

/* Pairs (alias→unit, owner→goal, goal→indicator) gathered before writing,
 * so that each row can list its own. */
struct pairs {
	struct pair *v;
	size_t n, cap;
	struct styr_err *err;
};

static int pairs_add(struct pairs *p, const char *a, const char *b)
{
	if (styr_array_grow((void **)&p->v, &p->cap, p->n, sizeof(*p->v), p->err))
		return STYR_ENOMEM;
	snprintf(p->v[p->n].a, sizeof(p->v[p->n].a), "%s", a);
	snprintf(p->v[p->n].b, sizeof(p->v[p->n].b), "%s", b);
	p->n++;
	return 0;
}

/* Join every b whose a is key, with '|'. */
static void pairs_join(const struct pairs *p, const char *key, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < p->n && len < size; i++)
		if (!strcmp(p->v[i].a, key))
			len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "|" : "",
			                        p->v[i].b);
}

/* A CSV cell: quoted when it holds ';', '"' or a line break. */
static void cell(FILE *out, const char *s, bool last)
{
	if (strpbrk(s, ";\"\r\n")) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(last ? '\n' : ';', out);
}

static void row(FILE *out, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cell(out, cells[i], i + 1 == n);
}

static int put_csv(struct export_run *run, const char *const *cells, size_t n)
{
	row(run->out, cells, n);
	return 0;
}

int export_json_line(struct export_run *run, json_t *o)
{
	char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));

	json_decref(o);
	if (!text)
		return styr_error(run->err, STYR_ENOMEM, "out of memory writing JSON");
	fputs(text, run->out);
	fputc('\n', run->out);
	free(text);
	return 0;
}

/* A CSV writer's cells as one JSON object keyed by the interchange
 * columns: the cells of run->numbers as numbers (the decimal comma read
 * as a point, an empty cell null), the others as strings. */
static int put_json(struct export_run *run, const char *const *cells, size_t n)
{
	json_t *o = json_object();
	size_t k;

	if (!o)
		return styr_error(run->err, STYR_ENOMEM, "out of memory writing JSON");
	for (k = 0; k < n; k++) {
		json_t *v;

		if (run->numbers & COLUMN_BIT(k)) {
			char num[64], *comma;

			snprintf(num, sizeof(num), "%s", cells[k]);
			comma = strchr(num, ',');
			if (comma)
				*comma = '.';
			v = *num ? (comma ? json_real(strtod(num, NULL))
			                  : json_integer(strtoll(num, NULL, 10)))
			         : json_null();
		} else {
			v = json_string(cells[k]);
		}
		json_object_set_new(o, run->columns[k], v ? v : json_null());
	}
	return export_json_line(run, o);
}

static int alias_pair(void *ctx, const char *alias, const char *unit)
{
	return pairs_add(ctx, unit, alias);
}

static int owner_pair(void *ctx, const struct styr_goal_owner *o)
{
	char item[STYR_NAME_MAX];

	snprintf(item, sizeof(item), "%s:%s", o->unit, styr_owner_role_name(o->role));
	return pairs_add(ctx, o->goal, item);
}

static int link_pair(void *ctx, const char *goal, const char *indicator)
{
	return pairs_add(ctx, indicator, goal);
}

static int write_org(struct export_run *w, const void *row)
{
	const struct styr_org_unit *u = row;
	char aliases[1024];
	const char *cells[7];

	pairs_join(w->pairs, u->code, aliases, sizeof(aliases));
	cells[0] = u->code;
	cells[1] = u->name;
	cells[2] = styr_org_kind_name(u->kind);
	cells[3] = u->parent;
	cells[4] = u->valid_from;
	cells[5] = u->valid_to;
	cells[6] = aliases;
	return w->put_cells(w, cells, 7);
}

static void year_text(int year, char *buf, size_t size)
{
	if (year)
		snprintf(buf, size, "%d", year);
	else
		buf[0] = '\0';
}

static int write_goal(struct export_run *w, const void *row)
{
	const struct styr_goal *g = row;
	char owners[1024], from[8], to[8];
	const char *cells[8];

	pairs_join(w->pairs, g->code, owners, sizeof(owners));
	year_text(g->valid_from, from, sizeof(from));
	year_text(g->valid_to, to, sizeof(to));
	cells[0] = g->code;
	cells[1] = g->parent;
	cells[2] = styr_goal_level_name(g->level);
	cells[3] = g->title;
	cells[4] = g->text;
	cells[5] = from;
	cells[6] = to;
	cells[7] = owners;
	return w->put_cells(w, cells, 8);
}

/* Shortest decimals that give back the same double, at most 6: a
 * tolerance of 2,5 is written "2,5", not "2,500000". */
static void plain_number(double v, char *buf, size_t size)
{
	int d;

	for (d = 0; d < 6; d++) {
		char probe[64];

		snprintf(probe, sizeof(probe), "%.*f", d, v);
		if (strtod(probe, NULL) == v)
			break;
	}
	styr_num_format_plain(buf, size, v, d);
}

static int write_indicator(struct export_run *w, const void *row)
{
	const struct styr_indicator *ind = row;
	char goals[1024], tol[64] = "";
	const char *cells[10];

	pairs_join(w->pairs, ind->code, goals, sizeof(goals));
	if (ind->tolerance >= 0)
		plain_number(ind->tolerance, tol, sizeof(tol));
	cells[0] = ind->code;
	cells[1] = ind->name;
	cells[2] = ind->definition;
	cells[3] = ind->unit;
	cells[4] = ind->has_direction ? styr_direction_name(ind->direction) : "";
	cells[5] = ind->frequency;
	cells[6] = ind->source;
	cells[7] = tol;
	cells[8] = goals;
	cells[9] = styr_indicator_category_name(ind->category);
	return w->put_cells(w, cells, 10);
}

static int write_target(struct export_run *w, const void *row)
{
	const struct styr_indicator_target *t = row;
	char year[8];
	const char *cells[4];

	year_text(t->year, year, sizeof(year));
	cells[0] = t->indicator;
	cells[1] = t->unit;
	cells[2] = year;
	cells[3] = t->text;
	return w->put_cells(w, cells, 4);
}

/* The value cell as the importer reads it back. */
static void value_text(const struct styr_num *n, char *buf, size_t size)
{
	size_t len;

	if (n->kind == STYR_NUM_SUPPRESSED) {
		snprintf(buf, size, "x");
		return;
	}
	if (n->kind == STYR_NUM_MISSING) {
		snprintf(buf, size, "-");
		return;
	}
	len = styr_num_format_plain(buf, size, n->value, n->decimals);
	if (n->percent && len + 1 < size)
		snprintf(buf + len, size - len, "%%");
}

static int write_value(struct export_run *w, const void *row)
{
	const struct styr_value *v = row;
	char period[STYR_PERIOD_TEXT_MAX], val[64], num[64] = "", den[64] = "";
	const char *cells[9];

	styr_period_format(&v->period, period, sizeof(period));
	value_text(&v->num, val, sizeof(val));
	if (v->has_numerator)
		plain_number(v->numerator, num, sizeof(num));
	if (v->has_denominator)
		plain_number(v->denominator, den, sizeof(den));
	cells[0] = v->indicator;
	cells[1] = v->unit;
	cells[2] = period;
	cells[3] = val;
	cells[4] = num;
	cells[5] = den;
	cells[6] = v->missing_reason;
	cells[7] = v->source;
	cells[8] = v->comment;
	return w->put_cells(w, cells, 9);
}

static int write_analysis(struct export_run *w, const void *row)
{
	const struct styr_analysis *a = row;
	char period[STYR_PERIOD_TEXT_MAX];
	const char *cells[10];

	styr_period_format(&a->period, period, sizeof(period));
	cells[0] = a->unit;
	cells[1] = period;
	cells[2] = a->subject;
	cells[3] = a->title;
	cells[4] = a->what;
	cells[5] = a->why;
	cells[6] = a->next;
	cells[7] = styr_analysis_state_name(a->state);
	cells[8] = a->author;
	cells[9] = a->source;
	return w->put_cells(w, cells, 10);
}

/* Goals area (issue 7). */

static int write_uppdrag(struct export_run *w, const void *row)
{
	const struct styr_uppdrag *u = row;
	char dates[STYR_UPPDRAG_DATES_MAX * STYR_DATE_MAX] = "";
	const char *cells[3];
	size_t len = 0;
	int i;

	for (i = 0; i < u->nreport_dates; i++)
		len += (size_t)snprintf(dates + len, sizeof(dates) - len, "%s%s", i ? "|" : "",
		                        u->report_dates[i]);
	cells[0] = u->goal;
	cells[1] = u->deadline;
	cells[2] = dates;
	return w->put_cells(w, cells, 3);
}

static int write_uppdrag_report(struct export_run *w, const void *row)
{
	const struct styr_uppdrag_report *r = row;
	const char *cells[6];

	cells[0] = r->goal;
	cells[1] = r->unit;
	cells[2] = r->date;
	cells[3] = styr_uppdrag_status_name(r->status);
	cells[4] = r->text;
	cells[5] = r->source;
	return w->put_cells(w, cells, 6);
}

static int write_escalation(struct export_run *w, const void *row)
{
	const struct styr_escalation_step *e = row;
	const char *cells[5];

	cells[0] = e->goal;
	cells[1] = e->date;
	cells[2] = styr_escalation_name(e->to);
	cells[3] = e->reason;
	cells[4] = e->decided_by;
	return w->put_cells(w, cells, 5);
}

static int write_followup(struct export_run *w, const void *row)
{
	const struct styr_followup_rule *f = row;
	char year[8], months[64] = "";
	const char *cells[6];
	size_t len = 0;
	int m;

	year_text(f->year, year, sizeof(year));
	for (m = 1; m <= 12; m++)
		if (f->months & (1u << (m - 1)))
			len += (size_t)snprintf(months + len, sizeof(months) - len, "%s%d",
			                        len ? "|" : "", m);
	cells[0] = year;
	cells[1] = styr_report_kind_name(f->kind);
	cells[2] = months;
	cells[3] = f->deadline;
	cells[4] = f->decision ? "beslut" : "information";
	cells[5] = f->source;
	return w->put_cells(w, cells, 6);
}

static int write_internal_control(struct export_run *w, const void *row)
{
	const struct styr_internal_control *c = row;
	char year[8], p[8], k[8];
	const char *cells[10];

	year_text(c->year, year, sizeof(year));
	snprintf(p, sizeof(p), "%d", c->probability);
	snprintf(k, sizeof(k), "%d", c->consequence);
	cells[0] = c->unit;
	cells[1] = year;
	cells[2] = c->risk;
	cells[3] = p;
	cells[4] = k;
	cells[5] = c->control;
	cells[6] = c->responsible;
	cells[7] = c->frequency;
	cells[8] = c->result;
	cells[9] = c->actions;
	return w->put_cells(w, cells, 10);
}

static int write_index_weight(struct export_run *w, const void *row)
{
	const struct styr_index_weight *iw = row;
	char weight[64];
	const char *cells[3];

	plain_number(iw->weight, weight, sizeof(weight));
	cells[0] = iw->index;
	cells[1] = iw->indicator;
	cells[2] = weight;
	return w->put_cells(w, cells, 3);
}

/* JSON lines of values: the indicator is looked up once per run of its values. */
static json_t *number_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static int write_value_json(struct export_run *w, const void *row)
{
	const struct styr_value *v = row;
	struct styr_assessment a;
	char period[STYR_PERIOD_TEXT_MAX];
	json_t *o;
	int rc;

	if (strcmp(w->ind.code, v->indicator)) {
		rc = styr_indicator_find(w->db, v->indicator, &w->ind, w->err);
		if (rc)
			return rc;
	}
	rc = styr_value_assess(w->db, &w->ind, v, &a, w->err);
	if (rc)
		return rc;
	styr_period_format(&v->period, period, sizeof(period));
	o = json_object();
	json_object_set_new(o, "indicator", json_string(v->indicator));
	json_object_set_new(o, "unit", json_string(v->unit));
	json_object_set_new(o, "period", json_string(period));
	json_object_set_new(o, "value",
	                    number_or_null(v->num.kind == STYR_NUM_VALUE, v->num.value));
	json_object_set_new(o, "numerator", number_or_null(v->has_numerator, v->numerator));
	json_object_set_new(o, "denominator", number_or_null(v->has_denominator, v->denominator));
	json_object_set_new(o, "target", a.has_target ? json_string(a.target.text) : json_null());
	json_object_set_new(o, "status", json_string(styr_status_name(a.status)));
	json_object_set_new(o, "trend",
	                    a.trend == STYR_TREND_NONE ? json_null()
	                                               : json_string(styr_trend_name(a.trend)));
	json_object_set_new(
	    o, "missing_reason",
	    v->num.kind == STYR_NUM_VALUE
	        ? json_null()
	        : json_string(v->num.kind == STYR_NUM_SUPPRESSED
	                          ? (v->missing_reason[0] ? v->missing_reason : "x")
	                          : (v->missing_reason[0] ? v->missing_reason : "-")));
	json_object_set_new(o, "source", json_string(v->source));
	json_object_set_new(o, "comment", json_string(v->comment));
	return export_json_line(w, o);
}

/* The walks: each kind's store walker, with an adapter that takes its
 * typed rows to export_row.  org, goals and indicators first gather what
 * each row lists (aliases, owners, goals). */

int export_row(void *run, const void *row)
{
	struct export_run *r = run;

	return r->write(r, row);
}

static int org_row(void *run, const struct styr_org_unit *u)
{
	return export_row(run, u);
}

static int walk_org(struct export_run *run)
{
	int rc = styr_org_alias_each(run->db, alias_pair, run->pairs, run->err);

	return rc ? rc : styr_org_each(run->db, org_row, run, run->err);
}

static int goal_row(void *run, const struct styr_goal *g)
{
	return export_row(run, g);
}

static int walk_goal(struct export_run *run)
{
	int rc = styr_goal_owner_each(run->db, owner_pair, run->pairs, run->err);

	return rc ? rc : styr_goal_each(run->db, goal_row, run, run->err);
}

static int indicator_row(void *run, const struct styr_indicator *ind)
{
	return export_row(run, ind);
}

static int walk_indicator(struct export_run *run)
{
	int rc = styr_goal_indicator_each(run->db, link_pair, run->pairs, run->err);

	return rc ? rc : styr_indicator_each(run->db, indicator_row, run, run->err);
}

static int target_row(void *run, const struct styr_indicator_target *t)
{
	return export_row(run, t);
}

static int walk_target(struct export_run *run)
{
	return styr_target_each(run->db, target_row, run, run->err);
}

static int value_row(void *run, const struct styr_value *v)
{
	return export_row(run, v);
}

static int walk_value(struct export_run *run)
{
	return styr_value_each(run->db, run->f, value_row, run, run->err);
}

static int analysis_row(void *run, const struct styr_analysis *a)
{
	return export_row(run, a);
}

static int walk_analysis(struct export_run *run)
{
	return styr_analysis_each(run->db, NULL, analysis_row, run, run->err);
}

static int uppdrag_row(void *run, const struct styr_uppdrag *u)
{
	return export_row(run, u);
}

static int walk_uppdrag(struct export_run *run)
{
	return styr_uppdrag_each(run->db, uppdrag_row, run, run->err);
}

static int uppdrag_report_row(void *run, const struct styr_uppdrag_report *r)
{
	return export_row(run, r);
}

static int walk_uppdrag_report(struct export_run *run)
{
	return styr_uppdrag_report_each(run->db, NULL, uppdrag_report_row, run, run->err);
}

static int escalation_row(void *run, const struct styr_escalation_step *e)
{
	return export_row(run, e);
}

static int walk_escalation(struct export_run *run)
{
	return styr_escalation_each(run->db, NULL, escalation_row, run, run->err);
}

static int followup_row(void *run, const struct styr_followup_rule *f)
{
	return export_row(run, f);
}

static int walk_followup(struct export_run *run)
{
	return styr_followup_rule_each(run->db, 0, followup_row, run, run->err);
}

static int internal_control_row(void *run, const struct styr_internal_control *c)
{
	return export_row(run, c);
}

static int walk_internal_control(struct export_run *run)
{
	return styr_internal_control_each(run->db, NULL, 0, internal_control_row, run, run->err);
}

static int index_weight_row(void *run, const struct styr_index_weight *iw)
{
	return export_row(run, iw);
}

static int walk_index_weight(struct export_run *run)
{
	return styr_index_weight_each(run->db, NULL, index_weight_row, run, run->err);
}

/* open data: the indicators' publications, then the units' official
 * codes, as rows of one file (interchange.h, OPEN_*). */
struct open_row {
	const char *subject, *code, *id, *published;
};

static int open_indicator_row(void *run, const struct styr_open_indicator *o)
{
	struct open_row row = {"indicator", o->indicator, o->kolada_id, o->published};

	return export_row(run, &row);
}

static int open_unit_row(void *run, const struct styr_open_unit *u)
{
	struct open_row row = {"unit", u->unit, u->official_code, ""};

	return export_row(run, &row);
}

static int walk_open_data(struct export_run *run)
{
	int rc = styr_open_indicator_each(run->db, open_indicator_row, run, run->err);

	return rc ? rc : styr_open_unit_each(run->db, open_unit_row, run, run->err);
}

static int write_open_data(struct export_run *w, const void *row)
{
	const struct open_row *o = row;
	const char *cells[4] = {o->subject, o->code, o->id, o->published};

	return w->put_cells(w, cells, 4);
}

static int gender_value_row(void *run, const struct styr_gender_value *g)
{
	return export_row(run, g);
}

static int walk_gender_value(struct export_run *run)
{
	return styr_gender_value_each(run->db, gender_value_row, run, run->err);
}

static int write_gender_value(struct export_run *w, const void *row)
{
	const struct styr_gender_value *g = row;
	char period[STYR_PERIOD_TEXT_MAX], val[64];
	const char *cells[7];

	styr_period_format(&g->value.period, period, sizeof(period));
	value_text(&g->value.num, val, sizeof(val));
	cells[0] = g->value.indicator;
	cells[1] = g->value.unit;
	cells[2] = period;
	cells[3] = g->gender;
	cells[4] = val;
	cells[5] = g->value.missing_reason;
	cells[6] = g->value.source;
	return w->put_cells(w, cells, 7);
}

/* Every kind of export.  A kind is a row here and its walk and writers. */
static const struct export_kind {
	int (*walk)(struct export_run *run);
	int (*csv)(struct export_run *run, const void *row);
	int (*json)(struct export_run *run, const void *row); /* NULL: no JSON lines */
	/* JSON written from the CSV cells (json is the CSV writer): the
	 * COLUMN_BIT of the cells that are numbers */
	unsigned numbers;
} kinds[STYR_ENTITY_COUNT] = {
    [STYR_ENTITY_ORG] = {walk_org, write_org, NULL, 0},
    [STYR_ENTITY_GOAL] = {walk_goal, write_goal, NULL, 0},
    [STYR_ENTITY_INDICATOR] = {walk_indicator, write_indicator, NULL, 0},
    [STYR_ENTITY_TARGET] = {walk_target, write_target, NULL, 0},
    [STYR_ENTITY_VALUE] = {walk_value, write_value, write_value_json, 0},
    [STYR_ENTITY_ANALYSIS] = {walk_analysis, write_analysis, NULL, 0},
    /* Goals area (issue 7): JSON in export_goals.c */
    [STYR_ENTITY_UPPDRAG] = {walk_uppdrag, write_uppdrag, export_uppdrag_json, 0},
    [STYR_ENTITY_UPPDRAG_REPORT] = {walk_uppdrag_report, write_uppdrag_report,
                                    export_uppdrag_report_json, 0},
    [STYR_ENTITY_ESCALATION] = {walk_escalation, write_escalation, export_escalation_json, 0},
    [STYR_ENTITY_FOLLOWUP] = {walk_followup, write_followup, export_followup_json, 0},
    [STYR_ENTITY_INTERNAL_CONTROL] = {walk_internal_control, write_internal_control,
                                      export_internal_control_json, 0},
    [STYR_ENTITY_INDEX_WEIGHT] = {walk_index_weight, write_index_weight, export_index_weight_json,
                                  0},
    /* economy (export_econ.c): the JSON is the CSV's cells */
    [STYR_ENTITY_LEDGER_ROW] = {export_ledger_row_walk, export_ledger_row_csv,
                                export_ledger_row_csv, COLUMN_BIT(LROW_POSITION)},
    [STYR_ENTITY_LEDGER] = {export_ledger_walk, export_ledger_csv, export_ledger_csv,
                            COLUMN_BIT(LED_YEAR) | COLUMN_BIT(LED_MONTH) | COLUMN_BIT(LED_AMOUNT)},
    [STYR_ENTITY_RULE] = {export_rule_walk, export_rule_csv, export_rule_csv,
                          COLUMN_BIT(RULE_TOLERANCE)},
    [STYR_ENTITY_ACTION] = {export_action_walk, export_action_csv, export_action_csv,
                            COLUMN_BIT(ACT_EXPECTED) | COLUMN_BIT(ACT_ACHIEVED)},
    [STYR_ENTITY_BRIDGE] = {export_bridge_walk, export_bridge_csv, export_bridge_csv,
                            COLUMN_BIT(BR_YEAR) | COLUMN_BIT(BR_AMOUNT)},
    [STYR_ENTITY_PROFILE] = {export_profile_walk, export_profile_csv, export_profile_csv,
                             COLUMN_BIT(PRO_YEAR) | (0xfffu << PRO_JAN)},
    /* open data: the JSON is the CSV's cells */
    [STYR_ENTITY_OPEN_DATA] = {walk_open_data, write_open_data, write_open_data, 0},
    [STYR_ENTITY_GENDER_VALUE] = {walk_gender_value, write_gender_value, NULL, 0},
};

static int finish(FILE *out, struct styr_err *err)
{
	if (fflush(out) != 0 || ferror(out))
		return styr_error(err, STYR_EIO, "writing the export failed: %s", strerror(errno));
	return STYR_OK;
}

/* The CSV has the header line first; JSON lines have none. */
static int run_export(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                      bool json, FILE *out, struct styr_err *err)
{
	const struct export_kind *k;
	const struct interchange_spec *spec;
	struct pairs pairs = {NULL, 0, 0, err};
	struct export_run run = {.db = db, .f = f, .out = out, .err = err, .pairs = &pairs};
	int rc;

	if ((unsigned)kind >= STYR_ENTITY_COUNT || !kinds[kind].walk)
		return styr_error(err, STYR_EUSAGE, "unknown kind of export");
	k = &kinds[kind];
	spec = &interchange_specs[kind];
	if (json && !k->json)
		return styr_error(err, STYR_EUSAGE, "%s: no JSON lines for this kind",
		                  styr_entity_name(kind));
	run.write = json ? k->json : k->csv;
	run.put_cells = json ? put_json : put_csv;
	run.columns = spec->columns;
	run.ncolumns = spec->ncolumns;
	run.numbers = k->numbers;
	if (kind == STYR_ENTITY_LEDGER && !export_ledger_has_detail(&run))
		run.ncolumns--;
	if (!json)
		row(out, spec->columns, run.ncolumns);
	rc = k->walk(&run);
	free(pairs.v);
	return rc ? rc : finish(out, err);
}

int styr_export_csv(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                    FILE *out, struct styr_err *err)
{
	return run_export(db, kind, f, false, out, err);
}

int styr_export_json(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                     FILE *out, struct styr_err *err)
{
	return run_export(db, kind, f, true, out, err);
}

bool styr_export_has_json(enum styr_entity kind)
{
	return (unsigned)kind < STYR_ENTITY_COUNT && kinds[kind].json;
}

int styr_export_dir(struct styr_db *db, const char *dir, struct styr_err *err)
{
	int k, rc = STYR_OK;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return styr_error(err, STYR_EIO, "%s: %s", dir, strerror(errno));
	for (k = 0; k < STYR_ENTITY_COUNT && !rc; k++) {
		char path[4096];
		FILE *out;

		snprintf(path, sizeof(path), "%s/%s.csv", dir, styr_entity_name(k));
		out = fopen(path, "w");
		if (!out)
			return styr_error(err, STYR_EIO, "%s: %s", path, strerror(errno));
		rc = styr_export_csv(db, (enum styr_entity)k, NULL, out, err);
		if (fclose(out) != 0 && !rc)
			rc = styr_error(err, STYR_EIO, "%s: %s", path, strerror(errno));
	}
	return rc;
}
