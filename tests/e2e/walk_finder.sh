#!/bin/sh
# walk_finder: / in the walk finds a stall as it is typed, by pinyin
# initials (zs: 张三) or full pinyin (lisi), shows each stall's state, and
# Enter lands on the stall's first unanswered item (g too). Leaving a
# half-done stall asks once: a no stays, a yes is remembered for the stall.
set -u
. tests/e2e/lib/tui.sh

setup_market
walk_first_market

keys /
wait_for "查找摊位"
wait_for "2 个摊位"
type_text "zs"
wait_for "1 个摊位"
screen | grep -q "^>A01 .*张三 .*蔬菜 .*未检查" || fail "zs did not find 张三's stall"
screen | grep -q "A02" && fail "zs found 李四's stall too"
keys BSpace BSpace
wait_for "2 个摊位"
type_text "lisi"
wait_for "1 个摊位"
screen | grep -q "^>A02 .*李四" || fail "lisi did not find 李四's stall"
keys Escape
wait_for "全场项目 · 全场"
expect_sql "SELECT count(*) FROM visit" 0

keys /
type_text "zs"
wait_for "1 个摊位"
keys Enter
wait_for "摊位 A01 · 张三"
screen | grep -q "^>H21 " || fail "the jump did not land on the first item"
keys p p
wait_for "H22 合格 已保存"

# half-done: Tab asks; n stays; asked again; y goes on and is remembered
keys Tab
wait_for "A01 还有 9 项未检查，仍然离开？"
keys n
wait_gone "仍然离开"
screen | grep -q "摊位 A01 · 张三" || fail "n left the stall"
keys Tab
wait_for "A01 还有 9 项未检查，仍然离开？"
keys y
wait_for "摊位 A02 · 李四"

# back by the finder: its state, and the first unanswered item
keys /
type_text "zhangs"
wait_for "1 个摊位"
screen | grep -q "^>A01 .*已查 2/11" || fail "the finder does not show A01 half done"
keys Enter
wait_for "摊位 A01 · 张三"
screen | grep -q "^>H26 " || fail "the finder did not land on the first unanswered item"
expect_sql "SELECT cursor_item FROM inspection" H26
keys Tab
wait_for "摊位 A02 · 李四"
screen | grep -q "仍然离开" && fail "asked again for a stall already answered yes"

# g lands on the first unanswered item too
keys Up Up
keys g; type_text "A01"; keys Enter
wait_for "摊位 A01 · 张三"
screen | grep -q "^>H26 " || fail "g did not land on the first unanswered item"
quit
no_reports
echo "walk_finder: ok"
