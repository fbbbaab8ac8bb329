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
try "no kernel BTF to generate vmlinux.h from" corebpf_cv_sys_btf=/nonexistent
grep -q -- "--with-vmlinux-btf=FILE" "$TEST_TMP/cfg.out" || fail "the BTF error does not list the choices"
grep -q -- "--with-vmlinux-h=FILE" "$TEST_TMP/cfg.out" || fail "the BTF error does not list the choices"
pass "configure errors: clang, llvm-strip, bpftool, libbpf, BTF (three choices)"

# and a successful run ends with its summary
rm -rf "$TEST_TMP/b"
mkdir "$TEST_TMP/b"
(cd "$TEST_TMP/b" && "$configure" --with-vmlinux-h=/dev/null) >"$TEST_TMP/cfg.out" 2>&1 ||
	fail "configure --with-vmlinux-h failed: $(tail -n 5 "$TEST_TMP/cfg.out")"
for what in "libbpf:" "clang:" "llvm-strip:" "bpftool:" "BPF target:  *__TARGET_ARCH_" \
	    "kernel types: *header /dev/null" "manual pages:"; do
	grep -q "^ *$what" "$TEST_TMP/cfg.out" || fail "summary lacks '$what'"
done
pass "configure summary"
