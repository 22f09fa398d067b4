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
 * Messages are written in English (the CLI's and the API's language).  A
 * struct styr_err initialised for Swedish (the web's pages) also gets
 * each message in the Swedish of the message catalogue
 * (src/base/msg_sv.def), keyed by the English format string: every
 * styr_error() and styr_err_prefix() formats the catalogue's text with
 * the same arguments into shown, beside the English msg (which code may
 * still read, as the importers do to tell which column failed).  A format
 * the catalogue lacks is shown in English; tests/tools/msg_sv_check keeps
 * the catalogue complete for the files a web page shows messages from.
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

/* The language a message is written in. */
enum styr_lang { STYR_LANG_EN = 0, STYR_LANG_SV };

struct styr_err {
	enum styr_code code;
	enum styr_lang lang;
	char msg[STYR_ERR_MAX];   /* English */
	char shown[STYR_ERR_MAX]; /* in lang; empty for English */
};

/* An empty error in English; _lang in the language given. */
void styr_err_init(struct styr_err *err);
void styr_err_init_lang(struct styr_err *err, enum styr_lang lang);

/* The message to show: in err's language. */
const char *styr_err_text(const struct styr_err *err);

/* The catalogue's text of an English format string (or of a word used as
 * an argument, such as "sheet") in lang; fmt itself when lang is English
 * or the catalogue has no text for it.  The compiler checks the arguments
 * of a printf using the result against fmt. */
const char *styr_msg(enum styr_lang lang, const char *fmt) __attribute__((format_arg(2)));

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
