# SPDX-License-Identifier: GPL-2.0-or-later
# -x reports failed execs with the arguments as passed, the return value and
# the error's name (ENOENT, EACCES, ENOEXEC), from execve() and execveat();
# a successful exec is still reported once, with ret 0.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
require_tracefs

printf 'not a program\n' >"$TEST_TMP/noexec"		# no x bit: EACCES
printf '\177ELF garbage\n' >"$TEST_TMP/badelf"		# x bit, no format: ENOEXEC
chmod 644 "$TEST_TMP/noexec"
chmod 755 "$TEST_TMP/badelf"
printf '%s\0' "/nonexistent-$TAG" "$TAG-enoent" "two words" "$(printf 'esc\033x\nnl')" "" \
	"$(printf '\377bad')" >"$TEST_TMP/enoent.args"

out=$TEST_TMP/out.json
start_tool "$out" -x -j
"$HELPER" exec "/nonexistent-$TAG" "$TAG-enoent" "two words" "$(printf 'esc\033x\nnl')" "" \
	"$(printf '\377bad')" 2>/dev/null
"$HELPER" exec "$TEST_TMP/noexec" "$TAG-eacces" 2>/dev/null
"$HELPER" exec "$TEST_TMP/badelf" "$TAG-enoexec" 2>/dev/null
"$HELPER" exec "/nonexistent-$TAG" "$TAG-many" $(seq -f "m%g" 1 300) 2>/dev/null
"$HELPER" execveat /bin "nonexistent-$TAG" "$TAG-execveat" 2>/dev/null
# from a thread other than the leader: the process ID, not the thread's
"$HELPER" thread-exec "/nonexistent-$TAG" "$TAG-thread" 2>/dev/null &
threaded=$!
wait "$threaded"
/bin/true "$TAG-ok"
/bin/true "$TAG-last"
wait_for "$out" "$TAG-last" || fail "no event for the last command"
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS"

# human output of the same: the error name in RET
out2=$TEST_TMP/out.txt
start_tool "$out2" -x
"$HELPER" exec "/nonexistent-$TAG" "$TAG-human" 2>/dev/null
wait_for "$out2" "/nonexistent-$TAG $TAG-human" || fail "no human line for the failed exec"
stop_tool TERM
line=$(grep -F "/nonexistent-$TAG $TAG-human" "$out2")
echo "$line" | grep -Eq "^exec-helper +[0-9]+ +$$ +ENOENT +/nonexistent-$TAG $TAG-human\$" ||
	fail "human failed-exec line: $line"

json_check "$out" '
e = one(tag + "-enoent")
assert e["ret"] == -2 and e["error"] == "ENOENT", short(e)
assert e["comm"] == "exec-helper" and e["ppid"] == '"$$"', short(e)
assert e["filename"] == "/nonexistent-" + tag, short(e)
assert argbytes(e) == nul_file("'"$TEST_TMP/enoent.args"'"), short(argbytes(e))
assert e["args_truncated"] is False

e = one(tag + "-eacces")
assert e["ret"] == -13 and e["error"] == "EACCES", short(e)
e = one(tag + "-enoexec")
assert e["ret"] == -8 and e["error"] == "ENOEXEC", short(e)

e = one(tag + "-many")
assert e["args"] == ["/nonexistent-" + tag, tag + "-many"] + ["m%d" % i for i in range(1, 301)]

e = one(tag + "-execveat")
assert e["ret"] == -2 and e["filename"] == "nonexistent-" + tag, short(e)
assert e["args"] == ["nonexistent-" + tag, tag + "-execveat"], short(e)

e = one(tag + "-thread")
assert e["pid"] == '"$threaded"' and e["ret"] == -2 and e["ppid"] == '"$$"', short(e)

e = one(tag + "-ok")
assert e["ret"] == 0 and "error" not in e and e["comm"] == "true", short(e)
print("ok: ENOENT, EACCES, ENOEXEC, 300 args, execveat failure, from a thread, success once")
' || fail "failed execs"
pass "human RET column: ENOENT"
