/*
 * Open data decisions: publishing an indicator (from a date), its Kolada
 * KPI id, and an org unit's official municipality or region code.  Each
 * is one transaction that checks its input first, so a refused decision
 * changes nothing; the store keeps the rows (src/store/open.c)
 * and the web front-end serves what they open (src/web/kolada.c).
 *
 * A publication and a Kolada id share one row per indicator, so each
 * decision reads the row first and keeps the other half.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "styr/styr.h"

struct find_open {
	const char *indicator;
	struct styr_open_indicator *out;
};

static int find_cb(void *ctx, const struct styr_open_indicator *o)
{
	struct find_open *f = ctx;

	if (strcmp(o->indicator, f->indicator))
		return 0;
	*f->out = *o;
	return 1;
}

/* The indicator's row (empty fields when it has none). */
static int open_row(struct styr_db *db, const char *indicator, struct styr_open_indicator *o,
                    struct styr_err *err)
{
	struct styr_indicator ind;
	struct find_open f = {indicator, o};
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = styr_indicator_find(db, indicator, &ind, err)))
		return rc;
	/* find_cb stops the walk (non-zero) when it finds the row. */
	styr_open_indicator_each(db, find_cb, &f, err);
	if (err->code)
		return err->code;
	return styr_field_copy(o->indicator, sizeof(o->indicator), ind.code, "indicator", err);
}

/* Ids travel in URLs as comma-separated lists: no commas, slashes or
 * spaces. */
static int id_check(const char *what, const char *id, struct styr_err *err)
{
	if (strcspn(id, ",/ ?&#%") != strlen(id))
		return styr_error(err, STYR_EINPUT,
		                  "%s \"%s\": expected letters and digits, without , / or spaces",
		                  what, id);
	return STYR_OK;
}

static int put(struct styr_db *db, const struct styr_open_indicator *o, struct styr_err *err)
{
	int rc = styr_db_begin(db, err);

	if (rc)
		return rc;
	if ((rc = styr_open_indicator_put(db, o, err)) || (rc = styr_db_commit(db, err))) {
		styr_db_rollback(db);
		return rc;
	}
	return STYR_OK;
}

/* The open values of the indicators being withdrawn, gathered before the
 * withdrawal and stored as withdrawn after it, stamped with one time. */
struct withdrawn {
	const char (*codes)[STYR_CODE_MAX];
	size_t ncodes;
	struct styr_open_value *v;
	size_t n, cap;
	char now[24];
	struct styr_err *err;
};

static int withdrawn_cb(void *ctx, const struct styr_open_value *v)
{
	struct withdrawn *w = ctx;
	size_t i;

	for (i = 0; i < w->ncodes; i++)
		if (!strcmp(w->codes[i], v->value.indicator))
			break;
	if (i == w->ncodes)
		return 0;
	if (styr_array_grow((void **)&w->v, &w->cap, w->n, sizeof(*w->v), w->err))
		return 1;
	w->v[w->n] = *v;
	snprintf(w->v[w->n].changed, sizeof(w->v[w->n].changed), "%s", w->now);
	w->n++;
	return 0;
}

