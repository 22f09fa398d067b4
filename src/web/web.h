/*
 * What the web front-end's files share: the server's one top-level
 * struct (the only mutable state that outlives a request), the state of
 * one request, the route table and the ..._or_reply helpers.
 *
 * A handler reads as the happy path: every helper that can fail has
 * already answered the client (status, body) when it returns non-zero, so
 * the handler just returns.  The answer is built in r->out and handed to
 * libmicrohttpd once, after the handler, with MHD_RESPMEM_MUST_FREE: the
 * page is never copied and never outlives its response.
 *
 * Ownership: struct req and everything in it belong to the request and are
 * freed in the completion callback; handlers borrow it.
 */
#ifndef STYR_WEB_WEB_H
#define STYR_WEB_WEB_H

#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "styr/styr.h"

#define WEB_BODY_MAX (64 * 1024)
#define WEB_PAGE_MAX (8u << 20)
#define WEB_PARAMS   4
#define WEB_FIELDS   512 /* the entry grid: two an indicator */
/* A capture holds a comma-separated list of ids (open data). */
#define WEB_PARAM_MAX 2048

/* The body of a route with R_UPLOAD: a workbook or a report's text. */
#define WEB_UPLOAD_MAX (32u << 20)
/* The defaults of the other limits: a report download (a region's PDF
 * with every unit under it is a few MB), and a request's time. */
#define WEB_REPORT_MAX     (64u << 20)
#define WEB_REQUEST_MS_MAX 120000
/* Threads of the slow pool: password hashes, reports, imports.  Two of
 * them, as the login throttle's global rate (10 a second of 50-100 ms
 * each) needs at most one core. */
#define WEB_SLOW_THREADS 2
/* Threads of the write pool: every other request that writes.  One, as
 * the database has one writer at a time (SQLite's write lock; on
 * PostgreSQL every write transaction takes the audit chain's lock at
 * BEGIN): a second thread would only wait for the first one's lock. */
#define WEB_WRITE_THREADS 1
/* the slow pool's nice value: below the HTTP workers' (server.c, pool_main) */
#define WEB_SLOW_NICE 10
/* The defaults of the slow pool's queue: requests waiting for a thread of
 * it, and how long one may wait before it is answered 503 (a client has
 * usually given up by then, and its connection is held meanwhile). */
#define WEB_SLOW_QUEUE   64
#define WEB_SLOW_WAIT_MS 15000

/* Rendered page fragments that are the same for everyone with the same
 * view of them (a unit's dashboard table), kept until the database
 * changes.  A fixed table indexed by a hash of the key: a collision just
 * replaces the older entry. */
#define WEB_CACHE_SLOTS 64
#define WEB_CACHE_KEY   96

struct cache_entry {
	char key[WEB_CACHE_KEY];
	long long version;
	char *data;
	size_t len;
	char etag[36]; /* a hash of data, quoted: the same bytes give it in any worker */
};

struct metrics; /* metrics.c */
struct server;
struct req;

/* A pool of threads that handles requests the HTTP workers queue and
 * suspend (server.c, pool_main), each thread on a database handle of its
 * own, so that a request that may wait long (a password hash, a PDF, a
 * write waiting for another process's lock) holds up no worker and none
 * of the connections the worker polls. */
struct pool {
	struct server *srv;
	const char *name;                   /* "slow", "write": the log's and /metrics' */
	int nice;                           /* the threads' nice value; 0: the server's own */
	pthread_t thread[WEB_SLOW_THREADS]; /* the larger pool's number */
	unsigned nthreads;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct req *head, *tail;
	bool stop;
	/* Requests in the queue, and its limits (--slow-queue, --slow-wait):
	 * a request that finds it full, or waited longer, is answered 503. */
	unsigned len, max;
	long long wait_ns;
	/* answers the stale ones while every thread of the pool is busy */
	pthread_t reaper;
	pthread_cond_t reaper_cond;
	bool have_reaper;
};

