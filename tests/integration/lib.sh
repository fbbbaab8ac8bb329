# SPDX-License-Identifier: GPL-2.0-or-later
# lib.sh: sourced by the integration tests.
#
# Tests tag every command they run with a unique string and look for
# exactly those events: other processes on the machine exec too.  A test
# that needs root, BPF or kernel BTF exits 77 (SKIP) with the reason when
# the environment lacks it, and fails otherwise.

set -u

: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_srcdir:=$top_builddir}"
: "${BPFTOOL:=bpftool}"
EXECSNOOP=${EXECSNOOP:-$top_builddir/execsnoop}
MINIMAL=${MINIMAL:-$top_builddir/minimal}
HELPER=${HELPER:-$top_builddir/tests/helpers/exec-helper}
PATH=$PATH:/usr/sbin:/sbin
export LC_ALL=C.UTF-8 TZ=UTC

TAG="cbt$$x$(date +%s%N | cut -c8-16)"
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/corebpf-test.XXXXXX")
TOOL_PID=
_cleanups=

cleanup() {
	if [ -n "$TOOL_PID" ] && kill -0 "$TOOL_PID" 2>/dev/null; then
		kill -KILL "$TOOL_PID" 2>/dev/null
	fi
	eval "$_cleanups"
	rm -rf "$TEST_TMP"
}
trap cleanup EXIT
at_exit() { _cleanups="$_cleanups $*;"; }

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
pass() { echo "ok: $*"; }

require_root_bpf() {
	[ "$(id -u)" = 0 ] || skip "needs root to load BPF programs"
	[ -r /sys/kernel/btf/vmlinux ] || skip "no kernel BTF at /sys/kernel/btf/vmlinux"
	command -v "$BPFTOOL" >/dev/null 2>&1 || skip "bpftool not found (needed to check what is loaded)"
	"$BPFTOOL" prog show >/dev/null 2>&1 || skip "the bpf() syscall is not usable here"
	command -v python3 >/dev/null 2>&1 || fail "python3 is needed by the integration tests"
}

# lock_trace_pipe: trace_pipe is one stream for the whole system, and a
# reader takes the lines it reads from every other one; so the tests that
# run minimal, which reads it, take turns (make -j2 check runs tests side
# by side).  The lock is the build directory's, held until the test exits.
lock_trace_pipe() {
	exec 8<"$top_builddir"
	flock -w 600 8 || fail "another test held trace_pipe (the lock on $top_builddir) for 10 minutes"
}

# tracefs is where minimal --no-read leaves its output and where libbpf finds
# tracepoint ids.  Where the system has not mounted it, the test mounts it
# in a mount namespace of its own: the system's mounts are not the test's
# to change, and tests running beside it must not see it come and go.
require_tracefs() {
	[ -e /sys/kernel/tracing/trace_pipe ] && return 0
	[ -e /sys/kernel/debug/tracing/trace_pipe ] && return 0
	grep -qw tracefs /proc/filesystems || skip "the kernel has no tracefs"
	if [ -n "${COREBPF_TEST_MNTNS:-}" ]; then
		mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null || skip "cannot mount tracefs"
		return 0
	fi
	command -v unshare >/dev/null 2>&1 ||
		skip "tracefs is not mounted, and unshare (util-linux) is missing to mount it privately"
	# Start again in the new namespace: nothing has run yet but lib.sh.
	cleanup
	trap - EXIT
	COREBPF_TEST_MNTNS=1 exec unshare --mount --propagation private bash "$0"
}

tracefs_dir() {
	if [ -e /sys/kernel/tracing/trace_pipe ]; then echo /sys/kernel/tracing
	else echo /sys/kernel/debug/tracing; fi
}

