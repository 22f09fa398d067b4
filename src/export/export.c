/*
 * Writing the interchange CSV and JSON lines.  The CSV is written so that
 * Excel in sv-SE opens it as it is (semicolons, decimal comma) and so that
 * styr_import_csv reads it back to the same rows: numbers keep the number
 * of decimals they were given with, missing values are "-" with their
 * reason, and list cells join with '|' in the order the store keeps.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import/interchange.h"
#include "styr/calc.h"
#include "styr/export.h"
#include "styr/goals.h"
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
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct pair *v = realloc(p->v, cap * sizeof(*v));

		if (!v)
			return styr_error(p->err, STYR_ENOMEM, "out of memory");
		p->v = v;
		p->cap = cap;
	}
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

struct writer {
	struct styr_db *db;
	FILE *out;
	struct pairs extra;
	struct styr_err *err;
};

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

static int write_org(void *ctx, const struct styr_org_unit *u)
{
	struct writer *w = ctx;
	char aliases[1024];
	const char *cells[7];

	pairs_join(&w->extra, u->code, aliases, sizeof(aliases));
	cells[0] = u->code;
	cells[1] = u->name;
	cells[2] = styr_org_kind_name(u->kind);
	cells[3] = u->parent;
	cells[4] = u->valid_from;
	cells[5] = u->valid_to;
	cells[6] = aliases;
	row(w->out, cells, 7);
	return 0;
}

static void year_text(int year, char *buf, size_t size)
{
	if (year)
		snprintf(buf, size, "%d", year);
	else
		buf[0] = '\0';
}

static int write_goal(void *ctx, const struct styr_goal *g)
{
	struct writer *w = ctx;
	char owners[1024], from[8], to[8];
	const char *cells[8];

	pairs_join(&w->extra, g->code, owners, sizeof(owners));
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
	row(w->out, cells, 8);
	return 0;
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

static int write_indicator(void *ctx, const struct styr_indicator *ind)
{
	struct writer *w = ctx;
	char goals[1024], tol[64] = "";
	const char *cells[10];

	pairs_join(&w->extra, ind->code, goals, sizeof(goals));
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
	row(w->out, cells, 10);
	return 0;
}

static int write_target(void *ctx, const struct styr_indicator_target *t)
{
	struct writer *w = ctx;
	char year[8];
	const char *cells[4];

	year_text(t->year, year, sizeof(year));
	cells[0] = t->indicator;
	cells[1] = t->unit;
	cells[2] = year;
	cells[3] = t->text;
	row(w->out, cells, 4);
	return 0;
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

static int write_value(void *ctx, const struct styr_value *v)
{
	struct writer *w = ctx;
	char period[STYR_PERIOD_TEXT_MAX], val[64], num[64] = "", den[64] = "";
	const char *cells[8];

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
	row(w->out, cells, 8);
	return 0;
}

static int write_analysis(void *ctx, const struct styr_analysis *a)
{
	struct writer *w = ctx;
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
	row(w->out, cells, 10);
	return 0;
}

/* Goals area (issue 7). */

static int write_uppdrag(void *ctx, const struct styr_uppdrag *u)
{
	struct writer *w = ctx;
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
	row(w->out, cells, 3);
	return 0;
}

static int write_uppdrag_report(void *ctx, const struct styr_uppdrag_report *r)
{
	struct writer *w = ctx;
	const char *cells[6];

	cells[0] = r->goal;
	cells[1] = r->unit;
	cells[2] = r->date;
	cells[3] = styr_uppdrag_status_name(r->status);
	cells[4] = r->text;
	cells[5] = r->source;
	row(w->out, cells, 6);
	return 0;
}

static int write_escalation(void *ctx, const struct styr_escalation_step *e)
{
	struct writer *w = ctx;
	const char *cells[5];

	cells[0] = e->goal;
	cells[1] = e->date;
	cells[2] = styr_escalation_name(e->to);
	cells[3] = e->reason;
	cells[4] = e->decided_by;
	row(w->out, cells, 5);
	return 0;
}

static int write_followup(void *ctx, const struct styr_followup_rule *f)
{
	struct writer *w = ctx;
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
	row(w->out, cells, 6);
	return 0;
}

static int write_internal_control(void *ctx, const struct styr_internal_control *c)
{
	struct writer *w = ctx;
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
	row(w->out, cells, 10);
	return 0;
}

