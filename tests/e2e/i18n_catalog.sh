#!/bin/sh
# i18n_catalog: every string the program shows comes from the catalogue.
# Extracts the marked strings of the sources as `make po` does and fails
# when one has no translation in po/zh_CN.po (missing, empty or fuzzy),
# when the .po does not compile with its formats checked, when the
# committed po/stallcheck.pot lacks a string, and when a user-facing
# literal escapes the marks (scripts/i18n-lint.awk).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
die() { echo "i18n_catalog: FAIL: $*"; fail=1; }
cd "$top" || exit 1
for tool in xgettext msgcmp msgfmt; do
	command -v $tool >/dev/null || { echo "i18n_catalog: FAIL: $tool missing (apt-get install gettext)"; exit 1; }
done

scripts/po-extract.sh "$T/now.pot" 2>"$T/err" || die "xgettext: $(cat "$T/err")"
n=$(grep -c '^msgid ' "$T/now.pot")
[ "$n" -gt 300 ] || die "only $n strings extracted: are the marks gone?"
# msgcmp counts an empty or fuzzy translation as missing
if ! msgcmp po/zh_CN.po "$T/now.pot" 2>/dev/null; then
	msgmerge --quiet --no-fuzzy-matching --no-wrap po/zh_CN.po "$T/now.pot" -o "$T/m.po"
	die "strings without a Chinese translation (make po, then translate them in po/zh_CN.po):
$({ msgattrib --untranslated --no-obsolete "$T/m.po"; msgattrib --only-fuzzy --no-obsolete "$T/m.po"; } |
	grep '^msgid "..*"' | head -40)"
fi
msgfmt --check -o /dev/null po/zh_CN.po 2>"$T/err" || die "po/zh_CN.po: $(head -20 "$T/err")"
msgcmp --use-untranslated po/stallcheck.pot "$T/now.pot" 2>/dev/null || die "po/stallcheck.pot is stale: run make po"
LC_ALL=C awk -f scripts/i18n-lint.awk core/*.c config/*.c cli/*.c tui/*.c tui/*.h >"$T/lint" ||
	die "literals outside the catalogue (mark them, docs/i18n.md):
$(cat "$T/lint")"
# the Chinese manual keeps up with the English one: every command and
# option it documents (the .B/.BR lines of its entries)
man_keys() { grep -E '^\.(B|BR) ' "$1" | grep -oE '(^\.BR? |\\-\\-)[a-z][a-z-]*' | sed 's/^\.BR* //; s/^\\-\\-/--/' | sort -u; }
man_keys man/stallcheck.1 >"$T/man.en"
man_keys man/zh_CN/stallcheck.1 >"$T/man.zh"
[ "$(wc -l <"$T/man.en")" -gt 10 ] || die "no commands or options found in man/stallcheck.1: the comparison would prove nothing"
missing=$(comm -23 "$T/man.en" "$T/man.zh")
[ -z "$missing" ] || die "man/zh_CN/stallcheck.1 lacks what man/stallcheck.1 documents: $missing"
[ "$fail" = 0 ] && echo "i18n_catalog: ok ($n strings)"
exit "$fail"
