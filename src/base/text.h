/*
 * Small text helpers shared by the parsers of src/base: Swedish text in the
 * seeds writes spaces, dashes and minus signs in several Unicode spellings,
 * and every parser must accept all of them alike.
 */
#ifndef STYR_BASE_TEXT_H
#define STYR_BASE_TEXT_H

#include <stddef.h>

/* White space as it occurs in table cells: ASCII space and controls,
 * no-break space, narrow no-break space and thin space. */
extern const char *const text_spaces[];

/* Length of the member of the NULL-terminated set that s starts with, or 0.
 * Parsers call this for every character, so members whose first byte
 * differs are passed over without a string comparison. */
static inline size_t text_match(const char *s, const char *const *set)
{
	for (; *set; set++) {
		size_t n = 0;

		if (s[0] != (*set)[0])
			continue;
		while ((*set)[n] && s[n] == (*set)[n])
			n++;
		if (!(*set)[n])
			return n;
	}
	return 0;
}

/* Bad input repeated in an error message: at most TEXT_QUOTE_MAX bytes,
 * cut on a UTF-8 character boundary (with an ellipsis), control characters
 * (a newline from a split table cell) turned into spaces so that the
 * message stays on one line. */
#define TEXT_QUOTE_MAX  60
#define TEXT_QUOTE_SIZE (TEXT_QUOTE_MAX + 4)
void text_quote(char dst[TEXT_QUOTE_SIZE], const char *s, size_t len);

#endif
