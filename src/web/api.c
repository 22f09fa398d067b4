/*
 * The JSON API under /api/v1/: the same library calls and the same
 * permission checks as the pages (the route table holds both), answers in
 * JSON with a stable error shape {"error":{"code","message"}}, lists with
 * pagination ({"data","page","per_page","total"}), and values also in
 * Kolada's shape so that clients written for Kolada's API can read them.
 *
 * A request body is checked whole before anything is written: it must
 * parse, be an object, hold only known fields, each of the expected type.
 * The first problem is answered with 400 naming the field.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

static int send_json(struct req *r, unsigned status, json_t *j)
{
	char *text;

	if (!j)
		return web_fail(r, 500, "out_of_memory", "out of memory");
	text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(j);
	if (!text)
		return web_fail(r, 500, "out_of_memory", "out of memory");
	r->status = status;
	r->content_type = "application/json";
	out_s(r, text);
	out_s(r, "\n");
	free(text);
	return 0;
}

/* page and per_page from the query, or 400 answered. */
static int paging_or_reply(struct req *r, long *page, long *per_page)
{
	const char *names[2] = {"page", "per_page"};
	long *outs[2] = {page, per_page};
	long max[2] = {1000000, 500};
	int i;

	*page = 1;
	*per_page = 50;
	for (i = 0; i < 2; i++) {
		const char *t = web_query(r, names[i]);
		char *end;
		long v;

		if (!t)
			continue;
		v = strtol(t, &end, 10);
		if (!*t || *end || v < 1 || v > max[i])
			return web_fail(r, 400, "invalid_parameter",
			                "%s \"%s\": expected a whole number from 1 to %ld",
			                names[i], t, max[i]);
		*outs[i] = v;
	}
	return 0;
}

static json_t *page_wrap(json_t *all, long page, long per_page)
{
	json_t *data = json_array();
	size_t i, total = json_array_size(all);
	size_t from = (size_t)(page - 1) * (size_t)per_page;

	for (i = from; i < total && i < from + (size_t)per_page; i++)
		json_array_append(data, json_array_get(all, i));
	json_decref(all);
	return json_pack("{s:o,s:i,s:i,s:i}", "data", data, "page", (json_int_t)page, "per_page",
	                 (json_int_t)per_page, "total", (json_int_t)total);
}

static int unit_json_cb(void *ctx, const struct styr_org_unit *u)
{
	json_array_append_new(ctx,
	                      json_pack("{s:s,s:s,s:s,s:s}", "code", u->code, "name", u->name,
	                                "kind", styr_org_kind_name(u->kind), "parent", u->parent));
	return 0;
}

int api_units(struct req *r)
{
	json_t *all = json_array();
	struct styr_err err;
	long page, per;

	if (paging_or_reply(r, &page, &per)) {
		json_decref(all);
		return -1;
	}
	styr_err_init(&err);
	if (styr_org_each(r->db, unit_json_cb, all, &err)) {
		json_decref(all);
		return web_fail_err(r, &err);
	}
	return send_json(r, 200, page_wrap(all, page, per));
}

static int ind_json_cb(void *ctx, const struct styr_indicator *i)
{
	json_array_append_new(ctx, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "code", i->code, "name",
	                                     i->name, "definition", i->definition, "unit", i->unit,
	                                     "source", i->source, "category",
	                                     styr_indicator_category_name(i->category)));
	return 0;
}

int api_indicators(struct req *r)
{
	json_t *all = json_array();
	struct styr_err err;
	long page, per;

	if (paging_or_reply(r, &page, &per)) {
		json_decref(all);
		return -1;
	}
	styr_err_init(&err);
	if (styr_indicator_each(r->db, ind_json_cb, all, &err)) {
		json_decref(all);
		return web_fail_err(r, &err);
	}
	return send_json(r, 200, page_wrap(all, page, per));
}

struct goal_ctx {
	struct styr_db *db;
	json_t *all;
};

static int goal_ind_json_cb(void *ctx, const char *goal, const char *indicator)
{
	json_t *g = ctx;

	if (!strcmp(json_string_value(json_object_get(g, "code")), goal))
		json_array_append_new(json_object_get(g, "indicators"), json_string(indicator));
	return 0;
}

