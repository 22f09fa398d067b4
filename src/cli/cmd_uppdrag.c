/*
 * styr uppdrag: the uppdrag a region gives its boards, what the boards
 * report back, and the escalation of those that are not met (seed 004
 * Tabell 3).  Listing reads; report and escalate each write one row in one
 * transaction, and escalate refuses a move Tabell 3 does not allow with
 * the library's message.
 *   styr uppdrag list [--unit CODE]
 *   styr uppdrag show GOAL
 *   styr uppdrag report GOAL --unit CODE --date YYYY-MM-DD --status STATUS [--text TEXT]
 *   styr uppdrag escalate GOAL --to STEP --date YYYY-MM-DD --reason TEXT --by NAME
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pad.h"

/* Owners of every goal, "HSN (huvudansvar), PVN" per goal. */
struct owners {
	const char *goal;
	const char *unit; /* filter: only goals this unit owns */
	bool owned;
	char text[1024];
	size_t len;
};

static int collect_owner(void *ctx, const struct styr_goal_owner *o)
{
	struct owners *w = ctx;

	if (strcmp(o->goal, w->goal))
		return 0;
	if (w->unit && !strcmp(o->unit, w->unit))
		w->owned = true;
	if (w->len < sizeof(w->text))
		w->len += (size_t)snprintf(
		    w->text + w->len, sizeof(w->text) - w->len, "%s%s%s", w->len ? ", " : "",
		    o->unit, o->role == STYR_ROLE_HUVUDANSVAR ? " (huvudansvar)" : "");
	return 0;
}

static int owners_of(struct styr_db *db, const char *goal, const char *unit, struct owners *w,
                     struct styr_err *err)
{
	memset(w, 0, sizeof(*w));
	w->goal = goal;
	w->unit = unit;
	return styr_goal_owner_each(db, collect_owner, w, err);
}

struct lister {
	struct styr_db *db;
	const char *unit;
	struct styr_goal *g;
	struct styr_err *err;
	size_t n;
};

/* The latest report on an uppdrag, by date. */
struct latest {
	char date[STYR_DATE_MAX];
	char unit[STYR_CODE_MAX];
	enum styr_uppdrag_status status;
};

static int keep_latest(void *ctx, const struct styr_uppdrag_report *r)
{
	struct latest *l = ctx;

	if (strcmp(r->date, l->date) >= 0) {
		snprintf(l->date, sizeof(l->date), "%s", r->date);
		snprintf(l->unit, sizeof(l->unit), "%s", r->unit);
		l->status = r->status;
	}
	return 0;
}

static int list_one(void *ctx, const struct styr_uppdrag *u)
{
	struct lister *l = ctx;
	struct owners w;
	int rc = owners_of(l->db, u->goal, l->unit, &w, l->err);

	if (!rc)
		rc = styr_goal_find(l->db, u->goal, l->g, l->err);
	if (rc)
		return rc;
	if (l->unit && !w.owned)
		return 0;
	cli_pad(stdout, u->goal, 11);
	cli_pad(stdout, u->deadline[0] ? u->deadline : "-", 11);
	cli_pad(stdout, styr_escalation_name(u->level), 19);
	cli_cut(stdout, l->g->title, 70);
	putchar('\n');
	printf("%-10s ansvariga: %s\n", "", w.len ? w.text : "-");
	{
		struct latest last;

		memset(&last, 0, sizeof(last));
		rc = styr_uppdrag_report_each(l->db, u->goal, keep_latest, &last, l->err);
		if (rc)
			return rc;
		if (last.date[0])
			printf("%-10s senaste rapport: %s %s %s\n", "", last.date, last.unit,
			       styr_uppdrag_status_name(last.status));
	}
	l->n++;
	return 0;
}

static int uppdrag_list(struct styr_db *db, const char *unit, struct styr_err *err)
{
	struct lister l = {db, unit, NULL, err, 0};
	struct styr_org_unit u;
	int rc;

	if (unit) {
		rc = styr_org_find(db, unit, &u, err);
		if (rc)
			return rc;
		l.unit = u.code;
	}
	l.g = malloc(sizeof(*l.g));
	if (!l.g)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	printf("%-10s %-10s %-18s %s\n", "uppdrag", "slutdatum", "eskalering", "titel");
	rc = styr_uppdrag_each(db, list_one, &l, err);
	if (!rc)
		printf("%zu uppdrag\n", l.n);
	free(l.g);
	return rc;
}

