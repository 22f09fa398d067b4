/*
 * The HTTP server: libmicrohttpd with a pool of HTTP worker threads, each
 * polling its share of the connections on a database handle of its own
 * (SQLite WAL readers in parallel, a PostgreSQL connection each).  A
 * request that may wait long is suspended and queued for a pool of its
 * own (struct pool): password checks, reports and imports for the slow
 * pool, every other write for the write pool, so that a write waiting for
 * another process's write lock holds up no read.  Per-request state is
 * allocated when a request starts, collects the body up to WEB_BODY_MAX,
 * and is freed in the completion callback.
 *
 * Dispatch is one walk of the route table: match the path (a path that
 * matches with another method is 405, none is 404), find who asks (session
 * cookie, or a Bearer token for scripts), check the role the route needs —
 * on the {unit} of the path when it has one, since grants inherit down the
 * org tree — check the CSRF token of a state-changing request made with a
 * session cookie, and only then call the handler.  A refusal changes
 * nothing, because nothing has been written before it.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"

#define SESSION_COOKIE "styr_session"

void out_s(struct req *r, const char *s)
{
	styr_buf_puts(&r->out, s, &r->err);
}

void out_h(struct req *r, const char *s)
{
	styr_buf_html(&r->out, s ? s : "", &r->err);
}

void out_f(struct req *r, const char *fmt, ...)
{
	va_list ap;
	char small[1024], *big = NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		styr_buf_add(&r->out, small, (size_t)n, &r->err);
		return;
	}
	big = malloc((size_t)n + 1);
	if (!big) {
		styr_error(&r->err, STYR_ENOMEM, "out of memory");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	styr_buf_add(&r->out, big, (size_t)n, &r->err);
	free(big);
}

const char *web_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *web_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *web_field(struct req *r, const char *name)
{
	size_t len;

	return web_field_len(r, name, &len);
}

const char *web_field_file(struct req *r, const char *name, size_t *len, const char **filename)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (!strcmp(r->fields[i].name, name)) {
			*len = r->fields[i].len;
			*filename = r->fields[i].filename;
			return r->fields[i].value;
		}
	*len = 0;
	*filename = NULL;
	return NULL;
}

const char *web_field_len(struct req *r, const char *name, size_t *len)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (!strcmp(r->fields[i].name, name)) {
			*len = r->fields[i].len;
			return r->fields[i].value;
		}
	*len = 0;
	return NULL;
}

/* One table from error code to HTTP status, the API's stable code and
 * what a page says.  The library's messages are English, for the API and
 * the CLI; a page words the refusal in Swedish: the handler that knows
 * the field or the lock says more, and this sentence is the rest (a 5xx
 * says only the request id, see web_fail). */
static const struct {
	unsigned status;
	const char *name;
	const char *page;
} code_map[] = {
    [STYR_OK] = {200, "ok", ""},
    [STYR_EINPUT] = {400, "invalid_input",
                     "Uppgifterna gick inte att använda. Kontrollera dem och försök igen."},
    [STYR_ENOTFOUND] = {404, "not_found", "Det som efterfrågas finns inte."},
    [STYR_ELOCKED] = {423, "period_locked",
                      "Perioden är låst eftersom rapporten är godkänd. Inget sparades. En "
                      "administratör kan låsa upp rapporten."},
    [STYR_EPERM] = {403, "forbidden", "Du saknar behörighet för det här."},
    [STYR_ESTORE] = {500, "store_error", ""},
    [STYR_ENOMEM] = {500, "out_of_memory", ""},
    [STYR_EIO] = {500, "io_error", ""},
    [STYR_ETOOBIG] = {413, "too_large", "Uppgifterna är för stora."},
    [STYR_EUSAGE] = {400, "bad_request",
                     "Begäran gick inte att förstå. Ladda om sidan och försök igen."},
    [STYR_ECONFLICT] = {409, "conflict",
                        "Någon annan har just ändrat samma sak. Ladda om sidan och se hur det "
                        "står nu."},
};

unsigned web_status_of(enum styr_code code)
{
	return (unsigned)code < sizeof(code_map) / sizeof(code_map[0]) ? code_map[code].status
	                                                               : 500;
}

const char *web_err_text(enum styr_code code)
{
	return (unsigned)code < sizeof(code_map) / sizeof(code_map[0]) && code_map[code].page[0]
	           ? code_map[code].page
	           : "Något gick fel. Försök igen om en stund.";
}

const char *web_code_name(enum styr_code code)
{
	return (unsigned)code < sizeof(code_map) / sizeof(code_map[0]) ? code_map[code].name
	                                                               : "internal_error";
}

static void json_error(struct req *r, const char *code, const char *msg)
{
	json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;

	styr_buf_reset(&r->out);
	out_s(r, text ? text : "{\"error\":{\"code\":\"internal_error\",\"message\":\"\"}}");
	out_s(r, "\n");
	free(text);
	json_decref(j);
	r->content_type = "application/json";
}

int web_fail(struct req *r, unsigned status, const char *code, const char *fmt, ...)
{
	char msg[STYR_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->status = status;
	if (status == 403 || status == 423) {
		size_t n, j;
		unsigned char lead;

		snprintf(r->refused, sizeof(r->refused), "%u %.40s: %.200s", status, code, msg);
		/* cut where a character begins: the log keeps UTF-8 */
		n = j = strlen(r->refused);
		while (j > 0 && ((unsigned char)r->refused[j - 1] & 0xC0) == 0x80)
			j--;
		lead = j > 0 ? (unsigned char)r->refused[j - 1] : 0;
		if (lead >= 0xC0 && n - (j - 1) < (lead >= 0xF0 ? 4u : lead >= 0xE0 ? 3u : 2u))
			r->refused[j - 1] = '\0';
	}
	/* A server error's detail (a path, a database message) is for the
	 * operator's log; the client gets the request id to quote.  A request
	 * over its time (timed_out) says so itself, with the id. */
	if (status >= 500 && strcmp(code, "timeout") && strcmp(code, "busy")) {
		fprintf(stderr, "styr serve: request %lu: %s %s: %s\n", r->id, r->method, r->url,
		        msg);
		snprintf(msg, sizeof(msg),
		         r->is_api
		             ? "internal error; quote request id %lu to the administrator"
		             : "Ett fel uppstod på servern. Ange begäran nr %lu om du kontaktar "
		               "förvaltningen.",
		         r->id);
	}
	if (r->is_api) {
		json_error(r, code, msg);
		return -1;
	}
	styr_buf_reset(&r->out);
	page_error(r, status,
	           status == 404   ? "Sidan finns inte"
	           : status == 403 ? "Du saknar behörighet"
	           : status == 423 ? "Perioden är låst"
	           : status == 409 ? "Det går inte just nu"
	           : status >= 500 ? "Något gick fel"
	                           : "Felaktig begäran",
	           msg);
	r->status = status;
	return -1;
}

int web_fail_err(struct req *r, const struct styr_err *err)
{
	unsigned status = web_status_of(err->code);

	if (!r->is_api && status < 500)
		return web_fail(r, status, web_code_name(err->code), "%s", web_err_text(err->code));
	return web_fail(r, status, web_code_name(err->code), "%s", err->msg);
}

int web_redirect(struct req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->location, sizeof(r->location), fmt, ap);
	va_end(ap);
	r->status = 303;
	return 0;
}

