#!/bin/sh
# walk_photo: evidence photos and the operator's acknowledgement through the
# real binary. c on a failed item offers the import folder ([photos]
# import_dir) newest first; the photo attached shows on the item's row,
# survives kill -9, is sealed, travels through sync to a second database
# with the same hash, and appears in review show, the HTML export (a data:
# URI), the workbook's count and the notice; a bundle whose photo bytes were
# changed is refused. The operator's name typed at finalize is on the
# notice and in review show.
set -u
. tests/e2e/lib/tui.sh

# two small JPEGs (48x32, made with libvips), the second one newer
J1='/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAgADADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD0CiiigAooooAKKKKACiiigAooooAKKKKAP//Z'
J2='/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAgADADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD0CiiigAooooAKKKKACiiigAooooAKKKKAP//Z'
mkdir -p "$T/cam"
echo "$J1" | base64 -d > "$T/cam/IMG_0001.jpg"
echo "$J2" | base64 -d > "$T/cam/IMG_0002.jpg"
touch -d '2026-11-28 10:00' "$T/cam/IMG_0001.jpg"
touch -d '2026-11-29 08:50' "$T/cam/IMG_0002.jpg"
echo "not a photo" > "$T/cam/notes.txt"
want=$(sha256sum "$T/cam/IMG_0002.jpg" | cut -d' ' -f1)
printf '[photos]\nimport_dir = %s\n' "$T/cam" >> "$T/c/stallcheck/stallcheck.ini"
relax_criticals

setup_market
walk_first_market
# c before a verdict: refused, nothing opens
keys z
wait_for "请先给出结论，再附照片"
keys f
wait_for "不合格 已保存"
keys Escape
keys k
wait_for ">H01"
keys z
wait_for "H01 附照片"
screen | grep -n "IMG_000" | head -1 | grep -q "IMG_0002.jpg" || fail "the newest photo is not listed first"
screen | grep -q "notes.txt" && fail "a file that is not a JPEG or PNG is offered"
keys Down Enter
wait_for "已附照片"
wait_for "照1"
expect_sql "SELECT hash FROM answer_photo" "$want"
f="$DB.photos/$(echo "$want" | cut -c1-2)/$want.jpg"
[ "$(sha256sum < "$f" | cut -d' ' -f1)" = "$want" ] || fail "the stored photo is not under its hash"
[ "$(stat -c %a "$f")" = 600 ] || fail "the stored photo is not mode 0600"

# kill -9: the photo is there after the restart
p=$(prog_pid)
kill -9 "$p"
wait_exit >/dev/null
start 100 30
wait_for "有未完成的检查"
keys y
wait_for "本处"
screen | grep "^>H01" | grep -q "照1" || fail "after kill -9 the photo count is gone from H01"
# H01 answered again: its photo stays, on its row too (the walk loads the
# place's photos with the place, not at every answer)
keys f
wait_for "不合格 已保存"
keys Escape
screen | grep "^.H01" | grep -q "照1" || fail "an answer saved again lost the photo count of H01"
expect_sql "SELECT count(*) FROM answer_photo" 1

# finalize: the operator's name and statement, sealed with the record
keys F
wait_for "定稿："
keys y
wait_for "市场开办方确认"
# a statement longer than a line of the page
type_text "赵六"; keys Tab; type_text "已收到，按期整改。摊位H01的蔬菜存放问题我们将在三日内整改完毕，并安排专人每日检查，确保今后不再出现类似情况，整改完成后书面报告市场监督管理部门。"; keys Enter
wait_for "已定稿"
quit
expect_sql "SELECT present||':'||operator||':'||statement FROM inspection_ack" "1:赵六:已收到，按期整改。摊位H01的蔬菜存放问题我们将在三日内整改完毕，并安排专人每日检查，确保今后不再出现类似情况，整改完成后书面报告市场监督管理部门。"
ins=$(sq "SELECT uuid FROM inspection WHERE status = 'final'")
"$BIN" --db "$DB" verify >/dev/null || fail "verify fails on the sealed record"
# verify checks the stored photo against its hash too
cp "$f" "$T/keep.jpg"
printf 'Z' | dd of="$f" bs=1 seek=300 conv=notrunc 2>/dev/null
"$BIN" --db "$DB" verify >"$T/out" && fail "verify passes a changed photo file"
grep -q "错误 照片 $(echo "$want" | cut -c1-12)...：.*已被改动" "$T/out" || { cat "$T/out"; fail "verify: the photo not named"; }
cp "$T/keep.jpg" "$f"