# wait_for FILE PATTERN [SECONDS]: until a line of FILE matches the
# fixed string PATTERN.
wait_for() {
	_n=$(( ${3:-10} * 20 ))
	while [ "$_n" -gt 0 ]; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# The BPF programs, links and maps a process holds, as "prog:ID" lines,
# from its file descriptors (bpftool's own pid lookup needs a BPF iterator,
# which not every kernel allows).
bpf_ids_of() {
	for _fd in /proc/"$1"/fd/*; do
		case $(readlink "$_fd" 2>/dev/null) in
		anon_inode:bpf-prog) _kind=prog ;;
		anon_inode:bpf-link|anon_inode:bpf_link) _kind=link ;;
		anon_inode:bpf-map) _kind=map ;;
		*) continue ;;
		esac
		_id=$(sed -n "s/^${_kind}_id:[[:space:]]*//p" "/proc/$1/fdinfo/${_fd##*/}" 2>/dev/null)
		[ -n "$_id" ] && echo "$_kind:$_id"
	done | sort -u
}

# wait_attached PID: until the process holds a BPF link (10 s at most);
# sets TOOL_IDS to what it holds.
wait_attached() {
	for _i in $(seq 1 200); do
		TOOL_IDS=$(bpf_ids_of "$1")
		echo "$TOOL_IDS" | grep -q '^link:' && return 0
		kill -0 "$1" 2>/dev/null || break
		sleep 0.05
	done
	fail "process $1 did not attach its BPF programs"
}

# start_tool OUT ARGS...: start execsnoop (or $TOOL) with output to OUT,
# wait until it is tracing, and note what BPF objects it holds.  Ready
# means: a tagged probe exec was reported (READY=probe, the default), or,
# for runs whose filters hide the probe, its BPF links are attached
# (READY=links).
start_tool() {
	_out=$1; shift
	# Emptied here: the background job's own redirection may come after
	# the first look for the probe below, which would find a previous
	# run's probe in a reused file.
	: >"$_out"
	"${TOOL:-$EXECSNOOP}" "$@" >"$_out" 2>"$_out.err" &
	TOOL_PID=$!
	_n=0
	while :; do
		kill -0 "$TOOL_PID" 2>/dev/null || fail "the tool exited early: $(cat "$_out.err")"
		[ "$_n" -lt 200 ] || fail "the tool was not ready within 10 s"
		if [ "${READY:-probe}" = probe ]; then
			grep -qF "$TAG-ready" "$_out" 2>/dev/null && break
			/bin/true "$TAG-ready" 2>/dev/null
		else
			# attached: the output is set up right after the links
			if bpf_ids_of "$TOOL_PID" | grep -q '^link:'; then
				sleep 0.2
				break
			fi
		fi
		sleep 0.05
		_n=$((_n + 1))
	done
	TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
	echo "$TOOL_IDS" | grep -q '^prog:' || fail "bpftool shows no BPF program held by the tool"
	echo "$TOOL_IDS" | grep -q '^link:' || fail "bpftool shows no BPF link held by the tool"
}

# stop_tool [SIGNAL]: signal it, wait, set TOOL_STATUS; check that none of
# its programs, links or maps is left in the kernel.
stop_tool() {
	kill "-${1:-INT}" "$TOOL_PID"
	wait "$TOOL_PID"
	TOOL_STATUS=$?
	TOOL_PID=
	assert_released
}

assert_released() {
	_left=
	_now=$( { "$BPFTOOL" prog show; "$BPFTOOL" link show; "$BPFTOOL" map show; } 2>/dev/null )
	for _id in $TOOL_IDS; do
		_kind=${_id%%:*}
		_num=${_id#*:}
		# Freed objects can linger until an RCU grace period ends.
		for _try in 1 2 3 4 5 6 7 8 9 10; do
			"$BPFTOOL" "$_kind" show id "$_num" >/dev/null 2>&1 || break
			sleep 0.1
		done
		"$BPFTOOL" "$_kind" show id "$_num" >/dev/null 2>&1 && _left="$_left $_id"
	done
	[ -z "$_left" ] || fail "still loaded after exit:$_left"
}

# Our programs' names, for the orphan check below.
OUR_PROGS='handle_[a-z_]*'

# The highest BPF program id now (ids only grow).
bpf_max_prog_id() {
	"$BPFTOOL" prog show 2>/dev/null | sed -n 's/^\([0-9]*\): .*/\1/p' | sort -n | tail -n 1
}

# assert_no_orphans ID: every program of ours loaded since ID is held by a
# live process (other tests run in parallel); one held by nobody would be
# pinned or leaked, and stay loaded.
bpf_orphans() {
	_held=$(cat /proc/[0-9]*/fdinfo/* 2>/dev/null | sed -n 's/^prog_id:[[:space:]]*//p' | sort -u)
	"$BPFTOOL" prog show 2>/dev/null | sed -n "s/^\([0-9]*\): .* name \($OUR_PROGS\) .*/\1/p" |
	while read -r _id; do
		[ "$_id" -gt "$1" ] || continue
		echo "$_held" | grep -qx "$_id" || echo "$_id"
	done
}
assert_no_orphans() {
	# A program whose process just ended is freed a moment later (and other
	# tests run in parallel): only one that stays unheld is an orphan.
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		[ -z "$(bpf_orphans "$1")" ] && return 0
		sleep 0.2
	done
	fail "programs of ours loaded but held by no process: $(bpf_orphans "$1" | tr '\n' ' ')"
}

# A world-readable copy of the tools, for runs as another user: the build
# tree may sit in a directory only root can enter.
user_copy() {
	mkdir -p "$TEST_TMP/bin"
	chmod 755 "$TEST_TMP" "$TEST_TMP/bin"
	cp "$EXECSNOOP" "$MINIMAL" "$TEST_TMP/bin/"
}

# assert_unprivileged PID WHAT [CAPS]: the process, started as root, runs
# as nobody with no supplementary group, its capability sets are empty
# (its effective and permitted ones CAPS, in /proc's hex, if given) and
# no_new_privs is set.
assert_unprivileged() {
	_nobody=$(id -u nobody)
	_nogroup=$(id -g nobody)
	grep -q "^Uid:[[:space:]]*$_nobody[[:space:]]*$_nobody[[:space:]]*$_nobody[[:space:]]*$_nobody\$" \
		"/proc/$1/status" || fail "$2 did not become nobody: $(grep '^Uid' "/proc/$1/status")"
	grep -q "^Gid:[[:space:]]*$_nogroup[[:space:]]*$_nogroup[[:space:]]*$_nogroup[[:space:]]*$_nogroup\$" \
		"/proc/$1/status" || fail "$2 kept its group: $(grep '^Gid' "/proc/$1/status")"
	grep -q '^Groups:[[:space:]]*$' "/proc/$1/status" ||
		fail "$2 kept supplementary groups: $(grep '^Groups' "/proc/$1/status")"
	for _set in CapInh CapPrm CapEff CapBnd CapAmb; do
		_want=0000000000000000
		case $_set in CapPrm|CapEff) _want=${3:-$_want} ;; esac
		grep -q "^$_set:[[:space:]]*$_want\$" "/proc/$1/status" ||
			fail "$2 keeps capabilities: $(grep "^$_set" "/proc/$1/status")"
	done
	grep -q '^NoNewPrivs:[[:space:]]*1$' "/proc/$1/status" || fail "$2: no_new_privs is not set"
}

# assert_terminal_safe FILE: valid UTF-8 with no control character but the
# newlines (no tab, no DEL, no C1) and no invisible format character.
assert_terminal_safe() {
	python3 - "$1" <<'EOF' || fail "$1 is not safe to print on a terminal"
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8", errors="strict").read()
for n, line in enumerate(text.split("\n"), 1):
    for ch in line:
        cp = ord(ch)
        if cp < 0x20 or 0x7f <= cp <= 0x9f or unicodedata.category(ch) in ("Cf", "Zl", "Zp"):
            sys.exit("line %d: U+%04X" % (n, cp))
EOF
}

# A line of OUT containing TAG-word, exactly.
line_of() { grep -F -- "$2" "$1" | head -n 1; }

# json_check FILE CODE: checks that every line of FILE is one strict JSON
# object in valid UTF-8, then runs the python statements CODE with
# `events` bound to the objects whose text carries TAG, `all_events` to
# every object, and `tag` to TAG.
json_check() {
	python3 - "$1" "$TAG" "$2" <<'EOF'
import base64, json, re, sys
path, tag, code = sys.argv[1], sys.argv[2], sys.argv[3]
def argbytes(e):
    """The exact argument bytes of an exec event."""
    if "args_base64" in e:
        return [base64.b64decode(a) for a in e["args_base64"]]
    return [a.encode() for a in e["args"]]
def nul_file(name):
    """Arguments written by printf '%s\\0' ..., as a list of bytes."""
    data = open(name, "rb").read()
    assert data.endswith(b"\0")
    return data[:-1].split(b"\0")
def short(x):
    text = repr(x)
    return text if len(text) < 400 else text[:400] + "..."
def tagged(word):
    """The exec events of the commands the test ran with `word` as their
    first argument (the test's own greps for it have it later)."""
    return [e for e in all_events
            if e.get("event") == "exec" and argbytes(e)[1:2] == [word.encode()]]
def one(word):
    found = tagged(word)
    assert len(found) == 1, "%d events for %s: %s" % (len(found), word, short(found))
    return found[0]
def reject(c):
    raise ValueError("non-standard number " + c)
events, all_events = [], []
with open(path, "rb") as f:
    for n, raw in enumerate(f, 1):
        text = raw.decode("utf-8", errors="strict")
        assert text.endswith("\n") and text.count("\n") == 1, "line %d is not one line" % n
        obj = json.loads(text, parse_constant=reject)
        assert isinstance(obj, dict), "line %d is not an object" % n
        all_events.append(obj)
        if tag in json.dumps(obj, ensure_ascii=False):
            events.append(obj)
exec(code)
EOF
}
