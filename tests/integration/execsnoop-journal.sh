# SPDX-License-Identifier: GPL-2.0-or-later
# execsnoop --journal into a journald of the test's own: each event one
# native entry with its MESSAGE_ID and EXECSNOOP_* fields in exact bytes,
# EXECSNOOP_ARGS that a shell reads back as the same argument bytes, an
# entry too large for one datagram (sent in a memfd), a query by field,
# and the accounting of entries journald did not take.  Without journald,
# one line and status 1; built without libsystemd, the same.  journald is
# the test's own, in namespaces of its own (journald-lib.sh).
. "${top_srcdir:-.}/tests/integration/journald-lib.sh"
journald_reexec "$@"
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

# Not built with libsystemd: --journal says so, before loading anything.
if ! grep -q '^#define HAVE_SYSTEMD 1' "$top_builddir/config.h"; then
	"$EXECSNOOP" --journal >"$TEST_TMP/out" 2>&1 && fail "--journal without libsystemd: status 0"
	[ "$(wc -l <"$TEST_TMP/out")" = 1 ] && grep -q 'built without libsystemd' "$TEST_TMP/out" ||
		fail "--journal without libsystemd: $(cat "$TEST_TMP/out")"
	pass "built without libsystemd: --journal says so in one line, status 1"
	exit 0
fi
journald_setup

# No journald yet: one line, status 1, nothing loaded.
"$EXECSNOOP" --journal >"$TEST_TMP/none" 2>&1
st=$?
[ "$st" = 1 ] && [ "$(wc -l <"$TEST_TMP/none")" = 1 ] &&
	grep -q 'journald does not take entries here' "$TEST_TMP/none" ||
	fail "--journal without journald: status $st: $(cat "$TEST_TMP/none")"
pass "no journald: $(cat "$TEST_TMP/none")"

journald_start

# A hostile command line, an argument too large for one datagram once
# quoted (60000 control bytes: $'\001...' is four bytes each), a failed
# exec and an exit code.
printf '%s\0' /bin/echo "$TAG-journal" "two words" "$(printf 'esc\033[31m\nnl')" "" \
	"$(printf '\377bad')" "it's" >"$TEST_TMP/hostile.args"
python3 -c 'import sys; sys.stdout.buffer.write(b"/bin/true\0'"$TAG"'-big\0" + b"\x01" * 60000 + b"\0")' \
	>"$TEST_TMP/big.args"
# libsystemd asks for an 8 MiB send buffer when it opens its socket, at
# the first entry; execsnoop, by then the user nobody, gets at most twice
# net.core.wmem_max.  The entry of big.args (240 KB) fits in no datagram
# when wmem_max is 64 KiB (a 128 KiB buffer), so libsystemd sends it in a
# memfd; strace, where installed, shows that.  This run is one of its own,
# in command mode, started with the lower wmem_max.  (The sysctl is the
# system's, written from the system's network namespace: set back right
# after, and on any exit.)
wmem=$(cat /proc/sys/net/core/wmem_max)
set_wmem() { nsenter --net=/proc/self/fd/9 sh -c "echo $1 >/proc/sys/net/core/wmem_max"; }
at_exit "set_wmem $wmem"
trace=
command -v strace >/dev/null && trace="strace -f -qq -e trace=memfd_create -o $TEST_TMP/strace"
set_wmem 65536 || fail "cannot set net.core.wmem_max"
# (LeakSanitizer cannot work under ptrace: off for this run of a sanitizer build)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	$trace "$EXECSNOOP" --journal -- "$HELPER" exec-file "$TEST_TMP/big.args" >"$TEST_TMP/big.out" 2>&1
st=$?
set_wmem "$wmem"
[ "$st" = 0 ] || fail "execsnoop --journal -- exec-file big.args: status $st: $(cat "$TEST_TMP/big.out")"
if [ -n "$trace" ]; then
	grep -q 'memfd_create("sd-' "$TEST_TMP/strace" ||
		fail "the 240 KB entry did not go in a memfd: $(cat "$TEST_TMP/strace")"
	pass "the 240 KB entry went in a memfd: $(grep -m1 'memfd_create' "$TEST_TMP/strace")"
