/*
 * Swedish numbers.  The figures styr reads were typed by people or printed
 * by Excel in sv-SE and then flattened into text, so one value may arrive as
 * "13 742" (with a space or a no-break space), "–1 389,1" (en dash),
 * "- 6,6%" or "41.1%".  This file is the only place that knows those spellings; the rest
 * of styr sees a struct styr_num or an int64_t.
 *
 * The reader is a hand-written scanner rather than strtod() for two reasons:
 * strtod() follows the process locale (a server that calls setlocale() would
 * start reading "60,0" as 60), and it accepts forms no Swedish table contains
 * ("1e5", "0x1p3", "inf").  Digits are gathered into an exact integer
 * mantissa and divided by a power of ten once, which gives the correctly
 * rounded double, and lets amounts in tkr stay exact integers throughout.
 *
 * The writer rounds the way a person (and Excel) does: half away from zero
 * on the decimal digits as printed, so 2,675 to two decimals is "2,68" even
 * though the nearest double lies just below.  It goes through the
 * 15-significant-digit decimal form of the value, which no binary rounding
 * noise survives, and it never prints "−0".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "styr/num.h"

#define NBSP    "\xc2\xa0"     /* U+00A0 NO-BREAK SPACE */
#define MINUS   "\xe2\x88\x92" /* U+2212 MINUS SIGN */
#define EN_DASH "\xe2\x80\x93" /* U+2013 EN DASH */

/* Swedish text uses all three as a minus sign, and all three alone in a cell
 * mean "no value". */
static const char *const minus_signs[] = {"-", EN_DASH, MINUS, NULL};

/* Thousands separators: what Word, Excel sv-SE and typographers use. */
static const char *const group_seps[] = {" ", NBSP, "\xe2\x80\xaf", "\xe2\x80\x89", NULL};

static const char *skip_spaces(const char *s)
{
	size_t n;

	while ((n = text_match(s, text_spaces)) > 0)
		s += n;
	return s;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The part of text between leading and trailing white space. */
static void trim(const char *text, const char **start, size_t *len)
{
	const char *s = skip_spaces(text);
	const char *end = s;
	const char *p = s;

	while (*p) {
		const char *q = skip_spaces(p);

		if (q == p) {
			p++;
			end = p;
		} else {
			p = q;
		}
	}
	*start = s;
	*len = (size_t)(end - s);
}

/* What the scanner found.  mantissa holds every digit, integer and
 * fraction, as one exact integer: "1 389,1" is 13891 with 1 decimal. */
struct lexed {
	bool negative;
	bool point; /* a decimal separator was present */
	bool percent;
	bool overflow; /* more digits than a uint64_t holds */
	uint64_t mantissa;
	int decimals;
};

static bool add_digit(struct lexed *lx, char c)
{
	unsigned d = (unsigned)(c - '0');

	if (lx->mantissa > (UINT64_MAX - d) / 10) {
		lx->overflow = true;
		return false;
	}
	lx->mantissa = lx->mantissa * 10 + d;
	return true;
}

/* Three digits and then no further digit: one thousands group. */
static bool is_group(const char *s)
{
	return is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && !is_digit(s[3]);
}

/*
 * Scan [s, s+len): sign, digits in groups of three, decimal part, '%'.
 * The grouping rule is strict ("13 742" but not "137 42" or "1374 2") so that
 * two cells run together by the text extraction ("4445 1869") are refused
 * rather than read as one number.  Returns false for anything else.
 */
static bool lex(const char *s, size_t len, struct lexed *lx)
{
	char tmp[128];
	const char *p;
	size_t n;
	int lead = 0;

	memset(lx, 0, sizeof(*lx));
	/* Work on a NUL-terminated copy so that the scanner can look ahead
	 * without tracking the end; longer input is not a number anyway. */
	if (len >= sizeof(tmp))
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	p = tmp;

	if ((n = text_match(p, minus_signs)) > 0) {
		lx->negative = true;
		p = skip_spaces(p + n); /* "- 6,6%" */
	} else if (*p == '+') {
		p = skip_spaces(p + 1);
	}
	if (!is_digit(*p))
		return false;
	while (is_digit(*p)) {
		add_digit(lx, *p++);
		lead++;
	}
	while ((n = text_match(p, group_seps)) > 0 && is_group(p + n)) {
		if (lead > 3)
			return false;
		p += n;
		for (int i = 0; i < 3; i++)
			add_digit(lx, *p++);
	}
	if (*p == ',' || *p == '.') {
		p++;
		if (!is_digit(*p))
			return false;
		lx->point = true;
		while (is_digit(*p)) {
			add_digit(lx, *p++);
			lx->decimals++;
		}
	}
	p = skip_spaces(p);
	if (*p == '%') {
		lx->percent = true;
		p = skip_spaces(p + 1);
	}
	return *p == '\0';
}

/* Exact powers of ten: every one up to 1e22 is representable in a double, so
 * mantissa / 10^d is a single correctly rounded division. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define POW10_MAX ((int)(sizeof(pow10_exact) / sizeof(pow10_exact[0])) - 1)

int styr_num_parse(const char *text, struct styr_num *out, struct styr_err *err)
{
	char q[TEXT_QUOTE_SIZE];
	struct lexed lx;
	const char *s;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (!text) {
		out->kind = STYR_NUM_MISSING;
		return STYR_OK;
	}
	trim(text, &s, &len);
	if (len == 0 || text_match(s, minus_signs) == len) {
		out->kind = STYR_NUM_MISSING;
		return STYR_OK;
	}
	if (len == 1 && (*s == 'x' || *s == 'X')) {
		out->kind = STYR_NUM_SUPPRESSED;
		return STYR_OK;
	}
	text_quote(q, s, len);
	if (!lex(s, len, &lx))
		return styr_error(err, STYR_EINPUT, "value \"%s\": expected a number such as 83,8",
		                  q);
	if (lx.overflow || lx.decimals > POW10_MAX)
		return styr_error(err, STYR_EINPUT,
		                  "value \"%s\": too many digits, expected a number such as 83,8",
		                  q);
	out->kind = STYR_NUM_VALUE;
	out->value = (double)lx.mantissa / pow10_exact[lx.decimals];
	/* "-0,0" is zero; a negative zero would print as "−0" later. */
	if (lx.negative && lx.mantissa != 0)
		out->value = -out->value;
	out->decimals = lx.decimals;
	out->percent = lx.percent;
	return STYR_OK;
}

