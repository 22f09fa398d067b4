/*
 * The PostgreSQL backend (server mode), through libpq.  It keeps the
 * behaviour of store/sqlite.c operation for operation, message for
 * message, so that one test suite runs against both: the same upserts, the
 * same code → key lookups with a one-entry cache per kind, the same alias
 * fallback (ASCII case folded, as SQLite's NOCASE does), the same target
 * fallback to unit 0 (all units) and the same order in every walk.
 *
 * One connection per handle.  Every statement is prepared once per
 * connection, all in one round trip when it opens, and run with its
 * parameters as text; doubles are bound with "%.17g" into float8 columns
 * and read back with strtod, which round-trips every double exactly.  Walks fetch the whole
 * result before calling back, so a callback may use the store (the
 * exporter looks up targets while it walks values).
 *
 * The schema comes from migrations-pg/, the PostgreSQL dialect of
 * migrations/; styr_migration lists the numbers applied (as in sqlite.c)
 * and styr_schema(version) counts them.  The
 * database itself must exist (createdb); STYR_DB_CREATE creates the styr
 * schema in it, and without that flag a database that has none is
 * STYR_ENOTFOUND, as a missing file is for SQLite.
 *
 * Writes inside a transaction are pipelined (libpq's pipeline mode): sent
 * without waiting for their answers, which are read before the next read,
 * after PIPELINE_MAX writes and at commit.  A bulk import then costs a round
 * trip per lookup that misses the cache rather than one per row.  The price
 * is that a write that fails inside a transaction is reported by the call
 * that reads its answer; the transaction fails as a whole either way.
 *
 * Unlike SQLite, PostgreSQL refuses every statement after a failed one
 * until the transaction is rolled back.  styr rolls back after any failure,
 * and a code that does not exist is a lookup finding no row, not a failed
 * statement, so callers see no difference.
 */
#include <assert.h>
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"

enum stmt_id {
	S_ORG_ID,
	S_ORG_ALIAS_ID,
	S_ORG_PUT,
	S_ORG_ALIAS_PUT,
	S_ORG_GET,
	S_ORG_EACH,
	S_ORG_ALIAS_EACH,
	S_GOAL_ID,
	S_GOAL_PUT,
	S_GOAL_GET,
	S_GOAL_EACH,
	S_GOAL_OWNER_PUT,
	S_GOAL_OWNER_EACH,
	S_IND_ID,
	S_IND_PUT,
	S_IND_GET,
	S_IND_EACH,
	S_GOAL_IND_PUT,
	S_GOAL_IND_EACH,
	S_TARGET_PUT,
	S_TARGET_GET,
	S_TARGET_EACH,
	S_VALUE_PUT,
	S_VALUE_GET,
	S_VALUE_EACH,
	S_ANALYSIS_PUT,
	S_ANALYSIS_EACH,
	S_UPPDRAG_KEY,
	S_UPPDRAG_PUT,
	S_UPPDRAG_GET,
	S_UPPDRAG_EACH,
	S_OWNER_CHECK,
	S_UPPDRAG_REPORT_PUT,
	S_UPPDRAG_REPORT_EACH,
	S_ESCALATION_ADD,
	S_ESCALATION_LEVEL,
	S_ESCALATION_EACH,
	S_RULE_PUT,
	S_RULE_EACH,
	S_DONE_PUT,
	S_DONE_GET,
	S_CONTROL_PUT,
	S_CONTROL_EACH,
	S_WEIGHT_PUT,
	S_WEIGHT_EACH,
	S_DATA_VERSION, /* the driver's own (pg_data_version) */
	S_COUNT
};

/* The same statements as sqlite.c's, in PostgreSQL's dialect.  Casts are
 * written where a parameter's type cannot be inferred from its use. */
