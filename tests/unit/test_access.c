/* Tests of src/access: role inheritance down the org tree, the report
 * workflow's moves, period locks on value writes, the audit chain, and
 * logins under the throttle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "styr/styr.h"
#include "testdb.h"

static void put_unit(struct styr_db *db, const char *code, const char *parent)
{
	struct styr_org_unit u;
	struct styr_err err;

	memset(&u, 0, sizeof(u));
	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "Enhet %s", code);
	snprintf(u.parent, sizeof(u.parent), "%s", parent);
	u.kind = parent[0] ? STYR_ORG_ENHET : STYR_ORG_REGION;
	styr_err_init(&err);
	assert_int_equal(styr_org_put(db, &u, &err), STYR_OK);
}

static int setup(void **state)
{
	struct testdb *f;
	struct styr_indicator ind;
	struct styr_err err;

	testdb_setup(state);
	f = *state;
	styr_err_init(&err);
	put_unit(f->db, "RS", "");
	put_unit(f->db, "LKR", "RS");
	put_unit(f->db, "LKR-IM", "LKR");
	put_unit(f->db, "SUS", "RS");
	memset(&ind, 0, sizeof(ind));
	snprintf(ind.code, sizeof(ind.code), "ID0069");
	snprintf(ind.name, sizeof(ind.name), "Väntande inom 90 dagar");
	ind.tolerance = -1;
	assert_int_equal(styr_indicator_put(f->db, &ind, &err), STYR_OK);
	assert_int_equal(styr_user_add(f->db, "test", "anna", "hemligt-1", STYR_ACCESS_UNIT_MANAGER,
	                               "LKR", &err),
	                 STYR_OK);
	*state = f;
	return 0;
}

static void test_roles_inherit(void **state)
{
	static const struct {
		const char *unit;
		enum styr_access_role want;
	} rows[] = {
	    {"LKR", STYR_ACCESS_UNIT_MANAGER},
	    {"LKR-IM", STYR_ACCESS_UNIT_MANAGER}, /* below the grant */
	    {"SUS", STYR_ACCESS_NONE},            /* beside it */
	    {"RS", STYR_ACCESS_NONE},             /* above it */
	    {NULL, STYR_ACCESS_UNIT_MANAGER},     /* anywhere */
	};
	struct testdb *f = *state;
	struct styr_err err;
	enum styr_access_role role, anywhere;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		styr_err_init(&err);
		assert_int_equal(
		    styr_access_role_for(f->db, "anna", rows[i].unit, &role, &anywhere, &err),
		    STYR_OK);
		assert_int_equal(role, rows[i].want);
		assert_int_equal(anywhere, STYR_ACCESS_UNIT_MANAGER);
	}
}

static void test_workflow_moves(void **state)
{
	static const struct {
		enum styr_report_action action;
		const char *comment;
		int rc;
		enum styr_report_state_kind after;
	} rows[] = {
	    {STYR_REPORT_APPROVE, NULL, STYR_ECONFLICT, STYR_REPORT_DRAFT},
	    {STYR_REPORT_SUBMIT, NULL, STYR_OK, STYR_REPORT_SUBMITTED},
	    {STYR_REPORT_RETURN, "", STYR_EINPUT, STYR_REPORT_SUBMITTED},
	    {STYR_REPORT_RETURN, "saknar analys", STYR_OK, STYR_REPORT_RETURNED},
	    {STYR_REPORT_SUBMIT, NULL, STYR_OK, STYR_REPORT_SUBMITTED},
	    {STYR_REPORT_APPROVE, NULL, STYR_OK, STYR_REPORT_APPROVED},
	    {STYR_REPORT_SUBMIT, NULL, STYR_ECONFLICT, STYR_REPORT_APPROVED},
	    {STYR_REPORT_UNLOCK, NULL, STYR_OK, STYR_REPORT_DRAFT},
	};
	struct testdb *f = *state;
	struct styr_period p = {2025, 1, 12};
	struct styr_report_state st;
	struct styr_err err;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		styr_err_init(&err);
		assert_int_equal(styr_report_move(f->db, "karl", "LKR", &p, rows[i].action,
		                                  rows[i].comment, NULL, &err),
		                 rows[i].rc);
		styr_err_init(&err);
		assert_int_equal(styr_report_state_get(f->db, "LKR", &p, &st, &err), STYR_OK);
		assert_int_equal(st.state, rows[i].after);
	}
}

