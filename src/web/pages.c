/*
 * The pages: server-rendered HTML in Swedish that works without
 * JavaScript.  Every page is one pass that reads through the library's
 * functions and writes into the request's buffer; numbers go through the
 * sv-SE formatter, text through the HTML escaper.  Forms post back to
 * themselves: on a validation error the same form comes back with 422,
 * each message next to its field (aria-describedby) and an error summary
 * at the top, and with what the user typed kept; on success the browser
 * is sent on with 303 so a reload does not post twice.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

/* ---------------------------------------------------------------- shell */

static const char css[] =
    "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;"
    "background:#fff;line-height:1.45}"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;"
    "padding:.5em}"
    "header{background:#0b3d5c;color:#fff;padding:.6em 1em}header nav{display:flex;gap:1.2em;"
    "align-items:center;flex-wrap:wrap}header a{color:#fff}header form{margin-left:auto}"
    "main{padding:1em 1.5em;max-width:70em}h1{font-size:1.6em}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #767676;"
    "padding:.3em .6em;text-align:left;vertical-align:top}td.num{text-align:right;"
    "white-space:nowrap}caption{text-align:left;font-weight:bold}"
    "a{color:#0a4f8a}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px "
    "solid #c75300;outline-offset:2px}"
    ".met{color:#185c1f}.near{color:#7a4b00}.notmet{color:#a0141e}"
    ".error{color:#a0141e;font-weight:bold}.summary{border:2px solid #a0141e;padding:.5em 1em}"
    ".ok{border:2px solid #185c1f;padding:.5em 1em}.locked{border:2px solid #7a4b00;"
    "padding:.5em 1em}"
    "label{display:block;font-weight:bold;margin-top:.8em}input,select,textarea{font:inherit;"
    "padding:.3em;border:1px solid #555}button{font:inherit;padding:.35em 1em;margin-top:.8em;"
    "background:#0b3d5c;color:#fff;border:0;cursor:pointer}"
    "header button{background:#fff;color:#0b3d5c;margin:0}.hint{color:#444;font-size:.9em}"
    "ul.tree{list-style:none;padding-left:1.2em}"
    "tr.sum>*{font-weight:bold;border-top:2px solid #1a1a1a}td.neg{color:#a0141e}"
    ".sr{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}"
    ".lampor{display:flex;gap:1em;flex-wrap:wrap;list-style:none;padding:0}"
    ".lampor li{border:2px solid #767676;padding:.4em .8em;font-weight:bold}"
    ".lampor li.met{border-color:#185c1f}.lampor li.near{border-color:#7a4b00}"
    ".lampor li.notmet{border-color:#a0141e}.flagga{border-left:6px solid #7a4b00;"
    "padding:.3em .8em;background:#fff6e5}.varning{color:#7a4b00;font-weight:bold}"
    "ul.att-gora li{margin:.3em 0}ul.att-gora li.sen{color:#a0141e}";

int pg_style(struct req *r)
{
	r->content_type = "text/css; charset=utf-8";
	out_s(r, css);
	return 0;
}

void page_csrf(struct req *r)
{
	if (r->logged_in && !r->via_token) {
		out_s(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
		out_h(r, r->session.csrf);
		out_s(r, "\">");
	}
}

int page_begin(struct req *r, const char *title)
{
	out_s(r, "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
	         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>");
	out_h(r, title);
	out_s(r, " – styr</title><link rel=\"stylesheet\" href=\"/stil.css\"></head><body>"
	         "<a class=\"skip\" href=\"#main\">Hoppa till innehållet</a><header>"
	         "<nav aria-label=\"Huvudmeny\"><strong>styr</strong>");
	if (r->logged_in) {
		out_s(r, "<a href=\"/min-sida\">Min sida</a><a href=\"/org\">Organisation</a>");
		if (r->role_anywhere < 0)
			r->role_anywhere = (int)web_role_on(r, NULL);
		if (r->role_anywhere >= STYR_ACCESS_CONTROLLER)
			out_s(r, "<a href=\"/logg\">Granskningslogg</a>");
		if (r->role_anywhere >= STYR_ACCESS_ADMIN)
			out_s(r, "<a href=\"/admin/anvandare\">Användare</a>");
		out_s(r, "<a href=\"/konto/losenord\">Byt lösenord</a>");
		out_s(r, "<form method=\"post\" action=\"/logout\">");
		page_csrf(r);
		out_s(r, "<button type=\"submit\">Logga ut ");
		out_h(r, r->user);
		out_s(r, "</button></form>");
	}
	out_s(r, "</nav></header><main id=\"main\"><h1>");
	out_h(r, title);
	out_s(r, "</h1>");
	return 0;
}

int page_end(struct req *r)
{
	out_s(r, "</main></body></html>\n");
	return 0;
}

int page_error(struct req *r, unsigned status, const char *heading, const char *msg)
{
	r->status = status;
	page_begin(r, heading);
	out_s(r, "<p role=\"alert\">");
	out_h(r, msg);
	out_s(r, "</p><p><a href=\"/org\">Till organisationen</a></p>");
	return page_end(r);
}

/* For a load balancer or a monitor: 200 "ok" when the database answers,
 * else a 503 (the detail goes to the log). */
int pg_healthz(struct req *r)
{
	long long version;
	struct styr_err err;

	styr_err_init(&err);
	if (web_data_version(r, &version, &err))
		return web_fail(r, 503, "unavailable", "%s", err.msg);
	r->content_type = "text/plain; charset=utf-8";
	out_s(r, "ok\n");
	return 0;
}

int pg_root(struct req *r)
{
	return web_redirect(r, "/min-sida");
}

/* ---------------------------------------------------------------- forms */

static void field_error(struct req *r, const char *id, const char *msg)
{
	if (!msg)
		return;
	out_f(r, "<p class=\"error\" id=\"%s-fel\">", id);
	out_h(r, msg);
	out_s(r, "</p>");
}

static void field_attrs(struct req *r, const char *id, const char *msg)
{
	if (msg)
		out_f(r, " aria-invalid=\"true\" aria-describedby=\"%s-fel\"", id);
}

bool page_form_summary(struct req *r, const char *top, const char *top_class,
                       const struct form_field *fields, const char *const *msgs, size_t n)
{
	size_t i;
	bool any = false;

	if (top) {
		out_f(r, "<div class=\"%s\" role=\"alert\" id=\"formular-fel\"><p>", top_class);
		out_h(r, top);
		out_s(r, "</p></div>");
		return true;
	}
	for (i = 0; i < n; i++)
		any |= msgs[i] && msgs[i][0];
	if (!any)
		return false;
	out_s(r, "<div class=\"summary\" role=\"alert\" id=\"formular-fel\"><h2>Rätta "
	         "följande</h2><ul>");
	for (i = 0; i < n; i++)
		if (msgs[i] && msgs[i][0])
			out_f(r, "<li><a href=\"#%s\">%s</a></li>", fields[i].id, fields[i].label);
	out_s(r, "</ul></div>");
	return true;
}

/* A text field as the forms write it: its label, a hint (with an id only
 * where the page has always given it one), the error next to the field
 * when it was refused, and the input with the value typed (or proposed)
 * and, when refused, the aria attributes that point at the error. */
struct text_field {
	const char *id; /* the input's id and name */
	const char *label;
	const char *hint;  /* HTML, or NULL */
	bool hint_id;      /* the hint is "ID-tips" */
	const char *attrs; /* more attributes of the input: "" or " a=\"b\"" */
};

static void text_field(struct req *r, const struct text_field *f, const char *value,
                       const char *msg)
{
	out_f(r, "<label for=\"%s\">%s</label>", f->id, f->label);
	if (f->hint) {
		if (f->hint_id)
			out_f(r, "<p class=\"hint\" id=\"%s-tips\">", f->id);
		else
			out_s(r, "<p class=\"hint\">");
		out_s(r, f->hint);
		out_s(r, "</p>");
	}
	field_error(r, f->id, msg);
	out_f(r, "<input id=\"%s\" name=\"%s\"%s value=\"", f->id, f->id, f->attrs);
	out_h(r, value ? value : "");
	out_s(r, "\"");
	field_attrs(r, f->id, msg);
	out_s(r, ">");
}

/* ---------------------------------------------------------------- login */

static const struct text_field login_name = {"namn", "Användarnamn", NULL, false,
                                             " autocomplete=\"username\" required"};

/* Where a login leads: the page asked for before it, when that is a path
 * on this server (never another site: "//host" or "/\\host" would be), else
 * Min sida. */
static const char *login_target(const char *till)
{
	const unsigned char *c;

	if (!till || till[0] != '/' || till[1] == '/' || till[1] == '\\')
		return "/min-sida";
	for (c = (const unsigned char *)till; *c; c++)
		if (*c < 0x20 || *c == 0x7f || *c == '\\')
			return "/min-sida";
	return till;
}

/* Login has no session to hang a CSRF token on.  The form's token is
 * bound to a server-side key, not to anything the client chooses: the
 * page sets a cookie holding a random nonce, and the form carries the
 * time and an HMAC-SHA256 of nonce and time under the key the servers
 * share through the database (web_secret "login").  A cookie and token a
 * client made up do not verify; a pair expires after LOGIN_TOKEN_TTL.  A
 * browser that says the form came from another site (Sec-Fetch-Site) is
 * refused as well. */
#define LOGIN_TOKEN_TTL 3600

void web_wait_text(char *out, size_t size, const char *what, long long seconds)
{
	if (seconds >= 120)
		snprintf(out, size, "%s Vänta %lld minuter och försök igen.", what,
		         (seconds + 59) / 60);
	else if (seconds > 1)
		snprintf(out, size, "%s Vänta %lld sekunder och försök igen.", what, seconds);
	else
		snprintf(out, size, "%s Vänta en sekund och försök igen.", what);
}

void web_login_token(const struct server *srv, const char *nonce, long long when, char *out,
                     size_t size)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char msg[128], hex[2 * sizeof(mac) + 1];
	int n = snprintf(msg, sizeof(msg), "login|%s|%lld", nonce, when);

	crypto_auth_hmacsha256(
	    mac, (const unsigned char *)msg,
	    (unsigned long long)(n < (int)sizeof(msg) ? n : (int)sizeof(msg) - 1), srv->login_key);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	snprintf(out, size, "%lld.%s", when, hex);
}

/* Does the form's token belong to the cookie's nonce, made by a server of
 * this database within LOGIN_TOKEN_TTL? */
static bool login_token_ok(const struct req *r, const char *sent, const char *nonce)
{
	char want[128];
	long long when, now = (long long)time(NULL);
	char *end;

	if (!sent || !nonce || strlen(nonce) != STYR_TOKEN_MAX - 1)
		return false;
	when = strtoll(sent, &end, 10);
	/* a minute's grace for the clocks of several servers */
	if (end == sent || *end != '.' || when > now + 60 || now - when > LOGIN_TOKEN_TTL)
		return false;
	web_login_token(r->srv, nonce, when, want, sizeof(want));
	return styr_token_equal(sent, want);
}

static void login_form(struct req *r, const char *name, const char *msg)
{
	const char *till = web_field(r, "till") ? web_field(r, "till") : web_query(r, "till");
	char nonce[STYR_TOKEN_MAX], token[128];

	styr_token_new(nonce);
	web_login_token(r->srv, nonce, (long long)time(NULL), token, sizeof(token));
	snprintf(r->cookie, sizeof(r->cookie),
	         "styr_login=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=%d%s", nonce,
	         LOGIN_TOKEN_TTL, r->secure ? "; Secure" : "");
	page_begin(r, "Logga in");
	if (msg) {
		out_s(r, "<p class=\"summary\" role=\"alert\" id=\"login-fel\">");
		out_h(r, msg);
		out_s(r, "</p>");
	}
	out_s(r, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" "
	         "value=\"");
	out_s(r, token);
	out_s(r, "\">");
	if (strcmp(login_target(till), "/min-sida")) {
		out_s(r, "<input type=\"hidden\" name=\"till\" value=\"");
		out_h(r, till);
		out_s(r, "\">");
	}
	text_field(r, &login_name, name, NULL);
	out_s(r, "<label for=\"losenord\">Lösenord</label><input id=\"losenord\" "
	         "name=\"losenord\" type=\"password\" autocomplete=\"current-password\" required>"
	         "<br><button type=\"submit\">Logga in</button></form>");
	page_end(r);
}

int pg_login_form(struct req *r)
{
	const char *why = web_query(r, "fel");

	login_form(r, NULL,
	           why && !strcmp(why, "utgangen") ? "Din session har gått ut. Logga in igen."
	           : why && !strcmp(why, "bytt")   ? "Lösenordet är bytt. Logga in med det nya."
	           : web_query(r, "utloggad")      ? "Du är utloggad."
	                                           : NULL);
	return 0;
}

int pg_login(struct req *r)
{
	const char *name = web_field(r, "namn"), *pw = web_field(r, "losenord");
	const char *site = web_header(r, "Sec-Fetch-Site");
	const char *nonce = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "styr_login");
	struct styr_login_attempt a;
	enum styr_throttle_reason why;
	char token[STYR_TOKEN_MAX];
	struct styr_err err;
	int64_t retry;

	if (!login_token_ok(r, web_field(r, "csrf"), nonce) ||
	    (site && strcmp(site, "same-origin") && strcmp(site, "none"))) {
		r->status = 400;
		login_form(r, name,
		           "Inloggningssidan var för gammal eller saknade sin kontrollkod. "
		           "Försök igen.");
		return 0;
	}
	if (!name || !pw || !name[0] || !pw[0]) {
		r->status = 400;
		login_form(r, name, "Fyll i användarnamn och lösenord.");
		return 0;
	}
	memset(&a, 0, sizeof(a));
	a.name = name;
	a.password = pw;
	a.address = r->client;
	a.now = (int64_t)time(NULL);
	a.limits = &r->srv->limits;
	styr_err_init(&err);
	if (styr_login(r->db, &a, r->srv->session_ttl, &r->session, token, &why, &retry, &err)) {
		char msg[160];

		if (err.code != STYR_EPERM)
			return web_fail_err(r, &err);
		r->status = why ? 429 : 401;
		if (why) {
			/* The same words whichever counter was full, and whether
			 * or not the name exists. */
			r->retry_after = retry;
			metrics_throttled(r->srv, why);
			web_wait_text(msg, sizeof(msg), "För många inloggningsförsök.", retry);
		}
		login_form(r, name, why ? msg : "Fel användarnamn eller lösenord.");
		return 0;
	}
	snprintf(r->cookie, sizeof(r->cookie),
	         "styr_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", token,
	         (long long)r->srv->session_ttl, r->secure ? "; Secure" : "");
	return web_redirect(r, "%s", login_target(web_field(r, "till")));
}

