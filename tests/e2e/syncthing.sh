#!/bin/sh
# syncthing: a real file-sync engine carries the sync folder. Two Syncthing
# instances on 127.0.0.1 with private homes (no discovery, relays, NAT or
# usage reporting) share one folder between two stallcheck devices that
# trust each other. Checks: records cross A -> B and B -> A; half-copied
# files are waited for (Syncthing's .syncthing.*.tmp files are ignored, a
# bundle shorter than its header promises and one without its .sig yet are
# "waiting", then import once complete); Syncthing's conflict copies
# (*.sync-conflict-*) are ignored without an error. Bounded in time
# (SYNCTHING_TIMEOUT, default 120 s); every process it starts is stopped on
# exit. Skipped when syncthing is not installed (scripts/deps.sh installs it).
set -u
. tests/e2e/lib/cli.sh
if ! command -v syncthing >/dev/null 2>&1; then
	echo "syncthing.sh: skipped: syncthing is not installed (as root: apt-get install syncthing)"
	exit 0
fi
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
DEADLINE=$(($(date +%s) + ${SYNCTHING_TIMEOUT:-120}))
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	for p in $PIDS; do wait "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export STNOUPGRADE=1 STNODEFAULTFOLDER=1 STNORESTART=1
KEY=stallcheck-e2e-$$
# fail with the logs of both engines
st_fail() { for n in a b; do echo "--- syncthing $n:"; tail -15 "$T/st_$n.log"; done; fail "$*"; }

# free ports on the loopback: GUI/API and sync for a and b
set -- $("$PY" -c 'import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')
GUI_a=$1 GUI_b=$2 PORT_a=$3 PORT_b=$4
for n in a b; do
	syncthing generate --home="$T/st_$n" --no-default-folder >"$T/st_$n.log" 2>&1 || st_fail "syncthing generate"
	mkdir -p "$T/share_$n/.stfolder"
done
ver=$(sed -n 's/^<configuration version="\([0-9]*\)".*/\1/p' "$T/st_a/config.xml")
ID_a=$(sed -n 's/.*<device id="\([A-Z0-9-]*\)".*/\1/p' "$T/st_a/config.xml" | head -1)
ID_b=$(sed -n 's/.*<device id="\([A-Z0-9-]*\)".*/\1/p' "$T/st_b/config.xml" | head -1)
[ -n "$ver" ] && [ -n "$ID_a" ] && [ -n "$ID_b" ] || st_fail "cannot read the generated config.xml"
for n in a b; do
	eval gui=\$GUI_$n port=\$PORT_$n
	cat >"$T/st_$n/config.xml" <<XML
<configuration version="$ver">
    <folder id="stallcheck" label="stallcheck" path="$T/share_$n" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <filesystemType>basic</filesystemType>
        <device id="$ID_a"></device>
        <device id="$ID_b"></device>
        <minDiskFree unit="%">0</minDiskFree>
    </folder>
    <device id="$ID_a" name="a" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:$PORT_a</address>
    </device>
    <device id="$ID_b" name="b" compression="metadata" introducer="false">
        <address>tcp://127.0.0.1:$PORT_b</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:$gui</address>
        <apikey>$KEY</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:$port</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <crashReportingEnabled>false</crashReportingEnabled>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
XML
	syncthing serve --home="$T/st_$n" --no-browser --no-restart --no-upgrade >>"$T/st_$n.log" 2>&1 &
	PIDS="$PIDS $!"
done

