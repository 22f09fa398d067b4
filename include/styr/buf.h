/*
 * A growable byte buffer with a hard maximum size set at creation, for
 * everything styr builds piece by piece: rendered pages, request bodies,
 * import lines.  Reaching the maximum is one checked error (STYR_ETOOBIG),
 * never an overflow.  The data is always NUL-terminated.
 *
 * Ownership: the buffer owns data until styr_buf_detach() hands it to the
 * caller, who then frees it with free().
 */
#ifndef STYR_BUF_H
#define STYR_BUF_H

#include <stddef.h>

#include "err.h"

struct styr_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
};

void styr_buf_init(struct styr_buf *b, size_t max);
void styr_buf_release(struct styr_buf *b);
void styr_buf_reset(struct styr_buf *b);
int styr_buf_add(struct styr_buf *b, const void *data, size_t len, struct styr_err *err);
int styr_buf_puts(struct styr_buf *b, const char *s, struct styr_err *err);
int styr_buf_printf(struct styr_buf *b, struct styr_err *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Append s with the five HTML special characters escaped. */
int styr_buf_html(struct styr_buf *b, const char *s, struct styr_err *err);
/* Make room in a growable array *v of *cap elements of size bytes for
 * element n (capacity doubles, from 16), or STYR_ENOMEM.  Used by every
 * builder that gathers rows from the store before it lays them out. */
int styr_array_grow(void **v, size_t *cap, size_t n, size_t size, struct styr_err *err);

/* Hand the bytes over; the buffer is empty afterwards. */
char *styr_buf_detach(struct styr_buf *b, size_t *len);

#endif
