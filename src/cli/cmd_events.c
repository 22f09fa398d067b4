/*
 * styr events: care events in, computed indicators out (issue 18).
 *   styr events load [--dry-run] DIR|FILE... [--mapping FILE] [--skip-bad]
 *   styr events compute --year YYYY [--unit CODE] [--indicator ID]...
 *   styr events generate --units N --years Y --seed S --out DIR [--events N]
 *   styr events compute-files --year YYYY [--mapping FILE] [--out FILE] DIR|FILE...
 * compute writes through the value path every other write takes (audited,
 * refused for an approved period); compute-files needs no database and
 * prints the values, for the benchmark and for checking rules by hand.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_bad(void *ctx, const struct styr_event_bad *b)
{
	int64_t *n = ctx;

	if (++*n <= 100)
		fprintf(stderr, "%s:%ld: %s: %s\n", b->file, b->line, b->field, b->reason);
	else if (*n == 101)
		fprintf(stderr, "styr: more bad rows follow; only the first 100 are listed\n");
}

static int load(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"mapping", required_argument, NULL, 'm'},
	    {"skip-bad", no_argument, NULL, 's'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_events_load_opts o = {0};
	bool dry = false;
	struct styr_db *db;
	struct styr_err err;
	int64_t rows, nbad, listed = 0;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'm')
			o.mapping = optarg;
		else if (c == 's')
			o.skip_bad = true;
		else if (c == 'n')
			dry = true;
		else
			return cli_usage(&cmd_events_def, "unknown option");
	}
	if (optind >= argc)
		return cli_usage(&cmd_events_def, "load needs at least one DIR or FILE");
	o.bad = print_bad;
	o.ctx = &listed;
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	styr_db_rehearse(db, dry);
	rc = styr_events_load(db, (const char *const *)argv + optind, (size_t)(argc - optind), &o,
	                      &rows, &nbad, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf(dry ? "styr: dry run, nothing stored: would load %lld events"
	           : "styr: loaded %lld events",
	       (long long)rows);
	if (nbad)
		printf(", skipped %lld bad rows (listed above)", (long long)nbad);
	printf("\n");
	return nbad ? EXIT_FINDINGS : 0;
}

struct before_ctx {
	const struct styr_events_result *r;
};

static int register_run(void *ctx, struct styr_db *db, struct styr_err *err)
{
	const struct before_ctx *b = ctx;

	return styr_events_register(db, b->r, err);
}

static int compute(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"unit", required_argument, NULL, 'u'},
	    {"indicator", required_argument, NULL, 'i'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_events_compute_opts o = {0};
	struct styr_events_result res;
	struct before_ctx b = {&res};
	const char *ind[64];
	char user[96];
	struct styr_db *db;
	struct styr_err err;
	size_t written = 0;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_year(&cmd_events_def, optarg, &o.year))
				return EXIT_INPUT;
			break;
		case 'u':
			o.unit = optarg;
			break;
		case 'i':
			if (o.nindicators == 64)
				return cli_usage(&cmd_events_def, "at most 64 --indicator");
			ind[o.nindicators++] = optarg;
			break;
		default:
			return cli_usage(&cmd_events_def, "unknown option");
		}
	}
	if (!o.year || optind != argc)
		return cli_usage(&cmd_events_def,
		                 "compute needs --year YYYY and no other arguments");
	o.indicators = o.nindicators ? ind : NULL;
	cli_actor(cli, user, sizeof(user));
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_events_compute(db, &o, &res, &err);
	if (!rc)
		rc = styr_values_write(db, user, res.v, res.n, register_run, &b, &written, &err);
	styr_db_close(db);
	if (rc) {
		styr_events_result_release(&res);
		return cli_fail(&err);
	}
	printf("styr: computed %zu values from %lld events (run %s, %s): %zu written, %zu "
	       "unchanged\n",
	       res.n, (long long)res.events, res.run.id, res.run.rule, written, res.n - written);
	styr_events_result_release(&res);
	return 0;
}

static int generate(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"units", required_argument, NULL, 'u'},
	    {"years", required_argument, NULL, 'y'},
	    {"seed", required_argument, NULL, 's'},
	    {"out", required_argument, NULL, 'o'},
	    {"events", required_argument, NULL, 'e'},
	    {"first-year", required_argument, NULL, 'f'},
	    {"prefix", required_argument, NULL, 'p'},
	    {"parent", required_argument, NULL, 'P'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_events_gen_opts o = {1, 2023, 2, 1, 100000, NULL, NULL};
	const char *out = NULL;
	struct styr_err err;
	int64_t written;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			o.units = atoi(optarg);
			break;
		case 'y':
			o.years = atoi(optarg);
			break;
		case 's':
			o.seed = strtoull(optarg, NULL, 10);
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			o.events = strtoll(optarg, NULL, 10);
			break;
		case 'f':
			if (cli_year(&cmd_events_def, optarg, &o.first_year))
				return EXIT_INPUT;
			break;
		case 'p':
			o.prefix = optarg;
			break;
		case 'P':
			o.parent = optarg;
			break;
		default:
			return cli_usage(&cmd_events_def, "unknown option");
		}
	}
	if (!out || optind != argc)
		return cli_usage(&cmd_events_def, "generate needs --out DIR");
	styr_err_init(&err);
	if (styr_events_generate(out, &o, &written, &err))
		return cli_fail(&err);
	printf("styr: generated %lld events in %s\n", (long long)written, out);
	return 0;
}

static int compute_files(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"mapping", required_argument, NULL, 'm'},
	    {"out", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0},
	};
	const char *mapping = NULL, *out = "-";
	struct styr_err err;
	int c, year = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_year(&cmd_events_def, optarg, &year))
				return EXIT_INPUT;
			break;
		case 'm':
			mapping = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cli_usage(&cmd_events_def, "unknown option");
		}
	}
	if (!year || optind >= argc)
		return cli_usage(&cmd_events_def,
		                 "compute-files needs --year YYYY and DIR or FILE");
	styr_err_init(&err);
	if (styr_events_compute_files((const char *const *)argv + optind, (size_t)(argc - optind),
	                              mapping, year, out, &err))
		return cli_fail(&err);
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(&cmd_events_def, "load, compute, generate or compute-files?");
	if (!strcmp(argv[1], "load"))
		return load(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "compute"))
		return compute(cli, argc - 1, argv + 1);
	if (!strcmp(argv[1], "generate"))
		return generate(argc - 1, argv + 1);
	if (!strcmp(argv[1], "compute-files"))
		return compute_files(argc - 1, argv + 1);
	return cli_usage(&cmd_events_def, "unknown subcommand \"%s\"", argv[1]);
}

const struct command cmd_events_def = {
    "events",
    run,
    "compute indicators and production from care events",
    "styr events load [--dry-run] DIR|FILE... [--mapping FILE] [--skip-bad]\n"
    "       styr events compute --year YYYY [--unit CODE] [--indicator ID]...\n"
    "       styr events generate --units N --years Y --seed S --out DIR [--events N]\n"
    "                            [--first-year YYYY] [--prefix CODE] [--parent CODE]\n"
    "       styr events compute-files --year YYYY [--mapping FILE] [--out FILE] DIR|FILE...\n"
    "load: check event files (docs/formats.md, Händelsefiler; other exports through\n"
    "a --mapping file) and record them with their sha256. A bad row (a time that\n"
    "does not parse, an unknown unit, a discharge before its admission, a duplicate\n"
    "id, a code outside the code list) is listed with file, line and field, and\n"
    "nothing is loaded; --skip-bad loads the rest (exit code 1). --dry-run: all the\n"
    "checks and the count, then rolled back: nothing is recorded.\n"
    "compute: the indicators of docs/indicators.md for the year's months and the\n"
    "year, per unit rolled up the org tree, written as values (audited; refused for\n"
    "an approved period). Computing again from unchanged files writes nothing.\n"
    "generate: deterministic synthetic events and their org_units.csv.\n"
    "compute-files: the same computation without a database, values printed as\n"
    "indicator;unit;period;numerator;denominator;value (units under \"ALL\").\n",
};
