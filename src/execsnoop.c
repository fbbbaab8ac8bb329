// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * execsnoop: trace exec() calls and process exits, system-wide or for one
 * command's process tree.
 *
 * main() follows the libbpf lifecycle: parse options, open the skeleton,
 * fill its read-only settings, load, attach, then poll the ring buffer
 * until a signal, the traced command's exit or the reader's departure, and
 * leave through one cleanup path that detaches everything.
 */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <regex.h>
#include <search.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/types.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpfenv.h"
#include "execsnoop.h"
#include "execsnoop_event.h"
#include "execsnoop_print.h"
#include "parse.h"
#include "strbuf.h"
#include "execsnoop.skel.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

/* The reader drains the ring buffer at least this often (bounds the output
 * latency), and the BPF side wakes it early only when WAKEUP_BYTES are
 * queued: one wakeup per exec would cost more than the tracing itself. */
#define POLL_MS 50
#define RINGBUF_DEFAULT (16u << 20)
#define RINGBUF_MIN (256u << 10)	/* room for a few of the largest records */
#define RINGBUF_MAX (1u << 30)
#define OUT_FLUSH_BYTES 65536

enum { OPT_MAX_ARGS = 1000, OPT_BUFFER_SIZE };

static struct env {
	bool verbose;
	bool fails;
	bool exits;
	uint64_t min_duration_ms;
	bool filter_uid;
	uid_t uid;
	pid_t pid;
	pid_t ppid;
	bool have_name, have_line;
	regex_t name_re, line_re;
	const char *cgroup_path;
	int cgroup_fd;
	char **command;
	uint32_t ringbuf_bytes;
	struct print_opts print;
} env = { .cgroup_fd = -1, .ringbuf_bytes = RINGBUF_DEFAULT };

static volatile sig_atomic_t exiting;
static volatile pid_t child_pid;

static struct strbuf out = STRBUF_INIT;
static struct strbuf line = STRBUF_INIT;
static void *shown_pids;	/* tsearch() set: processes whose exec -l showed */

static void print_version(FILE *stream, struct argp_state *state)
{
	fprintf(stream, "execsnoop (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs("Copyright (C) 2026 the corebpf authors.\n"
	      "License GPL-2.0-or-later: GNU GPL version 2 or later <https://gnu.org/licenses/gpl.html>.\n"
	      "This is free software: you are free to change and redistribute it.\n"
	      "There is NO WARRANTY, to the extent permitted by law.\n", stream);
}

void (*argp_program_version_hook)(FILE *, struct argp_state *) = print_version;

