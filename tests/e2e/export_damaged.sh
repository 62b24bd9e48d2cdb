#!/bin/sh
# export_damaged: an export from a database file with damaged pages (a disk
# or copy fault) fails with a message that names the file and points to
# `stallcheck verify`, and leaves no output file, not even a partial or
# temporary one: `export`, `rectify notice` and the export of the
# full-screen program (issue 14: exports refuse a corrupt database).
set -u
. tests/e2e/lib/tui.sh
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
cli() { XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" --db "$DB" "$@"; }

mkdir -p "$(dirname "$DB")" "$T/out"
cli demo --markets 2 --days 3 --until "$TODAY" --seed 1 >/dev/null || fail "demo"
insp=$(sq "SELECT i.uuid FROM inspection i JOIN rectification r ON r.inspection_id = i.id LIMIT 1")
[ -n "$insp" ] || fail "the demo made no rectification"
cli export --from "$(day_add -2)" --to "$TODAY" --format csv -o "$T/out/sound.csv" >/dev/null ||
	fail "export of the sound database"
# every leaf page of the answers and rectifications damaged, as a bad sector would
pages=$(sq "SELECT group_concat(pageno) FROM dbstat WHERE name IN ('answer', 'rectification') AND pagetype = 'leaf'")
psize=$(sq "PRAGMA page_size")
"$PY" - "$DB" "$psize" "$pages" <<'EOF' || fail "could not damage the file"
import sys
with open(sys.argv[1], "r+b") as f:
    for p in sys.argv[3].split(","):
        f.seek((int(p) - 1) * int(sys.argv[2]))
        f.write(b"\xff" * 64)
EOF

# expect_damaged WHAT: the last command failed, named the file and verify
expect_damaged() {
	[ "$rc" -eq 1 ] || fail "$1: exit $rc (want 1) on a damaged database"
	grep -qF "$DB" "$T/err" || fail "$1: the message does not name the file: $(cat "$T/err")"
	grep -qF "stallcheck verify" "$T/err" || fail "$1: the message does not point to verify: $(cat "$T/err")"
	[ -z "$(ls "$T/out" | grep -v '^sound.csv$')" ] || fail "$1: left files behind: $(ls "$T/out")"
}
for f in csv html md xlsx; do
	cli export --from "$(day_add -2)" --to "$TODAY" --format $f -o "$T/out/x.$f" >/dev/null 2>"$T/err"
	rc=$?
	expect_damaged "export --format $f"
done
cli rectify notice "$insp" -o "$T/out/notice.html" >/dev/null 2>"$T/err"
rc=$?
expect_damaged "rectify notice"
cli --lang en export --from "$(day_add -2)" --to "$TODAY" --format csv -o "$T/out/x.csv" >/dev/null 2>"$T/err"
rc=$?
expect_damaged "export --lang en"
grep -qF "is damaged" "$T/err" || fail "--lang en: not in English: $(cat "$T/err")"

# the full-screen program's export: the status line says so, no file
start 100 30
wait_for "q 退出"
keys E
wait_for "导出汇总"
keys Tab Tab Tab
keys C-u; type_text "$T/out/tui.html"; keys Enter
wait_for "已损坏"
screen | grep -qF "stallcheck verify" || fail "the TUI's message does not point to verify"
[ -z "$(ls "$T/out" | grep -v '^sound.csv$')" ] || fail "TUI export left files behind: $(ls "$T/out")"
echo "export_damaged: ok"
