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
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
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
#include "tool.h"
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
#define RINGBUF_DEFAULT (4u << 20)
#define RINGBUF_MIN (256u << 10)	/* room for a few of the largest records */
#define RINGBUF_MAX (1u << 30)
#define OUT_FLUSH_BYTES 65536

enum { OPT_MAX_ARGS = 1000, OPT_BUFFER_SIZE, OPT_BTF };

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
	const char *btf_path;
	struct print_opts print;
} env = { .cgroup_fd = -1, .ringbuf_bytes = RINGBUF_DEFAULT };

static struct strbuf out = STRBUF_INIT;
static struct strbuf line = STRBUF_INIT;
/* -l with -e: the processes whose exec -l showed, so that their exits are
 * shown too; tsearch() nodes keyed by PID. */
struct shown {
	uint32_t pid;
	uint64_t exec_ns;	/* tells a reused PID: later than its fork */
};
static void *shown_pids;

void (*argp_program_version_hook)(FILE *, struct argp_state *) = tool_print_version;

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
	{ "pid", 'p', "PID", 0, "Only this process and its descendants, those it has and those it starts", 2 },
	{ "ppid", 'P', "PID", 0, "Only direct children of this process", 2 },
	{ "name", 'n', "REGEX", 0, "Only commands whose name (PCOMM) matches the extended regular expression; for a failed exec, also the name of the file it tried to run", 2 },
	{ "line", 'l', "REGEX", 0, "Only commands whose arguments, joined by spaces, match the extended regular expression", 2 },
	{ "cgroup", 'c', "PATH", 0, "Only processes in this cgroup v2 directory or below it", 2 },
	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "timestamp", 't', NULL, 0, "Add a TIME(s) column: seconds since tracing started", 3 },
	{ "time", 'T', NULL, 0, "Add a TIME column: local wall-clock time", 3 },
	{ "print-uid", 'U', NULL, 0, "Add a UID column", 3 },
	{ "quote", 'q', NULL, 0, "Shell-quote each argument, so that a line can be pasted into a shell", 3 },
	{ "max-args", OPT_MAX_ARGS, "N", 0, "Show at most N arguments per command (default: all)", 3 },
	{ "json", 'j', NULL, 0, "Print JSON Lines: one object per event, no header", 3 },
	{ "buffer-size", OPT_BUFFER_SIZE, "SIZE", 0, "Size of the kernel ring buffer, 256K to 1G, rounded up to a power of two (default: 4M)", 3 },
	{ "btf", OPT_BTF, "FILE", 0, "Kernel BTF from FILE instead of /sys/kernel/btf/vmlinux, for kernels built without it (a BTFHub file, a vmlinux)", 3 },
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

/* The process that thread pid belongs to (pid itself for a process), or 0
 * if /proc does not say.  The BPF side knows processes, not threads. */
static pid_t tgid_of(pid_t pid)
{
	char path[64], buf[128];
	pid_t tgid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

static void check_process(struct argp_state *state, const char *opt, pid_t pid)
{
	pid_t tgid = tgid_of(pid);

	if (tgid && tgid != pid)
		argp_error(state, "%s '%d': a thread of process %d; give the process ID", opt,
			   (int)pid, (int)tgid);
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
		check_process(state, "--pid", env.pid);
		break;
	case 'P':
		if (parse_pid(arg, &env.ppid, &why))
			argp_error(state, "--ppid '%s': %s", arg, why);
		check_process(state, "--ppid", env.ppid);
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
	case OPT_BTF:
		env.btf_path = arg;
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

static volatile sig_atomic_t exiting;		/* a signal asked to stop */
static volatile sig_atomic_t exit_signal;
static volatile sig_atomic_t command_running;	/* COMMAND released: forward signals */
static volatile sig_atomic_t alarm_fired;
static volatile pid_t child_pid;

static void on_signal(int sig, siginfo_t *info, void *uctx)
{
	/* Command mode: execsnoop lives as long as COMMAND.  A signal from the
	 * terminal reached COMMAND too; one sent to execsnoop alone is passed on. */
	if (command_running) {
		pid_t child = child_pid;

		/* 0 once COMMAND is reaped: kill(0) would signal our whole
		 * process group, ourselves included.  What is left then is the
		 * bounded last drain, which a signal may cut short. */
		if (child <= 0)
			exiting = 1;
		else if (info && (info->si_code == SI_USER || info->si_code == SI_QUEUE))
			kill(child, sig);
		return;
	}
	exiting = 1;
	exit_signal = sig;
}

/* Only there to interrupt the poll when COMMAND exits. */
static void on_sigchld(int sig)
{
}

/* Bounds the last write: a reader that stopped reading cannot hold
 * execsnoop (and its BPF programs) forever after a signal. */
static void on_alarm(int sig)
{
	alarm_fired = 1;
}

static void setup_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: poll() and write() return */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = on_alarm;
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);

	/* A reader that goes away is seen as EPIPE and ends tracing quietly. */
	signal(SIGPIPE, SIG_IGN);
}

