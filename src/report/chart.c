/*
 * Charts for reports: the history of an indicator (a line per series with
 * the target as a dashed reference line), grouped bars (budget against
 * utfall per month, resultat per year) and the traffic-light overview of a
 * unit's indicators.
 *
 * One drawing routine lays a chart out and paints it through a painter, a
 * small table of operations (colour, rectangle, line, circle, text) with
 * two implementations: cairo, which gives vectors on a PDF page and the
 * pixels of a PNG, and SVG written by hand for HTML.  Hand-written SVG
 * keeps labels as real <text> (selectable, searchable, a few kilobytes per
 * chart) where cairo's SVG surface turns every glyph into an outline.  Both
 * painters measure text with pango in the report's font, so labels are
 * placed alike everywhere.  Numbers on axes go through styr_num_format, so
 * the charts speak Swedish like the tables, and every status lamp carries
 * its symbol as well as its colour.
 *
 * A value axis never exaggerates: bars start at zero, and a line chart
 * that zooms in on its values (an indicator moving between 80 and 84 %)
 * shows that its axis is broken with a zigzag at its foot.  Where there
 * are few bars each carries its value, so nobody has to read it off the
 * axis.
 */
#include <cairo.h>
#include <math.h>
#include <stdarg.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "report/doc.h"
#include "styr/buf.h"
#include "styr/num.h"

#define FONT           "DejaVu Sans"
#define BAR_LABELS_MAX 12 /* bars in a chart that still carry their values */

static const double palette[DOC_CHART_SERIES_MAX][3] = {
    {0.00, 0.35, 0.61}, {0.90, 0.49, 0.13}, {0.45, 0.45, 0.45}, {0.16, 0.60, 0.29}};

enum align { LEFT, CENTER, RIGHT };

struct painter {
	void (*rgb)(struct painter *p, double r, double g, double b);
	void (*rect)(struct painter *p, double x, double y, double w, double h);
	void (*line)(struct painter *p, double x0, double y0, double x1, double y1, double width,
	             bool dashed);
	void (*circle)(struct painter *p, double cx, double cy, double r);
	/* text with its top at y, aligned on x, cut with "…" at max_w (0:
	 * no limit); returns its width */
	double (*text)(struct painter *p, const char *s, double x, double y, double size, bool bold,
	               enum align a, double max_w);
	cairo_t *cr; /* cairo: where to paint; SVG: where to measure */
	double rgb_now[3];
	struct styr_buf *out; /* SVG */
	struct styr_err *err;
	int rc;
};

/* A layout of s in the chart font, ellipsized at max_w (0: no limit). */
static PangoLayout *layout(cairo_t *cr, const char *s, double size, bool bold, double max_w)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, s, -1);
	if (max_w > 0) {
		pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	return l;
}

