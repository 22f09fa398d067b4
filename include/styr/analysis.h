/*
 * Analysis texts: what a unit writes about a subject for a period, in the
 * three questions Region Skåne's reports ask — "Vad har hänt? Varför har
 * det hänt? Vad kommer att hända?".  The subject is a goal's code (the
 * analysis then stands with that goal's indicators in a report) or a
 * section's name ("ekonomi", "produktion", "personal").  A text moves from
 * utkast to inlämnad to godkänd.
 *
 * Ownership: plain structs with fixed-size fields; nothing to free.
 */
#ifndef STYR_ANALYSIS_H
#define STYR_ANALYSIS_H

#include "model.h"

enum styr_analysis_state {
	STYR_ANALYSIS_DRAFT = 0, /* utkast */
	STYR_ANALYSIS_SUBMITTED, /* inlämnad */
	STYR_ANALYSIS_APPROVED   /* godkänd */
};

struct styr_analysis {
	char unit[STYR_CODE_MAX];
	struct styr_period period;
	char subject[STYR_CODE_MAX];
	char title[STYR_NAME_MAX]; /* "Attraktiv arbetsplats"; may be "" */
	char what[STYR_TEXT_MAX];  /* Vad har hänt? */
	char why[STYR_TEXT_MAX];   /* Varför har det hänt? */
	char next[STYR_TEXT_MAX];  /* Vad kommer att hända? */
	enum styr_analysis_state state;
	char author[STYR_NAME_MAX];
	char source[STYR_SOURCE_MAX];
};

struct styr_analysis_filter {
	const char *unit;    /* NULL: all */
	int year;            /* 0: all */
	const char *subject; /* NULL: all */
};

/* "utkast", "inlämnad", "godkänd"; parse gives STYR_EINPUT naming them. */
const char *styr_analysis_state_name(enum styr_analysis_state s);
int styr_analysis_state_parse(const char *text, enum styr_analysis_state *out,
                              struct styr_err *err);

#endif
