#!/bin/sh
# deb-check.sh: build the Debian package from the committed HEAD (in a
# temporary clone, so no build output lands in the tree), check it with
# lintian (any E: or W: fails), install it on this machine with dpkg, run
# the installed program from / with nothing but the package to go by, and
# remove it again. Needs root (dpkg -i) and the build tools; it installs
# no build dependencies itself. Too slow for `make test`: run it by hand.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "deb-check: $*"; }
die() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it installs and removes the package)"
for t in dpkg-buildpackage dh lintian fakeroot git; do
	command -v $t >/dev/null ||
		die "$t missing; apt-get install debhelper devscripts lintian dpkg-dev fakeroot git"
done
if dpkg-query -W -f='${Status}' stallcheck 2>/dev/null | grep -q 'install ok installed'; then
	die "a stallcheck package is installed already; remove it first (dpkg -r stallcheck)"
fi

tmp=$(mktemp -d) || exit 1
installed=0
cleanup() {
	[ $installed -eq 1 ] && dpkg -r stallcheck >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

git clone -q "$top" "$tmp/stallcheck" || die "git clone"
say "building $(git -C "$tmp/stallcheck" log -1 --format='%h %cd' --date=iso) in $tmp"
(cd "$tmp/stallcheck" && DEB_BUILD_OPTIONS=nocheck DEB_BUILD_PROFILES=nocheck \
	dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1 ||
	{ tail -30 "$tmp/build.log"; die "dpkg-buildpackage (log above)"; }
changes=$(ls "$tmp"/stallcheck_*.changes)
deb=$(ls "$tmp"/stallcheck_*_*.deb)
say "built $(basename "$deb")"

lintian -I --pedantic --fail-on error,warning "$changes" >"$tmp/lintian.log" 2>&1
lrc=$?
if [ $lrc -ne 0 ] || grep -q '^[EW]: ' "$tmp/lintian.log"; then
	cat "$tmp/lintian.log"
	die "lintian reports errors or warnings"
fi
say "lintian (with -I --pedantic): $(grep -c "^[A-Z]: " "$tmp/lintian.log") tags, no E: or W:"

dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; die "dpkg -i"; }
installed=1
say "installed: $(dpkg-query -W -f='${Package} ${Version}' stallcheck), $(dpkg -L stallcheck | wc -l) paths"

# from /, with a private home and STALLCHECK_DATADIR unset
unset STALLCHECK_DATADIR
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
cd / || die "cd /"
/usr/bin/stallcheck --db "$tmp/deb.db" demo --markets 2 --days 2 >"$tmp/run.log" 2>&1 ||
	{ cat "$tmp/run.log"; die "stallcheck demo"; }
say "$(grep '^demo:' "$tmp/run.log")"
stallcheck check-config >"$tmp/run.log" 2>&1 || { cat "$tmp/run.log"; die "stallcheck check-config"; }
say "check-config: clean"
man -w stallcheck >/dev/null 2>&1 && say "man stallcheck: $(man -w stallcheck)"

dpkg -r stallcheck >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; die "dpkg -r"; }
installed=0
[ -e /usr/bin/stallcheck ] || [ -d /usr/share/stallcheck ] && die "files left after dpkg -r"
say "removed; /usr/bin/stallcheck and /usr/share/stallcheck are gone"
say "ok"
