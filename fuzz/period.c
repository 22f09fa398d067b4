/*
 * Fuzz target: periods (src/base/period.c) and dates (styr_date_check,
 * src/model/goals.c).  The input is a period as people or files write it;
 * a period that parses must be valid, and its canonical text and its
 * Swedish label must read back as the same period, as the store and the
 * forms rely on.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), canon[STYR_PERIOD_TEXT_MAX], label[64], tiny[5];
	struct styr_period p, back, prev;
	struct styr_err err;
	size_t len;

	styr_err_init(&err);
	if (!styr_period_parse(text, &p, &err)) {
		if (!styr_period_valid(&p))
			fuzz_fail("\"%s\" parsed to an invalid period %d %d..%d", text, p.year,
			          p.first_month, p.last_month);
		styr_period_kind(&p);
		len = styr_period_format(&p, canon, sizeof(canon));
		if (!len || strlen(canon) != len)
			fuzz_fail("\"%s\": canonical text \"%s\" of length %zu", text, canon, len);
		styr_err_init(&err);
		if (styr_period_parse(canon, &back, &err) || styr_period_cmp(&p, &back))
			fuzz_fail("\"%s\" written \"%s\" does not read back: %s", text, canon,
			          err.msg);
		len = styr_period_label(&p, label, sizeof(label));
		styr_err_init(&err);
		if (strlen(label) != len || styr_period_parse(label, &back, &err) ||
		    styr_period_cmp(&p, &back))
			fuzz_fail("\"%s\" labelled \"%s\" does not read back: %s", text, label,
			          err.msg);
		len = styr_period_label(&p, tiny, sizeof(tiny));
		if (len >= sizeof(tiny) || strlen(tiny) != len)
			fuzz_fail("\"%s\": label of %zu bytes into %zu", text, len, sizeof(tiny));
		prev = styr_period_prev_year(&p);
		if (p.year > 1900 && (!styr_period_valid(&prev) || styr_period_cmp(&prev, &p) >= 0))
			fuzz_fail("\"%s\": the year before is not before it", text);
	} else if (err.code != STYR_EINPUT || !err.msg[0]) {
		fuzz_fail("styr_period_parse failed with code %d", err.code);
	}
	styr_err_init(&err);
	styr_date_check(text, &err);
	free(text);
	return 0;
}
