// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_print: human and JSON output; see execsnoop_print.h. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cgroup.h"
#include "escape.h"
#include "execsnoop_columns.h"
#include "execsnoop_print.h"
#include "json.h"
#include "names.h"

#define W_TIME 9	/* "HH:MM:SS " */
#define W_TS 9		/* "TIME(s)  " */
#define W_UID 7
#define W_EVENT 6
#define W_COMM 17
#define W_PID 8
#define W_RET 8

void print_column(struct strbuf *sb, size_t from, size_t width)
{
	strbuf_pad(sb, from, width);
	/* A value wider than its column still needs a separator. */
	if (sb->len == from || sb->buf[sb->len - 1] != ' ')
		strbuf_addc(sb, ' ');
}

/* CLOCK_MONOTONIC of an event to CLOCK_REALTIME, in wrapping arithmetic:
 * the records come from the kernel, but nothing here may overflow. */
static int64_t realtime_of(const struct print_opts *o, uint64_t ts_ns)
{
	return (int64_t)(ts_ns + (uint64_t)o->realtime_offset_ns);
}

void print_rfc3339(char *buf, size_t size, int64_t realtime_ns)
{
	time_t secs = (time_t)(realtime_ns / 1000000000);
	long usec = (long)(realtime_ns % 1000000000) / 1000;
	struct tm tm;

	if (usec < 0) {
		secs--;
		usec += 1000000;
	}
	/* Years 1970 to 9999 only, as RFC 3339 allows. */
	if (secs < 0 || secs > 253402300799LL || !gmtime_r(&secs, &tm)) {
		secs = usec = 0;
		gmtime_r(&secs, &tm);
	}
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, usec);
}

void print_event_time(char *buf, size_t size, const struct print_opts *o, uint64_t ts_ns)
{
	print_rfc3339(buf, size, realtime_of(o, ts_ns));
}

/* A fixed text in a column. */
static void text_column(struct strbuf *sb, const char *text, size_t width)
{
	size_t at = sb->len;

	strbuf_adds(sb, text);
	print_column(sb, at, width);
}

void print_header(struct strbuf *sb, const struct print_opts *o)
{
	if (o->json)
		return;
	if (o->columns.n) {
		columns_header(sb, o);
		return;
	}
	if (o->wallclock)
		text_column(sb, "TIME", W_TIME);
	if (o->timestamp)
		text_column(sb, "TIME(s)", W_TS);
	if (o->print_uid)
		text_column(sb, "UID", W_UID);
	if (o->exits)
		text_column(sb, "EVENT", W_EVENT);
	text_column(sb, "PCOMM", W_COMM);
	text_column(sb, "PID", W_PID);
	text_column(sb, "PPID", W_PID);
	text_column(sb, "RET", W_RET);
	strbuf_adds(sb, "ARGS\n");
}

void print_wallclock(struct strbuf *sb, const struct print_opts *o, uint64_t ts_ns)
{
	time_t secs = (time_t)(realtime_of(o, ts_ns) / 1000000000);
	struct tm tm;
	char buf[16] = "??:??:??";

	if (localtime_r(&secs, &tm))
		strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
	strbuf_adds(sb, buf);
}

/* The columns every line starts with, up to and excluding RET. */
static void line_start(struct strbuf *sb, const struct print_opts *o, const char *event,
		       uint64_t ts_ns, uint32_t uid, const char *comm, size_t comm_len,
		       uint32_t pid, uint32_t ppid)
{
	size_t at;

	if (o->wallclock) {
		at = sb->len;
		print_wallclock(sb, o, ts_ns);
		print_column(sb, at, W_TIME);
	}
	if (o->timestamp) {
		at = sb->len;
		strbuf_addf(sb, "%.3f", ts_ns > o->start_ns ? (double)(ts_ns - o->start_ns) / 1e9 : 0.0);
		print_column(sb, at, W_TS);
	}
	if (o->print_uid) {
		at = sb->len;
		strbuf_addf(sb, "%" PRIu32, uid);
		print_column(sb, at, W_UID);
	}
	if (o->exits)
		text_column(sb, event, W_EVENT);
	at = sb->len;
	escape_text(sb, comm, comm_len);
	print_column(sb, at, W_COMM);
	at = sb->len;
	strbuf_addf(sb, "%" PRIu32, pid);
	print_column(sb, at, W_PID);
	at = sb->len;
	strbuf_addf(sb, "%" PRIu32, ppid);
	print_column(sb, at, W_PID);
}

