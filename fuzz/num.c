/*
 * Fuzz target: Swedish numbers (src/base/num.c).  The input is one cell's
 * text for styr_num_parse and styr_amount_parse; what parses is formatted
 * back by every writer, and the checks hold what num.h promises: the
 * output is NUL-terminated within its buffer, even a buffer too small, and
 * a number written for interchange files reads back as the same number.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Every writer into buffers of several sizes: the last byte written must
 * be the terminating NUL, and the returned length its position. */
static void formats(const struct styr_num *n)
{
	static const size_t sizes[] = {1, 2, 4, 7, 64};
	char buf[64];
	size_t i, len;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(buf, 'z', sizeof(buf));
		len = styr_num_format(buf, sizes[i], n->value, n->decimals);
		if (len >= sizes[i] || strlen(buf) != len)
			fuzz_fail("styr_num_format: %zu bytes into %zu", len, sizes[i]);
		len = styr_num_format_plain(buf, sizes[i], n->value, n->decimals);
		if (len >= sizes[i] || strlen(buf) != len)
			fuzz_fail("styr_num_format_plain: %zu bytes into %zu", len, sizes[i]);
		len = styr_num_format_num(buf, sizes[i], n);
		if (len >= sizes[i] || strlen(buf) != len)
			fuzz_fail("styr_num_format_num: %zu bytes into %zu", len, sizes[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), plain[64];
	struct styr_num n, back;
	struct styr_err err;
	int64_t amount, again;

	styr_err_init(&err);
	if (!styr_num_parse(text, &n, &err)) {
		formats(&n);
		/* What styr exports reads back as what it read, at the printed
		 * precision, within the 15 significant digits the writer keeps. */
		if (n.kind == STYR_NUM_VALUE && n.decimals <= 14 &&
		    fabs(n.value) < pow(10, 15 - n.decimals)) {
			styr_num_format_plain(plain, sizeof(plain), n.value, n.decimals);
			styr_err_init(&err);
			if (styr_num_parse(plain, &back, &err) || back.kind != STYR_NUM_VALUE ||
			    fabs(back.value - n.value) > 0.5 * pow(10, -n.decimals) + 1e-9)
				fuzz_fail(
				    "\"%s\" read as %.17g, written \"%s\", read back as %.17g",
				    text, n.value, plain, back.value);
		}
	} else if (err.code != STYR_EINPUT || !err.msg[0]) {
		fuzz_fail("styr_num_parse failed with code %d and message \"%s\"", err.code,
		          err.msg);
	}
	styr_err_init(&err);
	if (!styr_amount_parse(text, &amount, &err)) {
		styr_num_format_plain(plain, sizeof(plain), (double)amount, 0);
		styr_err_init(&err);
		/* exact within the writer's 15 significant digits */
		if (llabs(amount) < 1000000000000000LL &&
		    (styr_amount_parse(plain, &again, &err) || again != amount))
			fuzz_fail("amount \"%s\" read as %lld, written \"%s\"", text,
			          (long long)amount, plain);
	} else if (amount != 0 || !err.msg[0]) {
		fuzz_fail("styr_amount_parse failed leaving %lld", (long long)amount);
	}
	free(text);
	return 0;
}
