/*
 * Periods of follow-up.  A Swedish region reports by year, by month, by
 * tertial and by delår ("jan–aug"), always cumulatively within one calendar
 * year, so every period is one year and one run of months in it.  Which
 * kind a period is follows from its months (jan–apr is tertial 1 however it
 * was written), so the kind is computed rather than stored and two spellings
 * of the same months compare equal.
 *
 * People write periods in many ways ("jan-aug 2024", "2024 jan–aug",
 * "januari–augusti 2024", "T1 2024").  The parser first cuts the text into
 * tokens (numbers, words, dashes, "..") and then matches the token sequence
 * against the short list of forms, year first or year last.  That keeps
 * white space, case and the choice of dash out of the patterns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "styr/period.h"

#define EN_DASH    "\xe2\x80\x93" /* U+2013 */
#define TOKENS_MAX 8

static const char *const month_names[12] = {
    "januari", "februari", "mars",      "april",   "maj",      "juni",
    "juli",    "augusti",  "september", "oktober", "november", "december",
};

static const char *const month_abbrevs[12] = {
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
};

/* Hyphen, en dash and em dash all join two months. */
static const char *const dashes[] = {"-", EN_DASH, "\xe2\x80\x94", NULL};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Only ever given ASCII letters, whose case is bit 5; tolower() would ask
 * the process locale what a month is called. */
static char lower(char c)
{
	return (char)(c | 0x20);
}

enum tok_kind { TOK_NUM, TOK_WORD, TOK_DASH, TOK_DOTS };

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t len;
};

/* Cut text into tokens; false on a character no period contains or on too
 * many tokens. */
static bool tokenize(const char *p, struct tok *t, size_t *count)
{
	size_t n = 0;
	size_t len;

	while (*p) {
		struct tok tk = {TOK_NUM, p, 0};

		if ((len = text_match(p, text_spaces)) > 0) {
			p += len;
			continue;
		}
		if (is_digit(*p)) {
			while (is_digit(p[tk.len]))
				tk.len++;
		} else if (is_letter(*p)) {
			tk.kind = TOK_WORD;
			while (is_letter(p[tk.len]))
				tk.len++;
		} else if ((len = text_match(p, dashes)) > 0) {
			tk.kind = TOK_DASH;
			tk.len = len;
		} else if (p[0] == '.' && p[1] == '.') {
			tk.kind = TOK_DOTS;
			tk.len = 2;
		} else {
			return false;
		}
		if (n == TOKENS_MAX)
			return false;
		t[n++] = tk;
		p += tk.len;
		/* An abbreviation may carry its full stop: "jan.–aug. 2024". */
		if (tk.kind == TOK_WORD && p[0] == '.' && p[1] != '.')
			p++;
	}
	*count = n;
	return true;
}

/* The value of a number token of minlen..maxlen digits, or -1. */
static int number(const struct tok *t, size_t minlen, size_t maxlen)
{
	int v = 0;

	if (t->kind != TOK_NUM || t->len < minlen || t->len > maxlen)
		return -1;
	for (size_t i = 0; i < t->len; i++)
		v = v * 10 + (t->s[i] - '0');
	return v;
}

static bool word_is(const struct tok *t, const char *w)
{
	if (t->kind != TOK_WORD || t->len != strlen(w))
		return false;
	for (size_t i = 0; i < t->len; i++)
		if (lower(t->s[i]) != w[i])
			return false;
	return true;
}

/* 1..12 for a Swedish month name or any abbreviation of it of at least three
 * letters ("mar", "sept", "augusti"); 0 otherwise.  Three letters already
 * tell every month apart. */
static int month(const struct tok *t)
{
	if (t->kind != TOK_WORD || t->len < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		const char *name = month_names[m];
		size_t i;

		if (t->len > strlen(name))
			continue;
		for (i = 0; i < t->len && lower(t->s[i]) == name[i]; i++)
			;
		if (i == t->len)
			return m + 1;
	}
	return 0;
}

static bool tertial_word(const struct tok *t)
{
	return word_is(t, "t") || word_is(t, "tertial");
}

static void set(struct styr_period *p, int year, int first, int last)
{
	p->year = year;
	p->first_month = first;
	p->last_month = last;
}

static bool set_tertial(struct styr_period *p, int year, int tertial)
{
	if (tertial < 1 || tertial > 3)
		return false;
	set(p, year, tertial * 4 - 3, tertial * 4);
	return true;
}

/* "mars" or "jan–aug", the months part of a period written in words. */
static bool months(const struct tok *t, size_t n, int year, struct styr_period *p)
{
	int a, b;

	if (n == 1 && (a = month(&t[0])) > 0) {
		set(p, year, a, a);
		return true;
	}
	if (n == 3 && (a = month(&t[0])) > 0 && t[1].kind == TOK_DASH && (b = month(&t[2])) > 0) {
		set(p, year, a, b);
		return true;
	}
	return false;
}

/* Match the token sequence against the known forms; the caller checks the
 * ranges of what was matched. */
