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
/* Report exits (-e); without it the exit program (attached for a tree)
 * only prunes the tree. */
const volatile bool report_exits = false;
const volatile __u64 min_duration_ns = 0;
/* Wake the reader only once this much data is queued (0: every record);
 * the reader also drains on a short timer, which bounds the latency. */
const volatile __u64 wakeup_bytes = 0;
/* --env: read the new program's environment. */
const volatile bool capture_env = false;

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
#define PATHS_MAX (EXECSNOOP_FILENAME_MAX + 3 * EXECSNOOP_PATH_MAX)
/*
 * Masks for the verifier.  A length is masked after each addition to the
 * range 0..mask (a no-op on the values, which stay below it), so that the
 * verifier sees the same range on every path through a walk and prunes
 * them; with exact ranges it explores each path's own, beyond its limit.
 * The buffer has room for the largest masked offset plus one more write.
 */
#define PATH_MASK (2 * EXECSNOOP_PATH_MAX - 1)
#define BASE_MASK (8 * EXECSNOOP_PATH_MAX - 1)
struct exec_buf {
	/* Not sent: see walk_dentry().  First, on the page that the header
	 * and the short paths of most records are on, not 130 KiB away on a
	 * page of its own. */
	__u64 root_dentry, root_mnt;
	__u32 walk_off;
	__u32 pad;
	struct execsnoop_exec hdr;
	char data[BASE_MASK + 1 + 2 * EXECSNOOP_ARGS_MAX + 2 * EXECSNOOP_ENV_MAX];
};

/* An exit record and the cgroup path that may follow it (room for as
 * much as after an exec record's other paths, so that one check bounds
 * the writes into both). */
struct exit_buf {
	__u32 walk_off;		/* not sent, first as in struct exec_buf */
	__u32 pad;
	struct execsnoop_exit hdr;
	char data[PATHS_MAX];
};

/*
 * Exec buffers (too large for a per-CPU map): one per possible CPU for the
 * exec program, and with -x one more per CPU for the failed-exec programs.
 * A CPU's buffer has one user at a time even where programs can be
 * preempted (raw tracepoints on recent kernels, 7.2 for one, run with
 * migration off but preemption on): the kernel never runs a program twice
 * at once on one CPU (it skips the second run and counts it, see
 * kernel_skipped() in user space), and each program has buffers of its
 * own, except the two failed-exec programs, whose syscall tracepoints run
 * with preemption off.
 */
enum buf_kind { BUF_EXEC, BUF_FAILED, BUF_EXIT };
const volatile __u32 nr_cpus = 1;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);	/* set to nr_cpus, twice that with -x */
	__type(key, __u32);
	__type(value, struct exec_buf);
} exec_bufs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exit_buf);
} exit_bufs SEC(".maps");

/* The cgroup IDs whose paths user space has (execsnoop.h); records of the
 * others carry the path.  An array that user space maps: it writes it with
 * plain stores, which need no privilege after execsnoop drops its own, and
 * a lookup here is one load, where a hash map's touches two more pages. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct execsnoop_cgroups_known);
} cgroups_known SEC(".maps");

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

static __always_inline struct exec_buf *exec_buf_get(__u32 kind)
{
	__u32 cpu = bpf_get_smp_processor_id() + (kind == BUF_FAILED ? nr_cpus : 0);

	return bpf_map_lookup_elem(&exec_bufs, &cpu);
}

static __always_inline void fill_header(struct execsnoop_exec *e, __u32 pid, __u32 tid,
					__u32 ppid)
{
	e->type = EXECSNOOP_EXEC;
	e->pad = 0;
	e->flags = 0;
	e->exe_len = 0;
	e->cwd_len = 0;
	e->cgroup_len = 0;
	e->pad2 = 0;
	e->env_len = 0;
	e->pid = pid;
	e->tid = tid;
	e->ppid = ppid;
	e->ret = 0;
	e->ts_ns = bpf_ktime_get_ns();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
}

/* ---- context: credentials, login, tty, cgroup, exec ids -------------- */

/*
 * exec_ids, from the kernel's own records, with no map.  PF_FORKNOEXEC is
 * set at fork and cleared at exec: whether a process has exec()ed since it
 * was forked.  self_exec_id counts the execs of a process's line (copied at
 * fork, one more at each exec) and parent_exec_id is the count its parent
 * had when it forked it.  So a process that has exec()ed runs its own exec
 * number self_exec_id - parent_exec_id; one that has not runs the program
 * it was forked with, that of its parent at the same count.  The id is the
 * process that exec()ed (PID and start time) and that number: the same
 * whenever and by whomever it is computed, for programs that started
 * before tracing too.
 */
