# SPDX-License-Identifier: GPL-2.0-or-later
# Filters: -u (by UID and by name), -p (a process and its descendants,
# including those forked before execsnoop started), -P (direct children
# only), -n (command name), -l (joined argument list).  Each shows the
# tagged commands it should and hides the others.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
command -v setpriv >/dev/null 2>&1 || fail "setpriv (util-linux) is needed"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# --- -u ----------------------------------------------------------------
for who in 65534 nobody; do
	out=$TEST_TMP/u-$who.json
	READY=links start_tool "$out" -j -u "$who"
	nobody /bin/true "$TAG-u-nobody-$who"
	/bin/true "$TAG-u-root-$who"
	nobody /bin/true "$TAG-u-last-$who"
	wait_for "$out" "$TAG-u-last-$who" || fail "-u $who: nothing from nobody"
	stop_tool INT
	json_check "$out" '
w = "'"$who"'"
e = one(tag + "-u-nobody-" + w)
assert e["uid"] == 65534, short(e)
assert not tagged(tag + "-u-root-" + w), "-u %s showed root" % w
assert all(x["uid"] == 65534 for x in all_events), "another UID under -u"
' || fail "-u $who"
done
pass "-u 65534 and -u nobody"

# --- -p: a shell that forked a child and a grandchild before execsnoop
# started ----------------------------------------------------------------
sh -c "( ( sleep 1; /bin/true $TAG-p-deep ) & sleep 1; /bin/true $TAG-p-pre; sh -c '/bin/true $TAG-p-grand'; wait ) & sleep 1.2; /bin/true $TAG-p-child; wait" &
target=$!
out=$TEST_TMP/p.json
READY=links start_tool "$out" -j -p "$target"
/bin/true "$TAG-p-other"
wait $target
/bin/true "$TAG-p-other2"
sleep 0.2
stop_tool INT
json_check "$out" '
t = '"$target"'
for word in ("-p-pre", "-p-deep", "-p-grand", "-p-child"):
    e = one(tag + word)
assert one(tag + "-p-child")["ppid"] == t
assert not tagged(tag + "-p-other") and not tagged(tag + "-p-other2"), "-p showed another process"
' || fail "-p"
pass "-p: descendants, also those forked before the start; nothing else"

# --- -P: direct children only -----------------------------------------
sh -c "sleep 0.8; /bin/true $TAG-P-child; sh -c '/bin/true $TAG-P-grand; true'" &
target=$!
out=$TEST_TMP/P.json
READY=links start_tool "$out" -j -P "$target"
/bin/true "$TAG-P-other"
wait $target
sleep 0.2
stop_tool INT
json_check "$out" '
t = '"$target"'
assert one(tag + "-P-child")["ppid"] == t
assert not tagged(tag + "-P-grand"), "-P showed a grandchild"
assert not tagged(tag + "-P-other"), "-P showed another process"
assert all(e["ppid"] == t for e in all_events), "a process with another parent"
' || fail "-P"
pass "-P: direct children only"

# --- -n and -l ----------------------------------------------------------
ln -s /bin/true "$TEST_TMP/corebpf-nametest"
out=$TEST_TMP/n.json
READY=links start_tool "$out" -j -n '^corebpf-name'
"$TEST_TMP/corebpf-nametest" "$TAG-n-yes"
/bin/true "$TAG-n-no"
"$TEST_TMP/corebpf-nametest" "$TAG-n-last"
wait_for "$out" "$TAG-n-last" || fail "-n: no matching command"
stop_tool INT
json_check "$out" '
assert one(tag + "-n-yes")["comm"] == "corebpf-nametes"
assert not tagged(tag + "-n-no"), "-n showed true"
assert all(e["comm"].startswith("corebpf-name") for e in all_events), "another name"
' || fail "-n"
pass "-n: command names"

