// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for names.c: errno and signal names. */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include "check.h"
#include "names.h"

int main(void)
{
	CHECK_STR(errno_name(ENOENT), "ENOENT");
	CHECK_STR(errno_name(EACCES), "EACCES");
	CHECK_STR(errno_name(E2BIG), "E2BIG");
	CHECK_STR(errno_name(ENOEXEC), "ENOEXEC");
	CHECK_STR(errno_name(ETXTBSY), "ETXTBSY");
	CHECK_STR(errno_name(ELOOP), "ELOOP");
	CHECK_STR(errno_name(EPERM), "EPERM");
	CHECK_STR(errno_name(EAGAIN), "EAGAIN");
	CHECK(errno_name(0) == NULL);
	CHECK(errno_name(-1) == NULL);
	CHECK(errno_name(100000) == NULL);

	CHECK_STR(signal_name(SIGKILL), "SIGKILL");
	CHECK_STR(signal_name(SIGSEGV), "SIGSEGV");
	CHECK_STR(signal_name(SIGTERM), "SIGTERM");
	CHECK_STR(signal_name(SIGINT), "SIGINT");
	CHECK_STR(signal_name(SIGHUP), "SIGHUP");
	CHECK_STR(signal_name(SIGPIPE), "SIGPIPE");
	CHECK(signal_name(0) == NULL);
	CHECK(signal_name(40) == NULL);
	return check_done("test_names");
}