int web_unit_or_reply(struct req *r, struct styr_org_unit *u)
{
	struct styr_err err;

	if (r->have_unit) {
		*u = r->unit_row;
		return 0;
	}
	styr_err_init(&err);
	if (styr_org_find(r->db, r->unit, u, &err)) {
		if (err.code == STYR_ENOTFOUND && !r->is_api)
			return web_fail(r, 404, "not_found", "Det finns ingen enhet ”%s”.",
			                r->unit);
		return web_fail_err(r, &err);
	}
	r->unit_row = *u;
	r->have_unit = true;
	return 0;
}

/* What a page says of a period it cannot read (text NULL or "": none
 * given), in buf; returns buf. */
static const char *web_period_text(const char *text, char *buf, size_t size)
{
	if (!text || !text[0])
		snprintf(buf, size, "Ange en period, till exempel 2025, 2025-03 eller 2025T2.");
	else
		snprintf(buf, size,
		         "Perioden ”%.60s” går inte att läsa. Skriv till exempel 2025, 2025-03 "
		         "eller 2025T2.",
		         text);
	return buf;
}

int web_period_or_reply(struct req *r, const char *field, const char *text, struct styr_period *p)
{
	struct styr_err err;
	char buf[160];

	styr_err_init(&err);
	if (text && !styr_period_parse(text, p, &err))
		return 0;
	if (r->is_api)
		return web_fail(r, 400, "invalid_period",
		                "%s \"%s\": expected a period such as 2025, 2025-03 or 2025T2",
		                field, text ? text : "");
	return web_fail(r, 400, "invalid_period", "%s", web_period_text(text, buf, sizeof(buf)));
}

void web_locked_text(struct req *r, const char *unit, const struct styr_period *p, char *buf,
                     size_t size)
{
	struct styr_report_state by;
	struct styr_org_unit u;
	struct styr_err err;
	char label[64];
	bool locked = false;

	styr_err_init(&err);
	if (!p || styr_period_lock(r->db, unit, p, &locked, &by, &err) || !locked ||
	    styr_org_find(r->db, by.unit, &u, &err)) {
		snprintf(buf, size, "%s", web_err_text(STYR_ELOCKED));
		return;
	}
	styr_period_label(p, label, sizeof(label));
	snprintf(buf, size,
	         "Perioden %s är låst: rapporten för %s godkändes av %s den %.10s. Inget "
	         "sparades. En administratör kan låsa upp rapporten.",
	         label, u.name, by.by, by.time);
}

enum styr_access_role web_role_on(struct req *r, const char *unit)
{
	enum styr_access_role role = STYR_ACCESS_NONE;
	struct styr_err err;

	enum styr_access_role anywhere = STYR_ACCESS_NONE;

	if (!r->logged_in)
		return STYR_ACCESS_NONE;
	styr_err_init(&err);
	if (styr_access_role_for(r->db, r->user, unit, &role, &anywhere, &err))
		return STYR_ACCESS_NONE;
	r->role_anywhere = (int)anywhere;
	return role;
}

static struct cache_entry *cache_slot(struct server *srv, const char *key, uint32_t epoch)
{
	uint32_t h = 2166136261u ^ epoch; /* FNV-1a, per worker's handle */

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return &srv->cache[h % WEB_CACHE_SLOTS];
}

void web_today(const struct req *r, char *buf, size_t size, int *year, int *month)
{
	if (r->srv->today[0]) {
		snprintf(buf, size, "%s", r->srv->today);
	} else {
		time_t t = time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(buf, size, "%Y-%m-%d", &tm);
	}
	*year = atoi(buf);
	*month = atoi(buf + 5);
}

/* The database's data version as this request's worker sees it.  SQLite's
 * counts per connection, so the worker's handle epoch (random, drawn when
 * the handle opened) is mixed in: a version from one worker never equals
 * another's, and a cached fragment or an ETag is only ever taken for the
 * data it was made from. */
int web_data_version(struct req *r, long long *out, struct styr_err *err)
{
	long long v;
	int rc = styr_db_data_version(r->db, &v, err);

	if (!rc)
		*out = (long long)(((unsigned long long)r->db_epoch << 32) ^ (unsigned long long)v);
	return rc;
}

