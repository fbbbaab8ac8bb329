// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for execsnoop_event.c and execsnoop_print.c: records decoded
 * and printed exactly (the exe, cwd and cgroup paths, the context, --env),
 * malformed records rejected, and any bytes in a record giving one escaped
 * line or one valid JSON object.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>

#include "check.h"
#include "execsnoop_event.h"
#include "execsnoop_print.h"
#include "jsoncheck.h"

static unsigned char rec[sizeof(struct execsnoop_exec) + EXECSNOOP_FILENAME_MAX +
			3 * EXECSNOOP_PATH_MAX + EXECSNOOP_ARGS_MAX + EXECSNOOP_ENV_MAX];

/* What an exec record carries besides its file name and arguments, as the
 * BPF side lays it out: paths as components, leaf first, each ended by a
 * NUL; env as NAME=value strings, each ended by a NUL.  The flags say
 * which paths are there (EXECSNOOP_F_EXE, ...). */
struct parts {
	const char *exe, *cwd, *cgroup, *env;
	size_t exe_len, cwd_len, cgroup_len, env_len;
};

/* .exe = "b\0a\0", .exe_len = 4 */
#define PART(name, s) .name = s, .name##_len = sizeof(s) - 1

static size_t put(size_t at, const char *s, size_t len)
{
	if (len)
		memcpy(rec + at, s, len);
	return at + len;
}

/* An exec record as the BPF side writes it; args holds the raw argument
 * area (NUL after each argument). */
static size_t make_exec_parts(uint32_t pid, int32_t ret, const char *comm, const char *filename,
			      const char *args, size_t args_len, uint32_t flags,
			      const struct parts *p)
{
	static const struct parts none;
	struct execsnoop_exec e;
	size_t flen = strlen(filename) + 1, n;

	if (!p)
		p = &none;
	memset(&e, 0, sizeof(e));
	e.type = EXECSNOOP_EXEC;
	e.flags = flags;
	e.filename_len = (uint16_t)flen;
	e.exe_len = (uint16_t)p->exe_len;
	e.cwd_len = (uint16_t)p->cwd_len;
	e.cgroup_len = (uint16_t)p->cgroup_len;
	e.args_len = (uint32_t)args_len;
	e.env_len = (uint32_t)p->env_len;
	e.pid = pid;
	e.tid = pid;
	e.ppid = 1;
	e.ctx.uid = 1000;
	e.ctx.gid = 100;
	e.ctx.euid = 1000;
	e.ctx.egid = 100;
	e.ctx.auid = EXECSNOOP_ID_UNSET;
	e.ctx.session = EXECSNOOP_ID_UNSET;
	e.ctx.exec_id.pid = pid;
	e.ctx.exec_id.start_ns = 5000;
	e.ctx.exec_id.execs = 1;
	e.ret = ret;
	e.ts_ns = 1500000;
	memcpy(e.comm, comm, strnlen(comm, sizeof(e.comm)));
	memcpy(rec, &e, sizeof(e));
	n = put(sizeof(e), filename, flen);
	n = put(n, p->exe, p->exe_len);
	n = put(n, p->cwd, p->cwd_len);
	n = put(n, p->cgroup, p->cgroup_len);
	n = put(n, args, args_len);
	return put(n, p->env, p->env_len);
}

static size_t make_exec(uint32_t pid, int32_t ret, const char *comm, const char *filename,
			const char *args, size_t args_len, uint32_t flags)
{
	return make_exec_parts(pid, ret, comm, filename, args, args_len, flags, NULL);
}

static size_t make_exit(uint32_t pid, int32_t status, const char *comm, uint64_t duration_ns)
{
	struct execsnoop_exit e;

	memset(&e, 0, sizeof(e));
	e.type = EXECSNOOP_EXIT;
	e.pid = pid;
	e.tid = pid;
	e.ppid = 1;
	e.ctx.uid = 0;
	e.ctx.auid = EXECSNOOP_ID_UNSET;
	e.ctx.session = EXECSNOOP_ID_UNSET;
	e.ctx.exec_id.pid = pid;
	e.ctx.exec_id.start_ns = 5000;
	e.ctx.exec_id.execs = 1;
	e.status = status;
	e.ts_ns = 1500000;
	e.duration_ns = duration_ns;
	memcpy(e.comm, comm, strnlen(comm, sizeof(e.comm)));
	memcpy(rec, &e, sizeof(e));
	return sizeof(e);
}

/* An exit record of pid that carries a cgroup path. */
static size_t make_exit_cgroup(uint32_t pid, const char *cgroup, size_t len, uint32_t flags)
{
	struct execsnoop_exit e;
	size_t n = make_exit(pid, 0, "sh", 1000);

	memcpy(&e, rec, sizeof(e));
	e.cgroup_len = (uint16_t)len;
	e.flags = flags;
	memcpy(rec, &e, sizeof(e));
	return put(n, cgroup, len);
}

/* The context of the record in rec, to change after make_*(). */
static size_t ctx_offset(void)
{
	return rec[0] == EXECSNOOP_EXEC ? offsetof(struct execsnoop_exec, ctx)
					: offsetof(struct execsnoop_exit, ctx);
}

