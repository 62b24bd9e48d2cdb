#!/bin/sh
# check_config: `stallcheck check-config` says in one line which files it
# checked and exits 0 on every shipped file; on broken copies it names
# FILE:LINE and exits non-zero, in the language of --lang or the settings
# (Chinese by default, with no system locale for it: LANG=C.UTF-8).
set -u
: "${STALLCHECK_DATADIR:?}"
. "$(dirname "$0")/lib/cli.sh"
fail=0
die() { echo "check_config: $*"; fail=1; }

# every shipped file, one by one and all together
for f in "$STALLCHECK_DATADIR"/stallcheck.ini "$STALLCHECK_DATADIR"/templates/*.ini; do
	out=$(LANG=C.UTF-8 "$STALLCHECK_BIN" check-config "$f" 2>&1); rc=$?
	[ $rc -eq 0 ] && [ "$out" = "check-config：$f 没有发现问题" ] || die "$f: exit $rc, output: $out"
done
out=$("$STALLCHECK_BIN" check-config "$STALLCHECK_DATADIR"/stallcheck.ini "$STALLCHECK_DATADIR"/templates/*.ini 2>&1) ||
	die "all shipped files together: $out"
# no argument: the effective settings (the installed defaults here) and their template
out=$("$STALLCHECK_BIN" --lang en check-config 2>&1); rc=$?
[ $rc -eq 0 ] && [ "$out" = "check-config: no problems in $STALLCHECK_DATADIR/stallcheck.ini, $STALLCHECK_DATADIR/templates/gbt21720-market.ini" ] ||
	die "no argument: exit $rc, output: $out"

# a template with a line iniparser rejects (line 40) and a bad value
t="$T/broken.ini"
awk 'NR == 40 { print "this line has no equals sign"; next }
     /^points        = 5$/ && !done { print "points        = 500"; done = 1; next } { print }' \
	"$STALLCHECK_DATADIR/templates/gbt21720-market.ini" > "$t"
out=$("$STALLCHECK_BIN" --lang en check-config "$t" 2>/dev/null); rc=$?
[ $rc -ne 0 ] || die "broken template accepted"
echo "$out" | grep -q "^$t:40: .*iniparser rejects" || die "line 40 not named: $out"
# the same in Chinese: from the program's own catalogue, no zh_CN locale needed
out=$(LANG=C.UTF-8 LC_ALL= "$STALLCHECK_BIN" --lang zh check-config "$t" 2>/dev/null)
echo "$out" | grep -q "^$t:40: 应为“键 = 值”、“\[节\]”或注释（iniparser 拒绝这一行）$" || die "line 40, zh: $out"
echo "$out" | grep -q "[a-z] [a-z]* [a-z]" && die "English words in the Chinese report: $out"

# fix the line: now the bad value is reported with its own line
sed -i '40d' "$t"
line=$(grep -n '^points        = 500$' "$t" | cut -d: -f1)
out=$("$STALLCHECK_BIN" --lang en check-config "$t" 2>/dev/null); rc=$?
[ $rc -ne 0 ] || die "template with points = 500 accepted"
echo "$out" | grep -q "^$t:$line: points: expected a number 0..100 with at most two decimals" || die "points line $line not named: $out"

# one key for two actions of one screen: named at its line
printf '[keys]\npass = p, Space\nfail = p\n' > "$T/keys.ini"
out=$("$STALLCHECK_BIN" --lang en check-config "$T/keys.ini" 2>&1); rc=$?
[ $rc -ne 0 ] || die "a key given twice was accepted"
echo "$out" | grep -q "^$T/keys.ini:3: \[keys\] key 'p' is given to both pass and fail" || die "key conflict: $out"

# a settings file with an unknown key, through --config with no FILE
mkdir -p "$T/cfg/stallcheck"
printf '[ui]\ntheme = mono\ncolour = red\n' > "$T/s.ini"
out=$("$STALLCHECK_BIN" --lang en --config "$T/s.ini" check-config 2>/dev/null); rc=$?
[ $rc -ne 0 ] || die "bad settings accepted"
echo "$out" | grep -q "^$T/s.ini:3: unknown key 'colour'" || die "settings line not named: $out"
out=$("$STALLCHECK_BIN" --config "$T/s.ini" check-config 2>/dev/null)
echo "$out" | grep -q "^$T/s.ini:3: \[ui\] 中有未知的键“colour”$" || die "settings line, zh: $out"
# --effective: the settings in force as a settings file (values over the
# defaults, each key with its help), read back clean by check-config
printf '[ui]\ntheme = mono\n[data]\nsync_folder = %s/share\n' "$T" > "$T/eff.ini"
out=$("$STALLCHECK_BIN" --lang en --config "$T/eff.ini" check-config --effective 2>&1); rc=$?
[ $rc -eq 0 ] || die "--effective: exit $rc: $out"
echo "$out" | grep -q "^# stallcheck effective settings from $T/eff.ini$" || die "--effective: source not named: $out"
echo "$out" | grep -q '^theme = mono$' || die "--effective: the file's value not shown: $out"
echo "$out" | grep -q "^sync_folder = $T/share$" || die "--effective: sync folder: $out"
echo "$out" | grep -q '^auto_advance = yes$' || die "--effective: a default not shown: $out"
echo "$out" | grep -q '^template = /.*/gbt21720-market.ini$' || die "--effective: the template's path: $out"
echo "$out" > "$T/eff-dump.ini"
out=$("$STALLCHECK_BIN" --lang en --config "$T/eff.ini" --db "$T/other.db" check-config --effective 2>&1)
echo "$out" | grep -q "^database = $T/other.db$" || die "--effective: --db not the database in force: $out"
out=$("$STALLCHECK_BIN" --lang en check-config "$T/eff-dump.ini" 2>&1) || die "--effective output does not check clean: $out"
out=$(LANG=C.UTF-8 "$STALLCHECK_BIN" --config "$T/eff.ini" check-config --effective 2>&1)
echo "$out" | grep -q '^# 配色方案' || die "--effective, zh: the help not in Chinese: $out"
# a bad value: named on stderr at its line, exit 1, the default it falls back to shown
printf '[ui]\ntheme = pink\n' > "$T/eff.ini"
out=$("$STALLCHECK_BIN" --lang en --config "$T/eff.ini" check-config --effective 2>"$T/eff.err"); rc=$?
[ $rc -eq 1 ] || die "--effective with a bad value: exit $rc"
grep -q "eff.ini:2: theme: expected one of" "$T/eff.err" || die "--effective: problem not on stderr: $(cat "$T/eff.err")"
echo "$out" | grep -q '^theme = default$' || die "--effective: the fallback not shown: $out"
out=$("$STALLCHECK_BIN" --config "$T/nonexistent.ini" check-config --effective 2>&1) && die "--effective with a missing --config file: exit 0"

