#!/bin/sh
# startup_libs: what every start of the program loads. libvips (with its
# hundred libraries: cairo, pango, hdf5, curl...) is opened only when a
# thumbnail is made; linked, --version took 0.2 s instead of 10 ms and the
# first frame with it. The list of needed libraries stays short.
set -u
BIN=${STALLCHECK_BIN:-build/stallcheck}
need=$(objdump -p "$BIN" 2>/dev/null | awk '/NEEDED/ {print $2}') || { echo "startup_libs: skipped (no objdump)"; exit 0; }
[ -n "$need" ] || { echo "startup_libs: skipped (objdump printed nothing)"; exit 0; }
if echo "$need" | grep -q '^libvips'; then
	echo "FAIL: the program links libvips at start:"; echo "$need"; exit 1
fi
n=$(ldd "$BIN" | wc -l)
[ "$n" -le 40 ] || { echo "FAIL: $n libraries load at every start (at most 40):"; ldd "$BIN"; exit 1; }
echo "startup_libs: ok ($n libraries)"
