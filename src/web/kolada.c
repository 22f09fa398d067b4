/*
 * Open data in Kolada's shape: the API of Kolada, the national KPI
 * database, under /v2/ and /v3/, so that the clients analysts already
 * use (rKolada, kolada for Python and JavaScript, Excel queries) read a
 * region's own published indicators when pointed at styr.  It answers
 * only with what was decided open (styr/opendata.h): yearly values of
 * published indicators for units whose report for the year is approved,
 * the published indicators themselves, the units with an official code
 * ("municipality") and the units below them that have open values
 * ("ou").  Nothing needs a login, and nothing else of styr is reachable
 * through it; the server serves these routes only with --open-data.
 *
 * Kolada's conventions kept here (its v2 README at github.com/Hypergene/
 * kolada and the v3 documentation at api.kolada.se): every id segment is
 * a comma-separated list and an id that is not known is skipped (200, an
 * empty list rather than 404); a period is an integer year; "values"
 * holds one entry per gender: the total "T" (styr's value) and "K" and
 * "M" where styr holds a breakdown (value_gender); paging with page
 * from 1 and per_page up to 5000 (default 5000), v2 giving next_page /
 * previous_page as full URLs only when such a page exists, v3 next_url /
 * previous_url as null when none; v3 marks every value isdeleted.
 * Unknown query parameters are ignored.
 *
 * Each answer is built from one walk of the open values (one query) and
 * kept in the server's cache under a hash of the request and the data
 * version, with an ETag that hashes its bytes (so that any worker thread
 * gives the same tag for the same answer): a client that asks again gets
 * 304, and another client the cached bytes.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "web/web.h"

#define KOLADA_PER_PAGE 5000

struct kunit {
	struct styr_org_unit u;
	char official[STYR_CODE_MAX]; /* its own code: a municipality */
	char muni[STYR_CODE_MAX];     /* the code of the unit above it that has one */
	bool has_values;
	bool pick;
};

struct kind {
	struct styr_indicator ind;
	struct styr_open_indicator pub;
	bool has_ou_data;
	bool by_gender; /* it has values for women and men */
	bool open;      /* published on or before today */
	bool pick;
};

struct kval {
	size_t ind, unit;
	struct styr_open_value v;
};

/* Everything open on one day, and which of it a request picked. */
struct open_set {
	struct kunit *units;
	size_t nunits, capunits;
	struct kind *inds;
	size_t ninds, capinds;
	struct kval *vals;
	size_t nvals, capvals;
	struct kval *gone; /* withdrawn values (is_deleted), their time in changed */
	size_t ngone, capgone;
	char today[STYR_DATE_MAX];
	struct styr_err *err;
};

static void open_set_release(struct open_set *s)
{
	free(s->units);
	free(s->inds);
	free(s->vals);
	free(s->gone);
}

static int unit_cb(void *ctx, const struct styr_org_unit *u)
{
	struct open_set *s = ctx;

	if (styr_array_grow((void **)&s->units, &s->capunits, s->nunits, sizeof(*s->units), s->err))
		return 1;
	memset(&s->units[s->nunits], 0, sizeof(s->units[0]));
	s->units[s->nunits++].u = *u;
	return 0;
}

static int unit_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kunit *)a)->u.code, ((const struct kunit *)b)->u.code);
}

static struct kunit *unit_find(struct open_set *s, const char *code)
{
	struct kunit key;

	snprintf(key.u.code, sizeof(key.u.code), "%s", code);
	return bsearch(&key, s->units, s->nunits, sizeof(*s->units), unit_cmp);
}

static int official_cb(void *ctx, const struct styr_open_unit *o)
{
	struct kunit *u = unit_find(ctx, o->unit);

	if (u)
		snprintf(u->official, sizeof(u->official), "%s", o->official_code);
	return 0;
}

static int ind_cb(void *ctx, const struct styr_indicator *ind)
{
	struct open_set *s = ctx;

	if (styr_array_grow((void **)&s->inds, &s->capinds, s->ninds, sizeof(*s->inds), s->err))
		return 1;
	memset(&s->inds[s->ninds], 0, sizeof(s->inds[0]));
	s->inds[s->ninds++].ind = *ind;
	return 0;
}