static const char *const stmt_sql[S_COUNT] = {
    [S_ORG_ID] = "SELECT id FROM org_unit WHERE code = $1",
    [S_ORG_ALIAS_ID] = "SELECT unit_id FROM org_alias WHERE alias_key = translate($1::text, "
                       "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')",
    [S_ORG_PUT] = "INSERT INTO org_unit(code, name, kind, parent_id, valid_from, valid_to) "
                  "VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT(code) DO UPDATE SET "
                  "name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id, "
                  "valid_from = excluded.valid_from, valid_to = excluded.valid_to",
    [S_ORG_ALIAS_PUT] = "INSERT INTO org_alias(alias, unit_id) VALUES($1, $2) "
                        "ON CONFLICT(alias_key) DO UPDATE SET unit_id = excluded.unit_id",
    [S_ORG_GET] = "SELECT u.code, u.name, u.kind, COALESCE(p.code, ''), "
                  "COALESCE(u.valid_from, ''), COALESCE(u.valid_to, '') FROM org_unit u "
                  "LEFT JOIN org_unit p ON p.id = u.parent_id WHERE u.id = $1",
    [S_ORG_EACH] = "SELECT u.code, u.name, u.kind, COALESCE(p.code, ''), "
                   "COALESCE(u.valid_from, ''), COALESCE(u.valid_to, '') FROM org_unit u "
                   "LEFT JOIN org_unit p ON p.id = u.parent_id ORDER BY u.id",
    [S_ORG_ALIAS_EACH] = "SELECT a.alias, u.code FROM org_alias a JOIN org_unit u ON u.id = "
                         "a.unit_id ORDER BY u.id, a.seq",
    [S_GOAL_ID] = "SELECT id FROM goal WHERE code = $1",
    [S_GOAL_PUT] = "INSERT INTO goal(code, parent_id, level, title, text, valid_from, valid_to) "
                   "VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(code) DO UPDATE SET "
                   "parent_id = excluded.parent_id, level = excluded.level, title = "
                   "excluded.title, text = excluded.text, valid_from = excluded.valid_from, "
                   "valid_to = excluded.valid_to",
    [S_GOAL_GET] = "SELECT g.code, COALESCE(p.code, ''), g.level, g.title, g.text, "
                   "COALESCE(g.valid_from, 0), COALESCE(g.valid_to, 0) FROM goal g LEFT JOIN "
                   "goal p ON p.id = g.parent_id WHERE g.id = $1",
    [S_GOAL_EACH] = "SELECT g.code, COALESCE(p.code, ''), g.level, g.title, g.text, "
                    "COALESCE(g.valid_from, 0), COALESCE(g.valid_to, 0) FROM goal g LEFT JOIN "
                    "goal p ON p.id = g.parent_id ORDER BY g.id",
    [S_GOAL_OWNER_PUT] = "INSERT INTO goal_owner(goal_id, unit_id, role) VALUES($1, $2, $3) "
                         "ON CONFLICT(goal_id, unit_id) DO UPDATE SET role = excluded.role",
    [S_GOAL_OWNER_EACH] = "SELECT g.code, u.code, o.role FROM goal_owner o JOIN goal g ON g.id "
                          "= o.goal_id JOIN org_unit u ON u.id = o.unit_id ORDER BY g.id, "
                          "o.seq",
    [S_IND_ID] = "SELECT id FROM indicator WHERE code = $1",
    [S_IND_PUT] = "INSERT INTO indicator(code, name, definition, unit, direction, frequency, "
                  "source, tolerance, category) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                  "ON CONFLICT(code) DO UPDATE SET name = excluded.name, definition = "
                  "excluded.definition, unit = excluded.unit, direction = excluded.direction, "
                  "frequency = excluded.frequency, source = excluded.source, tolerance = "
                  "excluded.tolerance, category = excluded.category",
    [S_IND_GET] = "SELECT code, name, definition, unit, direction, frequency, source, tolerance, "
                  "category "
                  "FROM indicator WHERE id = $1",
    [S_IND_EACH] = "SELECT code, name, definition, unit, direction, frequency, source, tolerance, "
                   "category "
                   "FROM indicator ORDER BY code",
    [S_GOAL_IND_PUT] = "INSERT INTO goal_indicator(goal_id, indicator_id) VALUES($1, $2) "
                       "ON CONFLICT DO NOTHING",
    [S_GOAL_IND_EACH] = "SELECT g.code, i.code FROM goal_indicator gi JOIN goal g ON g.id = "
                        "gi.goal_id JOIN indicator i ON i.id = gi.indicator_id ORDER BY i.code, "
                        "g.id",
    [S_TARGET_PUT] = "INSERT INTO target(indicator_id, unit_id, year, expr) VALUES($1, $2, $3, "
                     "$4) ON CONFLICT(indicator_id, unit_id, year) DO UPDATE SET expr = "
                     "excluded.expr",
    [S_TARGET_GET] = "SELECT expr, unit_id, year FROM target WHERE indicator_id = $1::bigint "
                     "AND year <= $3::integer AND unit_id IN ($2::bigint, 0) ORDER BY year "
                     "DESC, unit_id DESC LIMIT 1",
    [S_TARGET_EACH] = "SELECT i.code, COALESCE(u.code, ''), t.year, t.expr FROM target t JOIN "
                      "indicator i ON i.id = t.indicator_id LEFT JOIN org_unit u ON u.id = "
                      "t.unit_id ORDER BY i.code, t.unit_id, t.year",
    [S_VALUE_PUT] = "INSERT INTO value(indicator_id, unit_id, year, first_month, last_month, "
                    "kind, value, decimals, percent, numerator, denominator, missing_reason, "
                    "source) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
                    "ON CONFLICT(indicator_id, unit_id, year, first_month, last_month) DO UPDATE "
                    "SET kind = excluded.kind, value = excluded.value, decimals = "
                    "excluded.decimals, percent = excluded.percent, numerator = "
                    "excluded.numerator, denominator = excluded.denominator, missing_reason = "
                    "excluded.missing_reason, source = excluded.source",
    [S_VALUE_GET] = "SELECT i.code, u.code, v.year, v.first_month, v.last_month, v.kind, "
                    "v.value, v.decimals, v.percent, v.numerator, v.denominator, "
                    "v.missing_reason, v.source FROM value v JOIN indicator i ON i.id = "
                    "v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE v.indicator_id = "
                    "$1 AND v.unit_id = $2 AND v.year = $3 AND v.first_month = $4 AND "
                    "v.last_month = $5",
    [S_VALUE_EACH] = "SELECT i.code, u.code, v.year, v.first_month, v.last_month, v.kind, "
                     "v.value, v.decimals, v.percent, v.numerator, v.denominator, "
                     "v.missing_reason, v.source FROM value v JOIN indicator i ON i.id = "
                     "v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE ($1::text IS "
                     "NULL OR i.code = $1::text) AND ($2::bigint = 0 OR v.unit_id = $2::bigint) "
                     "AND ($3::integer = 0 OR v.year = $3::integer) ORDER BY i.code, u.code, "
                     "v.year, v.first_month, v.last_month",
    /* Reports: analysis texts.  seq stands for SQLite's rowid. */
    [S_ANALYSIS_PUT] = "INSERT INTO analysis(unit_id, year, first_month, last_month, subject, "
                       "title, vad_har_hant, varfor, vad_hander, state, author, source) "
                       "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON "
                       "CONFLICT(unit_id, year, first_month, last_month, subject, title) DO "
                       "UPDATE SET vad_har_hant = excluded.vad_har_hant, varfor = "
                       "excluded.varfor, vad_hander = excluded.vad_hander, state = "
                       "excluded.state, author = excluded.author, source = excluded.source",
    [S_ANALYSIS_EACH] = "SELECT u.code, a.year, a.first_month, a.last_month, a.subject, "
                        "a.title, a.vad_har_hant, a.varfor, a.vad_hander, a.state, a.author, "
                        "a.source FROM analysis a JOIN org_unit u ON u.id = a.unit_id WHERE "
                        "($1::bigint = 0 OR a.unit_id = $1::bigint) AND ($2::integer = 0 OR "
                        "a.year = $2::integer) AND ($3::text IS NULL OR a.subject = $3::text) "
                        "ORDER BY u.id, a.year, a.first_month, a.last_month, a.seq",
    /* Goals area (issue 7). */
    [S_UPPDRAG_KEY] = "SELECT 1 FROM uppdrag WHERE goal_id = $1",
    [S_UPPDRAG_PUT] = "INSERT INTO uppdrag(goal_id, deadline, report_dates) VALUES($1, $2, $3) "
                      "ON CONFLICT(goal_id) DO UPDATE SET deadline = excluded.deadline, "
                      "report_dates = excluded.report_dates",
    [S_UPPDRAG_GET] = "SELECT g.code, COALESCE(u.deadline, ''), u.report_dates, u.level FROM "
                      "uppdrag u JOIN goal g ON g.id = u.goal_id WHERE u.goal_id = $1",
    [S_UPPDRAG_EACH] = "SELECT g.code, COALESCE(u.deadline, ''), u.report_dates, u.level FROM "
                       "uppdrag u JOIN goal g ON g.id = u.goal_id ORDER BY g.id",
    [S_OWNER_CHECK] = "SELECT 1 FROM goal_owner WHERE goal_id = $1 AND unit_id = $2",
    [S_UPPDRAG_REPORT_PUT] = "INSERT INTO uppdrag_report(goal_id, unit_id, date, status, text, "
                             "source) VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT(goal_id, "
                             "unit_id, date) DO UPDATE SET status = excluded.status, text = "
                             "excluded.text, source = excluded.source",
    [S_UPPDRAG_REPORT_EACH] = "SELECT g.code, o.code, r.date, r.status, r.text, r.source FROM "
                              "uppdrag_report r JOIN goal g ON g.id = r.goal_id JOIN org_unit o "
                              "ON o.id = r.unit_id WHERE $1::text IS NULL OR g.code = $1::text "
                              "ORDER BY g.id, r.date, o.code",
    [S_ESCALATION_ADD] = "INSERT INTO uppdrag_escalation(goal_id, seq, date, from_level, "
                         "to_level, reason, decided_by) VALUES($1::bigint, (SELECT "
                         "COALESCE(MAX(seq), 0) + 1 FROM uppdrag_escalation WHERE goal_id = "
                         "$1::bigint), $2, $3, $4, $5, $6)",
    [S_ESCALATION_LEVEL] = "UPDATE uppdrag SET level = $2 WHERE goal_id = $1",
    [S_ESCALATION_EACH] = "SELECT g.code, e.seq, e.date, e.from_level, e.to_level, e.reason, "
                          "e.decided_by FROM uppdrag_escalation e JOIN goal g ON g.id = "
                          "e.goal_id WHERE $1::text IS NULL OR g.code = $1::text ORDER BY g.id, "
                          "e.seq",
    [S_RULE_PUT] = "INSERT INTO followup_rule(year, kind, months, deadline, decision, source) "
                   "VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT(year, kind) DO UPDATE SET "
                   "months = excluded.months, deadline = excluded.deadline, decision = "
                   "excluded.decision, source = excluded.source",
    [S_RULE_EACH] = "SELECT year, kind, months, deadline, decision, source FROM followup_rule "
                    "WHERE $1::integer = 0 OR year = $1::integer ORDER BY year, seq",
    [S_DONE_PUT] = "INSERT INTO followup_done(unit_id, kind, year, first_month, last_month, "
                   "date) VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT(unit_id, kind, year, "
                   "first_month, last_month) DO UPDATE SET date = excluded.date",
    [S_DONE_GET] = "SELECT date FROM followup_done WHERE unit_id = $1 AND kind = $2 AND year = "
                   "$3 AND first_month = $4 AND last_month = $5",
    [S_CONTROL_PUT] = "INSERT INTO internal_control(unit_id, year, risk, probability, "
                      "consequence, control, responsible, frequency, result, actions) "
                      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT(unit_id, "
                      "year, risk) DO UPDATE SET probability = excluded.probability, "
                      "consequence = excluded.consequence, control = excluded.control, "
                      "responsible = excluded.responsible, frequency = excluded.frequency, "
                      "result = excluded.result, actions = excluded.actions",
    [S_CONTROL_EACH] = "SELECT u.code, c.year, c.risk, c.probability, c.consequence, c.control, "
                       "c.responsible, c.frequency, c.result, c.actions FROM internal_control c "
                       "JOIN org_unit u ON u.id = c.unit_id WHERE ($1::bigint = 0 OR c.unit_id "
                       "= $1::bigint) AND ($2::integer = 0 OR c.year = $2::integer) ORDER BY "
                       "u.id, c.year, c.probability * c.consequence DESC, c.risk",
    [S_WEIGHT_PUT] = "INSERT INTO index_weight(name, indicator_id, weight) VALUES($1, $2, $3) "
                     "ON CONFLICT(name, indicator_id) DO UPDATE SET weight = excluded.weight",
    [S_WEIGHT_EACH] = "SELECT w.name, i.code, w.weight FROM index_weight w JOIN indicator i ON "
                      "i.id = w.indicator_id WHERE $1::text IS NULL OR w.name = $1::text ORDER "
                      "BY w.name, i.code",
    [S_DATA_VERSION] = "SELECT n FROM styr_data_version",
};

/* A code → key cache of one entry (see sqlite.c). */
struct id_cache {
	char code[STYR_CODE_MAX];
	long long id;
};

#define PIPELINE_MAX 256
_Static_assert(S_COUNT <= PIPELINE_MAX, "the statements are prepared in one pipeline");

struct store {
	PGconn *conn;
	char *where; /* the location for messages, any password masked */
	struct id_cache org, ind;
	bool in_tx;
	bool pipeline;                          /* in pipeline mode (see the top of the file) */
	int pending;                            /* commands sent whose answers are not read yet */
	const char *pending_what[PIPELINE_MAX]; /* what each was, for messages */
	char failed[256]; /* the first pipelined write that failed, for commit */
};

/* Parameters of one statement, as text; NULL is SQL NULL.  Numbers are
 * formatted into the slot's own buffer. */
#define MAX_PARAMS QUERY_MAX_PARAMS
struct params {
	const char *v[MAX_PARAMS];
	char buf[MAX_PARAMS][32];
	int n;
};

static void p_text(struct params *p, const char *text)
{
	assert(p->n < MAX_PARAMS); /* a statement with more: raise the limit */
	p->v[p->n++] = text;
}

/* Empty text is stored as NULL where the column means "not given". */
static void p_text_or_null(struct params *p, const char *text)
{
	assert(p->n < MAX_PARAMS);
	p->v[p->n++] = text && *text ? text : NULL;
}

static void p_null(struct params *p)
{
	assert(p->n < MAX_PARAMS);
	p->v[p->n++] = NULL;
}

static void p_int(struct params *p, long long x)
{
	assert(p->n < MAX_PARAMS);
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%lld", x);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

/* 17 significant digits identify every double. */
static void p_double(struct params *p, double x)
{
	assert(p->n < MAX_PARAMS);
	snprintf(p->buf[p->n], sizeof(p->buf[0]), "%.17g", x);
	p->v[p->n] = p->buf[p->n];
	p->n++;
}

/* libpq's messages end in a newline; styr's are one line without. */
static const char *pg_message(struct store *st, const PGresult *res, char *buf, size_t n)
{
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t r, w;

	if (!m || !*m)
		m = PQerrorMessage(st->conn);
	snprintf(buf, n, "%s", m && *m ? m : "failed");
	/* One line: connection errors come as several, with tabs. */
	for (r = w = 0; buf[r]; r++) {
		char c = buf[r] == '\n' || buf[r] == '\t' ? ' ' : buf[r];

		if (c != ' ' || (w && buf[w - 1] != ' '))
			buf[w++] = c;
	}
	while (w && buf[w - 1] == ' ')
		w--;
	buf[w] = '\0';
	return buf;
}

static int db_error(struct store *st, const PGresult *res, struct styr_err *err, const char *what)
{
	char msg[512];

	return styr_error(err, STYR_ESTORE, "%s: %s: %s", st->where, what,
	                  pg_message(st, res, msg, sizeof(msg)));
}

/* Run a statement without parameters (transaction control, migrations). */
static int exec(struct store *st, const char *sql, const char *what, struct styr_err *err)
{
	PGresult *res = PQexec(st->conn, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = STYR_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		rc = db_error(st, res, err, what);
	PQclear(res);
	return rc;
}

static const char *stmt_name(int id, char *buf, size_t n)
{
	snprintf(buf, n, "styr_%d", id);
	return buf;
}

/* Read the answer to one pipelined command: its result, then the NULL that
 * ends every command's results. */
static int read_answer(struct store *st, const char *what, struct styr_err *err)
{
	PGresult *res = PQgetResult(st->conn);
	ExecStatusType s = PQresultStatus(res);
	int rc = STYR_OK;

	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		rc = db_error(st, s == PGRES_PIPELINE_ABORTED ? NULL : res, err, what);
		/* A caller may have read the answer with a lookup whose failure
		 * it takes for "not found"; commit still says what failed. */
		if (!st->failed[0] && s != PGRES_PIPELINE_ABORTED) {
			char msg[200];

			snprintf(st->failed, sizeof(st->failed), "%s: %s", what,
			         pg_message(st, res, msg, sizeof(msg)));
		}
	}
	if (res) {
		PQclear(res);
		PQclear(PQgetResult(st->conn));
	}
	return rc;
}

/* Read the answers to the pending commands; the first failure is the
 * error.  The server must have been asked to send them (flush or sync). */
static int read_pending(struct store *st, struct styr_err *err)
{
	int i, rc = STYR_OK;

	for (i = 0; i < st->pending; i++) {
		int r = read_answer(st, st->pending_what[i], err);

		if (!rc)
			rc = r;
	}
	st->pending = 0;
	return rc;
}

/* Ask the server for the answers sent so far and read the pending ones. */
static int flush_pending(struct store *st, struct styr_err *err)
{
	int rc = STYR_OK;

	if (PQsendFlushRequest(st->conn) != 1 || PQflush(st->conn) != 0)
		rc = db_error(st, NULL, err, "sending");
	if (!rc)
		rc = read_pending(st, err);
	return rc;
}

static int enter_pipeline(struct store *st, struct styr_err *err)
{
	if (PQenterPipelineMode(st->conn) != 1)
		return db_error(st, NULL, err, "entering pipeline mode");
	st->pipeline = true;
	st->pending = 0;
	return STYR_OK;
}

/* Sync, read every answer and leave pipeline mode; err may be NULL. */
static int leave_pipeline(struct store *st, struct styr_err *err)
{
	PGresult *res;
	int rc = STYR_OK;

	if (!st->pipeline)
		return STYR_OK;
	if (PQpipelineSync(st->conn) != 1)
		rc = db_error(st, NULL, err, "sending");
	else {
		rc = read_pending(st, err);
		res = PQgetResult(st->conn);
		if (PQresultStatus(res) != PGRES_PIPELINE_SYNC && !rc)
			rc = db_error(st, res, err, "finishing a pipeline");
		PQclear(res);
	}
	if (PQexitPipelineMode(st->conn) != 1 && !rc)
		rc = db_error(st, NULL, err, "leaving pipeline mode");
	st->pipeline = false;
	st->pending = 0;
	return rc;
}

/* The catalogue's SQLite text in PostgreSQL's dialect (catalogue.def):
 * ?N becomes $N and the word rowid becomes seq.  NULL when out of memory;
 * the caller frees the text. */
static char *pg_dialect(const char *sql)
{
	size_t len = strlen(sql);
	char *out = malloc(len + 1), *w = out;
	const char *r;

	if (!out)
		return NULL;
	for (r = sql; *r; r++) {
		bool word_start = r == sql || !(isalnum((unsigned char)r[-1]) || r[-1] == '_');

		if (*r == '?' && isdigit((unsigned char)r[1])) {
			*w++ = '$';
		} else if (word_start && !strncmp(r, "rowid", 5) &&
		           !(isalnum((unsigned char)r[5]) || r[5] == '_')) {
			memcpy(w, "seq", 3);
			w += 3;
			r += 4;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return out;
}

/* Prepare every statement: one pipeline, so one round trip. */
static int prepare_all(struct store *st, struct styr_err *err)
{
	char name[24];
	int i, rc = enter_pipeline(st, err);

	for (i = 0; !rc && i < S_COUNT; i++) {
		const char *sql = stmt_sql[i];

		if (st->pending == PIPELINE_MAX)
			rc = flush_pending(st, err);
		if (rc)
			break;
		if (PQsendPrepare(st->conn, stmt_name(i, name, sizeof(name)), sql, 0, NULL) != 1)
			rc = db_error(st, NULL, err, "preparing a statement");
		else
			st->pending_what[st->pending++] = "preparing a statement";
	}
	/* then the catalogue's (driver.h), named q<id> */
	for (i = 0; !rc && i < Q_COUNT; i++) {
		char *sql = store_sql_pg[i] ? NULL : pg_dialect(store_sql[i]);

		if (!store_sql_pg[i] && !sql) {
			rc = styr_error(err, STYR_ENOMEM, "out of memory preparing statements");
			break;
		}
		if (st->pending == PIPELINE_MAX)
			rc = flush_pending(st, err);
		snprintf(name, sizeof(name), "q%d", i);
		if (!rc && PQsendPrepare(st->conn, name, sql ? sql : store_sql_pg[i], 0, NULL) != 1)
			rc = db_error(st, NULL, err, "preparing a statement");
		else if (!rc)
			st->pending_what[st->pending++] = "preparing a statement";
		free(sql);
	}
	if (st->pipeline) {
		int r = leave_pipeline(st, err);

		if (!rc)
			rc = r;
	}
	return rc;
}

/* Run prepared statement id with p; the result, which the caller clears,
 * or NULL after setting err.  In a pipeline the writes sent before are
 * answered first. */
static PGresult *run_named(struct store *st, int id, const char *prefix, const struct params *p,
                           const char *what, struct styr_err *err)
{
	char name[24];
	PGresult *res;
	ExecStatusType s;
	int rc = STYR_OK;

	if (*prefix)
		snprintf(name, sizeof(name), "%s%d", prefix, id);
	else
		stmt_name(id, name, sizeof(name));
	if (!st->pipeline) {
		res = PQexecPrepared(st->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL, 0);
	} else {
		if (PQsendQueryPrepared(st->conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL,
		                        0) != 1) {
			db_error(st, NULL, err, what);
			return NULL;
		}
		rc = flush_pending(st, err);
		res = PQgetResult(st->conn);
		if (res)
			PQclear(PQgetResult(st->conn));
	}
	s = PQresultStatus(res);
	if (rc || (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)) {
		if (!rc)
			db_error(st, s == PGRES_PIPELINE_ABORTED ? NULL : res, err, what);
		PQclear(res);
		return NULL;
	}
	return res;
}

static PGresult *run(struct store *st, enum stmt_id id, const struct params *p, const char *what,
                     struct styr_err *err)
{
	return run_named(st, (int)id, "", p, what, err);
}

/* Run a statement expected to return no rows; in a pipeline, only send
 * it. */
static int run_done(struct store *st, enum stmt_id id, const struct params *p, const char *what,
                    struct styr_err *err)
{
	PGresult *res;
	char name[24];

	if (st->pipeline) {
		if (PQsendQueryPrepared(st->conn, stmt_name(id, name, sizeof(name)), p->n, p->v,
		                        NULL, NULL, 0) != 1)
			return db_error(st, NULL, err, what);
		st->pending_what[st->pending++] = what;
		if (st->pending == PIPELINE_MAX)
			return flush_pending(st, err);
		return STYR_OK;
	}
	res = run(st, id, p, what, err);
	if (!res)
		return STYR_ESTORE;
	PQclear(res);
	return STYR_OK;
}

static void col_copy(const PGresult *res, int row, int col, char *dst, size_t n)
{
	snprintf(dst, n, "%s", PQgetvalue(res, row, col));
}

static bool col_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) != 0;
}

static long long col_int(const PGresult *res, int row, int col)
{
	return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static double col_double(const PGresult *res, int row, int col)
{
	return col_null(res, row, col) ? 0 : strtod(PQgetvalue(res, row, col), NULL);
}

/* Look up the integer key of a code; what names the kind for messages. */
static int lookup_id(struct store *st, enum stmt_id id_stmt, struct id_cache *cache,
                     const char *code, const char *what, long long *out, struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;

	if (cache && cache->id && !strcmp(cache->code, code)) {
		*out = cache->id;
		return STYR_OK;
	}
	p_text(&p, code);
	res = run(st, id_stmt, &p, "looking up a code", err);
	if (!res)
		return STYR_ESTORE;
	if (PQntuples(res) > 0) {
		*out = col_int(res, 0, 0);
		PQclear(res);
		if (cache) {
			snprintf(cache->code, sizeof(cache->code), "%s", code);
			cache->id = *out;
		}
		return STYR_OK;
	}
	PQclear(res);
	if (id_stmt == S_ORG_ID)
		return lookup_id(st, S_ORG_ALIAS_ID, NULL, code, what, out, err);
	return styr_error(err, STYR_ENOTFOUND, "%s \"%s\" does not exist", what, code);
}

static int org_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return lookup_id(st, S_ORG_ID, &st->org, code, "org unit", out, err);
}

static int ind_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return lookup_id(st, S_IND_ID, &st->ind, code, "indicator", out, err);
}

static int goal_id(struct store *st, const char *code, long long *out, struct styr_err *err)
{
	return lookup_id(st, S_GOAL_ID, NULL, code, "goal", out, err);
}

/* The first value of the first row of sql, or -1 when there is no row. */
static int query_int(struct store *st, const char *sql, const char *what, long long *out,
                     struct styr_err *err)
{
	PGresult *res = PQexec(st->conn, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error(st, res, err, what);
		PQclear(res);
		return STYR_ESTORE;
	}
	*out = PQntuples(res) > 0 && !col_null(res, 0, 0) ? col_int(res, 0, 0) : -1;
	PQclear(res);
	return STYR_OK;
}

/* The position of migration number n in store_pg_migrations, or -1. */
static int migration_index(long long n)
{
	size_t i;

	for (i = 0; i < store_pg_migration_count; i++)
		if (store_pg_migration_numbers[i] == n)
			return (int)i;
	return -1;
}

/* Mark in have[] the migrations the database has: the numbers listed in
 * styr_migration, which must exist.  A database from before that table
 * lists none; it has the first version ones, since until then migrations
 * were only ever appended to the list (*legacy says so). */
static int migrations_applied(struct store *st, long long version, unsigned char *have,
                              bool *legacy, struct styr_err *err)
{
	PGresult *res = PQexec(st->conn, "SELECT number FROM styr_migration");
	int i, n;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error(st, res, err, "reading the migrations applied");
		PQclear(res);
		return STYR_ESTORE;
	}
	memset(have, 0, store_pg_migration_count + 1);
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		long long number = col_int(res, i, 0);
		int k = migration_index(number);

		if (k < 0) {
			PQclear(res);
			return styr_error(err, STYR_ESTORE,
			                  "%s: the database has migration %04lld, which this styr "
			                  "does not know",
			                  st->where, number);
		}
		have[k] = 1;
	}
	PQclear(res);
	*legacy = n == 0 && version > 0;
	if (*legacy)
		memset(have, 1, (size_t)version);
	return STYR_OK;
}

