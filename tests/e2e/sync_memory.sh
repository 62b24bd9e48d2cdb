#!/bin/sh
# sync_memory: a bundle is never read whole into memory (issue 14: a file
# just under 1 GiB cost 1 GB of RSS at every sync). A trusted device's
# 96 MiB bundle, whose header promises exactly its size and whose signature
# does not verify, is hashed in chunks and quarantined as tampered; the
# sync's peak resident memory stays under half the bundle's size. The
# private copy it reads is removed, and so is one a killed sync left.
set -u
. tests/e2e/lib/cli.sh
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
S="$T/s.db" A="$T/a.db" DIR="$T/share"
idA=$(dev_id "$A")
"$BIN" --lang en --db "$S" device trust "$idA" "$(dev_pk "$A")" --role inspector >/dev/null || fail "trust"
mkdir -p "$DIR/$idA"
b="$DIR/$idA/000001.bundle"
sqlite3 "$b" "PRAGMA page_size = 65536; CREATE TABLE t(b);
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 96)
	INSERT INTO t SELECT zeroblob(1048576) FROM n" || fail "sqlite3"
size=$(stat -c %s "$b")
[ "$size" -gt $((96 * 1024 * 1024)) ] || fail "the bundle is only $size bytes"
printf '%0128d\n' 0 >"$DIR/$idA/000001.sig"
: >"$S.in-Kx3e9Q" # the private copy a killed sync left: removed
# peak RSS of a run of the program, in KiB (ru_maxrss of the child)
peak_of() {
	"$PY" - "$T/out" "$@" <<'EOF'
import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    subprocess.run(sys.argv[2:], stdout=out, stderr=out)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
EOF
}
# what the program takes without a bundle (its libraries: an ASan build
# links many more), then the sync of the big one
base=$(peak_of "$BIN" --lang en --db "$S" device show)
peak=$(peak_of "$BIN" --lang en --db "$S" sync "$DIR")
grep -q "QUARANTINED $idA/000001.bundle: tampered" "$T/out" || { cat "$T/out"; fail "not quarantined as tampered"; }
[ $((peak - base)) -lt $((size / 1024 / 2)) ] ||
	fail "peak RSS $peak KiB ($base KiB without a bundle) for a bundle of $((size / 1024)) KiB: it was read whole"
[ -z "$(ls "$T" | grep '\.in-')" ] || fail "a private copy was left behind: $(ls "$T")"
echo "sync_memory: ok (peak $((peak / 1024)) MiB, $((base / 1024)) MiB without a bundle, for a $((size / 1048576)) MiB bundle)"
