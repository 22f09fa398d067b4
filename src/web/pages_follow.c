/*
 * The follow-up pages that came with the economy, goals and report
 * areas: the economy summary on a unit's dashboard (the latest ledger
 * year's resultaträkning as styr_ledger_table_build derives it), the
 * follow-up calendar (what styr_due_each says is due, the same walk
 * `styr due` prints), and the report documents as downloads.  Like
 * pages.c, every page is one pass through library calls into r->out;
 * figures go through the sv-SE formatter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "web/web.h"

/* ------------------------------------------------------------- economy */

int ledger_latest_year(struct req *r, const char *unit, int *year, struct styr_err *err)
{
	return styr_ledger_rollup_latest_year(r->db, unit, "", year, err);
}

static void tkr(char *buf, size_t size, int64_t v)
{
	/* Only formatting goes through double; whole tkr are exact in it. */
	styr_num_format(buf, size, (double)v, 0);
}

/* A sum row (SUMMA INTÄKTER, RESULTAT): one the plan adds others into,
 * or the top of the plan. */
bool ledger_is_sum(const struct styr_ledger_table *t, const struct styr_ledger_line *l)
{
	size_t i;

	if (!l->row.parent[0])
		return true;
	for (i = 0; i < t->n; i++)
		if (!strcmp(t->lines[i].row.parent, l->row.code))
			return true;
	return false;
}

/* Horizontal bars of utfall and budget for the sums and the result, so
 * the size of a deviation is seen at a glance; plain SVG, no script. */
static void economy_chart(struct req *r, const struct styr_ledger_table *t)
{
	const double W = 560, L = 150, R = 90, BAR = 14, GAP = 10;
	double max = 1, y = 10, scale;
	size_t i, n = 0;
	char num[64];

	for (i = 0; i < t->n; i++) {
		const struct styr_ledger_line *l = &t->lines[i];

		if (!ledger_is_sum(t, l))
			continue;
		n++;
		if (l->has_utfall && (double)llabs(l->utfall) > max)
			max = (double)llabs(l->utfall);
		if (l->has_budget && (double)llabs(l->budget) > max)
			max = (double)llabs(l->budget);
	}
	if (!n)
		return;
	scale = (W - L - R) / max;
	out_f(r,
	      "<svg width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	      "aria-labelledby=\"ekonomi-diagram\"><title id=\"ekonomi-diagram\">Utfall och "
	      "budget (tkr, belopp utan tecken)</title>",
	      W, 20 + (double)n * (2 * BAR + GAP), W, 20 + (double)n * (2 * BAR + GAP));
	for (i = 0; i < t->n; i++) {
		const struct styr_ledger_line *l = &t->lines[i];

		if (!ledger_is_sum(t, l))
			continue;
		out_f(r, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" text-anchor=\"end\">", L - 6,
		      y + BAR + 4);
		out_h(r, l->row.label);
		out_s(r, "</text>");
		tkr(num, sizeof(num), l->utfall);
		out_f(
		    r,
		    "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" fill=\"#0b3d5c\"/>"
		    "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\">Utfall %s</text>",
		    L, y, (double)llabs(l->utfall) * scale, BAR,
		    L + (double)llabs(l->utfall) * scale + 4, y + BAR - 3, num);
		tkr(num, sizeof(num), l->budget);
		out_f(
		    r,
		    "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"%.0f\" fill=\"#8fb3c9\"/>"
		    "<text x=\"%.1f\" y=\"%.0f\" font-size=\"11\">Budget %s</text>",
		    L, y + BAR, (double)llabs(l->budget) * scale, BAR,
		    L + (double)llabs(l->budget) * scale + 4, y + 2 * BAR - 3, num);
		y += 2 * BAR + GAP;
	}
	out_s(r, "</svg>");
}

