# SPDX-License-Identifier: GPL-2.0-or-later
# The manual pages: they render without a warning from groff, have the
# sections users look for, document every option --help lists, and the
# examples come out as commands that can be pasted (roff eats the double
# quotes of a .B line, as it once did in the jq example).  No privileges.
. "${top_srcdir:-.}/tests/integration/lib.sh"
command -v groff >/dev/null 2>&1 || skip "groff is not installed"

page_of() {	# the page as built, or as shipped in the source tree
	if [ -f "$top_builddir/man/$1.8" ]; then echo "$top_builddir/man/$1.8"
	else echo "$top_srcdir/man/$1.8"; fi
}

for tool in execsnoop minimal; do
	page=$(page_of $tool)
	[ -f "$page" ] || fail "no page $page"
	warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$page" 2>&1)
	[ -z "$warnings" ] || fail "groff warns about $tool.8: $warnings"
	LC_ALL=C.UTF-8 MANWIDTH=200 groff -man -Tutf8 -P -cbou "$page" 2>/dev/null >"$TEST_TMP/$tool.txt"
	for section in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" PRIVILEGES REQUIREMENTS OVERHEAD \
		       EXAMPLES "SEE ALSO"; do
		grep -qx "$section" "$TEST_TMP/$tool.txt" || fail "$tool.8 has no $section section"
	done
	# every option of --help, by its long name
	for opt in $("$top_builddir/$tool" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		case $opt in --help|--usage|--version) continue ;; esac
		# the whole name: --time must not pass on --timestamp's account
		grep -qE -- "$opt([^a-z-]|\$)" "$TEST_TMP/$tool.txt" || fail "$tool.8 does not document $opt"
	done
	pass "$tool.8: renders cleanly, has its sections, documents every option"
done

grep -qF "execsnoop -j | jq -r 'select(.event == \"exec\") | .args | join(\" \")'" "$TEST_TMP/execsnoop.txt" ||
	fail "the jq example does not render as a command: $(grep -F 'jq' "$TEST_TMP/execsnoop.txt")"
for field in event time pid ppid uid comm filename args args_truncated ret error exit_code signal \
	     duration_ns count; do
	# a tag line of its own, alone or in a list ("pid, ppid, uid")
	grep -qE "^ +([a-z_]+, )*$field(, [a-z_]+)*( {2,}.*)?\$" "$TEST_TMP/execsnoop.txt" ||
		fail "execsnoop.8 does not describe the JSON field $field"
done
pass "execsnoop.8: the examples paste as commands; every JSON field is described"

# The options come in the groups of --help: those of the kernel side are
# not among the output options.
awk '/^ +Output:$/ { g = "output" } /^ +The kernel and its buffers:$/ { g = "kernel" }
     /^ +Informational:$/ { g = "" }
     /^ +--(btf|buffer-size)=/ { print g }' "$TEST_TMP/execsnoop.txt" >"$TEST_TMP/groups"
[ "$(sort -u "$TEST_TMP/groups")" = kernel ] ||
	fail "execsnoop.8 lists --btf or --buffer-size outside 'The kernel and its buffers:': $(cat "$TEST_TMP/groups")"
pass "execsnoop.8: --btf and --buffer-size under the kernel and its buffers"
