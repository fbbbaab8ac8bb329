/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * names: symbolic names of errno values and signals ("ENOENT", "SIGKILL"),
 * independent of the C library (musl has no strerrorname_np()).
 */
#ifndef COREBPF_NAMES_H
#define COREBPF_NAMES_H

/* NULL when the number has no name here. */
const char *errno_name(int err);
const char *signal_name(int sig);

#endif /* COREBPF_NAMES_H */
