// SPDX-License-Identifier: GPL-2.0-or-later
/* escape: terminal-safe and shell-safe forms of untrusted bytes; see escape.h. */
#include "config.h"

#include <string.h>

#include "escape.h"

static const char hex[] = "0123456789abcdef";

size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (!len)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;	/* continuation byte, 0xc0/0xc1 or 0xf5-0xff */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* overlong, surrogate or beyond Unicode */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Controls, and the invisible "format" characters (Unicode category Cf)
 * that reorder text, hide in it or break lines, as of Unicode 15. */
bool escape_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return true;
	if (cp < 0xad)
		return false;
	return cp == 0xad ||				/* soft hyphen */
	       (cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd || cp == 0x70f ||
	       cp == 0x890 || cp == 0x891 || cp == 0x8e2 || cp == 0x180e ||
	       (cp >= 0x200b && cp <= 0x200f) ||	/* zero width, LRM, RLM */
	       (cp >= 0x2028 && cp <= 0x202e) ||	/* separators, embeddings, overrides */
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206f) ||
	       cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	       cp == 0x110bd || cp == 0x110cd || (cp >= 0x13430 && cp <= 0x1343f) ||
	       (cp >= 0x1bca0 && cp <= 0x1bca3) || (cp >= 0x1d173 && cp <= 0x1d17a) ||
	       cp == 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f);	/* tags */
}

static void add_hex_byte(struct strbuf *sb, unsigned char c)
{
	char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

	strbuf_add(sb, esc, sizeof(esc));
}

void escape_text(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	uint32_t cp;
	size_t n;

	strbuf_reserve(sb, len);
	while (p < end) {
		/* The common case: a run of printable ASCII. */
		if (*p >= 0x20 && *p < 0x7f && *p != '\\') {
			strbuf_addc(sb, (char)*p++);
			continue;
		}
		n = utf8_decode(p, (size_t)(end - p), &cp);
		if (!n) {
			add_hex_byte(sb, *p++);
			continue;
		}
		if (!escape_is_unsafe(cp) && cp != '\\') {
			strbuf_add(sb, p, n);
			p += n;
			continue;
		}
		switch (cp) {
		case '\\': strbuf_add(sb, "\\\\", 2); break;
		case '\n': strbuf_add(sb, "\\n", 2); break;
		case '\t': strbuf_add(sb, "\\t", 2); break;
		case '\r': strbuf_add(sb, "\\r", 2); break;
		case 0x1b: strbuf_add(sb, "\\e", 2); break;
		default:
			if (cp < 0x80)
				add_hex_byte(sb, (unsigned char)cp);
			else if (cp < 0x10000)
				strbuf_addf(sb, "\\u%04x", (unsigned int)cp);
			else
				strbuf_addf(sb, "\\U%08x", (unsigned int)cp);
		}
		p += n;
	}
}

/* Characters that never need quoting in a shell word. */
static bool shell_plain(unsigned char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	switch (c) {
	case '_': case '-': case '+': case '.': case '/': case ',': case ':': case '@':
		return true;
	case '%':
		return !first;	/* "%1" as a command is a job: fg %1 */
	}
	return false;
}

/* Words the shell reads as syntax at the start of a command. */
static bool shell_reserved(const char *s, size_t len)
{
	static const char *const words[] = {
		"case", "coproc", "do", "done", "elif", "else", "esac", "fi", "for", "function",
		"if", "in", "select", "then", "time", "until", "while",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == len && !memcmp(words[i], s, len))
			return true;
	return false;
}

void escape_shell(struct strbuf *sb, const char *s, size_t len, bool first)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	bool plain = len > 0, printable = true;
	uint32_t cp;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(p + i, len - i, &cp);
		if (!n || escape_is_unsafe(cp)) {
			printable = false;
			plain = false;
			break;
		}
		/* '=' starts a zsh filename expansion, and in a command's first
		 * word makes an assignment; elsewhere it is plain. */
		if (n > 1 || !(shell_plain(p[i], first) || (p[i] == '=' && i > 0 && !first)))
			plain = false;
	}
	if (plain && !(first && shell_reserved(s, len))) {
		strbuf_add(sb, s, len);
		return;
	}
	if (printable) {
		/* Single quotes keep everything literal but the quote itself. */
		strbuf_addc(sb, '\'');
		for (; p < end; p++) {
			if (*p == '\'')
				strbuf_add(sb, "'\\''", 4);
			else
				strbuf_addc(sb, (char)*p);
		}
		strbuf_addc(sb, '\'');
		return;
	}
	/* ANSI-C quoting for anything a terminal must not see raw. */
	strbuf_add(sb, "$'", 2);
	while (p < end) {
		n = utf8_decode(p, (size_t)(end - p), &cp);
		if (n && !escape_is_unsafe(cp)) {
			if (cp == '\\' || cp == '\'')
				strbuf_addc(sb, '\\');
			strbuf_add(sb, p, n);
			p += n;
			continue;
		}
		if (!n)
			n = 1;
		switch (*p) {
		case '\n': strbuf_add(sb, "\\n", 2); p++; continue;
		case '\t': strbuf_add(sb, "\\t", 2); p++; continue;
		case '\r': strbuf_add(sb, "\\r", 2); p++; continue;
		case 0x1b: strbuf_add(sb, "\\E", 2); p++; continue;
		}
		/* Every byte of an unsafe sequence, so the bytes come back exactly. */
		for (i = 0; i < n; i++)
			add_hex_byte(sb, p[i]);
		p += n;
	}
	strbuf_addc(sb, '\'');
}