/* A diarienummer as registrars write them, and what none writes. */
static void test_diarienummer_check(void **state)
{
	static const struct {
		const char *text;
		int rc;
	} rows[] = {
	    {"RS 2024/123", STYR_OK},
	    {"Dnr 2024-00045", STYR_OK},
	    {"LKR 2025/7:3", STYR_OK},
	    {"HSN 2017/0412", STYR_OK},
	    {"1200-2024-000123", STYR_OK},
	    {"Ärende_2024.12", STYR_OK},
	    {"RS 2024/123456789012345678901234567890123456789", STYR_OK}, /* 47 bytes */
	    {"", STYR_EINPUT},
	    {"Dnr", STYR_EINPUT},
	    {" RS 2024/1", STYR_EINPUT},
	    {"RS 2024/1 ", STYR_EINPUT},
	    {"RS  2024/1", STYR_EINPUT},
	    {"RS 2024/1#", STYR_EINPUT},
	    {"RS\t2024/1", STYR_EINPUT},
	    {"RS 2024/1;DROP", STYR_EINPUT},
	    {"RS 2024/1234567890123456789012345678901234567890", STYR_EINPUT}, /* 48 bytes */
	};
	struct styr_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		styr_err_init(&err);
		assert_int_equal(styr_diarienummer_check(rows[i].text, &err), rows[i].rc);
		if (rows[i].rc)
			assert_non_null(strstr(err.msg, "diarienummer \""));
	}
}

/* A decision date is a real date, not before the period approved. */
static void test_decision_date_check(void **state)
{
	static const struct {
		const char *date;
		struct styr_period p;
		int rc;
		const char *msg;
	} rows[] = {
	    {"2025-02-14", {2024, 1, 12}, STYR_OK, ""},
	    {"2024-01-01", {2024, 1, 12}, STYR_OK, ""},
	    {"2024-05-01", {2024, 5, 8}, STYR_OK, ""},
	    {"2024-04-30",
	     {2024, 5, 8},
	     STYR_EINPUT,
	     "beslutsdatum \"2024-04-30\": expected a date on or after 2024-05-01, the start of "
	     "the period approved"},
	    {"2023-12-31", {2024, 1, 12}, STYR_EINPUT, "beslutsdatum \"2023-12-31\""},
	    {"2025-02-30",
	     {2024, 1, 12},
	     STYR_EINPUT,
	     "beslutsdatum \"2025-02-30\": expected a date such as 2025-02-14"},
	    {"2025-2-14", {2024, 1, 12}, STYR_EINPUT, "beslutsdatum \"2025-2-14\""},
	    {"14/2/2025", {2024, 1, 12}, STYR_EINPUT, "beslutsdatum \"14/2/2025\""},
	};
	struct styr_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		styr_err_init(&err);
		assert_int_equal(styr_decision_date_check(rows[i].date, &rows[i].p, &err),
		                 rows[i].rc);
		assert_non_null(strstr(err.msg, rows[i].msg));
	}
}

/* Approval records its decision; a bad one, or one given to another
 * move, is refused and changes nothing; an unlock keeps it. */
