/*
 * The records of the event engine: the files loaded and the computations
 * run (see events.h).
 *
 * Type-only: the store reads and writes these records (db.h), the
 * library computes with them; neither depends on the other through here.
 */
#ifndef STYR_MODEL_EVENTS_H
#define STYR_MODEL_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/* One loaded file as recorded in the database. */
struct styr_event_file {
	char kind[16];
	char path[1024]; /* absolute */
	char sha256[65];
	char mapping[1024]; /* absolute, "" for the canonical columns */
	char mapping_sha256[65];
	int64_t rows;    /* events taken */
	int64_t skipped; /* bad rows left out (--skip-bad) */
	bool skip_bad;
	char loaded_at[32]; /* UTC, ISO 8601 */
};

/* A computation: the set of files (their hashes) and the rule. */
struct styr_event_run {
	char id[17]; /* the first 16 hex digits of the sha256 of rule and files */
	char rule[64];
	char files[4096]; /* "kind path sha256" lines */
	char computed_at[32];
};

#endif