static const char doc[] =
	"Trace exec() calls and process exits, system-wide or for one command and its "
	"descendants.\n"
	"\n"
	"With COMMAND, run it, trace it and its descendants only, stop when it exits and "
	"exit with its status.\n"
	"\v"
	"Examples:\n"
	"  execsnoop                 # trace every exec() on the system\n"
	"  execsnoop -x              # also failed exec()s, with the error\n"
	"  execsnoop -e              # also process exits, with code and lifetime\n"
	"  execsnoop -e -d 1000      # exits of processes that lived 1 s or more\n"
	"  execsnoop -u alice        # only processes of user alice\n"
	"  execsnoop -p 1234         # only process 1234 and its descendants\n"
	"  execsnoop -n '^(ba)?sh$'  # only commands named sh or bash\n"
	"  execsnoop -l 'curl.*http' # only command lines matching a regex\n"
	"  execsnoop -c /sys/fs/cgroup/system.slice   # only that cgroup\n"
	"  execsnoop -tU -q          # timestamps, UIDs, shell-quoted arguments\n"
	"  execsnoop -j | jq .       # JSON Lines\n"
	"  execsnoop -e -- make -j4  # trace one build, exit with its status";

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "What to report:", 1 },
	{ "fails", 'x', NULL, 0, "Also report failed exec()s, with the error (ENOENT, EACCES, ...)", 1 },
	{ "exits", 'e', NULL, 0, "Also report process exits, with exit code or signal and lifetime", 1 },
	{ "min-duration", 'd', "MS", 0, "Report only exits of processes that lived at least MS milliseconds (implies -e)", 1 },
	{ NULL, 0, NULL, 0, "Which processes:", 2 },
	{ "uid", 'u', "UID|USER", 0, "Only processes of this user (real UID)", 2 },
	{ "pid", 'p', "PID", 0, "Only this process and its descendants, followed across fork()", 2 },
	{ "ppid", 'P', "PID", 0, "Only direct children of this process", 2 },
	{ "name", 'n', "REGEX", 0, "Only commands whose name (PCOMM) matches the extended regular expression", 2 },
	{ "line", 'l', "REGEX", 0, "Only commands whose arguments, joined by spaces, match the extended regular expression", 2 },
	{ "cgroup", 'c', "PATH", 0, "Only processes in this cgroup v2 directory or below it", 2 },
	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "timestamp", 't', NULL, 0, "Add a TIME(s) column: seconds since tracing started", 3 },
	{ "time", 'T', NULL, 0, "Add a TIME column: local wall-clock time", 3 },
	{ "print-uid", 'U', NULL, 0, "Add a UID column", 3 },
	{ "quote", 'q', NULL, 0, "Shell-quote each argument, so that a line can be pasted into a shell", 3 },
	{ "max-args", OPT_MAX_ARGS, "N", 0, "Show at most N arguments per command (default: all)", 3 },
	{ "json", 'j', NULL, 0, "Print JSON Lines: one object per event, no header", 3 },
	{ "buffer-size", OPT_BUFFER_SIZE, "SIZE", 0, "Size of the kernel ring buffer, 256K to 1G, rounded up to a power of two (default: 16M)", 3 },
	{ "verbose", 'v', NULL, 0, "Print libbpf's debug log to stderr", 3 },
	{ NULL, 0, NULL, 0, "Informational:", -1 },
	{ 0 },
};

static void compile_regex(struct argp_state *state, regex_t *re, const char *arg, const char *opt)
{
	char msg[256];
	int err = regcomp(re, arg, REG_EXTENDED | REG_NOSUB);

	if (err) {
		regerror(err, re, msg, sizeof(msg));
		argp_error(state, "%s '%s': %s", opt, arg, msg);
	}
}

