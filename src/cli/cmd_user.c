/*
 * styr user: create logins for the web front-end and API tokens for
 * scripts.  The password is read from standard input (one line) so that it
 * never shows in the process list or the shell history; with --generate,
 * or when standard input is a terminal or empty, a random one is made and
 * printed once.
 *   styr user add NAME --role ROLE [--unit CODE] [--generate]
 *   styr user token NAME
 *   styr user list | passwd NAME | grant NAME --role R [--unit C]
 *             | revoke NAME [--unit C] | remove NAME
 * Every change is audited as --as NAME, else the operating-system user
 * ("cli:NAME", cli_actor); a
 * new password or a removed grant ends the user's sessions and tokens.
 */
#include <getopt.h>
#include <sodium.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A password from standard input (one line), else a generated one, which
 * *generated says must be printed. */
static void read_password(char *pw, size_t size, int *generated)
{
	if (!*generated && !isatty(STDIN_FILENO) && fgets(pw, (int)size, stdin))
		pw[strcspn(pw, "\r\n")] = '\0';
	if (*generated || !pw[0]) {
		*generated = 1;
		generate(pw, size);
	}
}

/* --role and --unit of add and grant, and the one name. */
struct user_opts {
	const char *name, *role_text, *unit;
	enum styr_access_role role;
	int generate;
};

static int parse_user_opts(int argc, char **argv, bool want_role, struct user_opts *o)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"unit", required_argument, NULL, 'u'},
	    {"generate", no_argument, NULL, 'g'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_err err;
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'r' && want_role)
			o->role_text = optarg;
		else if (c == 'u')
			o->unit = optarg;
		else if (c == 'g')
			o->generate = 1;
		else
			return cli_usage(&cmd_user_def, "unknown option");
	}
	if (optind + 1 != argc)
		return cli_usage(&cmd_user_def, "name one user: styr user %s NAME", argv[0]);
	o->name = argv[optind];
	if (!want_role)
		return 0;
	if (!o->role_text)
		return cli_usage(&cmd_user_def, "--role is required");
	styr_err_init(&err);
	if (styr_access_role_parse(o->role_text, &o->role, &err))
		return cli_fail(&err);
	return 0;
}

/* add and passwd: a password from standard input or generated. */
static int password_cmd(struct cli *cli, int argc, char **argv)
{
	const bool add = !strcmp(argv[0], "add");
	struct user_opts o;
	char pw[256] = "", by[64];
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if ((rc = parse_user_opts(argc, argv, add, &o)))
		return rc;
	styr_err_init(&err);
	if (sodium_init() < 0)
		return cli_fail(&err);
	read_password(pw, sizeof(pw), &o.generate);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	cli_actor(cli, by, sizeof(by));
	rc = add ? styr_user_add(db, by, o.name, pw, o.role, o.unit, &err)
	         : styr_user_passwd(db, by, o.name, pw, &err);
	styr_db_close(db);
	if (!rc && add)
		printf("styr: user %s is %s of %s\n", o.name, styr_access_role_name(o.role),
		       o.unit ? o.unit : "the whole organisation");
	else if (!rc)
		printf("styr: new password for %s; their sessions and API tokens are ended\n",
		       o.name);
	if (!rc && o.generate)
		printf("password: %s\n", pw);
	sodium_memzero(pw, sizeof(pw));
	return rc ? cli_fail(&err) : 0;
}

