#!/bin/sh
# crash_sync: `stallcheck sync` killed with SIGKILL at random moments while it
# imports bundles from three devices. After each kill: PRAGMA
# integrity_check is ok, every bundle the program reported imported is
# recorded with all its answers, and a second sync finishes the job with
# exactly the answers of an uninterrupted import.
# CRASH_RUNS=N kills (default 50), CRASH_MAX_MS longest wait (default: the
# time an uninterrupted import takes), CRASH_SEED the random seed.
set -u
[ -f core/sync.h ] || { echo "crash_sync: skipped (sync not built on this branch)"; exit 0; }
BIN=${STALLCHECK_BIN:?}
RUNS=${CRASH_RUNS:-50}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/cfg" XDG_DATA_HOME="$T/data" STALLCHECK_NOW=2026-11-28T18:00 LANG=C.UTF-8
mkdir -p "$T/cfg/stallcheck" "$T/data" "$T/sync"
printf '[inspector]\nname = 测试\n' >"$T/cfg/stallcheck/stallcheck.ini"
fail() { echo "crash_sync: $*"; exit 1; }
q() { sqlite3 "$1" "$2"; }

# three devices, one bundle each; a receiver that trusts them
"$BIN" --db "$T/recv.db" device show >/dev/null || fail "device show failed"
for d in 1 2 3; do
	"$BIN" --db "$T/dev$d.db" demo --markets 1 --days 2 --until 2026-11-28 --seed "$d" >/dev/null ||
		fail "demo for device $d failed"
	"$BIN" --db "$T/dev$d.db" sync "$T/sync" >/dev/null || fail "export of device $d failed"
	id=$(q "$T/dev$d.db" "SELECT value FROM meta WHERE key = 'device_id'")
	pk=$(q "$T/dev$d.db" "SELECT value FROM meta WHERE key = 'device_pubkey'")
	"$BIN" --db "$T/recv.db" device trust "$id" "$pk" --role supervisor >/dev/null || fail "trust $d failed"
done
rm -f "$T/recv.db-wal" "$T/recv.db-shm"

# the reference: an uninterrupted import
cp -r "$T/sync" "$T/refsync"
cp "$T/recv.db" "$T/ref.db"
cp "$T/recv.db.key" "$T/ref.db.key"
t0=$(date +%s%N)
"$BIN" --db "$T/ref.db" sync "$T/refsync" >/dev/null || fail "reference import failed"
t1=$(date +%s%N)
# kills spread over the time a whole import takes (start-up included)
MAXMS=${CRASH_MAX_MS:-$(( (t1 - t0) / 1000000 + 5 ))}
want=$(q "$T/ref.db" "SELECT count(*) FROM answer")
[ "$want" -gt 100 ] || fail "reference import gave only $want answers"

seed=${CRASH_SEED:-$$}
i=0 imported=0
while [ $i -lt "$RUNS" ]; do
	i=$((i + 1))
	rm -rf "$T/run"; mkdir -p "$T/run"
	cp -r "$T/sync" "$T/run/sync"
	cp "$T/recv.db" "$T/run/r.db"
	cp "$T/recv.db.key" "$T/run/r.db.key"
	ms=$(awk -v s="$seed" -v i="$i" -v m="$MAXMS" 'BEGIN { srand(s + i); printf "%d", rand() * m }')
	"$BIN" --db "$T/run/r.db" sync "$T/run/sync" >"$T/run/log" 2>&1 &
	pid=$!
	sleep "$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	ok=$(q "$T/run/r.db" "PRAGMA integrity_check" 2>&1)
	[ "$ok" = ok ] || fail "kill $i after $ms ms (CRASH_SEED=$seed): integrity_check: $ok"
	# every bundle reported imported is recorded, with all its answers
	for f in $(sed -n 's/^\(\[[0-9/]*\] \)\{0,1\}imported \([^:]*\):.*/\2/p' "$T/run/log"); do
		dev=${f%%/*}
		seq=$(basename "$f" .bundle | sed 's/^0*//')
		n=$(q "$T/run/r.db" "SELECT count(*) FROM sync_bundle WHERE device = '$dev' AND seq = $seq")
		[ "$n" = 1 ] || fail "kill $i after $ms ms (CRASH_SEED=$seed): $f was reported imported but is not recorded"
		got=$(q "$T/run/r.db" "SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id WHERE i.device = '$dev'")
		ref=$(q "$T/ref.db" "SELECT count(*) FROM answer a JOIN inspection i ON i.id = a.inspection_id WHERE i.device = '$dev'")
		[ "$got" = "$ref" ] || fail "kill $i after $ms ms (CRASH_SEED=$seed): $f reported imported, $got of its $ref answers there"
		imported=$((imported + 1))
	done
	# a second sync completes it, as if nothing had happened
	"$BIN" --db "$T/run/r.db" sync "$T/run/sync" >"$T/run/log2" 2>&1 ||
		fail "kill $i after $ms ms (CRASH_SEED=$seed): the sync after the kill failed: $(cat "$T/run/log2")"
	got=$(q "$T/run/r.db" "SELECT count(*) FROM answer")
	[ "$got" = "$want" ] || fail "kill $i after $ms ms (CRASH_SEED=$seed): $got answers after resuming, $want expected"
done
echo "crash_sync: $RUNS kills during import (up to $MAXMS ms), $imported bundle imports reported before a kill, all intact; every resumed sync complete"
