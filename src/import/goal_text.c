/*
 * Uppdrag tables in the text extract of a region's verksamhetsplan.
 *
 * Seed 003's Uppföljningsplan prints what the regionfullmäktige asks of
 * its boards as a three-column table: "Mål och insatsområde", "Delmål och
 * uppdrag", "Ansvarig nämnd/styrelse", one table per övergripande mål
 * (the capitalised heading above it, "TILLGÄNGLIGHET OCH KVALITET").  The
 * extraction keeps each cell as its own paragraph, in reading order, but
 * where a cell's first line shares its line with the next cell's the two
 * are printed on one line: "Ohälsosamma levnadsvanor ska minska. Hälso-
 * och sjukvårdsnämnden, samtliga …" or even all three, "God tillgänglighet
 * Följsamhet till vårdgarantin. Hälso- och sjukvårdsnämnden, …".
 *
 * So the parser reads paragraphs and asks what each one is.  A paragraph
 * that starts with a board's name (board_at, answered by the caller from
 * the organisation) is the third column and closes a row: of the text
 * paragraphs gathered since the last row, the last is the delmål or
 * uppdrag and one before it, if any, a new insatsområde.  A text paragraph
 * whose first line holds ". " and then a board's name is split there.  A
 * row that starts a paragraph after a closed row may begin with its
 * insatsområde on the same line; that is recognised only in the two shapes
 * the document prints, a short phrase (two to five words, no comma or
 * colon) followed by a capitalised word ("Säker hälso- och sjukvård
 * Minska …"), or one to three words ending in a full stop ("Klinisk
 * forskning. Den kliniska …"), because a looser rule would cut "Region
 * Skåne ska vara ledande" in two.
 *
 * "Nytt uppdrag 2024:" in front or "(Nytt uppdrag 2022.)" anywhere makes
 * the row an uppdrag new that year; other rows are delmål.  "Läs mer30"
 * and footnote digits after a full stop are cut.  Page furniture is
 * skipped: "UPPFÖLJNINGSPLAN 2024", "Forts.", URLs and footnotes
 * ("30. Riktade hälsosamtal i Skåne").  A table ends at a capitalised line
 * that names no övergripande mål.  Gathered text that never gets its
 * boards is reported as a problem, not dropped.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/goal_text.h"

#define LINE_MAX_LEN 2048
#define PARA_MAX     4096

/* Upper-case a UTF-8 letter for comparison: ASCII and å ä ö é. */
static int fold(const unsigned char **p)
{
	const unsigned char *s = *p;

	if (s[0] == 0xC3 && s[1]) {
		int c = s[1];

		*p += 2;
		if (c == 0xA5 || c == 0xA4 || c == 0xB6 || c == 0xA9)
			c -= 0x20;
		return 0x100 | c;
	}
	*p += 1;
	return toupper(s[0]);
}

int gt_casecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	const unsigned char *yend = y + n;

	/* b may be shorter than n: its NUL ends it too */
	while (*x && y < yend && *y) {
		int cx = fold(&x), cy = fold(&y);

		if (cx != cy)
			return cx - cy;
	}
	return (*x ? 1 : 0) - (y < yend && *y ? 1 : 0);
}

/* Upper case only: letters and no lower-case letter (ASCII or å ä ö é). */
static bool capitalised(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int letters = 0;

	while (*p) {
		if (p[0] == 0xC3 && p[1]) {
			if (p[1] >= 0xA0)
				return false;
			letters++;
			p += 2;
			continue;
		}
		if (islower(*p))
			return false;
		letters += isupper(*p) != 0;
		p++;
	}
	return letters >= 6;
}

static bool upper_initial(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (isupper(p[0]))
		return true;
	return p[0] == 0xC3 && p[1] >= 0x80 && p[1] < 0xA0;
}

/* Page furniture: skipped wherever it stands. */
static bool furniture(const char *s)
{
	if (!strncmp(s, "http", 4) || !strcmp(s, "Forts.") || !strcmp(s, "UPPFÖLJNINGSPLAN 2024"))
		return true;
	/* the tail of a URL broken over two lines */
	if (!strchr(s, ' ') && (strchr(s, '#') || strstr(s, ".se") || strstr(s, ".pdf")))
		return true;
	return false;
}

