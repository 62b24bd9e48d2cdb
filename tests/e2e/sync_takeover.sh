#!/bin/sh
# sync_takeover: one trusted inspector device (B) sends another's (A's)
# inspection as its own, edited with the sqlite3 shell and signed by B's
# sync. The supervisor, who holds A's record, and a fresh machine, which
# meets both bundles at once, quarantine B's bundle as forged and keep A's
# record; B renaming A's market is quarantined as unauthorized.
set -u
. tests/e2e/lib/cli.sh
export STALLCHECK_NOW=2026-03-02T09:00:00

A="$T/a.db" B="$T/b.db" S="$T/s.db" F="$T/f.db" DIR="$T/share" FDIR="$T/fresh"
mkdir "$DIR" "$FDIR"
idA=$(dev_id "$A") idB=$(dev_id "$B")
[ -n "$idA" ] && [ -n "$idB" ] || fail "device show"
for db in "$S" "$F"; do
	"$BIN" --lang en --db "$db" device trust "$idA" "$(dev_pk "$A")" --role inspector >/dev/null || fail "trust A"
	"$BIN" --lang en --db "$db" device trust "$idB" "$(dev_pk "$B")" --role inspector >/dev/null || fail "trust B"
done
"$BIN" --lang en --db "$B" device trust "$idA" "$(dev_pk "$A")" --role inspector >/dev/null || fail "B trusts A"

"$BIN" --lang en --db "$A" demo --markets 1 --days 1 --until 2026-03-01 >/dev/null 2>&1 || fail "demo on A"
"$BIN" --lang en --db "$A" sync "$DIR" >/dev/null || fail "sync A"
"$BIN" --lang en --db "$B" sync "$DIR" >/dev/null || fail "sync B"
"$BIN" --lang en --db "$S" sync "$DIR" >/dev/null || fail "sync S"
u=$(sqlite3 "$S" "SELECT uuid FROM inspection WHERE status <> 'draft' ORDER BY uuid LIMIT 1")
[ -n "$u" ] || fail "S has none of A's inspections"
q() { sqlite3 "$1" "SELECT device || '|' || seal FROM inspection WHERE uuid = '$u'"; }
before=$(q "$S")

# B makes A's record its own: its device, another note, a new seal (the
# import refuses it before any seal is checked)
sqlite3 "$B" "UPDATE inspection SET device = '$idB', status = 'draft' WHERE uuid = '$u';
	UPDATE answer SET note = 'B改的' WHERE id = (SELECT min(a.id) FROM answer a
		JOIN inspection i ON i.id = a.inspection_id WHERE i.uuid = '$u');
	UPDATE inspection SET status = 'final', seal = lower(hex(randomblob(32))) WHERE uuid = '$u'" ||
	fail "sqlite3 on B"
"$BIN" --lang en --db "$B" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync B (forged)"; }
ls "$DIR/$idB"/*.bundle >/dev/null 2>&1 || fail "B sent nothing"

"$BIN" --lang en --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (forged)"; }
grep -q "QUARANTINED $idB/[0-9]*.bundle: forged: inspection $u " "$T/out" ||
	{ cat "$T/out"; fail "the supervisor did not refuse B's takeover"; }
[ "$(q "$S")" = "$before" ] || fail "the supervisor's copy of A's record changed"
[ "$(sqlite3 "$S" "SELECT count(*) FROM sync_conflict")" = 0 ] || fail "the forgery was kept as a conflict"
"$BIN" --lang en --db "$S" verify >/dev/null || fail "verify on S"

# a fresh machine meets A's bundles and B's at once
cp -r "$DIR/$idA" "$DIR/$idB" "$FDIR/"
"$BIN" --lang en --db "$F" sync "$FDIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync F"; }
grep -q "QUARANTINED $idB/[0-9]*.bundle: forged: inspection $u " "$T/out" ||
	{ cat "$T/out"; fail "the fresh machine did not refuse B's takeover"; }
[ "$(q "$F")" = "$before" ] || fail "the fresh machine does not hold A's record"
"$BIN" --lang en --db "$F" sync --status "$FDIR" | grep -q "quarantined $idB/.*forged" || fail "status does not list it"

# B renames A's market
m=$(sqlite3 "$B" "SELECT uuid FROM market LIMIT 1")
sqlite3 "$B" "UPDATE market SET name = '假市场', rev = rev + 1, updated_at = '2026-03-02T10:00:00.000Z'
	WHERE uuid = '$m'" || fail "sqlite3 on B (market)"
"$BIN" --lang en --db "$B" sync "$DIR" >/dev/null 2>&1 || fail "sync B (market)"
"$BIN" --lang en --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (market)"; }
grep -q "QUARANTINED $idB/[0-9]*.bundle: unauthorized: market $m belongs to device $idA" "$T/out" ||
	{ cat "$T/out"; fail "the supervisor did not refuse B's renaming"; }
[ "$(sqlite3 "$S" "SELECT name FROM market WHERE uuid = '$m'")" != 假市场 ] || fail "the market was renamed"
echo "sync_takeover: ok"
