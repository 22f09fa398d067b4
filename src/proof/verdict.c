/*
 * Verdicts in the text against the indicator tables they speak of.
 *
 * An årsredovisning prints its indicators in tables "Indikator ID-nr. Mål
 * 2024 2023 2022" (read by the report-text importer, src/import) and then
 * says what they mean: "Förvaltningen når som helhet målen gällande
 * riskbedömningar och vårdplaner", "når inte lasarettet Landskrona
 * målnivån", "har ökat något från 2023".  A sentence within the text that
 * follows a table (up to the next table, at most PROOF_VERDICT_LINES
 * lines) is bound to the table's indicators whose names it uses (a word of
 * six letters or more, compared on its stem so that "riskbedömningar"
 * names "Riskbedömning avseende undernäring"); an unbound sentence is not
 * judged.
 *
 *   goal      "når målen", "uppnår målet", "målet uppnås", "är uppfyllt"
 *             (or with "inte"/"ej": "når inte … målnivån") against the
 *             latest year's value and the printed target, read by the
 *             target parser (include/styr/target.h): a goal said met when
 *             a bound indicator misses its target is fel, and the other
 *             way round;
 *   change    "ökat", "minskat" against the indicator's latest two years
 *             (fel when the figures go the other way by more than their
 *             printed precision); "oförändrad", "i nivå med" when they
 *             differ by more than 5 % is oklart (a level is a judgement).
 * Only a sentence bound to exactly one indicator is judged on a change,
 * and a goal only on indicators with a readable target and value.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/report_text.h"
#include "proof_int.h"
#include "styr/target.h"

#define PROOF_VERDICT_LINES 60
#define MAX_STEMS           8

struct vtable {
	size_t first, last; /* rows of rt (indices) */
	int last_line, next_line;
};

struct vctx {
	struct proof_ctx *c;
	const struct rt_result *rt;
	const struct vtable *tab;
	size_t ntab;
};

/* The stem of a word: its second to seventh byte, so that the case of a
 * first letter outside ASCII ("Ö"/"ö") does not matter. */
static void stem_of(const char *w, size_t len, char *out)
{
	size_t skip = ((unsigned char)w[0] & 0x80) ? 2 : 1;

	if (len < skip + 5) {
		out[0] = '\0';
		return;
	}
	memcpy(out, w + skip, 5);
	out[5] = '\0';
}

static bool stop_word(const char *w, size_t len)
{
	static const char *const stop[] = {"andelen",    "antalet", "patienter", "patienten",
	                                   "avseende",   "procent", "inklusive", "enligt",
	                                   "genomförda", "inom",    "mellan",    "första"};
	size_t i;

	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (strlen(stop[i]) == len && !strncasecmp(w, stop[i], len))
			return true;
	return false;
}

/* Whether sentence s names indicator name (a word's stem). */
static bool names(const char *s, const char *name)
{
	const char *p = name;

	while (*p) {
		size_t len = 0;
		char stem[8];

		while (*p && !isalpha((unsigned char)*p) && !((unsigned char)*p & 0x80))
			p++;
		while (p[len] && (isalpha((unsigned char)p[len]) || ((unsigned char)p[len] & 0x80)))
			len++;
		if (len >= 7 && !stop_word(p, len)) {
			stem_of(p, len, stem);
			if (stem[0] && proof_find(s, stem))
				return true;
		}
		p += len;
	}
	return false;
}

/* +1 for a goal said met, −1 for one said not met, 0 for none; at: where. */
static int goal_claim(const char *s, size_t *at)
{
	static const struct {
		const char *verb, *obj; /* obj within 30 bytes after verb; "" none */
	} forms[] = {
	    {"når ", "mål"},      {"uppnår ", "mål"},   {"uppfyller ", "mål"},
	    {"målet uppnås", ""}, {"målen uppnås", ""}, {"målnivån uppnås", ""},
	    {"är uppfyllt", ""},  {"är uppfyllda", ""},
	};
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const char *p = proof_find(s, forms[i].verb), *q, *from, *to;

		if (!p || (p > s && isalpha((unsigned char)p[-1])))
			continue;
		q = p + strlen(forms[i].verb);
		if (forms[i].obj[0]) {
			const char *o = proof_find(q, forms[i].obj);

			if (!o || o - q > 30)
				continue;
			q = o + strlen(forms[i].obj);
		}
		*at = (size_t)(p - s);
		/* "når inte", "inte når", "uppnås dock inte", "ej uppfyllt" */
		from = p - s > 25 ? p - 25 : s;
		to = q + 15;
		for (const char *n = from; n < to && *n; n++)
			if ((!strncmp(n, "inte", 4) || !strncmp(n, "ej ", 3)) &&
			    (n == s || !isalpha((unsigned char)n[-1])))
				return -1;
		if (proof_find(s, "delvis"))
			return 0;
		return 1;
	}
	return 0;
}

