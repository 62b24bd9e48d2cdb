#!/bin/sh
# source_tree: the binary as built (build/ or build/asan/) finds its data
# from its own place, run from any directory with STALLCHECK_DATADIR unset.
# A template found nowhere says "not found" and every place it looked (not
# "has errors"); a broken one says FILE:LINE: message.
set -u
. "$(dirname "$0")/lib/cli.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
unset STALLCHECK_DATADIR
fail=0
die() { echo "source_tree: $*"; fail=1; }
cd / || exit 1

out=$("$STALLCHECK_BIN" --db "$T/x.db" demo --markets 3 --days 2 2>&1) ||
	die "demo from / without STALLCHECK_DATADIR: $out"
out=$("$STALLCHECK_BIN" check-config 2>&1) || die "check-config from /: $out"

# a settings file naming a template that is nowhere: every place, in each language
mkdir -p "$T/cfg/stallcheck"
printf '[data]\ntemplate = templates/nope.ini\n' >"$T/cfg/stallcheck/stallcheck.ini"
out=$("$STALLCHECK_BIN" --lang en --db "$T/y.db" demo 2>&1) && die "missing template accepted"
echo "$out" | grep -q "^stallcheck: checklist template not found; looked in:$" &&
	echo "$out" | grep -qx "  $T/cfg/stallcheck/templates/nope.ini" &&
	echo "$out" | grep -qx "  $top/config/templates/nope.ini" || die "not found (en): $out"
echo "$out" | grep -q "has errors" && die "a missing template reads as broken: $out"
out=$("$STALLCHECK_BIN" --lang zh --db "$T/y.db" demo 2>&1)
echo "$out" | grep -q "^stallcheck: 找不到检查表模板，查找过：$" || die "not found (zh): $out"
# the full-screen program stops before the screen with the same words
out=$("$STALLCHECK_BIN" --lang en --db "$T/y.db" </dev/null 2>&1) && die "TUI started without a template"
echo "$out" | grep -q "checklist template not found; looked in:" && ! echo "$out" | grep -q "has errors" ||
	die "TUI, missing template: $out"
out=$("$STALLCHECK_BIN" --lang en check-config 2>&1) && die "check-config passed a missing template"
echo "$out" | grep -q "not found; looked in: $T/cfg/stallcheck/templates/nope.ini $top/config/templates/nope.ini" ||
	die "check-config, missing template: $out"

# --config naming no file: "not found" in the language of --lang, else the locale
out=$("$STALLCHECK_BIN" --lang en --config "$T/none.ini" demo 2>&1) && die "missing --config accepted"
[ "$out" = "stallcheck: settings file not found: $T/none.ini" ] || die "--config, en: $out"
out=$(env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$STALLCHECK_BIN" --config "$T/none.ini" check-config 2>&1) && die "missing --config accepted"
[ "$out" = "stallcheck: 找不到设置文件：$T/none.ini" ] || die "--config, zh: $out"

# a broken template: FILE:LINE: message, then "has errors"
sed 's/^points        = 5$/points        = 500/' "$top/config/templates/gbt21720-market.ini" \
	>"$T/cfg/stallcheck/broken.ini"
line=$(grep -n '^points        = 500$' "$T/cfg/stallcheck/broken.ini" | head -1 | cut -d: -f1)
printf '[data]\ntemplate = broken.ini\n' >"$T/cfg/stallcheck/stallcheck.ini"
for run in demo tui; do
	if [ $run = demo ]; then
		out=$("$STALLCHECK_BIN" --lang en --db "$T/y.db" demo 2>&1) && die "broken template accepted"
	else
		out=$("$STALLCHECK_BIN" --lang en --db "$T/y.db" </dev/null 2>&1) && die "TUI took a broken template"
	fi
	echo "$out" | grep -q "^$T/cfg/stallcheck/broken.ini:$line: points" &&
		echo "$out" | grep -q "has errors" && ! echo "$out" | grep -q "not found" ||
		die "$run, broken template: $out"
done

[ $fail -eq 0 ] && echo "source_tree: ok"
exit $fail