/* How far up a line of forks without exec the walk goes. */
#define ID_DEPTH 16
/* include/linux/sched.h and sched/signal.h: #defines, so not in BTF;
 * unchanged since 3.x. */
#define PF_FORKNOEXEC 0x00000040
#define SIGNAL_UNKILLABLE 0x00000040

/* signal_struct's bitfield: a process that adopts the orphans below it
 * (prctl PR_SET_CHILD_SUBREAPER). */
struct signal_struct___subreaper {
	unsigned int is_child_subreaper:1;
} __attribute__((preserve_access_index));

/* Whether task's children may be orphans it adopted: the init of a PID
 * namespace (SIGNAL_UNKILLABLE: the whole system's, or a container's) or
 * a subreaper.  A child's exec count cannot tell then which program it was
 * forked with: the reaper may have exec()ed since, as systemd does on
 * daemon-reexec and a container's entrypoint does with exec "$@". */
static __always_inline bool is_reaper(struct task_struct *task, const bool btf)
{
	struct signal_struct___subreaper *sig;

	sig = (void *)READ(btf, task->signal, task, signal);
	if (!sig)
		return true;	/* (never: a live task has one) */
	if (READ(btf, ((struct signal_struct *)sig)->flags, (struct signal_struct *)sig, flags) &
	    SIGNAL_UNKILLABLE)
		return true;
	return BPF_CORE_READ_BITFIELD_PROBED(sig, is_child_subreaper);
}

/* Whether parent may have forked child (a process that runs the program it
 * was forked with, at the exec count count): a parent that forked it had
 * that count then, and may have exec()ed since, not before. */
static __always_inline bool forked_by(struct task_struct *parent, __u64 count, const bool btf)
{
	if (READ(btf, parent->tgid, parent, tgid) == 0 || is_reaper(parent, btf))
		return false;	/* PID 0, or it may have adopted the child */
	return READ(btf, parent->parent_exec_id, parent, parent_exec_id) <= count &&
	       count <= READ(btf, parent->self_exec_id, parent, self_exec_id);
}

/* The exec_id of the program task runs (task: any thread of the process). */
static __always_inline void program_id(struct task_struct *task, struct execsnoop_id *id,
				       const bool btf)
{
	__u64 count = READ(btf, task->self_exec_id, task, self_exec_id), forked_at;
	struct task_struct *t = task, *parent;
	__u32 execs = 0;
	int i;

	for (i = 0; i < ID_DEPTH; i++) {
		forked_at = READ(btf, t->parent_exec_id, t, parent_exec_id);
		if (!(READ(btf, t->flags, t, flags) & PF_FORKNOEXEC) && count > forked_at) {
			/* t's own exec: at the first step its latest, further
			 * up the one it ran when it forked the line below */
			execs = count - forked_at;
			break;
		}
		/* Not exec()ed (at that count): the program it was forked
		 * with, its parent's.  A count that moved without an exec is
		 * a CLONE_PARENT child's, which took its creator's counts
		 * and whose creator is not its parent: no way up. */
		if (count != forked_at)
			break;
		parent = READ(btf, t->real_parent, t, real_parent);
		if (!parent || parent == t || !forked_by(parent, count, btf))
			break;
		t = parent;
	}
	/* execs 0: no exec found (a line of forks from PID 0, an orphan that
	 * never exec()ed, a CLONE_PARENT child that has not, or a line deeper
	 * than ID_DEPTH): the process reached stands for its program. */
	id->pid = READ(btf, t->tgid, t, tgid);
	id->start_ns = READ(btf, t->group_leader->start_boottime, t, group_leader, start_boottime);
	id->execs = execs;
}

/* Who runs it, from where, and which program its parent (process ppid,
 * as the record's header has it) runs. */
