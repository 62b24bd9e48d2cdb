/* userini: writes the inspector's name and unit into the user's settings
 * file (the first start asks for them). Only the [inspector] keys change;
 * every other line and comment is kept byte for byte. */
#ifndef SC_USERINI_H
#define SC_USERINI_H

#include <stddef.h>

#include "core/err.h"

/* The file the program writes: explicit_path (--config) when given, else
 * settings_user_file, the first place settings_find reads. */
void userini_path(const char *explicit_path, char *path, size_t pathsz);

/* Set [inspector] name and unit in path: keys already there are replaced
 * in place, missing ones go right under the [inspector] header, a missing
 * section is added at the end. Creates the parent directories (0700) and
 * writes atomically (0600). Returns SC_OK, or an error naming the path and
 * the reason; the file is then as it was. */
int userini_set_inspector(const char *path, const char *name, const char *unit,
			  struct sc_err *err);

/* The same edit on text (NUL-ended) in memory, for the writer and its test:
 * a new string the caller frees, or NULL (SC_ERR_INVALID in err) when a
 * value cannot be written in INI (a newline or control character, or an
 * ASCII double quote). */
char *userini_edit(const char *text, const char *name, const char *unit, struct sc_err *err);

#endif
