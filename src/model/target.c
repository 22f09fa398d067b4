/*
 * Targets.  The "Mål" column of an indicator table holds a small language
 * written by hand: ">95 %", "≥80%", "<0,5/100 vpl.", "≥ 10 % minskning/år",
 * "Ökning", "-".  In the text extracts a cell is often split over lines
 * (">95" and "%" on the next line), so the parser first folds all white
 * space, newlines included, into single spaces and lowercases the text; the
 * grammar below then only has to know one space and one case.
 *
 *   target  = "" | dash | dirword [year] | [op] number [pct] [stars] tail
 *   tail    = "" | ("/" | "per") integer unit | ("minskning" | "ökning") [year]
 *   year    = "/år" | "per år"
 *
 * The number goes through styr_num_parse, the one number reader.  A bare
 * number means "at least" ("100%" is ≥ 100).  For a relative change the
 * threshold is stored signed, so that "≥ 10 % minskning" becomes "change ≤
 * −10 %" and evaluating it is a plain comparison.
 *
 * Evaluation compares with a relative epsilon of 1e-9, so that a value
 * computed as 95.00000000000001 is not "above 95" when every printed form of
 * it reads 95.  Trends compare the values as they print, which is what a
 * reader of the report can check.
 */
#include <math.h>
#include <string.h>

#include "base/text.h"
#include "styr/target.h"

#define TEXT_MAX 160 /* longer text is no target of this language */