void ledger_children(struct req *r, const char *unit, int year, int months,
                     const struct styr_ledger_table *t)
{
	struct {
		struct styr_org_unit *u;
		size_t n;
	} b = {NULL, 0};
	struct styr_err err;
	struct styr_period p = {year, 1, months};
	char span[64], a[64], bu[64], c[64], d[64];
	size_t i, k;

	if (!t->from.below)
		return;
	styr_err_init(&err);
	styr_period_label(&p, span, sizeof(span));
	out_f(r, "<p id=\"summering\">Resultaträkningen är summan av %zu %s belopp inom ",
	      t->from.units, t->from.units == 1 ? "enhets" : "enheters");
	out_h(r, unit);
	out_s(r, ", exakt i öre och avrundad en gång till tkr. En enhet med egna belopp "
	         "räknas med dem; enheterna under den läggs till bara där den saknar "
	         "belopp.</p>");
	if (styr_org_below_in(r->db, unit, year, &b.u, &b.n, &err) || !b.n) {
		free(b.u);
		return;
	}
	out_s(r, "<table id=\"enheter-ekonomi\"><caption>Resultat per enhet inom ");
	out_h(r, unit);
	out_f(r, ", %s (tkr)</caption><thead><tr><th scope=\"col\">Enhet</th>", span);
	out_s(r, "<th scope=\"col\">Utfall</th><th scope=\"col\">Budget</th>"
	         "<th scope=\"col\">Avvikelse</th><th scope=\"col\">Helårsprognos</th>"
	         "</tr></thead><tbody>");
	for (i = 0; i < b.n; i++) {
		struct styr_ledger_table ct;
		const struct styr_ledger_line *l = NULL;

		styr_err_init(&err);
		if (styr_ledger_table_build(r->db, b.u[i].code, "", year, months, NULL, &ct, &err))
			continue;
		for (k = 0; k < ct.n; k++)
			if (!strcmp(ct.lines[k].row.code, "resultat"))
				l = &ct.lines[k];
		out_s(r, "<tr><th scope=\"row\">");
		out_h(r, b.u[i].name);
		/* like with like per unit: its row covers the months it has */
		if (ct.missing) {
			char m[96];

			styr_month_mask_text(m, sizeof(m), ct.missing);
			out_s(r, " <span class=\"hint\">(utfall saknas för ");
			out_h(r, m);
			out_s(r, ")</span>");
		}
		out_s(r, "</th>");
		if (l) {
			tkr(a, sizeof(a), l->utfall);
			tkr(bu, sizeof(bu), l->budget);
			tkr(c, sizeof(c), l->avvikelse);
			tkr(d, sizeof(d), l->prognos);
		}
		out_f(r, "<td class=\"num\">%s</td>", l && l->has_utfall ? a : "–");
		out_f(r, "<td class=\"num\">%s</td>", l && l->has_budget ? bu : "–");
		out_f(r, "<td class=\"num\">%s</td>",
		      l && l->has_utfall && l->has_budget ? c : "–");
		out_f(r, "<td class=\"num\">%s</td></tr>", l && l->has_prognos ? d : "–");
		styr_ledger_table_release(&ct);
	}
	out_s(r, "</tbody></table>");
	free(b.u);
}

