#!/bin/sh
# hostile_data: records and files that could attack their reader do not.
# CSV cells a spreadsheet would run as formulas are neutralised (export,
# review list, rectify list; --raw-cells keeps them), control bytes in a
# record never reach the terminal raw (review show, tables) nor a notice,
# the TUI's log, exports and notices are 0600 under umask 000, check-config /dev/zero stops, and
# verify fails on a damaged database file.
set -u
BIN=${STALLCHECK_BIN:-build/stallcheck}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" STALLCHECK_NOW=2026-11-28T18:00 LANG=C.UTF-8
fail() { echo "hostile_data: FAIL: $*"; exit 1; }

D="$T/d.db"
"$BIN" --db "$D" demo --markets 1 --days 3 --until 2026-11-28 >/dev/null 2>&1 || fail "demo"

# 1. formulas in CSV cells (a market name as a peer could send it)
sqlite3 "$D" "UPDATE market SET name = '=HYPERLINK(\"http://evil/\")', district = '-1.5'" || fail "sqlite3"
safe="\"'=HYPERLINK(\"\"http://evil/\"\")\""
raw="\"=HYPERLINK(\"\"http://evil/\"\")\""
"$BIN" --db "$D" export --from 2026-11-26 --to 2026-11-28 --format csv -o "$T/a.csv" >/dev/null 2>&1 || fail "export"
"$BIN" --db "$D" export --from 2026-11-26 --to 2026-11-28 --format csv -o "$T/b.csv" --raw-cells >/dev/null 2>&1 ||
	fail "export --raw-cells"
"$BIN" --db "$D" review list --date 2026-11-26 --to 2026-11-28 --format csv >"$T/c.csv" || fail "review list"
"$BIN" --db "$D" review list --date 2026-11-26 --to 2026-11-28 --format csv --raw-cells >"$T/d.csv" ||
	fail "review list --raw-cells"
"$BIN" --db "$D" rectify list --all --format csv >"$T/e.csv" || fail "rectify list"
"$BIN" --db "$D" rectify list --all --format csv --raw-cells >"$T/f.csv" || fail "rectify list --raw-cells"
[ "$(wc -l <"$T/e.csv")" -gt 1 ] || fail "the demo made no rectification to list"
for f in a c e; do
	grep -qF ",$safe," "$T/$f.csv" || { head -3 "$T/$f.csv"; fail "$f.csv: the formula was not neutralised"; }
	grep -qF ",$raw," "$T/$f.csv" && fail "$f.csv: a formula cell left as it is"
done
for f in b d f; do
	grep -qF ",$raw," "$T/$f.csv" || { head -3 "$T/$f.csv"; fail "$f.csv: --raw-cells changed the cell"; }
done
grep -q ',-1.5,' "$T/a.csv" && grep -q ',-1.5,' "$T/c.csv" || fail "a plain negative number was changed"

# 2. control bytes in a record: a note (the answer trigger dropped to plant
# it, as a peer's bundle would bring it) and a market name
u=$(sqlite3 "$D" "SELECT uuid FROM inspection WHERE status <> 'draft' ORDER BY uuid LIMIT 1")
sqlite3 "$D" "DROP TRIGGER answer_sealed_update;
	UPDATE answer SET note = 'ok' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' || char(155) || 'x'
	WHERE inspection_id = (SELECT id FROM inspection WHERE uuid = '$u') AND visit_id IS NULL;
	UPDATE market SET name = 'M' || char(27) || '[31mred'" || fail "sqlite3 (2)"
"$BIN" --db "$D" review show "$u" >"$T/show" 2>&1 || { cat "$T/show"; fail "review show"; }
"$BIN" --db "$D" review list --date 2026-11-26 --to 2026-11-28 >>"$T/show" 2>&1 || fail "review list (table)"
"$BIN" --db "$D" rectify list --all >>"$T/show" 2>&1 || fail "rectify list (table)"
if LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/show" || LC_ALL=C grep -q "$(printf '\302\233')" "$T/show"; then
	fail "control bytes reached the terminal: $(od -c "$T/show" | grep -m1 '033\|007\|302 233')"
fi
grep -q "ok�]0;pwned��\[2J�x" "$T/show" || { cat "$T/show"; fail "the note is not shown with its controls replaced"; }
grep -q "M�\[31mred" "$T/show" || fail "the market name is not shown with its control replaced"
# nor the 整改通知书 a browser prints
"$BIN" --db "$D" rectify notice "$u" -o "$T/notice.html" >/dev/null 2>&1 || fail "rectify notice"
if LC_ALL=C grep -q "$(printf '[\033\007]')" "$T/notice.html"; then
	fail "control bytes reached the notice: $(od -c "$T/notice.html" | grep -m1 '033\|007')"
fi
grep -q "M�\[31mred" "$T/notice.html" || fail "the notice does not show the market name with its control replaced"

# 3. the TUI's log is private whatever the umask (a missing terminfo entry
# stops the program right after the log is opened)
( umask 000; TERM=no-such-terminal "$BIN" --db "$T/t.db" </dev/null >/dev/null 2>&1 )
[ -f "$T/t.db.log" ] || fail "no log file was made"
[ "$(stat -c %a "$T/t.db.log")" = 600 ] || fail "the log is mode $(stat -c %a "$T/t.db.log") under umask 000"
# and so are the exports and notices (operators' names, findings): the
# inspector shares them on purpose, not every account on the laptop
( umask 000; "$BIN" --db "$D" export --from 2026-11-26 --to 2026-11-28 --format md -o "$T/r.md" >/dev/null 2>&1 &&
	"$BIN" --db "$D" export --from 2026-11-26 --to 2026-11-28 --format xlsx -o "$T/r.xlsx" >/dev/null 2>&1 &&
	"$BIN" --db "$D" rectify notice "$u" -o "$T/n2.html" >/dev/null 2>&1 ) || fail "export or notice under umask 000"
for f in r.md r.xlsx n2.html; do
	[ "$(stat -c %a "$T/$f")" = 600 ] || fail "$f is mode $(stat -c %a "$T/$f") under umask 000"
done

# 4. check-config on an endless file stops, with a message
timeout 20 "$BIN" check-config /dev/zero >"$T/out" 2>&1
[ $? -eq 1 ] || { cat "$T/out"; fail "check-config /dev/zero did not stop with exit 1"; }
grep -q "/dev/zero: more than 1024 KiB" "$T/out" || { cat "$T/out"; fail "check-config /dev/zero: no clear message"; }

# 5. verify on a damaged copy: a page no seal reads (an index), overwritten
if p=$(sqlite3 "$D" "SELECT pageno FROM dbstat WHERE name = 'answer_market_item' LIMIT 1" 2>/dev/null) &&
	[ -n "$p" ]; then
	cp "$D" "$T/bad.db"
	head -c 4096 /dev/zero | tr '\0' 'x' | dd of="$T/bad.db" bs=4096 seek=$((p - 1)) conv=notrunc 2>/dev/null
	"$BIN" --db "$T/bad.db" verify >"$T/out" 2>&1
	[ $? -eq 1 ] || { cat "$T/out"; fail "verify passed a damaged file"; }
	grep -q "^BAD  database file: Page $p" "$T/out" && grep -q "the database file is damaged" "$T/out" ||
		{ cat "$T/out"; fail "verify: no clear message for a damaged file"; }
else
	echo "hostile_data: verify part skipped: sqlite3 has no dbstat"
fi
echo "hostile_data: ok"
