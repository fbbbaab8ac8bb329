// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_filter: -n, -l and the exits of shown execs; see execsnoop_filter.h. */
#include "config.h"

#include <search.h>
#include <stdlib.h>
#include <string.h>

#include "execsnoop_filter.h"
#include "execsnoop_print.h"
#include "strbuf.h"

static const struct execsnoop_opts *opts;
static struct strbuf line = STRBUF_INIT;	/* the text a regex is matched against */

/* -l with -e: the processes whose exec -l showed, so that their exits are
 * shown too; tsearch() nodes keyed by PID. */
struct shown {
	uint32_t pid;
	uint64_t exec_ns;	/* tells a reused PID: later than its fork */
};
static void *shown_pids;

void filter_init(const struct execsnoop_opts *o)
{
	opts = o;
}

static int shown_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct shown *)a)->pid, y = ((const struct shown *)b)->pid;

	return x < y ? -1 : x > y;
}

/* Remember a process whose exec was shown: its exit is shown too, even if
 * it runs another program by then (a wrapper that execs the real one). */
static void shown_add(const struct exec_record *r)
{
	struct shown key = { .pid = r->pid }, **node, *s;

	node = tfind(&key, &shown_pids, shown_cmp);
	if (node) {
		(*node)->exec_ns = r->ts_ns;
		return;
	}
	s = malloc(sizeof(*s));
	if (!s)
		return;		/* its exit will not be shown: no worse */
	*s = (struct shown){ .pid = r->pid, .exec_ns = r->ts_ns };
	if (!tsearch(s, &shown_pids, shown_cmp))
		free(s);
}

/* Whether the exit of r's process follows a shown exec; forgets it. */
static bool shown_take(const struct exit_record *r)
{
	struct shown key = { .pid = r->pid }, **node, *s;
	bool same;

	node = tfind(&key, &shown_pids, shown_cmp);
	if (!node)
		return false;
	s = *node;
	/* An entry older than this process's fork is a lost exit's. */
	same = s->exec_ns >= r->ts_ns - r->duration_ns;
	tdelete(&key, &shown_pids, shown_cmp);
	free(s);
	return same;
}

static bool name_matches(const char *comm, const struct exec_record *r)
{
	const char *base;
	size_t len;

	if (!opts->have_name)
		return true;
	if (regexec(&opts->name_re, comm, 0, NULL, 0) == 0)
		return true;
	/* A failed exec has no new name: match the name it tried to run. */
	if (r && r->ret != 0) {
		base = memrchr(r->filename, '/', r->filename_len);
		base = base ? base + 1 : r->filename;
		len = r->filename_len - (size_t)(base - r->filename);
		strbuf_reset(&line);
		strbuf_add(&line, base, len);
		return regexec(&opts->name_re, strbuf_str(&line), 0, NULL, 0) == 0;
	}
	return false;
}

bool filter_exec(const struct exec_record *r)
{
	if (!name_matches(r->comm, r))
		return false;
	if (opts->have_line) {
		strbuf_reset(&line);
		print_joined_args(&line, r);
		if (regexec(&opts->line_re, strbuf_str(&line), 0, NULL, 0))
			return false;
		if (opts->exits && r->ret == 0)
			shown_add(r);
	}
	return true;
}

bool filter_exit(const struct exit_record *r)
{
	/* With -l, the BPF side sends every exit (no -d there), so that each
	 * entry of shown_pids ends with its process. */
	if (opts->have_line && (!shown_take(r) || r->duration_ns < opts->min_duration_ms * 1000000ULL))
		return false;
	return name_matches(r->comm, NULL);
}

void filter_free(void)
{
	tdestroy(shown_pids, free);
	shown_pids = NULL;
	strbuf_free(&line);
}
