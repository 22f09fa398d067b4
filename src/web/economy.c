/*
 * A unit's economy as a controller (ekonom) or verksamhetschef follows it
 * every month: the resultaträkning for January up to a month of a year,
 * utfall against the same period the year before, the budget periodised
 * by the unit's stored budget profiles, avvikelse, förändring and the
 * helårsprognos, and below it the unit's action plans with their
 * genomförandegrad.  It is the table `styr ledger` prints and the plans'
 * totals `styr actions` prints, as a page (/enhet/{unit}/ekonomi) and as
 * JSON (/api/v1/units/{unit}/ledger).
 *
 * The library builds every figure (styr_ledger_table_build with the stored
 * profiles, styr_ledger_periodisation_text, styr_action_plan_each); this
 * file only chooses the period from the query and lays the figures out, so
 * the page, the API, the CLI and the reports cannot disagree.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static const char *const month_name[] = {"januari",   "februari", "mars",     "april",
                                         "maj",       "juni",     "juli",     "augusti",
                                         "september", "oktober",  "november", "december"};

static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                         "jul", "aug", "sep", "okt", "nov", "dec"};

/* The period a request asks for: year from yfield (default the unit's
 * latest ledger year; 0 when it has none) and months 1..12 from mfield
 * (default 12), or 400 answered naming the field.  An empty field is one
 * not given: the form's year is empty for a unit without figures. */
static int period_or_reply(struct req *r, const char *unit, const char *yfield, const char *mfield,
                           int *year, int *months)
{
	const char *qy = web_query(r, yfield), *qm = web_query(r, mfield);
	char *end;
	long v;

	*year = 0;
	*months = 12;
	if (qy && *qy) {
		v = strtol(qy, &end, 10);
		if (*end || v < 1900 || v > 2999)
			return r->is_api
			           ? web_fail(r, 400, "invalid_parameter",
			                      "%s \"%s\": expected a year such as 2024", yfield, qy)
			           : web_fail(r, 400, "invalid_parameter",
			                      "Året ”%s” går inte att läsa. Skriv till exempel "
			                      "2024.",
			                      qy);
		*year = (int)v;
	}
	if (qm && *qm) {
		v = strtol(qm, &end, 10);
		if (*end || v < 1 || v > 12)
			return r->is_api
			           ? web_fail(r, 400, "invalid_parameter",
			                      "%s \"%s\": expected 1 to 12 (January up to "
			                      "that month)",
			                      mfield, qm)
			           : web_fail(r, 400, "invalid_parameter",
			                      "Månaden ”%s” går inte att använda: välj 1 till "
			                      "12 (januari till och med den månaden).",
			                      qm);
		*months = (int)v;
	}
	if (!*year) {
		struct styr_err err;

		styr_err_init(&err);
		if (ledger_latest_year(r, unit, year, &err))
			return web_fail_err(r, &err);
	}
	return 0;
}

static void tkr(char *buf, size_t size, bool has, int64_t v)
{
	/* Only formatting goes through double; whole tkr are exact in it. */
	if (has)
		styr_num_format(buf, size, (double)v, 0);
	else
		snprintf(buf, size, "–");
}

static void mkr(char *buf, size_t size, bool has, int64_t v)
{
	if (has)
		styr_num_format(buf, size, (double)v / 1000.0, 1);
	else
		snprintf(buf, size, "–");
}

/* ---------------------------------------------------------------- page */

static void period_form(struct req *r, const char *unit, int year, int months)
{
	int m;

	out_s(r, "<form method=\"get\" action=\"/enhet/");
	out_h(r, unit);
	out_s(r, "/ekonomi\"><label for=\"ar\">År</label><input id=\"ar\" name=\"ar\" "
	         "inputmode=\"numeric\" size=\"6\" value=\"");
	if (year)
		out_f(r, "%d", year);
	out_s(r, "\"><label for=\"man\">Januari till och med</label><select id=\"man\" "
	         "name=\"man\">");
	for (m = 1; m <= 12; m++)
		out_f(r, "<option value=\"%d\"%s>%s</option>", m, m == months ? " selected" : "",
		      month_name[m - 1]);
	out_s(r, "</select> <button type=\"submit\">Visa</button></form>");
}

