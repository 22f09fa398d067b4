/*
 * A unit's report for a period moves draft → submitted → approved, or from
 * submitted back to the unit as returned (with a comment saying why), and
 * from returned to submitted again.  Approval is what closes the books:
 * the unit's values for that period, and those of every unit below it,
 * are locked until an admin unlocks the report (back to draft).  Each move
 * and each value write is one transaction with its audit entry.
 *
 * The lock is the workflow state itself rather than a separate lock
 * table, so the two can never disagree.  Approval also stores the
 * rendered report and its figures (frozen.c) in the same transaction.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "styr/access.h"
#include "styr/analysis.h"
#include "styr/frozen.h"
#include "styr/goals.h"
#include "styr/ledger.h"

int styr_report_state_get(struct styr_db *db, const char *unit, const struct styr_period *p,
                          struct styr_report_state *out, struct styr_err *err)
{
	struct styr_org_unit u;
	struct styr_err local;
	int rc;

	if ((rc = styr_org_find(db, unit, &u, err)))
		return rc;
	styr_err_init(&local);
	rc = styr_report_state_find(db, u.code, p, out, &local);
	if (rc == STYR_ENOTFOUND) {
		memset(out, 0, sizeof(*out));
		snprintf(out->unit, sizeof(out->unit), "%s", u.code);
		out->period = *p;
		out->state = STYR_REPORT_DRAFT;
		return STYR_OK;
	}
	if (rc)
		return styr_error(err, local.code, "%s", local.msg);
	return STYR_OK;
}

struct move {
	enum styr_report_state_kind from1, from2, to;
	const char *verb;
};

static const struct move moves[] = {
    [STYR_REPORT_SUBMIT] = {STYR_REPORT_DRAFT, STYR_REPORT_RETURNED, STYR_REPORT_SUBMITTED,
                            "submit"},
    [STYR_REPORT_APPROVE] = {STYR_REPORT_SUBMITTED, STYR_REPORT_SUBMITTED, STYR_REPORT_APPROVED,
                             "approve"},
    [STYR_REPORT_RETURN] = {STYR_REPORT_SUBMITTED, STYR_REPORT_SUBMITTED, STYR_REPORT_RETURNED,
                            "return"},
    [STYR_REPORT_UNLOCK] = {STYR_REPORT_APPROVED, STYR_REPORT_APPROVED, STYR_REPORT_DRAFT,
                            "unlock"},
};

/* Diarienummer as registrars write them: "RS 2024/123", "Dnr 2024-00045",
 * "LKR 2025/7:3", "HSN 2017/0412".  What is refused is what no registry
 * writes: no digit, a control character, punctuation beyond - / . : _,
 * a space at either end or two in a row. */
int styr_diarienummer_check(const char *text, struct styr_err *err)
{
	size_t n = strlen(text), i;
	bool digit = false, ok = n > 0 && n < STYR_DNR_MAX;

	for (i = 0; i < n && ok; i++) {
		unsigned char c = (unsigned char)text[i];

		digit |= c >= '0' && c <= '9';
		if (c == ' ')
			ok = i > 0 && i + 1 < n && text[i - 1] != ' ';
		else
			ok = c >= 0x80 || isalnum(c) || strchr("-/.:_", c);
	}
	if (!ok || !digit)
		return styr_error(err, STYR_EINPUT,
		                  "diarienummer \"%s\": expected a case number such as \"RS "
		                  "2024/123\" (letters, digits, single spaces and - / . : _, "
		                  "with a digit, at most %d bytes)",
		                  text, STYR_DNR_MAX - 1);
	return STYR_OK;
}

int styr_decision_date_check(const char *date, const struct styr_period *p, struct styr_err *err)
{
	char first[16];

	if (styr_date_check(date, NULL))
		return styr_error(err, STYR_EINPUT,
		                  "beslutsdatum \"%s\": expected a date such as 2025-02-14", date);
	snprintf(first, sizeof(first), "%04d-%02d-01", p->year, p->first_month);
	if (strcmp(date, first) < 0)
		return styr_error(err, STYR_EINPUT,
		                  "beslutsdatum \"%s\": expected a date on or after %s, the start "
		                  "of the period approved",
		                  date, first);
	return STYR_OK;
}

