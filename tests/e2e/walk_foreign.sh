#!/bin/sh
# walk_foreign (issue 15): an English score sheet written only in the
# template format (tests/templates/foreign-en.ini) with every feature it
# gained: answer labels IN/OUT/COS/PART, grades A-D, severity tiers,
# decimal category weights 32.5/67.5 and decimal points, a partial answer,
# spot-count grading, an informational item, corrected on site,
# deadline_days = 0 and a stall pass line. Walked through the real program;
# the score is checked against this hand computation:
#
#   market-wide items
#     M1 facility 4    PART (h)             2/4      (partial = 50%: 2 points; opens a rectification)
#     M2 facility 4    OUT at 2 spots       2/4      (minor_spots 2 -> minor_points 2; deadline_days 0: none)
#     M3 food     4.5  IN                   4.5/4.5
#     M4 food     0    OUT (informational)  not scored, no rectification
#     facility 4/8 = 0.5, food 4.5/4.5 = 1
#     market-wide ratio = (32.5 x 0.5 + 67.5 x 1) / 100 = 0.8375 -> alone 83.75 -> 83.8 B
#                         (unweighted it would be 8.5/12.5 = 68.0)
#   stall X1 (grocer)
#     S1 food     6    IN                   6/6
#     S2 facility 2.5  COS (c)              0/2.5    (scored as a fail, no rectification)
#     S3 food     5    points 5             5/5
#     facility 0/2.5 = 0, food 11/11 = 1
#     stall ratio = (32.5 x 0 + 67.5 x 1) / 100 = 0.675 -> 67.5: grade C by the bands,
#     and below stall_pass_line 75 -> D (stored band fail, grade d)
#   market score = 100 x (50 x 0.8375 + 50 x 0.675) / (50 + 50) = 41.875 + 33.75 = 75.625
#                  -> 75.6 -> B (70 <= 75.6 < 85)
#   failures by severity: Priority 0, Priority foundation 1 (M1), Core 2 (M2; S2 corrected)
#   rectifications: M1 only
#   the report's band distribution: the template's four grades, A 0, B 1, C 0, D 0
set -u
. tests/e2e/lib/tui.sh

template_walk tests/templates/foreign-en.ini
wait_for "本处 0/4"
# the key line in the template's words: h on M1 (it has a partial answer), c
wait_for "pIN  fOUT  nN.A.  oN.O.  hPART  cCOS"

# M1 partly met: the template's label PART, half its points
keys h
wait_for "M1 PART · 备注与问题处数"
keys Escape
wait_for "M1 PART 已保存"
# M2 fails at 2 spots: graded by spot count, 2 of 4
keys f
wait_for "M2 OUT · 备注与问题处数"
keys Tab; type_text "2"; keys Enter
wait_for "M2 OUT 已保存"
# M3 has no partial answer: refused, nothing saved
keys h
wait_for "M3 不能选“基本符合”"
expect_sql "SELECT count(*) FROM answer WHERE item_id='M3'" 0
screen | grep -q "hPART" && fail "M3 has no partial answer, yet the key line offers h"
screen | grep -q "cCOS" || fail "the key line lacks c in the template's word"
# the help says the template's words and lists h (some item takes it)
keys '?'
wait_for "本检查表的答案： p IN f OUT n N.A. o N.O. h PART c COS"
keys Escape
keys p
wait_for "M3 IN 已保存"
keys f
wait_for "M4 OUT · 备注与问题处数"
keys Escape
wait_for "M4 已保存"
expect_sql "SELECT item_id||':'||verdict||':'||earned||'/'||possible||':'||spots FROM answer ORDER BY item_id" \
"M1:partial:2/4:0
M2:fail:2/4:2
M3:pass:4.5/4.5:0
M4:fail:0/0:0"
# market-wide only: 0.8375 -> 83.8, grade B (weighted; 8.5/12.5 would be 68.0)
wait_for "市场得分 83.8 B"

keys g; type_text "x1"; keys Enter
wait_for "摊位 X1 · Lee · Grocer"
keys p
wait_for "S1 IN 已保存"
keys c
wait_for "S2 COS · 备注与问题处数"
keys Escape
wait_for "S2 COS 已保存"
keys 5
wait_for "S3 已保存"
wait_for "摊位得分 67.5 D   市场得分 75.6 B"
expect_sql "SELECT earned||'/'||possible FROM answer WHERE item_id='S2'" "0/2.5"

