/*
 * styr report: write a report for a unit and period.
 *   styr report TYPE --unit CODE --period P [--format html|pdf|xlsx]
 *                    [--children] [-o FILE]
 *   styr report indicators --unit CODE --year YYYY [-o FILE]
 *   styr report diff --unit CODE --period P [--type TYPE]
 * The type, format and period are parsed by the library, which also checks
 * that the period fits the type; this file only maps options to a request.
 * An approved period gives the approved version (styr_report_get) unless
 * --current asks for today's data; diff lists what changed since approval.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli.h"

#define REPORT_MAX ((size_t)256 << 20)
/* the nice value a report runs at, at least (run) */
#define REPORT_NICE 10

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

static int indicators(struct cli *cli, const char *unit, int year, const char *output)
{
	struct styr_db *db;
	struct styr_err err;
	struct styr_buf out;
	int rc;

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

static int print_change(void *ctx, const struct styr_report_change *c)
{
	char label[STYR_FIGURE_MAX + 32];

	(void)ctx;
	styr_report_change_label(c, label, sizeof(label));
	printf("%s: %s → %s", label, c->old[0] ? c->old : "—", c->now[0] ? c->now : "—");
	if (c->who[0])
		printf(" (%s, %s)\n", c->who, c->when);
	else
		printf(" (ej i ändringsloggen)\n");
	return 0;
}

static int diff(struct cli *cli, const char *unit, const char *period, const char *type)
{
	struct styr_report_request req;
	struct styr_db *db;
	struct styr_err err;
	size_t n;
	int rc;

	styr_err_init(&err);
	if (!unit || !period)
		return cli_usage(&cmd_report_def, "--unit CODE and --period P are required");
	if (styr_period_parse(period, &req.period, &err))
		return cli_usage(&cmd_report_def, "--period: %s", err.msg);
	if (type && (styr_report_type_parse(type, &req.type, &err) ||
	             !styr_report_type_fits(req.type, &req.period)))
		return cli_usage(&cmd_report_def, "--type \"%s\": %s", type,
		                 err.msg[0] ? err.msg : "does not fit the period");
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_report_diff(db, unit, &req.period, print_change, NULL, &n, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (!n)
		printf("Inga ändringar sedan fastställelsen.\n");
	return n ? 1 : 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},    {"year", required_argument, NULL, 'y'},
	    {"period", required_argument, NULL, 'p'},  {"format", required_argument, NULL, 'f'},
	    {"children", no_argument, NULL, 'c'},      {"output", required_argument, NULL, 'o'},
	    {"png-dir", required_argument, NULL, 'g'}, {"current", no_argument, NULL, 'C'},
	    {"type", required_argument, NULL, 't'},    {NULL, 0, NULL, 0},
	};
	struct styr_report_request req;
	const char *unit = NULL, *output = NULL, *period = NULL, *format = NULL, *sde;
	const char *type = NULL;
	bool current = false;
	struct styr_db *db;
	struct styr_err err;
	int year = 0;
	int c, rc;

	memset(&req, 0, sizeof(req));
	styr_err_init(&err);
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
		case 'p':
			period = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'c':
			req.children = true;
			break;
		case 'g':
			req.png_dir = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'C':
			current = true;
			break;
		case 't':
			type = optarg;
			break;
		default:
			return cli_usage(&cmd_report_def, "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage(&cmd_report_def,
		                 "name one report: arsredovisning, delarsrapport, "
		                 "manadsrapport, verksamhetsplan, indicators or diff");
	if (!strcmp(argv[optind], "indicators"))
		return indicators(cli, unit, year, output);
	if (!strcmp(argv[optind], "diff"))
		return diff(cli, unit, period, type);
	/* --format wins; else the output file's extension; else HTML. */
	req.format = STYR_FORMAT_HTML;
	if (!format)
		styr_report_format_of_path(output, &req.format);
	if (styr_report_type_parse(argv[optind], &req.type, &err) ||
	    (format && styr_report_format_parse(format, &req.format, &err)))
		return cli_usage(&cmd_report_def, "%s", err.msg);
	if (!unit || !period)
		return cli_usage(&cmd_report_def, "--unit CODE and --period P are required");
	if (styr_period_parse(period, &req.period, &err))
		return cli_usage(&cmd_report_def, "--period: %s", err.msg);
	req.unit = unit;
	/* The reproducible-builds convention: a fixed creation date makes the
	 * same data give byte-identical PDF and XLSX files.  Without it the
	 * report takes the data's last change (styr_db_last_change). */
	if ((sde = getenv("SOURCE_DATE_EPOCH")) && *sde) {
		char *end;
		long long t;

		errno = 0;
		t = strtoll(sde, &end, 10);
		if (errno || *end || t <= 0)
			return cli_usage(&cmd_report_def,
			                 "SOURCE_DATE_EPOCH \"%s\": expected seconds since 1970",
			                 sde);
		req.created = (time_t)t;
	}
	/* A report is batch work: it yields the cores to a server's page reads
	 * on the same machine (docs/deploy.md).  It only reads, so it holds no
	 * lock a server's write would wait for. */
	errno = 0;
	if ((c = getpriority(PRIO_PROCESS, 0)) < REPORT_NICE && !errno)
		(void)setpriority(PRIO_PROCESS, 0, REPORT_NICE);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_report_get(db, &req, current, output, &err);
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
    "write a report as HTML, PDF or XLSX",
    "styr report TYPE --unit CODE --period P [--format html|pdf|xlsx] [--children]\n"
    "                   [--png-dir DIR] [--current] [-o FILE]\n"
    "       styr report indicators --unit CODE --year YYYY [-o FILE]\n"
    "       styr report diff --unit CODE --period P [--type TYPE]\n"
    "TYPE and the periods it takes:\n"
    "  arsredovisning   a year: 2024\n"
    "  delarsrapport    jan–apr or jan–aug: \"jan–aug 2024\", 2024T1\n"
    "  manadsrapport    a month with follow-up: 2024-08 (analysis and forecast after\n"
    "                   mars, maj, augusti, oktober; information after april, juli,\n"
    "                   september, november)\n"
    "  verksamhetsplan  a year: goals and indicators with target levels\n"
    "--children adds a section per unit below CODE; --png-dir DIR also writes\n"
    "every chart as DIR/diagram-N.png.  HTML and PDF go to standard output\n"
    "without -o; XLSX needs -o FILE.  Without --format the format follows\n"
    "FILE's extension (.html, .pdf, .xlsx), else HTML.  PDF and XLSX carry the\n"
    "time the data last changed as their creation date (SOURCE_DATE_EPOCH, when\n"
    "set, instead): the same database gives the same bytes in every format.\n"
    "Every report prints the SHA-256 of the data it was made from\n"
    "(\"Dataunderlag: sha256 ...\"): the PDF on its cover, in its footers and\n"
    "Keywords, the workbook in its keywords, the HTML in a <meta> and its footer.\n"
    "The PDF is tagged (headings, tables, figures with their text, sv-SE).\n"
    "Approved means frozen: approving a period (styr workflow, the web) stores\n"
    "its reports, marked \"Fastställd DATE av USER\", and a report of an approved\n"
    "period is that stored version (--current: today's data instead, marked\n"
    "as not the approved version); any other period's report says \"Utkast\" on\n"
    "every page.  diff: the unit's figures that changed since the approval,\n"
    "old → new, with who changed them (exit 1 when there are any).\n"
    "indicators: the unit's indicator tables for the year and the two before,\n"
    "grouped by goal, with targets, status and trend (self-contained HTML).\n"
    "A report runs at nice 10 or lower priority: it yields the cores to a server\n"
    "on the same machine (docs/deploy.md).\n",
};
