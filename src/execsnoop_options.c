// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * execsnoop_options: execsnoop's options, their help text (which
 * man/execsnoop.8 is made from) and their checks; see execsnoop_options.h.
 */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "execsnoop_options.h"
#include "parse.h"
#include "proc.h"
#include "tool.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

#define RINGBUF_DEFAULT (4u << 20)
#define RINGBUF_MIN (256u << 10)	/* room for a few of the largest records */
#define RINGBUF_MAX (1u << 30)

enum { OPT_MAX_ARGS = 1000, OPT_BUFFER_SIZE, OPT_BTF, OPT_ENV, OPT_JOURNAL };

/* --env names, at most. */
#define ENV_NAMES_MAX 64

void (*argp_program_version_hook)(FILE *, struct argp_state *) = tool_print_version;

static const char doc[] =
	"Trace exec() calls and process exits, system-wide or for one command and its "
	"descendants.\n"
	"\n"
	"With COMMAND, run it, trace it and its descendants only, stop when it exits and "
	"exit with its status.\n"
	"\v"
	"Examples:\n"
	"  execsnoop                 # trace every exec() on the system\n"
	"  execsnoop -x              # also failed exec()s, with the error\n"
	"  execsnoop -e              # also process exits, with code and lifetime\n"
	"  execsnoop -e -d 1000      # exits of processes that lived 1 s or more\n"
	"  execsnoop -u alice        # only processes of user alice\n"
	"  execsnoop -p 1234         # only process 1234 and its descendants\n"
	"  execsnoop -n '^(ba)?sh$'  # only commands named sh or bash\n"
	"  execsnoop -l 'curl.*http' # only command lines matching a regex\n"
	"  execsnoop -c /sys/fs/cgroup/system.slice   # only that cgroup\n"
	"  execsnoop -tU -q          # timestamps, UIDs, shell-quoted arguments\n"
	"  execsnoop -e -o time,pid,unit,exe,args   # these columns, as ps -o\n"
	"  execsnoop -j | jq .       # JSON Lines\n"
	"  execsnoop -x -e --journal # into the journal (as execsnoop.service does)\n"
	"  execsnoop -e -- make -j4  # trace one build, exit with its status";

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "What to report:", 1 },
	{ "fails", 'x', NULL, 0, "Also report failed exec()s, with the error (ENOENT, EACCES, ...)", 1 },
	{ "exits", 'e', NULL, 0, "Also report process exits, with exit code or signal and lifetime", 1 },
	{ "min-duration", 'd', "MS", 0, "Report only exits of processes that lived at least MS milliseconds (implies -e)", 1 },
	{ NULL, 0, NULL, 0, "Which processes:", 2 },
	{ "uid", 'u', "UID|USER", 0, "Only processes of this user (real UID)", 2 },
	{ "pid", 'p', "PID", 0, "Only this process and its descendants, those it has and those it starts", 2 },
	{ "ppid", 'P', "PID", 0, "Only direct children of this process", 2 },
	{ "name", 'n', "REGEX", 0, "Only commands whose name (PCOMM) matches the extended regular expression; for a failed exec, also the name of the file it tried to run", 2 },
	{ "line", 'l', "REGEX", 0, "Only commands whose arguments, joined by spaces, match the extended regular expression", 2 },
	{ "cgroup", 'c', "PATH", 0, "Only processes in this cgroup v2 directory or below it", 2 },
	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "timestamp", 't', NULL, 0, "Add a TIME(s) column: seconds since tracing started", 3 },
	{ "time", 'T', NULL, 0, "Add a TIME column: local wall-clock time", 3 },
	{ "print-uid", 'U', NULL, 0, "Add a UID column", 3 },
	{ "quote", 'q', NULL, 0, "Shell-quote each argument, so that a line can be pasted into a shell", 3 },
	{ "max-args", OPT_MAX_ARGS, "N", 0, "Show at most N arguments per command (default: all)", 3 },
	{ "columns", 'o', "NAME[,NAME...]", 0, "Show these columns, in this order, instead of the default ones: names of JSON fields (event, time, pid, ppid, uid, gid, euid, egid, auid, session, tty, comm, filename, exe, cwd, args, ret, error, exit_code, signal, duration_ns, cgroup, unit, container_id, exec_id, parent_exec_id); repeated, adds to the list", 3 },
	{ "json", 'j', NULL, 0, "Print JSON Lines: one object per event, no header", 3 },
	{ "env", OPT_ENV, "NAME[,NAME...]", 0, "With -j or --journal, add these variables of the new program's environment (for example LD_PRELOAD,LD_LIBRARY_PATH); none by default, since environments hold secrets", 3 },
	{ "journal", OPT_JOURNAL, NULL, 0, "Write each event as a native journal entry to journald instead of a line to standard output: MESSAGE is the line, and every JSON field is an EXECSNOOP_<NAME> field", 3 },
	{ NULL, 0, NULL, 0, "The kernel and its buffers:", 4 },
	{ "buffer-size", OPT_BUFFER_SIZE, "SIZE", 0, "Size of the kernel ring buffer, 256K to 1G, rounded up to a power of two (default: 4M)", 4 },
	{ "btf", OPT_BTF, "FILE", 0, "Kernel BTF from FILE instead of /sys/kernel/btf/vmlinux, for kernels built without it (a BTFHub file, a vmlinux)", 4 },
	{ "verbose", 'v', NULL, 0, "Print libbpf's debug log to stderr", 4 },
	{ NULL, 0, NULL, 0, "Informational:", -1 },
	{ 0 },
};