void page_economy(struct req *r, const char *unit)
{
	struct styr_ledger_table t;
	struct styr_err err;
	int year = 0, months = 12;
	unsigned missing = 0;
	size_t i;
	char a[64], b[64], c[64], d[64], span[64];

	out_s(r, "<h2 id=\"ekonomi\">Ekonomi</h2>");
	styr_err_init(&err);
	if (ledger_latest_year(r, unit, &year, &err) || !year) {
		out_s(r, "<p>Inga ekonomiska uppgifter.</p>");
		return;
	}
	/* Utfall for part of the year is compared with the budget for the same
	 * months, and the table says which months those are; a month without
	 * utfall inside them is left out of both (styr_ledger_table_build). */
	if (styr_ledger_utfall_months(r->db, unit, "", year, &months, &missing, &err))
		months = 12;
	memset(&t, 0, sizeof(t));
	if (styr_ledger_table_build(r->db, unit, "", year, months ? months : 12, NULL, &t, &err) ||
	    !t.n) {
		styr_ledger_table_release(&t);
		out_s(r, "<p>Inga ekonomiska uppgifter.</p>");
		return;
	}
	if (months && months < 12) {
		struct styr_period p = {year, 1, months};
		int m;

		styr_period_label(&p, span, sizeof(span));
		out_s(r, "<p id=\"utfallsperiod\">Utfallet finns för ");
		out_h(r, span);
		out_s(r, "; budgeten i tabellen gäller samma månader");
		for (m = 1; m <= 12; m++)
			if (missing & (1u << m)) {
				struct styr_period one = {year, m, m};
				char name[32];

				styr_period_label(&one, name, sizeof(name));
				out_s(r,
				      (missing & ((1u << m) - 1)) ? ", " : ". Utfall saknas för ");
				out_h(r, name);
			}
		/* like with like: a month without utfall has no budget in the
		 * table either (its budget is in the prognos) */
		out_s(r, missing ? ", som inte räknas med i utfall eller budget.</p>" : ".</p>");
	} else {
		snprintf(span, sizeof(span), "%d", year);
	}
	out_s(r, "<table id=\"resultatrakning\"><caption>Resultaträkning ");
	out_h(r, span);
	out_s(r, " (tkr)</caption><thead><tr><th scope=\"col\">Rad</th><th scope=\"col\">"
	         "Utfall</th><th scope=\"col\">Budget</th><th scope=\"col\">Avvikelse</th>"
	         "<th scope=\"col\">Helårsprognos</th></tr></thead><tbody>");
	for (i = 0; i < t.n; i++) {
		const struct styr_ledger_line *l = &t.lines[i];
		bool sum = ledger_is_sum(&t, l);

		tkr(a, sizeof(a), l->utfall);
		tkr(b, sizeof(b), l->budget);
		tkr(c, sizeof(c),
		    l->has_utfall && l->has_budget ? l->avvikelse : l->printed_avvikelse);
		tkr(d, sizeof(d), l->prognos);
		out_s(r, sum ? "<tr><th scope=\"row\"><strong>" : "<tr><th scope=\"row\">");
		out_h(r, l->row.label);
		out_s(r, sum ? "</strong></th>" : "</th>");
		out_f(r, "<td class=\"num\">%s</td>", l->has_utfall ? a : "–");
		out_f(r, "<td class=\"num\">%s</td>", l->has_budget ? b : "–");
		out_f(r, "<td class=\"num\">%s</td>",
		      l->has_utfall && l->has_budget ? c
		      : l->has_printed_avvikelse     ? c
		                                     : "–");
		out_f(r, "<td class=\"num\">%s</td></tr>", l->has_prognos ? d : "–");
	}
	out_s(r, "</tbody></table>");
	/* one figure everywhere: derived, with what the document printed */
	for (i = 0; i < t.n; i++)
		if (styr_ledger_avvikelse_note(&t.lines[i], d, sizeof(d))) {
			out_s(r, "<p class=\"hint\">Avvikelse ");
			out_h(r, t.lines[i].row.label);
			out_f(r, ": %s.</p>", d);
		}
	economy_chart(r, &t);
	ledger_children(r, unit, year, months ? months : 12, &t);
	styr_ledger_table_release(&t);
}

/* ------------------------------------------------------------ calendar */

struct due_walk {
	struct req *r;
	size_t n, late;
};

static int due_row_cb(void *ctx, const struct styr_due_item *it)
{
	struct due_walk *w = ctx;

	out_f(w->r, "<tr%s><td>", it->state == STYR_DUE_LATE ? " class=\"notmet\"" : "");
	out_h(w->r, it->deadline[0] ? it->deadline : "–");
	out_s(w->r, "</td><td>");
	if (it->state == STYR_DUE_LATE)
		out_s(w->r, "<strong>");
	out_h(w->r, styr_due_state_label(it->state));
	if (it->state == STYR_DUE_LATE)
		out_s(w->r, "</strong>");
	out_s(w->r, "</td><td>");
	if (it->goal[0]) {
		out_s(w->r, "<a href=\"/mal/");
		out_h(w->r, it->goal);
		out_s(w->r, "\">");
	}
	out_h(w->r, it->what);
	if (it->goal[0])
		out_s(w->r, "</a>");
	out_s(w->r, "</td></tr>");
	w->n++;
	w->late += it->state == STYR_DUE_LATE;
	return 0;
}

static int due_table(struct req *r, const struct styr_org_unit *u, const char *date, int days)
{
	struct due_walk w = {r, 0, 0};
	struct styr_err err;

	out_s(r, "<table class=\"kalender\"><caption>");
	out_h(r, u->name);
	out_s(r, " (");
	out_h(r, u->code);
	out_s(r, ")</caption><thead><tr><th scope=\"col\">Senast</th><th scope=\"col\">Läge"
	         "</th><th scope=\"col\">Vad</th></tr></thead><tbody>");
	styr_err_init(&err);
	if (styr_due_each(r->db, u->code, date, days, due_row_cb, &w, &err))
		return web_fail_err(r, &err);
	if (!w.n)
		out_s(r, "<tr><td colspan=\"3\">Inget att lämna in.</td></tr>");
	out_s(r, "</tbody></table>");
	if (w.late)
		out_f(r, "<p class=\"error\">%zu försenade.</p>", w.late);
	return 0;
}

