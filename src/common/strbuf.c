// SPDX-License-Identifier: GPL-2.0-or-later
/* strbuf: a growable byte buffer; see strbuf.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void strbuf_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

/* Room for 'extra' more bytes plus a terminating NUL. */
void strbuf_reserve(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1, cap = sb->cap ? sb->cap : 256;
	char *p;

	if (need <= sb->cap)
		return;
	if (need < sb->len) {	/* overflow */
		fputs("out of memory\n", stderr);
		abort();
	}
	while (cap < need)
		cap *= 2;
	p = realloc(sb->buf, cap);
	if (!p) {
		fputs("out of memory\n", stderr);
		abort();
	}
	sb->buf = p;
	sb->cap = cap;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	strbuf_reserve(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	strbuf_reserve(sb, 64);
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sb->cap - sb->len) {
		strbuf_reserve(sb, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		va_end(ap);
	}
	sb->len += (size_t)n;
}

/* Counts characters, not bytes, so that UTF-8 text stays aligned: every byte
 * that is not a UTF-8 continuation byte starts a character. */
void strbuf_pad(struct strbuf *sb, size_t from, size_t width)
{
	size_t chars = 0, i;

	for (i = from; i < sb->len; i++)
		if (((unsigned char)sb->buf[i] & 0xc0) != 0x80)
			chars++;
	for (; chars < width; chars++)
		strbuf_addc(sb, ' ');
}

const char *strbuf_str(struct strbuf *sb)
{
	strbuf_reserve(sb, 0);
	sb->buf[sb->len] = '\0';
	return sb->buf;
}
