// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for proc.c over a fake /proc in a temporary tree: the state
 * and parent of command names that hold spaces, ')', a forged ") S 1 " and
 * newlines; truncated and garbled stat files; zombies; a thread's process
 * from its status file; and the descendants of a process, parents first,
 * and no others.
 */
#include "config.h"

#include <stdlib.h>

#include "check.h"
#include "proc.h"
#include "tmptree.h"

/* proc_parse_stat() of a string: the result, and the fields if 0. */
#define PARSE_OK(text, want_state, want_ppid)                                           \
	do {                                                                            \
		char _st = '?';                                                         \
		pid_t _pp = -2;                                                         \
		int _r = proc_parse_stat((text), sizeof(text) - 1, &_st, &_pp);         \
		if (_r || _st != (want_state) || _pp != (want_ppid)) {                  \
			fprintf(stderr, "%s:%d: %d '%c' %d, want 0 '%c' %d\n", __FILE__, \
				__LINE__, _r, _st, (int)_pp, (want_state), (want_ppid));  \
			check_failures++;                                               \
		}                                                                       \
	} while (0)
#define PARSE_BAD(text)                                                                  \
	do {                                                                             \
		char _st;                                                                \
		pid_t _pp;                                                               \
		CHECK(proc_parse_stat((text), sizeof(text) - 1, &_st, &_pp) == -1);     \
	} while (0)

static void test_parse(void)
{
	/* what the kernel writes, and the fields after the parent unread */
	PARSE_OK("1 (systemd) S 0 1 1 0 -1 4194560 12345 0 0 0 1 2 3 4 20 0 1 0 5\n", 'S', 0);
	PARSE_OK("42 (bash) R 7 42 42 34816 42 4194304", 'R', 7);
	PARSE_OK("42 (x) S 1", 'S', 1);
	PARSE_OK("42 (x) S 1\n", 'S', 1);
	PARSE_OK("42 (x) Z 4194303 0", 'Z', 4194303);
	/* names that hold anything: the last ')' ends the name */
	PARSE_OK("42 (a b c) S 7 0", 'S', 7);
	PARSE_OK("42 ( ) S 7 0", 'S', 7);
	PARSE_OK("42 (a)) S 7 0", 'S', 7);
	PARSE_OK("42 ()) S 7 0", 'S', 7);
	PARSE_OK("42 (((()) S 7 0", 'S', 7);
	PARSE_OK("42 () S 1 ) T 9 42 42 0", 'T', 9);	/* the name is ") S 1 " */
	PARSE_OK("42 (x) Z 1) D 8 0", 'D', 8);		/* the name is "x) Z 1" */
	PARSE_OK("42 (a\nb) S 5 0", 'S', 5);
	PARSE_OK("42 (\n) Z 1\n) S 6 0\n", 'S', 6);	/* the name is "\n) Z 1\n" */
	PARSE_OK("42 () I 2 0", 'I', 2);		/* the empty name */
	PARSE_OK("42 (123456789012345) S 9 0", 'S', 9);	/* TASK_COMM_LEN - 1 */
	PARSE_OK("42 (12345678901) S 9 0", 'S', 9);

	/* truncated */
	PARSE_BAD("");
	PARSE_BAD("42");
	PARSE_BAD("42 (x");
	PARSE_BAD("42 (x)");
	PARSE_BAD("42 (x) ");
	PARSE_BAD("42 (x) S");
	PARSE_BAD("42 (x) S ");
	/* garbled */
	PARSE_BAD("garbage");
	PARSE_BAD("42 (x)S 1 0");
	PARSE_BAD("42 (x) SS 1 0");
	PARSE_BAD("42 (x) S x 0");
	PARSE_BAD("42 (x) S -1 0");
	PARSE_BAD("42 (x) S 12x 0");
	PARSE_BAD("42 (x) S 1) 0");	/* a ')' after the fields: they are the name's */
	PARSE_BAD("42 (x) S 2147483648 0");	/* not a pid_t */
	PARSE_OK("42 (x) S 2147483647 0", 'S', 2147483647);
}

/* The text is buf[0..len), which need not end in a NUL: nothing after it
 * is read, even digits that would continue the parent's. */
static void test_parse_bounds(void)
{
	static const char text[] = "42 (x) S 12 0";
	size_t len = strlen("42 (x) S 1");
	char state = '?', *exact;
	pid_t ppid = -2;

	CHECK(proc_parse_stat(text, len, &state, &ppid) == 0 && state == 'S' && ppid == 1);
	CHECK(proc_parse_stat(text, strlen("42 (x) S "), &state, &ppid) == -1);
	/* exactly len bytes in memory (ASan sees a read past them) */
	exact = malloc(len);
	if (!exact)
		exit(99);
	memcpy(exact, text, len);
	ppid = -2;
	CHECK(proc_parse_stat(exact, len, &state, &ppid) == 0 && ppid == 1);
	free(exact);
}

