/*
 * Tests of import/csv.c: the fixture files of tests/cli/data, and fault
 * injection — a store whose writes fail on the Nth call — proving that an
 * import that fails anywhere leaves nothing behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/interchange.h"
#include "store/driver.h"
#include "styr/import.h"
#include "testdb.h"

static char data_dir[512];
static char files[5][600];
static const char *paths[5];

static int count_value(void *ctx, const struct styr_value *v)
{
	(void)v;
	(*(int *)ctx)++;
	return 0;
}

static int count_unit(void *ctx, const struct styr_org_unit *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

static void test_import_fixture(void **state)
{
	struct styr_import_stats stats;
	struct styr_err err;
	struct testdb t;
	struct styr_db *db = testdb_open(&t);
	int values = 0;

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_import_csv(db, paths, 5, &stats, &err), STYR_OK);
	assert_int_equal(stats.rows[STYR_ENTITY_ORG], 3);
	assert_int_equal(stats.rows[STYR_ENTITY_GOAL], 2);
	assert_int_equal(stats.rows[STYR_ENTITY_INDICATOR], 2);
	assert_int_equal(stats.rows[STYR_ENTITY_TARGET], 2);
	assert_int_equal(stats.rows[STYR_ENTITY_VALUE], 5);
	assert_int_equal(styr_value_each(db, NULL, count_value, &values, &err), STYR_OK);
	assert_int_equal(values, 5);
	testdb_drop(&t);
}

/* What on_change was told, one "key|field|old|new|where" a line. */
struct changes {
	char text[1024];
};

static void collect(void *ctx, const struct styr_import_change *c)
{
	struct changes *ch = ctx;
	size_t len = strlen(ch->text);

	snprintf(ch->text + len, sizeof(ch->text) - len, "%s|%s|%s|%s|%s\n", c->key, c->field,
	         c->old_text, c->new_text, c->where);
}

static double stored_value(struct styr_db *db, const char *ind, const char *unit, int year)
{
	struct styr_period p = {0};
	struct styr_value v;
	struct styr_err err;
	char text[8];

	styr_err_init(&err);
	snprintf(text, sizeof(text), "%d", year);
	assert_int_equal(styr_period_parse(text, &p, &err), STYR_OK);
	assert_int_equal(styr_value_find(db, ind, unit, &p, &v, &err), STYR_OK);
	return v.num.value;
}

/* A dry run counts and lists what the import then does, and stores
 * nothing; the import again changes nothing; a key twice is refused. */
static void test_dry_run_and_keys(void **state)
{
	static const char header[] = "indicator;unit;period;value;numerator;denominator;"
	                             "missing_reason;source\n";
	struct styr_import_stats stats;
	struct changes ch = {""};
	struct styr_import_hook hook = {NULL, &ch, true, collect, 0};
	struct styr_err err;
	struct testdb t;
	struct styr_db *db = testdb_open(&t);
	char text[512], want[1024];
	struct interchange_text it = {paths[0], text, 0, NULL};

	(void)state;
	styr_err_init(&err);
	assert_int_equal(styr_import_csv(db, paths, 5, &stats, &err), STYR_OK);
	assert_int_equal(stats.added[STYR_ENTITY_VALUE], 5);
	assert_int_equal(stats.added[STYR_ENTITY_TARGET], 2);
	assert_int_equal(stats.changed[STYR_ENTITY_VALUE] + stats.unchanged[STYR_ENTITY_VALUE], 0);
	/* the same files again */
	assert_int_equal(styr_import_csv(db, paths, 5, &stats, &err), STYR_OK);
	assert_int_equal(stats.unchanged[STYR_ENTITY_VALUE], 5);
	assert_int_equal(stats.unchanged[STYR_ENTITY_ORG], 3);
	assert_int_equal(stats.added[STYR_ENTITY_VALUE] + stats.changed[STYR_ENTITY_VALUE], 0);
	assert_int_equal(stats.rows[STYR_ENTITY_GOAL], 2); /* goals: rows only */

	/* the file's first two rows, the first changed: same name, so the
	 * source ("FILE:LINE") is the same */
	it.len = (size_t)snprintf(text, sizeof(text),
	                          "%sID0069;LKR;2024;84,0;;;;\n"
	                          "ID0069;LKR;2023;82,5;;;;\n",
	                          header);
	assert_int_equal(interchange_import(db, &it, 1, &hook, &stats, &err), STYR_OK);
	assert_int_equal(stats.changed[STYR_ENTITY_VALUE], 1);
	assert_int_equal(stats.unchanged[STYR_ENTITY_VALUE], 1);
	snprintf(want, sizeof(want), "ID0069 LKR 2024|value|83,8|84,0|%s:2\n", paths[0]);
	assert_string_equal(ch.text, want);
	assert_true(stored_value(db, "ID0069", "LKR", 2024) == 83.8);
	/* for real: the same report, and stored */
	hook.dry_run = false;
	ch.text[0] = '\0';
	assert_int_equal(interchange_import(db, &it, 1, &hook, &stats, &err), STYR_OK);
	assert_int_equal(stats.changed[STYR_ENTITY_VALUE], 1);
	assert_string_equal(ch.text, want);
	assert_true(stored_value(db, "ID0069", "LKR", 2024) == 84.0);

	/* a key twice: refused naming both lines, nothing stored */
	it.name = "dup.csv";
	it.len = (size_t)snprintf(text, sizeof(text),
	                          "%sID0069;LKR;2024;1;;;;\n"
	                          "ID0069;LKR;2023;2;;;;\n"
	                          "ID0069;LKR;2024;3;;;;\n",
	                          header);
	assert_int_equal(interchange_import(db, &it, 1, NULL, &stats, &err), STYR_EINPUT);
	assert_string_equal(err.msg,
	                    "dup.csv:4: duplicate key ID0069 LKR 2024: the same as dup.csv:2");
	assert_true(stored_value(db, "ID0069", "LKR", 2024) == 84.0);
	assert_true(stored_value(db, "ID0069", "LKR", 2023) == 82.5);
	testdb_drop(&t);
}

