/*
 * The schema brought up to date when a database opens, for both drivers:
 * styr_migration lists the numbers of the migrations applied, so that one
 * that reaches main after a higher number is still applied, and the
 * version counts them (SQLite's PRAGMA user_version, PostgreSQL's row in
 * styr_schema).  Each migration runs in a transaction of its own that
 * holds off other processes' migrations, with its number and the new
 * version.  A database from before styr_migration has none listed and
 * holds the first "version" migrations, since until then migrations were
 * only ever appended to the list; they are listed for it.  A database
 * that lists a number this styr does not know, or whose version is above
 * the count, is refused.
 *
 * The bookkeeping is the one place where the dialects differ by more than
 * a placeholder, so both are here side by side: the driver runs the text
 * (exec) and reads one number (query_int) and nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/driver.h"

struct schema_dialect {
	const char *const *migrations; /* one SQL text per migration */
	/* begins a migration's transaction, taking the lock that holds off
	 * other processes' migrations */
	const char *begin;
	const char *setup;       /* creates the bookkeeping where it is missing */
	const char *version;     /* reads the version */
	const char *set_version; /* "%d": writes it */
	/* the version when styr_migration exists (no row otherwise): the
	 * check of a database that is up to date, without a lock */
	const char *version_listed;
};

static const struct schema_dialect sqlite_dialect = {
    .migrations = store_migrations,
    .begin = "BEGIN IMMEDIATE",
    .setup = "CREATE TABLE IF NOT EXISTS styr_migration(number INTEGER PRIMARY KEY)",
    .version = "PRAGMA user_version",
    .set_version = "PRAGMA user_version = %d",
    .version_listed = "SELECT user_version FROM pragma_user_version WHERE EXISTS (SELECT 1 "
                      "FROM sqlite_master WHERE type = 'table' AND name = 'styr_migration')",
};

/* PostgreSQL has no user_version: the row of styr_schema stands for it,
 * and a transaction advisory lock (the number is arbitrary) for SQLite's
 * write lock, since CREATE TABLE IF NOT EXISTS races between sessions. */
static const struct schema_dialect pg_dialect = {
    .migrations = store_pg_migrations,
    .begin = "BEGIN; SELECT pg_advisory_xact_lock(7429637)",
    .setup = "CREATE TABLE IF NOT EXISTS styr_schema(version integer NOT NULL); "
             "CREATE TABLE IF NOT EXISTS styr_migration(number integer PRIMARY KEY); "
             "INSERT INTO styr_schema(version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM "
             "styr_schema)",
    .version = "SELECT version FROM styr_schema",
    .set_version = "UPDATE styr_schema SET version = %d",
    .version_listed = "SELECT version FROM styr_schema WHERE to_regclass('styr_migration') IS "
                      "NOT NULL",
};

struct schema_run {
	const struct store_driver *drv;
	struct store *st;
	const struct schema_dialect *d;
	const char *where; /* the database, for messages */
};

static int exec(const struct schema_run *s, const char *sql, const char *what, struct styr_err *err)
{
	return s->drv->exec(s->st, sql, what, err);
}

static int query(const struct schema_run *s, const char *sql, const char *what, long long *out,
                 struct styr_err *err)
{
	return s->drv->query_int(s->st, sql, what, out, err);
}

/* Mark in have[] the migrations listed in styr_migration, refusing one
 * this styr does not know; *legacy: none is listed although the version
 * says some were applied (a database from before styr_migration). */
static int listed(const struct schema_run *s, long long version, unsigned char *have, bool *legacy,
                  struct styr_err *err)
{
	char sql[64];
	long long n, total = 0;
	size_t i;
	int rc;