static void block_stop_signals(int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(how, &set, NULL);
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
		sigset_t none;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		sigaction(SIGCHLD, &sa, NULL);
		sigaction(SIGALRM, &sa, NULL);
		sigaction(SIGPIPE, &sa, NULL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
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

/* Let COMMAND exec, unless a signal asked to stop during the start: then
 * it exits with 127 without running.  The stop signals are blocked from
 * the check until signals are forwarded to COMMAND, so none falls between. */
static int release_command(int go_fd)
{
	int ret = -EINTR;

	block_stop_signals(SIG_BLOCK);
	if (!exiting) {
		ret = write(go_fd, "g", 1) == 1 ? 0 : -errno;
		if (ret == 0)
			command_running = 1;
	}
	close(go_fd);
	block_stop_signals(SIG_UNBLOCK);
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

/* The state letter and parent of a process from /proc/PID/stat, or -1 if
 * it is gone. */
static int proc_stat(pid_t pid, char *state, pid_t *ppid)
{
	char path[64], buf[512], *s;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	/* "pid (comm) state ppid ...": comm may hold anything, even ") ". */
	s = strrchr(buf, ')');
	if (!s || sscanf(s + 1, " %c %d", state, ppid) != 2)
		return -1;
	return 0;
}

/* Whether pid is a process that has not exited (not a zombie). */
static bool proc_alive(pid_t pid)
{
	pid_t ppid;
	char state;

	return proc_stat(pid, &state, &ppid) == 0 && state != 'Z' && state != 'X';
}

/* Put a process into the tree map, unless it has already ended: the exit
 * program prunes processes that end from now on, not those gone before. */
static void tree_put(int map_fd, pid_t pid)
{
	__u8 one = 1;

	bpf_map_update_elem(map_fd, &pid, &one, BPF_ANY);
	if (!proc_alive(pid))
		bpf_map_delete_elem(map_fd, &pid);
}

struct proc {
	pid_t pid, ppid;
};

static int proc_by_ppid(const void *a, const void *b)
{
	pid_t x = ((const struct proc *)a)->ppid, y = ((const struct proc *)b)->ppid;

	return x < y ? -1 : x > y;
}

/* One pass over /proc: put the live descendants of ROOT that are not in
 * the tree yet into it.  Returns how many were put, or -1 if out of memory. */
static long tree_scan(int map_fd, pid_t root)
{
	struct proc *procs = NULL, *p;
	size_t n = 0, cap = 0, i, lo, hi, mid, head = 0, tail = 0;
	pid_t *queue, parent;
	struct dirent *de;
	long added = 0;
	char state;
	__u8 v;
	DIR *dir;

	dir = opendir("/proc");
	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			p = realloc(procs, cap * sizeof(*procs));
			if (!p) {
				closedir(dir);
				free(procs);
				return -1;
			}
			procs = p;
		}
		procs[n].pid = atoi(de->d_name);
		if (proc_stat(procs[n].pid, &state, &procs[n].ppid) == 0 &&
		    state != 'Z' && state != 'X')
			n++;
	}
	closedir(dir);

	/* Breadth first from ROOT, finding each one's children by binary
	 * search in the table sorted by parent: O(n log n) however deep.  A
	 * process is queued once at most (PIDs are unique in one scan), so
	 * the queue holds n at most, plus ROOT. */
	queue = malloc((n + 1) * sizeof(*queue));
	if (!queue) {
		free(procs);
		return -1;
	}
	qsort(procs, n, sizeof(*procs), proc_by_ppid);
	queue[tail++] = root;
	while (head < tail) {
		parent = queue[head++];
		for (lo = 0, hi = n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (procs[mid].ppid < parent)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < n && procs[i].ppid == parent; i++) {
			/* tail <= n: a bound that holds even if /proc, read
			 * while it changes, showed a PID twice. */
			if (procs[i].pid == root || tail > n)
				continue;
			queue[tail++] = procs[i].pid;
			if (bpf_map_lookup_elem(map_fd, &procs[i].pid, &v)) {
				tree_put(map_fd, procs[i].pid);
				added++;
			}
		}
	}
	free(queue);
	free(procs);
	return added;
}

/* Add ROOT and the descendants it already has; new ones are added by the
 * fork program, which is attached before this.  A process can fork after
 * the scan read its child's slot and before it is in the map itself: the
 * scan is repeated until it finds nothing new. */
static void tree_add(int map_fd, pid_t root)
{
	long added;
	int pass;

	tree_put(map_fd, root);
	for (pass = 0; pass < 16; pass++) {
		added = tree_scan(map_fd, root);
		if (added < 0)
			fprintf(stderr, "execsnoop: out of memory: some processes PID %d already "
				"had may not be traced\n", (int)root);
		if (added <= 0)
			break;
	}
}

/* ---- output ---------------------------------------------------------- */

/* Once a stop cut the output short: events are counted, not printed. */
static bool discarding;
static uint64_t unwritten;

/* Drop what is left of the output, counting its events (one line each;
 * a line cut in the middle counts as not written). */
static void out_discard(size_t done)
{
	const char *p = out.buf + done, *end = out.buf + out.len;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		unwritten++;
		p++;
	}
	discarding = true;
	strbuf_reset(&out);
}