out=$TEST_TMP/l.json
READY=links start_tool "$out" -j -e -l "^/bin/true $TAG-l-(yes|last) .*x y\$"
/bin/true "$TAG-l-yes" "x y"
/bin/true "$TAG-l-no" "x y"
/bin/true "$TAG-l-yes" "x z"
/bin/true "$TAG-l-last" "x y"
wait_for "$out" "$TAG-l-last" || fail "-l: no matching command"
sleep 0.2
stop_tool INT
json_check "$out" '
yes = one(tag + "-l-yes")
assert yes["args"] == ["/bin/true", tag + "-l-yes", "x y"], short(yes)
assert not tagged(tag + "-l-no"), "-l showed a non-matching line"
execs = [e for e in all_events if e["event"] == "exec"]
assert len(execs) == 2, "-l showed %d execs" % len(execs)
# with -e, the exits of the processes -l showed, and no others
exits = [e for e in all_events if e["event"] == "exit"]
assert sorted(e["pid"] for e in exits) == sorted(e["pid"] for e in execs), short(exits)
' || fail "-l"
pass "-l: joined argument lists, and the exits of what it showed"

# --- -l with -e and -d: which exits are shown ---------------------------
# Exits that never reach user space must not leave their PID behind:
# - a process -l showed that ends within -d;
# - a process -l showed (as root, under -u 0) that becomes nobody before it
#   ends, so that the kernel side drops its exit.
# A later process that gets the same PID (through ns_last_pid) and lives
# longer than -d without an exec of its own must not have its exit shown.
# A process -l showed that then runs another program (exec sleep) is still
# the one -l showed: its exit is shown.
[ -w /proc/sys/kernel/ns_last_pid ] || skip "cannot choose PIDs (ns_last_pid)"
# reuse_pid PID: a process of root with that PID lives 0.5 s, without exec
reuse_pid() {
	python3 - "$1" <<'PY' || fail "could not get PID $1 again"
import os, sys, time
want = int(sys.argv[1])
for attempt in range(50):
    with open("/proc/sys/kernel/ns_last_pid", "w") as f:
        f.write(str(want - 1))
    pid = os.fork()
    if pid == 0:
        if os.getpid() == want:
            time.sleep(0.5)
        os._exit(0)
    os.waitpid(pid, 0)
    if pid == want:
        sys.exit(0)
sys.exit(1)
PY
}
out=$TEST_TMP/ld.json
READY=links start_tool "$out" -j -e -d 300 -u 0 \
	-l "^(/bin/true|/bin/sh -c exec sleep 0\\.5|/usr/bin/python3 -c .*) $TAG-ld-(short|setuid|long|last)\$"
/bin/true "$TAG-ld-short" &
short=$!
wait "$short"
reuse_pid "$short"
/usr/bin/python3 -c 'import os, time; os.setuid(65534); time.sleep(0.4)' "$TAG-ld-setuid" &
setuid=$!
wait "$setuid"
reuse_pid "$setuid"
/bin/sh -c 'exec sleep 0.5' "$TAG-ld-long"
/bin/true "$TAG-ld-last"
wait_for "$out" "$TAG-ld-last" || fail "-l -e -d: no matching command"
sleep 0.2
stop_tool INT
json_check "$out" '
def by_arg(word):
    found = [e for e in all_events if e["event"] == "exec" and word in e["args"]]
    assert len(found) == 1, "%d execs for %s" % (len(found), word)
    return found[0]
shorter, setuid, longer = (by_arg(tag + w) for w in ("-ld-short", "-ld-setuid", "-ld-long"))
assert shorter["pid"] == '"$short"' and setuid["pid"] == '"$setuid"', short([shorter, setuid])
exits = [e for e in all_events if e["event"] == "exit"]
assert [e["pid"] for e in exits] == [longer["pid"]], short(exits)
assert exits[0]["comm"] == "sleep" and exits[0]["duration_ns"] >= 300000000, short(exits)
' || fail "-l -e -d"
pass "-l -e -d: the exit of a wrapper that execs; not those of short or vanished processes' PIDs' next owners"
