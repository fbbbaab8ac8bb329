// SPDX-License-Identifier: GPL-2.0-or-later
/* output: buffered standard output, cut short by a stop; see output.h. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "stop.h"

static const struct output_ops default_ops = { write, stop_any };

static struct strbuf out = STRBUF_INIT;
static int out_fd = STDOUT_FILENO;
static const struct output_ops *ops = &default_ops;
static bool discarding;
static uint64_t unwritten;

void output_init(int fd, const struct output_ops *o)
{
	out_fd = fd;
	ops = o ? o : &default_ops;
	discarding = false;
	unwritten = 0;
	strbuf_reset(&out);
}

struct strbuf *output_buf(void)
{
	return &out;
}

/* Drop what is left of the output, counting its events (one line each;
 * a line cut in the middle counts as not written). */
static void output_discard(size_t done)
{
	const char *p = out.buf + done, *end = out.buf + out.len;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		unwritten++;
		p++;
	}
	discarding = true;
	strbuf_reset(&out);
}

int output_flush(void)
{
	size_t done = 0;
	ssize_t n;
	int err;

	while (done < out.len) {
		/* A write interrupted after a part returns that part: the
		 * signal is seen here, before blocking again. */
		if (done && ops->stopping()) {
			output_discard(done);
			return -EINTR;
		}
		n = ops->write(out_fd, out.buf + done, out.len - done);
		if (n < 0) {
			err = errno;
			if (err == EINTR && !ops->stopping())
				continue;
			if (err == EINTR)
				output_discard(done);
			else
				strbuf_reset(&out);
			return -err;
		}
		done += (size_t)n;
	}
	strbuf_reset(&out);
	return 0;
}

bool output_skip(void)
{
	if (discarding)
		unwritten++;
	return discarding;
}

uint64_t output_unwritten(void)
{
	return unwritten;
}

void output_free(void)
{
	strbuf_free(&out);
}