static struct execsnoop_ctx ctx_get(void)
{
	struct execsnoop_ctx c;

	memcpy(&c, rec + ctx_offset(), sizeof(c));
	return c;
}

static void ctx_put(const struct execsnoop_ctx *c)
{
	memcpy(rec + ctx_offset(), c, sizeof(*c));
}

/* 2023-11-14T22:13:20Z in CLOCK_REALTIME is 1.5 ms after the events' clock. */
static struct print_opts base_opts(void)
{
	struct print_opts o;

	memset(&o, 0, sizeof(o));
	o.realtime_offset_ns = 1700000000000000000LL;
	return o;
}

/* The record in rec decoded and printed into sb: one line, and with -j
 * one valid JSON object. */
static void print_rec(const struct print_opts *o, size_t size, struct strbuf *sb)
{
	struct event_record ev;
	int ok = event_decode(rec, size, &ev) == 0;

	CHECK(ok);
	if (!ok)
		return;
	if (ev.type == EXECSNOOP_EXEC)
		print_exec(sb, o, &ev.exec);
	else
		print_exit(sb, o, &ev.exit);
	CHECK(sb->len && memchr(sb->buf, '\n', sb->len) == sb->buf + sb->len - 1);
	if (o->json)
		CHECK(json_valid(sb->buf, sb->len));
}

/* The line a failed HAS() or LACKS() is on. */
static int check_line;

static void printed_is(const struct print_opts *o, size_t size, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	print_rec(o, size, &sb);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	strbuf_free(&sb);
}

/* The printed record has the text want in it (a field and its value, with
 * the neighbours that pin them down). */
static void printed_has(const struct print_opts *o, size_t size, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	print_rec(o, size, &sb);
	if (!sb.len || !memmem(sb.buf, sb.len, want, strlen(want))) {
		fprintf(stderr, "%s:%d: got \"%.*s\"\n%*s  without \"%s\"\n", __FILE__,
			check_line, (int)sb.len, sb.buf ? sb.buf : "", (int)strlen(__FILE__), "",
			want);
		check_failures++;
	}
	strbuf_free(&sb);
}

/* ... and not the text unwanted. */
static void printed_lacks(const struct print_opts *o, size_t size, const char *unwanted)
{
	struct strbuf sb = STRBUF_INIT;

	print_rec(o, size, &sb);
	if (sb.len && memmem(sb.buf, sb.len, unwanted, strlen(unwanted))) {
		fprintf(stderr, "%s:%d: got \"%.*s\"\n%*s  with \"%s\"\n", __FILE__, check_line,
			(int)sb.len, sb.buf, (int)strlen(__FILE__), "", unwanted);
		check_failures++;
	}
	strbuf_free(&sb);
}
#define HAS(o, n, want) (check_line = __LINE__, printed_has(o, n, want))
#define LACKS(o, n, unwanted) (check_line = __LINE__, printed_lacks(o, n, unwanted))

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

/* The fields every event has, for the records make_exec() and make_exit() write. */
#define EXEC_IDS "\"gid\":100,\"euid\":1000,\"egid\":100,\"auid\":null,\"session\":null,\"tty\":null,"
#define EXIT_IDS "\"gid\":0,\"euid\":0,\"egid\":0,\"auid\":null,\"session\":null,\"tty\":null,"
#define NO_PATHS "\"exe\":null,\"exe_truncated\":false,\"cwd\":null,\"cwd_truncated\":false,"
#define WHERE(pid) "\"cgroup\":null,\"cgroup_truncated\":false,\"unit\":null," \
	"\"container_id\":null,\"exec_id\":\"B:" #pid ":5000:1\",\"parent_exec_id\":null"

