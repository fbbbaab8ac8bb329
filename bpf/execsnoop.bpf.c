// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * execsnoop: the kernel side.
 *
 * Successful execs are reported from the sched_process_exec tracepoint,
 * after the new program's memory is set up: the arguments are read in one
 * piece from the new mm's argument area, so they are exactly what the new
 * program received (also for "#!" scripts, execveat() and fexecve()), the
 * PID is that of the initial PID namespace and, after an exec from a
 * non-leader thread, it is already the process id.
 *
 * Failed execs (-x) are reported from the execve and execveat syscall exit
 * tracepoints: on failure the caller's memory is untouched, so the
 * arguments are read as passed.
 *
 * Process exits come from sched_process_exit, once per process (its last
 * thread), with the status wait(2) would return and the lifetime since fork.
 *
 * Apart from -x, the programs are BTF tracepoints (tp_btf), which read
 * kernel structures with plain loads; for kernels built without BTF (--btf
 * FILE), each has a raw tracepoint twin (raw_tp) that reads them with
 * bpf_probe_read_kernel().  Neither needs tracefs.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "execsnoop.h"

char LICENSE[] SEC("license") = "GPL";

/* include/linux/sched/signal.h: a #define, so not in BTF; unchanged since 2.6. */
#define SIGNAL_GROUP_EXIT 0x00000004

/*
 * How a program reads kernel memory.  A tp_btf program gets BTF-typed
 * pointers, whose fields are plain loads (checked by the verifier, guarded
 * by the JIT), several times cheaper than a helper call; a raw_tp program
 * gets plain integers and reads each field with bpf_probe_read_kernel().
 * Both go through CO-RE relocations.  btf is a constant in every inlined
 * copy, so each program holds one kind of read only.
 */
#define READ(btf, direct, ...) ((btf) ? (direct) : BPF_CORE_READ(__VA_ARGS__))

/*
 * Settings fixed before load.  The verifier knows their values and removes
 * the code of the filters that are off, so an unused filter costs nothing.
 */
const volatile bool filter_uid = false;
const volatile __u32 target_uid = 0;
const volatile bool filter_ppid = false;
const volatile __u32 target_ppid = 0;
const volatile bool filter_tree = false;
const volatile bool filter_cgroup = false;
/* Report exits (-e); without it the exit program only prunes the tree. */
const volatile bool report_exits = false;
const volatile __u64 min_duration_ns = 0;
/* Wake the reader only once this much data is queued (0: every record);
 * the reader also drains on a short timer, which bounds the latency. */
const volatile __u64 wakeup_bytes = 0;

/* Records dropped because the ring buffer was full, and forks of traced
 * processes that could not be followed because the tree map was full. */
__u64 lost = 0;
__u64 tree_full = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 * 1024 * 1024);	/* resized by user space */
} events SEC(".maps");

/*
 * An exec record is assembled here, then copied into the ring buffer with
 * its real size: reserving the worst case in the ring buffer would waste
 * 132 KiB per exec.  The argument area is twice EXECSNOOP_ARGS_MAX because
 * the verifier bounds "offset + length" by the sum of their maxima.
 */
struct exec_buf {
	struct execsnoop_exec hdr;
	char data[EXECSNOOP_FILENAME_MAX + 2 * EXECSNOOP_ARGS_MAX];
};

/* One exec_buf per possible CPU (too large for a per-CPU map); programs
 * run with preemption off here, so a CPU's buffer has one user at a time. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);	/* set to the number of possible CPUs */
	__type(key, __u32);
	__type(value, struct exec_buf);
} exec_bufs SEC(".maps");

/* Processes traced with -p/--pid or in command mode, followed across fork. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, __u8);
} tree SEC(".maps");

/* The cgroup v2 directory of -c/--cgroup. */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroup_filter SEC(".maps");

/* Kernels without the group_dead argument of sched_process_exit: processes
 * already reported, so that threads dying together report their process once. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u64);	/* start time of the process, against PID reuse */
} exited SEC(".maps");

/* Whether pid is in the traced tree, or no tree is traced.  Exits remove
 * the process instead (process_exit()). */
static __always_inline bool in_tree(__u32 pid)
{
	return !filter_tree || bpf_map_lookup_elem(&tree, &pid);
}

