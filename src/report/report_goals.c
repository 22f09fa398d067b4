/*
 * The goals side of a verksamhetsplan: the uppdrag the unit's board has
 * been given (seed 003's uppdrag tables: the uppdrag, who has huvudansvar
 * and medansvar, when it is due and reported on, and how far an uppdrag
 * that is not met has been escalated, seed 004 Tabell 3), and the
 * X-matris summary (goals × indicators × actions × owners, src/calc/xmatris.c).
 *
 * "The unit's board" is the unit and the board above it: a förvaltning
 * such as Lasarettet i Landskrona answers to Sjukhusstyrelse Landskrona,
 * and the region gives its uppdrag to the board.  Uppdrag, owners and the
 * X-matris rows are read into memory before the goals are looked up, as a
 * walk over the store cannot call back into it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/sections.h"
#include "styr/buf.h"
#include "styr/goals.h"

struct uppdrag_list {
	struct styr_uppdrag *u;
	size_t n, cap;
	struct styr_goal_owner *o;
	size_t no, ocap;
	struct styr_err *err;
};

static int add_uppdrag(void *ctx, const struct styr_uppdrag *u)
{
	struct uppdrag_list *l = ctx;

	if (styr_array_grow((void **)&l->u, &l->cap, l->n, sizeof(*u), l->err))
		return STYR_ENOMEM;
	l->u[l->n++] = *u;
	return 0;
}

static int add_owner(void *ctx, const struct styr_goal_owner *o)
{
	struct uppdrag_list *l = ctx;

	if (styr_array_grow((void **)&l->o, &l->ocap, l->no, sizeof(*o), l->err))
		return STYR_ENOMEM;
	l->o[l->no++] = *o;
	return 0;
}

static bool is_board(const struct section *s, const char *unit)
{
	return !strcmp(unit, s->unit->code) ||
	       (s->unit->parent[0] && !strcmp(unit, s->unit->parent));
}

static const char *role_name(enum styr_owner_role r)
{
	return r == STYR_ROLE_HUVUDANSVAR ? "huvudansvar" : "medansvar";
}

/* Who answers for goal: the boards with huvudansvar by code, then how
 * many share it with medansvar ("HSN; 12 med medansvar"); the board's
 * own role in *role. */
static void owners_of(const struct section *s, const struct uppdrag_list *l, const char *goal,
                      char *out, size_t size, const char **role)
{
	size_t i, len = 0, shared = 0;

	out[0] = '\0';
	*role = NULL;
	for (i = 0; i < l->no; i++) {
		if (strcmp(l->o[i].goal, goal))
			continue;
		if (is_board(s, l->o[i].unit))
			*role = role_name(l->o[i].role);
		if (l->o[i].role != STYR_ROLE_HUVUDANSVAR)
			shared++;
		else if (len < size)
			len += (size_t)snprintf(out + len, size - len, "%s%s", len ? ", " : "",
			                        l->o[i].unit);
	}
	if (shared && len < size)
		snprintf(out + len, size - len, "%s%zu med medansvar", len ? "; " : "", shared);
}

static int uppdrag_table(const struct section *s, const struct uppdrag_list *l, bool *any)
{
	static const char *const head[] = {"Uppdrag",  "Styrelsens ansvar", "Ansvariga",
	                                   "Deadline", "Återrapportering",  "Eskalering"};
	char owners[1024], dates[STYR_UPPDRAG_DATES_MAX * (STYR_DATE_MAX + 2)];
	size_t i;
	int rc = STYR_OK, d;

	for (i = 0; i < l->n && !rc; i++) {
		const struct styr_uppdrag *u = &l->u[i];
		struct styr_goal g;
		const char *role;
		size_t len = 0;

		owners_of(s, l, u->goal, owners, sizeof(owners), &role);
		if (!role)
			continue;
		if ((rc = styr_goal_find(s->db, u->goal, &g, s->err)))
			break;
		if (g.valid_to && g.valid_to < s->year)
			continue;
		if (!*any && (rc = doc_table(s->doc, "Uppdrag till styrelsen", head, 6, s->err)))
			break;
		*any = true;
		dates[0] = '\0';
		for (d = 0; d < u->nreport_dates; d++)
			len += (size_t)snprintf(dates + len, sizeof(dates) - len, "%s%s",
			                        d ? ", " : "", u->report_dates[d]);
		rc = doc_cell_text(s->doc, g.title, s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, role, s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, owners, s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, u->deadline[0] ? u->deadline : "–", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, dates[0] ? dates : "–", s->err);
		if (!rc)
			rc = doc_cell_text(
			    s->doc,
			    u->level == STYR_ESC_NONE ? "ingen" : styr_escalation_name(u->level),
			    s->err);
	}
	return rc;
}