static void test_approval_decision(void **state)
{
	struct testdb *f = *state;
	struct styr_period p = {2024, 1, 12};
	struct styr_decision good = {"RS 2025/123", "2025-02-14"},
	                     bad = {"RS 2025/123", "2025-02-30"};
	struct styr_report_state st;
	struct styr_err err;

	styr_err_init(&err);
	assert_int_equal(
	    styr_report_move(f->db, "karl", "LKR", &p, STYR_REPORT_SUBMIT, NULL, &good, &err),
	    STYR_EINPUT);
	assert_string_equal(err.msg, "diarienummer: expected only with approve, which records the "
	                             "decision");
	styr_err_init(&err);
	assert_int_equal(styr_report_state_get(f->db, "LKR", &p, &st, &err), STYR_OK);
	assert_int_equal(st.state, STYR_REPORT_DRAFT);
	assert_int_equal(
	    styr_report_move(f->db, "karl", "LKR", &p, STYR_REPORT_SUBMIT, NULL, NULL, &err),
	    STYR_OK);
	assert_int_equal(
	    styr_report_move(f->db, "karl", "LKR", &p, STYR_REPORT_APPROVE, NULL, &bad, &err),
	    STYR_EINPUT);
	styr_err_init(&err);
	assert_int_equal(styr_report_state_get(f->db, "LKR", &p, &st, &err), STYR_OK);
	assert_int_equal(st.state, STYR_REPORT_SUBMITTED);
	assert_int_equal(
	    styr_report_move(f->db, "karl", "LKR", &p, STYR_REPORT_APPROVE, NULL, &good, &err),
	    STYR_OK);
	assert_int_equal(styr_report_state_get(f->db, "LKR", &p, &st, &err), STYR_OK);
	assert_string_equal(st.diarienummer, "RS 2025/123");
	assert_string_equal(st.decided, "2025-02-14");
	assert_int_equal(
	    styr_report_move(f->db, "ada", "LKR", &p, STYR_REPORT_UNLOCK, NULL, NULL, &err),
	    STYR_OK);
	assert_int_equal(styr_report_state_get(f->db, "LKR", &p, &st, &err), STYR_OK);
	assert_int_equal(st.state, STYR_REPORT_DRAFT);
	assert_string_equal(st.diarienummer, "RS 2025/123");
}

static void test_lock_refuses_writes_below(void **state)
{
	struct testdb *f = *state;
	struct styr_period p = {2025, 1, 12};
	struct styr_value v;
	struct styr_err err;

	memset(&v, 0, sizeof(v));
	snprintf(v.indicator, sizeof(v.indicator), "ID0069");
	snprintf(v.unit, sizeof(v.unit), "LKR-IM");
	v.period = p;
	v.num.value = 84.1;
	styr_err_init(&err);
	assert_int_equal(styr_value_write(f->db, "anna", &v, &err), STYR_OK);
	assert_int_equal(
	    styr_report_move(f->db, "karl", "LKR", &p, STYR_REPORT_SUBMIT, NULL, NULL, &err),
	    STYR_OK);
	assert_int_equal(
	    styr_report_move(f->db, "karl", "LKR", &p, STYR_REPORT_APPROVE, NULL, NULL, &err),
	    STYR_OK);
	v.num.value = 90;
	assert_int_equal(styr_value_write(f->db, "anna", &v, &err), STYR_ELOCKED);
	assert_non_null(strstr(err.msg, "period 2025 is locked"));
	styr_err_init(&err);
	assert_int_equal(styr_value_find(f->db, "ID0069", "LKR-IM", &p, &v, &err), STYR_OK);
	assert_true(v.num.value == 84.1);
	/* Another year is open. */
	v.period.year = 2026;
	assert_int_equal(styr_value_write(f->db, "anna", &v, &err), STYR_OK);
}

static void test_audit_chain(void **state)
{
	struct testdb *f = *state;
	struct styr_err err;
	int64_t broken, count;

	styr_err_init(&err);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	assert_int_equal(styr_audit_append(f->db, "anna", "value.put", "value ID0069 LKR 2025", "",
	                                   "84,1", &err),
	                 STYR_OK);
	assert_int_equal(styr_db_commit(f->db, &err), STYR_OK);
	assert_int_equal(styr_audit_verify(f->db, &broken, &count, &err), STYR_OK);
	assert_int_equal(broken, 0);
	assert_int_equal(count, 2); /* user.add from the fixture and this one */
}

/* History and the scoped log (issue 14 item 3). */
static int collect_cb(void *ctx, const struct styr_audit_entry *a)
{
	char *buf = ctx;

	snprintf(buf + strlen(buf), 1024 - strlen(buf), "%s|", a->entity);
	return 0;
}

static void append(struct testdb *f, const char *action, const char *entity)
{
	struct styr_err err;

	styr_err_init(&err);
	assert_int_equal(styr_db_begin(f->db, &err), STYR_OK);
	assert_int_equal(styr_audit_append(f->db, "anna", action, entity, "", "x", &err), STYR_OK);
	assert_int_equal(styr_db_commit(f->db, &err), STYR_OK);
}

