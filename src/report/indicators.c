/*
 * The indicator report: a unit's indicators for a year, grouped by the
 * goals they follow up, each with its target and the values of the year and
 * the two before it — the tables of an annual report such as Landskrona's
 * årsredovisning.  Goals come in the order they were stored (the order of
 * the plan), each under its parent goal; indicators linked to no goal come
 * last, so nothing with a value is left out.  Production figures (category
 * produktion) are counted, not målsatt: they belong to the reports'
 * Produktion section and are neither rows nor counted here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "styr/buf.h"
#include "styr/calc.h"
#include "styr/report.h"

#define YEARS 3

struct link {
	char goal[STYR_CODE_MAX];
	char indicator[STYR_CODE_MAX];
};

/* Everything the report needs, read from the store once. */
struct gather {
	struct styr_goal *goals;
	size_t ngoals, goals_cap;
	struct link *links;
	size_t nlinks, links_cap;
	struct styr_err *err;
};

static int add_goal(void *ctx, const struct styr_goal *g)
{
	struct gather *ga = ctx;

	if (styr_array_grow((void **)&ga->goals, &ga->goals_cap, ga->ngoals, sizeof(*g), ga->err))
		return STYR_ENOMEM;
	ga->goals[ga->ngoals++] = *g;
	return 0;
}

static int add_link(void *ctx, const char *goal, const char *indicator)
{
	struct gather *ga = ctx;
	struct link *l;

	if (styr_array_grow((void **)&ga->links, &ga->links_cap, ga->nlinks, sizeof(*l), ga->err))
		return STYR_ENOMEM;
	l = &ga->links[ga->nlinks++];
	snprintf(l->goal, sizeof(l->goal), "%s", goal);
	snprintf(l->indicator, sizeof(l->indicator), "%s", indicator);
	return 0;
}

struct report {
	struct styr_db *db;
	struct doc doc;
	const char *unit;
	int year;
	size_t counts[STYR_STATUS_MISSING + 1];
	size_t rows;
	struct doc_notes notes; /* the comments of the table being built */
	struct styr_err *err;
};

/* One indicator's row; *shown tells whether the unit had any value. */
static int indicator_row(struct report *r, const char *code, bool *shown)
{
	struct styr_indicator ind;
	struct styr_value v[YEARS];
	struct styr_assessment a[YEARS];
	bool has[YEARS];
	const struct styr_indicator_target *target = NULL;
	struct styr_err local;
	char text[STYR_REASON_MAX];
	int i, rc;

	*shown = false;
	rc = styr_indicator_find(r->db, code, &ind, r->err);
	if (rc || ind.category == STYR_IND_PRODUKTION)
		return rc;
	for (i = 0; i < YEARS; i++) {
		struct styr_period p = {r->year - i, 1, 12};

		styr_err_init(&local);
		rc = styr_value_find(r->db, code, r->unit, &p, &v[i], &local);
		has[i] = rc == STYR_OK;
		if (rc && rc != STYR_ENOTFOUND)
			return styr_error(r->err, local.code, "%s", local.msg);
		if (has[i]) {
			rc = styr_value_assess(r->db, &ind, &v[i], &a[i], r->err);
			if (rc)
				return rc;
			*shown = true;
			if (!target && a[i].has_target && i == 0)
				target = &a[i].target;
		}
	}
	if (!*shown)
		return STYR_OK;
	if ((rc = doc_cell_text(&r->doc, ind.name, r->err)) ||
	    (rc = doc_cell_text(&r->doc, ind.code, r->err)) ||
	    (rc = doc_cell_text(&r->doc, target ? target->text : "–", r->err)))
		return rc;
	for (i = 0; i < YEARS; i++) {
		char year[8];

		if (!has[i]) {
			rc = doc_cell_text(&r->doc, "", r->err);
			if (rc)
				return rc;
			continue;
		}
		snprintf(year, sizeof(year), "%d", r->year - i);
		if (v[i].comment[0] &&
		    (rc = doc_note_comment(&r->notes, ind.name, year, v[i].comment, r->err)))
			return rc;
		styr_value_format(&v[i], &ind, text, sizeof(text));
		if (v[i].num.kind == STYR_NUM_VALUE) {
			rc = doc_cell_number(&r->doc, text, v[i].num.value, r->err);
			doc_cell_status(&r->doc, a[i].status);
		} else {
			rc = doc_cell_text(&r->doc, text, r->err);
		}
		if (rc)
			return rc;
	}
	if (has[0]) {
		r->counts[a[0].status]++;
		rc = doc_cell_text(&r->doc, styr_status_label(a[0].status), r->err);
		doc_cell_status(&r->doc, a[0].status);
		if (!rc)
			rc = doc_cell_text(&r->doc, styr_trend_label(a[0].trend), r->err);
		doc_cell_trend(&r->doc, a[0].trend);
	} else {
		r->counts[STYR_STATUS_MISSING]++;
		rc = doc_cell_text(&r->doc, styr_status_label(STYR_STATUS_MISSING), r->err);
		doc_cell_status(&r->doc, STYR_STATUS_MISSING);
		if (!rc)
			rc = doc_cell_text(&r->doc, "", r->err);
	}
	r->rows++;
	return rc;
}

