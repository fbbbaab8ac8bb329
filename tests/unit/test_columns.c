// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for execsnoop_columns.c: -o lists parsed (and refused), and
 * exec and exit events printed as exactly the named columns, with '-'
 * where a column does not apply or has no value, and every byte from the
 * traced process escaped.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "execsnoop_columns.h"
#include "execsnoop_event.h"
#include "execsnoop_print.h"

#define BOOT_ID "5e0f1c2d-0000-4000-8000-00000000a9b1"
#define CONTAINER "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* Large (paths of 4 KiB), so kept out of the stack. */
static struct exec_record ex;
static struct exit_record xt;

static void set_path(struct event_path *p, const char *s)
{
	p->present = true;
	p->len = strlen(s);
	memcpy(p->buf, s, p->len);
}

static void set_ctx(struct event_ctx *c, uint32_t pid)
{
	memset(c, 0, sizeof(*c));
	c->uid = 1000;
	c->gid = 100;
	c->euid = 0;
	c->egid = 100;
	c->auid = 1000;
	c->session = 3;
	memcpy(c->tty, "pts3", 4);
	c->tty_len = 4;
	set_path(&c->cgroup, "/user.slice/user-1000.slice/session-3.scope");
	c->exec_id.pid = pid;
	c->exec_id.start_ns = 86400123456789ULL;
	c->exec_id.execs = 1;
	c->parent_exec_id.pid = 4100;
	c->parent_exec_id.start_ns = 86390110000000ULL;
	c->parent_exec_id.execs = 2;
}

/* ls -l /tmp, pid 4242, run from /home/alice. */
static void make_exec(void)
{
	static const char args[] = "ls\0-l\0/tmp";

	memset(&ex, 0, sizeof(ex));
	ex.pid = 4242;
	ex.ppid = 4100;
	ex.uid = 1000;
	ex.ts_ns = 1500000;
	memcpy(ex.comm, "ls", 2);
	ex.comm_len = 2;
	ex.filename = "/bin/ls";
	ex.filename_len = 7;
	ex.args = args;
	ex.args_len = sizeof(args);
	set_path(&ex.exe, "/usr/bin/ls");
	set_path(&ex.cwd, "/home/alice");
	set_ctx(&ex.ctx, 4242);
}

static void make_exit(int32_t status)
{
	memset(&xt, 0, sizeof(xt));
	xt.pid = 4242;
	xt.ppid = 4100;
	xt.uid = 1000;
	xt.status = status;
	xt.ts_ns = 1500000;
	xt.duration_ns = 1843210;
	memcpy(xt.comm, "ls", 2);
	xt.comm_len = 2;
	set_ctx(&xt.ctx, 4242);
}

/* 2023-11-14T22:13:20Z in CLOCK_REALTIME is 1.5 ms after the events' clock. */
static struct print_opts opts(const char *list)
{
	struct print_opts o;
	const char *bad;
	size_t len;

	memset(&o, 0, sizeof(o));
	o.realtime_offset_ns = 1700000000000000000LL - 1500000;
	o.boot_id = BOOT_ID;
	CHECK(columns_parse(&o.columns, list, &bad, &len) == COLUMNS_OK);
	return o;
}

static void exec_is(const struct print_opts *o, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	print_exec(&sb, o, &ex);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	strbuf_free(&sb);
}

static void exit_is(const struct print_opts *o, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	print_exit(&sb, o, &xt);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	strbuf_free(&sb);
}

static void header_is(const struct print_opts *o, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	print_header(&sb, o);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	strbuf_free(&sb);
}

