#!/bin/sh
# run-tests.sh BUILD_DIR: every cmocka unit test, the layering check and
# every end-to-end script, against the binaries in BUILD_DIR. Ends with the
# count of suites and a cmocka-style summary of all unit tests; exits
# non-zero if anything failed.
set -u
B=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export STALLCHECK_BIN="$top/$B/stallcheck"
export STALLCHECK_DATADIR="$top/config"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fail=0; n=0; units=0; passed=0
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
# Unit tests in a zone the caller names, else the users' zone in the plain
# build and UTC in the sanitizer build: a test that holds in one zone only
# (test_demo's digest once did) fails in one of the two runs of make test.
case "${TZ:-}:$B" in
:*asan*) unit_tz=UTC ;;
:*) unit_tz=Asia/Shanghai ;;
*) unit_tz=$TZ ;;
esac
echo "== unit tests in TZ=$unit_tz"
for t in "$top/$B"/tests/test_*; do
	[ -x "$t" ] || continue
	n=$((n + 1))
	echo "== unit $(basename "$t")"
	(cd "$top" && TZ=$unit_tz "$t") >"$log" 2>&1
	rc=$?
	cat "$log"
	[ "$rc" -eq 0 ] || { echo "FAILED: $(basename "$t")"; fail=$((fail + 1)); }
	# cmocka's own totals, summed for the summary at the end
	r=$(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$log")
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$log")
	units=$((units + ${r:-0})); passed=$((passed + ${p:-0}))
done
for t in "$top"/tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	n=$((n + 1))
	echo "== e2e $(basename "$t")"
	if ! (cd "$top" && sh "$t"); then
		echo "FAILED: $(basename "$t")"; fail=$((fail + 1))
	fi
done
# The suites that depend on "today", again on other days and in two time
# zones: a month end, a year end late at night (Beijing time: the UTC date is
# still the 31st in the morning), a leap day early in the morning (the UTC
# date is the day before), just after a New Year's midnight and at 06:00 (the
# demo has no visit today yet: none is over before 06:50) and the real clock. The plain build only: the
# ASan run repeats the default day (DATE_MATRIX=0 skips, DATE_MATRIX=1 forces).
DATE_SUITES="dates walk_demo walk_mouse tui_export review_tui review_self sync_tui rectify_tui walk_longname first_start walk_lastvisit"
DATE_NOWS="2026-11-30T09:00 2026-12-31T23:30 2028-02-29T07:30 2027-01-01T00:20 2026-12-05T06:00 real"
case "${DATE_MATRIX:-}$B" in
1*|build) matrix=1 ;;
*) matrix=0 ;;
esac
if [ "$matrix" = 1 ]; then
	for tz in Asia/Shanghai UTC; do
		for now in $DATE_NOWS; do
			for s in $DATE_SUITES; do
				n=$((n + 1))
				echo "== e2e $s.sh on $now, TZ=$tz"
				if ! (cd "$top" && SC_TEST_NOW=$now TZ=$tz sh "tests/e2e/$s.sh"); then
					echo "FAILED: $s.sh on $now, TZ=$tz"; fail=$((fail + 1))
				fi
			done
		done
	done
fi
echo "== $n suites in $B, $fail failed"
echo "[==========] $units unit test(s) run (cmocka, all binaries in $B)."
echo "[  PASSED  ] $passed test(s)."
[ "$passed" -eq "$units" ] || echo "[  FAILED  ] $((units - passed)) test(s)."
[ "$fail" -eq 0 ]
