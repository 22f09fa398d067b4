/*
 * HTML rendering of a document tree: one self-contained file (styles
 * inline, no scripts, no external requests) that reads well on screen and
 * prints on A4.  Accessibility is part of the format, not an extra: the
 * document says lang="sv", tables have captions and real header cells, and
 * every status is written out as a symbol and a word beside its colour.
 */
#include <stdio.h>
#include <string.h>

#include "report/doc.h"
#include "styr/buf.h"

static const char style[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:60em;"
    "color:#1a1a1a;line-height:1.4}"
    "h1{font-size:1.6em;margin-bottom:0}.subtitle{color:#444;margin-top:.2em}"
    ".stampel{border:2px solid #a11;color:#a11;font-weight:bold;padding:.3em .6em;"
    "display:inline-block}@media print{.stampel{position:fixed;top:0;right:0}}"
    "h2{font-size:1.3em;border-bottom:2px solid #005a9c;padding-bottom:.2em;margin-top:2em}"
    "h3{font-size:1.1em;margin-top:1.5em}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
    "caption{text-align:left;font-weight:bold;padding:.3em 0}"
    "th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top}"
    "thead th{background:#e8eef4;text-align:left}tbody th{text-align:left;font-weight:normal}"
    "td.num{text-align:right;white-space:nowrap}"
    ".s-met{background:#d4edda}.s-near{background:#fff3cd}.s-not_met{background:#f8d7da}"
    ".s-missing{background:#eee}"
    ".sym{font-weight:bold;margin-right:.3em}"
    ".legend{font-size:.9em;color:#333}"
    ".toc ul{list-style:none;padding-left:0}.toc li.sub{padding-left:1.5em;font-size:.95em}"
    "@media print{.toc{display:none}}"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
    "figure.chart{margin:1em 0}figure.chart svg{font-family:'DejaVu "
    "Sans',Verdana,sans-serif;width:100%;max-width:40em;height:auto}"
    "figcaption{font-size:.85em;color:#444}.empty{color:#555;font-style:italic}"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "@page{size:A4;margin:2cm}}";

static int cell(struct styr_buf *out, const struct doc_cell *c, bool row_header,
                struct styr_err *err)
{
	int rc;

	if (row_header)
		rc = styr_buf_puts(out, "<th scope=\"row\"", err);
	else
		rc = styr_buf_puts(out, "<td", err);
	if (!rc && (c->numeric || c->has_status))
		rc = styr_buf_printf(out, err, " class=\"%s%s%s\"", c->numeric ? "num" : "",
		                     c->numeric && c->has_status ? " " : "",
		                     c->has_status
		                         ? (c->status == STYR_STATUS_MET       ? "s-met"
		                            : c->status == STYR_STATUS_NEAR    ? "s-near"
		                            : c->status == STYR_STATUS_NOT_MET ? "s-not_met"
		                            : c->status == STYR_STATUS_MISSING ? "s-missing"
		                                                               : "")
		                         : "");
	if (!rc)
		rc = styr_buf_puts(out, ">", err);
	if (!rc && c->has_status && c->status != STYR_STATUS_NO_TARGET)
		rc = styr_buf_printf(out, err, "<span class=\"sym\" aria-hidden=\"true\">%s</span>",
		                     doc_status_symbol(c->status));
	if (!rc && c->has_trend && c->trend != STYR_TREND_NONE)
		rc = styr_buf_printf(out, err, "<span class=\"sym\" aria-hidden=\"true\">%s</span>",
		                     doc_trend_symbol(c->trend));
	if (!rc)
		rc = styr_buf_html(out, c->text, err);
	if (!rc)
		rc = styr_buf_puts(out, row_header ? "</th>" : "</td>", err);
	return rc;
}

/* A caption that repeats the heading above it is kept for screen readers
 * and hidden on screen. */
static int table(struct styr_buf *out, const struct doc_table *t, bool repeats_heading,
                 struct styr_err *err)
{
	size_t r, c;
	int rc = styr_buf_puts(
	    out, repeats_heading ? "<table>\n<caption class=\"sr\">" : "<table>\n<caption>", err);

	if (!rc)
		rc = styr_buf_html(out, t->caption, err);
	if (!rc)
		rc = styr_buf_puts(out, "</caption>\n<thead><tr>", err);
	for (c = 0; c < t->ncols && !rc; c++) {
		rc = styr_buf_puts(out, "<th scope=\"col\">", err);
		if (!rc)
			rc = styr_buf_html(out, t->head[c], err);
		if (!rc)
			rc = styr_buf_puts(out, "</th>", err);
	}
	if (!rc)
		rc = styr_buf_puts(out, "</tr></thead>\n<tbody>\n", err);
	for (r = 0; r < t->nrows && !rc; r++) {
		rc = styr_buf_puts(out, "<tr>", err);
		for (c = 0; c < t->ncols && !rc; c++)
			rc = cell(out, &t->cells[r * t->ncols + c], c == 0, err);
		if (!rc)
			rc = styr_buf_puts(out, "</tr>\n", err);
	}
	if (!rc)
		rc = styr_buf_puts(out, "</tbody>\n</table>\n", err);
	return rc;
}

/* The table of contents: the headings of levels 2 and 3, linked. */
static int toc(struct styr_buf *out, const struct doc *d, struct styr_err *err)
{
	size_t i;
	int rc = styr_buf_puts(out,
	                       "<nav class=\"toc\" aria-labelledby=\"toc\">\n"
	                       "<h2 id=\"toc\">Innehåll</h2>\n<ul>\n",
	                       err);

	for (i = 0; i < d->nblocks && !rc; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind != DOC_HEADING || b->level > 3)
			continue;
		rc = styr_buf_printf(out, err, "<li%s><a href=\"#h%zu\">",
		                     b->level == 3 ? " class=\"sub\"" : "", i);
		if (!rc)
			rc = styr_buf_html(out, b->text, err);
		if (!rc)
			rc = styr_buf_puts(out, "</a></li>\n", err);
	}
	if (!rc)
		rc = styr_buf_puts(out, "</ul>\n</nav>\n", err);
	return rc;
}