/* One migration per transaction, each under an advisory lock so that two
 * processes opening a fresh database do not both create the schema: the
 * first that the database lacks, in number order, with its number in
 * styr_migration and the version (their count) one up. */
static int migrate_one(struct store *st, unsigned char *have, bool *done, struct styr_err *err)
{
	long long version;
	bool legacy = false;
	char sql[96];
	size_t i;
	int rc;

	*done = false;
	rc = exec(st, "BEGIN", "starting a migration", err);
	if (!rc)
		rc = exec(st, "SELECT pg_advisory_xact_lock(7429637)", "locking the schema", err);
	if (!rc)
		rc = exec(st, "CREATE TABLE IF NOT EXISTS styr_schema(version integer NOT NULL)",
		          "creating styr_schema", err);
	if (!rc)
		rc = exec(st,
		          "CREATE TABLE IF NOT EXISTS styr_migration(number integer PRIMARY KEY)",
		          "creating styr_migration", err);
	if (!rc)
		rc = query_int(st, "SELECT version FROM styr_schema", "reading the schema version",
		               &version, err);
	if (!rc && version < 0) {
		rc = exec(st, "INSERT INTO styr_schema(version) VALUES(0)",
		          "writing the schema version", err);
		version = 0;
	}
	if (!rc && version > (long long)store_pg_migration_count)
		rc = styr_error(err, STYR_ESTORE,
		                "%s: schema version %lld is newer than this styr knows (%zu)",
		                st->where, version, store_pg_migration_count);
	if (!rc)
		rc = migrations_applied(st, version, have, &legacy, err);
	/* A database from before styr_migration: list what it has. */
	for (i = 0; !rc && legacy && i < (size_t)version; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO styr_migration VALUES(%d)",
		         store_pg_migration_numbers[i]);
		rc = exec(st, sql, "recording the migrations applied", err);
	}
	for (i = 0; !rc && i < store_pg_migration_count && have[i]; i++)
		;
	if (!rc && i == store_pg_migration_count) {
		*done = true;
		return exec(st, "COMMIT", "finishing the migrations", err);
	}
	if (!rc) {
		rc = exec(st, store_pg_migrations[i], "migrating", err);
		snprintf(sql, sizeof(sql), "INSERT INTO styr_migration VALUES(%d)",
		         store_pg_migration_numbers[i]);
		if (!rc)
			rc = exec(st, sql, "recording the migration", err);
		snprintf(sql, sizeof(sql), "UPDATE styr_schema SET version = %lld", version + 1);
		if (!rc)
			rc = exec(st, sql, "writing the schema version", err);
		if (!rc)
			rc = exec(st, "COMMIT", "committing a migration", err);
		if (rc)
			styr_err_prefix(err, "migration %04d: ", store_pg_migration_numbers[i]);
	}
	if (rc)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	return rc;
}

