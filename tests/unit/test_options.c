// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for execsnoop_options.c: each option gives the fields it
 * should, and each bad usage ends the process with status 64, nothing on
 * stdout, and on stderr exactly the message and argp's usage hint.  argp
 * exits on bad usage, so those cases run in a child.
 */
#include "config.h"

#include <errno.h>
#include <mntent.h>
#include <pthread.h>
#include <regex.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "execsnoop_options.h"
#include "tool.h"

#define HINT "Try `execsnoop --help' or `execsnoop --usage' for more information.\n"

/* Static, as is main()'s in effect: what a child that argp ends holds is
 * still reachable then, and LeakSanitizer does not report it. */
static struct execsnoop_opts opts;
static char *argv_store[32];

/* Parse execsnoop ARGS... (NULL-terminated) into opts. */
static int parse_args(const char *arg, ...)
{
	va_list ap;
	int argc = 0;

	argv_store[argc++] = (char *)"execsnoop";
	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *))
		argv_store[argc++] = (char *)arg;
	va_end(ap);
	argv_store[argc] = NULL;
	return options_parse(&opts, argc, argv_store);
}
#define PARSE(...) parse_args(__VA_ARGS__, (const char *)NULL)

/* All of a pipe, into buf. */
static void read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
}

/* Run PARSE(...) in a child: its exit status, stdout and stderr.  A parse
 * that returns ends the child with 0 (or 1 if options_parse failed). */
#define RUN(res, ...) run_child(res, __VA_ARGS__, (const char *)NULL)
struct child_result {
	int status;	/* the exit status, or -1 if it did not exit */
	char out[16384], err[4096];	/* --help is over 4 KiB */
};

static void run_child(struct child_result *res, const char *arg, ...)
{
	int out[2], err[2], wstatus, argc = 0;
	va_list ap;
	pid_t pid;

	argv_store[argc++] = (char *)"execsnoop";
	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *))
		argv_store[argc++] = (char *)arg;
	va_end(ap);
	argv_store[argc] = NULL;

	fflush(NULL);
	if (pipe(out) || pipe(err) || (pid = fork()) < 0) {
		perror("setup: pipe or fork");
		exit(99);
	}
	if (pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(err[1], STDERR_FILENO);
		close(out[0]);
		close(out[1]);
		close(err[0]);
		close(err[1]);
		exit(options_parse(&opts, argc, argv_store) ? 1 : 0);
	}
	close(out[1]);
	close(err[1]);
	/* The messages are small: both fit in a pipe while the child runs. */
	read_all(out[0], res->out, sizeof(res->out));
	read_all(err[0], res->err, sizeof(res->err));
	waitpid(pid, &wstatus, 0);
	res->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

/* Bad usage: status 64, nothing on stdout, the message and the hint. */
static void check_bad_line(int line, const char *msg, struct child_result *res)
{
	char want[1024];

	snprintf(want, sizeof(want), "execsnoop: %s\n" HINT, msg);
	if (res->status != 64 || res->out[0] || strcmp(res->err, want)) {
		fprintf(stderr, "%s:%d: status %d, stdout \"%s\", stderr \"%s\"\n", __FILE__, line,
			res->status, res->out, res->err);
		fprintf(stderr, "%*swant 64, \"\", \"%s\"\n", (int)strlen(__FILE__) + 4, "", want);
		check_failures++;
	}
}
#define BAD(msg, ...)                                          \
	do {                                                   \
		struct child_result _res;                      \
		RUN(&_res, __VA_ARGS__);                       \
		check_bad_line(__LINE__, (msg), &_res);        \
	} while (0)