static int goal_json_cb(void *ctx, const struct styr_goal *g)
{
	struct goal_ctx *c = ctx;
	struct styr_err err;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[]}", "code", g->code, "parent", g->parent,
	                      "level", styr_goal_level_name(g->level), "title", g->title, "text",
	                      g->text, "indicators");

	styr_err_init(&err);
	if (j)
		styr_goal_indicator_each(c->db, goal_ind_json_cb, j, &err);
	json_array_append_new(c->all, j);
	return 0;
}

/* Goals with their linked indicators: the X-matris as data. */
int api_goals(struct req *r)
{
	struct goal_ctx c = {r->db, json_array()};
	struct styr_err err;
	long page, per;

	if (paging_or_reply(r, &page, &per)) {
		json_decref(c.all);
		return -1;
	}
	styr_err_init(&err);
	if (styr_goal_each(r->db, goal_json_cb, &c, &err)) {
		json_decref(c.all);
		return web_fail_err(r, &err);
	}
	return send_json(r, 200, page_wrap(c.all, page, per));
}

static int audit_json_cb(void *ctx, const struct styr_audit_entry *a)
{
	json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id",
	                                     (json_int_t)a->id, "time", a->time, "user", a->user,
	                                     "action", a->action, "entity", a->entity, "before",
	                                     a->before, "after", a->after, "source", a->source,
	                                     "hash", a->hash));
	return 0;
}

/* The audit log, newest first, with the chain's state: the entries the
 * user may see (styr_audit_scoped_each), ?unit= and ?action= narrowing
 * them. */
int api_audit(struct req *r)
{
	const char *unit = web_query(r, "unit"), *action = web_query(r, "action");
	struct styr_audit_scope scope = {r->user, STYR_ACCESS_CONTROLLER, NULL, action};
	char code[STYR_CODE_MAX];
	json_t *all = json_array(), *doc;
	struct styr_err err;
	int64_t broken, count;
	long page, per;

	if (paging_or_reply(r, &page, &per)) {
		json_decref(all);
		return -1;
	}
	styr_err_init(&err);
	if (unit && unit[0]) {
		struct styr_org_unit u;

		if (styr_org_find(r->db, unit, &u, &err)) {
			json_decref(all);
			return web_fail_err(r, &err);
		}
		snprintf(code, sizeof(code), "%s", u.code);
		scope.unit = code;
	}
	if (styr_audit_verify(r->db, &broken, &count, &err) ||
	    styr_audit_scoped_each(r->db, &scope, (int)(page * per), audit_json_cb, all, &err)) {
		json_decref(all);
		return web_fail_err(r, &err);
	}
	doc = page_wrap(all, page, per);
	json_object_set_new(doc, "total", json_integer((json_int_t)count));
	json_object_set_new(doc, "chain_intact", json_boolean(broken == 0));
	return send_json(r, 200, doc);
}

static json_t *value_json(const struct styr_value *v)
{
	char period[STYR_PERIOD_TEXT_MAX];
	static const char *const kinds[] = {"value", "missing", "suppressed"};

	styr_period_format(&v->period, period, sizeof(period));
	return json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s}", "indicator", v->indicator, "unit",
	                 v->unit, "period", period, "value",
	                 v->num.kind == STYR_NUM_VALUE ? json_real(v->num.value) : json_null(),
	                 "kind", kinds[v->num.kind], "missing_reason", v->missing_reason, "source",
	                 v->source, "comment", v->comment);
}

static int value_json_cb(void *ctx, const struct styr_value *v)
{
	json_array_append_new(ctx, value_json(v));
	return 0;
}

int api_values_get(struct req *r)
{
	const char *ind = web_query(r, "indicator"), *year = web_query(r, "year");
	struct styr_value_filter f;
	struct styr_org_unit u;
	json_t *all;
	struct styr_err err;
	long page, per;

	if (web_unit_or_reply(r, &u) || paging_or_reply(r, &page, &per))
		return -1;
	memset(&f, 0, sizeof(f));
	f.unit = u.code;
	f.indicator = ind;
	if (year) {
		char *end;
		long y = strtol(year, &end, 10);

		if (*end || y < 1900 || y > 2999)
			return web_fail(r, 400, "invalid_parameter",
			                "year \"%s\": expected a year such as 2024", year);
		f.year = (int)y;
	}
	all = json_array();
	styr_err_init(&err);
	if (styr_value_each(r->db, &f, value_json_cb, all, &err)) {
		json_decref(all);
		return web_fail_err(r, &err);
	}
	return send_json(r, 200, page_wrap(all, page, per));
}

struct dash {
	struct styr_db *db;
	json_t *rows;
	struct styr_value last;
	bool have;
	struct styr_err *err;
};

