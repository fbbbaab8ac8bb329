// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for command_find() and command_find_status() in command.c:
 * COMMAND through PATH in a temporary tree, as execvp() would find it, and
 * env(1)'s status when it is not there (127) or cannot be run (126).  The
 * files that must not run have no x bit at all (0644), which holds for
 * root too.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "command.h"
#include "tmptree.h"

static char buf[PATH_MAX];

/* ROOT/rel, in one of a few rotating buffers, for PATH strings. */
static const char *at(const char *rel)
{
	static char paths[8][PATH_MAX];
	static unsigned int next;

	return tmptree_path(paths[next++ % 8], PATH_MAX, rel);
}

/* "ROOT/a:ROOT/b" from "a", "b", with empty strings kept as empty entries. */
static const char *path_of(const char *a, const char *b, const char *c)
{
	static char path[3 * PATH_MAX];
	const char *parts[] = { a, b, c };
	size_t i, len = 0;

	path[0] = '\0';
	for (i = 0; i < 3 && parts[i]; i++)
		len += (size_t)snprintf(path + len, sizeof(path) - len, "%s%s", i ? ":" : "",
					*parts[i] ? at(parts[i]) : "");
	return path;
}

/* The current directory, for names with a '/' and empty PATH entries. */
static void enter(const char *dir)
{
	if (chdir(dir))
		tmptree_fail("chdir", dir);
}

/* command_find() into buf: its result, and buf checked if it found one. */
#define FIND(name, path, want_err, want_file)                                          \
	do {                                                                           \
		int _err = command_find((name), (path), buf, sizeof(buf));             \
		if (_err != (want_err)) {                                              \
			fprintf(stderr, "%s:%d: command_find(\"%s\", \"%s\"): %d, want %d\n", \
				__FILE__, __LINE__, (name), (path) ? (path) : "(null)", _err, \
				(want_err));                                           \
			check_failures++;                                              \
		} else if (!_err) {                                                    \
			CHECK_STR(buf, (want_file));                                   \
		}                                                                      \
	} while (0)

static void make_tree(void)
{
	static const char script[] = "#!/bin/sh\nexit 0\n";

	tmptree_make("test_command");
	tmptree_dir("empty", 0755);		/* no cmd */
	tmptree_dir("noexec", 0755);		/* cmd without an x bit */
	tmptree_file("noexec/cmd", script, sizeof(script) - 1, 0644);
	tmptree_dir("exec", 0755);		/* cmd that runs */
	tmptree_file("exec/cmd", script, sizeof(script) - 1, 0755);
	tmptree_dir("exec2", 0755);		/* another, owner x only */
	tmptree_file("exec2/cmd", script, sizeof(script) - 1, 0100);
	tmptree_dir("isdir", 0755);		/* a directory named cmd */
	tmptree_dir("isdir/cmd", 0755);
	tmptree_file("afile", script, sizeof(script) - 1, 0755);	/* not a directory */
	tmptree_dir("cwd", 0755);		/* the current directory, for empty entries */
	tmptree_file("cwd/cmd", script, sizeof(script) - 1, 0755);
}

static void test_slash(void)
{
	/* a name with a '/' is the file itself, whatever PATH says */
	FIND(at("exec/cmd"), "", 0, at("exec/cmd"));
	FIND(at("exec/cmd"), NULL, 0, at("exec/cmd"));
	FIND(at("noexec/cmd"), at("exec"), -EACCES, NULL);
	FIND(at("empty/cmd"), at("exec"), -ENOENT, NULL);
	FIND(at("isdir/cmd"), at("exec"), -EACCES, NULL);
	FIND(at("afile/cmd"), at("exec"), -ENOENT, NULL);	/* ENOTDIR: not there */
	enter(tmptree_root);
	FIND("exec/cmd", at("noexec"), 0, "exec/cmd");	/* relative to the current directory */
	FIND("./cwd/cmd", "/nonexistent", 0, "./cwd/cmd");
	FIND("noexec/cmd", at("exec"), -EACCES, NULL);
}

static void test_path(void)
{
	FIND("cmd", path_of("exec", NULL, NULL), 0, at("exec/cmd"));
	FIND("cmd", path_of("exec2", NULL, NULL), 0, at("exec2/cmd"));
	/* not found anywhere */
	FIND("cmd", path_of("empty", "afile", NULL), -ENOENT, NULL);
	FIND("nosuch", path_of("exec", "noexec", "isdir"), -ENOENT, NULL);
	FIND("cmd", "/nonexistent-corebpf", -ENOENT, NULL);
	/* found, none can be run */
	FIND("cmd", path_of("empty", "noexec", NULL), -EACCES, NULL);
	FIND("cmd", path_of("isdir", NULL, NULL), -EACCES, NULL);
	FIND("cmd", path_of("noexec", "isdir", "empty"), -EACCES, NULL);
	/* one that cannot be run is passed over for a later one that can */
	FIND("cmd", path_of("noexec", "exec", NULL), 0, at("exec/cmd"));
	FIND("cmd", path_of("isdir", "noexec", "exec2"), 0, at("exec2/cmd"));
	FIND("cmd", path_of("afile", "empty", "exec"), 0, at("exec/cmd"));
	/* the first that can is the one */
	FIND("cmd", path_of("exec2", "exec", NULL), 0, at("exec2/cmd"));
	FIND("cmd", path_of("exec", "noexec", NULL), 0, at("exec/cmd"));
	/* a directory entry ending in '/' is used as written */
	FIND("cmd", at("exec/"), 0, at("exec//cmd"));
}