void web_etag(const struct req *r, size_t from, char *etag, size_t size)
{
	unsigned char h[16];
	char hex[33];

	crypto_generichash(h, sizeof(h), (const unsigned char *)r->out.data + from,
	                   r->out.len - from, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(etag, size, "\"%s\"", hex);
}

int web_cache_get(struct req *r, const char *key)
{
	return web_cache_get_etag(r, key, NULL, 0);
}

int web_cache_get_etag(struct req *r, const char *key, char *etag, size_t size)
{
	struct cache_entry *e = cache_slot(r->srv, key, r->db_epoch);
	struct styr_err err;
	long long v;
	int found = 0;

	styr_err_init(&err);
	if (web_data_version(r, &v, &err))
		return 0;
	pthread_mutex_lock(&r->srv->cache_lock);
	if (e->data && !strcmp(e->key, key) && v == e->version) {
		styr_buf_add(&r->out, e->data, e->len, &r->err);
		if (etag)
			snprintf(etag, size, "%s", e->etag);
		found = 1;
	}
	pthread_mutex_unlock(&r->srv->cache_lock);
	metrics_cache(r->srv, found);
	return found;
}

void web_cache_put(struct req *r, const char *key, size_t from)
{
	struct cache_entry *e = cache_slot(r->srv, key, r->db_epoch);
	struct styr_err err;
	long long v;
	char *copy, etag[sizeof(e->etag)];

	styr_err_init(&err);
	if (r->err.code || from > r->out.len || strlen(key) >= sizeof(e->key) ||
	    web_data_version(r, &v, &err))
		return;
	web_etag(r, from, etag, sizeof(etag));
	copy = malloc(r->out.len - from + 1);
	if (!copy)
		return;
	memcpy(copy, r->out.data + from, r->out.len - from);
	pthread_mutex_lock(&r->srv->cache_lock);
	free(e->data);
	e->data = copy;
	e->len = r->out.len - from;
	e->version = v;
	snprintf(e->key, sizeof(e->key), "%s", key);
	snprintf(e->etag, sizeof(e->etag), "%s", etag);
	pthread_mutex_unlock(&r->srv->cache_lock);
}

void web_cache_release(struct server *srv)
{
	size_t i;

	for (i = 0; i < WEB_CACHE_SLOTS; i++) {
		free(srv->cache[i].data);
		srv->cache[i].data = NULL;
	}
}

/* Match path against pattern, capturing {x} segments. */
static bool match(const char *pattern, const char *path, struct req *r)
{
	int n = 0;

	r->unit = NULL;
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *end = strchr(pattern, '}');
			size_t len = strcspn(path, "/");

			if (!end || len == 0 || len >= WEB_PARAM_MAX || n >= WEB_PARAMS)
				return false;
			memcpy(r->params[n], path, len);
			r->params[n][len] = '\0';
			if (!strncmp(pattern, "{unit}", 6))
				r->unit = r->params[n];
			n++;
			pattern = end + 1;
			path += len;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

static void url_decode(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s == '+') {
			*o++ = ' ';
		} else if (*s == '%' && s[1] && s[2]) {
			char hex[3] = {s[1], s[2], 0};
			char *end;
			long v = strtol(hex, &end, 16);

			if (*end) {
				*o++ = *s;
				continue;
			}
			*o++ = (char)v;
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* A part of a multipart body, from libmicrohttpd's post processor: its
 * name, a file's name and its bytes copied into r->form_copy (which has
 * room for every part, being as large as the body), NUL-terminated, with
 * the length kept (a file may hold NUL bytes). */
static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *filename, const char *content_type,
                                      const char *transfer_encoding, const char *data, uint64_t off,
                                      size_t size)
{
	struct req *r = cls;
	size_t room = r->body.len + 2;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	/* A part without a name (Content-Disposition with no name=) comes
	 * with key NULL: no field can hold it, and its later chunks would
	 * continue the field before it, so the form is refused (found by
	 * fuzz/http.c: strlen(NULL) took the server down). */
	if (!key)
		return MHD_NO;
	/* form_used is at the NUL that ends the last value */
	if (off == 0) {
		size_t at = r->nfields ? r->form_used + 1 : 0, klen = strlen(key);
		size_t flen = filename ? strlen(filename) + 1 : 0;
		struct field *f = &r->fields[r->nfields];

		if (r->nfields == WEB_FIELDS || at + klen + 1 + flen + size + 1 > room)
			return MHD_NO;
		f->name = memcpy(r->form_copy + at, key, klen + 1);
		at += klen + 1;
		f->filename = filename ? memcpy(r->form_copy + at, filename, flen) : NULL;
		at += flen;
		f->value = r->form_copy + at;
		f->len = 0;
		r->form_used = at;
		r->nfields++;
	} else if (!r->nfields || r->form_used + size + 1 > room) {
		return MHD_NO;
	}
	/* a value comes in chunks: each continues the last part */
	memcpy(r->form_copy + r->form_used, data, size);
	r->form_used += size;
	r->fields[r->nfields - 1].len += size;
	r->form_copy[r->form_used] = '\0';
	return MHD_YES;
}

static int parse_multipart(struct req *r)
{
	struct MHD_PostProcessor *pp;
	enum MHD_Result ok;

	r->form_copy = calloc(1, r->body.len + 2);
	if (!r->form_copy)
		return web_fail(r, 500, "out_of_memory", "out of memory");
	pp = MHD_create_post_processor(r->conn, 64 * 1024, multipart_part, r);
	if (!pp)
		return r->is_api ? web_fail(r, 400, "bad_request",
		                            "the body is not multipart/form-data with a boundary")
		                 : web_fail(r, 400, "bad_request",
		                            "Formuläret kom inte fram som en uppladdning. Ladda om "
		                            "sidan och försök igen.");
	ok = MHD_post_process(pp, r->body.data, r->body.len);
	MHD_destroy_post_processor(pp);
	if (ok != MHD_YES)
		return r->is_api
		           ? web_fail(r, 400, "bad_request",
		                      "the form could not be read: at most %d parts, each "
		                      "with a name",
		                      WEB_FIELDS)
		           : web_fail(r, 400, "bad_request",
		                      "Formuläret gick inte att läsa (högst %d delar, var och "
		                      "en med ett namn).",
		                      WEB_FIELDS);
	return 0;
}

static int parse_form(struct req *r)
{
	const char *ct = web_header(r, "Content-Type");
	char *p, *save = NULL;

	if (r->body.len && ct && r->route && (r->route->flags & R_UPLOAD) &&
	    !strncmp(ct, "multipart/form-data", 19))
		return parse_multipart(r);
	if (!r->body.len || !ct || strncmp(ct, "application/x-www-form-urlencoded", 33))
		return 0;
	r->form_copy = strdup(r->body.data);
	if (!r->form_copy)
		return web_fail(r, 500, "out_of_memory", "out of memory");
	for (p = strtok_r(r->form_copy, "&", &save); p; p = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(p, '=');

		if (r->nfields == WEB_FIELDS)
			return r->is_api ? web_fail(r, 400, "too_many_fields",
			                            "the form has more than %d fields", WEB_FIELDS)
			                 : web_fail(r, 400, "too_many_fields",
			                            "Formuläret har fler än %d fält.", WEB_FIELDS);
		if (eq)
			*eq = '\0';
		url_decode(p);
		if (eq)
			url_decode(eq + 1);
		r->fields[r->nfields].name = p;
		r->fields[r->nfields].value = eq ? eq + 1 : "";
		r->fields[r->nfields].len = strlen(r->fields[r->nfields].value);
		r->nfields++;
	}
	return 0;
}

/* The page a login should lead back to, percent-encoded as one query
 * value: the path, then the query rebuilt from its decoded arguments. */
struct back {
	char text[400];
	size_t n;
	bool full; /* did not fit: no target rather than a wrong one */
	int args;
};

/* Append s encoded depth times: once for a part of the target's path, twice
 * for a key or value of the target's own query (the whole target is then
 * one value of "till"). */
static void back_add(struct back *b, const char *s, const char *keep, int depth)
{
	for (; *s && !b->full; s++) {
		unsigned char c = (unsigned char)*s;

		if (b->n + 6 >= sizeof(b->text))
			b->full = true;
		else if (isalnum(c) || strchr(keep, c))
			b->text[b->n++] = (char)c;
		else
			b->n += (size_t)snprintf(b->text + b->n, sizeof(b->text) - b->n,
			                         depth > 1 ? "%%25%02X" : "%%%02X", c);
	}
	b->text[b->n] = '\0';
}

static enum MHD_Result back_arg(void *ctx, enum MHD_ValueKind kind, const char *key,
                                const char *value)
{
	struct back *b = ctx;

	(void)kind;
	back_add(b, b->args++ ? "&" : "?", "", 1);
	back_add(b, key, "-._~", 2);
	back_add(b, "=", "", 1);
	back_add(b, value ? value : "", "-._~", 2);
	return MHD_YES;
}

/* Send a person who must log in to the login page, carrying the page
 * asked for (a GET's path and query, e.g. a link from an e-mail) so that
 * the login leads back to it.  why: the login page's "fel" message. */
static int login_redirect(struct req *r, const char *why)
{
	struct back b;

	memset(&b, 0, sizeof(b));
	if (!strcmp(r->method, "GET")) {
		back_add(&b, r->url, "-._~/", 1);
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, back_arg, &b);
	}
	if (!b.n || b.full)
		return web_redirect(r, "/login%s%s", why ? "?fel=" : "", why ? why : "");
	return web_redirect(r, "/login?%s%s%still=%s", why ? "fel=" : "", why ? why : "",
	                    why ? "&" : "", b.text);
}

