// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for execsnoop_journal.c: the entries of --journal, built
 * without journald.  Each has the fixed fields, one EXECSNOOP_<NAME> per
 * field of the same event's JSON object (null ones left out), values in
 * exact bytes, and a MESSAGE that is one escaped line.
 */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>

#include "check.h"
#include "escape.h"
#include "execsnoop_journal.h"
#include "execsnoop_print.h"

static struct print_opts base_opts(void)
{
	struct print_opts o;

	memset(&o, 0, sizeof(o));
	o.realtime_offset_ns = 1700000000000000000LL;
	o.boot_id = "0f0e0d0c-0b0a-0908-0706-050403020100";
	return o;
}

static void set_path(struct event_path *p, const char *s, size_t len)
{
	p->present = true;
	memcpy(p->buf, s, len);
	p->len = len;
}

/* An exec of "/bin/echo 'two words' <newline><ESC>[31m <0xff>" by uid
 * 1000 in a Docker container, its exe name not valid UTF-8. */
static void hostile_exec(struct exec_record *r)
{
	static const char args[] = "/bin/echo\0two words\0\n\033[31m\0\xff";
	static const char env[] = "HOME=/root\0LD_PRELOAD=/tmp/evil\nx.so\0TERM=xterm";
	static const char cgroup[] = "/system.slice/docker-"
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope";

	memset(r, 0, sizeof(*r));
	r->pid = 4242;
	r->ppid = 4100;
	r->uid = 1000;
	r->ts_ns = 1500000;
	strcpy(r->comm, "echo");
	r->comm_len = 4;
	r->filename = "/bin/echo";
	r->filename_len = 9;
	r->args = args;
	r->args_len = sizeof(args) - 1;
	r->env = env;
	r->env_len = sizeof(env) - 1;
	set_path(&r->exe, "/usr/bin/\xff" "echo", 14);
	set_path(&r->cwd, "/home/a b", 9);
	r->ctx.uid = 1000;
	r->ctx.gid = 100;
	r->ctx.euid = 0;
	r->ctx.egid = 100;
	r->ctx.auid = 1000;
	r->ctx.session = EXECSNOOP_ID_UNSET;
	memcpy(r->ctx.tty, "pts3", 4);
	r->ctx.tty_len = 4;
	set_path(&r->ctx.cgroup, cgroup, sizeof(cgroup) - 1);
	r->ctx.exec_id.pid = 4242;
	r->ctx.exec_id.start_ns = 5000;
	r->ctx.exec_id.execs = 1;
	r->ctx.parent_exec_id.pid = 4100;
	r->ctx.parent_exec_id.start_ns = 4000;
	r->ctx.parent_exec_id.execs = 3;
}

/* The value of the n-th field called name (0: the first), or NULL. */
static const char *field(struct journal_entry *e, const char *name, unsigned n, size_t *len)
{
	size_t i, nl = strlen(name), count = journal_entry_iov(e);

	for (i = 0; i < count; i++) {
		const char *f = e->iov[i].iov_base;

		if (e->iov[i].iov_len > nl && f[nl] == '=' && !memcmp(f, name, nl) && !n--) {
			*len = e->iov[i].iov_len - nl - 1;
			return f + nl + 1;
		}
	}
	return NULL;
}

#define CHECK_FIELD(e, name, want)                                      \
	do {                                                            \
		size_t _len = 0;                                        \
		const char *_v = field((e), (name), 0, &_len);          \
		CHECK(_v != NULL);                                      \
		if (_v)                                                 \
			CHECK_MEM(_v, _len, (want));                    \
	} while (0)

static bool has_field(struct journal_entry *e, const char *name)
{
	size_t len;

	return field(e, name, 0, &len) != NULL;
}

/*
 * The top-level keys of a JSON object with a non-null value, but the
 * _base64 twins: a minimal walk of the object our own writer made.  Each
 * key goes through check() as "EXECSNOOP_<KEY>".
 */
static void json_fields(const char *s, struct journal_entry *e, unsigned *n_keys)
{
	int depth = 0;
	const char *p;

	for (p = s; *p; p++) {
		if (*p == '"') {
			const char *start = ++p;
			char name[64] = "EXECSNOOP_";
			size_t i, len;

			while (*p != '"')
				p += *p == '\\' ? 2 : 1;
			len = (size_t)(p - start);
			if (depth != 1 || p[1] != ':')
				continue;
			if (!strncmp(p + 2, "null", 4))
				continue;
			if (len > 7 && !memcmp(start + len - 7, "_base64", 7))
				continue;
			for (i = 0; i < len && i < 50; i++)
				name[10 + i] = (char)toupper((unsigned char)start[i]);
			name[10 + i] = '\0';
			if (!has_field(e, name)) {
				fprintf(stderr, "JSON field %s has no journal field\n", name);
				check_failures++;
			}
			(*n_keys)++;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		}
	}
}

