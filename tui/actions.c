/* actions: the action table. (The inspection-walk work fills this in.) */
#include "actions.h"

#include <stdio.h>

int actions_validate(const char *action, const char *keys, char *why, size_t whysz)
{
	(void)keys;
	snprintf(why, whysz, "unknown action '%s'", action);
	return -1;
}