static void line_row(struct req *r, const struct styr_ledger_table *t,
                     const struct styr_ledger_line *l)
{
	bool sum = ledger_is_sum(t, l);
	bool has_avv = l->has_utfall && l->has_budget;
	char a[48], b[48], c[48], d[48], e[48], f[48], g[48];

	tkr(a, sizeof(a), l->has_prev, l->prev_utfall);
	tkr(b, sizeof(b), l->has_utfall, l->utfall);
	tkr(c, sizeof(c), l->has_budget, l->budget);
	tkr(d, sizeof(d), has_avv, l->avvikelse);
	tkr(e, sizeof(e), l->has_utfall && l->has_prev, l->forandring);
	if (l->has_pct) {
		styr_num_format(f, sizeof(f), (double)l->forandring_pct100 / 100.0, 1);
		strcat(f, "\302\240%");
	} else {
		snprintf(f, sizeof(f), "–");
	}
	tkr(g, sizeof(g), l->has_prognos, l->prognos);
	out_s(r, sum ? "<tr class=\"sum\"><th scope=\"row\"><strong>" : "<tr><th scope=\"row\">");
	out_h(r, l->row.label);
	out_s(r, sum ? "</strong></th>" : "</th>");
	out_f(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>", a,
	      b, c);
	/* A negative avvikelse is worse than budget on every row (costs are
	 * negative amounts): marked by a symbol and words, not by colour
	 * alone. */
	if (has_avv && l->avvikelse < 0)
		out_f(r,
		      "<td class=\"num neg\">%s <span aria-hidden=\"true\">▼</span><span "
		      "class=\"sr\"> (negativ avvikelse)</span></td>",
		      d);
	else
		out_f(r, "<td class=\"num\">%s</td>", d);
	out_f(r, "<td class=\"num\">%s</td><td class=\"num\">%s</td>", e, f);
	if (l->prognos_derived)
		out_f(r,
		      "<td class=\"num\">%s<a href=\"#harledd\" title=\"beräknad "
		      "prognos\">*</a></td>",
		      g);
	else
		out_f(r, "<td class=\"num\">%s</td>", g);
	out_s(r, "</tr>");
}

static int ledger_section(struct req *r, const struct styr_org_unit *u, int year, int months)
{
	struct styr_ledger_table t;
	struct styr_buf note;
	struct styr_err err;
	bool derived = false, negative = false;
	size_t i;

	styr_err_init(&err);
	if (styr_ledger_table_build(r->db, u->code, "", year, months, NULL, &t, &err))
		return web_fail_err(r, &err);
	if (!t.n) {
		out_f(r, "<p>Det finns inga belopp i resultaträkningen för %d.</p>", year);
		styr_ledger_table_release(&t);
		return 0;
	}
	out_s(r, "<table id=\"resultatrakning\"><caption>Resultaträkning ");
	out_h(r, u->code);
	out_f(r,
	      ", %s–%s %d (tkr)</caption><thead><tr><th scope=\"col\">Rad</th>"
	      "<th scope=\"col\">Utfall %d</th><th scope=\"col\">Utfall %d</th>"
	      "<th scope=\"col\">Budget %d</th><th scope=\"col\">Avvikelse</th>"
	      "<th scope=\"col\">Förändring tkr</th><th scope=\"col\">Förändring %%</th>"
	      "<th scope=\"col\">Prognos helår</th></tr></thead><tbody>",
	      month_abbr[0], month_abbr[months - 1], year, year - 1, year, year);
	for (i = 0; i < t.n; i++) {
		const struct styr_ledger_line *l = &t.lines[i];

		line_row(r, &t, l);
		derived |= l->prognos_derived;
		negative |= l->has_utfall && l->has_budget && l->avvikelse < 0;
	}
	out_s(r, "</tbody></table>");
	if (negative)
		out_s(r, "<p class=\"hint\">▼ negativ avvikelse: utfallet är sämre än budgeten "
		         "(lägre intäkter eller högre kostnader).</p>");
	if (derived)
		out_s(r, "<p class=\"hint\" id=\"harledd\">* Ingen prognos är angiven för raden: "
		         "helårsprognosen är beräknad som utfallet hittills plus budgeten för "
		         "årets återstående månader.</p>");
	styr_buf_init(&note, 1 << 16);
	if (styr_ledger_periodisation_text(&t, &note, &err)) {
		styr_buf_release(&note);
		styr_ledger_table_release(&t);
		return web_fail_err(r, &err);
	}
	if (note.len) {
		out_s(r, "<p id=\"periodisering\">");
		out_h(r, note.data);
		out_s(r, "</p>");
	}
	/* like with like: the months without utfall are named, not
	 * compared with their budget */
	note.len = 0;
	if (styr_ledger_missing_text(&t, year, &note, &err)) {
		styr_buf_release(&note);
		styr_ledger_table_release(&t);
		return web_fail_err(r, &err);
	}
	if (note.len) {
		out_s(r, "<p id=\"utfall-saknas\">");
		out_h(r, note.data);
		out_s(r, "</p>");
	}
	styr_buf_release(&note);
	ledger_children(r, u->code, year, months, &t);
	styr_ledger_table_release(&t);
	return 0;
}

