#!/bin/sh
# review_cli: `stallcheck review` on a demo database: list (table and CSV,
# filters) against counts taken with sqlite3, approve/return by uuid with
# the reviewer from the settings, refused moves leave the db unchanged,
# show and glance print the drill-down and the day's figures.
set -u
: "${STALLCHECK_DATADIR:?}"
. "$(dirname "$0")/lib/cli.sh"
mkdir -p "$XDG_CONFIG_HOME/stallcheck" "$XDG_DATA_HOME/stallcheck"
cat > "$XDG_CONFIG_HOME/stallcheck/stallcheck.ini" <<INI
[inspector]
name = 王检查
reviewer = 赵主任
[ui]
language = en
[data]
template = templates/gbt21720-market.ini
INI
db="$T/demo.db"
sc() { "$STALLCHECK_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }

sc demo --markets 4 --days 6 --until 2026-11-28 --seed 7 >/dev/null 2>&1 || fail "demo failed"
day=2026-11-28

# list: one CSV line per inspection of the day, header first, CRLF ends
want=$(q "SELECT count(*) FROM inspection WHERE day = '$day'")
[ "$want" -gt 0 ] || fail "demo made no inspection on $day"
sc review list --date $day --format csv > "$T/l.csv" || fail "list csv failed"
head -1 "$T/l.csv" | grep -q '^uuid,day,started_at,market_id,market,district,inspector,stalls,score,band,critical_fails,status,amends_uuid.$' ||
	fail "bad csv header: $(head -1 "$T/l.csv")"
[ "$(grep -c "$(printf '\r')\$" "$T/l.csv")" -eq $((want + 1)) ] || fail "csv lines do not end in CRLF"
[ $(($(wc -l < "$T/l.csv") - 1)) -eq "$want" ] || fail "csv rows $(wc -l < "$T/l.csv") - 1 != $want"
# a range, a status, a market
want=$(q "SELECT count(*) FROM inspection WHERE day BETWEEN '2026-11-24' AND '$day' AND status = 'approved'")
got=$(sc review list --date 2026-11-24 --to $day --status approved --format csv | tail -n +2 | wc -l)
[ "$got" -eq "$want" ] || fail "approved in range: $got != $want"
want=$(q "SELECT count(*) FROM inspection WHERE market_id = 2")
got=$(sc review list --date 2026-11-23 --to $day --market 2 --format csv | tail -n +2 | wc -l)
[ "$got" -eq "$want" ] || fail "market 2: $got != $want"
# the stalls column is the count of visits
u=$(q "SELECT uuid FROM inspection WHERE day = '$day' ORDER BY id LIMIT 1")
v=$(q "SELECT count(*) FROM visit JOIN inspection ON inspection.id = visit.inspection_id WHERE inspection.uuid = '$u'")
grep "^$u," "$T/l.csv" | cut -d, -f8 | grep -qx "$v" || fail "stalls of $u != $v"
# table: a header and a count line
sc review list --date $day > "$T/l.txt" || fail "list table failed"
head -1 "$T/l.txt" | grep -q "^uuid  *day  *time  *market" || fail "bad table header"
tail -1 "$T/l.txt" | grep -q "^$(q "SELECT count(*) FROM inspection WHERE day = '$day'") inspections" || fail "bad count line"
# Chinese table: every column starts at the same display column on every line
sc --lang zh review list --date 2026-11-23 --to $day > "$T/zh.txt" || fail "zh table failed"
python3 - "$T/zh.txt" <<'PY' || fail "zh table columns do not line up: $(cat "$T/zh.txt")"
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[:-1]
assert len(lines) > 3 and any(ord(c) > 0x2e80 for c in lines[1])
cols = {w(l.rsplit(" ", 1)[0]) for l in lines}
sys.exit(0 if len(cols) == 1 else 1)
PY
# usage errors
sc review list --date 2026-02-30 >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad date not a usage error"
for how in list glance; do
	out=$(sc review $how --date $day --to 2026-11-23 2>&1); rc=$?
	[ $rc -eq 2 ] && [ "$out" = "stallcheck: review $how: --date $day is after --to 2026-11-23" ] ||
		fail "review $how, --date after --to: rc $rc: $out"
done
sc review list --date $day --sort nope >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad sort accepted"

# decisions on the day's final records
u1=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1")
u2=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1 OFFSET 1")
[ -n "$u1" ] && [ -n "$u2" ] || fail "no final records to decide"
audits=$(q "SELECT count(*) FROM audit")
out=$(sc review approve "$u1") || fail "approve failed: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u1'")" = approved ] || fail "not approved"
[ "$(q "SELECT reviewer || '|' || decision FROM review JOIN inspection ON inspection.id = review.inspection_id WHERE inspection.uuid = '$u1'")" = "赵主任|approve" ] ||
	fail "review row of $u1 wrong"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'review.approve' AND subject = '$u1' AND actor = '赵主任'")" -eq 1 ] || fail "no audit entry"
out=$(sc review approve "$u1" 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "already approved" || fail "second approve: rc $rc: $out"
out=$(sc review return "$u2" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "reason" || fail "return without reason: rc $rc: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u2'")" = final ] || fail "refused return changed the record"
out=$(sc review return "$u2" --reason "照片不清，请补充") || fail "return failed: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u2'")" = returned ] || fail "not returned"
[ "$(q "SELECT reason FROM review JOIN inspection ON inspection.id = review.inspection_id WHERE inspection.uuid = '$u2'")" = "照片不清，请补充" ] ||
	fail "reason not stored"