/* The EXECSNOOP_ fields of an entry, each counted once. */
static unsigned execsnoop_fields(struct journal_entry *e)
{
	size_t i, j, count = journal_entry_iov(e);
	unsigned n = 0;

	for (i = 0; i < count; i++) {
		const char *f = e->iov[i].iov_base, *eq = memchr(f, '=', e->iov[i].iov_len);
		bool seen = false;

		if (strncmp(f, "EXECSNOOP_", 10))
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = !memcmp(e->iov[j].iov_base, f, (size_t)(eq - f + 1));
		n += !seen;
	}
	return n;
}

/* Every JSON field is a journal field, and no journal field is extra. */
static void same_fields(struct journal_entry *e, struct strbuf *json)
{
	unsigned n_keys = 0;

	json_fields(strbuf_str(json), e, &n_keys);
	if (n_keys != execsnoop_fields(e)) {
		fprintf(stderr, "%u JSON fields, %u EXECSNOOP_ fields\n", n_keys, execsnoop_fields(e));
		check_failures++;
	}
}

/* same_fields() against the event's JSON object, printed with o and -j. */
static void same_as_exec_json(struct journal_entry *e, const struct print_opts *o,
			      const struct exec_record *r)
{
	struct print_opts oj = *o;
	struct strbuf json = STRBUF_INIT;

	oj.json = true;
	print_exec(&json, &oj, r);
	same_fields(e, &json);
	strbuf_free(&json);
}

static void same_as_exit_json(struct journal_entry *e, const struct print_opts *o,
			      const struct exit_record *r)
{
	struct print_opts oj = *o;
	struct strbuf json = STRBUF_INIT;

	oj.json = true;
	print_exit(&json, &oj, r);
	same_fields(e, &json);
	strbuf_free(&json);
}

