// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for output.c through struct output_ops: a write function that
 * writes a scripted part each call, fails with EINTR or EPIPE, and asks
 * for a stop, so that what reaches the reader and what is counted as not
 * written are known exactly.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "output.h"

/* What one write call does: write at most max bytes (0: all), or fail
 * with err; with stop, a stop is asked for during the call. */
struct step {
	size_t max;
	int err;
	bool stop;
};

static const struct step *script;
static size_t script_len, calls;
static bool stop_flag;
static char written[4096];
static size_t written_len;

static ssize_t fake_write(int fd, const void *buf, size_t len)
{
	const struct step *s = calls < script_len ? &script[calls] : NULL;

	CHECK(fd == 7);
	if (++calls > 1000) {
		fprintf(stderr, "test_output: output_flush() does not end\n");
		exit(1);
	}
	if (s && s->stop)
		stop_flag = true;
	if (s && s->err) {
		errno = s->err;
		return -1;
	}
	if (s && s->max && s->max < len)
		len = s->max;
	if (written_len + len > sizeof(written))
		exit(99);
	memcpy(written + written_len, buf, len);
	written_len += len;
	return (ssize_t)len;
}

static bool fake_stopping(void)
{
	return stop_flag;
}

static const struct output_ops fake_ops = { fake_write, fake_stopping };

static const char three[] = "one\ntwo\nthree\n";

/* A fresh output holding text, with this script for its writes. */
static void start(const char *text, const struct step *steps, size_t n, bool stop)
{
	output_init(7, &fake_ops);
	script = steps;
	script_len = n;
	calls = 0;
	stop_flag = stop;
	written_len = 0;
	strbuf_adds(output_buf(), text);
}
#define START(text, steps, stop) start((text), (steps), sizeof(steps) / sizeof((steps)[0]), (stop))

static void test_short_writes(void)
{
	static const struct step threes[] = {
		{ 3, 0, false }, { 3, 0, false }, { 3, 0, false }, { 3, 0, false }, { 3, 0, false },
	};
	static const struct step ones[] = {
		{ 1, 0, false }, { 1, 0, false }, { 1, 0, false }, { 1, 0, false }, { 1, 0, false },
		{ 1, 0, false }, { 1, 0, false }, { 1, 0, false }, { 1, 0, false }, { 1, 0, false },
		{ 1, 0, false }, { 1, 0, false }, { 1, 0, false }, { 1, 0, false },
	};

	/* 14 bytes, 3 at a time: five writes, in order */
	START(three, threes, false);
	CHECK(output_flush() == 0);
	CHECK_MEM(written, written_len, three);
	CHECK(calls == 5);
	CHECK(output_buf()->len == 0 && output_unwritten() == 0 && !output_skip());
	/* a byte at a time */
	START(three, ones, false);
	CHECK(output_flush() == 0);
	CHECK_MEM(written, written_len, three);
	CHECK(calls == 14);
	/* the buffer is empty after a flush: the next one writes only what
	 * was added since */
	strbuf_adds(output_buf(), "four\n");
	calls = script_len = 0;
	CHECK(output_flush() == 0);
	CHECK_MEM(written, written_len, "one\ntwo\nthree\nfour\n");
	CHECK(calls == 1);
	/* nothing to write: no write at all */
	calls = 0;
	CHECK(output_flush() == 0 && calls == 0);
}

static void test_eintr_retried(void)
{
	static const struct step steps[] = {
		{ 0, EINTR, false }, { 5, 0, false }, { 0, EINTR, false },
		{ 0, EINTR, false }, { 2, 0, false }, { 0, EINTR, false },
	};

	START(three, steps, false);
	CHECK(output_flush() == 0);
	CHECK_MEM(written, written_len, three);	/* nothing lost, nothing twice */
	CHECK(calls == 7);
	CHECK(output_unwritten() == 0 && !output_skip());
}

