/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_event: raw ring-buffer records decoded into plain structs.
 *
 * Records come from the kernel, but every length in them is checked against
 * the record's size before use, so a malformed record is rejected instead
 * of being read out of bounds.
 */
#ifndef COREBPF_EXECSNOOP_EVENT_H
#define COREBPF_EXECSNOOP_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>

#include "execsnoop.h"

struct exec_record {
	uint32_t pid, ppid, uid;
	int32_t ret;
	uint64_t ts_ns;
	char comm[EXECSNOOP_COMM_LEN + 1];
	size_t comm_len;
	const char *filename;	/* not NUL-terminated */
	size_t filename_len;
	bool filename_truncated;
	const char *args;	/* each argument followed by a NUL, but a cut last one */
	size_t args_len;
	bool args_truncated;	/* captured text ends before the real argument list */
	bool args_unreadable;
};

struct exit_record {
	uint32_t pid, ppid, uid;
	int32_t status;
	uint64_t ts_ns;
	uint64_t duration_ns;
	char comm[EXECSNOOP_COMM_LEN + 1];
	size_t comm_len;
};

struct event_record {
	enum execsnoop_type type;
	union {
		struct exec_record exec;
		struct exit_record exit;
	};
};

/* 0, or -1 if the record is malformed. */
int event_decode(const void *data, size_t size, struct event_record *ev);

/* Iterate over the arguments in args[0..len), each ended by a NUL (or by the
 * end, for one cut short): *pos starts at 0.  Returns false at the end. */
bool event_next_arg(const char *args, size_t len, size_t *pos, const char **arg, size_t *arg_len);

#endif /* COREBPF_EXECSNOOP_EVENT_H */
