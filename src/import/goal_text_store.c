/*
 * Storing the uppdrag tables that goal_text.c reads: each row becomes a
 * delmål or uppdrag under its insatsområde, under the övergripande mål its
 * table is headed by, with the boards of its third column as owners and an
 * uppdrag record so that it can be reported on and escalated.
 *
 * The boards are printed as people write them: full names in any case
 * ("primärvårdsnämnden"), names broken over lines, groups ("samtliga
 * sjukhusstyrelser", "Samtliga styrelser och nämnder"), a list under one
 * noun ("sjukhusstyrelserna Sus, Ystad, Helsingborg och Kristianstad"), a
 * unit in brackets after its board ("regionstyrelsen (PDV)"), and the
 * main responsibility as "(huvudansvar)" or "är huvudansvarig".  They are
 * matched against the organisation's names, aliases and codes, longest
 * first; a name that matches nothing is reported with its line, never
 * guessed at.  Where one board is marked huvudansvar the others are
 * medansvar; where none is, each board named is responsible for its own
 * part, so each gets huvudansvar.
 *
 * Codes are made from the övergripande mål's: RS-OM2-I3 for its third
 * insatsområde, RS-OM2-I3-2 for that one's second row, so that importing
 * the same text again gives the same codes and replaces the same goals.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/goal_text.h"
#include "styr/buf.h"
#include "styr/goals.h"
#include "styr/import.h"

#define GOAL_TEXT_MAX ((size_t)64 << 20)

enum board_kind { BOARD_ONE, BOARD_ALL_HOSPITALS, BOARD_ALL, BOARD_HOSPITAL_LIST };

struct board {
	char phrase[STYR_NAME_MAX];
	char code[STYR_CODE_MAX];
	enum board_kind kind;
};

struct boards {
	struct board *v;
	size_t n, cap;
	struct styr_org_unit *units;
	size_t nunits, units_cap;
	struct styr_err *err;
};

static int board_add(struct boards *b, const char *phrase, const char *code, enum board_kind kind)
{
	if (styr_array_grow((void **)&b->v, &b->cap, b->n, sizeof(*b->v), b->err))
		return STYR_ENOMEM;
	snprintf(b->v[b->n].phrase, sizeof(b->v[b->n].phrase), "%s", phrase);
	snprintf(b->v[b->n].code, sizeof(b->v[b->n].code), "%s", code);
	b->v[b->n].kind = kind;
	b->n++;
	return 0;
}

static int unit_seen(void *ctx, const struct styr_org_unit *u)
{
	struct boards *b = ctx;

	/* The region is not a board that is given uppdrag, and its name
	 * ("Region Skåne ska vara ledande …") starts rows of text. */
	if (u->kind == STYR_ORG_REGION)
		return 0;
	if (styr_array_grow((void **)&b->units, &b->units_cap, b->nunits, sizeof(*b->units),
	                    b->err))
		return STYR_ENOMEM;
	b->units[b->nunits++] = *u;
	return board_add(b, u->name, u->code, BOARD_ONE) ||
	       board_add(b, u->code, u->code, BOARD_ONE);
}

static int alias_seen(void *ctx, const char *alias, const char *unit)
{
	return board_add(ctx, alias, unit, BOARD_ONE);
}

static bool word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* The board whose phrase s starts with, longest first; NULL if none. */
static const struct board *board_match(const struct boards *b, const char *s, size_t *len)
{
	const struct board *best = NULL;
	size_t i, bestn = 0;

	for (i = 0; i < b->n; i++) {
		size_t n = strlen(b->v[i].phrase);

		if (n > bestn && strnlen(s, n) == n && !gt_casecmp(b->v[i].phrase, s, n) &&
		    !word_char((unsigned char)s[n])) {
			best = &b->v[i];
			bestn = n;
		}
	}
	*len = bestn;
	return best;
}

static size_t board_at(void *ctx, const char *s)
{
	size_t n;

	return board_match(ctx, s, &n) ? n : 0;
}

static bool hospital(const struct styr_org_unit *u)
{
	return u->kind == STYR_ORG_STYRELSE && !strncmp(u->name, "Sjukhusstyrelse ", 16);
}

