/*
 * Releasing the font caches.  Pango, cairo and fontconfig keep process-wide
 * caches of the fonts they have loaded (the first report pays for loading,
 * the next ones reuse them).  A short-lived program such as the CLI lets
 * them go when it is done, so that leak checkers see a clean exit and only
 * styr's own leaks would show; a server keeps them for its lifetime.
 */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "styr/report.h"

void styr_report_release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
