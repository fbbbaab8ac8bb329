# SPDX-License-Identifier: GPL-2.0-or-later
# Arguments arrive whole and exact: exotic bytes, empty strings, hundreds of
# arguments, a 20 KiB argument; a list longer than what is captured is cut
# at 64 KiB and says so.  In human mode, -q gives a line that bash reads
# back as the same bytes.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

exotic() {
	/bin/true "$TAG-$1" "two words" "it's" 'dq"x' 'back\slash' "$(printf 'new\nline')" \
		"$(printf 'esc\033[31m')" "ünïcödé ✓" "" "tab	x" '$HOME' '*' \
		"$(printf '\377\376bad\300\200')" "$(printf '\342\200\256rtl')" -- "--opt=v"
}
printf '%s\0' /bin/true "$TAG-exotic" "two words" "it's" 'dq"x' 'back\slash' "$(printf 'new\nline')" \
	"$(printf 'esc\033[31m')" "ünïcödé ✓" "" "tab	x" '$HOME' '*' \
	"$(printf '\377\376bad\300\200')" "$(printf '\342\200\256rtl')" -- "--opt=v" >"$TEST_TMP/exotic.args"

# --- JSON: exact bytes -------------------------------------------------
out=$TEST_TMP/out.json
start_tool "$out" -j
exotic exotic
/bin/true "$TAG-many" $(seq -f "m%g" 1 500)
a20k=$(head -c 20480 /dev/zero | tr '\0' a)
/bin/true "$TAG-20k" "$a20k" end
chunk=$(head -c 2047 /dev/zero | tr '\0' b)
/bin/true "$TAG-over" $(for i in $(seq 10 49); do printf '%s%s ' "$i" "$chunk"; done)
wait_for "$out" "$TAG-over" || fail "no event for the over-long list"
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS"

json_check "$out" '
e = one(tag + "-exotic")
want = nul_file("'"$TEST_TMP/exotic.args"'")
assert argbytes(e) == want, "exotic args:\n got %s\nwant %s" % (short(argbytes(e)), short(want))
assert e["args_truncated"] is False and e["ret"] == 0 and e["filename"] == "/bin/true"
assert "args_base64" in e, "invalid UTF-8 but no args_base64"
assert e["args"][9] == "", "the empty argument is not kept"
assert e["args"][13] == "\ufffd\ufffdbad\ufffd\ufffd", e["args"][13]

e = one(tag + "-many")
assert e["args"] == ["/bin/true", tag + "-many"] + ["m%d" % i for i in range(1, 501)], "500 args"
assert e["args_truncated"] is False

e = one(tag + "-20k")
assert e["args"] == ["/bin/true", tag + "-20k", "a" * 20480, "end"], "20 KiB argument"

e = one(tag + "-over")
full = [b"/bin/true", (tag + "-over").encode()] + [b"%d" % i + b"b" * 2047 for i in range(10, 50)]
got = argbytes(e)
assert e["args_truncated"] is True, "an 80 KiB list is not marked truncated"
assert got[:-1] == full[:len(got) - 1] and full[len(got) - 1].startswith(got[-1]), "not a prefix"
captured = sum(len(a) + 1 for a in got)
assert 65536 - 2048 <= captured <= 65536 + 1, "captured %d bytes" % captured
print("ok: exotic, 500 args, 20 KiB arg, 80 KiB list cut at", captured, "bytes")
' || fail "JSON arguments"

# --- human -q: paste the ARGS column back into bash ---------------------
out=$TEST_TMP/out.txt
start_tool "$out" -q
exotic quoted
wait_for "$out" "$TAG-quoted" || fail "no -q line"
stop_tool TERM
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS on SIGTERM"
line=$(grep -F -- "/bin/true $TAG-quoted " "$out")
[ "$(grep -cF -- "/bin/true $TAG-quoted " "$out")" = 1 ] || fail "the -q event is not one line"
# PCOMM, PID, PPID and RET take 17 + 8 + 8 + 8 columns.
args=${line:41}
bash -c "printf '%s\0' $args" >"$TEST_TMP/pasted.args" || fail "bash rejects: $args"
sed "s/$TAG-exotic/$TAG-quoted/" "$TEST_TMP/exotic.args" >"$TEST_TMP/quoted.args"
cmp -s "$TEST_TMP/pasted.args" "$TEST_TMP/quoted.args" || fail "bash read back other bytes from: $args"
# and no raw control byte reached the output
assert_terminal_safe "$out"
pass "-q line pastes back into bash as the same bytes"
