/*
 * PDF rendering of a document tree with cairo and pango: A4 pages with a
 * running header (the report's title and unit), page numbers as Swedish
 * reports print them ("3 (12)"), a table of contents from the headings
 * (with links, and the same headings as PDF bookmarks), tables that break
 * across pages with their header row repeated, charts as vectors, fonts
 * embedded (cairo embeds the subsets it uses) and the title, author and
 * subject in the PDF's metadata.
 *
 * The page numbers in the table of contents and in "3 (12)" are known only
 * after the whole document is laid out, so layout runs twice through the
 * same code: once measuring (nothing is drawn, the page a heading lands on
 * is noted) and once drawing.  Both passes use the PDF surface's own
 * context, so font metrics, and hence page breaks, are the same in both;
 * the table of contents has one fixed-height line per heading, so it takes
 * the same room before and after its numbers are known.
 *
 * The file is a tagged PDF: the drawing pass wraps what it draws in
 * cairo's structure tags (H1 for the title, H2..H6 for the headings, P,
 * Table with TR, TH and TD, Figure for a chart, TOC with its links), in
 * reading order, so that a screen reader reads the report as the HTML
 * reads.  cairo 1.16 keeps a tag open across a page break and would put
 * the next page's running header inside it; so a paragraph or table that
 * breaks is ended before the break and continued as a new element after
 * it, and the header and footer, drawn with only the Document root open,
 * stay outside the tree.  What cairo cannot
 * write (language, /Alt of a figure, showing the title) pdf_ua.c adds.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "report/pdf_ua.h"
#include "styr/buf.h"

#define PAGE_W   595.276 /* A4 in points */
#define PAGE_H   841.890
#define MARGIN_X 56.7 /* 2 cm */
#define TOP      78.0
#define BOTTOM   (PAGE_H - 62.0)
#define TEXT_W   (PAGE_W - 2 * MARGIN_X)
#define PAD      3.0
#define TOC_LINE 15.0
#define FONT     "DejaVu Sans"

struct pdf {
	const struct doc *d;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *l, *hl; /* body text; header and footer */
	PangoFontDescription *fonts[6];
	bool draw;
	int page, total;
	double y;
	int *heading_page; /* per block: the page a heading starts on */
	struct table_size {
		double *w, *h; /* column widths; row heights, the header's last */
	} * sizes;             /* per block, measured in the first pass */
	double *heading_y;
	int outline_parent;
	const char *open_tag; /* a P or Table continued across a page break */
	const char **alts;    /* the charts' texts, in the order drawn */
	size_t nalts;
	const char **links; /* the table of contents' entries, in order */
	size_t nlinks;
	struct styr_buf scopes; /* each TH drawn: 'C' heads a column, 'R' a row */
};

enum { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_H2, F_TITLE };

static const struct {
	double size;
	bool bold;
} font_spec[] = {{9.5, false}, {9.5, true}, {8, false}, {8, true}, {14, true}, {22, true}};

