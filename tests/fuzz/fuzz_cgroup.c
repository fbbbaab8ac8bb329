// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: cgroup_unit() and cgroup_container_id() on arbitrary bytes,
 * against a second reading of cgroup.h's rules written the other way round
 * (components split front to back, the last match kept, names checked
 * against a character set): both must agree on every input, and a result
 * must lie inside the input and be of the form the header promises.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static bool in_set(const char *set, char c)
{
	return c && strchr(set, c);
}

static bool has_suffix(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && !memcmp(s + n - k, suffix, k);
}

/* The unit a component names by cgroup.h, or NULL; *n its length. */
static const char *ref_unit(const char *c, size_t len, size_t *n)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.\\@";
	size_t i, prefix, first_at = (size_t)-1;

	if (len && c[0] == '_') {
		c++;
		len--;
	}
	if (has_suffix(c, len, ".service"))
		prefix = len - strlen(".service");
	else if (has_suffix(c, len, ".scope"))
		prefix = len - strlen(".scope");
	else
		return NULL;
	if (len > 255 || prefix == 0)
		return NULL;
	for (i = 0; i < prefix; i++) {
		if (!in_set(ok, c[i]))
			return NULL;
		if (c[i] == '@' && first_at == (size_t)-1)
			first_at = i;
	}
	if (first_at == 0 || first_at == prefix - 1)
		return NULL;
	*n = len;
	return c;
}

/* The container ID a component holds by cgroup.h, or NULL: every form tried. */
static const char *ref_id(const char *c, size_t len)
{
	static const char *const runtimes[] = {
		"", "docker-", "cri-containerd-", "crio-", "libpod-",
	};
	size_t i, k, j, scope;

	for (i = 0; i < sizeof(runtimes) / sizeof(runtimes[0]); i++) {
		k = strlen(runtimes[i]);
		/* a bare ID never has ".scope" */
		for (scope = 0; scope <= (k ? 6 : 0); scope += 6) {
			if (len != k + 64 + scope || memcmp(c, runtimes[i], k) ||
			    memcmp(c + k + 64, ".scope", scope))
				continue;
			for (j = 0; j < 64 && in_set("0123456789abcdef", c[k + j]); j++)
				;
			if (j == 64)
				return c + k;
		}
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *p = (const char *)data, *want_u = NULL, *want_id = NULL, *u, *id, *r;
	size_t start, end, want_n = 0, n, un;

	for (start = 0; start < size; start = end + 1) {
		for (end = start; end < size && p[end] != '/'; end++)
			;
		if (end == start)
			continue;
		r = ref_unit(p + start, end - start, &un);
		if (r) {
			want_u = r;
			want_n = un;
		}
		r = ref_id(p + start, end - start);
		if (r)
			want_id = r;
	}

	if (cgroup_unit(p, size, &u, &n) != !!want_u || u != want_u || n != want_n)
		abort();
	if (u && (n > CGROUP_UNIT_MAX || memchr(u, '/', n) || memchr(u, '\0', n)))
		abort();
	if (cgroup_container_id(p, size, &id) != !!want_id || id != want_id)
		abort();
	if (id && (size_t)(id - p) + CGROUP_CONTAINER_ID_LEN > size)
		abort();
	return 0;
}
