#!/bin/sh
# walk_honest (issue 15): a stall keeps the type it was inspected as when
# the registry changes during the draft (it was rescored with answers that
# no longer applied), and finalize lists every unanswered item and refuses
# while a critical one is unanswered (a veto could be skipped).
set -u
. tests/e2e/lib/tui.sh

setup_market
walk_first_market
# stall A02, cooked: H21 ... F24 pass (13 items), Q21 (health papers) fails,
# critical at a cooked stall
keys g; type_text "a02"; keys Enter
wait_for "摊位 A02 · 李四 · 熟食、卤味"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do keys p; done
wait_for "F24 合格 已保存"
keys f
wait_for "Q21 不合格 · 备注与问题处数"
keys Escape
wait_for "Q21 不合格 已保存"
expect_sql "SELECT critical FROM answer WHERE item_id='Q21'" 1

# the registry now says A02 sells vegetables (Esc: home, n: the markets)
keys Escape
wait_for "今日检查"
keys n
wait_for "选择市场"
keys s
wait_for "摊位登记"
keys Down e
wait_for "修改摊位"
keys Tab Tab C-u; type_text "veg"; keys Enter
wait_for "摊位已修改：A02"
expect_sql "SELECT type FROM stall WHERE code='A02'" veg
quit

# the draft resumed: A02 is still the cooked stall it was inspected as
start 100 30
wait_for "有未完成的检查"
keys y
wait_for "本处"
keys g; type_text "a02"; keys Enter
wait_for "摊位 A02 · 李四 · 熟食、卤味"
wait_for "按检查时的类别“熟食、卤味”评分（摊位登记现为“蔬菜”）"
wait_for "摊位得分 91.9 不合格"
expect_sql "SELECT stall_type FROM visit" cooked

# finalize: the critical failure counted and listed, every unanswered item
# listed by code, place and name, critical ones marked; y refused
keys F
wait_for "定稿：东门农贸市场"
wait_for "重大问题 1"
screen | grep -q "重大 A02 Q21" || fail "the critical failure is not listed"
wait_for "项重大项目未答"
screen | grep -q "^  重大 F04 全场  消防设施" || fail "unanswered critical market item F04 not listed with its area"
screen | grep -q "^  H01 全场  地面" || fail "unanswered item H01 not listed"
keys y
wait_for "答完才能定稿"
expect_sql "SELECT status FROM inspection" draft
# the list scrolls to its end: the stall's unanswered items are there
for i in $(seq 1 12); do keys PageDown; done
wait_for "Q26 A02  追溯码"
keys Escape
wait_for "本处"
quit
expect_sql "SELECT status FROM inspection" draft
no_reports
echo "walk_honest: ok"
