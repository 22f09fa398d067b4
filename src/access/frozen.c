/*
 * Approved means frozen (issue 17 item 3).  When a controller approves a
 * unit's report for a period, what was approved is kept: the report in
 * every format, rendered then and marked "Fastställd <date> av <user>",
 * and the unit's figures for the period as text, in the same transaction
 * as the approval.  A download of an approved period gives those bytes,
 * so a correction made after an unlock never silently changes an approved
 * document; a report of a period that is not approved says "Utkast" on
 * every page.  What changed since approval is the difference between the
 * stored figures and today's, each with the latest audit entry of the
 * figure (who changed it, when).
 *
 * This is orchestration above the report library: the workflow
 * (styr_report_move) calls styr_report_freeze, and both front-ends fetch
 * reports through styr_report_get, so the web and the CLI agree.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "styr/access.h"
#include "styr/analysis.h"
#include "styr/buf.h"
#include "styr/frozen.h"
#include "styr/ledger.h"
#include "styr/model.h"
#include "styr/num.h"

#define FROZEN_MAX ((size_t)256 << 20)

static const enum styr_report_type frozen_types[] = {
    STYR_REPORT_ARSREDOVISNING, STYR_REPORT_DELARSRAPPORT, STYR_REPORT_MANADSRAPPORT};
static const struct {
	enum styr_report_format format;
	const char *ext;
} frozen_formats[] = {
    {STYR_FORMAT_HTML, "html"}, {STYR_FORMAT_PDF, "pdf"}, {STYR_FORMAT_XLSX, "xlsx"}};

#define NFROZEN_TYPES   (sizeof(frozen_types) / sizeof(frozen_types[0]))
#define NFROZEN_FORMATS (sizeof(frozen_formats) / sizeof(frozen_formats[0]))

static const char *format_ext(enum styr_report_format f)
{
	size_t i;

	for (i = 0; i < NFROZEN_FORMATS; i++)
		if (frozen_formats[i].format == f)
			return frozen_formats[i].ext;
	return "";
}

static bool frozen_type(enum styr_report_type t)
{
	size_t i;

	for (i = 0; i < NFROZEN_TYPES; i++)
		if (frozen_types[i] == t)
			return true;
	return false;
}

/* "Fastställd 2025-02-14 av karl": the date of an ISO 8601 time. */
static void approved_mark(char *buf, size_t size, const char *when, const char *who)
{
	snprintf(buf, size, "Fastställd %.10s av %s", when, who);
}

/* The decision an approved state recorded goes on the cover; a report of
 * a period not approved (or unlocked since) names none. */
static void decision_of(const struct styr_report_state *st, struct styr_report_request *req)
{
	if (st->state != STYR_REPORT_APPROVED)
		return;
	req->diarienummer = st->diarienummer;
	req->decided = st->decided;
}

/* The unit's figures for the period, as the snapshot keeps them. */
struct lines {
	const struct styr_period *p;
	const char *unit;
	struct styr_frozen_line *v;
	size_t n, cap;
	struct styr_err *err;
};

/* The bytes of s, at most max, that end between UTF-8 characters. */
static int utf8_cut(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (s[n])
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return (int)n;
}

/* End s, which snprintf may have cut inside a UTF-8 character, after its
 * last whole character. */
static void utf8_trim(char *s)
{
	size_t n = strlen(s), lead = n, want;

	while (lead && n - lead < 4 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (!lead || (unsigned char)s[lead - 1] < 0xC0)
		return;
	lead--;
	want = (unsigned char)s[lead] >= 0xF0 ? 4 : (unsigned char)s[lead] >= 0xE0 ? 3 : 2;
	if (n - lead < want)
		s[lead] = '\0';
}

/* A comment as a snapshot line keeps it: whole when it fits, else its
 * first bytes and a digest of the whole, so that a change anywhere in it
 * is a difference. */
static void comment_text(const char *comment, char out[STYR_FIGURE_TEXT])
{
	char hash[STYR_HASH_MAX];
	size_t len = strlen(comment);

	if (len < STYR_FIGURE_TEXT) {
		memcpy(out, comment, len + 1);
		return;
	}
	styr_sha256_hex(comment, len, hash);
	snprintf(out, STYR_FIGURE_TEXT, "%.*s… #%.8s", utf8_cut(comment, STYR_FIGURE_TEXT - 24),
	         comment, hash);
}

static int line_add(struct lines *l, const char *figure, const char *value)
{
	struct styr_frozen_line *x;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v), l->err))
		return STYR_ENOMEM;
	x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->unit, sizeof(x->unit), "%s", l->unit);
	styr_period_format(l->p, x->period, sizeof(x->period));
	snprintf(x->figure, sizeof(x->figure), "%s", figure);
	snprintf(x->value, sizeof(x->value), "%s", value);
	return STYR_OK;
}