int pg_logout(struct req *r)
{
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "styr_session");
	struct styr_err err;

	styr_err_init(&err);
	if (cookie && styr_logout(r->db, cookie, &err))
		return web_fail_err(r, &err);
	snprintf(r->cookie, sizeof(r->cookie),
	         "styr_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	         r->secure ? "; Secure" : "");
	return web_redirect(r, "/login?utloggad=1");
}

/* ---------------------------------------------------------------- lists */

struct units {
	struct styr_org_unit *v;
	size_t n, cap;
};

static int units_cb(void *ctx, const struct styr_org_unit *u)
{
	struct units *l = ctx;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), NULL))
		return STYR_ENOMEM;
	l->v[l->n++] = *u;
	return 0;
}

struct values {
	struct styr_value *v;
	size_t n, cap;
};

static int values_cb(void *ctx, const struct styr_value *x)
{
	struct values *l = ctx;

	if (styr_array_grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v), NULL))
		return STYR_ENOMEM;
	l->v[l->n++] = *x;
	return 0;
}

static int load_values(struct req *r, const char *ind, const char *unit, struct values *out)
{
	struct styr_value_filter f = {ind, unit, 0};
	struct styr_err err;

	memset(out, 0, sizeof(*out));
	styr_err_init(&err);
	if (styr_value_each(r->db, &f, values_cb, out, &err)) {
		free(out->v);
		out->v = NULL;
		return web_fail_err(r, &err);
	}
	return 0;
}

static int load_units(struct req *r, struct units *out)
{
	struct styr_err err;

	memset(out, 0, sizeof(*out));
	styr_err_init(&err);
	if (styr_org_each(r->db, units_cb, out, &err)) {
		free(out->v);
		out->v = NULL;
		return web_fail_err(r, &err);
	}
	return 0;
}

/* ------------------------------------------------------------- org tree */

static void tree(struct req *r, const struct units *l, const char *parent, int depth)
{
	size_t i;
	bool open = false;

	if (depth > 16)
		return;
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].parent, parent))
			continue;
		if (!open)
			out_s(r, "<ul class=\"tree\">");
		open = true;
		out_s(r, "<li><a href=\"/enhet/");
		out_h(r, l->v[i].code);
		out_s(r, "\">");
		out_h(r, l->v[i].name);
		out_s(r, "</a> <span class=\"hint\">(");
		out_h(r, l->v[i].code);
		out_s(r, ", ");
		out_h(r, styr_org_kind_name(l->v[i].kind));
		out_s(r, ")</span>");
		tree(r, l, l->v[i].code, depth + 1);
		out_s(r, "</li>");
	}
	if (open)
		out_s(r, "</ul>");
}

int pg_org(struct req *r)
{
	struct units l;

	if (load_units(r, &l))
		return -1;
	page_begin(r, "Organisation");
	out_s(r, "<nav aria-label=\"Organisationsträd\">");
	tree(r, &l, "", 0);
	out_s(r, "</nav>");
	free(l.v);
	return page_end(r);
}

/* ------------------------------------------------------------ dashboard */

static const char *status_class(enum styr_status s)
{
	return s == STYR_STATUS_MET       ? "met"
	       : s == STYR_STATUS_NEAR    ? "near"
	       : s == STYR_STATUS_NOT_MET ? "notmet"
	                                  : "";
}

/* A mark beside the status word, so that the status is not told by
 * colour alone. */
static const char *status_mark(enum styr_status s)
{
	return s == STYR_STATUS_MET       ? "✔ "
	       : s == STYR_STATUS_NEAR    ? "◐ "
	       : s == STYR_STATUS_NOT_MET ? "✖ "
	                                  : "○ ";
}

static const char *trend_arrow(enum styr_trend t)
{
	return t == STYR_TREND_BETTER    ? "↑ "
	       : t == STYR_TREND_WORSE   ? "↓ "
	       : t == STYR_TREND_SAME    ? "→ "
	       : t == STYR_TREND_CHANGED ? "↕ "
	                                 : "";
}

/* One row: period and value of v, and for a quality indicator its target,
 * status and trend (a production figure is counted, not målsatt: five
 * cells, or two).  a is v's assessment, NULL when it could not be made. */
