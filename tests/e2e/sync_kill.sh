#!/bin/sh
# sync_kill: syncs killed with SIGKILL at random points, many times (set
# SYNC_KILL_ROUNDS for more than 20): the next sync completes, both
# databases pass integrity_check, nothing is lost or doubled.
set -u
. tests/e2e/lib/cli.sh
ROUNDS=${SYNC_KILL_ROUNDS:-20}
command -v sqlite3 >/dev/null || fail "sqlite3 shell not installed"

A="$T/a.db" S="$T/s.db" DIR="$T/share"
mkdir -p "$DIR"
idA=$(dev_id "$A") pkA=$(dev_pk "$A") idS=$(dev_id "$S") pkS=$(dev_pk "$S")
[ -n "$idA" ] && [ -n "$pkS" ] || fail "device show printed no id or key"
"$BIN" --lang en --db "$S" device trust "$idA" "$pkA" --role inspector >/dev/null || fail "trust A"
"$BIN" --lang en --db "$A" device trust "$idS" "$pkS" --role supervisor >/dev/null || fail "trust S"

# registry records straight into A (as another program version might):
# markets with stalls, and edits of earlier stalls (rev + 1)
add() {
	sqlite3 "$A" >/dev/null <<SQL || fail "sqlite3 insert"
PRAGMA busy_timeout = 5000;
BEGIN;
INSERT INTO market(uuid, name, device, created_at, updated_at)
 VALUES (lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)),
  substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
  '市场 $1', '$idA', strftime('%Y-%m-%dT%H:%M:%fZ'), strftime('%Y-%m-%dT%H:%M:%fZ'));
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 300)
INSERT INTO stall(uuid, market_id, code, vendor, type, device, created_at, updated_at)
 SELECT lower(printf('%s-%s-4%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)),
  substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))),
  (SELECT max(id) FROM market), printf('S-%03d', k), '摊主' || k, 'veg', '$idA',
  strftime('%Y-%m-%dT%H:%M:%fZ'), strftime('%Y-%m-%dT%H:%M:%fZ') FROM n;
UPDATE stall SET vendor = vendor || '+', rev = rev + 1,
 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ') WHERE id % 97 = $1 % 97;
COMMIT;
SQL
}

killed=0
i=1
while [ "$i" -le "$ROUNDS" ]; do
	add "$i"
	for db in "$A" "$S"; do
		"$BIN" --lang en --db "$db" sync "$DIR" >/dev/null 2>&1 &
		pid=$!
		sleep "$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%.3f", rand() * 0.025 }')"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		[ $? -eq 137 ] && killed=$((killed + 1))
	done
	i=$((i + 1))
done

# the next syncs complete
for db in "$A" "$S" "$A" "$S"; do
	"$BIN" --lang en --db "$db" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync after the kills failed"; }
done
grep -q "sent 0 bundles .* imported 0 .* 0 quarantined, 0 waiting" "$T/out" ||
	{ cat "$T/out"; fail "a further sync still moved something"; }
for db in "$A" "$S"; do
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check of $db"
done
dump() {
	sqlite3 "$1" "SELECT s.uuid, m.uuid, s.code, s.vendor, s.rev, s.updated_at FROM stall s
		JOIN market m ON m.id = s.market_id ORDER BY s.uuid"
}
dump "$A" >"$T/a.txt"
dump "$S" >"$T/s.txt"
n=$(wc -l <"$T/a.txt")
[ "$n" -eq $((ROUNDS * 300)) ] || fail "A holds $n stalls, expected $((ROUNDS * 300))"
cmp -s "$T/a.txt" "$T/s.txt" || fail "the supervisor's stalls differ from the inspector's"
seqs=$(sqlite3 "$A" "SELECT count(*) = max(seq) FROM sync_bundle WHERE dir = 'out'")
[ "$seqs" = 1 ] || fail "bundle numbers of A have holes or repeats"
"$BIN" --lang en --db "$S" sync --status "$DIR" | grep -q "0 quarantined, 0 waiting" || fail "status shows trouble"
echo "sync_kill: ok ($ROUNDS rounds, $killed of $((2 * ROUNDS)) syncs killed mid-way, $n stalls each side)"
