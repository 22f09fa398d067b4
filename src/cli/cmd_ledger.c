/*
 * styr ledger: a unit's resultaträkning for a period as a controller reads
 * it every month: utfall against the same period the year before, the
 * periodised budget, avvikelse, förändring in tkr and percent, and the
 * helårsprognos (given, or derived from utfall to date plus the budget of
 * the months left; marked "*" when derived).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                         "jul", "aug", "sep", "okt", "nov", "dec"};

static void tkr(char *buf, size_t n, bool has, int64_t v)
{
	if (has)
		styr_num_format(buf, n, (double)v, 0);
	else
		snprintf(buf, n, "–");
}

/* A figure in a column: cli_cell cuts what is wider than its column
 * ("−1 827 451 1…"), which for a figure would print a wrong number, and
 * one that fills it would run into the column before.  A figure as wide
 * as its column or wider is printed whole, after a space. */
static void num_cell(const char *text, int width)
{
	int n = 0;
	const char *p;

	for (p = text; *p; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	if (n >= width)
		printf(" %s", text);
	else
		cli_cell(text, width);
}

/* Parse "8,8,9,..." (12 whole numbers) into w. */
static int parse_profile(const char *text, int *w)
{
	int i;
	char *end;

	for (i = 0; i < 12; i++) {
		long v = strtol(text, &end, 10);

		if (end == text || v < 0 || v > 1000000)
			return -1;
		w[i] = (int)v;
		text = end;
		if (i < 11) {
			if (*text != ',')
				return -1;
			text++;
		}
	}
	return *text ? -1 : 0;
}

/* Say how the year budgets of part of a year were periodised: the
 * --profile weights, or the library's sentence for the stored profiles
 * (the one the reports print), and which months lack utfall (then the
 * budget is that of the months with utfall).  Nothing for a whole year. */
static int profile_note(const struct styr_ledger_table *t, int year, const int *given,
                        const char *arg, struct styr_err *err)
{
	struct styr_buf b;
	size_t i;
	int rc;

	styr_buf_init(&b, 1 << 16);
	if (given) {
		for (i = 0; i < t->n && !t->lines[i].periodised; i++)
			;
		if (i < t->n)
			printf("Periodisering: --profile %s\n", arg);
		rc = styr_ledger_missing_text(t, year, &b, err);
		if (!rc && b.len)
			printf("%.*s\n", (int)b.len, b.data);
		styr_buf_release(&b);
		return rc;
	}
	rc = styr_ledger_periodisation_text(t, &b, err);
	if (!rc && b.len)
		printf("%.*s\n", (int)b.len, b.data);
	b.len = 0;
	if (!rc)
		rc = styr_ledger_missing_text(t, year, &b, err);
	if (!rc && b.len)
		printf("%.*s\n", (int)b.len, b.data);
	styr_buf_release(&b);
	return rc;
}

/* Print one unit's table (rolled up along the org tree by the library). */
static int print_built(const struct styr_org_unit *u, const char *tab, int year, int months,
                       const int *profile, const char *profile_arg,
                       const struct styr_ledger_table *t, struct styr_err *err)
{
	size_t i;
	printf("Resultaträkning %s %s%s%s, jan–%s %d (tkr)\n", u->code, u->name,
	       tab[0] ? ", tabell " : "", tab, month_abbr[months - 1], year);
	/* like with like: say at once which months the columns hold */
	if (t->missing && !(t->compared & t->missing)) {
		char m[96];

		styr_month_mask_text(m, sizeof(m), t->compared);
		printf("Utfall och budget för %s %d, de månader som har utfall\n", m, year);
	}
	{
		char y0[24], y1[24];

		snprintf(y0, sizeof(y0), "%d", year - 1);
		snprintf(y1, sizeof(y1), "%d", year);
		cli_cell("", -34);
		cli_cell("Utfall", 13);
		cli_cell("Utfall", 13);
		cli_cell("Budget", 13);
		cli_cell("Avvikelse", 12);
		cli_cell("Förändring", 12);
		cli_cell("Förändr.", 11);
		cli_cell("Prognos", 15);
		printf("\n");
		cli_cell("Rad", -34);
		cli_cell(y0, 13);
		cli_cell(y1, 13);
		cli_cell(y1, 13);
		cli_cell("", 12);
		cli_cell("tkr", 12);
		cli_cell("%", 11);
		cli_cell("helår", 15);
		printf("\n");
	}
	for (i = 0; i < t->n; i++) {
		const struct styr_ledger_line *l = &t->lines[i];
		char a[32], b[32], cc[32], d[32], e[32], f[32], g[40];

		tkr(a, sizeof(a), l->has_prev, l->prev_utfall);
		tkr(b, sizeof(b), l->has_utfall, l->utfall);
		tkr(cc, sizeof(cc), l->has_budget, l->budget);
		tkr(d, sizeof(d), l->has_utfall && l->has_budget, l->avvikelse);
		tkr(e, sizeof(e), l->has_utfall && l->has_prev, l->forandring);
		if (l->has_pct) {
			styr_num_format(f, sizeof(f), (double)l->forandring_pct100 / 100.0, 1);
			strcat(f, " %");
		} else {
			snprintf(f, sizeof(f), "–");
		}
		tkr(g, sizeof(g), l->has_prognos, l->prognos);
		if (l->prognos_derived)
			strcat(g, "*");
		/* printf's widths count bytes; pad by characters so that åäö,
		 * the minus sign and the no-break spaces line up. */
		cli_cell(l->row.label, -34);
		num_cell(a, 13);
		num_cell(b, 13);
		num_cell(cc, 13);
		num_cell(d, 12);
		num_cell(e, 12);
		num_cell(f, 11);
		num_cell(g, 15);
		putchar('\n');
	}
	if (!t->n)
		printf("(inga belopp för %s %d)\n", u->code, year);
	if (t->from.below)
		printf("Summa av %zu %s inom %s: deras exakta belopp i öre, avrundade en gång "
		       "(enheterna direkt under visas var för sig nedan)\n",
		       t->from.units, t->from.units == 1 ? "enhet" : "enheter", u->code);
	return profile_note(t, year, profile, profile_arg, err);
}

/* --by: the row broken down by a dimension's objects, one line each. */
static int print_breakdown(struct styr_db *db, const struct styr_org_unit *u, int year, int months,
                           const char *by, const char *row, struct styr_err *err)
{
	struct styr_dim_table t;
	size_t i;
	int rc = styr_ledger_breakdown(db, u->code, year, (int)months, by, row, &t, err);

	if (rc)
		return rc;
	printf("%s per %s, %s %s, jan–%s %d (tkr)\n", t.row.label, t.dim.name, u->code, u->name,
	       month_abbr[months - 1], year);
	cli_cell(t.dim.name, -16);
	cli_cell("Namn", -34);
	cli_cell("Utfall", 13);
	cli_cell("Budget", 13);
	cli_cell("Avvikelse", 12);
	printf("\n");
	for (i = 0; i <= t.n && t.n; i++) {
		const struct styr_dim_line *l = i < t.n ? &t.lines[i] : &t.total;
		char a[32], b[32], c[32];

		tkr(a, sizeof(a), l->has_utfall, l->utfall);
		tkr(b, sizeof(b), l->has_budget, l->budget);
		tkr(c, sizeof(c), l->has_utfall && l->has_budget, l->avvikelse);
		cli_cell(i < t.n ? l->object : "", -16);
		cli_cell(l->name, -34);
		cli_cell(a, 13);
		cli_cell(b, 13);
		cli_cell(c, 12);
		putchar('\n');
	}
	if (!t.n)
		printf("(inga belopp per %s för %s %d)\n", t.dim.name, u->code, year);
	styr_dim_table_release(&t);
	return STYR_OK;
}

/* Build and print one unit's table; t is the caller's to release. */
static int print_table(struct styr_db *db, const struct styr_org_unit *u, const char *tab, int year,
                       int months, const int *profile, const char *profile_arg,
                       struct styr_ledger_table *t, struct styr_err *err)
{
	int rc = styr_ledger_table_build(db, u->code, tab, year, months, profile, t, err);

	return rc ? rc : print_built(u, tab, year, months, profile, profile_arg, t, err);
}

struct below {
	const char *tab;
	int year, months;
	const int *profile;
	const char *profile_arg;
	struct styr_err *err;
};

static int print_below(void *ctx, const struct styr_org_unit *u, const struct styr_ledger_table *t)
{
	struct below *b = ctx;

	putchar('\n');
	return print_built(u, b->tab, b->year, b->months, b->profile, b->profile_arg, t, b->err);
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},    {"year", required_argument, NULL, 'y'},
	    {"months", required_argument, NULL, 'm'},  {"table", required_argument, NULL, 't'},
	    {"profile", required_argument, NULL, 'p'}, {"by", required_argument, NULL, 'b'},
	    {"row", required_argument, NULL, 'r'},     {NULL, 0, NULL, 0},
	};
	const char *unit = NULL, *tab = "", *profile_arg = NULL, *by = NULL, *row = NULL;
	struct styr_ledger_table t;
	struct styr_org_unit u;
	struct styr_db *db;
	struct styr_err err;
	int weights[12], *profile = NULL;
	long months = 12;
	int year = 0;
	char *end;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unit = optarg;
			break;
		case 'y':
			if (cli_year(&cmd_ledger_def, optarg, &year))
				return EXIT_INPUT;
			break;
		case 'm':
			months = strtol(optarg, &end, 10);
			if (*end || months < 1 || months > 12)
				return cli_usage(
				    &cmd_ledger_def,
				    "--months \"%s\": expected 1 to 12 (jan up to that "
				    "month)",
				    optarg);
			break;
		case 't':
			tab = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		case 'r':
			row = optarg;
			break;
		case 'p':
			if (parse_profile(optarg, weights))
				return cli_usage(
				    &cmd_ledger_def,
				    "--profile \"%s\": expected 12 whole numbers separated "
				    "by commas",
				    optarg);
			profile = weights;
			profile_arg = optarg;
			break;
		default:
			return cli_usage(&cmd_ledger_def, "unknown option");
		}
	}
	if (optind != argc || !unit || !year)
		return cli_usage(&cmd_ledger_def, "needs --unit CODE and --year YYYY");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (styr_org_find(db, unit, &u, &err)) {
		styr_db_close(db);
		return cli_fail(&err);
	}
	if (by) {
		rc = print_breakdown(db, &u, year, (int)months, by, row, &err);
		styr_db_close(db);
		return rc ? cli_fail(&err) : 0;
	}
	/* One snapshot for the region's table and its units' (and one lock
	 * taken, not one a statement) */
	memset(&t, 0, sizeof(t));
	if ((rc = styr_db_read_begin(db, &err)) == STYR_OK) {
		rc = print_table(db, &u, tab, year, (int)months, profile, profile_arg, &t, &err);
		/* A roll-up: the hospital's totals, then a table per unit below it. */
		if (!rc && t.from.below) {
			struct below b = {tab, year, (int)months, profile, profile_arg, &err};

			rc = styr_ledger_tables_below(db, u.code, tab, year, (int)months, profile,
			                              print_below, &b, &err);
		}
		styr_db_read_end(db);
	}
	styr_ledger_table_release(&t);
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}
const struct command cmd_ledger_def = {
    "ledger",
    run,
    "a unit's resultaträkning: utfall, budget, avvikelse, förändring, prognos",
    "styr ledger --unit CODE --year YYYY [--months M] [--table NAME]\n"
    "                   [--profile W1,...,W12]\n"
    "       styr ledger --unit CODE --year YYYY [--months M] --by DIM [--row ROW]\n"
    "Prints the resultaträkning of the unit for jan up to month M (default 12)\n"
    "in tkr: utfall the year before and this year, budget for the period,\n"
    "avvikelse = utfall − budget, förändring in tkr and percent, and the\n"
    "helårsprognos (marked * when derived as utfall to date + budget for the\n"
    "months left).  The year budget is spread over the months by --profile\n"
    "(twelve weights), else by the stored budget profile of the unit (or the\n"
    "nearest unit above it) for the row or for all rows, else flat; a line\n"
    "below the table says which.  --table picks a partial table a report\n"
    "printed (e.g. personal); default the resultaträkning itself.\n"
    "Like with like: when the year has monthly utfall and no year figure, the\n"
    "months of the period without utfall are named below the table (\"Utfall\n"
    "saknas för sep–dec 2024\") and utfall, budget and avvikelse cover only the\n"
    "months with utfall (the budget periodised as above); the prognos stays\n"
    "the whole year's.\n\n"
    "--by DIM (kostnadsstalle, projekt, verksamhet, … or a dimension number):\n"
    "the row (--row, default RESULTAT) per object of the dimension, from the\n"
    "unit's ledger detail (SIE object lists, the CSV ledger's kostnadsstalle):\n"
    "utfall, budget and avvikelse for jan–M, each rounded once, and their sum.\n",
};
