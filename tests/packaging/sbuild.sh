#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package built the way Debian's buildds build it, then used.
#
#     tests/packaging/sbuild.sh [bookworm|trixie|unstable ...]   (default: all three)
#
# As root on Debian 12 with sbuild (0.85.9 or later, from bookworm-backports),
# mmdebstrap and uidmap.  For each release:
#   - mmdebstrap --variant=buildd makes a build chroot from the Debian archive
#     (bookworm with bookworm-backports, for linux-bpf-dev);
#   - sbuild in unshare mode builds the source package as an ordinary user
#     (subuid/subgid), with only the declared Build-Depends and an empty
#     /sys/kernel, as the buildds do; the build profile pkg.corebpf.werror
#     makes every warning of that release's compilers an error; the
#     "make check" inside passes (its BPF tests skip: the build is not root);
#     lintian, run by sbuild on its own result, shows no error or warning;
#     the .buildinfo records linux-bpf-dev;
#   - the .deb goes into a clean chroot of that release (mmdebstrap
#     --variant=apt), installed by apt-get from that release alone, and runs
#     there as root against the real kernel: a tagged exec with its
#     arguments, a failed exec (-x) and an exit (-e), minimal's trace line
#     on its stdout and, with --no-read, in the trace buffer,
#     man -w for both pages; then the package's autopkgtest, run by that
#     release's autopkgtest (null backend, inside the chroot).
# Once, for the first release: a second build with another build path, at
# another time, must give byte-identical .debs.
# Nothing is cached between runs: chroots are made anew.  The build user
# and the work directory ($SBUILD_WORK, default /var/tmp/corebpf-sbuild) are
# removed at the end unless KEEP_WORK is set.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=${SBUILD_WORK:-/var/tmp/corebpf-sbuild}
user=corebpf-sbuild
releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=(bookworm trixie unstable)
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
fail() { echo "sbuild: FAIL: $*"; exit 1; }
log() { echo "== $(date +%H:%M:%S) $*"; }
t0=$(date +%s)
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

for r in "${releases[@]}"; do
	case $r in bookworm|trixie|unstable) ;; *) echo "usage: $0 [bookworm|trixie|unstable ...]" >&2; exit 2 ;; esac
done
sbuild_version=$(dpkg-query -W -f='${Version}' sbuild 2>/dev/null) || fail "sbuild is not installed"
dpkg --compare-versions "$sbuild_version" ge 0.85.9 ||
	fail "sbuild $sbuild_version hides no /sys/kernel (0.85.9 and later do; bookworm-backports has it)"
command -v mmdebstrap >/dev/null || fail "mmdebstrap is not installed"
command -v newuidmap >/dev/null || fail "newuidmap (uidmap) is not installed"

# An ordinary user with subordinate IDs, as sbuild's unshare mode needs.
made_user=
if ! id "$user" >/dev/null 2>&1; then
	useradd --create-home --home-dir "/var/lib/$user" --shell /bin/bash --user-group "$user"
	made_user=1
