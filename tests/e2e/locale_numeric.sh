#!/bin/sh
# locale_numeric: a user whose locale writes decimals with a comma (de_DE,
# fr_FR, ru_RU) still gets scores written with a point, in tables, reports
# and CSV cells that other programs read. The locale is compiled into the
# test's folder with localedef (Debian's locales package has its sources).
set -u
. "$(dirname "$0")/lib/cli.sh"
BIN=$STALLCHECK_BIN
mkdir -p "$T/loc"
if ! localedef -i de_DE -f UTF-8 "$T/loc/de_DE.UTF-8" >/dev/null 2>&1; then
	echo "locale_numeric: skipped (localedef cannot build de_DE.UTF-8: apt-get install locales)"
	exit 0
fi
"$BIN" --db "$T/n.db" demo --markets 2 --days 3 --until 2026-11-28 >/dev/null 2>&1 || fail "demo"
# glibc keeps the LOCPATH it parsed (__argz_add_sep) for the process's
# life: LeakSanitizer's one report here is the C library's, not ours
printf 'leak:__argz_add_sep\n' >"$T/lsan.supp"
de() {
	env LOCPATH="$T/loc" LC_ALL= LANG=de_DE.UTF-8 LSAN_OPTIONS="suppressions=$T/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
		"$BIN" --db "$T/n.db" --lang en "$@"
}
# the locale must really write commas here, or the test proves nothing
[ "$(LOCPATH="$T/loc" LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 1.5 2>/dev/null)" = "1,5" ] ||
	{ echo "locale_numeric: skipped (printf under de_DE.UTF-8 does not write 1,5)"; exit 0; }

de review list --date 2026-11-28 >"$T/out" 2>&1 || { cat "$T/out"; fail "review list"; }
grep -Eq ' [0-9]{2,3}\.[0-9] ' "$T/out" || { cat "$T/out"; fail "review list: no score with a point"; }
grep -Eq ' [0-9]{2,3},[0-9] ' "$T/out" && { cat "$T/out"; fail "review list: a score with a comma"; }
de export --from 2026-11-26 --to 2026-11-28 --format md -o "$T/r.md" >/dev/null 2>&1 || fail "export md"
grep -Eq '[0-9]\.[0-9]' "$T/r.md" || fail "report: no decimal point"
grep -Eq '\| [0-9]{1,3},[0-9]' "$T/r.md" && { grep -E '\| [0-9]{1,3},[0-9]' "$T/r.md" | head -3; fail "report: a number with a decimal comma"; }
echo "locale_numeric: ok"
