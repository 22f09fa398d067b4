/*
 * styr check: run the validation rules stored in the database (imported
 * from a rules file) over the ledger and list every violation with the
 * rule, the unit, the period, both sides and the difference.  Differences
 * within a rule's tolerance are rounding notes ("avrundning"), the rest
 * errors ("fel").  Exit 1 when there is an error; notes alone exit 0.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Amounts in tkr; the bridge's shares (bridge-100) in percent × 1000. */
static void amount(char *buf, size_t n, const struct styr_finding *f, int64_t v)
{
	if (!strcmp(f->rule->check, "bridge-100")) {
		styr_num_format(buf, n, (double)v / 1000.0, 1);
		strcat(buf, " %");
	} else {
		styr_num_format(buf, n, (double)v, 0);
		strcat(buf, " tkr");
	}
}

static int print_finding(void *ctx, const struct styr_finding *f)
{
	char l[40], r[40], d[40], period[16], src[STYR_SOURCE_MAX + 64];

	(void)ctx;
	styr_finding_source_text(f->source, src, sizeof(src));
	amount(l, sizeof(l), f, f->left);
	amount(r, sizeof(r), f, f->right);
	amount(d, sizeof(d), f, f->diff);
	if (f->month)
		snprintf(period, sizeof(period), "%d-%02d", f->year, f->month);
	else
		snprintf(period, sizeof(period), "%d", f->year);
	printf("%s %s %s %s%s%s %s: %s: %s = %s, %s = %s, skillnad %s%s%s\n",
	       f->unclear    ? "oklart"
	       : f->rounding ? "avrundning"
	                     : "fel",
	       f->rule->code, f->unit, period, f->tab[0] ? " tabell " : "", f->tab, f->where,
	       f->rule->name, f->left_label, l, f->right_label, r, d, src[0] ? "; " : "", src);
	return 0;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},
	    {"year", required_argument, NULL, 'y'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_ledger_filter f = {NULL, NULL, 0, 0};
	struct styr_check_stats stats;
	struct styr_db *db;
	struct styr_err err;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			f.unit = optarg;
			break;
		case 'y':
			if (cli_year(&cmd_check_def, optarg, &f.year))
				return EXIT_INPUT;
			break;
		default:
			return cli_usage(&cmd_check_def, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_check_def, "unexpected argument \"%s\"", argv[optind]);
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	rc = styr_check_run(db, &f, print_finding, NULL, &stats, &err);
	styr_db_close(db);
	if (rc)
		return cli_fail(&err);
	printf("styr: %zu regler, %zu kontroller, %zu fel, %zu avrundningar", stats.rules,
	       stats.checked, stats.errors, stats.notes);
	if (stats.unclear)
		printf(", %zu oklara", stats.unclear);
	printf("\n");
	/* Nothing checked is not "all is well". */
	if (!stats.checked) {
		fprintf(stderr, "styr: inga kontroller kördes: %s\n",
		        stats.rules ? "reglerna hittade inga siffror att kontrollera (importera "
		                      "en resultaträkning eller en regionbidragsbrygga)"
		                    : "databasen har inga regler (styr init installerar de "
		                      "generella, eller importera en regelfil)");
		return EXIT_FINDINGS;
	}
	return stats.errors ? EXIT_FINDINGS : 0;
}

const struct command cmd_check_def = {
    "check",
    run,
    "run the validation rules over the ledger and list what does not add up",
    "styr check [--unit CODE] [--year YYYY]\n"
    "Runs every rule of the database (import a rules file with styr import csv)\n"
    "over the ledger.  Each violation names the rule, the unit, the period,\n"
    "the row or kind, both sides and the difference; a difference within the\n"
    "rule's tolerance is a rounding note (\"avrundning\"), one the data cannot\n"
    "settle (an uppräkning of 0 against a percent) \"oklart\", otherwise an error\n"
    "(\"fel\").  Each names the data it is about: \"i de inlästa uppgifterna\n"
    "(fil:rad)\", \"i rapporttexten (fil:rad)\", \"i bokföringen (fil, SIE)\".  Exit code 1 when "
    "there is at least one error or when no rule\n"
    "found anything to check, 0 otherwise.\n",
};
