/*
 * styr show: read the database as a person would, in Swedish number
 * formats, one table per call.
 *   styr show units | indicators | values [--unit CODE] [--year YYYY]
 *   styr show indicator CODE
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int print_unit(void *ctx, const struct styr_org_unit *u)
{
	(void)ctx;
	printf("%-10s %-18s %-10s %s\n", u->code, styr_org_kind_name(u->kind),
	       u->parent[0] ? u->parent : "-", u->name);
	return 0;
}

static int print_indicator(void *ctx, const struct styr_indicator *ind)
{
	(void)ctx;
	printf("%-8s %-12s %s\n", ind->code, ind->unit[0] ? ind->unit : "-", ind->name);
	return 0;
}

struct value_printer {
	struct styr_db *db;
	struct styr_indicator ind;
	struct styr_err *err;
};

static int print_value(void *ctx, const struct styr_value *v)
{
	struct value_printer *p = ctx;
	struct styr_assessment a;
	char period[64], value[STYR_REASON_MAX];
	int rc;

	if (strcmp(p->ind.code, v->indicator)) {
		rc = styr_indicator_find(p->db, v->indicator, &p->ind, p->err);
		if (rc)
			return rc;
	}
	rc = styr_value_assess(p->db, &p->ind, v, &a, p->err);
	if (rc)
		return rc;
	styr_period_label(&v->period, period, sizeof(period));
	styr_value_format(v, &p->ind, value, sizeof(value));
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v->indicator, v->unit, period, value,
	       a.has_target ? a.target.text : "-", styr_status_label(a.status),
	       styr_trend_label(a.trend));
	return 0;
}

/* A unit's values rolled up (--unit): its own as print_value prints them;
 * a roll-up with how it was made; one that cannot be rolled up with why,
 * and the values of the units below it, a line each. */
static int print_rollup(void *ctx, const struct styr_indicator *ind,
                        const struct styr_value_rollup *r)
{
	struct value_printer *p = ctx;
	struct styr_assessment a;
	char period[64], value[STYR_REASON_MAX];
	size_t i;
	int rc;

	if (r->how == STYR_ROLLUP_OWN)
		return print_value(p, &r->value);
	p->ind = *ind;
	if ((rc = styr_value_assess(p->db, ind, &r->value, &a, p->err)))
		return rc;
	styr_period_label(&r->value.period, period, sizeof(period));
	styr_value_format(&r->value, ind, value, sizeof(value));
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", r->value.indicator, r->value.unit, period, value,
	       a.has_target ? a.target.text : "-", styr_status_label(a.status),
	       styr_trend_label(a.trend), r->how_text);
	if (r->how == STYR_ROLLUP_PER_UNIT)
		printf(" (%s)", r->why);
	putchar('\n');
	for (i = 0; r->how == STYR_ROLLUP_PER_UNIT && i < r->nparts; i++) {
		styr_value_format(&r->parts[i], ind, value, sizeof(value));
		printf("\t  %s\t%s\t%s\n", r->parts[i].unit, period, value);
	}
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},
	    {"year", required_argument, NULL, 'y'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_value_filter filter = {NULL, NULL, 0};
	struct styr_db *db;
	struct styr_err err;
	const char *what;
	int c, rc = STYR_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'u')
			filter.unit = optarg;
		else if (c == 'y') {
			if (cli_year(&cmd_show_def, optarg, &filter.year))
				return EXIT_INPUT;
		} else
			return cli_usage(&cmd_show_def, "unknown option");
	}
	if (optind >= argc)
		return cli_usage(&cmd_show_def, "show what?");
	what = argv[optind];
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (!strcmp(what, "units")) {
		rc = styr_org_each(db, print_unit, NULL, &err);
	} else if (!strcmp(what, "indicators")) {
		rc = styr_indicator_each(db, print_indicator, NULL, &err);
	} else if (!strcmp(what, "values")) {
		struct value_printer p;

		memset(&p, 0, sizeof(p));
		p.db = db;
		p.err = &err;
		/* a unit's values are its own, else rolled up from below it */
		if (filter.unit)
			rc = styr_value_rollup_each(db, filter.unit, filter.year, print_rollup, &p,
			                            &err);
		else
			rc = styr_value_each(db, &filter, print_value, &p, &err);
	} else if (!strcmp(what, "indicator") && optind + 1 < argc) {
		struct styr_indicator ind;

		rc = styr_indicator_find(db, argv[optind + 1], &ind, &err);
		if (!rc) {
			printf("%s  %s\n", ind.code, ind.name);
			printf("enhet: %s\nkälla: %s\nriktning: %s\n%s\n", ind.unit, ind.source,
			       ind.has_direction ? styr_direction_name(ind.direction)
			                         : "(från målet)",
			       ind.definition);
			filter.indicator = ind.code;
			{
				struct value_printer p;

				memset(&p, 0, sizeof(p));
				p.db = db;
				p.err = &err;
				rc = styr_value_each(db, &filter, print_value, &p, &err);
			}
		}
	} else {
		/* goals area (issue 7): goals, xmatris */
		bool handled;

		rc = cmd_show_goals(db, what, optind + 1 < argc ? argv[optind + 1] : NULL,
		                    filter.unit, filter.year, &handled, &err);
		if (!handled) {
			styr_db_close(db);
			return cli_usage(&cmd_show_def, "unknown \"%s\"", what);
		}
	}
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

const struct command cmd_show_def = {
    "show",
    run,
    "print units, indicators or values as tables",
    "styr show units | indicators | values [--unit CODE] [--year YYYY]\n"
    "With --unit, values the unit has none of are rolled up from the units\n"
    "below it (counts summed, ratios from täljare and nämnare; an eighth\n"
    "column says how, or why a value is shown per unit instead).\n"
    "       styr show indicator CODE\n"
    "       styr show goals\n"
    "       styr show xmatris --unit CODE\n"
    "       styr show internkontroll [--unit CODE] [--year YYYY]\n"
    "       styr show index NAME --unit CODE --year YYYY\n",
};