static int print_report(void *ctx, const struct styr_uppdrag_report *r)
{
	(void)ctx;
	printf("  %s  %-8s %-13s %s\n", r->date, r->unit, styr_uppdrag_status_name(r->status),
	       r->text);
	return 0;
}

static int print_step(void *ctx, const struct styr_escalation_step *s)
{
	(void)ctx;
	printf("  %d. %s  %s → %s  beslut: %s  skäl: %s\n", s->seq, s->date,
	       styr_escalation_name(s->from), styr_escalation_name(s->to), s->decided_by,
	       s->reason);
	return 0;
}

static int uppdrag_show(struct styr_db *db, const char *goal, struct styr_err *err)
{
	struct styr_goal *g = malloc(sizeof(*g));
	struct styr_uppdrag u;
	struct owners w;
	int i, rc;

	if (!g)
		return styr_error(err, STYR_ENOMEM, "out of memory");
	rc = styr_uppdrag_find(db, goal, &u, err);
	if (!rc)
		rc = styr_goal_find(db, goal, g, err);
	if (!rc)
		rc = owners_of(db, goal, NULL, &w, err);
	if (!rc) {
		printf("%s  %s\n", g->code, g->title);
		if (g->text[0])
			printf("%s\n", g->text);
		printf("nivå: %s, under %s\n", styr_goal_level_name(g->level),
		       g->parent[0] ? g->parent : "-");
		printf("ansvariga: %s\n", w.len ? w.text : "-");
		printf("slutdatum: %s\n", u.deadline[0] ? u.deadline : "-");
		printf("återrapportering:");
		for (i = 0; i < u.nreport_dates; i++)
			printf(" %s", u.report_dates[i]);
		printf("%s\n", u.nreport_dates ? "" : " -");
		printf("eskalering: %s", styr_escalation_name(u.level));
		if (u.level != STYR_ESC_NONE)
			printf(" (%s)", styr_escalation_action(u.level));
		printf("\nrapporter:\n");
		rc = styr_uppdrag_report_each(db, goal, print_report, NULL, err);
	}
	if (!rc) {
		printf("eskaleringssteg:\n");
		rc = styr_escalation_each(db, goal, print_step, NULL, err);
	}
	free(g);
	return rc;
}

/* One write in its own transaction. */
static int write_one(struct styr_db *db,
                     int (*fn)(struct styr_db *, const void *, struct styr_err *), const void *row,
                     struct styr_err *err)
{
	int rc = styr_db_begin(db, err);

	if (rc)
		return rc;
	rc = fn(db, row, err);
	if (rc) {
		styr_db_rollback(db);
		return rc;
	}
	return styr_db_commit(db, err);
}

static int put_report(struct styr_db *db, const void *row, struct styr_err *err)
{
	return styr_uppdrag_report_put(db, row, err);
}

static int put_step(struct styr_db *db, const void *row, struct styr_err *err)
{
	return styr_uppdrag_escalate(db, row, err);
}

