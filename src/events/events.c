/*
 * Loading and computing against a database.  Loading checks every row of
 * the files (against the org tree, so an unknown unit is a bad row) and
 * records each file with its sha256, size and mapping in event_file; the
 * events themselves are not copied into the database.  Computing reads
 * the recorded files again, refusing one whose bytes changed since it was
 * loaded, and gives the values of a year.  The files stay the record of
 * what was counted; the database keeps which files, with which hashes, a
 * value was computed from (event_run), which is what a value's source
 * names.  Why files and not tables: docs/hacking.md, "Händelsemotorn".
 *
 * A value's source names the run, whose id is a hash of the rule version
 * and the files' hashes: computing again from unchanged files gives the
 * same values with the same source, so nothing is written.
 */
#include <dirent.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "events/events_int.h"
#include "styr/buf.h"
#include "styr/err.h"

static int sha256_file(const char *path, char out[65], struct styr_err *err)
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES], *buf;
	FILE *f;
	size_t n, i;

	if (sodium_init() < 0)
		return styr_error(err, STYR_EIO, "libsodium could not start");
	f = fopen(path, "rb");
	if (!f)
		return styr_error(err, STYR_EIO, "%s: cannot be read", path);
	buf = malloc(1 << 20);
	if (!buf) {
		fclose(f);
		return styr_error(err, STYR_ENOMEM, "out of memory");
	}
	crypto_hash_sha256_init(&st);
	while ((n = fread(buf, 1, 1 << 20, f)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	free(buf);
	if (ferror(f)) {
		fclose(f);
		return styr_error(err, STYR_EIO, "%s: read error", path);
	}
	fclose(f);
	crypto_hash_sha256_final(&st, h);
	for (i = 0; i < sizeof(h); i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
	return STYR_OK;
}

/* --- the list of files ------------------------------------------------- */

struct paths {
	char **p;
	size_t n, cap;
};

static int paths_add(struct paths *ps, const char *p, struct styr_err *err)
{
	char abs[PATH_MAX];

	if (styr_array_grow((void **)&ps->p, &ps->cap, ps->n, sizeof(*ps->p), err))
		return err->code;
	if (!realpath(p, abs))
		return styr_error(err, STYR_EIO, "%s: no such file", p);
	ps->p[ps->n] = strdup(abs);
	if (!ps->p[ps->n])
		return styr_error(err, STYR_ENOMEM, "out of memory");
	ps->n++;
	return STYR_OK;
}

static void paths_free(struct paths *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->p[i]);
	free(ps->p);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files named, and in directories named the files some section takes. */
static int expand(const char *const *in, size_t n, const struct ev_map *m, struct paths *out,
                  struct styr_err *err)
{
	const struct ev_map_section *s[8];
	struct ev_map_section scratch;
	size_t i;
	int rc = STYR_OK;

	for (i = 0; i < n && !rc; i++) {
		struct stat sb;
		struct paths dir = {0};
		DIR *d;
		struct dirent *e;
		size_t j;

		if (stat(in[i], &sb))
			return styr_error(err, STYR_EIO, "%s: no such file or directory", in[i]);
		if (!S_ISDIR(sb.st_mode)) {
			if (!ev_map_match(m, in[i], s, 8, &scratch))
				return styr_error(
				    err, STYR_EINPUT, "%s: %s", in[i],
				    m ? "no section of the mapping takes this file"
				      : "not an event file: expected a name such as "
				        "inpatient.csv, ed.csv or waitlist.csv.gz (or --mapping)");
			rc = paths_add(out, in[i], err);
			continue;
		}
		d = opendir(in[i]);
		if (!d)
			return styr_error(err, STYR_EIO, "%s: cannot be read", in[i]);
		while (!rc && (e = readdir(d))) {
			char full[PATH_MAX];

			if (e->d_name[0] == '.')
				continue;
			snprintf(full, sizeof(full), "%s/%s", in[i], e->d_name);
			if (ev_map_match(m, full, s, 8, &scratch))
				rc = paths_add(&dir, full, err);
		}
		closedir(d);
		if (dir.n)
			qsort(dir.p, dir.n, sizeof(*dir.p), name_cmp);
		for (j = 0; j < dir.n && !rc; j++)
			rc = paths_add(out, dir.p[j], err);
		paths_free(&dir);
	}
	return rc;
}

static void now_iso(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- load ---------------------------------------------------------------- */

/* After duplicates are dropped: each record's rows, from where they came. */
static void recount(const struct ev_data *d, const struct ev_read *r, struct styr_event_file *rec,
                    size_t nrec, size_t nfiles)
{
	size_t i, k;
	int kind;

	for (kind = 0; kind < STYR_EV_KINDS; kind++) {
		if (ev_kinds[kind].fields[0].type != EV_T_ID)
			continue;
		for (k = 0; k < nrec; k++)
			if (!strcmp(rec[k].kind, ev_kinds[kind].name)) {
				rec[k].skipped += rec[k].rows;
				rec[k].rows = 0;
			}
		for (i = 0; i < d->t[kind].n; i++) {
			size_t file = (size_t)(r->where[kind][i] >> 40);

			for (k = 0; k < nrec && file < nfiles; k++)
				if (!strcmp(rec[k].kind, ev_kinds[kind].name) &&
				    !strcmp(rec[k].path, r->files[file])) {
					rec[k].rows++;
					rec[k].skipped--;
					break;
				}
		}
	}
}

int styr_events_load(struct styr_db *db, const char *const *in, size_t n,
                     const struct styr_events_load_opts *o, int64_t *rows, int64_t *nbad,
                     struct styr_err *err)
{
	struct ev_map map, *m = NULL;
	struct paths ps = {0};
	struct ev_data d;
	struct ev_read r;
	struct styr_event_file *rec = NULL;
	size_t nrec = 0, i, k;
	int rc;

	*rows = *nbad = 0;
	memset(&r, 0, sizeof(r));
	if (o->mapping) {
		if ((rc = ev_map_read(o->mapping, &map, err)))
			return rc;
		m = &map;
		if (!realpath(o->mapping, map.path) ||
		    (rc = sha256_file(map.path, map.sha256, err))) {
			ev_map_release(&map);
			return rc ? rc : styr_error(err, STYR_EIO, "%s: no such file", o->mapping);
		}
	}
	if ((rc = expand(in, n, m, &ps, err)) || (rc = ev_data_init(&d, db, err)))
		goto out_paths;
	if (!ps.n) {
		rc = styr_error(err, STYR_EINPUT, "no event files found");
		goto out;
	}
	rec = calloc(ps.n * 8, sizeof(*rec));
	if (!rec) {
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
		goto out;
	}
	r.o = o;
	r.err = err;
	r.track = true;
	r.files = (const char *const *)ps.p;
	for (i = 0; i < ps.n && !rc; i++) {
		const struct ev_map_section *s[8];
		struct ev_map_section scratch;
		size_t ns = ev_map_match(m, ps.p[i], s, 8, &scratch);

		r.file_no = (int)i;
		for (k = 0; k < ns && !rc; k++) {
			struct styr_event_file *f = &rec[nrec++];
			int64_t before = r.rows, bad_before = r.bad;

			rc = ev_read_file(&d, ps.p[i], s[k], &r);
			snprintf(f->kind, sizeof(f->kind), "%s", ev_kinds[s[k]->kind].name);
			snprintf(f->path, sizeof(f->path), "%s", ps.p[i]);
			if (m) {
				snprintf(f->mapping, sizeof(f->mapping), "%s", m->path);
				snprintf(f->mapping_sha256, sizeof(f->mapping_sha256), "%s",
				         m->sha256);
			}
			f->rows = r.rows - before;
			f->skipped = r.bad - bad_before;
			f->skip_bad = o->skip_bad;
			if (!rc)
				rc = sha256_file(ps.p[i], f->sha256, err);
		}
	}
	if (!rc)
		rc = ev_check_duplicates(&d, &r);
	if (!rc)
		recount(&d, &r, rec, nrec, ps.n);
	*rows = r.rows;
	*nbad = r.bad;
	if (rc)
		goto out;
	if (r.bad && !o->skip_bad) {
		rc =
		    styr_error(err, STYR_EINPUT,
		               "%s (%lld bad rows in all; nothing was loaded, --skip-bad loads the "
		               "rest)",
		               r.first_bad, (long long)r.bad);
		goto out;
	}
	if ((rc = styr_db_begin(db, err)))
		goto out;
	for (i = 0; i < nrec && !rc; i++) {
		now_iso(rec[i].loaded_at, sizeof(rec[i].loaded_at));
		rc = styr_event_file_put(db, &rec[i], err);
	}
	if (rc)
		styr_db_rollback(db);
	else
		rc = styr_db_commit(db, err);
out:
	free(rec);
	ev_read_release(&r);
	ev_data_release(&d);
out_paths:
	paths_free(&ps);
	if (m)
		ev_map_release(m);
	return rc;
}

/* --- compute ------------------------------------------------------------- */

struct files {
	struct styr_event_file *f;
	size_t n, cap;
	struct styr_err *err;
};

static int file_cb(void *ctx, const struct styr_event_file *f)
{
	struct files *fs = ctx;

	if (styr_array_grow((void **)&fs->f, &fs->cap, fs->n, sizeof(*fs->f), fs->err))
		return fs->err->code;
	fs->f[fs->n++] = *f;
	return 0;
}

static int collect(void *ctx, const struct styr_value *v)
{
	struct styr_events_result *r = ctx;

	if (styr_array_grow((void **)&r->v, &r->cap, r->n, sizeof(*r->v), NULL))
		return STYR_ENOMEM;
	r->v[r->n] = *v;
	snprintf(r->v[r->n].source, sizeof(r->v[r->n].source), "händelser %s (%s)", r->run.id,
	         r->run.rule);
	r->n++;
	return 0;
}

/* Read one recorded file through its section; the file must be as it was. */
static int reread(struct ev_data *d, const struct styr_event_file *f, struct styr_err *err)
{
	struct ev_map map, *m = NULL;
	const struct ev_map_section *s[8], *sec = NULL;
	struct ev_map_section scratch;
	struct styr_events_load_opts o = {0};
	struct ev_read r;
	char sha[65];
	size_t ns, i;
	int rc;

	if ((rc = sha256_file(f->path, sha, err))) {
		styr_err_prefix(err, "loaded event file: ");
		return rc;
	}
	if (strcmp(sha, f->sha256))
		return styr_error(err, STYR_ECONFLICT,
		                  "%s changed since it was loaded (sha256 %.12s…, loaded %.12s…): "
		                  "load it again with styr events load",
		                  f->path, sha, f->sha256);
	if (f->mapping[0]) {
		if ((rc = ev_map_read(f->mapping, &map, err)))
			return rc;
		m = &map;
		if ((rc = sha256_file(f->mapping, sha, err)))
			goto out;
		if (strcmp(sha, f->mapping_sha256)) {
			rc = styr_error(err, STYR_ECONFLICT,
			                "%s changed since %s was loaded with it: load again",
			                f->mapping, f->path);
			goto out;
		}
	}
	ns = ev_map_match(m, f->path, s, 8, &scratch);
	for (i = 0; i < ns; i++)
		if (!strcmp(ev_kinds[s[i]->kind].name, f->kind))
			sec = s[i];
	if (!sec) {
		rc = styr_error(err, STYR_EINPUT, "%s: no section %s for it any more", f->path,
		                f->kind);
		goto out;
	}
	memset(&r, 0, sizeof(r));
	o.skip_bad = true;
	r.o = &o;
	r.err = err;
	rc = ev_read_file(d, f->path, sec, &r);
	if (!rc && r.bad && !f->skip_bad)
		rc = styr_error(err, STYR_EINPUT, "%s (the org tree changed since the load?)",
		                r.first_bad);
out:
	if (m)
		ev_map_release(m);
	return rc;
}

static int file_order(const void *a, const void *b)
{
	const struct styr_event_file *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);

	return c ? c : strcmp(x->path, y->path);
}

static void run_id(struct styr_event_run *run, const struct files *fs)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	size_t i, used = 0;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)STYR_EVENTS_RULE,
	                          strlen(STYR_EVENTS_RULE));
	snprintf(run->rule, sizeof(run->rule), "%s", STYR_EVENTS_RULE);
	for (i = 0; i < fs->n; i++) {
		char line[1200];
		int len = snprintf(line, sizeof(line), "%s %s %s\n", fs->f[i].kind, fs->f[i].path,
		                   fs->f[i].sha256);

		crypto_hash_sha256_update(&st, (const unsigned char *)line, (size_t)len);
		if (used + (size_t)len < sizeof(run->files)) {
			memcpy(run->files + used, line, (size_t)len + 1);
			used += (size_t)len;
		}
	}
	crypto_hash_sha256_final(&st, h);
	for (i = 0; i < 8; i++)
		snprintf(run->id + 2 * i, 3, "%02x", h[i]);
	now_iso(run->computed_at, sizeof(run->computed_at));
}

