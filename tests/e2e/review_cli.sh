#!/bin/sh
# review_cli: `stallcheck review` on a demo database: list (table and CSV,
# filters) against counts taken with sqlite3, approve/return by uuid with
# the reviewer from the settings, refused moves leave the db unchanged,
# show and glance print the drill-down and the day's figures.
set -u
export STALLCHECK_NOW=2026-11-29T09:00 # fixed: nothing here may depend on the day it runs
: "${STALLCHECK_BIN:?}" "${STALLCHECK_DATADIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/cfg" XDG_DATA_HOME="$tmp/data" HOME="$tmp"
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
db="$tmp/demo.db"
sc() { "$STALLCHECK_BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
die() { echo "review_cli: $*"; exit 1; }

sc demo --markets 4 --days 6 --until 2026-11-28 --seed 7 >/dev/null 2>&1 || die "demo failed"
day=2026-11-28

# list: one CSV line per inspection of the day, header first, CRLF ends
want=$(q "SELECT count(*) FROM inspection WHERE day = '$day'")
[ "$want" -gt 0 ] || die "demo made no inspection on $day"
sc review list --date $day --format csv > "$tmp/l.csv" || die "list csv failed"
head -1 "$tmp/l.csv" | grep -q '^uuid,day,started_at,market_id,market,district,inspector,stalls,score,band,critical_fails,status,amends_uuid.$' ||
	die "bad csv header: $(head -1 "$tmp/l.csv")"
[ "$(grep -c "$(printf '\r')\$" "$tmp/l.csv")" -eq $((want + 1)) ] || die "csv lines do not end in CRLF"
[ $(($(wc -l < "$tmp/l.csv") - 1)) -eq "$want" ] || die "csv rows $(wc -l < "$tmp/l.csv") - 1 != $want"
# a range, a status, a market
want=$(q "SELECT count(*) FROM inspection WHERE day BETWEEN '2026-11-24' AND '$day' AND status = 'approved'")
got=$(sc review list --date 2026-11-24 --to $day --status approved --format csv | tail -n +2 | wc -l)
[ "$got" -eq "$want" ] || die "approved in range: $got != $want"
want=$(q "SELECT count(*) FROM inspection WHERE market_id = 2")
got=$(sc review list --date 2026-11-23 --to $day --market 2 --format csv | tail -n +2 | wc -l)
[ "$got" -eq "$want" ] || die "market 2: $got != $want"
# the stalls column is the count of visits
u=$(q "SELECT uuid FROM inspection WHERE day = '$day' ORDER BY id LIMIT 1")
v=$(q "SELECT count(*) FROM visit JOIN inspection ON inspection.id = visit.inspection_id WHERE inspection.uuid = '$u'")
grep "^$u," "$tmp/l.csv" | cut -d, -f8 | grep -qx "$v" || die "stalls of $u != $v"
# table: a header and a count line
sc review list --date $day > "$tmp/l.txt" || die "list table failed"
head -1 "$tmp/l.txt" | grep -q "^uuid  *day  *time  *market" || die "bad table header"
tail -1 "$tmp/l.txt" | grep -q "^$(q "SELECT count(*) FROM inspection WHERE day = '$day'") inspections" || die "bad count line"
# Chinese table: every column starts at the same display column on every line
sc --lang zh review list --date 2026-11-23 --to $day > "$tmp/zh.txt" || die "zh table failed"
python3 - "$tmp/zh.txt" <<'PY' || die "zh table columns do not line up: $(cat "$tmp/zh.txt")"
import sys, unicodedata
def w(s): return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[:-1]
assert len(lines) > 3 and any(ord(c) > 0x2e80 for c in lines[1])
cols = {w(l.rsplit(" ", 1)[0]) for l in lines}
sys.exit(0 if len(cols) == 1 else 1)
PY
# usage errors
sc review list --date 2026-02-30 >/dev/null 2>&1; [ $? -eq 2 ] || die "bad date not a usage error"
sc review list --date $day --sort nope >/dev/null 2>&1; [ $? -eq 2 ] || die "bad sort accepted"

# decisions on the day's final records
u1=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1")
u2=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1 OFFSET 1")
[ -n "$u1" ] && [ -n "$u2" ] || die "no final records to decide"
audits=$(q "SELECT count(*) FROM audit")
out=$(sc review approve "$u1") || die "approve failed: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u1'")" = approved ] || die "not approved"
[ "$(q "SELECT reviewer || '|' || decision FROM review JOIN inspection ON inspection.id = review.inspection_id WHERE inspection.uuid = '$u1'")" = "赵主任|approve" ] ||
	die "review row of $u1 wrong"
