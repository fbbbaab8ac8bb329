#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# execsnoop.service under a real systemd: a Debian 12 made by mmdebstrap
# boots in systemd-nspawn with corebpf installed by "make install" into it.
# Inside, a test unit (guest.sh) checks that the service is installed
# disabled, that "systemctl start execsnoop" records a tagged exec, a
# failed exec and an exit into that system's journal with their fields,
# that the service runs as nobody without capabilities, that "systemctl
# stop" leaves none of its BPF programs loaded, and that a failure to load
# is one clear line in "systemctl status"; its verdict is nspawn's status.
#
#     tests/service/systemd-unit.sh BUILDDIR
#
# Run by .ci/run as root (installs systemd-container and mmdebstrap);
# builds its image each time, nothing cached.  The host has no systemd:
# nspawn runs with --register=no --keep-unit, in cgroups of the test's own
# (removed at the end).  The container may use BPF (CAP_BPF, CAP_PERFMON
# and the bpf and perf_event_open system calls), and mounts tracefs itself.
set -u
build=$(cd "${1:?usage: $0 BUILDDIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /var/tmp/corebpf-nspawn.XXXXXX)
img=$work/img
fail() { echo "systemd-unit: FAIL: $*"; exit 1; }
cg=corebpf-nspawn-$$
hier=
for h in /sys/fs/cgroup/systemd /sys/fs/cgroup/unified /sys/fs/cgroup; do
	[ -e "$h/cgroup.procs" ] && hier="$hier $h"
	[ "$h" = /sys/fs/cgroup/unified ] && [ -e "$h/cgroup.procs" ] && break
done
cleanup() {
	local h
	for h in $hier; do
		[ -d "$h/$cg" ] && find "$h/$cg" -depth -type d -exec rmdir {} \; 2>/dev/null
	done
	rmdir /run/systemd/nspawn/propagate /run/systemd/nspawn/locks /run/systemd/nspawn 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
for p in systemd-container mmdebstrap; do
	dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed ||
		apt-get install -y -qq --no-install-recommends "$p" >/dev/null || fail "cannot install $p"
done

t=$SECONDS
mmdebstrap --quiet --variant=minbase --include=systemd,systemd-sysv,dbus,bpftool,libbpf1,libsystemd0,python3 \
	--customize-hook='echo corebpf-guest >"$1/etc/hostname"' \
	--customize-hook='mkdir -p "$1/var/log/journal" "$1/results"' \
	bookworm "$img" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/mmdebstrap.log" 2>&1 ||
	{ tail -n 20 "$work/mmdebstrap.log"; fail "mmdebstrap"; }
echo "image: $((SECONDS - t)) s"
# corebpf as "make install" puts it (under /usr/local, where systemd also
# looks for units and catalogs)
make -C "$build" install DESTDIR="$img" >"$work/install.log" 2>&1 || { tail "$work/install.log"; fail "make install"; }
unit=$(find "$img" -name execsnoop.service -path '*/systemd/system/*')
[ -n "$unit" ] || fail "make install installed no execsnoop.service"
echo "installed: ${unit#"$img"}"
install -m 755 "$here/guest.sh" "$img/usr/local/bin/corebpf-guest-test"
cat >"$img/etc/systemd/system/corebpf-guest-test.service" <<'UNIT'
[Unit]
Description=corebpf: execsnoop.service checks, then exit with their status
After=multi-user.target
SuccessAction=exit
FailureAction=exit
[Service]
Type=oneshot
ExecStart=/usr/local/bin/corebpf-guest-test
StandardOutput=journal+console
TimeoutStartSec=300
[Install]
WantedBy=multi-user.target
UNIT
ln -s ../corebpf-guest-test.service "$img/etc/systemd/system/multi-user.target.wants/"
# nspawn drops CAP_SYS_RAWIO, which sys-kernel-tracing.mount asks for;
# the container mounts tracefs in its own mount namespace all the same.
mkdir -p "$img/etc/systemd/system/sys-kernel-tracing.mount.d"
printf '[Unit]\nConditionCapability=\n' >"$img/etc/systemd/system/sys-kernel-tracing.mount.d/nspawn.conf"
chroot "$img" journalctl --update-catalog || fail "journalctl --update-catalog in the image"

for h in $hier; do mkdir "$h/$cg" || fail "cannot make cgroup $h/$cg"; done
mkdir -p "$work/results"
t=$SECONDS
sh -c 'for h in '"$hier"'; do echo $$ >"$h/'"$cg"'/cgroup.procs"; done
exec timeout -k 10 400 systemd-nspawn --quiet --boot --directory="$0" \
	--register=no --keep-unit --console=pipe --link-journal=no --private-network \
	--capability=CAP_BPF,CAP_PERFMON --system-call-filter="bpf perf_event_open" \
	--bind="$1:/results"' "$img" "$work/results" </dev/null >"$work/console.log" 2>&1
st=$?
echo "boot and checks: $((SECONDS - t)) s, nspawn status $st"
grep -E '^(ok|FAIL|all ok)' "$work/results/guest.log" 2>/dev/null
[ "$st" = 0 ] || { cat "$work/results/guest.log"; tail -n 30 "$work/console.log"; fail "the checks in the guest failed (status $st)"; }
echo "systemd-unit: ok"
