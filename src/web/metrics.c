/*
 * What an operator's Prometheus reads from GET /metrics (issue 16 item 7):
 * requests by route and status, a latency histogram by route, the time
 * each request spent in its database, the page cache's hits and misses,
 * and the logins the throttle refused.  A route is counted under its
 * pattern in the route table ("/enhet/{unit}"), never the raw path, so
 * the number of series is bounded by the table, not by what clients ask.
 *
 * The counters are plain arrays of integers updated with relaxed atomic
 * adds by every worker thread: no lock on the request path, and a scrape
 * reads each counter atomically (the set of them is not one snapshot,
 * which Prometheus does not need).  Durations are kept in microseconds
 * and printed as seconds.
 *
 * Who may read it: a request from this machine that no proxy forwarded
 * (R_LOCAL: Prometheus or node tooling on the host), or an admin's API
 * token or session from anywhere (the route's minimum role).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

/* Upper bounds of the histograms' buckets, in microseconds. */
static const unsigned long long bucket_us[] = {1000,    2500,    5000,    10000,  25000,
                                               50000,   100000,  250000,  500000, 1000000,
                                               2500000, 5000000, 10000000};
#define NBUCKETS   (sizeof(bucket_us) / sizeof(bucket_us[0]))
#define STATUS_MIN 100
#define STATUS_N   500 /* 100..599 */

struct route_series {
	unsigned long status[STATUS_N];
	unsigned long bucket[NBUCKETS + 1]; /* the last: above every bound */
	unsigned long long sum_us;
};

struct metrics {
	size_t routes; /* web_route_count + 1: the last counts requests no route matched */
	struct route_series *route;
	unsigned long db_bucket[NBUCKETS + 1];
	unsigned long long db_sum_us;
	unsigned long db_count;
	unsigned long cache_hit, cache_miss;
	unsigned long throttled[4]; /* by enum styr_throttle_reason */
	/* requests answered 503 by the slow pool and the write pool (queue
	 * full, waited too long) */
	unsigned long busy, write_busy;
};

#define ADD(p, n) __atomic_add_fetch((p), (n), __ATOMIC_RELAXED)
#define GET(p)    __atomic_load_n((p), __ATOMIC_RELAXED)

int metrics_new(struct server *srv)
{
	struct metrics *m = calloc(1, sizeof(*m));

	if (!m || !(m->route = calloc(web_route_count + 1, sizeof(*m->route)))) {
		free(m);
		return STYR_ENOMEM;
	}
	m->routes = web_route_count + 1;
	srv->metrics = m;
	return STYR_OK;
}

void metrics_free(struct server *srv)
{
	if (!srv->metrics)
		return;
	free(srv->metrics->route);
	free(srv->metrics);
	srv->metrics = NULL;
}

static size_t bucket_of(long long ns)
{
	unsigned long long us = ns > 0 ? (unsigned long long)ns / 1000 : 0;
	size_t i;

	for (i = 0; i < NBUCKETS && us > bucket_us[i]; i++)
		;
	return i;
}

void metrics_request(struct server *srv, const struct route *rt, unsigned status, long long ns,
                     long long db_ns)
{
	struct metrics *m = srv->metrics;
	struct route_series *s;

	if (!m)
		return;
	s = &m->route[rt ? (size_t)(rt - web_routes) : m->routes - 1];
	if (status >= STATUS_MIN && status < STATUS_MIN + STATUS_N)
		ADD(&s->status[status - STATUS_MIN], 1);
	ADD(&s->bucket[bucket_of(ns)], 1);
	ADD(&s->sum_us, (unsigned long long)(ns > 0 ? ns / 1000 : 0));
	ADD(&m->db_bucket[bucket_of(db_ns)], 1);
	ADD(&m->db_sum_us, (unsigned long long)(db_ns > 0 ? db_ns / 1000 : 0));
	ADD(&m->db_count, 1);
}

void metrics_cache(struct server *srv, bool hit)
{
	if (srv->metrics)
		ADD(hit ? &srv->metrics->cache_hit : &srv->metrics->cache_miss, 1);
}

void metrics_throttled(struct server *srv, enum styr_throttle_reason why)
{
	if (srv->metrics && (unsigned)why < 4)
		ADD(&srv->metrics->throttled[why], 1);
}

void metrics_busy(struct server *srv, const struct pool *pool)
{
	if (srv->metrics)
		ADD(pool == &srv->write ? &srv->metrics->write_busy : &srv->metrics->busy, 1);
}

/* A label value: the route table's patterns hold no quote, backslash or
 * newline, so they go as they are. */
static const char *route_label(const struct metrics *m, size_t i)
{
	return i + 1 < m->routes ? web_routes[i].pattern : "(none)";
}

