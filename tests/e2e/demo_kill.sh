#!/bin/sh
# demo_kill: `stallcheck demo` killed with SIGKILL while it fills a year.
# Each day is its own transaction, written with triggers off (db_bulk), its
# signatures made on a second thread: after a kill, the next open must leave
# a database as a finished demo of those days would be. integrity_check is
# ok, no day is half written, every review and event is signed and verify
# passes, and what the triggers keep is right: the unsent count the home
# screen shows and the makers of the records (uuid_owner).
# KILL_RUNS=N kills (default 3), KILL_SEED the random seed.
set -u
BIN=${STALLCHECK_BIN:?}
RUNS=${KILL_RUNS:-3}
SEED=${KILL_SEED:-$$}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/cfg" XDG_DATA_HOME="$T/data" STALLCHECK_NOW=2026-11-28T18:00 LANG=C.UTF-8
mkdir -p "$T/cfg/stallcheck" "$T/data"
fail() { echo "demo_kill: $* (KILL_SEED=$SEED)"; exit 1; }
q() { sqlite3 "$1" "$2"; }
echo "demo_kill: KILL_SEED=$SEED"
days() { q "$db" "SELECT count(DISTINCT day) FROM inspection" 2>/dev/null || echo 0; }
wait_days() {
	i=0
	while [ "$(days)" -lt "$1" ]; do
		i=$((i + 1))
		[ "$i" -lt 600 ] || fail "run $r: not $1 days committed after 60 s"
		kill -0 "$pid" 2>/dev/null || fail "run $r: the demo ended before it was killed"
		sleep 0.1
	done
}

r=0
while [ "$r" -lt "$RUNS" ]; do
	r=$((r + 1))
	db="$T/k$r.db"
	"$BIN" --db "$db" demo --markets 8 --days 365 --until 2026-11-28 --seed "$r" >/dev/null 2>&1 &
	pid=$!
	# until a few days are committed
	wait_days 3
	# an open elsewhere (the TUI, a command) finishes the fill so far and
	# takes its mark; the fill's next day must mark it again
	"$BIN" --db "$db" review list >/dev/null 2>"$T/open.err" || { cat "$T/open.err"; fail "run $r: an open during the fill failed"; }
	wait_days $(($(days) + 2))
	# then up to half a second more
	sleep "0.$(( (SEED * 7 + r * 131) % 5 ))"
	kill -9 "$pid" 2>/dev/null || fail "run $r: the demo ended before it was killed"
	wait "$pid" 2>/dev/null
	[ "$(q "$db" "SELECT count(*) FROM meta WHERE key = 'bulk_fill'")" = 1 ] ||
		fail "run $r: no mark of the unfinished fill"
	# the next open (any command) finishes what the killed fill left
	"$BIN" --db "$db" verify >"$T/verify.out" 2>&1 || { cat "$T/verify.out"; fail "run $r: verify failed"; }
	[ "$(q "$db" "PRAGMA integrity_check")" = ok ] || fail "run $r: integrity_check"
	[ "$(q "$db" "SELECT count(*) FROM meta WHERE key = 'bulk_fill'")" = 0 ] || fail "run $r: mark left"
	[ "$(q "$db" "SELECT count(*) FROM inspection WHERE status = 'draft'")" = 0 ] ||
		fail "run $r: a half-written day was kept"
	[ "$(q "$db" "SELECT (SELECT count(*) FROM review WHERE sig IS NULL OR sig = '')
		+ (SELECT count(*) FROM rect_event WHERE sig IS NULL OR sig = '')")" = 0 ] ||
		fail "run $r: unsigned rows"
	unsent=$(q "$db" "SELECT n FROM sync_unsent")
	want=$(q "$db" "SELECT count(*) FROM inspection i WHERE i.status <> 'draft' AND i.seal IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM sync_seen s WHERE s.kind = 'inspection' AND s.key = i.uuid
		AND s.stamp = i.seal)")
	[ "$want" -gt 0 ] && [ "$unsent" = "$want" ] || fail "run $r: unsent count $unsent, records unsent $want"
	missing=$(q "$db" "SELECT count(*) FROM (SELECT uuid, device FROM inspection UNION ALL
		SELECT uuid, device FROM rectification UNION ALL SELECT uuid, device FROM rect_event
		UNION ALL SELECT uuid, device FROM review) x
		WHERE x.device <> '' AND NOT EXISTS (SELECT 1 FROM uuid_owner o WHERE o.uuid = x.uuid)")
	[ "$missing" = 0 ] || fail "run $r: $missing records without their maker in uuid_owner"
done
echo "demo_kill: ok ($RUNS kills)"