fi

# In command mode: only the command's tree is traced, so that no other
# process's entry is still on its way to a busy journald when the run
# ends (a stop signal cuts such a send, and counts the entry as lost).
out=$TEST_TMP/out
"$EXECSNOOP" --journal -x -e --env COREBPF_JVAR -- sh -c '
	COREBPF_JVAR="$4" "$1" exec-file "$2" >/dev/null
	"$1" exec "/nonexistent-$3" "$3-fail" 2>/dev/null
	sh -c "exit 3" "$3-exit"
	/bin/true "$3-last"' sh "$HELPER" "$TEST_TMP/hostile.args" "$TAG" "$(printf 'v a\nl')" \
	>"$out" 2>"$out.err"
st=$?
[ "$st" = 0 ] || fail "status $st: $(cat "$out.err")"
for i in $(seq 1 100); do
	journal_entries EXECSNOOP_EVENT=exec | grep -q "$TAG-last" && break
	sleep 0.1
done
[ ! -s "$out" ] || fail "--journal wrote to stdout: $(head -c 300 "$out")"
[ ! -s "$out.err" ] || fail "stderr: $(cat "$out.err")"
journal_entries >"$TEST_TMP/all.json"
journal_entries EXECSNOOP_UID=0 EXECSNOOP_EVENT=exec >"$TEST_TMP/by-uid.json"

python3 - "$TEST_TMP" "$TAG" "$(id -u)" <<'EOF' || fail "journal entries"
import json, subprocess, sys
tmp, tag, uid = sys.argv[1], sys.argv[2], sys.argv[3]
def value(v):
    """A field's bytes: journalctl gives a string, or an array of bytes
    for a value that is not printable UTF-8, or a list for a field that
    is there more than once."""
    if isinstance(v, list) and v and isinstance(v[0], int):
        return bytes(v)
    if isinstance(v, list):
        return [value(x) for x in v]
    return v.encode()
entries = [{k: value(v) for k, v in json.loads(l).items()} for l in open(tmp + "/all.json")]
def mine(word, ret=b"0"):
    found = [e for e in entries if e.get("EXECSNOOP_EVENT") == b"exec"
             and word.encode() in e.get("EXECSNOOP_ARGS", b"") and e["EXECSNOOP_RET"] == ret]
    assert len(found) == 1, "%d entries for %s" % (len(found), word)
    return found[0]
def argv_of(quoted):
    """What bash makes of EXECSNOOP_ARGS: the argument bytes."""
    out = subprocess.run(["bash", "-c", 'eval "set -- $(cat)"; printf "%s\\0" "$@"'],
                         input=quoted, capture_output=True, check=True).stdout
    return out[:-1].split(b"\0")
def nul_file(name):
    return open(name, "rb").read()[:-1].split(b"\0")

e = mine(tag + "-journal")
assert e["MESSAGE_ID"] == b"e2ad560a075a46f894d579a5796dd955", e["MESSAGE_ID"]
assert e["PRIORITY"] == b"6" and e["SYSLOG_IDENTIFIER"] == b"execsnoop"
assert argv_of(e["EXECSNOOP_ARGS"]) == nul_file(tmp + "/hostile.args"), e["EXECSNOOP_ARGS"]
assert e["EXECSNOOP_EXE"] == b"/usr/bin/echo" or e["EXECSNOOP_EXE"] == b"/bin/echo", e["EXECSNOOP_EXE"]
assert e["EXECSNOOP_ENV"] == b"COREBPF_JVAR=v a\nl", e["EXECSNOOP_ENV"]
assert e["EXECSNOOP_UID"] == uid.encode() and e["EXECSNOOP_RET"] == b"0"
for k in ("EXECSNOOP_PID", "EXECSNOOP_PPID", "EXECSNOOP_CWD", "EXECSNOOP_CGROUP",
          "EXECSNOOP_EXEC_ID", "EXECSNOOP_PARENT_EXEC_ID", "EXECSNOOP_TIME", "EXECSNOOP_COMM"):
    assert k in e, k
