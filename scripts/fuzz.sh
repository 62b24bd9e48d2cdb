#!/bin/sh
# fuzz.sh: build the libFuzzer targets (clang, -fsanitize=fuzzer,address,
# undefined) under build/fuzz and run each for a bounded time.
#   FUZZ_SECONDS=N    seconds per target (default 60)
#   FUZZ_TARGETS="settings template"   which ones (default: every fuzz/fuzz_*.c)
# Seeds come from fuzz/corpus/<target>/ (committed); what the fuzzer finds
# goes to build/fuzz/corpus/<target>/ (not committed). A crashing input is
# copied to fuzz/regress/<target>/: commit it, and tests/test_regress_fuzz.c
# replays it in `make test` from then on. Exits non-zero when anything crashed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
SECS=${FUZZ_SECONDS:-60}
O=build/fuzz
CC_FUZZ=${CC_FUZZ:-clang}
PKG="ncursesw sqlite3 libsodium xlsxwriter"
# ICU and libvips: headers only, the library opens them when first needed
PKG_CFLAGS_ONLY="icu-uc icu-i18n vips"

if ! command -v "$CC_FUZZ" >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		echo "fuzz: installing clang"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q >/dev/null || { echo "fuzz: apt-get update failed" >&2; exit 1; }
		apt-get install -y -q --no-install-recommends clang >/dev/null ||
			{ echo "fuzz: apt-get install clang failed" >&2; exit 1; }
	else
		echo "fuzz: needs clang with libFuzzer; run as root:  apt-get install clang" >&2
		exit 1
	fi
fi

# Targets whose parser is not on this branch yet are listed, not built.
targets=${FUZZ_TARGETS:-$(for f in fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)}
needs() { # target -> the header its parser lives in
	case $1 in
	sync_import|sync_merge) echo core/sync.h ;;
	*) echo "" ;;
	esac
}

# The library: core/, config/, cli/ (not main.c) and the key parser of
# tui/actions.c (curses constants only), instrumented for coverage.
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
# shellcheck disable=SC2046
CFLAGS="-O1 -g -fno-omit-frame-pointer $SAN -std=c11 -D_GNU_SOURCE -I. -I/usr/include/iniparser \
 -DSC_VERSION=\"fuzz\" -DSC_DATADIR=\"$top/config\" $(pkg-config --cflags $PKG $PKG_CFLAGS_ONLY)"
