/*
 * The X-matris: the one-page view of a unit's plan that seed 000
 * (Helsingborgs lasarett) prints, where the unit's goals, the indicators
 * that measure them, the actions that move them and the people who own
 * them meet.  Nothing of it is stored: it is read from the goals the unit
 * owns, the goal–indicator links and the owners, so it cannot disagree
 * with them.  Actions belong to another area (action plans and their
 * economy); they come in through a hook so that this file does not depend
 * on how they are kept.
 *
 * Goals, owners and links are read once into memory: a plan has a few
 * hundred goals at most, and the walk over goals cannot call back into
 * the store while its statement is open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"
#include "styr/db.h"
#include "styr/goals.h"

struct xm {
	struct styr_goal *goals;
	size_t ngoals, cap;
	struct styr_goal_owner *owners;
	size_t nowners, ocap;
	char (*links)[2][STYR_CODE_MAX];
	size_t nlinks, lcap;
	struct styr_err *err;
};

static int take_goal(void *ctx, const struct styr_goal *g)
{
	struct xm *x = ctx;

	if (styr_array_grow((void **)&x->goals, &x->cap, x->ngoals, sizeof(*x->goals), x->err))
		return STYR_ENOMEM;
	x->goals[x->ngoals++] = *g;
	return 0;
}

static int take_owner(void *ctx, const struct styr_goal_owner *o)
{
	struct xm *x = ctx;

	if (styr_array_grow((void **)&x->owners, &x->ocap, x->nowners, sizeof(*x->owners), x->err))
		return STYR_ENOMEM;
	x->owners[x->nowners++] = *o;
	return 0;
}

static int take_link(void *ctx, const char *goal, const char *indicator)
{
	struct xm *x = ctx;

	if (styr_array_grow((void **)&x->links, &x->lcap, x->nlinks, sizeof(*x->links), x->err))
		return STYR_ENOMEM;
	snprintf(x->links[x->nlinks][0], STYR_CODE_MAX, "%s", goal);
	snprintf(x->links[x->nlinks][1], STYR_CODE_MAX, "%s", indicator);
	x->nlinks++;
	return 0;
}

static const struct styr_goal *goal_by_code(const struct xm *x, const char *code)
{
	size_t i;

	for (i = 0; i < x->ngoals; i++)
		if (!strcmp(x->goals[i].code, code))
			return &x->goals[i];
	return NULL;
}

static int add_action(void *ctx, const char *action, const char *owner)
{
	struct styr_xmatris_row *row = ctx;

	if (row->nactions < STYR_XMATRIS_MAX)
		snprintf(row->actions[row->nactions++], STYR_NAME_MAX, "%s%s%s%s", action,
		         owner && *owner ? " (" : "", owner && *owner ? owner : "",
		         owner && *owner ? ")" : "");
	return 0;
}

int styr_xmatris_each(struct styr_db *db, const char *unit,
                      const struct styr_xmatris_actions *actions,
                      int (*cb)(void *ctx, const struct styr_xmatris_row *row), void *ctx,
                      struct styr_err *err)
{
	struct xm x;
	struct styr_org_unit u;
	struct styr_xmatris_row *row = malloc(sizeof(*row));
	size_t i, j;
	int rc;

	memset(&x, 0, sizeof(x));
	x.err = err;
	if (!row)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	rc = styr_org_find(db, unit, &u, err);
	if (!rc)
		rc = styr_goal_each(db, take_goal, &x, err);
	if (!rc)
		rc = styr_goal_owner_each(db, take_owner, &x, err);
	if (!rc)
		rc = styr_goal_indicator_each(db, take_link, &x, err);
	for (i = 0; !rc && i < x.ngoals; i++) {
		const struct styr_goal *g = &x.goals[i], *up;
		bool owned = false;

		for (j = 0; j < x.nowners; j++)
			owned |=
			    !strcmp(x.owners[j].goal, g->code) && !strcmp(x.owners[j].unit, u.code);
		if (!owned)
			continue;
		memset(row, 0, sizeof(*row));
		row->goal = *g;
		for (up = goal_by_code(&x, g->parent); up && row->nchain < STYR_XMATRIS_MAX;
		     up = goal_by_code(&x, up->parent))
			snprintf(row->chain[row->nchain++], STYR_CODE_MAX, "%s", up->code);
		for (j = 0; j < x.nowners && row->nowners < STYR_XMATRIS_MAX; j++)
			if (!strcmp(x.owners[j].goal, g->code))
				row->owners[row->nowners++] = x.owners[j];
		for (j = 0; j < x.nlinks && row->nindicators < STYR_XMATRIS_MAX; j++)
			if (!strcmp(x.links[j][0], g->code))
				snprintf(row->indicators[row->nindicators++], STYR_CODE_MAX, "%s",
				         x.links[j][1]);
		if (actions && actions->each)
			rc = actions->each(actions->ctx, g->code, add_action, row, err);
		if (!rc)
			rc = cb(ctx, row);
	}
	free(x.goals);
	free(x.owners);
	free(x.links);
	free(row);
	return rc;
}