static __always_inline void fill_ctx(struct execsnoop_ctx *c, struct task_struct *task, __u32 pid,
				     __u32 ppid, __u64 ugid, const bool btf)
{
	struct task_struct *parent = READ(btf, task->real_parent, task, real_parent);
	const struct cred *cred = READ(btf, task->cred, task, cred);
	struct tty_struct *tty;

	c->uid = (__u32)ugid;
	c->gid = ugid >> 32;
	/* task->cred is __rcu and not among the fields the verifier trusts:
	 * on kernels whose BTF has type tags (clang-built), the load gives a
	 * pointer that may be NULL, which must be checked before use. */
	if (cred) {
		c->euid = READ(btf, cred->euid.val, cred, euid.val);
		c->egid = READ(btf, cred->egid.val, cred, egid.val);
	} else {
		c->euid = EXECSNOOP_ID_UNSET;
		c->egid = EXECSNOOP_ID_UNSET;
	}
	/* CONFIG_AUDITSYSCALL: kernels without it have no login UID. */
	if (bpf_core_field_exists(task->loginuid)) {
		c->auid = READ(btf, task->loginuid.val, task, loginuid.val);
		c->session = READ(btf, task->sessionid, task, sessionid);
	} else {
		c->auid = EXECSNOOP_ID_UNSET;
		c->session = EXECSNOOP_ID_UNSET;
	}
	c->cgroup_id = bpf_get_current_cgroup_id();
	program_id(task, &c->exec_id, btf);
	if (ppid && parent) {
		program_id(parent, &c->parent_exec_id, btf);
	} else {
		c->parent_exec_id.start_ns = 0;
		c->parent_exec_id.pid = 0;
		c->parent_exec_id.execs = 0;
	}
	tty = READ(btf, task->signal->tty, task, signal, tty);
	if (!tty || BPF_CORE_READ_STR_INTO(&c->tty, tty, name) < 0)
		c->tty[0] = '\0';
}

/* ---- paths ------------------------------------------------------------ */

/*
 * The walks up the dentry and kernfs trees are global functions: the
 * verifier checks each once, on its own, instead of once for every state
 * its caller reaches it in (inline, each walk's exit states multiplied the
 * next walk's, beyond the verifier's limit).  Their arguments are scalars,
 * as Linux 5.10 requires of global functions; each finds the CPU's buffer
 * itself; the offset is 64 bits wide, so that the register checked is the
 * one the address is made from.  They return the length, with these flags
 * above it.
 */
#define WALK_TRUNCATED (1U << 16)
#define WALK_DELETED (1U << 17)
#define WALK_LEN 0xffffU

/*
 * The path of a dentry on a mount, as the current task sees it (up to its
 * root), into the exec buffer's data[base..]: the components, leaf first, each
 * ended by a NUL, crossing mount points as d_path() does.  A dentry that is
 * unhashed, or in no directory (a memfd), is deleted.  Every pointer is read
 * with bpf_probe_read_kernel(), so that tp_btf and raw_tp programs share it.
 */
__noinline int walk_dentry(__u32 kind, __u64 base, __u64 dentry_p, __u64 vfsmnt_p)
{
	struct dentry *dentry = (void *)dentry_p, *root_dentry, *mnt_root;
	struct vfsmount *vfsmnt = (void *)vfsmnt_p, *root_mnt;
	__u64 mnt_off = bpf_core_field_offset(struct mount, mnt);
	struct exec_buf *buf = exec_buf_get(kind);
	volatile __u32 *offp;
	__u32 off, flags = 0;
	int i;

	if (!buf || !dentry || base > PATHS_MAX - EXECSNOOP_PATH_MAX)
		return 0;
	/*
	 * The length so far lives in the map value, not in a register: the
	 * verifier knows nothing of a value it loads from there, so every
	 * path through the loop reaches its head in the same state, and it
	 * checks the loop in time linear in its depth (with the length in a
	 * register, each path has its own range, quadratic).
	 */
	offp = &buf->walk_off;
	*offp = 0;
	root_dentry = (void *)buf->root_dentry;	/* set_root() ran for this event */
	root_mnt = (void *)buf->root_mnt;
	if (!BPF_CORE_READ(dentry, d_hash.pprev) && BPF_CORE_READ(dentry, d_parent) != dentry)
		flags |= WALK_DELETED;
	mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
	for (i = 0; i < EXECSNOOP_PATH_DEPTH; i++) {
		struct dentry *parent;
		struct mount *mnt, *up;
		long n;

		if (dentry == root_dentry && vfsmnt == root_mnt)
			return (*offp & WALK_LEN) | flags;
		if (dentry == mnt_root) {
			mnt = (void *)vfsmnt - mnt_off;
			up = BPF_CORE_READ(mnt, mnt_parent);
			if (up == mnt || !up)	/* the root of the mount namespace */
				return (*offp & WALK_LEN) | flags;
			dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
			vfsmnt = (void *)up + mnt_off;
			mnt_root = BPF_CORE_READ(vfsmnt, mnt_root);
			continue;
		}
		off = *offp;
		if (off > EXECSNOOP_PATH_MAX - EXECSNOOP_NAME_MAX)
			break;
		n = bpf_probe_read_kernel_str(buf->data + base + off, EXECSNOOP_NAME_MAX,
					      BPF_CORE_READ(dentry, d_name.name));
		if (n <= 0)
			break;
		*offp = off + n;
		parent = BPF_CORE_READ(dentry, d_parent);
		if (parent == dentry) {
			/* In no directory: a memfd, or a file of an internal
			 * mount; d_path() calls it "/name (deleted)". */
			return (*offp & WALK_LEN) | flags | WALK_DELETED;
		}
		dentry = parent;
	}
	return (*offp & WALK_LEN) | flags | WALK_TRUNCATED;
}

