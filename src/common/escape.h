/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * escape: untrusted bytes (arguments and names chosen by any user) made safe
 * to print.
 *
 * escape_text() is for terminals and logs: valid UTF-8 text prints as itself;
 * control characters, invalid UTF-8 and the Unicode characters that reorder
 * or break lines are written as backslash escapes, so no argument can start
 * a forged line or send a terminal escape sequence.
 *
 * escape_shell() quotes one argument so that a POSIX shell with $'...'
 * (bash, zsh, ksh, busybox sh) reads it back as exactly the same bytes.
 */
#ifndef COREBPF_ESCAPE_H
#define COREBPF_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Length (1-4) of the well-formed UTF-8 sequence at s, storing its code
 * point; 0 if the bytes at s are not one (overlong forms, surrogates and
 * values above U+10FFFF are not). */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* Whether a code point is shown escaped by escape_text(): C0 and C1
 * controls, DEL, and the invisible format characters (bidirectional
 * controls, zero-width characters, line and paragraph separators, ...). */
bool escape_is_unsafe(uint32_t cp);

void escape_text(struct strbuf *sb, const char *s, size_t len);

/* 'first' marks a command's first word, where VAR=value would be read as an
 * assignment, so '=' is quoted there; a leading '=' is quoted everywhere
 * (zsh expands =word). */
void escape_shell(struct strbuf *sb, const char *s, size_t len, bool first);

#endif /* COREBPF_ESCAPE_H */
