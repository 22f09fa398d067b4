/*
 * The growable buffer.  Capacity doubles so that appending is amortised
 * constant time; the hard maximum turns runaway input into one error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "styr/buf.h"

void styr_buf_init(struct styr_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void styr_buf_release(struct styr_buf *b)
{
	free(b->data);
	styr_buf_init(b, b->max);
}

void styr_buf_reset(struct styr_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int grow(struct styr_buf *b, size_t need, struct styr_err *err)
{
	size_t cap;
	char *p;

	if (need > b->max)
		return styr_error(err, STYR_ETOOBIG, "text larger than the limit of %zu bytes",
		                  b->max);
	if (need + 1 <= b->cap)
		return STYR_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < need + 1)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		return styr_error(err, STYR_ENOMEM, "out of memory growing a buffer to %zu bytes",
		                  cap);
	b->data = p;
	b->cap = cap;
	return STYR_OK;
}

int styr_buf_add(struct styr_buf *b, const void *data, size_t len, struct styr_err *err)
{
	int rc = grow(b, b->len + len, err);

	if (rc)
		return rc;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return STYR_OK;
}

int styr_buf_puts(struct styr_buf *b, const char *s, struct styr_err *err)
{
	return styr_buf_add(b, s, strlen(s), err);
}

int styr_buf_printf(struct styr_buf *b, struct styr_err *err, const char *fmt, ...)
{
	va_list ap;
	int n;
	int rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return styr_error(err, STYR_EINPUT, "bad format string");
	rc = grow(b, b->len + (size_t)n, err);
	if (rc)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return STYR_OK;
}

int styr_buf_html(struct styr_buf *b, const char *s, struct styr_err *err)
{
	const char *run = s;
	int rc = STYR_OK;

	for (; *s && !rc; s++) {
		const char *rep;

		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		rc = styr_buf_add(b, run, (size_t)(s - run), err);
		if (!rc)
			rc = styr_buf_puts(b, rep, err);
		run = s + 1;
	}
	if (!rc)
		rc = styr_buf_add(b, run, strlen(run), err);
	return rc;
}

char *styr_buf_detach(struct styr_buf *b, size_t *len)
{
	char *p = b->data;

	if (!p) {
		p = calloc(1, 1);
	}
	if (len)
		*len = b->len;
	styr_buf_init(b, b->max);
	return p;
}

int styr_array_grow(void **v, size_t *cap, size_t n, size_t size, struct styr_err *err)
{
	size_t c;
	void *p;

	if (n < *cap)
		return STYR_OK;
	c = *cap ? *cap * 2 : 16;
	if (c < n + 1)
		c = n + 1;
	if (c > SIZE_MAX / size)
		return styr_error(err, STYR_ENOMEM, "a table of %zu rows is too large", c);
	p = realloc(*v, c * size);
	if (!p)
		return styr_error(err, STYR_ENOMEM, "out of memory growing a table to %zu rows", c);
	*v = p;
	*cap = c;
	return STYR_OK;
}