static void value_cells_with(struct req *r, const struct styr_indicator *ind,
                             const struct styr_value *v, const struct styr_assessment *a)
{
	char num[64], period[64];

	styr_period_label(&v->period, period, sizeof(period));
	styr_value_format(v, ind, num, sizeof(num));
	out_s(r, "<td>");
	out_h(r, period);
	out_s(r, "</td><td class=\"num\">");
	out_h(r, num);
	out_s(r, "</td>");
	if (ind->category == STYR_IND_PRODUKTION)
		return;
	if (!a) {
		out_s(r, "<td colspan=\"3\">Målet går inte att tolka, så värdet kan inte "
		         "bedömas.</td>");
		return;
	}
	out_s(r, "<td>");
	out_h(r, a->has_target ? a->target.text : "–");
	if (a->has_target && a->target.year < v->period.year)
		out_f(r, " <span class=\"hint\">(mål från %d)</span>", a->target.year);
	out_f(r, "</td><td class=\"%s\">%s", status_class(a->status), status_mark(a->status));
	out_h(r, styr_status_label(a->status));
	out_s(r, "</td><td>");
	out_s(r, trend_arrow(a->trend));
	out_h(r, styr_trend_label(a->trend));
	out_s(r, "</td>");
}

/* The same, assessing v here (a few reads). */
static void value_cells(struct req *r, const struct styr_indicator *ind, const struct styr_value *v)
{
	struct styr_assessment a;
	struct styr_err err;

	styr_err_init(&err);
	value_cells_with(r, ind, v,
	                 ind->category == STYR_IND_PRODUKTION ||
	                         styr_value_assess(r->db, ind, v, &a, &err)
	                     ? NULL
	                     : &a);
}

/* What a dashboard or an indicator page assesses values with, read in a
 * few statements rather than three per value (issue 16: a dashboard took
 * ~700 statements, on PostgreSQL each a round trip): the indicators, the
 * unit's targets and the all-units ones, each sorted here by code (the
 * databases' collations may order codes differently). */
struct lookup {
	struct styr_indicator *ind;
	size_t nind, capind;
	struct styr_indicator_target *tg;
	size_t ntg, captg;
};

static int lookup_ind_cb(void *ctx, const struct styr_indicator *ind)
{
	struct lookup *l = ctx;

	if (styr_array_grow((void **)&l->ind, &l->capind, l->nind, sizeof(*l->ind), NULL))
		return STYR_ENOMEM;
	l->ind[l->nind++] = *ind;
	return 0;
}

static int lookup_tg_cb(void *ctx, const struct styr_indicator_target *t)
{
	struct lookup *l = ctx;

	if (styr_array_grow((void **)&l->tg, &l->captg, l->ntg, sizeof(*l->tg), NULL))
		return STYR_ENOMEM;
	l->tg[l->ntg++] = *t;
	return 0;
}

static int ind_cmp(const void *a, const void *b)
{
	return strcmp(((const struct styr_indicator *)a)->code,
	              ((const struct styr_indicator *)b)->code);
}

/* By indicator, year, and the all-units target ("") before the unit's. */
static int tg_cmp(const void *a, const void *b)
{
	const struct styr_indicator_target *x = a, *y = b;
	int c = strcmp(x->indicator, y->indicator);

	if (c)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return (x->unit[0] != 0) - (y->unit[0] != 0);
}

static void lookup_free(struct lookup *l)
{
	free(l->ind);
	free(l->tg);
	memset(l, 0, sizeof(*l));
}

/* all_ind: every indicator (a dashboard); else the caller has its one. */
static int lookup_load(struct req *r, const char *unit, bool all_ind, struct lookup *l)
{
	struct styr_err err;

	memset(l, 0, sizeof(*l));
	styr_err_init(&err);
	if ((all_ind && styr_indicator_each(r->db, lookup_ind_cb, l, &err)) ||
	    styr_target_each_unit(r->db, unit, lookup_tg_cb, l, &err)) {
		lookup_free(l);
		return web_fail_err(r, &err);
	}
	/* (qsort and bsearch take no NULL array, even of none) */
	if (l->nind)
		qsort(l->ind, l->nind, sizeof(*l->ind), ind_cmp);
	if (l->ntg)
		qsort(l->tg, l->ntg, sizeof(*l->tg), tg_cmp);
	return 0;
}

static const struct styr_indicator *lookup_ind(const struct lookup *l, const char *code)
{
	struct styr_indicator key;

	if (!l->nind)
		return NULL;
	snprintf(key.code, sizeof(key.code), "%s", code);
	return bsearch(&key, l->ind, l->nind, sizeof(*l->ind), ind_cmp);
}

/* The target styr_target_find gives for (indicator, the unit, year): of
 * the latest year up to year, the unit's own before the all-units one. */
static const struct styr_indicator_target *lookup_target(const struct lookup *l,
                                                         const char *indicator, int year)
{
	size_t lo = 0, hi = l->ntg;
	const struct styr_indicator_target *best = NULL;

	while (lo < hi) { /* the first of indicator's rows */
		size_t mid = (lo + hi) / 2;

		if (strcmp(l->tg[mid].indicator, indicator) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < l->ntg && !strcmp(l->tg[lo].indicator, indicator) && l->tg[lo].year <= year;
	     lo++)
		best = &l->tg[lo];
	return best;
}

/* Assess v with its previous value given (NULL: none); NULL when the
 * target does not parse (as value_cells says). */
static const struct styr_assessment *
lookup_assess(const struct lookup *l, const struct styr_indicator *ind, const struct styr_value *v,
              const struct styr_value *prev, struct styr_assessment *a)
{
	struct styr_err err;

	styr_err_init(&err);
	if (styr_value_assess_with(ind, v, lookup_target(l, ind->code, v->period.year), prev, a,
	                           &err))
		return NULL;
	return a;
}

/* In a run of one indicator's values sorted by period, ending at i: the
 * value of v[i]'s period a year before, if the run has it. */
static const struct styr_value *prev_in_run(const struct styr_value *v, size_t i)
{
	struct styr_period want = styr_period_prev_year(&v[i].period);
	size_t j;

	for (j = i; j-- > 0 && !strcmp(v[j].indicator, v[i].indicator);) {
		int c = styr_period_cmp(&v[j].period, &want);

		if (!c)
			return &v[j];
		if (c < 0)
			break;
	}
	return NULL;
}

/* The value's comment, as a cell of its own. */
static void comment_cell(struct req *r, const struct styr_value *v)
{
	out_s(r, "<td class=\"kommentar\">");
	out_h(r, v->comment);
	out_s(r, "</td>");
}

/* The latest value of each of the unit's indicators of category cat, one
 * row each: a quality indicator with its target, status and trend, a
 * production figure with its value alone.  head (may be NULL) is written
 * before the first row, so a table without rows need not be written at
 * all.  Whether there was any row. */
static bool latest_rows(struct req *r, const struct styr_org_unit *u, const struct values *vals,
                        const struct lookup *l, enum styr_indicator_category cat, const char *head)
{
	bool any = false;
	size_t i;

	/* Values come by indicator, then period: the last of a run is the
	 * latest. */
	for (i = 0; i < vals->n; i++) {
		const struct styr_value *v = &vals->v[i];
		const struct styr_indicator *ind;
		struct styr_assessment a;

		if (i + 1 < vals->n && !strcmp(vals->v[i + 1].indicator, v->indicator))
			continue;
		if (!(ind = lookup_ind(l, v->indicator)) || ind->category != cat)
			continue;
		if (!any && head)
			out_s(r, head);
		any = true;
		out_s(r, "<tr><th scope=\"row\"><a href=\"/enhet/");
		out_h(r, u->code);
		out_s(r, "/indikator/");
		out_h(r, ind->code);
		out_s(r, "\">");
		out_h(r, ind->code);
		out_s(r, "</a> ");
		out_h(r, ind->name);
		out_s(r, "</th>");
		value_cells_with(r, ind, v,
		                 cat == STYR_IND_PRODUKTION
		                     ? NULL
		                     : lookup_assess(l, ind, v, prev_in_run(vals->v, i), &a));
		out_s(r, "</tr>");
	}
	return any;
}

/* How a unit's quality indicators stand: their latest values counted by
 * status, and the latest period among them. */
struct standing {
	size_t met, near, notmet, other;
	struct styr_period latest;
	bool any;
};

static void standing_of_values(const struct values *vals, const struct lookup *l,
                               struct standing *st)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < vals->n; i++) {
		const struct styr_value *v = &vals->v[i];
		const struct styr_indicator *ind;
		struct styr_assessment a;

		if (i + 1 < vals->n && !strcmp(vals->v[i + 1].indicator, v->indicator))
			continue;
		if (!(ind = lookup_ind(l, v->indicator)) || ind->category != STYR_IND_KVALITET ||
		    !lookup_assess(l, ind, v, prev_in_run(vals->v, i), &a))
			continue;
		if (!st->any || styr_period_cmp(&v->period, &st->latest) > 0)
			st->latest = v->period;
		st->any = true;
		if (a.status == STYR_STATUS_MET)
			st->met++;
		else if (a.status == STYR_STATUS_NEAR)
			st->near++;
		else if (a.status == STYR_STATUS_NOT_MET)
			st->notmet++;
		else
			st->other++;
	}
}

/* Of each indicator of unit its latest value and the one a year before
 * it: what a dashboard shows and assesses. */
static int load_latest(struct req *r, const char *unit, struct values *out)
{
	struct styr_err err;

	memset(out, 0, sizeof(*out));
	styr_err_init(&err);
	if (styr_value_latest_each(r->db, unit, values_cb, out, &err)) {
		free(out->v);
		out->v = NULL;
		return web_fail_err(r, &err);
	}
	return 0;
}

/* A child unit's standing: its own targets, the indicators of the page's
 * lookup (ind). */
static int standing_of(struct req *r, const char *unit, const struct lookup *ind,
                       struct standing *st)
{
	struct values vals;
	struct lookup l;

