/*
 * styr serve: the web front-end and JSON API on one port, until SIGINT or
 * SIGTERM.  --print-routes writes the route table (method, path, minimum
 * role, scope) so the permission-matrix test reads the same table the
 * server dispatches on.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A size such as 65536, 64k, 32M or 1G (powers of 1024) into *out; false
 * when it is not one or is 0. */
static bool parse_size(const char *text, size_t *out)
{
	char *end;
	unsigned long long n = strtoull(text, &end, 10), mul = 1;

	if (end == text || *text == '-')
		return false;
	if (*end == 'k' || *end == 'K')
		mul = 1ull << 10, end++;
	else if (*end == 'M')
		mul = 1ull << 20, end++;
	else if (*end == 'G')
		mul = 1ull << 30, end++;
	if (*end || n == 0 || n > (1ull << 40) / mul)
		return false;
	*out = (size_t)(n * mul);
	return true;
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"port", required_argument, NULL, 'p'},
	    {"address", required_argument, NULL, 'a'},
	    {"session-ttl", required_argument, NULL, 't'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"print-routes", no_argument, NULL, 'r'},
	    {"today", required_argument, NULL, 'd'},
	    {"tls", no_argument, NULL, 's'},
	    {"threads", required_argument, NULL, 'w'},
	    {"open-data", no_argument, NULL, 'o'},
	    {"login-limit", required_argument, NULL, 'l'},
	    {"login-rate", required_argument, NULL, 'g'},
	    {"proxy", required_argument, NULL, 'x'},
	    {"max-body", required_argument, NULL, 'B'},
	    {"max-upload", required_argument, NULL, 'U'},
	    {"max-report", required_argument, NULL, 'R'},
	    {"max-import-rows", required_argument, NULL, 'I'},
	    {"request-time", required_argument, NULL, 'T'},
	    {"slow-queue", required_argument, NULL, 'Q'},
	    {"slow-wait", required_argument, NULL, 'W'},
	    {NULL, 0, NULL, 0},
	};
	struct styr_serve_options o;
	struct styr_err err;
	char *end;
	long n;
	int c;

	memset(&o, 0, sizeof(o));
	o.port = 8080;
	o.address = "127.0.0.1";
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			n = strtol(optarg, &end, 10);
			if (*end || n < 0 || n > 65535)
				return cli_usage(&cmd_serve_def,
				                 "--port \"%s\": expected a number 0 to 65535",
				                 optarg);
			o.port = (int)n;
			break;
		case 'a':
			o.address = optarg;
			break;
		case 't':
			n = strtol(optarg, &end, 10);
			if (*end || n < 1)
				return cli_usage(
				    &cmd_serve_def,
				    "--session-ttl \"%s\": expected seconds, such as 28800",
				    optarg);
			o.session_ttl = n;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'o':
			o.open_data = 1;
			break;
		case 'r':
			styr_web_print_routes(stdout);
			return 0;
		case 'd':
			o.today = optarg;
			break;
		case 's':
			o.tls = 1;
			break;
		case 'w':
			n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return cli_usage(&cmd_serve_def,
				                 "--threads \"%s\": expected a number 1 to 256",
				                 optarg);
			o.threads = (int)n;
			break;
		case 'l': {
			long w;

			/* N/SECONDS: failed password checks per address and window */
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end != '/' || n < 1 || n > 100000)
				goto bad_limit;
			w = strtol(end + 1, &end, 10);
			if (*end || w < 1 || w > 86400)
				goto bad_limit;
			o.login_limits.address_failures = (int)n;
			o.login_limits.address_window = w;
			break;
		bad_limit:
			return cli_usage(&cmd_serve_def,
			                 "--login-limit \"%s\": expected failures per address and "
			                 "seconds, such as 30/300",
			                 optarg);
		}
		case 'g':
			n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 100000)
				return cli_usage(&cmd_serve_def,
				                 "--login-rate \"%s\": expected password checks a "
				                 "second, such as 20",
				                 optarg);
			o.login_limits.checks_per_second = (int)n;
			break;
		case 'x':
			o.proxy = optarg;
			break;
		case 'B':
		case 'U':
		case 'R':
			if (!parse_size(optarg, c == 'B'   ? &o.max_body
			                        : c == 'U' ? &o.max_upload
			                                   : &o.max_report))
				return cli_usage(
				    &cmd_serve_def,
				    "--%s \"%s\": expected a size in bytes such as 65536, "
				    "64k or 32M",
				    c == 'B'   ? "max-body"
				    : c == 'U' ? "max-upload"
				               : "max-report",
				    optarg);
			break;
		case 'I': {
			long long m = strtoll(optarg, &end, 10);

			if (end == optarg || *end || m < 1)
				return cli_usage(
				    &cmd_serve_def,
				    "--max-import-rows \"%s\": expected a number of rows, "
				    "such as 5000000",
				    optarg);
			o.max_import_rows = (size_t)m;
			break;
		}
		case 'T': {
			double s = strtod(optarg, &end);

			if (end == optarg || *end || !(s >= 0.001 && s <= 86400))
				return cli_usage(
				    &cmd_serve_def,
				    "--request-time \"%s\": expected seconds, such as 120 "
				    "or 0.5",
				    optarg);
			o.request_ms = (long long)(s * 1000 + 0.5);
			break;
		}
		case 'Q': {
			long m = strtol(optarg, &end, 10);

			if (end == optarg || *end || m < 1 || m > 100000)
				return cli_usage(
				    &cmd_serve_def,
				    "--slow-queue \"%s\": expected a number of requests "
				    "from 1 to 100000, such as 64",
				    optarg);
			o.slow_queue = (int)m;
			break;
		}
		case 'W': {
			double s = strtod(optarg, &end);

			if (end == optarg || *end || !(s >= 0.001 && s <= 86400))
				return cli_usage(
				    &cmd_serve_def,
				    "--slow-wait \"%s\": expected seconds, such as 15 or "
				    "0.5",
				    optarg);
			o.slow_wait_ms = (long long)(s * 1000 + 0.5);
			break;
		}
		default:
			return cli_usage(&cmd_serve_def, "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage(&cmd_serve_def, "unexpected argument \"%s\"", argv[optind]);
	o.db_path = cli->db_path;
	styr_err_init(&err);
	if (styr_serve(&o, &err))
		return cli_fail(&err);
	return 0;
}

