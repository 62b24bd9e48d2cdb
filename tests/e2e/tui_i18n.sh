#!/bin/sh
# tui_i18n: the full-screen program shows core's errors in its own language:
# an empty market name refused by core/store.c reads 市场名称为空, not
# "market name is empty" (nothing English in the status line).
set -u
. tests/e2e/lib/tui.sh

market_form
keys Enter
wait_for "市场名称为空"
screen | grep -q "is empty" && fail "an English error on the screen"
keys Escape
wait_gone "新市场"
quit
no_reports
echo "tui_i18n: ok"
