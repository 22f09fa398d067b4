/*
 * The goal page's follow-up part: the goal's row of the X-matris (the
 * chain of goals above it, its owners, the indicators that follow it up
 * and the owning units' actions towards it) and, for an uppdrag, where
 * its escalation stands and how it got there.
 *
 * The X-matris is derived by styr_xmatris_each per owning unit; actions
 * reach it through the action store's hook (styr_action_xmatris_hook:
 * an action's goal, or an insatsområde naming the goal).
 */
#include <stdio.h>
#include <string.h>

#include "web/web.h"

struct xrow_walk {
	struct req *r;
	const char *goal, *unit;
	int shown;
};

static int xrow_cb(void *ctx, const struct styr_xmatris_row *row)
{
	struct xrow_walk *w = ctx;
	struct req *r = w->r;
	int i;

	if (strcmp(row->goal.code, w->goal))
		return 0;
	w->shown++;
	out_s(r, "<table class=\"xmatris\"><caption>X-matris, ");
	out_h(r, w->unit);
	out_s(r, "</caption><tbody><tr><th scope=\"row\">Mål ovanför</th><td>");
	for (i = row->nchain; i-- > 0;) {
		out_s(r, "<a href=\"/mal/");
		out_h(r, row->chain[i]);
		out_s(r, "\">");
		out_h(r, row->chain[i]);
		out_s(r, "</a>");
		out_s(r, i ? " → " : "");
	}
	out_s(r, row->nchain ? "" : "–");
	out_s(r, "</td></tr><tr><th scope=\"row\">Ansvariga</th><td>");
	for (i = 0; i < row->nowners; i++) {
		out_s(r, i ? ", " : "");
		out_s(r, "<a href=\"/enhet/");
		out_h(r, row->owners[i].unit);
		out_s(r, "\">");
		out_h(r, row->owners[i].unit);
		out_s(r, "</a> (");
		out_h(r, styr_owner_role_name(row->owners[i].role));
		out_s(r, ")");
	}
	out_s(r, row->nowners ? "" : "–");
	out_s(r, "</td></tr><tr><th scope=\"row\">Indikatorer</th><td>");
	for (i = 0; i < row->nindicators; i++) {
		out_s(r, i ? ", " : "");
		out_s(r, "<a href=\"/enhet/");
		out_h(r, w->unit);
		out_s(r, "/indikator/");
		out_h(r, row->indicators[i]);
		out_s(r, "\">");
		out_h(r, row->indicators[i]);
		out_s(r, "</a>");
	}
	out_s(r, row->nindicators ? "" : "–");
	out_s(r, "</td></tr><tr><th scope=\"row\">Åtgärder</th><td>");
	if (row->nactions) {
		out_s(r, "<ul>");
		for (i = 0; i < row->nactions; i++) {
			out_s(r, "<li>");
			out_h(r, row->actions[i]);
			out_s(r, "</li>");
		}
		out_s(r, "</ul>");
	} else
		out_s(r, "Inga åtgärder kopplade.");
	out_s(r, "</td></tr></tbody></table>");
	return 0;
}

struct owner_units {
	const char *goal;
	char units[STYR_XMATRIS_MAX][STYR_CODE_MAX];
	int n;
};

static int owner_units_cb(void *ctx, const struct styr_goal_owner *o)
{
	struct owner_units *w = ctx;

	if (!strcmp(o->goal, w->goal) && w->n < STYR_XMATRIS_MAX)
		snprintf(w->units[w->n++], sizeof(w->units[0]), "%s", o->unit);
	return 0;
}

static int step_cb(void *ctx, const struct styr_escalation_step *s)
{
	struct req *r = ctx;

	out_f(r, "<tr><td>%d</td><td>", s->seq);
	out_h(r, s->date);
	out_s(r, "</td><td>");
	out_h(r, styr_escalation_name(s->from));
	out_s(r, " → ");
	out_h(r, styr_escalation_name(s->to));
	out_s(r, "</td><td>");
	out_h(r, s->decided_by);
	out_s(r, "</td><td>");
	out_h(r, s->reason);
	out_s(r, "</td></tr>");
	return 0;
}

void page_goal_followup(struct req *r, const struct styr_goal *g)
{
	struct owner_units ow;
	struct styr_uppdrag u;
	struct styr_err err;
	int i;

	memset(&ow, 0, sizeof(ow));
	ow.goal = g->code;
	styr_err_init(&err);
	styr_goal_owner_each(r->db, owner_units_cb, &ow, &err);
	out_s(r, "<h2 id=\"xmatris\">X-matris</h2>");
	{
		struct xrow_walk w = {r, g->code, NULL, 0};

		for (i = 0; i < ow.n; i++) {
			struct styr_action_hook h;
			struct styr_xmatris_actions hook;

			styr_action_xmatris_hook(&h, r->db, ow.units[i], &hook);

			w.unit = ow.units[i];
			styr_err_init(&err);
			if (styr_xmatris_each(r->db, ow.units[i], &hook, xrow_cb, &w, &err)) {
				out_s(r, "<p class=\"error\">X-matrisen för ");
				out_h(r, ow.units[i]);
				out_s(r, " kunde inte visas.</p>");
			}
		}
		if (!w.shown)
			out_s(r, "<p>Målet har ingen ansvarig enhet och därför ingen rad i "
			         "X-matrisen.</p>");
	}
	styr_err_init(&err);
	if (styr_uppdrag_find(r->db, g->code, &u, &err))
		return;
	out_s(r, "<h2 id=\"eskalering\">Uppdraget</h2><dl><dt>Slutdatum</dt><dd>");
	out_h(r, u.deadline[0] ? u.deadline : "–");
	out_s(r, "</dd><dt>Återrapportering</dt><dd>");
	for (i = 0; i < u.nreport_dates; i++) {
		out_s(r, i ? ", " : "");
		out_h(r, u.report_dates[i]);
	}
	out_s(r, u.nreport_dates ? "" : "–");
	out_s(r, "</dd><dt>Eskalering</dt><dd id=\"eskaleringsniva\">");
	out_h(r, styr_escalation_name(u.level));
	if (u.level != STYR_ESC_NONE) {
		out_s(r, " (");
		out_h(r, styr_escalation_action(u.level));
		out_s(r, ")");
	}
	out_s(r, "</dd></dl><table><caption>Eskaleringshistorik</caption><thead><tr>"
	         "<th scope=\"col\">Steg</th><th scope=\"col\">Datum</th><th scope=\"col\">"
	         "Från → till</th><th scope=\"col\">Beslut av</th><th scope=\"col\">Skäl</th>"
	         "</tr></thead><tbody>");
	{
		size_t before = r->out.len;

		styr_err_init(&err);
		styr_escalation_each(r->db, g->code, step_cb, r, &err);
		if (r->out.len == before)
			out_s(r, "<tr><td colspan=\"5\">Inte eskalerat.</td></tr>");
	}
	out_s(r, "</tbody></table>");
}
