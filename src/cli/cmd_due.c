/*
 * styr due: what a board has to hand in, and what is late, on a day.  The
 * obligations come from the year's follow-up calendar (seed 003 Bilaga 6)
 * and from the uppdrag the board is responsible for; see calc/followup.c.
 * Late items are findings: the exit code is 1 when there are any, so a
 * script can warn on them.
 *   styr due [--unit CODE] [--date YYYY-MM-DD] [--days N]
 *   styr due done --unit CODE --report KIND --period PERIOD --date YYYY-MM-DD
 *   styr due calendar --year YYYY
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "pad.h"

struct due_printer {
	const char *unit; /* printed in front when listing every board */
	bool show_unit;
	size_t n, late;
};

static int print_due(void *ctx, const struct styr_due_item *it)
{
	struct due_printer *p = ctx;

	if (p->show_unit) {
		cli_pad(stdout, p->unit, 8);
		putchar(' ');
	}
	cli_pad(stdout, it->deadline[0] ? it->deadline : "-", 11);
	cli_pad(stdout, styr_due_state_label(it->state), 15);
	printf("%s\n", it->what);
	p->n++;
	p->late += it->state == STYR_DUE_LATE;
	return 0;
}

struct all_boards {
	struct styr_db *db;
	const char *date;
	int days;
	struct due_printer *p;
	struct styr_err *err;
};

static int due_of_board(void *ctx, const struct styr_org_unit *u)
{
	struct all_boards *a = ctx;

	if (u->kind != STYR_ORG_NAMND && u->kind != STYR_ORG_STYRELSE)
		return 0;
	a->p->unit = u->code;
	return styr_due_each(a->db, u->code, a->date, a->days, print_due, a->p, a->err);
}

static int print_entry(void *ctx, const struct styr_calendar_entry *e)
{
	char label[64];

	(void)ctx;
	styr_period_label(&e->period, label, sizeof(label));
	cli_pad(stdout, styr_report_kind_name(e->kind), 21);
	cli_pad(stdout, label, 17);
	cli_pad(stdout, e->deadline[0] ? e->deadline : "-", 11);
	printf("%s\n", e->decision ? "beslutsärende" : "informationsärende");
	return 0;
}

static int mark_done(struct styr_db *db, const char *unit, const char *report, const char *period,
                     const char *date, struct styr_err *err)
{
	struct styr_followup_done d;
	int rc;

	memset(&d, 0, sizeof(d));
	if ((rc = styr_field_copy(d.unit, sizeof(d.unit), unit, "--unit", err)) ||
	    (rc = styr_report_kind_parse(report, &d.kind, err)) ||
	    (rc = styr_period_parse(period, &d.period, err)) || (rc = styr_date_check(date, err)) ||
	    (rc = styr_field_copy(d.date, sizeof(d.date), date, "--date", err)))
		return rc;
	rc = styr_db_begin(db, err);
	if (rc)
		return rc;
	rc = styr_followup_done_put(db, &d, err);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	rc = styr_db_commit(db, err);
	if (!rc)
		printf("styr: %s lämnade in %s %s den %s\n", d.unit, styr_report_kind_name(d.kind),
		       period, d.date);
	return rc;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},
	    {"date", required_argument, NULL, 'd'},
	    {"days", required_argument, NULL, 'n'},
	    {"report", required_argument, NULL, 'r'},
	    {"period", required_argument, NULL, 'p'},
	    {"year", required_argument, NULL, 'y'},
	    {NULL, 0, NULL, 0},
	};
	const char *unit = NULL, *date = NULL, *report = NULL, *period = NULL;
	struct due_printer p = {NULL, false, 0, 0};
	char today[STYR_DATE_MAX];
	struct styr_db *db;
	struct styr_err err;
	long days = 30;
	int year = 0;
	char *end;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unit = optarg;
			break;
		case 'd':
			date = optarg;
			break;
		case 'r':
			report = optarg;
			break;
		case 'p':
			period = optarg;
			break;
		case 'n':
			days = strtol(optarg, &end, 10);
			if (*end || days < 0 || days > 3660)
				return cli_usage(&cmd_due_def, "--days \"%s\": expected 0 to 3660",
				                 optarg);
			break;
		case 'y':
			if (cli_year(&cmd_due_def, optarg, &year))
				return EXIT_INPUT;
			break;
		default:
			return cli_usage(&cmd_due_def, "unknown option");
		}
	}
	if (optind < argc && strcmp(argv[optind], "done") && strcmp(argv[optind], "calendar"))
		return cli_usage(&cmd_due_def, "unknown \"%s\"", argv[optind]);
	if (optind + 1 < argc)
		return cli_usage(&cmd_due_def, "too many arguments");
	if (optind < argc && !strcmp(argv[optind], "done") &&
	    (!unit || !report || !period || !date))
		return cli_usage(&cmd_due_def, "done needs --unit, --report, --period and --date");
	if (optind < argc && !strcmp(argv[optind], "calendar") && !year)
		return cli_usage(&cmd_due_def, "calendar needs --year");
	if (!date) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		date = today;
	}
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (optind < argc && !strcmp(argv[optind], "done")) {
		rc = mark_done(db, unit, report, period, date, &err);
	} else if (optind < argc) {
		printf("%-20s %-16s %-10s %s\n", "rapport", "period", "tidsfrist", "hantering");
		rc = styr_calendar_each(db, year, print_entry, NULL, &err);
	} else if (unit) {
		p.unit = unit;
		rc = styr_due_each(db, unit, date, (int)days, print_due, &p, &err);
	} else {
		struct all_boards a = {db, date, (int)days, &p, &err};

		p.show_unit = true;
		rc = styr_date_check(date, &err);
		if (!rc)
			rc = styr_org_each(db, due_of_board, &a, &err);
	}
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (optind >= argc) {
		printf("%zu poster per %s, %zu försenade\n", p.n, date, p.late);
		return p.late ? EXIT_FINDINGS : 0;
	}
	return 0;
}

const struct command cmd_due_def = {
    "due",
    run,
    "what is due and what is late: reports and uppdrag",
    "styr due [--unit CODE] [--date YYYY-MM-DD] [--days N]\n"
    "       styr due done --unit CODE --report KIND --period PERIOD --date YYYY-MM-DD\n"
    "       styr due calendar --year YYYY\n"
    "Lists the follow-up calendar's reports (import a followup file, docs/formats.md)\n"
    "and the deadlines and reporting dates of the unit's uppdrag: late ones, those\n"
    "due within --days (30) of --date (today), and those handed in lately.\n"
    "Without --unit, every nämnd and styrelse.  Exit code 1 when something is late.\n"
    "KIND: informationsrapport, analys med prognos, delårsrapport, årsredovisning,\n"
    "kvartalsrapport.\n",
};
