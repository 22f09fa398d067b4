/*
 * styr report: write a report for a unit and period.
 *   styr report indicators --unit CODE --year YYYY [-o FILE]
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define REPORT_MAX ((size_t)256 << 20)

static int write_file(const char *path, const struct styr_buf *b, struct styr_err *err)
{
	FILE *f = path ? fopen(path, "w") : stdout;

	if (!f)
		return styr_error(err, STYR_EIO, "%s: %s", path, strerror(errno));
	fwrite(b->data, 1, b->len, f);
	if ((path ? fclose(f) : fflush(f)) != 0)
		return styr_error(err, STYR_EIO, "%s: %s", path ? path : "stdout", strerror(errno));
	return STYR_OK;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},
	    {"year", required_argument, NULL, 'y'},
	    {"output", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0},
	};
	const char *unit = NULL, *output = NULL;
	struct styr_db *db;
	struct styr_err err;
	struct styr_buf out;
	int year = 0;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unit = optarg;
			break;
		case 'y':
			if (cli_year(&cmd_report_def, optarg, &year))
				return EXIT_INPUT;
			break;
		case 'o':
			output = optarg;
			break;
		default:
			return cli_usage(&cmd_report_def, "unknown option");
		}
	}
	if (optind + 1 != argc || strcmp(argv[optind], "indicators"))
		return cli_usage(&cmd_report_def, "name the report: indicators");
	if (!unit || !year)
		return cli_usage(&cmd_report_def, "--unit CODE and --year YYYY are required");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	styr_buf_init(&out, REPORT_MAX);
	rc = styr_report_indicators_html(db, unit, year, &out, &err);
	if (!rc)
		rc = write_file(output, &out, &err);
	styr_buf_release(&out);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (output)
		printf("styr: wrote %s\n", output);
	return 0;
}

const struct command cmd_report_def = {
    "report",
    run,
    "write a report as HTML",
    "styr report indicators --unit CODE --year YYYY [-o FILE]\n"
    "indicators: the unit's indicator tables for the year and the two before,\n"
    "grouped by goal, with targets, status and trend (self-contained HTML).\n",
};
