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
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "styr/goals.h"

static char src_dir[512];
static const char *pg_url; /* run on PostgreSQL: a conninfo without dbname */
static char pg_db[64];

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

/* The injected fault: every write counts down; the one reaching zero fails. */
static int writes_left;
static struct store_ops real_ops, faulty_ops;

static int fail_now(struct styr_err *err)
{
	return --writes_left == 0 ? styr_error(err, STYR_ESTORE, "injected write failure") : 0;
}

#define FAULTY(name, type)                                                                         \
	static int faulty_##name(struct store *st, const type *row, struct styr_err *err)          \
	{                                                                                          \
		return fail_now(err) ? STYR_ESTORE : real_ops.name(st, row, err);                  \
	}

FAULTY(org_put, struct styr_org_unit)
FAULTY(goal_put, struct styr_goal)
FAULTY(goal_owner_put, struct styr_goal_owner)
FAULTY(uppdrag_put, struct styr_uppdrag)
FAULTY(uppdrag_report_put, struct styr_uppdrag_report)
FAULTY(escalation_add, struct styr_escalation_step)
FAULTY(followup_rule_put, struct styr_followup_rule)

static int faulty_org_alias_put(struct store *st, const char *a, const char *u,
                                struct styr_err *err)
{
	return fail_now(err) ? STYR_ESTORE : real_ops.org_alias_put(st, a, u, err);
}

/* A new empty database: a file, or a schema of pg_db, which the location
 * names last (drop_db reads it from there). */
static struct styr_db *fresh_db(char *path, size_t size)
{
	static int n;
	struct styr_db *db;
	struct styr_err err;
	int fd;

	if (pg_url) {
		char sql[64];

		snprintf(sql, sizeof(sql), "CREATE SCHEMA g%d", ++n);
		assert_int_equal(pg_admin(pg_db, sql), 0);
		snprintf(path, size, "%s dbname=%s options=-csearch_path=g%d", pg_url, pg_db, n);
	} else {
		snprintf(path, size, "/tmp/styr-goals-XXXXXX");
		fd = mkstemp(path);
		close(fd);
		unlink(path);
	}
	styr_err_init(&err);
	assert_int_equal(styr_db_open(path, STYR_DB_CREATE, &db, &err), STYR_OK);
	return db;
}

static void drop_db(struct styr_db *db, const char *path)
{
	char p[600];

	styr_db_close(db);
	if (pg_url) {
		snprintf(p, sizeof(p), "DROP SCHEMA %s CASCADE", strrchr(path, '=') + 1);
		assert_int_equal(pg_admin(pg_db, p), 0);
		return;
	}
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
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
	db->ops = &faulty_ops;
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
		char path[512];
		struct styr_db *db = fresh_db(path, sizeof(path));
		struct styr_err err;
		struct counts c;

		writes_left = 1 << 30;
		use_faulty(db);
		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, paths, 6, NULL, &err), STYR_OK);
		total = (1 << 30) - writes_left;
		db->ops = &real_ops;
		count_all(db, &c);
		assert_int_equal(c.goals, 5);
		assert_int_equal(c.uppdrag, 2);
		assert_int_equal(c.steps, 2);
		assert_int_equal(c.rules, 4);
		drop_db(db, path);
	}
	assert_true(total >= 20);
	for (n = 1; n <= total; n++) {
		char path[512];
		struct styr_db *db = fresh_db(path, sizeof(path));
		struct styr_err err;
		struct counts c;

		writes_left = n;
		use_faulty(db);
		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, paths, 6, NULL, &err), STYR_ESTORE);
		assert_non_null(strstr(err.msg, "injected write failure"));
		db->ops = &real_ops;
		count_all(db, &c);
		assert_int_equal(c.units + c.goals + c.uppdrag + c.steps + c.rules, 0);
		drop_db(db, path);
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
		char path[512];
		struct styr_db *db = fresh_db(path, sizeof(path));
		struct styr_goal_text_result res;
		struct styr_err err;
		struct counts c;
		int rc;

		styr_err_init(&err);
		assert_int_equal(styr_import_csv(db, base, 2, NULL, &err), STYR_OK);
		writes_left = n ? n : 1 << 30;
		use_faulty(db);
		rc = styr_import_goal_text(db, seed, 2024, &res, &err);
		db->ops = &real_ops;
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
		drop_db(db, path);
		if (n && n + 40 > total)
			break;
	}
	assert_true(total > 400);
	unlink(om);
}

int main(void)
{
	char here[512];
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_every_failing_write_leaves_nothing),
	    cmocka_unit_test(test_goal_text_failing_write_leaves_nothing),
	};

	snprintf(here, sizeof(here), "%s", __FILE__);
	snprintf(src_dir, sizeof(src_dir), "%s/../..", dirname(here));
	pg_url = getenv("STYR_TEST_PG_URL");
	if (pg_url && !*pg_url)
		pg_url = NULL;
	real_ops = pg_url ? store_pg_ops : store_sqlite_ops;
	faulty_ops = real_ops;
	faulty_ops.org_put = faulty_org_put;
	faulty_ops.org_alias_put = faulty_org_alias_put;
	faulty_ops.goal_put = faulty_goal_put;
	faulty_ops.goal_owner_put = faulty_goal_owner_put;
	faulty_ops.uppdrag_put = faulty_uppdrag_put;
	faulty_ops.uppdrag_report_put = faulty_uppdrag_report_put;
	faulty_ops.escalation_add = faulty_escalation_add;
	faulty_ops.followup_rule_put = faulty_followup_rule_put;
	if (pg_url) {
		char sql[128];
		int failed;

		snprintf(pg_db, sizeof(pg_db), "styr_goal_import_%ld", (long)getpid());
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", pg_db);
		if (pg_admin("postgres", sql))
			return 1;
		failed = cmocka_run_group_tests_name("postgresql", tests, NULL, NULL);
		snprintf(sql, sizeof(sql), "DROP DATABASE %s", pg_db);
		pg_admin("postgres", sql);
		return failed;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
