/*
 * The fuzz targets' scratch space and database (see fuzz.h).  One process
 * runs many thousands of inputs, so the setup is done once, on the first
 * input, and everything an input writes goes where the next input finds
 * it as before: files are overwritten, the database rolls back.
 */
#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_DEMO_DIR
#error "FUZZ_DEMO_DIR: the directory of the demo data, set by CMake"
#endif

static char scratch[64];
static struct styr_db *db;

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		fuzz_fail("out of memory");
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Remove the scratch directory and what is in it (no subdirectories). */
static void scratch_remove(void)
{
	DIR *d;
	struct dirent *e;

	if (db) {
		styr_db_close(db);
		db = NULL;
	}
	if (!scratch[0] || !(d = opendir(scratch)))
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	rmdir(scratch);
}

const char *fuzz_dir(void)
{
	if (!scratch[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(scratch, sizeof(scratch), "%s/styr-fuzz-XXXXXX",
		         tmp && strlen(tmp) < 32 ? tmp : "/tmp");
		if (!mkdtemp(scratch))
			fuzz_fail("cannot make a scratch directory %s", scratch);
		atexit(scratch_remove);
	}
	return scratch;
}

const char *fuzz_file(const char *name, const void *data, size_t size)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
	f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f))
		fuzz_fail("cannot write %s", path);
	return path;
}

/* The demo database's file, made on the first call: styr init and
 * styr import csv of every CSV file in data/demo, as `make demo` begins. */
const char *fuzz_db_path(void);
const char *fuzz_db_path(void)
{
	static char path[128];
	struct styr_err err;
	struct styr_db *made;
	glob_t g;

	if (path[0])
		return path;
	/* a name no fuzz_file of a target can have ('+') */
	snprintf(path, sizeof(path), "%s/styr+demo.db", fuzz_dir());
	styr_err_init(&err);
	if (glob(FUZZ_DEMO_DIR "/*.csv", 0, NULL, &g) || !g.gl_pathc)
		fuzz_fail("no demo data in %s", FUZZ_DEMO_DIR);
	if (styr_db_open(path, STYR_DB_CREATE, &made, &err) ||
	    styr_db_actor(made, "fuzz", "fuzz: demo database", &err) ||
	    styr_import_csv(made, (const char *const *)g.gl_pathv, g.gl_pathc, NULL, &err))
		fuzz_fail("demo database: %s", err.msg);
	styr_db_close(made);
	globfree(&g);
	return path;
}

struct styr_db *fuzz_db(void)
{
	struct styr_err err;

	if (db)
		return db;
	styr_err_init(&err);
	if (styr_db_open(fuzz_db_path(), 0, &db, &err) || styr_db_actor(db, "fuzz", "fuzz", &err))
		fuzz_fail("demo database: %s", err.msg);
	styr_db_rehearse(db, true);
	return db;
}
