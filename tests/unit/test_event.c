// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for execsnoop_event.c and execsnoop_print.c: records decoded
 * and printed exactly, malformed records rejected, and any bytes in a
 * record giving one escaped line or one valid JSON object.
 */
#include "config.h"

#include <stdlib.h>

#include "check.h"
#include "execsnoop_event.h"
#include "execsnoop_print.h"
#include "jsoncheck.h"

static unsigned char rec[sizeof(struct execsnoop_exec) + EXECSNOOP_FILENAME_MAX + EXECSNOOP_ARGS_MAX];

/* An exec record as the BPF side writes it; args holds the raw argument
 * area (NUL after each argument). */
static size_t make_exec(uint32_t pid, int32_t ret, const char *comm, const char *filename,
			const char *args, size_t args_len, uint8_t flags)
{
	struct execsnoop_exec e;
	size_t flen = strlen(filename) + 1;

	memset(&e, 0, sizeof(e));
	e.type = EXECSNOOP_EXEC;
	e.flags = flags;
	e.filename_len = (uint16_t)flen;
	e.args_len = (uint32_t)args_len;
	e.pid = pid;
	e.tid = pid;
	e.ppid = 1;
	e.uid = 1000;
	e.ret = ret;
	e.ts_ns = 1500000;
	memcpy(e.comm, comm, strnlen(comm, sizeof(e.comm)));
	memcpy(rec, &e, sizeof(e));
	memcpy(rec + sizeof(e), filename, flen);
	memcpy(rec + sizeof(e) + flen, args, args_len);
	return sizeof(e) + flen + args_len;
}

static size_t make_exit(uint32_t pid, int32_t status, const char *comm, uint64_t duration_ns)
{
	struct execsnoop_exit e;

	memset(&e, 0, sizeof(e));
	e.type = EXECSNOOP_EXIT;
	e.pid = pid;
	e.tid = pid;
	e.ppid = 1;
	e.uid = 0;
	e.status = status;
	e.ts_ns = 1500000;
	e.duration_ns = duration_ns;
	memcpy(e.comm, comm, strnlen(comm, sizeof(e.comm)));
	memcpy(rec, &e, sizeof(e));
	return sizeof(e);
}

/* 2023-11-14T22:13:20Z in CLOCK_REALTIME is 1.5 ms after the events' clock. */
static struct print_opts base_opts(void)
{
	struct print_opts o;

	memset(&o, 0, sizeof(o));
	o.realtime_offset_ns = 1700000000000000000LL;
	return o;
}

static void printed_is(const struct print_opts *o, size_t size, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	struct event_record ev;

	CHECK(event_decode(rec, size, &ev) == 0);
	if (ev.type == EXECSNOOP_EXEC)
		print_exec(&sb, o, &ev.exec);
	else
		print_exit(&sb, o, &ev.exit);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	if (o->json)
		CHECK(json_valid(sb.buf, sb.len));
	strbuf_free(&sb);
}

#define ARGS(s) s, sizeof(s) - 1

static void test_header(void)
{
	struct print_opts o = base_opts();
	struct strbuf sb = STRBUF_INIT;

	print_header(&sb, &o);
	CHECK_STR(strbuf_str(&sb), "PCOMM            PID     PPID    RET     ARGS\n");
	strbuf_reset(&sb);
	o.wallclock = o.timestamp = o.print_uid = o.exits = true;
	print_header(&sb, &o);
	CHECK_STR(strbuf_str(&sb),
		  "TIME     TIME(s)  UID    EVENT PCOMM            PID     PPID    RET     ARGS\n");
	strbuf_reset(&sb);
	o.json = true;
	print_header(&sb, &o);
	CHECK(sb.len == 0);
	strbuf_free(&sb);
}

