// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: escape_text() and escape_shell() on arbitrary bytes.  The
 * terminal form must be valid UTF-8 without a single unsafe character or
 * newline; the shell form must also be printable, and be a single word.
 */
#include "config.h"

#include <stdlib.h>

#include "escape.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_safe(const struct strbuf *sb)
{
	const unsigned char *p = (const unsigned char *)sb->buf;
	uint32_t cp;
	size_t i = 0, n;

	while (i < sb->len) {
		n = utf8_decode(p + i, sb->len - i, &cp);
		if (!n || escape_is_unsafe(cp))
			abort();
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;

	escape_text(&sb, (const char *)data, size);
	check_safe(&sb);
	strbuf_reset(&sb);
	escape_shell(&sb, (const char *)data, size, size & 1);
	check_safe(&sb);
	/* one word: quoted or plain, never empty */
	if (!sb.len)
		abort();
	strbuf_free(&sb);
	return 0;
}