static void compile_regex(struct argp_state *state, regex_t *re, const char *arg, const char *opt)
{
	char msg[256];
	int err = regcomp(re, arg, REG_EXTENDED | REG_NOSUB);

	if (err) {
		regerror(err, re, msg, sizeof(msg));
		argp_error(state, "%s '%s': %s", opt, arg, msg);
	}
}

static void open_cgroup(struct argp_state *state, struct execsnoop_opts *o, const char *path)
{
	struct statfs st;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		argp_error(state, "--cgroup '%s': %s", path, strerror(errno));
	if (fstatfs(fd, &st) || st.f_type != CGROUP2_SUPER_MAGIC)
		argp_error(state, "--cgroup '%s': not a cgroup v2 directory (see /sys/fs/cgroup)", path);
	o->cgroup_path = path;
	o->cgroup_fd = fd;
}

static void check_process(struct argp_state *state, const char *opt, pid_t pid)
{
	/* The BPF side knows processes, not threads. */
	pid_t tgid = proc_tgid("/proc", pid);

	if (tgid && tgid != pid)
		argp_error(state, "%s '%d': a thread of process %d; give the process ID", opt,
			   (int)pid, (int)tgid);
}

/* -o NAME[,NAME...], added to the columns of earlier -o options. */
static void add_columns(struct argp_state *state, struct execsnoop_opts *o, const char *arg)
{
	const char *bad;
	size_t len;

	switch (columns_parse(&o->print.columns, arg, &bad, &len)) {
	case COLUMNS_OK:
		break;
	case COLUMNS_EMPTY:
		argp_error(state, "--columns '%s': an empty column name (valid: %s)", arg,
			   columns_valid_names());
		break;
	case COLUMNS_UNKNOWN:
		argp_error(state, "--columns '%s': no column '%.*s' (valid: %s)", arg, (int)len, bad,
			   columns_valid_names());
		break;
	case COLUMNS_TOO_MANY:
		argp_error(state, "--columns: at most %d columns", COLUMNS_MAX);
		break;
	}
}

/* --env NAME[,NAME...], added to those of earlier --env options.  Names
 * are those of POSIX's portable set, so that a JSON key needs no escape. */
