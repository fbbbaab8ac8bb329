#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the test initramfs (busybox): mounts what the tools need, runs
# the installed minimal and execsnoop against the guest's kernel, and
# reports on the serial console:
#   VMCHECK ok: ... / VMCHECK FAIL: ...   the guest's own checks
#   VMJSON {...}                           execsnoop -j output, for the host
#   VMCHECK DONE                           the end
# then powers the machine off.
/bin/busybox --install -s /bin
export PATH=/usr/sbin:/usr/bin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmp /tmp
mount -t tracefs tracefs /sys/kernel/tracing
mount -t cgroup2 cgroup2 /sys/fs/cgroup
exec >/dev/console 2>&1

# A hang ends the run with a FAIL naming the step, not at the host's timeout.
step() { echo "$*" >/tmp/step; }
( sleep 600; echo "VMCHECK FAIL: guest watchdog: stuck in: $(cat /tmp/step)"; poweroff -f ) &
ok() { echo "VMCHECK ok: $*"; }
bad() { echo "VMCHECK FAIL: $*"; }
tag=vmtag$$
echo; echo "VMCHECK kernel: $(uname -r) $(uname -m)"

# check_minimal WHAT [ARG...]: minimal prints the trace line of its own PID
# (the task field and the message) on its stdout, and exits 0 on SIGINT
# (Once, on 5.10 arm64 under TCG, minimal --btf printed no line in 20 s,
# with no error, while the host also ran an exec storm on both its CPUs.
# A second try is made then, and the first one's output and the trace
# buffer's last lines are in the ok line, so that the host's log keeps them.)
check_minimal() {
	what=$1
	shift
	step "$what"
	first=
	for try in 1 2; do
		minimal "$@" >/tmp/min.out 2>/tmp/min.err &
		pid=$!
		found=
		for i in $(seq 1 100); do
			if grep -Eq -e "-$pid +\[[0-9]+\] .* BPF triggered from PID $pid\.\$" /tmp/min.out; then found=1; break; fi
			sleep 0.2
		done
		kill -INT $pid; wait $pid; st=$?
		[ -n "$found" ] && [ "$st" = 0 ] && break
		[ "$try" = 2 ] || first="first try: found=$found status=$st $(cat /tmp/min.out /tmp/min.err | tr '\n' ' ')trace: $(tail -n 3 /sys/kernel/tracing/trace 2>&1 | tr '\n' ' ')"
	done
	[ -n "$found" ] && [ "$st" = 0 ] && ok "$what: trace line for PID $pid on its stdout, status $st${first:+ (second try; $first)}" ||
		bad "$what: found=$found status=$st $(cat /tmp/min.out /tmp/min.err)${first:+; $first}"
}
check_minimal minimal

# --no-read: the line is left in the trace buffer, where the guest reads it
step "minimal --no-read"
minimal --no-read >/tmp/min.out 2>/dev/null &
pid=$!
found=
for i in $(seq 1 100); do
	if grep -q "BPF triggered from PID $pid\." /sys/kernel/tracing/trace; then found=1; break; fi
	sleep 0.2
done
kill -INT $pid; wait $pid; st=$?
[ -n "$found" ] && [ "$st" = 0 ] &&
	grep -q "^Successfully started! Run 'cat /sys/kernel/tracing/trace_pipe'" /tmp/min.out &&
	ok "minimal --no-read: trace line for PID $pid in the trace buffer, status $st" ||
	bad "minimal --no-read: found=$found status=$st $(cat /tmp/min.out)"

# Without tracefs, minimal mounts its own, privately (the guest's mounts
# stay as they are), and "minimal | head -n 1" ends with status 0; with
# --no-read, one line and status 1.
step "minimal without tracefs"
umount /sys/kernel/tracing
{ minimal 2>/tmp/min.err; echo "status $?" >/tmp/min.st; } | head -n 1 >/tmp/min.out
grep -Eq -e "-[0-9]+ +\[[0-9]+\] .* BPF triggered from PID [0-9]+\.\$" /tmp/min.out &&
	[ "$(cat /tmp/min.st)" = "status 0" ] && ! grep -qw tracefs /proc/mounts &&
	ok "minimal without tracefs: trace line on its stdout, minimal | head -n 1 status 0, no mount left" ||
	bad "minimal without tracefs: $(cat /tmp/min.st /tmp/min.out /tmp/min.err; grep -w tracefs /proc/mounts)"