static int start_table(struct report *r, const char *caption)
{
	char y[YEARS][8], status[32];
	const char *head[5 + YEARS];
	int i;

	for (i = 0; i < YEARS; i++)
		snprintf(y[i], sizeof(y[i]), "%d", r->year - i);
	snprintf(status, sizeof(status), "Status %d", r->year);
	head[0] = "Indikator";
	head[1] = "ID-nr";
	head[2] = "Mål";
	for (i = 0; i < YEARS; i++)
		head[3 + i] = y[i];
	head[3 + YEARS] = status;
	head[4 + YEARS] = "Trend";
	return doc_table(&r->doc, caption, head, 5 + YEARS, r->err);
}

/* Drop a section whose table got no rows (the unit has no values there);
 * a table that stays has its values' comments as notes under it. */
static int finish_section(struct report *r, size_t section_start)
{
	struct doc *d = &r->doc;
	bool empty = d->nblocks && d->blocks[d->nblocks - 1].kind == DOC_TABLE &&
	             d->blocks[d->nblocks - 1].table.nrows == 0;

	if (empty)
		doc_truncate(d, section_start);
	return doc_notes_flush(d, &r->notes, !empty, r->err);
}

static bool linked(const struct gather *ga, const char *indicator)
{
	size_t i;

	for (i = 0; i < ga->nlinks; i++)
		if (!strcmp(ga->links[i].indicator, indicator))
			return true;
	return false;
}

struct unlinked {
	struct report *r;
	const struct gather *ga;
	int rc;
};

static int unlinked_row(void *ctx, const struct styr_indicator *ind)
{
	struct unlinked *u = ctx;
	bool shown;

	if (linked(u->ga, ind->code))
		return 0;
	u->rc = indicator_row(u->r, ind->code, &shown);
	return u->rc;
}

