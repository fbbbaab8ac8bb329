/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_filter: the filters applied in user space, to decoded events:
 * -n (command name), -l (command line) and, with -l and -e, the exits of
 * the processes whose exec was shown.  The other filters run in BPF.
 */
#ifndef COREBPF_EXECSNOOP_FILTER_H
#define COREBPF_EXECSNOOP_FILTER_H

#include <stdbool.h>

#include "execsnoop_event.h"
#include "execsnoop_options.h"

/* Use the regexes and settings of *o, which must outlive the filter. */
void filter_init(const struct execsnoop_opts *o);

/* Whether to show an exec, or an exit. */
bool filter_exec(const struct exec_record *r);
bool filter_exit(const struct exit_record *r);

void filter_free(void);

#endif /* COREBPF_EXECSNOOP_FILTER_H */
