/*
 * Fuzz target: the event engine's readers (src/events/read.c, mapping.c,
 * time.c) and its rules (compute.c), as `styr events load --skip-bad`
 * and `styr events compute` run them, without recording anything.
 *
 * The input is a set of files, each after a line "=== NAME": NAME is an
 * event file's name (inpatient.csv, ed.csv.gz …; the canonical names
 * choose the columns) or "mapping", a column mapping (docs/formats.md)
 * that then decides which files are read and how.  Units resolve through
 * the demo database's org tree, as in a load.  Every good row is computed
 * for 2024.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "events/events_int.h"
#include "fuzz.h"

#define FILES_MAX 8

static int emit(void *ctx, const struct styr_value *v)
{
	(void)v;
	(*(size_t *)ctx)++;
	return 0;
}

/* A NAME of the header "=== NAME": a letter, then letters, digits, '.',
 * '_' and '-'. */
static size_t name_len(const char *s, size_t max)
{
	size_t n = 0;

	if (!max || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (n < max && n < 40 &&
	       ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	        (s[n] >= '0' && s[n] <= '9') || s[n] == '.' || s[n] == '_' || s[n] == '-'))
		n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char paths[FILES_MAX][256], mapping[256] = "";
	const char *files[FILES_MAX];
	const char *p = (const char *)data, *end = p + size;
	struct styr_events_load_opts o = {NULL, true, NULL, NULL};
	struct ev_map map, *m = NULL;
	struct ev_data d;
	struct ev_read r;
	struct ev_sel sel = {2024, -1, NULL, 0};
	struct styr_err err;
	size_t n = 0, i, k, values = 0;
	int rc;

	/* the files: "=== NAME\n" then the content up to the next header */
	while (p < end && n < FILES_MAX) {
		char name[48];
		const char *body, *next;
		size_t len;

		if ((size_t)(end - p) < 4 || memcmp(p, "=== ", 4))
			break;
		len = name_len(p + 4, (size_t)(end - p - 4));
		if (!len)
			break;
		memcpy(name, p + 4, len);
		name[len] = '\0';
		body = memchr(p, '\n', (size_t)(end - p));
		body = body ? body + 1 : end;
		next = body;
		while (next < end && !((next == body || next[-1] == '\n') && end - next >= 4 &&
		                       !memcmp(next, "=== ", 4)))
			next++;
		if (!strcmp(name, "mapping"))
			snprintf(mapping, sizeof(mapping), "%s",
			         fuzz_file("mapping", body, (size_t)(next - body)));
		else
			snprintf(paths[n++], sizeof(paths[0]), "%s",
			         fuzz_file(name, body, (size_t)(next - body)));
		p = next;
	}
	styr_err_init(&err);
	if (mapping[0]) {
		if (ev_map_read(mapping, &map, &err))
			goto out_files;
		m = &map;
	}
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.err = &err;
	r.track = true;
	for (i = 0; i < n; i++)
		files[i] = paths[i];
	r.files = files;
	if (ev_data_init(&d, fuzz_db(), &err))
		goto out_map;
	rc = STYR_OK;
	for (i = 0; i < n && !rc; i++) {
		const struct ev_map_section *s[8];
		struct ev_map_section scratch;
		size_t ns = ev_map_match(m, paths[i], s, 8, &scratch);

		r.file_no = (int)i;
		for (k = 0; k < ns && !rc; k++)
			rc = ev_read_file(&d, paths[i], s[k], &r);
	}
	if (!rc)
		rc = ev_check_duplicates(&d, &r);
	if (!rc)
		ev_compute(&d, &sel, emit, &values, &err);
	ev_data_release(&d);
	ev_read_release(&r);
out_map:
	if (m)
		ev_map_release(m);
out_files:
	for (i = 0; i < n; i++)
		remove(paths[i]);
	return 0;
}