/* Who asks: a Bearer token (scripts) or the session cookie (browsers). */
static int authenticate(struct req *r)
{
	const char *auth = web_header(r, "Authorization");
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
	struct styr_err err;

	styr_err_init(&err);
	if (auth && !strncmp(auth, "Bearer ", 7)) {
		/* A bad token is refused where a login is needed; a public page
		 * answers as to anyone. */
		if (styr_api_token_check(r->db, auth + 7, r->user, sizeof(r->user), &err)) {
			r->user[0] = '\0';
			return r->route && r->route->min_role > STYR_ACCESS_NONE
			           ? web_fail(r, 401, "unauthorized", "%s", err.msg)
			           : 0;
		}
		r->logged_in = r->via_token = true;
		return 0;
	}
	if (!cookie)
		return 0;
	if (styr_session_check(r->db, cookie, (int64_t)time(NULL), &r->session, &err)) {
		/* An expired or unknown cookie is dropped so the browser stops
		 * sending it. */
		snprintf(r->cookie, sizeof(r->cookie),
		         SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
		         r->secure ? "; Secure" : "");
		if (r->route && r->route->min_role > STYR_ACCESS_NONE)
			return r->is_api ? web_fail(r, 401, "unauthorized", "%s", err.msg)
			                 : login_redirect(r, "utgangen") - 1;
		return 0;
	}
	snprintf(r->user, sizeof(r->user), "%s", r->session.user);
	r->logged_in = true;
	return 0;
}

/* Under the API's and the open data's prefixes every answer is JSON, a
 * 404 or a failure to open the database too. */
static bool api_path(const char *url)
{
	return !strncmp(url, "/api/", 5) || !strncmp(url, "/v2/", 4) || !strncmp(url, "/v3/", 4);
}

static int dispatch(struct req *r)
{
	const struct route *rt = NULL;
	bool path_known = false;
	size_t i;

	r->is_api = api_path(r->url);
	styr_db_actor(r->db, "", "", NULL); /* no one writes until known (below) */
	/* Configuration decides, not a header any client can send. */
	r->secure = r->srv->tls;
	for (i = 0; i < web_route_count; i++) {
		if (!match(web_routes[i].pattern, r->url, r))
			continue;
		path_known = true;
		/* HEAD is GET without the body (libmicrohttpd drops it). */
		if (!strcmp(web_routes[i].method, r->method) ||
		    (!strcmp(r->method, "HEAD") && !strcmp(web_routes[i].method, "GET"))) {
			rt = &web_routes[i];
			break;
		}
	}
	/* The API answers clients in English with stable codes; pages answer
	 * people in Swedish. */
	if (!rt && path_known)
		return r->is_api ? web_fail(r, 405, "method_not_allowed", "%s is not allowed on %s",
		                            r->method, r->url)
		                 : web_fail(r, 405, "method_not_allowed",
		                            "Adressen %s tar inte emot %s.", r->url, r->method);
	if (!rt)
		return r->is_api
		           ? web_fail(r, 404, "not_found", "%s does not exist", r->url)
		           : web_fail(r, 404, "not_found", "Det finns ingen sida %s.", r->url);
	/* match() of later rows may have overwritten the captures. */
	match(rt->pattern, r->url, r);
	r->route = rt;
	if (rt->flags & R_API)
		r->is_api = true;
	/* Open data answers anyone, and asks no one who they are: a stale
	 * cookie or token changes nothing.  Without --open-data the routes
	 * do not exist. */
	if (rt->flags & R_OPEN) {
		if (!r->srv->open_data)
			return web_fail(r, 404, "not_found", "%s does not exist", r->url);
		return rt->handler(r);
	}
	if (r->too_big)
		return r->is_api
		           ? web_fail(r, 413, "too_large",
		                      "the request body is larger than %zu bytes", r->body.max)
		           : web_fail(r, 413, "too_large",
		                      "Det som skickades är större än %zu byte.", r->body.max);
	/* The operator's tools on this machine (/metrics) need no login. */
	if ((rt->flags & R_LOCAL) && r->local)
		return rt->handler(r);
	if (authenticate(r))
		return -1;
	if (r->status)
		return 0; /* redirected to the login */
	if (rt->min_role > STYR_ACCESS_NONE) {
		if (!r->logged_in)
			return r->is_api ? web_fail(r, 401, "unauthorized",
			                            "log in or send Authorization: Bearer TOKEN")
			                 : login_redirect(r, NULL);
		if (r->unit) {
			struct styr_org_unit u;

			if (web_unit_or_reply(r, &u))
				return -1;
		}
		r->role = web_role_on(r, r->unit);
		if (r->role < rt->min_role && r->is_api)
			return web_fail(r, 403, "forbidden",
			                "%s needs the role %s%s%s; you are %s there", rt->pattern,
			                styr_access_role_name(rt->min_role), r->unit ? " on " : "",
			                r->unit ? r->unit : "", styr_access_role_name(r->role));
		if (r->role < rt->min_role)
			return web_fail(r, 403, "forbidden",
			                "Sidan kräver rollen %s%s%s. Din roll där är %s.",
			                styr_access_role_label(rt->min_role),
			                r->unit ? " på enheten " : "", r->unit ? r->unit : "",
			                r->role ? styr_access_role_label(r->role) : "ingen");
	}
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && parse_form(r))
		return -1;
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && r->logged_in &&
	    !r->via_token && !(rt->flags & R_NOCSRF)) {
		const char *sent = web_field(r, "csrf");

		if (!sent)
			sent = web_header(r, "X-CSRF-Token");
		if ((!sent || !styr_token_equal(sent, r->session.csrf)) && r->is_api)
			return web_fail(r, 403, "csrf",
			                "the request lacks a valid CSRF token; reload the page and "
			                "try again");
		if (!sent || !styr_token_equal(sent, r->session.csrf))
			return web_fail(r, 403, "csrf",
			                "Formuläret saknade sin kontrollkod eller var för gammalt. "
			                "Ladda om sidan och försök igen.");
	}
	/* The write gate (db.h) audits every write of this request as the
	 * user, from this form or API call; the worker's handle keeps it
	 * until the next request names its own. */
	{
		char source[STYR_SOURCE_TEXT];

		snprintf(source, sizeof(source), "%s %s %.400s", r->is_api ? "API" : "form",
		         r->method, r->url);
		styr_db_actor(r->db, r->logged_in ? r->user : "", source, NULL);
	}
	return rt->handler(r);
}

/* The largest body the route of method and url takes: an upload route's
 * (--max-upload), else --max-body.  Known before the body arrives, so
 * that an oversized body is refused without keeping it. */
static size_t body_max(const struct server *srv, const char *method, const char *url)
{
	size_t i;

	for (i = 0; i < web_route_count; i++)
		if ((web_routes[i].flags & R_UPLOAD) && !strcmp(web_routes[i].method, method) &&
		    !strcmp(web_routes[i].pattern, url))
			return srv->upload_max;
	return srv->body_max;
}

static void req_free(struct req *r)
{
	if (!r)
		return;
	styr_buf_release(&r->body);
	styr_buf_release(&r->out);
	free(r->form_copy);
	free(r);
}