/* Kernels before 6.15 call kernfs_node's parent "parent". */
struct kernfs_node___old {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

struct kernfs_node___new {
	struct kernfs_node *__parent;
} __attribute__((preserve_access_index));

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(struct kernfs_node___new, __parent))
		return BPF_CORE_READ((struct kernfs_node___new *)kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___old *)kn, parent);
}

/* The cgroup v2 path of the current task, laid out as walk_dentry() lays
 * out a path, into the data of the exec buffer at base, or of the exit
 * buffer at 0. */
__noinline int walk_cgroup(__u32 kind, __u64 base)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct kernfs_node *kn, *parent;
	volatile __u32 *offp;
	__u32 off, zero = 0;
	char *data;
	int i;

	if (kind == BUF_EXIT) {
		struct exit_buf *xb = bpf_map_lookup_elem(&exit_bufs, &zero);

		if (!xb)
			return 0;
		data = xb->data;
		offp = &xb->walk_off;
		base = 0;
	} else {
		struct exec_buf *eb = exec_buf_get(kind);

		if (!eb)
			return 0;
		data = eb->data;
		offp = &eb->walk_off;
	}
	if (base > PATHS_MAX - EXECSNOOP_PATH_MAX)
		return 0;
	*offp = 0;	/* in the map value, as in walk_dentry() */
	kn = BPF_CORE_READ(task, cgroups, dfl_cgrp, kn);
	for (i = 0; i < EXECSNOOP_PATH_DEPTH && kn; i++) {
		long n;

		parent = kn_parent(kn);
		if (!parent)
			return *offp & WALK_LEN;	/* the root: no name of its own */
		off = *offp;
		if (off > EXECSNOOP_PATH_MAX - EXECSNOOP_NAME_MAX)
			break;
		n = bpf_probe_read_kernel_str(data + base + off, EXECSNOOP_NAME_MAX,
					      BPF_CORE_READ(kn, name));
		if (n <= 0)
			break;
		*offp = off + n;
		kn = parent;
	}
	return (*offp & WALK_LEN) | WALK_TRUNCATED;
}

/* The cgroup's path unless user space already knows this cgroup ID: it
 * adds the IDs it has the paths of to cgroups_known. */
static __always_inline __u16 read_cgroup(__u32 kind, __u32 base, __u64 cgroup_id, __u32 *flags)
{
	struct execsnoop_cgroups_known *known;
	__u32 zero = 0, set = cgroup_id % EXECSNOOP_CGROUP_SETS;
	int r;

	_Static_assert(EXECSNOOP_CGROUP_WAYS == 2, "the check below reads two slots");
	known = bpf_map_lookup_elem(&cgroups_known, &zero);
	if (known && (known->id[set][0] == cgroup_id || known->id[set][1] == cgroup_id))
		return 0;
	*flags |= EXECSNOOP_F_CGROUP_PATH;
	r = walk_cgroup(kind, base);
	if (r & WALK_TRUNCATED)
		*flags |= EXECSNOOP_F_CGROUP_TRUNCATED;
	return r & PATH_MASK;	/* at most EXECSNOOP_PATH_MAX: a bound for the verifier */
}

