/*
 * styr delete and styr set: corrections from the command line.  delete
 * removes one record by its key (a value, target, analysis, action,
 * ledger amount, budget profile or uppdrag report), or a unit, indicator
 * or goal with --cascade taking what refers to it along; set stores one
 * value.  Each is one audited transaction in the library (delete.c,
 * workflow.c), refused in a locked period, and audited as --as NAME,
 * else as cli:<the operating-system user>.
 *   styr delete KIND KEY... [--cascade] [--as NAME]
 *   styr set value IND UNIT PERIOD NUMBER [--as NAME]
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

struct opts {
	char user[STYR_NAME_MAX];
	bool cascade;
};

/* --cascade (where allowed); who writes is the global --as (cli_actor).
 * Returns EXIT_INPUT after a usage message, else 0 with optind at the
 * first argument. */
static int parse_opts(const struct cli *cli, const struct command *cmd, int argc, char **argv,
                      bool cascade_ok, struct opts *o)
{
	static const struct option opts[] = {
	    {"cascade", no_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	memset(o, 0, sizeof(*o));
	cli_actor(cli, o->user, sizeof(o->user));
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c' && cascade_ok) {
			o->cascade = true;
		} else {
			return cli_usage(cmd, "unknown option");
		}
	}
	return 0;
}

static int year_arg(const char *text, int *out, bool zero_ok, struct styr_err *err)
{
	char *end;
	long y = strtol(text, &end, 10);

	if (zero_ok && (!strcmp(text, "-") || !strcmp(text, "0"))) {
		*out = 0;
		return STYR_OK;
	}
	if (!text[0] || *end || y < 1900 || y > 2999)
		return styr_error(err, STYR_EINPUT, "year \"%s\": expected a year such as 2024%s",
		                  text, zero_ok ? " (or 0 for every year)" : "");
	*out = (int)y;
	return STYR_OK;
}

/* "-" stands for the empty key part (the resultaträkning, every row, all
 * units), which a shell argument cannot easily be. */
static const char *dash(const char *text)
{
	return strcmp(text, "-") ? text : "";
}

struct kind {
	const char *name, *keys;
	int min, max; /* key arguments */
	bool cascade;
	int (*run)(struct styr_db *db, const struct opts *o, char **k, int n, struct styr_err *err);
};

static int del_value(struct styr_db *db, const struct opts *o, char **k, int n,
                     struct styr_err *err)
{
	struct styr_period p;

	(void)n;
	return styr_period_parse(k[2], &p, err)
	           ? STYR_EINPUT
	           : styr_value_remove(db, o->user, k[0], k[1], &p, err);
}

static int del_target(struct styr_db *db, const struct opts *o, char **k, int n,
                      struct styr_err *err)
{
	int year = 0;

	(void)n;
	return year_arg(k[2], &year, false, err)
	           ? STYR_EINPUT
	           : styr_target_remove(db, o->user, k[0], dash(k[1]), year, err);
}

static int del_analysis(struct styr_db *db, const struct opts *o, char **k, int n,
                        struct styr_err *err)
{
	struct styr_period p;

	return styr_period_parse(k[1], &p, err)
	           ? STYR_EINPUT
	           : styr_analysis_remove(db, o->user, k[0], &p, k[2], n > 3 ? k[3] : "", err);
}

static int del_action(struct styr_db *db, const struct opts *o, char **k, int n,
                      struct styr_err *err)
{
	return styr_action_remove(db, o->user, k[0], k[1], n > 2 ? k[2] : "", err);
}

static int del_ledger(struct styr_db *db, const struct opts *o, char **k, int n,
                      struct styr_err *err)
{
	struct styr_ledger_entry e;
	struct styr_ledger_row row;
	char *end;
	long month;

	(void)n;
	memset(&e, 0, sizeof(e));
	if (year_arg(k[2], &e.year, false, err))
		return STYR_EINPUT;
	month = strtol(k[3], &end, 10);
	if (!k[3][0] || *end || month < 0 || month > 12)
		return styr_error(err, STYR_EINPUT,
		                  "month \"%s\": expected 0 (the whole year) to 12", k[3]);
	e.month = (int)month;
	/* a row by its code or a printed label, as the importers take it */
	if (styr_ledger_row_find(db, k[4], &row, err))
		return err->code;
	if (styr_field_copy(e.unit, sizeof(e.unit), k[0], "unit", err) ||
	    styr_field_copy(e.tab, sizeof(e.tab), dash(k[1]), "table", err) ||
	    styr_field_copy(e.kind, sizeof(e.kind), k[5], "kind", err))
		return STYR_EINPUT;
	snprintf(e.row, sizeof(e.row), "%s", row.code);
	return styr_ledger_remove(db, o->user, &e, err);
}

static int del_profile(struct styr_db *db, const struct opts *o, char **k, int n,
                       struct styr_err *err)
{
	int year = 0;

	(void)n;
	return year_arg(k[2], &year, true, err)
	           ? STYR_EINPUT
	           : styr_budget_profile_remove(db, o->user, k[0], dash(k[1]), year, err);
}

static int del_report(struct styr_db *db, const struct opts *o, char **k, int n,
                      struct styr_err *err)
{
	(void)n;
	return styr_uppdrag_report_remove(db, o->user, k[0], k[1], k[2], err);
}

static int del_unit(struct styr_db *db, const struct opts *o, char **k, int n, struct styr_err *err)
{
	(void)n;
	return styr_org_remove(db, o->user, k[0], o->cascade, err);
}

static int del_indicator(struct styr_db *db, const struct opts *o, char **k, int n,
                         struct styr_err *err)
{
	(void)n;
	return styr_indicator_remove(db, o->user, k[0], o->cascade, err);
}

