/*
 * The goals area's tables for styr show: the goal tree and the X-matris.
 * cmd_show.c hands over the names it does not know, so that this area's
 * views live in one file and the show command stays one table of words.
 *   styr show goals
 *   styr show xmatris --unit CODE
 *   styr show internkontroll [--unit CODE] [--year YYYY]
 *   styr show index NAME --unit CODE --year YYYY
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pad.h"

/* The tree is printed from memory: depth needs each goal's parent. */
struct tree {
	struct styr_goal *v;
	size_t n, cap;
	struct styr_goal_owner *o;
	size_t no, ocap;
	struct styr_err *err;
};

static int tree_goal(void *ctx, const struct styr_goal *g)
{
	struct tree *t = ctx;

	if (styr_array_grow((void **)&t->v, &t->cap, t->n, sizeof(*t->v), t->err))
		return STYR_ENOMEM;
	t->v[t->n++] = *g;
	return 0;
}

static int tree_owner(void *ctx, const struct styr_goal_owner *o)
{
	struct tree *t = ctx;

	if (styr_array_grow((void **)&t->o, &t->ocap, t->no, sizeof(*t->o), t->err))
		return STYR_ENOMEM;
	t->o[t->no++] = *o;
	return 0;
}

static void print_children(const struct tree *t, const char *parent, int depth)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		const struct styr_goal *g = &t->v[i];
		int n = 0;

		if (strcmp(g->parent, parent))
			continue;
		printf("%*s%s  [%s%s", depth * 2, "", g->code, styr_goal_level_name(g->level),
		       g->valid_from && g->level == STYR_GOAL_UPPDRAG ? ", från " : "");
		if (g->valid_from && g->level == STYR_GOAL_UPPDRAG)
			printf("%d", g->valid_from);
		printf("]  ");
		cli_cut(stdout, g->title, 90);
		putchar('\n');
		/* owners on their own line, indented under the goal */
		for (j = 0; j < t->no; j++) {
			if (strcmp(t->o[j].goal, g->code))
				continue;
			if (!n++)
				printf("%*s  ansvariga: ", depth * 2, "");
			printf("%s%s%s", n > 1 ? ", " : "", t->o[j].unit,
			       t->o[j].role == STYR_ROLE_HUVUDANSVAR ? " (huvudansvar)" : "");
		}
		if (n)
			putchar('\n');
		print_children(t, g->code, depth + 1);
	}
}

static int show_tree(struct styr_db *db, struct styr_err *err)
{
	struct tree t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.err = err;
	rc = styr_goal_each(db, tree_goal, &t, err);
	if (!rc)
		rc = styr_goal_owner_each(db, tree_owner, &t, err);
	if (!rc) {
		print_children(&t, "", 0);
		printf("%zu mål\n", t.n);
	}
	free(t.v);
	free(t.o);
	return rc;
}

/* Rows of the X-matris kept for the grid printed after them. */
struct xm_print {
	struct styr_db *db;
	char (*goals)[STYR_CODE_MAX];
	char (*links)[STYR_XMATRIS_MAX][STYR_CODE_MAX];
	int *nlinks;
	size_t n, cap;
	struct styr_err *err;
};

static int print_row(void *ctx, const struct styr_xmatris_row *r)
{
	struct xm_print *p = ctx;
	int i;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		void *g = realloc(p->goals, cap * sizeof(*p->goals));
		void *l = g ? realloc(p->links, cap * sizeof(*p->links)) : NULL;
		void *n = l ? realloc(p->nlinks, cap * sizeof(*p->nlinks)) : NULL;

		if (g)
			p->goals = g;
		if (l)
			p->links = l;
		if (n)
			p->nlinks = n;
		if (!g || !l || !n)
			return styr_error(p->err, STYR_ENOMEM, "out of memory");
		p->cap = cap;
	}
	snprintf(p->goals[p->n], STYR_CODE_MAX, "%s", r->goal.code);
	memcpy(p->links[p->n], r->indicators, sizeof(r->indicators));
	p->nlinks[p->n] = r->nindicators;
	p->n++;
	printf("mål %zu  %s  [%s]  ", p->n, r->goal.code, styr_goal_level_name(r->goal.level));
	cli_cut(stdout, r->goal.title, 90);
	printf("\n       under:");
	for (i = 0; i < r->nchain; i++)
		printf("%s %s", i ? " ›" : "", r->chain[i]);
	printf("%s\n       ansvariga:", r->nchain ? "" : " –");
	for (i = 0; i < r->nowners; i++)
		printf("%s %s%s", i ? "," : "", r->owners[i].unit,
		       r->owners[i].role == STYR_ROLE_HUVUDANSVAR ? " (huvudansvar)" : "");
	printf("\n       indikatorer:");
	for (i = 0; i < r->nindicators; i++)
		printf("%s %s", i ? "," : "", r->indicators[i]);
	printf("%s\n       åtgärder:", r->nindicators ? "" : " –");
	for (i = 0; i < r->nactions; i++)
		printf("%s %s", i ? ";" : "", r->actions[i]);
	printf("%s\n", r->nactions ? "" : " – (inga åtgärder registrerade)");
	return 0;
}

