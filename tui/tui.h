/* tui: the full-screen program. The only part of stallcheck that includes
 * curses (through tui/curses.h). */
#ifndef SC_TUI_H
#define SC_TUI_H

#include "config/settings.h"

/* Run the interactive program with these settings until the user quits;
 * config_path (--config, may be NULL) is where a first start writes the
 * name it asks for. Returns the process exit status. */
int tui_run(struct settings *set, const char *config_path);

#endif