static int withdrawn_gather(struct styr_db *db, struct withdrawn *w,
                            const char (*codes)[STYR_CODE_MAX], size_t n, struct styr_err *err)
{
	time_t t = time(NULL);
	struct tm tm;
	char today[STYR_DATE_MAX];

	memset(w, 0, sizeof(*w));
	w->codes = codes;
	w->ncodes = n;
	w->err = err;
	gmtime_r(&t, &tm);
	strftime(w->now, sizeof(w->now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	styr_open_value_each(db, today, withdrawn_cb, w, err);
	return err->code;
}

static int withdrawn_store(struct styr_db *db, struct withdrawn *w, struct styr_err *err)
{
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < w->n && !rc; i++)
		rc = styr_open_withdrawn_put(db, &w->v[i], err);
	return rc;
}

/* Publish (or withdraw) one indicator inside the caller's transaction. */
static int publish_one(struct styr_db *db, const char *indicator, const char *date,
                       struct styr_err *err)
{
	struct styr_open_indicator o;
	int rc;

	if ((rc = open_row(db, indicator, &o, err)))
		return rc;
	snprintf(o.published, sizeof(o.published), "%s", date ? date : "");
	return styr_open_indicator_put(db, &o, err);
}

/* Publish (or withdraw) the indicators codes[0..n) in one transaction;
 * a withdrawal records the values it closes. */
static int publish_all(struct styr_db *db, const char (*codes)[STYR_CODE_MAX], size_t n,
                       const char *date, struct styr_err *err)
{
	struct withdrawn w;
	size_t i;
	int rc;

	if ((rc = styr_db_begin(db, err)))
		return rc;
	memset(&w, 0, sizeof(w));
	if (!(date && *date))
		rc = withdrawn_gather(db, &w, codes, n, err);
	for (i = 0; i < n && !rc; i++)
		rc = publish_one(db, codes[i], date, err);
	if (!rc)
		rc = withdrawn_store(db, &w, err);
	free(w.v);
	if (rc || (rc = styr_db_commit(db, err))) {
		styr_db_rollback(db);
		return rc;
	}
	return STYR_OK;
}

int styr_publish(struct styr_db *db, const char *indicator, const char *date, struct styr_err *err)
{
	struct styr_open_indicator o;
	char code[1][STYR_CODE_MAX];
	int rc;

	if (date && *date && (rc = styr_date_check(date, err)))
		return rc;
	if ((rc = open_row(db, indicator, &o, err)))
		return rc;
	snprintf(code[0], sizeof(code[0]), "%s", o.indicator);
	return publish_all(db, (const char(*)[STYR_CODE_MAX])code, 1, date, err);
}

/* A goal's indicators, gathered before any is written (the walk must not
 * run while the store writes). */
struct goal_members {
	const char *goal;
	char (*codes)[STYR_CODE_MAX];
	size_t n, cap;
	struct styr_err *err;
};

static int member_cb(void *ctx, const char *goal, const char *indicator)
{
	struct goal_members *m = ctx;

	if (strcmp(goal, m->goal))
		return 0;
	if (styr_array_grow((void **)&m->codes, &m->cap, m->n, sizeof(*m->codes), m->err))
		return 1;
	snprintf(m->codes[m->n++], STYR_CODE_MAX, "%s", indicator);
	return 0;
}

int styr_publish_goal(struct styr_db *db, const char *goal, const char *date, struct styr_err *err)
{
	struct styr_goal g;
	struct goal_members m;
	int rc;

	if (date && *date && (rc = styr_date_check(date, err)))
		return rc;
	if ((rc = styr_goal_find(db, goal, &g, err)))
		return rc;
	memset(&m, 0, sizeof(m));
	m.goal = g.code;
	m.err = err;
	styr_goal_indicator_each(db, member_cb, &m, err);
	if (err->code) {
		free(m.codes);
		return err->code;
	}
	if (!m.n) {
		free(m.codes);
		return styr_error(err, STYR_EINPUT, "goal %s has no indicators to publish", g.code);
	}
	rc = publish_all(db, (const char(*)[STYR_CODE_MAX])m.codes, m.n, date, err);
	free(m.codes);
	return rc;
}

int styr_kolada_id_set(struct styr_db *db, const char *indicator, const char *kolada_id,
                       struct styr_err *err)
{
	struct styr_open_indicator o;
	int rc;

	if ((rc = id_check("Kolada id", kolada_id, err)) ||
	    (rc = open_row(db, indicator, &o, err)) ||
	    (rc = styr_field_copy(o.kolada_id, sizeof(o.kolada_id), kolada_id, "Kolada id", err)))
		return rc;
	return put(db, &o, err);
}

int styr_official_code_set(struct styr_db *db, const char *unit, const char *code,
                           struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_open_unit o;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = id_check("official code", code, err)) ||
	    (rc = styr_org_find(db, unit, &u, err)) ||
	    (rc = styr_field_copy(o.unit, sizeof(o.unit), u.code, "unit", err)) ||
	    (rc = styr_field_copy(o.official_code, sizeof(o.official_code), code, "official code",
	                          err)))
		return rc;
	if ((rc = styr_db_begin(db, err)))
		return rc;
	if ((rc = styr_open_unit_put(db, &o, err)) || (rc = styr_db_commit(db, err))) {
		styr_db_rollback(db);
		return rc;
	}
	return STYR_OK;
}
