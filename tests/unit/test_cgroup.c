// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for cgroup.c: the unit and the container ID a cgroup path names. */
#include "config.h"

#include <stdlib.h>

#include "cgroup.h"
#include "check.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ID2 "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
/* one digit short, uppercase digits, a 'g' */
#define ID63 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"
#define IDUC "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"
#define IDG "0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef"
#define POD "/kubepods.slice/kubepods-burstable.slice/" \
	    "kubepods-burstable-pod6b8c3f0e_1d2a_4c5b_9e7f_0a1b2c3d4e5f.slice/"

/*
 * want is the unit's name, or NULL for none; at is where in path it must start
 * (the innermost component is not always the last one), or -1 for anywhere.
 * A result outside path[0..len) fails, whatever its text.
 */
static void unit_is(int line, const char *path, size_t len, const char *want, long at)
{
	const char *u = "x";
	size_t n = 1;
	bool ok = cgroup_unit(path, len, &u, &n);

	if (!want) {
		if (ok || u || n) {
			fprintf(stderr, "%s:%d: unit \"%.*s\", want none\n", __FILE__, line,
				ok ? (int)n : 0, ok ? u : "");
			check_failures++;
		}
		return;
	}
	if (!ok || u < path || n > len || (size_t)(u - path) > len - n ||
	    (at >= 0 && u != path + at) || n != strlen(want) || memcmp(u, want, n)) {
		fprintf(stderr, "%s:%d: unit %s \"%.*s\", want \"%s\"\n", __FILE__, line,
			ok ? "" : "none", ok ? (int)n : 0, ok ? u : "", want);
		check_failures++;
	}
}

static void id_is(int line, const char *path, size_t len, const char *want, long at)
{
	const char *id = "x";
	bool ok = cgroup_container_id(path, len, &id);

	if (!want) {
		if (ok || id) {
			fprintf(stderr, "%s:%d: container ID %.64s, want none\n", __FILE__, line,
				ok ? id : "");
			check_failures++;
		}
		return;
	}
	if (!ok || id < path || len < CGROUP_CONTAINER_ID_LEN ||
	    (size_t)(id - path) > len - CGROUP_CONTAINER_ID_LEN || (at >= 0 && id != path + at) ||
	    memcmp(id, want, CGROUP_CONTAINER_ID_LEN)) {
		fprintf(stderr, "%s:%d: container ID %s, want %s\n", __FILE__, line,
			ok ? "other" : "none", want);
		check_failures++;
	}
}

/* Literals are measured with sizeof, so an embedded NUL is part of the path. */
#define UNIT(path, want) unit_is(__LINE__, path, sizeof(path) - 1, want, -1)
#define UNIT_AT(path, want, at) unit_is(__LINE__, path, sizeof(path) - 1, want, at)
#define CID(path, want) id_is(__LINE__, path, sizeof(path) - 1, want, -1)
#define CID_AT(path, want, at) id_is(__LINE__, path, sizeof(path) - 1, want, at)

static void test_unit_examples(void)
{
	UNIT("/system.slice/ssh.service", "ssh.service");
	UNIT("/system.slice/docker-" ID ".scope", "docker-" ID ".scope");
	UNIT("/user.slice/user-1000.slice/session-3.scope", "session-3.scope");
	UNIT("/user.slice/user-1000.slice/user@1000.service", "user@1000.service");
	UNIT("/user.slice/user-1000.slice/user@1000.service/app.slice/foo.scope", "foo.scope");
	UNIT("/user.slice/user-1000.slice/user@1000.service/app.slice", "user@1000.service");
	UNIT("/system.slice/ssh.service/extra", "ssh.service");
	UNIT("/system.slice/ssh.service/a/b/c", "ssh.service");
	UNIT("/init.scope", "init.scope");
	UNIT(POD "cri-containerd-" ID ".scope", "cri-containerd-" ID ".scope");
	/* systemd inside a container: the container's own unit is the innermost */
	UNIT("/system.slice/docker-" ID ".scope/system.slice/nginx.service", "nginx.service");
	/* systemd's own escapes of odd bytes, and instances */
	UNIT("/system.slice/system-systemd\\x2dfsck.slice/"
	     "systemd-fsck@dev-disk-by\\x2duuid-1234.service",
	     "systemd-fsck@dev-disk-by\\x2duuid-1234.service");
	UNIT("/system.slice/getty@tty1.service", "getty@tty1.service");
	UNIT("/a:b-c_d.e.service", "a:b-c_d.e.service");
	UNIT("/x@a@b.service", "x@a@b.service");
	UNIT("/..service", "..service");

	UNIT("", NULL);
	unit_is(__LINE__, NULL, 0, NULL, -1);
	UNIT("/", NULL);
	UNIT("//", NULL);
	UNIT("/user.slice", NULL);
	UNIT("/system.slice/foo.slice", NULL);
	UNIT("/system.slice/foo.socket", NULL);
	UNIT("/system.slice/foo.mount", NULL);
	UNIT("/docker/" ID, NULL);
	UNIT("/kubepods/burstable/pod1234/" ID, NULL);
}

