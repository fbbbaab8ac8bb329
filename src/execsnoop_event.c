// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_event: decoding of ring-buffer records; see execsnoop_event.h. */
#include "config.h"

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

static int decode_exec(const unsigned char *data, size_t size, struct exec_record *r)
{
	struct execsnoop_exec e;

	if (size < sizeof(e))
		return -1;
	memcpy(&e, data, sizeof(e));
	if (e.filename_len > EXECSNOOP_FILENAME_MAX || e.args_len > EXECSNOOP_ARGS_MAX ||
	    sizeof(e) + (size_t)e.filename_len + e.args_len > size)
		return -1;

	memset(r, 0, sizeof(*r));
	r->pid = e.pid;
	r->ppid = e.ppid;
	r->uid = e.uid;
	r->ret = e.ret;
	r->ts_ns = e.ts_ns;
	r->comm_len = comm_copy(r->comm, e.comm);

	r->filename = (const char *)data + sizeof(e);
	r->filename_len = strnlen(r->filename, e.filename_len);
	r->filename_truncated = e.flags & EXECSNOOP_F_FILENAME_TRUNCATED;
	r->args = r->filename + e.filename_len;
	r->args_len = e.args_len;
	/* Every argument ends with a NUL, unless the capture cut the last one. */
	if (r->args_len && r->args[r->args_len - 1] != '\0')
		r->args_truncated = true;
	if (e.flags & EXECSNOOP_F_ARGS_TRUNCATED)
		r->args_truncated = true;
	r->args_unreadable = e.flags & EXECSNOOP_F_ARGS_UNREADABLE;
	return 0;
}

static int decode_exit(const unsigned char *data, size_t size, struct exit_record *r)
{
	struct execsnoop_exit e;

	if (size < sizeof(e))
		return -1;
	memcpy(&e, data, sizeof(e));
	memset(r, 0, sizeof(*r));
	r->pid = e.pid;
	r->ppid = e.ppid;
	r->uid = e.uid;
	r->status = e.status;
	r->ts_ns = e.ts_ns;
	r->duration_ns = e.duration_ns;
	r->comm_len = comm_copy(r->comm, e.comm);
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
