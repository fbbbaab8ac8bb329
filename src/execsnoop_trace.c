// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_trace: the poll loop and the event callback; see execsnoop_trace.h. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "command.h"
#include "execsnoop_cgroups.h"
#include "execsnoop_event.h"
#include "execsnoop_filter.h"
#include "execsnoop_journal.h"
#include "execsnoop_kernel.h"
#include "execsnoop_print.h"
#include "execsnoop_trace.h"
#include "output.h"
#include "stop.h"
#include "execsnoop.skel.h"

/* The reader drains the ring buffer at least this often (bounds the output
 * latency), and the BPF side wakes it early only when WAKEUP_BYTES are
 * queued: one wakeup per exec would cost more than the tracing itself. */
#define POLL_MS 50
#define OUT_FLUSH_BYTES 65536

static struct ring_buffer *rb;
static struct execsnoop_bpf *bpf;
static struct print_opts print;
static uint64_t lost_seen, skipped_seen, skipped_read_ns;
static bool reader_gone;
/* --journal: the entry being built, and the entries journald did not take */
static bool journal;
static struct journal_entry entry;
static uint64_t journal_failed, journal_failed_seen;
static int journal_err;
static char boot_id[40];
/* The BPF side's cgroups_known map, mapped for execsnoop_cgroups.c. */
static struct execsnoop_cgroups_known *cgroups_known = MAP_FAILED;

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void update_clock_offset(void)
{
	uint64_t mono = now_ns(CLOCK_MONOTONIC);

	print.realtime_offset_ns = (int64_t)(now_ns(CLOCK_REALTIME) - mono);
}

/* The entry built, to journald; a failure is a lost event. */
static void send_entry(void)
{
	int err = journal_send(&entry);

	if (err) {
		journal_failed++;
		journal_err = err;
	}
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct strbuf *out = output_buf();
	struct event_record ev;

	if (event_decode(data, size, &ev))
		return 0;	/* cannot happen with our own BPF side; never read it */
	/* Before the filters: a path sent once must be kept, shown or not. */
	cgroups_resolve(ev.type == EXECSNOOP_EXEC ? &ev.exec.ctx : &ev.exit.ctx);
	if (ev.type == EXECSNOOP_EXEC ? !filter_exec(&ev.exec) : !filter_exit(&ev.exit))
		return 0;
	if (journal) {
		if (ev.type == EXECSNOOP_EXEC)
			journal_entry_exec(&entry, &print, &ev.exec);
		else
			journal_entry_exit(&entry, &print, &ev.exit);
		send_entry();
		return 0;
	}
	if (output_skip())
		return 0;
	if (ev.type == EXECSNOOP_EXEC)
		print_exec(out, &print, &ev.exec);
	else
		print_exit(out, &print, &ev.exit);
	return out->len >= OUT_FLUSH_BYTES ? output_flush() : 0;
}

/* This boot's ID, the first part of every exec_id. */
static int read_boot_id(void)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
	size_t n = 0;

	if (f) {
		n = fread(boot_id, 1, sizeof(boot_id) - 1, f);
		fclose(f);
	}
	while (n && (boot_id[n - 1] == '\n' || boot_id[n - 1] == ' '))
		n--;
	boot_id[n] = '\0';
	if (n != 36 || strspn(boot_id, "0123456789abcdef-") != 36) {
		fprintf(stderr, "execsnoop: cannot read this boot's ID from "
			"/proc/sys/kernel/random/boot_id\n");
		return -ENOENT;
	}
	return 0;
}

int trace_open(struct execsnoop_bpf *skel, const struct execsnoop_opts *o)
{
	int err = read_boot_id();

	if (err)
		return err;
	bpf = skel;
	print = o->print;
	print.exits = o->exits;
	print.boot_id = boot_id;
	print.env_names = o->env_names;
	journal = o->journal;
	filter_init(o);
	cgroups_known = mmap(NULL, sizeof(*cgroups_known), PROT_READ | PROT_WRITE, MAP_SHARED,
			     bpf_map__fd(skel->maps.cgroups_known), 0);
	if (cgroups_known == MAP_FAILED) {
		err = -errno;
		fprintf(stderr, "execsnoop: cannot map the cgroups_known map: %s\n", strerror(-err));
		return err;
	}
	cgroups_init(cgroups_known);
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, NULL, NULL);
	if (!rb) {
		err = -errno;
		fprintf(stderr, "execsnoop: cannot open the ring buffer: %s\n", strerror(-err));
		return err;
	}
	return 0;
}

int trace_header(void)
{
	print.start_ns = now_ns(CLOCK_MONOTONIC);
	update_clock_offset();
	if (journal)
		return 0;
	print_header(output_buf(), &print);
	return output_flush();
}

/* A lost event; false if journald did not take it (tried again later,
 * and not itself counted as lost). */
