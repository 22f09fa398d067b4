/*
 * Goals: the goal tree (vision → övergripande mål → ... → uppdrag), who
 * owns each goal, and which indicators measure it.
 */
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"

int styr_goal_put(struct styr_db *db, const struct styr_goal *g, struct styr_err *err)
{
	struct query q;
	long long parent = 0;
	int rc = g->parent[0] ? store_goal_id(db, g->parent, &parent, err) : STYR_OK;

	if (rc)
		return rc;
	if (q_start(&q, db, Q_GOAL_PUT, "storing a goal", err))
		return STYR_ESTORE;
	q_text(&q, g->code);
	q_key(&q, parent);
	q_text(&q, styr_goal_level_name(g->level));
	q_text(&q, g->title);
	q_text(&q, g->text);
	q_key(&q, g->valid_from);
	q_key(&q, g->valid_to);
	return q_exec(&q, NULL, err);
}

static void goal_from_row(struct query *q, struct styr_goal *g)
{
	memset(g, 0, sizeof(*g));
	q_col_copy(q, 0, g->code, sizeof(g->code));
	q_col_copy(q, 1, g->parent, sizeof(g->parent));
	styr_goal_level_parse(q_col_text(q, 2), &g->level, NULL);
	q_col_copy(q, 3, g->title, sizeof(g->title));
	q_col_copy(q, 4, g->text, sizeof(g->text));
	g->valid_from = (int)q_col_int(q, 5);
	g->valid_to = (int)q_col_int(q, 6);
}

int styr_goal_find(struct styr_db *db, const char *code, struct styr_goal *out,
                   struct styr_err *err)
{
	struct query q;
	long long id;
	int rc = store_goal_id(db, code, &id, err);

	if (rc)
		return rc;
	if (q_start(&q, db, Q_GOAL_GET, "reading a row", err))
		return STYR_ESTORE;
	q_int(&q, id);
	Q_FIND(&q, out, goal_from_row, err);
}

/* Goals are large; the walk gets its row from the caller's heap. */
static int goal_walk(struct styr_db *db, struct styr_goal *g,
                     int (*cb)(void *, const struct styr_goal *), void *ctx, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_GOAL_EACH, "reading rows", err))
		return STYR_ESTORE;
	Q_WALK(&q, g, goal_from_row, cb, ctx, err);
}

int styr_goal_each(struct styr_db *db, int (*cb)(void *, const struct styr_goal *), void *ctx,
                   struct styr_err *err)
{
	struct styr_goal *g = malloc(sizeof(*g));
	int rc;

	if (!g)
		return styr_error(err, STYR_ENOMEM, "out of memory reading goals");
	rc = goal_walk(db, g, cb, ctx, err);
	free(g);
	return rc;
}

int styr_goal_owner_put(struct styr_db *db, const struct styr_goal_owner *o, struct styr_err *err)
{
	struct query q;
	long long gid, uid;
	int rc = store_goal_id(db, o->goal, &gid, err);

	if (!rc)
		rc = store_org_id(db, o->unit, &uid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_GOAL_OWNER_PUT, "storing a goal owner", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_int(&q, uid);
	q_text(&q, styr_owner_role_name(o->role));
	return q_exec(&q, NULL, err);
}

static void owner_from_row(struct query *q, struct styr_goal_owner *o)
{
	memset(o, 0, sizeof(*o));
	q_col_copy(q, 0, o->goal, sizeof(o->goal));
	q_col_copy(q, 1, o->unit, sizeof(o->unit));
	styr_owner_role_parse(q_col_text(q, 2), &o->role, NULL);
}

int styr_goal_owner_each(struct styr_db *db, int (*cb)(void *, const struct styr_goal_owner *),
                         void *ctx, struct styr_err *err)
{
	struct styr_goal_owner o;
	struct query q;

	if (q_start(&q, db, Q_GOAL_OWNER_EACH, "reading rows", err))
		return STYR_ESTORE;
	Q_WALK(&q, &o, owner_from_row, cb, ctx, err);
}

int styr_goal_indicator_put(struct styr_db *db, const char *goal, const char *indicator,
                            struct styr_err *err)
{
	struct query q;
	long long gid, iid;
	int rc = store_goal_id(db, goal, &gid, err);

	if (!rc)
		rc = store_ind_id(db, indicator, &iid, err);
	if (rc)
		return rc;
	if (q_start(&q, db, Q_GOAL_IND_PUT, "linking a goal and an indicator", err))
		return STYR_ESTORE;
	q_int(&q, gid);
	q_int(&q, iid);
	return q_exec(&q, NULL, err);
}

int styr_goal_indicator_each(struct styr_db *db, int (*cb)(void *, const char *, const char *),
                             void *ctx, struct styr_err *err)
{
	return store_walk_pairs(db, Q_GOAL_IND_EACH, cb, ctx, err);
}

/* GOAL_REFS's kinds, in its order; the deletions, the goal last.  An
 * analysis whose subject is the goal goes with it; an action that works
 * towards it stays, unlinked (GOAL_DEL_ACTION). */
static const char *const goal_ref_what[] = {"goals below it", "indicator links", "owners",
                                            "uppdrag",        "uppdrag reports", "escalation steps",
                                            "analyses",       "actions"};
static const enum sql_id goal_del[] = {
    Q_GOAL_DEL_INDICATOR, Q_GOAL_DEL_OWNER,    Q_GOAL_DEL_REPORT, Q_GOAL_DEL_ESCALATION,
    Q_GOAL_DEL_UPPDRAG,   Q_GOAL_DEL_ANALYSIS, Q_GOAL_DEL_ACTION, Q_GOAL_DELETE};
static const bool goal_del_by_code[] = {false, false, false, false, false, true, true, false};
static const char *const goal_del_what[] = {"indicator links",    "owners",  "uppdrag reports",
                                            "escalation steps",   "uppdrag", "analyses",
                                            "actions (unlinked)", NULL};

int styr_goal_refs(struct styr_db *db, const char *code, struct styr_refs *out,
                   struct styr_err *err)
{
	long long id;
	int rc = store_goal_id(db, code, &id, err);

	return rc ? rc
	          : store_refs(db, Q_GOAL_REFS, id, code, goal_ref_what,
	                       sizeof(goal_ref_what) / sizeof(goal_ref_what[0]), out, err);
}

int styr_goal_delete(struct styr_db *db, const char *code, struct styr_refs *deleted,
                     struct styr_err *err)
{
	struct styr_refs refs;
	long long id;
	int rc = store_goal_id(db, code, &id, err);

	if (!rc)
		rc = store_refs(db, Q_GOAL_REFS, id, code, goal_ref_what, 1, &refs, err);
	if (!rc && refs.n)
		return styr_error(err, STYR_ECONFLICT,
		                  "goal %s: %lld goals below it: delete them first", code,
		                  refs.kind[0].count);
	if (deleted)
		memset(deleted, 0, sizeof(*deleted));
	return rc ? rc
	          : store_delete_all(db, goal_del, goal_del_by_code, goal_del_what,
	                             sizeof(goal_del) / sizeof(goal_del[0]), id, code, deleted,
	                             err);
}
