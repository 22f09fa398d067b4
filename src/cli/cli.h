/*
 * What the subcommands share: the options every command takes (--db), one
 * place that turns an error into a message and an exit code, and opening
 * the database.  Each cmd_<name>.c parses its own options and calls the
 * library; none of them touches SQL or a file format directly.
 */
#ifndef STYR_CLI_H
#define STYR_CLI_H

#include <stdio.h>

#include "styr/styr.h"

/* Exit codes: 0 ok, 1 findings (a check found problems), 2 usage or input
 * error, 3 anything else (database, memory, I/O). */
enum { EXIT_FINDINGS = 1, EXIT_INPUT = 2, EXIT_INTERNAL = 3 };

struct cli {
	const char *db_path;       /* --db, else $STYR_DB, else styr.db */
	const char *as;            /* --as NAME: who the writes are audited as */
	const char *unlock_reason; /* --unlock-reason TEXT: write into locked periods */
	const char *command;       /* the command's name, for the audit's source */
};

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
	const char *usage; /* shown by "styr NAME --help" */
};

/* Print "styr: MESSAGE" and give the exit code for err's code. */
int cli_fail(const struct styr_err *err);
/* Print a usage error for cmd and return EXIT_INPUT. */
int cli_usage(const struct command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Parse the year argument of an option; on bad input print a usage error
 * and return EXIT_INPUT, which the caller returns. */
int cli_year(const struct command *cmd, const char *text, int *out);
/* Open the database and name the actor of its writes (the write gate,
 * db.h): --as NAME, else the operating-system user as "cli:NAME"; the
 * source "cli: styr COMMAND"; --unlock-reason when given. */
int cli_open(const struct cli *cli, int flags, struct styr_db **db, struct styr_err *err);
/* Who a CLI write is audited as: --as NAME, else "cli:<operating-system
 * user>" (cli may be NULL). */
void cli_actor(const struct cli *cli, char *buf, size_t size);
/* If argv holds --help or -h, print cmd's usage and return 1. */
int cli_wants_help(const struct command *cmd, int argc, char **argv);
/* Take "--db FILE" / "--db=FILE", "--as NAME" and "--unlock-reason TEXT"
 * (each also as --opt=VALUE) out of argv (so commands accept them after
 * their name too); returns the new argc. */
int cli_take_db(struct cli *cli, int argc, char **argv);

extern const struct command cmd_init_def, cmd_import_def, cmd_export_def, cmd_show_def,
    cmd_report_def;
/* goals area (issue 7) */
extern const struct command cmd_uppdrag_def, cmd_due_def;
/* styr show's goal views (cmd_show_goals.c): *handled is false for a name
 * that is not one of them. */
int cmd_show_goals(struct styr_db *db, const char *what, const char *arg, const char *unit,
                   int year, bool *handled, struct styr_err *err);
/* web (issue 6) */
extern const struct command cmd_user_def, cmd_audit_def, cmd_serve_def;
/* economy */
/* Print text in width characters (not bytes): right-aligned, or left when
 * width < 0; longer text is cut with "…". */
void cli_cell(const char *text, int width);
extern const struct command cmd_ledger_def, cmd_check_def, cmd_actions_def, cmd_bridge_def,
    cmd_finance_def;
/* open data (issue 19) */
extern const struct command cmd_opendata_def, cmd_workflow_def;
/* proof-reading (issue 20) */
extern const struct command cmd_proof_def;
/* events (issue 18) */
extern const struct command cmd_events_def;
extern const struct command cmd_backup_def, cmd_restore_def;
/* history (issue 14 item 3) */
extern const struct command cmd_history_def;
/* corrections (issue 14 item 2) */
extern const struct command cmd_delete_def, cmd_set_def;
/* the write gate's settings (issue 14) */
extern const struct command cmd_config_def;
extern const struct command cmd_rows_def; /* the row plan and charts (issue 15 item 5) */

#endif
