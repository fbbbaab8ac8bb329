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
exec >/dev/console 2>&1

# A hang ends the run with a FAIL naming the step, not at the host's timeout.
step() { echo "$*" >/tmp/step; }
( sleep 600; echo "VMCHECK FAIL: guest watchdog: stuck in: $(cat /tmp/step)"; poweroff -f ) &
ok() { echo "VMCHECK ok: $*"; }
bad() { echo "VMCHECK FAIL: $*"; }
tag=vmtag$$
echo "VMCHECK kernel: $(uname -r) $(uname -m)"

# check_minimal WHAT [ARG...]: minimal's line for its own PID in the trace
# buffer, and status 0 on SIGINT
check_minimal() {
	what=$1
	shift
	step "$what"
	minimal "$@" >/tmp/min.out 2>/dev/null &
	pid=$!
	found=
	for i in $(seq 1 100); do
		if grep -q "BPF triggered from PID $pid\." /sys/kernel/tracing/trace; then found=1; break; fi
		sleep 0.2
	done
	kill -INT $pid; wait $pid; st=$?
	[ -n "$found" ] && [ "$st" = 0 ] && ok "$what: trace line for PID $pid, status $st" ||
		bad "$what: found=$found status=$st $(cat /tmp/min.out)"
}
check_minimal minimal

step "execsnoop -e -x -j"
# execsnoop: a tagged exec with exact arguments, a failed exec, an exit
# code and a signal, in JSON (checked by the host)
execsnoop -e -x -j -- sh -c "/bin/echo $tag 'two words' '' >/dev/null; /nonexistent/x $tag-fail 2>/dev/null; sh -c 'exit 3' $tag-exit; sh -c 'kill -9 \$\$' $tag-kill; exit 0" >/tmp/es.json 2>/tmp/es.err
st=$?
[ "$st" = 0 ] && ok "execsnoop -e -x -j: status 0" || bad "execsnoop -e -x -j: status $st: $(cat /tmp/es.err)"
echo "VMCHECK tag: $tag"
while IFS= read -r line; do echo "VMJSON $line"; done </tmp/es.json

step "threaded exits"
# a multi-threaded process ends once, with exit_group()'s code or its last
# thread's (kernels before 6.16 have no group_dead: the other exit path)
execsnoop -e -j -- exec-helper threads-exit 4 7 >/tmp/t1.json 2>&1
st1=$?
execsnoop -e -j -- exec-helper leader-exit 9 >/tmp/t2.json 2>&1
st2=$?
[ "$st1" = 7 ] && [ "$st2" = 9 ] && ok "threaded exits: statuses 7 and 9" || bad "threaded exits: $st1 $st2"
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