static void histogram(struct req *r, const char *name, const char *labels,
                      const unsigned long *bucket, unsigned long long sum_us)
{
	unsigned long cum = 0;
	size_t b;

	for (b = 0; b <= NBUCKETS; b++) {
		cum += GET(&bucket[b]);
		if (b < NBUCKETS)
			out_f(r, "%s_bucket{%s%sle=\"%g\"} %lu\n", name, labels,
			      labels[0] ? "," : "", (double)bucket_us[b] / 1e6, cum);
		else
			out_f(r, "%s_bucket{%s%sle=\"+Inf\"} %lu\n", name, labels,
			      labels[0] ? "," : "", cum);
	}
	out_f(r, "%s_sum%s%s%s %.6f\n", name, labels[0] ? "{" : "", labels, labels[0] ? "}" : "",
	      (double)sum_us / 1e6);
	out_f(r, "%s_count%s%s%s %lu\n", name, labels[0] ? "{" : "", labels, labels[0] ? "}" : "",
	      cum);
}

int pg_metrics(struct req *r)
{
	static const char *const reasons[] = {"none", "address", "name", "global"};
	struct metrics *m = r->srv->metrics;
	char labels[WEB_CACHE_KEY * 3];
	size_t i, st;

	if (!m)
		return web_fail(r, 503, "unavailable", "metrics are not kept");
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	out_s(r, "# HELP styr_http_requests_total Requests answered, by route pattern, method and "
	         "status.\n# TYPE styr_http_requests_total counter\n");
	for (i = 0; i < m->routes; i++)
		for (st = 0; st < STATUS_N; st++) {
			unsigned long n = GET(&m->route[i].status[st]);

			if (n)
				out_f(r,
				      "styr_http_requests_total{route=\"%s\",method=\"%s\",status="
				      "\"%zu\"} "
				      "%lu\n",
				      route_label(m, i),
				      i + 1 < m->routes ? web_routes[i].method : "",
				      st + STATUS_MIN, n);
		}
	out_s(r, "# HELP styr_http_request_duration_seconds Time from a request's first byte to "
	         "its answer, by route pattern.\n# TYPE styr_http_request_duration_seconds "
	         "histogram\n");
	for (i = 0; i < m->routes; i++) {
		unsigned long any = 0;
		size_t b;

		for (b = 0; b <= NBUCKETS; b++)
			any += GET(&m->route[i].bucket[b]);
		if (!any)
			continue;
		snprintf(labels, sizeof(labels), "route=\"%s\",method=\"%s\"", route_label(m, i),
		         i + 1 < m->routes ? web_routes[i].method : "");
		histogram(r, "styr_http_request_duration_seconds", labels, m->route[i].bucket,
		          GET(&m->route[i].sum_us));
	}
	out_s(r, "# HELP styr_db_request_seconds Time a request spent in its database "
	         "(statements, transactions and waits for locks).\n# TYPE styr_db_request_seconds "
	         "histogram\n");
	histogram(r, "styr_db_request_seconds", "", m->db_bucket, GET(&m->db_sum_us));
	out_f(r,
	      "# HELP styr_page_cache_requests_total Look-ups in the page cache.\n"
	      "# TYPE styr_page_cache_requests_total counter\n"
	      "styr_page_cache_requests_total{result=\"hit\"} %lu\n"
	      "styr_page_cache_requests_total{result=\"miss\"} %lu\n",
	      GET(&m->cache_hit), GET(&m->cache_miss));
	out_s(r, "# HELP styr_login_throttled_total Password checks refused before hashing, by "
	         "the counter that was full.\n# TYPE styr_login_throttled_total counter\n");
	for (i = 1; i < 4; i++)
		out_f(r, "styr_login_throttled_total{reason=\"%s\"} %lu\n", reasons[i],
		      GET(&m->throttled[i]));
	out_f(r,
	      "# HELP styr_slow_refused_total Password checks, reports and imports answered 503 "
	      "because the slow pool's queue was full or they waited too long.\n"
	      "# TYPE styr_slow_refused_total counter\nstyr_slow_refused_total %lu\n",
	      GET(&m->busy));
	out_f(r,
	      "# HELP styr_write_refused_total Other writes answered 503 because the write "
	      "pool's queue was full or they waited too long.\n"
	      "# TYPE styr_write_refused_total counter\nstyr_write_refused_total %lu\n",
	      GET(&m->write_busy));
	out_f(r,
	      "# HELP styr_http_requests_started_total Requests begun (the request id).\n"
	      "# TYPE styr_http_requests_started_total counter\n"
	      "styr_http_requests_started_total %lu\n",
	      GET(&r->srv->requests));
	return 0;
}
