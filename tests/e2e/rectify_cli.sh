#!/bin/sh
# rectify_cli: `stallcheck rectify list|notice|followup|repeats` on the
# database tests/test_rectify.c leaves next to the binary (build/rectify-e2e.db:
# known open, overdue, closed and repeated rectifications, and one draft),
# then, when `stallcheck demo` works in this build, on a demo database.
set -u
. "$(dirname "$0")/lib/cli.sh"
B=$STALLCHECK_BIN
fx="$(dirname "$B")/rectify-e2e.db"
export LANG=C.UTF-8 TZ=Asia/Shanghai
[ -f "$fx" ] || fail "no fixture $fx (run build/tests/test_rectify first)"
cp "$fx" "$T/x.db"
db="$T/x.db"
sc() { "$B" --db "$db" --lang zh "$@"; }
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("\n".join("|".join(str(x) for x in r) for r in c.execute(sys.argv[2])))' "$db" "$1"; }

# --- list: rows and states at chosen dates -------------------------------
n=$(sc rectify list --overdue --as-of 2026-03-18 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 2 ] || fail "overdue on 03-18: want 2 rows, got $n"
n=$(sc rectify list --overdue --as-of 2026-03-12 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 1 ] || fail "overdue on 03-12: want 1 (the toilet, due 03-11), got $n"
n=$(sc rectify list --overdue --as-of 2026-03-17 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 0 ] || fail "overdue on 03-17: want 0 (due that day is not late), got $n"
n=$(sc rectify list --closed --as-of 2026-03-18 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 1 ] || fail "closed: want 1, got $n"
n=$(sc rectify list --open --market DM --as-of 2026-03-18 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 2 ] || fail "open in market DM: want 2, got $n"
n=$(sc rectify list --category order --as-of 2026-03-18 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 3 ] || fail "category order: want 3 (M2 and both S3), got $n"
n=$(sc rectify list --inspector nobody --format csv | tail -n +2 | wc -l)
[ "$n" -eq 0 ] || fail "inspector nobody: want 0, got $n"
sc rectify list --as-of 2026-02-30 >/dev/null 2>&1 && fail "a bad --as-of date was accepted"
# --as-of today is the clock's day
[ "$(STALLCHECK_NOW=2026-03-18T10:00 sc rectify list --overdue --as-of today --format csv | tail -n +2 | wc -l)" -eq 2 ] ||
	fail "--as-of today (03-18): want 2 overdue"
# nothing to list: a table says so in its language; CSV keeps its header
[ "$(sc rectify list --inspector nobody)" = "没有整改记录" ] ||
	fail "empty table: $(sc rectify list --inspector nobody)"
[ "$("$B" --db "$db" --lang en rectify list --inspector nobody)" = "no rectifications" ] || fail "empty table (en)"
[ "$(sc rectify list --inspector nobody --format csv | head -c 5)" = "uuid," ] || fail "empty csv lost its header"
"$B" --db "$T/empty.db" device show >/dev/null 2>&1 || fail "empty database"
# a path quoted in a message goes through the control filter like any text
esc=$(printf '\033')
"$B" --db "$T/new$esc[31m.db" device show >/dev/null 2>"$T/err" || fail "a database name with ESC"
grep -q "created a new database" "$T/err" && ! grep -q "$esc" "$T/err" ||
	fail "a raw control byte in a message: $(od -c "$T/err" | head -4)"
[ "$("$B" --db "$T/empty.db" --lang zh rectify repeats)" = "没有重复发现的问题" ] ||
	fail "empty repeats: $("$B" --db "$T/empty.db" --lang zh rectify repeats)"
[ "$("$B" --db "$T/empty.db" --lang en rectify repeats)" = "no repeat findings" ] || fail "empty repeats (en)"
sc rectify list --open --closed >/dev/null 2>&1 && fail "two states were accepted"
sc rectify list --market nosuch >/dev/null 2>&1 && fail "an unknown market was accepted"

