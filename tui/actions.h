/* actions: every key press becomes a named action first. One table gives the
 * enum, the names used in the [keys] section of stallcheck.ini, the default
 * keys and the help overlay. */
#ifndef SC_ACTIONS_H
#define SC_ACTIONS_H

#include <stddef.h>

/* Check one [keys] entry: is `action` a known action name and is `keys`
 * a valid key list? Returns 0, or -1 with the reason in why. */
int actions_validate(const char *action, const char *keys, char *why, size_t whysz);

#endif
