#!/bin/sh
# install: `make install PREFIX=...` of the binary under test (not rebuilt)
# gives a program that runs from anywhere with STALLCHECK_DATADIR unset and
# keeps working when the whole prefix is moved; the bash completion knows
# the commands; `make uninstall` takes every file away again.
set -u
. "$(dirname "$0")/lib/cli.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "$(dirname "$STALLCHECK_BIN")" && pwd)
unset STALLCHECK_DATADIR
fail=0
die() { echo "install: $*"; fail=1; }
# -o: install the binary as it is, never rebuild it (MAKEFLAGS: not the
# options of a make this suite runs under)
mk() { MAKEFLAGS= make --no-print-directory -C "$top" -o "$B/stallcheck" B="$B" DESTDIR= "$@" \
	>"$T/make.log" 2>&1 || { die "make $*:"; cat "$T/make.log"; }; }

P="$T/p"
mk install PREFIX="$P"
for f in bin/stallcheck share/stallcheck/stallcheck.ini share/stallcheck/templates/gbt21720-market.ini \
	share/stallcheck/report/report.html share/stallcheck/report/notice.css \
	share/man/man1/stallcheck.1 share/doc/stallcheck/README.md share/doc/stallcheck/configuration.md \
	share/bash-completion/completions/stallcheck; do
	[ -f "$P/$f" ] || die "not installed: $f"
done
cmp -s "$STALLCHECK_BIN" "$P/bin/stallcheck" || die "the installed binary is not the one under test"

# from /, with nothing but the install to go by
runs() {
	(cd / && "$1/bin/stallcheck" --db "$T/$2.db" demo --markets 2 --days 2) >"$T/out" 2>&1 ||
		{ die "demo from $1:"; cat "$T/out"; }
	(cd / && "$1/bin/stallcheck" check-config) >"$T/out" 2>&1 ||
		{ die "check-config from $1:"; cat "$T/out"; }
}
runs "$P" y
# moved elsewhere, it finds its data at the new place
mv "$P" "$T/q"
runs "$T/q" z

# the completion offers commands, subcommands and option values
comp() { bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stallcheck; echo "${COMPREPLY[*]}"' \
	sh "$T/q/share/bash-completion/completions/stallcheck" "$@"; }
[ "$(comp stallcheck re)" = "review rectify" ] || die "completion of 're': $(comp stallcheck re)"
[ "$(comp stallcheck --db x.db review a)" = "approve" ] || die "completion of 'review a': $(comp stallcheck --db x.db review a)"
[ "$(comp stallcheck export --format x)" = "xlsx" ] || die "completion of 'export --format x'"
[ "$(comp stallcheck demo --s)" = "--seed" ] || die "completion of 'demo --s'"
# every long option in a command's code is offered for it (for one of its subcommands)
for c in demo review export rectify sync; do
	offered=" $(comp stallcheck $c --) "
	case $c in review | rectify)
		for s in $(comp stallcheck $c ""); do offered="$offered $(comp stallcheck $c $s --) "; done ;;
	esac
	for o in $(grep -o '{ "[a-z-]*", *[a-z_]*_argument' "$top/cli/cmd_$c.c" | cut -d'"' -f2); do
		case $offered in *" --$o "*) ;; *) die "completion of '$c' lacks --$o" ;; esac
	done
done

mk uninstall PREFIX="$T/q"
left=$(find "$T/q" -type f)
[ -z "$left" ] || die "left after uninstall: $left"
[ -d "$T/q/share/stallcheck" ] && die "share/stallcheck left after uninstall"

[ $fail -eq 0 ] && echo "install: ok"
exit $fail
