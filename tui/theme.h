/* theme: colour roles mapped to curses attributes. Monochrome always
 * works; NO_COLOR forces it. Meaning is never carried by colour alone. */
#ifndef SC_TUI_THEME_H
#define SC_TUI_THEME_H

enum role {
	ROLE_NORMAL = 0, ROLE_TITLE, ROLE_HEADER, ROLE_SELECTED, ROLE_STATUS,
	ROLE_ERROR, ROLE_PASS, ROLE_FAIL, ROLE_MUTED, ROLE_CRITICAL, ROLE_COUNT
};

/* Set up the theme by name (default|mono|high-contrast); after initscr. */
void theme_init(const char *name);
/* Attributes for a role (an attr_t as unsigned long). */
unsigned long theme_attr(int role);

#endif