/* White space inside a cell, including the no-break spaces of Word. */
static const char *const spaces[] = {" ",  "\t",       "\n",           "\r",           "\v",
                                     "\f", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89", NULL};

/* A dash alone means "ej målsatt". */
static const char *const dashes[] = {"-", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92", NULL};

/* Minus signs that may open a negative threshold ("> −5"). */
static const char *const minus_signs[] = {"-", "\xe2\x80\x93", "\xe2\x88\x92", NULL};

/* Longer spellings first, so ">=" is not read as ">" followed by "=". */
static const struct {
	const char *text;
	enum styr_target_op op;
} ops[] = {
    {">=", STYR_TARGET_GE},
    {"<=", STYR_TARGET_LE},
    {"\xe2\x89\xa5", STYR_TARGET_GE},
    {"\xe2\x89\xa4", STYR_TARGET_LE},
    {">", STYR_TARGET_GT},
    {"<", STYR_TARGET_LT},
    {"=", STYR_TARGET_EQ},
};

static size_t match(const char *s, const char *const *set)
{
	for (; *set; set++) {
		size_t n = strlen(*set);

		if (strncmp(s, *set, n) == 0)
			return n;
	}
	return 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The capitals of the language that are not ASCII, and their lowercase
 * forms, which have the same UTF-8 length so that offsets agree. */
static const char *const capitals[][2] = {
    {"\xc3\x85", "\xc3\xa5"}, /* Å å */
    {"\xc3\x84", "\xc3\xa4"}, /* Ä ä */
    {"\xc3\x96", "\xc3\xb6"}, /* Ö ö */
};

/*
 * Fold white space runs into one space, trim, and write a lowercase copy
 * beside it.  shown keeps the case for messages; low is what is parsed.
 */
static bool fold(const char *text, char *shown, char *low, size_t size)
{
	size_t o = 0;
	bool gap = false;

	while (*text) {
		size_t n = match(text, spaces);
		size_t k;

		if (n > 0) {
			text += n;
			gap = o > 0;
			continue;
		}
		if (o + 3 >= size) {
			shown[0] = '\0';
			return false;
		}
		if (gap) {
			shown[o] = low[o] = ' ';
			o++;
		}
		gap = false;
		for (k = 0; k < sizeof(capitals) / sizeof(capitals[0]); k++)
			if (strncmp(text, capitals[k][0], 2) == 0)
				break;
		if (k < sizeof(capitals) / sizeof(capitals[0])) {
			memcpy(shown + o, text, 2);
			memcpy(low + o, capitals[k][1], 2);
			o += 2;
			text += 2;
			continue;
		}
		shown[o] = *text;
		low[o] = *text >= 'A' && *text <= 'Z' ? (char)(*text - 'A' + 'a') : *text;
		o++;
		text++;
	}
	shown[o] = low[o] = '\0';
	return true;
}

/* A cursor over low[0..end). */
struct cur {
	const char *s;
	size_t i;
	size_t end;
};

static bool eat(struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	if (c->i + n > c->end || memcmp(c->s + c->i, lit, n) != 0)
		return false;
	c->i += n;
	return true;
}

static void skip_space(struct cur *c)
{
	while (c->i < c->end && c->s[c->i] == ' ')
		c->i++;
}

static bool at_end(const struct cur *c)
{
	return c->i == c->end;
}

/* "/år" or "per år", optional after a direction or a change. */
static void per_year(struct cur *c)
{
	size_t save = c->i;

	skip_space(c);
	if (eat(c, "/")) {
		skip_space(c);
		if (eat(c, "\xc3\xa5r"))
			return;
	} else if (eat(c, "per \xc3\xa5r")) {
		return;
	}
	c->i = save;
}

static bool digit_at(const struct cur *c, size_t i)
{
	return i < c->end && is_digit(c->s[i]);
}

/* A number at the cursor: sign, digits, "10 000" groups, decimals.  Its text
 * is handed to styr_num_parse so that targets read numbers as values do. */
static bool number(struct cur *c, double *out)
{
	char tmp[64];
	struct styr_num num;
	size_t start = c->i;
	size_t n;

	n = match(c->s + c->i, minus_signs);
	if (n > 0 && digit_at(c, c->i + n))
		c->i += n;
	if (!digit_at(c, c->i))
		return false;
	while (digit_at(c, c->i))
		c->i++;
	while (c->i + 3 < c->end && c->s[c->i] == ' ' && digit_at(c, c->i + 1) &&
	       digit_at(c, c->i + 2) && digit_at(c, c->i + 3) && !digit_at(c, c->i + 4))
		c->i += 4;
	if (c->i < c->end && (c->s[c->i] == ',' || c->s[c->i] == '.') && digit_at(c, c->i + 1)) {
		c->i++;
		while (digit_at(c, c->i))
			c->i++;
	}
	n = c->i - start;
	if (n >= sizeof(tmp))
		return false;
	memcpy(tmp, c->s + start, n);
	tmp[n] = '\0';
	/* The span is digits, so only too many of them can fail here. */
	if (styr_num_parse(tmp, &num, NULL) != STYR_OK)
		return false;
	*out = num.value;
	return true;
}

/* The unit of a rate: one word such as "vpl" or "vårdplatser". */
static bool unit(struct cur *c, char *out, size_t size)
{
	size_t n = 0;

	while (c->i + n < c->end && c->s[c->i + n] != ' ') {
		unsigned char b = (unsigned char)c->s[c->i + n];

		if (!((b >= 'a' && b <= 'z') || b >= 0x80))
			return false;
		n++;
	}
	if (n == 0 || n >= size)
		return false;
	memcpy(out, c->s + c->i, n);
	out[n] = '\0';
	c->i += n;
	return true;
}

/* "≥ 10 % minskning" asks for a decrease of at least 10 %: a change of at
 * most −10 %.  Mirroring the operator keeps the threshold signed. */
static enum styr_target_op mirror(enum styr_target_op op)
{
	switch (op) {
	case STYR_TARGET_GT:
		return STYR_TARGET_LT;
	case STYR_TARGET_GE:
		return STYR_TARGET_LE;
	case STYR_TARGET_LT:
		return STYR_TARGET_GT;
	case STYR_TARGET_LE:
		return STYR_TARGET_GE;
	default:
		return op;
	}
}

static bool grammar(struct cur *c, struct styr_target *t)
{
	enum styr_target_op op = STYR_TARGET_GE; /* a bare number: at least */
	bool decrease;
	double x;

	if (at_end(c))
		return true; /* empty: no target */
	if (match(c->s, dashes) == c->end)
		return true;
	if (eat(c, "\xc3\xb6kning"))
		t->op = STYR_TARGET_INCREASE;
	else if (eat(c, "minskning"))
		t->op = STYR_TARGET_DECREASE;
	if (t->op != STYR_TARGET_NONE) {
		per_year(c);
		return at_end(c);
	}
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (eat(c, ops[i].text)) {
			op = ops[i].op;
			break;
		}
	}
	skip_space(c);
	if (!number(c, &x))
		return false;
	skip_space(c);
	t->percent = eat(c, "%") || eat(c, "procent");
	while (eat(c, "*"))
		t->footnote = true;
	skip_space(c);
	if (at_end(c)) {
		t->op = op;
		t->threshold = x;
		return true;
	}
	if (eat(c, "/") || eat(c, "per ")) {
		double per;

		skip_space(c);
		/* Rates are per a whole number of something. */
		if (t->percent || !number(c, &per) || per < 1 || per > 1e6 || per != floor(per))
			return false;
		skip_space(c);
		if (!unit(c, t->per_unit, sizeof(t->per_unit)) || !at_end(c))
			return false;
		t->op = op;
		t->threshold = x;
		t->per = (int)per;
		return true;
	}
	decrease = eat(c, "minskning");
	if (!decrease && !eat(c, "\xc3\xb6kning"))
		return false;
	/* A relative change is always in percent; "10 minskning" is not Swedish. */
	if (!t->percent)
		return false;
	per_year(c);
	if (!at_end(c))
		return false;
	t->op = STYR_TARGET_CHANGE;
	t->threshold = decrease ? -x : x;
	t->change_op = decrease ? mirror(op) : op;
	return true;
}

int styr_target_parse(const char *text, struct styr_target *out, struct styr_err *err)
{
	char shown[TEXT_MAX];
	char low[TEXT_MAX];
	char q[TEXT_QUOTE_SIZE];
	struct cur c = {low, 0, 0};
	bool ok;

	memset(out, 0, sizeof(*out));
	if (!text)
		text = "";
	ok = fold(text, shown, low, sizeof(shown));
	if (ok) {
		/* A trailing full stop ("vpl.") or footnote star ("100%*") belongs
		 * to the cell, not to the expression. */
		c.end = strlen(low);
		while (c.end > 0 && strchr(" .*", low[c.end - 1])) {
			if (low[c.end - 1] == '*')
				out->footnote = true;
			c.end--;
		}
		ok = grammar(&c, out);
	}
	if (ok)
		return STYR_OK;
	memset(out, 0, sizeof(*out));
	/* Quote the folded text, one line however the cell was split; text
	 * too long to fold is quoted raw (and cut short). */
	text_quote(q, shown[0] ? shown : text, strlen(shown[0] ? shown : text));
	return styr_error(
	    err, STYR_EINPUT,
	    "target \"%s\": expected a target such as \">95%%\", \"\xe2\x89\xa5 10 %% "
	    "minskning/\xc3\xa5r\", \"\xc3\x96kning\" or \"-\"",
	    q);
}

enum styr_direction styr_target_direction(const struct styr_target *t)
{
	if (!t)
		return STYR_DIR_NONE;
	switch (t->op) {
	case STYR_TARGET_GT:
	case STYR_TARGET_GE:
	case STYR_TARGET_INCREASE:
		return STYR_DIR_UP;
	case STYR_TARGET_LT:
	case STYR_TARGET_LE:
	case STYR_TARGET_DECREASE:
		return STYR_DIR_DOWN;
	case STYR_TARGET_CHANGE:
		if (t->threshold < 0)
			return STYR_DIR_DOWN;
		if (t->threshold > 0)
			return STYR_DIR_UP;
		/* "≤ 0 % ökning": no growth wanted, so lower is better. */
		if (t->change_op == STYR_TARGET_LT || t->change_op == STYR_TARGET_LE)
			return STYR_DIR_DOWN;
		if (t->change_op == STYR_TARGET_GT || t->change_op == STYR_TARGET_GE)
			return STYR_DIR_UP;
		return STYR_DIR_NONE;
	default:
		return STYR_DIR_NONE;
	}
}

/* Differences below this are rounding noise of a computed value. */
static double epsilon(double threshold)
{
	return 1e-9 * fmax(1.0, fabs(threshold));
}

static bool holds(enum styr_target_op op, double x, double thr)
{
	double eps = epsilon(thr);

	switch (op) {
	case STYR_TARGET_GT:
		return x > thr + eps;
	case STYR_TARGET_GE:
		return x >= thr - eps;
	case STYR_TARGET_LT:
		return x < thr - eps;
	case STYR_TARGET_LE:
		return x <= thr + eps;
	case STYR_TARGET_EQ:
		return fabs(x - thr) <= eps;
	default:
		return false;
	}
}

/* Met, near or not met.  The default band is 5 % of the threshold, so a
 * threshold of 0 has none: any value is "far" from nothing in relative
 * terms, and "near 0" would need the indicator to say how near. */
static enum styr_status judge(enum styr_target_op op, double x, double thr, double tolerance)
{
	double tol = tolerance < 0 ? 0.05 * fabs(thr) : tolerance;

	if (holds(op, x, thr))
		return STYR_STATUS_MET;
	if (tol > 0 && fabs(x - thr) <= tol + epsilon(thr))
		return STYR_STATUS_NEAR;
	return STYR_STATUS_NOT_MET;
}

static bool usable(const struct styr_num *n)
{
	return n && n->kind == STYR_NUM_VALUE && isfinite(n->value);
}

enum styr_status styr_target_status(const struct styr_target *t, const struct styr_num *value,
                                    const struct styr_num *previous, double tolerance)
{
	double v, p;

	if (!t || t->op == STYR_TARGET_NONE)
		return STYR_STATUS_NO_TARGET;
	if (!usable(value))
		return STYR_STATUS_MISSING;
	v = value->value;
	switch (t->op) {
	case STYR_TARGET_GT:
	case STYR_TARGET_GE:
	case STYR_TARGET_LT:
	case STYR_TARGET_LE:
	case STYR_TARGET_EQ:
		/* A rate target ("<1/100 vpl") is met by a value that is
		 * already a rate per 100 vpl, so it compares the same way. */
		return judge(t->op, v, t->threshold, tolerance);
	case STYR_TARGET_INCREASE:
	case STYR_TARGET_DECREASE:
		if (!usable(previous))
			return STYR_STATUS_MISSING;
		/* Last year's value is the threshold. */
		p = previous->value;
		return judge(t->op == STYR_TARGET_INCREASE ? STYR_TARGET_GT : STYR_TARGET_LT, v, p,
		             tolerance);
	case STYR_TARGET_CHANGE:
		/* A change from zero has no percentage. */
		if (!usable(previous) || previous->value == 0)
			return STYR_STATUS_MISSING;
		p = previous->value;
		return judge(t->change_op, (v - p) / fabs(p) * 100.0, t->threshold, tolerance);
	default:
		return STYR_STATUS_MISSING;
	}
}

enum styr_trend styr_trend(enum styr_direction dir, const struct styr_num *value,
                           const struct styr_num *previous)
{
	/* Wide enough for any double printed without separators. */
	char a[400], b[400];
	int decimals;

	if (!usable(value) || !usable(previous))
		return STYR_TREND_NONE;
	decimals = value->decimals > previous->decimals ? value->decimals : previous->decimals;
	/* Equal as printed is unchanged: 83,80 against 83,8 is no trend, and
	 * the rounding is the formatter's, so this agrees with the report. */
	styr_num_format_plain(a, sizeof(a), value->value, decimals);
	styr_num_format_plain(b, sizeof(b), previous->value, decimals);
	if (strcmp(a, b) == 0)
		return STYR_TREND_SAME;
	switch (dir) {
	case STYR_DIR_UP:
		return value->value > previous->value ? STYR_TREND_BETTER : STYR_TREND_WORSE;
	case STYR_DIR_DOWN:
		return value->value < previous->value ? STYR_TREND_BETTER : STYR_TREND_WORSE;
	default:
		return STYR_TREND_CHANGED;
	}
}

const char *styr_status_name(enum styr_status s)
{
	static const char *const names[] = {
	    [STYR_STATUS_NO_TARGET] = "no_target", [STYR_STATUS_MET] = "met",
	    [STYR_STATUS_NEAR] = "near",           [STYR_STATUS_NOT_MET] = "not_met",
	    [STYR_STATUS_MISSING] = "missing",
	};
	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "";
}

const char *styr_status_label(enum styr_status s)
{
	static const char *const labels[] = {
	    [STYR_STATUS_NO_TARGET] = "Ej m\xc3\xa5lsatt",
	    [STYR_STATUS_MET] = "Uppfyllt",
	    [STYR_STATUS_NEAR] = "N\xc3\xa4ra",
	    [STYR_STATUS_NOT_MET] = "Ej uppfyllt",
	    [STYR_STATUS_MISSING] = "Saknas",
	};
	return (unsigned)s < sizeof(labels) / sizeof(labels[0]) ? labels[s] : "";
}

const char *styr_trend_name(enum styr_trend t)
{
	static const char *const names[] = {
	    [STYR_TREND_NONE] = "",           [STYR_TREND_BETTER] = "better",
	    [STYR_TREND_SAME] = "same",       [STYR_TREND_WORSE] = "worse",
	    [STYR_TREND_CHANGED] = "changed",
	};
	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "";
}

const char *styr_trend_label(enum styr_trend t)
{
	static const char *const labels[] = {
	    [STYR_TREND_NONE] = "",
	    [STYR_TREND_BETTER] = "B\xc3\xa4ttre",
	    [STYR_TREND_SAME] = "Of\xc3\xb6r\xc3\xa4ndrad",
	    [STYR_TREND_WORSE] = "S\xc3\xa4mre",
	    [STYR_TREND_CHANGED] = "F\xc3\xb6r\xc3\xa4ndrad",
	};
	return (unsigned)t < sizeof(labels) / sizeof(labels[0]) ? labels[t] : "";
}

/* Not strcasecmp(): its idea of case follows the process locale. */
static bool same_ascii_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;

		if (x != *b)
			return false;
	}
	return *a == *b;
}

static const char *const direction_names[] = {
    [STYR_DIR_NONE] = "none",
    [STYR_DIR_UP] = "up",
    [STYR_DIR_DOWN] = "down",
};

const char *styr_direction_name(enum styr_direction d)
{
	return (unsigned)d < sizeof(direction_names) / sizeof(direction_names[0])
	           ? direction_names[d]
	           : "";
}

int styr_direction_parse(const char *text, enum styr_direction *out, struct styr_err *err)
{
	char q[TEXT_QUOTE_SIZE];

	*out = STYR_DIR_NONE;
	for (size_t d = 0; text && d < sizeof(direction_names) / sizeof(direction_names[0]); d++) {
		if (same_ascii_nocase(text, direction_names[d])) {
			*out = (enum styr_direction)d;
			return STYR_OK;
		}
	}
	text_quote(q, text ? text : "", text ? strlen(text) : 0);
	return styr_error(err, STYR_EINPUT, "direction \"%s\": expected up, down or none", q);
}
