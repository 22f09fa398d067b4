/*
 * Tests of the store through the public styr_db functions, on SQLite and,
 * when STYR_TEST_PG_URL names a PostgreSQL server (a libpq conninfo
 * without dbname, as tests/pg/env.sh sets it), once more on PostgreSQL,
 * each case in a database of its own: both backends must behave the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/checked.h"
#include "store/driver.h"
#include "styr/analysis.h"
#include "styr/db.h"
#include "styr/goals.h"
#include "styr/ledger.h"
#include "testdb.h"

/* Each case gets a database of its own (testdb_setup): a file, or on
 * PostgreSQL a schema of the group's database. */
static int pg_group_setup(void **state)
{
	(void)state;
	return testdb_pg_begin(testdb_pg_env(), "styr_unit");
}

static int pg_group_teardown(void **state)
{
	(void)state;
	testdb_pg_end();
	return 0;
}

static void put_unit(struct styr_db *db, const char *code, const char *parent,
                     enum styr_org_kind kind)
{
	struct styr_org_unit u;
	struct styr_err err;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "Enhet %s", code);
	snprintf(u.parent, sizeof(u.parent), "%s", parent);
	u.kind = kind;
	styr_err_init(&err);
	assert_int_equal(styr_org_put(db, &u, &err), STYR_OK);
}

static void put_indicator(struct styr_db *db, const char *code)
{
	struct styr_indicator ind;
	struct styr_err err;

	memset(&ind, 0, sizeof(ind));
	ind.tolerance = -1;
	snprintf(ind.code, sizeof(ind.code), "%s", code);
	snprintf(ind.name, sizeof(ind.name), "Indikator %s", code);
	styr_err_init(&err);
	assert_int_equal(styr_indicator_put(db, &ind, &err), STYR_OK);
}

/* Without STYR_DB_CREATE nothing is created: SQLite makes no file, and a
 * PostgreSQL database (which must exist) without the schema is refused. */
static void test_open_missing_without_create(void **state)
{
	struct testdb f;
	struct styr_db *db = NULL;
	struct styr_err err;
	char msg[1200];

	(void)state;
	memset(&f, 0, sizeof(f));
	testdb_location(&f);
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f.location, 0, &db, &err), STYR_ENOTFOUND);
	assert_null(db);
	snprintf(msg, sizeof(msg), "database %s %s (create it with: styr init --db %s)", f.location,
	         testdb_pg_url ? "has no styr schema" : "does not exist", f.location);
	assert_string_equal(err.msg, msg);
	if (!testdb_pg_url)
		assert_int_equal(access(f.location, F_OK), -1);
	/* Opening with the flag creates the schema; opening again without it
	 * finds the schema up to date. */
	assert_int_equal(styr_db_open(f.location, STYR_DB_CREATE, &db, &err), STYR_OK);
	styr_db_close(db);
	assert_int_equal(styr_db_open(f.location, 0, &db, &err), STYR_OK);
	styr_db_close(db);
	testdb_drop(&f);
}

static void test_org_tree_and_alias(void **state)
{
	struct testdb *f = *state;
	struct styr_org_unit u;
	struct styr_err err;

	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	put_unit(f->db, "LKR", "RS", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	assert_int_equal(styr_org_alias_put(f->db, "Landskrona lasarett", "LKR", &err), STYR_OK);
	/* Aliases are found case-insensitively, as people type them. */
	assert_int_equal(styr_org_find(f->db, "landskrona LASARETT", &u, &err), STYR_OK);
	assert_string_equal(u.code, "LKR");
	assert_string_equal(u.parent, "RS");
	assert_int_equal(u.kind, STYR_ORG_FORVALTNING);
	assert_int_equal(styr_org_find(f->db, "MALMÖ", &u, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"MALMÖ\" does not exist");
}

static void test_parent_must_exist(void **state)
{
	struct testdb *f = *state;
	struct styr_org_unit u;
	struct styr_err err;

	memset(&u, 0, sizeof(u));
	strcpy(u.code, "X");
	strcpy(u.name, "X");
	strcpy(u.parent, "NOPE");
	styr_err_init(&err);
	assert_int_equal(styr_org_put(f->db, &u, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"NOPE\" does not exist");
}

static void test_target_falls_back_to_all_units(void **state)
{
	struct testdb *f = *state;
	struct styr_indicator_target t, got;
	struct styr_err err;

	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	put_unit(f->db, "LKR", "RS", STYR_ORG_FORVALTNING);
	put_unit(f->db, "HBG", "RS", STYR_ORG_FORVALTNING);
	put_indicator(f->db, "ID0069");
	memset(&t, 0, sizeof(t));
	strcpy(t.indicator, "ID0069");
	t.year = 2024;
	strcpy(t.text, ">95%");
	styr_err_init(&err);
	assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);
	strcpy(t.unit, "LKR");
	strcpy(t.text, ">90%");
	assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);

	assert_int_equal(styr_target_find(f->db, "ID0069", "LKR", 2024, &got, &err), STYR_OK);
	assert_string_equal(got.text, ">90%");
	assert_string_equal(got.unit, "LKR");
	assert_int_equal(styr_target_find(f->db, "ID0069", "HBG", 2024, &got, &err), STYR_OK);
	assert_string_equal(got.text, ">95%");
	assert_string_equal(got.unit, "");
	assert_int_equal(styr_target_find(f->db, "ID0069", "HBG", 2023, &got, &err),
	                 STYR_ENOTFOUND);
}

static void test_value_roundtrip_and_rollback(void **state)
{
	struct testdb *f = *state;
	struct styr_value v, got;
	struct styr_err err;
	struct styr_period p = {2024, 1, 8};

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_indicator(f->db, "ID0091");
	memset(&v, 0, sizeof(v));
	strcpy(v.indicator, "ID0091");
	strcpy(v.unit, "LKR");
	v.period = p;
	v.num.kind = STYR_NUM_VALUE;
	v.num.value = 10.5;
	v.num.decimals = 1;
	v.num.percent = true;
	v.has_numerator = true;
	v.numerator = 311;
	strcpy(v.source, "seed:1049");
	styr_err_init(&err);
	assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
	assert_int_equal(styr_value_find(f->db, "ID0091", "LKR", &p, &got, &err), STYR_OK);
	assert_true(got.num.value == 10.5);
	assert_int_equal(got.num.decimals, 1);
	assert_true(got.num.percent);
	assert_true(got.has_numerator);
	assert_false(got.has_denominator);
	assert_true(got.numerator == 311);
	assert_string_equal(got.source, "seed:1049");

	/* A rolled-back change is gone, and the caches do not remember it. */
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	put_indicator(f->db, "ID0092");
	strcpy(v.indicator, "ID0092");
	assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
	styr_db_rollback(f->db);
	assert_int_equal(styr_value_find(f->db, "ID0092", "LKR", &p, &got, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "indicator \"ID0092\" does not exist");
}

static void test_unknown_codes_in_value(void **state)
{
	static const struct {
		const char *indicator, *unit, *msg;
	} rows[] = {
	    {"ID9999", "LKR", "indicator \"ID9999\" does not exist"},
	    {"ID0069", "NOPE", "org unit \"NOPE\" does not exist"},
	};
	struct testdb *f = *state;
	size_t i;

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_indicator(f->db, "ID0069");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct styr_value v;
		struct styr_err err;

		memset(&v, 0, sizeof(v));
		strcpy(v.indicator, rows[i].indicator);
		strcpy(v.unit, rows[i].unit);
		v.period = (struct styr_period){2024, 1, 12};
		styr_err_init(&err);
		assert_int_equal(styr_value_put(f->db, &v, &err), STYR_ENOTFOUND);
		assert_string_equal(err.msg, rows[i].msg);
	}
}

/* Doubles come back bit for bit (PostgreSQL gets them as text). */
static void test_doubles_roundtrip(void **state)
{
	static const double rows[] = {
	    0.1,    1.0 / 3, 83.8,     0.1 + 0.2,           1e-300,
	    5e-324, DBL_MAX, -DBL_MIN, 123456789.123456789, -1389.1,
	    13742,
	};
	struct testdb *f = *state;
	struct styr_err err;
	size_t i;

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct styr_indicator ind, got_ind;
		struct styr_value v, got;
		struct styr_period p = {2000 + (int)i, 1, 12};

		memset(&ind, 0, sizeof(ind));
		strcpy(ind.code, "ID0001");
		strcpy(ind.name, "Indikator");
		ind.tolerance = rows[i] < 0 ? -rows[i] : rows[i];
		assert_int_equal(styr_indicator_put(f->db, &ind, &err), STYR_OK);
		assert_int_equal(styr_indicator_find(f->db, "ID0001", &got_ind, &err), STYR_OK);
		assert_memory_equal(&got_ind.tolerance, &ind.tolerance, sizeof(double));

		memset(&v, 0, sizeof(v));
		strcpy(v.indicator, "ID0001");
		strcpy(v.unit, "LKR");
		v.period = p;
		v.num.kind = STYR_NUM_VALUE;
		v.num.value = rows[i];
		v.has_numerator = v.has_denominator = true;
		v.numerator = rows[i] / 3; /* finite: the gate refuses infinities */
		v.denominator = -rows[i];
		assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
		assert_int_equal(styr_value_find(f->db, "ID0001", "LKR", &p, &got, &err), STYR_OK);
		assert_memory_equal(&got.num.value, &v.num.value, sizeof(double));
		assert_memory_equal(&got.numerator, &v.numerator, sizeof(double));
		assert_memory_equal(&got.denominator, &v.denominator, sizeof(double));
	}
}

/* Aliases ignore the case of A-Z only, as SQLite's NOCASE does, on both
 * backends; one alias in any case names one unit. */
static int collect_alias(void *ctx, const char *alias, const char *unit)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s=%s;", alias, unit);
	return 0;
}