/* Write the buffered output.  A signal that stops tracing (or the alarm of
 * the last flush) interrupts a write blocked on a reader that does not
 * read: -EINTR, and the rest is dropped and counted. */
static int out_flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < out.len) {
		/* A write interrupted after a part returns that part: the
		 * signal is seen here, before blocking again. */
		if (done && (exiting || alarm_fired)) {
			out_discard(done);
			return -EINTR;
		}
		n = write(STDOUT_FILENO, out.buf + done, out.len - done);
		if (n < 0) {
			if (errno == EINTR && !exiting && !alarm_fired)
				continue;
			if (errno == EINTR)
				out_discard(done);
			else
				strbuf_reset(&out);
			return -errno;
		}
		done += (size_t)n;
	}
	strbuf_reset(&out);
	return 0;
}

static int shown_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct shown *)a)->pid, y = ((const struct shown *)b)->pid;

	return x < y ? -1 : x > y;
}

/* Remember a process whose exec was shown: its exit is shown too, even if
 * it runs another program by then (a wrapper that execs the real one). */
static void shown_add(const struct exec_record *r)
{
	struct shown key = { .pid = r->pid }, **node, *s;

	node = tfind(&key, &shown_pids, shown_cmp);
	if (node) {
		(*node)->exec_ns = r->ts_ns;
		return;
	}
	s = malloc(sizeof(*s));
	if (!s)
		return;		/* its exit will not be shown: no worse */
	*s = (struct shown){ .pid = r->pid, .exec_ns = r->ts_ns };
	if (!tsearch(s, &shown_pids, shown_cmp))
		free(s);
}

/* Whether the exit of r's process follows a shown exec; forgets it. */
static bool shown_take(const struct exit_record *r)
{
	struct shown key = { .pid = r->pid }, **node, *s;
	bool same;

	node = tfind(&key, &shown_pids, shown_cmp);
	if (!node)
		return false;
	s = *node;
	/* An entry older than this process's fork is a lost exit's. */
	same = s->exec_ns >= r->ts_ns - r->duration_ns;
	tdelete(&key, &shown_pids, shown_cmp);
	free(s);
	return same;
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
		if (env.exits && r->ret == 0)
			shown_add(r);
	}
	return true;
}