static int dash_row(struct dash *d)
{
	struct styr_indicator ind;
	struct styr_assessment a;
	struct styr_err local;
	json_t *row;

	styr_err_init(&local);
	if (styr_indicator_find(d->db, d->last.indicator, &ind, &local))
		return 0;
	if (styr_value_assess(d->db, &ind, &d->last, &a, d->err))
		return -1;
	row = value_json(&d->last);
	json_object_set_new(row, "name", json_string(ind.name));
	/* A client tells production figures (counted, not målsatt) from the
	 * quality indicators by this, as the dashboard page does. */
	json_object_set_new(row, "category",
	                    json_string(styr_indicator_category_name(ind.category)));
	json_object_set_new(row, "target", a.has_target ? json_string(a.target.text) : json_null());
	/* A target holds until a newer one is set: the year it was set. */
	json_object_set_new(row, "target_year",
	                    a.has_target ? json_integer(a.target.year) : json_null());
	json_object_set_new(row, "status", json_string(styr_status_name(a.status)));
	json_object_set_new(row, "trend", json_string(styr_trend_name(a.trend)));
	json_array_append_new(d->rows, row);
	return 0;
}

/* Values come by indicator, then period: the last of a run is the latest. */
static int dash_cb(void *ctx, const struct styr_value *v)
{
	struct dash *d = ctx;
	int rc = 0;

	if (d->have && strcmp(d->last.indicator, v->indicator))
		rc = dash_row(d);
	d->last = *v;
	d->have = true;
	return rc;
}

/* What the dashboard shows: each indicator's latest value with its
 * category, target, status and trend. */
int api_dashboard(struct req *r)
{
	struct styr_org_unit u;
	struct styr_err err;
	struct dash d;

	if (web_unit_or_reply(r, &u))
		return -1;
	styr_err_init(&err);
	memset(&d, 0, sizeof(d));
	d.db = r->db;
	d.rows = json_array();
	d.err = &err;
	/* each indicator's latest value and the one before it: not the
	 * unit's every value (bench/load) */
	if (styr_value_latest_each(r->db, u.code, dash_cb, &d, &err) || (d.have && dash_row(&d))) {
		json_decref(d.rows);
		return web_fail_err(r, &err);
	}
	return send_json(
	    r, 200, json_pack("{s:s,s:s,s:o}", "unit", u.code, "name", u.name, "data", d.rows));
}

/* The request body as a JSON object with only the allowed fields, or 400
 * answered.  The caller owns the result. */
static json_t *body_or_reply(struct req *r, const char *const *allowed)
{
	json_error_t jerr;
	json_t *j;
	const char *key;
	json_t *val;
	char names[256] = "";
	size_t i;

	if (!r->body.len) {
		web_fail(r, 400, "empty_body", "expected a JSON object in the request body");
		return NULL;
	}
	j = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		web_fail(r, 400, "malformed_json",
		         "the body is not valid JSON: line %d column %d: %s", jerr.line,
		         jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		web_fail(r, 400, "wrong_type", "the body: expected a JSON object");
		return NULL;
	}
	for (i = 0; allowed[i]; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
		         i ? ", " : "", allowed[i]);
	json_object_foreach(j, key, val)
	{
		for (i = 0; allowed[i] && strcmp(allowed[i], key); i++)
			;
		if (!allowed[i]) {
			web_fail(r, 400, "unknown_field",
			         "field \"%.100s\" is not known; expected %s", key, names);
			json_decref(j);
			return NULL;
		}
	}
	(void)val;
	return j;
}

static const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

/* The body's text field name into dst (size bytes) when it is there
 * (*given), or 400 answered for another type or a text too long. */
static int text_or_reply(struct req *r, json_t *j, const char *name, char *dst, size_t size,
                         bool *given)
{
	json_t *f = json_object_get(j, name);

	*given = f != NULL;
	if (!f)
		return 0;
	if (!json_is_string(f))
		return web_fail(r, 400, "wrong_type", "%s: expected a string, got %s", name,
		                json_type_name(f));
	if (strlen(json_string_value(f)) >= size)
		return web_fail(r, 400, "too_long", "%s: expected at most %zu bytes", name,
		                size - 1);
	snprintf(dst, size, "%s", json_string_value(f));
	return 0;
}

/* Fill v's number, reason and comment from body fields value /
 * missing_reason / comment, or 400 answered.  Without a comment field the
 * stored comment stays (a client written before comments existed). */
