#!/bin/sh
# walk_saveerr: when the database cannot be written (here: another process
# holds an exclusive lock, so the write times out) the answer is reported on
# the status line as NOT saved and is not shown as answered; once the
# database can be written again the same key saves it.
set -u
. tests/e2e/lib/tui.sh

setup_market
walk_first_market

mkfifo "$T/lk"
sqlite3 "$DB" < "$T/lk" > "$T/lkout" 2>&1 &
lockpid=$!
exec 3> "$T/lk"
echo "BEGIN EXCLUSIVE; SELECT 'locked';" >&3
i=0
until grep -q locked "$T/lkout" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 200 ] && fail "could not lock the database"; sleep 0.05
done
keys p
TIMEOUT=30 wait_for "未保存"
screen | grep -q "^>H01  --      -/5# " || fail "a failed answer is shown as answered"
echo "COMMIT;" >&3
exec 3>&-
wait $lockpid
expect_sql "SELECT count(*) FROM answer" 0
keys p
wait_for "H01 合格 已保存"
expect_sql "SELECT count(*) FROM answer" 1
quit
no_reports
echo "walk_saveerr: ok"
