#!/bin/sh
# walk_mouse: with [ui] mouse = yes, a click selects a row of the home list,
# the wheel moves the selection, a double click opens the inspection. The
# clicks are xterm (X10) mouse reports written to the pane as bytes.
set -u
. tests/e2e/lib/tui.sh

sed -i 's/^\[ui\]$/[ui]\nmouse = yes/' "$T/c/stallcheck/stallcheck.ini"
grep -q "mouse = yes" "$T/c/stallcheck/stallcheck.ini" || fail "settings not changed"

# report X Y [button]: the bytes of a press and release at column X, row Y
# (0-based); click sends them, dclick twice in one write, so a loaded
# machine cannot space the two clicks past curses' double-click interval
report() {
	b=${3:-0} cx=$(printf %x $((33 + $1))) cy=$(printf %x $((33 + $2)))
	echo "1b 5b 4d $(printf %x $((32 + b))) $cx $cy 1b 5b 4d 23 $cx $cy"
}
click() { keys -H $(report "$@"); }
dclick() { keys -H $(report "$@") $(report "$@"); }
# the row of the home list that holds the selection marker
selected_row() { screen | grep -n "^> 20" | cut -d: -f1; }

# rows on the home list whatever the hour: the demo ends yesterday (today's
# list would be empty before 06:50) and three of yesterday's records are
# returned, which home lists whatever their day
mkdir -p "$(dirname "$DB")"
sc() { XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" --db "$DB" "$@"; }
sc demo --markets 5 --days 3 --until "$(day_add -1)" --seed 3 >/dev/null 2>&1 || fail "demo failed"
for u in $(sq "SELECT uuid FROM inspection WHERE day = '$(day_add -1)' AND status = 'final' ORDER BY id LIMIT 3"); do
	sc review return "$u" --reason "照片不清" >/dev/null 2>&1 || fail "review return $u failed"
done
expect_sql "SELECT count(*) FROM inspection WHERE status = 'returned'" 3

start 100 30
wait_for "已退回"
[ "$(selected_row)" = 5 ] || fail "selection not on the first row"
# list rows start at screen row 4 (line 5 of the capture): click the third
click 10 6
i=0; while [ "$(selected_row)" != 7 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(selected_row)" = 7 ] || fail "a click on the third row did not select it"
# the wheel up (button 4 = 64) moves it one row up
keys -H 1b 5b 4d 60 2b 27
i=0; while [ "$(selected_row)" != 6 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(selected_row)" = 6 ] || fail "the wheel did not move the selection"
# a click below the list changes nothing
click 10 25
sleep 0.3
[ "$(selected_row)" = 6 ] || fail "a click outside the list moved the selection"
# double click opens it
dclick 10 5
wait_for "退回：照片不清"
keys Escape
wait_for "今日检查"
quit
no_reports
echo "walk_mouse: ok"
