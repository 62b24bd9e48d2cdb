#!/bin/sh
# review_verify: a supervisor's decision changed with the sqlite3 shell
# fails `stallcheck verify`, naming the review and its inspection (issue 14:
# verify said intact); a review without a signature (made before reviews
# were signed) is a note, not a failure.
set -u
: "${STALLCHECK_DATADIR:?}"
. "$(dirname "$0")/lib/cli.sh"
command -v sqlite3 >/dev/null || { echo "review_verify: skipped: no sqlite3"; exit 0; }
mkdir -p "$XDG_CONFIG_HOME/stallcheck"
printf '[inspector]\nname = 王检查\nreviewer = 赵主任\n[ui]\nlanguage = en\n[data]\ntemplate = templates/gbt21720-market.ini\n' \
	> "$XDG_CONFIG_HOME/stallcheck/stallcheck.ini"
db="$T/demo.db"
sc() { "$BIN" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }

sc demo --markets 2 --days 3 --until 2026-11-28 --seed 3 >/dev/null 2>&1 || fail "demo failed"
u=$(q "SELECT uuid FROM inspection WHERE status = 'final' ORDER BY id LIMIT 1")
[ -n "$u" ] || fail "no final record to decide"
sc review return "$u" --reason "照片不清" >/dev/null || fail "return failed"
sc verify > "$T/v" || { cat "$T/v"; fail "verify of untouched data"; }
grep -q "before signing" "$T/v" && { cat "$T/v"; fail "the demo's reviews are not signed"; }
r=$(q "SELECT r.uuid FROM review r JOIN inspection i ON i.id = r.inspection_id WHERE i.uuid = '$u'")

# the returned record passed off as approved
q "UPDATE review SET decision = 'approve', reason = '' WHERE uuid = '$r';
   UPDATE inspection SET status = 'approved' WHERE uuid = '$u'"
sc verify > "$T/v"
[ $? -eq 1 ] || { cat "$T/v"; fail "verify passed a changed decision"; }
grep -q "^BAD  inspection $u .*review $r: it no longer matches its signature" "$T/v" ||
	{ cat "$T/v"; fail "verify did not name review $r of $u"; }
[ "$(grep -c '^BAD' "$T/v")" = 1 ] || { cat "$T/v"; fail "verify named more than the changed review"; }

# a review stored without a signature, as before signing: reported, not failed
q "UPDATE review SET decision = 'return', reason = '照片不清', sig = NULL WHERE uuid = '$r'"
sc verify > "$T/v" || { cat "$T/v"; fail "an unsigned review failed verify"; }
grep -q "^note 1 review made before signing (not checked)" "$T/v" || { cat "$T/v"; fail "unsigned review not reported"; }
echo "review_verify: ok"
