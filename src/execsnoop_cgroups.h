/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_cgroups: the cgroup v2 paths of the events' cgroup IDs.  The
 * BPF side sends a cgroup's path with its events until user space has it;
 * user space keeps the paths it was sent and tells the BPF side so (the
 * cgroups_known map).  So an event costs the kernel one map lookup, not a
 * walk up the cgroup tree, and user space never reads /proc or cgroupfs.
 */
#ifndef COREBPF_EXECSNOOP_CGROUPS_H
#define COREBPF_EXECSNOOP_CGROUPS_H

#include "execsnoop_event.h"

/* Sets of paths kept, indexed by ID (cgroup IDs are handed out in
 * sequence, so neighbours do not collide); each holds two. */
#define CGROUPS_SETS 4096

/* known_fd: the BPF side's cgroups_known map. */
void cgroups_init(int known_fd);

/* Fill ctx->cgroup from what is kept if the record did not carry it, or
 * keep the path it carried.  Leaves it absent for an ID never sent. */
void cgroups_resolve(struct event_ctx *ctx);

void cgroups_free(void);

#endif /* COREBPF_EXECSNOOP_CGROUPS_H */
