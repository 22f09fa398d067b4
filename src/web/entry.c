/*
 * Entering analyses (the three questions of Region Skåne's reports, per
 * unit, period and subject) and actions of an action plan (title, owner,
 * due date, expected and achieved effect in Mkr), as forms and as JSON.
 *
 * Both doors share one table of fields per kind and one validation pass,
 * so a form and the API refuse the same input for the same reason: the
 * form shows the message next to the field, keeping what was typed; the
 * API answers 400 naming the field.  The write itself
 * (styr_analysis_write, styr_action_write) checks the period lock and
 * audits in the same transaction.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

enum ekind { E_TEXT, E_AREA, E_PERIOD, E_DATE, E_MKR, E_SUBJECT };

struct efield {
	const char *form, *api, *label, *hint;
	enum ekind kind;
	bool required;
	size_t max; /* bytes the stored field holds, with its NUL */
};

#define NFIELDS_MAX 8

struct eform {
	const char *path, *title, *saved, *audit_kind;
	const struct efield *fields;
	size_t n;
};

static const struct efield analysis_fields[] = {
    {"period", "period", "Period", "Till exempel 2024, 2024T2 eller 2024-08.", E_PERIOD, true,
     STYR_PERIOD_TEXT_MAX},
    {"amne", "subject", "Ämne",
     "Ett måls kod (RS-OM4) eller ett avsnitt: ekonomi, produktion, personal.", E_SUBJECT, true,
     STYR_CODE_MAX},
    {"rubrik", "title", "Rubrik", "Får lämnas tom.", E_TEXT, false, STYR_NAME_MAX},
    {"vad", "what", "Vad har hänt?", NULL, E_AREA, true, STYR_TEXT_MAX},
    {"varfor", "why", "Varför har det hänt?", NULL, E_AREA, false, STYR_TEXT_MAX},
    {"framat", "next", "Vad kommer att hända?", NULL, E_AREA, false, STYR_TEXT_MAX},
};

static const struct efield action_fields[] = {
    {"plan", "plan", "Handlingsplan", "Planens kod, till exempel LKR-HP2024.", E_TEXT, true,
     STYR_CODE_MAX},
    {"titel", "title", "Åtgärd", NULL, E_TEXT, true, STYR_NAME_MAX},
    {"ansvarig", "owner", "Ansvarig", NULL, E_TEXT, true, STYR_NAME_MAX},
    {"klart", "due", "Klar senast", "Datum, till exempel 2025-06-30.", E_DATE, true, STYR_DATE_MAX},
    {"forvantad", "expected_mkr", "Förväntad effekt (Mkr)", "Till exempel 7,8.", E_MKR, true, 32},
    {"uppnadd", "achieved_mkr", "Uppnådd effekt (Mkr)", "Lämna tomt om inget är uppnått än.", E_MKR,
     false, 32},
    {"insatsomrade", "insatsomrade", "Insatsområde eller mål",
     "Målets kod (LKR-G02) eller insatsområdets namn; kopplar åtgärden till X-matrisen.", E_TEXT,
     false, STYR_NAME_MAX},
};

static const struct eform analysis_form = {
    "analys",   "Skriv analys",  "Analysen sparades.",
    "analysis", analysis_fields, sizeof(analysis_fields) / sizeof(analysis_fields[0])};
static const struct eform action_form = {
    "atgard", "Registrera åtgärd", "Åtgärden sparades.",
    "action", action_fields,       sizeof(action_fields) / sizeof(action_fields[0])};

struct einput {
	const char *v[NFIELDS_MAX]; /* borrowed from the form or the JSON body */
	char num[NFIELDS_MAX][64];  /* JSON numbers as text */
	char msg[NFIELDS_MAX][320]; /* "" when the field is good */
	int64_t tkr[NFIELDS_MAX];   /* E_MKR fields, parsed */
	bool has_tkr[NFIELDS_MAX];
	struct styr_period period;
};

