#!/bin/sh
# walk_input: input that cannot be hijacked (issue 16). A paste goes into
# the field that has focus as text, line breaks kept in a note, never read
# as walk keys; outside a field it is refused; control characters are
# dropped with a message in the language. A refused key changes nothing
# and moves nothing; graded items are marked and the key line says what
# the item takes. f opens one form for note and spots (spots start empty)
# and the cursor goes on; notes of 1000 characters; the "all answered"
# line in market-wide areas; Esc from the walk goes home; the first
# start's name form refuses a double quote in the language.
set -u
. tests/e2e/lib/tui.sh

# paste TEXT: as a terminal pastes (tmux brackets it when the program asked)
paste() { tmux -L $SOCK set-buffer -- "$1"; tmux -L $SOCK paste-buffer -p -d; }
answers() { sq "SELECT count(*) FROM answer"; }

setup_market
walk_first_market
# graded items carry '#'; the key line offers the digits only on them
screen | grep -q "^>H01  --      -/5# " || fail "H01 is not marked as graded"
screen | grep -q "^ H06  --      -/3  " || fail "H06 (pass/fail) is marked as graded"
wait_for "0-5打分  p合格  f不合格"
keys j j
wait_for ">H06"
screen | grep -q "打分" && fail "the key line offers digits on a pass/fail item"

# a refused key changes nothing, says why, and the cursor stays
keys 3
wait_for "H06 只有合格/不合格，不能打分：按 p 或 f。什么也没改，光标未动。"
screen | grep -q "^>H06" || fail "the cursor moved on a refused digit"
keys w
wait_for "按键 w 在这里没有作用，什么也没改"
screen | grep -q "^>H06" || fail "the cursor moved on an unused key"
[ "$(answers)" = 0 ] || fail "a refused key saved an answer"

# a paste outside a field is refused whole: 'po' is not two answers
paste "po"
wait_for "粘贴的内容没有使用"
screen | grep -q "^>H06" || fail "a refused paste moved the cursor"
[ "$(answers)" = 0 ] || fail "a paste was read as walk keys"

# in a one-line field a pasted line break is a space
keys g
wait_for "> 跳到摊位号: _"
paste "$(printf 'A0\n1')"
wait_for "> 跳到摊位号: A0 1_"
# a one-line field stays at 255 bytes: a longer paste stops there and says so
keys C-u
paste "$(python3 -c 'print("一二三四五六七八九十" * 9)')"
wait_for "此栏已满（最多 255 字节，约 85 个汉字），后面的字没有输入。"
keys Escape
wait_gone "跳到摊位号"
[ "$(answers)" = 0 ] || fail "a paste into the jump form answered"

# f saves the failure and opens one form for note and spots
keys f
wait_for "H06 不合格 · 备注与问题处数"
expect_sql "SELECT verdict FROM answer WHERE item_id='H06'" fail
# a paste with a line break and walk keys: all of it is the note
paste "$(printf '票证缺失\n已告知经营者 po')"
wait_for "票证缺失↵已告知经营者 po_"
# the spots field starts empty: 3 is 3
keys Tab; type_text 3; keys Enter
wait_gone "备注与问题处数"
expect_sql "SELECT verdict||':'||spots||':'||note FROM answer WHERE item_id='H06'" "fail:3:票证缺失
已告知经营者 po"
[ "$(answers)" = 1 ] || fail "the paste answered other items"
# the cursor went on to the next item, on the screen and for a resume
screen | grep -q "^>O01" || fail "the cursor did not go on after the fail form"
expect_sql "SELECT cursor_item FROM inspection" O01
keys k
wait_for "问题3处  票证缺失↵已告知经营者 po"

# control characters: typed ones are refused, pasted ones dropped, in the language
keys t
wait_for "H06 不合格 · 备注与问题处数"
keys C-u
paste "$(printf 'a\001b\033c')"
wait_for "粘贴内容中的控制字符已去掉：2 个。"
keys C-a
wait_for "控制字符不能输入，已忽略。"
keys Enter
wait_gone "备注与问题处数"
expect_sql "SELECT note FROM answer WHERE item_id='H06'" "abc"

# a note of 1000 Chinese characters saves and shows; the 1001st is refused
long=$(python3 -c 'print("一二三四五六七八九十" * 100 + "多")')
keys t
wait_for "H06 不合格 · 备注与问题处数"
keys C-u
paste "$long"
wait_for "备注已满（最多 1000 个字），后面的字没有输入。"
keys Enter
wait_gone "备注与问题处数"
expect_sql "SELECT length(note)||':'||substr(note, 991) FROM answer WHERE item_id='H06'" "1000:一二三四五六七八九十"
wait_for "问题3处  一二三四五六七八九十一二三"

# the last item of a market-wide area: the line names the next area, not a stall
keys k k
wait_for ">H01"
keys p p j p p p p p p
wait_for "本区域已全部检查，按 Tab 到下一区域："
screen | tail -1 | grep -q "摊位" && fail "the area's done line speaks of stalls"
# the last area before the stalls: the line names the first stall
keys g; type_text A01; keys Enter
wait_for "摊位 A01"
keys BTab
wait_for "全场项目 ·"
i=0
until screen | tail -1 | grep -qF "本处已全部检查，按 Tab 到下一摊位：A01。"; do
	[ $i -lt 30 ] || fail "the last area's done line does not name stall A01"
	keys p; sleep 0.2; i=$((i + 1))
done

# Esc from the walk (opened from the market picker) goes home
keys Escape
wait_for "今日检查"
quit
no_reports

# 80x24: the key line ends with a whole piece (never cut); 60x16: the
# items run off the screen and the list says how many more
start 80 24
wait_for "继续？"
keys y
wait_for "第 "
last=$(screen | sed -n 23p)
echo "$last" | grep -q "~" && fail "80x24: the key line is cut: $last"
echo "$last" | grep -q "帮助" || fail "80x24: the key line lost help: $last"
tmux -L $SOCK resize-window -x 60 -y 16
keys g; type_text A01; keys Enter
wait_for "v 下面还有"
i=0
while [ $i -lt 9 ]; do keys j; i=$((i + 1)); done
wait_for "^ 上面还有"
quit
no_reports

# keys bound in [keys] (names split on commas or blanks, as the binding
# reads them): the key line and the messages give the first one
printf '[keys]\nhelp = h F1\npass = w y\n' >> "$T/c/stallcheck/stallcheck.ini"
start 100 30
wait_for "继续？"
keys y
wait_for "h帮助"
screen | grep -q "w合格" || fail "the key line lacks the rebound pass key"
screen | grep -qE "w y合格|h F1帮助" && fail "the key line shows a whole key list"
keys v
wait_for "按键 v 在这里没有作用，什么也没改（h 查看按键）。"
quit
no_reports

# the first start's name form: an ASCII double quote (the settings file
# cannot keep one) is refused in the interface's language, the form stays
# open and the file is not written
sed -i '/^name = /d' "$T/c/stallcheck/stallcheck.ini"
cp "$T/c/stallcheck/stallcheck.ini" "$T/noname.ini"
start 100 30
wait_for "首次使用"
type_text '王"检查'; keys Enter
wait_for "姓名和单位不能含英文双引号"
screen | grep -q "settings file" && fail "the settings writer's English error shown"
wait_for "首次使用"
cmp -s "$T/c/stallcheck/stallcheck.ini" "$T/noname.ini" || fail "the settings file was written"
keys Escape
wait_exit >/dev/null
no_reports
echo "walk_input: ok"
