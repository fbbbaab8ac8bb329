# SPDX-License-Identifier: GPL-2.0-or-later
# minimal loads its tracepoint program, which prints "BPF triggered from
# PID <pid>." into the trace buffer for minimal's own write() calls;
# SIGINT and SIGTERM end it with status 0 and nothing left loaded.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
require_tracefs
tracefs=$(tracefs_dir)

for sig in INT TERM; do
	"$MINIMAL" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
	TOOL_PID=$!
	wait_for "$TEST_TMP/out" "Successfully started" 10 ||
		fail "minimal did not start: $(cat "$TEST_TMP/err")"
	grep -qF "Run 'cat $tracefs/trace_pipe'" "$TEST_TMP/out" ||
		fail "the start message does not name $tracefs/trace_pipe: $(cat "$TEST_TMP/out")"
	pid=$TOOL_PID
	TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
	echo "$TOOL_IDS" | grep -q '^prog:' || fail "bpftool shows no program held by minimal"
	assert_unprivileged "$TOOL_PID" minimal
	# Another process writing all the time: the program must filter it out.
	bash -c 'while :; do echo x; done' >/dev/null &
	writer=$!
	at_exit "kill $writer 2>/dev/null"
	# The line for this very process, in the (non-consuming) trace file.
	found=
	for i in $(seq 1 60); do
		if grep -qF "BPF triggered from PID $TOOL_PID." "$tracefs/trace"; then
			found=1
			break
		fi
		sleep 0.1
	done
	[ -n "$found" ] || fail "no 'BPF triggered from PID $TOOL_PID.' in $tracefs/trace"
	# a tick a second: dots on stderr, each a write() that fired it
	sleep 2.2
	kill "$writer"
	grep -qF "BPF triggered from PID $writer." "$tracefs/trace" &&
		fail "minimal's program printed the writes of another process ($writer)"
	[ "$(tr -cd . <"$TEST_TMP/err" | wc -c)" -ge 2 ] ||
		fail "minimal did not tick once a second: '$(cat "$TEST_TMP/err")'"
	stop_tool "$sig"
	[ "$TOOL_STATUS" = 0 ] || fail "minimal exited $TOOL_STATUS on SIG$sig"
	if grep -qv '^\.*$' "$TEST_TMP/err"; then
		fail "minimal wrote more than dots to stderr: $(cat "$TEST_TMP/err")"
	fi
	pass "minimal traced its PID $pid and left on SIG$sig with status 0"
done

# In a PID namespace of its own, as in a container, minimal is PID 1 there:
# the program compares PIDs of that namespace and prints that one, for the
# same process the trace buffer shows under its global PID.
command -v unshare >/dev/null 2>&1 || fail "unshare (util-linux) is needed"
unshare --pid --fork --mount-proc "$MINIMAL" >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
wrapper=$!
wait_for "$TEST_TMP/out" "Successfully started" 10 ||
	fail "minimal did not start in a PID namespace: $(cat "$TEST_TMP/err")"
TOOL_PID=$(cat /proc/"$wrapper"/task/*/children)
[ -n "$TOOL_PID" ] || fail "no minimal under unshare"
TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
found=
for i in $(seq 1 60); do
	if grep -qE "minimal-$TOOL_PID .*BPF triggered from PID 1\.\$" "$tracefs/trace"; then
		found=1
		break
	fi
	sleep 0.1
done
[ -n "$found" ] || fail "no 'BPF triggered from PID 1.' from minimal-$TOOL_PID in a PID namespace"
kill -INT "$TOOL_PID"
wait "$wrapper"
st=$?
TOOL_PID=
[ "$st" = 0 ] || fail "minimal in a PID namespace exited $st on SIGINT"
assert_released
pass "minimal in a PID namespace traced itself as PID 1 there"