static void test_exec_human(void)
{
	struct print_opts o = base_opts();
	size_t n;

	n = make_exec(1234, 0, "ls", "/bin/ls", ARGS("ls\0-l\0/tmp\0"), 0);
	printed_is(&o, n, "ls               1234    1       0       ls -l /tmp\n");

	/* failed exec: the error name in RET */
	n = make_exec(77, -2, "bash", "/nope", ARGS("/nope\0x\0"), 0);
	printed_is(&o, n, "bash             77      1       ENOENT  /nope x\n");
	/* not an errno: shown as a number (found by fuzzing: -INT32_MIN overflowed) */
	n = make_exec(77, INT32_MIN, "bash", "/x", ARGS("/x\0"), 0);
	printed_is(&o, n, "bash             77      1       -2147483648 /x\n");
	n = make_exec(77, -13, "bash", "/etc", ARGS("/etc\0"), 0);
	printed_is(&o, n, "bash             77      1       EACCES  /etc\n");

	/* empty arguments and spaces are kept, escapes are escaped */
	n = make_exec(5, 0, "echo", "/bin/echo", ARGS("echo\0\0a b\0\x1b[2J\nX\0"), 0);
	printed_is(&o, n, "echo             5       1       0       echo  a b \\e[2J\\nX\n");

	/* a comm with control characters and a long one */
	n = make_exec(6, 0, "a\x1b[31m", "/x", ARGS("x\0"), 0);
	printed_is(&o, n, "a\\e[31m          6       1       0       x\n");
	n = make_exec(6, 0, "0123456789abcdef", "/x", ARGS("x\0"), 0);
	printed_is(&o, n, "0123456789abcdef 6       1       0       x\n");

	/* truncation is explicit */
	n = make_exec(8, 0, "cc", "/usr/bin/cc", ARGS("cc\0-c\0fi"), EXECSNOOP_F_ARGS_TRUNCATED);
	printed_is(&o, n, "cc               8       1       0       cc -c fi [truncated]\n");
	n = make_exec(8, 0, "cc", "/usr/bin/cc", ARGS("cc\0-c\0fi"), 0);	/* cut, unflagged */
	printed_is(&o, n, "cc               8       1       0       cc -c fi [truncated]\n");

	/* --max-args */
	o.max_args = 2;
	n = make_exec(9, 0, "ls", "/bin/ls", ARGS("ls\0-l\0/tmp\0"), 0);
	printed_is(&o, n, "ls               9       1       0       ls -l ...\n");
	o.max_args = 3;
	printed_is(&o, n, "ls               9       1       0       ls -l /tmp\n");
	o.max_args = 0;

	/* no arguments at all */
	n = make_exec(10, 0, "true", "/bin/true", "", 0, 0);
	printed_is(&o, n, "true             10      1       0       [no arguments] /bin/true\n");

	/* -q: a line that pastes back into a shell; what is missing is a comment */
	o.quote = true;
	n = make_exec(11, 0, "sh", "/bin/sh", ARGS("sh\0-c\0echo 'hi'\0\0\n\0"), 0);
	printed_is(&o, n, "sh               11      1       0       sh -c 'echo '\\''hi'\\''' '' $'\\n'\n");
	o.max_args = 2;
	n = make_exec(11, 0, "cc", "/usr/bin/cc", ARGS("cc\0-c\0fi"), EXECSNOOP_F_ARGS_TRUNCATED);
	printed_is(&o, n, "cc               11      1       0       cc -c # ... [truncated]\n");
	o.max_args = 0;
	n = make_exec(11, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_ARGS_UNREADABLE);
	printed_is(&o, n, "x                11      1       0       x # [unreadable]\n");
	n = make_exec(11, 0, "x", "/x", "", 0, EXECSNOOP_F_ARGS_UNREADABLE);
	printed_is(&o, n, "x                11      1       0       # [arguments unreadable] /x\n");
	o.quote = false;
	n = make_exec(11, 0, "x", "/x", ARGS("x\0y\0"), EXECSNOOP_F_ARGS_UNREADABLE);
	printed_is(&o, n, "x                11      1       0       x y [unreadable]\n");

	/* columns in front, -e adds EVENT */
	o.print_uid = o.exits = o.timestamp = true;
	o.start_ns = 500000;
	n = make_exec(12, 0, "id", "/usr/bin/id", ARGS("id\0"), 0);
	printed_is(&o, n, "0.001    1000   EXEC  id               12      1       0       id\n");
}

