# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input: every byte value 1-255 as separate arguments, invalid
# UTF-8 and terminal escapes, 100,000 arguments near the kernel's limit,
# command names with control characters, and storms from many parallel
# processes.  Human output stays one escaped line per event, JSON stays
# valid, nothing is lost.  And while it reads that input, execsnoop holds
# no capability and has no_new_privs set (least privilege).
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

# A program whose name (comm) carries control characters and invalid UTF-8.
evil=$TEST_TMP/$(printf 'ev\033]0;x\007\n\377')
ln -s /bin/true "$evil"
# /bin/true TAG-bytes, then bytes 1 to 255 one per argument, then "a\nb"
python3 -c '
import sys
args = [b"/bin/true", sys.argv[1].encode()] + [bytes([i]) for i in range(1, 256)] + [b"a\nb"]
sys.stdout.buffer.write(b"".join(a + b"\0" for a in args))' "$TAG-bytes" >"$TEST_TMP/bytes.argv"

for mode in human json; do
	out=$TEST_TMP/$mode.out
	args=
	[ $mode = json ] && args=-j
	start_tool "$out" $args
	# least privilege, checked on the running process
	assert_unprivileged "$TOOL_PID" "execsnoop $mode"
	# every byte but NUL (which cannot be in an argument), one per argument
	"$HELPER" exec-file "$TEST_TMP/bytes.argv"
	"$evil" "$TAG-comm" "$(printf '\033[2J\033[H')"
	# 100,000 arguments: the kernel takes them, execsnoop cuts at 64 KiB
	"$HELPER" many-args 100000 /bin/true
	# a storm from 8 parallel processes
	for j in 1 2 3 4 5 6 7 8; do "$HELPER" spawn-storm 250 /bin/true "$TAG-storm" & done
	wait $(jobs -p | grep -v "^$TOOL_PID\$")
	/bin/true "$TAG-last"
	wait_for "$out" "$TAG-last" 20 || fail "$mode: no event for the last command"
	stop_tool INT
	[ "$TOOL_STATUS" = 0 ] || fail "$mode: status $TOOL_STATUS"
	[ ! -s "$out.err" ] || fail "$mode: stderr $(cat "$out.err")"
	assert_terminal_safe "$out"
done

out=$TEST_TMP/human.out
# one line from the command name to the last argument: a byte that broke
# the line (newline among 1-255) would part the two
[ "$(grep -c "^true .* /bin/true $TAG-bytes .* a\\\\nb\$" "$out")" = 1 ] ||
	fail "the all-bytes exec is not one line: $(grep -A2 -- "$TAG-bytes" "$out" | head -c 2000)"
[ "$(grep -c " $TAG-comm " "$out")" = 1 ] || fail "the evil-name exec is not one line"
grep -q '^ev\\e\]0;x\\x07\\n\\xff ' "$out" || fail "evil comm: $(grep " $TAG-comm " "$out")"
grep -Eq "^true +[0-9]+ .* /bin/true a1 a2 a3 .* \[truncated\]$" "$out" ||
	fail "100,000 arguments: no truncated line"
# (the ARGS column starts with /bin/true: not the spawners' own lines)
storm=$(grep -Ec " 0 +/bin/true $TAG-storm\$" "$out")
[ "$storm" = 2000 ] || fail "storm: $storm of 2000 lines"
pass "human: one escaped line per event, 100,000 arguments cut and marked, 2000 of 2000 storm execs"

json_check "$TEST_TMP/json.out" '
e = one(tag + "-bytes")
want = [b"/bin/true", (tag + "-bytes").encode()] + [bytes([i]) for i in range(1, 256)] + [b"a\nb"]
assert argbytes(e) == want, short(argbytes(e))
c = one(tag + "-comm")
assert base64.b64decode(c["comm_base64"]) == b"ev\x1b]0;x\x07\n\xff", short(c)
many = [x for x in all_events if x["event"] == "exec" and x["args"][:3] == ["/bin/true", "a1", "a2"]]
assert len(many) == 1 and many[0]["args_truncated"] is True, short(many)
assert 5000 < len(many[0]["args"]) < 100000, len(many[0]["args"])
assert len(tagged(tag + "-storm")) == 2000, len(tagged(tag + "-storm"))
assert not [x for x in all_events if x["event"] == "lost"], "lost records"
print("ok: JSON valid for every byte; exact bytes back; %d of 100000 arguments kept" % len(many[0]["args"]))
' || fail "JSON"

# Command mode keeps CAP_KILL alone, to pass a signal sent to execsnoop on
# to COMMAND (root's); the signal still gets there after the drop.
"$EXECSNOOP" -- sleep 30 >"$TEST_TMP/cmd.out" 2>&1 &
TOOL_PID=$!
wait_attached "$TOOL_PID"
for i in $(seq 1 100); do
	grep -q '^CapEff:[[:space:]]*0000000000000020$' "/proc/$TOOL_PID/status" && break
	sleep 0.05
done
assert_unprivileged "$TOOL_PID" "execsnoop -- COMMAND" 0000000000000020
stop_tool TERM
[ "$TOOL_STATUS" = 143 ] || fail "COMMAND: status $TOOL_STATUS after SIGTERM, not 143: $(cat "$TEST_TMP/cmd.out")"
pass "command mode: nobody with CAP_KILL alone; SIGTERM still reaches COMMAND"
