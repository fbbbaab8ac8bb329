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

#include "execsnoop_event.h"
#include "strbuf.h"

struct print_opts {
	bool json;
	bool timestamp;		/* -t: seconds since start */
	bool wallclock;		/* -T: local wall-clock time */
	bool print_uid;		/* -U */
	bool quote;		/* -q: shell-quoted arguments */
	bool exits;		/* -e: EVENT column */
	uint32_t max_args;	/* 0: all */
	uint64_t start_ns;	/* CLOCK_MONOTONIC when tracing started */
	int64_t realtime_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
};

void print_header(struct strbuf *sb, const struct print_opts *o);
void print_exec(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r);
void print_exit(struct strbuf *sb, const struct print_opts *o, const struct exit_record *r);
void print_lost(struct strbuf *sb, const struct print_opts *o, uint64_t ts_ns, uint64_t count);

/* The argument list joined by spaces (NULs replaced), for -l matching. */
void print_joined_args(struct strbuf *sb, const struct exec_record *r);

/* "2026-11-25T10:11:12.123456Z" for a CLOCK_REALTIME time in ns. */
void print_rfc3339(char *buf, size_t size, int64_t realtime_ns);

#endif /* COREBPF_EXECSNOOP_PRINT_H */