/* One table a dimension: the RESULTAT per object of the unit's ledger
 * detail (issue 15 item 4), when it has any for the dimension. */
static int dim_table(struct req *r, const struct styr_org_unit *u, int year, int months,
                     const struct styr_ledger_dim *d)
{
	struct styr_dim_table t;
	struct styr_err err;
	char dim[16], name[STYR_NAME_MAX];
	size_t i;

	styr_err_init(&err);
	snprintf(dim, sizeof(dim), "%d", d->dim);
	if (styr_ledger_breakdown(r->db, u->code, year, months, dim, NULL, &t, &err))
		return web_fail_err(r, &err);
	/* "Kostnadsställe" as a heading, "per kostnadsställe" in a sentence */
	snprintf(name, sizeof(name), "%s", t.dim.name);
	if (name[0] >= 'A' && name[0] <= 'Z')
		name[0] = (char)(name[0] - 'A' + 'a');
	if (t.n) {
		out_s(r, "<h2 id=\"per-");
		out_h(r, t.dim.code);
		out_s(r, "\">Per ");
		out_h(r, name);
		out_s(r, "</h2><table id=\"dim-");
		out_h(r, t.dim.code);
		out_s(r, "\"><caption>Resultat per ");
		out_h(r, name);
		out_s(r, " ");
		out_h(r, u->code);
		out_f(r, ", %s–%s %d (tkr)</caption><thead><tr><th scope=\"col\">", month_abbr[0],
		      month_abbr[months - 1], year);
		out_h(r, t.dim.name);
		out_s(r,
		      "</th><th scope=\"col\">Namn</th><th scope=\"col\">Utfall</th>"
		      "<th scope=\"col\">Budget</th><th scope=\"col\">Avvikelse</th></tr></thead>"
		      "<tbody>");
		for (i = 0; i <= t.n; i++) {
			const struct styr_dim_line *l = i < t.n ? &t.lines[i] : &t.total;
			char a[48], b[48], c[48];

			tkr(a, sizeof(a), l->has_utfall, l->utfall);
			tkr(b, sizeof(b), l->has_budget, l->budget);
			tkr(c, sizeof(c), l->has_utfall && l->has_budget, l->avvikelse);
			out_s(r, "<tr><th scope=\"row\">");
			out_h(r, i < t.n ? l->object : "Summa");
			out_s(r, "</th><td>");
			out_h(r, i < t.n ? l->name : "");
			out_f(r,
			      "</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
			      "<td class=\"num\">%s</td></tr>",
			      a, b, c);
		}
		out_s(r, "</tbody></table>");
	}
	styr_dim_table_release(&t);
	return 0;
}

struct dims_list {
	struct styr_ledger_dim *v;
	size_t n, cap;
};

static int dim_seen(void *ctx, const struct styr_ledger_dim *d)
{
	struct dims_list *l = ctx;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), NULL))
		return STYR_ENOMEM;
	l->v[l->n++] = *d;
	return 0;
}

/* A table for every dimension the unit's ledger detail has: kostnadsställe,
 * projekt, verksamhet, … (SIE #DIM), in the dimensions' order. */
static int dims_section(struct req *r, const struct styr_org_unit *u, int year, int months)
{
	struct dims_list l = {NULL, 0, 0};
	struct styr_err err;
	size_t i;
	int rc;

	styr_err_init(&err);
	if (styr_ledger_dim_each(r->db, dim_seen, &l, &err)) {
		free(l.v);
		return web_fail_err(r, &err);
	}
	for (i = 0, rc = 0; i < l.n && !rc; i++)
		rc = dim_table(r, u, year, months, &l.v[i]);
	free(l.v);
	return rc;
}

