#!/bin/sh
# walk_points: an item worth 10 points or more takes its points in a small
# form opened by the first digit; out of range is refused, nothing changed.
set -u
. tests/e2e/lib/tui.sh

# the generic template with M1 raised to 20 points (and the total with it)
sed -e '/^\[item.M1\]/,/^points/s/^points *= *6/points        = 20/' \
    -e 's/^market_items_total = 20/market_items_total = 34/' \
    "$STALLCHECK_DATADIR/templates/generic-en.ini" > "$T/big.ini"
grep -q "points        = 20" "$T/big.ini" || fail "template not changed"
out=$("$BIN" check-config "$T/big.ini" 2>&1) || fail "template rejected: $out"
sed -i "s|^template = .*|template = $T/big.ini|" "$T/c/stallcheck/stallcheck.ini"

first_market "北门市场"
keys Enter
wait_for "M1"
# 1 then 5: fifteen points
keys 1
wait_for "本项得分"
keys 5 Enter
wait_for "M1"
wait_gone "本项得分"
expect_sql "SELECT earned FROM answer WHERE item_id='M1'" 15
# 25 is over 20: refused, the form stays, the answer keeps 15
keys Up
sleep 0.2
keys 2
wait_for "本项得分"
keys 5 Enter
wait_for "0..20"
keys Escape
wait_gone "本项得分"
expect_sql "SELECT earned FROM answer WHERE item_id='M1'" 15
quit
expect_sql "PRAGMA integrity_check" ok
no_reports
echo "walk_points: ok"
