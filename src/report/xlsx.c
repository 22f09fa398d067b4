/*
 * XLSX rendering of a document tree with libxlsxwriter, for the people who
 * take a report's figures further in Excel: one sheet per table (and per
 * chart, as its data), its caption above a frozen header row, and numbers
 * written as numbers, never as text, with a number format that shows the
 * decimals the report shows.  Format codes in a workbook are stored in the
 * file's invariant notation ("#,##0.0"); Excel and LibreOffice display them
 * with the reader's locale, so in sv-SE as "13 742" and "83,8".  A first
 * sheet, "Rapport", holds the title and the running text, so nothing of
 * the report is lost.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "report/doc.h"

#define FORMATS_MAX 8 /* decimals 0..3, plain and percent */

struct xlsx {
	lxw_workbook *wb;
	lxw_format *bold, *head, *wrap, *title;
	lxw_format *num[FORMATS_MAX];
	char names[256][LXW_MAX_SHEETNAME_LENGTH]; /* sheet names in use, to keep them unique */
	size_t nnames;
};

/* Decimals and a percent sign as the text of a cell shows them. */
static void shape_of(const char *text, int *decimals, bool *percent)
{
	const char *comma = strchr(text, ',');

	*decimals = 0;
	if (comma)
		while (comma[1 + *decimals] >= '0' && comma[1 + *decimals] <= '9')
			(*decimals)++;
	if (*decimals > 3)
		*decimals = 3;
	*percent = strchr(text, '%') != NULL;
}

static lxw_format *num_format(struct xlsx *x, int decimals, bool percent)
{
	int i = decimals * 2 + percent;

	if (!x->num[i]) {
		char code[32];

		snprintf(code, sizeof(code), "#,##0%s%.*s%s", decimals ? "." : "", decimals, "000",
		         percent ? "\" %\"" : "");
		x->num[i] = workbook_add_format(x->wb);
		format_set_num_format(x->num[i], code);
	}
	return x->num[i];
}

/* want cut to at most max characters, at a word's end where there is one
 * (a single word longer than max is cut, there being nothing better), and
 * without a trailing space or punctuation. */
static void cut_words(const char *want, size_t max, char *out, size_t size)
{
	size_t chars = 0, n = 0, last_space = 0;
	bool cut = false;
	const char *p;

	for (p = want; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if (chars == max) {
				cut = true;
				break;
			}
			chars++;
			if (*p == ' ')
				last_space = n;
		}
		if (n + 1 < size)
			out[n++] = *p;
	}
	if (cut && last_space)
		n = last_space;
	out[n] = '\0';
	/* drop what cannot end a name: spaces, ":", ",", "-" and "–" */
	for (;;) {
		n = strlen(out);
		if (n && strchr(" ,:;-(", out[n - 1]))
			out[n - 1] = '\0';
		else if (n >= 3 && !strcmp(out + n - 3, "–"))
			out[n - 3] = '\0';
		else
			break;
	}
}

/* A sheet name Excel accepts: at most 31 characters, cut after a whole
 * word, none of []:*?/\', unique in the workbook (a number is added, the
 * name cut shorter by whole words to make room for it). */
static lxw_worksheet *add_sheet(struct xlsx *x, const char *want)
{
	char clean[256], name[LXW_MAX_SHEETNAME_LENGTH], suffix[16];
	size_t n, i;
	int k;

	snprintf(clean, sizeof(clean), "%s", want);
	for (n = 0; clean[n]; n++)
		if (strchr("[]:*?/\\'", clean[n]))
			clean[n] = ' ';
	cut_words(clean, LXW_SHEETNAME_MAX, name, sizeof(name));
	if (!name[0])
		snprintf(name, sizeof(name), "Tabell");
	for (k = 2;; k++) {
		bool used = false;

		for (i = 0; i < x->nnames; i++)
			used |= !strcasecmp(x->names[i], name);
		if (!used)
			break;
		snprintf(suffix, sizeof(suffix), " %d", k);
		cut_words(clean, LXW_SHEETNAME_MAX - strlen(suffix), name, sizeof(name));
		strncat(name, suffix, sizeof(name) - strlen(name) - 1);
	}
	if (x->nnames < sizeof(x->names) / sizeof(x->names[0]))
		snprintf(x->names[x->nnames++], sizeof(x->names[0]), "%s", name);
	return workbook_add_worksheet(x->wb, name);
}

static void table_sheet(struct xlsx *x, const struct doc_table *t, int index)
{
	char name[256];
	lxw_worksheet *ws;
	size_t r, c;

	snprintf(name, sizeof(name), "%d %s", index, t->caption);
	ws = add_sheet(x, name);
	worksheet_write_string(ws, 0, 0, t->caption, x->title);
	for (c = 0; c < t->ncols; c++) {
		worksheet_write_string(ws, 1, (lxw_col_t)c, t->head[c], x->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 0 ? 48 : 12, NULL);
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const struct doc_cell *cell = &t->cells[r * t->ncols + c];

			if (cell->numeric && isfinite(cell->number)) {
				int dec;
				bool pct;

				shape_of(cell->text, &dec, &pct);
				worksheet_write_number(ws, (lxw_row_t)(r + 2), (lxw_col_t)c,
				                       cell->number, num_format(x, dec, pct));
			} else {
				worksheet_write_string(ws, (lxw_row_t)(r + 2), (lxw_col_t)c,
				                       cell->text, NULL);
			}
		}
	worksheet_freeze_panes(ws, 2, 0);
	worksheet_autofilter(ws, 1, 0, (lxw_row_t)(t->nrows + 1), (lxw_col_t)(t->ncols - 1));
}

