/*
 * People and their access on the web: an administrator's list of users
 * with their grants and whether a lock-out holds, and every user's own
 * password change.  A new password ends all of the user's sessions (the
 * library does it with the change), so the page sends them to log in
 * again with it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

struct user_rows {
	struct req *r;
	int64_t now;
	size_t n;
};

static int grant_cell(void *ctx, const struct styr_grant *g)
{
	struct req *r = ctx;

	out_s(r, "<li>");
	out_h(r, styr_access_role_label(g->role));
	out_s(r, " på ");
	if (g->unit[0]) {
		out_s(r, "<a href=\"/enhet/");
		out_h(r, g->unit);
		out_s(r, "\">");
		out_h(r, g->unit);
		out_s(r, "</a>");
	} else {
		out_s(r, "hela organisationen");
	}
	out_s(r, "</li>");
	return 0;
}

static int user_row(void *ctx, const struct styr_user *u)
{
	struct user_rows *w = ctx;
	int locks;

	w->n++;
	out_s(w->r, "<tr><th scope=\"row\">");
	out_h(w->r, u->name);
	out_s(w->r, "</th><td><ul>");
	if (styr_grant_each(w->r->db, u->name, grant_cell, w->r, &w->r->err))
		return -1;
	out_s(w->r, "</ul></td><td>");
	if (styr_login_locks(w->r->db, u->name, w->now, &locks, &w->r->err))
		return -1;
	if (locks == 1)
		out_s(w->r, "Spärrad från en adress efter misslyckade inloggningar");
	else if (locks > 1)
		out_f(w->r, "Spärrad från %d adresser efter misslyckade inloggningar", locks);
	else
		out_s(w->r, "–");
	out_s(w->r, "</td></tr>");
	return 0;
}

/* A token by its id (the start of its sha256), never the secret. */
static int token_row(void *ctx, const struct styr_api_token *t)
{
	struct user_rows *w = ctx;

	w->n++;
	out_f(w->r, "<tr><td><code>%.12s</code></td><td>", t->hash);
	out_h(w->r, t->user);
	out_s(w->r, "</td><td>");
	out_h(w->r, t->created);
	out_s(w->r, "</td><td>");
	out_h(w->r, t->expires[0] ? t->expires : "aldrig");
	if (styr_api_token_expired(t, (time_t)w->now))
		out_s(w->r, " (har gått ut)");
	out_s(w->r, "</td></tr>");
	return 0;
}

int pg_users(struct req *r)
{
	struct user_rows w = {r, (int64_t)time(NULL), 0};

	page_begin(r, "Användare och behörigheter");
	out_s(r, "<p class=\"hint\">Användare läggs till, får och mister roller och byter "
	         "lösenord med <code>styr user</code> (add, grant, revoke, passwd, remove). "
	         "Varje ändring står i granskningsloggen.</p><table><caption>Användare"
	         "</caption><thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">Roller</th>"
	         "<th scope=\"col\">Inloggning</th></tr></thead><tbody>");
	if (styr_user_each(r->db, user_row, &w, &r->err))
		return web_fail_err(r, &r->err);
	out_s(r, "</tbody></table><table><caption>API-nycklar</caption><thead><tr>"
	         "<th scope=\"col\">Id</th><th scope=\"col\">Användare</th>"
	         "<th scope=\"col\">Skapad</th><th scope=\"col\">Giltig till</th></tr></thead>"
	         "<tbody>");
	w.n = 0;
	if (styr_api_token_each(r->db, NULL, token_row, &w, &r->err))
		return web_fail_err(r, &r->err);
	if (!w.n)
		out_s(r, "<tr><td colspan=\"4\">Inga API-nycklar.</td></tr>");
	out_s(r, "</tbody></table><p class=\"hint\">Nycklar skapas med <code>styr user "
	         "token</code> och återkallas med <code>styr user revoke-token ID</code>.</p>");
	return page_end(r);
}

static void password_form(struct req *r, const char *msg)
{
	page_begin(r, "Byt lösenord");
	if (msg) {
		out_s(r, "<p class=\"summary\" role=\"alert\" id=\"losenord-fel\">");
		out_h(r, msg);
		out_s(r, "</p>");
	}
	out_s(r, "<form method=\"post\" action=\"/konto/losenord\">");
	page_csrf(r);
	out_s(r, "<label for=\"nuvarande\">Nuvarande lösenord</label><input id=\"nuvarande\" "
	         "name=\"nuvarande\" type=\"password\" autocomplete=\"current-password\" required>"
	         "<label for=\"nytt\">Nytt lösenord (minst 8 tecken)</label><input id=\"nytt\" "
	         "name=\"nytt\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" "
	         "required><label for=\"igen\">Nytt lösenord igen</label><input id=\"igen\" "
	         "name=\"igen\" type=\"password\" autocomplete=\"new-password\" required>"
	         "<p class=\"hint\">Alla dina inloggningar och API-nycklar avslutas när "
	         "lösenordet byts.</p><button type=\"submit\">Byt lösenord</button></form>");
	page_end(r);
}

int pg_password_form(struct req *r)
{
	password_form(r, NULL);
	return 0;
}

int pg_password_post(struct req *r)
{
	const char *now = web_field(r, "nuvarande"), *pw = web_field(r, "nytt");
	const char *again = web_field(r, "igen");
	struct styr_err err;

	styr_err_init(&err);
	if (!now || !pw || !again || !now[0] || !pw[0]) {
		r->status = 422;
		password_form(r, "Fyll i nuvarande och nytt lösenord.");
		return 0;
	}
	if (strcmp(pw, again)) {
		r->status = 422;
		password_form(r, "De två nya lösenorden är olika.");
		return 0;
	}
	if (strlen(pw) < 8) {
		r->status = 422;
		password_form(r, "Det nya lösenordet måste ha minst 8 tecken.");
		return 0;
	}
	{
		struct styr_login_attempt a = {r->user, now, r->client, (int64_t)time(NULL),
		                               &r->srv->limits};
		enum styr_throttle_reason why;
		int64_t retry;
		char msg[160];

		/* The current password is checked under the login throttle: a
		 * stolen session must not guess it faster than a login could. */
		if (styr_password_check(r->db, &a, &why, &retry, &err)) {
			if (err.code != STYR_EPERM)
				return web_fail_err(r, &err);
			if (why) {
				r->status = 429;
				r->retry_after = retry;
				metrics_throttled(r->srv, why);
				web_wait_text(msg, sizeof(msg), "För många försök.", retry);
			} else {
				r->status = 403;
			}
			password_form(r, why ? msg : "Det nuvarande lösenordet stämmer inte.");
			return 0;
		}
	}
	if (styr_user_passwd(r->db, r->user, r->user, pw, &err))
		return web_fail_err(r, &err);
	return web_redirect(r, "/login?fel=bytt");
}