struct plans_walk {
	struct req *r;
	size_t n;
};

static int plan_row(void *ctx, const struct styr_action_plan *p)
{
	struct plans_walk *w = ctx;
	char e[48], a[48], g[48];

	if (!w->n++)
		out_s(w->r,
		      "<table id=\"handlingsplaner\"><caption>Handlingsplaner, "
		      "genomförandegrad</caption><thead><tr><th scope=\"col\">Handlingsplan</th>"
		      "<th scope=\"col\">Åtgärder</th><th scope=\"col\">Förväntad effekt "
		      "(Mkr)</th><th scope=\"col\">Uppnådd effekt (Mkr)</th><th "
		      "scope=\"col\">Genomförandegrad</th></tr></thead><tbody>");
	mkr(e, sizeof(e), p->has_expected, p->expected);
	mkr(a, sizeof(a), p->has_achieved, p->achieved);
	/* whole percent, as `styr actions` and the reports print it */
	tkr(g, sizeof(g), p->has_completion, styr_div_round(p->completion_permille, 10));
	if (p->has_completion)
		strcat(g, "\302\240%");
	out_s(w->r, "<tr><th scope=\"row\">");
	out_h(w->r, p->plan);
	out_f(w->r,
	      "</th><td class=\"num\">%zu</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
	      "<td class=\"num\">%s</td></tr>",
	      p->actions, e, a, g);
	return 0;
}

static int plans_section(struct req *r, const struct styr_org_unit *u)
{
	struct plans_walk w = {r, 0};
	struct styr_err err;

	out_s(r, "<h2 id=\"handlingsplan\">Handlingsplaner</h2>");
	styr_err_init(&err);
	if (styr_action_plan_each(r->db, u->code, plan_row, &w, &err))
		return web_fail_err(r, &err);
	if (!w.n) {
		out_s(r, "<p>Enheten har inga handlingsplaner.</p>");
		return 0;
	}
	out_s(r, "</tbody></table><p class=\"hint\">Genomförandegrad = uppnådd effekt / förväntad "
	         "effekt, summerat över handlingsplanens åtgärder.</p>");
	return 0;
}

int pg_economy(struct req *r)
{
	struct styr_org_unit u;
	char title[STYR_NAME_MAX + 16];
	int year, months;

	if (web_unit_or_reply(r, &u))
		return -1;
	if (period_or_reply(r, u.code, "ar", "man", &year, &months))
		return -1;
	snprintf(title, sizeof(title), "Ekonomi, %s", u.name);
	page_begin(r, title);
	out_s(r, "<p><a href=\"/enhet/");
	out_h(r, u.code);
	out_s(r, "\">Tillbaka till enheten</a></p>");
	period_form(r, u.code, year, months);
	if (!year)
		out_s(r,
		      "<p>Det finns inga ekonomiska uppgifter (resultaträkning) för enheten.</p>");
	else if (ledger_section(r, &u, year, months) || dims_section(r, &u, year, months))
		return -1;
	if (plans_section(r, &u))
		return -1;
	return page_end(r);
}

/* ---------------------------------------------------------------- JSON */

static json_t *amount(bool has, int64_t v)
{
	return has ? json_integer(v) : json_null();
}