/* "30. Riktade hälsosamtal i Skåne": a footnote printed under the table. */
static bool footnote(const char *s)
{
	const char *p = s;

	while (isdigit((unsigned char)*p))
		p++;
	return p > s && p - s <= 2 && p[0] == '.' && p[1] == ' ' && upper_initial(p + 2);
}

struct parser {
	const char *const *headings;
	size_t nheadings;
	size_t (*board_at)(void *, const char *);
	void *ctx;
	struct gt_result *out;
	struct styr_err *err;
	bool in_table;
	int heading;       /* -1 before the first */
	bool heading_seen; /* a heading since the last table header */
	char io[512];
	int io_line;
	/* text paragraphs gathered since the last row */
	char pending[3][PARA_MAX];
	int pending_line[3];
	int npending;
	/* the paragraph being read */
	char para[32][LINE_MAX_LEN];
	int para_line;
	int nlines;
};

static int problem(struct parser *p, int line, const char *fmt, const char *arg)
{
	struct gt_problem *v =
	    realloc(p->out->problems, (p->out->nproblems + 1) * sizeof(*p->out->problems));

	if (!v)
		return styr_error(p->err, STYR_ENOMEM, "out of memory");
	p->out->problems = v;
	v[p->out->nproblems].line = line;
	snprintf(v[p->out->nproblems].reason, sizeof(v->reason), fmt, arg);
	p->out->nproblems++;
	return STYR_OK;
}

/* Append line to dst, joining a word broken at a hyphen ("upp-" +
 * "levelse") but keeping a suspended compound ("hälso-" + "och"). */
static void join(char *dst, size_t size, const char *line)
{
	size_t n = strlen(dst);

	if (!*line)
		return;
	if (n && dst[n - 1] == '/') {
		/* "Sjukresor/" + "kollektivtrafik" */
	} else if (n && dst[n - 1] == '-' && n >= 2 && dst[n - 2] != ' ' &&
	           islower((unsigned char)line[0]) && strncmp(line, "och ", 4) &&
	           strncmp(line, "eller ", 6)) {
		dst[n - 1] = '\0';
		n--;
	} else if (n && n + 1 < size) {
		dst[n++] = ' ';
		dst[n] = '\0';
	}
	snprintf(dst + n, size - n, "%s", line);
}

/* Where a board's name starts after ". " in s, or NULL. */
static const char *owners_in(struct parser *p, const char *s)
{
	const char *q;

	for (q = strstr(s, ". "); q; q = strstr(q + 1, ". ")) {
		const char *b = q + 1;

		while (*b == ' ')
			b++;
		if (p->board_at(p->ctx, b))
			return b;
	}
	return NULL;
}

/* The insatsområde at the start of a row's first line, if it is printed
 * there: returns the length of it, 0 when there is none. */
static size_t io_prefix(const char *s)
{
	const char *w = s, *sp;
	int words = 0;

	if (!strncmp(s, "Nytt uppdrag", 12))
		return 0;
	while ((sp = strchr(w, ' ')) != NULL) {
		size_t len = (size_t)(sp - s);

		words++;
		if (memchr(w, ',', (size_t)(sp - w)) || memchr(w, ':', (size_t)(sp - w)))
			return 0;
		while (*sp == ' ')
			sp++;
		if (!*sp)
			return 0;
		if (upper_initial(sp)) {
			if (s[len - 1] == '.' && words <= 3)
				return len;
			if (s[len - 1] != '.' && words >= 2 && words <= 5)
				return len;
		}
		if (s[len - 1] == '.' || words > 5)
			return 0;
		w = sp;
	}
	return 0;
}

