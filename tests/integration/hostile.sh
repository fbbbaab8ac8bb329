# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile input: every byte value 1-255 as separate arguments, invalid
# UTF-8 and terminal escapes, 100,000 arguments near the kernel's limit,
# command names with control characters, and storms from many parallel
# processes; a working directory, a program's path, a cgroup and an
# environment variable named with the same bytes.  Human output stays one
# escaped line per event, JSON stays valid and exact, nothing is lost.  And while it reads that input, execsnoop holds
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
	wait_for "$out" "$TAG-last" 60 || fail "$mode: no event for the last command in 60 s (execsnoop $(kill -0 "$TOOL_PID" 2>/dev/null && echo running || echo gone)): $(cat "$out.err")"
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

# The context fields, from names any user chooses: a working directory
# whose name has a newline (then a forged line), escape sequences and bytes
# that are not UTF-8; a program reached through it (exe); a cgroup v2
# directory named the same way, less the newline, which the kernel refuses
# in cgroup names (if it takes one, all the better); an --env value too.
hname=$(printf 'd\nfake 1 1 0 true %s-forged \033[31m\033]0;t\007\377\376x' "$TAG")
hdir=$TEST_TMP/$hname
mkdir "$hdir" || fail "cannot make a directory named like that"
pname=$(printf 'p\033[2J\n\377')
cp /bin/true "$hdir/$pname"	# a copy: exe is the file run, after symbolic links
hval=$(printf 'v\n{"event":"exec"}\033[2J\033]0;t\007\377\376')
printf '%s' "$(readlink -f "$hdir")" >"$TEST_TMP/want-cwd"
printf '%s' "$(readlink -f "$hdir/$pname")" >"$TEST_TMP/want-exe"
printf '%s' "$hdir/$pname" >"$TEST_TMP/want-filename"
printf '%s' "$hval" >"$TEST_TMP/want-env"
# The cgroup v2 hierarchy, as execsnoop-cgroup.sh finds it (on this hybrid
# machine /sys/fs/cgroup/unified); its path in events is relative to it.
cgroot=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
cg=
if [ -n "$cgroot" ]; then
	for cgname in "corebpf-test-$TAG-$(printf '\nfake\033[31m\033]0;t\007\377\376x')" \
		"corebpf-test-$TAG-$(printf '\033[31m\033]0;t\007\377\376x')"; do
		if mkdir "$cgroot/$cgname" 2>/dev/null; then
			cg=$cgroot/$cgname
			break
		fi
	done
fi
if [ -n "$cg" ]; then
	# eval'd at exit: $cg is expanded then, not quoted into the string
	at_exit 'rmdir "$cg" 2>/dev/null'
	printf '/%s' "$cgname" >"$TEST_TMP/want-cgroup"
else
	echo "note: no cgroup v2 directory could be made under '${cgroot:-(none)}': no cgroup case"
fi

# human: the default columns; columns: -o with the context fields, which
# are not in the default line; json
for mode in human columns json; do
	out=$TEST_TMP/ctx-$mode.out
	case $mode in
	human) args=-e ;;
	columns) args="-e -o event,pid,tty,cwd,exe,cgroup,unit,container_id,args" ;;
	json) args="-e -j --env COREBPF_HOSTILE,COREBPF_PLAIN,COREBPF_ABSENT" ;;
	esac
	start_tool "$out" $args
	(cd "$hdir" && exec /bin/true "$TAG-cwd")
	"$hdir/$pname" "$TAG-exe"
	env -i COREBPF_PLAIN=ok "COREBPF_HOSTILE=$hval" /bin/true "$TAG-env"
	if [ -n "$cg" ]; then
		# a shell moves itself into the cgroup, then execs; twice, so that
		# the second exec's path comes from execsnoop's cache
		for n in 1 2; do
			sh -c 'echo $$ >"$1/cgroup.procs" && exec /bin/true "$2"' sh "$cg" "$TAG-cg$n" ||
				fail "cannot join the cgroup"
		done
	fi
	/bin/true "$TAG-ctx-last"
	wait_for "$out" "$TAG-ctx-last" 60 || fail "$mode: no event for the last command in 60 s (execsnoop $(kill -0 "$TOOL_PID" 2>/dev/null && echo running || echo gone)): $(cat "$out.err")"
	stop_tool INT
	[ "$TOOL_STATUS" = 0 ] || fail "$mode: status $TOOL_STATUS"
	[ ! -s "$out.err" ] || fail "$mode: stderr $(cat "$out.err")"
	assert_terminal_safe "$out"
	# nothing forged: the name's "fake ..." line and "-forged" tag never
	# start a line of their own
	! grep -q '^fake' "$out" || fail "$mode: a forged line: $(grep '^fake' "$out" | head -n 3)"
done

out=$TEST_TMP/ctx-human.out
# (ARGS starting with /bin/true: not the lines of env and sh that ran them)
for t in cwd env ctx-last; do
	[ "$(grep -Ec -- " 0 +/bin/true $TAG-$t\$" "$out")" = 1 ] || fail "human: the $t exec is not one line"
