# SPDX-License-Identifier: GPL-2.0-or-later
# The context of each event, from real processes: exe (symlink, execveat
# with a directory, fexecve of a file and of a memfd), cwd (spaces and
# bytes that are not UTF-8), the IDs of a setuid and setgid program run as
# nobody, a login UID written before an exec, a process on a pty, cgroups
# named like a Docker scope, a Kubernetes container and a service, a
# chain of programs whose exec_id and parent_exec_id link up (also through
# a parent that exec()ed before tracing started and a subshell that never
# exec()s), a second exec of one process, orphans adopted by a subreaper
# and by a PID namespace's init, a CLONE_PARENT child, and --env.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

cgroot=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$cgroot" ] || skip "no cgroup v2 hierarchy mounted"
id=$(printf '%s' "$TAG" | sha256sum | cut -c1-64)
scope=$cgroot/docker-$id.scope
service=$cgroot/corebpf-$TAG.service
kube=$cgroot/corebpf-kube-$TAG/burstable/pod1234/$id
mkdir "$scope" "$service" || skip "cannot create cgroups under $cgroot"
mkdir -p "$kube" || fail "cannot create $kube"
at_exit "rmdir '$scope' '$service' '$kube' '$cgroot/corebpf-kube-$TAG/burstable/pod1234' \
	'$cgroot/corebpf-kube-$TAG/burstable' '$cgroot/corebpf-kube-$TAG' 2>/dev/null"

# A setuid and setgid copy of true, runnable by nobody.
chmod 755 "$TEST_TMP"
cp /bin/true "$TEST_TMP/suid-true"
chown root:root "$TEST_TMP/suid-true"
chmod 6755 "$TEST_TMP/suid-true"
ln -s /bin/true "$TEST_TMP/link-true"
cwd=$(printf '%s/dir with spaces \377\376' "$TEST_TMP")
mkdir "$cwd"

# A shell whose program is older than the tracing: it waits on a fifo,
# then runs a command itself and one from a subshell that never exec()s.
mkfifo "$TEST_TMP/go"
sh -c "read x <'$TEST_TMP/go'; /bin/true $TAG-late; (/bin/true $TAG-sub; :)" &
early=$!
at_exit "kill $early 2>/dev/null"
sleep 0.2
cp "/proc/$early/stat" "$TEST_TMP/early.stat"

out=$TEST_TMP/ctx.json
start_tool "$out" -j -e -x --env CTX_A,CTX_B,CTX_ABSENT

echo go >"$TEST_TMP/go"
wait "$early"
# exe
"$TEST_TMP/link-true" "$TAG-link"
"$HELPER" execveat /bin true "$TAG-execveat"
"$HELPER" fexecve /bin/true "$TAG-fexecve"
/usr/bin/python3 -c '
import os, sys
fd = os.memfd_create(sys.argv[1])
os.write(fd, open("/bin/true", "rb").read())
os.execve(fd, ["memfd", sys.argv[1]], {})' "$TAG-memfd"
# cwd, and a failed exec from there
(cd "$cwd" && /bin/true "$TAG-cwd" && "./$TAG-missing" 2>/dev/null)
# IDs
setpriv --reuid=nobody --regid=nogroup --clear-groups "$TEST_TMP/suid-true" "$TAG-suid"
# (writing the login UID starts a new audit session: its ID, as /proc shows it)
sh -c "echo 4242 >/proc/self/loginuid && cat /proc/\$\$/sessionid >'$TEST_TMP/session' &&
	exec /bin/true $TAG-login" ||
	fail "cannot write /proc/self/loginuid"
script -qec "tty >'$TEST_TMP/tty'; exec /bin/true $TAG-tty" /dev/null >/dev/null
# cgroups
for cg in "$scope" "$service" "$kube"; do
	sh -c "echo \$\$ >'$cg/cgroup.procs' && exec /bin/true $TAG-cg-$(basename "$cg")"
done
# a chain of programs: sh -> sh -> true
sh -c "sh -c '/bin/true $TAG-grandchild; :' $TAG-child; :" "$TAG-parent"
# a second exec of one process
sh -c "exec /bin/true $TAG-second" "$TAG-first"
# a subshell that never exec()s, orphaned and adopted by a subreaper that
# then exec()s, so that the exec counts alone would name the subreaper's
# new program: its program cannot be told, so it stands for it, exec 0
python3 -c '
import ctypes, os, subprocess, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)     # PR_SET_CHILD_SUBREAPER, kept across exec
subprocess.run(["sh", "-c", "(sleep 0.5; /bin/true %s-orphan; :) &" % sys.argv[1]])
os.execv("/bin/sleep", ["sleep", "1.5"])' "$TAG"
# the same in a PID namespace, whose init adopts the orphan (a container's
# entrypoint that starts a job, then exec()s)
unshare --pid --fork sh -c "sh -c '(sleep 0.5; /bin/true $TAG-nsorphan; :) & sleep 0.1'; exec sleep 1.5" ||
	fail "cannot run a PID namespace"