static void trim_right(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* Remove "forts." from an insatsområde continued on a new page. */
static void strip_forts(char *s)
{
	size_t n;

	trim_right(s);
	n = strlen(s);
	if (n >= 6 && !strcmp(s + n - 6, "forts.")) {
		s[n - 6] = '\0';
		trim_right(s);
		n = strlen(s);
		if (n && s[n - 1] == ',')
			s[n - 1] = '\0';
	}
	trim_right(s);
}

/* Take the flags and references out of a delmål or uppdrag text. */
static void clean_item(struct gt_item *it)
{
	char *s = it->text, *m;
	size_t n;
	int year;

	if (sscanf(s, "Nytt uppdrag %4d:", &year) == 1) {
		it->uppdrag = true;
		it->new_year = year;
		m = strchr(s, ':') + 1;
		while (*m == ' ')
			m++;
		memmove(s, m, strlen(m) + 1);
	}
	if ((m = strstr(s, "(Nytt uppdrag ")) != NULL &&
	    sscanf(m, "(Nytt uppdrag %4d", &year) == 1) {
		char *close = strchr(m, ')');

		it->uppdrag = true;
		it->new_year = year;
		if (close)
			memmove(m, close + 1, strlen(close + 1) + 1);
	}
	if ((m = strstr(s, "Läs mer")) != NULL)
		*m = '\0';
	trim_right(s);
	/* a footnote number glued to the final full stop: "tid.5" */
	n = strlen(s);
	while (n && isdigit((unsigned char)s[n - 1]))
		n--;
	if (n && n < strlen(s) && s[n - 1] == '.')
		s[n] = '\0';
	/* "underlag. (Nytt uppdrag 2022.)" leaves "underlag. " */
	trim_right(s);
	while ((m = strstr(s, "  ")) != NULL)
		memmove(m, m + 1, strlen(m + 1) + 1);
}

/* Copy src into dst of size n if it fits; false (and dst cut to "") when
 * it does not, so that the caller reports it instead of storing half. */
static bool fit(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (len >= n) {
		dst[0] = '\0';
		return false;
	}
	memcpy(dst, src, len + 1);
	return true;
}

static int add_item(struct parser *p, const char *text, int line, const char *owners,
                    int owners_line)
{
	struct gt_item *v, *it;

	v = realloc(p->out->items, (p->out->nitems + 1) * sizeof(*v));
	if (!v)
		return styr_error(p->err, STYR_ENOMEM, "out of memory");
	p->out->items = v;
	it = &v[p->out->nitems++];
	memset(it, 0, sizeof(*it));
	it->line = line;
	it->heading = p->heading;
	memcpy(it->io, p->io, sizeof(it->io));
	it->io_line = p->io_line;
	if (!fit(it->text, sizeof(it->text), text) ||
	    !fit(it->owners, sizeof(it->owners), owners)) {
		p->out->nitems--;
		return problem(p, line, "row longer than 1023 bytes: \"%.100s\"", text);
	}
	it->owners_line = owners_line;
	clean_item(it);
	if (!p->io[0])
		return problem(p, line, "%s: no insatsområde above it", "row");
	return STYR_OK;
}

static int push_text(struct parser *p, const char *text, int line)
{
	if (p->npending == 3) {
		int rc = problem(p, p->pending_line[0],
		                 "text without a responsible board: \"%.200s\"", p->pending[0]);

		memmove(p->pending[0], p->pending[1], sizeof(p->pending[0]) * 2);
		memmove(p->pending_line, p->pending_line + 1, sizeof(int) * 2);
		p->npending--;
		if (rc)
			return rc;
	}
	snprintf(p->pending[p->npending], PARA_MAX, "%s", text);
	p->pending_line[p->npending++] = line;
	return STYR_OK;
}

/* Boards close a row: the gathered text is its delmål or uppdrag, and
 * what came before that a new insatsområde. */
static int close_row(struct parser *p, const char *owners, int line)
{
	int rc, i;

	if (p->npending == 0) {
		/* the boards of the last row, continued after a blank line */
		struct gt_item *last = p->out->nitems ? &p->out->items[p->out->nitems - 1] : NULL;

		if (!last)
			return problem(p, line, "boards without a row: \"%.200s\"", owners);
		join(last->owners, sizeof(last->owners), owners);
		return STYR_OK;
	}
	if (p->npending >= 2) {
		for (i = 0; i < p->npending - 2; i++) {
			rc = problem(p, p->pending_line[i],
			             "text without a responsible board: \"%.200s\"", p->pending[i]);
			if (rc)
				return rc;
		}
		if (!fit(p->io, sizeof(p->io), p->pending[p->npending - 2]))
			return problem(p, p->pending_line[p->npending - 2],
			               "insatsområde longer than 511 bytes: \"%.100s\"",
			               p->pending[p->npending - 2]);
		strip_forts(p->io);
		p->io_line = p->pending_line[p->npending - 2];
	}
	rc = add_item(p, p->pending[p->npending - 1], p->pending_line[p->npending - 1], owners,
	              line);
	p->npending = 0;
	return rc;
}

static int end_paragraph(struct parser *p)
{
	char text[PARA_MAX] = "", owners[PARA_MAX] = "";
	const char *first, *b;
	int i, rc = STYR_OK;

	if (!p->nlines)
		return STYR_OK;
	first = p->para[0];
	if (p->board_at(p->ctx, first)) {
		for (i = 0; i < p->nlines; i++)
			join(owners, sizeof(owners), p->para[i]);
		p->nlines = 0;
		return close_row(p, owners, p->para_line);
	}
	b = owners_in(p, first);
	if (b) {
		/* one line holds the row's text and the start of its boards */
		snprintf(text, sizeof(text), "%.*s", (int)(b - first), first);
		trim_right(text);
		for (i = 0, owners[0] = '\0'; i < p->nlines; i++)
			join(owners, sizeof(owners), i ? p->para[i] : b);
	} else {
		for (i = 0; i < p->nlines; i++)
			join(text, sizeof(text), p->para[i]);
	}
	/* Only a first line can hold two cells side by side; text starts
	 * with it. */
	if (p->npending == 0) {
		size_t n = io_prefix(b ? text : first);

		if (n) {
			char io[PARA_MAX];

			snprintf(io, sizeof(io), "%.*s", (int)n, text);
			rc = push_text(p, io, p->para_line);
			memmove(text, text + n + 1, strlen(text + n + 1) + 1);
			while (text[0] == ' ')
				memmove(text, text + 1, strlen(text));
		}
	}
	if (!rc)
		rc = push_text(p, text, p->para_line);
	if (!rc && owners[0])
		rc = close_row(p, owners, p->para_line);
	p->nlines = 0;
	return rc;
}

static int leftover(struct parser *p)
{
	int i, rc = STYR_OK;

	for (i = 0; i < p->npending && !rc; i++)
		rc = problem(p, p->pending_line[i], "text without a responsible board: \"%.200s\"",
		             p->pending[i]);
	p->npending = 0;
	return rc;
}

static int find_heading(const struct parser *p, const char *s)
{
	size_t i;

	for (i = 0; i < p->nheadings; i++)
		if (!gt_casecmp(p->headings[i], s, strlen(s)))
			return (int)i;
	return -1;
}

static int take_line(struct parser *p, const char *line, int lineno, const char *next,
                     bool *skip_next)
{
	int h, rc = STYR_OK;

	if (!strcmp(line, "Mål och") && !strncmp(next, "insatsområde Delmål och uppdrag", 31)) {
		rc = end_paragraph(p);
		/* A table page whose heading the extraction lost: its rows stay
		 * under the heading before, and a person is told to check. */
		if (!rc && !p->heading_seen && p->heading >= 0)
			rc = problem(p, lineno,
			             "a table page without a heading: its rows are kept under "
			             "\"%s\", the heading before it; check the printed document",
			             p->headings[p->heading]);
		p->heading_seen = false;
		p->in_table = true;
		*skip_next = true;
		return rc;
	}
	if (capitalised(line) && !furniture(line)) {
		h = find_heading(p, line);
		rc = end_paragraph(p);
		if (!rc && h < 0 && p->in_table) {
			rc = leftover(p);
			p->in_table = false;
		}
		if (h >= 0 && h != p->heading) {
			p->heading = h;
			p->io[0] = '\0';
		}
		p->heading_seen |= h >= 0;
		return rc;
	}
	if (!p->in_table)
		return STYR_OK;
	if (!*line || furniture(line) || footnote(line))
		return end_paragraph(p);
	if (p->nlines == 32) {
		rc = end_paragraph(p);
		if (rc)
			return rc;
	}
	if (!p->nlines)
		p->para_line = lineno;
	snprintf(p->para[p->nlines++], LINE_MAX_LEN, "%s", line);
	return STYR_OK;
}

/* Copy one line, without its line end and surrounding white space. */
static const char *next_line(const char *s, const char *end, char *buf, size_t size)
{
	const char *e = s;
	size_t n;

	while (e < end && *e != '\n')
		e++;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	n = (size_t)(e - s);
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\r' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
	return e < end ? e + 1 : end;
}

int gt_parse(const char *text, size_t len, const char *const *headings, size_t nheadings,
             size_t (*board_at)(void *ctx, const char *s), void *ctx, struct gt_result *out,
             struct styr_err *err)
{
	struct parser *p = calloc(1, sizeof(*p));
	const char *end = text + len, *s;
	char *line = malloc(LINE_MAX_LEN), *ahead = malloc(LINE_MAX_LEN);
	int lineno = 1, rc = STYR_OK;
	bool tables = false;

	memset(out, 0, sizeof(*out));
	if (!p || !line || !ahead) {
		free(p);
		free(line);
		free(ahead);
		return styr_error(err, STYR_ENOMEM, "out of memory");
	}
	p->headings = headings;
	p->nheadings = nheadings;
	p->board_at = board_at;
	p->ctx = ctx;
	p->out = out;
	p->err = err;
	p->heading = -1;
	/* line is the line being read, ahead the one after it */
	s = next_line(text, end, line, LINE_MAX_LEN);
	for (;;) {
		bool skip = false, last = s >= end;

		if (last)
			ahead[0] = '\0';
		else
			s = next_line(s, end, ahead, LINE_MAX_LEN);
		rc = take_line(p, line, lineno, ahead, &skip);
		if (rc)
			break;
		tables |= p->in_table;
		if (last)
			break;
		lineno++;
		if (skip) {
			if (s >= end)
				break;
			s = next_line(s, end, ahead, LINE_MAX_LEN);
			lineno++;
		}
		memcpy(line, ahead, LINE_MAX_LEN);
	}
	if (!rc)
		rc = end_paragraph(p);
	if (!rc)
		rc = leftover(p);
	if (!rc && !tables)
		rc = styr_error(
		    err, STYR_EINPUT,
		    "no uppdrag table: expected a header \"Mål och insatsområde Delmål och "
		    "uppdrag Ansvarig nämnd/styrelse\"");
	free(p);
	free(line);
	free(ahead);
	if (rc)
		gt_result_release(out);
	return rc;
}

/* The overview before the tables: see goal_text.h.  Paragraphs are read
 * as in the tables; the first that names a vision ("vision" … " är ")
 * starts the passage, and the bullets after it are the goals. */
static bool overview_paragraph(struct gt_overview *out, const char *para, int line,
                               bool *seen_vision)
{
	if (!*seen_vision) {
		const char *v = strstr(para, "vision");
		const char *is = v ? strstr(v, " är ") : NULL;

		if (is) {
			*seen_vision = true;
			snprintf(out->vision, sizeof(out->vision), "%.*s",
			         (int)strcspn(is + 5, "."), is + 5); /* " är " is 5 bytes */
			snprintf(out->vision_text, sizeof(out->vision_text), "%s", para);
			out->vision_line = line;
		}
		return false;
	}
	if (!strncmp(para, "•", 3)) {
		const char *t = para + 3, *colon;

		while (*t == ' ')
			t++;
		colon = strstr(t, ": ");
		if (colon && out->ngoals < GT_GOALS_MAX) {
			int g = out->ngoals++;

			snprintf(out->goals[g].title, sizeof(out->goals[g].title), "%.*s",
			         (int)(colon - t), t);
			snprintf(out->goals[g].text, sizeof(out->goals[g].text), "%s", colon + 2);
			trim_right(out->goals[g].text);
			out->goals[g].line = line;
		}
		return false;
	}
	return out->ngoals > 0; /* the list is over */
}

void gt_parse_overview(const char *text, size_t len, struct gt_overview *out)
{
	const char *end = text + len, *s = text;
	char *line = malloc(LINE_MAX_LEN), *para = malloc(PARA_MAX);
	int lineno = 0, para_line = 0;
	bool seen_vision = false, more = true;

	memset(out, 0, sizeof(*out));
	if (!line || !para) {
		free(line);
		free(para);
		return;
	}
	para[0] = '\0';
	while (more) {
		bool bullet;

		more = s < end;
		if (more) {
			s = next_line(s, end, line, LINE_MAX_LEN);
			lineno++;
		} else {
			line[0] = '\0';
		}
		bullet = !strncmp(line, "•", 3);
		if (line[0] && !(bullet && para[0])) {
			if (!para[0])
				para_line = lineno;
			join(para, PARA_MAX, line);
			continue;
		}
		/* a paragraph ends at a blank line or where the next bullet starts */
		if (para[0] && overview_paragraph(out, para, para_line, &seen_vision))
			break;
		para[0] = '\0';
		if (bullet) {
			para_line = lineno;
			join(para, PARA_MAX, line);
		}
	}
	free(line);
	free(para);
}

void gt_result_release(struct gt_result *r)
{
	free(r->items);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