/* The board a unit reports through: itself when it is one, else the
 * nearest nämnd or styrelse above it. */
static bool board_of(struct req *r, const struct styr_org_unit *u, struct styr_org_unit *out)
{
	struct styr_err err;
	int depth;

	*out = *u;
	for (depth = 0; depth < 16; depth++) {
		if (out->kind == STYR_ORG_NAMND || out->kind == STYR_ORG_STYRELSE)
			return true;
		styr_err_init(&err);
		if (!out->parent[0] || styr_org_find(r->db, out->parent, out, &err))
			return false;
	}
	return false;
}

int pg_calendar(struct req *r)
{
	const char *q = web_query(r, "datum"), *qd = web_query(r, "dagar");
	struct styr_org_unit u, board;
	struct styr_err err;
	char today[STYR_DATE_MAX], title[STYR_NAME_MAX + 40], *end;
	long days = 90;

	if (web_unit_or_reply(r, &u))
		return -1;
	if (q && q[0]) {
		styr_err_init(&err);
		if (styr_date_check(q, &err))
			return web_fail(r, 400, "invalid_parameter",
			                "Datumet ”%s” går inte att läsa. Skriv till exempel "
			                "2025-03-01.",
			                q);
		snprintf(today, sizeof(today), "%s", q);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	}
	if (qd && qd[0]) {
		days = strtol(qd, &end, 10);
		if (*end || days < 0 || days > 3660)
			return web_fail(r, 400, "invalid_parameter",
			                "Antalet dagar ”%s” går inte att använda: skriv ett tal "
			                "från 0 till 3660.",
			                qd);
	}
	snprintf(title, sizeof(title), "Uppföljningskalender, %s", u.name);
	page_begin(r, title);
	out_s(r, "<p><a href=\"/enhet/");
	out_h(r, u.code);
	out_s(r, "\">Tillbaka till enheten</a></p><form method=\"get\"><label for=\"datum\">"
	         "Per dag</label><input id=\"datum\" name=\"datum\" value=\"");
	out_h(r, today);
	out_f(r,
	      "\"><label for=\"dagar\">Dagar framåt</label><input id=\"dagar\" name=\"dagar\" "
	      "inputmode=\"numeric\" value=\"%ld\"> <button type=\"submit\">Visa</button></form>",
	      days);
	out_f(r, "<p>Det som ska lämnas in de närmaste %ld dagarna från ", days);
	out_h(r, today);
	out_s(r, ", och det som är försenat.</p>");
	if (due_table(r, &u, today, (int)days))
		return -1;
	if (board_of(r, &u, &board) && strcmp(board.code, u.code)) {
		out_s(r, "<h2>Styrelsen eller nämnden</h2>");
		if (due_table(r, &board, today, (int)days))
			return -1;
	}
	return page_end(r);
}

/* ----------------------------------------------------------- documents */

struct format_info {
	enum styr_report_format format;
	const char *ext, *content_type;
};

