/*
 * Charts for reports, drawn with cairo: the history of an indicator (a line
 * per series with the target as a dashed reference line), grouped bars
 * (budget against utfall per month, resultat per year) and the
 * traffic-light overview of a unit's indicators.
 *
 * One drawing routine paints into any cairo context, so the same picture
 * becomes vectors on a PDF page, an SVG element inlined in HTML or a PNG.
 * Text goes through pango so that labels use the report's font and are
 * embedded with it.  Numbers on axes go through styr_num_format, so the
 * charts speak Swedish like the tables.  Every status lamp carries its
 * symbol as well as its colour.
 */
#include <cairo-svg.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "report/doc.h"
#include "styr/buf.h"
#include "styr/num.h"

#define FONT "DejaVu Sans"

static const double palette[DOC_CHART_SERIES_MAX][3] = {
    {0.00, 0.35, 0.61}, {0.90, 0.49, 0.13}, {0.45, 0.45, 0.45}, {0.16, 0.60, 0.29}};

enum align { LEFT, CENTER, RIGHT };

/* Draw text with its top at y, aligned on x, cut with an ellipsis at
 * max_w (0: no limit); returns its width. */
static double text_max(cairo_t *cr, const char *s, double x, double y, double size, bool bold,
                       enum align a, double max_w)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	int w, h;

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s, -1);
	if (max_w > 0) {
		pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(cr,
	              a == LEFT     ? x
	              : a == CENTER ? x - w / 2.0 / PANGO_SCALE
	                            : x - (double)w / PANGO_SCALE,
	              y);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

static double text(cairo_t *cr, const char *s, double x, double y, double size, bool bold,
                   enum align a)
{
	return text_max(cr, s, x, y, size, bold, a, 0);
}

/* A step of 1, 2 or 5 times a power of ten giving about n intervals. */
static double nice_step(double range, int n)
{
	double raw = range / n, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void fmt(const struct doc_chart *c, double v, int decimals, char *buf, size_t size)
{
	size_t n = styr_num_format(buf, size, v, decimals);

	if (c->percent && n + 4 < size)
		snprintf(buf + n, size - n, "\u00a0%%");
}

static void axes_and_data(cairo_t *cr, const struct doc_chart *c, double x, double y, double w,
                          double h)
{
	double lo = 0, hi = 0, step, v, px, pw, ph, slot;
	bool any = false;
	size_t s, i;
	char label[64];
	int tick_dec;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->ncats; i++) {
			v = c->series[s].values[i];
			if (isnan(v))
				continue;
			lo = any ? fmin(lo, v) : v;
			hi = any ? fmax(hi, v) : v;
			any = true;
		}
	if (c->has_ref) {
		lo = any ? fmin(lo, c->ref) : c->ref;
		hi = any ? fmax(hi, c->ref) : c->ref;
		any = true;
	}
	/* Bars start at zero; lines zoom in on their values. */
	if (c->kind == DOC_CHART_BARS || !any || lo <= 0) {
		lo = fmin(lo, 0);
		hi = fmax(hi, 0);
	} else {
		lo = fmax(0, lo - (hi - lo) * 0.25 - 1e-9);
	}
	if (hi - lo < 1e-9)
		hi = lo + 1;
	step = nice_step(hi - lo, 4);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	tick_dec = step >= 1 ? 0 : (int)ceil(-log10(step));

	px = x + 52;
	pw = w - 56;
	ph = h - 34;
	cairo_set_line_width(cr, 0.5);
	for (v = lo; v <= hi + step / 2; v += step) {
		double yy = y + ph - (v - lo) / (hi - lo) * ph;

		cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
		cairo_move_to(cr, px, yy);
		cairo_line_to(cr, px + pw, yy);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		fmt(c, v, tick_dec, label, sizeof(label));
		text(cr, label, px - 4, yy - 5, 7.5, false, RIGHT);
	}
	slot = c->ncats ? pw / c->ncats : pw;
	for (i = 0; i < c->ncats; i++) {
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		text(cr, c->cats[i], px + slot * (i + 0.5), y + ph + 3, 7.5, false, CENTER);
	}
#define YOF(val) (y + ph - ((val)-lo) / (hi - lo) * ph)
	for (s = 0; s < c->nseries; s++) {
		const double *col = palette[s];
		bool pen = false;

		cairo_set_source_rgb(cr, col[0], col[1], col[2]);
		for (i = 0; i < c->ncats; i++) {
			v = c->series[s].values[i];
			if (c->kind == DOC_CHART_BARS) {
				double bw = slot * 0.8 / (c->nseries ? c->nseries : 1);
				double bx = px + slot * i + slot * 0.1 + bw * s;

				if (isnan(v))
					continue;
				cairo_rectangle(cr, bx, fmin(YOF(v), YOF(0)), bw * 0.92,
				                fabs(YOF(v) - YOF(0)));
				cairo_fill(cr);
				continue;
			}
			if (isnan(v)) {
				pen = false;
				continue;
			}
			if (pen)
				cairo_line_to(cr, px + slot * (i + 0.5), YOF(v));
			else
				cairo_move_to(cr, px + slot * (i + 0.5), YOF(v));
			pen = true;
		}
		if (c->kind == DOC_CHART_LINE) {
			cairo_set_line_width(cr, 2);
			cairo_stroke(cr);
			for (i = 0; i < c->ncats; i++) {
				v = c->series[s].values[i];
				if (isnan(v))
					continue;
				cairo_new_path(cr);
				cairo_arc(cr, px + slot * (i + 0.5), YOF(v), 2.5, 0, 2 * M_PI);
				cairo_fill(cr);
				fmt(c, v, c->decimals, label, sizeof(label));
				text(cr, label, px + slot * (i + 0.5), YOF(v) - 13, 7, false,
				     CENTER);
			}
		}
	}
	if (c->has_ref) {
		static const double dash[] = {4, 3};

		cairo_set_source_rgb(cr, 0.82, 0.17, 0.17);
		cairo_set_line_width(cr, 1.2);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, px, YOF(c->ref));
		cairo_line_to(cr, px + pw, YOF(c->ref));
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
#undef YOF
	/* Legend: series, then the reference line. */
	{
		double lx = px, ly = y + h - 12;

		for (s = 0; s < c->nseries; s++) {
			cairo_set_source_rgb(cr, palette[s][0], palette[s][1], palette[s][2]);
			cairo_rectangle(cr, lx, ly + 2, 8, 8);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			lx += 12 + text(cr, c->series[s].name, lx + 11, ly, 7.5, false, LEFT) + 10;
		}
		if (c->has_ref && c->ref_label) {
			cairo_set_source_rgb(cr, 0.82, 0.17, 0.17);
			cairo_rectangle(cr, lx, ly + 5, 10, 1.5);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			text(cr, c->ref_label, lx + 13, ly, 7.5, false, LEFT);
		}
	}
}

#define LAMP_ROW 15.0

static void status_lamps(cairo_t *cr, const struct doc_chart *c, double x, double y, double w)
{
	size_t i, per_col = (c->ncats + 1) / 2;
	double colw = w / 2;

	for (i = 0; i < c->ncats; i++) {
		enum styr_status st = c->status ? c->status[i] : STYR_STATUS_NO_TARGET;
		double cx = x + (i < per_col ? 0 : colw) + 7;
		double cy = y + (double)(i % (per_col ? per_col : 1)) * LAMP_ROW + 7;
		double rgb[3];

		doc_status_rgb(st, rgb);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_new_path(cr);
		cairo_arc(cr, cx, cy, 6, 0, 2 * M_PI);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		if (st == STYR_STATUS_NO_TARGET || st == STYR_STATUS_NEAR)
			cairo_set_source_rgb(cr, 0, 0, 0);
		text(cr, doc_status_symbol(st), cx, cy - 5, 8, true, CENTER);
		cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
		text_max(cr, c->cats[i], cx + 10, cy - 5, 7.5, false, LEFT, colw - 24);
	}
}

double chart_height(const struct doc_chart *c, double w)
{
	if (c->kind == DOC_CHART_STATUS)
		return 22 + (double)((c->ncats + 1) / 2) * LAMP_ROW;
	return floor(fmin(w * 0.42, 210));
}

void chart_draw(cairo_t *cr, const struct doc_chart *c, const char *title, double x, double y,
                double w, double h)
{
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	text_max(cr, title, x, y, 9.5, true, LEFT, w);
	if (c->kind == DOC_CHART_STATUS)
		status_lamps(cr, c, x, y + 18, w);
	else
		axes_and_data(cr, c, x, y + 18, w, h - 18);
	cairo_restore(cr);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct styr_buf *b = closure;

	return styr_buf_add(b, data, len, NULL) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Copy cairo's SVG into out: without the XML prologue, with every id and
 * reference to one prefixed, and with role and label on the root. */
static int inline_svg(const char *svg, const char *id, const char *alt, struct styr_buf *out,
                      struct styr_err *err)
{
	static const char *const refs[] = {"id=\"", "href=\"#", "url(#"};
	const char *p = strstr(svg, "<svg");
	int rc = STYR_OK;
	size_t k;

	if (!p)
		return styr_error(err, STYR_EIO, "cairo wrote no SVG element");
	rc = styr_buf_puts(out, "<svg role=\"img\" aria-label=\"", err);
	if (!rc)
		rc = styr_buf_html(out, alt, err);
	if (!rc)
		rc = styr_buf_puts(out, "\"", err);
	/* The root's width and height in CSS pixels, not "480pt": HTML wants
	 * plain numbers, and the viewBox keeps the drawing's own units. */
	for (p += 4; *p && *p != '>' && !rc; p++) {
		if (!strncmp(p, "pt\"", 3)) {
			rc = styr_buf_puts(out, "\"", err);
			p += 2;
		} else {
			rc = styr_buf_add(out, p, 1, err);
		}
	}
	while (*p && !rc) {
		for (k = 0; k < sizeof(refs) / sizeof(refs[0]); k++) {
			size_t n = strlen(refs[k]);

			if (!strncmp(p, refs[k], n)) {
				rc = styr_buf_add(out, p, n, err);
				if (!rc)
					rc = styr_buf_printf(out, err, "%s-", id);
				p += n;
				break;
			}
		}
		if (k == sizeof(refs) / sizeof(refs[0]) && !rc) {
			const char *next = p + 1;

			while (*next && *next != 'i' && *next != 'h' && *next != 'u')
				next++;
			rc = styr_buf_add(out, p, (size_t)(next - p), err);
			p = next;
		}
	}
	return rc;
}

int chart_svg(const struct doc_chart *c, const char *title, const char *id, double w, double h,
              struct styr_buf *out, struct styr_err *err)
{
	struct styr_buf raw;
	cairo_surface_t *s;
	cairo_t *cr;
	int rc;

	styr_buf_init(&raw, out->max);
	s = cairo_svg_surface_create_for_stream(to_buf, &raw, w, h);
	cr = cairo_create(s);
	chart_draw(cr, c, title, 0, 0, w, h);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS
	         ? STYR_OK
	         : styr_error(err, STYR_EIO, "drawing the chart \"%s\" as SVG failed: %s", title,
	                      cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_destroy(s);
	if (!rc)
		rc = inline_svg(raw.data ? raw.data : "", id, c->alt, out, err);
	styr_buf_release(&raw);
	return rc;
}

int chart_png(const struct doc_chart *c, const char *title, double w, double h,
              struct styr_buf *out, struct styr_err *err)
{
	/* Two pixels per point: sharp on screens and in print. */
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * 2), (int)(h * 2));
	cairo_t *cr = cairo_create(s);
	cairo_status_t st;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, 2, 2);
	chart_draw(cr, c, title, 0, 0, w, h);
	cairo_destroy(cr);
	st = cairo_surface_write_to_png_stream(s, to_buf, out);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return styr_error(err, STYR_EIO, "writing the chart \"%s\" as PNG failed: %s",
		                  title, cairo_status_to_string(st));
	return STYR_OK;
}
