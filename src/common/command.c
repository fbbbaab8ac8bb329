// SPDX-License-Identifier: GPL-2.0-or-later
/* command: spawn, release, forward to, reap a traced command; see command.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "stop.h"
#include "tool.h"

static pid_t child_pid;
static int go_fd = -1;		/* the write end the command waits on */
static int wstatus;

/* 0 if file is an executable regular file, else -ENOENT or -EACCES. */
static int command_check(const char *file)
{
	struct stat st;

	if (stat(file, &st))
		return errno == EACCES ? -EACCES : -ENOENT;
	if (!S_ISREG(st.st_mode) || access(file, X_OK))
		return -EACCES;
	return 0;
}

int command_find(const char *name, const char *path, char *buf, size_t size)
{
	const char *dir, *end;
	int err, found = -ENOENT;
	size_t len;

	if (!*name)
		return -ENOENT;
	if (strchr(name, '/')) {
		if (strlen(name) >= size)
			return -ENAMETOOLONG;
		strcpy(buf, name);
		return command_check(buf);
	}
	if (!path)
		path = "/bin:/usr/bin";	/* glibc's _CS_PATH, which execvp() uses */
	for (dir = path;; dir = end + 1) {
		end = strchrnul(dir, ':');
		len = (size_t)(end - dir);
		if (snprintf(buf, size, "%.*s%s%s", (int)len, dir, len ? "/" : "", name) >=
		    (int)size) {
			found = -ENAMETOOLONG;
		} else {
			err = command_check(buf);
			if (!err)
				return 0;
			/* As execvp(): one that cannot be run is the error if
			 * no later entry has one that can. */
			if (err == -EACCES)
				found = -EACCES;
		}
		if (!*end)
			break;
	}
	return found;
}

int command_find_status(int err)
{
	return err == -ENOENT ? 127 : 126;
}

/* execve(), and for a script without "#!" the shell, as execvp() does. */
static void command_exec(const char *file, char **argv)
{
	size_t n = 0;
	char **sh;

	execv(file, argv);
	if (errno != ENOEXEC)
		return;
	while (argv[n])
		n++;
	sh = calloc(n + 2, sizeof(*sh));
	if (!sh)
		return;
	sh[0] = (char *)"sh";
	sh[1] = (char *)file;
	memcpy(sh + 2, argv + 1, n * sizeof(*sh));	/* argv[1..n], NULL included */
	execv("/bin/sh", sh);
	errno = ENOEXEC;
}

int command_spawn(const char *file, char **argv)
{
	int fds[2], err;
	pid_t pid;
	char c;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	/* The child inherits the tool's handlers, and a signal passed on to
	 * it before it has reset them would be taken for the tool's own and
	 * lost: it is held, blocked, until the handlers are the defaults. */
	stop_block(true);
	pid = fork();
	if (pid < 0) {
		err = -errno;
		stop_block(false);
		close(fds[0]);
		close(fds[1]);
		return err;
	}
	if (pid == 0) {
		stop_reset();	/* default handlers, then nothing blocked */
		close(fds[1]);
		if (read(fds[0], &c, 1) != 1)
			_exit(127);	/* the tool gave up before attaching */
		command_exec(file, argv);
		fprintf(stderr, "%s: cannot run '%s': %s\n", tool_name, argv[0], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(fds[0]);
	go_fd = fds[1];
	child_pid = pid;
	stop_forward_to(pid);
	stop_block(false);
	return 0;
}

pid_t command_pid(void)
{
	return child_pid;
}

/* The stop signals are blocked from the check until signals are
 * forwarded to the command, so that none falls between. */
int command_release(void)
{
	int ret = -EINTR;

	stop_block(true);
	if (!stop_requested()) {
		ret = write(go_fd, "g", 1) == 1 ? 0 : -errno;
		if (ret == 0)
			stop_forward_start();
	}
	close(go_fd);
	go_fd = -1;
	stop_block(false);
	return ret;
}

/* WNOWAIT first: the forwarding signals are held only while the command
 * is reaped, so none goes to a PID that may be reused. */
bool command_reaped(bool block)
{
	siginfo_t si = { 0 };
	int r;

	if (!child_pid)
		return true;
	do
		r = waitid(P_PID, child_pid, &si, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
	while (r < 0 && errno == EINTR);
	if (r < 0 || si.si_pid == 0)
		return false;
	stop_block(true);
	waitpid(child_pid, &wstatus, 0);
	child_pid = 0;
	stop_forward_to(0);
	stop_block(false);
	return true;
}

int command_finish(bool failed)
{
	if (go_fd >= 0) {
		close(go_fd);	/* the command sees EOF and exits without running */
		go_fd = -1;
	}
	/* Tracing is over; the command's status is still ours to return. */
	if (child_pid)
		command_reaped(true);
	if (!stop_forwarding())
		return stop_requested() ? 128 + stop_signal() : EXIT_FAILURE;
	return failed ? EXIT_FAILURE : command_status_of(wstatus);
}

int command_status_of(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAILURE;
}
