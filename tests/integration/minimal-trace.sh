# SPDX-License-Identifier: GPL-2.0-or-later
# minimal loads its tracepoint program, which prints "BPF triggered from
# PID <pid>." into the trace buffer for minimal's own write() calls.
#   By default minimal prints, on its own stdout, the lines of trace_pipe
#   whose task is minimal: where tracefs is not mounted (it mounts its own,
#   privately, and the system's mounts do not change), where it is, in a
#   PID namespace of its own, and with a comm that needs escaping; lines of
#   other processes, even one named after minimal's PID, are not printed.
#   With --no-read, it says where to read, the test reads trace_pipe and
#   finds the line; where tracefs is not mounted, one line and status 1.
#   SIGINT and SIGTERM end it with status 0 and nothing left loaded, and
#   "minimal | head -n 1" ends at once, with status 0.
# The first part runs where tracefs is not mounted; then the test goes on
# in a mount namespace of its own where it mounts tracefs (require_tracefs),
# or on the system's tracefs if it has one.
. "${top_srcdir:-.}/tests/integration/lib.sh"
lock_trace_pipe
require_root_bpf
grep -qw tracefs /proc/filesystems || skip "the kernel has no tracefs"
command -v unshare >/dev/null 2>&1 || fail "unshare (util-linux) is needed"

# line_re PID: an event line of task PID carrying minimal's message with
# MSGPID ($2, default PID) in it.
line_re() { echo "^ *.*-$1 +(\\([ 0-9-]+\\) +)?\\[[0-9]+\\] .* bpf_trace_printk: BPF triggered from PID ${2:-$1}\\.\$"; }

# wait_line FILE PID [MSGPID [N]]: until FILE has N lines (1) of line_re,
# 10 s at most.  trace_pipe is one stream, and another reader of it may take
# a line (another minimal, a test running beside this one): a tick is then
# missed, not the next one.
wait_line() {
	_re=$(line_re "$2" "${3:-$2}")
	for _i in $(seq 1 200); do
		[ "$(grep -cE -- "$_re" "$1" 2>/dev/null)" -ge "${4:-1}" ] && return 0
		sleep 0.05
	done
	return 1
}

# assert_only_lines_of FILE PID [MSGPID [N]]: every line of FILE is one of
# minimal's, for task PID; there are at least N of them (1).
assert_only_lines_of() {
	_re=$(line_re "$2" "${3:-$2}")
	grep -vE -- "$_re" "$1" | grep -q . &&
		fail "minimal printed other lines than its own: $(grep -vE -- "$_re" "$1" | head -n 3)"
	_n=$(grep -cE -- "$_re" "$1")
	[ "$_n" -ge "${4:-1}" ] || fail "minimal printed $_n of its lines, not ${4:-1} or more: $(cat "$1")"
}

started_msg="Successfully started! Printing this process's lines of trace_pipe; Ctrl-C stops it."
notmounted="minimal: the trace output needs tracefs, which is not mounted; mount it with: mount -t tracefs tracefs /sys/kernel/tracing"