static int migrate(struct store *st, int flags, struct styr_err *err)
{
	long long exists, version;
	unsigned char *have;
	bool done = false, legacy = false;
	size_t i;
	int rc;

	rc = query_int(st, "SELECT 1 WHERE to_regclass('styr_schema') IS NOT NULL",
	               "reading the schema version", &exists, err);
	if (rc)
		return rc;
	if (exists < 0 && !(flags & STYR_DB_CREATE))
		return styr_error(
		    err, STYR_ENOTFOUND,
		    "database %s has no styr schema (create it with: styr init --db %s)", st->where,
		    st->where);
	have = calloc(store_pg_migration_count + 1, 1);
	if (!have)
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", st->where);
	/* Usually the schema is up to date: read it without the lock. */
	if (exists > 0)
		rc =
		    query_int(st,
		              "SELECT version FROM styr_schema WHERE to_regclass('styr_migration') "
		              "IS NOT NULL",
		              "reading the schema version", &version, err);
	if (!rc && exists > 0 && version == (long long)store_pg_migration_count) {
		rc = migrations_applied(st, version, have, &legacy, err);
		for (i = 0; !rc && !legacy && i < store_pg_migration_count && have[i]; i++)
			;
		done = !rc && !legacy && i == store_pg_migration_count;
	}
	while (!rc && !done)
		rc = migrate_one(st, have, &done, err);
	free(have);
	return rc;
}

