/*
 * Open data decisions: publishing an indicator (from a date), its Kolada
 * KPI id, and an org unit's official municipality or region code.  Each
 * is one transaction that checks its input first, so a refused decision
 * changes nothing; the store keeps the rows (sqlite_open.c, pg_open.c)
 * and the web front-end serves what they open (src/web/kolada.c).
 *
 * A publication and a Kolada id share one row per indicator, so each
 * decision reads the row first and keeps the other half.
 */
#include <stdio.h>
#include <string.h>

#include "styr/styr.h"

struct find_open {
	const char *indicator;
	struct styr_open_indicator *out;
};

static int find_cb(void *ctx, const struct styr_open_indicator *o)
{
	struct find_open *f = ctx;

	if (strcmp(o->indicator, f->indicator))
		return 0;
	*f->out = *o;
	return 1;
}

/* The indicator's row (empty fields when it has none). */
static int open_row(struct styr_db *db, const char *indicator, struct styr_open_indicator *o,
                    struct styr_err *err)
{
	struct styr_indicator ind;
	struct find_open f = {indicator, o};
	int rc;

	memset(o, 0, sizeof(*o));
	if ((rc = styr_indicator_find(db, indicator, &ind, err)))
		return rc;
	/* find_cb stops the walk (non-zero) when it finds the row. */
	styr_open_indicator_each(db, find_cb, &f, err);
	if (err->code)
		return err->code;
	return styr_field_copy(o->indicator, sizeof(o->indicator), ind.code, "indicator", err);
}

/* Ids travel in URLs as comma-separated lists: no commas, slashes or
 * spaces. */
static int id_check(const char *what, const char *id, struct styr_err *err)
{
	if (strcspn(id, ",/ ?&#%") != strlen(id))
		return styr_error(err, STYR_EINPUT,
		                  "%s \"%s\": expected letters and digits, without , / or spaces",
		                  what, id);
	return STYR_OK;
}

static int put(struct styr_db *db, const struct styr_open_indicator *o, struct styr_err *err)
{
	int rc = styr_db_begin(db, err);

	if (rc)
		return rc;
	if ((rc = styr_open_indicator_put(db, o, err)) || (rc = styr_db_commit(db, err))) {
		styr_db_rollback(db);
		return rc;
	}
	return STYR_OK;
}

int styr_publish(struct styr_db *db, const char *indicator, const char *date, struct styr_err *err)
{
	struct styr_open_indicator o;
	int rc;

	if (date && *date && (rc = styr_date_check(date, err)))
		return rc;
	if ((rc = open_row(db, indicator, &o, err)))
		return rc;
	snprintf(o.published, sizeof(o.published), "%s", date ? date : "");
	return put(db, &o, err);
}

int styr_kolada_id_set(struct styr_db *db, const char *indicator, const char *kolada_id,
                       struct styr_err *err)
{
	struct styr_open_indicator o;
	int rc;

	if ((rc = id_check("Kolada id", kolada_id, err)) ||
	    (rc = open_row(db, indicator, &o, err)) ||
	    (rc = styr_field_copy(o.kolada_id, sizeof(o.kolada_id), kolada_id, "Kolada id", err)))
		return rc;
	return put(db, &o, err);
}

int styr_official_code_set(struct styr_db *db, const char *unit, const char *code,
                           struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_open_unit o;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = id_check("official code", code, err)) ||
	    (rc = styr_org_find(db, unit, &u, err)) ||
	    (rc = styr_field_copy(o.unit, sizeof(o.unit), u.code, "unit", err)) ||
	    (rc = styr_field_copy(o.official_code, sizeof(o.official_code), code, "official code",
	                          err)))
		return rc;
	if ((rc = styr_db_begin(db, err)))
		return rc;
	if ((rc = styr_open_unit_put(db, &o, err)) || (rc = styr_db_commit(db, err))) {
		styr_db_rollback(db);
		return rc;
	}
	return STYR_OK;
}
