/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse: strict parsing of option values.  Each function returns 0, or -1
 * with a short reason in *why ("not a number", "out of range", ...) for the
 * caller's one-line error message.
 */
#ifndef COREBPF_PARSE_H
#define COREBPF_PARSE_H

#include <stdint.h>
#include <sys/types.h>

/* A decimal number in [min, max]: digits only, no sign, no spaces. */
int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why);
/* A size in bytes with an optional K, M or G suffix (powers of 1024). */
int parse_size(const char *s, uint64_t min, uint64_t max, uint64_t *out, const char **why);
/* A process id of a running process. */
int parse_pid(const char *s, pid_t *out, const char **why);
/* A numeric UID or a user name. */
int parse_uid(const char *s, uid_t *out, const char **why);

#endif /* COREBPF_PARSE_H */
