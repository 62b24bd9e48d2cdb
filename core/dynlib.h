/* dynlib: a shared library opened when first needed rather than linked, so
 * its relocations (and those of everything it brings) do not cost every
 * start of the program (ICU, libvips, libxlsxwriter). */
#ifndef SC_DYNLIB_H
#define SC_DYNLIB_H

#include <stddef.h>

/* a function to look up, and where its address goes */
struct dynlib_sym {
	const char *name;
	void **slot;
};

/* Opens lib and fills each of the n slots. 0, or -1 with why (dlerror's
 * message, or the function lib lacks) in why. The library stays loaded. */
int dynlib_open(const char *lib, const struct dynlib_sym *syms, int n, char *why, size_t whysz);

#endif