/* An empty entry (leading, trailing, "::", or all of PATH) is the current
 * directory, and the file is named as it is there. */
static void test_empty_entries(void)
{
	enter(at("cwd"));
	FIND("cmd", "", 0, "cmd");
	FIND("cmd", path_of("", "empty", NULL), 0, "cmd");
	FIND("cmd", path_of("empty", "", NULL), 0, "cmd");
	FIND("cmd", path_of("empty", "", "exec"), 0, "cmd");
	FIND("cmd", path_of("noexec", "", NULL), 0, "cmd");
	FIND("cmd", path_of("exec", "", NULL), 0, at("exec/cmd"));	/* in order */
	enter(at("noexec"));
	FIND("cmd", "", -EACCES, NULL);
	FIND("cmd", path_of("empty", "", "exec"), 0, at("exec/cmd"));
	enter(at("empty"));
	FIND("cmd", "", -ENOENT, NULL);
	FIND("cmd", ":", -ENOENT, NULL);
}

/* NULL is the C library's default, /bin:/usr/bin, without the current
 * directory. */
static void test_default_path(void)
{
	if (access("/bin/sh", X_OK) == 0)
		FIND("sh", NULL, 0, "/bin/sh");
	else
		printf("test_command: no /bin/sh, the default PATH's first entry not tested\n");
	FIND("nosuch-command-corebpf", NULL, -ENOENT, NULL);
	enter(at("cwd"));
	FIND("cmd", NULL, -ENOENT, NULL);
}

static void test_names(void)
{
	char small[16], name[PATH_MAX + 16], file[PATH_MAX], dir[PATH_MAX], path[2 * PATH_MAX];
	size_t len;

	snprintf(file, sizeof(file), "%s", at("exec/cmd"));
	len = strlen(file);

	/* the empty name is never found, as for execvp() */
	FIND("", path_of("exec", "", NULL), -ENOENT, NULL);
	FIND("", NULL, -ENOENT, NULL);

	/* a name longer than the buffer */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	FIND(name, path_of("exec", NULL, NULL), -ENAMETOOLONG, NULL);
	FIND(name, "", -ENAMETOOLONG, NULL);
	name[0] = '/';
	FIND(name, NULL, -ENAMETOOLONG, NULL);

	/* the buffer's size, exactly: the file and its NUL */
	CHECK(command_find(file, NULL, buf, len + 1) == 0 && !strcmp(buf, file));
	CHECK(command_find(file, NULL, buf, len) == -ENAMETOOLONG);
	CHECK(command_find("cmd", at("exec"), buf, len + 1) == 0 && !strcmp(buf, file));
	CHECK(command_find("cmd", at("exec"), buf, len) == -ENAMETOOLONG);
	enter(at("cwd"));
	CHECK(command_find("cmd", "", small, 4) == 0 && !strcmp(small, "cmd"));	/* in cwd */
	CHECK(command_find("cmd", "", small, 3) == -ENAMETOOLONG);
	/* an entry too long for the buffer is passed over for a later one */
	len = strlen(at("noexec/cmd"));
	memset(dir, 'd', sizeof(dir) - 1);
	dir[sizeof(dir) - 1] = '\0';
	CHECK(snprintf(path, sizeof(path), "%s:%s", dir, at("exec")) < (int)sizeof(path));
	CHECK(command_find("cmd", path, buf, len + 1) == 0 && !strcmp(buf, file));
	CHECK(snprintf(path, sizeof(path), "%s:%s", dir, at("noexec")) < (int)sizeof(path));
	CHECK(command_find("cmd", path, buf, len + 1) == -EACCES);
}

/* A directory that cannot be searched hides what it holds; not for root,
 * whom permissions do not stop. */
static void test_unsearchable(void)
{
	if (geteuid() == 0) {
		printf("test_command: root, an unsearchable PATH directory not tested\n");
		return;
	}
	tmptree_dir("locked", 0755);
	tmptree_file("locked/cmd", "#!/bin/sh\n", 10, 0755);
	if (chmod(at("locked"), 0)) {
		perror("setup: chmod");
		exit(99);
	}
	FIND("cmd", path_of("locked", NULL, NULL), -EACCES, NULL);
	FIND("cmd", path_of("locked", "exec", NULL), 0, at("exec/cmd"));
	FIND(at("locked/cmd"), NULL, -EACCES, NULL);
	if (chmod(at("locked"), 0755))
		perror("cleanup: chmod");
}

static void test_status(void)
{
	CHECK(command_find_status(-ENOENT) == 127);
	CHECK(command_find_status(-EACCES) == 126);
	CHECK(command_find_status(-ENAMETOOLONG) == 126);
}

int main(void)
{
	make_tree();
	test_slash();
	test_path();
	test_empty_entries();
	test_default_path();
	test_names();
	test_unsearchable();
	test_status();
	if (chdir("/"))
		perror("cleanup: chdir");
	tmptree_remove();
	return check_done("test_command");
}