static int build(struct report *r, struct gather *ga)
{
	const char *last_parent = NULL;
	struct unlinked u;
	size_t g, l, before;

	int rc;

	for (g = 0; g < ga->ngoals; g++) {
		const struct styr_goal *goal = &ga->goals[g];
		const struct styr_goal *top =
		    styr_goal_ancestor(ga->goals, ga->ngoals, goal->code, STYR_GOAL_OVERGRIPANDE);
		const char *parent = top && top != goal ? top->title : NULL;
		bool any = false;
		size_t heading_at = r->doc.nblocks;

		for (l = 0; l < ga->nlinks && !any; l++)
			any = !strcmp(ga->links[l].goal, goal->code);
		if (!any)
			continue;
		if (parent && parent != last_parent) {
			rc = doc_heading(&r->doc, 2, parent, r->err);
			if (rc)
				return rc;
		}
		rc = start_table(r, goal->title);
		for (l = 0; l < ga->nlinks && !rc; l++) {
			bool shown;

			if (!strcmp(ga->links[l].goal, goal->code))
				rc = indicator_row(r, ga->links[l].indicator, &shown);
		}
		if (rc || (rc = finish_section(r, heading_at)))
			return rc;
		if (r->doc.nblocks == heading_at)
			continue;
		if (parent)
			last_parent = parent;
	}
	before = r->doc.nblocks;
	rc = doc_heading(&r->doc, 2, "Övriga indikatorer", r->err);
	if (!rc)
		rc = start_table(r, "Indikatorer som inte är kopplade till något mål");
	if (rc)
		return rc;
	u.r = r;
	u.ga = ga;
	u.rc = 0;
	rc = styr_indicator_each(r->db, unlinked_row, &u, r->err);
	if (rc)
		return u.rc ? u.rc : rc;
	return finish_section(r, before);
}

/* The overview paragraph: how many indicators reach their targets. */
static int summary(struct report *r, const char *unit_name)
{
	char text[512];

	if (!r->rows)
		snprintf(text, sizeof(text), "%s har inga indikatorvärden för %d–%d.", unit_name,
		         r->year - YEARS + 1, r->year);
	else
		snprintf(text, sizeof(text),
		         "%zu indikatorer %d: %zu uppfyllda, %zu nära målet, %zu ej uppfyllda, "
		         "%zu saknar värde, %zu utan mål.",
		         r->rows, r->year, r->counts[STYR_STATUS_MET], r->counts[STYR_STATUS_NEAR],
		         r->counts[STYR_STATUS_NOT_MET], r->counts[STYR_STATUS_MISSING],
		         r->counts[STYR_STATUS_NO_TARGET]);
	return doc_paragraph(&r->doc, text, r->err);
}

/* Move the last block (the summary, written when the counts are known) to
 * just after the legend at index at. */
static void move_last_to(struct doc *d, size_t at)
{
	struct doc_block last = d->blocks[d->nblocks - 1];

	memmove(d->blocks + at + 1, d->blocks + at, (d->nblocks - 1 - at) * sizeof(last));
	d->blocks[at] = last;
}

int styr_report_indicators_html(struct styr_db *db, const char *unit, int year,
                                struct styr_buf *out, struct styr_err *err)
{
	struct styr_org_unit u;
	struct gather ga;
	struct report r;
	char subtitle[512];
	int rc;

	memset(&ga, 0, sizeof(ga));
	ga.err = err;
	rc = styr_org_find(db, unit, &u, err);
	if (rc)
		return rc;
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.unit = u.code;
	r.year = year;
	r.err = err;
	snprintf(subtitle, sizeof(subtitle), "%s · indikatorer %d med jämförelse %d–%d", u.name,
	         year, year - YEARS + 1, year - 1);
	rc = doc_init(&r.doc, "Måluppfyllelse – indikatorer", subtitle, err);
	if (!rc)
		rc = doc_paragraph(&r.doc,
		                   "Teckenförklaring: ✓ Uppfyllt · ◐ Nära målet · ✗ Ej uppfyllt · "
		                   "? Saknas · – Ej målsatt. Trend jämför med föregående år: ↑ "
		                   "bättre, → oförändrad, ↓ sämre.",
		                   err);
	if (!rc)
		rc = styr_goal_each(db, add_goal, &ga, err);
	if (!rc)
		rc = styr_goal_indicator_each(db, add_link, &ga, err);
	if (!rc)
		rc = build(&r, &ga);
	if (!rc)
		rc = summary(&r, u.name);
	if (!rc) {
		move_last_to(&r.doc, 1);
		rc = doc_seal(&r.doc, err);
	}
	if (!rc)
		rc = doc_render_html(&r.doc, out, err);
	doc_release(&r.doc);
	doc_notes_release(&r.notes);
	free(ga.goals);
	free(ga.links);
	return rc;
}
