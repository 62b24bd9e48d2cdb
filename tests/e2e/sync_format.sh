#!/bin/sh
# sync_format: bundles of another stallcheck version, as a person meets
# them. A newer bundle format is refused saying to update stallcheck on
# this machine (in Chinese by default, in English with --lang en), nothing
# of it is imported, it stays in the folder and imports after the update;
# sync --status shows each device's format with the warning; a device
# still on the version before signed reviews is named as the one to
# update, and once updated it sends those records again.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/e2e/lib/cli.sh"

A="$T/a.db" S="$T/s.db" DIR="$T/share"
mkdir "$DIR"
idA=$(dev_id "$A") pkA=$(dev_pk "$A") idS=$(dev_id "$S") pkS=$(dev_pk "$S")
[ "$(python3 "$top/tests/tools/ed25519_sign.py" --pubkey "$A.key")" = "$pkA" ] || fail "the test signer derives another key"
"$BIN" --db "$S" device trust "$idA" "$pkA" --role inspector >/dev/null || fail "trust A"
"$BIN" --db "$A" device trust "$idS" "$pkS" --role supervisor >/dev/null || fail "trust S"
market() {
	sqlite3 "$A" "INSERT INTO market(uuid, name, created_at, updated_at) VALUES
		(lower(hex(randomblob(16))), '$1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')" ||
		fail "sqlite3"
}
markets() { sqlite3 "$S" "SELECT count(*) FROM market"; }
# rewrite A's bundle N with SQL and sign it with A's key: what another
# stallcheck version on A would have written
rewrite() {
	b="$DIR/$idA/$1.bundle"
	sqlite3 "$b" "$2" || fail "sqlite3 on bundle $1"
	python3 "$top/tests/tools/ed25519_sign.py" "$A.key" "$b" >"$DIR/$idA/$1.sig" || fail "signing bundle $1"
}

market 东门市场
"$BIN" --db "$A" sync "$DIR" >/dev/null || fail "sync A (1)"
cp "$DIR/$idA/000001.bundle" "$T/1.bundle" && cp "$DIR/$idA/000001.sig" "$T/1.sig" || fail "cp"
# the format this program writes (W) and the oldest it reads (MIN); N is newer
W=$(sqlite3 "$T/1.bundle" "SELECT value FROM manifest WHERE key = 'format'")
MIN=$("$BIN" --db "$S" --lang en sync --status | sed -n "s/^bundle format: this stallcheck writes $W, reads \([0-9]*\) to $W\$/\1/p")
[ -n "$MIN" ] || fail "sync --status does not say which formats it writes and reads"
N=$((W + 1))
rewrite 000001 "UPDATE manifest SET value = '$N' WHERE key = 'format'"

# newer: this machine must update; nothing imported
"$BIN" --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (zh)"; }
grep -q "^警告：设备 $idA 发来的同步包为格式 $N，本机的 stallcheck 最高只能读取格式 $W：请更新本机的 stallcheck" "$T/out" ||
	{ cat "$T/out"; fail "no warning in Chinese"; }
"$BIN" --db "$S" --lang en sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (en)"; }
grep -q "QUARANTINED $idA/000001.bundle: newer bundle format: 000001.bundle from device $idA uses format $N;\
 this stallcheck reads up to format $W: update stallcheck on this machine" "$T/out" ||
	{ cat "$T/out"; fail "the refusal does not say what to update"; }
grep -q "^warning: device $idA sends bundle format $N; this stallcheck reads up to format $W: update stallcheck on\
 this machine" "$T/out" || { cat "$T/out"; fail "no warning in English"; }
[ "$(markets)" = 0 ] || fail "records of a newer bundle were imported"
[ -f "$DIR/$idA/000001.bundle" ] || fail "the refused bundle is gone"
"$BIN" --db "$S" --lang en sync --status "$DIR" >"$T/status" || fail "status"
grep -q "^  $idA (inspector): format $N (bundle 000001, read 20" "$T/status" &&
	grep -q "^warning: device $idA sends bundle format $N" "$T/status" &&
	grep -q "in $DIR: 1 bundle from other devices not imported yet" "$T/status" ||
	{ cat "$T/status"; fail "status does not show the device's format"; }

# this machine updated (here: the bundle as this version reads it): imported
cp "$T/1.bundle" "$DIR/$idA/000001.bundle" && cp "$T/1.sig" "$DIR/$idA/000001.sig" || fail "cp"
"$BIN" --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S after the update"; }
grep -q "已导入 $idA/000001.bundle" "$T/out" || { cat "$T/out"; fail "not imported after the update"; }
grep -q "警告" "$T/out" && { cat "$T/out"; fail "a warning is left"; }
[ "$(markets)" = 1 ] || fail "S does not hold A's market"

# A on the version before signed reviews: A must update
market 西门市场
"$BIN" --db "$A" sync "$DIR" >/dev/null || fail "sync A (2)"
rewrite 000002 "ALTER TABLE review DROP COLUMN sig; ALTER TABLE rect_event DROP COLUMN sig;
	UPDATE manifest SET value = '1' WHERE key = 'format'; UPDATE manifest SET value = '13' WHERE key = 'schema'"
"$BIN" --db "$S" --lang en sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (older)"; }
grep -q "QUARANTINED $idA/000002.bundle: older bundle format: 000002.bundle from device $idA uses format 1\
 (before signed reviews); this stallcheck reads format $MIN and later: update stallcheck on that device" "$T/out" &&
	grep -q "^warning: device $idA sends bundle format 1 (an older stallcheck)" "$T/out" ||
	{ cat "$T/out"; fail "the refusal does not name the device to update"; }
grep -q malformed "$T/out" && fail "an older bundle called malformed"
[ "$(markets)" = 1 ] || fail "records of an older bundle were imported"
# A updated: its migration marks the bundles written before for a look
sqlite3 "$A" "INSERT INTO meta(key, value) VALUES ('sync_recheck_upto', '2')" || fail "sqlite3"
"$BIN" --db "$A" --lang en sync "$DIR" >"$T/out" 2>&1
grep -q "^sync: sent 1 bundle (1 records)" "$T/out" || { cat "$T/out"; fail "A did not send again"; }
"$BIN" --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (resent)"; }
grep -q "已导入 $idA/000003.bundle" "$T/out" || { cat "$T/out"; fail "the records sent again were not imported"; }
[ "$(markets)" = 2 ] || fail "S does not hold the market of the older bundle"
echo "sync_format: ok"
