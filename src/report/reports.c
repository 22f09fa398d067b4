/*
 * The report types: årsredovisning, delårsrapport, månadsrapport and
 * verksamhetsplan, each built as one document tree from the store and
 * rendered in the format asked for.
 *
 * They share one shape, the one Landskrona's årsredovisning 2024 has: a
 * summary (how many indicators reach their targets, as counts and as a
 * traffic-light chart), then one section per övergripande mål with the
 * unit's goals under it, each goal's indicator table (the period and the
 * same months of the two years before, with target, status and trend) and
 * the analysis texts written for that goal, then the sections for
 * economy, production and personnel, then the development of the
 * indicators that miss their targets as charts.  The types differ in the
 * period they accept, the columns of the tables and which sections they
 * carry; a table of type descriptions says so in one place.
 *
 * Sections whose data comes from elsewhere (economy and personnel from the
 * ledgers, the action plans, the uppdrag) are one function each in
 * sections.h, laid out in report_economy.c and report_goals.c.  A section
 * with nothing in it always says so in words rather than disappearing, so
 * a reader can tell "nothing to report" from "forgotten" -- except
 * Medarbetare, which is left out when the unit has neither staff figures
 * nor personnel costs nor an analysis of them.
 *
 * Indicators the unit has values for but that no goal in the report
 * follows up are not dropped: they get a section of their own,
 * "Indikatorer utan koppling till mål", and count in the summary like the
 * others.  A year column with
 * no value in any row of a table is left out of that table.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/doc.h"
#include "report/sections.h"
#include "styr/analysis.h"
#include "styr/buf.h"
#include "styr/calc.h"
#include "styr/report.h"
#include "styr/rollup.h"

#define COLUMNS    3 /* the period and the same months of the two years before */
#define CHARTS_MAX 6 /* history charts of indicators that miss their targets */
#define REPORT_MAX ((size_t)256 << 20)

/* What distinguishes the types. */
struct report_type {
	const char *name, *alt_name, *title;
	bool targets_only; /* verksamhetsplan: target levels, not status */
	bool analyses;     /* carries analysis texts */
	bool forecast;     /* carries a helårsprognos section */
};

static const struct report_type types[] = {
    [STYR_REPORT_ARSREDOVISNING] = {"arsredovisning", "årsredovisning", "Årsredovisning", false,
                                    true, false},
    [STYR_REPORT_DELARSRAPPORT] = {"delarsrapport", "delårsrapport", "Delårsrapport", false, true,
                                   true},
    [STYR_REPORT_MANADSRAPPORT] = {"manadsrapport", "månadsrapport", "Månadsrapport", false, true,
                                   true},
    [STYR_REPORT_VERKSAMHETSPLAN] = {"verksamhetsplan", "verksamhetsplan", "Verksamhetsplan", true,
                                     false, false},
};

#define NTYPES (sizeof(types) / sizeof(types[0]))

int styr_report_type_parse(const char *text, enum styr_report_type *out, struct styr_err *err)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (!strcasecmp(text, types[i].name) || !strcmp(text, types[i].alt_name)) {
			*out = (enum styr_report_type)i;
			return STYR_OK;
		}
	return styr_error(err, STYR_EUSAGE,
	                  "report \"%s\": expected arsredovisning, delarsrapport, manadsrapport, "
	                  "verksamhetsplan or indicators",
	                  text);
}

int styr_report_format_parse(const char *text, enum styr_report_format *out, struct styr_err *err)
{
	static const char *const names[] = {"html", "pdf", "xlsx"};
	size_t i;

	for (i = 0; i < 3; i++)
		if (!strcasecmp(text, names[i])) {
			*out = (enum styr_report_format)i;
			return STYR_OK;
		}
	return styr_error(err, STYR_EUSAGE, "--format \"%s\": expected html, pdf or xlsx", text);
}

bool styr_report_format_of_path(const char *path, enum styr_report_format *out)
{
	static const struct {
		const char *ext;
		enum styr_report_format format;
	} exts[] = {{".html", STYR_FORMAT_HTML},
	            {".htm", STYR_FORMAT_HTML},
	            {".pdf", STYR_FORMAT_PDF},
	            {".xlsx", STYR_FORMAT_XLSX}};
	const char *dot = path ? strrchr(path, '.') : NULL;
	size_t i;

	if (!dot || strchr(dot, '/'))
		return false;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (!strcasecmp(dot, exts[i].ext)) {
			*out = exts[i].format;
			return true;
		}
	return false;
}

struct link {
	char goal[STYR_CODE_MAX];
	char indicator[STYR_CODE_MAX];
};

/* An indicator that misses its target, for the charts at the end. */
struct miss {
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
};

struct rep {
	struct styr_db *db;
	const struct styr_report_request *req;
	const struct report_type *type;
	struct doc doc;
	struct styr_org_unit unit;
	struct styr_period periods[COLUMNS]; /* the report's, then a year earlier ... */
	char labels[COLUMNS][STYR_PERIOD_TEXT_MAX];
	struct styr_goal *goals;
	size_t ngoals, goals_cap;
	struct link *links;
	size_t nlinks, links_cap;
	struct styr_analysis *analyses;
	size_t nanalyses, analyses_cap;
	bool *analysis_used;
	/* The traffic lights: one per indicator shown. */
	struct lamp {
		char name[STYR_NAME_MAX];
		enum styr_status status;
	} * lamps;
	size_t nlamps, lamps_cap;
	struct miss misses[CHARTS_MAX];
	char (*shown)[STYR_CODE_MAX]; /* the indicators in the goals' tables */
	size_t nshown, shown_cap;
	size_t nmisses;
	struct doc_notes notes;                       /* the comments of the table being built */
	size_t counts[STYR_STATUS_MISSING + 1];       /* the unit's own indicators */
	size_t child_counts[STYR_STATUS_MISSING + 1]; /* the child being rolled up */
	struct styr_err *err;
};

static int add_goal(void *ctx, const struct styr_goal *g)
{
	struct rep *r = ctx;

	if (styr_array_grow((void **)&r->goals, &r->goals_cap, r->ngoals, sizeof(*g), r->err))
		return STYR_ENOMEM;
	r->goals[r->ngoals++] = *g;
	return 0;
}

static int add_link(void *ctx, const char *goal, const char *indicator)
{
	struct rep *r = ctx;
	struct link *l;

	if (styr_array_grow((void **)&r->links, &r->links_cap, r->nlinks, sizeof(*l), r->err))
		return STYR_ENOMEM;
	l = &r->links[r->nlinks++];
	snprintf(l->goal, sizeof(l->goal), "%s", goal);
	snprintf(l->indicator, sizeof(l->indicator), "%s", indicator);
	return 0;
}

