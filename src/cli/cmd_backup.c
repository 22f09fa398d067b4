/*
 * styr backup FILE: a consistent copy of the database while it is in use.
 * styr restore FILE: the copy back, into the --db location (a new SQLite
 * file, or an empty PostgreSQL database).  Exit 2 for a file that exists,
 * a damaged or foreign backup, or a database that is not empty.
 */
#include <string.h>

#include "cli.h"

static int backup(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(&cmd_backup_def, "expected the backup's file name");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_db_backup(db, argv[1], &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("styr: backup of %s written to %s\n", cli->db_path, argv[1]);
	return 0;
}

static int restore(struct cli *cli, int argc, char **argv)
{
	struct styr_err err;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(&cmd_restore_def, "expected the backup's file name");
	styr_err_init(&err);
	if (styr_db_restore(argv[1], cli->db_path, &err))
		return cli_fail(&err);
	printf("styr: %s restored into %s\n", argv[1], cli->db_path);
	return 0;
}

const struct command cmd_backup_def = {
    "backup",
    backup,
    "copy the whole database while it is in use",
    "styr --db DB backup FILE\n"
    "Writes a consistent copy of every table (users, grants, tokens, the audit log,\n"
    "approvals, ledgers, mappings) to FILE, which must not exist, while styr serve\n"
    "and imports go on: SQLite's online backup, or pg_dump's custom format for\n"
    "PostgreSQL. `styr export all` is interchange, not a backup.\n",
};

const struct command cmd_restore_def = {
    "restore",
    restore,
    "restore a backup into a new database",
    "styr --db NEW restore FILE\n"
    "Restores FILE (from styr backup) into NEW: a SQLite file that does not exist,\n"
    "or an existing, empty PostgreSQL database (createdb). A damaged or foreign\n"
    "file is refused before anything is written.\n",
};