static void test_history_and_scope(void **state)
{
	static const struct {
		const char *action, *entity, *unit;
	} units[] = {
	    {"value.put", "value ID0069 LKR 2025", "LKR"},
	    {"value.delete", "value ID0069 LKR-IM 2025", "LKR-IM"},
	    {"analysis.put", "analysis SUS 2025 ekonomi", "SUS"},
	    {"action.put", "action LKR LKR-HP2026", "LKR"},
	    {"report.approve", "report LKR 2025", "LKR"},
	    {"target.put", "target ID0069 SUS 2025", "SUS"},
	    {"user.add", "value ID0069 LKR 2025", ""}, /* a user so named: no unit */
	    {"login.failed", "anna", ""},
	    {"refused", "GET /enhet/LKR", ""},
	    {"value.put", "value", ""},
	    {"planet.put", "planet LKR", ""}, /* a kind not known: no unit */
	};
	static const struct {
		const char *kind, *keys[3];
		int n;
		const char *expected;
	} histories[] = {
	    {"value", {"ID0069", "LKR", "2025"}, 3, "value ID0069 LKR 2025|"},
	    {"value", {"ID0069", "LKR"}, 2, "value ID0069 LKR 2025|value ID0069 LKR 2025-03|"},
	    {"value", {"ID0069", "LKR-IM", "2025"}, 3, "value ID0069 LKR-IM 2025|"},
	    {"analysis", {"SUS"}, 1, "analysis SUS 2025 ekonomi|"},
	    {"value", {"ID0070", "LKR", "2025"}, 3, ""},
	};
	static const struct {
		const char *user;
		enum styr_access_role min;
		const char *unit, *action, *expected;
	} scopes[] = {
	    /* newest first */
	    {"kim", STYR_ACCESS_CONTROLLER, NULL, NULL,
	     "value ID0069 LKR 2025-03|report LKR 2025|action LKR LKR-HP2026|"
	     "value ID0069 LKR-IM 2025|value ID0069 LKR 2025|"},
	    {"kim", STYR_ACCESS_CONTROLLER, "LKR-IM", NULL, "value ID0069 LKR-IM 2025|"},
	    {"kim", STYR_ACCESS_CONTROLLER, "SUS", NULL, ""},
	    {"kim", STYR_ACCESS_CONTROLLER, NULL, "report", "report LKR 2025|"},
	    {"anna", STYR_ACCESS_CONTROLLER, NULL, NULL, ""}, /* a unit manager */
	    {"ada", STYR_ACCESS_CONTROLLER, "SUS", NULL,
	     "target ID0069 SUS 2025|analysis SUS 2025 ekonomi|"},
	};
	struct testdb *f = *state;
	struct styr_audit_entry a;
	struct styr_err err;
	char buf[1024], unit[32];
	int64_t broken, count;
	size_t i;

	styr_err_init(&err);
	assert_int_equal(
	    styr_user_add(f->db, "test", "kim", "hemligt-1", STYR_ACCESS_CONTROLLER, "LKR", &err),
	    STYR_OK);
	assert_int_equal(
	    styr_user_add(f->db, "test", "ada", "hemligt-1", STYR_ACCESS_ADMIN, NULL, &err),
	    STYR_OK);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		memset(&a, 0, sizeof(a));
		snprintf(a.action, sizeof(a.action), "%s", units[i].action);
		snprintf(a.entity, sizeof(a.entity), "%s", units[i].entity);
		assert_int_equal(styr_audit_unit(&a, unit, sizeof(unit)), units[i].unit[0] != 0);
		assert_string_equal(unit, units[i].unit);
	}
	append(f, "value.put", "value ID0069 LKR 2025");
	append(f, "value.delete", "value ID0069 LKR-IM 2025");
	append(f, "analysis.put", "analysis SUS 2025 ekonomi");
	append(f, "action.put", "action LKR LKR-HP2026");
	append(f, "report.approve", "report LKR 2025");
	append(f, "target.put", "target ID0069 SUS 2025");
	append(f, "value.put", "value ID0069 LKR 2025-03");
	for (i = 0; i < sizeof(histories) / sizeof(histories[0]); i++) {
		buf[0] = '\0';
		assert_int_equal(styr_history_each(f->db, histories[i].kind, histories[i].keys,
		                                   histories[i].n, collect_cb, buf, &err),
		                 STYR_OK);
		assert_string_equal(buf, histories[i].expected);
	}
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		struct styr_audit_scope sc = {scopes[i].user, scopes[i].min, scopes[i].unit,
		                              scopes[i].action};

		buf[0] = '\0';
		assert_int_equal(styr_audit_scoped_each(f->db, &sc, 0, collect_cb, buf, &err),
		                 STYR_OK);
		assert_string_equal(buf, scopes[i].expected);
	}
	/* a limit stops the walk; an admin sees entries about no unit */
	{
		struct styr_audit_scope sc = {"ada", STYR_ACCESS_CONTROLLER, NULL, "user"};

		buf[0] = '\0';
		assert_int_equal(styr_audit_scoped_each(f->db, &sc, 1, collect_cb, buf, &err),
		                 STYR_OK);
		assert_string_equal(buf, "ada|");
	}
	/* bad keys, named */
	{
		const char *bad[] = {"ID0069", "LKR", "tjugo"};
		const char *nounit[] = {"ID0069", "NOPE"};

		assert_int_equal(styr_history_each(f->db, "value", bad, 3, collect_cb, buf, &err),
		                 STYR_EINPUT);
		assert_non_null(strstr(err.msg, "value period: "));
		styr_err_init(&err);
		assert_int_not_equal(
		    styr_history_each(f->db, "value", nounit, 2, collect_cb, buf, &err), STYR_OK);
		assert_non_null(strstr(err.msg, "NOPE"));
		styr_err_init(&err);
		assert_int_equal(styr_history_each(f->db, "planet", bad, 1, collect_cb, buf, &err),
		                 STYR_EINPUT);
		assert_non_null(strstr(err.msg, "kind \"planet\""));
	}
	styr_err_init(&err);
	assert_int_equal(styr_audit_verify(f->db, &broken, &count, &err), STYR_OK);
	assert_int_equal(broken, 0);
}

