#!/bin/sh
# walk_undo_restart: the walk's undo history is in the database, so u after
# SIGKILL and a restart undoes the last answers in order (a changed answer
# comes back as it was, a first answer goes), and finalize clears it.
set -u
. tests/e2e/lib/tui.sh

setup_market
walk_first_market
keys p p
wait_for "H05 合格 已保存"
keys Up f
wait_for "H05 不合格 已保存"
keys Escape
wait_gone "问题处数"
kill9
expect_sql "SELECT group_concat(item_id || '=' || verdict, ' ') FROM answer" "H01=pass H05=fail"

# after the restart: the fail of H05 goes back to its pass, then H05 and
# H01 go, then there is nothing left to undo
resume_at "全场项目 · 全场"
keys u
wait_for "已撤销 H05"
expect_sql "SELECT group_concat(item_id || '=' || verdict, ' ') FROM answer" "H01=pass H05=pass"
screen | grep -q "^>H05  合格 " || fail "undo did not select H05 as it was"
kill9
resume_at "全场项目 · 全场"
keys u
wait_for "已撤销 H05"
expect_sql "SELECT group_concat(item_id || '=' || verdict, ' ') FROM answer" "H01=pass"
keys u
wait_for "已撤销 H01"
expect_sql "SELECT count(*) FROM answer" 0
keys u
wait_for "没有可撤销的答案"

# at a stall too
keys g; type_text "A02"; keys Enter
wait_for "摊位 A02 · 李四"
keys p
wait_for "H21 合格 已保存"
kill9
resume_at "摊位 A02 · 李四"
keys u
wait_for "已撤销 H21"
expect_sql "SELECT count(*) FROM answer" 0
keys p
wait_for "H21 合格 已保存"
[ "$(sq "SELECT count(*) FROM walk_undo")" -ge 1 ] || fail "no undo history kept"
# undo from another place: the walk goes back to the stall, its answer
# gone from the screen and from its score
keys BTab
wait_for "仍然离开"
keys y
wait_for "摊位 A01 · 张三"
keys u
wait_for "已撤销 H21"
wait_for "摊位 A02 · 李四"
wait_for "本处 0/"
screen | grep -q "^>H21  --  " || fail "undo did not select H21 unanswered"
screen | grep -q "摊位得分 -- " || fail "the stall's score still counts the undone answer"
quit
no_reports
echo "walk_undo_restart: ok"
