#!/bin/sh
# layers: core/ and config/ never include curses; core/ never includes
# iniparser, never prints to the terminal and never exits.
set -u
fail=0
hits=$(grep -rlE '#\s*include\s*[<"](n?curses|ncursesw/|curses|tui/)' core config 2>/dev/null)
[ -n "$hits" ] && { echo "curses or tui included outside tui/: $hits"; fail=1; }
hits=$(grep -rlE '#\s*include\s*[<"](iniparser|config/)' core 2>/dev/null)
[ -n "$hits" ] && { echo "core includes config or iniparser: $hits"; fail=1; }
hits=$(grep -rnE '\b(exit|abort|printf|puts|perror)\s*\(' core 2>/dev/null | grep -vE 'snprintf|vsnprintf|fprintf\(f,|fprintf\(out,')
[ -n "$hits" ] && { echo "core prints or exits:"; echo "$hits"; fail=1; }
hits=$(grep -rlE '#\s*include\s*[<"](cli/)' core config tui 2>/dev/null)
[ -n "$hits" ] && { echo "lower layers include cli/: $hits"; fail=1; }
[ $fail -eq 0 ] && echo "layers: ok"
exit $fail