static void open_cgroup(struct argp_state *state, const char *path)
{
	struct statfs st;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		argp_error(state, "--cgroup '%s': %s", path, strerror(errno));
	if (fstatfs(fd, &st) || st.f_type != CGROUP2_SUPER_MAGIC)
		argp_error(state, "--cgroup '%s': not a cgroup v2 directory (see /sys/fs/cgroup)", path);
	env.cgroup_path = path;
	env.cgroup_fd = fd;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	const char *why;
	uint64_t v;

	switch (key) {
	case 'x':
		env.fails = true;
		break;
	case 'e':
		env.exits = true;
		break;
	case 'd':
		if (parse_u64(arg, 0, UINT64_MAX / 1000000, &env.min_duration_ms, &why))
			argp_error(state, "--min-duration '%s': %s (milliseconds expected)", arg, why);
		env.exits = true;
		break;
	case 'u':
		if (parse_uid(arg, &env.uid, &why))
			argp_error(state, "--uid '%s': %s", arg, why);
		env.filter_uid = true;
		break;
	case 'p':
		if (parse_pid(arg, &env.pid, &why))
			argp_error(state, "--pid '%s': %s", arg, why);
		break;
	case 'P':
		if (parse_u64(arg, 1, 4194304, &v, &why))
			argp_error(state, "--ppid '%s': %s", arg, why);
		env.ppid = (pid_t)v;
		break;
	case 'n':
		if (env.have_name)
			regfree(&env.name_re);
		compile_regex(state, &env.name_re, arg, "--name");
		env.have_name = true;
		break;
	case 'l':
		if (env.have_line)
			regfree(&env.line_re);
		compile_regex(state, &env.line_re, arg, "--line");
		env.have_line = true;
		break;
	case 'c':
		if (env.cgroup_fd >= 0)
			close(env.cgroup_fd);
		open_cgroup(state, arg);
		break;
	case 't':
		env.print.timestamp = true;
		break;
	case 'T':
		env.print.wallclock = true;
		break;
	case 'U':
		env.print.print_uid = true;
		break;
	case 'q':
		env.print.quote = true;
		break;
	case OPT_MAX_ARGS:
		if (parse_u64(arg, 1, UINT32_MAX, &v, &why))
			argp_error(state, "--max-args '%s': %s (a number from 1)", arg, why);
		env.print.max_args = (uint32_t)v;
		break;
	case OPT_BUFFER_SIZE:
		if (parse_size(arg, RINGBUF_MIN, RINGBUF_MAX, &v, &why))
			argp_error(state, "--buffer-size '%s': %s (256K to 1G)", arg, why);
		/* The kernel wants a power of two. */
		env.ringbuf_bytes = RINGBUF_MIN;
		while (env.ringbuf_bytes < v)
			env.ringbuf_bytes <<= 1;
		break;
	case 'j':
		env.print.json = true;
		break;
	case 'v':
		env.verbose = true;
		break;
	case ARGP_KEY_ARG:
		/* The first operand starts COMMAND; the rest are its arguments,
		 * even if they look like options. */
		env.command = &state->argv[state->next - 1];
		state->next = state->argc;
		break;
	case ARGP_KEY_END:
		if (env.command && env.pid)
			argp_error(state, "--pid cannot be combined with COMMAND, which is traced already");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* ---- signals --------------------------------------------------------- */

static void on_signal(int sig, siginfo_t *info, void *uctx)
{
	if (!child_pid) {
		exiting = 1;
		return;
	}
	/* Command mode: execsnoop lives as long as COMMAND.  A signal from the
	 * terminal reached COMMAND too; one sent to execsnoop alone is passed on. */
	if (info && (info->si_code == SI_USER || info->si_code == SI_QUEUE))
		kill(child_pid, sig);
}

/* Only there to interrupt the poll when COMMAND exits. */
static void on_sigchld(int sig)
{
}

static void setup_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: poll returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);

	/* A reader that goes away is seen as EPIPE and ends tracing quietly. */
	signal(SIGPIPE, SIG_IGN);
}

/* ---- command mode ---------------------------------------------------- */

/* Fork COMMAND, held until release_command(): its exec must happen after
 * the tracing is attached, so that it is reported. */
static pid_t spawn_command(char **argv, int *go_fd)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGCHLD, &sa, NULL);
		sigaction(SIGPIPE, &sa, NULL);
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(127);	/* execsnoop gave up before attaching */
		execvp(argv[0], argv);
		fprintf(stderr, "execsnoop: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(fds[0]);
	*go_fd = fds[1];
	return pid;
}

static int release_command(int go_fd)
{
	int ret = write(go_fd, "g", 1) == 1 ? 0 : -errno;

	close(go_fd);
	return ret;
}

/* The exit status of a shell for a child's wait status. */
static int status_of(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return EXIT_FAILURE;
}

/* ---- process tree (-p) ----------------------------------------------- */

/* Seed the tree map with the descendants that PID already has: new ones are
 * added by the fork program, which is attached before this scan. */
