/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * minimal_tracepipe: minimal's default mode.  It reads trace_pipe, keeps
 * the lines of its own task, prints them escaped on standard output, and
 * fires its BPF program with a write() once a second, until a stop signal
 * or the reader's departure.
 *
 * trace_pipe is one stream for the whole system: every bpf_printk() and
 * every enabled trace event goes there, and each line is consumed by
 * whichever reader reads it first.
 */
#ifndef COREBPF_MINIMAL_TRACEPIPE_H
#define COREBPF_MINIMAL_TRACEPIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

/* minimal's own lines are under 100 bytes; longer ones are not kept. */
#define TRACEPIPE_LINE_MAX 4096

/* What is left of the stream between reads: the start of a line. */
struct tracepipe {
	char line[TRACEPIPE_LINE_MAX];
	size_t len;
	bool overlong;	/* in a line longer than line[]: dropped to its end */
};

/* The PID of the task that wrote a trace line, from its "COMM-PID" field,
 * or -1 if the line has none (a "CPU:N [LOST M EVENTS]" line). */
long tracepipe_task_pid(const char *line, size_t len);

/* Take the bytes read from trace_pipe: each line they complete whose task
 * is pid goes to out, escaped for a terminal, with its newline; the start
 * of a line is kept for the next call. */
void tracepipe_feed(struct tracepipe *tp, const char *data, size_t len, pid_t pid,
		    struct strbuf *out);

/* The loop: tick_fd receives the write() of each tick, pipe_fd is
 * trace_pipe, opened non-blocking; *trace_pid is where the BPF program
 * writes the PID its lines carry (0 until it first runs, which matches
 * no line: PID 0 is the kernel's idle task).  0 on a stop signal or when
 * the reader of standard output went away; -1 after saying what failed. */
int tracepipe_run(int pipe_fd, int tick_fd, const volatile int *trace_pid);

#endif /* COREBPF_MINIMAL_TRACEPIPE_H */