/*
 * The task's root, where walk_dentry() stops: read once for the event's
 * paths.  The pointers that go to walk_dentry(), or into a map, are read
 * with bpf_probe_read_kernel() in tp_btf programs too: the verifier takes
 * them as plain numbers then, as a global function's arguments must be.
 */
static __always_inline struct fs_struct *set_root(struct exec_buf *buf, struct task_struct *task,
						  const bool btf)
{
	struct fs_struct *fs = READ(btf, task->fs, task, fs);

	buf->root_dentry = (__u64)BPF_CORE_READ(fs, root.dentry);
	buf->root_mnt = (__u64)BPF_CORE_READ(fs, root.mnt);
	return fs;	/* for read_cwd_cgroup() */
}

/* A path into buf->data[base..], its flags into the header. */
static __always_inline __u16 read_path(struct exec_buf *buf, __u32 kind, __u32 base,
				       struct dentry *dentry, struct vfsmount *vfsmnt,
				       __u32 truncated, __u32 deleted)
{
	int r = walk_dentry(kind, base, (__u64)dentry, (__u64)vfsmnt);

	if (r & WALK_TRUNCATED)
		buf->hdr.flags |= truncated;
	if (r & WALK_DELETED)
		buf->hdr.flags |= deleted;
	return r & PATH_MASK;	/* as in read_cgroup() */
}

/* cwd and cgroup, after the file name (and exe) at buf->data[0..base). */
static __always_inline __u32 read_cwd_cgroup(struct exec_buf *buf, __u32 kind, __u32 base,
					     struct fs_struct *fs)
{
	struct execsnoop_exec *e = &buf->hdr;

	e->cwd_len = read_path(buf, kind, base, BPF_CORE_READ(fs, pwd.dentry),
			       BPF_CORE_READ(fs, pwd.mnt),
			       EXECSNOOP_F_CWD_TRUNCATED, EXECSNOOP_F_CWD_DELETED);
	e->flags |= EXECSNOOP_F_CWD;
	base = (base + e->cwd_len) & BASE_MASK;
	e->cgroup_len = read_cgroup(kind, base, e->ctx.cgroup_id, &e->flags);
	return (base + e->cgroup_len) & BASE_MASK;
}

/* The new program's environment, NAME=value strings as in its memory. */
static __always_inline __u32 read_env(struct exec_buf *buf, __u32 base, struct mm_struct *mm)
{
	__u64 start = BPF_CORE_READ(mm, env_start);
	__u64 len = BPF_CORE_READ(mm, env_end) - start;

	if (base > PATHS_MAX + EXECSNOOP_ARGS_MAX)
		return 0;
	if (len > EXECSNOOP_ENV_MAX) {
		len = EXECSNOOP_ENV_MAX;
		buf->hdr.flags |= EXECSNOOP_F_ENV_TRUNCATED;
	}
	if (bpf_probe_read_user(buf->data + base, len, (void *)start)) {
		buf->hdr.flags |= EXECSNOOP_F_ENV_UNREADABLE;
		return 0;
	}
	return len;
}

static __always_inline int exec_common(struct task_struct *task, pid_t old_pid,
				   struct linux_binprm *bprm, const bool btf)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 ugid = bpf_get_current_uid_gid();
	__u32 uid = (__u32)ugid;
	struct exec_buf *buf;
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct file *file;
	__u64 start, len;
	__u32 base;
	long fname_len;

	if (!in_tree(pid) || !wanted(task, uid, btf))
		return 0;
	buf = exec_buf_get(BUF_EXEC);
	if (!buf)
		return 0;
	fill_header(&buf->hdr, pid, old_pid, wanted_parent(task, btf));
	fill_ctx(&buf->hdr.ctx, task, pid, buf->hdr.ppid, ugid, btf);

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
	base = fname_len;

	fs = set_root(buf, task, btf);
	file = READ(btf, bprm->file, bprm, file);
	buf->hdr.exe_len = read_path(buf, BUF_EXEC, base,
				     BPF_CORE_READ(file, f_path.dentry), BPF_CORE_READ(file, f_path.mnt),
				     EXECSNOOP_F_EXE_TRUNCATED, EXECSNOOP_F_EXE_DELETED);
	buf->hdr.flags |= EXECSNOOP_F_EXE;
	base = read_cwd_cgroup(buf, BUF_EXEC, (base + buf->hdr.exe_len) & BASE_MASK, fs);
	if (base > PATHS_MAX)
		return 0;

	mm = READ(btf, task->mm, task, mm);
	start = READ(btf, mm->arg_start, mm, arg_start);
	len = READ(btf, mm->arg_end, mm, arg_end) - start;
	if (len > EXECSNOOP_ARGS_MAX) {
		len = EXECSNOOP_ARGS_MAX;
		buf->hdr.flags |= EXECSNOOP_F_ARGS_TRUNCATED;
	}
	if (bpf_probe_read_user(buf->data + base, len, (void *)start)) {
		len = 0;
		buf->hdr.flags |= EXECSNOOP_F_ARGS_UNREADABLE;
	}
	buf->hdr.args_len = len;
	base += len;
	if (capture_env) {
		buf->hdr.env_len = read_env(buf, base, mm);
		base += buf->hdr.env_len;
	}

	submit(&buf->hdr, sizeof(buf->hdr) + base);
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
	__u32 base;	/* where the strings start in buf->data */
	__u32 off;	/* bytes of strings read so far */
	__u32 flags;
};

