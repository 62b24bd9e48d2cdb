#!/bin/sh
# tui_export_pdf: a PDF export from the export dialog while Chromium prints
# (several seconds, core/pdf.c). A stand-in "chromium" first on PATH that
# never ends: the status line says what is happening and counts the seconds
# (the screen is alive), Esc stops it, the form stays with the message, and
# no file, temporary file or Chromium process is left. Then one that prints
# at once: exported as usual. Chinese, then English. No real Chromium needed.
set -u
. tests/e2e/lib/tui.sh
mkdir -p "$T/bin" "$T/tmp"
cat >"$T/bin/chromium" <<EOF
#!/bin/sh
if [ -e "$T/fast" ]; then
	for a; do case \$a in --print-to-pdf=*) printf '%%PDF-1.4 fake' >"\${a#*=}";; esac; done
	exit 0
fi
sleep 120 &
echo \$! >"$T/child.pid"
wait
EOF
chmod 700 "$T/bin/chromium"
# a failed run leaves no stand-in behind
trap 'kill $(cat "$T/child.pid" 2>/dev/null) 2>/dev/null; cleanup' EXIT
# the program with the stand-in first on PATH (tmux's -e does not reach
# the pane's PATH)
printf '#!/bin/sh\nPATH="%s/bin:$PATH" TMPDIR="%s/tmp" exec "%s" "$@"\n' "$T" "$T" "$BIN" >"$T/stallcheck"
chmod 700 "$T/stallcheck"
BIN=$T/stallcheck

# export_pdf FILE: the export form with the offered dates, format pdf
export_pdf() {
	keys E
	wait_for "${FORM_TITLE:-导出汇总}"
	keys Tab Tab
	keys C-u; type_text pdf; keys Tab
	keys C-u; type_text "$1"; keys Enter
}

# cancelled FILE: nothing of the stopped export is left
cancelled() {
	[ ! -e "$1" ] || fail "a cancelled export left $1"
	ls "$T" | grep -q '\.tmp\.' && fail "a cancelled export left a temporary file"
	ls "$T/tmp" | grep -q . && fail "Chromium's directory left behind: $(ls "$T/tmp")"
	child=$(cat "$T/child.pid")
	i=0
	while kill -0 "$child" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
	kill -0 "$child" 2>/dev/null && fail "Chromium's child $child still runs"
	rm -f "$T/child.pid"
}

run_lang() {
	start 100 30
	wait_for "$DEMO_Q"
	keys n
	wait_gone "$DEMO_Q"
	export_pdf "$T/week.pdf"
	wait_for "$RUN_0"
	wait_for "$RUN_1" # a second later: the screen is alive
	keys Escape
	wait_for "$CANCELLED"
	screen | grep -qF "$FORM_TITLE" || fail "the form closed after Esc"
	cancelled "$T/week.pdf"
	keys Escape
	touch "$T/fast"
	export_pdf "$T/week.pdf"
	wait_for "$DONE"
	[ "$(head -c 5 "$T/week.pdf")" = "%PDF-" ] || fail "no PDF written"
	rm -f "$T/fast" "$T/week.pdf"
	quit
}

FORM_TITLE=导出汇总 DEMO_Q="载入演示数据" RUN_0="正在用 Chromium 生成 PDF… 0 秒（Esc 取消）" \
	RUN_1="正在用 Chromium 生成 PDF… 1 秒" CANCELLED="已取消导出，未写入任何文件。" DONE="已导出 0 份检查记录" run_lang
ARGS="--lang en" FORM_TITLE="Export a summary" DEMO_Q="Load demo data" \
	RUN_0="Printing the PDF with Chromium... 0 s  (Esc cancels)" RUN_1="Chromium... 1 s" \
	CANCELLED="Export cancelled: no file was written." DONE="Exported (inspections: 0)" run_lang
no_reports
echo "tui_export_pdf: ok"
