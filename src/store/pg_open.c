/*
 * Open data in the PostgreSQL backend (migration 0009): the dialect of
 * sqlite_open.c, operation for operation and message for message.  The
 * statements are prepared with pg.c's when a connection opens and run
 * through its pipeline (pg_int.h), parameters as text.  A write is looked
 * up first (the indicator or unit must exist), because in a transaction
 * the pipeline answers a broken constraint only later.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/open_sql.h"
#include "store/pg_int.h"
#include "store/store.h"

enum open_stmt {
	O_IND_PUT,
	O_IND_DELETE,
	O_IND_EACH,
	O_UNIT_PUT,
	O_UNIT_DELETE,
	O_UNIT_EACH,
	O_VALUE_EACH,
	O_GENDER_PUT,
	O_GENDER_EACH,
	O_WITHDRAWN_PUT,
	O_WITHDRAWN_EACH,
	O_COUNT
};

const char *const store_pg_open_sql[O_COUNT] = {
    [O_IND_PUT] = "INSERT INTO open_indicator(indicator_id, kolada_id, published) VALUES($1, $2, "
                  "$3) ON CONFLICT(indicator_id) DO UPDATE SET kolada_id = excluded.kolada_id, "
                  "published = excluded.published",
    [O_IND_DELETE] = "DELETE FROM open_indicator WHERE indicator_id = $1",
    [O_IND_EACH] = STORE_OPEN_INDICATOR_EACH_SQL,
    [O_UNIT_PUT] = "INSERT INTO open_unit(unit_id, official_code) VALUES($1, $2) ON "
                   "CONFLICT(unit_id) DO UPDATE SET official_code = excluded.official_code",
    [O_UNIT_DELETE] = "DELETE FROM open_unit WHERE unit_id = $1",
    [O_UNIT_EACH] = STORE_OPEN_UNIT_EACH_SQL,
    [O_VALUE_EACH] = STORE_OPEN_VALUES_SQL("$1"),
    [O_GENDER_PUT] =
        "INSERT INTO value_gender(indicator_id, unit_id, year, first_month, last_month, gender, "
        "kind, value, decimals, percent, missing_reason, source, changed) VALUES($1, $2, $3, $4, "
        "$5, $6, $7, $8, $9, $10, $11, $12, to_char(now() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) ON CONFLICT(indicator_id, unit_id, year, first_month, "
        "last_month, gender) DO UPDATE SET kind = excluded.kind, value = excluded.value, "
        "decimals = excluded.decimals, percent = excluded.percent, missing_reason = "
        "excluded.missing_reason, source = excluded.source, changed = excluded.changed",
    [O_GENDER_EACH] = STORE_GENDER_VALUE_EACH_SQL,
    [O_WITHDRAWN_PUT] = "INSERT INTO open_withdrawn(indicator_id, unit_id, year, gender, at) "
                        "VALUES($1, $2, $3, $4, $5) ON CONFLICT(indicator_id, unit_id, year, "
                        "gender) DO UPDATE SET at = excluded.at",
    [O_WITHDRAWN_EACH] = STORE_OPEN_WITHDRAWN_EACH_SQL,
};

const int store_pg_open_count = O_COUNT;

static void copy(const PGresult *res, int r, int c, char *dst, size_t n)
{
	snprintf(dst, n, "%s", PQgetvalue(res, r, c));
}

/* A value's number and missing reason from five columns from c on:
 * kind, value, decimals, percent, missing_reason. */
static void number_from_row(const PGresult *res, int i, int c, struct styr_value *v)
{
	v->num.kind = (enum styr_num_kind)atoi(PQgetvalue(res, i, c));
	v->num.value = PQgetisnull(res, i, c + 1) ? 0 : strtod(PQgetvalue(res, i, c + 1), NULL);
	v->num.decimals = atoi(PQgetvalue(res, i, c + 2));
	v->num.percent = atoi(PQgetvalue(res, i, c + 3)) != 0;
	copy(res, i, c + 4, v->missing_reason, sizeof(v->missing_reason));
}

/* The key of indicator code as the statements' text parameter. */
static int indicator_key(struct store *st, const char *code, char *out, size_t n,
                         struct styr_err *err)
{
	long long id = 0;
	int rc = store_pg_ind_id(st, code, &id, err);

	if (!rc)
		snprintf(out, n, "%lld", id);
	return rc;
}

