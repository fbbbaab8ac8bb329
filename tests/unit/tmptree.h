/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tmptree.h: a temporary directory tree for the unit tests that need real
 * files (PATH directories, a fake /proc), made under $TMPDIR and removed at
 * the end.  A setup step that fails ends the test with 99, Automake's hard
 * error: the test itself could not run.
 */
#ifndef COREBPF_TMPTREE_H
#define COREBPF_TMPTREE_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmptree_root[PATH_MAX];

static inline void tmptree_fail(const char *what, const char *path)
{
	fprintf(stderr, "setup: %s '%s': %s\n", what, path, strerror(errno));
	exit(99);
}

/* ROOT/rel, in a buffer of the caller's. */
static inline const char *tmptree_path(char *buf, size_t size, const char *rel)
{
	if ((size_t)snprintf(buf, size, "%s/%s", tmptree_root, rel) >= size) {
		errno = ENAMETOOLONG;
		tmptree_fail("path", rel);
	}
	return buf;
}

/* Make the tree's root, $TMPDIR/name.XXXXXX, and return it. */
static inline const char *tmptree_make(const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(tmptree_root, sizeof(tmptree_root), "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp",
		 name);
	if (!mkdtemp(tmptree_root))
		tmptree_fail("mkdtemp", tmptree_root);
	return tmptree_root;
}

static inline void tmptree_dir(const char *rel, mode_t mode)
{
	char path[PATH_MAX];

	tmptree_path(path, sizeof(path), rel);
	if (mkdir(path, 0700) || chmod(path, mode))
		tmptree_fail("mkdir", path);
}

/* A file of len bytes with exactly this mode (no umask). */
static inline void tmptree_file(const char *rel, const char *data, size_t len, mode_t mode)
{
	char path[PATH_MAX];
	int fd;

	tmptree_path(path, sizeof(path), rel);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len || fchmod(fd, mode) || close(fd))
		tmptree_fail("write", path);
}

static inline int tmptree_remove_one(const char *path, const struct stat *st, int type,
				     struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static inline void tmptree_remove(void)
{
	if (nftw(tmptree_root, tmptree_remove_one, 16, FTW_DEPTH | FTW_PHYS))
		fprintf(stderr, "cleanup: cannot remove '%s': %s\n", tmptree_root, strerror(errno));
}

#endif /* COREBPF_TMPTREE_H */