/* The owners of one row as they are resolved. */
struct owner_list {
	struct styr_goal_owner v[64];
	int n;
	bool marked; /* some board is marked huvudansvar */
};

static void owner_add(struct owner_list *o, const char *unit)
{
	int i;

	for (i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].unit, unit))
			return;
	if (o->n == 64)
		return;
	memset(&o->v[o->n], 0, sizeof(o->v[o->n]));
	snprintf(o->v[o->n].unit, sizeof(o->v[o->n].unit), "%s", unit);
	o->v[o->n].role = STYR_ROLE_MEDANSVAR;
	o->n++;
}

static void mark_last(struct owner_list *o)
{
	if (o->n) {
		o->v[o->n - 1].role = STYR_ROLE_HUVUDANSVAR;
		o->marked = true;
	}
}

struct run {
	struct styr_db *db;
	const char *path;
	struct boards boards;
	struct styr_goal_text_result *out;
	struct styr_err *err;
};

static int skip_row(struct run *r, int line, const char *reason)
{
	struct styr_skipped_row *v =
	    realloc(r->out->skipped, (r->out->nskipped + 1) * sizeof(*r->out->skipped));

	if (!v)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	r->out->skipped = v;
	v[r->out->nskipped].line = line;
	snprintf(v[r->out->nskipped].reason, sizeof(v->reason), "%s", reason);
	r->out->nskipped++;
	return STYR_OK;
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "sjukhusstyrelserna Sus, Ystad och Kristianstad": the towns after it. */
static const char *hospital_list(struct run *r, const char *s, struct owner_list *o)
{
	for (;;) {
		const char *p = s, *w;
		char name[STYR_NAME_MAX];
		size_t i;
		bool found = false;

		while (*p == ' ' || *p == ',')
			p++;
		if (starts(p, "och "))
			p += 4;
		w = p;
		while (*w && word_char((unsigned char)*w))
			w++;
		snprintf(name, sizeof(name), "Sjukhusstyrelse %.*s", (int)(w - p), p);
		for (i = 0; i < r->boards.nunits && w > p; i++)
			if (hospital(&r->boards.units[i]) &&
			    !gt_casecmp(r->boards.units[i].name, name, strlen(name))) {
				owner_add(o, r->boards.units[i].code);
				found = true;
			}
		if (!found)
			return s;
		s = w;
	}
}

static int resolve_owners(struct run *r, const struct gt_item *it, struct owner_list *o)
{
	const char *s = it->owners;
	size_t i;
	int rc;

	memset(o, 0, sizeof(*o));
	while (*s) {
		const struct board *b;
		size_t n;

		if (*s == ' ' || *s == ',' || *s == '.') {
			s++;
			continue;
		}
		if (starts(s, "och ")) {
			s += 4;
			continue;
		}
		if (starts(s, "(huvudansvar)")) {
			mark_last(o);
			s += 13;
			continue;
		}
		if (starts(s, "är huvudansvarig")) {
			mark_last(o);
			s += strlen("är huvudansvarig");
			continue;
		}
		if (starts(s, "arbetet ska bedrivas med")) {
			s += strlen("arbetet ska bedrivas med");
			continue;
		}
		b = board_match(&r->boards, s, &n);
		if (!b) {
			char reason[256];
			size_t len = strcspn(s, ",");

			snprintf(reason, sizeof(reason),
			         "board \"%.*s\": not a nämnd or styrelse of the organisation; the "
			         "row at line %d is stored without it",
			         (int)(len > 120 ? 120 : len), s, it->line);
			rc = skip_row(r, it->owners_line, reason);
			if (rc)
				return rc;
			s += len;
			continue;
		}
		s += n;
		switch (b->kind) {
		case BOARD_ALL_HOSPITALS:
		case BOARD_ALL:
			for (i = 0; i < r->boards.nunits; i++) {
				const struct styr_org_unit *u = &r->boards.units[i];

				if (b->kind == BOARD_ALL_HOSPITALS
				        ? hospital(u)
				        : u->kind == STYR_ORG_NAMND || u->kind == STYR_ORG_STYRELSE)
					owner_add(o, u->code);
			}
			break;
		case BOARD_HOSPITAL_LIST:
			s = hospital_list(r, s, o);
			break;
		case BOARD_ONE: {
			/* "regionstyrelsen (PDV)": the unit in brackets is meant */
			const char *p = s;
			const struct board *inner;
			size_t m;

			while (*p == ' ')
				p++;
			if (*p == '(' && !starts(p, "(huvudansvar)") &&
			    (inner = board_match(&r->boards, p + 1, &m)) != NULL &&
			    p[1 + m] == ')') {
				owner_add(o, inner->code);
				s = p + m + 2;
			} else {
				owner_add(o, b->code);
			}
			break;
		}
		}
	}
	if (!o->marked)
		for (i = 0; i < (size_t)o->n; i++)
			o->v[i].role = STYR_ROLE_HUVUDANSVAR;
	return STYR_OK;
}

/* "Säker hälso- och sjukvård." → without the full stop. */
static void drop_stop(char *s)
{
	size_t n = strlen(s);

	if (n > 1 && s[n - 1] == '.' && s[n - 2] != '.')
		s[n - 1] = '\0';
}

struct om {
	char code[STYR_CODE_MAX];
	char title[STYR_TEXT_MAX / 4];
	int nio;
	/* insatsområden made so far under it: title and code */
	char (*io_title)[512];
	char (*io_code)[STYR_CODE_MAX];
	int *io_rows;
};

struct oms {
	struct om *v;
	size_t n;
	struct styr_err *err;
};

static int om_seen(void *ctx, const struct styr_goal *g)
{
	struct oms *l = ctx;
	struct om *v;

	if (g->level != STYR_GOAL_OVERGRIPANDE)
		return 0;
	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return styr_error(l->err, STYR_ENOMEM, "out of memory");
	l->v = v;
	memset(&v[l->n], 0, sizeof(v[l->n]));
	snprintf(v[l->n].code, sizeof(v[l->n].code), "%s", g->code);
	snprintf(v[l->n].title, sizeof(v[l->n].title), "%s", g->title);
	l->n++;
	return 0;
}

static void oms_release(struct oms *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].io_title);
		free(l->v[i].io_code);
		free(l->v[i].io_rows);
	}
	free(l->v);
}