static void test_exit_human(void)
{
	struct print_opts o = base_opts();
	size_t n;

	o.exits = true;
	n = make_exit(42, 3 << 8, "sh", 1500000);
	printed_is(&o, n, "EXIT  sh               42      1       3       duration=1.500ms\n");
	n = make_exit(43, 9, "sleep", 2500000000ULL);
	printed_is(&o, n, "EXIT  sleep            43      1       SIGKILL duration=2.500s\n");
	n = make_exit(44, 0x80 | 11, "crash", 1000);
	printed_is(&o, n, "EXIT  crash            44      1       SIGSEGV+core duration=0.001ms\n");
	n = make_exit(45, 40, "rt", 1000);
	printed_is(&o, n, "EXIT  rt               45      1       SIG40   duration=0.001ms\n");
}

static void test_json(void)
{
	struct print_opts o = base_opts();
	size_t n;

	o.json = true;
	n = make_exec(1234, 0, "ls", "/bin/ls", ARGS("ls\0-l\0\0"), 0);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":1234,"
		   "\"ppid\":1,\"uid\":1000,\"comm\":\"ls\",\"filename\":\"/bin/ls\","
		   "\"args\":[\"ls\",\"-l\",\"\"],\"args_truncated\":false,\"ret\":0}\n");
	n = make_exec(77, -2, "bash", "/nope", ARGS("/nope\0"), 0);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":77,"
		   "\"ppid\":1,\"uid\":1000,\"comm\":\"bash\",\"filename\":\"/nope\","
		   "\"args\":[\"/nope\"],\"args_truncated\":false,\"ret\":-2,\"error\":\"ENOENT\"}\n");
	/* invalid UTF-8: U+FFFD in the strings, exact bytes in base64 */
	n = make_exec(5, 0, "e\xff", "/x\xfe", ARGS("a\xff\0ok\0"), EXECSNOOP_F_ARGS_TRUNCATED);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":5,"
		   "\"ppid\":1,\"uid\":1000,\"comm\":\"e\xef\xbf\xbd\",\"filename\":\"/x\xef\xbf\xbd\","
		   "\"args\":[\"a\xef\xbf\xbd\",\"ok\"],\"args_truncated\":true,\"ret\":0,"
		   "\"comm_base64\":\"Zf8=\",\"filename_base64\":\"L3j+\","
		   "\"args_base64\":[\"Yf8=\",\"b2s=\"]}\n");
	n = make_exec(7, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_FILENAME_TRUNCATED);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":7,"
		   "\"ppid\":1,\"uid\":1000,\"comm\":\"x\",\"filename\":\"/x\","
		   "\"args\":[\"x\"],\"args_truncated\":false,\"ret\":0,\"filename_truncated\":true}\n");
	o.max_args = 1;
	n = make_exec(6, 0, "ls", "/bin/ls", ARGS("ls\0-l\0"), 0);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":6,"
		   "\"ppid\":1,\"uid\":1000,\"comm\":\"ls\",\"filename\":\"/bin/ls\","
		   "\"args\":[\"ls\"],\"args_truncated\":true,\"ret\":0}\n");
	o.max_args = 0;

	n = make_exit(42, 3 << 8, "sh", 1500000);
	printed_is(&o, n,
		   "{\"event\":\"exit\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":42,"
		   "\"ppid\":1,\"uid\":0,\"comm\":\"sh\",\"exit_code\":3,\"signal\":null,"
		   "\"duration_ns\":1500000}\n");
	n = make_exit(43, 0x80 | 6, "abrt", 7);
	printed_is(&o, n,
		   "{\"event\":\"exit\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":43,"
		   "\"ppid\":1,\"uid\":0,\"comm\":\"abrt\",\"exit_code\":null,\"signal\":6,"
		   "\"core_dumped\":true,\"duration_ns\":7}\n");
}