static double layout_width(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* Draw text and return its width; cut with "…" at max_w (0: no limit). */
static double text(struct painter *p, const char *s, double x, double y, double size, bool bold,
                   enum align a, double max_w)
{
	return p->text(p, s, x, y, size, bold, a, max_w);
}

/* Where text of width w starts when aligned on x. */
static double start_x(double x, double w, enum align a)
{
	return a == LEFT ? x : a == CENTER ? x - w / 2 : x - w;
}

/* --- cairo --- */

static void c_rgb(struct painter *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
}

static void c_rect(struct painter *p, double x, double y, double w, double h)
{
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

static void c_line(struct painter *p, double x0, double y0, double x1, double y1, double width,
                   bool dashed)
{
	static const double dash[] = {4, 3};

	cairo_set_line_width(p->cr, width);
	cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(p->cr, dash, dashed ? 2 : 0, 0);
	cairo_move_to(p->cr, x0, y0);
	cairo_line_to(p->cr, x1, y1);
	cairo_stroke(p->cr);
	cairo_set_dash(p->cr, NULL, 0, 0);
}

static void c_circle(struct painter *p, double cx, double cy, double r)
{
	cairo_new_path(p->cr);
	cairo_arc(p->cr, cx, cy, r, 0, 2 * M_PI);
	cairo_fill(p->cr);
}

static double c_text(struct painter *p, const char *s, double x, double y, double size, bool bold,
                     enum align a, double max_w)
{
	PangoLayout *l = layout(p->cr, s, size, bold, max_w);
	double w = layout_width(l);

	if (max_w > 0 && w > max_w)
		w = max_w;
	cairo_move_to(p->cr, start_x(x, w, a), y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	return w;
}

static void cairo_painter(struct painter *p, cairo_t *cr)
{
	memset(p, 0, sizeof(*p));
	p->rgb = c_rgb;
	p->rect = c_rect;
	p->line = c_line;
	p->circle = c_circle;
	p->text = c_text;
	p->cr = cr;
}

/* --- SVG --- */

static void s_printf(struct painter *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void s_printf(struct painter *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (p->rc)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p->rc = styr_buf_puts(p->out, buf, p->err);
}

static void s_rgb(struct painter *p, double r, double g, double b)
{
	p->rgb_now[0] = r;
	p->rgb_now[1] = g;
	p->rgb_now[2] = b;
}

#define RGB(p)                                                                                     \
	(int)lround((p)->rgb_now[0] * 255), (int)lround((p)->rgb_now[1] * 255),                    \
	    (int)lround((p)->rgb_now[2] * 255)

static void s_rect(struct painter *p, double x, double y, double w, double h)
{
	s_printf(
	    p,
	    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%02x%02x%02x\"/>\n",
	    x, y, w, h, RGB(p));
}

static void s_line(struct painter *p, double x0, double y0, double x1, double y1, double width,
                   bool dashed)
{
	s_printf(p,
	         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%02x%02x%02x\" "
	         "stroke-width=\"%.1f\" stroke-linecap=\"round\"%s/>\n",
	         x0, y0, x1, y1, RGB(p), width, dashed ? " stroke-dasharray=\"4 3\"" : "");
}

static void s_circle(struct painter *p, double cx, double cy, double r)
{
	s_printf(p, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#%02x%02x%02x\"/>\n", cx, cy,
	         r, RGB(p));
}

/* SVG has no ellipsis of its own: drop characters until the text and "…"
 * fit, measured with pango as the cairo painter would draw it. */
static double s_text(struct painter *p, const char *s, double x, double y, double size, bool bold,
                     enum align a, double max_w)
{
	PangoLayout *l = layout(p->cr, s, size, bold, 0);
	double baseline = (double)pango_layout_get_baseline(l) / PANGO_SCALE, w;
	char cut[1024];
	size_t n = strlen(s);

	if (max_w > 0 && layout_width(l) > max_w && n < sizeof(cut) - 4) {
		memcpy(cut, s, n + 1);
		while (n > 0) {
			do
				n--;
			while (n > 0 && ((unsigned char)cut[n] & 0xC0) == 0x80);
			memcpy(cut + n, "…", sizeof("…"));
			pango_layout_set_text(l, cut, -1);
			if (layout_width(l) <= max_w)
				break;
		}
		s = cut;
	}
	w = layout_width(l);
	g_object_unref(l);
	s_printf(p, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\"%s fill=\"#%02x%02x%02x\">",
	         start_x(x, w, a), y + baseline, size, bold ? " font-weight=\"bold\"" : "", RGB(p));
	if (!p->rc)
		p->rc = styr_buf_html(p->out, s, p->err);
	s_printf(p, "</text>\n");
	return w;
}

/* --- the charts --- */

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

static void axes_and_data(struct painter *p, const struct doc_chart *c, double x, double y,
                          double w, double h)
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
	if (c->kind == DOC_CHART_BARS && c->ncats * c->nseries <= BAR_LABELS_MAX) {
		/* room for the values over (and under) the bars */
		double room = (hi - lo) * 0.1;

		hi += hi > 0 ? room : 0;
		lo -= lo < 0 ? room : 0;
	}
	step = nice_step(hi - lo, 4);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	tick_dec = step >= 1 ? 0 : (int)ceil(-log10(step));

	px = x + 52;
	pw = w - 56;
	ph = h - 34;
	for (v = lo; v <= hi + step / 2; v += step) {
		double yy = y + ph - (v - lo) / (hi - lo) * ph;

		p->rgb(p, 0.85, 0.85, 0.85);
		p->line(p, px, yy, px + pw, yy, 0.5, false);
		p->rgb(p, 0.25, 0.25, 0.25);
		fmt(c, v, tick_dec, label, sizeof(label));
		text(p, label, px - 4, yy - 5, 7.5, false, RIGHT, 0);
	}
	slot = c->ncats ? pw / c->ncats : pw;
	p->rgb(p, 0.25, 0.25, 0.25);
	for (i = 0; i < c->ncats; i++)
		text(p, c->cats[i], px + slot * (i + 0.5), y + ph + 3, 7.5, false, CENTER, slot);
#define YOF(val) (y + ph - ((val)-lo) / (hi - lo) * ph)
	if (lo > 0) {
		/* the axis does not start at zero: say so with a break */
		p->rgb(p, 1, 1, 1);
		p->rect(p, px - 5, y + ph - 9, 10, 6);
		p->rgb(p, 0.25, 0.25, 0.25);
		p->line(p, px - 5, y + ph - 4, px + 5, y + ph - 8, 1, false);
		p->line(p, px - 5, y + ph - 1, px + 5, y + ph - 5, 1, false);
	}
	for (s = 0; s < c->nseries; s++) {
		double prev_x = 0, prev_y = 0;
		bool pen = false;

		p->rgb(p, palette[s][0], palette[s][1], palette[s][2]);
		for (i = 0; i < c->ncats; i++) {
			double cx = px + slot * (i + 0.5);

			v = c->series[s].values[i];
			if (isnan(v)) {
				pen = false;
				continue;
			}
			if (c->kind == DOC_CHART_BARS) {
				double bw = slot * 0.8 / (c->nseries ? c->nseries : 1);
				double bx = px + slot * i + slot * 0.1 + bw * s;

				p->rect(p, bx, fmin(YOF(v), YOF(0)), bw * 0.92,
				        fabs(YOF(v) - YOF(0)));
				if (c->ncats * c->nseries <= BAR_LABELS_MAX) {
					/* few bars: each says its value, above it or,
					 * when negative, below it */
					fmt(c, v, c->decimals, label, sizeof(label));
					p->rgb(p, 0.1, 0.1, 0.1);
					text(p, label, bx + bw * 0.46,
					     v < 0 ? YOF(v) + 1 : YOF(v) - 10, 6.5, false, CENTER,
					     0);
					p->rgb(p, palette[s][0], palette[s][1], palette[s][2]);
				}
				continue;
			}
			if (pen)
				p->line(p, prev_x, prev_y, cx, YOF(v), 2, false);
			prev_x = cx;
			prev_y = YOF(v);
			pen = true;
		}
		if (c->kind != DOC_CHART_LINE)
			continue;
		for (i = 0; i < c->ncats; i++) {
			v = c->series[s].values[i];
			if (isnan(v))
				continue;
			p->circle(p, px + slot * (i + 0.5), YOF(v), 2.5);
			fmt(c, v, c->decimals, label, sizeof(label));
			text(p, label, px + slot * (i + 0.5), YOF(v) - 13, 7, false, CENTER, 0);
		}
	}
	if (c->has_ref) {
		p->rgb(p, 0.82, 0.17, 0.17);
		p->line(p, px, YOF(c->ref), px + pw, YOF(c->ref), 1.2, true);
	}
#undef YOF
	/* Legend: series, then the reference line. */
	{
		double lx = px, ly = y + h - 12;

		for (s = 0; s < c->nseries; s++) {
			p->rgb(p, palette[s][0], palette[s][1], palette[s][2]);
			p->rect(p, lx, ly + 2, 8, 8);
			p->rgb(p, 0.1, 0.1, 0.1);
			lx +=
			    12 + text(p, c->series[s].name, lx + 11, ly, 7.5, false, LEFT, 0) + 10;
		}
		if (c->has_ref && c->ref_label) {
			p->rgb(p, 0.82, 0.17, 0.17);
			p->rect(p, lx, ly + 5, 10, 1.5);
			p->rgb(p, 0.1, 0.1, 0.1);
			text(p, c->ref_label, lx + 13, ly, 7.5, false, LEFT, 0);
		}
	}
}

#define LAMP_ROW 15.0

static void status_lamps(struct painter *p, const struct doc_chart *c, double x, double y, double w)
{
	size_t i, per_col = (c->ncats + 1) / 2;
	double colw = w / 2;

	for (i = 0; i < c->ncats; i++) {
		enum styr_status st = c->status ? c->status[i] : STYR_STATUS_NO_TARGET;
		double cx = x + (i < per_col ? 0 : colw) + 7;
		double cy = y + (double)(i % (per_col ? per_col : 1)) * LAMP_ROW + 7;
		double rgb[3];

		doc_status_rgb(st, rgb);
		p->rgb(p, rgb[0], rgb[1], rgb[2]);
		p->circle(p, cx, cy, 6);
		if (st == STYR_STATUS_NO_TARGET || st == STYR_STATUS_NEAR)
			p->rgb(p, 0, 0, 0);
		else
			p->rgb(p, 1, 1, 1);
		text(p, doc_status_symbol(st), cx, cy - 5, 8, true, CENTER, 0);
		p->rgb(p, 0.1, 0.1, 0.1);
		text(p, c->cats[i], cx + 10, cy - 5, 7.5, false, LEFT, colw - 24);
	}
}

double chart_height(const struct doc_chart *c, double w)
{
	if (c->kind == DOC_CHART_STATUS)
		return 22 + (double)((c->ncats + 1) / 2) * LAMP_ROW;
	return floor(fmin(w * 0.42, 210));
}

static void draw(struct painter *p, const struct doc_chart *c, const char *title, double x,
                 double y, double w, double h)
{
	p->rgb(p, 0.1, 0.1, 0.1);
	text(p, title, x, y, 9.5, true, LEFT, w);
	if (c->kind == DOC_CHART_STATUS)
		status_lamps(p, c, x, y + 18, w);
	else
		axes_and_data(p, c, x, y + 18, w, h - 18);
}

void chart_draw(cairo_t *cr, const struct doc_chart *c, const char *title, double x, double y,
                double w, double h)
{
	struct painter p;

	cairo_save(cr);
	cairo_painter(&p, cr);
	draw(&p, c, title, x, y, w, h);
	cairo_restore(cr);
}

int chart_svg(const struct doc_chart *c, const char *title, double w, double h,
              struct styr_buf *out, struct styr_err *err)
{
	/* Text is measured on a scratch surface; nothing is drawn there. */
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	struct painter p;

	memset(&p, 0, sizeof(p));
	p.rgb = s_rgb;
	p.rect = s_rect;
	p.line = s_line;
	p.circle = s_circle;
	p.text = s_text;
	p.cr = cairo_create(scratch);
	p.out = out;
	p.err = err;
	s_printf(&p, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"");
	if (!p.rc)
		p.rc = styr_buf_html(out, c->alt, err);
	s_printf(&p, "\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n", w, h, w, h);
	draw(&p, c, title, 0, 0, w, h);
	s_printf(&p, "</svg>");
	cairo_destroy(p.cr);
	cairo_surface_destroy(scratch);
	return p.rc;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	struct styr_buf *b = closure;

	return styr_buf_add(b, data, len, NULL) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
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
