# cli.sh: the preamble shared by the end-to-end tests of the sync command
# line (sync_cli, sync_kill, sync_takeover, hostile_share): the program
# ($BIN), a private folder $T removed on exit holding the settings and data
# folders, a fixed clock (nothing may depend on the day the tests run; a
# script may fix another after sourcing), fail, and a database's identity.
BIN=${STALLCHECK_BIN:-build/stallcheck}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
export STALLCHECK_NOW=2026-11-29T09:00
fail() { echo "$(basename "$0" .sh): FAIL: $*"; exit 1; }
# dev_id DB, dev_pk DB: the device id and public key of DB (made on first use)
dev_id() { "$BIN" --db "$1" device show 2>/dev/null | awk '/^device/ {print $2}'; }
dev_pk() { "$BIN" --db "$1" device show 2>/dev/null | awk '/^pubkey/ {print $2}'; }
