/*
 * Private to the event engine: the columns events are read into and the
 * pieces that fill and read them.  Every kind of event file becomes a set
 * of typed columns (int32 for units, dates, codes and counts, int64 for
 * times and hashed ids), so that computing walks flat arrays.
 *
 * Times are wall-clock seconds in Swedish local time counted as if it were
 * UTC (timegm of the printed fields); dates are days since 1970-01-01.
 * A missing time is EV_NONE64, a missing date or number EV_NONE32.
 */
#ifndef STYR_EVENTS_INT_H
#define STYR_EVENTS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "styr/events.h"

#define EV_NONE64     INT64_MIN
#define EV_NONE32     INT32_MIN
#define EV_ALIAS      -2
#define EV_MAX_FIELDS 10
#define EV_MAX_COLS   128

enum ev_type {
	EV_T_ID,      /* text, hashed; unique per kind */
	EV_T_PATIENT, /* text, hashed */
	EV_T_UNIT,    /* org unit code → unit index */
	EV_T_TIME,
	EV_T_DATE,
	EV_T_INT,
	EV_T_ENUM, /* one of the field's words → its index */
	EV_T_CODE  /* text interned into the DRG table */
};

struct ev_field {
	const char *name;
	enum ev_type type;
	bool required;
	const char *const *words; /* EV_T_ENUM: canonical values */
};

struct ev_kind_def {
	const char *name;
	const struct ev_field *fields;
	int nfields;
};

extern const struct ev_kind_def ev_kinds[STYR_EV_KINDS];

/* One kind's rows. */
struct ev_table {
	size_t n, cap;
	void *col[EV_MAX_FIELDS]; /* int32_t* or int64_t* by the field's type */
};

bool ev_wide(enum ev_type t);

/* The units events may name: with a database, its org tree; without,
 * the codes as they come under one root "ALL". */
struct ev_units {
	size_t n, cap, pcap;
	char (*code)[32];
	int32_t *parent; /* -1 at the top; EV_ALIAS - i for an alias of unit i */
	/* open addressing: code hash → index+1 */
	uint32_t *slot;
	size_t nslot;
	struct styr_db *db; /* NULL: any code is taken */
};

/* The DRG table: code → weight in thousandths. */
struct ev_drg {
	size_t n, cap, wcap;
	char (*code)[16];
	int32_t *weight; /* EV_NONE32 until the weight table names it */
};

struct ev_data {
	struct ev_table t[STYR_EV_KINDS];
	struct ev_units units;
	struct ev_drg drg;
	int64_t rows;
};

/* A column mapping (mapping.c). */
struct ev_map_col {
	char field[24];
	char src[64];   /* a column name, or "" with konst set */
	char minus[64]; /* "a - b": the column subtracted, or "" */
	char konst[64];
	bool is_const;
};

struct ev_map_code {
	char field[24];
	char from[64];
	char to[32];
};

struct ev_map_section {
	int kind;
	char file[128]; /* fnmatch pattern on the file's base name */
	char sep;
	char time_format[64]; /* "" : ISO 8601 */
	char date_format[64];
	char require[64]; /* rows where this column is empty are not events */
	struct ev_map_col cols[EV_MAX_FIELDS];
	int ncols;
	struct ev_map_code *codes;
	size_t ncodes, capcodes;
};

struct ev_map {
	struct ev_map_section *s;
	size_t n;
	char path[1024];
	char sha256[65];
};

int ev_map_read(const char *path, struct ev_map *m, struct styr_err *err);
void ev_map_release(struct ev_map *m);
/* Sections that apply to a file, by base name; for no mapping the
 * canonical name gives one built-in section.  Returns the count. */
size_t ev_map_match(const struct ev_map *m, const char *path, const struct ev_map_section **out,
                    size_t max, struct ev_map_section *scratch);
const struct ev_map_section *ev_map_canonical(const char *path, struct ev_map_section *out);
/* The code a value maps to for a field, or NULL when the list has none. */
const char *ev_map_code(const struct ev_map_section *s, const char *field, const char *from,
                        bool *has_list);

/* time.c */
int ev_parse_time(const char *s, const char *fmt, int64_t *out);
int ev_parse_date(const char *s, const char *fmt, int32_t *out);
uint64_t ev_hash(const char *s, size_t n);

/* read.c: read one file through a section into data; bad rows go to cb.
 * With skip_bad the bad rows are left out; without, reading goes on to
 * count them but the caller refuses. */
struct ev_read {
	const struct styr_events_load_opts *o;
	int64_t bad;
	int64_t rows;
	int64_t filtered;
	struct styr_err *err;
	char first_bad[STYR_ERR_MAX];
	/* load: where each row came from, for duplicate ids */
	bool track;
	int file_no;
	long line;
	const char *const *files;
	int64_t *where[STYR_EV_KINDS];
	size_t nwhere[STYR_EV_KINDS], wcap[STYR_EV_KINDS];
};
void ev_read_release(struct ev_read *r);
int ev_read_file(struct ev_data *d, const char *path, const struct ev_map_section *s,
                 struct ev_read *r);
int ev_data_init(struct ev_data *d, struct styr_db *db, struct styr_err *err);
void ev_data_release(struct ev_data *d);
/* Duplicate ids within each kind; reported as bad rows without a line. */
int ev_check_duplicates(struct ev_data *d, struct ev_read *r);
int ev_units_find(struct ev_units *u, const char *code, size_t len, int32_t *out,
                  struct styr_err *err);

/* compute.c */
struct ev_out {
	const char *code;
	const char *name;
	const char *unit;
	const char *definition;
	int category;
};
extern const struct ev_out ev_rules[];
extern const size_t ev_nrules;

struct ev_sel {
	int year;
	int32_t unit; /* -1: all */
	const char *const *indicators;
	size_t nindicators;
};
int ev_compute(const struct ev_data *d, const struct ev_sel *sel,
               int (*emit)(void *ctx, const struct styr_value *v), void *ctx, struct styr_err *err);

#endif
