// SPDX-License-Identifier: GPL-2.0-or-later
/* execsnoop_kernel: checks, settings, load and attach; see execsnoop_kernel.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpfenv.h"
#include "execsnoop_kernel.h"
#include "execsnoop_tree.h"
#include "execsnoop.skel.h"

int kernel_configure(struct execsnoop_bpf *skel, const struct execsnoop_opts *o)
{
	int ncpus = libbpf_num_possible_cpus();
	bool tree = o->pid || o->command, kernel_btf;

	if (ncpus < 0) {
		fprintf(stderr, "execsnoop: cannot count the CPUs: %s\n", strerror(-ncpus));
		return ncpus;
	}
	skel->rodata->filter_uid = o->filter_uid;
	skel->rodata->target_uid = o->uid;
	skel->rodata->filter_ppid = o->ppid != 0;
	skel->rodata->target_ppid = o->ppid;
	skel->rodata->filter_tree = tree;
	skel->rodata->filter_cgroup = o->cgroup_fd >= 0;
	skel->rodata->report_exits = o->exits;
	/* -l applies -d itself (exit_wanted()). */
	skel->rodata->min_duration_ns = o->have_line ? 0 : o->min_duration_ms * 1000000ULL;
	/* A sixteenth of the buffer: a few hundred small records wake the
	 * reader early, well before the buffer could fill between drains. */
	skel->rodata->wakeup_bytes = o->ringbuf_bytes / 16;

	bpf_map__set_max_entries(skel->maps.events, o->ringbuf_bytes);
	/* A buffer per CPU for execs, and with -x one more for failed execs. */
	skel->rodata->nr_cpus = ncpus;
	bpf_map__set_max_entries(skel->maps.exec_bufs, o->fails ? 2 * ncpus : ncpus);
	/* Maps a run does not use still get created: keep them tiny. */
	if (!tree)
		bpf_map__set_max_entries(skel->maps.tree, 1);
	if (!o->exits && !tree)
		bpf_map__set_max_entries(skel->maps.exited, 1);
	skel->rodata->capture_env = o->env_names != NULL;

	/* BTF tracepoints when the kernel has BTF, raw tracepoints otherwise
	 * (--btf on a kernel built without it): the same code either way. */
	kernel_btf = access(BPFENV_BTF_PATH, R_OK) == 0;
	bpf_program__set_autoload(skel->progs.handle_exec, kernel_btf);
	bpf_program__set_autoload(skel->progs.handle_exec_raw, !kernel_btf);
	/* Exits for -e and to prune a traced tree, forks to grow one; the
	 * exec_ids need neither (they come from the kernel's own records). */
	bpf_program__set_autoload(skel->progs.handle_exit, kernel_btf && (o->exits || tree));
	bpf_program__set_autoload(skel->progs.handle_exit_raw, !kernel_btf && (o->exits || tree));
	bpf_program__set_autoload(skel->progs.handle_fork, kernel_btf && tree);
	bpf_program__set_autoload(skel->progs.handle_fork_raw, !kernel_btf && tree);
	bpf_program__set_autoload(skel->progs.handle_execve_exit, o->fails);
	bpf_program__set_autoload(skel->progs.handle_execveat_exit, o->fails);
	return 0;
}

/* The BPF side sees PIDs of the initial PID namespace: those that -p, -P
 * and COMMAND give it must be of that namespace too. */
static int check_pidns(const struct execsnoop_opts *o)
{
	uint64_t dev, ino;
	int r;

	if (!o->pid && !o->ppid && !o->command)
		return 0;
	r = bpfenv_pidns(&dev, &ino);
	if (r < 0) {
		fprintf(stderr, "execsnoop: cannot read /proc/self/ns/pid: %s\n", strerror(-r));
		return r;
	}
	if (r == 0) {
		fprintf(stderr, "execsnoop: -p, -P and COMMAND need the initial PID namespace, and "
			"this is another one (a container's): run execsnoop on the host, or use -c\n");
		return -EINVAL;
	}
	return 0;
}

/* A feature probe that could not tell (the kernel refused the probe
 * itself): not a missing feature. */
static int probe_failed(int err)
{
	fprintf(stderr, "execsnoop: cannot probe the kernel's BPF features: %s (a security module "
		"or lockdown may forbid BPF); rerun with -v for details\n", strerror(-err));
	return err;
}