/* A value is a line "value IND UNIT PERIOD" (the audit log's name of it)
 * and, when it has a comment, a line "comment IND UNIT PERIOD". */
static int line_cb(void *ctx, const struct styr_value *v)
{
	struct lines *l = ctx;
	char period[STYR_PERIOD_TEXT_MAX], figure[STYR_FIGURE_MAX], text[STYR_FIGURE_TEXT];

	if (styr_period_cmp(&v->period, l->p))
		return 0;
	styr_period_format(&v->period, period, sizeof(period));
	snprintf(figure, sizeof(figure), "value %s %s %s", v->indicator, v->unit, period);
	styr_value_format(v, NULL, text, sizeof(text));
	if (line_add(l, figure, text))
		return STYR_ENOMEM;
	if (!v->comment[0])
		return 0;
	snprintf(figure, sizeof(figure), "comment %s %s %s", v->indicator, v->unit, period);
	comment_text(v->comment, text);
	return line_add(l, figure, text);
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct styr_frozen_line *)a)->figure,
	              ((const struct styr_frozen_line *)b)->figure);
}

/* Exact öre as people read tkr: "281 300 tkr", "−718,78123 tkr" (the
 * decimals it needs, so that a correction of one öre shows). */
static void tkr_text(int64_t ore, char *buf, size_t size)
{
	int64_t rem = ore % STYR_ORE_PER_TKR;
	int decimals = 0;

	if (rem) {
		for (decimals = 5; rem % 10 == 0; rem /= 10)
			decimals--;
	}
	styr_num_format(buf, size - 4, (double)ore / STYR_ORE_PER_TKR, decimals);
	strcat(buf, " tkr");
}

/* A ledger amount of the period (a month inside it, or the whole year's
 * when the period is the year) as a line "ledger UNIT[/TAB] 2024-03 ROW
 * KIND" ("2024" for the year's amount). */
static int ledger_line_cb(void *ctx, const struct styr_ledger_entry *e)
{
	struct lines *l = ctx;
	char figure[STYR_FIGURE_MAX], when[16], text[STYR_FIGURE_TEXT];
	bool year = l->p->first_month == 1 && l->p->last_month == 12;

	if (e->month ? e->month < l->p->first_month || e->month > l->p->last_month : !year)
		return 0;
	if (e->month)
		snprintf(when, sizeof(when), "%d-%02d", e->year, e->month);
	else
		snprintf(when, sizeof(when), "%d", e->year);
	snprintf(figure, sizeof(figure), "ledger %s%s%s %s %s %s", e->unit, e->tab[0] ? "/" : "",
	         e->tab, when, e->row, e->kind);
	tkr_text(e->amount_ore, text, sizeof(text));
	return line_add(l, figure, text);
}

/* An analysis the reports print (not a draft) as a line "analysis UNIT
 * PERIOD SUBJECT: TITLE": its state, the beginning of its text and a
 * digest of all three answers. */
static int analysis_line_cb(void *ctx, const struct styr_analysis *a)
{
	struct lines *l = ctx;
	char figure[STYR_FIGURE_MAX], period[STYR_PERIOD_TEXT_MAX], text[STYR_FIGURE_TEXT];
	char hash[STYR_HASH_MAX];
	struct styr_buf b;
	int rc;

	if (a->state == STYR_ANALYSIS_DRAFT || styr_period_cmp(&a->period, l->p))
		return 0;
	styr_period_format(&a->period, period, sizeof(period));
	/* a long title is cut: the figure names the analysis, the digest
	 * tells its text */
	if (snprintf(figure, sizeof(figure), "analysis %s %s %s: %s", a->unit, period, a->subject,
	             a->title) >= (int)sizeof(figure))
		utf8_trim(figure);
	styr_buf_init(&b, 4096);
	rc = styr_buf_printf(&b, l->err, "%s\n%s\n%s\n%s", styr_analysis_state_name(a->state),
	                     a->what, a->why, a->next);
	if (!rc) {
		styr_sha256_hex(b.data, b.len, hash);
		snprintf(text, sizeof(text), "%s, %.*s%s #%.8s", styr_analysis_state_name(a->state),
		         utf8_cut(a->what, 60), a->what, strlen(a->what) > 60 ? "…" : "", hash);
		rc = line_add(l, figure, text);
	}
	styr_buf_release(&b);
	return rc;
}