struct server {
	const char *db_path;
	/* Each worker thread has a database handle of its own (SQLite WAL
	 * readers in parallel, a PostgreSQL connection each), opened on its
	 * first request and closed when the thread ends. */
	pthread_key_t db_key;
	struct MHD_Daemon *daemon;
	int64_t session_ttl;
	int quiet;
	bool tls;               /* --tls: clients come over TLS: Secure cookies, HSTS */
	bool open_data;         /* the Kolada-shaped routes (R_OPEN) answer */
	char today[11];         /* --today: the day what is due counts from; "" now */
	unsigned long requests; /* numbers each request's id (atomically) */
	/* Logins (issue 16): the throttle's limits, the proxy whose
	 * X-Forwarded-For names the client (--proxy), and the key of the login
	 * form's CSRF token, shared through the database by every server. */
	struct styr_login_limits limits;
	bool have_proxy;
	struct in_addr proxy;
	unsigned char login_key[32];
	struct metrics *metrics;
	pthread_mutex_t cache_lock;
	struct cache_entry cache[WEB_CACHE_SLOTS];
	/* Every worker's handle rehearses (styr_db_rehearse): commits roll
	 * back.  Only the fuzz target sets it, so that one input never changes
	 * what the next one sees. */
	bool rehearse;
	/* The limits (styr serve --max-body ... --request-time) */
	size_t body_max, upload_max, report_max, import_rows_max;
	long long request_ns;
	/* The slow pool: password checks, reports and imports (R_SLOW); the
	 * write pool: every other request that writes. */
	struct pool slow, write;
};

struct field {
	const char *name, *value;
	size_t len;           /* of value: a file may hold a NUL byte */
	const char *filename; /* a file's name as the browser sent it, else NULL */
};

struct route;

struct req {
	struct server *srv;
	struct styr_db *db; /* the worker thread's handle */
	uint32_t db_epoch;  /* and its epoch (web_data_version) */
	struct MHD_Connection *conn;
	const char *method, *url;
	bool is_api;
	struct styr_buf body;
	bool too_big;
	const struct route *route;
	char params[WEB_PARAMS][WEB_PARAM_MAX]; /* {x} captures, in order */
	const char *unit; /* the {unit} capture: the role is the one held on it */
	bool have_unit;   /* unit_row holds it, found by the dispatcher */
	struct styr_org_unit unit_row;
	/* Who asks. */
	bool logged_in, via_token;
	struct styr_session session;
	char user[STYR_USER_MAX];
	enum styr_access_role role; /* on the route's unit, or anywhere */
	int role_anywhere;          /* -1 until asked (page header) */
	bool secure;                /* clients come over TLS (styr serve --tls) */
	unsigned long id;           /* the request id, in the log and any 5xx */
	struct timespec started;
	long long mono0, db_ns0; /* monotonic ns and the handle's database time at the start */
	/* The client's address: the peer's, or behind --proxy the last one
	 * its X-Forwarded-For names (an IPv6 address as its /64); local: the
	 * peer is this machine and no proxy forwarded the request. */
	char client[STYR_ADDRESS_MAX];
	bool local;
	/* Form fields of a urlencoded body, decoded in a copy of it; of a
	 * multipart body (R_UPLOAD routes), every part (text or file) copied
	 * there with its length, by libmicrohttpd's post processor. */
	char *form_copy;
	size_t form_used;
	struct field fields[WEB_FIELDS];
	size_t nfields;
	/* The answer. */
	unsigned status;
	const char *content_type;
	struct styr_buf out;
	char cookie[256];
	char location[512];
	char disposition[128]; /* Content-Disposition of a download */
	char etag[64];         /* ETag of an open-data answer */
	long long retry_after; /* seconds, for a 429's Retry-After; 0: none */
	struct styr_err err;
	bool handled;     /* handle() has run: respond on the next call */
	long long db_ns;  /* the database time of handle(), for /metrics */
	struct req *next; /* in a pool's queue */
	long long queued; /* monotonic ns when it was queued */
	/* A 403's or 423's code and message (web_fail), for the audit
	 * entry that records the refusal after the request. */
	char refused[256];
};

