/*
 * Fuzz target: the SIE 4 importer (src/import/sie.c), as `styr import sie
 * --unit LKR --dry-run` runs it on the demo database: PC8 decoding,
 * records and their fields, vouchers, the balance checks, and the mapping
 * of result accounts to resultaträkning rows; nothing is kept.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file("fuzz.se", data, size);
	struct styr_sie_stats stats;
	struct styr_err err;

	styr_err_init(&err);
	if (styr_import_sie(fuzz_db(), path, "LKR", NULL, &stats, &err) && !err.msg[0])
		fuzz_fail("the import failed (code %d) without a message", err.code);
	return 0;
}
