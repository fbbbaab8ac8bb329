// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * storm: the exec load of the benchmark.
 *
 *   storm COUNT PROG TAG            COUNT times posix_spawn(PROG) + wait
 *   storm -t SECONDS -j JOBS PROG TAG
 *                                   JOBS parallel spawners for SECONDS
 *
 * Every exec gets one argument, TAG-<sequence>-<CLOCK_MONOTONIC ns at the
 * spawn>, so that the benchmark can tell its execs from others and measure
 * how long each took to appear in a tool's output.  Prints the number of
 * execs and the elapsed nanoseconds.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Spawn PROG until COUNT execs or the deadline; returns how many ran. */
static uint64_t spawn_loop(const char *prog, const char *tag, unsigned int job, uint64_t count,
			   uint64_t deadline)
{
	char arg[128];
	char *argv[] = { (char *)prog, arg, NULL };
	uint64_t n;
	pid_t pid;
	int status;

	for (n = 0; n < count && (!deadline || now_ns() < deadline); n++) {
		snprintf(arg, sizeof(arg), "%s-%u.%" PRIu64 "-%" PRIu64, tag, job, n, now_ns());
		if (posix_spawn(&pid, prog, NULL, NULL, argv, environ)) {
			perror("storm: posix_spawn");
			exit(1);
		}
		waitpid(pid, &status, 0);
	}
	return n;
}

int main(int argc, char **argv)
{
	uint64_t start, seconds = 0, total = 0, *counts;
	unsigned int jobs = 1, i;
	int opt;

	while ((opt = getopt(argc, argv, "+t:j:")) != -1) {
		if (opt == 't')
			seconds = strtoull(optarg, NULL, 10);
		else if (opt == 'j')
			jobs = (unsigned int)strtoul(optarg, NULL, 10);
		else
			return 2;
	}
	if ((seconds && argc - optind != 2) || (!seconds && argc - optind != 3) || !jobs) {
		fprintf(stderr, "usage: storm COUNT PROG TAG | storm -t SECONDS -j JOBS PROG TAG\n");
		return 2;
	}
	start = now_ns();
	if (!seconds) {
		total = spawn_loop(argv[optind + 1], argv[optind + 2], 0,
				   strtoull(argv[optind], NULL, 10), 0);
	} else {
		counts = mmap(NULL, jobs * sizeof(*counts), PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (counts == MAP_FAILED)
			return 1;
		for (i = 0; i < jobs; i++) {
			if (fork() == 0) {
				counts[i] = spawn_loop(argv[optind], argv[optind + 1], i, UINT64_MAX,
						       start + seconds * 1000000000ULL);
				_exit(0);
			}
		}
		while (wait(NULL) > 0)
			;
		for (i = 0; i < jobs; i++)
			total += counts[i];
	}
	printf("%" PRIu64 " %" PRIu64 "\n", total, now_ns() - start);
	return 0;
}
