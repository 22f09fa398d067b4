/*
 * styr history KIND KEY...: every version of one thing (a value, a target,
 * an analysis, an action, a report, a ledger row) as the audit log keeps
 * it, oldest first: when, who, from where, what was done, and the value
 * before and after.  Fewer keys than the kind has list every thing that
 * begins with them ("value ID0069 LKR": every period).  The audit log is
 * the only record of earlier versions; the tables hold the current one.
 */
#include <string.h>

#include "cli.h"

struct shown {
	int n;
};

static int print_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct shown *s = ctx;
	const char *source = styr_audit_source(a);

	s->n++;
	printf("%s %s %s %s: %s -> %s", a->time, a->user, a->action, a->entity,
	       a->before[0] ? a->before : "(none)", a->after[0] ? a->after : "(none)");
	if (source[0])
		printf(" [from %s]", source);
	printf("\n");
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	struct styr_db *db;
	struct styr_err err;
	struct shown s = {0};
	char entity[256];
	int rc;

	if (cli_wants_help(&cmd_history_def, argc, argv))
		return 0;
	if (argc < 3)
		return cli_usage(&cmd_history_def, "expected KIND and at least one KEY");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_history_entity(db, argv[1], (const char *const *)argv + 2, argc - 2, entity,
	                         sizeof(entity), &err);
	if (!rc)
		rc = styr_audit_entity_each(db, entity, print_cb, &s, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	if (!s.n)
		printf("styr: no versions of %s in the audit log\n", entity);
	return 0;
}

const struct command cmd_history_def = {
    "history",
    run,
    "every version of a value, target, analysis, action or ledger row",
    "styr history KIND KEY...\n"
    "  value IND UNIT PERIOD      target IND UNIT YEAR\n"
    "  analysis UNIT PERIOD SUBJECT   action UNIT PLAN\n"
    "  report UNIT PERIOD         ledger UNIT TABLE YEAR-MM ROW KIND\n"
    "  profile UNIT ROW YEAR      uppdrag GOAL UNIT DATE\n"
    "Lists every version from the audit log, oldest first, one a line:\n"
    "TIME USER ACTION ENTITY: BEFORE -> AFTER [from SOURCE]; a deletion is\n"
    "KIND.delete.  Fewer keys list every thing beginning with them.\n",
};