static void test_parse(void)
{
	struct columns c = { 0 };
	const char *bad = NULL;
	size_t len = 0, i;
	char many[COLUMNS_MAX * 4 + 8] = "";

	CHECK(columns_parse(&c, "pid,comm", &bad, &len) == COLUMNS_OK);
	CHECK(c.n == 2);
	/* a second -o appends, and a name may come twice, as with ps */
	CHECK(columns_parse(&c, "pid", &bad, &len) == COLUMNS_OK);
	CHECK(c.n == 3 && c.id[0] == c.id[2] && c.id[0] != c.id[1]);

	/* refused lists leave the columns as they were */
	CHECK(columns_parse(&c, "pid,Comm,exe", &bad, &len) == COLUMNS_UNKNOWN);
	CHECK_MEM(bad, len, "Comm");
	CHECK(columns_parse(&c, "env", &bad, &len) == COLUMNS_UNKNOWN);
	CHECK(columns_parse(&c, "args_truncated", &bad, &len) == COLUMNS_UNKNOWN);
	CHECK(columns_parse(&c, "comm_base64", &bad, &len) == COLUMNS_UNKNOWN);
	CHECK(columns_parse(&c, "", &bad, &len) == COLUMNS_EMPTY);
	CHECK(columns_parse(&c, "pid,", &bad, &len) == COLUMNS_EMPTY);
	CHECK(columns_parse(&c, ",pid", &bad, &len) == COLUMNS_EMPTY);
	CHECK(columns_parse(&c, "pid,,comm", &bad, &len) == COLUMNS_EMPTY);
	CHECK(c.n == 3);

	for (i = 0; i < COLUMNS_MAX - 3; i++)
		strcat(many, i ? ",pid" : "pid");
	CHECK(columns_parse(&c, many, &bad, &len) == COLUMNS_OK);
	CHECK(c.n == COLUMNS_MAX);
	CHECK(columns_parse(&c, "pid", &bad, &len) == COLUMNS_TOO_MANY);
	CHECK(c.n == COLUMNS_MAX);

	CHECK_STR(columns_valid_names(),
		  "event,time,pid,ppid,uid,gid,euid,egid,auid,session,tty,comm,filename,exe,cwd,"
		  "args,ret,error,exit_code,signal,duration_ns,cgroup,unit,container_id,exec_id,"
		  "parent_exec_id");
	/* every valid name parses */
	memset(&c, 0, sizeof(c));
	CHECK(columns_parse(&c, columns_valid_names(), &bad, &len) == COLUMNS_OK);
	CHECK(c.n == 26);
}

static void test_header(void)
{
	struct print_opts o = opts("pid,comm,exe,cwd,args");

	header_is(&o, "PID     COMM             EXE                     CWD                     ARGS\n");
	o = opts("exit_code,duration_ns,parent_exec_id");
	header_is(&o, "EXIT_CODE DURATION_NS  PARENT_EXEC_ID\n");
	/* the last column is not padded, even alone */
	o = opts("pid");
	header_is(&o, "PID\n");
	/* no header in JSON (-o with -j is refused earlier, but stay safe) */
	o.json = true;
	header_is(&o, "");
}

static void test_exec(void)
{
	struct print_opts o = opts("pid,comm,exe,cwd,args");

	make_exec();
	exec_is(&o, "4242    ls               /usr/bin/ls             /home/alice             ls -l /tmp\n");

	o = opts("event,time,ppid,uid,gid,euid,egid,auid,session,tty");
	setenv("TZ", "UTC", 1);
	tzset();
	exec_is(&o, "exec  22:13:20 4100    1000   100    0      100    1000   3       pts/3\n");

	o = opts("filename,ret,error,exit_code,signal,duration_ns,unit,container_id");
	exec_is(&o, "/bin/ls                 0    -       -         -       -            "
		    "session-3.scope         -\n");

	o = opts("cgroup,exec_id,parent_exec_id");
	exec_is(&o, "/user.slice/user-1000.slice/session-3.scope "
		    BOOT_ID ":4242:86400123456789:1      "
		    BOOT_ID ":4100:86390110000000:2\n");

	/* a container, and no parent program (a child of PID 0) */
	set_path(&ex.ctx.cgroup, "/system.slice/docker-" CONTAINER ".scope");
	ex.ctx.parent_exec_id.pid = 0;
	o = opts("container_id,unit,parent_exec_id");
	exec_is(&o, CONTAINER " docker-" CONTAINER ".scope -\n");

	/* args where it is not last: padded, and --max-args and -q apply */
	make_exec();
	o = opts("args,pid");
	exec_is(&o, "ls -l /tmp                      4242\n");
	o.max_args = 2;
	exec_is(&o, "ls -l ...                       4242\n");
}

/* A failed exec has no exe; unset audit IDs, no tty, no cgroup are null. */
static void test_exec_nulls(void)
{
	struct print_opts o = opts("ret,error,exe,cwd,auid,session,tty,cgroup,unit,container_id");

	make_exec();
	ex.ret = -2;
	ex.exe.present = false;
	ex.ctx.auid = ex.ctx.session = EXECSNOOP_ID_UNSET;
	ex.ctx.tty_len = 0;
	ex.ctx.cgroup.present = false;
	exec_is(&o, "-2   ENOENT  -                       /home/alice             -      -       "
		    "-       -                                       -                       -\n");
	/* a ret that is no errno has a number but no name */
	ex.ret = -5000;
	o = opts("ret,error");
	exec_is(&o, "-5000 -\n");
	/* no arguments: the file name, as in the default line */
	ex.ret = 0;
	ex.args_len = 0;
	o = opts("args");
	exec_is(&o, "[no arguments] /bin/ls\n");
}

