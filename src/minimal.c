// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * minimal: the BPF "hello world" of libbpf-bootstrap, as a shipped tool.
 *
 * It loads a tracepoint program on write() that calls bpf_printk() for this
 * process only, then write()s once a second so that the program fires,
 * until SIGINT, SIGTERM or SIGHUP.  The lines go to the kernel trace buffer.
 * By default minimal reads them from trace_pipe itself and prints its own
 * on standard output (minimal_tracepipe.c), with a tracefs mount of its
 * own where the system has none; with --no-read, as in libbpf-bootstrap,
 * the user reads trace_pipe, and a dot on stderr is each tick.
 */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "bpfenv.h"
#include "minimal_tracepipe.h"
#include "stop.h"
#include "tool.h"
#include "minimal.skel.h"

enum { OPT_BTF = 1000, OPT_NO_READ };

static struct {
	bool verbose;
	bool no_read;
	const char *btf_path;
} env;

void (*argp_program_version_hook)(FILE *, struct argp_state *) = tool_print_version;

static const char doc[] =
	"Load a BPF program that prints a line to the kernel trace buffer each time "
	"this process calls write(), trigger it once a second, and print those lines, "
	"read from trace_pipe, on standard output.  Where tracefs is not mounted, as root, "
	"minimal mounts it for itself, in a mount namespace of its own.\n"
	"\v"
	"trace_pipe is one stream for the whole system: while minimal reads it, "
	"another reader of it does not see the lines minimal takes, and the other "
	"way round.\n"
	"\n"
	"Examples:\n"
	"  minimal                  # print its trace line once a second\n"
	"  minimal | head -n 1      # one line, then stop\n"
	"  minimal --no-read        # start; read the lines from trace_pipe:\n"
	"  cat /sys/kernel/tracing/trace_pipe   # in another terminal, as root\n"
	"  minimal -v               # also print libbpf's debug log";

static const struct argp_option options[] = {
	{ "btf", OPT_BTF, "FILE", 0, "Kernel BTF from FILE instead of /sys/kernel/btf/vmlinux (minimal itself needs none; for symmetry with execsnoop, the file is checked)", 0 },
	{ "no-read", OPT_NO_READ, NULL, 0, "Do not read trace_pipe: leave the lines there for another reader, such as cat (the system's tracefs must be mounted), and write a dot to stderr at each tick", 0 },
	{ "verbose", 'v', NULL, 0, "Print libbpf's debug log to stderr", 0 },
	{ 0 },
};

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case 'v':
		env.verbose = true;
		break;
	case OPT_BTF:
		env.btf_path = arg;
		break;
	case OPT_NO_READ:
		env.no_read = true;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Open, configure and load the program, then attach it. */
static int open_and_attach(struct minimal_bpf **skelp)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	uint64_t pidns_dev, pidns_ino;
	struct minimal_bpf *skel;
	int err;

	open_opts.btf_custom_path = env.btf_path;
	skel = minimal_bpf__open_opts(&open_opts);
	if (!skel) {
		bpfenv_report("open", -errno);
		return -1;
	}
	*skelp = skel;
	/* In a container, the program compares PIDs of its namespace. */
	err = bpfenv_pidns(&pidns_dev, &pidns_ino);
	if (err < 0) {
		fprintf(stderr, "minimal: cannot read /proc/self/ns/pid: %s\n", strerror(-err));
		return err;
	}
	if (!err) {
		skel->rodata->pidns_dev = pidns_dev;
		skel->rodata->pidns_ino = pidns_ino;
	}
	err = minimal_bpf__load(skel);
	if (err) {
		bpfenv_report("load", err);
		return err;
	}
	/* Only this process's write() calls: other processes write all the time. */
	skel->bss->my_pid = getpid();

	err = minimal_bpf__attach(skel);
	if (err == -ENOENT)
		fprintf(stderr, "minimal: this kernel has no syscalls:sys_enter_write tracepoint "
			"(it needs CONFIG_FTRACE_SYSCALLS)\n");
	else if (err)
		bpfenv_report("attach", err);
	return err;
}

