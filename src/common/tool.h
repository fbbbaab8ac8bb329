/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tool: the running tool's identity, for messages and --version.
 */
#ifndef COREBPF_TOOL_H
#define COREBPF_TOOL_H

#include <stdio.h>

struct argp_state;

/* "execsnoop", "minimal": the prefix of every message. */
extern const char *tool_name;

/* Set the name, also for the messages of getopt (argv[0]) and of the C
 * library's error() and warn(). */
void tool_set_name(const char *name, char **argv);

/* argp's --version hook: the name, package and version, and the licence. */
void tool_print_version(FILE *stream, struct argp_state *state);

#endif /* COREBPF_TOOL_H */
