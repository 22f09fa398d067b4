/*
 * styr rows [--chart NAME]: the resultaträkning's row plan as a tree (each
 * row under the subtotal it adds into, in printed order), each row's sign
 * and position, and the accounts of a chart of accounts that go to it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct plan {
	struct styr_ledger_row *v;
	size_t n, cap;
	struct styr_err *err;
};

static int take(void *ctx, const struct styr_ledger_row *r)
{
	struct plan *p = ctx;

	if (styr_array_grow((void **)&p->v, &p->cap, p->n, sizeof(*p->v), p->err))
		return STYR_ENOMEM;
	p->v[p->n++] = *r;
	return 0;
}

/* "4000-4199, 4500" of the chart's ranges that go to row ("" = kept out). */
static void accounts(const struct styr_chart *c, const char *row, char *out, size_t n)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < c->n && len < n; i++) {
		const struct styr_account_range *r = &c->r[i];

		if (strcmp(r->row, row))
			continue;
		if (r->first == r->last)
			len +=
			    (size_t)snprintf(out + len, n - len, "%s%d", len ? ", " : "", r->first);
		else
			len += (size_t)snprintf(out + len, n - len, "%s%d-%d", len ? ", " : "",
			                        r->first, r->last);
	}
}

/* Row i and, below it, the rows that add into it; depth bounds a
 * damaged plan. */
static void print_tree(const struct plan *p, const struct styr_chart *c, size_t i, int depth)
{
	char code[STYR_CODE_MAX + 64], acc[512], pos[16];
	size_t k;

	snprintf(code, sizeof(code), "%*s%s", depth * 2, "", p->v[i].code);
	snprintf(pos, sizeof(pos), "%d", p->v[i].position);
	accounts(c, p->v[i].code, acc, sizeof(acc));
	cli_cell(code, -28);
	printf("  ");
	cli_cell(p->v[i].label, -34);
	printf("  ");
	cli_cell(p->v[i].sign, -6);
	cli_cell(pos, 8);
	printf("%s%s\n", acc[0] ? "  " : "", acc);
	if (depth > 32)
		return;
	for (k = 0; k < p->n; k++)
		if (k != i && !strcmp(p->v[k].parent, p->v[i].code))
			print_tree(p, c, k, depth + 1);
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"chart", required_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	const char *name = NULL;
	struct styr_chart chart;
	struct styr_db *db;
	struct styr_err err;
	struct plan p;
	char out[512];
	size_t i;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'c')
			return cli_usage(&cmd_rows_def, "unknown option");
		name = optarg;
	}
	if (optind != argc)
		return cli_usage(&cmd_rows_def, "expected no arguments but --chart NAME");
	styr_err_init(&err);
	if (name && styr_chart_name_check(name, &err)) {
		styr_err_prefix(&err, "--chart: ");
		return cli_fail(&err);
	}
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	memset(&p, 0, sizeof(p));
	p.err = &err;
	rc = styr_ledger_row_each(db, take, &p, &err);
	if (!rc)
		rc = styr_chart_load(db, name, &chart, &err);
	styr_db_close(db);
	if (rc) {
		free(p.v);
		return cli_fail(&err);
	}
	printf("chart: %s\n", chart.name);
	cli_cell("code", -28);
	printf("  ");
	cli_cell("label", -34);
	printf("  ");
	cli_cell("sign", -6);
	cli_cell("position", 8);
	printf("  accounts\n");
	for (i = 0; i < p.n; i++)
		if (!p.v[i].parent[0])
			print_tree(&p, &chart, i, 0);
	accounts(&chart, "", out, sizeof(out));
	if (out[0])
		printf("not in the resultaträkning: %s\n", out);
	styr_chart_release(&chart);
	free(p.v);
	return 0;
}

const struct command cmd_rows_def = {
    "rows",
    run,
    "list the resultaträkning's row plan and the accounts a chart maps to each row",
    "styr rows [--chart NAME]\n"
    "The row plan as a tree: each row under the subtotal it adds into (a subtotal is\n"
    "the sum of the rows below it, computed for SIE and CSV ledgers alike), in printed\n"
    "order, with its sign (+ income, - cost, empty either), its position and the\n"
    "accounts the chart of accounts maps to it.  --chart bas, region-bas or\n"
    "kommun-bas; without it the database's (styr config chart), else the stored map.\n"
    "The plan is data: a ledger_rows.csv file (code;label;parent;position;sign)\n"
    "imported with styr import csv adds or renames rows (docs/formats.md).\n",
};
