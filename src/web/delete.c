/*
 * Deleting through the web (issue 14 item 2): a value, an analysis or an
 * action, by the JSON API's DELETE (204) and by a page's "Ta bort" link.
 *
 * A page never deletes on a GET: the link leads to a confirmation page
 * (GET /enhet/{unit}/ta-bort?typ=...) that names the record and says the
 * step cannot be undone, and only its form, POSTed with the session's
 * CSRF token, deletes (POST /enhet/{unit}/ta-bort).  Both need the role
 * that writing the record needs (the route table).  The library
 * (delete.c) refuses a locked period and audits the record as it was;
 * the answers derive from its codes: 404 unknown, 423 locked.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

/* text percent-encoded for a URL's query into dst: only unreserved
 * bytes stay, so the result is safe in HTML as it is. */
static void q_enc(char *dst, size_t size, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (; *text && n + 4 < size; text++) {
		unsigned char c = (unsigned char)*text;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-_.~", c)) {
			dst[n++] = (char)c;
		} else {
			dst[n++] = '%';
			dst[n++] = hex[c >> 4];
			dst[n++] = hex[c & 15];
		}
	}
	dst[n] = '\0';
}

static void out_q(struct req *r, const char *text)
{
	char buf[3 * STYR_TEXT_MAX / 4 + 4];

	q_enc(buf, sizeof(buf), text);
	out_s(r, buf);
}

static int no_content(struct req *r)
{
	r->status = 204;
	r->content_type = "application/json";
	return 0;
}

/* ------------------------------------------------------------------ API */

int api_value_delete(struct req *r)
{
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_err err;

	if (web_unit_or_reply(r, &u) || web_period_or_reply(r, "period", r->params[2], &p))
		return -1;
	styr_err_init(&err);
	if (styr_value_remove(r->db, r->user, r->params[1], u.code, &p, &err))
		return web_fail_err(r, &err);
	return no_content(r);
}

/* The title is a query parameter: it may be empty, and holds what a path
 * segment cannot. */
int api_analysis_delete(struct req *r)
{
	const char *title = web_query(r, "title");
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_err err;

	if (web_unit_or_reply(r, &u) || web_period_or_reply(r, "period", r->params[1], &p))
		return -1;
	styr_err_init(&err);
	if (styr_analysis_remove(r->db, r->user, u.code, &p, r->params[2], title ? title : "",
	                         &err))
		return web_fail_err(r, &err);
	return no_content(r);
}

int api_action_delete(struct req *r)
{
	const char *title = web_query(r, "title");
	struct styr_org_unit u;
	struct styr_err err;

	if (web_unit_or_reply(r, &u))
		return -1;
	if (!title || !title[0])
		return web_fail(r, 400, "missing_parameter",
		                "title: expected the action's title as ?title=...");
	styr_err_init(&err);
	if (styr_action_remove(r->db, r->user, u.code, r->params[1], title, &err))
		return web_fail_err(r, &err);
	return no_content(r);
}

/* ---------------------------------------------------------------- pages */

/* The record a confirmation names: typ and its key, from the query (the
 * GET) or the form (the POST). */
struct target {
	const char *typ, *ind, *period, *subject, *title, *plan;
};

static const char *arg(struct req *r, bool form, const char *name)
{
	const char *v = form ? web_field(r, name) : web_query(r, name);

	return v ? v : "";
}

static void target_read(struct req *r, bool form, struct target *t)
{
	t->typ = arg(r, form, "typ");
	t->ind = arg(r, form, "indikator");
	t->period = arg(r, form, "period");
	t->subject = arg(r, form, "amne");
	t->title = arg(r, form, "rubrik");
	t->plan = arg(r, form, "plan");
}

static bool is(const struct target *t, const char *typ)
{
	return !strcmp(t->typ, typ);
}

