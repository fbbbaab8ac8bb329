// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_columns: -o, lines of named columns; see execsnoop_columns.h. */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "cgroup.h"
#include "escape.h"
#include "execsnoop_columns.h"
#include "execsnoop_print.h"

/* In the order of the JSON fields. */
enum column {
	COL_EVENT, COL_TIME, COL_PID, COL_PPID, COL_UID, COL_GID, COL_EUID, COL_EGID,
	COL_AUID, COL_SESSION, COL_TTY, COL_COMM, COL_FILENAME, COL_EXE, COL_CWD, COL_ARGS,
	COL_RET, COL_ERROR, COL_EXIT_CODE, COL_SIGNAL, COL_DURATION_NS, COL_CGROUP, COL_UNIT,
	COL_CONTAINER_ID, COL_EXEC_ID, COL_PARENT_EXEC_ID, COL_COUNT
};

/* What an exec and an exit have in common, and which one it is. */
struct col_event {
	uint64_t ts_ns;
	uint32_t pid, ppid, uid;
	const char *comm;
	size_t comm_len;
	const struct event_ctx *ctx;
	const struct exec_record *exec;	/* NULL for an exit */
	const struct exit_record *exit;	/* NULL for an exec */
};

/* Each writes a column's value, or nothing and false where the column
 * does not apply to the event or its value is null. */
typedef bool add_fn(struct strbuf *sb, const struct print_opts *o, enum column id,
		    const struct col_event *e);
static add_fn add_number, add_outcome, add_string, add_where;

/* Widths count the separator: the common values fit with room for it. */
static const struct column_def {
	const char *name;
	uint8_t width;
	add_fn *add;
} defs[COL_COUNT] = {
	[COL_EVENT] = { "event", 6, add_string },
	[COL_TIME] = { "time", 9, add_string },
	[COL_PID] = { "pid", 8, add_number },
	[COL_PPID] = { "ppid", 8, add_number },
	[COL_UID] = { "uid", 7, add_number },
	[COL_GID] = { "gid", 7, add_number },
	[COL_EUID] = { "euid", 7, add_number },
	[COL_EGID] = { "egid", 7, add_number },
	[COL_AUID] = { "auid", 7, add_number },
	[COL_SESSION] = { "session", 8, add_number },
	[COL_TTY] = { "tty", 8, add_string },
	[COL_COMM] = { "comm", 17, add_string },
	[COL_FILENAME] = { "filename", 24, add_string },
	[COL_EXE] = { "exe", 24, add_string },
	[COL_CWD] = { "cwd", 24, add_string },
	[COL_ARGS] = { "args", 32, add_string },
	[COL_RET] = { "ret", 5, add_outcome },
	[COL_ERROR] = { "error", 8, add_outcome },
	[COL_EXIT_CODE] = { "exit_code", 10, add_outcome },
	[COL_SIGNAL] = { "signal", 8, add_outcome },
	[COL_DURATION_NS] = { "duration_ns", 13, add_number },
	[COL_CGROUP] = { "cgroup", 40, add_where },
	[COL_UNIT] = { "unit", 24, add_where },
	[COL_CONTAINER_ID] = { "container_id", CGROUP_CONTAINER_ID_LEN + 1, add_where },
	[COL_EXEC_ID] = { "exec_id", 64, add_where },
	[COL_PARENT_EXEC_ID] = { "parent_exec_id", 64, add_where },
};

static enum column column_lookup(const char *name, size_t len)
{
	enum column id;

	for (id = 0; id < COL_COUNT; id++)
		if (strlen(defs[id].name) == len && !memcmp(defs[id].name, name, len))
			return id;
	return COL_COUNT;
}

