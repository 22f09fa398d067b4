/*
 * Goals and uppdrag quoted across documents.  A unit's plan copies the
 * region's goals and its riktade uppdrag word for word ("Sjukhusstyrelse
 * Sus uppdrag för samlat remissansvar ... överförs under 2024 till
 * sjukhusstyrelse Helsingborg"); a figure in such a quotation (a year, an
 * amount, a percent) must be the region's.
 *
 * Both documents' running text (not their tables) is read as one stream
 * of items: words (letters, lower case, a word broken at the line's end
 * with a hyphen joined again) and figures (token.c).  A quotation is a
 * run of at least QUOTE_MIN_WORDS items that the two streams share, a
 * figure counting as the same item as any figure of the same kind (a
 * percent, a year, an amount).  A figure is compared only when the run
 * has at least QUOTE_CONTEXT words on each side of it.  The unit's figure
 * is fel when every place of the region's document that the run matches
 * gives the same other figure; when the region's places disagree among
 * themselves, or any gives the unit's figure, nothing is said.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof_int.h"

#define QUOTE_MIN_WORDS 10
#define QUOTE_CONTEXT   3
#define QUOTE_SHINGLE   5
#define QUOTE_WINDOW    6

enum qkind { Q_WORD, Q_AMOUNT, Q_PCT, Q_YEAR };

struct qitem {
	uint64_t hash; /* a word's; for a figure its kind */
	enum qkind kind;
	double v;
	int dec;
	int line;
	size_t off, end; /* bytes of the item in the stream's text */
	size_t sent;     /* where its sentence starts in the text */
	size_t sent_end;
};

struct qstream {
	struct qitem *v;
	size_t n, cap;
	char *text; /* the sentences, each NUL-terminated */
	size_t len, textcap;
	struct styr_err *err;
};

static bool letter_at(const char *s, size_t i, size_t *w)
{
	unsigned char c = (unsigned char)s[i];

	if (isalpha(c)) {
		*w = 1;
		return true;
	}
	/* Latin-1 letters in UTF-8: å, ä, ö, é, ü and their capitals */
	if (c == 0xc3 && ((unsigned char)s[i + 1] & 0xc0) == 0x80 &&
	    (unsigned char)s[i + 1] != 0x97 && (unsigned char)s[i + 1] != 0xb7) {
		*w = 2;
		return true;
	}
	return false;
}

/* FNV-1a over a word's letters in lower case. */
static uint64_t hash_more(uint64_t h, const char *s, size_t i, size_t w)
{
	unsigned char b[2];
	size_t k;

	b[0] = (unsigned char)s[i];
	b[1] = w == 2 ? (unsigned char)s[i + 1] : 0;
	if (w == 1)
		b[0] = (unsigned char)tolower(b[0]);
	else if (b[1] >= 0x80 && b[1] <= 0x9e)
		b[1] += 0x20;
	for (k = 0; k < w; k++) {
		h ^= b[k];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The words that follow a hyphen without being the rest of its word:
 * "hälso- och sjukvård". */
static bool hyphen_list_word(const char *s)
{
	static const char *const words[] = {"och ", "eller ", "samt ", "till ", "som "};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strncmp(s, words[i], strlen(words[i])))
			return true;
	return false;
}

static int push(struct qstream *q, const struct qitem *it)
{
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 1024;
		struct qitem *v = realloc(q->v, cap * sizeof(*v));

		if (!v)
			return styr_error(q->err, STYR_ENOMEM, "out of memory");
		q->v = v;
		q->cap = cap;
	}
	q->v[q->n++] = *it;
	return STYR_OK;
}