static void hidden(struct req *r, const char *name, const char *value)
{
	out_f(r, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	out_h(r, value);
	out_s(r, "\">");
}

/* Where the record is shown, to go back to (after with "?borttaget=1"). */
static void back_href(char *buf, size_t size, const char *unit, const struct target *t, bool done)
{
	char u[3 * STYR_CODE_MAX], i[3 * STYR_CODE_MAX];

	q_enc(u, sizeof(u), unit);
	q_enc(i, sizeof(i), t->ind);
	snprintf(buf, size, "/enhet/%s%s%s%s", u,
	         is(t, "varde")    ? "/indikator/"
	         : is(t, "analys") ? "/analys"
	                           : "/atgard",
	         is(t, "varde") ? i : "", done ? "?borttaget=1" : "");
}

int pg_delete_form(struct req *r)
{
	struct styr_org_unit u;
	struct styr_indicator ind;
	struct styr_value v;
	struct styr_period p;
	struct styr_err err;
	struct target t;
	char label[64], shown[64], back[512];

	if (web_unit_or_reply(r, &u))
		return -1;
	target_read(r, false, &t);
	if (!is(&t, "varde") && !is(&t, "analys") && !is(&t, "atgard"))
		return page_error(
		    r, 400, "Kan inte ta bort",
		    "Adressen säger inte vad som ska tas bort (typ=varde, analys eller "
		    "atgard).");
	if (!is(&t, "atgard") && styr_period_parse(t.period, &p, NULL))
		return page_error(r, 400, "Kan inte ta bort",
		                  "Adressen saknar en period, till exempel 2024 eller 2024-08.");
	styr_err_init(&err);
	if (is(&t, "varde") && (styr_indicator_find(r->db, t.ind, &ind, &err) ||
	                        styr_value_find(r->db, ind.code, u.code, &p, &v, &err)))
		return page_error(r, 404, "Värdet finns inte",
		                  "Det finns inget sådant värde att ta bort.");
	page_begin(r, is(&t, "varde")    ? "Ta bort värde"
	              : is(&t, "analys") ? "Ta bort analys"
	                                 : "Ta bort åtgärd");
	out_s(r, "<p role=\"alert\">");
	if (is(&t, "varde")) {
		styr_period_label(&p, label, sizeof(label));
		styr_value_format(&v, &ind, shown, sizeof(shown));
		out_s(r, "Ta bort värdet ");
		out_h(r, shown);
		out_s(r, " för ");
		out_h(r, ind.name);
		out_s(r, ", ");
		out_h(r, label);
		out_s(r, ", ");
	} else if (is(&t, "analys")) {
		styr_period_label(&p, label, sizeof(label));
		out_s(r, "Ta bort analysen ”");
		out_h(r, t.title[0] ? t.title : "utan rubrik");
		out_s(r, "” om ");
		out_h(r, t.subject);
		out_s(r, ", ");
		out_h(r, label);
		out_s(r, ", för ");
	} else {
		out_s(r, "Ta bort åtgärden ”");
		out_h(r, t.title);
		out_s(r, "” i handlingsplanen ");
		out_h(r, t.plan);
		out_s(r, " för ");
	}
	out_h(r, u.name);
	out_s(r, "? Detta går inte att ångra, men ändringen sparas i loggen.</p>"
	         "<form method=\"post\" action=\"/enhet/");
	out_q(r, u.code);
	out_s(r, "/ta-bort\">");
	page_csrf(r);
	hidden(r, "typ", t.typ);
	hidden(r, "indikator", t.ind);
	hidden(r, "period", t.period);
	hidden(r, "amne", t.subject);
	hidden(r, "rubrik", t.title);
	hidden(r, "plan", t.plan);
	out_s(r, "<button type=\"submit\">Ta bort</button> <a href=\"");
	back_href(back, sizeof(back), u.code, &t, false);
	out_h(r, back);
	out_s(r, "\">Avbryt</a></form>");
	return page_end(r);
}

int pg_delete_post(struct req *r)
{
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_err err;
	struct target t;
	char text[STYR_ERR_MAX + 128];
	int rc;

	if (web_unit_or_reply(r, &u))
		return -1;
	target_read(r, true, &t);
	styr_err_init(&err);
	if (!is(&t, "atgard") && styr_period_parse(t.period, &p, NULL))
		return page_error(r, 400, "Kan inte ta bort", "Formuläret saknar en period.");
	if (is(&t, "varde"))
		rc = styr_value_remove(r->db, r->user, t.ind, u.code, &p, &err);
	else if (is(&t, "analys"))
		rc = styr_analysis_remove(r->db, r->user, u.code, &p, t.subject, t.title, &err);
	else if (is(&t, "atgard"))
		rc = styr_action_remove(r->db, r->user, u.code, t.plan, t.title, &err);
	else
		return page_error(r, 400, "Kan inte ta bort",
		                  "Formuläret säger inte vad som ska tas bort.");
	if (rc == STYR_ELOCKED) {
		web_locked_text(r, u.code, is(&t, "atgard") ? NULL : &p, text, sizeof(text));
		return page_error(r, 423, "Perioden är låst", text);
	}
	if (rc == STYR_ENOTFOUND)
		return page_error(r, 404, "Finns inte",
		                  "Det som skulle tas bort finns inte (längre). Inget ändrades.");
	if (rc)
		return web_fail_err(r, &err);
	back_href(text, sizeof(text), u.code, &t, true);
	return web_redirect(r, "%s", text);
}

/* "Ändra" and "Ta bort" for a value on the indicator page. */
void web_value_links(struct req *r, const char *unit, const char *ind, const struct styr_period *p)
{
	char period[STYR_PERIOD_TEXT_MAX];

	styr_period_format(p, period, sizeof(period));
	out_s(r, "<td><a href=\"/enhet/");
	out_q(r, unit);
	out_s(r, "/varde?indikator=");
	out_q(r, ind);
	out_s(r, "&amp;period=");
	out_q(r, period);
	out_s(r, "\">Ändra</a> <a href=\"/enhet/");
	out_q(r, unit);
	out_s(r, "/ta-bort?typ=varde&amp;indikator=");
	out_q(r, ind);
	out_s(r, "&amp;period=");
	out_q(r, period);
	out_s(r, "\">Ta bort</a></td>");
}

void web_deleted_note(struct req *r)
{
	if (web_query(r, "borttaget"))
		out_s(r, "<p class=\"ok\" role=\"status\" id=\"borttaget\">Borttaget. Ändringen "
		         "finns i loggen.</p>");
}

struct list {
	struct req *r;
	const char *unit;
	int n;
};

static int analysis_row(void *ctx, const struct styr_analysis *a)
{
	struct list *l = ctx;
	struct req *r = l->r;
	char period[STYR_PERIOD_TEXT_MAX];

	styr_period_format(&a->period, period, sizeof(period));
	if (!l->n++)
		out_s(r, "<h2>Sparade analyser</h2><table><thead><tr><th scope=\"col\">Period</th>"
		         "<th scope=\"col\">Ämne</th><th scope=\"col\">Rubrik</th>"
		         "<th scope=\"col\">Ändra</th></tr></thead><tbody>");
	out_s(r, "<tr><td>");
	out_h(r, period);
	out_s(r, "</td><td>");
	out_h(r, a->subject);
	out_s(r, "</td><td>");
	out_h(r, a->title);
	out_s(r, "</td><td><a href=\"/enhet/");
	out_q(r, l->unit);
	out_s(r, "/analys?period=");
	out_q(r, period);
	out_s(r, "&amp;amne=");
	out_q(r, a->subject);
	out_s(r, "&amp;rubrik=");
	out_q(r, a->title);
	out_s(r, "\">Ändra</a> <a href=\"/enhet/");
	out_q(r, l->unit);
	out_s(r, "/ta-bort?typ=analys&amp;period=");
	out_q(r, period);
	out_s(r, "&amp;amne=");
	out_q(r, a->subject);
	out_s(r, "&amp;rubrik=");
	out_q(r, a->title);
	out_s(r, "\">Ta bort</a></td></tr>");
	return 0;
}

static int action_row(void *ctx, const struct styr_action *a)
{
	struct list *l = ctx;
	struct req *r = l->r;

	if (strcmp(a->unit, l->unit))
		return 0;
	if (!l->n++)
		out_s(r, "<h2>Sparade åtgärder</h2><table><thead><tr><th scope=\"col\">Plan</th>"
		         "<th scope=\"col\">Åtgärd</th><th scope=\"col\">Klar senast</th>"
		         "<th scope=\"col\">Ändra</th></tr></thead><tbody>");
	out_s(r, "<tr><td>");
	out_h(r, a->plan);
	out_s(r, "</td><td>");
	out_h(r, a->title);
	out_s(r, "</td><td>");
	out_h(r, a->due[0] ? a->due : "–");
	out_s(r, "</td><td><a href=\"/enhet/");
	out_q(r, l->unit);
	out_s(r, "/atgard?plan=");
	out_q(r, a->plan);
	out_s(r, "&amp;titel=");
	out_q(r, a->title);
	out_s(r, "\">Ändra</a> <a href=\"/enhet/");
	out_q(r, l->unit);
	out_s(r, "/ta-bort?typ=atgard&amp;plan=");
	out_q(r, a->plan);
	out_s(r, "&amp;rubrik=");
	out_q(r, a->title);
	out_s(r, "\">Ta bort</a></td></tr>");
	return 0;
}

/* The unit's analyses or actions, each with "Ändra" and "Ta bort", under
 * the form that writes them. */
void web_saved_list(struct req *r, const char *unit, bool analyses)
{
	struct styr_analysis_filter f = {unit, 0, NULL};
	struct list l = {r, unit, 0};
	struct styr_err err;

	styr_err_init(&err);
	if (analyses)
		styr_analysis_each(r->db, &f, analysis_row, &l, &err);
	else
		styr_action_each(r->db, NULL, action_row, &l, &err);
	if (l.n)
		out_s(r, "</tbody></table>");
}