keys F
wait_for "得分 75.6   等级 B"
keys y
wait_for "市场开办方确认"
type_text "Ms Chan"; keys Enter
wait_for "已定稿：得分 75.6 B"
expect_sql "SELECT status||':'||printf('%.1f',score)||':'||band||':'||grade FROM inspection" "final:75.6:pass:b"
expect_sql "SELECT printf('%.1f',score)||':'||band||':'||grade FROM visit" "67.5:fail:d"
expect_sql "SELECT group_concat(item_id) FROM rectification" "M1"
# home's recent records name the grade as the template does, not the class
wait_for "Harbour market"
screen | grep -q "已定稿 *Harbour market *75.6 B" || fail "home: not the grade B"
quit

# review show: labels, grades, each stall's earned/possible and the formula
export XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" STALLCHECK_NOW="$NOW"
uuid=$(sq "SELECT uuid FROM inspection")
show=$("$BIN" --lang en review show "$uuid") || fail "review show: $show"
echo "$show" | grep -q "score 75.6 B " || fail "review show: no grade B: $show"
echo "$show" | grep -q "M1 .*PART" || fail "review show: no PART label: $show"
echo "$show" | grep -q " 67.5 D    11/13.5  fails 1" || fail "review show: stall line: $show"
echo "$show" | grep -qF "weighted by category:  Facility 4/8 × 32.5  Food handling 4.5/4.5 × 67.5" ||
	fail "review show: category figures: $show"
echo "$show" | grep -qF "score = 100 × (50 × 0.837500 + 50 × 0.675000) ÷ 100 = 75.6" ||
	fail "review show: formula: $show"
echo "$show" | grep -qF "stalls: mean of 1 ratios (each stall's ratio weighted by category) = 0.675000" ||
	fail "review show: the stalls' ratios are weighted, not 11/13.5: $show"
echo "$show" | grep -qF "       weighted by category:  Facility 0/2.5 × 32.5  Food handling 11/11 × 67.5" ||
	fail "review show: the stall's category figures: $show"
stall=$("$BIN" --lang en review show "$uuid" --stall X1) || fail "review show --stall"
echo "$stall" | grep -q "S2 .*COS" || fail "review show --stall: no COS: $stall"
echo "$stall" | grep -qF "  weighted by category:  Facility 0/2.5 × 32.5  Food handling 11/11 × 67.5" ||
	fail "review show --stall: category figures: $stall"
list=$("$BIN" --lang en review list --date "$TODAY") || fail "review list"
echo "$list" | grep -q " 75.6  B " || fail "review list: not the grade B: $list"

# the day at a glance and the report count failures by severity (template
# order) and by basis
glance=$("$BIN" --lang en review glance --date "$TODAY")
echo "$glance" | grep -q "^by severity: Priority 0  Priority foundation 1  Core 2$" ||
	fail "glance: severity line: $glance"
"$BIN" --lang en export --from "$TODAY" --to "$TODAY" --format md -o "$T/r.md" >/dev/null ||
	fail "export md"
grep -q "^| Priority | 0 | 0 | 0 |" "$T/r.md" || fail "md: Priority row"
grep -q "^| Priority foundation | 1 | 0 | 0 |" "$T/r.md" || fail "md: Priority foundation row"
grep -q "^| Core | 2 | 0 | 1 |" "$T/r.md" || fail "md: Core row"
grep -q "^| Food Code 5-204.11 | 1 | 0 | 0 |" "$T/r.md" || fail "md: basis row"
# the band distribution counts by the template's four grades, and the
# ranking names the market's grade
[ "$(grep -c "^| Band distribution: " "$T/r.md")" = 4 ] || fail "md: not four band rows: $(grep Band "$T/r.md")"
grep -q "^| Band distribution: A | 0 |" "$T/r.md" && grep -q "^| Band distribution: B | 1 |" "$T/r.md" &&
	grep -q "^| Band distribution: C | 0 |" "$T/r.md" && grep -q "^| Band distribution: D | 0 |" "$T/r.md" ||
	fail "md: band rows: $(grep Band "$T/r.md")"
grep -q "^| 1 | Harbour market | .* | 75.6 | B |" "$T/r.md" || fail "md: ranking: $(grep Harbour "$T/r.md")"
echo "$glance" | grep -q "^bands: A 0 B 1 C 0 D 0 none 0$" || fail "glance: bands: $glance"
"$BIN" --lang en export --from "$TODAY" --to "$TODAY" --format csv -o "$T/r.csv" >/dev/null ||
	fail "export csv"
grep -q "M1,partial,2,4,0,0,,pf,Food Code 5-204.11" "$T/r.csv" || fail "csv: M1 row: $(grep M1 "$T/r.csv")"
grep -q "M3,pass,4.5,4.5,0,0,,priority,Food Code 3-501.16" "$T/r.csv" || fail "csv: M3 row: $(grep M3 "$T/r.csv")"
no_reports
echo "walk_foreign: ok"
