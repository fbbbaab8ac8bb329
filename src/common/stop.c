// SPDX-License-Identifier: GPL-2.0-or-later
/* stop: stop signals, the last-flush alarm and forwarding; see stop.h. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "stop.h"

static volatile sig_atomic_t exiting;		/* a signal asked to stop */
static volatile sig_atomic_t exit_signal;
static volatile sig_atomic_t forwarding;	/* the command runs: pass signals on */
static volatile sig_atomic_t alarm_fired;
static volatile pid_t forward_pid;

static void on_signal(int sig, siginfo_t *info, void *uctx)
{
	/* Command mode: the tool lives as long as the command.  A signal from
	 * the terminal reached the command too; one sent to the tool alone is
	 * passed on. */
	if (forwarding) {
		pid_t child = forward_pid;

		/* 0 once the command is reaped: kill(0) would signal our whole
		 * process group, ourselves included.  What is left then is the
		 * bounded last drain, which a signal may cut short. */
		if (child <= 0)
			exiting = 1;
		else if (info && (info->si_code == SI_USER || info->si_code == SI_QUEUE))
			kill(child, sig);
		return;
	}
	exiting = 1;
	exit_signal = sig;
}

/* Only there to interrupt the poll when the command exits. */
static void on_sigchld(int sig)
{
}

/* Bounds the last write: a reader that stopped reading cannot hold the
 * tool (and its BPF programs) forever after a signal. */
static void on_alarm(int sig)
{
	alarm_fired = 1;
}

void stop_setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: poll() and write() return */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = on_alarm;
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, NULL);

	/* A reader that goes away is seen as EPIPE and ends tracing quietly. */
	signal(SIGPIPE, SIG_IGN);
}

bool stop_requested(void)
{
	return exiting;
}

int stop_signal(void)
{
	return exit_signal;
}

bool stop_alarm_fired(void)
{
	return alarm_fired;
}

bool stop_any(void)
{
	return exiting || alarm_fired;
}

void stop_block(bool block)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

void stop_reset(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGALRM, SIGPIPE };
	struct sigaction sa;
	sigset_t none;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void stop_forward_to(pid_t pid)
{
	forward_pid = pid;
}

void stop_forward_start(void)
{
	forwarding = 1;
}

bool stop_forwarding(void)
{
	return forwarding;
}
