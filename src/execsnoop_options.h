/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_options: execsnoop's command line, parsed and checked into one
 * struct.  Bad usage ends the process with one line and argp's usage
 * status (64); nothing is loaded by then.
 */
#ifndef COREBPF_EXECSNOOP_OPTIONS_H
#define COREBPF_EXECSNOOP_OPTIONS_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "execsnoop_print.h"

struct execsnoop_opts {
	bool verbose;
	bool fails;		/* -x */
	bool exits;		/* -e, or implied by -d */
	uint64_t min_duration_ms;
	bool filter_uid;
	uid_t uid;
	pid_t pid;		/* -p: 0 if none */
	pid_t ppid;		/* -P: 0 if none */
	bool have_name, have_line;
	regex_t name_re, line_re;
	const char *cgroup_path;
	int cgroup_fd;		/* -c: an open cgroup v2 directory, or -1 */
	char **command;		/* COMMAND and its arguments, or NULL */
	uint32_t ringbuf_bytes;	/* a power of two */
	const char *btf_path;
	char **env_names;	/* --env: NULL-terminated, or NULL for none */
	bool journal;		/* --journal: entries into journald, not stdout */
	struct print_opts print;
};

/* Parse argv into *o.  0, or non-zero on an error argp did not exit for. */
int options_parse(struct execsnoop_opts *o, int argc, char **argv);

/* Release the regexes and the cgroup directory. */
void options_free(struct execsnoop_opts *o);

#endif /* COREBPF_EXECSNOOP_OPTIONS_H */
