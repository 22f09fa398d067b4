/*
 * Fuzz target: the XLSX importer (src/import/xlsx.c) on one workbook in
 * memory, as the web's /import upload gives it: the zip package (libzip),
 * the sheets' XML (libxml2's reader), shared strings, cell references,
 * the budget sheet, then the interchange import of each sheet into the
 * demo database as a dry run.
 */
#include "fuzz.h"

static void on_change(void *ctx, const struct styr_import_change *c)
{
	(void)c;
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t changes = 0;
	struct styr_import_hook hook = {NULL, &changes, true, on_change, 0};
	struct styr_import_stats stats;
	struct styr_err err;

	styr_err_init(&err);
	if (styr_import_xlsx_data(fuzz_db(), "fuzz.xlsx", data, size, &hook, &stats, &err) &&
	    !err.msg[0])
		fuzz_fail("the import failed (code %d) without a message", err.code);
	return 0;
}