static bool value_of(const struct rt_cell *cell, struct styr_num *n)
{
	*n = cell->num;
	return cell->num.kind == STYR_NUM_VALUE && !cell->has_numerator;
}

static void fmt_cell(char *buf, size_t size, const struct rt_cell *cell)
{
	proof_fmt(buf, size, cell->num.value, cell->num.decimals, cell->num.percent);
}

/* The column of the year the document reports on; −1 when the table
 * does not print it. */
static int col_of(const struct vctx *v, const struct rt_row *r)
{
	int k;

	if (!v->c->doc->year)
		return r->ncols ? 0 : -1;
	for (k = 0; k < r->ncols && k < 4; k++)
		if (r->year[k] == v->c->doc->year)
			return k;
	return -1;
}

static int judge_goal(struct vctx *v, const struct psent *s, const struct rt_row *r, int claim,
                      size_t at)
{
	struct styr_target t;
	struct styr_num val, prev;
	struct styr_err e;
	enum styr_status st;
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], a[48];
	bool met;
	int k = col_of(v, r);

	styr_err_init(&e);
	if (k < 0 || !value_of(&r->cell[k], &val) ||
	    styr_target_parse(r->target, &t, &e) != STYR_OK || t.op == STYR_TARGET_NONE)
		return STYR_OK;
	st = styr_target_status(
	    &t, &val, k + 1 < r->ncols && value_of(&r->cell[k + 1], &prev) ? &prev : NULL, 0);
	if (st == STYR_STATUS_MISSING || st == STYR_STATUS_NO_TARGET)
		return STYR_OK;
	met = st == STYR_STATUS_MET;
	if (met == (claim > 0))
		return STYR_OK;
	proof_excerpt(says, sizeof(says), s->text, at > 40 ? at - 40 : 0, at + 60);
	fmt_cell(a, sizeof(a), &r->cell[k]);
	snprintf(other, sizeof(other), "%s %.80s %d: %s, mål %.24s: %s", r->code, r->name,
	         r->year[k], a, r->target, met ? "uppfyllt" : "ej uppfyllt");
	return proof_add(v->c, s->line[at], r->line, STYR_PROOF_FEL, "måluppfyllelse", says, other,
	                 met ? "målet nås" : "målet nås inte");
}

/* "ökat", "minskat", "oförändrad", "i nivå med": +1, −1, 0; 2 for none. */
static int change_claim(const char *s, size_t *at)
{
	static const struct {
		const char *w;
		int dir;
	} words[] = {{"ökat", 1},       {"ökade", 1},      {"minskat", -1}, {"minskade", -1},
	             {"oförändrad", 0}, {"i nivå med", 0}, {"sjunkit", -1}, {"sjönk", -1}};
	size_t i;
	const char *best = NULL;
	int dir = 2;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *p = proof_find(s, words[i].w);

		if (p && (p == s || !isalpha((unsigned char)p[-1])) && (!best || p < best)) {
			best = p;
			dir = words[i].dir;
		}
	}
	if (best)
		*at = (size_t)(best - s);
	return dir;
}