api() { # api a|b METHOD PATH: the REST API of instance a or b
	eval gui=\$GUI_$1
	"$PY" -c 'import sys, urllib.request
r = urllib.request.Request(sys.argv[1], method=sys.argv[2], headers={"X-API-Key": sys.argv[3]})
sys.stdout.write(urllib.request.urlopen(r, timeout=5).read().decode())' \
		"http://127.0.0.1:$gui$3" "$2" "$KEY" 2>/dev/null
}
# until CMD...: poll CMD until it succeeds or the deadline passes
until_ok() {
	while ! "$@"; do
		[ "$(date +%s)" -lt "$DEADLINE" ] || return 1
		sleep 0.5
	done
}
pong() { api "$1" GET /rest/system/ping 2>/dev/null | grep -q pong; }
until_ok pong a && until_ok pong b || st_fail "syncthing did not answer on its API"
connected() {
	api a GET /rest/system/connections | "$PY" -c 'import json, sys
sys.exit(0 if json.load(sys.stdin)["connections"].get(sys.argv[1], {}).get("connected") else 1)' "$ID_b"
}
until_ok connected || st_fail "the two syncthing instances did not connect"
scan() { api "$1" POST "/rest/db/scan?folder=stallcheck" >/dev/null || true; }
# arrived SHARE DEV SEQ SIZE: the bundle (exactly SIZE bytes) and its .sig are there
arrived() {
	[ -f "$T/share_$1/$2/$3.sig" ] && [ "$(stat -c %s "$T/share_$1/$2/$3.bundle" 2>/dev/null)" = "$4" ]
}
# carry FROM TO DEV SEQ: wait until Syncthing has carried FROM's bundle SEQ of DEV to TO
carry() {
	scan "$1"
	until_ok arrived "$2" "$3" "$4" "$(stat -c %s "$T/share_$1/$3/$4.bundle")" ||
		st_fail "bundle $3/$4 did not reach $2 in time"
}

# two stallcheck devices that trust each other (each reviews: supervisor)
mkdir -p "$T/cfg/stallcheck"
printf '[inspector]\nname = 测试\n' >"$T/cfg/stallcheck/stallcheck.ini"
A="$T/a.db" B="$T/b.db"
"$BIN" --lang en --db "$A" demo --markets 1 --days 1 --until 2026-11-27 --seed 1 >/dev/null || fail "demo A"
"$BIN" --lang en --db "$B" demo --markets 1 --days 1 --until 2026-11-28 --seed 2 >/dev/null || fail "demo B"
idA=$(dev_id "$A") idB=$(dev_id "$B")
"$BIN" --lang en --db "$A" device trust "$idB" "$(dev_pk "$B")" --role supervisor >/dev/null || fail "trust B"
"$BIN" --lang en --db "$B" device trust "$idA" "$(dev_pk "$A")" --role supervisor >/dev/null || fail "trust A"
uA=$(sqlite3 "$A" "SELECT uuid FROM inspection WHERE status <> 'draft' LIMIT 1")
uB=$(sqlite3 "$B" "SELECT uuid FROM inspection WHERE status <> 'draft' LIMIT 1")

# A -> B
"$BIN" --lang en --db "$A" sync "$T/share_a" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync A"; }
carry a b "$idA" 000001
"$BIN" --lang en --db "$B" sync "$T/share_b" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync B"; }
grep -q "imported $idA/000001.bundle" "$T/out" || { cat "$T/out"; fail "B did not import A's bundle"; }
"$BIN" --lang en --db "$B" review list --date 2026-11-27 | grep -q "$uA" || fail "A's inspection not in B's review list"
# B -> A (B's bundle was written by the sync above)
carry b a "$idB" 000001
"$BIN" --lang en --db "$A" sync "$T/share_a" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync A (2)"; }
grep -q "imported $idB/000001.bundle" "$T/out" || { cat "$T/out"; fail "A did not import B's bundle"; }
"$BIN" --lang en --db "$A" review list --date 2026-11-28 | grep -q "$uB" || fail "B's inspection not in A's review list"

# half-copied files. Syncthing's own temporary file: never read
head -c 8192 "$T/share_b/$idA/000001.bundle" >"$T/share_b/$idA/.syncthing.000003.bundle.tmp"
# A's next bundle (a market renamed), written aside and copied into the
# share in two steps, as a copy that writes in place would: first half of
# it, without its .sig
sqlite3 "$A" "UPDATE market SET name = '半途市场', rev = rev + 1, updated_at = '2026-11-29T08:00:00.000Z'
	WHERE id = (SELECT market_id FROM inspection WHERE uuid = '$uA')" ||
	fail "sqlite3"
