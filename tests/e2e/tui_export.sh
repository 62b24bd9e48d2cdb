#!/bin/sh
# tui_export: the export dialog. E on the home screen opens the form; the
# export runs with a progress bar and the status line names the file; the
# file reads back (check_report.py); the same name again is refused with the
# form left open; a bad date keeps the form open.
set -u
. tests/e2e/lib/tui.sh
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3

# export_as FORMAT FILE: the export form with the offered dates
export_as() {
	keys E
	wait_for "导出汇总"
	keys Tab Tab
	keys C-u; type_text "$1"; keys Tab
	keys C-u; type_text "$2"; keys Enter
}

start 100 30
wait_for "载入演示数据"
keys y
wait_for "演示数据已载入"
keys E
week=$(day_add -6)
wait_for "$week"   # the offered period: the last seven days
keys Escape
# a path in the temp dir, format xlsx: the extension follows the format
export_as xlsx "$T/week.html"
wait_for "已导出"
[ -f "$T/week.xlsx" ] || fail "no $T/week.xlsx (the extension follows the format)"
n=$(sq "SELECT count(*) FROM inspection WHERE status IN ('final','approved','returned') AND day BETWEEN '$week' AND '$TODAY'")
s=$(sq "SELECT total(score) FROM inspection WHERE status IN ('final','approved','returned') AND day BETWEEN '$week' AND '$TODAY'")
f=$(sq "SELECT count(*) FROM answer WHERE verdict = 'fail' AND inspection_id IN (SELECT id FROM inspection WHERE status IN ('final','approved','returned') AND day BETWEEN '$week' AND '$TODAY')")
"$PY" tests/tools/check_report.py xlsx "$T/week.xlsx" inspections="$n" score_sum="$s" fails="$f" >/dev/null \
	|| fail "exported workbook does not match the database"
screen | grep -qF "已导出 $n 份检查记录" || fail "status line does not give the count $n"

# the same file again: refused, the form stays open
export_as xlsx "$T/week.xlsx"
# an existing file: asked, in the language; n keeps it, y replaces it
wait_for "已存在。替换它？ y/n"
touch -d @946684800 "$T/week.xlsx"
keys n
wait_gone "替换它"
[ "$(stat -c %Y "$T/week.xlsx")" -eq 946684800 ] || fail "the file changed after n"
export_as xlsx "$T/week.xlsx"
wait_for "替换它？ y/n"
keys y
wait_for "已导出 $n 份检查记录"
[ "$(stat -c %Y "$T/week.xlsx")" -gt 946684800 ] || fail "y did not replace the file"
"$PY" tests/tools/check_report.py xlsx "$T/week.xlsx" inspections="$n" score_sum="$s" fails="$f" >/dev/null || fail "replaced workbook"
# the offered name follows the period typed
keys E
wait_for "导出汇总"
d1=$(day_add -5) d2=$(day_add -4)
keys C-u; type_text "$d1"; keys Tab; keys C-u; type_text "$d2"; keys Enter
wait_for "stallcheck-$d1-$d2.html"
[ -f "$T/stallcheck-$d1-$d2.html" ] || fail "not written where the program runs"
# a bad date keeps the form open
keys E
wait_for "导出汇总"
keys C-u; type_text "2026-13-01"; keys Enter
wait_for "日期应为 YYYY-MM-DD"
keys Escape
wait_gone "起始日期"
quit
no_reports
echo "tui_export: ok"
