/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * command: run the command a tool traces.  It is forked first and held
 * until the tracing is attached, so that its exec is seen; then released,
 * sent the stop signals the tool alone receives, reaped, and its status
 * becomes the tool's.  Messages name the tool (tool.h).
 */
#ifndef COREBPF_COMMAND_H
#define COREBPF_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The file that exec'ing name runs, as execvp() would find it: name
 * itself if it has a '/', else the first executable regular file in the
 * directories of path (PATH; NULL: the C library's default, an empty
 * entry: the current directory).  0 with the file in buf, or -ENOENT (not
 * found: env(1) exits 127), -EACCES (found, not executable: 126),
 * -ENAMETOOLONG.  Resolved before tracing starts, so that the trace does
 * not begin with one failed exec per PATH entry. */
int command_find(const char *name, const char *path, char *buf, size_t size);

/* The exit status env(1) gives for an error of command_find(). */
int command_find_status(int err);

/* Fork argv with file (from command_find()) as the program, held until
 * command_release().  0, or -errno with nothing started. */
int command_spawn(const char *file, char **argv);

/* The held or running command's PID; 0 before it starts and once reaped. */
pid_t command_pid(void);

/* Let the command exec, unless a signal asked to stop during the start:
 * -EINTR then, and it exits with 127 without running.  0, or -errno. */
int command_release(void);

/* Whether the command has ended; if so, it is reaped and command_pid()
 * is 0.  With block, wait for it. */
bool command_reaped(bool block);

/* Clean up after tracing: a command never released exits without running,
 * one released is reaped.  Returns the tool's exit status: the command's
 * (as a shell reports it: 128+N for signal N), EXIT_FAILURE if failed or
 * it never ran, 128+N if signal N stopped the tool before it ran. */
int command_finish(bool failed);

/* The exit status of a shell for a child's wait status. */
int command_status_of(int wstatus);

#endif /* COREBPF_COMMAND_H */