static int write_index_weight(void *ctx, const struct styr_index_weight *iw)
{
	struct writer *w = ctx;
	char weight[64];
	const char *cells[3];

	plain_number(iw->weight, weight, sizeof(weight));
	cells[0] = iw->index;
	cells[1] = iw->indicator;
	cells[2] = weight;
	row(w->out, cells, 3);
	return 0;
}

static int finish(FILE *out, struct styr_err *err)
{
	if (fflush(out) != 0 || ferror(out))
		return styr_error(err, STYR_EIO, "writing the export failed: %s", strerror(errno));
	return STYR_OK;
}

int styr_export_csv(struct styr_db *db, enum styr_entity kind, const struct styr_value_filter *f,
                    FILE *out, struct styr_err *err)
{
	const struct interchange_spec *spec = &interchange_specs[kind];
	struct writer w = {db, out, {NULL, 0, 0, err}, err};
	int rc = STYR_OK;

	row(out, spec->columns, spec->ncolumns);
	switch (kind) {
	case STYR_ENTITY_ORG:
		rc = styr_org_alias_each(db, alias_pair, &w.extra, err);
		if (!rc)
			rc = styr_org_each(db, write_org, &w, err);
		break;
	case STYR_ENTITY_GOAL:
		rc = styr_goal_owner_each(db, owner_pair, &w.extra, err);
		if (!rc)
			rc = styr_goal_each(db, write_goal, &w, err);
		break;
	case STYR_ENTITY_INDICATOR:
		rc = styr_goal_indicator_each(db, link_pair, &w.extra, err);
		if (!rc)
			rc = styr_indicator_each(db, write_indicator, &w, err);
		break;
	case STYR_ENTITY_TARGET:
		rc = styr_target_each(db, write_target, &w, err);
		break;
	case STYR_ENTITY_VALUE:
		rc = styr_value_each(db, f, write_value, &w, err);
		break;
	case STYR_ENTITY_ANALYSIS:
		rc = styr_analysis_each(db, NULL, write_analysis, &w, err);
		break;
	case STYR_ENTITY_UPPDRAG:
		rc = styr_uppdrag_each(db, write_uppdrag, &w, err);
		break;
	case STYR_ENTITY_UPPDRAG_REPORT:
		rc = styr_uppdrag_report_each(db, NULL, write_uppdrag_report, &w, err);
		break;
	case STYR_ENTITY_ESCALATION:
		rc = styr_escalation_each(db, NULL, write_escalation, &w, err);
		break;
	case STYR_ENTITY_FOLLOWUP:
		rc = styr_followup_rule_each(db, 0, write_followup, &w, err);
		break;
	case STYR_ENTITY_INTERNAL_CONTROL:
		rc = styr_internal_control_each(db, NULL, 0, write_internal_control, &w, err);
		break;
	case STYR_ENTITY_INDEX_WEIGHT:
		rc = styr_index_weight_each(db, NULL, write_index_weight, &w, err);
		break;
	case STYR_ENTITY_LEDGER: /* economy */
	case STYR_ENTITY_RULE:
	case STYR_ENTITY_ACTION:
	case STYR_ENTITY_BRIDGE:
	case STYR_ENTITY_PROFILE:
		rc = export_econ_csv(db, kind, f, out, err);
		break;
	default:
		rc = styr_error(err, STYR_EUSAGE, "unknown kind of export");
	}
	free(w.extra.v);
	return rc ? rc : finish(out, err);
}

/* JSON lines: the indicator is looked up once per run of its values. */
struct json_writer {
	struct styr_db *db;
	FILE *out;
	struct styr_indicator ind;
	struct styr_err *err;
};

static json_t *number_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static int write_value_json(void *ctx, const struct styr_value *v)
{
	struct json_writer *w = ctx;
	struct styr_assessment a;
	char period[STYR_PERIOD_TEXT_MAX];
	json_t *o;
	char *text;
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
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(o);
	if (!text)
		return styr_error(w->err, STYR_ENOMEM, "out of memory writing JSON");
	fputs(text, w->out);
	fputc('\n', w->out);
	free(text);
	return 0;
}

int styr_export_values_json(struct styr_db *db, const struct styr_value_filter *f, FILE *out,
                            struct styr_err *err)
{
	struct json_writer *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	w->db = db;
	w->out = out;
	w->err = err;
	rc = styr_value_each(db, f, write_value_json, w, err);
	free(w);
	return rc ? rc : finish(out, err);
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
