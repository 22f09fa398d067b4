/*
 * styr export: write data out as interchange CSV or JSON lines.
 *   styr export KIND [--format csv|json] [--unit CODE] [--year YYYY]
 *   styr export all --dir DIR
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"unit", required_argument, NULL, 'u'},
	    {"year", required_argument, NULL, 'y'},
	    {"dir", required_argument, NULL, 'd'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_value_filter filter = {NULL, NULL, 0};
	const char *format = "csv", *dir = NULL;
	enum styr_entity kind = STYR_ENTITY_VALUE;
	struct styr_db *db;
	struct styr_err err;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'u':
			filter.unit = optarg;
			break;
		case 'y':
			if (cli_year(&cmd_export_def, optarg, &filter.year))
				return EXIT_INPUT;
			break;
		case 'd':
			dir = optarg;
			break;
		default:
			return cli_usage(&cmd_export_def, "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage(&cmd_export_def, "name one kind to export");
	styr_err_init(&err);
	if (strcmp(argv[optind], "all")) {
		if (styr_entity_parse(argv[optind], &kind, &err))
			return cli_usage(&cmd_export_def, "%s", err.msg);
		if (dir)
			return cli_usage(&cmd_export_def, "--dir goes with \"all\"");
	} else if (!dir) {
		return cli_usage(&cmd_export_def, "\"all\" needs --dir DIR");
	}
	if (strcmp(format, "csv") && strcmp(format, "json"))
		return cli_usage(&cmd_export_def, "--format \"%s\": expected csv or json", format);
	if (!strcmp(format, "json") && !styr_export_has_json(kind))
		return cli_usage(&cmd_export_def,
		                 "--format json is for values, the goals area's "
		                 "kinds, ledger, rules, actions, bridge and profiles");
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (dir)
		rc = styr_export_dir(db, dir, &err);
	else if (!strcmp(format, "json"))
		rc = styr_export_json(db, kind, &filter, stdout, &err);
	else
		rc = styr_export_csv(db, kind, &filter, stdout, &err);
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

const struct command cmd_export_def = {
    "export",
    run,
    "write data as interchange CSV or JSON lines",
    "styr export KIND [--format csv|json] [--unit CODE] [--year YYYY]\n"
    "       styr export all --dir DIR\n"
    "KIND: org, goals, indicators, targets, values, uppdrag, uppdrag_reports,\n"
    "escalations, followup, internal_control, index_weights.\n"
    "CSV is the interchange format of docs/formats.md (import reads it back).\n"
    "--format json (values and the goals area's kinds) prints one object per line;\n"
    "for values the keys are\n"
    "indicator, unit, period, value, numerator, denominator, target, status,\n"
    "trend, missing_reason, source and comment.  --unit and --year filter values.\n"
    "ledger, rules, actions, bridge: --format json prints one object per line\n"
    "with the CSV's columns as keys; --unit and --year filter the ledger,\n"
    "--year the bridge.\n",
};