/* Check every field; returns how many are bad.  Messages are Swedish:
 * the form shows them to people and the API passes them on. */
/* The report sections an analysis may stand in besides a goal's
 * (src/report/reports.c). */
static const char *const sections[] = {"ekonomi", "produktion", "personal", NULL};

static bool subject_known(struct styr_db *db, const char *v)
{
	struct styr_goal g;
	struct styr_err err;
	size_t i;

	for (i = 0; sections[i]; i++)
		if (!strcmp(v, sections[i]))
			return true;
	styr_err_init(&err);
	return !styr_goal_find(db, v, &g, &err);
}

static int validate(struct styr_db *db, const struct eform *f, struct einput *in)
{
	int bad = 0;
	size_t i;

	for (i = 0; i < f->n; i++) {
		const struct efield *e = &f->fields[i];
		const char *v = in->v[i] ? in->v[i] : "";
		struct styr_err err;
		struct styr_num num;
		struct styr_period p;

		in->msg[i][0] = 0;
		styr_err_init(&err);
		if (!v[0]) {
			if (e->required)
				snprintf(in->msg[i], sizeof(in->msg[i]), "Fyll i %s.", e->label);
		} else if (strlen(v) >= e->max && e->kind != E_MKR) {
			snprintf(in->msg[i], sizeof(in->msg[i]),
			         "%s är för lång (högst %zu tecken).", e->label, e->max - 1);
		} else if (e->kind == E_PERIOD && styr_period_parse(v, &p, &err)) {
			snprintf(in->msg[i], sizeof(in->msg[i]),
			         "”%.100s” är ingen period. Skriv till exempel 2024, 2024T2 eller "
			         "2024-08.",
			         v);
		} else if (e->kind == E_SUBJECT && !subject_known(db, v)) {
			snprintf(in->msg[i], sizeof(in->msg[i]),
			         "”%.100s” är varken ett måls kod eller ett avsnitt (ekonomi, "
			         "produktion, personal).",
			         v);
		} else if (e->kind == E_DATE && styr_date_check(v, &err)) {
			snprintf(in->msg[i], sizeof(in->msg[i]),
			         "”%.100s” är inget datum. Skriv till exempel 2025-06-30.", v);
		} else if (e->kind == E_MKR &&
		           (styr_num_parse(v, &num, &err) || num.kind != STYR_NUM_VALUE ||
		            !isfinite(num.value) || fabs(num.value) > 1e6)) {
			snprintf(in->msg[i], sizeof(in->msg[i]),
			         "”%.100s” är inget belopp i Mkr. Skriv till exempel 7,8.", v);
		} else if (e->kind == E_MKR) {
			/* Mkr with at most three decimals is whole tkr. */
			in->tkr[i] = (int64_t)llround(num.value * 1000);
			in->has_tkr[i] = true;
		} else if (e->kind == E_PERIOD)
			in->period = p;
		bad += in->msg[i][0] != 0;
	}
	return bad;
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static void to_analysis(const struct req *r, const char *unit, const struct einput *in,
                        struct styr_analysis *a)
{
	memset(a, 0, sizeof(*a));
	copy(a->unit, sizeof(a->unit), unit);
	a->period = in->period;
	copy(a->subject, sizeof(a->subject), in->v[1]);
	copy(a->title, sizeof(a->title), in->v[2]);
	copy(a->what, sizeof(a->what), in->v[3]);
	copy(a->why, sizeof(a->why), in->v[4]);
	copy(a->next, sizeof(a->next), in->v[5]);
	a->state = STYR_ANALYSIS_DRAFT;
	copy(a->author, sizeof(a->author), r->user);
}

static void to_action(const char *unit, const struct einput *in, struct styr_action *a)
{
	memset(a, 0, sizeof(*a));
	copy(a->plan, sizeof(a->plan), in->v[0]);
	copy(a->unit, sizeof(a->unit), unit);
	copy(a->title, sizeof(a->title), in->v[1]);
	copy(a->owner, sizeof(a->owner), in->v[2]);
	copy(a->due, sizeof(a->due), in->v[3]);
	a->has_expected = in->has_tkr[4];
	a->expected = in->tkr[4];
	a->has_achieved = in->has_tkr[5];
	a->achieved = in->tkr[5];
	copy(a->insatsomrade, sizeof(a->insatsomrade), in->v[6]);
	copy(a->state, sizeof(a->state), a->has_achieved ? "pågår" : "planerad");
}

static void source_now(const struct req *r, char *dst, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	char when[32];

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(dst, size, "%s at %s", r->user, when);
}

/* Write what validated; err says why not (STYR_ELOCKED: a locked period). */
static int store(struct req *r, const struct eform *f, const char *unit, const struct einput *in,
                 struct styr_err *err)
{
	if (f == &analysis_form) {
		struct styr_analysis a;

		to_analysis(r, unit, in, &a);
		source_now(r, a.source, sizeof(a.source));
		return styr_analysis_write(r->db, r->user, &a, err);
	} else {
		struct styr_action a;

		to_action(unit, in, &a);
		return styr_action_write(r->db, r->user, &a, err);
	}
}

/* ----------------------------------------------------------------- form */

/* The versions of what the page was asked for: an analysis by
 * ?period=&amne= (the unit's for the period without amne), an action plan
 * by ?plan=; without them every one of the unit's. */
static void history(struct req *r, const struct eform *f, const struct styr_org_unit *u)
{
	const char *keys[3] = {u->code, NULL, NULL};
	int n = 1;

	if (f == &analysis_form) {
		if ((keys[1] = web_query(r, "period")) && keys[1][0]) {
			n = 2;
			if ((keys[2] = web_query(r, "amne")) && keys[2][0])
				n = 3;
		}
		web_history(r, "analysis", keys, n, 3);
	} else {
		if ((keys[1] = web_query(r, "plan")) && keys[1][0])
			n = 2;
		web_history(r, "action", keys, n, 2);
	}
}

static void render(struct req *r, const struct eform *f, const struct styr_org_unit *u,
                   const struct einput *in, const char *top)
{
	struct form_field marks[NFIELDS_MAX];
	const char *msgs[NFIELDS_MAX];
	size_t i;

	page_begin(r, f->title);
	out_s(r, "<p>För <a href=\"/enhet/");
	out_h(r, u->code);
	out_s(r, "\">");
	out_h(r, u->name);
	out_s(r, "</a>.</p>");
	for (i = 0; i < f->n; i++) {
		marks[i].id = f->fields[i].form;
		marks[i].label = f->fields[i].label;
		msgs[i] = in ? in->msg[i] : NULL;
	}
	web_deleted_note(r);
	if (!page_form_summary(r, top, "locked", marks, msgs, f->n) && web_query(r, "sparat")) {
		out_s(r, "<p class=\"ok\" role=\"status\" id=\"sparat\">");
		out_s(r, f->saved);
		out_s(r, "</p>");
	}
	out_s(r, "<form method=\"post\" action=\"/enhet/");
	out_h(r, u->code);
	out_f(r, "/%s\" novalidate>", f->path);
	page_csrf(r);
	for (i = 0; i < f->n; i++) {
		const struct efield *e = &f->fields[i];
		const char *msg = in && in->msg[i][0] ? in->msg[i] : NULL;
		const char *v = in && in->v[i] ? in->v[i] : "";

		out_f(r, "<label for=\"%s\">%s</label>", e->form, e->label);
		if (e->hint)
			out_f(r, "<p class=\"hint\" id=\"%s-tips\">%s</p>", e->form, e->hint);
		if (msg) {
			out_f(r, "<p class=\"error\" id=\"%s-fel\">", e->form);
			out_h(r, msg);
			out_s(r, "</p>");
		}
		out_f(r, e->kind == E_AREA ? "<textarea rows=\"4\" cols=\"60\"" : "<input%s",
		      e->kind == E_MKR ? " inputmode=\"decimal\"" : "");
		out_f(r, " id=\"%s\" name=\"%s\"", e->form, e->form);
		if (msg)
			out_f(r, " aria-invalid=\"true\" aria-describedby=\"%s-fel\"", e->form);
		else if (e->hint)
			out_f(r, " aria-describedby=\"%s-tips\"", e->form);
		if (e->kind == E_AREA) {
			out_s(r, ">");
			out_h(r, v);
			out_s(r, "</textarea>");
		} else {
			out_s(r, " value=\"");
			out_h(r, v);
			out_s(r, "\">");
		}
	}
	out_s(r, "<br><button type=\"submit\">Spara</button></form>");
	web_saved_list(r, u->code, f == &analysis_form);
	history(r, f, u);
	page_end(r);
}

/* An empty form starts from this year: its period, or the unit's plan
 * of the year (LKR-HP2026, the demo data's naming). */
/* "Ändra" (delete.c's lists) opens the form filled with the stored
 * record, named by the query: an analysis by period, amne and rubrik, an
 * action by plan and titel.  Saving it overwrites the record (same key). */
struct analysis_find {
	const char *subject, *title;
	struct styr_period p;
	struct styr_analysis *out;
	bool hit;
};

static int analysis_find_cb(void *ctx, const struct styr_analysis *a)
{
	struct analysis_find *x = ctx;

	if (styr_period_cmp(&a->period, &x->p) || strcmp(a->subject, x->subject) ||
	    strcmp(a->title, x->title))
		return 0;
	*x->out = *a;
	x->hit = true;
	return 1;
}

static void edit_analysis(struct req *r, const char *unit, struct einput *in,
                          struct styr_analysis *a)
{
	struct analysis_find x = {
	    web_query(r, "amne"), web_query(r, "rubrik"), {0, 0, 0}, a, false};
	const char *period = web_query(r, "period");
	struct styr_analysis_filter f;
	struct styr_err err;

	styr_err_init(&err);
	if (!period || !x.subject || styr_period_parse(period, &x.p, &err))
		return;
	if (!x.title)
		x.title = "";
	f.unit = unit;
	f.year = x.p.year;
	f.subject = x.subject;
	styr_analysis_each(r->db, &f, analysis_find_cb, &x, &err);
	if (!x.hit)
		return;
	in->v[0] = period;
	in->v[1] = a->subject;
	in->v[2] = a->title;
	in->v[3] = a->what;
	in->v[4] = a->why;
	in->v[5] = a->next;
}

struct action_find {
	const char *unit, *title;
	struct styr_action *out;
	bool hit;
};

static int action_find_cb(void *ctx, const struct styr_action *a)
{
	struct action_find *x = ctx;

	if (strcmp(a->unit, x->unit) || strcmp(a->title, x->title))
		return 0;
	*x->out = *a;
	x->hit = true;
	return 1;
}

/* tkr as Mkr the way people type them: 7800 is "7,8". */
static void mkr_text(int64_t tkr, char *buf, size_t size)
{
	char *dot, *end;

	snprintf(buf, size, "%.3f", (double)tkr / 1000);
	end = buf + strlen(buf);
	while (end > buf && end[-1] == '0')
		*--end = '\0';
	if (end > buf && end[-1] == '.')
		*--end = '\0';
	if ((dot = strchr(buf, '.')))
		*dot = ',';
}

static void edit_action(struct req *r, const char *unit, struct einput *in, struct styr_action *a)
{
	struct action_find x = {unit, web_query(r, "titel"), a, false};
	const char *plan = web_query(r, "plan");
	struct styr_err err;

	if (!plan || !x.title)
		return;
	styr_err_init(&err);
	styr_action_each(r->db, plan, action_find_cb, &x, &err);
	if (!x.hit)
		return;
	in->v[0] = a->plan;
	in->v[1] = a->title;
	in->v[2] = a->owner;
	in->v[3] = a->due;
	if (a->has_expected) {
		mkr_text(a->expected, in->num[4], sizeof(in->num[4]));
		in->v[4] = in->num[4];
	}
	if (a->has_achieved) {
		mkr_text(a->achieved, in->num[5], sizeof(in->num[5]));
		in->v[5] = in->num[5];
	}
	in->v[6] = a->insatsomrade[0] ? a->insatsomrade : a->goal;
}

static int form_get(struct req *r, const struct eform *f)
{
	struct styr_analysis *edit_a;
	struct styr_action edit_b;
	struct styr_org_unit u;
	struct einput in;
	time_t t = time(NULL);
	struct tm tm;

	if (web_unit_or_reply(r, &u))
		return -1;
	gmtime_r(&t, &tm);
	memset(&in, 0, sizeof(in));
	if (f == &analysis_form)
		snprintf(in.num[0], sizeof(in.num[0]), "%d", tm.tm_year + 1900);
	else
		snprintf(in.num[0], sizeof(in.num[0]), "%.30s-HP%d", u.code, tm.tm_year + 1900);
	in.v[0] = in.num[0];
	/* the stored record the fields borrow from lives until rendered */
	if (!(edit_a = calloc(1, sizeof(*edit_a))))
		return web_fail(r, 500, "out_of_memory", "out of memory");
	if (f == &analysis_form)
		edit_analysis(r, u.code, &in, edit_a);
	else
		edit_action(r, u.code, &in, &edit_b);
	render(r, f, &u, &in, NULL);
	free(edit_a);
	return 0;
}

static int form_post(struct req *r, const struct eform *f)
{
	struct styr_org_unit u;
	struct einput in;
	struct styr_err err;
	char top[STYR_ERR_MAX + 128];
	size_t i;

	if (web_unit_or_reply(r, &u))
		return -1;
	memset(&in, 0, sizeof(in));
	for (i = 0; i < f->n; i++)
		in.v[i] = web_field(r, f->fields[i].form);
	if (validate(r->db, f, &in)) {
		r->status = 422;
		render(r, f, &u, &in, NULL);
		return 0;
	}
	styr_err_init(&err);
	if (store(r, f, u.code, &in, &err)) {
		if (err.code != STYR_ELOCKED)
			return web_fail_err(r, &err);
		r->status = 423;
		/* An action belongs to the year it is due in (styr_action_write). */
		if (f != &analysis_form) {
			in.period.year = atoi(in.v[3] ? in.v[3] : "");
			in.period.first_month = 1;
			in.period.last_month = 12;
		}
		web_locked_text(r, u.code, &in.period, top, sizeof(top));
		render(r, f, &u, &in, top);
		return 0;
	}
	return web_redirect(r, "/enhet/%s/%s?sparat=1", u.code, f->path);
}

int pg_analysis_form(struct req *r)
{
	return form_get(r, &analysis_form);
}

int pg_analysis_post(struct req *r)
{
	return form_post(r, &analysis_form);
}

int pg_action_form(struct req *r)
{
	return form_get(r, &action_form);
}

int pg_action_post(struct req *r)
{
	return form_post(r, &action_form);
}

/* ------------------------------------------------------------------ API */

struct stored_walk {
	const struct styr_period *p;
	const char *unit, *subject, *title;
	bool hit;
};

static int stored_analysis_cb(void *ctx, const struct styr_analysis *a)
{
	struct stored_walk *w = ctx;

	w->hit |= !styr_period_cmp(&a->period, w->p) && !strcmp(a->subject, w->subject) &&
	          !strcmp(a->title, w->title);
	return w->hit;
}

static int stored_action_cb(void *ctx, const struct styr_action *a)
{
	struct stored_walk *w = ctx;

	w->hit |= !strcmp(a->title, w->title);
	return w->hit;
}

/* Whether what validated in is stored already (the API's 200 rather
 * than 201). */
static bool stored(struct req *r, const struct eform *f, const char *unit, const struct einput *in)
{
	struct stored_walk w = {&in->period, unit, in->v[1] ? in->v[1] : "",
	                        in->v[2] ? in->v[2] : "", false};
	struct styr_err err;

	styr_err_init(&err);
	if (f == &analysis_form) {
		struct styr_analysis_filter af = {unit, in->period.year, w.subject};

		styr_analysis_each(r->db, &af, stored_analysis_cb, &w, &err);
	} else {
		w.title = in->v[1] ? in->v[1] : "";
		styr_action_each(r->db, in->v[0], stored_action_cb, &w, &err);
	}
	return w.hit;
}

static int api_post(struct req *r, const struct eform *f)
{
	struct styr_org_unit u;
	struct einput in;
	struct styr_err err;
	const char *allowed[NFIELDS_MAX + 1];
	json_t *j;
	const char *key;
	json_t *val;
	bool created;
	size_t i;
	int rc = -1;

	if (web_unit_or_reply(r, &u))
		return -1;
	for (i = 0; i < f->n; i++)
		allowed[i] = f->fields[i].api;
	allowed[f->n] = NULL;
	if (!(j = web_body_or_reply(r, allowed)))
		return -1;
	memset(&in, 0, sizeof(in));
	json_object_foreach(j, key, val)
	{
		for (i = 0; i < f->n && strcmp(key, f->fields[i].api); i++)
			;
		if (json_is_string(val))
			in.v[i] = json_string_value(val);
		else if (f->fields[i].kind == E_MKR && json_is_number(val)) {
			snprintf(in.num[i], sizeof(in.num[i]), "%.6g", json_number_value(val));
			in.v[i] = in.num[i];
		} else if (!json_is_null(val)) {
			web_fail(r, 400, "wrong_type", "%s: expected a %s", key,
			         f->fields[i].kind == E_MKR ? "number or a string such as \"7,8\""
			                                    : "string");
			goto out;
		}
	}
	if (validate(r->db, f, &in)) {
		for (i = 0; i < f->n && !in.msg[i][0]; i++)
			;
		web_fail(r, 400, in.v[i] ? "invalid_value" : "missing_field", "%s: %s",
		         f->fields[i].api, in.msg[i]);
		goto out;
	}
	created = !stored(r, f, u.code, &in);
	styr_err_init(&err);
	if (store(r, f, u.code, &in, &err)) {
		web_fail_err(r, &err);
		goto out;
	}
	/* 201 only for a record that did not exist: an overwrite is 200 */
	if (f == &analysis_form) {
		struct styr_analysis a;

		to_analysis(r, u.code, &in, &a);
		rc = web_send_json(r, created ? 201 : 200,
		                   json_pack("{s:o}", "data", analysis_json(&a)));
	} else {
		struct styr_action a;

		to_action(u.code, &in, &a);
		rc = web_send_json(r, created ? 201 : 200,
		                   json_pack("{s:o}", "data", action_json(&a)));
	}
out:
	json_decref(j);
	return rc;
}

int api_analyses_post(struct req *r)
{
	return api_post(r, &analysis_form);
}

int api_actions_post(struct req *r)
{
	return api_post(r, &action_form);
}

json_t *analysis_json(const struct styr_analysis *a)
{
	char period[STYR_PERIOD_TEXT_MAX];

	styr_period_format(&a->period, period, sizeof(period));
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "unit", a->unit, "period", period,
	                 "subject", a->subject, "title", a->title, "what", a->what, "why", a->why,
	                 "next", a->next, "state", styr_analysis_state_name(a->state), "author",
	                 a->author);
}

