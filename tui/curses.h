/* curses: the one place that includes <curses.h> (ncursesw, wide API). */
#ifndef SC_TUI_CURSES_H
#define SC_TUI_CURSES_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#endif
