/*
 * Fault injection for the goals area's imports: a store whose writes fail
 * on the Nth call proves that an interchange import of goals, uppdrag,
 * reports, escalation steps and follow-up rules, and the import of seed
 * 003's uppdrag tables, leave the database exactly as it was.
 *
 * With STYR_TEST_PG_URL set (tests/pg/env.sh, as pg/unit/test_goal_import)
 * the same runs on PostgreSQL, each database a schema of one database made
 * for the run: there a failed write inside the pipeline is what rolls back.
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

#include "store/driver.h"
#include "styr/goals.h"
#include "styr/import.h"
#include "testdb.h"

static char src_dir[512];

/* The injected fault: every write counts down; the one reaching zero fails. */
static int writes_left;
static struct store_driver real_driver, faulty_driver;

static int fail_now(struct styr_err *err)
{
	return --writes_left == 0 ? styr_error(err, STYR_ESTORE, "injected write failure") : 0;
}

/* The writes of the operations written over the driver (driver.h). */
static int faulty_q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	return fail_now(err) ? STYR_ESTORE : real_driver.q_exec(q, changes, err);
}

static int count_goal(void *ctx, const struct styr_goal *g)
{
	(void)g;
	(*(int *)ctx)++;
	return 0;
}

static int count_uppdrag(void *ctx, const struct styr_uppdrag *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

static int count_step(void *ctx, const struct styr_escalation_step *s)
{
	(void)s;
	(*(int *)ctx)++;
	return 0;
}

static int count_rule(void *ctx, const struct styr_followup_rule *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int count_unit(void *ctx, const struct styr_org_unit *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

struct counts {
	int units, goals, uppdrag, steps, rules;
};

static void count_all(struct styr_db *db, struct counts *c)
{
	struct styr_err err;

	memset(c, 0, sizeof(*c));
	styr_err_init(&err);
	assert_int_equal(styr_org_each(db, count_unit, &c->units, &err), STYR_OK);
	assert_int_equal(styr_goal_each(db, count_goal, &c->goals, &err), STYR_OK);
	assert_int_equal(styr_uppdrag_each(db, count_uppdrag, &c->uppdrag, &err), STYR_OK);
	assert_int_equal(styr_escalation_each(db, NULL, count_step, &c->steps, &err), STYR_OK);
	assert_int_equal(styr_followup_rule_each(db, 0, count_rule, &c->rules, &err), STYR_OK);
}

static void use_faulty(struct styr_db *db)
{
	db->drv = &faulty_driver;
}

static void test_csv_every_failing_write_leaves_nothing(void **state)
{
	static const char *const names[] = {
	    "tests/cli/data/goals/org.csv",         "tests/cli/data/goals/goals.csv",
	    "tests/cli/data/goals/uppdrag.csv",     "tests/cli/data/goals/reports.csv",
	    "tests/cli/data/goals/escalations.csv", "data/demo/followup.csv",
	};
	char files[6][700];
	const char *paths[6];
	int i, n, total;

	(void)state;
	for (i = 0; i < 6; i++) {
		snprintf(files[i], sizeof(files[i]), "%s/%s", src_dir, names[i]);
		paths[i] = files[i];
	}
	{
		struct testdb t;
		struct styr_db *db = testdb_open(&t);
		struct styr_err err;
		struct counts c;

		writes_left = 1 << 30;
		use_faulty(db);
		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, paths, 6, NULL, &err), STYR_OK);
		total = (1 << 30) - writes_left;
		db->drv = &real_driver;
		count_all(db, &c);
		assert_int_equal(c.goals, 5);
		assert_int_equal(c.uppdrag, 2);
		assert_int_equal(c.steps, 2);
		assert_int_equal(c.rules, 4);
		testdb_drop(&t);
	}
	assert_true(total >= 20);
	for (n = 1; n <= total; n++) {
		struct testdb t;
		struct styr_db *db = testdb_open(&t);
		struct styr_err err;
		struct counts c;

		writes_left = n;
		use_faulty(db);
		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, paths, 6, NULL, &err), STYR_ESTORE);
		assert_non_null(strstr(err.msg, "injected write failure"));
		db->drv = &real_driver;
		count_all(db, &c);
		assert_int_equal(c.units + c.goals + c.uppdrag + c.steps + c.rules, 0);
		testdb_drop(&t);
	}
}

/* Seed 003's tables: hundreds of writes, so every 40th fails in turn (and
 * the first and the last), each time leaving the six goals it started with. */
static void test_goal_text_failing_write_leaves_nothing(void **state)
{
	char seed[700], org[700], goals[700], om[64];
	const char *base[2];
	int n, total;
	FILE *in, *out;
	char line[8192];

	(void)state;
	snprintf(seed, sizeof(seed), "%s/../shared/seeds/003_48572fec71d686f8.txt", src_dir);
	if (access(seed, R_OK) != 0)
		skip();
	snprintf(org, sizeof(org), "%s/data/demo/org_units.csv", src_dir);
	snprintf(goals, sizeof(goals), "%s/data/demo/goals.csv", src_dir);
	/* The vision and the övergripande mål only. */
	snprintf(om, sizeof(om), "/tmp/styr-om-XXXXXX");
	close(mkstemp(om));
	in = fopen(goals, "r");
	out = fopen(om, "w");
	assert_non_null(in);
	assert_non_null(out);
	while (fgets(line, sizeof(line), in))
		if (!strncmp(line, "code;", 5) || !strncmp(line, "RS-VISION;", 10) ||
		    !strncmp(line, "RS-OM", 5))
			fputs(line, out);
	fclose(in);
	fclose(out);
	base[0] = org;
	base[1] = om;
	total = 0;
	for (n = 0;; n = n ? n + 40 : 1) {
		struct testdb t;
		struct styr_db *db = testdb_open(&t);
		struct styr_goal_text_result res;
		struct styr_err err;
		struct counts c;
		int rc;

		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, base, 2, NULL, &err), STYR_OK);
		writes_left = n ? n : 1 << 30;
		use_faulty(db);
		rc = styr_import_goal_text(db, seed, 2024, &res, &err);
		db->drv = &real_driver;
		count_all(db, &c);
		if (!n) {
			assert_int_equal(rc, STYR_OK);
			total = (1 << 30) - writes_left;
			assert_int_equal(c.goals, 6 + 20 + 29 + 31);
			styr_goal_text_result_release(&res);
		} else {
			assert_int_equal(rc, STYR_ESTORE);
			assert_int_equal(c.goals, 6);
			assert_int_equal(c.uppdrag, 0);
		}
		testdb_drop(&t);
		if (n && n + 40 > total)
			break;
	}
	assert_true(total > 400);
	unlink(om);
}

int main(void)
{
	char here[512];
	const char *pg_url;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_every_failing_write_leaves_nothing),
	    cmocka_unit_test(test_goal_text_failing_write_leaves_nothing),
	};

	snprintf(here, sizeof(here), "%s", __FILE__);
	snprintf(src_dir, sizeof(src_dir), "%s/../..", dirname(here));
	pg_url = testdb_pg_env();
	real_driver = pg_url ? store_pg_driver : store_sqlite_driver;
	faulty_driver = real_driver;
	faulty_driver.q_exec = faulty_q_exec;
	if (pg_url) {
		int failed;

		if (testdb_pg_begin(pg_url, "styr_goal_import"))
			return 1;
		failed = cmocka_run_group_tests_name("postgresql", tests, NULL, NULL);
		testdb_pg_end();
		return failed;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