int doc_render_html(const struct doc *d, struct styr_buf *out, struct styr_err *err)
{
	char lines[DOC_COVER_LINES][DOC_COVER_LINE_MAX];
	size_t i, n;
	int rc = styr_buf_puts(out,
	                       "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	                       "<meta charset=\"utf-8\">\n"
	                       "<meta name=\"viewport\" content=\"width=device-width, "
	                       "initial-scale=1\">\n",
	                       err);

	/* The hash of the data the report was made from (doc_seal). */
	if (!rc && d->hash[0])
		rc = styr_buf_printf(
		    out, err, "<meta name=\"styr-dataunderlag\" content=\"sha256:%s\">\n", d->hash);
	if (!rc)
		rc = styr_buf_puts(out, "<title>", err);

	if (!rc)
		rc = styr_buf_html(out, d->title, err);
	if (!rc)
		rc = styr_buf_printf(
		    out, err, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", style);
	/* The standing (Utkast, Fastställd): a banner above the title that
	 * print repeats on every page. */
	if (!rc && d->mark) {
		rc = styr_buf_puts(out, "<p class=\"stampel\" id=\"stampel\" role=\"note\">", err);
		if (!rc)
			rc = styr_buf_html(out, d->mark, err);
		if (!rc)
			rc = styr_buf_puts(out, "</p>\n", err);
	}
	if (!rc)
		rc = styr_buf_puts(out, "<h1>", err);
	if (!rc)
		rc = styr_buf_html(out, d->title, err);
	if (!rc)
		rc = styr_buf_puts(out, "</h1>\n<p class=\"subtitle\">", err);
	if (!rc)
		rc = styr_buf_html(out, d->subtitle, err);
	n = doc_cover_lines(d, lines);
	for (i = 0; i < n && !rc; i++) {
		rc = styr_buf_puts(out, "<br>", err);
		if (!rc)
			rc = styr_buf_html(out, lines[i], err);
	}
	if (!rc)
		rc = styr_buf_puts(out, "</p>\n", err);
	if (!rc && d->toc)
		rc = toc(out, d, err);
	for (i = 0; i < d->nblocks && !rc; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_HEADING: {
			int level = b->level < 2 ? 2 : b->level > 6 ? 6 : b->level;

			rc = d->toc && level <= 3
			         ? styr_buf_printf(out, err, "<h%d id=\"h%zu\">", level, i)
			         : styr_buf_printf(out, err, "<h%d>", level);
			if (!rc)
				rc = styr_buf_html(out, b->text, err);
			if (!rc)
				rc = styr_buf_printf(out, err, "</h%d>\n", level);
			break;
		}
		case DOC_PARAGRAPH:
			rc = styr_buf_puts(out, "<p>", err);
			if (!rc)
				rc = styr_buf_html(out, b->text, err);
			if (!rc)
				rc = styr_buf_puts(out, "</p>\n", err);
			break;
		case DOC_TABLE:
			rc = table(out, &b->table,
			           i > 0 && d->blocks[i - 1].kind == DOC_HEADING &&
			               !strcmp(d->blocks[i - 1].text, b->table.caption),
			           err);
			break;
		case DOC_CHART:
			/* The SVG says what it shows in aria-label; the caption
			 * names it for everyone. */
			rc = styr_buf_puts(out, "<figure class=\"chart\">\n", err);
			if (!rc)
				rc = chart_svg(&b->chart, b->text, 480,
				               chart_height(&b->chart, 480), out, err);
			if (!rc)
				rc = styr_buf_puts(out, "\n<figcaption>", err);
			if (!rc)
				rc = styr_buf_html(out, b->chart.alt, err);
			if (!rc)
				rc = styr_buf_puts(out, "</figcaption>\n</figure>\n", err);
			break;
		}
	}
	if (!rc)
		rc = styr_buf_puts(out, "</main>\n", err);
	if (!rc && d->hash[0]) {
		char label[96];

		doc_hash_label(d, label, sizeof(label));
		rc = styr_buf_printf(out, err, "<footer><p class=\"legend\">%s</p></footer>\n",
		                     label);
	}
	if (!rc)
		rc = styr_buf_puts(out, "</body>\n</html>\n", err);
	return rc;
}
