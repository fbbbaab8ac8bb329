#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build corebpf's rpm the way Fedora would (rpm/fedora.macros: its optflags,
# debuginfo, man page compression) from the dist tarball with
# "rpmbuild -ta", then check: no optflag reached clang -target bpf, the
# package holds exactly the tools, their pages and docs, and rpmlint finds
# no errors (rpm/rpmlint.toml lists what differs from Fedora, and why).
# Run by .ci/run, as root on Debian with the rpm and rpmlint packages.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/corebpf-rpm.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The tarball, from a clean clone of what is committed.
git clone -q "$top" "$work/src"
(cd "$work/src" && ./autogen.sh >/dev/null 2>&1 && ./configure -q && make -s dist >/dev/null)
version=$(sed -n 's/^Version: *//p' "$work/src/rpm/corebpf.spec")
tarball=$work/src/corebpf-$version.tar.xz
[ -f "$tarball" ] || fail "make dist made no $tarball"
# (grep without -q reads to the end: with pipefail, an early exit would
# give tar SIGPIPE and fail the check)
tar -tJf "$tarball" | grep "^corebpf-$version/rpm/corebpf.spec$" >/dev/null || fail "the tarball lacks the spec"

# A stand-in for Fedora's kernel-devel trees: the spec must take the
# newest kernel's vmlinux.h by version (6.10 after 6.9, which a plain sort
# gets wrong), and the older one here does not even compile.
kernels=$work/kernels
mkdir -p "$kernels/6.9.12-200.fc40.x86_64" "$kernels/6.10.4-301.fc41.x86_64"
echo '#error "the spec took an older kernel-devel vmlinux.h than the newest"' \
	>"$kernels/6.9.12-200.fc40.x86_64/vmlinux.h"
bpftool btf dump file /sys/kernel/btf/vmlinux format c >"$kernels/6.10.4-301.fc41.x86_64/vmlinux.h" ||
	fail "cannot make a stand-in vmlinux.h from /sys/kernel/btf/vmlinux"

echo "== rpmbuild -ta (Fedora-like flags, kernel-devel's vmlinux.h)"
rpmbuild -ta --nodeps --define "_topdir $work/rpmbuild" --load "$top/rpm/fedora.macros" \
	--define "corebpf_kernels_dir $kernels" \
	"$tarball" >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; fail "rpmbuild"; }
grep -qx " *vmlinux.h: *taken from $kernels/6.10.4-301.fc41.x86_64/vmlinux.h (--with-vmlinux-h)" \
	"$work/build.log" || fail "the spec did not take the newest kernel-devel vmlinux.h: $(grep 'vmlinux.h:' "$work/build.log")"
# and without a kernel-devel tree it stops and says what to install
rpmbuild -ta --nodeps --define "_topdir $work/rpmbuild-none" --load "$top/rpm/fedora.macros" \
	--define "corebpf_kernels_dir $work/no-kernels" "$tarball" >"$work/none.log" 2>&1 &&
	fail "rpmbuild without kernel-devel succeeded"
grep -q "no $work/no-kernels/\*/vmlinux.h: install kernel-devel" "$work/none.log" ||
	fail "rpmbuild without kernel-devel: $(tail -n 5 "$work/none.log")"
rpm=$work/rpmbuild/RPMS/$(uname -m)/corebpf-$version-1.$(uname -m).rpm
srpm=$work/rpmbuild/SRPMS/corebpf-$version-1.src.rpm
[ -f "$rpm" ] && [ -f "$srpm" ] || fail "no rpm: $(find "$work/rpmbuild" -name '*.rpm')"

# Fedora's flags were used, for user space only.
grep -q -- '-fcf-protection' "$work/build.log" || fail "the Fedora optflags were not used"
if grep -- '-target bpf' "$work/build.log" | grep -E -- '-fcf-protection|-fstack-protector|-flto|FORTIFY'; then
	fail "an optflag reached clang -target bpf"
fi
# %check ran make check; as root its BPF tests ran, not skipped.
grep -q '^# FAIL:  0$' "$work/build.log" || fail "make check in %check did not pass"
echo "%check: $(grep -c '^PASS:' "$work/build.log") passed, $(grep -c '^SKIP:' "$work/build.log") skipped"

echo "== file list"
rpm -qlp "$rpm" | grep -v '^/usr/lib/.build-id' >"$work/files"
cat >"$work/want" <<EOT
/usr/lib/systemd/catalog/execsnoop.catalog
/usr/lib/systemd/system/execsnoop.service
/usr/sbin/execsnoop
/usr/sbin/minimal
/usr/share/doc/corebpf-$version
/usr/share/doc/corebpf-$version/NEWS
/usr/share/doc/corebpf-$version/README
/usr/share/licenses/corebpf-$version
/usr/share/licenses/corebpf-$version/COPYING
/usr/share/man/man8/execsnoop.8.gz
/usr/share/man/man8/minimal.8.gz
EOT
diff -u "$work/want" "$work/files" || fail "unexpected file list"
# rpm's build-id links, one per binary, and nothing else under .build-id.
links=$(rpm -qlp "$rpm" | grep -c '^/usr/lib/.build-id/../.' || true)
[ "$links" = 2 ] || fail "$links build-id links, not 2"
rpm -qp --requires "$rpm" | grep '^libbpf.so.1' >/dev/null || fail "no dependency on libbpf.so.1"
cat "$work/files"

echo "== rpmlint"
rpmlint -c "$top/rpm/rpmlint.toml" "$work/src/rpm/corebpf.spec" "$rpm" "$srpm" | tee "$work/lint" || true
if grep -E '^[^ ]+: E: ' "$work/lint"; then
	fail "rpmlint errors"
fi
grep -q ' 0 errors' "$work/lint" || fail "rpmlint did not report 0 errors"
echo "rpm: ok"
