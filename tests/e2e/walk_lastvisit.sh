#!/bin/sh
# walk_lastvisit: the walk shows the last visit at hand. On a demo market,
# a new inspection reaching a stall shows beside each item what the
# previous inspection that visited it found (verdict and note), the
# stall's open rectifications at the top and its previous score in the
# header; a market-wide item with a repeat finding says 重复 N. At 80x24
# the column narrows and the item text gives way (cut with ~); at 60
# columns it is gone. Nothing overlaps.
set -u
. tests/e2e/lib/tui.sh
mkdir -p "$(dirname "$DB")"
XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" --db "$DB" demo --markets 1 --days 10 \
	--until "$(day_add -1)" --seed 3 >/dev/null 2>&1 || fail "demo failed"

# the latest inspection's failed stall item with a note, and that stall
last=$(sq "SELECT id FROM inspection WHERE status <> 'draft' ORDER BY day DESC, started_at DESC LIMIT 1")
row=$(sq "SELECT v.stall_code || '|' || a.item_id || '|' || a.note || '|' || v.id FROM answer a
	JOIN visit v ON v.id = a.visit_id WHERE a.inspection_id = $last AND a.verdict = 'fail'
	AND a.note <> '' ORDER BY v.seq, a.item_id LIMIT 1")
[ -n "$row" ] || fail "the demo's last inspection has no failed stall item with a note"
code=${row%%|*}; rest=${row#*|}; item=${rest%%|*}; rest=${rest#*|}; note=${rest%%|*}; vid=${rest#*|}
score=$(sq "SELECT printf('%.1f', score) FROM visit WHERE id = $vid")
lday=$(sq "SELECT substr(day, 6) FROM inspection WHERE id = $last")
pass=$(sq "SELECT a.item_id FROM answer a WHERE a.visit_id = $vid AND a.verdict = 'pass' LIMIT 1")
rep=$(sq "SELECT item_id || '|' || repeats FROM rectification WHERE status = 'open' AND superseded_by IS NULL
	AND stall_id IS NULL AND repeats > 0 LIMIT 1")
[ -n "$rep" ] || fail "the demo has no market-wide repeat finding"

start 100 30
wait_for "今日检查"
keys n
wait_for "选择市场"
keys Enter
wait_for "回头看"
keys Enter
wait_for "全场项目"
# the market-wide areas: the repeat finding, wherever its area is
i=0
while ! screen | grep -q "^[ >]${rep%%|*} .* 重复 ${rep#*|}"; do
	i=$((i + 1)); [ $i -gt 12 ] && fail "no area shows ${rep%%|*} with 重复 ${rep#*|}"
	keys Tab; sleep 0.3
done
screen | grep -q "上次全场 " || fail "an area does not show the market's previous score"

keys g; type_text "$code"; keys Enter
wait_for "摊位 $code"
wait_for "上次 $lday：$score"
wait_for "上次检查 $lday"
screen | grep -q "^[ >]$item .* 不合格 $note" || fail "$item does not show last visit's 不合格 $note"
screen | grep -q "^[ >]$pass .* 合格$" || fail "$pass does not show last visit's 合格"
screen | grep -q "^未结整改 $item\|^逾期整改 $item" || fail "the stall's open rectification of $item is not listed"
# answering keeps the column: it is this stall's, loaded once
keys p
wait_for "已保存"
screen | grep -q "^[ >]$item .* 不合格 $note" || fail "the column went after an answer"

# 80x24: narrower, the item text cut, the verdict still beside it
tmux -L $SOCK resize-window -x 80 -y 24
sleep 0.5
wait_for "上次检查 $lday"
line=$(screen | grep "^[ >]$item ")
echo "$line" | grep -q "~ 不合格" || fail "at 80 columns the item text does not give way: $line"
# 60 columns: no column, the item text whole width
tmux -L $SOCK resize-window -x 60 -y 24
sleep 0.5
wait_gone "上次检查"
screen | grep "^[ >]$item " | grep -q "不合格 " && fail "the column is still drawn at 60 columns"
quit
no_reports
echo "walk_lastvisit: ok"