static struct kind *ind_find(struct open_set *s, const char *code)
{
	size_t i;

	for (i = 0; i < s->ninds; i++)
		if (!strcmp(s->inds[i].ind.code, code))
			return &s->inds[i];
	return NULL;
}

static int pub_cb(void *ctx, const struct styr_open_indicator *o)
{
	struct open_set *s = ctx;
	struct kind *k = ind_find(s, o->indicator);

	if (k)
		k->pub = *o;
	return 0;
}

static int value_cb(void *ctx, const struct styr_open_value *v)
{
	struct open_set *s = ctx;
	struct kunit *u = unit_find(s, v->value.unit);
	struct kind *k = ind_find(s, v->value.indicator);

	if (!u || !k || (!u->official[0] && !u->muni[0]))
		return 0; /* a unit outside every municipality is not open */
	if (styr_array_grow((void **)&s->vals, &s->capvals, s->nvals, sizeof(*s->vals), s->err))
		return 1;
	s->vals[s->nvals].ind = (size_t)(k - s->inds);
	s->vals[s->nvals].unit = (size_t)(u - s->units);
	s->vals[s->nvals].v = *v;
	s->nvals++;
	u->has_values = true;
	if (!u->official[0])
		k->has_ou_data = true;
	if (strcmp(v->gender, "T"))
		k->by_gender = true;
	return 0;
}

/* A withdrawn value, answered with is_deleted while its indicator stays
 * withdrawn. */
static int gone_cb(void *ctx, const struct styr_open_value *v)
{
	struct open_set *s = ctx;
	struct kunit *u = unit_find(s, v->value.unit);
	struct kind *k = ind_find(s, v->value.indicator);

	if (!u || !k || k->open || (!u->official[0] && !u->muni[0]))
		return 0;
	if (styr_array_grow((void **)&s->gone, &s->capgone, s->ngone, sizeof(*s->gone), s->err))
		return 1;
	s->gone[s->ngone].ind = (size_t)(k - s->inds);
	s->gone[s->ngone].unit = (size_t)(u - s->units);
	s->gone[s->ngone].v = *v;
	s->ngone++;
	return 0;
}

/* Mark the indicators that are public today. */
static void mark_published(struct open_set *s)
{
	size_t i;

	for (i = 0; i < s->ninds; i++)
		s->inds[i].open =
		    s->inds[i].pub.published[0] && strcmp(s->inds[i].pub.published, s->today) <= 0;
}

static int open_set_load(struct req *r, struct open_set *s, struct styr_err *err)
{
	struct styr_db *db = r->db;
	time_t now = time(NULL);
	struct tm tm;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->err = err;
	gmtime_r(&now, &tm);
	strftime(s->today, sizeof(s->today), "%Y-%m-%d", &tm);
	if (styr_org_each(db, unit_cb, s, err) || err->code)
		return -1;
	qsort(s->units, s->nunits, sizeof(*s->units), unit_cmp);
	if (styr_open_unit_each(db, official_cb, s, err) || err->code)
		return -1;
	/* The municipality of a unit: the nearest unit above it with an
	 * official code (bounded, so a cycle in bad data cannot hang it). */
	for (i = 0; i < s->nunits; i++) {
		struct kunit *p = &s->units[i];
		int depth = 0;

		if (p->official[0])
			continue;
		while (p && !p->official[0] && p->u.parent[0] && depth++ < 64)
			p = unit_find(s, p->u.parent);
		if (p && p->official[0])
			snprintf(s->units[i].muni, sizeof(s->units[i].muni), "%s", p->official);
	}
	if (styr_indicator_each(db, ind_cb, s, err) || err->code ||
	    styr_open_indicator_each(db, pub_cb, s, err) || err->code)
		return -1;
	mark_published(s);
	if (styr_open_value_each(db, s->today, value_cb, s, err) || err->code ||
	    styr_open_withdrawn_each(db, gone_cb, s, err) || err->code)
		return -1;
	return 0;
}

/* The ids a client knows: the Kolada id where the indicator has one, the
 * official code of a municipality, styr's code of an ou. */
static const char *kpi_id(const struct kind *k)
{
	return k->pub.kolada_id[0] ? k->pub.kolada_id : k->ind.code;
}