/* ROOT/pid/stat and, if status is not NULL, ROOT/pid/status. */
static void fake_proc(int pid, const char *stat, const char *status)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "%d", pid);
	tmptree_dir(rel, 0755);
	snprintf(rel, sizeof(rel), "%d/stat", pid);
	tmptree_file(rel, stat, strlen(stat), 0444);
	if (status) {
		snprintf(rel, sizeof(rel), "%d/status", pid);
		tmptree_file(rel, status, strlen(status), 0444);
	}
}

/* A process named comm, in state, child of ppid, with the other fields of
 * a real stat line. */
static void fake_process(int pid, const char *comm, char state, int ppid)
{
	char stat[512];

	snprintf(stat, sizeof(stat),
		 "%d (%s) %c %d %d %d 0 -1 4194304 100 0 0 0 1 1 0 0 20 0 1 0 12345 1000000 100\n",
		 pid, comm, state, ppid, pid, pid);
	fake_proc(pid, stat, NULL);
}

static void test_stat_alive(const char *root)
{
	char state = '?';
	pid_t ppid = -2;

	fake_process(100, "init", 'S', 0);
	fake_process(101, ") S 1 ", 'R', 100);
	fake_process(102, "zombie", 'Z', 100);
	fake_process(103, "dead", 'X', 100);
	fake_process(104, "disk", 'D', 100);
	fake_proc(105, "", NULL);			/* empty */
	fake_proc(106, "106 (cut) S", NULL);		/* truncated */
	fake_proc(107, "\x01\x02 garbage", NULL);

	CHECK(proc_stat(root, 100, &state, &ppid) == 0 && state == 'S' && ppid == 0);
	CHECK(proc_stat(root, 101, &state, &ppid) == 0 && state == 'R' && ppid == 100);
	CHECK(proc_stat(root, 102, &state, &ppid) == 0 && state == 'Z' && ppid == 100);
	CHECK(proc_stat(root, 105, &state, &ppid) == -1);
	CHECK(proc_stat(root, 106, &state, &ppid) == -1);
	CHECK(proc_stat(root, 107, &state, &ppid) == -1);
	CHECK(proc_stat(root, 999, &state, &ppid) == -1);	/* gone */
	CHECK(proc_stat("/nonexistent-corebpf", 1, &state, &ppid) == -1);

	CHECK(proc_alive(root, 100));
	CHECK(proc_alive(root, 101));
	CHECK(proc_alive(root, 104));
	CHECK(!proc_alive(root, 102));	/* exited, not yet reaped */
	CHECK(!proc_alive(root, 103));
	CHECK(!proc_alive(root, 105));
	CHECK(!proc_alive(root, 106));
	CHECK(!proc_alive(root, 999));

	/* the real one: this process is alive, its parent is getppid() */
	CHECK(proc_stat("/proc", getpid(), &state, &ppid) == 0 && ppid == getppid());
	CHECK(proc_alive("/proc", getpid()));
}

static void test_tgid(const char *root)
{
	/* a thread's own directory (/proc/PID/task/TID, also reachable as
	 * /proc/TID) names its process in Tgid */
	fake_proc(200, "200 (main) S 1 0", "Name:\tmain\nUmask:\t0022\nState:\tS (sleeping)\n"
		  "Tgid:\t200\nNgid:\t0\nPid:\t200\nPPid:\t1\n");
	fake_proc(201, "201 (worker) S 1 0", "Name:\tworker\nUmask:\t0022\nState:\tS (sleeping)\n"
		  "Tgid:\t200\nNgid:\t0\nPid:\t201\nPPid:\t1\n");
	/* a name that says "Tgid: 99" is not the Tgid line */
	fake_proc(202, "202 (Tgid: 99) S 1 0", "Name:\tTgid: 99\nUmask:\t0022\nTgid:\t202\n");
	fake_proc(203, "203 (x) S 1 0", "Name:\tx\nPid:\t203\n");	/* no Tgid line */
	fake_proc(204, "204 (x) S 1 0", NULL);				/* no status */

	CHECK(proc_tgid(root, 200) == 200);
	CHECK(proc_tgid(root, 201) == 200);
	CHECK(proc_tgid(root, 202) == 202);
	CHECK(proc_tgid(root, 203) == 0);
	CHECK(proc_tgid(root, 204) == 0);
	CHECK(proc_tgid(root, 999) == 0);
	CHECK(proc_tgid("/proc", getpid()) == getpid());
}

#define MAX_VISITS 64
struct visits {
	pid_t pid[MAX_VISITS];
	int n;
};

/* Record the order; count the even PIDs only, to see the count is visit's. */
static int record(pid_t pid, void *ctx)
{
	struct visits *v = ctx;

	if (v->n < MAX_VISITS)
		v->pid[v->n] = pid;
	v->n++;
	return pid % 2 == 0;
}