/* A name of len bytes: 'a's, then suffix.  Returns len. */
static size_t long_name(char *name, size_t len, const char *suffix)
{
	memset(name, 'a', len);
	memcpy(name + len - strlen(suffix), suffix, strlen(suffix));
	return len;
}

static void test_unit_names(void)
{
	char name[CGROUP_UNIT_MAX + 3];
	const char *u;
	size_t n;

	/* an empty prefix is no unit, and the walk goes on outwards past it */
	UNIT("/system.slice/.service", NULL);
	UNIT("/system.slice/.scope", NULL);
	UNIT("/a.service/.service", "a.service");
	UNIT("/a.service/.scope/", "a.service");
	/* the suffix is exact and last */
	UNIT("/ssh.servic", NULL);
	UNIT("/ssh.SERVICE", NULL);
	UNIT("/sshservice", NULL);
	UNIT("/ssh.service.bak", NULL);
	UNIT("/system.slice/docker-" ID ".scope.bak", NULL);
	UNIT("/ssh.service~", NULL);
	/* instances and templates */
	UNIT("/@foo.service", NULL);
	UNIT("/foo@.service", NULL);
	UNIT("/@.service", NULL);
	UNIT("/a.service/getty@.service", "a.service");
	/* bytes systemd never allows */
	UNIT("/foo bar.service", NULL);
	UNIT("/foo\nbar.service", NULL);
	UNIT("/foo\tbar.service", NULL);
	UNIT("/caf\xc3\xa9.service", NULL);
	UNIT("/a$b.service", NULL);
	UNIT("/a\x7f.service", NULL);
	/* systemd's cgroup escape: one leading '_' is not part of the name */
	UNIT_AT("/system.slice/_cpu.service", "cpu.service", 15);
	UNIT("/system.slice/__x.service", "_x.service");
	UNIT("/system.slice/_.service", NULL);
	UNIT("/system.slice/_", NULL);

	/* at most 255 bytes, suffix included, counted after the escape */
	CHECK(cgroup_unit(name, long_name(name, 255, ".service"), &u, &n) && u == name && n == 255);
	CHECK(!cgroup_unit(name, long_name(name, 256, ".service"), &u, &n));
	CHECK(cgroup_unit(name, long_name(name, 255, ".scope"), &u, &n) && u == name && n == 255);
	CHECK(!cgroup_unit(name, long_name(name, 256, ".scope"), &u, &n));
	CHECK(cgroup_unit(name, long_name(name, 9, ".service"), &u, &n) && n == 9);
	long_name(name, 256, ".service");
	name[0] = '_';
	CHECK(cgroup_unit(name, 256, &u, &n) && u == name + 1 && n == 255);
	long_name(name, 257, ".service");
	name[0] = '_';
	CHECK(!cgroup_unit(name, 257, &u, &n));
}

