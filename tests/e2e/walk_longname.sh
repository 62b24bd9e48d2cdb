#!/bin/sh
# walk_longname: a long market name gives way on a narrow terminal. The
# resume question wraps (by display columns) and keeps "继续？ y/n" in
# sight; the walk title cuts the name, not the record's status. Also what
# the stall form and the walk refuse is said in Chinese, and a stall type
# can be given by its Chinese name.
set -u
. tests/e2e/lib/tui.sh
first_market "东城区人民政府农贸市场管理服务中心北区菜场综合楼一层二层三层" "西湖区" "文三路1号"
# a name longer than the record holds is refused whole, never cut mid-character
keys a
wait_for "新市场"
type_text "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
keys Enter
wait_for "名称太长：最多 127 字节（约 42 个汉字）"
keys C-u; type_text "东城区人民政府农贸市场管理服务中心北区菜场综合楼一层二层三层"
keys Tab; type_text "西湖区"; keys Enter   # the same market twice: refused
wait_for "已存在。"
keys Escape
expect_sql "SELECT count(*) FROM market" 1
# a market is edited and deactivated in place; an inactive one is not inspected
keys e
wait_for "修改市场"
keys Tab Tab; keys C-u; type_text "文三路2号"; keys Enter
wait_for "市场已修改"
expect_sql "SELECT address FROM market" "文三路2号"
keys d
wait_for "市场已停用"
keys Enter
wait_for "这个市场已停用"
expect_sql "SELECT count(*) FROM inspection" 0
keys d
wait_for "市场已启用"
keys s
wait_for "摊位登记"
keys a; type_text "A01"; keys Tab; type_text "张三"; keys Tab; type_text "veg"; keys Enter
wait_for "摊位已添加：A01"
# the type by its Chinese name, or the start of it; an ambiguous start is refused
keys a
wait_for "类别：蔬菜 水果 畜肉 禽类 水产 熟食"
wait_for "农民自产自销 日杂"   # the hint wraps: the last type is in sight too
type_text "B02"; keys Tab; type_text "李四"; keys Tab; type_text "禽"; keys Enter
wait_for "没有这个类别：禽（可填：蔬菜 水果"
keys BSpace; type_text "熟食"; keys Enter
wait_for "摊位已添加：B02"
expect_sql "SELECT type FROM stall WHERE code='B02'" cooked
keys e   # editing shows the type as it was typed, by name
wait_for "修改摊位"
screen | grep -q "类别  *: 熟食 " || fail "edit form shows the type code"
keys Escape
wait_gone "修改摊位"
keys d   # deactivating says so, and how to see it again
wait_for "摊位已停用：B02"
keys i
wait_for "B02      李四"
keys Down d
wait_for "摊位已启用：B02"
keys i
keys a; type_text "B02"; keys Tab; type_text "王五"; keys Tab; type_text "veg"; keys Enter
wait_for "摊位号 B02 在本市场已存在"
keys Escape
walk_first_market
keys p
wait_for "H01 合格 已保存"
keys p
wait_for "H05 合格 已保存"
keys n   # H06 does not allow n/a: said in Chinese, nothing saved
wait_for "H06 不能选“不适用”"
expect_sql "SELECT count(*) FROM answer WHERE item_id='H06'" 0
keys Up Up s   # H01 passed: no problem spots on it
wait_for "问题处数只记在不合格的项目上"
# past 64 answers (the undo ring is full) a form still closes once saved
keys a
wait_for "自动跳到下一项：关"
i=0; while [ $i -lt 70 ]; do keys f; i=$((i + 1)); done
wait_for "H01 不合格 已保存"
keys t
wait_for "> 备注: "
type_text "满"; keys Enter
wait_gone "> 备注: "
expect_sql "SELECT note FROM answer WHERE item_id='H01'" "满"
keys a
quit
start 70 30
wait_for "有未完成的检查：东城区人民政府"
wait_for "继续？ y/n"
keys Enter   # not an answer: the question stays
sleep 0.3
screen | grep -q "继续？ y/n" || fail "Enter answered the y/n question"
keys y
wait_for "本处 2/9"
screen | head -1 | grep -q "^市场 东城区.*~  $TODAY  王检查  \[草稿\]$" || fail "walk title lost its status"
# undo after a quick-add that sorts before the others: the answer undone is
# the last one given (at B02), not whatever stall now sits in its place
keys g; type_text "B02"; keys Enter
wait_for "摊位 B02 · 李四"
keys p
wait_for "合格 已保存"
b02=$(sq "SELECT count(*) FROM answer a JOIN visit v ON v.id = a.visit_id JOIN stall s ON s.id = v.stall_id WHERE s.code = 'B02'")
[ "$b02" = 1 ] || fail "B02 answer not saved"
keys +
wait_for "新摊位"
type_text "A00"; keys Tab; type_text "周七"; keys Tab; type_text "veg"; keys Enter
wait_for "摊位 A00 · 周七"
keys u
wait_for "已撤销"
expect_sql "SELECT count(*) FROM answer a JOIN visit v ON v.id = a.visit_id JOIN stall s ON s.id = v.stall_id WHERE s.code = 'B02'" 0
expect_sql "SELECT count(*) FROM answer WHERE visit_id IS NULL" 2
# f then s: the spots go to the item just failed (H21 at B02, where the undo left
# the cursor), though the cursor moved on
keys f
wait_for "不合格 已保存"
keys s
wait_for "> 问题处数: "
keys BSpace; type_text "2"; keys Enter
wait_for "问题2处"
expect_sql "SELECT spots FROM answer a JOIN visit v ON v.id = a.visit_id JOIN stall s ON s.id = v.stall_id WHERE s.code = 'B02' AND a.item_id = 'H21'" 2
# the same answer again is nothing to undo: u takes back the spots
keys a f   # auto-advance off, then H21 failed again, unchanged
wait_for "H21 不合格 已保存"
keys u
wait_for "已撤销 H21"
expect_sql "SELECT spots FROM answer a JOIN visit v ON v.id = a.visit_id JOIN stall s ON s.id = v.stall_id WHERE s.code = 'B02' AND a.item_id = 'H21'" 0
keys a
quit
no_reports
echo "walk_longname: ok"