[ "$(q "SELECT count(*) FROM audit WHERE action = 'review.approve' AND subject = '$u1' AND actor = '赵主任'")" -eq 1 ] || die "no audit entry"
out=$(sc review approve "$u1" 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "already approved" || die "second approve: rc $rc: $out"
out=$(sc review return "$u2" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "reason" || die "return without reason: rc $rc: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u2'")" = final ] || die "refused return changed the record"
out=$(sc review return "$u2" --reason "照片不清，请补充") || die "return failed: $out"
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u2'")" = returned ] || die "not returned"
[ "$(q "SELECT reason FROM review JOIN inspection ON inspection.id = review.inspection_id WHERE inspection.uuid = '$u2'")" = "照片不清，请补充" ] ||
	die "reason not stored"
[ "$(q "SELECT count(*) FROM audit")" -eq $((audits + 2)) ] || die "audit should have grown by 2"
sc review approve "$u2" >/dev/null 2>&1 && die "approved a returned record"
sc review approve 00000000-0000-4000-8000-000000000000 >/dev/null 2>&1 && die "approved a missing record"

# show: header, market-wide items by area, stalls; a stall's answers
sc review show "$u1" > "$tmp/show.txt" || die "show failed"
grep -q "^$u1 " "$tmp/show.txt" || die "show: no header"
grep -q "^market-wide items:" "$tmp/show.txt" || die "show: no market-wide items"
n=$(q "SELECT count(*) FROM visit JOIN inspection ON inspection.id = visit.inspection_id WHERE inspection.uuid = '$u1'")
[ "$(sed -n '/^stalls:/,/^against/p' "$tmp/show.txt" | grep -c '^ *[0-9]')" -eq "$n" ] || die "show: stalls != $n"
code=$(q "SELECT s.code FROM visit JOIN inspection i ON i.id = visit.inspection_id JOIN stall s ON s.id = visit.stall_id WHERE i.uuid = '$u1' ORDER BY seq LIMIT 1")
sc review show "$u1" --stall "$code" | grep -q "^stall $code " || die "show --stall: no stall header"

# glance: the summary's figures for the day
mk=$(q "SELECT count(DISTINCT market_id) FROM inspection WHERE day = '$day' AND status IN ('final','approved','returned')")
sc review glance --date $day | grep -q "markets visited $mk " || die "glance: markets visited != $mk: $(sc review glance --date $day)"
# no --date: today, the clock's day; --date today the same; another word is refused
sc review list --date $day --format csv > "$tmp/day.csv"
STALLCHECK_NOW=${day}T18:00 sc review list --format csv > "$tmp/now.csv" || die "list without --date failed"
cmp -s "$tmp/day.csv" "$tmp/now.csv" || die "list without --date is not today's"
STALLCHECK_NOW=${day}T18:00 sc review list --date today --format csv > "$tmp/now.csv" || die "--date today failed"
cmp -s "$tmp/day.csv" "$tmp/now.csv" || die "--date today is not today's"
out=$(sc review list --date tomorrow 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "YYYY-MM-DD or today" || die "--date tomorrow: rc $rc: $out"
STALLCHECK_NOW=${day}T18:00 sc review glance | grep -q "markets visited $mk " || die "glance without --date"

# no name in the settings: a decision is refused (exit 2) and says where to set one
printf '[ui]\nlanguage = en\n' > "$tmp/noname.ini"
u3=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1")
audits=$(q "SELECT count(*) FROM audit")
for how in "approve $u3" "return $u3 --reason why"; do
	out=$(sc --config "$tmp/noname.ini" review $how 2>&1); rc=$?
	[ $rc -eq 2 ] || die "review $how without a name: rc $rc, want 2: $out"
	echo "$out" | grep -qF "$tmp/noname.ini" && echo "$out" | grep -qF "[inspector]" ||
		die "review $how without a name: no hint: $out"
done
[ "$(q "SELECT status FROM inspection WHERE uuid = '$u3'")" = final ] || die "a refused decision changed $u3"
[ "$(q "SELECT count(*) FROM audit")" = "$audits" ] || die "a refused decision wrote the audit"
echo "review_cli: ok"
