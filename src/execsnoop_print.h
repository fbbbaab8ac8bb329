/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_print: decoded events as human-readable lines or JSON Lines.
 *
 * Pure functions of (event, options) writing into a strbuf, so that output
 * is tested without BPF.  Every byte that came from a traced process goes
 * through escape_text(), escape_shell() or the JSON writer.
 */
#ifndef COREBPF_EXECSNOOP_PRINT_H
#define COREBPF_EXECSNOOP_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "execsnoop_columns.h"
#include "execsnoop_event.h"
#include "strbuf.h"

struct print_opts {
	bool json;
	bool timestamp;		/* -t: seconds since start */
	bool wallclock;		/* -T: local wall-clock time */
	bool print_uid;		/* -U */
	bool quote;		/* -q: shell-quoted arguments */
	bool exits;		/* -e: EVENT column */
	struct columns columns;	/* -o: these columns instead of the default ones */
	uint32_t max_args;	/* 0: all */
	uint64_t start_ns;	/* CLOCK_MONOTONIC when tracing started */
	int64_t realtime_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
	const char *boot_id;	/* this boot's, for exec_id */
	char *const *env_names;	/* --env: NULL-terminated, or NULL */
};

void print_header(struct strbuf *sb, const struct print_opts *o);
void print_exec(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r);
void print_exit(struct strbuf *sb, const struct print_opts *o, const struct exit_record *r);
/* Why records were lost: the ring buffer was full, the kernel skipped a
 * run of a probe (kernel_skipped()), or journald did not take the entries
 * (--journal). */
enum lost_reason { LOST_RING_FULL, LOST_SKIPPED, LOST_JOURNAL };
/* Its name in the JSON "reason" field. */
const char *print_lost_reason(enum lost_reason why);
void print_lost(struct strbuf *sb, const struct print_opts *o, uint64_t ts_ns, uint64_t count,
		enum lost_reason why);

/* The pieces of a human line that -o columns share with the default one. */

/* Pad the text since from to width, and end it with a separator even if
 * it is wider. */
void print_column(struct strbuf *sb, size_t from, size_t width);

/* ARGS: escaped (or shell-quoted with -q), cut by --max-args, markers. */
void print_args(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r);

/* TIME as -T shows it: local wall clock, HH:MM:SS. */
void print_wallclock(struct strbuf *sb, const struct print_opts *o, uint64_t ts_ns);

/* A signal by name ("SIGKILL"), with "+core" if it dumped core. */
void print_signal(struct strbuf *sb, int sig, bool core);

/* The name of a negative errno return value ("ENOENT"), NULL if none. */
const char *print_errno_name(int32_t ret);

/* The argument list joined by spaces (NULs replaced), for -l matching. */
void print_joined_args(struct strbuf *sb, const struct exec_record *r);

/* An exec_id as text, BOOT_ID:PID:START:EXECS (START in ns since boot),
 * in buf: its length (cut to size - 1 at most), or 0 if id is none (PID
 * 0's). */
size_t print_exec_id(char *buf, size_t size, const char *boot_id, const struct execsnoop_id *id);

/* The kernel's tty name as ps(1) and /dev show it: "pts3" is "pts/3". */
size_t print_tty(char *buf, size_t size, const char *tty, size_t len);

/* "2026-11-25T10:11:12.123456Z" for a CLOCK_REALTIME time in ns. */
void print_rfc3339(char *buf, size_t size, int64_t realtime_ns);
/* The value of variable name in an exec's captured environment (the first
 * if twice, as getenv() takes it), *len its length; NULL if absent or only
 * in a string the capture cut short. */
const char *print_env_value(const struct exec_record *r, const char *name, size_t *len);

/* The same for an event's CLOCK_MONOTONIC time (ts_ns of a record). */
void print_event_time(char *buf, size_t size, const struct print_opts *o, uint64_t ts_ns);

#endif /* COREBPF_EXECSNOOP_PRINT_H */