# a child made with CLONE_PARENT (as runc's stages are): it took its
# creator's exec counts, so before its exec it has no program of its own to
# name (exec number 0); its exec counts on from its creator's
"$HELPER" clone-parent "$TEST_TMP/$TAG-cp-missing" /bin/true "$TAG-cp"
# --env
env -i CTX_A=1 CTX_B= CTX_ABSENTX=no /bin/true "$TAG-env"
wait_for "$out" "\"$TAG-env\"" || fail "the last command was not reported"
stop_tool INT

boot=$(cat /proc/sys/kernel/random/boot_id)
json_check "$out" '
import os
boot, tmp = "'"$boot"'", "'"$TEST_TMP"'"
early_pid = '"$early"'
def launcher(e):
    """the helper or python that runs the exec under test, with its words"""
    return e["comm"] in ("exec-helper", "setpriv", "env") or e["comm"].startswith("python")
def with_arg(word, kind="exec"):
    found = [e for e in all_events if e["event"] == kind and word.encode() in argbytes(e)
             and not launcher(e)]
    assert len(found) == 1, "%d %s events for %s: %s" % (len(found), kind, word, short(found))
    return found[0]
def path_bytes(e, key):
    return base64.b64decode(e[key + "_base64"]) if key + "_base64" in e else e[key].encode()
true = os.path.realpath("/bin/true")

# every event has every field
fields = ["pid", "ppid", "uid", "gid", "euid", "egid", "auid", "session", "tty", "comm",
          "exe", "exe_truncated", "cwd", "cwd_truncated", "cgroup", "cgroup_truncated",
          "unit", "container_id", "exec_id", "parent_exec_id"]
for e in all_events:
    if e["event"] in ("exec", "exit"):
        missing = [f for f in fields if f not in e]
        assert not missing, "missing %s in %s" % (missing, short(e))
        assert e["exec_id"].startswith(boot + ":"), short(e)

e = with_arg(tag + "-link")
assert e["filename"] == tmp + "/link-true" and e["exe"] == true, short(e)
e = with_arg(tag + "-execveat")
assert e["exe"] == true, short(e)
e = with_arg(tag + "-fexecve")
assert e["filename"].startswith("/dev/fd/") and e["exe"] == true, short(e)
e = with_arg(tag + "-memfd")
assert e["exe"] == "/memfd:" + tag + "-memfd (deleted)", short(e)
print("ok: exe of a symlink, execveat, fexecve and a memfd")

want_cwd = os.path.realpath(os.fsencode(tmp) + b"/dir with spaces \xff\xfe")
e = with_arg(tag + "-cwd")
assert path_bytes(e, "cwd") == want_cwd, short(e)
assert "\ufffd" in e["cwd"] and e["cwd_truncated"] is False, short(e)
f = [x for x in all_events if x["event"] == "exec" and x["ret"] == -2
     and x["filename"] == "./" + tag + "-missing"]
assert len(f) == 1 and path_bytes(f[0], "cwd") == want_cwd and f[0]["exe"] is None, short(f)
print("ok: cwd with spaces and bytes that are not UTF-8, also of a failed exec")

import pwd, grp
nobody, nogroup = pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
e = with_arg(tag + "-suid")
assert (e["uid"], e["gid"], e["euid"], e["egid"]) == (nobody, nogroup, 0, 0), short(e)
e = with_arg(tag + "-login")
session = int(open(tmp + "/session").read())
assert e["auid"] == 4242 and e["session"] == session and session != 4294967295, short(e)
e = with_arg(tag + "-tty")
want_tty = open(tmp + "/tty").read().strip()
assert want_tty.startswith("/dev/") and e["tty"] == want_tty[5:], (want_tty, short(e))
print("ok: setuid and setgid IDs as nobody, the login UID and its session, tty " + e["tty"])