minimal --no-read >/tmp/min.out 2>/tmp/min.err
st=$?
[ "$st" = 1 ] && [ "$(cat /tmp/min.err)" = "minimal: the trace output needs tracefs, which is not mounted; mount it with: mount -t tracefs tracefs /sys/kernel/tracing" ] &&
	ok "minimal --no-read without tracefs: one line, status 1" ||
	bad "minimal --no-read without tracefs: status $st: $(cat /tmp/min.err)"
mount -t tracefs tracefs /sys/kernel/tracing

# -x needs bpf_loop(), of Linux 5.17: older kernels get one line saying so
kver=$(uname -r | sed 's/^\([0-9]*\)\.\([0-9]*\).*/\1 \2/')
set -- $kver
kmaj=$1 kmin=$2
if [ "$kmaj" -gt 5 ] || { [ "$kmaj" = 5 ] && [ "$kmin" -ge 17 ]; }; then xopt=-x; else xopt=; fi
if [ -z "$xopt" ]; then
	step "execsnoop -x before 5.17"
	execsnoop -x -- /bin/true >/tmp/nox.out 2>/tmp/nox.err
	st=$?
	[ "$st" = 1 ] && [ ! -s /tmp/nox.out ] &&
		[ "$(cat /tmp/nox.err)" = "execsnoop: --fails needs the bpf_loop() helper of Linux 5.17 or later" ] &&
		ok "execsnoop -x before 5.17: one line, status 1: $(cat /tmp/nox.err)" ||
		bad "execsnoop -x before 5.17: status $st: $(cat /tmp/nox.err /tmp/nox.out)"
fi

step "execsnoop -e${xopt:+ $xopt} -j"
# execsnoop: a tagged exec with exact arguments, a failed exec (with -x),
# an exit code and a signal, in JSON (checked by the host)
# from a directory with a space in its name (cwd), with a login UID set
# before one exec (auid), and a setuid-root, setgid-42 copy of busybox run
# as 65534:65533 (so uid, gid, euid and egid all differ): the context
# fields the kernel side reads; and one exec in a cgroup two levels down,
# named like a service (the cgroup walk, and kernfs_node's parent field,
# which 6.15 renamed); a second exec of one process and a subshell that
# never exec()s (the exec counts of task_struct behind the exec ids)
mkdir -p "/tmp/$tag dir" "/tmp/$tag-suid" "/sys/fs/cgroup/a/$tag.service"
cp /bin/busybox "/tmp/$tag-suid/busybox"
chgrp 42 "/tmp/$tag-suid/busybox"
chmod 6755 "/tmp/$tag-suid/busybox"
cd "/tmp/$tag dir"
execsnoop -e $xopt -j -- sh -c "/bin/echo $tag 'two words' '' >/dev/null; /nonexistent/x $tag-fail 2>/dev/null; sh -c 'exit 3' $tag-exit; sh -c 'kill -9 \$\$' $tag-kill; sh -c 'echo 77 >/proc/self/loginuid; exec /bin/echo $tag-login' >/dev/null; ( /bin/echo $tag-sub >/dev/null; : ); exec-helper as-user 65534 65533 /tmp/$tag-suid/busybox echo $tag-suid >/dev/null; sh -c 'echo \$\$ >/sys/fs/cgroup/a/$tag.service/cgroup.procs; exec /bin/echo $tag-cg' >/dev/null; exit 0" >/tmp/es.json 2>/tmp/es.err
st=$?
cd /
echo "VMCHECK boot_id: $(cat /proc/sys/kernel/random/boot_id)"
[ "$st" = 0 ] && ok "execsnoop -e${xopt:+ $xopt} -j: status 0" || bad "execsnoop -e${xopt:+ $xopt} -j: status $st: $(cat /tmp/es.err)"
echo "VMCHECK tag: $tag"
while IFS= read -r line; do echo "VMJSON $line"; done </tmp/es.json