/* The code of the insatsområde titled io under om, stored when new. */
static int io_goal(struct run *r, struct om *om, const char *io, int line, char *code, int *row_no)
{
	struct styr_goal *g;
	int i, rc;

	for (i = 0; i < om->nio; i++)
		if (!gt_casecmp(om->io_title[i], io, strlen(io)) &&
		    strlen(om->io_title[i]) == strlen(io)) {
			snprintf(code, STYR_CODE_MAX, "%s", om->io_code[i]);
			*row_no = ++om->io_rows[i];
			return STYR_OK;
		}
	{
		void *t = realloc(om->io_title, (size_t)(om->nio + 1) * sizeof(*om->io_title));
		void *c =
		    t ? realloc(om->io_code, (size_t)(om->nio + 1) * sizeof(*om->io_code)) : NULL;
		void *n =
		    c ? realloc(om->io_rows, (size_t)(om->nio + 1) * sizeof(*om->io_rows)) : NULL;

		if (t)
			om->io_title = t;
		if (c)
			om->io_code = c;
		if (n)
			om->io_rows = n;
		if (!t || !c || !n)
			return styr_error(r->err, STYR_ENOMEM, "out of memory");
	}
	{
		char tmp[STYR_CODE_MAX + 16];

		snprintf(tmp, sizeof(tmp), "%s-I%d", om->code, om->nio + 1);
		rc = styr_field_copy(om->io_code[om->nio], STYR_CODE_MAX, tmp, "the code", r->err);
		if (rc)
			return rc;
	}
	snprintf(om->io_title[om->nio], 512, "%s", io);
	om->io_rows[om->nio] = 1;
	snprintf(code, STYR_CODE_MAX, "%s", om->io_code[om->nio]);
	*row_no = 1;
	om->nio++;
	g = calloc(1, sizeof(*g));
	if (!g)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	snprintf(g->code, sizeof(g->code), "%s", code);
	snprintf(g->parent, sizeof(g->parent), "%s", om->code);
	g->level = STYR_GOAL_INSATSOMRADE;
	rc = styr_field_copy(g->title, sizeof(g->title), io, "the insatsområde", r->err);
	if (!rc) {
		drop_stop(g->title);
		snprintf(g->text, sizeof(g->text), "%s:%d", r->path, line);
		rc = styr_goal_put(r->db, g, r->err);
	}
	free(g);
	if (!rc)
		r->out->insatsomraden++;
	return rc;
}