	if (load_latest(r, unit, &vals))
		return -1;
	if (lookup_load(r, unit, false, &l)) {
		free(vals.v);
		return -1;
	}
	l.ind = ind->ind;
	l.nind = ind->nind;
	standing_of_values(&vals, &l, st);
	l.ind = NULL;
	lookup_free(&l);
	free(vals.v);
	return 0;
}

/* The year that has ended last, as the server counts days. */
static int last_ended_year(const struct req *r)
{
	char date[16];
	int year, month;

	web_today(r, date, sizeof(date), &year, &month);
	return year - 1;
}

/* The dashboard's summary line: traffic lights with counts, and the
 * period the figures are from, flagged when a newer one has ended. */
static void standing_summary(struct req *r, const struct standing *st)
{
	char label[64];

	if (!st->any)
		return;
	styr_period_label(&st->latest, label, sizeof(label));
	out_s(r, "<h2>Läget</h2><ul class=\"lampor\" aria-label=\"Indikatorernas status\">");
	out_f(r,
	      "<li class=\"met\">✔ %zu uppfyllda</li><li class=\"near\">◐ %zu nära "
	      "målet</li><li class=\"notmet\">✖ %zu ej uppfyllda</li><li>○ %zu utan mål "
	      "eller värde</li></ul>",
	      st->met, st->near, st->notmet, st->other);
	if (st->latest.year < last_ended_year(r)) {
		out_s(r, "<p class=\"flagga\">De senaste värdena är från ");
		out_h(r, label);
		out_f(r, ". Det finns inga värden för %d ännu.</p>", last_ended_year(r));
	} else {
		out_s(r, "<p>De senaste värdena är från ");
		out_h(r, label);
		out_s(r, ".</p>");
	}
}

/* A row per child unit with how its indicators stand, each a link to
 * the child's own dashboard. */
static int children_standing(struct req *r, const struct units *all, const char *parent,
                             const struct lookup *l)
{
	bool any = false;
	size_t i;

	for (i = 0; i < all->n; i++) {
		struct standing st;

		if (strcmp(all->v[i].parent, parent))
			continue;
		if (standing_of(r, all->v[i].code, l, &st))
			return -1;
		if (!any)
			out_s(
			    r,
			    "<table><caption>Enheterna under: indikatorernas status</caption>"
			    "<thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Uppfyllda"
			    "</th><th scope=\"col\">Nära</th><th scope=\"col\">Ej uppfyllda</th>"
			    "<th scope=\"col\">Utan mål eller värde</th><th scope=\"col\">Senaste "
			    "period</th></tr></thead><tbody>");
		any = true;
		out_s(r, "<tr><th scope=\"row\"><a href=\"/enhet/");
		out_h(r, all->v[i].code);
		out_s(r, "\">");
		out_h(r, all->v[i].name);
		out_f(r,
		      "</a></th><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		      "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>",
		      st.met, st.near, st.notmet, st.other);
		if (st.any) {
			char label[64];

			styr_period_label(&st.latest, label, sizeof(label));
			out_h(r, label);
		} else {
			out_s(r, "inga värden");
		}
		out_s(r, "</td></tr>");
	}
	if (any)
		out_s(r, "</tbody></table>");
	return 0;
}

/* The unit page's links to its other pages, and who sees each. */
static const struct {
	const char *path, *label;
	enum styr_access_role role;
} unit_links[] = {
    {"/rapport", "Rapport och godkännande", STYR_ACCESS_READER},
    {"/indikatorrapport", "Ladda ned indikatorrapporten (HTML)", STYR_ACCESS_READER},
    {"/kalender", "Uppföljningskalender", STYR_ACCESS_READER},
    {"/ekonomi", "Ekonomi: resultaträkning och handlingsplaner", STYR_ACCESS_READER},
    {"/varden", "Fyll i periodens värden", STYR_ACCESS_UNIT_MANAGER},
    {"/varde", "Registrera ett värde", STYR_ACCESS_UNIT_MANAGER},
    {"/analys", "Skriv analys", STYR_ACCESS_UNIT_MANAGER},
    {"/atgard", "Registrera åtgärd", STYR_ACCESS_UNIT_MANAGER},
};

int pg_unit(struct req *r)
{
	struct styr_org_unit u;
	struct values vals;
	struct units all;
	struct lookup l;
	char key[WEB_CACHE_KEY];
	size_t from, i;
	bool any;

	if (web_unit_or_reply(r, &u))
		return -1;
	page_begin(r, u.name);
	/* Below the header (user name, CSRF token) the page is the same for
	 * everyone who may or may not enter values here. */
	snprintf(key, sizeof(key), "unit:%s:%d", u.code, r->role >= STYR_ACCESS_UNIT_MANAGER);
	if (web_cache_get(r, key))
		return page_end(r);
	from = r->out.len;
	if (load_latest(r, u.code, &vals))
		return -1;
	if (load_units(r, &all)) {
		free(vals.v);
		return -1;
	}
	if (lookup_load(r, u.code, true, &l)) {
		free(all.v);
		free(vals.v);
		return -1;
	}
	out_s(r, "<p class=\"hint\">");
	out_h(r, u.code);
	out_s(r, " · ");
	out_h(r, styr_org_kind_name(u.kind));
	if (u.parent[0]) {
		out_s(r, " · del av <a href=\"/enhet/");
		out_h(r, u.parent);
		out_s(r, "\">");
		out_h(r, u.parent);
		out_s(r, "</a>");
	}
	out_s(r, "</p><p>");
	for (i = 0; i < sizeof(unit_links) / sizeof(unit_links[0]); i++) {
		if (r->role < unit_links[i].role)
			continue;
		out_s(r, i ? " · <a href=\"/enhet/" : "<a href=\"/enhet/");
		out_h(r, u.code);
		out_s(r, unit_links[i].path);
		out_s(r, "\">");
		out_s(r, unit_links[i].label);
		out_s(r, "</a>");
	}
	out_s(r, "</p>");
	{
		/* the values already read: a unit has thousands */
		struct standing st;

		standing_of_values(&vals, &l, &st);
		standing_summary(r, &st);
	}
	out_s(r, "<table><caption>Indikatorer, senaste värde</caption><thead><tr>"
	         "<th scope=\"col\">Indikator</th><th scope=\"col\">Period</th>"
	         "<th scope=\"col\">Värde</th><th scope=\"col\">Mål</th>"
	         "<th scope=\"col\">Status</th><th scope=\"col\">Trend</th></tr></thead><tbody>");
	any = latest_rows(r, &u, &vals, &l, STYR_IND_KVALITET, NULL);
	out_s(r, "</tbody></table>");
	if (!any)
		out_s(r, "<p>Inga värden är registrerade för enheten.</p>");
	/* Production figures are counted, not målsatt: a table of their own
	 * without target, status and trend, and only when there are any. */
	if (latest_rows(r, &u, &vals, &l, STYR_IND_PRODUKTION,
	                "<table><caption>Produktion, senaste värde</caption><thead><tr>"
	                "<th scope=\"col\">Produktionstal</th><th scope=\"col\">Period</th>"
	                "<th scope=\"col\">Värde</th></tr></thead><tbody>"))
		out_s(r, "</tbody></table>");
	page_economy(r, u.code);
	page_documents(r, u.code);
	out_s(r, "<h2>Enheter under</h2>");
	if (children_standing(r, &all, u.code, &l)) {
		lookup_free(&l);
		free(all.v);
		free(vals.v);
		return -1;
	}
	tree(r, &all, u.code, 0);
	lookup_free(&l);
	free(all.v);
	free(vals.v);
	web_cache_put(r, key, from);
	return page_end(r);
}

/* ------------------------------------------------------------ indicator */

struct ind_goals {
	struct req *r;
	const char *indicator;
	int n;
};

static int ind_goal_cb(void *ctx, const char *goal, const char *indicator)
{
	struct ind_goals *w = ctx;
	struct styr_goal g;
	struct styr_err err;

	if (strcmp(indicator, w->indicator))
		return 0;
	styr_err_init(&err);
	if (styr_goal_find(w->r->db, goal, &g, &err))
		return 0;
	out_s(w->r, w->n++ ? "</li><li>" : "<h2>Mål som indikatorn följer upp</h2><ul><li>");
	out_s(w->r, "<a href=\"/mal/");
	out_h(w->r, g.code);
	out_s(w->r, "\">");
	out_h(w->r, g.title);
	out_s(w->r, "</a>");
	return 0;
}

/* A line chart of the history with the target as a dashed line; plain
 * SVG, so it prints and needs no script. */