/* The name of a negative errno return value, NULL if ret is not one
 * (the kernel's are -1 to -4095; anything else, such as INT32_MIN, has no
 * name and must not be negated). */
const char *print_errno_name(int32_t ret)
{
	return ret < 0 && ret > -4096 ? errno_name(-ret) : NULL;
}

static void add_errno(struct strbuf *sb, int32_t ret)
{
	const char *name = print_errno_name(ret);

	if (name)
		strbuf_adds(sb, name);
	else
		strbuf_addf(sb, "%" PRId32, ret);
}

void print_joined_args(struct strbuf *sb, const struct exec_record *r)
{
	size_t pos = 0, len;
	const char *arg;
	bool first = true;

	while (event_next_arg(r->args, r->args_len, &pos, &arg, &len)) {
		if (!first)
			strbuf_addc(sb, ' ');
		strbuf_add(sb, arg, len);
		first = false;
	}
}

void print_args(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r)
{
	size_t pos = 0, len;
	bool cut = false;
	const char *arg;
	uint32_t n = 0;

	if (r->args_len == 0) {
		/* execve(path, {NULL}, ...) before Linux 5.18: rare, and worth
		 * noticing; or arguments that could not be read at all. */
		if (o->quote)
			strbuf_adds(sb, "# ");
		strbuf_adds(sb, r->args_unreadable ? "[arguments unreadable] " : "[no arguments] ");
		escape_text(sb, r->filename, r->filename_len);
	}
	while (event_next_arg(r->args, r->args_len, &pos, &arg, &len)) {
		if (o->max_args && n == o->max_args) {
			cut = true;
			break;
		}
		if (n)
			strbuf_addc(sb, ' ');
		if (o->quote)
			escape_shell(sb, arg, len, n == 0);
		else
			escape_text(sb, arg, len);
		n++;
	}
	/* What is missing from the list, as a comment with -q so that the line
	 * still pastes into a shell. */
	if (r->args_len && (cut || r->args_truncated || r->args_unreadable)) {
		if (o->quote)
			strbuf_adds(sb, " #");
		if (cut)
			strbuf_adds(sb, " ...");
		if (r->args_truncated)
			strbuf_adds(sb, " [truncated]");
		if (r->args_unreadable)
			strbuf_adds(sb, " [unreadable]");
	}
}

static void print_exec_human(struct strbuf *sb, const struct print_opts *o,
			     const struct exec_record *r)
{
	size_t at;

	line_start(sb, o, "EXEC", r->ts_ns, r->uid, r->comm, r->comm_len, r->pid, r->ppid);
	at = sb->len;
	if (r->ret == 0)
		strbuf_addc(sb, '0');
	else
		add_errno(sb, r->ret);
	print_column(sb, at, W_RET);
	print_args(sb, o, r);
	strbuf_addc(sb, '\n');
}

static void json_time(struct json *j, int64_t realtime_ns)
{
	char buf[40];

	print_rfc3339(buf, sizeof(buf), realtime_ns);
	json_key(j, "time");
	json_cstring(j, buf);
}

/* The fields every event object starts with. */
static void json_event_begin(struct json *j, struct strbuf *sb, const struct print_opts *o,
			     const char *event, uint64_t ts_ns)
{
	json_init(j, sb);
	json_object_begin(j);
	json_key(j, "event");
	json_cstring(j, event);
	json_time(j, realtime_of(o, ts_ns));
}

static void json_ids(struct json *j, uint32_t pid, uint32_t ppid, uint32_t uid)
{
	json_key(j, "pid");
	json_uint(j, pid);
	json_key(j, "ppid");
	json_uint(j, ppid);
	json_key(j, "uid");
	json_uint(j, uid);
}

static void json_bytes_field(struct json *j, const char *key, const char *s, size_t len,
			     bool *lossy)
{
	json_key(j, key);
	if (json_string(j, s, len))
		*lossy = true;
}

/* The exact bytes of a string that is not valid UTF-8. */
static void json_base64_field(struct json *j, const char *key, const char *s, size_t len)
{
	json_key(j, key);
	json_base64(j, s, len);
}