static bool add_lost(uint64_t now, uint64_t count, enum lost_reason why)
{
	if (!journal) {
		print_lost(output_buf(), &print, now, count, why);
		return true;
	}
	journal_entry_lost(&entry, &print, now, count, why);
	return journal_send(&entry) == 0;
}

/* Records lost since the last report, a lost event for each reason.  The
 * kernel's count of skipped runs takes a system call per probe: read once
 * a second, and at the end (final). */
static void report_lost(bool final)
{
	uint64_t lost = bpf->bss->lost, now = now_ns(CLOCK_MONOTONIC), skipped, forks;

	if (lost != lost_seen && add_lost(now, lost - lost_seen, LOST_RING_FULL))
		lost_seen = lost;
	/* Said once journald takes entries again. */
	if (journal_failed != journal_failed_seen &&
	    add_lost(now, journal_failed - journal_failed_seen, LOST_JOURNAL))
		journal_failed_seen = journal_failed;
	if (!final && now - skipped_read_ns < 1000000000ULL)
		return;
	skipped_read_ns = now;
	kernel_skipped(bpf, print.exits, &skipped, &forks);
	if (skipped != skipped_seen && add_lost(now, skipped - skipped_seen, LOST_SKIPPED))
		skipped_seen = skipped;
}

int trace_run(void)
{
	/* stdout too, for the reader's departure while nothing is written
	 * (a pipe reports POLLERR, a terminal POLLHUP; files report nothing) */
	struct pollfd fds[2] = {
		{ .fd = ring_buffer__epoll_fd(rb), .events = POLLIN },
		{ .fd = STDOUT_FILENO, .events = 0 },
	};
	int err = 0;

	if (journal)
		fds[1].fd = -1;	/* nothing is written there */
	journal_notify_ready();
	while (!stop_requested()) {
		if (poll(fds, 2, POLL_MS) < 0 && errno != EINTR)
			return -errno;
		if (fds[1].revents & (POLLERR | POLLHUP))
			return -EPIPE;
		/* Everything queued, woken up or not. */
		err = ring_buffer__consume(rb);
		if (err < 0)
			return err;
		update_clock_offset();
		report_lost(false);
		err = output_flush();
		if (err)
			return err;
		/* SIGCHLD only cuts the wait short; waitpid() is what tells. */
		if (command_pid() && command_reaped(false))
			break;	/* its exit record is already in the ring buffer */
	}
	/* The last records, within 2 seconds even if the reader is stuck. */
	alarm(2);
	err = ring_buffer__consume(rb);
	if (err >= 0) {
		report_lost(true);
		err = output_flush();
	}
	alarm(0);
	return err < 0 ? err : 0;
}

int trace_done(int err)
{
	if (err == -EPIPE) {
		reader_gone = true;	/* execsnoop | head: not an error */
		err = 0;
	} else if (err == -EINTR && stop_any()) {
		err = 0;		/* stopped while the reader did not read */
		/* What was queued still: counted, for the message below. */
		ring_buffer__consume(rb);
	} else if (err < 0) {
		fprintf(stderr, "execsnoop: cannot write the output: %s\n", strerror(-err));
	}
	return err;
}

void trace_close(struct execsnoop_bpf *skel)
{
	uint64_t lost, unwritten = output_unwritten(), skipped = 0, forks = 0;

	ring_buffer__free(rb);
	rb = NULL;
	filter_free();
	cgroups_free();
	cgroups_init(NULL);
	if (cgroups_known != MAP_FAILED)
		munmap(cgroups_known, sizeof(*cgroups_known));
	cgroups_known = MAP_FAILED;
	output_free();
	journal_entry_free(&entry);
	if (journal_failed)
		fprintf(stderr, "execsnoop: %llu events lost: journald did not take them (%s)\n",
			(unsigned long long)journal_failed, strerror(-journal_err));
	if (!skel)
		return;
	lost = skel->bss->lost;
	if (lost && !reader_gone)
		fprintf(stderr, "execsnoop: %llu events lost: the ring buffer was full "
			"(output too slow for the exec rate)\n", (unsigned long long)lost);
	kernel_skipped(skel, print.exits, &skipped, &forks);
	if (skipped && !reader_gone)
		fprintf(stderr, "execsnoop: %llu events lost: the kernel skipped the probe, "
			"as a run of it on the same CPU was preempted\n", (unsigned long long)skipped);
	if (forks)
		fprintf(stderr, "execsnoop: %llu new processes of the traced tree were not seen "
			"(the kernel skipped the fork probe): their execs were not traced\n",
			(unsigned long long)forks);
	if (unwritten && !reader_gone)
		fprintf(stderr, "execsnoop: %llu events not written: stopped while the output "
			"was blocked (its reader was not reading)\n", (unsigned long long)unwritten);
	if (skel->bss->tree_full)
		fprintf(stderr, "execsnoop: %llu new processes of the traced tree were not "
			"followed: too many processes\n", (unsigned long long)skel->bss->tree_full);
}