[ "$(q "SELECT count(*) FROM audit")" -eq $((audits + 2)) ] || fail "audit should have grown by 2"
sc review approve "$u2" >/dev/null 2>&1 && fail "approved a returned record"
sc review approve 00000000-0000-4000-8000-000000000000 >/dev/null 2>&1 && fail "approved a missing record"

# show: header, market-wide items by area, stalls; a stall's answers
sc review show "$u1" > "$T/show.txt" || fail "show failed"
grep -q "^$u1 " "$T/show.txt" || fail "show: no header"
grep -q "^market-wide items:" "$T/show.txt" || fail "show: no market-wide items"
n=$(q "SELECT count(*) FROM visit JOIN inspection ON inspection.id = visit.inspection_id WHERE inspection.uuid = '$u1'")
[ "$(sed -n '/^stalls:/,/^against/p' "$T/show.txt" | grep -c '^ *[0-9]')" -eq "$n" ] || fail "show: stalls != $n"
code=$(q "SELECT s.code FROM visit JOIN inspection i ON i.id = visit.inspection_id JOIN stall s ON s.id = visit.stall_id WHERE i.uuid = '$u1' ORDER BY seq LIMIT 1")
sc review show "$u1" --stall "$code" | grep -q "^stall $code " || fail "show --stall: no stall header"
# each failed item says what it goes against (the template's basis): on the
# first record with market-wide failures
ub=$(q "SELECT uuid FROM inspection i WHERE status <> 'draft' AND EXISTS (SELECT 1 FROM answer a WHERE a.inspection_id = i.id AND a.visit_id IS NULL AND a.verdict = 'fail') ORDER BY id LIMIT 1")
sc review show "$ub" > "$T/showb.txt" || fail "show $ub failed"
nf=$(q "SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id WHERE i.uuid = '$ub' AND a.visit_id IS NULL AND a.verdict = 'fail'")
[ "$nf" -gt 0 ] && [ "$(sed -n '/^market-wide items:/,/^stalls:/p' "$T/showb.txt" | grep -c '^ *basis: ')" -eq "$nf" ] ||
	fail "show: market-wide failures ($nf) without their basis"

# glance: the summary's figures for the day
mk=$(q "SELECT count(DISTINCT market_id) FROM inspection WHERE day = '$day' AND status IN ('final','approved','returned')")
sc review glance --date $day | grep -q "markets visited $mk " || fail "glance: markets visited != $mk: $(sc review glance --date $day)"
# no --date: today, the clock's day; --date today the same; another word is refused
sc review list --date $day --format csv > "$T/day.csv"
STALLCHECK_NOW=${day}T18:00 sc review list --format csv > "$T/now.csv" || fail "list without --date failed"
cmp -s "$T/day.csv" "$T/now.csv" || fail "list without --date is not today's"
STALLCHECK_NOW=${day}T18:00 sc review list --date today --format csv > "$T/now.csv" || fail "--date today failed"
cmp -s "$T/day.csv" "$T/now.csv" || fail "--date today is not today's"
out=$(sc review list --date tomorrow 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "YYYY-MM-DD or today" || fail "--date tomorrow: rc $rc: $out"
STALLCHECK_NOW=${day}T18:00 sc review glance | grep -q "markets visited $mk " || fail "glance without --date"

# no name in the settings: a decision is refused (exit 2) and says where to set one
printf '[ui]\nlanguage = en\n' > "$T/noname.ini"
u3=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1")
audits=$(q "SELECT count(*) FROM audit")
for how in "approve $u3" "return $u3 --reason why"; do
	out=$(sc --config "$T/noname.ini" review $how 2>&1); rc=$?
	[ $rc -eq 2 ] || fail "review $how without a name: rc $rc, want 2: $out"
	echo "$out" | grep -qF "$T/noname.ini" && echo "$out" | grep -qF "[inspector]" ||
		fail "review $how without a name: no hint: $out"
done
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u3'")" = final ] || fail "a refused decision changed $u3"
[ "$(q "SELECT count(*) FROM audit")" = "$audits" ] || fail "a refused decision wrote the audit"

# nobody reviews their own record: its inspector as reviewer is refused
# (exit 1) in the language, and nothing is written
who=$(q "SELECT inspector FROM inspection WHERE uuid = '$u3'")
printf '[inspector]\nname = %s\n[ui]\nlanguage = en\n' "$who" > "$T/self.ini"
for how in "approve $u3" "return $u3 --reason why"; do
	out=$(sc --config "$T/self.ini" review $how 2>&1); rc=$?
	[ $rc -eq 1 ] && echo "$out" | grep -qF "you ($who) inspected or amended this record" ||
		fail "review $how by its own inspector: rc $rc: $out"
done
out=$(sc --config "$T/self.ini" --lang zh review approve "$u3" 2>&1)
echo "$out" | grep -qF "这份记录由你（$who）检查或更正，不能自己审核" || fail "not said in Chinese: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u3'")" = final ] || fail "own record decided: $u3"
[ "$(q "SELECT count(*) FROM audit")" = "$audits" ] || fail "a refused own decision wrote the audit"
echo "review_cli: ok"
