/*
 * styr_array_grow: the one way tables grow (every walk that collects
 * rows calls it), so its capacity rule and its refusals are tested here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "styr/buf.h"
#include "styr/err.h"

static void test_grows_only_when_full(void **state)
{
	int *v = NULL;
	size_t cap = 0, n;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	for (n = 0; n < 100; n++) {
		assert_int_equal(styr_array_grow((void **)&v, &cap, n, sizeof(*v), &err), STYR_OK);
		assert_true(cap > n);
		v[n] = (int)n;
	}
	/* 16, then doubling: 16, 32, 64, 128 */
	assert_int_equal(cap, 128);
	assert_int_equal(v[99], 99);
	assert_int_equal(styr_array_grow((void **)&v, &cap, 100, sizeof(*v), &err), STYR_OK);
	assert_int_equal(cap, 128);
	free(v);
}

static void test_refuses_a_size_that_overflows(void **state)
{
	char *v = NULL;
	size_t cap = SIZE_MAX / 4;
	struct styr_err err;

	(void)state;
	styr_err_init(&err);
	/* doubling cap rows of 4 bytes would wrap around SIZE_MAX */
	assert_int_equal(styr_array_grow((void **)&v, &cap, SIZE_MAX / 4, 4, &err), STYR_ENOMEM);
	assert_int_equal(err.code, STYR_ENOMEM);
	assert_string_equal(err.msg, "a table of 9223372036854775806 rows is too large");
	assert_null(v);
	assert_int_equal(cap, SIZE_MAX / 4); /* unchanged */
	/* without an error to fill, the code alone */
	assert_int_equal(styr_array_grow((void **)&v, &cap, SIZE_MAX / 4, 4, NULL), STYR_ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grows_only_when_full),
	    cmocka_unit_test(test_refuses_a_size_that_overflows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
