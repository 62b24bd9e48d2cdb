#!/bin/sh
# walk_demo: the first start on an empty database offers demo data; loading
# it fills the home screen (empty before 06:50: no visit today is over yet);
# a final record opens read-only.
set -u
. tests/e2e/lib/tui.sh

start 100 30
wait_for "数据库是空的。载入演示数据？"
keys y
wait_for "演示数据已载入"
n=$(sq "SELECT count(*) FROM inspection WHERE day='$TODAY'")
if demo_has_today; then
	[ "$n" -ge 1 ] || fail "no demo inspection today"
else # before 06:50 no visit is over yet: the home list is empty
	[ "$n" -eq 0 ] || fail "$n demo inspections today before 06:50"
	wait_for "今天本机还没有检查记录"
	[ "$(sq "SELECT count(*) FROM inspection WHERE day='$(day_add -1)'")" -ge 1 ] ||
		fail "no demo inspection yesterday"
fi
rows=$(screen | grep -c "^[ >] $TODAY ")
[ "$rows" -eq "$n" ] || fail "home shows $rows of today's $n inspections"
u=$(sq "SELECT count(*) FROM inspection WHERE status<>'draft'")
wait_for "未同步：$u 份（上次同步 从未）"
o=$(sq "SELECT count(*) FROM rectification WHERE status='open' AND superseded_by IS NULL")
d=$(sq "SELECT count(*) FROM rectification WHERE status='open' AND superseded_by IS NULL AND deadline < '$TODAY'")
[ "$d" -ge 1 ] || fail "the demo has no overdue rectification"
wait_for "整改未结：$o 项，逾期 $d 项"
before=$(sq "SELECT count(*) FROM answer")
keys Enter
if [ "$n" -ge 1 ]; then
	wait_for "已定稿，只读"
	keys f
	wait_for "已定稿，只读"
	keys Escape
else # nothing to open
	sleep 0.3
fi
wait_for "今日检查"
expect_sql "SELECT count(*) FROM answer" "$before"
quit
expect_sql "PRAGMA integrity_check" ok
no_reports
echo "walk_demo: ok"
