/*
 * Fuzz target: the report-text importers, which read the text extract of
 * an årsredovisning or a verksamhetsplan: the indicator tables
 * (src/import/report_text.c, stored by report_text_store.c), the
 * resultaträkning tables (ledger_text.c) and the uppdrag tables
 * (goal_text.c, goal_text_store.c).  The input is one text file, given to
 * `styr import report-text --year 2024` with `--unit LKR` (indicators and
 * economy) and without (uppdrag), on the demo database; nothing is kept.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("report.txt", data, size);
	struct styr_report_text_result rt;
	struct styr_goal_text_result gt;
	struct styr_err err;

	styr_err_init(&err);
	if (!styr_import_report_text(fuzz_db(), path, "LKR", 2024, &rt, &err))
		styr_report_text_result_release(&rt);
	else if (!err.msg[0])
		fuzz_fail("report text failed (code %d) without a message", err.code);
	styr_err_init(&err);
	if (!styr_import_goal_text(fuzz_db(), path, 2024, &gt, &err))
		styr_goal_text_result_release(&gt);
	else if (!err.msg[0])
		fuzz_fail("goal text failed (code %d) without a message", err.code);
	return 0;
}
