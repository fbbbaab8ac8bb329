# SPDX-License-Identifier: GPL-2.0-or-later
# execsnoop -- COMMAND: COMMAND's own exec and its descendants' are
# reported, other processes' are not; tracing stops when COMMAND exits,
# even if a descendant lives on; the exit status is COMMAND's (128+N when
# killed by signal N, 127 when not found); a SIGTERM sent to execsnoop is
# passed on to COMMAND; nothing stays loaded.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

# Unrelated tagged execs all along.
( while :; do /bin/true "$TAG-unrelated"; sleep 0.02; done ) &
noise=$!
at_exit "kill $noise 2>/dev/null"

out=$TEST_TMP/out.json
"$EXECSNOOP" -e -j -- sh -c "/bin/true $TAG-child; sh -c '/bin/true $TAG-grandchild'; sleep 0.2; exit 3" "$TAG-cmd" \
	>"$out" 2>"$out.err"
st=$?
[ "$st" = 3 ] || fail "status $st, not COMMAND's 3: $(cat "$out.err")"
[ ! -s "$out.err" ] || fail "stderr: $(cat "$out.err")"
json_check "$out" '
cmd = [e for e in all_events if e["event"] == "exec" and e["args"][:2] == ["sh", "-c"]
       and e["args"][-1] == tag + "-cmd"]
assert len(cmd) == 1, short(cmd)
assert all_events[0] is cmd[0], "the first event is not COMMAND own exec: " + short(all_events[0])
child, grand = one(tag + "-child"), one(tag + "-grandchild")
assert child["ppid"] == cmd[0]["pid"], short(child)
assert grand["ppid"] != cmd[0]["pid"], short(grand)
assert not tagged(tag + "-unrelated"), "an unrelated process was reported"
last = [e for e in all_events if e["event"] == "exit" and e["pid"] == cmd[0]["pid"]]
assert len(last) == 1 and last[0]["exit_code"] == 3, short(last)
assert all_events[-1] is last[0], "events after COMMAND exit: " + short(all_events[-1])
print("ok: own exec first, descendants, no unrelated process, exit 3")
' || fail "command mode events"

# killed by a signal: 128 + N
"$EXECSNOOP" -- sh -c 'kill -KILL $$' >/dev/null 2>"$out.err"
st=$?
[ "$st" = 137 ] || fail "killed COMMAND: status $st, not 137"
pass "status 128+9 for a killed COMMAND"

# not found: 127 and one line
"$EXECSNOOP" -- "no-such-command-$TAG" >"$out" 2>"$out.err"
st=$?
[ "$st" = 127 ] || fail "missing COMMAND: status $st, not 127"
[ "$(cat "$out.err")" = "execsnoop: cannot run 'no-such-command-$TAG': No such file or directory" ] ||
	fail "missing COMMAND said: $(cat "$out.err")"
pass "status 127 and one line for a missing COMMAND"

# COMMAND exits, its background child lives on: tracing stops anyway
start=$(date +%s%N)
"$EXECSNOOP" -- sh -c "sleep 3 & exit 0" >/dev/null 2>"$out.err"
st=$?
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
pkill -f -x "sleep 3" 2>/dev/null
[ "$st" = 0 ] || fail "status $st"
[ "$elapsed" -lt 2500 ] || fail "execsnoop waited ${elapsed} ms for a descendant of COMMAND"
pass "stops when COMMAND exits (${elapsed} ms)"

# a SIGTERM for execsnoop goes to COMMAND: status 128+15, nothing left loaded
out=$TEST_TMP/out.txt
"$EXECSNOOP" -- sh -c "/bin/true $TAG-ready; exec sleep 30" >"$out" 2>"$out.err" &
TOOL_PID=$!
wait_for "$out" "$TAG-ready" || fail "command mode did not start"
TOOL_IDS=$(bpf_ids_of "$TOOL_PID")
echo "$TOOL_IDS" | grep -q '^link:' || fail "no BPF link held in command mode"
kill -TERM "$TOOL_PID"
wait "$TOOL_PID"
st=$?
TOOL_PID=
[ "$st" = 143 ] || fail "SIGTERM: status $st, not 143"
assert_released
pass "SIGTERM passed on to COMMAND, status 143, nothing left loaded"

