# SPDX-License-Identifier: GPL-2.0-or-later
# Every way into exec() is reported, with the process ID of the initial PID
# namespace: execveat(), fexecve(), a "#!" script (with the arguments the
# interpreter received), an exec from a non-leader thread (the process ID,
# not the thread's, and one exit for the process), a process in its own
# PID namespace, and argc == 0.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
command -v unshare >/dev/null 2>&1 || fail "unshare (util-linux) is needed"

out=$TEST_TMP/out.json
start_tool "$out" -j -e

"$HELPER" execveat /bin true "$TAG-execveat" x &
echo "execveat $!" >>"$TEST_TMP/pids"
wait $!
"$HELPER" fexecve /bin/true "$TAG-fexecve" &
echo "fexecve $!" >>"$TEST_TMP/pids"
wait $!
"$HELPER" thread-exec /bin/true "$TAG-thread" &
echo "thread $!" >>"$TEST_TMP/pids"
wait $!
printf '#!/bin/sh -e\nexit 0\n' >"$TEST_TMP/script.sh"
chmod +x "$TEST_TMP/script.sh"
"$TEST_TMP/script.sh" "$TAG-script" arg &
echo "script $!" >>"$TEST_TMP/pids"
wait $!
unshare --pid --fork /bin/true "$TAG-pidns" &
echo "unshare $!" >>"$TEST_TMP/pids"
wait $!
"$HELPER" argc0 /bin/true &
echo "argc0 $!" >>"$TEST_TMP/pids"
wait $!
/bin/true "$TAG-last"
wait_for "$out" "$TAG-last" || fail "no event for the last command"
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS"

json_check "$out" '
pids = dict(l.split() for l in open("'"$TEST_TMP/pids"'"))
pids = {k: int(v) for k, v in pids.items()}
shell = '"$$"'

e = one(tag + "-execveat")
assert e["pid"] == pids["execveat"] and e["ppid"] == shell, short(e)
assert e["args"] == ["true", tag + "-execveat", "x"], short(e)
assert re.fullmatch(r"/dev/fd/\d+/true", e["filename"]), e["filename"]

e = one(tag + "-fexecve")
assert e["pid"] == pids["fexecve"], short(e)
assert e["args"] == ["/bin/true", tag + "-fexecve"], short(e)
assert re.fullmatch(r"/dev/fd/\d+", e["filename"]), e["filename"]

# the exec came from a second thread: still the process ID
e = one(tag + "-thread")
assert e["pid"] == pids["thread"] and e["comm"] == "true", short(e)
# the exec ended the other thread: one exit for the process still, that
# of the new program
ends = [x for x in all_events if x.get("event") == "exit" and x["pid"] == pids["thread"]]
assert len(ends) == 1 and ends[0]["exit_code"] == 0 and ends[0]["comm"] == "true", short(ends)

# the interpreter gets: interpreter, its option, the script, the arguments
script = "'"$TEST_TMP/script.sh"'"
found = [x for x in all_events if x.get("event") == "exec" and
         x["args"] == ["/bin/sh", "-e", script, tag + "-script", "arg"]]
assert len(found) == 1, short(found)
assert found[0]["pid"] == pids["script"] and found[0]["filename"] == script, short(found)

# in a new PID namespace the process is PID 1 to itself; we report the
# initial namespace PID, whose parent is unshare
u = [x for x in all_events if x.get("event") == "exec" and x["pid"] == pids["unshare"]
     and x["comm"] == "unshare"]
assert len(u) == 1, short(u)
e = one(tag + "-pidns")
assert e["ppid"] == pids["unshare"] and e["pid"] not in (1, pids["unshare"]), short(e)

# execve(path, {NULL}): since Linux 5.18 the program gets argv[0] == ""
found = [x for x in all_events if x.get("event") == "exec" and x["pid"] == pids["argc0"]
         and x["filename"] == "/bin/true"]
assert len(found) == 1 and found[0]["args"] in ([], [""]), short(found)
print("ok: execveat, fexecve, thread exec, #! script, PID namespace, argc 0")
' || fail "exec kinds"