# CSV: a quoted note with a comma and quotes survives; header stable
sc rectify list --as-of 2026-03-18 --format csv > "$T/l.csv"
# CRLF like every CSV the program writes (export, review list): a spreadsheet
# or a script reads all three alike
[ "$(tr -cd '\r' < "$T/l.csv" | wc -c)" -eq "$(wc -l < "$T/l.csv")" ] || fail "rectify list's CSV lines do not end in CRLF"
python3 - "$T/l.csv" <<'EOF' || fail "csv check failed"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) == 4, rows
w = [r for r in rows if r["stall"] == "W-1"][0]
assert w["note"] == '价格 "标签", 缺失', w["note"]
assert w["status"] == "open" and w["overdue"] == "0" and w["deadline"] == "2026-03-19"
s3 = [r for r in rows if r["stall"] == "A-01" and r["item_id"] == "S3"][0]
assert s3["repeats"] == "1" and s3["overdue"] == "1", s3
m2 = [r for r in rows if r["item_id"] == "M2"][0]
assert m2["status"] == "closed" and m2["closed_day"] == "2026-03-15" and m2["area"] == "公共厕所"
EOF

# table: every row has its columns aligned by display width (CJK = 2)
sc rectify list --as-of 2026-03-18 > "$T/l.txt"
head -1 "$T/l.txt" | grep -q "^编号  *市场  *摊位/区域  *项目  *问题  *发现  *期限  *状态" ||
	{ head -1 "$T/l.txt"; fail "table header not in Chinese"; }
grep -q "逾期" "$T/l.txt" || fail "table states not in Chinese"
python3 - "$T/l.txt" <<'EOF' || fail "table columns not aligned"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = lines[0]
col = width(head[:head.index("期限" if "期限" in head else "DEADLINE")])
for l in lines[1:]:
    # the DEADLINE column starts at the same display column on every row
    parts = [i for i in range(len(l)) if l[i:i+5] == "2026-" ]
    assert len(parts) >= 2, l
    assert width(l[:parts[1]]) == col, (l, width(l[:parts[1]]), col)
EOF

# --- repeats --------------------------------------------------------------
sc rectify repeats > "$T/r.txt" || fail "repeats failed"
grep -q "A-01 *1 " "$T/r.txt" || { cat "$T/r.txt"; fail "repeats: want A-01 with 1"; }

# --- notice -----------------------------------------------------------------
ins=$(sql "select uuid from inspection where day='2026-03-10'")
[ -n "$ins" ] || fail "no fixture inspection"
sc rectify notice "$ins" -o "$T/n.html" >/dev/null || fail "notice failed"
sc rectify notice "$ins" -o "$T/n.html" >/dev/null 2>&1 && fail "notice overwrote without --force"
sc rectify notice "$ins" -o "$T/n.html" --force --lang en >/dev/null || fail "notice --force failed"
sc rectify notice "$ins" -o "$T/z.html" --lang zh >/dev/null || fail "notice zh failed"
for f in "$T/n.html" "$T/z.html"; do
python3 - "$f" <<'EOF' || fail "notice $f is not well-formed or lacks the problems"
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link"}
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.stack = []; s.text = []; s.cells = 0
    def handle_starttag(s, t, a):
        if t not in VOID: s.stack.append(t)
        if t == "td": s.cells += 1
    def handle_endtag(s, t):
        assert s.stack and s.stack[-1] == t, ("mismatched", t, s.stack[-3:])
        s.stack.pop()
    def handle_data(s, d): s.text.append(d)
src = open(sys.argv[1], encoding="utf-8").read()
assert src.startswith("<!DOCTYPE html>")
assert '<meta charset="utf-8">' in src and "size:A4" in src
p = P(); p.feed(src); p.close()
assert not p.stack, p.stack
text = "".join(p.text)
en = "Rectification Notice" in text
for want in (["东门农贸市场", "2026-03-10", "李明", "2026-03-11", "2026-03-17", "A-01",
              "价签缺失 <b>&"] +
             (["Item S1", "Item S3", "Item M2", "Toilet", "Inspector (signature)",
               "Market operator (signature)"] if en else
              ["整改通知书", "项目S1", "项目S3", "项目M2", "公共厕所", "检查人员（签字）",
               "市场开办方（签字）"])):
    assert want in text, want
EOF
done
sc rectify notice 00000000-0000-4000-8000-000000000000 -o "$T/q.html" >/dev/null 2>&1 && fail "notice of an unknown record succeeded"

