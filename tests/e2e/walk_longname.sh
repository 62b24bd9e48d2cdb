#!/bin/sh
# walk_longname: a long market name gives way on a narrow terminal. The
# resume question wraps (by display columns) and keeps "继续？ y/n" in
# sight; the walk title cuts the name, not the record's status.
set -u
. tests/e2e/lib/tui.sh
first_market "东城区人民政府农贸市场管理服务中心北区菜场综合楼一层二层三层" "西湖区" "文三路1号"
keys s
wait_for "摊位登记"
keys a; type_text "A01"; keys Tab; type_text "张三"; keys Tab; type_text "veg"; keys Enter
wait_for "摊位已添加：A01"
keys Escape
wait_for "选择市场"
keys Enter
wait_for "本处 0/9"
keys p
wait_for "H01 合格 已保存"
quit
start 70 30
wait_for "有未完成的检查：东城区人民政府"
wait_for "继续？ y/n"
keys y
wait_for "本处 1/9"
screen | head -1 | grep -q "^市场 东城区.*~  2026-11-29  王检查  \[草稿\]$" || fail "walk title lost its status"
quit
no_reports
echo "walk_longname: ok"
