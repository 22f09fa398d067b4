/* Text helpers shared by the number and period parsers. */
#include <string.h>

#include "base/text.h"

const char *const text_spaces[] = {" ",  "\t",       "\n",           "\r",           "\v",
                                   "\f", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89", NULL};

void text_quote(char dst[TEXT_QUOTE_SIZE], const char *s, size_t len)
{
	size_t n = len;
	size_t i;

	if (n > TEXT_QUOTE_MAX) {
		n = TEXT_QUOTE_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		dst[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
	dst[n] = '\0';
	if (n < len)
		strcat(dst, "\xe2\x80\xa6"); /* U+2026 ellipsis */
}
