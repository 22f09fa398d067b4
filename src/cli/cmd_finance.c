/*
 * styr finance: the region's financial goals per year, as seed 003 states
 * them: resultatmål (årets resultat ≥ 2 % of skatt, utjämning och
 * generella statsbidrag, over a rolling five years), balanskrav
 * (balanskravsresultat ≥ 0, or synnerliga skäl not to restore it) and
 * skuldsättningsmål (räntebärande nettoskuld ≤ 25 % of the same
 * intäkter).  The chain that gives the balanskravsresultat is checked by
 * the rules (styr check).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_YEARS 30

static void pct(char *buf, size_t n, bool has, int64_t v100)
{
	if (!has) {
		snprintf(buf, n, "–");
		return;
	}
	styr_num_format(buf, n, (double)v100 / 100.0, 1);
	strcat(buf, " %");
}

static void mkr(char *buf, size_t n, bool has, int64_t tkr)
{
	if (has)
		styr_num_format(buf, n, (double)tkr / 1000.0, 0);
	else
		snprintf(buf, n, "–");
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_finance_year years[MAX_YEARS];
	long from = 0, to = 0;
	struct styr_db *db;
	struct styr_err err;
	char *end;
	size_t i, n;
	int c, findings = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		long *dst = c == 'f' ? &from : &to;

		if (c != 'f' && c != 't')
			return cli_usage(&cmd_finance_def, "unknown option");
		*dst = strtol(optarg, &end, 10);
		if (*end || *dst < 1900 || *dst > 2999)
			return cli_usage(&cmd_finance_def, "\"%s\": expected a year such as 2024",
			                 optarg);
	}
	if (optind != argc || !from || !to || to < from || to - from >= MAX_YEARS)
		return cli_usage(&cmd_finance_def, "needs --from YYYY --to YYYY (at most %d years)",
		                 MAX_YEARS);
	n = (size_t)(to - from + 1);
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (styr_finance_years(db, (int)from, n, years, &err)) {
		styr_db_close(db);
		return cli_fail(&err);
	}
	styr_db_close(db);
	printf("Finansiella mål, Mkr\n  ");
	cli_cell("År", -6);
	cli_cell("Resultat", 10);
	cli_cell("Skatt m m", 11);
	cli_cell("Andel", 9);
	cli_cell("5 år", 9);
	printf(" ");
	cli_cell("Resultatmål", -16);
	cli_cell("Balanskrav", -32);
	cli_cell("Nettoskuld", 11);
	cli_cell("Andel", 9);
	printf("  Skuldsättningsmål\n");
	for (i = 0; i < n; i++) {
		const struct styr_finance_year *y = &years[i];
		char yr[8], r[32], s[32], p[32], roll[32], d[32], dp[32];
		const char *goal, *bkr, *debt;

		snprintf(yr, sizeof(yr), "%d", y->year);
		mkr(r, sizeof(r), y->has_resultat, y->resultat);
		mkr(s, sizeof(s), y->has_sub, y->sub);
		pct(p, sizeof(p), y->has_resultat && y->has_sub, y->resultat_pct100);
		pct(roll, sizeof(roll), y->has_rolling, y->rolling_pct100);
		mkr(d, sizeof(d), y->has_skuld, y->nettoskuld);
		pct(dp, sizeof(dp), y->has_skuld && y->has_sub, y->skuld_pct100);
		/* exact: resultat ≥ 2 % × sub ⇔ 50 × resultat ≥ sub */
		if (!(y->has_resultat && y->has_sub))
			goal = "underlag saknas";
		else if (y->resultat * 50 >= y->sub)
			goal = y->has_rolling && y->rolling_pct100 < 200 ? "uppfyllt år, ej 5 år"
			                                                 : "uppfyllt";
		else
			goal = "ej uppfyllt";
		if (!y->has_bkr)
			bkr = "underlag saknas";
		else if (y->balanskravsresultat >= 0)
			bkr = "uppfyllt";
		else if (y->synnerliga_skal >= -y->balanskravsresultat)
			bkr = "ej uppfyllt, synnerliga skäl";
		else
			bkr = "ej uppfyllt, ska återställas";
		if (!(y->has_skuld && y->has_sub))
			debt = "underlag saknas";
		else if (y->skuld_pct100 <= 2500 &&
		         (y->nettoskuld < 0 ? -y->nettoskuld : 0) * 4 <= y->sub)
			debt = "uppfyllt";
		else
			debt = "ej uppfyllt";
		findings +=
		    !strncmp(goal, "ej", 2) || !strncmp(bkr, "ej", 2) || !strncmp(debt, "ej", 2);
		printf("  ");
		cli_cell(yr, -6);
		cli_cell(r, 10);
		cli_cell(s, 11);
		cli_cell(p, 9);
		cli_cell(roll, 9);
		printf(" ");
		cli_cell(goal, -15);
		printf(" ");
		cli_cell(bkr, -31);
		cli_cell(d, 11);
		cli_cell(dp, 9);
		printf("  %s\n", debt);
	}
	return findings ? EXIT_FINDINGS : 0;
}

const struct command cmd_finance_def = {
    "finance",
    run,
    "financial goals per year: resultatmål, balanskrav, skuldsättning",
    "styr finance --from YYYY --to YYYY\n"
    "For each year: årets resultat and skatt, utjämning och generella\n"
    "statsbidrag (Mkr), the result as a share of them, the rolling five-year\n"
    "share (when all five years are there), the resultatmål (≥ 2 %), the\n"
    "balanskrav (balanskravsresultat ≥ 0, else whether synnerliga skäl cover\n"
    "it) and the skuldsättningsmål (nettoskuld ≤ 25 %).  Figures come from a\n"
    "bridge file with unit RS (data/demo/finance.csv).  Exit 1 when a goal is\n"
    "not met in some year.\n",
};