step "threaded exits"
# a multi-threaded process ends once, with exit_group()'s code or its last
# thread's (kernels before 6.16 have no group_dead: the other exit path)
# On kernels whose tracepoint programs can be preempted (7.2 for one),
# the kernel skips the exit probe of one thread while another thread of the
# process is preempted inside it (a few runs in a hundred under emulation);
# execsnoop reports that as lost ("probe_skipped").  Such a run is done
# again, up to three times; a missing exit that is not reported fails on
# the host.
# traced OUT ARGS...: execsnoop -e -j -- ARGS into OUT, its status in st
traced() {
	out=$1
	shift
	for try in 1 2 3; do
		execsnoop -e -j -- "$@" >"$out" 2>&1
		st=$?
		grep -q '"reason":"probe_skipped"' "$out" || return 0
		echo "VMCHECK note: $*: the kernel skipped a probe run (try $try)"
	done
}
traced /tmp/t1.json exec-helper threads-exit 4 7
st1=$st
traced /tmp/t2.json exec-helper leader-exit 9
st2=$st
# When the leader ended first with SYS_exit, 6.1 and later give the wait
# status of the last thread (9); 5.10 gives the leader's own (0).  Either
# way execsnoop passes the status on, and its exit event must say the same
# (checked by the host).
if [ "$kmaj" -gt 5 ]; then leader=9; else leader=0; fi
[ "$st1" = 7 ] && [ "$st2" = "$leader" ] && ok "threaded exits: statuses 7 and $st2" ||
	bad "threaded exits: $st1 $st2 (expected 7 and $leader)"
echo "VMCHECK leader status: $st2"
while IFS= read -r line; do echo "VMTHREADS $line"; done </tmp/t1.json
while IFS= read -r line; do echo "VMLEADER $line"; done </tmp/t2.json

step "human output"
# human output, and the command's status passed through
execsnoop -- sh -c "/bin/echo $tag-human x y; exit 5" >/tmp/es.txt 2>&1
st=$?
grep -q "/bin/echo $tag-human x y\$" /tmp/es.txt && [ "$st" = 5 ] && ok "execsnoop human line, status 5" ||
	bad "execsnoop human: status $st: $(cat /tmp/es.txt)"

step "--btf"
# kernel BTF from a file: hide /sys/kernel/btf, give --btf
cp /sys/kernel/btf/vmlinux /tmp/vmlinux.btf
mount -t tmpfs none /sys/kernel/btf
execsnoop >/tmp/nobtf.txt 2>&1
st=$?
grep -q "no kernel BTF at /sys/kernel/btf/vmlinux" /tmp/nobtf.txt && [ "$st" = 1 ] &&
	ok "without kernel BTF: one line, status 1" || bad "without kernel BTF: status $st: $(cat /tmp/nobtf.txt)"
execsnoop --btf /tmp/vmlinux.btf -- /bin/echo "$tag-btf" >/tmp/btf.txt 2>&1
st=$?
grep -q "/bin/echo $tag-btf\$" /tmp/btf.txt && [ "$st" = 0 ] && ok "--btf FILE: traced" ||
	bad "--btf FILE: status $st: $(cat /tmp/btf.txt)"
execsnoop --btf /tmp/nope >/tmp/nope.txt 2>&1
st=$?
grep -q "^execsnoop: --btf /tmp/nope: No such file or directory\$" /tmp/nope.txt && [ "$st" = 1 ] &&
	ok "--btf missing file: one line, status 1" || bad "--btf missing: status $st: $(cat /tmp/nope.txt)"
execsnoop --btf /init >/tmp/notbtf.txt 2>&1
st=$?
grep -q "^execsnoop: --btf /init: no BTF in this file" /tmp/notbtf.txt && [ "$st" = 1 ] &&
	ok "--btf with a file that is not BTF: one line, status 1" || bad "--btf not BTF: status $st: $(cat /tmp/notbtf.txt)"
check_minimal "minimal --btf FILE" --btf /tmp/vmlinux.btf
umount /sys/kernel/btf

echo "VMCHECK DONE"
sync
poweroff -f