static void test_json(void)
{
	struct print_opts o = base_opts();
	size_t n;

	o.json = true;
	o.boot_id = "B";
	n = make_exec(1234, 0, "ls", "/bin/ls", ARGS("ls\0-l\0\0"), 0);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":1234,"
		   "\"ppid\":1,\"uid\":1000," EXEC_IDS "\"comm\":\"ls\",\"filename\":\"/bin/ls\"," NO_PATHS
		   "\"args\":[\"ls\",\"-l\",\"\"],\"args_truncated\":false,\"ret\":0," WHERE(1234) "}\n");
	n = make_exec(77, -2, "bash", "/nope", ARGS("/nope\0"), 0);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":77,"
		   "\"ppid\":1,\"uid\":1000," EXEC_IDS "\"comm\":\"bash\",\"filename\":\"/nope\"," NO_PATHS
		   "\"args\":[\"/nope\"],\"args_truncated\":false,\"ret\":-2,\"error\":\"ENOENT\","
		   WHERE(77) "}\n");
	/* invalid UTF-8: U+FFFD in the strings, exact bytes in base64 */
	n = make_exec(5, 0, "e\xff", "/x\xfe", ARGS("a\xff\0ok\0"), EXECSNOOP_F_ARGS_TRUNCATED);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":5,"
		   "\"ppid\":1,\"uid\":1000," EXEC_IDS "\"comm\":\"e\xef\xbf\xbd\",\"filename\":\"/x\xef\xbf\xbd\","
		   NO_PATHS "\"args\":[\"a\xef\xbf\xbd\",\"ok\"],\"args_truncated\":true,\"ret\":0,"
		   WHERE(5) ",\"comm_base64\":\"Zf8=\",\"filename_base64\":\"L3j+\","
		   "\"args_base64\":[\"Yf8=\",\"b2s=\"]}\n");
	n = make_exec(7, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_FILENAME_TRUNCATED);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":7,"
		   "\"ppid\":1,\"uid\":1000," EXEC_IDS "\"comm\":\"x\",\"filename\":\"/x\"," NO_PATHS
		   "\"args\":[\"x\"],\"args_truncated\":false,\"ret\":0,\"filename_truncated\":true,"
		   WHERE(7) "}\n");
	o.max_args = 1;
	n = make_exec(6, 0, "ls", "/bin/ls", ARGS("ls\0-l\0"), 0);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":6,"
		   "\"ppid\":1,\"uid\":1000," EXEC_IDS "\"comm\":\"ls\",\"filename\":\"/bin/ls\"," NO_PATHS
		   "\"args\":[\"ls\"],\"args_truncated\":true,\"ret\":0," WHERE(6) "}\n");
	o.max_args = 0;

	n = make_exit(42, 3 << 8, "sh", 1500000);
	printed_is(&o, n,
		   "{\"event\":\"exit\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":42,"
		   "\"ppid\":1,\"uid\":0," EXIT_IDS "\"comm\":\"sh\"," NO_PATHS "\"exit_code\":3,\"signal\":null,"
		   "\"duration_ns\":1500000," WHERE(42) "}\n");
	n = make_exit(43, 0x80 | 6, "abrt", 7);
	printed_is(&o, n,
		   "{\"event\":\"exit\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":43,"
		   "\"ppid\":1,\"uid\":0," EXIT_IDS "\"comm\":\"abrt\"," NO_PATHS "\"exit_code\":null,\"signal\":6,"
		   "\"core_dumped\":true,\"duration_ns\":7," WHERE(43) "}\n");
}

/* The 64 hexadecimal digits of a container ID. */
#define CID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* exe, cwd and cgroup: components leaf first, put back together root first. */
static void test_paths(void)
{
	struct print_opts o = base_opts();
	size_t n;

	o.json = true;
	o.boot_id = "B";
	n = make_exec_parts(20, 0, "b", "/a/b", ARGS("b\0"), EXECSNOOP_F_EXE | EXECSNOOP_F_CWD,
			    &(struct parts){ PART(exe, "b\0a\0"), PART(cwd, "alice\0home\0") });
	HAS(&o, n, "\"filename\":\"/a/b\",\"exe\":\"/a/b\",\"exe_truncated\":false,"
		   "\"cwd\":\"/home/alice\",\"cwd_truncated\":false,\"args\":[\"b\"],");
	/* the last component without its NUL */
	n = make_exec_parts(20, 0, "b", "/a/b", ARGS("b\0"), EXECSNOOP_F_EXE,
			    &(struct parts){ PART(exe, "b\0a") });
	HAS(&o, n, "\"exe\":\"/a/b\",\"exe_truncated\":false,\"cwd\":null,");
	/* no component: the root */
	n = make_exec_parts(21, 0, "x", "/x", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_CWD | EXECSNOOP_F_CGROUP_PATH, NULL);
	HAS(&o, n, "\"exe\":\"/\",\"exe_truncated\":false,\"cwd\":\"/\",\"cwd_truncated\":false,");
	HAS(&o, n, "\"cgroup\":\"/\",\"cgroup_truncated\":false,\"unit\":null,"
		   "\"container_id\":null,");
	/* deleted, as /proc/PID/exe shows it */
	n = make_exec_parts(22, 0, "x", "/tmp/x", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_EXE_DELETED | EXECSNOOP_F_CWD |
				    EXECSNOOP_F_CWD_DELETED,
			    &(struct parts){ PART(exe, "x\0tmp\0"), PART(cwd, "gone\0") });
	HAS(&o, n, "\"exe\":\"/tmp/x (deleted)\",\"exe_truncated\":false,"
		   "\"cwd\":\"/gone (deleted)\",\"cwd_truncated\":false,");
	/* a memfd: in no directory */
	n = make_exec_parts(23, 0, "3", "/dev/fd/3", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_EXE_DELETED,
			    &(struct parts){ PART(exe, "memfd:payload\0") });
	HAS(&o, n, "\"filename\":\"/dev/fd/3\",\"exe\":\"/memfd:payload (deleted)\",");
	/* truncated: the last components, no '/' in front */
	n = make_exec_parts(24, 0, "x", "x", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_EXE_TRUNCATED | EXECSNOOP_F_CWD |
				    EXECSNOOP_F_CWD_TRUNCATED | EXECSNOOP_F_CGROUP_PATH |
				    EXECSNOOP_F_CGROUP_TRUNCATED,
			    &(struct parts){ PART(exe, "c\0b\0"), PART(cwd, "d\0"),
					     PART(cgroup, "x.scope\0y\0") });
	HAS(&o, n, "\"exe\":\"b/c\",\"exe_truncated\":true,\"cwd\":\"d\",\"cwd_truncated\":true,");
	HAS(&o, n, "\"cgroup\":\"y/x.scope\",\"cgroup_truncated\":true,\"unit\":\"x.scope\",");
	/* bytes the flags do not claim are skipped, and what follows is in place */
	n = make_exec_parts(25, -2, "sh", "/nope", ARGS("/nope\0"), EXECSNOOP_F_CWD,
			    &(struct parts){ PART(exe, "junk\0"), PART(cwd, "tmp\0"),
					     PART(cgroup, "junk\0") });
	HAS(&o, n, "\"exe\":null,\"exe_truncated\":false,\"cwd\":\"/tmp\",\"cwd_truncated\":false,"
		   "\"args\":[\"/nope\"],");
	HAS(&o, n, "\"cgroup\":null,\"cgroup_truncated\":false,\"unit\":null,");
	/* control characters in a path: JSON escapes, and not lossy */
	n = make_exec_parts(26, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_CWD,
			    &(struct parts){ PART(cwd, "a\nb\x1b[2J\0") });
	HAS(&o, n, "\"cwd\":\"/a\\nb\\u001b[2J\",\"cwd_truncated\":false,");
	LACKS(&o, n, "cwd_base64");
	o.json = false;
	printed_is(&o, n, "x                26      1       0       x\n");
}

