/* styr init: create a database (or bring an old one's schema up to date). */
#include "cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	size_t rules;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage(&cmd_init_def, "takes no arguments");
	styr_err_init(&err);
	if (cli_open(cli, STYR_DB_CREATE, &db, &err))
		return cli_fail(&err);
	rc = styr_rules_install_generic(db, &rules, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (rules)
		printf("styr: installed %zu generic validation rules (data/rules/generic.csv)\n",
		       rules);
	printf("styr: database %s is ready\n", cli->db_path);
	return 0;
}

const struct command cmd_init_def = {
    "init",
    run,
    "create a database or update its schema",
    "styr init [--db FILE]\n"
    "Creates the database FILE (default $STYR_DB, else styr.db) with the\n"
    "current schema; on an existing database, applies missing migrations.\n"
    "A database without validation rules gets the generic ones that styr\n"
    "carries (data/rules/generic.csv), so that styr check checks from the\n"
    "first import.\n"
    "FILE may be a PostgreSQL URL (postgresql:///styr?host=/run/postgresql);\n"
    "that database must exist (createdb), init creates the styr schema in it.\n",
};