# --- follow-up through the CLI during the draft ----------------------------
draft=$(sql "select uuid from inspection where status='draft'")
rect=$(sql "select uuid from rectification where item_id='S1'")
# no inspector name set: refused as a usage error that says where to set it
out=$(sc rectify followup "$rect" --inspection "$draft" --fixed 2>&1); rc=$?
[ $rc -eq 2 ] || fail "followup without a name: status $rc, want 2: $out"
echo "$out" | grep -qF "$T/cfg/stallcheck/stallcheck.ini" && echo "$out" | grep -qF "[inspector]" ||
	fail "followup without a name: no hint where to set it: $out"
[ "$(sql "select status from rectification where uuid='$rect'")" = open ] || fail "refused followup changed S1"
mkdir -p "$T/cfg/stallcheck"
printf '[inspector]\nname = 孙检查\n' > "$T/cfg/stallcheck/stallcheck.ini"
sc rectify followup "$rect" --inspection "$draft" --fixed --note "已整改" | grep -q "when the inspection is finalized" ||
	fail "followup failed or did not say it waits for the finalize"
[ "$(sql "select actor from rect_event where kind='fixed' and note='已整改'")" = 孙检查 ] ||
	fail "the follow-up does not carry the configured name"
# a draft closes nothing: the mark takes effect when the draft is finalized
[ "$(sql "select status||' '||coalesce(closed_day, '-') from rectification where uuid='$rect'")" = "open -" ] ||
	fail "a draft's followup closed S1"
sc rectify followup "$rect" --inspection "$ins" --fixed >/dev/null 2>&1 && fail "followup from a final record accepted"
n=$(sc rectify list --closed --as-of 2026-03-20 --format csv | tail -n +2 | wc -l)
[ "$n" -eq 1 ] || fail "closed after a draft's followup: want 1, got $n"

# --- on a demo database: `stallcheck demo` when this build has templates,
# else the one test_rectify generated with demo_generate ----------------------
db="$T/demo.db"
need_all=0
if "$B" --db "$db" demo --markets 3 --days 40 --until 2026-11-20 >/dev/null 2>"$T/demo.err"; then
	echo "rectify_cli: checking a 'stallcheck demo' database"
elif [ -f "$(dirname "$B")/rectify-demo.db" ]; then
	echo "rectify_cli: demo command not available ($(head -1 "$T/demo.err")); using rectify-demo.db"
	rm -f "$db"
	cp "$(dirname "$B")/rectify-demo.db" "$db"
	need_all=1
else
	fail "no demo database"
fi
sc rectify list --as-of 2026-11-20 --format csv > "$T/d.csv" || fail "list on demo failed"
python3 - "$T/d.csv" "$need_all" <<'EOF' || fail "demo rectifications inconsistent"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
st = {}
for r in rows:
    k = "overdue" if r["overdue"] == "1" else r["status"]
    st[k] = st.get(k, 0) + 1
    if r["overdue"] == "1":
        assert r["status"] == "open" and r["deadline"] < "2026-11-20", r
    if r["status"] == "closed":
        assert r["opened_day"] <= r["closed_day"] <= "2026-11-20", r
    assert r["opened_day"] <= r["deadline"], r
want = ("open", "overdue", "closed") if sys.argv[2] == "1" else ("open", "closed")
for k in want:
    assert st.get(k, 0) > 0, (k, st)
print("rectify_cli: demo", st)
EOF
n=$(sc rectify list --overdue --as-of 2026-11-20 --format csv | tail -n +2 | wc -l)
m=$(python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["overdue"] == "1"))' "$T/d.csv")
[ "$n" -eq "$m" ] || fail "demo: --overdue gives $n rows, the full list marks $m overdue"
sc rectify list --open --as-of 2026-11-20 >"$T/open.txt" || fail "table on demo failed"
# the ID column names each row once, and a listed ID finds its row
ids=$(tail -n +2 "$T/open.txt" | awk '{print $1}')
[ "$(echo "$ids" | sort | uniq -d | wc -l)" -eq 0 ] || fail "demo: the ID column repeats an id"
id1=$(echo "$ids" | head -1)
[ "$(sql "select count(*) from rectification where uuid like '%$id1'")" = 1 ] || fail "ID $id1 is not a uuid end"
sc rectify repeats >/dev/null || fail "repeats on demo failed"
one=$(sql "select uuid from inspection where status in ('final','approved') and id in (select inspection_id from rectification) limit 1")
sc rectify notice "$one" -o "$T/demo.html" >/dev/null || fail "notice on demo failed"
grep -q '<td class="deadline">' "$T/demo.html" || fail "demo notice has no problems"
echo "rectify_cli: ok"
