/* app: the main loop. (The inspection-walk work replaces this.) */
#include "tui.h"

#include <stdio.h>

int tui_run(struct settings *set)
{
	(void)set;
	fprintf(stderr, "stallcheck: the full-screen program is not built yet\n");
	return 1;
}
