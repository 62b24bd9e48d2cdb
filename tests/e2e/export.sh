#!/bin/sh
# export: the stallcheck export command end to end: argument errors, an
# empty period in every format (valid files that say so), refusal to
# overwrite, byte-identical reruns with --now; with demo data (when the
# demo command can load the shipped template) every format read back with
# tests/tools/check_report.py and compared with sqlite3 counts.
set -u
export STALLCHECK_NOW=2026-11-29T09:00 # fixed: nothing here may depend on the day it runs
BIN=${STALLCHECK_BIN:?}
top=$(pwd)
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
fail() { echo "export.sh: $*"; exit 1; }
run() { "$BIN" --db "$T/x.db" "$@" >"$T/out" 2>"$T/err"; }
expect_err() { # expect_err CODE TEXT ARGS...: TEXT in the English messages
	code=$1; text=$2; shift 2
	run --lang en "$@"; rc=$?
	[ "$rc" -eq "$code" ] || fail "exit $rc (want $code) for: $*"
	grep -q -- "$text" "$T/err" || fail "no '$text' in the error for: $*: $(cat "$T/err")"
}

: > "$T/x.db"
expect_err 2 "calendar date" export --from 2026-02-30 --to 2026-03-01 --format csv -o "$T/a.csv"
expect_err 2 "is after" export --from 2026-03-02 --to 2026-03-01 --format csv -o "$T/a.csv"
expect_err 2 "unknown format" export --from 2026-03-01 --to 2026-03-01 --format docx -o "$T/a.docx"
expect_err 2 "required" export --from 2026-03-01 --to 2026-03-01 --format csv
expect_err 2 "standard output) is not supported" export --from 2026-03-01 --to 2026-03-01 --format csv -o -
expect_err 2 "now" export --from 2026-03-01 --to 2026-03-01 --format csv -o "$T/a.csv" --now yesterday
expect_err 1 "no market" export --from 2026-03-01 --to 2026-03-01 --format csv -o "$T/a.csv" --market 999

# an empty period, every format
for f in html xlsx csv md; do
	run export --from 2026-03-01 --to 2026-03-31 --format $f -o "$T/empty.$f" --now 2026-04-01T08:00 --lang zh \
		|| fail "empty $f: $(cat "$T/err")"
done
"$PY" tests/tools/check_report.py csv "$T/empty.csv" answers=0 || fail "empty csv"
"$PY" tests/tools/check_report.py html "$T/empty.html" contains=本期间没有检查记录 svg=0 || fail "empty html"
"$PY" tests/tools/check_report.py xlsx "$T/empty.xlsx" inspections=0 || fail "empty xlsx"
grep -q "本期间没有检查记录" "$T/empty.md" || fail "empty md does not say so"

# no overwrite without --force; the file is left alone
cp "$T/empty.md" "$T/keep.md"
expect_err 1 "exists" export --from 2026-03-01 --to 2026-03-31 --format md -o "$T/empty.md" --lang en
cmp -s "$T/empty.md" "$T/keep.md" || fail "refused export changed the file"
run export --from 2026-03-01 --to 2026-03-31 --format md -o "$T/empty.md" --lang en --force \
	|| fail "--force refused"
grep -q "No inspections in this period" "$T/empty.md" || fail "--lang en not applied"
ls "$T" | grep -q '\.tmp\.' && fail "temporary file left behind"

# with demo data
rm -f "$T/x.db"
if ! run demo --markets 4 --days 14 --until 2026-03-14 --seed 3; then
	echo "export.sh: demo data unavailable ($(head -1 "$T/err")); data checks are in test_report"
	exit 0
fi
live="status IN ('final','approved','returned') AND day BETWEEN '2026-03-01' AND '2026-03-14'"
sq() { sqlite3 "$T/x.db" "$1"; }
answers=$(sq "SELECT count(*) FROM answer WHERE inspection_id IN (SELECT id FROM inspection WHERE $live)")
fails=$(sq "SELECT count(*) FROM answer WHERE verdict = 'fail' AND inspection_id IN (SELECT id FROM inspection WHERE $live)")
insp=$(sq "SELECT count(*) FROM inspection WHERE $live")
ssum=$(sq "SELECT total(score) FROM inspection WHERE $live")
for f in html xlsx csv md; do
	for k in 1 2; do
		run export --from 2026-03-01 --to 2026-03-14 --format $f -o "$T/r$k.$f" --now 2026-03-15T09:00 \
			|| fail "$f: $(cat "$T/err")"
	done
	cmp -s "$T/r1.$f" "$T/r2.$f" || fail "$f: two runs with --now differ"
