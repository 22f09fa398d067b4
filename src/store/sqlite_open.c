/*
 * Open data in the SQLite backend (migration 0009): the publication of
 * indicators with their Kolada ids, the official codes of org units, and
 * the walk of the values anyone may read.  Few rows are written and the
 * walk runs once per version of the database (the web server caches its
 * answers), so the statements are prepared per call rather than kept.
 *
 * The open-values walk decides in one query what is open: a whole year,
 * an indicator published on or before the given day, and the unit's
 * year approved (styr_report_state_kind 2) — by its own report or by that
 * of a unit above it, the same rule that locks the period
 * (styr_period_check_open): a region's approved årsredovisning covers
 * its units.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store.h"

static int open_error(struct store *st, struct styr_err *err, const char *what)
{
	return styr_error(err, STYR_ESTORE, "%s: %s: %s", store_sqlite_path(st), what,
	                  sqlite3_errmsg(store_sqlite_db(st)));
}

static sqlite3_stmt *prepare(struct store *st, const char *sql, struct styr_err *err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(store_sqlite_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		open_error(st, err, "preparing a statement");
		return NULL;
	}
	return s;
}

static void text_or_null(sqlite3_stmt *s, int i, const char *t)
{
	if (t && *t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static void copy(sqlite3_stmt *s, int i, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

/* Run a write to its end and finalize it. */
static int finish(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? STYR_OK : open_error(st, err, what);

	sqlite3_finalize(s);
	return rc;
}

static int indicator_id(struct store *st, const char *code, sqlite3_int64 *out,
                        struct styr_err *err)
{
	sqlite3_stmt *s = prepare(st, "SELECT id FROM indicator WHERE code = ?1", err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return STYR_OK;
	if (rc != SQLITE_DONE)
		return open_error(st, err, "looking up an indicator");
	return styr_error(err, STYR_ENOTFOUND, "indicator %s does not exist", code);
}

int sq_open_indicator_put(struct store *st, const struct styr_open_indicator *o,
                          struct styr_err *err)
{
	sqlite3_int64 id = 0;
	sqlite3_stmt *s;
	int rc = indicator_id(st, o->indicator, &id, err);

