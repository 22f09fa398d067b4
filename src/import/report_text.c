/*
 * Indicator tables in text extracts of hospital annual reports.
 *
 * An årsredovisning prints its indicators as tables with the columns
 * Indikator, ID-nr., Mål and one column per year ("Indikator ID-nr. Mål 2024
 * 2023 2022").  The PDF-to-text extraction flattens them badly: a cell that
 * wraps in the PDF becomes several lines, so a row is "name lines, ID-nr,
 * target, values" spread over anything from one to thirty lines, with blank
 * lines in between; the target can wrap (">95" / "%", "<0,5/100" / "vpl.");
 * values can be "x", "-", text ("Vi har inga <18 år", itself wrapped
 * differently in every column) or a composite cell ("Andel: 10,5% Antal: 311
 * Förändring ..."); a value can be left out; thousands are separated by a
 * space ("13 742 11 856  8752"), so a space does not separate cells; and
 * page-number lines ("65 (82)") fall anywhere.
 *
 * What the extraction keeps reliably is the order of the words and the
 * ID-nr, so the parser is anchored on the ID-nr ("ID0069", or "*" for a row
 * without one).  The name of a row is the block of text lines directly above
 * its anchor (plus what precedes the anchor on its line); everything between
 * one anchor and the next row's name is that row's target and values.  The
 * target is read first by a small grammar (operator, number, "%", "/100",
 * "vpl.", "minskning/år"), then the values are cut into cells: "x", "-",
 * numbers, composite cells from "Andel:" to the next "Andel:", and runs of
 * text, which are split into equal repeats when the same text stands in
 * several columns.  The number of cells must equal the number of year
 * columns, and that is what decides where the thousands groups are: of all
 * ways to join a 1-3 digit number with following 3-digit groups (only over
 * a single space on the same line), exactly one may give the right count.
 * When none or several do, the row is reported, not guessed.  Fewer values
 * than columns is read as the last columns left empty ("not printed").
 *
 * A table ends at two blank lines in a row (a page-number line in between
 * makes a page break, not an end), at a line that reads as prose, or at the
 * next header.  Text that is not a row can follow the last row before that
 * end (a caption, a short heading); the last row's values are therefore cut
 * back to a paragraph boundary when that is what makes them fit the columns.
 *
 * Choices a reader of the output should know: texts join their words with
 * one space (so "as printed" means the words, not the PDF's spacing); in
 * names and headings a word broken at a hyphen ("SVF-" / "patienter") is
 * joined back, except a suspended compound ("hälso-" / "och").  The heading
 * of a table is the nearest block of at most four lines above its header in
 * which no line ends a sentence; a header repeated after a page break keeps
 * the heading of the table it continues.  A row marked "*" has no ID-nr and
 * is a problem.  A row printed twice with the same figures is a problem
 * ("duplicate of line N"); with other figures it stays a row and the
 * importer decides.  A row whose values cannot be read is a problem; no
 * value is guessed.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/report_text.h"
#include "styr/buf.h"

enum {
	MAX_COLS = 4,
	/* A name wraps over at most a few lines of a narrow column. */
	MAX_NAME_LINES = 6,
	/* Headings above tables are one to three lines in the seeds; more
	 * lines without a full stop is a paragraph, not a heading. */
	MAX_HEADING_LINES = 4,
	/* A line reads as prose when it has this many words and either ends a
	 * sentence or is wider than any table column prints. */
	PROSE_MIN_WORDS = 6,
	PROSE_MIN_WIDTH = 60,
	/* Tab stops in the extract count as a wide gap between words. */
	TAB_GAP = 8,
	/* Paragraph boundaries tried when cutting text after the last row; the
	 * text to cut is a caption or two, and a bound keeps a hostile input
	 * from costing quadratic time. */
	MAX_CUTS = 16,
	/* An annual report prints a few hundred rows; a row takes 2,5 kB, so
	 * a bound keeps a runaway input from taking gigabytes. */
	MAX_ENTRIES = 100000,
};

enum line_kind { LINE_BLANK, LINE_PAGE, LINE_TEXT };

struct line {
	const char *s; /* not NUL-terminated */
	size_t len;    /* without line end and trailing white space */
	int no;        /* 1-based */
	enum line_kind kind;
};

struct word {
	const char *s; /* points into the text; not NUL-terminated */
	size_t len;
	size_t line; /* index into doc.lines */
	size_t gap;  /* white-space characters before it on its line */
	bool first;  /* first word on its line */
	bool para;   /* first on its line with a blank line above it */
};

struct words {
	struct word *v;
	size_t n, cap;
};

struct doc {
	const char *filename;
	const struct line *lines;
	size_t nlines;
	struct rt_result *out;
	size_t rows_cap, problems_cap;
	struct styr_err *err;
	/* A header repeated after a page break continues the table above it:
	 * it gets that table's heading, not the last row of it. */
	bool have_prev;
	size_t prev_end;
	char prev_heading[256];
};

struct table {
	int ncols;
	int year[MAX_COLS];
	bool has_target;
	char heading[256];
};

/* ---- bytes and words ------------------------------------------------- */

/* Bytes of the white-space character at s[i], 0 if none.  The no-break,
 * narrow no-break, figure and thin spaces count: they are how PDFs print
 * thousands groups. */
static size_t space_at(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa0)
		return 2;
	if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0xaf || (unsigned char)s[i + 2] == 0x87 ||
	     (unsigned char)s[i + 2] == 0x89))
		return 3;
	return 0;
}

/* The next word of ln at or after byte *pos; false at the end of the line. */
static bool next_word(const struct line *ln, size_t *pos, struct word *w)
{
	size_t i = *pos, j, n, gap = 0;

	while (i < ln->len && (n = space_at(ln->s, ln->len, i)) > 0) {
		gap += ln->s[i] == '\t' ? TAB_GAP : 1;
		i += n;
	}
	if (i >= ln->len)
		return false;
	for (j = i; j < ln->len && space_at(ln->s, ln->len, j) == 0; j++)
		;
	w->s = ln->s + i;
	w->len = j - i;
	w->gap = gap;
	w->first = *pos == 0;
	w->para = false;
	*pos = j;
	return true;
}