/* A chart's data as a table: categories down, series across. */
static void chart_sheet(struct xlsx *x, const struct doc_block *b, int index)
{
	const struct doc_chart *ch = &b->chart;
	char name[256];
	lxw_worksheet *ws;
	size_t i, s;

	snprintf(name, sizeof(name), "%d %s", index, b->text);
	ws = add_sheet(x, name);
	worksheet_write_string(ws, 0, 0, b->text, x->title);
	worksheet_write_string(ws, 1, 0, "", x->head);
	worksheet_set_column(ws, 0, 0, 48, NULL);
	for (s = 0; s < ch->nseries; s++)
		worksheet_write_string(ws, 1, (lxw_col_t)(s + 1), ch->series[s].name, x->head);
	if (ch->kind == DOC_CHART_STATUS)
		worksheet_write_string(ws, 1, 1, "Status", x->head);
	if (ch->has_ref)
		worksheet_write_string(ws, 1, (lxw_col_t)(ch->nseries + 1),
		                       ch->ref_label ? ch->ref_label : "Mål", x->head);
	for (i = 0; i < ch->ncats; i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 2), 0, ch->cats[i], NULL);
		for (s = 0; s < ch->nseries; s++)
			if (isfinite(ch->series[s].values[i]))
				worksheet_write_number(ws, (lxw_row_t)(i + 2), (lxw_col_t)(s + 1),
				                       ch->series[s].values[i],
				                       num_format(x, ch->decimals, ch->percent));
		if (ch->kind == DOC_CHART_STATUS && ch->status)
			worksheet_write_string(ws, (lxw_row_t)(i + 2), 1,
			                       styr_status_label(ch->status[i]), NULL);
		if (ch->has_ref)
			worksheet_write_number(ws, (lxw_row_t)(i + 2), (lxw_col_t)(ch->nseries + 1),
			                       ch->ref, num_format(x, ch->decimals, ch->percent));
	}
	worksheet_freeze_panes(ws, 2, 0);
}

int doc_render_xlsx(const struct doc *d, const char *path, struct styr_err *err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_doc_properties props;
	lxw_worksheet *front;
	lxw_error e;
	struct xlsx x;
	lxw_row_t row = 3;
	size_t i, n;
	int tables = 0;
	char keywords[96], label[96], lines[DOC_COVER_LINES][DOC_COVER_LINE_MAX];

	memset(&x, 0, sizeof(x));
	x.wb = workbook_new_opt(path, &opt);
	if (!x.wb)
		return styr_error(err, STYR_EIO, "%s: cannot create the workbook", path);
	memset(&props, 0, sizeof(props));
	props.title = d->title;
	props.subject = d->subject ? d->subject : d->subtitle;
	props.author = d->author ? d->author : "";
	props.company = d->author ? d->author : "";
	props.created = d->created;
	if (d->hash[0]) {
		snprintf(keywords, sizeof(keywords), "Dataunderlag sha256:%s", d->hash);
		props.keywords = keywords;
	}
	workbook_set_properties(x.wb, &props);
	x.title = workbook_add_format(x.wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 13);
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xE8EEF4);
	format_set_bottom(x.head, LXW_BORDER_THIN);
	format_set_text_wrap(x.head);
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);

	front = add_sheet(&x, "Rapport");
	worksheet_set_column(front, 0, 0, 110, NULL);
	worksheet_write_string(front, 0, 0, d->title, x.title);
	worksheet_write_string(front, 1, 0, d->subtitle, NULL);
	/* The cover's lines: the standing, period, decision and the data's
	 * hash. */
	if (d->mark)
		worksheet_write_string(front, row++, 0, d->mark, x.bold);
	n = doc_cover_lines(d, lines);
	for (i = 0; i < n; i++)
		worksheet_write_string(front, row++, 0, lines[i], NULL);
	if (d->hash[0]) {
		doc_hash_label(d, label, sizeof(label));
		worksheet_write_string(front, row++, 0, label, NULL);
	}
	row++;
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_HEADING:
			worksheet_write_string(front, row++, 0, b->text, x.bold);
			break;
		case DOC_PARAGRAPH:
			worksheet_write_string(front, row++, 0, b->text, x.wrap);
			break;
		case DOC_TABLE:
			table_sheet(&x, &b->table, ++tables);
			worksheet_write_string(front, row++, 0, b->table.caption, NULL);
			break;
		case DOC_CHART:
			chart_sheet(&x, b, ++tables);
			worksheet_write_string(front, row++, 0, b->text, NULL);
			break;
		}
	}
	e = workbook_close(x.wb);
	if (e != LXW_NO_ERROR)
		return styr_error(err, STYR_EIO, "%s: writing the workbook failed: %s", path,
		                  lxw_strerror(e));
	return STYR_OK;
}
