/*
 * xlsxgen OUT.xlsx FILE.csv...: a workbook written by libxlsxwriter from
 * interchange CSV files, one sheet per file named after it ("values.csv"
 * becomes the sheet "values"), for the XLSX import tests.  Each cell is
 * written as a spreadsheet program would keep it after a person typed it:
 * a Swedish number ("93,8", "-190241") as a number, formatted with the
 * decimals typed ("9,0" shows as 9,0), "95%" or "93,8%" as a fraction
 * formatted as a percentage, "2024-01-01" as a date and "2024-03" as a
 * date formatted yyyy-mm; anything else as text.  The CSV is read
 * with libcsv, as styr reads it.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_DECIMALS 6

struct gen {
	lxw_worksheet *ws;
	lxw_format *date, *month;
	lxw_format *num[MAX_DECIMALS + 1], *pct[MAX_DECIMALS + 1]; /* by decimals */
	lxw_row_t row;
	lxw_col_t col;
};

/* A Swedish number without thousands separators: -?digits(,digits)?,
 * and no leading zero before more digits (codes such as "0012" stay
 * text). */
static int swedish_number(const char *s, double *out, int *decimals)
{
	char buf[64], *end;
	size_t n = strlen(s), i = 0, digits = 0;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	if (s[i] == '-')
		i++;
	if (s[i] == '0' && s[i + 1] >= '0' && s[i + 1] <= '9')
		return 0;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (!digits)
		return 0;
	*decimals = 0;
	if (s[i] == ',') {
		i++;
		if (!(s[i] >= '0' && s[i] <= '9'))
			return 0;
		while (s[i] >= '0' && s[i] <= '9' && ++*decimals)
			i++;
	}
	if (s[i] || *decimals > MAX_DECIMALS)
		return 0;
	memcpy(buf, s, n + 1);
	if ((end = strchr(buf, ',')))
		*end = '.';
	*out = strtod(buf, NULL);
	return 1;
}

static void cell(void *s, size_t len, void *data)
{
	struct gen *g = data;
	char text[8192], num[8192];
	lxw_datetime dt = {0};
	double x;
	int dec;
	char tail;

	if (len >= sizeof(text))
		len = sizeof(text) - 1;
	memcpy(text, s, len);
	text[len] = '\0';
	memcpy(num, text, len + 1);
	if (len > 1 && num[len - 1] == '%')
		num[len - 1] = '\0';
	if (!len)
		; /* an empty cell: nothing written, as in a sparse row */
	else if (num[len - 1] == '\0' && swedish_number(num, &x, &dec))
		worksheet_write_number(g->ws, g->row, g->col, x / 100.0, g->pct[dec]);
	else if (swedish_number(text, &x, &dec))
		worksheet_write_number(g->ws, g->row, g->col, x, dec ? g->num[dec] : NULL);
	else if (len == 10 &&
	         sscanf(text, "%4d-%2d-%2d%c", &dt.year, &dt.month, &dt.day, &tail) == 3)
		worksheet_write_datetime(g->ws, g->row, g->col, &dt, g->date);
	else if (len == 7 && sscanf(text, "%4d-%2d%c", &dt.year, &dt.month, &tail) == 2 &&
	         dt.month >= 1 && dt.month <= 12) {
		dt.day = 1;
		worksheet_write_datetime(g->ws, g->row, g->col, &dt, g->month);
	} else
		worksheet_write_string(g->ws, g->row, g->col, text, NULL);
	g->col++;
}

static void record(int c, void *data)
{
	struct gen *g = data;

	(void)c;
	g->row++;
	g->col = 0;
}

static int add_sheet(lxw_workbook *wb, struct gen *g, const char *path)
{
	char name[32], buf[65536];
	const char *base = strrchr(path, '/');
	struct csv_parser p;
	size_t n;
	FILE *f;

	base = base ? base + 1 : path;
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(base, "."), base);
	if (!(g->ws = workbook_add_worksheet(wb, name)) || !(f = fopen(path, "rb"))) {
		fprintf(stderr, "xlsxgen: %s: cannot add it\n", path);
		return 1;
	}
	g->row = 0;
	g->col = 0;
	csv_init(&p, CSV_STRICT | CSV_REPALL_NL);
	csv_set_delim(&p, ';');
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		csv_parse(&p, buf, n, cell, record, g);
	csv_fini(&p, cell, record, g);
	csv_free(&p);
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_workbook *wb;
	struct gen g;
	int i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: xlsxgen OUT.xlsx FILE.csv...\n");
		return 2;
	}
	memset(&g, 0, sizeof(g));
	wb = workbook_new_opt(argv[1], &opt);
	if (!wb)
		return 1;
	g.date = workbook_add_format(wb);
	format_set_num_format(g.date, "yyyy-mm-dd");
	g.month = workbook_add_format(wb);
	format_set_num_format(g.month, "yyyy-mm");
	for (i = 0; i <= MAX_DECIMALS; i++) {
		char code[16] = "0.";

		memset(code + 2, '0', (size_t)i);
		code[i ? 2 + i : 1] = '\0';
		g.num[i] = workbook_add_format(wb);
		format_set_num_format(g.num[i], code);
		strcat(code, "%");
		g.pct[i] = workbook_add_format(wb);
		format_set_num_format(g.pct[i], code);
	}
	for (i = 2; i < argc && !rc; i++)
		rc = add_sheet(wb, &g, argv[i]);
	if (workbook_close(wb) != LXW_NO_ERROR)
		rc = 1;
	return rc;
}