fi
grep -q "^$user:" /etc/subuid || usermod --add-subuids 1800000-1865535 "$user"
grep -q "^$user:" /etc/subgid || usermod --add-subgids 1800000-1865535 "$user"
cleanup() {
	local d
	# a chroot still in use keeps its mounts in its own namespace only
	[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
	[ -z "$made_user" ] || [ -n "${KEEP_WORK:-}" ] || userdel --remove "$user" 2>/dev/null || true
	return 0
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work"
chown "$user:" "$work"
as_user() { runuser -u "$user" -- env HOME="/var/lib/$user" "$@"; }

# source_package RELEASE: the source package for RELEASE, from a clean
# clone of what is committed; sets srcdir, version, dist and dsc.  The
# changelog targets unstable; for the other releases the script adds the
# entry that a rebuild for that release carries, as a backporter would
# (bookworm: bookworm-backports, where linux-bpf-dev is), so that the
# .changes sbuild makes and the changelog agree.
source_package() {
	local r=$1 base trailer entry
	srcdir=$work/src-$r/corebpf
	git clone -q "$top" "$srcdir"
	base=$(cd "$srcdir" && dpkg-parsechangelog -S Version)
	case $r in
	unstable) version=$base dist=unstable entry= changes_opt= ;;
	bookworm) version=$base~bpo12+1 dist=bookworm-backports entry="Rebuild for bookworm-backports."
		# a backport's .changes lists the changes since the last
		# backport: here, all of them
		changes_opt=--debbuildopt=-v0 ;;
	trixie) version=$base~deb13+1 dist=trixie entry="Rebuild for trixie." changes_opt= ;;
	esac
	if [ -n "$entry" ]; then
		# the maintainer of the entry below, and its date plus a day: the
		# same source gives the same package, whenever it is built
		trailer=$(sed -n '0,/^ -- /s/^ -- \(.*>\)  .*/\1/p' "$srcdir/debian/changelog")
		trailer="$trailer  $(date -u -R -d "$(cd "$srcdir" && dpkg-parsechangelog -S Date) + 1 day")"
		{ printf 'corebpf (%s) %s; urgency=medium\n\n  * %s\n\n -- %s\n\n' "$version" "$dist" "$entry" "$trailer"
		  cat "$srcdir/debian/changelog"; } >"$srcdir/debian/changelog.new"
		mv "$srcdir/debian/changelog.new" "$srcdir/debian/changelog"
	fi
	(cd "$srcdir/.." && dpkg-source -b corebpf >/dev/null) || fail "dpkg-source -b ($r)"
	dsc=$work/src-$r/corebpf_$version.dsc
	[ -f "$dsc" ] || fail "no $dsc"
	chmod -R a+rX "$work/src-$r"
}
arch=$(dpkg --print-architecture)

# sources_of RELEASE [build]: a sources.list file with the archive lines of
# the release (for a build chroot of bookworm, bookworm-backports too)
sources_of() {
	local f=$work/$1${2:+-$2}.list
	{
		echo "deb $mirror $1 main"
		[ "$1" != bookworm ] || [ "${2:-}" != build ] || echo "deb $mirror bookworm-backports main"
	} >"$f"
	echo "$f"
}
# The archive's unstable has an expired Release file: apt must not check
# Valid-Until there (bookworm and trixie have none).  mmdebstrap leaves the
# option in the chroot, for sbuild's own apt-get update.
aptopts_of() {
	[ "$1" != unstable ] || echo '--aptopt=Acquire::Check-Valid-Until "false"'
}

# build_chroot RELEASE: the tarball sbuild builds in
build_chroot() {
	local r=$1 opts
	mapfile -t opts < <(aptopts_of "$r")
	mmdebstrap --quiet --variant=buildd --mode=root "${opts[@]}" "$r" "$work/$r-build.tar" \
		"$(sources_of "$r" build)" >"$work/$r-mmdebstrap.log" 2>&1 ||
		{ tail -n 20 "$work/$r-mmdebstrap.log"; fail "mmdebstrap $r"; }
	chmod a+r "$work/$r-build.tar"
}