static int add_analysis(void *ctx, const struct styr_analysis *a)
{
	struct rep *r = ctx;

	if (styr_period_cmp(&a->period, &r->periods[0]))
		return 0;
	if (styr_array_grow((void **)&r->analyses, &r->analyses_cap, r->nanalyses, sizeof(*a),
	                    r->err))
		return STYR_ENOMEM;
	r->analyses[r->nanalyses++] = *a;
	return 0;
}

/* A value for one column.  A month report reads the months from January
 * ("jan–aug 2024"), and falls back on the month alone. */
/* The value of indicator ind for unit in column col: the unit's own, else
 * rolled up from the units below it (styr_value_rollup); *how is then how
 * ("summa av 5 enheter", or why it is shown per unit with the units'
 * values), else "". */
static int find_value(struct rep *r, const struct styr_indicator *ind, const char *unit, int col,
                      struct styr_value *v, bool *has, char *how, size_t how_size)
{
	struct styr_period p = r->periods[col];
	struct styr_value_rollup *up;
	struct styr_err local;
	size_t i, n;
	int rc;

	if (how_size)
		how[0] = '\0';
	styr_err_init(&local);
	rc = styr_value_find(r->db, ind->code, unit, &p, v, &local);
	if (rc == STYR_ENOTFOUND && r->req->type == STYR_REPORT_MANADSRAPPORT &&
	    p.first_month != p.last_month) {
		p.first_month = p.last_month;
		styr_err_init(&local);
		rc = styr_value_find(r->db, ind->code, unit, &p, v, &local);
	}
	*has = rc == STYR_OK;
	if (rc && rc != STYR_ENOTFOUND)
		return styr_error(r->err, local.code, "%s", local.msg);
	if (*has)
		return STYR_OK;
	if (!(up = malloc(sizeof(*up))))
		return styr_error(r->err, STYR_ENOMEM, "out of memory building a report");
	rc = styr_value_rollup(r->db, ind, unit, &r->periods[col], up, r->err);
	if (!rc && up->how != STYR_ROLLUP_NONE && up->how != STYR_ROLLUP_OWN) {
		*v = up->value;
		*has = true;
		n = (size_t)snprintf(how, how_size, "%s", up->how_text);
		if (up->how == STYR_ROLLUP_PER_UNIT) {
			n += (size_t)snprintf(how + n, n < how_size ? how_size - n : 0,
			                      " (%s):", up->why);
			for (i = 0; i < up->nparts && n < how_size; i++) {
				char text[STYR_REASON_MAX];

				styr_value_format(&up->parts[i], ind, text, sizeof(text));
				n += (size_t)snprintf(how + n, how_size - n, "%s %s %s",
				                      i ? ";" : "", up->parts[i].unit, text);
			}
		}
	}
	free(up);
	return rc;
}

static int add_lamp(struct rep *r, const char *name, enum styr_status s)
{
	if (styr_array_grow((void **)&r->lamps, &r->lamps_cap, r->nlamps, sizeof(*r->lamps),
	                    r->err))
		return STYR_ENOMEM;
	snprintf(r->lamps[r->nlamps].name, sizeof(r->lamps[0].name), "%s", name);
	r->lamps[r->nlamps++].status = s;
	return STYR_OK;
}

/* One indicator's row; *shown says whether the unit had any value (a
 * verksamhetsplan shows every indicator with a target). */
static int indicator_row(struct rep *r, const char *code, const char *unit, bool overview,
                         bool *shown)
{
	struct styr_indicator ind;
	struct styr_value v[COLUMNS];
	struct styr_assessment a[COLUMNS];
	struct styr_indicator_target target;
	struct styr_err local;
	bool has[COLUMNS], has_target;
	char text[STYR_REASON_MAX], how[2048];
	int i, rc;

	*shown = false;
	if ((rc = styr_indicator_find(r->db, code, &ind, r->err)))
		return rc;
	/* A production figure linked to a goal is still no quality
	 * indicator: the Produktion section shows it. */
	if (ind.category == STYR_IND_PRODUKTION)
		return STYR_OK;
	for (i = 0; i < COLUMNS; i++) {
		if ((rc = find_value(r, &ind, unit, i, &v[i], &has[i], how, sizeof(how))))
			return rc;
		if (how[0]) {
			char note[STYR_NAME_MAX + STYR_PERIOD_TEXT_MAX + sizeof(how) + 8];

			snprintf(note, sizeof(note), "%s, %s: %s.", ind.name, r->labels[i], how);
			if (!r->type->targets_only || i > 0)
				if ((rc = doc_note_text(&r->notes, note, r->err)))
					return rc;
		}
		if (has[i] && (rc = styr_value_assess(r->db, &ind, &v[i], &a[i], r->err)))
			return rc;
		*shown |= has[i];
	}
	styr_err_init(&local);
	has_target =
	    styr_target_find(r->db, code, unit, r->periods[0].year, &target, &local) == STYR_OK;
	if (r->type->targets_only)
		*shown = has_target;
	if (!*shown)
		return STYR_OK;
	if (overview) {
		if (styr_array_grow((void **)&r->shown, &r->shown_cap, r->nshown, sizeof(*r->shown),
		                    r->err))
			return STYR_ENOMEM;
		snprintf(r->shown[r->nshown++], sizeof(*r->shown), "%s", code);
	}
	if ((rc = doc_cell_text(&r->doc, ind.name, r->err)) ||
	    (rc = doc_cell_text(&r->doc, ind.code, r->err)) ||
	    (rc = doc_cell_text(&r->doc, has_target ? target.text : "–", r->err)))
		return rc;
	/* A plan looks back at the years before it; the others at the period
	 * and the same months before. */
	for (i = r->type->targets_only ? 1 : 0; i < COLUMNS; i++) {
		if (!has[i]) {
			if ((rc = doc_cell_text(&r->doc, "", r->err)))
				return rc;
			continue;
		}
		if (v[i].comment[0] && (rc = doc_note_comment(&r->notes, ind.name, r->labels[i],
		                                              v[i].comment, r->err)))
			return rc;
		styr_value_format(&v[i], &ind, text, sizeof(text));
		if (v[i].num.kind == STYR_NUM_VALUE) {
			rc = doc_cell_number(&r->doc, text, v[i].num.value, r->err);
			if (!r->type->targets_only)
				doc_cell_status(&r->doc, a[i].status);
		} else {
			rc = doc_cell_text(&r->doc, text, r->err);
		}
		if (rc)
			return rc;
	}
	if (r->type->targets_only) {
		enum styr_direction d = ind.has_direction ? ind.direction : STYR_DIR_NONE;

		if (!ind.has_direction && has_target) {
			struct styr_target t;

			if (styr_target_parse(target.text, &t, NULL) == STYR_OK)
				d = styr_target_direction(&t);
		}
		return doc_cell_text(&r->doc,
		                     d == STYR_DIR_UP     ? "Högre är bättre"
		                     : d == STYR_DIR_DOWN ? "Lägre är bättre"
		                                          : "–",
		                     r->err);
	}
	{
		enum styr_status st = has[0] ? a[0].status : STYR_STATUS_MISSING;

		rc = doc_cell_text(&r->doc, styr_status_label(st), r->err);
		doc_cell_status(&r->doc, st);
		if (!rc)
			rc = doc_cell_text(&r->doc, has[0] ? styr_trend_label(a[0].trend) : "",
			                   r->err);
		if (has[0])
			doc_cell_trend(&r->doc, a[0].trend);
		if (!overview)
			r->child_counts[st]++;
		if (!rc && overview) {
			r->counts[st]++;
			rc = add_lamp(r, ind.name, st);
			if (!rc && (st == STYR_STATUS_NOT_MET || st == STYR_STATUS_NEAR) &&
			    r->nmisses < CHARTS_MAX) {
				snprintf(r->misses[r->nmisses].code, sizeof(r->misses[0].code),
				         "%s", ind.code);
				snprintf(r->misses[r->nmisses].name, sizeof(r->misses[0].name),
				         "%s", ind.name);
				r->nmisses++;
			}
		}
	}
	return rc;
}

