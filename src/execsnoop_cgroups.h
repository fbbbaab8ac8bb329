/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_cgroups: the cgroup v2 paths of the events' cgroup IDs.  The
 * BPF side sends a cgroup's path with its events until user space has it;
 * user space keeps the paths it was sent and tells the BPF side which IDs
 * it keeps (the cgroups_known map, mapped into memory).  So an event costs
 * the kernel one load, not a walk up the cgroup tree, and user space never
 * reads /proc or cgroupfs.
 */
#ifndef COREBPF_EXECSNOOP_CGROUPS_H
#define COREBPF_EXECSNOOP_CGROUPS_H

#include "execsnoop_event.h"

/* Sets of paths kept, indexed by ID (cgroup IDs are handed out in
 * sequence, so neighbours do not collide); each holds two. */
#define CGROUPS_SETS EXECSNOOP_CGROUP_SETS

/* known: the BPF side's cgroups_known map, mapped (or NULL), which then
 * holds the IDs kept here, set by set. */
void cgroups_init(struct execsnoop_cgroups_known *known);

/* Fill ctx->cgroup from what is kept if the record did not carry it, or
 * keep the path it carried.  Leaves it absent for an ID never sent. */
void cgroups_resolve(struct event_ctx *ctx);

void cgroups_free(void);

#endif /* COREBPF_EXECSNOOP_CGROUPS_H */