static void test_lost(void)
{
	struct print_opts o = base_opts();
	struct strbuf sb = STRBUF_INIT;

	print_lost(&sb, &o, 1500000, 12);
	CHECK_STR(strbuf_str(&sb), "LOST 12 events: the ring buffer was full\n");
	strbuf_reset(&sb);
	o.json = true;
	print_lost(&sb, &o, 1500000, 12);
	CHECK_STR(strbuf_str(&sb),
		  "{\"event\":\"lost\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"count\":12}\n");
	strbuf_free(&sb);
}

static void test_malformed(void)
{
	struct execsnoop_exec e;
	struct event_record ev;
	size_t n;

	CHECK(event_decode(rec, 0, &ev) == -1);
	n = make_exec(1, 0, "x", "/x", ARGS("x\0"), 0);
	CHECK(event_decode(rec, n, &ev) == 0);
	CHECK(event_decode(rec, n - 1, &ev) == -1);		/* args cut off */
	CHECK(event_decode(rec, sizeof(e) - 1, &ev) == -1);	/* header cut off */
	memcpy(&e, rec, sizeof(e));
	e.args_len = EXECSNOOP_ARGS_MAX + 1;
	memcpy(rec, &e, sizeof(e));
	CHECK(event_decode(rec, sizeof(rec), &ev) == -1);
	e.args_len = 0;
	e.filename_len = EXECSNOOP_FILENAME_MAX + 1;
	memcpy(rec, &e, sizeof(e));
	CHECK(event_decode(rec, sizeof(rec), &ev) == -1);
	rec[0] = 3;	/* unknown type */
	CHECK(event_decode(rec, sizeof(rec), &ev) == -1);
	n = make_exit(1, 0, "x", 1);
	CHECK(event_decode(rec, n - 1, &ev) == -1);
}

/* Random headers and payloads: decoding never reads out of bounds (run it
 * under ASan), human output is one line, JSON output one valid object. */
static void test_random_records(void)
{
	struct print_opts o = base_opts();
	struct strbuf sb = STRBUF_INIT;
	struct event_record ev;
	int i;

	for (i = 0; i < 20000; i++) {
		size_t size = check_rand() % 600, k;
		struct execsnoop_exec *e = (struct execsnoop_exec *)rec;

		for (k = 0; k < size; k++)
			rec[k] = (unsigned char)check_rand();
		if (size >= sizeof(*e) && check_rand() % 2) {
			/* mostly plausible headers, to reach the printers */
			e->type = (uint8_t)(1 + check_rand() % 2);
			e->filename_len = (uint16_t)(check_rand() % 64);
			e->args_len = (uint32_t)(check_rand() % (size - sizeof(*e) + 8));
			check_rand_bytes((char *)rec + sizeof(*e), size - sizeof(*e));
		}
		if (event_decode(rec, size, &ev))
			continue;
		strbuf_reset(&sb);
		o.json = i % 2;
		o.quote = i % 3 == 0;
		if (ev.type == EXECSNOOP_EXEC)
			print_exec(&sb, &o, &ev.exec);
		else
			print_exit(&sb, &o, &ev.exit);
		CHECK(sb.len > 0 && sb.buf[sb.len - 1] == '\n');
		CHECK(memchr(sb.buf, '\n', sb.len) == sb.buf + sb.len - 1);
		if (o.json)
			CHECK(json_valid(sb.buf, sb.len));
	}
	strbuf_free(&sb);
}

int main(void)
{
	/* -T output depends on the time zone; none of these tests uses it,
	 * but keep them independent of the machine anyway. */
	setenv("TZ", "UTC", 1);
	test_header();
	test_exec_human();
	test_exit_human();
	test_json();
	test_lost();
	test_malformed();
	test_random_records();
	return check_done("test_event");
}
