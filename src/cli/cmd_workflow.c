/*
 * styr workflow: move a unit's report for a period through the workflow
 * from the command line, as the web's report page does (submit, approve,
 * return with a comment, unlock), audited as the named user.  Scripts and
 * the demo approve a year this way; the library checks the move.
 *   styr workflow UNIT PERIOD submit|approve|return|unlock --as USER
 *                 [--comment TEXT] [--diarienummer DNR] [--beslutsdatum DATE]
 * An approval may record its decision (diarienummer, beslutsdatum), which
 * the approved report's cover prints.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	enum styr_report_action action;
} actions[] = {
    {"submit", STYR_REPORT_SUBMIT},
    {"approve", STYR_REPORT_APPROVE},
    {"return", STYR_REPORT_RETURN},
    {"unlock", STYR_REPORT_UNLOCK},
};

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"as", required_argument, NULL, 'a'},
	    {"comment", required_argument, NULL, 'c'},
	    {"diarienummer", required_argument, NULL, 'n'},
	    {"beslutsdatum", required_argument, NULL, 'd'},
	    {NULL, 0, NULL, 0},
	};
	const char *user = cli->as, *comment = ""; /* --as is global (main.c) */
	struct styr_decision decision = {NULL, NULL};
	struct styr_period p;
	struct styr_user who;
	struct styr_db *db;
	struct styr_err err;
	size_t i;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'a')
			user = optarg;
		else if (c == 'c')
			comment = optarg;
		else if (c == 'n')
			decision.diarienummer = optarg;
		else if (c == 'd')
			decision.date = optarg;
		else
			return cli_usage(&cmd_workflow_def, "unknown option");
	}
	if (optind + 3 != argc)
		return cli_usage(&cmd_workflow_def, "styr workflow UNIT PERIOD ACTION --as USER");
	if (!user)
		return cli_usage(&cmd_workflow_def,
		                 "--as is required: the user the move is made by");
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strcmp(actions[i].name, argv[optind + 2]))
			break;
	if (i == sizeof(actions) / sizeof(actions[0]))
		return cli_usage(&cmd_workflow_def,
		                 "action \"%s\": expected submit, approve, return or unlock",
		                 argv[optind + 2]);
	styr_err_init(&err);
	if (styr_period_parse(argv[optind + 1], &p, &err))
		return cli_fail(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	/* The move is audited as user: it must be one of styr's users. */
	rc = styr_user_find(db, user, &who, &err);
	if (!rc)
		rc = styr_report_move(db, user, argv[optind], &p, actions[i].action, comment,
		                      &decision, &err);
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

const struct command cmd_workflow_def = {
    "workflow",
    run,
    "submit, approve, return or unlock a unit's report",
    "styr workflow UNIT PERIOD submit|approve|return|unlock --as USER [--comment TEXT]\n"
    "                   [--diarienummer DNR] [--beslutsdatum YYYY-MM-DD]\n"
    "Moves the report as the web's report page does, audited as USER.  approve\n"
    "may record the decision: its diarienummer (\"RS 2024/123\") and date, printed\n"
    "on the approved report's cover.\n",
};