/* The decision of an approval, checked; only an approval takes one. */
static int decision_check(const struct styr_decision *d, enum styr_report_action action,
                          const struct styr_period *p, struct styr_err *err)
{
	bool dnr = d && d->diarienummer && d->diarienummer[0];
	bool date = d && d->date && d->date[0];

	if ((dnr || date) && action != STYR_REPORT_APPROVE)
		return styr_error(err, STYR_EINPUT,
		                  "%s: expected only with approve, which records the decision",
		                  dnr ? "diarienummer" : "beslutsdatum");
	if (dnr && styr_diarienummer_check(d->diarienummer, err))
		return STYR_EINPUT;
	if (date && styr_decision_date_check(d->date, p, err))
		return STYR_EINPUT;
	return STYR_OK;
}

struct four_eyes {
	const char *user;
	bool entered;
};

static int entered_cb(void *ctx, const char *who)
{
	struct four_eyes *f = ctx;

	f->entered |= !strcmp(who, f->user);
	return 0;
}

/* Four eyes (the setting "four-eyes" on, `styr config four-eyes on`): the
 * approver of a report is neither the one who submitted it nor anyone
 * who entered its figures (the audit log's value entries of the unit and
 * period). */
static int four_eyes_check(struct styr_db *db, const char *user, const struct styr_report_state *r,
                           const char *period, struct styr_err *err)
{
	struct four_eyes f = {user, false};
	char on[8], pattern[128];
	int rc;

	if ((rc = styr_setting_get(db, "four-eyes", on, sizeof(on), err)) || strcmp(on, "on"))
		return rc;
	if (!strcmp(r->by, user))
		return styr_error(err, STYR_EPERM,
		                  "four eyes: %s submitted the report of %s for %s; another user "
		                  "approves it",
		                  user, r->unit, period);
	snprintf(pattern, sizeof(pattern), "value %% %s %s", r->unit, period);
	if ((rc = styr_audit_users(db, pattern, entered_cb, &f, err)))
		return rc;
	if (f.entered)
		return styr_error(
		    err, STYR_EPERM,
		    "four eyes: %s entered figures of the report of %s for %s; another "
		    "user approves it",
		    user, r->unit, period);
	return STYR_OK;
}

int styr_report_move(struct styr_db *db, const char *user, const char *unit,
                     const struct styr_period *p, enum styr_report_action action,
                     const char *comment, const struct styr_decision *decision,
                     struct styr_err *err)
{
	struct styr_report_state r;
	const struct move *m;
	char entity[128], period[STYR_PERIOD_TEXT_MAX], after[160];
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	if ((unsigned)action > STYR_REPORT_UNLOCK)
		return styr_error(err, STYR_EINPUT, "unknown report action");
	m = &moves[action];
	if (action == STYR_REPORT_RETURN && (!comment || !comment[0]))
		return styr_error(err, STYR_EINPUT,
		                  "comment: expected a text saying why the report is returned");
	if (comment && strlen(comment) >= STYR_COMMENT_MAX)
		return styr_error(err, STYR_EINPUT, "comment: expected at most %d bytes",
		                  STYR_COMMENT_MAX - 1);
	if ((rc = decision_check(decision, action, p, err)))
		return rc;
	if ((rc = styr_db_begin(db, err)))
		return rc;
	rc = styr_report_state_get(db, unit, p, &r, err);
	if (!rc && r.state != m->from1 && r.state != m->from2)
		rc = styr_error(err, STYR_ECONFLICT, "the report is %s; it cannot be %s now",
		                styr_report_state_name(r.state),
		                action == STYR_REPORT_SUBMIT    ? "submitted"
		                : action == STYR_REPORT_APPROVE ? "approved"
		                : action == STYR_REPORT_RETURN  ? "returned"
		                                                : "unlocked");
	if (!rc && action == STYR_REPORT_APPROVE) {
		styr_period_format(p, period, sizeof(period));
		rc = four_eyes_check(db, user, &r, period, err);
	}
	if (!rc) {
		enum styr_report_state_kind before = r.state;

		r.state = m->to;
		snprintf(r.comment, sizeof(r.comment), "%s", comment ? comment : "");
		snprintf(r.by, sizeof(r.by), "%s", user);
		gmtime_r(&t, &tm);
		strftime(r.time, sizeof(r.time), "%Y-%m-%dT%H:%M:%SZ", &tm);
		/* An approval records its decision, or that it gave none; the
		 * other moves keep the last approval's. */
		if (action == STYR_REPORT_APPROVE) {
			snprintf(r.diarienummer, sizeof(r.diarienummer), "%s",
			         decision && decision->diarienummer ? decision->diarienummer : "");
			snprintf(r.decided, sizeof(r.decided), "%s",
			         decision && decision->date ? decision->date : "");
		}
		styr_period_format(p, period, sizeof(period));
		snprintf(entity, sizeof(entity), "report %s %s", r.unit, period);
		snprintf(after, sizeof(after), "%s", styr_report_state_name(r.state));
		if (action == STYR_REPORT_APPROVE && (r.diarienummer[0] || r.decided[0]))
			snprintf(after + strlen(after), sizeof(after) - strlen(after),
			         "; diarienummer %s; beslutsdatum %s",
			         r.diarienummer[0] ? r.diarienummer : "-",
			         r.decided[0] ? r.decided : "-");
		rc = styr_report_state_put(db, &r, err);
		if (!rc) {
			char action_name[32];

			snprintf(action_name, sizeof(action_name), "report.%s", m->verb);
			rc = styr_audit_append(db, user, action_name, entity,
			                       styr_report_state_name(before), after, err);
		}
		/* Approval keeps what was approved (frozen.c); an unlock keeps
		 * it too, until the next approval replaces it. */
		if (!rc && action == STYR_REPORT_APPROVE)
			rc = styr_report_freeze(db, user, r.unit, p, t, err);
	}
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	return styr_db_commit(db, err);
}