static int del_goal(struct styr_db *db, const struct opts *o, char **k, int n, struct styr_err *err)
{
	(void)n;
	return styr_goal_remove(db, o->user, k[0], o->cascade, err);
}

static const struct kind kinds[] = {
    {"value", "IND UNIT PERIOD", 3, 3, false, del_value},
    {"target", "IND UNIT|- YEAR", 3, 3, false, del_target},
    {"analysis", "UNIT PERIOD SUBJECT [TITLE]", 3, 4, false, del_analysis},
    {"action", "UNIT PLAN [TITLE]", 2, 3, false, del_action},
    {"ledger", "UNIT TABLE|- YEAR MONTH ROW KIND", 6, 6, false, del_ledger},
    {"profile", "UNIT ROW|- YEAR|0", 3, 3, false, del_profile},
    {"uppdrag-report", "GOAL UNIT DATE", 3, 3, false, del_report},
    {"unit", "CODE [--cascade]", 1, 1, true, del_unit},
    {"indicator", "ID [--cascade]", 1, 1, true, del_indicator},
    {"goal", "ID [--cascade]", 1, 1, true, del_goal},
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static int run_delete(struct cli *cli, int argc, char **argv)
{
	const struct kind *kind = NULL;
	struct styr_db *db;
	struct styr_err err;
	struct opts o;
	size_t i;
	int n, rc;

	/* the kind first, so that --cascade is known to be allowed */
	for (i = 0; argc > 1 && i < NKINDS; i++)
		if (!strcmp(argv[1], kinds[i].name))
			kind = &kinds[i];
	if (!kind)
		return argc > 1 ? cli_usage(&cmd_delete_def, "unknown kind \"%s\"", argv[1])
		                : cli_usage(&cmd_delete_def, "expected a kind and its key");
	if ((rc = parse_opts(cli, &cmd_delete_def, argc - 1, argv + 1, kind->cascade, &o)))
		return rc;
	n = argc - 1 - optind;
	if (n < kind->min || n > kind->max)
		return cli_usage(&cmd_delete_def, "styr delete %s %s", kind->name, kind->keys);
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = kind->run(db, &o, argv + 1 + optind, n, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("deleted %s", kind->name);
	for (i = 0; i < (size_t)n; i++)
		printf(" %s", argv[1 + optind + (int)i]);
	printf("\n");
	return 0;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct styr_indicator ind;
	struct styr_org_unit u;
	struct styr_value v;
	struct styr_db *db;
	struct styr_err err;
	struct opts o;
	time_t t = time(NULL);
	struct tm tm;
	char when[32], shown[64];
	int rc;

	if (argc < 2 || strcmp(argv[1], "value"))
		return cli_usage(&cmd_set_def,
		                 argc < 2 ? "expected what to set" : "unknown kind \"%s\"",
		                 argc < 2 ? "" : argv[1]);
	if ((rc = parse_opts(cli, &cmd_set_def, argc - 1, argv + 1, false, &o)))
		return rc;
	if (argc - 1 - optind != 4)
		return cli_usage(&cmd_set_def, "styr set value IND UNIT PERIOD NUMBER");
	argv += 1 + optind;
	memset(&v, 0, sizeof(v));
	styr_err_init(&err);
	if (styr_period_parse(argv[2], &v.period, &err) || styr_num_parse(argv[3], &v.num, &err))
		return cli_fail(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_indicator_find(db, argv[0], &ind, &err);
	if (!rc)
		rc = styr_org_find(db, argv[1], &u, &err);
	if (!rc) {
		snprintf(v.indicator, sizeof(v.indicator), "%s", ind.code);
		snprintf(v.unit, sizeof(v.unit), "%s", u.code);
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		snprintf(v.source, sizeof(v.source), "%.100s at %s", o.user, when);
		rc = styr_value_write(db, o.user, &v, &err);
	}
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	styr_value_format(&v, &ind, shown, sizeof(shown));
	printf("%s %s %s: %s\n", v.indicator, v.unit, argv[2], shown);
	return 0;
}

const struct command cmd_delete_def = {
    "delete",
    run_delete,
    "delete a record, or a unit, indicator or goal",
    "styr delete KIND KEY... [--as NAME] [--cascade]\n"
    "  value IND UNIT PERIOD             target IND UNIT|- YEAR\n"
    "  analysis UNIT PERIOD SUBJECT [TITLE]\n"
    "  action UNIT PLAN [TITLE]          ledger UNIT TABLE|- YEAR MONTH ROW KIND\n"
    "  profile UNIT ROW|- YEAR|0         uppdrag-report GOAL UNIT DATE\n"
    "  unit CODE [--cascade]             indicator ID [--cascade]\n"
    "  goal ID [--cascade]\n"
    "Deletes one record in one transaction, refused while its period is locked,\n"
    "audited as NAME (else cli:<your user>) with the record as it was.  \"-\" is\n"
    "the empty key part: the resultaträkning, every row, all units.  MONTH 0 is\n"
    "the whole year; YEAR 0 a profile for every year.  A unit, indicator or goal\n"
    "that anything refers to is refused, naming what, unless --cascade: then it\n"
    "goes with everything below it.\n",
};

const struct command cmd_set_def = {
    "set",
    run_set,
    "store a single value",
    "styr set value IND UNIT PERIOD NUMBER [--as NAME]\n"
    "Stores one value (a Swedish number such as 83,8) as the web's value form\n"
    "does: refused while the period is locked, audited as NAME (else\n"
    "cli:<your user>) with the value before and after.\n",
};
