#!/bin/sh
# deps.sh: make sure the Debian packages stallcheck builds and tests with are
# present. As root, missing ones are installed with apt-get; otherwise the
# exact apt-get line is printed and the build stops. The optional packages
# (OPT: tests/e2e/notice_print.sh and report_render.sh print the 整改通知书
# and the report to PDF with the printing ones, export.sh opens the workbook
# in LibreOffice, tests/e2e/syncthing.sh syncs through two Syncthing
# instances) are installed as root too, but without them the build goes on:
# those tests say they are skipped.
set -u
PKGS="gcc make pkg-config libncurses-dev libsqlite3-dev libiniparser-dev libcmocka-dev
libxlsxwriter-dev libsodium-dev libicu-dev libvips-dev zlib1g-dev gettext tmux sqlite3 python3 python3-openpyxl locales tzdata"
OPT="chromium fonts-noto-cjk poppler-utils libreoffice-calc-nogui syncthing"
missing_of() {
	for p in $1; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf ' %s' "$p"
	done
}
missing=$(missing_of "$PKGS")
optional=$(missing_of "$OPT")
[ -z "$missing$optional" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing:$missing$optional"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || { echo "deps: apt-get update failed" >&2; exit 1; }
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing $optional >/dev/null ||
		{ echo "deps: apt-get install failed:$missing$optional" >&2; exit 1; }
	exit 0
fi
if [ -z "$missing" ]; then
	echo "deps: the tests that print and open files skip without these; to have them: apt-get install$optional" >&2
	exit 0
fi
echo "stallcheck needs these Debian packages; run as root:" >&2
echo "  apt-get install$missing$optional" >&2
exit 1