static void test_alias_case_folds_ascii_only(void **state)
{
	struct testdb *f = *state;
	struct styr_org_unit u;
	struct styr_err err;
	char aliases[256] = "";

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_unit(f->db, "HBG", "", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	assert_int_equal(styr_org_alias_put(f->db, "Lasarett Ängelholm", "LKR", &err), STYR_OK);
	assert_int_equal(styr_org_find(f->db, "LASARETT Ängelholm", &u, &err), STYR_OK);
	assert_string_equal(u.code, "LKR");
	assert_int_equal(styr_org_find(f->db, "lasarett ängelholm", &u, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"lasarett ängelholm\" does not exist");
	/* The same alias in other case moves it, keeping the first spelling. */
	styr_err_init(&err);
	assert_int_equal(styr_org_alias_put(f->db, "LASARETT Ängelholm", "HBG", &err), STYR_OK);
	assert_int_equal(styr_org_find(f->db, "Lasarett Ängelholm", &u, &err), STYR_OK);
	assert_string_equal(u.code, "HBG");
	assert_int_equal(styr_org_alias_each(f->db, collect_alias, aliases, &err), STYR_OK);
	assert_string_equal(aliases, "Lasarett Ängelholm=HBG;");
	/* Codes themselves are exact. */
	assert_int_equal(styr_org_find(f->db, "lkr", &u, &err), STYR_ENOTFOUND);
}

/* Walk order: units in the order first stored, indicators and values by
 * code in byte order (so "Z" before "a" before "Ö"), whatever the
 * database's locale. */
static int collect_unit(void *ctx, const struct styr_org_unit *u)
{
	strcat(ctx, u->code);
	strcat(ctx, ";");
	return 0;
}

static int collect_indicator(void *ctx, const struct styr_indicator *ind)
{
	strcat(ctx, ind->code);
	strcat(ctx, ";");
	return 0;
}

static int collect_value(void *ctx, const struct styr_value *v)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s/%s/%d-%d;", v->indicator, v->unit,
	         v->period.year, v->period.first_month);
	return 0;
}

static int stop_at_second(void *ctx, const struct styr_org_unit *u)
{
	int *n = ctx;

	(void)u;
	return ++*n == 2 ? 42 : 0;
}

static void test_walk_order(void **state)
{
	static const char *const codes[] = {"Ö", "a", "Z", "B"};
	struct testdb *f = *state;
	struct styr_value_filter all = {NULL, NULL, 0}, by_unit = {NULL, "a", 2024};
	struct styr_err err;
	char buf[256] = "";
	size_t i;
	int n = 0;

	styr_err_init(&err);
	for (i = 0; i < 4; i++) {
		put_unit(f->db, codes[i], "", STYR_ORG_ENHET);
		put_indicator(f->db, codes[i]);
	}
	for (i = 0; i < 4; i++) {
		struct styr_value v;

		memset(&v, 0, sizeof(v));
		strcpy(v.indicator, codes[3 - i]);
		strcpy(v.unit, codes[i]);
		v.period = (struct styr_period){2024, i % 2 ? 1 : 2, 12};
		v.num.kind = STYR_NUM_MISSING;
		assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
		strcpy(v.unit, "a");
		v.period.year = 2023;
		assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
	}
	assert_int_equal(styr_org_each(f->db, collect_unit, buf, &err), STYR_OK);
	assert_string_equal(buf, "Ö;a;Z;B;");
	buf[0] = '\0';
	assert_int_equal(styr_indicator_each(f->db, collect_indicator, buf, &err), STYR_OK);
	assert_string_equal(buf, "B;Z;a;Ö;");
	buf[0] = '\0';
	assert_int_equal(styr_value_each(f->db, &all, collect_value, buf, &err), STYR_OK);
	assert_string_equal(buf, "B/a/2023-2;B/Ö/2024-2;Z/a/2023-1;Z/a/2024-1;a/Z/2024-2;"
	                         "a/a/2023-2;Ö/B/2024-1;Ö/a/2023-1;");
	buf[0] = '\0';
	assert_int_equal(styr_value_each(f->db, &by_unit, collect_value, buf, &err), STYR_OK);
	assert_string_equal(buf, "Z/a/2024-1;");
	buf[0] = '\0';
	by_unit = (struct styr_value_filter){"Z", NULL, 0};
	assert_int_equal(styr_value_each(f->db, &by_unit, collect_value, buf, &err), STYR_OK);
	assert_string_equal(buf, "Z/a/2023-1;Z/a/2024-1;");
	/* A callback's non-zero answer stops the walk and is returned. */
	assert_int_equal(styr_org_each(f->db, stop_at_second, &n, &err), 42);
	assert_int_equal(n, 2);
}

/* A walk's callback may use the store (the exporter looks up targets
 * while it walks values). */
struct nested {
	struct styr_db *db;
	int found;
};

static int find_target(void *ctx, const struct styr_value *v)
{
	struct nested *n = ctx;
	struct styr_indicator_target t;
	struct styr_err err;

	styr_err_init(&err);
	if (styr_target_find(n->db, v->indicator, v->unit, v->period.year, &t, &err) == STYR_OK)
		n->found++;
	return 0;
}

static void test_walk_callback_uses_store(void **state)
{
	struct testdb *f = *state;
	struct styr_indicator_target t;
	struct nested n = {f->db, 0};
	struct styr_err err;
	int year;

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_indicator(f->db, "ID0069");
	styr_err_init(&err);
	memset(&t, 0, sizeof(t));
	strcpy(t.indicator, "ID0069");
	strcpy(t.text, ">95%");
	for (year = 2022; year <= 2024; year++) {
		struct styr_value v;

		memset(&v, 0, sizeof(v));
		strcpy(v.indicator, "ID0069");
		strcpy(v.unit, "LKR");
		v.period = (struct styr_period){year, 1, 12};
		assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
		t.year = year;
		if (year != 2023)
			assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);
	}
	assert_int_equal(styr_value_each(f->db, NULL, find_target, &n, &err), STYR_OK);
	/* 2023 has no target of its own and keeps 2022's. */
	assert_int_equal(n.found, 3);
}

/* A target holds from its year until a newer one; within a year the unit's
 * own wins over the one for all units. */
static void test_target_carries_over(void **state)
{
	struct testdb *f = *state;
	struct styr_indicator_target t, got;
	struct styr_err err;

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_unit(f->db, "HBG", "", STYR_ORG_FORVALTNING);
	put_indicator(f->db, "ID0069");
	styr_err_init(&err);
	memset(&t, 0, sizeof(t));
	strcpy(t.indicator, "ID0069");
	t.year = 2022;
	strcpy(t.text, ">90%");
	assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);
	t.year = 2024;
	strcpy(t.text, ">95%");
	assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);
	strcpy(t.unit, "LKR");
	strcpy(t.text, ">97%");
	assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);

	assert_int_equal(styr_target_find(f->db, "ID0069", "LKR", 2021, &got, &err),
	                 STYR_ENOTFOUND);
	assert_int_equal(styr_target_find(f->db, "ID0069", "LKR", 2023, &got, &err), STYR_OK);
	assert_string_equal(got.text, ">90%");
	assert_int_equal(got.year, 2022);
	assert_string_equal(got.unit, "");
	assert_int_equal(styr_target_find(f->db, "ID0069", "LKR", 2026, &got, &err), STYR_OK);
	assert_string_equal(got.text, ">97%");
	assert_int_equal(got.year, 2024);
	assert_string_equal(got.unit, "LKR");
	assert_int_equal(styr_target_find(f->db, "ID0069", "HBG", 2026, &got, &err), STYR_OK);
	assert_string_equal(got.text, ">95%");
}

static void test_one_transaction_at_a_time(void **state)
{
	struct testdb *f = *state;
	struct styr_org_unit u;
	struct styr_err err;

	styr_err_init(&err);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_ESTORE);
	assert_string_equal(err.msg, "a transaction is already open");
	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	assert_int_equal(styr_db_commit(f->db, &err), STYR_OK);
	assert_int_equal(styr_org_find(f->db, "LKR", &u, &err), STYR_OK);
}

/* PostgreSQL only: a write the server refuses inside a transaction (text
 * that is not UTF-8, which SQLite stores as given) fails the transaction
 * as a whole, by the time of the commit at the latest, and the handle
 * works afterwards. */
static void test_failed_write_fails_transaction(void **state)
{
	struct testdb *f = *state;
	struct styr_org_unit u;
	struct styr_err err;
	int rc;

	if (!testdb_pg_url)
		skip();
	styr_err_init(&err);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	put_unit(f->db, "A", "", STYR_ORG_ENHET);
	memset(&u, 0, sizeof(u));
	strcpy(u.code, "B");
	strcpy(u.name, "\xff");
	rc = styr_org_put(f->db, &u, &err);
	if (rc == STYR_OK)
		rc = styr_db_commit(f->db, &err);
	else
		styr_db_rollback(f->db);
	assert_int_equal(rc, STYR_ESTORE);
	assert_non_null(strstr(err.msg, ": storing an org unit: invalid byte sequence"));
	styr_err_init(&err);
	assert_int_equal(styr_org_find(f->db, "A", &u, &err), STYR_ENOTFOUND);
	put_unit(f->db, "C", "", STYR_ORG_ENHET);
	assert_int_equal(styr_org_find(f->db, "C", &u, &err), STYR_OK);
	/* The same after a read: the failure shows at the read. */
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	strcpy(u.code, "D");
	strcpy(u.name, "\xff");
	rc = styr_org_put(f->db, &u, &err);
	if (rc == STYR_OK)
		rc = styr_org_find(f->db, "C", &u, &err);
	assert_int_equal(rc, STYR_ESTORE);
	styr_db_rollback(f->db);
	styr_err_init(&err);
	assert_int_equal(styr_org_find(f->db, "C", &u, &err), STYR_OK);
}

/* The web's tables (issue 6): the same answers, order and messages on both
 * backends. */
static int grant_cb(void *ctx, const struct styr_grant *g)
{
	char *out = ctx;

	snprintf(out + strlen(out), 200 - strlen(out), "%s:%s:%d ", g->user, g->unit, (int)g->role);
	return 0;
}