int styr_events_compute(struct styr_db *db, const struct styr_events_compute_opts *o,
                        struct styr_events_result *out, struct styr_err *err)
{
	struct files fs = {.err = err};
	struct ev_data d;
	struct ev_sel sel = {o->year, -1, o->indicators, o->nindicators};
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return styr_error(err, STYR_EIO, "libsodium could not start");
	if ((rc = styr_event_file_each(db, file_cb, &fs, err)))
		goto out_files;
	if (!fs.n) {
		rc = styr_error(err, STYR_ENOTFOUND,
		                "no event files are loaded: load them with styr events load");
		goto out_files;
	}
	qsort(fs.f, fs.n, sizeof(*fs.f), file_order);
	for (i = 0; i < o->nindicators; i++) {
		size_t r;

		for (r = 0; r < ev_nrules; r++)
			if (!strcmp(ev_rules[r].code, o->indicators[i]))
				break;
		if (r == ev_nrules) {
			rc = styr_error(
			    err, STYR_EINPUT,
			    "indicator %s: not computed from events (docs/indicators.md lists "
			    "those that are)",
			    o->indicators[i]);
			goto out_files;
		}
	}
	if ((rc = ev_data_init(&d, db, err)))
		goto out_files;
	if (o->unit) {
		struct styr_org_unit u;

		if ((rc = styr_org_find(db, o->unit, &u, err)))
			goto out;
		ev_units_find(&d.units, u.code, strlen(u.code), &sel.unit, err);
	}
	for (i = 0; i < fs.n && !rc; i++)
		rc = reread(&d, &fs.f[i], err);
	if (!rc) {
		struct ev_read dup;

		memset(&dup, 0, sizeof(dup));
		dup.err = err;
		rc = ev_check_duplicates(&d, &dup);
	}
	if (rc)
		goto out;
	run_id(&out->run, &fs);
	out->events = d.rows;
	rc = ev_compute(&d, &sel, collect, out, err);
	if (rc == STYR_ENOMEM)
		styr_error(err, rc, "out of memory");
out:
	ev_data_release(&d);
out_files:
	free(fs.f);
	if (rc)
		styr_events_result_release(out);
	return rc;
}