int pg_open_indicator_put(struct store *st, const struct styr_open_indicator *o,
                          struct styr_err *err)
{
	char id[24];
	const char *v[3];
	int rc = indicator_key(st, o->indicator, id, sizeof(id), err);

	if (rc)
		return rc;
	v[0] = id;
	if (!o->kolada_id[0] && !o->published[0])
		return store_pg_open_run_done(st, O_IND_DELETE, 1, v,
		                              "storing an indicator's publication", err);
	v[1] = o->kolada_id[0] ? o->kolada_id : NULL;
	v[2] = o->published[0] ? o->published : NULL;
	return store_pg_open_run_done(st, O_IND_PUT, 3, v, "storing an indicator's publication",
	                              err);
}

/* Fetch the whole result first, so cb may use the store. */
int pg_open_indicator_each(struct store *st, int (*cb)(void *, const struct styr_open_indicator *),
                           void *ctx, struct styr_err *err)
{
	struct styr_open_indicator o;
	PGresult *res = store_pg_open_run(st, O_IND_EACH, 0, NULL, "reading publications", err);
	int i, n, rc = 0;

	if (!res)
		return STYR_ESTORE;
	n = PQntuples(res);
	for (i = 0; i < n && !rc; i++) {
		memset(&o, 0, sizeof(o));
		copy(res, i, 0, o.indicator, sizeof(o.indicator));
		copy(res, i, 1, o.kolada_id, sizeof(o.kolada_id));
		copy(res, i, 2, o.published, sizeof(o.published));
		rc = cb(ctx, &o);
	}
	PQclear(res);
	return rc;
}

int pg_open_unit_put(struct store *st, const struct styr_open_unit *u, struct styr_err *err)
{
	long long id;
	char idtext[24];
	const char *v[2] = {idtext, u->official_code};
	int rc = store_pg_org_id(st, u->unit, &id, err);

	if (rc)
		return rc;
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (!u->official_code[0])
		return store_pg_open_run_done(st, O_UNIT_DELETE, 1, v, "storing an official code",
		                              err);
	return store_pg_open_run_done(st, O_UNIT_PUT, 2, v, "storing an official code", err);
}

int pg_open_unit_each(struct store *st, int (*cb)(void *, const struct styr_open_unit *), void *ctx,
                      struct styr_err *err)
{
	struct styr_open_unit u;
	PGresult *res = store_pg_open_run(st, O_UNIT_EACH, 0, NULL, "reading official codes", err);
	int i, n, rc = 0;

	if (!res)
		return STYR_ESTORE;
	n = PQntuples(res);
	for (i = 0; i < n && !rc; i++) {
		memset(&u, 0, sizeof(u));
		copy(res, i, 0, u.unit, sizeof(u.unit));
		copy(res, i, 1, u.official_code, sizeof(u.official_code));
		rc = cb(ctx, &u);
	}
	PQclear(res);
	return rc;
}

int pg_open_value_each(struct store *st, const char *today,
                       int (*cb)(void *, const struct styr_open_value *), void *ctx,
                       struct styr_err *err)
{
	struct styr_open_value o;
	const char *v[1] = {today};
	PGresult *res = store_pg_open_run(st, O_VALUE_EACH, 1, v, "reading open values", err);
	int i, n, rc = 0;

	if (!res)
		return STYR_ESTORE;
	n = PQntuples(res);
	for (i = 0; i < n && !rc; i++) {
		struct styr_value *x = &o.value;

		memset(&o, 0, sizeof(o));
		copy(res, i, 0, x->indicator, sizeof(x->indicator));
		copy(res, i, 1, x->unit, sizeof(x->unit));
		x->period.year = atoi(PQgetvalue(res, i, 2));
		x->period.first_month = 1;
		x->period.last_month = 12;
		number_from_row(res, i, 3, x);
		copy(res, i, 8, o.changed, sizeof(o.changed));
		copy(res, i, 9, o.gender, sizeof(o.gender));
		rc = cb(ctx, &o);
	}
	PQclear(res);
	return rc;
}