static int audit_cb(void *ctx, const struct styr_audit_entry *a)
{
	char *out = ctx;

	snprintf(out + strlen(out), 200 - strlen(out), "%s/%s ", a->action, a->user);
	return 0;
}

static void put_audit(struct styr_db *db, const char *action)
{
	struct styr_audit_entry a;
	struct styr_err err;

	memset(&a, 0, sizeof(a));
	strcpy(a.time, "2025-01-01T00:00:00Z");
	strcpy(a.user, "anna");
	snprintf(a.action, sizeof(a.action), "%s", action);
	strcpy(a.hash, action);
	styr_err_init(&err);
	assert_int_equal(styr_audit_put(db, &a, &err), STYR_OK);
}

static int collect_token(void *ctx, const struct styr_api_token *t)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 200 - n, "%s/%s/%s;", t->hash, t->user, t->expires);
	return 0;
}

static void test_web_tables(void **state)
{
	struct testdb *f = *state;
	struct styr_user u, got;
	struct styr_grant g;
	struct styr_session s, sgot;
	struct styr_report_state r, rgot;
	struct styr_audit_entry a;
	struct styr_err err;
	char buf[200] = "";

	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	put_unit(f->db, "LKR", "RS", STYR_ORG_FORVALTNING);
	memset(&u, 0, sizeof(u));
	strcpy(u.name, "anna");
	strcpy(u.password, "$argon2id$w");
	styr_err_init(&err);
	assert_int_equal(styr_user_put(f->db, &u, &err), STYR_OK);
	strcpy(u.password, "$argon2id$x");
	assert_int_equal(styr_user_put(f->db, &u, &err), STYR_OK);
	assert_int_equal(styr_user_find(f->db, "anna", &got, &err), STYR_OK);
	assert_string_equal(got.password, "$argon2id$x");
	assert_int_equal(styr_user_find(f->db, "bo", &got, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "user \"bo\" does not exist");

	/* Grants: one per unit (the whole organisation is one too), in the
	 * order made; a second grant on a unit changes its role. */
	memset(&g, 0, sizeof(g));
	strcpy(g.user, "anna");
	strcpy(g.unit, "LKR");
	g.role = STYR_ACCESS_UNIT_MANAGER;
	styr_err_init(&err);
	assert_int_equal(styr_grant_put(f->db, &g, &err), STYR_OK);
	g.unit[0] = '\0';
	g.role = STYR_ACCESS_READER;
	assert_int_equal(styr_grant_put(f->db, &g, &err), STYR_OK);
	g.role = STYR_ACCESS_CONTROLLER;
	assert_int_equal(styr_grant_put(f->db, &g, &err), STYR_OK);
	assert_int_equal(styr_grant_each(f->db, "anna", grant_cb, buf, &err), STYR_OK);
	assert_string_equal(buf, "anna:LKR:2 anna::3 ");
	strcpy(g.user, "bo");
	assert_int_equal(styr_grant_put(f->db, &g, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "user \"bo\" does not exist");
	styr_err_init(&err);
	strcpy(g.user, "anna");
	strcpy(g.unit, "NOPE");
	assert_int_equal(styr_grant_put(f->db, &g, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"NOPE\" does not exist");

	/* Sessions: replaced by token, purged by expiry. */
	memset(&s, 0, sizeof(s));
	strcpy(s.token_hash, "h1");
	strcpy(s.user, "anna");
	strcpy(s.csrf, "c1");
	s.expires = 100;
	styr_err_init(&err);
	assert_int_equal(styr_session_put(f->db, &s, &err), STYR_OK);
	strcpy(s.csrf, "c2");
	assert_int_equal(styr_session_put(f->db, &s, &err), STYR_OK);
	strcpy(s.token_hash, "h2");
	s.expires = 200;
	assert_int_equal(styr_session_put(f->db, &s, &err), STYR_OK);
	assert_int_equal(styr_session_find(f->db, "h1", &sgot, &err), STYR_OK);
	assert_string_equal(sgot.csrf, "c2");
	assert_string_equal(sgot.user, "anna");
	assert_int_equal(styr_session_purge(f->db, 100, &err), STYR_OK);
	assert_int_equal(styr_session_find(f->db, "h1", &sgot, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "session \"(token)\" does not exist");
	styr_err_init(&err);
	assert_int_equal(styr_session_find(f->db, "h2", &sgot, &err), STYR_OK);
	assert_int_equal(styr_session_delete(f->db, "h2", &err), STYR_OK);
	assert_int_equal(styr_session_find(f->db, "h2", &sgot, &err), STYR_ENOTFOUND);

	/* API tokens: put, find, walk (by user), delete. */
	styr_err_init(&err);
	{
		struct styr_api_token t = {"t1", "anna", "2025-01-01T00:00:00Z",
		                           "2025-04-01T00:00:00Z"};
		struct styr_api_token got;
		char seen[200] = "";

		assert_int_equal(styr_api_token_put(f->db, &t, &err), STYR_OK);
		assert_int_equal(styr_api_token_find(f->db, "t1", &got, &err), STYR_OK);
		assert_string_equal(got.user, "anna");
		assert_string_equal(got.created, "2025-01-01T00:00:00Z");
		assert_string_equal(got.expires, "2025-04-01T00:00:00Z");
		snprintf(t.hash, sizeof(t.hash), "t0");
		snprintf(t.created, sizeof(t.created), "2025-02-01T00:00:00Z");
		assert_int_equal(styr_api_token_put(f->db, &t, &err), STYR_OK);
		assert_int_equal(styr_api_token_each(f->db, "anna", collect_token, seen, &err),
		                 STYR_OK);
		assert_string_equal(seen,
		                    "t1/anna/2025-04-01T00:00:00Z;t0/anna/2025-04-01T00:00:00Z;");
		assert_int_equal(styr_api_token_delete(f->db, "t0", &err), STYR_OK);
		assert_int_equal(styr_api_token_delete(f->db, "t0", &err), STYR_ENOTFOUND);
		styr_err_init(&err);
		snprintf(t.hash, sizeof(t.hash), "t2");
		snprintf(t.user, sizeof(t.user), "bo");
		assert_int_equal(styr_api_token_put(f->db, &t, &err), STYR_ENOTFOUND);
		assert_string_equal(err.msg, "user \"bo\" does not exist");
		styr_err_init(&err);
		assert_int_equal(styr_api_token_find(f->db, "t2", &got, &err), STYR_ENOTFOUND);
		assert_string_equal(err.msg, "API token \"(token)\" does not exist");
	}

	/* The audit log: oldest or newest first, with a limit. */
	styr_err_init(&err);
	assert_int_equal(styr_audit_last(f->db, &a, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "audit entry \"last\" does not exist");
	put_audit(f->db, "a1");
	put_audit(f->db, "a2");
	put_audit(f->db, "a3");
	styr_err_init(&err);
	assert_int_equal(styr_audit_last(f->db, &a, &err), STYR_OK);
	assert_string_equal(a.action, "a3");
	buf[0] = '\0';
	assert_int_equal(styr_audit_each(f->db, 0, 0, audit_cb, buf, &err), STYR_OK);
	assert_string_equal(buf, "a1/anna a2/anna a3/anna ");
	buf[0] = '\0';
	assert_int_equal(styr_audit_each(f->db, 1, 2, audit_cb, buf, &err), STYR_OK);
	assert_string_equal(buf, "a3/anna a2/anna ");

	/* Report states, by unit and period. */
	memset(&r, 0, sizeof(r));
	strcpy(r.unit, "LKR");
	r.period = (struct styr_period){2025, 1, 12};
	r.state = STYR_REPORT_SUBMITTED;
	strcpy(r.by, "anna");
	assert_int_equal(styr_report_state_put(f->db, &r, &err), STYR_OK);
	r.state = STYR_REPORT_RETURNED;
	strcpy(r.comment, "fel");
	assert_int_equal(styr_report_state_put(f->db, &r, &err), STYR_OK);
	assert_int_equal(styr_report_state_find(f->db, "LKR", &r.period, &rgot, &err), STYR_OK);
	assert_int_equal(rgot.state, STYR_REPORT_RETURNED);
	assert_string_equal(rgot.comment, "fel");
	assert_string_equal(rgot.unit, "LKR");
	r.period.last_month = 6;
	assert_int_equal(styr_report_state_find(f->db, "LKR", &r.period, &rgot, &err),
	                 STYR_ENOTFOUND);
	assert_string_equal(err.msg, "report of unit \"LKR\" does not exist");
}

/* The data version moves when another handle commits a change, and a read
 * transaction reads as one snapshot. */
static void test_data_version(void **state)
{
	struct testdb *f = *state;
	struct styr_db *other = NULL;
	struct styr_org_unit u;
	struct styr_err err;
	long long v1, v2, v3;

	styr_err_init(&err);
	assert_int_equal(styr_db_open(f->location, 0, &other, &err), STYR_OK);
	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	assert_int_equal(styr_db_data_version(f->db, &v1, &err), STYR_OK);
	assert_int_equal(styr_db_data_version(f->db, &v2, &err), STYR_OK);
	assert_true(v1 == v2);
	put_unit(other, "LKR", "RS", STYR_ORG_FORVALTNING);
	/* SQLite's pager sees another connection's commit at its next read
	 * (the web server reads the session first); PostgreSQL at once. */
	assert_int_equal(styr_org_find(f->db, "RS", &u, &err), STYR_OK);
	assert_int_equal(styr_db_data_version(f->db, &v2, &err), STYR_OK);
	assert_true(v1 != v2);

	assert_int_equal(styr_db_read_begin(f->db, &err), STYR_OK);
	assert_int_equal(styr_org_find(f->db, "LKR", &u, &err), STYR_OK);
	assert_int_equal(styr_db_data_version(f->db, &v3, &err), STYR_OK);
	put_unit(other, "SUS", "RS", STYR_ORG_STYRELSE);
	assert_int_equal(styr_org_find(f->db, "SUS", &u, &err), STYR_ENOTFOUND);
	/* The version belongs to the snapshot, so a page cached under it is
	 * never older than it says. */
	assert_int_equal(styr_db_data_version(f->db, &v2, &err), STYR_OK);
	assert_true(v3 == v2);
	styr_db_read_end(f->db);
	styr_err_init(&err);
	assert_int_equal(styr_org_find(f->db, "SUS", &u, &err), STYR_OK);
	assert_int_equal(styr_db_data_version(f->db, &v2, &err), STYR_OK);
	assert_true(v3 != v2);
	styr_db_close(other);
}

/* A database that a newer styr migrated further is refused, not damaged. */
static void test_newer_schema_refused(void **state)
{
	struct testdb *f = *state;
	struct styr_db *db = NULL;
	struct styr_err err;
	char sql[128], msg[1200];

	styr_db_close(f->db);
	f->db = NULL;
	if (testdb_pg_url) {
		snprintf(sql, sizeof(sql), "UPDATE %s.styr_schema SET version = 99", f->pg_schema);
		assert_int_equal(testdb_pg_admin(testdb_pg_db, sql), 0);
	} else {
		sqlite3 *lite;

		assert_int_equal(sqlite3_open(f->location, &lite), SQLITE_OK);
		assert_int_equal(sqlite3_exec(lite, "PRAGMA user_version = 99", NULL, NULL, NULL),
		                 SQLITE_OK);
		sqlite3_close(lite);
	}
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f->location, STYR_DB_CREATE, &db, &err), STYR_ESTORE);
	assert_null(db);
	snprintf(msg, sizeof(msg), "%s: schema version 99 is newer than this styr knows (%zu)",
	         f->location, testdb_pg_url ? store_pg_migration_count : store_migration_count);
	assert_string_equal(err.msg, msg);
}

/* Run sql on the fixture's database behind the store's back; %s in sql is
 * the schema prefix ("c3." on PostgreSQL, "" on SQLite). */
static void admin(const struct testdb *f, const char *fmt)
{
	char prefix[80] = "", sql[1024];

	if (f->pg_schema[0])
		snprintf(prefix, sizeof(prefix), "%s.", f->pg_schema);
	snprintf(sql, sizeof(sql), fmt, prefix, prefix, prefix);
	if (testdb_pg_url) {
		assert_int_equal(testdb_pg_admin(testdb_pg_db, sql), 0);
	} else {
		sqlite3 *lite;

		assert_int_equal(sqlite3_open(f->location, &lite), SQLITE_OK);
		assert_int_equal(sqlite3_exec(lite, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(lite);
	}
}

static void reopen(struct testdb *f)
{
	struct styr_err err;

	styr_db_close(f->db);
	f->db = NULL;
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f->location, 0, &f->db, &err), STYR_OK);
	assert_int_equal(styr_db_actor(f->db, "test", "unit test", &err), STYR_OK);
}

/* A value's comment (migration 0012): stored and read with the value; a
 * writer without one (has_comment false: an older file, the event engine)
 * keeps the stored comment; an empty one clears it. */
static void test_value_comment(void **state)
{
	static const struct {
		bool has_comment;
		const char *comment, *stored;
	} rows[] = {
	    {true, "Nytt journalsystem från mars", "Nytt journalsystem från mars"},
	    {false, "", "Nytt journalsystem från mars"},
	    {false, "ignored", "Nytt journalsystem från mars"},
	    {true, "Omräknat", "Omräknat"},
	    {true, "", ""},
	};
	struct testdb *f = *state;
	struct styr_period p = {2024, 1, 12};
	struct styr_value v, got;
	struct styr_err err;
	size_t i;

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_indicator(f->db, "ID0069");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&v, 0, sizeof(v));
		strcpy(v.indicator, "ID0069");
		strcpy(v.unit, "LKR");
		v.period = p;
		v.num.value = 83.8;
		v.has_comment = rows[i].has_comment;
		snprintf(v.comment, sizeof(v.comment), "%s", rows[i].comment);
		styr_err_init(&err);
		assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
		assert_int_equal(styr_value_find(f->db, "ID0069", "LKR", &p, &got, &err), STYR_OK);
		assert_true(got.has_comment);
		assert_string_equal(got.comment, rows[i].stored);
	}
	/* A new value without one has none. */
	strcpy(v.indicator, "ID0069");
	v.period.year = 2025;
	v.has_comment = false;
	strcpy(v.comment, "ignored");
	assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
	assert_int_equal(styr_value_find(f->db, "ID0069", "LKR", &v.period, &got, &err), STYR_OK);
	assert_string_equal(got.comment, "");
}

/* When the data last changed (migration 0012): any write to a table a
 * report reads moves it, on either backend and whoever writes; a write
 * rolled back, a user or a session does not. */
static void test_last_change(void **state)
{
	struct testdb *f = *state;
	struct styr_user u;
	struct styr_err err;
	time_t t, now = time(NULL);

	styr_err_init(&err);
	assert_int_equal(styr_db_last_change(f->db, &t, &err), STYR_OK);
	/* set when the schema was made, by the database's clock */
	assert_true(t > now - 600 && t < now + 600);
	admin(f, "UPDATE %sstyr_last_change SET at = 1577836800");
	assert_int_equal(styr_db_last_change(f->db, &t, &err), STYR_OK);
	assert_true(t == 1577836800);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	styr_db_rollback(f->db);
	memset(&u, 0, sizeof(u));
	strcpy(u.name, "anna");
	strcpy(u.password, "x");
	assert_int_equal(styr_user_put(f->db, &u, &err), STYR_OK);
	assert_int_equal(styr_db_last_change(f->db, &t, &err), STYR_OK);
	assert_true(t == 1577836800);
	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	assert_int_equal(styr_db_last_change(f->db, &t, &err), STYR_OK);
	assert_true(t > now - 600 && t < now + 600);
	/* and behind styr's back too */
	admin(f, "UPDATE %sstyr_last_change SET at = 1577836800");
	admin(f, "UPDATE %sorg_unit SET name = 'Region Skåne'");
	assert_int_equal(styr_db_last_change(f->db, &t, &err), STYR_OK);
	assert_true(t > now - 600 && t < now + 600);
	/* A damaged row is refused, not printed as 1970. */
	admin(f, "UPDATE %sstyr_last_change SET at = 0");
	assert_int_equal(styr_db_last_change(f->db, &t, &err), STYR_ESTORE);
	assert_string_equal(err.msg, "styr_last_change: expected one time in seconds since 1970");
}

static int count_analysis(void *ctx, const struct styr_analysis *a)
{
	(void)a;
	++*(int *)ctx;
	return 0;
}

/* Migration numbers reach main out of order (docs/hacking.md): a database
 * that lacks a migration numbered below others it has gets it on open.
 * Pretend 0005 arrived last: forget it and its table. */
static void test_migration_filled_in(void **state)
{
	struct testdb *f = *state;
	struct styr_err err;
	char sql[300];
	int n = 0;

	snprintf(sql, sizeof(sql),
	         testdb_pg_url
	             ? "DROP TABLE %%sanalysis; DELETE FROM %%sstyr_migration WHERE number = 5; "
	               "UPDATE %%sstyr_schema SET version = %zu"
	             : "DROP TABLE analysis; DELETE FROM styr_migration WHERE number = 5; "
	               "PRAGMA user_version = %zu",
	         (testdb_pg_url ? store_pg_migration_count : store_migration_count) - 1);
	admin(f, sql);
	reopen(f);
	styr_err_init(&err);
	assert_int_equal(styr_analysis_each(f->db, NULL, count_analysis, &n, &err), STYR_OK);
	assert_int_equal(n, 0);
	reopen(f);
	/* A database made before styr_migration has the first version ones. */
	admin(f, "DROP TABLE %sstyr_migration");
	reopen(f);
	reopen(f);
	assert_int_equal(styr_analysis_each(f->db, NULL, count_analysis, &n, &err), STYR_OK);
	/* A number this styr does not know is refused. */
	admin(f, "INSERT INTO %sstyr_migration VALUES(9999)");
	styr_db_close(f->db);
	f->db = NULL;
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f->location, 0, &f->db, &err), STYR_ESTORE);
	assert_non_null(strstr(err.msg, ": the database has migration 9999, which this styr does "
	                                "not know"));
}