/* cgroup paths: the unit and container_id they name. */
static void test_cgroup_fields(void)
{
	struct print_opts o = base_opts();
	size_t n;

	o.json = true;
	o.boot_id = "B";
	n = make_exec_parts(30, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_CGROUP_PATH,
			    &(struct parts){ PART(cgroup, "ssh.service\0system.slice\0") });
	HAS(&o, n, "\"cgroup\":\"/system.slice/ssh.service\",\"cgroup_truncated\":false,"
		   "\"unit\":\"ssh.service\",\"container_id\":null,\"exec_id\":\"B:30:5000:1\",");
	n = make_exec_parts(31, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_CGROUP_PATH,
			    &(struct parts){
				    PART(cgroup, "docker-" CID ".scope\0system.slice\0") });
	HAS(&o, n, "\"cgroup\":\"/system.slice/docker-" CID ".scope\",\"cgroup_truncated\":false,"
		   "\"unit\":\"docker-" CID ".scope\",\"container_id\":\"" CID "\",");
	n = make_exec_parts(32, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_CGROUP_PATH,
			    &(struct parts){ PART(cgroup, "session-3.scope\0user-1000.slice\0"
							  "user.slice\0") });
	HAS(&o, n, "\"cgroup\":\"/user.slice/user-1000.slice/session-3.scope\","
		   "\"cgroup_truncated\":false,\"unit\":\"session-3.scope\","
		   "\"container_id\":null,");
	/* in an exit, with the cgroupfs driver's /docker/ID */
	n = make_exit_cgroup(33, CID "\0docker\0", sizeof(CID "\0docker\0") - 1,
			     EXECSNOOP_F_CGROUP_PATH);
	printed_is(&o, n,
		   "{\"event\":\"exit\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":33,"
		   "\"ppid\":1,\"uid\":0," EXIT_IDS "\"comm\":\"sh\"," NO_PATHS "\"exit_code\":0,"
		   "\"signal\":null,\"duration_ns\":1000,\"cgroup\":\"/docker/" CID "\","
		   "\"cgroup_truncated\":false,\"unit\":null,\"container_id\":\"" CID "\","
		   "\"exec_id\":\"B:33:5000:1\",\"parent_exec_id\":null}\n");
	/* an exit's cgroup bytes without the flag are not a path */
	n = make_exit_cgroup(34, "x\0", 2, 0);
	HAS(&o, n, "\"cgroup\":null,\"cgroup_truncated\":false,\"unit\":null,");
	n = make_exit_cgroup(34, "x\xff\0", 3, EXECSNOOP_F_CGROUP_PATH);
	HAS(&o, n, "\"cgroup\":\"/x\xef\xbf\xbd\",");
	HAS(&o, n, ",\"cgroup_base64\":\"L3j/\"}\n");
}

/* The longest paths a record may carry, each cut and deleted: the decoded
 * path has room for them (run it under ASan). */