/* The location as messages show it: a password in a URL
 * (postgresql://user:secret@host/db, ...?password=secret) or in a conninfo
 * (password=secret) becomes "***". */
static char *masked(const char *location)
{
	/* Each of the two replacements grows the text by 3 at most. */
	size_t n = strlen(location), size = n + 7;
	char *out = malloc(size);
	const char *scheme = strstr(location, "://");
	const char *p;

	if (!out)
		return NULL;
	memcpy(out, location, n + 1);
	if (scheme) {
		const char *user = scheme + 3;
		const char *at = strchr(user, '@');
		const char *slash = strchr(user, '/');
		const char *colon = strchr(user, ':');

		if (at && (!slash || at < slash) && colon && colon < at)
			snprintf(out, size, "%.*s***%s", (int)(colon + 1 - location), location, at);
	}
	if ((p = strstr(out, "password=")) != NULL) {
		char *val = (char *)p + 9;
		size_t len = strcspn(val, " &");

		memmove(val + 3, val + len, strlen(val + len) + 1);
		memcpy(val, "***", 3);
	}
	return out;
}

/* Notices ("relation already exists, skipping") are not for the user. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void pg_close(struct store *st)
{
	if (!st)
		return;
	PQfinish(st->conn);
	free(st->where);
	free(st);
}

static int pg_open(const char *location, int flags, struct store **out, struct styr_err *err)
{
	struct store *st;
	int rc;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st || !(st->where = masked(location))) {
		free(st);
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	}
	st->conn = PQconnectdb(location);
	if (!st->conn) {
		pg_close(st);
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", location);
	}
	if (PQstatus(st->conn) != CONNECTION_OK) {
		rc = db_error(st, NULL, err, "cannot connect");
		pg_close(st);
		return rc;
	}
	PQsetNoticeProcessor(st->conn, quiet, NULL);
	if (PQsetClientEncoding(st->conn, "UTF8") != 0)
		rc = db_error(st, NULL, err, "setting the client encoding to UTF8");
	else
		rc = migrate(st, flags, err);
	if (!rc)
		rc = prepare_all(st, err);
	if (rc) {
		pg_close(st);
		return rc;
	}
	*out = st;
	return STYR_OK;
}

static void forget_keys(struct store *st)
{
	memset(&st->org, 0, sizeof(st->org));
	memset(&st->ind, 0, sizeof(st->ind));
}

static int pg_begin(struct store *st, struct styr_err *err)
{
	int rc;

	if (st->in_tx)
		return styr_error(err, STYR_ESTORE, "a transaction is already open");
	st->failed[0] = '\0';
	rc = exec(st, "BEGIN", "starting a transaction", err);
	if (!rc)
		rc = enter_pipeline(st, err);
	if (!rc)
		st->in_tx = true;
	else
		PQclear(PQexec(st->conn, "ROLLBACK"));
	return rc;
}

static int pg_commit(struct store *st, struct styr_err *err)
{
	int rc = leave_pipeline(st, err);

	/* COMMIT of a transaction that already failed quietly rolls back;
	 * say so rather than report success. */
	if (rc)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	else if (PQtransactionStatus(st->conn) == PQTRANS_INERROR) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		rc = styr_error(err, STYR_ESTORE,
		                "%s: the transaction failed earlier and was rolled back%s%s",
		                st->where, st->failed[0] ? ": " : "", st->failed);
	} else {
		rc = exec(st, "COMMIT", "committing", err);
		if (rc)
			PQclear(PQexec(st->conn, "ROLLBACK"));
	}
	if (rc)
		forget_keys(st);
	st->in_tx = false;
	return rc;
}

static void pg_rollback(struct store *st)
{
	leave_pipeline(st, NULL);
	if (st->in_tx)
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->in_tx = false;
	/* Keys cached inside the transaction may be gone now. */
	forget_keys(st);
}

/* The loop every _each function runs: fill row from each result row and
 * hand it to cb until cb says stop.  A macro, as in sqlite.c, so that row
 * and cb keep their own types. */
#define WALK(st, id, p, row, from_row, cb, ctx, err)                                               \
	do {                                                                                       \
		PGresult *res_ = run(st, id, p, "reading rows", err);                              \
		int i_, n_, stop_ = 0;                                                             \
		if (!res_)                                                                         \
			return STYR_ESTORE;                                                        \
		n_ = PQntuples(res_);                                                              \
		for (i_ = 0; i_ < n_ && !stop_; i_++) {                                            \
			from_row(res_, i_, row);                                                   \
			stop_ = cb(ctx, row);                                                      \
		}                                                                                  \
		PQclear(res_);                                                                     \
		return stop_;                                                                      \
	} while (0)

/* Run a statement bound to a key that must give one row into *out, which
 * the caller clears. */
static int run_one(struct store *st, enum stmt_id id, long long key, PGresult **out,
                   struct styr_err *err)
{
	struct params p = {0};

	p_int(&p, key);
	*out = run(st, id, &p, "reading a row", err);
	if (!*out)
		return STYR_ESTORE;
	if (PQntuples(*out) < 1) {
		PQclear(*out);
		*out = NULL;
		return styr_error(err, STYR_ENOTFOUND, "row vanished");
	}
	return STYR_OK;
}

/* Reports: analysis texts (migration 0005). */
static int pg_analysis_put(struct store *st, const struct styr_analysis *a, struct styr_err *err)
{
	struct params p = {0};
	long long uid;
	int rc = org_id(st, a->unit, &uid, err);

	if (rc)
		return rc;
	p_int(&p, uid);
	p_int(&p, a->period.year);
	p_int(&p, a->period.first_month);
	p_int(&p, a->period.last_month);
	p_text(&p, a->subject);
	p_text(&p, a->title);
	p_text(&p, a->what);
	p_text(&p, a->why);
	p_text(&p, a->next);
	p_text(&p, styr_analysis_state_name(a->state));
	p_text(&p, a->author);
	p_text(&p, a->source);
	return run_done(st, S_ANALYSIS_PUT, &p, "storing an analysis", err);
}