/* The injected fault: every write counts down, and the one that
 * reaches zero fails as a full disk would. */
static int writes_left;
static struct store_driver real_driver, faulty_driver;

static int fail_now(struct styr_err *err)
{
	return --writes_left == 0 ? styr_error(err, STYR_ESTORE, "injected write failure") : 0;
}

/* Every write of every operation goes through the driver's q_exec. */
static int faulty_q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	return fail_now(err) ? STYR_ESTORE : real_driver.q_exec(q, changes, err);
}

static void test_every_failing_write_leaves_nothing(void **state)
{
	int n, total = 0;

	(void)state;
	faulty_driver.q_exec = faulty_q_exec;

	/* Count the writes of a whole import first. */
	{
		struct testdb t;
		struct styr_db *db = testdb_open(&t);
		struct styr_err err;

		writes_left = 1 << 30;
		db->drv = &faulty_driver;
		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, paths, 5, NULL, &err), STYR_OK);
		total = (1 << 30) - writes_left;
		db->drv = &real_driver;
		testdb_drop(&t);
	}
	assert_true(total >= 14);
	for (n = 1; n <= total; n++) {
		struct testdb t;
		struct styr_db *db = testdb_open(&t);
		struct styr_import_stats stats;
		struct styr_err err;
		int units = 0, values = 0;

		writes_left = n;
		db->drv = &faulty_driver;
		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, paths, 5, &stats, &err), STYR_ESTORE);
		assert_non_null(strstr(err.msg, "injected write failure"));
		assert_int_equal(stats.rows[STYR_ENTITY_ORG], 0);
		db->drv = &real_driver;
		assert_int_equal(styr_org_each(db, count_unit, &units, &err), STYR_OK);
		assert_int_equal(styr_value_each(db, NULL, count_value, &values, &err), STYR_OK);
		assert_int_equal(units, 0);
		assert_int_equal(values, 0);
		testdb_drop(&t);
	}
}

int main(void)
{
	static const char *const names[5] = {"values.csv", "org.csv", "goals.csv", "indicators.csv",
	                                     "targets.csv"};
	char here[512];
	int i;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_fixture),
	    cmocka_unit_test(test_dry_run_and_keys),
	    cmocka_unit_test(test_every_failing_write_leaves_nothing),
	};

	snprintf(here, sizeof(here), "%s", __FILE__);
	snprintf(data_dir, sizeof(data_dir), "%s/../cli/data", dirname(here));
	for (i = 0; i < 5; i++) {
		snprintf(files[i], sizeof(files[i]), "%s/%s", data_dir, names[i]);
		paths[i] = files[i];
	}
	real_driver = store_sqlite_driver;
	faulty_driver = store_sqlite_driver;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
