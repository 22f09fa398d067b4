/*
 * Columns of text tables for the terminal.  printf's widths count bytes,
 * but the tables hold åäö, the minus sign and no-break spaces of sv-SE
 * numbers, so cells are padded (and cut) by characters instead.
 */
#include <string.h>

#include "cli.h"

static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void cli_cell(const char *text, int width)
{
	int w = width < 0 ? -width : width;
	int n = (int)chars(text);

	if (n > w) { /* cut at a character, and say so */
		const char *p = text;
		int k = 0;

		while (*p && k < w - 1) {
			p++;
			while (((unsigned char)*p & 0xc0) == 0x80)
				p++;
			k++;
		}
		printf("%.*s…", (int)(p - text), text);
		return;
	}
	if (width < 0)
		printf("%s%*s", text, w - n, "");
	else
		printf("%*s%s", w - n, "", text);
}