static __always_inline __u32 parent_of(struct task_struct *task, const bool btf)
{
	return READ(btf, task->real_parent->tgid, task, real_parent, tgid);
}

/* The filters other than the process tree, the cheap ones first. */
static __always_inline bool wanted(struct task_struct *task, __u32 uid, const bool btf)
{
	if (filter_uid && uid != target_uid)
		return false;
	if (filter_ppid && parent_of(task, btf) != target_ppid)
		return false;
	if (filter_cgroup && bpf_current_task_under_cgroup(&cgroup_filter, 0) != 1)
		return false;
	return true;
}

/* The parent of a task wanted() let through: with -P, the one it checked. */
static __always_inline __u32 wanted_parent(struct task_struct *task, const bool btf)
{
	return filter_ppid ? target_ppid : parent_of(task, btf);
}

static __always_inline void submit(void *data, __u64 size)
{
	__u64 flags = 0;

	if (wakeup_bytes)
		flags = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) + size >= wakeup_bytes ?
				BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_output(&events, data, size, flags))
		__sync_fetch_and_add(&lost, 1);
}

static __always_inline struct exec_buf *exec_buf_get(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	return bpf_map_lookup_elem(&exec_bufs, &cpu);
}

static __always_inline void fill_header(struct execsnoop_exec *e, __u32 pid, __u32 tid,
					__u32 ppid, __u32 uid)
{
	e->type = EXECSNOOP_EXEC;
	e->flags = 0;
	e->pid = pid;
	e->tid = tid;
	e->uid = uid;
	e->ppid = ppid;
	e->ret = 0;
	e->reserved = 0;
	e->ts_ns = bpf_ktime_get_ns();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
}

static __always_inline int exec_common(struct task_struct *task, pid_t old_pid,
				   struct linux_binprm *bprm, const bool btf)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u32 uid = (__u32)bpf_get_current_uid_gid();
	struct exec_buf *buf;
	struct mm_struct *mm;
	__u64 start, len;
	long fname_len;

	if (!in_tree(pid) || !wanted(task, uid, btf))
		return 0;
	buf = exec_buf_get();
	if (!buf)
		return 0;
	fill_header(&buf->hdr, pid, old_pid, wanted_parent(task, btf), uid);

	fname_len = bpf_probe_read_kernel_str(buf->data, EXECSNOOP_FILENAME_MAX,
					      READ(btf, bprm->filename, bprm, filename));
	/* Bounds the verifier can follow for the offset below. */
	if (fname_len < 0)
		fname_len = 0;
	if (fname_len >= EXECSNOOP_FILENAME_MAX) {
		fname_len = EXECSNOOP_FILENAME_MAX;
		buf->hdr.flags |= EXECSNOOP_F_FILENAME_TRUNCATED;
	}
	buf->hdr.filename_len = fname_len;

	mm = READ(btf, task->mm, task, mm);
	start = READ(btf, mm->arg_start, mm, arg_start);
	len = READ(btf, mm->arg_end, mm, arg_end) - start;
	if (len > EXECSNOOP_ARGS_MAX) {
		len = EXECSNOOP_ARGS_MAX;
		buf->hdr.flags |= EXECSNOOP_F_ARGS_TRUNCATED;
	}
	if (bpf_probe_read_user(buf->data + fname_len, len, (void *)start)) {
		len = 0;
		buf->hdr.flags |= EXECSNOOP_F_ARGS_UNREADABLE;
	}
	buf->hdr.args_len = len;

	submit(buf, sizeof(buf->hdr) + fname_len + len);
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	return exec_common(task, old_pid, bprm, true);
}

SEC("raw_tp/sched_process_exec")
int BPF_PROG(handle_exec_raw, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	return exec_common(task, old_pid, bprm, false);
}

/* ---- failed execs ---------------------------------------------------- */

struct argv_reader {
	struct exec_buf *buf;
	const char *const *argv;
	__u32 base;	/* where the arguments start in buf->data */
	__u32 off;	/* bytes of arguments read so far */
	__u8 flags;
};