/* X-matris rows of the unit and of its board. */
struct xm_rows {
	struct styr_xmatris_row *r;
	size_t n, cap;
	struct styr_err *err;
};

static int add_xm(void *ctx, const struct styr_xmatris_row *row)
{
	struct xm_rows *x = ctx;

	if (styr_array_grow((void **)&x->r, &x->cap, x->n, sizeof(*row), x->err))
		return STYR_ENOMEM;
	x->r[x->n++] = *row;
	return 0;
}

static int xmatris_table(const struct section *s, bool *any)
{
	static const char *const head[] = {"Mål", "Under", "Indikatorer", "Åtgärder", "Ägare"};
	struct xm_rows x = {NULL, 0, 0, s->err};
	struct styr_action_hook hook;
	struct styr_xmatris_actions actions;
	size_t i;
	int rc;

	/* every unit's actions towards a goal: the board's goals are moved by
	 * the units' plans */
	styr_action_xmatris_hook(&hook, s->db, NULL, &actions);
	rc = styr_xmatris_each(s->db, s->unit->code, &actions, add_xm, &x, s->err);
	if (!rc && s->unit->parent[0])
		rc = styr_xmatris_each(s->db, s->unit->parent, &actions, add_xm, &x, s->err);
	if (!rc && x.n) {
		*any = true;
		rc = doc_table(s->doc, "X-matris: mål, indikatorer, åtgärder och ägare", head, 5,
		               s->err);
	}
	for (i = 0; i < x.n && !rc; i++) {
		const struct styr_xmatris_row *row = &x.r[i];
		char inds[1024], acts[2048], owners[1024];
		size_t a = 0, b = 0, c = 0;
		int k;

		inds[0] = acts[0] = owners[0] = '\0';
		for (k = 0; k < row->nactions && c < sizeof(acts); k++)
			c += (size_t)snprintf(acts + c, sizeof(acts) - c, "%s%s", k ? "; " : "",
			                      row->actions[k]);
		for (k = 0; k < row->nindicators && a < sizeof(inds); k++)
			a += (size_t)snprintf(inds + a, sizeof(inds) - a, "%s%s", k ? ", " : "",
			                      row->indicators[k]);
		for (k = 0; k < row->nowners && b < sizeof(owners); k++)
			b += (size_t)snprintf(owners + b, sizeof(owners) - b, "%s%s (%s)",
			                      k ? ", " : "", row->owners[k].unit,
			                      role_name(row->owners[k].role));
		rc = doc_cell_text(s->doc, row->goal.title, s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, row->nchain ? row->chain[0] : "–", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, inds[0] ? inds : "–", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, acts[0] ? acts : "–", s->err);
		if (!rc)
			rc = doc_cell_text(s->doc, owners[0] ? owners : "–", s->err);
	}
	free(x.r);
	return rc;
}

int section_uppdrag_figures(const struct section *s, bool *any)
{
	struct uppdrag_list l = {NULL, 0, 0, NULL, 0, 0, s->err};
	int rc;

	*any = false;
	rc = styr_uppdrag_each(s->db, add_uppdrag, &l, s->err);
	if (!rc)
		rc = styr_goal_owner_each(s->db, add_owner, &l, s->err);
	if (!rc)
		rc = uppdrag_table(s, &l, any);
	if (!rc)
		rc = xmatris_table(s, any);
	free(l.u);
	free(l.o);
	return rc;
}