const struct command cmd_serve_def = {
    "serve",
    run,
    "serve the web pages and the JSON API",
    "styr serve [--port N] [--address A] [--session-ttl SECONDS] [--quiet]\n"
    "           [--today YYYY-MM-DD] [--tls] [--open-data] [--threads N]\n"
    "           [--login-limit N/SECONDS] [--login-rate N] [--proxy ADDRESS]\n"
    "           [--max-body SIZE] [--max-upload SIZE] [--max-report SIZE]\n"
    "           [--max-import-rows N] [--request-time SECONDS]\n"
    "           [--slow-queue N] [--slow-wait SECONDS]\n"
    "styr serve --print-routes\n"
    "Serves the database over HTTP (default 127.0.0.1:8080) until interrupted.\n"
    "--today sets the day Min sida counts what is due and late from (a demo or\n"
    "a test of a past period); default the real date.  --tls says that clients\n"
    "reach the server over TLS (a proxy such as nginx ends it): cookies are\n"
    "Secure and answers carry Strict-Transport-Security.  --open-data also\n"
    "serves the published indicators without a login, in the shape of Kolada's\n"
    "API under /v2/ and /v3/ (styr opendata).  --threads sets the worker\n"
    "threads (default 4), each with its own database handle.  --login-limit\n"
    "sets the failed password checks one client address may make in a window\n"
    "(default 30/300: 30 in 300 seconds), --login-rate the checks a second of\n"
    "every address together (default 10); both are counted in the database,\n"
    "for every server on it.  --proxy names the reverse proxy (nginx) whose\n"
    "X-Forwarded-For gives the client's address.  Limits, each refused with a\n"
    "message saying which: --max-body (a form or API body, default 64k),\n"
    "--max-upload (a workbook or report text, default 32M), --max-report (a report\n"
    "download, default 64M), --max-import-rows (rows of an uploaded import, default\n"
    "5000000), --request-time (seconds a request may run before it is stopped and\n"
    "answered 503, default 120).  Password checks, report downloads and imports\n"
    "run on a pool of their own; --slow-queue sets how many may wait for it\n"
    "(default 64) and --slow-wait how long one may wait (seconds, default 15):\n"
    "beyond either the request is answered 503 with Retry-After, nothing done.\n"
    "Every other write runs on one thread of its own, with a queue of the same\n"
    "limits, so that a write waiting for an import's lock holds up no page.\n"
    "A login from an address the throttle already refuses is answered at once.\n",
};
