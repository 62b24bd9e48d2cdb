#!/bin/sh
# run-tests.sh BUILD_DIR: every cmocka unit test, the layering check and
# every end-to-end script, against the binaries in BUILD_DIR. Stops at the end
# with a count; exits non-zero if anything failed.
set -u
B=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export STALLCHECK_BIN="$top/$B/stallcheck"
export STALLCHECK_DATADIR="$top/config"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fail=0; n=0
for t in "$top/$B"/tests/test_*; do
	[ -x "$t" ] || continue
	n=$((n + 1))
	echo "== unit $(basename "$t")"
	if ! (cd "$top" && "$t"); then
		echo "FAILED: $(basename "$t")"; fail=$((fail + 1))
	fi
done
for t in "$top"/tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	n=$((n + 1))
	echo "== e2e $(basename "$t")"
	if ! (cd "$top" && sh "$t"); then
		echo "FAILED: $(basename "$t")"; fail=$((fail + 1))
	fi
done
echo "== $n suites in $B, $fail failed"
[ "$fail" -eq 0 ]
