/*
 * Entering a period's figures at once: one form with every one of the
 * unit's own indicators (styr_expected_each), each with the value stored
 * for the period, last period's beside it, a field for the new one and
 * the value's comment (what its reader should know; on a row without a
 * value, why it is missing).  All values of one submission are checked
 * first (a number; a percentage within 0–100; a count whole and not
 * negative; a comment that fits) and then stored in one transaction
 * (styr_values_write), so a refused field or a locked period stores none;
 * a changed comment is a change like a changed figure.  A stored value
 * far from last period's is flagged for the person to check, not
 * refused: a real change can be large.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "web/web.h"

/* A change larger than this share of last period's value is flagged. */
#define GRID_FAR 0.5

struct grid_row {
	struct styr_indicator ind;
	bool has_value, has_prev;
	struct styr_value value, prev;
	const char *typed;   /* the field as sent, on a refused submission */
	const char *comment; /* idem */
	char error[160];
};

struct grid {
	struct req *r;
	const char *unit;
	struct styr_period period, prev;
	struct grid_row *v;
	size_t n, cap;
};

static int plen(const struct styr_period *p)
{
	return p->last_month - p->first_month + 1;
}

/* The period just before p: the previous month, tertial or year; for a
 * cumulative period (jan–aug) the same months a year earlier. */
static struct styr_period period_before(const struct styr_period *p)
{
	struct styr_period q = *p;
	int len = plen(p);

	if (len != 1 && len != 4 && len != 12) {
		q.year--;
	} else if (p->first_month > len) {
		q.first_month -= len;
		q.last_month -= len;
	} else {
		q.year--;
		q.first_month = 13 - len;
		q.last_month = 12;
	}
	return q;
}

static int row_cb(void *ctx, const struct styr_expected *e)
{
	struct grid *g = ctx;
	struct grid_row *row;
	struct styr_err local;

	/* A yearly indicator takes no monthly value and the other way round;
	 * a cumulative period (jan–aug) takes any. */
	if (plen(&g->period) != plen(&e->period) &&
	    (plen(&g->period) == 1 || plen(&g->period) == 4 || plen(&g->period) == 12))
		return 0;
	if (styr_array_grow((void **)&g->v, &g->cap, g->n, sizeof(*g->v), &g->r->err))
		return -1;
	row = &g->v[g->n++];
	memset(row, 0, sizeof(*row));
	row->ind = e->indicator;
	styr_err_init(&local);
	row->has_value =
	    !styr_value_find(g->r->db, e->indicator.code, g->unit, &g->period, &row->value, &local);
	styr_err_init(&local);
	row->has_prev =
	    !styr_value_find(g->r->db, e->indicator.code, g->unit, &g->prev, &row->prev, &local);
	return 0;
}

/* The rows of the unit for the period, or -1 with a 500 to come. */
static int grid_load(struct req *r, struct grid *g, const char *unit, const struct styr_period *p)
{
	memset(g, 0, sizeof(*g));
	g->r = r;
	g->unit = unit;
	g->period = *p;
	g->prev = period_before(p);
	/* Which indicators are the unit's own does not depend on the day. */
	return styr_expected_each(r->db, unit, p->year + 1, 1, row_cb, g, &r->err) ? -1 : 0;
}

static void num_text(const struct styr_value *v, char *buf, size_t size)
{
	if (v->num.kind == STYR_NUM_VALUE)
		styr_num_format_num(buf, size, &v->num);
	else
		snprintf(buf, size, "saknas%s%s", v->missing_reason[0] ? ": " : "",
		         v->missing_reason);
}

static bool far_from_prev(const struct grid_row *row)
{
	double a, b;

	if (!row->has_value || !row->has_prev || row->value.num.kind != STYR_NUM_VALUE ||
	    row->prev.num.kind != STYR_NUM_VALUE)
		return false;
	a = row->prev.num.value;
	b = row->value.num.value;
	return a != 0 ? fabs(b - a) > GRID_FAR * fabs(a) : b != 0;
}