done
"$PY" tests/tools/check_report.py csv "$T/r1.csv" answers="$answers" fails="$fails" || fail "csv figures"
"$PY" tests/tools/check_report.py html "$T/r1.html" inspections="$insp" svg=3 market_pages=4 || fail "html figures"
# the workbook: figures, one table a sheet (the ranking filterable), dates, print setup, widths,
# and the rectification sheet with the inspector's finding and the market area
period="opened_day BETWEEN '2026-03-01' AND '2026-03-14'"
rnote=$(sq "SELECT note FROM rectification WHERE $period AND note <> '' ORDER BY id LIMIT 1")
rarea=$(sq "SELECT area_name FROM rectification WHERE $period AND stall_id IS NULL AND area_name <> '' ORDER BY id LIMIT 1")
[ -n "$rnote" ] && [ -n "$rarea" ] || fail "demo data has no noted or market-area rectification"
"$PY" tests/tools/check_report.py xlsx "$T/r1.xlsx" inspections="$insp" score_sum="$ssum" fails="$fails" \
	rect_note="$rnote" rect_area="$rarea" charts=3 contains="生成时间：2026-03-15 09:00:00" ||
	fail "xlsx figures (or its header without the full-width colon)"
# LibreOffice opens the workbook and prints it: a PDF of sane length, the charts on it
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -n "$soffice" ] && command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
	mkdir "$T/lo"
	HOME="$T/lo" timeout 300 "$soffice" --headless --norestore -env:UserInstallation="file://$T/lo/profile" \
		--convert-to pdf --outdir "$T/lo" "$T/r1.xlsx" >/dev/null 2>&1
	[ -s "$T/lo/r1.pdf" ] || fail "LibreOffice could not open and print the workbook"
	pages=$(pdfinfo "$T/lo/r1.pdf" | sed -n 's/^Pages: *//p')
	visits=$(sq "SELECT count(*) FROM visit WHERE inspection_id IN (SELECT id FROM inspection WHERE $live)")
	# one page wide: about 40 rows a page on the longest sheet, a few pages for the rest
	[ "$pages" -le $((visits / 30 + 40)) ] || fail "the workbook prints on $pages pages ($visits stall visits)"
	pdftotext "$T/lo/r1.pdf" - | grep -q "各市场得分" || fail "the printed workbook has no chart of the markets"
	echo "export.sh: LibreOffice prints the workbook on $pages pages"
else
	echo "export.sh: LibreOffice check skipped: soffice (libreoffice-calc-nogui) or poppler-utils not installed"
fi
run export --from 2026-03-01 --to 2026-03-14 --format xlsx -o "$T/en.xlsx" --lang en || fail "xlsx en: $(cat "$T/err")"
"$PY" tests/tools/check_report.py xlsx "$T/en.xlsx" inspections="$insp" score_sum="$ssum" fails="$fails" \
	rect_note="$rnote" || fail "English xlsx"
# the Chinese workbook and summary speak Chinese: headers, states, stall types
"$PY" - "$T/r1.xlsx" "$T/r1.md" <<'PYEOF' || fail "English codes in the Chinese export"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/"))
for code in ("item_id", ">version<", ">approved<", ">final<", ">open<", ">closed<", ">veg<", ">meat<"):
    assert code not in strings, code
assert "项目编号" in strings and "版本" in strings, "headers"
md = open(sys.argv[2], encoding="utf-8").read()
assert not re.search(r"\| (veg|meat|poultry|aquatic|cooked|fruit|soy|grain|dried|egg|frozen|pickled|self|nonfood) \|", md), "md stall type code"
PYEOF
mid=$(sq "SELECT uuid FROM market ORDER BY id LIMIT 1")
run export --from 2026-03-01 --to 2026-03-14 --format csv --no-bom --market "$mid" -o "$T/one.csv" || fail "one market"
# the scope names the market (issue 17: it said "1 所选市场")
mname=$(sq "SELECT name FROM market WHERE uuid = '$mid'")
run export --from 2026-03-01 --to 2026-03-14 --format md --market "$mid" -o "$T/one.md" --lang zh || fail "one market md"
grep -qF -- "- 范围：所选 1 个市场：$mname" "$T/one.md" || fail "the scope does not name $mname: $(grep 范围 "$T/one.md")"
one=$(sq "SELECT count(*) FROM answer WHERE inspection_id IN (SELECT id FROM inspection WHERE $live AND market_id = (SELECT id FROM market WHERE uuid = '$mid'))")
"$PY" tests/tools/check_report.py csv "$T/one.csv" answers="$one" bom=0 || fail "one market csv"
# the market by its name: the same export
run export --from 2026-03-01 --to 2026-03-14 --format csv --no-bom --market "$mname" -o "$T/byname.csv" ||
	fail "market by name: $(cat "$T/err")"
cmp -s "$T/one.csv" "$T/byname.csv" || fail "market by name gives another export"
echo "export.sh: ok"