cid = "'"$id"'"
e = with_arg(tag + "-cg-docker-" + cid + ".scope")
assert e["cgroup"] == "/docker-" + cid + ".scope", short(e)
assert e["unit"] == "docker-" + cid + ".scope" and e["container_id"] == cid, short(e)
e = with_arg(tag + "-cg-corebpf-" + tag + ".service")
assert e["cgroup"] == "/corebpf-" + tag + ".service", short(e)
assert e["unit"] == "corebpf-" + tag + ".service" and e["container_id"] is None, short(e)
e = with_arg(tag + "-cg-" + cid)
assert e["cgroup"] == "/corebpf-kube-" + tag + "/burstable/pod1234/" + cid, short(e)
assert e["unit"] is None and e["container_id"] == cid, short(e)
print("ok: cgroup, unit and container_id of a Docker scope, a service and a kubepods path")

p = with_arg(tag + "-parent")
c = with_arg(tag + "-child")
g = with_arg(tag + "-grandchild")
assert c["parent_exec_id"] == p["exec_id"] and g["parent_exec_id"] == c["exec_id"], short([p, c, g])
assert len({p["exec_id"], c["exec_id"], g["exec_id"]}) == 3
import re
for e in (p, c, g):
    assert re.fullmatch("%s:%d:[0-9]+:1" % (boot, e["pid"]), e["exec_id"]), short(e)
    x = [y for y in all_events if y["event"] == "exit" and y["pid"] == e["pid"]]
    assert len(x) == 1 and x[0]["exec_id"] == e["exec_id"], short(x)
print("ok: parent, child and grandchild: exec_id and parent_exec_id link up, exits too")

# the shell that exec()ed before tracing: its id from /proc/PID/stat (the
# PID and field 22), and its first exec since fork
start = int(open(tmp + "/early.stat").read().rsplit(")", 1)[1].split()[19])
late = with_arg(tag + "-late")
sub = with_arg(tag + "-sub")
early_id = late["parent_exec_id"]
m = re.fullmatch("%s:%d:([0-9]+):1" % (boot, early_pid), early_id)
assert m and int(m.group(1)) // 10000000 == start, (start, short(late))
assert sub["ppid"] != early_pid and sub["parent_exec_id"] == early_id, (early_id, short(sub))
x = [y for y in all_events if y["event"] == "exit" and y["pid"] == early_pid]
assert len(x) == 1 and x[0]["exec_id"] == early_id, short(x)
print("ok: a program older than the tracing: its id from /proc, through a subshell too")

first, second = with_arg(tag + "-first"), with_arg(tag + "-second")
assert second["pid"] == first["pid"] and second["parent_exec_id"] == first["parent_exec_id"]
assert second["exec_id"] == first["exec_id"][:-1] + "2" and first["exec_id"].endswith(":1")
x = [y for y in all_events if y["event"] == "exit" and y["pid"] == first["pid"]]
assert len(x) == 1 and x[0]["exec_id"] == second["exec_id"], short([first, second] + x)
print("ok: a second exec of a process: exec number 2, and its exit")

o = with_arg(tag + "-orphan")
sub = [y for y in all_events if y["event"] == "exit" and y["pid"] == o["ppid"]]
assert len(sub) == 1 and re.fullmatch("%s:%d:[0-9]+:0" % (boot, o["ppid"]), sub[0]["exec_id"])
assert o["parent_exec_id"] == sub[0]["exec_id"], short([o] + sub)
print("ok: an orphan that never exec()ed, adopted by a subreaper: exec number 0")

o = with_arg(tag + "-nsorphan")
sub = [y for y in all_events if y["event"] == "exit" and y["pid"] == o["ppid"]]
assert len(sub) == 1 and re.fullmatch("%s:%d:[0-9]+:0" % (boot, o["ppid"]), sub[0]["exec_id"])
assert o["parent_exec_id"] == sub[0]["exec_id"], short([o] + sub)
print("ok: an orphan adopted by the init of a PID namespace that exec()ed since: exec number 0")

cp = with_arg(tag + "-cp")
f = [y for y in all_events if y["event"] == "exec" and y["pid"] == cp["pid"] and y["ret"] == -2]
assert len(f) == 1 and f[0]["filename"].endswith(tag + "-cp-missing"), short([cp] + f)
assert re.fullmatch("%s:%d:[0-9]+:0" % (boot, cp["pid"]), f[0]["exec_id"]), short(f)
assert cp["exec_id"].split(":")[:-1] == f[0]["exec_id"].split(":")[:-1], short([cp] + f)
assert int(cp["exec_id"].split(":")[-1]) >= 2, short(cp)
print("ok: a CLONE_PARENT child: exec number 0 before its exec, counting on from its creator after")

e = with_arg(tag + "-env")
assert e["env"] == {"CTX_A": "1", "CTX_B": ""} and e["env_truncated"] is False, short(e)
print("ok: --env: present, empty, absent and a longer name left out")
' || fail "context fields"
pass "context fields of exec, failed exec and exit events"