static void chart(struct req *r, const struct styr_indicator *ind, const struct values *v,
                  const struct styr_target *t, bool has_target)
{
	const double W = 560, H = 220, L = 60, R = 20, T = 20, B = 40;
	double lo = 0, hi = 0, x, y;
	bool first = true, line = has_target && t->op >= STYR_TARGET_GT && t->op <= STYR_TARGET_EQ;
	char num[64];
	size_t i, n = 0;

	for (i = 0; i < v->n; i++) {
		if (v->v[i].num.kind != STYR_NUM_VALUE)
			continue;
		if (first || v->v[i].num.value < lo)
			lo = v->v[i].num.value;
		if (first || v->v[i].num.value > hi)
			hi = v->v[i].num.value;
		first = false;
		n++;
	}
	if (!n)
		return;
	if (line) {
		lo = t->threshold < lo ? t->threshold : lo;
		hi = t->threshold > hi ? t->threshold : hi;
	}
	if (hi - lo < 1e-9) {
		hi += 1;
		lo -= 1;
	}
	out_f(r,
	      "<svg width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	      "aria-labelledby=\"diagram-titel\"><title id=\"diagram-titel\">",
	      W, H, W, H);
	out_h(r, ind->name);
	out_s(r, ": utveckling över tid");
	if (line)
		out_s(r, " med mållinje");
	out_s(r, "</title>");
	out_f(r, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333\"/>", L,
	      H - B, W - R, H - B);
#define YPOS(val) (T + (H - T - B) * (1 - ((val)-lo) / (hi - lo)))
	styr_num_format(num, sizeof(num), hi, 1);
	out_f(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"end\">%s</text>",
	      L - 6, YPOS(hi) + 4, num);
	styr_num_format(num, sizeof(num), lo, 1);
	out_f(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"end\">%s</text>",
	      L - 6, YPOS(lo) + 4, num);
	if (line) {
		styr_num_format(num, sizeof(num), t->threshold, 1);
		out_f(r,
		      "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#a0141e\" "
		      "stroke-dasharray=\"6 4\" class=\"mallinje\"/><text x=\"%.0f\" y=\"%.1f\" "
		      "font-size=\"12\" fill=\"#a0141e\" text-anchor=\"end\">Mål %s</text>",
		      L, YPOS(t->threshold), W - R, YPOS(t->threshold), W - R,
		      YPOS(t->threshold) - 4, num);
	}
	out_s(r, "<polyline fill=\"none\" stroke=\"#0b3d5c\" stroke-width=\"2\" points=\"");
	{
		size_t k = 0;

		for (i = 0; i < v->n; i++) {
			if (v->v[i].num.kind != STYR_NUM_VALUE)
				continue;
			x = n > 1 ? L + 10 + (W - L - R - 20) * (double)k / (double)(n - 1)
			          : (L + W - R) / 2;
			y = YPOS(v->v[i].num.value);
			out_f(r, "%.1f,%.1f ", x, y);
			k++;
		}
		out_s(r, "\"/>");
		for (i = 0, k = 0; i < v->n; i++) {
			char period[32];

			if (v->v[i].num.kind != STYR_NUM_VALUE)
				continue;
			x = n > 1 ? L + 10 + (W - L - R - 20) * (double)k / (double)(n - 1)
			          : (L + W - R) / 2;
			y = YPOS(v->v[i].num.value);
			styr_period_format(&v->v[i].period, period, sizeof(period));
			out_f(r, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#0b3d5c\"/>", x,
			      y);
			out_f(r,
			      "<text x=\"%.1f\" y=\"%.0f\" font-size=\"12\" "
			      "text-anchor=\"middle\">%s</text>",
			      x, H - B + 16, period);
			k++;
		}
	}
#undef YPOS
	out_s(r, "</svg>");
}

int pg_indicator(struct req *r)
{
	struct styr_org_unit u;
	struct styr_indicator ind;
	struct styr_indicator_target tgt;
	struct styr_target parsed;
	struct values vals;
	struct units all;
	struct lookup l;
	struct styr_err err;
	bool has_target = false, has_children = false;
	const char *assessed_head;
	int columns;
	size_t i, j;

	if (web_unit_or_reply(r, &u))
		return -1;
	styr_err_init(&err);
	if (styr_indicator_find(r->db, r->params[1], &ind, &err))
		return web_fail_err(r, &err);
	/* value_cells' columns after period and value */
	if (ind.category == STYR_IND_PRODUKTION) {
		assessed_head = "";
		columns = 2;
	} else {
		assessed_head = "<th scope=\"col\">Mål</th><th scope=\"col\">Status</th>"
		                "<th scope=\"col\">Trend</th>";
		columns = 5;
	}
	if (load_values(r, ind.code, u.code, &vals))
		return -1;
	if (load_units(r, &all)) {
		free(vals.v);
		return -1;
	}
	/* the unit's targets, read once for all its values */
	if (lookup_load(r, u.code, false, &l)) {
		free(all.v);
		free(vals.v);
		return -1;
	}
	memset(&parsed, 0, sizeof(parsed));
	if (vals.n) {
		styr_err_init(&err);
		if (!styr_target_find(r->db, ind.code, u.code, vals.v[vals.n - 1].period.year, &tgt,
		                      &err) &&
		    !styr_target_parse(tgt.text, &parsed, &err))
			has_target = true;
	}
	page_begin(r, ind.name);
	web_deleted_note(r);
	out_s(r, "<p class=\"hint\">");
	out_h(r, ind.code);
	out_s(r, " · <a href=\"/enhet/");
	out_h(r, u.code);
	out_s(r, "\">");
	out_h(r, u.name);
	out_s(r, "</a></p><dl><dt>Definition</dt><dd>");
	out_h(r, ind.definition[0] ? ind.definition : "–");
	out_s(r, "</dd><dt>Enhet</dt><dd>");
	out_h(r, ind.unit[0] ? ind.unit : "–");
	out_s(r, "</dd><dt>Källa</dt><dd>");
	out_h(r, ind.source[0] ? ind.source : "–");
	if (ind.category == STYR_IND_PRODUKTION) {
		/* A production figure is counted, never målsatt: saying "Ej
		 * målsatt" would read as a missing target. */
		out_s(r, "</dd><dt>Kategori</dt><dd>Produktion (räknas, målsätts inte)");
	} else {
		out_s(r, "</dd><dt>Mål</dt><dd>");
		out_h(r, has_target ? tgt.text : "Ej målsatt");
		if (has_target && tgt.year < vals.v[vals.n - 1].period.year)
			out_f(r, " (mål från %d)", tgt.year);
	}
	out_s(r, "</dd></dl>");
	{
		struct ind_goals w = {r, ind.code, 0};

		styr_err_init(&err);
		styr_goal_indicator_each(r->db, ind_goal_cb, &w, &err);
		if (w.n)
			out_s(r, "</li></ul>");
	}
	out_s(r, "<h2>Utveckling</h2>");
	chart(r, &ind, &vals, &parsed, has_target);
	out_s(r, "<table><caption>Värden för ");
	out_h(r, u.name);
	out_s(r, "</caption><thead><tr><th scope=\"col\">Period</th><th scope=\"col\">Värde</th>");
	out_s(r, assessed_head);
	out_s(r, "<th scope=\"col\">Kommentar</th>");
	/* who may write a value may correct or delete it (delete.c) */
	if (r->role >= STYR_ACCESS_UNIT_MANAGER)
		out_s(r, "<th scope=\"col\">Ändra</th>");
	out_s(r, "</tr></thead><tbody>");
	for (i = vals.n; i-- > 0;) {
		struct styr_assessment a;

		out_s(r, "<tr>");
		value_cells_with(
		    r, &ind, &vals.v[i],
		    ind.category == STYR_IND_PRODUKTION
		        ? NULL
		        : lookup_assess(&l, &ind, &vals.v[i], prev_in_run(vals.v, i), &a));
		comment_cell(r, &vals.v[i]);
		if (r->role >= STYR_ACCESS_UNIT_MANAGER)
			web_value_links(r, u.code, ind.code, &vals.v[i].period);
		out_s(r, "</tr>");
	}
	if (!vals.n)
		out_f(r, "<tr><td colspan=\"%d\">Inga värden.</td></tr>", columns + 1);
	out_s(r, "</tbody></table>");
	{
		/* every period's versions of the unit's value */
		const char *keys[] = {ind.code, u.code};

		web_history(r, "value", keys, 2, 3);
	}
	for (j = 0; j < all.n && strcmp(all.v[j].parent, u.code); j++)
		;
	if (j < all.n) {
		out_s(r, "<h2>Enheter under</h2><table><caption>Senaste värde per enhet</caption>"
		         "<thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Period</th>"
		         "<th scope=\"col\">Värde</th>");
		out_s(r, assessed_head);
		out_s(r, "</tr></thead><tbody>");
	}
	for (; j < all.n; j++) {
		struct values cv;

		if (strcmp(all.v[j].parent, u.code))
			continue;
		if (load_values(r, ind.code, all.v[j].code, &cv))
			break;
		out_s(r, "<tr><th scope=\"row\"><a href=\"/enhet/");
		out_h(r, all.v[j].code);
		out_s(r, "/indikator/");
		out_h(r, ind.code);
		out_s(r, "\">");
		out_h(r, all.v[j].name);
		out_s(r, "</a></th>");
		if (cv.n)
			value_cells(r, &ind, &cv.v[cv.n - 1]);
		else
			out_f(r, "<td colspan=\"%d\">Inget värde</td>", columns);
		out_s(r, "</tr>");
		free(cv.v);
		has_children = true;
	}
	if (has_children)
		out_s(r, "</tbody></table>");
	lookup_free(&l);
	free(all.v);
	free(vals.v);
	return page_end(r);
}

/* ----------------------------------------------------------------- goal */

struct goal_walk {
	struct req *r;
	const char *code;
	int count;
};

static int subgoal_cb(void *ctx, const struct styr_goal *g)
{
	struct goal_walk *w = ctx;

	if (strcmp(g->parent, w->code))
		return 0;
	if (!w->count++)
		out_s(w->r, "<ul>");
	out_s(w->r, "<li><a href=\"/mal/");
	out_h(w->r, g->code);
	out_s(w->r, "\">");
	out_h(w->r, g->title);
	out_s(w->r, "</a> <span class=\"hint\">(");
	out_h(w->r, styr_goal_level_name(g->level));
	out_s(w->r, ")</span></li>");
	return 0;
}

struct owner_walk {
	const char *goal;
	char unit[STYR_CODE_MAX];
};

static int owner_cb(void *ctx, const struct styr_goal_owner *o)
{
	struct owner_walk *w = ctx;

	if (!strcmp(o->goal, w->goal) && !w->unit[0])
		snprintf(w->unit, sizeof(w->unit), "%s", o->unit);
	return 0;
}

