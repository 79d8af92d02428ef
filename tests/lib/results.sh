# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bookkeeping the test runners share (tests/cmd/run, tests/xfs/check,
# tests/vm/run): one line per test, "TIER/NAME ... pass", "... skip (why)"
# or "... FAIL (why)" with the test's purpose and the evidence indented
# under it, and at the end the line CI reads: "N passed, N failed, N
# skipped".  Sourced; every name starts with result.

results_passed=0 results_failed=0 results_skipped=0

# What a test script checks, from its header comment: the first sentence
# (a "tier/NNN: " prefix dropped), on one line.
result_about() {
	awk 'NR == 1 && /^#!/ { next }
	     /^# SPDX/ { next }
	     /^#/ { sub(/^# ?/, ""); text = text (text == "" ? "" : " ") $0; next }
	     { exit }
	     END {
		sub(/^[a-z]+\/[0-9]+: /, "", text)
		if ((i = index(text, ". ")) > 0) text = substr(text, 1, i)
		if (length(text) > 200) text = substr(text, 1, 197) "..."
		print text
	     }' "$1"
}

result_pass() { # NAME
	echo "$1 ... pass"
	results_passed=$((results_passed + 1))
}

result_skip() { # NAME WHY
	echo "$1 ... skip (${2:-no reason given})"
	results_skipped=$((results_skipped + 1))
}

# NAME WHY SCRIPT [FILE...]: the purpose of SCRIPT (if given) and each
# FILE that is not empty, indented, under the line.
result_fail() {
	local name=$1 why=$2 script=${3:-} f
	shift 3 2>/dev/null || shift $#
	echo "$name ... FAIL${why:+ ($why)}"
	[ -n "$script" ] && [ -f "$script" ] && echo "    checks: $(result_about "$script")"
	for f; do
		[ -s "$f" ] || continue
		case $f in
		*.err) echo "    stderr:" ;;
		esac
		sed 's/^/    /' "$f"
	done
	results_failed=$((results_failed + 1))
}

# Counts run elsewhere (a guest's summary line): PASSED FAILED SKIPPED.
result_add() {
	results_passed=$((results_passed + $1))
	results_failed=$((results_failed + $2))
	results_skipped=$((results_skipped + $3))
}

# The summary line; status 0 when nothing failed.
result_summary() {
	echo "$results_passed passed, $results_failed failed, $results_skipped skipped"
	[ "$results_failed" -eq 0 ]
}