static int start_table(struct rep *r, const char *caption)
{
	char y[COLUMNS][STYR_PERIOD_TEXT_MAX + 8], status[64];
	const char *head[5 + COLUMNS];
	size_t n = 0;
	int i;

	head[n++] = "Indikator";
	head[n++] = "ID-nr";
	if (r->type->targets_only) {
		snprintf(status, sizeof(status), "Målnivå %d", r->periods[0].year);
		head[n++] = status;
		for (i = 1; i < COLUMNS; i++) {
			snprintf(y[i], sizeof(y[i]), "Utfall %s", r->labels[i]);
			head[n++] = y[i];
		}
		head[n++] = "Riktning";
	} else {
		head[n++] = "Mål";
		for (i = 0; i < COLUMNS; i++)
			head[n++] = r->labels[i];
		snprintf(status, sizeof(status), "Status %s", r->labels[0]);
		head[n++] = status;
		head[n++] = "Trend";
	}
	return doc_table(&r->doc, caption, head, n, r->err);
}

static size_t last_rows(const struct rep *r)
{
	const struct doc_block *b = &r->doc.blocks[r->doc.nblocks - 1];

	return b->kind == DOC_TABLE ? b->table.nrows : 0;
}

/* The last table is complete: a year with no value in any of its rows is
 * no column (the plan's years are columns 3..4, the others' 3..5), and
 * the comments of its values follow it as notes.  *rows: whether it has
 * any row (without, the caller drops it). */
static int finish_table(struct rep *r, bool *rows)
{
	*rows = last_rows(r) > 0;
	if (*rows)
		doc_table_drop_empty(&r->doc, r->doc.nblocks - 1, 3,
		                     r->type->targets_only ? COLUMNS : COLUMNS + 2);
	return doc_notes_flush(&r->doc, &r->notes, *rows, r->err);
}

/* The analysis texts for subject, each under its title (a heading of
 * level, one below the section or goal it stands in, so that headings
 * never skip a level) with the three questions; *any tells whether there
 * was one.  Drafts are left out: a
 * draft is its writer's until handed in, and a report may be published. */
static int analyses_for(struct rep *r, const char *subject, int level, bool *any)
{
	static const char *const questions[] = {"Vad har hänt?", "Varför har det hänt?",
	                                        "Vad kommer att hända?"};
	size_t i;
	int q, rc = STYR_OK;

	*any = false;
	if (!r->type->analyses)
		return STYR_OK;
	for (i = 0; i < r->nanalyses && !rc; i++) {
		const struct styr_analysis *a = &r->analyses[i];
		const char *texts[3] = {a->what, a->why, a->next};
		char title[STYR_NAME_MAX + 64];

		if (strcmp(a->subject, subject) || strcmp(a->unit, r->unit.code) ||
		    a->state == STYR_ANALYSIS_DRAFT)
			continue;
		*any = true;
		r->analysis_used[i] = true;
		snprintf(title, sizeof(title), "Analys%s%s%s", a->title[0] ? ": " : "", a->title,
		         a->state == STYR_ANALYSIS_APPROVED ? "" : " (inlämnad, ej godkänd)");
		rc = doc_heading(&r->doc, level, title, r->err);
		for (q = 0; q < 3 && !rc; q++) {
			if (!texts[q][0])
				continue;
			rc = doc_heading(&r->doc, level + 1, questions[q], r->err);
			if (!rc)
				rc = doc_paragraph(&r->doc, texts[q], r->err);
		}
	}
	return rc;
}

static bool goal_has_links(const struct rep *r, const char *goal)
{
	size_t l;

	for (l = 0; l < r->nlinks; l++)
		if (!strcmp(r->links[l].goal, goal))
			return true;
	return false;
}

/* One övergripande mål: its text, its goals' tables and analyses. */
static int section_goal(struct rep *r, const struct styr_goal *top)
{
	char heading[sizeof(top->title) + 32], empty[512];
	size_t g, l, shown = 0;
	bool any;
	int rc;

	snprintf(heading, sizeof(heading), "Övergripande mål: %s", top->title);
	if ((rc = doc_heading(&r->doc, 2, heading, r->err)))
		return rc;
	if (top->text[0] && (rc = doc_paragraph(&r->doc, top->text, r->err)))
		return rc;
	for (g = 0; g < r->ngoals; g++) {
		const struct styr_goal *goal = &r->goals[g];
		const struct styr_goal *above;
		size_t start = r->doc.nblocks;
		bool analysed, rows;

		if (goal == top || !goal_has_links(r, goal->code))
			continue;
		above = styr_goal_ancestor(r->goals, r->ngoals, goal->code, STYR_GOAL_OVERGRIPANDE);
		if (above != top)
			continue;
		if (goal->valid_from && goal->valid_from > r->periods[0].year)
			continue;
		rc = doc_heading(&r->doc, 3, goal->title, r->err);
		if (!rc)
			rc = start_table(r, goal->title);
		for (l = 0; l < r->nlinks && !rc; l++) {
			bool row;

			if (!strcmp(r->links[l].goal, goal->code))
				rc = indicator_row(r, r->links[l].indicator, r->unit.code, true,
				                   &row);
		}
		if (rc || (rc = finish_table(r, &rows)))
			return rc;
		if (!rows)
			doc_truncate(&r->doc, start + 1); /* keep the heading, say why */
		if ((rc = analyses_for(r, goal->code, 4, &analysed)))
			return rc;
		if (r->doc.nblocks == start + 1) {
			doc_truncate(&r->doc, start); /* the unit does not follow this goal */
			continue;
		}
		shown++;
	}
	if ((rc = analyses_for(r, top->code, 3, &any)))
		return rc;
	if (!shown && !any) {
		snprintf(empty, sizeof(empty),
		         "Inga indikatorvärden eller analyser för %s under detta mål för %s.",
		         r->unit.name, r->labels[0]);
		rc = doc_paragraph(&r->doc, empty, r->err);
	}
	return rc;
}