/* Today's lines of the unit's period, sorted by figure: values and their
 * comments, ledger amounts, analyses. */
static int current_lines(struct styr_db *db, const char *unit, const struct styr_period *p,
                         struct lines *l, struct styr_err *err)
{
	struct styr_value_filter f = {NULL, unit, p->year};
	struct styr_ledger_filter lf = {unit, NULL, p->year, 0};
	struct styr_analysis_filter af = {unit, p->year, NULL};
	int rc;

	memset(l, 0, sizeof(*l));
	l->p = p;
	l->unit = unit;
	l->err = err;
	rc = styr_value_each(db, &f, line_cb, l, err);
	if (!rc)
		rc = styr_ledger_each(db, &lf, ledger_line_cb, l, err);
	if (!rc)
		rc = styr_analysis_each(db, &af, analysis_line_cb, l, err);
	if (rc && !err->code)
		rc = styr_error(err, STYR_ENOMEM, "out of memory reading values");
	if (!rc && l->n)
		qsort(l->v, l->n, sizeof(*l->v), line_cmp);
	return rc;
}

int styr_report_freeze(struct styr_db *db, const char *user, const char *unit,
                       const struct styr_period *p, time_t when, struct styr_err *err)
{
	struct styr_frozen_report f;
	struct styr_report_request req;
	struct styr_report_state st;
	struct styr_org_unit u;
	struct styr_buf out;
	struct lines l;
	char mark[160];
	struct tm tm;
	size_t i, j;
	int rc;

	if ((rc = styr_org_find(db, unit, &u, err)) ||
	    (rc = styr_report_state_get(db, u.code, p, &st, err)))
		return rc;
	memset(&f, 0, sizeof(f));
	snprintf(f.unit, sizeof(f.unit), "%s", u.code);
	styr_period_format(p, f.period, sizeof(f.period));
	snprintf(f.approver, sizeof(f.approver), "%s", user);
	gmtime_r(&when, &tm);
	strftime(f.approved, sizeof(f.approved), "%Y-%m-%dT%H:%M:%SZ", &tm);
	approved_mark(mark, sizeof(mark), f.approved, user);
	if ((rc = styr_frozen_clear(db, u.code, f.period, err)))
		return rc;
	styr_buf_init(&out, FROZEN_MAX);
	for (i = 0; i < NFROZEN_TYPES && !rc; i++) {
		if (!styr_report_type_fits(frozen_types[i], p))
			continue;
		snprintf(f.type, sizeof(f.type), "%s", styr_report_type_name(frozen_types[i]));
		for (j = 0; j < NFROZEN_FORMATS && !rc; j++) {
			memset(&req, 0, sizeof(req));
			req.type = frozen_types[i];
			req.format = frozen_formats[j].format;
			req.unit = u.code;
			req.period = *p;
			req.created = when;
			req.mark = mark;
			decision_of(&st, &req);
			snprintf(f.format, sizeof(f.format), "%s", frozen_formats[j].ext);
			styr_buf_reset(&out);
			rc = styr_report_render(db, &req, &out, f.hash, err);
			if (!rc)
				rc = styr_frozen_report_put(db, &f, out.data, out.len, err);
			if (rc)
				styr_err_prefix(err, "storing the approved %s (%s): ", f.type,
				                f.format);
		}
	}
	styr_buf_release(&out);
	if (rc)
		return rc;
	if ((rc = current_lines(db, u.code, p, &l, err)))
		return rc;
	for (i = 0; i < l.n && !rc; i++)
		rc = styr_frozen_line_put(db, &l.v[i], err);
	free(l.v);
	return rc;
}

static int write_out(const char *path, const struct styr_buf *b, struct styr_err *err)
{
	FILE *f = path ? fopen(path, "wb") : stdout;

	if (!f)
		return styr_error(err, STYR_EIO, "%s: cannot write", path);
	fwrite(b->data, 1, b->len, f);
	if ((path ? fclose(f) : fflush(f)) != 0)
		return styr_error(err, STYR_EIO, "%s: writing failed", path ? path : "stdout");
	return STYR_OK;
}

