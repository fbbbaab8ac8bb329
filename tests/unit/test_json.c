// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for json.c: structure, string escaping, UTF-8 repair, base64. */
#include "config.h"

#include "check.h"
#include "json.h"
#include "jsoncheck.h"

static void test_structure(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;

	json_init(&j, &sb);
	json_object_begin(&j);
	json_key(&j, "a");
	json_int(&j, -5);
	json_key(&j, "b");
	json_array_begin(&j);
	json_uint(&j, 18446744073709551615ULL);
	json_bool(&j, true);
	json_null(&j);
	json_array_begin(&j);
	json_array_end(&j);
	json_object_begin(&j);
	json_object_end(&j);
	json_array_end(&j);
	json_key(&j, "c");
	json_cstring(&j, "x");
	json_object_end(&j);
	CHECK_STR(strbuf_str(&sb), "{\"a\":-5,\"b\":[18446744073709551615,true,null,[],{}],\"c\":\"x\"}");
	CHECK(json_valid(sb.buf, sb.len));
	strbuf_free(&sb);
}

static void string_is(const char *in, size_t len, const char *want, bool want_replaced)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	bool replaced;

	json_init(&j, &sb);
	replaced = json_string(&j, in, len);
	CHECK_MEM(sb.buf, sb.len, want);
	CHECK(replaced == want_replaced);
	CHECK(json_valid(sb.buf, sb.len));
	strbuf_free(&sb);
}

#define STRING(in, want, repl) string_is(in, sizeof(in) - 1, want, repl)

static void test_strings(void)
{
	STRING("plain", "\"plain\"", false);
	STRING("", "\"\"", false);
	STRING("q\"b\\", "\"q\\\"b\\\\\"", false);
	STRING("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"", false);
	STRING("\x01\x1b\x7f", "\"\\u0001\\u001b\\u007f\"", false);
	STRING("caf\xc3\xa9 \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", false);
	STRING("\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"", false);
	STRING("\xc2\x85\xc2\x9b" "2J", "\"\\u0085\\u009b2J\"", false);	/* C1: NEL, CSI */
	STRING("\xe2\x80\xae" "x\xef\xbb\xbf", "\"\\u202ex\\ufeff\"", false);
	STRING("\xf3\xa0\x80\x81", "\"\\udb40\\udc01\"", false);	/* U+E0001 */
	STRING("/", "\"/\"", false);
	/* Each byte outside a well-formed sequence becomes U+FFFD. */
	STRING("a\xff" "b", "\"a\xef\xbf\xbd" "b\"", true);
	STRING("\xc3", "\"\xef\xbf\xbd\"", true);
	STRING("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"", true);
	STRING("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"", true);
}

static void base64_is(const char *in, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;

	json_init(&j, &sb);
	json_base64(&j, in, strlen(in));
	CHECK_STR(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void test_base64(void)
{
	/* RFC 4648, section 10 */
	base64_is("", "\"\"");
	base64_is("f", "\"Zg==\"");
	base64_is("fo", "\"Zm8=\"");
	base64_is("foo", "\"Zm9v\"");
	base64_is("foob", "\"Zm9vYg==\"");
	base64_is("fooba", "\"Zm9vYmE=\"");
	base64_is("foobar", "\"Zm9vYmFy\"");
}

/* Whatever the bytes, the document stays valid JSON and valid UTF-8. */
static void test_random(void)
{
	struct strbuf sb = STRBUF_INIT;
	char in[80];
	struct json j;
	int i, k;

	for (i = 0; i < 20000; i++) {
		strbuf_reset(&sb);
		json_init(&j, &sb);
		json_object_begin(&j);
		json_key(&j, "args");
		json_array_begin(&j);
		for (k = check_rand() % 4; k >= 0; k--) {
			size_t len = check_rand() % sizeof(in);

			check_rand_bytes(in, len);
			if (check_rand() % 8 == 0)
				in[0] = 0;	/* NUL inside a string, escaped as \u0000 */
			json_string(&j, in, len);
		}
		json_array_end(&j);
		json_object_end(&j);
		CHECK(json_valid(sb.buf, sb.len));
		if (!json_valid(sb.buf, sb.len)) {
			fprintf(stderr, "  invalid: %s\n", strbuf_str(&sb));
			break;
		}
	}
	strbuf_free(&sb);
}

int main(void)
{
	test_structure();
	test_strings();
	test_base64();
	test_random();
	return check_done("test_json");
}
