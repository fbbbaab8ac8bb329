// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * minimal: the BPF "hello world", as in libbpf-bootstrap.
 *
 * A tracepoint program on every write() that prints a line to the kernel
 * trace buffer, but only for the minimal process itself, whose PID user
 * space stores in my_pid, and tells user space which PID that line carries.  It uses no CO-RE and no kernel BTF: only the UAPI
 * <linux/bpf.h> and libbpf's helper definitions.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

/* Set by user space after load (a .bss global, writable from both sides). */
int my_pid = 0;

/* Written here for user space: the caller's thread ID as the trace line's
 * task field shows it, that of the initial PID namespace, which minimal
 * cannot learn otherwise when it runs in another one. */
int trace_pid = 0;

/* Set before load when minimal runs in another PID namespace than the
 * initial one (a container): my_pid is then a PID of that namespace. */
const volatile __u64 pidns_dev = 0;
const volatile __u64 pidns_ino = 0;

SEC("tp/syscalls/sys_enter_write")
int handle_tp(void *ctx)
{
	struct bpf_pidns_info ns;
	int pid;

	if (pidns_ino) {
		/* Fails for a caller in another namespace. */
		if (bpf_get_ns_current_pid_tgid(pidns_dev, pidns_ino, &ns, sizeof(ns)))
			return 0;
		pid = ns.tgid;
	} else {
		pid = bpf_get_current_pid_tgid() >> 32;
	}
	if (pid != my_pid)
		return 0;

	trace_pid = (__u32)bpf_get_current_pid_tgid();

	bpf_printk("BPF triggered from PID %d.\n", pid);
	return 0;
}