static int collect_category(void *ctx, const struct styr_indicator *ind)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s=%s;", ind->code,
	         styr_indicator_category_name(ind->category));
	return 0;
}

/* An indicator keeps its category (0007) through put, find and each; a
 * database from before 0007 gets its PROD- indicators marked produktion
 * and the rest kvalitet when it is opened. */
static void test_indicator_category(void **state)
{
	static const struct {
		const char *code;
		enum styr_indicator_category category;
	} rows[] = {
	    {"ID0069", STYR_IND_KVALITET},
	    {"PROD-SV-VTF", STYR_IND_PRODUKTION},
	    {"X-VOL", STYR_IND_PRODUKTION},
	};
	struct testdb *f = *state;
	struct styr_indicator ind;
	struct styr_err err;
	char seen[256] = "", sql[400];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&ind, 0, sizeof(ind));
		snprintf(ind.code, sizeof(ind.code), "%s", rows[i].code);
		snprintf(ind.name, sizeof(ind.name), "n");
		ind.tolerance = -1;
		ind.category = rows[i].category;
		styr_err_init(&err);
		assert_int_equal(styr_indicator_put(f->db, &ind, &err), STYR_OK);
		styr_err_init(&err);
		assert_int_equal(styr_indicator_find(f->db, rows[i].code, &ind, &err), STYR_OK);
		assert_int_equal(ind.category, rows[i].category);
	}
	styr_err_init(&err);
	assert_int_equal(styr_indicator_each(f->db, collect_category, seen, &err), STYR_OK);
	assert_string_equal(seen, "ID0069=kvalitet;PROD-SV-VTF=produktion;X-VOL=produktion;");

	/* Before 0007 there was no column; the prefix alone told production
	 * figures apart, so X-VOL was a quality indicator then. */
	snprintf(sql, sizeof(sql),
	         "ALTER TABLE %%sindicator DROP COLUMN category; DELETE FROM %%sstyr_migration "
	         "WHERE number = 7; %s%zu",
	         testdb_pg_url ? "UPDATE %sstyr_schema SET version = " : "PRAGMA user_version = ",
	         (testdb_pg_url ? store_pg_migration_count : store_migration_count) - 1);
	admin(f, sql);
	reopen(f);
	seen[0] = '\0';
	styr_err_init(&err);
	assert_int_equal(styr_indicator_each(f->db, collect_category, seen, &err), STYR_OK);
	assert_string_equal(seen, "ID0069=kvalitet;PROD-SV-VTF=produktion;X-VOL=kvalitet;");
}

