// SPDX-License-Identifier: GPL-2.0-or-later
/* parse: strict option value parsing; see parse.h. */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why)
{
	uint64_t v = 0;
	const char *p;

	if (!s || !*s) {
		*why = "empty value";
		return -1;
	}
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			*why = "not a number";
			return -1;
		}
		if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10) {
			*why = "out of range";
			return -1;
		}
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v < min || v > max) {
		*why = "out of range";
		return -1;
	}
	*out = v;
	return 0;
}

int parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why)
{
	char digits[32];
	size_t len = s ? strlen(s) : 0;
	unsigned int shift = 0;
	uint64_t v;

	if (len && len < sizeof(digits)) {
		switch (s[len - 1]) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		}
	}
	if (len >= sizeof(digits)) {
		*why = "out of range";
		return -1;
	}
	memcpy(digits, s ? s : "", len + 1);
	if (shift)
		digits[len - 1] = '\0';
	if (parse_u64(digits, 0, UINT64_MAX >> shift, &v, why))
		return -1;
	v <<= shift;
	if (v < min || v > max) {
		*why = "out of range";
		return -1;
	}
	*out = v;
	return 0;
}

int parse_pid(const char *s, pid_t *out, const char **why)
{
	uint64_t v;

	/* PID_MAX_LIMIT is 4194304 on 64-bit kernels. */
	if (parse_u64(s, 1, 4194304, &v, why))
		return -1;
	if (kill((pid_t)v, 0) && errno == ESRCH) {
		*why = "no such process";
		return -1;
	}
	*out = (pid_t)v;
	return 0;
}

int parse_uid(const char *s, uid_t *out, const char **why)
{
	struct passwd *pw;
	uint64_t v;

	if (s && *s >= '0' && *s <= '9') {
		/* (uid_t)-1 means "no change" to the kernel: not a real UID. */
		if (parse_u64(s, 0, UINT32_MAX - 1, &v, why))
			return -1;
		*out = (uid_t)v;
		return 0;
	}
	if (!s || !*s) {
		*why = "empty value";
		return -1;
	}
	pw = getpwnam(s);
	if (!pw) {
		*why = "no such user";
		return -1;
	}
	*out = pw->pw_uid;
	return 0;
}