static void test_exit(void)
{
	struct print_opts o = opts("event,pid,comm,filename,exe,cwd,args,ret,error,exit_code,signal");

	make_exit(3 << 8);
	exit_is(&o, "exit  4242    ls               -                       -                       "
		    "-                       -                               -    -       3         -\n");
	o = opts("exit_code,signal,duration_ns,exec_id");
	exit_is(&o, "3         -       1843210      " BOOT_ID ":4242:86400123456789:1\n");
	make_exit(9);
	exit_is(&o, "-         SIGKILL 1843210      " BOOT_ID ":4242:86400123456789:1\n");
	/* wider than its column: still a separator */
	make_exit(0x80 | 11);
	exit_is(&o, "-         SIGSEGV+core 1843210      " BOOT_ID ":4242:86400123456789:1\n");
	o = opts("signal");
	exit_is(&o, "SIGSEGV+core\n");
}

/* comm, filename, exe, cwd, args, tty, cgroup and unit come from the
 * traced process: escaped, or shell-quoted with -q. */
static void test_escaped(void)
{
	struct print_opts o = opts("comm,cwd,exe,tty,cgroup,args");

	make_exec();
	memcpy(ex.comm, "a\x1b[31m\n", 7);
	ex.comm_len = 7;
	set_path(&ex.cwd, "/tmp/a b\nX");
	set_path(&ex.exe, "/tmp/\x9b" "2J");
	memcpy(ex.ctx.tty, "t\r", 2);
	ex.ctx.tty_len = 2;
	set_path(&ex.ctx.cgroup, "/x\xe2\x80\xae.service");
	exec_is(&o, "a\\e[31m\\n        /tmp/a b\\nX             /tmp/\\x9b2J             t\\r     "
		    "/x\\u202e.service                        ls -l /tmp\n");
	o = opts("unit");
	exec_is(&o, "-\n");	/* U+202E is no unit name */
	set_path(&ex.ctx.cgroup, "/a\\b.service");
	exec_is(&o, "a\\\\b.service\n");

	o = opts("cwd,filename,args");
	o.quote = true;
	ex.filename = "/bin/l s";
	ex.filename_len = 8;
	exec_is(&o, "$'/tmp/a b\\nX'          '/bin/l s'              ls -l /tmp\n");
}

/* Whatever the bytes, one line without a control character. */
static void test_random(void)
{
	char comm[EXECSNOOP_COMM_LEN], args[64], filename[32], path[48];
	struct print_opts o = opts(columns_valid_names());
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;
	int round;

	for (round = 0; round < 2000; round++) {
		make_exec();
		check_rand_bytes(comm, sizeof(comm));
		check_rand_bytes(args, sizeof(args));
		check_rand_bytes(filename, sizeof(filename));
		check_rand_bytes(path, sizeof(path));
		memcpy(ex.comm, comm, sizeof(comm));
		ex.comm_len = sizeof(comm);
		ex.args = args;
		ex.args_len = sizeof(args);
		ex.filename = filename;
		ex.filename_len = sizeof(filename);
		memcpy(ex.cwd.buf, path, sizeof(path));
		ex.cwd.len = sizeof(path);
		memcpy(ex.ctx.cgroup.buf, path, sizeof(path));
		ex.ctx.cgroup.len = sizeof(path);
		memcpy(ex.ctx.tty, path, 8);
		ex.ctx.tty_len = 8;
		o.quote = round & 1;
		strbuf_reset(&sb);
		print_exec(&sb, &o, &ex);
		CHECK(sb.len && sb.buf[sb.len - 1] == '\n');
		for (i = 0, k = 0; i + 1 < sb.len; i++)
			if ((unsigned char)sb.buf[i] < 0x20 || sb.buf[i] == 0x7f)
				k++;
		CHECK(k == 0);
	}
	strbuf_free(&sb);
}

int main(void)
{
	test_parse();
	test_header();
	test_exec();
	test_exec_nulls();
	test_exit();
	test_escaped();
	test_random();
	return check_done("test_columns");
}