mkdir -p "$O/obj/core" "$O/obj/config" "$O/obj/cli" "$O/obj/tui"
objs=""
for src in core/*.c config/*.c cli/*.c tui/actions.c; do
	[ "$src" = cli/main.c ] && continue
	obj="$O/obj/${src%.c}.o"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find core config cli tui -name '*.h' -newer "$obj" | head -1)" ]; then
		echo "  CC      $src"
		# shellcheck disable=SC2086
		$CC_FUZZ $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$obj" || exit 1
	fi
	objs="$objs $obj"
done
# the message catalogue compiled in (core/i18n.c's i18n_mo), made by make
make -s build/gen/i18n_tables.c || exit 1
if [ ! -f "$O/obj/i18n_tables.o" ] || [ build/gen/i18n_tables.c -nt "$O/obj/i18n_tables.o" ]; then
	echo "  CC      build/gen/i18n_tables.c"
	# shellcheck disable=SC2086
	$CC_FUZZ $CFLAGS -c build/gen/i18n_tables.c -o "$O/obj/i18n_tables.o" || exit 1
fi
objs="$objs $O/obj/i18n_tables.o"

# Seeds for sync_import: real bundles written by `stallcheck sync` from a
# small demo database, each prefixed with its device id and key seed (the
# input format of fuzz_sync_import_one). Made once, when the directory is
# empty; commit them.
sync_seeds() {
	# sync_merge starts from the same bundles (its receiver imports them
	# first, fuzz_sync_populate, and the inputs build on them)
	if [ -n "$(ls fuzz/corpus/sync_import 2>/dev/null)" ]; then
		[ -n "$(ls fuzz/corpus/sync_merge 2>/dev/null)" ] && return 0
		mkdir -p fuzz/corpus/sync_merge && cp fuzz/corpus/sync_import/* fuzz/corpus/sync_merge/
		return
	fi
	make -s all >/dev/null || return 1
	tmp=$(mktemp -d) || return 1
	(
		export XDG_CONFIG_HOME="$tmp/cfg" XDG_DATA_HOME="$tmp/data" STALLCHECK_DATADIR="$top/config"
		export STALLCHECK_NOW=2026-11-28T18:00 LANG=C.UTF-8
		mkdir -p "$tmp/cfg/stallcheck" "$tmp/sync"
		printf '[inspector]\nname = fuzz\n' >"$tmp/cfg/stallcheck/stallcheck.ini"
		sc=build/stallcheck
		$sc --db "$tmp/a.db" demo --markets 1 --days 1 --until 2026-11-28 --seed 1 >/dev/null &&
		$sc --db "$tmp/a.db" sync "$tmp/sync" >/dev/null || exit 1
		id=$(sqlite3 "$tmp/a.db" "SELECT value FROM meta WHERE key = 'device_id'")
		seed=$(cut -d' ' -f2 "$tmp/a.db.key")
		mkdir -p fuzz/corpus/sync_import
		for b in "$tmp/sync/$id"/*.bundle; do
			python3 -c 'import sys; sys.stdout.buffer.write(sys.argv[1].encode() + bytes.fromhex(sys.argv[2]) + open(sys.argv[3], "rb").read())' \
				"$id" "$seed" "$b" >"fuzz/corpus/sync_import/$(basename "$b")"
		done
	)
	rc=$?
	rm -rf "$tmp"
	[ $rc -eq 0 ] || return $rc
	echo "fuzz: made sync_import seeds in fuzz/corpus/sync_import/ (commit them)"
	sync_seeds
}

fail=0
summary=""
for t in $targets; do
	h=$(needs "$t")
	if [ -n "$h" ] && [ ! -f "$h" ]; then
		summary="$summary
  $t: pending ($h not on this branch yet)"
		continue
	fi
	if [ "${t#sync_}" != "$t" ] && ! sync_seeds; then
		summary="$summary
  $t: could not make seed bundles (stallcheck demo + sync)"
		fail=1
		continue
	fi
	bin="$O/fuzz_$t"
	echo "  LD      $bin"
	# shellcheck disable=SC2086
	$CC_FUZZ $CFLAGS -fsanitize=fuzzer "fuzz/fuzz_$t.c" $objs -o "$bin" \
		$(pkg-config --libs $PKG) -liniparser -lm || exit 1
	mkdir -p "$O/corpus/$t" "$O/crashes/$t" "fuzz/corpus/$t"
	dict="" maxlen=1048576 quiet=""
	case $t in
	settings|template) dict="-dict=fuzz/ini.dict" maxlen=65536 ;;
	utf8|clock|keys) maxlen=4096 ;;
	cli) maxlen=4096 quiet="-close_fd_mask=3" ;; # the commands' own messages
	esac
	echo "fuzz: $t for $SECS s"
	times >"$O/times0" # CPU of the children so far (a builtin: no subshell)
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=$maxlen \
		-print_final_stats=1 $dict $quiet -artifact_prefix="$O/crashes/$t/" \
		"$O/corpus/$t" "fuzz/corpus/$t" >"$O/$t.log" 2>&1
	rc=$?
	times >"$O/times1"
	cpu=$(cat "$O/times0" "$O/times1" | awk 'NR % 2 == 0 { split($1, u, "m"); split($2, s, "m")
		t[NR] = u[1] * 60 + u[2] + s[1] * 60 + s[2] } END { printf "%.0f", t[4] - t[2] }')
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$O/$t.log" | grep -o '[0-9]*$')
	cov=$(grep -o 'cov: [0-9]*' "$O/$t.log" | tail -1)
	found=$(find "$O/crashes/$t" -type f | wc -l)
	if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then
		fail=1
		summary="$summary
  $t: the fuzzer stopped with status $rc and no crash input: see $O/$t.log"
	elif [ "$found" -gt 0 ]; then
		fail=1
		mkdir -p "fuzz/regress/$t"
		find "$O/crashes/$t" -type f -exec cp {} "fuzz/regress/$t/" \;
		summary="$summary
  $t: CRASH after ${runs:-?} runs (log $O/$t.log); input copied to fuzz/regress/$t/: commit it"
	else
		summary="$summary
  $t: ${runs:-?} runs in $SECS s (${cpu:-?} CPU-s), ${cov:-cov ?}, no crash"
	fi
done
echo "fuzz summary:$summary"
exit $fail