/* One attempt: name, password and address at time now under limits
 * (NULL: the defaults); returns styr_login's code, *why the refusal. */
static int try_login(struct testdb *f, const char *name, const char *pw, const char *address,
                     int64_t now, const struct styr_login_limits *lim,
                     enum styr_throttle_reason *why, char *token)
{
	struct styr_login_attempt a = {name, pw, address, now, lim};
	struct styr_session s;
	struct styr_err err;
	int64_t retry;

	styr_err_init(&err);
	return styr_login(f->db, &a, 60, &s, token, why, &retry, &err);
}

static void test_login(void **state)
{
	struct testdb *f = *state;
	struct styr_session back;
	struct styr_err err;
	char token[STYR_TOKEN_MAX];
	enum styr_throttle_reason why;
	int i, locks;

	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.1", 1000, NULL, &why, token),
	                 STYR_OK);
	styr_err_init(&err);
	assert_int_equal(styr_session_check(f->db, token, 1059, &back, &err), STYR_OK);
	assert_string_equal(back.user, "anna");
	assert_int_equal(styr_session_check(f->db, token, 1060, &back, &err), STYR_EPERM);
	/* Five failures from one address lock the name out there ... */
	for (i = 0; i < STYR_LOGIN_MAX_FAILURES; i++) {
		assert_int_equal(try_login(f, "anna", "fel", "10.0.0.66", 2000, NULL, &why, token),
		                 STYR_EPERM);
		assert_int_equal(why, STYR_THROTTLE_NONE);
	}
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.66", 2001, NULL, &why, token),
	                 STYR_EPERM);
	assert_int_equal(why, STYR_THROTTLE_NAME);
	styr_err_init(&err);
	assert_int_equal(styr_login_locks(f->db, "anna", 2001, &locks, &err), STYR_OK);
	assert_int_equal(locks, 1);
	/* ... not from anna's own address ... */
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.1", 2001, NULL, &why, token),
	                 STYR_OK);
	/* ... and only for the window. */
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.66",
	                           2000 + STYR_LOGIN_LOCK_SECONDS, NULL, &why, token),
	                 STYR_OK);
	/* A name that does not exist is locked out the same way. */
	for (i = 0; i < STYR_LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_login(f, "ingen", "fel", "10.0.0.66", 3000, NULL, &why, token),
		                 STYR_EPERM);
	assert_int_equal(try_login(f, "ingen", "fel", "10.0.0.66", 3001, NULL, &why, token),
	                 STYR_EPERM);
	assert_int_equal(why, STYR_THROTTLE_NAME);
}

