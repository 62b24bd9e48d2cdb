# cli.sh: the common start of the end-to-end tests of the command line,
# sourced as . "$(dirname "$0")/lib/cli.sh". Gives a private temporary
# folder $T (removed on exit) holding HOME and the XDG folders, so no file
# of the user or the machine (/etc/xdg) is read or written; a fixed clock;
# and fail MESSAGE: "<script>: MESSAGE", exit 1.
: "${STALLCHECK_BIN:?}"
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
export HOME="$T" XDG_CONFIG_HOME="$T/cfg" XDG_CONFIG_DIRS="$T/etc" XDG_DATA_HOME="$T/data"
export STALLCHECK_NOW=2026-11-29T09:00 # fixed: nothing here may depend on the day it runs
fail() { echo "$(basename "$0" .sh): $*"; exit 1; }
