// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for escape.c: UTF-8 decoding, terminal escaping, shell quoting. */
#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "escape.h"

static void text_is(const char *in, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	escape_text(&sb, in, len);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	strbuf_free(&sb);
}

static void shell_is(const char *in, size_t len, bool first, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	escape_shell(&sb, in, len, first);
	CHECK_MEM(sb.buf ? sb.buf : "", sb.len, want);
	strbuf_free(&sb);
}

#define TEXT(in, want) text_is(in, sizeof(in) - 1, want)
#define SHELL(in, first, want) shell_is(in, sizeof(in) - 1, first, want)

static void test_utf8_decode(void)
{
	uint32_t cp = 0;

	CHECK(utf8_decode((const unsigned char *)"A", 1, &cp) == 1 && cp == 'A');
	CHECK(utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp) == 2 && cp == 0xe9);
	CHECK(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp) == 3 && cp == 0x20ac);
	CHECK(utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1f600);
	CHECK(utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &cp) == 4 && cp == 0x10ffff);
	/* Not well-formed: */
	CHECK(utf8_decode((const unsigned char *)"\xc0\x80", 2, &cp) == 0);	/* overlong NUL */
	CHECK(utf8_decode((const unsigned char *)"\xc1\xbf", 2, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\xe0\x80\x80", 3, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\xe0\x9f\xbf", 3, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp) == 0);	/* surrogate */
	CHECK(utf8_decode((const unsigned char *)"\xf0\x8f\xbf\xbf", 4, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\xf5\x80\x80\x80", 4, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\x80", 1, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"\xe2\x82", 2, &cp) == 0);	/* cut short */
	CHECK(utf8_decode((const unsigned char *)"\xe2\x28\xac", 3, &cp) == 0);
	CHECK(utf8_decode((const unsigned char *)"", 0, &cp) == 0);
}

static void test_escape_text(void)
{
	TEXT("plain text", "plain text");
	TEXT("", "");
	TEXT("a\nb", "a\\nb");
	TEXT("a\tb\rc", "a\\tb\\rc");
	TEXT("\x1b[31mred", "\\e[31mred");
	TEXT("back\\slash", "back\\\\slash");
	TEXT("\x01\x1f\x7f", "\\x01\\x1f\\x7f");
	TEXT("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	TEXT("\xff\xfe", "\\xff\\xfe");
	TEXT("\xc3", "\\xc3");			/* cut UTF-8 */
	TEXT("\xc0\x80", "\\xc0\\x80");		/* overlong */
	TEXT("\xed\xa0\x80", "\\xed\\xa0\\x80");	/* surrogate */
	TEXT("\xc2\x9b" "31m", "\\u009b31m");	/* C1 CSI */
	TEXT("\xe2\x80\xae" "evil", "\\u202eevil");	/* right-to-left override */
	TEXT("\xe2\x80\xa8", "\\u2028");		/* line separator */
	TEXT("\xe2\x81\xa6", "\\u2066");		/* isolate */
	TEXT("a\xc2\xad" "b", "a\\u00adb");		/* soft hyphen */
	TEXT("\xe2\x80\x8b\xef\xbb\xbf", "\\u200b\\ufeff");	/* zero width space, BOM */
	TEXT("\xf3\xa0\x80\x81", "\\U000e0001");	/* language tag */
	TEXT("\xc2\xa0\xc3\x9f", "\xc2\xa0\xc3\x9f");	/* NBSP and sharp s stay */
}

static bool text_is_safe(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, n;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &cp);
		if (!n || escape_is_unsafe(cp))
			return false;
		i += n;
	}
	return true;
}

/* Whatever the bytes, the output is valid UTF-8 with no control character,
 * and different inputs give different outputs (the escaping is reversible). */
static void test_escape_text_random(void)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char in[64], other[64];
	int i, c;

	for (c = 1; c < 256; c++) {
		char byte = (char)c;

		strbuf_reset(&a);
		escape_text(&a, &byte, 1);
		CHECK(text_is_safe(a.buf, a.len));
	}
	for (i = 0; i < 20000; i++) {
		size_t len = check_rand() % sizeof(in);

		check_rand_bytes(in, len);
		strbuf_reset(&a);
		escape_text(&a, in, len);
		CHECK(text_is_safe(a.buf, a.len));
		CHECK(!memchr(a.buf, '\n', a.len));
		/* flip one byte: the escaped text must change */
		if (len) {
			memcpy(other, in, len);
			other[check_rand() % len] ^= 1 + (char)(check_rand() % 127);
			if (memcmp(other, in, len)) {
				strbuf_reset(&b);
				escape_text(&b, other, len);
				CHECK(a.len != b.len || memcmp(a.buf, b.buf, a.len));
			}
		}
	}
	strbuf_free(&a);
	strbuf_free(&b);
}

static void test_escape_shell(void)
{
	SHELL("ls", true, "ls");
	SHELL("/usr/bin/env", true, "/usr/bin/env");
	SHELL("--opt=value", false, "--opt=value");
	SHELL("A=b", true, "'A=b'");		/* would be an assignment */
	SHELL("a=b", false, "a=b");
	SHELL("=ls", false, "'=ls'");		/* zsh would expand it */
	SHELL("if", true, "'if'");		/* would be syntax */
	SHELL("if", false, "if");
	SHELL("%1", true, "'%1'");		/* would be a job */
	SHELL("%1", false, "%1");
	SHELL("", false, "''");
	SHELL("a b", false, "'a b'");
	SHELL("it's", false, "'it'\\''s'");
	SHELL("$HOME `x` *", false, "'$HOME `x` *'");
	SHELL("caf\xc3\xa9", false, "'caf\xc3\xa9'");
	SHELL("a\nb", false, "$'a\\nb'");
	SHELL("\x1b[31m", false, "$'\\E[31m'");
	SHELL("\xff'\\", false, "$'\\xff\\'\\\\'");
	SHELL("\xe2\x80\xae", false, "$'\\xe2\\x80\\xae'");
	SHELL("~root", false, "'~root'");
	SHELL("#c", false, "'#c'");
}

/* The real test of quoting: bash reads every quoted word back as the same bytes. */
static void test_escape_shell_bash(void)
{
	struct strbuf cmd = STRBUF_INIT;
	char in[48], out[256];
	int i, fds[2];

	if (access("/bin/bash", X_OK)) {
		printf("test_escape: no /bin/bash, shell round trip not run\n");
		return;
	}
	for (i = 0; i < 300; i++) {
		size_t len = check_rand() % sizeof(in), got = 0;
		ssize_t n;
		pid_t pid;
		int status;

		check_rand_bytes(in, len);
		strbuf_reset(&cmd);
		strbuf_adds(&cmd, "printf %s ");
		escape_shell(&cmd, in, len, false);
		if (pipe(fds))
			break;
		pid = fork();
		if (pid == 0) {
			dup2(fds[1], 1);
			close(fds[0]);
			execl("/bin/bash", "bash", "-c", strbuf_str(&cmd), (char *)NULL);
			_exit(127);
		}
		close(fds[1]);
		while ((n = read(fds[0], out + got, sizeof(out) - got)) > 0)
			got += (size_t)n;
		close(fds[0]);
		waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		CHECK(got == len && !memcmp(out, in, len));
		if (got != len || memcmp(out, in, len))
			fprintf(stderr, "  quoted as: %s\n", strbuf_str(&cmd));
	}
	strbuf_free(&cmd);
}

int main(void)
{
	test_utf8_decode();
	test_escape_text();
	test_escape_text_random();
	test_escape_shell();
	test_escape_shell_bash();
	return check_done("test_escape");
}
