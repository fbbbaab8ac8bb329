// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for minimal_tracepipe.c: which trace_pipe lines are minimal's,
 * and how they are cut and printed. */
#include "config.h"

#include "check.h"
#include "minimal_tracepipe.h"

#define OURS "         minimal-4242    [001] ...21  1100.092598: bpf_trace_printk: BPF triggered from PID 4242.\n"

static long pid_of(const char *line)
{
	return tracepipe_task_pid(line, strlen(line));
}

static void check_pids(void)
{
	CHECK(pid_of(OURS) == 4242);
	/* Linux before 5.14: a PID field 5 wide */
	CHECK(pid_of("         minimal-4242  [001] d..3  1100.0: bpf_trace_printk: x") == 4242);
	/* a comm the kernel no longer has */
	CHECK(pid_of("           <...>-4242    [000] ...21 1.0: bpf_trace_printk: x") == 4242);
	/* a 15-byte comm fills the field */
	CHECK(pid_of(" abcdefghijklmno-77      [000] ...21 1.0: x") == 77);
	/* comms with dashes and digits of their own: the field's offset decides */
	CHECK(pid_of("          x-4242-999     [000] ...21 1.0: bpf_trace_printk: x") == 999);
	CHECK(pid_of("    kworker/u8:2-4242    [000] ...21 1.0: x") == 4242);
	CHECK(pid_of("  minimal-4242 [-999     [000] ...21 1.0: x") == 999);
	CHECK(pid_of(" minimal-4242 [0-999     [000] ...21 1.0: x") == 999);
	/* not an event line */
	CHECK(pid_of("CPU:1 [LOST 12 EVENTS]") == -1);
	CHECK(pid_of("") == -1);
	CHECK(pid_of("         minimal-") == -1);
	CHECK(pid_of("         minimal-4242") == -1);
	CHECK(pid_of("         minimal-x    [000]") == -1);
	CHECK(pid_of("         minimal-12345678901 [000]") == -1);
}

#define BASH "            bash-99      [000] ...21 1.0: bpf_trace_printk: BPF triggered from PID 99.\n"

static void feed(struct tracepipe *tp, const char *s, struct strbuf *out)
{
	tracepipe_feed(tp, s, strlen(s), 4242, out);
}

static void check_feed(void)
{
	static struct tracepipe tp;
	struct strbuf out = STRBUF_INIT;
	static char big[TRACEPIPE_LINE_MAX + 200];
	const char *s = OURS;
	size_t i;

	/* one byte at a time: lines are put back together */
	for (i = 0; s[i]; i++)
		tracepipe_feed(&tp, s + i, 1, 4242, &out);
	CHECK_MEM(out.buf, out.len, OURS);

	/* only the lines of the PID asked for; a line's start waits for its end */
	strbuf_reset(&out);
	feed(&tp, BASH OURS BASH "         minimal-4242    [001] ...", &out);
	CHECK_MEM(out.buf, out.len, OURS);
	feed(&tp, "21 2.0: bpf_trace_printk: BPF triggered from PID 4242.\n", &out);
	CHECK_MEM(out.buf, out.len, OURS "         minimal-4242    [001] ...21 2.0: bpf_trace_printk: BPF triggered from PID 4242.\n");

	/* PID 0, before the program first ran: no line, not even the idle task's */
	strbuf_reset(&out);
	s = "          <idle>-0       [000] d.h1. 1.0: x\n";
	tracepipe_feed(&tp, s, strlen(s), 0, &out);
	CHECK(out.len == 0);

	/* escaped: control bytes, invalid UTF-8 and bidirectional controls in
	 * a line (a comm, a string another program printed) */
	feed(&tp, "           m\x1b[2J-4242    [000] ...21 1.0: bpf_trace_printk: a\rb\xff\xe2\x80\xae\n", &out);
	CHECK_MEM(out.buf, out.len, "           m\\e[2J-4242    [000] ...21 1.0: bpf_trace_printk: a\\rb\\xff\\u202e\n");

	/* a line longer than kept is dropped, whole; the next one is not */
	strbuf_reset(&out);
	memset(big, 'x', sizeof(big));
	memcpy(big, OURS, strlen(OURS) - 1);
	tracepipe_feed(&tp, big, sizeof(big), 4242, &out);
	feed(&tp, "\n" OURS, &out);
	CHECK_MEM(out.buf, out.len, OURS);
	strbuf_free(&out);
}

int main(void)
{
	check_pids();
	check_feed();
	return check_done("test_tracepipe");
}
