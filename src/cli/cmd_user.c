/*
 * styr user: create logins for the web front-end and API tokens for
 * scripts.  The password is read from standard input (one line) so that it
 * never shows in the process list or the shell history; with --generate,
 * or when standard input is a terminal or empty, a random one is made and
 * printed once.
 *   styr user add NAME --role ROLE [--unit CODE] [--generate]
 *   styr user token NAME
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void generate(char *pw, size_t size)
{
	static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	for (i = 0; i + 1 < size && i < 16; i++)
		pw[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	pw[i] = '\0';
}

static int add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"unit", required_argument, NULL, 'u'},
	    {"generate", no_argument, NULL, 'g'},
	    {NULL, 0, NULL, 0},
	};
	const char *role_text = NULL, *unit = NULL;
	enum styr_access_role role;
	char pw[256] = "";
	struct styr_db *db;
	struct styr_err err;
	int c, gen = 0, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r')
			role_text = optarg;
		else if (c == 'u')
			unit = optarg;
		else if (c == 'g')
			gen = 1;
		else
			return cli_usage(&cmd_user_def, "unknown option");
	}
	if (optind + 1 != argc)
		return cli_usage(&cmd_user_def, "name the user: styr user add NAME --role ROLE");
	if (!role_text)
		return cli_usage(&cmd_user_def, "--role is required");
	styr_err_init(&err);
	if (styr_access_role_parse(role_text, &role, &err))
		return cli_fail(&err);
	if (sodium_init() < 0)
		return cli_fail(&err);
	/* A password comes on standard input; none there (a terminal, or
	 * nothing to read) means one is made and printed. */
	if (!gen && !isatty(STDIN_FILENO) && fgets(pw, sizeof(pw), stdin))
		pw[strcspn(pw, "\r\n")] = '\0';
	else
		gen = 1;
	if (gen || !pw[0]) {
		gen = 1;
		generate(pw, sizeof(pw));
	}
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_user_add(db, "(cli)", argv[optind], pw, role, unit, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("styr: user %s is %s of %s\n", argv[optind], styr_access_role_name(role),
	       unit ? unit : "the whole organisation");
	if (gen)
		printf("password: %s\n", pw);
	sodium_memzero(pw, sizeof(pw));
	return 0;
}

static int token(struct cli *cli, int argc, char **argv)
{
	char tok[STYR_TOKEN_MAX];
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if (argc != 2)
		return cli_usage(&cmd_user_def, "name the user: styr user token NAME");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_api_token_create(db, argv[1], tok, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("%s\n", tok);
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return add(cli, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "token"))
		return token(cli, argc - 1, argv + 1);
	return cli_usage(&cmd_user_def, "expected add or token");
}

const struct command cmd_user_def = {
    "user",
    run,
    "create web logins and API tokens",
    "styr user add NAME --role ROLE [--unit CODE] [--generate]\n"
    "styr user token NAME\n"
    "add: ROLE is reader, unit-manager (enhetschef), controller or admin; the\n"
    "role holds on CODE and every unit below it (without --unit: everywhere).\n"
    "The password is read from standard input; with --generate, or when there\n"
    "is none, one is made and printed.  token: prints a new API token\n"
    "(Authorization: Bearer).\n",
};