static void test_login_address_and_global_limits(void **state)
{
	struct testdb *f = *state;
	struct styr_login_limits lim = {3, 100, 4};
	char token[STYR_TOKEN_MAX], name[16];
	enum styr_throttle_reason why;
	int i;

	/* Three failures (each a name of its own) fill the address ... */
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "x%d", i);
		assert_int_equal(try_login(f, name, "fel", "10.0.0.7", 5000, &lim, &why, token),
		                 STYR_EPERM);
		assert_int_equal(why, STYR_THROTTLE_NONE);
	}
	/* ... which refuses even the right password until the window ends,
	 * while a success elsewhere does not count against its address. */
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.7", 5001, &lim, &why, token),
	                 STYR_EPERM);
	assert_int_equal(why, STYR_THROTTLE_ADDRESS);
	for (i = 0; i < 3; i++)
		assert_int_equal(
		    try_login(f, "anna", "hemligt-1", "10.0.0.8", 5100 + i, &lim, &why, token),
		    STYR_OK);
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.7", 5100, &lim, &why, token),
	                 STYR_OK);
	/* Four checks a second from anywhere, then a refusal. */
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "10.1.0.%d", i);
		assert_int_equal(try_login(f, "anna", "fel", name, 6000, &lim, &why, token),
		                 STYR_EPERM);
		assert_int_equal(why, STYR_THROTTLE_NONE);
	}
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.1.0.9", 6000, &lim, &why, token),
	                 STYR_EPERM);
	assert_int_equal(why, STYR_THROTTLE_GLOBAL);
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.1.0.9", 6001, &lim, &why, token),
	                 STYR_OK);
}

static void test_expired_sessions_purged(void **state)
{
	struct testdb *f = *state;
	struct styr_session back;
	struct styr_err err;
	char first[STYR_TOKEN_MAX], second[STYR_TOKEN_MAX];
	enum styr_throttle_reason why;

	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.1", 1000, NULL, &why, first),
	                 STYR_OK);
	assert_int_equal(try_login(f, "anna", "hemligt-1", "10.0.0.1", 2000, NULL, &why, second),
	                 STYR_OK);
	/* Asked as of a time when it would still be valid: it is gone. */
	styr_err_init(&err);
	assert_int_equal(styr_session_check(f->db, first, 1001, &back, &err), STYR_EPERM);
	assert_string_equal(err.msg, "not logged in");
	styr_err_init(&err);
	assert_int_equal(styr_session_check(f->db, second, 2001, &back, &err), STYR_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_roles_inherit, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_workflow_moves, setup, testdb_teardown),
	    cmocka_unit_test(test_diarienummer_check),
	    cmocka_unit_test(test_decision_date_check),
	    cmocka_unit_test_setup_teardown(test_approval_decision, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_lock_refuses_writes_below, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_audit_chain, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_history_and_scope, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_login, setup, testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_login_address_and_global_limits, setup,
	                                    testdb_teardown),
	    cmocka_unit_test_setup_teardown(test_expired_sessions_purged, setup, testdb_teardown),
	};
	const char *pg_url = testdb_pg_env();

	/* As pg/unit/test_access: the same cases on the PostgreSQL cluster
	 * (the throttle's counters are shared through the database). */
	if (pg_url) {
		int failed;

		if (testdb_pg_begin(pg_url, "styr_access"))
			return 1;
		failed = cmocka_run_group_tests_name("postgresql", tests, NULL, NULL);
		testdb_pg_end();
		return failed;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
