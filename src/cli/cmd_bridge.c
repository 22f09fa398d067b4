/*
 * styr bridge: the regionbidrag bridge of a budget year per board (seed 003
 * Bilaga 4B): last year's regionbidrag, tekniska justeringar, uppräkning,
 * riktade satsningar and this year's; then the allocation model of the
 * hospital boards (printed share, the share the omfördelningseffekt
 * implies, the effect).  --upprakning OLD:NEW recomputes every board as if
 * the uppräkning percent OLD had been NEW (a what-if), showing the new
 * regionbidrag and the difference.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void mkr(char *buf, size_t n, int64_t tkr)
{
	styr_num_format(buf, n, (double)tkr / 1000.0, 1);
}

/* "2,9" → 2900 (percent × 1000) */
static int pct(const char *text, int64_t *out)
{
	struct styr_num n;
	struct styr_err err;

	styr_err_init(&err);
	if (styr_num_parse(text, &n, &err) || n.kind != STYR_NUM_VALUE || n.decimals > 3 ||
	    n.value < 0 || n.value > 100)
		return -1;
	*out = (int64_t)(n.value * 1000.0 + 0.5);
	return 0;
}

static void line(const char *unit, const int64_t *v, int nv)
{
	char buf[32];
	int i;

	printf("  ");
	cli_cell(unit, -12);
	for (i = 0; i < nv; i++) {
		mkr(buf, sizeof(buf), v[i]);
		cli_cell(buf, 13);
	}
	printf("\n");
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"upprakning", required_argument, NULL, 'u'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_bridge_model m, w;
	int64_t old_pct = 0, new_pct = 0;
	bool whatif = false;
	struct styr_db *db;
	struct styr_err err;
	int year = 0;
	char *colon;
	size_t i;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y':
			if (cli_year(&cmd_bridge_def, optarg, &year))
				return EXIT_INPUT;
			break;
		case 'u':
			colon = strchr(optarg, ':');
			if (colon)
				*colon = '\0';
			if (!colon || pct(optarg, &old_pct) || pct(colon + 1, &new_pct))
				return cli_usage(&cmd_bridge_def,
				                 "--upprakning: expected OLD:NEW percents such as "
				                 "2,9:3,2");
			whatif = true;
			break;
		default:
			return cli_usage(&cmd_bridge_def, "unknown option");
		}
	}
	if (optind != argc || !year)
		return cli_usage(&cmd_bridge_def, "needs --year YYYY");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (styr_bridge_model_load(db, year, &m, &err) ||
	    styr_bridge_model_load(db, year, &w, &err)) {
		styr_db_close(db);
		return cli_fail(&err);
	}
	styr_db_close(db);
	if (!m.n) {
		printf("(ingen regionbidragsbrygga för %d)\n", year);
		styr_bridge_model_release(&m);
		styr_bridge_model_release(&w);
		return 0;
	}
	if (whatif)
		styr_bridge_whatif(&w, old_pct, new_pct);
	printf("Regionbidrag %d per nämnd och styrelse (Mkr)%s\n  ", year,
	       whatif ? ", med ändrad uppräkning" : "");
	cli_cell("", -12);
	cli_cell("Föreg. år", 13);
	cli_cell("Tekniska", 13);
	cli_cell("Uppräkning", 13);
	cli_cell("Riktade", 13);
	cli_cell("Regionbidrag", 13);
	if (whatif) {
		cli_cell("Nytt", 13);
		cli_cell("Skillnad", 13);
	}
	printf("\n");
	for (i = 0; i < m.n; i++) {
		const struct styr_bridge_board *a = &m.boards[i], *b = &w.boards[i];
		int64_t v[7] = {a->ingaende,
		                b->teknisk,
		                b->upprakning,
		                b->riktad,
		                a->utgaende,
		                b->utgaende,
		                b->utgaende - a->utgaende};

		line(a->unit, v, whatif ? 7 : 5);
	}
	printf("\nFördelningsmodell för sjukhusstyrelserna\n  ");
	cli_cell("", -12);
	cli_cell("Andel", 13);
	cli_cell("Beräknad", 13);
	cli_cell("Omfördelning", 13);
	if (whatif)
		cli_cell("Ny omförd.", 13);
	printf("\n");
	for (i = 0; i < m.n; i++) {
		const struct styr_bridge_board *a = &m.boards[i], *b = &w.boards[i];
		char s1[32], s2[32], e1[32], e2[32];

		if (!a->has_andel)
			continue;
		styr_num_format(s1, sizeof(s1), (double)a->andel / 1000.0, 1);
		styr_num_format(s2, sizeof(s2), (double)a->share_ppm / 10000.0, 1);
		strcat(s1, " %");
		strcat(s2, " %");
		mkr(e1, sizeof(e1), a->effekt);
		mkr(e2, sizeof(e2), b->effekt);
		printf("  ");
		cli_cell(a->unit, -12);
		cli_cell(s1, 13);
		cli_cell(s2, 13);
		cli_cell(e1, 13);
		if (whatif)
			cli_cell(e2, 13);
		printf("\n");
	}
	{
		char p1[32], p2[32];

		mkr(p1, sizeof(p1), m.pool);
		mkr(p2, sizeof(p2), w.pool);
		printf("  underlag (Σ regionbidrag + tekniska + uppräkning): %s Mkr", p1);
		if (whatif)
			printf(", nytt %s Mkr", p2);
		printf("\n");
	}
	styr_bridge_model_release(&m);
	styr_bridge_model_release(&w);
	return 0;
}

const struct command cmd_bridge_def = {
    "bridge",
    run,
    "regionbidrag bridge per board, allocation model and what-if",
    "styr bridge --year YYYY [--upprakning OLD:NEW]\n"
    "Prints each board's regionbidrag: last year's, tekniska justeringar,\n"
    "uppräkning, riktade satsningar and this year's (Mkr), and for the\n"
    "hospital boards the allocation model: the printed share, the share the\n"
    "omfördelningseffekt implies of the common pool, and the effect.\n"
    "--upprakning 2,9:3,2 recomputes every board whose uppräkning is 2,9 %\n"
    "with 3,2 % instead: uppräkning = (last year's + tekniska) × percent,\n"
    "then the hospital boards share the new pool in the same proportions,\n"
    "which changes their omfördelningseffekt; shows the new regionbidrag.\n",
};