int styr_report_get(struct styr_db *db, const struct styr_report_request *req, bool current,
                    const char *path, struct styr_err *err)
{
	struct styr_report_request r = *req;
	struct styr_report_state st;
	struct styr_frozen_report f;
	struct styr_err local;
	struct styr_buf content;
	char period[STYR_PERIOD_TEXT_MAX], mark[200];
	int rc;

	if (req->format == STYR_FORMAT_XLSX && !path)
		return styr_error(err, STYR_EUSAGE,
		                  "--format xlsx needs -o FILE: a workbook cannot go to standard "
		                  "output");
	/* A verksamhetsplan is a plan, not a follow-up: not frozen, no mark. */
	if (!frozen_type(req->type))
		return styr_report_write(db, req, path, err);
	if ((rc = styr_report_state_get(db, req->unit, &req->period, &st, err)))
		return rc;
	if (st.state != STYR_REPORT_APPROVED) {
		r.mark = "Utkast";
		return styr_report_write(db, &r, path, err);
	}
	decision_of(&st, &r);
	/* The approved version has no sections for the units below. */
	if (current || req->children) {
		r.mark = "Utkast: dagens uppgifter, inte den fastställda versionen";
		return styr_report_write(db, &r, path, err);
	}
	styr_period_format(&req->period, period, sizeof(period));
	styr_buf_init(&content, FROZEN_MAX);
	styr_err_init(&local);
	rc = styr_frozen_report_find(db, st.unit, period, styr_report_type_name(req->type),
	                             format_ext(req->format), &f, &content, &local);
	if (rc == STYR_ENOTFOUND) {
		/* Approved before approval kept the report (migration 0011):
		 * today's data, saying so. */
		styr_buf_release(&content);
		approved_mark(mark, sizeof(mark), st.time, st.by);
		snprintf(mark + strlen(mark), sizeof(mark) - strlen(mark),
		         "; ingen sparad version, dagens uppgifter");
		r.mark = mark;
		return styr_report_write(db, &r, path, err);
	}
	if (rc)
		rc = styr_error(err, local.code, "%s", local.msg);
	else
		rc = write_out(path, &content, err);
	styr_buf_release(&content);
	return rc;
}

/* The differences, found by merging the two sorted lists. */
struct diff {
	struct styr_report_change *v;
	size_t n, cap;
	struct styr_err *err;
};

static int change_add(struct diff *d, const char *figure, const char *old, const char *now)
{
	struct styr_report_change *c;

	if (styr_array_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v), d->err))
		return STYR_ENOMEM;
	c = &d->v[d->n++];
	memset(c, 0, sizeof(*c));
	snprintf(c->figure, sizeof(c->figure), "%s", figure);
	snprintf(c->old, sizeof(c->old), "%s", old);
	snprintf(c->now, sizeof(c->now), "%s", now);
	return STYR_OK;
}

static int frozen_cb(void *ctx, const struct styr_frozen_line *l)
{
	struct lines *x = ctx;

	if (styr_array_grow((void **)&x->v, &x->cap, x->n + 1, sizeof(*x->v), x->err))
		return STYR_ENOMEM;
	x->v[x->n++] = *l;
	return 0;
}

/* Whether a ledger line's figure ("ledger UNIT[/TAB] 2024-03 ROW KIND",
 * "2024" for the year's) is the amount the gate audits as entity
 * ("ledger UNIT TAB|- 2024-03 ROW KIND", "2024-00" for the year's). */
static bool ledger_entity_is(const char *figure, const char *entity)
{
	char unit[64], when[16], row[64], kind[32], *tab;
	char name[STYR_FIGURE_MAX + 16];
	int year, month = 0;

	if (sscanf(figure, "ledger %63s %15s %63s %31s", unit, when, row, kind) != 4 ||
	    sscanf(when, "%d-%d", &year, &month) < 1)
		return false;
	tab = strchr(unit, '/');
	if (tab)
		*tab++ = '\0';
	snprintf(name, sizeof(name), "ledger %s %s %d-%02d %s %s", unit, tab ? tab : "-", year,
	         month, row, kind);
	return !strcmp(name, entity);
}

/* Whether the audit entry a changed the figure: a value's entry changes
 * its line (a comment's entry only the comment's line, "comment ..."), an
 * analysis's entry ("analysis UNIT PERIOD SUBJECT") the lines of that
 * subject. */
static bool changed_by(const char *figure, const struct styr_audit_entry *a)
{
	size_t n = strlen(a->entity);
	const char *action = a->action;

	/* a write into the locked period (--unlock-reason) is the put of its
	 * entity's kind */
	if (!strcmp(action, "unlock-write"))
		action = !strncmp(a->entity, "value ", 6)      ? "value.put"
		         : !strncmp(a->entity, "analysis ", 9) ? "analysis.put"
		         : !strncmp(a->entity, "ledger ", 7)   ? "ledger.put"
		                                               : "";
	if (!strcmp(action, "ledger.put"))
		return ledger_entity_is(figure, a->entity);
	if (!strcmp(action, "value.comment") || !strcmp(action, "value.put")) {
		if (strncmp(a->entity, "value ", 6))
			return false;
		if (!strncmp(figure, "comment ", 8))
			return !strcmp(figure + 8, a->entity + 6);
		return !strcmp(action, "value.put") && !strcmp(figure, a->entity);
	}
	if (!strcmp(action, "analysis.put"))
		return !strncmp(figure, a->entity, n) && figure[n] == ':';
	return false;
}

