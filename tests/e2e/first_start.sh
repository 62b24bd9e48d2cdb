#!/bin/sh
# first_start: with no inspector name set, the program asks who is
# inspecting before anything else; Esc leaves without writing; an empty
# name is refused; the answer goes into the settings file (other lines and
# comments kept, mode 0600; --config's file when given), shows in the
# header and on the records; the next start does not ask; a file that
# cannot be written is said so and the name serves this session.
set -u
TUI_NAME=
. tests/e2e/lib/tui.sh

INI=$T/c/stallcheck/stallcheck.ini
printf '# 我的设置（手写的注释）\n; another comment\n\n[keys]\n# my keys\n' >> "$INI"
cp "$INI" "$T/orig.ini"
no_question() { screen | grep -q "首次使用" && fail "asked for the name again"; return 0; }

# no settings file at all: asked; Esc quits and writes nothing
rm "$INI"
start 100 30
wait_for "首次使用：请填写检查员信息"
wait_for "Esc 退出（不保存）"
screen | grep -q "载入演示数据" && fail "demo question before the name"
type_text "某人"
keys Escape
rc=$(wait_exit)
[ "$rc" = 0 ] || fail "Esc: exit status $rc"
[ -e "$INI" ] && fail "Esc wrote $INI"

# a settings file without a name: asked first, an empty name refused
cp "$T/orig.ini" "$INI"
start 100 30
wait_for "首次使用"
wait_for "保存到 $INI"
keys Enter
wait_for "姓名不能为空"
type_text "李检查"; keys Tab; type_text "西湖区市场监督管理局"; keys Enter
wait_for "载入演示数据"          # the demo question comes after the name
wait_for "已保存到 $INI"
keys n
wait_for "检查员：李检查 · 西湖区市场监督管理局"
grep -qx "name = 李检查" "$INI" || fail "no name in the file: $(cat "$INI")"
grep -qx "unit = 西湖区市场监督管理局" "$INI" || fail "no unit in the file"
grep -v "^name = \|^unit = " "$INI" | cmp -s - "$T/orig.ini" ||
	fail "other lines changed: $(diff "$T/orig.ini" "$INI")"
[ "$(stat -c %a "$INI")" = 600 ] || fail "mode $(stat -c %a "$INI")"
quit

# the next start does not ask, and a record carries the name
first_market "东门农贸市场"
no_question
keys Enter
wait_for "全场项目"
expect_sql "SELECT inspector FROM inspection" "李检查"
expect_sql "SELECT count(*) FROM audit WHERE actor = 'inspector'" 0
quit

# --config FILE: that file is written, not the user's
cp "$T/orig.ini" "$T/other.ini"
cp "$INI" "$T/mine.ini"
ARGS="--config $T/other.ini"
start 100 30
ARGS=
wait_for "首次使用"
wait_for "$T/other.ini"
type_text "周检查"; keys Enter
wait_for "继续？"                 # then the draft left above is offered
keys n
wait_for "检查员：周检查"
grep -qx "name = 周检查" "$T/other.ini" || fail "--config file not written: $(cat "$T/other.ini")"
cmp -s "$INI" "$T/mine.ini" || fail "the user's file changed with --config"
quit

# a settings file that cannot be written: why, and the name for this session
rm -r "$T/c/stallcheck"
: > "$T/c/stallcheck"            # a file where the directory should be
start 100 30
wait_for "首次使用"
type_text "吴检查"; keys Enter
wait_for "继续？"
wait_for "设置未保存"
wait_for "Not a directory"
screen | grep -qF "$T/c/stallcheck" || fail "the message does not name the path"
keys n
wait_for "检查员：吴检查"
quit
no_reports
echo "first_start: ok"