static void test_paths_longest(void)
{
	static char big[EXECSNOOP_PATH_MAX];
	struct print_opts o = base_opts();
	struct strbuf sb = STRBUF_INIT;
	struct event_record ev;
	const struct event_path *p[3];
	size_t n, i;

	memset(big, 'a', sizeof(big));
	n = make_exec_parts(40, 0, "x", "/x", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_EXE_DELETED | EXECSNOOP_F_CWD |
				    EXECSNOOP_F_CWD_DELETED | EXECSNOOP_F_CGROUP_PATH,
			    &(struct parts){ .exe = big, .exe_len = sizeof(big), .cwd = big,
					     .cwd_len = sizeof(big), .cgroup = big,
					     .cgroup_len = sizeof(big) });
	CHECK(event_decode(rec, n, &ev) == 0);
	p[0] = &ev.exec.exe;
	p[1] = &ev.exec.cwd;
	p[2] = &ev.exec.ctx.cgroup;
	for (i = 0; i < 3; i++) {
		size_t want = 1 + sizeof(big) + (i < 2 ? sizeof(" (deleted)") - 1 : 0);

		CHECK(p[i]->present && !p[i]->truncated && p[i]->len == want);
		CHECK(p[i]->buf[0] == '/' && p[i]->buf[1] == 'a' && p[i]->buf[sizeof(big)] == 'a');
	}
	CHECK(!memcmp(ev.exec.exe.buf + ev.exec.exe.len - 10, " (deleted)", 10));
	o.json = true;
	print_exec(&sb, &o, &ev.exec);
	CHECK(json_valid(sb.buf, sb.len));
	strbuf_free(&sb);
}

/* The credentials, the audit IDs, the tty and the exec ids. */
static void test_context(void)
{
	static const struct {
		const char *tty, *want;
	} ttys[] = {
		{ "pts3", "\"tty\":\"pts/3\"" },   { "pts12", "\"tty\":\"pts/12\"" },
		{ "tty1", "\"tty\":\"tty1\"" },    { "ttyS0", "\"tty\":\"ttyS0\"" },
		{ "", "\"tty\":null" },            { "ptsX", "\"tty\":\"ptsX\"" },
		{ "pts", "\"tty\":\"pts\"" },      { "pts3a", "\"tty\":\"pts3a\"" },
		{ "console", "\"tty\":\"console\"" },
	};
	struct print_opts o = base_opts();
	struct execsnoop_ctx c;
	size_t n, i;

	o.json = true;
	o.boot_id = "B";
	for (i = 0; i < sizeof(ttys) / sizeof(ttys[0]); i++) {
		n = make_exit(50, 0, "sh", 1000);
		c = ctx_get();
		strcpy(c.tty, ttys[i].tty);
		ctx_put(&c);
		HAS(&o, n, ttys[i].want);
	}
	/* a name that fills the field, with no NUL */
	n = make_exit(50, 0, "sh", 1000);
	c = ctx_get();
	memset(c.tty, 'p', sizeof(c.tty));
	ctx_put(&c);
	HAS(&o, n, "\"tty\":\"pppppppppppppppppppppppppppppppppppppppppppppppp"
		   "pppppppppppppppp\",\"comm\"");

	/* real IDs, and the unset ones as null (make_exit's) */
	n = make_exit(51, 0, "sh", 1000);
	c = ctx_get();
	c.uid = 1000;
	c.gid = 1001;
	c.euid = 0;
	c.egid = 1002;
	c.auid = 1000;
	c.session = 3;
	strcpy(c.tty, "pts0");
	c.parent_exec_id.pid = 4100;
	c.parent_exec_id.start_ns = 86390110000000ULL;
	c.parent_exec_id.execs = 2;
	ctx_put(&c);
	HAS(&o, n, "\"pid\":51,\"ppid\":1,\"uid\":1000,\"gid\":1001,\"euid\":0,\"egid\":1002,"
		   "\"auid\":1000,\"session\":3,\"tty\":\"pts/0\",\"comm\":\"sh\",");
	HAS(&o, n, "\"exec_id\":\"B:51:5000:1\",\"parent_exec_id\":\"B:4100:86390110000000:2\"}\n");
	c.auid = 0;
	c.session = 0;
	ctx_put(&c);
	HAS(&o, n, "\"auid\":0,\"session\":0,");
	c.auid = EXECSNOOP_ID_UNSET - 1;
	c.session = EXECSNOOP_ID_UNSET;
	ctx_put(&c);
	HAS(&o, n, "\"auid\":4294967294,\"session\":null,");
	/* PID 0's children have no parent_exec_id; the largest ids fit */
	c.parent_exec_id.pid = 0;
	c.parent_exec_id.start_ns = 123;
	c.exec_id.pid = UINT32_MAX;
	c.exec_id.start_ns = UINT64_MAX;
	c.exec_id.execs = UINT32_MAX;
	ctx_put(&c);
	HAS(&o, n, "\"exec_id\":\"B:4294967295:18446744073709551615:4294967295\",\"parent_exec_id\":null}\n");
}

