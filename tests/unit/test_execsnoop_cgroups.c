// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for execsnoop_cgroups.c, the cache of cgroup ID -> path: a
 * path a record carried once is given to the later records of that ID,
 * which carry none; a third ID in the same set replaces the one used least
 * recently; an ID never sent has no path.  No BPF: the map is none, or an
 * array in memory laid out as the BPF side's cgroups_known map.
 */
#include "config.h"

#include <string.h>

#include "check.h"
#include "execsnoop_cgroups.h"

/* The BPF side's cgroups_known map, as execsnoop maps it. */
static struct execsnoop_cgroups_known known;

/* As the BPF side checks it. */
static bool is_known(uint64_t id)
{
	const __u64 *set = known.id[id % EXECSNOOP_CGROUP_SETS];

	return set[0] == id || set[1] == id;
}

/* An event's context: cgroup id, and the path if the record carried one
 * (components leaf first, as the BPF side sends them). */
static struct event_ctx ctx_of(uint64_t id, const char *comps, size_t len, bool truncated)
{
	struct event_ctx c;

	memset(&c, 0, sizeof(c));
	c.cgroup_id = id;
	if (comps)
		event_path_join(&c.cgroup, comps, len, truncated, false);
	return c;
}

static void resolves_to(int line, uint64_t id, const char *want, bool truncated)
{
	struct event_ctx c = ctx_of(id, NULL, 0, false);

	cgroups_resolve(&c);
	if (!want) {
		if (c.cgroup.present) {
			fprintf(stderr, "%s:%d: id %llu: got \"%.*s\", want none\n", __FILE__, line,
				(unsigned long long)id, (int)c.cgroup.len, c.cgroup.buf);
			check_failures++;
		}
		return;
	}
	if (!c.cgroup.present || c.cgroup.len != strlen(want) ||
	    memcmp(c.cgroup.buf, want, c.cgroup.len) || c.cgroup.truncated != truncated ||
	    c.cgroup.deleted) {
		fprintf(stderr, "%s:%d: id %llu: got %s\"%.*s\"%s, want \"%s\"%s\n", __FILE__, line,
			(unsigned long long)id, c.cgroup.present ? "" : "none ", (int)c.cgroup.len,
			c.cgroup.buf, c.cgroup.truncated ? " truncated" : "", want,
			truncated ? " truncated" : "");
		check_failures++;
	}
}
#define RESOLVES(id, want, truncated) resolves_to(__LINE__, id, want, truncated)

/* A record that carries its path: kept, and its own path left as it is. */
static void sent(uint64_t id, const char *comps, size_t len, bool truncated, const char *want)
{
	struct event_ctx c = ctx_of(id, comps, len, truncated);

	cgroups_resolve(&c);
	CHECK(c.cgroup.present && c.cgroup.len == strlen(want) &&
	      !memcmp(c.cgroup.buf, want, c.cgroup.len));
}
#define SENT(id, comps, truncated, want) sent(id, comps, sizeof(comps) - 1, truncated, want)

