#!/bin/sh
# notice_print: the 整改通知书 printed by a real browser (headless Chromium
# to PDF): one A4 page up to 15 problems, with its number (文号), issuing
# unit, receipt (回执) and the problems as found. Notices with exactly 1, 6,
# 10, 15, 20 and 40 problems are made from demo data: the rectifications of one
# inspection replaced by SQL. Skipped when chromium is not installed.
set -u
export STALLCHECK_NOW=2026-11-29T09:00 # fixed: nothing here may depend on the day it runs
B=${STALLCHECK_BIN:?}

fail() { echo "notice_print: $*"; exit 1; }

# A database this user may only read: a reprint reads the number it has, a
# first notice says why it cannot number it (needs root to be another user).
notice_readonly() {
	r=$(mktemp -d) && chmod 755 "$r" && mkdir -m 777 "$r/out" || return 1
	trap 'chmod 755 "$r"; rm -rf "$r"' EXIT
	cp "$B" "$r/sc" && chmod 755 "$r/sc"
	printf '[notice]\nnumber_prefix = 西市监整字\n' >"$r/s.ini" && chmod 644 "$r/s.ini"
	XDG_CONFIG_HOME="$r/c" XDG_DATA_HOME="$r/d" "$B" --db "$r/r.db" demo --markets 1 --days 3 \
		--until 2026-11-20 >/dev/null 2>&1 || fail "read-only: demo failed"
	set -- $(sqlite3 "$r/r.db" "SELECT uuid FROM inspection WHERE status <> 'draft' ORDER BY id LIMIT 2")
	"$B" --config "$r/s.ini" --db "$r/r.db" rectify notice "$1" -o "$r/out/a.html" >/dev/null 2>&1 ||
		fail "read-only: the first notice failed"
	chmod 444 "$r/r.db" && chmod 555 "$r"
	if ! setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$r/r.db"; then
		echo "notice_print: read-only part skipped: $r is closed to other users"
		chmod 755 "$r" && rm -rf "$r" && trap - EXIT
		return 0
	fi
	ro() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$r/out" XDG_CONFIG_HOME="$r/out" \
		"$r/sc" --config "$r/s.ini" --db "$r/r.db" rectify notice "$@" 2>"$r/out/err" >/dev/null; }
	ro "$1" -o "$r/out/b.html" || { cat "$r/out/err"; fail "read-only: a reprint failed"; }
	grep -qF "西市监整字〔2026〕1号" "$r/out/b.html" || fail "read-only: the reprint lost its number"
	ro "$2" -o "$r/out/c.html" && fail "read-only: a new number was given"
	grep -q "还没有通知书编号，而数据库在此处只读" "$r/out/err" ||
		{ cat "$r/out/err"; fail "read-only: no clear message for a first notice"; }
	chmod 755 "$r" && rm -rf "$r" && trap - EXIT
	echo "notice_print: read-only database: ok"
}
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && command -v sqlite3 >/dev/null; then
	notice_readonly
fi

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ] || ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
	echo "skipped: chromium not installed (or poppler-utils: pdfinfo, pdftotext)"
	exit 0
fi
t=$(mktemp -d)
[ -n "${NOTICE_KEEP:-}" ] || trap 'rm -rf "$t"' EXIT
export XDG_CONFIG_HOME="$t/c" XDG_DATA_HOME="$t/d" LANG=C.UTF-8 TZ=Asia/Shanghai
db="$t/x.db"
cat > "$t/s.ini" <<'EOF'
[inspector]
name = 李明
unit = 西湖区市场监督管理局
[notice]
number_prefix = 西市监整字
EOF
sc() { "$B" --config "$t/s.ini" --db "$db" --lang zh "$@"; }
sc demo --markets 2 --days 3 --until 2026-11-20 >/dev/null 2>&1 || fail "demo failed"