static int value_fields_or_reply(struct req *r, json_t *j, struct styr_value *v)
{
	json_t *val = json_object_get(j, "value");
	bool reason;

	if (text_or_reply(r, j, "comment", v->comment, sizeof(v->comment), &v->has_comment) ||
	    text_or_reply(r, j, "missing_reason", v->missing_reason, sizeof(v->missing_reason),
	                  &reason))
		return -1;
	if (!val)
		return web_fail(r, 400, "missing_field",
		                "value: expected a number, or null with a missing_reason");
	if (json_is_number(val)) {
		v->num.kind = STYR_NUM_VALUE;
		v->num.value = json_number_value(val);
		v->num.decimals = 1;
	} else if (json_is_null(val)) {
		v->num.kind = STYR_NUM_MISSING;
		if (!reason || !v->missing_reason[0])
			return web_fail(r, 400, "missing_field",
			                "missing_reason: expected a text when value is null");
	} else {
		return web_fail(r, 400, "wrong_type", "value: expected a number or null, got %s",
		                json_type_name(val));
	}
	return 0;
}

static int write_value(struct req *r, struct styr_value *v)
{
	struct styr_value old;
	struct styr_err err;
	bool created;
	time_t t = time(NULL);
	struct tm tm;
	char when[32];

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(v->source, sizeof(v->source), "%s at %s", r->user, when);
	/* 201 only for a value that did not exist: an overwrite is 200 */
	styr_err_init(&err);
	created =
	    styr_value_find(r->db, v->indicator, v->unit, &v->period, &old, &err) == STYR_ENOTFOUND;
	styr_err_init(&err);
	if (styr_value_write(r->db, r->user, v, &err))
		return web_fail_err(r, &err);
	return send_json(r, created ? 201 : 200, json_pack("{s:o}", "data", value_json(v)));
}

static int indicator_or_reply(struct req *r, const char *code, struct styr_indicator *ind)
{
	struct styr_err err;

	styr_err_init(&err);
	if (styr_indicator_find(r->db, code, ind, &err))
		return web_fail(r, err.code == STYR_ENOTFOUND ? 400 : 500,
		                err.code == STYR_ENOTFOUND ? "unknown_indicator" : "store_error",
		                "indicator: %s", err.msg);
	return 0;
}

int api_values_post(struct req *r)
{
	static const char *const allowed[] = {"indicator",      "period",  "value",
	                                      "missing_reason", "comment", NULL};
	struct styr_org_unit u;
	struct styr_indicator ind;
	struct styr_value v;
	json_t *j, *f;
	int rc = -1;

	if (web_unit_or_reply(r, &u) || !(j = body_or_reply(r, allowed)))
		return -1;
	memset(&v, 0, sizeof(v));
	f = json_object_get(j, "indicator");
	if (!f || !json_is_string(f)) {
		web_fail(r, 400, f ? "wrong_type" : "missing_field",
		         "indicator: expected a string such as \"ID0069\"%s%s", f ? ", got " : "",
		         f ? json_type_name(f) : "");
		goto out;
	}
	if (indicator_or_reply(r, json_string_value(f), &ind))
		goto out;
	f = json_object_get(j, "period");
	if (!f || !json_is_string(f)) {
		web_fail(r, 400, f ? "wrong_type" : "missing_field",
		         "period: expected a string such as \"2025\"%s%s", f ? ", got " : "",
		         f ? json_type_name(f) : "");
		goto out;
	}
	if (web_period_or_reply(r, "period", json_string_value(f), &v.period) ||
	    value_fields_or_reply(r, j, &v))
		goto out;
	snprintf(v.indicator, sizeof(v.indicator), "%s", ind.code);
	snprintf(v.unit, sizeof(v.unit), "%s", u.code);
	rc = write_value(r, &v);
out:
	json_decref(j);
	return rc;
}

int api_value_put(struct req *r)
{
	static const char *const allowed[] = {"value", "missing_reason", "comment", NULL};
	struct styr_org_unit u;
	struct styr_indicator ind;
	struct styr_value v;
	json_t *j;
	int rc = -1;

	memset(&v, 0, sizeof(v));
	if (web_unit_or_reply(r, &u) || indicator_or_reply(r, r->params[1], &ind) ||
	    web_period_or_reply(r, "period", r->params[2], &v.period) ||
	    !(j = body_or_reply(r, allowed)))
		return -1;
	if (!value_fields_or_reply(r, j, &v)) {
		snprintf(v.indicator, sizeof(v.indicator), "%s", ind.code);
		snprintf(v.unit, sizeof(v.unit), "%s", u.code);
		rc = write_value(r, &v);
	}
	json_decref(j);
	return rc;
}

