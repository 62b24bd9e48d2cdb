#!/bin/sh
# walk_crash: SIGKILL mid-walk at several points. Every answer the screen
# showed as saved is in the database, the database is intact, and the next
# start offers the draft and resumes at the same place and item.
set -u
. tests/e2e/lib/tui.sh

# every verdict row on screen is in the database
shown_are_saved() {
	screen | sed -n 's/^[ >]\([A-Z][0-9][0-9]\)  \(合格\|不合格\|不适用\|未观察\) .*/\1/p' > "$T/shown"
	n=0
	while read -r id; do
		c=$(sq "SELECT count(*) FROM answer a JOIN inspection i ON i.id=a.inspection_id WHERE i.status='draft' AND a.item_id='$id' AND (a.visit_id IS NULL OR a.visit_id=(SELECT max(id) FROM visit))")
		[ "$c" -ge 1 ] || fail "$id was shown as saved but is not in the database"
		n=$((n + 1))
	done < "$T/shown"
	echo $n
}

setup_market
walk_first_market

# 1: after two answers in the market-wide items
keys p p
wait_for "H05 合格 已保存"
kill9
expect_sql "SELECT count(*) FROM answer" 2
resume_at "全场项目 · 全场" H06

# 2: at a stall, right after a fail
keys g; type_text "A02"; keys Enter
wait_for "摊位 A02 · 李四"
keys p f
wait_for "H22 不合格 已保存"
kill9
expect_sql "SELECT count(*) FROM answer" 4
resume_at "摊位 A02 · 李四" H23

# 3: in the middle of a burst of keys: what was on screen is on disk
keys p p p p p
sleep 0.1
kill9
n=$(shown_are_saved)
[ "$n" -ge 2 ] || fail "expected at least the two earlier A02 answers on screen"
# 4: moved back with Up (no answer) then killed with a note form open
resume_at "摊位 A02" "[HOQF][0-9][0-9]"
keys k
sleep 0.2
sel=$(screen | sed -n 's/^>\([A-Z][0-9][0-9]\) .*/\1/p')
[ -n "$sel" ] || fail "no selected row"
keys t
wait_for "备注"
type_text "未保存的备注"
kill9
expect_sql "SELECT count(*) FROM answer WHERE note<>''" 0
resume_at "摊位 A02" "$sel"
quit
no_reports
echo "walk_crash: ok"