static void tree_add_descendants(int map_fd, pid_t root)
{
	struct proc { pid_t pid, ppid; } *procs = NULL, *p;
	size_t n = 0, cap = 0, i;
	bool added = true;
	struct dirent *de;
	__u8 one = 1, *in;
	DIR *dir;

	dir = opendir("/proc");
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		char path[300], buf[512], *s;
		int fd;
		ssize_t len;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		/* "pid (comm) state ppid ...": comm may hold anything, even ") ". */
		s = strrchr(buf, ')');
		if (!s)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			p = realloc(procs, cap * sizeof(*procs));
			if (!p)
				break;
			procs = p;
		}
		procs[n].pid = atoi(de->d_name);
		if (sscanf(s + 1, " %*c %d", &procs[n].ppid) == 1)
			n++;
	}
	closedir(dir);

	in = calloc(n ? n : 1, 1);
	if (!in) {
		free(procs);
		return;
	}
	/* Repeat until no process is added: a simple fixpoint over the table. */
	while (added) {
		added = false;
		for (i = 0; i < n; i++) {
			if (in[i])
				continue;
			if (procs[i].ppid == root || bpf_map_lookup_elem(map_fd, &procs[i].ppid, &one) == 0) {
				bpf_map_update_elem(map_fd, &procs[i].pid, &one, BPF_ANY);
				in[i] = 1;
				added = true;
			}
		}
	}
	free(in);
	free(procs);
}

/* ---- output ---------------------------------------------------------- */

static int out_flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < out.len) {
		n = write(STDOUT_FILENO, out.buf + done, out.len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += (size_t)n;
	}
	strbuf_reset(&out);
	return 0;
}

static int pid_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return x < y ? -1 : x > y;
}

static bool name_matches(const char *comm, const struct exec_record *r)
{
	const char *base;
	size_t len;

	if (!env.have_name)
		return true;
	if (regexec(&env.name_re, comm, 0, NULL, 0) == 0)
		return true;
	/* A failed exec has no new name: match the name it tried to run. */
	if (r && r->ret != 0) {
		base = memrchr(r->filename, '/', r->filename_len);
		base = base ? base + 1 : r->filename;
		len = r->filename_len - (size_t)(base - r->filename);
		strbuf_reset(&line);
		strbuf_add(&line, base, len);
		return regexec(&env.name_re, strbuf_str(&line), 0, NULL, 0) == 0;
	}
	return false;
}

static bool exec_wanted(const struct exec_record *r)
{
	if (!name_matches(r->comm, r))
		return false;
	if (env.have_line) {
		strbuf_reset(&line);
		print_joined_args(&line, r);
		if (regexec(&env.line_re, strbuf_str(&line), 0, NULL, 0))
			return false;
		/* Remember it, so that its exit is shown too. */
		if (env.exits && r->ret == 0)
			tsearch((void *)(uintptr_t)r->pid, &shown_pids, pid_cmp);
	}
	return true;
}

static bool exit_wanted(const struct exit_record *r)
{
	void *key = (void *)(uintptr_t)r->pid;

	if (env.have_line) {
		if (!tfind(key, &shown_pids, pid_cmp))
			return false;
		tdelete(key, &shown_pids, pid_cmp);
	}
	return name_matches(r->comm, NULL);
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct event_record ev;

	if (event_decode(data, size, &ev))
		return 0;	/* cannot happen with our own BPF side; never read it */
	if (ev.type == EXECSNOOP_EXEC) {
		if (!exec_wanted(&ev.exec))
			return 0;
		print_exec(&out, &env.print, &ev.exec);
	} else {
		if (!exit_wanted(&ev.exit))
			return 0;
		print_exit(&out, &env.print, &ev.exit);
	}
	return out.len >= OUT_FLUSH_BYTES ? out_flush() : 0;
}

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void update_clock_offset(void)
{
	uint64_t mono = now_ns(CLOCK_MONOTONIC);

	env.print.realtime_offset_ns = (int64_t)(now_ns(CLOCK_REALTIME) - mono);
}

/* ---- BPF setup ------------------------------------------------------- */