/* One string of an argv- or envp-style array into r->buf, at most max
 * bytes in all: 0 to go on, 1 at the end or on an error. */
static __always_inline long read_one_string(__u32 i, struct argv_reader *r, __u32 max_base,
					    __u32 max, __u32 truncated, __u32 unreadable)
{
	const char *arg = NULL;
	__u32 base = r->base, off = r->off;
	long n;

	if (bpf_probe_read_user(&arg, sizeof(arg), &r->argv[i]) || !arg)
		return 1;
	/* Both checks bound the destination for the verifier. */
	if (base > max_base)
		return 1;
	if (off >= max) {
		r->flags |= truncated;
		return 1;
	}
	n = bpf_probe_read_user_str(r->buf->data + base + off, max - off, arg);
	if (n <= 0) {
		r->flags |= unreadable;
		return 1;
	}
	r->off = off + n;
	if (r->off >= max)
		r->flags |= truncated;
	return 0;
}

static long read_one_arg(__u32 i, void *data)
{
	return read_one_string(i, data, PATHS_MAX, EXECSNOOP_ARGS_MAX, EXECSNOOP_F_ARGS_TRUNCATED,
			       EXECSNOOP_F_ARGS_UNREADABLE);
}

static long read_one_env(__u32 i, void *data)
{
	return read_one_string(i, data, PATHS_MAX + EXECSNOOP_ARGS_MAX, EXECSNOOP_ENV_MAX,
			       EXECSNOOP_F_ENV_TRUNCATED, EXECSNOOP_F_ENV_UNREADABLE);
}

/* The strings of array into buf->data[base..], at most max bytes. */
static __always_inline __u32 read_strings(struct exec_buf *buf, __u32 base,
					  const char *const *array, bool env)
{
	struct argv_reader r = {};

	r.buf = buf;
	r.argv = array;
	r.base = base;
	if (!array)
		return 0;
	if (env) {
		bpf_loop(EXECSNOOP_ENV_MAX, read_one_env, &r, 0);
		if (r.off > EXECSNOOP_ENV_MAX)
			r.off = EXECSNOOP_ENV_MAX;
	} else {
		bpf_loop(EXECSNOOP_ARGS_MAX, read_one_arg, &r, 0);
		if (r.off > EXECSNOOP_ARGS_MAX)
			r.off = EXECSNOOP_ARGS_MAX;
	}
	buf->hdr.flags |= r.flags;
	return r.off;
}

