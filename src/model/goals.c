/*
 * The rules of the follow-up cycle that need no database: the escalation
 * model of seed 004 Tabell 3 as a transition table, the names of steps,
 * report statuses and kinds of report, and the expansion of one rule of a
 * follow-up plan (seed 003 Bilaga 6) into calendar entries.
 *
 * Tabell 3 lists four steps with STEG 1–4 and says the model is used "vid
 * större avvikelse" and "ytterst kan innebära att uppdraget
 * avslutas/flyttas".  It does not say that a step may be skipped, so
 * escalation goes one step at a time; it does not say how an escalation
 * ends, so lifting it (back to no step) is allowed from any step short of
 * förlust av uppdrag, after which the uppdrag is gone and nothing more can
 * happen.  The allowed moves are one table, so a decision to differ is
 * one line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/names.h"
#include "styr/goals.h"

static const struct name_entry escalations[] = {
    {STYR_ESC_NONE, "ingen"},
    {STYR_ESC_PAPEKANDE, "påpekande"},
    {STYR_ESC_VARNING1, "varning 1"},
    {STYR_ESC_VARNING2, "varning 2"},
    {STYR_ESC_FORLUST, "förlust av uppdrag"},
};

/* Tabell 3's ÅTGÄRD column. */
static const char *const escalation_actions[STYR_ESC_COUNT] = {
    [STYR_ESC_NONE] = "",
    [STYR_ESC_PAPEKANDE] = "Tidigarelagd ny mätning",
    [STYR_ESC_VARNING1] = "Extra verksamhetsdialog",
    [STYR_ESC_VARNING2] = "Medicinsk revision med krav på åtgärd och där det i vissa fall är "
                          "tillämpbart med viten",
    [STYR_ESC_FORLUST] = "Uppdraget flyttas till annan producent",
};

/* allowed[from][to]: the moves of the header comment. */
static const bool allowed[STYR_ESC_COUNT][STYR_ESC_COUNT] = {
    [STYR_ESC_NONE] = {[STYR_ESC_PAPEKANDE] = true},
    [STYR_ESC_PAPEKANDE] = {[STYR_ESC_VARNING1] = true, [STYR_ESC_NONE] = true},
    [STYR_ESC_VARNING1] = {[STYR_ESC_VARNING2] = true, [STYR_ESC_NONE] = true},
    [STYR_ESC_VARNING2] = {[STYR_ESC_FORLUST] = true, [STYR_ESC_NONE] = true},
    [STYR_ESC_FORLUST] = {false},
};

static const struct name_entry statuses[] = {
    {STYR_UPPDRAG_EJ_PABORJAT, "ej påbörjat"},   {STYR_UPPDRAG_PAGAR, "pågår"},
    {STYR_UPPDRAG_GENOMFORT, "genomfört"},       {STYR_UPPDRAG_FORSENAT, "försenat"},
    {STYR_UPPDRAG_EJ_GENOMFORT, "ej genomfört"},
};

static const struct name_entry report_kinds[] = {
    {STYR_FOLLOWUP_INFORMATION, "informationsrapport"},
    {STYR_FOLLOWUP_ANALYS, "analys med prognos"},
    {STYR_FOLLOWUP_DELAR, "delårsrapport"},
    {STYR_FOLLOWUP_ARSREDOVISNING, "årsredovisning"},
    {STYR_FOLLOWUP_KVARTAL, "kvartalsrapport"},
};

const char *styr_escalation_name(enum styr_escalation e)
{
	return name_of(escalations, COUNT(escalations), (int)e);
}

int styr_escalation_parse(const char *text, enum styr_escalation *out, struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(escalations, COUNT(escalations), text, &v, "step", err);

	*out = (enum styr_escalation)v;
	return rc;
}

const char *styr_escalation_action(enum styr_escalation e)
{
	return (unsigned)e < STYR_ESC_COUNT ? escalation_actions[e] : "";
}

int styr_escalation_check(enum styr_escalation from, enum styr_escalation to, struct styr_err *err)
{
	char choices[128] = "";
	size_t len = 0;
	int t;

	if ((unsigned)from < STYR_ESC_COUNT && (unsigned)to < STYR_ESC_COUNT && allowed[from][to])
		return STYR_OK;
	if ((unsigned)from >= STYR_ESC_COUNT || (unsigned)to >= STYR_ESC_COUNT)
		return styr_error(err, STYR_EINPUT, "unknown escalation step");
	for (t = 0; t < STYR_ESC_COUNT; t++)
		if (allowed[from][t])
			len += (size_t)snprintf(choices + len, sizeof(choices) - len, "%s\"%s\"",
			                        len ? " or " : "", styr_escalation_name(t));
	if (!len)
		return styr_error(err, STYR_EINPUT,
		                  "cannot go from \"%s\" to \"%s\": the uppdrag is lost, no step "
		                  "follows \"%s\"",
		                  styr_escalation_name(from), styr_escalation_name(to),
		                  styr_escalation_name(from));
	return styr_error(err, STYR_EINPUT,
	                  "cannot go from \"%s\" to \"%s\": escalation (seed 004 tabell 3) moves "
	                  "one step at a time; expected %s",
	                  styr_escalation_name(from), styr_escalation_name(to), choices);
}