static int configure_programs(struct execsnoop_bpf *skel)
{
	int ncpus = libbpf_num_possible_cpus();
	bool tree = env.pid || env.command;

	if (ncpus < 0) {
		fprintf(stderr, "execsnoop: cannot count the CPUs: %s\n", strerror(-ncpus));
		return ncpus;
	}
	skel->rodata->filter_uid = env.filter_uid;
	skel->rodata->target_uid = env.uid;
	skel->rodata->filter_ppid = env.ppid != 0;
	skel->rodata->target_ppid = env.ppid;
	skel->rodata->filter_tree = tree;
	skel->rodata->filter_cgroup = env.cgroup_fd >= 0;
	skel->rodata->min_duration_ns = env.min_duration_ms * 1000000ULL;
	/* A sixteenth of the buffer: a few hundred small records wake the
	 * reader early, well before the buffer could fill between drains. */
	skel->rodata->wakeup_bytes = env.ringbuf_bytes / 16;

	bpf_map__set_max_entries(skel->maps.events, env.ringbuf_bytes);
	bpf_map__set_max_entries(skel->maps.exec_bufs, ncpus);
	/* Maps a run does not use still get created: keep them tiny. */
	if (!tree)
		bpf_map__set_max_entries(skel->maps.tree, 1);
	if (!env.exits)
		bpf_map__set_max_entries(skel->maps.exited, 1);

	bpf_program__set_autoload(skel->progs.handle_exit, env.exits);
	bpf_program__set_autoload(skel->progs.handle_fork, tree);
	bpf_program__set_autoload(skel->progs.handle_execve_exit, env.fails);
	bpf_program__set_autoload(skel->progs.handle_execveat_exit, env.fails);
	return 0;
}

/* Kernel features, checked before load for a clear message. */
static int check_kernel(void)
{
	if (libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) <= 0) {
		fprintf(stderr, "execsnoop: this kernel has no BPF ring buffer; Linux 5.8 or later is needed\n");
		return -EOPNOTSUPP;
	}
	if (!env.fails)
		return 0;
	if (libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_loop, NULL) <= 0) {
		fprintf(stderr, "execsnoop: --fails needs the bpf_loop() helper of Linux 5.17 or later\n");
		return -EOPNOTSUPP;
	}
	/* libbpf finds the syscall tracepoints' ids in tracefs. */
	if (!bpfenv_tracefs()) {
		fprintf(stderr, "execsnoop: --fails needs tracefs, which is not mounted; mount it with: "
			"mount -t tracefs tracefs /sys/kernel/tracing\n");
		return -ENOENT;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct argp argp = { options, parse_arg, "[-- COMMAND [ARG...]]", doc, NULL, NULL, NULL };
	struct execsnoop_bpf *skel = NULL;
	struct ring_buffer *rb = NULL;
	uint64_t lost_seen = 0, lost;
	int err, go_fd = -1, exit_status = EXIT_FAILURE, wstatus;
	bool reader_gone = false;
	__u8 one = 1;
	__u32 zero = 0;
	pid_t pid;

	bpfenv_tool = "execsnoop";
	err = argp_parse(&argp, argc, argv, ARGP_IN_ORDER, NULL, NULL);
	if (err)
		return EXIT_FAILURE;

	bpfenv_set_verbose(env.verbose);
	libbpf_set_print(bpfenv_libbpf_print);

	if (!bpfenv_privileged()) {
		bpfenv_report_unprivileged();
		return EXIT_FAILURE;
	}
	if (bpfenv_check_btf(BPFENV_BTF_PATH))
		return EXIT_FAILURE;
	if (check_kernel())
		return EXIT_FAILURE;

	setup_signals();

	skel = execsnoop_bpf__open();
	if (!skel) {
		bpfenv_report("open", -errno);
		return EXIT_FAILURE;
	}
	err = configure_programs(skel);
	if (err)
		goto cleanup;
	err = execsnoop_bpf__load(skel);
	if (err) {
		bpfenv_report("load", err);
		goto cleanup;
	}
	if (env.cgroup_fd >= 0) {
		err = bpf_map_update_elem(bpf_map__fd(skel->maps.cgroup_filter), &zero,
					  &env.cgroup_fd, BPF_ANY);
		if (err) {
			fprintf(stderr, "execsnoop: cannot use cgroup %s: %s\n", env.cgroup_path,
				strerror(errno));
			goto cleanup;
		}
	}
	if (env.command) {
		pid = spawn_command(env.command, &go_fd);
		if (pid < 0) {
			err = -errno;
			fprintf(stderr, "execsnoop: cannot start '%s': %s\n", env.command[0],
				strerror(errno));
			goto cleanup;
		}
		child_pid = pid;
		bpf_map_update_elem(bpf_map__fd(skel->maps.tree), &pid, &one, BPF_ANY);
	} else if (env.pid) {
		bpf_map_update_elem(bpf_map__fd(skel->maps.tree), &env.pid, &one, BPF_ANY);
	}

	err = execsnoop_bpf__attach(skel);
	if (err) {
		bpfenv_report("attach", err);
		goto cleanup;
	}
	if (env.pid)
		tree_add_descendants(bpf_map__fd(skel->maps.tree), env.pid);

	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "execsnoop: cannot open the ring buffer: %s\n", strerror(errno));
		goto cleanup;
	}

	env.print.exits = env.exits;
	env.print.start_ns = now_ns(CLOCK_MONOTONIC);
	update_clock_offset();
	print_header(&out, &env.print);
	err = out_flush();
	if (err)
		goto output_error;

	if (go_fd >= 0) {
		err = release_command(go_fd);
		go_fd = -1;
		if (err) {
			fprintf(stderr, "execsnoop: cannot start '%s': %s\n", env.command[0],
				strerror(-err));
			goto cleanup;
		}
	}
	/* From here on, the code handles untrusted event data: without root's
	 * powers, which loading and attaching needed. */
	err = bpfenv_drop_privileges();
	if (err && env.verbose)
		fprintf(stderr, "execsnoop: could not drop capabilities: %s\n", strerror(-err));

	while (!exiting) {
		err = ring_buffer__poll(rb, POLL_MS);
		if (err == -EINTR)
			err = 0;
		/* Also what arrived without a wakeup. */
		if (err >= 0)
			err = ring_buffer__consume(rb);
		if (err < 0)
			break;
		update_clock_offset();
		lost = skel->bss->lost;
		if (lost != lost_seen) {
			print_lost(&out, &env.print, now_ns(CLOCK_MONOTONIC), lost - lost_seen);
			lost_seen = lost;
		}
		err = out_flush();
		if (err)
			break;
		/* SIGCHLD only cuts the wait short; waitpid() is what tells. */
		if (child_pid && waitpid(child_pid, &wstatus, WNOHANG) == child_pid) {
			/* Its exit record is already in the ring buffer. */
			err = ring_buffer__consume(rb);
			if (err >= 0)
				err = out_flush();
			child_pid = 0;
			exit_status = status_of(wstatus);
			break;
		}
	}
	if (err >= 0 && exiting) {
		err = ring_buffer__consume(rb);
		if (err >= 0)
			err = out_flush();
	}