mkdir "$T/aside"
"$BIN" --lang en --db "$A" sync "$T/aside" >/dev/null 2>&1 || fail "sync A aside"
whole="$T/aside/$idA/000002.bundle" size=$(stat -c %s "$T/aside/$idA/000002.bundle")
head -c $((size / 2)) "$whole" >"$T/share_a/$idA/000002.bundle"
scan a
half() { [ "$(stat -c %s "$T/share_b/$idA/000002.bundle" 2>/dev/null)" = $((size / 2)) ]; }
until_ok half || st_fail "the half bundle did not reach b"
"$BIN" --lang en --db "$B" sync "$T/share_b" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync B with half files"; }
grep -q "QUARANTINED\|syncthing" "$T/out" && { cat "$T/out"; fail "a half-copied file was reported as junk"; }
grep -q "waiting $idA/000002.bundle: incomplete" "$T/out" || { cat "$T/out"; fail "the half bundle is not waiting"; }
"$BIN" --lang en --db "$B" sync --status "$T/share_b" >"$T/out" 2>&1
grep -q " 0 quarantined" "$T/out" || { cat "$T/out"; fail "sync --status: quarantined"; }
# the rest of it, without the .sig yet
cp "$whole" "$T/share_a/$idA/000002.bundle"
scan a
full() { [ "$(stat -c %s "$T/share_b/$idA/000002.bundle" 2>/dev/null)" = "$size" ]; }
until_ok full || st_fail "the whole bundle did not reach b"
"$BIN" --lang en --db "$B" sync "$T/share_b" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync B without the .sig"; }
grep -q "waiting $idA/000002.bundle: waiting for its signature" "$T/out" ||
	{ cat "$T/out"; fail "the bundle without its .sig is not waiting"; }
cp "$T/aside/$idA/000002.sig" "$T/share_a/$idA/000002.sig"
carry a b "$idA" 000002
"$BIN" --lang en --db "$B" sync "$T/share_b" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync B, bundle complete"; }
grep -q "imported $idA/000002.bundle" "$T/out" || { cat "$T/out"; fail "the completed bundle was not imported"; }
[ "$(sqlite3 "$B" "SELECT count(*) FROM market WHERE name = '半途市场'")" = 1 ] || fail "the rename did not arrive"

# Syncthing's conflict copies, in the other device's folder and (carried
# by Syncthing) in this device's own: ignored, no error, nothing reported
c=000001.sync-conflict-20261129-080000-ABCDEFG
cp "$T/share_b/$idA/000001.bundle" "$T/share_b/$idA/$c.bundle"
cp "$T/share_b/$idA/000001.sig" "$T/share_b/$idA/$c.sig"
scan b
conflict_there() { [ -f "$T/share_a/$idA/$c.bundle" ] && [ -f "$T/share_a/$idA/$c.sig" ]; }
until_ok conflict_there || st_fail "the conflict copy did not reach a"
for d in A B; do
	eval db=\$$d; n=$(echo $d | tr AB ab)
	"$BIN" --lang en --db "$db" sync "$T/share_$n" >"$T/out" 2>&1 || { cat "$T/out"; fail "sync $d with a conflict copy"; }
	grep -q "sync-conflict\|QUARANTINED\|skipped" "$T/out" && { cat "$T/out"; fail "$d reported the conflict copy"; }
	"$BIN" --lang en --db "$db" sync --status "$T/share_$n" | grep -q " 0 quarantined" || fail "$d: quarantined after the conflict copy"
done
echo "syncthing: ok ($(($(date +%s) - DEADLINE + ${SYNCTHING_TIMEOUT:-120})) s)"