static long read_one_arg(__u32 i, void *data)
{
	struct argv_reader *r = data;
	const char *arg = NULL;
	__u32 base = r->base, off = r->off;
	long n;

	if (bpf_probe_read_user(&arg, sizeof(arg), &r->argv[i]) || !arg)
		return 1;
	/* Both checks bound the destination for the verifier. */
	if (base > EXECSNOOP_FILENAME_MAX)
		return 1;
	if (off >= EXECSNOOP_ARGS_MAX) {
		r->flags |= EXECSNOOP_F_ARGS_TRUNCATED;
		return 1;
	}
	n = bpf_probe_read_user_str(r->buf->data + base + off, EXECSNOOP_ARGS_MAX - off, arg);
	if (n <= 0) {
		r->flags |= EXECSNOOP_F_ARGS_UNREADABLE;
		return 1;
	}
	r->off = off + n;
	if (r->off >= EXECSNOOP_ARGS_MAX)
		r->flags |= EXECSNOOP_F_ARGS_TRUNCATED;
	return 0;
}

static __always_inline int report_failed_exec(const char *filename, const char *const *argv,
					      long ret)
{
	/* -x needs the kernel's BTF anyway (bpf_task_pt_regs()). */
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 id = bpf_get_current_pid_tgid();
	__u32 pid = id >> 32;
	__u32 uid = (__u32)bpf_get_current_uid_gid();
	struct argv_reader r = {};
	struct exec_buf *buf;
	long fname_len;
	__u32 len;

	if (!in_tree(pid) || !wanted(task, uid, true))
		return 0;
	buf = exec_buf_get();
	if (!buf)
		return 0;
	fill_header(&buf->hdr, pid, (__u32)id, wanted_parent(task, true), uid);
	buf->hdr.ret = ret;

	fname_len = bpf_probe_read_user_str(buf->data, EXECSNOOP_FILENAME_MAX, filename);
	if (fname_len < 0)
		fname_len = 0;
	if (fname_len >= EXECSNOOP_FILENAME_MAX) {
		fname_len = EXECSNOOP_FILENAME_MAX;
		buf->hdr.flags |= EXECSNOOP_F_FILENAME_TRUNCATED;
	}
	buf->hdr.filename_len = fname_len;

	r.buf = buf;
	r.argv = argv;
	r.base = fname_len;
	if (argv)
		bpf_loop(EXECSNOOP_ARGS_MAX, read_one_arg, &r, 0);
	len = r.off;
	if (len > EXECSNOOP_ARGS_MAX)
		len = EXECSNOOP_ARGS_MAX;
	buf->hdr.args_len = len;
	buf->hdr.flags |= r.flags;

	submit(buf, sizeof(buf->hdr) + fname_len + len);
	return 0;
}

/*
 * The syscall exit tracepoints fire only for these two syscalls.  On
 * failure the registers the caller passed are still in its pt_regs (arm64's
 * first argument in orig_x0, which PT_REGS_PARM1_CORE_SYSCALL reads).
 * Compat (32-bit) syscalls do not reach these tracepoints.
 */
SEC("tp/syscalls/sys_exit_execve")
int handle_execve_exit(struct trace_event_raw_sys_exit *ctx)
{
	struct pt_regs *regs;

	if (ctx->ret >= 0)
		return 0;
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	return report_failed_exec((const char *)PT_REGS_PARM1_CORE_SYSCALL(regs),
				  (const char *const *)PT_REGS_PARM2_CORE_SYSCALL(regs), ctx->ret);
}

SEC("tp/syscalls/sys_exit_execveat")
int handle_execveat_exit(struct trace_event_raw_sys_exit *ctx)
{
	struct pt_regs *regs;

	if (ctx->ret >= 0)
		return 0;
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	return report_failed_exec((const char *)PT_REGS_PARM2_CORE_SYSCALL(regs),
				  (const char *const *)PT_REGS_PARM3_CORE_SYSCALL(regs), ctx->ret);
}

/* ---- process tree ---------------------------------------------------- */