static json_t *report_json(const struct styr_report_state *s)
{
	char period[STYR_PERIOD_TEXT_MAX];

	styr_period_format(&s->period, period, sizeof(period));
	return json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:s,s:s}", "unit", s->unit, "period", period,
	                 "state", styr_report_state_name(s->state), "locked",
	                 s->state == STYR_REPORT_APPROVED, "comment", s->comment, "by", s->by,
	                 "time", s->time, "diarienummer", s->diarienummer, "beslutsdatum",
	                 s->decided);
}

int api_report_get(struct req *r)
{
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_report_state s;
	struct styr_err err;

	if (web_unit_or_reply(r, &u) || web_period_or_reply(r, "period", r->params[1], &p))
		return -1;
	styr_err_init(&err);
	if (styr_report_state_get(r->db, u.code, &p, &s, &err))
		return web_fail_err(r, &err);
	return send_json(r, 200, json_pack("{s:o}", "data", report_json(&s)));
}

/* A move's body: {"comment"}, and for approve {"diarienummer",
 * "beslutsdatum"}; every field a string. */
static int report_action(struct req *r, enum styr_report_action action)
{
	static const char *const allowed[] = {"comment", "diarienummer", "beslutsdatum", NULL};
	const char **texts[3];
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_err err;
	struct styr_decision decision = {NULL, NULL};
	const char *comment = NULL;
	json_t *j = NULL, *c;
	size_t i;
	int rc;

	texts[0] = &comment;
	texts[1] = &decision.diarienummer;
	texts[2] = &decision.date;
	if (web_unit_or_reply(r, &u) || web_period_or_reply(r, "period", r->params[1], &p))
		return -1;
	if (r->body.len) {
		if (!(j = body_or_reply(r, allowed)))
			return -1;
		for (i = 0; i < 3; i++) {
			c = json_object_get(j, allowed[i]);
			if (c && !json_is_string(c)) {
				rc = web_fail(r, 400, "wrong_type", "%s: expected a string, got %s",
				              allowed[i], json_type_name(c));
				json_decref(j);
				return rc;
			}
			*texts[i] = c ? json_string_value(c) : NULL;
		}
	}
	styr_err_init(&err);
	rc = styr_report_move(r->db, r->user, u.code, &p, action, comment, &decision, &err);
	json_decref(j);
	if (rc)
		return web_fail_err(r, &err);
	return api_report_get(r);
}

int api_report_submit(struct req *r)
{
	return report_action(r, STYR_REPORT_SUBMIT);
}

int api_report_approve(struct req *r)
{
	return report_action(r, STYR_REPORT_APPROVE);
}

int api_report_return(struct req *r)
{
	return report_action(r, STYR_REPORT_RETURN);
}

int api_report_unlock(struct req *r)
{
	return report_action(r, STYR_REPORT_UNLOCK);
}

/* Kolada's /v2/data/kpi/{kpi}/municipality/{id} answer: one entry per
 * period, with the value for gender "T" (total).  A whole year is given as
 * the integer year, as Kolada does; other periods keep styr's text. */
struct kolada {
	json_t *values;
};

static int kolada_cb(void *ctx, const struct styr_value *v)
{
	struct kolada *k = ctx;
	char period[STYR_PERIOD_TEXT_MAX];
	json_t *p;

	styr_period_format(&v->period, period, sizeof(period));
	p = styr_period_kind(&v->period) == STYR_PERIOD_YEAR ? json_integer(v->period.year)
	                                                     : json_string(period);
	json_array_append_new(
	    k->values,
	    json_pack("{s:s,s:s,s:o,s:[{s:s,s:i,s:s,s:o}]}", "kpi", v->indicator, "municipality",
	              v->unit, "period", p, "values", "gender", "T", "count", 1, "status",
	              v->num.kind == STYR_NUM_VALUE ? "" : "Missing", "value",
	              v->num.kind == STYR_NUM_VALUE ? json_real(v->num.value) : json_null()));
	return 0;
}

