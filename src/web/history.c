/*
 * History on the pages (issue 14 item 3): the "Historik" section of a
 * value's, an analysis's and an action's page, every version the audit log
 * keeps of the thing (styr_history_each): when (a Swedish date, local
 * time), who, from where (the entry's source, when it has one), what was
 * done, and the value before and after.  The pages' other sections, the
 * dashboard and the reports show the current version only; the audit log
 * is the one place earlier ones live.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/web.h"

#define HISTORY_ROWS 500

static const char *const months[] = {"januari",   "februari", "mars",     "april",
                                     "maj",       "juni",     "juli",     "augusti",
                                     "september", "oktober",  "november", "december"};

void web_time_sv(const char *iso, char *buf, size_t size)
{
	struct tm tm;
	time_t t;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end) {
		snprintf(buf, size, "%s", iso);
		return;
	}
	t = timegm(&tm);
	localtime_r(&t, &tm);
	snprintf(buf, size, "%d %s %d kl. %02d.%02d", tm.tm_mday, months[tm.tm_mon],
	         tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

/* What an entry did, in words: its action's last part. */
static const char *action_label(const struct styr_audit_entry *a)
{
	static const struct {
		const char *suffix, *label;
	} labels[] = {
	    {".delete", "Borttagen"}, {".comment", "Kommentar ändrad"}, {".approve", "Godkänd"},
	    {".unlock", "Upplåst"},   {".submit", "Inskickad"},         {".return", "Återsänd"},
	};
	const char *dot = strrchr(a->action, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(dot, labels[i].suffix))
			return labels[i].label;
	return a->before[0] ? "Ändrad" : "Ny";
}

struct history_walk {
	struct req *r;
	bool entity; /* a column naming the thing: the keys name several */
	int n;
};

static int history_row_cb(void *ctx, const struct styr_audit_entry *a)
{
	struct history_walk *w = ctx;
	const char *source = styr_audit_source(a);
	char when[64];

	if (++w->n > HISTORY_ROWS)
		return -1;
	web_time_sv(a->time, when, sizeof(when));
	out_s(w->r, "<tr><td><time datetime=\"");
	out_h(w->r, a->time);
	out_s(w->r, "\">");
	out_h(w->r, when);
	out_s(w->r, "</time></td><td>");
	out_h(w->r, a->user);
	out_s(w->r, "</td><td>");
	out_h(w->r, source[0] ? source : "–");
	out_s(w->r, "</td><td>");
	out_h(w->r, action_label(a));
	if (w->entity) {
		/* the key after the kind: "ID0069 LKR 2024" */
		const char *sp = strchr(a->entity, ' ');

		out_s(w->r, "</td><td>");
		out_h(w->r, sp ? sp + 1 : a->entity);
	}
	out_s(w->r, "</td><td>");
	out_h(w->r, a->before[0] ? a->before : "–");
	out_s(w->r, "</td><td>");
	out_h(w->r, a->after[0] ? a->after : "–");
	out_s(w->r, "</td></tr>");
	return 0;
}

void web_history(struct req *r, const char *kind, const char *const *keys, int n, int full)
{
	struct history_walk w = {r, n < full, 0};
	struct styr_err err;
	int rc;

	out_s(r, "<h2 id=\"historik\">Historik</h2><table class=\"historik\"><caption>Varje "
	         "version ur granskningsloggen, äldst först</caption><thead><tr>"
	         "<th scope=\"col\">När</th><th scope=\"col\">Vem</th>"
	         "<th scope=\"col\">Varifrån</th><th scope=\"col\">Händelse</th>");
	if (w.entity)
		out_s(r, "<th scope=\"col\">Avser</th>");
	out_s(r, "<th scope=\"col\">Före</th><th scope=\"col\">Efter</th></tr></thead><tbody>");
	styr_err_init(&err);
	rc = styr_history_each(r->db, kind, keys, n, history_row_cb, &w, &err);
	if (rc && rc != -1)
		out_f(r, "<tr><td colspan=\"%d\">Historiken kunde inte läsas.</td></tr>",
		      w.entity ? 7 : 6);
	else if (!w.n)
		out_f(r, "<tr><td colspan=\"%d\">Inga ändringar i granskningsloggen.</td></tr>",
		      w.entity ? 7 : 6);
	out_s(r, "</tbody></table>");
	if (w.n > HISTORY_ROWS)
		out_f(r,
		      "<p class=\"hint\">De första %d versionerna visas; hela historiken ger "
		      "<code>styr history</code>.</p>",
		      HISTORY_ROWS);
}