static int collect_analysis(void *ctx, const struct styr_analysis *a)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s/%s/%s/%s;", a->unit, a->subject,
	         a->title, styr_analysis_state_name(a->state));
	return 0;
}

/* Analyses walk by unit, period and then the order they were first stored
 * in; storing one again changes it in place. */
static void test_analysis_order(void **state)
{
	static const char *const rows[][3] = {
	    {"a", "OM2", "Ö"}, {"a", "OM1", "b"}, {"Ö", "OM1", ""}, {"a", "OM1", "A"}};
	struct testdb *f = *state;
	struct styr_analysis_filter by_subject = {"a", 2024, "OM1"};
	struct styr_analysis *a = calloc(1, sizeof(*a));
	struct styr_err err;
	char buf[256] = "";
	size_t i;

	put_unit(f->db, "Ö", "", STYR_ORG_ENHET);
	put_unit(f->db, "a", "", STYR_ORG_ENHET);
	styr_err_init(&err);
	for (i = 0; i < 4; i++) {
		memset(a, 0, sizeof(*a));
		strcpy(a->unit, rows[i][0]);
		strcpy(a->subject, rows[i][1]);
		strcpy(a->title, rows[i][2]);
		a->period = (struct styr_period){2024, 1, 12};
		assert_int_equal(styr_analysis_put(f->db, a, &err), STYR_OK);
	}
	strcpy(a->unit, "a");
	strcpy(a->subject, "OM2");
	strcpy(a->title, "Ö");
	a->state = STYR_ANALYSIS_APPROVED;
	assert_int_equal(styr_analysis_put(f->db, a, &err), STYR_OK);
	assert_int_equal(styr_analysis_each(f->db, NULL, collect_analysis, buf, &err), STYR_OK);
	assert_string_equal(buf, "Ö/OM1//utkast;a/OM2/Ö/godkänd;a/OM1/b/utkast;a/OM1/A/utkast;");
	buf[0] = '\0';
	assert_int_equal(styr_analysis_each(f->db, &by_subject, collect_analysis, buf, &err),
	                 STYR_OK);
	assert_string_equal(buf, "a/OM1/b/utkast;a/OM1/A/utkast;");
	strcpy(a->unit, "X");
	assert_int_equal(styr_analysis_put(f->db, a, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"X\" does not exist");
	free(a);
}

static int collect_report(void *ctx, const struct styr_uppdrag_report *r)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s/%s/%s;", r->goal, r->unit, r->date);
	return 0;
}

static int collect_step(void *ctx, const struct styr_escalation_step *e)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s#%d:%d>%d;", e->goal, e->seq, e->from,
	         e->to);
	return 0;
}

static int collect_followup_rule(void *ctx, const struct styr_followup_rule *r)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%d/%s/%x;", r->year,
	         styr_report_kind_name(r->kind), r->months);
	return 0;
}

static int collect_control(void *ctx, const struct styr_internal_control *c)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s/%s;", c->unit, c->risk);
	return 0;
}

static int collect_weight(void *ctx, const struct styr_index_weight *w)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%s/%s/%.17g;", w->index, w->indicator,
	         w->weight);
	return 0;
}

static void put_goal(struct styr_db *db, const char *code)
{
	struct styr_goal *g = calloc(1, sizeof(*g));
	struct styr_err err;

	snprintf(g->code, sizeof(g->code), "%s", code);
	snprintf(g->title, sizeof(g->title), "Mål %s", code);
	g->level = STYR_GOAL_DELMAL;
	styr_err_init(&err);
	assert_int_equal(styr_goal_put(db, g, &err), STYR_OK);
	free(g);
}

/* The goals area's operations: the same answers, order and messages on
 * both backends. */
static void test_goals_area(void **state)
{
	struct testdb *f = *state;
	struct styr_goal_owner o = {"U2", "a", STYR_ROLE_HUVUDANSVAR};
	struct styr_uppdrag u, got;
	struct styr_uppdrag_report r;
	struct styr_escalation_step e;
	struct styr_followup_rule rule;
	struct styr_followup_done d;
	struct styr_internal_control c;
	struct styr_index_weight w;
	struct styr_err err;
	char buf[256] = "";
	int i;

	put_unit(f->db, "a", "", STYR_ORG_ENHET);
	put_unit(f->db, "Ö", "", STYR_ORG_ENHET);
	put_goal(f->db, "U2");
	put_goal(f->db, "U1");
	put_indicator(f->db, "Z");
	put_indicator(f->db, "a");
	styr_err_init(&err);
	assert_int_equal(styr_goal_owner_put(f->db, &o, &err), STYR_OK);
	strcpy(o.unit, "Ö");
	assert_int_equal(styr_goal_owner_put(f->db, &o, &err), STYR_OK);

	/* Uppdrag: the dates round-trip; a goal that is none is named. */
	memset(&u, 0, sizeof(u));
	strcpy(u.goal, "U2");
	strcpy(u.report_dates[0], "2024-06-30");
	strcpy(u.report_dates[1], "2024-12-31");
	u.nreport_dates = 2;
	assert_int_equal(styr_uppdrag_put(f->db, &u, &err), STYR_OK);
	strcpy(u.goal, "U1");
	strcpy(u.deadline, "2025-01-31");
	u.nreport_dates = 0;
	assert_int_equal(styr_uppdrag_put(f->db, &u, &err), STYR_OK);
	assert_int_equal(styr_uppdrag_find(f->db, "U2", &got, &err), STYR_OK);
	assert_string_equal(got.deadline, "");
	assert_int_equal(got.nreport_dates, 2);
	assert_string_equal(got.report_dates[1], "2024-12-31");
	put_goal(f->db, "G");
	assert_int_equal(styr_uppdrag_find(f->db, "G", &got, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "goal \"G\" is not an uppdrag");

	/* Återrapportering: only from an owner; by goal, date, unit. */
	memset(&r, 0, sizeof(r));
	strcpy(r.goal, "U2");
	for (i = 0; i < 3; i++) {
		strcpy(r.unit, i == 1 ? "a" : "Ö");
		strcpy(r.date, i ? "2024-06-30" : "2024-12-31");
		assert_int_equal(styr_uppdrag_report_put(f->db, &r, &err), STYR_OK);
	}
	strcpy(r.goal, "U1");
	styr_err_init(&err);
	assert_int_equal(styr_uppdrag_report_put(f->db, &r, &err), STYR_EINPUT);
	assert_string_equal(err.msg, "unit \"Ö\" is not responsible for uppdrag U1: expected one "
	                             "of its owners");
	styr_err_init(&err);
	assert_int_equal(styr_uppdrag_report_each(f->db, NULL, collect_report, buf, &err), STYR_OK);
	assert_string_equal(buf, "U2/a/2024-06-30;U2/Ö/2024-06-30;U2/Ö/2024-12-31;");

	/* Escalation: numbered per uppdrag, and the uppdrag moves with it. */
	memset(&e, 0, sizeof(e));
	strcpy(e.date, "2024-03-01");
	strcpy(e.reason, "skäl");
	strcpy(e.decided_by, "HSN");
	for (i = 0; i < 3; i++) {
		strcpy(e.goal, i == 1 ? "U1" : "U2");
		e.from = i == 2 ? STYR_ESC_PAPEKANDE : STYR_ESC_NONE;
		e.to = e.from + 1;
		assert_int_equal(store_escalation_add(f->db, &e, &err), STYR_OK);
	}
	buf[0] = '\0';
	assert_int_equal(styr_escalation_each(f->db, NULL, collect_step, buf, &err), STYR_OK);
	assert_string_equal(buf, "U2#1:0>1;U2#2:1>2;U1#1:0>1;");
	assert_int_equal(styr_uppdrag_find(f->db, "U2", &got, &err), STYR_OK);
	assert_int_equal(got.level, STYR_ESC_VARNING1);
	strcpy(e.goal, "G");
	assert_int_equal(store_escalation_add(f->db, &e, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "goal \"G\" is not an uppdrag");
	styr_err_init(&err);

	/* The follow-up plan: by year, then as stored. */
	memset(&rule, 0, sizeof(rule));
	for (i = 0; i < 3; i++) {
		rule.year = i == 1 ? 2023 : 2024;
		rule.kind = i ? STYR_FOLLOWUP_ANALYS : STYR_FOLLOWUP_KVARTAL;
		rule.months = 0x800u >> i;
		assert_int_equal(styr_followup_rule_put(f->db, &rule, &err), STYR_OK);
	}
	buf[0] = '\0';
	assert_int_equal(styr_followup_rule_each(f->db, 0, collect_followup_rule, buf, &err),
	                 STYR_OK);
	assert_string_equal(buf, "2023/analys med prognos/400;2024/kvartalsrapport/800;"
	                         "2024/analys med prognos/200;");
	memset(&d, 0, sizeof(d));
	strcpy(d.unit, "a");
	d.kind = STYR_FOLLOWUP_DELAR;
	d.period = (struct styr_period){2024, 1, 8};
	strcpy(d.date, "2024-09-15");
	assert_int_equal(styr_followup_done_put(f->db, &d, &err), STYR_OK);
	memset(&d, 0, sizeof(d));
	assert_int_equal(styr_followup_done_find(f->db, "a", STYR_FOLLOWUP_DELAR,
	                                         &(struct styr_period){2024, 1, 8}, &d, &err),
	                 STYR_OK);
	assert_string_equal(d.date, "2024-09-15");
	assert_int_equal(styr_followup_done_find(f->db, "Ö", STYR_FOLLOWUP_DELAR,
	                                         &(struct styr_period){2024, 1, 8}, &d, &err),
	                 STYR_ENOTFOUND);
	assert_string_equal(err.msg, "Ö has not handed in that report");

	/* Internkontroll: by unit, year, risk value down, risk by bytes (B
	 * before a, which the group's sv-SE database would not do by itself). */
	memset(&c, 0, sizeof(c));
	c.year = 2024;
	strcpy(c.control, "stickprov");
	strcpy(c.responsible, "chef");
	for (i = 0; i < 4; i++) {
		strcpy(c.unit, i == 3 ? "Ö" : "a");
		strcpy(c.risk, (const char *[]){"B", "a", "Z", "Ö"}[i]);
		c.probability = i == 2 ? 4 : 2;
		c.consequence = 2;
		assert_int_equal(styr_internal_control_put(f->db, &c, &err), STYR_OK);
	}
	buf[0] = '\0';
	assert_int_equal(styr_internal_control_each(f->db, NULL, 0, collect_control, buf, &err),
	                 STYR_OK);
	assert_string_equal(buf, "a/Z;a/B;a/a;Ö/Ö;");

	/* Index weights: by index and indicator, doubles exact. */
	memset(&w, 0, sizeof(w));
	for (i = 0; i < 3; i++) {
		strcpy(w.index, i == 2 ? "Z" : "b");
		strcpy(w.indicator, i ? "Z" : "a");
		w.weight = 0.1 * (i + 1);
		assert_int_equal(styr_index_weight_put(f->db, &w, &err), STYR_OK);
	}
	buf[0] = '\0';
	assert_int_equal(styr_index_weight_each(f->db, NULL, collect_weight, buf, &err), STYR_OK);
	assert_string_equal(buf, "Z/Z/0.30000000000000004;b/Z/0.20000000000000001;"
	                         "b/a/0.10000000000000001;");
}

/* store.c picks PostgreSQL by the location; a server that cannot be
 * reached is STYR_ESTORE, and messages never show a password. */
static void test_pg_location(void **state)
{
	static const struct {
		const char *location, *shown;
	} rows[] = {
	    {"postgresql://styr:secret@/nodb?host=/nonexistent",
	     "postgresql://styr:***@/nodb?host=/nonexistent: cannot connect: "},
	    {"postgres:///nodb?host=/nonexistent&password=secret",
	     "postgres:///nodb?host=/nonexistent&password=***: cannot connect: "},
	    {"host=/nonexistent dbname=nodb password=secret user=styr",
	     "host=/nonexistent dbname=nodb password=*** user=styr: cannot connect: "},
	    {"dbname=nodb host=/nonexistent", "dbname=nodb host=/nonexistent: cannot connect: "},
	    {"postgresql://u:@/x?host=/nonexistent&password=",
	     "postgresql://u:***@/x?host=/nonexistent&password=***: cannot connect: "},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct styr_db *db = NULL;
		struct styr_err err;

		styr_err_init(&err);
		assert_int_equal(styr_db_open(rows[i].location, STYR_DB_CREATE, &db, &err),
		                 STYR_ESTORE);
		assert_null(db);
		assert_memory_equal(err.msg, rows[i].shown, strlen(rows[i].shown));
		assert_null(strstr(err.msg, "secret"));
		assert_null(strchr(err.msg, '\n'));
	}
}

/* store.c: an operation a backend leaves NULL is an error, not a crash. */
/* The economy's operations (sqlite_econ.c, pg_econ.c): the same answers,
 * messages and order on both backends. */
static int collect_entry(void *ctx, const struct styr_ledger_entry *e)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%s/%s/%d/%d/%s/%s=%lld;", e->unit, e->tab, e->year, e->month,
	        e->row, e->kind, (long long)e->amount_ore);
	return 0;
}

