/* settings: placeholder until the configuration work lands. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>

const char *settings_datadir(void)
{
	const char *d = getenv("STALLCHECK_DATADIR");
	return d && *d ? d : SC_DATADIR;
}

int settings_find(const char *explicit_path, char *path, size_t pathsz)
{
	(void)explicit_path; (void)path; (void)pathsz;
	return -1;
}

int settings_load(struct settings *s, const char *path, struct sc_err *err)
{
	(void)path; (void)err;
	memset(s, 0, sizeof *s);
	return SC_OK;
}

void settings_dump(const struct settings *s, FILE *out)
{
	(void)s; (void)out;
}
