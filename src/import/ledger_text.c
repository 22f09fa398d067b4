/*
 * Resultaträkning tables in the text extract of an årsredovisning.  A PDF
 * to text extraction leaves such a table as a header whose cells are split
 * over lines ("Utfall", "", "jan-dec 2023", ...) followed by one line per
 * row: the printed label and the amounts, with a space as the thousands
 * separator, so "242 100 281 300 281 300 0 281 300" is five amounts that
 * nothing but their number and their sizes tell apart.
 *
 * So the reader works from the header: it learns the columns (kind and
 * year) in order, then splits each row's digits into exactly that many
 * amounts.  Of the possible splits it takes the one where avvikelse =
 * utfall − budget holds best (when the table prints all three), then the
 * one whose amounts are closest in size (a row's figures are of one
 * order).  A row that cannot be split is listed, not guessed.
 *
 * Which table: a header that starts with "Uppföljning" is the unit's
 * resultaträkning (table ""); a line just above it that names an org unit
 * ("Vårdval HUD") makes the table that unit's.  A header with a title of
 * its own instead ("Lönekostnader Landskrona Lasarett") is a partial
 * table, stored under a table name made from the title, because its
 * SUMMA KOSTNADER is not the resultaträkning's.  The same amount printed
 * again (the "Intäkter" table repeats the income rows) is stored once; if
 * the repetition differs it is listed.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/ledger_text.h"
#include "styr/buf.h"
#include "styr/ledger.h"

#define MAX_COLS  8
#define MAX_TOKS  48
#define TITLE_MAX 40 /* a title line is short; running text is not */

enum col_kind { C_UTFALL, C_BUDGET, C_PROGNOS, C_AVVIKELSE, C_PERCENT };
static const char *const col_kind_name[] = {"utfall", "budget", "prognos", "avvikelse", NULL};

struct column {
	enum col_kind kind;
	int year;
};

struct line {
	const char *s;
	size_t n;
};

/* A stored amount (öre), to notice the same one printed twice. */
struct seen {
	char unit[STYR_CODE_MAX], tab[STYR_CODE_MAX], row[STYR_CODE_MAX];
	int year, kind, line;
	int64_t amount;
};

struct lt {
	struct styr_db *db;
	const char *path;
	const char *unit;
	struct line *lines;
	size_t nlines;
	struct seen *seen;
	size_t nseen, capseen;
	struct styr_report_text_result *out;
	struct styr_err *err;
};

