#!/bin/sh
# deps.sh: make sure the Debian packages stallcheck builds and tests with are
# present. As root, missing ones are installed with apt-get; otherwise the
# exact apt-get line is printed and the build stops. chromium, fonts-noto-cjk
# and poppler-utils print the 整改通知书 to PDF in tests/e2e/notice_print.sh.
set -u
PKGS="gcc make pkg-config libncurses-dev libsqlite3-dev libiniparser-dev libcmocka-dev
libxlsxwriter-dev libsodium-dev tmux sqlite3 python3 python3-openpyxl locales tzdata
chromium fonts-noto-cjk poppler-utils"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || { echo "deps: apt-get update failed" >&2; exit 1; }
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null ||
		{ echo "deps: apt-get install failed:$missing" >&2; exit 1; }
	exit 0
fi
echo "stallcheck needs these Debian packages; run as root:" >&2
echo "  apt-get install$missing" >&2
exit 1
