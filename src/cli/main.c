/*
 * The styr command: one table of subcommands, in the manner of git's
 * commands[].  Global options come before the subcommand; everything after
 * it belongs to the subcommand.
 */
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct command *const commands[] = {
    &cmd_init_def,
    &cmd_import_def,
    &cmd_export_def,
    &cmd_show_def,
    &cmd_report_def,
    /* goals area (issue 7) */
    &cmd_uppdrag_def,
    &cmd_due_def,
    /* web (issue 6) */
    &cmd_user_def,
    &cmd_audit_def,
    &cmd_history_def,
    &cmd_backup_def,
    &cmd_restore_def,
    &cmd_config_def,
    &cmd_serve_def,
    /* economy */
    &cmd_ledger_def,
    &cmd_rows_def,
    &cmd_check_def,
    &cmd_actions_def,
    &cmd_bridge_def,
    &cmd_finance_def,
    /* open data (issue 19) */
    &cmd_opendata_def,
    &cmd_workflow_def,
    /* proof-reading (issue 20) */
    &cmd_proof_def,
    /* events (issue 18) */
    &cmd_events_def,
    /* corrections (issue 14 item 2) */
    &cmd_delete_def,
    &cmd_set_def,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: styr [--db FILE] COMMAND [ARGS]\n\n"
	             "styr keeps a region's goals, indicators and follow-up in one database\n"
	             "(--db FILE, else $STYR_DB, else ./styr.db; a postgresql://... URL\n"
	             "names a PostgreSQL database instead of a SQLite file).\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out, "\n\"styr COMMAND --help\" tells more about a command.\n"
	             "exit codes: 0 ok, 1 findings, 2 usage or input error, 3 other failure\n");
}

int cli_fail(const struct styr_err *err)
{
	fprintf(stderr, "styr: %s\n", err->msg[0] ? err->msg : styr_strerror(err->code));
	switch (err->code) {
	case STYR_OK:
		return 0;
	case STYR_EINPUT:
	case STYR_ENOTFOUND:
	case STYR_EUSAGE:
	case STYR_ETOOBIG:
	case STYR_ELOCKED:
	case STYR_EPERM:
	case STYR_ECONFLICT:
		return EXIT_INPUT;
	default:
		return EXIT_INTERNAL;
	}
}

int cli_usage(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "styr %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s", cmd->usage);
	return EXIT_INPUT;
}

int cli_wants_help(const struct command *cmd, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: %s", cmd->usage);
			return 1;
		}
	}
	return 0;
}

/* A global option with its value at argv[*i] (as "--name VALUE" or
 * "--name=VALUE"): *out set and *i moved past it, true; else false. */
static bool global_option(int argc, char **argv, int *i, const char *name, const char **out)
{
	size_t n = strlen(name);

	if (!strcmp(argv[*i], name) && *i + 1 < argc) {
		*out = argv[++*i];
		return true;
	}
	if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return true;
	}
	return false;
}

static bool take_global(struct cli *cli, int argc, char **argv, int *i)
{
	return global_option(argc, argv, i, "--db", &cli->db_path) ||
	       global_option(argc, argv, i, "--as", &cli->as) ||
	       global_option(argc, argv, i, "--unlock-reason", &cli->unlock_reason);
}

int cli_take_db(struct cli *cli, int argc, char **argv)
{
	int i, j = 1;

	for (i = 1; i < argc; i++) {
		if (take_global(cli, argc, argv, &i))
			continue;
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	return j;
}

int cli_year(const struct command *cmd, const char *text, int *out)
{
	char *end;
	long year = strtol(text, &end, 10);

	if (*end || end == text || year < 1900 || year > 2999)
		return cli_usage(cmd, "--year \"%s\": expected a year such as 2024", text);
	*out = (int)year;
	return 0;
}

void cli_actor(const struct cli *cli, char *buf, size_t size)
{
	struct passwd *pw;

	if (cli && cli->as && cli->as[0]) {
		snprintf(buf, size, "%s", cli->as);
		return;
	}
	pw = getpwuid(getuid());
	snprintf(buf, size, "cli:%s", pw && pw->pw_name ? pw->pw_name : "?");
}

/* Only an administrator writes into an approved period: --unlock-reason
 * needs --as naming a styr admin (the audit entry then names the admin,
 * not the operating-system account). */
static int unlock_admin(struct styr_db *db, const struct cli *cli, struct styr_err *err)
{
	enum styr_access_role role = STYR_ACCESS_NONE;
	int rc;

	if (!cli->as)
		return styr_error(
		    err, STYR_EPERM,
		    "--unlock-reason: only an admin may write into an approved period; "
		    "name one with --as NAME");
	if ((rc = styr_access_role_for(db, cli->as, NULL, &role, NULL, err)))
		return rc;
	if (role != STYR_ACCESS_ADMIN)
		return styr_error(
		    err, STYR_EPERM,
		    "--unlock-reason: %s is not an admin; only an admin may write into an "
		    "approved period",
		    cli->as);
	return STYR_OK;
}

int cli_open(const struct cli *cli, int flags, struct styr_db **db, struct styr_err *err)
{
	char who[STYR_USER_MAX], source[96];
	int rc;

	if (cli->as && !cli->as[0])
		return styr_error(err, STYR_EUSAGE, "--as: expected a user name");
	if ((rc = styr_db_open(cli->db_path, flags, db, err)))
		return rc;
	cli_actor(cli, who, sizeof(who));
	snprintf(source, sizeof(source), "cli: styr %s", cli->command ? cli->command : "");
	rc = styr_db_actor(*db, who, source, err);
	if (!rc && cli->unlock_reason)
		rc = unlock_admin(*db, cli, err);
	if (!rc && cli->unlock_reason)
		rc = styr_db_unlock_reason(*db, cli->unlock_reason, err);
	if (rc) {
		styr_db_close(*db);
		*db = NULL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli cli;
	const char *env = getenv("STYR_DB");
	size_t i;
	int a = 1;

	memset(&cli, 0, sizeof(cli));
	cli.db_path = env && *env ? env : "styr.db";
	while (a < argc && argv[a][0] == '-') {
		if (take_global(&cli, argc, argv, &a)) {
			a++;
		} else if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[a], "--version")) {
			printf("styr %s\n", STYR_VERSION);
			return 0;
		} else {
			fprintf(stderr, "styr: unknown option %s\n", argv[a]);
			usage(stderr);
			return EXIT_INPUT;
		}
	}
	if (a >= argc) {
		usage(stderr);
		return EXIT_INPUT;
	}
	if (!strcmp(argv[a], "help")) {
		if (a + 1 < argc)
			for (i = 0; i < NCOMMANDS; i++)
				if (!strcmp(argv[a + 1], commands[i]->name)) {
					printf("usage: %s", commands[i]->usage);
					return 0;
				}
		usage(stdout);
		return 0;
	}
	for (i = 0; i < NCOMMANDS; i++) {
		if (!strcmp(argv[a], commands[i]->name)) {
			int n = argc - a;

			if (cli_wants_help(commands[i], n, argv + a))
				return 0;
			n = cli_take_db(&cli, n, argv + a);
			cli.command = commands[i]->name;
			return commands[i]->run(&cli, n, argv + a);
		}
	}
	fprintf(stderr, "styr: unknown command \"%s\"\n", argv[a]);
	usage(stderr);
	return EXIT_INPUT;
}