static void grid_page(struct req *r, const struct styr_org_unit *u, struct grid *g,
                      const char *notice, const char *top_error)
{
	char title[STYR_NAME_MAX + 64], label[64], ptext[STYR_PERIOD_TEXT_MAX], prevlabel[64];
	size_t i;

	styr_period_label(&g->period, label, sizeof(label));
	styr_period_label(&g->prev, prevlabel, sizeof(prevlabel));
	styr_period_format(&g->period, ptext, sizeof(ptext));
	snprintf(title, sizeof(title), "Värden för %s", label);
	page_begin(r, title);
	out_s(r, "<p class=\"hint\"><a href=\"/enhet/");
	out_h(r, u->code);
	out_s(r, "\">");
	out_h(r, u->name);
	out_s(r, "</a> · enhetens egna indikatorer. Lämna ett fält tomt för att behålla "
	         "det som står. En kommentar visas bredvid värdet och under rapportens tabell; "
	         "på en rad utan värde säger den varför värdet saknas.</p>");
	if (notice) {
		out_s(r, "<p class=\"summary\" role=\"status\">");
		out_h(r, notice);
		out_s(r, "</p>");
	}
	if (top_error) {
		out_s(r, "<p class=\"summary\" role=\"alert\">");
		out_h(r, top_error);
		out_s(r, "</p>");
	}
	out_s(r, "<form method=\"get\" action=\"/enhet/");
	out_h(r, u->code);
	out_s(r, "/varden\"><label for=\"period\">Period</label><input id=\"period\" "
	         "name=\"period\" value=\"");
	out_h(r, ptext);
	out_s(r, "\"> <button type=\"submit\">Visa</button></form>");
	if (!g->n) {
		out_s(r, "<p>Enheten har inga egna indikatorer ännu: de blir enhetens när ett "
		         "första värde registreras (formuläret för ett värde).</p>");
		return;
	}
	out_s(r, "<form method=\"post\" action=\"/enhet/");
	out_h(r, u->code);
	out_s(r, "/varden\">");
	page_csrf(r);
	out_s(r, "<input type=\"hidden\" name=\"period\" value=\"");
	out_h(r, ptext);
	out_s(r, "\"><table><caption>Värden för ");
	out_h(r, label);
	out_s(r, "</caption><thead><tr><th scope=\"col\">Indikator</th>"
	         "<th scope=\"col\">");
	out_h(r, prevlabel);
	out_s(r, "</th><th scope=\"col\">Registrerat</th><th scope=\"col\">Nytt värde</th>"
	         "<th scope=\"col\">Kommentar</th></tr></thead><tbody>");
	for (i = 0; i < g->n; i++) {
		struct grid_row *row = &g->v[i];
		char num[STYR_REASON_MAX + 16];

		out_s(r, "<tr><th scope=\"row\"><label for=\"v-");
		out_h(r, row->ind.code);
		out_s(r, "\">");
		out_h(r, row->ind.code);
		out_s(r, " ");
		out_h(r, row->ind.name);
		if (row->ind.unit[0]) {
			out_s(r, " (");
			out_h(r, row->ind.unit);
			out_s(r, ")");
		}
		out_s(r, "</label></th><td class=\"num\">");
		if (row->has_prev) {
			num_text(&row->prev, num, sizeof(num));
			out_h(r, num);
		} else {
			out_s(r, "–");
		}
		out_s(r, "</td><td class=\"num\">");
		if (row->has_value) {
			num_text(&row->value, num, sizeof(num));
			out_h(r, num);
			if (far_from_prev(row))
				out_s(r,
				      " <span class=\"varning\">stor ändring mot förra perioden: "
				      "kontrollera</span>");
		} else {
			out_s(r, "–");
		}
		out_s(r, "</td><td>");
		if (row->error[0]) {
			out_f(r, "<p class=\"error\" id=\"v-%s-fel\">", row->ind.code);
			out_h(r, row->error);
			out_s(r, "</p>");
		}
		out_s(r, "<input id=\"v-");
		out_h(r, row->ind.code);
		out_s(r, "\" name=\"v-");
		out_h(r, row->ind.code);
		out_s(r, "\" inputmode=\"decimal\" size=\"8\" value=\"");
		out_h(r, row->typed ? row->typed : "");
		out_s(r, "\"");
		if (row->error[0])
			out_f(r, " aria-invalid=\"true\" aria-describedby=\"v-%s-fel\"",
			      row->ind.code);
		out_s(r, "></td><td><input aria-label=\"Kommentar till ");
		out_h(r, row->ind.code);
		out_s(r, "\" name=\"k-");
		out_h(r, row->ind.code);
		out_s(r, "\" size=\"24\" value=\"");
		out_h(r, row->comment ? row->comment : row->has_value ? row->value.comment : "");
		out_s(r, "\"></td></tr>");
	}
	out_s(r, "</tbody></table><button type=\"submit\">Spara alla</button></form>");
}

/* The period asked for, else the one due now for most of the unit's
 * indicators (the last year). */
static int grid_period(struct req *r, const char *text, struct styr_period *p)
{
	char date[16];
	int year, month;

	if (text && text[0])
		return web_period_or_reply(r, "period", text, p);
	web_today(r, date, sizeof(date), &year, &month);
	p->year = year - 1;
	p->first_month = 1;
	p->last_month = 12;
	return 0;
}

int pg_grid_form(struct req *r)
{
	struct styr_org_unit u;
	struct styr_period p;
	struct grid g;
	const char *saved = web_query(r, "sparat");
	char notice[64];

	if (web_unit_or_reply(r, &u) || grid_period(r, web_query(r, "period"), &p))
		return -1;
	if (grid_load(r, &g, u.code, &p)) {
		free(g.v);
		return -1;
	}
	if (saved)
		snprintf(notice, sizeof(notice), "Sparade %d värden.", atoi(saved));
	grid_page(r, &u, &g, saved ? notice : NULL, NULL);
	free(g.v);
	return page_end(r);
}

/* Check one typed value against its indicator; the message is for the
 * person who typed it. */