static const char *unit_id(const struct kunit *u)
{
	return u->official[0] ? u->official : u->u.code;
}

/* --- picking by comma-separated lists --- */

/* Call pick(s, token) for each token of the comma-separated list. */
static void each_token(struct open_set *s, const char *list,
                       void (*pick)(struct open_set *, const char *))
{
	char tok[STYR_CODE_MAX];

	while (list && *list) {
		size_t n = strcspn(list, ",");

		if (n > 0 && n < sizeof(tok)) {
			memcpy(tok, list, n);
			tok[n] = '\0';
			pick(s, tok);
		}
		list += n;
		if (*list == ',')
			list++;
	}
}

static void pick_kpi(struct open_set *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->ninds; i++)
		if (!strcmp(s->inds[i].ind.code, id) || !strcmp(s->inds[i].pub.kolada_id, id))
			s->inds[i].pick = true;
}

static void pick_muni(struct open_set *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->nunits; i++)
		if (s->units[i].official[0] &&
		    (!strcmp(s->units[i].official, id) || !strcmp(s->units[i].u.code, id)))
			s->units[i].pick = true;
}

static void pick_ou(struct open_set *s, const char *id)
{
	struct kunit *u = unit_find(s, id);

	if (u && !u->official[0] && u->muni[0])
		u->pick = true;
}

/* Years are kept as a small set; a token that is not a year is skipped. */
#define KOLADA_YEARS 64
struct years {
	int y[KOLADA_YEARS];
	size_t n;
	bool given;
};

static void years_add(struct years *ys, const char *list)
{
	ys->given = true;
	while (list && *list) {
		char *end;
		long y = strtol(list, &end, 10);

		if (end != list && (*end == ',' || !*end) && y > 0 && y < 10000 &&
		    ys->n < KOLADA_YEARS)
			ys->y[ys->n++] = (int)y;
		list += strcspn(list, ",");
		if (*list == ',')
			list++;
	}
}

static bool years_has(const struct years *ys, int y)
{
	size_t i;

	if (!ys->given)
		return true;
	for (i = 0; i < ys->n; i++)
		if (ys->y[i] == y)
			return true;
	return false;
}

/* --- the request: query parameters and paging --- */

struct query {
	struct req *r;
	int version; /* 2 or 3 */
	long page, per_page;
	const char *from_date;
	/* set while v3's keys (repeated or comma-separated) pick from it */
	struct open_set *set;
	struct years *years;
	bool kpi_given, muni_given, ou_given;
	/* the canonical request, hashed for the cache key and the ETag */
	uint64_t h1, h2;
	/* the query string without page, for next/previous links */
	struct styr_buf rest;
	struct styr_err *err;
};

static void hash_add(struct query *q, const char *s)
{
	for (; s && *s; s++) {
		q->h1 = (q->h1 ^ (unsigned char)*s) * 1099511628211ull;
		q->h2 = q->h2 * 33 + (unsigned char)*s;
	}
	q->h1 = (q->h1 ^ 0xff) * 1099511628211ull;
	q->h2 = q->h2 * 33 + 0xff;
}

static void url_escape(struct styr_buf *b, const char *s, struct styr_err *err)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-_.~,", c)) {
			styr_buf_add(b, s, 1, err);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};

			styr_buf_add(b, e, 3, err);
		}
	}
}

static enum MHD_Result arg_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *value)
{
	struct query *q = cls;

	(void)kind;
	if (q->set) { /* v3's filters */
		if (!value)
			return MHD_YES;
		if (!strcmp(key, "kpi_id")) {
			q->kpi_given = true;
			each_token(q->set, value, pick_kpi);
		} else if (!strcmp(key, "municipality_id")) {
			q->muni_given = true;
			each_token(q->set, value, pick_muni);
		} else if (!strcmp(key, "ou_id")) {
			q->ou_given = true;
			each_token(q->set, value, pick_ou);
		} else if (!strcmp(key, "year")) {
			years_add(q->years, value);
		}
		return MHD_YES;
	}
	hash_add(q, key);
	hash_add(q, value ? value : "");
	if (!strcmp(key, "page"))
		return MHD_YES;
	if (q->rest.len)
		styr_buf_add(&q->rest, "&", 1, q->err);
	url_escape(&q->rest, key, q->err);
	if (value) {
		styr_buf_add(&q->rest, "=", 1, q->err);
		url_escape(&q->rest, value, q->err);
	}
	return MHD_YES;
}

