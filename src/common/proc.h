/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proc: processes as a /proc tree shows them: their state and parent, the
 * process a thread belongs to, the descendants of a process.  Each
 * function takes the tree's root ("/proc", or a test's fake tree).
 */
#ifndef COREBPF_PROC_H
#define COREBPF_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The state letter and parent from the text of /proc/PID/stat, whose
 * command name may hold anything, even ") " and newlines.  0, or -1. */
int proc_parse_stat(const char *buf, size_t len, char *state, pid_t *ppid);

/* The same from ROOT/PID/stat: -1 if the process is gone. */
int proc_stat(const char *root, pid_t pid, char *state, pid_t *ppid);

/* Whether pid is a process that has not exited (not a zombie). */
bool proc_alive(const char *root, pid_t pid);

/* The process that thread pid belongs to (pid itself for a process), or 0
 * if ROOT/PID/status does not say. */
pid_t proc_tgid(const char *root, pid_t pid);

/* Call visit() for each live descendant of ancestor, parents before their
 * children, in one pass over ROOT.  visit() returns 1 to count the
 * process.  Returns the count, or -1 if out of memory. */
long proc_descendants(const char *root, pid_t ancestor, int (*visit)(pid_t pid, void *ctx),
		      void *ctx);

#endif /* COREBPF_PROC_H */
