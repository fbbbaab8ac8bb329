# SPDX-License-Identifier: GPL-2.0-or-later
# Human output: one line per event whatever the arguments hold, escapes
# instead of control characters, the -t/-T/-U columns and --max-args; the
# reader going away (execsnoop | head) ends it quietly with status 0;
# SIGHUP ends it like SIGINT; -o shows the named columns.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

out=$TEST_TMP/out.txt
start_tool "$out" -tTU --max-args=3
/bin/true "$TAG-esc" "$(printf 'a\nb\033[2Jc\r\tq\\')" "$(printf '\342\200\256x')"
/bin/true "$TAG-max" one two three four
/bin/true "$TAG-bidi" "$(printf '\342\200\256x\342\200\213y\302\255')"
/bin/true "$TAG-last"
wait_for "$out" "/bin/true $TAG-last" || fail "no line for the last command"
stop_tool HUP
[ "$TOOL_STATUS" = 0 ] || fail "status $TOOL_STATUS on SIGHUP"

head -n 1 "$out" | grep -q '^TIME     TIME(s)  UID    PCOMM            PID     PPID    RET     ARGS$' ||
	fail "header: $(head -n 1 "$out")"
[ "$(grep -c "/bin/true $TAG-esc " "$out")" = 1 ] || fail "the escaped event is not one line"
line=$(grep "/bin/true $TAG-esc " "$out")
want="/bin/true $TAG-esc a\\nb\\e[2Jc\\r\\tq\\\\ ..."
case $line in
*" $want") ;;
*) fail "escaped line:
 got: $line
want: ...$want" ;;
esac
echo "$line" | grep -Eq "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9] +[0-9]+\.[0-9]{3} +0 +true +[0-9]+ +$$ +0 " ||
	fail "columns: $line"
grep -q "/bin/true $TAG-max one ...\$" "$out" || fail "--max-args=3: $(grep "$TAG-max" "$out")"
grep -qF "/bin/true $TAG-bidi \\u202ex\\u200by\\u00ad" "$out" ||
	fail "invisible characters: $(grep "$TAG-bidi" "$out")"
assert_terminal_safe "$out"
pass "one escaped line per event, -t -T -U columns, --max-args, SIGHUP"

# execsnoop | head -n 1: ends when the reader is gone, quietly, status 0
err=$TEST_TMP/pipe.err
st=$TEST_TMP/pipe.status
{ "$EXECSNOOP"; echo $? >"$st"; } 2>"$err" | head -n 1 >"$TEST_TMP/head.out" &
for i in $(seq 1 200); do
	[ -s "$st" ] && break
	/bin/true "$TAG-pipe"
	sleep 0.05
done
[ -s "$st" ] || fail "execsnoop did not end after its reader went away"
[ "$(cat "$st")" = 0 ] || fail "status $(cat "$st") after the reader went away"
[ ! -s "$err" ] || fail "stderr after the reader went away: $(cat "$err")"
grep -q '^PCOMM' "$TEST_TMP/head.out" || fail "head did not get the header"
pass "execsnoop | head ends quietly with status 0"

# -o: exactly the named columns, in that order, '-' where one does not
# apply (an exit has no exe, cwd or args); values escaped, or shell-quoted
# with -q.
dir="$TEST_TMP/$TAG dir"
mkdir "$dir"
ln -s /bin/true "$dir/$TAG-link"
out=$TEST_TMP/columns.txt
script="echo \$\$ >'$TEST_TMP/sh.pid'; cd '$dir' || exit 9; /bin/true $TAG-a \"\$(printf 'x\\ty')\"; exec './$TAG-link' $TAG-b"
"$EXECSNOOP" -e -o pid,comm,exe,cwd,args -- sh -c "$script" >"$out" 2>"$out.err" ||
	fail "-o: status $?: $(cat "$out.err")"
# col VALUE WIDTH: a column as execsnoop pads it (a wider value, one space)
col() {
	if [ ${#1} -ge "$2" ]; then printf '%s ' "$1"; else printf "%-${2}s" "$1"; fi
}
pid=$(cat "$TEST_TMP/sh.pid")
exe=$(readlink -f /bin/true)
comm=$(printf '%s' "$TAG-link" | cut -c1-15)
[ "$(head -n 1 "$out")" = "PID     COMM             EXE                     CWD                     ARGS" ] ||
	fail "-o header: $(head -n 1 "$out")"
# /bin/true runs in a child of sh, whose PID is not known here
line=$(grep -F -- " /bin/true $TAG-a x" "$out")
want="$(col true 17)$(col "$exe" 24)$(col "$dir" 24)/bin/true $TAG-a x\\ty"
[ "${line#"$(col "${line%% *}" 8)"}" = "$want" ] || fail "-o exec:
 got: $line
want: PID $want"
line=$(grep -F -- " ./$TAG-link $TAG-b" "$out")
want="$(col "$pid" 8)$(col "$comm" 17)$(col "$exe" 24)$(col "$dir" 24)./$TAG-link $TAG-b"
[ "$line" = "$want" ] || fail "-o exec of a symbolic link:
 got: $line
want: $want"
want="$(col "$pid" 8)$(col "$comm" 17)$(col - 24)$(col - 24)-"
grep -qxF -- "$want" "$out" || fail "-o exit: no line '$want' in:
$(cat "$out")"
assert_terminal_safe "$out"

"$EXECSNOOP" -q -o cwd,args -- sh -c "cd '$dir' && exec /bin/true $TAG-q 'a b'" >"$out" 2>"$out.err" ||
	fail "-o -q: status $?: $(cat "$out.err")"
want="$(col "'$dir'" 24)/bin/true $TAG-q 'a b'"
line=$(grep -F -- " /bin/true $TAG-q 'a b'" "$out")
[ "$line" = "$want" ] || fail "-o -q:
 got: $line
want: $want"
pass "-o: the named columns in order, '-' where none applies, -q quoting"
