#!/bin/sh
# sync_folder_tui: with no sync folder in the settings, Enter on the sync
# screen asks for one; a path that is not a folder is refused and the form
# stays; a real folder is used at once and this machine's bundle lands there.
set -u
. tests/e2e/lib/tui.sh

mkdir -p "$T/d/stallcheck" "$T/stick"
XDG_CONFIG_HOME="$T/c" XDG_DATA_HOME="$T/d" "$BIN" device show >/dev/null || fail "device show"
sq "INSERT INTO market(uuid, name, created_at, updated_at) VALUES
	(lower(hex(randomblob(16))), '本机市场', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')"

start 100 30
wait_for "stallcheck"
keys S
wait_for "未设置同步文件夹"
keys Enter
wait_for "同步文件夹:"
type_text "$T/nosuch"; keys Enter
wait_for "不是可用的文件夹：$T/nosuch"
keys C-u; type_text "$T/stick"; keys Enter
wait_for "同步完成：发送 1 包"
wait_for "本次使用此文件夹"
dev=$(sq "SELECT value FROM meta WHERE key = 'device_id'")
[ -f "$T/stick/$dev/000001.bundle" ] || fail "no bundle in the folder given"
keys Escape
wait_for "新检查"
quit
no_reports
echo "sync_folder_tui: ok"