# review show: the operator, the photo's hash prefix and size
"$BIN" --db "$DB" review show "$ins" > "$T/show" || fail "review show"
grep -q "市场开办方：赵六  意见：已收到，按期整改" "$T/show" || { cat "$T/show"; fail "review show: no operator"; }
grep -q "照片 1 张" "$T/show" && grep -q "H01 .*$(echo "$want" | cut -c1-12)" "$T/show" ||
	{ cat "$T/show"; fail "review show: the photo is not listed"; }
# its place, item and hash in columns of display width (全场 is 4 columns wide)
grep -q "^  全场     H01    $(echo "$want" | cut -c1-12)  jpeg" "$T/show" ||
	{ cat "$T/show"; fail "review show: the photo's columns are not aligned"; }

# the notice: the name in the operator's place, the photo as a thumbnail
"$BIN" --db "$DB" rectify notice "$ins" -o "$T/n.html" >/dev/null || fail "notice"
grep -q '市场开办方（签字）：<span class="fill signed">赵六</span>' "$T/n.html" || fail "notice: no operator's name"
grep -q 'src="data:image/jpeg;base64,/9j/' "$T/n.html" || fail "notice: no thumbnail"
# printed (when chromium is here): one page with the thumbnail, the
# statement wrapped to its end and the seal's place still on the page
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ] && command -v pdftotext >/dev/null && command -v pdfimages >/dev/null; then
	"$chrome" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$T/chr" \
		--no-pdf-header-footer --print-to-pdf="$T/n.pdf" "file://$T/n.html" >/dev/null 2>&1
	[ -s "$T/n.pdf" ] || fail "notice: chromium printed no PDF"
	[ "$(pdfinfo "$T/n.pdf" | sed -n 's/^Pages: *//p')" = 1 ] || fail "notice: not one page"
	[ "$(pdfimages -list "$T/n.pdf" | grep -c ' image ')" = 1 ] || fail "notice: the thumbnail is not printed"
	pdftotext "$T/n.pdf" - | tr -d '\n' > "$T/n.txt"
	grep -qF "市场监督管理部门。" "$T/n.txt" || fail "notice: the operator's statement is cut at the page edge"
	grep -qF "盖章处" "$T/n.txt" || fail "notice: the seal's place is pushed off the page"
fi
# the HTML report and the workbook
"$BIN" --db "$DB" export --from "$TODAY" --to "$TODAY" --format html -o "$T/r.html" >/dev/null || fail "export html"
grep -q "不合格项照片" "$T/r.html" && grep -q 'src="data:image/jpeg;base64,/9j/' "$T/r.html" ||
	fail "the HTML report has no photo"
"$BIN" --db "$DB" export --from "$TODAY" --to "$TODAY" --format xlsx -o "$T/r.xlsx" >/dev/null || fail "export xlsx"
unzip -p "$T/r.xlsx" "xl/worksheets/*.xml" | grep -q "<t>照片</t>" || fail "the workbook has no photo column"

# sync to a second database: same hash, bytes checked, in its review show
S="$T/s.db" X="$T/x.db" DIR="$T/share"
mkdir "$DIR"
idA=$("$BIN" --db "$DB" device show | awk '/^device/ {print $2}')
pkA=$("$BIN" --db "$DB" device show | awk '/^pubkey/ {print $2}')
for db in "$S" "$X"; do
	"$BIN" --db "$db" device trust "$idA" "$pkA" --role inspector >/dev/null 2>&1 || fail "trust"
done
"$BIN" --db "$DB" sync "$DIR" >/dev/null || fail "sync A"
cp -r "$DIR" "$T/share2"
"$BIN" --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S"; }
[ "$(sqlite3 "$S" "SELECT hash FROM answer_photo")" = "$want" ] || fail "the photo did not arrive with its hash"
[ "$(sha256sum < "$S.photos/$(echo "$want" | cut -c1-2)/$want.jpg" | cut -d' ' -f1)" = "$want" ] ||
	fail "the photo's bytes did not arrive"
"$BIN" --db "$S" verify >/dev/null || fail "verify on the receiver"
"$BIN" --db "$S" review show "$ins" | grep -q "市场开办方：赵六" || fail "the acknowledgement did not travel"

# a copy of the bundle with one byte of the photo changed: refused
b="$T/share2/$idA/000001.bundle"
off=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); print(d.find(bytes.fromhex("ffd8ffe0")) + 200)' "$b")
printf 'Z' | dd of="$b" bs=1 seek="$off" conv=notrunc 2>/dev/null
"$BIN" --db "$X" sync "$T/share2" >"$T/out" 2>&1
grep -q "已隔离 .*000001.bundle: 被篡改" "$T/out" || { cat "$T/out"; fail "a changed photo was not refused"; }
[ "$(sqlite3 "$X" "SELECT count(*) FROM answer_photo")" = 0 ] || fail "a refused bundle left a photo"
no_reports
echo "walk_photo: ok"