static void test_defaults(void)
{
	CHECK(PARSE(NULL) == 0);
	CHECK(!opts.verbose && !opts.fails && !opts.exits && opts.min_duration_ms == 0);
	CHECK(!opts.filter_uid && opts.pid == 0 && opts.ppid == 0);
	CHECK(!opts.have_name && !opts.have_line);
	CHECK(opts.cgroup_path == NULL && opts.cgroup_fd == -1);
	CHECK(opts.command == NULL && opts.btf_path == NULL);
	CHECK(opts.ringbuf_bytes == 4u << 20);
	CHECK(!opts.print.json && !opts.print.timestamp && !opts.print.wallclock);
	CHECK(!opts.print.print_uid && !opts.print.quote && opts.print.max_args == 0);
	/* -e reaches the printer through opts.exits, not print.exits */
	CHECK(!opts.print.exits);
	options_free(&opts);
}

static void test_report(void)
{
	CHECK(PARSE("-x") == 0 && opts.fails && !opts.exits);
	options_free(&opts);
	CHECK(PARSE("--fails") == 0 && opts.fails);
	options_free(&opts);
	CHECK(PARSE("-e") == 0 && opts.exits && !opts.fails && opts.min_duration_ms == 0);
	options_free(&opts);
	CHECK(PARSE("--exits") == 0 && opts.exits);
	options_free(&opts);
	/* -d implies -e */
	CHECK(PARSE("-d", "1000") == 0 && opts.exits && opts.min_duration_ms == 1000);
	options_free(&opts);
	CHECK(PARSE("--min-duration=0") == 0 && opts.exits && opts.min_duration_ms == 0);
	options_free(&opts);
	CHECK(PARSE("-d", "18446744073709") == 0 && opts.min_duration_ms == 18446744073709ull);
	options_free(&opts);
	CHECK(PARSE("-xe") == 0 && opts.fails && opts.exits);
	options_free(&opts);
}

static void test_which(void)
{
	char self[32], parent[32];

	snprintf(self, sizeof(self), "%d", (int)getpid());
	snprintf(parent, sizeof(parent), "%d", (int)getppid());

	CHECK(PARSE("-u", "root") == 0 && opts.filter_uid && opts.uid == 0);
	options_free(&opts);
	CHECK(PARSE("--uid=1234") == 0 && opts.filter_uid && opts.uid == 1234);
	options_free(&opts);
	CHECK(PARSE("-u", "0") == 0 && opts.filter_uid && opts.uid == 0);
	options_free(&opts);
	CHECK(PARSE("-u", "4294967294") == 0 && opts.uid == 4294967294u);
	options_free(&opts);
	CHECK(PARSE("-u", "5", "-u", "6") == 0 && opts.uid == 6);	/* the last one */
	options_free(&opts);

	CHECK(PARSE("-p", self) == 0 && opts.pid == getpid() && opts.ppid == 0);
	options_free(&opts);
	CHECK(PARSE("--ppid", parent) == 0 && opts.ppid == getppid() && opts.pid == 0);
	options_free(&opts);

	CHECK(PARSE("-n", "^(ba)?sh$") == 0 && opts.have_name && !opts.have_line);
	CHECK(opts.have_name && regexec(&opts.name_re, "bash", 0, NULL, 0) == 0);
	CHECK(opts.have_name && regexec(&opts.name_re, "sh", 0, NULL, 0) == 0);
	CHECK(opts.have_name && regexec(&opts.name_re, "zsh", 0, NULL, 0) == REG_NOMATCH);
	options_free(&opts);
	CHECK(!opts.have_name && !opts.have_line);
	CHECK(PARSE("-l", "curl.*http") == 0 && opts.have_line && !opts.have_name);
	CHECK(opts.have_line && regexec(&opts.line_re, "curl -s http://x", 0, NULL, 0) == 0);
	CHECK(opts.have_line && regexec(&opts.line_re, "http curl", 0, NULL, 0) == REG_NOMATCH);
	options_free(&opts);
	/* a second -n replaces the first */
	CHECK(PARSE("-n", "^a$", "-n", "^b$") == 0 && opts.have_name);
	CHECK(opts.have_name && regexec(&opts.name_re, "b", 0, NULL, 0) == 0);
	CHECK(opts.have_name && regexec(&opts.name_re, "a", 0, NULL, 0) == REG_NOMATCH);
	options_free(&opts);
}