/* The gate's own lookup (store/gate.c), so that the web's answer and the
 * gate's refusal always agree: a lock covers the periods it overlaps. */
int styr_period_lock(struct styr_db *db, const char *unit, const struct styr_period *p,
                     bool *locked, struct styr_report_state *by, struct styr_err *err)
{
	return styr_period_locked(db, unit, p, locked, by, err);
}

int styr_period_check_open(struct styr_db *db, const char *unit, const struct styr_period *p,
                           struct styr_err *err)
{
	struct styr_report_state by;
	char label[64];
	bool locked;
	int rc = styr_period_lock(db, unit, p, &locked, &by, err);

	if (rc || !locked)
		return rc;
	styr_period_label(p, label, sizeof(label));
	return styr_error(err, STYR_ELOCKED,
	                  "period %s is locked: the report of %s was approved by %s; an admin can "
	                  "unlock it",
	                  label, by.unit, by.by);
}

/* Who writes: the handle's actor becomes user for the writes of one of
 * the functions below (the gate audits as the actor), and is given back
 * after. */
struct actor_saved {
	char who[STYR_USER_MAX];
};

static int actor_as(struct styr_db *db, const char *user, struct actor_saved *saved,
                    struct styr_err *err)
{
	snprintf(saved->who, sizeof(saved->who), "%s", styr_db_who(db));
	return styr_db_actor(db, user && *user ? user : saved->who, NULL, err);
}

static void actor_back(struct styr_db *db, const struct actor_saved *saved)
{
	styr_db_actor(db, saved->who, NULL, NULL);
}

static bool same_value(const struct styr_value *a, const struct styr_value *b)
{
	return a->num.kind == b->num.kind && a->num.value == b->num.value &&
	       a->num.decimals == b->num.decimals && a->has_numerator == b->has_numerator &&
	       a->has_denominator == b->has_denominator &&
	       (!a->has_numerator || a->numerator == b->numerator) &&
	       (!a->has_denominator || a->denominator == b->denominator) &&
	       !strcmp(a->missing_reason, b->missing_reason);
}

/* Computed values (the event engine) arrive many at a time: one
 * transaction for all, and a value whose figures would not change is not
 * written, so computing again from the same events changes nothing, not
 * even the audit log.  Its source is kept too: the run it names did give
 * that figure, and a new run that gives it again is no reason to write
 * into a period that may be locked meanwhile.  The write itself, its lock
 * check and its audit entry are the gate's (styr_value_put, store/gate.c). */
