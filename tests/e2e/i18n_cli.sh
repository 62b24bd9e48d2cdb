#!/bin/sh
# i18n_cli: the command line speaks the user's language from the program's
# own catalogue, with no zh_CN locale installed (LANG=C.UTF-8 is Chinese by
# default; --lang and the settings choose): --help, a core error with its
# parameters in place, a config problem with FILE:LINE, the sync folder's
# hint around the C library's words.
set -u
. "$(dirname "$0")/lib/cli.sh"
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES
english() { grep -E "[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+" ; } # a run of English words

out=$("$BIN" --help) || fail "--help"
echo "$out" | grep -q "^用法：stallcheck \[--config 文件\]" || fail "--help not in Chinese: $out"
echo "$out" | grep -q "^命令：$" && echo "$out" | grep -q "^选项：$" && echo "$out" | grep -q "导出检查汇总" ||
	fail "--help: headings or commands not in Chinese: $out"
echo "$out" | english && fail "--help holds English sentences: $out"
out=$("$BIN" --help --lang en) || fail "--help --lang en"
echo "$out" | grep -q "^usage: stallcheck" && echo "$out" | grep -q "export a summary of the inspections" ||
	fail "--help --lang en: $out"
out=$(LANG=en_US.UTF-8 "$BIN" --help 2>/dev/null) || fail "--help under en_US"
echo "$out" | grep -q "^usage: stallcheck" || fail "--help under an English locale: $out"
out=$("$BIN" demo --help)
echo "$out" | grep -q "^用法：stallcheck \[--db 文件\] demo" || fail "demo --help: $out"

# getopt's own complaints (glibc's, in the C library's language) are ours:
# the option named, its command's --help pointed at, nothing else
printf '[inspector]\nname = 赵主任\n' > "$T/named.ini"
out=$("$BIN" --bogus 2>&1) && fail "an unknown option accepted"
[ "$(echo "$out" | head -1)" = "stallcheck: 没有选项 --bogus（见 stallcheck --help）" ] || fail "unknown option: $out"
out=$("$BIN" rectify list -Z 2>&1)
[ "$(echo "$out" | head -1)" = "stallcheck: rectify list：没有选项 -Z（见 stallcheck rectify --help）" ] ||
	fail "unknown short option: $out"
out=$("$BIN" --lang en --db "$T/x.db" export --format 2>&1)
[ "$(echo "$out" | head -1)" = "stallcheck: export: option '--format' needs a value (see stallcheck export --help)" ] ||
	fail "missing value (en): $out"
echo "$out" | grep -qi "requires an argument\|invalid option\|unrecognized" && fail "getopt's own message: $out"
# a bad option is refused before the database is looked for, as every
# command does (review opened it first and reported it missing)
for sub in list show glance approve return; do
	out=$("$BIN" --lang en --db "$T/none/x.db" --config "$T/named.ini" review $sub -x 2>&1) &&
		fail "review $sub -x accepted"
	[ "$(echo "$out" | head -1)" = "stallcheck: review $sub: unknown option '-x' (see stallcheck review --help)" ] ||
		fail "review $sub -x: $out"
done
# a short option bundled after a long one is named, not the long one before it
out=$("$BIN" --lang en --db "$T/x.db" export --force -Zx 2>&1)
[ "$(echo "$out" | head -1)" = "stallcheck: export: unknown option '-Z' (see stallcheck export --help)" ] ||
	fail "bundled short option after a long one: $out"
out=$("$BIN" --lang en --db "$T/x.db" export --force=1 2>&1)
echo "$out" | head -1 | grep -q "'--force'" || fail "a value given to a long option that takes none: $out"

# a core error (clock.c's date check, in cli_day) with its parameters
out=$("$BIN" --db "$T/x.db" export --from 2026-02-30 --to 2026-03-01 --format csv -o "$T/a.csv" 2>&1)
[ "$out" = "stallcheck: export：--from 应为日期 YYYY-MM-DD 或 today，而不是“2026-02-30”" ] ||
	fail "export error: $out"
# a config problem: FILE:LINE kept, Chinese words, the value in its place
printf '[ui]\nlanguage = fr\n' > "$T/s.ini"
out=$("$BIN" --lang zh --config "$T/s.ini" review list 2>&1) && fail "broken settings accepted"
[ "$out" = "stallcheck: $T/s.ini:2: language：应为 auto|zh|en 之一，而不是“fr”" ] || fail "settings error: $out"
out=$("$BIN" --lang en --config "$T/s.ini" review list 2>&1)
[ "$out" = "stallcheck: $T/s.ini:2: language: expected one of auto|zh|en, got 'fr'" ] || fail "settings error (en): $out"
# the language the settings choose, without --lang
printf '[ui]\nlanguage = en\n' > "$T/en.ini"
out=$("$BIN" --config "$T/en.ini" --db "$T/none/x.db" verify 2>&1)
[ "$out" = "stallcheck: $T/none/x.db: database does not exist" ] || fail "settings language = en: $out"
printf '[template]\nid = x\n' > "$T/t.ini"
out=$("$BIN" --config "$T/en.ini" check-config "$T/t.ini" 2>&1)
echo "$out" | grep -q "^$T/t.ini:1: \[template\] needs 'version'" || fail "check-config, settings language = en: $out"
out=$("$BIN" --db "$T/none/x.db" verify 2>&1)
[ "$out" = "stallcheck: $T/none/x.db：数据库不存在" ] || fail "missing database: $out"
# the C library's words stay, the words around them are the catalogue's
"$BIN" --db "$T/s.db" demo --markets 1 --days 1 >/dev/null 2>&1 || fail "demo"
out=$("$BIN" --db "$T/s.db" sync "$T/no/share" 2>&1) && fail "sync to a missing folder"
echo "$out" | grep -q "^stallcheck: sync：同步文件夹 $T/no/share：.*（U 盘或网络共享是否已挂载？）$" ||
	fail "sync folder: $out"
# a status line of the demo and of the export
out=$("$BIN" --db "$T/d.db" demo --markets 2 --days 1 2>/dev/null)
echo "$out" | grep -q "^演示数据：2 个市场，1 天，截止 2026-11-29：" || fail "demo status: $out"
out=$("$BIN" --db "$T/d.db" export --from 2026-11-29 --to 2026-11-29 --format csv -o "$T/d.csv" 2>/dev/null)
echo "$out" | grep -q "^导出：.* 份检查记录，2 个市场，2026-11-29 ~ 2026-11-29 -> $T/d.csv$" || fail "export status: $out"
echo "i18n_cli: ok"
