# SPDX-License-Identifier: GPL-2.0-or-later
# A burst of a few thousand execs from parallel spawners is captured
# whole, with nothing lost.  When the reader cannot keep up (here: stopped,
# with a small ring buffer), every dropped record is counted: the execs
# shown plus the "lost" counts equal the execs run, and stderr says so.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

out=$TEST_TMP/out.json
start_tool "$out" -j
"$HELPER" spawn-storm 1500 /bin/true "$TAG-burst-a" &
a=$!
"$HELPER" spawn-storm 1500 /bin/true "$TAG-burst-b" &
b=$!
wait $a $b
/bin/true "$TAG-last"
wait_for "$out" "$TAG-last" 20 || fail "no event for the last command"
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS"
[ ! -s "$out.err" ] || fail "stderr: $(cat "$out.err")"
json_check "$out" '
na, nb = len(tagged(tag + "-burst-a")), len(tagged(tag + "-burst-b"))
lost = [e for e in all_events if e["event"] == "lost"]
assert not lost, "lost records in a 3000-exec burst: " + short(lost)
assert (na, nb) == (1500, 1500), "captured %d + %d of 1500 + 1500" % (na, nb)
print("ok: 3000 of 3000 execs from two parallel spawners, none lost")
' || fail "burst"

# Losses, counted exactly: COMMAND mode keeps other processes' events out
# of the buffer, so every record in it is one of ours.
big=$(head -c 8000 /dev/zero | tr '\0' x)
out=$TEST_TMP/lost.json
# The command says when it has started (so tracing is attached) and when
# its storm is over, by files it makes with the shell's own redirections
# (no exec); the reader is stopped in between, however slow the machine.
"$EXECSNOOP" -j --buffer-size=256K -- sh -c ": >$TEST_TMP/started; sleep 0.5; \"$HELPER\" spawn-storm 300 /bin/true $TAG-lost $big; : >$TEST_TMP/done" \
	>"$out" 2>"$out.err" &
TOOL_PID=$!
wait_file() {
	_n=$(( $2 * 100 ))
	until [ -e "$1" ]; do
		[ "$_n" -gt 0 ] || fail "$1 not made within $2 s: $(cat "$out.err")"
		sleep 0.01
		_n=$((_n - 1))
	done
}
wait_file "$TEST_TMP/started" 30
kill -STOP "$TOOL_PID"	# the reader stops; the command runs on
wait_file "$TEST_TMP/done" 120
kill -CONT "$TOOL_PID"
wait "$TOOL_PID"
st=$?
TOOL_PID=
[ "$st" = 0 ] || fail "status $st"
json_check "$out" '
shown = len(tagged(tag + "-lost"))
execs = len([e for e in all_events if e["event"] == "exec"])
lost = sum(e["count"] for e in all_events if e["event"] == "lost")
# sh, sleep, the spawner and its 300 children
assert execs + lost == 303, "shown %d + lost %d != 303 execs run" % (execs, lost)
assert lost > 0, "nothing was lost with a stopped reader and a 256 KiB buffer"
reasons = set(e["reason"] for e in all_events if e["event"] == "lost")
assert reasons == {"ring_buffer_full"}, reasons
err = open("'"$out.err"'").read()
assert err == "execsnoop: %d events lost: the ring buffer was full (output too slow for the exec rate)\n" % lost, err
print("ok: %d shown + %d lost = 303 execs run; stderr says so" % (execs, lost))
' || fail "loss accounting"
