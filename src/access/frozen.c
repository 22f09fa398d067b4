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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "styr/frozen.h"
#include "styr/model.h"

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

static int line_cb(void *ctx, const struct styr_value *v)
{
	struct lines *l = ctx;
	struct styr_frozen_line *x;
	char period[STYR_PERIOD_TEXT_MAX];

	if (styr_period_cmp(&v->period, l->p))
		return 0;
	if (styr_array_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v), l->err))
		return STYR_ENOMEM;
	x = &l->v[l->n++];
	memset(x, 0, sizeof(*x));
	styr_period_format(&v->period, period, sizeof(period));
	snprintf(x->unit, sizeof(x->unit), "%s", l->unit);
	styr_period_format(l->p, x->period, sizeof(x->period));
	snprintf(x->figure, sizeof(x->figure), "value %s %s %s", v->indicator, v->unit, period);
	styr_value_format(v, NULL, x->value, sizeof(x->value));
	return 0;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct styr_frozen_line *)a)->figure,
	              ((const struct styr_frozen_line *)b)->figure);
}

static int current_lines(struct styr_db *db, const char *unit, const struct styr_period *p,
                         struct lines *l, struct styr_err *err)
{
	struct styr_value_filter f = {NULL, unit, p->year};
	int rc;

	memset(l, 0, sizeof(*l));
	l->p = p;
	l->unit = unit;
	l->err = err;
	rc = styr_value_each(db, &f, line_cb, l, err);
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

/* Newest first: the first entry of a figure is its latest change. */
static int who_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct diff *d = ctx;
	size_t i;

	/* a change into the locked period is an admin's unlock-write */
	if (strcmp(a->action, "value.put") && strcmp(a->action, "unlock-write"))
		return 0;
	for (i = 0; i < d->n; i++)
		if (!d->v[i].who[0] && !strcmp(d->v[i].figure, a->entity)) {
			snprintf(d->v[i].who, sizeof(d->v[i].who), "%s", a->user);
			snprintf(d->v[i].when, sizeof(d->v[i].when), "%s", a->time);
		}
	return 0;
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
