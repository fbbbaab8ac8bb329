/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_tree: seeding the BPF tree map, the processes -p and COMMAND
 * trace, from /proc.  The fork program adds the new ones, the exit
 * program removes those that end.
 */
#ifndef COREBPF_EXECSNOOP_TREE_H
#define COREBPF_EXECSNOOP_TREE_H

#include <sys/types.h>

/* Put a process into the tree map, unless it has already ended. */
void tree_put(int map_fd, pid_t pid);

/* Put ROOT and the descendants it already has; after attaching. */
void tree_add(int map_fd, pid_t root);

#endif /* COREBPF_EXECSNOOP_TREE_H */