enum columns_parse_err columns_parse(struct columns *c, const char *list, const char **bad,
				     size_t *bad_len)
{
	struct columns out = *c;
	const char *p = list, *end;
	enum column id;

	do {
		end = strchrnul(p, ',');
		*bad = p;
		*bad_len = (size_t)(end - p);
		if (end == p)
			return COLUMNS_EMPTY;
		id = column_lookup(p, (size_t)(end - p));
		if (id == COL_COUNT)
			return COLUMNS_UNKNOWN;
		if (out.n == COLUMNS_MAX)
			return COLUMNS_TOO_MANY;
		out.id[out.n++] = (uint8_t)id;
		p = end + 1;
	} while (*end);
	*c = out;
	return COLUMNS_OK;
}

const char *columns_valid_names(void)
{
	static char names[COL_COUNT * 16];
	size_t at = 0, len;
	enum column id;

	if (names[0])
		return names;
	for (id = 0; id < COL_COUNT; id++) {
		len = strlen(defs[id].name);
		if (at + len + 2 > sizeof(names))
			break;	/* cannot happen: every name is shorter than 15 */
		if (id)
			names[at++] = ',';
		memcpy(names + at, defs[id].name, len);
		at += len;
	}
	names[at] = '\0';
	return names;
}

/* Bytes from a traced process: terminal-safe, or shell-quoted with -q. */
static void add_text(struct strbuf *sb, const struct print_opts *o, const char *s, size_t len)
{
	if (o->quote)
		escape_shell(sb, s, len, false);
	else
		escape_text(sb, s, len);
}

static bool add_number(struct strbuf *sb, const struct print_opts *o, enum column id,
		       const struct col_event *e)
{
	uint64_t v;

	(void)o;
	switch (id) {
	case COL_PID:
		v = e->pid;
		break;
	case COL_PPID:
		v = e->ppid;
		break;
	case COL_UID:
		v = e->uid;
		break;
	case COL_GID:
		v = e->ctx->gid;
		break;
	case COL_EUID:
		v = e->ctx->euid;
		break;
	case COL_EGID:
		v = e->ctx->egid;
		break;
	case COL_AUID:
		v = e->ctx->auid;
		break;
	case COL_SESSION:
		v = e->ctx->session;
		break;
	case COL_DURATION_NS:
		if (!e->exit)
			return false;
		v = e->exit->duration_ns;
		break;
	default:
		return false;
	}
	if ((id == COL_AUID || id == COL_SESSION) && v == EXECSNOOP_ID_UNSET)
		return false;
	strbuf_addf(sb, "%" PRIu64, v);
	return true;
}

/* ret and error of an exec, exit_code and signal of an exit. */
static bool add_outcome(struct strbuf *sb, const struct print_opts *o, enum column id,
			const struct col_event *e)
{
	int32_t status = e->exit ? e->exit->status : 0;
	int sig = status & 0x7f;
	const char *name;

	(void)o;
	switch (id) {
	case COL_RET:
		if (!e->exec)
			return false;
		strbuf_addf(sb, "%" PRId32, e->exec->ret);
		return true;
	case COL_ERROR:
		name = e->exec && e->exec->ret ? print_errno_name(e->exec->ret) : NULL;
		if (!name)
			return false;
		strbuf_adds(sb, name);
		return true;
	case COL_EXIT_CODE:
		if (!e->exit || sig)
			return false;
		strbuf_addf(sb, "%d", (status >> 8) & 0xff);
		return true;
	case COL_SIGNAL:
		if (!e->exit || !sig)
			return false;
		print_signal(sb, sig, status & 0x80);
		return true;
	default:
		return false;
	}
}

/* A path of the event, if it has one. */
static bool add_path(struct strbuf *sb, const struct print_opts *o, const struct event_path *p)
{
	if (!p->present)
		return false;
	add_text(sb, o, p->buf, p->len);
	return true;
}