static void test_unit_hostile(void)
{
	/* '/' runs and a trailing '/' add nothing */
	UNIT_AT("//system.slice//ssh.service//", "ssh.service", 16);
	UNIT("/system.slice/ssh.service/", "ssh.service");
	UNIT("ssh.service", "ssh.service");
	UNIT("system.slice/ssh.service", "ssh.service");
	/* a NUL or a newline is a byte of the component it is in, so that component
	 * names nothing; a name never spans one */
	UNIT("/system.slice/ssh.service\0", NULL);
	UNIT("/system.slice/ssh.service\n", NULL);
	UNIT("/system.slice/ssh.ser\0vice", NULL);
	UNIT("/system.slice/\0ssh.service", NULL);
	UNIT("/system.slice/ssh\0.service", NULL);
	UNIT("/a.service/b\0c.service", "a.service");
	UNIT("/a.service/b\nc.service", "a.service");
	UNIT("/a.service\0/x", NULL);
	UNIT_AT("/a.service/\0/b.scope", "b.scope", 13);
	UNIT("/a.service\n/b.scope", "b.scope");
}

static void test_container_examples(void)
{
	CID_AT("/system.slice/docker-" ID ".scope", ID, 21);
	CID("/system.slice/cri-containerd-" ID ".scope", ID);
	CID_AT(POD "cri-containerd-" ID ".scope", ID, sizeof(POD) - 1 + 15);
	CID(POD "crio-" ID ".scope", ID);
	CID(POD "docker-" ID ".scope", ID);
	CID("/machine.slice/libpod-" ID ".scope", ID);
	CID("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID ".scope", ID);
	CID("/user.slice/user-1000.slice/user@1000.service/app.slice/docker-" ID ".scope", ID);
	/* cgroupfs drivers */
	CID_AT("/docker/" ID, ID, 8);
	CID("/kubepods/burstable/pod6b8c3f0e-1d2a-4c5b-9e7f-0a1b2c3d4e5f/" ID, ID);
	CID("/kubepods/pod6b8c3f0e-1d2a-4c5b-9e7f-0a1b2c3d4e5f/" ID, ID);
	CID("/kubepods/besteffort/pod6b8c3f0e-1d2a-4c5b-9e7f-0a1b2c3d4e5f/crio-" ID, ID);
	CID_AT("/libpod_parent/libpod-" ID, ID, 22);
	/* below the container's cgroup: Podman's "container" sub-cgroup, systemd inside */
	CID("/machine.slice/libpod-" ID ".scope/container", ID);
	CID("/system.slice/docker-" ID ".scope/system.slice/nginx.service", ID);
	/* nested: the innermost wins */
	CID_AT("/docker/" ID "/docker/" ID2, ID2, 80);
	CID("/system.slice/docker-" ID ".scope/docker/" ID2, ID2);
	CID("/system.slice/docker-" ID ".scope/docker/" ID2 "/sub", ID2);
	CID("/docker/" ID2 "/system.slice/docker-" ID ".scope", ID);
	/* conmon, the runtime's monitor, runs outside the container */
	CID(POD "crio-conmon-" ID ".scope", NULL);
	CID("/kubepods/burstable/pod1234/crio-conmon-" ID, NULL);
	CID("/machine.slice/libpod-conmon-" ID ".scope", NULL);
	CID("/libpod_parent/conmon", NULL);
	/* but a container below conmon's cgroup is still one */
	CID("/pod_123-456/crio-conmon-" ID "/pod_123-456/crio-" ID2, ID2);

	CID("", NULL);
	id_is(__LINE__, NULL, 0, NULL, -1);
	CID("/", NULL);
	CID("/system.slice/ssh.service", NULL);
	CID("/user.slice/user-1000.slice/session-3.scope", NULL);
}

static void test_container_hostile(void)
{
	/* 63 and 65 digits, uppercase, non-hex */
	CID("/docker/" ID63, NULL);
	CID("/docker/" ID "0", NULL);
	CID("/system.slice/docker-" ID63 ".scope", NULL);
	CID("/system.slice/docker-" ID "0.scope", NULL);
	CID("/system.slice/crio-" ID "0", NULL);
	CID("/docker/" IDUC, NULL);
	CID("/docker/" IDG, NULL);
	CID("/system.slice/libpod-" IDUC ".scope", NULL);
	CID("/system.slice/libpod-" IDG ".scope", NULL);
	/* the name is exact: nothing between the ID and ".scope", nothing after */
	CID("/system.slice/docker-" ID "x.scope", NULL);
	CID("/system.slice/docker-" ID "-.scope", NULL);
	CID("/system.slice/docker-" ID ".scope.bak", NULL);
	CID("/system.slice/docker-" ID ".scop", NULL);
	CID("/system.slice/docker-" ID ".service", NULL);
	CID("/system.slice/docker-" ID ".", NULL);
	CID("/system.slice/docker-.scope", NULL);
	CID("/system.slice/docker-", NULL);
	CID("/system.slice/docker" ID ".scope", NULL);
	CID("/system.slice/Docker-" ID ".scope", NULL);
	CID("/system.slice/podman-" ID ".scope", NULL);
	CID("/system.slice/x-docker-" ID ".scope", NULL);
	CID("/system.slice/" ID ".scope", NULL);
	CID("/system.slice/_docker-" ID ".scope", NULL);
	CID("/docker/x" ID, NULL);
	CID("/docker/" ID "\n", NULL);
	/* NULs: in the component, in the ID, right after it */
	CID("/docker/" ID "\0", NULL);
	CID("/docker/\0" ID, NULL);
	CID("/docker/0123456789abcdef0123456789abcdef\0" "123456789abcdef0123456789abcdef", NULL);
	CID("/system.slice/docker-" ID "\0.scope", NULL);
	CID("/system.slice/docker-" ID ".scope\0", NULL);
	CID("/docker/" ID "/\0", ID);
	/* '/' runs and a trailing '/' */
	CID_AT("//docker//" ID "//", ID, 10);
	CID("/docker/" ID "/", ID);
	CID(ID, ID);
	/* an outer match still counts when the inner component is no container */
	CID("/docker/" ID "/docker-.scope", ID);
	CID("/docker/" ID "/" ID2 "0", ID);
}

/* 1 MiB paths: only the walk's length, never a component's, may cost time. */
static void test_long_paths(void)
{
	size_t len = 1 << 20, i;
	char *p = malloc(len + 200);
	const char *r;
	size_t n;

	if (!p) {
		CHECK(!"out of memory");
		return;
	}
	/* one component of 1 MiB ending like a unit and like a container */
	memset(p, 'a', len);
	p[0] = '/';
	memcpy(p + len - 6, ".scope", 6);
	CHECK(!cgroup_unit(p, len, &r, &n));
	CHECK(!cgroup_container_id(p, len, &r));
	memset(p + 1, '0', len - 7);
	memcpy(p + len - 6 - 7 - 64, "docker-", 7);
	CHECK(!cgroup_container_id(p, len, &r));
	/* after a 1 MiB component, and after 1 MiB of '/' */
	memcpy(p + len, "/ssh.service/docker-" ID ".scope", 20 + 64 + 6);
	CHECK(cgroup_unit(p, len + 90, &r, &n) && r == p + len + 13 && n == 77);
	CHECK(cgroup_container_id(p, len + 90, &r) && r == p + len + 20);
	memset(p, '/', len);
	CHECK(!cgroup_unit(p, len, &r, &n));
	CHECK(!cgroup_container_id(p, len, &r));
	CHECK(cgroup_unit(p, len + 90, &r, &n) && r == p + len + 13);
	/* 1 MiB of units and containers: the last one is found */
	for (i = 0; i + 80 <= len; i += 80) {
		memcpy(p + i, "/docker/" ID, 72);
		memcpy(p + i + 72, "/a.scope", 8);
	}
	CHECK(cgroup_unit(p, i, &r, &n) && r == p + i - 7 && n == 7);
	CHECK(cgroup_container_id(p, i, &r) && r == p + i - 72);
	/* 1 MiB of NULs and newlines */
	memset(p, 0, len);
	CHECK(!cgroup_unit(p, len, &r, &n));
	CHECK(!cgroup_container_id(p, len, &r));
	memset(p, '\n', len);
	CHECK(!cgroup_unit(p, len, &r, &n));
	CHECK(!cgroup_container_id(p, len, &r));
	free(p);
}

int main(void)
{
	test_unit_examples();
	test_unit_names();
	test_unit_hostile();
	test_container_examples();
	test_container_hostile();
	test_long_paths();
	return check_done("test_cgroup");
}