/* One line a request for the operator: time, client address, user,
 * method, path, status, bytes, milliseconds and the request id. */
static void access_log(const struct req *r, size_t bytes)
{
	const char *addr = r->client;
	char when[32];
	struct timespec now;
	struct tm tm;
	long ms;

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	ms = (long)((now.tv_sec - r->started.tv_sec) * 1000 +
	            (now.tv_nsec - r->started.tv_nsec) / 1000000);
	fprintf(stderr, "%s %s %s %s %s %u %zu %ldms id=%lu\n", when, addr,
	        r->user[0] ? r->user : "-", r->method, r->url, r->status, bytes, ms, r->id);
}

static long long mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The last address of a X-Forwarded-For list (the one the proxy itself
 * saw; those before it are the client's say), as text in out; an IPv6
 * address as its /64, which one client holds whole.  false: none, or not
 * an address. */
static bool forwarded_address(const char *list, char *out, size_t size)
{
	const char *last = strrchr(list, ',');
	char text[INET6_ADDRSTRLEN];
	unsigned char a6[16];
	struct in_addr a4;
	size_t n;

	last = last ? last + 1 : list;
	while (*last == ' ' || *last == '\t')
		last++;
	n = strcspn(last, " \t");
	if (!n || n >= sizeof(text))
		return false;
	memcpy(text, last, n);
	text[n] = '\0';
	if (inet_pton(AF_INET, text, &a4) == 1)
		return inet_ntop(AF_INET, &a4, out, (socklen_t)size) != NULL;
	if (inet_pton(AF_INET6, text, a6) == 1) {
		memset(a6 + 8, 0, 8);
		if (!inet_ntop(AF_INET6, a6, text, sizeof(text)))
			return false;
		snprintf(out, size, "%s/64", text);
		return true;
	}
	return false;
}

/* Who the client is (r->client) and whether it is this machine unproxied
 * (r->local).  Only the proxy named by --proxy is believed about the
 * client's address: anyone else's X-Forwarded-For is a header like any
 * other, and a login throttle keyed by it would be no throttle. */
static void client_address(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr_in *peer = NULL;
	const char *xff = web_header(r, "X-Forwarded-For");

	snprintf(r->client, sizeof(r->client), "-");
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
		peer = (const struct sockaddr_in *)ci->client_addr;
		inet_ntop(AF_INET, &peer->sin_addr, r->client, sizeof(r->client));
	}
	/* A proxy on this machine makes every client look local: a request
	 * that carries a proxy's header is not. */
	r->local = peer && (ntohl(peer->sin_addr.s_addr) >> 24) == 127 && !xff &&
	           !web_header(r, "X-Real-IP") && !web_header(r, "Forwarded");
	if (peer && xff && r->srv->have_proxy && peer->sin_addr.s_addr == r->srv->proxy.s_addr)
		forwarded_address(xff, r->client, sizeof(r->client));
}