json_t *action_json(const struct styr_action *a)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "plan", a->plan, "unit", a->unit,
	                      "insatsomrade", a->insatsomrade, "title", a->title, "owner", a->owner,
	                      "due", a->due, "state", a->state);
	int64_t pm;

	/* Mkr for people and clients; tkr stays the exact figure. */
	json_object_set_new(o, "expected_mkr",
	                    a->has_expected ? json_real((double)a->expected / 1000) : json_null());
	json_object_set_new(o, "achieved_mkr",
	                    a->has_achieved ? json_real((double)a->achieved / 1000) : json_null());
	json_object_set_new(o, "expected_tkr",
	                    a->has_expected ? json_integer(a->expected) : json_null());
	json_object_set_new(o, "achieved_tkr",
	                    a->has_achieved ? json_integer(a->achieved) : json_null());
	json_object_set_new(o, "completion_pct",
	                    a->has_expected && a->has_achieved &&
	                            styr_completion_permille(a->achieved, a->expected, &pm)
	                        ? json_real((double)pm / 10)
	                        : json_null());
	return o;
}

static int analysis_list_cb(void *ctx, const struct styr_analysis *a)
{
	json_array_append_new(ctx, analysis_json(a));
	return 0;
}

struct action_list {
	const char *unit;
	json_t *all;
};

