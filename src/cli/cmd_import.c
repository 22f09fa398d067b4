/*
 * styr import: load files into the database, each run one transaction.
 *   styr import csv [--dry-run] [--max-rows N] FILE...
 *   styr import xlsx [--dry-run] [--max-rows N] FILE...
 *   styr import report-text FILE --unit CODE --year YYYY
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "styr/access.h"
#include "styr/buf.h"

/* The changed fields, printed once the import has succeeded (a failed
 * one changed nothing). */
struct change_print {
	struct styr_db *db;
	struct styr_buf lines;
	int rc;
};

/* One changed field: "ändras: values ID0069 LKR 2024 (a.csv:3): value 8,3
 * → 8,5", and "(låst period)" when the unit's report for the value's
 * period is approved (the web then refuses edits; an import is the
 * administrator's and is not stopped, but should not surprise). */
static void print_change(void *ctx, const struct styr_import_change *c)
{
	struct change_print *p = ctx;
	struct styr_err err;
	int locked = 0;

	styr_err_init(&err);
	if (c->period && c->unit[0])
		locked = styr_period_check_open(p->db, c->unit, c->period, &err) == STYR_ELOCKED;
	if (!p->rc)
		p->rc =
		    styr_buf_printf(&p->lines, &err, "ändras: %s %s (%s): %s \"%s\" → \"%s\"%s\n",
		                    styr_entity_name(c->kind), c->key, c->where, c->field,
		                    c->old_text, c->new_text, locked ? " (låst period)" : "");
}

/* csv and xlsx: the same kinds, so the same summary */
static int import_interchange(struct styr_db *db, const char *kind, int argc, char **argv)
{
	struct styr_import_stats stats;
	struct change_print cp = {db, {NULL, 0, 0, 0}, 0};
	struct styr_import_hook hook = {NULL, &cp, false, print_change, 0};
	struct styr_err err;
	char **files = calloc((size_t)argc + 1, sizeof(*files));
	int i, k, n, rc, nfiles = 0;

	styr_err_init(&err);
	styr_buf_init(&cp.lines, (size_t)1 << 30);
	if (!files) {
		styr_error(&err, STYR_ENOMEM, "out of memory");
		return cli_fail(&err);
	}
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--dry-run")) {
			hook.dry_run = true;
		} else if (!strcmp(argv[i], "--max-rows")) {
			char *end = NULL;
			long long m = i + 1 < argc ? strtoll(argv[i + 1], &end, 10) : 0;

			if (!end || *end || m < 1) {
				free(files);
				return cli_usage(
				    &cmd_import_def,
				    "--max-rows \"%s\": expected a number of rows, such as "
				    "5000000",
				    i + 1 < argc ? argv[i + 1] : "");
			}
			hook.max_rows = (size_t)m;
			i++;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	/* a rehearsal: the write gate lists locked periods instead of
	 * stopping at the first */
	styr_db_rehearse(db, hook.dry_run);
	if (nfiles < 1) {
		free(files);
		return cli_usage(&cmd_import_def, "%s needs at least one FILE", kind);
	}
	if (!strcmp(kind, "xlsx") ? styr_import_xlsx_hook(db, (const char *const *)files,
	                                                  (size_t)nfiles, &hook, &stats, &err)
	                          : styr_import_csv_hook(db, (const char *const *)files,
	                                                 (size_t)nfiles, &hook, &stats, &err)) {
		free(files);
		styr_buf_release(&cp.lines);
		return cli_fail(&err);
	}
	free(files);
	/* Kinds with rows, so that adding a kind of file changes nothing
	 * for the files people already have. */
	printf(hook.dry_run ? "styr: dry run, nothing stored: would import" : "styr: imported");
	for (k = 0, n = 0; k < STYR_ENTITY_COUNT; k++)
		if (stats.rows[k])
			printf("%s %zu %s", n++ ? "," : "", stats.rows[k], styr_entity_name(k));
	printf("%s\n", n ? "" : " nothing");
	for (k = 0; k < STYR_ENTITY_COUNT; k++)
		if (stats.rows[k] && styr_import_compares(k))
			printf("%s: %zu tillagda, %zu ändrade, %zu oförändrade\n",
			       styr_entity_name(k), stats.added[k], stats.changed[k],
			       stats.unchanged[k]);
	if (cp.lines.len)
		fputs(cp.lines.data, stdout);
	rc = cp.rc;
	styr_buf_release(&cp.lines);
	if (rc) /* only when out of memory for the list */
		fprintf(stderr, "styr: the list of changed values is incomplete: out of memory\n");
	return rc ? EXIT_INTERNAL : 0;
}