int api_ledger(struct req *r)
{
	struct styr_org_unit u;
	struct styr_ledger_table t;
	struct styr_buf note;
	struct styr_err err;
	json_t *lines, *doc;
	int year, months;
	size_t i;

	if (web_unit_or_reply(r, &u))
		return -1;
	if (period_or_reply(r, u.code, "year", "months", &year, &months))
		return -1;
	lines = json_array();
	doc = json_pack("{s:s,s:s,s:i}", "unit", u.code, "name", u.name, "months", months);
	json_object_set_new(doc, "year", year ? json_integer(year) : json_null());
	json_object_set_new(doc, "profile", json_null());
	json_object_set_new(doc, "lines", lines);
	if (!year)
		return web_send_json(r, 200, doc);
	styr_err_init(&err);
	if (styr_ledger_table_build(r->db, u.code, "", year, months, NULL, &t, &err)) {
		json_decref(doc);
		return web_fail_err(r, &err);
	}
	for (i = 0; i < t.n; i++) {
		const struct styr_ledger_line *l = &t.lines[i];
		json_t *o = json_pack("{s:s,s:s,s:b}", "row", l->row.code, "label", l->row.label,
		                      "sum", ledger_is_sum(&t, l));

		json_object_set_new(o, "prev_utfall", amount(l->has_prev, l->prev_utfall));
		json_object_set_new(o, "utfall", amount(l->has_utfall, l->utfall));
		json_object_set_new(o, "budget", amount(l->has_budget, l->budget));
		json_object_set_new(o, "avvikelse",
		                    amount(l->has_utfall && l->has_budget, l->avvikelse));
		json_object_set_new(o, "forandring",
		                    amount(l->has_utfall && l->has_prev, l->forandring));
		/* percent with two decimals, exact in hundredths */
		json_object_set_new(o, "forandring_pct",
		                    l->has_pct ? json_real((double)l->forandring_pct100 / 100.0)
		                               : json_null());
		json_object_set_new(o, "prognos", amount(l->has_prognos, l->prognos));
		json_object_set_new(o, "prognos_derived", json_boolean(l->prognos_derived));
		json_object_set_new(o, "periodised", json_boolean(l->periodised));
		json_array_append_new(lines, o);
	}
	styr_buf_init(&note, 1 << 16);
	if (styr_ledger_periodisation_text(&t, &note, &err)) {
		styr_buf_release(&note);
		styr_ledger_table_release(&t);
		json_decref(doc);
		return web_fail_err(r, &err);
	}
	if (note.len)
		json_object_set_new(doc, "profile", json_stringn(note.data, note.len));
	{
		/* like with like: the months compared and those without utfall */
		json_t *cmp = json_array(), *miss = json_array();
		int m;

		for (m = 1; m <= 12; m++) {
			if (t.compared & (1u << m))
				json_array_append_new(cmp, json_integer(m));
			if (t.missing & (1u << m))
				json_array_append_new(miss, json_integer(m));
		}
		json_object_set_new(doc, "compared_months", cmp);
		json_object_set_new(doc, "missing_months", miss);
		note.len = 0;
		if (styr_ledger_missing_text(&t, year, &note, &err)) {
			styr_buf_release(&note);
			styr_ledger_table_release(&t);
			json_decref(doc);
			return web_fail_err(r, &err);
		}
		json_object_set_new(doc, "missing",
		                    note.len ? json_stringn(note.data, note.len) : json_null());
	}
	/* a roll-up: how many units' figures the lines add up */
	json_object_set_new(doc, "units", json_integer((json_int_t)t.from.units));
	/* ?by=kostnadsstalle (or projekt, a dimension number): the row
	 * (?row=, default resultat) per object of the unit's ledger detail */
	if (web_query(r, "by")) {
		struct styr_dim_table d;
		json_t *objs;

		if (styr_ledger_breakdown(r->db, u.code, year, months, web_query(r, "by"),
		                          web_query(r, "row"), &d, &err)) {
			styr_buf_release(&note);
			styr_ledger_table_release(&t);
			json_decref(doc);
			return web_fail_err(r, &err);
		}
		objs = json_array();
		for (i = 0; i <= d.n; i++) {
			const struct styr_dim_line *l = i < d.n ? &d.lines[i] : &d.total;
			json_t *o = json_pack("{s:s,s:s}", "object", i < d.n ? l->object : "",
			                      "name", l->name);

			json_object_set_new(o, "unit",
			                    l->unit[0] ? json_string(l->unit) : json_null());
			json_object_set_new(o, "utfall", amount(l->has_utfall, l->utfall));
			json_object_set_new(o, "budget", amount(l->has_budget, l->budget));
			json_object_set_new(o, "avvikelse",
			                    amount(l->has_utfall && l->has_budget, l->avvikelse));
			json_object_set_new(o, "utfall_ore",
			                    l->has_utfall ? json_integer(l->utfall_ore)
			                                  : json_null());
			json_object_set_new(o, "budget_ore",
			                    l->has_budget ? json_integer(l->budget_ore)
			                                  : json_null());
			if (i < d.n)
				json_array_append_new(objs, o);
			else
				json_object_set_new(doc, "by_total", o);
		}
		json_object_set_new(doc, "by",
		                    json_pack("{s:i,s:s,s:s,s:o}", "dim", d.dim.dim, "code",
		                              d.dim.code, "row", d.row.code, "objects", objs));
		styr_dim_table_release(&d);
	}
	styr_buf_release(&note);
	styr_ledger_table_release(&t);
	return web_send_json(r, 200, doc);
}