static bool exit_wanted(const struct exit_record *r)
{
	/* With -l, the BPF side sends every exit (no -d there), so that each
	 * entry of shown_pids ends with its process. */
	if (env.have_line && (!shown_take(r) || r->duration_ns < env.min_duration_ms * 1000000ULL))
		return false;
	return name_matches(r->comm, NULL);
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct event_record ev;

	if (event_decode(data, size, &ev))
		return 0;	/* cannot happen with our own BPF side; never read it */
	if (ev.type == EXECSNOOP_EXEC ? !exec_wanted(&ev.exec) : !exit_wanted(&ev.exit))
		return 0;
	if (discarding) {
		unwritten++;
		return 0;
	}
	if (ev.type == EXECSNOOP_EXEC)
		print_exec(&out, &env.print, &ev.exec);
	else
		print_exit(&out, &env.print, &ev.exit);
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
	bool tree = env.pid || env.command, kernel_btf;

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
	skel->rodata->report_exits = env.exits;
	/* -l applies -d itself (exit_wanted()). */
	skel->rodata->min_duration_ns = env.have_line ? 0 : env.min_duration_ms * 1000000ULL;
	/* A sixteenth of the buffer: a few hundred small records wake the
	 * reader early, well before the buffer could fill between drains. */
	skel->rodata->wakeup_bytes = env.ringbuf_bytes / 16;

	bpf_map__set_max_entries(skel->maps.events, env.ringbuf_bytes);
	bpf_map__set_max_entries(skel->maps.exec_bufs, ncpus);
	/* Maps a run does not use still get created: keep them tiny. */
	if (!tree)
		bpf_map__set_max_entries(skel->maps.tree, 1);
	if (!env.exits && !tree)
		bpf_map__set_max_entries(skel->maps.exited, 1);

	/* BTF tracepoints when the kernel has BTF, raw tracepoints otherwise
	 * (--btf on a kernel built without it): the same code either way. */
	kernel_btf = access(BPFENV_BTF_PATH, R_OK) == 0;
	bpf_program__set_autoload(skel->progs.handle_exec, kernel_btf);
	bpf_program__set_autoload(skel->progs.handle_exec_raw, !kernel_btf);
	/* With a tree, the exit program also removes the processes that end. */
	bpf_program__set_autoload(skel->progs.handle_exit, (env.exits || tree) && kernel_btf);
	bpf_program__set_autoload(skel->progs.handle_exit_raw, (env.exits || tree) && !kernel_btf);
	bpf_program__set_autoload(skel->progs.handle_fork, tree && kernel_btf);
	bpf_program__set_autoload(skel->progs.handle_fork_raw, tree && !kernel_btf);
	bpf_program__set_autoload(skel->progs.handle_execve_exit, env.fails);
	bpf_program__set_autoload(skel->progs.handle_execveat_exit, env.fails);
	return 0;
}

/* The BPF side sees PIDs of the initial PID namespace: those that -p, -P
 * and COMMAND give it must be of that namespace too. */
static int check_pidns(void)
{
	uint64_t dev, ino;
	int r;

	if (!env.pid && !env.ppid && !env.command)
		return 0;
	r = bpfenv_pidns(&dev, &ino);
	if (r < 0) {
		fprintf(stderr, "execsnoop: cannot read /proc/self/ns/pid: %s\n", strerror(-r));
		return r;
	}
	if (r == 0) {
		fprintf(stderr, "execsnoop: -p, -P and COMMAND need the initial PID namespace, and "
			"this is another one (a container's): run execsnoop on the host, or use -c\n");
		return -EINVAL;
	}
	return 0;
}

/* A feature probe that could not tell (the kernel refused the probe
 * itself): not a missing feature. */
static int probe_failed(int err)
{
	fprintf(stderr, "execsnoop: cannot probe the kernel's BPF features: %s (a security module "
		"or lockdown may forbid BPF); rerun with -v for details\n", strerror(-err));
	return err;
}

