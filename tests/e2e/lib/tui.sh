# tui.sh: shared helpers for the end-to-end tests of the full-screen program.
# Sourced by tests/e2e/walk_*.sh. Drives the real binary in tmux on a private
# socket; polls the screen instead of sleeping; kills the tmux server on exit.
# The settings file names the inspector $TUI_NAME (default 王检查); set it
# empty before sourcing to leave the name out (the first start then asks).
BIN=${STALLCHECK_BIN:-build/stallcheck}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") # the program runs in $T
export STALLCHECK_DATADIR=${STALLCHECK_DATADIR:-$(pwd)/config}
T=$(mktemp -d)
N=0
SOCK=sc$$-0
SOCKS=""
DB=$T/d/stallcheck/stallcheck.db
TIMEOUT=${TUI_TIMEOUT:-15}
# The run's clock: $SC_TEST_NOW (YYYY-MM-DDTHH:MM, local to $TZ), or "real"
# for the clock of the machine; by default a fixed morning. Scripts say
# "today" as $TODAY and other days with day_add, never as a literal, so
# scripts/run-tests.sh can run them on other days (see docs/testing.md).
NOW=${SC_TEST_NOW:-2026-11-29T09:00}
if [ "$NOW" = real ]; then NOW=""; TODAY=$(date +%F); else TODAY=${NOW%%T*}; fi
export STALLCHECK_NOW="$NOW"
# day_add N: $TODAY plus N days (N may be negative)
day_add() { date -u -d "@$(($(date -u -d "$TODAY" +%s) + $1 * 86400))" +%F; }
# The demo makes no visit today before 06:50 local: a visit must be over (80
# minutes) by now and markets open at 05:30 (core/demo.c, at_hour). On the
# real clock a run that starts just before waits until 06:51, so the script
# and the program see the same side of it.
if [ -z "$NOW" ]; then
	hms=$(date +%H%M%S)
	if [ "$hms" -ge 064500 ] && [ "$hms" -lt 065100 ]; then
		sleep $(($(date -d 06:51 +%s) - $(date +%s)))
		TODAY=$(date +%F)
	fi