/* The first word of a summary: an import's, or a dry run's. */
static const char *const imported[2] = {"styr: imported",
                                        "styr: dry run, nothing stored: would import"};

/* Goals area (issue 7): without --unit, the uppdrag tables of a
 * verksamhetsplan (the region's goals, not one unit's figures). */

static int import_goal_text(struct styr_db *db, const char *path, int year, bool dry)
{
	struct styr_goal_text_result res;
	struct styr_err err;
	size_t i;
	int rc;

	styr_err_init(&err);
	if (styr_import_goal_text(db, path, year, &res, &err))
		return cli_fail(&err);
	printf("%s %zu vision, %zu övergripande mål, %zu insatsområden, %zu delmål, "
	       "%zu uppdrag (%zu nya %d), %zu ansvariga (%zu huvudansvar) from %s\n",
	       imported[dry], res.visions, res.overgripande, res.insatsomraden, res.delmal,
	       res.uppdrag, res.new_this_year, year, res.owners, res.huvudansvar, path);
	for (i = 0; i < res.nskipped; i++)
		printf("%s:%d: note: %s\n", path, res.skipped[i].line, res.skipped[i].reason);
	rc = res.nskipped ? EXIT_FINDINGS : 0;
	styr_goal_text_result_release(&res);
	return rc;
}

static int import_report_text(struct styr_db *db, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},
	    {"year", required_argument, NULL, 'y'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_report_text_result res;
	bool dry = false;
	struct styr_err err;
	const char *unit = NULL;
	int year = 0;
	size_t i;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unit = optarg;
			break;
		case 'y':
			if (cli_year(&cmd_import_def, optarg, &year))
				return EXIT_INPUT;
			break;
		case 'n':
			dry = true;
			break;
		default:
			return cli_usage(&cmd_import_def, "unknown option");
		}
	}
	styr_db_rehearse(db, dry);
	if (optind + 1 == argc && !unit && year)
		return import_goal_text(db, argv[optind], (int)year, dry);
	if (optind + 1 != argc || !unit || !year)
		return cli_usage(&cmd_import_def,
		                 "report-text needs one FILE, --unit CODE and --year YYYY");
	styr_err_init(&err);
	if (styr_import_report_text(db, argv[optind], unit, year, &res, &err))
		return cli_fail(&err);
	printf("%s %zu indicators, %zu targets, %zu values, %zu ledger amounts from %s\n",
	       imported[dry], res.indicators, res.targets, res.values, res.ledger_amounts,
	       argv[optind]);
	for (i = 0; i < res.nskipped; i++)
		printf("%s:%d: not imported: %s\n", argv[optind], res.skipped[i].line,
		       res.skipped[i].reason);
	c = res.nskipped ? EXIT_FINDINGS : 0;
	styr_report_text_result_release(&res);
	return c;
}

/* economy: styr import sie FILE --unit CODE [--chart NAME | --mapping FILE]
 *          [--objects FILE] */
static int import_sie(struct styr_db *db, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},  {"mapping", required_argument, NULL, 'm'},
	    {"chart", required_argument, NULL, 'c'}, {"objects", required_argument, NULL, 'o'},
	    {"dry-run", no_argument, NULL, 'n'},     {NULL, 0, NULL, 0},
	};
	bool dry = false;
	const char *unit = NULL;
	struct styr_sie_options o = {NULL, NULL, NULL};
	struct styr_sie_stats st;
	struct styr_err err;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unit = optarg;
			break;
		case 'm':
			o.mapping = optarg;
			break;
		case 'c':
			o.chart = optarg;
			break;
		case 'o':
			o.objects = optarg;
			break;
		case 'n':
			dry = true;
			break;
		default:
			return cli_usage(&cmd_import_def, "unknown option");
		}
	}
	if (optind + 1 != argc || !unit)
		return cli_usage(&cmd_import_def, "sie needs one FILE and --unit CODE");
	if (o.chart && o.mapping)
		return cli_usage(&cmd_import_def, "sie takes --chart or --mapping, not both");
	styr_err_init(&err);
	if (o.chart && styr_chart_name_check(o.chart, &err)) {
		styr_err_prefix(&err, "--chart: ");
		return cli_fail(&err);
	}
	styr_db_rehearse(db, dry);
	if (styr_import_sie(db, argv[optind], unit, &o, &st, &err))
		return cli_fail(&err);
	printf("%s %s: year %d, %zu accounts, %zu vouchers with %zu transactions "
	       "(all balance), %zu account balances, %zu ledger amounts\n",
	       imported[dry], argv[optind], st.year, st.accounts, st.vouchers, st.transactions,
	       st.balances, st.ledger_amounts);
	if (st.objects)
		printf("%zu objects with amounts, %zu ledger detail amounts, %zu units filled\n",
		       st.objects, st.detail_amounts, st.units);
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if (argc < 2)
		return cli_usage(&cmd_import_def, "which kind of file?");
	if (strcmp(argv[1], "csv") && strcmp(argv[1], "xlsx") && strcmp(argv[1], "report-text") &&
	    strcmp(argv[1], "sie"))
		return cli_usage(&cmd_import_def, "unknown kind \"%s\"", argv[1]);
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (!strcmp(argv[1], "csv") || !strcmp(argv[1], "xlsx"))
		rc = import_interchange(db, argv[1], argc - 2, argv + 2);
	else if (!strcmp(argv[1], "sie"))
		rc = import_sie(db, argc - 1, argv + 1);
	else
		rc = import_report_text(db, argc - 1, argv + 1);
	styr_db_close(db);
	return rc;
}

