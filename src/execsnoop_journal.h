/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_journal: --journal, each event one native journal entry.
 *
 * An entry has MESSAGE (the human line), MESSAGE_ID (one per event kind,
 * explained by the catalog file execsnoop.catalog), PRIORITY,
 * SYSLOG_IDENTIFIER=execsnoop, and one EXECSNOOP_<NAME> field for each
 * field of the JSON object, in exact bytes (journal fields are binary-safe,
 * so no _base64 twins).  A JSON null is a field left out; true and false
 * are spelt as in JSON.  EXECSNOOP_ARGS is the shell-quoted command line,
 * and each --env variable is one EXECSNOOP_ENV=NAME=value field.
 *
 * Building an entry is a pure function of (event, options), tested without
 * journald; sending it needs libsystemd (sd_journal_sendv(), which passes
 * an entry too large for a datagram in a memfd).
 */
#ifndef COREBPF_EXECSNOOP_JOURNAL_H
#define COREBPF_EXECSNOOP_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "execsnoop_event.h"
#include "execsnoop_print.h"
#include "strbuf.h"

#define JOURNAL_MESSAGE_ID_EXEC "e2ad560a075a46f894d579a5796dd955"
#define JOURNAL_MESSAGE_ID_FAILED "66ca6e2033f748f2a88194b744377ee0"
#define JOURNAL_MESSAGE_ID_EXIT "d970613138fd42b9bea2635d62eab21a"
#define JOURNAL_MESSAGE_ID_LOST "ff03088144804da5a6b39bdf262da553"

/* Fields of one entry, at most: the fixed ones and up to 64 --env names. */
#define JOURNAL_FIELDS_MAX 128

/* "NAME=value" fields, one after the other in sb; iov points into it. */
struct journal_entry {
	struct strbuf sb;
	size_t start[JOURNAL_FIELDS_MAX], len[JOURNAL_FIELDS_MAX];
	size_t n;
	struct iovec iov[JOURNAL_FIELDS_MAX];
};

void journal_entry_exec(struct journal_entry *e, const struct print_opts *o,
			const struct exec_record *r);
void journal_entry_exit(struct journal_entry *e, const struct print_opts *o,
			const struct exit_record *r);
void journal_entry_lost(struct journal_entry *e, const struct print_opts *o, uint64_t ts_ns,
			uint64_t count, enum lost_reason why);

/* The entry's fields as iovecs (valid until the entry changes): their count. */
size_t journal_entry_iov(struct journal_entry *e);

void journal_entry_free(struct journal_entry *e);

/* Whether journald takes entries here: 0, or -errno after one line on
 * stderr saying what is missing. */
int journal_check(void);

/* Send the entry: 0, or -errno (counted by the caller as lost). */
int journal_send(struct journal_entry *e);

/* Tell systemd (Type=notify) that tracing is on; nothing elsewhere. */
void journal_notify_ready(void);

#endif /* COREBPF_EXECSNOOP_JOURNAL_H */
