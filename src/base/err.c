/*
 * Error values.  The first error recorded is the cause and is kept; later
 * failures while unwinding would only describe consequences.
 */
#include <stdio.h>
#include <string.h>

#include "styr/err.h"

void styr_err_init(struct styr_err *err)
{
	err->code = STYR_OK;
	err->msg[0] = '\0';
}

int styr_error(struct styr_err *err, enum styr_code code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	if (err->code != STYR_OK)
		return err->code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void styr_err_prefix(struct styr_err *err, const char *fmt, ...)
{
	char old[STYR_ERR_MAX];
	size_t n, len;
	va_list ap;

	if (!err || err->code == STYR_OK)
		return;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	len = strnlen(old, sizeof(err->msg) - n - 1);
	memcpy(err->msg + n, old, len);
	err->msg[n + len] = '\0';
}

const char *styr_strerror(enum styr_code code)
{
	static const char *const names[] = {
	    [STYR_OK] = "ok",
	    [STYR_EINPUT] = "bad input",
	    [STYR_ENOTFOUND] = "not found",
	    [STYR_ELOCKED] = "period locked",
	    [STYR_EPERM] = "not permitted",
	    [STYR_ESTORE] = "database error",
	    [STYR_ENOMEM] = "out of memory",
	    [STYR_EIO] = "input/output error",
	    [STYR_ETOOBIG] = "too large",
	    [STYR_EUSAGE] = "usage error",
	    [STYR_ECONFLICT] = "conflict",
	};
	if ((unsigned)code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	return "unknown error";
}
