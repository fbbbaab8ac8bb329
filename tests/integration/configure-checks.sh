# SPDX-License-Identifier: GPL-2.0-or-later
# configure stops with a clear error and a hint when a piece of the BPF
# toolchain or the kernel BTF is missing, and says what it found otherwise.
. "${top_srcdir:-.}/tests/integration/lib.sh"

[ -x "$top_srcdir/configure" ] || skip "no configure script in $top_srcdir"
# configure refuses to run out of a source tree that is configured in place
# (as dh builds it), so run a copy of what it reads.
src=$TEST_TMP/src
mkdir -p "$src/src" "$src/man" "$src/rpm"
cp "$top_srcdir/configure" "$top_srcdir/Makefile.in" "$top_srcdir/config.h.in" "$src/"
cp -R "$top_srcdir/build-aux" "$src/"
cp "$top_srcdir/src/execsnoop.c" "$src/src/"
cp "$top_srcdir"/man/*.8 "$src/man/" 2>/dev/null
cp "$top_srcdir"/rpm/*.in "$src/rpm/" 2>/dev/null
configure=$src/configure

# try EXPECTED ARGS...: configure in a scratch directory must fail, its
# error naming EXPECTED
try() {
	_want=$1
	shift
	rm -rf "$TEST_TMP/b"
	mkdir "$TEST_TMP/b"
	(cd "$TEST_TMP/b" && "$configure" -q "$@") >"$TEST_TMP/cfg.out" 2>&1 &&
		fail "configure $* succeeded"
	grep -q "^configure: error: .*$_want" "$TEST_TMP/cfg.out" ||
		fail "configure $*: no error about '$_want':
$(tail -n 5 "$TEST_TMP/cfg.out")"
}

try "cannot compile for -target bpf" CLANG=/bin/false
try "does not run; install llvm" LLVM_STRIP=/nonexistent/llvm-strip
try "cannot run 'gen skeleton'" BPFTOOL=/bin/false
try "libbpf >= 1.0 not found through pkg-config" PKG_CONFIG_LIBDIR=/nonexistent
try "with-vmlinux-btf=/nonexistent: file not readable" --with-vmlinux-btf=/nonexistent
try "cannot read BTF from /etc/hostname" --with-vmlinux-btf=/etc/hostname
try "with-vmlinux-h=/nonexistent.h: file not readable" --with-vmlinux-h=/nonexistent.h
pass "configure errors: clang, llvm-strip, bpftool, libbpf, unreadable BTF or header"

# No usable /sys/kernel/btf/vmlinux: the error says why, from what it sees
# (/sys/kernel populated: a kernel without BTF; empty: a build sandbox such
# as sbuild's hid it), and names the distributions' header packages with
# the flag that uses them.
mkdir -p "$TEST_TMP/sys-populated/mm" "$TEST_TMP/sys-hidden"
try "/nonexistent/vmlinux is missing: the running kernel was built without CONFIG_DEBUG_INFO_BTF" \
	corebpf_cv_sys_btf=/nonexistent/vmlinux corebpf_cv_sys_kernel="$TEST_TMP/sys-populated"
try "$TEST_TMP/sys-hidden is hidden or empty here, as a build sandbox leaves it" \
	corebpf_cv_sys_btf="$TEST_TMP/sys-hidden/btf/vmlinux" corebpf_cv_sys_kernel="$TEST_TMP/sys-hidden"
grep -q "apt-get install linux-bpf-dev, then --with-vmlinux-h=/usr/include/.*/linux/bpf/vmlinux.h$" \
	"$TEST_TMP/cfg.out" || fail "the BTF error does not name linux-bpf-dev and its flag"
grep -q "dnf install kernel-devel, then --with-vmlinux-h=/usr/src/kernels/VERSION/vmlinux.h$" \
	"$TEST_TMP/cfg.out" || fail "the BTF error does not name kernel-devel and its flag"
grep -q -- "--with-vmlinux-btf=FILE" "$TEST_TMP/cfg.out" || fail "the BTF error does not offer --with-vmlinux-btf"
touch "$TEST_TMP/sys-unreadable"
chmod 000 "$TEST_TMP/sys-unreadable"
if ! [ -r "$TEST_TMP/sys-unreadable" ]; then	# root reads it anyway
	try "exists but this user cannot read it" corebpf_cv_sys_btf="$TEST_TMP/sys-unreadable"
fi
pass "configure without kernel BTF: the cause, the header packages and the flags"

# and a successful run ends with its summary
rm -rf "$TEST_TMP/b"
mkdir "$TEST_TMP/b"
(cd "$TEST_TMP/b" && "$configure" --with-vmlinux-h=/dev/null) >"$TEST_TMP/cfg.out" 2>&1 ||
	fail "configure --with-vmlinux-h failed: $(tail -n 5 "$TEST_TMP/cfg.out")"
for what in "libbpf:" "clang:" "llvm-strip:" "bpftool:" "BPF target:  *__TARGET_ARCH_" \
	    "vmlinux.h: *taken from /dev/null (--with-vmlinux-h)" "manual pages:"; do
	grep -q "^ *$what" "$TEST_TMP/cfg.out" || fail "summary lacks '$what'"
done
pass "configure summary"

# and it says where vmlinux.h comes from in each case
summary_of() {	# summary_of ARGS...: the vmlinux.h line of a successful run
	rm -rf "$TEST_TMP/b"
	mkdir "$TEST_TMP/b"
	(cd "$TEST_TMP/b" && "$configure" "$@") >"$TEST_TMP/cfg.out" 2>&1 ||
		fail "configure $* failed: $(tail -n 5 "$TEST_TMP/cfg.out")"
	sed -n 's/^ *vmlinux\.h: *//p' "$TEST_TMP/cfg.out"
}
if [ -r /sys/kernel/btf/vmlinux ]; then
	cp /sys/kernel/btf/vmlinux "$TEST_TMP/vmlinux.btf"
	[ "$(summary_of)" = "generated from the running kernel's BTF (/sys/kernel/btf/vmlinux)" ] ||
		fail "summary without flags: $(summary_of)"
	[ "$(summary_of --with-vmlinux-btf="$TEST_TMP/vmlinux.btf")" = \
	  "generated from the BTF in $TEST_TMP/vmlinux.btf (--with-vmlinux-btf)" ] ||
		fail "summary with --with-vmlinux-btf: $(summary_of --with-vmlinux-btf="$TEST_TMP/vmlinux.btf")"
	pass "configure summary: generated from the running kernel, or from --with-vmlinux-btf"
fi