# Signals that arrive after COMMAND has ended (the last drain, the clean-up)
# are not passed on: there is nobody left to pass them to, and kill(0, ...)
# would hit execsnoop's whole process group.  A sentinel shares that group;
# COMMAND ignores SIGTERM so that the forwarded copies change nothing.
command -v setsid >/dev/null 2>&1 || fail "setsid (util-linux) is needed"
out=$TEST_TMP/late.txt
setsid sh -c 'sleep 30 & echo $! >"$1.sentinel"; echo $$ >"$1.pid"; shift; exec "$@"' sh "$out" \
	"$EXECSNOOP" -- sh -c "trap '' TERM; /bin/true $TAG-late; sleep 0.3; exit 5" >"$out" 2>"$out.err" &
wrapper=$!
wait_for "$out" "$TAG-late" || fail "late signals: command mode did not start"
pid=$(cat "$out.pid") sentinel=$(cat "$out.sentinel")
at_exit "kill $sentinel 2>/dev/null"
n=0 end=$(($(date +%s) + 10))
while kill -TERM "$pid" 2>/dev/null; do
	n=$((n + 1))
	[ $((n % 500)) != 0 ] || [ "$(date +%s)" -lt "$end" ] ||
		{ kill -KILL "$pid"; fail "late signals: execsnoop still running after 10 s of SIGTERMs"; }
done
wait "$wrapper"
st=$?
kill -0 "$sentinel" 2>/dev/null || fail "a late SIGTERM reached execsnoop's process group (status $st)"
[ "$st" = 5 ] || fail "late signals: status $st, not COMMAND's 5: $(cat "$out.err")"
pass "$n SIGTERMs, none passed on after COMMAND ended; status 5"

# COMMAND is looked up in PATH before tracing starts: with -x, the trace
# begins with its one real exec, not one failed exec (ENOENT) per PATH
# entry before the one that has it.
mkdir "$TEST_TMP/empty1" "$TEST_TMP/empty2"
out=$TEST_TMP/path.json
PATH="$TEST_TMP/empty1:$TEST_TMP/empty2:$PATH" "$EXECSNOOP" -x -j -- \
	sh -c "/bin/true $TAG-path-child; exit 0" "$TAG-path" >"$out" 2>"$out.err"
st=$?
[ "$st" = 0 ] || fail "PATH lookup: status $st: $(cat "$out.err")"
json_check "$out" '
mine = [e for e in all_events if e["event"] == "exec" and e["args"][-1:] == [tag + "-path"]]
assert len(mine) == 1, "COMMAND exec more than once: " + short(mine)
assert mine[0]["ret"] == 0, short(mine)
assert all_events[0] is mine[0], "the first event is not COMMAND own exec: " + short(all_events[0])
child = one(tag + "-path-child")
assert child["ppid"] == mine[0]["pid"], short(child)
print("ok: one exec of COMMAND, first, no failed PATH lookups")
' || fail "PATH lookup events"
pass "COMMAND resolved through PATH before tracing: its own exec comes first"

# Not executable: 126 and one line, before anything is loaded (no header);
# a PATH entry whose file cannot be run is passed over for a later one.
printf '#!/bin/sh\nexit 0\n' >"$TEST_TMP/empty1/$TAG-noexec"
"$EXECSNOOP" -- "$TEST_TMP/empty1/$TAG-noexec" >"$out" 2>"$out.err"
st=$?
[ "$st" = 126 ] || fail "non-executable COMMAND: status $st, not 126"
[ "$(cat "$out.err")" = "execsnoop: cannot run '$TEST_TMP/empty1/$TAG-noexec': Permission denied" ] ||
	fail "non-executable COMMAND said: $(cat "$out.err")"
[ ! -s "$out" ] || fail "non-executable COMMAND: output before the check: $(cat "$out")"
PATH="$TEST_TMP/empty1:$PATH" "$EXECSNOOP" -- "$TAG-noexec" >"$out" 2>"$out.err"
st=$?
[ "$st" = 126 ] || fail "non-executable COMMAND in PATH: status $st, not 126: $(cat "$out.err")"
printf '#!/bin/sh\nexit 4\n' >"$TEST_TMP/empty2/$TAG-noexec"
chmod +x "$TEST_TMP/empty2/$TAG-noexec"
PATH="$TEST_TMP/empty1:$TEST_TMP/empty2:$PATH" "$EXECSNOOP" -- "$TAG-noexec" >"$out" 2>"$out.err"
st=$?
[ "$st" = 4 ] || fail "a later executable in PATH: status $st, not 4: $(cat "$out.err")"
"$EXECSNOOP" -- "no-such-command-$TAG" >"$out" 2>"$out.err"
[ ! -s "$out" ] || fail "missing COMMAND: output before the check: $(cat "$out")"
pass "status 126 for a COMMAND that cannot run, 127 for none, both before tracing"
