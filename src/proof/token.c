/*
 * The figures of a line of report text, as printed.  A PDF's text keeps a
 * table's cells only as runs of figures separated by spaces, and Swedish
 * figures use a space as thousands separator, so "3 840 3 793 -47 -1%" is
 * read by the one rule a reader uses: a group of three digits after a space
 * belongs to the figure before it when that figure has at most three digits,
 * once: a second group, a lone digit or a group of four starts a new cell.  The
 * printed decimals are kept, because the precision a figure is printed
 * with decides whether a difference is an error or a rounding.
 *
 * Minus is a hyphen, an en dash or U+2212; a dash standing alone is a cell
 * with nothing in it.  A figure glued to letters ("ID0661", "11-timmars",
 * "1177.se" stays 1177) is not an amount.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "base/text.h"
#include "proof_int.h"
#include "styr/num.h"

static size_t minus_len(const char *s)
{
	if (s[0] == '-')
		return 1;
	if (!strncmp(s, "\xe2\x80\x93", 3) || !strncmp(s, "\xe2\x88\x92", 3))
		return 3;
	return 0;
}

static size_t space_len(const char *s)
{
	if (s[0] == ' ')
		return 1;
	if (!strncmp(s, "\xc2\xa0", 2))
		return 2;
	if (!strncmp(s, "\xe2\x80\xaf", 3) || !strncmp(s, "\xe2\x80\x89", 3))
		return 3;
	return 0;
}

/* A byte that makes the figure after it part of a word. */
static bool glued_before(const char *line, size_t i)
{
	unsigned char p;

	if (i == 0)
		return false;
	p = (unsigned char)line[i - 1];
	if (isalnum(p) || p == '_' || p == ',' || p == '.')
		return true;
	if (p >= 0x80) {
		/* a letter (åäöé: lead byte 0xc3) glues, a dash, a space or a
		 * sign such as "≤" does not */
		size_t k = i - 1;

		while (k > 0 && ((unsigned char)line[k] & 0xc0) == 0x80)
			k--;
		return (unsigned char)line[k] == 0xc3;
	}
	return false;
}

static bool digits3(const char *s)
{
	return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	       isdigit((unsigned char)s[2]) && !isdigit((unsigned char)s[3]);
}

/* Read one figure at line + i; returns its end or 0 when there is none. */
static size_t scan_one(const char *line, size_t i, struct ptok *t)
{
	size_t j = i, m, s, nd = 0, first, lead;
	int groups = 0;
	double v = 0;
	int dec = 0;
	bool neg = false, grouped = false;

	m = minus_len(line + j);
	if (m && isdigit((unsigned char)line[j + m])) {
		neg = true;
		j += m;
	}
	if (!isdigit((unsigned char)line[j]))
		return 0;
	first = j;
	while (isdigit((unsigned char)line[j])) {
		v = v * 10 + (line[j] - '0');
		j++;
		nd++;
	}
	/* one group at most: "242 100 281 300" is two cells and "–4 417 652"
	 * two as well.  "11 322 345" (one amount of millions) is then read as
	 * two cells; the table reader sees the carry this leaves in a sum and
	 * lists the table as not read.  "452 963" may be two cells too: the
	 * table reader splits it when its row is short of cells (table.c) */
	lead = nd;
	while (lead <= 3 && groups < 1 && line[first] != '0') {
		s = space_len(line + j);
		if (!s || !digits3(line + j + s))
			break;
		j += s;
		for (int k = 0; k < 3; k++, j++)
			v = v * 10 + (line[j] - '0');
		grouped = true;
		groups++;
	}
	if ((line[j] == ',' || line[j] == '.') && isdigit((unsigned char)line[j + 1])) {
		double scale = 1;

		j++;
		while (isdigit((unsigned char)line[j])) {
			scale /= 10;
			v += (line[j] - '0') * scale;
			dec++;
			j++;
		}
	}
	/* glued to letters after it: "3D", "11-timmars" */
	if (isalpha((unsigned char)line[j]) || (unsigned char)line[j] == 0xc3)
		return 0;
	if (line[j] == '-' && isalpha((unsigned char)line[j + 1]))
		return 0;
	t->v = neg ? -v : v;
	t->dec = dec;
	t->pct = false;
	t->missing = false;
	t->groups = groups;
	t->lead = (int)lead;
	t->year = !neg && !grouped && !dec && j - first == 4 && v >= 1990 && v <= 2039;
	t->off = i;
	s = j;
	while (line[s] == ' ')
		s++;
	if (line[s] == '%') {
		t->pct = true;
		j = s + 1;
	} else if (!strncmp(line + s, "procent", 7)) {
		t->pct = true;
	}
	if (t->pct)
		t->year = false;
	t->end = j;
	return j;
}

size_t proof_tokens(const char *line, struct ptok *out, size_t max)
{
	size_t i = 0, n = 0, e, m;

	while (line[i] && n < max) {
		m = minus_len(line + i);
		/* a dash standing alone between spaces: an empty cell */
		if (m && (i == 0 || line[i - 1] == ' ') &&
		    (line[i + m] == ' ' || line[i + m] == '\0' || line[i + m] == '\r')) {
			out[n] = (struct ptok){.missing = true, .off = i, .end = i + m};
			n++;
			i += m;
			continue;
		}
		if ((isdigit((unsigned char)line[i]) ||
		     (m && isdigit((unsigned char)line[i + m]))) &&
		    !glued_before(line, i) && (e = scan_one(line, i, &out[n])) != 0) {
			n++;
			i = e;
			continue;
		}
		/* skip the rest of a word so that its digits are not read; a
		 * word is letters (åäöé are 0xc3 and one byte more) and digits.
		 * A 0xc3 that ends the text (a character cut off) is no letter:
		 * taken for one, it stood the loop still for ever (found by
		 * fuzz/http.c through /korrektur). */
		if (isalnum((unsigned char)line[i]) ||
		    ((unsigned char)line[i] == 0xc3 && line[i + 1])) {
			while (isalnum((unsigned char)line[i]) ||
			       ((unsigned char)line[i] == 0xc3 && line[i + 1]))
				i += (unsigned char)line[i] == 0xc3 ? 2 : 1;
			continue;
		}
		/* one character of anything else: "≤", a dash, a space */
		i++;
		while (((unsigned char)line[i] & 0xc0) == 0x80)
			i++;
	}
	return n;
}

void proof_fmt(char *buf, size_t size, double v, int dec, bool pct)
{
	size_t n = styr_num_format(buf, size, v, dec);

	if (pct && n + 5 < size)
		memcpy(buf + n, "\xc2\xa0%", 4);
}

static int fold(unsigned char c)
{
	return tolower(c);
}

const char *proof_find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t k = 0;

		while (k < n && hay[k] &&
		       fold((unsigned char)hay[k]) == fold((unsigned char)needle[k]))
			k++;
		if (k == n)
			return hay;
	}
	return NULL;
}
