#!/bin/sh
# walk_basic: a whole inspection walked with keys at 100x30: registry forms
# and their bad input, verdicts and points, note, undo, CJK alignment, live
# scores and progress, finalize, read-only final record, amendment.
set -u
. tests/e2e/lib/tui.sh
relax_criticals # finalizes a partial walk

setup_market
expect_sql "SELECT count(*) FROM market" 1
# a duplicate stall code: message, nothing changed
keys a; type_text "A01"; keys Tab; type_text "重复"; keys Tab; type_text "veg"; keys Enter
wait_for "A01"
sleep 0.2
screen | tail -1 | grep -q "A01" || fail "no message for a duplicate stall code"
keys Escape
expect_sql "SELECT count(*) FROM stall" 2
# an unknown type: refused
keys a; type_text "A03"; keys Tab; type_text "王五"; keys Tab; type_text "nosuch"; keys Enter
sleep 0.3
keys Escape
expect_sql "SELECT count(*) FROM stall" 2
wait_gone "新摊位"
keys Escape
wait_for "选择市场"
# an empty market name: refused with a message
keys a
wait_for "新市场"
keys Enter
sleep 0.3
screen | tail -1 | grep -qi "name\|名称" || fail "no message for an empty market name"
keys Escape
wait_gone "新市场"
expect_sql "SELECT count(*) FROM market" 1

# start the walk
keys Enter
wait_for "全场项目 · 全场"
wait_for "本处 0/9  全场项目 0/30  摊位完成 0/2"
keys p 4 f
wait_for "H06 不合格 · 备注与问题处数"
keys Escape
wait_for "H06 不合格 已保存"
screen | grep -q "^ H01  合格    5/5# " || fail "H01 row"
screen | grep -q "^ H05  合格    4/4# " || fail "H05 row"
screen | grep -q "^ H06  不合格  0/3 " || fail "H06 row (CJK columns misaligned?)"
expect_sql "SELECT item_id||':'||verdict||':'||earned FROM answer ORDER BY item_id" "H01:pass:5
H05:pass:4
H06:fail:0"
# 9/12 market points -> 60 * 0.75 = 45 of 60, no stalls yet -> 75.0
wait_for "市场得分 75.0 合格"
wait_for "本处 3/9  全场项目 3/30"
# points out of range on O01 (0..4): message, nothing saved
keys 9
wait_for "0..4"
expect_sql "SELECT count(*) FROM answer WHERE item_id='O01'" 0
# note with a control character: the character is refused in the language, nothing changed
keys k t
wait_for "备注"
type_text "地面"; keys C-a
wait_for "控制字符不能输入"
keys Escape
expect_sql "SELECT note FROM answer WHERE item_id='H06'" ""
# a note longer than 85 CJK characters (the old 255-byte field) goes in whole
keys t; keys C-u
type_text "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
wait_for "九十_"
keys C-u
type_text "排水口有积水"; keys Enter
wait_for "H06 不合格 已保存"
expect_sql "SELECT note FROM answer WHERE item_id='H06'" "排水口有积水"
# spots: s opens the same form on the spots field, which starts empty
keys s; type_text "3"; keys Enter
wait_for "问题3处"
expect_sql "SELECT spots FROM answer WHERE item_id='H06'" 3

# jump to stall A01 (vegetables): H21 H22 H26 ...
keys g; type_text "a01"; keys Enter
wait_for "摊位 A01 · 张三 · 蔬菜"
keys p p f
wait_for "H26 不合格 · 备注与问题处数"
keys Enter
wait_for "H26 不合格 已保存"
# stall 5/8 = 62.5 (fail); market 45 + 40 * 0.625 = 70.0 (pass)
wait_for "摊位得分 62.5 不合格   市场得分 70.0 合格"
# undo the last answer: H26 gone from the database and the screen
keys u
wait_for "已撤销 H26"
expect_sql "SELECT count(*) FROM answer WHERE item_id='H26'" 0
wait_for "摊位得分 100.0 好"
keys f
wait_for "H26 不合格 · 备注与问题处数"
keys Enter
wait_for "H26 不合格 已保存"
# quick-add a stall while walking
keys +
wait_for "新摊位"
type_text "B07"; keys Tab; type_text "赵六"; keys Tab; type_text "meat"; keys Enter
wait_for "摊位 B07 · 赵六"
expect_sql "SELECT count(*) FROM stall" 3
expect_sql "SELECT count(*) FROM visit" 2

# help overlay from the action table
keys '?'
wait_for "按键（任意键关闭）"
wait_for "撤销上一个答案" # in one column or two: the list grew
keys Space
wait_gone "按键（任意键关闭）"

# finalize
keys F
wait_for "定稿：东门农贸市场"
# each failure listed on the lines under its category, not cut at the screen edge
screen | grep -A1 "^  环境卫生: [1-9]" | tail -1 | grep -q "^     .*H06" || fail "finalize: failures not listed under the category"
wait_for "得分 70.0   等级 合格   重大问题 0"
wait_for "H06"
keys y
# the operator's acknowledgement comes first: skipped only by saying the
# operator was not present
wait_for "市场开办方确认"
keys Enter
wait_for "开办方不在场"
keys y
wait_for "已定稿：得分 70.0 合格"
expect_sql "SELECT present||':'||operator FROM inspection_ack" "0:"
expect_sql "SELECT status||':'||printf('%.1f',score)||':'||band FROM inspection" "final:70.0:pass"
# the final record is read only
keys Enter
wait_for "[已定稿]"
keys p
wait_for "已定稿，只读"
expect_sql "SELECT count(*) FROM answer" 6
# amendment: a new draft pointing at the final one, with its answers
keys A
wait_for "更正记录"
keys y
wait_for "已建立更正记录"
expect_sql "SELECT count(*) FROM inspection WHERE amends_uuid=(SELECT uuid FROM inspection WHERE id=1) AND status='draft'" 1
expect_sql "SELECT count(*) FROM answer WHERE inspection_id=2" 6
# amending the original again opens that draft; no second amendment
keys Escape
wait_for "今日检查"
# the draft amendment shows its running score, like the walk
screen | grep "草稿" | grep -q " 70.0 合格" || fail "home shows no score for the draft"
keys Escape
wait_for "这是首页。按 q 退出"
keys Down Enter
wait_for "[已定稿]"
keys A
wait_for "更正记录"
keys y
wait_for "已有未完成的更正记录"
screen | grep -q "\[草稿\]" || fail "the amendment draft is not open"
expect_sql "SELECT count(*) FROM inspection" 2
quit
expect_sql "PRAGMA integrity_check" ok
no_reports
echo "walk_basic: ok"