# build_errors OUTDIR: the lines of the build log that say why the build
# failed (sbuild's own output ends with its summary, not with them).
build_errors() {
	local buildlog
	buildlog=$(ls "$1"/*.build 2>/dev/null | head -n 1)
	[ -n "$buildlog" ] || return 0
	echo "-- from $buildlog:"
	grep -E -B 2 -A 4 '(: error:|\*\*\* |^FAIL|^# FAIL: +[1-9])' "$buildlog" | cut -c1-400 | tail -n 60
}

# run_sbuild RELEASE OUTDIR BUILD-PATH [SBUILD-OPTION...]
run_sbuild() {
	local r=$1 out=$2 path=$3
	shift 3
	mkdir -p "$out"
	chown "$user:" "$out"
	# --starting-build-commands runs in the build chroot, just before
	# dpkg-buildpackage: it records what the build sees of /sys/kernel.
	(cd "$out" && as_user env DEB_BUILD_OPTIONS="parallel=2" sbuild --chroot-mode=unshare \
		--chroot="$work/$r-build.tar" --dist="$dist" --arch="$arch" --no-source \
		--profiles=pkg.corebpf.werror --build-path="$path" \
		--no-run-piuparts --no-run-autopkgtest --no-apt-upgrade --no-apt-distupgrade \
		--starting-build-commands='echo "COREBPF /sys/kernel holds: [$(ls -A /sys/kernel 2>&1 | tr "\n" " ")]"' \
		${changes_opt:+"$changes_opt"} "$@" "$dsc") >"$out/sbuild.out" 2>&1 ||
		{ tail -n 60 "$out/sbuild.out"; build_errors "$out"; fail "sbuild for $r"; }
}

# check_build RELEASE OUTDIR: what a buildd build must show
check_build() {
	local r=$1 out=$2 buildlog lint
	buildlog=$(ls "$out"/corebpf_"$version"_"$arch"-*.build 2>/dev/null | head -n 1)
	[ -n "$buildlog" ] || buildlog=$out/sbuild.out
	grep -q '^COREBPF /sys/kernel holds: \[\]$' "$buildlog" ||
		fail "$r: /sys/kernel was not hidden: $(grep '^COREBPF' "$buildlog")"
	grep -Eq "^ *vmlinux\.h: *taken from /usr/include/[a-z0-9_]+-linux-gnu[a-z]*/linux/bpf/vmlinux\.h \(--with-vmlinux-h\)$" \
		"$buildlog" || fail "$r: vmlinux.h did not come from linux-bpf-dev: $(grep 'vmlinux.h:' "$buildlog")"
	grep -q -- '--enable-werror' "$buildlog" || fail "$r: the build profile did not add --enable-werror"
	grep -q '^# FAIL:  0$' "$buildlog" || fail "$r: make check failed in the build"
	grep -Eq '^# PASS: +[1-9]' "$buildlog" || fail "$r: make check ran no test"
	echo "$r: make check: $(grep -E '^# (PASS|SKIP|FAIL):' "$buildlog" | tr -s ' ' | tr '\n' ' ')"
	grep -q "^ linux-bpf-dev (= " "$out/corebpf_${version}_$arch.buildinfo" ||
		fail "$r: the .buildinfo does not record linux-bpf-dev"
	echo "$r: .buildinfo: $(grep '^ linux-bpf-dev (= ' "$out/corebpf_${version}_$arch.buildinfo" | tr -d ' ,')"
	# sbuild ran lintian in the chroot, on the .changes it made: its tag
	# lines ("E: corebpf: TAG ...") are in the log, and the summary at the
	# end has "Lintian: pass", "info", "warn", "error" or "fail".
	lint=$(sed -n 's/^Lintian: *//p' "$buildlog" | tail -n 1)
	[ -n "$lint" ] || fail "$r: sbuild ran no lintian"
	if grep -E '^[EW]: corebpf' "$buildlog"; then
		fail "$r: lintian errors or warnings (Lintian: $lint)"
	fi
	case $lint in pass|info) ;; *) fail "$r: lintian result: $lint" ;; esac
	echo "$r: lintian ($lint): 0 errors, 0 warnings, $(grep -cE '^I: corebpf' "$buildlog") info," \
		"$(grep -cE '^P: corebpf' "$buildlog") pedantic, $(grep -cE '^N: corebpf|^O: corebpf' "$buildlog") other" \
		"$(sed -nE 's/^[IPO]: corebpf( source)?: ([^ ]+).*/\2/p' "$buildlog" | sort -u | tr '\n' ' ')"
}