/* A cgroup v2 mount, if this system has one. */
static int find_cgroup2(char *buf, size_t size)
{
	struct mntent *m;
	FILE *f = setmntent("/proc/self/mounts", "re");
	int found = 0;

	while (f && !found && (m = getmntent(f)))
		if (!strcmp(m->mnt_type, "cgroup2"))
			found = snprintf(buf, size, "%s", m->mnt_dir) < (int)size;
	if (f)
		endmntent(f);
	return found;
}

static void test_cgroup(void)
{
	char dir[4096];

	if (!find_cgroup2(dir, sizeof(dir))) {
		printf("test_options: no cgroup v2 mount, -c with a cgroup not tested\n");
		return;
	}
	CHECK(PARSE("-c", dir) == 0 && opts.cgroup_fd >= 0);
	CHECK(opts.cgroup_path && !strcmp(opts.cgroup_path, dir));
	options_free(&opts);
	CHECK(opts.cgroup_fd == -1);
}

static void test_output(void)
{
	CHECK(PARSE("-j") == 0 && opts.print.json);
	options_free(&opts);
	CHECK(PARSE("-tTUqv") == 0 && opts.print.timestamp && opts.print.wallclock &&
	      opts.print.print_uid && opts.print.quote && opts.verbose && !opts.print.json);
	options_free(&opts);
	CHECK(PARSE("--max-args=3") == 0 && opts.print.max_args == 3);
	options_free(&opts);
	CHECK(PARSE("--max-args", "4294967295") == 0 && opts.print.max_args == 4294967295u);
	options_free(&opts);
	/* the file is read when the tool loads, not when it parses */
	CHECK(PARSE("--btf=/nonexistent/vmlinux") == 0 && opts.btf_path &&
	      !strcmp(opts.btf_path, "/nonexistent/vmlinux"));
	options_free(&opts);
}

