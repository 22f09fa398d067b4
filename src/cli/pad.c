/*
 * Padding and cutting text by characters for the CLI's tables; see pad.h.
 * A UTF-8 continuation byte (10xxxxxx) never starts a character, so
 * counting the bytes that are not continuations counts characters.
 */
#include "pad.h"

static int emit(FILE *out, const char *s, int max)
{
	int n = 0;

	for (; *s; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80) {
			if (n == max)
				break;
			n++;
		}
		fputc(*s, out);
	}
	return n;
}

void cli_pad(FILE *out, const char *s, int width)
{
	int n = emit(out, s, width);

	for (; n < width; n++)
		fputc(' ', out);
}

void cli_cut(FILE *out, const char *s, int max)
{
	emit(out, s, max);
}
