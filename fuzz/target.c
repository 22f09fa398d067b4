/*
 * Fuzz target: target expressions, the "Mål" column (src/model/target.c).
 * The input is one cell; a target that parses is evaluated against values
 * around its threshold (and a previous value), as the dashboards and
 * reports do for every indicator, and its direction is read.  The status
 * and trend must be one of their enumerations, whose names are never NULL.
 */
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct styr_target t;
	struct styr_err err;
	enum styr_direction dir;

	styr_err_init(&err);
	if (!styr_target_parse(text, &t, &err)) {
		const double around[] = {t.threshold, t.threshold - 1, t.threshold + 1, 0,
		                         -t.threshold};
		const double tolerance[] = {-1, 0, 2.5};
		struct styr_num v = {STYR_NUM_VALUE, 0, 1, t.percent};
		struct styr_num prev = {STYR_NUM_VALUE, 0, 1, t.percent};
		struct styr_num missing = {STYR_NUM_MISSING, 0, 0, false};
		size_t i, j;

		dir = styr_target_direction(&t);
		for (i = 0; i < sizeof(around) / sizeof(around[0]); i++)
			for (j = 0; j < sizeof(tolerance) / sizeof(tolerance[0]); j++) {
				enum styr_status s;
				enum styr_trend tr;

				v.value = around[i];
				prev.value = around[(i + 1) % 5];
				s = styr_target_status(&t, &v, &prev, tolerance[j]);
				if (s > STYR_STATUS_MISSING || !styr_status_name(s) ||
				    !styr_status_label(s))
					fuzz_fail("\"%s\": status %d", text, (int)s);
				s = styr_target_status(&t, &v, NULL, tolerance[j]);
				s = styr_target_status(&t, &missing, &prev, tolerance[j]);
				if (s != STYR_STATUS_MISSING && s != STYR_STATUS_NO_TARGET)
					fuzz_fail("\"%s\": a missing value has status %d", text,
					          (int)s);
				tr = styr_trend(dir, &v, &prev);
				if (tr > STYR_TREND_CHANGED || !styr_trend_name(tr) ||
				    !styr_trend_label(tr))
					fuzz_fail("\"%s\": trend %d", text, (int)tr);
			}
	} else if (err.code != STYR_EINPUT || !err.msg[0]) {
		fuzz_fail("styr_target_parse failed with code %d", err.code);
	}
	styr_err_init(&err);
	if (!styr_direction_parse(text, &dir, &err) && !styr_direction_name(dir))
		fuzz_fail("\"%s\": direction %d has no name", text, (int)dir);
	free(text);
	return 0;
}