/* The codes of the indicators the unit has values for in the report's
 * years (the period's and the two before). */
struct unit_codes {
	struct rep *r;
	char (*codes)[STYR_CODE_MAX];
	size_t n, cap;
};

static int add_unit_code(void *ctx, const struct styr_value *v)
{
	struct unit_codes *u = ctx;
	size_t i;

	if (v->period.year > u->r->periods[0].year ||
	    v->period.year < u->r->periods[COLUMNS - 1].year)
		return 0;
	for (i = 0; i < u->n; i++)
		if (!strcmp(u->codes[i], v->indicator))
			return 0;
	if (styr_array_grow((void **)&u->codes, &u->cap, u->n, sizeof(*u->codes), u->r->err))
		return STYR_ENOMEM;
	snprintf(u->codes[u->n++], sizeof(*u->codes), "%s", v->indicator);
	return 0;
}

/* Whether an indicator has a row in a goal's table already. */
static bool in_report(const struct rep *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->nshown; i++)
		if (!strcmp(r->shown[i], code))
			return true;
	return false;
}

/* Indicators with values that no goal in the report follows up (none
 * links to them, or only goals outside its övergripande mål): a section
 * of their own (staff figures excepted: Medarbetare shows them). */
static int section_unlinked(struct rep *r)
{
	struct styr_value_filter f = {NULL, r->unit.code, 0};
	struct unit_codes u = {r, NULL, 0, 0};
	size_t i, start = r->doc.nblocks;
	bool rows;
	int rc = styr_value_each(r->db, &f, add_unit_code, &u, r->err);

	if (!rc)
		rc = doc_heading(&r->doc, 2, "Indikatorer utan koppling till mål", r->err);
	if (!rc)
		rc = doc_paragraph(&r->doc,
		                   "Indikatorer som enheten har värden för men som inget mål i "
		                   "rapporten följer upp.",
		                   r->err);
	if (!rc)
		rc = start_table(r, "Indikatorer utan koppling till mål");
	for (i = 0; i < u.n && !rc; i++) {
		struct styr_indicator ind;
		bool shown;

		if (in_report(r, u.codes[i]))
			continue;
		if ((rc = styr_indicator_find(r->db, u.codes[i], &ind, r->err)))
			break;
		if (report_staff_indicator(&ind))
			continue;
		rc = indicator_row(r, u.codes[i], r->unit.code, true, &shown);
	}
	free(u.codes);
	if (rc || (rc = finish_table(r, &rows)))
		return rc;
	if (!rows)
		doc_truncate(&r->doc, start);
	return STYR_OK;
}

/* A section whose figures come from another part of styr (sections.h):
 * its tables and charts, or, when there are none for the unit, a sentence
 * saying so; then the analyses written for it. */
static int section_from(struct rep *r, const char *title, const char *subject, const char *missing,
                        int (*figures)(const struct section *, bool *))
{
	size_t start = r->doc.nblocks;
	bool analysed = false;
	struct section s = {.db = r->db,
	                    .doc = &r->doc,
	                    .unit = &r->unit,
	                    .year = r->periods[0].year,
	                    .months = r->periods[0].last_month,
	                    .label = r->labels[0],
	                    .prev = r->labels[1],
	                    .forecast = r->type->forecast,
	                    .err = r->err};
	char text[512];
	bool any = false;
	int rc = doc_heading(&r->doc, 2, title, r->err);

	if (!rc && figures)
		rc = figures(&s, &any);
	if (!rc && !any && missing) {
		snprintf(text, sizeof(text), "%s för %s %s.", missing, r->unit.name, r->labels[0]);
		rc = doc_paragraph(&r->doc, text, r->err);
	}
	if (!rc)
		rc = analyses_for(r, subject, 3, &analysed);
	/* missing NULL: a section with nothing in it is left out */
	if (!rc && !missing && !any && !analysed)
		doc_truncate(&r->doc, start);
	return rc;
}

/* Economy: the resultaträkning, budget against utfall, the rules'
 * findings, the helårsprognos, and the analyses with subject ekonomi. */
static int section_economy(struct rep *r)
{
	struct doc_block *b;
	size_t start = r->doc.nblocks;
	int rc = section_from(r, "Ekonomi", "ekonomi", "Inga ekonomiska uppgifter finns ännu",
	                      section_economy_figures);

	/* Without a resultaträkning a forecast report still says why it has
	 * no helårsprognos. */
	b = r->doc.nblocks > start + 1 ? &r->doc.blocks[start + 1] : NULL;
	if (!rc && r->type->forecast && b && b->kind == DOC_PARAGRAPH &&
	    !strncmp(b->text, "Inga ekonomiska", 15))
		rc = doc_paragraph(
		    &r->doc, "Helårsprognos: ingen prognos kan visas utan ekonomiska uppgifter.",
		    r->err);
	return rc;
}

static int section_plan_budget(struct rep *r)
{
	int rc =
	    section_from(r, "Budget", "budget", "Ingen budget finns ännu", section_budget_figures);

	if (!rc)
		rc = section_from(r, "Uppdrag", "uppdrag", "Inga uppdrag är registrerade",
		                  section_uppdrag_figures);
	if (!rc)
		rc = section_from(r, "Åtgärder", "åtgärder", "Inga åtgärder är registrerade",
		                  section_actions_figures);
	return rc;
}