static bool word_is(const struct word *w, const char *s)
{
	return w->len == strlen(s) && memcmp(w->s, s, w->len) == 0;
}

static bool word_is_ci(const struct word *w, const char *s)
{
	size_t i;

	if (w->len != strlen(s))
		return false;
	for (i = 0; i < w->len; i++) {
		char a = w->s[i], b = s[i];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

static bool word_in(const struct word *w, const char *const *set)
{
	for (; *set; set++)
		if (word_is(w, *set))
			return true;
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of a minus sign (hyphen, en dash, U+2212) at s, or 0. */
static size_t minus_at(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == '-' || s[0] == '+'))
		return 1;
	if (len >= 3 && (unsigned char)s[0] == 0xe2 &&
	    (((unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x93) ||
	     ((unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x92)))
		return 3;
	return 0;
}

/* The shape of a number word: "-1", "13", "742", "60,0", "41.1%". */
struct shape {
	bool ok, sign, frac, pct;
	size_t intdigits;
};

static struct shape num_shape(const struct word *w)
{
	struct shape sh = {0};
	size_t i = minus_at(w->s, w->len), d;

	sh.sign = i > 0;
	for (d = i; d < w->len && is_digit(w->s[d]); d++)
		;
	sh.intdigits = d - i;
	if (sh.intdigits == 0)
		return sh;
	i = d;
	if (i + 1 < w->len && (w->s[i] == ',' || w->s[i] == '.') && is_digit(w->s[i + 1])) {
		for (i++; i < w->len && is_digit(w->s[i]); i++)
			;
		sh.frac = true;
	}
	if (i < w->len && w->s[i] == '%') {
		sh.pct = true;
		i++;
	}
	sh.ok = i == w->len;
	return sh;
}

static bool is_number(const struct word *w)
{
	return num_shape(w).ok;
}

static const char *const dashes[] = {"-", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92", NULL};

static bool is_dash(const struct word *w)
{
	return word_in(w, dashes);
}

static bool is_x(const struct word *w)
{
	return word_is(w, "x") || word_is(w, "X");
}

/* Words that can only continue a target printed on the line(s) above. */
static const char *const target_tails[] = {"%",    "%*",           "*",         "vpl", "vpl.",
                                           "/100", "minskning/år", "ökning/år", NULL};

static const char *const operators[] = {
    ">", "<", "=", ">=", "<=", "\xe2\x89\xa5", /* ≥ */ "\xe2\x89\xa4" /* ≤ */, NULL};

/* A word that can stand in a value cell without being text. */
static bool is_value_word(const struct word *w)
{
	return is_number(w) || is_dash(w) || is_x(w) || word_in(w, target_tails);
}

static bool starts_with_operator(const struct word *w)
{
	size_t i;

	for (i = 0; operators[i]; i++)
		if (w->len >= strlen(operators[i]) &&
		    memcmp(w->s, operators[i], strlen(operators[i])) == 0)
			return true;
	return false;
}

/* Could w begin a "Mål" cell?  Used to tell an ID-nr in a row from one
 * mentioned in prose ("för indikator ID0015 och ID0306 är"). */
static bool target_like(const struct word *w)
{
	static const char *const words[] = {"Ökning", "Minskning", "ökning", "minskning", NULL};

	if (is_dash(w) || is_x(w) || word_in(w, words) || starts_with_operator(w))
		return true;
	return w->len > 0 && is_digit(w->s[0]);
}

static bool is_code(const struct word *w)
{
	size_t i;

	if (w->len < 5 || w->len > 10 || w->s[0] != 'I' || w->s[1] != 'D')
		return false;
	for (i = 2; i < w->len; i++)
		if (!is_digit(w->s[i]))
			return false;
	return true;
}

/* ---- lines ------------------------------------------------------------ */

static size_t line_words(const struct line *ln)
{
	struct word w;
	size_t pos = 0, n = 0;

	while (next_word(ln, &pos, &w))
		n++;
	return n;
}

/* Characters (not bytes) in the line, leading white space included. */
static size_t line_width(const struct line *ln)
{
	size_t i, n = 0;

	for (i = 0; i < ln->len; i++)
		if (((unsigned char)ln->s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static char last_char(const struct line *ln)
{
	return ln->len ? ln->s[ln->len - 1] : '\0';
}

static bool ends_sentence(const struct line *ln)
{
	char c = last_char(ln);

	return c == '.' || c == '!' || c == '?' || c == ':';
}

static bool is_prose(const struct line *ln)
{
	return line_words(ln) >= PROSE_MIN_WORDS &&
	       (ends_sentence(ln) || line_width(ln) >= PROSE_MIN_WIDTH);
}

/* "65 (82)": page n of m, printed wherever the page broke. */
static bool is_page_number(const struct line *ln)
{
	struct word a, b, c;
	size_t pos = 0, i;

	if (!next_word(ln, &pos, &a) || !next_word(ln, &pos, &b) || next_word(ln, &pos, &c))
		return false;
	for (i = 0; i < a.len; i++)
		if (!is_digit(a.s[i]))
			return false;
	if (b.len < 3 || b.s[0] != '(' || b.s[b.len - 1] != ')')
		return false;
	for (i = 1; i + 1 < b.len; i++)
		if (!is_digit(b.s[i]))
			return false;
	return a.len > 0 && a.len <= 4;
}

static bool value_only(const struct line *ln)
{
	struct word w;
	size_t pos = 0, n = 0;

	while (next_word(ln, &pos, &w)) {
		if (!is_value_word(&w))
			return false;
		n++;
	}
	return n > 0;
}

/* "Indikator ID-nr. Mål 2024 2023 2022": fills t with the year columns.
 * Returns the number of years (possibly more than MAX_COLS), 0 if ln is no
 * header. */
static int parse_header(const struct line *ln, struct table *t)
{
	struct word w;
	size_t pos = 0;
	int n = 0;

	if (!next_word(ln, &pos, &w) || !word_is_ci(&w, "Indikator"))
		return 0;
	if (!next_word(ln, &pos, &w) || w.len < 5)
		return 0;
	w.len = 5; /* "ID-nr." or "ID-nr" */
	if (!word_is_ci(&w, "ID-nr"))
		return 0;
	if (!next_word(ln, &pos, &w))
		return 0;
	t->has_target = word_is(&w, "Mål") || word_is(&w, "Målnivå") || word_is(&w, "MÅL");
	if (t->has_target && !next_word(ln, &pos, &w))
		return 0;
	do {
		int y = 0;
		size_t i;

		if (w.len != 4)
			return 0;
		for (i = 0; i < 4; i++) {
			if (!is_digit(w.s[i]))
				return 0;
			y = y * 10 + (w.s[i] - '0');
		}
		if (y < 1900 || y > 2199)
			return 0;
		if (n < MAX_COLS)
			t->year[n] = y;
		n++;
	} while (next_word(ln, &pos, &w));
	t->ncols = n < MAX_COLS ? n : MAX_COLS;
	return n;
}

static bool is_header(const struct line *ln)
{
	struct table t;

	return ln->kind == LINE_TEXT && parse_header(ln, &t) > 0;
}

/* The row anchor on ln: the first ID-nr, or a lone "*" standing where the
 * ID-nr would (at the start of the line or after text, not after a value).
 * An ID-nr inside prose is no anchor.  Returns the word index in *aw. */
static bool line_anchor(const struct line *ln, size_t *aw, struct word *anchor)
{
	struct word w, prev = {0}, next;
	size_t pos = 0, i = 0, npos;
	int prose = -1;

	if (ln->kind != LINE_TEXT)
		return false;
	for (; next_word(ln, &pos, &w); prev = w, i++) {
		bool star = word_is(&w, "*") && (i == 0 || !is_value_word(&prev));

		if (!is_code(&w) && !star)
			continue;
		npos = pos;
		if (next_word(ln, &npos, &next) && !target_like(&next)) {
			if (prose < 0)
				prose = is_prose(ln);
			if (prose)
				continue;
		}
		*aw = i;
		*anchor = w;
		return true;
	}
	return false;
}

static bool has_anchor(const struct line *ln)
{
	struct word w;
	size_t aw;

	return line_anchor(ln, &aw, &w);
}

/* ---- output ------------------------------------------------------------ */

/* A fixed-size text being built; truncates on a UTF-8 character boundary
 * and then takes nothing more, so a field never ends in half a character. */
struct sb {
	char *p;
	size_t size, len;
	bool full;
};

static void sb_init(struct sb *b, char *p, size_t size)
{
	b->p = p;
	b->size = size;
	b->len = 0;
	b->full = false;
	p[0] = '\0';
}

static void sb_add(struct sb *b, const char *s, size_t n)
{
	size_t room = b->size - 1 - b->len;

	if (b->full)
		return;
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		b->full = true;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Words of a suspended compound ("hälso- och sjukvård") that keep the space
 * after a hyphen at the end of a line. */
static const char *const conjunctions[] = {"och",    "eller", "samt", "resp.", "respektive",
                                           "liksom", "som",   "till", NULL};

/* Append w with one space before it.  In names and headings a word broken
 * by the PDF at a hyphen ("SVF-" / "patienter", "1-" / "30 dagar") is
 * joined without a space unless it is a suspended compound. */
static void sb_word(struct sb *b, const struct word *w, bool dehyphen)
{
	if (b->len > 0) {
		bool joined = dehyphen && w->first && b->len >= 2 && b->p[b->len - 1] == '-' &&
		              b->p[b->len - 2] != ' ' && !word_in(w, conjunctions);

		if (!joined)
			sb_add(b, " ", 1);
	}
	sb_add(b, w->s, w->len);
}

static void sb_words(struct sb *b, const struct word *v, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		sb_word(b, &v[i], false);
}

static int oom(struct doc *d)
{
	return styr_error(d->err, STYR_ENOMEM, "%s: out of memory while reading the tables",
	                  d->filename);
}

/* Drop a character that truncation cut in half at the end of s. */
static void utf8_chop(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 || (lead = (unsigned char)s[i - 1]) < 0xc0)
		return;
	need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

static int too_many(struct doc *d, int line)
{
	return styr_error(d->err, STYR_ETOOBIG,
	                  "%s:%d: more than %d table rows and problems; expected an annual "
	                  "report with at most a few hundred indicators",
	                  d->filename, line, MAX_ENTRIES);
}

static int add_problem(struct doc *d, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int add_problem(struct doc *d, int line, const char *fmt, ...)
{
	struct rt_result *r = d->out;
	struct rt_problem *p;
	va_list ap;
	int n;

	if (r->nrows + r->nproblems >= MAX_ENTRIES)
		return too_many(d, line);
	if (styr_array_grow((void **)&r->problems, &d->problems_cap, r->nproblems, sizeof(*p),
	                    NULL))
		return oom(d);
	p = &r->problems[r->nproblems++];
	p->line = line;
	va_start(ap, fmt);
	n = vsnprintf(p->reason, sizeof(p->reason), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(p->reason))
		utf8_chop(p->reason);
	return STYR_OK;
}

static int push_word(struct doc *d, struct words *ws, const struct word *w)
{
	if (styr_array_grow((void **)&ws->v, &ws->cap, ws->n, sizeof(*w), NULL))
		return oom(d);
	ws->v[ws->n++] = *w;
	return STYR_OK;
}

/* The words from word index `skip` of line `from` up to line `to`
 * (exclusive), page-number lines left out. */
static int collect(struct doc *d, size_t from, size_t skip, size_t to, struct words *ws)
{
	bool blank = false;
	size_t k, pos, i;
	struct word w;
	int rc;

	for (k = from; k < to; k++) {
		const struct line *ln = &d->lines[k];

		if (ln->kind == LINE_BLANK)
			blank = true;
		if (ln->kind != LINE_TEXT)
			continue;
		for (pos = 0, i = 0; next_word(ln, &pos, &w); i++) {
			if (k == from && i < skip)
				continue;
			w.line = k;
			w.para = w.first && blank;
			if ((rc = push_word(d, ws, &w)))
				return rc;
		}
		blank = false;
	}
	return STYR_OK;
}

/* ---- table structure --------------------------------------------------- */

/* From line `from`, the next line with a row anchor before the table ends.
 * On false, *end is the line after the table's last text line.  The first
 * row may stand after any number of blank lines below the header. */
static bool next_anchor(const struct doc *d, size_t from, bool first_row, size_t *at, size_t *end)
{
	size_t k, last = from, blanks = 0, texts = 0;
	bool page = false;

	for (k = from; k < d->nlines; k++) {
		const struct line *ln = &d->lines[k];

		if (ln->kind == LINE_BLANK || ln->kind == LINE_PAGE) {
			if (ln->kind == LINE_BLANK)
				blanks++;
			else
				page = true;
			continue;
		}
		/* Below the header, blank lines before the first name are
		 * layout; after that, two of them end the table. */
		if (blanks >= 2 && !page && (!first_row || texts > 0))
			break;
		if (has_anchor(ln)) {
			*at = k;
			return true;
		}
		if (is_header(ln) || is_prose(ln) || (first_row && texts >= MAX_NAME_LINES))
			break;
		blanks = 0;
		page = false;
		texts++;
		last = k + 1;
	}
	*end = last;
	return false;
}

/* The first line of the name block of the row anchored at word aw of line
 * L, no higher than line lo.  The block is the run of text lines directly
 * above; when the ID-nr starts its line, the name may stand one blank line
 * above it ("genomförda återbesök" / "" / "ID0139 >88").  A page break
 * between name and anchor is crossed.  Returns L when there is no block. */
static size_t name_start(const struct doc *d, size_t L, size_t aw, size_t lo)
{
	size_t j = L, k, n = 0, blanks = 0;
	bool page = false;

	while (j > lo && d->lines[j - 1].kind != LINE_TEXT) {
		if (d->lines[j - 1].kind == LINE_PAGE)
			page = true;
		else
			blanks++;
		j--;
	}
	if (!page && blanks > (aw == 0 ? 1u : 0u))
		return L;
	for (k = j; k > lo && n < MAX_NAME_LINES; k--) {
		const struct line *ln = &d->lines[k - 1];

		if (ln->kind == LINE_PAGE)
			continue;
		if (ln->kind != LINE_TEXT || has_anchor(ln) || value_only(ln) || is_prose(ln) ||
		    is_header(ln))
			break;
		n++;
	}
	if (n == 0)
		return L;
	while (d->lines[k].kind != LINE_TEXT)
		k++;
	return k;
}

/* Leading bullets of a heading ("➢ Effektivt omhändertagande ..."). */
static const char *const bullets[] = {
    "\xe2\x9e\xa2", "\xe2\x80\xa2", "-", "\xe2\x80\x93", "*", "\xef\x82\xb7", NULL};

/* The heading of the table at header h: the nearest short block of lines
 * above it that does not read as prose (no line ending a sentence, at most
 * MAX_HEADING_LINES lines).  A paragraph whose last line ends with a full
 * stop gives no heading: it is text about the table, not its title. */
static void find_heading(const struct doc *d, size_t h, char *out, size_t size)
{
	struct sb b;
	struct word w;
	size_t k = h, top, i, pos;
	bool any_text = false;

	sb_init(&b, out, size);
	for (i = d->prev_end; d->have_prev && i < h; i++)
		if (d->lines[i].kind == LINE_TEXT)
			any_text = true;
	if (d->have_prev && d->prev_end <= h && !any_text) {
		sb_add(&b, d->prev_heading, strlen(d->prev_heading));
		return;
	}
	while (k > 0 && d->lines[k - 1].kind != LINE_TEXT)
		k--;
	for (top = k; top > 0 && k - top <= MAX_HEADING_LINES; top--) {
		const struct line *ln = &d->lines[top - 1];

		if (ln->kind != LINE_TEXT || ends_sentence(ln) || has_anchor(ln) ||
		    value_only(ln) || is_header(ln))
			break;
	}
	if (top == k || k - top > MAX_HEADING_LINES)
		return;
	for (i = top; i < k; i++) {
		bool lead = true;

		for (pos = 0; next_word(&d->lines[i], &pos, &w);) {
			if (lead && i == top && word_in(&w, bullets))
				continue;
			lead = false;
			sb_word(&b, &w, true);
		}
	}
}

/* ---- cells ------------------------------------------------------------- */

enum cell_kind { C_NUM, C_DASH, C_X, C_TEXT, C_COMP };

struct atom {
	enum cell_kind kind;
	size_t w0, w1;          /* word range */
	bool lead, cont, group; /* C_NUM: may start / be continued by / be a thousands group */
};

struct atoms {
	struct atom *v;
	size_t n, cap;
};

enum fit_result { FIT_EXACT, FIT_SHORT, FIT_AMBIGUOUS, FIT_TOO_MANY, FIT_EMPTY };

struct span {
	enum cell_kind kind;
	size_t w0, w1;
};

struct fit {
	enum fit_result r;
	size_t ncells, natoms;
	struct span cell[MAX_COLS];
};

static bool is_andel(const struct word *w)
{
	return word_is_ci(w, "Andel:");
}

static int push_atom(struct doc *d, struct atoms *a, enum cell_kind kind, size_t w0, size_t w1)
{
	if (styr_array_grow((void **)&a->v, &a->cap, a->n, sizeof(*a->v), NULL))
		return oom(d);
	a->v[a->n++] = (struct atom){.kind = kind, .w0 = w0, .w1 = w1};
	return STYR_OK;
}

static bool same_words(const struct word *v, size_t a, size_t b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[a + i].len != v[b + i].len || memcmp(v[a + i].s, v[b + i].s, v[a + i].len))
			return false;
	return true;
}

/* A run of text words is one cell, unless it is the same text repeated:
 * "Vi har inga <18 år" printed in every year column reads as one run. */
static size_t repeats(const struct word *v, size_t from, size_t to, int ncols)
{
	size_t n = to - from, k, i;

	for (k = (size_t)ncols; k > 1; k--) {
		if (n % k)
			continue;
		for (i = 1; i < k; i++)
			if (!same_words(v, from, from + i * (n / k), n / k))
				break;
		if (i == k)
			return k;
	}
	return 1;
}

static bool is_text_word(const struct word *w)
{
	return !is_andel(w) && !is_dash(w) && !is_x(w) && !is_number(w);
}

static int atomize(struct doc *d, const struct words *ws, size_t from, size_t to, int ncols,
                   struct atoms *a)
{
	const struct word *v = ws->v;
	size_t i = from, j, k, parts;
	int rc;

	while (i < to) {
		if (is_andel(&v[i])) {
			for (j = i + 1; j < to && !is_andel(&v[j]); j++)
				;
			rc = push_atom(d, a, C_COMP, i, j);
		} else if (is_dash(&v[i])) {
			j = i + 1;
			rc = push_atom(d, a, C_DASH, i, j);
		} else if (is_x(&v[i])) {
			j = i + 1;
			rc = push_atom(d, a, C_X, i, j);
		} else if (is_number(&v[i])) {
			struct shape sh = num_shape(&v[i]);

			j = i + 1;
			/* "71,8 %": the sign wrapped or was spaced off. */
			if (!sh.pct && j < to && word_is(&v[j], "%")) {
				sh.pct = true;
				j++;
			}
			rc = push_atom(d, a, C_NUM, i, j);
			if (!rc) {
				struct atom *t = &a->v[a->n - 1];

				t->cont = !sh.frac && !sh.pct;
				t->lead = t->cont && sh.intdigits <= 3;
				t->group = !sh.sign && sh.intdigits == 3;
			}
		} else {
			for (j = i; j < to && is_text_word(&v[j]); j++)
				;
			parts = repeats(v, i, j, ncols);
			for (k = 0, rc = 0; k < parts && !rc; k++)
				rc = push_atom(d, a, C_TEXT, i + k * ((j - i) / parts),
				               i + (k + 1) * ((j - i) / parts));
		}
		if (rc)
			return rc;
		i = j;
	}
	return STYR_OK;
}

/* How far a cell starting at atom i can reach: a 1-3 digit number takes
 * following 3-digit groups printed one space after it on the same line. */
static size_t chain_end(const struct atom *a, size_t n, const struct word *v, size_t i)
{
	size_t e = i + 1;

	if (a[i].kind != C_NUM || !a[i].lead)
		return e;
	while (e < n && a[e].kind == C_NUM && a[e].group && a[e - 1].cont &&
	       v[a[e].w0].line == v[a[e - 1].w0].line && !v[a[e].w0].first && v[a[e].w0].gap == 1)
		e++;
	return e;
}

/* Cut words [from, to) into ncols cells; see the comment at the top. */
static int fit_cells(struct doc *d, const struct words *ws, size_t from, size_t to, int ncols,
                     struct fit *f)
{
	unsigned char(*ways)[MAX_COLS + 1] = NULL;
	struct atoms a = {0};
	bool grouping = false;
	size_t i, e, n;
	int c, rc;

	memset(f, 0, sizeof(*f));
	rc = atomize(d, ws, from, to, ncols, &a);
	if (rc)
		goto out;
	n = f->natoms = a.n;
	if (n == 0) {
		f->r = FIT_EMPTY;
		goto out;
	}
	/* ways[i][c]: partitions of atoms i.. into c cells, counted up to 2. */
	ways = calloc(n + 1, sizeof(*ways));
	if (!ways) {
		rc = oom(d);
		goto out;
	}
	ways[n][0] = 1;
	for (i = n; i-- > 0;) {
		size_t emax = chain_end(a.v, n, ws->v, i);

		if (emax > i + 1)
			grouping = true;
		for (e = i + 1; e <= emax; e++)
			for (c = 1; c <= ncols; c++) {
				unsigned sum = (unsigned)ways[i][c] + ways[e][c - 1];

				ways[i][c] = (unsigned char)(sum > 2 ? 2 : sum);
			}
	}
	if (ways[0][ncols] == 1) {
		f->r = FIT_EXACT;
		for (i = 0, c = ncols; c > 0; c--) {
			size_t emax = chain_end(a.v, n, ws->v, i);

			for (e = i + 1; e <= emax && !ways[e][c - 1]; e++)
				;
			f->cell[f->ncells++] = (struct span){a.v[i].kind, a.v[i].w0, a.v[e - 1].w1};
			i = e;
		}
	} else if (ways[0][ncols] == 0 && n < (size_t)ncols && !grouping) {
		f->r = FIT_SHORT;
		for (i = 0; i < n; i++)
			f->cell[f->ncells++] = (struct span){a.v[i].kind, a.v[i].w0, a.v[i].w1};
	} else if (ways[0][ncols] == 0 && n > (size_t)ncols) {
		f->r = FIT_TOO_MANY;
	} else {
		f->r = FIT_AMBIGUOUS;
	}
out:
	free(ways);
	free(a.v);
	return rc;
}

/* The number text handed to styr_num_parse: words joined by one space, a
 * separated "%" put back against the number ("71,8 %" -> "71,8%"). */
static void number_text(const struct word *v, size_t w0, size_t w1, char *buf, size_t size)
{
	struct sb b;
	size_t i;

	sb_init(&b, buf, size);
	for (i = w0; i < w1; i++) {
		if (i > w0 && !word_is(&v[i], "%"))
			sb_add(&b, " ", 1);
		sb_add(&b, v[i].s, v[i].len);
	}
}

static void set_missing(struct rt_cell *c, enum styr_num_kind kind, const char *reason)
{
	memset(&c->num, 0, sizeof(c->num));
	c->num.kind = kind;
	snprintf(c->missing_reason, sizeof(c->missing_reason), "%s", reason);
}

/* A number after a label inside a composite cell: the word after it, with
 * following thousands groups and a separated "%".  Returns the end. */
static size_t labelled_number(const struct word *v, size_t i, size_t end)
{
	size_t j = i;

	if (j >= end || !is_number(&v[j]))
		return i;
	for (j++; j < end; j++) {
		struct shape sh = num_shape(&v[j]);

		if (word_is(&v[j], "%")) {
			j++;
			break;
		}
		if (!sh.ok || sh.sign || sh.intdigits != 3 || v[j].first || v[j].gap != 1)
			break;
	}
	return j;
}

/* A letter, ASCII or Swedish/Latin-1 (UTF-8 lead bytes 0xc3, 0xc5). */
static bool has_letter(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == 0xc3 || c == 0xc5)
			return true;
	}
	return false;
}

/* Fill one cell; false (with *bad set to the offending word) when a number
 * is refused by styr_num_parse. */
static bool fill_cell(const struct words *ws, const struct span *sp, struct rt_cell *c,
                      struct styr_err *perr, const struct word **bad)
{
	const struct word *v = ws->v;
	char num[128];
	struct sb b;
	bool have_value;
	size_t i, e;

	memset(c, 0, sizeof(*c));
	sb_init(&b, c->text, sizeof(c->text));
	sb_words(&b, v, sp->w0, sp->w1);
	switch (sp->kind) {
	case C_NUM:
		number_text(v, sp->w0, sp->w1, num, sizeof(num));
		*bad = &v[sp->w0];
		return styr_num_parse(num, &c->num, perr) == STYR_OK;
	case C_DASH:
		set_missing(c, STYR_NUM_MISSING, c->text);
		return true;
	case C_X:
		set_missing(c, STYR_NUM_SUPPRESSED, c->text);
		return true;
	case C_TEXT:
		/* "Vi har inga <18 år" and "<5" say why there is no value;
		 * "8#,3" is a number gone wrong, for the parser to refuse. */
		if (!has_letter(c->text) && !starts_with_operator(&v[sp->w0])) {
			*bad = &v[sp->w0];
			return styr_num_parse(c->text, &c->num, perr) == STYR_OK;
		}
		set_missing(c, STYR_NUM_MISSING, c->text);
		return true;
	case C_COMP:
		/* Until an "Andel:" number turns up, the cell is text. */
		set_missing(c, STYR_NUM_MISSING, c->text);
		have_value = false;
		for (i = sp->w0; i < sp->w1; i++) {
			bool andel = is_andel(&v[i]), antal = word_is_ci(&v[i], "Antal:");
			struct styr_num n;

			if (!andel && !antal)
				continue;
			e = labelled_number(v, i + 1, sp->w1);
			if (e == i + 1)
				continue;
			number_text(v, i + 1, e, num, sizeof(num));
			*bad = &v[i + 1];
			if (styr_num_parse(num, &n, perr))
				return false;
			if (andel && !have_value) {
				have_value = true;
				c->num = n;
				c->missing_reason[0] = '\0';
			} else if (antal && !c->has_numerator) {
				c->has_numerator = true;
				c->numerator = n.value;
			}
		}
		return true;
	}
	return true;
}

/* Order of rows by everything printed: equal rows are the same row. */
static int row_cmp(const struct rt_row *a, const struct rt_row *b)
{
	int i, c;

	if ((c = strcmp(a->code, b->code)) || (c = strcmp(a->name, b->name)) ||
	    (c = strcmp(a->target, b->target)))
		return c;
	if (a->ncols != b->ncols)
		return a->ncols < b->ncols ? -1 : 1;
	for (i = 0; i < a->ncols; i++) {
		if (a->year[i] != b->year[i])
			return a->year[i] < b->year[i] ? -1 : 1;
		if ((c = strcmp(a->cell[i].text, b->cell[i].text)) ||
		    (c = strcmp(a->cell[i].missing_reason, b->cell[i].missing_reason)))
			return c;
	}
	return 0;
}

/* Words [from, to) for a problem message, shortened with "…". */
static void quote_words(const struct words *ws, size_t from, size_t to, char *buf, size_t size)
{
	struct sb b;

	sb_init(&b, buf, size - 4);
	sb_words(&b, ws->v, from, to);
	if (b.full)
		memcpy(buf + b.len, "\xe2\x80\xa6", 4);
}

static void year_list(const struct table *t, char *buf, size_t size)
{
	struct sb b;
	char y[16];
	int i;

	sb_init(&b, buf, size);
	for (i = 0; i < t->ncols; i++) {
		snprintf(y, sizeof(y), "%s%d", i ? " " : "", t->year[i]);
		sb_add(&b, y, strlen(y));
	}
}

/* The words after the ID-nr that make the "Mål" cell; returns the end. */
static size_t target_end(const struct words *ws)
{
	const struct word *v = ws->v;
	size_t i = 0;

	if (ws->n == 0)
		return 0;
	if (is_dash(&v[0]))
		return 1;
	if (word_in(&v[0], operators) && ws->n > 1 && is_digit(v[1].s[0]))
		i = 2;
	else
		i = 1;
	while (i < ws->n && word_in(&v[i], target_tails))
		i++;
	return i;
}

/* One row: anchor at word aw of line L, name no higher than line lo,
 * target and values up to line rend.  `last` allows cutting trailing text
 * that is not part of the table. */
static int read_row(struct doc *d, const struct table *t, size_t L, size_t lo, size_t rend,
                    bool last)
{
	const struct line *al = &d->lines[L];
	struct words ws = {0}, nw = {0};
	struct rt_row row;
	struct word anchor;
	struct fit f;
	struct sb b;
	size_t aw, first, tend, i, cuts;
	char years[64], quoted[96];
	int rc, c;

	memset(&row, 0, sizeof(row));
	line_anchor(al, &aw, &anchor);
	row.line = al->no;

	/* The name: its block of lines and the words before the anchor. */
	first = name_start(d, L, aw, lo);
	if ((rc = collect(d, first, 0, L + 1, &nw)))
		goto out;
	sb_init(&b, row.name, sizeof(row.name));
	for (i = 0; i + (line_words(al) - aw) < nw.n; i++)
		sb_word(&b, &nw.v[i], true);

	if (word_is(&anchor, "*")) {
		rc = add_problem(d, row.line, "row has no ID-nr (marked *)");
		goto out;
	}
	snprintf(row.code, sizeof(row.code), "%.*s", (int)anchor.len, anchor.s);
	snprintf(row.heading, sizeof(row.heading), "%s", t->heading);
	row.ncols = t->ncols;
	memcpy(row.year, t->year, sizeof(row.year));

	if ((rc = collect(d, L, aw + 1, rend, &ws)))
		goto out;
	tend = t->has_target ? target_end(&ws) : 0;
	if (t->has_target && tend == 0) {
		rc = add_problem(d, row.line, "%s: no target or values after the ID-nr", row.code);
		goto out;
	}
	sb_init(&b, row.target, sizeof(row.target));
	if (tend)
		sb_words(&b, ws.v, 0, tend);
	else
		sb_add(&b, "-", 1);

	if ((rc = fit_cells(d, &ws, tend, ws.n, t->ncols, &f)))
		goto out;
	/* A caption or short heading after the last row is not a value: cut
	 * back to the paragraph boundary that makes the values fit. */
	for (i = ws.n, cuts = 0; last && f.r != FIT_EXACT && cuts < MAX_CUTS && i-- > tend + 1;) {
		struct fit g;

		if (!ws.v[i].para)
			continue;
		cuts++;
		if ((rc = fit_cells(d, &ws, tend, i, t->ncols, &g)))
			goto out;
		if (g.r == FIT_EXACT)
			f = g;
	}
	year_list(t, years, sizeof(years));
	switch (f.r) {
	case FIT_EXACT:
	case FIT_SHORT:
		break;
	case FIT_EMPTY:
		rc = add_problem(d, row.line, "%s: no values after the target \"%s\"", row.code,
		                 row.target);
		goto out;
	case FIT_TOO_MANY:
		quote_words(&ws, tend, ws.n, quoted, sizeof(quoted));
		rc = add_problem(d, row.line, "%s: %zu values for %d year columns (%s): \"%s\"",
		                 row.code, f.natoms, t->ncols, years, quoted);
		goto out;
	case FIT_AMBIGUOUS:
		quote_words(&ws, tend, ws.n, quoted, sizeof(quoted));
		rc = add_problem(d, row.line,
		                 "%s: values \"%s\" do not split into the %d year columns (%s) in "
		                 "one way only: a space may separate thousands or two values",
		                 row.code, quoted, t->ncols, years);
		goto out;
	}
	for (c = 0; c < t->ncols; c++) {
		struct styr_err perr;
		const struct word *bad = NULL;

		if ((size_t)c >= f.ncells) {
			set_missing(&row.cell[c], STYR_NUM_MISSING, "not printed");
			continue;
		}
		styr_err_init(&perr);
		if (!fill_cell(&ws, &f.cell[c], &row.cell[c], &perr, &bad)) {
			rc = add_problem(d, bad ? d->lines[bad->line].no : row.line, "%s: %d: %s",
			                 row.code, t->year[c], perr.msg);
			goto out;
		}
	}
	if (d->out->nrows + d->out->nproblems >= MAX_ENTRIES) {
		rc = too_many(d, row.line);
		goto out;
	}
	if (styr_array_grow((void **)&d->out->rows, &d->rows_cap, d->out->nrows, sizeof(row),
	                    NULL)) {
		rc = oom(d);
		goto out;
	}
	d->out->rows[d->out->nrows++] = row;
out:
	free(ws.v);
	free(nw.v);
	return rc;
}

/* The table whose header is line h; *resume is the line after it. */
static int read_table(struct doc *d, size_t h, size_t *resume)
{
	struct table t;
	size_t L, L2, end, rend, lo = h + 1;
	bool more;
	int n, rc;

	memset(&t, 0, sizeof(t));
	n = parse_header(&d->lines[h], &t);
	*resume = h + 1;
	if (n > MAX_COLS)
		return add_problem(d, d->lines[h].no,
		                   "table header has %d year columns; at most %d are supported", n,
		                   MAX_COLS);
	find_heading(d, h, t.heading, sizeof(t.heading));
	if (!next_anchor(d, h + 1, true, &L, &end)) {
		*resume = end > h ? end : h + 1;
		return add_problem(d, d->lines[h].no, "table has no rows with an ID-nr");
	}
	for (;;) {
		more = next_anchor(d, L + 1, false, &L2, &end);
		if (more) {
			size_t aw;
			struct word w;

			line_anchor(&d->lines[L2], &aw, &w);
			rend = name_start(d, L2, aw, L + 1);
		} else {
			rend = end;
		}
		if ((rc = read_row(d, &t, L, lo, rend, !more)))
			return rc;
		if (!more)
			break;
		lo = L + 1;
		L = L2;
	}
	*resume = end;
	d->have_prev = true;
	d->prev_end = end;
	snprintf(d->prev_heading, sizeof(d->prev_heading), "%s", t.heading);
	return STYR_OK;
}

/* ---- after the tables ------------------------------------------------ */

struct rowref {
	const struct rt_row *row;
	size_t i;
};

static int rowref_cmp(const void *x, const void *y)
{
	const struct rowref *a = x, *b = y;
	int c = row_cmp(a->row, b->row);

	if (c)
		return c;
	return (a->i > b->i) - (a->i < b->i);
}

/* The same row printed twice (same ID-nr, name, target and cells) is one
 * row: the later ones become problems "duplicate of line N".  A second row
 * with other figures stays a row for the importer to decide about.  Sorting
 * rather than comparing every pair keeps a long file from costing
 * quadratic time. */
static int drop_duplicates(struct doc *d)
{
	struct rt_result *r = d->out;
	struct rowref *v;
	bool *dup;
	size_t i, k, first = 0;
	int rc = STYR_OK;

	if (r->nrows < 2)
		return STYR_OK;
	v = calloc(r->nrows, sizeof(*v));
	dup = calloc(r->nrows, sizeof(*dup));
	if (!v || !dup) {
		rc = oom(d);
		goto out;
	}
	for (i = 0; i < r->nrows; i++)
		v[i] = (struct rowref){&r->rows[i], i};
	qsort(v, r->nrows, sizeof(*v), rowref_cmp);
	for (i = 1; i < r->nrows && !rc; i++) {
		if (row_cmp(v[first].row, v[i].row)) {
			first = i;
			continue;
		}
		dup[v[i].i] = true;
		rc = add_problem(d, v[i].row->line, "%s: duplicate of line %d", v[i].row->code,
		                 v[first].row->line);
	}
	for (i = 0, k = 0; i < r->nrows && !rc; i++)
		if (!dup[i])
			r->rows[k++] = r->rows[i];
	if (!rc)
		r->nrows = k;
out:
	free(v);
	free(dup);
	return rc;
}

struct probref {
	struct rt_problem p;
	size_t seq;
};

static int probref_cmp(const void *x, const void *y)
{
	const struct probref *a = x, *b = y;

	if (a->p.line != b->p.line)
		return a->p.line < b->p.line ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Problems in the order of the file, as a person reads down it. */
static int sort_problems(struct doc *d)
{
	struct rt_result *r = d->out;
	struct probref *v;
	size_t i;

	if (r->nproblems < 2)
		return STYR_OK;
	v = calloc(r->nproblems, sizeof(*v));
	if (!v)
		return oom(d);
	for (i = 0; i < r->nproblems; i++)
		v[i] = (struct probref){r->problems[i], i};
	qsort(v, r->nproblems, sizeof(*v), probref_cmp);
	for (i = 0; i < r->nproblems; i++)
		r->problems[i] = v[i].p;
	free(v);
	return STYR_OK;
}

/* ---- input ------------------------------------------------------------- */

/* Offset of the first byte that is not valid UTF-8 (or is NUL), len if all
 * is well.  Overlong forms and surrogates are refused like any bad byte. */
static size_t utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	uint32_t cp, min;

	while (i < len) {
		unsigned c = s[i];

		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

static int split_lines(const char *text, size_t len, struct line **out, size_t *nout)
{
	size_t n = 1, i, start = 0, k = 0;
	struct line *v;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	v = calloc(n, sizeof(*v));
	if (!v)
		return -1;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	for (i = start; i <= len; i++) {
		struct line *ln;
		struct word w;
		size_t pos = 0, e;

		if (i < len && text[i] != '\n')
			continue;
		ln = &v[k];
		ln->s = text + start;
		ln->no = (int)(k + 1);
		/* Trailing white space, no-break spaces included, is noise. */
		for (e = i - start; e > 0;) {
			if (space_at(ln->s, e, e - 1) == 1)
				e--;
			else if (e >= 2 && space_at(ln->s, e, e - 2) == 2)
				e -= 2;
			else if (e >= 3 && space_at(ln->s, e, e - 3) == 3)
				e -= 3;
			else
				break;
		}
		ln->len = e;
		if (!next_word(ln, &pos, &w))
			ln->kind = LINE_BLANK;
		else if (is_page_number(ln))
			ln->kind = LINE_PAGE;
		else
			ln->kind = LINE_TEXT;
		k++;
		start = i + 1;
	}
	*out = v;
	*nout = k;
	return 0;
}

int rt_parse(const char *text, size_t len, const char *filename, struct rt_result *out,
             struct styr_err *err)
{
	struct line *lines = NULL;
	struct doc d;
	size_t nlines, i, bad, resume;
	bool found = false;
	int rc = STYR_OK;

	memset(out, 0, sizeof(*out));
	if (!filename)
		filename = "-";
	bad = utf8_check((const unsigned char *)text, len);
	if (bad < len) {
		size_t line = 1;

		for (i = 0; i < bad; i++)
			if (text[i] == '\n')
				line++;
		if (text[bad] == '\0')
			return styr_error(err, STYR_EINPUT,
			                  "%s:%zu: NUL byte; expected a UTF-8 text extract",
			                  filename, line);
		return styr_error(err, STYR_EINPUT,
		                  "%s:%zu: invalid UTF-8 (byte 0x%02x); expected a UTF-8 text "
		                  "extract",
		                  filename, line, (unsigned char)text[bad]);
	}
	if (split_lines(text, len, &lines, &nlines))
		return styr_error(err, STYR_ENOMEM, "%s: out of memory while reading the tables",
		                  filename);
	memset(&d, 0, sizeof(d));
	d.filename = filename;
	d.lines = lines;
	d.nlines = nlines;
	d.out = out;
	d.err = err;
	for (i = 0; i < nlines && !rc;) {
		if (!is_header(&lines[i])) {
			struct word w;
			size_t aw;

			/* A row that strayed outside every table (two blank lines
			 * inside a table, a lost header) is reported, not lost. */
			if (line_anchor(&lines[i], &aw, &w) && is_code(&w))
				rc = add_problem(
				    &d, lines[i].no,
				    "%.*s: row outside an indicator table (no \"Indikator "
				    "ID-nr. Mål ...\" header above it)",
				    (int)w.len, w.s);
			i++;
			continue;
		}
		found = true;
		rc = read_table(&d, i, &resume);
		i = resume > i ? resume : i + 1;
	}
	if (!rc && found)
		rc = drop_duplicates(&d);
	if (!rc && found)
		rc = sort_problems(&d);
	if (!rc && !found)
		rc = styr_error(err, STYR_EINPUT,
		                "%s:1: no indicator table; expected a header line such as "
		                "\"Indikator ID-nr. Mål 2024 2023 2022\"",
		                filename);
	free(lines);
	if (rc)
		rt_result_release(out);
	return rc;
}

void rt_result_release(struct rt_result *r)
{
	if (!r)
		return;
	free(r->rows);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
