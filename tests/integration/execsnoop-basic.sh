# SPDX-License-Identifier: GPL-2.0-or-later
# The foundation's execsnoop: tagged commands appear with PID, PPID, their
# full argument list and, with -e, their exit code and lifetime; SIGINT
# ends it with status 0 and nothing left loaded.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

out=$TEST_TMP/out
start_tool "$out" -e
grep -q '^EVENT PCOMM            PID     PPID    RET     ARGS$' "$out" || fail "header: $(head -n 1 "$out")"

/bin/echo "$TAG-echo" one "two words" >/dev/null &
echo_pid=$!
wait $echo_pid
sh -c "exit 7" "$TAG-exit7" &
sh_pid=$!
wait $sh_pid
wait_for "$out" "$TAG-exit7" || fail "no exec line for the shell"
# the exit comes after the exec; give the drain timer a moment
for i in $(seq 1 40); do
	grep -q "^EXIT  sh  *$sh_pid " "$out" && break
	sleep 0.05
done
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "execsnoop exited $TOOL_STATUS on SIGINT"

line=$(line_of "$out" "$TAG-echo")
want=$(printf 'EXEC  %-16s %-7s %-7s %-7s %s' echo "$echo_pid" "$$" 0 "/bin/echo $TAG-echo one two words")
[ "$line" = "$want" ] || fail "echo line:
 got: $line
want: $want"
line=$(grep "^EXIT  echo  *$echo_pid " "$out")
echo "$line" | grep -Eq "^EXIT  echo +$echo_pid +$$ +0 +duration=[0-9.]+m?s$" || fail "echo exit: $line"
line=$(grep "^EXIT  sh  *$sh_pid " "$out")
echo "$line" | grep -Eq "^EXIT  sh +$sh_pid +$$ +7 +duration=[0-9.]+m?s$" || fail "sh exit: $line"
[ ! -s "$out.err" ] || fail "stderr: $(cat "$out.err")"
pass "exec lines with arguments, exit codes, clean SIGINT"

# -v: libbpf's log on stderr (and none without it, as checked above)
"$EXECSNOOP" -v -- /bin/true >/dev/null 2>"$TEST_TMP/verbose.err" || fail "-v run failed"
grep -q '^libbpf: ' "$TEST_TMP/verbose.err" || fail "-v printed no libbpf log"
pass "-v prints libbpf's log"
