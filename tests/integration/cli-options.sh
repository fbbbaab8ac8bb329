# SPDX-License-Identifier: GPL-2.0-or-later
# Options and errors that need no privileges: --help, --version, bad
# values (one line and a usage hint, status 64), and the one-line refusal
# to run without privileges.
. "${top_srcdir:-.}/tests/integration/lib.sh"

version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"/\1/p' "$top_builddir/config.h")

for tool in "$EXECSNOOP" "$MINIMAL"; do
	name=$(basename "$tool")
	"$tool" --help >"$TEST_TMP/help" 2>&1 || fail "$name --help failed"
	grep -q "^Usage: $name \[OPTION...\]" "$TEST_TMP/help" || fail "$name --help has no usage line"
	grep -q -- "--verbose" "$TEST_TMP/help" || fail "$name --help does not list --verbose"
	grep -q "^Examples:" "$TEST_TMP/help" || fail "$name --help has no examples"
	[ "$("$tool" --version | head -n 1)" = "$name (corebpf) $version" ] ||
		fail "$name --version: $("$tool" --version | head -n 1)"
	[ "$("$tool" -V | head -n 1)" = "$name (corebpf) $version" ] || fail "$name -V"
	pass "$name --help, --version"
done

# Every option of the execsnoop issue is listed with its long name.
for opt in fails exits min-duration uid pid ppid name line cgroup timestamp time \
	   print-uid quote max-args json columns verbose version; do
	"$EXECSNOOP" --help | grep -q -- "--$opt" || fail "execsnoop --help lacks --$opt"
done
pass "execsnoop --help lists every option"

# Options are grouped by what they are about: those of the kernel side
# (its BTF, its ring buffer, libbpf's log) are not output options.
# group_of FILE OPTION: the heading of the group that lists OPTION.
group_of() {
	awk -v opt="$2" '
		/^ [A-Z][^:]*:$/ { group = substr($0, 2) }
		index($0, "  " opt) || index($0, ", " opt) { print group; exit }' "$1"
}
"$EXECSNOOP" --help >"$TEST_TMP/help"
for opt in --btf= --buffer-size= --verbose; do
	[ "$(group_of "$TEST_TMP/help" "$opt")" = "The kernel and its buffers:" ] ||
		fail "execsnoop --help lists $opt under '$(group_of "$TEST_TMP/help" "$opt")'"
done
for opt in --json --quote --max-args= --timestamp --columns=; do
	[ "$(group_of "$TEST_TMP/help" "$opt")" = "Output:" ] ||
		fail "execsnoop --help lists $opt under '$(group_of "$TEST_TMP/help" "$opt")'"
done
pass "execsnoop --help: --btf, --buffer-size and --verbose under the kernel, not Output:"

# bad_usage TOOL EXPECTED-SUBSTRING ARGS...: status 64, the first line says
# what is wrong, the second is the usage hint, nothing else.
bad_usage() {
	_tool=$1 _want=$2
	shift 2
	"$_tool" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	_st=$?
	[ "$_st" = 64 ] || fail "$(basename "$_tool") $*: status $_st, not 64"
	[ ! -s "$TEST_TMP/out" ] || fail "$(basename "$_tool") $*: wrote to stdout"
	[ "$(wc -l <"$TEST_TMP/err")" = 2 ] || fail "$(basename "$_tool") $*: $(cat "$TEST_TMP/err")"
	head -n 1 "$TEST_TMP/err" | grep -qF -- "$_want" ||
		fail "$(basename "$_tool") $*: '$(head -n 1 "$TEST_TMP/err")' lacks '$_want'"
	sed -n 2p "$TEST_TMP/err" | grep -q -- "--help" || fail "$(basename "$_tool") $*: no usage hint"
}

