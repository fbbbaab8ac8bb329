// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: a raw ring-buffer record, as the kernel would hand it over,
 * through event_decode() and both printers, also with every -o column: its
 * paths (exe, cwd, cgroup, as the flags say), its context and, with --env
 * names, its environment.
 * Besides memory errors (ASan) and undefined behaviour (UBSan), it aborts
 * when an output property breaks: a human line is exactly one line with no
 * control character, and JSON is one valid object.
 */
#include "config.h"

#include <stdlib.h>

#include "escape.h"
#include "execsnoop_event.h"
#include "execsnoop_print.h"
#include "jsoncheck.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_line(const struct strbuf *sb, bool json)
{
	size_t i;

	if (!sb->len || sb->buf[sb->len - 1] != '\n' || memchr(sb->buf, '\n', sb->len) != sb->buf + sb->len - 1)
		abort();
	for (i = 0; i + 1 < sb->len; i++)
		if ((unsigned char)sb->buf[i] < 0x20 || sb->buf[i] == 0x7f)
			abort();
	if (json && !json_valid(sb->buf, sb->len))
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct print_opts o = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct event_record ev;
	unsigned char mode;
	const char *bad;
	size_t bad_len;

	/* Names that are prefixes of each other, and one that is often absent. */
	static char *const env_names[] = { "A", "AB", "PATH", "LD_PRELOAD", NULL };

	/* The first byte picks the options, the rest is the record. */
	if (size < 1)
		return 0;
	mode = data[0];
	if (event_decode(data + 1, size - 1, &ev))
		return 0;
	o.quote = mode & 1;
	o.exits = mode & 2;
	o.timestamp = mode & 4;
	o.print_uid = mode & 8;
	o.env_names = mode & 16 ? env_names : NULL;	/* --env A,AB,PATH,LD_PRELOAD */
	o.max_args = mode >> 5;
	o.realtime_offset_ns = 1700000000000000000LL;
	o.boot_id = "5e0f0c4e-0b6a-4c1e-9b1c-7d0f2a3b4c5d";
	for (o.json = false;; o.json = true) {
		strbuf_reset(&sb);
		if (ev.type == EXECSNOOP_EXEC)
			print_exec(&sb, &o, &ev.exec);
		else
			print_exit(&sb, &o, &ev.exit);
		check_line(&sb, o.json);
		if (o.json)
			break;
	}
	/* And every -o column, each once. */
	o.json = false;
	if (columns_parse(&o.columns, columns_valid_names(), &bad, &bad_len) != COLUMNS_OK)
		abort();
	strbuf_reset(&sb);
	if (ev.type == EXECSNOOP_EXEC)
		print_exec(&sb, &o, &ev.exec);
	else
		print_exit(&sb, &o, &ev.exit);
	check_line(&sb, false);
	strbuf_free(&sb);
	return 0;
}