size_t print_exec_id(char *buf, size_t size, const char *boot_id, const struct execsnoop_id *id)
{
	int n;

	if (!id->pid || !size)
		return 0;
	n = snprintf(buf, size, "%s:%" PRIu32 ":%" PRIu64 ":%" PRIu32, boot_id ? boot_id : "",
		     id->pid, (uint64_t)id->start_ns, id->execs);
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

size_t print_tty(char *buf, size_t size, const char *tty, size_t len)
{
	size_t i, n;

	if (len > 3 && !memcmp(tty, "pts", 3) && strspn(tty + 3, "0123456789") == len - 3)
		n = (size_t)snprintf(buf, size, "pts/%.*s", (int)(len - 3), tty + 3);
	else
		n = (size_t)snprintf(buf, size, "%.*s", (int)len, tty);
	for (i = 0; i < n && i < size; i++)
		if (!buf[i])
			return i;
	return n < size ? n : size - 1;
}

/* A path field and its _truncated flag; null if the event has none. */
static void json_path(struct json *j, const char *key, const char *truncated_key,
		      const struct event_path *p, bool *lossy)
{
	json_key(j, key);
	if (!p->present)
		json_null(j);
	else if (json_string(j, p->buf, p->len))
		*lossy = true;
	json_key(j, truncated_key);
	json_bool(j, p->present && p->truncated);
}

static void json_audit_id(struct json *j, const char *key, uint32_t v)
{
	json_key(j, key);
	if (v == EXECSNOOP_ID_UNSET)
		json_null(j);
	else
		json_uint(j, v);
}

/* gid, euid, egid, auid, session, tty: after pid, ppid and uid. */
static void json_creds(struct json *j, const struct event_ctx *c)
{
	char tty[EXECSNOOP_TTY_LEN + 8];
	size_t n;

	json_key(j, "gid");
	json_uint(j, c->gid);
	json_key(j, "euid");
	json_uint(j, c->euid);
	json_key(j, "egid");
	json_uint(j, c->egid);
	json_audit_id(j, "auid", c->auid);
	json_audit_id(j, "session", c->session);
	json_key(j, "tty");
	if (!c->tty_len) {
		json_null(j);
		return;
	}
	n = print_tty(tty, sizeof(tty), c->tty, c->tty_len);
	json_string(j, tty, n);
}

static void json_exec_id(struct json *j, const char *key, const struct print_opts *o,
			 const struct execsnoop_id *id)
{
	char buf[128];
	size_t n = print_exec_id(buf, sizeof(buf), o->boot_id, id);

	json_key(j, key);
	if (!n)
		json_null(j);
	else
		json_string(j, buf, n);
}

/* cgroup, its unit and container, and the exec ids: last in every event. */
static void json_where(struct json *j, const struct print_opts *o, const struct event_ctx *c,
		       bool *cgroup_lossy)
{
	const struct event_path *cg = &c->cgroup;
	const char *unit = NULL, *id = NULL;
	size_t unit_len = 0;

	json_path(j, "cgroup", "cgroup_truncated", cg, cgroup_lossy);
	if (cg->present) {
		cgroup_unit(cg->buf, cg->len, &unit, &unit_len);
		cgroup_container_id(cg->buf, cg->len, &id);
	}
	json_key(j, "unit");
	if (unit)
		json_string(j, unit, unit_len);
	else
		json_null(j);
	json_key(j, "container_id");
	if (id)
		json_string(j, id, CGROUP_CONTAINER_ID_LEN);
	else
		json_null(j);
	json_exec_id(j, "exec_id", o, &c->exec_id);
	json_exec_id(j, "parent_exec_id", o, &c->parent_exec_id);
}

/* The value of name in the NAME=value strings of env, the first if twice
 * (as getenv() takes it).  NULL if absent, or if only a string that the
 * capture cut short has it: its value would be wrong, and env_truncated
 * says that a variable may be missing. */
const char *print_env_value(const struct exec_record *r, const char *name, size_t *len)
{
	size_t pos = 0, n = strlen(name), slen;
	const char *str;

	while (event_next_arg(r->env, r->env_len, &pos, &str, &slen)) {
		if (pos > r->env_len)
			break;	/* the last string, with no NUL: cut */
		if (slen > n && str[n] == '=' && !memcmp(str, name, n)) {
			*len = slen - n - 1;
			return str + n + 1;
		}
	}
	return NULL;
}

/* --env: the object of the named variables, their values as strings (and
 * env_truncated after it) or, for env_base64, in base64.  True if some
 * value is not valid UTF-8. */
static bool json_env(struct json *j, const char *key, const struct print_opts *o,
		     const struct exec_record *r, bool base64)
{
	bool lossy = false;
	char *const *name;
	const char *v;
	size_t len;

	json_key(j, key);
	json_object_begin(j);
	for (name = o->env_names; *name; name++) {
		v = print_env_value(r, *name, &len);
		if (!v)
			continue;
		json_key(j, *name);
		if (base64)
			json_base64(j, v, len);
		else if (json_string(j, v, len))
			lossy = true;
	}
	json_object_end(j);
	if (!base64) {
		json_key(j, "env_truncated");
		json_bool(j, r->env_truncated || r->env_unreadable);
	}
	return lossy;
}

static void print_exec_json(struct strbuf *sb, const struct print_opts *o,
			    const struct exec_record *r)
{
	bool comm_lossy = false, filename_lossy = false, args_lossy = false, cut = false;
	bool exe_lossy = false, cwd_lossy = false, cgroup_lossy = false, env_lossy = false;
	size_t pos = 0, len;
	const char *arg;
	struct json j;
	uint32_t n = 0;

	json_event_begin(&j, sb, o, "exec", r->ts_ns);
	json_ids(&j, r->pid, r->ppid, r->uid);
	json_creds(&j, &r->ctx);
	json_bytes_field(&j, "comm", r->comm, r->comm_len, &comm_lossy);
	json_bytes_field(&j, "filename", r->filename, r->filename_len, &filename_lossy);
	json_path(&j, "exe", "exe_truncated", &r->exe, &exe_lossy);
	json_path(&j, "cwd", "cwd_truncated", &r->cwd, &cwd_lossy);
	json_key(&j, "args");
	json_array_begin(&j);
	while (event_next_arg(r->args, r->args_len, &pos, &arg, &len)) {
		if (o->max_args && n == o->max_args) {
			cut = true;
			break;
		}
		if (json_string(&j, arg, len))
			args_lossy = true;
		n++;
	}
	json_array_end(&j);
	json_key(&j, "args_truncated");
	json_bool(&j, r->args_truncated || cut);
	if (o->env_names)
		env_lossy = json_env(&j, "env", o, r, false);
	json_key(&j, "ret");
	json_int(&j, r->ret);
	if (r->ret != 0) {
		const char *name = print_errno_name(r->ret);

		json_key(&j, "error");
		if (name)
			json_cstring(&j, name);
		else
			json_null(&j);
	}
	if (r->args_unreadable) {
		json_key(&j, "args_unreadable");
		json_bool(&j, true);
	}
	if (r->filename_truncated) {
		json_key(&j, "filename_truncated");
		json_bool(&j, true);
	}
	json_where(&j, o, &r->ctx, &cgroup_lossy);
	/* The exact bytes of the strings that are not valid UTF-8. */
	if (comm_lossy)
		json_base64_field(&j, "comm_base64", r->comm, r->comm_len);
	if (filename_lossy)
		json_base64_field(&j, "filename_base64", r->filename, r->filename_len);
	if (exe_lossy)
		json_base64_field(&j, "exe_base64", r->exe.buf, r->exe.len);
	if (cwd_lossy)
		json_base64_field(&j, "cwd_base64", r->cwd.buf, r->cwd.len);
	if (cgroup_lossy)
		json_base64_field(&j, "cgroup_base64", r->ctx.cgroup.buf, r->ctx.cgroup.len);
	if (env_lossy)
		json_env(&j, "env_base64", o, r, true);
	if (args_lossy) {
		json_key(&j, "args_base64");
		json_array_begin(&j);
		pos = 0;
		for (n = 0; event_next_arg(r->args, r->args_len, &pos, &arg, &len); n++) {
			if (o->max_args && n == o->max_args)
				break;
			json_base64(&j, arg, len);
		}
		json_array_end(&j);
	}
	json_object_end(&j);
	strbuf_addc(sb, '\n');
}

void print_exec(struct strbuf *sb, const struct print_opts *o, const struct exec_record *r)
{
	if (o->json)
		print_exec_json(sb, o, r);
	else if (o->columns.n)
		columns_exec(sb, o, r);
	else
		print_exec_human(sb, o, r);
}

static void add_duration(struct strbuf *sb, uint64_t ns)
{
	if (ns < 1000000000ULL)
		strbuf_addf(sb, "%.3fms", (double)ns / 1e6);
	else
		strbuf_addf(sb, "%.3fs", (double)ns / 1e9);
}

void print_signal(struct strbuf *sb, int sig, bool core)
{
	const char *name = signal_name(sig);

	if (name)
		strbuf_adds(sb, name);
	else
		strbuf_addf(sb, "SIG%d", sig);
	if (core)
		strbuf_adds(sb, "+core");
}

void print_exit(struct strbuf *sb, const struct print_opts *o, const struct exit_record *r)
{
	int sig = r->status & 0x7f, code = (r->status >> 8) & 0xff;
	bool core = r->status & 0x80, comm_lossy = false, cgroup_lossy = false;
	static const struct event_path no_path;	/* exits have no exe or cwd */
	struct json j;
	size_t at;

	if (!o->json && o->columns.n) {
		columns_exit(sb, o, r);
		return;
	}
	if (!o->json) {
		line_start(sb, o, "EXIT", r->ts_ns, r->uid, r->comm, r->comm_len, r->pid, r->ppid);
		at = sb->len;
		if (sig)
			print_signal(sb, sig, core);
		else
			strbuf_addf(sb, "%d", code);
		print_column(sb, at, W_RET);
		strbuf_adds(sb, "duration=");
		add_duration(sb, r->duration_ns);
		strbuf_addc(sb, '\n');
		return;
	}

	json_event_begin(&j, sb, o, "exit", r->ts_ns);
	json_ids(&j, r->pid, r->ppid, r->uid);
	json_creds(&j, &r->ctx);
	json_bytes_field(&j, "comm", r->comm, r->comm_len, &comm_lossy);
	json_path(&j, "exe", "exe_truncated", &no_path, NULL);
	json_path(&j, "cwd", "cwd_truncated", &no_path, NULL);
	json_key(&j, "exit_code");
	if (sig)
		json_null(&j);
	else
		json_int(&j, code);
	json_key(&j, "signal");
	if (sig)
		json_int(&j, sig);
	else
		json_null(&j);
	if (sig) {
		json_key(&j, "core_dumped");
		json_bool(&j, core);
	}
	json_key(&j, "duration_ns");
	json_uint(&j, r->duration_ns);
	json_where(&j, o, &r->ctx, &cgroup_lossy);
	if (comm_lossy)
		json_base64_field(&j, "comm_base64", r->comm, r->comm_len);
	if (cgroup_lossy)
		json_base64_field(&j, "cgroup_base64", r->ctx.cgroup.buf, r->ctx.cgroup.len);
	json_object_end(&j);
	strbuf_addc(sb, '\n');
}

const char *print_lost_reason(enum lost_reason why)
{
	switch (why) {
	case LOST_RING_FULL:
		return "ring_buffer_full";
	case LOST_SKIPPED:
		return "probe_skipped";
	case LOST_JOURNAL:
		return "journal_write_failed";
	}
	return "unknown";
}

void print_lost(struct strbuf *sb, const struct print_opts *o, uint64_t ts_ns, uint64_t count,
		enum lost_reason why)
{
	struct json j;

	if (!o->json) {
		strbuf_addf(sb, "LOST %" PRIu64 " events: %s\n", count,
			    why == LOST_RING_FULL ? "the ring buffer was full" :
			    why == LOST_SKIPPED ?
			    "the kernel skipped the probe (another run of it was preempted)" :
			    "the journal did not take them");
		return;
	}
	json_event_begin(&j, sb, o, "lost", ts_ns);
	json_key(&j, "count");
	json_uint(&j, count);
	json_key(&j, "reason");
	json_cstring(&j, print_lost_reason(why));
	json_object_end(&j);
	strbuf_addc(sb, '\n');
}
