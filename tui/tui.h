/* tui: the full-screen program. The only part of stallcheck that includes
 * curses (through tui/curses.h). */
#ifndef SC_TUI_H
#define SC_TUI_H

#include "config/settings.h"

/* Run the interactive program with these settings until the user quits.
 * Returns the process exit status. */
int tui_run(struct settings *set);

#endif