/* A positive number no larger than max, or a 400 naming the field. */
static int number_or_reply(struct req *r, const char *field, long max, long *out)
{
	const char *text = web_query(r, field);
	char *end;
	long n;

	if (!text)
		return 0;
	n = strtol(text, &end, 10);
	if (end == text || *end || n < 1 || n > max)
		return web_fail(r, 400, "invalid_parameter",
		                "%s \"%s\": expected a number 1 to %ld", field, text, max);
	*out = n;
	return 0;
}

static int query_or_reply(struct req *r, struct query *q, int version, struct styr_err *err)
{
	memset(q, 0, sizeof(*q));
	q->r = r;
	q->version = version;
	q->err = err;
	q->page = 1;
	q->per_page = KOLADA_PER_PAGE;
	q->h1 = 1469598103934665603ull;
	q->h2 = 5381;
	styr_buf_init(&q->rest, WEB_PAGE_MAX);
	if (number_or_reply(r, "page", 1000000, &q->page) ||
	    number_or_reply(r, "per_page", KOLADA_PER_PAGE, &q->per_page))
		return -1;
	q->from_date = web_query(r, "from_date");
	if (q->from_date) {
		struct styr_err e;

		styr_err_init(&e);
		/* Kolada takes a day; a time after it is allowed and ignored. */
		if (strlen(q->from_date) < 10) {
			return web_fail(r, 400, "invalid_parameter",
			                "from_date \"%s\": expected a date such as 2024-03-01",
			                q->from_date);
		} else {
			char day[STYR_DATE_MAX];

			snprintf(day, sizeof(day), "%.10s", q->from_date);
			if (styr_date_check(day, &e))
				return web_fail(
				    r, 400, "invalid_parameter",
				    "from_date \"%s\": expected a date such as 2024-03-01",
				    q->from_date);
		}
	}
	return 0;
}

/* Hash what decides the answer: the path, the query, the host the links
 * name and the day (publication dates). */
static void query_hash(struct req *r, struct query *q, const char *today)
{
	const char *host = web_header(r, "Host");

	hash_add(q, r->url);
	hash_add(q, host ? host : "");
	hash_add(q, r->secure ? "https" : "http");
	hash_add(q, today);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, arg_cb, q);
}

static json_t *page_url(struct req *r, const struct query *q, long page)
{
	const char *host = web_header(r, "Host");
	char *text = NULL;
	json_t *j;

	if (asprintf(&text, "%s://%s%s?%.*s%spage=%ld", r->secure ? "https" : "http",
	             host ? host : "localhost", r->url, (int)q->rest.len,
	             q->rest.data ? q->rest.data : "", q->rest.len ? "&" : "", page) < 0)
		return json_null();
	j = json_string(text);
	free(text);
	return j ? j : json_null();
}

/* Wrap the whole list all (taken) into one page of Kolada's answer. */
static json_t *paged(struct req *r, const struct query *q, json_t *all)
{
	size_t total = json_array_size(all), from = (size_t)((q->page - 1) * q->per_page), i;
	json_t *values = json_array(), *doc;
	bool next = from + (size_t)q->per_page<total, prev = q->page> 1;

	for (i = from; i < total && i < from + (size_t)q->per_page; i++)
		json_array_append(values, json_array_get(all, i));
	json_decref(all);
	doc =
	    json_pack("{s:I,s:o}", "count", (json_int_t)json_array_size(values), "values", values);
	if (q->version == 2) {
		if (next)
			json_object_set_new(doc, "next_page", page_url(r, q, q->page + 1));
		if (prev)
			json_object_set_new(doc, "previous_page", page_url(r, q, q->page - 1));
	} else {
		json_object_set_new(doc, "next_url",
		                    next ? page_url(r, q, q->page + 1) : json_null());
		json_object_set_new(doc, "previous_url",
		                    prev ? page_url(r, q, q->page - 1) : json_null());
	}
	return doc;
}

/* --- answers --- */

