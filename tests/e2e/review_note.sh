#!/bin/sh
# review_note: a long note is shown whole in the review detail, wrapped on
# lines of its own under its item (it was cut at 200 bytes, mid-character).
set -u
. tests/e2e/lib/tui.sh
relax_criticals # finalizes a partial walk
setup_market
walk_first_market
keys f
wait_for "H01 不合格 · 备注与问题处数"
keys Escape
wait_for "H01 不合格 已保存"
keys Up t
wait_for "> 备注    : "
type_text "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十尾巴"
keys Enter
wait_for "H01 不合格 已保存"
keys F
wait_for "定稿："
keys y
wait_for "市场开办方确认"
type_text "赵六"; keys Enter
wait_for "已定稿"
keys R
wait_for "审核"
keys Enter
wait_for "H01  地面"
screen | grep -A3 "H01  地面" > "$T/note"
grep -q "^            一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二$" "$T/note" ||
	{ cat "$T/note"; fail "note not on its own line"; }
grep -q "尾巴$" "$T/note" || { cat "$T/note"; fail "the end of the note is missing"; }
# under the note, what the failure goes against (the item's basis)
screen | grep -A4 "H01  地面" | grep -q "^            依据：地方创卫检查表" || fail "no basis under the failed item"
quit
no_reports
echo "review_note: ok"