# use_chroot RELEASE DEB: install into a clean chroot of the release, run
# the tools there as root, then the autopkgtest.
use_chroot() {
	local r=$1 deb=$2 d=$work/$r-use opts
	mapfile -t opts < <(aptopts_of "$r")
	mmdebstrap --quiet --variant=apt --mode=root --include=man-db,mount "${opts[@]}" "$r" "$d" \
		"$(sources_of "$r")" >"$work/$r-use-mmdebstrap.log" 2>&1 ||
		{ tail -n 20 "$work/$r-use-mmdebstrap.log"; fail "mmdebstrap $r (for use)"; }
	mkdir -p "$d/corebpf-test"
	cp "$deb" "$d/corebpf-test/"
	cp -R "$srcdir" "$d/corebpf-test/src"
	cp /etc/resolv.conf "$d/etc/resolv.conf"
	cat >"$d/corebpf-test/use.sh" <<'EOF'
#!/bin/sh
# Run inside the chroot, as root: install, use, autopkgtest.
set -eu
cd /corebpf-test
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq ./corebpf_*.deb >install.log 2>&1 || { cat install.log; echo "USE FAIL: apt-get install"; exit 1; }
echo "USE ok: installed $(dpkg-query -W -f='${Package} ${Version}' corebpf)"
# what apt took must all come from this release's archive
apt-cache policy $(dpkg-query -W -f='${Package}\n' | tr '\n' ' ') 2>/dev/null | grep -q backports &&
	{ echo "USE FAIL: a package from backports"; exit 1; }
tag=sbuildtag$$
st=0
execsnoop -x -e -j -- sh -c "/bin/echo $tag 'two words' >/dev/null; /nonexistent/$tag-fail 2>/dev/null; exit 3" >es.json 2>es.err || st=$?
[ "$st" = 3 ] || { cat es.err; echo "USE FAIL: execsnoop exited $st, not the command's 3"; exit 1; }
grep -qF "\"args\":[\"/bin/echo\",\"$tag\",\"two words\"]" es.json || { cat es.json; echo "USE FAIL: no tagged exec"; exit 1; }
grep -F "\"filename\":\"/nonexistent/$tag-fail\"" es.json | grep -qF '"error":"ENOENT"' ||
	{ cat es.json; echo "USE FAIL: no failed exec"; exit 1; }
grep -F '"event":"exit"' es.json | grep -qF '"exit_code":3' || { cat es.json; echo "USE FAIL: no exit with code 3"; exit 1; }
echo "USE ok: execsnoop -x -e: the tagged exec with its arguments, the failed exec, the exit with code 3"
man -w execsnoop >man.txt && man -w minimal >>man.txt || { echo "USE FAIL: man -w"; exit 1; }
grep -qx /usr/share/man/man8/execsnoop.8.gz man.txt && grep -qx /usr/share/man/man8/minimal.8.gz man.txt ||
	{ cat man.txt; echo "USE FAIL: man -w"; exit 1; }
echo "USE ok: man -w: $(tr '\n' ' ' <man.txt)"
# minimal: its own line on its stdout, from trace_pipe (on a tracefs of
# its own where this chroot has none)
minimal >min.out 2>min.err &
pid=$!
found=
for i in $(seq 1 100); do
	grep -Eq -e "-$pid +\[[0-9]+\] .* BPF triggered from PID $pid\.\$" min.out && { found=1; break; }
	sleep 0.1
done
kill -INT $pid
st=0
wait $pid || st=$?
[ -n "$found" ] && [ "$st" = 0 ] || { cat min.err; echo "USE FAIL: minimal: found=$found status=$st"; exit 1; }
echo "USE ok: minimal: its trace line on its stdout, status 0"
# minimal --no-read: the line in the trace buffer, of a tracefs of this
# namespace's own
mounted=
[ -e /sys/kernel/tracing/trace ] || { mount -t tracefs tracefs /sys/kernel/tracing; mounted=1; }
minimal --no-read >min.out 2>/dev/null &
pid=$!
found=
for i in $(seq 1 100); do
	grep -q "BPF triggered from PID $pid\." /sys/kernel/tracing/trace && { found=1; break; }
	sleep 0.1
done
kill -INT $pid
st=0
wait $pid || st=$?
[ -z "$mounted" ] || umount /sys/kernel/tracing
[ -n "$found" ] && [ "$st" = 0 ] || { echo "USE FAIL: minimal --no-read: found=$found status=$st"; exit 1; }
echo "USE ok: minimal --no-read: its trace line in the trace buffer, status 0"
apt-get install -y -qq --no-install-recommends autopkgtest >at-install.log 2>&1 ||
	{ cat at-install.log; echo "USE FAIL: cannot install autopkgtest"; exit 1; }
st=0
# The test asks for isolation-machine (it loads BPF programs into the
# kernel); the null runner in a chroot does not claim it, but this chroot
# runs as root on the machine's own kernel, which is what the test needs.
autopkgtest --ignore-restrictions=isolation-machine --no-built-binaries ./src/ ./corebpf_*.deb -- null >autopkgtest.log 2>&1 || st=$?
grep -E '^tools +[A-Z]+' autopkgtest.log || tail -n 20 autopkgtest.log
[ "$st" = 0 ] && grep -Eq '^tools +PASS' autopkgtest.log ||
	{ tail -n 30 autopkgtest.log; echo "USE FAIL: autopkgtest exited $st"; exit 1; }
echo "USE ok: autopkgtest $(dpkg-query -W -f='${Version}' autopkgtest): tools PASS"
EOF
	# Its own mount namespace: the bind mounts end with it.  The chroot is
	# bind-mounted onto itself so that its / is a mount point, which
	# unshare --mount and execsnoop -x's private tracefs need there.
	unshare --mount --propagation private /bin/sh -c '
		set -e
		d=$1
		mount --bind "$d" "$d"
		mount -t proc proc "$d/proc"
		mount --rbind /sys "$d/sys"
		mount --rbind /dev "$d/dev"
		exec chroot "$d" /bin/sh /corebpf-test/use.sh' sh "$d" >"$work/$r-use.log" 2>&1 || true
	grep '^USE ' "$work/$r-use.log" || true
	grep -q '^USE ok: autopkgtest' "$work/$r-use.log" || { tail -n 30 "$work/$r-use.log"; fail "$r: use in a clean chroot"; }
}

