// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_cgroups: cgroup IDs to paths, kept with the BPF side's help;
 * see execsnoop_cgroups.h. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "execsnoop_cgroups.h"

/* A path pushed out of its slot is removed from the BPF side's map too,
 * and its next event carries it again. */
#define SLOTS CGROUPS_SLOTS

struct slot {
	uint64_t id;		/* 0: empty (no cgroup has ID 0) */
	bool truncated;
	size_t len;
	char *path;
};

static struct slot slots[SLOTS];
static int known_fd = -1;

void cgroups_init(int fd)
{
	known_fd = fd;
}

static void mark_known(uint64_t id)
{
	__u8 one = 1;

	if (known_fd >= 0)
		bpf_map_update_elem(known_fd, &id, &one, BPF_ANY);
}

static void keep(struct slot *s, uint64_t id, const struct event_path *path)
{
	char *copy = malloc(path->len ? path->len : 1);

	if (s->id && s->id != id && known_fd >= 0)
		bpf_map_delete_elem(known_fd, &s->id);
	free(s->path);
	s->path = copy;
	s->id = 0;
	if (!copy)
		return;	/* not kept: the BPF side goes on sending it */
	memcpy(copy, path->buf, path->len);
	s->len = path->len;
	s->truncated = path->truncated;
	s->id = id;
	mark_known(id);
}

void cgroups_resolve(struct event_ctx *ctx)
{
	struct slot *s = &slots[ctx->cgroup_id % SLOTS];

	if (ctx->cgroup.present) {
		if (s->id != ctx->cgroup_id || s->len != ctx->cgroup.len ||
		    memcmp(s->path, ctx->cgroup.buf, s->len))
			keep(s, ctx->cgroup_id, &ctx->cgroup);
		else
			/* Kept already, yet sent: the BPF side lost the ID
			 * (cgroups_known is an LRU map, or the update failed),
			 * and would otherwise walk the path at every event. */
			mark_known(ctx->cgroup_id);
		return;
	}
	if (!s->id || s->id != ctx->cgroup_id)
		return;
	memcpy(ctx->cgroup.buf, s->path, s->len);
	ctx->cgroup.len = s->len;
	ctx->cgroup.truncated = s->truncated;
	ctx->cgroup.deleted = false;
	ctx->cgroup.present = true;
}

void cgroups_free(void)
{
	size_t i;

	for (i = 0; i < SLOTS; i++) {
		free(slots[i].path);
		slots[i].path = NULL;
		slots[i].id = 0;
	}
}
