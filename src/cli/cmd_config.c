/*
 * styr config [NAME [VALUE]]: the settings of one database (migration
 * 0015), each change audited:
 *   chart NAME           the chart of accounts SIE imports map by
 *                        (bas, region-bas, kommun-bas; migration 0024)
 *   four-eyes on|off     the approver of a report may not be its submitter
 *                        or anyone who entered its figures
 *   years FIRST-LAST     the years the write gate takes (default 1990 to
 *                        this year + 10); "default" forgets it
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *const names[] = {"chart", "four-eyes", "years"};

static int check(const char *name, const char *value, struct styr_err *err)
{
	int first, last;
	char end;

	if (!strcmp(name, "chart"))
		return strcmp(value, "default") ? styr_chart_name_check(value, err) : STYR_OK;
	if (!strcmp(name, "four-eyes"))
		return strcmp(value, "on") && strcmp(value, "off")
		           ? styr_error(err, STYR_EINPUT, "four-eyes \"%s\": expected on or off",
		                        value)
		           : STYR_OK;
	if (!strcmp(value, "default"))
		return STYR_OK;
	if (sscanf(value, "%d-%d%c", &first, &last, &end) != 2 || first < 1900 || last > 2999 ||
	    first > last)
		return styr_error(err, STYR_EINPUT,
		                  "years \"%s\": expected FIRST-LAST such as 1990-2036 (within "
		                  "1900-2999), or default",
		                  value);
	return STYR_OK;
}

static int run(struct cli *cli, int argc, char **argv)
{
	char old[64], who[STYR_USER_MAX];
	struct styr_db *db;
	struct styr_err err;
	size_t i;
	int rc;

	if (argc > 3)
		return cli_usage(&cmd_config_def, "expected at most NAME and VALUE");
	for (i = 0; argc > 1 && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(argv[1], names[i]))
			break;
	if (argc > 1 && i == sizeof(names) / sizeof(names[0]))
		return cli_usage(&cmd_config_def,
		                 "setting \"%s\": expected chart, four-eyes or years", argv[1]);
	styr_err_init(&err);
	if (argc == 3 && check(argv[1], argv[2], &err))
		return cli_fail(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (argc < 3) {
		for (i = 0, rc = 0; i < sizeof(names) / sizeof(names[0]) && !rc; i++) {
			if (argc == 2 && strcmp(argv[1], names[i]))
				continue;
			rc = styr_setting_get(db, names[i], old, sizeof(old), &err);
			if (!rc)
				printf("%s %s\n", names[i], old[0] ? old : "default");
		}
		styr_db_close(db);
		return rc ? cli_fail(&err) : 0;
	}
	cli_actor(cli, who, sizeof(who));
	rc = styr_db_begin(db, &err);
	if (!rc)
		rc = styr_setting_get(db, argv[1], old, sizeof(old), &err);
	if (!rc)
		rc = styr_setting_put(db, argv[1], strcmp(argv[2], "default") ? argv[2] : "", &err);
	if (!rc) {
		char entity[64];

		snprintf(entity, sizeof(entity), "setting %s", argv[1]);
		rc = styr_audit_append(db, who, "config.set", entity, old, argv[2], &err);
	}
	if (rc)
		styr_db_rollback(db);
	else
		rc = styr_db_commit(db, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("styr: %s %s\n", argv[1], argv[2]);
	return 0;
}

const struct command cmd_config_def = {
    "config",
    run,
    "show or change the database's settings (chart, four-eyes, years)",
    "styr config [NAME [VALUE]]\n"
    "  chart NAME          the chart of accounts SIE imports map by: bas (companies),\n"
    "                      region-bas (regions), kommun-bas (municipalities); default\n"
    "                      (the stored map, BAS unless a --mapping file replaced it)\n"
    "  four-eyes on|off    the approver of a report may not be the one who submitted it\n"
    "                      or who entered its figures\n"
    "  years FIRST-LAST    the years a write may name (default 1990 to this year + 10);\n"
    "                      default forgets the setting\n"
    "Each change is audited as --as NAME, else cli:<operating-system user>.\n",
};
