/*
 * Action plans (handlingsplaner): åtgärder with an expected and an achieved
 * economic effect.  The genomförandegrad of a plan or an insatsområde is
 * achieved / expected over its actions (seed 002: 5,8 of 7,8 Mkr = 74 %),
 * computed in whole tkr and rounded once, so that a plan's figure and the
 * sum of its parts never disagree by more than the printed rounding.
 * styr_action_plan_each gives each plan's totals, so that every front-end
 * shows the same figure rather than summing on its own.
 *
 * An action works towards a goal: the plan names it (the goal column,
 * migration 0006), or, in plans that name none, its insatsområde is the
 * goal's code or title.  styr_action_xmatris_hook gives the X-matris
 * (src/calc/xmatris.c) the actions towards each of a unit's goals by
 * that rule, so the CLI, the reports and the web list the same actions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/goals.h"
#include "styr/ledger.h"

bool styr_completion_permille(int64_t achieved, int64_t expected, int64_t *out)
{
	if (expected == 0)
		return false;
	*out = styr_div_round(achieved * 1000, expected);
	return true;
}

int styr_action_state_check(const char *state, struct styr_err *err)
{
	static const char *const states[] = {"planerad", "pågår", "genomförd", "avbruten"};
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (!strcmp(state, states[i]))
			return STYR_OK;
	return styr_error(err, STYR_EINPUT,
	                  "action state \"%s\": expected planerad, pågår, genomförd or avbruten",
	                  state);
}

/* One goal's walk over the actions. */
struct towards {
	const struct styr_action_hook *h;
	const struct styr_goal *goal;
	int (*cb)(void *, const char *, const char *);
	void *cb_ctx;
};

static int towards_goal(void *ctx, const struct styr_action *a)
{
	struct towards *t = ctx;

	if (t->h->unit && strcmp(a->unit, t->h->unit))
		return 0;
	if (a->goal[0] ? strcmp(a->goal, t->goal->code)
	               : !a->insatsomrade[0] || (strcmp(a->insatsomrade, t->goal->code) &&
	                                         strcmp(a->insatsomrade, t->goal->title)))
		return 0;
	return t->cb(t->cb_ctx, a->title, a->owner);
}

static int actions_each(void *ctx, const char *goal,
                        int (*cb)(void *cb_ctx, const char *action, const char *owner),
                        void *cb_ctx, struct styr_err *err)
{
	const struct styr_action_hook *h = ctx;
	struct styr_goal g;
	struct towards t = {h, &g, cb, cb_ctx};
	int rc;

	if ((rc = styr_goal_find(h->db, goal, &g, err)))
		return rc;
	return styr_action_each(h->db, NULL, towards_goal, &t, err);
}

void styr_action_xmatris_hook(struct styr_action_hook *h, struct styr_db *db, const char *unit,
                              struct styr_xmatris_actions *hook)
{
	h->db = db;
	h->unit = unit;
	hook->each = actions_each;
	hook->ctx = h;
}

/* ------------------------------------------------------- plan totals */

struct plan_walk {
	const char *unit;
	struct styr_action_plan *plans;
	size_t n, cap;
	struct styr_err *err;
};

static int add_to_plan(void *ctx, const struct styr_action *a)
{
	struct plan_walk *w = ctx;
	struct styr_action_plan *p = NULL;
	size_t i;

	if (w->unit && strcmp(a->unit, w->unit))
		return 0;
	/* A plan's actions come together, but with every unit a plan may
	 * hold several units' actions: look back over all, not the last. */
	for (i = 0; i < w->n && !p; i++)
		if (!strcmp(w->plans[i].plan, a->plan) && !strcmp(w->plans[i].unit, a->unit))
			p = &w->plans[i];
	if (!p) {
		if (styr_array_grow((void **)&w->plans, &w->cap, w->n, sizeof(*p), w->err))
			return STYR_ENOMEM;
		p = &w->plans[w->n++];
		memset(p, 0, sizeof(*p));
		snprintf(p->plan, sizeof(p->plan), "%s", a->plan);
		snprintf(p->unit, sizeof(p->unit), "%s", a->unit);
	}
	p->actions++;
	p->expected += a->has_expected ? a->expected : 0;
	p->achieved += a->has_achieved ? a->achieved : 0;
	p->has_expected |= a->has_expected;
	p->has_achieved |= a->has_achieved;
	return 0;
}

int styr_action_plan_each(struct styr_db *db, const char *unit,
                          int (*cb)(void *ctx, const struct styr_action_plan *p), void *ctx,
                          struct styr_err *err)
{
	struct plan_walk w = {unit, NULL, 0, 0, err};
	size_t i;
	int rc;

	rc = styr_action_each(db, NULL, add_to_plan, &w, err);
	for (i = 0; i < w.n && !rc; i++) {
		struct styr_action_plan *p = &w.plans[i];

		p->has_completion =
		    p->has_expected && p->has_achieved &&
		    styr_completion_permille(p->achieved, p->expected, &p->completion_permille);
		rc = cb(ctx, p);
	}
	free(w.plans);
	return rc;
}
