/*
 * Tables of names for the model's enumerations (org kinds, goal levels,
 * escalation steps, report kinds …): one table per enumeration, so a new
 * value is one line and a parse error lists exactly the choices the table
 * has.  Private to src/model.
 */
#ifndef STYR_MODEL_NAMES_H
#define STYR_MODEL_NAMES_H

#include <stddef.h>

#include "styr/err.h"

struct name_entry {
	int value;
	const char *name;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The name of value in t, or "?". */
const char *name_of(const struct name_entry *t, size_t n, int value);

/* Find text in t (case-insensitive for ASCII; Swedish letters as written),
 * else STYR_EINPUT: WHAT "TEXT": expected "a", "b" or "c". */
int parse_name(const struct name_entry *t, size_t n, const char *text, int *out, const char *what,
               struct styr_err *err);

#endif