bad_usage "$EXECSNOOP" "--pid 'abc': not a number" -p abc
bad_usage "$EXECSNOOP" "--pid '0': out of range" -p 0
bad_usage "$EXECSNOOP" "no such process" -p 4194304
bad_usage "$EXECSNOOP" "--ppid 'x1': not a number" -P x1
bad_usage "$EXECSNOOP" "--buffer-size '1K': out of range" --buffer-size=1K
bad_usage "$EXECSNOOP" "--uid 'no-such-user-$TAG': no such user" -u "no-such-user-$TAG"
bad_usage "$EXECSNOOP" "--uid '-5'" -u -5
bad_usage "$EXECSNOOP" "--min-duration '1.5'" -d 1.5
bad_usage "$EXECSNOOP" "--max-args '0'" --max-args=0
bad_usage "$EXECSNOOP" "--name '('" -n '('
bad_usage "$EXECSNOOP" "--line '[a'" -l '[a'
bad_usage "$EXECSNOOP" "--cgroup '/nonexistent-$TAG': No such file or directory" -c "/nonexistent-$TAG"
bad_usage "$EXECSNOOP" "not a cgroup v2 directory" -c /
bad_usage "$EXECSNOOP" "--cgroup '/proc/self/status': Not a directory" -c /proc/self/status
bad_usage "$EXECSNOOP" "--ppid '4194304': no such process" -P 4194304
bad_usage "$EXECSNOOP" "unrecognized option '--bogus'" --bogus
bad_usage "$EXECSNOOP" "invalid option -- 'Z'" -Z
bad_usage "$EXECSNOOP" "--pid cannot be combined with COMMAND" -p 1 -- true
# -o: the bad name and every valid one, on one line
valid=event,time,pid,ppid,uid,gid,euid,egid,auid,session,tty,comm,filename,exe,cwd,args,ret,error
valid=$valid,exit_code,signal,duration_ns,cgroup,unit,container_id,exec_id,parent_exec_id
bad_usage "$EXECSNOOP" "--columns 'pid,nope': no column 'nope' (valid: $valid)" -o pid,nope
bad_usage "$EXECSNOOP" "--columns 'env': no column 'env'" --columns=env
bad_usage "$EXECSNOOP" "--columns 'exe_truncated': no column 'exe_truncated'" -o exe_truncated
bad_usage "$EXECSNOOP" "--columns '': an empty column name (valid: $valid)" -o ''
bad_usage "$EXECSNOOP" "--columns 'pid,': an empty column name" -o pid,
bad_usage "$EXECSNOOP" "--columns 'nope': no column 'nope'" -o pid -o nope
bad_usage "$EXECSNOOP" "--columns cannot be combined with --json" -o pid -j
bad_usage "$EXECSNOOP" "--columns cannot be combined with --json" -j -o pid
bad_usage "$EXECSNOOP" "--columns cannot be combined with -t, -T or -U" -o pid -t
bad_usage "$EXECSNOOP" "--columns cannot be combined with -t, -T or -U" -T -o pid
bad_usage "$EXECSNOOP" "--columns cannot be combined with -t, -T or -U" -o pid -U
# --env: names of POSIX's portable set (letters, digits and "_", no digit
# first), so that they need no escaping as JSON keys or journal fields;
# at most 64 distinct ones, a name given twice counts once
envname="a name is letters, digits and '_', not starting with a digit"
bad_usage "$EXECSNOOP" "--env 'LD_PRELOAD=x': $envname" -j --env LD_PRELOAD=x
bad_usage "$EXECSNOOP" "--env 'A,\$(id)': $envname" -j --env 'A,$(id)'
bad_usage "$EXECSNOOP" "--env '1PATH': $envname" -j --env 1PATH
bad_usage "$EXECSNOOP" "--env 'A\"B': $envname" -j --env 'A"B'
bad_usage "$EXECSNOOP" "--env '': $envname" -j --env ''
bad_usage "$EXECSNOOP" "--env 'PATH,': $envname" -j --env PATH,
bad_usage "$EXECSNOOP" "--env 'PATH,,HOME': $envname" -j --env PATH,,HOME
bad_usage "$EXECSNOOP" "--env 'É': $envname" -j --env 'É'
names=$(seq -f 'N%g' 1 64 | paste -sd,)
bad_usage "$EXECSNOOP" "--env: at most 64 names" -j --env "$names" --env N65
bad_usage "$EXECSNOOP" "--env needs --json or --journal" --env PATH
# (parsed in order, then -V ends the run: 64 names and a repeat are taken)
"$EXECSNOOP" -j --env "$names" --env N1,N64 -V >/dev/null 2>"$TEST_TMP/err" ||
	fail "--env with 64 names and a repeated one refused: $(cat "$TEST_TMP/err")"
# a thread's ID is not a process's: the BPF side would never match it
python3 -c 'import threading, time
t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
t.start()
print(t.native_id, flush=True)
time.sleep(30)' >"$TEST_TMP/tid" &
threaded=$!
at_exit "kill $threaded 2>/dev/null"
for i in $(seq 1 200); do [ -s "$TEST_TMP/tid" ] && break; sleep 0.05; done
tid=$(cat "$TEST_TMP/tid")
[ -n "$tid" ] && [ "$tid" != "$threaded" ] || fail "no thread ID from python3 ($tid)"
bad_usage "$EXECSNOOP" "--pid '$tid': a thread of process $threaded; give the process ID" -p "$tid"
bad_usage "$EXECSNOOP" "--ppid '$tid': a thread of process $threaded" -P "$tid"
bad_usage "$MINIMAL" "unexpected argument 'extra'" extra
bad_usage "$MINIMAL" "unrecognized option '--bogus'" --bogus
pass "bad options: one line, a hint, status 64"

# Without privileges: one line saying what is needed, status 1, before
# anything is loaded.
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 || skip "setpriv (util-linux) is needed to drop privileges"
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }
else
	as_nobody() { "$@"; }
fi
for tool in "$EXECSNOOP" "$MINIMAL"; do
	name=$(basename "$tool")
	as_nobody "$tool" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	st=$?
	[ "$st" = 1 ] || fail "$name unprivileged: status $st"
	[ "$(cat "$TEST_TMP/err")" = "$name: loading BPF programs needs privileges: run it as root (or with CAP_BPF and CAP_PERFMON, Linux 5.8+)" ] ||
		fail "$name unprivileged said: $(cat "$TEST_TMP/err")"
	[ ! -s "$TEST_TMP/out" ] || fail "$name unprivileged wrote to stdout"
	# --help still works for anyone (help2man and std-options rely on it)
	as_nobody "$tool" --help >/dev/null || fail "$name --help unprivileged"
done
pass "unprivileged: one clear line, status 1"
