#!/bin/sh
# readonly_cli: a database this user may read but not write (a copy handed
# over, a colleague's file) can still be listed and verified: the reading
# commands fall back to a read-only open and say so; writing ones refuse.
# The same for a database this user may write in a folder it may not
# (SQLite cannot make the -wal and -shm files there).
# Needs root (to become another user with setpriv); skipped otherwise.
set -u
. "$(dirname "$0")/lib/cli.sh"
BIN=$STALLCHECK_BIN
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	echo "readonly_cli: skipped (needs root and setpriv)"
	exit 0
fi
chmod 755 "$T"
# the other user runs its own copy of the binary: the build tree may be closed to it
cp "$BIN" "$T/sc" && chmod 755 "$T/sc"
mkdir -p "$T/cfg/stallcheck" && chmod -R 755 "$T/cfg" # a decision needs a name to record
printf '[inspector]\nname = 赵主任\n' > "$T/cfg/stallcheck/stallcheck.ini" && chmod 644 "$T/cfg/stallcheck/stallcheck.ini"
"$BIN" --db "$T/r.db" demo --markets 2 --days 3 --until 2026-11-28 >/dev/null 2>&1 || fail "demo"
chown 65534:65534 "$T/r.db" && chmod 444 "$T/r.db"
as_other() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T" LANG=C.UTF-8 "$T/sc" --db "$T/r.db" "$@"; }
# a temporary folder under a closed parent ($TMPDIR) cannot be reached by another user
if ! setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$T/r.db"; then
	echo "readonly_cli: skipped (the temporary folder $T is closed to other users)"
	exit 0
fi

as_other review list --date 2026-11-28 >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "review list"; }
grep -q "在此处只读：已以只读方式打开" "$T/err" || fail "no read-only notice"
[ "$(grep -c 已定稿 "$T/out")" -ge 1 ] || { cat "$T/out"; fail "review list shows no record"; }
as_other rectify list >/dev/null 2>&1 || fail "rectify list"
as_other verify >"$T/out" 2>&1 || { cat "$T/out"; fail "verify"; }
grep -q "封印和链全部完好" "$T/out" || fail "verify output"
uuid=$(sqlite3 "$T/r.db" "SELECT uuid FROM inspection WHERE status='final' LIMIT 1")
as_other review approve "$uuid" >"$T/out" 2>&1 && fail "approve on a read-only database succeeded"
grep -q "Permission denied" "$T/out" || { cat "$T/out"; fail "approve: no clear message"; }
[ "$(sqlite3 "$T/r.db" "SELECT status FROM inspection WHERE uuid='$uuid'")" = final ] || fail "the record changed"
ls "$T" | grep -q "r.db-" && fail "a -wal or -shm file appeared"

# a writable database in a read-only folder: listed and exported, not written
mkdir "$T/ro" "$T/mine" && chmod 755 "$T/ro" && chown 65534:65534 "$T/mine"
"$BIN" --db "$T/ro/w.db" demo --markets 2 --days 3 --until 2026-11-28 >/dev/null 2>&1 || fail "demo (2)"
chown 65534:65534 "$T/ro/w.db" && chmod 644 "$T/ro/w.db"
as_other2() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T" LANG=C.UTF-8 "$T/sc" --db "$T/ro/w.db" "$@"; }
as_other2 review list --date 2026-11-28 >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "review list in a read-only folder"; }
grep -q "在此处只读：已以只读方式打开" "$T/err" || { cat "$T/err"; fail "read-only folder: no notice"; }
[ "$(grep -c 已定稿 "$T/out")" -ge 1 ] || { cat "$T/out"; fail "read-only folder: review list shows no record"; }
as_other2 export --from 2026-11-26 --to 2026-11-28 --format csv -o "$T/mine/x.csv" >"$T/out" 2>&1 || { cat "$T/out";
	fail "export from a read-only folder"; }
uuid=$(sqlite3 "$T/ro/w.db" "SELECT uuid FROM inspection WHERE status='final' LIMIT 1")
as_other2 review approve "$uuid" >"$T/out" 2>&1 && fail "approve in a read-only folder succeeded"
grep -q "所在文件夹不可写" "$T/out" || { cat "$T/out"; fail "approve: no message naming the folder"; }
echo "readonly_cli: ok"