static int grid_indicator(void *ctx, const struct styr_indicator *ind)
{
	struct xm_print *p = ctx;
	size_t g;
	int k;
	bool any = false;

	for (g = 0; g < p->n; g++)
		for (k = 0; k < p->nlinks[g]; k++)
			any |= !strcmp(p->links[g][k], ind->code);
	if (!any)
		return 0;
	cli_pad(stdout, ind->code, 10);
	for (g = 0; g < p->n; g++) {
		bool x = false;

		for (k = 0; k < p->nlinks[g]; k++)
			x |= !strcmp(p->links[g][k], ind->code);
		fputs(x ? "   X" : "   ·", stdout);
	}
	putchar(' ');
	cli_cut(stdout, ind->name, 50);
	putchar('\n');
	return 0;
}

static int show_xmatris(struct styr_db *db, const char *unit, struct styr_err *err)
{
	struct styr_action_hook hook;
	struct styr_xmatris_actions actions;
	struct xm_print p;
	struct styr_org_unit u;
	size_t g;
	int rc;

	memset(&p, 0, sizeof(p));
	p.db = db;
	p.err = err;
	rc = styr_org_find(db, unit, &u, err);
	if (rc)
		return rc;
	printf("X-matris för %s %s\n\n", u.code, u.name);
	/* The actions towards each goal come from the action store. */
	styr_action_xmatris_hook(&hook, db, u.code, &actions);
	rc = styr_xmatris_each(db, unit, &actions, print_row, &p, err);
	if (!rc && p.n) {
		printf("\n%-10s", "indikator");
		for (g = 0; g < p.n; g++)
			printf(" %3zu", g + 1);
		printf(" (mål)\n");
		rc = styr_indicator_each(db, grid_indicator, &p, err);
	}
	if (!rc)
		printf("%zu mål\n", p.n);
	free(p.goals);
	free(p.links);
	free(p.nlinks);
	return rc;
}

static int print_control(void *ctx, const struct styr_internal_control *c)
{
	size_t *n = ctx;

	printf("%s %d  riskvärde %d (sannolikhet %d × konsekvens %d)  %s\n", c->unit, c->year,
	       styr_risk_value(c), c->probability, c->consequence, c->risk);
	printf("    kontrollmoment: %s\n    ansvarig: %s, frekvens: %s\n", c->control,
	       c->responsible, c->frequency);
	printf("    resultat: %s\n    åtgärder: %s\n", c->result[0] ? c->result : "–",
	       c->actions[0] ? c->actions : "–");
	(*n)++;
	return 0;
}

static int print_part(void *ctx, const struct styr_index_part *p)
{
	char w[32], a[32], c[32];

	(void)ctx;
	styr_num_format(w, sizeof(w), p->weight, 1);
	styr_num_format(a, sizeof(a), p->attainment, 0);
	styr_num_format(c, sizeof(c), p->contribution, 1);
	cli_pad(stdout, p->indicator, 10);
	cli_pad(stdout, w, 7);
	cli_pad(stdout, styr_status_label(p->status), 13);
	if (p->counted)
		printf("%6s %8s\n", a, c);
	else
		printf("%6s %8s\n", "–", "räknas ej");
	return 0;
}

static int show_index(struct styr_db *db, const char *name, const char *unit, int year,
                      struct styr_err *err)
{
	struct styr_index_result res;
	char v[32];
	int rc;

	printf("index %s, %s %d\n", name, unit, year);
	printf("%-10s%-7s%-13s%6s %8s\n", "indikator", "vikt", "status", "poäng", "bidrag");
	rc = styr_index_compute(db, name, unit, year, print_part, NULL, &res, err);
	if (rc)
		return rc;
	if (!res.counted) {
		printf("index: – (ingen indikator har värde och mål)\n");
		return STYR_OK;
	}
	styr_num_format(v, sizeof(v), res.value, 1);
	printf("index: %s av 100 (%zu av %zu indikatorer räknade)\n", v, res.counted, res.parts);
	return STYR_OK;
}

int cmd_show_goals(struct styr_db *db, const char *what, const char *arg, const char *unit,
                   int year, bool *handled, struct styr_err *err)
{
	*handled = true;
	if (!strcmp(what, "internkontroll")) {
		size_t n = 0;
		int rc = styr_internal_control_each(db, unit, year, print_control, &n, err);

		if (!rc)
			printf("%zu risker\n", n);
		return rc;
	}
	if (!strcmp(what, "index")) {
		if (!arg || !unit || !year)
			return styr_error(err, STYR_EUSAGE,
			                  "show index needs NAME, --unit and --year");
		return show_index(db, arg, unit, year, err);
	}
	if (!strcmp(what, "goals"))
		return show_tree(db, err);
	if (!strcmp(what, "xmatris")) {
		if (!unit)
			return styr_error(err, STYR_EUSAGE, "show xmatris needs --unit CODE");
		return show_xmatris(db, unit, err);
	}
	*handled = false;
	return STYR_OK;
}
