/*
 * Min sida: where a person lands after logging in.  For each unit the
 * user holds a role on, what is due and what is late: the follow-up
 * calendar's reports and the uppdrag the unit owns (styr_due_each), the
 * unit's own indicators that lack a value for the period just ended
 * (styr_expected_each), and the year's report waiting to be handed in or
 * approved, each a link to the page where it is done.  The same deadlines
 * are offered as an iCalendar feed for the user's calendar program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

/* How far ahead a deadline is listed. */
#define MINE_HORIZON_DAYS 60

struct mine_unit {
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
};

struct mine {
	struct req *r;
	struct mine_unit *v;
	size_t n, cap;
	bool whole_org;
	struct styr_err *err;
};

static int add_unit(struct mine *m, const struct styr_org_unit *u)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].code, u->code))
			return 0;
	if (styr_array_grow((void **)&m->v, &m->cap, m->n, sizeof(*m->v), m->err))
		return -1;
	snprintf(m->v[m->n].code, sizeof(m->v[m->n].code), "%s", u->code);
	snprintf(m->v[m->n].name, sizeof(m->v[m->n].name), "%s", u->name);
	m->n++;
	return 0;
}

static int grant_cb(void *ctx, const struct styr_grant *g)
{
	struct mine *m = ctx;
	struct styr_org_unit u;
	struct styr_err local;

	if (!g->unit[0]) {
		m->whole_org = true;
		return 0;
	}
	styr_err_init(&local);
	if (styr_org_find(m->r->db, g->unit, &u, &local))
		return 0; /* a grant on a unit since removed */
	return add_unit(m, &u);
}

/* A grant on the whole organisation: its top units stand for it. */
static int top_cb(void *ctx, const struct styr_org_unit *u)
{
	struct mine *m = ctx;

	return u->parent[0] ? 0 : add_unit(m, u);
}

/* The user's units and today, or -1 with the answer given. */
static int mine_units(struct req *r, struct mine *m, char *date, size_t size, int *year, int *month)
{
	web_today(r, date, size, year, month);
	memset(m, 0, sizeof(*m));
	m->r = r;
	m->err = &r->err;
	if (styr_grant_each(r->db, r->user, grant_cb, m, &r->err) ||
	    (m->whole_org && styr_org_each(r->db, top_cb, m, &r->err))) {
		free(m->v);
		return web_fail_err(r, &r->err);
	}
	return 0;
}

struct todo {
	struct req *r;
	const char *unit;
	size_t items;
	/* expected values: how many are missing for each period due */
	size_t own;
	struct {
		struct styr_period period;
		size_t missing;
	} due[8];
	size_t ndue;
};

static void item_begin(struct todo *t, const char *cls)
{
	out_s(t->r, t->items++ ? "</li><li" : "<ul class=\"att-gora\"><li");
	if (cls)
		out_f(t->r, " class=\"%s\"", cls);
	out_s(t->r, ">");
}

static int due_cb(void *ctx, const struct styr_due_item *it)
{
	struct todo *t = ctx;

	if (it->state == STYR_DUE_DONE)
		return 0;
	item_begin(t, it->state == STYR_DUE_LATE ? "sen" : NULL);
	out_s(t->r, "<strong>");
	out_h(t->r, it->state == STYR_DUE_LATE ? "Försenad" : "Att göra");
	out_s(t->r, ":</strong> <a href=\"/enhet/");
	out_h(t->r, t->unit);
	out_s(t->r, "/kalender\">");
	out_h(t->r, it->what);
	out_s(t->r, "</a>");
	if (it->deadline[0]) {
		out_s(t->r, it->state == STYR_DUE_LATE ? ", skulle ha lämnats " : ", senast ");
		out_h(t->r, it->deadline);
	}
	return 0;
}

static int expected_cb(void *ctx, const struct styr_expected *e)
{
	struct todo *t = ctx;
	size_t i;

	if (e->indicator.category == STYR_IND_PRODUKTION)
		return 0;
	t->own++;
	if (e->has_value)
		return 0;
	for (i = 0; i < t->ndue; i++)
		if (!styr_period_cmp(&t->due[i].period, &e->period))
			break;
	if (i == sizeof(t->due) / sizeof(t->due[0]))
		return 0; /* more kinds of period than any plan has */
	if (i == t->ndue) {
		t->due[t->ndue].period = e->period;
		t->due[t->ndue++].missing = 0;
	}
	t->due[i].missing++;
	return 0;
}

/* One line per period with missing values, a link to the grid for a
 * person who may enter them. */
static void missing_items(struct todo *t, enum styr_access_role role)
{
	char ptext[STYR_PERIOD_TEXT_MAX], plabel[64];
	size_t i;

	for (i = 0; i < t->ndue; i++) {
		styr_period_format(&t->due[i].period, ptext, sizeof(ptext));
		styr_period_label(&t->due[i].period, plabel, sizeof(plabel));
		item_begin(t, NULL);
		out_s(t->r, "<strong>Att göra:</strong> ");
		if (role >= STYR_ACCESS_UNIT_MANAGER) {
			out_s(t->r, "<a href=\"/enhet/");
			out_h(t->r, t->unit);
			out_s(t->r, "/varden?period=");
			out_h(t->r, ptext);
			out_s(t->r, "\">");
		}
		out_f(t->r, "%zu av enhetens %zu indikatorer saknar värde för ", t->due[i].missing,
		      t->own);
		out_h(t->r, plabel);
		if (role >= STYR_ACCESS_UNIT_MANAGER)
			out_s(t->r, "</a>");
	}
}