static __always_inline int report_failed_exec(const char *filename, const char *const *argv,
					      const char *const *envp, long ret)
{
	/* -x needs the kernel's BTF anyway (bpf_task_pt_regs()). */
	struct task_struct *task = bpf_get_current_task_btf();
	__u64 id = bpf_get_current_pid_tgid();
	__u32 pid = id >> 32;
	__u64 ugid = bpf_get_current_uid_gid();
	__u32 uid = (__u32)ugid;
	struct exec_buf *buf;
	long fname_len;
	__u32 base;

	if (!in_tree(pid) || !wanted(task, uid, true))
		return 0;
	buf = exec_buf_get(BUF_FAILED);
	if (!buf)
		return 0;
	fill_header(&buf->hdr, pid, (__u32)id, wanted_parent(task, true));
	fill_ctx(&buf->hdr.ctx, task, pid, buf->hdr.ppid, ugid, true);
	buf->hdr.ret = ret;

	fname_len = bpf_probe_read_user_str(buf->data, EXECSNOOP_FILENAME_MAX, filename);
	if (fname_len < 0)
		fname_len = 0;
	if (fname_len >= EXECSNOOP_FILENAME_MAX) {
		fname_len = EXECSNOOP_FILENAME_MAX;
		buf->hdr.flags |= EXECSNOOP_F_FILENAME_TRUNCATED;
	}
	buf->hdr.filename_len = fname_len;
	base = read_cwd_cgroup(buf, BUF_FAILED, fname_len, set_root(buf, task, true));
	if (base > PATHS_MAX)
		return 0;

	buf->hdr.args_len = read_strings(buf, base, argv, false);
	base += buf->hdr.args_len;
	if (capture_env && base <= PATHS_MAX + EXECSNOOP_ARGS_MAX) {
		buf->hdr.env_len = read_strings(buf, base, envp, true);
		base += buf->hdr.env_len;
	}

	submit(&buf->hdr, sizeof(buf->hdr) + base);
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
				  (const char *const *)PT_REGS_PARM2_CORE_SYSCALL(regs),
				  (const char *const *)PT_REGS_PARM3_CORE_SYSCALL(regs), ctx->ret);
}

SEC("tp/syscalls/sys_exit_execveat")
int handle_execveat_exit(struct trace_event_raw_sys_exit *ctx)
{
	struct pt_regs *regs;

	if (ctx->ret >= 0)
		return 0;
	regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	return report_failed_exec((const char *)PT_REGS_PARM2_CORE_SYSCALL(regs),
				  (const char *const *)PT_REGS_PARM3_CORE_SYSCALL(regs),
				  (const char *const *)PT_REGS_PARM4_CORE_SYSCALL(regs), ctx->ret);
}

/* ---- process tree ---------------------------------------------------- */

/* Attached only when a tree is traced (-p, command mode). */
static __always_inline int fork_common(struct task_struct *parent, struct task_struct *child,
				   const bool btf)
{
	__u32 ppid = READ(btf, parent->tgid, parent, tgid);
	__u32 pid = READ(btf, child->tgid, child, tgid);
	__u8 one = 1;

	if (pid == ppid)	/* a new thread, not a new process */
		return 0;
	if (!filter_tree || !bpf_map_lookup_elem(&tree, &ppid))
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
	struct task_struct *leader;
	struct execsnoop_exit *e;
	struct exit_buf *buf;
	__u32 uid, zero = 0;
	__u64 ugid, now, duration;
	bool traced;
	__u16 len;

	/* Always, so that the tree holds live processes only: a stale
	 * entry would let a later process with the same PID into the trace. */
	traced = !filter_tree || !bpf_map_delete_elem(&tree, &pid);
	if (!report_exits || !traced)
		return 0;
	ugid = bpf_get_current_uid_gid();
	uid = (__u32)ugid;
	leader = READ(btf, task->group_leader, task, group_leader);
	now = bpf_ktime_get_ns();
	duration = now - READ(btf, leader->start_time, leader, start_time);
	if (duration < min_duration_ns || !wanted(task, uid, btf))
		return 0;
	buf = bpf_map_lookup_elem(&exit_bufs, &zero);
	if (!buf)
		return 0;
	e = &buf->hdr;
	e->type = EXECSNOOP_EXIT;
	e->pad = 0;
	e->flags = 0;
	e->duration_ns = duration;
	e->pid = pid;
	e->tid = (__u32)bpf_get_current_pid_tgid();
	e->ppid = wanted_parent(task, btf);
	e->ts_ns = now;
	/* What wait(2) will report: the group exit code after exit_group()
	 * or a fatal signal, else the leader's own exit code. */
	if (READ(btf, task->signal->flags, task, signal, flags) & SIGNAL_GROUP_EXIT)
		e->status = READ(btf, task->signal->group_exit_code, task, signal, group_exit_code);
	else
		e->status = READ(btf, leader->exit_code, leader, exit_code);
	/* The process's name is the leader's; other threads may have renamed
	 * themselves. */
	BPF_CORE_READ_STR_INTO(&e->comm, leader, comm);
	fill_ctx(&e->ctx, task, pid, e->ppid, ugid, btf);
	len = read_cgroup(BUF_EXIT, 0, e->ctx.cgroup_id, &e->flags);
	e->cgroup_len = len;

	submit(e, sizeof(*e) + len);
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
