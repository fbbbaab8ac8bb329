// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_tree: the tree map seeded from /proc; see execsnoop_tree.h. */
#include "config.h"

#include <stdio.h>
#include <linux/types.h>

#include <bpf/bpf.h>

#include "execsnoop_tree.h"
#include "proc.h"

/* The exit program prunes processes that end from now on, not those gone
 * before: a process that is gone is taken out again. */
void tree_put(int map_fd, pid_t pid)
{
	__u8 one = 1;

	bpf_map_update_elem(map_fd, &pid, &one, BPF_ANY);
	if (!proc_alive("/proc", pid))
		bpf_map_delete_elem(map_fd, &pid);
}

/* A descendant not in the map yet goes in, and counts. */
static int tree_visit(pid_t pid, void *ctx)
{
	int map_fd = *(int *)ctx;
	__u8 v;

	if (!bpf_map_lookup_elem(map_fd, &pid, &v))
		return 0;
	tree_put(map_fd, pid);
	return 1;
}

/* New descendants are added by the fork program, which is attached before
 * this.  A process can fork after the scan read its child's slot and
 * before it is in the map itself: the scan is repeated until it finds
 * nothing new. */
void tree_add(int map_fd, pid_t root)
{
	long added;
	int pass;

	tree_put(map_fd, root);
	for (pass = 0; pass < 16; pass++) {
		added = proc_descendants("/proc", root, tree_visit, &map_fd);
		if (added < 0)
			fprintf(stderr, "execsnoop: out of memory: some processes PID %d already "
				"had may not be traced\n", (int)root);
		if (added <= 0)
			break;
	}
}