/* --env: the named variables, as getenv() would find them. */
static void test_env(void)
{
	static char *const names[] = { "AB", "EMPTY", "TWICE", "GONE", "CUT", "NOEQ", NULL };
	static char *const ab[] = { "AB", NULL };
	static const char env[] = "ABC=1\0AB\0X=AB=3\0AB=2\0EMPTY=\0TWICE=first\0TWICE=second\0"
				  "NOEQ\0CUT=/usr/b";
	struct print_opts o = base_opts();
	size_t n;

	o.json = true;
	o.boot_id = "B";
	o.env_names = names;
	n = make_exec_parts(60, 0, "x", "/x", ARGS("x\0"), 0,
			    &(struct parts){ .env = env, .env_len = sizeof(env) - 1 });
	HAS(&o, n, "\"args_truncated\":false,\"env\":{\"AB\":\"2\",\"EMPTY\":\"\","
		   "\"TWICE\":\"first\"},\"env_truncated\":true,\"ret\":0,");
	LACKS(&o, n, "CUT");	/* its value was cut short: left out, not shown wrong */
	/* a NAME is a whole name, before the first '=' */
	o.env_names = ab;
	n = make_exec_parts(61, 0, "x", "/x", ARGS("x\0"), 0,
			    &(struct parts){ PART(env, "ABC=1\0AB\0A=1\0X=AB=3\0") });
	HAS(&o, n, "\"env\":{},\"env_truncated\":false,\"ret\":0,");
	n = make_exec_parts(61, 0, "x", "/x", ARGS("x\0"), 0,
			    &(struct parts){ PART(env, "ABC=1\0AB") });	/* cut before its '=' */
	HAS(&o, n, "\"env\":{},\"env_truncated\":true,\"ret\":0,");
	n = make_exec_parts(61, 0, "x", "/x", ARGS("x\0"), 0, NULL);
	HAS(&o, n, "\"env\":{},\"env_truncated\":false,\"ret\":0,");
	n = make_exec_parts(61, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_ENV_UNREADABLE, NULL);
	HAS(&o, n, "\"env\":{},\"env_truncated\":true,\"ret\":0,");
	n = make_exec_parts(61, 0, "x", "/x", ARGS("x\0"), EXECSNOOP_F_ENV_TRUNCATED,
			    &(struct parts){ PART(env, "AB=\n\x1b[1m\0") });
	HAS(&o, n, "\"env\":{\"AB\":\"\\n\\u001b[1m\"},\"env_truncated\":true,\"ret\":0,");
	LACKS(&o, n, "env_base64");
	/* a failed exec: the environment passed to it */
	n = make_exec_parts(62, -2, "x", "/nope", ARGS("/nope\0"), 0,
			    &(struct parts){ PART(env, "AB=y\0") });
	HAS(&o, n, "\"env\":{\"AB\":\"y\"},\"env_truncated\":false,\"ret\":-2,"
		   "\"error\":\"ENOENT\",");
	/* without --env, no env field at all */
	o.env_names = NULL;
	LACKS(&o, n, "\"env");
}

/* Bytes that are not UTF-8 in every new string: U+FFFD, and the exact bytes
 * in base64. */
static void test_new_fields_base64(void)
{
	static char *const names[] = { "V", "W", "GONE", NULL };
	struct print_opts o = base_opts();
	size_t n;

	o.json = true;
	o.boot_id = "B";
	o.env_names = names;
	n = make_exec_parts(70, 0, "x", "/x", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_CWD | EXECSNOOP_F_CGROUP_PATH,
			    &(struct parts){ PART(exe, "\xff\0tmp\0"), PART(cwd, "d\xfe\0"),
					     PART(cgroup, "c\xfd\0"),
					     PART(env, "V=\x80\0W=ok\0") });
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":70,"
		   "\"ppid\":1,\"uid\":1000," EXEC_IDS "\"comm\":\"x\",\"filename\":\"/x\","
		   "\"exe\":\"/tmp/\xef\xbf\xbd\",\"exe_truncated\":false,"
		   "\"cwd\":\"/d\xef\xbf\xbd\",\"cwd_truncated\":false,\"args\":[\"x\"],"
		   "\"args_truncated\":false,\"env\":{\"V\":\"\xef\xbf\xbd\",\"W\":\"ok\"},"
		   "\"env_truncated\":false,\"ret\":0,\"cgroup\":\"/c\xef\xbf\xbd\","
		   "\"cgroup_truncated\":false,\"unit\":null,\"container_id\":null,"
		   "\"exec_id\":\"B:70:5000:1\",\"parent_exec_id\":null,\"exe_base64\":\"L3RtcC//\","
		   "\"cwd_base64\":\"L2T+\",\"cgroup_base64\":\"L2P9\","
		   "\"env_base64\":{\"V\":\"gA==\",\"W\":\"b2s=\"}}\n");
	/* deleted: the base64 is of the field's text, " (deleted)" included */
	n = make_exec_parts(71, 0, "x", "/x", ARGS("x\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_EXE_DELETED,
			    &(struct parts){ PART(exe, "\xff\0") });
	HAS(&o, n, "\"exe\":\"/\xef\xbf\xbd (deleted)\",");
	HAS(&o, n, "\"exe_base64\":\"L/8gKGRlbGV0ZWQp\"}\n");
	LACKS(&o, n, "cwd_base64");
}