enum route_flags {
	R_API = 2,     /* answers JSON */
	R_NOCSRF = 4,  /* a public form without a session (login) */
	R_OPEN = 8,    /* open data: no login, served only with --open-data */
	R_UPLOAD = 16, /* takes a file: multipart/form-data up to WEB_UPLOAD_MAX */
	R_LOCAL =
	    32,      /* answers a request from this machine (not through a proxy) without a login */
	R_SLOW = 64, /* a password check, a report or an import: run on the slow pool */
	R_THROTTLED = 128, /* a password check: the login throttle asked before it is queued */
};

struct route {
	const char *method;
	const char *pattern; /* "/enhet/{unit}/indikator/{ind}" */
	int (*handler)(struct req *r);
	enum styr_access_role min_role;
	int flags;
};

extern const struct route web_routes[];
extern const size_t web_route_count;

/* server.c */
/* styr_serve without the waiting: start serving opt's database on srv
 * (without listen: no listening socket, connections come from
 * MHD_add_connection), and stop. */
int web_server_start(struct server *srv, const struct styr_serve_options *opt, bool listen,
                     struct styr_err *err);
void web_server_stop(struct server *srv);
const char *web_query(struct req *r, const char *name);
const char *web_field(struct req *r, const char *name);
/* The field's bytes and their length (a file of a multipart form). */
const char *web_field_len(struct req *r, const char *name, size_t *len);
/* The same with the file's name as the browser sent it (NULL: not a file). */
const char *web_field_file(struct req *r, const char *name, size_t *len, const char **filename);
const char *web_header(struct req *r, const char *name);
/* Answer with status and a message: a JSON error for the API, an error
 * page otherwise.  code is the API's stable error code.  Returns -1. */