/* The development of the indicators that miss their targets. */
static int section_history(struct rep *r)
{
	size_t m;
	int rc = doc_heading(&r->doc, 2, "Indikatorer som inte når målet", r->err);

	if (!rc && !r->nmisses) {
		size_t valued = r->counts[STYR_STATUS_MET];
		char text[STYR_NAME_MAX + 128];

		/* "all reach their targets" only of indicators that have values */
		if (!valued)
			snprintf(text, sizeof(text),
			         "Inga indikatorer med mål har värden för %s för %s.", r->unit.name,
			         r->labels[0]);
		else if (r->counts[STYR_STATUS_MISSING])
			snprintf(
			    text, sizeof(text),
			    "Alla indikatorer med mål och värde når sina mål; %zu saknar värde "
			    "för %s.",
			    r->counts[STYR_STATUS_MISSING], r->labels[0]);
		else
			snprintf(text, sizeof(text), "Alla indikatorer med mål når sina mål.");
		rc = doc_paragraph(&r->doc, text, r->err);
	}
	for (m = 0; m < r->nmisses && !rc; m++) {
		const char *cats[COLUMNS];
		double vals[COLUMNS];
		struct styr_indicator ind;
		struct styr_indicator_target t;
		struct styr_target parsed;
		struct styr_err local;
		char alt[1024], num[64];
		bool percent = false, has_ref;
		int i, decimals = 0;
		size_t n = 0;

		if ((rc = styr_indicator_find(r->db, r->misses[m].code, &ind, r->err)))
			break;
		n = (size_t)snprintf(alt, sizeof(alt), "Linjediagram över %s:", ind.name);
		for (i = 0; i < COLUMNS; i++) {
			int c = COLUMNS - 1 - i; /* oldest first */
			struct styr_value v;
			bool has;

			cats[i] = r->labels[c];
			vals[i] = NAN;
			if ((rc = find_value(r, &ind, r->unit.code, c, &v, &has, NULL, 0)))
				return rc;
			if (has && v.num.kind == STYR_NUM_VALUE) {
				vals[i] = v.num.value;
				decimals = v.num.decimals > decimals ? v.num.decimals : decimals;
				percent |= v.num.percent || !strcmp(ind.unit, "%");
				styr_num_format(num, sizeof(num), v.num.value, v.num.decimals);
				if (n < sizeof(alt))
					n += (size_t)snprintf(alt + n, sizeof(alt) - n,
					                      " %s %s%s%s", r->labels[c], num,
					                      percent ? "\u00a0%" : "",
					                      i + 1 < COLUMNS ? "," : "");
			}
		}
		/* The target as a reference line, when it is a level. */
		styr_err_init(&local);
		has_ref = styr_target_find(r->db, ind.code, r->unit.code, r->periods[0].year, &t,
		                           &local) == STYR_OK &&
		          styr_target_parse(t.text, &parsed, NULL) == STYR_OK &&
		          parsed.op >= STYR_TARGET_GT && parsed.op <= STYR_TARGET_EQ;
		if (has_ref && n < sizeof(alt))
			snprintf(alt + n, sizeof(alt) - n, "; mål %s", t.text);
		rc = doc_chart(&r->doc, DOC_CHART_LINE, ind.name, alt, cats, COLUMNS, r->err);
		if (!rc)
			rc = doc_chart_series(&r->doc, r->unit.name, vals, r->err);
		if (rc)
			break;
		doc_chart_format(&r->doc, decimals, percent);
		if (has_ref) {
			char label[STYR_TARGET_TEXT_MAX + 8];

			snprintf(label, sizeof(label), "Mål %s", t.text);
			doc_chart_ref(&r->doc, parsed.threshold, label);
		}
	}
	return rc;
}

/* The summary that opens the report; written last, moved first. */
static int summary(struct rep *r, size_t at)
{
	size_t start = r->doc.nblocks, total = 0;
	char text[512], alt[512];
	enum styr_status *status;
	const char **cats;
	size_t i;
	int rc;

	for (i = 0; i <= STYR_STATUS_MISSING; i++)
		total += r->counts[i];
	rc = doc_heading(&r->doc, 2, "Sammanfattning", r->err);
	if (!rc && !total)
		snprintf(text, sizeof(text), "%s har inga indikatorvärden för %s.", r->unit.name,
		         r->labels[0]);
	else
		snprintf(text, sizeof(text),
		         "%zu indikatorer %s: %zu uppfyllda, %zu nära målet, %zu ej uppfyllda, "
		         "%zu saknar värde, %zu utan mål.",
		         total, r->labels[0], r->counts[STYR_STATUS_MET],
		         r->counts[STYR_STATUS_NEAR], r->counts[STYR_STATUS_NOT_MET],
		         r->counts[STYR_STATUS_MISSING], r->counts[STYR_STATUS_NO_TARGET]);
	if (!rc)
		rc = doc_paragraph(&r->doc, text, r->err);
	if (!rc)
		rc = doc_paragraph(&r->doc,
		                   "Teckenförklaring: ✓ Uppfyllt · ◐ Nära målet · ✗ Ej uppfyllt · "
		                   "? Saknas · – Ej målsatt. Trend jämför med samma period "
		                   "föregående år: ↑ bättre, → oförändrad, ↓ sämre.",
		                   r->err);
	if (!rc && r->nlamps) {
		cats = malloc(r->nlamps * sizeof(*cats));
		status = malloc(r->nlamps * sizeof(*status));
		if (!cats || !status) {
			free(cats);
			free(status);
			return styr_error(r->err, STYR_ENOMEM, "out of memory building a report");
		}
		for (i = 0; i < r->nlamps; i++) {
			cats[i] = r->lamps[i].name;
			status[i] = r->lamps[i].status;
		}
		snprintf(alt, sizeof(alt),
		         "Trafikljus för %zu indikatorer: %zu uppfyllda (grön), %zu nära målet "
		         "(gul), %zu ej uppfyllda (röd), %zu saknar värde (grå), %zu utan mål.",
		         total, r->counts[STYR_STATUS_MET], r->counts[STYR_STATUS_NEAR],
		         r->counts[STYR_STATUS_NOT_MET], r->counts[STYR_STATUS_MISSING],
		         r->counts[STYR_STATUS_NO_TARGET]);
		rc = doc_chart(&r->doc, DOC_CHART_STATUS, "Måluppfyllelse per indikator", alt, cats,
		               r->nlamps, r->err);
		if (!rc)
			rc = doc_chart_status(&r->doc, status, r->err);
		free(cats);
		free(status);
	}
	if (!rc)
		rc = doc_move_tail(&r->doc, start, at, r->err);
	return rc;
}

/* What each child contributes to the roll-up table. */
struct child_row {
	char name[STYR_NAME_MAX];
	size_t counts[STYR_STATUS_MISSING + 1];
};

