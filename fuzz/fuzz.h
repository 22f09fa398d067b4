/*
 * What the fuzz targets share.  Each target (fuzz/<name>.c) defines
 * LLVMFuzzerTestOneInput and is built twice: with clang and libFuzzer
 * (`make fuzz`, cmake -DSTYR_FUZZ=ON), and with the normal compiler and
 * fuzz/replay.c as its main, which feeds it every file of its corpus
 * (fuzz/corpus/<name>/) as a CTest test of `make check`.
 *
 * A target that needs a database gets one from fuzz_db(): the demo data
 * (every CSV file of data/demo) imported into a scratch SQLite file once per process,
 * and then put in rehearsal (styr_db_rehearse), so that every commit rolls
 * back and one input never changes what the next one sees.  Importers that
 * only read files get them from fuzz_file(), in a scratch directory of the
 * process that is removed at exit.
 *
 * Ownership: fuzz_text's result is the caller's (free); fuzz_db's handle
 * and fuzz_file's path belong to the process.
 */
#ifndef STYR_FUZZ_H
#define STYR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "styr/styr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (cut at a NUL byte inside it). */
char *fuzz_text(const uint8_t *data, size_t size);
/* The demo database, rehearsing; the first call builds it. */
struct styr_db *fuzz_db(void);
/* The scratch directory of this process. */
const char *fuzz_dir(void);
/* Write data to the file name in the scratch directory and return its
 * path (valid until the next call with the same name). */
const char *fuzz_file(const char *name, const void *data, size_t size);
/* Report a broken setup or a broken invariant and abort, which the fuzzer
 * records as a crash with the input that caused it. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
