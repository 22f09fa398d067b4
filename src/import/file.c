/*
 * Reading input files.  Every importer reads the whole file first and checks
 * that it is UTF-8, so that an ISO-8859-1 export from an old system is
 * refused at the first bad byte with its line number, instead of turning
 * "Hässleholm" into mojibake in the database.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "styr/import.h"

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 if invalid.
 * Overlong forms, surrogates and code points above U+10FFFF are invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		len = 2, cp = p[0] & 0x1F;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		len = 3, cp = p[0] & 0x0F;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

static int check_utf8(const char *path, const char *text, size_t len, struct styr_err *err)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0;
	int line = 1;

	while (i < len) {
		size_t n;

		if (p[i] == '\n')
			line++;
		if (p[i] == 0)
			return styr_error(err, STYR_EINPUT, "%s:%d: NUL byte: expected UTF-8 text",
			                  path, line);
		n = utf8_seq(p + i, len - i);
		if (!n)
			return styr_error(
			    err, STYR_EINPUT,
			    "%s:%d: byte 0x%02X is not UTF-8: expected UTF-8 text "
			    "(save the file as UTF-8; SIE files use the sie importer)",
			    path, line, p[i]);
		i += n;
	}
	return STYR_OK;
}

int styr_file_read_text(const char *path, size_t max, char **out, size_t *len, struct styr_err *err)
{
	struct stat sb;
	FILE *f;
	char *buf;
	size_t n;
	int rc;

	*out = NULL;
	*len = 0;
	f = fopen(path, "rb");
	if (!f)
		return styr_error(err, errno == ENOENT ? STYR_ENOTFOUND : STYR_EIO, "%s: %s", path,
		                  strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fclose(f);
		return styr_error(err, STYR_EIO, "%s: not a regular file", path);
	}
	if ((size_t)sb.st_size > max) {
		fclose(f);
		return styr_error(err, STYR_ETOOBIG, "%s: %lld bytes: at most %zu allowed", path,
		                  (long long)sb.st_size, max);
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf) {
		fclose(f);
		return styr_error(err, STYR_ENOMEM, "%s: out of memory", path);
	}
	n = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return styr_error(err, STYR_EIO, "%s: read error", path);
	}
	fclose(f);
	buf[n] = '\0';
	rc = check_utf8(path, buf, n, err);
	if (rc) {
		free(buf);
		return rc;
	}
	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		memmove(buf, buf + 3, n - 2);
		n -= 3;
	}
	*out = buf;
	*len = n;
	return STYR_OK;
}
