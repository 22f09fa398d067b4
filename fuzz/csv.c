/*
 * Fuzz target: the interchange CSV importer (src/import/csv.c, reading
 * through src/import/file.c), as `styr import csv --dry-run` runs it.  The
 * input is one or more files, separated by form feeds (a byte no CSV file
 * of styr's holds), imported together into the demo database (fuzz_db, so
 * the codes of data/demo resolve and values meet stored rows to compare
 * with), with a hook that counts every change; nothing is kept.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

#define FILES_MAX 8

static void on_change(void *ctx, const struct styr_import_change *c)
{
	size_t *changes = ctx;

	/* every field a change names is text a message will print */
	if (!c->where || !c->key || !c->field || !c->old_text || !c->new_text || !c->unit)
		fuzz_fail("a change of %s with a NULL field", styr_entity_name(c->kind));
	(*changes)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char names[FILES_MAX][16], paths[FILES_MAX][256];
	const char *argv[FILES_MAX];
	size_t n = 0, changes = 0;
	struct styr_import_hook hook = {NULL, &changes, true, on_change, 0};
	struct styr_import_stats stats;
	struct styr_err err;
	const uint8_t *p = data, *end = data + size;

	while (n < FILES_MAX) {
		const uint8_t *ff = memchr(p, '\f', (size_t)(end - p));
		size_t len = ff && n + 1 < FILES_MAX ? (size_t)(ff - p) : (size_t)(end - p);

		snprintf(names[n], sizeof(names[n]), "f%zu.csv", n);
		snprintf(paths[n], sizeof(paths[n]), "%s", fuzz_file(names[n], p, len));
		argv[n] = paths[n];
		n++;
		if (p + len == end)
			break;
		p += len + 1;
	}
	styr_err_init(&err);
	if (styr_import_csv_hook(fuzz_db(), argv, n, &hook, &stats, &err) && !err.msg[0])
		fuzz_fail("the import failed (code %d) without a message", err.code);
	return 0;
}