static bool forms(const struct tok *t, size_t n, struct styr_period *p)
{
	int year, a, b;

	if (n == 0)
		return false;
	year = number(&t[0], 4, 4);
	if (year >= 0) {
		if (n == 1) { /* 2024 */
			set(p, year, 1, 12);
			return true;
		}
		if (n >= 3 && t[1].kind == TOK_DASH && (a = number(&t[2], 1, 2)) >= 0) {
			if (n == 3) { /* 2024-03 */
				set(p, year, a, a);
				return true;
			}
			/* 2024-01..08 */
			if (n == 5 && t[3].kind == TOK_DOTS && (b = number(&t[4], 1, 2)) >= 0) {
				set(p, year, a, b);
				return true;
			}
			return false;
		}
		/* 2024T2, 2024 tertial 2 */
		if (n == 3 && tertial_word(&t[1]) && (a = number(&t[2], 1, 1)) >= 0)
			return set_tertial(p, year, a);
		/* 2024 jan–aug */
		return months(t + 1, n - 1, year, p);
	}
	year = number(&t[n - 1], 4, 4);
	if (year < 0)
		return false;
	/* T2 2024, tertial 2 2024 */
	if (n == 3 && tertial_word(&t[0]) && (a = number(&t[1], 1, 1)) >= 0)
		return set_tertial(p, year, a);
	/* jan–aug 2024, mars 2024 */
	return months(t, n - 1, year, p);
}

int styr_period_parse(const char *text, struct styr_period *out, struct styr_err *err)
{
	struct tok t[TOKENS_MAX];
	struct styr_period p = {0, 0, 0};
	size_t n = 0;
	char q[TEXT_QUOTE_SIZE];

	memset(out, 0, sizeof(*out));
	if (!text)
		text = "";
	/* A bare year is most of what files hold; skip the tokenizer for it. */
	if (is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) && is_digit(text[3]) &&
	    !text[4]) {
		p.year = atoi(text);
		p.first_month = 1;
		p.last_month = 12;
		if (styr_period_valid(&p)) {
			*out = p;
			return STYR_OK;
		}
	}
	if (tokenize(text, t, &n) && forms(t, n, &p) && styr_period_valid(&p)) {
		*out = p;
		return STYR_OK;
	}
	text_quote(q, text, strlen(text));
	return styr_error(err, STYR_EINPUT,
	                  "period \"%s\": expected a period such as 2024, 2024-03, 2024T2 or "
	                  "jan" EN_DASH "aug 2024",
	                  q);
}

enum styr_period_kind styr_period_kind(const struct styr_period *p)
{
	if (p->first_month == 1 && p->last_month == 12)
		return STYR_PERIOD_YEAR;
	if (p->first_month == p->last_month)
		return STYR_PERIOD_MONTH;
	if (p->last_month - p->first_month == 3 && p->first_month % 4 == 1)
		return STYR_PERIOD_TERTIAL;
	return STYR_PERIOD_RANGE;
}

/* snprintf returns the length it wanted; callers get what was written. */
static size_t written(int n, size_t size)
{
	if (size == 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

size_t styr_period_format(const struct styr_period *p, char *buf, size_t size)
{
	int n;

	if (!styr_period_valid(p)) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	switch (styr_period_kind(p)) {
	case STYR_PERIOD_YEAR:
		n = snprintf(buf, size, "%d", p->year);
		break;
	case STYR_PERIOD_MONTH:
		n = snprintf(buf, size, "%d-%02d", p->year, p->first_month);
		break;
	case STYR_PERIOD_TERTIAL:
		n = snprintf(buf, size, "%dT%d", p->year, (p->first_month + 3) / 4);
		break;
	default:
		n = snprintf(buf, size, "%d-%02d..%02d", p->year, p->first_month, p->last_month);
		break;
	}
	return written(n, size);
}

size_t styr_period_label(const struct styr_period *p, char *buf, size_t size)
{
	char tmp[STYR_PERIOD_TEXT_MAX];
	size_t n;

	if (!styr_period_valid(p)) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	switch (styr_period_kind(p)) {
	case STYR_PERIOD_YEAR:
		snprintf(tmp, sizeof(tmp), "%d", p->year);
		break;
	case STYR_PERIOD_MONTH:
		snprintf(tmp, sizeof(tmp), "%s %d", month_names[p->first_month - 1], p->year);
		break;
	case STYR_PERIOD_TERTIAL:
		snprintf(tmp, sizeof(tmp), "tertial %d %d", (p->first_month + 3) / 4, p->year);
		break;
	default:
		snprintf(tmp, sizeof(tmp), "%s" EN_DASH "%s %d", month_abbrevs[p->first_month - 1],
		         month_abbrevs[p->last_month - 1], p->year);
		break;
	}
	if (size == 0)
		return 0;
	/* Never cut the en dash in half. */
	n = strlen(tmp);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)tmp[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}

struct styr_period styr_period_prev_year(const struct styr_period *p)
{
	struct styr_period prev = *p;

	prev.year--;
	return prev;
}

int styr_period_cmp(const struct styr_period *a, const struct styr_period *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->first_month != b->first_month)
		return a->first_month < b->first_month ? -1 : 1;
	if (a->last_month != b->last_month)
		return a->last_month < b->last_month ? -1 : 1;
	return 0;
}

bool styr_period_valid(const struct styr_period *p)
{
	return p->year >= 1900 && p->year <= 2999 && p->first_month >= 1 && p->first_month <= 12 &&
	       p->last_month >= p->first_month && p->last_month <= 12;
}

int64_t styr_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void styr_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int styr_month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

void styr_time_iso(time_t t, char out[STYR_TIME_MAX])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, STYR_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
