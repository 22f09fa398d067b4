/*
 * The things styr keeps: org units, goals, indicators (the
 * Indikatorbibliotek), targets and indicator values.  These are plain
 * structs with fixed-size text fields, so that a row can live on the stack,
 * be copied with '=', and never needs freeing; sizes are limits that the
 * importers check and report ("name longer than 255 bytes").
 *
 * Units, goals and indicators refer to each other by code (LKR, RS-OM1,
 * ID0069), as people and files do; the store maps codes to its own keys.
 *
 * Ownership: the structs own no heap memory.
 */
#ifndef STYR_MODEL_H
#define STYR_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "num.h"
#include "period.h"
#include "target.h"

#define STYR_CODE_MAX          32
#define STYR_NAME_MAX          256
#define STYR_TEXT_MAX          4096
#define STYR_DATE_MAX          11 /* "YYYY-MM-DD" */
#define STYR_REASON_MAX        128
#define STYR_SOURCE_MAX        256
#define STYR_TARGET_TEXT_MAX   64
#define STYR_VALUE_COMMENT_MAX 512

/* Levels of the organisation, top down. */
enum styr_org_kind {
	STYR_ORG_REGION = 0,
	STYR_ORG_NAMND,
	STYR_ORG_STYRELSE,
	STYR_ORG_FORVALTNING,
	STYR_ORG_VERKSAMHETSOMRADE,
	STYR_ORG_ENHET
};

struct styr_org_unit {
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
	enum styr_org_kind kind;
	char parent[STYR_CODE_MAX];     /* "" at the top */
	char valid_from[STYR_DATE_MAX]; /* "" when open */
	char valid_to[STYR_DATE_MAX];
};

/* Levels of the goal hierarchy, top down. */
enum styr_goal_level {
	STYR_GOAL_VISION = 0,
	STYR_GOAL_OVERGRIPANDE, /* övergripande mål */
	STYR_GOAL_STRATEGISKT,  /* strategiskt mål */
	STYR_GOAL_INSATSOMRADE, /* insatsområde */
	STYR_GOAL_DELMAL,       /* delmål */
	STYR_GOAL_UPPDRAG,      /* uppdrag */
	STYR_GOAL_MALSATTNING,  /* a unit's own målsättning */
	/* goals area (issue 7): seed 004's level between a strategic goal and
	 * its övergripande mål (säker, jämlik, tillgänglig … vård) */
	STYR_GOAL_KVALITETSDIMENSION
};

struct styr_goal {
	char code[STYR_CODE_MAX];
	char parent[STYR_CODE_MAX];
	enum styr_goal_level level;
	char title[STYR_TEXT_MAX / 4];
	char text[STYR_TEXT_MAX];
	int valid_from; /* year, 0 when open */
	int valid_to;
};

enum styr_owner_role { STYR_ROLE_HUVUDANSVAR = 0, STYR_ROLE_MEDANSVAR };

struct styr_goal_owner {
	char goal[STYR_CODE_MAX];
	char unit[STYR_CODE_MAX];
	enum styr_owner_role role;
};

/* What an indicator measures: quality (kvalitet: followed up against a
 * target, in the indicator tables and the traffic-light counts) or
 * production (produktion: vårdtillfällen, besök, operationer … counted, not
 * målsatt, shown only in the reports' Produktion section).  Zero, the
 * default of a cleared struct and of old files, is kvalitet. */
enum styr_indicator_category { STYR_IND_KVALITET = 0, STYR_IND_PRODUKTION };

struct styr_indicator {
	char code[STYR_CODE_MAX];
	char name[STYR_NAME_MAX];
	char definition[STYR_TEXT_MAX / 4];
	char unit[STYR_CODE_MAX]; /* "%", "antal", "per 100 vpl" */
	bool has_direction;       /* else taken from the target */
	enum styr_direction direction;
	char frequency[STYR_CODE_MAX];
	char source[STYR_SOURCE_MAX];
	double tolerance; /* < 0: the default band */
	enum styr_indicator_category category;
};

/* The target of an indicator for one year, for one unit or (unit "") for
 * all units that have none of their own. */
struct styr_indicator_target {
	char indicator[STYR_CODE_MAX];
	char unit[STYR_CODE_MAX];
	int year;
	char text[STYR_TARGET_TEXT_MAX]; /* as printed */
};

struct styr_value {
	char indicator[STYR_CODE_MAX];
	char unit[STYR_CODE_MAX];
	struct styr_period period;
	struct styr_num num;
	bool has_numerator;
	bool has_denominator;
	double numerator;
	double denominator;
	char missing_reason[STYR_REASON_MAX];
	char source[STYR_SOURCE_MAX]; /* "file:line" or "user at time" */
	/* What the person who entered it wants its reader to know; shown
	 * beside the value and as a note under a report's table.  A writer
	 * that knows nothing of comments (an older file, the event engine)
	 * leaves has_comment false, and storing keeps the comment stored;
	 * read values always have it. */
	bool has_comment;
	char comment[STYR_VALUE_COMMENT_MAX];
};

/* Names as in files: "region", "nämnd", ...; parse accepts them
 * case-insensitively and gives STYR_EINPUT naming the choices. */
const char *styr_org_kind_name(enum styr_org_kind k);
int styr_org_kind_parse(const char *text, enum styr_org_kind *out, struct styr_err *err);
const char *styr_goal_level_name(enum styr_goal_level l);
int styr_goal_level_parse(const char *text, enum styr_goal_level *out, struct styr_err *err);
const char *styr_owner_role_name(enum styr_owner_role r);
int styr_owner_role_parse(const char *text, enum styr_owner_role *out, struct styr_err *err);
/* "kvalitet", "produktion"; parse gives STYR_EINPUT "category \"x\": expected
 * ..." naming the choices. */
const char *styr_indicator_category_name(enum styr_indicator_category c);
int styr_indicator_category_parse(const char *text, enum styr_indicator_category *out,
                                  struct styr_err *err);

/* In goals[0..n), the nearest goal at level that code is under (code
 * itself included), or NULL: a unit's delmål under a region delmål under
 * an insatsområde still belongs to its övergripande mål.  Walks at most n
 * steps, so a cycle in bad data cannot hang it. */
const struct styr_goal *styr_goal_ancestor(const struct styr_goal *goals, size_t n,
                                           const char *code, enum styr_goal_level level);

/* A value for people: the number in sv-SE with "%" when the value was
 * given as a share or the indicator's unit is "%"; "x" when suppressed;
 * the missing reason (else "–") when missing. */
size_t styr_value_format(const struct styr_value *v, const struct styr_indicator *ind, char *buf,
                         size_t size);

/* Copy src into a fixed field of size n, refusing (STYR_EINPUT, naming
 * what) text that does not fit rather than cutting it. */
int styr_field_copy(char *dst, size_t n, const char *src, const char *what, struct styr_err *err);

/* What refers to a unit, an indicator or a goal, kind by kind, in the
 * order the store lists the kinds; kinds with no rows are left out.
 * what is a static English plural ("values", "units below it"). */
#define STYR_REFS_MAX 24
struct styr_refs {
	size_t n;
	struct styr_ref {
		const char *what;
		long long count;
	} kind[STYR_REFS_MAX];
};

#endif
