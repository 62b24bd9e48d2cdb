#!/bin/sh
# review_tui: the review screen at 100x30 on a demo database: the day's list
# (count against the db), drill-down to an inspection and a stall, approve,
# approve twice refused, return without and with a reason, the glance panel.
set -u
. tests/e2e/lib/tui.sh

# the demo's last day: today, or yesterday before 06:50 (no visit over yet)
day=$TODAY
demo_has_today || day=$(day_add -1)
mkdir -p "$T/d/stallcheck"
XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" --db "$DB" demo --markets 5 --days 4 \
	--until $day --seed 3 >/dev/null 2>&1 || fail "demo failed"
n=$(sq "SELECT count(*) FROM inspection WHERE day = '$day'")
[ "$n" -gt 1 ] || fail "demo made $n inspections on $day"

start 100 30
wait_for "今日检查"
keys R
if [ "$day" != "$TODAY" ]; then # the review opens on today, empty; ← goes back
	wait_for "审核 $TODAY  0 份"
	keys Left
fi
wait_for "审核 $day  $n 份"
# the first row by time is the one under the cursor
first=$(sq "SELECT uuid FROM inspection WHERE day = '$day' ORDER BY started_at, id LIMIT 1")
second=$(sq "SELECT uuid FROM inspection WHERE day = '$day' ORDER BY started_at, id LIMIT 1 OFFSET 1")
market=$(sq "SELECT m.name FROM inspection i JOIN market m ON m.id = i.market_id WHERE i.uuid = '$first'")

# the columns line up by display width, Chinese names or not
screen | sed -n '2,$p' | grep "^$day\|^日期" > "$T/list.txt"
python3 - "$T/list.txt" <<'PY' || fail "list columns do not line up"
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = [l.rstrip() for l in open(sys.argv[1], encoding="utf-8")]
assert len(lines) > 2
cols = {w(l.rsplit(" ", 1)[0]) for l in lines}
sys.exit(0 if len(cols) == 1 else 1)
PY

# drill down: inspection, then its first stall, and back
keys Enter
wait_for "全场项目"
wait_for "$market"
# stall rows name their type in Chinese, in line by display columns
screen | grep -qE " (veg|cooked|meat|aquatic|poultry|fruit) " && fail "stall type codes in the detail"
keys Tab Enter
wait_for "Esc 返回"
screen | grep -qE "与上次相比|没有上次检查" || fail "stall view shows no comparison"
keys Escape
wait_for "Tab 下一摊位"
keys Escape
wait_for "审核 $day"

# the sort is named in Chinese, before and after o changes it
screen | head -1 | grep -q "排序:时间" || fail "sort label not in Chinese"
keys o
sleep 0.3
screen | head -1 | grep -q "排序:[a-z]" && fail "sort label in English after o"
keys o o o o o o o o o   # round the ten columns, back to time
wait_for "排序:时间"
# a reversed range is refused in the form
keys D
wait_for "> "
keys C-u; type_text "$day"; keys Tab; keys C-u; type_text "$(day_add -28)"; keys Enter
wait_for "起始不晚于截止"
keys Escape
# the status filter takes the words the list shows
keys /
wait_for "状态"
keys Tab Tab Tab; keys C-u; type_text "已定稿"; keys Enter
wait_for "排序:时间↑   已定稿"
keys /
wait_for "状态"
keys Tab Tab Tab; keys C-u; type_text "好的"; keys Enter
wait_for "没有这个状态：好的"
keys C-u; keys Enter
sleep 0.3
screen | head -1 | grep -q "已定稿" && fail "status filter not cleared"
# ? lists the screen's own letter keys too
keys ?
wait_for "按键（任意键关闭）"
screen | grep -q "| a 批准 r 退回 Enter 查看 ←→ 换日 D 日期" || fail "help lacks the review keys"
keys Space
wait_gone "按键（任意键关闭）"

# approve the first; twice is refused with a message
keys a
sleep 0.2
keys y
wait_for "已批准"
expect_sql "SELECT status FROM inspection WHERE uuid = '$first'" approved
expect_sql "SELECT reviewer FROM review JOIN inspection ON inspection.id = review.inspection_id WHERE inspection.uuid = '$first'" 王检查
keys a
wait_for "只有已定稿的记录可以批准或退回：这份是“已批准”"
expect_sql "SELECT count(*) FROM review JOIN inspection ON inspection.id = review.inspection_id WHERE inspection.uuid = '$first'" 1

# return the second: an empty reason is refused, then a reason
keys Down r
wait_for "退回给检查员"
keys Enter
wait_for "退回记录须写明理由"
expect_sql "SELECT status FROM inspection WHERE uuid = '$second'" final
# a note field: more than a one-line field's 255 bytes goes in whole
type_text "照片不清$(printf '，请补拍%.0s' $(seq 80))"
keys Enter
wait_gone "退回给检查员"
expect_sql "SELECT status || '|' || substr(reason, 1, 4) || '|' || length(reason) FROM inspection JOIN review ON review.inspection_id = inspection.id WHERE inspection.uuid = '$second'" "returned|照片不清|324"
# its detail says who returned it and why
keys Enter
wait_for "已被 王检查 退回（"
screen | grep -q "退回（.*）：照片不清" || fail "detail lacks the return reason"
keys Escape
wait_for "审核 $day"

# the inspector sees why: review show, and the walk opened from home
"$BIN" --config "$T/c/stallcheck/stallcheck.ini" --db "$DB" review show "$second" > "$T/show" 2>&1 ||
	{ cat "$T/show"; fail "review show failed"; }
grep -q "审核：退回  王检查  .*  理由：照片不清" "$T/show" || { cat "$T/show"; fail "review show: no reason"; }

# the glance: the summary's markets visited
mk=$(sq "SELECT count(DISTINCT market_id) FROM inspection WHERE day = '$day' AND status IN ('final','approved','returned')")
keys g
wait_for "概况"
wait_for "市场 $mk 个"
keys x
wait_for "审核 $day"
keys Escape
wait_for "今日检查"
# the returned record's row on home, whatever its day (rows start under
# the three header lines)
row=$(screen | grep -n "已退回" | head -1 | cut -d: -f1)
[ -n "$row" ] || fail "home does not list the returned record"
top=$(screen | grep -n "^[> ] 20" | head -1 | cut -d: -f1)
i=$top
while [ "$i" -lt "$row" ]; do keys Down; i=$((i + 1)); done
keys Enter
wait_for "已被 王检查 退回：照片不清"
keys q
rc=$(wait_exit)
[ "$rc" = 0 ] || fail "exit status $rc"
echo "review_tui: ok"
