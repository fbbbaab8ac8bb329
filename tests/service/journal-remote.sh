#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# From one machine to a collector, with the journal's own transport, on
# loopback only: execsnoop --journal writes into this "node"'s journald;
# systemd-journal-upload sends that journal over HTTP to
# systemd-journal-remote on 127.0.0.1 (in a network namespace of the
# test's own); the collector's file holds the node's exec entries with
# every EXECSNOOP_* field, equal to the node's, and a query by field
# (EXECSNOOP_UID=1000) finds them.
#
#     tests/service/journal-remote.sh BUILDDIR
#
# Run by .ci/run as root; needs systemd-journal-remote (installed there).
top_builddir=$(cd "${1:?usage: $0 BUILDDIR}" && pwd)
top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
export top_builddir top_srcdir
. "$top_srcdir/tests/integration/journald-lib.sh"
journald_reexec "$@"
. "$top_srcdir/tests/integration/lib.sh"
require_root_bpf
remote= upload=
for d in /lib/systemd /usr/lib/systemd; do
	[ -x "$d/systemd-journal-remote" ] && remote=$d/systemd-journal-remote
	[ -x "$d/systemd-journal-upload" ] && upload=$d/systemd-journal-upload
done
[ -n "$remote" ] && [ -n "$upload" ] || fail "systemd-journal-remote and -upload not found (package systemd-journal-remote)"
ip link set lo up || fail "cannot bring up lo in the test's network namespace"
journald_setup
journald_start

# The node: execs of user 1000 (and root's), recorded into its journal.
out=$TEST_TMP/out
READY=links start_tool "$out" -x -e --journal
setpriv --reuid=1000 --regid=1000 --clear-groups /bin/echo "$TAG-node" "two words" >/dev/null
setpriv --reuid=1000 --regid=1000 --clear-groups sh -c 'exit 4' "$TAG-exit"
/bin/true "$TAG-root"
sleep 1
stop_tool INT
[ "$TOOL_STATUS" = 0 ] || fail "execsnoop: status $TOOL_STATUS: $(cat "$out.err")"
journal_entries EXECSNOOP_UID=1000 >"$TEST_TMP/node.json"

# The collector, and the upload (--follow=no: it ends once all is sent).
port=19532
mkdir -p "$TEST_TMP/collector"
t=$SECONDS
"$remote" --listen-http="127.0.0.1:$port" --split-mode=none \
	--output="$TEST_TMP/collector/all.journal" >"$TEST_TMP/remote.log" 2>&1 &
remote_pid=$!
at_exit 'kill $remote_pid 2>/dev/null; wait $remote_pid 2>/dev/null'
for i in $(seq 1 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null && break
	kill -0 "$remote_pid" 2>/dev/null || fail "journal-remote exited: $(cat "$TEST_TMP/remote.log")"
	sleep 0.05
done
"$upload" --url="http://127.0.0.1:$port" --directory="$JOURNAL_DIR" --follow=no \
	>"$TEST_TMP/upload.log" 2>&1 || fail "journal-upload: $(cat "$TEST_TMP/upload.log")"
kill "$remote_pid"
wait "$remote_pid"
st=$?
[ "$st" = 0 ] || fail "journal-remote exited $st: $(cat "$TEST_TMP/remote.log")"
echo "upload and collector: $((SECONDS - t)) s"
journalctl --file="$TEST_TMP/collector/all.journal" -o json --all --no-pager EXECSNOOP_UID=1000 \
	>"$TEST_TMP/collected.json" || fail "journalctl --file on the collector's journal"

python3 - "$TEST_TMP" "$TAG" <<'PY' || fail "collected entries"
import json, sys
tmp, tag = sys.argv[1], sys.argv[2]
def load(name):
    return [json.loads(l) for l in open(tmp + "/" + name)]
node, collected = load("node.json"), load("collected.json")
def ours(entries):
    return {e["EXECSNOOP_EXEC_ID"] + e["EXECSNOOP_EVENT"]: e for e in entries
            if tag in json.dumps(e) or e.get("EXECSNOOP_EVENT") == "exit"}
n, c = ours(node), ours(collected)
execs = [e for e in c.values() if e["EXECSNOOP_EVENT"] == "exec" and tag in e["EXECSNOOP_ARGS"]
         and e["EXECSNOOP_RET"] == "0"]
assert len(execs) == 2, "collected tagged execs of uid 1000: %r" % [e["MESSAGE"] for e in execs]
assert all(e["EXECSNOOP_UID"] == "1000" for e in collected), "a query by EXECSNOOP_UID=1000 gave others"
assert not [e for e in collected if tag + "-root" in json.dumps(e)], "root's exec matched uid 1000"
for key, e in n.items():
    assert key in c, "not collected: %s" % e.get("MESSAGE")
    got = c[key]
    fields = [k for k in e if k.startswith("EXECSNOOP_") or k in ("MESSAGE", "MESSAGE_ID", "PRIORITY",
                                                                  "SYSLOG_IDENTIFIER")]
    for k in fields:
        assert got.get(k) == e[k], "%s differs: %r / %r" % (k, got.get(k), e[k])
exits = [e for e in c.values() if e["EXECSNOOP_EVENT"] == "exit" and e.get("EXECSNOOP_EXIT_CODE") == "4"]
assert exits, "the exit with code 4 was not collected"
names = sorted(k for k in execs[0] if k.startswith("EXECSNOOP_"))
print("ok: %d entries of uid 1000 collected with every field equal (%d EXECSNOOP_* fields: %s)"
      % (len(n), len(names), " ".join(x[10:].lower() for x in names)))
PY
