// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_journal: events as native journal entries; see execsnoop_journal.h. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifdef HAVE_SYSTEMD
/* No CODE_FILE, CODE_LINE, CODE_FUNC of execsnoop's own in each entry. */
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#endif

#include "cgroup.h"
#include "escape.h"
#include "execsnoop_journal.h"
#include "stop.h"

#define JOURNAL_SOCKET "/run/systemd/journal/socket"
#define PRIORITY_WARNING "4"
#define PRIORITY_INFO "6"

/* Start a field NAME= (the value follows); false if the entry is full. */
static bool field_begin(struct journal_entry *e, const char *name)
{
	if (e->n == JOURNAL_FIELDS_MAX)
		return false;
	e->start[e->n] = e->sb.len;
	strbuf_adds(&e->sb, name);
	strbuf_addc(&e->sb, '=');
	return true;
}

static void field_end(struct journal_entry *e)
{
	e->len[e->n] = e->sb.len - e->start[e->n];
	e->n++;
}

static void field_bytes(struct journal_entry *e, const char *name, const char *v, size_t len)
{
	if (!field_begin(e, name))
		return;
	strbuf_add(&e->sb, v, len);
	field_end(e);
}

static void field_str(struct journal_entry *e, const char *name, const char *v)
{
	field_bytes(e, name, v, strlen(v));
}

static void field_uint(struct journal_entry *e, const char *name, uint64_t v)
{
	char buf[24];

	field_bytes(e, name, buf, (size_t)snprintf(buf, sizeof(buf), "%" PRIu64, v));
}

static void field_int(struct journal_entry *e, const char *name, int64_t v)
{
	char buf[24];

	field_bytes(e, name, buf, (size_t)snprintf(buf, sizeof(buf), "%" PRId64, v));
}

static void field_bool(struct journal_entry *e, const char *name, bool v)
{
	field_str(e, name, v ? "true" : "false");
}

/* MESSAGE: the human line (escaped as on a terminal), printed in place by
 * print(), without its newline. */
static void field_message(struct journal_entry *e, void (*print)(struct strbuf *,
			  const struct print_opts *, const void *), const struct print_opts *o,
			  const void *r)
{
	struct print_opts human = *o;

	human.json = false;
	if (!field_begin(e, "MESSAGE"))
		return;
	print(&e->sb, &human, r);
	if (e->sb.len && e->sb.buf[e->sb.len - 1] == '\n')
		e->sb.len--;
	field_end(e);
}

static void message_exec(struct strbuf *sb, const struct print_opts *o, const void *r)
{
	print_exec(sb, o, r);
}

static void message_exit(struct strbuf *sb, const struct print_opts *o, const void *r)
{
	print_exit(sb, o, r);
}

struct lost_args {
	uint64_t ts_ns, count;
	enum lost_reason why;
};

static void message_lost(struct strbuf *sb, const struct print_opts *o, const void *r)
{
	const struct lost_args *l = r;

	print_lost(sb, o, l->ts_ns, l->count, l->why);
}

static void entry_begin(struct journal_entry *e, const struct print_opts *o, const char *id,
			const char *priority, const char *event, uint64_t ts_ns)
{
	char t[40];

	strbuf_reset(&e->sb);
	e->n = 0;
	field_str(e, "MESSAGE_ID", id);
	field_str(e, "PRIORITY", priority);
	field_str(e, "SYSLOG_IDENTIFIER", "execsnoop");
	field_str(e, "EXECSNOOP_EVENT", event);
	print_event_time(t, sizeof(t), o, ts_ns);
	field_str(e, "EXECSNOOP_TIME", t);
}

/* pid, ppid, uid, then gid, euid, egid, auid, session and tty, as in JSON. */
static void fields_ids(struct journal_entry *e, uint32_t pid, uint32_t ppid, uint32_t uid,
		       const struct event_ctx *c)
{
	char tty[EXECSNOOP_TTY_LEN + 8];

	field_uint(e, "EXECSNOOP_PID", pid);
	field_uint(e, "EXECSNOOP_PPID", ppid);
	field_uint(e, "EXECSNOOP_UID", uid);
	field_uint(e, "EXECSNOOP_GID", c->gid);
	field_uint(e, "EXECSNOOP_EUID", c->euid);
	field_uint(e, "EXECSNOOP_EGID", c->egid);
	if (c->auid != EXECSNOOP_ID_UNSET)
		field_uint(e, "EXECSNOOP_AUID", c->auid);
	if (c->session != EXECSNOOP_ID_UNSET)
		field_uint(e, "EXECSNOOP_SESSION", c->session);
	if (c->tty_len)
		field_bytes(e, "EXECSNOOP_TTY", tty, print_tty(tty, sizeof(tty), c->tty, c->tty_len));
}

