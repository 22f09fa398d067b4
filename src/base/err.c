/*
 * Error values.  The first error recorded is the cause and is kept; later
 * failures while unwinding would only describe consequences.
 */
#include <stdio.h>
#include <string.h>

#include "styr/err.h"

void styr_err_init(struct styr_err *err)
{
	styr_err_init_lang(err, STYR_LANG_EN);
}

void styr_err_init_lang(struct styr_err *err, enum styr_lang lang)
{
	err->code = STYR_OK;
	err->lang = lang;
	err->msg[0] = '\0';
	err->shown[0] = '\0';
}

const char *styr_err_text(const struct styr_err *err)
{
	return err->lang != STYR_LANG_EN && err->shown[0] ? err->shown : err->msg;
}

/* The Swedish catalogue: pairs of an English format and its Swedish,
 * with the same conversions in the same order (tests/tools/msg_sv_check
 * checks both).  Searched only for a Swedish error, so a linear walk
 * costs nothing on the English paths. */
static const struct {
	const char *en, *sv;
} msg_sv[] = {
#define MSG(en, sv) {en, sv},
#include "msg_sv.def"
#undef MSG
};

const char *styr_msg(enum styr_lang lang, const char *fmt)
{
	size_t i;

	if (lang != STYR_LANG_SV)
		return fmt;
	for (i = 0; i < sizeof(msg_sv) / sizeof(msg_sv[0]); i++)
		if (!strcmp(msg_sv[i].en, fmt))
			return msg_sv[i].sv;
	return fmt;
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
	if (err->lang != STYR_LANG_EN) {
		va_start(ap, fmt);
		vsnprintf(err->shown, sizeof(err->shown), styr_msg(err->lang, fmt), ap);
		va_end(ap);
	}
	return code;
}

/* Put the formatted fmt in front of msg. */
static void prefix(char msg[STYR_ERR_MAX], const char *fmt, va_list ap)
{
	char old[STYR_ERR_MAX];
	size_t n, len;

	memcpy(old, msg, sizeof(old));
	vsnprintf(msg, STYR_ERR_MAX, fmt, ap);
	n = strlen(msg);
	len = strnlen(old, STYR_ERR_MAX - n - 1);
	memcpy(msg + n, old, len);
	msg[n + len] = '\0';
}

void styr_err_prefix(struct styr_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code == STYR_OK)
		return;
	va_start(ap, fmt);
	prefix(err->msg, fmt, ap);
	va_end(ap);
	if (err->lang != STYR_LANG_EN) {
		va_start(ap, fmt);
		prefix(err->shown, styr_msg(err->lang, fmt), ap);
		va_end(ap);
	}
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