static int goal_ind_cb(void *ctx, const char *goal, const char *indicator)
{
	struct goal_walk *w = ctx;
	struct styr_indicator ind;
	struct owner_walk ow = {w->code, ""};
	struct styr_err err;

	if (strcmp(goal, w->code))
		return 0;
	styr_err_init(&err);
	styr_goal_owner_each(w->r->db, owner_cb, &ow, &err);
	if (styr_indicator_find(w->r->db, indicator, &ind, &err))
		return 0;
	if (!w->count++)
		out_s(w->r, "<ul>");
	out_s(w->r, "<li>");
	if (ow.unit[0]) {
		out_s(w->r, "<a href=\"/enhet/");
		out_h(w->r, ow.unit);
		out_s(w->r, "/indikator/");
		out_h(w->r, ind.code);
		out_s(w->r, "\">");
	}
	out_h(w->r, ind.code);
	out_s(w->r, " ");
	out_h(w->r, ind.name);
	if (ow.unit[0])
		out_s(w->r, "</a>");
	out_s(w->r, "</li>");
	return 0;
}

int pg_goal(struct req *r)
{
	struct styr_goal g;
	struct styr_err err;
	struct goal_walk w = {r, NULL, 0};

	styr_err_init(&err);
	if (styr_goal_find(r->db, r->params[0], &g, &err))
		return web_fail_err(r, &err);
	w.code = g.code;
	page_begin(r, g.title);
	out_s(r, "<p class=\"hint\">");
	out_h(r, g.code);
	out_s(r, " · ");
	out_h(r, styr_goal_level_name(g.level));
	if (g.parent[0]) {
		out_s(r, " · under <a href=\"/mal/");
		out_h(r, g.parent);
		out_s(r, "\">");
		out_h(r, g.parent);
		out_s(r, "</a>");
	}
	out_s(r, "</p><p>");
	out_h(r, g.text);
	out_s(r, "</p><h2>Delmål</h2>");
	styr_goal_each(r->db, subgoal_cb, &w, &err);
	out_s(r, w.count ? "</ul>" : "<p>Inga delmål.</p>");
	out_s(r, "<h2>Indikatorer</h2>");
	w.count = 0;
	styr_goal_indicator_each(r->db, goal_ind_cb, &w, &err);
	out_s(r, w.count ? "</ul>" : "<p>Inga kopplade indikatorer.</p>");
	page_goal_followup(r, &g);
	return page_end(r);
}

/* ----------------------------------------------------------- value form */

struct form_errors {
	const char *indicator, *period, *value, *comment;
	const char *top; /* not about one field (a locked period) */
	char value_buf[320], top_buf[STYR_ERR_MAX + 128];
};

struct ind_walk {
	struct req *r;
	const char *selected;
};

static int option_cb(void *ctx, const struct styr_indicator *ind)
{
	struct ind_walk *w = ctx;

	out_s(w->r, "<option value=\"");
	out_h(w->r, ind->code);
	out_s(w->r, w->selected && !strcmp(w->selected, ind->code) ? "\" selected>" : "\">");
	out_h(w->r, ind->code);
	out_s(w->r, " ");
	out_h(w->r, ind->name);
	out_s(w->r, "</option>");
	return 0;
}

/* The value form's fields after the indicator. */
enum { VF_PERIOD, VF_VALUE, VF_REASON, VF_COMMENT, VF_COUNT };
static const struct text_field value_fields[VF_COUNT] = {
    [VF_PERIOD] = {"period", "Period", "Till exempel 2025, 2025-03 eller 2025T2.", true, ""},
    [VF_VALUE] = {"varde", "Värde",
                  "Till exempel 83,8 eller 83,8 %. Lämna tomt om värdet saknas och ange orsak.",
                  false, " inputmode=\"decimal\""},
    [VF_REASON] = {"orsak", "Orsak om värde saknas", NULL, false, ""},
    [VF_COMMENT] = {"kommentar", "Kommentar",
                    "Det läsaren behöver veta om värdet, till exempel att mätsättet har "
                    "ändrats. Visas bredvid värdet och under rapportens tabell.",
                    false, ""},
};

static void value_form(struct req *r, const struct styr_org_unit *u, const struct form_errors *e)
{
	const char *ind = web_field(r, "indikator"), *period = web_field(r, "period");
	const char *value = web_field(r, "varde"), *reason = web_field(r, "orsak");
	const char *comment = web_field(r, "kommentar");
	struct ind_walk w = {r, ind ? ind : web_query(r, "indikator")};
	struct styr_err err;
	char year[16];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(year, sizeof(year), "%d", tm.tm_year + 1900);
	page_begin(r, "Registrera värde");
	out_s(r, "<p>För <a href=\"/enhet/");
	out_h(r, u->code);
	out_s(r, "\">");
	out_h(r, u->name);
	out_s(r, "</a>.</p>");
	if (e) {
		static const struct form_field fields[] = {{"indikator", "Indikator"},
		                                           {"period", "Period"},
		                                           {"varde", "Värde"},
		                                           {"kommentar", "Kommentar"}};
		const char *msgs[] = {e->indicator, e->period, e->value, e->comment};

		page_form_summary(r, e->top, "locked", fields, msgs, 4);
	} else if (web_query(r, "sparat")) {
		out_s(r, "<p class=\"ok\" role=\"status\" id=\"sparat\">Värdet sparades. <a "
		         "href=\"/enhet/");
		out_h(r, u->code);
		out_s(r, "/rapport?period=");
		out_h(r, web_query(r, "period") ? web_query(r, "period") : "");
		out_s(r, "\">Till rapporten för perioden</a></p>");
	}
	out_s(r, "<form method=\"post\" action=\"/enhet/");
	out_h(r, u->code);
	out_s(r, "/varde\" novalidate>");
	page_csrf(r);
	out_s(r, "<label for=\"indikator\">Indikator</label>");
	field_error(r, "indikator", e ? e->indicator : NULL);
	out_s(r, "<select id=\"indikator\" name=\"indikator\"");
	field_attrs(r, "indikator", e ? e->indicator : NULL);
	out_s(r, "><option value=\"\">Välj indikator</option>");
	styr_err_init(&err);
	styr_indicator_each(r->db, option_cb, &w, &err);
	out_s(r, "</select>");
	text_field(r, &value_fields[VF_PERIOD], period ? period : year, e ? e->period : NULL);
	text_field(r, &value_fields[VF_VALUE], value, e ? e->value : NULL);
	text_field(r, &value_fields[VF_REASON], reason, NULL);
	text_field(r, &value_fields[VF_COMMENT], comment, e ? e->comment : NULL);
	out_s(r, "<br><button type=\"submit\">Spara</button></form>");
	/* The value the link came for (?indikator=&period=): its versions. */
	if (web_query(r, "indikator") && web_query(r, "period")) {
		const char *keys[] = {web_query(r, "indikator"), u->code, web_query(r, "period")};

		web_history(r, "value", keys, 3, 3);
	}
	page_end(r);
}

int pg_value_form(struct req *r)
{
	struct styr_org_unit u;

	if (web_unit_or_reply(r, &u))
		return -1;
	value_form(r, &u, NULL);
	return 0;
}

int pg_value_post(struct req *r)
{
	const char *ind = web_field(r, "indikator"), *period = web_field(r, "period");
	const char *value = web_field(r, "varde"), *reason = web_field(r, "orsak");
	const char *comment = web_field(r, "kommentar");
	struct styr_org_unit u;
	struct styr_indicator indicator;
	struct styr_value v;
	struct form_errors e;
	struct styr_err err;
	bool bad = false;
	time_t t = time(NULL);
	struct tm tm;
	char when[32], ptext[STYR_PERIOD_TEXT_MAX];

	if (web_unit_or_reply(r, &u))
		return -1;
	memset(&e, 0, sizeof(e));
	memset(&v, 0, sizeof(v));
	styr_err_init(&err);
	if (!ind || !ind[0]) {
		e.indicator = "Välj en indikator.";
		bad = true;
	} else if (styr_indicator_find(r->db, ind, &indicator, &err)) {
		e.indicator = "Indikatorn finns inte; välj en i listan.";
		bad = true;
	}
	styr_err_init(&err);
	if (!period || styr_period_parse(period, &v.period, &err)) {
		e.period = "Ange en period, till exempel 2025, 2025-03 eller 2025T2.";
		bad = true;
	}
	styr_err_init(&err);
	if ((!value || !value[0]) && (!reason || !reason[0])) {
		e.value = "Ange ett värde, eller lämna tomt och ange orsaken till att det saknas.";
		bad = true;
	} else if (value && value[0] && styr_num_parse(value, &v.num, &err)) {
		snprintf(e.value_buf, sizeof(e.value_buf),
		         "”%.200s” är inte ett tal. Skriv till exempel 83,8 eller 83,8 %%.", value);
		e.value = e.value_buf;
		bad = true;
	} else if (reason && strlen(reason) >= STYR_REASON_MAX) {
		e.value = "Orsaken är för lång (högst 127 tecken).";
		bad = true;
	}
	if (comment && strlen(comment) >= STYR_VALUE_COMMENT_MAX) {
		e.comment = "Kommentaren är för lång (högst 511 tecken).";
		bad = true;
	}
	if (bad) {
		r->status = 422;
		value_form(r, &u, &e);
		return 0;
	}
	if (!value || !value[0])
		v.num.kind = STYR_NUM_MISSING;
	snprintf(v.indicator, sizeof(v.indicator), "%s", indicator.code);
	snprintf(v.unit, sizeof(v.unit), "%s", u.code);
	snprintf(v.missing_reason, sizeof(v.missing_reason), "%s", reason ? reason : "");
	/* The form writes the whole value: an empty comment field is none. */
	v.has_comment = true;
	snprintf(v.comment, sizeof(v.comment), "%s", comment ? comment : "");
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(v.source, sizeof(v.source), "%s at %s", r->user, when);
	styr_err_init(&err);
	if (styr_value_write(r->db, r->user, &v, &err)) {
		if (err.code != STYR_ELOCKED)
			return web_fail_err(r, &err);
		r->status = 423;
		web_locked_text(r, v.unit, &v.period, e.top_buf, sizeof(e.top_buf));
		e.top = e.top_buf;
		value_form(r, &u, &e);
		return 0;
	}
	styr_period_format(&v.period, ptext, sizeof(ptext));
	return web_redirect(r, "/enhet/%s/varde?sparat=1&period=%s&indikator=%s", u.code, ptext,
	                    v.indicator);
}

