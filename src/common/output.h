/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output: the tool's buffered standard output.  Events are formatted into
 * one buffer and written in whole pieces; a stop signal that interrupts a
 * write blocked on a reader that does not read drops the rest, counting
 * the lines (events) that were not written.
 */
#ifndef COREBPF_OUTPUT_H
#define COREBPF_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "strbuf.h"

struct output_ops {
	/* write(2), or a test's */
	ssize_t (*write)(int fd, const void *buf, size_t len);
	/* whether a stop was asked for (a signal, the alarm of a last flush) */
	bool (*stopping)(void);
};

/* Where to write; ops NULL: write(2), and stop.h's signals. */
void output_init(int fd, const struct output_ops *ops);

/* The buffer to format into; output_flush() writes it. */
struct strbuf *output_buf(void);

/* Write the buffer.  0, or -errno: -EINTR when a stop interrupted a
 * blocked write, the rest then dropped and counted; -EPIPE when the
 * reader went away. */
int output_flush(void);

/* Once a stop cut the output short, events are counted, not written:
 * true if so, and this event is counted. */
bool output_skip(void);

/* Events not written because a stop cut the output short. */
uint64_t output_unwritten(void);

void output_free(void);

#endif /* COREBPF_OUTPUT_H */