static int judge_change(struct vctx *v, const struct psent *s, const struct rt_row *r, int dir,
                        size_t at)
{
	struct styr_num a, b;
	char says[STYR_PROOF_TEXT], other[STYR_PROOF_TEXT], x[48], y[48];
	double d, unit;
	int dec;
	enum styr_proof_class cls;
	const char *should;
	int k = col_of(v, r);

	if (k < 0 || k + 1 >= r->ncols || !value_of(&r->cell[k], &a) ||
	    !value_of(&r->cell[k + 1], &b) || r->year[k] != r->year[k + 1] + 1)
		return STYR_OK;
	dec = a.decimals > b.decimals ? a.decimals : b.decimals;
	unit = pow(10, -dec);
	d = a.value - b.value;
	if (dir == 0) {
		if (!b.value || fabs(d / b.value) <= 0.05)
			return STYR_OK;
		cls = STYR_PROOF_OKLART;
		should = d > 0 ? "ökat" : "minskat";
	} else {
		if (d * dir >= -unit + 1e-9)
			return STYR_OK;
		cls = STYR_PROOF_FEL;
		should = d > 0 ? "ökat" : "minskat";
	}
	proof_excerpt(says, sizeof(says), s->text, at > 40 ? at - 40 : 0, at + 40);
	fmt_cell(x, sizeof(x), &r->cell[k + 1]);
	fmt_cell(y, sizeof(y), &r->cell[k]);
	snprintf(other, sizeof(other), "%s %.80s: %d %s, %d %s", r->code, r->name, r->year[k + 1],
	         x, r->year[k], y);
	return proof_add(v->c, s->line[at], r->line, cls, "förändring", says, other, should);
}

static int check_sentence(void *arg, const struct psent *s)
{
	struct vctx *v = arg;
	const struct vtable *t = NULL;
	size_t i, k, at = 0, bound[16], nb = 0;
	int line = s->line[0], claim, rc, dir;

	for (i = 0; i < v->ntab; i++)
		if (line > v->tab[i].last_line &&
		    line <= v->tab[i].last_line + PROOF_VERDICT_LINES &&
		    (!v->tab[i].next_line || line < v->tab[i].next_line))
			t = &v->tab[i];
	if (!t)
		return STYR_OK;
	for (k = t->first; k <= t->last && nb < 16; k++)
		if (names(s->text, v->rt->rows[k].name))
			bound[nb++] = k;
	if (!nb)
		return STYR_OK;
	claim = goal_claim(s->text, &at);
	for (k = 0; claim && k < nb; k++)
		if ((rc = judge_goal(v, s, &v->rt->rows[bound[k]], claim, at)))
			return rc;
	if (claim || nb != 1)
		return STYR_OK;
	dir = change_claim(s->text, &at);
	return dir == 2 ? STYR_OK : judge_change(v, s, &v->rt->rows[bound[0]], dir, at);
}

int proof_verdicts_check(struct proof_ctx *c)
{
	struct rt_result rt = {0};
	struct styr_err e;
	struct vtable tab[64];
	struct vctx v = {.c = c, .rt = &rt, .tab = tab};
	size_t i, textlen = 0;
	int rc;

	/* the lines were split in place: the importer reads the text again */
	for (i = 0; i < c->doc->nlines; i++)
		textlen += strlen(c->doc->lines[i]) + 1;
	{
		char *text = malloc(textlen + 1), *p = text;

		if (!text)
			return styr_error(c->err, STYR_ENOMEM, "out of memory");
		for (i = 0; i < c->doc->nlines; i++) {
			size_t n = strlen(c->doc->lines[i]);

			memcpy(p, c->doc->lines[i], n);
			p[n] = '\n';
			p += n + 1;
		}
		*p = '\0';
		styr_err_init(&e);
		rc = rt_parse(text, textlen, c->doc->name, &rt, &e);
		free(text);
	}
	/* a document without indicator tables (or not read as such) has no
	 * verdicts to check; only running out of memory stops the proof */
	if (rc == STYR_ENOMEM)
		return styr_error(c->err, STYR_ENOMEM, "out of memory");
	if (rc)
		return STYR_OK;
	for (i = 0; i < rt.nrows && v.ntab < 64; i++) {
		if (v.ntab && rt.rows[i].line - tab[v.ntab - 1].last_line <= 40 &&
		    rt.rows[i].year[0] == rt.rows[tab[v.ntab - 1].last].year[0]) {
			tab[v.ntab - 1].last = i;
			tab[v.ntab - 1].last_line = rt.rows[i].line;
			continue;
		}
		if (v.ntab)
			tab[v.ntab - 1].next_line = rt.rows[i].line;
		tab[v.ntab++] = (struct vtable){i, i, rt.rows[i].line, 0};
	}
	rc = proof_sentences_each(c->doc, check_sentence, &v, c->err);
	rt_result_release(&rt);
	return rc;
}