static void report_item(struct todo *t, enum styr_access_role role, int year)
{
	struct styr_report_state st;
	struct styr_period p = {year, 1, 12};
	struct styr_err local;

	styr_err_init(&local);
	if (styr_report_state_get(t->r->db, t->unit, &p, &st, &local))
		return;
	if ((st.state == STYR_REPORT_DRAFT || st.state == STYR_REPORT_RETURNED) &&
	    role >= STYR_ACCESS_UNIT_MANAGER) {
		item_begin(t, NULL);
		out_f(t->r, "<strong>Att göra:</strong> <a href=\"/enhet/%s/rapport?period=%d\">",
		      t->unit, year);
		out_f(t->r, "Rapporten för %d är %s och inte inskickad</a>", year,
		      st.state == STYR_REPORT_RETURNED ? "returnerad" : "ett utkast");
	} else if (st.state == STYR_REPORT_SUBMITTED && role >= STYR_ACCESS_CONTROLLER) {
		item_begin(t, NULL);
		out_f(t->r, "<strong>Att göra:</strong> <a href=\"/enhet/%s/rapport?period=%d\">",
		      t->unit, year);
		out_f(t->r, "Rapporten för %d väntar på ditt godkännande</a>", year);
	}
}

int pg_mine(struct req *r)
{
	struct mine m;
	char date[16];
	int year, month;
	size_t i;

	if (mine_units(r, &m, date, sizeof(date), &year, &month))
		return -1;
	page_begin(r, "Min sida");
	out_s(r, "<p>Det här behöver göras i dina enheter per ");
	out_h(r, date);
	out_s(r, ". <a href=\"/min-sida/kalender.ics\">Prenumerera på tidsfristerna i din "
	         "kalender</a> (iCalendar).</p>");
	if (!m.n)
		out_s(r, "<p>Du har ingen roll på någon enhet ännu. Be en administratör om "
		         "behörighet.</p>");
	for (i = 0; i < m.n && !r->err.code; i++) {
		enum styr_access_role role = web_role_on(r, m.v[i].code);
		struct todo t;

		memset(&t, 0, sizeof(t));
		t.r = r;
		t.unit = m.v[i].code;
		out_s(r, "<section><h2><a href=\"/enhet/");
		out_h(r, m.v[i].code);
		out_s(r, "\">");
		out_h(r, m.v[i].name);
		out_s(r, "</a> <span class=\"hint\">(");
		out_h(r, styr_access_role_label(role));
		out_s(r, ")</span></h2>");
		if (styr_due_each(r->db, m.v[i].code, date, MINE_HORIZON_DAYS, due_cb, &t,
		                  &r->err) ||
		    styr_expected_each(r->db, m.v[i].code, year, month, expected_cb, &t, &r->err))
			break;
		missing_items(&t, role);
		report_item(&t, role, year - 1);
		out_s(r, t.items ? "</li></ul>" : "<p>Inget att göra just nu.</p>");
		out_s(r, "</section>");
	}
	free(m.v);
	return page_end(r);
}

/* ------------------------------------------------------------ iCalendar */

struct ics {
	struct req *r;
	const char *unit, *unit_name;
};

/* RFC 5545 text: backslash, semicolon and comma escaped, no newlines. */
static void ics_text(struct req *r, const char *s)
{
	for (; *s; s++) {
		char c[3] = {*s, 0, 0};

		if (*s == '\\' || *s == ';' || *s == ',') {
			c[0] = '\\';
			c[1] = *s;
		} else if (*s == '\n' || *s == '\r') {
			c[0] = ' ';
		}
		out_s(r, c);
	}
}

static int ics_cb(void *ctx, const struct styr_due_item *it)
{
	struct ics *x = ctx;
	char day[9];

	if (it->state == STYR_DUE_DONE || !it->deadline[0])
		return 0;
	snprintf(day, sizeof(day), "%.4s%.2s%.2s", it->deadline, it->deadline + 5,
	         it->deadline + 8);
	out_s(x->r, "BEGIN:VEVENT\r\nUID:");
	ics_text(x->r, x->unit);
	out_s(x->r, "-");
	out_f(x->r, "%s-", day);
	ics_text(x->r, it->goal[0] ? it->goal : it->source);
	out_s(x->r, "@styr\r\nDTSTAMP:");
	out_f(x->r, "%sT000000Z\r\nDTSTART;VALUE=DATE:%s\r\nSUMMARY:", day, day);
	ics_text(x->r, x->unit_name);
	out_s(x->r, ": ");
	ics_text(x->r, it->what);
	out_s(x->r, "\r\nEND:VEVENT\r\n");
	return 0;
}

int pg_mine_ics(struct req *r)
{
	struct mine m;
	char date[16];
	int year, month;
	size_t i;

	if (mine_units(r, &m, date, sizeof(date), &year, &month))
		return -1;
	r->content_type = "text/calendar; charset=utf-8";
	out_s(r, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//styr//Min sida//SV\r\n"
	         "X-WR-CALNAME:styr – mina tidsfrister\r\n");
	for (i = 0; i < m.n && !r->err.code; i++) {
		struct ics x = {r, m.v[i].code, m.v[i].name};

		/* The feed looks a year ahead: a calendar shows what is coming. */
		if (styr_due_each(r->db, m.v[i].code, date, 366, ics_cb, &x, &r->err))
			break;
	}
	out_s(r, "END:VCALENDAR\r\n");
	free(m.v);
	return 0;
}
