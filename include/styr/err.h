/*
 * Errors in styr travel as an integer code plus a human message in a
 * struct styr_err owned by the caller.  The code says what kind of failure
 * it was (and so which HTTP status or exit code a front-end gives); the
 * message says what went wrong in the user's terms, naming the file, line
 * and field, and what was expected.
 *
 * The first error set wins: a later styr_error() on the same struct keeps
 * the original cause.  styr_err_prefix() adds context ("bad.csv:2: ") to the
 * message already there, so low-level parsers need not know where their
 * input came from.  Messages are lowercase and carry no trailing newline.
 *
 * Ownership: a struct styr_err is plain memory of the caller's; nothing in
 * it needs freeing.
 */
#ifndef STYR_ERR_H
#define STYR_ERR_H

#include <stdarg.h>

/* Add-only: never renumber, new codes go at the end. */
enum styr_code {
	STYR_OK = 0,
	STYR_EINPUT = 1,    /* bad input from a file or a request */
	STYR_ENOTFOUND = 2, /* a named thing does not exist */
	STYR_ELOCKED = 3,   /* the period is locked */
	STYR_EPERM = 4,     /* not allowed */
	STYR_ESTORE = 5,    /* the database failed */
	STYR_ENOMEM = 6,    /* out of memory */
	STYR_EIO = 7,       /* reading or writing a file failed */
	STYR_ETOOBIG = 8,   /* a size limit was reached */
	STYR_EUSAGE = 9,    /* wrong command-line usage */
	STYR_ECONFLICT = 10 /* the thing exists already or changed meanwhile */
};

#define STYR_ERR_MAX 1024

struct styr_err {
	enum styr_code code;
	char msg[STYR_ERR_MAX];
};

void styr_err_init(struct styr_err *err);

/* Record an error unless one is recorded already; returns the recorded code
 * so that "return styr_error(err, ...)" reads well.  err may be NULL. */
int styr_error(struct styr_err *err, enum styr_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put context in front of the message already recorded. */
void styr_err_prefix(struct styr_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A short English name of the code: "bad input", "not found", ... */
const char *styr_strerror(enum styr_code code);

#endif
