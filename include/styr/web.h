/*
 * The web front-end: `styr serve` answers HTML pages and the JSON API
 * from one database until it is told to stop (SIGINT or SIGTERM).
 *
 * Ownership: the options are borrowed for the duration of the call.
 */
#ifndef STYR_WEB_H
#define STYR_WEB_H

#include <stdint.h>
#include <stdio.h>

#include "access.h"
#include "err.h"

struct styr_serve_options {
	const char *db_path;
	const char *address; /* "127.0.0.1" unless given */
	int port;
	int64_t session_ttl; /* seconds; 0: 8 hours */
	int quiet;           /* no request log on stderr */
	const char *today;   /* "YYYY-MM-DD": what is due counts from it; NULL: now */
	int tls;             /* clients reach the server over TLS (a proxy ends it) */
	int open_data;       /* serve the Kolada-shaped open data (/v2/, /v3/) */
	int threads;         /* worker threads, each with its own database handle; 0: 4 */
	/* The login throttle's limits (styr/access.h); zeros: the defaults. */
	struct styr_login_limits login_limits;
	const char *proxy; /* the proxy's IPv4 address, whose X-Forwarded-For is believed */
	/* Limits (docs/web.md, Limits); 0: the default of each.  Bytes of a
	 * request body, of an upload's, of a report download; data rows of
	 * an uploaded import; milliseconds a request may run. */
	size_t max_body, max_upload, max_report, max_import_rows;
	long long request_ms;
	/* The slow pool's queue (password checks, reports, imports): how many
	 * may wait (0: WEB_SLOW_QUEUE, 64) and for how many milliseconds (0:
	 * WEB_SLOW_WAIT_MS, 15 000) before they are answered 503. */
	int slow_queue;
	long long slow_wait_ms;
};

/* Serve until SIGINT/SIGTERM; prints "listening on http://ADDR:PORT" to
 * stdout once ready. */
int styr_serve(const struct styr_serve_options *opt, struct styr_err *err);

/* The route table as text, one row a line: METHOD PATTERN ROLE SCOPE,
 * where SCOPE is "unit" when the route names an org unit. */
void styr_web_print_routes(FILE *out);

#endif
