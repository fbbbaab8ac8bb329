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

/* A path the BPF side read as components, put back together: "/a/b",
 * with " (deleted)" after it if so.  One cut short (deeper or longer than
 * the BPF side reads) has only its last components, with no '/' before. */
struct event_path {
	bool present;
	bool truncated;
	bool deleted;
	size_t len;
	char buf[EXECSNOOP_PATH_MAX + sizeof(" (deleted)")];
};

/* Who, where, which program (execsnoop.h's struct execsnoop_ctx). */
struct event_ctx {
	uint32_t uid, gid, euid, egid;
	uint32_t auid, session;		/* EXECSNOOP_ID_UNSET: none */
	uint64_t cgroup_id;
	struct execsnoop_id exec_id, parent_exec_id;	/* .pid 0: none */
	char tty[EXECSNOOP_TTY_LEN + 1];	/* as the kernel names it ("pts3") */
	size_t tty_len;
	struct event_path cgroup;	/* if the record carried it */
};

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
	const char *env;	/* NAME=value strings, each followed by a NUL, but a cut last one */
	size_t env_len;
	bool env_truncated, env_unreadable;
	struct event_path exe, cwd;
	struct event_ctx ctx;
};

struct exit_record {
	uint32_t pid, ppid, uid;
	int32_t status;
	uint64_t ts_ns;
	uint64_t duration_ns;
	char comm[EXECSNOOP_COMM_LEN + 1];
	size_t comm_len;
	struct event_ctx ctx;
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

/* Put a path back together from its components, leaf first, each ended
 * by a NUL (the last one may lack it). */
void event_path_join(struct event_path *p, const char *comps, size_t len, bool truncated,
		     bool deleted);

/* Iterate over the arguments in args[0..len), each ended by a NUL (or by the
 * end, for one cut short): *pos starts at 0.  Returns false at the end. */
bool event_next_arg(const char *args, size_t len, size_t *pos, const char **arg, size_t *arg_len);

#endif /* COREBPF_EXECSNOOP_EVENT_H */