int api_kolada(struct req *r)
{
	struct styr_org_unit u;
	struct styr_indicator ind;
	struct styr_value_filter f;
	struct kolada k;
	struct styr_err err;

	if (web_unit_or_reply(r, &u))
		return -1;
	styr_err_init(&err);
	if (styr_indicator_find(r->db, r->params[0], &ind, &err))
		return web_fail_err(r, &err);
	memset(&f, 0, sizeof(f));
	f.indicator = ind.code;
	f.unit = u.code;
	k.values = json_array();
	if (styr_value_each(r->db, &f, kolada_cb, &k, &err)) {
		json_decref(k.values);
		return web_fail_err(r, &err);
	}
	return send_json(r, 200,
	                 json_pack("{s:i,s:o}", "count", (json_int_t)json_array_size(k.values),
	                           "values", k.values));
}

/* The OpenAPI document is built from the route table, so it cannot
 * drift from what the server answers. */
int api_openapi(struct req *r)
{
	json_t *paths = json_object(), *doc;
	size_t i;

	for (i = 0; i < web_route_count; i++) {
		const struct route *rt = &web_routes[i];
		json_t *item, *op, *params;
		const char *p = rt->pattern;
		char method[8];
		size_t k;

		if (!(rt->flags & R_API) || (rt->flags & R_OPEN)) /* Kolada documents those */
			continue;
		params = json_array();
		while ((p = strchr(p, '{'))) {
			const char *end = strchr(p, '}');
			char name[32];

			snprintf(name, sizeof(name), "%.*s", (int)(end - p - 1), p + 1);
			json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name",
			                                        name, "in", "path", "required", 1,
			                                        "schema", "type", "string"));
			p = end;
		}
		for (k = 0; rt->method[k] && k + 1 < sizeof(method); k++)
			method[k] = (char)(rt->method[k] | 0x20);
		method[k] = '\0';
		op = json_pack("{s:s,s:o,s:{s:{s:s},s:{s:s},s:{s:s},s:{s:s}}}", "summary",
		               rt->pattern, "parameters", params, "responses", "200", "description",
		               "ok", "400", "description", "bad request (error object)", "401",
		               "description", "not logged in", "403", "description",
		               "the role is not enough");
		/* A write answers 201 only for a create; a delete 204 (delete.c). */
		if (strcmp(rt->method, "GET")) {
			json_t *responses = json_object_get(op, "responses");

			json_object_set_new(responses, "404",
			                    json_pack("{s:s}", "description", "no such record"));
			json_object_set_new(
			    responses, "423",
			    json_pack("{s:s}", "description", "the period is approved (locked)"));
			if (!strcmp(rt->method, "DELETE"))
				json_object_set_new(responses, "204",
				                    json_pack("{s:s}", "description", "deleted"));
			else
				json_object_set_new(responses, "201",
				                    json_pack("{s:s}", "description",
				                              "created (200: overwritten)"));
		}
		if (rt->min_role > STYR_ACCESS_NONE) {
			json_object_set_new(op, "security", json_pack("[{s:[]}]", "bearer"));
			json_object_set_new(op, "x-minimum-role",
			                    json_string(styr_access_role_name(rt->min_role)));
		}
		{
			json_t *schema = entry_request_schema(rt->handler);

			if (schema)
				json_object_set_new(op, "requestBody",
				                    json_pack("{s:b,s:{s:{s:o}}}", "required", 1,
				                              "content", "application/json",
				                              "schema", schema));
		}
		item = json_object_get(paths, rt->pattern);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->pattern, item);
		}
		json_object_set_new(item, method, op);
	}
	doc = json_pack(
	    "{s:s,s:{s:s,s:s},s:o,s:{s:{s:{s:s,s:s}},s:{s:{s:s,s:{s:{s:s,s:{s:{s:s},s:{s:s}}}}}}}}",
	    "openapi", "3.0.3", "info", "title", "styr API", "version", STYR_VERSION, "paths",
	    paths, "components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer",
	    "schemas", "Error", "type", "object", "properties", "error", "type", "object",
	    "properties", "code", "type", "string", "message", "type", "string");
	return send_json(r, 200, doc);
}

/* For the other files of the front-end (entry.c): the same answers. */
int web_send_json(struct req *r, unsigned status, json_t *j)
{
	return send_json(r, status, j);
}

json_t *web_body_or_reply(struct req *r, const char *const *allowed)
{
	return body_or_reply(r, allowed);
}

int web_send_list(struct req *r, json_t *all)
{
	long page, per;

	if (paging_or_reply(r, &page, &per)) {
		json_decref(all);
		return -1;
	}
	return send_json(r, 200, page_wrap(all, page, per));
}
