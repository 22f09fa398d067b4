/*
 * The main of a fuzz target built without libFuzzer: every file named, or
 * every file in a directory named, is given to LLVMFuzzerTestOneInput
 * once, in name order.  `make check` runs it on the target's corpus in the
 * release and the ASan+UBSan builds, so every input the fuzzer ever kept
 * (crashes it found among them) is a regression test.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t ran;

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long size;
	uint8_t *data;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		fuzz_fail("%s: cannot be read", path);
	/* one byte more, so that an empty file is not malloc(0) */
	data = malloc((size_t)size + 1);
	if (!data || fread(data, 1, (size_t)size, f) != (size_t)size)
		fuzz_fail("%s: cannot be read", path);
	fclose(f);
	LLVMFuzzerTestOneInput(data, (size_t)size);
	free(data);
	ran++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void run(const char *path)
{
	struct stat st;
	struct dirent **names;
	char sub[4096];
	int n, i;

	if (stat(path, &st))
		fuzz_fail("%s: no such file or directory", path);
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	n = scandir(path, &names, NULL, by_name);
	if (n < 0)
		fuzz_fail("%s: cannot be read", path);
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			snprintf(sub, sizeof(sub), "%s/%s", path, names[i]->d_name);
			run(sub);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		run(argv[i]);
	if (!ran)
		fuzz_fail("no inputs in %s", argv[1]);
	printf("%s: %zu inputs replayed\n", argv[0], ran);
	return 0;
}
