# SPDX-License-Identifier: GPL-2.0-or-later
# execsnoop.service, as built: systemd-analyze verify finds nothing to say
# (its man page found through MANPATH), and systemd-analyze security rates
# its exposure 2.5 or lower ("OK"), with no capability beyond those
# execsnoop needs to load and attach before it drops them.
. "${top_srcdir:-.}/tests/integration/lib.sh"
if ! grep -q '^#define HAVE_SYSTEMD 1' "$top_builddir/config.h"; then
	pass "built without libsystemd: no execsnoop.service to check (none is installed)"
	exit 0
fi
command -v systemd-analyze >/dev/null || fail "systemd-analyze not found (package systemd)"
unit=$top_builddir/data/execsnoop.service
[ -f "$unit" ] || fail "no $unit: make builds it"
mkdir -p "$TEST_TMP/unit" "$TEST_TMP/man/man8"
# ExecStart names the installed path; here the built binary stands in.
sed "s|^ExecStart=[^ ]*/execsnoop |ExecStart=$top_builddir/execsnoop |" "$unit" >"$TEST_TMP/unit/execsnoop.service"
grep -q "^ExecStart=$top_builddir/execsnoop --journal \\\$EXECSNOOP_OPTIONS\$" "$TEST_TMP/unit/execsnoop.service" ||
	fail "ExecStart: $(grep ExecStart= "$unit")"
# the page is built in the build tree, or shipped in the source (a tarball)
page=$top_builddir/man/execsnoop.8
[ -f "$page" ] || page=$top_srcdir/man/execsnoop.8
ln -s "$page" "$TEST_TMP/man/man8/execsnoop.8"
MANPATH=$TEST_TMP/man systemd-analyze verify "$TEST_TMP/unit/execsnoop.service" >"$TEST_TMP/verify" 2>&1 ||
	fail "systemd-analyze verify: $(cat "$TEST_TMP/verify")"
[ ! -s "$TEST_TMP/verify" ] || fail "systemd-analyze verify said: $(cat "$TEST_TMP/verify")"
pass "systemd-analyze verify: clean"

systemd-analyze security --offline=true "$TEST_TMP/unit/execsnoop.service" >"$TEST_TMP/security" 2>&1
level=$(sed -n 's/.*Overall exposure level for execsnoop.service: \([0-9.]*\) .*/\1/p' "$TEST_TMP/security")
[ -n "$level" ] || fail "no exposure level: $(tail -n 3 "$TEST_TMP/security")"
awk -v l="$level" 'BEGIN { exit !(l <= 2.5) }' || fail "exposure $level, above 2.5: $(grep '✗' "$TEST_TMP/security")"
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$unit")
[ "$caps" = "CAP_BPF CAP_PERFMON CAP_SETUID CAP_SETGID" ] || fail "CapabilityBoundingSet=$caps"
grep -qx 'Restart=on-failure' "$unit" || fail "no Restart=on-failure"
# journald's default is 10000 entries per 30 s; the unit allows more, in
# an interval no longer than that
burst=$(sed -n 's/^LogRateLimitBurst=//p' "$unit")
interval=$(sed -n 's/^LogRateLimitIntervalSec=//p' "$unit")
[ -n "$burst" ] && [ "$burst" -gt 10000 ] && case $interval in [1-9]s|[12][0-9]s|30s) true ;; *) false ;; esac ||
	fail "journald's rate limit is not raised: LogRateLimitIntervalSec=$interval LogRateLimitBurst=$burst"
# systemctl enable hooks it into the boot, and nothing else
wanted=$(awk '/^\[/ { sec = $0 } /^WantedBy=/ { print sec " " $0 }' "$unit")
[ "$wanted" = "[Install] WantedBy=multi-user.target" ] || fail "WantedBy: $wanted"
pass "systemd-analyze security: exposure $level (2.5 or lower: OK)"

# The catalog: journalctl reads it in, with one entry for each MESSAGE_ID
# that execsnoop --journal sends (those of src/execsnoop_journal.h).
root=$TEST_TMP/root
mkdir -p "$root/usr/lib/systemd/catalog" "$root/var/lib/systemd"
cp "$top_srcdir/data/execsnoop.catalog" "$root/usr/lib/systemd/catalog/"
journalctl --root="$root" --update-catalog 2>"$TEST_TMP/catalog.err" ||
	fail "journalctl --update-catalog: $(cat "$TEST_TMP/catalog.err")"
[ ! -s "$TEST_TMP/catalog.err" ] || fail "journalctl --update-catalog said: $(cat "$TEST_TMP/catalog.err")"
have=$(journalctl --root="$root" --list-catalog | cut -d' ' -f1 | sort)
want=$(sed -n 's/^#define JOURNAL_MESSAGE_ID_[A-Z]* "\([0-9a-f]*\)"$/\1/p' \
	"$top_srcdir/src/execsnoop_journal.h" | sort)
[ "$(echo "$want" | wc -l)" = 4 ] || fail "not 4 message IDs in execsnoop_journal.h: $want"
[ "$have" = "$want" ] || fail "catalog IDs: $have; sent: $want"
pass "catalog: an entry for each of the 4 MESSAGE_IDs, read in by journalctl"