int web_fail(struct req *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Answer from err: its code gives the status (one place). */
int web_fail_err(struct req *r, const struct styr_err *err);
unsigned web_status_of(enum styr_code code);
/* What a page says of a refusal with code, in Swedish, when the handler
 * knows nothing more particular (the library's messages are English). */
const char *web_err_text(enum styr_code code);
const char *web_code_name(enum styr_code code);
int web_redirect(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The org unit named by the {unit} capture, or a 404 answered. */
int web_unit_or_reply(struct req *r, struct styr_org_unit *u);
/* Period from text, or 400 answered naming field (a page: in Swedish). */
int web_period_or_reply(struct req *r, const char *field, const char *text, struct styr_period *p);
/* What a page says when a write was refused because unit's period p is
 * locked (p NULL: which period is not known): whose approval locks it. */
void web_locked_text(struct req *r, const char *unit, const struct styr_period *p, char *buf,
                     size_t size);
/* role of the requester on unit (NULL: anywhere). */
enum styr_access_role web_role_on(struct req *r, const char *unit);

/* A report download over --max-report: 422 naming the limit (the
 * partial report dropped); returns -1 as web_fail does. */
int web_report_too_big(struct req *r);

/* Append the cached fragment for key to r->out: 1 when found and still
 * current, else 0.  web_cache_put keeps r->out from offset from on. */
int web_cache_get(struct req *r, const char *key);
/* The same, also giving the fragment's ETag (a hash of its bytes, so that
 * any worker gives the same for the same answer). */
int web_cache_get_etag(struct req *r, const char *key, char *etag, size_t size);
/* The ETag of the bytes of r->out from offset from (what put stores). */
void web_etag(const struct req *r, size_t from, char *etag, size_t size);
/* Today as the server counts it ("YYYY-MM-DD" in buf, and its year and
 * month): styr serve --today, else the real date. */
void web_today(const struct req *r, char *buf, size_t size, int *year, int *month);
/* The data version for caches and ETags (see server.c). */
int web_data_version(struct req *r, long long *out, struct styr_err *err);
void web_cache_put(struct req *r, const char *key, size_t from);
void web_cache_release(struct server *srv);

/* metrics.c: counters for /metrics, atomics shared by the workers. */
int metrics_new(struct server *srv);
void metrics_free(struct server *srv);
/* One answered request: its route (NULL: none matched), status, time
 * and database time in nanoseconds. */
void metrics_request(struct server *srv, const struct route *rt, unsigned status, long long ns,
                     long long db_ns);
void metrics_cache(struct server *srv, bool hit);
void metrics_throttled(struct server *srv, enum styr_throttle_reason why);
void metrics_busy(struct server *srv, const struct pool *pool);
int pg_metrics(struct req *r);

/* The login form's CSRF token (pages.c): made from the cookie's nonce
 * and the time with the server's key. */
/* "what Vänta N sekunder och försök igen." for a 429's page. */
void web_wait_text(char *out, size_t size, const char *what, long long seconds);
void web_login_token(const struct server *srv, const char *nonce, long long when, char *out,
                     size_t size);

/* delete.c: DELETE in the API, the confirmation step on pages, and the
 * links and lists that lead there. */
int api_value_delete(struct req *r);
int api_analysis_delete(struct req *r);
int api_action_delete(struct req *r);
int pg_delete_form(struct req *r);
int pg_delete_post(struct req *r);
/* A table cell with "Ändra" and "Ta bort" for unit's value of ind in p. */
void web_value_links(struct req *r, const char *unit, const char *ind, const struct styr_period *p);
/* "Borttaget." when the query says a delete just happened. */
void web_deleted_note(struct req *r);
/* The unit's analyses (else actions), each with "Ändra" and "Ta bort". */
void web_saved_list(struct req *r, const char *unit, bool analyses);

/* pages.c */
int page_begin(struct req *r, const char *title);
int page_end(struct req *r);
/* history.c: the "Historik" section of a page, every version of the
 * thing kind and keys name (styr_history_each); full: the keys the kind
 * has, so that fewer name several things and get a column saying which.
 * web_time_sv: an audit time (ISO UTC) as "3 maj 2024 kl. 10.11", local
 * time. */
void web_history(struct req *r, const char *kind, const char *const *keys, int n, int full);
void web_time_sv(const char *iso, char *buf, size_t size);
void page_csrf(struct req *r);
int page_error(struct req *r, unsigned status, const char *heading, const char *msg);
/* The summary above a refused form (id "formular-fel"): top, a refusal
 * of the whole (a locked period), in a box of class top_class; else a
 * "Rätta följande" list linking each field whose msgs[i] is set (NULL or
 * "": not refused).  Whether it wrote one. */
struct form_field {
	const char *id, *label; /* the input's id; its name in the list */
};
bool page_form_summary(struct req *r, const char *top, const char *top_class,
                       const struct form_field *fields, const char *const *msgs, size_t n);
int pg_root(struct req *r);
int pg_healthz(struct req *r);
int pg_login_form(struct req *r);
int pg_login(struct req *r);
int pg_logout(struct req *r);
int pg_org(struct req *r);
int pg_unit(struct req *r);
int pg_indicator(struct req *r);
int pg_goal(struct req *r);
int pg_value_form(struct req *r);
int pg_value_post(struct req *r);
int pg_report(struct req *r);
int pg_report_download(struct req *r);
int pg_report_submit(struct req *r);
int pg_report_approve(struct req *r);
int pg_report_return(struct req *r);
int pg_report_unlock(struct req *r);
int pg_audit(struct req *r);
int pg_style(struct req *r);

/* upload.c: importing a workbook (styr import xlsx) from the browser */
int pg_import_form(struct req *r);
int pg_import_post(struct req *r);

/* pages_follow.c */
void page_economy(struct req *r, const char *unit);
/* The latest year with resultaträkning figures for unit in *year (0 when
 * none); non-zero with err filled when the store fails. */
int ledger_latest_year(struct req *r, const char *unit, int *year, struct styr_err *err);
/* Under a rolled-up table t of unit (t->from.below): a sentence saying
 * from how many units, and the RESULTAT of each unit directly below,
 * each built by the library; nothing for a unit's own ledger. */
void ledger_children(struct req *r, const char *unit, int year, int months,
                     const struct styr_ledger_table *t);
/* A sum row (SUMMA INTÄKTER, RESULTAT): the plan adds others into it, or
 * it is the top of the plan. */
bool ledger_is_sum(const struct styr_ledger_table *t, const struct styr_ledger_line *l);
void page_documents(struct req *r, const char *unit);
int pg_calendar(struct req *r);
int pg_document(struct req *r);

/* mine.c: Min sida, the user's units with what is due, and its
 * iCalendar feed */
int pg_mine(struct req *r);
int pg_mine_ics(struct req *r);

/* admin.c: the users and their grants; one's own password */
int pg_users(struct req *r);
int pg_password_form(struct req *r);
int pg_password_post(struct req *r);

/* grid.c: a period's values of a unit entered at once */
int pg_grid_form(struct req *r);
int pg_grid_post(struct req *r);

/* economy.c: a unit's resultaträkning and action plans, as a page and as
 * JSON */
int pg_economy(struct req *r);
int api_ledger(struct req *r);

/* pages_goal.c */
void page_goal_followup(struct req *r, const struct styr_goal *g);

/* entry.c: analyses and actions, as forms and as JSON */
int pg_analysis_form(struct req *r);
int pg_analysis_post(struct req *r);
int pg_action_form(struct req *r);
int pg_action_post(struct req *r);
int api_analyses_get(struct req *r);
int api_analyses_post(struct req *r);
int api_actions_get(struct req *r);
int api_actions_post(struct req *r);
struct json_t *analysis_json(const struct styr_analysis *a);
struct json_t *action_json(const struct styr_action *a);
/* The JSON schema of the body a POST handler of entry.c takes (from the
 * same field table it validates with), or NULL for other handlers. */
struct json_t *entry_request_schema(int (*handler)(struct req *r));

/* api.c */
int web_send_json(struct req *r, unsigned status, struct json_t *j);
/* The body as a JSON object of only the allowed fields, or 400 answered
 * (NULL).  The caller owns the result. */
struct json_t *web_body_or_reply(struct req *r, const char *const *allowed);
/* all (taken) paginated as {"data","page","per_page","total"}. */
int web_send_list(struct req *r, struct json_t *all);
int api_openapi(struct req *r);
int api_units(struct req *r);
int api_indicators(struct req *r);
int api_goals(struct req *r);
int api_audit(struct req *r);
int api_dashboard(struct req *r);
int api_values_get(struct req *r);
int api_values_post(struct req *r);
int api_value_put(struct req *r);
int api_report_get(struct req *r);
int api_report_submit(struct req *r);
int api_report_approve(struct req *r);
int api_report_return(struct req *r);
int api_report_unlock(struct req *r);
int api_kolada(struct req *r);

/* kolada.c: open data in the shape of Kolada's API v2 and v3 */
int kolada_v2_data(struct req *r);
int kolada_v2_oudata(struct req *r);
int kolada_v2_meta(struct req *r);
int kolada_v3_data(struct req *r);
int kolada_v3_oudata(struct req *r);
int kolada_v3_meta(struct req *r);
/* pages_proof.c: proof-reading an uploaded report text (issue 20) */
int pg_proof_form(struct req *r);
int pg_proof_post(struct req *r);

/* Shorthands for building r->out; errors stick in r->err and surface as
 * a 500 when the handler returns. */
void out_s(struct req *r, const char *s);
void out_h(struct req *r, const char *s); /* HTML-escaped */
void out_f(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