static bool grid_check(struct grid_row *row, const char *typed, struct styr_num *num)
{
	struct styr_err err;

	styr_err_init(&err);
	if (styr_num_parse(typed, num, &err)) {
		snprintf(row->error, sizeof(row->error),
		         "”%.60s” är inte ett tal. Skriv till exempel 83,8.", typed);
		return false;
	}
	if ((num->percent || !strcmp(row->ind.unit, "%")) && (num->value < 0 || num->value > 100)) {
		snprintf(row->error, sizeof(row->error), "En andel ligger mellan 0 och 100 %%.");
		return false;
	}
	if (!strcasecmp(row->ind.unit, "antal") &&
	    (num->value < 0 || num->value != floor(num->value))) {
		snprintf(row->error, sizeof(row->error), "Ett antal är ett helt tal, 0 eller mer.");
		return false;
	}
	return true;
}

/* What one row of a submission stores, in *v: a typed figure (with the
 * comment as sent), a changed comment on the stored value, or, on a row
 * without a value, a comment alone as the reason it is missing.  false
 * when the row stores nothing, with *bad set when it was refused. */
static bool grid_row_value(struct grid_row *row, const char *typed, const char *comment,
                           struct styr_value *v, bool *bad)
{
	const char *stored = row->has_value ? row->value.comment : "";
	bool typed_any = typed && typed[0];

	if (!typed_any && (!comment || !strcmp(comment, stored)))
		return false;
	if (comment && strlen(comment) >= sizeof(v->comment)) {
		snprintf(row->error, sizeof(row->error),
		         "Kommentaren är för lång (högst %zu tecken).", sizeof(v->comment) - 1);
		*bad = true;
		return false;
	}
	memset(v, 0, sizeof(*v));
	if (typed_any) {
		if (!grid_check(row, typed, &v->num)) {
			*bad = true;
			return false;
		}
	} else if (row->has_value) {
		*v = row->value;
	} else {
		v->num.kind = STYR_NUM_MISSING;
		if (strlen(comment) >= sizeof(v->missing_reason)) {
			snprintf(row->error, sizeof(row->error),
			         "Orsaken är för lång (högst %zu tecken).",
			         sizeof(v->missing_reason) - 1);
			*bad = true;
			return false;
		}
		snprintf(v->missing_reason, sizeof(v->missing_reason), "%s", comment);
		comment = "";
	}
	/* A field the form did not send changes no comment. */
	v->has_comment = comment != NULL;
	snprintf(v->comment, sizeof(v->comment), "%s", comment ? comment : "");
	return true;
}

int pg_grid_post(struct req *r)
{
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_value *vals;
	struct grid g;
	struct styr_err err;
	char when[32], field[STYR_CODE_MAX + 4], ptext[STYR_PERIOD_TEXT_MAX], locked[400];
	time_t t = time(NULL);
	struct tm tm;
	size_t i, n = 0, written;
	bool bad = false;

	if (web_unit_or_reply(r, &u) || grid_period(r, web_field(r, "period"), &p))
		return -1;
	if (grid_load(r, &g, u.code, &p)) {
		free(g.v);
		return -1;
	}
	vals = calloc(g.n ? g.n : 1, sizeof(*vals));
	if (!vals) {
		free(g.v);
		return web_fail(r, 500, "out_of_memory", "out of memory");
	}
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < g.n; i++) {
		struct grid_row *row = &g.v[i];
		struct styr_value *v = &vals[n];
		const char *typed, *comment;

		snprintf(field, sizeof(field), "v-%s", row->ind.code);
		typed = web_field(r, field);
		snprintf(field, sizeof(field), "k-%s", row->ind.code);
		comment = web_field(r, field);
		row->typed = typed;
		row->comment = comment;
		if (!grid_row_value(row, typed, comment, v, &bad))
			continue;
		snprintf(v->indicator, sizeof(v->indicator), "%s", row->ind.code);
		snprintf(v->unit, sizeof(v->unit), "%s", u.code);
		v->period = p;
		/* A comment alone keeps where the stored figure came from. */
		if ((typed && typed[0]) || !row->has_value)
			snprintf(v->source, sizeof(v->source), "%s at %s", r->user, when);
		n++;
	}
	styr_err_init(&err);
	if (!bad && !n) {
		r->status = 422;
		grid_page(r, &u, &g, NULL, "Inget att spara: fyll i minst ett värde.");
	} else if (bad) {
		r->status = 422;
		grid_page(r, &u, &g, NULL, "Inget sparades. Rätta fälten som är markerade.");
	} else if (styr_values_write(r->db, r->user, vals, n, NULL, NULL, &written, &err)) {
		if (err.code != STYR_ELOCKED) {
			free(vals);
			free(g.v);
			return web_fail_err(r, &err);
		}
		r->status = 423;
		web_locked_text(r, u.code, &p, locked, sizeof(locked));
		grid_page(r, &u, &g, NULL, locked);
	} else {
		free(vals);
		free(g.v);
		styr_period_format(&p, ptext, sizeof(ptext));
		return web_redirect(r, "/enhet/%s/varden?period=%s&sparat=%zu", u.code, ptext,
		                    written);
	}
	free(vals);
	free(g.v);
	return page_end(r);
}