static int visited_at(const struct visits *v, pid_t pid)
{
	int i;

	for (i = 0; i < v->n && i < MAX_VISITS; i++)
		if (v->pid[i] == pid)
			return i;
	return -1;
}

/* The descendants of ancestor are exactly want[] (each once), each after
 * its parent (parent[] of the same index), and count of them even. */
static void check_descendants(int line, const char *root, pid_t ancestor, const pid_t *want,
			      const pid_t *parent, int n)
{
	struct visits v = { .n = 0 };
	long count = proc_descendants(root, ancestor, record, &v);
	int i, evens = 0, ok = v.n == n;

	for (i = 0; ok && i < n; i++) {
		int at = visited_at(&v, want[i]);

		evens += want[i] % 2 == 0;
		ok = at >= 0 && (parent[i] == ancestor || visited_at(&v, parent[i]) < at);
	}
	if (!ok || count != evens) {
		fprintf(stderr, "%s:%d: descendants of %d: count %ld (want %d), visited", __FILE__,
			line, (int)ancestor, count, evens);
		for (i = 0; i < v.n && i < MAX_VISITS; i++)
			fprintf(stderr, " %d", (int)v.pid[i]);
		fprintf(stderr, "\n");
		check_failures++;
	}
}
#define CHECK_DESCENDANTS(root, ancestor, want, parent)                                     \
	check_descendants(__LINE__, (root), (ancestor), (want), (parent),                   \
			  (int)(sizeof(want) / sizeof((want)[0])))

static void test_descendants(const char *root)
{
	/*
	 * 1 ─┬─ 10 ─┬─ 20 ── 30 ── 40 ── 50
	 *    │      ├─ 21 ── 31
	 *    │      ├─ 22 (zombie)
	 *    │      └─ 60 (named ") S 55 ")
	 *    └─ 55 ─┬─ 56
	 *           └─ 61 (named ") S 10 ")
	 * 70 and 71 are each other's parent.
	 */
	static const pid_t of10[] = { 20, 21, 30, 31, 40, 50, 60 };
	static const pid_t of10_parents[] = { 10, 10, 20, 21, 30, 40, 10 };
	static const pid_t of55[] = { 56, 61 };
	static const pid_t of55_parents[] = { 55, 55 };
	static const pid_t of30[] = { 40, 50 };
	static const pid_t of30_parents[] = { 30, 40 };
	static const pid_t of1[] = { 10, 55, 20, 21, 30, 31, 40, 50, 60, 56, 61 };
	static const pid_t of1_parents[] = { 1, 1, 10, 10, 20, 21, 30, 40, 10, 55, 55 };
	static const pid_t of70[] = { 71 };
	static const pid_t of70_parents[] = { 70 };
	struct visits v = { .n = 0 };

	fake_process(1, "init", 'S', 0);
	fake_process(10, "sh", 'S', 1);
	fake_process(20, "a", 'S', 10);
	fake_process(21, "b", 'R', 10);
	fake_process(22, "zombie", 'Z', 10);
	fake_process(30, "c", 'S', 20);
	fake_process(31, "d", 'D', 21);
	fake_process(40, "e", 'S', 30);
	fake_process(50, "f", 'S', 40);
	fake_process(60, ") S 55 ", 'S', 10);
	fake_process(55, "other", 'S', 1);
	fake_process(56, "other child", 'S', 55);
	fake_process(61, ") S 10 ", 'S', 55);
	fake_process(70, "loop", 'S', 71);
	fake_process(71, "loop", 'S', 70);
	/* not processes: ignored */
	tmptree_dir("self", 0755);
	tmptree_file("uptime", "1.00 2.00\n", 10, 0444);
	tmptree_dir("0", 0755);

	CHECK_DESCENDANTS(root, 10, of10, of10_parents);
	CHECK_DESCENDANTS(root, 55, of55, of55_parents);
	CHECK_DESCENDANTS(root, 30, of30, of30_parents);
	CHECK_DESCENDANTS(root, 1, of1, of1_parents);
	CHECK_DESCENDANTS(root, 70, of70, of70_parents);	/* ends, 70 not its own */

	/* no children, a PID not there, a root not there */
	CHECK(proc_descendants(root, 50, record, &v) == 0 && v.n == 0);
	CHECK(proc_descendants(root, 22, record, &v) == 0 && v.n == 0);
	CHECK(proc_descendants(root, 999, record, &v) == 0 && v.n == 0);
	CHECK(proc_descendants("/nonexistent-corebpf", 1, record, &v) == 0 && v.n == 0);
}

int main(void)
{
	const char *root;

	test_parse();
	test_parse_bounds();
	root = tmptree_make("test_proc");
	test_stat_alive(root);
	test_tgid(root);
	tmptree_remove();
	/* a tree of its own: the processes above would be descendants too */
	root = tmptree_make("test_proc");
	test_descendants(root);
	tmptree_remove();
	return check_done("test_proc");
}
