#!/bin/sh
# sync_tui: the sync screen of the full-screen program. Home, S opens it with
# what is unsent; Enter syncs with the configured folder: a trusted peer's
# bundle is imported, an unknown device's quarantined with its reason, the
# summary on the status line; a second Enter moves nothing. Each trusted
# device's bundle format is listed, and a newer one shows the warning.
set -u
. tests/e2e/lib/tui.sh

SHARE=$T/share
mkdir -p "$SHARE"
echo "sync_folder = $SHARE" >>"$T/c/stallcheck/stallcheck.ini"
cli() { XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" "$@"; }
market() {
	sqlite3 "$1" "INSERT INTO market(uuid, name, created_at, updated_at) VALUES
		(lower(hex(randomblob(16))), '$2', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')" ||
		fail "sqlite3"
}

# this machine: one market of its own (no demo offer); a peer P it trusts
# and a device X it does not, both with bundles in the folder
mkdir -p "$T/d/stallcheck"
cli device show >/dev/null || fail "device show"
market "$DB" "本机市场"
P=$T/p.db X=$T/x.db
idP=$(cli --db "$P" device show | awk '/^device/ {print $2}')
pkP=$(cli --db "$P" device show | awk '/^pubkey/ {print $2}')
idX=$(cli --db "$X" device show | awk '/^device/ {print $2}')
market "$P" "翠竹市场"
market "$X" "陌生市场"
cli --db "$P" sync "$SHARE" >/dev/null || fail "sync P"
cli --db "$X" sync "$SHARE" >/dev/null || fail "sync X"
cli device trust "$idP" "$pkP" --role inspector >/dev/null || fail "trust P"

start 100 30 -e TZ=Asia/Shanghai  # stamps are UTC, the screen local
wait_for "stallcheck"
keys S
wait_for "同步文件夹：$SHARE"
wait_for "未发送：2 条（检查 0，审核 0，登记 1，整改 0，模板 1）"
wait_for "从未同步"
keys Enter
wait_for "同步完成"
wait_for "已导入 $idP/000001.bundle："
screen | grep -q "已导入 $idP/000001.bundle：[1-9][0-9]* 条" || fail "the import line is not in Chinese words"
wait_for "已隔离 $idX/000001.bundle: unknown device"
wait_for "未发送：0 条"
W=$(sqlite3 "$SHARE/$idP/000001.bundle" "SELECT value FROM manifest WHERE key = 'format'")
wait_for "$idP（检查员）：格式 $W（同步包 000001）"
# help and back: this run's lines are still there
keys ?
wait_for "按键（任意键关闭）"
keys Space
wait_gone "按键（任意键关闭）"
screen | grep -q "已导入 $idP/000001.bundle" || fail "the sync's results were wiped by help"
screen | grep -q "隔离 1" || fail "the counts do not show the quarantined bundle"
expect_sql "SELECT count(*) FROM market WHERE name = '翠竹市场'" 1
expect_sql "SELECT count(*) FROM market WHERE name = '陌生市场'" 0
[ -f "$SHARE/$(sq "SELECT value FROM meta WHERE key = 'device_id'")/000001.bundle" ] ||
	fail "this machine's bundle was not written"
keys Enter
wait_for "同步完成：发送 0 包（0 条），导入 0 包"
# P updated before this machine: its bundle 2 in a newer format
market "$P" "荔枝市场"
cli --db "$P" sync "$SHARE" >/dev/null || fail "sync P (2)"
sqlite3 "$SHARE/$idP/000002.bundle" "UPDATE manifest SET value = '$((W + 1))' WHERE key = 'format'" || fail "sqlite3"
python3 tests/tools/ed25519_sign.py "$P.key" "$SHARE/$idP/000002.bundle" >"$SHARE/$idP/000002.sig" ||
	fail "signing"
keys Enter
wait_for "已隔离 $idP/000002.bundle: newer bundle format"
wait_for "设备 $idP 发来的同步包为格式 $((W + 1))，"
expect_sql "SELECT count(*) FROM market WHERE name = '荔枝市场'" 0
keys Escape
wait_for "新检查"
# the home screen says when the last sync ran, in local time: the program's
# zone (Shanghai), which on the real clock is not the script's day after
# 16:00 UTC
shown=$TODAY; [ -z "$NOW" ] && shown=$(TZ=Asia/Shanghai date +%F)
wait_for "上次同步 $shown${NOW:+ ${NOW#*T}}"
quit
no_reports
echo "sync_tui: ok"