static void field_path(struct journal_entry *e, const char *name, const char *truncated_name,
		       const struct event_path *p)
{
	if (p->present)
		field_bytes(e, name, p->buf, p->len);
	field_bool(e, truncated_name, p->present && p->truncated);
}

static void field_exec_id(struct journal_entry *e, const char *name, const struct print_opts *o,
			  const struct execsnoop_id *id)
{
	char buf[128];
	size_t n = print_exec_id(buf, sizeof(buf), o->boot_id, id);

	if (n)
		field_bytes(e, name, buf, n);
}

/* cgroup, unit, container_id and the exec ids, last as in JSON. */
static void fields_where(struct journal_entry *e, const struct print_opts *o,
			 const struct event_ctx *c)
{
	const struct event_path *cg = &c->cgroup;
	const char *unit = NULL, *id = NULL;
	size_t unit_len = 0;

	field_path(e, "EXECSNOOP_CGROUP", "EXECSNOOP_CGROUP_TRUNCATED", cg);
	if (cg->present) {
		if (cgroup_unit(cg->buf, cg->len, &unit, &unit_len))
			field_bytes(e, "EXECSNOOP_UNIT", unit, unit_len);
		if (cgroup_container_id(cg->buf, cg->len, &id))
			field_bytes(e, "EXECSNOOP_CONTAINER_ID", id, CGROUP_CONTAINER_ID_LEN);
	}
	field_exec_id(e, "EXECSNOOP_EXEC_ID", o, &c->exec_id);
	field_exec_id(e, "EXECSNOOP_PARENT_EXEC_ID", o, &c->parent_exec_id);
}

/* The arguments shell-quoted, as -q shows them: pasted into a shell, they
 * give back the exact bytes.  --max-args applies as in JSON. */
static void field_args(struct journal_entry *e, const struct print_opts *o,
		       const struct exec_record *r, bool *cut)
{
	size_t pos = 0, len;
	const char *arg;
	uint32_t n = 0;

	if (!field_begin(e, "EXECSNOOP_ARGS"))
		return;
	while (event_next_arg(r->args, r->args_len, &pos, &arg, &len)) {
		if (o->max_args && n == o->max_args) {
			*cut = true;
			break;
		}
		if (n)
			strbuf_addc(&e->sb, ' ');
		escape_shell(&e->sb, arg, len, n == 0);
		n++;
	}
	field_end(e);
}

/* --env: EXECSNOOP_ENV=NAME=value for each named variable that is set
 * (the first, as getenv() takes it), then EXECSNOOP_ENV_TRUNCATED. */
static void fields_env(struct journal_entry *e, const struct print_opts *o,
		       const struct exec_record *r)
{
	char *const *name;
	const char *v;
	size_t len;

	for (name = o->env_names; *name; name++) {
		v = print_env_value(r, *name, &len);
		if (!v || !field_begin(e, "EXECSNOOP_ENV"))
			continue;
		strbuf_adds(&e->sb, *name);
		strbuf_addc(&e->sb, '=');
		strbuf_add(&e->sb, v, len);
		field_end(e);
	}
	field_bool(e, "EXECSNOOP_ENV_TRUNCATED", r->env_truncated || r->env_unreadable);
}

void journal_entry_exec(struct journal_entry *e, const struct print_opts *o,
			const struct exec_record *r)
{
	const char *error;
	bool cut = false;

	entry_begin(e, o, r->ret ? JOURNAL_MESSAGE_ID_FAILED : JOURNAL_MESSAGE_ID_EXEC,
		    PRIORITY_INFO, "exec", r->ts_ns);
	fields_ids(e, r->pid, r->ppid, r->uid, &r->ctx);
	field_bytes(e, "EXECSNOOP_COMM", r->comm, r->comm_len);
	field_bytes(e, "EXECSNOOP_FILENAME", r->filename, r->filename_len);
	field_path(e, "EXECSNOOP_EXE", "EXECSNOOP_EXE_TRUNCATED", &r->exe);
	field_path(e, "EXECSNOOP_CWD", "EXECSNOOP_CWD_TRUNCATED", &r->cwd);
	field_args(e, o, r, &cut);
	field_bool(e, "EXECSNOOP_ARGS_TRUNCATED", r->args_truncated || cut);
	if (o->env_names)
		fields_env(e, o, r);
	field_int(e, "EXECSNOOP_RET", r->ret);
	error = print_errno_name(r->ret);
	if (error)
		field_str(e, "EXECSNOOP_ERROR", error);
	if (r->args_unreadable)
		field_bool(e, "EXECSNOOP_ARGS_UNREADABLE", true);
	if (r->filename_truncated)
		field_bool(e, "EXECSNOOP_FILENAME_TRUNCATED", true);
	fields_where(e, o, &r->ctx);
	field_message(e, message_exec, o, r);
}