static int problem(struct lt *t, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int problem(struct lt *t, int line, const char *fmt, ...)
{
	struct styr_skipped_row *v = realloc(t->out->skipped, (t->out->nskipped + 1) * sizeof(*v));
	va_list ap;

	if (!v)
		return styr_error(t->err, STYR_ENOMEM, "out of memory");
	t->out->skipped = v;
	v[t->out->nskipped].line = line;
	va_start(ap, fmt);
	vsnprintf(v[t->out->nskipped].reason, sizeof(v[0].reason), fmt, ap);
	va_end(ap);
	t->out->nskipped++;
	return STYR_OK;
}

/* Copy line i trimmed into buf. */
static void line_text(const struct lt *t, size_t i, char *buf, size_t size)
{
	const char *s = t->lines[i].s;
	size_t n = t->lines[i].n;

	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

static int split_tokens(char *s, char **tok, int max)
{
	int n = 0;
	char *p;

	for (p = strtok(s, " \t\xc2\xa0"); p && n < max; p = strtok(NULL, " \t\xc2\xa0"))
		tok[n++] = p;
	return n;
}

/* Normalise the minus signs a PDF may print (– U+2013, − U+2212) to '-'. */
static void ascii_minus(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (!strncmp(r, "\xe2\x80\x93", 3) || !strncmp(r, "\xe2\x88\x92", 3)) {
			*w++ = '-';
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static bool is_lead(const char *t)
{
	size_t n, d = 0;

	if (*t == '-')
		t++;
	n = strlen(t);
	while (d < n && isdigit((unsigned char)t[d]))
		d++;
	return d == n && n >= 1 && n <= 3;
}

static bool is_group(const char *t)
{
	return strlen(t) == 3 && isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
	       isdigit((unsigned char)t[2]);
}

static bool is_percent(const char *t)
{
	size_t n = strlen(t);

	return n >= 2 && t[n - 1] == '%' && (isdigit((unsigned char)t[0]) || t[0] == '-');
}

/* The label of a data row: the words before its first amount, if they
 * name a row of the plan.  Returns the index of the first amount token or
 * -1. */
static int data_row(struct lt *t, char **tok, int ntok, struct styr_ledger_row *row)
{
	char label[STYR_NAME_MAX];
	struct styr_err local;
	size_t len = 0;
	int i;

	for (i = 0; i < ntok; i++) {
		if (is_lead(tok[i]) || is_percent(tok[i]))
			break;
		len += (size_t)snprintf(label + len, sizeof(label) - len, "%s%s", i ? " " : "",
		                        tok[i]);
		if (len >= sizeof(label))
			return -1;
	}
	if (i == 0 || i == ntok)
		return -1;
	styr_err_init(&local);
	if (styr_ledger_row_find(t->db, label, row, &local))
		return -1;
	return i;
}

static bool line_is_data(struct lt *t, size_t i)
{
	char buf[1024];
	char *tok[MAX_TOKS];
	struct styr_ledger_row row;
	int n;

	line_text(t, i, buf, sizeof(buf));
	ascii_minus(buf);
	n = split_tokens(buf, tok, MAX_TOKS);
	return data_row(t, tok, n, &row) > 0;
}

/* The best split of tokens into ncols amounts (see the top of the file). */
struct splitter {
	char **tok;
	int ntok, ncols;
	const struct column *cols;
	int64_t cur[MAX_COLS], best[MAX_COLS];
	double best_score;
	bool found;
};

static double score(const struct splitter *sp, const int64_t *v)
{
	double lo = 0, hi = 0, s = 0;
	int i, u = -1, b = -1, a = -1, last_utfall = 0;

	for (i = 0; i < sp->ncols; i++) {
		double m = fabs((double)v[i]);

		if (sp->cols[i].kind == C_PERCENT)
			continue;
		if (m > 0) {
			lo = lo == 0 || m < lo ? m : lo;
			hi = m > hi ? m : hi;
		}
		if (sp->cols[i].kind == C_UTFALL && sp->cols[i].year >= last_utfall) {
			u = i;
			last_utfall = sp->cols[i].year;
		}
		if (sp->cols[i].kind == C_BUDGET)
			b = i;
		if (sp->cols[i].kind == C_AVVIKELSE)
			a = i;
	}
	if (u >= 0 && b >= 0 && a >= 0)
		s += 1000.0 * log1p(fabs((double)(v[a] - (v[u] - v[b]))));
	if (lo > 0)
		s += log(hi / lo);
	return s;
}

static void split(struct splitter *sp, int at, int col)
{
	int k;

	if (col == sp->ncols) {
		if (at == sp->ntok) {
			double s = score(sp, sp->cur);

			if (!sp->found || s < sp->best_score) {
				memcpy(sp->best, sp->cur, sizeof(sp->best));
				sp->best_score = s;
				sp->found = true;
			}
		}
		return;
	}
	if (at >= sp->ntok)
		return;
	if (sp->cols[col].kind == C_PERCENT) {
		if (is_percent(sp->tok[at])) {
			sp->cur[col] = 0;
			split(sp, at + 1, col + 1);
		}
		return;
	}
	if (!is_lead(sp->tok[at]))
		return;
	for (k = at + 1; k <= sp->ntok; k++) {
		char digits[32];
		size_t len = 0;
		int j;

		for (j = at; j < k; j++) {
			if (j > at && !is_group(sp->tok[j]))
				return;
			len +=
			    (size_t)snprintf(digits + len, sizeof(digits) - len, "%s", sp->tok[j]);
			if (len >= 19)
				return;
		}
		sp->cur[col] = strtoll(digits, NULL, 10);
		split(sp, k, col + 1);
	}
}

/* Does text name an org unit, by code, alias or name?  Fills code. */
struct name_match {
	const char *text;
	char code[STYR_CODE_MAX];
};

static int match_name(void *ctx, const struct styr_org_unit *u)
{
	struct name_match *m = ctx;

	if (!strcasecmp(u->name, m->text)) {
		snprintf(m->code, sizeof(m->code), "%s", u->code);
		return 1;
	}
	return 0;
}

static bool names_unit(struct lt *t, const char *text, char *code)
{
	struct name_match m = {text, ""};
	struct styr_org_unit u;
	struct styr_err local;

	styr_err_init(&local);
	if (!styr_org_find(t->db, text, &u, &local)) {
		snprintf(code, STYR_CODE_MAX, "%s", u.code);
		return true;
	}
	styr_err_init(&local);
	if (styr_org_each(t->db, match_name, &m, &local) == 1) {
		snprintf(code, STYR_CODE_MAX, "%s", m.code);
		return true;
	}
	return false;
}

/* A table name from a title: lower-case ASCII words joined by '-', cut at
 * a word so that it fits. */
static void slug(const char *title, char *out, size_t size)
{
	static const struct {
		const char *utf8, *ascii;
	} fold[] = {{"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"Å", "a"},
	            {"Ä", "a"}, {"Ö", "o"}, {"é", "e"}};
	size_t n = 0, word_end = 0;
	const char *p = title;

	while (*p && n + 1 < size) {
		size_t i;
		bool folded = false;

		for (i = 0; i < sizeof(fold) / sizeof(fold[0]); i++) {
			size_t l = strlen(fold[i].utf8);

			if (!strncmp(p, fold[i].utf8, l)) {
				out[n++] = fold[i].ascii[0];
				p += l;
				folded = true;
				break;
			}
		}
		if (folded)
			continue;
		if (isalnum((unsigned char)*p)) {
			out[n++] = (char)tolower((unsigned char)*p);
		} else if (n && out[n - 1] != '-') {
			word_end = n;
			out[n++] = '-';
		}
		p++;
	}
	if (*p && word_end) /* did not fit: cut at the last whole word */
		n = word_end;
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

static int remember(struct lt *t, const struct styr_ledger_entry *e, int kind, int line,
                    bool *store)
{
	size_t i;

	*store = true;
	for (i = 0; i < t->nseen; i++) {
		const struct seen *s = &t->seen[i];

		if (s->year == e->year && s->kind == kind && !strcmp(s->unit, e->unit) &&
		    !strcmp(s->tab, e->tab) && !strcmp(s->row, e->row)) {
			*store = false;
			if (s->amount != e->amount_ore)
				return problem(
				    t, line,
				    "%s %s %d printed again with another amount than on "
				    "line %d (%lld, there %lld); the first is kept",
				    e->row, e->kind, e->year, s->line,
				    (long long)styr_ore_round(e->amount_ore, STYR_ORE_PER_TKR),
				    (long long)styr_ore_round(s->amount, STYR_ORE_PER_TKR));
			return STYR_OK;
		}
	}
	if (styr_array_grow((void **)&t->seen, &t->capseen, t->nseen, sizeof(*t->seen), t->err))
		return STYR_ENOMEM;
	memset(&t->seen[t->nseen], 0, sizeof(t->seen[0]));
	snprintf(t->seen[t->nseen].unit, STYR_CODE_MAX, "%s", e->unit);
	snprintf(t->seen[t->nseen].tab, STYR_CODE_MAX, "%s", e->tab);
	snprintf(t->seen[t->nseen].row, STYR_CODE_MAX, "%s", e->row);
	t->seen[t->nseen].year = e->year;
	t->seen[t->nseen].kind = kind;
	t->seen[t->nseen].line = line;
	t->seen[t->nseen].amount = e->amount_ore;
	t->nseen++;
	return STYR_OK;
}

/* Read the columns from the header text; returns their number (0: not a
 * resultaträkning header). */
static int parse_header(char *text, struct column *cols)
{
	char *tok[MAX_TOKS * 4];
	int n, i, ncols = 0, last_utfall = 0;

	n = split_tokens(text, tok, MAX_TOKS * 4);
	for (i = 0; i < n && ncols < MAX_COLS; i++) {
		int kind = -1, j;

		if (!strcasecmp(tok[i], "Utfall"))
			kind = C_UTFALL;
		else if (!strcasecmp(tok[i], "Budget"))
			kind = C_BUDGET;
		else if (!strcasecmp(tok[i], "Prognos"))
			kind = C_PROGNOS;
		else if (!strcasecmp(tok[i], "Avvikelse"))
			kind = C_AVVIKELSE;
		else if (!strcmp(tok[i], "%"))
			kind = C_PERCENT;
		if (kind < 0)
			continue;
		cols[ncols].kind = (enum col_kind)kind;
		cols[ncols].year = 0;
		for (j = i + 1; j < n && j <= i + 4; j++) {
			if (!strcasecmp(tok[j], "Utfall") || !strcasecmp(tok[j], "Budget") ||
			    !strcasecmp(tok[j], "Prognos") || !strcasecmp(tok[j], "Avvikelse") ||
			    !strcmp(tok[j], "%"))
				break;
			if (strlen(tok[j]) == 4 && isdigit((unsigned char)tok[j][0]) &&
			    atoi(tok[j]) > 1900) {
				cols[ncols].year = atoi(tok[j]);
				break;
			}
		}
		if (kind == C_UTFALL && cols[ncols].year > last_utfall)
			last_utfall = cols[ncols].year;
		ncols++;
	}
	/* Avvikelse "jan-dec" is the latest utfall year's. */
	for (i = 0; i < ncols; i++) {
		if (cols[i].kind == C_AVVIKELSE && !cols[i].year)
			cols[i].year = last_utfall;
		if (cols[i].kind != C_PERCENT && !cols[i].year)
			return 0;
	}
	return last_utfall ? ncols : 0;
}

/* One table whose header starts at line h; returns the line after it. */
static int read_table(struct lt *t, size_t h, size_t *next)
{
	char header[2048], buf[1024], unit[STYR_CODE_MAX], tab[STYR_CODE_MAX], title[256];
	struct column cols[MAX_COLS];
	size_t i, first = h, hlen = 0;
	int ncols, k, rc = STYR_OK;
	bool main_table;

	*next = h + 1;
	/* The header runs up to the first data row (at most 30 lines). */
	for (i = h; i < t->nlines && i < h + 30 && !line_is_data(t, i); i++) {
		line_text(t, i, buf, sizeof(buf));
		hlen += (size_t)snprintf(header + hlen, sizeof(header) - hlen, " %s", buf);
		if (hlen >= sizeof(header))
			return STYR_OK;
	}
	if (i >= t->nlines || i == h + 30)
		return STYR_OK;
	line_text(t, h, buf, sizeof(buf));
	main_table = !strncmp(buf, "Uppföljning", strlen("Uppföljning"));
	ncols = parse_header(header, cols);
	if (ncols == 0)
		return STYR_OK;
	/* Title lines above the header: a unit's name, or a partial table's
	 * title. */
	snprintf(unit, sizeof(unit), "%s", t->unit);
	title[0] = '\0';
	while (first > 0) {
		size_t j = first - 1;
		size_t lb, lt;

		while (j > 0 && t->lines[j].n == 0)
			j--;
		line_text(t, j, buf, sizeof(buf));
		if (!buf[0] || strlen(buf) > TITLE_MAX || line_is_data(t, j) || first - j > 3)
			break;
		if (names_unit(t, buf, unit))
			break;
		if (main_table) {
			first = j;
			continue;
		}
		/* Prepend this line to the title. */
		lb = strlen(buf);
		lt = strlen(title);
		if (lb + 1 + lt >= sizeof(title))
			break;
		memmove(title + lb + (lt ? 1 : 0), title, lt + 1);
		memcpy(title, buf, lb);
		if (lt)
			title[lb] = ' ';
		first = j;
	}
	tab[0] = '\0';
	if (!main_table)
		slug(title[0] ? title : "tabell", tab, sizeof(tab));

	/* The rows. */
	for (; i < t->nlines && rc == STYR_OK; i++) {
		struct styr_ledger_row row;
		struct splitter sp;
		char *tok[MAX_TOKS];
		int ntok, at;

		if (t->lines[i].n == 0)
			continue;
		line_text(t, i, buf, sizeof(buf));
		if (!buf[0])
			continue;
		ascii_minus(buf);
		ntok = split_tokens(buf, tok, MAX_TOKS);
		at = data_row(t, tok, ntok, &row);
		if (at <= 0)
			break;
		memset(&sp, 0, sizeof(sp));
		sp.tok = tok + at;
		sp.ntok = ntok - at;
		sp.ncols = ncols;
		sp.cols = cols;
		split(&sp, 0, 0);
		if (!sp.found) {
			rc = problem(t, (int)i + 1,
			             "%s: expected %d amounts as in the table's header", row.label,
			             ncols);
			continue;
		}
		for (k = 0; k < ncols && rc == STYR_OK; k++) {
			struct styr_ledger_entry e;
			bool store;

			if (cols[k].kind == C_PERCENT)
				continue;
			memset(&e, 0, sizeof(e));
			snprintf(e.unit, sizeof(e.unit), "%s", unit);
			snprintf(e.tab, sizeof(e.tab), "%s", tab);
			e.year = cols[k].year;
			snprintf(e.row, sizeof(e.row), "%s", row.code);
			snprintf(e.kind, sizeof(e.kind), "%s", col_kind_name[cols[k].kind]);
			/* printed whole tkr, kept as printed (exact öre) */
			e.amount_ore = sp.best[k] * STYR_ORE_PER_TKR;
			/* "(rapporttext)": styr check says the figure is the
			 * report's, not one typed in (styr_finding_source_text) */
			snprintf(e.source, sizeof(e.source), "%.200s:%zu (rapporttext)", t->path,
			         i + 1);
			rc = remember(t, &e, (int)cols[k].kind, (int)i + 1, &store);
			if (!rc && store) {
				styr_db_source(t->db, e.source);
				rc = styr_ledger_put(t->db, &e, t->err);
				if (rc)
					styr_err_prefix(t->err, "%s:%zu: ", t->path, i + 1);
				else
					t->out->ledger_amounts++;
			}
		}
	}
	*next = i;
	return rc;
}

int ledger_text_import(struct styr_db *db, const char *text, size_t len, const char *path,
                       const char *unit, struct styr_report_text_result *out, struct styr_err *err)
{
	struct lt t;
	size_t i, n = 0, start = 0;
	int rc = STYR_OK;

	memset(&t, 0, sizeof(t));
	t.db = db;
	t.path = path;
	t.unit = unit;
	t.out = out;
	t.err = err;
	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	t.lines = calloc(n + 1, sizeof(*t.lines));
	if (!t.lines)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; i <= len; i++) {
		if (i == len || text[i] == '\n') {
			const char *s = text + start;
			size_t l = i - start;

			while (l && (s[l - 1] == '\r' || s[l - 1] == ' '))
				l--;
			t.lines[t.nlines].s = s;
			t.lines[t.nlines].n = l;
			t.nlines++;
			start = i + 1;
		}
	}
	for (i = 0; i < t.nlines && rc == STYR_OK;) {
		char buf[256];
		size_t next = i + 1;

		line_text(&t, i, buf, sizeof(buf));
		if (!strncmp(buf, "Uppföljning", strlen("Uppföljning")) ||
		    !strncmp(buf, "Utfall", 6) || strstr(buf, " Utfall")) {
			/* "Utfall" right below "Uppföljning" belongs to it. */
			rc = read_table(&t, i, &next);
			if (next <= i)
				next = i + 1;
		}
		i = next;
	}
	free(t.lines);
	free(t.seen);
	return rc;
}
