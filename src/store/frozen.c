/*
 * Approved reports (issue 17 item 3, migration 0011): the rendered report
 * of a unit and period in every format, its bytes stored as they are
 * (a BLOB in SQLite, a BYTEA in PostgreSQL), and the figures it was made
 * from, for `styr report diff`.
 */
#include <string.h>

#include "store/driver.h"
#include "styr/buf.h"

/* Forget a unit's approved report and figures for a period. */
int styr_frozen_clear(struct styr_db *db, const char *unit, const char *period,
                      struct styr_err *err)
{
	static const enum sql_id ids[] = {Q_FROZEN_CLEAR_REPORT, Q_FROZEN_CLEAR_LINE};
	struct query q;
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]) && !rc; i++) {
		if (q_start(&q, db, ids[i], "clearing an approved report", err))
			return STYR_ESTORE;
		q_text(&q, unit);
		q_text(&q, period);
		rc = q_exec(&q, NULL, err);
	}
	return rc;
}

int styr_frozen_report_put(struct styr_db *db, const struct styr_frozen_report *f,
                           const void *content, size_t len, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_FROZEN_PUT, "storing an approved report", err))
		return STYR_ESTORE;
	q_text(&q, f->unit);
	q_text(&q, f->period);
	q_text(&q, f->type);
	q_text(&q, f->format);
	q_blob(&q, content, len);
	q_text(&q, f->hash);
	q_text(&q, f->approver);
	q_text(&q, f->approved);
	return q_exec(&q, NULL, err);
}

/* The report's row into *out and, unless content is NULL, its bytes
 * added to content. */
int styr_frozen_report_find(struct styr_db *db, const char *unit, const char *period,
                            const char *type, const char *format, struct styr_frozen_report *out,
                            struct styr_buf *content, struct styr_err *err)
{
	struct query q;
	int rc;

	if (q_start(&q, db, Q_FROZEN_FIND, "reading an approved report", err))
		return STYR_ESTORE;
	q_text(&q, unit);
	q_text(&q, period);
	q_text(&q, type);
	q_text(&q, format);
	rc = q_step(&q, err);
	if (rc < 0)
		return -rc;
	if (!rc)
		return styr_error(err, STYR_ENOTFOUND, "no approved %s of %s for %s is stored",
		                  type, unit, period);
	memset(out, 0, sizeof(*out));
	q_col_copy(&q, 0, out->unit, sizeof(out->unit));
	q_col_copy(&q, 1, out->period, sizeof(out->period));
	q_col_copy(&q, 2, out->type, sizeof(out->type));
	q_col_copy(&q, 3, out->format, sizeof(out->format));
	q_col_copy(&q, 4, out->hash, sizeof(out->hash));
	q_col_copy(&q, 5, out->approver, sizeof(out->approver));
	q_col_copy(&q, 6, out->approved, sizeof(out->approved));
	rc = STYR_OK;
	if (content) {
		size_t len;
		const void *bytes = q_col_blob(&q, 7, &len);

		rc = bytes
		         ? styr_buf_add(content, bytes, len, err)
		         : styr_error(err, STYR_ENOMEM, "out of memory reading an approved report");
	}
	q_end(&q);
	return rc;
}

int styr_frozen_line_put(struct styr_db *db, const struct styr_frozen_line *l, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_FROZEN_LINE_PUT, "storing an approved figure", err))
		return STYR_ESTORE;
	q_text(&q, l->unit);
	q_text(&q, l->period);
	q_text(&q, l->figure);
	q_text(&q, l->value);
	return q_exec(&q, NULL, err);
}

static void frozen_line_from_row(struct query *q, struct styr_frozen_line *l)
{
	memset(l, 0, sizeof(*l));
	q_col_copy(q, 0, l->unit, sizeof(l->unit));
	q_col_copy(q, 1, l->period, sizeof(l->period));
	q_col_copy(q, 2, l->figure, sizeof(l->figure));
	q_col_copy(q, 3, l->value, sizeof(l->value));
}

int styr_frozen_line_each(struct styr_db *db, const char *unit, const char *period,
                          int (*cb)(void *, const struct styr_frozen_line *), void *ctx,
                          struct styr_err *err)
{
	struct styr_frozen_line l;
	struct query q;

	if (q_start(&q, db, Q_FROZEN_LINE_EACH, "reading", err))
		return STYR_ESTORE;
	q_text(&q, unit);
	q_text(&q, period);
	Q_WALK(&q, &l, frozen_line_from_row, cb, ctx, err);
}
