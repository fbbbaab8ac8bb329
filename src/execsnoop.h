/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execsnoop: the record layout shared by the BPF programs and user space.
 *
 * Both sides include this after their own definition of the __u32-style
 * types (vmlinux.h in BPF, <linux/types.h> in user space).  Records are
 * written to the ring buffer as they are laid out here; user space never
 * trusts a length field without checking it against the record size.
 */
#ifndef COREBPF_EXECSNOOP_H
#define COREBPF_EXECSNOOP_H

#define EXECSNOOP_COMM_LEN 16
/* PATH_MAX: the longest file name exec() accepts. */
#define EXECSNOOP_FILENAME_MAX 4096
/* Argument text captured per exec; more is cut and flagged. */
#define EXECSNOOP_ARGS_MAX (64 * 1024)
/* A path the BPF side reads from the kernel's dentries (exe, cwd) or
 * kernfs nodes (cgroup): its components, leaf first, each ended by a NUL,
 * at most this many bytes and this many steps up the tree; more is flagged
 * truncated, never shown cut without saying so. */
#define EXECSNOOP_PATH_MAX 4096
#define EXECSNOOP_PATH_DEPTH 48
/* NAME_MAX + 1: one path component and its NUL. */
#define EXECSNOOP_NAME_MAX 256
/* tty_struct's name: "pts3", "tty1", "ttyS0". */
#define EXECSNOOP_TTY_LEN 64
/* The new program's environment, read only with --env. */
#define EXECSNOOP_ENV_MAX (32 * 1024)
/* The cgroup IDs whose paths user space keeps, in sets of two by ID
 * modulo the number of sets: written by user space (execsnoop_cgroups.c)
 * through a shared mapping, read by the kernel side, which sends a cgroup's
 * path only for an ID in neither slot of its set (0: an empty slot). */
#define EXECSNOOP_CGROUP_SETS 4096
#define EXECSNOOP_CGROUP_WAYS 2
/* audit's "unset" loginuid and session ID. */
#define EXECSNOOP_ID_UNSET 0xffffffffu

enum execsnoop_type {
	EXECSNOOP_EXEC = 1,
	EXECSNOOP_EXIT = 2,
};

enum execsnoop_flags {
	/* arguments beyond EXECSNOOP_ARGS_MAX bytes were not captured */
	EXECSNOOP_F_ARGS_TRUNCATED = 1 << 0,
	/* the file name filled EXECSNOOP_FILENAME_MAX and may be cut */
	EXECSNOOP_F_FILENAME_TRUNCATED = 1 << 1,
	/* the argument memory could not be read */
	EXECSNOOP_F_ARGS_UNREADABLE = 1 << 2,
	/* exe, cwd, cgroup: deeper or longer than the BPF side reads */
	EXECSNOOP_F_EXE_TRUNCATED = 1 << 3,
	EXECSNOOP_F_CWD_TRUNCATED = 1 << 4,
	EXECSNOOP_F_CGROUP_TRUNCATED = 1 << 5,
	/* exe, cwd: the file or directory was deleted, or has no name in any
	 * directory (a memfd): "(deleted)" follows, as in /proc/PID/exe */
	EXECSNOOP_F_EXE_DELETED = 1 << 6,
	EXECSNOOP_F_CWD_DELETED = 1 << 7,
	/* the record carries the cgroup's path (else user space has it) */
	EXECSNOOP_F_CGROUP_PATH = 1 << 8,
	/* the record carries the exe (a successful exec) */
	EXECSNOOP_F_EXE = 1 << 9,
	/* the record carries the cwd */
	EXECSNOOP_F_CWD = 1 << 10,
	/* the environment went beyond EXECSNOOP_ENV_MAX bytes, or could not be read */
	EXECSNOOP_F_ENV_TRUNCATED = 1 << 11,
	EXECSNOOP_F_ENV_UNREADABLE = 1 << 12,
};

/*
 * An exec_id: the process that exec()ed, by its PID and start time
 * (CLOCK_BOOTTIME ns, as task->start_boottime), and which of its execs
 * since it was forked: 1 for the first.  execs 0: a process whose program
 * could not be traced to an exec; it stands for its program.  pid 0: none.
 */
struct execsnoop_id {
	__u64 start_ns;
	__u32 pid;
	__u32 execs;
};

struct execsnoop_cgroups_known {
	__u64 id[EXECSNOOP_CGROUP_SETS][EXECSNOOP_CGROUP_WAYS];
};

/* Who, where, which program: in every record. */
struct execsnoop_ctx {
	__u32 uid, gid, euid, egid;
	__u32 auid;		/* login UID, EXECSNOOP_ID_UNSET if none */
	__u32 session;		/* audit session ID, EXECSNOOP_ID_UNSET if none */
	__u64 cgroup_id;	/* cgroup v2 */
	struct execsnoop_id exec_id;
	struct execsnoop_id parent_exec_id;
	char tty[EXECSNOOP_TTY_LEN];	/* "" if none */
};

/* An exec(), successful (ret == 0) or failed (ret == -errno).  Followed in
 * the record by filename_len bytes of file name (NUL included), the exe,
 * cwd and cgroup paths (exe_len, cwd_len, cgroup_len bytes, as
 * EXECSNOOP_PATH_MAX describes), args_len bytes of NUL-separated arguments
 * and env_len bytes of NUL-separated NAME=value strings. */
struct execsnoop_exec {
	__u8 type;		/* EXECSNOOP_EXEC */
	__u8 pad;
	__u16 filename_len;
	__u32 flags;		/* enum execsnoop_flags */
	__u16 exe_len;
	__u16 cwd_len;
	__u16 cgroup_len;
	__u16 pad2;
	__u32 args_len;
	__u32 env_len;
	__u32 pid;		/* thread group id, initial PID namespace */
	__u32 tid;		/* thread that called exec(); not shown */
	__u32 ppid;
	__s32 ret;
	__u64 ts_ns;		/* CLOCK_MONOTONIC */
	char comm[EXECSNOOP_COMM_LEN];
	struct execsnoop_ctx ctx;
};

/* The end of a process (its last thread).  Followed by cgroup_len bytes of
 * cgroup path. */
struct execsnoop_exit {
	__u8 type;		/* EXECSNOOP_EXIT */
	__u8 pad;
	__u16 cgroup_len;
	__u32 flags;
	__u32 pid;
	__u32 tid;
	__u32 ppid;
	__s32 status;		/* wait(2) status: exit code << 8 | signal | 0x80 core */
	__u64 ts_ns;		/* CLOCK_MONOTONIC */
	__u64 duration_ns;	/* since the process was forked */
	char comm[EXECSNOOP_COMM_LEN];
	struct execsnoop_ctx ctx;
};

#endif /* COREBPF_EXECSNOOP_H */
