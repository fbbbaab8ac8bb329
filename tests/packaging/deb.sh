#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package, end to end, as root on Debian:
#   build it from a clean clone with dpkg-buildpackage and hardening=+all,
#   lint it (no errors, no warnings), build it again in another directory
#   and compare bytes, install it with apt-get, use it (version, man pages,
#   a real traced exec), run its autopkgtest with the null runner, then
#   purge it and check that nothing of it is left.
# Run by .ci/run.  A libbpf-tools that was installed (it conflicts) is put
# back at the end.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/corebpf-deb.XXXXXX)
export DEBIAN_FRONTEND=noninteractive
had_libbpf_tools= had_autopkgtest=
installed() { dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | grep -qx installed; }
installed libbpf-tools && had_libbpf_tools=1
installed autopkgtest && had_autopkgtest=1
# What the system had, so that only what this script brings in goes again
# (apt-get --autoremove would also remove what was unneeded before).
packages_before=$(dpkg-query -W -f='${Package}\n' | sort)
# Leave the system as it was, whatever step failed.
cleanup() {
	[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
	installed corebpf && apt-get purge -y -qq corebpf >/dev/null 2>&1
	if [ -z "$had_autopkgtest" ] && installed autopkgtest; then
		# autopkgtest and the packages it brought in, nothing else
		# shellcheck disable=SC2046
		apt-get purge -y -qq $(comm -13 <(echo "$packages_before") \
			<(dpkg-query -W -f='${Package}\n' | sort)) >/dev/null 2>&1
	fi
	if [ -n "$had_libbpf_tools" ] && ! installed libbpf-tools; then
		apt-get install -y -qq libbpf-tools >/dev/null 2>&1 || echo "could not reinstall libbpf-tools"
	fi
	return 0
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

build() {	# build DIR [nocheck]: clone and dpkg-buildpackage -b in DIR
	mkdir -p "$(dirname "$1")"
	git clone -q "$top" "$1"
	(cd "$1" && DEB_BUILD_OPTIONS=${2:-} dpkg-buildpackage -us -uc -b) >"$1.log" 2>&1 ||
		{ tail -n 40 "$1.log"; fail "dpkg-buildpackage in $1"; }
}

echo "== versions agree"
deb_version=$(cd "$top" && dpkg-parsechangelog -S Version)
ac_version=$(sed -n 's/^AC_INIT(\[corebpf\], \[\([^]]*\)\].*/\1/p' "$top/configure.ac")
[ "$deb_version" = "$ac_version" ] || fail "debian/changelog $deb_version, configure.ac $ac_version"

echo "== dpkg-buildpackage -us -uc -b (hardening=+all, make check as root)"
build "$work/a/corebpf"
grep -q 'hardening=+all' "$top/debian/rules" || fail "debian/rules does not ask for hardening=+all"
grep -q -- '-fstack-protector-strong' "$work/a/corebpf.log" || fail "no hardening flags in the build"
if grep -- '-target bpf' "$work/a/corebpf.log" | grep -E -- '-fstack-protector|-fcf-protection|FORTIFY'; then
	fail "a hardening flag reached clang -target bpf"
fi
grep -q '^# FAIL:  0$' "$work/a/corebpf.log" || fail "make check failed in the build"
deb=$(ls "$work"/a/corebpf_"$deb_version"_*.deb)
changes=$(ls "$work"/a/corebpf_"$deb_version"_*.changes)

echo "== lintian"
lintian --allow-root --info --display-experimental --pedantic "$changes" | tee "$work/lintian"
if grep -E '^(E|W): ' "$work/lintian"; then
	fail "lintian errors or warnings"
fi

echo "== reproducible: a second build in another directory"
build "$work/b/somewhere/else/corebpf" nocheck
for f in "$work"/a/*.deb; do
	g=$work/b/somewhere/else/$(basename "$f")
	cmp -s "$f" "$g" || fail "$(basename "$f") differs between the two builds"
	echo "identical: $(basename "$f") $(sha256sum <"$f" | cut -c1-16)"
done

# dpkg-buildpackage builds in the source tree, where the BPF compile sees
# relative paths anyway; -ffile-prefix-map is what keeps the build paths
# out of the BTF of an out-of-tree build from an absolute path.
echo "== reproducible: BPF objects of out-of-tree builds from absolute paths"
for d in x y/deeper; do
	git clone -q "$top" "$work/$d/src"
	mkdir "$work/$d/build"
	(cd "$work/$d/src" && ./autogen.sh && cd "$work/$d/build" && "$work/$d/src/configure" -q &&
		make bpf/execsnoop.bpf.o bpf/minimal.bpf.o) >"$work/$d.log" 2>&1 ||
		{ tail -n 20 "$work/$d.log"; fail "out-of-tree build in $work/$d"; }
	if grep -l -a -F "$work" "$work/$d"/build/bpf/*.bpf.o; then
		fail "a build path is recorded in a BPF object"
	fi
done
for o in execsnoop.bpf.o minimal.bpf.o; do
	cmp -s "$work/x/build/bpf/$o" "$work/y/deeper/build/bpf/$o" || fail "$o differs between the builds"
	echo "identical: $o"
done

echo "== install"
apt-get install -y -qq "$deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install"; }
[ "$(command -v execsnoop)" = /usr/sbin/execsnoop ] || fail "execsnoop is not /usr/sbin/execsnoop on PATH"
[ "$(execsnoop --version | head -n 1)" = "execsnoop (corebpf) $deb_version" ] || fail "execsnoop --version"
[ "$(minimal --version | head -n 1)" = "minimal (corebpf) $deb_version" ] || fail "minimal --version"
man -w execsnoop minimal >"$work/man" || fail "man -w"
grep -qx /usr/share/man/man8/execsnoop.8.gz "$work/man" || fail "man -w execsnoop: $(cat "$work/man")"
grep -qx /usr/share/man/man8/minimal.8.gz "$work/man" || fail "man -w minimal: $(cat "$work/man")"
# (grep without -q: man must not get SIGPIPE under pipefail)
MANWIDTH=80 man 8 execsnoop 2>/dev/null | grep 'EXIT STATUS' >/dev/null || fail "man 8 execsnoop does not render"
# help2man dates the pages from SOURCE_DATE_EPOCH, the changelog's date
month=$(LC_ALL=C date -u -d "@$(cd "$top" && dpkg-parsechangelog -S Timestamp)" '+%B %Y')
for page in execsnoop minimal; do
	zcat "/usr/share/man/man8/$page.8.gz" | grep '^\.TH' | grep -qF "\"$month\"" ||
		fail "$page.8 is not dated $month: $(zcat "/usr/share/man/man8/$page.8.gz" | grep '^\.TH')"
done
# The service and the catalog are there; the service is not enabled, nor
# started (nothing of the package runs after installation).
for f in /usr/lib/systemd/system/execsnoop.service /usr/lib/systemd/catalog/execsnoop.catalog; do
	dpkg -L corebpf | grep -qx "$f" || fail "$f is not in the package"
done
! ls /etc/systemd/system/*.wants/execsnoop.service >/dev/null 2>&1 || fail "execsnoop.service was enabled"
! deb-systemd-helper --quiet was-enabled execsnoop.service || fail "deb-systemd-helper: execsnoop.service was enabled"
echo "execsnoop.service: installed, not enabled"
tag=debtest$$
execsnoop -- /bin/echo "$tag" "two words" >"$work/traced" || fail "execsnoop from the package failed"
grep -Eq "^echo +[0-9]+ +[0-9]+ +0 +/bin/echo $tag two words$" "$work/traced" ||
	fail "no traced exec: $(cat "$work/traced")"
echo "installed execsnoop traced: $(grep "$tag" "$work/traced")"

echo "== autopkgtest (null runner)"
if apt-get install -y -qq autopkgtest >/dev/null 2>&1; then
	st=0
	autopkgtest --no-built-binaries "$work/a/corebpf" "$deb" -- null >"$work/autopkgtest.log" 2>&1 || st=$?
	grep -E "^(tools +[A-Z]+|execsnoop: |minimal( --no-read)?: )" "$work/autopkgtest.log" || tail -n 20 "$work/autopkgtest.log"
	[ "$st" = 0 ] || fail "autopkgtest exited $st (2 means skipped; the test must run here)"
	grep -Eq '^tools +PASS' "$work/autopkgtest.log" || fail "the autopkgtest did not pass"
else
	echo "autopkgtest is not installable here: not run"
fi

echo "== purge"
apt-get purge -y -qq corebpf >/dev/null 2>&1 || fail "apt-get purge"
dpkg-query -W -f='${db:Status-Status}\n' corebpf 2>/dev/null | grep -qx not-installed ||
	! dpkg-query -W corebpf >/dev/null 2>&1 || fail "corebpf is still known to dpkg"
for f in /usr/sbin/execsnoop /usr/sbin/minimal /usr/share/man/man8/execsnoop.8.gz \
	 /usr/share/man/man8/minimal.8.gz /usr/share/doc/corebpf \
	 /usr/lib/systemd/system/execsnoop.service /usr/lib/systemd/catalog/execsnoop.catalog \
	 /var/lib/systemd/deb-systemd-helper-enabled/execsnoop.service.dsh-also \
	 /var/lib/systemd/deb-systemd-helper-masked/execsnoop.service; do
	[ ! -e "$f" ] || fail "$f is left after purge"
done
# BPF programs live as long as the process holding them: none may remain.
for exe in /proc/[0-9]*/exe; do
	case $(readlink "$exe" 2>/dev/null) in
	/usr/sbin/execsnoop*|/usr/sbin/minimal*) fail "a packaged tool still runs: $exe" ;;
	esac
done
echo "deb: ok"