/* grant, revoke and remove: open, change, say what was done. */
static int change(struct cli *cli, int argc, char **argv)
{
	const bool grant = !strcmp(argv[0], "grant"), revoke = !strcmp(argv[0], "revoke");
	struct user_opts o;
	char by[64];
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if ((rc = parse_user_opts(argc, argv, grant, &o)))
		return rc;
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	cli_actor(cli, by, sizeof(by));
	rc = grant    ? styr_user_grant(db, by, o.name, o.role, o.unit, &err)
	     : revoke ? styr_user_revoke(db, by, o.name, o.unit, &err)
	              : styr_user_remove(db, by, o.name, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (grant)
		printf("styr: user %s is %s of %s\n", o.name, styr_access_role_name(o.role),
		       o.unit ? o.unit : "the whole organisation");
	else if (revoke)
		printf("styr: %s has no role on %s any more; their sessions and API tokens are "
		       "ended\n",
		       o.name, o.unit ? o.unit : "the whole organisation");
	else
		printf("styr: user %s is removed\n", o.name);
	return 0;
}

struct listing {
	struct styr_db *db;
	struct styr_err *err;
	int64_t now;
};

static int print_grant(void *ctx, const struct styr_grant *g)
{
	(void)ctx;
	printf(" %s@%s", styr_access_role_name(g->role), g->unit[0] ? g->unit : "*");
	return 0;
}

static int print_user(void *ctx, const struct styr_user *u)
{
	struct listing *l = ctx;
	int locks;

	printf("%s", u->name);
	if (styr_grant_each(l->db, u->name, print_grant, NULL, l->err))
		return -1;
	if (styr_login_locks(l->db, u->name, l->now, &locks, l->err))
		return -1;
	if (locks)
		printf(" (spärrad från %d %s efter misslyckade inloggningar)", locks,
		       locks == 1 ? "adress" : "adresser");
	printf("\n");
	return 0;
}

static int list(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	struct listing l;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage(&cmd_user_def, "styr user list takes no arguments");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	l.db = db;
	l.err = &err;
	l.now = (int64_t)time(NULL);
	rc = styr_user_each(db, print_user, &l, &err);
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

static int token(struct cli *cli, int argc, char **argv)
{
	char tok[STYR_TOKEN_MAX], by[STYR_USER_MAX + 8], *end;
	struct styr_api_token t;
	struct styr_db *db;
	struct styr_err err;
	long days = 90;
	int rc;

	if (argc == 4 && !strcmp(argv[2], "--days")) {
		days = strtol(argv[3], &end, 10);
		if (*end || end == argv[3] || days < 1 || days > 3650)
			return cli_usage(&cmd_user_def, "--days: expected 1 to 3650, got \"%s\"",
			                 argv[3]);
	} else if (argc != 2) {
		return cli_usage(&cmd_user_def, "name the user: styr user token NAME [--days N]");
	}
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	cli_actor(cli, by, sizeof(by));
	rc = styr_api_token_create(db, by, argv[1], (int)days, tok, &t, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("%s\n", tok);
	fprintf(stderr, "styr: API token %.12s for %s, valid until %s\n", t.hash, t.user,
	        t.expires);
	return 0;
}

struct token_list {
	time_t now;
	int n;
};

static int print_token(void *ctx, const struct styr_api_token *t)
{
	struct token_list *l = ctx;

	if (!l->n++)
		printf("%-12s  %-20s  %-20s  %s\n", "ID", "USER", "CREATED", "EXPIRES");
	printf("%-12.12s  %-20s  %-20s  %s%s\n", t->hash, t->user, t->created,
	       t->expires[0] ? t->expires : "never",
	       styr_api_token_expired(t, l->now) ? " (expired)" : "");
	return 0;
}

/* Every API token (of one user), without its secret: the id is the start
 * of its sha256, for revoke-token. */
static int tokens(struct cli *cli, int argc, char **argv)
{
	struct token_list l = {time(NULL), 0};
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if (argc > 2)
		return cli_usage(&cmd_user_def, "styr user tokens [NAME]");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_api_token_each(db, argc == 2 ? argv[1] : NULL, print_token, &l, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (!l.n)
		printf("styr: no API tokens\n");
	return 0;
}

static int revoke_token(struct cli *cli, int argc, char **argv)
{
	char by[STYR_USER_MAX + 8];
	struct styr_db *db;
	struct styr_err err;
	int rc;

	if (argc != 2)
		return cli_usage(&cmd_user_def, "name the token: styr user revoke-token ID");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	cli_actor(cli, by, sizeof(by));
	rc = styr_api_token_revoke(db, by, argv[1], &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("styr: API token %s revoked\n", argv[1]);
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct cli *, int, char **);
	} subs[] = {{"add", password_cmd}, {"token", token},
	            {"tokens", tokens},    {"revoke-token", revoke_token},
	            {"list", list},        {"passwd", password_cmd},
	            {"grant", change},     {"revoke", change},
	            {"remove", change}};
	size_t i;

	for (i = 0; argc >= 2 && i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].fn(cli, argc - 1, argv + 1);
	return cli_usage(&cmd_user_def,
	                 "expected add, token, tokens, revoke-token, list, passwd, grant, revoke "
	                 "or remove");
}

const struct command cmd_user_def = {
    "user",
    run,
    "create web logins and API tokens",
    "styr user add NAME --role ROLE [--unit CODE] [--generate]\n"
    "styr user token NAME [--days N]\n"
    "styr user tokens [NAME]\n"
    "styr user revoke-token ID\n"
    "styr user list\n"
    "styr user passwd NAME [--generate]\n"
    "styr user grant NAME --role ROLE [--unit CODE]\n"
    "styr user revoke NAME [--unit CODE]\n"
    "styr user remove NAME\n"
    "add: ROLE is reader, unit-manager (enhetschef), controller or admin; the\n"
    "role holds on CODE and every unit below it (without --unit: everywhere).\n"
    "The password is read from standard input; with --generate, or when there\n"
    "is none, one is made and printed; a name that exists is refused (use grant\n"
    "or passwd).  token: prints a new API token (Authorization: Bearer), valid\n"
    "for N days (default 90); tokens: every token's id, user, creation and\n"
    "expiry (never the secret); revoke-token: ends the token whose id starts\n"
    "with ID (at least 8 hex digits).\n"
    "passwd: a new password (as add reads it); grant: a role on a unit (or\n"
    "everywhere), replacing the user's role there; revoke: takes the role on\n"
    "CODE (without --unit: the one on the whole organisation); remove: the user\n"
    "with every grant.  passwd, revoke and remove end the user's sessions and\n"
    "API tokens at once.  Each change is audited as --as NAME, else cli:<operating-system user>.\n",
};
