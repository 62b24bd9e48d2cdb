/* testutil: shared helpers for the cmocka tests. Include after cmocka.h. */
#ifndef SC_TESTUTIL_H
#define SC_TESTUTIL_H

#include <stddef.h>

/* A fresh temporary directory for this test (removed by tu_cleanup).
 * Returns a static path. */
const char *tu_tmpdir(void);

/* tu_path("x.db") -> "<tmpdir>/x.db" (static buffer, rotates over 8). */
const char *tu_path(const char *name);

/* Write text to a file under the tmp dir; returns its path. */
const char *tu_write(const char *name, const char *text);

/* Remove the tmp dir recursively. */
void tu_cleanup(void);

#endif
