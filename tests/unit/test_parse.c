// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for parse.c: strict option values. */
#include "config.h"

#include <unistd.h>

#include "check.h"
#include "parse.h"

static void test_u64(void)
{
	const char *why = NULL;
	uint64_t v = 0;

	CHECK(parse_u64("0", 0, 10, &v, &why) == 0 && v == 0);
	CHECK(parse_u64("10", 0, 10, &v, &why) == 0 && v == 10);
	CHECK(parse_u64("18446744073709551615", 0, UINT64_MAX, &v, &why) == 0 && v == UINT64_MAX);
	CHECK(parse_u64("18446744073709551616", 0, UINT64_MAX, &v, &why) == -1 &&
	      !strcmp(why, "out of range"));
	CHECK(parse_u64("11", 0, 10, &v, &why) == -1 && !strcmp(why, "out of range"));
	CHECK(parse_u64("0", 1, 10, &v, &why) == -1);
	CHECK(parse_u64("", 0, 10, &v, &why) == -1 && !strcmp(why, "empty value"));
	CHECK(parse_u64("abc", 0, 10, &v, &why) == -1 && !strcmp(why, "not a number"));
	CHECK(parse_u64("-1", 0, 10, &v, &why) == -1);
	CHECK(parse_u64("+1", 0, 10, &v, &why) == -1);
	CHECK(parse_u64(" 1", 0, 10, &v, &why) == -1);
	CHECK(parse_u64("1 ", 0, 10, &v, &why) == -1);
	CHECK(parse_u64("0x10", 0, 100, &v, &why) == -1);
	CHECK(parse_u64("1e3", 0, 10000, &v, &why) == -1);
}

static void test_size(void)
{
	const char *why = NULL;
	uint64_t v = 0;

	CHECK(parse_size("4096", 1, UINT64_MAX, &v, &why) == 0 && v == 4096);
	CHECK(parse_size("64K", 1, UINT64_MAX, &v, &why) == 0 && v == 65536);
	CHECK(parse_size("64k", 1, UINT64_MAX, &v, &why) == 0 && v == 65536);
	CHECK(parse_size("16M", 1, UINT64_MAX, &v, &why) == 0 && v == 16 << 20);
	CHECK(parse_size("1G", 1, UINT64_MAX, &v, &why) == 0 && v == 1 << 30);
	CHECK(parse_size("2G", 1, 1 << 30, &v, &why) == -1 && !strcmp(why, "out of range"));
	CHECK(parse_size("K", 1, UINT64_MAX, &v, &why) == -1);
	CHECK(parse_size("", 1, UINT64_MAX, &v, &why) == -1);
	CHECK(parse_size("1.5M", 1, UINT64_MAX, &v, &why) == -1);
	CHECK(parse_size("16MB", 1, UINT64_MAX, &v, &why) == -1);
	CHECK(parse_size("99999999999999999999G", 1, UINT64_MAX, &v, &why) == -1);
	CHECK(parse_size("17179869184G", 1, UINT64_MAX, &v, &why) == -1);	/* 2^64 */
}

static void test_uid(void)
{
	const char *why = NULL;
	uid_t uid = 12345;

	CHECK(parse_uid("0", &uid, &why) == 0 && uid == 0);
	CHECK(parse_uid("root", &uid, &why) == 0 && uid == 0);
	CHECK(parse_uid("65534", &uid, &why) == 0 && uid == 65534);
	CHECK(parse_uid("4294967294", &uid, &why) == 0 && uid == 4294967294u);
	CHECK(parse_uid("4294967295", &uid, &why) == -1);	/* (uid_t)-1 */
	CHECK(parse_uid("no-such-user-corebpf", &uid, &why) == -1 && !strcmp(why, "no such user"));
	CHECK(parse_uid("", &uid, &why) == -1);
	CHECK(parse_uid("12ab", &uid, &why) == -1);
}

static void test_pid(void)
{
	const char *why = NULL;
	pid_t pid = 0;
	char self[32];

	snprintf(self, sizeof(self), "%d", (int)getpid());
	CHECK(parse_pid(self, &pid, &why) == 0 && pid == getpid());
	CHECK(parse_pid("abc", &pid, &why) == -1 && !strcmp(why, "not a number"));
	CHECK(parse_pid("0", &pid, &why) == -1);
	CHECK(parse_pid("4194305", &pid, &why) == -1);
	CHECK(parse_pid("", &pid, &why) == -1);
}

int main(void)
{
	test_u64();
	test_size();
	test_uid();
	test_pid();
	return check_done("test_parse");
}
