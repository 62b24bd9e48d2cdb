#!/bin/sh
# review_self: nobody reviews their own record (issue 16). The inspector
# who made a record cannot approve or return it in the review screen; an
# amendment by another inspector keeps the record's inspector, the audit
# log names who amended it, and that one cannot review it either; another
# reviewer can (CLI).
set -u
. tests/e2e/lib/tui.sh
relax_criticals # finalizes a partial walk

# finalize_and_review: F y in the walk, home, then R: the review screen
finalize_and_review() {
	keys F
	wait_for "定稿："
	keys y
	wait_for "市场开办方确认"
	type_text "赵六"; keys Enter
	wait_for "已定稿："
	keys Escape
	wait_for "今日检查"
	keys R
}

setup_market
walk_first_market
keys p
wait_for "H01 合格 已保存"
finalize_and_review
wait_for "审核 $TODAY  1 份"
keys a
wait_for "这份记录由你（王检查）检查或更正，不能自己审核"
keys o
wait_gone "不能自己审核"
keys r
wait_for "这份记录由你（王检查）检查或更正，不能自己审核"
screen | grep -q "退回给检查员" && fail "the return form opened for one's own record"
expect_sql "SELECT status FROM inspection" final
expect_sql "SELECT count(*) FROM review" 0
quit

# another inspector amends it: the amendment keeps 王检查, the audit names 李检查
sed 's/^name = 王检查/name = 李检查/' "$T/c/stallcheck/stallcheck.ini" > "$T/c/stallcheck/li.ini"
ARGS="--config $T/c/stallcheck/li.ini" start 100 30
wait_for "今日检查"
keys Enter
wait_for "[已定稿]"
keys A
wait_for "更正记录"
keys y
wait_for "已建立更正记录"
expect_sql "SELECT inspector FROM inspection WHERE amends_uuid IS NOT NULL" 王检查
expect_sql "SELECT actor FROM audit WHERE action = 'inspection.amend'" 李检查
finalize_and_review
wait_for "审核 $TODAY  2 份"
keys Down a
wait_for "这份记录由你（李检查）检查或更正，不能自己审核"
expect_sql "SELECT count(*) FROM review" 0
quit
no_reports

# a third person approves it
printf '[inspector]\nname = 赵主任\n[data]\ntemplate = templates/gbt21720-market.ini\n' > "$T/zhao.ini"
u=$(sq "SELECT uuid FROM inspection WHERE amends_uuid IS NOT NULL")
"$BIN" --config "$T/zhao.ini" --db "$DB" review approve "$u" >/dev/null || fail "another reviewer could not approve"
expect_sql "SELECT status FROM inspection WHERE uuid = '$u'" approved
echo "review_self: ok"