static void test_buffer_size(void)
{
	static const struct {
		const char *arg;
		uint32_t bytes;
	} cases[] = {
		{ "256K", 256u << 10 },		/* the minimum */
		{ "262144", 256u << 10 },
		{ "262145", 512u << 10 },	/* rounded up to a power of two */
		{ "300K", 512u << 10 },
		{ "1000000", 1u << 20 },
		{ "4M", 4u << 20 },
		{ "5m", 8u << 20 },
		{ "1023M", 1u << 30 },
		{ "1G", 1u << 30 },		/* the maximum */
		{ "1073741824", 1u << 30 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(PARSE("--buffer-size", cases[i].arg) == 0);
		if (opts.ringbuf_bytes != cases[i].bytes) {
			fprintf(stderr, "%s:%d: --buffer-size %s: %u bytes, want %u\n", __FILE__,
				__LINE__, cases[i].arg, opts.ringbuf_bytes, cases[i].bytes);
			check_failures++;
		}
		options_free(&opts);
	}
}

static void test_command(void)
{
	char self[32];

	snprintf(self, sizeof(self), "%d", (int)getpid());

	/* options after COMMAND are its own */
	CHECK(PARSE("-e", "--", "make", "-j4") == 0 && opts.exits && !opts.print.json);
	CHECK(opts.command && !strcmp(opts.command[0], "make") && !strcmp(opts.command[1], "-j4") &&
	      opts.command[2] == NULL);
	options_free(&opts);
	/* the first operand starts COMMAND, with or without "--" */
	CHECK(PARSE("-x", "true", "-e", "--", "x") == 0 && opts.fails && !opts.exits);
	CHECK(opts.command && !strcmp(opts.command[0], "true") && !strcmp(opts.command[1], "-e") &&
	      !strcmp(opts.command[2], "--") && !strcmp(opts.command[3], "x") &&
	      opts.command[4] == NULL);
	options_free(&opts);
	CHECK(PARSE("--", "-x") == 0 && !opts.fails);
	CHECK(opts.command && !strcmp(opts.command[0], "-x") && opts.command[1] == NULL);
	options_free(&opts);
	CHECK(PARSE("--") == 0 && opts.command == NULL);
	options_free(&opts);
	/* -P names a parent, which COMMAND does not make redundant */
	CHECK(PARSE("-P", self, "--", "true") == 0 && opts.ppid == getpid() && opts.command);
	options_free(&opts);
}

static void test_informational(void)
{
	struct child_result res;
	char want[256];

	snprintf(want, sizeof(want), "execsnoop (corebpf) %s\n", PACKAGE_VERSION);
	RUN(&res, "--version");
	CHECK(res.status == 0 && res.err[0] == '\0');
	CHECK(!strncmp(res.out, want, strlen(want)));
	RUN(&res, "-V");
	CHECK(res.status == 0 && !strncmp(res.out, want, strlen(want)));
	RUN(&res, "--help");
	CHECK(res.status == 0 && res.err[0] == '\0');
	CHECK(!strncmp(res.out, "Usage: execsnoop [OPTION...] [-- COMMAND [ARG...]]\n", 51));
}

/* The C library's getopt words these; argp adds the hint. */
static void test_bad_getopt(void)
{
#ifdef __GLIBC__
	BAD("unrecognized option '--bogus'", "--bogus");
	BAD("invalid option -- 'Z'", "-Z");
	BAD("invalid option -- 'Z'", "-xZ");
	BAD("option requires an argument -- 'p'", "-p");
	BAD("option '--pid' requires an argument", "--pid");
	BAD("option '--json' doesn't allow an argument", "--json=1");
	BAD("option '--ti' is ambiguous; possibilities: '--timestamp' '--time'", "--ti");
#else
	printf("test_options: not glibc, getopt's own messages not tested\n");
#endif
}

static void test_bad_values(void)
{
	BAD("--uid 'no-such-user-corebpf': no such user", "-u", "no-such-user-corebpf");
	BAD("--uid '-5': no such user", "-u", "-5");
	BAD("--uid '': empty value", "--uid=");
	BAD("--uid '4294967295': out of range", "-u", "4294967295");
	BAD("--uid '12ab': not a number", "-u", "12ab");

	BAD("--pid 'abc': not a number", "-p", "abc");
	BAD("--pid '0': out of range", "-p", "0");
	BAD("--pid '4194305': out of range", "-p", "4194305");
	BAD("--pid '4194304': no such process", "-p", "4194304");	/* above pid_max */
	BAD("--pid '': empty value", "--pid=");
	BAD("--ppid 'x1': not a number", "-P", "x1");
	BAD("--ppid '4194304': no such process", "-P", "4194304");

	BAD("--min-duration '1.5': not a number (milliseconds expected)", "-d", "1.5");
	BAD("--min-duration '18446744073710': out of range (milliseconds expected)", "-d",
	    "18446744073710");
	BAD("--max-args '0': out of range (a number from 1)", "--max-args=0");
	BAD("--max-args '4294967296': out of range (a number from 1)", "--max-args=4294967296");

	BAD("--buffer-size '1K': out of range (256K to 1G)", "--buffer-size=1K");
	BAD("--buffer-size '262143': out of range (256K to 1G)", "--buffer-size=262143");
	BAD("--buffer-size '1025M': out of range (256K to 1G)", "--buffer-size=1025M");
	BAD("--buffer-size '2G': out of range (256K to 1G)", "--buffer-size=2G");
	BAD("--buffer-size '1.5M': not a number (256K to 1G)", "--buffer-size=1.5M");
	BAD("--buffer-size '16MB': not a number (256K to 1G)", "--buffer-size=16MB");
	BAD("--buffer-size '': empty value (256K to 1G)", "--buffer-size=");
}

/* The message regcomp() has for re, as the C library words it. */
static const char *regex_message(const char *opt, const char *re)
{
	static char msg[512];
	char why[256];
	regex_t r;
	int err = regcomp(&r, re, REG_EXTENDED | REG_NOSUB);

	CHECK(err != 0);
	regerror(err, &r, why, sizeof(why));
	snprintf(msg, sizeof(msg), "%s '%s': %s", opt, re, why);
	return msg;
}

static void test_bad_regex_cgroup(void)
{
	char msg[512];

	BAD(regex_message("--name", "("), "-n", "(");
	BAD(regex_message("--name", "("), "-n", "ok", "-n", "(");
	BAD(regex_message("--line", "[a"), "-l", "[a");
	BAD(regex_message("--line", "a{2,1}"), "--line=a{2,1}");

	snprintf(msg, sizeof(msg), "--cgroup '/nonexistent-corebpf': %s", strerror(ENOENT));
	BAD(msg, "-c", "/nonexistent-corebpf");
	snprintf(msg, sizeof(msg), "--cgroup '/proc/self/status': %s", strerror(ENOTDIR));
	BAD(msg, "-c", "/proc/self/status");
	BAD("--cgroup '/': not a cgroup v2 directory (see /sys/fs/cgroup)", "-c", "/");
}

static int ready_pipe[2], quit_pipe[2];

/* A thread that says its ID and waits to be told to end. */
static void *thread_wait(void *arg)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);
	char c;

	(void)arg;
	if (write(ready_pipe[1], &tid, sizeof(tid)) == sizeof(tid) &&
	    read(quit_pipe[0], &c, 1) != 1)
		perror("thread: read");
	return NULL;
}