output_error:
	if (err == -EPIPE) {
		reader_gone = true;
		err = 0;
	} else if (err < 0) {
		fprintf(stderr, "execsnoop: cannot write the output: %s\n", strerror(-err));
	}

cleanup:
	ring_buffer__free(rb);
	if (skel) {
		lost = skel->bss->lost;
		if (lost && !reader_gone)
			fprintf(stderr, "execsnoop: %llu events lost: the ring buffer was full "
				"(output too slow for the exec rate)\n", (unsigned long long)lost);
		if (skel->bss->tree_full)
			fprintf(stderr, "execsnoop: %llu new processes of the traced tree were not "
				"followed: too many processes\n", (unsigned long long)skel->bss->tree_full);
	}
	execsnoop_bpf__destroy(skel);
	if (go_fd >= 0)
		close(go_fd);	/* COMMAND sees EOF and exits without running */
	if (child_pid) {
		/* Tracing is over; COMMAND's status is still ours to return. */
		while (waitpid(child_pid, &wstatus, 0) < 0 && errno == EINTR)
			;
		if (err == 0)
			exit_status = status_of(wstatus);
	} else if (!env.command && err == 0) {
		exit_status = EXIT_SUCCESS;
	}
	if (env.cgroup_fd >= 0)
		close(env.cgroup_fd);
	strbuf_free(&out);
	strbuf_free(&line);
	return exit_status;
}