static const struct format_info formats[] = {
    {STYR_FORMAT_HTML, "html", "text/html; charset=utf-8"},
    {STYR_FORMAT_PDF, "pdf", "application/pdf"},
    {STYR_FORMAT_XLSX, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
};

struct type_info {
	enum styr_report_type type;
	const char *name, *label, *default_period; /* %d: the year */
};

static const struct type_info types[] = {
    {STYR_REPORT_ARSREDOVISNING, "arsredovisning", "Årsredovisning", "%d"},
    {STYR_REPORT_DELARSRAPPORT, "delarsrapport", "Delårsrapport", "jan-aug %d"},
    {STYR_REPORT_VERKSAMHETSPLAN, "verksamhetsplan", "Verksamhetsplan", "%d"},
};

/* Only [A-Za-z0-9-] in a filename: Content-Disposition then needs no
 * quoting rules and no filename*; the Swedish letters lose their dots. */
static void ascii_name(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	for (; *src && n + 1 < size; src++) {
		unsigned char c = (unsigned char)*src;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-')
			dst[n++] = (char)c;
		else if (c == 0xc3 && src[1]) { /* å ä ö Å Ä Ö é */
			unsigned char d = (unsigned char)*++src;

			dst[n++] = d == 0xa5 || d == 0xa4   ? 'a'
			           : d == 0xb6              ? 'o'
			           : d == 0x85 || d == 0x84 ? 'A'
			           : d == 0x96              ? 'O'
			           : d == 0xa9              ? 'e'
			                                    : '-';
		} else if (c < 0x80 || c >= 0xc0)
			dst[n++] = '-';
	}
	dst[n] = 0;
}

int pg_document(struct req *r)
{
	const char *qt = web_query(r, "typ"), *qf = web_query(r, "format");
	const char *qp = web_query(r, "period");
	struct styr_report_request req;
	struct styr_org_unit u;
	const struct type_info *ti = NULL;
	const struct format_info *fi = NULL;
	struct styr_err err;
	char path[] = "/tmp/styr-dokument-XXXXXX", ptext[64], pname[64], uname[STYR_CODE_MAX];
	char buf[65536];
	size_t i, n;
	FILE *f;
	int fd, rc, year;
	time_t now = time(NULL);
	struct tm tm;

	if (web_unit_or_reply(r, &u))
		return -1;
	for (i = 0; qt && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(qt, types[i].name))
			ti = &types[i];
	if (!ti)
		return web_fail(r, 400, "invalid_parameter",
		                "Dokumenttypen ”%s” finns inte. Välj arsredovisning, delarsrapport "
		                "eller verksamhetsplan.",
		                qt ? qt : "");
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(qf ? qf : "html", formats[i].ext))
			fi = &formats[i];
	if (!fi)
		return web_fail(r, 400, "invalid_parameter",
		                "Formatet ”%s” finns inte. Välj html, pdf eller xlsx.", qf);
	/* Without a period: the unit's latest ledger year, else last year. */
	gmtime_r(&now, &tm);
	year = 0;
	styr_err_init(&err);
	if (ledger_latest_year(r, u.code, &year, &err) || !year)
		year = tm.tm_year + 1900 - 1;
	if (!qp || !qp[0]) {
		snprintf(ptext, sizeof(ptext), ti->default_period, year);
		qp = ptext;
	}
	memset(&req, 0, sizeof(req));
	req.type = ti->type;
	req.format = fi->format;
	req.unit = u.code;
	if (web_period_or_reply(r, "period", qp, &req.period))
		return -1;
	if ((fd = mkstemp(path)) < 0)
		return web_fail(r, 500, "internal_error", "cannot create a temporary file");
	close(fd);
	styr_err_init(&err);
	/* An approved period gives its approved version (?aktuell=1: today's
	 * data); any other period's report is marked Utkast. */
	rc = styr_report_get(r->db, &req, web_query(r, "aktuell") != NULL, path, &err);
	if (rc) {
		unlink(path);
		return web_fail_err(r, &err);
	}
	if (!(f = fopen(path, "rb"))) {
		unlink(path);
		return web_fail(r, 500, "internal_error", "cannot read the report");
	}
	/* --max-report: the whole file, said before any of it is sent */
	{
		struct stat sb;

		if (fstat(fileno(f), &sb) == 0 && (size_t)sb.st_size > r->srv->report_max) {
			fclose(f);
			unlink(path);
			return web_report_too_big(r);
		}
		r->out.max = r->srv->report_max;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (styr_buf_add(&r->out, buf, n, &r->err))
			break;
	fclose(f);
	unlink(path);
	styr_period_format(&req.period, ptext, sizeof(ptext));
	ascii_name(pname, sizeof(pname), ptext);
	ascii_name(uname, sizeof(uname), u.code);
	r->content_type = fi->content_type;
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"%s-%s-%s.%s\"",
	         ti->name, uname, pname, fi->ext);
	return 0;
}

/* The download links of the dashboard. */
void page_documents(struct req *r, const char *unit)
{
	size_t i, j;

	out_s(r, "<h2 id=\"dokument\">Dokument</h2><ul>");
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		out_s(r, "<li>");
		out_s(r, types[i].label);
		out_s(r, ":");
		for (j = 0; j < sizeof(formats) / sizeof(formats[0]); j++) {
			out_s(r, " <a href=\"/enhet/");
			out_h(r, unit);
			out_f(r, "/dokument?typ=%s&amp;format=%s\">%s</a>", types[i].name,
			      formats[j].ext, formats[j].ext);
		}
		out_s(r, "</li>");
	}
	out_s(r, "</ul>");
}