/* One gender's value: {"count","gender","status","value"} as Kolada has
 * it, with the deletion flag v3 always and v2 with from_date gives; a
 * withdrawn value is null, counted 0, and deleted. */
static json_t *gender_json(const struct query *q, const struct kval *v, bool deleted)
{
	const struct styr_num *n = &v->v.value.num;
	bool have = !deleted && n->kind == STYR_NUM_VALUE;
	json_t *g = json_pack("{s:I,s:s,s:s,s:o}", "count", (json_int_t)(deleted ? 0 : 1), "gender",
	                      v->v.gender, "status", have || deleted ? "" : "Missing", "value",
	                      have ? json_real(n->value) : json_null());

	if (q->version == 3)
		json_object_set_new(g, "isdeleted", json_boolean(deleted));
	else if (q->from_date)
		json_object_set_new(g, "is_deleted", json_boolean(deleted));
	return g;
}

/* The segments of a v2 data path: the literal before each capture says
 * what it filters ("/v2/data/kpi/{kpi}/year/{year}"). */
static void pick_from_path(struct req *r, struct query *q, struct years *ys)
{
	const char *p = r->route->pattern;
	int n = 0;

	while ((p = strchr(p, '{'))) {
		if (!strncmp(p, "{kpi}", 5)) {
			q->kpi_given = true;
			each_token(q->set, r->params[n], pick_kpi);
		} else if (!strncmp(p, "{municipality}", 14)) {
			q->muni_given = true;
			each_token(q->set, r->params[n], pick_muni);
		} else if (!strncmp(p, "{ou}", 4)) {
			q->ou_given = true;
			each_token(q->set, r->params[n], pick_ou);
		} else if (!strncmp(p, "{year}", 6)) {
			years_add(ys, r->params[n]);
		}
		n++;
		p++;
	}
}

/* Append Kolada's entries for vals[0..n) to all: the rows of an
 * indicator's unit's year are consecutive, one per gender (T, K, M). */
static void add_entries(const struct query *q, const struct open_set *s, const struct kval *vals,
                        size_t n, bool ou, const struct years *ys, bool deleted, json_t *all)
{
	size_t i;

	for (i = 0; i < n;) {
		const struct kval *v = &vals[i];
		const struct kunit *u = &s->units[v->unit];
		size_t end = i + 1;
		json_t *genders;

		while (end < n && vals[end].ind == v->ind && vals[end].unit == v->unit &&
		       vals[end].v.value.period.year == v->v.value.period.year)
			end++;
		if ((ou ? u->official[0] != '\0' : !u->official[0]) ||
		    (q->kpi_given && !s->inds[v->ind].pick) || (!ou && q->muni_given && !u->pick) ||
		    (ou && q->ou_given && !u->pick) || !years_has(ys, v->v.value.period.year)) {
			i = end;
			continue;
		}
		genders = json_array();
		for (; i < end; i++)
			if (!q->from_date || strncmp(vals[i].v.changed, q->from_date, 10) >= 0)
				json_array_append_new(genders, gender_json(q, &vals[i], deleted));
		if (!json_array_size(genders)) {
			json_decref(genders);
			continue;
		}
		json_array_append_new(
		    all, json_pack("{s:s,s:s,s:i,s:o}", "kpi", kpi_id(&s->inds[v->ind]),
		                   ou ? "ou" : "municipality", unit_id(u), "period",
		                   v->v.value.period.year, "values", genders));
	}
}

/* The open values a data route asks for; with from_date also the values
 * withdrawn since (after the open ones). */
static json_t *data_answer(struct req *r, struct query *q, struct open_set *s, bool ou)
{
	struct years ys;
	json_t *all = json_array();

	memset(&ys, 0, sizeof(ys));
	q->set = s;
	q->years = &ys;
	if (q->version == 2)
		pick_from_path(r, q, &ys);
	else
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, arg_cb, q);
	add_entries(q, s, s->vals, s->nvals, ou, &ys, false, all);
	if (q->from_date)
		add_entries(q, s, s->gone, s->ngone, ou, &ys, true, all);
	return all;
}

/* A case-insensitive substring test for the metadata filters (ASCII
 * letters fold; å, ä and ö must be given as stored). */
