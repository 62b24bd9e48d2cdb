#!/bin/sh
# rectify_tui: 回头看 in the full-screen program. A new inspection of a market
# with open rectifications starts on the follow-up screen: p marks one fixed
# (销号), f not fixed; both are pending until the inspection is finalized
# (a draft never finalized closes nothing), Enter goes on to the walk.
# Data: the fixture database tests/test_rectify.c leaves next to the binary.
set -u
. tests/e2e/lib/tui.sh
fx="$(dirname "$BIN")/rectify-e2e.db"
[ -f "$fx" ] || { echo "FAIL: no fixture $fx"; exit 1; }
mkdir -p "$(dirname "$DB")"
cp "$fx" "$DB"
S1=$(sq "SELECT uuid FROM rectification WHERE item_id='S1'")
S3=$(sq "SELECT uuid FROM rectification WHERE item_id='S3' AND stall_id=(SELECT id FROM stall WHERE code='A-01')")

# pick_market: a fresh start, the draft in the fixture not resumed, n for
# a new inspection: the market list
pick_market() {
	start 100 30
	wait_for "有未完成的检查"
	keys n
	wait_gone "有未完成的检查"
	keys n
	wait_for "选择市场"
}

pick_market
# markets by name: "West <Market> & Co", then 东门农贸市场
keys Down Enter
wait_for "回头看：东门农贸市场"
wait_for "待复查整改 2"
screen | grep -q "待复查 .*A-01 .*S1 .*项目S1 .*2026-03-17 逾期" || fail "S1 row"
screen | grep -q "待复查 .*A-01 .*S3 .*项目S3 .*重复 1" || fail "S3 row with its repeat"
keys t
wait_for "备注"
# a note field: more than a one-line field's 255 bytes goes in whole
long="已换新价签$(printf '，价签%.0s' $(seq 100))"
type_text "$long"; keys Enter
keys p
wait_for "S1 已整改 已记下，定稿后生效"
wait_for "已整改 待定稿生效"
expect_sql "SELECT status FROM rectification WHERE uuid='$S1'" "open"
expect_sql "SELECT note FROM rect_event WHERE kind='fixed' AND rect_id=(SELECT id FROM rectification WHERE uuid='$S1')" "$long"
keys f
wait_for "S3 未整改 已记下，定稿后生效"
expect_sql "SELECT status||' '||repeats FROM rectification WHERE uuid='$S3'" "open 1"
wait_for "已复查 2"
[ -n "${RECTIFY_TUI_DUMP:-}" ] && screen > "$RECTIFY_TUI_DUMP"
# on to the walk of the same inspection
keys Enter
wait_for "全场项目"
expect_sql "SELECT count(*) FROM rect_event e JOIN inspection i ON i.id = e.inspection_id WHERE i.status='draft' AND i.day='$TODAY'" 2
expect_sql "SELECT coalesce(closed_day, 'none') FROM rectification WHERE uuid='$S1'" "none"
# b reopens the follow-up from the walk, with this walk's marks; Esc goes back
keys b
wait_for "回头看：东门农贸市场"
wait_for "待复查整改 2  (已复查 2)"
screen | grep -q "已整改 待定稿生效 .*A-01 .*S1" || fail "S1 not shown as marked fixed, pending"
screen | grep -q "未整改 待定稿生效 .*A-01 .*S3" || fail "S3 not shown as marked not fixed, pending"
keys Escape
wait_for "全场项目"
# the finalize summary counts the marks that take effect with it
keys F
wait_for "回头看：1 项已整改、1 项未整改，定稿后生效。"
keys Escape
wait_for "全场项目"
quit

# a new inspection left at once (follow-up or walk) leaves no draft behind;
# entering the walk without the follow-up says what is still to check
drafts=$(sq "SELECT count(*) FROM inspection WHERE status='draft'")
pick_market
keys Enter
wait_for "回头看：West"
keys Escape
wait_for "选择市场"
expect_sql "SELECT count(*) FROM inspection WHERE status='draft'" "$drafts"
keys Enter
wait_for "回头看：West"
keys Enter
wait_for "还有 1 项整改未复查，按 b 复查"
keys Escape
wait_for "没有作答的新检查已删除"
expect_sql "SELECT count(*) FROM inspection WHERE status='draft'" "$drafts"
quit

# the rectification list from home: r, then / cycles the states (as of
# today); the draft's marks changed nothing: S1 is still open
start 100 30
wait_for "有未完成的检查"
keys n
wait_gone "有未完成的检查"
keys r
wait_for "整改清单: 未结 3"
screen | grep -q "^  东门农贸市场     A-01       S3   项目S3  *2026-03-17 逾期   重复 1" || fail "S3 row"
screen | grep -q "^> West <Market> &~ W-1        S3   项目S3  *2026-03-19 逾期" || fail "W-1 row (cut by columns)"
# its help lists what this screen does, not every list key
keys ?
wait_for "按键（任意键关闭）"
screen | grep -q "筛选" || fail "rectification help lacks its filter key"
screen | grep -qE "新检查|摊位登记|停用" && fail "rectification help lists keys of other screens"
keys Space
wait_gone "按键（任意键关闭）"
keys /
wait_for "整改清单: 逾期 3"
keys /
wait_for "整改清单: 已销号 1"
screen | grep -q "公共厕所 .*M2 .*2026-03-11 已销号" || fail "closed M2 row"
screen | grep -q "M2   !" || fail "the critical M2 has no ! mark"
keys /
wait_for "整改清单: 全部 4"
keys Escape
wait_gone "整改清单"
quit
no_reports
echo "rectify_tui: ok"