/* Kernel features, checked before load for a clear message. */
static int check_kernel(void)
{
	int r;

	r = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL);
	if (r < 0)
		return probe_failed(r);
	if (r == 0) {
		fprintf(stderr, "execsnoop: this kernel has no BPF ring buffer; Linux 5.8 or later is needed\n");
		return -EOPNOTSUPP;
	}
	if (!env.fails)
		return 0;
	r = libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_loop, NULL);
	if (r < 0)
		return probe_failed(r);
	if (r == 0) {
		fprintf(stderr, "execsnoop: --fails needs the bpf_loop() helper of Linux 5.17 or later\n");
		return -EOPNOTSUPP;
	}
	/* bpf_task_pt_regs() returns a pointer typed by the kernel's own BTF. */
	if (access(BPFENV_BTF_PATH, R_OK)) {
		fprintf(stderr, "execsnoop: --fails needs the kernel's own BTF (%s), which --btf "
			"cannot replace\n", BPFENV_BTF_PATH);
		return -ENOENT;
	}
	return 0;
}

/* Right before attaching: libbpf finds the syscall tracepoints of -x in
 * tracefs.  Where it is not mounted, it is mounted in a mount namespace of
 * execsnoop's own until the programs are attached (COMMAND, started
 * before, stays in the system's). */
static int check_tracefs(void)
{
	const char *tracefs;
	char path[128];

	if (!env.fails)
		return 0;
	tracefs = bpfenv_tracefs_private("--fails");
	if (!tracefs)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/events/syscalls/sys_exit_execve", tracefs);
	if (access(path, F_OK)) {
		fprintf(stderr, "execsnoop: --fails needs the syscall tracepoints, which this kernel "
			"was built without (CONFIG_FTRACE_SYSCALLS)\n");
		bpfenv_tracefs_leave();
		return -ENOENT;
	}
	return 0;
}

/* ---- tracing ---------------------------------------------------------- */

static void report_lost(struct execsnoop_bpf *skel, uint64_t *seen)
{
	uint64_t lost = skel->bss->lost;

	if (lost != *seen) {
		print_lost(&out, &env.print, now_ns(CLOCK_MONOTONIC), lost - *seen);
		*seen = lost;
	}
}

/* Whether COMMAND has ended; if so, it is reaped, its status is in
 * *wstatus and child_pid is 0.  WNOWAIT first: the forwarding signals are
 * held only while it is reaped, so none goes to a PID that may be reused. */