first=
for r in "${releases[@]}"; do
	t=$(date +%s)
	log "$r: source package"
	source_package "$r"
	log "$r: build chroot (mmdebstrap --variant=buildd)"
	build_chroot "$r"
	log "$r: sbuild (unshare mode, lintian)"
	run_sbuild "$r" "$work/$r" /build/reproducible-path/corebpf-"$version" --run-lintian \
		--lintian-opts="--display-info --pedantic"
	check_build "$r" "$work/$r"
	deb=$work/$r/corebpf_${version}_$arch.deb
	[ -f "$deb" ] || fail "$r: no $deb"
	if [ -z "$first" ]; then
		first=$r
		log "$r: reproducible: a second build, another build path, later"
		run_sbuild "$r" "$work/$r-again" /build/somewhere/else/entirely/corebpf --no-run-lintian
		for f in "$work/$r"/*.deb; do
			cmp -s "$f" "$work/$r-again/$(basename "$f")" ||
				fail "$r: $(basename "$f") differs between the two builds"
			echo "$r: identical: $(basename "$f") $(sha256sum <"$f" | cut -c1-16)"
		done
		# sbuild builds in a directory named after the package, below the path
		grep -q '^Build-Path: /build/somewhere/else/entirely/corebpf/' "$work/$r-again/corebpf_${version}_$arch.buildinfo" ||
			fail "$r: the second build did not use the other path: $(grep '^Build-Path:' "$work/$r-again"/*.buildinfo)"
		echo "$r: build paths: $(sed -n 's/^Build-Path: //p' "$work/$r/corebpf_${version}_$arch.buildinfo")," \
			"$(sed -n 's/^Build-Path: //p' "$work/$r-again/corebpf_${version}_$arch.buildinfo")"
	fi
	log "$r: install and use in a clean chroot"
	use_chroot "$r" "$deb"
	rm -rf "$work/$r-use" "$work/$r-build.tar"
	echo "$r: ok in $(elapsed "$t")"
done
echo "sbuild: ok (${releases[*]}) in $(elapsed "$t0")"
