/*
 * Event file kinds and the column mapping.  Each kind has canonical
 * columns (docs/formats.md, "Händelsefiler"); a file named after its kind
 * (waitlist.csv, ed.csv.gz …) is read by them.  A region's own export has
 * other names, formats and codes, so a mapping file says, per kind, which
 * files it applies to, which column (or constant, or difference of two
 * columns) gives each field, the time format, and code lists translating
 * the export's codes into styr's.  Users write the mapping instead of
 * editing the export.
 *
 * The format is plain text in sections, one key = value a line:
 *
 *     [inpatient]
 *     file = admissions.csv*
 *     time_format = %Y-%m-%d %H:%M:%S
 *     unit = admission_type
 *     birth_year = anchor_year - anchor_age
 *     code unit EW EMER. = AKUT
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/events_int.h"
#include "styr/buf.h"
#include "styr/err.h"

static const char *const wl_kinds[] = {"besok", "operation", NULL};
static const char *const visit_kinds[] = {"ny", "ater", NULL};
static const char *const caregivers[] = {"lakare", "ovrig", NULL};
static const char *const settings[] = {"sluten", "oppen", NULL};
static const char *const sexes[] = {"K", "M", "U", NULL};

static const struct ev_field f_waitlist[] = {
    {"id", EV_T_ID, true, NULL},        {"patient", EV_T_PATIENT, true, NULL},
    {"unit", EV_T_UNIT, true, NULL},    {"kind", EV_T_ENUM, true, wl_kinds},
    {"listed", EV_T_DATE, true, NULL},  {"done", EV_T_DATE, false, NULL},
    {"target", EV_T_DATE, false, NULL},
};
static const struct ev_field f_visits[] = {
    {"id", EV_T_ID, true, NULL},
    {"patient", EV_T_PATIENT, true, NULL},
    {"unit", EV_T_UNIT, true, NULL},
    {"time", EV_T_TIME, true, NULL},
    {"kind", EV_T_ENUM, true, visit_kinds},
    {"caregiver", EV_T_ENUM, true, caregivers},
    {"target", EV_T_DATE, false, NULL},
};
static const struct ev_field f_ed[] = {
    {"id", EV_T_ID, true, NULL},        {"patient", EV_T_PATIENT, true, NULL},
    {"unit", EV_T_UNIT, true, NULL},    {"arrival", EV_T_TIME, true, NULL},
    {"doctor", EV_T_TIME, false, NULL}, {"decision", EV_T_TIME, false, NULL},
    {"ward", EV_T_TIME, false, NULL},   {"departure", EV_T_TIME, false, NULL},
};
static const struct ev_field f_inpatient[] = {
    {"id", EV_T_ID, true, NULL},          {"patient", EV_T_PATIENT, true, NULL},
    {"unit", EV_T_UNIT, true, NULL},      {"age", EV_T_INT, false, NULL},
    {"sex", EV_T_ENUM, false, sexes},     {"admit", EV_T_TIME, true, NULL},
    {"discharge", EV_T_TIME, true, NULL}, {"drg", EV_T_CODE, false, NULL},
};
static const struct ev_field f_operations[] = {
    {"id", EV_T_ID, true, NULL},
    {"patient", EV_T_PATIENT, true, NULL},
    {"unit", EV_T_UNIT, true, NULL},
    {"time", EV_T_TIME, true, NULL},
    {"setting", EV_T_ENUM, true, settings},
};
static const struct ev_field f_census[] = {
    {"unit", EV_T_UNIT, true, NULL},    {"date", EV_T_DATE, true, NULL},
    {"staffed", EV_T_INT, true, NULL},  {"occupied", EV_T_INT, true, NULL},
    {"overbeds", EV_T_INT, true, NULL}, {"outlying", EV_T_INT, true, NULL},
};
static const struct ev_field f_drg[] = {
    {"drg", EV_T_CODE, true, NULL},
    {"weight", EV_T_INT, true, NULL}, /* thousandths: "1,234" or "1.234" */
};
static const struct ev_field f_patients[] = {
    {"patient", EV_T_PATIENT, true, NULL},
    {"birth_year", EV_T_INT, true, NULL},
    {"sex", EV_T_ENUM, false, sexes},
};

#define KIND(n, f)                                                                                 \
	{                                                                                          \
		n, f, (int)(sizeof(f) / sizeof(f[0]))                                              \
	}
