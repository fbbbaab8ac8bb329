// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * minimal: the BPF "hello world" of libbpf-bootstrap, as a shipped tool.
 *
 * It loads a tracepoint program on write() that calls bpf_printk() for this
 * process only, then writes a dot to stderr once a second so that the
 * program fires, until SIGINT, SIGTERM or SIGHUP.  The lines appear in the kernel
 * trace buffer (trace_pipe), not on the tool's own output.
 */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "bpfenv.h"
#include "tool.h"
#include "minimal.skel.h"

enum { OPT_BTF = 1000 };

static struct {
	bool verbose;
	const char *btf_path;
} env;

static volatile sig_atomic_t exiting;

static void on_signal(int sig)
{
	exiting = 1;
}

void (*argp_program_version_hook)(FILE *, struct argp_state *) = tool_print_version;

static const char doc[] =
	"Load a BPF program that prints a line to the kernel trace buffer each time "
	"this process calls write(), and trigger it once a second.\n"
	"\v"
	"Examples:\n"
	"  minimal                  # start; read the lines from trace_pipe\n"
	"  cat /sys/kernel/tracing/trace_pipe   # in another terminal, as root\n"
	"  minimal -v               # also print libbpf's debug log";

static const struct argp_option options[] = {
	{ "btf", OPT_BTF, "FILE", 0, "Kernel BTF from FILE instead of /sys/kernel/btf/vmlinux (minimal itself needs none; for symmetry with execsnoop, the file is checked)", 0 },
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
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct argp argp = { options, parse_arg, NULL, doc, NULL, NULL, NULL };
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	struct minimal_bpf *skel = NULL;
	struct sigaction sa;
	const char *tracefs;
	uint64_t pidns_dev, pidns_ino;
	int err;

	tool_set_name("minimal", argv);
	err = argp_parse(&argp, argc, argv, 0, NULL, NULL);
	if (err)
		return EXIT_FAILURE;

	if (bpfenv_setup(env.verbose))
		return EXIT_FAILURE;
	/* libbpf finds the tracepoint's id in tracefs, and the output can only
	 * be read there. */
	tracefs = bpfenv_tracefs("the trace output");
	if (!tracefs)
		return EXIT_FAILURE;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: sleep() returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	/* minimal uses no CO-RE; a BTF file given is still checked and used. */
	if (env.btf_path && bpfenv_check_btf(env.btf_path))
		return EXIT_FAILURE;
	open_opts.btf_custom_path = env.btf_path;
	skel = minimal_bpf__open_opts(&open_opts);
	if (!skel) {
		bpfenv_report("open", -errno);
		return EXIT_FAILURE;
	}
	/* In a container, the program compares PIDs of its namespace. */
	err = bpfenv_pidns(&pidns_dev, &pidns_ino);
	if (err < 0) {
		fprintf(stderr, "minimal: cannot read /proc/self/ns/pid: %s\n", strerror(-err));
		goto cleanup;
	}
	if (!err) {
		skel->rodata->pidns_dev = pidns_dev;
		skel->rodata->pidns_ino = pidns_ino;
	}
	err = minimal_bpf__load(skel);
	if (err) {
		bpfenv_report("load", err);
		goto cleanup;
	}
	/* Only this process's write() calls: other processes write all the time. */
	skel->bss->my_pid = getpid();

	err = minimal_bpf__attach(skel);
	if (err) {
		if (err == -ENOENT)
			fprintf(stderr, "minimal: this kernel has no syscalls:sys_enter_write tracepoint "
				"(it needs CONFIG_FTRACE_SYSCALLS)\n");
		else
			bpfenv_report("attach", err);
		goto cleanup;
	}
	/* The program needs nothing more from root. */
	err = bpfenv_drop_privileges(false);
	if (err) {
		fprintf(stderr, "minimal: cannot drop privileges: %s\n", strerror(-err));
		goto cleanup;
	}

	printf("Successfully started! Run 'cat %s/trace_pipe' to see the output of the BPF program.\n",
	       tracefs);
	if (fflush(stdout) == EOF) {
		err = -errno;
		fprintf(stderr, "minimal: cannot write to standard output: %s\n", strerror(errno));
		goto cleanup;
	}

	while (!exiting) {
		/* Each write() fires the BPF program once. */
		if (write(STDERR_FILENO, ".", 1) < 0 && errno != EINTR) {
			/* stderr is what triggers the program: nothing to do
			 * without it, and nowhere to say so. */
			err = -errno;
			goto cleanup;
		}
		sleep(1);
	}
	err = 0;
	fputc('\n', stderr);

cleanup:
	minimal_bpf__destroy(skel);
	return err ? EXIT_FAILURE : EXIT_SUCCESS;
}
