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

#include "store/open_sql.h"
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

/* A value's number and missing reason from five columns from c on:
 * kind, value, decimals, percent, missing_reason. */
static void number_from_row(sqlite3_stmt *s, int c, struct styr_value *v)
{
	v->num.kind = (enum styr_num_kind)sqlite3_column_int(s, c);
	v->num.value = sqlite3_column_double(s, c + 1);
	v->num.decimals = sqlite3_column_int(s, c + 2);
	v->num.percent = sqlite3_column_int(s, c + 3) != 0;
	store_sqlite_col_copy(s, c + 4, v->missing_reason, sizeof(v->missing_reason));
}

/* Run a write to its end and finalize it. */
static int finish(struct store *st, sqlite3_stmt *s, struct styr_err *err, const char *what)
{
	int rc = sqlite3_step(s) == SQLITE_DONE ? STYR_OK : open_error(st, err, what);

	sqlite3_finalize(s);
	return rc;
}

int sq_open_indicator_put(struct store *st, const struct styr_open_indicator *o,
                          struct styr_err *err)
{
	sqlite3_int64 id = 0;
	sqlite3_stmt *s;
	int rc = store_sqlite_ind_id(st, o->indicator, &id, err);

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
		store_sqlite_bind_text_or_null(s, 2, o->kolada_id);
		store_sqlite_bind_text_or_null(s, 3, o->published);
	}
	return finish(st, s, err, "storing an indicator's publication");
}

int sq_open_indicator_each(struct store *st, int (*cb)(void *, const struct styr_open_indicator *),
                           void *ctx, struct styr_err *err)
{
	struct styr_open_indicator o;
	sqlite3_stmt *s = prepare(st, STORE_OPEN_INDICATOR_EACH_SQL, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		store_sqlite_col_copy(s, 0, o.indicator, sizeof(o.indicator));
		store_sqlite_col_copy(s, 1, o.kolada_id, sizeof(o.kolada_id));
		store_sqlite_col_copy(s, 2, o.published, sizeof(o.published));
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
	sqlite3_stmt *s = prepare(st, STORE_OPEN_UNIT_EACH_SQL, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&u, 0, sizeof(u));
		store_sqlite_col_copy(s, 0, u.unit, sizeof(u.unit));
		store_sqlite_col_copy(s, 1, u.official_code, sizeof(u.official_code));
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
	sqlite3_stmt *s = prepare(st, STORE_OPEN_VALUES_SQL("?1"), err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct styr_value *v = &o.value;

		memset(&o, 0, sizeof(o));
		store_sqlite_col_copy(s, 0, v->indicator, sizeof(v->indicator));
		store_sqlite_col_copy(s, 1, v->unit, sizeof(v->unit));
		v->period.year = sqlite3_column_int(s, 2);
		v->period.first_month = 1;
		v->period.last_month = 12;
		number_from_row(s, 3, v);
		store_sqlite_col_copy(s, 8, o.changed, sizeof(o.changed));
		store_sqlite_col_copy(s, 9, o.gender, sizeof(o.gender));
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
	if ((rc = store_sqlite_ind_id(st, v->indicator, &iid, err)) ||
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
	sqlite3_stmt *s = prepare(st, STORE_GENDER_VALUE_EACH_SQL, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct styr_value *v = &g.value;

		memset(&g, 0, sizeof(g));
		store_sqlite_col_copy(s, 0, v->indicator, sizeof(v->indicator));
		store_sqlite_col_copy(s, 1, v->unit, sizeof(v->unit));
		v->period.year = sqlite3_column_int(s, 2);
		v->period.first_month = sqlite3_column_int(s, 3);
		v->period.last_month = sqlite3_column_int(s, 4);
		store_sqlite_col_copy(s, 5, g.gender, sizeof(g.gender));
		number_from_row(s, 6, v);
		store_sqlite_col_copy(s, 11, v->source, sizeof(v->source));
		if ((rc = cb(ctx, &g))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : open_error(st, err, "reading gender values");
}

/* Withdrawn open values (Kolada's is_deleted). */
int sq_open_withdrawn_put(struct store *st, const struct styr_open_value *o, struct styr_err *err)
{
	sqlite3_int64 iid = 0, uid = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_sqlite_ind_id(st, o->value.indicator, &iid, err)) ||
	    (rc = store_sqlite_org_id(st, o->value.unit, &uid, err)))
		return rc;
	s = prepare(
	    st,
	    "INSERT INTO open_withdrawn(indicator_id, unit_id, year, gender, at) VALUES(?1, "
	    "?2, ?3, ?4, ?5) ON CONFLICT(indicator_id, unit_id, year, gender) DO UPDATE SET "
	    "at = excluded.at",
	    err);
	if (!s)
		return STYR_ESTORE;
	sqlite3_bind_int64(s, 1, iid);
	sqlite3_bind_int64(s, 2, uid);
	sqlite3_bind_int(s, 3, o->value.period.year);
	sqlite3_bind_text(s, 4, o->gender, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, o->changed, -1, SQLITE_STATIC);
	return finish(st, s, err, "storing a withdrawal");
}

int sq_open_withdrawn_each(struct store *st, int (*cb)(void *, const struct styr_open_value *),
                           void *ctx, struct styr_err *err)
{
	struct styr_open_value o;
	sqlite3_stmt *s = prepare(st, STORE_OPEN_WITHDRAWN_EACH_SQL, err);
	int rc;

	if (!s)
		return STYR_ESTORE;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&o, 0, sizeof(o));
		store_sqlite_col_copy(s, 0, o.value.indicator, sizeof(o.value.indicator));
		store_sqlite_col_copy(s, 1, o.value.unit, sizeof(o.value.unit));
		o.value.period.year = sqlite3_column_int(s, 2);
		o.value.period.first_month = 1;
		o.value.period.last_month = 12;
		store_sqlite_col_copy(s, 3, o.gender, sizeof(o.gender));
		store_sqlite_col_copy(s, 4, o.changed, sizeof(o.changed));
		if ((rc = cb(ctx, &o))) {
			sqlite3_finalize(s);
			return rc;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? STYR_OK : open_error(st, err, "reading withdrawals");
}