# an option among files is refused, not read as a file
out=$("$STALLCHECK_BIN" --lang en check-config --effective "$T/eff.ini" 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q 'effective takes no FILE' || die "--effective FILE: exit $rc: $out"
out=$("$STALLCHECK_BIN" --lang en check-config --bogus 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "unknown option '--bogus'" || die "check-config --bogus: exit $rc: $out"

# the XDG file is the effective one when present
printf '[ui]\ntheme = pink\n' > "$T/cfg/stallcheck/stallcheck.ini"
out=$("$STALLCHECK_BIN" --lang en check-config 2>/dev/null); rc=$?
echo "$out" | grep -q "stallcheck.ini:2: theme: expected one of" || die "XDG settings not checked: $out"

# an office's copy of the notice page with a misspelt name: named with its line, and the
# notice refused rather than printed half-filled; the report page missing from a data
# directory given alone is named too
rm -f "$T/cfg/stallcheck/stallcheck.ini"
mkdir -p "$T/cfg/stallcheck/report"
sed 's/{{l.seal}}/{{l.seel}}/' "$STALLCHECK_DATADIR/report/notice.html" > "$T/cfg/stallcheck/report/notice.html"
line=$(grep -n 'l.seel' "$T/cfg/stallcheck/report/notice.html" | cut -d: -f1)
out=$("$STALLCHECK_BIN" --lang en check-config 2>/dev/null); rc=$?
[ $rc -ne 0 ] || die "broken notice template accepted"
echo "$out" | grep -qF "$T/cfg/stallcheck/report/notice.html:$line: unknown placeholder {{l.seel}}" ||
	die "notice template line not named: $out"
"$STALLCHECK_BIN" --db "$T/n.db" demo --markets 1 --days 2 >/dev/null 2>&1 || die "demo failed"
ins=$(sqlite3 "$T/n.db" "SELECT uuid FROM inspection WHERE status <> 'draft' LIMIT 1")
"$STALLCHECK_BIN" --lang en --db "$T/n.db" rectify notice "$ins" -o "$T/n.html" >/dev/null 2>"$T/err" &&
	die "notice printed with a broken template"
grep -qF "notice.html:$line: unknown placeholder {{l.seel}}" "$T/err" || die "notice error: $(cat "$T/err")"
[ ! -e "$T/n.html" ] || die "a notice was written"
rm -r "$T/cfg/stallcheck/report"
mkdir -p "$T/data2" && cp "$STALLCHECK_DATADIR/stallcheck.ini" "$T/data2/" && cp -r "$STALLCHECK_DATADIR/templates" "$T/data2/"
out=$(STALLCHECK_DATADIR="$T/data2" "$STALLCHECK_BIN" --lang en check-config 2>/dev/null); rc=$?
[ $rc -ne 0 ] || die "missing report templates accepted"
echo "$out" | grep -qF "template report/report.html not found; looked in:" || die "missing report.html: $out"

# a missing file
"$STALLCHECK_BIN" check-config "$T/nope.ini" >/dev/null 2>&1 && die "missing file accepted"

[ $fail -eq 0 ] && echo "check_config: ok"
exit $fail