assert b"\n" not in e["MESSAGE"] and b"\x1b" not in e["MESSAGE"], e["MESSAGE"]
assert tag.encode() + b"-journal" in e["MESSAGE"]

big = mine(tag + "-big")
assert argv_of(big["EXECSNOOP_ARGS"]) == nul_file(tmp + "/big.args")
assert len(big["EXECSNOOP_ARGS"]) > 212992, len(big["EXECSNOOP_ARGS"])

fail = mine(tag + "-fail", b"-2")
assert fail["MESSAGE_ID"] == b"66ca6e2033f748f2a88194b744377ee0"
assert fail["EXECSNOOP_ERROR"] == b"ENOENT" and fail["EXECSNOOP_RET"] == b"-2"

ex = mine(tag + "-exit")
ends = [x for x in entries if x.get("EXECSNOOP_EVENT") == b"exit"
        and x.get("EXECSNOOP_PID") == ex["EXECSNOOP_PID"]
        and x.get("EXECSNOOP_EXEC_ID") == ex["EXECSNOOP_EXEC_ID"]]   # not an earlier holder of the PID
assert len(ends) == 1 and ends[0]["EXECSNOOP_EXIT_CODE"] == b"3", ends
assert ends[0]["MESSAGE_ID"] == b"d970613138fd42b9bea2635d62eab21a"
assert ends[0]["EXECSNOOP_EXEC_ID"] == ex["EXECSNOOP_EXEC_ID"]

by_uid = [json.loads(l) for l in open(tmp + "/by-uid.json")]
assert by_uid and all(x["EXECSNOOP_UID"] == "0" for x in by_uid)
assert any(tag + "-journal" in json.dumps(x) for x in by_uid)
print("ok: exec, failed exec and exit entries with their MESSAGE_IDs; EXECSNOOP_ARGS gives "
      "back the exact bytes in bash, for %d bytes too (a memfd); EXECSNOOP_ENV; "
      "query EXECSNOOP_UID=0: %d entries" % (len(big["EXECSNOOP_ARGS"]), len(by_uid)))
EOF

# journald goes away while execsnoop runs: the entries it could not take
# are counted, said on stderr, and reported (reason journal_write_failed)
# once journald is back.  Twice: with its socket left behind (the entries
# are refused), and with no socket at all (where libsystemd would drop
# them silently).
READY=links start_tool "$out" -e --journal
journald_stop
for i in 1 2 3; do /bin/true "$TAG-gone"; done
sleep 0.3
journald_start
sleep 1.5
journald_stop
rm -f /run/systemd/journal/socket
for i in 1 2 3; do /bin/true "$TAG-gone"; done
sleep 0.3
journald_start
sleep 1.5
/bin/true "$TAG-back"
for i in $(seq 1 100); do
	journal_entries EXECSNOOP_EVENT=lost | grep -q journal_write_failed && break
	sleep 0.1
done
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS: $(cat "$out.err")"
n=$(sed -n 's/^execsnoop: \([0-9]*\) events lost: journald did not take them (.*)$/\1/p' "$out.err")
[ -n "$n" ] && [ "$n" -ge 12 ] || fail "journald gone: stderr: $(cat "$out.err")"
lost=$(journal_entries EXECSNOOP_EVENT=lost EXECSNOOP_REASON=journal_write_failed | python3 -c '
import json, sys
print(sum(int(json.loads(l)["EXECSNOOP_COUNT"]) for l in sys.stdin))')
[ "$lost" = "$n" ] || fail "journald gone: $n events lost, lost entries count $lost"
journal_entries | grep -q "$TAG-back" || fail "no entry after journald came back"
pass "journald gone for a while: $n events lost, said on stderr and in a lost entry"
