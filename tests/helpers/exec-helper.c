// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * exec-helper: the exec() and exit() variants the integration tests need
 * and a shell cannot produce.
 *
 *   exec-helper exec PROG [ARG...]          execv(PROG, {PROG, ARG...}), no PATH search
 *   exec-helper exec-file FILE              execv() of the NUL-separated argv in FILE
 *   exec-helper thread-exec PROG [ARG...]   exec from a second thread
 *   exec-helper execveat DIR NAME [ARG...]  execveat(dirfd, name, ...)
 *   exec-helper fexecve PROG [ARG...]       fexecve(open(PROG), ...)
 *   exec-helper argc0 PROG                  execve(PROG, {NULL}, ...)
 *   exec-helper threads-exit N CODE         N threads, a non-leader calls exit(CODE)
 *   exec-helper leader-exit CODE            the leader ends first, the last thread
 *                                           exits with CODE via SYS_exit
 *   exec-helper rename NAME PROG [ARG...]   set comm to NAME, then exec PROG
 *   exec-helper many-args N PROG            exec PROG with N arguments "a0".."aN-1"
 *   exec-helper spawn-storm N PROG [ARG...] posix_spawn + wait PROG N times
 *   exec-helper as-user UID GID PROG [ARG...] drop to UID and GID (no groups),
 *                                           then execv(PROG, {PROG, ARG...})
 *   exec-helper clone-parent BAD PROG [ARG...] a child made with CLONE_PARENT
 *                                           (a sibling, as runc makes) tries
 *                                           execv(BAD), then execv(PROG, ...);
 *                                           returns once it has exec()ed
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char **exec_argv;
static const char *exec_path;

static void die(const char *what)
{
	fprintf(stderr, "exec-helper: %s: %s\n", what, strerror(errno));
	exit(126);
}

static void *thread_exec(void *arg)
{
	execv(exec_path, exec_argv);
	die("execv");
	return NULL;
}

static void *thread_sleep(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

/* Ends only this thread (SYS_exit, not exit_group), after the leader. */
static void *thread_exit_code(void *arg)
{
	usleep(100000);
	syscall(SYS_exit, (int)(long)arg);
	return NULL;
}

/* exit() is exit_group(): it ends every thread of the process. */
static void *thread_exit_group(void *arg)
{
	usleep(50000);
	exit((int)(long)arg);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	int i, n;

	if (argc < 3) {
		fprintf(stderr, "usage: exec-helper MODE ARGS...\n");
		return 2;
	}
	if (!strcmp(argv[1], "exec-file")) {
		static char buf[1 << 20];
		char **args;
		size_t len, off, nargs = 0;
		FILE *f = fopen(argv[2], "rb");

		if (!f)
			die("fopen");
		len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		args = calloc(len + 2, sizeof(*args));
		if (!args)
			die("calloc");
		for (off = 0; off < len; off += strlen(buf + off) + 1)
			args[nargs++] = buf + off;
		execv(args[0], args);
		die("execv");
	}
	if (!strcmp(argv[1], "exec")) {
		execv(argv[2], &argv[2]);
		die("execv");
	}
	if (!strcmp(argv[1], "thread-exec")) {
		exec_path = argv[2];
		exec_argv = &argv[2];
		if (pthread_create(&t, NULL, thread_exec, NULL))
			die("pthread_create");
		pthread_join(t, NULL);
		return 126;
	}
	if (!strcmp(argv[1], "execveat") && argc >= 4) {
		int dfd = open(argv[2], O_RDONLY | O_DIRECTORY);

		if (dfd < 0)
			die("open");
		syscall(SYS_execveat, dfd, argv[3], &argv[3], environ, 0);
		die("execveat");
	}
	if (!strcmp(argv[1], "fexecve")) {
		int fd = open(argv[2], O_RDONLY | O_CLOEXEC);

		if (fd < 0)
			die("open");
		fexecve(fd, &argv[2], environ);
		die("fexecve");
	}
	if (!strcmp(argv[1], "argc0")) {
		char *none[] = { NULL };

		execve(argv[2], none, environ);
		die("execve");
	}
	if (!strcmp(argv[1], "threads-exit") && argc >= 4) {
		n = atoi(argv[2]);
		for (i = 1; i < n; i++)
			pthread_create(&t, NULL, thread_sleep, NULL);
		pthread_create(&t, NULL, thread_exit_group, (void *)(long)atoi(argv[3]));
		pthread_join(t, NULL);
		return 0;
	}
	if (!strcmp(argv[1], "leader-exit")) {
		pthread_create(&t, NULL, thread_exit_code, (void *)(long)atoi(argv[2]));
		/* The leader ends alone (SYS_exit, not exit_group); the other
		 * thread exits last with the code. */
		syscall(SYS_exit, 0);
	}
	if (!strcmp(argv[1], "rename") && argc >= 4) {
		prctl(PR_SET_NAME, argv[2], 0, 0, 0);
		execv(argv[3], &argv[3]);
		die("execv");
	}
	if (!strcmp(argv[1], "many-args") && argc >= 4) {
		char **args;

		n = atoi(argv[2]);
		args = calloc((size_t)n + 1, sizeof(*args));
		if (!args)
			die("calloc");
		for (i = 0; i < n; i++)
			if (asprintf(&args[i], "a%d", i) < 0)
				die("asprintf");
		args[0] = argv[3];
		execv(argv[3], args);
		die("execv");
	}
	if (!strcmp(argv[1], "spawn-storm") && argc >= 4) {
		pid_t pid;
		int status;

		n = atoi(argv[2]);
		for (i = 0; i < n; i++) {
			if (posix_spawn(&pid, argv[3], NULL, NULL, &argv[3], environ))
				die("posix_spawn");
			waitpid(pid, &status, 0);
		}
		return 0;
	}
	if (!strcmp(argv[1], "as-user") && argc >= 5) {
		if (setgroups(0, NULL) || setgid((gid_t)atoi(argv[3])) ||
		    setuid((uid_t)atoi(argv[2])))
			die("drop privileges");
		execv(argv[4], &argv[4]);
		die("execv");
	}
	if (!strcmp(argv[1], "clone-parent") && argc >= 4) {
		int done[2];
		char c;
		pid_t pid;

		/* The child holds the write end until its exec closes it. */
		if (pipe2(done, O_CLOEXEC))
			die("pipe2");
		pid = (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, NULL, NULL, 0);
		if (pid < 0)
			die("clone");
		if (pid == 0) {
			close(done[0]);
			execv(argv[2], &argv[2]);	/* fails: BAD */
			execv(argv[3], &argv[3]);
			die("execv");
		}
		close(done[1]);
		while (read(done[0], &c, 1) < 0 && errno == EINTR)
			;
		return 0;
	}
	fprintf(stderr, "exec-helper: unknown mode %s\n", argv[1]);
	return 2;
}