done
# argv[0] is the path through the directory: escaped, on its one line
[ "$(grep -c -- "$TAG-exe" "$out")" = 1 ] || fail "human: the exe exec is not one line"
grep -qF -- '/d\nfake 1 1 0 true '"$TAG"'-forged \e[31m\e]0;t\x07\xff\xfex/p\e[2J\n\xff '"$TAG"'-exe' \
	"$out" || fail "human: exe path not escaped: $(grep -F -- "$TAG-exe" "$out")"
[ -z "$cg" ] || [ "$(grep -Ec -- " 0 +/bin/true $TAG-cg[12]\$" "$out")" = 2 ] ||
	fail "human: the cgroup execs"
pass "human: the hostile cwd, exe, env and cgroup execs are one escaped line each, none forged"

# -o: cwd, exe and cgroup in columns of their own, escaped as arguments are
out=$TEST_TMP/ctx-columns.out
esc_dir='/d\nfake 1 1 0 true '"$TAG"'-forged \e[31m\e]0;t\x07\xff\xfex'
# (ARGS starting with /bin/true, after CONTAINER_ID's "-": not the lines of
# env and sh that ran it)
for t in cwd env cg1 cg2 ctx-last; do
	[ -z "$cg" ] && case $t in cg*) continue ;; esac
	[ "$(grep -Ec -- " - +/bin/true $TAG-$t\$" "$out")" = 1 ] || fail "columns: the $t exec is not one line"
done
[ "$(grep -c -- " $TAG-exe\$" "$out")" = 1 ] || fail "columns: the exe exec is not one line"
grep -- " $TAG-cwd\$" "$out" | grep -qF -- "$esc_dir " ||
	fail "columns: cwd not escaped: $(grep -- "$TAG-cwd" "$out")"
grep -- " $TAG-exe\$" "$out" | grep -qF -- "$esc_dir/p\e[2J\n\xff " ||
	fail "columns: exe not escaped: $(grep -- "$TAG-exe" "$out")"
if [ -n "$cg" ]; then
	# the two execs in the cgroup and their two exits
	n=$(grep -cF -- " /corebpf-test-$TAG-" "$out")
	[ "$n" = 4 ] || fail "columns: $n lines with the cgroup, not 4: $(grep -F -- "$TAG" "$out")"
	if grep -F -- " /corebpf-test-$TAG-" "$out" | grep -qvF -- '\e[31m\e]0;t\x07\xff\xfex'; then
		fail "columns: cgroup not escaped: $(grep -F -- " /corebpf-test-$TAG-" "$out")"
	fi
fi
pass "columns: cwd, exe and cgroup escaped in their own columns, one line an event, none forged"

json_check "$TEST_TMP/ctx-json.out" '
import os
tmp = "'"$TEST_TMP"'"
def want(name):
    return open(os.path.join(tmp, "want-" + name), "rb").read()
def exact(e, key):
    """A string field as bytes: from its _base64 twin when not UTF-8."""
    if key + "_base64" in e:
        return base64.b64decode(e[key + "_base64"])
    return e[key].encode()
def exits_of(e):
    return [x for x in all_events if x["event"] == "exit" and x["exec_id"] == e["exec_id"]]

c = one(tag + "-cwd")
assert exact(c, "cwd") == want("cwd"), short(c)
assert "cwd_base64" in c and "\ufffd" in c["cwd"] and c["cwd_truncated"] is False, short(c)
assert "\n" in c["cwd"] and "\x1b" in c["cwd"], short(c["cwd"])

x = one(tag + "-exe")
assert exact(x, "exe") == want("exe"), short(x)
assert exact(x, "filename") == want("filename"), short(x)
assert argbytes(x)[0] == want("filename"), short(x)
assert "exe_base64" in x and x["exe_truncated"] is False, short(x)
assert exact(x, "cwd") == os.getcwd().encode(), short(x)
ex = exits_of(x)
assert len(ex) == 1 and ex[0]["exe"] is None and ex[0]["exit_code"] == 0, short(ex)

v = one(tag + "-env")
assert set(v["env"]) == {"COREBPF_HOSTILE", "COREBPF_PLAIN"}, short(v)
assert base64.b64decode(v["env_base64"]["COREBPF_HOSTILE"]) == want("env"), short(v)
assert base64.b64decode(v["env_base64"]["COREBPF_PLAIN"]) == b"ok", short(v)
assert v["env"]["COREBPF_PLAIN"] == "ok" and v["env_truncated"] is False, short(v)

if os.path.exists(os.path.join(tmp, "want-cgroup")):
    for n in (1, 2):
        g = one(tag + "-cg%d" % n)
        assert exact(g, "cgroup") == want("cgroup"), short(g)
        assert "cgroup_base64" in g and g["cgroup_truncated"] is False, short(g)
        assert g["unit"] is None and g["container_id"] is None, short(g)
        gx = exits_of(g)
        assert len(gx) == 1 and exact(gx[0], "cgroup") == want("cgroup"), short(gx)
    print("ok: cgroup %r exact in 2 execs and their exits" % want("cgroup"))
print("ok: cwd, exe, filename and env exact through their _base64 fields")
' || fail "JSON: the hostile context fields"
pass "json: cwd, exe, env${cg:+ and cgroup} give their exact bytes"

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
