// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * execsnoop: trace exec() calls and process exits, system-wide or for one
 * command's process tree.
 *
 * main() follows the libbpf lifecycle: parse and check the options, open
 * the skeleton, fill its read-only settings, load, attach, drop
 * privileges, then poll the ring buffer until a signal, the traced
 * command's exit or the reader's departure, and leave through one cleanup
 * path that detaches everything.  Each step is a module of its own:
 * execsnoop_options (parse, check), execsnoop_kernel (the BPF side),
 * execsnoop_trace (the loop), command and stop in src/common.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "bpfenv.h"
#include "command.h"
#include "execsnoop_journal.h"
#include "execsnoop_kernel.h"
#include "execsnoop_options.h"
#include "execsnoop_trace.h"
#include "stop.h"
#include "tool.h"
#include "execsnoop.skel.h"

static char command_file[PATH_MAX];

/* COMMAND through PATH, before anything is loaded: the trace then begins
 * with its one real exec, not one failed exec per PATH entry (as strace
 * does).  0, or env(1)'s status: 127 not found, 126 not executable. */
static int find_command(char **command)
{
	int err = command_find(command[0], getenv("PATH"), command_file, sizeof(command_file));

	if (!err)
		return 0;
	fprintf(stderr, "execsnoop: cannot run '%s': %s\n", command[0], strerror(-err));
	return command_find_status(err);
}

/* COMMAND, forked and held: it goes into the tree before attaching, so
 * that its first fork is followed, and execs once the tracing is on. */
static int start_command(struct execsnoop_bpf *skel, char **command)
{
	int err = command_spawn(command_file, command);

	if (err) {
		fprintf(stderr, "execsnoop: cannot start '%s': %s\n", command[0], strerror(-err));
		return err;
	}
	kernel_trace_tree(skel, command_pid());
	return 0;
}

int main(int argc, char **argv)
{
	struct execsnoop_opts opts;
	struct execsnoop_bpf *skel = NULL;
	int err, status;

	tool_set_name("execsnoop", argv);
	if (options_parse(&opts, argc, argv))
		return EXIT_FAILURE;
	if (opts.command && (status = find_command(opts.command)))
		goto free;
	if ((opts.journal && journal_check()) || kernel_check(&opts)) {
		status = EXIT_FAILURE;
		goto free;
	}
	stop_setup();

	skel = kernel_open(&opts);
	if (!skel) {
		status = EXIT_FAILURE;
		goto free;
	}
	err = kernel_configure(skel, &opts);
	if (!err)
		err = kernel_load(skel, &opts);
	if (!err && opts.command)
		err = start_command(skel, opts.command);
	if (!err)
		err = kernel_attach(skel, &opts, command_pid());
	if (!err)
		err = trace_open(skel, &opts);
	if (err)
		goto cleanup;

	err = trace_header();
	if (err)
		goto done;
	if (opts.command) {
		err = command_release();
		if (err == -EINTR) {
			err = 0;	/* stopped during the start: COMMAND never ran */
			goto cleanup;
		}
		if (err) {
			fprintf(stderr, "execsnoop: cannot start '%s': %s\n", opts.command[0],
				strerror(-err));
			goto cleanup;
		}
	}
	/* From here on, the code handles untrusted event data: without root's
	 * powers, which loading and attaching needed. */
	err = bpfenv_drop_privileges(opts.command != NULL);
	if (err) {
		fprintf(stderr, "execsnoop: cannot drop privileges: %s\n", strerror(-err));
		goto cleanup;
	}
	err = trace_run();
done:
	err = trace_done(err);
cleanup:
	trace_close(skel);
	execsnoop_bpf__destroy(skel);
	if (opts.command)
		status = command_finish(err != 0);
	else
		status = err ? EXIT_FAILURE : EXIT_SUCCESS;
free:
	options_free(&opts);
	return status;
}
