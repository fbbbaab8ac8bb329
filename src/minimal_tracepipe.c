// SPDX-License-Identifier: GPL-2.0-or-later
/* minimal_tracepipe: reading minimal's lines from trace_pipe; see minimal_tracepipe.h. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/uio.h>

#include "escape.h"
#include "minimal_tracepipe.h"
#include "stop.h"

/*
 * The kernel starts each event line with the task as "%16s-%-7d " (the
 * PID's width was 5 before Linux 5.14): its comm, at most 15 bytes,
 * right-aligned in 16 columns, so the dash is always at offset 16 and the
 * PID right after it.  Reading at that offset, not at the first or last
 * dash, keeps a comm such as "x-4242" (any process may choose its comm)
 * from passing for another PID.  The comm itself may be "<...>" when the
 * kernel no longer has it.
 */
#define TASK_DASH 16

long tracepipe_task_pid(const char *line, size_t len)
{
	long pid = 0;
	size_t i;

	if (len < TASK_DASH + 3 || line[TASK_DASH] != '-')
		return -1;
	for (i = TASK_DASH + 1; i < len && line[i] >= '0' && line[i] <= '9'; i++) {
		if (i - TASK_DASH > 9)
			return -1;	/* longer than any PID */
		pid = pid * 10 + (line[i] - '0');
	}
	if (i == TASK_DASH + 1 || i == len || line[i] != ' ')
		return -1;
	return pid;
}

static void take_line(const char *line, size_t len, pid_t pid, struct strbuf *out)
{
	if (pid <= 0 || tracepipe_task_pid(line, len) != pid)
		return;
	/* The line is the kernel's, but its fields are not: comm names and
	 * strings that other programs print.  No byte of it reaches the
	 * terminal as a control. */
	escape_text(out, line, len);
	strbuf_addc(out, '\n');
}

void tracepipe_feed(struct tracepipe *tp, const char *data, size_t len, pid_t pid,
		    struct strbuf *out)
{
	const char *end = data + len, *nl;
	size_t n;

	while (data < end) {
		nl = memchr(data, '\n', (size_t)(end - data));
		n = (size_t)((nl ? nl : end) - data);
		if (!tp->overlong && tp->len + n > sizeof(tp->line)) {
			tp->overlong = true;
			tp->len = 0;
		}
		if (!tp->overlong) {
			memcpy(tp->line + tp->len, data, n);
			tp->len += n;
		}
		if (!nl)
			return;
		if (!tp->overlong)
			take_line(tp->line, tp->len, pid, out);
		tp->len = 0;
		tp->overlong = false;
		data = nl + 1;
	}
}

/*
 * Standard output is written with writev(), never write(): the BPF program
 * fires on this process's write() calls, so each line printed with write()
 * would make a new line to print, without end.  0, or -errno (-EINTR: a
 * stop signal cut the write short).
 */
static int out_write(const char *buf, size_t len)
{
	struct iovec iov;
	ssize_t n;

	while (len) {
		iov.iov_base = (void *)buf;
		iov.iov_len = len;
		n = writev(STDOUT_FILENO, &iov, 1);
		if (n < 0) {
			if (errno == EINTR && !stop_requested())
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Say what failed, unless it is the end of a run: the reader of the
 * output went away, or a stop signal cut a write short.  Returns err. */
static int failed(const char *what, int err)
{
	if (err != -EPIPE && !(err == -EINTR && stop_requested()))
		fprintf(stderr, "minimal: cannot %s: %s\n", what, strerror(-err));
	return err;
}

/* At most this much per round, so that a flood of other programs' lines
 * cannot hold off the tick. */
#define DRAIN_MAX (256 * 1024)

/* Read what trace_pipe holds (it is non-blocking) and print our lines.
 * The number of bytes read, or -errno. */
static long drain(int pipe_fd, pid_t pid, struct tracepipe *tp, struct strbuf *out)
{
	static char chunk[8192];
	long total = 0;
	ssize_t n;
	int err;

	strbuf_reset(out);
	while (total < DRAIN_MAX) {
		n = read(pipe_fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR && !stop_requested())
			continue;
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return failed("read trace_pipe", -errno);
		if (n <= 0)
			break;	/* empty for now, or a stop */
		tracepipe_feed(tp, chunk, (size_t)n, pid, out);
		total += n;
	}
	err = out_write(out->buf, out->len);
	return err ? failed("write to standard output", err) : total;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One round: tick when it is time, print what trace_pipe holds, then wait
 * for more, for the next tick or for a signal.  0, or -errno. */
static int round_once(struct pollfd fds[2], int tick_fd, const volatile int *trace_pid,
		      int64_t *next, struct tracepipe *tp, struct strbuf *out)
{
	int64_t now = now_ms(), wait;
	long got;

	if (now >= *next) {
		/* Each write() fires the BPF program once; its line is in
		 * the trace buffer when write() returns. */
		if (write(tick_fd, ".", 1) < 0 && errno != EINTR)
			return failed("write to /dev/null", -errno);
		*next = now + 1000;
		fds[0].events = POLLIN;
	}
	got = drain(fds[0].fd, *trace_pid, tp, out);
	if (got < 0)
		return (int)got;
	/* Readable but empty (a tracefs option can make poll() always say
	 * so): wait for the tick alone, rather than spin. */
	if (!got && (fds[0].revents & POLLIN))
		fds[0].events = 0;
	wait = *next - now_ms();
	if (poll(fds, 2, wait > 0 ? (int)wait : 0) < 0 && errno != EINTR)
		return failed("wait for trace_pipe", -errno);
	/* a pipe reports POLLERR when its reader left, a terminal POLLHUP */
	if (fds[1].revents & (POLLERR | POLLHUP))
		return -EPIPE;
	return 0;
}

int tracepipe_run(int pipe_fd, int tick_fd, const volatile int *trace_pid)
{
	static struct tracepipe tp;
	struct strbuf out = STRBUF_INIT;
	struct pollfd fds[2] = {
		{ .fd = pipe_fd, .events = POLLIN },
		{ .fd = STDOUT_FILENO, .events = 0 },
	};
	int64_t next = 0;
	int err = 0;

	while (!stop_requested() && !err)
		err = round_once(fds, tick_fd, trace_pid, &next, &tp, &out);
	strbuf_free(&out);
	/* minimal | head: the reader has what it wanted. */
	if (!err || err == -EPIPE || (err == -EINTR && stop_requested()))
		return 0;
	return -1;
}
