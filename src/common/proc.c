// SPDX-License-Identifier: GPL-2.0-or-later
/* proc: process state, parents and descendants from /proc; see proc.h. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"

int proc_parse_stat(const char *buf, size_t len, char *state, pid_t *ppid)
{
	const char *s = NULL, *p, *end = buf + len;
	long long v = 0;

	/* "pid (comm) state ppid ...": comm may hold anything, even ") ",
	 * but nothing after it has a ')': the last one ends it. */
	for (p = buf; p < buf + len; p++)
		if (*p == ')')
			s = p;
	if (!s || buf + len - s < 5 || s[1] != ' ' || s[3] != ' ')
		return -1;
	*state = s[2];
	/* The parent's digits, up to len: buf need not end in a NUL. */
	for (p = s + 4; p < end && *p >= '0' && *p <= '9' && v <= INT_MAX; p++)
		v = v * 10 + (*p - '0');
	if (p == s + 4 || v > INT_MAX || (p < end && *p != ' ' && *p != '\n' && *p != '\0'))
		return -1;
	*ppid = (pid_t)v;
	return 0;
}

int proc_stat(const char *root, pid_t pid, char *state, pid_t *ppid)
{
	char path[256], buf[512];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "%s/%d/stat", root, (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	return proc_parse_stat(buf, (size_t)len, state, ppid);
}

bool proc_alive(const char *root, pid_t pid)
{
	pid_t ppid;
	char state;

	return proc_stat(root, pid, &state, &ppid) == 0 && state != 'Z' && state != 'X';
}

pid_t proc_tgid(const char *root, pid_t pid)
{
	char path[256], buf[128];
	int tgid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%d/status", root, (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

struct proc {
	pid_t pid, ppid;
};

static int proc_by_ppid(const void *a, const void *b)
{
	pid_t x = ((const struct proc *)a)->ppid, y = ((const struct proc *)b)->ppid;

	return x < y ? -1 : x > y;
}

/* The live processes of ROOT, in *n; NULL if out of memory. */
static struct proc *proc_list(const char *root, size_t *n)
{
	struct proc *procs = NULL, *p;
	size_t cap = 0;
	struct dirent *de;
	char state;
	DIR *dir;

	*n = 0;
	dir = opendir(root);
	if (!dir)
		return calloc(1, sizeof(*procs));
	while ((de = readdir(dir))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			p = realloc(procs, cap * sizeof(*procs));
			if (!p) {
				closedir(dir);
				free(procs);
				return NULL;
			}
			procs = p;
		}
		procs[*n].pid = atoi(de->d_name);
		if (proc_stat(root, procs[*n].pid, &state, &procs[*n].ppid) == 0 && state != 'Z' &&
		    state != 'X')
			(*n)++;
	}
	closedir(dir);
	return procs ? procs : calloc(1, sizeof(*procs));
}

long proc_descendants(const char *root, pid_t ancestor, int (*visit)(pid_t pid, void *ctx),
		      void *ctx)
{
	size_t n, i, lo, hi, mid, head = 0, tail = 0;
	struct proc *procs = proc_list(root, &n);
	pid_t *queue, parent;
	long counted = 0;

	if (!procs)
		return -1;
	/* Breadth first from ancestor, finding each one's children by binary
	 * search in the table sorted by parent: O(n log n) however deep.  A
	 * process is queued once at most (PIDs are unique in one scan), so
	 * the queue holds n at most, plus ancestor. */
	queue = malloc((n + 1) * sizeof(*queue));
	if (!queue) {
		free(procs);
		return -1;
	}
	qsort(procs, n, sizeof(*procs), proc_by_ppid);
	queue[tail++] = ancestor;
	while (head < tail) {
		parent = queue[head++];
		for (lo = 0, hi = n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (procs[mid].ppid < parent)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < n && procs[i].ppid == parent; i++) {
			/* tail <= n: a bound that holds even if /proc, read
			 * while it changes, showed a PID twice. */
			if (procs[i].pid == ancestor || tail > n)
				continue;
			queue[tail++] = procs[i].pid;
			if (visit(procs[i].pid, ctx) > 0)
				counted++;
		}
	}
	free(queue);
	free(procs);
	return counted;
}
