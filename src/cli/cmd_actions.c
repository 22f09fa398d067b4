/*
 * styr actions: the action plans (handlingsplaner) with each åtgärd's
 * expected and achieved effect in Mkr, the plan's totals and its
 * genomförandegrad (achieved / expected), and the achieved effect per
 * insatsområde, as a controller reports them (seed 002: 5,8 of 7,8 Mkr =
 * 74 %).
 */
#include <getopt.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_AREAS 64

struct area {
	char name[STYR_NAME_MAX];
	int64_t expected, achieved;
	bool has_expected, has_achieved;
};

struct plan_sum {
	char plan[STYR_CODE_MAX];
	const char *unit_filter;
	int64_t expected, achieved;
	bool has_expected, has_achieved;
	struct area areas[MAX_AREAS];
	int nareas;
	size_t n;
};

static void mkr(char *buf, size_t n, bool has, int64_t tkr)
{
	if (has)
		styr_num_format(buf, n, (double)tkr / 1000.0, 1);
	else
		snprintf(buf, n, "–");
}

static void finish_plan(struct plan_sum *p)
{
	char e[32], a[32];
	int64_t pm;
	int i;

	if (!p->n)
		return;
	mkr(e, sizeof(e), p->has_expected, p->expected);
	mkr(a, sizeof(a), p->has_achieved, p->achieved);
	printf("  ");
	cli_cell("Summa", -60);
	cli_cell(e, 11);
	cli_cell(a, 11);
	printf("\n");
	if (!p->has_achieved)
		printf("  Genomförandegrad: ingen uppnådd effekt rapporterad än\n");
	else if (p->has_expected && styr_completion_permille(p->achieved, p->expected, &pm))
		printf("  Genomförandegrad (uppnådd / förväntad effekt): %s / %s Mkr = %lld %%\n",
		       a, e, (long long)styr_div_round(pm, 10));
	for (i = 0; i < p->nareas; i++) {
		if (!i)
			printf("  Per insatsområde (Mkr):\n");
		mkr(e, sizeof(e), p->areas[i].has_expected, p->areas[i].expected);
		mkr(a, sizeof(a), p->areas[i].has_achieved, p->areas[i].achieved);
		printf("    ");
		cli_cell(p->areas[i].name, -58);
		cli_cell(e, 11);
		cli_cell(a, 11);
		printf("\n");
	}
	printf("\n");
}

static int print_action(void *ctx, const struct styr_action *a)
{
	struct plan_sum *p = ctx;
	char e[32], b[32];
	int i;

	if (p->unit_filter && strcmp(p->unit_filter, a->unit))
		return 0;
	if (strcmp(p->plan, a->plan)) {
		finish_plan(p);
		memset(&p->expected, 0, sizeof(*p) - offsetof(struct plan_sum, expected));
		snprintf(p->plan, sizeof(p->plan), "%s", a->plan);
		printf("Handlingsplan %s (%s)\n  ", a->plan, a->unit);
		cli_cell("Åtgärd", -60);
		cli_cell("Förväntad", 11);
		cli_cell("Uppnådd", 11);
		printf("  Status\n");
	}
	p->n++;
	mkr(e, sizeof(e), a->has_expected, a->expected);
	mkr(b, sizeof(b), a->has_achieved, a->achieved);
	printf("  ");
	cli_cell(a->title, -60);
	cli_cell(e, 11);
	cli_cell(b, 11);
	printf("  %s\n", a->state);
	p->expected += a->has_expected ? a->expected : 0;
	p->achieved += a->has_achieved ? a->achieved : 0;
	p->has_expected |= a->has_expected;
	p->has_achieved |= a->has_achieved;
	if (!a->insatsomrade[0])
		return 0;
	for (i = 0; i < p->nareas; i++)
		if (!strcmp(p->areas[i].name, a->insatsomrade))
			break;
	if (i == p->nareas) {
		if (p->nareas == MAX_AREAS)
			return 0;
		memset(&p->areas[i], 0, sizeof(p->areas[i]));
		snprintf(p->areas[i].name, sizeof(p->areas[i].name), "%s", a->insatsomrade);
		p->nareas++;
	}
	p->areas[i].expected += a->has_expected ? a->expected : 0;
	p->areas[i].achieved += a->has_achieved ? a->achieved : 0;
	p->areas[i].has_expected |= a->has_expected;
	p->areas[i].has_achieved |= a->has_achieved;
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"plan", required_argument, NULL, 'p'},
	    {"unit", required_argument, NULL, 'u'},
	    {NULL, 0, NULL, 0},
	};
	const char *plan = NULL, *unit = NULL;
	struct styr_org_unit u;
	struct plan_sum *p;
	struct styr_db *db;
	struct styr_err err;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			plan = optarg;
			break;
		case 'u':
			unit = optarg;
			break;
		default:
			return cli_usage(&cmd_actions_def, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_actions_def, "unexpected argument \"%s\"", argv[optind]);
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	p = calloc(1, sizeof(*p));
	if (!p) {
		styr_db_close(db);
		styr_error(&err, STYR_ENOMEM, "out of memory");
		return cli_fail(&err);
	}
	rc = unit ? styr_org_find(db, unit, &u, &err) : STYR_OK;
	p->unit_filter = unit ? u.code : NULL;
	if (!rc)
		rc = styr_action_each(db, plan, print_action, p, &err);
	if (!rc) {
		finish_plan(p);
		if (!p->n && !p->plan[0])
			printf("(inga åtgärder)\n");
	}
	free(p);
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

const struct command cmd_actions_def = {
    "actions",
    run,
    "action plans: åtgärder, effects in Mkr and genomförandegrad",
    "styr actions [--plan CODE] [--unit CODE]\n"
    "Lists each action plan's åtgärder with expected and achieved effect\n"
    "(Mkr), the plan's totals, its genomförandegrad = achieved / expected, and\n"
    "the effect per insatsområde.  Import plans with styr import csv (an\n"
    "actions file, docs/formats.md).\n",
};
