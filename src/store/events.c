/*
 * The event engine's records (issue 18, migration 0010): the event files
 * loaded, by kind and path with their sha256 and mapping, and the runs
 * that computed values from them.
 */
#include <string.h>

#include "store/driver.h"

int styr_event_file_put(struct styr_db *db, const struct styr_event_file *f, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_EVENT_FILE_PUT, "storing an event file", err))
		return STYR_ESTORE;
	q_text(&q, f->kind);
	q_text(&q, f->path);
	q_text(&q, f->sha256);
	q_text(&q, f->mapping);
	q_text(&q, f->mapping_sha256);
	q_int(&q, f->rows);
	q_int(&q, f->skipped);
	q_int(&q, f->skip_bad);
	q_text(&q, f->loaded_at);
	return q_exec(&q, NULL, err);
}

static void event_file_from_row(struct query *q, struct styr_event_file *f)
{
	memset(f, 0, sizeof(*f));
	q_col_copy(q, 0, f->kind, sizeof(f->kind));
	q_col_copy(q, 1, f->path, sizeof(f->path));
	q_col_copy(q, 2, f->sha256, sizeof(f->sha256));
	q_col_copy(q, 3, f->mapping, sizeof(f->mapping));
	q_col_copy(q, 4, f->mapping_sha256, sizeof(f->mapping_sha256));
	f->rows = q_col_int(q, 5);
	f->skipped = q_col_int(q, 6);
	f->skip_bad = q_col_int(q, 7) != 0;
	q_col_copy(q, 8, f->loaded_at, sizeof(f->loaded_at));
}

int styr_event_file_each(struct styr_db *db, int (*cb)(void *, const struct styr_event_file *),
                         void *ctx, struct styr_err *err)
{
	struct styr_event_file f;
	struct query q;

	if (q_start(&q, db, Q_EVENT_FILE_EACH, "reading", err))
		return STYR_ESTORE;
	Q_WALK(&q, &f, event_file_from_row, cb, ctx, err);
}

int styr_event_run_put(struct styr_db *db, const struct styr_event_run *r, struct styr_err *err)
{
	struct query q;

	if (q_start(&q, db, Q_EVENT_RUN_PUT, "storing an event run", err))
		return STYR_ESTORE;
	q_text(&q, r->id);
	q_text(&q, r->rule);
	q_text(&q, r->files);
	q_text(&q, r->computed_at);
	return q_exec(&q, NULL, err);
}
