/*
 * pngdiff: compare two PNG images within a tolerance, for the tests that
 * render PDF pages with pdftoppm and hold them against reference images.
 * Exact equality would break on any change of font hinting or
 * anti-aliasing; what matters is that the page looks the same, so two
 * numbers are compared: the share of pixels that differ visibly (by more
 * than 64 of 255 in any channel) and the mean difference over all pixels.
 *
 *   pngdiff A.png B.png [MAX_SHARE_PERCENT [MAX_MEAN]]
 * Exit 0 when alike, 1 when not (with the numbers), 2 on bad input.
 */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

static cairo_surface_t *load(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pngdiff: %s: %s\n", path,
		        cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	return s;
}

int main(int argc, char **argv)
{
	cairo_surface_t *a, *b;
	double max_share = argc > 3 ? atof(argv[3]) : 1.0,
	       max_mean = argc > 4 ? atof(argv[4]) : 2.0;
	double sum = 0, share, mean;
	long differ = 0;
	int w, h, x, y, rc;

	if (argc < 3) {
		fprintf(stderr, "usage: pngdiff A.png B.png [MAX_SHARE_PERCENT [MAX_MEAN]]\n");
		return 2;
	}
	a = load(argv[1]);
	b = load(argv[2]);
	if (!a || !b)
		return 2;
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
		fprintf(stderr, "pngdiff: sizes differ: %dx%d and %dx%d\n", w, h,
		        cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
		return 1;
	}
	for (y = 0; y < h; y++) {
		const unsigned char *pa =
		    cairo_image_surface_get_data(a) + (size_t)y * cairo_image_surface_get_stride(a);
		const unsigned char *pb =
		    cairo_image_surface_get_data(b) + (size_t)y * cairo_image_surface_get_stride(b);

		for (x = 0; x < w * 4; x += 4) {
			int c, worst = 0;

			for (c = 0; c < 3; c++) {
				int d = abs(pa[x + c] - pb[x + c]);

				sum += d;
				worst = d > worst ? d : worst;
			}
			differ += worst > 64;
		}
	}
	share = 100.0 * (double)differ / ((double)w * h);
	mean = sum / ((double)w * h * 3);
	rc = share <= max_share && mean <= max_mean ? 0 : 1;
	printf("pngdiff: %.3f %% of pixels differ (max %.3f), mean difference %.3f (max %.3f)\n",
	       share, max_share, mean, max_mean);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return rc;
}