static int collect(void *arg, const struct psent *s)
{
	struct qstream *q = arg;
	struct ptok t[PROOF_MAX_TOK];
	size_t n = proof_tokens(s->text, t, PROOF_MAX_TOK), k = 0, i = 0, base;
	int rc = STYR_OK;

	if (q->len + s->len + 1 > q->textcap) {
		size_t cap = (q->len + s->len + 1) * 2;
		char *text = realloc(q->text, cap);

		if (!text)
			return styr_error(q->err, STYR_ENOMEM, "out of memory");
		q->text = text;
		q->textcap = cap;
	}
	base = q->len;
	memcpy(q->text + base, s->text, s->len + 1);
	q->len += s->len + 1;
	while (i < s->len && !rc) {
		struct qitem it = {.sent = base, .sent_end = base + s->len};
		size_t w;

		if (k < n && i == t[k].off) {
			if (t[k].missing) {
				i = t[k].end;
				k++;
				continue;
			}
			it.kind = t[k].pct ? Q_PCT : t[k].year ? Q_YEAR : Q_AMOUNT;
			it.hash = (uint64_t)it.kind;
			it.v = t[k].v;
			it.dec = t[k].dec;
			it.line = s->line[i];
			it.off = base + i;
			it.end = base + t[k].end;
			i = t[k].end;
			k++;
			rc = push(q, &it);
			continue;
		}
		while (k < n && t[k].off < i)
			k++;
		if (!letter_at(s->text, i, &w) && !isdigit((unsigned char)s->text[i])) {
			i++;
			continue;
		}
		it.kind = Q_WORD;
		it.hash = 14695981039346656037ULL;
		it.line = s->line[i];
		it.off = base + i;
		for (;;) {
			while (i < s->len && (k >= n || i != t[k].off) &&
			       (letter_at(s->text, i, &w) ||
			        (isdigit((unsigned char)s->text[i]) && (w = 1)))) {
				it.hash = hash_more(it.hash, s->text, i, w);
				i += w;
			}
			/* "Hässle- holm": a word broken at the line's end */
			if (i + 2 < s->len && s->text[i] == '-' && s->text[i + 1] == ' ' &&
			    s->line[i + 2] != s->line[i] &&
			    islower((unsigned char)s->text[i + 2]) &&
			    !hyphen_list_word(s->text + i + 2)) {
				i += 2;
				continue;
			}
			break;
		}
		it.end = base + i;
		rc = push(q, &it);
	}
	return rc;
}

static bool same_item(const struct qitem *a, const struct qitem *b)
{
	return a->kind == b->kind && (a->kind != Q_WORD || a->hash == b->hash);
}

struct shingle {
	uint64_t h;
	size_t at;
};

static uint64_t shingle_at(const struct qstream *q, size_t i)
{
	uint64_t h = 0;
	size_t k;

	for (k = 0; k < QUOTE_SHINGLE; k++)
		h = h * 1000003ULL ^ q->v[i + k].hash;
	return h;
}

