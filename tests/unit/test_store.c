/* Tests of store/sqlite.c through the public styr_db functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "styr/db.h"

struct fixture {
	char path[64];
	struct styr_db *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct styr_err err;
	int fd;

	snprintf(f->path, sizeof(f->path), "/tmp/styr-test-XXXXXX");
	fd = mkstemp(f->path);
	close(fd);
	unlink(f->path);
	styr_err_init(&err);
	assert_int_equal(styr_db_open(f->path, STYR_DB_CREATE, &f->db, &err), STYR_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[80];

	styr_db_close(f->db);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
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

static void test_open_missing_without_create(void **state)
{
	struct styr_db *db = NULL;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_db_open("/tmp/styr-does-not-exist.db", 0, &db, &err), STYR_ENOTFOUND);
	assert_null(db);
	assert_string_equal(err.msg,
	                    "database /tmp/styr-does-not-exist.db does not exist "
	                    "(create it with: styr init --db /tmp/styr-does-not-exist.db)");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_missing_without_create),
	    cmocka_unit_test_setup_teardown(test_org_tree_and_alias, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_parent_must_exist, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_target_falls_back_to_all_units, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_value_roundtrip_and_rollback, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_codes_in_value, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