static bool matches(const char *text, const char *filter)
{
	return !filter || strcasestr(text, filter) != NULL;
}

static bool in_list(const char *list, const char *id, const char *id2)
{
	size_t n = id ? strlen(id) : 0, n2 = id2 ? strlen(id2) : 0;

	while (list && *list) {
		size_t len = strcspn(list, ",");

		if ((n && len == n && !strncmp(list, id, n)) ||
		    (n2 && len == n2 && !strncmp(list, id2, n2)))
			return true;
		list += len;
		if (*list == ',')
			list++;
	}
	return false;
}

static json_t *kpi_json(const struct query *q, const struct kind *k)
{
	const char *cat = styr_indicator_category_name(k->ind.category);
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o}", "id", kpi_id(k), "title",
	                      k->ind.name, "description", k->ind.definition, "operating_area", cat,
	                      "municipality_type", "L", "perspective", "", "publication_date",
	                      k->pub.published, "ou_publication_date",
	                      k->has_ou_data ? json_string(k->pub.published) : json_null(),
	                      "has_ou_data", json_boolean(k->has_ou_data));

	json_object_set_new(j, q->version == 2 ? "auspice" : "auspices", json_string(""));
	json_object_set_new(j, "is_divided_by_gender",
	                    q->version == 2 ? json_integer(k->by_gender)
	                                    : json_boolean(k->by_gender));
	return j;
}

/* KPI groups: styr's goals, each with the published indicators linked to
 * it (the X-matris's rows), as Kolada's groups of KPIs are. */
struct groups {
	struct open_set *s;
	const char *title, *ids;
	json_t *all;
	json_t *members; /* goal code -> [members] */
};

static int group_link_cb(void *ctx, const char *goal, const char *indicator)
{
	struct groups *g = ctx;
	size_t i;

	for (i = 0; i < g->s->ninds; i++) {
		const struct kind *k = &g->s->inds[i];
		json_t *list;

		if (!k->open || strcmp(k->ind.code, indicator))
			continue;
		list = json_object_get(g->members, goal);
		if (!list) {
			list = json_array();
			json_object_set_new(g->members, goal, list);
		}
		json_array_append_new(list, json_pack("{s:s,s:s}", "member_id", kpi_id(k),
		                                      "member_title", k->ind.name));
	}
	return 0;
}

static int group_cb(void *ctx, const struct styr_goal *goal)
{
	struct groups *g = ctx;
	json_t *list = json_object_get(g->members, goal->code);

	if (!list || (g->ids && !in_list(g->ids, goal->code, NULL)) ||
	    !matches(goal->title, g->title))
		return 0;
	json_array_append_new(g->all, json_pack("{s:s,s:s,s:O}", "id", goal->code, "title",
	                                        goal->title, "members", list));
	return 0;
}

static json_t *meta_answer(struct req *r, struct query *q, struct open_set *s, const char *entity,
                           const char *ids)
{
	const char *title = web_query(r, "title"), *desc = web_query(r, "description");
	const char *area = web_query(r, "operating_area"), *type = web_query(r, "type");
	const char *muni = web_query(r, "municipality");
	json_t *all = json_array();
	size_t i;

	if (!strcmp(entity, "kpi")) {
		for (i = 0; i < s->ninds; i++) {
			const struct kind *k = &s->inds[i];

			if (!k->open || (ids && !in_list(ids, k->ind.code, k->pub.kolada_id)) ||
			    !matches(k->ind.name, title) || !matches(k->ind.definition, desc) ||
			    !matches(styr_indicator_category_name(k->ind.category), area))
				continue;
			json_array_append_new(all, kpi_json(q, k));
		}
	} else if (!strcmp(entity, "municipality")) {
		for (i = 0; i < s->nunits; i++) {
			const struct kunit *u = &s->units[i];
			const char *t = u->u.kind == STYR_ORG_REGION ? "L" : "K";

			if (!u->official[0] || (ids && !in_list(ids, u->official, u->u.code)) ||
			    !matches(u->u.name, title) || (type && strcmp(type, t)))
				continue;
			json_array_append_new(all, json_pack("{s:s,s:s,s:s}", "id", u->official,
			                                     "title", u->u.name, "type", t));
		}
	} else if (!strcmp(entity, "ou")) {
		for (i = 0; i < s->nunits; i++) {
			const struct kunit *u = &s->units[i];
			const struct kunit *m = NULL;
			size_t j;

			if (u->official[0] || !u->muni[0] || !u->has_values ||
			    (ids && !in_list(ids, u->u.code, NULL)) || !matches(u->u.name, title))
				continue;
			for (j = 0; j < s->nunits && !m; j++)
				if (!strcmp(s->units[j].official, u->muni))
					m = &s->units[j];
			if (muni && !in_list(muni, u->muni, m ? m->u.code : NULL))
				continue;
			json_array_append_new(all, json_pack("{s:s,s:s,s:s}", "id", u->u.code,
			                                     "municipality", u->muni, "title",
			                                     u->u.name));
		}
	} else if (!strcmp(entity, "kpi_groups")) {
		struct groups g = {s, title, ids, all, json_object()};

		if (styr_goal_indicator_each(r->db, group_link_cb, &g, q->err) ||
		    styr_goal_each(r->db, group_cb, &g, q->err))
			styr_error(q->err, STYR_ESTORE, "reading the goals");
		json_decref(g.members);
	}
	/* municipality_groups: styr keeps no groups of units. */
	return all;
}