static void analysis_from_row(const PGresult *res, int r, struct styr_analysis *a)
{
	memset(a, 0, sizeof(*a));
	col_copy(res, r, 0, a->unit, sizeof(a->unit));
	a->period.year = (int)col_int(res, r, 1);
	a->period.first_month = (int)col_int(res, r, 2);
	a->period.last_month = (int)col_int(res, r, 3);
	col_copy(res, r, 4, a->subject, sizeof(a->subject));
	col_copy(res, r, 5, a->title, sizeof(a->title));
	col_copy(res, r, 6, a->what, sizeof(a->what));
	col_copy(res, r, 7, a->why, sizeof(a->why));
	col_copy(res, r, 8, a->next, sizeof(a->next));
	styr_analysis_state_parse(PQgetvalue(res, r, 9), &a->state, NULL);
	col_copy(res, r, 10, a->author, sizeof(a->author));
	col_copy(res, r, 11, a->source, sizeof(a->source));
}

static int analysis_walk(struct store *st, const struct params *p, struct styr_analysis *a,
                         int (*cb)(void *, const struct styr_analysis *), void *ctx,
                         struct styr_err *err)
{
	WALK(st, S_ANALYSIS_EACH, p, a, analysis_from_row, cb, ctx, err);
}

static int pg_analysis_each(struct store *st, const struct styr_analysis_filter *f,
                            int (*cb)(void *, const struct styr_analysis *), void *ctx,
                            struct styr_err *err)
{
	struct params p = {0};
	struct styr_analysis *a;
	long long uid = 0;
	int rc;

	if (f && f->unit && (rc = org_id(st, f->unit, &uid, err)))
		return rc;
	p_int(&p, uid);
	p_int(&p, f ? f->year : 0);
	if (f && f->subject)
		p_text(&p, f->subject);
	else
		p_null(&p);
	a = malloc(sizeof(*a));
	if (!a)
		return styr_error(err, STYR_ENOMEM, "out of memory reading analyses");
	rc = analysis_walk(st, &p, a, cb, ctx, err);
	free(a);
	return rc;
}

/* Goals area (issue 7): uppdrag, återrapportering, escalation and the
 * follow-up plan, as in sqlite.c. */

/* A goal's key, which must be an uppdrag's. */
static int uppdrag_key(struct store *st, const char *goal, long long *out, struct styr_err *err)
{
	struct params p = {0};
	PGresult *res;
	int rc = goal_id(st, goal, out, err);

	if (rc)
		return rc;
	p_int(&p, *out);
	res = run(st, S_UPPDRAG_KEY, &p, "looking up an uppdrag", err);
	if (!res)
		return STYR_ESTORE;
	rc = PQntuples(res) > 0;
	PQclear(res);
	if (rc)
		return STYR_OK;
	return styr_error(err, STYR_ENOTFOUND, "goal \"%s\" is not an uppdrag", goal);
}

static void join_dates(const struct styr_uppdrag *u, char *out, size_t size)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < u->nreport_dates && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? "|" : "",
		                        u->report_dates[i]);
}

static int pg_uppdrag_put(struct store *st, const struct styr_uppdrag *u, struct styr_err *err)
{
	char dates[STYR_UPPDRAG_DATES_MAX * STYR_DATE_MAX];
	struct params p = {0};
	long long gid;
	int rc = goal_id(st, u->goal, &gid, err);

	if (rc)
		return rc;
	join_dates(u, dates, sizeof(dates));
	p_int(&p, gid);
	p_text_or_null(&p, u->deadline);
	p_text(&p, dates);
	return run_done(st, S_UPPDRAG_PUT, &p, "storing an uppdrag", err);
}

static void uppdrag_from_row(const PGresult *res, int r, struct styr_uppdrag *u)
{
	const char *d;

	memset(u, 0, sizeof(*u));
	col_copy(res, r, 0, u->goal, sizeof(u->goal));
	col_copy(res, r, 1, u->deadline, sizeof(u->deadline));
	d = PQgetvalue(res, r, 2);
	while (d && *d && u->nreport_dates < STYR_UPPDRAG_DATES_MAX) {
		size_t n = strcspn(d, "|");

		snprintf(u->report_dates[u->nreport_dates++], STYR_DATE_MAX, "%.*s", (int)n, d);
		d += n + (d[n] == '|');
	}
	u->level = (enum styr_escalation)col_int(res, r, 3);
}

static int pg_uppdrag_find(struct store *st, const char *goal, struct styr_uppdrag *out,
                           struct styr_err *err)
{
	PGresult *res;
	long long gid;
	int rc = uppdrag_key(st, goal, &gid, err);

	if (rc)
		return rc;
	rc = run_one(st, S_UPPDRAG_GET, gid, &res, err);
	if (rc)
		return rc;
	uppdrag_from_row(res, 0, out);
	PQclear(res);
	return STYR_OK;
}

static int pg_uppdrag_each(struct store *st, int (*cb)(void *, const struct styr_uppdrag *),
                           void *ctx, struct styr_err *err)
{
	struct styr_uppdrag u;

	WALK(st, S_UPPDRAG_EACH, NULL, &u, uppdrag_from_row, cb, ctx, err);
}

static int pg_uppdrag_report_put(struct store *st, const struct styr_uppdrag_report *r,
                                 struct styr_err *err)
{
	struct params p = {0};
	long long gid, uid;
	PGresult *res;
	int rc = uppdrag_key(st, r->goal, &gid, err);

	if (!rc)
		rc = org_id(st, r->unit, &uid, err);
	if (rc)
		return rc;
	p_int(&p, gid);
	p_int(&p, uid);
	res = run(st, S_OWNER_CHECK, &p, "looking up an owner", err);
	if (!res)
		return STYR_ESTORE;
	rc = PQntuples(res) > 0;
	PQclear(res);
	if (!rc)
		return styr_error(err, STYR_EINPUT,
		                  "unit \"%s\" is not responsible for uppdrag %s: expected one of "
		                  "its owners",
		                  r->unit, r->goal);
	p_text(&p, r->date);
	p_text(&p, styr_uppdrag_status_name(r->status));
	p_text(&p, r->text);
	p_text(&p, r->source);
	return run_done(st, S_UPPDRAG_REPORT_PUT, &p, "storing an uppdrag report", err);
}

static void report_from_row(const PGresult *res, int row, struct styr_uppdrag_report *r)
{
	memset(r, 0, sizeof(*r));
	col_copy(res, row, 0, r->goal, sizeof(r->goal));
	col_copy(res, row, 1, r->unit, sizeof(r->unit));
	col_copy(res, row, 2, r->date, sizeof(r->date));
	styr_uppdrag_status_parse(PQgetvalue(res, row, 3), &r->status, NULL);
	col_copy(res, row, 4, r->text, sizeof(r->text));
	col_copy(res, row, 5, r->source, sizeof(r->source));
}

static int report_walk(struct store *st, const struct params *p, struct styr_uppdrag_report *r,
                       int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx,
                       struct styr_err *err)
{
	WALK(st, S_UPPDRAG_REPORT_EACH, p, r, report_from_row, cb, ctx, err);
}

static int pg_uppdrag_report_each(struct store *st, const char *goal,
                                  int (*cb)(void *, const struct styr_uppdrag_report *), void *ctx,
                                  struct styr_err *err)
{
	struct params p = {0};
	struct styr_uppdrag_report *r;
	int rc;

	p_text(&p, goal);
	r = malloc(sizeof(*r));
	if (!r)
		return styr_error(err, STYR_ENOMEM, "out of memory reading reports");
	rc = report_walk(st, &p, r, cb, ctx, err);
	free(r);
	return rc;
}

static int pg_escalation_add(struct store *st, const struct styr_escalation_step *e,
                             struct styr_err *err)
{
	struct params p = {0}, level = {0};
	long long gid;
	int rc = uppdrag_key(st, e->goal, &gid, err);