int styr_amount_parse(const char *text, int64_t *out, struct styr_err *err)
{
	char q[TEXT_QUOTE_SIZE];
	struct lexed lx;
	const char *s;
	size_t len;

	*out = 0;
	trim(text ? text : "", &s, &len);
	text_quote(q, s, len);
	/* "-" or "x" in an amount column has no agreed meaning (zero? unknown?),
	 * so the importer has to decide, not this function. */
	if (!lex(s, len, &lx))
		return styr_error(err, STYR_EINPUT,
		                  "amount \"%s\": expected an amount such as -1 389", q);
	if (lx.percent)
		return styr_error(
		    err, STYR_EINPUT,
		    "amount \"%s\": expected an amount such as -1 389, not a percentage", q);
	if (lx.point)
		return styr_error(
		    err, STYR_EINPUT,
		    "amount \"%s\": expected a whole number without decimals, such as -1 389", q);
	/* The magnitude of INT64_MIN is one more than INT64_MAX. */
	if (lx.overflow || lx.mantissa > (uint64_t)INT64_MAX + (lx.negative ? 1u : 0u))
		return styr_error(
		    err, STYR_EINPUT,
		    "amount \"%s\": too large, the limit is 9 223 372 036 854 775 807", q);
	if (lx.negative)
		*out = lx.mantissa == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)lx.mantissa;
	else
		*out = (int64_t)lx.mantissa;
	return STYR_OK;
}

int styr_amount_parse_ore(const char *text, int decimals, int64_t *out_ore, struct styr_err *err)
{
	char q[TEXT_QUOTE_SIZE];
	struct lexed lx;
	const char *s;
	size_t len;
	uint64_t m;
	int i;

	*out_ore = 0;
	trim(text ? text : "", &s, &len);
	text_quote(q, s, len);
	if (!lex(s, len, &lx))
		return styr_error(err, STYR_EINPUT,
		                  "amount \"%s\": expected an amount such as -1 389,25", q);
	if (lx.percent)
		return styr_error(
		    err, STYR_EINPUT,
		    "amount \"%s\": expected an amount such as -1 389,25, not a percentage", q);
	if (lx.decimals > decimals)
		return styr_error(
		    err, STYR_EINPUT,
		    "amount \"%s\": more decimals than öre: at most %d decimals in %s", q, decimals,
		    decimals == 2 ? "kr" : "tkr");
	m = lx.mantissa;
	for (i = lx.decimals; i < decimals && !lx.overflow; i++) {
		if (m > UINT64_MAX / 10)
			lx.overflow = true;
		m *= 10;
	}
	if (lx.overflow || m > (uint64_t)INT64_MAX)
		return styr_error(
		    err, STYR_EINPUT,
		    "amount \"%s\": too large, the limit is 92 233 720 368 547 758,07 kr", q);
	*out_ore = lx.negative ? -(int64_t)m : (int64_t)m;
	return STYR_OK;
}

/* Copy s into buf, truncating on a UTF-8 character boundary so that a short
 * buffer never ends in half a no-break space.  Returns the bytes written. */
static size_t put(char *buf, size_t size, const char *s)
{
	size_t n = strlen(s);

	if (size == 0)
		return 0;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return n;
}

/* More would only print zeros the double never held. */
#define DECIMALS_MAX 20
/* A double has at most 309 integer digits; room for those with separators. */
#define FORMAT_MAX 800

/*
 * Write |value| rounded half away from zero to decimals places as digits
 * into digits[] (no separator), at least decimals + 1 of them.  Returns the
 * number of digits.
 */
