/* fsutil: small file-system helpers: directories, atomic writes. */
#ifndef SC_FSUTIL_H
#define SC_FSUTIL_H

#include <stddef.h>

#include "err.h"

/* Create the parent directories of path (mode 0700 for new ones). */
int fs_mkparents(const char *path, struct sc_err *err);

/* Create dir and its parents (mode 0700 for new ones). */
int fs_mkdirs(const char *dir, struct sc_err *err);

/* Write data to path atomically: a temporary file in the same directory,
 * fsync, rename, fsync of the directory. Fails with SC_ERR_CONFLICT when
 * path exists and !overwrite. mode: file mode (e.g. 0644). */
int fs_write_atomic(const char *path, const void *data, size_t len, int overwrite,
		    int mode, struct sc_err *err);

/* The same, always replacing path, with the temporary file made from tmpl
 * (a mkstemp template in path's directory, ending in XXXXXX). */
int fs_write_atomic_via(const char *path, const char *tmpl, const void *data, size_t len,
			int mode, struct sc_err *err);

/* Does path exist? */
int fs_exists(const char *path);

/* Read a whole small file (settings, templates, page templates):
 * NUL-terminated, malloc'd, caller frees. NULL on error, also past
 * FS_SMALL_MAX bytes (/dev/zero or a wrong file must not fill the memory). */
#define FS_SMALL_MAX (1024 * 1024)
char *fs_read_small(const char *path, size_t *len, struct sc_err *err);

#endif
