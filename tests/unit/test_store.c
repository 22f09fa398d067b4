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
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "styr/db.h"

/* The conninfo of the PostgreSQL server while its group runs, else NULL,
 * and the database made for the group.  Each case gets a schema of its own
 * in it (search_path in the location): much faster than a database each. */
static const char *pg_url;
static char pg_db[64];

struct fixture {
	char location[512];
	char pg_schema[64]; /* the schema made for the case, on PostgreSQL */
	struct styr_db *db;
};

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Run one statement on database dbname; 0 if it worked. */
static int pg_admin(const char *dbname, const char *sql)
{
	char conninfo[512];
	PGconn *c;
	PGresult *r;
	int rc;

	snprintf(conninfo, sizeof(conninfo), "%s dbname=%s", pg_url, dbname);
	c = PQconnectdb(conninfo);
	if (PQstatus(c) != CONNECTION_OK)
		fail_msg("%s: %s", conninfo, PQerrorMessage(c));
	PQsetNoticeProcessor(c, quiet, NULL);
	r = PQexec(c, sql);
	rc = PQresultStatus(r) != PGRES_COMMAND_OK;
	PQclear(r);
	PQfinish(c);
	return rc;
}

/* The group's database sorts text the Swedish way (ICU sv-SE) where the
 * server can, so that the tests see the backend order by bytes anyway. */
static int pg_group_setup(void **state)
{
	char sql[200];

	(void)state;
	snprintf(pg_db, sizeof(pg_db), "styr_unit_%ld", (long)getpid());
	snprintf(sql, sizeof(sql),
	         "CREATE DATABASE %s TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'sv-SE' "
	         "STRATEGY FILE_COPY",
	         pg_db);
	if (pg_admin("postgres", sql)) {
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", pg_db);
		if (pg_admin("postgres", sql))
			fail_msg("%s failed", sql);
	}
	return 0;
}

static int pg_group_teardown(void **state)
{
	char sql[100];

	(void)state;
	snprintf(sql, sizeof(sql), "DROP DATABASE %s", pg_db);
	pg_admin("postgres", sql);
	return 0;
}

/* A location for a new empty database: a file name, or a new schema in the
 * group's database. */
static void new_location(struct fixture *f)
{
	static int n;

	if (pg_url) {
		char sql[128];

		snprintf(f->pg_schema, sizeof(f->pg_schema), "c%d", ++n);
		snprintf(sql, sizeof(sql), "CREATE SCHEMA %s", f->pg_schema);
		if (pg_admin(pg_db, sql))
			fail_msg("%s failed", sql);
		snprintf(f->location, sizeof(f->location), "%s dbname=%s options=-csearch_path=%s",
		         pg_url, pg_db, f->pg_schema);
	} else {
		int fd;

		snprintf(f->location, sizeof(f->location), "/tmp/styr-test-XXXXXX");
		fd = mkstemp(f->location);
		close(fd);
		unlink(f->location);
	}
}

static void drop_location(struct fixture *f)
{
	char p[600];

	if (f->pg_schema[0]) {
		snprintf(p, sizeof(p), "DROP SCHEMA %s CASCADE", f->pg_schema);
		pg_admin(pg_db, p);
		return;
	}
	unlink(f->location);
	snprintf(p, sizeof(p), "%s-wal", f->location);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->location);
	unlink(p);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct styr_err err;

	new_location(f);
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f->location, STYR_DB_CREATE, &f->db, &err), STYR_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	styr_db_close(f->db);
	drop_location(f);
	free(f);
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
	struct fixture f;
	struct styr_db *db = NULL;
	struct styr_err err;
	char msg[1200];

	(void)state;
	memset(&f, 0, sizeof(f));
	new_location(&f);
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f.location, 0, &db, &err), STYR_ENOTFOUND);
	assert_null(db);
	snprintf(msg, sizeof(msg), "database %s %s (create it with: styr init --db %s)", f.location,
	         pg_url ? "has no styr schema" : "does not exist", f.location);
	assert_string_equal(err.msg, msg);
	if (!pg_url)
		assert_int_equal(access(f.location, F_OK), -1);
	/* Opening with the flag creates the schema; opening again without it
	 * finds the schema up to date. */
	assert_int_equal(styr_db_open(f.location, STYR_DB_CREATE, &db, &err), STYR_OK);
	styr_db_close(db);
	assert_int_equal(styr_db_open(f.location, 0, &db, &err), STYR_OK);
	styr_db_close(db);
	drop_location(&f);
}

