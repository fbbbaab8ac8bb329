/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_kernel: execsnoop's BPF side seen from user space: the kernel
 * features it needs, checked before anything is loaded, then opening,
 * configuring, loading and attaching the skeleton.  Each step explains a
 * failure in one line.  0, or -errno.
 */
#ifndef COREBPF_EXECSNOOP_KERNEL_H
#define COREBPF_EXECSNOOP_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "execsnoop_options.h"

struct execsnoop_bpf;

/* Privileges, BTF, PID namespace and kernel features. */
int kernel_check(const struct execsnoop_opts *o);

/* Open the skeleton (NULL on failure) and fill its settings. */
struct execsnoop_bpf *kernel_open(const struct execsnoop_opts *o);
int kernel_configure(struct execsnoop_bpf *skel, const struct execsnoop_opts *o);

/* Load, and give the cgroup of -c to the loaded programs. */
int kernel_load(struct execsnoop_bpf *skel, const struct execsnoop_opts *o);

/* Trace process pid and its descendants (COMMAND, before attaching, so
 * that its first fork is followed). */
void kernel_trace_tree(struct execsnoop_bpf *skel, pid_t pid);

/* Attach (with tracefs of our own for -x where it is not mounted), then
 * seed the tree of -p or COMMAND from /proc. */
int kernel_attach(struct execsnoop_bpf *skel, const struct execsnoop_opts *o, pid_t command);

/* Runs of the probes the kernel skipped since they were loaded: where
 * tracepoint programs can be preempted (recent kernels such as 7.2, with
 * preemptible RCU), a program that another task entered on this CPU and
 * was preempted in is not run again there until it leaves; the kernel
 * counts each such run (recursion_misses).  *events: of the exec, failed
 * exec and (with -e) exit probes, each a record lost; *forks: of the fork
 * probe, each a new process not followed. */
void kernel_skipped(const struct execsnoop_bpf *skel, bool exits, uint64_t *events,
		    uint64_t *forks);

#endif /* COREBPF_EXECSNOOP_KERNEL_H */