/* Set the shared layout to text in font f, wrapped at width (<0: none). */
static PangoLayout *lay(struct pdf *p, const char *text, int f, double width, PangoAlignment align)
{
	pango_layout_set_font_description(p->l, p->fonts[f]);
	pango_layout_set_width(p->l, width < 0 ? -1 : (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(p->l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(p->l, align);
	pango_layout_set_ellipsize(p->l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_text(p->l, text, -1);
	return p->l;
}

static double lay_height(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double lay_width(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->l, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void show(struct pdf *p, double x, double y)
{
	if (!p->draw)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->l);
}

static void tag_begin(struct pdf *p, const char *name)
{
	if (p->draw)
		cairo_tag_begin(p->cr, name, "");
}

static void tag_end(struct pdf *p, const char *name)
{
	if (p->draw)
		cairo_tag_end(p->cr, name);
}

static void grey(struct pdf *p, double v)
{
	cairo_set_source_rgb(p->cr, v, v, v);
}

static void begin_page(struct pdf *p)
{
	PangoLayout *body = p->l;
	char num[48];

	p->page++;
	p->y = TOP;
	if (!p->draw)
		return;
	/* A page can start in the middle of a paragraph or a table: the
	 * header and footer get a layout of their own. */
	p->l = p->hl;
	if (p->d->mark) { /* the standing, on every page including the cover */
		cairo_set_source_rgb(p->cr, 0.7, 0.1, 0.1);
		lay(p, p->d->mark, F_SMALL, TEXT_W, PANGO_ALIGN_CENTER);
		show(p, MARGIN_X, 24);
	}
	grey(p, 0.3);
	if (p->page > 1) {
		lay(p, p->d->title, F_SMALL, TEXT_W / 2, PANGO_ALIGN_LEFT);
		pango_layout_set_ellipsize(p->l, PANGO_ELLIPSIZE_END);
		show(p, MARGIN_X, 40);
		lay(p, p->d->subtitle, F_SMALL, TEXT_W / 2, PANGO_ALIGN_RIGHT);
		pango_layout_set_ellipsize(p->l, PANGO_ELLIPSIZE_END);
		show(p, MARGIN_X + TEXT_W / 2, 40);
		cairo_set_line_width(p->cr, 0.5);
		cairo_move_to(p->cr, MARGIN_X, 54);
		cairo_line_to(p->cr, MARGIN_X + TEXT_W, 54);
		cairo_stroke(p->cr);
	}
	snprintf(num, sizeof(num), "%d (%d)", p->page, p->total);
	lay(p, num, F_SMALL, TEXT_W, PANGO_ALIGN_RIGHT);
	show(p, MARGIN_X, PAGE_H - 42);
	if (p->d->hash[0] && p->page > 1) { /* the cover says it in full */
		char label[96];

		doc_hash_label(p->d, label, sizeof(label));
		lay(p, label, F_SMALL, TEXT_W - 60, PANGO_ALIGN_LEFT);
		show(p, MARGIN_X, PAGE_H - 42);
	}
	grey(p, 0);
	p->l = body;
}

static void end_page(struct pdf *p)
{
	if (p->draw)
		cairo_show_page(p->cr);
}

static void new_page(struct pdf *p)
{
	const char *open = p->open_tag;

	if (open)
		tag_end(p, open);
	end_page(p);
	begin_page(p);
	if (open)
		tag_begin(p, open);
}

/* Make room for h points, moving to a new page when they do not fit. */
static void ensure(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > TOP)
		new_page(p);
}

/* A wrapped text, broken between lines where the page ends, tagged as
 * tag_name (a paragraph broken by a page is two P elements). */
static void flow_text(struct pdf *p, const char *text, int f, double gap_after,
                      const char *tag_name)
{
	PangoLayoutIter *it;
	bool first = true;

	lay(p, text, f, TEXT_W, PANGO_ALIGN_LEFT);
	it = pango_layout_get_iter(p->l);
	do {
		PangoRectangle r;
		int baseline = pango_layout_iter_get_baseline(it);
		double h;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		h = (double)r.height / PANGO_SCALE;
		ensure(p, h);
		if (first) {
			tag_begin(p, tag_name);
			p->open_tag = tag_name;
			first = false;
		}
		if (p->draw) {
			cairo_move_to(p->cr, MARGIN_X,
			              p->y + (double)(baseline - r.y) / PANGO_SCALE);
			pango_cairo_show_layout_line(p->cr,
			                             pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->open_tag = NULL;
	tag_end(p, tag_name);
	p->y += gap_after;
}

static const char *const heading_tags[] = {"H1", "H1", "H2", "H3", "H4", "H5", "H6"};

static const char *heading_tag(int level)
{
	return heading_tags[level < 1 ? 1 : level > 6 ? 6 : level];
}

static double block_need(struct pdf *p, size_t i, int depth);

/* A heading is kept with what follows it: with the first lines of a
 * paragraph, the caption, header and first row of a table, a whole chart,
 * or the next heading and what follows that. */
static double heading_need(struct pdf *p, size_t i, int depth)
{
	const struct doc_block *b = &p->d->blocks[i];
	double h;

	lay(p, b->text, b->level <= 2 ? F_H2 : F_BOLD, TEXT_W, PANGO_ALIGN_LEFT);
	h = lay_height(p) + (b->level <= 2 ? 20 : 5);
	return h + (i + 1 < p->d->nblocks ? block_need(p, i + 1, depth + 1) : 0);
}

static bool caption_shown(const struct doc *d, size_t i);
static int measure_table(struct pdf *p, size_t bi, const struct doc_table *t, struct styr_err *err);

static double block_need(struct pdf *p, size_t i, int depth)
{
	const struct doc_block *b = &p->d->blocks[i];
	double h;

	switch (b->kind) {
	case DOC_HEADING:
		return depth < 4 ? heading_need(p, i, depth) : 0;
	case DOC_PARAGRAPH: {
		PangoLayoutIter *it;
		PangoRectangle r;

		lay(p, b->text, F_BODY, TEXT_W, PANGO_ALIGN_LEFT);
		h = lay_height(p);
		it = pango_layout_get_iter(p->l);
		pango_layout_iter_get_line_extents(it, NULL, &r);
		pango_layout_iter_free(it);
		return fmin(h, 2.0 * r.height / PANGO_SCALE);
	}
	case DOC_TABLE:
		/* measured now or in the pass before; a failure shows later */
		if (measure_table(p, i, &b->table, NULL))
			return 0;
		h = p->sizes[i].h[b->table.nrows] + (b->table.nrows ? p->sizes[i].h[0] : 0);
		if (caption_shown(p->d, i)) {
			lay(p, b->table.caption, F_BOLD, TEXT_W, PANGO_ALIGN_LEFT);
			h += lay_height(p) + 4;
		}
		return h;
	case DOC_CHART:
		return chart_height(&b->chart, TEXT_W) + 8;
	}
	return 0;
}

static void heading(struct pdf *p, size_t i, const struct doc_block *b)
{
	int f = b->level <= 2 ? F_H2 : F_BOLD;
	double h, need = i + 1 < p->d->nblocks ? block_need(p, i + 1, 0) : 0;

	lay(p, b->text, f, TEXT_W, PANGO_ALIGN_LEFT);
	h = lay_height(p);
	/* Keep a heading with what follows it, unless that is more than a
	 * page can hold anyway. */
	if (h + 10 + need > BOTTOM - TOP)
		need = 60;
	ensure(p, h + 10 + need);
	if (b->level <= 2 && p->y > TOP)
		p->y += 10;
	lay(p, b->text, f, TEXT_W, PANGO_ALIGN_LEFT);
	p->heading_page[i] = p->page;
	p->heading_y[i] = p->y;
	tag_begin(p, heading_tag(b->level));
	if (p->draw) {
		char dest[64];

		/* the table of contents links here by name: cairo 1.16 writes
		 * no destination for a link given a page and position */
		snprintf(dest, sizeof(dest), "name='h%zu'", i);
		if (b->level <= 3)
			cairo_tag_begin(p->cr, CAIRO_TAG_DEST, dest);
		if (b->level <= 2)
			cairo_set_source_rgb(p->cr, 0, 0.35, 0.61);
		else
			grey(p, 0);
		show(p, MARGIN_X, p->y);
		if (b->level <= 3)
			cairo_tag_end(p->cr, CAIRO_TAG_DEST);
		snprintf(dest, sizeof(dest), "page=%d pos=[%.1f %.1f]", p->page, MARGIN_X, p->y);
		if (b->level <= 2)
			p->outline_parent = cairo_pdf_surface_add_outline(
			    p->surface, CAIRO_PDF_OUTLINE_ROOT, b->text, dest, 0);
		else
			cairo_pdf_surface_add_outline(p->surface, p->outline_parent, b->text, dest,
			                              0);
	}
	tag_end(p, heading_tag(b->level));
	if (p->draw && b->level <= 2) {
		/* the rule under it is no part of the heading: an artifact */
		cairo_set_line_width(p->cr, 1.2);
		cairo_move_to(p->cr, MARGIN_X, p->y + h + 2);
		cairo_line_to(p->cr, MARGIN_X + TEXT_W, p->y + h + 2);
		cairo_stroke(p->cr);
		grey(p, 0);
	}
	p->y += h + (b->level <= 2 ? 10 : 5);
}

static void cell_text(const struct doc_cell *c, char *buf, size_t size)
{
	const char *st =
	    c->has_status && c->status != STYR_STATUS_NO_TARGET ? doc_status_symbol(c->status) : "";
	const char *tr = c->has_trend ? doc_trend_symbol(c->trend) : "";

	snprintf(buf, size, "%s%s%s%s%s", st, *st ? " " : "", tr, *tr ? " " : "", c->text);
}

/* Column widths: each column's natural width, wide columns shrunk in
 * proportion to their excess when the table does not fit the page. */
static void column_widths(struct pdf *p, const struct doc_table *t, double *w, double *nat_w,
                          double *nat_h)
{
	double sum = 0, excess = 0, shrinkable = 0, min = 48;
	char buf[1024];
	size_t c, r;

	for (c = 0; c < t->ncols; c++) {
		lay(p, t->head[c], F_SMALL_BOLD, -1, PANGO_ALIGN_LEFT);
		w[c] = lay_width(p);
		for (r = 0; r < t->nrows; r++) {
			cell_text(&t->cells[r * t->ncols + c], buf, sizeof(buf));
			lay(p, buf, F_SMALL, -1, PANGO_ALIGN_LEFT);
			nat_w[r * t->ncols + c] = lay_width(p);
			nat_h[r * t->ncols + c] = lay_height(p);
			if (lay_width(p) > w[c])
				w[c] = lay_width(p);
		}
		w[c] += 2 * PAD + 1;
		sum += w[c];
	}
	if (sum <= TEXT_W) {
		w[0] += TEXT_W - sum; /* the row titles take what is left */
		return;
	}
	excess = sum - TEXT_W;
	for (c = 0; c < t->ncols; c++)
		if (w[c] > min)
			shrinkable += w[c] - min;
	for (c = 0; c < t->ncols; c++)
		if (w[c] > min)
			w[c] -= excess * (w[c] - min) / shrinkable;
}

/* One row of cells (head: the header row).  With known_h < 0 it is only
 * measured and its height returned; otherwise it is drawn that high. */
static double row(struct pdf *p, const struct doc_table *t, const double *w, size_t r, bool head,
                  double known_h)
{
	char buf[1024];
	double x = MARGIN_X, h = 0;
	size_t c;

	if (known_h >= 0) {
		if (!p->draw)
			return known_h;
		h = known_h;
		c = t->ncols; /* skip measuring */
	} else {
		c = 0;
	}
	for (; c < t->ncols; c++) {
		const struct doc_cell *cell = head ? NULL : &t->cells[r * t->ncols + c];

		if (head)
			lay(p, t->head[c], F_SMALL_BOLD, w[c] - 2 * PAD, PANGO_ALIGN_LEFT);
		else {
			cell_text(cell, buf, sizeof(buf));
			lay(p, buf, F_SMALL, w[c] - 2 * PAD,
			    cell->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		}
		if (lay_height(p) + 2 * PAD > h)
			h = lay_height(p) + 2 * PAD;
	}
	if (known_h < 0 || !p->draw)
		return h;
	tag_begin(p, "TR");
	for (c = 0; c < t->ncols; c++) {
		const struct doc_cell *cell = head ? NULL : &t->cells[r * t->ncols + c];

		if (head) {
			cairo_set_source_rgb(p->cr, 0.91, 0.93, 0.96);
			cairo_rectangle(p->cr, x, p->y, w[c], h);
			cairo_fill(p->cr);
			lay(p, t->head[c], F_SMALL_BOLD, w[c] - 2 * PAD, PANGO_ALIGN_LEFT);
		} else {
			if (cell->has_status && cell->status != STYR_STATUS_NO_TARGET) {
				double rgb[3];

				doc_status_rgb(cell->status, rgb);
				/* A light tint: the symbol and word carry the
				 * meaning, the colour only helps. */
				cairo_set_source_rgb(p->cr, 1 - (1 - rgb[0]) * 0.3,
				                     1 - (1 - rgb[1]) * 0.3,
				                     1 - (1 - rgb[2]) * 0.3);
				cairo_rectangle(p->cr, x, p->y, w[c], h);
				cairo_fill(p->cr);
			}
			cell_text(cell, buf, sizeof(buf));
			lay(p, buf, F_SMALL, w[c] - 2 * PAD,
			    cell->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		}
		/* Only the text is the cell's content: its shading and rules,
		 * drawn outside it, become artifacts (pdf_ua.c).  The header
		 * row heads the columns, each row's first cell its row, as in
		 * the HTML. */
		tag_begin(p, head || c == 0 ? "TH" : "TD");
		if (head || c == 0)
			styr_buf_add(&p->scopes, head ? "C" : "R", 1, NULL);
		grey(p, 0);
		show(p, x + PAD, p->y + PAD);
		tag_end(p, head || c == 0 ? "TH" : "TD");
		grey(p, 0.6);
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x, p->y, w[c], h);
		cairo_stroke(p->cr);
		x += w[c];
	}
	tag_end(p, "TR");
	grey(p, 0);
	return h;
}

/* A caption that repeats the heading just above it is not drawn again. */
static bool caption_shown(const struct doc *d, size_t i)
{
	return !(i > 0 && d->blocks[i - 1].kind == DOC_HEADING &&
	         !strcmp(d->blocks[i - 1].text, d->blocks[i].table.caption));
}

/* Column widths and row heights (the header's last) are measured in the
 * first pass and kept for the second, so the drawing pass shapes each
 * cell's text once. */
static int measure_table(struct pdf *p, size_t bi, const struct doc_table *t, struct styr_err *err)
{
	struct table_size *ts = &p->sizes[bi];
	double *nat_w, *nat_h;
	size_t r, c;

	if (ts->w)
		return STYR_OK;
	ts->w = calloc(t->ncols ? t->ncols : 1, sizeof(double));
	ts->h = calloc(t->nrows + 1, sizeof(double));
	if (!ts->w || !ts->h) {
		free(ts->w);
		free(ts->h);
		ts->w = ts->h = NULL;
		return styr_error(err, STYR_ENOMEM, "out of memory rendering a PDF");
	}
	nat_w = malloc((t->ncells ? t->ncells : 1) * sizeof(double));
	nat_h = malloc((t->ncells ? t->ncells : 1) * sizeof(double));
	if (!nat_w || !nat_h) {
		free(nat_w);
		free(nat_h);
		return styr_error(err, STYR_ENOMEM, "out of memory rendering a PDF");
	}
	column_widths(p, t, ts->w, nat_w, nat_h);
	/* A row whose cells all fit on one line is as high as its tallest
	 * line: only rows that wrap are laid out again at their widths. */
	for (r = 0; r < t->nrows; r++) {
		bool fits = true;
		double h = 0;

		for (c = 0; c < t->ncols && fits; c++) {
			fits = nat_w[r * t->ncols + c] <= ts->w[c] - 2 * PAD;
			h = nat_h[r * t->ncols + c] > h ? nat_h[r * t->ncols + c] : h;
		}
		ts->h[r] = fits ? h + 2 * PAD : row(p, t, ts->w, r, false, -1);
	}
	ts->h[t->nrows] = row(p, t, ts->w, 0, true, -1);
	free(nat_w);
	free(nat_h);
	return STYR_OK;
}

static int table(struct pdf *p, size_t bi, const struct doc_table *t, bool caption,
                 struct styr_err *err)
{
	const double *w, *h;
	double hh, rh;
	size_t r;
	int rc = measure_table(p, bi, t, err);

	if (rc)
		return rc;
	w = p->sizes[bi].w;
	h = p->sizes[bi].h;
	hh = h[t->nrows];
	rh = t->nrows ? h[0] : 0;
	/* Caption, header and the first row stay together. */
	lay(p, caption ? t->caption : "", F_BOLD, TEXT_W, PANGO_ALIGN_LEFT);
	ensure(p, (caption ? lay_height(p) + 4 : 0) + hh + rh);
	tag_begin(p, "Table");
	p->open_tag = "Table";
	if (caption) {
		lay(p, t->caption, F_BOLD, TEXT_W, PANGO_ALIGN_LEFT);
		tag_begin(p, "Caption");
		show(p, MARGIN_X, p->y);
		tag_end(p, "Caption");
		p->y += lay_height(p) + 4;
	}
	p->y += row(p, t, w, 0, true, hh);
	for (r = 0; r < t->nrows; r++) {
		if (p->y + h[r] > BOTTOM) {
			new_page(p);
			p->y += row(p, t, w, 0, true, hh); /* the header again */
		}
		p->y += row(p, t, w, r, false, h[r]);
	}
	p->open_tag = NULL;
	tag_end(p, "Table");
	p->y += 12;
	return STYR_OK;
}

static void chart(struct pdf *p, const struct doc_block *b)
{
	double h = chart_height(&b->chart, TEXT_W);

	ensure(p, h + 8);
	tag_begin(p, "Figure");
	if (p->draw) {
		chart_draw(p->cr, &b->chart, b->text, MARGIN_X, p->y, TEXT_W, h);
		p->alts[p->nalts++] = b->chart.alt;
	}
	tag_end(p, "Figure");
	p->y += h + 12;
}

/* The cover: title, unit, period, the decision when an approval recorded
 * one, and the data the report was made from; each line its own element,
 * in the order read. */
static void cover(struct pdf *p)
{
	char label[96], lines[DOC_COVER_LINES][DOC_COVER_LINE_MAX];
	size_t i, n;

	p->y = 220;
	lay(p, p->d->title, F_TITLE, TEXT_W, PANGO_ALIGN_LEFT);
	tag_begin(p, "H1");
	show(p, MARGIN_X, p->y);
	tag_end(p, "H1");
	p->y += lay_height(p) + 14;
	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0, 0.35, 0.61);
		cairo_set_line_width(p->cr, 2);
		cairo_move_to(p->cr, MARGIN_X, p->y);
		cairo_line_to(p->cr, MARGIN_X + TEXT_W, p->y);
		cairo_stroke(p->cr);
		grey(p, 0);
	}
	p->y += 16;
	lay(p, p->d->subtitle, F_H2, TEXT_W, PANGO_ALIGN_LEFT);
	tag_begin(p, "P");
	show(p, MARGIN_X, p->y);
	tag_end(p, "P");
	p->y += lay_height(p) + 8;
	n = doc_cover_lines(p->d, lines);
	for (i = 0; i < n; i++)
		flow_text(p, lines[i], F_BODY, 4, "P");
	if (p->d->hash[0]) {
		doc_hash_label(p->d, label, sizeof(label));
		flow_text(p, label, F_SMALL, 4, "P");
	}
}

/* The table of contents, on the page after the cover. */
static void front(struct pdf *p)
{
	size_t i;

	lay(p, "Innehåll", F_H2, TEXT_W, PANGO_ALIGN_LEFT);
	tag_begin(p, "H2");
	show(p, MARGIN_X, p->y);
	tag_end(p, "H2");
	p->y += lay_height(p) + 10;
	tag_begin(p, "TOC");
	p->open_tag = "TOC";
	for (i = 0; i < p->d->nblocks; i++) {
		const struct doc_block *b = &p->d->blocks[i];
		double indent = b->level <= 2 ? 0 : 14;
		char num[16];

		if (b->kind != DOC_HEADING || b->level > 3)
			continue;
		ensure(p, TOC_LINE);
		tag_begin(p, "TOCI");
		if (p->draw) {
			char dest[64];

			snprintf(dest, sizeof(dest), "dest='h%zu'", i);
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, dest);
			p->links[p->nlinks++] = b->text;
		}
		lay(p, b->text, b->level <= 2 ? F_BOLD : F_BODY, TEXT_W - indent - 40,
		    PANGO_ALIGN_LEFT);
		pango_layout_set_ellipsize(p->l, PANGO_ELLIPSIZE_END);
		show(p, MARGIN_X + indent, p->y);
		snprintf(num, sizeof(num), "%d", p->heading_page[i]);
		lay(p, num, F_BODY, 40, PANGO_ALIGN_RIGHT);
		show(p, MARGIN_X + TEXT_W - 40, p->y);
		if (p->draw)
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		tag_end(p, "TOCI");
		p->y += TOC_LINE;
	}
	p->open_tag = NULL;
	tag_end(p, "TOC");
}

static int flow(struct pdf *p, struct styr_err *err)
{
	size_t i;
	int rc = STYR_OK;

	p->page = 0;
	p->nalts = 0;
	p->nlinks = 0;
	styr_buf_reset(&p->scopes);
	begin_page(p);
	/* Content drawn with only Document open (the running header and
	 * footer) stays outside the tree: cairo marks only what is drawn
	 * inside an element below it. */
	tag_begin(p, "Document");
	cover(p);
	new_page(p);
	front(p);
	new_page(p);
	for (i = 0; i < p->d->nblocks && !rc; i++) {
		const struct doc_block *b = &p->d->blocks[i];

		switch (b->kind) {
		case DOC_HEADING:
			heading(p, i, b);
			break;
		case DOC_PARAGRAPH:
			flow_text(p, b->text, F_BODY, 7, "P");
			break;
		case DOC_TABLE:
			rc = table(p, i, &b->table, caption_shown(p->d, i), err);
			break;
		case DOC_CHART:
			chart(p, b);
			break;
		}
	}
	tag_end(p, "Document");
	end_page(p);
	return rc;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct styr_buf *b = closure;

	return styr_buf_add(b, data, len, NULL) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int doc_render_pdf(const struct doc *d, struct styr_buf *out, struct styr_err *err)
{
	struct pdf p;
	size_t i, start = out->len;
	int rc;

	memset(&p, 0, sizeof(p));
	styr_buf_init(&p.scopes, (size_t)64 << 20);
	p.d = d;
	p.heading_page = calloc(d->nblocks ? d->nblocks : 1, sizeof(int));
	p.heading_y = calloc(d->nblocks ? d->nblocks : 1, sizeof(double));
	p.sizes = calloc(d->nblocks ? d->nblocks : 1, sizeof(*p.sizes));
	p.alts = calloc(d->nblocks ? d->nblocks : 1, sizeof(*p.alts));
	p.links = calloc(d->nblocks ? d->nblocks : 1, sizeof(*p.links));
	if (!p.heading_page || !p.heading_y || !p.sizes || !p.alts || !p.links) {
		free(p.heading_page);
		free(p.heading_y);
		free(p.sizes);
		free(p.alts);
		free(p.links);
		return styr_error(err, STYR_ENOMEM, "out of memory rendering a PDF");
	}
	p.surface = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_AUTHOR,
	                               d->author ? d->author : "");
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_SUBJECT,
	                               d->subject ? d->subject : d->subtitle);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "styr");
	if (d->hash[0]) {
		char keywords[96];

		snprintf(keywords, sizeof(keywords), "Dataunderlag sha256:%s", d->hash);
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
	}
	if (d->created) {
		char when[32];
		struct tm tm;

		gmtime_r(&d->created, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_MOD_DATE, when);
	}
	p.cr = cairo_create(p.surface);
	p.l = pango_cairo_create_layout(p.cr);
	p.hl = pango_cairo_create_layout(p.cr);
	{
		/* No ligatures: "fl" drawn as one glyph is read back as "ﬂ",
		 * and a screen reader or a search should find "fler". */
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs, pango_attr_font_features_new("liga 0, clig 0"));
		pango_layout_set_attributes(p.l, attrs);
		pango_layout_set_attributes(p.hl, attrs);
		pango_attr_list_unref(attrs);
	}
	for (i = 0; i < sizeof(font_spec) / sizeof(font_spec[0]); i++) {
		p.fonts[i] = pango_font_description_from_string(FONT);
		pango_font_description_set_absolute_size(p.fonts[i],
		                                         font_spec[i].size * PANGO_SCALE);
		if (font_spec[i].bold)
			pango_font_description_set_weight(p.fonts[i], PANGO_WEIGHT_BOLD);
	}
	p.draw = false;
	rc = flow(&p, err);
	if (!rc) {
		p.total = p.page;
		p.draw = true;
		rc = flow(&p, err);
	}
	for (i = 0; i < sizeof(font_spec) / sizeof(font_spec[0]); i++)
		pango_font_description_free(p.fonts[i]);
	g_object_unref(p.l);
	g_object_unref(p.hl);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	if (!rc && cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS)
		rc = styr_error(err, out->len - start >= out->max - start ? STYR_ETOOBIG : STYR_EIO,
		                "writing the PDF failed: %s",
		                cairo_status_to_string(cairo_surface_status(p.surface)));
	cairo_surface_destroy(p.surface);
	if (!rc) {
		struct pdf_ua_texts texts = {p.alts,   p.nalts,       p.links,
		                             p.nlinks, p.scopes.data, p.scopes.len};

		rc = pdf_ua_update(out, start, "sv-SE", d->title, &texts, err);
	}
	for (i = 0; i < d->nblocks; i++) {
		free(p.sizes[i].w);
		free(p.sizes[i].h);
	}
	free(p.sizes);
	free(p.alts);
	free(p.links);
	styr_buf_release(&p.scopes);
	free(p.heading_page);
	free(p.heading_y);
	return rc;
}