struct children {
	struct rep *r;
	struct child_row *rows;
	size_t nrows, cap;
	int rc;
};

/* Roll-up: one table per child unit with its indicators. */
static int child_section(void *ctx, const struct styr_org_unit *u)
{
	struct children *ch = ctx;
	struct rep *r = ch->r;
	char caption[STYR_NAME_MAX + 64], text[512];
	bool rows = false;
	size_t l;
	int rc;

	if (strcmp(u->parent, r->unit.code))
		return 0;
	memset(r->child_counts, 0, sizeof(r->child_counts));
	rc = doc_heading(&r->doc, 3, u->name, r->err);
	snprintf(caption, sizeof(caption), "Indikatorer för %s", u->name);
	if (!rc)
		rc = start_table(r, caption);
	for (l = 0; l < r->nlinks && !rc; l++) {
		bool shown, dup = false;
		size_t k;

		for (k = 0; k < l && !dup; k++)
			dup = !strcmp(r->links[k].indicator, r->links[l].indicator);
		if (!dup)
			rc = indicator_row(r, r->links[l].indicator, u->code, false, &shown);
	}
	if (!rc)
		rc = finish_table(r, &rows);
	if (!rc && !rows) {
		doc_truncate(&r->doc, r->doc.nblocks - 1);
		snprintf(text, sizeof(text), "Inga indikatorvärden för %s för %s.", u->name,
		         r->labels[0]);
		rc = doc_paragraph(&r->doc, text, r->err);
	}
	/* the child's economy, rolled up from the units below it as the
	 * hospital's is */
	if (!rc) {
		struct section s = {.db = r->db,
		                    .doc = &r->doc,
		                    .unit = u,
		                    .year = r->periods[0].year,
		                    .months = r->periods[0].last_month,
		                    .label = r->labels[0],
		                    .prev = r->labels[1],
		                    .forecast = r->type->forecast,
		                    .err = r->err};
		bool any = false;

		rc = section_economy_child(&s, &any);
		if (!rc && !any) {
			snprintf(text, sizeof(text), "Inga ekonomiska uppgifter för %s för %s.",
			         u->name, r->labels[0]);
			rc = doc_paragraph(&r->doc, text, r->err);
		}
	}
	if (!rc && !(rc = styr_array_grow((void **)&ch->rows, &ch->cap, ch->nrows,
	                                  sizeof(*ch->rows), r->err))) {
		struct child_row *row = &ch->rows[ch->nrows++];

		snprintf(row->name, sizeof(row->name), "%s", u->name);
		memcpy(row->counts, r->child_counts, sizeof(row->counts));
	}
	ch->rc = rc;
	return rc;
}

/* The roll-up table: per child how its indicators stand, and the total. */
static int rollup_table(struct rep *r, const struct children *ch)
{
	static const char *const head[] = {"Enhet",        "Indikatorer", "Uppfyllda", "Nära målet",
	                                   "Ej uppfyllda", "Saknas",      "Utan mål"};
	static const enum styr_status order[] = {STYR_STATUS_MET, STYR_STATUS_NEAR,
	                                         STYR_STATUS_NOT_MET, STYR_STATUS_MISSING,
	                                         STYR_STATUS_NO_TARGET};
	size_t total[STYR_STATUS_MISSING + 1] = {0};
	char caption[STYR_NAME_MAX + 64];
	size_t i, k;
	int rc;

	snprintf(caption, sizeof(caption), "Måluppfyllelse per enhet %s", r->labels[0]);
	rc = doc_table(&r->doc, caption, head, 7, r->err);
	for (i = 0; i <= ch->nrows && !rc; i++) {
		const size_t *c = i < ch->nrows ? ch->rows[i].counts : total;
		size_t sum = 0;
		char num[32];

		for (k = 0; k <= STYR_STATUS_MISSING; k++)
			sum += c[k];
		rc = doc_cell_text(&r->doc, i < ch->nrows ? ch->rows[i].name : "Totalt", r->err);
		styr_num_format(num, sizeof(num), (double)sum, 0);
		if (!rc)
			rc = doc_cell_number(&r->doc, num, (double)sum, r->err);
		for (k = 0; k < 5 && !rc; k++) {
			styr_num_format(num, sizeof(num), (double)c[order[k]], 0);
			rc = doc_cell_number(&r->doc, num, (double)c[order[k]], r->err);
			if (c[order[k]] && order[k] != STYR_STATUS_NO_TARGET)
				doc_cell_status(&r->doc, order[k]);
		}
		if (i < ch->nrows)
			for (k = 0; k <= STYR_STATUS_MISSING; k++)
				total[k] += c[k];
	}
	return rc;
}

struct unit_list {
	struct styr_org_unit *u;
	size_t n, cap;
	struct styr_err *err;
};

static int add_unit(void *ctx, const struct styr_org_unit *u)
{
	struct unit_list *l = ctx;

	if (styr_array_grow((void **)&l->u, &l->cap, l->n, sizeof(*l->u), l->err))
		return STYR_ENOMEM;
	l->u[l->n++] = *u;
	return 0;
}

/* child_section for every unit, the units read first: the roll-ups it
 * calls walk the units themselves, and a walk must not run inside
 * another walk of the same statement. */
static int each_child(struct rep *r, struct children *ch)
{
	struct unit_list l = {NULL, 0, 0, r->err};
	size_t i;
	int rc = styr_org_each(r->db, add_unit, &l, r->err);

	for (i = 0; i < l.n && !rc; i++)
		rc = child_section(ch, &l.u[i]);
	free(l.u);
	return rc;
}

static int section_children(struct rep *r)
{
	struct children ch = {r, NULL, 0, 0, 0};
	char title[STYR_NAME_MAX + 32];
	size_t start, table_at;
	int rc;

	snprintf(title, sizeof(title), "Enheter inom %s", r->unit.name);
	rc = doc_heading(&r->doc, 2, title, r->err);
	start = r->doc.nblocks;
	if (!rc)
		rc = each_child(r, &ch);
	if (rc) {
		free(ch.rows);
		return ch.rc ? ch.rc : rc;
	}
	if (r->doc.nblocks == start) {
		rc = doc_paragraph(&r->doc, "Enheten har inga underliggande enheter.", r->err);
	} else {
		/* The roll-up is written once every child is counted, and then
		 * stands first in the section. */
		table_at = r->doc.nblocks;
		rc = rollup_table(r, &ch);
		if (!rc)
			rc = doc_move_tail(&r->doc, table_at, start, r->err);
	}
	free(ch.rows);
	return rc;
}