fi
# demo_has_today: whether it is past 06:50 local ($NOW or the real clock), so
# that demo data ending today has visits today
demo_has_today() { [ "$(date -d "${NOW:-now}" +%H%M%S)" -gt 065000 ]; }
cleanup() {
	for s in $SOCKS; do tmux -L "$s" kill-server 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
mkdir -p "$T/c/stallcheck"
TUI_NAME=${TUI_NAME-王检查}
cat > "$T/c/stallcheck/stallcheck.ini" <<INI
[inspector]
${TUI_NAME:+name = $TUI_NAME}
[ui]
language = zh
theme = mono
auto_advance = yes
[data]
template = templates/gbt21720-market.ini
INI

# relax_criticals: the default checklist with [scoring]
# allow_unanswered_critical = yes, for tests that finalize a partial walk
relax_criticals() {
	sed 's/^critical_fails *= yes/&\nallow_unanswered_critical = yes/' \
		"$STALLCHECK_DATADIR/templates/gbt21720-market.ini" > "$T/c/stallcheck/relaxed.ini"
	sed -i 's|^template = .*|template = relaxed.ini|' "$T/c/stallcheck/stallcheck.ini"
}

fail() { echo "FAIL: $*"; echo "--- screen:"; screen; exit 1; }
screen() { tmux -L $SOCK capture-pane -p 2>/dev/null; }

# start W H [tmux -e options...]: the program (with $ARGS) in a fresh tmux server
start() {
	w=$1; h=$2; shift 2
	[ -n "${TZ:-}" ] && set -- -e "TZ=$TZ" "$@" # the program's today is the script's
	# a fresh server (socket) each time: no race with the old one exiting
	tmux -L $SOCK kill-server 2>/dev/null
	N=$((N + 1)); SOCK=sc$$-$N; SOCKS="$SOCKS $SOCK"
	rm -f "$T/rc"
	tmux -L $SOCK -f /dev/null new-session -d -x "$w" -y "$h" -c "$T" \
		-e LANG=C.UTF-8 -e XDG_CONFIG_HOME="$T/c" -e XDG_DATA_HOME="$T/d" \
		-e STALLCHECK_DATADIR="$STALLCHECK_DATADIR" -e STALLCHECK_NOW="$NOW" \
		-e ASAN_OPTIONS="${ASAN_OPTIONS:-}" -e UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" "$@" \
		"$BIN ${ARGS:-} 2>>$T/stderr; echo \$? > $T/rc; sleep 60"
}

# wait_for TEXT: until the screen shows TEXT (fixed string)
wait_for() {
	i=0
	while [ $i -lt $((TIMEOUT * 20)) ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05; i=$((i + 1))
	done
	fail "screen never showed '$1'"
}

# wait_gone TEXT
wait_gone() {
	i=0
	while [ $i -lt $((TIMEOUT * 20)) ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05; i=$((i + 1))
	done
	fail "screen still shows '$1'"
}

keys() { tmux -L $SOCK send-keys "$@"; }
type_text() { tmux -L $SOCK send-keys -l "$1"; }
sq() { sqlite3 "$DB" "$1"; }

# expect_sql QUERY EXPECTED
expect_sql() {
	got=$(sq "$1")
	[ "$got" = "$2" ] || fail "sql '$1' gave '$got', expected '$2'"
}

# wait_exit: the program ended; its status is printed
wait_exit() {
	i=0
	while [ $i -lt $((TIMEOUT * 20)) ]; do
		[ -s "$T/rc" ] && { cat "$T/rc"; return 0; }
		sleep 0.05; i=$((i + 1))
	done
	fail "program did not exit"
}

# pid of the running program (child of the pane's shell)
prog_pid() {
	pp=$(tmux -L $SOCK display -p '#{pane_pid}')
	pgrep -P "$pp" -x stallcheck | head -1
}

# kill9: SIGKILL the running program (a crash, a power cut) and check the
# database it leaves is intact
kill9() {
	p=$(prog_pid)
	[ -n "$p" ] || fail "program not running"
	kill -9 "$p"
	wait_exit >/dev/null
	expect_sql "PRAGMA integrity_check" ok
}

# resume_at PLACE [ITEM]: start again, accept the offer to resume the draft,
# expect place PLACE on screen (and item ITEM selected)
resume_at() {
	start 100 30
	wait_for "有未完成的检查"
	keys y
	wait_for "$1"
	[ -z "${2:-}" ] || screen | grep -q "^>$2 " || fail "resume did not land on $2"
}

# market_form: on a fresh start, decline the demo data and open the form of
# the first market.
market_form() {
	start 100 30
	wait_for "载入演示数据"
	keys n
	wait_gone "载入演示数据"
	keys n
	wait_for "还没有市场"
	keys a
	wait_for "新市场"
}

# first_market NAME [DISTRICT ADDRESS]: market_form, then the market added
# through it; leaves the program on the market list.
first_market() {
	market_form
	type_text "$1"
	[ $# -ge 3 ] && { keys Tab; type_text "$2"; keys Tab; type_text "$3"; }
	keys Enter
	wait_for "市场已添加"
}

# setup_market: a market with stalls A01 (veg) and A02 (cooked), through
# the screens; leaves the program on the stall registry.
setup_market() {
	first_market "东门农贸市场" "西湖区" "文三路1号"
	keys s
	wait_for "摊位登记"
	keys a; type_text "A01"; keys Tab; type_text "张三"; keys Tab; type_text "veg"; keys Enter
	wait_for "摊位已添加：A01"
	keys a; type_text "A02"; keys Tab; type_text "李四"; keys Tab; type_text "cooked"; keys Enter
	wait_for "摊位已添加：A02"
}

# walk_first_market: from the stall registry back to the markets, and the
# walk of a new inspection at the first one, on its market-wide items
walk_first_market() {
	keys Escape
	wait_for "选择市场"
	keys Enter
	wait_for "本处 0/9"
}

# quit: q, then the program must exit 0
quit() {
	keys q
	rc=$(wait_exit)
	[ "$rc" = 0 ] || fail "exit status $rc"
}

# no sanitizer or runtime report anywhere the program wrote
no_reports() {
	if grep -lE "AddressSanitizer|LeakSanitizer|runtime error" "$T/stderr" "$DB.log" 2>/dev/null; then
		cat "$T/stderr" "$DB.log" 2>/dev/null | head -40
		echo "FAIL: sanitizer report"; exit 1
	fi
}

# template_walk FILE: the program on template FILE (check-config must take
# it), the market "Harbour market" with stall X1 (Lee, grocer), and its walk
# opened at the market's first area.
template_walk() {
	cp "$1" "$T/template.ini"
	out=$("$BIN" check-config "$T/template.ini" 2>&1) || fail "template rejected: $out"
	sed -i "s|^template = .*|template = $T/template.ini|" "$T/c/stallcheck/stallcheck.ini"
	first_market "Harbour market"
	keys s
	wait_for "摊位登记"
	keys a; type_text "X1"; keys Tab; type_text "Lee"; keys Tab; type_text "grocer"; keys Enter
	wait_for "摊位已添加：X1"
	keys Escape
	wait_for "选择市场"
	keys Enter
}