static void add_env_names(struct argp_state *state, struct execsnoop_opts *o, const char *arg)
{
	const char *p = arg, *end;
	size_t n = 0, len, i;
	char **names;

	while (o->env_names && o->env_names[n])
		n++;
	do {
		end = strchrnul(p, ',');
		len = (size_t)(end - p);
		if (!len || strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789_") < len || (*p >= '0' && *p <= '9'))
			argp_error(state, "--env '%s': a name is letters, digits and '_', not "
				   "starting with a digit", arg);
		for (i = 0; i < n; i++)
			if (strlen(o->env_names[i]) == len && !memcmp(o->env_names[i], p, len))
				break;
		if (i == n) {
			if (n == ENV_NAMES_MAX)
				argp_error(state, "--env: at most %d names", ENV_NAMES_MAX);
			names = realloc(o->env_names, (n + 2) * sizeof(*names));
			if (!names)
				argp_failure(state, EXIT_FAILURE, ENOMEM, "--env");
			o->env_names = names;
			names[n + 1] = NULL;
			names[n] = strndup(p, len);
			if (!names[n])
				argp_failure(state, EXIT_FAILURE, ENOMEM, "--env");
			n++;
		}
		p = end + 1;
	} while (*end);
}

/* The options of the output's form. */
static error_t parse_output_arg(int key, char *arg, struct argp_state *state,
				struct execsnoop_opts *o)
{
	const char *why;
	uint64_t v;

	switch (key) {
	case 't':
		o->print.timestamp = true;
		break;
	case 'T':
		o->print.wallclock = true;
		break;
	case 'U':
		o->print.print_uid = true;
		break;
	case 'q':
		o->print.quote = true;
		break;
	case OPT_MAX_ARGS:
		if (parse_u64(arg, 1, UINT32_MAX, &v, &why))
			argp_error(state, "--max-args '%s': %s (a number from 1)", arg, why);
		o->print.max_args = (uint32_t)v;
		break;
	case OPT_ENV:
		add_env_names(state, o, arg);
		break;
	case 'o':
		add_columns(state, o, arg);
		break;
	case 'j':
		o->print.json = true;
		break;
	case OPT_JOURNAL:
		o->journal = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* Options that each parse but do not go together. */
static void check_combinations(struct argp_state *state, const struct execsnoop_opts *o)
{
	if (o->command && o->pid)
		argp_error(state, "--pid cannot be combined with COMMAND, which is traced already");
	if (o->print.columns.n && o->print.json)
		argp_error(state, "--columns cannot be combined with --json, which has every field");
	if (o->print.columns.n && (o->print.timestamp || o->print.wallclock || o->print.print_uid))
		argp_error(state, "--columns cannot be combined with -t, -T or -U: name the "
			   "columns instead (time, uid)");
	if (o->journal && o->print.json)
		argp_error(state, "--journal cannot be combined with --json: its entries have every "
			   "JSON field already");
	if (o->env_names && !o->print.json && !o->journal)
		argp_error(state, "--env needs --json or --journal: the variables are a field of "
			   "the JSON events and journal entries");
}

/* One case per option: longer than a screen, and clearer as one switch. */
static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	struct execsnoop_opts *o = state->input;
	const char *why;
	uint64_t v;

	switch (key) {
	case 'x':
		o->fails = true;
		break;
	case 'e':
		o->exits = true;
		break;
	case 'd':
		if (parse_u64(arg, 0, UINT64_MAX / 1000000, &o->min_duration_ms, &why))
			argp_error(state, "--min-duration '%s': %s (milliseconds expected)", arg, why);
		o->exits = true;
		break;
	case 'u':
		if (parse_uid(arg, &o->uid, &why))
			argp_error(state, "--uid '%s': %s", arg, why);
		o->filter_uid = true;
		break;
	case 'p':
		if (parse_pid(arg, &o->pid, &why))
			argp_error(state, "--pid '%s': %s", arg, why);
		check_process(state, "--pid", o->pid);
		break;
	case 'P':
		if (parse_pid(arg, &o->ppid, &why))
			argp_error(state, "--ppid '%s': %s", arg, why);
		check_process(state, "--ppid", o->ppid);
		break;
	case 'n':
		if (o->have_name)
			regfree(&o->name_re);
		compile_regex(state, &o->name_re, arg, "--name");
		o->have_name = true;
		break;
	case 'l':
		if (o->have_line)
			regfree(&o->line_re);
		compile_regex(state, &o->line_re, arg, "--line");
		o->have_line = true;
		break;
	case 'c':
		if (o->cgroup_fd >= 0)
			close(o->cgroup_fd);
		open_cgroup(state, o, arg);
		break;
	case OPT_BUFFER_SIZE:
		if (parse_size(arg, RINGBUF_MIN, RINGBUF_MAX, &v, &why))
			argp_error(state, "--buffer-size '%s': %s (256K to 1G)", arg, why);
		/* The kernel wants a power of two. */
		o->ringbuf_bytes = RINGBUF_MIN;
		while (o->ringbuf_bytes < v)
			o->ringbuf_bytes <<= 1;
		break;
	case OPT_BTF:
		o->btf_path = arg;
		break;
	case 'v':
		o->verbose = true;
		break;
	case ARGP_KEY_ARG:
		/* The first operand starts COMMAND; the rest are its arguments,
		 * even if they look like options. */
		o->command = &state->argv[state->next - 1];
		state->next = state->argc;
		break;
	case ARGP_KEY_END:
		check_combinations(state, o);
		break;
	default:
		return parse_output_arg(key, arg, state, o);
	}
	return 0;
}

int options_parse(struct execsnoop_opts *o, int argc, char **argv)
{
	const struct argp argp = { options, parse_arg, "[-- COMMAND [ARG...]]", doc, NULL, NULL, NULL };

	memset(o, 0, sizeof(*o));
	o->cgroup_fd = -1;
	o->ringbuf_bytes = RINGBUF_DEFAULT;
	return argp_parse(&argp, argc, argv, ARGP_IN_ORDER, NULL, o);
}

void options_free(struct execsnoop_opts *o)
{
	if (o->have_name)
		regfree(&o->name_re);
	if (o->have_line)
		regfree(&o->line_re);
	o->have_name = o->have_line = false;
	if (o->cgroup_fd >= 0)
		close(o->cgroup_fd);
	o->cgroup_fd = -1;
	for (char **n = o->env_names; n && *n; n++)
		free(*n);
	free(o->env_names);
	o->env_names = NULL;
}