/* Check the period against the type; the months of a month report run
 * from January. */
static int check_period(struct rep *r)
{
	const struct styr_period *p = &r->req->period;
	char text[STYR_PERIOD_TEXT_MAX];
	int m = p->last_month;

	styr_period_label(p, text, sizeof(text));
	switch (r->req->type) {
	case STYR_REPORT_ARSREDOVISNING:
	case STYR_REPORT_VERKSAMHETSPLAN:
		if (p->first_month != 1 || p->last_month != 12)
			return styr_error(r->err, STYR_EINPUT,
			                  "--period \"%s\": a %s covers a whole year, such as 2024",
			                  text, r->type->alt_name);
		break;
	case STYR_REPORT_DELARSRAPPORT:
		if (p->first_month != 1 || (m != 4 && m != 8))
			return styr_error(
			    r->err, STYR_EINPUT,
			    "--period \"%s\": a delårsrapport covers jan–apr or jan–aug, "
			    "such as \"jan–aug 2024\"",
			    text);
		break;
	case STYR_REPORT_MANADSRAPPORT:
		if ((p->first_month != 1 && p->first_month != m) || m == 1 || m == 2 || m == 6 ||
		    m == 12)
			return styr_error(
			    r->err, STYR_EINPUT,
			    "--period \"%s\": månadsrapporter are made after mars, april, "
			    "maj, juli, augusti, september, oktober and november; expected "
			    "a month such as 2024-08",
			    text);
		break;
	}
	return STYR_OK;
}

static int build(struct rep *r)
{
	static const char *const month_kind[13] = {"",
	                                           "",
	                                           "",
	                                           "med analys och prognos (beslutsärende)",
	                                           "(informationsärende)",
	                                           "med analys och prognos (beslutsärende)",
	                                           "",
	                                           "(informationsärende)",
	                                           "med analys och prognos (beslutsärende)",
	                                           "(informationsärende)",
	                                           "med analys och prognos (beslutsärende)",
	                                           "(informationsärende)",
	                                           ""};
	static const char *const month_abbr[13] = {"",    "jan", "feb", "mar", "apr", "maj", "jun",
	                                           "jul", "aug", "sep", "okt", "nov", "dec"};
	static const char *const month_name[13] = {
	    "",     "januari", "februari",  "mars",    "april",    "maj",     "juni",
	    "juli", "augusti", "september", "oktober", "november", "december"};
	struct styr_analysis_filter af = {NULL, 0, NULL};
	char title[128], subtitle[STYR_NAME_MAX + 64], subject[512];
	const struct styr_period *p = &r->req->period;
	size_t g, after_front;
	int i, rc;

	if ((rc = check_period(r)) || (rc = styr_org_find(r->db, r->req->unit, &r->unit, r->err)))
		return rc;
	for (i = 0; i < COLUMNS; i++) {
		r->periods[i] = *p;
		r->periods[i].year -= i;
		if (r->req->type == STYR_REPORT_MANADSRAPPORT)
			r->periods[i].first_month = 1;
		styr_period_label(&r->periods[i], r->labels[i], sizeof(r->labels[i]));
		/* Month reports count from January: "jan–apr 2024", never
		 * "tertial 1 2024", so that every month reads alike. */
		if (r->req->type == STYR_REPORT_MANADSRAPPORT)
			snprintf(r->labels[i], sizeof(r->labels[i]), "jan–%s %d",
			         month_abbr[p->last_month], r->periods[i].year);
	}
	if (r->req->type == STYR_REPORT_MANADSRAPPORT)
		snprintf(title, sizeof(title), "Månadsrapport %s %d %s", month_name[p->last_month],
		         p->year, month_kind[p->last_month]);
	else if (r->req->type == STYR_REPORT_DELARSRAPPORT)
		snprintf(title, sizeof(title), "Delårsrapport %s", r->labels[0]);
	else
		snprintf(title, sizeof(title), "%s %d", r->type->title, p->year);
	snprintf(subtitle, sizeof(subtitle), "%s", r->unit.name);
	snprintf(subject, sizeof(subject), "%s för %s", title, r->unit.name);
	if ((rc = doc_init(&r->doc, title, subtitle, r->err)) ||
	    (rc = doc_meta(&r->doc, r->unit.name, subject, r->err)) ||
	    (rc = doc_period(&r->doc, r->labels[0], r->err)))
		return rc;
	r->doc.toc = true;
	r->doc.created = r->req->created;
	if (!r->doc.created && (rc = styr_db_last_change(r->db, &r->doc.created, r->err)))
		return rc;
	if ((rc = doc_mark(&r->doc, r->req->mark, r->err)) ||
	    (rc = doc_decision(&r->doc, r->req->diarienummer, r->req->decided, r->err)))
		return rc;
	if ((rc = styr_goal_each(r->db, add_goal, r, r->err)) ||
	    (rc = styr_goal_indicator_each(r->db, add_link, r, r->err)))
		return rc;
	af.unit = r->unit.code;
	af.year = p->year;
	if ((rc = styr_analysis_each(r->db, &af, add_analysis, r, r->err)))
		return rc;
	r->analysis_used = calloc(r->nanalyses ? r->nanalyses : 1, sizeof(bool));
	if (!r->analysis_used)
		return styr_error(r->err, STYR_ENOMEM, "out of memory building a report");
	after_front = r->doc.nblocks;
	for (g = 0; g < r->ngoals && !rc; g++)
		if (r->goals[g].level == STYR_GOAL_OVERGRIPANDE)
			rc = section_goal(r, &r->goals[g]);
	if (!rc)
		rc = section_unlinked(r);
	if (rc)
		return rc;
	if (r->type->targets_only) {
		rc = section_plan_budget(r);
	} else {
		rc = section_economy(r);
		if (!rc)
			rc = section_from(r, "Produktion", "produktion",
			                  "Inga produktionsuppgifter finns ännu",
			                  section_production_figures);
		if (!rc)
			rc = section_from(r, "Medarbetare", "personal", NULL,
			                  section_personnel_figures);
		if (!rc)
			rc = section_from(r, "Åtgärder och genomförandegrad", "åtgärder",
			                  "Inga åtgärder är registrerade", section_actions_figures);
		if (!rc)
			rc = section_history(r);
	}
	if (!rc && r->req->children)
		rc = section_children(r);
	if (!rc && !r->type->targets_only)
		rc = summary(r, after_front);
	/* last, as an appendix: a hospital's 400 kostnadsställen are one table */
	if (!rc && !r->type->targets_only)
		rc = section_from(r, "Bilaga: resultat per kostnadsställe", "kostnadsställe", NULL,
		                  section_dims_figures);
	if (!rc)
		rc = doc_seal(&r->doc, r->err);
	return rc;
}

