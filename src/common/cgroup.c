// SPDX-License-Identifier: GPL-2.0-or-later
/* cgroup: the unit and the container a cgroup v2 path names; see cgroup.h. */
#include "config.h"

#include <string.h>

#include "cgroup.h"

/*
 * The component that ends at or before path[*end], moving *end to its start for
 * the next call: the walk goes from the innermost component outwards.  False when
 * only '/'s are left.
 */
static bool cgroup_prev(const char *path, size_t *end, const char **name, size_t *name_len)
{
	size_t e = *end, s;

	while (e && path[e - 1] == '/')
		e--;
	if (!e)
		return false;
	for (s = e; s && path[s - 1] != '/'; s--)
		;
	*name = path + s;
	*name_len = e - s;
	*end = s;
	return true;
}

static bool ends_with(const char *s, size_t len, const char *suffix, size_t suffix_len)
{
	return len >= suffix_len && !memcmp(s + len - suffix_len, suffix, suffix_len);
}

/* The bytes systemd allows in a unit name's prefix, '@' aside.  A NUL is not one,
 * which is what keeps a match from spanning one. */
static bool unit_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ':' || c == '-' || c == '_' || c == '.' || c == '\\';
}

/* Whether name is a service or scope that can be running (see cgroup.h). */
static bool unit_valid(const char *name, size_t len)
{
	const char *at = NULL;
	size_t prefix, i;

	/* first, so that a very long component costs nothing more */
	if (len > CGROUP_UNIT_MAX)
		return false;
	if (ends_with(name, len, ".service", 8))
		prefix = len - 8;
	else if (ends_with(name, len, ".scope", 6))
		prefix = len - 6;
	else
		return false;
	if (!prefix)
		return false;
	for (i = 0; i < prefix; i++) {
		if (name[i] == '@') {
			if (!at)
				at = name + i;
		} else if (!unit_char(name[i])) {
			return false;
		}
	}
	/* "@x.service" has no prefix before its instance; "x@.service" is a template,
	 * a recipe for units that has no cgroup of its own */
	return !at || (at != name && at != name + prefix - 1);
}

bool cgroup_unit(const char *path, size_t len, const char **unit, size_t *unit_len)
{
	const char *name;
	size_t end = len, n;

	while (cgroup_prev(path, &end, &name, &n)) {
		/* systemd's cg_escape() puts a '_' before names starting with '_' or '.',
		 * or with a controller's or the kernel's file prefix ("cpu.", "cgroup."):
		 * its cg_unescape() takes one off again */
		if (name[0] == '_') {
			name++;
			n--;
		}
		if (unit_valid(name, n)) {
			*unit = name;
			*unit_len = n;
			return true;
		}
	}
	*unit = NULL;
	*unit_len = 0;
	return false;
}

static bool hex_id(const char *s)
{
	size_t i;

	for (i = 0; i < CGROUP_CONTAINER_ID_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* The ID in a component named ID, RUNTIME-ID or RUNTIME-ID.scope, or NULL. */
static const char *container_in(const char *name, size_t len)
{
	/* conmon's crio-conmon-ID and libpod-conmon-ID fail the hex test after the
	 * runtime's prefix, which is how they are kept out */
	static const char *const runtimes[] = { "docker-", "cri-containerd-", "crio-", "libpod-" };
	size_t i, p, rest;

	if (len == CGROUP_CONTAINER_ID_LEN)
		return hex_id(name) ? name : NULL;
	for (i = 0; i < sizeof(runtimes) / sizeof(runtimes[0]); i++) {
		p = strlen(runtimes[i]);
		if (len < p + CGROUP_CONTAINER_ID_LEN || memcmp(name, runtimes[i], p))
			continue;
		rest = len - p - CGROUP_CONTAINER_ID_LEN;
		if (rest && (rest != 6 || memcmp(name + len - 6, ".scope", 6)))
			continue;
		return hex_id(name + p) ? name + p : NULL;
	}
	return NULL;
}

bool cgroup_container_id(const char *path, size_t len, const char **id)
{
	const char *name;
	size_t end = len, n;

	while (cgroup_prev(path, &end, &name, &n)) {
		*id = container_in(name, n);
		if (*id)
			return true;
	}
	*id = NULL;
	return false;
}
