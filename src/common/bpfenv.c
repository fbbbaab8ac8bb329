// SPDX-License-Identifier: GPL-2.0-or-later
/* bpfenv: system requirements and their error messages; see bpfenv.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include <bpf/btf.h>

#include "bpfenv.h"
#include "tool.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif
#ifndef ENOTSUPP
#define ENOTSUPP 524	/* kernel-internal, but returned by bpf() */
#endif

static bool verbose;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (!verbose)
		return 0;
	return vfprintf(stderr, fmt, ap);
}

/* The effective capability mask from /proc/self/status. */
static int cap_effective(uint64_t *mask)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "CapEff:", 7)) {
			*mask = strtoull(line + 7, NULL, 16);
			ret = 0;
			break;
		}
	}
	fclose(f);
	return ret;
}

bool bpfenv_privileged(void)
{
	uint64_t eff;

	if (cap_effective(&eff))
		return geteuid() == 0;	/* no /proc: let the kernel decide */
	if (eff & (1ULL << CAP_SYS_ADMIN))
		return true;
	return (eff & (1ULL << CAP_BPF)) && (eff & (1ULL << CAP_PERFMON));
}

void bpfenv_report_unprivileged(void)
{
	fprintf(stderr, "%s: loading BPF programs needs privileges: run it as root "
		"(or with CAP_BPF and CAP_PERFMON, Linux 5.8+)\n", tool_name);
}

int bpfenv_setup(bool v)
{
	verbose = v;
	libbpf_set_print(libbpf_print);
	if (!bpfenv_privileged()) {
		bpfenv_report_unprivileged();
		return -EPERM;
	}
	return 0;
}

#define TRACEFS_DIR "/sys/kernel/tracing"

/* The tracefs directory holding trace_pipe, or NULL; *denied when one
 * exists that this user may not read. */
static const char *tracefs_find(bool *denied)
{
	static const char *const dirs[] = { TRACEFS_DIR, "/sys/kernel/debug/tracing" };
	char path[64];
	size_t i;

	*denied = false;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/trace_pipe", dirs[i]);
		if (access(path, F_OK) == 0)
			return dirs[i];
		if (errno == EACCES)
			*denied = true;
	}
	return NULL;
}

static void tracefs_complain(const char *for_what, bool denied)
{
	if (denied)
		/* tracefs is mode 0700, root's: CAP_BPF and CAP_PERFMON do not open it. */
		fprintf(stderr, "%s: %s needs tracefs, which this user may not read "
			"(/sys/kernel/tracing is root's, mode 0700); run it as root\n",
			tool_name, for_what);
	else
		fprintf(stderr, "%s: %s needs tracefs, which is not mounted; mount it with: "
			"mount -t tracefs tracefs /sys/kernel/tracing\n", tool_name, for_what);
}

const char *bpfenv_tracefs(const char *for_what)
{
	bool denied;
	const char *dir = tracefs_find(&denied);

	if (!dir)
		tracefs_complain(for_what, denied);
	return dir;
}

/* The mount namespace to go back to after bpfenv_tracefs_private(), or -1. */
static int outer_mntns = -1;

const char *bpfenv_tracefs_private(const char *for_what)
{
	bool denied;
	const char *dir = tracefs_find(&denied);
	int fd;

	if (dir || denied)
		goto out;
	/* A mount namespace of our own, whose mounts do not propagate back,
	 * and tracefs mounted there: nothing changes for the rest of the
	 * system, and the mount goes away with the namespace. */
	fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto out;
	if (unshare(CLONE_NEWNS)) {
		close(fd);
		goto out;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 &&
	    mount("tracefs", TRACEFS_DIR, "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
		outer_mntns = fd;
		return TRACEFS_DIR;
	}
	if (setns(fd, CLONE_NEWNS))
		fprintf(stderr, "%s: cannot return to the mount namespace: %s\n", tool_name,
			strerror(errno));
	close(fd);
out:
	if (!dir)
		tracefs_complain(for_what, denied);
	return dir;
}

int bpfenv_tracefs_leave(void)
{
	int err = 0;

	if (outer_mntns < 0)
		return 0;
	if (setns(outer_mntns, CLONE_NEWNS))
		err = -errno;
	close(outer_mntns);
	outer_mntns = -1;
	return err;
}

int bpfenv_check_btf(const char *custom_path)
{
	struct btf *btf;
	int err;

	if (!custom_path) {
		if (access(BPFENV_BTF_PATH, R_OK) == 0)
			return 0;
		err = -errno;
		if (err == -ENOENT)
			fprintf(stderr, "%s: no kernel BTF at %s: this kernel was built without "
				"CONFIG_DEBUG_INFO_BTF; give its BTF with --btf FILE (for example "
				"from BTFHub), or use a kernel with BTF\n", tool_name, BPFENV_BTF_PATH);
		else
			fprintf(stderr, "%s: cannot read kernel BTF %s: %s\n", tool_name,
				BPFENV_BTF_PATH, strerror(-err));
		return err;
	}
	if (access(custom_path, R_OK)) {
		err = -errno;
		fprintf(stderr, "%s: --btf %s: %s\n", tool_name, custom_path, strerror(-err));
		return err;
	}
	btf = btf__parse(custom_path, NULL);
	if (!btf) {
		err = -errno;
		fprintf(stderr, "%s: --btf %s: no BTF in this file; give a raw BTF file or a "
			"vmlinux built with BTF\n", tool_name, custom_path);
		return err;
	}
	/* CO-RE needs the kernel's types, not any BTF. */
	err = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT) < 0 ? -ENOENT : 0;
	btf__free(btf);
	if (err)
		fprintf(stderr, "%s: --btf %s: this BTF has no struct task_struct: not a kernel's BTF\n",
			tool_name, custom_path);
	return err;
}

