/*
 * Storing what the report-text parser read.  The parser (report_text.c)
 * only turns the text extract into rows; this file decides what a row
 * means in the database: the indicator (created from the row when the
 * Indikatorbibliotek does not have it yet; an existing one keeps its
 * curated name), the "Mål" as the report year's target for the unit, and one
 * value per year column with "file:line" as its source.
 *
 * A row that cannot be stored as printed (a target styr cannot read, an
 * indicator printed twice with different figures) is not guessed at: it is
 * listed as skipped with its line and reason, and the rest is imported.
 * Everything is one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/ledger_text.h"
#include "import/report_text.h"
#include "styr/import.h"

#define REPORT_TEXT_MAX ((size_t)64 << 20)

static int skip(struct styr_report_text_result *out, int line, const char *reason,
                struct styr_err *err)
{
	struct styr_skipped_row *v = realloc(out->skipped, (out->nskipped + 1) * sizeof(*v));

	if (!v)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	out->skipped = v;
	v[out->nskipped].line = line;
	snprintf(v[out->nskipped].reason, sizeof(v[out->nskipped].reason), "%s", reason);
	out->nskipped++;
	return STYR_OK;
}

/* Earlier row of the same indicator in this file, or NULL. */
static const struct rt_row *earlier(const struct rt_result *res, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (!strcmp(res->rows[j].code, res->rows[i].code))
			return &res->rows[j];
	return NULL;
}

static bool same_figures(const struct rt_row *a, const struct rt_row *b)
{
	int i;

	if (a->ncols != b->ncols || strcmp(a->target, b->target))
		return false;
	for (i = 0; i < a->ncols; i++)
		if (a->year[i] != b->year[i] || strcmp(a->cell[i].text, b->cell[i].text))
			return false;
	return true;
}

static int store_row(struct styr_db *db, const char *path, const struct rt_row *row,
                     const char *unit, int year, struct styr_report_text_result *out,
                     struct styr_err *err)
{
	struct styr_indicator ind;
	struct styr_indicator_target t;
	struct styr_err local;
	int i, rc;

	styr_err_init(&local);
	rc = styr_indicator_find(db, row->code, &ind, &local);
	if (rc == STYR_ENOTFOUND) {
		memset(&ind, 0, sizeof(ind));
		ind.tolerance = -1;
		snprintf(ind.code, sizeof(ind.code), "%s", row->code);
		snprintf(ind.name, sizeof(ind.name), "%s", row->name);
		for (i = 0; i < row->ncols; i++)
			if (row->cell[i].num.kind == STYR_NUM_VALUE && row->cell[i].num.percent)
				snprintf(ind.unit, sizeof(ind.unit), "%%");
		snprintf(ind.source, sizeof(ind.source), "%s:%d", path, row->line);
		rc = styr_indicator_put(db, &ind, err);
		if (rc)
			return rc;
		out->indicators++;
	} else if (rc) {
		return styr_error(err, local.code, "%s", local.msg);
	}

	memset(&t, 0, sizeof(t));
	snprintf(t.indicator, sizeof(t.indicator), "%s", row->code);
	snprintf(t.unit, sizeof(t.unit), "%s", unit);
	t.year = year;
	snprintf(t.text, sizeof(t.text), "%s", row->target[0] ? row->target : "-");
	rc = styr_target_put(db, &t, err);
	if (rc)
		return rc;
	out->targets++;

	for (i = 0; i < row->ncols; i++) {
		const struct rt_cell *c = &row->cell[i];
		struct styr_value v;

		memset(&v, 0, sizeof(v));
		snprintf(v.indicator, sizeof(v.indicator), "%s", row->code);
		snprintf(v.unit, sizeof(v.unit), "%s", unit);
		v.period.year = row->year[i];
		v.period.first_month = 1;
		v.period.last_month = 12;
		v.num = c->num;
		v.has_numerator = c->has_numerator;
		v.numerator = c->numerator;
		snprintf(v.missing_reason, sizeof(v.missing_reason), "%s", c->missing_reason);
		snprintf(v.source, sizeof(v.source), "%s:%d", path, row->line);
		rc = styr_value_put(db, &v, err);
		if (rc)
			return rc;
		out->values++;
	}
	return STYR_OK;
}

int styr_import_report_text(struct styr_db *db, const char *path, const char *unit, int year,
                            struct styr_report_text_result *out, struct styr_err *err)
{
	struct styr_org_unit u;
	struct rt_result res;
	char *text = NULL, base[STYR_SOURCE_TEXT];
	size_t len, i;
	int rc;

	snprintf(base, sizeof(base), "%s", styr_db_source_text(db));
	memset(out, 0, sizeof(*out));
	memset(&res, 0, sizeof(res));
	rc = styr_org_find(db, unit, &u, err);
	if (rc) {
		styr_err_prefix(err, "--unit: ");
		return rc;
	}
	rc = styr_file_read_text(path, REPORT_TEXT_MAX, &text, &len, err);
	if (!rc)
		rc = rt_parse(text, len, path, &res, err);
	if (rc)
		goto done;
	for (i = 0; i < res.nproblems && !rc; i++)
		rc = skip(out, res.problems[i].line, res.problems[i].reason, err);
	if (!rc)
		rc = styr_db_begin(db, err);
	if (rc)
		goto done;
	for (i = 0; i < res.nrows && !rc; i++) {
		const struct rt_row *row = &res.rows[i];
		const struct rt_row *first = earlier(&res, i);
		struct styr_target parsed;
		struct styr_err local;
		char reason[256], here[STYR_SOURCE_TEXT];

		if (first) {
			snprintf(reason, sizeof(reason), "%s printed again%s line %d", row->code,
			         same_figures(first, row) ? " with the same figures as on"
			                                  : " with other figures than on",
			         first->line);
			rc = skip(out, row->line, reason, err);
			continue;
		}
		styr_err_init(&local);
		if (styr_target_parse(row->target[0] ? row->target : "-", &parsed, &local)) {
			snprintf(reason, sizeof(reason), "%s: %.200s", row->code, local.msg);
			rc = skip(out, row->line, reason, err);
			continue;
		}
		snprintf(here, sizeof(here), "%.400s:%d", path, row->line);
		styr_db_source(db, here); /* the gate's audit entries say where */
		rc = store_row(db, path, row, u.code, year, out, err);
		if (rc)
			styr_err_prefix(err, "%s:%d: %s: ", path, row->line, row->code);
	}
	/* economy: the resultaträkning tables of the same text */
	if (!rc)
		rc = ledger_text_import(db, text, len, path, u.code, out, err);
	styr_db_source(db, base);
	if (rc) {
		styr_db_rollback(db);
		goto done;
	}
	rc = styr_db_commit(db, err);
done:
	free(text);
	rt_result_release(&res);
	if (rc) {
		free(out->skipped);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

void styr_report_text_result_release(struct styr_report_text_result *r)
{
	free(r->skipped);
	memset(r, 0, sizeof(*r));
}