const char *styr_uppdrag_status_name(enum styr_uppdrag_status s)
{
	return name_of(statuses, COUNT(statuses), (int)s);
}

int styr_uppdrag_status_parse(const char *text, enum styr_uppdrag_status *out, struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(statuses, COUNT(statuses), text, &v, "status", err);

	*out = (enum styr_uppdrag_status)v;
	return rc;
}

const char *styr_report_kind_name(enum styr_report_kind k)
{
	return name_of(report_kinds, COUNT(report_kinds), (int)k);
}

int styr_report_kind_parse(const char *text, enum styr_report_kind *out, struct styr_err *err)
{
	int v = 0;
	int rc = parse_name(report_kinds, COUNT(report_kinds), text, &v, "report", err);

	*out = (enum styr_report_kind)v;
	return rc;
}

int styr_date_check(const char *text, struct styr_err *err)
{
	int y, m, d;
	char tail;

	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900 || y > 2999 ||
	    m < 1 || m > 12 || d < 1 || d > styr_month_days(y, m))
		return styr_error(err, STYR_EINPUT,
		                  "date \"%s\": expected a date such as 2024-03-31", text);
	return STYR_OK;
}

/* The deadline of a rule for a period: a date as given, "+N" days after
 * the period's last day, or none. */
static int deadline_for(const struct styr_followup_rule *r, const struct styr_period *p, char *out,
                        struct styr_err *err)
{
	const char *d = r->deadline;
	char *end;
	long n;
	int y, m, day;

	out[0] = '\0';
	if (!*d)
		return STYR_OK;
	if (*d != '+') {
		int rc = styr_date_check(d, err);

		if (!rc)
			memcpy(out, d, STYR_DATE_MAX); /* checked: 10 bytes and NUL */
		return rc;
	}
	n = strtol(d + 1, &end, 10);
	if (*end || end == d + 1 || n < 0 || n > 730)
		return styr_error(err, STYR_EINPUT,
		                  "deadline \"%s\": expected a date such as 2024-11-04 or +N days "
		                  "after the period such as +15",
		                  d);
	styr_civil_from_days(
	    styr_days_from_civil(p->year, p->last_month, styr_month_days(p->year, p->last_month)) +
	        n,
	    &y, &m, &day);
	snprintf(out, STYR_DATE_MAX, "%04d-%02d-%02d", y, m, day);
	return STYR_OK;
}

int styr_calendar_expand(const struct styr_followup_rule *r,
                         int (*cb)(void *ctx, const struct styr_calendar_entry *e), void *ctx,
                         struct styr_err *err)
{
	struct styr_calendar_entry e;
	int m, rc;

	if (!r->months || r->months >= (1u << 12))
		return styr_error(err, STYR_EINPUT, "%s %d: expected months between 1 and 12",
		                  styr_report_kind_name(r->kind), r->year);
	for (m = 1; m <= 12; m++) {
		if (!(r->months & (1u << (m - 1))))
			continue;
		memset(&e, 0, sizeof(e));
		e.kind = r->kind;
		e.decision = r->decision;
		e.period.year = r->year;
		e.period.last_month = m;
		/* Delårsrapport and årsredovisning are cumulative from January. */
		e.period.first_month =
		    r->kind == STYR_FOLLOWUP_DELAR || r->kind == STYR_FOLLOWUP_ARSREDOVISNING ? 1
		                                                                              : m;
		snprintf(e.source, sizeof(e.source), "%s", r->source);
		rc = deadline_for(r, &e.period, e.deadline, err);
		if (rc)
			return rc;
		rc = cb(ctx, &e);
		if (rc)
			return rc;
	}
	return STYR_OK;
}

/* Days between two checked dates, b - a. */
long styr_date_diff(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;

	sscanf(a, "%4d-%2d-%2d", &ya, &ma, &da);
	sscanf(b, "%4d-%2d-%2d", &yb, &mb, &db);
	return styr_days_from_civil(yb, mb, db) - styr_days_from_civil(ya, ma, da);
}

void styr_period_end_date(const struct styr_period *p, char *out, size_t size)
{
	snprintf(out, size, "%04d-%02d-%02d", p->year, p->last_month,
	         styr_month_days(p->year, p->last_month));
}
