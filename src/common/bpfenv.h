/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bpfenv: what the tools need from the system around them (privileges,
 * kernel BTF, tracefs) and one-line explanations when it is missing.
 */
#ifndef COREBPF_BPFENV_H
#define COREBPF_BPFENV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <bpf/libbpf.h>

#define BPFENV_BTF_PATH "/sys/kernel/btf/vmlinux"

/* What every tool does after parsing its options: libbpf's log goes to
 * stderr with -v and nowhere otherwise (errors are explained in one line
 * instead), and without privileges it stops here, with a message.
 * 0, or -EPERM. */
int bpfenv_setup(bool verbose);

/* Whether the process has the capabilities to load and attach tracing
 * programs: CAP_SYS_ADMIN, or CAP_BPF with CAP_PERFMON (Linux 5.8+). */
bool bpfenv_privileged(void);
/* Print why we cannot start without privileges. */
void bpfenv_report_unprivileged(void);

/* The tracefs directory holding trace_pipe; NULL, with the reason printed
 * ("for what" says which feature needs it), when tracefs is not mounted or
 * not accessible to this user. */
const char *bpfenv_tracefs(const char *for_what);

/* The same, but where tracefs is not mounted at all: mount it in a mount
 * namespace of this process's own (as root), which the process stays in
 * until bpfenv_tracefs_leave(): long enough for libbpf to look up
 * tracepoints, with no change to the system's mounts. */
const char *bpfenv_tracefs_private(const char *for_what);

/* Back to the mount namespace the process started in, if
 * bpfenv_tracefs_private() left it; the private one, and its tracefs
 * mount, go away.  0, or -errno. */
int bpfenv_tracefs_leave(void);

/* Check the kernel BTF the tools will use: a file given with --btf (which
 * must hold BTF: raw, or a vmlinux with a .BTF section), or else the
 * kernel's own.  0, or -errno with the reason printed. */
int bpfenv_check_btf(const char *custom_path);

/* One line on stderr explaining a failed libbpf step ("load", "attach")
 * from its negative errno. */
void bpfenv_report(const char *step, int err);

/* Whether this process is in the initial PID namespace, whose PIDs are
 * those BPF programs see: 1 if so, 0 if not, with the namespace's device
 * and inode in *dev and *ino (for bpf_get_ns_current_pid_tgid()); -errno
 * if /proc/self/ns/pid cannot be read. */
int bpfenv_pidns(uint64_t *dev, uint64_t *ino);

/* After attaching: give up every capability (the bounding set too, where
 * CAP_SETPCAP allows), become the user nobody when started as root (where
 * CAP_SETUID allows), and set no_new_privs, so that the code handling
 * untrusted event data runs without root's powers.  keep_kill keeps
 * CAP_KILL alone, for passing signals on to a command running as root.
 * Returns 0, or -errno if that failed: the tools then stop rather than run
 * with privileges. */
int bpfenv_drop_privileges(bool keep_kill);

#endif /* COREBPF_BPFENV_H */