/* Kernel features, checked before load for a clear message. */
static int check_features(const struct execsnoop_opts *o)
{
	int r;

	r = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL);
	if (r < 0)
		return probe_failed(r);
	if (r == 0) {
		fprintf(stderr, "execsnoop: this kernel has no BPF ring buffer; Linux 5.8 or later is needed\n");
		return -EOPNOTSUPP;
	}
	if (!o->fails)
		return 0;
	r = libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_loop, NULL);
	if (r < 0)
		return probe_failed(r);
	if (r == 0) {
		fprintf(stderr, "execsnoop: --fails needs the bpf_loop() helper of Linux 5.17 or later\n");
		return -EOPNOTSUPP;
	}
	/* bpf_task_pt_regs() returns a pointer typed by the kernel's own BTF. */
	if (access(BPFENV_BTF_PATH, R_OK)) {
		fprintf(stderr, "execsnoop: --fails needs the kernel's own BTF (%s), which --btf "
			"cannot replace\n", BPFENV_BTF_PATH);
		return -ENOENT;
	}
	return 0;
}

/* Right before attaching: libbpf finds the syscall tracepoints of -x in
 * tracefs.  Where it is not mounted, it is mounted in a mount namespace of
 * execsnoop's own until the programs are attached (COMMAND, started
 * before, stays in the system's). */
static int check_tracefs(const struct execsnoop_opts *o)
{
	const char *tracefs;
	char path[128];

	if (!o->fails)
		return 0;
	tracefs = bpfenv_tracefs_private("--fails");
	if (!tracefs)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/events/syscalls/sys_exit_execve", tracefs);
	if (access(path, F_OK)) {
		fprintf(stderr, "execsnoop: --fails needs the syscall tracepoints, which this kernel "
			"was built without (CONFIG_FTRACE_SYSCALLS)\n");
		bpfenv_tracefs_leave();
		return -ENOENT;
	}
	return 0;
}

int kernel_check(const struct execsnoop_opts *o)
{
	int err;

	err = bpfenv_setup(o->verbose);
	if (!err)
		err = bpfenv_check_btf(o->btf_path);
	if (!err)
		err = check_pidns(o);
	if (!err)
		err = check_features(o);
	return err;
}

struct execsnoop_bpf *kernel_open(const struct execsnoop_opts *o)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	struct execsnoop_bpf *skel;

	open_opts.btf_custom_path = o->btf_path;
	skel = execsnoop_bpf__open_opts(&open_opts);
	if (!skel)
		bpfenv_report("open", -errno);
	return skel;
}

int kernel_load(struct execsnoop_bpf *skel, const struct execsnoop_opts *o)
{
	__u32 zero = 0;
	int err;

	err = execsnoop_bpf__load(skel);
	if (err) {
		bpfenv_report("load", err);
		return err;
	}
	if (o->cgroup_fd >= 0) {
		err = bpf_map_update_elem(bpf_map__fd(skel->maps.cgroup_filter), &zero,
					  &o->cgroup_fd, BPF_ANY);
		if (err) {
			err = -errno;
			fprintf(stderr, "execsnoop: cannot use cgroup %s: %s\n", o->cgroup_path,
				strerror(errno));
			return err;
		}
	}
	return 0;
}

void kernel_trace_tree(struct execsnoop_bpf *skel, pid_t pid)
{
	tree_put(bpf_map__fd(skel->maps.tree), pid);
}

int kernel_attach(struct execsnoop_bpf *skel, const struct execsnoop_opts *o, pid_t command)
{
	int err, left;

	err = check_tracefs(o);
	if (err)
		return err;
	err = execsnoop_bpf__attach(skel);
	left = bpfenv_tracefs_leave();
	if (left && !err) {
		fprintf(stderr, "execsnoop: cannot return to the system's mount namespace: %s\n",
			strerror(-left));
		return left;
	}
	if (err) {
		bpfenv_report("attach", err);
		return err;
	}
	if (o->pid)
		tree_add(bpf_map__fd(skel->maps.tree), o->pid);
	else if (command)
		tree_put(bpf_map__fd(skel->maps.tree), command);
	return 0;
}

/* The runs of prog the kernel skipped; 0 if it is not loaded, or if the
 * kernel does not count them (before 5.12). */
static uint64_t prog_skipped(const struct bpf_program *prog)
{
	struct bpf_prog_info info;
	__u32 len = sizeof(info);
	int fd = bpf_program__fd(prog);

	if (fd < 0)
		return 0;
	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return 0;
	return info.recursion_misses;
}

void kernel_skipped(const struct execsnoop_bpf *skel, bool exits, uint64_t *events,
		    uint64_t *forks)
{
	*events = prog_skipped(skel->progs.handle_exec) + prog_skipped(skel->progs.handle_exec_raw) +
		  prog_skipped(skel->progs.handle_execve_exit) +
		  prog_skipped(skel->progs.handle_execveat_exit);
	if (exits)
		*events += prog_skipped(skel->progs.handle_exit) +
			   prog_skipped(skel->progs.handle_exit_raw);
	*forks = prog_skipped(skel->progs.handle_fork) + prog_skipped(skel->progs.handle_fork_raw);
}