static int store_item(struct run *r, struct oms *oms, const struct gt_item *it, int year)
{
	struct owner_list *o;
	struct styr_goal *g;
	struct styr_uppdrag u;
	char io[STYR_CODE_MAX];
	int row_no, i, rc;

	if (it->heading < 0 || !it->io[0])
		return skip_row(r, it->line, "a row outside any övergripande mål or insatsområde");
	rc = io_goal(r, &oms->v[it->heading], it->io, it->io_line, io, &row_no);
	if (rc)
		return rc;
	g = calloc(1, sizeof(*g));
	o = calloc(1, sizeof(*o));
	if (!g || !o) {
		free(g);
		free(o);
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	}
	{
		char tmp[STYR_CODE_MAX + 16];

		snprintf(tmp, sizeof(tmp), "%s-%d", io, row_no);
		rc = styr_field_copy(g->code, sizeof(g->code), tmp, "the code", r->err);
	}
	snprintf(g->parent, sizeof(g->parent), "%s", io);
	g->level = it->uppdrag ? STYR_GOAL_UPPDRAG : STYR_GOAL_DELMAL;
	g->valid_from = it->new_year;
	snprintf(g->title, sizeof(g->title), "%s", it->text);
	drop_stop(g->title);
	if (it->new_year)
		snprintf(g->text, sizeof(g->text), "Nytt uppdrag %d. %s:%d", it->new_year, r->path,
		         it->line);
	else
		snprintf(g->text, sizeof(g->text), "%s:%d", r->path, it->line);
	if (!rc)
		rc = styr_goal_put(r->db, g, r->err);
	if (!rc)
		rc = resolve_owners(r, it, o);
	for (i = 0; !rc && i < o->n; i++) {
		snprintf(o->v[i].goal, sizeof(o->v[i].goal), "%s", g->code);
		rc = styr_goal_owner_put(r->db, &o->v[i], r->err);
		r->out->owners++;
		r->out->huvudansvar += o->v[i].role == STYR_ROLE_HUVUDANSVAR;
	}
	if (!rc) {
		memset(&u, 0, sizeof(u));
		snprintf(u.goal, sizeof(u.goal), "%s", g->code);
		rc = styr_uppdrag_put(r->db, &u, r->err);
	}
	if (!rc) {
		if (it->uppdrag)
			r->out->uppdrag++;
		else
			r->out->delmal++;
		r->out->new_this_year += it->new_year == year;
		r->out->marked_huvudansvar += o->marked;
	}
	if (rc)
		styr_err_prefix(r->err, "%s:%d: ", r->path, it->line);
	free(g);
	free(o);
	return rc;
}

static int first_region(void *ctx, const struct styr_org_unit *u)
{
	if (u->kind != STYR_ORG_REGION)
		return 0;
	snprintf(ctx, STYR_CODE_MAX, "%s", u->code);
	return -1; /* found: stop the walk (no error code is negative) */
}

/* The vision and övergripande mål the text states before its tables, as
 * goals REGION-VISION and REGION-OM1… of the organisation's region. */
