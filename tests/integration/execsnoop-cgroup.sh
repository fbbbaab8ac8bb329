# SPDX-License-Identifier: GPL-2.0-or-later
# -c PATH: only processes in that cgroup v2 directory (or below it).
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf

# The cgroup v2 hierarchy: /sys/fs/cgroup on unified systems, elsewhere
# wherever cgroup2 is mounted (/sys/fs/cgroup/unified on hybrid ones).
cgroot=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
[ -n "$cgroot" ] || skip "no cgroup v2 hierarchy mounted"
cg=$cgroot/corebpf-test-$TAG
mkdir "$cg" 2>/dev/null || skip "cannot create a cgroup under $cgroot"
at_exit "rmdir '$cg/sub' '$cg' 2>/dev/null"
mkdir "$cg/sub" || fail "cannot create $cg/sub"

out=$TEST_TMP/c.json
READY=links start_tool "$out" -j -c "$cg"
# a shell moves itself into the cgroup, then execs
sh -c "echo \$\$ > '$cg/cgroup.procs' && exec /bin/true $TAG-c-in" || fail "cannot join $cg"
sh -c "echo \$\$ > '$cg/sub/cgroup.procs' && exec /bin/true $TAG-c-sub" || fail "cannot join $cg/sub"
/bin/true "$TAG-c-out"
sh -c "echo \$\$ > '$cg/cgroup.procs' && exec /bin/true $TAG-c-last"
wait_for "$out" "$TAG-c-last" || fail "-c: nothing from inside the cgroup"
stop_tool INT
json_check "$out" '
one(tag + "-c-in")
one(tag + "-c-sub")
assert not tagged(tag + "-c-out"), "-c showed a process outside the cgroup"
' || fail "-c"
pass "-c: processes in the cgroup and below it only"