int styr_values_write(struct styr_db *db, const char *user, const struct styr_value *v, size_t n,
                      int (*before)(void *ctx, struct styr_db *db, struct styr_err *err), void *ctx,
                      size_t *written, struct styr_err *err)
{
	struct styr_value old, nv;
	struct actor_saved saved;
	struct styr_err local;
	size_t i;
	int rc;

	*written = 0;
	if ((rc = actor_as(db, user, &saved, err)))
		return rc;
	if ((rc = styr_db_begin(db, err))) {
		actor_back(db, &saved);
		return rc;
	}
	for (i = 0; i < n && !rc; i++) {
		nv = v[i];
		styr_err_init(&local);
		rc = styr_value_find(db, nv.indicator, nv.unit, &nv.period, &old, &local);
		if (rc == STYR_OK) {
			if (same_value(&old, &nv) &&
			    (!nv.has_comment || !strcmp(old.comment, nv.comment)))
				continue;
		} else if (rc == STYR_ENOTFOUND) {
			rc = STYR_OK;
		} else {
			styr_error(err, local.code, "%s", local.msg);
			break;
		}
		/* before the first write only: with nothing to write, nothing is */
		if (before && !*written)
			rc = before(ctx, db, err);
		if (!rc)
			rc = styr_value_put(db, &nv, err);
		if (!rc)
			(*written)++;
	}
	actor_back(db, &saved);
	if (rc) {
		styr_db_rollback(db);
		*written = 0;
		return rc;
	}
	return styr_db_commit(db, err);
}

/* Analyses and actions are written by people through the web as values
 * are, so they take the same path: refused while the period is locked,
 * stored and audited in one transaction.  An action belongs to the year
 * it is due in. */
static int write_locked(struct styr_db *db, const char *user, const char *unit,
                        const struct styr_period *p, const char *action, const char *entity,
                        const char *before, const char *after,
                        int (*put)(struct styr_db *, const void *, struct styr_err *),
                        const void *row, struct styr_err *err)
{
	struct actor_saved saved;
	int rc;

	if ((rc = actor_as(db, user, &saved, err)))
		return rc;
	if ((rc = styr_db_begin(db, err))) {
		actor_back(db, &saved);
		return rc;
	}
	rc = styr_period_check_open(db, unit, p, err);
	if (!rc)
		rc = put(db, row, err);
	/* a put through the gate audits itself (action NULL) */
	if (!rc && action)
		rc = styr_audit_append(db, user, action, entity, before, after, err);
	actor_back(db, &saved);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	return styr_db_commit(db, err);
}

static int put_analysis(struct styr_db *db, const void *row, struct styr_err *err)
{
	return styr_analysis_put(db, row, err);
}

static int put_action(struct styr_db *db, const void *row, struct styr_err *err)
{
	return styr_action_put(db, row, err);
}

int styr_analysis_write(struct styr_db *db, const char *user, const struct styr_analysis *a,
                        struct styr_err *err)
{
	return write_locked(db, user, a->unit, &a->period, NULL, NULL, NULL, NULL, put_analysis, a,
	                    err);
}

int styr_action_write(struct styr_db *db, const char *user, const struct styr_action *a,
                      struct styr_err *err)
{
	struct styr_period p;
	char year[8];
	int rc;

	snprintf(year, sizeof(year), "%.4s", a->due);
	if ((rc = styr_period_parse(year, &p, err))) {
		styr_err_prefix(err, "due \"%s\": ", a->due);
		return rc;
	}
	return write_locked(db, user, a->unit, &p, NULL, NULL, NULL, NULL, put_action, a, err);
}

/* A person's one value: a locked period refuses it even when the figure
 * would not change, so that the form and the API say so. */
int styr_value_write(struct styr_db *db, const char *user, const struct styr_value *v,
                     struct styr_err *err)
{
	size_t written;
	int rc = styr_period_check_open(db, v->unit, &v->period, err);

	return rc ? rc : styr_values_write(db, user, v, 1, NULL, NULL, &written, err);
}
