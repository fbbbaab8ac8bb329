/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json: a small streaming JSON writer into a strbuf.
 *
 * The writer places commas and escapes strings itself, so output is valid
 * JSON whatever bytes it is given.  Control and invisible format characters
 * (escape_is_unsafe()) are written as \u escapes.  Strings are written as valid UTF-8:
 * each byte that is not part of a well-formed UTF-8 sequence becomes
 * U+FFFD, and json_string() reports it so that the caller can add the exact
 * bytes in base64 (json_base64()).
 */
#ifndef COREBPF_JSON_H
#define COREBPF_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct strbuf *sb;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json *j, struct strbuf *sb);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/* A key inside an object; the next value written is its value. */
void json_key(struct json *j, const char *key);
/* Returns true when invalid UTF-8 had to be replaced. */
bool json_string(struct json *j, const char *s, size_t len);
void json_cstring(struct json *j, const char *s);
void json_base64(struct json *j, const void *data, size_t len);
void json_int(struct json *j, int64_t v);
void json_uint(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

#endif /* COREBPF_JSON_H */
