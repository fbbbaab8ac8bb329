// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_event: decoding of ring-buffer records; see execsnoop_event.h. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "execsnoop_event.h"

static size_t comm_copy(char *dst, const char *src)
{
	size_t n = strnlen(src, EXECSNOOP_COMM_LEN);

	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

bool event_next_arg(const char *args, size_t len, size_t *pos, const char **arg, size_t *arg_len)
{
	const char *nul;

	if (*pos >= len)
		return false;
	*arg = args + *pos;
	nul = memchr(*arg, '\0', len - *pos);
	*arg_len = nul ? (size_t)(nul - *arg) : len - *pos;
	*pos += *arg_len + 1;
	return true;
}

void event_path_join(struct event_path *p, const char *comps, size_t len, bool truncated,
		     bool deleted)
{
	size_t end = len, start, n = 0;
	bool first = true;

	p->present = true;
	p->truncated = truncated;
	p->deleted = deleted;
	/* From the root down: the components from the input's end.  Each
	 * NUL becomes a '/', so the path is no longer than the input, plus
	 * one '/' if the last NUL is missing. */
	if (end && comps[end - 1] == '\0')
		end--;
	if (len) {
		for (;;) {
			start = end;
			while (start > 0 && comps[start - 1] != '\0')
				start--;
			if (!first || !truncated)
				p->buf[n++] = '/';
			first = false;
			memcpy(p->buf + n, comps + start, end - start);
			n += end - start;
			if (start == 0)
				break;
			end = start - 1;
		}
	} else if (!truncated) {
		p->buf[n++] = '/';	/* no component: the root */
	}
	if (deleted) {
		memcpy(p->buf + n, " (deleted)", sizeof(" (deleted)") - 1);
		n += sizeof(" (deleted)") - 1;
	}
	p->len = n;
}

static void decode_ctx(const struct execsnoop_ctx *c, struct event_ctx *r)
{
	r->uid = c->uid;
	r->gid = c->gid;
	r->euid = c->euid;
	r->egid = c->egid;
	r->auid = c->auid;
	r->session = c->session;
	r->cgroup_id = c->cgroup_id;
	r->exec_id = c->exec_id;
	r->parent_exec_id = c->parent_exec_id;
	r->tty_len = strnlen(c->tty, sizeof(c->tty));
	memcpy(r->tty, c->tty, r->tty_len);
	r->tty[r->tty_len] = '\0';
}

/* A path of len bytes at *pos, if the record says it has one. */
static const char *take(const unsigned char *data, size_t *pos, size_t len)
{
	const char *p = (const char *)data + *pos;

	*pos += len;
	return p;
}

/* Empty, but for the bytes of its buffer, which only len bytes of count. */
static void path_clear(struct event_path *p)
{
	p->present = false;
	p->truncated = false;
	p->deleted = false;
	p->len = 0;
}

/*
 * Records cleared but for their path buffers (three of 4 KiB in an exec
 * record): every field is set again by the decoder, and a buffer is only
 * read up to the length its path_join() set, so zeroing 12 KiB per event
 * would only cost time.
 */
static void ctx_clear(struct event_ctx *c)
{
	memset(c, 0, offsetof(struct event_ctx, cgroup));
	path_clear(&c->cgroup);
}

static int decode_exec(const unsigned char *data, size_t size, struct exec_record *r)
{
	struct execsnoop_exec e;
	const char *p;
	size_t pos;

	if (size < sizeof(e))
		return -1;
	memcpy(&e, data, sizeof(e));
	if (e.filename_len > EXECSNOOP_FILENAME_MAX || e.args_len > EXECSNOOP_ARGS_MAX ||
	    e.exe_len > EXECSNOOP_PATH_MAX || e.cwd_len > EXECSNOOP_PATH_MAX ||
	    e.cgroup_len > EXECSNOOP_PATH_MAX || e.env_len > EXECSNOOP_ENV_MAX ||
	    sizeof(e) + (size_t)e.filename_len + e.exe_len + e.cwd_len + e.cgroup_len +
			    e.args_len + e.env_len > size)
		return -1;

	memset(r, 0, offsetof(struct exec_record, exe));
	path_clear(&r->exe);
	path_clear(&r->cwd);
	ctx_clear(&r->ctx);
	r->pid = e.pid;
	r->ppid = e.ppid;
	r->uid = e.ctx.uid;
	r->ret = e.ret;
	r->ts_ns = e.ts_ns;
	r->comm_len = comm_copy(r->comm, e.comm);
	decode_ctx(&e.ctx, &r->ctx);

	pos = sizeof(e);
	r->filename = take(data, &pos, e.filename_len);
	r->filename_len = strnlen(r->filename, e.filename_len);
	r->filename_truncated = e.flags & EXECSNOOP_F_FILENAME_TRUNCATED;
	p = take(data, &pos, e.exe_len);
	if (e.flags & EXECSNOOP_F_EXE)
		event_path_join(&r->exe, p, e.exe_len, e.flags & EXECSNOOP_F_EXE_TRUNCATED,
				e.flags & EXECSNOOP_F_EXE_DELETED);
	p = take(data, &pos, e.cwd_len);
	if (e.flags & EXECSNOOP_F_CWD)
		event_path_join(&r->cwd, p, e.cwd_len, e.flags & EXECSNOOP_F_CWD_TRUNCATED,
				e.flags & EXECSNOOP_F_CWD_DELETED);
	p = take(data, &pos, e.cgroup_len);
	if (e.flags & EXECSNOOP_F_CGROUP_PATH)
		event_path_join(&r->ctx.cgroup, p, e.cgroup_len,
				e.flags & EXECSNOOP_F_CGROUP_TRUNCATED, false);
	r->args = take(data, &pos, e.args_len);
	r->args_len = e.args_len;
	/* Every argument ends with a NUL, unless the capture cut the last one. */
	if (r->args_len && r->args[r->args_len - 1] != '\0')
		r->args_truncated = true;
	if (e.flags & EXECSNOOP_F_ARGS_TRUNCATED)
		r->args_truncated = true;
	r->args_unreadable = e.flags & EXECSNOOP_F_ARGS_UNREADABLE;
	r->env = take(data, &pos, e.env_len);
	r->env_len = e.env_len;
	r->env_truncated = (e.flags & EXECSNOOP_F_ENV_TRUNCATED) ||
			   (r->env_len && r->env[r->env_len - 1] != '\0');
	r->env_unreadable = e.flags & EXECSNOOP_F_ENV_UNREADABLE;
	return 0;
}

static int decode_exit(const unsigned char *data, size_t size, struct exit_record *r)
{
	struct execsnoop_exit e;

	if (size < sizeof(e))
		return -1;
	memcpy(&e, data, sizeof(e));
	if (e.cgroup_len > EXECSNOOP_PATH_MAX || sizeof(e) + (size_t)e.cgroup_len > size)
		return -1;
	memset(r, 0, offsetof(struct exit_record, ctx));
	ctx_clear(&r->ctx);
	r->pid = e.pid;
	r->ppid = e.ppid;
	r->uid = e.ctx.uid;
	r->status = e.status;
	r->ts_ns = e.ts_ns;
	r->duration_ns = e.duration_ns;
	r->comm_len = comm_copy(r->comm, e.comm);
	decode_ctx(&e.ctx, &r->ctx);
	if (e.flags & EXECSNOOP_F_CGROUP_PATH)
		event_path_join(&r->ctx.cgroup, (const char *)data + sizeof(e), e.cgroup_len,
				e.flags & EXECSNOOP_F_CGROUP_TRUNCATED, false);
	return 0;
}

int event_decode(const void *data, size_t size, struct event_record *ev)
{
	if (size < 1)
		return -1;
	switch (*(const unsigned char *)data) {
	case EXECSNOOP_EXEC:
		ev->type = EXECSNOOP_EXEC;
		return decode_exec(data, size, &ev->exec);
	case EXECSNOOP_EXIT:
		ev->type = EXECSNOOP_EXIT;
		return decode_exit(data, size, &ev->exit);
	}
	return -1;
}