static enum MHD_Result respond(struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char idtext[24];
	size_t len;
	char *data;

	if (!r->status)
		r->status = 200;
	if (r->err.code) {
		struct styr_err e = r->err;

		styr_err_init(&r->err);
		web_fail_err(r, &e);
	}
	data = styr_buf_detach(&r->out, &len);
	resp = MHD_create_response_from_buffer(
	    len, data ? data : (char *)"", data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(data);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type",
	                        r->content_type ? r->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (!r->is_api)
		MHD_add_response_header(resp, "Content-Security-Policy",
		                        "default-src 'self'; img-src 'self' data:; frame-ancestors "
		                        "'none'; form-action 'self'; base-uri 'none'");
	/* Pages and API answers are one person's view of current figures:
	 * never kept by a browser or a proxy.  The style sheet is the same
	 * for everyone; open data is public and revalidated by its ETag. */
	MHD_add_response_header(resp, "Cache-Control",
	                        !r->route                         ? "no-store"
	                        : r->route->handler == pg_style   ? "public, max-age=3600"
	                        : (r->route->flags & R_OPEN) != 0 ? "no-cache"
	                                                          : "no-store");
	if (r->srv->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	snprintf(idtext, sizeof(idtext), "%lu", r->id);
	MHD_add_response_header(resp, "X-Request-Id", idtext);
	if (r->cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", r->cookie);
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	if (r->retry_after > 0) {
		char secs[24];

		snprintf(secs, sizeof(secs), "%lld", r->retry_after);
		MHD_add_response_header(resp, "Retry-After", secs);
	}
	if (r->disposition[0])
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	/* An error is not a version of the answer: no ETag to revalidate. */
	if (r->etag[0] && (r->status == 200 || r->status == 304))
		MHD_add_response_header(resp, "ETag", r->etag);
	if (r->route && (r->route->flags & R_OPEN) && r->srv->open_data)
		MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
	ret = MHD_queue_response(r->conn, r->status, resp);
	MHD_destroy_response(resp);
	metrics_request(r->srv, r->route, r->status, mono_ns() - r->mono0, r->db_ns);
	if (!r->srv->quiet)
		access_log(r, len);
	return ret;
}

/* A worker thread's database handle and its epoch (see
 * web_data_version). */
struct worker {
	struct styr_db *db;
	uint32_t epoch;
};

/* The calling worker thread's handle, opened on its first request; NULL
 * with err filled when the database cannot be opened. */
static struct worker *worker_of(struct server *srv, struct styr_err *err)
{
	struct worker *w = pthread_getspecific(srv->db_key);

	if (w)
		return w;
	if (!(w = calloc(1, sizeof(*w)))) {
		styr_error(err, STYR_ENOMEM, "out of memory");
		return NULL;
	}
	if (styr_db_open(srv->db_path, 0, &w->db, err)) {
		free(w);
		return NULL;
	}
	styr_db_rehearse(w->db, srv->rehearse);
	w->epoch = randombytes_random();
	if (pthread_setspecific(srv->db_key, w)) {
		styr_db_close(w->db);
		free(w);
		styr_error(err, STYR_ENOMEM, "cannot keep a database handle for a thread");
		return NULL;
	}
	return w;
}

static void worker_close(void *p)
{
	struct worker *w = p;

	styr_db_close(w->db);
	free(w);
}

int web_report_too_big(struct req *r)
{
	size_t max = r->srv->report_max;
	char size[40];

	r->disposition[0] = 0;
	r->content_type = NULL;
	styr_err_init(&r->err);
	r->out.max = WEB_PAGE_MAX;
	if (max < (1u << 20)) {
		styr_num_format(size, sizeof(size) - 4, (double)max / 1024, 0);
		strcat(size, " kB");
	} else {
		styr_num_format(size, sizeof(size) - 4, (double)max / (1 << 20), 1);
		strcat(size, " MB");
	}
	if (r->is_api)
		return web_fail(r, 422, "report_too_large",
		                "the report is larger than the server's limit of %zu bytes "
		                "(styr serve --max-report)",
		                r->srv->report_max);
	return web_fail(r, 422, "report_too_large",
	                "Rapporten blir större än serverns gräns på %s och skickas inte. Ta "
	                "en mindre del (en enhet i stället för alla under den), eller be "
	                "förvaltningen ta fram den med styr report.",
	                size);
}

/* Over --request-time: whatever the handler made of its failed statement
 * (a rolled-back write, a page cut short) is replaced by 503 with the
 * request id and what to do. */
static void timed_out(struct req *r)
{
	long long s = (r->srv->request_ns + 999999999) / 1000000000;

	fprintf(stderr, "styr serve: request %lu: %s %s: over the time limit (--request-time)\n",
	        r->id, r->method, r->url);
	r->disposition[0] = 0;
	r->content_type = NULL;
	styr_err_init(&r->err);
	if (r->is_api)
		web_fail(r, 503, "timeout",
		         "the request took longer than %lld s and was stopped; nothing was stored; "
		         "request id %lu",
		         s, r->id);
	else
		web_fail(r, 503, "timeout",
		         "Begäran tog längre än %lld sekunder och avbröts. Inget sparades. Försök "
		         "igen, eller be om mindre åt gången (till exempel en enhet i stället för "
		         "alla under den). Ange begäran nr %lu om du kontaktar förvaltningen.",
		         s, r->id);
}

/* A refused request (403: a role or a CSRF token lacking; 423: a locked
 * period) is a security event: recorded once the request is over, so in
 * a transaction of its own after the refused write rolled back, as
 * "refused" on "METHOD PATH" with the reason.  Only a logged-in client
 * is refused so (the others get 401 or the login page), so these entries
 * grow with what the region's own users do. */
static void audit_refusal(struct req *r)
{
	char what[300], *p;
	struct styr_err e;

	if (r->status != 403 && r->status != 423)
		return;
	snprintf(what, sizeof(what), "%s %s", r->method, r->url);
	/* a path is the client's bytes: kept as ASCII, so that any is kept */
	for (p = what; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x80)
			*p = '?';
	styr_err_init(&e);
	if (styr_audit_refused(r->db, r->user[0] ? r->user : "(anonymous)", what,
	                       r->refused[0]      ? r->refused
	                       : r->status == 423 ? "423 locked"
	                                          : "403 forbidden",
	                       &e))
		fprintf(stderr, "styr serve: request %lu: recording the refusal: %s\n", r->id,
		        e.msg);
}

/* The handling of a request whose body is in, on the calling thread's
 * database handle: an HTTP worker's, or a pool thread's. */
static void handle(struct req *r)
{
	struct worker *w = worker_of(r->srv, &r->err);

	r->handled = true;
	if (!w) {
		r->is_api = api_path(r->url);
		web_fail_err(r, &r->err);
		return;
	}
	r->db = w->db;
	r->db_epoch = w->epoch;
	r->db_ns0 = styr_db_time_ns(w->db);
	/* The request's time starts once its body is here (a slow client is
	 * the connection timeout's). */
	styr_db_time_limit(r->db, r->srv->request_ns);
	/* A GET only reads: one read transaction for all of it. */
	if (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD")) {
		struct styr_err e;

		styr_err_init(&e);
		if (styr_db_read_begin(r->db, &e)) {
			web_fail_err(r, &e);
		} else {
			dispatch(r);
			styr_db_read_end(r->db);
		}
	} else {
		dispatch(r);
	}
	if (styr_db_time_limit_hit(r->db))
		timed_out(r);
	styr_db_time_limit(r->db, 0);
	audit_refusal(r);
	r->db_ns = styr_db_time_ns(r->db) - r->db_ns0;
}

/* The pool the request goes to: the slow pool for a password check, a
 * report or an import (R_SLOW), the write pool for every other route that
 * writes (any method but GET and HEAD); NULL: handled on the HTTP worker
 * (a read, or a pool none of whose threads could be started).  *route:
 * the route, when it goes to a pool. */
static struct pool *pool_of(struct req *r, const struct route **route)
{
	bool read = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
	struct pool *p;
	size_t i;

	for (i = 0; i < web_route_count; i++) {
		/* a read's walk stops only at the few slow rows */
		if ((read && !(web_routes[i].flags & R_SLOW)) ||
		    strcmp(web_routes[i].method, r->method) ||
		    !match(web_routes[i].pattern, r->url, r))
			continue;
		p = web_routes[i].flags & R_SLOW ? &r->srv->slow : &r->srv->write;
		*route = &web_routes[i];
		/* A write without a cookie or a token can only be refused (401
		 * or the login page): answered here, it never takes a place in
		 * the queue from one that writes. */
		if (p == &r->srv->write && web_routes[i].min_role > STYR_ACCESS_NONE &&
		    !web_header(r, "Authorization") &&
		    !MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SESSION_COOKIE))
			return NULL;
		return p->nthreads ? p : NULL;
	}
	return NULL;
}

/* The answer to a request that found its pool's queue full or waited in
 * it too long: 503 with Retry-After, nothing done. */
static void pool_busy(struct pool *p, struct req *r, bool waited)
{
	bool writes = p == &r->srv->write;

	r->handled = true;
	r->is_api = api_path(r->url);
	r->retry_after = 5;
	if (r->is_api)
		web_fail(r, 503, "busy",
		         "the server is busy with other %s%s; nothing was done; try again in %lld "
		         "seconds; request id %lu",
		         writes ? "writes" : "password checks, reports and imports",
		         waited ? " (the request waited too long)" : "", r->retry_after, r->id);
	else
		web_fail(r, 503, "busy",
		         "Servern är upptagen med andra %s. Inget %s. Försök igen om %lld "
		         "sekunder. Ange begäran nr %lu om du kontaktar förvaltningen.",
		         writes ? "ändringar" : "inloggningar, rapporter och importer",
		         writes ? "sparades" : "gjordes", r->retry_after, r->id);
	metrics_busy(r->srv, p);
}

/* Take out of the queue (its lock held) the requests at its head that have
 * waited longer than allowed, onto *stale. */
static void pool_expire(struct pool *p, long long now, struct req **stale)
{
	while (p->head && now - p->head->queued > p->wait_ns) {
		struct req *r = p->head;

		p->head = r->next;
		if (!p->head)
			p->tail = NULL;
		p->len--;
		r->next = *stale;
		*stale = r;
	}
}

/* Answer the expired requests and hand their connections back. */
static void pool_answer_stale(struct pool *p, struct req *stale)
{
	while (stale) {
		struct req *r = stale;

		stale = r->next;
		fprintf(stderr, "styr serve: request %lu: %s %s: waited too long for the %s pool\n",
		        r->id, r->method, r->url, p->name);
		pool_busy(p, r, true);
		MHD_resume_connection(r->conn);
	}
}

enum pool_queued { POOL_QUEUED, POOL_FULL, POOL_STOPPING };

/* Queue r for the pool: POOL_FULL when the queue is (the caller answers
 * 503), POOL_STOPPING when the pool is stopping (the caller then handles
 * it itself).  Those that waited too long are answered first. */
static enum pool_queued pool_enqueue(struct pool *p, struct req *r)
{
	enum pool_queued queued;
	struct req *stale = NULL;

	pthread_mutex_lock(&p->lock);
	r->queued = mono_ns();
	pool_expire(p, r->queued, &stale);
	if (p->stop) {
		queued = POOL_STOPPING;
	} else if (p->len >= p->max) {
		queued = POOL_FULL;
	} else {
		r->next = NULL;
		if (p->tail)
			p->tail->next = r;
		else
			p->head = r;
		p->tail = r;
		p->len++;
		queued = POOL_QUEUED;
		pthread_cond_signal(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	pool_answer_stale(p, stale);
	return queued;
}

/* A pool's thread: handles queued requests, each on this thread's own
 * database handle, and resumes their connections for the HTTP workers to
 * answer; when stopping, it empties the queue first.  A request that
 * waited longer than --slow-wait is answered 503 undone: its client has
 * most likely given up, and a flood must not grow a backlog of hashes or
 * of writes behind another process's lock. */
static void *pool_main(void *arg)
{
	struct pool *p = arg;

	/* Password hashes, reports and imports yield the cores to page reads
	 * (docs/deploy.md): on Linux a thread has a nice value of its own.
	 * Never raised; best effort: a server that may not renice runs them
	 * as before.  Writes keep the server's own. */
	errno = 0;
	if (p->nice > 0 && getpriority(PRIO_PROCESS, (id_t)gettid()) < p->nice && !errno)
		(void)setpriority(PRIO_PROCESS, (id_t)gettid(), p->nice);
	for (;;) {
		struct req *r, *stale = NULL;

		pthread_mutex_lock(&p->lock);
		while (!p->head && !p->stop)
			pthread_cond_wait(&p->cond, &p->lock);
		pool_expire(p, mono_ns(), &stale);
		r = p->head;
		if (r) {
			p->head = r->next;
			if (!p->head)
				p->tail = NULL;
			p->len--;
		}
		pthread_mutex_unlock(&p->lock);
		pool_answer_stale(p, stale);
		if (!r) {
			if (stale)
				continue;
			return NULL;
		}
		handle(r);
		MHD_resume_connection(r->conn);
	}
}

/* Before a password check is queued: when the client's address, or every
 * address together, has used its checks, the refusal costs two reads and
 * is answered here (the handler finds the same counter full and answers
 * 429 without a hash), so that a flood never fills the queue. */
static bool throttled_now(struct req *r)
{
	struct worker *w;
	struct styr_login_attempt a;
	enum styr_throttle_reason why;
	int64_t retry;
	struct styr_err e;

	styr_err_init(&e);
	if (!(w = worker_of(r->srv, &e)))
		return false;
	memset(&a, 0, sizeof(a));
	a.name = "";
	a.address = r->client;
	a.now = (int64_t)time(NULL);
	a.limits = &r->srv->limits;
	if (styr_login_throttled(w->db, &a, &why, &retry, &e))
		return false; /* the handler meets the same failure and says it */
	return why != STYR_THROTTLE_NONE;
}

/* Expires the queue's stale requests while every thread of the pool is
 * busy (a login or a write waiting for another process's write lock, a
 * long PDF) and nothing new is queued: the waiters' clients are told
 * after --slow-wait, not when a thread is free again.  Looks twice a
 * second. */
static void *pool_reaper(void *arg)
{
	struct pool *p = arg;

	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		struct timespec until;
		struct req *stale = NULL;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 500000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->reaper_cond, &p->lock, &until);
		pool_expire(p, mono_ns(), &stale);
		if (stale) {
			pthread_mutex_unlock(&p->lock);
			pool_answer_stale(p, stale);
			pthread_mutex_lock(&p->lock);
		}
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Set up pool p of srv (no thread yet): name, nice, the queue's limits. */
static void pool_init(struct pool *p, struct server *srv, const char *name, int nice, unsigned max,
                      long long wait_ns)
{
	p->srv = srv;
	p->name = name;
	p->nice = nice;
	p->max = max;
	p->wait_ns = wait_ns;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	pthread_cond_init(&p->reaper_cond, NULL);
}

/* Start up to n threads of p and its reaper.  Without a thread (none
 * could be started) its requests run on the HTTP workers as before. */
static void pool_start(struct pool *p, unsigned n)
{
	while (p->nthreads < n && p->nthreads < WEB_SLOW_THREADS &&
	       !pthread_create(&p->thread[p->nthreads], NULL, pool_main, p))
		p->nthreads++;
	p->have_reaper = p->nthreads && !pthread_create(&p->reaper, NULL, pool_reaper, p);
}

/* Stop p: its threads finish what is queued and resume those connections
 * (the daemon must still run). */
static void pool_stop(struct pool *p)
{
	unsigned i;

	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->cond);
	pthread_cond_broadcast(&p->reaper_cond);
	pthread_mutex_unlock(&p->lock);
	if (p->have_reaper)
		pthread_join(p->reaper, NULL);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->thread[i], NULL);
}

static void pool_destroy(struct pool *p)
{
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	pthread_cond_destroy(&p->reaper_cond);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct req *r = *con_cls;
	const struct route *route = NULL;
	struct pool *pool;

	(void)version;
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->srv = srv;
		r->conn = conn;
		r->role_anywhere = -1;
		r->id = __atomic_add_fetch(&srv->requests, 1, __ATOMIC_RELAXED);
		clock_gettime(CLOCK_REALTIME, &r->started);
		r->mono0 = mono_ns();
		client_address(r);
		r->method = method;
		r->url = url;
		styr_buf_init(&r->body, body_max(srv, method, url));
		styr_buf_init(&r->out, WEB_PAGE_MAX);
		styr_err_init(&r->err);
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_data_size) {
		struct styr_err e;

		styr_err_init(&e);
		if (!r->too_big && styr_buf_add(&r->body, upload_data, *upload_data_size, &e))
			r->too_big = true;
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* Resumed: a pool has handled it. */
	if (r->handled)
		return respond(r);
	/* A password hash, a report or an import goes to the slow pool, any
	 * other write to the write pool (it may wait seconds for another
	 * process's write lock), and this worker goes on with its other
	 * connections meanwhile.  Suspended before it is queued, so that the
	 * pool's resume never comes first. */
	if ((pool = pool_of(r, &route)) && !((route->flags & R_THROTTLED) && throttled_now(r))) {
		MHD_suspend_connection(conn);
		switch (pool_enqueue(pool, r)) {
		case POOL_QUEUED:
			return MHD_YES;
		case POOL_FULL:
			MHD_resume_connection(conn);
			fprintf(stderr,
			        "styr serve: request %lu: %s %s: the %s pool's queue is full\n",
			        r->id, r->method, r->url, pool->name);
			pool_busy(pool, r, false);
			return respond(r);
		case POOL_STOPPING:
			MHD_resume_connection(conn);
			break;
		}
	}
	handle(r);
	return respond(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

/* The key of the login form's CSRF token: the database's secret "login",
 * made here (32 random bytes) by the first server that finds none, so
 * that a form one server gave is taken by another. */
static int login_key(struct styr_db *db, unsigned char key[32], struct styr_err *err)
{
	unsigned char fresh[32];
	char hex[65], stored[65];
	size_t len = 0;
	int rc;

	randombytes_buf(fresh, sizeof(fresh));
	sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
	if ((rc = styr_web_secret(db, "login", hex, stored, sizeof(stored), err)))
		return rc;
	if (sodium_hex2bin(key, 32, stored, strlen(stored), NULL, &len, NULL) || len != 32)
		return styr_error(err, STYR_ESTORE,
		                  "the stored secret \"login\" is not 32 bytes of hex");
	return STYR_OK;
}

/* Everything styr_serve does but wait: srv filled from opt and the daemon
 * started.  Without listen the daemon has no listening socket and takes
 * its connections from MHD_add_connection (the fuzz target fuzz/http.c
 * hands it one end of a socket pair per input). */
int web_server_start(struct server *srv, const struct styr_serve_options *opt, bool listen,
                     struct styr_err *err)
{
	struct sockaddr_in addr;
	struct styr_db *probe;
	unsigned threads = opt->threads > 0 ? (unsigned)opt->threads : 4;
	int rc;

	memset(srv, 0, sizeof(*srv));
	srv->db_path = opt->db_path;
	srv->session_ttl = opt->session_ttl > 0 ? opt->session_ttl : 8 * 3600;
	srv->quiet = opt->quiet;
	srv->tls = opt->tls != 0;
	srv->open_data = opt->open_data != 0;
	if (opt->today) {
		struct styr_err local;

		styr_err_init(&local);
		if (styr_date_check(opt->today, &local))
			return styr_error(err, STYR_EUSAGE,
			                  "--today \"%s\": expected a date such as "
			                  "2025-09-01",
			                  opt->today);
		snprintf(srv->today, sizeof(srv->today), "%s", opt->today);
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)opt->port);
	if (inet_pton(AF_INET, opt->address ? opt->address : "127.0.0.1", &addr.sin_addr) != 1)
		return styr_error(err, STYR_EUSAGE, "address \"%s\": expected an IPv4 address",
		                  opt->address);
	srv->limits = opt->login_limits;
	srv->body_max = opt->max_body ? opt->max_body : WEB_BODY_MAX;
	srv->upload_max = opt->max_upload ? opt->max_upload : WEB_UPLOAD_MAX;
	srv->report_max = opt->max_report ? opt->max_report : WEB_REPORT_MAX;
	srv->import_rows_max = opt->max_import_rows;
	srv->request_ns = (opt->request_ms > 0 ? opt->request_ms : WEB_REQUEST_MS_MAX) * 1000000LL;
	if (opt->proxy) {
		if (inet_pton(AF_INET, opt->proxy, &srv->proxy) != 1)
			return styr_error(err, STYR_EUSAGE,
			                  "--proxy \"%s\": expected an IPv4 address", opt->proxy);
		srv->have_proxy = true;
	}
	if (sodium_init() < 0)
		return styr_error(err, STYR_EIO, "libsodium could not be initialised");
	/* Open once before listening, so that a database that is not there
	 * or too new is said at once, not on the first request; and fetch the
	 * login form's key, the same for every server on the database. */
	if ((rc = styr_db_open(opt->db_path, 0, &probe, err)))
		return rc;
	rc = login_key(probe, srv->login_key, err);
	styr_db_close(probe);
	if (rc)
		return rc;
	if (metrics_new(srv))
		return styr_error(err, STYR_ENOMEM, "out of memory");
	if (pthread_key_create(&srv->db_key, worker_close) ||
	    pthread_mutex_init(&srv->cache_lock, NULL)) {
		metrics_free(srv);
		return styr_error(err, STYR_ENOMEM, "cannot set up the worker threads");
	}
	/* Both pools' queues have the same limits (--slow-queue, --slow-wait). */
	pool_init(&srv->slow, srv, "slow", WEB_SLOW_NICE,
	          opt->slow_queue > 0 ? (unsigned)opt->slow_queue : WEB_SLOW_QUEUE,
	          (opt->slow_wait_ms > 0 ? opt->slow_wait_ms : WEB_SLOW_WAIT_MS) * 1000000LL);
	pool_init(&srv->write, srv, "write", 0, srv->slow.max, srv->slow.wait_ns);
	/* A pool of worker threads, each polling its share of the
	 * connections; what may take long goes to the pools below.  One
	 * client address gets at most 128 connections, and a connection that
	 * says nothing for 15 s is closed, so slow clients cannot take all. */
	/* Without a listening socket the connections are socket pairs, on
	 * which libmicrohttpd's log would only say, for each, that TCP's
	 * options do not apply. */
	srv->daemon = MHD_start_daemon(
	    MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TURBO |
	        MHD_ALLOW_SUSPEND_RESUME | (listen ? MHD_USE_ERROR_LOG : MHD_USE_NO_LISTEN_SOCKET),
	    0, NULL, NULL, on_request, srv, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)1000, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)128,
	    /* The per-connection pool is cleared after every request: 16 KiB
	     * holds the headers of any real request and costs less to clear
	     * than the default 32 KiB. */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384, MHD_OPTION_END);
	if (!srv->daemon) {
		pthread_key_delete(srv->db_key);
		pthread_mutex_destroy(&srv->cache_lock);
		pool_destroy(&srv->slow);
		pool_destroy(&srv->write);
		metrics_free(srv);
		return styr_error(err, STYR_EIO, "cannot listen on %s:%d (in use?)",
		                  opt->address ? opt->address : "127.0.0.1", opt->port);
	}
	/* The slow pool (issue 16 item 1): password checks, reports and
	 * imports, so that none of them holds an HTTP worker and the
	 * connections it polls.  Without a thread of it (none could be
	 * started) they run on the HTTP workers as before. */
	pool_start(&srv->slow, WEB_SLOW_THREADS);
	/* The write pool (issue 16 item 1): a write that waits for another
	 * process's write lock (an import's, up to SQLite's busy wait of 5 s;
	 * on PostgreSQL as long as it is held) holds up no HTTP worker and so
	 * none of the reads on its connections. */
	pool_start(&srv->write, WEB_WRITE_THREADS);
	return STYR_OK;
}

void web_server_stop(struct server *srv)
{
	/* The pools first: they finish what is queued and resume those
	 * connections while the daemon still runs. */
	pool_stop(&srv->slow);
	pool_stop(&srv->write);
	/* The workers end here, each closing its handle (the key's
	 * destructor). */
	MHD_stop_daemon(srv->daemon);
	pool_destroy(&srv->slow);
	pool_destroy(&srv->write);
	pthread_key_delete(srv->db_key);
	web_cache_release(srv);
	pthread_mutex_destroy(&srv->cache_lock);
	metrics_free(srv);
}

int styr_serve(const struct styr_serve_options *opt, struct styr_err *err)
{
	struct server srv;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int sig, rc;

	/* The daemon's threads inherit this mask, so the signals come here. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if ((rc = web_server_start(&srv, opt, true, err)))
		return rc;
	info = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://%s:%u\n", opt->address ? opt->address : "127.0.0.1",
	       info ? (unsigned)info->port : (unsigned)opt->port);
	fflush(stdout);
	sigwait(&set, &sig);
	web_server_stop(&srv);
	return STYR_OK;
}
