/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check.h: the few assertions the unit tests need.  A failed check prints
 * where and what, and the test exits 1 at the end; the rest still runs.
 */
#ifndef COREBPF_CHECK_H
#define COREBPF_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                 \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                             \
			check_failures++;                                           \
		}                                                                   \
	} while (0)

#define CHECK_MEM(got, got_len, want)                                                 \
	do {                                                                          \
		const char *_w = (want);                                              \
		size_t _wl = strlen(_w), _gl = (got_len);                             \
		if (_gl != _wl || memcmp((got), _w, _wl)) {                           \
			fprintf(stderr, "%s:%d: got \"%.*s\"\n%*swant \"%s\"\n", __FILE__, \
				__LINE__, (int)_gl, (const char *)(got),                  \
				(int)strlen(__FILE__) + 4, "", _w);                       \
			check_failures++;                                             \
		}                                                                     \
	} while (0)

#define CHECK_STR(got, want) CHECK_MEM((got), strlen(got), (want))

static inline int check_done(const char *name)
{
	if (check_failures) {
		fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
		return 1;
	}
	printf("%s: all checks passed\n", name);
	return 0;
}

/* A small deterministic generator, so that failures reproduce. */
static uint64_t check_rng_state = 0x9e3779b97f4a7c15ULL;

static inline uint32_t check_rand(void)
{
	check_rng_state ^= check_rng_state << 13;
	check_rng_state ^= check_rng_state >> 7;
	check_rng_state ^= check_rng_state << 17;
	return (uint32_t)(check_rng_state >> 16);
}

/* Random bytes biased towards the interesting ones: controls, ESC,
 * quotes, backslashes, UTF-8 lead and continuation bytes. */
static inline void check_rand_bytes(char *buf, size_t len)
{
	static const unsigned char special[] = {
		0x01, '\n', '\t', '\r', 0x1b, 0x7f, '\\', '"', '\'', ' ', '$', '=', 0x80, 0x9b,
		0xc2, 0xe2, 0x80, 0xae, 0xed, 0xa0, 0xf0, 0x9f, 0xff, 'a', 'z', '0',
	};
	size_t i;

	for (i = 0; i < len; i++) {
		uint32_t r = check_rand();

		if (r % 3 == 0)
			buf[i] = (char)special[(r >> 8) % sizeof(special)];
		else
			buf[i] = (char)(1 + (r >> 8) % 255);	/* never NUL */
	}
}

#endif /* COREBPF_CHECK_H */
