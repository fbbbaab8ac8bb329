/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * strbuf: a growable byte buffer that output is formatted into.
 *
 * Formatting into memory and writing whole buffers keeps each event's line
 * in one piece and lets the formatters be tested without a terminal.
 * Allocation failure is fatal: a tracer that silently drops output on
 * out-of-memory would be worse than one that stops.
 */
#ifndef COREBPF_STRBUF_H
#define COREBPF_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_free(struct strbuf *sb);
void strbuf_reserve(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append spaces until the text since offset 'from' is 'width' characters wide. */
void strbuf_pad(struct strbuf *sb, size_t from, size_t width);
/* NUL-terminated view of the contents (the NUL is not counted in len). */
const char *strbuf_str(struct strbuf *sb);

static inline void strbuf_addc(struct strbuf *sb, char c)
{
	if (sb->len + 1 >= sb->cap)
		strbuf_reserve(sb, 1);
	sb->buf[sb->len++] = c;
}

static inline void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
}

#endif /* COREBPF_STRBUF_H */
