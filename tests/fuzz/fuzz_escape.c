// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: escape_text() and escape_shell() on arbitrary bytes.  The
 * terminal form must be valid UTF-8 without a single unsafe character or
 * newline; the shell form must also be printable, be a single word, and
 * give the input back exactly when a shell reads it (shell_unquote() below
 * reads it as bash would).
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

static bool plain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("_-+.,/:@%=", c));
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * What bash makes of one word in the forms escape_shell() writes: plain
 * characters, '...', \' between them, and $'...' with \n \t \r \E \\ \'
 * and \xHH.  0 with the bytes in *out, or -1 if the word is not of that
 * form (which would let the shell split or expand it).  *specials counts
 * the unquoted characters that are special in a command's first word.
 */
static int shell_unquote(const char *w, size_t len, struct strbuf *out, int *specials)
{
	size_t i = 0;
	const char *q;
	int hi, lo;
	char c;

	*specials = 0;
	while (i < len) {
		c = w[i];
		if (c == '\'') {
			q = memchr(w + i + 1, '\'', len - i - 1);
			if (!q)
				return -1;
			strbuf_add(out, w + i + 1, (size_t)(q - (w + i + 1)));
			i = (size_t)(q - w) + 1;
		} else if (c == '\\') {
			if (i + 1 >= len || w[i + 1] != '\'')
				return -1;
			strbuf_addc(out, '\'');
			i += 2;
		} else if (c == '$' && i + 1 < len && w[i + 1] == '\'') {
			for (i += 2;; ) {
				if (i >= len)
					return -1;
				c = w[i++];
				if (c == '\'')
					break;
				if (c != '\\') {
					strbuf_addc(out, c);
					continue;
				}
				if (i >= len)
					return -1;
				switch ((c = w[i++])) {
				case 'n': strbuf_addc(out, '\n'); break;
				case 't': strbuf_addc(out, '\t'); break;
				case 'r': strbuf_addc(out, '\r'); break;
				case 'E': strbuf_addc(out, 0x1b); break;
				case '\\': case '\'': strbuf_addc(out, c); break;
				case 'x':
					if (i + 2 > len || (hi = hex_value(w[i])) < 0 ||
					    (lo = hex_value(w[i + 1])) < 0)
						return -1;
					strbuf_addc(out, (char)(hi << 4 | lo));
					i += 2;
					break;
				default:
					return -1;
				}
			}
		} else if (plain_char(c)) {
			/* '=' first would be a zsh expansion */
			if (c == '=' && i == 0)
				return -1;
			if (c == '=' || c == '%')
				(*specials)++;
			strbuf_addc(out, c);
			i++;
		} else {
			return -1;
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT, back = STRBUF_INIT;
	bool first = size & 1;
	int specials;

	escape_text(&sb, (const char *)data, size);
	check_safe(&sb);
	strbuf_reset(&sb);
	escape_shell(&sb, (const char *)data, size, first);
	check_safe(&sb);
	/* one word, never empty, that the shell turns back into the bytes */
	if (!sb.len || shell_unquote(sb.buf, sb.len, &back, &specials))
		abort();
	if (back.len != size || (size && memcmp(back.buf, data, size)))
		abort();
	/* as a command's first word: no assignment, no job (the reserved
	 * words are the unit tests' job) */
	if (first && specials)
		abort();
	strbuf_free(&sb);
	strbuf_free(&back);
	return 0;
}