const struct command cmd_import_def = {
    "import",
    run,
    "load CSV files, XLSX workbooks or a report's indicator tables",
    "styr import csv [--dry-run] [--max-rows N] FILE...\n"
    "       styr import xlsx [--dry-run] [--max-rows N] FILE...\n"
    "       styr import report-text [--dry-run] FILE --unit CODE --year YYYY\n"
    "       styr import report-text [--dry-run] FILE --year YYYY\n"
    "       styr import sie [--dry-run] FILE --unit CODE [--chart NAME | --mapping FILE]\n"
    "                       [--objects FILE]\n"
    "csv: interchange files (docs/formats.md), any kinds, all in one transaction.\n"
    "xlsx: workbooks with the same kinds, one sheet each (the header row names the\n"
    "columns), and a sheet \"budget\" (unit;year;row;jan…dec) of monthly budgets.\n"
    "csv and xlsx print per kind of org, indicators, targets, values and ledger how\n"
    "many rows were added, changed and left unchanged (those are not written again),\n"
    "and every changed field old → new, marked (låst period) when the value's\n"
    "period is approved.  A key that occurs twice in one import is an error naming\n"
    "both rows.  --dry-run does all of it and stores nothing.  --max-rows: the\n"
    "most data rows of all the files together (default 5000000); the row after it\n"
    "is an error naming its file and line, and nothing is stored.\n"
    "report-text: the indicator tables of a report's text extract; rows that\n"
    "cannot be read are listed with their line (exit code 1 when there are any).\n"
    "Without --unit: the uppdrag tables of a verksamhetsplan (\"Mål och insatsområde,\n"
    "Delmål och uppdrag, Ansvarig nämnd/styrelse\") under the övergripande mål\n"
    "already stored; the boards must be org units (names, aliases or codes).\n"
    "It also reads the report's resultaträkning tables into the ledger.\n"
    "sie: an SIE 4 export (PC8) of the unit's accounting: accounts, balances,\n"
    "#PSALDO/#PBUDGET per month and vouchers, each checked to balance; result\n"
    "accounts (3000-8999) go to resultaträkning rows by a chart of accounts:\n"
    "--chart bas (companies), region-bas (regions) or kommun-bas (municipalities),\n"
    "else the database's (styr config chart NAME), else the stored map (BAS classes\n"
    "3-8 by default); --mapping FILE (accounts;row, e.g. 5000-5399;lonekostnader)\n"
    "replaces the stored map and is used.  A result account with figures that the\n"
    "chart does not cover is an error naming the line of its first use (styr rows\n"
    "--chart NAME shows what a chart covers).\n"
    "Dimensions: #DIM, #OBJEKT and the object lists of #TRANS and #PBUDGET are kept\n"
    "as ledger detail per object under --unit (styr ledger --by kostnadsstalle).\n"
    "--objects FILE (dim;object;name;unit, e.g. 1;4711;Akuten;AKUT) stores objects\n"
    "and maps kostnadsställen to units; once any kostnadsställe has a unit, each\n"
    "kostnadsställe's amounts go to its unit's ledger too (--unit keeps the whole),\n"
    "and a kostnadsställe of the file without a unit is an error (exit 2).\n"
    "--dry-run (report-text, sie): the same import, its counts printed, then rolled\n"
    "back: nothing is stored.\n"
    "Any error leaves the database unchanged and names file, line and field.\n",
};