/* With no map (-1): the paths alone. */
static void test_paths(void)
{
	const uint64_t a = 7, b = 7 + CGROUPS_SETS, c = 8, d = 7 + 2 * CGROUPS_SETS;
	static char big[EXECSNOOP_PATH_MAX];
	struct event_ctx x;

	memset(&known, 0, sizeof(known));
	cgroups_init(NULL);
	RESOLVES(a, NULL, false);	/* never sent */
	SENT(a, "ssh.service\0system.slice\0", false, "/system.slice/ssh.service");
	RESOLVES(a, "/system.slice/ssh.service", false);
	RESOLVES(a, "/system.slice/ssh.service", false);	/* and again */
	RESOLVES(a + 1, NULL, false);	/* a neighbour is not it */

	/* a cut path stays cut; the root is "/" */
	SENT(c, "x.scope\0y\0", true, "y/x.scope");
	RESOLVES(c, "y/x.scope", true);
	SENT(1, "", false, "/");
	RESOLVES(1, "/", false);
	RESOLVES(a, "/system.slice/ssh.service", false);

	/* another ID in a's set is kept beside it */
	SENT(b, "other.scope\0", false, "/other.scope");
	RESOLVES(b, "/other.scope", false);
	RESOLVES(a, "/system.slice/ssh.service", false);
	/* a third pushes out the one used least recently: b, as a was
	 * resolved last */
	SENT(d, "third.scope\0", false, "/third.scope");
	RESOLVES(d, "/third.scope", false);
	RESOLVES(a, "/system.slice/ssh.service", false);
	RESOLVES(b, NULL, false);
	/* b sent again takes its place back, from d now */
	SENT(b, "other.scope\0", false, "/other.scope");
	RESOLVES(b, "/other.scope", false);
	RESOLVES(d, NULL, false);
	RESOLVES(a, "/system.slice/ssh.service", false);

	/* a new path for the same ID (a rename) replaces the old one */
	SENT(a, "sshd.service\0system.slice\0", false, "/system.slice/sshd.service");
	RESOLVES(a, "/system.slice/sshd.service", false);
	SENT(a, "sshd.service\0", true, "sshd.service");
	RESOLVES(a, "sshd.service", true);

	/* the longest path a record may carry */
	memset(big, 'a', sizeof(big));
	x = ctx_of(c, big, sizeof(big), false);
	cgroups_resolve(&x);
	x = ctx_of(c, NULL, 0, false);
	cgroups_resolve(&x);
	CHECK(x.cgroup.present && x.cgroup.len == sizeof(big) + 1 && x.cgroup.buf[0] == '/' &&
	      x.cgroup.buf[sizeof(big)] == 'a');

	/* a record that carries no path keeps nothing */
	RESOLVES(a + 2, NULL, false);

	cgroups_free();
	RESOLVES(a, NULL, false);
	RESOLVES(c, NULL, false);
	CHECK(!is_known(a) && !is_known(c));	/* the map untouched */
}

/* The BPF side is told which IDs user space has the paths of, and which
 * it no longer has. */
static void test_known_map(void)
{
	const uint64_t a = 7, b = 7 + CGROUPS_SETS, c = 8, d = 7 + 2 * CGROUPS_SETS;

	memset(&known, 0, sizeof(known));
	cgroups_init(&known);
	RESOLVES(a, NULL, false);
	CHECK(!is_known(a));
	SENT(a, "ssh.service\0system.slice\0", false, "/system.slice/ssh.service");
	CHECK(is_known(a));
	SENT(c, "x.scope\0", false, "/x.scope");
	CHECK(is_known(a) && is_known(c));
	/* a second ID in a's set is kept beside it; a third pushes out the
	 * one used least recently, which is then no longer known, so that
	 * its path comes again */
	SENT(b, "other.scope\0", false, "/other.scope");
	CHECK(is_known(a) && is_known(b) && is_known(c));
	SENT(d, "third.scope\0", false, "/third.scope");
	CHECK(!is_known(a) && is_known(b) && is_known(c) && is_known(d));
	SENT(a, "ssh.service\0system.slice\0", false, "/system.slice/ssh.service");
	CHECK(is_known(a) && !is_known(b) && is_known(d));
	/* c's path sent again while kept (a record made as the BPF side
	 * read its set mid-update): c is marked known again, or every event
	 * of c would walk its cgroup's path from then on. */
	known.id[c % EXECSNOOP_CGROUP_SETS][0] = 0;
	known.id[c % EXECSNOOP_CGROUP_SETS][1] = 0;
	SENT(c, "x.scope\0", false, "/x.scope");
	CHECK(is_known(c));
	RESOLVES(c, "/x.scope", false);
	cgroups_free();
	cgroups_init(NULL);
}

int main(void)
{
	test_paths();
	test_known_map();
	return check_done("test_execsnoop_cgroups");
}