const struct ev_kind_def ev_kinds[STYR_EV_KINDS] = {
    [STYR_EV_WAITLIST] = KIND("waitlist", f_waitlist),
    [STYR_EV_VISITS] = KIND("visits", f_visits),
    [STYR_EV_ED] = KIND("ed", f_ed),
    [STYR_EV_INPATIENT] = KIND("inpatient", f_inpatient),
    [STYR_EV_OPERATIONS] = KIND("operations", f_operations),
    [STYR_EV_CENSUS] = KIND("census", f_census),
    [STYR_EV_DRG] = KIND("drg", f_drg),
    [STYR_EV_PATIENTS] = KIND("patients", f_patients),
};

const char *styr_event_kind_name(enum styr_event_kind k)
{
	return k < STYR_EV_KINDS ? ev_kinds[k].name : "?";
}

bool ev_wide(enum ev_type t)
{
	return t == EV_T_ID || t == EV_T_PATIENT || t == EV_T_TIME;
}

static int kind_by_name(const char *name, size_t len)
{
	int k;

	for (k = 0; k < STYR_EV_KINDS; k++)
		if (strlen(ev_kinds[k].name) == len && !strncmp(ev_kinds[k].name, name, len))
			return k;
	return -1;
}

static int field_index(int kind, const char *name)
{
	int i;

	for (i = 0; i < ev_kinds[kind].nfields; i++)
		if (!strcmp(ev_kinds[kind].fields[i].name, name))
			return i;
	return -1;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* The canonical columns of a file named after its kind, into *out. */
const struct ev_map_section *ev_map_canonical(const char *path, struct ev_map_section *out)
{
	const char *b = base_name(path);
	size_t len = strcspn(b, ".");
	int k = kind_by_name(b, len), i;

	if (k < 0 || (strcmp(b + len, ".csv") && strcmp(b + len, ".csv.gz")))
		return NULL;
	memset(out, 0, sizeof(*out));
	out->kind = k;
	out->sep = ',';
	for (i = 0; i < ev_kinds[k].nfields; i++) {
		snprintf(out->cols[i].field, sizeof(out->cols[i].field), "%s",
		         ev_kinds[k].fields[i].name);
		snprintf(out->cols[i].src, sizeof(out->cols[i].src), "%s",
		         ev_kinds[k].fields[i].name);
	}
	out->ncols = ev_kinds[k].nfields;
	return out;
}

size_t ev_map_match(const struct ev_map *m, const char *path, const struct ev_map_section **out,
                    size_t max, struct ev_map_section *scratch)
{
	size_t i, n = 0;

	if (!m) {
		out[0] = ev_map_canonical(path, scratch);
		return out[0] ? 1 : 0;
	}
	for (i = 0; i < m->n && n < max; i++)
		if (!fnmatch(m->s[i].file, base_name(path), 0))
			out[n++] = &m->s[i];
	return n;
}

const char *ev_map_code(const struct ev_map_section *s, const char *field, const char *from,
                        bool *has_list)
{
	const char *star = NULL;
	size_t i;

	*has_list = false;
	if (!s->ncodes)
		return NULL;
	for (i = 0; i < s->ncodes; i++) {
		if (strcmp(s->codes[i].field, field))
			continue;
		*has_list = true;
		if (!strcmp(s->codes[i].from, from))
			return s->codes[i].to;
		if (!strcmp(s->codes[i].from, "*"))
			star = s->codes[i].to;
	}
	return star;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int set(char *dst, size_t n, const char *v, const char *path, int line, struct styr_err *err)
{
	if (strlen(v) >= n)
		return styr_error(err, STYR_EINPUT,
		                  "%s:%d: \"%s\" is too long: at most %zu characters", path, line,
		                  v, n - 1);
	memcpy(dst, v, strlen(v) + 1);
	return STYR_OK;
}

static int line_in(struct ev_map_section *s, char *key, char *val, const char *path, int line,
                   struct styr_err *err)
{
	struct ev_map_col *c;
	char *minus;
	int f;

	if (!strcmp(key, "file"))
		return set(s->file, sizeof(s->file), val, path, line, err);
	if (!strcmp(key, "time_format"))
		return set(s->time_format, sizeof(s->time_format), val, path, line, err);
	if (!strcmp(key, "date_format"))
		return set(s->date_format, sizeof(s->date_format), val, path, line, err);
	if (!strcmp(key, "require"))
		return set(s->require, sizeof(s->require), val, path, line, err);
	if (!strcmp(key, "separator")) {
		if (!strcmp(val, "tab"))
			s->sep = '\t';
		else if (strlen(val) == 1)
			s->sep = val[0];
		else
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: separator \"%s\": expected one character or tab",
			                  path, line, val);
		return STYR_OK;
	}
	if (!strncmp(key, "code ", 5)) {
		struct ev_map_code *cd;
		char *rest = trim(key + 5), *sp = strchr(rest, ' ');

		if (!sp)
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: \"%s\": expected code FIELD VALUE = STYR-CODE",
			                  path, line, key);
		*sp = '\0';
		if (field_index(s->kind, rest) < 0)
			return styr_error(err, STYR_EINPUT,
			                  "%s:%d: code list for \"%s\": no such field of %s", path,
			                  line, rest, ev_kinds[s->kind].name);
		if (styr_array_grow((void **)&s->codes, &s->capcodes, s->ncodes, sizeof(*s->codes),
		                    err))
			return err->code;
		cd = &s->codes[s->ncodes];
		memset(cd, 0, sizeof(*cd));
		if (set(cd->field, sizeof(cd->field), rest, path, line, err) ||
		    set(cd->from, sizeof(cd->from), trim(sp + 1), path, line, err) ||
		    set(cd->to, sizeof(cd->to), val, path, line, err))
			return err->code;
		s->ncodes++;
		return STYR_OK;
	}
	f = field_index(s->kind, key);
	if (f < 0)
		return styr_error(err, STYR_EINPUT,
		                  "%s:%d: \"%s\": not a field of %s (expected file, time_format, "
		                  "date_format, separator, require, code or a field)",
		                  path, line, key, ev_kinds[s->kind].name);
	c = &s->cols[s->ncols++];
	memset(c, 0, sizeof(*c));
	snprintf(c->field, sizeof(c->field), "%s", key);
	if (!strncmp(val, "const:", 6)) {
		c->is_const = true;
		return set(c->konst, sizeof(c->konst), val + 6, path, line, err);
	}
	minus = strstr(val, " - ");
	if (minus) {
		*minus = '\0';
		if (set(c->minus, sizeof(c->minus), trim(minus + 3), path, line, err))
			return err->code;
	}
	return set(c->src, sizeof(c->src), trim(val), path, line, err);
}