/* Gender values: K and M beside the total in value. */
int pg_gender_value_put(struct store *st, const struct styr_gender_value *g, struct styr_err *err)
{
	const struct styr_value *v = &g->value;
	char iid[24], uidt[24], nums[6][32];
	const char *p[12];
	long long uid;
	int rc;

	if (strcmp(g->gender, "K") && strcmp(g->gender, "M"))
		return styr_error(err, STYR_EINPUT, "gender \"%s\": expected K or M", g->gender);
	if ((rc = indicator_key(st, v->indicator, iid, sizeof(iid), err)) ||
	    (rc = store_pg_org_id(st, v->unit, &uid, err)))
		return rc;
	snprintf(uidt, sizeof(uidt), "%lld", uid);
	snprintf(nums[0], sizeof(nums[0]), "%d", v->period.year);
	snprintf(nums[1], sizeof(nums[1]), "%d", v->period.first_month);
	snprintf(nums[2], sizeof(nums[2]), "%d", v->period.last_month);
	snprintf(nums[3], sizeof(nums[3]), "%d", (int)v->num.kind);
	snprintf(nums[4], sizeof(nums[4]), "%.17g", v->num.value);
	snprintf(nums[5], sizeof(nums[5]), "%d", v->num.decimals);
	p[0] = iid;
	p[1] = uidt;
	p[2] = nums[0];
	p[3] = nums[1];
	p[4] = nums[2];
	p[5] = g->gender;
	p[6] = nums[3];
	p[7] = v->num.kind == STYR_NUM_VALUE ? nums[4] : NULL;
	p[8] = nums[5];
	p[9] = v->num.percent ? "1" : "0";
	p[10] = v->missing_reason;
	p[11] = v->source;
	return store_pg_open_run_done(st, O_GENDER_PUT, 12, p, "storing a gender value", err);
}

int pg_gender_value_each(struct store *st, int (*cb)(void *, const struct styr_gender_value *),
                         void *ctx, struct styr_err *err)
{
	struct styr_gender_value g;
	PGresult *res = store_pg_open_run(st, O_GENDER_EACH, 0, NULL, "reading gender values", err);
	int i, n, rc = 0;

	if (!res)
		return STYR_ESTORE;
	n = PQntuples(res);
	for (i = 0; i < n && !rc; i++) {
		struct styr_value *v = &g.value;

		memset(&g, 0, sizeof(g));
		copy(res, i, 0, v->indicator, sizeof(v->indicator));
		copy(res, i, 1, v->unit, sizeof(v->unit));
		v->period.year = atoi(PQgetvalue(res, i, 2));
		v->period.first_month = atoi(PQgetvalue(res, i, 3));
		v->period.last_month = atoi(PQgetvalue(res, i, 4));
		copy(res, i, 5, g.gender, sizeof(g.gender));
		number_from_row(res, i, 6, v);
		copy(res, i, 11, v->source, sizeof(v->source));
		rc = cb(ctx, &g);
	}
	PQclear(res);
	return rc;
}

/* Withdrawn open values (Kolada's is_deleted). */
int pg_open_withdrawn_put(struct store *st, const struct styr_open_value *o, struct styr_err *err)
{
	char iid[24], uidt[24], year[16];
	const char *p[5] = {iid, uidt, year, o->gender, o->changed};
	long long uid;
	int rc;

	if ((rc = indicator_key(st, o->value.indicator, iid, sizeof(iid), err)) ||
	    (rc = store_pg_org_id(st, o->value.unit, &uid, err)))
		return rc;
	snprintf(uidt, sizeof(uidt), "%lld", uid);
	snprintf(year, sizeof(year), "%d", o->value.period.year);
	return store_pg_open_run_done(st, O_WITHDRAWN_PUT, 5, p, "storing a withdrawal", err);
}

int pg_open_withdrawn_each(struct store *st, int (*cb)(void *, const struct styr_open_value *),
                           void *ctx, struct styr_err *err)
{
	struct styr_open_value o;
	PGresult *res =
	    store_pg_open_run(st, O_WITHDRAWN_EACH, 0, NULL, "reading withdrawals", err);
	int i, n, rc = 0;

	if (!res)
		return STYR_ESTORE;
	n = PQntuples(res);
	for (i = 0; i < n && !rc; i++) {
		memset(&o, 0, sizeof(o));
		copy(res, i, 0, o.value.indicator, sizeof(o.value.indicator));
		copy(res, i, 1, o.value.unit, sizeof(o.value.unit));
		o.value.period.year = atoi(PQgetvalue(res, i, 2));
		o.value.period.first_month = 1;
		o.value.period.last_month = 12;
		copy(res, i, 3, o.gender, sizeof(o.gender));
		copy(res, i, 4, o.changed, sizeof(o.changed));
		rc = cb(ctx, &o);
	}
	PQclear(res);
	return rc;
}
