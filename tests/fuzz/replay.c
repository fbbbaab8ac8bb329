// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Runs a fuzz target over its corpus without libFuzzer, in "make check":
 * the seed inputs and every input that ever crashed (tests/fuzz/corpus/
 * TARGET/), so a fixed crash stays fixed.  The target is linked in; the
 * corpus directory is taken from $top_srcdir or the first argument.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the corpus directory"
#endif

int main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[8192];
	unsigned char *buf;
	struct dirent *de;
	size_t n, total = 0;
	int files = 0;
	FILE *f;
	DIR *d;

	if (argc > 1)
		snprintf(dir, sizeof(dir), "%s", argv[1]);
	else
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".", FUZZ_TARGET);
	d = opendir(dir);
	if (!d) {
		perror(dir);
		return 1;
	}
	buf = malloc(1 << 20);
	if (!buf)
		return 1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		n = fread(buf, 1, 1 << 20, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		files++;
		total += n;
	}
	closedir(d);
	free(buf);
	printf("%s: %d inputs (%zu bytes) replayed\n", FUZZ_TARGET, files, total);
	return files ? 0 : 1;
}