int ev_map_read(const char *path, struct ev_map *m, struct styr_err *err)
{
	FILE *f = fopen(path, "r");
	char buf[1024], *l, *eq;
	struct ev_map_section *cur = NULL;
	int line = 0, rc = STYR_OK;
	size_t i;

	memset(m, 0, sizeof(*m));
	if (!f)
		return styr_error(err, STYR_EIO, "%s: cannot be read", path);
	snprintf(m->path, sizeof(m->path), "%s", path);
	while (!rc && fgets(buf, sizeof(buf), f)) {
		line++;
		l = trim(buf);
		if (!*l || *l == '#')
			continue;
		if (*l == '[') {
			char *end = strchr(l, ']');
			int k = end ? kind_by_name(l + 1, (size_t)(end - l - 1)) : -1;
			void *p;

			if (k < 0) {
				rc = styr_error(
				    err, STYR_EINPUT,
				    "%s:%d: section %s: expected [waitlist], [visits], [ed], "
				    "[inpatient], [operations], [census], [drg] or [patients]",
				    path, line, l);
				break;
			}
			p = realloc(m->s, (m->n + 1) * sizeof(*m->s));
			if (!p) {
				rc = styr_error(err, STYR_ENOMEM, "out of memory");
				break;
			}
			m->s = p;
			cur = &m->s[m->n++];
			memset(cur, 0, sizeof(*cur));
			cur->kind = k;
			cur->sep = ',';
			snprintf(cur->file, sizeof(cur->file), "%s.csv*", ev_kinds[k].name);
			continue;
		}
		eq = strchr(l, '=');
		if (!cur || !eq) {
			rc = styr_error(err, STYR_EINPUT,
			                "%s:%d: expected [kind] or key = value, found \"%s\"", path,
			                line, l);
			break;
		}
		*eq = '\0';
		rc = line_in(cur, trim(l), trim(eq + 1), path, line, err);
	}
	fclose(f);
	for (i = 0; !rc && i < m->n; i++) {
		int k = m->s[i].kind, j, c;

		for (j = 0; j < ev_kinds[k].nfields && !rc; j++) {
			if (!ev_kinds[k].fields[j].required)
				continue;
			for (c = 0; c < m->s[i].ncols; c++)
				if (!strcmp(m->s[i].cols[c].field, ev_kinds[k].fields[j].name))
					break;
			if (c == m->s[i].ncols)
				rc = styr_error(
				    err, STYR_EINPUT,
				    "%s: section [%s] (file %s) does not say which column gives "
				    "%s",
				    path, ev_kinds[k].name, m->s[i].file,
				    ev_kinds[k].fields[j].name);
		}
	}
	if (rc)
		ev_map_release(m);
	return rc;
}

void ev_map_release(struct ev_map *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->s[i].codes);
	free(m->s);
	m->s = NULL;
	m->n = 0;
}