static __always_inline int fork_common(struct task_struct *parent, struct task_struct *child,
				   const bool btf)
{
	__u32 ppid = READ(btf, parent->tgid, parent, tgid);
	__u32 pid = READ(btf, child->tgid, child, tgid);
	__u8 one = 1;

	if (pid == ppid)	/* a new thread, not a new process */
		return 0;
	if (!bpf_map_lookup_elem(&tree, &ppid))
		return 0;
	if (bpf_map_update_elem(&tree, &pid, &one, BPF_ANY))
		__sync_fetch_and_add(&tree_full, 1);
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(handle_fork, struct task_struct *parent, struct task_struct *child)
{
	return fork_common(parent, child, true);
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(handle_fork_raw, struct task_struct *parent, struct task_struct *child)
{
	return fork_common(parent, child, false);
}

/* ---- exits ----------------------------------------------------------- */

/* The process of task has ended (its last thread is exiting): prune it from
 * the traced tree, and report it with -e. */
static __always_inline int process_exit(struct task_struct *task, const bool btf)
{
	__u32 pid = READ(btf, task->tgid, task, tgid);
	struct execsnoop_exit e = {};
	struct task_struct *leader;
	__u32 uid;
	__u64 now;

	/* Always, so that the map holds live processes only: a stale entry
	 * would let a later process with the same PID into the trace. */
	if (filter_tree && bpf_map_delete_elem(&tree, &pid))
		return 0;	/* not in the tree */
	if (!report_exits)
		return 0;
	uid = (__u32)bpf_get_current_uid_gid();
	if (!wanted(task, uid, btf))
		return 0;
	leader = READ(btf, task->group_leader, task, group_leader);

	now = bpf_ktime_get_ns();
	e.duration_ns = now - READ(btf, leader->start_time, leader, start_time);
	if (e.duration_ns < min_duration_ns)
		return 0;

	e.type = EXECSNOOP_EXIT;
	e.pid = pid;
	e.tid = (__u32)bpf_get_current_pid_tgid();
	e.uid = uid;
	e.ppid = wanted_parent(task, btf);
	e.ts_ns = now;
	/* What wait(2) will report: the group exit code after exit_group()
	 * or a fatal signal, else the leader's own exit code. */
	if (READ(btf, task->signal->flags, task, signal, flags) & SIGNAL_GROUP_EXIT)
		e.status = READ(btf, task->signal->group_exit_code, task, signal, group_exit_code);
	else
		e.status = READ(btf, leader->exit_code, leader, exit_code);
	/* The process's name is the leader's; other threads may have renamed
	 * themselves. */
	BPF_CORE_READ_STR_INTO(&e.comm, leader, comm);

	submit(&e, sizeof(e));
	return 0;
}

/* Kernels whose sched_process_exit tracepoint has a group_dead argument
 * declare this field in its trace event record (CO-RE tells us at load). */
struct trace_event_raw_sched_process_exit___gd {
	bool group_dead;
} __attribute__((preserve_access_index));

static __always_inline int exit_common(unsigned long long *ctx, struct task_struct *task,
				   const bool btf)
{
	__u32 pid;
	__u64 start, *seen;

	if (bpf_core_field_exists(struct trace_event_raw_sched_process_exit___gd, group_dead)) {
		/* ctx[1] is group_dead; the verifier only sees this read on
		 * kernels that have the argument. */
		if (!(bool)ctx[1])
			return 0;
		return process_exit(task, btf);
	}

	/* Earlier kernels: signal->live drops to 0 when the last thread starts
	 * to exit, but threads exiting at the same time can all see 0, so the
	 * process is reported by the first of them only.  Every process goes
	 * through the map: nr_threads cannot tell a single-threaded process,
	 * since it drops as each other thread is released, which can come
	 * before the leader gets here. */
	if (READ(btf, task->signal->live.counter, task, signal, live.counter) != 0)
		return 0;
	pid = READ(btf, task->tgid, task, tgid);
	start = READ(btf, task->group_leader->start_time, task, group_leader, start_time);
	if (bpf_map_update_elem(&exited, &pid, &start, BPF_NOEXIST)) {
		seen = bpf_map_lookup_elem(&exited, &pid);
		if (seen && *seen == start)
			return 0;	/* another thread reported it */
		/* an older process with the same PID */
		bpf_map_update_elem(&exited, &pid, &start, BPF_ANY);
	}
	return process_exit(task, btf);
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *task)
{
	return exit_common(ctx, task, true);
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(handle_exit_raw, struct task_struct *task)
{
	return exit_common(ctx, task, false);
}