if [ -z "${COREBPF_TEST_MNTNS:-}" ]; then
	# --- tracefs not mounted ----------------------------------------------
	# As on this system when it has not mounted tracefs, or else in a
	# mount namespace where a tmpfs hides it; exec keeps the PID.
	without_tracefs() {
		if [ -e /sys/kernel/tracing/trace_pipe ] || [ -e /sys/kernel/debug/tracing/trace_pipe ]; then
			exec unshare --mount --propagation private sh -c 'umount /sys/kernel/tracing 2>/dev/null
				umount /sys/kernel/debug/tracing 2>/dev/null
				mount -t tmpfs none /sys/kernel/tracing && exec "$@"' sh "$@"
		fi
		exec "$@"
	}
	# tracefs mounts of this mount namespace (not every mount: other
	# programs on the machine mount and unmount things meanwhile)
	tracefs_mounts() { grep -c ' - tracefs ' /proc/self/mountinfo; }
	mounts_before=$(tracefs_mounts)
	for sig in INT TERM; do
		( without_tracefs "$MINIMAL" ) >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
		TOOL_PID=$!
		pid=$TOOL_PID
		wait_line "$TEST_TMP/out" "$TOOL_PID" ||
			fail "no trace line of minimal ($TOOL_PID) on its stdout without tracefs: $(cat "$TEST_TMP/err")"
		TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
		echo "$TOOL_IDS" | grep -q '^prog:' || fail "bpftool shows no program held by minimal"
		assert_unprivileged "$TOOL_PID" minimal
		# it left its private mount namespace; the private mount went with it
		[ "$(readlink "/proc/$TOOL_PID/ns/mnt")" = "$(readlink /proc/$$/ns/mnt)" ] ||
			[ -e /sys/kernel/tracing/trace_pipe ] || fail "minimal stays in a mount namespace of its own"
		grep -qw tracefs "/proc/$TOOL_PID/mountinfo" && fail "tracefs is mounted where minimal runs"
		# a tick a second, each a line; another process writing all the
		# time is filtered out in the kernel
		bash -c 'while :; do echo x; done' >/dev/null &
		writer=$!
		at_exit "kill $writer 2>/dev/null"
		wait_line "$TEST_TMP/out" "$pid" "$pid" 4 || fail "minimal did not tick once a second: $(cat "$TEST_TMP/out")"
		kill "$writer"
		stop_tool "$sig"
		[ "$TOOL_STATUS" = 0 ] || fail "minimal exited $TOOL_STATUS on SIG$sig"
		assert_only_lines_of "$TEST_TMP/out" "$pid"
		[ "$(cat "$TEST_TMP/err")" = "$started_msg" ] || fail "minimal's stderr: $(cat "$TEST_TMP/err")"
		[ "$(tracefs_mounts)" = "$mounts_before" ] || fail "minimal left a tracefs mount in the system's namespace"
		pass "minimal without tracefs: its own lines on stdout, a tick a second; SIG$sig: status 0, nothing left"
	done

	# --no-read reads the system's tracefs, which the user needs: one line.
	( without_tracefs "$MINIMAL" --no-read ) >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	st=$?
	[ "$st" = 1 ] || fail "minimal --no-read without tracefs: status $st: $(cat "$TEST_TMP/err")"
	[ "$(cat "$TEST_TMP/err")" = "$notmounted" ] || fail "minimal --no-read without tracefs: $(cat "$TEST_TMP/err")"
	[ ! -s "$TEST_TMP/out" ] || fail "minimal --no-read without tracefs wrote $(cat "$TEST_TMP/out")"
	pass "minimal --no-read without tracefs: one line, status 1"

	# The reader takes one line and leaves: minimal ends at once, quietly.
	before=$(bpf_max_prog_id)
	: "${before:=0}"
	t0=$(date +%s)
	timeout 10 bash -c '"$1" 2>"$2" | head -n 1 >"$3"; exit "${PIPESTATUS[0]}"' sh \
		"$MINIMAL" "$TEST_TMP/err" "$TEST_TMP/out"
	st=$?
	t1=$(date +%s)
	[ "$st" = 0 ] || fail "minimal | head -n 1: status $st: $(cat "$TEST_TMP/err")"
	[ $((t1 - t0)) -le 4 ] || fail "minimal | head -n 1 took $((t1 - t0)) s"
	pid=$(sed -n 's/.* BPF triggered from PID \([0-9]*\)\.$/\1/p' "$TEST_TMP/out")
	[ -n "$pid" ] && assert_only_lines_of "$TEST_TMP/out" "$pid" ||
		fail "minimal | head -n 1: not a line of minimal's: $(cat "$TEST_TMP/out")"
	[ "$(cat "$TEST_TMP/err")" = "$started_msg" ] || fail "minimal | head -n 1: stderr $(cat "$TEST_TMP/err")"
	assert_no_orphans "$before"
	pass "minimal | head -n 1: its line, status 0 in $((t1 - t0)) s, nothing left loaded"

	# In a PID namespace of its own, as in a container, minimal is PID 1
	# there: the program compares PIDs of that namespace and prints that
	# one, in a line whose task field is minimal's PID in the initial one.
	unshare --pid --fork --mount-proc "$MINIMAL" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
	wrapper=$!
	for i in $(seq 1 100); do
		TOOL_PID=$(cat /proc/"$wrapper"/task/*/children 2>/dev/null)
		[ -n "$TOOL_PID" ] && break
		sleep 0.05
	done
	[ -n "$TOOL_PID" ] || fail "no minimal under unshare"
	wait_line "$TEST_TMP/out" "$TOOL_PID" 1 ||
		fail "no 'BPF triggered from PID 1.' of task $TOOL_PID on minimal's stdout in a PID namespace: $(cat "$TEST_TMP/err")"
	TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
	kill -INT "$TOOL_PID"
	wait "$wrapper"
	st=$?
	TOOL_PID=
	[ "$st" = 0 ] || fail "minimal in a PID namespace exited $st on SIGINT"
	assert_released
	pass "minimal in a PID namespace traced itself as PID 1 there, and printed it"
fi

# --- tracefs mounted --------------------------------------------------------
require_tracefs
tracefs=$(tracefs_dir)

# Lines of other processes are not printed, even a process whose comm is
# "x-PID" with minimal's PID, nor minimal's message written by another.
# minimal reads them, as the lines of its own that follow show (unless
# another reader of trace_pipe took them first).
"$MINIMAL" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
TOOL_PID=$!
pid=$TOOL_PID
wait_line "$TEST_TMP/out" "$pid" ||
	fail "no trace line of minimal ($pid) on its stdout with tracefs mounted: $(cat "$TEST_TMP/err")"
TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
cp /bin/echo "$TEST_TMP/x-$pid"
"$TEST_TMP/x-$pid" "$TAG-forged BPF triggered from PID $pid." >"$tracefs/trace_marker"
sh -c 'echo "$1"' sh "$TAG-other BPF triggered from PID $pid." >"$tracefs/trace_marker"
n=$(grep -c . "$TEST_TMP/out")
wait_line "$TEST_TMP/out" "$pid" "$pid" $((n + 2)) || fail "minimal stopped printing its lines: $(cat "$TEST_TMP/out")"
stop_tool TERM
[ "$TOOL_STATUS" = 0 ] || fail "minimal with tracefs mounted exited $TOOL_STATUS on SIGTERM"
grep -qF "$TAG" "$TEST_TMP/out" && fail "minimal printed another process's line: $(grep -F "$TAG" "$TEST_TMP/out")"
assert_only_lines_of "$TEST_TMP/out" "$pid"
[ "$(cat "$TEST_TMP/err")" = "$started_msg" ] || fail "minimal's stderr: $(cat "$TEST_TMP/err")"
pass "minimal with tracefs mounted: its own lines only, not those of 'x-$pid'; SIGTERM: status 0"

# A comm is bytes the kernel prints as they are: escaped, never raw.
user_copy
esc=$(printf 'm\033[7mx')
cp "$TEST_TMP/bin/minimal" "$TEST_TMP/bin/$esc"
"$TEST_TMP/bin/$esc" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
TOOL_PID=$!
found=
for i in $(seq 1 100); do
	grep -qF 'm\e[7mx-'"$TOOL_PID " "$TEST_TMP/out" && { found=1; break; }
	sleep 0.05
done
TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "minimal named with an escape exited $TOOL_STATUS"
[ -n "$found" ] || fail "no line with the comm escaped as m\\e[7mx: $(cat -v "$TEST_TMP/out")"
assert_terminal_safe "$TEST_TMP/out"
pass "minimal's comm with an escape sequence is printed escaped"

# --- --no-read: the user reads trace_pipe -----------------------------------
for sig in INT TERM; do
	"$MINIMAL" --no-read >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
	TOOL_PID=$!
	pid=$TOOL_PID
	wait_for "$TEST_TMP/out" "Successfully started" 10 ||
		fail "minimal --no-read did not start: $(cat "$TEST_TMP/err")"
	[ "$(cat "$TEST_TMP/out")" = "Successfully started! Run 'cat $tracefs/trace_pipe' to see the output of the BPF program." ] ||
		fail "minimal --no-read: the start message: $(cat "$TEST_TMP/out")"
	TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
	echo "$TOOL_IDS" | grep -q '^prog:' || fail "bpftool shows no program held by minimal --no-read"
	assert_unprivileged "$TOOL_PID" "minimal --no-read"
	# as a user would: the line of this very process, from trace_pipe
	timeout 10 grep -m 1 -E -- "$(line_re "$TOOL_PID")" "$tracefs/trace_pipe" >"$TEST_TMP/pipe"
	[ -s "$TEST_TMP/pipe" ] || fail "no line of minimal --no-read ($TOOL_PID) in $tracefs/trace_pipe"
	for i in $(seq 1 100); do
		[ "$(tr -cd . <"$TEST_TMP/err" | wc -c)" -ge 3 ] && break
		sleep 0.05
	done
	stop_tool "$sig"
	[ "$TOOL_STATUS" = 0 ] || fail "minimal --no-read exited $TOOL_STATUS on SIG$sig"
	# a tick a second: dots on stderr, each a write() that fired it
	[ "$(tr -cd . <"$TEST_TMP/err" | wc -c)" -ge 3 ] ||
		fail "minimal --no-read did not tick once a second: '$(cat "$TEST_TMP/err")'"
	grep -qv '^\.*$' "$TEST_TMP/err" && fail "minimal --no-read wrote more than dots to stderr: $(cat "$TEST_TMP/err")"
	[ "$(wc -l <"$TEST_TMP/out")" = 1 ] || fail "minimal --no-read printed more: $(cat "$TEST_TMP/out")"
	pass "minimal --no-read: the line of its PID $pid in trace_pipe; SIG$sig: status 0, nothing left"
done