void styr_events_result_release(struct styr_events_result *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

int styr_events_register(struct styr_db *db, const struct styr_events_result *r,
                         struct styr_err *err)
{
	size_t i, k;
	int rc = STYR_OK;

	for (k = 0; k < ev_nrules && !rc; k++) {
		struct styr_indicator ind;
		struct styr_err local;

		for (i = 0; i < r->n; i++)
			if (!strcmp(r->v[i].indicator, ev_rules[k].code))
				break;
		if (i == r->n)
			continue;
		styr_err_init(&local);
		rc = styr_indicator_find(db, ev_rules[k].code, &ind, &local);
		if (rc != STYR_ENOTFOUND) {
			if (rc)
				styr_error(err, local.code, "%s", local.msg);
			continue;
		}
		memset(&ind, 0, sizeof(ind));
		snprintf(ind.code, sizeof(ind.code), "%s", ev_rules[k].code);
		snprintf(ind.name, sizeof(ind.name), "%s", ev_rules[k].name);
		snprintf(ind.unit, sizeof(ind.unit), "%s", ev_rules[k].unit);
		snprintf(ind.definition, sizeof(ind.definition), "%s", ev_rules[k].definition);
		snprintf(ind.frequency, sizeof(ind.frequency), "månad");
		snprintf(ind.source, sizeof(ind.source), "styr events (docs/indicators.md)");
		ind.tolerance = -1;
		ind.category = ev_rules[k].category;
		rc = styr_indicator_put(db, &ind, err);
	}
	if (!rc)
		rc = styr_event_run_put(db, &r->run, err);
	return rc;
}

/* --- without a database ------------------------------------------------ */

struct out_ctx {
	FILE *f;
};

static int print_value(void *ctx, const struct styr_value *v)
{
	struct out_ctx *o = ctx;
	char period[32];

	styr_period_format(&v->period, period, sizeof(period));
	fprintf(o->f, "%s;%s;%s;", v->indicator, v->unit, period);
	if (v->has_numerator)
		fprintf(o->f, "%.*f", v->num.decimals == 3 ? 3 : 0, v->numerator);
	fputc(';', o->f);
	if (v->has_denominator)
		fprintf(o->f, "%.0f", v->denominator);
	fprintf(o->f, ";%.*f\n", v->num.decimals, v->num.value);
	return 0;
}

int styr_events_compute_files(const char *const *in, size_t n, const char *mapping, int year,
                              const char *out, struct styr_err *err)
{
	struct ev_map map, *m = NULL;
	struct paths ps = {0};
	struct ev_data d;
	struct ev_sel sel = {year, -1, NULL, 0};
	struct styr_events_load_opts o = {0};
	struct ev_read r;
	struct out_ctx oc;
	struct timespec t0, t1, t2;
	size_t i, k;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (mapping) {
		if ((rc = ev_map_read(mapping, &map, err)))
			return rc;
		m = &map;
	}
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.err = err;
	if ((rc = expand(in, n, m, &ps, err)) || (rc = ev_data_init(&d, NULL, err)))
		goto out_paths;
	for (i = 0; i < ps.n && !rc; i++) {
		const struct ev_map_section *s[8];
		struct ev_map_section scratch;
		size_t ns = ev_map_match(m, ps.p[i], s, 8, &scratch);

		for (k = 0; k < ns && !rc; k++)
			rc = ev_read_file(&d, ps.p[i], s[k], &r);
	}
	if (!rc && r.bad)
		rc = styr_error(err, STYR_EINPUT, "%s (%lld bad rows)", r.first_bad,
		                (long long)r.bad);
	if (rc)
		goto out;
	oc.f = strcmp(out, "-") ? fopen(out, "w") : stdout;
	if (!oc.f) {
		rc = styr_error(err, STYR_EIO, "%s: cannot be written", out);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = ev_compute(&d, &sel, print_value, &oc, err);
	clock_gettime(CLOCK_MONOTONIC, &t2);
	if (oc.f != stdout)
		fclose(oc.f);
	fprintf(stderr, "events %lld read %.3f s computed %.3f s\n", (long long)d.rows,
	        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	        (double)(t2.tv_sec - t1.tv_sec) + (double)(t2.tv_nsec - t1.tv_nsec) / 1e9);
out:
	ev_data_release(&d);
out_paths:
	paths_free(&ps);
	if (m)
		ev_map_release(m);
	return rc;
}
