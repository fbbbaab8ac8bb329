// SPDX-License-Identifier: GPL-2.0-or-later
/* json: a streaming JSON writer; see json.h. */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "escape.h"
#include "json.h"

void json_init(struct json *j, struct strbuf *sb)
{
	memset(j, 0, sizeof(*j));
	j->sb = sb;
}

/* Before any value: a comma if it is not the first in its container. */
static void json_value_prefix(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (j->need_comma[j->depth])
			strbuf_addc(j->sb, ',');
		j->need_comma[j->depth] = true;
	}
}

static void json_open(struct json *j, char c)
{
	json_value_prefix(j);
	strbuf_addc(j->sb, c);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void json_close(struct json *j, char c)
{
	strbuf_addc(j->sb, c);
	if (j->depth > 0)
		j->depth--;
}

void json_object_begin(struct json *j)
{
	json_open(j, '{');
}

void json_object_end(struct json *j)
{
	json_close(j, '}');
}

void json_array_begin(struct json *j)
{
	json_open(j, '[');
}

void json_array_end(struct json *j)
{
	json_close(j, ']');
}

void json_key(struct json *j, const char *key)
{
	json_cstring(j, key);
	strbuf_addc(j->sb, ':');
	j->after_key = true;
}

static void json_add_u(struct strbuf *sb, uint32_t u)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = { '\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15],
			hex[u & 15] };

	strbuf_add(sb, esc, sizeof(esc));
}

bool json_string(struct json *j, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	bool replaced = false;
	uint32_t cp;
	size_t n;

	json_value_prefix(j);
	strbuf_reserve(j->sb, len + 2);
	strbuf_addc(j->sb, '"');
	while (p < end) {
		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') {
			strbuf_addc(j->sb, (char)*p++);
			continue;
		}
		n = utf8_decode(p, (size_t)(end - p), &cp);
		if (!n) {
			strbuf_add(j->sb, "\xef\xbf\xbd", 3);	/* U+FFFD */
			replaced = true;
			p++;
			continue;
		}
		switch (cp) {
		case '"': strbuf_add(j->sb, "\\\"", 2); break;
		case '\\': strbuf_add(j->sb, "\\\\", 2); break;
		case '\n': strbuf_add(j->sb, "\\n", 2); break;
		case '\t': strbuf_add(j->sb, "\\t", 2); break;
		case '\r': strbuf_add(j->sb, "\\r", 2); break;
		case '\b': strbuf_add(j->sb, "\\b", 2); break;
		case '\f': strbuf_add(j->sb, "\\f", 2); break;
		default:
			/* Controls and invisible format characters as \u escapes
			 * (the same text, but a terminal showing the JSON is not
			 * steered by it); above U+FFFF as a surrogate pair. */
			if (escape_is_unsafe(cp)) {
				if (cp >= 0x10000) {
					json_add_u(j->sb, 0xd800 + ((cp - 0x10000) >> 10));
					json_add_u(j->sb, 0xdc00 + ((cp - 0x10000) & 0x3ff));
				} else {
					json_add_u(j->sb, cp);
				}
			} else {
				strbuf_add(j->sb, p, n);
			}
		}
		p += n;
	}
	strbuf_addc(j->sb, '"');
	return replaced;
}

void json_cstring(struct json *j, const char *s)
{
	json_string(j, s, strlen(s));
}

void json_base64(struct json *j, const void *data, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	size_t i;

	json_value_prefix(j);
	strbuf_reserve(j->sb, len / 3 * 4 + 6);
	strbuf_addc(j->sb, '"');
	for (i = 0; i + 2 < len; i += 3) {
		strbuf_addc(j->sb, b64[p[i] >> 2]);
		strbuf_addc(j->sb, b64[(p[i] & 3) << 4 | p[i + 1] >> 4]);
		strbuf_addc(j->sb, b64[(p[i + 1] & 15) << 2 | p[i + 2] >> 6]);
		strbuf_addc(j->sb, b64[p[i + 2] & 63]);
	}
	if (len - i == 1) {
		strbuf_addc(j->sb, b64[p[i] >> 2]);
		strbuf_addc(j->sb, b64[(p[i] & 3) << 4]);
		strbuf_add(j->sb, "==", 2);
	} else if (len - i == 2) {
		strbuf_addc(j->sb, b64[p[i] >> 2]);
		strbuf_addc(j->sb, b64[(p[i] & 3) << 4 | p[i + 1] >> 4]);
		strbuf_addc(j->sb, b64[(p[i + 1] & 15) << 2]);
		strbuf_addc(j->sb, '=');
	}
	strbuf_addc(j->sb, '"');
}

void json_int(struct json *j, int64_t v)
{
	json_value_prefix(j);
	strbuf_addf(j->sb, "%" PRId64, v);
}

void json_uint(struct json *j, uint64_t v)
{
	json_value_prefix(j);
	strbuf_addf(j->sb, "%" PRIu64, v);
}

void json_bool(struct json *j, bool v)
{
	json_value_prefix(j);
	strbuf_adds(j->sb, v ? "true" : "false");
}

void json_null(struct json *j)
{
	json_value_prefix(j);
	strbuf_add(j->sb, "null", 4);
}