/* ------------------------------------------------------------- workflow */

static void current_year(char *buf, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, size, "%d", tm.tm_year + 1900);
}

/* What a refused move says on the report page: about a field of the
 * approval's decision, or about the move. */
struct report_errors {
	const char *top, *dnr, *date;
	char top_buf[STYR_ERR_MAX], dnr_buf[320], date_buf[200];
};

/* The approval's decision, when the report was decided as an ärende. */
enum { RF_DNR, RF_DATE, RF_COUNT };
static const struct text_field decision_fields[RF_COUNT] = {
    [RF_DNR] = {"diarienummer", "Diarienummer (om rapporten beslutats som ärende)",
                "Som registraturen skriver det, till exempel RS 2024/123.", false,
                " autocomplete=\"off\""},
    [RF_DATE] = {"beslutsdatum", "Beslutsdatum", "Till exempel 2025-02-14.", false,
                 " inputmode=\"numeric\" autocomplete=\"off\""},
};

enum report_form { FORM_PLAIN, FORM_COMMENT, FORM_DECISION };

static void report_button(struct req *r, const struct styr_org_unit *u, const char *ptext,
                          const char *action, const char *label, enum report_form kind,
                          const struct report_errors *e)
{
	out_s(r, "<form method=\"post\" action=\"/enhet/");
	out_h(r, u->code);
	out_f(r, "/rapport/%s\">", action);
	page_csrf(r);
	out_s(r, "<input type=\"hidden\" name=\"period\" value=\"");
	out_h(r, ptext);
	out_s(r, "\">");
	if (kind == FORM_COMMENT)
		out_s(r,
		      "<label for=\"kommentar\">Kommentar till enheten</label><textarea "
		      "id=\"kommentar\" name=\"kommentar\" rows=\"3\" cols=\"50\"></textarea><br>");
	/* A refused approval keeps what was typed, next to what was wrong. */
	if (kind == FORM_DECISION) {
		text_field(r, &decision_fields[RF_DNR], e ? web_field(r, "diarienummer") : NULL,
		           e ? e->dnr : NULL);
		text_field(r, &decision_fields[RF_DATE], e ? web_field(r, "beslutsdatum") : NULL,
		           e ? e->date : NULL);
		out_s(r, "<br>");
	}
	out_f(r, "<button type=\"submit\" id=\"knapp-%s\">", action);
	out_h(r, label);
	out_s(r, "</button></form>");
}

/* What changed since the period was approved: each figure, old → new,
 * who changed it and when (styr report diff). */
static int change_row(void *ctx, const struct styr_report_change *c)
{
	struct req *r = ctx;
	char label[STYR_FIGURE_MAX + 32];

	styr_report_change_label(c, label, sizeof(label));
	out_s(r, "<tr><th scope=\"row\">");
	out_h(r, label);
	out_s(r, "</th><td>");
	out_h(r, c->old[0] ? c->old : "—");
	out_s(r, "</td><td>");
	out_h(r, c->now[0] ? c->now : "—");
	out_s(r, "</td><td>");
	out_h(r, c->who[0] ? c->who : "ej i ändringsloggen");
	out_s(r, "</td><td>");
	out_h(r, c->when);
	out_s(r, "</td></tr>");
	return 0;
}

static void report_changes(struct req *r, const char *unit, const struct styr_period *p)
{
	struct styr_err err;
	size_t n = 0;

	styr_err_init(&err);
	if (styr_report_diff(r->db, unit, p, NULL, NULL, &n, &err))
		return; /* never approved: nothing to compare with */
	if (!n) {
		out_s(r, "<p id=\"andringar\">Inga ändringar sedan fastställelsen.</p>");
		return;
	}
	out_s(r, "<table id=\"andringar\"><caption>Ändringar sedan fastställelsen</caption><thead>"
	         "<tr><th scope=\"col\">Uppgift</th><th scope=\"col\">Fastställt</th>"
	         "<th scope=\"col\">Nu</th><th scope=\"col\">Ändrad av</th>"
	         "<th scope=\"col\">När</th></tr></thead><tbody>");
	styr_err_init(&err);
	styr_report_diff(r->db, unit, p, change_row, r, &n, &err);
	out_s(r, "</tbody></table>");
}

/* The report page of unit u for period p, with what a refused move said
 * (e, or NULL). */
static int report_page(struct req *r, const struct styr_org_unit *u, const struct styr_period *p,
                       const struct report_errors *e)
{
	struct styr_report_state st;
	struct styr_err err;
	struct values vals;
	char ptext[STYR_PERIOD_TEXT_MAX], label[64], title[STYR_NAME_MAX + 80];
	size_t i, shown;

	styr_err_init(&err);
	if (styr_report_state_get(r->db, u->code, p, &st, &err))
		return web_fail_err(r, &err);
	if (load_values(r, NULL, u->code, &vals))
		return -1;
	styr_period_format(p, ptext, sizeof(ptext));
	styr_period_label(p, label, sizeof(label));
	snprintf(title, sizeof(title), "Rapport %s, %s", label, u->name);
	page_begin(r, title);
	if (e) {
		static const struct form_field fields[] = {{"diarienummer", "Diarienummer"},
		                                           {"beslutsdatum", "Beslutsdatum"}};
		const char *msgs[] = {e->dnr, e->date};

		page_form_summary(r, e->top, "summary", fields, msgs, 2);
	}
	out_s(r, "<form method=\"get\"><label for=\"valj-period\">Period</label><input "
	         "id=\"valj-period\" name=\"period\" value=\"");
	out_h(r, ptext);
	out_s(r, "\"> <button type=\"submit\">Visa</button></form>");
	out_f(r, "<p id=\"rapportstatus\">Status: <strong>%s</strong>",
	      styr_report_state_label(st.state));
	if (st.by[0]) {
		out_s(r, " (");
		out_h(r, st.by);
		out_s(r, ", ");
		out_h(r, st.time);
		out_s(r, ")");
	}
	out_s(r, "</p>");
	if (st.state == STYR_REPORT_APPROVED && (st.diarienummer[0] || st.decided[0])) {
		out_s(r, "<p id=\"beslut\">");
		if (st.diarienummer[0]) {
			out_s(r, "Diarienummer: ");
			out_h(r, st.diarienummer);
		}
		if (st.decided[0]) {
			out_s(r, st.diarienummer[0] ? " · Beslutsdatum: " : "Beslutsdatum: ");
			out_h(r, st.decided);
		}
		out_s(r, "</p>");
	}
	if (st.comment[0]) {
		out_s(r, "<p>Kommentar: ");
		out_h(r, st.comment);
		out_s(r, "</p>");
	}
	if (st.state == STYR_REPORT_APPROVED)
		out_s(r, "<p class=\"locked\" id=\"last\">Perioden är låst. Värden kan inte ändras "
		         "förrän en administratör låser upp rapporten.</p>");
	if ((st.state == STYR_REPORT_DRAFT || st.state == STYR_REPORT_RETURNED) &&
	    r->role >= STYR_ACCESS_UNIT_MANAGER)
		report_button(r, u, ptext, "skicka", "Skicka in för godkännande", FORM_PLAIN, e);
	if (st.state == STYR_REPORT_SUBMITTED && r->role >= STYR_ACCESS_CONTROLLER) {
		report_button(r, u, ptext, "godkann", "Godkänn", FORM_DECISION, e);
		report_button(r, u, ptext, "returnera", "Returnera med kommentar", FORM_COMMENT, e);
	}
	if (st.state == STYR_REPORT_APPROVED && r->role >= STYR_ACCESS_ADMIN)
		report_button(r, u, ptext, "las-upp", "Lås upp", FORM_PLAIN, e);
	report_changes(r, u->code, p);
	out_s(r, "<table><caption>Värden för perioden</caption><thead><tr><th scope=\"col\">"
	         "Indikator</th><th scope=\"col\">Period</th><th scope=\"col\">Värde</th>"
	         "<th scope=\"col\">Mål</th><th scope=\"col\">Status</th><th scope=\"col\">Trend"
	         "</th><th scope=\"col\">Kommentar</th></tr></thead><tbody>");
	for (i = 0, shown = 0; i < vals.n; i++) {
		struct styr_indicator ind;

		if (styr_period_cmp(&vals.v[i].period, p))
			continue;
		shown++;
		styr_err_init(&err);
		if (styr_indicator_find(r->db, vals.v[i].indicator, &ind, &err))
			continue;
		out_s(r, "<tr><th scope=\"row\">");
		out_h(r, ind.code);
		out_s(r, " ");
		out_h(r, ind.name);
		out_s(r, "</th>");
		value_cells(r, &ind, &vals.v[i]);
		/* a production figure has no target, status or trend */
		if (ind.category == STYR_IND_PRODUKTION)
			out_s(r, "<td></td><td></td><td></td>");
		comment_cell(r, &vals.v[i]);
		out_s(r, "</tr>");
	}
	if (!shown)
		out_s(r, "<tr><td colspan=\"7\">Inga värden för perioden.</td></tr>");
	out_s(r, "</tbody></table>");
	free(vals.v);
	return page_end(r);
}

