/*
 * styr audit verify: walk the hash chain of the audit log and say whether
 * it is whole.  Exit 1 (findings) names the first entry that does not hold.
 * styr audit show [N]: the newest N entries, with their source.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* One entry a line: time, who, action, entity, before → after, source. */
static int print_entry(void *ctx, const struct styr_audit_entry *a)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s → %s\t%s\n", a->time, a->user, a->action, a->entity,
	       a->before[0] ? a->before : "—", a->after[0] ? a->after : "—",
	       a->source[0] ? a->source : "—");
	return 0;
}

static int show(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	char *end = NULL;
	long n = argc == 3 ? strtol(argv[2], &end, 10) : 20;
	int rc;

	if (argc > 3 || (end && (*end || n < 1)))
		return cli_usage(&cmd_audit_def, "show takes the number of entries, such as 20");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_audit_each(db, 1, (int)n, print_entry, NULL, &err);
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	int64_t broken, count;
	int rc;

	if (argc >= 2 && !strcmp(argv[1], "show"))
		return show(cli, argc, argv);
	if (argc != 2 || strcmp(argv[1], "verify"))
		return cli_usage(&cmd_audit_def, "expected verify or show");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_audit_verify(db, &broken, &count, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (broken) {
		printf("styr: audit log broken at entry %" PRId64
		       ": its hash or its link to the entry before does not match\n",
		       broken);
		return EXIT_FINDINGS;
	}
	printf("styr: audit log intact, %" PRId64 " entries\n", count);
	return 0;
}

const struct command cmd_audit_def = {
    "audit",
    run,
    "check the audit log's hash chain",
    "styr audit verify | show [N]\n"
    "verify recomputes every entry's hash and link; exit 1 names the first broken entry.\n"
    "show prints the newest N entries (20): time, who, action, what, before → after, and\n"
    "where the write came from (file:line, form, API call, CLI command).\n",
};