static int collect_action(void *ctx, const struct styr_action *a)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%s:%s", a->plan, a->title);
	if (a->has_expected)
		sprintf(out + strlen(out), "=%lld", (long long)a->expected);
	if (a->has_achieved)
		sprintf(out + strlen(out), "/%lld", (long long)a->achieved);
	strcat(out, ";");
	return 0;
}

static int collect_bridge(void *ctx, const struct styr_bridge_line *b)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%d/%s/%s/%s=%lld;", b->year, b->unit, b->step, b->label,
	        (long long)b->amount);
	return 0;
}

static int collect_balance(void *ctx, const struct styr_account_balance *b)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%s/%d/%d/%d/%s=%lld;", b->unit, b->year, b->month, b->account,
	        b->kind, (long long)b->amount_ore);
	return 0;
}

static int collect_rule(void *ctx, const struct styr_rule *r)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%s/%s/%lld;", r->code, r->tab, (long long)r->tolerance);
	return 0;
}

static void put_entry(struct styr_db *db, const char *unit, const char *tab, int month,
                      const char *row, const char *kind, int64_t amount)
{
	struct styr_ledger_entry e;
	struct styr_err err;

	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "%s", unit);
	snprintf(e.tab, sizeof(e.tab), "%s", tab);
	e.year = 2024;
	e.month = month;
	snprintf(e.row, sizeof(e.row), "%s", row);
	snprintf(e.kind, sizeof(e.kind), "%s", kind);
	e.amount_ore = amount;
	styr_err_init(&err);
	assert_int_equal(styr_ledger_put(db, &e, &err), STYR_OK);
}

