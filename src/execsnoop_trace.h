/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_trace: the poll loop.  It drains the ring buffer, decodes,
 * filters and prints each event, and stops on a signal, the traced
 * command's exit or the reader's departure.
 */
#ifndef COREBPF_EXECSNOOP_TRACE_H
#define COREBPF_EXECSNOOP_TRACE_H

#include "execsnoop_options.h"

struct execsnoop_bpf;

/* Open the ring buffer of the attached skel.  0, or -errno (said). */
int trace_open(struct execsnoop_bpf *skel, const struct execsnoop_opts *o);

/* Start the clock and print the header.  0, or -errno. */
int trace_header(void);

/* Until a stop: 0, or -errno (-EPIPE: the reader went away). */
int trace_run(void);

/* What an error of trace_header() or trace_run() means for the exit
 * status: 0 for a reader that left or a stop that cut the output short,
 * the error (said) otherwise. */
int trace_done(int err);

/* Free the ring buffer and say what was lost, if the reader is there. */
void trace_close(struct execsnoop_bpf *skel);

#endif /* COREBPF_EXECSNOOP_TRACE_H */
