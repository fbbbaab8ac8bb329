// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the JSON writer on arbitrary bytes, split into several
 * strings at each NUL; the document must be one valid JSON value, and the
 * base64 form of each string must decode back to the same bytes.
 */
#include "config.h"

#include <stdlib.h>

#include "json.h"
#include "jsoncheck.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode the base64 string at sb->buf[from..] ("..."), compare with want. */
static void check_base64(const struct strbuf *sb, size_t from, const unsigned char *want, size_t len)
{
	const char *p = sb->buf + from + 1, *end = sb->buf + sb->len - 1;
	size_t out = 0;
	unsigned int acc = 0;
	int bits = 0, v;

	for (; p < end && *p != '='; p++) {
		v = b64val(*p);
		if (v < 0)
			abort();
		acc = acc << 6 | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (out >= len || (unsigned char)(acc >> bits) != want[out])
				abort();
			out++;
		}
	}
	if (out != len)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT, b64 = STRBUF_INIT;
	const unsigned char *nul;
	size_t at = 0, len;
	struct json j, jb;

	json_init(&j, &sb);
	json_object_begin(&j);
	json_key(&j, "strings");
	json_array_begin(&j);
	for (;;) {
		nul = memchr(data + at, '\0', size - at);
		len = nul ? (size_t)(nul - (data + at)) : size - at;
		json_string(&j, (const char *)data + at, len);
		json_init(&jb, &b64);
		strbuf_reset(&b64);
		json_base64(&jb, data + at, len);
		check_base64(&b64, 0, data + at, len);
		if (!nul)
			break;
		at += len + 1;
	}
	json_array_end(&j);
	json_object_end(&j);
	if (!json_valid(sb.buf, sb.len))
		abort();
	strbuf_free(&sb);
	strbuf_free(&b64);
	return 0;
}
