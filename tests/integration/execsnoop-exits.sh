# SPDX-License-Identifier: GPL-2.0-or-later
# -e reports one exit per process with the status wait(2) sees: exit codes,
# the killing signal, lifetimes; a multi-threaded process exits once, with
# the code of exit_group() or of its last thread; -d hides short lives.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
ulimit -c 0	# no core files from the SIGSEGV below

# run NAME CMD...: run in the background, note its PID under NAME
run() {
	_name=$1
	shift
	"$@" &
	echo "$_name $!" >>"$TEST_TMP/pids"
	wait $!
}

out=$TEST_TMP/out.json
start_tool "$out" -e -j
run exit0 sh -c 'exit 0' "$TAG-exit0"
run exit3 sh -c 'exit 3' "$TAG-exit3"
run exit255 sh -c 'exit 255' "$TAG-exit255"
run kill sh -c 'kill -KILL $$' "$TAG-kill"
run segv sh -c 'kill -SEGV $$' "$TAG-segv"
run sleep sh -c 'sleep 0.3' "$TAG-sleep"
run quick /bin/true "$TAG-quick"
run threads "$HELPER" threads-exit 4 7
run leader "$HELPER" leader-exit 9
/bin/true "$TAG-last"
wait_for "$out" "$TAG-last" || fail "no event for the last command"
sleep 0.2	# the last exits
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS"

json_check "$out" '
pids = {k: int(v) for k, v in (l.split() for l in open("'"$TEST_TMP/pids"'"))}
exits = {}
for e in all_events:
    if e["event"] == "exit" and e["pid"] in pids.values():
        exits.setdefault(e["pid"], []).append(e)
        assert set(e) >= {"time", "pid", "ppid", "uid", "comm", "exit_code", "signal",
                          "duration_ns"}, short(e)
def exit_of(name):
    found = exits.get(pids[name], [])
    assert len(found) == 1, "%s: %d exits: %s" % (name, len(found), short(found))
    assert found[0]["ppid"] == '"$$"', short(found[0])
    return found[0]
for name, code in (("exit0", 0), ("exit3", 3), ("exit255", 255)):
    e = exit_of(name)
    assert e["exit_code"] == code and e["signal"] is None and e["comm"] == "sh", short(e)
e = exit_of("kill")
assert e["exit_code"] is None and e["signal"] == 9 and e["core_dumped"] is False, short(e)
e = exit_of("segv")
assert e["exit_code"] is None and e["signal"] == 11, short(e)
e = exit_of("sleep")
assert 300e6 <= e["duration_ns"] < 5e9, short(e)
e = exit_of("quick")
assert e["exit_code"] == 0 and 0 < e["duration_ns"] < 1e9 and e["comm"] == "true", short(e)
# 4 threads, one calls exit(7): one exit for the process, code 7
e = exit_of("threads")
assert e["exit_code"] == 7 and e["comm"] == "exec-helper", short(e)
# the leader thread ends first; the process ends with its last thread, code 9
e = exit_of("leader")
assert e["exit_code"] == 9, short(e)
# every exec of these commands precedes its exit
for name in ("exit3", "kill", "sleep"):
    ex = [x for x in all_events if x["event"] == "exec" and x["pid"] == pids[name]]
    assert len(ex) == 1 and all_events.index(ex[0]) < all_events.index(exit_of(name)), name
print("ok: exit codes, signals, lifetimes, threads")
' || fail "exits"

# -d: exits of short-lived processes are hidden, their execs are not
out=$TEST_TMP/out-d.json
rm -f "$TEST_TMP/pids"
start_tool "$out" -j -d 200
run short sh -c 'sleep 0.02' "$TAG-short"
run long sh -c 'sleep 0.35' "$TAG-long"
/bin/true "$TAG-last"
wait_for "$out" "$TAG-last" || fail "no event for the last command"
sleep 0.2
stop_tool TERM
json_check "$out" '
pids = {k: int(v) for k, v in (l.split() for l in open("'"$TEST_TMP/pids"'"))}
exits = [e for e in all_events if e["event"] == "exit"]
assert not [e for e in exits if e["pid"] == pids["short"]], "a 20 ms process passed -d 200"
long = [e for e in exits if e["pid"] == pids["long"]]
assert len(long) == 1 and long[0]["duration_ns"] >= 200e6, short(long)
assert all(e["duration_ns"] >= 200e6 for e in exits), "an exit under 200 ms"
assert [e for e in all_events if e["event"] == "exec" and e["pid"] == pids["short"]], "no exec for short"
print("ok: -d 200")
' || fail "-d"
