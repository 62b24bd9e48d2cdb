#!/bin/sh
# walk_terminal: the layout at 80x24 and 200x60, the "too small" message at
# 40x12 and recovery, a C locale (switches to C.UTF-8: Chinese still drawn),
# stdin at its end (clean exit), and a broken [keys] entry reported.
set -u
. tests/e2e/lib/tui.sh

# box_straight: the overlay's left border is in one display column on every
# row of its box, also where it falls on half of a Chinese character
box_straight() {
	screen | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = sys.stdin.read().splitlines()
end = next(i for i in range(1, len(rows)) if "+---" in rows[i])  # the box: rows 0..end
cols = {w(l[:l.index("|")]) for l in rows[1:end]} | {w(rows[0][:rows[0].index("+")])}
sys.exit(0 if len(cols) == 1 else 1)'
}

setup_market
walk_first_market
keys p
wait_for "H01 合格 已保存"

tmux -L $SOCK resize-window -x 80 -y 24
wait_for "门窗纱~"
screen | grep -q "^ H01  合格    5/5# " || fail "80x24: item row"
screen | sed -n 24p | grep -q "已保存" || fail "80x24: status line not on the last row"
screen | sed -n 23p | grep -q "p合格" || fail "80x24: key line"
# no line wider than the terminal
screen | while IFS= read -r l; do
	[ "$(printf '%s' "$l" | wc -L)" -le 80 ] || { echo "FAIL: line wider than 80: $l"; exit 1; }
done || exit 1

tmux -L $SOCK resize-window -x 200 -y 60
wait_for "防鼠防蝇设施规范：排水口防鼠网<1cm、库房挡鼠板、门窗纱网完好、排风扇加网、捕蝇笼、毒饵站有药有警示"
screen | sed -n 60p | grep -q "已保存" || fail "200x60: status line not on row 60"

tmux -L $SOCK resize-window -x 40 -y 12
wait_for "终端太小"
wait_for "40x12"
# the minimum it states is the one the README and the man page state
min=$(screen | sed -n 's/.*至少需要 \([0-9]*x[0-9]*\).*/\1/p' | head -1)
[ -n "$min" ] || fail "no minimum size in the message"
grep -q "at least $min " README.md || fail "README does not state the minimum $min"
grep -q "at least $min " man/stallcheck.1 || fail "the man page does not state the minimum $min"
keys p   # ignored while too small
tmux -L $SOCK resize-window -x 80 -y 24
wait_for "本处 1/9"
expect_sql "SELECT count(*) FROM answer" 1
# help at 80x24: two columns, and what does not fit is said, not cut silently
keys ?
wait_for "按键（任意键关闭）"
screen | grep -q "| q  *退出（所有答案已保存）  *[^ |]" || fail "80x24: help not in two columns" # a second key on its line
screen | grep -q "A  *更正已定稿记录" || fail "80x24: help cut"
screen | grep -q "0-9 按分数作答" || fail "walk help lacks the points digits"
box_straight || fail "80x24: help box border not straight"
screen | grep -q "项未显示" && fail "80x24: help says it is cut"
tmux -L $SOCK resize-window -x 60 -y 16
wait_for "项未显示（请放大终端窗口）"
keys Space
wait_gone "按键（任意键关闭）"
tmux -L $SOCK resize-window -x 80 -y 24
wait_for "门窗纱~"
# keys typed while "too small" shows do not go into a form hidden under it
keys Up t
wait_for "> 备注: "
tmux -L $SOCK resize-window -x 40 -y 12
wait_for "终端太小"
type_text "xyz"
tmux -L $SOCK resize-window -x 80 -y 24
wait_for "> 备注: "
screen | grep -q "xyz" && fail "keys typed while too small went into the form"
keys Escape
wait_gone "> 备注:"
keys Down   # the cursor back where the steps below expect it
quit

# a C locale: the program switches LC_CTYPE to C.UTF-8 and draws Chinese
start 100 30 -e LANG=C -e LC_ALL=C
wait_for "有未完成的检查：东门农贸市场"
keys y
wait_for "摊位完成 0/2"
screen | grep -q "^>H05  --      -/4# " || fail "C locale: row layout"
quit

# English, a colour theme
sed 's/^theme = mono/theme = high-contrast/' "$T/c/stallcheck/stallcheck.ini" > "$T/hc.ini"
ARGS="--config $T/hc.ini --lang en" start 100 30
wait_for "Unfinished inspection: 东门农贸市场"
keys y
wait_for "here 1/9  market items 1/30  stalls done 0/2"
screen | grep -q "^ H01  pass    5/5# " || fail "English row layout"
keys f
wait_for "H05 FAIL · note and problem spots"
keys Enter
wait_for "H05 FAIL saved"
quit

# stdin at its end: a clean exit, not a spin
rm -f "$T/rc"
if command -v timeout >/dev/null; then
	XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" TERM=xterm LANG=C.UTF-8 \
		timeout 20 "$BIN" < /dev/null > "$T/out" 2>&1
	rc=$?
	[ $rc -eq 0 ] || { cat "$T/out"; echo "FAIL: stdin at EOF: exit $rc"; exit 1; }
fi

# input that is not UTF-8 (a GBK paste, a stray byte): said and dropped,
# the program still answers (ncurses alone waits for it forever)
start 100 30
wait_for "有未完成的检查"
keys n
wait_gone "有未完成的检查"
tmux -L $SOCK send-keys -H ff
wait_for "输入不是 UTF-8 编码，已忽略"
tmux -L $SOCK send-keys -H ca d0 b3 a1 80
keys q
rc=$(wait_exit)
[ "$rc" = 0 ] || fail "exit status $rc after bad input"

# a TERM without terminfo: our message on stderr, in the user's language, exit 1
XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" TERM=no-such-term LANG=C.UTF-8 \
	"$BIN" > "$T/out" 2>&1 < /dev/null
rc=$?
[ $rc -eq 1 ] && grep -q "无法启动终端（TERM=no-such-term）" "$T/out" ||
	{ cat "$T/out"; echo "FAIL: bad TERM: exit $rc"; exit 1; }

# a bad [keys] entry: reported on the status line, defaults kept
printf '[keys]\nundo = NoSuchKey\n' >> "$T/c/stallcheck/stallcheck.ini"
start 100 30
wait_for "undo"
screen | tail -1 | grep -q "NoSuchKey" || fail "bad [keys] entry not reported"
keys n
# home at 100 columns: the help box's border falls on half of 检 in 今日检查
wait_gone "有未完成的检查"
keys ?
wait_for "按键（任意键关闭）"
box_straight || fail "100x30: help box border shifted on a row of Chinese text"
keys Space
quit
no_reports
echo "walk_terminal: ok"
