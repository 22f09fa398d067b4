/*
 * styr audit verify: walk the hash chain of the audit log and say whether
 * it is whole.  Exit 1 (findings) names the first entry that does not hold.
 */
#include <inttypes.h>
#include <string.h>

#include "cli.h"

static int run(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	int64_t broken, count;
	int rc;

	if (argc != 2 || strcmp(argv[1], "verify"))
		return cli_usage(&cmd_audit_def, "expected verify");
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
    "styr audit verify\n"
    "Recomputes every entry's hash and link; exit 1 names the first broken entry.\n",
};