/* --no-read: say where the output is, then write() a dot to stderr once
 * a second until a signal. */
static int run_no_read(const char *tracefs)
{
	printf("Successfully started! Run 'cat %s/trace_pipe' to see the output of the BPF program.\n",
	       tracefs);
	if (fflush(stdout) == EOF) {
		if (errno == EPIPE)
			return 0;	/* the reader went away: nothing to tell */
		fprintf(stderr, "minimal: cannot write to standard output: %s\n", strerror(errno));
		return -1;
	}
	while (!stop_requested()) {
		/* Each write() fires the BPF program once. */
		if (write(STDERR_FILENO, ".", 1) < 0 && errno != EINTR) {
			/* stderr is what triggers the program: nothing to do
			 * without it, and nowhere to say so. */
			return -1;
		}
		sleep(1);
	}
	fputc('\n', stderr);
	return 0;
}

/*
 * The default: trace_pipe, opened while tracefs is at hand (a private
 * mount is detached when minimal leaves its namespace, but a file open on
 * it stays readable) and as root, and /dev/null for the ticks: dots on
 * stderr would cut into the lines printed on a terminal.  0, or -1 (said).
 */
static int open_read(const char *tracefs, int *pipe_fd, int *tick_fd)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/trace_pipe", tracefs);
	*pipe_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (*pipe_fd < 0) {
		fprintf(stderr, "minimal: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	*tick_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (*tick_fd < 0) {
		fprintf(stderr, "minimal: cannot open /dev/null: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static int run_read(struct minimal_bpf *skel, int pipe_fd, int tick_fd)
{
	/* On stderr: standard output carries the trace lines alone. */
	fprintf(stderr, "Successfully started! Printing this process's lines of trace_pipe; "
		"Ctrl-C stops it.\n");
	return tracepipe_run(pipe_fd, tick_fd, &skel->bss->trace_pid);
}

/* Back to the system's mount namespace, if tracefs was mounted in one of
 * minimal's own, before the privilege drop takes what setns() needs. */
static int leave_tracefs(void)
{
	int err = bpfenv_tracefs_leave();

	if (err)
		fprintf(stderr, "minimal: cannot return to the system's mount namespace: %s\n",
			strerror(-err));
	return err;
}

int main(int argc, char **argv)
{
	const struct argp argp = { options, parse_arg, NULL, doc, NULL, NULL, NULL };
	struct minimal_bpf *skel = NULL;
	int err = 0, pipe_fd = -1, tick_fd = -1;
	const char *tracefs;

	tool_set_name("minimal", argv);
	if (argp_parse(&argp, argc, argv, 0, NULL, NULL))
		return EXIT_FAILURE;
	if (bpfenv_setup(env.verbose))
		return EXIT_FAILURE;
	/* libbpf finds the tracepoint's id in tracefs.  With --no-read the
	 * user reads the lines there: it must be the system's.  Otherwise
	 * minimal reads them itself, and mounts tracefs where the system has
	 * not, in a mount namespace of its own. */
	tracefs = env.no_read ? bpfenv_tracefs("the trace output")
			      : bpfenv_tracefs_private("the trace output");
	if (!tracefs)
		return EXIT_FAILURE;
	stop_setup();
	/* minimal uses no CO-RE; a BTF file given is still checked and used. */
	if (env.btf_path)
		err = bpfenv_check_btf(env.btf_path);
	if (!err && !env.no_read)
		err = open_read(tracefs, &pipe_fd, &tick_fd);
	if (!err)
		err = open_and_attach(&skel);
	if (leave_tracefs() && !err)
		err = -1;
	/* The program needs nothing more from root. */
	if (!err && (err = bpfenv_drop_privileges(false)))
		fprintf(stderr, "minimal: cannot drop privileges: %s\n", strerror(-err));
	if (!err)
		err = env.no_read ? run_no_read(tracefs) : run_read(skel, pipe_fd, tick_fd);
	minimal_bpf__destroy(skel);
	if (pipe_fd >= 0)
		close(pipe_fd);
	if (tick_fd >= 0)
		close(tick_fd);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