static int round_digits(double value, int decimals, char *digits)
{
	char e[40];
	char sig[sizeof(e)];
	const char *epos;
	int nsig = 0;
	int exp10;
	int keep;
	int n = 0;
	int start;

	/* A whole number of at most 15 digits (every tkr figure of a table)
	 * is exact in a double and has no more digits than %.14e keeps: its
	 * digits as an integer's, without the cost of formatting a double. */
	if (decimals == 0 && fabs(value) < 1e15 && value == floor(value)) {
		unsigned long long v = (unsigned long long)fabs(value);
		char rev[16];
		int r = 0;

		do
			rev[r++] = (char)('0' + v % 10);
		while ((v /= 10));
		while (r)
			digits[n++] = rev[--r];
		digits[n] = '\0';
		return n;
	}
	/* %.14e gives 15 significant digits, enough to recover the decimal
	 * text the value was parsed from and few enough to hide binary noise. */
	snprintf(e, sizeof(e), "%.14e", fabs(value));
	/* The radix character follows the locale, so the digits before the
	 * 'e' are collected and whatever else stands there is skipped. */
	epos = strchr(e, 'e');
	for (const char *p = e; p < epos; p++)
		if (is_digit(*p))
			sig[nsig++] = *p;
	exp10 = (int)strtol(epos + 1, NULL, 10);

	/* The value is 0.sig × 10^(exp10+1); keep this many leading digits. */
	keep = exp10 + 1 + decimals;
	digits[n++] = '0'; /* room for a carry */
	for (int i = 0; i < keep; i++)
		digits[n++] = i < nsig ? sig[i] : '0';
	if (keep >= 0 && keep < nsig && sig[keep] >= '5') {
		int i = n - 1;

		while (digits[i] == '9')
			digits[i--] = '0';
		digits[i]++;
	}
	/* Drop leading zeros but keep one integer digit. */
	start = 0;
	while (n - start > decimals + 1 && digits[start] == '0')
		start++;
	memmove(digits, digits + start, (size_t)(n - start));
	n -= start;
	/* 0,05 to 3 decimals kept only "50": pad to "0050". */
	if (n < decimals + 1) {
		int pad = decimals + 1 - n;

		memmove(digits + pad, digits, (size_t)n);
		memset(digits, '0', (size_t)pad);
		n += pad;
	}
	digits[n] = '\0';
	return n;
}

static size_t format(char *buf, size_t size, double value, int decimals, const char *group,
                     const char *minus)
{
	char digits[FORMAT_MAX];
	char out[FORMAT_MAX];
	size_t o = 0;
	int n;
	int whole;
	bool zero = true;

	if (decimals < 0)
		decimals = 0;
	if (decimals > DECIMALS_MAX)
		decimals = DECIMALS_MAX;
	n = round_digits(value, decimals, digits);
	whole = n - decimals;
	for (int i = 0; i < n; i++)
		if (digits[i] != '0')
			zero = false;
	/* A value that rounds to zero is printed without a sign. */
	if (value < 0 && !zero) {
		memcpy(out + o, minus, strlen(minus));
		o += strlen(minus);
	}
	for (int i = 0; i < whole; i++) {
		/* Swedish practice groups four-digit numbers too: "1 385". */
		if (group && i > 0 && (whole - i) % 3 == 0) {
			memcpy(out + o, group, strlen(group));
			o += strlen(group);
		}
		out[o++] = digits[i];
	}
	if (decimals > 0) {
		out[o++] = ',';
		memcpy(out + o, digits + whole, (size_t)decimals);
		o += (size_t)decimals;
	}
	out[o] = '\0';
	return put(buf, size, out);
}

size_t styr_num_format(char *buf, size_t size, double value, int decimals)
{
	/* A person is better served by "no value" than by "nan". */
	if (!isfinite(value))
		return put(buf, size, EN_DASH);
	return format(buf, size, value, decimals, NBSP, MINUS);
}

size_t styr_num_format_plain(char *buf, size_t size, double value, int decimals)
{
	/* An empty cell is how spreadsheets spell "no value". */
	if (!isfinite(value))
		return put(buf, size, "");
	return format(buf, size, value, decimals, NULL, "-");
}

size_t styr_num_format_num(char *buf, size_t size, const struct styr_num *n)
{
	char tmp[FORMAT_MAX + 8];
	size_t len;

	if (!n || n->kind == STYR_NUM_MISSING || (n->kind == STYR_NUM_VALUE && !isfinite(n->value)))
		return put(buf, size, EN_DASH);
	if (n->kind == STYR_NUM_SUPPRESSED)
		return put(buf, size, "x");
	len = styr_num_format(tmp, sizeof(tmp), n->value, n->decimals);
	/* Swedish typography sets the percent sign apart, with a space that
	 * does not break: "83,8 %". */
	if (n->percent)
		snprintf(tmp + len, sizeof(tmp) - len, NBSP "%%");
	return put(buf, size, tmp);
}
