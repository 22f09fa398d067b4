/*
 * The event engine (issue 18): care events at the level of single rows
 * (waiting-list entries, outpatient visits, emergency-department visits,
 * inpatient episodes, operations, the daily bed census) read from CSV
 * files, and the indicators and production figures computed from them per
 * unit and month (docs/indicators.md).  Loading checks every row and
 * records each file with its sha256 (table event_file); computing reads
 * the recorded files again, refusing one whose content changed, and gives
 * the values, which the caller writes through the normal value path
 * (styr_values_write in access.h).  The column mapping (docs/formats.md)
 * lets an export with other column names, time formats and codes load
 * unchanged.
 *
 * Ownership: a struct styr_events_result is the caller's; fill it with
 * styr_events_compute and free what it holds with
 * styr_events_result_release.  The bad-row callback's row is borrowed for
 * the call.  Paths are borrowed.
 */
#ifndef STYR_EVENTS_H
#define STYR_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "model_events.h"

/* The rule version written into each value's source: change it whenever a
 * definition in docs/indicators.md changes. */
#define STYR_EVENTS_RULE "händelseregler 1"

enum styr_event_kind {
	STYR_EV_WAITLIST = 0,
	STYR_EV_VISITS,
	STYR_EV_ED,
	STYR_EV_INPATIENT,
	STYR_EV_OPERATIONS,
	STYR_EV_CENSUS,
	STYR_EV_DRG,
	STYR_EV_PATIENTS,
	STYR_EV_KINDS
};

const char *styr_event_kind_name(enum styr_event_kind k);

/* A row that was refused: file, line (1 = header), field and why. */
struct styr_event_bad {
	const char *file;
	long line;
	const char *field;
	const char *reason;
};

struct styr_events_load_opts {
	const char *mapping; /* NULL: canonical files named by kind */
	bool skip_bad;       /* load the good rows, report the bad ones */
	/* called for every bad row (may be NULL) */
	void (*bad)(void *ctx, const struct styr_event_bad *b);
	void *ctx;
};

/* Check and record the files (directories: every file in them that the
 * mapping or the canonical names know).  With bad rows and !skip_bad,
 * nothing is recorded and STYR_EINPUT is returned naming the first one;
 * *nbad counts them either way.  One transaction. */
int styr_events_load(struct styr_db *db, const char *const *paths, size_t n,
                     const struct styr_events_load_opts *o, int64_t *rows, int64_t *nbad,
                     struct styr_err *err);

struct styr_events_result {
	struct styr_value *v;
	size_t n, cap;
	struct styr_event_run run;
	int64_t events; /* rows read */
};

struct styr_events_compute_opts {
	int year;
	const char *unit;              /* NULL: every unit */
	const char *const *indicators; /* NULL: all */
	size_t nindicators;
};

/* Compute the values of the year (its months and the year) from every
 * recorded file; registers the indicators the database lacks. */
int styr_events_compute(struct styr_db *db, const struct styr_events_compute_opts *o,
                        struct styr_events_result *out, struct styr_err *err);
void styr_events_result_release(struct styr_events_result *r);
/* Inside the caller's transaction: add the indicators of the result the
 * database lacks (named and defined as in docs/indicators.md) and record
 * the run unless it is recorded. */
int styr_events_register(struct styr_db *db, const struct styr_events_result *r,
                         struct styr_err *err);

/* The same computation straight from files, without a database: units are
 * taken as they appear (no roll-up but to the unit "ALL"); for the
 * benchmark and for tests.  Values are written to out as CSV lines
 * "indicator;unit;period;numerator;denominator;value". */
int styr_events_compute_files(const char *const *paths, size_t n, const char *mapping, int year,
                              const char *out, struct styr_err *err);

/* Synthetic events: deterministic for a seed.  Writes org_units.csv and the
 * canonical files into dir. */
struct styr_events_gen_opts {
	int units;
	int first_year, years;
	uint64_t seed;
	int64_t events;     /* about; the census adds a row per clinic and day */
	const char *prefix; /* unit codes: PREFIX, PREFIX-AKM, PREFIX-K01 … ("GEN") */
	const char *parent; /* the hospital's parent in org_units.csv, or NULL */
};
int styr_events_generate(const char *dir, const struct styr_events_gen_opts *o, int64_t *written,
                         struct styr_err *err);

#endif