void journal_entry_exit(struct journal_entry *e, const struct print_opts *o,
			const struct exit_record *r)
{
	int sig = r->status & 0x7f, code = (r->status >> 8) & 0xff;

	entry_begin(e, o, JOURNAL_MESSAGE_ID_EXIT, PRIORITY_INFO, "exit", r->ts_ns);
	fields_ids(e, r->pid, r->ppid, r->uid, &r->ctx);
	field_bytes(e, "EXECSNOOP_COMM", r->comm, r->comm_len);
	field_bool(e, "EXECSNOOP_EXE_TRUNCATED", false);
	field_bool(e, "EXECSNOOP_CWD_TRUNCATED", false);
	if (sig) {
		field_int(e, "EXECSNOOP_SIGNAL", sig);
		field_bool(e, "EXECSNOOP_CORE_DUMPED", r->status & 0x80);
	} else {
		field_int(e, "EXECSNOOP_EXIT_CODE", code);
	}
	field_uint(e, "EXECSNOOP_DURATION_NS", r->duration_ns);
	fields_where(e, o, &r->ctx);
	field_message(e, message_exit, o, r);
}

void journal_entry_lost(struct journal_entry *e, const struct print_opts *o, uint64_t ts_ns,
			uint64_t count, enum lost_reason why)
{
	struct lost_args l = { ts_ns, count, why };

	entry_begin(e, o, JOURNAL_MESSAGE_ID_LOST, PRIORITY_WARNING, "lost", ts_ns);
	field_uint(e, "EXECSNOOP_COUNT", count);
	field_str(e, "EXECSNOOP_REASON", print_lost_reason(why));
	field_message(e, message_lost, o, &l);
}

size_t journal_entry_iov(struct journal_entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		e->iov[i].iov_base = e->sb.buf + e->start[i];
		e->iov[i].iov_len = e->len[i];
	}
	return e->n;
}

void journal_entry_free(struct journal_entry *e)
{
	strbuf_free(&e->sb);
	e->n = 0;
}

#ifdef HAVE_SYSTEMD
int journal_check(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = JOURNAL_SOCKET };
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
		err = -errno;
	if (fd >= 0)
		close(fd);
	if (err)
		fprintf(stderr, "execsnoop: --journal: journald does not take entries here "
			"(%s: %s); is systemd-journald running?\n", JOURNAL_SOCKET, strerror(-err));
	return err;
}

/*
 * sd_journal_sendv() returns 0 when journald's socket is not there at all
 * (libsystemd's choice: "fail silently if the journal is not available"),
 * so that a lost entry would go uncounted: the socket is looked for first.
 * It passes on sendmsg()'s EINTR, when a signal comes while journald's
 * queue is full; the datagram is then not sent at all.  It is sent again,
 * but not after a stop signal or the last-flush alarm: a stop cuts a send
 * that waits on a busy journald, as it cuts a blocked write to stdout, and
 * the entry is counted as lost.
 */
#define EINTR_RETRIES 100

int journal_send(struct journal_entry *e)
{
	size_t n = journal_entry_iov(e);
	int r, tries = 0;

	if (access(JOURNAL_SOCKET, F_OK))
		return -errno;
	do
		r = sd_journal_sendv(e->iov, (int)n);
	while (r == -EINTR && !stop_any() && ++tries < EINTR_RETRIES);
	return r;
}

void journal_notify_ready(void)
{
	sd_notify(0, "READY=1\nSTATUS=Tracing");
}
#else
int journal_check(void)
{
	fprintf(stderr, "execsnoop: --journal: this execsnoop was built without libsystemd "
		"(configure --without-systemd)\n");
	return -ENOTSUP;
}

int journal_send(struct journal_entry *e)
{
	(void)e;
	return -ENOTSUP;
}

void journal_notify_ready(void)
{
}
#endif
