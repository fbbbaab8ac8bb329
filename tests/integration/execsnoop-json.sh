# SPDX-License-Identifier: GPL-2.0-or-later
# JSON Lines stay valid JSON in valid UTF-8 whatever bytes the arguments
# and names hold: every byte value 1-255, invalid UTF-8, control
# characters.  The exact bytes come back from the *_base64 fields, the
# fields are those the man page lists, and times are RFC 3339 UTC.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
require_tracefs		# -x

allbytes=$(python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(1, 256)))' | tr -d '\n')
nl=$(printf 'a\nb')
ln -s /bin/true "$TEST_TMP/$(printf 'bad\377\033name')"
printf '%s\0' "$TEST_TMP/$(printf 'bad\377\033name')" "$TAG-bytes" "$allbytes" "$nl" \
	"$(printf '\300\200\355\240\200\364\220\200\200')" "" >"$TEST_TMP/bytes.args"

out=$TEST_TMP/out.json
start_tool "$out" -j -e -x
"$TEST_TMP/$(printf 'bad\377\033name')" "$TAG-bytes" "$allbytes" "$nl" \
	"$(printf '\300\200\355\240\200\364\220\200\200')" ""
"$HELPER" exec "/nonexistent/$(printf '\377')" "$TAG-failed" 2>/dev/null
/bin/true "$TAG-last"
wait_for "$out" "$TAG-last" || fail "no event for the last command"
sleep 0.2
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS"

# json_check itself rejects any line that is not one valid JSON object in
# strict UTF-8.
json_check "$out" '
import datetime, time
e = one(tag + "-bytes")
assert argbytes(e) == nul_file("'"$TEST_TMP/bytes.args"'"), short(argbytes(e))
assert "args_base64" in e and "filename_base64" in e and "comm_base64" in e, short(e)
assert base64.b64decode(e["comm_base64"]) == b"bad\xff\x1bname", short(e)
assert e["comm"] == "bad\ufffd\x1bname", short(e)
assert e["args"][3] == "a\nb" and e["args"][5] == "", short(e)
# the context of every event (execsnoop-context.sh checks their values)
ctx = {"gid", "euid", "egid", "auid", "session", "tty", "exe", "exe_truncated", "cwd",
       "cwd_truncated", "cgroup", "cgroup_truncated", "unit", "container_id", "exec_id",
       "parent_exec_id"}
assert set(e) == {"event", "time", "pid", "ppid", "uid", "comm", "filename", "args",
                  "args_truncated", "ret", "comm_base64", "filename_base64", "args_base64"} | ctx, sorted(e)
f = one(tag + "-failed")
assert f["ret"] == -2 and f["error"] == "ENOENT" and "filename_base64" in f, short(f)
assert base64.b64decode(f["filename_base64"]) == b"/nonexistent/\xff"
plain = one(tag + "-last")
assert set(plain) == {"event", "time", "pid", "ppid", "uid", "comm", "filename", "args",
                      "args_truncated", "ret"} | ctx, sorted(plain)
ex = [x for x in all_events if x["event"] == "exit" and x["pid"] == e["pid"]]
assert len(ex) == 1 and set(ex[0]) == {"event", "time", "pid", "ppid", "uid", "comm",
        "comm_base64", "exit_code", "signal", "duration_ns"} | ctx, short(ex)
now = time.time()
for x in all_events:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", x["time"]), x["time"]
    t = datetime.datetime.strptime(x["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
    t = t.replace(tzinfo=datetime.timezone.utc).timestamp()
    assert now - 120 < t <= now + 1, "time %s is not now" % x["time"]
times = [x["time"] for x in all_events]
print("ok: %d events, all valid; exact bytes via base64; fields; times" % len(all_events))
' || fail "JSON"
