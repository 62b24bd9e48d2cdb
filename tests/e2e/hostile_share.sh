#!/bin/sh
# hostile_share: a sync folder others can write into cannot hurt this
# machine: a device folder replaced by a symbolic link is refused (nothing
# outside the share deleted or written), a junk 999999.bundle does not
# wedge the numbering, links to bundles and device folders are not
# followed, only this device's own temporary files are removed, and a huge
# file is judged by its SQLite header before it is read.
set -u
. tests/e2e/lib/cli.sh

A="$T/a.db" S="$T/s.db" DIR="$T/share"
mkdir "$DIR"
idA=$(dev_id "$A") pkA=$(dev_pk "$A")
[ -n "$pkA" ] || fail "device show"
"$BIN" --lang en --db "$S" device trust "$idA" "$pkA" --role inspector >/dev/null 2>&1 || fail "trust"
market() { # a new registry record on A: something to send
	sqlite3 "$A" "INSERT INTO market(uuid, name, created_at, updated_at) VALUES
		(lower(hex(randomblob(16))), '$1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')" ||
		fail "sqlite3"
}

# 1. A's device folder is a link to a private folder: refused, named, untouched
mkdir "$T/private"
echo "keep" >"$T/private/notes.tmp"
echo "keep" >"$T/private/report.tmp.docx"
ln -s "$T/private" "$DIR/$idA"
market 东门市场
"$BIN" --lang en --db "$A" sync "$DIR" >"$T/out" 2>&1 && { cat "$T/out"; fail "sync through a linked device folder succeeded"; }
grep -q "$DIR/$idA is a symbolic link" "$T/out" || { cat "$T/out"; fail "no message naming the linked folder"; }
[ -f "$T/private/notes.tmp" ] && [ -f "$T/private/report.tmp.docx" ] ||
	fail "files outside the share were deleted"
[ "$(ls -A "$T/private" | wc -l)" = 2 ] || { ls -la "$T/private"; fail "files were written outside the share"; }
rm "$DIR/$idA"

# 2. one junk file in A's own folder does not stop its syncs
mkdir "$DIR/$idA"
printf 'junk\n' >"$DIR/$idA/999999.bundle"
echo "mine" >"$DIR/$idA/notes.tmp"
touch "$DIR/$idA/.sc-tmp-$idA-4242-AbCdEf"   # a killed sync's temporary file
"$BIN" --lang en --db "$A" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync with a junk 999999.bundle failed"; }
grep -q "sync: sent 1 bundle" "$T/out" || { cat "$T/out"; fail "nothing sent past the junk file"; }
grep -q "$idA/999999.bundle: not a bundle of this device, skipped (truncated" "$T/out" ||
	{ cat "$T/out"; fail "the junk file was not reported as skipped"; }
[ -f "$DIR/$idA/999999.bundle" ] && [ -f "$DIR/$idA/notes.tmp" ] || fail "a foreign file in the device folder was removed"
[ ! -e "$DIR/$idA/.sc-tmp-$idA-4242-AbCdEf" ] || fail "this device's leftover temporary file was not removed"
market 翠竹市场
mkdir "$DIR/$idA/000002.sig"                  # a name a rename cannot replace: number 2 is skipped
"$BIN" --lang en --db "$A" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "second sync with the junk file failed"; }
grep -q "sync: sent 1 bundle" "$T/out" || { cat "$T/out"; fail "second sync sent nothing"; }
[ -f "$DIR/$idA/000003.bundle" ] || { ls -a "$DIR/$idA"; fail "the taken number 2 was not skipped"; }
"$BIN" --lang en --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S"; }
[ "$(sqlite3 "$S" "SELECT count(*) FROM market")" = 2 ] || { cat "$T/out"; fail "S did not import A's bundles"; }
grep -q "QUARANTINED $idA/999999.bundle: truncated" "$T/out" || { cat "$T/out"; fail "S: junk not quarantined"; }

# 3. links from the share are not followed: a bundle, and a device folder
cp "$DIR/$idA/000001.bundle" "$T/outside.bundle"
ln -s "$T/outside.bundle" "$DIR/$idA/000007.bundle"
cp "$DIR/$idA/000001.sig" "$DIR/$idA/000007.sig"
idY=0f0e0d0c-0b0a-4909-8807-060504030201
mkdir "$T/elsewhere"
cp "$DIR/$idA/000001.bundle" "$T/elsewhere/000001.bundle"
ln -s "$T/elsewhere" "$DIR/$idY"
"$BIN" --lang en --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S with links"; }
grep -q "QUARANTINED $idA/000007.bundle: unreadable: the file is a symbolic link" "$T/out" ||
	{ cat "$T/out"; fail "a linked bundle was followed"; }
grep -q "QUARANTINED $idY/000001.bundle: unreadable: its device folder is a symbolic link" "$T/out" ||
	{ cat "$T/out"; fail "a linked device folder was followed"; }

# 4. a huge file is judged by its header: refused without being read
rm "$DIR/$idA/000007.bundle"
head -c 100 "$DIR/$idA/000001.bundle" >"$DIR/$idA/000008.bundle"
truncate -s 900M "$DIR/$idA/000008.bundle"
/usr/bin/time -f "%M" -o "$T/rss" "$BIN" --lang en --db "$S" sync "$DIR" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync S (huge)"; }
grep -q "QUARANTINED $idA/000008.bundle: corrupt: 943718400 bytes, the header promises" "$T/out" ||
	{ cat "$T/out"; fail "the huge file was not refused by its header"; }
[ "$(tail -1 "$T/rss")" -lt 200000 ] || fail "the huge file was read into memory ($(tail -1 "$T/rss") KiB)"
echo "hostile_share: ok"