void bpfenv_report(const char *step, int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EPERM:
		if (!bpfenv_privileged()) {
			bpfenv_report_unprivileged();
			return;
		}
		fprintf(stderr, "%s: the kernel refused to %s the BPF programs: %s "
			"(a security module or lockdown may forbid BPF); rerun with -v for details\n",
			tool_name, step, strerror(err));
		return;
	case ENOSYS:
		fprintf(stderr, "%s: this kernel has no BPF support (CONFIG_BPF_SYSCALL)\n", tool_name);
		return;
	case ENOENT:
	case ESRCH:
		/* libbpf: no such tracepoint, or no BTF type for it */
		fprintf(stderr, "%s: cannot %s the BPF programs: this kernel lacks a tracepoint "
			"they attach to (sched:sched_process_exec, _exit and _fork, in Linux since "
			"3.4; syscalls:sys_enter_write for minimal); rerun with -v for which\n",
			tool_name, step);
		return;
	case ENOTSUPP:
	case EOPNOTSUPP:
		fprintf(stderr, "%s: cannot %s the BPF programs: this kernel lacks a needed BPF "
			"feature; rerun with -v for details\n", tool_name, step);
		return;
	default: {
		char msg[128];

		/* libbpf has error codes of its own, above 4000. */
		libbpf_strerror(err, msg, sizeof(msg));
		fprintf(stderr, "%s: cannot %s the BPF programs: %s; rerun with -v for libbpf's log\n",
			tool_name, step, msg);
	}
	}
}

/* The initial PID namespace's inode number, fixed by the kernel. */
#define PROC_PID_INIT_INO 0xEFFFFFFCU

int bpfenv_pidns(uint64_t *dev, uint64_t *ino)
{
	struct stat st;

	if (stat("/proc/self/ns/pid", &st))
		/* A kernel without CONFIG_PID_NS has the initial one only. */
		return errno == ENOENT ? 1 : -errno;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return st.st_ino == PROC_PID_INIT_INO;
}

/*
 * Started as root, the tools become the user nobody: a process of UID 0
 * keeps the owner's rights over root's files (/etc/passwd, most of
 * /proc/sys) without any capability.  nobody owns no file.  Root reduced
 * to a few capabilities (no CAP_SETUID) cannot change its IDs, and keeps
 * them.  0, or -errno.
 */
static int drop_identity(bool keep_kill)
{
	uid_t ruid, euid, suid, uid = 65534;
	gid_t gid = 65534;
	struct passwd *pw;
	uint64_t eff;

	if (getresuid(&ruid, &euid, &suid))
		return -errno;
	if (ruid && euid && suid)
		return 0;
	if (!cap_effective(&eff) &&
	    (!(eff & (1ULL << CAP_SETUID)) || !(eff & (1ULL << CAP_SETGID))))
		return 0;
	pw = getpwnam("nobody");
	if (pw) {
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	}
	if (setgroups(0, NULL) || setresgid(gid, gid, gid))
		return -errno;
	/* Command mode: keep CAP_KILL across the change, to pass signals on
	 * to COMMAND, which runs as root. */
	if (keep_kill && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return -errno;
	if (setresuid(uid, uid, uid))
		return -errno;
	if (keep_kill)
		prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	/* The kernel does this on the change too (suid_dumpable): no process
	 * of nobody's may ptrace us or read our memory. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		return -errno;
	return 0;
}

int bpfenv_drop_privileges(bool keep_kill)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];
	int cap, err;

	/* The bounding and ambient sets first: that needs CAP_SETPCAP, which
	 * the changes below give up. */
	for (cap = 0; cap <= 63; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) && errno == EINVAL)
			break;	/* past the kernel's last capability */
#ifdef PR_CAP_AMBIENT
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
#endif
	err = drop_identity(keep_kill);
	if (err)
		return err;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	memset(data, 0, sizeof(data));
	if (keep_kill)
		data[0].effective = data[0].permitted = 1u << CAP_KILL;
	if (syscall(SYS_capset, &hdr, data))
		return -errno;
	return 0;
}