	if (rc)
		return rc;
	if (!o->kolada_id[0] && !o->published[0])
		s = prepare(st, "DELETE FROM open_indicator WHERE indicator_id = ?1", err);
	else
		s = prepare(
		    st,
		    "INSERT INTO open_indicator(indicator_id, kolada_id, published) "
		    "VALUES(?1, ?2, ?3) ON CONFLICT(indicator_id) DO UPDATE SET kolada_id = "
		    "excluded.kolada_id, published = excluded.published",
		    err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	if (o->kolada_id[0] || o->published[0]) {
		text_or_null(s, 2, o->kolada_id);
		text_or_null(s, 3, o->published);
	}
	return finish(st, s, err, "storing an indicator's publication");
}

int sq_open_indicator_each(struct store *st, int (*cb)(void *, const struct styr_open_indicator *),
                           void *ctx, struct styr_err *err)
{
	struct styr_open_indicator o;
	sqlite3_stmt *s = prepare(st,
	                          "SELECT i.code, IFNULL(o.kolada_id, ''), IFNULL(o.published, '') "
	                          "FROM open_indicator o JOIN indicator i ON i.id = o.indicator_id "
	                          "ORDER BY i.code",
	                          err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		copy(s, 0, o.indicator, sizeof(o.indicator));
		copy(s, 1, o.kolada_id, sizeof(o.kolada_id));
		copy(s, 2, o.published, sizeof(o.published));
		if ((rc = cb(ctx, &o))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : open_error(st, err, "reading publications");
}

int sq_open_unit_put(struct store *st, const struct styr_open_unit *u, struct styr_err *err)
{
	sqlite3_int64 id = 0;
	sqlite3_stmt *s;
	int rc = store_sqlite_org_id(st, u->unit, &id, err);

	if (rc)
		return rc;
	if (!u->official_code[0])
		s = prepare(st, "DELETE FROM open_unit WHERE unit_id = ?1", err);
	else
		s = prepare(
		    st,
		    "INSERT INTO open_unit(unit_id, official_code) VALUES(?1, ?2) "
		    "ON CONFLICT(unit_id) DO UPDATE SET official_code = excluded.official_code",
		    err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	if (u->official_code[0])
		sqlite3_bind_text(s, 2, u->official_code, -1, SQLITE_STATIC);
	return finish(st, s, err, "storing an official code");
}

int sq_open_unit_each(struct store *st, int (*cb)(void *, const struct styr_open_unit *), void *ctx,
                      struct styr_err *err)
{
	struct styr_open_unit u;
	sqlite3_stmt *s = prepare(st,
	                          "SELECT u.code, o.official_code FROM open_unit o JOIN org_unit u "
	                          "ON u.id = o.unit_id ORDER BY u.code",
	                          err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&u, 0, sizeof(u));
		copy(s, 0, u.unit, sizeof(u.unit));
		copy(s, 1, u.official_code, sizeof(u.official_code));
		if ((rc = cb(ctx, &u))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : open_error(st, err, "reading official codes");
}

int sq_open_value_each(struct store *st, const char *today,
                       int (*cb)(void *, const struct styr_open_value *), void *ctx,
                       struct styr_err *err)
{
	struct styr_open_value o;
	sqlite3_stmt *s = prepare(
	    st,
	    "WITH RECURSIVE approved(unit_id, year) AS (SELECT unit_id, year FROM report_state "
	    "WHERE first_month = 1 AND last_month = 12 AND state = 2 UNION SELECT o.id, a.year "
	    "FROM approved a JOIN org_unit o ON o.parent_id = a.unit_id), "
	    "both_v AS (SELECT indicator_id, unit_id, year, first_month, last_month, 'T' AS "
	    "gender, "
	    "0 AS g, kind, value, decimals, percent, missing_reason, changed FROM value UNION ALL "
	    "SELECT indicator_id, unit_id, year, first_month, last_month, gender, CASE gender WHEN "
	    "'K' THEN 1 ELSE 2 END, kind, value, decimals, percent, missing_reason, changed FROM "
	    "value_gender) "
	    "SELECT i.code, u.code, v.year, v.kind, v.value, v.decimals, v.percent, "
	    "v.missing_reason, v.changed, v.gender FROM both_v v JOIN open_indicator o ON "
	    "o.indicator_id = v.indicator_id JOIN indicator i ON i.id = v.indicator_id JOIN "
	    "org_unit u ON u.id = v.unit_id JOIN approved r ON r.unit_id = v.unit_id AND r.year = "
	    "v.year WHERE v.first_month = 1 AND v.last_month = 12 AND o.published IS NOT NULL AND "
	    "o.published <= ?1 ORDER BY i.code, u.code, v.year, v.g",
	    err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct styr_value *v = &o.value;

		memset(&o, 0, sizeof(o));
		copy(s, 0, v->indicator, sizeof(v->indicator));
		copy(s, 1, v->unit, sizeof(v->unit));
		v->period.year = sqlite3_column_int(s, 2);
		v->period.first_month = 1;
		v->period.last_month = 12;
		v->num.kind = (enum styr_num_kind)sqlite3_column_int(s, 3);
		v->num.value = sqlite3_column_double(s, 4);
		v->num.decimals = sqlite3_column_int(s, 5);
		v->num.percent = sqlite3_column_int(s, 6) != 0;
		copy(s, 7, v->missing_reason, sizeof(v->missing_reason));
		copy(s, 8, o.changed, sizeof(o.changed));
		copy(s, 9, o.gender, sizeof(o.gender));
		if ((rc = cb(ctx, &o))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : open_error(st, err, "reading open values");
}

/* Gender values: K and M beside the total in value. */
int sq_gender_value_put(struct store *st, const struct styr_gender_value *g, struct styr_err *err)
{
	const struct styr_value *v = &g->value;
	sqlite3_int64 iid = 0, uid = 0;
	sqlite3_stmt *s;
	int rc;

	if (strcmp(g->gender, "K") && strcmp(g->gender, "M"))
		return styr_error(err, STYR_EINPUT, "gender \"%s\": expected K or M", g->gender);
	if ((rc = indicator_id(st, v->indicator, &iid, err)) ||
	    (rc = store_sqlite_org_id(st, v->unit, &uid, err)))
		return rc;
	s = prepare(
	    st,
	    "INSERT INTO value_gender(indicator_id, unit_id, year, first_month, last_month, "
	    "gender, kind, value, decimals, percent, missing_reason, source, changed) "
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) ON CONFLICT(indicator_id, unit_id, year, "
	    "first_month, last_month, gender) DO UPDATE SET kind = excluded.kind, value = "
	    "excluded.value, decimals = excluded.decimals, percent = excluded.percent, "
	    "missing_reason = excluded.missing_reason, source = excluded.source, changed = "
	    "excluded.changed",
	    err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, iid);
	sqlite3_bind_int64(s, 2, uid);
	sqlite3_bind_int(s, 3, v->period.year);
	sqlite3_bind_int(s, 4, v->period.first_month);
	sqlite3_bind_int(s, 5, v->period.last_month);
	sqlite3_bind_text(s, 6, g->gender, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, (int)v->num.kind);
	if (v->num.kind == STYR_NUM_VALUE)
		sqlite3_bind_double(s, 8, v->num.value);
	sqlite3_bind_int(s, 9, v->num.decimals);
	sqlite3_bind_int(s, 10, v->num.percent);
	sqlite3_bind_text(s, 11, v->missing_reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, v->source, -1, SQLITE_STATIC);
	return finish(st, s, err, "storing a gender value");
}

int sq_gender_value_each(struct store *st, int (*cb)(void *, const struct styr_gender_value *),
                         void *ctx, struct styr_err *err)
{
	struct styr_gender_value g;
	sqlite3_stmt *s = prepare(
	    st,
	    "SELECT i.code, u.code, v.year, v.first_month, v.last_month, v.gender, v.kind, "
	    "v.value, "
	    "v.decimals, v.percent, v.missing_reason, v.source FROM value_gender v JOIN indicator "
	    "i "
	    "ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id ORDER BY i.code, u.code, "
	    "v.year, v.first_month, v.last_month, v.gender",
	    err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct styr_value *v = &g.value;

		memset(&g, 0, sizeof(g));
		copy(s, 0, v->indicator, sizeof(v->indicator));
		copy(s, 1, v->unit, sizeof(v->unit));
		v->period.year = sqlite3_column_int(s, 2);
		v->period.first_month = sqlite3_column_int(s, 3);
		v->period.last_month = sqlite3_column_int(s, 4);
		copy(s, 5, g.gender, sizeof(g.gender));
		v->num.kind = (enum styr_num_kind)sqlite3_column_int(s, 6);
		v->num.value = sqlite3_column_double(s, 7);
		v->num.decimals = sqlite3_column_int(s, 8);
		v->num.percent = sqlite3_column_int(s, 9) != 0;
		copy(s, 10, v->missing_reason, sizeof(v->missing_reason));
		copy(s, 11, v->source, sizeof(v->source));
		if ((rc = cb(ctx, &g))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : open_error(st, err, "reading gender values");
}
