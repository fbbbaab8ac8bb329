#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Inside the container of tests/service/systemd-unit.sh, run by systemd as
# a oneshot unit once the system is up: the checks of execsnoop.service,
# each reported in /results/guest.log; the status is the verdict.
exec >/results/guest.log 2>&1
set -u
tag=unit$$x$RANDOM
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; systemctl status execsnoop --no-pager 2>&1 | tail -n 20; exit 1; }

[ "$(systemctl is-enabled execsnoop.service 2>&1)" = disabled ] ||
	fail "execsnoop.service is not disabled after installation: $(systemctl is-enabled execsnoop.service 2>&1)"
systemctl is-active --quiet execsnoop.service && fail "execsnoop.service runs without being started"
ok "installed disabled and not running"

# Type=notify: start returns once the probes are attached.
systemctl start execsnoop.service || fail "systemctl start execsnoop"
pid=$(systemctl show -P MainPID execsnoop.service)
[ "$pid" -gt 0 ] || fail "no main PID"
# its programs, by the IDs its file descriptors hold (bpftool names host PIDs)
ids=$(cat /proc/"$pid"/fdinfo/* 2>/dev/null | sed -n 's/^prog_id:[[:space:]]*//p' | sort -un)
[ -n "$ids" ] || fail "bpftool shows no program held by execsnoop ($pid)"
ok "started (Type=notify), $(echo $ids | wc -w) BPF programs held: $(echo $ids)"
grep -E '^(Uid|CapEff|CapPrm|CapBnd|NoNewPrivs):' "/proc/$pid/status" | tr -s '\t' ' ' >/tmp/status
grep -q '^Uid: 65534 65534 65534 65534' /tmp/status && grep -q '^CapEff: 0000000000000000' /tmp/status &&
	grep -q '^CapPrm: 0000000000000000' /tmp/status && grep -q '^NoNewPrivs: 1' /tmp/status ||
	fail "privileges of the running service: $(cat /tmp/status)"
ok "runs as nobody with no capabilities and no_new_privs"

/bin/echo "$tag" "two words" >/dev/null
/nonexistent/"$tag-fail" 2>/dev/null
sh -c 'exit 3' "$tag-exit"
sleep 1
journalctl -u execsnoop.service -o json --all --no-pager >/tmp/entries.json
python3 - "$tag" <<'PY' || fail "the journal entries"
import json, sys
tag = sys.argv[1]
entries = [json.loads(l) for l in open("/tmp/entries.json")]
def one(pred, what):
    found = [e for e in entries if pred(e)]
    assert len(found) == 1, "%d entries for %s" % (len(found), what)
    return found[0]
ex = one(lambda e: e.get("EXECSNOOP_EVENT") == "exec" and e.get("EXECSNOOP_ARGS") == "/bin/echo %s 'two words'" % tag, "the exec")
assert ex["MESSAGE_ID"] == "e2ad560a075a46f894d579a5796dd955" and ex["_SYSTEMD_UNIT"] == "execsnoop.service", ex
for k in ("EXECSNOOP_PID", "EXECSNOOP_EXE", "EXECSNOOP_CWD", "EXECSNOOP_CGROUP", "EXECSNOOP_UNIT",
          "EXECSNOOP_EXEC_ID", "EXECSNOOP_PARENT_EXEC_ID", "EXECSNOOP_UID"):
    assert k in ex, k
assert ex["EXECSNOOP_UNIT"] == "corebpf-guest-test.service", ex["EXECSNOOP_UNIT"]
fl = one(lambda e: e.get("EXECSNOOP_ERROR") == "ENOENT" and tag + "-fail" in e.get("EXECSNOOP_FILENAME", ""), "the failed exec")
assert fl["MESSAGE_ID"] == "66ca6e2033f748f2a88194b744377ee0"
sh = one(lambda e: e.get("EXECSNOOP_EVENT") == "exec" and e.get("EXECSNOOP_ARGS", "").endswith(tag + "-exit"), "sh -c exit 3")
end = one(lambda e: e.get("EXECSNOOP_EVENT") == "exit" and e.get("EXECSNOOP_PID") == sh["EXECSNOOP_PID"], "its exit")
assert end["EXECSNOOP_EXIT_CODE"] == "3" and end["EXECSNOOP_EXEC_ID"] == sh["EXECSNOOP_EXEC_ID"], end
print("ok: journal: the exec (unit %s, exe %s), the failed exec (ENOENT) and the exit (3), with their MESSAGE_IDs"
      % (ex["EXECSNOOP_UNIT"], ex["EXECSNOOP_EXE"]))
PY
[ $? = 0 ] || exit 1
journalctl -x -u execsnoop.service --no-pager MESSAGE_ID=e2ad560a075a46f894d579a5796dd955 | grep -q 'Program executed' ||
	fail "journalctl -x does not explain the entries (catalog)"
ok "journalctl -x explains them from the catalog"

systemctl stop execsnoop.service || fail "systemctl stop"
# (freed programs can linger until an RCU grace period ends: up to 2 s)
left=
for id in $ids; do
	for try in $(seq 1 20); do
		bpftool prog show id "$id" >/dev/null 2>&1 || break
		sleep 0.1
	done
	bpftool prog show id "$id" >/dev/null 2>&1 && left="$left $id"
done
[ -z "$left" ] || fail "BPF programs left loaded after systemctl stop:$left"
ok "stopped: none of its programs is loaded"

# A failure to load: one clear line in systemctl status.
mkdir -p /run/systemd/system/execsnoop.service.d
printf '[Service]\nEnvironment="EXECSNOOP_OPTIONS=-x -e --btf /nonexistent.btf"\nRestart=no\n' \
	>/run/systemd/system/execsnoop.service.d/broken.conf
systemctl daemon-reload
systemctl start execsnoop.service && fail "started with a missing BTF file"
systemctl status execsnoop.service --no-pager -l >/tmp/st 2>&1
lines=$(grep -c 'execsnoop\[[0-9]*\]: execsnoop: ' /tmp/st)
[ "$lines" = 1 ] || fail "$lines lines of execsnoop in systemctl status: $(cat /tmp/st)"
ok "a failure to load, in systemctl status: $(grep 'execsnoop\[[0-9]*\]: execsnoop: ' /tmp/st | sed 's/.*\]: //')"
grep -q 'Active: failed' /tmp/st || fail "not failed: $(grep Active: /tmp/st)"
rm -r /run/systemd/system/execsnoop.service.d
systemctl daemon-reload
echo "all ok"