static bool add_string(struct strbuf *sb, const struct print_opts *o, enum column id,
		       const struct col_event *e)
{
	char tty[EXECSNOOP_TTY_LEN + 8];

	switch (id) {
	case COL_EVENT:
		strbuf_adds(sb, e->exec ? "exec" : "exit");
		return true;
	case COL_TIME:
		print_wallclock(sb, o, e->ts_ns);
		return true;
	case COL_TTY:
		if (!e->ctx->tty_len)
			return false;
		add_text(sb, o, tty, print_tty(tty, sizeof(tty), e->ctx->tty, e->ctx->tty_len));
		return true;
	case COL_COMM:
		add_text(sb, o, e->comm, e->comm_len);
		return true;
	case COL_FILENAME:
		if (!e->exec)
			return false;
		add_text(sb, o, e->exec->filename, e->exec->filename_len);
		return true;
	case COL_EXE:
		return e->exec && add_path(sb, o, &e->exec->exe);
	case COL_CWD:
		return e->exec && add_path(sb, o, &e->exec->cwd);
	case COL_ARGS:
		if (!e->exec)
			return false;
		print_args(sb, o, e->exec);
		return true;
	default:
		return false;
	}
}

/* The cgroup, what it names, and the exec ids. */
static bool add_where(struct strbuf *sb, const struct print_opts *o, enum column id,
		      const struct col_event *e)
{
	const struct event_path *cg = &e->ctx->cgroup;
	const char *s = NULL;
	char buf[128];
	size_t len = 0;
	size_t n;

	switch (id) {
	case COL_CGROUP:
		return add_path(sb, o, cg);
	case COL_UNIT:
		if (cg->present)
			cgroup_unit(cg->buf, cg->len, &s, &len);
		break;
	case COL_CONTAINER_ID:
		if (cg->present && cgroup_container_id(cg->buf, cg->len, &s))
			len = CGROUP_CONTAINER_ID_LEN;
		break;
	case COL_EXEC_ID:
	case COL_PARENT_EXEC_ID:
		n = print_exec_id(buf, sizeof(buf), o->boot_id,
				  id == COL_EXEC_ID ? &e->ctx->exec_id : &e->ctx->parent_exec_id);
		if (!n)
			return false;
		strbuf_add(sb, buf, n);
		return true;
	default:
		return false;
	}
	if (!s)
		return false;
	add_text(sb, o, s, len);
	return true;
}

void columns_header(struct strbuf *sb, const struct print_opts *o)
{
	const struct columns *c = &o->columns;
	size_t i, at;
	const char *p;

	for (i = 0; i < c->n; i++) {
		at = sb->len;
		for (p = defs[c->id[i]].name; *p; p++)
			strbuf_addc(sb, (char)toupper((unsigned char)*p));
		if (i + 1 < c->n)
			print_column(sb, at, defs[c->id[i]].width);
	}
	strbuf_addc(sb, '\n');
}

static void columns_line(struct strbuf *sb, const struct print_opts *o, const struct col_event *e)
{
	const struct columns *c = &o->columns;
	const struct column_def *d;
	size_t i, at;

	for (i = 0; i < c->n; i++) {
		d = &defs[c->id[i]];
		at = sb->len;
		if (!d->add(sb, o, c->id[i], e)) {
			sb->len = at;
			strbuf_addc(sb, '-');
		}
		if (i + 1 < c->n)
			print_column(sb, at, d->width);
	}
	strbuf_addc(sb, '\n');
}

void columns_exec(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r)
{
	const struct col_event e = {
		.ts_ns = r->ts_ns, .pid = r->pid, .ppid = r->ppid, .uid = r->uid,
		.comm = r->comm, .comm_len = r->comm_len, .ctx = &r->ctx, .exec = r,
	};

	columns_line(sb, o, &e);
}

void columns_exit(struct strbuf *sb, const struct print_opts *o, const struct exit_record *r)
{
	const struct col_event e = {
		.ts_ns = r->ts_ns, .pid = r->pid, .ppid = r->ppid, .uid = r->uid,
		.comm = r->comm, .comm_len = r->comm_len, .ctx = &r->ctx, .exit = r,
	};

	columns_line(sb, o, &e);
}
