/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop_columns: -o NAME[,NAME...], human lines made of the columns the
 * user names, in the manner of ps -o.
 *
 * The names are those of the JSON fields.  A list is parsed into a small
 * struct that lives in the print options; a line is a pure function of
 * (event, options) written into a strbuf, like the rest of the printer.
 * Every byte that came from a traced process goes through escape_text(),
 * or escape_shell() with -q.
 */
#ifndef COREBPF_EXECSNOOP_COLUMNS_H
#define COREBPF_EXECSNOOP_COLUMNS_H

#include <stddef.h>
#include <stdint.h>

#include "execsnoop_event.h"
#include "strbuf.h"

struct print_opts;

/* Columns in one line, at most; a name may be given twice, as with ps. */
#define COLUMNS_MAX 32

struct columns {
	uint8_t n;		/* 0: the default line */
	uint8_t id[COLUMNS_MAX];
};

enum columns_parse_err { COLUMNS_OK, COLUMNS_EMPTY, COLUMNS_UNKNOWN, COLUMNS_TOO_MANY };

/*
 * Append the comma-separated names in list to *c.  On an error *c is left
 * as it was, and *bad, *bad_len give the offending name (for
 * COLUMNS_UNKNOWN).
 */
enum columns_parse_err columns_parse(struct columns *c, const char *list, const char **bad,
				     size_t *bad_len);

/* The valid names, "event,time,...", for a usage message. */
const char *columns_valid_names(void);

void columns_header(struct strbuf *sb, const struct print_opts *o);
void columns_exec(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r);
void columns_exit(struct strbuf *sb, const struct print_opts *o, const struct exit_record *r);

#endif /* COREBPF_EXECSNOOP_COLUMNS_H */