static int action_list_cb(void *ctx, const struct styr_action *a)
{
	struct action_list *l = ctx;

	if (!strcmp(a->unit, l->unit))
		json_array_append_new(l->all, action_json(a));
	return 0;
}

int api_analyses_get(struct req *r)
{
	const char *qy = web_query(r, "year");
	struct styr_analysis_filter f = {NULL, 0, web_query(r, "subject")};
	struct styr_org_unit u;
	struct styr_err err;
	json_t *all;
	char *end;

	if (web_unit_or_reply(r, &u))
		return -1;
	if (qy) {
		long y = strtol(qy, &end, 10);

		if (!*qy || *end || y < 1900 || y > 2999)
			return web_fail(r, 400, "invalid_parameter",
			                "year \"%s\": expected a year such as 2024", qy);
		f.year = (int)y;
	}
	f.unit = u.code;
	all = json_array();
	styr_err_init(&err);
	if (styr_analysis_each(r->db, &f, analysis_list_cb, all, &err)) {
		json_decref(all);
		return web_fail_err(r, &err);
	}
	return web_send_list(r, all);
}

int api_actions_get(struct req *r)
{
	struct styr_org_unit u;
	struct styr_err err;
	struct action_list l;

	if (web_unit_or_reply(r, &u))
		return -1;
	l.unit = u.code;
	l.all = json_array();
	styr_err_init(&err);
	if (styr_action_each(r->db, web_query(r, "plan"), action_list_cb, &l, &err)) {
		json_decref(l.all);
		return web_fail_err(r, &err);
	}
	return web_send_list(r, l.all);
}

json_t *entry_request_schema(int (*handler)(struct req *r))
{
	const struct eform *f = handler == api_analyses_post  ? &analysis_form
	                        : handler == api_actions_post ? &action_form
	                                                      : NULL;
	json_t *props, *required;
	size_t i;

	if (!f)
		return NULL;
	props = json_object();
	required = json_array();
	for (i = 0; i < f->n; i++) {
		const struct efield *e = &f->fields[i];

		json_object_set_new(
		    props, e->api,
		    e->kind == E_MKR
		        ? json_pack("{s:[{s:s},{s:s}],s:s}", "oneOf", "type", "number", "type",
		                    "string", "description", e->label)
		        : json_pack("{s:s,s:s}", "type", "string", "description", e->label));
		if (e->required)
			json_array_append_new(required, json_string(e->api));
	}
	return json_pack("{s:s,s:o,s:o,s:b}", "type", "object", "properties", props, "required",
	                 required, "additionalProperties", 0);
}