	if (rc)
		return rc;
	p_int(&p, gid);
	p_text(&p, e->date);
	p_int(&p, (int)e->from);
	p_int(&p, (int)e->to);
	p_text(&p, e->reason);
	p_text(&p, e->decided_by);
	rc = run_done(st, S_ESCALATION_ADD, &p, "storing an escalation step", err);
	if (rc)
		return rc;
	p_int(&level, gid);
	p_int(&level, (int)e->to);
	return run_done(st, S_ESCALATION_LEVEL, &level, "moving an uppdrag's escalation", err);
}

static void step_from_row(const PGresult *res, int r, struct styr_escalation_step *e)
{
	memset(e, 0, sizeof(*e));
	col_copy(res, r, 0, e->goal, sizeof(e->goal));
	e->seq = (int)col_int(res, r, 1);
	col_copy(res, r, 2, e->date, sizeof(e->date));
	e->from = (enum styr_escalation)col_int(res, r, 3);
	e->to = (enum styr_escalation)col_int(res, r, 4);
	col_copy(res, r, 5, e->reason, sizeof(e->reason));
	col_copy(res, r, 6, e->decided_by, sizeof(e->decided_by));
}

static int pg_escalation_each(struct store *st, const char *goal,
                              int (*cb)(void *, const struct styr_escalation_step *), void *ctx,
                              struct styr_err *err)
{
	struct params p = {0};
	struct styr_escalation_step e;

	p_text(&p, goal);
	WALK(st, S_ESCALATION_EACH, &p, &e, step_from_row, cb, ctx, err);
}

static int pg_followup_rule_put(struct store *st, const struct styr_followup_rule *r,
                                struct styr_err *err)
{
	struct params p = {0};

	p_int(&p, r->year);
	p_text(&p, styr_report_kind_name(r->kind));
	p_int(&p, (int)r->months);
	p_text(&p, r->deadline);
	p_int(&p, r->decision);
	p_text(&p, r->source);
	return run_done(st, S_RULE_PUT, &p, "storing a follow-up rule", err);
}

static void rule_from_row(const PGresult *res, int row, struct styr_followup_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->year = (int)col_int(res, row, 0);
	styr_report_kind_parse(PQgetvalue(res, row, 1), &r->kind, NULL);
	r->months = (unsigned)col_int(res, row, 2);
	col_copy(res, row, 3, r->deadline, sizeof(r->deadline));
	r->decision = col_int(res, row, 4) != 0;
	col_copy(res, row, 5, r->source, sizeof(r->source));
}

static int pg_followup_rule_each(struct store *st, int year,
                                 int (*cb)(void *, const struct styr_followup_rule *), void *ctx,
                                 struct styr_err *err)
{
	struct params p = {0};
	struct styr_followup_rule r;

	p_int(&p, year);
	WALK(st, S_RULE_EACH, &p, &r, rule_from_row, cb, ctx, err);
}

static int pg_followup_done_put(struct store *st, const struct styr_followup_done *d,
                                struct styr_err *err)
{
	struct params p = {0};
	long long uid;
	int rc = org_id(st, d->unit, &uid, err);

	if (rc)
		return rc;
	p_int(&p, uid);
	p_text(&p, styr_report_kind_name(d->kind));
	p_int(&p, d->period.year);
	p_int(&p, d->period.first_month);
	p_int(&p, d->period.last_month);
	p_text(&p, d->date);
	return run_done(st, S_DONE_PUT, &p, "storing a handed-in report", err);
}

static int pg_followup_done_find(struct store *st, const char *unit, enum styr_report_kind kind,
                                 const struct styr_period *pd, struct styr_followup_done *out,
                                 struct styr_err *err)
{
	struct params p = {0};
	long long uid;
	PGresult *res;
	int rc = org_id(st, unit, &uid, err);

	if (rc)
		return rc;
	p_int(&p, uid);
	p_text(&p, styr_report_kind_name(kind));
	p_int(&p, pd->year);
	p_int(&p, pd->first_month);
	p_int(&p, pd->last_month);
	res = run(st, S_DONE_GET, &p, "reading a handed-in report", err);
	if (!res)
		return STYR_ESTORE;
	if (PQntuples(res) < 1) {
		PQclear(res);
		return styr_error(err, STYR_ENOTFOUND, "%s has not handed in that report", unit);
	}
	memset(out, 0, sizeof(*out));
	snprintf(out->unit, sizeof(out->unit), "%s", unit);
	out->kind = kind;
	out->period = *pd;
	col_copy(res, 0, 0, out->date, sizeof(out->date));
	PQclear(res);
	return STYR_OK;
}

static int pg_internal_control_put(struct store *st, const struct styr_internal_control *c,
                                   struct styr_err *err)
{
	struct params p = {0};
	long long uid;
	int rc = org_id(st, c->unit, &uid, err);

	if (rc)
		return rc;
	p_int(&p, uid);
	p_int(&p, c->year);
	p_text(&p, c->risk);
	p_int(&p, c->probability);
	p_int(&p, c->consequence);
	p_text(&p, c->control);
	p_text(&p, c->responsible);
	p_text(&p, c->frequency);
	p_text(&p, c->result);
	p_text(&p, c->actions);
	return run_done(st, S_CONTROL_PUT, &p, "storing an internal control", err);
}

static void control_from_row(const PGresult *res, int r, struct styr_internal_control *c)
{
	memset(c, 0, sizeof(*c));
	col_copy(res, r, 0, c->unit, sizeof(c->unit));
	c->year = (int)col_int(res, r, 1);
	col_copy(res, r, 2, c->risk, sizeof(c->risk));
	c->probability = (int)col_int(res, r, 3);
	c->consequence = (int)col_int(res, r, 4);
	col_copy(res, r, 5, c->control, sizeof(c->control));
	col_copy(res, r, 6, c->responsible, sizeof(c->responsible));
	col_copy(res, r, 7, c->frequency, sizeof(c->frequency));
	col_copy(res, r, 8, c->result, sizeof(c->result));
	col_copy(res, r, 9, c->actions, sizeof(c->actions));
}

static int control_walk(struct store *st, const struct params *p, struct styr_internal_control *c,
                        int (*cb)(void *, const struct styr_internal_control *), void *ctx,
                        struct styr_err *err)
{
	WALK(st, S_CONTROL_EACH, p, c, control_from_row, cb, ctx, err);
}

static int pg_internal_control_each(struct store *st, const char *unit, int year,
                                    int (*cb)(void *, const struct styr_internal_control *),
                                    void *ctx, struct styr_err *err)
{
	struct styr_internal_control *c;
	struct params p = {0};
	long long uid = 0;
	int rc;

	if (unit && (rc = org_id(st, unit, &uid, err)))
		return rc;
	p_int(&p, uid);
	p_int(&p, year);
	c = malloc(sizeof(*c));
	if (!c)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	rc = control_walk(st, &p, c, cb, ctx, err);
	free(c);
	return rc;
}

static int pg_index_weight_put(struct store *st, const struct styr_index_weight *w,
                               struct styr_err *err)
{
	struct params p = {0};
	long long iid;
	int rc = ind_id(st, w->indicator, &iid, err);

	if (rc)
		return rc;
	p_text(&p, w->index);
	p_int(&p, iid);
	p_double(&p, w->weight);
	return run_done(st, S_WEIGHT_PUT, &p, "storing an index weight", err);
}

static void weight_from_row(const PGresult *res, int r, struct styr_index_weight *w)
{
	memset(w, 0, sizeof(*w));
	col_copy(res, r, 0, w->index, sizeof(w->index));
	col_copy(res, r, 1, w->indicator, sizeof(w->indicator));
	w->weight = col_double(res, r, 2);
}

static int pg_index_weight_each(struct store *st, const char *index,
                                int (*cb)(void *, const struct styr_index_weight *), void *ctx,
                                struct styr_err *err)
{
	struct params p = {0};
	struct styr_index_weight w;

	p_text(&p, index);
	WALK(st, S_WEIGHT_EACH, &p, &w, weight_from_row, cb, ctx, err);
}

/* The count of writing transactions that migrations-pg/0004_web.sql keeps
 * (see there why a counter row and not the WAL position): read inside the
 * web's read transaction it belongs to the same snapshot as the page. */
static int pg_data_version(struct store *st, long long *out, struct styr_err *err)
{
	PGresult *res = run(st, S_DATA_VERSION, NULL, "data version", err);

	if (!res)
		return STYR_ESTORE;
	if (PQntuples(res) < 1) {
		PQclear(res);
		return styr_error(err, STYR_ENOTFOUND,
		                  "data version \"styr_data_version\" does not exist");
	}
	*out = col_int(res, 0, 0);
	PQclear(res);
	return STYR_OK;
}