/* Everything together, as the man page's example shows an exec. */
static void test_json_all_fields(void)
{
	static char *const names[] = { "LD_PRELOAD", "TERM", NULL };
	struct print_opts o = base_opts();
	struct execsnoop_ctx c;
	size_t n;

	o.json = true;
	o.boot_id = "5e0f-9b1c";
	o.env_names = names;
	n = make_exec_parts(4242, 0, "ls", "/bin/ls", ARGS("ls\0-l\0"),
			    EXECSNOOP_F_EXE | EXECSNOOP_F_CWD | EXECSNOOP_F_CGROUP_PATH,
			    &(struct parts){ PART(exe, "ls\0bin\0usr\0"),
					     PART(cwd, "alice\0home\0"),
					     PART(cgroup, "session-3.scope\0user-1000.slice\0"
							  "user.slice\0"),
					     PART(env, "HOME=/home/alice\0"
						       "LD_PRELOAD=/tmp/x.so\0") });
	c = ctx_get();
	c.auid = 1000;
	c.session = 3;
	strcpy(c.tty, "pts0");
	c.exec_id.start_ns = 86400123456789ULL;
	c.parent_exec_id.pid = 4100;
	c.parent_exec_id.start_ns = 86390110000000ULL;
	c.parent_exec_id.execs = 2;
	ctx_put(&c);
	printed_is(&o, n,
		   "{\"event\":\"exec\",\"time\":\"2023-11-14T22:13:20.001500Z\",\"pid\":4242,"
		   "\"ppid\":1,\"uid\":1000,\"gid\":100,\"euid\":1000,\"egid\":100,\"auid\":1000,"
		   "\"session\":3,\"tty\":\"pts/0\",\"comm\":\"ls\",\"filename\":\"/bin/ls\","
		   "\"exe\":\"/usr/bin/ls\",\"exe_truncated\":false,\"cwd\":\"/home/alice\","
		   "\"cwd_truncated\":false,\"args\":[\"ls\",\"-l\"],\"args_truncated\":false,"
		   "\"env\":{\"LD_PRELOAD\":\"/tmp/x.so\"},\"env_truncated\":false,\"ret\":0,"
		   "\"cgroup\":\"/user.slice/user-1000.slice/session-3.scope\","
		   "\"cgroup_truncated\":false,\"unit\":\"session-3.scope\",\"container_id\":null,"
		   "\"exec_id\":\"5e0f-9b1c:4242:86400123456789:1\","
		   "\"parent_exec_id\":\"5e0f-9b1c:4100:86390110000000:2\"}\n");
	/* the human line is what it was */
	o.json = false;
	printed_is(&o, n, "ls               4242    1       0       ls -l\n");
}

static void test_lost(void)
{
	struct print_opts o = base_opts();
	struct strbuf sb = STRBUF_INIT;

	print_lost(&sb, &o, 1500000, 12, LOST_RING_FULL);
	CHECK_STR(strbuf_str(&sb), "LOST 12 events: the ring buffer was full\n");
	strbuf_reset(&sb);
	print_lost(&sb, &o, 1500000, 2, LOST_SKIPPED);
	CHECK_STR(strbuf_str(&sb),
		  "LOST 2 events: the kernel skipped the probe (another run of it was preempted)\n");
	strbuf_reset(&sb);
	o.json = true;
	print_lost(&sb, &o, 1500000, 12, LOST_RING_FULL);
	CHECK_STR(strbuf_str(&sb), "{\"event\":\"lost\",\"time\":\"2023-11-14T22:13:20.001500Z\","
		  "\"count\":12,\"reason\":\"ring_buffer_full\"}\n");
	strbuf_reset(&sb);
	print_lost(&sb, &o, 1500000, 2, LOST_SKIPPED);
	CHECK_STR(strbuf_str(&sb), "{\"event\":\"lost\",\"time\":\"2023-11-14T22:13:20.001500Z\","
		  "\"count\":2,\"reason\":\"probe_skipped\"}\n");
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

/* A length field of the record at its offset, set to v. */
static void set_len(size_t off, size_t width, uint32_t v)
{
	uint16_t v16 = (uint16_t)v;

	if (width == 2)
		memcpy(rec + off, &v16, 2);
	else
		memcpy(rec + off, &v, 4);
}

/* exe_len, cwd_len, cgroup_len, env_len: beyond their maximum, or beyond
 * the record, the record is rejected. */
static void test_malformed_parts(void)
{
	static const struct {
		const char *name;
		size_t off, width;
		uint32_t max;
		struct parts p;
	} fields[] = {
		{ "exe_len", offsetof(struct execsnoop_exec, exe_len), 2, EXECSNOOP_PATH_MAX,
		  { PART(exe, "b\0a\0") } },
		{ "cwd_len", offsetof(struct execsnoop_exec, cwd_len), 2, EXECSNOOP_PATH_MAX,
		  { PART(cwd, "b\0a\0") } },
		{ "cgroup_len", offsetof(struct execsnoop_exec, cgroup_len), 2, EXECSNOOP_PATH_MAX,
		  { PART(cgroup, "b\0a\0") } },
		{ "env_len", offsetof(struct execsnoop_exec, env_len), 4, EXECSNOOP_ENV_MAX,
		  { PART(env, "A=1\0") } },
	};
	uint32_t all = EXECSNOOP_F_EXE | EXECSNOOP_F_CWD | EXECSNOOP_F_CGROUP_PATH;
	struct event_record ev;
	size_t i, n;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		/* the field is the record's last bytes: no arguments */
		n = make_exec_parts(1, 0, "x", "/x", "", 0, all, &fields[i].p);
		if (event_decode(rec, n, &ev) != 0)
			fprintf(stderr, "%s: a good record rejected\n", fields[i].name);
		CHECK(event_decode(rec, n, &ev) == 0);
		if (event_decode(rec, n - 1, &ev) != -1)
			fprintf(stderr, "%s: one byte beyond the record taken\n", fields[i].name);
		CHECK(event_decode(rec, n - 1, &ev) == -1);
		/* at its maximum, in a record that has the bytes: taken */
		set_len(fields[i].off, fields[i].width, fields[i].max);
		memset(rec + n, 'a', sizeof(rec) - n);
		CHECK(event_decode(rec, sizeof(rec), &ev) == 0);
		set_len(fields[i].off, fields[i].width, fields[i].max + 1);
		if (event_decode(rec, sizeof(rec), &ev) != -1)
			fprintf(stderr, "%s: beyond its maximum taken\n", fields[i].name);
		CHECK(event_decode(rec, sizeof(rec), &ev) == -1);
		set_len(fields[i].off, fields[i].width, fields[i].width == 2 ? 0xffff : 0xffffffff);
		CHECK(event_decode(rec, sizeof(rec), &ev) == -1);
	}
	/* an exit's cgroup_len */
	n = make_exit_cgroup(1, "b\0a\0", 4, EXECSNOOP_F_CGROUP_PATH);
	CHECK(event_decode(rec, n, &ev) == 0);
	CHECK(event_decode(rec, n - 1, &ev) == -1);
	memset(rec + n, 'a', sizeof(rec) - n);
	set_len(offsetof(struct execsnoop_exit, cgroup_len), 2, EXECSNOOP_PATH_MAX);
	CHECK(event_decode(rec, sizeof(rec), &ev) == 0);
	set_len(offsetof(struct execsnoop_exit, cgroup_len), 2, EXECSNOOP_PATH_MAX + 1);
	CHECK(event_decode(rec, sizeof(rec), &ev) == -1);
}

