// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_cgroups: cgroup IDs to paths, kept with the BPF side's help;
 * see execsnoop_cgroups.h. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "execsnoop_cgroups.h"

/*
 * Two ways per set, the one used last first.  An ID pushed out is removed
 * from the BPF side's map too, and its next event carries its path again;
 * but records of it already in the ring buffer carry none, and get none
 * (cgroup null).  With two ways that takes three live IDs that collide,
 * not two: a long-lived service and the 4096th cgroup made after it no
 * longer take turns pushing each other out.
 */
#define SETS CGROUPS_SETS
#define WAYS EXECSNOOP_CGROUP_WAYS

struct slot {
	uint64_t id;		/* 0: empty (no cgroup has ID 0) */
	bool truncated;
	size_t len;
	char *path;
};

static struct slot sets[SETS][WAYS];
static struct execsnoop_cgroups_known *known;

void cgroups_init(struct execsnoop_cgroups_known *map)
{
	known = map;
}

/* Tell the BPF side which IDs set i holds now.  Its reads race with these
 * stores harmlessly: an ID missed for a moment has its path sent again. */
static void mirror(size_t i)
{
	int w;

	if (!known)
		return;
	for (w = 0; w < WAYS; w++)
		__atomic_store_n(&known->id[i][w], sets[i][w].id, __ATOMIC_RELAXED);
}

/* The way that holds id, moved to the front of its set; or NULL. */
static struct slot *find(struct slot *set, uint64_t id)
{
	struct slot tmp;
	int w;

	if (!id)
		return NULL;
	for (w = 0; w < WAYS; w++)
		if (set[w].id == id)
			break;
	if (w == WAYS)
		return NULL;
	tmp = set[w];
	memmove(&set[1], &set[0], w * sizeof(set[0]));
	set[0] = tmp;
	return &set[0];
}

/* Keep path for id at the front of set, pushing out the way used least
 * recently if id is not in the set yet. */
static void keep(size_t i, uint64_t id, const struct event_path *path)
{
	struct slot *set = sets[i], *s, empty = { 0 };
	char *copy;

	if (!id)
		return;	/* no cgroup has ID 0 */
	s = find(set, id);
	copy = malloc(path->len ? path->len : 1);
	if (!s) {
		s = &set[WAYS - 1];
		free(s->path);
		memmove(&set[1], &set[0], (WAYS - 1) * sizeof(set[0]));
		s = &set[0];
	} else {
		free(s->path);
	}
	s->path = copy;
	s->id = 0;
	if (!copy) {
		/* Not kept: the BPF side must go on sending it.  The emptied
		 * way goes to the back, to be the next one reused. */
		memmove(&set[0], &set[1], (WAYS - 1) * sizeof(set[0]));
		set[WAYS - 1] = empty;
		mirror(i);
		return;
	}
	memcpy(copy, path->buf, path->len);
	s->len = path->len;
	s->truncated = path->truncated;
	s->id = id;
	mirror(i);
}

void cgroups_resolve(struct event_ctx *ctx)
{
	size_t i = ctx->cgroup_id % SETS;
	struct slot *set = sets[i], *s;

	if (ctx->cgroup.present) {
		s = find(set, ctx->cgroup_id);
		if (!s || s->len != ctx->cgroup.len || memcmp(s->path, ctx->cgroup.buf, s->len))
			keep(i, ctx->cgroup_id, &ctx->cgroup);
		else
			/* Kept already, yet sent: the record was made while the
			 * BPF side did not see the ID (a race with mirror()). */
			mirror(i);
		return;
	}
	s = find(set, ctx->cgroup_id);
	if (!s)
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
	int w;

	for (i = 0; i < SETS; i++)
		for (w = 0; w < WAYS; w++) {
			free(sets[i][w].path);
			sets[i][w].path = NULL;
			sets[i][w].id = 0;
		}
}
