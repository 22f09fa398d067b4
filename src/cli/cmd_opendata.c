/*
 * styr opendata: the decisions behind the open Kolada-shaped API (styr
 * serve --open-data) — which indicators are published and from when,
 * their Kolada KPI ids, and the official codes of org units — and a list
 * of what is decided.
 *   styr opendata publish IND... --date YYYY-MM-DD
 *   styr opendata publish --goal GOAL --date YYYY-MM-DD   (its indicators)
 *   styr opendata unpublish IND... | --goal GOAL
 *   styr opendata kolada-id IND ID        ("" clears)
 *   styr opendata code UNIT CODE          ("" clears)
 *   styr opendata show
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int show_ind(void *ctx, const struct styr_open_indicator *o)
{
	(void)ctx;
	printf("indikator %s\t%s\t%s\n", o->indicator, o->kolada_id[0] ? o->kolada_id : "-",
	       o->published[0] ? o->published : "ej publicerad");
	return 0;
}

static int show_unit(void *ctx, const struct styr_open_unit *u)
{
	(void)ctx;
	printf("enhet %s\t%s\n", u->unit, u->official_code);
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {"goal", required_argument, NULL, 'g'},
	    {NULL, 0, NULL, 0},
	};
	const char *date = NULL, *goal = NULL, *what;
	struct styr_db *db;
	struct styr_err err;
	int c, i, rc = 0;

	if (argc < 2)
		return cli_usage(&cmd_opendata_def, "say what: publish, unpublish, kolada-id, code "
		                                    "or show");
	what = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			date = optarg;
		else if (c == 'g')
			goal = optarg;
		else
			return cli_usage(&cmd_opendata_def, "unknown option");
	}
	if (!strcmp(what, "publish") && !date)
		return cli_usage(&cmd_opendata_def,
		                 "--date is required: the day it is public from");
	if ((!strcmp(what, "publish") || !strcmp(what, "unpublish")) && optind >= argc && !goal)
		return cli_usage(&cmd_opendata_def, "name the indicators: styr opendata %s IND...",
		                 what);
	if ((!strcmp(what, "kolada-id") || !strcmp(what, "code")) && optind + 2 != argc)
		return cli_usage(&cmd_opendata_def, "styr opendata %s %s ID", what,
		                 !strcmp(what, "code") ? "UNIT" : "IND");
	if (strcmp(what, "publish") && strcmp(what, "unpublish") && strcmp(what, "kolada-id") &&
	    strcmp(what, "code") && strcmp(what, "show"))
		return cli_usage(&cmd_opendata_def,
		                 "\"%s\": expected publish, unpublish, kolada-id, code or show",
		                 what);
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (goal && (!strcmp(what, "publish") || !strcmp(what, "unpublish"))) {
		rc = styr_publish_goal(db, goal, !strcmp(what, "publish") ? date : NULL, &err);
	}
	if (!strcmp(what, "publish") || !strcmp(what, "unpublish")) {
		for (i = optind; !rc && i < argc; i++)
			rc =
			    styr_publish(db, argv[i], !strcmp(what, "publish") ? date : NULL, &err);
	} else if (!strcmp(what, "kolada-id")) {
		rc = styr_kolada_id_set(db, argv[optind], argv[optind + 1], &err);
	} else if (!strcmp(what, "code")) {
		rc = styr_official_code_set(db, argv[optind], argv[optind + 1], &err);
	} else {
		rc = styr_open_indicator_each(db, show_ind, NULL, &err) ||
		     styr_open_unit_each(db, show_unit, NULL, &err);
	}
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

const struct command cmd_opendata_def = {
    "opendata",
    run,
    "publish indicators as open data in Kolada's shape",
    "styr opendata publish IND... --date YYYY-MM-DD\n"
    "styr opendata publish --goal GOAL --date YYYY-MM-DD   (the goal's indicators)\n"
    "styr opendata unpublish IND... | --goal GOAL\n"
    "styr opendata kolada-id IND ID      (\"\" clears)\n"
    "styr opendata code UNIT CODE        (official municipality or region code; \"\" clears)\n"
    "styr opendata show\n"
    "Published indicators' yearly values are served without a login by\n"
    "styr serve --open-data, for units whose report for the year is approved.\n",
};