static void test_exec(void)
{
	char *env_names[] = { "LD_PRELOAD", "ABSENT", NULL };
	struct print_opts o = base_opts();
	struct journal_entry e = { .sb = STRBUF_INIT };
	struct strbuf want = STRBUF_INIT;
	struct exec_record r;
	const char *v;
	size_t len;

	hostile_exec(&r);
	o.env_names = env_names;
	journal_entry_exec(&e, &o, &r);
	CHECK_FIELD(&e, "MESSAGE_ID", JOURNAL_MESSAGE_ID_EXEC);
	CHECK_FIELD(&e, "PRIORITY", "6");
	CHECK_FIELD(&e, "SYSLOG_IDENTIFIER", "execsnoop");
	CHECK_FIELD(&e, "EXECSNOOP_EVENT", "exec");
	CHECK_FIELD(&e, "EXECSNOOP_TIME", "2023-11-14T22:13:20.001500Z");
	CHECK_FIELD(&e, "EXECSNOOP_PID", "4242");
	CHECK_FIELD(&e, "EXECSNOOP_EUID", "0");
	CHECK_FIELD(&e, "EXECSNOOP_AUID", "1000");
	CHECK(!has_field(&e, "EXECSNOOP_SESSION"));	/* null in JSON */
	CHECK_FIELD(&e, "EXECSNOOP_TTY", "pts/3");
	/* exact bytes, not valid UTF-8 */
	CHECK_FIELD(&e, "EXECSNOOP_EXE", "/usr/bin/\xff" "echo");
	CHECK_FIELD(&e, "EXECSNOOP_CWD", "/home/a b");
	CHECK_FIELD(&e, "EXECSNOOP_ARGS", "/bin/echo 'two words' $'\\n\\E[31m' $'\\xff'");
	/* the quoting is escape_shell()'s, which test_escape round-trips */
	escape_shell(&want, "\n\033[31m", 6, false);
	v = field(&e, "EXECSNOOP_ARGS", 0, &len);
	CHECK(v && memmem(v, len, strbuf_str(&want), want.len) != NULL);
	CHECK_FIELD(&e, "EXECSNOOP_ENV", "LD_PRELOAD=/tmp/evil\nx.so");
	CHECK(!field(&e, "EXECSNOOP_ENV", 1, &len));
	CHECK_FIELD(&e, "EXECSNOOP_UNIT", "docker-0123456789abcdef0123456789abcdef0123456789abcdef"
		    "0123456789abcdef.scope");
	CHECK_FIELD(&e, "EXECSNOOP_CONTAINER_ID",
		    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	CHECK_FIELD(&e, "EXECSNOOP_EXEC_ID", "0f0e0d0c-0b0a-0908-0706-050403020100:4242:5000:1");
	CHECK_FIELD(&e, "EXECSNOOP_PARENT_EXEC_ID",
		    "0f0e0d0c-0b0a-0908-0706-050403020100:4100:4000:3");
	CHECK(!has_field(&e, "EXECSNOOP_ERROR"));
	/* MESSAGE: the human line, escaped, with no newline */
	v = field(&e, "MESSAGE", 0, &len);
	CHECK(v && !memchr(v, '\n', len) && !memchr(v, '\033', len));
	CHECK(v && len > 9 && !memcmp(v, "echo", 4));

	same_as_exec_json(&e, &o, &r);
	strbuf_free(&want);
	journal_entry_free(&e);
}

static void test_failed_exec(void)
{
	struct print_opts o = base_opts();
	struct journal_entry e = { .sb = STRBUF_INIT };
	struct exec_record r;

	hostile_exec(&r);
	r.ret = -2;
	r.exe.present = false;
	r.args_truncated = true;
	journal_entry_exec(&e, &o, &r);
	CHECK_FIELD(&e, "MESSAGE_ID", JOURNAL_MESSAGE_ID_FAILED);
	CHECK_FIELD(&e, "EXECSNOOP_RET", "-2");
	CHECK_FIELD(&e, "EXECSNOOP_ERROR", "ENOENT");
	CHECK(!has_field(&e, "EXECSNOOP_EXE"));
	CHECK_FIELD(&e, "EXECSNOOP_EXE_TRUNCATED", "false");
	CHECK_FIELD(&e, "EXECSNOOP_ARGS_TRUNCATED", "true");
	same_as_exec_json(&e, &o, &r);
	journal_entry_free(&e);
}

static void test_exit(void)
{
	struct print_opts o = base_opts();
	struct journal_entry e = { .sb = STRBUF_INIT };
	struct exit_record r;
	int status;

	for (status = 0; status < 2; status++) {
		memset(&r, 0, sizeof(r));
		r.pid = 4242;
		r.ppid = 1;
		r.status = status ? 9 | 0x80 : 3 << 8;	/* SIGKILL and a core; exit(3) */
		r.ts_ns = 1500000;
		r.duration_ns = 123456;
		strcpy(r.comm, "sh");
		r.comm_len = 2;
		r.ctx.auid = EXECSNOOP_ID_UNSET;
		r.ctx.session = 7;
		r.ctx.exec_id.pid = 4242;
		r.ctx.exec_id.start_ns = 5000;
		r.ctx.exec_id.execs = 1;
		journal_entry_exit(&e, &o, &r);
		CHECK_FIELD(&e, "MESSAGE_ID", JOURNAL_MESSAGE_ID_EXIT);
		CHECK_FIELD(&e, "EXECSNOOP_EVENT", "exit");
		CHECK_FIELD(&e, "EXECSNOOP_DURATION_NS", "123456");
		CHECK_FIELD(&e, "EXECSNOOP_SESSION", "7");
		if (status) {
			CHECK_FIELD(&e, "EXECSNOOP_SIGNAL", "9");
			CHECK_FIELD(&e, "EXECSNOOP_CORE_DUMPED", "true");
			CHECK(!has_field(&e, "EXECSNOOP_EXIT_CODE"));
		} else {
			CHECK_FIELD(&e, "EXECSNOOP_EXIT_CODE", "3");
			CHECK(!has_field(&e, "EXECSNOOP_SIGNAL"));
		}
		same_as_exit_json(&e, &o, &r);
	}
	journal_entry_free(&e);
}

static void test_lost(void)
{
	struct print_opts o = base_opts();
	struct journal_entry e = { .sb = STRBUF_INIT };

	journal_entry_lost(&e, &o, 1500000, 17, LOST_JOURNAL);
	CHECK_FIELD(&e, "MESSAGE_ID", JOURNAL_MESSAGE_ID_LOST);
	CHECK_FIELD(&e, "PRIORITY", "4");
	CHECK_FIELD(&e, "EXECSNOOP_COUNT", "17");
	CHECK_FIELD(&e, "EXECSNOOP_REASON", "journal_write_failed");
	CHECK_FIELD(&e, "MESSAGE", "LOST 17 events: the journal did not take them");
	journal_entry_free(&e);
}

/* Fields past JOURNAL_FIELDS_MAX are left out, never written past it. */
static void test_many_env(void)
{
	static char env[64 * 16];
	char *names[65], name_buf[64][8];
	struct print_opts o = base_opts();
	struct journal_entry e = { .sb = STRBUF_INIT };
	struct exec_record r;
	size_t at = 0, len;
	int i;

	for (i = 0; i < 64; i++) {
		snprintf(name_buf[i], sizeof(name_buf[i]), "V%d", i);
		names[i] = name_buf[i];
		at += (size_t)snprintf(env + at, sizeof(env) - at, "V%d=%d", i, i) + 1;
	}
	names[64] = NULL;
	hostile_exec(&r);
	r.env = env;
	r.env_len = at;
	o.env_names = names;
	journal_entry_exec(&e, &o, &r);
	CHECK(e.n <= JOURNAL_FIELDS_MAX);
	CHECK(field(&e, "EXECSNOOP_ENV", 63, &len) != NULL);
	CHECK(has_field(&e, "MESSAGE"));
	journal_entry_free(&e);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	test_exec();
	test_failed_exec();
	test_exit();
	test_lost();
	test_many_env();
	return check_done("test_journal");
}