/* Random headers and payloads: decoding never reads out of bounds (run it
 * under ASan), human output is one line, JSON output one valid object. */
static void test_random_records(void)
{
	static char *const names[] = { "A", "AB", "PATH", NULL };
	struct print_opts o = base_opts();
	struct strbuf sb = STRBUF_INIT;
	struct event_record ev;
	int i, execs = 0, exits = 0;

	o.boot_id = "B";
	for (i = 0; i < 20000; i++) {
		size_t size = check_rand() % 900, k, room;
		struct execsnoop_exec *e = (struct execsnoop_exec *)rec;

		for (k = 0; k < size; k++)
			rec[k] = (unsigned char)check_rand();
		if (size >= sizeof(*e) && check_rand() % 2) {
			/* mostly plausible headers, to reach the printers: every
			 * flag, and lengths that mostly fit */
			room = (size - sizeof(*e)) / 4 + 8;
			e->type = (uint8_t)(1 + check_rand() % 2);
			e->flags = check_rand();
			e->filename_len = (uint16_t)(check_rand() % 64);
			e->exe_len = (uint16_t)(check_rand() % room);
			e->cwd_len = (uint16_t)(check_rand() % room);
			e->cgroup_len = (uint16_t)(check_rand() % room);
			e->args_len = (uint32_t)(check_rand() % room);
			e->env_len = (uint32_t)(check_rand() % room);
			check_rand_bytes((char *)rec + sizeof(*e), size - sizeof(*e));
			/* NULs, to part components and strings */
			for (k = sizeof(*e); k < size; k++)
				if (check_rand() % 5 == 0)
					rec[k] = '\0';
			if (e->type == EXECSNOOP_EXIT) {
				/* its cgroup_len is where an exec's filename_len is */
				struct execsnoop_exit *x = (struct execsnoop_exit *)rec;

				x->cgroup_len = (uint16_t)(check_rand() % room);
			}
		}
		if (event_decode(rec, size, &ev))
			continue;
		strbuf_reset(&sb);
		o.json = i % 2;
		o.quote = i % 3 == 0;
		o.env_names = i % 4 < 2 ? names : NULL;
		if (ev.type == EXECSNOOP_EXEC) {
			print_exec(&sb, &o, &ev.exec);
			execs++;
		} else {
			print_exit(&sb, &o, &ev.exit);
			exits++;
		}
		CHECK(sb.len > 0 && sb.buf[sb.len - 1] == '\n');
		CHECK(memchr(sb.buf, '\n', sb.len) == sb.buf + sb.len - 1);
		if (o.json)
			CHECK(json_valid(sb.buf, sb.len));
	}
	/* the printers were reached, not every record rejected */
	fprintf(stderr, "random records: %d execs and %d exits printed\n", execs, exits);
	CHECK(execs > 100 && exits > 100);
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
	test_paths();
	test_cgroup_fields();
	test_paths_longest();
	test_context();
	test_env();
	test_new_fields_base64();
	test_json_all_fields();
	test_lost();
	test_malformed();
	test_malformed_parts();
	test_random_records();
	return check_done("test_event");
}