/* A process with a second thread, whose ID it gives: a process of its
 * own, so that the children that parse have no thread besides theirs
 * (LeakSanitizer would mistake one inherited for one running). */
static pid_t start_threaded(pid_t *tid)
{
	pthread_t thread;
	pid_t pid;

	fflush(NULL);
	if (pipe(ready_pipe) || pipe(quit_pipe) || (pid = fork()) < 0) {
		perror("setup: pipe or fork");
		exit(99);
	}
	if (pid == 0) {
		if (pthread_create(&thread, NULL, thread_wait, NULL) == 0)
			pthread_join(thread, NULL);
		_exit(0);
	}
	if (read(ready_pipe[0], tid, sizeof(*tid)) != sizeof(*tid)) {
		perror("setup: thread");
		exit(99);
	}
	return pid;
}

static void test_bad_process(void)
{
	char self[32], tid_arg[32], msg[256];
	pid_t threaded, tid;

	snprintf(self, sizeof(self), "%d", (int)getpid());
	BAD("--pid cannot be combined with COMMAND, which is traced already", "-p", self, "--",
	    "true");
	BAD("--pid cannot be combined with COMMAND, which is traced already", "-p", self, "true");

	/* The BPF side matches processes: a thread's ID would match nothing. */
	threaded = start_threaded(&tid);
	snprintf(tid_arg, sizeof(tid_arg), "%d", (int)tid);
	snprintf(msg, sizeof(msg), "--pid '%d': a thread of process %d; give the process ID",
		 (int)tid, (int)threaded);
	BAD(msg, "-p", tid_arg);
	snprintf(msg, sizeof(msg), "--ppid '%d': a thread of process %d; give the process ID",
		 (int)tid, (int)threaded);
	BAD(msg, "--ppid", tid_arg);
	if (write(quit_pipe[1], "q", 1) != 1)
		perror("cleanup: write");
	waitpid(threaded, NULL, 0);
	close(ready_pipe[0]);
	close(ready_pipe[1]);
	close(quit_pipe[0]);
	close(quit_pipe[1]);
}

int main(int argc, char **argv)
{
	(void)argc;
	tool_set_name("execsnoop", argv);
	test_defaults();
	test_report();
	test_which();
	test_cgroup();
	test_output();
	test_buffer_size();
	test_command();
	test_informational();
	test_bad_getopt();
	test_bad_values();
	test_bad_regex_cgroup();
	test_bad_process();
	return check_done("test_options");
}
