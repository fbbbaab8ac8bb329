/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgroup: the systemd unit and the container that a cgroup v2 path names,
 * read from the path alone (no I/O), for execsnoop's "unit" and
 * "container_id" fields.
 *
 * A path is len bytes relative to the cgroup2 root ("/system.slice/ssh.service"),
 * chosen in part by any user who can make a cgroup (delegation hands whole subtrees
 * to users and containers), so it is taken as bytes: it need not end in a NUL, and
 * a NUL or a newline is one more byte that no name may contain.  Components are
 * the runs between '/'s, so "//", a leading and a trailing '/' add nothing; a name
 * is always one whole component.  Both functions look from the innermost component
 * outwards and take the first that matches: a sub-cgroup below a unit
 * (ssh.service/extra) is still that unit's, and a container in a container (docker
 * in docker) is the inner one.  Results point into path; on false they are NULL
 * and 0.
 */
#ifndef COREBPF_CGROUP_H
#define COREBPF_CGROUP_H

#include <stdbool.h>
#include <stddef.h>

/* Longest unit name, suffix included, that systemd accepts. */
#define CGROUP_UNIT_MAX 255
/* A container ID: 64 lowercase hex digits, as Docker, containerd, CRI-O and Podman
 * write the SHA-256 they name a container by. */
#define CGROUP_CONTAINER_ID_LEN 64

/*
 * The innermost component that is a service or scope unit's cgroup.  Its name is
 * PREFIX.service or PREFIX.scope, at most CGROUP_UNIT_MAX bytes, PREFIX one or
 * more of ASCII letters, digits, ":-_.\" and '@', where the first '@' (the start
 * of an instance) is neither the first byte nor right before the suffix
 * ("foo@.service" is a template, which never runs).  A leading '_' is systemd's
 * escape for a name that would clash with the kernel's files ("_cpu.service" is
 * cpu.service) and is left out of *unit.  Other unit types (.slice, .socket, ...)
 * are not looked for: only services and scopes hold processes.
 */
bool cgroup_unit(const char *path, size_t len, const char **unit, size_t *unit_len);

/*
 * The innermost component that is a container's cgroup, and *id the
 * CGROUP_CONTAINER_ID_LEN digits in it: ID alone (Docker's and the kubelet's
 * cgroupfs drivers: /docker/ID, /kubepods/burstable/podUID/ID), RUNTIME-ID
 * (cgroupfs: CRI-O's crio-ID, Podman's libpod-ID) or RUNTIME-ID.scope (the
 * systemd drivers), RUNTIME one of docker, cri-containerd, crio and libpod.
 * crio-conmon-ID and libpod-conmon-ID are not a container: they hold conmon, the
 * runtime's monitor, which runs on the host's side, outside the container.
 */
bool cgroup_container_id(const char *path, size_t len, const char **id);

#endif /* COREBPF_CGROUP_H */
