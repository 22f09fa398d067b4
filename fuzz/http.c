/*
 * Fuzz target: the web server's request handling, end to end.  The input
 * is the bytes a client sends on one connection: request lines, headers,
 * cookies, query strings, paths, urlencoded, multipart and JSON bodies,
 * one request or several.  They go to the real server (src/web,
 * web_server_start as styr serve --open-data runs it, with one worker)
 * through a socket pair handed to libmicrohttpd, so everything from the
 * HTTP parser through dispatch, authentication, CSRF, form parsing and the
 * handlers runs as for a browser; the answer is read and dropped.
 *
 * The database is the demo data (fuzz_db_path), with two users made
 * once: "fuzz-admin" (admin) and "fuzz-reader" (reader on LKR).  Every
 * worker handle rehearses, so no input changes what the next one sees.
 * The input may name their credentials, which the harness fills in:
 *   @ADMIN@   the admin's session cookie value
 *   @CSRF@    that session's CSRF token
 *   @TOKEN@   an API token of the admin
 *   @READER@  the reader's session cookie value
 *   @RCSRF@   the reader session's CSRF token
 * With FUZZ_HTTP_SHOW set in the environment the answers go to stderr, to
 * see what a seed reaches (fuzz_http with its replay main, make check's).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "web/web.h"

const char *fuzz_db_path(void);

static struct server srv;
static bool started;

static struct {
	const char *name;
	char value[STYR_TOKEN_MAX];
} creds[] = {{"@ADMIN@", ""}, {"@CSRF@", ""}, {"@TOKEN@", ""}, {"@READER@", ""}, {"@RCSRF@", ""}};

enum { ADMIN, CSRF, TOKEN, READER, RCSRF, NCREDS };

static void user(struct styr_db *db, const char *name, enum styr_access_role role, const char *unit,
                 int cookie, int csrf)
{
	struct styr_login_attempt a = {name, "fuzz-losen-2024", "-", (int64_t)time(NULL), NULL};
	struct styr_session s;
	struct styr_err err;
	enum styr_throttle_reason throttled;
	int64_t retry;

	styr_err_init(&err);
	if (styr_user_add(db, "fuzz", name, "fuzz-losen-2024", role, unit, &err) ||
	    styr_login(db, &a, 24 * 3600, &s, creds[cookie].value, &throttled, &retry, &err))
		fuzz_fail("user %s: %s", name, err.msg);
	snprintf(creds[csrf].value, sizeof(creds[csrf].value), "%s", s.csrf);
}

static void start(void)
{
	struct styr_serve_options opt = {0};
	struct styr_db *db;
	struct styr_err err;

	styr_err_init(&err);
	if (styr_db_open(fuzz_db_path(), 0, &db, &err))
		fuzz_fail("%s", err.msg);
	user(db, "fuzz-admin", STYR_ACCESS_ADMIN, "", ADMIN, CSRF);
	user(db, "fuzz-reader", STYR_ACCESS_READER, "LKR", READER, RCSRF);
	if (styr_api_token_create(db, "fuzz", "fuzz-admin", 90, creds[TOKEN].value, NULL, &err))
		fuzz_fail("token: %s", err.msg);
	styr_db_close(db);
	opt.db_path = fuzz_db_path();
	opt.quiet = 1;
	opt.open_data = 1;
	opt.threads = 1;
	opt.today = "2024-09-15";
	if (web_server_start(&srv, &opt, false, &err))
		fuzz_fail("server: %s", err.msg);
	srv.rehearse = true;
	/* a client that stops reading must not end the process */
	signal(SIGPIPE, SIG_IGN);
	started = true;
}

/* The input with the credentials filled in; *len its length. */
static char *fill(const uint8_t *data, size_t size, size_t *len)
{
	size_t cap = size + 1, n = 0, i, k;
	char *out = malloc(cap);

	if (!out)
		fuzz_fail("out of memory");
	for (i = 0; i < size;) {
		for (k = 0; k < NCREDS; k++) {
			size_t nl = strlen(creds[k].name);

			if (size - i >= nl && !memcmp(data + i, creds[k].name, nl))
				break;
		}
		if (k < NCREDS) {
			size_t vl = strlen(creds[k].value);

			cap += vl;
			if (!(out = realloc(out, cap)))
				fuzz_fail("out of memory");
			memcpy(out + n, creds[k].value, vl);
			n += vl;
			i += strlen(creds[k].name);
		} else {
			out[n++] = (char)data[i++];
		}
	}
	*len = n;
	return out;
}

/* Send req from *sent on until all is sent, or until the socket takes no
 * more (flags MSG_DONTWAIT: its buffer is full; 0: the server stopped
 * reading). */
static void send_some(int fd, const char *req, size_t len, size_t *sent, int flags)
{
	while (*sent < len) {
		ssize_t w = send(fd, req + *sent, len - *sent, MSG_NOSIGNAL | flags);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		*sent += (size_t)w;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in client = {0};
	char *req, answer[65536];
	size_t len, sent = 0;
	int sv[2];
	bool show = getenv("FUZZ_HTTP_SHOW") != NULL;

	if (!started)
		start();
	req = fill(data, size, &len);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		fuzz_fail("socketpair: %s", strerror(errno));
	client.sin_family = AF_INET;
	client.sin_port = htons(40000);
	client.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* What fits in the socket's buffer is sent, and the end of it said,
	 * before the server gets the connection: when libmicrohttpd took the
	 * connection first, a request cut short that arrived meanwhile was at
	 * times noticed only by the 15 s idle timeout. */
	send_some(sv[0], req, len, &sent, MSG_DONTWAIT);
	if (sent == len)
		shutdown(sv[0], SHUT_WR);
	if (MHD_add_connection(srv.daemon, sv[1], (struct sockaddr *)&client, sizeof(client)) !=
	    MHD_YES)
		fuzz_fail("MHD_add_connection refused a connection");
	/* The rest of a large input as the server reads it; one it stops
	 * reading ends with EPIPE.  Then the answers until the server closes. */
	if (sent < len) {
		send_some(sv[0], req, len, &sent, 0);
		shutdown(sv[0], SHUT_WR);
	}
	for (;;) {
		struct pollfd pfd = {sv[0], POLLIN, 0};
		ssize_t got;
		int ready = poll(&pfd, 1, 30000);

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0)
			fuzz_fail("no answer and no close within 30 s");
		got = recv(sv[0], answer, sizeof(answer), 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (show)
			fwrite(answer, 1, (size_t)got, stderr);
	}
	close(sv[0]);
	free(req);
	return 0;
}
