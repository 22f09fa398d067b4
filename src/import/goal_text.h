/*
 * The uppdrag tables of a region's verksamhetsplan as a text extract leaves
 * them: "Mål och insatsområde | Delmål och uppdrag | Ansvarig
 * nämnd/styrelse" (seed 003, Uppföljningsplan 2024), under headings that
 * name the övergripande mål.  gt_parse() turns the text into one struct
 * gt_item per delmål or uppdrag, each with its insatsområde, heading, the
 * text of its responsible boards and its "Nytt uppdrag YYYY" flag.  It does
 * not know the store: whether a run of words names a board is asked of the
 * caller (board_at), because only the organisation knows its boards.
 *
 * Ownership: gt_parse() borrows text; out's array is the caller's, freed
 * with gt_result_release().
 */
#ifndef STYR_IMPORT_GOAL_TEXT_H
#define STYR_IMPORT_GOAL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "styr/err.h"

struct gt_item {
	int line;     /* first line of the delmål or uppdrag text */
	int heading;  /* index into the caller's headings */
	char io[512]; /* the insatsområde, "forts." removed */
	int io_line;
	char text[1024];   /* the delmål or uppdrag, flags and "Läs mer" removed */
	bool uppdrag;      /* marked "Nytt uppdrag YYYY" */
	int new_year;      /* YYYY of that mark, else 0 */
	char owners[1024]; /* "Ansvarig nämnd/styrelse" as printed, lines joined */
	int owners_line;
};

struct gt_problem {
	int line;
	char reason[256];
};

struct gt_result {
	struct gt_item *items;
	size_t nitems;
	struct gt_problem *problems;
	size_t nproblems;
};

/* board_at(ctx, s): the length of a board's name (or a group such as
 * "samtliga sjukhusstyrelser") that s starts with, 0 if none.  headings:
 * the övergripande mål as titled (matched to the table's capitalised
 * headings without regard to case); a capitalised line that is none of
 * them ends a table. */
int gt_parse(const char *text, size_t len, const char *const *headings, size_t nheadings,
             size_t (*board_at)(void *ctx, const char *s), void *ctx, struct gt_result *out,
             struct styr_err *err);
void gt_result_release(struct gt_result *r);

/* The vision and the övergripande mål as a plan states them before its
 * tables: a paragraph naming the vision ("Region Skånes vision, … är
 * Framtidstro och livskvalitet.") followed by one bullet per goal ("•
 * Bättre liv och hälsa för fler: Ett mål med …").  ngoals is 0 when the
 * text has no such passage. */
#define GT_GOALS_MAX 12

struct gt_overview {
	char vision[256];
	char vision_text[1024];
	int vision_line;
	struct {
		char title[256];
		char text[1024];
		int line;
	} goals[GT_GOALS_MAX];
	int ngoals;
};

void gt_parse_overview(const char *text, size_t len, struct gt_overview *out);

/* Compare a and the first n bytes of b (or all of b, if shorter) ignoring
 * case, Swedish letters included; 0 when equal. */
int gt_casecmp(const char *a, const char *b, size_t n);

#endif