static int run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},   {"date", required_argument, NULL, 'd'},
	    {"status", required_argument, NULL, 's'}, {"text", required_argument, NULL, 't'},
	    {"to", required_argument, NULL, 'o'},     {"reason", required_argument, NULL, 'r'},
	    {"by", required_argument, NULL, 'b'},     {NULL, 0, NULL, 0},
	};
	const char *unit = NULL, *date = NULL, *status = NULL, *text = "", *to = NULL;
	const char *reason = NULL, *by = NULL, *what;
	struct styr_db *db;
	struct styr_err err;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unit = optarg;
			break;
		case 'd':
			date = optarg;
			break;
		case 's':
			status = optarg;
			break;
		case 't':
			text = optarg;
			break;
		case 'o':
			to = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		default:
			return cli_usage(&cmd_uppdrag_def, "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage(&cmd_uppdrag_def, "list, show, report or escalate?");
	what = argv[optind];
	if (strcmp(what, "list") && optind + 2 != argc)
		return cli_usage(&cmd_uppdrag_def, "%s needs one GOAL", what);
	if (!strcmp(what, "report") && (!unit || !date || !status))
		return cli_usage(&cmd_uppdrag_def, "report needs --unit, --date and --status");
	if (!strcmp(what, "escalate") && (!to || !date || !reason || !by))
		return cli_usage(&cmd_uppdrag_def,
		                 "escalate needs --to, --date, --reason and --by");
	styr_err_init(&err);
	if (cli_open(cli, 0, &db, &err))
		return cli_fail(&err);
	if (!strcmp(what, "list")) {
		rc = uppdrag_list(db, unit, &err);
	} else if (!strcmp(what, "show")) {
		rc = uppdrag_show(db, argv[optind + 1], &err);
	} else if (!strcmp(what, "report")) {
		struct styr_uppdrag_report *r = calloc(1, sizeof(*r));

		rc = r ? STYR_OK : styr_error(&err, STYR_ENOMEM, "out of memory");
		if (!rc &&
		    !(rc = styr_field_copy(r->goal, sizeof(r->goal), argv[optind + 1], "GOAL",
		                           &err)) &&
		    !(rc = styr_field_copy(r->unit, sizeof(r->unit), unit, "--unit", &err)) &&
		    !(rc = styr_date_check(date, &err)) &&
		    !(rc = styr_field_copy(r->date, sizeof(r->date), date, "--date", &err)) &&
		    !(rc = styr_uppdrag_status_parse(status, &r->status, &err)) &&
		    !(rc = styr_field_copy(r->text, sizeof(r->text), text, "--text", &err))) {
			snprintf(r->source, sizeof(r->source), "styr uppdrag report");
			rc = write_one(db, put_report, r, &err);
		}
		if (!rc)
			printf("styr: %s rapporterade %s: %s\n", r->unit, r->goal,
			       styr_uppdrag_status_name(r->status));
		free(r);
	} else if (!strcmp(what, "escalate")) {
		struct styr_escalation_step s;
		struct styr_uppdrag u;

		memset(&s, 0, sizeof(s));
		if (!(rc = styr_field_copy(s.goal, sizeof(s.goal), argv[optind + 1], "GOAL",
		                           &err)) &&
		    !(rc = styr_escalation_parse(to, &s.to, &err)) &&
		    !(rc = styr_field_copy(s.date, sizeof(s.date), date, "--date", &err)) &&
		    !(rc = styr_field_copy(s.reason, sizeof(s.reason), reason, "--reason", &err)) &&
		    !(rc = styr_field_copy(s.decided_by, sizeof(s.decided_by), by, "--by", &err)) &&
		    !(rc = write_one(db, put_step, &s, &err)) &&
		    !(rc = styr_uppdrag_find(db, s.goal, &u, &err)))
			printf("styr: %s är nu på steg %d, %s%s%s\n", s.goal, (int)u.level,
			       styr_escalation_name(u.level), u.level ? ": " : "",
			       styr_escalation_action(u.level));
	} else {
		styr_db_close(db);
		return cli_usage(&cmd_uppdrag_def, "unknown \"%s\"", what);
	}
	styr_db_close(db);
	return rc ? cli_fail(&err) : 0;
}

const struct command cmd_uppdrag_def = {
    "uppdrag",
    run,
    "list uppdrag, record återrapportering and escalation steps",
    "styr uppdrag list [--unit CODE]\n"
    "       styr uppdrag show GOAL\n"
    "       styr uppdrag report GOAL --unit CODE --date YYYY-MM-DD --status STATUS [--text TEXT]\n"
    "       styr uppdrag escalate GOAL --to STEP --date YYYY-MM-DD --reason TEXT --by NAME\n"
    "STATUS: ej påbörjat, pågår, genomfört, försenat, ej genomfört.\n"
    "STEP (seed 004 tabell 3), one step at a time: påpekande, varning 1, varning 2,\n"
    "förlust av uppdrag; \"ingen\" lifts an escalation short of förlust av uppdrag.\n"
    "--unit must be one of the uppdrag's responsible boards.\n",
};
