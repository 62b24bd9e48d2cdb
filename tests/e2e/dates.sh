#!/bin/sh
# dates: what "today" means, on the day and in the time zone the run is set
# to ($SC_TEST_NOW and $TZ, see lib/tui.sh; scripts/run-tests.sh runs this
# on a month end, a year end, a leap day and the real day, in Beijing time
# and UTC). Demo data ends today and lies before now; every record carries
# its local day, not the UTC one; review list and glance default to today;
# the CLI and the home screen agree on today's records and on what is
# overdue as of today.
set -u
. tests/e2e/lib/tui.sh

sc() { XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" --db "$DB" "$@"; }
mkdir -p "$T/d/stallcheck"
sc demo --markets 8 --days 12 --seed 5 >"$T/demo.out" 2>&1 || { cat "$T/demo.out"; fail "demo"; }
[ -n "$NOW" ] && now=$(date -u -d "@$(date -d "$NOW" +%s)" +%Y-%m-%dT%H:%M:%S) || now=$(date -u +%Y-%m-%dT%H:%M:%S)

# the period: twelve days ending today, nothing after now
expect_sql "SELECT count(*) FROM inspection WHERE day > '$TODAY' OR day < '$(day_add -11)'" 0
[ "$(sq "SELECT count(DISTINCT day) FROM inspection")" -ge 8 ] || fail "demo covers too few days"
expect_sql "SELECT count(*) FROM inspection WHERE finished_at > '$now' OR started_at > '$now'" 0
# each record's day is the local date it was started (sqlite3 reads the same TZ)
expect_sql "SELECT count(*) FROM inspection WHERE day <> date(started_at, 'localtime')" 0

# review list and glance: today unless told otherwise
n=$(sq "SELECT count(*) FROM inspection WHERE day = '$TODAY'")
# before 06:50 no visit today is over yet (lib/tui.sh)
if demo_has_today; then [ "$n" -ge 1 ]; else [ "$n" -eq 0 ]; fi ||
	fail "$n demo records today at ${NOW:-$(date +%H:%M)}"
got=$(sc review list --format csv | tail -n +2 | wc -l)
[ "$got" -eq "$n" ] || fail "review list lists $got records, today ($TODAY) has $n"
sc review list --format csv >"$T/a.csv" && sc review list --date "$TODAY" --format csv >"$T/b.csv" &&
	cmp -s "$T/a.csv" "$T/b.csv" || fail "review list without --date is not --date $TODAY"
sc --lang en review glance | grep -q "$TODAY" || fail "glance does not name $TODAY"

# overdue as of today: the CLI, the database and the home screen agree
o=$(sq "SELECT count(*) FROM rectification WHERE status='open' AND superseded_by IS NULL")
d=$(sq "SELECT count(*) FROM rectification WHERE status='open' AND superseded_by IS NULL AND deadline < '$TODAY'")
got=$(sc rectify list --overdue --format csv | tail -n +2 | wc -l)
[ "$got" -eq "$d" ] || fail "rectify list --overdue gives $got, the database $d as of $TODAY"
start 100 30
wait_for "今日检查 $TODAY"
wait_for "整改未结：$o 项，逾期 $d 项"
rows=$(screen | grep -c "^[ >] $TODAY ")
[ "$rows" -eq "$n" ] || fail "home lists $rows of today's $n records"
quit
no_reports
echo "dates: ok (${NOW:-real clock} ${TZ:-local})"