static int store_overview(struct run *r, const struct gt_overview *ov)
{
	char region[STYR_CODE_MAX] = "", vision[STYR_CODE_MAX];
	struct styr_goal *g;
	int i, rc;

	if (!ov->ngoals || !ov->vision[0])
		return STYR_OK;
	rc = styr_org_each(r->db, first_region, region, r->err);
	if (rc > 0)
		return rc;
	if (!region[0])
		return styr_error(
		    r->err, STYR_ENOTFOUND,
		    "%s:%d: the text states a vision, but the organisation has no unit "
		    "of kind region to own it",
		    r->path, ov->vision_line);
	g = calloc(1, sizeof(*g));
	if (!g)
		return styr_error(r->err, STYR_ENOMEM, "out of memory");
	snprintf(g->code, sizeof(g->code), "%.20s-VISION", region);
	g->level = STYR_GOAL_VISION;
	snprintf(g->title, sizeof(g->title), "%s", ov->vision);
	snprintf(g->text, sizeof(g->text), "%s", ov->vision_text);
	rc = styr_goal_put(r->db, g, r->err);
	if (!rc)
		r->out->visions++;
	memcpy(vision, g->code, sizeof(vision));
	for (i = 0; !rc && i < ov->ngoals; i++) {
		memset(g, 0, sizeof(*g));
		snprintf(g->code, sizeof(g->code), "%.20s-OM%u", region, (unsigned char)(i + 1));
		memcpy(g->parent, vision, sizeof(vision));
		g->level = STYR_GOAL_OVERGRIPANDE;
		snprintf(g->title, sizeof(g->title), "%s", ov->goals[i].title);
		snprintf(g->text, sizeof(g->text), "%s", ov->goals[i].text);
		rc = styr_goal_put(r->db, g, r->err);
		if (!rc)
			r->out->overgripande++;
		else
			styr_err_prefix(r->err, "%s:%d: ", r->path, ov->goals[i].line);
	}
	free(g);
	return rc;
}

int styr_import_goal_text(struct styr_db *db, const char *path, int year,
                          struct styr_goal_text_result *out, struct styr_err *err)
{
	struct run r;
	struct oms oms = {NULL, 0, err};
	struct gt_result res;
	struct gt_overview *ov = NULL;
	const char **titles = NULL;
	char *text = NULL;
	size_t len, i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&res, 0, sizeof(res));
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.path = path;
	r.out = out;
	r.err = err;
	r.boards.err = err;
	rc = styr_file_read_text(path, GOAL_TEXT_MAX, &text, &len, err);
	if (!rc && !(ov = malloc(sizeof(*ov))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	if (!rc)
		gt_parse_overview(text, len, ov);
	if (!rc)
		rc = styr_db_begin(db, err);
	if (rc)
		goto done;
	/* Everything below is one transaction: the overview's goals are what
	 * the tables hang under. */
	rc = store_overview(&r, ov);
	if (!rc)
		rc = styr_goal_each(db, om_seen, &oms, err);
	if (!rc && !oms.n)
		rc = styr_error(err, STYR_ENOTFOUND,
		                "%s: no övergripande mål in the text or the database: import the "
		                "goals the tables are headed by first (level \"övergripande mål\")",
		                path);
	if (!rc && !(titles = calloc(oms.n, sizeof(*titles))))
		rc = styr_error(err, STYR_ENOMEM, "out of memory");
	for (i = 0; !rc && i < oms.n; i++)
		titles[i] = oms.v[i].title;
	if (!rc)
		rc = styr_org_each(db, unit_seen, &r.boards, err);
	if (!rc)
		rc = styr_org_alias_each(db, alias_seen, &r.boards, err);
	if (!rc)
		rc = board_add(&r.boards, "samtliga sjukhusstyrelser", "", BOARD_ALL_HOSPITALS) ||
		     board_add(&r.boards, "samtliga styrelser och nämnder", "", BOARD_ALL) ||
		     board_add(&r.boards, "samtliga styrelse och nämnder", "", BOARD_ALL) ||
		     board_add(&r.boards, "sjukhusstyrelserna", "", BOARD_HOSPITAL_LIST);
	if (!rc) {
		rc = gt_parse(text, len, titles, oms.n, board_at, &r.boards, &res, err);
		if (rc)
			styr_err_prefix(err, "%s: ", path);
	}
	for (i = 0; !rc && i < res.nproblems; i++)
		rc = skip_row(&r, res.problems[i].line, res.problems[i].reason);
	for (i = 0; !rc && i < res.nitems; i++)
		rc = store_item(&r, &oms, &res.items[i], year);
	if (rc)
		styr_db_rollback(db);
	else
		rc = styr_db_commit(db, err);
done:
	free(text);
	free(ov);
	free(titles);
	free(r.boards.v);
	free(r.boards.units);
	oms_release(&oms);
	gt_result_release(&res);
	if (rc) {
		free(out->skipped);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

void styr_goal_text_result_release(struct styr_goal_text_result *r)
{
	free(r->skipped);
	memset(r, 0, sizeof(*r));
}