static bool command_reaped(int *wstatus, bool block)
{
	siginfo_t si = { 0 };
	sigset_t stop, old;
	int r;

	do
		r = waitid(P_PID, child_pid, &si, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
	while (r < 0 && errno == EINTR);
	if (r < 0 || si.si_pid == 0)
		return false;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	waitpid(child_pid, wstatus, 0);
	child_pid = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return true;
}

/* Drain the ring buffer until a signal, COMMAND's exit, the reader's
 * departure or an error.  Returns 0, or -errno (-EPIPE: reader gone). */
static int trace(struct ring_buffer *rb, struct execsnoop_bpf *skel, int *wstatus)
{
	/* stdout too, for the reader's departure while nothing is written
	 * (a pipe reports POLLERR, a terminal POLLHUP; files report nothing) */
	struct pollfd fds[2] = {
		{ .fd = ring_buffer__epoll_fd(rb), .events = POLLIN },
		{ .fd = STDOUT_FILENO, .events = 0 },
	};
	uint64_t lost_seen = 0;
	int err = 0;

	while (!exiting) {
		if (poll(fds, 2, POLL_MS) < 0 && errno != EINTR)
			return -errno;
		if (fds[1].revents & (POLLERR | POLLHUP))
			return -EPIPE;
		/* Everything queued, woken up or not. */
		err = ring_buffer__consume(rb);
		if (err < 0)
			return err;
		update_clock_offset();
		report_lost(skel, &lost_seen);
		err = out_flush();
		if (err)
			return err;
		/* SIGCHLD only cuts the wait short; waitpid() is what tells. */
		if (child_pid && command_reaped(wstatus, false))
			break;	/* its exit record is already in the ring buffer */
	}
	/* The last records, within 2 seconds even if the reader is stuck. */
	alarm(2);
	err = ring_buffer__consume(rb);
	if (err >= 0) {
		report_lost(skel, &lost_seen);
		err = out_flush();
	}
	alarm(0);
	return err < 0 ? err : 0;
}

int main(int argc, char **argv)
{
	const struct argp argp = { options, parse_arg, "[-- COMMAND [ARG...]]", doc, NULL, NULL, NULL };
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	struct execsnoop_bpf *skel = NULL;
	struct ring_buffer *rb = NULL;
	int err, left, go_fd = -1, status = EXIT_FAILURE, wstatus = 0;
	bool reader_gone = false;
	uint64_t lost;
	__u32 zero = 0;
	__u8 one = 1;
	pid_t pid;

	tool_set_name("execsnoop", argv);
	err = argp_parse(&argp, argc, argv, ARGP_IN_ORDER, NULL, NULL);
	if (err)
		return EXIT_FAILURE;

	if (bpfenv_setup(env.verbose))
		return EXIT_FAILURE;
	if (bpfenv_check_btf(env.btf_path))
		return EXIT_FAILURE;
	if (check_pidns())
		return EXIT_FAILURE;
	if (check_kernel())
		return EXIT_FAILURE;

	setup_signals();

	open_opts.btf_custom_path = env.btf_path;
	skel = execsnoop_bpf__open_opts(&open_opts);
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
			err = -errno;
			fprintf(stderr, "execsnoop: cannot use cgroup %s: %s\n", env.cgroup_path,
				strerror(errno));
			goto cleanup;
		}
	}
	/* COMMAND waits for us; it goes into the tree before attaching, so
	 * that its first fork is followed. */
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
	}

	err = check_tracefs();
	if (err)
		goto cleanup;
	err = execsnoop_bpf__attach(skel);
	left = bpfenv_tracefs_leave();
	if (left && !err) {
		err = left;
		fprintf(stderr, "execsnoop: cannot return to the system's mount namespace: %s\n",
			strerror(-left));
		goto cleanup;
	}
	if (err) {
		bpfenv_report("attach", err);
		goto cleanup;
	}
	if (env.pid)
		tree_add(bpf_map__fd(skel->maps.tree), env.pid);
	else if (env.command)
		tree_put(bpf_map__fd(skel->maps.tree), child_pid);

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
		goto done;

	if (go_fd >= 0) {
		err = release_command(go_fd);
		go_fd = -1;
		if (err == -EINTR) {
			err = 0;	/* stopped during the start: COMMAND never ran */
			goto cleanup;
		}
		if (err) {
			fprintf(stderr, "execsnoop: cannot start '%s': %s\n", env.command[0],
				strerror(-err));
			goto cleanup;
		}
	}
	/* From here on, the code handles untrusted event data: without root's
	 * powers, which loading and attaching needed. */
	err = bpfenv_drop_privileges(env.command != NULL);
	if (err) {
		fprintf(stderr, "execsnoop: cannot drop privileges: %s\n", strerror(-err));
		goto cleanup;
	}

	err = trace(rb, skel, &wstatus);

done:
	if (err == -EPIPE) {
		reader_gone = true;	/* execsnoop | head: not an error */
		err = 0;
	} else if (err == -EINTR && (exiting || alarm_fired)) {
		err = 0;		/* stopped while the reader did not read */
		/* What was queued still: counted, for the message below. */
		ring_buffer__consume(rb);
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
		if (unwritten && !reader_gone)
			fprintf(stderr, "execsnoop: %llu events not written: stopped while the output "
				"was blocked (its reader was not reading)\n",
				(unsigned long long)unwritten);
		if (skel->bss->tree_full)
			fprintf(stderr, "execsnoop: %llu new processes of the traced tree were not "
				"followed: too many processes\n", (unsigned long long)skel->bss->tree_full);
	}
	execsnoop_bpf__destroy(skel);
	if (go_fd >= 0)
		close(go_fd);	/* COMMAND sees EOF and exits without running */
	if (env.command) {
		/* Tracing is over; COMMAND's status is still ours to return. */
		if (child_pid)
			command_reaped(&wstatus, true);
		if (!command_running)
			status = exiting ? 128 + exit_signal : EXIT_FAILURE;
		else
			status = err ? EXIT_FAILURE : status_of(wstatus);
	} else {
		status = err ? EXIT_FAILURE : EXIT_SUCCESS;
	}
	if (env.cgroup_fd >= 0)
		close(env.cgroup_fd);
	strbuf_free(&out);
	strbuf_free(&line);
	return status;
}
