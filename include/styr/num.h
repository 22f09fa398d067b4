/*
 * Swedish numbers, as they stand in the seed documents and in what Excel in
 * sv-SE writes: decimal comma (sometimes a point: "41.1%"), space or no-break
 * space as thousands separator ("13 742"), hyphen, en dash or U+2212 as minus
 * ("–35,6", "- 6,6%"), an optional percent sign, "-" alone for a missing
 * value and "x" for a value suppressed for privacy.
 *
 * Every number read from input goes through styr_num_parse and every number
 * shown to a person through styr_num_format, so the rules live here once.
 *
 * Ownership: no function here allocates; output goes to caller buffers.
 */
#ifndef STYR_NUM_H
#define STYR_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum styr_num_kind {
	STYR_NUM_VALUE = 0,
	STYR_NUM_MISSING = 1,   /* "-", "–" or empty: no value */
	STYR_NUM_SUPPRESSED = 2 /* "x": withheld (too few cases) */
};

struct styr_num {
	enum styr_num_kind kind;
	double value; /* as printed: "41.1%" gives 41.1 */
	int decimals; /* digits after the decimal separator as printed */
	bool percent; /* a '%' followed the number */
};

/* Parse the whole of text (leading and trailing white space allowed).
 * On failure: STYR_EINPUT with a message such as
 *   value "8#,3": expected a number such as 83,8
 * to which the caller prefixes file, line and field.
 * A point is always the decimal separator ("1.234" is 1,234); thousands
 * groups must have three digits ("4445 1869" is two cells, refused); a
 * leading '+' is allowed; NULL text is missing.  "-0,0" gives +0. */
int styr_num_parse(const char *text, struct styr_num *out, struct styr_err *err);

/* Parse an amount in whole units (tkr) exactly, without floating point:
 * "-1 389" or "–1 389" gives -1389.  Decimals, '%', overflow of int64_t
 * and "-", "x" or empty (whose meaning in a ledger the caller must decide)
 * are refused with STYR_EINPUT; *out is then 0. */
int styr_amount_parse(const char *text, int64_t *out, struct styr_err *err);

/* Parse an amount exactly into öre, without floating point, given the
 * number of decimals that make one öre in the amount's unit: 2 for kr
 * ("-1 389,25" gives -138925), 5 for tkr ("-1 389" gives -138900000,
 * "12,34567" gives 1234567).  More decimals than that ("more decimals
 * than öre"), '%', overflow of int64_t and text that is no number are
 * refused with STYR_EINPUT naming the amount; *out_ore is then 0. */
int styr_amount_parse_ore(const char *text, int decimals, int64_t *out_ore, struct styr_err *err);

/* Format for people, sv-SE: "13 742", "60,0", "−1 389,1" with U+00A0 as
 * thousands separator and U+2212 as minus.  Returns the length written
 * (the output is always NUL-terminated and truncated to size).
 * Rounding is half away from zero on the decimal digits (2,675 → "2,68"),
 * a value that rounds to zero has no sign, decimals is clamped to 0..20,
 * truncation never splits a UTF-8 character, and NaN or ±inf gives "–".
 * Nothing is written when size is 0. */
size_t styr_num_format(char *buf, size_t size, double value, int decimals);

/* Format for interchange files: decimal comma, no thousands separator,
 * ASCII hyphen as minus: "-1389,1".  This is what Excel sv-SE reads back.
 * NaN or ±inf gives "" (an empty cell). */
size_t styr_num_format_plain(char *buf, size_t size, double value, int decimals);

/* Format a struct styr_num for people, "%" included, "x" and "–" for the
 * suppressed and missing kinds.  The percent sign follows a no-break
 * space: "83,8 %".  NULL gives "–". */
size_t styr_num_format_num(char *buf, size_t size, const struct styr_num *n);

#endif