/* A read-only REPEATABLE READ transaction: one snapshot for everything a
 * request reads, as SQLite's read transaction gives. */
static int pg_read_begin(struct store *st, struct styr_err *err)
{
	int rc;

	if (st->in_tx)
		return styr_error(err, STYR_ESTORE, "a transaction is already open");
	rc = exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "beginning a read", err);
	if (!rc)
		st->in_tx = true;
	return rc;
}

static void pg_read_end(struct store *st)
{
	if (!st->in_tx)
		return;
	if (exec(st, "COMMIT", "ending a read", NULL))
		PQclear(PQexec(st->conn, "ROLLBACK"));
	st->in_tx = false;
}

/* The driver (store/driver.h).  Parameters go as text; a walk's whole
 * result is fetched by its first q_step. */
static int pg_q_start(struct store *st, struct query *q, struct styr_err *err)
{
	(void)st;
	(void)q;
	(void)err;
	return STYR_OK;
}

static void pg_q_text(struct query *q, const char *text)
{
	assert(q->n < QUERY_MAX_PARAMS); /* a statement with more: raise the limit */
	q->v[q->n++] = text;
}

static void pg_q_int(struct query *q, long long x)
{
	assert(q->n < QUERY_MAX_PARAMS);
	snprintf(q->buf[q->n], sizeof(q->buf[0]), "%lld", x);
	q->v[q->n] = q->buf[q->n];
	q->n++;
}

/* 17 significant digits identify every double. */
static void pg_q_double(struct query *q, double x)
{
	assert(q->n < QUERY_MAX_PARAMS);
	snprintf(q->buf[q->n], sizeof(q->buf[0]), "%.17g", x);
	q->v[q->n] = q->buf[q->n];
	q->n++;
}

static void pg_q_null(struct query *q)
{
	assert(q->n < QUERY_MAX_PARAMS);
	q->v[q->n++] = NULL;
}

/* Bytes go as bytea's hex text, "\\x" and two digits a byte, in a buffer
 * the query owns until it has been sent (one blob a statement). */
static void pg_q_blob(struct query *q, const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const unsigned char *b = data;
	size_t i;

	assert(q->n < QUERY_MAX_PARAMS);
	assert(!q->blob);
	q->blob = len < ((size_t)-1 - 3) / 2 ? malloc(2 * len + 3) : NULL;
	if (!q->blob) {
		q->nomem = true;
		q->v[q->n++] = NULL;
		return;
	}
	q->blob[0] = '\\';
	q->blob[1] = 'x';
	for (i = 0; i < len; i++) {
		q->blob[2 + 2 * i] = digits[b[i] >> 4];
		q->blob[3 + 2 * i] = digits[b[i] & 15];
	}
	q->blob[2 + 2 * len] = '\0';
	q->v[q->n++] = q->blob;
}

/* Free what the query owns: the bound blob once sent, the blob read. */
static void q_free_blobs(struct query *q)
{
	free(q->blob);
	q->blob = NULL;
	PQfreemem(q->col_blob);
	q->col_blob = NULL;
}

/* Run q now: its result, or NULL after setting err (see run).  The
 * parameters are sent, so the blob bound goes. */
static PGresult *q_run(struct query *q, struct styr_err *err)
{
	struct params p;
	PGresult *res;

	if (q->nomem) {
		q_free_blobs(q);
		styr_error(err, STYR_ENOMEM, "out of memory %s", q->what);
		return NULL;
	}
	p.n = q->n;
	memcpy(p.v, q->v, sizeof(q->v[0]) * (size_t)q->n);
	res = run_named(q->db->st, q->id, "q", &p, q->what, err);
	q_free_blobs(q);
	return res;
}

/* In a transaction a write is only sent (libpq copies its parameters) and
 * answered later; asking for changes waits for the answer. */
static int pg_q_exec(struct query *q, long long *changes, struct styr_err *err)
{
	struct store *st = q->db->st;
	PGresult *res;
	char name[24];

	if (st->pipeline && !changes && !q->nomem) {
		int sent;

		snprintf(name, sizeof(name), "q%d", q->id);
		sent = PQsendQueryPrepared(st->conn, name, q->n, q->v, NULL, NULL, 0);
		q_free_blobs(q);
		if (sent != 1)
			return db_error(st, NULL, err, q->what);
		st->pending_what[st->pending++] = q->what;
		if (st->pending == PIPELINE_MAX)
			return flush_pending(st, err);
		return STYR_OK;
	}
	res = q_run(q, err);
	if (!res)
		return q->nomem ? STYR_ENOMEM : STYR_ESTORE;
	if (changes)
		*changes = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return STYR_OK;
}

static int pg_q_step(struct query *q, struct styr_err *err)
{
	PQfreemem(q->col_blob);
	q->col_blob = NULL;
	if (!q->res) {
		if (q->rows < 0)
			return 0;
		q->res = q_run(q, err);
		if (!q->res) {
			q->rows = -1;
			return q->nomem ? -STYR_ENOMEM : -STYR_ESTORE;
		}
		q->rows = PQntuples(q->res);
		q->row = -1;
	}
	if (++q->row < q->rows)
		return 1;
	PQclear(q->res);
	q->res = NULL;
	q->rows = -1;
	return 0;
}

static void pg_q_end(struct query *q)
{
	q_free_blobs(q);
	PQclear(q->res);
	q->res = NULL;
	q->rows = -1;
}

static const char *pg_q_col_text(struct query *q, int col)
{
	return PQgetvalue(q->res, q->row, col);
}

static long long pg_q_col_int(struct query *q, int col)
{
	return strtoll(PQgetvalue(q->res, q->row, col), NULL, 10);
}

static double pg_q_col_double(struct query *q, int col)
{
	return PQgetisnull(q->res, q->row, col) ? 0 : strtod(PQgetvalue(q->res, q->row, col), NULL);
}

static bool pg_q_col_null(struct query *q, int col)
{
	return PQgetisnull(q->res, q->row, col) != 0;
}

/* A bytea column comes as text ("\\x" and hex): decoded into a buffer the
 * query owns until the next step. */
static const void *pg_q_col_blob(struct query *q, int col, size_t *len)
{
	PQfreemem(q->col_blob);
	q->col_blob = PQunescapeBytea((const unsigned char *)PQgetvalue(q->res, q->row, col), len);
	if (!q->col_blob)
		*len = 0;
	return q->col_blob;
}

const struct store_ops store_pg_ops = {
    .version = STORE_OPS_VERSION,
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .q_start = pg_q_start,
    .q_text = pg_q_text,
    .q_int = pg_q_int,
    .q_double = pg_q_double,
    .q_null = pg_q_null,
    .q_blob = pg_q_blob,
    .q_exec = pg_q_exec,
    .q_step = pg_q_step,
    .q_end = pg_q_end,
    .q_col_text = pg_q_col_text,
    .q_col_int = pg_q_col_int,
    .q_col_double = pg_q_col_double,
    .q_col_null = pg_q_col_null,
    .q_col_blob = pg_q_col_blob,
    .analysis_put = pg_analysis_put,
    .analysis_each = pg_analysis_each,
    .uppdrag_put = pg_uppdrag_put,
    .uppdrag_find = pg_uppdrag_find,
    .uppdrag_each = pg_uppdrag_each,
    .uppdrag_report_put = pg_uppdrag_report_put,
    .uppdrag_report_each = pg_uppdrag_report_each,
    .escalation_add = pg_escalation_add,
    .escalation_each = pg_escalation_each,
    .followup_rule_put = pg_followup_rule_put,
    .followup_rule_each = pg_followup_rule_each,
    .followup_done_put = pg_followup_done_put,
    .followup_done_find = pg_followup_done_find,
    .internal_control_put = pg_internal_control_put,
    .internal_control_each = pg_internal_control_each,
    .index_weight_put = pg_index_weight_put,
    .index_weight_each = pg_index_weight_each,
    /* the web server's (driver primitives) */
    .db_data_version = pg_data_version,
    .db_read_begin = pg_read_begin,
    .db_read_end = pg_read_end,
};
