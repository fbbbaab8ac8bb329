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
};

/* An exec(), successful (ret == 0) or failed (ret == -errno).  Followed in
 * the record by filename_len bytes of file name (NUL included) and args_len
 * bytes of NUL-separated arguments. */
struct execsnoop_exec {
	__u8 type;		/* EXECSNOOP_EXEC */
	__u8 flags;		/* enum execsnoop_flags */
	__u16 filename_len;
	__u32 args_len;
	__u32 pid;		/* thread group id, initial PID namespace */
	__u32 tid;		/* thread that called exec(); not shown */
	__u32 ppid;
	__u32 uid;
	__s32 ret;
	__u32 reserved;		/* 0 */
	__u64 ts_ns;		/* CLOCK_MONOTONIC */
	char comm[EXECSNOOP_COMM_LEN];
};

/* The end of a process (its last thread). */
struct execsnoop_exit {
	__u8 type;		/* EXECSNOOP_EXIT */
	__u8 flags;
	__u16 pad;
	__u32 pid;
	__u32 tid;
	__u32 ppid;
	__u32 uid;
	__s32 status;		/* wait(2) status: exit code << 8 | signal | 0x80 core */
	__u64 ts_ns;		/* CLOCK_MONOTONIC */
	__u64 duration_ns;	/* since the process was forked */
	char comm[EXECSNOOP_COMM_LEN];
};

#endif /* COREBPF_EXECSNOOP_H */