static int cmp_shingle(const void *a, const void *b)
{
	const struct shingle *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

static size_t words_in(const struct qstream *q, size_t from, size_t to)
{
	size_t n = 0;

	for (; from < to; from++)
		n += q->v[from].kind == Q_WORD;
	return n;
}

/* A few words either side of an item, as printed. */
static void around(char *dst, size_t size, const struct qstream *q, size_t i, size_t first,
                   size_t last)
{
	size_t from = i >= first + QUOTE_CONTEXT ? i - QUOTE_CONTEXT : first;
	size_t to = i + QUOTE_CONTEXT < last ? i + QUOTE_CONTEXT : last - 1;

	if (q->v[from].sent != q->v[i].sent)
		from = i;
	while (q->v[to].sent != q->v[i].sent)
		to--;
	proof_excerpt(dst, size, q->text, q->v[from].off, q->v[to].end);
}

/* The items before and after figure k, inside the run [first, last) and
 * the figure's sentence, that hold QUOTE_WINDOW words each side (or the
 * run's or the sentence's end). */
static void window_of(const struct qstream *u, size_t k, size_t first, size_t last, size_t *from,
                      size_t *to)
{
	size_t w = 0;

	*from = k;
	while (*from > first && u->v[*from - 1].sent == u->v[k].sent && w < QUOTE_WINDOW)
		w += u->v[--*from].kind == Q_WORD;
	*to = k + 1;
	for (w = 0; *to < last && u->v[*to].sent == u->v[k].sent && w < QUOTE_WINDOW; ++*to)
		w += u->v[*to].kind == Q_WORD;
}

/* The figures of the unit's run [i, i + len) against every place of the
 * region whose words around the figure are the run's.  start: where the
 * run itself was found (the passage quoted). */
static int compare_run(struct proof_ctx *c, const struct qstream *u, const struct qstream *r,
                       size_t i, size_t len, size_t start)
{
	size_t k, j, m;
	int rc = STYR_OK;

	for (k = i; k < i + len && !rc; k++) {
		const struct qitem *a = &u->v[k], *first = NULL;
		size_t from, to, places = 0, at = 0;
		bool agrees = false, region_differs = false;

		if (a->kind == Q_WORD)
			continue;
		window_of(u, k, i, i + len, &from, &to);
		if (words_in(u, from, k) < QUOTE_CONTEXT || words_in(u, k + 1, to) < QUOTE_CONTEXT)
			continue;
		/* every place of the region with these words around a figure */
		for (j = k - from; j + (to - k) <= r->n; j++) {
			const struct qitem *b = &r->v[j];

			for (m = from;
			     m < to && same_item(&u->v[m], &r->v[j - (k - from) + (m - from)]); m++)
				;
			if (m < to)
				continue;
			places++;
			if (fabs(a->v - b->v) < 1e-9 && a->dec == b->dec)
				agrees = true;
			else if (!first || j == start + (k - i)) {
				if (first && fabs(first->v - b->v) > 1e-9)
					region_differs = true;
				first = b;
				at = j;
			} else if (fabs(first->v - b->v) > 1e-9)
				region_differs = true;
		}
		if (!places)
			continue;
		c->res->quoted_figures++;
		if (agrees || region_differs || !first)
			continue;
		{
			char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], should[48];
			size_t rfrom = at - (k - from), rto = at + (to - k);

			around(says, sizeof(says), u, k, from, to);
			around(other, sizeof(other), r, at, rfrom, rto);
			proof_fmt(should, sizeof(should), first->v, first->dec,
			          first->kind == Q_PCT);
			if (first->kind == Q_YEAR)
				snprintf(should, sizeof(should), "%d", (int)first->v);
			rc = proof_add(c, a->line, -first->line, STYR_PROOF_FEL, "citat", says,
			               other, should);
		}
	}
	return rc;
}

static size_t run_length(const struct qstream *u, size_t i, const struct qstream *r, size_t j)
{
	size_t n = 0;

	while (i + n < u->n && j + n < r->n && same_item(&u->v[i + n], &r->v[j + n]))
		n++;
	return n;
}

int proof_quotes_check(struct proof_ctx *c)
{
	struct qstream u = {.err = c->err}, r = {.err = c->err};
	struct shingle *sh = NULL;
	size_t nsh = 0, i;
	int rc;

	rc = proof_sentences_each(c->doc, collect, &u, c->err);
	if (!rc)
		rc = proof_sentences_each(c->against, collect, &r, c->err);
	if (rc || u.n < QUOTE_SHINGLE || r.n < QUOTE_SHINGLE)
		goto out;
	nsh = r.n - QUOTE_SHINGLE + 1;
	sh = malloc(nsh * sizeof(*sh));
	if (!sh) {
		rc = styr_error(c->err, STYR_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < nsh; i++) {
		sh[i].h = shingle_at(&r, i);
		sh[i].at = i;
	}
	qsort(sh, nsh, sizeof(*sh), cmp_shingle);
	i = 0;
	while (i + QUOTE_SHINGLE <= u.n && !rc) {
		uint64_t h = shingle_at(&u, i);
		size_t a = 0, b = nsh, lo, best = 0, start = 0;

		while (a < b) {
			size_t m = (a + b) / 2;

			if (sh[m].h < h)
				a = m + 1;
			else
				b = m;
		}
		if (a == nsh || sh[a].h != h) {
			i++;
			continue;
		}
		/* the longest run from here, and every place that gives it */
		for (lo = a; lo < nsh && sh[lo].h == h; lo++) {
			size_t len = run_length(&u, i, &r, sh[lo].at);

			if (len > best) {
				best = len;
				start = sh[lo].at;
			}
		}
		if (words_in(&u, i, i + best) < QUOTE_MIN_WORDS) {
			i++;
			continue;
		}
		c->res->quoted++;
		rc = compare_run(c, &u, &r, i, best, start);
		i += best;
	}
out:
	free(sh);
	free(u.v);
	free(u.text);
	free(r.v);
	free(r.text);
	return rc;
}
