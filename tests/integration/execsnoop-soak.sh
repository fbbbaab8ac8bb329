# SPDX-License-Identifier: GPL-2.0-or-later
# A short soak (15 s) of tests/soak/run: a continuous exec storm with every
# exec reported, nothing lost, flat memory and a constant descriptor count.
# CI runs it longer; "tests/soak/run SECONDS" runs it by hand.
. "${top_srcdir:-.}/tests/integration/lib.sh"
require_root_bpf
before=$(bpf_max_prog_id)
EXECSNOOP=$EXECSNOOP HELPER=$HELPER bash "$top_srcdir/tests/soak/run" "${SOAK_SECONDS:-15}" ||
	fail "soak"
assert_no_orphans "${before:-0}"