static int write_buf(const char *path, const struct styr_buf *b, struct styr_err *err);

/* Charts as PNG images, for slides and intranet pages. */
static int write_pngs(const struct doc *d, const char *dir, struct styr_err *err)
{
	struct styr_buf png;
	size_t i, n = 0;
	int rc = STYR_OK;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return styr_error(err, STYR_EIO, "%s: %s", dir, strerror(errno));
	styr_buf_init(&png, REPORT_MAX);
	for (i = 0; i < d->nblocks && !rc; i++) {
		const struct doc_block *b = &d->blocks[i];
		char path[4096];

		if (b->kind != DOC_CHART)
			continue;
		styr_buf_reset(&png);
		snprintf(path, sizeof(path), "%s/diagram-%zu.png", dir, ++n);
		rc = chart_png(&b->chart, b->text, 480, chart_height(&b->chart, 480), &png, err);
		if (!rc)
			rc = write_buf(path, &png, err);
	}
	styr_buf_release(&png);
	return rc;
}

static int write_buf(const char *path, const struct styr_buf *b, struct styr_err *err)
{
	FILE *f = path ? fopen(path, "wb") : stdout;

	if (!f)
		return styr_error(err, STYR_EIO, "%s: cannot write: %s", path, strerror(errno));
	fwrite(b->data, 1, b->len, f);
	if ((path ? fclose(f) : fflush(f)) != 0)
		return styr_error(err, STYR_EIO, "%s: writing failed: %s", path ? path : "stdout",
		                  strerror(errno));
	return STYR_OK;
}

bool styr_report_type_fits(enum styr_report_type type, const struct styr_period *p)
{
	struct styr_report_request req;
	struct styr_err err;
	struct rep r;

	if ((unsigned)type >= NTYPES)
		return false;
	memset(&req, 0, sizeof(req));
	memset(&r, 0, sizeof(r));
	req.type = type;
	req.period = *p;
	r.req = &req;
	r.type = &types[type];
	r.err = &err;
	styr_err_init(&err);
	return check_period(&r) == STYR_OK;
}

const char *styr_report_type_name(enum styr_report_type type)
{
	return (unsigned)type < NTYPES ? types[type].name : "";
}

static void rep_free(struct rep *r)
{
	doc_release(&r->doc);
	doc_notes_release(&r->notes);
	free(r->goals);
	free(r->links);
	free(r->analyses);
	free(r->analysis_used);
	free(r->lamps);
	free(r->shown);
	free(r);
}

/* Build the document of req into a new rep (*out, freed by rep_free even
 * on failure). */
static int build_rep(struct styr_db *db, const struct styr_report_request *req,
                     struct report_type *type, struct rep **out, struct styr_err *err)
{
	struct rep *r;

	*out = NULL;
	if ((unsigned)req->type >= NTYPES)
		return styr_error(err, STYR_EUSAGE, "unknown report type");
	r = calloc(1, sizeof(*r));
	if (!r)
		return styr_error(err, STYR_ENOMEM, "out of memory building a report");
	*type = types[req->type];
	/* Månadsrapporter after april, juli, september and november are for
	 * information: no analyses, no forecast. */
	if (req->type == STYR_REPORT_MANADSRAPPORT &&
	    (req->period.last_month == 4 || req->period.last_month == 7 ||
	     req->period.last_month == 9 || req->period.last_month == 11))
		type->analyses = type->forecast = false;
	r->db = db;
	r->req = req;
	r->type = type;
	r->err = err;
	*out = r;
	return build(r);
}

/* Render the built document in req's format into out; XLSX goes through
 * a temporary file (libxlsxwriter writes files only). */
static int render(const struct rep *r, struct styr_buf *out, struct styr_err *err)
{
	char path[] = "/tmp/styr-report-XXXXXX";
	char chunk[65536];
	size_t n;
	FILE *f;
	int fd, rc;

	switch (r->req->format) {
	case STYR_FORMAT_HTML:
		return doc_render_html(&r->doc, out, err);
	case STYR_FORMAT_PDF:
		return doc_render_pdf(&r->doc, out, err);
	case STYR_FORMAT_XLSX:
		break;
	}
	if ((fd = mkstemp(path)) < 0)
		return styr_error(err, STYR_EIO, "cannot create a temporary file: %s",
		                  strerror(errno));
	close(fd);
	rc = doc_render_xlsx(&r->doc, path, err);
	if (!rc && !(f = fopen(path, "rb")))
		rc = styr_error(err, STYR_EIO, "%s: %s", path, strerror(errno));
	if (!rc) {
		while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			rc = styr_buf_add(out, chunk, n, err);
		fclose(f);
	}
	unlink(path);
	return rc;
}

int styr_report_render(struct styr_db *db, const struct styr_report_request *req,
                       struct styr_buf *out, char hash[65], struct styr_err *err)
{
	struct report_type type;
	struct rep *r;
	int rc = build_rep(db, req, &type, &r, err);

	if (!rc)
		rc = render(r, out, err);
	if (!rc && hash && r)
		memcpy(hash, r->doc.hash, 65);
	if (r)
		rep_free(r);
	return rc;
}

int styr_report_write(struct styr_db *db, const struct styr_report_request *req, const char *path,
                      struct styr_err *err)
{
	struct report_type type;
	struct styr_buf out;
	struct rep *r;
	int rc;

	if (req->format == STYR_FORMAT_XLSX && !path)
		return styr_error(err, STYR_EUSAGE,
		                  "--format xlsx needs -o FILE: a workbook cannot go to standard "
		                  "output");
	rc = build_rep(db, req, &type, &r, err);
	styr_buf_init(&out, REPORT_MAX);
	if (!rc && req->format == STYR_FORMAT_XLSX) {
		/* libxlsxwriter finds out only at the end, and says so on
		 * stderr in its own words: try the path first. */
		FILE *f = fopen(path, "wb");

		if (!f || fclose(f) != 0)
			rc = styr_error(err, STYR_EIO, "%s: cannot write: %s", path,
			                strerror(errno));
		else
			rc = doc_render_xlsx(&r->doc, path, err);
	} else if (!rc) {
		rc = render(r, &out, err);
	}
	if (!rc && req->format != STYR_FORMAT_XLSX)
		rc = write_buf(path, &out, err);
	if (!rc && req->png_dir)
		rc = write_pngs(&r->doc, req->png_dir, err);
	styr_buf_release(&out);
	if (r)
		rep_free(r);
	return rc;
}
