#!/bin/sh
# startup_libs: what every start of the program loads. libvips (with its
# hundred libraries: cairo, pango, hdf5, curl...) is opened only when a
# thumbnail is made, ICU only when names are sorted or the stall finder
# opens, libxlsxwriter (with libcrypto's 21,000 relocations) only when a
# workbook is written; linked, --version took 0.2 s instead of 10 ms
# (libvips), 11.2 M instructions instead of 7.0 M (ICU), 7.0 M instead of
# about 2 M (libxlsxwriter). The list of needed libraries stays short.
set -u
BIN=${STALLCHECK_BIN:-build/stallcheck}
need=$(objdump -p "$BIN" 2>/dev/null | awk '/NEEDED/ {print $2}') || { echo "startup_libs: skipped (no objdump)"; exit 0; }
[ -n "$need" ] || { echo "startup_libs: skipped (objdump printed nothing)"; exit 0; }
# the sanitizer build links libvips (see the Makefile: LeakSanitizer)
san=$(echo "$need" | grep -c '^libasan')
if echo "$need" | grep -qE '^(libicu|libxlsxwriter|libcrypto)' ||
	{ [ "$san" = 0 ] && echo "$need" | grep -qE '^libvips'; }; then
	echo "FAIL: the program links libvips, ICU or libxlsxwriter at start:"; echo "$need"; exit 1
fi
n=$(ldd "$BIN" | wc -l)
[ "$san" != 0 ] || [ "$n" -le 12 ] || { echo "FAIL: $n libraries load at every start (at most 12):"; ldd "$BIN"; exit 1; }
echo "startup_libs: ok ($n libraries)"
