# SPDX-License-Identifier: GPL-2.0-or-later
# Starting and stopping under pressure: a signal while the output is blocked
# on a reader that does not read, a signal during the start in command
# mode, a reader that goes away while nothing is printed, and a PID reused
# after a traced process ended (it must not be traced).  Each time the exit
# is prompt, the status right and nothing stays loaded.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

# --- SIGTERM while stdout is blocked -------------------------------------
fifo=$TEST_TMP/fifo
mkfifo "$fifo"
sleep 30 <"$fifo" &		# a reader that never reads
reader=$!
at_exit "kill $reader 2>/dev/null"
"$EXECSNOOP" -j >"$fifo" 2>"$TEST_TMP/err" &
TOOL_PID=$!
wait_attached "$TOOL_PID"
# fill the pipe (64 KiB) with execs with long arguments, until execsnoop
# sleeps in a pipe write
big=$(head -c 4000 /dev/zero | tr '\0' x)
for i in $(seq 1 200); do
	/bin/true "$TAG" "$big"
	case $(cat "/proc/$TOOL_PID/wchan" 2>/dev/null) in *pipe*) break ;; esac
	sleep 0.01
done
sleep 0.2
case $(cat "/proc/$TOOL_PID/wchan" 2>/dev/null) in
*pipe*) ;;
*) fail "execsnoop is not blocked writing to the pipe ($(cat "/proc/$TOOL_PID/wchan"))" ;;
esac
start=$(date +%s%N)
kill -TERM "$TOOL_PID"
wait "$TOOL_PID"
st=$?
TOOL_PID=
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$st" = 0 ] || fail "blocked output: status $st after SIGTERM"
[ "$ms" -lt 5000 ] || fail "blocked output: SIGTERM took ${ms} ms"
assert_released
# what could not be written is counted, not dropped silently
grep -Eq '^execsnoop: [1-9][0-9]* events not written: stopped while the output was blocked \(its reader was not reading\)$' \
	"$TEST_TMP/err" || fail "blocked output: stderr '$(cat "$TEST_TMP/err")'"
pass "SIGTERM with blocked output: status 0 in ${ms} ms, nothing left loaded, $(grep -o '[0-9]* events not written' "$TEST_TMP/err")"

# --- a reader that leaves while nothing is printed ------------------------
start=$(date +%s%N)
{ "$EXECSNOOP" -j -u 4294967294 2>"$TEST_TMP/err"; echo $? >"$TEST_TMP/st"; } | true
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(cat "$TEST_TMP/st")" = 0 ] || fail "reader gone: status $(cat "$TEST_TMP/st")"
[ ! -s "$TEST_TMP/err" ] || fail "reader gone: stderr $(cat "$TEST_TMP/err")"
[ "$ms" -lt 5000 ] || fail "reader gone: took ${ms} ms"
pass "a reader gone while nothing is printed ends it (${ms} ms)"

# --- SIGINT during the start in command mode ----------------------------
# sigint_caught PID: whether the process has a handler for SIGINT (bit 2 of
# SigCgt in /proc/PID/status)
sigint_caught() {
	local mask
	mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
	[ -n "$mask" ] && [ $(( 0x$mask & 2 )) != 0 ]
}
for delay in 0.01 0.05 0.2; do
	# COMMAND forks nothing before sleep: a shell waiting for a child may
	# choose to outlive a SIGINT that the child did not get.
	"$EXECSNOOP" -- sh -c ": >'$TEST_TMP/ran'; exec sleep 5" >/dev/null 2>&1 &
	pid=$!
	# A job started with & by a non-interactive shell begins with SIGINT
	# ignored: one sent before execsnoop catches it is lost, whatever
	# execsnoop does.  The delay counts from there (a slow start, under
	# sanitizers and load, took longer than 10 ms to get there).
	until sigint_caught "$pid"; do
		kill -0 "$pid" 2>/dev/null || fail "execsnoop exited during the start"
		sleep 0.001
	done
	sleep "$delay"
	kill -INT "$pid"
	start=$(date +%s%N)
	wait "$pid"
	st=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	# Before COMMAND runs, execsnoop stops (COMMAND never runs); after,
	# the signal is passed on to COMMAND.  Either way: 128 + SIGINT, now.
	[ "$st" = 130 ] || fail "SIGINT after ${delay}s: status $st, not 130"
	[ "$ms" -lt 3000 ] || fail "SIGINT after ${delay}s: took ${ms} ms"
	rm -f "$TEST_TMP/ran"
done
pass "SIGINT during the start of command mode: 130, promptly"

# --- a reused PID is not part of the traced tree --------------------------
# COMMAND forks a child that ends; a new process outside the tree then gets
# the same PID (through ns_last_pid) and must not be reported.
[ -w /proc/sys/kernel/ns_last_pid ] || skip "cannot choose PIDs (ns_last_pid)"
out=$TEST_TMP/reuse.json
"$EXECSNOOP" -j -- sh -c "/bin/true $TAG-child & echo \$! >'$TEST_TMP/child'; wait; sleep 1.5" >"$out" 2>&1 &
TOOL_PID=$!
for i in $(seq 1 100); do [ -s "$TEST_TMP/child" ] && break; sleep 0.02; done
child=$(cat "$TEST_TMP/child")
sleep 0.3	# the child has ended
python3 - "$child" "$TAG" <<'PY' || skip "could not get PID $child again"
import os, sys, time
want = int(sys.argv[1])
for attempt in range(50):
    with open("/proc/sys/kernel/ns_last_pid", "w") as f:
        f.write(str(want - 1))
    pid = os.fork()
    if pid == 0:
        if os.getpid() == want:
            os.execv("/bin/true", ["/bin/true", sys.argv[2] + "-reused"])
        os._exit(3)
    _, status = os.waitpid(pid, 0)
    if pid == want:
        sys.exit(0)
    time.sleep(0.01)
sys.exit(1)
PY
wait "$TOOL_PID"
TOOL_PID=
json_check "$out" '
assert one(tag + "-child")["pid"] == '"$child"'
assert not tagged(tag + "-reused"), "a process that reused a traced PID was reported"
' || fail "PID reuse"
pass "a PID reused outside the tree is not traced"