# The problems of inspection $1 become $2 copies of its first one, with
# notes of varied length (some wrap in their cell), as found in November.
problems() {
	python3 - "$db" "$1" "$2" <<'EOF'
import sqlite3, sys, uuid
c = sqlite3.connect(sys.argv[1])
ins = c.execute("SELECT id FROM inspection WHERE uuid = ?", (sys.argv[2],)).fetchone()[0]
cols = [r[1] for r in c.execute("PRAGMA table_info(rectification)") if r[1] not in ("id", "uuid", "note", "spots")]
first = c.execute("SELECT " + ",".join(cols) + " FROM rectification WHERE inspection_id = ? ORDER BY id LIMIT 1",
                  (ins,)).fetchone()
c.execute("DELETE FROM rectification WHERE inspection_id = ?", (ins,))
notes = ["价签缺失", "3个摊位未明码标价，部分价签字迹不清，无法辨认品名和产地", "台秤未检定",
         "冷藏柜温度显示12℃，超过规定的0-4℃，现场未见温度记录表，熟食与生食混放"]
for i in range(int(sys.argv[3])):
    c.execute("INSERT INTO rectification(uuid, note, spots, " + ",".join(cols) + ") VALUES (?,?,?," +
              ",".join("?" * len(cols)) + ")", (str(uuid.uuid4()), "第%d处：%s" % (i + 1, notes[i % 4]), i % 5) + first)
c.commit()
EOF
}

ins=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT i.uuid FROM inspection i WHERE i.status IN (\"final\",\"approved\") AND EXISTS (SELECT 1 FROM rectification r WHERE r.inspection_id = i.id) ORDER BY i.id LIMIT 1").fetchone()[0])' "$db")
[ -n "$ins" ] || fail "no finalized inspection with problems in the demo data"

n_pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# print $1.html to $1.pdf
print_pdf() {
	"$chrome" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$(mktemp -d "$t/chr.XXXXXX")" \
		--print-to-pdf="$1.pdf" --no-pdf-header-footer "file://$1.html" >/dev/null 2>&1
	[ -s "$1.pdf" ] || fail "chromium printed no PDF of $1.html"
}
for n in 1 6 10 15 20 40; do
	problems "$ins" "$n" || fail "could not make $n problems"
	sc rectify notice "$ins" -o "$t/n$n.html" >/dev/null || fail "notice with $n problems failed"
	print_pdf "$t/n$n"
	p=$(n_pages "$t/n$n.pdf")
	echo "notice_print: $n problems: $p page(s)"
	[ "$n" -gt 15 ] || [ "$p" = 1 ] || fail "$n problems print on $p pages, want 1"
	[ "$n" -lt 40 ] || [ "$p" -ge 2 ] || fail "$n problems print on $p page, want more"
	pdftotext -layout "$t/n$n.pdf" "$t/n$n.txt"
	for want in "西市监整字〔2026〕1号" 西湖区市场监督管理局 回执 盖章处 问题处数 "第${n}处：" \
		"第 1 页，共 $p 页"; do
		grep -qF "$want" "$t/n$n.txt" || fail "$n problems: the printed notice lacks '$want'"
	done
	# the signatures are not alone on the last page: the table ends there too
	if [ "$p" -gt 1 ]; then
		pdftotext -f "$p" -l "$p" "$t/n$n.pdf" - | grep -qF "第${n}处：" ||
			fail "$n problems: the signature block went to page $p without the table"
	fi
done
# in English, the receipt's facts stay apart: the gap is of no-break
# spaces (HTML folds plain ones into one, and pdftotext folds any run)
sc --lang en rectify notice "$ins" -o "$t/en.html" >/dev/null || fail "English notice failed"
grep -q "Inspection date: [0-9-]*$(printf '\302\240\302\240')" "$t/en.html" ||
	fail "English receipt: its facts run together"
# the page footer, cut from one sentence of the catalogue around the counters
grep -qF 'content:"Page " counter(page) " of " counter(pages) ""' "$t/en.html" ||
	fail "English page footer: $(grep -o 'content:[^}]*' "$t/en.html")"
# printed again, the notice keeps its number; the next inspection takes the next
sc rectify notice "$ins" -o "$t/again.html" --force >/dev/null || fail "reprint failed"
grep -qF "西市监整字〔2026〕1号" "$t/again.html" || fail "the reprint changed the number"
next=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT uuid FROM inspection WHERE status IN (\"final\",\"approved\") AND uuid <> ? ORDER BY id LIMIT 1", (sys.argv[2],)).fetchone()[0])' "$db" "$ins")
sc rectify notice "$next" -o "$t/next.html" >/dev/null || fail "next notice failed"
grep -qF "西市监整字〔2026〕2号" "$t/next.html" || fail "the next notice is not number 2"
echo "notice_print: ok"