int pg_report(struct req *r)
{
	const char *q = web_query(r, "period");
	struct styr_org_unit u;
	struct styr_period p;
	char year[16];

	current_year(year, sizeof(year));
	if (web_unit_or_reply(r, &u) || web_period_or_reply(r, "period", q && q[0] ? q : year, &p))
		return -1;
	return report_page(r, &u, &p, NULL);
}

/* The indicator report (the annual report's tables) as a self-contained
 * HTML file to save; ?ar=YYYY, else the year of the unit's latest value. */
int pg_report_download(struct req *r)
{
	const char *q = web_query(r, "ar");
	struct styr_org_unit u;
	struct styr_err err;
	char *end;
	long year = 0;

	if (web_unit_or_reply(r, &u))
		return -1;
	if (q) {
		year = strtol(q, &end, 10);
		if (!*q || *end || year < 1900 || year > 2999)
			return web_fail(r, 400, "invalid_parameter",
			                "Året ”%s” går inte att läsa. Skriv till exempel 2024.", q);
	} else {
		struct values vals;
		size_t i;

		if (load_values(r, NULL, u.code, &vals))
			return -1;
		for (i = 0; i < vals.n; i++)
			if (vals.v[i].period.year > year)
				year = vals.v[i].period.year;
		free(vals.v);
		if (!year)
			return web_fail(r, 404, "not_found", "%s har inga värden att rapportera.",
			                u.name);
	}
	styr_err_init(&err);
	r->out.max = r->srv->report_max;
	if (styr_report_indicators_html(r->db, u.code, (int)year, &r->out, &err))
		return err.code == STYR_ETOOBIG ? web_report_too_big(r) : web_fail_err(r, &err);
	r->out.max = WEB_PAGE_MAX;
	snprintf(r->disposition, sizeof(r->disposition),
	         "attachment; filename=\"indikatorer-%s-%ld.html\"", u.code, year);
	return 0;
}

/* A move refused for the whole of it, in Swedish: the library's message
 * is for the API and the CLI. */
static void move_refused(struct req *r, const struct styr_org_unit *u, const struct styr_period *p,
                         enum styr_report_action action, const struct styr_err *err,
                         struct report_errors *e)
{
	static const char *const verbs[] = {
	    [STYR_REPORT_SUBMIT] = "skickas in",
	    [STYR_REPORT_APPROVE] = "godkännas",
	    [STYR_REPORT_RETURN] = "returneras",
	    [STYR_REPORT_UNLOCK] = "låsas upp",
	};
	struct styr_report_state st;
	struct styr_err local;

	styr_err_init(&local);
	if (err->code == STYR_ECONFLICT && !styr_report_state_get(r->db, u->code, p, &st, &local))
		snprintf(e->top_buf, sizeof(e->top_buf),
		         "Rapporten kan inte %s nu: den är %s. Sidan visar hur det står.",
		         verbs[action], styr_report_state_label(st.state));
	else
		snprintf(e->top_buf, sizeof(e->top_buf), "%s", web_err_text(err->code));
	e->top = e->top_buf;
}

static int report_post(struct req *r, enum styr_report_action action)
{
	const char *comment = web_field(r, "kommentar");
	struct styr_decision decision = {web_field(r, "diarienummer"),
	                                 web_field(r, "beslutsdatum")};
	struct report_errors e;
	struct styr_org_unit u;
	struct styr_period p;
	struct styr_err err;
	char ptext[STYR_PERIOD_TEXT_MAX];

	if (web_unit_or_reply(r, &u) ||
	    web_period_or_reply(r, "period", web_field(r, "period"), &p))
		return -1;
	memset(&e, 0, sizeof(e));
	/* The checks the library makes, asked first so that each field's
	 * message is the page's own. */
	styr_err_init(&err);
	if (decision.diarienummer && decision.diarienummer[0] &&
	    styr_diarienummer_check(decision.diarienummer, &err)) {
		snprintf(e.dnr_buf, sizeof(e.dnr_buf),
		         "Diarienumret ”%.60s” går inte att använda. Skriv det som registraturen "
		         "gör, till exempel RS 2024/123: bokstäver, siffror, enkla mellanslag och "
		         "- / . : _, med minst en siffra.",
		         decision.diarienummer);
		e.dnr = e.dnr_buf;
	}
	styr_err_init(&err);
	if (decision.date && decision.date[0] &&
	    styr_decision_date_check(decision.date, &p, &err)) {
		snprintf(e.date_buf, sizeof(e.date_buf),
		         "Beslutsdatumet ”%.30s” går inte att använda. Skriv ett datum som "
		         "2025-02-14, inte före periodens början.",
		         decision.date);
		e.date = e.date_buf;
	}
	if (e.dnr || e.date) {
		r->status = 422;
		return report_page(r, &u, &p, &e);
	}
	if (action == STYR_REPORT_RETURN && (!comment || !comment[0])) {
		r->status = 422;
		e.top = "Skriv i kommentaren varför rapporten returneras.";
		return report_page(r, &u, &p, &e);
	}
	styr_err_init(&err);
	if (styr_report_move(r->db, r->user, u.code, &p, action, comment, &decision, &err)) {
		if (web_status_of(err.code) >= 500)
			return web_fail_err(r, &err);
		r->status = web_status_of(err.code);
		move_refused(r, &u, &p, action, &err, &e);
		return report_page(r, &u, &p, &e);
	}
	styr_period_format(&p, ptext, sizeof(ptext));
	return web_redirect(r, "/enhet/%s/rapport?period=%s", u.code, ptext);
}

int pg_report_submit(struct req *r)
{
	return report_post(r, STYR_REPORT_SUBMIT);
}

int pg_report_approve(struct req *r)
{
	return report_post(r, STYR_REPORT_APPROVE);
}

int pg_report_return(struct req *r)
{
	return report_post(r, STYR_REPORT_RETURN);
}

int pg_report_unlock(struct req *r)
{
	return report_post(r, STYR_REPORT_UNLOCK);
}

/* ---------------------------------------------------------------- audit */

static int audit_row_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct req *r = ctx;
	char when[64];

	web_time_sv(a->time, when, sizeof(when));
	out_s(r, "<tr><td><time datetime=\"");
	out_h(r, a->time);
	out_s(r, "\">");
	out_h(r, when);
	out_s(r, "</time></td><td>");
	out_h(r, a->user);
	out_s(r, "</td><td>");
	out_h(r, a->action);
	out_s(r, "</td><td>");
	out_h(r, a->entity);
	out_s(r, "</td><td>");
	out_h(r, a->before);
	out_s(r, "</td><td>");
	out_h(r, a->after);
	out_s(r, "</td><td><code>");
	out_f(r, "%.12s", a->hash);
	out_s(r, "</code></td></tr>");
	return 0;
}

/* The log as the user may see it (styr_audit_scoped_each): an admin all
 * of it, anyone else the entries about the units where they are a
 * controller; ?enhet= and ?handelse= narrow it. */
int pg_audit(struct req *r)
{
	const char *unit = web_query(r, "enhet"), *action = web_query(r, "handelse");
	struct styr_audit_scope scope = {r->user, STYR_ACCESS_CONTROLLER, NULL, NULL};
	struct styr_org_unit u;
	struct styr_err err;
	int64_t broken, count;

	styr_err_init(&err);
	if (unit && unit[0]) {
		if (styr_org_find(r->db, unit, &u, &err))
			return web_fail(r, 404, "not_found", "Det finns ingen enhet ”%s”.", unit);
		scope.unit = u.code;
	}
	if (action && action[0])
		scope.action = action;
	if (styr_audit_verify(r->db, &broken, &count, &err))
		return web_fail_err(r, &err);
	page_begin(r, "Granskningslogg");
	if (broken)
		out_f(r,
		      "<p class=\"summary\" role=\"alert\">Kedjan är bruten vid post %lld: loggen "
		      "har ändrats i efterhand.</p>",
		      (long long)broken);
	else
		out_f(r, "<p class=\"ok\">Kedjan är hel: %lld poster kontrollerade.</p>",
		      (long long)count);
	out_s(r, "<form method=\"get\" action=\"/logg\"><label for=\"enhet\">Enhet (med "
	         "enheterna under)</label><input id=\"enhet\" name=\"enhet\" value=\"");
	out_h(r, scope.unit ? scope.unit : "");
	out_s(r, "\"><label for=\"handelse\">Händelse (början av namnet, till exempel "
	         "value eller login)</label><input id=\"handelse\" name=\"handelse\" value=\"");
	out_h(r, scope.action ? scope.action : "");
	out_s(r, "\"><button type=\"submit\">Visa</button></form>");
	out_s(r, "<table><caption>Senaste 200 händelserna du får se</caption><thead><tr>"
	         "<th scope=\"col\">Tid</th><th scope=\"col\">Användare</th><th scope=\"col\">"
	         "Händelse</th><th scope=\"col\">Objekt</th><th scope=\"col\">Före</th>"
	         "<th scope=\"col\">Efter</th><th scope=\"col\">Hash</th></tr></thead><tbody>");
	styr_audit_scoped_each(r->db, &scope, 200, audit_row_cb, r, &err);
	out_s(r, "</tbody></table>");
	return page_end(r);
}
