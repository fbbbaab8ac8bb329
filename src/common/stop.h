/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stop: the signals that stop a tool (SIGINT, SIGTERM, SIGHUP), the alarm
 * that bounds its last write, and, while it runs a command, their
 * forwarding to that command.  The handlers only set flags.
 */
#ifndef COREBPF_STOP_H
#define COREBPF_STOP_H

#include <stdbool.h>
#include <sys/types.h>

/* Install the handlers (no SA_RESTART: poll() and write() return), and
 * ignore SIGPIPE: a reader that goes away is seen as EPIPE. */
void stop_setup(void);

/* Whether a signal asked to stop, and which (0 in command mode, where the
 * command's status is the tool's). */
bool stop_requested(void);
int stop_signal(void);
/* Whether the alarm of the last flush has fired. */
bool stop_alarm_fired(void);
/* Either: a write or send that a signal cut short is not tried again. */
bool stop_any(void);

/* Block or unblock SIGINT, SIGTERM and SIGHUP. */
void stop_block(bool block);

/* In a child about to exec: default dispositions, nothing blocked. */
void stop_reset(void);

/* Command mode.  stop_forward_to() names the process that stop signals
 * sent to the tool alone are passed on to, 0 once it is reaped (a signal
 * then stops the last drain); stop_forward_start() starts forwarding. */
void stop_forward_to(pid_t pid);
void stop_forward_start(void);
bool stop_forwarding(void);

#endif /* COREBPF_STOP_H */