static void test_org_tree_and_alias(void **state)
{
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
		v.numerator = rows[i] * 3;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	assert_int_equal(n.found, 2);
}

static void test_one_transaction_at_a_time(void **state)
{
	struct fixture *f = *state;
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
	struct fixture *f = *state;
	struct styr_org_unit u;
	struct styr_err err;
	int rc;

	if (!pg_url)
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

static void test_web_tables(void **state)
{
	struct fixture *f = *state;
	struct styr_user u, got;
	struct styr_grant g;
	struct styr_session s, sgot;
	struct styr_report_state r, rgot;
	struct styr_audit_entry a;
	struct styr_err err;
	char buf[200] = "", user[STYR_USER_MAX];

	put_unit(f->db, "RS", "", STYR_ORG_REGION);
	put_unit(f->db, "LKR", "RS", STYR_ORG_FORVALTNING);
	memset(&u, 0, sizeof(u));
	strcpy(u.name, "anna");
	strcpy(u.password, "$argon2id$x");
	u.failed = 2;
	u.locked_until = 4102444800LL;
	styr_err_init(&err);
	assert_int_equal(styr_user_put(f->db, &u, &err), STYR_OK);
	u.failed = 3;
	assert_int_equal(styr_user_put(f->db, &u, &err), STYR_OK);
	assert_int_equal(styr_user_find(f->db, "anna", &got, &err), STYR_OK);
	assert_int_equal(got.failed, 3);
	assert_true(got.locked_until == 4102444800LL);
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

	/* API tokens. */
	styr_err_init(&err);
	assert_int_equal(styr_api_token_put(f->db, "t1", "anna", "2025-01-01", &err), STYR_OK);
	assert_int_equal(styr_api_token_find(f->db, "t1", user, sizeof(user), &err), STYR_OK);
	assert_string_equal(user, "anna");
	assert_int_equal(styr_api_token_put(f->db, "t2", "bo", "2025-01-01", &err), STYR_ENOTFOUND);
	assert_string_equal(err.msg, "user \"bo\" does not exist");
	styr_err_init(&err);
	assert_int_equal(styr_api_token_find(f->db, "t2", user, sizeof(user), &err),
	                 STYR_ENOTFOUND);
	assert_string_equal(err.msg, "API token \"(token)\" does not exist");

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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
	struct styr_db *db = NULL;
	struct styr_err err;
	char sql[128], msg[1200];

	styr_db_close(f->db);
	f->db = NULL;
	if (pg_url) {
		snprintf(sql, sizeof(sql), "UPDATE %s.styr_schema SET version = 99", f->pg_schema);
		assert_int_equal(pg_admin(pg_db, sql), 0);
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
	         f->location, pg_url ? store_pg_migration_count : store_migration_count);
	assert_string_equal(err.msg, msg);
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
static void test_missing_operation(void **state)
{
	static const struct store_ops old = {.version = 1, .name = "old"};
	struct styr_db db = {&old, NULL};
	struct styr_value v;
	struct styr_err err;

	(void)state;
	memset(&v, 0, sizeof(v));
	styr_err_init(&err);
	assert_int_equal(styr_value_put(&db, &v, &err), STYR_ESTORE);
	assert_string_equal(err.msg, "the old backend does not support value_put yet");
	styr_err_init(&err);
	assert_int_equal(styr_db_begin(&db, &err), STYR_ESTORE);
	assert_string_equal(err.msg, "the old backend does not support begin yet");
	styr_db_rollback(&db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_missing_without_create),
	    cmocka_unit_test_setup_teardown(test_org_tree_and_alias, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_parent_must_exist, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_target_falls_back_to_all_units, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_value_roundtrip_and_rollback, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_codes_in_value, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_doubles_roundtrip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alias_case_folds_ascii_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_walk_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_walk_callback_uses_store, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_one_transaction_at_a_time, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_write_fails_transaction, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_web_tables, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_data_version, setup, teardown),
	    cmocka_unit_test(test_missing_operation),
	    cmocka_unit_test(test_pg_location),
	};
	int failed;

	failed = cmocka_run_group_tests_name("sqlite", tests, NULL, NULL);
	pg_url = getenv("STYR_TEST_PG_URL");
	if (pg_url && *pg_url)
		failed += cmocka_run_group_tests_name("postgresql", tests, pg_group_setup,
		                                      pg_group_teardown);
	return failed;
}
