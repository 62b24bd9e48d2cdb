#!/bin/sh
# pdf_export: export --format pdf and rectify notice --format pdf. Without
# Chromium (PATH without it) both refuse with the package to install and
# leave no file; with it (and poppler-utils) the report and the notice are
# PDFs, written with the mode of the other exports, whose pages pdfinfo
# counts and whose text pdftotext reads: the market names, the period, the
# 文号. Skipped with a message when chromium or poppler-utils is missing.
set -u
export STALLCHECK_NOW=2026-11-29T09:00 # fixed: nothing here may depend on the day it runs
B=${STALLCHECK_BIN:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" TMPDIR="$T/tmp" # Chromium's directory goes there
mkdir "$T/tmp"
fail() { echo "pdf_export: $*"; exit 1; }
printf '[inspector]\nname = 李明\nunit = 西湖区市场监督管理局\n[notice]\nnumber_prefix = 西市监整字\n' >"$T/s.ini"
sc() { "$B" --config "$T/s.ini" --db "$T/x.db" "$@"; }
sc demo --markets 3 --days 10 --until 2026-11-28 --seed 4 >/dev/null 2>&1 || fail "demo failed"
ins=$(sqlite3 "$T/x.db" "SELECT i.uuid FROM inspection i WHERE i.status <> 'draft' AND EXISTS
	(SELECT 1 FROM rectification r WHERE r.inspection_id = i.id) ORDER BY i.id LIMIT 1")
[ -n "$ins" ] || fail "no finalized inspection with problems in the demo data"
rep() { sc export --from 2026-11-19 --to 2026-11-28 --now 2026-11-29T09:00 "$@"; }

# no Chromium on PATH: a clear refusal, nothing written
for cmd in "export" "notice"; do
	if [ "$cmd" = export ]; then
		PATH=/nonexistent rep --format pdf -o "$T/none.pdf" >"$T/out" 2>"$T/err"
	else
		PATH=/nonexistent sc rectify notice "$ins" --format pdf -o "$T/none.pdf" >"$T/out" 2>"$T/err"
	fi
	rc=$?
	[ "$rc" -eq 1 ] || fail "$cmd without chromium: exit $rc (want 1)"
	grep -q "apt-get install chromium fonts-noto-cjk" "$T/err" || fail "$cmd without chromium: $(cat "$T/err")"
	[ ! -e "$T/none.pdf" ] || fail "$cmd without chromium left a file"
done
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left behind"
echo "pdf_export: without chromium: refused with the package to install"

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ] || ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
	echo "skipped: chromium not installed (or poppler-utils: pdfinfo, pdftotext)"
	exit 0
fi
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
text() { pdftotext -layout "$1" - | tr -d ' \n'; }

# the report: the summary, then a page for each market, numbered
umask 000 # the exports' own mode, whatever the umask
rep --format pdf -o "$T/r.pdf" >/dev/null 2>"$T/err" || fail "export pdf: $(cat "$T/err")"
rep --format html -o "$T/r.html" >/dev/null 2>&1 || fail "export html failed"
head -c 5 "$T/r.pdf" | grep -q '%PDF-' || fail "export pdf: not a PDF"
[ "$(stat -c %a "$T/r.pdf")" = "$(stat -c %a "$T/r.html")" ] || fail "pdf mode differs from html's"
p=$(pages "$T/r.pdf")
markets=$(sqlite3 "$T/x.db" "SELECT count(DISTINCT market_id) FROM inspection WHERE day BETWEEN '2026-11-19' AND
	'2026-11-28' AND status IN ('final','approved','returned')")
[ "$p" -ge $((markets + 1)) ] || fail "report: $p pages for $markets markets"
t=$(text "$T/r.pdf")
for m in $(sqlite3 "$T/x.db" "SELECT replace(name, ' ', '') FROM market"); do
	echo "$t" | grep -qF "$m" || fail "report: no market $m in the PDF text"
done
echo "$t" | grep -qF "2026-11-19~2026-11-28" || fail "report: no period in the PDF text"
echo "$t" | grep -qF "第1页，共${p}页" || fail "report: no page 1 of $p"
before=$(cksum <"$T/r.pdf")
rep --format pdf -o "$T/r.pdf" >/dev/null 2>"$T/again.err" && fail "export pdf replaced a file without --force"
grep -q -- "--force" "$T/again.err" || fail "export pdf over a file: not the --force refusal: $(cat "$T/again.err")"
[ "$(cksum <"$T/r.pdf")" = "$before" ] || fail "export pdf changed the file it refused to replace"
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left behind"
[ -z "$(ls "$T/tmp")" ] || fail "Chromium's temporary directory left behind: $(ls "$T/tmp")"
echo "pdf_export: report: $p pages, $markets markets, period and page numbers in the text"

# the notice: one page with its number, unit, market and receipt
sc rectify notice "$ins" --format pdf -o "$T/n.pdf" >/dev/null 2>"$T/err" || fail "notice pdf: $(cat "$T/err")"
sc rectify notice "$ins" -o "$T/n.html" >/dev/null 2>&1 || fail "notice html failed"
[ "$(stat -c %a "$T/n.pdf")" = "$(stat -c %a "$T/n.html")" ] || fail "notice pdf mode $(stat -c %a "$T/n.pdf")"
no=$(sqlite3 "$T/x.db" "SELECT value FROM meta WHERE key = 'notice_no:$ins'")
[ -n "$no" ] || fail "the notice was given no number"
market=$(sqlite3 "$T/x.db" "SELECT replace(m.name, ' ', '') FROM market m JOIN inspection i ON i.market_id = m.id
	WHERE i.uuid = '$ins'")
[ "$(pages "$T/n.pdf")" = 1 ] || fail "notice: $(pages "$T/n.pdf") pages"
t=$(text "$T/n.pdf")
for want in "$no" "$market" 西湖区市场监督管理局 回执 盖章处 "第1页，共1页"; do
	echo "$t" | grep -qF "$want" || fail "notice: no '$want' in the PDF text"
done
sc rectify notice "$ins" --format docx -o "$T/n.docx" >/dev/null 2>"$T/err" && fail "notice: --format docx taken"
grep -q "应为 html 或 pdf" "$T/err" || fail "notice: no message for --format docx"
echo "pdf_export: notice: 1 page with $no, the unit, the market and the receipt"