/* Newest first: the first entry of a figure is its latest change. */
static int who_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct diff *d = ctx;
	size_t i;

	for (i = 0; i < d->n; i++) {
		struct styr_report_change *c = &d->v[i];

		if (!c->who[0] && changed_by(c->figure, a)) {
			snprintf(c->who, sizeof(c->who), "%s", a->user);
			snprintf(c->when, sizeof(c->when), "%s", a->time);
		}
	}
	return 0;
}

void styr_report_change_label(const struct styr_report_change *c, char *buf, size_t size)
{
	static const struct {
		const char *key, *label, *suffix;
	} kinds[] = {
	    {"value ", "", ""},
	    {"comment ", "", ", kommentar"},
	    {"ledger ", "resultaträkning ", ""},
	    {"analysis ", "analys ", ""},
	};
	size_t i, n;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		n = strlen(kinds[i].key);
		if (!strncmp(c->figure, kinds[i].key, n)) {
			snprintf(buf, size, "%s%s%s", kinds[i].label, c->figure + n,
			         kinds[i].suffix);
			return;
		}
	}
	snprintf(buf, size, "%s", c->figure);
}

int styr_report_diff(struct styr_db *db, const char *unit, const struct styr_period *p,
                     int (*cb)(void *ctx, const struct styr_report_change *c), void *ctx, size_t *n,
                     struct styr_err *err)
{
	struct styr_frozen_report f;
	struct styr_org_unit u;
	struct lines then = {0}, now = {0};
	struct diff d = {0};
	struct styr_err local;
	char period[STYR_PERIOD_TEXT_MAX], label[64];
	size_t i, j, k;
	int rc;

	if (n)
		*n = 0;
	if ((rc = styr_org_find(db, unit, &u, err)))
		return rc;
	styr_period_format(p, period, sizeof(period));
	/* An approval stores at least the report types that fit the period. */
	for (k = 0, rc = STYR_ENOTFOUND; k < NFROZEN_TYPES && rc == STYR_ENOTFOUND; k++) {
		if (!styr_report_type_fits(frozen_types[k], p))
			continue;
		styr_err_init(&local);
		rc = styr_frozen_report_find(db, u.code, period,
		                             styr_report_type_name(frozen_types[k]), "html", &f,
		                             NULL, &local);
		if (rc && rc != STYR_ENOTFOUND)
			return styr_error(err, local.code, "%s", local.msg);
	}
	if (rc == STYR_ENOTFOUND) {
		styr_period_label(p, label, sizeof(label));
		return styr_error(err, STYR_ENOTFOUND,
		                  "the report of %s for %s has no approved version to compare with",
		                  u.code, label);
	}
	then.err = err;
	d.err = err;
	rc = styr_frozen_line_each(db, u.code, period, frozen_cb, &then, err);
	if (rc && !err->code)
		rc = styr_error(err, STYR_ENOMEM, "out of memory reading the approved figures");
	if (!rc)
		rc = current_lines(db, u.code, p, &now, err);
	for (i = j = 0; !rc && (i < then.n || j < now.n);) {
		int c = i == then.n  ? 1
		        : j == now.n ? -1
		                     : strcmp(then.v[i].figure, now.v[j].figure);

		if (c < 0) {
			rc = change_add(&d, then.v[i].figure, then.v[i].value, "");
			i++;
		} else if (c > 0) {
			rc = change_add(&d, now.v[j].figure, "", now.v[j].value);
			j++;
		} else {
			if (strcmp(then.v[i].value, now.v[j].value))
				rc = change_add(&d, then.v[i].figure, then.v[i].value,
				                now.v[j].value);
			i++;
			j++;
		}
	}
	if (!rc && d.n)
		rc = styr_audit_each(db, 1, 0, who_cb, &d, err);
	for (i = 0; !rc && i < d.n; i++)
		if (cb && (rc = cb(ctx, &d.v[i])) != 0)
			break;
	if (!rc && n)
		*n = d.n;
	free(then.v);
	free(now.v);
	free(d.v);
	return rc;
}