static void test_ledger_rows_and_amounts(void **state)
{
	struct testdb *f = *state;
	struct styr_ledger_entry e;
	struct styr_ledger_row row;
	struct styr_err err;
	char out[1024] = "";

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_unit(f->db, "HBG", "", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	/* by code, by label ignoring ASCII case, by another printed label */
	assert_int_equal(styr_ledger_row_find(f->db, "lakemedel", &row, &err), STYR_OK);
	assert_string_equal(row.label, "Läkemedel");
	assert_string_equal(row.parent, "summa_kostnader");
	assert_int_equal(row.position, 16);
	assert_int_equal(styr_ledger_row_find(f->db, "regionBIDRAG", &row, &err), STYR_OK);
	assert_string_equal(row.code, "regionbidrag");
	assert_int_equal(styr_ledger_row_find(f->db, "ÅRETS RESULTAT", &row, &err), STYR_OK);
	assert_string_equal(row.code, "resultat");
	assert_string_equal(row.parent, "");
	assert_int_equal(styr_ledger_row_find(f->db, "Lakemedel", &row, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "row \"Lakemedel\" is not in the resultaträkning plan: "
	                             "expected a row code such as lonekostnader or a label such "
	                             "as \"SUMMA INTÄKTER\"");

	/* amounts beyond a double's 53 bits stay exact; the walk is in key
	 * order with codes in byte order ("" < "Z" < "b") */
	styr_err_init(&err);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	put_entry(f->db, "HBG", "", 0, "resultat", "utfall", -1);
	put_entry(f->db, "LKR", "b", 0, "lakemedel", "utfall", 2);
	put_entry(f->db, "LKR", "Z", 0, "lakemedel", "utfall", 3);
	put_entry(f->db, "LKR", "", 1, "lakemedel", "utfall", INT64_C(9007199254740993));
	put_entry(f->db, "LKR", "", 0, "lakemedel", "utfall", INT64_MIN);
	put_entry(f->db, "LKR", "", 0, "lakemedel", "budget", 4);
	put_entry(f->db, "LKR", "", 0, "avskrivningar", "utfall", 5);
	put_entry(f->db, "LKR", "", 0, "avskrivningar", "utfall", 6); /* replaces 5 */
	/* a row not in the plan is refused by the call, also in a transaction */
	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "LKR");
	snprintf(e.row, sizeof(e.row), "lonekostnad");
	snprintf(e.kind, sizeof(e.kind), "utfall");
	e.year = 2024;
	assert_int_equal(styr_ledger_put(f->db, &e, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "row \"lonekostnad\" is not in the resultaträkning plan: "
	                             "expected a row code such as lonekostnader");
	styr_err_init(&err);
	assert_int_equal(styr_db_commit(f->db, &err), STYR_OK);
	assert_int_equal(styr_ledger_each(f->db, NULL, collect_entry, out, &err), STYR_OK);
	assert_string_equal(out, "LKR//2024/0/avskrivningar/utfall=6;"
	                         "LKR//2024/0/lakemedel/budget=4;"
	                         "LKR//2024/0/lakemedel/utfall=-9223372036854775808;"
	                         "LKR//2024/1/lakemedel/utfall=9007199254740993;"
	                         "LKR/Z/2024/0/lakemedel/utfall=3;"
	                         "LKR/b/2024/0/lakemedel/utfall=2;"
	                         "HBG//2024/0/resultat/utfall=-1;");
	out[0] = '\0';
	assert_int_equal(styr_ledger_each(f->db, &(struct styr_ledger_filter){"LKR", "Z", 2024, 0},
	                                  collect_entry, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "LKR/Z/2024/0/lakemedel/utfall=3;");
	out[0] = '\0';
	assert_int_equal(styr_ledger_each(f->db, &(struct styr_ledger_filter){"HBG", NULL, 2023, 0},
	                                  collect_entry, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "");
	/* a month out of range breaks the table's check */
	memset(&e, 0, sizeof(e));
	snprintf(e.unit, sizeof(e.unit), "LKR");
	snprintf(e.row, sizeof(e.row), "resultat");
	snprintf(e.kind, sizeof(e.kind), "utfall");
	e.month = 13;
	assert_int_not_equal(styr_ledger_put(f->db, &e, &err), STYR_OK);
}

static void test_account_map_rules_actions_bridge(void **state)
{
	struct testdb *f = *state;
	struct styr_account_balance b;
	struct styr_bridge_line line;
	struct styr_action a;
	struct styr_rule r;
	struct styr_err err;
	char row[STYR_CODE_MAX], out[1024] = "";
	static const struct {
		const char *plan, *title;
		bool has_expected;
		int64_t expected;
	} actions[] = {
	    {"P2", "a", true, -52},
	    {"P1", "b", false, 0},
	    {"P2", "c", true, 0},
	    {"P2", "a", false, 0},
	};
	static const struct {
		int year;
		const char *unit, *step, *label;
		int64_t amount;
	} lines[] = {
	    {2025, "SUS", "ingaende", "", 1},   {2024, "SUS", "riktad", "Zeta", 2},
	    {2024, "SUS", "riktad", "alfa", 3}, {2024, "KN", "ingaende", "", 4},
	    {2024, "SUS", "riktad", "Zeta", 5}, /* replaces 2, keeping its place */
	};
	static const struct {
		int month, account;
		const char *kind;
		int64_t ore;
	} balances[] = {
	    {0, 3010, "res", -150000000}, {2, 3010, "trans", -1}, {1, 3010, "trans", -2},
	    {0, 1910, "ub", 3},           {0, 1910, "ib", 4},
	};
	size_t i;

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	/* the default BAS mapping; a narrower range wins; NULL keeps out */
	assert_int_equal(styr_account_map_find(f->db, 7010, row, sizeof(row), &err), STYR_OK);
	assert_string_equal(row, "lonekostnader");
	assert_int_equal(styr_account_map_put(f->db, 3010, 3019, "forsaljning_varor", &err),
	                 STYR_OK);
	assert_int_equal(styr_account_map_find(f->db, 3015, row, sizeof(row), &err), STYR_OK);
	assert_string_equal(row, "forsaljning_varor");
	assert_int_equal(styr_account_map_find(f->db, 3020, row, sizeof(row), &err), STYR_OK);
	assert_string_equal(row, "forsaljning_verksamhet");
	assert_int_equal(styr_account_map_find(f->db, 8999, row, sizeof(row), &err), STYR_OK);
	assert_string_equal(row, "");
	assert_int_equal(styr_account_map_clear(f->db, &err), STYR_OK);
	assert_int_equal(styr_account_map_find(f->db, 3015, row, sizeof(row), &err),
	                 STYR_ENOTFOUND);
	assert_string_equal(err.msg, "account 3015 maps to no resultaträkning row: expected it in "
	                             "the mapping (--mapping FILE)");

	styr_err_init(&err);
	memset(&r, 0, sizeof(r));
	snprintf(r.code, sizeof(r.code), "b");
	snprintf(r.tab, sizeof(r.tab), "*");
	r.tolerance = INT64_C(1) << 40;
	assert_int_equal(styr_rule_put(f->db, &r, &err), STYR_OK);
	snprintf(r.code, sizeof(r.code), "R");
	r.tab[0] = '\0';
	r.tolerance = 1;
	assert_int_equal(styr_rule_put(f->db, &r, &err), STYR_OK);
	assert_int_equal(styr_rule_each(f->db, collect_rule, out, &err), STYR_OK);
	assert_string_equal(out, "R//1;b/*/1099511627776;");

	/* actions: plans in the order first stored, then as stored; not
	 * given is not 0 */
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		memset(&a, 0, sizeof(a));
		snprintf(a.plan, sizeof(a.plan), "%s", actions[i].plan);
		snprintf(a.unit, sizeof(a.unit), "LKR");
		snprintf(a.title, sizeof(a.title), "%s", actions[i].title);
		snprintf(a.state, sizeof(a.state), "planerad");
		a.has_expected = actions[i].has_expected;
		a.expected = actions[i].expected;
		a.has_achieved = i == 2;
		a.achieved = -7;
		assert_int_equal(styr_action_put(f->db, &a, &err), STYR_OK);
	}
	out[0] = '\0';
	assert_int_equal(styr_action_each(f->db, NULL, collect_action, out, &err), STYR_OK);
	assert_string_equal(out, "P2:a;P2:c=0/-7;P1:b;");
	out[0] = '\0';
	assert_int_equal(styr_action_each(f->db, "P1", collect_action, out, &err), STYR_OK);
	assert_string_equal(out, "P1:b;");

	/* bridge lines: by year, then as first stored */
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		memset(&line, 0, sizeof(line));
		line.year = lines[i].year;
		snprintf(line.unit, sizeof(line.unit), "%s", lines[i].unit);
		snprintf(line.step, sizeof(line.step), "%s", lines[i].step);
		snprintf(line.label, sizeof(line.label), "%s", lines[i].label);
		line.amount = lines[i].amount;
		assert_int_equal(styr_bridge_put(f->db, &line, &err), STYR_OK);
	}
	out[0] = '\0';
	assert_int_equal(styr_bridge_each(f->db, 0, collect_bridge, out, &err), STYR_OK);
	assert_string_equal(out,
	                    "2024/SUS/riktad/Zeta=5;2024/SUS/riktad/alfa=3;2024/KN/ingaende/=4;"
	                    "2025/SUS/ingaende/=1;");

	/* SIE balances: by unit, year, account, kind, month */
	assert_int_equal(styr_account_name_put(f->db, "LKR", 3010, "Försäljning", &err), STYR_OK);
	assert_int_equal(styr_account_name_put(f->db, "XYZ", 3010, "x", &err), STYR_ENOTFOUND);
	styr_err_init(&err);
	for (i = 0; i < sizeof(balances) / sizeof(balances[0]); i++) {
		memset(&b, 0, sizeof(b));
		snprintf(b.unit, sizeof(b.unit), "LKR");
		b.year = 2024;
		b.month = balances[i].month;
		b.account = balances[i].account;
		snprintf(b.kind, sizeof(b.kind), "%s", balances[i].kind);
		b.amount_ore = balances[i].ore;
		assert_int_equal(styr_account_balance_put(f->db, &b, &err), STYR_OK);
	}
	out[0] = '\0';
	assert_int_equal(styr_account_balance_each(f->db, "LKR", collect_balance, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "LKR/2024/0/1910/ib=4;LKR/2024/0/1910/ub=3;"
	                         "LKR/2024/0/3010/res=-150000000;LKR/2024/1/3010/trans=-2;"
	                         "LKR/2024/2/3010/trans=-1;");
}

static int collect_profile(void *ctx, const struct styr_budget_profile *p)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%s/%s/%d/%d/%d;", p->unit, p->row, p->year, p->weight[0],
	        p->weight[6]);
	return 0;
}

static int collect_goal(void *ctx, const struct styr_action *a)
{
	char *out = ctx;

	sprintf(out + strlen(out), "%s:%s;", a->title, a->goal);
	return 0;
}

/* Budget profiles and an action's goal (migration 0006), profiles for one
 * year (0008): the same order, replacement and lookup on both backends. */
static void test_budget_profiles_and_action_goal(void **state)
{
	static const struct {
		const char *unit, *row;
		int year, jan, jul;
	} puts[] = {
	    {"RS", "", 0, 900, 500},
	    {"LKR", "lonekostnader", 0, 100, 50},
	    {"LKR", "", 0, 850, 650},
	    {"HBG", "lakemedel", 0, 1, 1},
	    {"LKR", "lonekostnader", 0, 100, 25}, /* replaces */
	    {"LKR", "", 2025, 700, 0},
	    {"LKR", "lonekostnader", 2024, 90, 10},
	    {"LKR", "", 2025, 710, 10}, /* replaces 2025's, not year 0's */
	};
	struct testdb *f = *state;
	struct styr_budget_profile p;
	struct styr_profile_lookup l;
	struct styr_action a;
	struct styr_err err;
	char out[1024] = "";
	size_t i;
	int m;

	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	put_unit(f->db, "LKR-S", "RS", STYR_ORG_STYRELSE);
	put_unit(f->db, "LKR", "LKR-S", STYR_ORG_FORVALTNING);
	put_unit(f->db, "HBG", "RS", STYR_ORG_STYRELSE);
	styr_err_init(&err);
	for (i = 0; i < sizeof(puts) / sizeof(puts[0]); i++) {
		memset(&p, 0, sizeof(p));
		snprintf(p.unit, sizeof(p.unit), "%s", puts[i].unit);
		snprintf(p.row, sizeof(p.row), "%s", puts[i].row);
		p.year = puts[i].year;
		for (m = 0; m < 12; m++)
			p.weight[m] = 100;
		p.weight[0] = puts[i].jan;
		p.weight[6] = puts[i].jul;
		assert_int_equal(styr_budget_profile_put(f->db, &p, &err), STYR_OK);
	}
	/* by unit code (bytes: LKR before LKR-S), then row, "" first, then
	 * year, 0 first */
	assert_int_equal(styr_budget_profile_each(f->db, NULL, collect_profile, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "HBG/lakemedel/0/1/1;LKR//0/850/650;LKR//2025/710/10;"
	                         "LKR/lonekostnader/0/100/25;LKR/lonekostnader/2024/90/10;"
	                         "RS//0/900/500;");
	out[0] = '\0';
	assert_int_equal(styr_budget_profile_each(f->db, "LKR", collect_profile, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "LKR//0/850/650;LKR//2025/710/10;LKR/lonekostnader/0/100/25;"
	                         "LKR/lonekostnader/2024/90/10;");
	snprintf(p.unit, sizeof(p.unit), "XYZ");
	assert_int_equal(styr_budget_profile_put(f->db, &p, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "org unit \"XYZ\" does not exist");

	/* the fallback reads the same from either store */
	styr_err_init(&err);
	assert_int_equal(styr_profile_lookup_init(f->db, "HBG", 2024, &l, &err), STYR_OK);
	assert_string_equal(styr_profile_lookup_find(&l, "lakemedel")->unit, "HBG");
	assert_string_equal(styr_profile_lookup_find(&l, "lonekostnader")->unit, "RS");
	styr_profile_lookup_release(&l);
	assert_int_equal(styr_profile_lookup_init(f->db, "LKR-S", 2024, &l, &err), STYR_OK);
	assert_string_equal(styr_profile_lookup_find(&l, "lonekostnader")->unit, "RS");
	styr_profile_lookup_release(&l);
	/* LKR for 2025: its 2025 all-rows profile (jan 710), but its row
	 * profile for every year (jan 100) for lönekostnader; for 2024 its
	 * 2024 row profile (jan 90) and its year-0 all-rows one (jan 850) */
	assert_int_equal(styr_profile_lookup_init(f->db, "LKR", 2025, &l, &err), STYR_OK);
	assert_int_equal(styr_profile_lookup_find(&l, "lakemedel")->weight[0], 710);
	assert_int_equal(styr_profile_lookup_find(&l, "lonekostnader")->weight[0], 100);
	assert_int_equal(styr_profile_lookup_find(&l, "lonekostnader")->year, 0);
	styr_profile_lookup_release(&l);
	assert_int_equal(styr_profile_lookup_init(f->db, "LKR", 2024, &l, &err), STYR_OK);
	assert_int_equal(styr_profile_lookup_find(&l, "lakemedel")->weight[0], 850);
	assert_int_equal(styr_profile_lookup_find(&l, "lonekostnader")->weight[0], 90);
	assert_int_equal(styr_profile_lookup_find(&l, "lonekostnader")->year, 2024);
	styr_profile_lookup_release(&l);

	/* an action keeps its goal; none is "" */
	for (i = 0; i < 2; i++) {
		memset(&a, 0, sizeof(a));
		snprintf(a.plan, sizeof(a.plan), "P");
		snprintf(a.unit, sizeof(a.unit), "LKR");
		snprintf(a.title, sizeof(a.title), "%s", i ? "utan" : "med");
		snprintf(a.state, sizeof(a.state), "planerad");
		snprintf(a.goal, sizeof(a.goal), "%s", i ? "" : "RS-OM5");
		assert_int_equal(styr_action_put(f->db, &a, &err), STYR_OK);
	}
	out[0] = '\0';
	assert_int_equal(styr_action_each(f->db, "P", collect_goal, out, &err), STYR_OK);
	assert_string_equal(out, "med:RS-OM5;utan:;");
}

/* A database from before 0008 keeps its profiles, as profiles for every
 * year, and takes profiles for one year once opened. */
static void test_profile_year_upgrade(void **state)
{
	struct testdb *f = *state;
	struct styr_budget_profile p;
	struct styr_err err;
	char out[512] = "", sql[1024];
	int m;

	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	put_unit(f->db, "LKR", "RS", STYR_ORG_FORVALTNING);
	styr_err_init(&err);
	memset(&p, 0, sizeof(p));
	for (m = 0; m < 12; m++)
		p.weight[m] = 100;
	snprintf(p.unit, sizeof(p.unit), "RS");
	assert_int_equal(styr_budget_profile_put(f->db, &p, &err), STYR_OK);
	snprintf(p.unit, sizeof(p.unit), "LKR");
	snprintf(p.row, sizeof(p.row), "lonekostnader");
	p.weight[6] = 50;
	assert_int_equal(styr_budget_profile_put(f->db, &p, &err), STYR_OK);

	/* back to the table of 0006: no year, the key (unit, row) */
	if (testdb_pg_url) {
		admin(f, "ALTER TABLE %sbudget_profile DROP CONSTRAINT budget_profile_pkey; "
		         "ALTER TABLE %sbudget_profile DROP COLUMN year; "
		         "ALTER TABLE %sbudget_profile ADD PRIMARY KEY (unit_id, row_code)");
		snprintf(sql, sizeof(sql),
		         "DELETE FROM %%sstyr_migration WHERE number = 8; "
		         "UPDATE %%sstyr_schema SET version = %zu",
		         store_pg_migration_count - 1);
	} else {
		snprintf(
		    sql, sizeof(sql),
		    "CREATE TABLE old_profile(unit_id INTEGER NOT NULL REFERENCES org_unit(id), "
		    "row_code TEXT NOT NULL DEFAULT '', w1 INTEGER, w2 INTEGER, w3 INTEGER, "
		    "w4 INTEGER, w5 INTEGER, w6 INTEGER, w7 INTEGER, w8 INTEGER, w9 INTEGER, "
		    "w10 INTEGER, w11 INTEGER, w12 INTEGER, PRIMARY KEY (unit_id, row_code)) "
		    "WITHOUT ROWID; INSERT INTO old_profile SELECT unit_id, row_code, w1, w2, w3, "
		    "w4, w5, w6, w7, w8, w9, w10, w11, w12 FROM budget_profile; DROP TABLE "
		    "budget_profile; ALTER TABLE old_profile RENAME TO budget_profile; DELETE "
		    "FROM styr_migration WHERE number = 8; PRAGMA user_version = %zu",
		    store_migration_count - 1);
	}
	admin(f, sql);
	reopen(f);
	assert_int_equal(styr_budget_profile_each(f->db, NULL, collect_profile, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "LKR/lonekostnader/0/100/50;RS//0/100/100;");
	/* and a profile for 2025 next to the one for every year */
	p.year = 2025;
	p.weight[6] = 0;
	assert_int_equal(styr_budget_profile_put(f->db, &p, &err), STYR_OK);
	out[0] = '\0';
	assert_int_equal(styr_budget_profile_each(f->db, "LKR", collect_profile, out, &err),
	                 STYR_OK);
	assert_string_equal(out, "LKR/lonekostnader/0/100/50;LKR/lonekostnader/2025/100/0;");
}

/* Deletions (issue 14 item 2): one record by key, STYR_ENOTFOUND naming
 * it the second time; what refers to a unit counted kind by kind; a unit
 * with units below it refused; a deleted unit's key not remembered. */
static void test_deletes_and_refs(void **state)
{
	struct testdb *f = *state;
	struct styr_indicator_target t;
	struct styr_org_unit u;
	struct styr_refs refs;
	struct styr_value v;
	struct styr_err err;
	struct styr_period p = {2024, 1, 12};

	put_unit(f->db, "LKR", "", STYR_ORG_FORVALTNING);
	put_unit(f->db, "LKR-A", "LKR", STYR_ORG_VERKSAMHETSOMRADE);
	put_indicator(f->db, "ID1");
	memset(&v, 0, sizeof(v));
	strcpy(v.indicator, "ID1");
	strcpy(v.unit, "LKR");
	v.period = p;
	v.num.kind = STYR_NUM_VALUE;
	v.num.value = 1;
	styr_err_init(&err);
	assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
	v.period.year = 2023;
	assert_int_equal(styr_value_put(f->db, &v, &err), STYR_OK);
	memset(&t, 0, sizeof(t));
	strcpy(t.indicator, "ID1");
	t.year = 2024;
	strcpy(t.text, ">= 1");
	assert_int_equal(styr_target_put(f->db, &t, &err), STYR_OK);

	assert_int_equal(styr_org_refs(f->db, "LKR", &refs, &err), STYR_OK);
	assert_int_equal(refs.n, 2);
	assert_string_equal(refs.kind[0].what, "units below it");
	assert_int_equal(refs.kind[0].count, 1);
	assert_string_equal(refs.kind[1].what, "values");
	assert_int_equal(refs.kind[1].count, 2);

	assert_int_equal(styr_value_delete(f->db, "ID1", "LKR", &p, &err), STYR_OK);
	assert_int_equal(styr_value_delete(f->db, "ID1", "LKR", &p, &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "no value of ID1 for LKR in 2024");
	styr_err_init(&err);
	assert_int_equal(styr_target_delete(f->db, "ID1", "", 2023, &err), STYR_ENOTFOUND);
	styr_err_init(&err);
	assert_int_equal(styr_target_delete(f->db, "ID1", "", 2024, &err), STYR_OK);

	assert_int_equal(styr_org_delete(f->db, "LKR", NULL, &err), STYR_ECONFLICT);
	assert_string_equal(err.msg, "unit LKR: 1 units below it: delete them first");
	styr_err_init(&err);
	assert_int_equal(styr_org_find(f->db, "LKR-A", &u, &err), STYR_OK);
	assert_int_equal(styr_org_delete(f->db, "LKR-A", &refs, &err), STYR_OK);
	assert_int_equal(refs.n, 0);
	assert_int_equal(styr_org_find(f->db, "LKR-A", &u, &err), STYR_ENOTFOUND);

	styr_err_init(&err);
	assert_int_equal(styr_indicator_delete(f->db, "ID1", &refs, &err), STYR_OK);
	assert_int_equal(refs.n, 1);
	assert_string_equal(refs.kind[0].what, "values");
	assert_int_equal(refs.kind[0].count, 1);
	assert_int_equal(styr_org_delete(f->db, "LKR", &refs, &err), STYR_OK);
	assert_int_equal(styr_org_find(f->db, "LKR", &u, &err), STYR_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_missing_without_create),
	    cmocka_unit_test_setup_teardown(test_org_tree_and_alias, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_parent_must_exist, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_target_falls_back_to_all_units, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_value_roundtrip_and_rollback, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_codes_in_value, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_doubles_roundtrip, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_alias_case_folds_ascii_only, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_walk_order, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_walk_callback_uses_store, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_target_carries_over, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_one_transaction_at_a_time, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_failed_write_fails_transaction, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_newer_schema_refused, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_migration_filled_in, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_indicator_category, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_analysis_order, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_goals_area, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_budget_profiles_and_action_goal, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_profile_year_upgrade, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_ledger_rows_and_amounts, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_account_map_rules_actions_bridge, testdb_setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_web_tables, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_data_version, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_value_comment, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_last_change, testdb_setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_deletes_and_refs, testdb_setup, testdb_teardown),
	    cmocka_unit_test(test_pg_location),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", tests, NULL, NULL);
	if (testdb_pg_env())
		failed += cmocka_run_group_tests_name("postgresql", tests, pg_group_setup,
		                                      pg_group_teardown);
	return failed;
}
