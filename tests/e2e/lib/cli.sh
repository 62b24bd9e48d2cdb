# cli.sh: the common start of the end-to-end tests of the command line,
# sourced as . "$(dirname "$0")/lib/cli.sh". Gives the program ($BIN, also
# $STALLCHECK_BIN), a private temporary folder $T (removed on exit) holding
# HOME and the XDG folders ($T/cfg, $T/data), so no file of the user or the
# machine (/etc/xdg) is read or written; a fixed clock (nothing may depend
# on the day the tests run; a script may fix another after sourcing);
# fail MESSAGE ("<script>: FAIL: MESSAGE", exit 1); a database's identity.
: "${STALLCHECK_BIN:=build/stallcheck}"
BIN=$STALLCHECK_BIN
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T" XDG_CONFIG_HOME="$T/cfg" XDG_CONFIG_DIRS="$T/etc" XDG_DATA_HOME="$T/data"
export STALLCHECK_NOW=2026-11-29T09:00
fail() { echo "$(basename "$0" .sh): FAIL: $*"; exit 1; }
# dev_id DB, dev_pk DB: the device id and public key of DB (made on first use)
dev_id() { "$BIN" --db "$1" device show 2>/dev/null | awk '/^device/ {print $2}'; }
dev_pk() { "$BIN" --db "$1" device show 2>/dev/null | awk '/^pubkey/ {print $2}'; }