static void test_eintr_stopped(void)
{
	static const struct step cut_in_line[] = { { 6, 0, false }, { 0, EINTR, true } };
	static const struct step cut_at_line[] = { { 4, 0, false }, { 0, EINTR, true } };
	static const struct step at_once[] = { { 0, EINTR, true } };
	static const struct step part_then_stop[] = { { 6, 0, true } };

	/* "one\ntw" written, then the blocked write interrupted by a stop:
	 * the rest dropped, "two" (cut) and "three" not written */
	START(three, cut_in_line, false);
	CHECK(output_flush() == -EINTR);
	CHECK_MEM(written, written_len, "one\ntw");
	CHECK(calls == 2);
	CHECK(output_unwritten() == 2);
	CHECK(output_buf()->len == 0);
	/* from then on, each event is counted instead of written */
	CHECK(output_skip() && output_unwritten() == 3);
	CHECK(output_skip() && output_unwritten() == 4);
	/* and a new start forgets it */
	output_init(7, &fake_ops);
	CHECK(!output_skip() && output_unwritten() == 0);

	START(three, cut_at_line, false);
	CHECK(output_flush() == -EINTR);
	CHECK_MEM(written, written_len, "one\n");
	CHECK(output_unwritten() == 2);

	START(three, at_once, false);
	CHECK(output_flush() == -EINTR);
	CHECK(written_len == 0 && output_unwritten() == 3);
	CHECK(output_skip() && output_unwritten() == 4);

	/* the signal came while a part was written: seen before writing again */
	START(three, part_then_stop, false);
	CHECK(output_flush() == -EINTR);
	CHECK_MEM(written, written_len, "one\ntw");
	CHECK(calls == 1);
	CHECK(output_unwritten() == 2);
}

static void test_stop_pending(void)
{
	static const struct step all[] = { { 0, 0, false } };
	static const struct step part[] = { { 4, 0, false } };
	static const struct step eintr_then_part[] = { { 0, EINTR, false }, { 4, 0, false } };

	/* a stop asked for earlier drops nothing that writes at once */
	START(three, all, true);
	CHECK(output_flush() == 0);
	CHECK_MEM(written, written_len, three);
	CHECK(output_unwritten() == 0 && !output_skip());
	/* but what a part leaves is not waited for */
	START(three, part, true);
	CHECK(output_flush() == -EINTR);
	CHECK_MEM(written, written_len, "one\n");
	CHECK(calls == 1 && output_unwritten() == 2);
	/* an EINTR with the stop already asked for: nothing written */
	START(three, eintr_then_part, true);
	CHECK(output_flush() == -EINTR);
	CHECK(written_len == 0 && calls == 1 && output_unwritten() == 3);
}

static void test_errors(void)
{
	static const struct step epipe[] = { { 4, 0, false }, { 0, EPIPE, false } };
	static const struct step eio[] = { { 0, EIO, false } };

	/* the reader went away: -EPIPE, the rest dropped, not counted as a
	 * stop's */
	START(three, epipe, false);
	CHECK(output_flush() == -EPIPE);
	CHECK_MEM(written, written_len, "one\n");
	CHECK(calls == 2);
	CHECK(output_buf()->len == 0);
	CHECK(output_unwritten() == 0 && !output_skip() && output_unwritten() == 0);

	START(three, eio, false);
	CHECK(output_flush() == -EIO);
	CHECK(written_len == 0 && output_buf()->len == 0 && output_unwritten() == 0);
}

/* ops NULL: write(2) to the fd, here a pipe's */
static void test_default_ops(void)
{
	char buf[64];
	int fds[2];
	ssize_t n;

	if (pipe(fds))
		exit(99);
	output_init(fds[1], NULL);
	strbuf_adds(output_buf(), three);
	CHECK(output_flush() == 0);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf));
	CHECK(n >= 0);
	CHECK_MEM(buf, n < 0 ? 0 : (size_t)n, three);
	close(fds[0]);
	CHECK(output_unwritten() == 0);
}

int main(void)
{
	test_short_writes();
	test_eintr_retried();
	test_eintr_stopped();
	test_stop_pending();
	test_errors();
	test_default_ops();
	output_free();
	return check_done("test_output");
}
