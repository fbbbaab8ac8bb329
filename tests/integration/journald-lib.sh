# SPDX-License-Identifier: GPL-2.0-or-later
# A journald of a test's own, for tests that run in mount and network
# namespaces of their own (journald_reexec), sourced after lib.sh.
#
# No systemd runs on the test machines; systemd-journald is started by
# hand, with its sockets and its journal (Storage=volatile) on a tmpfs over
# /run, reading neither the kernel log nor, in a network namespace of its
# own, the audit socket.  The host's journal and sockets are not touched.

# journald_reexec "$@": first thing in a test, run it again in namespaces
# of its own (as root; fd 9 keeps the system's network namespace at hand).
journald_reexec() {
	if [ -z "${COREBPF_JOURNAL_NS:-}" ] && [ "$(id -u)" = 0 ]; then
		exec 9</proc/self/ns/net
		COREBPF_JOURNAL_NS=1 exec unshare --mount --net --propagation private bash "$0" "$@"
	fi
}

# journald_setup: the mounts and the configuration (needs root)
journald_setup() {
	JOURNALD=
	for _f in /lib/systemd/systemd-journald /usr/lib/systemd/systemd-journald; do
		[ -x "$_f" ] && { JOURNALD=$_f; break; }
	done
	[ -n "$JOURNALD" ] || fail "systemd-journald not found (package systemd)"
	command -v journalctl >/dev/null || fail "journalctl not found (package systemd)"
	[ -n "${COREBPF_JOURNAL_NS:-}" ] || fail "journald_setup outside the test's own namespaces"
	JOURNAL_DIR=/run/log/journal
	# a tmpfs over all of /run: nothing is made on the system's
	mkdir -p "$TEST_TMP/journald"
	mount -t tmpfs -o mode=0755 tmpfs /run
	mkdir -p /run/systemd /run/log
	printf '[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\nForwardToWall=no\nRateLimitBurst=0\n' \
		>"$TEST_TMP/journald/journald.conf"
	mount --bind "$TEST_TMP/journald/journald.conf" /etc/systemd/journald.conf
	if [ ! -s /etc/machine-id ]; then
		tr -d '-' </proc/sys/kernel/random/uuid >"$TEST_TMP/journald/machine-id"
		mount --bind "$TEST_TMP/journald/machine-id" /etc/machine-id
	fi
	at_exit '[ -z "$JOURNALD_PID" ] || journald_stop'
}

# journald_start: start it, and wait until its socket takes entries (a
# socket left by a previous one refuses them)
JOURNALD_PID=
journald_start() {
	"$JOURNALD" >>"$TEST_TMP/journald/log" 2>&1 &
	JOURNALD_PID=$!
	for _i in $(seq 1 100); do
		python3 -c 'import socket; s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.connect("/run/systemd/journal/socket")' 2>/dev/null && return 0
		sleep 0.05
	done
	fail "journald did not start: $(cat "$TEST_TMP/journald/log")"
}

journald_stop() {
	kill "$JOURNALD_PID" 2>/dev/null
	wait "$JOURNALD_PID" 2>/dev/null
	JOURNALD_PID=
}

# journal_entries [MATCH...]: the entries as JSON lines (binary values as
# arrays of bytes; --all: large ones too, not null)
journal_entries() {
	journalctl -D "$JOURNAL_DIR" -o json --all --no-pager "$@"
}
