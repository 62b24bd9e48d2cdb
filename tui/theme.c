/* theme: roles -> attributes for the three themes. */
#include "theme.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"

static attr_t attrs[ROLE_COUNT];

static void mono(void)
{
	attrs[ROLE_NORMAL] = A_NORMAL;
	attrs[ROLE_TITLE] = A_REVERSE | A_BOLD;
	attrs[ROLE_HEADER] = A_BOLD | A_UNDERLINE;
	attrs[ROLE_SELECTED] = A_REVERSE;
	attrs[ROLE_STATUS] = A_BOLD;
	attrs[ROLE_ERROR] = A_BOLD | A_REVERSE;
	attrs[ROLE_PASS] = A_NORMAL;
	attrs[ROLE_FAIL] = A_BOLD;
	attrs[ROLE_MUTED] = A_DIM;
	attrs[ROLE_CRITICAL] = A_BOLD | A_UNDERLINE;
}

void theme_init(const char *name)
{
	mono();
	const char *nc = getenv("NO_COLOR");
	if ((nc && *nc) || !name || strcmp(name, "mono") == 0 || !has_colors())
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	int hc = strcmp(name, "high-contrast") == 0;
	int bg = hc ? COLOR_BLACK : -1;
	init_pair(1, COLOR_WHITE, COLOR_BLUE);          /* title */
	init_pair(2, hc ? COLOR_WHITE : COLOR_CYAN, bg); /* header */
	init_pair(3, COLOR_GREEN, bg);                  /* pass */
	init_pair(4, COLOR_RED, bg);                    /* fail */
	init_pair(5, COLOR_WHITE, COLOR_RED);           /* error, critical */
	init_pair(6, COLOR_YELLOW, bg);                 /* status */
	init_pair(7, COLOR_WHITE, bg);                  /* normal (hc) */
	attrs[ROLE_TITLE] = COLOR_PAIR(1) | A_BOLD;
	attrs[ROLE_HEADER] = COLOR_PAIR(2) | A_BOLD;
	attrs[ROLE_PASS] = COLOR_PAIR(3) | (hc ? A_BOLD : 0);
	attrs[ROLE_FAIL] = COLOR_PAIR(4) | A_BOLD;
	attrs[ROLE_ERROR] = COLOR_PAIR(5) | A_BOLD;
	attrs[ROLE_CRITICAL] = COLOR_PAIR(5) | A_BOLD;
	attrs[ROLE_STATUS] = COLOR_PAIR(6) | (hc ? A_BOLD : 0);
	if (hc) {
		attrs[ROLE_NORMAL] = COLOR_PAIR(7) | A_BOLD;
		attrs[ROLE_MUTED] = COLOR_PAIR(7);
	}
}

unsigned long theme_attr(int role)
{
	return role >= 0 && role < ROLE_COUNT ? attrs[role] : A_NORMAL;
}