/* The whole answer of a request, from the cache when the data has not
 * changed since it was built. */
static int kolada_answer(struct req *r, int version, bool data, bool ou)
{
	struct open_set s;
	struct query q;
	struct styr_err err;
	char key[WEB_CACHE_KEY], etag[64], today[STYR_DATE_MAX];
	const char *inm;
	json_t *doc = NULL, *all;
	time_t now = time(NULL);
	struct tm tm;
	int rc = 0;

	styr_err_init(&err);
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (query_or_reply(r, &q, version, &err)) {
		styr_buf_release(&q.rest);
		return -1;
	}
	query_hash(r, &q, today);
	snprintf(key, sizeof(key), "kolada:%016llx%016llx", (unsigned long long)q.h1,
	         (unsigned long long)q.h2);
	r->content_type = "application/json";
	if (!web_cache_get_etag(r, key, etag, sizeof(etag))) {
		if (open_set_load(r, &s, &err)) {
			open_set_release(&s);
			styr_buf_release(&q.rest);
			return web_fail_err(r, &err);
		}
		if (data) {
			all = data_answer(r, &q, &s, ou);
		} else {
			const char *p = r->route->pattern + 4; /* past "/v2/" */
			char entity[32];

			snprintf(entity, sizeof(entity), "%.*s", (int)strcspn(p, "/"), p);
			all = meta_answer(r, &q, &s, entity, strchr(p, '{') ? r->params[0] : NULL);
		}
		doc = paged(r, &q, all);
		open_set_release(&s);
		if (q.err->code)
			rc = web_fail_err(r, q.err);
		else
			rc = web_send_json(r, 200, doc), doc = NULL;
		json_decref(doc);
		if (rc) {
			styr_buf_release(&q.rest);
			return rc;
		}
		web_cache_put(r, key, 0);
		web_etag(r, 0, etag, sizeof(etag));
	}
	styr_buf_release(&q.rest);
	/* The ETag is a hash of the answer's bytes: whichever worker answers,
	 * the same answer has the same tag. */
	snprintf(r->etag, sizeof(r->etag), "%s", etag);
	inm = web_header(r, "If-None-Match");
	if (inm && !strcmp(inm, etag)) {
		styr_buf_reset(&r->out);
		r->status = 304;
	}
	return 0;
}

int kolada_v2_data(struct req *r)
{
	return kolada_answer(r, 2, true, false);
}

int kolada_v2_oudata(struct req *r)
{
	return kolada_answer(r, 2, true, true);
}

int kolada_v3_data(struct req *r)
{
	return kolada_answer(r, 3, true, false);
}

int kolada_v3_oudata(struct req *r)
{
	return kolada_answer(r, 3, true, true);
}

int kolada_v2_meta(struct req *r)
{
	return kolada_answer(r, 2, false, false);
}

int kolada_v3_meta(struct req *r)
{
	return kolada_answer(r, 3, false, false);
}
