#!/bin/sh
# walk_demerit (issue 15): a demerit score sheet ([scoring] mode = demerit,
# tests/templates/demerit-en.ini) with decimal points, walked through the
# real program; the score is checked against this hand computation:
#
#   market-wide items (possible 40 + 60 + 5 = 105)
#     M1 40  fail      deducts 40
#     M2 60  pass
#     M3 5   points 4  deducts 1
#     ratio = (100 - (105 - 64)) / 100 = 0.59 -> alone 59.0, below band_pass 60: fail
#   stall X1 (grocer)
#     S1 77.5 pass
#     S2 2.5  fail     deducts 2.5
#     ratio = (100 - (80 - 77.5)) / 100 = 0.975 -> 97.5 good
#   score = 100 x (60 x 0.59 + 40 x 0.975) / 100 = 35.4 + 39 = 74.4 -> pass
#   (earned / possible would give 60 x 64/105 + 40 x 77.5/80 = 75.3)
set -u
. tests/e2e/lib/tui.sh

template_walk tests/templates/demerit-en.ini
wait_for "本处 0/3"
keys f
wait_for "M1 不合格 · 备注与问题处数"
keys Escape
wait_for "M1 不合格 已保存"
keys p
wait_for "M2 合格 已保存"
keys 4
wait_for "M3 已保存"
wait_for "市场得分 59.0 不合格"

keys g; type_text "x1"; keys Enter
wait_for "摊位 X1 · Lee · Grocer"
keys p
wait_for "S1 合格 已保存"
keys f
wait_for "S2 不合格 · 备注与问题处数"
keys Escape
wait_for "S2 已保存"
wait_for "摊位得分 97.5 好   市场得分 74.4 合格"
expect_sql "SELECT item_id||':'||earned||'/'||possible FROM answer ORDER BY item_id" \
"M1:0/40
M2:60/60
M3:4/5
S1:77.5/77.5
S2:0/2.5"

keys F
wait_for "得分 74.4   等级 合格"
keys y
wait_for "市场开办方确认"
type_text "Ms Chan"; keys Enter
wait_for "已定稿：得分 74.4 合格"
expect_sql "SELECT printf('%.1f',score)||':'||band FROM inspection" "74.4:pass"
expect_sql "SELECT printf('%.1f',score)||':'||band FROM visit" "97.5:good"
quit

export XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" STALLCHECK_NOW="$NOW"
uuid=$(sq "SELECT uuid FROM inspection")
show=$("$BIN" --lang en review show "$uuid") || fail "review show: $show"
echo "$show" | grep -qF "market-wide 100 - (105 - 64) = 59 -> 0.590000" || fail "review show: market part: $show"
echo "$show" | grep -qF "score = 100 × (60 × 0.590000 + 40 × 0.975000) ÷ 100 = 74.4" ||
	fail "review show: formula: $show"
"$BIN" verify >/dev/null || fail "verify"
no_reports
echo "walk_demerit: ok"