	for (i = 0; i < store_migration_count; i++) {
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM styr_migration WHERE number = %d",
		         store_migration_numbers[i]);
		if ((rc = query(s, sql, "reading the migrations applied", &n, err)))
			return rc;
		have[i] = n > 0;
		total += n > 0;
	}
	if ((rc = query(s, "SELECT COUNT(*) FROM styr_migration", "reading the migrations applied",
	                &n, err)))
		return rc;
	if (n > total) {
		char known[16 * 32] = "";
		size_t used = 0;

		for (i = 0; i < store_migration_count && used < sizeof(known) - 16; i++)
			used += (size_t)snprintf(known + used, sizeof(known) - used, "%s%d",
			                         i ? ", " : "", store_migration_numbers[i]);
		{
			char *q = malloc(used + 80);

			if (!q)
				return styr_error(err, STYR_ENOMEM, "out of memory opening %s",
				                  s->where);
			sprintf(q,
			        "SELECT MIN(number) FROM styr_migration WHERE number NOT IN (%s)",
			        known);
			rc = query(s, q, "reading the migrations applied", &n, err);
			free(q);
		}
		if (rc)
			return rc;
		return styr_error(err, STYR_ESTORE,
		                  "%s: the database has migration %04lld, which this styr does not "
		                  "know",
		                  s->where, n);
	}
	*legacy = total == 0 && version > 0;
	if (*legacy)
		memset(have, 1, (size_t)version);
	return STYR_OK;
}

/* In one transaction: bring the bookkeeping up to date and apply the
 * first migration missing; *done when none was. */
static int migrate_one(const struct schema_run *s, unsigned char *have, bool *done,
                       struct styr_err *err)
{
	long long version = 0;
	bool legacy = false;
	char sql[96];
	size_t i;
	int rc;

	*done = false;
	rc = exec(s, s->d->begin, "starting a migration", err);
	if (!rc)
		rc = exec(s, s->d->setup, "creating styr_migration", err);
	if (!rc)
		rc = query(s, s->d->version, "reading the schema version", &version, err);
	if (!rc && version > (long long)store_migration_count)
		rc = styr_error(err, STYR_ESTORE,
		                "%s: schema version %lld is newer than this styr knows (%zu)",
		                s->where, version, store_migration_count);
	if (!rc)
		rc = listed(s, version < 0 ? 0 : version, have, &legacy, err);
	for (i = 0; !rc && legacy && i < (size_t)version; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO styr_migration VALUES(%d)",
		         store_migration_numbers[i]);
		rc = exec(s, sql, "recording the migrations applied", err);
	}
	for (i = 0; !rc && i < store_migration_count && have[i]; i++)
		;
	if (!rc && i == store_migration_count) {
		*done = true;
		rc = exec(s, "COMMIT", "finishing the migrations", err);
	} else if (!rc) {
		rc = exec(s, s->d->migrations[i], "migrating", err);
		snprintf(sql, sizeof(sql), "INSERT INTO styr_migration VALUES(%d)",
		         store_migration_numbers[i]);
		if (!rc)
			rc = exec(s, sql, "recording the migration", err);
		snprintf(sql, sizeof(sql), s->d->set_version, (int)version + 1);
		if (!rc)
			rc = exec(s, sql, "writing the schema version", err);
		if (!rc)
			rc = exec(s, "COMMIT", "committing a migration", err);
		if (rc)
			styr_err_prefix(err, "migration %04d: ", store_migration_numbers[i]);
	}
	if (rc)
		exec(s, "ROLLBACK", "rolling back", NULL);
	return rc;
}

int store_schema_update(const struct store_driver *drv, struct store *st, const char *where,
                        struct styr_err *err)
{
	struct schema_run s = {drv, st, drv == &store_pg_driver ? &pg_dialect : &sqlite_dialect,
	                       where};
	unsigned char *have = calloc(store_migration_count + 1, 1);
	bool done = false, legacy = false;
	long long version;
	size_t i;
	int rc = STYR_OK;

	if (!have)
		return styr_error(err, STYR_ENOMEM, "out of memory opening %s", where);
	/* Usually the schema is up to date: see so without the lock.  A
	 * failure here only sends us the careful way, which reports it. */
	if (!query(&s, s.d->version_listed, "reading the schema version", &version, NULL) &&
	    version == (long long)store_migration_count &&
	    !listed(&s, version, have, &legacy, NULL) && !legacy) {
		for (i = 0; i < store_migration_count && have[i]; i++)
			;
		done = i == store_migration_count;
	}
	while (!rc && !done)
		rc = migrate_one(&s, have, &done, err);
	free(have);
	return rc;
}
